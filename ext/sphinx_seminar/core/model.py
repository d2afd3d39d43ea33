"""The one model of a seminar session and of a term.

Every output (the schedule table, the session pages, the calendars, the
PDF and the command-line checker) gets its sessions from
:func:`load_session` and :func:`load_term`, so a field is parsed and
validated in exactly one place.  The kinds of values (dates, times, links,
time zones) are read by :mod:`sphinx_seminar.core.fields`.

A session is scheduled, cancelled or moved; its speaker and title may be
"to be announced"; it may have several speakers, its own time zone (the
venue's), a join link, materials and a note.  What is derived from the
fields (the display of the speakers, the zone, the attendance mode) is a
property of :class:`Session`, so every output shows the same.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError
from slugify import slugify

from . import fields as f
from .frontmatter import FrontMatter, read_source
from .problems import Problem
from .validation import field_problems, session_rules, term_rules

STATUSES = ("scheduled", "cancelled", "moved")
MATERIAL_KINDS = ("slides", "recording", "code", "notes")


def iso_week(day: dt.date) -> int:
    """The ISO 8601 week number of a day: the week every output shows, computed, never typed."""
    return day.isocalendar().week


def _status(value: Any) -> str:
    text = " ".join(str(value).split()).casefold()
    text = {"canceled": "cancelled", "postponed": "moved", "rescheduled": "moved"}.get(text, text)
    if text not in STATUSES:
        raise PydanticCustomError("status_value", "'{value}' is not a status", {"value": str(value).strip(), "hint": "write scheduled, cancelled or moved"})
    return text


def _speakers(value: Any) -> list[Any]:
    """One speaker as text, or a list of them: each a name or ``{name, affiliation}``."""
    items = value if isinstance(value, list) else [value]
    return [{"name": item} if not isinstance(item, dict) else item for item in items]


def _affiliations(value: Any) -> str | list[str]:
    """One affiliation as text, or a list of them: one per speaker, in the order of ``speaker``."""
    if not isinstance(value, list):
        text = f.text_value(value)
        if not text:
            raise PydanticCustomError("string_too_short", "must not be empty")
        return text
    if not value:
        raise PydanticCustomError("too_short", "must not be empty")
    items = []
    for number, item in enumerate(value, start=1):
        text = "" if isinstance(item, (list, dict)) else f.text_value(item)
        if not text:
            raise PydanticCustomError("affiliation_item", "item {number} of the list is not a line of text",
                                      {"number": number, "hint": "write each speaker's affiliation as one line "
                                       "'- Institution', in the order of the speakers"})
        items.append(text)
    return items


def series_by_title(values: Any) -> Any:
    """``series: Random Walks on Graphs`` (a title, not a slug) is short for ``series: random-walks-on-graphs``
    with ``series_title: Random Walks on Graphs``; a slug stays as it is."""
    if not isinstance(values, dict) or not isinstance(values.get("series"), str):
        return values
    text = " ".join(values["series"].split())
    if not text or re.match(f.SLUG, text):
        return values
    slug = slugify(text)
    if not slug:
        return values  # no words: the slug's own check says what to write
    return {**values, "series": slug, "series_title": values.get("series_title", text)}


#: A part's number as written: Roman (II) or Arabic (2).
_PART = re.compile(r"^(?:[IVXLC]+|[1-9][0-9]*)$")


def _part(value: Any) -> str:
    text = f.text_value(value)
    if not _PART.match(text.upper()):
        raise PydanticCustomError("part_value", "'{value}' is not a part's number",
                                  {"value": text, "hint": "write a Roman or an Arabic numeral, e.g. part: II or part: 2"})
    return text.upper()


def _former(value: Any) -> Any:
    """``moved_from: 2031-02-26`` is short for ``moved_from: {date: 2031-02-26}``."""
    return {"date": value} if isinstance(value, str) else value


class Speaker(BaseModel):
    """One speaker of a talk."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: f.Text = Field(description="Full name.")
    affiliation: f.Text | None = Field(None, description="Their institution.")
    group: bool = Field(False, description="Not a person but a group, team or institution "
                                           "(\"Vancouver Topology Group\"): listed by its name as written, not by a family name.")


