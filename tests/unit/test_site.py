"""The site's snapshot: what it derives once (terms, series, speakers, the current term) and the files it makes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sphinx_seminar.core.site import NO_HISTORY, Settings
from sphinx_seminar.formats import registry

from .fixture_site import docname, make_site


@pytest.mark.parametrize(("today", "term"), [
    (dt.date(2030, 12, 1), "2031-spring"),  # before the first: the first
    (dt.date(2031, 1, 6), "2031-spring"),  # its first day
    (dt.date(2031, 3, 28), "2031-spring"),  # its last day
    (dt.date(2031, 3, 29), "2031-autumn"),  # the day after: between terms, the coming one
    (dt.date(2031, 7, 1), "2031-autumn"),
    (dt.date(2031, 10, 6), "2031-autumn"),
    (dt.date(2032, 1, 30), "2031-autumn"),
    (dt.date(2032, 6, 1), "2031-autumn"),  # after the last: the latest
])
def test_the_current_term_is_the_one_under_way_else_the_coming_else_the_latest(today: dt.date, term: str) -> None:
    assert make_site(today=today).current_term.id == term


def test_upcoming_starts_with_the_meetings_of_the_day_itself() -> None:
    site = make_site()
    assert site.upcoming()[0].docname == docname("today")
    assert [s.docname for s in make_site(today=dt.date(2031, 11, 3)).upcoming()] == [docname("morse-2")]


def test_sessions_are_in_date_order_and_terms_by_their_first_day() -> None:
    site = make_site()
    assert [s.date for s in site.sessions] == sorted(s.date for s in site.sessions)
    assert [t.id for t in site.terms] == ["2031-spring", "2031-autumn"]
    assert site.term_ids == ["2031-autumn", "2031-spring"]
    assert [s.docname for s in site.sessions_of("2031-autumn")] == [docname(x) for x in
                                                                    ("online-private", "hybrid-private", "morse-1", "morse-2")]


def test_series_are_their_parts_in_date_order() -> None:
    assert {slug: [p.docname for p in parts] for slug, parts in make_site().series.items()} == {
        "morse": [docname("morse-1"), docname("morse-2")]}


def test_each_speaker_once_with_every_affiliation_and_session_by_family_name() -> None:
    found = [(s.name, s.affiliations, [x.docname for x in s.sessions]) for s in make_site().speakers]
    assert found == [
        ("Charles Babbage", ("University of Cambridge",), [docname("joint")]),
        ("Kurt Gödel", (), [docname("moved-room")]),
        ("Grace Hopper", (), [docname("moved-date"), docname("hybrid-private")]),
        ("Sofia Kovalevskaya", (), [docname("tba-title")]),
        ("Ada Lovelace", ("University of Example", "Analytical Society"), [docname("scheduled"), docname("joint")]),
        ("Marston Morse", (), [docname("morse-1"), docname("morse-2")]),
        ("John von Neumann", (), [docname("moved-start")]),
        ("Emmy Noether", ("Bryn Mawr College",), [docname("today"), docname("new-york")]),
        ("Alan Turing", (), [docname("cancelled"), docname("online-private")]),
    ]


def test_addresses_absolute_only_where_the_site_has_one() -> None:
    site = make_site()
    session = site.session(docname("scheduled"))
    assert site.page_url(session.docname) == f"https://seminar.example.org/{docname('scheduled')}.html"
    assert site.material_links(session, absolute=True) == [
        ("slides", "https://example.org/slides.pdf"), ("notes", "https://seminar.example.org/_downloads/0123abcd/notes.pdf")]
    bare = make_site(settings=Settings(project="x"))
    assert bare.page_url(session.docname) is None
    assert bare.material_links(bare.session(session.docname), absolute=True) == [("slides", "https://example.org/slides.pdf")]
    assert bare.material_links(bare.session(session.docname), absolute=False) == [
        ("slides", "https://example.org/slides.pdf"), ("notes", "_downloads/0123abcd/notes.pdf")]


def test_a_page_without_history_has_sequence_zero_and_a_fixed_stamp() -> None:
    site = make_site()
    revision = site.revision(site.session(docname("today")))
    assert (revision.sequence, revision.modified) == (0, NO_HISTORY) == (0, dt.datetime(1970, 1, 1, tzinfo=dt.UTC))


def test_the_snapshot_cannot_be_changed() -> None:
    site = make_site()
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.today = dt.date(2000, 1, 1)
    with pytest.raises(TypeError):
        site.revisions["x"] = None
    with pytest.raises(TypeError):
        site.series["x"] = ()


def test_the_registry_names_every_file_beside_the_pages() -> None:
    site = make_site()
    assert sorted(registry.site_files(site)) == sorted([
        "schedule.json", "schedule.schema.json", "schedule-2031-spring.json", "schedule-2031-autumn.json",
        "schedule-2031-spring.ics", "schedule-2031-autumn.ics", "series-morse.ics", "schedule.ics", "atom.xml", "embed.html"])
    assert sorted(registry.page_files(site, docname("morse-1"))) == [
        "_previews/" + docname("morse-1") + ".jpg", docname("morse-1") + ".ics"]
    assert registry.page_files(site, "sessions/2031-spring/index") == {}


def test_each_registered_file_is_made_from_the_snapshot() -> None:
    site = make_site()
    files = {name: render() for name, render in registry.site_files(site).items()}
    assert files["schedule.ics"].startswith(b"BEGIN:VCALENDAR\r\n")
    assert files["atom.xml"].startswith(b"<?xml")
    assert files["embed.html"].startswith(b"<!DOCTYPE html>")
    assert b"sessions-2031-autumn" not in files["schedule-2031-spring.ics"]
    assert b"sessions-2031-spring" not in files["schedule-2031-autumn.json"]
    image = registry.page_files(site, docname("today"))["_previews/" + docname("today") + ".jpg"]()
    assert image[:3] == b"\xff\xd8\xff"


def test_the_snapshot_orders_what_it_is_given() -> None:
    site = make_site()
    shuffled = make_site(sessions=tuple(reversed(site.sessions)), terms=tuple(reversed(site.terms)))
    assert [s.docname for s in shuffled.sessions] == [s.docname for s in site.sessions]
    assert [t.id for t in shuffled.terms] == ["2031-spring", "2031-autumn"]


def test_the_term_of_a_page_and_the_sessions_of_a_term() -> None:
    site = make_site()
    assert site.term_page("sessions/2031-autumn/index").id == "2031-autumn"
    assert site.term_page(docname("morse-1")) is None
    assert site.sessions_of("2030-winter") == ()


def test_addresses_join_the_sites_address_with_one_slash() -> None:
    site = make_site(settings=Settings(project="x", base_url="https://example.org/seminar"), pages={docname("today"): "t/today.html"})
    assert site.url("atom.xml") == "https://example.org/seminar/atom.xml"
    assert site.page(docname("today")) == "t/today.html"
    assert site.page_url(docname("morse-1")) == f"https://example.org/seminar/{docname('morse-1')}.html"


def test_only_slashes_are_taken_off_the_end_of_the_sites_address() -> None:
    assert make_site(settings=Settings(project="x", base_url="https://example.org/X/")).url("a.ics") == "https://example.org/X/a.ics"


def test_a_group_that_speaks_is_listed_by_its_name_as_written() -> None:
    from sphinx_seminar.core.model import Speaker

    site = make_site()
    cancelled = site.session(docname("cancelled"))
    group = [Speaker(name="Analysis Group", group=True), Speaker(name="Study Group")]  # the second: a person's name to the model
    changed = dataclasses.replace(cancelled, fields=cancelled.fields.model_copy(update={"speaker": group}))
    sessions = tuple(changed if s.docname == cancelled.docname else s for s in site.sessions)
    names = [s.name for s in make_site(sessions=sessions).speakers]
    # "Analysis Group" under A, before Babbage; "Study Group", not marked, under its last word, by Gödel.
    assert names[:4] == ["Analysis Group", "Charles Babbage", "Kurt Gödel", "Study Group"]
    # In the page's JSON-LD the group is the Organization it is, the other a Person.
    from sphinx_seminar.formats import jsonld

    performers = jsonld.session_event(make_site(sessions=sessions), changed, None)["performer"]
    assert [(p["@type"], p["name"]) for p in performers] == [("Organization", "Analysis Group"), ("Person", "Study Group")]


def test_names_sort_by_their_letters_not_by_code_point() -> None:
    from sphinx_seminar.core.model import Speaker

    site = make_site()
    cancelled = site.session(docname("cancelled"))
    people = [Speaker(name=n) for n in ("Anna Łukasiewicz", "Hans Christian Ørsted", "Nils Zeller")]
    changed = dataclasses.replace(cancelled, fields=cancelled.fields.model_copy(update={"speaker": people}))
    names = [s.name for s in make_site(sessions=tuple(changed if s is cancelled else s for s in site.sessions)).speakers]
    assert names.index("Ada Lovelace") < names.index("Anna Łukasiewicz") < names.index("Marston Morse")
    assert names.index("Emmy Noether") < names.index("Hans Christian Ørsted") < names.index("Alan Turing")
    assert names[-1] == "Nils Zeller"
