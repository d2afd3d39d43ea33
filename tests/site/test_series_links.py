"""Which neighbour of a lecture in several parts is "Previous" and which is "Next"."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from sitebuild import Build, copy_site, sphinx_build

TERM = "sessions/2030-31"
ALPHA_1, ALPHA_2, ALPHA_3 = "2030-11-04-alpha-1", "2030-11-11-alpha-2", "2030-12-02-alpha-3"


def series_links(page: BeautifulSoup) -> list[tuple[str, str, str]]:
    """(label, link text, target) of each link in the page's series navigation, in order.

    The label is the word before the link ("Previous: <a>...</a>"), so a
    link that points to the right page under the wrong label is caught.
    """
    nav = page.select_one("p.series-navigation")
    assert nav is not None, "no series navigation on the page"
    links = []
    for link in nav.find_all("a"):
        before = link.previous_sibling
        label = re.search(r"(\w+):\s*$", str(before) if before is not None else "")
        links.append((label.group(1) if label else "", link.get_text(strip=True), link["href"]))
    return links


def series_text(page: BeautifulSoup) -> str:
    return " ".join(page.select_one("p.series-navigation").get_text().split())


@pytest.fixture(scope="module")
def three_parts(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The mini site with a third part of its two-part series 'alpha' (a copy: other tests count the mini site's sessions)."""
    tmp_path = tmp_path_factory.mktemp("series")
    site = copy_site("mini", tmp_path)
    (site / TERM / f"{ALPHA_3}.md").write_text(
        "---\ntitle: Alpha III\nspeaker: Ada Lovelace\ndate: 2030-12-02\nseries: alpha\n---\n", encoding="utf-8"
    )
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    return build


def test_the_first_of_three_parts_links_only_to_the_next(three_parts: Build) -> None:
    page = three_parts.page(f"{TERM}/{ALPHA_1}")
    assert series_links(page) == [("Next", "Alpha II (Mon, 11.11.2030)", f"{ALPHA_2}.html")]
    assert series_text(page) == "Part I of III. Next: Alpha II (Mon, 11.11.2030)."


def test_the_middle_of_three_parts_links_back_to_the_first_and_on_to_the_third(three_parts: Build) -> None:
    page = three_parts.page(f"{TERM}/{ALPHA_2}")
    assert series_links(page) == [
        ("Previous", "Alpha I (Mon, 04.11.2030)", f"{ALPHA_1}.html"),
        ("Next", "Alpha III (Mon, 02.12.2030)", f"{ALPHA_3}.html"),
    ]
    assert series_text(page) == "Part II of III. Previous: Alpha I (Mon, 04.11.2030). Next: Alpha III (Mon, 02.12.2030)."


def test_the_last_of_three_parts_links_only_to_the_previous(three_parts: Build) -> None:
    page = three_parts.page(f"{TERM}/{ALPHA_3}")
    assert series_links(page) == [("Previous", "Alpha II (Mon, 11.11.2030)", f"{ALPHA_2}.html")]
    assert series_text(page) == "Part III of III. Previous: Alpha II (Mon, 11.11.2030)."


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2024-11-04-graph-topological-nn-1", "2024-11-11-graph-topological-nn-2"),
        ("2025-02-24-algebraic-varieties-1", "2025-04-07-algebraic-varieties-2"),
    ],
)
def test_in_two_parts_the_first_says_next_and_the_second_previous(site: Build, first: str, second: str) -> None:
    # The real site, as built once for the whole session (conftest.py).
    one, two = (site.page(f"sessions/2024-25/{name}") for name in (first, second))
    title_one, title_two = (page.find("h1").get_text(strip=True).rstrip("¶#") for page in (one, two))
    assert [(label, href) for label, _, href in series_links(one)] == [("Next", f"{second}.html")]
    assert series_links(one)[0][1].startswith(f"{title_two} (")
    assert series_text(one).startswith("Part I of II. Next: ")
    assert [(label, href) for label, _, href in series_links(two)] == [("Previous", f"{first}.html")]
    assert series_links(two)[0][1].startswith(f"{title_one} (")
    assert series_text(two).startswith("Part II of II. Previous: ")
