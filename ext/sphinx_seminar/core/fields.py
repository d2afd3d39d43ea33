"""The values of front-matter fields: how each kind of value is read and checked.

Front-matter arrives as the text the speaker typed (see
:mod:`sphinx_seminar.core.frontmatter`), so these validators parse strings,
and a value that cannot be parsed gets a message saying what to write.
:mod:`sphinx_seminar.core.model` puts them together into the session and
term models.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: What a speaker or title that is not known yet is written as (any case).
TBA_WORDS = frozenset({"tba", "tbd", "to be announced"})
TBA_TEXT = "To be announced"


def _error(error_type: str, message: str, hint: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, message, {**context, "hint": hint})


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE.match(text)
    if not match:
        raise _error("date_format", "'{value}' is not a date in the form YYYY-MM-DD",
                     "write the date as YYYY-MM-DD, for example 2024-11-04", value=text)
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise _error("date_value", "'{value}' is not a day of the calendar ({reason})",
                     "check the day and the month", value=text, reason=str(error)) from None


def parse_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    text = str(value).strip()
    match = _TIME.match(text)
    if not match:
        raise _error("time_format", "'{value}' is not a time in the form HH:MM", 'write a 24-hour time such as "15:00"', value=text)
    hours, minutes = (int(part) for part in match.groups())
    if hours > 23 or minutes > 59:
        raise _error("time_value", "'{value}' is not a time of day", "hours go from 00 to 23 and minutes from 00 to 59", value=text)
    return dt.time(hours, minutes)


def _kind(value: Any) -> str:
    return "list" if isinstance(value, list) else "mapping"


def _text(value: Any) -> str:
    if isinstance(value, (list, dict)):
        raise _error("text_type", "expected a single line of text, got a {kind}",
                     "write the value on the same line as the field name", kind=_kind(value))
    return " ".join(str(value).split())


def text_value(value: Any) -> str:
    """A single line of text (what :data:`Text` reads), for kinds made of texts."""
    return _text(value)


def _paragraphs(value: Any) -> str:
    """Keep paragraph breaks (blank lines) but nothing else of the layout."""
    if isinstance(value, (list, dict)):
        raise _error("text_type", "expected text, got a {kind}",
                     "write the text after '|' on the following, indented lines", kind=_kind(value))
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and not value.strip():
        return []
    raise _error("list_type", "expected a list", "write one '- item' per line under the field")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("true", "yes"):
        return True
    if text in ("false", "no"):
        return False
    raise _error("bool_value", "'{value}' is not true or false", "write true or false", value=str(value).strip())


def truthy(value: Any) -> bool:
    """``value`` read as a boolean field, False where it is none (its own check reports it)."""
    try:
        return value is not None and _boolean(value)
    except PydanticCustomError:
        return False


def parse_weekday(value: Any) -> str:
    text = _text(value)
    for day in WEEKDAYS:
        if text.casefold() in (day.casefold(), day[:3].casefold()):
            return day
    raise _error("weekday_value", "'{value}' is not a day of the week", "write it in English, for example Wednesday", value=text)


@functools.lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    """The IANA names this machine's time-zone database knows."""
    return frozenset(zoneinfo.available_timezones())


def parse_zone(value: Any) -> str:
    """A time zone by its IANA name, as ``zoneinfo.available_timezones()`` lists them.

    Asking ``ZoneInfo`` directly would read a file for any name: a folder
    of the database (``America``) or a long value ends in an ``OSError``.
    """
    text = _text(value)
    if text not in known_zones():
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise _error("zone_value", "unknown time zone '{value}'",
                     "use an IANA name such as America/New_York or Asia/Tokyo", value=shown)
    return text


def _web_link(value: Any) -> str:
    text = _text(value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _error("url_value", "'{value}' is not an http(s) link", "write the whole address, starting with https://", value=text)
    return text


def is_web_link(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def _material(value: Any) -> str:
    """An http(s) link, or a file of the repository given relative to the page's folder.

    Whether the file is inside the source tree is checked where the page's
    folder is known (:func:`sphinx_seminar.core.materials.resolve`); here
    only what no file name can be.
    """
    text = _text(value)
    if is_web_link(text):
        return _web_link(text)
    if urlsplit(text).scheme or text.startswith(("~", "\\")) or "\x00" in text:
        raise _error("material_value", "'{value}' is neither an http(s) link nor a file of the repository",
                     "give an https:// link, or a path relative to the page's folder such as materials/slides.pdf", value=text)
    return text


@dataclass(frozen=True)
class Label:
    """What the front-matter reference calls a kind of value ("date (YYYY-MM-DD)"): stated with the kind, once."""

    text: str


@dataclass(frozen=True)
class Need:
    """Whether a field must be given, where the model cannot say it alone ("required, or the term's default")."""

    text: str


def is_tba(text: str | None) -> bool:
    return text is not None and text.strip().casefold() in TBA_WORDS


Date = Annotated[dt.date, BeforeValidator(parse_date), WithJsonSchema({"type": "string", "format": "date"}),
                 Label("date (YYYY-MM-DD)")]
Time = Annotated[
    dt.time,
    BeforeValidator(parse_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"}),
    Label('time ("HH:MM")'),
]
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1), Label("text")]
Paragraphs = Annotated[str, BeforeValidator(_paragraphs), Field(min_length=1), Label("text")]
Boolean = Annotated[bool, BeforeValidator(_boolean), Label("true or false")]
Weekday = Annotated[str, BeforeValidator(parse_weekday), WithJsonSchema({"type": "string", "enum": list(WEEKDAYS)}),
                    Label("day of the week")]
Zone = Annotated[str, BeforeValidator(parse_zone), WithJsonSchema({"type": "string", "description": "IANA time zone"}),
                 Label("IANA time zone")]
WebLink = Annotated[str, BeforeValidator(_web_link), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"}),
                    Label("link (https://...)")]
Material = Annotated[str, BeforeValidator(_material), WithJsonSchema({"type": "string"}), Label("link or file")]
Slug = Annotated[str, Field(pattern=SLUG), Label("slug")]


def list_of(item: Any) -> Any:
    """A list field: one ``- item`` per line (an empty value is the empty list)."""
    return Annotated[list[item], BeforeValidator(_list), Label("list of " + label_of(item))]


def label_of(kind: Any) -> str:
    """The :class:`Label` a kind of value carries (in its ``Annotated`` metadata, or its parts')."""
    for part in getattr(kind, "__metadata__", ()):
        if isinstance(part, Label):
            return part.text
    for inner in getattr(kind, "__args__", ()):
        if inner is not type(None) and (found := label_of(inner)):
            return found
    return "mapping" if isinstance(kind, type) and hasattr(kind, "model_fields") else ""
