"""The problems of one page's front-matter, each with its line and what to write instead.

:func:`field_problems` turns pydantic's errors (one field's value) into
:class:`~sphinx_seminar.core.problems.Problem`; :func:`session_rules` and
:func:`term_rules` check what involves several fields, or the term, once
each value is valid.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from .frontmatter import FrontMatter, Loc
from .problems import Problem

if TYPE_CHECKING:
    from .model import SessionFields, Term, TermFields

# Fields that speakers coming from other tools type, and what to write instead.
_INSTEAD = {
    "time": "give 'start' and 'end' separately, e.g. start: \"15:00\" and end: \"16:30\"",
    "location": "the field is called 'room'",
    "place": "the field is called 'room'",
    "author": "the field is called 'speaker'",
    "authors": "the field is called 'speaker' (a list for a joint talk)",
    "speakers": "the field is called 'speaker' (a list for a joint talk)",
    "description": "the field is called 'abstract'",
    "summary": "the field is called 'abstract'",
    "venue": "the field is called 'room' (its address goes under 'rooms:' on the term's page)",
    "affiliations": "the field is called 'affiliation' (a list of one per speaker for a joint talk)",
    "institution": "the field is called 'affiliation'",
    "cancelled": "write status: cancelled",
    "canceled": "write status: cancelled",
    "postponed": "write status: moved, with moved_from: and the date it had before",
    "rescheduled": "write status: moved, with moved_from: and the date it had before",
    "part_of": "the field is called 'series': the series' title, the same on every part",
    "lecture_series": "the field is called 'series': the series' title, the same on every part",
    "part_number": "the field is called 'part': its numeral, e.g. part: II",
    "slides": "put it under 'materials:', as slides: ...",
    "recording": "put it under 'materials:', as recording: ...",
    "video": "put it under 'materials:', as recording: ...",
    "link": "the join link is 'join_url'; slides and recordings go under 'materials:'",
    "zoom": "the join link is 'join_url'",
    "url": "the join link is 'join_url'; slides and recordings go under 'materials:'",
}


def _unknown_field_hint(key: str, known: tuple[str, ...], top: bool = True) -> str:
    """What to write instead of the unknown field ``key``, among the fields ``known`` where it stands.

    The other tools' names (:data:`_INSTEAD`) are those of top-level fields: under ``materials:``
    a ``video`` is not to be put "under 'materials:'"."""
    close = difflib.get_close_matches(key, known, n=1)
    if top and key in _INSTEAD:
        return _INSTEAD[key]
    if close:
        return f"did you mean '{close[0]}'?"
    return "known fields: " + ", ".join(known)


def _model_in(kind: Any) -> type[BaseModel] | None:
    """The model a field's type holds (``Materials | None``, ``list[Speaker]``), if any."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return kind
    for inner in getattr(kind, "__args__", ()):
        if (found := _model_in(inner)) is not None:
            return found
    return None


def fields_at(model: type[BaseModel], loc: Loc) -> tuple[str, ...]:
    """The fields of the mapping at ``loc`` in ``model``'s front-matter (``("materials",)``: slides, ...)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue  # an item of a list: the list's model
        field = current.model_fields.get(part) if current is not None else None
        current = _model_in(field.annotation) if field is not None else None
    return tuple(current.model_fields) if current is not None else ()


def field_problems(error: ValidationError, front: FrontMatter, path: str, model: type[BaseModel]) -> list[Problem]:
    """pydantic's errors as problems at the line of each field (of ``model``, the page's)."""
    problems = []
    for item in error.errors():
        loc: Loc = tuple(item["loc"])
        name = ".".join(str(part) for part in loc) or None
        line = front.line_of(loc)
        ctx = item.get("ctx") or {}
        kind = item["type"]
        if kind == "extra_forbidden":
            hint = _unknown_field_hint(str(loc[-1]), fields_at(model, loc[:-1]), top=len(loc) == 1)
            problems.append(Problem(path, line, name, "unknown field", hint))
        elif kind == "missing":
            hint = f"add a line '{loc[-1]}: ...' to the front-matter"
            if loc == ("title",):
                hint += ", or start the page's text with '# Your title'"
            problems.append(Problem(path, front.first_line if len(loc) == 1 else line, name, "required field is missing", hint))
        elif kind in ("string_too_short", "too_short"):
            problems.append(Problem(path, line, name, "must not be empty", "write a value after the colon"))
        elif kind == "string_pattern_mismatch":
            problems.append(
                Problem(path, line, name, f"'{item['input']}' is neither a title in words nor a slug",
                        "give the series' title, e.g. Learning Dynamical Systems, or its slug, in lower-case letters, digits and "
                        "hyphens, e.g. learning-dynamical-systems")
            )
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            problems.append(Problem(path, line, name, "expected fields indented under this one",
                                    f"write each on its own line below '{loc[-1]}:', indented"))
        elif "hint" in ctx:
            problems.append(Problem(path, line, name, item["msg"], str(ctx["hint"])))
        else:
            problems.append(Problem(path, line, name, item["msg"], "see docs/front-matter"))
    return problems


def _at(front: FrontMatter, path: str, field: str, message: str, hint: str) -> Problem:
    return Problem(path, front.line_of((field,)) if field in front.values else front.first_line, field, message, hint)


def session_rules(fields: SessionFields, front: FrontMatter, path: str, term: Term | None) -> list[Problem]:
    """What a session's fields must agree on, and with its term."""
    problems = _speaker_rules(fields, front, path) + _series_rules(fields, front, path) + _time_and_place(fields, front, path) + _status_rules(fields, front, path)
    if term is not None and not term.covers(fields.date):
        first, last = term.fields.first_day, term.fields.last_day
        problems.append(_at(front, path, "date", f"{fields.date:%Y-%m-%d} is outside {term.title} ({first:%Y-%m-%d} to {last:%Y-%m-%d})",
                            f"correct the date, or move the page to the folder of the term that covers it "
                            f"('seminar term new' starts a term; its dates are in {term.path})"))
    return problems


