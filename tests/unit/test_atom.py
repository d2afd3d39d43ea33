"""The Atom feed, entry by entry, for every kind of session: what a feed reader receives (parsed by feedparser)."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest

from sphinx_seminar.core.history import Revision
from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import atom

from .fixture_site import PAGES, docname, make_site

SITE = "https://seminar.example.org/"
EPOCH = "1970-01-01T00:00:00+00:00"


def entry(short: str, title: str, summary: str, updated: str = EPOCH) -> dict:
    return {"id": f"tag:seminar.example.org,2000:{docname(short)}", "title": title, "updated": updated,
            "link": f"{SITE}{docname(short)}.html", "summary": summary}


#: Every entry, newest meeting first.
EXPECTED = [
    entry("morse-2", "Morse Theory II (Marston Morse, Mon, 03.11.2031)",
          "Monday, 3 November 2031, 14:00–15:30 Berlin time, Room 202. Speaker: Marston Morse."),
    entry("morse-1", "Morse Theory I (Marston Morse, Mon, 27.10.2031)",
          "Monday, 27 October 2031, 14:00–15:30 Berlin time, Room 202. Speaker: Marston Morse."),
    entry("hybrid-private", "Hybrid (Grace Hopper, Mon, 20.10.2031)",
          "Monday, 20 October 2031, 14:00–15:30 Berlin time, Room 202 and online. Speaker: Grace Hopper."),
    entry("online-private", "Online Only (Alan Turing, Mon, 13.10.2031)",
          "Monday, 13 October 2031, 14:00–15:30 Berlin time, Online. Speaker: Alan Turing."),
    entry("new-york", "Far Away (Emmy Noether, Mon, 24.03.2031)",
          "Monday, 24 March 2031, 10:00–11:00 New York time (EDT), Hall 3. Speaker: Emmy Noether (Bryn Mawr College)."),
    entry("joint", "The Analytical Engine (Ada Lovelace and Charles Babbage, Mon, 17.03.2031)",
          "Monday, 17 March 2031, 15:00–16:30 Berlin time, Room 101 and online. "
          "Speakers: Ada Lovelace (Analytical Society) and Charles Babbage (University of Cambridge)."),
    entry("tba-both", "To be announced (To be announced, Mon, 10.03.2031)",
          "Monday, 10 March 2031, 15:00–16:30 Berlin time, Room 101. Speaker: To be announced."),
    entry("tba-title", "To be announced (Sofia Kovalevskaya, Mon, 03.03.2031)",
          "Monday, 3 March 2031, 15:00–16:30 Berlin time, Room 101. Speaker: Sofia Kovalevskaya."),
    entry("tba-speaker", "Spectral Graph Theory (To be announced, Mon, 24.02.2031)",
          "Monday, 24 February 2031, 15:00–16:30 Berlin time, Room 101. Speaker: To be announced."),
    entry("moved-room", "Moved in Space (Kurt Gödel, Tue, 18.02.2031)",
          "Tuesday, 18 February 2031, 15:00–16:30 Berlin time, Room 101. Speaker: Kurt Gödel.\n\n"
          "Moved from Monday, 17 February 2031. Reason: Room works."),
    entry("moved-start", "Moved in Time (John von Neumann, Tue, 11.02.2031)",
          "Tuesday, 11 February 2031, 15:00–16:30 Berlin time, Room 101. Speaker: John von Neumann.\n\n"
          "Moved from Monday, 10 February 2031."),
    entry("moved-date", "Moved by a Day (Grace Hopper, Tue, 04.02.2031)",
          "Tuesday, 4 February 2031, 15:00–16:30 Berlin time, Room 101. Speaker: Grace Hopper.\n\n"
          "Moved from Monday, 3 February 2031."),
    # A page with history dates its own entry, and those after it that have none.
    entry("cancelled", "Cancelled: Cancelled Talk (Alan Turing, Mon, 27.01.2031)",
          "Monday, 27 January 2031, 15:00–16:30 Berlin time, Room 101. Speaker: Alan Turing.\n\n"
          "This session is cancelled. Reason: Illness.", updated="2031-01-25T08:30:00+00:00"),
    entry("today", "Invariants (Emmy Noether, Mon, 20.01.2031)",
          "Monday, 20 January 2031, 15:00–16:30 Berlin time, Online. Speaker: Emmy Noether.",
          updated="2031-01-25T08:30:00+00:00"),
    entry("scheduled", "Random Walks on Graphs (Ada Lovelace, Mon, 13.01.2031)",
          "Monday, 13 January 2031, 15:00–16:30 Berlin time, Room 101. Speaker: Ada Lovelace (University of Example).\n\n"
          "Bring a laptop.\n\nFirst paragraph.\n\nSecond paragraph.", updated="2031-01-02T10:00:00+00:00"),
]


def _entries(data: bytes) -> list[dict]:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.bozo_exception
    return [{"id": e.id, "title": e.title, "updated": e.updated, "link": e.link, "summary": e.summary} for e in parsed.entries]


def test_the_feed_is_what_a_feed_reader_expects() -> None:
    parsed = feedparser.parse(atom.feed(make_site()))
    assert not parsed.bozo
    head = parsed.feed
    assert (head.id, head.title, head.updated, head.author, head.language) == (
        "tag:seminar.example.org,2000:atom.xml", "Test Seminar", "2031-01-25T08:30:00+00:00", "Test Seminar", "en-GB")
    assert [(link.rel, link.href) for link in head.links] == [("self", f"{SITE}atom.xml"), ("alternate", f"{SITE}index.html")]


@pytest.mark.parametrize("index", range(len(EXPECTED)), ids=[e["id"].rsplit("-", 2)[-1] for e in EXPECTED])
def test_each_entry_has_exactly_its_fields(index: int) -> None:
    assert _entries(atom.feed(make_site()))[index] == EXPECTED[index]


def test_there_is_one_entry_per_session() -> None:
    assert len(_entries(atom.feed(make_site()))) == len(PAGES) == len(EXPECTED)


def test_without_the_sites_address_links_are_from_the_root() -> None:
    site = make_site(settings=Settings(project="Test Seminar", uid_domain="seminar.example.org"))
    parsed = feedparser.parse(atom.feed(site))
    assert [link.href for link in parsed.feed.links] == ["atom.xml", "index.html"]
    assert parsed.entries[0].link == f"{docname('morse-2')}.html"


def test_the_feed_changes_when_only_a_pages_history_does() -> None:
    later = dict(make_site().revisions)
    later[docname("morse-2")] = Revision(1, dt.datetime(2031, 6, 1, 12, 0, tzinfo=dt.UTC))
    data = atom.feed(make_site(revisions=later))
    assert feedparser.parse(data).feed.updated == "2031-06-01T12:00:00+00:00"
    changed = _entries(data)
    assert changed[0] == {**EXPECTED[0], "updated": "2031-06-01T12:00:00+00:00"}
    # Those with history of their own keep their dates.
    assert [changed[i]["updated"] for i in (12, 14)] == ["2031-01-25T08:30:00+00:00", "2031-01-02T10:00:00+00:00"]
