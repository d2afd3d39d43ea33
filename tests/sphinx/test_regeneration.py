"""The files beside the pages change when, and only when, something they show changed.

The unit fixture's site (``tests/unit/fixture_site.py``) in a git
repository, built once, then changed one input at a time: a page's
history alone, a page's body, a session's front-matter, a setting the
files show and one they do not, the ``.bib``, the day.  After each
incremental build, the files of the registry (``formats.registry``) whose
bytes changed are exactly those that show the input, and no other file was
written again (its time is unchanged).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from sitebuild import settle, sphinx_build
from unit.fixture_site import write_site

SPRING, AUTUMN = "sessions/2031-spring", "sessions/2031-autumn"
MORSE_1, MORSE_2 = f"{AUTUMN}/2031-10-27-morse-1", f"{AUTUMN}/2031-11-03-morse-2"
SLOT = f"{SPRING}/2031-02-24-tba-speaker"
# Every calendar that holds an autumn session.
AUTUMN_CALENDARS = {"schedule.ics", "schedule-2031-autumn.ics"}


def _git(site: Path, *args: str, date: str = "2031-01-01T00:00:00Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Organiser", "GIT_AUTHOR_EMAIL": "o@example.org", "GIT_COMMITTER_NAME": "Organiser",
           "GIT_COMMITTER_EMAIL": "o@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": "/dev/null"}
    subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True)


def _files(outdir: Path) -> dict[str, tuple[bytes, int]]:
    """The registry's files: the site's own at the top, and each session page's calendar and preview."""
    names = [p for p in outdir.glob("*") if p.suffix in (".ics", ".json") or p.name in ("atom.xml", "embed.html")]
    names += [*(outdir / "sessions").rglob("*.ics"), *(outdir / "_previews").rglob("*.jpg")]
    return {str(p.relative_to(outdir)): (p.read_bytes(), p.stat().st_mtime_ns) for p in names}


def _edit(path: Path, old: str, new: str) -> None:
    settle()
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _previews(*docnames: str) -> set[str]:
    return {f"_previews/{d}.jpg" for d in docnames}


def _berlin_previews(site: Path) -> set[str]:
    """The previews of the sessions in Berlin: all but the one in New York, whose label names its own zone."""
    return _previews(*(str(p.relative_to(site).with_suffix("")) for p in (site / "sessions").glob("*/2031-*.md")
                       if "new-york" not in p.name))


# (what changes, how, the options of the build after it, the files that must change)
CASES: list[tuple[str, Callable[[Path], None], tuple[str, ...], Callable[[Path], set[str]]]] = [
    ("nothing", lambda site: None, (), lambda site: set()),
    # The second commit, which changed only the second Morse lecture, given another date: its stamps, nothing else.
    ("a page's history alone", lambda site: _git(site, "commit", "--amend", "--no-edit", "--quiet", date="2031-01-05T12:00:00Z"),
     (), lambda site: AUTUMN_CALENDARS | {"series-morse.ics", f"{MORSE_2}.ics", "atom.xml"}),
    # An uncommitted change to a page's body: its SEQUENCE and stamps (the history), not its data.
    ("a page's body", lambda site: _edit(site / f"{MORSE_1}.md", "shows.", "shows, in chapter 1."),
     (), lambda site: AUTUMN_CALENDARS | {"series-morse.ics", f"{MORSE_1}.ics", "atom.xml"}),
    # A spring session's title: the spring files and the site's, never the autumn term's.
    ("a session's title", lambda site: _edit(site / f"{SLOT}.md", "title: Spectral Graph Theory", "title: Spectral Graphs"),
     (), lambda site: {"schedule.ics", "schedule-2031-spring.ics", "schedule.json", "schedule-2031-spring.json", "atom.xml",
                       "embed.html", f"{SLOT}.ics"} | _previews(SLOT)),
    # The zones' names are in the feed's, the embed's and the previews' times, not in the calendars or the data.
    ("a setting the files show", lambda site: None, ("-D", "seminar_timezone_names.Europe/Berlin=Leipzig"),
     lambda site: {"atom.xml", "embed.html"} | _berlin_previews(site)),
    ("a setting they do not show", lambda site: None, ("-D", "seminar_timezone_names.Europe/Berlin=Leipzig",
                                                       "-D", "seminar_collapse_navigation=0"), lambda site: set()),
    ("the .bib", lambda site: _edit(site / "refs.bib", "year = {1963}", "year = {1969}"),
     ("-D", "seminar_timezone_names.Europe/Berlin=Leipzig", "-D", "seminar_collapse_navigation=0"), lambda site: set()),
    # The next day: without JavaScript the embed no longer shows the meeting of the 20th (it keeps it, hidden);
    # nothing else shows the day.
    ("the day", lambda site: None, ("-D", "seminar_timezone_names.Europe/Berlin=Leipzig", "-D", "seminar_collapse_navigation=0",
                                    "-D", "seminar_today=2031-01-21"), lambda site: {"embed.html"}),
]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[set[str], set[str], set[str]]]:
    """Each case in turn on one site: (files that changed, files written again, files expected to change)."""
    site = write_site(tmp_path_factory.mktemp("regeneration") / "src")
    _git(site, "init", "--quiet")
    _git(site, "add", "-A")
    _git(site, "commit", "--quiet", "-m", "The site")
    _edit(site / f"{MORSE_2}.md", "series: morse", "series: morse\nnote: Part two.")
    _git(site, "commit", "--quiet", "-am", "A note", date="2031-01-02T00:00:00Z")
    outdir = site.parent / "html"
    base = ("-D", "seminar_today=2031-01-20")
    build = sphinx_build(site, outdir, *base)
    assert build.returncode == 0, build.warnings
    before, found = _files(outdir), {}
    for name, change, options, expected in CASES:
        settle()
        change(site)
        build = sphinx_build(site, outdir, *base, *options)
        assert build.returncode == 0, (name, build.warnings)
        after = _files(outdir)
        assert set(after) == set(before), name
        changed = {f for f in after if after[f][0] != before[f][0]}
        written = {f for f in after if after[f][1] != before[f][1]}
        found[name] = (changed, written, expected(site))
        before = after
    return found


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_a_file_changes_exactly_when_what_it_shows_changed(steps, case: str) -> None:
    changed, _, expected = steps[case]
    assert sorted(changed) == sorted(expected)


@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_a_file_whose_bytes_are_the_same_is_not_written_again(steps, case: str) -> None:
    changed, written, _ = steps[case]
    assert sorted(written) == sorted(changed)
