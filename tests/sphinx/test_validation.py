"""Bad input through a whole build: a mistake is a warning naming file, line and field,
fails the build under -W, never a traceback, and the other sessions still build.

The exact problem of each mistake the model finds is pinned without Sphinx
(``tests/unit/test_model.py``); here one of each way a problem reaches the
build: a field, the YAML, a page without front-matter, two pages together,
the citations, the term page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import Build, build_site_with, schedule_rows

TERM = "sessions/2030-31"
ALPHA = f"{TERM}/2030-11-04-alpha-1.md"
BETA = f"{TERM}/2030-11-25-beta.md"


def build_with(tmp_path: Path, files: dict[str, str]) -> Build:
    return build_site_with("mini", tmp_path, files)[1]


def beta(front: str, body: str = "") -> dict[str, str]:
    return {BETA: f"---\n{front}---\n{body}"}


GOOD_BETA = 'title: Beta\nspeaker: Alan Turing\ndate: 2030-11-25\nstart: "14:00"\nend: "15:30"\nroom: Room 2\n'

# (case, files, expected file:line, expected message pieces)
CASES = [
    ("missing date", beta("title: Beta\nspeaker: Alan Turing\n"), f"{BETA}:1", ["date: required field is missing", "add a line 'date: ...'"]),
    ("YAML syntax error", beta("title: Beta\nspeaker: [Alan Turing\ndate: 2030-11-25\n"), f"{BETA}:",
     ["YAML syntax error"]),
    ("no front-matter", {BETA: "# Beta\n\nText.\n"}, f"{BETA}:1", ["page has no front-matter"]),
    ("session on a no-meeting date", beta(GOOD_BETA.replace("2030-11-25", "2030-11-18")), f"{BETA}:4",
     ["date: 2030-11-18 is a no-meeting date of Term 2030/31", "remove the date from 'no_meeting'"]),
    # Beta (14:00) comes first that day, so the later Alpha I is the one reported.
    ("overlap in one room", beta(GOOD_BETA.replace("2030-11-25", "2030-11-04").replace("Room 2", "Room 1")), f"{ALPHA}:4",
     ["date: overlaps with 'Beta' (sessions/2030-31/2030-11-25-beta.md) in Room 1 on 2030-11-04, 14:00–15:30",
      "move one of the two sessions to another time or room"]),
    ("unknown citation key", beta(GOOD_BETA, "\nAs {cite:p}`nobody2020` shows.\n"), f"{BETA}:10",
     ['could not find bibtex key "nobody2020"']),
    ("bad term default", {f"{TERM}/index.md": "---\ntitle: Term\ndefaults:\n  start: 3pm\n---\n"}, f"{TERM}/index.md:4",
     ["defaults.start: '3pm' is not a time in the form HH:MM"]),

]
# Without the term's defaults, sessions relying on them are invalid too, and say so.
SURVIVORS = {"bad term default": ["Beta"]}


@pytest.mark.parametrize(("case", "files", "location", "pieces"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_a_located_message_and_fails_the_build(
    tmp_path: Path, case: str, files: dict[str, str], location: str, pieces: list[str]
) -> None:
    build = build_with(tmp_path, files)
    assert build.returncode != 0
    assert "Traceback" not in build.stderr + build.warnings
    matching = [line for line in build.warning_lines() if all(piece in line for piece in pieces)]
    assert matching, build.warnings
    # A location ending in ':' means "some line" (the YAML parser's or docutils' choice).
    pattern = re.escape(location) + (r"\d+" if location.endswith(":") else "") + ": WARNING"
    assert re.search(pattern, matching[0].split("/mini/", 1)[-1]), matching[0]
    # The other sessions are still on the schedule.
    topics = [row[-1] for row in schedule_rows(build.page("index"))]
    for survivor in SURVIVORS.get(case, ["Alpha I", "Alpha II"]):
        assert survivor in topics


def test_an_invalid_session_is_reported_not_silently_dropped(tmp_path: Path) -> None:
    build = build_with(tmp_path, beta("title: Beta\nspeaker: Alan Turing\ndate: soon\n"))
    assert any("2030-11-25-beta.md:4: WARNING: date:" in line for line in build.warning_lines())
    assert "Beta" not in [row[-1] for row in schedule_rows(build.page("index"))]
    # The page itself is still built, so the speaker can see it.
    assert (build.outdir / f"{BETA[:-3]}.html").is_file()


def test_what_a_speaker_naturally_types_is_accepted(tmp_path: Path) -> None:
    # Unquoted times, unquoted dates, '9:30'.  Front-matter is read with
    # PyYAML's BaseLoader, so 9:30 arrives as the text '9:30' (never as
    # YAML 1.1's base-60 number 570) and is parsed as a time like "9:30".
    build = build_with(tmp_path, beta("title: Beta\nspeaker: Alan Turing\ndate: 2030-11-25\nstart: 9:30\nend: 11:00\nroom: Room 2\n"))
    assert build.returncode == 0, build.warnings
    row = [r for r in schedule_rows(build.page("index")) if r[-1] == "Beta"][0]
    assert row == ["48", "Mon, 25.11.2030", "09:30–11:00", "Room 2", "Alan Turing", "Beta"]


def test_an_unquoted_15_00_is_three_in_the_afternoon_in_a_session_and_in_term_defaults(tmp_path: Path) -> None:
    # The term's defaults differ from 15:00, so the session's own unquoted value is what shows.
    term = ("---\ntitle: Term 2030/31\ntimezone: Europe/Berlin\nfirst_day: 2030-10-07\nlast_day: 2031-02-10\n"
            "defaults:\n  start: 10:15\n  end: 11:45\n  room: Room 1\nno_meeting:\n  - 2030-11-18\n---\n")
    build = build_with(tmp_path, {
        f"{TERM}/index.md": term + "\n```{schedule}\n```\n\n```{toctree}\n:glob:\n\n2*\n```\n",
        **beta("title: Beta\nspeaker: Alan Turing\ndate: 2030-11-25\nstart: 15:00\nend: 16:30\nroom: Room 2\n"),
    })
    assert build.returncode == 0, build.warnings
    times = {row[-1]: row[2] for row in schedule_rows(build.page("index"))}
    assert times["Beta"] == "15:00–16:30"
    assert times["Alpha I"] == "10:15–11:45"  # the term's unquoted defaults
    details = build.page(BETA[:-3]).select_one("dl.session-details").get_text(" ", strip=True)
    assert "15:00–16:30" in details


def test_front_matter_text_is_escaped_in_html(tmp_path: Path) -> None:
    title = 'Fish & <b>Chips</b> *not emphasis* $x$ {cite:p}`k`'
    build = build_with(tmp_path, beta(f"title: '{title}'\nspeaker: A <script>alert(1)</script> B\ndate: 2030-11-25\n"))
    assert build.returncode == 0, build.warnings
    page = build.page(BETA[:-3])
    assert page.find("h1").get_text(strip=True).rstrip("¶#") == title
    # No script runs it; the page's schema.org data holds it as text, its "<" escaped as \u003c.
    assert [s for s in page.find_all("script", string=re.compile("alert")) if s.get("type") != "application/ld+json"] == []
    assert "<script>alert" not in "".join(s.get_text() for s in page.find_all("script", type="application/ld+json"))
    assert "A <script>alert(1)</script> B" in page.select_one("dl.session-details").get_text()
    index = build.page("index")
    assert title in [row[-1] for row in schedule_rows(index)]
    assert index.find("b", string="Chips") is None


def test_back_to_back_sessions_in_one_room_do_not_overlap(tmp_path: Path) -> None:
    gamma = f"{TERM}/2030-11-25-gamma.md"
    files = {
        **beta('title: Beta\nspeaker: Alan Turing\ndate: 2030-11-25\nstart: "14:00"\nend: "15:30"\nroom: Room 2\n'),
        gamma: '---\ntitle: Gamma\nspeaker: Emmy Noether\ndate: 2030-11-25\nstart: "15:30"\nend: "17:00"\nroom: Room 2\n---\n',
    }
    build = build_with(tmp_path / "back-to-back", files)
    assert build.returncode == 0, build.warnings
    files[gamma] = files[gamma].replace('start: "15:30"', 'start: "15:29"')
    overlapping = build_with(tmp_path / "overlapping", files)
    assert overlapping.returncode != 0 and "date: overlaps with 'Beta'" in overlapping.warnings
