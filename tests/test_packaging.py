"""The extension as a package: a wheel carries every file a site built from it links."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from sitebuild import ROOT


def clean_copy(target: Path) -> Path:
    """The repository's tracked files only, as a fresh clone has them (no build leftovers such as egg-info)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def test_the_wheel_carries_the_browser_files(tmp_path: Path) -> None:
    source = clean_copy(tmp_path / "source")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    static = sorted(p.relative_to(ROOT / "ext").as_posix() for p in (ROOT / "ext/seminar/static").iterdir())
    assert static == ["seminar/static/seminar.css", "seminar/static/seminar.js"]
    assert set(static) <= names
    assert "seminar/py.typed" in names and "seminar/extension.py" in names
