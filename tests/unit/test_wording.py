"""The site's words for each kind of session, as the pages, the PDF and every format use them."""

from __future__ import annotations

import pytest

from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import wording

from .fixture_site import docname, make_site


#: The fixture site's words: British English, with the short date written "Mon, 03.02.2031".
WORDS = wording.Words.of(make_site())


def session(short: str):
    return make_site().session(docname(short))


@pytest.mark.parametrize(("short", "status", "suffix", "title"), [
    ("scheduled", None, "", "Random Walks on Graphs"),
    ("cancelled", "Cancelled", " (cancelled)", "Cancelled: Cancelled Talk"),
    ("moved-date", "Moved from Mon, 03.02.2031", " (moved from Mon, 03.02.2031)", "Moved by a Day"),
    ("moved-start", "Moved from Mon, 10.02.2031", " (moved from Mon, 10.02.2031)", "Moved in Time"),
])
def test_a_status_in_words(short: str, status: str | None, suffix: str, title: str) -> None:
    found = session(short)
    assert (WORDS.status_text(found), WORDS.status_suffix(found), WORDS.prefixed_title(found)) == (status, suffix, title)


@pytest.mark.parametrize(("short", "notice", "title", "reason"), [
    ("scheduled", None, "Moved", None),
    ("cancelled", "This session on Monday, 27 January 2031 is cancelled.", "Cancelled", "Reason: Illness."),
    # The same room: not said twice.
    ("moved-date", "This session was moved from Monday, 3 February 2031, 15:00, to Tuesday, 4 February 2031, 15:00 in Room 101.",
     "Moved", None),
    # The former start is the one it had, not the new one.
    ("moved-start", "This session was moved from Monday, 10 February 2031, 10:00, to Tuesday, 11 February 2031, 15:00 in Room 101.",
     "Moved", None),
    ("moved-room", "This session was moved from Monday, 17 February 2031, 15:00 in Room 7, to Tuesday, 18 February 2031, 15:00 "
     "in Room 101.", "Moved", "Reason: Room works."),
])
def test_the_notice_at_the_top_of_a_page(short: str, notice: str | None, title: str, reason: str | None) -> None:
    found = session(short)
    assert (WORDS.notice(found), WORDS.status_title(found), WORDS.reason(found)) == (notice, title, reason)


@pytest.mark.parametrize(("short", "info", "line"), [
    ("scheduled", None, None),  # in a room only
    ("today", "Ask the organisers for the link.", "Join online: https://meet.example.org/noether"),  # spring has no join_info
    ("joint", "Ask the organisers for the link.", "Join online: https://meet.example.org/engine"),
    ("online-private", "The link is sent to the mailing list.", "The link is sent to the mailing list."),
    ("hybrid-private", "The link is sent to the mailing list.", "The link is sent to the mailing list."),
])
def test_how_to_join(short: str, info: str | None, line: str | None) -> None:
    site = make_site()
    found = site.session(docname(short))
    assert (WORDS.join_info(found, site.term_of(found)), WORDS.join_line(found, site.term_of(found))) == (info, line)


def test_without_its_term_a_session_is_told_to_ask_the_organisers() -> None:
    assert WORDS.join_info(session("online-private"), None) == "Ask the organisers for the link."


@pytest.mark.parametrize(("short", "label", "line"), [
    ("scheduled", "Speaker", "Speaker: Ada Lovelace (University of Example)"),
    ("joint", "Speakers", "Speakers: Ada Lovelace (Analytical Society) and Charles Babbage (University of Cambridge)"),
    ("tba-speaker", "Speaker", "Speaker: To be announced"),
])
def test_who_speaks(short: str, label: str, line: str) -> None:
    assert (WORDS.speaker_label(session(short)), WORDS.speakers_line(session(short))) == (label, line)


BERLIN = make_site().term("2031-spring")


