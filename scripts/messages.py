"""The extension's message catalogue: collect the messages, merge them into each translation, compile.

    python scripts/messages.py            # all three steps (what `make messages` runs)
    python scripts/messages.py --check    # exit 1 where the catalogue or a compiled file is out of date

The messages are the English strings marked in the code: ``words._("...")``,
``N_("...")``, ``words.plural("...", "...", n)`` and ``ngettext``
(``formats/wording.py`` and the Sphinx layer).  Babel's extractor
collects them into ``locale/sphinx_seminar.pot``; each language's
``locale/<language>/LC_MESSAGES/sphinx_seminar.po`` is updated from it
(new messages empty, removed ones dropped) and compiled to the ``.mo``
that the wheel carries and Sphinx reads.  The files' dates are fixed, so
that the files change only when a message does.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parents[1] / "ext" / "sphinx_seminar"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "sphinx_seminar.pot"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "plural": (1, 2)}
FIXED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
HEADER = "The messages of sphinx-seminar's sites, in every language."


def template() -> Catalog:
    catalog = Catalog(project="sphinx-seminar", header_comment=f"# {HEADER}", creation_date=FIXED,
                      revision_date=FIXED, fuzzy=False)
    for path, line, message, comments, _context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)):
        if "speedups" in Path(path).parts:
            continue
        catalog.add(message, locations=[(f"sphinx_seminar/{path}", line)], auto_comments=comments)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # Files without line numbers: a change elsewhere in a file leaves the catalogue as it is.
    write_po(out, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def wanted() -> dict[Path, bytes]:
    """Every file of the catalogue as it should be, from the code and the translations."""
    pot = template()
    files = {POT: _po_bytes(pot)}
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/sphinx_seminar.po")):
        with po_path.open("rb") as handle:
            translated = read_po(handle, locale=po_path.parts[-3])
        translated.update(pot, no_fuzzy_matching=True)
        translated.obsolete.clear()
        translated.revision_date = translated.creation_date = FIXED
        files[po_path] = _po_bytes(translated)
        files[po_path.with_suffix(".mo")] = _mo_bytes(translated)
    return files


def main(argv: list[str]) -> int:
    stale = [path for path, data in wanted().items() if not path.exists() or path.read_bytes() != data]
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(PACKAGE.parents[1])} is out of date: run 'python scripts/messages.py'")
        return 1 if stale else 0
    for path, data in wanted().items():
        if path in stale:
            path.write_bytes(data)
            print(f"wrote {path.relative_to(PACKAGE.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
