"""How often, and when, each session page last changed, read from the repository's git history.

An iCalendar event carries ``SEQUENCE`` (how many times it changed, so that calendar
programs replace their copy), ``LAST-MODIFIED`` and ``DTSTAMP``.  Taking them from the
wall clock would make two builds of one commit differ byte for byte, and taking them
from file times would too (a fresh clone gives every file the clone's time).  The
commits are the same on every machine, so they decide:

* ``sequence`` is the number of commits reachable from ``HEAD`` that changed the file,
  minus one, plus one while the working copy differs from ``HEAD``; ``modified`` is the
  committer date of the last of those commits, or the file's mtime while it has
  uncommitted changes.  A file git does not know (untracked, ignored) is at 0, mtime.
* Without git (not installed, not a repository, failing, slower than 20 s) every file
  is at 0 and at ``SOURCE_DATE_EPOCH`` when it is set, else at its mtime, and the
  reason comes back for a warning.  Nothing here raises or prints: a site builds from a
  tarball too.

Limits, all of git's making:

* Renames are not followed: a renamed page starts again at 0 (``git log --follow``
  follows one file per call, and one call per page would be a thousand calls).
* A shallow clone (``git clone --depth``, the default of many CI checkouts) sees only
  its own commits, so its counts are smaller and can differ from a full clone's; fetch
  the whole history where the calendar is published.
* A merge's own changes (a conflict resolved by hand) are not counted; the commits it
  brings in are (``--full-history``, so that the count does not depend on whether the
  files or their folders were named to git).

Two git calls (``log`` and ``status``) serve all pages together, after one that finds
the repository's top folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

TIMEOUT = 20
"""Seconds one git call may take before the files' own times are used."""

MANY = 64
"""Above this many files, git is given their folders, to keep its command line short."""

_ENVIRONMENT = {"GIT_PAGER": "cat", "PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0",
                "GIT_TERMINAL_PROMPT": "0"}
"""No pager, English messages (they are matched), and no index refresh written by status."""

_FOREIGN = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
            "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_GLOB_PATHSPECS", "GIT_NOGLOB_PATHSPECS",
            "GIT_ICASE_PATHSPECS")
"""Variables (set inside git hooks, for one) that would point git away from ``root`` or
change how the file names given to it are read."""

_SETTINGS = ("core.quotepath=off", "log.follow=false", "log.showSignature=false", "diff.renames=false",
             "status.renames=false", "color.ui=never")
"""The user's settings that would change the output parsed here."""


@dataclass(frozen=True)
class Revision:
    """How many times a page changed and when it last did, for an event's ``SEQUENCE``,
    ``LAST-MODIFIED`` and ``DTSTAMP``."""

    sequence: int
    modified: dt.datetime


class _NoGit(Exception):
    """Why git's history cannot be used; the message is shown to the user."""


def revisions(root: Path, paths: Iterable[Path]) -> tuple[dict[Path, Revision], str | None]:
    """Revision of each path (absolute paths under root), and why git was not used (None when it was).

    Relative paths are taken from ``root``; the result's keys are absolute.
    """
    files = list(dict.fromkeys(Path(root, path) for path in paths))
    if not files:
        return {}, None
    try:
        changes, dirty, names = _git_facts(Path(root), files)
    except _NoGit as reason:
        return {file: Revision(0, _untracked_time(file)) for file in files}, str(reason)
    return {file: _revision(file, changes.get(names.get(file, "")), names.get(file) in dirty)
            for file in files}, None


def is_shallow(root: Path) -> bool:
    """Whether ``root`` is in a shallow clone (``git clone --depth``), whose counts are too small."""
    try:
        return _git(Path(root), "rev-parse", "--is-shallow-repository").strip() == b"true"
    except _NoGit:
        return False


SHALLOW = ("the git history is shallow (a clone with --depth, as CI checkouts make by default): the calendars' "
           "SEQUENCE and LAST-MODIFIED count only the commits it holds, so calendar programs may not notice a "
           "change (fetch the whole history: git fetch --unshallow, or in GitHub Actions actions/checkout with "
           "fetch-depth: 0)")


def _revision(file: Path, change: tuple[int, int] | None, dirty: bool) -> Revision:
    """The rule of the module's docstring, for one file: ``change`` is (commits, last commit time)."""
    if change is None:
        return Revision(0, _file_time(file))
    count, last = change
    committed = _utc(last)
    if dirty:
        return Revision(count, _file_time(file, committed))
    return Revision(count - 1, committed)


