"""The embed page's entries, the page head's tags and the preview's texts, for every kind of session."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sphinx_seminar.core.site import Settings
from sphinx_seminar.formats import embed, head, preview

from sphinx_seminar.core.model import load_term

from .fixture_site import PAGES, _front, docname, make_site

SITE = "https://seminar.example.org/"


def page(short: str) -> str:
    return f"{SITE}{docname(short)}.html"


# ---- The embed page.

def item(short: str, end: str, when: str, title: str, speaker: str, where: str, status: str = "") -> dict:
    return {"end": end, "when": when, "status": status, "href": page(short), "title": title, "speaker": speaker, "where": where}


#: The embed's list on the fixture's day (Monday 20 January 2031, a meeting day): that day's meeting first.
FROM_TODAY = [
    item("today", "2031-01-20T16:30:00+01:00", "Mon, 20.01.2031, 15:00–16:30 Berlin time", "Invariants", "Emmy Noether", "Online"),
    item("cancelled", "2031-01-27T16:30:00+01:00", "Mon, 27.01.2031, 15:00–16:30 Berlin time", "Cancelled Talk", "Alan Turing",
         "Room 101", status="Cancelled: "),
    item("moved-date", "2031-02-04T16:30:00+01:00", "Tue, 04.02.2031, 15:00–16:30 Berlin time", "Moved by a Day", "Grace Hopper",
         "Room 101"),
    item("moved-start", "2031-02-11T16:30:00+01:00", "Tue, 11.02.2031, 15:00–16:30 Berlin time", "Moved in Time",
         "John von Neumann", "Room 101"),
    item("moved-room", "2031-02-18T16:30:00+01:00", "Tue, 18.02.2031, 15:00–16:30 Berlin time", "Moved in Space", "Kurt Gödel",
         "Room 101"),
    item("tba-speaker", "2031-02-24T16:30:00+01:00", "Mon, 24.02.2031, 15:00–16:30 Berlin time", "Spectral Graph Theory",
         "To be announced", "Room 101"),
    item("tba-title", "2031-03-03T16:30:00+01:00", "Mon, 03.03.2031, 15:00–16:30 Berlin time", "To be announced",
         "Sofia Kovalevskaya", "Room 101"),
    item("tba-both", "2031-03-10T16:30:00+01:00", "Mon, 10.03.2031, 15:00–16:30 Berlin time", "To be announced",
         "To be announced", "Room 101"),
    item("joint", "2031-03-17T16:30:00+01:00", "Mon, 17.03.2031, 15:00–16:30 Berlin time", "The Analytical Engine",
         "Ada Lovelace and Charles Babbage", "Room 101 and online"),
    item("new-york", "2031-03-24T11:00:00-04:00", "Mon, 24.03.2031, 10:00–11:00 New York time (EDT)", "Far Away",
         "Emmy Noether", "Hall 3"),
    item("online-private", "2031-10-13T15:30:00+02:00", "Mon, 13.10.2031, 14:00–15:30 Berlin time", "Online Only",
         "Alan Turing", "Online"),
    item("hybrid-private", "2031-10-20T15:30:00+02:00", "Mon, 20.10.2031, 14:00–15:30 Berlin time", "Hybrid", "Grace Hopper",
         "Room 202 and online"),
]


#: A meeting of the term before the fixture's day, and the autumn term's lectures.
SCHEDULED = item("scheduled", "2031-01-13T16:30:00+01:00", "Mon, 13.01.2031, 15:00–16:30 Berlin time", "Random Walks on Graphs",
                 "Ada Lovelace", "Room 101")
AUTUMN_LECTURES = [
    item("morse-1", "2031-10-27T15:30:00+01:00", "Mon, 27.10.2031, 14:00–15:30 Berlin time", "Morse Theory I", "Marston Morse",
         "Room 202"),
    item("morse-2", "2031-11-03T15:30:00+01:00", "Mon, 03.11.2031, 14:00–15:30 Berlin time", "Morse Theory II", "Marston Morse",
         "Room 202"),
]
AUTUMN = FROM_TODAY[-2:] + AUTUMN_LECTURES


def _embed(site) -> tuple[list[dict], list[bool], bool]:
    soup = BeautifulSoup(embed.page(site), "html.parser")
    items = soup.select("ol.seminar-next > li")
    read = [{"end": li["data-end"], "when": li.select_one(".when").get_text(), "status": li.select_one(".status").get_text(),
             "href": li.a["href"], "title": li.a.get_text(), "speaker": li.select_one(".speaker").get_text(),
             "where": li.select_one(".where").get_text()} for li in items]
    return read, [li.has_attr("hidden") for li in items], soup.select_one("#none").has_attr("hidden")


def _with_terms(*extra: tuple[str, str]):
    """The fixture with more terms (id, front-matter), each without sessions."""
    site = make_site()
    found = []
    for term_id, text in extra:
        path = f"sessions/{term_id}/index.md"
        term, problems = load_term(term_id, f"sessions/{term_id}/index", path, _front(text, path))
        assert term is not None, problems
        found.append(term)
    return site, site.terms + tuple(found)


def test_the_embed_carries_every_meeting_of_the_current_and_the_next_term() -> None:
    # On a meeting day (Monday 20 January 2031): the term's meeting of the week before is in the file, hidden; without
    # JavaScript the five from the day of the build on are shown, that day's meeting first.
    items, hidden, none_hidden = _embed(make_site())
    assert items == [SCHEDULED, *FROM_TODAY, *AUTUMN_LECTURES]
    assert hidden == [True] + [False] * embed.SHOWN + [True] * (len(items) - 1 - embed.SHOWN)
    assert none_hidden


def test_on_the_day_of_a_meeting_that_meeting_is_shown_first() -> None:
    items, hidden, _ = _embed(make_site(today=dt.date(2031, 1, 13)))
    assert items[0] == SCHEDULED and hidden[:embed.SHOWN + 1] == [False] * embed.SHOWN + [True]
    _, hidden, _ = _embed(make_site(today=dt.date(2031, 1, 14)))  # the next day it is kept, hidden
    assert hidden[:2] == [True, False]


def test_between_terms_the_embed_carries_the_coming_term() -> None:
    # Between the terms the current term is the coming one, and no term follows it.
    items, hidden, none_hidden = _embed(make_site(today=dt.date(2031, 5, 1)))
    assert (items, hidden, none_hidden) == (AUTUMN, [False] * 4, True)


def test_the_next_term_is_the_first_to_start_after_the_current_one_has_ended() -> None:
    site, terms = _with_terms(
        # Overlaps the spring term's last days: not the next one.
        ("2031-school", "title: Spring School\ntimezone: Europe/Berlin\nfirst_day: 2031-03-24\nlast_day: 2031-04-04\n"),
        ("2032-spring", "title: Spring 2032\ntimezone: Europe/Berlin\nfirst_day: 2032-02-02\nlast_day: 2032-03-26\n"))
    assert [replace(site, terms=terms, today=day).next_term.id for day in (dt.date(2031, 1, 20), dt.date(2031, 11, 4))] == [
        "2031-autumn", "2032-spring"]
    # The third term's sessions are in the autumn term's embed, not in the spring term's.
    later = replace(site.sessions[-1], term="2032-spring", docname="sessions/2032-spring/2032-02-02-later")
    with_later = replace(site, terms=terms, sessions=(*site.sessions, later))
    assert [i["href"] for i in _embed(with_later)[0]] == [i["href"] for i in [SCHEDULED, *FROM_TODAY, *AUTUMN_LECTURES]]
    in_autumn = [i["href"] for i in _embed(replace(with_later, today=dt.date(2031, 11, 4)))[0]]
    assert in_autumn == [i["href"] for i in AUTUMN] + [f"{SITE}sessions/2032-spring/2032-02-02-later.html"]
    assert replace(site, today=dt.date(2032, 2, 1)).next_term is None  # after the last term


def test_after_the_last_meeting_the_embed_says_none_are_planned() -> None:
    # The last term's meetings stay in the file, all hidden: the page says so with or without JavaScript.
    items, hidden, none_hidden = _embed(make_site(today=dt.date(2031, 11, 4)))
    assert (items, hidden, none_hidden) == (AUTUMN, [True] * 4, False)
    assert _embed(make_site(today=dt.date(2032, 6, 1)))[1:] == ([True] * 4, False)


def test_the_embed_is_a_page_of_its_own_in_the_sites_language() -> None:
    soup = BeautifulSoup(embed.page(make_site()), "html.parser")
    assert (soup.html["lang"], soup.title.get_text()) == ("en-GB", "Next meetings: Test Seminar")
    assert not soup.select("link, img, iframe, script[src]")
    assert soup.select_one('meta[name="viewport"]')["content"] == "width=device-width, initial-scale=1"


def test_the_embeds_script_is_the_packages_browser_files_as_they_are() -> None:
    # One source: the rule of past, now and to come that the site's pages load too, then the list's own part.
    static = Path(embed.__file__).parents[1] / "static"
    script = BeautifulSoup(embed.page(make_site()), "html.parser").script.get_text()
    words, files = script.split("\n", 2)[1:]
    assert files == "\n".join((static / n).read_text(encoding="utf-8") for n in ("seminar-when.js", "embed.js"))
    # Before them, the words the scripts say, in the site's language.
    assert words.startswith("window.seminarWords = {") and '"next": "Next"' in words
    assert "</" not in script


def test_the_embeds_colours_are_the_readers_schemes() -> None:
    style = BeautifulSoup(embed.page(make_site()), "html.parser").style.get_text()
    assert ":root { color-scheme: light dark; }" in style and "html { background: Canvas; color: CanvasText; }" in style
    assert not re.search(r"(?<![-\w])color: #[0-3]", style)  # no near-black text


def test_without_javascript_nothing_is_marked_next() -> None:
    # "Next" would go stale in a page kept for weeks: only the script marks it.
    items, _, _ = _embed(make_site())
    assert {i["status"] for i in items} == {"", "Cancelled: "}
    soup = BeautifulSoup(embed.page(make_site()), "html.parser")
    assert [li.a.get_text() for li in soup.select("li.cancelled")] == ["Cancelled Talk"]
    assert soup.select_one("ol.seminar-next")["data-shown"] == str(embed.SHOWN)


# ---- The page head.

def _tags(title: str, description: str, url: str | None, image: str | None, kind: str) -> list[str]:
    found = ['<meta property="og:site_name" content="Test Seminar">', f'<meta property="og:title" content="{title}">',
             f'<meta property="og:type" content="{kind}">', f'<meta property="og:description" content="{description}">']
    found += [f'<meta property="og:url" content="{url}">'] if url else []
    found += [f'<meta property="og:image" content="{image}">'] if image else []
    found += [f'<meta name="twitter:card" content="{"summary_large_image" if image else "summary"}">',
              f'<meta name="twitter:title" content="{title}">', f'<meta name="twitter:description" content="{description}">']
    return found + ([f'<meta name="twitter:image" content="{image}">'] if image else [])


DESCRIPTIONS = {
    "scheduled": "Mon, 13.01.2031, 15:00–16:30 Berlin time, Room 101. Ada Lovelace. First paragraph. Second paragraph.",
    "today": "Mon, 20.01.2031, 15:00–16:30 Berlin time, Online. Emmy Noether.",
    "cancelled": "Cancelled. Mon, 27.01.2031, 15:00–16:30 Berlin time, Room 101. Alan Turing.",
    "moved-date": "Moved from Mon, 03.02.2031. Tue, 04.02.2031, 15:00–16:30 Berlin time, Room 101. Grace Hopper.",
    "moved-start": "Moved from Mon, 10.02.2031. Tue, 11.02.2031, 15:00–16:30 Berlin time, Room 101. John von Neumann.",
    "moved-room": "Moved from Mon, 17.02.2031. Tue, 18.02.2031, 15:00–16:30 Berlin time, Room 101. Kurt Gödel.",
    "tba-speaker": "Mon, 24.02.2031, 15:00–16:30 Berlin time, Room 101. To be announced.",
    "tba-title": "Mon, 03.03.2031, 15:00–16:30 Berlin time, Room 101. Sofia Kovalevskaya.",
    "tba-both": "Mon, 10.03.2031, 15:00–16:30 Berlin time, Room 101. To be announced.",
    "joint": "Mon, 17.03.2031, 15:00–16:30 Berlin time, Room 101. Ada Lovelace and Charles Babbage.",
    "new-york": "Mon, 24.03.2031, 10:00–11:00 New York time (EDT), Hall 3. Emmy Noether.",
    "online-private": "Mon, 13.10.2031, 14:00–15:30 Berlin time, Online. Alan Turing.",
    "hybrid-private": "Mon, 20.10.2031, 14:00–15:30 Berlin time, Room 202. Grace Hopper.",
    "morse-1": "Mon, 27.10.2031, 14:00–15:30 Berlin time, Room 202. Marston Morse.",
    "morse-2": "Mon, 03.11.2031, 14:00–15:30 Berlin time, Room 202. Marston Morse.",
}
PAGE_TITLES = {"tba-title": "To be announced (3 March 2031)", "tba-both": "To be announced (10 March 2031)"}


@pytest.mark.parametrize("short", DESCRIPTIONS)
def test_a_session_pages_tags_are_exactly_these(short: str) -> None:
    site = make_site()
    session = site.session(docname(short))
    tags = head.session_head(site, session)
    title = PAGE_TITLES.get(short, session.title)
    image = f"{SITE}_previews/{docname(short)}.jpg"
    assert tags[:-1] == _tags(title, DESCRIPTIONS[short], page(short), image, "article")
    assert tags[-1].startswith('<script type="application/ld+json">\n{\n "@context": "https://schema.org",\n "@type": "EducationEvent"')


def test_a_long_description_is_cut_at_a_word() -> None:
    text = "word " * 100
    assert head.shorten(text) == ("word " * 39).strip() + "…"
    assert len(head.shorten(text)) <= head.DESCRIPTION_LENGTH
    assert head.shorten("a  b\n c") == "a b c"


def test_another_page_has_the_sites_tags_without_an_image() -> None:
    site = make_site()
    assert head.page_head(site, "speakers", "Speakers", "Who spoke.") == _tags(
        "Speakers", "Who spoke.", f"{SITE}speakers.html", None, "website")


def test_without_the_sites_address_no_tag_gives_a_relative_address() -> None:
    site = make_site(settings=Settings(project="Test Seminar"))
    tags = head.session_head(site, site.session(docname("today")))
    assert not [t for t in tags if "og:url" in t or "og:image" in t or "twitter:image" in t]
    assert '<meta name="twitter:card" content="summary">' in tags


def test_a_value_cannot_leave_its_attribute() -> None:
    assert head.meta("property", "og:title", '"><script>x</script>') == (
        '<meta property="og:title" content="&quot;&gt;&lt;script&gt;x&lt;/script&gt;">')
    assert head.feed_link(make_site(), '../a"b.xml') == (
        '<link rel="alternate" type="application/atom+xml" title="Test Seminar" href="../a&quot;b.xml">')


# ---- The preview image's texts.

PREVIEWS = {
    "scheduled": ("Random Walks on Graphs", "Ada Lovelace", "Monday, 13 January 2031, 15:00–16:30 Berlin time", "Room 101", ""),
    "today": ("Invariants", "Emmy Noether", "Monday, 20 January 2031, 15:00–16:30 Berlin time", "Online", ""),
    "cancelled": ("Cancelled Talk", "Alan Turing", "Monday, 27 January 2031, 15:00–16:30 Berlin time", "Room 101", "Cancelled"),
    "moved-start": ("Moved in Time", "John von Neumann", "Tuesday, 11 February 2031, 15:00–16:30 Berlin time", "Room 101",
                    "Moved from Mon, 10.02.2031"),
    "tba-title": ("To be announced (3 March 2031)", "Sofia Kovalevskaya", "Monday, 3 March 2031, 15:00–16:30 Berlin time",
                  "Room 101", ""),
    "joint": ("The Analytical Engine", "Ada Lovelace and Charles Babbage", "Monday, 17 March 2031, 15:00–16:30 Berlin time",
              "Room 101 and online", ""),
    "new-york": ("Far Away", "Emmy Noether", "Monday, 24 March 2031, 10:00–11:00 New York time (EDT)", "Hall 3", ""),
}


@pytest.mark.parametrize("short", PREVIEWS)
def test_the_preview_says_the_status_in_words(short: str) -> None:
    site = make_site()
    title, speaker, when, place, status = PREVIEWS[short]
    assert preview.preview_texts(site, site.session(docname(short))) == {
        "seminar": "Test Seminar", "title": title, "speaker": speaker, "when": when, "place": place, "status": status}


def test_every_fixture_page_is_in_the_tables() -> None:
    assert len(DESCRIPTIONS) == len(PAGES)
