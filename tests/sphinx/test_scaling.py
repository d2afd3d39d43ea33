"""Guards on how the work grows with the archive: counts, never timings (those are in bench/)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sitebuild import ROOT, copy_site, settle, sphinx_build

from sphinx_seminar.core.frontmatter import FrontMatter
from sphinx_seminar.core.conflicts import check_sessions
from sphinx_seminar.core.model import Session, load_session

TERM = "sessions/2030-31"


def _html(build, docname: str) -> str:
    return str(build.page(docname).select_one("article"))


class FormatCounter:
    """Counts the ``seminar`` style's formatting of entries in an in-process build."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from sphinx_seminar.outputs.bibstyle import SeminarFormattingStyle

        self.calls = 0
        original = SeminarFormattingStyle.format_entry

        def counting(style, label, entry, *args, **kwargs):
            self.calls += 1
            return original(style, label, entry, *args, **kwargs)

        monkeypatch.setattr(SeminarFormattingStyle, "format_entry", counting)


def _build_in_process(srcdir: Path, outdir: Path) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return build_main(["-b", "html", "-N", "-q", str(srcdir), str(outdir)])


def test_entries_are_formatted_once_and_not_again_when_nothing_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy_site("mini", tmp_path)
    counter = FormatCounter(monkeypatch)
    assert _build_in_process(site, tmp_path / "html") == 0
    assert counter.calls == 1  # one cited entry, tooltip included
    counter.calls = 0
    assert _build_in_process(site, tmp_path / "html") == 0
    assert counter.calls == 0  # a no-op build formats nothing