class MovedFrom(BaseModel):
    """Where and when a moved session was planned before."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: f.Date = Field(description="The day it was planned for.")
    start: f.Time | None = Field(None, description="The start it had, if another.")
    room: f.Text | None = Field(None, description="The room it had, if another.")


class Materials(BaseModel):
    """What a talk leaves behind: each an http(s) link or a file of the repository."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slides: f.Material | None = None
    recording: f.Material | None = None
    code: f.Material | None = None
    notes: f.Material | None = None

    def items(self) -> list[tuple[str, str]]:
        return [(kind, value) for kind in MATERIAL_KINDS if (value := getattr(self, kind))]


Speakers = Annotated[
    list[Speaker],
    BeforeValidator(_speakers),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": Speaker.model_json_schema()}]}),
    f.Label("text or list of mappings"),
]
#: ``series``: a slug, once :func:`series_by_title` has made one of a title (the schema says what a page may write).
SeriesSlug = Annotated[str, BeforeValidator(f.text_value), Field(pattern=f.SLUG), WithJsonSchema({"type": "string", "minLength": 1}),
                       f.Label("title or slug")]
#: ``affiliation``: text (each speaker's who gives none), or a list parallel to the speakers.
Affiliations = Annotated[
    str | list[str],
    BeforeValidator(_affiliations),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1},
                               {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}]}),
    f.Label("text or list of text"),
]
Status = Annotated[str, BeforeValidator(_status), WithJsonSchema({"type": "string", "enum": list(STATUSES)}),
                   f.Label(" or ".join(STATUSES))]
#: A field the term's defaults may supply (the fields of :class:`TermDefaults`).
TermDefault = f.Need("required, or the term's default")


class SessionFields(BaseModel):
    """The front-matter of one session page."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Seminar session front-matter")

    _series_by_title = model_validator(mode="before")(series_by_title)

    title: f.Text = Field(description="Title of the session, as in the schedule; TBA while it is not known.",
                          examples=["Random Walks on Graphs"])
    speaker: Speakers = Field(description="Name of the speaker, TBA while not known, or a list of speakers "
                              "(each a name, or 'name' and 'affiliation') for a joint talk.", examples=["Ada Lovelace"])
    affiliation: Affiliations | None = Field(
        None, description="The speaker's institution; for a list of speakers, one for those who give none, "
        "or a list of as many as there are speakers, in the same order.", examples=["University of Example"])
    date: f.Date = Field(description="Day of the meeting, YYYY-MM-DD.", examples=["2031-01-13"])
    start: Annotated[f.Time, TermDefault] = Field(description='Start time, "HH:MM", the venue\'s wall-clock time. Default: the term\'s.', examples=["15:00"])
    end: Annotated[f.Time, TermDefault] = Field(description='End time, "HH:MM", after the start. Default: the term\'s.', examples=["16:30"])
    room: Annotated[f.Text | None, f.Need("required, or the term's default (none for an online talk)")] = Field(
        None, description="Where the meeting takes place. Default: the term's. None for an online talk.",
                                examples=["Room 101"])
    timezone: f.Zone | None = Field(None, description="IANA time zone of the venue, where it is not the term's.",
                                    examples=["Europe/London"])
    status: Status = Field("scheduled", description="scheduled, cancelled or moved.")
    reason: f.Text | None = Field(None, description="Public reason of a cancellation or move.")
    moved_from: Annotated[MovedFrom | None, BeforeValidator(_former), WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date"}, MovedFrom.model_json_schema()]}), f.Label("date (YYYY-MM-DD) or mapping")] = Field(
        None, description="For a moved session: the date it had before, or 'date' (and 'start', 'room' if other) indented below.")
    online: f.Boolean = Field(False, description="true for a talk given online only (no room).")
    join_url: f.WebLink | None = Field(None, description="Link to join online (an online or hybrid talk); "
                                       "published only where the term's join_links_public is true.")
    materials: Materials | None = Field(None, description="After the talk: 'slides', 'recording', 'code', 'notes', "
                                        "each an https:// link or a file path relative to the page's folder.")
    note: f.Text | None = Field(None, description="A short note shown in the schedule and on the page.",
                                examples=["Note the irregular time."])
    abstract: f.Paragraphs | None = Field(None, description="The abstract, as plain text; blank lines separate paragraphs.")
    series: SeriesSlug | None = Field(
        None, examples=["Random Walks on Graphs", "random-walks"],
        description="The lecture in several parts that the session is one of, the same on every part: its title "
        "(its slug is made from it), or its slug. Parts are numbered by the numeral that ends every title, else by date.")
    series_title: f.Text | None = Field(None, description="The series' title, where 'series' gives its slug; "
                                        "else the words its parts' titles share.", examples=["Random Walks on Graphs"])
    part: Annotated[str, BeforeValidator(_part), WithJsonSchema({"type": "string", "pattern": "^([IVXLCivxlc]+|[1-9][0-9]*)$"}),
                    f.Label("numeral (II or 2)")] | None = Field(
        None, description="The part's number in its series, Roman or Arabic, shown as written.", examples=["II"])
    further_reading: f.list_of(f.Text) = Field(
        default_factory=list,
        description="Keys in references.bib of works the site's editors suggest as background; "
        "shown under 'Further reading', apart from the works the page cites.",
        examples=[["lovasz1993random"]],
    )


def _room(value: Any) -> Any:
    """``Hall B: 1 Street, Town`` is short for ``Hall B: {address: 1 Street, Town}``."""
    return {"address": value} if isinstance(value, str) else value


class Room(BaseModel):
    """Where a room is: its address, and its full name where the schedule's is short."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    address: f.Text = Field(description="The postal address on one line: street, postcode and town, country.")
    name: f.Text | None = Field(None, description="The room's full name, where the schedule's short one says less.")


