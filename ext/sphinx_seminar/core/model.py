"""The one model of a seminar session and of a term.

Every output (the schedule table, the session pages, later the calendar,
the PDF and the command-line checker) gets its sessions from
:func:`load_session` and :func:`load_term`, so a field is parsed and
validated in exactly one place.

Front-matter arrives as the text the speaker typed (see
:mod:`sphinx_seminar.core.frontmatter`), so the validators below parse strings, and a
value that cannot be parsed gets a message saying what to write.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import zoneinfo
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .frontmatter import FrontMatter, Loc, read_source
from .problems import Problem

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def iso_week(day: dt.date) -> int:
    """The ISO 8601 week number of a day: the week every output shows, computed, never typed."""
    return day.isocalendar().week


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise PydanticCustomError(
            "date_format",
            "'{value}' is not a date in the form YYYY-MM-DD",
            {"value": text, "hint": "write the date as YYYY-MM-DD, for example 2024-11-04"},
        )
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise PydanticCustomError(
            "date_value",
            "'{value}' is not a day of the calendar ({reason})",
            {"value": text, "reason": str(error), "hint": "check the day and the month"},
        ) from None


def parse_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    text = str(value).strip()
    match = _TIME.match(text)
    if not match:
        raise PydanticCustomError(
            "time_format",
            "'{value}' is not a time in the form HH:MM",
            {"value": text, "hint": 'write a 24-hour time such as "15:00"'},
        )
    hours, minutes = (int(part) for part in match.groups())
    if hours > 23 or minutes > 59:
        raise PydanticCustomError(
            "time_value",
            "'{value}' is not a time of day",
            {"value": text, "hint": "hours go from 00 to 23 and minutes from 00 to 59"},
        )
    return dt.time(hours, minutes)


def _text(value: Any) -> str:
    if isinstance(value, (list, dict)):
        raise PydanticCustomError(
            "text_type",
            "expected a single line of text, got a {kind}",
            {"kind": "list" if isinstance(value, list) else "mapping", "hint": "write the value on the same line as the field name"},
        )
    return " ".join(str(value).split())


def _paragraphs(value: Any) -> str:
    """Keep paragraph breaks (blank lines) but nothing else of the layout."""
    if isinstance(value, (list, dict)):
        raise PydanticCustomError(
            "text_type",
            "expected text, got a {kind}",
            {"kind": "list" if isinstance(value, list) else "mapping", "hint": "write the text after '|' on the following, indented lines"},
        )
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and not value.strip():
        return []
    raise PydanticCustomError(
        "list_type",
        "expected a list",
        {"hint": "write one '- item' per line under the field"},
    )


Date = Annotated[dt.date, BeforeValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"})]
Time = Annotated[
    dt.time,
    BeforeValidator(parse_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"}),
]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
Paragraphs = Annotated[str, BeforeValidator(_paragraphs), Field(min_length=1)]


class SessionFields(BaseModel):
    """The front-matter of one session page."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Seminar session front-matter")

    title: Text = Field(description="Title of the session, as in the schedule.", examples=["Random Walks on Graphs"])
    speaker: Text = Field(description="Full name of the speaker.", examples=["Ada Lovelace"])
    affiliation: Text | None = Field(None, description="The speaker's institution.", examples=["University of Example"])
    date: Date = Field(description="Day of the meeting, YYYY-MM-DD.", examples=["2031-01-13"])
    start: Time = Field(description='Start time, "HH:MM" in the term\'s time zone. Default: the term\'s.', examples=["15:00"])
    end: Time = Field(description='End time, "HH:MM", after the start. Default: the term\'s.', examples=["16:30"])
    room: Text = Field(description="Where the meeting takes place. Default: the term's.", examples=["Room 101"])
    abstract: Paragraphs | None = Field(None, description="The abstract, as plain text; blank lines separate paragraphs.")
    series: str | None = Field(
        None,
        pattern=_SLUG,
        description="Slug shared by the parts of a multi-part lecture; parts are numbered by date.",
        examples=["random-walks"],
    )
    further_reading: Annotated[list[Text], BeforeValidator(_list)] = Field(
        default_factory=list,
        description="Keys in references.bib of works the site's editors suggest as background; "
        "shown under 'Further reading', apart from the works the page cites.",
        examples=[["lovasz1993random"]],
    )


