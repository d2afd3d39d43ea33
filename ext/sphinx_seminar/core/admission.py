"""Which files may be read into the site: one rule for every way a page brings one in.

Pages, ``include`` and ``literalinclude``, ``image`` and ``figure``, the
``download`` role, ``csv-table :file:``, ``raw :file:`` and a session's
materials all ask :meth:`SourceTree.refusal`.  A file is accepted only if

* its real path, with every symbolic link resolved, lies inside the source
  tree;
* no part of its path, as written or as resolved, is hidden (starts with
  ``.``: ``.git``, ``.env``), excluded (``exclude_patterns``), or a build or
  environment folder (one holding ``pyvenv.cfg``, ``conda-meta``,
  ``.buildinfo`` or ``environment.pickle``, or named ``_build``,
  ``node_modules``, ``site-packages`` or ``__pycache__``);
* it is a regular file: a FIFO, a device or a socket is refused from
  ``stat`` alone, never opened (opening a FIFO waits for a writer forever).

Nothing here opens a file.  The core imports no Sphinx, so Sphinx's
``exclude_patterns`` syntax is translated here, as
``sphinx.util.matching`` does it.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import unicodedata
from dataclasses import dataclass

from .problems import Problem

#: Folders that are never content, by name.
TOOL_FOLDERS = frozenset({"_build", "node_modules", "site-packages", "__pycache__"})
#: Files or folders that mark a virtual environment or a build's output, whatever the folder's name.
_MARKERS = (("pyvenv.cfg", "a virtual environment"), ("conda-meta", "a conda environment"),
            (".buildinfo", "a build's output"), ("environment.pickle", "a build's output"))


@dataclass(frozen=True)
class Refusal:
    """Why a file may not be read into the site."""

    reason: str
    #: The file is not there at all: the caller may leave the report to Sphinx.
    missing: bool = False
    #: The path as written lies in a folder that is never content (hidden, a
    #: virtual environment, a build): pages found there are left out without a word.
    not_content: bool = False


def _translate(pattern: str) -> str:
    """Sphinx's glob syntax for ``exclude_patterns`` as a regular expression, as
    ``sphinx.util.matching._translate_pattern`` makes it (``**`` crosses folders,
    ``*`` and ``?`` do not; ``tests/sphinx/test_admission.py`` compares the two)."""
    out, i, n = "", 0, len(pattern)
    while i < n:
        char = pattern[i]
        i += 1
        if char == "*":
            if i < n and pattern[i] == "*":
                i += 1
                out += ".*"
            else:
                out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            j = i + 1 if i < n and pattern[i] == "!" else i
            j += 1 if j < n and pattern[j] == "]" else 0
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                out += "\\["
                continue
            body = pattern[i:j].replace("\\", "\\\\")
            i = j + 1
            if body[0] == "!":
                body = "^/" + body[1:]
            elif body[0] == "^":
                body = "\\" + body
            out += f"[{body}]"
        else:
            out += re.escape(char)
    return out + "$"


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(_translate(pattern))
    except re.error:
        return None  # Sphinx reports such a pattern itself


@functools.lru_cache(maxsize=4096)
def _marker(folder: str) -> str | None:
    """What marks ``folder`` as an environment or a build's output, if anything."""
    for name, what in _MARKERS:
        if os.path.lexists(os.path.join(folder, name)):
            return what
    return None


def forget_markers() -> None:
    """Forget which folders were found to be environments (a new build looks again)."""
    _marker.cache_clear()


def odd_name(name: str) -> str | None:
    """Why a file name cannot name a page (a control or format character), or None."""
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return f"U+{ord(char):04X}"
    return None