RoomEntry = Annotated[Room, BeforeValidator(_room), WithJsonSchema({"anyOf": [{"type": "string"}, Room.model_json_schema()]})]


class TermDefaults(BaseModel):
    """Values that sessions of a term take unless their page says otherwise."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weekday: f.Weekday | None = Field(None, description="The day the seminar meets.")
    start: f.Time | None = None
    end: f.Time | None = None
    room: f.Text | None = None


class TermFields(BaseModel):
    """The front-matter of a term's index page, ``sessions/<term>/index.md``."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Seminar term front-matter")

    title: f.Text = Field(description="Name of the term.", examples=["Term 2031/32"])
    timezone: f.Zone = Field(description="IANA time zone of the meeting times, where the seminar meets.",
                             examples=["America/New_York", "Asia/Tokyo"])
    first_day: f.Date = Field(description="First day of the term, YYYY-MM-DD.", examples=["2031-10-13"])
    last_day: f.Date = Field(description="Last day of the term, YYYY-MM-DD.", examples=["2032-02-09"])
    organizers: f.list_of(f.Text) = Field(default_factory=list, description="Names of the organisers.")
    defaults: TermDefaults = Field(default_factory=TermDefaults, description="Default weekday, start, end and room of the term's sessions.")
    no_meeting: f.list_of(f.Date) = Field(default_factory=list, description="Dates of regular meeting days on which there is no meeting.")
    join_links_public: f.Boolean = Field(False, description="true to publish sessions' join links on the site and in the calendars.")
    join_info: f.Text | None = Field(None, description="Where the join link is to be had when it is not published.",
                                     examples=["The link is sent to the mailing list."])
    rooms: Annotated[dict[f.Text, RoomEntry], f.Label("mapping of room to address")] = Field(
        default_factory=dict, description="Each room's address, by the room's name as sessions give it: the address on "
        "one line, or 'address' (and 'name', its full name) indented below. A room not listed has no address.",
        examples=[{"Hall B": "1 Example Street, 12345 Example Town, Country"}])


SESSION_FIELDS: tuple[str, ...] = tuple(SessionFields.model_fields)


@dataclass(frozen=True)
class Term:
    """A term: ``sessions/<id>/index.md`` and the sessions in that folder."""

    id: str
    docname: str
    path: str
    fields: TermFields

    @property
    def title(self) -> str:
        return self.fields.title

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.fields.timezone)

    def covers(self, day: dt.date) -> bool:
        return self.fields.first_day <= day <= self.fields.last_day

    def room(self, name: str) -> Room | None:
        """The entry of ``rooms`` for the room ``name`` (in any case); None for a room it does not list."""
        wanted = name.casefold()
        return next((room for key, room in self.fields.rooms.items() if key.casefold() == wanted), None)


