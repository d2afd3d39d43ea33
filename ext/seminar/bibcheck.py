"""Check a ``.bib`` file entry by entry, with the line of each problem.

pybtex, which sphinxcontrib-bibtex uses, stops at the first syntax error
(a traceback in Sphinx) and names the end of the file for an unbalanced
brace.  Here pybtex parses with its errors captured, so one bad entry costs
that entry only, and a light scan of the file finds where each entry starts
so that every message names the entry's own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import Parser

from .problems import Problem

_ENTRY = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^,\s]*)\s*,?", re.M)
_NOT_ENTRIES = {"string", "preamble", "comment"}
SAFE_URL = re.compile(r"^https?://", re.I)


@dataclass
class BibCheck:
    """What a ``.bib`` file holds and what is wrong with it."""

    keys: dict[str, int] = field(default_factory=dict)  # key -> line
    sources: dict[str, str] = field(default_factory=dict)  # key -> the entry as written
    problems: list[Problem] = field(default_factory=list)
    data: BibliographyData | None = None


def _starts(text: str) -> list[tuple[str, str, int, int]]:
    """(type, key, line, offset) of every ``@type{key,`` in the file."""
    starts, line, counted = [], 1, 0
    for m in _ENTRY.finditer(text):
        line += text.count("\n", counted, m.start())  # lines since the last entry only
        counted = m.start()
        starts.append((m.group(1).lower(), m.group(2), line, m.start()))
    return starts


_BRACE = re.compile(r"[{}]")


def _entry_text(chunk: str) -> str:
    """The entry from its '@' to its closing brace (comments after it left out)."""
    depth = 0
    for brace in _BRACE.finditer(chunk):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return chunk[: brace.end()]
    return chunk.rstrip()


def _unbalanced(chunk: str) -> bool:
    if chunk.count("{") != chunk.count("}"):
        return True
    depth = 0
    for brace in _BRACE.finditer(chunk):
        depth += 1 if brace.group() == "{" else -1
        if depth < 0:
            return True
    return False


def entry_keys(path: Path) -> set[str]:
    """The keys of a file's entries, from a scan of it (no parse): what citations are checked against."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()  # check_bibfile reports it
    return {key for kind, key, _, _ in _starts(text) if kind not in _NOT_ENTRIES}


def check_bibfile(path: Path, display: str, parsed: tuple[BibliographyData, list] | None = None) -> BibCheck:
    """Check one file; ``parsed`` is pybtex's parse of it with its captured
    errors, when the caller (the Sphinx build) has one already."""
    result = BibCheck()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        result.problems.append(Problem(display, None, None, "bibliography file not found", "check bibtex_bibfiles in conf.py"))
        return result
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        result.problems.append(Problem(display, line, None, "file is not UTF-8", "save the file as UTF-8"))
        return result

    starts = _starts(text)
    for index, (kind, key, line, offset) in enumerate(starts):
        if kind in _NOT_ENTRIES:
            continue
        end = starts[index + 1][3] if index + 1 < len(starts) else len(text)
        if _unbalanced(text[offset:end]):
            result.problems.append(
                Problem(display, line, key, "unbalanced braces in this entry", "every '{' needs its '}' before the next '@'")
            )
        if key in result.keys:
            result.problems.append(
                Problem(display, line, key, f"entry key given twice (first on line {result.keys[key]})", "rename or remove one of the two entries")
            )
        else:
            result.keys[key] = line
            result.sources[key] = _entry_text(text[offset:end].lstrip())

    if parsed is None:
        with pybtex.errors.capture() as errors:
            # Names are not split into persons: the check only needs to know
            # that an author is there, and splitting is most of pybtex's time.
            result.data = Parser(person_fields=()).parse_string(text)
    else:
        result.data, errors = parsed
    for error in errors:
        message = str(error)
        if "repeated bibliograhpy entry" in message or "repeated bibliography entry" in message:
            continue  # reported above, with its line
        line = getattr(error, "lineno", None)
        if "undefined string" in message:
            macro = message.rsplit(": ", 1)[-1]
            result.problems.append(
                Problem(display, line, macro, f"undefined @string macro '{macro}'", f"define it with @string{{{macro} = {{...}}}} or put the value in braces")
            )
        elif not any(p.message.startswith("unbalanced") for p in result.problems):
            result.problems.append(Problem(display, line, None, f"BibTeX syntax error: {message}", "check the braces, quotes and commas around this line"))

    broken = {p.field for p in result.problems if p.message.startswith("unbalanced")}
    for key in result.keys:
        entry = result.data.entries.get(key) if result.data else None
        if entry is None:
            continue
        line = result.keys.get(key)
        if key in broken:
            continue  # its fields are whatever pybtex recovered
        if not any(entry.persons.get(role) or entry.fields.get(role) for role in ("author", "editor")):
            result.problems.append(Problem(display, line, key, "entry has no author (or editor)", "add author = {Last, First and Last, First}"))
        if not entry.fields.get("year"):
            result.problems.append(Problem(display, line, key, "entry has no year", "add year = {YYYY}, or year = {n.d.} for a work that gives none"))
        url = entry.fields.get("url")
        if url and not SAFE_URL.match(url.strip()):
            result.problems.append(Problem(display, line, key, f"url '{url}' is not an http(s) address", "give an address starting with https://"))
    result.problems.sort(key=lambda p: (p.line or 0, p.message))
    return result
