"""Front-matter arrives by pull request: hostile YAML is refused before anything expands it.

The build and ``seminar check`` run in subprocesses under a memory limit
and a timeout, as CI would run them on a hostile pull request.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_seminar.core.frontmatter import MAX_FRONT_MATTER, read_front_matter
from sitebuild import copy_site, schedule_rows
from bs4 import BeautifulSoup

PAGE = "sessions/2030-31/2030-12-09-laughs.md"
# Nine levels of nine aliases: 387 million strings once expanded.
LAUGHS = "---\ntitle: Laughs\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi")
) + "speaker: *i\ndate: 2030-12-09\n---\n\nText.\n"
MEMORY = 1024**3
TIMEOUT = 60


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limited)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site("mini", tmp_path_factory.mktemp("hostile"))
    (site / PAGE).write_text(LAUGHS, encoding="utf-8")
    return site


def test_the_alias_bomb_is_what_it_claims() -> None:
    assert LAUGHS.count("\n") < 20 and "*h, *h" in LAUGHS and "speaker: *i" in LAUGHS


def test_seminar_check_refuses_the_alias_bomb_quickly_in_bounded_memory(hostile_site: Path) -> None:
    run = run_limited([str(Path(sys.executable).with_name("seminar")), "check"], hostile_site)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{PAGE}:3: a: YAML anchors and aliases ('&name', '*name') are not allowed in front-matter (write each value out in full)" in run.stdout


def test_the_build_refuses_the_alias_bomb_and_builds_the_other_pages(hostile_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    run = run_limited([sys.executable, "-m", "sphinx", "-b", "html", "-N", "-q", "-W", "--keep-going", str(hostile_site), str(out)], hostile_site)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    # MyST's own YAML loader never saw the aliases (it would warn field by field).
    assert "myst.topmatter" not in run.stderr
    assert f"{PAGE.removesuffix('.md')}.md:3: WARNING: a: YAML anchors and aliases" in run.stderr.replace(str(hostile_site) + "/", "")
    schedule = BeautifulSoup((out / "sessions/2030-31/index.html").read_text(encoding="utf-8"), "html.parser")
    assert {"Alpha I", "Beta"} <= {row[-1] for row in schedule_rows(schedule)} | {
        row[-1].split(" (")[0] for row in schedule_rows(schedule)}
    assert (out / "sessions/2030-31/2030-11-25-beta.html").is_file()


def problems_of(yaml_lines: str) -> list[str]:
    front, problems = read_front_matter(f"---\n{yaml_lines}---\n\nText.\n", "p.md")
    assert front is None or not problems
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(
    ("yaml_lines", "expected"),
    [
        ("title: x\nspeaker: &who Ada\nroom: *who\n", "p.md:3: speaker: YAML anchors and aliases"),
        ("title: x\nbase: {room: A}\nother:\n  <<: {room: B}\n", "p.md:5: other: YAML merge keys ('<<') are not allowed"),
        ("title: !!python/object:os.system x\n", "p.md:2: title: explicit YAML tags"),
        ("title: x\nspeaker: !shout Ada\n", "p.md:3: speaker: explicit YAML tags"),
        ("title: x\nspeaker: " + "[" * 20 + "]" * 20 + "\n", "p.md:3: speaker: front-matter is nested more than 8 levels deep"),
        ("title: x\nspeaker:\n" + "".join(" " * depth + f"k{depth}:\n" for depth in range(1, 10)) + " " * 10 + "k: x\n",
         "p.md:11: speaker: front-matter is nested more than 8 levels deep"),
        ("title: x\nabstract: " + "word " * 4000 + "\n", "p.md:3: abstract: a value is longer than 16 KB"),
        ("title: x\n" + "".join(f"field{n}: {'x' * 60}\n" for n in range(1200)), f"p.md:2: front-matter is larger than {MAX_FRONT_MATTER // 1024} KB"),
    ],
    ids=["alias", "merge-key", "python-tag", "local-tag", "deep", "deep-by-indentation", "long-value", "large-block"],
)
def test_unsafe_yaml_is_refused_with_file_line_and_field(yaml_lines: str, expected: str) -> None:
    problems = problems_of(yaml_lines)
    assert len(problems) == 1 and problems[0].startswith(expected), problems


@pytest.mark.parametrize(
    "yaml_lines",
    ['title: "<<"\n', "title: a << b\n", "title: '&amp; and *stars*'\n", "speaker:\n  - Ada\n  - Alan\n", "abstract: |\n  One.\n\n  Two.\n"],
)
def test_ordinary_front_matter_that_looks_alike_is_accepted(yaml_lines: str) -> None:
    assert problems_of(yaml_lines) == []