@dataclass(frozen=True)
class Session:
    """A validated session: its front-matter plus where it came from."""

    docname: str
    path: str
    term: str
    fields: SessionFields
    #: Line of each front-matter field in the page, for later messages.
    lines: tuple[tuple[str, int], ...] = ()
    #: The venue's time zone: the session's own, else its term's.
    zone: str = "UTC"

    def __getattr__(self, name: str) -> Any:
        # Read the front-matter fields as attributes: session.date, session.status ...
        if name in SESSION_FIELDS:
            return getattr(self.fields, name)
        raise AttributeError(name)

    @property
    def title(self) -> str:
        return f.TBA_TEXT if self.title_tba else self.fields.title

    @property
    def page_title(self) -> str:
        """The title of the session's own page: a slot's says its day, so that two slots differ in menus."""
        return f"{f.TBA_TEXT} ({self.fields.date.day} {self.fields.date:%B %Y})" if self.title_tba else self.fields.title

    @property
    def title_tba(self) -> bool:
        return f.is_tba(self.fields.title)

    @property
    def speakers(self) -> tuple[Speaker, ...]:
        """The speakers, each with an affiliation where the page gives one (none while TBA)."""
        if self.speaker_tba:
            return ()
        given = self.fields.affiliation
        # A list is parallel to the speakers (validation checks the counts); a text is everyone's default.
        defaults = given if isinstance(given, list) else [given] * len(self.fields.speaker)
        return tuple(s if s.affiliation or not default else Speaker(name=s.name, affiliation=default)
                     for s, default in zip(self.fields.speaker, defaults))

    @property
    def speaker_tba(self) -> bool:
        return len(self.fields.speaker) == 1 and f.is_tba(self.fields.speaker[0].name)

    @property
    def speaker(self) -> str:
        """"A", "A and B" or "A, B and C"; "To be announced" while not known."""
        return join_names([s.name for s in self.speakers]) or f.TBA_TEXT

    @property
    def speaker_entries(self) -> list[str]:
        """Each speaker with their affiliation: ["A (X)", "B"] (joined in the site's language by the wording)."""
        return [s.name + (f" ({s.affiliation})" if s.affiliation else "") for s in self.speakers]

    @property
    def speaker_line(self) -> str:
        """The speakers with their affiliations: "A (X) and B"."""
        return join_names(self.speaker_entries) or f.TBA_TEXT

    @property
    def affiliation(self) -> str | None:
        return "; ".join(dict.fromkeys(s.affiliation for s in self.speakers if s.affiliation)) or None

    @property
    def tba(self) -> bool:
        return self.title_tba or self.speaker_tba

    @property
    def room(self) -> str:
        return self.fields.room or "Online"

    @property
    def place(self) -> str:
        """The room, "Online", or the room "and online" for a hybrid talk."""
        if self.attendance == "online":
            return "Online"
        return self.room + (" and online" if self.attendance == "mixed" else "")

    def published_join_url(self, term: Term | None) -> str | None:
        """The join link where the term publishes links; None elsewhere (it stays off every output)."""
        return self.fields.join_url if self.fields.join_url and term is not None and term.fields.join_links_public else None

    @property
    def cancelled(self) -> bool:
        return self.fields.status == "cancelled"

    @property
    def moved(self) -> bool:
        return self.fields.status == "moved"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zone)

    @property
    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.fields.date, self.fields.start, tzinfo=self.tz)

    @property
    def ends(self) -> dt.datetime:
        return dt.datetime.combine(self.fields.date, self.fields.end, tzinfo=self.tz)

    @property
    def attendance(self) -> Literal["online", "mixed", "offline"]:
        if self.fields.online:
            return "online"
        return "mixed" if self.fields.join_url else "offline"

    @property
    def previous_start(self) -> dt.datetime | None:
        """Where a moved session was before: its old day at its old (or same) start."""
        before = self.fields.moved_from
        if before is None:
            return None
        return dt.datetime.combine(before.date, before.start or self.fields.start, tzinfo=self.tz)

    @property
    def previous_room(self) -> str | None:
        before = self.fields.moved_from
        return None if before is None else before.room or self.room

    @property
    def week(self) -> int:
        return iso_week(self.fields.date)

    @property
    def iso_year(self) -> int:
        return self.fields.date.isocalendar().year

    def line_of(self, field: str) -> int | None:
        return dict(self.lines).get(field)

    def overlaps(self, other: Session) -> bool:
        if self.cancelled or other.cancelled or self.fields.online or other.fields.online:
            return False  # a cancelled or online talk takes no room
        return (
            self.fields.date == other.fields.date
            and self.room.casefold() == other.room.casefold()
            and self.starts < other.ends
            and other.starts < self.ends
        )


