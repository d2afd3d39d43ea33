"""The tests/bad/ corpus: each mistake, one per file, through `seminar check` and the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import Build, copy_site, schedule_rows, seminar_check, sphinx_build, sphinx_build_fresh

BAD = Path(__file__).resolve().parents[1] / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.suffix in (".md", ".bib") and p.name != "README.md")
SESSION = "sessions/2030-31/2030-12-09-bad.md"


def expectation(path: Path, tag: str) -> tuple[int, str] | None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    match = re.search(rf"^% {tag}: (\d+): (.+?)\r?$", text, re.M)
    return (int(match.group(1)), match.group(2)) if match else None


def site_with(case: Path, tmp_path: Path) -> tuple[Path, str]:
    site = copy_site("mini", tmp_path)
    target = "refs.bib" if case.suffix == ".bib" else SESSION
    shutil.copyfile(case, site / target)
    return site, target



@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_seminar_check_reports_the_mistake(case: Path, tmp_path: Path) -> None:
    site, target = site_with(case, tmp_path)
    line, message = expectation(case, "expect")
    run = seminar_check(site)
    assert run.returncode == 1, run.stdout
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{target}:{line}: {message}" in run.stdout, run.stdout


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_the_build_reports_the_mistake_and_keeps_the_other_sessions(case: Path, tmp_path: Path) -> None:
    site, target = site_with(case, tmp_path)
    line, message = expectation(case, "build") or expectation(case, "expect")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert "Traceback" not in build.stderr + build.warnings
    assert f"{site / target}:{line}: WARNING: {message}" in build.warnings, build.warnings
    topics = [row[-1] for row in schedule_rows(build.page("index"))]
    assert {"Alpha I", "Alpha II", "Beta"} <= set(topics)


def words(text: str) -> str:
    return " ".join(text.split())


def output_texts(build: Build) -> dict[str, str]:
    """Every file the build wrote, as a reader sees it: an HTML page's text
    without tags (syntax highlighting splits a line into many spans), other
    files as they are; whitespace normalised."""
    texts = {}
    for path in build.outdir.rglob("*"):
        if not path.is_file() or ".doctrees" in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts
        # No separator: the spans of a highlighted line join up as the line was.
        texts[str(path.relative_to(build.outdir))] = words(BeautifulSoup(text, "html.parser").get_text() if path.suffix == ".html" else text)
    return texts


def test_files_outside_the_repository_never_reach_the_output(tmp_path: Path) -> None:
    site, _ = site_with(BAD / "include-outside.md", tmp_path)
    shutil.copyfile(BAD / "literalinclude-absolute.md", site / "sessions/2030-31/2030-12-16-bad.md")
    build = sphinx_build(site, tmp_path / "html")
    texts = output_texts(build)
    passwd = [words(line) for line in Path("/etc/passwd").read_text(encoding="utf-8").splitlines() if line.strip()]
    leaked = [(name, line) for line in passwd for name, text in texts.items() if line in text]
    assert not leaked, leaked
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    if hostname:
        blocks = [pre.get_text().strip() for pre in build.page("sessions/2030-31/2030-12-16-bad").find_all("pre")]
        assert hostname not in blocks


SECRET = "API_KEY=sk-7f3a9c21-do-not-publish\nDATABASE_URL=postgres://admin:hunter2@db.internal:5432/grades\n# end of secrets.env\n"
OWN = "OWN_SETTING=visible-to-all\nOTHER_SETTING=also:visible/here\n"
TRAVERSAL = "../" * 24 + "etc/passwd"  # more '..' than any temporary directory is deep: the root


def test_a_literalinclude_leaving_the_repository_shows_nothing_of_the_file(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    # Beside the repository, where ../../../ from a session page leads.
    (tmp_path / "secrets.env").write_text(SECRET, encoding="utf-8")
    # Inside it: an include that must work, so the comparison below is known to see included text.
    (site / "sessions/2030-31/own.env").write_text(OWN, encoding="utf-8")
    page = (
        "---\ntitle: Gamma\nspeaker: Emmy Noether\ndate: 2030-12-09\n---\n\n## Notes\n\n"
        "```{literalinclude} own.env\n```\n\n"
        "```{literalinclude} ../../../secrets.env\n```\n\n"
        f"```{{literalinclude}} {TRAVERSAL}\n```\n"
    )
    (site / SESSION).write_text(page, encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")

    lines = page.splitlines()
    for argument in ("../../../secrets.env", TRAVERSAL):
        line = next(n for n, text in enumerate(lines, 1) if text.endswith(f" {argument}"))
        expected = (f"{site / SESSION}:{line}: WARNING: literalinclude: '{argument}' is outside the site's source folder: "
                    "it is not read into the site")
        assert expected in build.warnings, build.warnings
    assert build.returncode != 0  # under -W

    texts = output_texts(build)
    shown = texts[SESSION.replace(".md", ".html")]
    assert words(OWN) in shown
    leaked = [
        (name, line)
        for secret in (SECRET, Path("/etc/passwd").read_text(encoding="utf-8"))
        for line in (words(part) for part in secret.splitlines())
        if line
        for name, text in texts.items()
        if line in text
    ]
    assert not leaked, leaked


def test_a_javascript_url_in_the_bib_is_no_link(tmp_path: Path) -> None:
    site, _ = site_with(BAD / "javascript-url.bib", tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    references = build.page("references")
    assert "javascript:alert(1)" in references.get_text()
    assert not [a for a in references.find_all("a") if a.get("href", "").lower().startswith("javascript")]


def test_data_and_file_urls_in_the_bib_are_no_links(tmp_path: Path) -> None:
    site, _ = site_with(BAD / "data-url.bib", tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    assert "file2021: url 'file:///etc/passwd' is not an http(s) address" in build.warnings
    references = build.page("references")
    assert "data:text/html" in references.get_text() and "file:///etc/passwd" in references.get_text()
    assert not [a for a in references.find_all("a") if a.get("href", "").lower().startswith(("data:", "file:"))]
    assert references.find("script", string=lambda text: text and "alert" in text) is None


def test_raw_html_is_shown_as_text_not_run(tmp_path: Path) -> None:
    site, _ = site_with(BAD / "raw-html.md", tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    page = build.page(SESSION[:-3])
    assert page.find("script", string=re.compile("alert")) is None
    assert '<script>alert("hi")</script>' in page.get_text()


def test_a_page_not_in_utf8_alone_in_a_fresh_process_is_reported_and_left_out(tmp_path: Path) -> None:
    """Nothing an earlier build of the same process set up helps: Sphinx 9 would end with a traceback."""
    site, target = site_with(BAD / "not-utf8.md", tmp_path)
    build = sphinx_build_fresh(site, tmp_path / "html")
    assert build.returncode == 1
    assert "Traceback" not in build.stderr + build.warnings and "Encoding error" not in build.stderr
    assert f"{site / target}:7: WARNING: file is not UTF-8 (byte 0xe9)" in build.warnings, build.warnings
    assert not (tmp_path / "html" / target).with_suffix(".html").exists()
    topics = [row[-1] for row in schedule_rows(build.page("index"))]
    assert {"Alpha I", "Alpha II", "Beta"} <= set(topics)


def test_a_malformed_citation_leaves_the_rest_of_the_page(tmp_path: Path) -> None:
    site, target = site_with(BAD / "citation-key-with-space.md", tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    page = build.page(target[:-3])
    assert "the rest of the page builds" in page.get_text()
    assert "knuth 1984" in [code.get_text() for code in page.find_all("code")]


def test_a_control_character_in_the_bib_reaches_no_output(tmp_path: Path) -> None:
    site, _ = site_with(BAD / "control-character.bib", tmp_path)
    build = sphinx_build(site, tmp_path / "html")
    assert "The TeXbook[31m" in build.page("references").get_text()  # the entry is shown, without the character
    written = [p for p in build.outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts
               and p.suffix in (".html", ".ics", ".xml", ".json", ".js", ".bib", ".txt")]
    assert len(written) > 20
    assert [str(p) for p in written if b"\x1b" in p.read_bytes()] == []
