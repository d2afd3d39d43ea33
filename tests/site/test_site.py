"""The real site, built with real Sphinx: schedule, session pages, citations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sphinx_seminar.core.configvalues import CONFIG_VALUES
from sitebuild import ROOT, Build, schedule_rows, seminar_check, sphinx_build

# The seed's schedule (the wiki's two tables), with ISO weeks computed by hand:
# 31.03.2025 is week 14 and 07.04.2025 week 15, whatever the wiki's labels say.
E2, A3, G3 = "MIS, E2 10", "MIS, A3 01", "MIS, G3 10"
EARLY, LATE = "15:00–16:30", "14:00–15:30"
EXPECTED = [
    ("45", "Mon, 04.11.2024", EARLY, E2, "Diaaeldin Taha", "Graph and Topological Neural Networks I"),
    ("46", "Mon, 11.11.2024", EARLY, E2, "Diaaeldin Taha", "Graph and Topological Neural Networks II"),
    ("47", "Mon, 18.11.2024", EARLY, E2, "Parvaneh Joharinad", "Group Equivariant Neural Networks I"),
    ("48", "Mon, 25.11.2024", EARLY, E2, "Parvaneh Joharinad", "Group Equivariant Neural Networks II"),
    ("49", "Mon, 02.12.2024", EARLY, G3, "Nico Scherf", "Deep Generative Models"),
    ("50", "Mon, 09.12.2024", "—", "—", "—", "No meeting"),
    ("51", "Mon, 16.12.2024", EARLY, E2, "Jan Ewald", "On the (Underestimated) Importance of Objective/Loss Functions"),
    ("3", "Mon, 13.01.2025", LATE, A3, "Jan Ewald", "Autoencoder and Their Variants for Biomedical Data"),
    ("4", "Mon, 20.01.2025", LATE, A3, "Duc Luu", "Learning Dynamical Systems I"),
    ("5", "Mon, 27.01.2025", LATE, A3, "Duc Luu", "Learning Dynamical Systems II"),
    ("6", "Mon, 03.02.2025", LATE, A3, "Robert Haase", "Large Language Models for Code Generation"),
    ("7", "Mon, 10.02.2025", LATE, A3, "Guido Montúfar", "An Overview of Theories for Feature Learning in Neural Networks I"),
    ("8", "Mon, 17.02.2025", LATE, A3, "Guido Montúfar", "An Overview of Theories for Feature Learning in Neural Networks II"),
    ("9", "Mon, 24.02.2025", LATE, A3, "Paul Breiding", "Computing with Algebraic Varieties I"),
    ("10", "Mon, 03.03.2025", "—", "—", "—", "No meeting"),
    ("11", "Mon, 10.03.2025", "—", "—", "—", "No meeting"),
    ("12", "Mon, 17.03.2025", LATE, A3, "Angelica Torres", "Varieties in Machine Learning I"),
    ("13", "Mon, 24.03.2025", LATE, A3, "Angelica Torres", "Varieties in Machine Learning II"),
    ("14", "Mon, 31.03.2025", "—", "—", "—", "No meeting"),
    ("15", "Mon, 07.04.2025", LATE, A3, "Paul Breiding", "Computing with Algebraic Varieties II"),
]

SESSIONS_DIR = "sessions/2024-25"


def test_real_site_builds_without_any_warning(site: Build) -> None:
    assert site.returncode == 0, site.warnings + site.stderr
    assert site.warning_lines() == []
    assert "Traceback" not in site.stderr


@pytest.mark.parametrize("docname", ["index", f"{SESSIONS_DIR}/index"])
def test_schedule_holds_every_meeting_and_no_meeting_week(site: Build, docname: str) -> None:
    rows = [tuple(row) for row in schedule_rows(site.page(docname))]
    assert rows == EXPECTED
    assert sum(row[-1] != "No meeting" for row in rows) == 16


def test_every_schedule_row_links_to_its_session_page(site: Build) -> None:
    page = site.page("index")
    links = [row.find("a") for row in page.select("table.schedule tbody tr.session")]
    assert len(links) == 16
    for link in links:
        target = site.outdir / link["href"]
        assert target.is_file(), link["href"]
        session = site.page(link["href"].removesuffix(".html"))
        assert session.find("h1").get_text(strip=True).rstrip("¶#") == link.get_text(strip=True)
    no_meeting = page.select("table.schedule tbody tr.no-meeting")
    assert len(no_meeting) == 4 and all(row.find("a") is None for row in no_meeting)


def test_a_session_page_shows_its_front_matter(site: Build) -> None:
    page = site.page(f"{SESSIONS_DIR}/2024-11-04-graph-topological-nn-1")
    details = page.select_one("dl.session-details").get_text(" ", strip=True)
    assert "Diaaeldin Taha (Max Planck Institute for Mathematics in the Sciences, Germany)" in details
    assert "Monday, 4 November 2024 (week 45)" in details
    assert "15:00–16:30" in details and "MIS, E2 10" in details
    abstract = page.select_one(".session-abstract").get_text(" ", strip=True)
    assert abstract.startswith("Abstract In these two sessions, we will provide an overview of deep learning")
    assert "all relevant concepts from graph theory and topology will be introduced." in abstract


def test_defaults_of_the_term_and_overrides_of_a_session(site: Build) -> None:
    scherf = site.page(f"{SESSIONS_DIR}/2024-12-02-deep-generative-models").select_one("dl.session-details")
    assert "MIS, G3 10" in scherf.get_text(" ", strip=True)
    ewald = site.page(f"{SESSIONS_DIR}/2025-01-13-autoencoders-biomedical-data").select_one("dl.session-details")
    assert "14:00–15:30" in ewald.get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2024-11-04-graph-topological-nn-1", "2024-11-11-graph-topological-nn-2"),
        ("2025-02-24-algebraic-varieties-1", "2025-04-07-algebraic-varieties-2"),
        ("2025-03-17-varieties-in-ml-1", "2025-03-24-varieties-in-ml-2"),
    ],
)
def test_parts_of_a_series_link_to_each_other(site: Build, first: str, second: str) -> None:
    for this, other in ((first, second), (second, first)):
        nav = site.page(f"{SESSIONS_DIR}/{this}").select_one(".series-navigation")
        assert nav is not None, this
        assert [a["href"] for a in nav.find_all("a")] == [f"{other}.html"]
    assert site.page(f"{SESSIONS_DIR}/{first}").select_one(".series-navigation").get_text(" ", strip=True).startswith("Part I of II")


def test_citations_are_author_year_and_link_to_their_entries(site: Build) -> None:
    page = site.page(f"{SESSIONS_DIR}/2024-11-04-graph-topological-nn-1")
    citations = {c.get_text("", strip=False).strip(): c for c in page.select(".bibtex-citation")}
    assert "Kipf and Welling (2017)" in " ".join(citations)
    references = site.page("docs/references")
    for citation in page.select(".bibtex-citation a"):
        path, _, anchor = citation["href"].partition("#")
        assert path == "../../docs/references.html"
        assert references.find(id=anchor) is not None, anchor
    text = " ".join(site.page(f"{SESSIONS_DIR}/2024-11-11-graph-topological-nn-2").get_text(" ", strip=True).split())
    assert "(Bodnar et al., 2021a)" in text.replace("( ", "(").replace(" )", ")")


def test_session_pages_list_their_own_references(site: Build) -> None:
    page = site.page(f"{SESSIONS_DIR}/2024-12-02-deep-generative-models")
    items = [li.get_text(" ", strip=True).replace("\xa0", " ") for li in page.select("#references ul.session-references > li")]
    assert len(items) == 1 and items[0].startswith("Simon J. D. Prince. Understanding Deep Learning")
    notes = site.page(f"{SESSIONS_DIR}/2024-11-11-graph-topological-nn-2")
    cited = " | ".join(li.get_text(" ", strip=True) for li in notes.select("#references ul.session-references > li"))
    for title in ("Weisfeiler and Lehman Go Cellular", "Weisfeiler and Lehman Go Topological", "Topological Deep Learning"):
        assert cited.count(title) == 1, title
    assert "Understanding Deep Learning" not in cited
    assert site.page(f"{SESSIONS_DIR}/2024-11-18-group-equivariant-nn-1").select_one("#references") is None


def test_references_page_has_every_entry_once_in_author_year_order(site: Build) -> None:
    page = site.page("docs/references")
    labels = [label.get_text(strip=True) for label in page.select("div.citation > span.label, .citation .label")]
    labels = list(dict.fromkeys(labels))
    # Cited works and further reading, by first author, then co-authors, then year.
    assert labels == [
        "[Bodnar et al., 2021a]",
        "[Bodnar et al., 2021b]",
        "[Breiding et al., 2024]",
        "[Breiding and Timme, 2018]",
        "[Bronstein et al., 2021]",
        "[Bruna et al., 2014]",
        "[Brunton et al., 2016]",
        "[Chen et al., 2021]",
        "[Chen et al., 2018]",
        "[Chizat et al., 2019]",
        # The 2018 paper spells his first name Lénaïc, the 2019 one (as on HAL) Lenaic: pybtex sorts by the whole name.
        "[Chizat and Bach, 2018]",
        "[Cohen and Welling, 2016]",
        "[Cybenko, 1989]",
        "[Defferrard et al., 2016]",
        "[Draisma et al., 2016]",
        "[Feng et al., 2019]",
        "[Gilmer et al., 2017]",
        "[Goodfellow et al., 2016]",
        "[Goodfellow et al., 2014]",
        "[Haase et al., 2024]",
        "[Hajij et al., 2024]",
        "[Hammond et al., 2011]",
        "[Hinton and Salakhutdinov, 2006]",
        "[Hornik, 1991]",
        "[Jacot et al., 2018]",
        "[Jin and Montúfar, 2023]",
        "[Joas et al., 2025]",
        "[Kileel et al., 2019]",
        "[Kingma and Welling, 2014]",
        "[Kipf and Welling, 2017]",
        "[Kohn et al., 2022]",
        "[Kondor and Trivedi, 2018]",
        "[Leshno et al., 1993]",
        "[Li et al., 2018]",
        "[Mei et al., 2018]",
        "[Morris et al., 2019]",
        "[Prince, 2023]",
        "[Raissi et al., 2019]",
        "[Trager et al., 2020]",
        "[Wang et al., 2022]",
        "[Weiler and Cesa, 2019]",
        "[Xu et al., 2019]",
        "[Yang and Hu, 2021]",
    ]
    text = page.get_text(" ", strip=True)
    # Titles keep their case; names keep their accents.
    assert "Weisfeiler and Lehman Go Cellular: CW Networks" in text
    # Two works by the same authors and year: the list says "2021a" and "2021b", as the citations do.
    assert "34. 2021a. URL:" in text and "PMLR, 2021b. URL:" in text and "2021aa" not in text
    assert "Montúfar" in text and "Liò" in text
    assert "International Conference on Learning Representations" in text and "PMLR" in text


def test_parallel_build_has_no_warning(tmp_path: Path) -> None:
    build = sphinx_build(ROOT, tmp_path / "html", "-j", "2")
    assert build.returncode == 0, build.warnings
    assert build.warning_lines() == []
    assert [tuple(r) for r in schedule_rows(build.page("index"))] == EXPECTED


def test_checked_in_json_schemas_are_up_to_date() -> None:
    from sphinx_seminar.core.schema import SCHEMA_DIR, SCHEMAS, render

    for name, model in SCHEMAS.items():
        on_disk = (ROOT / SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert on_disk == render(model), f"run 'seminar schemas' to regenerate {name}"
        assert json.loads(on_disk)["additionalProperties"] is False


def test_the_real_site_passes_seminar_check() -> None:
    run = seminar_check(ROOT)
    assert run.returncode == 0, run.stdout
    assert run.stdout.startswith("checked 16 sessions in 1 term(s) and 44 references: no problems")


def test_every_config_value_is_registered_from_the_one_table_and_documented(site: Build) -> None:
    registrations = [path for path in (ROOT / "ext").rglob("*.py") if "add_config_value(" in path.read_text(encoding="utf-8")]
    assert [path.name for path in registrations] == ["config.py"]
    rows = site.page("docs/configuration").select("article table tbody tr")  # docs/reference/config-values.markdown
    documented = {row.find("td").get_text(strip=True): row.find_all("td")[1].get_text(strip=True) for row in rows}
    assert documented == {value.name: repr(value.default) for value in CONFIG_VALUES}


def test_the_front_matter_reference_shows_every_field_from_the_included_tables(site: Build) -> None:
    from sphinx_seminar.core.model import SessionFields, TermFields

    page = site.page("docs/front-matter")
    tables = [[row.find("td").get_text(strip=True) for row in table.select("tbody tr")] for table in page.select("article table")]
    assert tables == [list(SessionFields.model_fields), list(TermFields.model_fields)]
    assert "seminar schemas' from" not in str(page.select_one("article"))  # the files' first line is not shown
    links = [a["href"] for a in page.select("article a.download") if a["href"].endswith(".markdown")]
    assert [href.rsplit("/", 1)[1] for href in links] == ["session-fields.markdown", "term-fields.markdown", "term-fields.markdown"]
    for href in links:
        assert (site.outdir / "docs" / href).resolve().is_file(), href


def test_the_following_page_links_every_file_it_names_and_starts_with_what_a_reader_clicks(site: Build) -> None:
    page = site.page("docs/following")
    named = [code for code in page.select("article code.literal") if re.search(r"\.(ics|xml|json|html)$", code.get_text())]
    assert len(named) >= 8
    unlinked = [code.get_text() for code in named if code.find_parent("a") is None]
    assert unlinked == []
    for code in named:
        href = code.find_parent("a")["href"]
        assert (site.outdir / "docs" / href).resolve().is_file(), href
    # A reader's applications first; the formats' details under the last heading.
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
    assert headings[0] == "In your calendar" and headings[-1] == "For developers"
    first = page.select_one("article section section").get_text(" ", strip=True)
    assert "Subscribe" in first and "Google Calendar" in first and "REFRESH-INTERVAL" not in first
