"""Terms from the command line, and calendars whose SEQUENCE and stamps come from git.

``seminar term new`` writes a term page that builds; ``seminar new`` finds
the term of a date and refuses a date no term covers.  Two clean builds of
one commit are byte-identical, calendars included, and a commit that
changes a session raises its event's SEQUENCE.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import icalendar
import pytest

from sitebuild import copy_site, git, schedule_rows, seminar, sphinx_build



# -- terms ---------------------------------------------------------------------------------------


def test_term_new_writes_a_term_page_that_builds_and_new_sessions_find_it(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    run = seminar(site, "term", "new", "--first-day", "2031-09-03", "--last-day", "2031-12-17")
    assert run.returncode == 0, run.stderr
    # Named from its days as `seminar init` names a term: within a calendar year, the year.
    page = site / "sessions/2031/index.md"
    assert run.stdout.startswith("wrote sessions/2031/index.md")
    text = page.read_text(encoding="utf-8")
    assert 'title: "Term 2031"' in text.splitlines()
    # What is not given is the latest term's: weekday, time, room, zone and organisers.
    for line in ("first_day: 2031-09-03", "last_day: 2031-12-17", "timezone: America/New_York",
                 "  weekday: Wednesday", '  start: "16:00"', '  room: "Hall B 204"'):
        assert line in text.splitlines(), text
    new = seminar(site, "new", "--date", "2031-09-10", "--speaker", "TBA", "--title", "TBA")
    assert new.returncode == 0, new.stderr
    slot = site / "sessions/2031/2031-09-10-tba.md"
    assert slot.is_file() and "## Notes" not in slot.read_text(encoding="utf-8")  # a slot needs no body
    assert seminar(site, "check").returncode == 0
    (site / "index.md").write_text((site / "index.md").read_text(encoding="utf-8").replace(
        "sessions/2031-spring/index", "sessions/2031-spring/index\nsessions/2031/index"), encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    rows = [" ".join(cells) for cells in schedule_rows(build.page("sessions/2031/index"))]
    assert rows == ["37 Wed, 10.09.2031 16:00–17:15 Hall B 204 To be announced To be announced"]


def test_term_new_refuses_dates_that_overlap_a_term(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    run = seminar(site, "term", "new", "--first-day", "2031-04-01", "--last-day", "2031-07-30")
    assert run.returncode == 2  # the dates asked for: a usage error (cli/status.py)
    assert "overlaps Spring 2031 (2031-01-15 to 2031-04-30, sessions/2031-spring/index.md)" in run.stderr
    bad = seminar(site, "term", "new", "--first-day", "2031-09-03", "--last-day", "2031-12-17", "--weekday", "Caturday")
    assert bad.returncode == 2 and "'Caturday' is not a day of the week (write it in English, for example Wednesday)" in bad.stderr


def test_new_refuses_a_date_no_term_covers_and_names_the_command_that_starts_one(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    run = seminar(site, "new", "--date", "2031-11-05", "--speaker", "Ada Lovelace", "--title", "Analytical Engines")
    assert run.returncode == 2
    assert "no term covers 2031-11-05 (terms: 2031-spring: 2031-01-15 to 2031-04-30)" in run.stderr
    assert "seminar term new --first-day YYYY-MM-DD --last-day YYYY-MM-DD" in run.stderr
    assert not list((site / "sessions").rglob("2031-11-05*"))


def test_new_writes_a_joint_talk_that_check_accepts(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    run = seminar(site, "new", "--date", "2031-03-05", "--speaker", "Ada Lovelace", "--affiliation", "Analytical Society",
                  "--speaker", "Charles Babbage", "--affiliation", "Trinity College", "--title", "Difference Engines")
    assert run.returncode == 0, run.stderr
    text = (site / "sessions/2031-spring/2031-03-05-difference-engines.md").read_text(encoding="utf-8")
    assert "speaker:\n  - name: 'Ada Lovelace'\n    affiliation: 'Analytical Society'\n  - name: 'Charles Babbage'" in text
    check = seminar(site, "check")
    assert "2031-03-05-difference-engines.md" in check.stdout and "section 'Notes' is empty" in check.stdout


def test_a_session_outside_its_terms_dates_fails_the_build_and_the_other_pages_build(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    page = site / "sessions/2031-spring/2031-05-07-late.md"
    page.write_text("---\ntitle: Late\nspeaker: Ada Lovelace\ndate: 2031-05-07\n---\n\nText.\n", encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert (f"{page}:4: WARNING: date: 2031-05-07 is outside Spring 2031 (2031-01-15 to 2031-04-30) (correct the date, "
            "or move the page to the folder of the term that covers it") in build.warnings
    assert (build.outdir / "sessions/2031-spring/2031-04-30-stability.html").is_file()


def site_with_term_edit(tmp_path: Path, old: str, new: str) -> tuple[Path, Path]:
    """The second site with ``old`` replaced by ``new`` in its term page; the site and the page."""
    site = copy_site("second", tmp_path)
    index = site / "sessions/2031-spring/index.md"
    text = index.read_text(encoding="utf-8")
    assert old in text
    index.write_text(text.replace(old, new), encoding="utf-8")
    return site, index


def test_a_term_whose_dates_disagree_is_refused_with_file_and_line(tmp_path: Path) -> None:
    site, _ = site_with_term_edit(tmp_path, "last_day: 2031-04-30", "last_day: 2030-04-30")
    run = seminar(site, "check")
    assert run.returncode == 1
    assert "sessions/2031-spring/index.md:5: last_day: 2030-04-30 is before the first day, 2031-01-15" in run.stdout


# -- calendars from the repository's history -------------------------------------------------------------------


def committed_site(tmp_path: Path) -> Path:
    site = copy_site("second", tmp_path)
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "The spring term")
    return site


def ics_event(outdir: Path, page: str) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical((outdir / "sessions/2031-spring" / f"{page}.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    return event


def test_two_clean_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    site = committed_site(tmp_path)
    first = sphinx_build(site, tmp_path / "one" / "html")
    second = sphinx_build(site, tmp_path / "two" / "html")
    assert first.returncode == second.returncode == 0, first.warnings
    files = sorted(str(p.relative_to(first.outdir)) for p in first.outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts)
    # 13 sessions, the schedule, the term and the two-part lecture; the feed, the data, the previews too.
    assert "schedule.ics" in files and len([f for f in files if f.endswith(".ics")]) == 16
    assert {"atom.xml", "schedule.json", "embed.html"} <= set(files) and any(f.endswith(".jpg") for f in files)
    _, mismatch, errors = filecmp.cmpfiles(first.outdir, second.outdir, files, shallow=False)
    assert (mismatch, errors) == ([], [])
    stamp = ics_event(first.outdir, "2031-01-15-persistence-barcodes")
    assert stamp.decoded("DTSTAMP") == stamp.decoded("LAST-MODIFIED")
    assert stamp.decoded("LAST-MODIFIED").isoformat() == "2031-01-10T12:00:00+00:00"
    assert stamp["SEQUENCE"] == 0


def test_a_commit_that_changes_a_session_raises_its_sequence(tmp_path: Path) -> None:
    site = committed_site(tmp_path)
    page = site / "sessions/2031-spring/2031-02-19-zigzag-persistence.md"
    page.write_text(page.read_text(encoding="utf-8").replace("reason: The speaker is ill.", "reason: The speaker is ill; the talk is planned for the autumn."),
                    encoding="utf-8")
    git(site, "commit", "-q", "-am", "Reason of the cancellation", when="2031-02-17T09:30:00+00:00")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    changed = ics_event(build.outdir, "2031-02-19-zigzag-persistence")
    assert changed["SEQUENCE"] == 1
    assert changed.decoded("LAST-MODIFIED").isoformat() == "2031-02-17T09:30:00+00:00"
    assert changed.decoded("DTSTAMP") == changed.decoded("LAST-MODIFIED")
    unchanged = ics_event(build.outdir, "2031-01-15-persistence-barcodes")
    assert unchanged["SEQUENCE"] == 0


def test_without_git_the_stamps_come_from_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924000000")  # 2030-12-20 12:26:40 UTC
    site = copy_site("second", tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    event = ics_event(build.outdir, "2031-01-15-persistence-barcodes")
    assert event.decoded("DTSTAMP").isoformat() == "2030-12-20T12:26:40+00:00"
    assert event["SEQUENCE"] == 0


def test_a_term_page_with_a_mistake_is_reported_once_not_by_each_session(tmp_path: Path) -> None:
    site, index = site_with_term_edit(tmp_path, "first_day: 2031-01-15\n", "")
    run = seminar(site, "check")
    assert run.returncode == 1
    assert run.stdout.splitlines() == ["sessions/2031-spring/index.md:1: first_day: required field is missing "
                                       "(add a line 'first_day: ...' to the front-matter)"]
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert [line for line in build.warning_lines() if "WARNING" in line] == [
        f"{index}:1: WARNING: first_day: required field is missing (add a line 'first_day: ...' to the front-matter) [seminar.front-matter]"]
    # The sessions keep the term's defaults: the schedule still shows them.
    assert (build.outdir / "sessions/2031-spring/2031-04-30-stability.html").is_file()