@dataclass(frozen=True)
class SourceTree:
    """The source folder and what of it is never published."""

    root: str
    real_root: str
    exclude: tuple[re.Pattern[str], ...] = ()
    #: ``include_patterns``: a page is one of the site's only if its path matches one
    #: (the files a page includes are not pages, and are not asked).
    include: tuple[re.Pattern[str], ...] = (re.compile(".*", re.DOTALL),)

    @classmethod
    def at(cls, root: str | os.PathLike[str], exclude_patterns: tuple[str, ...] | list[str] = (),
           include_patterns: tuple[str, ...] | list[str] = ("**",)) -> "SourceTree":
        absolute = os.path.abspath(root)
        return cls(absolute, os.path.realpath(absolute), tuple(_compiled(p) for p in exclude_patterns if _compiled(p)),
                   # A name with a control character matches too, so that it is reported, not lost.
                   tuple(re.compile(_compiled(p).pattern, re.DOTALL) for p in include_patterns if _compiled(p)))

    def is_listed(self, relative: str) -> bool:
        """Whether the page at ``relative`` (from the root, with its suffix) matches ``include_patterns``."""
        path = relative.replace(os.sep, "/")
        return any(pattern.match(path) for pattern in self.include)

    def refusal(self, path: str | os.PathLike[str], folder: bool = False) -> Refusal | None:
        """Why the file at ``path`` (absolute, or relative to the root) may not be read; None if it may.

        ``folder``: the path is a folder, to be walked for pages.
        """
        written = os.path.normpath(os.path.join(self.root, path))
        relative = os.path.relpath(written, self.root)
        if relative == ".." or relative.startswith(".." + os.sep):
            return Refusal("is outside the site's source folder")
        found = self._not_content(self.root, relative, "", folder)
        if found:
            return Refusal(found, not_content=True)
        real = os.path.realpath(written)
        if os.path.commonpath([self.real_root, real]) != self.real_root:
            return Refusal("leads outside the site's source folder (through a symbolic link)")
        found = self._not_content(self.real_root, os.path.relpath(real, self.real_root), " (through a symbolic link)", folder)
        if found:
            return Refusal(found)
        try:
            mode = os.stat(real).st_mode
        except OSError:
            return Refusal("does not exist", missing=True)
        if folder and stat.S_ISDIR(mode):
            return None
        if not stat.S_ISREG(mode):
            return Refusal(f"is not a regular file ({_kind(mode)})")
        return None

    def _not_content(self, base: str, relative: str, how: str, folder: bool) -> str | None:
        """Why the path ``relative`` under ``base`` is not content: a hidden, excluded, build or environment part."""
        if relative == ".":
            return None
        parts = relative.split(os.sep)
        for index, part in enumerate(parts):
            prefix = "/".join(parts[: index + 1])
            if part.startswith("."):
                return f"is in a hidden file or folder ('{prefix}'){how}"
            if any(pattern.match(prefix) for pattern in self.exclude):
                return f"is excluded from the site ('{prefix}' matches exclude_patterns){how}"
            if part in TOOL_FOLDERS:
                return f"is in a build or tool folder ('{prefix}'){how}"
            if index < len(parts) - 1 or folder:
                marker = _marker(os.path.join(base, *parts[: index + 1]))
                if marker:
                    return f"is in {marker} ('{prefix}'){how}"
        return None

    def include_refusal(self, argument: str, page: str | os.PathLike[str]) -> Refusal | None:
        """Why a file a page names (an include, an image, a download, a material) may not be read.

        ``argument`` is read as Sphinx and MyST read it: relative to the
        page's folder, or to the source folder where it starts with ``/``;
        ``<name>`` is one of docutils' own standard includes, which are no
        file of the site.
        """
        target = argument.strip()
        if target.startswith("<") and target.endswith(">"):
            return None
        page_path = os.path.join(self.root, page)
        base = self.root if target.startswith("/") else os.path.dirname(page_path)
        return self.refusal(os.path.join(base, target.lstrip("/")))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


@dataclass
class Discovery:
    """The pages of a source tree: those that may be read, and those left out."""

    pages: list[str]
    #: (path, problem): a page or folder left out; no problem for a folder
    #: that is never content (hidden, excluded, a build or an environment).
    left_out: list[tuple[str, Problem | None]]


def _page_problem(relative: str, what: str, reason: str, hint: str) -> Problem:
    """A page (named at its first line) or folder (no line) left out."""
    return Problem(shown(relative), 1 if what == "page" else None, None, f"{what} {reason}: it is left out of the site", hint)


