"""Whole builds on random front-matter: no traceback, no lost page, no control byte in any output.

Each example writes a handful of session pages into the mini site, with
random values for their fields: text with control characters,
noncharacters and lone surrogates (raw, and as YAML escapes), very long
strings, and the YAML types a field does not expect (lists, mappings,
numbers, booleans, nulls, base-60 times).  ``seminar check`` and a
``-W`` build each run in a fresh process.  Neither may print a traceback;
every page is either built or named in a warning; and no file the build
wrote holds a control character.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitebuild import copy_site, seminar

TERM = "sessions/2030-31"
FIELDS = ["title", "speaker", "affiliation", "date", "start", "end", "room", "timezone", "note", "abstract",
          "series", "status", "reason", "online", "join_url", "moved_from", "materials", "further_reading"]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
ODD = ["\x00", "\x1b", "\x07", "\x08", "\ufffe", "\x7f", "\x85", "\u202e", "\ufeff", "\t", "\u2028"]

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(ODD), max_size=40)
odd_values = st.one_of(
    text,
    st.builds(lambda s: s * 2000, st.sampled_from(["long ", "\x1b", "é"])),  # 2 to 10 KB
    st.lists(text, max_size=3),
    st.dictionaries(st.sampled_from(["name", "slides", "x", "affiliation"]), text, max_size=3),
    st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from(["2030-12-09", "2030-02-30", "15:00", "25:61", "America", "Europe", "Etc/../UTC", "A" * 5000,
                     "cancelled", "moved", "tba", "TBA", "true", "[1, 2", "{a: b", "&a x", "*a", "!!python/object x"]),
)


@st.composite
def front_matter(draw: st.DrawFn, day: int) -> str:
    """One page's front-matter block: mostly valid fields, some of them odd, written in several YAML styles."""
    values: dict = {"title": f"Talk {day}", "speaker": "Ada Lovelace", "date": f"2030-12-{day:02d}"}
    for name in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True)):
        values[name] = draw(odd_values)
    lines = []
    for name, value in values.items():
        if isinstance(value, str) and draw(st.booleans()):
            lines.append(f"{name}: {value}")  # as typed: raw characters, whatever YAML makes of them
        else:
            style = draw(st.sampled_from([None, '"', "'", "|"]))
            try:
                lines.append(yaml.dump({name: value}, allow_unicode=draw(st.booleans()), default_style=style, width=80).rstrip("\n"))
            except yaml.YAMLError:
                lines.append(f"{name}: {value!r}")
    if draw(st.booleans()):
        lines.append('title: "escaped \\x1b[0m \\x00 \\ud800 \\uFFFE"')  # escapes YAML turns into control characters
    return "---\n" + "\n".join(lines) + "\n---\n\n## Notes\n\n" + draw(text) + "\n"


def output_control_characters(outdir: Path) -> list[tuple[str, str]]:
    found = []
    for path in outdir.rglob("*"):
        if path.is_file() and ".doctrees" not in path.parts and path.suffix in (".html", ".ics", ".xml", ".json", ".js", ".txt", ".bib", ".ifb"):
            # Line endings are no control characters: iCalendar's lines end in CRLF (RFC 5545), and
            # the copy of a page's source in _sources/ keeps the line endings its editor wrote.
            shown = CONTROL.findall(path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n"))
            if shown:
                found.append((str(path.relative_to(outdir)), repr(shown[:3])))
    return found


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pages=st.lists(st.integers(2, 28), min_size=2, max_size=5, unique=True).flatmap(
    lambda days: st.tuples(*(st.tuples(st.just(day), front_matter(day)) for day in days))))
def test_random_front_matter_never_gives_a_traceback(pages, tmp_path_factory) -> None:
    tmp_path = tmp_path_factory.mktemp("fuzz")
    site = copy_site("mini", tmp_path)
    names = []
    for day, page in pages:
        name = f"{TERM}/2030-12-{day:02d}-fuzz.md"
        # Lone surrogates cannot be UTF-8: written as such, the page is not UTF-8.
        (site / name).write_bytes(page.encode("utf-8", errors="surrogatepass"))
        names.append(name)
    check = seminar(site, "check")
    assert "Traceback" not in check.stdout + check.stderr, check.stdout + check.stderr
    assert check.returncode in (0, 1)
    outdir = tmp_path / "html"
    build = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-N", "-W", "--keep-going", "-q", str(site), str(outdir)],
                           capture_output=True, text=True, errors="replace", timeout=300)
    assert "Traceback" not in build.stdout + build.stderr and "Exception occurred" not in build.stderr, build.stderr
    assert build.returncode in (0, 1), build.stderr
    assert (outdir / "index.html").is_file()
    schedule = (outdir / "index.html").read_text(encoding="utf-8")
    for (day, _), name in zip(pages, names):  # never silently missing: in the schedule, or named in a warning
        assert f"{day:02d}.12.2030" in schedule or name in build.stderr, (name, build.stderr)
    assert not output_control_characters(outdir)