def _count(number: int, what: str) -> str:
    return f"{number} {what}" + ("" if number == 1 else "s")


def _series_rules(fields: SessionFields, front: FrontMatter, path: str) -> list[Problem]:
    """A part is a part of a series, whose title is given once."""
    problems = []
    if fields.part is not None and fields.series is None:
        problems.append(_at(front, path, "part", "a part belongs to a series",
                            "add 'series:' with the series' title, the same on every part"))
    typed = front.values.get("series")
    if "series_title" in front.values and isinstance(typed, str) and typed.strip() and fields.series != " ".join(typed.split()):
        problems.append(_at(front, path, "series_title", "the series' title is given twice, in 'series' and in 'series_title'",
                            "give its title in 'series' alone, or its slug in 'series' and its title in 'series_title'"))
    return problems


def _speaker_rules(fields: SessionFields, front: FrontMatter, path: str) -> list[Problem]:
    """A list of affiliations is one per speaker."""
    given, speakers = fields.affiliation, len(fields.speaker)
    if isinstance(given, list) and len(given) != speakers:
        return [_at(front, path, "affiliation", f"{_count(speakers, 'speaker')} but {_count(len(given), 'affiliation')}",
                    "give one affiliation per speaker, in the same order, or give each speaker's with it: "
                    "speaker: [{name: ..., affiliation: ...}]")]
    return []


def _time_and_place(fields: SessionFields, front: FrontMatter, path: str) -> list[Problem]:
    problems = []
    if fields.end <= fields.start:
        field = "end" if "end" in front.values else "start"
        problems.append(_at(front, path, field, f"ends at {fields.end:%H:%M}, not after its start at {fields.start:%H:%M}",
                            "give an end time later than the start time"))
    if fields.online and "room" in front.values:
        problems.append(_at(front, path, "room", "an online talk has no room",
                            "remove the room; for a hybrid talk (a room and a join link) remove 'online: true' instead"))
    elif not fields.online and fields.room is None:
        problems.append(Problem(path, front.first_line, "room", "required field is missing",
                                "add a line 'room: ...' (or a default room on the term's page), or 'online: true' for an online talk"))
    return problems


def _status_rules(fields: SessionFields, front: FrontMatter, path: str) -> list[Problem]:
    problems = []
    if fields.status == "moved" and fields.moved_from is None:
        problems.append(_at(front, path, "status", "a moved session says where it was planned before",
                            "add 'moved_from:' with its former date (and start and room if they changed), indented below it"))
    if fields.moved_from is not None and fields.status != "moved":
        problems.append(_at(front, path, "moved_from", "only a moved session has a former date",
                            "add 'status: moved', or remove moved_from"))
    before = fields.moved_from
    if fields.status == "moved" and before is not None and (before.date, before.start or fields.start, before.room or fields.room) == (
        fields.date, fields.start, fields.room
    ):
        problems.append(_at(front, path, "moved_from", "is the same date, time and room as the session's",
                            "give where it was planned before in moved_from, and where it takes place now in date, start and room"))
    if fields.reason is not None and fields.status == "scheduled":
        problems.append(_at(front, path, "reason", "only a cancelled or moved session has a reason",
                            "add 'status: cancelled' or 'status: moved', or remove the reason"))
    return problems


def term_rules(fields: TermFields, front: FrontMatter, path: str) -> list[Problem]:
    """A term's dates and defaults, checked against each other."""
    problems = []
    if fields.last_day < fields.first_day:
        problems.append(_at(front, path, "last_day", f"{fields.last_day:%Y-%m-%d} is before the first day, {fields.first_day:%Y-%m-%d}",
                            "give the term's last day after its first"))
    defaults = fields.defaults
    if defaults.start and defaults.end and defaults.end <= defaults.start:
        problems.append(Problem(path, front.line_of(("defaults", "end")), "defaults.end",
                                f"ends at {defaults.end:%H:%M}, not after the start at {defaults.start:%H:%M}",
                                "give an end time later than the start time"))
    for index, day in enumerate(fields.no_meeting):
        if not fields.first_day <= day <= fields.last_day:
            problems.append(Problem(path, front.line_of(("no_meeting", index)), f"no_meeting.{index}",
                                    f"{day:%Y-%m-%d} is outside the term ({fields.first_day:%Y-%m-%d} to {fields.last_day:%Y-%m-%d})",
                                    "correct the date, or the term's first_day and last_day"))
    return problems
