"""Every work in references.bib says where it was confirmed, and how a reader finds it."""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import parse_file

BIB = Path(__file__).resolve().parents[2] / "references.bib"
# An entry and the comment lines directly above it.
_ENTRY = re.compile(r"((?:^%[^\n]*\n)*)^@\w+\{([^,\s]+),", re.M)


def test_every_entry_names_the_public_source_that_confirmed_it() -> None:
    entries = _ENTRY.findall(BIB.read_text(encoding="utf-8"))
    assert len(entries) == len(parse_file(str(BIB)).entries)
    unsourced = [key for comment, key in entries if not re.search(r"^% .*\bhttps?://\S+", comment, re.M)]
    assert unsourced == []


def test_every_entry_has_a_doi_url_arxiv_id_or_isbn() -> None:
    data = parse_file(str(BIB))
    missing = [key for key, entry in data.entries.items()
               if not {"doi", "url", "eprint", "isbn"} & {name.lower() for name in entry.fields}]
    assert missing == []
