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


def test_one_command_writes_every_schema_and_reference_as_the_repository_has_it(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from sphinx_seminar.cli.main import main

    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    assert main(["--root", str(tmp_path), "schemas"]) == 0
    names = ["_static/session.schema.json", "_static/term.schema.json", "_static/schedule.schema.json",
             "reference/session-fields.markdown", "reference/term-fields.markdown", "reference/config-values.markdown"]
    assert capsys.readouterr().out.splitlines() == [f"wrote docs/{name}" for name in names]
    for name in names:
        written = (tmp_path / "docs" / name).read_bytes()
        assert written == (Path(__file__).parents[2] / "docs" / name).read_bytes(), name
        if name.endswith(".json"):
            assert b'"$schema": "https://json-schema.org/draft/2020-12/schema"' in written
        else:
            assert written.startswith(b"<!-- Written by 'seminar schemas' from sphinx_seminar.core.")
