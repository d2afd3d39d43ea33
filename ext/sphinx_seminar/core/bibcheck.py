"""Check ``.bib`` files entry by entry, with the line of each problem.

pybtex, which sphinxcontrib-bibtex uses, stops at the first syntax error
(a traceback in Sphinx) and names the end of the file for an unbalanced
brace.  Here pybtex parses with its errors captured, so one bad entry costs
that entry only, and a light scan of each file finds where each entry starts
so that every message names the entry's own line.

The files of ``bibtex_bibfiles`` are checked together, in their order, as
BibTeX and sphinxcontrib-bibtex read them: an ``@string`` macro defined in
an earlier file is defined in the later ones, and a ``crossref`` may name
an entry of any file.

What BibTeX and biblatex accept is accepted: the standard entry types and
biblatex's common ones (:data:`ENTRY_TYPES`, rendered by
:mod:`sphinx_seminar.outputs.bibstyle`); an unknown type, a field a type needs
(:data:`REQUIRED`), LaTeX that cannot be read and a name with too many
commas are reported, and the entry is still shown as far as it can be.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pybtex.errors
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import Parser

from .bibfields import (ENTRY_TYPES, LATEX_MARKUP, PERSON_ROLES, REQUIRED, SAFE_URL, SHOWN_NOT_NAMES,
                        inherit_crossrefs, latex_problems, person_parts, template_of, too_many_commas,
                        unknown_type_hint)
from .frontmatter import control_characters
from .problems import Problem

_ENTRY = re.compile(r"^[ \t]*@\s*(\w+)\s*[{(]\s*([^,\s]*)\s*,?", re.M)
_NOT_ENTRIES = {"string", "preamble", "comment"}
@dataclass
class BibCheck:
    """What a ``.bib`` file holds and what is wrong with it."""

    keys: dict[str, int] = field(default_factory=dict)  # key -> line
    sources: dict[str, str] = field(default_factory=dict)  # key -> the entry as written
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False: not in the encoding, left out of the build
    repair: set[str] = field(default_factory=set)  # keys whose LaTeX the build makes readable
    data: BibliographyData | None = None


def split_by_citation(results: Iterable[BibCheck], cited: set[str]) -> tuple[list[Problem], list[Problem]]:
    """The problems that matter to the site, and those of entries no page cites.

    A lab's shared ``.bib`` holds years of entries; a mistake in one that
    the site never shows should not stop the site (it is listed as a note),
    while a mistake in a cited entry, or in the file itself, is a problem.
    """
    problems: list[Problem] = []
    notes: list[Problem] = []
    for result in results:
        for problem in result.problems:
            entry = problem.field in result.keys
            (notes if entry and problem.field not in cited else problems).append(problem)
    return problems, notes


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


def _encoding_name(encoding: str) -> str:
    return "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8") else encoding


def read_bibfile(path: Path, display: str, encoding: str = "utf-8-sig") -> tuple[str | None, Problem | None]:
    """The file's text, or why it cannot be read: with the line and the byte that is not in the encoding."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(display, None, None, "bibliography file not found", "check bibtex_bibfiles in conf.py")
    except OSError as error:
        return None, Problem(display, None, None, f"bibliography file cannot be read ({error.strerror})", "check the file's permissions")
    try:
        return raw.decode(encoding), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        name = _encoding_name(encoding)
        return None, Problem(
            display, line, None, f"file is not {name} (byte 0x{raw[error.start]:02x})",
            f"save the file as {name}; until then its entries are left out of the site",
        )


def entry_keys(path: Path, encoding: str = "utf-8-sig") -> set[str]:
    """The keys of a file's entries, from a scan of it (no parse): what citations are checked against."""
    try:
        text = path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError):
        return set()  # check_bibfiles reports it
    return {key for kind, key, _, _ in _starts(text) if kind not in _NOT_ENTRIES}


def _scan(text: str, display: str, result: BibCheck, seen: dict[str, tuple[str, int]]) -> None:
    """Entries, their lines and what a scan finds: unbalanced braces, keys given twice, unknown types."""
    starts = _starts(text)
    for index, (kind, key, line, offset) in enumerate(starts):
        if kind in _NOT_ENTRIES:
            continue
        end = starts[index + 1][3] if index + 1 < len(starts) else len(text)
        if _unbalanced(text[offset:end]):
            result.problems.append(
                Problem(display, line, key, "unbalanced braces in this entry", "every '{' needs its '}' before the next '@'")
            )
        if key.lower() in seen:
            where, first = seen[key.lower()]
            place = f"line {first}" if where == display else f"{where}, line {first}"
            result.problems.append(
                Problem(display, line, key, f"entry key given twice (first on {place})", "rename or remove one of the two entries")
            )
            continue
        seen[key.lower()] = (display, line)
        result.keys[key] = line
        result.sources[key] = _entry_text(text[offset:end].lstrip())
        if kind not in ENTRY_TYPES:
            result.problems.append(Problem(display, line, key, f"unknown entry type '@{kind}'", unknown_type_hint(kind)))


