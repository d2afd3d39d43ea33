"""Never stale: after random edits to sessions, an incremental build renders
the same schedules and series links as a clean build of the same sources."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest

from sitebuild import Build, copy_site, settle, sphinx_build

TERM = "sessions/2030-31"
MONDAYS = [dt.date(2030, 11, 4) + dt.timedelta(weeks=w) for w in range(12)]
NO_MEETING = {dt.date(2030, 11, 18)}
ROOMS = ["Room 1", "Room 2", "Hall A"]
TIMES = [("09:00", "10:30"), ("14:00", "15:30"), ("15:00", "16:30")]
SPEAKERS = ["Ada Lovelace", "Alan Turing", "Emmy Noether", "Sofia Kovalevskaya"]
TITLES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
SERIES = [None, "alpha", "omega"]


class Archive:
    """The mini site's session pages, edited at random, one page per Monday."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.dir = root / TERM
        self.rng = rng

    def pages(self) -> list[Path]:
        return sorted(p for p in self.dir.glob("2*.md"))

    def free_mondays(self) -> list[dt.date]:
        used = {dt.date.fromisoformat(p.name[:10]) for p in self.pages()}
        used |= {self.date_of(p) for p in self.pages()}
        return [d for d in MONDAYS if d not in used and d not in NO_MEETING]

    def date_of(self, page: Path) -> dt.date:
        for line in page.read_text().splitlines():
            if line.startswith("date: "):
                return dt.date.fromisoformat(line[6:].strip())
        raise AssertionError(page)

    def write(self, page: Path, **fields: str | None) -> None:
        front = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
        page.write_text(f"---\n{front}---\n\nNotes of {fields['title']}.\n", encoding="utf-8")

    def fields_of(self, page: Path) -> dict[str, str]:
        lines = page.read_text().split("---\n")[1].splitlines()
        return dict(line.split(": ", 1) for line in lines)

    def random_fields(self, day: dt.date) -> dict[str, str | None]:
        start, end = self.rng.choice(TIMES)
        return {
            "title": f"{self.rng.choice(TITLES)} {self.rng.randint(1, 99)}",
            "speaker": self.rng.choice(SPEAKERS),
            "date": day.isoformat(),
            "start": f'"{start}"',
            "end": f'"{end}"',
            "room": self.rng.choice(ROOMS),
            "series": self.rng.choice(SERIES),
        }

    def edit(self) -> str:
        """Apply one random edit and say what it was."""
        settle()
        pages, free = self.pages(), self.free_mondays()
        kinds = ["add"] if free else []
        if pages:
            kinds += ["remove", "rename", "change"]
        kind = self.rng.choice(kinds)
        if kind == "add":
            day = self.rng.choice(free)
            page = self.dir / f"{day.isoformat()}-new-{self.rng.randint(0, 9999)}.md"
            self.write(page, **self.random_fields(day))
            return f"add {page.name}"
        page = self.rng.choice(pages)
        if kind == "remove":
            page.unlink()
            return f"remove {page.name}"
        if kind == "rename":
            target = page.with_name(f"{page.stem}-renamed.md")
            page.rename(target)
            return f"rename {page.name}"
        fields = self.fields_of(page)
        name = self.rng.choice(["date", "start", "room", "speaker", "title", "series"] if free else ["start", "room", "speaker", "title", "series"])
        new = self.random_fields(self.rng.choice(free) if free else self.date_of(page))
        if name == "start":
            fields["start"], fields["end"] = new["start"], new["end"]
        elif new[name] is None:
            fields.pop(name, None)
        else:
            fields[name] = new[name]
        self.write(page, **fields)
        return f"change {name} of {page.name}"


