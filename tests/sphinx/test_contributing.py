"""A speaker's path: seminar new, make live, seminar check; and the files of the ecosystem."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT, copy_site, run_seminar, settle, sphinx_build


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_seminar(*args, cwd=cwd)


def test_seminar_new_writes_a_page_that_checks_once_written_and_builds(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    made = run("new", "--date", "2030-12-09", "--speaker", "Łukasz Gröbner", "--title", "Bases: a 'tour' (I)", "--series", "bases", cwd=site)
    assert made.returncode == 0, made.stderr
    page = site / "sessions/2030-31/2030-12-09-bases-a-tour-i.md"
    assert made.stdout.startswith("wrote sessions/2030-31/2030-12-09-bases-a-tour-i.md")
    text = page.read_text(encoding="utf-8")
    # Complete front-matter with the term's defaults filled in.
    for line in ("title: 'Bases: a ''tour'' (I)'", "speaker: 'Łukasz Gröbner'", "date: 2030-12-09",
                 'start: "15:00"', 'end: "16:30"', "room: 'Room 1'", "series: bases"):
        assert line in text.splitlines()
    # Until the speaker writes the notes, the check says so.
    check = run("check", cwd=site)
    assert check.returncode == 1
    assert "sessions/2030-31/2030-12-09-bases-a-tour-i.md:20: section 'Notes' is empty" in check.stdout
    page.write_text(text + "The notes.\n", encoding="utf-8")
    assert run("check", cwd=site).returncode == 0
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    assert build.page("sessions/2030-31/2030-12-09-bases-a-tour-i").find("h1").get_text().startswith("Bases: a 'tour' (I)")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2030-11-25", "2030-11-25 clashes with 'Beta' (sessions/2030-31/2030-11-25-beta.md)"),
        ("2030-11-20", "week 47 of 2030 has no meeting (2030-11-18 in sessions/2030-31/index.md)"),
        ("25.11.2030", "--date: '25.11.2030' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_seminar_new_refuses_a_clashing_or_bad_date(tmp_path: Path, date: str, message: str) -> None:
    site = copy_site("mini", tmp_path)
    made = run("new", "--date", date, "--speaker", "A", "--title", "B", cwd=site)
    assert made.returncode != 0 and message in made.stderr
    assert sorted(p.name for p in (site / "sessions/2030-31").iterdir()) == sorted(
        p.name for p in (Path(__file__).resolve().parents[1] / "sites/mini/sessions/2030-31").iterdir()
    )


def test_seminar_check_reports_only_the_files_it_is_given(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    beta = site / "sessions/2030-31/2030-11-25-beta.md"
    beta.write_text(beta.read_text().replace("date: 2030-11-25", "date: 2030-13-25"), encoding="utf-8")
    assert run("check", "sessions/2030-31/2030-11-04-alpha-1.md", cwd=site).returncode == 0
    flagged = run("check", "sessions/2030-31/2030-11-25-beta.md", cwd=site)
    assert flagged.returncode == 1 and "2030-11-25-beta.md:4: date:" in flagged.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    """The page, or None while the server is not up or is serving a file being rewritten."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        return None


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_make_live_serves_the_site_and_rebuilds_on_save(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        ["make", "-s", "live", f"SOURCEDIR={site}", f"BUILDDIR={tmp_path / '_build'}", f"PORT={port}"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/sessions/2030-31/2030-11-25-beta.html"
    try:
        assert _wait_for(lambda: "Beta" in (_get(url) or ""), 60), "make live did not serve the page"
        settle()
        page = site / "sessions/2030-31/2030-11-25-beta.md"
        page.write_text(page.read_text().replace("title: Beta", "title: Beta Revised"), encoding="utf-8")
        assert _wait_for(lambda: "Beta Revised" in (_get(url) or ""), 60), "the page was not rebuilt"
        index = f"http://127.0.0.1:{port}/index.html"
        assert _wait_for(lambda: "Beta Revised" in (_get(index) or ""), 60), "the schedule did not follow"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


# Ecosystem files: each is parsed, and checked by a schema where one exists offline.

def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    tool = str(Path(sys.executable).with_name("check-jsonschema"))
    return subprocess.run([tool, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True)


def test_github_workflows_are_valid_and_do_what_the_pull_request_needs() -> None:
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    result = check_jsonschema("vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout + result.stderr
    pull = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    assert "pull_request" in pull[True]  # YAML 1.1 reads the key 'on' as True
    steps = " ".join(step.get("run", "") + step.get("uses", "") for step in pull["jobs"]["check-build-test"]["steps"])
    for piece in ("scripts/install-tex.sh", "seminar check", "make html", "make latexpdf handouts", "-W --keep-going",
                  "make test", "actions/upload-artifact"):
        assert piece in steps
    pages = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    assert pages[True]["push"]["branches"] == ["main"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in pages["jobs"]["deploy"]["steps"])


def test_readthedocs_config_is_valid_and_builds_html_and_pdf() -> None:
    result = check_jsonschema("vendor.readthedocs", ROOT / ".readthedocs.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert config["sphinx"]["configuration"] == "conf.py" and config["sphinx"]["fail_on_warning"] is True
    assert config["formats"] == ["pdf"]


def test_pre_commit_config_is_valid_and_runs_seminar_check_on_session_pages() -> None:
    tool = str(Path(sys.executable).with_name("pre-commit"))
    result = subprocess.run([tool, "validate-config", ".pre-commit-config.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"][0]
    assert hook["entry"] == "seminar check"
    import re

    assert re.match(hook["files"], "sessions/2024-25/2024-11-04-graph-topological-nn-1.md")
    assert not re.match(hook["files"], "docs/errata.md")


def test_pull_request_template_has_the_speakers_checklist() -> None:
    template = (ROOT / ".github/pull_request_template.md").read_text()
    assert template.count("- [ ]") >= 5 and "seminar check" in template and "make live" in template
