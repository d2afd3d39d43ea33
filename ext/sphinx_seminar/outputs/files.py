"""Output files written only where their bytes change."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` (parents created) unless the file holds these bytes; True when written.

    An unchanged file keeps its time, so that a publishing step that syncs
    by time sends only what changed.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
