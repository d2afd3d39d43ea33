"""Options of the {schedule} directive: which term, upcoming or past meetings."""

from __future__ import annotations

from pathlib import Path

from sitebuild import copy_site, schedule_rows, sphinx_build

# A page with the term's upcoming meetings, then its past ones.
UPCOMING_AND_PAST = ("---\ntitle: When\norphan: true\n---\n\n## Upcoming\n\n```{schedule}\n:term: 2030-31\n:when: upcoming\n```\n\n"
                     "## Past\n\n```{schedule}\n:term: 2030-31\n:when: past\n```\n")


def test_upcoming_and_past_split_at_the_configured_day(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    (site / "when.md").write_text(UPCOMING_AND_PAST, encoding="utf-8")
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


def test_rows_are_in_date_and_time_order_whatever_the_file_names(tmp_path: Path) -> None:
    # Every other fixture's file name starts with its date, so an order by
    # file name would look right there.  These names sort alphabetically in
    # an order that is neither the dates' nor, on one day, the times'.
    site = copy_site("mini", tmp_path)
    term = site / "sessions/2030-31"
    index = term / "index.md"
    # The term page's table of contents takes the pages whose names start with '2'.
    index.write_text(index.read_text(encoding="utf-8").replace("\n2*\n", "\n*\n"), encoding="utf-8")
    for name, title, date, start, end in [
        ("a-winter-talk", "Winter talk", "2030-12-16", "15:00", "16:30"),
        ("b-afternoon-talk", "Afternoon talk", "2030-12-09", "16:45", "18:00"),
        ("c-morning-talk", "Morning talk", "2030-12-09", "10:00", "11:30"),
        ("2030-10-01-misleading-name", "Autumn talk", "2030-12-23", "15:00", "16:30"),
        ("z-opening-talk", "Opening talk", "2030-10-28", "15:00", "16:30"),
    ]:
        (term / f"{name}.md").write_text(
            f'---\ntitle: {title}\nspeaker: Grace Hopper\ndate: {date}\nstart: "{start}"\nend: "{end}"\n---\n', encoding="utf-8"
        )
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    expected = [
        ("Mon, 28.10.2030", "15:00–16:30", "Opening talk"),
        ("Mon, 04.11.2030", "15:00–16:30", "Alpha I"),
        ("Mon, 11.11.2030", "15:00–16:30", "Alpha II"),
        ("Mon, 18.11.2030", "—", "No meeting"),
        ("Mon, 25.11.2030", "14:00–15:30", "Beta"),
        ("Mon, 09.12.2030", "10:00–11:30", "Morning talk"),
        ("Mon, 09.12.2030", "16:45–18:00", "Afternoon talk"),
        ("Mon, 16.12.2030", "15:00–16:30", "Winter talk"),
        ("Mon, 23.12.2030", "15:00–16:30", "Autumn talk"),
    ]
    for docname in ("index", "sessions/2030-31/index"):
        rows = [(date, time, topic) for _, date, time, _, _, topic in schedule_rows(build.page(docname))]
        assert rows == expected, docname


def test_on_the_day_of_a_meeting_it_is_still_upcoming(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('seminar_today = "2030-11-15"', 'seminar_today = "2030-11-25"'), encoding="utf-8")
    (site / "when.md").write_text(UPCOMING_AND_PAST, encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    upcoming, past = (table.get_text(" ", strip=True) for table in build.page("when").select("table.schedule"))
    assert "Beta" in upcoming and "Beta" not in past
