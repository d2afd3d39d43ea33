"""Values without LaTeX skip pybtex's decoder, and nothing shown changes.

The build formats its bibliography within
``sphinx_seminar.speedups.decoding.decoding_where_needed`` (the speed-ups' piece ``latex-decoding``); these tests compare
what that gives with pybtex's own decoding: single values, all short strings,
generated text, and every entry of the real lab bibliographies, formatted
and cited, with each side in a fresh process.
"""

from __future__ import annotations

import itertools
import json
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.richtext import Text

from sitebuild import ROOT
from sphinx_seminar.speedups.decoding import DecodedPerson, decoding_only_where_needed, decoding_where_needed, rich_text

REAL_BIBS = sorted((ROOT.parent / "shared" / "data" / "real-bib").glob("*/*.bib"))
# Printable ASCII and a few of what .bib files hold beyond it.
ALPHABET = string.printable[:-5] + "\t\néü–’\xa0\u2009ß"


def _decoded(value: str) -> str:
    # What pybtex gives, or the error it raises.
    try:
        return repr(Text.from_latex(value))
    except Exception as error:  # noqa: BLE001 - any error must be the same error
        return f"{type(error).__name__}: {error}"


def _shortcut(value: str) -> str:
    with decoding_where_needed():
        try:
            return repr(rich_text(value))
        except Exception as error:  # noqa: BLE001
            return f"{type(error).__name__}: {error}"


def test_every_string_of_up_to_two_characters_is_what_pybtex_gives() -> None:
    values = ["", *ALPHABET, *("".join(pair) for pair in itertools.product(ALPHABET, repeat=2))]
    values += [f"a{value}b" for value in values]
    assert [v for v in values if _shortcut(v) != _decoded(v)] == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40) | st.from_regex(r"[A-Za-z][A-Za-z0-9 .,:;()/'-]{0,40}", fullmatch=True))
def test_generated_text_is_what_pybtex_gives(value: str) -> None:
    assert _shortcut(value) == _decoded(value)


@pytest.mark.parametrize("value, decoded", [
    ("Journal of Machine Learning Research", "Journal of Machine Learning Research"),
    ("23--561", "23–561"),
    ("{B}ayesian", "Bayesian"),
    ("Erd{\\H{o}}s", "Erdős"),
    ("``quoted''", "“quoted”"),
    ("a~b", "a\xa0b"),
    ("two  spaces", "two spaces"),
    ("$-$1", "−1"),
])
def test_values_are_decoded_as_pybtex_decodes_them(value: str, decoded: str) -> None:
    with decoding_where_needed():
        assert str(rich_text(value)) == decoded


def test_the_shortcut_holds_only_within_the_formatting() -> None:
    assert not decoding_only_where_needed()
    with pytest.raises(RuntimeError), decoding_where_needed():
        assert decoding_only_where_needed()
        raise RuntimeError
    assert not decoding_only_where_needed()


def test_names_split_by_the_build_have_the_parts_pybtex_gives() -> None:
    from pybtex.database import Person

    for name in ("Erd{\\H{o}}s, Paul", "von Neumann, John", "Kipf, Thomas N.", "de la Vall{\\'e}e Poussin, Charles Jean", "King, Jr., Martin"):
        ours, theirs = DecodedPerson(name), Person(name)
        with decoding_where_needed():
            parts = [ours.rich_first_names, ours.rich_middle_names, ours.rich_prelast_names, ours.rich_last_names, ours.rich_lineage_names]
        assert parts == [theirs.rich_first_names, theirs.rich_middle_names, theirs.rich_prelast_names, theirs.rich_last_names,
                         theirs.rich_lineage_names], name


@pytest.mark.skipif(not REAL_BIBS, reason="the real lab bibliographies are not in this checkout's shared data")
def test_every_real_entry_is_formatted_and_cited_as_with_pybtexs_decoding() -> None:
    # Each side in its own process, both at once: 9,620 entries of two labs' files.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "ext"), os.environ.get("PYTHONPATH", "")])}
    probe = str(Path(__file__).resolve().parents[1] / "bibtext_probe.py")
    runs = {mode: subprocess.Popen([sys.executable, probe, mode, *map(str, REAL_BIBS)], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=env) for mode in ("build", "pybtex")}
    results = {}
    for mode, run in runs.items():
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        results[mode] = json.loads(out)
    build, pybtex = results["build"], results["pybtex"]
    assert len(build) > 9000 and list(build) == list(pybtex)
    assert [key for key in build if build[key] != pybtex[key]] == []
    # The comparison sees what the decoder does: dashes, accents and braces were there to decode.
    shown = "".join(entry[0] for entry in build.values())
    assert "–" in shown and "é" in shown


def _decoder_calls(build) -> tuple[int, object]:
    # pybtex's decoder calls during a build, seen through the interpreter's profile hook
    # (nothing of pybtex is replaced).
    decoder = Text.from_latex.__func__.__code__
    calls = 0

    def profile(frame, event, arg) -> None:
        nonlocal calls
        if event == "call" and frame.f_code is decoder:
            calls += 1

    sys.setprofile(profile)
    try:
        result = build()
    finally:
        sys.setprofile(None)
    return calls, result


def test_the_build_formats_most_values_without_the_decoder(tmp_path: Path) -> None:
    import shutil

    from sitebuild import copy_site, sphinx_build

    site = copy_site("mini", tmp_path)
    shutil.copyfile(ROOT / "references.bib", site / "site.bib")
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nbibtex_bibfiles = ["refs.bib", "site.bib"]\n', encoding="utf-8")
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {cite:t}`kipf2017gcn`, {cite:p}`bodnar2021cellular,prince2023udl`"
                    " and {cite:p}`hammond2011wavelets`.\n", encoding="utf-8")
    ours, ours_build = _decoder_calls(lambda: sphinx_build(site, tmp_path / "ours"))
    theirs, theirs_build = _decoder_calls(lambda: sphinx_build(site, tmp_path / "theirs", "-D", "seminar_speedups=0"))
    assert ours_build.returncode == theirs_build.returncode == 0, ours_build.warnings + theirs_build.warnings
    # Upstream's way decodes every field and name part of the five entries, for the
    # References page and each citation; the build only page ranges, braces and accents.
    assert theirs > 60 and ours < theirs / 3, (ours, theirs)
