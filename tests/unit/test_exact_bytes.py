"""The exact bytes of each site-wide file for a small site, as a subscriber's program downloads them.

The other unit tests compare what a parser reads; these pin the text itself
(layout, escaping, encoding, property order), so that a change that a lenient
reader would forgive still shows.  The expected files are in
``tests/unit/expected/``, each read and checked by hand when it was written:
to change one, change the code, look at the difference, and write it there
on purpose (``SEMINAR_WRITE_EXPECTED=1``).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

from sphinx_seminar.formats import atom, embed, ical, schedule_json

from .fixture_site import docname, make_site

EXPECTED = Path(__file__).parent / "expected"
SMALL = ("scheduled", "cancelled", "moved-room")


def small_site():
    site = make_site()
    return make_site(sessions=tuple(site.session(docname(s)) for s in SMALL), terms=(site.term("2031-spring"),))


FILES = {
    "schedule.json": lambda site: schedule_json.site_document(site),
    "atom.xml": lambda site: atom.feed(site),
    # The whole fixture: more meetings than the list shows.
    "embed.html": lambda site: embed.page(make_site()),
    "schedule.ics": lambda site: ical.site_calendar(site),
}


def _without_generator_version(data: bytes) -> bytes:
    """feedgen names its own version in the feed: not ours to pin."""
    return re.sub(rb'(<generator uri="[^"]*" version=")[^"]*(")', rb"\1\2", data)


@pytest.mark.parametrize("name", FILES)
def test_the_file_is_exactly_as_expected(name: str) -> None:
    found = _without_generator_version(FILES[name](small_site()))
    path = EXPECTED / name
    if os.environ.get("SEMINAR_WRITE_EXPECTED"):
        path.write_bytes(found)
    expected = path.read_bytes()
    diff = "".join(difflib.unified_diff(expected.decode().splitlines(True), found.decode().splitlines(True), "expected", "found"))
    assert found == expected, diff


def test_the_published_schema_is_the_one_the_code_writes(tmp_path: Path) -> None:
    (tmp_path / schedule_json.SCHEMA_FILE).parent.mkdir(parents=True)
    assert schedule_json.main([str(tmp_path)]) == 0
    written = (tmp_path / schedule_json.SCHEMA_FILE).read_bytes()
    assert written == schedule_json.schema()
    assert written == (Path(__file__).parents[2] / schedule_json.SCHEMA_FILE).read_bytes()
    assert written.startswith(b'{\n  "$defs": {\n') and b'"$schema": "https://json-schema.org/draft/2020-12/schema"' in written