def _has(entry: Entry, name: str) -> bool:
    return bool(entry.fields.get(name) or entry.persons.get(name))


def _entry_problems(display: str, line: int, key: str, entry: Entry, data: BibliographyData) -> tuple[list[Problem], bool]:
    """The problems of one parsed entry, and whether its LaTeX needs repairing to be shown."""
    problems: list[Problem] = []
    no_author = not any(_has(entry, role) for role in PERSON_ROLES)
    if no_author:
        problems.append(Problem(display, line, key, "entry has no author (or editor)", "add author = {Last, First and Last, First}"))
    if not entry.fields.get("year"):
        problems.append(Problem(display, line, key, "entry has no year", "add year = {YYYY}, or year = {n.d.} for a work that gives none"))
    parent = entry.fields.get("crossref")
    orphan = bool(parent) and parent not in data.entries
    if orphan:
        problems.append(
            Problem(display, line, key, f"crossref '{parent}' names no entry of the bibliography files",
                    "add that entry (to any file of bibtex_bibfiles) or correct the key")
        )
    template = template_of(entry.type)
    for group in () if orphan else REQUIRED.get(template, ()):  # what an orphan lacks, its parent would give
        if no_author and set(group) & set(PERSON_ROLES):
            continue  # reported above
        if not any(_has(entry, name) for name in group):
            others = f" (or {', '.join(group[1:])})" if len(group) > 1 else ""
            needs = [g[0] for g in REQUIRED[template]]
            needs = ", ".join(needs[:-1]) + f" and {needs[-1]}" if len(needs) > 1 else needs[0]
            problems.append(
                Problem(display, line, key, f"@{entry.type} entry has no {group[0]}{others}",
                        f"add {group[0]} = {{...}}; an @{entry.type} needs {needs}, or choose another entry type")
            )
    url = entry.fields.get("url")
    if url and not SAFE_URL.match(url.strip()):
        problems.append(Problem(display, line, key, f"url '{url}' is not an http(s) address", "give an address starting with https://"))
    repair = False
    for field_name, value in entry.fields.items():
        found = control_characters(value)
        if found:
            repair = True
            problems.append(Problem(display, line, key, f"{field_name.lower()} has the control character {', '.join(dict.fromkeys(found))}, "
                                    "which the site leaves out", "delete the invisible character (retype the value)"))
    # The values LaTeX may be wrong in (one pass over the fields: this runs for every entry of a large .bib).
    values = []
    for field_name, value in entry.fields.items():
        name = field_name.lower()
        if name in PERSON_ROLES:  # names not split into persons (seminar check, faster)
            if value.count(",") > 2:
                problems += [_commas_problem(display, line, key, name, bad) for bad in too_many_commas(value)]
            if LATEX_MARKUP.search(value):
                values += [(name, word) for person in split_name_list(value) for part in split_tex_string(person, ",")
                           for word in split_tex_string(part)]
        elif name in SHOWN_NOT_NAMES and LATEX_MARKUP.search(value):
            values.append((name, value))
    # Names as pybtex splits them, where it did (the build).
    values += [(role.lower(), part) for role, people in entry.persons.items() for person in people for part in person_parts(person)]
    for name, value in values:
        for message, hint, needs_repair in latex_problems(value):
            repair = repair or needs_repair
            problems.append(Problem(display, line, key, f"{name} has {message}", hint))
    return problems, repair


def _commas_problem(display: str, line: int | None, key: str, role: str, name: str) -> Problem:
    return Problem(display, line, key, f"{role} '{name}' has too many commas",
                   "separate names with 'and' and write each as 'Last, First' or 'Last, Jr., First'")


_COMMAS = re.compile(r"^Too many commas in (.+)$", re.S)
_DUPLICATE_FIELD = re.compile(r"^entry with key (\S+) has a duplicate (\S+) field$")


