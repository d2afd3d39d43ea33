"""Run real Sphinx builds for the tests and read what they produced."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parents[1]
SITES = Path(__file__).resolve().parent / "sites"


@dataclass
class Build:
    """The outcome of one ``sphinx-build`` run."""

    returncode: int
    warnings: str
    stderr: str
    outdir: Path
    log: str

    def page(self, docname: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")

    def warning_lines(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line.strip()]

    def written(self) -> list[str]:
        """Docnames that Sphinx wrote in this run (from its own output)."""
        return _docnames(self.log, "writing output")

    def read(self) -> list[str]:
        return _docnames(self.log, "reading sources")


def _docnames(log: str, phase: str) -> list[str]:
    # Sphinx prints "reading sources... [ 50%] docname" once per document;
    # where it believes it is on a terminal (CI set), it ends these lines
    # with a carriage return and adds escape sequences.
    plain = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", log).replace("\r", "\n")
    return re.findall(rf"^{phase}\.\.\. \[\s*\d+%\] (\S+)", plain, re.M)


def sphinx_build(srcdir: Path, outdir: Path, *options: str, builder: str = "html") -> Build:
    """Build ``srcdir`` like ``make html`` does: warnings are errors, keep going.

    ``-N``: no colours in the log that :meth:`Build.read` and
    :meth:`Build.written` parse.
    """
    warnings_file = outdir.parent / f"{outdir.name}-warnings.txt"
    outdir.parent.mkdir(parents=True, exist_ok=True)
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        returncode = build_main(
            ["-b", builder, "-N", "-W", "--keep-going", "-w", str(warnings_file), "-d", str(outdir / ".doctrees"), *options, str(srcdir), str(outdir)]
        )
    return Build(returncode, warnings_file.read_text(encoding="utf-8"), stderr.getvalue(), outdir, stdout.getvalue())


SEMINAR = str(Path(sys.executable).with_name("seminar"))


def run_seminar(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The ``seminar`` command of this environment, as a user runs it: the one way the tests run it."""
    return subprocess.run([SEMINAR, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def seminar(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``seminar ARGS`` run in ``site``."""
    return run_seminar(*args, cwd=site)


def seminar_check(site: Path) -> subprocess.CompletedProcess[str]:
    """``seminar check`` run in ``site``."""
    return seminar(site, "check")


GIT_ENV = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "Organiser",
           "GIT_AUTHOR_EMAIL": "organiser@example.org", "GIT_COMMITTER_NAME": "Organiser",
           "GIT_COMMITTER_EMAIL": "organiser@example.org"}


def git(site: Path, *args: str, when: str = "2031-01-10T12:00:00+00:00") -> None:
    """``git ARGS`` in ``site`` as an organiser with no settings of their own, at the time ``when``."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=site, env=env, check=True, capture_output=True)


def copy_site(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(SITES / name, target)
    return target


def build_site_with(name: str, destination: Path, files: dict[str, str | bytes], *options: str) -> tuple[Path, Build]:
    """A copy of the test site ``name`` in ``destination`` with ``files`` written over it (text or
    bytes, by path from the site), built: the one way the tests change a small site and build it."""
    site = copy_site(name, destination)
    for path, content in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return site, sphinx_build(site, destination / "html", *options)


def schedule_rows(page: BeautifulSoup) -> list[list[str]]:
    """The cells of every body row of every schedule table on the page, as a wide screen shows them
    (without the "Week" that only a phone's stacked entry shows)."""
    for label in page.select("table.schedule span.week-label"):
        label.decompose()
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for table in page.select("table.schedule")
        for row in table.select("tbody tr")
    ]


def tex_missing() -> str | None:
    """Why PDFs cannot be built here, or None."""
    missing = [tool for tool in ("latexmk", "xelatex", "pdftotext") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed: run 'sudo bash scripts/install-tex.sh' (.ci/run does)"
    return None


@dataclass
class PdfBuild:
    returncode: int
    output: str
    latexdir: Path

    def text(self, name: str, *pages: int) -> str:
        """The text of a PDF (or of some of its pages), as pdftotext reads it."""
        pdf = self.latexdir / name
        span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
        return subprocess.run(["pdftotext", "-layout", *span, str(pdf), "-"], check=True, capture_output=True, text=True).stdout

    def pages(self, name: str) -> int:
        info = subprocess.run(["pdfinfo", str(self.latexdir / name)], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))

    def log(self, name: str) -> str:
        return (self.latexdir / name).with_suffix(".log").read_text(encoding="utf-8", errors="replace")


def latexpdf(srcdir: Path, builddir: Path, *options: str) -> PdfBuild:
    """``sphinx-build -M latexpdf`` as ``make latexpdf`` runs it, in a subprocess."""
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(builddir), "-W", "--keep-going", "-q", *options],
        capture_output=True,
        text=True,
    )
    return PdfBuild(run.returncode, run.stdout + run.stderr, builddir / "latex")


def flat(text: str) -> str:
    """Text on one line: words broken by a hyphen at a line end joined again."""
    return " ".join(re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text).split())


def settle() -> None:
    """Wait before editing a source that Sphinx has just read.

    Sphinx rereads a page whose modification time is later than the time it
    read the page; the kernel stamps files from a coarse clock that can lag
    the reading time by some milliseconds, so an edit made at once may look
    older than the read.
    """
    time.sleep(0.05)


def sphinx_build_fresh(srcdir: Path, outdir: Path, *options: str, builder: str = "html") -> Build:
    """:func:`sphinx_build` in a new Python process: nothing an earlier build loaded or changed is in it."""
    warnings_file = outdir.parent / f"{outdir.name}-warnings.txt"
    outdir.parent.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-N", "-W", "--keep-going", "-w", str(warnings_file),
         "-d", str(outdir / ".doctrees"), *options, str(srcdir), str(outdir)],
        capture_output=True, text=True,
    )
    return Build(run.returncode, warnings_file.read_text(encoding="utf-8"), run.stderr, outdir, run.stdout)
