"""The formats at the edges of their input: no term page, no language, no domain, a zone over two years, long text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import feedparser
import pytest
from icalendar import Calendar

from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import atom, embed, head, ical, jsonld, schedule_json

from .fixture_site import SETTINGS, docname, make_site


def _moved_to(session, day: dt.date):
    return dataclasses.replace(session, fields=session.fields.model_copy(update={"date": day}))


def test_a_calendar_over_two_years_has_each_years_changes_of_its_zone() -> None:
    site = make_site()
    later = _moved_to(site.session(docname("morse-2")), dt.date(2032, 7, 5))
    calendar = Calendar.from_ical(ical.calendar(make_site(sessions=(site.session(docname("morse-1")), later)), [
        site.session(docname("morse-1")), later], "x").to_ical())
    (zone,) = calendar.walk("VTIMEZONE")
    starts = []
    for part in zone.subcomponents:
        starts.append(str(part.decoded("DTSTART").date()))
        rdates = part.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            starts += [str(moment.dt.date()) for moment in rdate.dts]
    starts.sort()
    assert starts == ["2031-01-01", "2031-03-30", "2031-10-26", "2032-03-28", "2032-10-31"]


def test_a_term_without_its_page_is_named_by_its_id() -> None:
    site = make_site(terms=(make_site().term("2031-spring"),))
    data = Calendar.from_ical(ical.term_calendar(site, "2031-autumn"))
    assert str(data["X-WR-CALNAME"]) == "Test Seminar: 2031-autumn"
    assert len(data.events) == 4
    assert json.loads(schedule_json.term_document(site, "2031-autumn"))["terms"] == []


def test_without_a_domain_the_feed_says_so_in_its_ids() -> None:
    parsed = feedparser.parse(atom.feed(make_site(settings=Settings(project="Test Seminar"))))
    assert parsed.feed.id == "tag:invalid,2000:atom.xml"
    assert parsed.entries[-1].id == f"tag:invalid,2000:{docname('scheduled')}"


@pytest.mark.parametrize(("language", "expected"), [("", "en"), ("de", "de")])
def test_the_feed_and_the_embed_say_the_sites_language(language: str, expected: str) -> None:
    site = make_site(settings=dataclasses.replace(SETTINGS, language=language))
    assert feedparser.parse(atom.feed(site)).feed.language == expected
    assert f'<html lang="{expected}">'.encode() in embed.page(site)


def test_a_description_of_exactly_the_length_is_kept_whole() -> None:
    text = "w " + "x" * (head.DESCRIPTION_LENGTH - 2)
    assert head.shorten(text) == text


def test_a_description_is_cut_at_the_last_whole_word_that_fits() -> None:
    # The 199th character is a space: the word before it fits whole.
    text = "w " + "x" * 196 + " rest of it"
    assert head.shorten(text) == "w " + "x" * 196 + "…"


def test_the_head_carries_the_events_image_and_the_terms_series() -> None:
    site = make_site()
    session = site.session(docname("scheduled"))
    script = head.session_head(site, session)[-1]
    image = f"https://seminar.example.org/_previews/{docname('scheduled')}.jpg"
    assert script == jsonld.script(jsonld.session_event(site, session, image))
    assert head.term_head(site, site.term("2031-autumn")) == [jsonld.script(jsonld.term_event_series(site, site.term("2031-autumn")))]


def test_the_json_ld_keeps_names_as_they_are_written() -> None:
    site = make_site()
    script = jsonld.script(jsonld.session_event(site, site.session(docname("moved-room")), None))
    assert '"name": "Kurt Gödel"' in script


def test_after_the_last_meeting_the_embed_shows_its_sentence() -> None:
    page = embed.page(make_site(today=dt.date(2032, 1, 1))).decode()
    assert '</li>\n</ol>\n<p id="none">No meetings are planned at the moment.</p>' in page
    assert page.count("<li hidden ") == 4


def test_without_the_sites_address_a_terms_events_have_no_address() -> None:
    site = make_site(settings=Settings(project="x"))
    series = jsonld.term_event_series(site, site.term("2031-autumn"))
    assert "url" not in series and all("url" not in event for event in series["subEvent"])
