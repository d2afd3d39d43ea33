"""After a build stopped by Ctrl-C, the next build equals a clean one.

A real ``sphinx-build`` process gets SIGINT (what Ctrl-C sends) when its
log reaches a point of the build: while reading, while writing the pages,
while writing the search index, and while the extension writes its
feeds.  The next build, an ordinary incremental one, must give every
output a clean build gives.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import copy_site, settle, sphinx_build
from test_never_stale import outputs

TERM = "sessions/2030-31"
# Where the SIGINT is sent: the first log line that matches.
POINTS = {
    "reading": r"^reading sources\.\.\. \[\s*[3-9]\d%\]",
    "writing pages": r"^writing output\.\.\. \[\s*[3-9]\d%\]",
    "search index": r"^dumping search index",
    "feeds": r"^dumping object inventory",
}


def bigger_site(tmp_path: Path) -> Path:
    """The mini site with thirty more sessions, so that each phase of a build lasts a while."""
    site = copy_site("mini", tmp_path)
    term = site / TERM / "index.md"
    term.write_text(term.read_text(encoding="utf-8").replace("last_day: 2031-02-10", "last_day: 2031-08-31"), encoding="utf-8")
    first = dt.date(2031, 1, 6)  # Mondays of the term, after the mini site's own sessions
    for week in range(30):
        day = first + dt.timedelta(weeks=week)
        (site / TERM / f"{day}-talk-{week}.md").write_text(
            f"---\ntitle: Talk {week}\nspeaker: Speaker {week}\ndate: {day}\n---\n\n## Notes\n\n"
            f"The notes of talk {week}, citing {{cite:t}}`knuth1984texbook`.\n", encoding="utf-8")
    return site


def interrupted(site: Path, outdir: Path, point: str) -> str:
    """Run a build and send it SIGINT where its log matches ``point``; its log."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-N", "-d", str(outdir / ".doctrees"), str(site), str(outdir)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    log, sent = [], False
    for line in process.stdout:
        log.append(line)
        # Where Sphinx believes it is on a terminal (CI set), a progress line starts with an
        # escape sequence and several are joined by carriage returns (as sitebuild reads them).
        plain = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", line).split("\r")
        if not sent and any(re.search(POINTS[point], part) for part in plain):
            process.send_signal(signal.SIGINT)
            sent = True
    process.wait(timeout=120)
    assert sent, "".join(log)
    return "".join(log)


@pytest.mark.parametrize("point", list(POINTS))
def test_the_build_after_an_interrupted_one_equals_a_clean_build(point: str, tmp_path: Path) -> None:
    site = bigger_site(tmp_path)
    outdir = tmp_path / "html"
    assert sphinx_build(site, outdir).returncode == 0
    settle()
    page = site / TERM / "2031-01-13-talk-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Talk 1", "title: Talk one"), encoding="utf-8")
    with open(site / "refs.bib", "a", encoding="utf-8") as bib:  # and every page citing it is written again
        bib.write("\n")
    interrupted(site, outdir, point)
    after = sphinx_build(site, outdir)
    assert after.returncode == 0, after.warnings
    clean_dir = tmp_path / "clean"
    clean = sphinx_build(site, clean_dir)
    assert clean.returncode == 0, clean.warnings
    expected, found = outputs(clean_dir), outputs(outdir)
    assert set(expected) <= set(found), sorted(set(expected) - set(found))
    assert not sorted(name for name in expected if found[name] != expected[name])
    assert not [p for p in outdir.rglob(".*.partial")]
    shutil.rmtree(clean_dir)
