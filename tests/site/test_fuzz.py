"""Property-based tests of the untrusted-input readers: nothing escapes but the project's own problem reports.

Inputs are random, or mutations of real ones: the pages of ``tests/bad/``,
the site's own session pages, and slices of the real lab bibliographies in
``shared/data/real-bib/``.  Each example must finish within hypothesis's
deadline, so a reader that blows up on some input (an alias bomb, a
quadratic scan) fails here too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_seminar.core.bibcheck import check_bibfile
from sphinx_seminar.core.frontmatter import FrontMatter, read_front_matter, read_page
from sphinx_seminar.core.model import TermFields, Term, load_session
from sphinx_seminar.core.problems import Problem

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "bad"
REAL_BIB = ROOT.parent / "shared" / "data" / "real-bib"
PAGES = [p.read_bytes() for p in sorted(BAD.glob("*.md"))] + [p.read_bytes() for p in sorted((ROOT / "sessions").rglob("*.md"))]
BIBS = [p.read_bytes() for p in sorted(BAD.glob("*.bib"))] + [(ROOT / "references.bib").read_bytes()]
# A few kilobytes from the start and the middle of each real file: macros, crossrefs, accents.
REAL_SLICES = [
    data[start : start + 6000]
    for data in (p.read_bytes() for p in sorted(REAL_BIB.rglob("*.bib")))
    for start in (0, len(data) // 2)
] if REAL_BIB.is_dir() else []

FUZZ = settings(max_examples=150, deadline=dt.timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
TERM = Term(id="2030-31", docname="sessions/2030-31/index", path="sessions/2030-31/index.md",
            fields=TermFields.model_validate({"title": "Term", "timezone": "Europe/Berlin", "first_day": "2024-09-01", "last_day": "2031-08-31",
                                               "defaults": {"weekday": "Monday", "start": "15:00", "end": "16:30", "room": "Room 1"}}))


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few random edits: bytes deleted, inserted, replaced or duplicated."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        chunk = draw(st.binary(max_size=12) | st.sampled_from([b"---\n", b"\n", b"{", b"}", b"@", b"&a ", b"*a", b":", b"\xff", b"\r\n", b'"', b"#"]))
        match draw(st.sampled_from(["insert", "delete", "replace", "repeat"])):
            case "insert":
                data[at:at] = chunk
            case "delete":
                del data[at : at + len(chunk) + 1]
            case "replace":
                data[at : at + len(chunk)] = chunk
            case "repeat":
                data[at:at] = data[at : at + 40] * draw(st.integers(1, 20))
    return bytes(data)


def assert_reports(problems: list[Problem], path: str) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.path == path and (problem.line is None or problem.line >= 1)
        assert problem.message and str(problem).startswith(path)


def read_and_load(data: bytes, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(data)
    text, problems = read_page(page, "page.md")
    assert_reports(problems, "page.md")
    if text is None:
        return
    front, problems = read_front_matter(text, "page.md")
    assert_reports(problems, "page.md")
    if front is not None:
        session, problems = load_session("sessions/2030-31/page", "page.md", "2030-31", front, TERM)
        assert_reports(problems, "page.md")
        assert (session is None) == bool(problems)
        if session is not None:
            assert session.end > session.start and 1 <= session.week <= 53


@FUZZ
@given(data=mutated(PAGES))
def test_mutated_pages_give_problem_reports_only(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    read_and_load(data, tmp_path_factory.mktemp("page"))


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text_after_a_fence_gives_problem_reports_only(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    read_and_load(f"---\n{text}\n---\n\nBody.\n".encode(), tmp_path_factory.mktemp("page"))


SCALARS = st.text(max_size=30) | st.sampled_from(["15:00", "9:30", "24:00", "2030-12-09", "2030-02-30", "", "~", "null", "yes",
                                                 "TBA", "cancelled", "moved", "true", "https://example.org/", "../x", "Europe/London"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = st.sampled_from(["title", "speaker", "affiliation", "date", "start", "end", "room", "abstract", "series", "time", "speakers",
                          "status", "reason", "moved_from", "online", "join_url", "materials", "note", "timezone"])


@FUZZ
@given(values=st.dictionaries(FIELDS, VALUES, max_size=9))
def test_the_session_model_reports_every_mistake_with_a_line(values: dict) -> None:
    front = FrontMatter(values=values, lines={(name,): 2 + n for n, name in enumerate(values)}, first_line=1, last_line=len(values) + 2)
    session, problems = load_session("sessions/2030-31/page", "page.md", "2030-31", front, TERM)
    assert_reports(problems, "page.md")
    assert (session is None) == bool(problems)
    for problem in problems:
        assert problem.line is not None and problem.hint


def check_bib(data: bytes, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(data)
    result = check_bibfile(bib, "refs.bib")
    assert_reports(result.problems, "refs.bib")


@FUZZ
@given(data=mutated(BIBS))
def test_mutated_bib_files_give_problem_reports_only(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    check_bib(data, tmp_path_factory.mktemp("bib"))


@pytest.mark.skipif(not REAL_SLICES, reason=f"the real bibliographies are not at {REAL_BIB} (shared/ beside the repository)")
@FUZZ
@given(data=st.builds(bytes, st.just(b"")) | mutated(REAL_SLICES or [b""]))
def test_mutated_real_bibliographies_give_problem_reports_only(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    check_bib(data, tmp_path_factory.mktemp("bib"))