class TermDefaults(BaseModel):
    """Values that sessions of a term take unless their page says otherwise."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: Time | None = None
    end: Time | None = None
    room: Text | None = None


class TermFields(BaseModel):
    """The front-matter of a term's index page, ``sessions/<term>/index.md``."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Seminar term front-matter")

    title: Text = Field(description="Name of the term.", examples=["Term 2031/32"])
    timezone: Text = Field(description="IANA time zone of the meeting times, where the seminar meets.",
                           examples=["America/New_York", "Asia/Tokyo"])
    organizers: Annotated[list[Text], BeforeValidator(_list)] = Field(default_factory=list, description="Names of the organisers.")
    defaults: TermDefaults = Field(default_factory=TermDefaults, description="Default start, end and room of the term's sessions.")
    no_meeting: Annotated[list[Date], BeforeValidator(_list)] = Field(
        default_factory=list, description="Dates of regular meeting days on which there is no meeting."
    )


SESSION_FIELDS: tuple[str, ...] = tuple(SessionFields.model_fields)
REQUIRED_SESSION_FIELDS: tuple[str, ...] = ("title", "speaker", "date", "start", "end", "room")

# Fields that speakers coming from other tools type, and what to write instead.
_INSTEAD = {
    "time": "give 'start' and 'end' separately, e.g. start: \"15:00\" and end: \"16:30\"",
    "location": "the field is called 'room'",
    "place": "the field is called 'room'",
    "author": "the field is called 'speaker'",
    "authors": "the field is called 'speaker'",
    "description": "the field is called 'abstract'",
    "summary": "the field is called 'abstract'",
}


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


@dataclass(frozen=True)
class Session:
    """A validated session: its front-matter plus where it came from."""

    docname: str
    path: str
    term: str
    fields: SessionFields
    #: Line of each front-matter field in the page, for later messages.
    lines: tuple[tuple[str, int], ...] = ()

    def __getattr__(self, name: str) -> Any:
        # Read the front-matter fields as attributes: session.date, session.room ...
        if name in SESSION_FIELDS:
            return getattr(self.fields, name)
        raise AttributeError(name)

    @property
    def week(self) -> int:
        return iso_week(self.fields.date)

    @property
    def iso_year(self) -> int:
        return self.fields.date.isocalendar().year

    def line_of(self, field: str) -> int | None:
        return dict(self.lines).get(field)

    def overlaps(self, other: Session) -> bool:
        return (
            self.fields.date == other.fields.date
            and self.fields.room.casefold() == other.fields.room.casefold()
            and self.fields.start < other.fields.end
            and other.fields.start < self.fields.end
        )


