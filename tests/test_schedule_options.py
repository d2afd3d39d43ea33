"""Options of the {schedule} directive: which term, upcoming or past meetings."""

from __future__ import annotations

from pathlib import Path

from sitebuild import copy_site, schedule_rows, sphinx_build


def test_upcoming_and_past_split_at_the_configured_day(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    (site / "when.md").write_text(
        "---\ntitle: When\norphan: true\n---\n\n## Upcoming\n\n```{schedule}\n:term: 2030-31\n:when: upcoming\n```\n\n"
        "## Past\n\n```{schedule}\n:term: 2030-31\n:when: past\n```\n",
        encoding="utf-8",
    )
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    tables = build.page("when").select("table.schedule")
    # seminar_today is 2030-11-15 in the mini site's conf.py.
    upcoming = [row.get_text(" ", strip=True) for row in tables[0].select("tbody tr")]
    past = [row.get_text(" ", strip=True) for row in tables[1].select("tbody tr")]
    assert [r.split()[-1] for r in upcoming] == ["meeting", "Beta"]  # 18.11 no meeting, 25.11 Beta
    assert [r.split()[-2:] for r in past] == [["Alpha", "I"], ["Alpha", "II"]]


def test_an_unknown_term_is_a_located_warning(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    (site / "other.md").write_text("---\ntitle: Other\norphan: true\n---\n\n```{schedule}\n:term: 1999-00\n```\n", encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert any("other.md:6: WARNING: schedule: no term '1999-00' (known: 2030-31)" in line for line in build.warning_lines()), build.warnings


def test_the_term_page_schedule_has_no_caption_and_the_landing_page_links_the_term(tmp_path: Path) -> None:
    build = sphinx_build(copy_site("mini", tmp_path), tmp_path / "html")
    assert build.page("sessions/2030-31/index").select_one("table.schedule caption") is None
    caption = build.page("index").select_one("table.schedule caption a")
    assert caption.get_text(strip=True) == "Term 2030/31" and caption["href"] == "sessions/2030-31/index.html"
    assert len(schedule_rows(build.page("index"))) == 4
