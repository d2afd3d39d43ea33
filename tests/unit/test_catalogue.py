"""The extension's message catalogue: current with the code, complete in German, and used.

Read with Babel's own readers of ``.po`` and ``.mo`` files, and with the
standard library's ``gettext`` (what Sphinx's ``sphinx.locale`` loads).
"""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinx_seminar.formats import wording

from .fixture_site import docname, make_site

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "ext" / "sphinx_seminar" / "locale"
PO = LOCALE / "de" / "LC_MESSAGES" / "sphinx_seminar.po"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _messages(path: Path) -> list:
    with path.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def _ids(message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _strings(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def test_the_catalogue_is_current_with_the_code() -> None:
    # A message added, changed or removed in the code without 'python scripts/messages.py' fails here.
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "messages.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_catalogue_holds_the_wordings_messages() -> None:
    ids = {i for m in _messages(LOCALE / "sphinx_seminar.pot") for i in _ids(m)}
    marked = {*wording.MATERIAL_LABELS.values(), *wording.COLUMN_NAMES.values(), *wording.SCRIPT_WORDS.values()}
    assert marked <= ids
    assert {"This session on {date} is cancelled.", "Cancelled: {title}", "{place} time", "Speakers"} <= ids
    assert len(ids) > 80


def test_every_message_has_its_german_translation_with_the_same_placeholders() -> None:
    messages = _messages(PO)
    assert [m.id for m in messages] == [m.id for m in _messages(LOCALE / "sphinx_seminar.pot")]
    for message in messages:
        strings = _strings(message)
        assert all(strings), f"{message.id!r} has no German translation"
        wanted = set(PLACEHOLDER.findall(_ids(message)[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


def test_the_compiled_file_holds_every_translation() -> None:
    with (PO.with_suffix(".mo")).open("rb") as handle:
        compiled = {_ids(m): _strings(m) for m in read_mo(handle) if m.id}
    assert compiled == {_ids(m): _strings(m) for m in _messages(PO)}


def german() -> wording.Words:
    translations = gettext.translation("sphinx_seminar", str(LOCALE), ["de"])
    return wording.Words(translations, "de")


@pytest.mark.parametrize(("short", "method", "expected"), [
    ("cancelled", "notice", "Die Sitzung am Montag, 27. Januar 2031 fällt aus."),
    ("cancelled", "prefixed_title", "Abgesagt: Cancelled Talk"),
    ("moved-date", "status_text", "Verlegt vom Mo., 03.02.2031"),
    ("moved-date", "status_suffix", " (verlegt vom Mo., 03.02.2031)"),
    ("joint", "speakers_line", "Vortragende: Ada Lovelace (Analytical Society) und Charles Babbage (University of Cambridge)"),
    ("tba-speaker", "speaker", "Wird noch bekannt gegeben"),
    ("hybrid-private", "place", "Room 202 und online"),
])
def test_a_german_site_says_it_in_german(short: str, method: str, expected: str) -> None:
    assert getattr(german(), method)(make_site().session(docname(short))) == expected


def test_the_scripts_words_in_german() -> None:
    words = german().script_words()
    assert set(words) == set(wording.SCRIPT_WORDS)
    assert (words["your time"], words["now until"].format(time="16:30")) == ("Ihre Zeit", "Jetzt, bis 16:30")


def test_without_a_catalogue_for_the_language_the_messages_stay_english() -> None:
    translations = gettext.translation("sphinx_seminar", str(LOCALE), ["en_AU"], fallback=True)
    words = wording.Words(translations, "en_AU")
    assert words.notice(make_site().session(docname("cancelled"))) == "This session on Monday, 27 January 2031 is cancelled."
