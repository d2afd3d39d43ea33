"""The whole site at one moment: one immutable snapshot that every output reads.

After every page is read, the Sphinx layer makes one :class:`Site` from the
seminar domain, the configuration and the repository's history
(``integration.snapshot``).  The formats (``sphinx_seminar.formats``) are
functions of it: they need no Sphinx application, so a test builds a
``Site`` in memory and checks a calendar or a feed in milliseconds.

What is derived from the sessions (the terms' sessions, the series, the
speakers, the current term) is derived here, once, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from text_unidecode import unidecode

from .fields import is_web_link
from .history import Revision
from .model import Room, Session, Term

#: Where a page has no history (no git, no SOURCE_DATE_EPOCH, no file): a fixed moment, not the clock.
NO_HISTORY = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Settings:
    """What the site's configuration says that the outputs show."""

    project: str
    #: The site's address (``html_baseurl``); empty where it is not known.
    base_url: str = ""
    #: The right-hand side of the calendars' UIDs; empty where there is none.
    uid_domain: str = ""
    language: str = "en"
    #: The zone whose times need no label (``seminar_timezone``); empty: each term's own.
    site_zone: str = ""
    zone_names: Mapping[str, str] = field(default_factory=dict)
    #: The institute (``seminar_institute``); empty where not given.
    institute: str = ""
    #: The landing page's address from the site root.
    root_page: str = "index.html"
    #: The short date's Babel pattern (``seminar_date_format``); empty: the language's own.
    date_format: str = ""
    #: Whether the schedule has a Week column (``seminar_week_numbers``).
    week_numbers: bool = True
    #: The extension's messages in the site's language (a ``gettext`` translations object, from
    #: Sphinx's catalogues); None: English.  Not part of a snapshot's value.
    translations: Any = field(default=None, compare=False, repr=False)

    @property
    def organizer(self) -> str:
        return self.institute or self.project


def _sort_form(name: str) -> str:
    """A name as an index sorts it: "Łukasiewicz" under L, "Ørsted" under O (by its letters in
    Latin script, not by code point, which puts both after Z), whatever the case."""
    return unidecode(name).casefold()


@dataclass(frozen=True)
class Speaker:
    """One person across the site: their affiliations and sessions in date order."""

    name: str
    affiliations: tuple[str, ...]
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class RoomUse:
    """A room the sessions meet in: its name as they give it, its entry in the term's ``rooms``
    (None where the term lists none), and the meetings held there (not the cancelled), in date order."""

    name: str
    room: Room | None
    sessions: tuple[Session, ...]

    @property
    def address(self) -> str | None:
        return self.room.address if self.room else None


