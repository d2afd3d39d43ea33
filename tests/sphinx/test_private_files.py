"""Nothing private reaches the site, by one rule, whatever way a page brings a file in.

A secret is placed in ``.git/config``, ``.env`` and a virtual environment's
folder, and a session page names each of them, directly and through a
symbolic link beside the page, in every way a page can bring a file in.
The build and ``seminar check`` report each with its file and line, the
other sessions still build, and no file the build wrote holds a secret.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT, copy_site, schedule_rows, seminar, sphinx_build

TERM = "sessions/2030-31"
PAGE = f"{TERM}/2030-12-09-leaks.md"
SECRETS = {
    ".git/config": "SECRET-GIT-7f3a9c21",
    ".env": "SECRET-ENV-5b2e4d77",
    ".venv/lib/python3.11/site-packages/token.txt": "SECRET-VENV-91c0aa13",
}
# Each secret named from the session's folder directly, and through a link beside the page.
PATHS = {
    "../../.git/config": "is in a hidden file or folder ('.git')",
    "git.txt": "is in a hidden file or folder ('.git') (through a symbolic link)",
    "../../.env": "is in a hidden file or folder ('.env')",
    "env.txt": "is in a hidden file or folder ('.env') (through a symbolic link)",
    "../../.venv/lib/python3.11/site-packages/token.txt": "is in a hidden file or folder ('.venv')",
    "venv.txt": "is in a hidden file or folder ('.venv') (through a symbolic link)",
    "../../tools/lib/token.txt": "is in a virtual environment ('tools')",
}
LINKS = {"git.txt": "../../.git/config", "env.txt": "../../.env", "venv.txt": "../../.venv/lib/python3.11/site-packages/token.txt"}
# Every way a page brings a file in: the Markdown, and the name the warning gives.
WAYS = {
    "include": ("```{{include}} {path}\n```", "include"),
    "literalinclude": ("```{{literalinclude}} {path}\n```", "literalinclude"),
    "csv-table": ("```{{csv-table}} Table\n:file: {path}\n```", "csv-table"),
    "raw": ("```{{raw}} html\n:file: {path}\n```", "raw"),
    "image": ("![A picture]({path})", "image"),
    "figure": ("```{{figure}} {path}\nA caption.\n```", "figure"),
    "download": ("Get {{download}}`the file <{path}>`.", "download"),
    "Markdown link": ("A [link to the file]({path}), which MyST makes a download.", "download"),
    "eval-rst literalinclude": ("```{{eval-rst}}\n.. literalinclude:: {path}\n```", "literalinclude"),
    "eval-rst include": ("```{{eval-rst}}\n.. include:: {path}\n```", "include"),
    "eval-rst csv-table": ("```{{eval-rst}}\n.. csv-table:: Table\n   :file: {path}\n```", "csv-table"),
}
OUTSIDE = "SECRET-OUTSIDE-33de10f2"


def leaky_site(tmp_path: Path) -> tuple[Path, list[tuple[int, str, str]]]:
    """The mini site with the secrets, and (line, directive, path) of each way the page names one."""
    site = copy_site("mini", tmp_path)
    for name, secret in SECRETS.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"token = {secret}\n", encoding="utf-8")
    (site / ".venv/pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    # A virtual environment by another name: known by its pyvenv.cfg.
    (site / "tools/lib").mkdir(parents=True)
    (site / "tools/pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (site / "tools/lib/token.txt").write_text(f"token = {SECRETS['.env']}\n", encoding="utf-8")
    for link, target in LINKS.items():
        (site / TERM / link).symlink_to(target)
    lines = ["---", "title: Leaks", "speaker: Emmy Noether", "date: 2030-12-09",
             "materials:", "  slides: git.txt", "  notes: ../../.env", "---", "", "## Notes", ""]
    expected = []
    for template, directive in WAYS.values():
        for path in PATHS:
            block = template.format(path=path).split("\n")
            offset = 1 if block[0].startswith("```{eval-rst}") else 0
            expected.append((len(lines) + 1 + offset, directive, path))
            lines += block + [""]
    lines += ["The notes go on after every refused file.", ""]
    (site / PAGE).write_text("\n".join(lines), encoding="utf-8")
    return site, expected


def pages_out_of_bounds(site: Path, tmp_path: Path) -> None:
    """Pages the rule refuses: links out of the tree and into hidden folders, a FIFO, an odd name."""
    outside = tmp_path / "elsewhere"
    (outside / "notes").mkdir(parents=True)
    (outside / "notes/private.md").write_text(f"# Private\n\n{OUTSIDE}\n", encoding="utf-8")
    (outside / "page.md").write_text(f"# Page\n\n{OUTSIDE}\n", encoding="utf-8")
    (site / "docs").mkdir()
    (site / "docs/elsewhere.md").symlink_to(outside / "page.md")
    (site / "docs/env.md").symlink_to("../.env")
    (site / "docs/notes").symlink_to(outside / "notes")
    os.mkfifo(site / TERM / "2030-12-23-fifo.md")
    (site / TERM / "2030-12-16-new\nline.md").write_text("---\ntitle: Odd\nspeaker: A\ndate: 2030-12-16\n---\n\nText.\n", encoding="utf-8")


PAGE_PROBLEMS = [
    ("docs/elsewhere.md:1", "page leads outside the site's source folder (through a symbolic link): it is left out of the site"),
    ("docs/env.md:1", "page is in a hidden file or folder ('.env') (through a symbolic link): it is left out of the site"),
    ("docs/notes", "folder leads outside the site's source folder (through a symbolic link): it is left out of the site"),
    (f"{TERM}/2030-12-23-fifo.md:1", "page is not a regular file (a FIFO): it is left out of the site"),
    (f"{TERM}/2030-12-16-new\\nline.md:1", "page has a control character (U+000A) in its name: it is left out of the site"),
]


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("leaky")
    site, expected = leaky_site(tmp_path)
    pages_out_of_bounds(site, tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    return site, expected, build


def test_every_way_of_bringing_in_a_private_file_is_a_warning_with_file_and_line(leaky) -> None:
    site, expected, build = leaky
    assert build.returncode != 0  # -W
    assert "Traceback" not in build.warnings + build.stderr
    missing = [(line, directive, path) for line, directive, path in expected
               if f"{site / PAGE}:{line}: WARNING: {directive}: '{path}' {PATHS[path]}: it is not read into the site"
               not in build.warnings]
    assert not missing, build.warnings
    for kind, path in (("slides", "git.txt"), ("notes", "../../.env")):
        assert f"{site / PAGE}:5: WARNING: materials.{kind}: '{path}' {PATHS[path]}" in build.warnings


def test_pages_and_folders_out_of_bounds_are_warnings_and_left_out(leaky) -> None:
    site, _, build = leaky
    for where, message in PAGE_PROBLEMS:
        # A page is named at its first line; a folder has no line (Sphinx would read it as a page's name).
        shown = f"{site / where}: WARNING: {message}" if where.endswith(":1") else f"WARNING: {site / where}: {message}"
        assert shown in build.warnings, build.warnings
    assert not (build.outdir / "docs/elsewhere.html").exists()
    assert not (build.outdir / "docs/notes/private.html").exists()


def test_no_output_file_holds_a_secret_and_the_other_sessions_build(leaky) -> None:
    site, _, build = leaky
    secrets = [secret.encode() for secret in (*SECRETS.values(), OUTSIDE)]
    leaked = [(str(path.relative_to(build.outdir)), secret) for path in build.outdir.rglob("*") if path.is_file()
              for secret in secrets if secret in path.read_bytes()]
    assert not leaked
    assert not (build.outdir / "_downloads").exists()
    topics = [row[-1] for row in schedule_rows(build.page("index"))]
    assert {"Alpha I", "Alpha II", "Beta", "Leaks"} <= set(topics)
    assert "The notes go on after every refused file." in build.page(PAGE[:-3]).get_text()


def test_seminar_check_reports_the_same_files_and_pages(leaky) -> None:
    site, expected, _ = leaky
    run = seminar(site, "check")
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    for line, directive, path in expected:
        assert f"{PAGE}:{line}: {directive}: '{path}' {PATHS[path]}: it is not read into the site" in run.stdout, run.stdout
    for where, message in PAGE_PROBLEMS:
        assert f"{where}: {message}" in run.stdout, run.stdout


def test_a_file_that_may_be_read_still_is(tmp_path: Path) -> None:
    """The rule refuses what it must, not more: files of the site, also through a link inside it."""
    site = copy_site("mini", tmp_path)
    (site / TERM / "table.csv").write_text("a,b\nfirst-cell,second-cell\n", encoding="utf-8")
    (site / TERM / "linked.csv").symlink_to("table.csv")
    (site / TERM / "code.py").write_text("print('included-code')\n", encoding="utf-8")
    page = ("---\ntitle: Gamma\nspeaker: Emmy Noether\ndate: 2030-12-09\n---\n\n## Notes\n\n"
            "```{literalinclude} code.py\n```\n\n```{csv-table} T\n:file: linked.csv\n```\n\n"
            "Get {download}`the table </sessions/2030-31/table.csv>`.\n")
    (site / PAGE).write_text(page, encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    text = build.page(PAGE[:-3]).get_text()
    assert "included-code" in text and "second-cell" in text
    assert list((build.outdir / "_downloads").rglob("table.csv"))


def test_a_fifo_named_in_a_page_is_never_opened(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    os.mkfifo(site / TERM / "pipe.txt")
    (site / PAGE).write_text("---\ntitle: Gamma\nspeaker: Emmy Noether\ndate: 2030-12-09\n---\n\n## Notes\n\n"
                             "```{literalinclude} pipe.txt\n```\n", encoding="utf-8")
    run = subprocess.run([str(Path(sys.executable).with_name("sphinx-build")), "-b", "html", "-N", "-W", "-q",
                          str(site), str(tmp_path / "html")], capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert f"{PAGE}:9: WARNING: literalinclude: 'pipe.txt' is not a regular file (a FIFO)" in run.stderr.replace(str(site) + "/", "")
    check = seminar(site, "check")
    assert f"{PAGE}:9: literalinclude: 'pipe.txt' is not a regular file (a FIFO)" in check.stdout


def test_the_pull_request_workflow_publishes_the_site_only_from_a_successful_build() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check-build-test"]["steps"]
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False  # no token in .git/config
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact")]
    site_uploads = [step for step in uploads if "_build/html" in step["with"]["path"]]
    assert site_uploads and all(step.get("if", "success()") == "success()" for step in site_uploads)
