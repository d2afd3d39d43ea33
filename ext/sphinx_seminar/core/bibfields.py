"""What BibTeX entries and fields are: the entry types and the fields each needs, the
LaTeX in a value that can or cannot be read, names, and crossref inheritance.

Shared by the ``.bib`` check (:mod:`sphinx_seminar.core.bibcheck`) and the
bibliography style (:mod:`sphinx_seminar.outputs.bibstyle`), so that what is
reported and what is shown agree.
"""

from __future__ import annotations

import difflib
import re

import pybtex.errors
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import BibliographyData, Entry, Person

from .frontmatter import without_control_characters

SAFE_URL = re.compile(r"^https?://", re.I)

# Each entry type as written (lower case) -> the template it is shown with
# (a method ``get_<template>_template`` of the ``seminar`` style).
ENTRY_TYPES: dict[str, str] = {
    # BibTeX's standard types
    "article": "article",
    "book": "book",
    "booklet": "booklet",
    "inbook": "inbook",
    "incollection": "incollection",
    "inproceedings": "inproceedings",
    "conference": "inproceedings",
    "manual": "manual",
    "mastersthesis": "mastersthesis",
    "misc": "misc",
    "phdthesis": "phdthesis",
    "proceedings": "proceedings",
    "techreport": "techreport",
    "unpublished": "unpublished",
    # biblatex's (and the web styles') common ones
    "thesis": "thesis",
    "report": "report",
    "online": "online",
    "www": "online",
    "electronic": "online",
    "webpage": "online",
    "software": "misc",
    "dataset": "misc",
    "collection": "collection",
    "mvcollection": "collection",
    "reference": "collection",
    "mvbook": "book",
    "bookinbook": "inbook",
    "inreference": "incollection",
    "mvproceedings": "proceedings",
    "patent": "patent",
    "periodical": "misc",
    "standard": "misc",
    "video": "misc",
    "audio": "misc",
    "artwork": "misc",
}

# What each template cannot do without, beyond the author (or editor) and the
# year that every entry is checked for: groups of fields, any one of a group
# will do.  ``tests/site/test_bibtex_input.py`` checks this against the style.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journal", "journaltitle")),
    "book": (("author", "editor"), ("title",), ("publisher",)),
    "booklet": (("author",), ("title",)),
    "inbook": (("author", "editor"), ("title",), ("publisher",)),
    "incollection": (("author",), ("title",), ("booktitle",)),
    "inproceedings": (("author",), ("title",), ("booktitle",)),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school", "institution")),
    "misc": (),
    "phdthesis": (("author",), ("title",), ("school", "institution")),
    "thesis": (("author",), ("title",), ("school", "institution")),
    "proceedings": (("title",),),
    "techreport": (("author",), ("title",), ("institution", "school")),
    "report": (("author",), ("title",), ("institution", "school")),
    "unpublished": (("author",), ("title",), ("note",)),
    "online": (),
    "collection": (("author", "editor"), ("title",)),
    "patent": (("author",), ("title",)),
}
PERSON_ROLES = ("author", "editor")
# The fields the style shows as LaTeX (url, doi, eprint and pubmed are shown
# as written; abstract, keywords, file and the like not at all).
SHOWN_AS_LATEX = {
    "author", "editor", "title", "booktitle", "journal", "journaltitle", "volume", "number", "pages", "series",
    "chapter", "edition", "publisher", "address", "location", "organization", "school", "institution",
    "howpublished", "note", "month", "year", "type", "isbn", "urldate",
}
SHOWN_NOT_NAMES = SHOWN_AS_LATEX - set(PERSON_ROLES)
# Fields that describe the crossref parent itself, not inherited by its children.
_NOT_INHERITED = {"crossref", "xref", "ids", "key", "label", "shorthand", "sortkey"}


def template_of(entry_type: str) -> str:
    """The template an entry type is shown with: an unknown type as ``misc``."""
    return ENTRY_TYPES.get(entry_type.lower(), "misc")


def unknown_type_hint(kind: str) -> str:
    close = difflib.get_close_matches(kind.lower(), ENTRY_TYPES, n=1, cutoff=0.6)
    known = ", ".join(f"@{t}" for t in ENTRY_TYPES)
    guess = f"did you mean @{close[0]}? " if close else ""
    return f"{guess}use a known type ({known}); it is shown as @misc meanwhile"


# LaTeX that pybtex cannot read (a backslash at the end of a value, a brace
# escaped by a backslash, which leaves the others unbalanced), a '%' (LaTeX
# ignores the rest of the value after it), an accent with nothing to go on
# ('{\"}'), and an unmatched '$'.
LATEX_MARKUP = re.compile(r"[\\%$]")
_LATEX_SUSPECT = re.compile(r"\\[{}]|%|(?<!\\)(?:\\\\)*\\$")
_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
_DANGLING_ACCENT = re.compile(r"""(?<!\\)(?:\\\\)*(\\["'`^~=.])(?=\s*(?:\}|$))""")
_DOLLAR = re.compile(r"(?<!\\)(?:\\\\)*\$")


