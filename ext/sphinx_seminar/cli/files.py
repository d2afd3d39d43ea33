"""Writing the files the commands create: only new ones, only inside the folder they were given.

``seminar init``, ``seminar term new`` and ``seminar new`` never overwrite
a file and never follow a symbolic link: each file is created with
``O_EXCL | O_NOFOLLOW``, and each folder on its way below ``root`` must be
a real folder, not a link (which could lead out of ``root``).
``seminar schemas`` rewrites its Markdown references, but only a file that
starts with the line it writes first (:func:`why_not_rewritten`): a file it
did not create is kept.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

#: One folder name: what ``--id`` and the like may be.
FOLDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _folder(root: Path, parts: list[str]) -> Path | str:
    """The folder ``root / parts``, made where missing; else why it may not be written in."""
    folder = root
    for part in parts:
        folder = folder / part
        if folder.is_symlink():
            return f"{folder} is a symbolic link, which may lead out of {root}"
        if folder.exists() and not folder.is_dir():
            return f"{folder} is not a folder"
        folder.mkdir(exist_ok=True)
    return folder


def why_not_written(root: Path, relative: str, text: str) -> str | None:
    """Write ``text`` to ``root / relative`` if it is new; else why it was not written."""
    parts = relative.split("/")
    folder = _folder(root, parts[:-1])
    if isinstance(folder, str):
        return folder
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


def why_not_rewritten(root: Path, relative: str, text: str, first: str) -> str | None:
    """Write ``text`` to ``root / relative``, new or over a file whose first line starts with ``first``
    (one this command wrote); else why it was not written."""
    reason = why_not_written(root, relative, text)
    if reason != "it exists already":
        return reason
    try:  # the file that is there, never through a link: checked and rewritten through one descriptor
        descriptor = os.open(root / relative, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        return f"it cannot be opened ({error.strerror})"
    with os.fdopen(descriptor, "r+", encoding="utf-8", newline="\n") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return "it is not a regular file"
        try:
            ours = file.readline().startswith(first)
        except UnicodeDecodeError:
            ours = False
        if not ours:
            return f"it does not start with {first.strip()!r}: this command did not write it"
        file.seek(0)
        file.truncate()
        file.write(text)
    return None
