"""Upstream's own test suites, with the extension's subclasses in upstream's place.

sphinxcontrib-bibtex ships its test suite in its sdist: the installed
version's sdist is fetched from the package index, its suite is run as it
is, then again with ``tests/upstream/conftest_bibtex.py`` as its
``conftest.py``, which puts the extension's ``cite`` domain in place in
every Sphinx application the suite makes.  Every test that passes with
upstream's domain must pass with the extension's.

myst-parser's sdist holds no tests (its ``tests/`` folder is left out of
what it publishes), so its suite cannot be run from an installed version;
the parser subclass is compared with upstream's parser on whole sites
instead (``tests/site/test_equivalence.py``).
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1]


def sdist(name: str, tmp_path: Path) -> Path:
    """The installed version's source distribution, unpacked."""
    version = importlib.metadata.version(name)
    run = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                          f"{name}=={version}", "-d", str(tmp_path / "sdist")], capture_output=True, text=True, timeout=300)
    archives = list((tmp_path / "sdist").glob("*.tar.gz"))
    if run.returncode or not archives:
        message = f"could not fetch the sdist of {name} {version}: {run.stderr.strip()[-300:]}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with tarfile.open(archives[0]) as archive:
        archive.extractall(tmp_path / "src", filter="data")
    return next((tmp_path / "src").iterdir())


def outcomes(source: Path, report: Path, *environment: tuple[str, str]) -> dict[str, str]:
    """Each test of the suite in ``source`` and how it ended: passed, failed, skipped or error."""
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", "test"],
                         cwd=source, capture_output=True, text=True, timeout=1200, env={**os.environ, **dict(environment)})
    assert report.is_file(), run.stdout[-2000:] + run.stderr[-2000:]
    found = {}
    for case in ElementTree.parse(report).iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        ended = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        found[name] = ended[0] if ended else "passed"
    return found


def test_sphinxcontrib_bibtex_s_own_suite_passes_with_the_extension_s_domain(tmp_path: Path) -> None:
    source = sdist("sphinxcontrib-bibtex", tmp_path)
    upstream = outcomes(source, tmp_path / "upstream.xml")
    passed = {name for name, ended in upstream.items() if ended == "passed"}
    assert len(passed) >= 100, upstream  # the suite ran

    shutil.copyfile(HERE / "upstream" / "conftest_bibtex.py", source / "conftest.py")
    count = tmp_path / "apps-with-the-domain"
    ours = outcomes(source, tmp_path / "ours.xml", ("SEMINAR_DOMAIN_COUNT", str(count)))
    lost = sorted(name for name in passed if ours.get(name) != "passed")
    assert not lost, {name: ours.get(name) for name in lost}
    # The domain was really in place: every application of the suite that loads sphinxcontrib-bibtex had it.
    assert len(count.read_text(encoding="utf-8").splitlines()) >= 50