def _problems_from(error: ValidationError, front: FrontMatter, path: str, known: tuple[str, ...]) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc: Loc = tuple(item["loc"])
        name = ".".join(str(part) for part in loc) or None
        line = front.line_of(loc)
        ctx = item.get("ctx") or {}
        kind = item["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            close = difflib.get_close_matches(key, known, n=1)
            if key in _INSTEAD:
                hint = _INSTEAD[key]
            elif close:
                hint = f"did you mean '{close[0]}'?"
            else:
                hint = "known fields: " + ", ".join(known)
            problems.append(Problem(path, line, name, "unknown field", hint))
        elif kind == "missing":
            hint = f"add a line '{loc[-1]}: ...' to the front-matter"
            if loc == ("title",):
                hint += ", or start the page's text with '# Your title'"
            problems.append(Problem(path, front.first_line, name, "required field is missing", hint))
        elif kind in ("string_too_short", "too_short"):
            problems.append(Problem(path, line, name, "must not be empty", "write a value after the colon"))
        elif kind == "string_pattern_mismatch":
            problems.append(
                Problem(path, line, name, f"'{item['input']}' is not a slug", "use lower-case letters, digits and hyphens, e.g. learning-dynamical-systems")
            )
        elif "hint" in ctx:
            message = item["msg"]
            problems.append(Problem(path, line, name, message, str(ctx["hint"])))
        else:
            problems.append(Problem(path, line, name, item["msg"], "see docs/front-matter"))
    return problems


def load_term(term_id: str, docname: str, path: str, front: FrontMatter) -> tuple[Term | None, list[Problem]]:
    """Validate a term page's front-matter."""
    try:
        fields = TermFields.model_validate(front.values)
    except ValidationError as error:
        return None, _problems_from(error, front, path, tuple(TermFields.model_fields))
    try:
        zoneinfo.ZoneInfo(fields.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None, [
            Problem(path, front.line_of(("timezone",)), "timezone", f"unknown time zone '{fields.timezone}'", "use an IANA name such as America/New_York or Asia/Tokyo")
        ]
    return Term(id=term_id, docname=docname, path=path, fields=fields), []


def read_term(term_id: str, docname: str, path: Path, display: str) -> tuple[Term | None, list[Problem]]:
    """Read and validate a term page: the file, its front-matter, its fields."""
    front, problems = read_source(path, display)
    if front is None:
        return None, problems
    term, more = load_term(term_id, docname, display, front)
    return term, problems + more


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
        for name, default in term.fields.defaults.model_dump(exclude_none=True).items():
            values.setdefault(name, default)
    try:
        fields = SessionFields.model_validate(values)
    except ValidationError as error:
        return None, _problems_from(error, front, path, SESSION_FIELDS)
    if fields.end <= fields.start:
        line = front.line_of(("end",)) if "end" in front.values else front.line_of(("start",))
        return None, [
            Problem(
                path,
                line,
                "end",
                f"ends at {fields.end:%H:%M}, not after its start at {fields.start:%H:%M}",
                "give an end time later than the start time",
            )
        ]
    return Session(docname=docname, path=path, term=term_id, fields=fields, lines=tuple(lines.items())), []


def check_sessions(sessions: list[Session], terms: dict[str, Term]) -> list[Problem]:
    """Problems between sessions: overlaps in one room, meetings on no-meeting days."""
    problems: list[Problem] = []
    ordered = sorted(sessions, key=lambda s: (s.date, s.start, s.docname))
    same_day: dict[dt.date, list[Session]] = {}
    for session in ordered:
        earlier_that_day = same_day.setdefault(session.date, [])
        for earlier in earlier_that_day:
            if (earlier.date, earlier.title.casefold(), earlier.speaker.casefold()) == (
                session.date, session.title.casefold(), session.speaker.casefold()
            ):
                problems.append(
                    Problem(session.path, session.line_of("title"), "title",
                            f"duplicate of {earlier.path} (same date, speaker and title)",
                            "remove one of the two pages")
                )
            elif session.overlaps(earlier):
                problems.append(
                    Problem(
                        session.path,
                        session.line_of("date"),
                        "date",
                        f"overlaps with '{earlier.title}' ({earlier.path}) in {session.room} "
                        f"on {session.date:%Y-%m-%d}, {earlier.start:%H:%M}–{earlier.end:%H:%M}",
                        "move one of the two sessions to another time or room",
                    )
                )
        earlier_that_day.append(session)
        term = terms.get(session.term)
        if term is not None and session.date in term.fields.no_meeting:
            problems.append(
                Problem(
                    session.path,
                    session.line_of("date"),
                    "date",
                    f"{session.date:%Y-%m-%d} is a no-meeting date of {term.title}",
                    f"pick another date, or remove the date from 'no_meeting' in {term.path}",
                )
            )
    return problems


def unknown_further_reading(session: Session, known: Container[str] | None) -> list[Problem]:
    """A problem for each key of the session's ``further_reading`` that no ``.bib`` file has."""
    return [
        Problem(session.path, session.line_of("further_reading"), "further_reading", f"unknown citation key '{key}'",
                "add the entry to references.bib (with the source that confirms it) or correct the key")
        for key in session.further_reading
        if known is None or key not in known
    ]
