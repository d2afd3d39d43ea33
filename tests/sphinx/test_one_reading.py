"""One reading: a build opens each session page for its text once, Sphinx's own read, and the extension works from that.

An audit hook (``sys.addaudithook``) records every ``open`` of a page during
an in-process build of the unit fixture's site, with the module that asked
for it.  Besides Sphinx's read (``read_doc``), the extension opens a page
once, for the admission rule's encoding check at ``config-inited``: Sphinx
stops the whole build with a traceback on a page that is not UTF-8, so the
page must be seen, and left out, before Sphinx reads it.  The reading
transform and the LaTeX handouts never open a page again; Sphinx's copy of
the source for the HTML's "Show source" is switched off here.
"""

from __future__ import annotations

import collections
import contextlib
import io
import sys
import traceback
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sitebuild import settle
from unit.fixture_site import PAGES, write_site

PACKAGE = str(Path(__file__).resolve().parents[2] / "ext" / "sphinx_seminar")
_opens: list[tuple[str, str]] | None = None


def _hook(event: str, args: tuple) -> None:
    if _opens is None or event != "open" or not isinstance(args[0], str) or not args[0].endswith(".md"):
        return
    files = [frame.filename for frame in traceback.extract_stack()[:-1]]
    who = ("sphinx_seminar:" + Path(next(f for f in reversed(files) if f.startswith(PACKAGE))).stem
           if any(f.startswith(PACKAGE) for f in files) else "sphinx" if any("/sphinx/" in f for f in files) else "other")
    _opens.append((args[0], who))


sys.addaudithook(_hook)


def _build(source: Path, outdir: Path, builder: str, *options: str) -> dict[str, collections.Counter]:
    global _opens
    _opens = []
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = build_main(["-b", builder, "-q", "-D", "html_copy_source=0", *options, str(source), str(outdir),
                               "-d", str(outdir / ".doctrees")])
        found = list(_opens)
    finally:
        _opens = None
    assert code == 0
    by_page: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for path, who in found:
        by_page[str(Path(path).relative_to(source))][who] += 1
    return by_page


@pytest.mark.parametrize(("builder", "options"), [("html", ()), ("latex", ()), ("latex", ("-D", "seminar_handouts=1"))],
                         ids=["html", "latex", "handouts"])
def test_each_session_page_is_opened_by_sphinx_once_and_by_the_extension_only_for_its_encoding(
        tmp_path: Path, builder: str, options: tuple[str, ...]) -> None:
    source = write_site(tmp_path / "src")
    by_page = _build(source, tmp_path / "out", builder, *options)
    for name in PAGES:
        assert by_page[f"sessions/{name}.md"] == {"sphinx": 1, "sphinx_seminar:admission": 1}, name
    for term in ("2031-spring", "2031-autumn"):
        assert by_page[f"sessions/{term}/index.md"] == {"sphinx": 1, "sphinx_seminar:admission": 1}, term


def test_an_incremental_build_opens_only_the_changed_page_and_the_term_pages_not_at_all(tmp_path: Path) -> None:
    source = write_site(tmp_path / "src")
    _build(source, tmp_path / "out", "html")
    settle()
    page = source / "sessions" / "2031-spring" / "2031-02-24-tba-speaker.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    by_page = _build(source, tmp_path / "out", "html")
    read = {name for name, counts in by_page.items() if counts["sphinx"]}
    assert read == {"sessions/2031-spring/2031-02-24-tba-speaker.md"}
    assert all(counts["sphinx_seminar:admission"] == 1 and set(counts) <= {"sphinx", "sphinx_seminar:admission"}
               for counts in by_page.values())
