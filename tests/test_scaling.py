"""Guards on how the work grows with the archive: counts, never timings (those are in bench/)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sitebuild import ROOT, copy_site, settle, sphinx_build

from seminar.frontmatter import FrontMatter
from seminar.model import Session, check_sessions, load_session

TERM = "sessions/2030-31"


def _html(build, docname: str) -> str:
    return str(build.page(docname).select_one("article"))


def test_fast_bibtex_renders_exactly_what_upstream_renders(tmp_path: Path) -> None:
    fast = sphinx_build(ROOT, tmp_path / "fast")
    upstream = sphinx_build(ROOT, tmp_path / "upstream", "-D", "seminar_fast_bibtex=0")
    assert fast.returncode == upstream.returncode == 0, fast.warnings + upstream.warnings
    for docname in ("docs/references", "sessions/2024-25/2024-11-04-graph-topological-nn-1",
                    "sessions/2024-25/2024-11-11-graph-topological-nn-2", "sessions/2024-25/2024-12-02-deep-generative-models"):
        assert _html(fast, docname) == _html(upstream, docname), docname


class FormatCounter:
    """Counts pybtex's formatting of entries in an in-process build."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from pybtex.style.formatting import BaseStyle

        self.calls = 0
        original = BaseStyle.format_entry

        def counting(style, label, entry, *args, **kwargs):
            self.calls += 1
            return original(style, label, entry, *args, **kwargs)

        monkeypatch.setattr(BaseStyle, "format_entry", counting)


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
    index.write_text(index.read_text().replace("Term 2030/31", "Term 2031/32").replace("2030-11-18", "2031-11-17"), encoding="utf-8")
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
    import seminar.navigation as navigation

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


def test_text_without_latex_markup_is_taken_as_the_latex_decoder_would() -> None:
    import random
    import string

    from pybtex.plugin import find_plugin
    from pybtex.richtext import Text

    from seminar.bibspeed import LATEX_FREE

    backends = [find_plugin("pybtex.backends", name)() for name in ("plaintext", "html")]
    import codecs

    import latexcodec  # noqa: F401
    from pybtex.markup import LaTeXParser

    rng = random.Random(7)
    alphabet = string.ascii_letters + string.digits + " .,;:!?()/[]<>=+*@|-'\"`~" + "äöüßéÉñøłŁğı–—\u00a0"
    accepted = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        if not LATEX_FREE.match(text):
            continue
        accepted += 1
        decoded = LaTeXParser(codecs.decode(text, "ulatex")).parse()  # upstream's from_latex
        assert repr(decoded) == repr(Text(text)), text
        assert all(decoded.render(b) == Text(text).render(b) for b in backends), text
    assert accepted > 5000


def _archive(tmp_path: Path, sessions: int) -> Path:
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from archive import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate(tmp_path / "archive", sessions, "project")


