"""The landing page's next meeting first (issue 24, point 5), in real headless Chromium with a fixed clock.

The unit fixture's pages (``tests/unit/fixture_site.py``) built as a site on 13 January 2031: its
landing page has a panel for each meeting of the spring and autumn terms that is not cancelled.
``static/seminar.js`` shows the one that is next by the reader's clock: before the meeting of
Monday 20 January 2031 (15:00-16:30 Berlin, 14:00-15:30 UTC) and during it, after it (the
cancelled talk of 27 January is skipped), after the last meeting of the spring term (the autumn
term's first is next) and after the last of all (a sentence says so). Without JavaScript the
build's choice shows. Its links: the session's .ics (a file of the build), Google Calendar with
the meeting's dates, Outlook; and Subscribe.  The real site's landing page is checked as HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitebuild import ROOT, Build, sphinx_build
from test_browser import CHROMIUM, QuietHandler, browser, shot
from unit.fixture_site import write_site

__all__ = ["browser"]  # a pytest fixture

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium not installed: run 'bash scripts/install-browser.sh' (.ci/run does)")

UTC = dt.UTC
# moment -> (the title shown, its label, the Google link's dates)
MOMENTS = {
    "a minute before a meeting": (dt.datetime(2031, 1, 20, 13, 59, tzinfo=UTC), "Invariants", "Next",
                                  "20310120T140000Z/20310120T153000Z"),
    "during it": (dt.datetime(2031, 1, 20, 14, 30, tzinfo=UTC), "Invariants", "Now, until 16:30",
                  "20310120T140000Z/20310120T153000Z"),
    "after it (the cancelled talk is skipped)": (dt.datetime(2031, 1, 20, 15, 30, tzinfo=UTC), "Moved by a Day", "Next",
                                                 "20310204T140000Z/20310204T153000Z"),
    # The spring term's last meeting, in New York, ends at 15:00 UTC on 24 March.
    "after the last meeting of a term": (dt.datetime(2031, 3, 24, 15, 0, tzinfo=UTC), "Online Only", "Next",
                                         "20311013T120000Z/20311013T133000Z"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    source = write_site(tmp_path_factory.mktemp("next") / "src")
    # With Furo, as the real site: its sidebar has the navigation that the landing page's body does not.
    build = sphinx_build(source, tmp_path_factory.mktemp("next-html") / "html", "-D", "seminar_today=2031-01-13", "-D", "html_theme=furo")
    assert build.returncode == 0, build.warnings
    return build


@pytest.fixture(scope="module")
def served(built: Build) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(built.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site with an address (for webcal://), served."""
    build = sphinx_build(ROOT, tmp_path_factory.mktemp("next-real") / "html", "-D", "html_baseurl=https://example.org/seminar/")
    assert build.returncode == 0, build.warnings
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(build.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _open(browser, served: str, moment: dt.datetime | None, *, zone: str = "Europe/Berlin", javascript: bool = True, **options):
    context = browser.new_context(timezone_id=zone, locale="en-GB", java_script_enabled=javascript, **options)
    context.route(lambda address: not address.startswith("http://127.0.0.1:"), lambda route: route.abort())
    tab = context.new_page()
    if moment is not None:
        tab.clock.set_fixed_time(moment)
    tab.goto(served + "index.html")
    return context, tab


def _shown(tab) -> list[str]:
    return [tab.locator("div.next-candidate:visible p.next-title").nth(i).inner_text()
            for i in range(tab.locator("div.next-candidate:visible").count())]


@needs_chromium
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_the_panel_shows_the_next_meeting_by_the_readers_clock(browser, served: str, built: Build, moment: str) -> None:
    when, title, label, dates = MOMENTS[moment]
    context, tab = _open(browser, served, when)
    try:
        assert _shown(tab) == [title]
        panel = tab.locator("div.next-candidate:visible")
        assert panel.locator(".next-label").inner_text() == label
        assert not tab.locator("p.next-none").is_visible()
        # Add to calendar: the session's own .ics, a file of the build; Google with the meeting's dates.
        ics = panel.locator("a.next-ics").get_attribute("href")
        assert ics.endswith(".ics") and (built.outdir / ics).is_file(), ics
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(panel.locator("a.calendar-google").get_attribute("href")).query)
        assert query["dates"] == [dates] and query["text"] == [title]
        outlook = urllib.parse.urlsplit(panel.locator("a.calendar-outlook").get_attribute("href"))
        assert outlook.netloc == "outlook.office.com" and urllib.parse.parse_qs(outlook.query)["subject"] == [title]
        # Read more and the title lead to the same page, one that exists.
        page = panel.locator("p.next-title a").get_attribute("href")
        assert (built.outdir / page).is_file()
        # Subscribe: the whole schedule, webcal:// where the site's address is known (the fixture has html_baseurl).
        assert tab.locator("a.next-subscribe-link").get_attribute("href") == "webcal://seminar.example.org/schedule.ics"
    finally:
        context.close()


@needs_chromium
def test_after_the_last_meeting_the_panel_says_none_is_planned(browser, served: str) -> None:
    context, tab = _open(browser, served, dt.datetime(2031, 11, 4, 12, 0, tzinfo=UTC))
    try:
        assert _shown(tab) == []
        assert tab.locator("p.next-none").inner_text() == "No meeting is planned at the moment."
        assert tab.locator("p.next-subscribe").is_visible()
    finally:
        context.close()


