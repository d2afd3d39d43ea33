"""``seminar check``: every check of the build, without building.

It reads the same files with the same code as the extension: front-matter
through :mod:`sphinx_seminar.core.model`, bodies through :mod:`sphinx_seminar.core.content` (MyST's
own parser), ``.bib`` files through :mod:`sphinx_seminar.core.bibcheck`.

pybtex's parse of a large ``.bib`` takes as long as checking a thousand
pages, so it runs in a forked process meanwhile; the pages are checked
against the keys a quick scan of the file finds.
"""

from __future__ import annotations

import functools
import multiprocessing
import re
import runpy
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .admission import SourceTree, discover
from .bibcheck import BibCheck, check_bibfiles, entry_keys, split_by_citation
from .content import check_body
from .frontmatter import read_front_matter, read_page, read_source
from .materials import problems as material_problems
from .conflicts import check_sessions, unknown_further_reading
from .model import Session, Term, is_slot, load_session, load_term, term_for_sessions
from .problems import Problem

# A {bibliography} directive with the option :all: shows every entry of the .bib files.
_LISTS_ALL = re.compile(r"^```\{bibliography\}[^\n]*\n(?:[ \t]*:[^\n]*\n)*?[ \t]*:all:", re.M)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    bib_keys: set[str] = field(default_factory=set)
    #: Keys that pages cite or suggest as further reading.
    cited: set[str] = field(default_factory=set)
    #: Problems of entries that no page cites: listed, not fatal.
    notes: list[Problem] = field(default_factory=list)


def read_conf(root: Path) -> dict[str, Any]:
    """The settings of ``conf.py`` that the checks need (Sphinx's defaults otherwise)."""
    conf = runpy.run_path(str(root / "conf.py")) if (root / "conf.py").is_file() else {}
    return {
        "sessions_dir": conf.get("seminar_sessions_dir", "sessions"),
        "today": conf.get("seminar_today", ""),
        "bibfiles": list(conf.get("bibtex_bibfiles", [])),
        "bibencoding": conf.get("bibtex_encoding", "utf-8-sig"),
        "extensions": frozenset(conf.get("myst_enable_extensions", [])),
        "exclude_patterns": list(conf.get("exclude_patterns", [])),
        "include_patterns": list(conf.get("include_patterns", ["**"])),
    }


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root))


def markdown_pages(tree: SourceTree, report: Report) -> list[Path]:
    """The Markdown pages the build reads, by the same rule; the problems of those it leaves out."""
    found = discover(tree, (".md",))
    report.problems += [problem for _, problem in found.left_out if problem is not None]
    return [Path(tree.root, page) for page in found.pages]


def _bib_problems(root: Path, names: list[str], encoding: str) -> list[BibCheck]:
    # Together, in their order: macros and crossrefs cross files.  Only what
    # split_by_citation reads goes back to the parent process.
    return [BibCheck(keys=dict.fromkeys(result.keys, 0), problems=result.problems)
            for result in check_bibfiles([(root / name, name) for name in names], encoding)]


def _check_bibfiles_meanwhile(root: Path, names: list[str], encoding: str) -> tuple[ProcessPoolExecutor | None, Callable[[], list[BibCheck]]]:
    """The files' check, started in a forked process where there is ``fork``; call it for the problems."""
    if not names or "fork" not in multiprocessing.get_all_start_methods():
        return None, functools.partial(_bib_problems, root, names, encoding)
    executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return executor, executor.submit(_bib_problems, root, names, encoding).result


def check_project(root: Path) -> Report:
    root = root.resolve()
    conf = read_conf(root)
    report = Report()
    executor, bib_problems = _check_bibfiles_meanwhile(root, conf["bibfiles"], conf["bibencoding"])
    try:
        for name in conf["bibfiles"]:
            report.bib_keys |= entry_keys(root / name, conf["bibencoding"])
        _check_pages(root, conf, report)
        problems, report.notes = split_by_citation(bib_problems(), report.cited)
        report.problems += problems
    finally:
        if executor is not None:
            executor.shutdown()
    report.problems += check_sessions(report.sessions, report.terms)
    report.problems.sort(key=lambda p: (p.path, p.line or 0, p.field or "", p.message))
    return report


def _check_pages(root: Path, conf: dict[str, Any], report: Report) -> None:
    sessions_dir = root / conf["sessions_dir"]
    tree = SourceTree.at(root, [*conf["exclude_patterns"], "_build"], conf["include_patterns"])
    term_dirs = sorted(p for p in sessions_dir.iterdir() if p.is_dir() and tree.refusal(p, folder=True) is None) if sessions_dir.is_dir() else []
    sessions_terms: dict[str, Term | None] = {}
    for term_dir in term_dirs:
        index = term_dir / "index.md"
        docname = f"{conf['sessions_dir']}/{term_dir.name}/index"
        if tree.refusal(index) is not None and index.exists():
            continue  # the pages' walk reports it
        if not index.is_file():
            report.problems.append(Problem(_display(term_dir, root), None, None, "term folder has no index.md",
                                           "create it with the term's title, defaults and no-meeting dates"))
            continue
        # One reading of the page, as the build's: the term, and the term as its sessions see it.
        display = _display(index, root)
        front, problems = read_source(index, display)
        term, more = load_term(term_dir.name, docname, display, front) if front else (None, [])
        report.problems += problems + more
        if term:
            report.terms[term.id] = term
        # Sessions take what is valid of a term page with problems (reported once, for the term page).
        sessions_terms[term_dir.name] = term_for_sessions(term_dir.name, docname, display, front) if front else None

    session_paths = {p for term_dir in term_dirs for p in term_dir.glob("*.md") if p.name != "index.md"}
    for path in markdown_pages(tree, report):
        display = _display(path, root)
        text, problems = read_page(path, display)
        if path not in session_paths:
            if text is not None:  # other pages: only what the build would refuse
                report.problems += problems
                body_problems, citations = check_body(text, path, display, tree, extensions=conf["extensions"], session=False)
                report.problems += body_problems
                report.cited.update(key for key, _ in citations)
                if _LISTS_ALL.search(text):
                    report.cited |= report.bib_keys
            continue
        report.problems += problems
        if text is None:
            continue
        term_id = path.parent.name
        docname = f"{conf['sessions_dir']}/{term_id}/{path.stem}"
        front, problems = read_front_matter(text, display)
        report.problems += problems
        if front is not None:
            session, problems = load_session(docname, display, term_id, front, sessions_terms.get(term_id))
            report.problems += problems
            if session:
                report.sessions.append(session)
                report.problems += unknown_further_reading(session, report.bib_keys if conf["bibfiles"] else None)
                report.problems += material_problems(tree, session.path, session.materials.items() if session.materials else [],
                                                     session.line_of("materials"))
                report.cited.update(session.further_reading)
        body_problems, citations = check_body(text, path, display, tree, bib_keys=report.bib_keys, extensions=conf["extensions"],
                                              slot=is_slot(front))
        report.problems += body_problems
        report.cited.update(key for key, _ in citations)
