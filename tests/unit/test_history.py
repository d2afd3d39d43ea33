"""Which of a commit's times dates a page: the committer's, the time the change entered the history."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from sphinx_seminar.core.history import revisions


def _commit(repo: Path, message: str, author: str, committer: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_NAME": "C",
           "GIT_COMMITTER_EMAIL": "c@example.org", "GIT_AUTHOR_DATE": author, "GIT_COMMITTER_DATE": committer,
           "GIT_CONFIG_GLOBAL": "/dev/null"}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "--quiet", "-m", message], cwd=repo, env=env, check=True)


def test_a_page_is_dated_by_its_last_commits_committer_time_and_counted_by_its_commits(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    page, other = tmp_path / "talk.md", tmp_path / "other.md"
    page.write_text("one\n", encoding="utf-8")
    other.write_text("x\n", encoding="utf-8")
    _commit(tmp_path, "first", "2031-01-01T09:00:00Z", "2031-01-01T10:00:00Z")
    page.write_text("two\n", encoding="utf-8")
    # Written on the 2nd, applied (rebased, merged) on the 5th: the calendars must see the 5th.
    _commit(tmp_path, "second", "2031-01-02T09:00:00Z", "2031-01-05T10:00:00Z")
    found, why_not = revisions(tmp_path, [page, other])
    assert why_not is None
    assert (found[page].sequence, found[page].modified) == (1, dt.datetime(2031, 1, 5, 10, 0, tzinfo=dt.UTC))
    assert (found[other].sequence, found[other].modified) == (0, dt.datetime(2031, 1, 1, 10, 0, tzinfo=dt.UTC))
