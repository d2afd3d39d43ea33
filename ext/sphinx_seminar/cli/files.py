"""Writing the files the commands create: only new ones, only inside the folder they were given.

``seminar init``, ``seminar term new`` and ``seminar new`` never overwrite
a file and never follow a symbolic link: each file is created with
``O_EXCL | O_NOFOLLOW``, and each folder on its way below ``root`` must be
a real folder, not a link (which could lead out of ``root``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

#: One folder name: what ``--id`` and the like may be.
FOLDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def why_not_written(root: Path, relative: str, text: str) -> str | None:
    """Write ``text`` to ``root / relative`` if it is new; else why it was not written."""
    folder = root
    parts = relative.split("/")
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink():
            return f"{folder} is a symbolic link, which may lead out of {root}"
        if folder.exists() and not folder.is_dir():
            return f"{folder} is not a folder"
        folder.mkdir(exist_ok=True)
    path = folder / parts[-1]
    if path.is_symlink():
        return "it is a symbolic link"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        return "it exists already"
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return None