def test_a_parallel_build_writes_exactly_what_a_serial_build_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 sessions with -j 2: two readers and two writers, each forked once
    # and given several batches (so a reader sends back a batch while it
    # holds pages of earlier ones, which seminar.parallel leaves out), the
    # search index merged from the writers' parts, and the References
    # page's entries formatted by two processes.
    import seminar.bibspeed as bibspeed
    import seminar.workers as workers

    formatted_by = []
    original = bibspeed._format_all

    def recording(style, pairs):
        formatted_by.append((bibspeed._processes, len(pairs)))
        return original(style, pairs)

    monkeypatch.setattr(bibspeed, "_format_all", recording)
    pools, batches = [], []
    original_init, original_send = workers.Workers.__init__, workers.Workers.send

    def counting_init(self, size, task, done):
        pools.append(size)
        original_init(self, size, task, done)

    def counting_send(self, batch):
        batches.append(len(batch))
        original_send(self, batch)

    monkeypatch.setattr(workers.Workers, "__init__", counting_init)
    monkeypatch.setattr(workers.Workers, "send", counting_send)
    site = _archive(tmp_path, 60)
    serial = sphinx_build(site, tmp_path / "j1")
    assert formatted_by and all(processes == 1 for processes, _ in formatted_by)
    formatted_by.clear()
    assert pools == []
    parallel = sphinx_build(site, tmp_path / "j2", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, serial.warnings + parallel.warnings
    assert pools == [2, 2]  # readers, then writers: four forks in all
    assert len(batches) > 8 and sum(batches) == 65 + 64  # every page read, every page but the first written by a worker
    assert [(2, count) for _, count in formatted_by] == formatted_by and max(count for _, count in formatted_by) >= bibspeed.PARALLEL_FROM
    assert len(serial.read()) == 65  # 60 sessions, 3 terms, the landing and References pages

    def outputs(build) -> dict[str, bytes]:
        found = {}
        for path in build.outdir.rglob("*"):
            name = path.relative_to(build.outdir).as_posix()
            if path.is_file() and not name.startswith((".doctrees/", "_static/")) and name != ".buildinfo":
                data = path.read_bytes()
                if path.suffix == ".ics":  # the moment it was written
                    data = b"\n".join(line for line in data.split(b"\r\n") if not line.startswith(b"DTSTAMP:"))
                found[name] = data
        return found

    one, two = outputs(serial), outputs(parallel)
    assert sorted(one) == sorted(two)
    assert sum(name.endswith(".html") for name in one) == 67  # and search, genindex
    assert sum(name.startswith("bib/") for name in one) > 100
    assert sum(name.endswith(".ics") for name in one) == 61
    assert b"2000-10-02-session-0" in one["searchindex.js"]  # merged from the workers' parts
    assert [name for name in one if one[name] != two[name]] == []

    # Incrementally: three pages in three terms are read here (too few to
    # fork for), and workers write them and their terms' pages; the
    # workers' part of the search index joins the rest, loaded from the
    # previous build.
    for number in (7, 27, 47):
        edited = next(site.glob(f"sessions/*/*-session-{number}.md"))
        edited.write_text(edited.read_text(encoding="utf-8") + "\nZyzzogeton estimators.\n", encoding="utf-8")
    pools.clear()
    serial, parallel = sphinx_build(site, tmp_path / "j1"), sphinx_build(site, tmp_path / "j2", "-j", "2")
    assert serial.returncode == parallel.returncode == 0, serial.warnings + parallel.warnings
    assert len(parallel.read()) == 3 and len(parallel.written()) == 6 and pools == [2]
    one, two = outputs(serial), outputs(parallel)
    assert b"zyzzogeton" in two["searchindex.js"] and b"2000-10-02-session-0" in two["searchindex.js"]
    assert [name for name in one if one[name] != two[name]] == []


def test_a_forked_reader_sends_back_only_the_pages_it_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import pickle

    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    import seminar.parallel as parallel

    site = copy_site("mini", tmp_path)
    # docutils_namespace: the directives this app registers go when it does.
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), docutils_namespace():
        app = Sphinx(str(site), str(site), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html", status=None)
        app.build()
    env = app.env
    read = f"{TERM}/2030-11-25-beta"
    assert read in env.tocs and len(env.tocs) > 3 and env.domains["cite"].bibdata.data.entries

    monkeypatch.setattr(parallel, "_read_here", (os.getpid(), {read}))
    monkeypatch.setattr(parallel, "_main_pid", os.getpid() + 1)  # as if forked
    reader = pickle.loads(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    assert set(reader.tocs) == set(reader.titles) == set(reader.metadata) == {read}
    assert "bibdata" not in reader.domaindata["cite"] and "citations" not in reader.domaindata["cite"]
    assert {ref.docname for ref in reader.domaindata["cite"]["citation_refs"]} <= {read}
    assert set(reader.domaindata["seminar"]["sessions"]) == {read}
    assert not hasattr(reader, "seminar_bibchecks")

    monkeypatch.setattr(parallel, "_main_pid", os.getpid())  # the main process pickles everything
    whole = pickle.loads(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    assert set(whole.tocs) == set(env.tocs) and whole.domaindata["cite"]["bibdata"].data.entries


def test_a_build_gives_the_garbage_collector_back_as_it_found_it(tmp_path: Path) -> None:
    import gc

    before = gc.get_threshold()
    site = copy_site("mini", tmp_path)
    assert _build_in_process(site, tmp_path / "one") == 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > 0  # what the build held stays frozen until the next one starts
    assert _build_in_process(site, tmp_path / "two") == 0
    assert gc.get_threshold() == before
    gc.unfreeze()


@pytest.mark.parametrize("phase", ["reading", "writing"])
@pytest.mark.parametrize("failure", ["exception", "exit"])
def test_a_failing_worker_stops_the_build_with_its_error(tmp_path: Path, phase: str, failure: str) -> None:
    # A worker that raises, or dies without a word, ends the build with a
    # message instead of leaving the main process waiting for it.
    import subprocess
    import sys

    site = copy_site("mini", tmp_path)
    event, docname_at = ("source-read", 1) if phase == "reading" else ("doctree-resolved", 2)
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            f"""

def setup(app):
    import os
    def fail(app, *arguments):
        docname = arguments[{docname_at} - 1]
        if docname.endswith("alpha-2"):
            if {failure == "exit"}:
                os._exit(3)
            raise RuntimeError("failed on purpose in " + docname)
    app.connect("{event}", fail)
"""
        )
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-N", "-q", "-j", "2", str(site), str(tmp_path / "html")],
        check=False, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    expected = f"failed on purpose in {TERM}/2030-11-11-alpha-2" if failure == "exception" else "a worker process exited with status 3"
    assert expected in result.stderr
