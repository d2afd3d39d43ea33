"""Run by tests/sphinx/test_split_names.py in a fresh process: every entry of the given ``.bib``
files as the ``seminar`` styles format it, as JSON.

``pybtex``: names split by pybtex's parser (what the build does with
``seminar_speedups = False``).  ``build``: the file parsed without splitting
names, then split by :func:`split_persons`, as the speed-ups' bibliography
domain does.

Prints ``{key: [entry as HTML, entry's structure, (Author, 2020), Author (2020)]}``.
"""

from __future__ import annotations

import json
import sys

import pybtex.errors
from docutils import nodes
from pybtex.database.input.bibtex import Parser
from pybtex.plugin import find_plugin
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from sphinx_seminar.core.bibfields import inherit_crossrefs, split_persons
from sphinx_seminar.outputs.bibstyle import SeminarFormattingStyle, SeminarReferenceStyle


class PageLinks:
    """What a reference needs of a builder to make its link: its name and relative addresses."""

    name = "html"

    def get_relative_uri(self, source: str, target: str) -> str:
        return f"{target}.html"


def read(paths, **options):
    """The files' parse with pybtex's errors captured, as the build makes it."""
    parser = Parser("utf-8-sig", **options)
    with pybtex.errors.capture():
        for path in paths:
            try:
                parser.parse_file(path)
            except UnicodeDecodeError:
                continue  # a file in another encoding: the build leaves it out too
    return parser.data


def parse(paths: list[str], build: bool):
    data = read(paths, **({"person_fields": ()} if build else {}))
    with pybtex.errors.capture():
        inherit_crossrefs(data)
    if build:
        for entry in data.entries.values():
            split_persons(entry)
    return data


def formatted(data) -> dict[str, list[str]]:
    style, references = SeminarFormattingStyle(), SeminarReferenceStyle()
    html, docutils_backend = find_plugin("pybtex.backends", "html")(), find_plugin("pybtex.backends", "docutils")()
    entries = list(data.entries.values())
    result = {}
    with pybtex.errors.capture():
        for entry in style.format_entries(entries):
            info = SphinxReferenceInfo(builder=PageLinks(), fromdocname="page", todocname="references",
                                       citation_id=entry.key, title=None, pre_text="", post_text="")
            source = data.entries[entry.key]
            cites = [nodes.inline("", "", *format_references(references, role, [(source, entry, info)]).render(docutils_backend))
                     for role in ("p", "t")]
            result[entry.key] = [entry.text.render(html), repr(entry.text), *(cite.pformat() for cite in cites)]
    return result


def main() -> None:
    mode, *paths = sys.argv[1:]
    data = parse(paths, build=mode == "build")
    json.dump(formatted(data), sys.stdout)


if __name__ == "__main__":
    main()
