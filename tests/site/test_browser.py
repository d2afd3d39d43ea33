"""The built site in real headless Chromium (Debian's), driven by Playwright for Python.

Screenshots go to _build/screenshots/ for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from sitebuild import ROOT, Build, sphinx_build

# Debian's Chromium; SEMINAR_CHROMIUM names another build of it if needed.
CHROMIUM = os.environ.get("SEMINAR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests/browser/node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "_build" / "screenshots"
MISSING = [what for what, there in (("Debian's chromium", Path(CHROMIUM).exists()), ("axe-core (npm)", AXE.exists())) if not there]
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"{' and '.join(MISSING)} not installed: run 'bash scripts/install-browser.sh' (.ci/run does)"
)

PAGES = {
    "landing": "index.html",
    "session": "sessions/2024-25/2024-11-04-graph-topological-nn-1.html",
    "references": "docs/references.html",
    "speakers": "docs/speakers.html",
}
# Chromium as root, headless, without the background traffic this closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = sphinx_build(ROOT, tmp_path_factory.mktemp("browser") / "html", "-D", "html_baseurl=https://example.org/seminar/")
    assert build.returncode == 0, build.warnings
    return build


@pytest.fixture(scope="module")
def site(built: Build) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built.outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Nothing but the local site: the pages must work offline.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), lambda route: route.abort())
    tab = context.new_page()
    yield tab
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_schedule_marks_the_next_meeting_for_the_readers_date(page, site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2025, 1, 22, 12, 0))
    page.goto(site + PAGES["landing"])
    rows = page.locator("table.schedule tbody tr")
    assert rows.count() == 20
    nxt = page.locator("table.schedule tr.next")
    assert nxt.count() == 1
    assert "Learning Dynamical Systems II" in nxt.inner_text() and "27.01.2025" in nxt.inner_text()
    assert page.locator("table.schedule tr.past").count() == 9  # 04.11.2024 to 20.01.2025
    summary = page.locator("p.next-meeting")
    assert summary.inner_text().startswith("Next meeting: Learning Dynamical Systems II, Mon, 27.01.2025, 14:00–15:30 Leipzig time")
    shot(page, "landing")


def test_before_the_term_the_first_meeting_is_next(page, site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2024, 10, 1, 9, 0))
    page.goto(site + PAGES["landing"])
    assert "04.11.2024" in page.locator("table.schedule tr.next").inner_text()
    assert page.locator("table.schedule tr.past").count() == 0


# A student's clock around the meeting of Monday 27.01.2025 (14:00–15:30 in
# Leipzig, Europe/Berlin), in Leipzig and in New York.  seminar.js takes the
# moment from the reader's clock: a meeting that has ended is past, and the
# first that has not is "Next".  In New York the line adds the reader's own
# time (08:00–09:30 there in winter).
LDS_II = "Next meeting: Learning Dynamical Systems II, Mon, 27.01.2025, 14:00–15:30 Leipzig time{own}, MIS, A3 01."
HAASE = "Next meeting: Large Language Models for Code Generation, Mon, 03.02.2025, 14:00–15:30 Leipzig time{own}, MIS, A3 01."
OWN_TIME = {"Europe/Berlin": "", "America/New_York": " · 08:00–09:30 your time"}
READERS_CLOCK = {
    # Monday morning, before the meeting begins in either zone (07:30 in New York is 13:30 in Leipzig).
    "on the meeting day": ((2025, 1, 27, 7, 30), "Mon Jan 27 2025 07:30", "27.01.2025", 9, LDS_II),
    # Just after midnight: yesterday's meeting is over (in Leipzig it is still Monday in UTC).
    "on the day after the meeting": ((2025, 1, 28, 0, 30), "Tue Jan 28 2025 00:30", "03.02.2025", 10, HAASE),
    # One minute before midnight: tomorrow's meeting is next, last week's is past (in New York it is already Monday in UTC).
    "at 23:59 the evening before": ((2025, 1, 26, 23, 59), "Sun Jan 26 2025 23:59", "27.01.2025", 9, LDS_II),
}


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
@pytest.mark.parametrize("moment", list(READERS_CLOCK))
def test_the_next_meeting_follows_the_readers_own_date(browser, site: str, zone: str, moment: str) -> None:
    wall_clock, local_time, next_date, past, summary = READERS_CLOCK[moment]
    context = browser.new_context(timezone_id=zone, viewport={"width": 1280, "height": 900})
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), lambda route: route.abort())
    tab = context.new_page()
    try:
        tab.clock.set_fixed_time(dt.datetime(*wall_clock, tzinfo=ZoneInfo(zone)))
        tab.goto(site + PAGES["landing"])
        # The browser's clock is the reader's wall clock in their own zone.
        assert tab.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
        assert tab.evaluate("new Date().toString()").startswith(local_time)
        nxt = tab.locator("table.schedule tr.next")
        assert nxt.count() == 1
        assert next_date in nxt.locator("td").nth(1).inner_text()
        assert nxt.locator("td").last.locator(".next-label").inner_text() == "Next"
        assert tab.locator("table.schedule tr.past").count() == past
        assert tab.locator("p.next-meeting").inner_text() == summary.format(own=OWN_TIME[zone])
    finally:
        context.close()


def test_schedule_is_complete_without_javascript(browser, site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site + PAGES["landing"])
    assert tab.locator("table.schedule tbody tr").count() == 20
    assert tab.locator("table.schedule tbody tr.session a").count() == 16
    assert tab.locator("tr.next").count() == 0
    context.close()


def test_every_internal_link_resolves(built: Build, site: str) -> None:
    seen: set[str] = set()
    queue = [site + "index.html"]
    broken = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except OSError as error:
            broken.append((url, str(error)))
            continue
        if kind != "text/html":
            continue
        soup = BeautifulSoup(body, "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("mailto:", "javascript:")):
                continue
            target = urllib.parse.urljoin(url, ref)
            if not target.startswith(site):
                continue
            path, _, fragment = target.partition("#")
            path = path.split("?")[0]
            if fragment and path.endswith(".html"):
                linked = built.outdir / path[len(site):]
                if linked.is_file() and not BeautifulSoup(linked.read_text(), "html.parser").find(id=fragment):
                    broken.append((f"{url} -> {target}", "no such anchor"))
            queue.append(path)
    assert not broken, broken
    assert len(seen) > 40  # pages, calendars, PDFs of the schedule's links, BibTeX files


def test_no_sideways_scroll_at_375_pixels(page, site: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    for name, path in PAGES.items():
        page.goto(site + path)
        width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width[0] <= width[1], (name, width)
        shot(page, f"{name}-375px")


# Each box that must not scroll sideways on a phone: [name, scrollWidth, clientWidth].  The content
# box is Furo's column around the article (whose headings bleed 0.5rem into its padding, by design).
SIDEWAYS = """() => [["page", document.documentElement], ["body", document.body],
                      ["content", document.querySelector("div.content") || document.querySelector("main")]]
  .map(([name, el]) => [name, el.scrollWidth, el.clientWidth])"""


@pytest.mark.parametrize("name", ["landing", "session", "speakers"])
def test_at_375_pixels_neither_the_page_nor_the_body_nor_the_content_scrolls_sideways(page, site: str, name: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site + PAGES[name])
    page.wait_for_load_state("networkidle")
    boxes = page.evaluate(SIDEWAYS)
    assert [box for box in boxes if box[1] > box[2]] == [], boxes


def test_at_375_pixels_each_meeting_is_one_stacked_entry_inside_the_screen(page, site: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site + "sessions/2024-25/index.html")
    rows = page.evaluate("""() => [...document.querySelectorAll('table.schedule tbody tr')].map(tr => {
        const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
        const cell = name => tr.querySelector('td.column-' + name);
        return {topic: box(cell('topic').querySelector('a') || cell('topic')), date: box(cell('date')),
                speaker: box(cell('speaker')), time: box(cell('time')), shown: getComputedStyle(cell('speaker')).display,
                meeting: tr.classList.contains('session'), width: innerWidth};
    })""")
    meetings = [row for row in rows if row["meeting"]]
    assert len(meetings) == 16
    for row in meetings:
        left, right, top, bottom = row["topic"]
        assert 0 <= left and right <= row["width"], row  # every row's topic link lies inside the viewport
        # The date and time first, then the title, then the speaker.
        assert row["date"][3] <= top and row["time"][3] <= top and bottom <= row["speaker"][2], row
    shot(page, "term-375px")


CONTRAST = """(selector) => {
  // WCAG contrast of each element's text against what is really behind it:
  // translucent backgrounds are composited over the ones below them.
  function rgba(c) { const v = c.match(/[\\d.]+/g).map(Number); return v.length === 4 ? v : [...v, 1]; }
  function behind(el) {
    const layers = [];
    for (; el; el = el.parentElement) {
      const b = rgba(getComputedStyle(el).backgroundColor);
      if (b[3] > 0) layers.push(b);
      if (b[3] === 1) break;
    }
    let base = layers.length && layers[layers.length - 1][3] === 1 ? layers.pop() : [255, 255, 255, 1];
    while (layers.length) {
      const top = layers.pop();
      base = [0, 1, 2].map(i => top[i] * top[3] + base[i] * (1 - top[3])).concat([1]);
    }
    return base;
  }
  function lum(c) { return c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                       .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); }
  return [...document.querySelectorAll(selector)].map(el => {
    const a = lum(rgba(getComputedStyle(el).color)), b = lum(behind(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}"""


def test_dark_mode_keeps_the_schedule_readable(browser, site: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.clock.set_fixed_time(dt.datetime(2025, 1, 22, 12, 0))
    tab.goto(site + PAGES["landing"])
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    selector = "table.schedule td, table.schedule th, table.schedule td a, .next-label, p.next-meeting"
    ratios = tab.evaluate(CONTRAST, selector)
    assert len(ratios) > 100 and min(ratios) >= 4.5, min(ratios)
    shot(tab, "landing-dark")
    context.close()


def test_math_renders_offline(page, site: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + PAGES["session"])
    page.wait_for_selector("mjx-container", timeout=30000)
    assert page.locator("mjx-container").count() > 50
    assert page.locator("mjx-merror").count() == 0  # no TeX errors
    assert not [url for url in requested if not url.startswith(site)], "the page asked for a remote resource"
    shot(page, "session-math")


AXE_PAGES = {**PAGES, "following": "docs/following.html", "term": "sessions/2024-25/index.html"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_or_critical_violation(browser, site: str, name: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:).*"), lambda route: route.abort())
    page = context.new_page()
    page.goto(site + AXE_PAGES[name])
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert not serious, serious
    shot(page, f"{name}-{width}px-{scheme}")
    context.close()


def _printed(page, url: str, path: Path) -> list[str]:
    """The page printed by Chromium to a PDF; the text of each of its pages (pdftotext)."""
    import subprocess

    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.pdf(path=str(path), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_printed_pages_hold_the_content_without_navigation_and_keep_each_row_on_one_page(page, site: str, tmp_path: Path) -> None:
    page.clock.set_fixed_time(dt.datetime(2025, 1, 22, 12, 0))
    pages = _printed(page, site + "sessions/2024-25/index.html", tmp_path / "term.pdf")
    whole = "\n".join(pages)
    assert "Skip to content" not in whole and "Hide navigation sidebar" not in whole
    # The sidebar's entries are not printed: the archive's other pages are not named.
    assert "Following the seminar" not in whole and "Contents" not in whole
    assert len(pages) >= 2 and "Learning Dynamical Systems II" in whole and "Next" in whole
    # Each meeting's date and its title are on the same sheet.
    for date, title in (("13.01.2025", "Autoencoder"), ("03.02.2025", "Haase"), ("07.04.2025", "Computing")):
        (sheet,) = [i for i, text in enumerate(pages) if date in text]
        assert title in pages[sheet], (date, title)
    page.emulate_media(media="print")
    label = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.next-label'));
        return [s.color, s.backgroundColor, s.display]; }""")
    assert label[0] == "rgb(0, 0, 0)" and label[1] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") and label[2] != "none", label
    assert set(page.evaluate("[...document.querySelectorAll('table.schedule tbody tr')].map(tr => getComputedStyle(tr).breakInside)")) == {"avoid"}
    session = _printed(page, site + PAGES["session"], tmp_path / "session.pdf")
    assert "Skip to content" not in "\n".join(session) and "Graph and Topological Neural Networks I" in session[0]


MATH_BOXES = """() => {
  const box = el => { const r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const meets = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const right = document.querySelector('article').getBoundingClientRect().right;
  const display = [...document.querySelectorAll('div.math')].filter(d => d.querySelector('mjx-container'));
  return {
    display: display.length,
    overlapping: display.filter(d => d.querySelector('span.eqno'))
      .filter(d => meets(box(d.querySelector('span.eqno')), box(d.querySelector('mjx-container')))).length,
    numbered: display.filter(d => d.querySelector('span.eqno')).length,
    past_edge: [...document.querySelectorAll('mjx-container')].filter(m => m.getBoundingClientRect().right > right + 1).length,
    scrolling: display.filter(d => { const m = d.querySelector('mjx-container');
      return m.scrollWidth > m.clientWidth && getComputedStyle(m).overflowX === 'auto'; }).length,
  };
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_maths_fits_the_column_and_no_equation_number_overlaps_its_formula(page, site: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + PAGES["session"])
    page.wait_for_selector("mjx-container", timeout=30000)
    page.wait_for_load_state("networkidle")
    found = page.evaluate(MATH_BOXES)
    assert found["display"] > 15 and found["numbered"] > 5, found
    assert found["overlapping"] == 0 and found["past_edge"] == 0, found
    if width == 375:  # the wide formulas scroll inside their own boxes
        assert found["scrolling"] >= 10, found
        shot(page, "session-math-375px")


def test_the_readers_time_has_its_own_line_and_no_time_range_or_room_breaks(browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="America/New_York")
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2025, 1, 22, 12, 0))
    page.goto(site + PAGES["landing"])
    page.wait_for_selector("table.schedule span.reader-time")  # the landing panels before it are hidden but one
    found = page.evaluate("""() => {
      const lines = el => { const r = el.getBoundingClientRect(); return r.height / parseFloat(getComputedStyle(el).lineHeight || 20); };
      const time = document.querySelector('table.schedule time.seminar-time');
      const own = time.parentNode.querySelector('span.reader-time');
      const s = getComputedStyle(own), t = getComputedStyle(time);
      return {
        own_below: own.getBoundingClientRect().top >= time.getBoundingClientRect().bottom - 1,
        smaller: parseFloat(s.fontSize) < parseFloat(t.fontSize), colour: s.color,
        secondary: getComputedStyle(document.body).getPropertyValue('--color-foreground-secondary').trim(),
        separator_shown: getComputedStyle(own.querySelector('.reader-time-separator')).display !== 'none',
        broken_ranges: [...document.querySelectorAll('time.seminar-time, span.unbroken')]
          .filter(el => el.getClientRects().length > 1).map(el => el.textContent),
        broken_rooms: [...document.querySelectorAll('table.schedule td.column-room p')]
          .filter(p => p.getClientRects()[0].height > 1.6 * parseFloat(getComputedStyle(p).lineHeight)).map(p => p.textContent),
        sentence: document.querySelector('p.next-meeting').textContent,
      };
    }""")
    context.close()
    assert found["own_below"] and found["smaller"] and not found["separator_shown"], found
    assert found["colour"] == "rgb(90, 92, 99)" and found["secondary"] == "#5a5c63", found
    assert found["broken_ranges"] == [] and found["broken_rooms"] == [], found
    assert found["sentence"] == ("Next meeting: Learning Dynamical Systems II, Mon, 27.01.2025, 14:00–15:30 Leipzig time"
                                 " · 08:00–09:30 your time, MIS, A3 01.")
