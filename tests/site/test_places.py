"""Places (issue 24, point 7) in the built sites: the calendars' LOCATION carries each room's address,
and the landing page's Organisation lists exactly the rooms the sessions use, generated from them.

The real site's term lists MIS, E2 10, G3 10 and A3 01 at the institute's address; the second
seminar's (tests/sites/second) its halls and a partner institute's room, in another zone.
"""

from __future__ import annotations

from collections import Counter

from icalendar import Calendar

from sitebuild import Build

MIS = "Inselstraße 22, 04103 Leipzig, Germany"


def _events(build: Build, name: str = "schedule.ics") -> list:
    return Calendar.from_ical((build.outdir / name).read_bytes()).walk("VEVENT")


def _room_lines(build: Build) -> list[str]:
    return [li.get_text(" ", strip=True) for li in build.page("index").select("ul.seminar-rooms > li")]


def test_every_meeting_of_the_real_site_is_located_at_the_institute(site: Build) -> None:
    events = _events(site)
    assert len(events) == 16
    locations = Counter(str(event["LOCATION"]) for event in events)
    assert locations == {f"MIS, E2 10, {MIS}": 5, f"MIS, G3 10, {MIS}": 1, f"MIS, A3 01, {MIS}": 10}
    # A session's own calendar too.
    own = _events(site, "sessions/2024-25/2025-01-13-autoencoders-biomedical-data.ics")
    assert [str(event["LOCATION"]) for event in own] == [f"MIS, A3 01, {MIS}"]


def test_the_organisation_section_lists_exactly_the_rooms_used(site: Build) -> None:
    page = site.page("index")
    section = page.select_one("section#organisation")
    assert section is not None and section.select_one("ul.seminar-rooms") is not None
    assert _room_lines(site) == [
        f"MIS, E2 10 , Seminar Room E2 10 (Leon Lichtenstein), {MIS}: 5 meetings, 4 November 2024 to 16 December 2024.",
        f"MIS, G3 10 , {MIS}: 1 meeting, on 2 December 2024.",
        f"MIS, A3 01 , {MIS}: 10 meetings, 13 January 2025 to 7 April 2025.",
    ]
    # The rooms named are those of the calendar's events, no more and no fewer; the typed room is gone.
    listed = {li.select_one("strong").get_text() for li in page.select("ul.seminar-rooms > li")}
    assert listed == {str(event["LOCATION"]).removesuffix(f", {MIS}") for event in _events(site)}
    assert "unless the schedule names another room" not in section.get_text()


def test_the_session_page_gives_its_rooms_address(site: Build) -> None:
    page = site.page("sessions/2024-25/2024-11-04-graph-topological-nn-1")
    assert page.select_one(".session-room p").get_text(strip=True) == f"MIS, E2 10 ({MIS})"


def test_another_seminars_rooms_have_their_addresses(second: Build) -> None:
    locations = {str(event["SUMMARY"]): str(event["LOCATION"]) for event in _events(second)}
    assert locations["Integration with Respect to Euler Characteristic"] == (
        "Partner Institute, Room 3, 3 Bridge Street, Southfield, SF 04321, Example Country")
    assert locations["Persistence Barcodes: From Point Clouds to Intervals"] == (
        "Hall B 204, 12 Quarry Lane, Northfield, NF 01234, Example Country")
    lines = _room_lines(second)
    assert lines[0].startswith("Hall B 204 , Hall B, room 204 (Noether Lecture Room), 12 Quarry Lane, Northfield, NF 01234, Example Country: ")
    assert any(line.startswith("Hall A 101 : 1 meeting, on 23 April 2031") for line in lines)  # a room the term does not list: no address
