"""Names split late, as the speed-ups' ``cite`` domain splits them, format and cite as pybtex's own.

The speed-ups' domain (``cite-domain``) parses the ``.bib`` without
splitting names and splits those of the entries it shows
(:func:`sphinx_seminar.core.bibfields.split_persons`).  Every entry of the
real lab bibliographies is formatted and cited both ways, each side in a
fresh process (``tests/split_names_probe.py``), and compared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import ROOT

REAL_BIBS = sorted((ROOT.parent / "shared" / "data" / "real-bib").glob("*/*.bib"))


@pytest.mark.skipif(not REAL_BIBS, reason="the real lab bibliographies are not in this checkout's shared data")
def test_every_real_entry_is_formatted_and_cited_as_when_pybtex_splits_the_names() -> None:
    # Each side in its own process, both at once: 9,620 entries of two labs' files.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "ext"), os.environ.get("PYTHONPATH", "")])}
    probe = str(Path(__file__).resolve().parents[1] / "split_names_probe.py")
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
    # The comparison sees names with particles, accents and braces.
    shown = "".join(entry[0] for entry in build.values())
    assert "–" in shown and "é" in shown and "von " in shown