@needs_chromium
def test_without_javascript_the_builds_choice_shows(browser, served: str) -> None:
    context, tab = _open(browser, served, None, javascript=False)
    try:
        assert _shown(tab) == ["Random Walks on Graphs"]  # the build's day, 13 January 2031
        assert not tab.locator("p.next-none").is_visible()
    finally:
        context.close()


@needs_chromium
def test_the_panel_gives_the_readers_own_time_and_the_rooms_address(browser, served: str) -> None:
    # The New York meeting, 10:00-11:00 there (EDT), for a reader in Tokyo: 23:00-00:00.
    context, tab = _open(browser, served, dt.datetime(2031, 3, 24, 12, 0, tzinfo=UTC), zone="Asia/Tokyo")
    try:
        panel = tab.locator("div.next-candidate:visible")
        assert panel.locator("p.next-title").inner_text() == "Far Away"
        assert panel.locator("p.next-speaker").inner_text() == "Emmy Noether (Bryn Mawr College)"
        assert panel.locator("p.next-time time").inner_text() == "10:00–11:00"
        assert panel.locator("p.next-time .reader-time-text").inner_text() == "23:00–00:00 your time"
        assert panel.locator("p.next-room").inner_text() == "Hall 3 (3 Example Avenue, New York, NY 10001, USA)"
    finally:
        context.close()


@needs_chromium
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_landing_body_has_no_visible_toctree_and_the_panel_fits(browser, served: str, width: int, scheme: str) -> None:
    context, tab = _open(browser, served, MOMENTS["during it"][0], viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        assert tab.locator("article .toctree-wrapper a:visible").count() == 0
        assert tab.locator(".sidebar-tree a").count() > 0  # Furo's navigation keeps the pages
        box = tab.locator("div.seminar-next").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        shot(tab, f"next-meeting-{width}-{scheme}")
    finally:
        context.close()


@needs_chromium
def test_the_landing_page_opens_with_the_next_talk_and_no_toctree_in_its_body(browser, real_site: str) -> None:
    """Read on 10 March 2025 (built after the term): the panel shows Varieties in ML I by the reader's clock."""
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, timezone_id="America/New_York")
        tab = context.new_page()
        tab.clock.set_fixed_time(dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC))
        tab.goto(real_site + "index.html")
        panel = tab.locator("div.next-candidate:visible")
        assert panel.count() == 1 and panel.locator("p.next-title").inner_text() == "Varieties in Machine Learning I"
        assert panel.locator("p.next-room").inner_text() == "MIS, A3 01 (Inselstraße 22, 04103 Leipzig, Germany)"
        assert panel.locator(".reader-time-text").inner_text() == "09:00–10:30 your time"
        assert tab.locator("a.next-subscribe-link").get_attribute("href") == "webcal://example.org/seminar/schedule.ics"
        assert tab.locator("article .toctree-wrapper a:visible").count() == 0
        assert tab.locator(".sidebar-tree a").count() > 10  # Furo's sidebar keeps the navigation
        assert tab.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        shot(tab, f"landing-next-{width}")
        context.close()


# The real site's landing page, as HTML.


def test_the_real_landing_page_has_a_panel_per_meeting_and_no_toctree_in_its_body(site: Build) -> None:
    page = site.page("index")
    panel = page.select_one("div.seminar-next")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
    assert headings[:3] == ["Next meeting", "Organisation", "Schedule"]  # the panel comes before the schedule
    candidates = panel.select("div.next-candidate")
    assert len(candidates) == 16  # every meeting of the term (none cancelled)
    first = candidates[0]
    assert first.select_one("p.next-title a")["href"] == "sessions/2024-25/2024-11-04-graph-topological-nn-1.html"
    assert first.select_one("p.next-room").get_text() == "MIS, E2 10 (Inselstraße 22, 04103 Leipzig, Germany)"
    assert first.select_one("time.seminar-time")["datetime"] == "2024-11-04T15:00:00+01:00"
    assert first.select_one("a.next-ics")["href"] == "sessions/2024-25/2024-11-04-graph-topological-nn-1.ics"
    assert (site.outdir / first.select_one("a.next-ics")["href"]).is_file()
    abstract = first.select_one("p.next-abstract").get_text()
    assert abstract.endswith("… Read more") and len(abstract) <= 300 + len("… Read more")
    # Built after the term: without JavaScript, the sentence that none is planned; every panel hidden.
    assert all("next-hidden" in c["class"] for c in candidates)
    assert "next-hidden" not in panel.select_one("p.next-none")["class"]
    # Subscribe without html_baseurl: the file itself, with the sentence on importing and subscribing.
    subscribe = panel.select_one("p.next-subscribe")
    assert subscribe.select_one("a")["href"] == "schedule.ics"
    assert "imports a copy" in subscribe.get_text() and "subscribing keeps" in subscribe.get_text()
    assert page.select("article .toctree-wrapper li") == []
    assert page.select(".sidebar-tree a")  # the navigation is in Furo's sidebar