def _git_facts(root: Path, files: list[Path]) -> tuple[dict[str, tuple[int, int]], set[str], dict[Path, str]]:
    """Commits per file, the files with uncommitted changes, and each file's name as git writes it."""
    if shutil.which("git") is None:
        raise _NoGit("git is not installed")
    top = Path(os.path.realpath(os.fsdecode(_git(root, "rev-parse", "--show-toplevel").rstrip(b"\r\n"))))
    names = _repository_names(files, top)
    if not names:
        return {}, set(), names
    specs = _pathspecs(names.values())
    log = _git_log(top, specs)
    status = _git(top, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", *specs)
    return _parse_log(log), _parse_status(status), names


def _git_log(top: Path, specs: list[str]) -> bytes:
    """The history of the pathspecs; a repository without commits has an empty one."""
    try:
        return _git(top, "log", "--format=%x00%ct", "--name-only", "-z", "--no-merges", "--full-history",
                    "--no-renames", "--", *specs)
    except _NoGit as reason:
        if "does not have any commits" in str(reason):
            return b""
        raise


def _git(cwd: Path, *args: str) -> bytes:
    """git's output, in bytes as file names are; any failure becomes a ``_NoGit`` with a reason."""
    settings = [item for setting in _SETTINGS for item in ("-c", setting)]
    command = ["git", "--no-pager", "--literal-pathspecs", *settings, *args]
    try:
        run = subprocess.run(command, cwd=cwd, env=_environment(), capture_output=True,
                             stdin=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise _NoGit(f"git took longer than {TIMEOUT} s") from None
    except OSError as error:
        raise _NoGit(f"git could not be run ({error.strerror or error})") from None
    if run.returncode:
        raise _NoGit(_failure(run.stderr))
    return run.stdout


def _environment() -> dict[str, str]:
    """The user's environment, minus what would make git's answer depend on more than ``root``."""
    environment = {key: value for key, value in os.environ.items() if key not in _FOREIGN}
    return environment | _ENVIRONMENT


def _failure(stderr: bytes) -> str:
    """One short sentence from git's complaint."""
    text = stderr.decode("utf-8", "replace")
    if "not a git repository" in text:
        return "not a git repository"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0].removeprefix("fatal: ").removeprefix("error: ") if lines else "no message"
    return f"git failed: {first[:200]}"


def _repository_names(files: list[Path], top: Path) -> dict[Path, str]:
    """Each file's path from the repository's top, with ``/``, as git writes it.

    The folder is resolved (a root reached through a symbolic link, or ``/tmp`` on
    macOS), not the file, since git records a linked file as the link.  Files outside
    the repository are left out: git would refuse the whole call for them.
    """
    names = {}
    for file in files:
        real = Path(os.path.realpath(file.parent), file.name)
        try:
            names[file] = _normal(real.relative_to(top).as_posix())
        except ValueError:
            continue
    return names


def _pathspecs(names: Iterable[str]) -> list[str]:
    """The files themselves when few, else their folders without those inside another, else the top.

    Folders name more files than were asked for; the parsers keep them, and
    ``revisions`` reads only the ones asked for.
    """
    files = sorted(set(names))
    if len(files) <= MANY:
        return files
    folders = {str(PurePosixPath(name).parent) for name in files}
    outermost = sorted(folder for folder in folders
                       if not any(str(parent) in folders for parent in PurePosixPath(folder).parents))
    return outermost if len(outermost) <= MANY else ["."]


def _parse_log(output: bytes) -> dict[str, tuple[int, int]]:
    """(number of commits, latest committer time) per file, from ``log --format=%x00%ct --name-only -z``.

    Each commit is an empty field (file names never are), its time, then its files,
    the first after a line break; so any byte but NUL may be in a name.
    """
    changes: dict[str, tuple[int, int]] = {}
    for time, name in _log_entries(output.split(b"\0")):
        count, last = changes.get(name, (0, time))
        changes[name] = (count + 1, max(last, time))
    return changes


def _log_entries(fields: list[bytes]) -> Iterator[tuple[int, str]]:
    """(commit time, file name) for each file of each commit."""
    time, first = None, False
    entries = iter(fields)
    for field in entries:
        if not field:
            header = next(entries, b"")
            time, first = (int(header), True) if header.isdigit() else (None, False)
        elif time is not None:
            yield time, _normal(os.fsdecode(field[1:] if first and field.startswith(b"\n") else field))
            first = False


def _parse_status(output: bytes) -> set[str]:
    """The files that differ from ``HEAD``, from ``status --porcelain -z``: ``XY name``, and
    after a rename or copy the old name as a field of its own."""
    dirty = set()
    fields = iter(output.split(b"\0"))
    for field in fields:
        if len(field) < 4:
            continue
        dirty.add(_normal(os.fsdecode(field[3:])))
        if b"R" in field[:2] or b"C" in field[:2]:
            next(fields, None)
    return dirty


def _normal(name: str) -> str:
    """One spelling of "ü" for both sides: macOS may write it decomposed, git composed."""
    return unicodedata.normalize("NFC", name)


def _untracked_time(file: Path) -> dt.datetime:
    """Without git: ``SOURCE_DATE_EPOCH`` when set, the reproducible-builds convention, else the mtime."""
    return _source_date_epoch() or _file_time(file)


def _file_time(file: Path, fallback: dt.datetime | None = None) -> dt.datetime:
    """The file's mtime; a file that cannot be read gets ``fallback``, ``SOURCE_DATE_EPOCH`` or
    the epoch, so that every path asked for has a time and none comes from the clock."""
    try:
        return _utc(file.stat().st_mtime_ns // 1_000_000_000)
    except (OSError, ValueError, OverflowError):
        return fallback or _source_date_epoch() or _utc(0)


def _source_date_epoch() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (seconds), or None when unset or not a usable number."""
    try:
        return _utc(int(os.environ["SOURCE_DATE_EPOCH"]))
    except (KeyError, ValueError, OverflowError, OSError):
        return None


def _utc(seconds: int) -> dt.datetime:
    """A time as iCalendar writes it: UTC, whole seconds."""
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