def shown(relative: str) -> str:
    """A path as a message shows it: a control character in a name as its escape (``\\n``)."""
    return "".join(char.encode("unicode_escape").decode("ascii") if odd_name(char) else char for char in relative)


_MOVE_IN = "put the file itself in the site's source folder, outside hidden, excluded and build folders, or remove the link"


def discover(tree: SourceTree, suffixes: tuple[str, ...], encoding: str = "utf-8") -> Discovery:
    """Every page (a file with one of ``suffixes``) that the rule lets the site read, and what it leaves out.

    The tree is walked without following symbolic links; a linked folder
    is walked when the rule accepts it and it does not lead back to a
    folder above it (a loop).  A page is read only to see that it is in
    ``encoding``, and only once ``stat`` shows it is a regular file.
    """
    found = Discovery([], [])
    _walk(tree, "", {tree.real_root}, suffixes, encoding, found)
    return found


def _walk(tree: SourceTree, folder: str, above: set[str], suffixes: tuple[str, ...], encoding: str, found: Discovery) -> None:
    try:
        entries = sorted(os.scandir(os.path.join(tree.root, folder)), key=lambda entry: entry.name)
    except OSError as error:
        found.left_out.append((folder, _page_problem(folder, "folder", f"cannot be read ({error.strerror})",
                                                     "make it readable, or remove it")))
        return
    for entry in entries:
        relative = f"{folder}/{entry.name}" if folder else entry.name
        if _is_folder(entry):
            _walk_folder(tree, relative, above, suffixes, encoding, found)
        elif entry.name.endswith(suffixes):
            _admit_page(tree, relative, encoding, found)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


#: A path left out without a word: a folder or page that is never content.
_QUIET = Problem("", None, None, "")


def _left_out(tree: SourceTree, relative: str, what: str) -> Problem | None:
    """Why the page or folder at ``relative`` is left out (``_QUIET``: without a word); None to keep it."""
    refusal = tree.refusal(relative, folder=what == "folder")
    if refusal is not None:
        if refusal.not_content:
            return _QUIET
        hint = "make it a regular file, or remove it" if refusal.reason.startswith("is not a regular") else _MOVE_IN
        return _page_problem(relative, what, refusal.reason, hint)
    odd = odd_name(os.path.basename(relative))
    if odd:
        return _page_problem(relative, what, f"has a control character ({odd}) in its name",
                             "rename it with letters, digits, '-' and '_'")
    return None


def _walk_folder(tree: SourceTree, relative: str, above: set[str], suffixes: tuple[str, ...], encoding: str, found: Discovery) -> None:
    why = _left_out(tree, relative, "folder")
    if why is not None:
        found.left_out.append((relative, None if why is _QUIET else why))
        return
    real = os.path.realpath(os.path.join(tree.root, relative))
    if real in above:
        found.left_out.append((relative, _page_problem(relative, "folder", "is a symbolic link to a folder that holds it (a loop)",
                                                       "remove the link")))
        return
    _walk(tree, relative, above | {real}, suffixes, encoding, found)


def _admit_page(tree: SourceTree, relative: str, encoding: str, found: Discovery) -> None:
    if not tree.is_listed(relative):  # not one of the site's pages (include_patterns), so Sphinx never looks at it
        return
    why = _left_out(tree, relative, "page")
    if why is not None:
        found.left_out.append((relative, None if why is _QUIET else why))
        return
    problem = undecodable_file(os.path.join(tree.root, relative), relative, encoding)
    if problem is not None:
        found.left_out.append((relative, problem))
        return
    found.pages.append(relative)


def undecodable_file(path: str, display: str, encoding: str = "utf-8", data: bytes | None = None) -> Problem | None:
    """Why a page cannot be read in ``encoding``: the line and the first byte that is not in it."""
    if data is None:
        with open(path, "rb") as file:
            data = file.read()
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        name = "UTF-8" if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else encoding
        return Problem(display, line, None, f"file is not {name} (byte 0x{data[error.start]:02x})",
                       f"save the file as {name}; until then the page is left out of the site")
    return None
