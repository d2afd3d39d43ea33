"""Every session's "Further reading": the editors' choice, shown apart from what the page cites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from sphinx_seminar.core.frontmatter import read_source
from sitebuild import ROOT, Build, copy_site, seminar_check, sphinx_build

SESSIONS = sorted(p for p in (ROOT / "sessions" / "2024-25").glob("*.md") if p.name != "index.md")
BIB = parse_file(str(ROOT / "references.bib"))
NOTE = re.compile(r"Chosen by the site.s editors as background to this session.s topic, not given by the speaker\.")


def reading_of(page: Path) -> list[str]:
    front, problems = read_source(page, page.name)
    assert front is not None and not problems
    return front.values.get("further_reading", [])


def words(element) -> str:
    """The element's text on one line, without the space that tags leave before a full stop."""
    return re.sub(r"\s+([.,;)])", r"\1", " ".join(element.get_text(" ", strip=True).split()))


def title_of(key: str) -> str:
    return " ".join(BIB.entries[key].fields["title"].replace("{", "").replace("}", "").split())


def test_every_session_names_two_to_five_works_that_are_in_the_bib() -> None:
    for page in SESSIONS:
        keys = reading_of(page)
        assert 2 <= len(keys) <= 5, page.name
        assert set(keys) <= set(BIB.entries), page.name


@pytest.mark.parametrize("page", SESSIONS, ids=[p.stem for p in SESSIONS])
def test_each_session_page_shows_its_further_reading_apart_from_its_references(site: Build, page: Path) -> None:
    html = site.page(f"sessions/2024-25/{page.stem}")
    section = html.select_one("section#further-reading")
    assert section is not None and section.find("h2").get_text(strip=True).rstrip("#¶") == "Further reading"
    assert NOTE.search(section.get_text(" ", strip=True))
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in section.select("ul.further-reading-list > li")]
    keys = reading_of(page)
    assert len(items) == len(keys)
    for key in keys:
        assert sum(title_of(key) in item for item in items) == 1, key
    # The page's own References list only what its text cites.
    cited = {m for m in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", page.read_text(encoding="utf-8")) for m in m.split(",")}
    references = html.select("#references ul.session-references > li")
    assert len(references) == len(cited)


def test_the_references_page_marks_further_reading_with_its_sessions(site: Build) -> None:
    page = site.page("docs/references")
    entries = {e.select_one(".label").get_text(strip=True): e for e in page.select("div.citation")}
    cohen = entries["[Cohen and Welling, 2016]"]
    assert "further-reading" in cohen["class"]
    text = words(cohen)
    assert "Further reading for: Group Equivariant Neural Networks I (Mon, 18.11.2024)." in text
    assert "Cited in" not in text
    assert [a["href"] for a in cohen.select("a") if "sessions" in a["href"]] == ["../sessions/2024-25/2024-11-18-group-equivariant-nn-1.html"]
    kipf = entries["[Kipf and Welling, 2017]"]  # cited by Part I, further reading for Part II
    text = words(kipf)
    assert "Cited in: Graph and Topological Neural Networks I (Mon, 04.11.2024)." in text
    assert "Further reading for: Graph and Topological Neural Networks II (Mon, 11.11.2024)." in text
    assert "further-reading" not in entries["[Cybenko, 1989]"]["class"]
    every = {key for page in SESSIONS for key in reading_of(page)}
    assert len(entries) == len(every | {k for p in SESSIONS for m in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", p.read_text(encoding="utf-8")) for k in m.split(",")})


def test_an_unknown_further_reading_key_is_reported_with_its_line(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8").replace("room: Room 2\n", "room: Room 2\nfurther_reading:\n  - nobody2020\n"), encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode != 0
    assert f"{page}:8: WARNING: further_reading: unknown citation key 'nobody2020'" in build.warnings, build.warnings
    check = seminar_check(site)
    assert check.returncode == 1
    assert "sessions/2030-31/2030-11-25-beta.md:8: further_reading: unknown citation key 'nobody2020'" in check.stdout


@pytest.mark.parametrize("stem", ["2024-11-04-graph-topological-nn-1", "2024-11-11-graph-topological-nn-2"])
def test_the_editors_notes_say_who_prepared_them_and_spell_leman(site: Build, stem: str) -> None:
    page = site.page(f"sessions/2024-25/{stem}")
    # The text's first paragraph: after the details and the abstract (the speaker's, from the wiki).
    # (The lines of links and navigation above it have classes; the text's paragraphs have none.)
    first = next(p for p in page.select("section p") if len(p.get_text()) > 80 and not p.find_parent(class_="session-abstract")
                 and not p.get("class"))
    assert re.match(r"These notes were prepared by the site.s editors from the session.s abstract and the references cited below; "
                    r"they are not the speaker.s own notes or slides\.", first.get_text(" ", strip=True)), first.get_text()[:200]
    # The mathematician is Leman; "Lehman" only inside the papers' own titles.
    assert "Weisfeiler–Leman" in page.get_text(" ", strip=True)
    for reference in page.select("#references li, #further-reading li"):
        reference.decompose()
    assert "Lehman" not in page.get_text(" ", strip=True)


def test_adding_further_reading_rewrites_the_references_page_in_an_incremental_build(tmp_path: Path) -> None:
    from sitebuild import settle

    site = copy_site("mini", tmp_path)
    first = sphinx_build(site, tmp_path / "html")
    assert first.returncode == 0, first.warnings
    assert "Further reading for" not in first.page("references").get_text()
    settle()
    beta = site / "sessions/2030-31/2030-11-25-beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("room: Room 2\n", "room: Room 2\nfurther_reading:\n  - knuth1984texbook\n"),
                    encoding="utf-8")
    again = sphinx_build(site, tmp_path / "html")
    assert again.returncode == 0, again.warnings
    assert "references" in again.written()
    assert "Further reading for: Beta (Mon, 25.11.2030)." in words(again.page("references"))
