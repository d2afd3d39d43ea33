"""A site snapshot made in memory, with every kind of session, for the unit tests of the formats.

Two terms with a gap between them (spring: Berlin, join links public;
autumn: Berlin, join links private with the term's join info), and in
them a session of each kind: scheduled with materials, on the snapshot's
own day (online), cancelled, moved (date only, date and start, date and
room), speaker to be announced, title to be announced, both, a joint talk
(hybrid), one at a venue in another zone, online and hybrid with private
links, and a lecture in two parts.  The pages are read by the model's own
reading (``read_front_matter``, ``load_term``, ``load_session``), as a
build reads them.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import replace
from pathlib import Path

from sphinx_seminar.core.frontmatter import read_front_matter
from sphinx_seminar.core.history import Revision
from sphinx_seminar.core.model import Session, Term, load_session, load_term
from sphinx_seminar.core.site import Settings, Site

SPRING = """
title: Spring 2031
timezone: Europe/Berlin
first_day: 2031-01-06
last_day: 2031-03-28
defaults: {weekday: Monday, start: "15:00", end: "16:30", room: Room 101}
join_links_public: true
no_meeting: [2031-01-06]
rooms:
  hall 3:
    name: Great Hall Three
    address: 3 Example Avenue, New York, NY 10001, USA
  Room 9: 9 Unused Lane, Example Town
"""

AUTUMN = """
title: Autumn 2031
timezone: Europe/Berlin
first_day: 2031-10-06
last_day: 2032-01-30
defaults: {weekday: Monday, start: "14:00", end: "15:30", room: Room 202}
join_info: The link is sent to the mailing list.
rooms: {Room 202: "2 Example Road, 04103 Example Town, Germany"}
"""

#: docname (under sessions/<term>/) -> front-matter.
PAGES = {
    "2031-spring/2031-01-13-scheduled": """
        title: Random Walks on Graphs
        speaker: Ada Lovelace
        affiliation: University of Example
        date: 2031-01-13
        note: Bring a laptop.
        abstract: |
          First paragraph.

          Second paragraph.
        materials:
          slides: https://example.org/slides.pdf
          notes: notes.pdf
          code: missing.py
        """,
    "2031-spring/2031-01-20-today": """
        title: Invariants
        speaker: Emmy Noether
        date: 2031-01-20
        online: true
        join_url: https://meet.example.org/noether
        """,
    "2031-spring/2031-01-27-cancelled": """
        title: Cancelled Talk
        speaker: Alan Turing
        date: 2031-01-27
        status: cancelled
        reason: Illness.
        """,
    "2031-spring/2031-02-04-moved-date": """
        title: Moved by a Day
        speaker: Grace Hopper
        date: 2031-02-04
        status: moved
        moved_from: 2031-02-03
        """,
    "2031-spring/2031-02-11-moved-start": """
        title: Moved in Time
        speaker: John von Neumann
        date: 2031-02-11
        status: moved
        moved_from: {date: 2031-02-10, start: "10:00"}
        """,
    "2031-spring/2031-02-18-moved-room": """
        title: Moved in Space
        speaker: Kurt Gödel
        date: 2031-02-18
        status: moved
        reason: Room works.
        moved_from: {date: 2031-02-17, room: Room 7}
        """,
    "2031-spring/2031-02-24-tba-speaker": """
        title: Spectral Graph Theory
        speaker: TBA
        date: 2031-02-24
        """,
    "2031-spring/2031-03-03-tba-title": """
        title: TBA
        speaker: Sofia Kovalevskaya
        date: 2031-03-03
        """,
    "2031-spring/2031-03-10-tba-both": """
        title: TBA
        speaker: TBA
        date: 2031-03-10
        """,
    "2031-spring/2031-03-17-joint": """
        title: The Analytical Engine
        speaker:
          - {name: Ada Lovelace, affiliation: Analytical Society}
          - Charles Babbage
        affiliation: University of Cambridge
        date: 2031-03-17
        join_url: https://meet.example.org/engine
        """,
    "2031-spring/2031-03-24-new-york": """
        title: Far Away
        speaker: Emmy Noether
        affiliation: Bryn Mawr College
        date: 2031-03-24
        start: "10:00"
        end: "11:00"
        timezone: America/New_York
        room: Hall 3
        """,
    "2031-autumn/2031-10-13-online-private": """
        title: Online Only
        speaker: Alan Turing
        date: 2031-10-13
        online: true
        join_url: https://meet.example.org/private
        """,
    "2031-autumn/2031-10-20-hybrid-private": """
        title: Hybrid
        speaker: Grace Hopper
        date: 2031-10-20
        join_url: https://meet.example.org/hybrid
        """,
    "2031-autumn/2031-10-27-morse-1": """
        title: Morse Theory I
        speaker: Marston Morse
        date: 2031-10-27
        series: morse
        """,
    "2031-autumn/2031-11-03-morse-2": """
        title: Morse Theory II
        speaker: Marston Morse
        date: 2031-11-03
        series: morse
        """,
}

TODAY = dt.date(2031, 1, 20)
SETTINGS = Settings(project="Test Seminar", base_url="https://seminar.example.org/", uid_domain="seminar.example.org",
                    language="en_GB", date_format="EEE, dd.MM.y", institute="Institute of Examples")
REVISIONS = {
    "sessions/2031-spring/2031-01-13-scheduled": Revision(2, dt.datetime(2031, 1, 2, 10, 0, tzinfo=dt.UTC)),
    "sessions/2031-spring/2031-01-27-cancelled": Revision(3, dt.datetime(2031, 1, 25, 8, 30, tzinfo=dt.UTC)),
}
MATERIALS = {("sessions/2031-spring/2031-01-13-scheduled", "notes"): "_downloads/0123abcd/notes.pdf"}


def _front(text: str, path: str):
    front, problems = read_front_matter("---\n" + textwrap.dedent(text).strip() + "\n---\n", path)
    assert front is not None and not problems, problems
    return front


def terms() -> dict[str, Term]:
    found = {}
    for term_id, text in (("2031-spring", SPRING), ("2031-autumn", AUTUMN)):
        path = f"sessions/{term_id}/index.md"
        term, problems = load_term(term_id, f"sessions/{term_id}/index", path, _front(text, path))
        assert term is not None, problems
        found[term_id] = term
    return found


def sessions(by_term: dict[str, Term]) -> list[Session]:
    found = []
    for name, text in PAGES.items():
        term_id = name.split("/")[0]
        path = f"sessions/{name}.md"
        session, problems = load_session(f"sessions/{name}", path, term_id, _front(text, path), by_term[term_id])
        assert session is not None, (name, problems)
        found.append(session)
    return found


def make_site(**changes) -> Site:
    """The fixture's snapshot (``changes``: other values of its fields, e.g. ``today`` or ``settings``)."""
    by_term = terms()
    site = Site(settings=SETTINGS, sessions=tuple(sessions(by_term)), terms=tuple(by_term.values()), today=TODAY,
                revisions=REVISIONS, pages={}, material_files=MATERIALS)
    return replace(site, **changes) if changes else site


