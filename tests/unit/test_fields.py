"""Each kind of front-matter value (``core/fields.py``): what it reads, and the exact error for what it cannot.

The validators are called as pydantic calls them, on the text the speaker
typed; an error is compared whole: its type, its sentence and its context
(the value shown, and the hint that ``field_problems`` puts in brackets).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic_core import PydanticCustomError

from sphinx_seminar.core import fields as f
from sphinx_seminar.core.model import Materials, SessionFields


def failure(parse: Any, value: Any) -> tuple[str, str, dict[str, Any]]:
    """The error ``parse`` raises for ``value``: its type, its message and its whole context."""
    with pytest.raises(PydanticCustomError) as info:
        parse(value)
    return info.value.type, info.value.message(), info.value.context


DATE_HINT = "write the date as YYYY-MM-DD, for example 2024-11-04"


@pytest.mark.parametrize(("value", "expected"), [
    ("2030-11-25", dt.date(2030, 11, 25)),
    ("  2030-01-02 \n", dt.date(2030, 1, 2)),
    ("2032-02-29", dt.date(2032, 2, 29)),
    (dt.date(2030, 11, 25), dt.date(2030, 11, 25)),
    (dt.datetime(2030, 11, 25, 23, 59), dt.date(2030, 11, 25)),
])
def test_a_date_is_read(value: Any, expected: dt.date) -> None:
    found = f.parse_date(value)
    assert found == expected and type(found) is dt.date


@pytest.mark.parametrize(("value", "expected"), [
    ("25.11.2030", ("date_format", "'25.11.2030' is not a date in the form YYYY-MM-DD", {"value": "25.11.2030", "hint": DATE_HINT})),
    (" 2030-1-2 ", ("date_format", "'2030-1-2' is not a date in the form YYYY-MM-DD", {"value": "2030-1-2", "hint": DATE_HINT})),
    ("x2030-11-25", ("date_format", "'x2030-11-25' is not a date in the form YYYY-MM-DD", {"value": "x2030-11-25", "hint": DATE_HINT})),
    ("2030-11-25x", ("date_format", "'2030-11-25x' is not a date in the form YYYY-MM-DD", {"value": "2030-11-25x", "hint": DATE_HINT})),
    ("2031-02-29", ("date_value", "'2031-02-29' is not a day of the calendar (day is out of range for month)",
                    {"value": "2031-02-29", "reason": "day is out of range for month", "hint": "check the day and the month"})),
    ("2030-13-01", ("date_value", "'2030-13-01' is not a day of the calendar (month must be in 1..12)",
                    {"value": "2030-13-01", "reason": "month must be in 1..12", "hint": "check the day and the month"})),
])
def test_what_is_not_a_date(value: str, expected: tuple) -> None:
    assert failure(f.parse_date, value) == expected


TIME_FORMAT_HINT = 'write a 24-hour time such as "15:00"'
TIME_VALUE_HINT = "hours go from 00 to 23 and minutes from 00 to 59"


@pytest.mark.parametrize(("value", "expected"), [
    ("15:00", dt.time(15)),
    ("9:30", dt.time(9, 30)),
    ("09.05", dt.time(9, 5)),
    ("9h30", dt.time(9, 30)),
    (" 0:00 ", dt.time(0, 0)),
    ("23:59", dt.time(23, 59)),
    (dt.time(8, 15), dt.time(8, 15)),
])
def test_a_time_is_read(value: Any, expected: dt.time) -> None:
    assert f.parse_time(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("24:00", ("time_value", "'24:00' is not a time of day", {"value": "24:00", "hint": TIME_VALUE_HINT})),
    ("23:60", ("time_value", "'23:60' is not a time of day", {"value": "23:60", "hint": TIME_VALUE_HINT})),
    (" 4pm ", ("time_format", "'4pm' is not a time in the form HH:MM", {"value": "4pm", "hint": TIME_FORMAT_HINT})),
    ("123:00", ("time_format", "'123:00' is not a time in the form HH:MM", {"value": "123:00", "hint": TIME_FORMAT_HINT})),
    ("15:0", ("time_format", "'15:0' is not a time in the form HH:MM", {"value": "15:0", "hint": TIME_FORMAT_HINT})),
    ("15-00", ("time_format", "'15-00' is not a time in the form HH:MM", {"value": "15-00", "hint": TIME_FORMAT_HINT})),
    ("15:00:00", ("time_format", "'15:00:00' is not a time in the form HH:MM", {"value": "15:00:00", "hint": TIME_FORMAT_HINT})),
])
def test_what_is_not_a_time(value: str, expected: tuple) -> None:
    assert failure(f.parse_time, value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("  Random   Walks\n on\tGraphs ", "Random Walks on Graphs"),
    (5, "5"),
    ("", ""),
])
def test_a_line_of_text_keeps_single_spaces(value: Any, expected: str) -> None:
    assert f._text(value) == expected


@pytest.mark.parametrize(("value", "kind"), [(["a"], "list"), ({"a": "b"}, "mapping")])
def test_a_line_of_text_is_not_a_list_or_a_mapping(value: Any, kind: str) -> None:
    assert failure(f._text, value) == ("text_type", f"expected a single line of text, got a {kind}",
                                       {"kind": kind, "hint": "write the value on the same line as the field name"})
    assert failure(f._paragraphs, value) == ("text_type", f"expected text, got a {kind}",
                                             {"kind": kind, "hint": "write the text after '|' on the following, indented lines"})


@pytest.mark.parametrize(("value", "expected"), [
    ("One  line\nof it.\n\nTwo.\n", "One line of it.\n\nTwo."),
    ("\n\nOne.\n  \t\n\n\nTwo\tthree.\n\n", "One.\n\nTwo three."),
    ("One.\n \nTwo.", "One.\n\nTwo."),
    ("Only one.", "Only one."),
    ("  \n\n ", ""),
])
def test_paragraphs_keep_their_breaks_and_nothing_else(value: str, expected: str) -> None:
    assert f._paragraphs(value) == expected


def test_a_list() -> None:
    items = ["a", "b"]
    assert f._list(items) is items
    assert f._list("") == [] and f._list("  \n") == []
    expected = ("list_type", "expected a list", {"hint": "write one '- item' per line under the field"})
    assert failure(f._list, "a") == expected
    assert failure(f._list, {"a": "b"}) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (True, True), (False, False), ("true", True), (" Yes ", True), ("TRUE", True),
    ("false", False), ("no", False), (" False\n", False), ("NO", False),
])
def test_a_boolean_is_read(value: Any, expected: bool) -> None:
    assert f._boolean(value) is expected


@pytest.mark.parametrize("value", ["maybe", " 1 ", "y", ""])
def test_what_is_not_a_boolean(value: str) -> None:
    assert failure(f._boolean, value) == ("bool_value", f"'{value.strip()}' is not true or false",
                                          {"value": value.strip(), "hint": "write true or false"})


@pytest.mark.parametrize(("value", "expected"), [(None, False), ("yes", True), (True, True), ("no", False), ("maybe", False)])
def test_truthy_is_false_for_what_is_not_a_boolean(value: Any, expected: bool) -> None:
    assert f.truthy(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Wednesday", "Wednesday"), ("wed", "Wednesday"), (" MONDAY ", "Monday"), ("Sun", "Sunday"), ("sunday", "Sunday"),
])
def test_a_weekday_is_read(value: str, expected: str) -> None:
    assert f.parse_weekday(value) == expected


@pytest.mark.parametrize("value", ["Mittwoch", "we", "Wednesdays"])
def test_what_is_not_a_weekday(value: str) -> None:
    assert failure(f.parse_weekday, value) == ("weekday_value", f"'{value}' is not a day of the week",
                                               {"value": value, "hint": "write it in English, for example Wednesday"})


def test_the_known_zones_are_the_databases_read_once() -> None:
    zones = f.known_zones()
    assert "Europe/Berlin" in zones and "UTC" in zones and "America" not in zones
    assert f.known_zones() is zones


ZONE_HINT = "use an IANA name such as America/New_York or Asia/Tokyo"


@pytest.mark.parametrize(("value", "expected"), [("Europe/Berlin", "Europe/Berlin"), ("  Asia/Tokyo ", "Asia/Tokyo"), ("UTC", "UTC")])
def test_a_zone_is_read(value: str, expected: str) -> None:
    assert f.parse_zone(value) == expected


@pytest.mark.parametrize(("value", "shown"), [
    ("America", "America"),
    ("europe/berlin", "europe/berlin"),
    ("x" * 60, "x" * 60),
    ("x" * 61, "x" * 57 + "..."),
    ("Europe/" + "y" * 100, "Europe/" + "y" * 50 + "..."),
])
def test_what_is_not_a_zone_is_shown_shortened(value: str, shown: str) -> None:
    assert failure(f.parse_zone, value) == ("zone_value", f"unknown time zone '{shown}'", {"value": shown, "hint": ZONE_HINT})


URL_HINT = "write the whole address, starting with https://"


@pytest.mark.parametrize("value", ["https://meet.example.org/x", "http://example.org", " https://example.org/a b "])
def test_a_web_link_is_read(value: str) -> None:
    assert f._web_link(value) == " ".join(value.split())


@pytest.mark.parametrize("value", ["ftp://example.org/x", "https://", "example.org", "https:/example.org", "mailto:a@example.org"])
def test_what_is_not_a_web_link(value: str) -> None:
    assert failure(f._web_link, value) == ("url_value", f"'{value}' is not an http(s) link", {"value": value, "hint": URL_HINT})


@pytest.mark.parametrize(("value", "expected"), [
    ("https://example.org", True), ("HTTP://example.org", True), ("http:", True),
    ("ftp://example.org", False), ("slides.pdf", False), ("", False),
])
def test_is_web_link(value: str, expected: bool) -> None:
    assert f.is_web_link(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("https://example.org/slides.pdf", "https://example.org/slides.pdf"),
    ("materials/slides.pdf", "materials/slides.pdf"),
    ("  ../shared/notes.pdf ", "../shared/notes.pdf"),
    ("a~b\\c.pdf", "a~b\\c.pdf"),
])
def test_a_material_is_a_link_or_a_file(value: str, expected: str) -> None:
    assert f._material(value) == expected


MATERIAL_HINT = "give an https:// link, or a path relative to the page's folder such as materials/slides.pdf"


@pytest.mark.parametrize("value", ["ftp://example.org/x", "file:///etc/passwd", "C:/slides.pdf", "~/slides.pdf", "\\\\server\\x", "a\x00b"])
def test_what_is_neither_a_link_nor_a_file(value: str) -> None:
    assert failure(f._material, value) == ("material_value", f"'{value}' is neither an http(s) link nor a file of the repository",
                                           {"value": value, "hint": MATERIAL_HINT})


def test_a_material_link_without_a_host_is_a_links_error() -> None:
    assert failure(f._material, "https:///slides.pdf") == ("url_value", "'https:///slides.pdf' is not an http(s) link",
                                                           {"value": "https:///slides.pdf", "hint": URL_HINT})


@pytest.mark.parametrize(("value", "expected"), [
    (None, False), ("TBA", True), (" tbd ", True), ("To Be Announced", True), ("to  be announced", False), ("tbc", False), ("", False),
])
def test_is_tba(value: str | None, expected: bool) -> None:
    assert f.is_tba(value) is expected


@pytest.mark.parametrize(("kind", "expected"), [
    (f.Date, "date (YYYY-MM-DD)"),
    (f.Time | None, 'time ("HH:MM")'),
    (f.list_of(f.Date), "list of date (YYYY-MM-DD)"),
    (f.list_of(f.Text), "list of text"),
    (Materials, "mapping"),
    (Materials | None, "mapping"),
    (SessionFields, "mapping"),
    (int, ""),
    (str | None, ""),
    (type(None), ""),
])
def test_label_of(kind: Any, expected: str) -> None:
    assert f.label_of(kind) == expected
