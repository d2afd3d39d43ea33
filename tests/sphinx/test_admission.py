"""The rule of what may be read into the site (core.admission), without a build."""

from __future__ import annotations

import os
import re
import signal
import warnings
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.util.matching import _translate_pattern

from sphinx_seminar.core.admission import SourceTree, _translate, discover

PATTERN_CHARS = st.sampled_from(list("ab./*?[]!^\\-_"))


@settings(max_examples=400, deadline=None)
@given(st.text(PATTERN_CHARS, max_size=12), st.text(st.sampled_from(list("ab./_-")), max_size=12))
def test_exclude_patterns_mean_what_they_mean_to_sphinx(pattern: str, path: str) -> None:
    ours, sphinx = _translate(pattern), _translate_pattern(pattern)
    assert ours == sphinx
    try:
        with warnings.catch_warnings():  # "possible nested set": the patterns are random
            warnings.simplefilter("ignore", FutureWarning)
            compiled = re.compile(sphinx)
    except re.error:
        return  # Sphinx fails on such a pattern itself
    assert bool(re.match(ours, path)) == bool(compiled.match(path))


def tree_with(tmp_path: Path) -> SourceTree:
    (tmp_path / "site/docs").mkdir(parents=True)
    (tmp_path / "site/docs/page.md").write_text("# Page\n", encoding="utf-8")
    (tmp_path / "site/env/lib").mkdir(parents=True)
    (tmp_path / "site/env/pyvenv.cfg").write_text("", encoding="utf-8")
    (tmp_path / "site/env/lib/readme.md").write_text("# Readme\n", encoding="utf-8")
    (tmp_path / "site/out").mkdir()
    (tmp_path / "site/out/.buildinfo").write_text("", encoding="utf-8")
    (tmp_path / "site/out/index.md").write_text("# Built\n", encoding="utf-8")
    (tmp_path / "site/drafts").mkdir()
    (tmp_path / "site/drafts/draft.md").write_text("# Draft\n", encoding="utf-8")
    return SourceTree.at(tmp_path / "site", ["drafts"])


def test_what_the_rule_refuses_and_why(tmp_path: Path) -> None:
    tree = tree_with(tmp_path)
    site = tmp_path / "site"
    (site / "docs/loop").symlink_to("..")
    (site / "docs/out.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    (site / "docs/inside.md").symlink_to("page.md")
    assert tree.include_refusal("page.md", "docs/x.md") is None
    assert tree.include_refusal("/docs/page.md", "docs/x.md") is None  # from the source folder, as Sphinx reads it
    assert tree.include_refusal("inside.md", "docs/x.md") is None
    assert tree.include_refusal("<isonum.txt>", "docs/x.md") is None  # docutils' own
    assert tree.include_refusal("../../outside.md", "docs/x.md").reason == "is outside the site's source folder"
    assert tree.include_refusal("out.md", "docs/x.md").reason == "leads outside the site's source folder (through a symbolic link)"
    assert tree.include_refusal("../env/lib/readme.md", "docs/x.md").reason == "is in a virtual environment ('env')"
    assert tree.include_refusal("../out/index.md", "docs/x.md").reason == "is in a build's output ('out')"
    assert tree.include_refusal("../drafts/draft.md", "docs/x.md").reason == "is excluded from the site ('drafts' matches exclude_patterns)"
    assert tree.include_refusal("missing.md", "docs/x.md").missing
    assert tree.include_refusal("loop", "docs/x.md").reason == "is not a regular file (a folder)"


def test_discovery_leaves_out_what_is_not_content_quietly_and_reports_the_rest(tmp_path: Path) -> None:
    tree = tree_with(tmp_path)
    site = tmp_path / "site"
    (site / "docs/loop").symlink_to("..")
    (site / "docs/linked").symlink_to("../drafts")
    (site / ".hidden").mkdir()
    (site / ".hidden/secret.md").write_text("# Secret\n", encoding="utf-8")
    os.mkfifo(site / "docs/pipe.md")
    (site / "docs/latin.md").write_bytes("# Caf\xe9\n".encode("latin-1"))
    found = discover(tree, (".md",))
    assert found.pages == ["docs/page.md"]
    left_out = {path: (problem.line, problem.message) if problem else None for path, problem in found.left_out}
    assert left_out == {
        ".hidden": None, "drafts": None, "env": None, "out": None,
        "docs/latin.md": (1, "file is not UTF-8 (byte 0xe9)"),
        "docs/linked": (None, "folder is excluded from the site ('drafts' matches exclude_patterns) (through a symbolic link): it is left out of the site"),
        "docs/loop": (None, "folder is a symbolic link to a folder that holds it (a loop): it is left out of the site"),
        "docs/pipe.md": (1, "page is not a regular file (a FIFO): it is left out of the site"),
    }


def test_discovery_never_opens_a_fifo(tmp_path: Path) -> None:
    tree = tree_with(tmp_path)
    os.mkfifo(tmp_path / "site/docs/pipe.md")
    signal.alarm(10)  # opening the FIFO would wait for a writer for ever
    try:
        found = discover(tree, (".md",))
    finally:
        signal.alarm(0)
    assert "docs/pipe.md" not in found.pages