def rendered(build: Build, srcdir: Path) -> dict[str, object]:
    """What a reader sees of the generated parts on every page of the site.

    Pages of removed sources stay in an incremental output folder (Sphinx
    never deletes output), so only pages with a source are compared.
    """
    seen: dict[str, object] = {}
    for source in sorted(srcdir.rglob("*.md")):
        docname = str(source.relative_to(srcdir))[:-3]
        page = build.page(docname)
        seen[docname] = (
            [str(t) for t in page.select("table.schedule")],
            [str(n) for n in page.select(".series-navigation")],
            [str(d) for d in page.select("dl.session-details")],
            [str(n) for n in page.select("ul.speakers, ul.series-list, p.reference-extras")],
        )
    return seen


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_build_equals_clean_build(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    site = copy_site("mini", tmp_path)
    archive = Archive(site, rng)
    incremental = tmp_path / "incremental"
    first = sphinx_build(site, incremental)
    assert first.returncode == 0, first.warnings
    history = []
    for step in range(6):
        history.append(archive.edit())
        updated = sphinx_build(site, incremental)
        clean_dir = tmp_path / f"clean-{step}"
        clean = sphinx_build(site, clean_dir)
        assert clean.returncode == 0, (history, clean.warnings)
        assert updated.returncode == 0, (history, updated.warnings)
        assert rendered(updated, site) == rendered(clean, site), history
        shutil.rmtree(clean_dir)


def test_a_body_edit_rewrites_only_that_page(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    sphinx_build(site, tmp_path / "html")
    page = site / TERM / "2030-11-25-beta.md"
    settle()
    page.write_text(page.read_text() + "\nOne more sentence.\n", encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.read() == [f"{TERM}/2030-11-25-beta"]
    # Sphinx itself also rewrites the page whose toctree lists the edited one.
    assert sorted(build.written()) == [f"{TERM}/2030-11-25-beta", f"{TERM}/index"]


def test_a_date_change_rewrites_the_schedules_without_reading_them(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    sphinx_build(site, tmp_path / "html")
    page = site / TERM / "2030-11-25-beta.md"
    settle()
    page.write_text(page.read_text().replace("2030-11-25", "2030-12-02"), encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.read() == [f"{TERM}/2030-11-25-beta"]
    # The pages that show every session's date: schedules, speakers, series.
    assert sorted(build.written()) == sorted(["index", f"{TERM}/2030-11-25-beta", f"{TERM}/index", "series", "speakers"])
    assert "Mon, 02.12.2030" in build.page("index").select_one("table.schedule").get_text()


def test_a_change_of_the_term_defaults_reaches_every_session_using_them(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    sphinx_build(site, tmp_path / "html")
    term = site / TERM / "index.md"
    settle()
    term.write_text(term.read_text().replace("room: Room 1", "room: Hall B"), encoding="utf-8")
    updated = sphinx_build(site, tmp_path / "html")
    clean = sphinx_build(site, tmp_path / "clean")
    assert updated.returncode == 0, updated.warnings
    # Every session page of the term depends on the term page and is read again.
    assert sorted(updated.read()) == sorted(str(p.relative_to(site))[:-3] for p in (site / TERM).glob("*.md"))
    assert rendered(updated, site) == rendered(clean, site)
    rooms = [row.find_all("td")[3].get_text() for row in updated.page("index").select("table.schedule tr.session")]
    assert rooms == ["Hall B", "Hall B", "Room 2"]  # Beta names its own room


def test_schedule_ics_follows_a_change_and_is_left_alone_by_a_no_op_build(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    outdir = tmp_path / "html"
    assert sphinx_build(site, outdir).returncode == 0
    ics = outdir / "schedule.ics"
    written = ics.stat().st_mtime_ns
    settle()
    assert sphinx_build(site, outdir).returncode == 0
    assert ics.stat().st_mtime_ns == written  # nothing changed, nothing rewritten
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: Beta", "title: Beta Revised"), encoding="utf-8")
    assert sphinx_build(site, outdir).returncode == 0
    assert "SUMMARY:Beta Revised" in ics.read_text(encoding="utf-8")


def test_schedule_ics_is_written_where_no_page_shows_every_term(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    index = site / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("```{schedule}\n```\n", ""), encoding="utf-8")
    for page in ("speakers", "series"):  # they list every term's sessions too
        (site / f"{page}.md").unlink(missing_ok=True)
        index.write_text(index.read_text(encoding="utf-8").replace(f"{page}\n", ""), encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    assert "SUMMARY:Beta" in (tmp_path / "html/schedule.ics").read_text(encoding="utf-8")
