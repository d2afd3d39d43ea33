"""Every ``seminar`` command's exit status: 0 done, 1 problems in the site's files, 2 the command used
wrongly; the same in each command, and each --help says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import copy_site, run_seminar, seminar

COMMANDS = [[], ["check"], ["new"], ["term"], ["term", "new"], ["init"], ["schemas"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "seminar")
def test_every_help_says_what_the_exit_status_means(command: list[str]) -> None:
    shown = run_seminar(*command, "--help")
    assert shown.returncode == 0
    text = " ".join(shown.stdout.split())
    assert "exit status: 0 when done; 1 when the site's files have problems" in text
    assert "2 when the command is used wrongly" in text


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    return copy_site("mini", tmp_path / "site")


@pytest.mark.parametrize("arguments", [
    ["check", "--no-such-option"],
    ["new", "--date", "2030-11-18"],  # no --speaker, no --title
    ["new", "--date", "18.11.20300", "--speaker", "A", "--title", "T"],
    ["new", "--date", "2041-01-01", "--speaker", "A", "--title", "T"],  # no term covers it
    ["new", "--date", "2030-11-04", "--speaker", "A", "--title", "T"],  # Alpha I is on that day
    ["term", "new", "--first-day", "2031-03-01", "--last-day", "2031-02-01"],
    ["term", "new", "--first-day", "2030-12-01", "--last-day", "2031-06-30"],  # overlaps 2030-31
    ["term", "new", "--first-day", "2041-01-01", "--last-day", "2041-06-30", "--id", "2030-31"],  # that folder is a term
    ["init", "."],  # a site already
    ["init", "elsewhere", "--first-day", "2031-02-01", "--last-day", "2031-01-01"],
], ids=lambda a: " ".join(a))
def test_a_command_used_wrongly_exits_2_and_says_why(site: Path, arguments: list[str]) -> None:
    result = seminar(site, *arguments)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip() and "Traceback" not in result.stderr


def test_problems_in_the_pages_exit_1(site: Path) -> None:
    page = site / "sessions" / "2030-31" / "2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8").replace("date: 2030-11-25", "date: 2030-11-31"), encoding="utf-8")
    result = seminar(site, "check")
    assert result.returncode == 1 and "2030-11-25-beta.md" in result.stdout


def test_a_file_the_command_may_not_write_exits_1(site: Path) -> None:
    reference = site / "docs" / "reference" / "term-fields.markdown"
    reference.parent.mkdir(parents=True)
    reference.write_text("# Our own notes on the fields\n", encoding="utf-8")
    result = seminar(site, "schemas")
    assert result.returncode == 1 and "kept docs/reference/term-fields.markdown" in result.stderr
    assert reference.read_text(encoding="utf-8") == "# Our own notes on the fields\n"


def test_done_exits_0(site: Path) -> None:
    assert seminar(site, "check").returncode == 0
    assert seminar(site, "new", "--date", "2030-12-09", "--speaker", "A", "--title", "T").returncode == 0
