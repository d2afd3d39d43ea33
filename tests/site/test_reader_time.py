"""Meeting times in the reader's own time zone, next to the venue's, in real headless Chromium.

The site states every time in Leipzig's (Europe/Berlin); seminar.js adds
" · 08:00–09:30 your time" where the reader's offset at the meeting's instant
differs.  Europe changed to summer time on 30.03.2025, the US on 09.03.2025,
New Zealand back to standard time on 06.04.2025; the expected times below
were checked with Python's zoneinfo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

# test_browser's fixtures: the real site built with html_baseurl, served locally, and Chromium.
from test_browser import CHROMIUM, browser, built, site

__all__ = ["browser", "built", "site"]  # used by pytest as fixtures

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Debian's chromium not installed: run 'bash scripts/install-browser.sh' (.ci/run does)",
)

VENUE = "14:00–15:30"
SESSIONS = {
    "2025-02-24": "sessions/2024-25/2025-02-24-algebraic-varieties-1.html",
    "2025-03-17": "sessions/2024-25/2025-03-17-varieties-in-ml-1.html",
    "2025-04-07": "sessions/2024-25/2025-04-07-algebraic-varieties-2.html",
}
# The reader's time of the meetings of 24.02, 17.03 and 07.04.2025 (14:00–15:30 in Leipzig); None: the same as Leipzig's.
READER = {
    "America/New_York": ("08:00–09:30", "09:00–10:30", "08:00–09:30"),  # EST/CET, EDT/CET, EDT/CEST
    "Asia/Tokyo": ("22:00–23:30", "22:00–23:30", "21:00–22:30"),
    "Europe/London": ("13:00–14:30", "13:00–14:30", "13:00–14:30"),
    "Europe/Berlin": (None, None, None),
    "Africa/Lagos": (None, None, "13:00–14:30"),  # +01:00 all year: Leipzig's offset in winter only
    "Pacific/Auckland": ("Tue 02:00–03:30", "Tue 02:00–03:30", "Tue 00:00–01:30"),  # the next day there
}
# The reader's own date must not matter: in winter and in summer, their offset today is not the meeting's.
TODAY = {"winter": (2025, 1, 15, 12, 0), "summer": (2025, 7, 1, 12, 0)}


def open_tab(browser, zone: str, **options):
    context = browser.new_context(timezone_id=zone, locale="en-GB", **options)
    # Nothing but the local site.
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), lambda route: route.abort())
    return context, context.new_page()


def time_cell(tab, date: str):
    return tab.locator(f"table.schedule tbody tr.date-{date} td").nth(-4)


@pytest.mark.parametrize("today", list(TODAY))
@pytest.mark.parametrize("zone", list(READER))
def test_each_meeting_shows_the_readers_own_time(browser, site: str, zone: str, today: str) -> None:
    context, tab = open_tab(browser, zone)
    try:
        tab.clock.set_fixed_time(dt.datetime(*TODAY[today], tzinfo=ZoneInfo(zone)))
        tab.goto(site + "index.html")
        assert tab.locator("table.schedule thead th").nth(-4).inner_text() == "Time (Leipzig)"
        for date, own in zip(SESSIONS, READER[zone]):
            cell = time_cell(tab, date)
            assert cell.locator("time.seminar-time").get_attribute("data-label") == "Leipzig time"
            # The reader's own time on a line of its own (the "·" is for sentences: it is in the text, not shown).
            assert cell.inner_text() == (f"{VENUE}\n{own} your time" if own else VENUE), date
            assert cell.text_content().strip() == (f"{VENUE} · {own} your time" if own else VENUE), date
        if zone == "Europe/Berlin":
            assert tab.locator(".reader-time").count() == 0
        elif zone != "Africa/Lagos":
            # Every meeting's time on the landing page, once each.
            assert tab.locator(".reader-time").count() == tab.locator("time.seminar-time").count() > 10
        for date, own in zip(SESSIONS, READER[zone]):
            tab.goto(site + SESSIONS[date])
            field, state = tab.locator("dl.session-details dd.session-time").inner_text().rsplit("\n", 1)
            assert field == (f"{VENUE} Leipzig time\n{own} your time" if own else f"{VENUE} Leipzig time"), date
            assert state in ("To come", "Past"), state  # no meeting is under way at these moments
    finally:
        context.close()


def test_without_javascript_only_the_venues_time_shows(browser, site: str) -> None:
    context, tab = open_tab(browser, "America/New_York", java_script_enabled=False)
    try:
        tab.goto(site + "index.html")
        for date in SESSIONS:
            assert time_cell(tab, date).inner_text() == VENUE
        assert tab.locator("table.schedule thead th").nth(-4).inner_text() == "Time (Leipzig)"
        tab.goto(site + SESSIONS["2025-03-17"])
        assert tab.locator("dl.session-details dd.session-time").inner_text() == f"{VENUE} Leipzig time"
        assert tab.locator(".reader-time").count() == 0
    finally:
        context.close()


def test_next_meeting_names_both_times(browser, site: str) -> None:
    context, tab = open_tab(browser, "America/New_York")
    try:
        # Monday 10.03.2025 in New York: no meeting that day; daylight saving time began there the day before.
        tab.clock.set_fixed_time(dt.datetime(2025, 3, 10, 12, 0, tzinfo=ZoneInfo("America/New_York")))
        tab.goto(site + "index.html")
        assert tab.locator("p.next-meeting").inner_text() == (
            "Next meeting: Varieties in Machine Learning I, Mon, 17.03.2025, "
            "14:00–15:30 Leipzig time · 09:00–10:30 your time, MIS, A3 01."
        )
    finally:
        context.close()


@pytest.mark.parametrize(("zone", "moment", "next_date", "past"), [
    # Tuesday 01:00 in Auckland: Monday's meeting in Leipzig runs 02:00–03:30 there, so it is still to come.
    ("Pacific/Auckland", (2025, 3, 18, 1, 0), "2025-03-17", "2025-03-10"),
    # Monday 22:00 in New York: the meeting ended at 10:30 there; the next is a week later.
    ("America/New_York", (2025, 3, 17, 22, 0), "2025-03-24", "2025-03-17"),
])
def test_a_meeting_is_past_once_it_has_ended_for_the_reader(browser, site: str, zone: str, moment: tuple, next_date: str,
                                                            past: str) -> None:
    context, tab = open_tab(browser, zone)
    try:
        tab.clock.set_fixed_time(dt.datetime(*moment, tzinfo=ZoneInfo(zone)))
        tab.goto(site + "index.html")
        assert tab.locator("table.schedule tr.next").get_attribute("class").split().count(f"date-{next_date}") == 1
        assert "past" in tab.locator(f"table.schedule tr.date-{past}").get_attribute("class").split()
    finally:
        context.close()