def join_names(names: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_slot(front: FrontMatter | None) -> bool:
    """Whether a page's front-matter is a slot's, its title or its one speaker TBA (:attr:`Session.tba`),
    read from the values as typed, so that a page whose other fields have problems is known as one too."""
    if front is None or not isinstance(front.values, dict):
        return False
    title = front.values.get("title")
    if title is None and front.body_heading:
        title = front.body_heading[0]
    speakers = front.values.get("speaker")
    names = [item.get("name") if isinstance(item, dict) else item for item in (speakers if isinstance(speakers, list) else [speakers])]
    title_tba = isinstance(title, str) and f.is_tba(title)
    speaker_tba = len(names) == 1 and isinstance(names[0], str) and f.is_tba(names[0])
    return title_tba or speaker_tba


def load_term(term_id: str, docname: str, path: str, front: FrontMatter) -> tuple[Term | None, list[Problem]]:
    """Validate a term page's front-matter."""
    try:
        fields = TermFields.model_validate(front.values)
    except ValidationError as error:
        return None, field_problems(error, front, path, TermFields)
    problems = term_rules(fields, front, path)
    if problems:
        return None, problems
    return Term(id=term_id, docname=docname, path=path, fields=fields), []


def sessions_term(term_id: str, docname: str, path: Path, display: str) -> Term | None:
    """The term as its sessions see it (:func:`term_for_sessions`), read from its page."""
    front, _ = read_source(path, display)
    return None if front is None else term_for_sessions(term_id, docname, display, front)


def term_for_sessions(term_id: str, docname: str, display: str, front: FrontMatter) -> Term | None:
    """The term as its sessions see it: valid, or, from a term page with problems, its
    defaults and zone where those are valid (and no limits on dates).

    The term's problems are reported once, on its own page; without this, every
    session of the term would report its start, end and room as missing too.
    """
    term, _ = load_term(term_id, docname, display, front)
    if term is not None or not isinstance(front.values, dict):
        return term
    try:
        defaults = TermDefaults.model_validate(front.values.get("defaults") or {})
    except ValidationError:
        defaults = TermDefaults()
    try:
        zone = f.parse_zone(front.values.get("timezone", "UTC"))
    except PydanticCustomError:
        zone = "UTC"
    fields = TermFields.model_construct(title=term_id, timezone=zone, first_day=dt.date.min, last_day=dt.date.max,
                                        organizers=[], defaults=defaults, no_meeting=[], join_links_public=False, join_info=None,
                                        rooms={})
    return Term(id=term_id, docname=docname, path=display, fields=fields)


def load_session(
    docname: str, path: str, term_id: str, front: FrontMatter, term: Term | None
) -> tuple[Session | None, list[Problem]]:
    """Validate a session page's front-matter, with the term's defaults."""
    values = dict(front.values)
    lines = {str(loc[0]): line for loc, line in front.lines.items() if len(loc) == 1}
    if "title" not in values and front.body_heading:
        # A page that starts its body with '# Title' out of Markdown habit.
        values["title"], lines["title"] = front.body_heading
    if term is not None:
        for name, default in term.fields.defaults.model_dump(exclude_none=True, exclude={"weekday"}).items():
            if not (name == "room" and f.truthy(values.get("online"))):
                values.setdefault(name, default)
    try:
        fields = SessionFields.model_validate(values)
    except ValidationError as error:
        return None, field_problems(error, front, path, SessionFields)
    problems = session_rules(fields, front, path, term)
    if problems:
        return None, problems
    zone = fields.timezone or (term.fields.timezone if term else "UTC")
    return Session(docname=docname, path=path, term=term_id, fields=fields, lines=tuple(lines.items()), zone=zone), []
