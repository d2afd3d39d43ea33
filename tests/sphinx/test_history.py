"""Each page's SEQUENCE and LAST-MODIFIED come from git's history, with real git and fixed dates."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from sphinx_seminar.core import history
from sphinx_seminar.core.history import Revision, revisions

UTC = dt.timezone.utc
# Committer dates given with an offset, so that the conversion to UTC is checked too.
FIRST, SECOND, THIRD = "2024-01-01T10:00:00+02:00", "2024-02-01T09:30:00-05:00", "2024-03-01T00:00:01+00:00"
FIRST_UTC = dt.datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
SECOND_UTC = dt.datetime(2024, 2, 1, 14, 30, tzinfo=UTC)
THIRD_UTC = dt.datetime(2024, 3, 1, 0, 0, 1, tzinfo=UTC)
MTIME = 1_700_000_000.75  # a fraction, which modified drops
MTIME_UTC = dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither the user's git settings nor a surrounding repository or hook reach the tests."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in ("SOURCE_DATE_EPOCH", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = dict(os.environ)
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=repo, env=env, check=True, capture_output=True)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    return path


def commit(repo: Path, date: str, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"change of {date}", date=date)


def write(path: Path, text: str, mtime: float = MTIME) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def test_a_file_committed_three_times_is_at_sequence_two_and_the_third_date(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    for number, date in enumerate((FIRST, SECOND, THIRD)):
        commit(repo, date, {"session.md": f"version {number}\n"})
    result, reason = revisions(repo, [repo / "session.md"])
    assert reason is None
    assert result == {repo / "session.md": Revision(2, THIRD_UTC)}
    assert result[repo / "session.md"].modified.tzinfo is not None


def test_each_file_has_its_own_count_and_date(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"a.md": "a1\n", "b.md": "b1\n"})
    commit(repo, SECOND, {"a.md": "a2\n"})
    commit(repo, THIRD, {"a.md": "a3\n", "other.txt": "x\n"})
    result, _ = revisions(repo, [repo / "a.md", repo / "b.md"])
    assert result == {repo / "a.md": Revision(2, THIRD_UTC), repo / "b.md": Revision(0, FIRST_UTC)}


def test_uncommitted_changes_add_one_and_take_the_mtime(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"a.md": "1\n", "same.md": "same\n"})
    commit(repo, SECOND, {"a.md": "2\n"})
    write(repo / "a.md", "3, not committed\n")
    write(repo / "same.md", "same\n")  # touched, same content: not a change
    result, reason = revisions(repo, [repo / "a.md", repo / "same.md"])
    assert reason is None
    assert result == {repo / "a.md": Revision(2, MTIME_UTC), repo / "same.md": Revision(0, FIRST_UTC)}


def test_a_staged_change_counts_as_uncommitted(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"a.md": "1\n"})
    write(repo / "a.md", "2, staged\n")
    git(repo, "add", "a.md")
    assert revisions(repo, [repo / "a.md"])[0] == {repo / "a.md": Revision(1, MTIME_UTC)}


def test_an_untracked_file_is_at_zero_and_its_mtime(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"old.md": "old\n"})
    new = write(repo / "sessions" / "new.md", "new\n")
    result, reason = revisions(repo, [new, repo / "old.md"])
    assert reason is None
    assert result == {new: Revision(0, MTIME_UTC), repo / "old.md": Revision(0, FIRST_UTC)}


def test_a_repository_without_commits_is_still_git(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    page = write(repo / "a.md", "a\n")
    assert revisions(repo, [page]) == ({page: Revision(0, MTIME_UTC)}, None)


def test_outside_a_repository_every_file_is_at_zero_and_its_mtime(tmp_path: Path) -> None:
    folder = tmp_path / "tarball"
    page = write(folder / "a.md", "a\n")
    result, reason = revisions(folder, [page])
    assert result == {page: Revision(0, MTIME_UTC)}
    assert reason == "not a git repository"


def test_outside_a_repository_source_date_epoch_wins_over_the_mtime(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    folder = tmp_path / "tarball"
    page = write(folder / "a.md", "a\n")
    result, reason = revisions(folder, [page])
    assert result == {page: Revision(0, dt.datetime(2020, 9, 13, 12, 26, 40, tzinfo=UTC))}
    assert reason is not None


@pytest.mark.parametrize(("failure", "expected"), [
    ("missing", "git is not installed"),
    ("timeout", f"git took longer than {history.TIMEOUT} s"),
])
def test_without_a_working_git_the_reason_is_given_and_nothing_raises(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str, expected: str) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"a.md": "1\n"})
    commit(repo, SECOND, {"a.md": "2\n"})
    os.utime(repo / "a.md", (MTIME, MTIME))
    if failure == "missing":
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    else:
        def slow(command: list[str], **kwargs: object) -> None:
            raise subprocess.TimeoutExpired(command, history.TIMEOUT)
        monkeypatch.setattr(history.subprocess, "run", slow)
    assert revisions(repo, [repo / "a.md"]) == ({repo / "a.md": Revision(0, MTIME_UTC)}, expected)


def test_names_with_spaces_and_umlauts(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    name = "Sitzung über Ränder.md"
    commit(repo, FIRST, {f"ü folder/{name}": "1\n", "plain.md": "p\n"})
    commit(repo, SECOND, {f"ü folder/{name}": "2\n"})
    changed = write(repo / "ü folder" / "geändert.md", "untracked\n")
    result, reason = revisions(repo, [repo / "ü folder" / name, changed, repo / "plain.md"])
    assert reason is None
    assert result == {repo / "ü folder" / name: Revision(1, SECOND_UTC), changed: Revision(0, MTIME_UTC),
                      repo / "plain.md": Revision(0, FIRST_UTC)}


def test_a_root_inside_a_bigger_repository(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"README.md": "1\n", "docs/a.md": "1\n", "docs/sessions/b.md": "1\n"})
    commit(repo, SECOND, {"README.md": "2\n", "docs/a.md": "2\n"})
    commit(repo, THIRD, {"README.md": "3\n", "a.md": "top-level file of the same name\n"})
    docs = repo / "docs"
    result, reason = revisions(docs, [docs / "a.md", docs / "sessions" / "b.md"])
    assert reason is None
    assert result == {docs / "a.md": Revision(1, SECOND_UTC), docs / "sessions" / "b.md": Revision(0, FIRST_UTC)}


def test_a_root_reached_through_a_symbolic_link(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"docs/a.md": "1\n"})
    commit(repo, SECOND, {"docs/a.md": "2\n"})
    link = tmp_path / "link"
    link.symlink_to(repo / "docs", target_is_directory=True)
    assert revisions(link, [link / "a.md"]) == ({link / "a.md": Revision(1, SECOND_UTC)}, None)


def test_many_files_take_one_log_call_and_only_the_files_asked_for(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_repo(tmp_path / "repo")
    names = [f"sessions/part {i % 3}/s{i:03}.md" for i in range(300)]
    commit(repo, FIRST, {name: "1\n" for name in names} | {"sessions/part 0/unasked.md": "u\n"})
    commit(repo, SECOND, {name: "2\n" for i, name in enumerate(names) if i % 3 == 0})
    commit(repo, THIRD, {name: "3\n" for i, name in enumerate(names) if i % 5 == 0})
    write(repo / names[7], "uncommitted\n")
    write(repo / "sessions" / "part 1" / "new.md", "untracked\n")
    asked = [repo / name for name in names] + [repo / "sessions" / "part 1" / "new.md"]

    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting(command: list[str], *args: object, **kwargs: object) -> object:
        calls.append(list(command))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    result, reason = revisions(repo, asked)

    assert reason is None
    assert sum("log" in call for call in calls) == 1
    assert len(calls) <= 3
    assert all(len(call) < 40 for call in calls), "the folders, not 300 files, are given to git"
    assert set(result) == set(asked)
    for i, name in enumerate(names):
        changes = (i % 3 == 0) + (i % 5 == 0)
        last = THIRD_UTC if i % 5 == 0 else SECOND_UTC if i % 3 == 0 else FIRST_UTC
        expected = Revision(changes + 1, MTIME_UTC) if i == 7 else Revision(changes, last)
        assert result[repo / name] == expected, name
    assert result[repo / "sessions" / "part 1" / "new.md"] == Revision(0, MTIME_UTC)


@pytest.mark.parametrize("many", [history.MANY, 0], ids=["files named", "folders named"])
def test_a_side_branch_counts_whether_files_or_folders_are_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: int) -> None:
    """The branch changes a.md and changes it back; without --full-history git would skip it
    for a.md alone but not for the folder, and the count would depend on the number of pages."""
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"a.md": "1\n", "b.md": "1\n", "c.md": "1\n"})
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, SECOND, {"a.md": "changed\n", "c.md": "2\n"})
    commit(repo, THIRD, {"a.md": "1\n"})
    git(repo, "checkout", "-q", "-")
    commit(repo, "2024-04-01T00:00:00+00:00", {"b.md": "2\n"})
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "side", date="2024-05-01T00:00:00+00:00")
    monkeypatch.setattr(history, "MANY", many)
    assert revisions(repo, [repo / "a.md"]) == ({repo / "a.md": Revision(2, THIRD_UTC)}, None)


def test_two_runs_on_one_commit_agree(tmp_path: Path) -> None:
    """Nothing comes from the clock: a fresh clone, with new file times, gives the same answer."""
    repo = new_repo(tmp_path / "repo")
    commit(repo, FIRST, {"a.md": "1\n", "b.md": "1\n"})
    commit(repo, SECOND, {"a.md": "2\n"})
    git(tmp_path, "clone", "-q", str(repo), "clone")
    clone = tmp_path / "clone"
    first, _ = revisions(repo, [repo / "a.md", repo / "b.md"])
    second, _ = revisions(clone, [clone / "a.md", clone / "b.md"])
    assert list(first.values()) == list(second.values()) == [Revision(1, SECOND_UTC), Revision(0, FIRST_UTC)]