def unreadable_latex(value: str) -> str | None:
    """Why pybtex cannot read ``value`` as LaTeX, or None."""
    if not _LATEX_SUSPECT.search(value):
        return None
    from pybtex.richtext import Text

    try:
        Text.from_latex(value)
    except UnicodeError as error:  # latexcodec's
        token = str(getattr(error, "reason", error)).rsplit("unknown token ", 1)[-1]
        return "a backslash with nothing after it" if token == repr("\\") else f"unknown token {token}"
    except Exception:  # pybtex's PybtexSyntaxError, the only other one a fuzz test found
        return "unbalanced braces: a brace after a backslash does not count"
    return None


def readable_latex(value: str) -> str:
    """``value`` made readable by pybtex, changing as little as possible: a '%' is shown."""
    text = _PERCENT.sub(r"\1\\%", value)
    if unreadable_latex(text) is None:
        return text
    text = re.sub(r"(?<!\\)((?:\\\\)*)\\$", r"\1", text)  # a lone backslash at the end
    if unreadable_latex(text) is None:
        return text
    return re.sub(r"[\\{}%]", "", value)  # the words, without the markup


def latex_problems(value: str) -> list[tuple[str, str, bool]]:
    """What is wrong with the LaTeX of one value, how to fix it, and whether
    the build must repair it to show the value (empty for almost every value)."""
    if not LATEX_MARKUP.search(value):
        return []
    problems = []
    if _PERCENT.search(value):
        problems.append(("an unescaped '%', after which LaTeX ignores the rest of the value", "write \\% for a percent sign", True))
        value = _PERCENT.sub(r"\1\\%", value)
    reason = unreadable_latex(value)
    if reason:
        problems.append((f"LaTeX that cannot be read ({reason})",
                         "remove the stray backslash, or write \\textbackslash{} for one and \\{ \\} for braces shown as braces", True))
    accent = _DANGLING_ACCENT.search(value)
    if accent:
        mark = accent.group(1)
        problems.append((f"the accent '{mark}' with no letter to go on", f"put the letter with it, as in {{{mark}o}}, or type the accented letter itself", False))
    if len(_DOLLAR.findall(value)) % 2:
        problems.append(("an unmatched '$'", "close the formula with a second '$', or write \\$ for a dollar sign", False))
    return problems


def person_parts(person: Person) -> list[str]:
    return [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names, *person.lineage_names]


def split_persons(entry: Entry) -> None:
    """The names of the entry's author and editor fields, split into pybtex's persons
    as its parser splits them when asked to (in place; nothing to do the second time).

    The build parses a ``.bib`` without splitting names: a lab's file of
    thousands of entries would otherwise hold a hundred thousand objects
    more, which Python's garbage collector walks through again and again
    during the build.  Only the entries the site shows are split.
    """
    written = [name for name in entry.fields if name.lower() in Person.valid_roles]  # as the parser: any case
    if not written:
        return
    with pybtex.errors.capture():  # reported by the check (too many commas)
        for role in written:
            names = entry.fields.pop(role)
            for name in split_name_list(names):
                entry.add_person(Person(name), role)


def repair_entry(entry: Entry) -> None:
    """Make the entry's LaTeX readable in place (what :func:`latex_problems` calls unreadable),
    without control characters."""
    for name, value in list(entry.fields.items()):
        value = without_control_characters(value)
        entry.fields[name] = readable_latex(value) if name.lower() in SHOWN_AS_LATEX else value
    for people in entry.persons.values():
        for person in people:
            for parts in (person.first_names, person.middle_names, person.prelast_names, person.last_names, person.lineage_names):
                parts[:] = [readable_latex(without_control_characters(part)) for part in parts]


def too_many_commas(names: str) -> list[str]:
    """The names of an author (or editor) field that pybtex cannot split."""
    return [name for name in split_name_list(names) if len(split_tex_string(name, ",")) > 3]


def inherit_crossrefs(data: BibliographyData) -> None:
    """Give each entry the fields of its ``crossref`` parent that it lacks, as BibTeX does (in place).

    sphinxcontrib-bibtex formats an entry without the other entries, so a
    booktitle or editor given only in the parent would be missing.  A field
    the entry has is kept, so doing it twice changes nothing.
    """
    for entry in data.entries.values():
        parent_key = entry.fields.get("crossref")
        parent = data.entries.get(parent_key) if parent_key else None
        if parent is None or parent is entry:
            continue
        for name, value in parent.fields.items():
            if name.lower() not in _NOT_INHERITED and name not in entry.fields and name not in entry.persons:
                entry.fields[name] = value
        for role, people in parent.persons.items():
            if role not in entry.persons and role not in entry.fields:
                entry.persons[role] = list(people)
