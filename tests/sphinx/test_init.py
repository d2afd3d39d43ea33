"""``seminar init``: what it refuses, and the site it writes with its defaults."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sitebuild import run_seminar, sphinx_build

def seminar(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_seminar(*args, cwd=cwd)


def test_it_refuses_a_folder_with_a_site_and_an_unknown_time_zone(tmp_path: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old/conf.py").write_text("project = 'Old'\n", encoding="utf-8")
    run = seminar("init", str(tmp_path / "old"))
    assert run.returncode == 2 and f"seminar init: {tmp_path / 'old/conf.py'} exists already" in run.stderr
    assert (tmp_path / "old/conf.py").read_text(encoding="utf-8") == "project = 'Old'\n"
    for zone in ("Mars/Olympus", "America", "Europe/../Europe/Berlin", "A" * 10_000):  # a folder, a path, a long value
        run = seminar("init", str(tmp_path / "new"), "--timezone", zone)
        assert run.returncode == 2 and f"--timezone: unknown time zone '{zone[:57]}" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
        assert not (tmp_path / "new").exists()
    run = seminar("init", str(tmp_path / "new"), "--start", "4pm")
    assert run.returncode == 2 and "'4pm' is not a time in the form HH:MM" in run.stderr


def test_with_its_defaults_the_site_builds_and_checks_clean(tmp_path: Path) -> None:
    site = tmp_path / "site"
    run = seminar("init", str(site), "--first-year", "2030")
    assert run.returncode == 0, run.stderr
    assert "note: calendar UIDs end in a made-up '.invalid' domain" in run.stdout
    term = (site / "sessions/2030-31/index.md").read_text(encoding="utf-8")
    assert 'title: "Term 2030/31"\ntimezone: UTC\n' in term and 'start: "14:00"' in term and 'room: "Seminar room"' in term
    # The academic year, unless the term's days are given; a landing page of the current term and an Archive.
    assert "first_day: 2030-09-01\nlast_day: 2031-08-31\n" in term
    assert ":term: current" in (site / "index.md").read_text(encoding="utf-8") and (site / "archive.md").is_file()
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    assert "Research Seminar" in build.page("index").title.get_text()
    check = seminar("check", cwd=site)
    assert check.returncode == 0 and "checked 0 sessions in 1 term(s)" in check.stdout


def test_the_first_terms_days_and_weekday_can_be_given(tmp_path: Path) -> None:
    site = tmp_path / "site"
    run = seminar("init", str(site), "--first-year", "2031", "--first-day", "2031-10-15", "--last-day", "2032-02-11",
                  "--weekday", "wed", "--timezone", "America/New_York")
    assert run.returncode == 0, run.stderr
    term = (site / "sessions/2031-32/index.md").read_text(encoding="utf-8")
    assert "first_day: 2031-10-15\nlast_day: 2032-02-11\n" in term and "  weekday: Wednesday\n" in term
    new = seminar("new", "--date", "2031-10-15", "--speaker", "TBA", "--title", "TBA", cwd=site)
    assert new.returncode == 0, new.stderr
    assert seminar("check", cwd=site).returncode == 0
    bad = seminar("init", str(tmp_path / "other"), "--weekday", "Moonday")
    assert bad.returncode == 2 and "'Moonday' is not a day of the week" in bad.stderr


def test_the_first_term_is_named_from_its_days_unless_its_id_and_title_are_given(tmp_path: Path) -> None:
    run = seminar("init", str(tmp_path / "calendar-year"), "--first-day", "2019-01-01", "--last-day", "2019-12-31")
    assert run.returncode == 0, run.stderr
    term = (tmp_path / "calendar-year/sessions/2019/index.md").read_text(encoding="utf-8")
    assert 'title: "Term 2019"\n' in term and "first_day: 2019-01-01\nlast_day: 2019-12-31\n" in term
    assert "in sessions/2019/)" in run.stdout
    assert [p.name for p in (tmp_path / "calendar-year/sessions").iterdir()] == ["2019"]
    across = seminar("init", str(tmp_path / "across"), "--first-day", "2019-10-01", "--last-day", "2020-02-28")
    assert across.returncode == 0, across.stderr
    assert 'title: "Term 2019/20"\n' in (tmp_path / "across/sessions/2019-20/index.md").read_text(encoding="utf-8")
    named = seminar("init", str(tmp_path / "named"), "--first-day", "2019-01-01", "--last-day", "2019-12-31",
                    "--term-id", "y2019", "--term-title", "Academic Year 2019")
    assert named.returncode == 0, named.stderr
    term = (tmp_path / "named/sessions/y2019/index.md").read_text(encoding="utf-8")
    assert 'title: "Academic Year 2019"\n' in term and "first_day: 2019-01-01\n" in term
    assert seminar("check", cwd=tmp_path / "named").returncode == 0
    bad = seminar("init", str(tmp_path / "bad"), "--first-day", "2019-12-31", "--last-day", "2019-01-01")
    assert bad.returncode == 2 and "last day, 2019-01-01, is before its first day, 2019-12-31" in bad.stderr
    assert not (tmp_path / "bad").exists()
    bad = seminar("init", str(tmp_path / "bad"), "--term-id", "../x")
    assert bad.returncode == 2 and "'../x' is not one folder name" in bad.stderr
