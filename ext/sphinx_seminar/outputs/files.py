"""The one writer of the files beside the pages (``formats.registry``): only where their bytes change."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` (parents created) unless the file holds these bytes; True when written.

    An unchanged file keeps its time, so that a publishing step that syncs
    by time sends only what changed.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    # Whole or not at all: a build stopped here leaves the old file, not half of the new one.
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
    return True


def write_files(outdir: Path, files: Mapping[str, Callable[[], bytes]]) -> list[str]:
    """Each of ``files`` (name from ``outdir`` -> its bytes) where it changed; the names written."""
    return [name for name, render in files.items() if write_if_changed(outdir / name, render())]
