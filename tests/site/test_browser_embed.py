"""The embed page by the reader's clock, whenever it was built, in real headless Chromium.

The unit fixture's pages (``tests/unit/fixture_site.py``: the spring term of 2031 to
28 March, the autumn term from 6 October) built once, as of the meeting day of
Monday 20 January 2031; then ``embed.html`` opened with Playwright's clock set weeks
and months later: it shows the meetings still to come, not the past ones, the
autumn term's once spring is over, and that none is planned after the last.  Its
viewport on a phone, its colours in a light and a dark scheme, and screenshots of it
in a light and a dark host page (``_build/screenshots/embed-*.png``).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild import Build, sphinx_build
from test_browser import AXE, CHROMIUM, SCREENSHOTS, QuietHandler, browser
from unit.fixture_site import write_site

__all__ = ["browser"]  # a pytest fixture

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium not installed: run 'bash scripts/install-browser.sh' (.ci/run does)")

UTC = dt.UTC
BUILT = "2031-01-20"
#: The titles of the autumn term's meetings.
AUTUMN = ["Online Only", "Hybrid", "Morse Theory I", "Morse Theory II"]
HOST = """<!DOCTYPE html>
<html lang="en" style="color-scheme: {scheme}; background: {background}; color: {color}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title></head>
<body style="font: 16px/1.5 sans-serif; margin: 1em">
<h1>An institute's page ({scheme})</h1>
<p>The seminar's coming meetings:</p>
<iframe src="embed.html" title="Coming meetings" style="width: 100%; max-width: 40em; height: 32em; border: 1px solid {border}"></iframe>
</body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture built on the meeting day, with a light and a dark host page beside its embed, served."""
    source = write_site(tmp_path_factory.mktemp("embed") / "src")
    build: Build = sphinx_build(source, tmp_path_factory.mktemp("embed-html") / "html", "-D", f"seminar_today={BUILT}")
    assert build.returncode == 0, build.warnings
    for scheme, background, color, border in (("light", "#fafafa", "#222", "#ccc"), ("dark", "#15171a", "#e8e8e8", "#444")):
        (build.outdir / f"host-{scheme}.html").write_text(
            HOST.format(scheme=scheme, background=background, color=color, border=border), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(build.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _open(browser, url: str, moment: dt.datetime, **options):
    context = browser.new_context(timezone_id="Europe/Berlin", locale="en-GB", **options)
    context.route(lambda address: not address.startswith("http://127.0.0.1:"), lambda route: route.abort())
    tab = context.new_page()
    tab.clock.set_fixed_time(moment)
    tab.goto(url)
    return context, tab


def _shown(tab) -> list[tuple[str, str]]:
    """Each visible entry's status and title."""
    return [tuple(x) for x in tab.eval_on_selector_all(
        "ol.seminar-next > li",
        "items => items.filter(i => i.offsetParent !== null)"
        ".map(i => [i.querySelector('.status').textContent, i.querySelector('a').textContent])")]


def _none_shown(tab) -> bool:
    return tab.locator("#none").is_visible()


def test_weeks_after_the_build_it_shows_the_meetings_still_to_come(browser, site: str) -> None:
    # Wednesday 5 March 2031: seven weeks after the build; the meetings of January and February are past.
    context, tab = _open(browser, site + "embed.html", dt.datetime(2031, 3, 5, 12, 0, tzinfo=UTC))
    try:
        assert _shown(tab) == [("Next: ", "To be announced"), ("", "The Analytical Engine"), ("", "Far Away"),
                               ("", "Online Only"), ("", "Hybrid")]
        assert tab.locator("li:visible .when").first.inner_text() == "Mon, 10.03.2031, 15:00–16:30 Berlin time"
        assert not _none_shown(tab)
    finally:
        context.close()


def test_after_its_term_it_shows_the_next_terms_meetings(browser, site: str) -> None:
    # 1 May 2031, between the terms: the file, built in January, carries the autumn term too.
    context, tab = _open(browser, site + "embed.html", dt.datetime(2031, 5, 1, 12, 0, tzinfo=UTC))
    try:
        assert _shown(tab) == [("Next: ", AUTUMN[0])] + [("", title) for title in AUTUMN[1:]]
        assert not _none_shown(tab)
    finally:
        context.close()


@pytest.mark.parametrize("moment", [dt.datetime(2031, 11, 3, 14, 30, tzinfo=UTC), dt.datetime(2032, 3, 1, 12, 0, tzinfo=UTC)],
                         ids=["at the end of the last meeting", "months later"])
def test_after_the_last_meeting_it_says_none_are_planned(browser, site: str, moment: dt.datetime) -> None:
    context, tab = _open(browser, site + "embed.html", moment)
    try:
        assert _shown(tab) == []
        assert tab.locator("#none").inner_text() == "No meetings are planned at the moment."
        assert _none_shown(tab)
    finally:
        context.close()