@dataclass
class _EntryErrors:
    """pybtex's errors that name an entry (by its key or a name in it), not a file and line."""

    duplicate_fields: dict[str, list[str]] = field(default_factory=dict)  # key (lower case) -> fields
    bad_names: list[tuple[str, Person]] = field(default_factory=list)  # as written, as pybtex split it

    def take(self, error: Exception) -> bool:
        message = str(error)
        duplicate = _DUPLICATE_FIELD.match(message)
        commas = _COMMAS.match(message)
        if duplicate:
            self.duplicate_fields.setdefault(duplicate.group(1).lower(), []).append(duplicate.group(2))
        elif commas:
            try:
                name = ast.literal_eval(commas.group(1))
            except (ValueError, SyntaxError):
                name = commas.group(1)
            with pybtex.errors.capture():
                self.bad_names.append((name, Person(name)))
        return bool(duplicate or commas)

    def problems(self, display: str, line: int, key: str, entry: Entry) -> list[Problem]:
        found = [
            Problem(display, line, key, f"field '{name}' given twice; the second is left out", "remove one of the two")
            for name in self.duplicate_fields.get(key.lower(), ())
        ]
        for role, people in entry.persons.items() if self.bad_names else ():
            for name, person in self.bad_names:
                if any(p == person for p in people):
                    found.append(_commas_problem(display, line, key, role.lower(), name))
        return found


def _error_problems(errors: Iterable[Exception], display: str, result: BibCheck) -> None:
    """pybtex's captured errors of one file (that name a line, not an entry) as problems."""
    for error in errors:
        message = str(error)
        if "repeated bibliograhpy entry" in message or "repeated bibliography entry" in message:
            continue  # reported by the scan, with both lines
        line = getattr(error, "lineno", None)
        if "undefined string" in message:
            macro = message.rsplit(": ", 1)[-1]
            result.problems.append(
                Problem(display, line, macro, f"undefined @string macro '{macro}'",
                        f"define it with @string{{{macro} = {{...}}}} (in this file or one before it in bibtex_bibfiles) or put the value in braces")
            )
        elif not any(p.message.startswith("unbalanced") for p in result.problems):
            result.problems.append(Problem(display, line, None, f"BibTeX syntax error: {message}", "check the braces, quotes and commas around this line"))


def _same_file(error: Exception, path: Path) -> bool:
    filename = getattr(error, "filename", None)
    if filename is None:
        return False
    try:
        return Path(str(filename)).resolve() == path.resolve()
    except OSError:
        return str(filename) == str(path)


def check_bibfiles(
    files: list[tuple[Path, str]], encoding: str = "utf-8-sig", parsed: tuple[BibliographyData, list] | None = None
) -> list[BibCheck]:
    """Check the files of ``bibtex_bibfiles`` together, in their order; one result a file.

    ``files`` are (path, name to show); ``parsed`` is pybtex's parse of all
    the readable files with its captured errors, when the caller (the Sphinx
    build) has one already.  Otherwise they are parsed here, with one parser
    as sphinxcontrib-bibtex does, and names are not split into persons (the
    check only needs to know that an author is there, and splitting is most
    of pybtex's time).  The entries get their crossref parents' fields.
    """
    results = [BibCheck() for _ in files]
    texts: list[str | None] = []
    seen: dict[str, tuple[str, int]] = {}
    for (path, display), result in zip(files, results):
        text, problem = read_bibfile(path, display, encoding)
        texts.append(text)
        if problem is not None:
            result.readable = False
            result.problems.append(problem)
            continue
        _scan(text, display, result, seen)

    if parsed is None:
        parser = Parser(person_fields=())
        own: list[list] = []
        for text in texts:
            with pybtex.errors.capture() as errors:
                if text is not None:
                    parser.parse_string(text)
            own.append(list(errors))
        data = parser.data
    else:
        data, errors = parsed
        own = [[e for e in errors if _same_file(e, path)] for path, _ in files]
        # The errors without a file name an entry (below), or else go to the first file.
        loose = [e for e in errors if getattr(e, "filename", None) is None]
        first = next((i for i, r in enumerate(results) if r.readable), None)
        if first is not None:
            own[first] += loose
    by_entry = _EntryErrors()
    own = [[e for e in errors if not by_entry.take(e)] for errors in own]
    inherit_crossrefs(data)

    for (path, display), result, errors in zip(files, results, own):
        if not result.readable:
            continue
        result.data = data
        _error_problems(errors, display, result)
        broken = {p.field for p in result.problems if p.message.startswith("unbalanced")}
        for key, line in result.keys.items():
            entry = data.entries.get(key)
            if entry is None or key in broken:
                continue  # its fields are whatever pybtex recovered
            problems, repair = _entry_problems(display, line, key, entry, data)
            result.problems += problems + by_entry.problems(display, line, key, entry)
            if repair:
                result.repair.add(key)
        result.problems = _unique(result.problems)
        result.problems.sort(key=lambda p: (p.line or 0, p.message))
    return results


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def check_bibfile(path: Path, display: str, encoding: str = "utf-8-sig") -> BibCheck:
    """Check one file on its own (a file that uses another's macros or crossrefs: :func:`check_bibfiles`)."""
    return check_bibfiles([(path, display)], encoding)[0]