def docname(short: str) -> str:
    """The docname of a fixture page from the end of its name ("scheduled", "morse-1")."""
    found = [name for name in PAGES if name.endswith("-" + short)]
    assert len(found) == 1, short
    return f"sessions/{found[0]}"


CONF = """
project = "Test Seminar"
# As SETTINGS: British English, short dates "Mon, 10.03.2031".
language = "en_GB"
seminar_date_format = "EEE, dd.MM.y"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_seminar"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
myst_title_to_header = True
seminar_institute = "Institute of Examples"
seminar_calendar_domain = "seminar.example.org"
html_baseurl = "https://seminar.example.org/"
"""
TERM_BODY = "\n```{schedule}\n```\n\n```{toctree}\n:hidden:\n:glob:\n\n2*\n```\n"
BIB = """@book{milnor1963morse,
  author = {Milnor, John},
  title = {Morse Theory},
  publisher = {Princeton University Press},
  year = {1963},
}
"""
#: The body of the first Morse lecture, which cites the .bib.
MORSE_BODY = "\nAs {cite:t}`milnor1963morse` shows.\n"
ROOT_BODY = ("\n```{next-meeting}\n```\n\n```{rooms}\n```\n\n```{schedule}\n:term: current\n```\n\n```{toctree}\n:hidden:\n:glob:\n\nsessions/*/index\nreferences\n```\n")
REFERENCES = "---\ntitle: References\n---\n\n```{bibliography}\n```\n"


def write_site(root: Path) -> Path:
    """The fixture as a Sphinx site in ``root``: the same pages, a landing page showing the current term."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text("---\ntitle: Test Seminar\n---\n" + ROOT_BODY, encoding="utf-8")
    for term_id, text in (("2031-spring", SPRING), ("2031-autumn", AUTUMN)):
        folder = root / "sessions" / term_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text("---" + text + "---\n" + TERM_BODY, encoding="utf-8")
    for name, text in PAGES.items():
        body = MORSE_BODY if name.endswith("morse-1") else ""
        (root / "sessions" / f"{name}.md").write_text("---\n" + textwrap.dedent(text).strip() + "\n---\n" + body, encoding="utf-8")
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    (root / "references.md").write_text(REFERENCES, encoding="utf-8")
    for material in ("notes.pdf", "missing.py"):
        (root / "sessions" / "2031-spring" / material).write_bytes(b"%PDF-1.4\n" if material.endswith(".pdf") else b"print()\n")
    return root