@pytest.mark.parametrize(("short", "site_zone", "names", "table", "labelled"), [
    ("scheduled", "", {}, "15:00–16:30", "15:00–16:30 Berlin time"),
    ("new-york", "", {}, "10:00–11:00 (New York, EDT)", "10:00–11:00 New York time (EDT)"),
    ("scheduled", "Europe/Berlin", {"Europe/Berlin": "Leipzig"}, "15:00–16:30", "15:00–16:30 Leipzig time"),
    # A site in New York: the Berlin meeting names its zone and the abbreviation of that day.
    ("scheduled", "America/New_York", {}, "15:00–16:30 (Berlin, CET)", "15:00–16:30 Berlin time (CET)"),
    ("new-york", "America/New_York", {"America/New_York": "Northfield"}, "10:00–11:00", "10:00–11:00 Northfield time"),
])
def test_times_with_whose_they_are(short: str, site_zone: str, names: dict, table: str, labelled: str) -> None:
    found = session(short)
    zone = wording.default_zone(site_zone, BERLIN.fields.timezone)
    assert (WORDS.table_time(found, zone, names), WORDS.labelled_time(found, zone, names)) == (table, labelled)
    site = make_site(settings=Settings(project="x", site_zone=site_zone, zone_names=names))
    assert wording.Words.of(site).site_time(site, found) == labelled


@pytest.mark.parametrize(("site_zone", "term", "names", "header"), [
    ("", BERLIN, {}, "Time (Berlin)"),
    ("Europe/Lisbon", BERLIN, {}, "Time (Lisbon)"),
    ("", BERLIN, {"Europe/Berlin": "Leipzig"}, "Time (Leipzig)"),
    ("America/New_York", None, {}, "Time (New York)"),
    ("", None, {}, "Time"),
])
def test_the_time_columns_header(site_zone: str, term, names: dict, header: str) -> None:
    assert WORDS.time_header(site_zone, term.fields.timezone if term else None, names) == header


def test_zone_names() -> None:
    assert wording.zone_name("America/Argentina/Buenos_Aires", {}) == "Buenos Aires"
    assert wording.zone_name("UTC", {}) == "UTC"
    assert wording.zone_name("Europe/Berlin", {"Europe/Berlin": "Leipzig"}) == "Leipzig"
    assert WORDS.other_zone(session("scheduled"), None, {}) is None


def test_dates_long_and_short() -> None:
    found = session("moved-date")
    assert (WORDS.long_date(found.date), WORDS.short_date(found.date)) == ("Tuesday, 4 February 2031", "Tue, 04.02.2031")
    assert WORDS.when(make_site(), found) == "Tuesday, 4 February 2031, 15:00–16:30 Berlin time"
    assert WORDS.change(session("cancelled"), with_time_and_room=False) == "This session is cancelled. Reason: Illness."
    assert WORDS.change(found, with_time_and_room=False) == "Moved from Monday, 3 February 2031."
    assert WORDS.change(found, with_time_and_room=True) == "Moved from Monday, 3 February 2031, 15:00 in Room 101."


@pytest.mark.parametrize(("language", "date_format", "short", "long"), [
    ("en_GB", "", "Mon, 4 Nov 2024", "Monday, 4 November 2024"),
    ("en_US", "", "Mon, Nov 4, 2024", "Monday, November 4, 2024"),
    ("en", "", "Mon, Nov 4, 2024", "Monday, November 4, 2024"),
    ("de", "", "Mo., 04.11.2024", "Montag, 4. November 2024"),
    ("de_DE", "", "Mo., 04.11.2024", "Montag, 4. November 2024"),
    ("en_AU", "", "Mon, 4 Nov 2024", "Monday, 4 November 2024"),
    ("pt-BR", "", "seg., 4 de nov. de 2024", "segunda-feira, 4 de novembro de 2024"),
    # seminar_date_format sets the short date's pattern; the long date stays the language's.
    ("en_GB", "EEE, dd.MM.y", "Mon, 04.11.2024", "Monday, 4 November 2024"),
    ("de", "EEEE d. MMMM", "Montag 4. November", "Montag, 4. November 2024"),
    # A language Babel does not know: English dates (the build warns, integration/language.py).
    ("xx", "", "Mon, Nov 4, 2024", "Monday, November 4, 2024"),
])
def test_dates_in_every_language(language: str, date_format: str, short: str, long: str) -> None:
    import datetime as dt

    words = wording.Words(None, language, date_format)
    assert (words.short_date(dt.date(2024, 11, 4)), words.long_date(dt.date(2024, 11, 4))) == (short, long)


def test_lists_of_names_in_the_languages_own_way() -> None:
    names = ["A", "B", "C"]
    assert wording.Words(None, "en_GB").names(names) == "A, B and C"
    assert wording.Words(None, "en_US").names(names) == "A, B, and C"
    assert wording.Words(None, "de").names(names) == "A, B und C"
