"""The browser's decisions at their edges: past, now and next, by the reader's clock, in real headless Chromium.

The unit fixture's pages (``tests/unit/fixture_site.py``) built as a site:
two terms with a gap between them, the spring term's first Monday a day
without a meeting.  The real ``static/seminar.js`` runs in Chromium with
Playwright's fixed clock, at the start, the middle and the end of the
meeting of Monday 20 January 2031 (15:00–16:30 in Berlin, 14:00–15:30 UTC)
and a minute on either side of each, for readers in Berlin, in a zone ahead
(Tokyo, UTC+9) and in one behind (Los Angeles, UTC−8); and between terms.
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

from sitebuild import Build, sphinx_build
from test_browser import CHROMIUM, QuietHandler, browser
from unit.fixture_site import write_site

__all__ = ["browser"]  # a pytest fixture

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium not installed: run 'bash scripts/install-browser.sh' (.ci/run does)")

UTC = dt.UTC
MEETING = "2031-01-20"
START, END = dt.datetime(2031, 1, 20, 14, 0, tzinfo=UTC), dt.datetime(2031, 1, 20, 15, 30, tzinfo=UTC)
MINUTE = dt.timedelta(minutes=1)
# (moment, whether the day's meeting is over, the date of the row marked, its mark, what its own page says)
MOMENTS = {
    "a minute before the start": (START - MINUTE, False, MEETING, "next", "To come"),
    "at the start": (START, False, MEETING, "now", "Now, until 16:30"),
    "a minute after the start": (START + MINUTE, False, MEETING, "now", "Now, until 16:30"),
    "in the middle": (START + (END - START) / 2, False, MEETING, "now", "Now, until 16:30"),
    "a minute before the end": (END - MINUTE, False, MEETING, "now", "Now, until 16:30"),
    "at the end": (END, True, "2031-02-04", "next", "Past"),  # the cancelled talk of 27.01 is never next
    "a minute after the end": (END + MINUTE, True, "2031-02-04", "next", "Past"),
}
ZONES = ("Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles")


def _serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The fixture built on the meeting day and between the terms, each served on its own port."""
    source = write_site(tmp_path_factory.mktemp("edges") / "src")
    found, servers = {}, []
    for name, day in (("meeting day", MEETING), ("between terms", "2031-05-01")):
        build: Build = sphinx_build(source, tmp_path_factory.mktemp("edges-html") / "html", "-D", f"seminar_today={day}")
        assert build.returncode == 0, build.warnings
        found[name], server = _serve(build.outdir)
        servers.append(server)
    yield found
    for server in servers:
        server.shutdown()


def _open(browser, zone: str, moment: dt.datetime, url: str):
    context = browser.new_context(timezone_id=zone, locale="en-GB")
    context.route(lambda address: not address.startswith("http://127.0.0.1:"), lambda route: route.abort())
    tab = context.new_page()
    tab.clock.set_fixed_time(moment)
    tab.goto(url)
    return context, tab


def _rows(tab) -> dict[str, list[str]]:
    """Each row's date and its marks (past, next, now)."""
    found = tab.eval_on_selector_all(
        "table.schedule tbody tr",
        "rows => rows.map(r => [r.className.match(/date-(\\S+)/)[1], ['past', 'next', 'now'].filter(c => r.classList.contains(c))])")
    return {date: marks for date, marks in found}


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_meeting_is_past_once_it_has_ended_now_while_under_way_and_next_until_then(
        browser, sites: dict[str, str], zone: str, moment: str) -> None:
    when, over, marked, mark, own_page = MOMENTS[moment]
    context, tab = _open(browser, zone, when, sites["meeting day"] + "sessions/2031-spring/index.html")
    try:
        rows = _rows(tab)
        assert ("past" in rows[MEETING]) is over
        assert [(date, marks) for date, marks in rows.items() if {"next", "now"} & set(marks)] == [(marked, [mark])]
        assert "past" in rows["2031-01-13"]  # the meeting of the week before
        assert not [date for date, marks in rows.items() if "past" in marks and date > MEETING]
        label = tab.locator(f"tr.date-{marked} .next-label").inner_text()
        assert label == ("Now, until 16:30" if mark == "now" else "Next")
        summary = tab.locator("p.next-meeting").inner_text()
        expected = "Invariants" if marked == MEETING else "Moved by a Day"
        lead = "Now, until 16:30: " if mark == "now" else "Next meeting: "
        assert summary.startswith(f"{lead}{expected}, "), summary
        # The meeting's own page says the same, from the same clock.
        tab.goto(urllib.parse.urljoin(tab.url, tab.locator(f"tr.date-{MEETING} td.column-topic a").get_attribute("href")))
        assert tab.locator("dl.session-details span.session-when").inner_text() == own_page
    finally:
        context.close()


# The week without a meeting (Monday 06.01) is past once that day is over on the reader's own calendar.
@pytest.mark.parametrize(("zone", "past"), [("Asia/Tokyo", True), ("Europe/Berlin", False), ("America/Los_Angeles", False)])
def test_a_day_without_a_meeting_is_past_by_the_readers_own_date(browser, sites: dict[str, str], zone: str, past: bool) -> None:
    # 16:00 UTC on 06.01: already the 7th in Tokyo, still the 6th in Berlin and Los Angeles.
    context, tab = _open(browser, zone, dt.datetime(2031, 1, 6, 16, 0, tzinfo=UTC), sites["meeting day"] + "sessions/2031-spring/index.html")
    try:
        assert ("past" in _rows(tab)["2031-01-06"]) is past
    finally:
        context.close()


@pytest.mark.parametrize("zone", ZONES)
def test_between_terms_the_landing_page_shows_the_coming_term_with_its_first_meeting_next(
        browser, sites: dict[str, str], zone: str) -> None:
    context, tab = _open(browser, zone, dt.datetime(2031, 5, 1, 12, 0, tzinfo=UTC), sites["between terms"] + "index.html")
    try:
        assert tab.locator("table.schedule caption").inner_text().startswith("Autumn 2031")
        rows = _rows(tab)
        assert list(rows)[0] == "2031-10-13"
        assert [date for date, marks in rows.items() if marks] == ["2031-10-13"]
        assert rows["2031-10-13"] == ["next"]
    finally:
        context.close()


@pytest.mark.parametrize("moment", ["a minute before the start", "a minute before the end", "at the end", "a minute after the end"])
def test_the_embed_says_now_during_a_meeting_and_hides_it_once_it_has_ended(browser, sites: dict[str, str], moment: str) -> None:
    when, over, _, mark, _ = MOMENTS[moment]
    context, tab = _open(browser, "Asia/Tokyo", when, sites["meeting day"] + "embed.html")
    try:
        shown = tab.eval_on_selector_all("li", "items => items.filter(i => !i.hidden).map(i => i.querySelector('a').textContent)")
        assert shown[0] == ("Cancelled Talk" if over else "Invariants")
        assert len(shown) == 5
        first = tab.locator("li:not([hidden]) .status").first.inner_text().strip()
        assert first == {"now": "Now, until 16:30:", "next": "Next:"}[mark] or (over and first.startswith("Cancelled")), first
        # The first that is not cancelled is marked; the one after the cancelled talk once the day's meeting is over.
        marked = tab.eval_on_selector_all("li.next, li.now", "items => items.map(i => i.querySelector('a').textContent)")
        assert marked == ["Moved by a Day" if over else "Invariants"]
    finally:
        context.close()
