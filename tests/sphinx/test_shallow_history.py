"""Calendars from full history: the workflows fetch it, and a build on a shallow clone says so."""

from __future__ import annotations

import subprocess
from pathlib import Path

import icalendar
import pytest
import yaml

from sitebuild import ROOT, copy_site, git, sphinx_build

WORKFLOWS = [*sorted((ROOT / ".github/workflows").glob("*.yml")), ROOT / "ext/sphinx_seminar/cli/templates/site/github-build.yml"]
SHALLOW = "WARNING: the git history is shallow (a clone with --depth, as CI checkouts make by default)"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_workflow_checks_out_the_whole_history_without_keeping_the_token(workflow: Path) -> None:
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
    checkouts = [step for job in jobs for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["fetch-depth"] == 0
        assert step["with"]["persist-credentials"] is False


def history(tmp_path: Path) -> Path:
    """The mini site with two commits, the second changing Beta."""
    site = copy_site("mini", tmp_path / "origin")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "first")
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Beta", "title: Beta, revised"), encoding="utf-8")
    git(site, "commit", "-q", "-am", "second", when="2031-01-11T12:00:00+00:00")
    return site


def sequence(build, page: str) -> int:
    (event,) = icalendar.Calendar.from_ical((build.outdir / f"sessions/2030-31/{page}.ics").read_bytes()).walk("VEVENT")
    return int(event["SEQUENCE"])


def test_a_build_on_a_shallow_clone_warns_that_the_sequence_is_wrong(tmp_path: Path) -> None:
    origin = history(tmp_path)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow)], check=True, capture_output=True)
    build = sphinx_build(shallow, tmp_path / "shallow-html")
    assert build.returncode != 0  # -W
    assert f"{SHALLOW}: the calendars' SEQUENCE and LAST-MODIFIED count only the commits it holds" in build.warnings
    assert "git fetch --unshallow, or in GitHub Actions actions/checkout with fetch-depth: 0" in build.warnings
    assert sequence(build, "2030-11-25-beta") == 0  # what the warning is about

    full = tmp_path / "full"
    subprocess.run(["git", "clone", "-q", f"file://{origin}", str(full)], check=True, capture_output=True)
    build = sphinx_build(full, tmp_path / "full-html")
    assert build.returncode == 0, build.warnings
    assert "shallow" not in build.warnings
    assert sequence(build, "2030-11-25-beta") == 1