@pytest.mark.parametrize(("moment", "expected"), [
    # Monday 17 March 2031, 15:00–16:30 in Berlin (14:00–15:30 UTC): a minute before, in the middle, at the end.
    (dt.datetime(2031, 3, 17, 13, 59, tzinfo=UTC), ("Next: ", "The Analytical Engine")),
    (dt.datetime(2031, 3, 17, 14, 45, tzinfo=UTC), ("Now, until 16:30: ", "The Analytical Engine")),
    (dt.datetime(2031, 3, 17, 15, 30, tzinfo=UTC), ("Next: ", "Far Away")),
], ids=["a minute before", "in the middle", "at the end"])
def test_during_a_meeting_weeks_after_the_build_it_says_now(browser, site: str, moment: dt.datetime, expected) -> None:
    context, tab = _open(browser, site + "embed.html", moment)
    try:
        assert _shown(tab)[0] == expected
        assert tab.locator("li.now").count() == (expected[0] != "Next: ")
    finally:
        context.close()


def test_without_javascript_it_shows_the_builds_choice(browser, site: str) -> None:
    context, tab = _open(browser, site + "embed.html", dt.datetime(2031, 5, 1, 12, 0, tzinfo=UTC), java_script_enabled=False)
    try:
        assert [title for _, title in _shown(tab)] == ["Invariants", "Cancelled Talk", "Moved by a Day", "Moved in Time",
                                                       "Moved in Space"]
        assert not _none_shown(tab)
    finally:
        context.close()


def test_on_a_phone_it_is_laid_out_at_the_phones_width(browser, site: str) -> None:
    # A phone lays a page without a viewport tag out 980 px wide.
    context, tab = _open(browser, site + "embed.html", dt.datetime(2031, 3, 5, 12, 0, tzinfo=UTC),
                         viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        widths = tab.evaluate("() => [document.documentElement.clientWidth, document.documentElement.scrollWidth,"
                              " document.body.scrollWidth, window.innerWidth]")
        assert widths[0] == 375 and widths[3] == 375, widths
        assert widths[1] <= widths[0] and widths[2] <= widths[0], widths
    finally:
        context.close()


# The relative luminance and contrast ratio of WCAG 2, of colours normalised by a canvas
# (getComputedStyle may give rgb(), or color(srgb ...) for a color-mix()).
CONTRASTS = """() => {
  const ctx = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  function rgba(c) { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = "#000"; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
                     return Array.from(ctx.getImageData(0, 0, 1, 1).data); }
  function lum(c) { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                    return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
  const back = getComputedStyle(document.documentElement).backgroundColor;
  const found = {background: [back, rgba(back)]};
  document.getElementById("none").hidden = false;
  for (const sel of [".when", ".status", "a", ".speaker", "#none"]) {
    const el = document.querySelector("li:not([hidden]) " + sel) || document.querySelector(sel);
    const fore = getComputedStyle(el).color, [l1, l2] = [lum(rgba(fore)), lum(rgba(back))];
    found[sel] = [fore, (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)];
  }
  return found;
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_its_text_contrasts_with_its_background_in_a_light_and_a_dark_scheme(browser, site: str, scheme: str) -> None:
    context, tab = _open(browser, site + "embed.html", dt.datetime(2031, 3, 5, 12, 0, tzinfo=UTC), color_scheme=scheme)
    try:
        found = tab.evaluate(CONTRASTS)
        background = found.pop("background")
        assert background[1][3] == 255, background  # its own background: readable on any host page
        assert (sum(background[1][:3]) < 3 * 64) is (scheme == "dark"), background
        assert all(ratio >= 4.5 for _, ratio in found.values()), found
    finally:
        context.close()


@pytest.mark.skipif(not AXE.exists(), reason="axe-core (npm) not installed: run 'bash scripts/install-browser.sh' (.ci/run does)")
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation_in_the_embed(browser, site: str, scheme: str, width: int) -> None:
    context, tab = _open(browser, site + "embed.html", dt.datetime(2031, 3, 17, 14, 45, tzinfo=UTC), color_scheme=scheme,
                         viewport={"width": width, "height": 800})
    try:
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("async () => await axe.run(document)")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert not serious, serious
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_in_a_host_page(browser, site: str, scheme: str, width: int) -> None:
    """For a person to look at: the embed in an iframe of a light and of a dark host page."""
    context, tab = _open(browser, site + f"host-{scheme}.html", dt.datetime(2031, 3, 17, 14, 45, tzinfo=UTC),
                         color_scheme=scheme, viewport={"width": width, "height": 800}, is_mobile=width < 500)
    try:
        frame = tab.frame_locator("iframe")
        assert frame.locator("li.now").inner_text().count("Now, until 16:30: The Analytical Engine") == 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"embed-{scheme}-{width}.png"), full_page=True)
    finally:
        context.close()