def _frozen(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, eq=False)
class Site:
    """Sessions, terms, series, speakers, each page's revision and address, and the day."""

    settings: Settings
    sessions: tuple[Session, ...]
    terms: tuple[Term, ...]
    today: dt.date
    #: docname -> its revision from git.
    revisions: Mapping[str, Revision] = field(default_factory=dict)
    #: docname -> the page's address from the site root ("sessions/x/y.html").
    pages: Mapping[str, str] = field(default_factory=dict)
    #: (docname, material kind) -> where the site has a repository file of it, from its root.
    material_files: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        sessions = tuple(sorted(self.sessions, key=lambda s: (s.date, s.start, s.docname)))
        object.__setattr__(self, "sessions", sessions)
        object.__setattr__(self, "terms", tuple(sorted(self.terms, key=lambda t: (t.fields.first_day, t.id))))
        for name in ("revisions", "pages", "material_files"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    # What is derived, once.

    @functools.cached_property
    def _terms_by_id(self) -> Mapping[str, Term]:
        return MappingProxyType({t.id: t for t in self.terms})

    @functools.cached_property
    def _by_term(self) -> Mapping[str, tuple[Session, ...]]:
        found: dict[str, list[Session]] = {}
        for session in self.sessions:
            found.setdefault(session.term, []).append(session)
        return MappingProxyType({term: tuple(parts) for term, parts in found.items()})

    def term(self, term_id: str) -> Term | None:
        return self._terms_by_id.get(term_id)

    def term_of(self, session: Session) -> Term | None:
        return self._terms_by_id.get(session.term)

    def term_page(self, docname: str) -> Term | None:
        """The term whose index page is ``docname``."""
        return next((t for t in self.terms if t.docname == docname), None)

    def session(self, docname: str) -> Session | None:
        return self._by_docname.get(docname)

    @functools.cached_property
    def _by_docname(self) -> Mapping[str, Session]:
        return MappingProxyType({s.docname: s for s in self.sessions})

    def sessions_of(self, term_id: str) -> tuple[Session, ...]:
        return self._by_term.get(term_id, ())

    @property
    def term_ids(self) -> list[str]:
        """Every term, with a page or only sessions, by id."""
        return sorted(set(self._by_term) | set(self._terms_by_id))

    @functools.cached_property
    def series(self) -> Mapping[str, tuple[Session, ...]]:
        """Every lecture in several parts: its slug, and its parts in date order."""
        found: dict[str, list[Session]] = {}
        for session in self.sessions:
            if session.series:
                found.setdefault(session.series, []).append(session)
        return MappingProxyType({slug: tuple(parts) for slug, parts in found.items()})

    @functools.cached_property
    def speakers(self) -> tuple[Speaker, ...]:
        """Each speaker (a joint talk's each on their own, none for a slot still to be announced), by family name;
        a group (``group: true``) by its name as written."""
        sessions: dict[str, list[Session]] = {}
        affiliations: dict[str, dict[str, None]] = {}
        groups: set[str] = set()
        for session in self.sessions:
            for speaker in session.speakers:
                sessions.setdefault(speaker.name, []).append(session)
                affiliations.setdefault(speaker.name, {}).update({speaker.affiliation: None} if speaker.affiliation else {})
                if speaker.group:
                    groups.add(speaker.name)
        names = sorted(sessions, key=lambda n: (_sort_form(n if n in groups else n.split()[-1]), _sort_form(n)))
        return tuple(Speaker(n, tuple(affiliations[n]), tuple(sessions[n])) for n in names)

    @functools.cached_property
    def current_term(self) -> Term | None:
        """The term under way today; between terms the next one, after the last the latest."""
        return (next((t for t in self.terms if t.covers(self.today)), None)
                or next((t for t in self.terms if t.fields.first_day > self.today), None)
                or (self.terms[-1] if self.terms else None))

    def room_of(self, session: Session) -> Room | None:
        """The term's entry for the session's room (its address); None online or where the term lists none."""
        term = self.term_of(session)
        if session.attendance == "online" or term is None:
            return None
        return term.room(session.room)

    def address(self, session: Session) -> str | None:
        room = self.room_of(session)
        return room.address if room else None

    @functools.cached_property
    def rooms(self) -> tuple[RoomUse, ...]:
        """Each room the sessions meet in (not online, not cancelled), with its address, in the order of first use.

        One name with two addresses (two terms that say differently) is two rooms."""
        found: dict[tuple[str, str | None], list[Session]] = {}
        rooms: dict[tuple[str, str | None], tuple[str, Room | None]] = {}
        for session in self.sessions:
            if session.cancelled or session.attendance == "online":
                continue
            room = self.room_of(session)
            key = (session.room.casefold(), room.address if room else None)
            found.setdefault(key, []).append(session)
            rooms.setdefault(key, (session.room, room))
        return tuple(RoomUse(rooms[key][0], rooms[key][1], tuple(parts)) for key, parts in found.items())

    @functools.cached_property
    def next_term(self) -> Term | None:
        """The first term that starts after the current one has ended, if any."""
        current = self.current_term
        return None if current is None else next(
            (t for t in self.terms if t.fields.first_day > current.fields.last_day), None)

    @functools.cached_property
    def current_and_next_term_sessions(self) -> tuple[Session, ...]:
        """Every session of the current term and of the next one, in date order: what may still be
        to come by a reader's clock, however long ago the site was built (the embed, the landing page)."""
        return tuple(s for t in (self.current_term, self.next_term) if t is not None for s in self.sessions_of(t.id))

    def upcoming(self) -> tuple[Session, ...]:
        """The sessions from today on, in date order."""
        return tuple(s for s in self.sessions if s.date >= self.today)

    # Addresses and history.

    def url(self, path: str) -> str:
        """``path`` (from the site root) as an address: absolute where the site's address is known."""
        base = self.settings.base_url
        return base.rstrip("/") + "/" + path if base else path

    def absolute_url(self, path: str) -> str | None:
        """``path`` as an absolute address; None where the site's address is not known."""
        return self.url(path) if self.settings.base_url else None

    def page(self, docname: str) -> str:
        """A page's address from the site root."""
        return self.pages.get(docname, docname + ".html")

    def page_url(self, docname: str) -> str | None:
        """A page's absolute address; None where the site's address is not known."""
        return self.absolute_url(self.page(docname))

    def uid(self, session: Session) -> str:
        """Stable across builds, moves and cancellations: made from the page's name, not from its date or the build."""
        return f"{session.docname.replace('/', '-')}@{self.settings.uid_domain or 'invalid'}"

    def revision(self, session: Session) -> Revision:
        return self.revisions.get(session.docname) or Revision(0, NO_HISTORY)

    def material_file(self, session: Session, kind: str) -> str | None:
        """Where the site has the repository file of a material, from its root; None where it has none."""
        return self.material_files.get((session.docname, kind))

    def material_link(self, session: Session, kind: str, value: str, *, absolute: bool) -> str | None:
        """A material's address: its link as it is; a repository file where the site has it
        (absolute where the site's address is known, or from the root unless ``absolute``)."""
        if is_web_link(value):
            return value
        copy = self.material_file(session, kind)
        if copy is None:
            return None
        return self.absolute_url(copy) if absolute else self.url(copy)

    def material_links(self, session: Session, *, absolute: bool) -> list[tuple[str, str]]:
        """(kind, address) of each material the site has an address for, in the usual order."""
        found = [(kind, self.material_link(session, kind, value, absolute=absolute))
                 for kind, value in (session.materials.items() if session.materials else [])]
        return [(kind, link) for kind, link in found if link]

