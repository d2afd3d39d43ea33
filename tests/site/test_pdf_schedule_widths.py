"""The printed schedule's columns (issue 25, point 5): a long room name wraps within its column
before the topic does, and the Topic column keeps at least 40% of the table's width.

Built by real XeLaTeX; the words' boxes read back with ``pdftotext -bbox-layout``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sitebuild import copy_site, latexpdf, tex_missing

pytestmark = pytest.mark.skipif(tex_missing() is not None, reason=str(tex_missing()))

#: The longest room name of the fixtures: a building, a hall and its old name.
LONG_ROOM = "Max Planck Institute for Mathematics in the Sciences, Lecture Hall E1 05 (Leibniz-Saal)"
PAGE = "sessions/2030-31/2030-11-25-beta.md"


def words(pdf: Path) -> list[tuple[str, float, float, float, float, int]]:
    """Every word with its box (xMin, yMin, xMax, yMax) and page number."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            found.append((m[5], float(m[1]), float(m[2]), float(m[3]), float(m[4]), number))
    return found


@pytest.fixture(scope="module")
def schedule(tmp_path_factory: pytest.TempPathFactory) -> list:
    site = copy_site("mini", tmp_path_factory.mktemp("widths") / "site")
    page = site / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("room: Room 2", f"room: {LONG_ROOM}"), encoding="utf-8")
    build = latexpdf(site, site / "_build")
    assert build.returncode == 0, build.output
    found = words(build.latexdir / "2030-31.pdf")
    header = next(w for w in found if w[0] == "Topic" and any(v[0] == "Week" and abs(v[2] - w[2]) < 1 and v[5] == w[5]
                                                                for v in found))
    return [w for w in found if w[5] == header[5]], header


def test_the_topic_keeps_at_least_40_percent_of_the_tables_width(schedule) -> None:
    found, topic = schedule
    week = next(w for w in found if w[0] == "Week" and abs(w[2] - topic[2]) < 1)
    right = max(w[3] for w in found)  # the text's right margin
    assert (right - topic[1]) / (right - week[1]) >= 0.40


def test_a_long_room_name_wraps_within_its_column(schedule) -> None:
    found, topic = schedule
    room_words = set(LONG_ROOM.replace(",", "").split())
    rows = [w for w in found if w[0].strip(",()") in room_words and w[2] > topic[4]]
    lines = {round(w[2]) for w in rows}
    assert len(lines) >= 3, rows  # wrapped onto several lines
    assert all(w[3] < topic[1] for w in rows)  # and never into the Topic column
