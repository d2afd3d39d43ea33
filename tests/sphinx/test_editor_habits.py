"""What editors and habits produce is accepted: a BOM, CRLF line endings, a body '# H1'.

Each page here is valid; the tests compare the built output with that of
the same page written the plain way.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild import build_site_with, schedule_rows, seminar_check

PAGE = "sessions/2030-31/2030-12-09-gamma.md"
FRONT = """---
title: Gamma Functions
speaker: Emmy Noether
date: 2030-12-09
---
"""
BODY = """
## Notes

The *gamma* function extends the factorial.

## Outlook

More next week.
"""



def build_with(tmp_path: Path, name: str, data: bytes):
    return build_site_with("mini", tmp_path / name, {PAGE: data})


def outputs(outdir: Path) -> dict[str, bytes]:
    """Every HTML page and calendar, by path.

    A calendar's DTSTAMP and LAST-MODIFIED are the page file's time here
    (no git history), and the pages compared were written at different
    times, so they are left out.
    """
    return {
        str(path.relative_to(outdir)): re.sub(rb"(DTSTAMP|LAST-MODIFIED):\S+\r\n", b"", path.read_bytes())
        for path in sorted(outdir.rglob("*"))
        if path.suffix in (".html", ".ics") and ".doctrees" not in path.parts
    }


def test_bom_and_crlf_build_byte_identical_to_lf(tmp_path: Path) -> None:
    lf = (FRONT + BODY).encode("utf-8")
    windows = b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")
    _, plain = build_with(tmp_path, "lf", lf)
    site, saved = build_with(tmp_path, "windows", windows)
    assert plain.returncode == 0 and saved.returncode == 0, saved.warnings
    assert saved.warning_lines() == []
    assert outputs(saved.outdir) == outputs(plain.outdir)
    check = seminar_check(site)
    assert check.returncode == 0 and "no problems" in check.stdout, check.stdout


def test_body_h1_equal_to_the_title_is_the_page_title(tmp_path: Path) -> None:
    site, build = build_with(tmp_path, "same", (FRONT + "\n# Gamma Functions\n" + BODY).encode())
    assert build.returncode == 0, build.warnings
    page = build.page(PAGE[:-3])
    assert [h.get_text(strip=True).rstrip("#¶") for h in page.select("[role=main] h1")] == ["Gamma Functions"]
    assert [h.get_text(strip=True).rstrip("#¶") for h in page.select("[role=main] h2")][:2] == ["Notes", "Outlook"]
    assert page.select_one(".session-details") is not None
    assert seminar_check(site).returncode == 0


def test_body_h1_that_differs_becomes_the_first_section(tmp_path: Path) -> None:
    site, build = build_with(tmp_path, "other", (FRONT + "\n# Background\n\nWhere it comes from.\n" + BODY).encode())
    assert build.returncode == 0, build.warnings
    page = build.page(PAGE[:-3])
    assert [h.get_text(strip=True).rstrip("#¶") for h in page.select("[role=main] h1")] == ["Gamma Functions"]
    sections = [h.get_text(strip=True).rstrip("#¶") for h in page.select("[role=main] h2")]
    assert sections[0] == "Background", sections
    assert {"Notes", "Outlook"} <= set(sections) | {h.get_text(strip=True).rstrip("#¶") for h in page.select("[role=main] h3")}
    assert page.title.get_text().startswith("Gamma Functions")
    assert "Gamma Functions" in [row[-1] for row in schedule_rows(build.page("sessions/2030-31/index"))]
    assert seminar_check(site).returncode == 0


def test_body_h1_gives_the_title_when_the_front_matter_has_none(tmp_path: Path) -> None:
    front = FRONT.replace("title: Gamma Functions\n", "")
    site, build = build_with(tmp_path, "untitled", (front + "\n# Gamma Functions\n" + BODY).encode())
    assert build.returncode == 0, build.warnings
    page = build.page(PAGE[:-3])
    assert [h.get_text(strip=True).rstrip("#¶") for h in page.select("[role=main] h1")] == ["Gamma Functions"]
    assert page.select_one(".session-details") is not None
    assert "Gamma Functions" in [row[-1] for row in schedule_rows(build.page("sessions/2030-31/index"))]
    check = seminar_check(site)
    assert check.returncode == 0, check.stdout


def test_no_title_anywhere_is_reported_with_its_line(tmp_path: Path) -> None:
    front = FRONT.replace("title: Gamma Functions\n", "")
    site, build = build_with(tmp_path, "none", (front + BODY).encode())
    assert build.returncode != 0
    assert re.search(r"2030-12-09-gamma\.md:1: .*title: required field is missing", build.warnings), build.warnings
    assert "sessions/2030-31/2030-12-09-gamma.md:1: title: required field is missing" in seminar_check(site).stdout