def test_a_new_citation_reaches_the_references_page_incrementally(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    # A References page of the cited entries only, as for a large shared .bib.
    references = site / "references.md"
    references.write_text(references.read_text().replace(":all:", ":filter: cited"), encoding="utf-8")
    with (site / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@book{lamport1994latex,\n  author = {Lamport, Leslie},\n  title = {{LaTeX}: A Document Preparation System},\n"
                  "  publisher = {Addison-Wesley},\n  year = {1994},\n}\n")
    first = sphinx_build(site, tmp_path / "html")
    assert "Lamport" not in first.page("references").get_text()
    settle()
    page = site / TERM / "2030-11-25-beta.md"
    page.write_text(page.read_text() + "\nSee {cite:t}`lamport1994latex`.\n", encoding="utf-8")
    updated = sphinx_build(site, tmp_path / "html")
    assert updated.returncode == 0, updated.warnings
    assert "references" in updated.written()
    text = updated.page("references").get_text(" ", strip=True)
    assert "Lamport" in text and "Cited in: Beta" in text
    assert "Lamport (1994)" in updated.page(f"{TERM}/2030-11-25-beta").select_one(".bibtex-citation").get_text()


def test_the_sidebar_expands_only_the_term_being_read(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    other = site / "sessions/2031-32"
    shutil.copytree(site / TERM, other)
    index = other / "index.md"
    index.write_text(index.read_text().replace("Term 2030/31", "Term 2031/32").replace("2030-11-18", "2031-11-17")
                     .replace("first_day: 2030-10-07", "first_day: 2031-10-06").replace("last_day: 2031-02-10", "last_day: 2032-02-09"),
                     encoding="utf-8")
    for page in other.glob("2*.md"):
        day = dt.date.fromisoformat(page.name[:10]) + dt.timedelta(weeks=52)
        text = page.read_text().replace(page.name[:10], day.isoformat()).replace("title: ", "title: Later ")
        page.unlink()
        (other / f"{day.isoformat()}{page.name[10:]}").write_text(text, encoding="utf-8")
    (site / "conf.py").write_text((site / "conf.py").read_text() + '\nhtml_theme = "furo"\n', encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    sidebar = build.page(f"{TERM}/2030-11-25-beta").select_one(".sidebar-tree").get_text(" ", strip=True)
    assert "Term 2030/31" in sidebar and "Term 2031/32" in sidebar
    assert "Alpha I" in sidebar and "Later Alpha I" not in sidebar


def test_checking_sessions_compares_only_sessions_of_the_same_day(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    original = Session.overlaps

    def counting(self, other):
        nonlocal calls
        calls += 1
        return original(self, other)

    monkeypatch.setattr(Session, "overlaps", counting)
    sessions = []
    for index in range(2000):
        day = dt.date(2030, 1, 1) + dt.timedelta(days=index // 2)
        front = FrontMatter(values={"title": f"T{index}", "speaker": "S", "date": day.isoformat(),
                                    "start": "09:00" if index % 2 else "11:00", "end": "10:00" if index % 2 else "12:00",
                                    "room": "R"})
        session, problems = load_session(f"s/t/{index}", f"{index}.md", "t", front, None)
        assert not problems
        sessions.append(session)
    assert check_sessions(sessions, {}) == []
    assert calls == 1000  # one pair per day, not two million


def test_sidebars_shared_within_a_term_equal_those_resolved_for_each_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sphinx_seminar.speedups.navigation as navigation

    site = copy_site("mini", tmp_path)
    (site / "conf.py").write_text((site / "conf.py").read_text() + '\nhtml_theme = "furo"\n', encoding="utf-8")
    moved = {False: [], True: []}
    original = navigation._moved

    def recording(html, made_for, docname, furo=False):
        result = original(html, made_for, docname, furo)
        moved[furo].append(result is not None)
        return result

    monkeypatch.setattr(navigation, "_moved", recording)
    assert _build_in_process(site, tmp_path / "shared") == 0
    # Every session after the first reused its term's sidebar, and Furo's.
    assert moved[True] and all(moved[True])
    assert all(moved[False])
    monkeypatch.setattr(navigation, "_moved", lambda *args, **kwargs: None)
    assert _build_in_process(site, tmp_path / "each") == 0
    pages = sorted(p.relative_to(tmp_path / "shared") for p in (tmp_path / "shared").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert (tmp_path / "shared" / page).read_text() == (tmp_path / "each" / page).read_text(), page


def _archive(tmp_path: Path, sessions: int) -> Path:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from archive import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate(tmp_path / "archive", sessions, "project")


def _outputs(build) -> dict[str, bytes]:
    found = {}
    for path in build.outdir.rglob("*"):
        name = path.relative_to(build.outdir).as_posix()
        if path.is_file() and not name.startswith((".doctrees/", "_static/")) and name != ".buildinfo":
            found[name] = path.read_bytes()  # calendars too: their stamps are the pages' history, not the build's time
    return found


def test_a_parallel_build_writes_exactly_what_a_serial_build_writes(tmp_path: Path) -> None:
    # 60 sessions with Sphinx's own -j 2: readers and writers in forked processes.
    site = _archive(tmp_path, 60)
    serial = sphinx_build(site, tmp_path / "j1")
    parallel = sphinx_build(site, tmp_path / "j2", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, serial.warnings + parallel.warnings
    assert len(serial.read()) == 66  # 60 sessions, 3 terms, the landing, Archive and References pages
    # Sphinx read in parallel: it logs chunks ("first .. last"), not pages.
    # (Where Sphinx believes it writes to a terminal, as under CI, it adds escapes and carriage returns.)
    plain = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", parallel.log).replace("\r", "\n")
    assert re.search(r"^reading sources\.\.\. \[\s*\d+%\] \S+ \.\. \S+", plain, re.M)
    one, two = _outputs(serial), _outputs(parallel)
    assert sorted(one) == sorted(two)
    assert sum(name.endswith(".html") for name in one) == 69  # and search, genindex, embed
    assert sum(name.startswith("bib/") for name in one) > 100
    assert sum(name.endswith(".ics") for name in one) == 64  # 60 sessions, the schedule, one per term
    assert b"2000-10-02-session-0" in one["searchindex.js"]
    assert [name for name in one if one[name] != two[name]] == []

    # Incrementally: three pages in three terms are read again.
    for number in (7, 27, 47):
        edited = next(site.glob(f"sessions/*/*-session-{number}.md"))
        edited.write_text(edited.read_text(encoding="utf-8") + "\nZyzzogeton estimators.\n", encoding="utf-8")
    serial, parallel = sphinx_build(site, tmp_path / "j1"), sphinx_build(site, tmp_path / "j2", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, serial.warnings + parallel.warnings
    assert len(parallel.read()) == 3
    one, two = _outputs(serial), _outputs(parallel)
    assert b"zyzzogeton" in two["searchindex.js"] and b"2000-10-02-session-0" in two["searchindex.js"]
    assert [name for name in one if one[name] != two[name]] == []


def test_a_forked_reader_sends_back_no_bibliography(tmp_path: Path) -> None:
    # Under -j N Sphinx pickles each forked reader's environment back to the
    # main process; the parsed .bib and its check stay in the main process.
    import os
    import pickle

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    site = copy_site("mini", tmp_path)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), docutils_namespace():
        app = Sphinx(str(site), str(site), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html", status=None)
        app.build()
    env = app.env
    assert env.domains["cite"].bibdata.data.entries and env.seminar_bibchecks.results
    whole = pickle.loads(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))  # what Sphinx saves for the next build
    assert list(whole.domaindata["cite"]["bibdata"].data.entries) == list(env.domains["cite"].bibdata.data.entries)
    assert whole.seminar_bibchecks.results.keys() == env.seminar_bibchecks.results.keys()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # as a reader forked by Sphinx
        reader = pickle.loads(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
        lean = not reader.domaindata["cite"]["bibdata"].data.entries and not reader.seminar_bibchecks.results
        kept = [ref.citation_ref_id for ref in reader.domaindata["cite"]["citation_refs"]] == \
            [ref.citation_ref_id for ref in env.domaindata["cite"]["citation_refs"]]
        os.write(write, b"1" if lean and kept else b"0")
        os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 1) == b"1"
