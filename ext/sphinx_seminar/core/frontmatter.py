"""Read a page's YAML front-matter ourselves, keeping line numbers.

myst-parser hands front-matter to Sphinx as strings without line numbers,
and its YAML loader turns an unquoted ``15:00`` into ``900``.  We read the
block again with PyYAML's ``BaseLoader``, which keeps every scalar as the
text the speaker typed, and remember the line of every key and list item
so that each problem can name ``file:line``.

Front-matter arrives by pull request, so it is bounded before PyYAML
builds anything from it: its size, the size of one value and the depth of
nesting are limited, and anchors, aliases, merge keys and explicit tags
are refused (front-matter has no use for them; an alias is how a
twenty-line "billion laughs" block expands to gigabytes).  The check
reads PyYAML's event stream, which costs the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .admission import undecodable_file
from .problems import Problem

# libyaml's loader where PyYAML has it (ten times faster), the same results.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

#: A path into the front-matter: ``("no_meeting", 2)`` is the third item of
#: the ``no_meeting`` list.
Loc = tuple[str | int, ...]


@dataclass
class FrontMatter:
    """The front-matter of one page, as plain strings, lists and dicts."""

    values: dict[str, Any]
    #: 1-based line in the file of every key and list item.
    lines: dict[Loc, int] = field(default_factory=dict)
    #: 1-based line of the opening ``---``.
    first_line: int = 1
    #: 1-based line of the closing ``---``.
    last_line: int = 1
    #: The body's first ``# heading`` and its line: the title of a page
    #: whose front-matter has none.
    body_heading: tuple[str, int] | None = None

    def line_of(self, loc: Loc) -> int:
        """The line of ``loc``, or of its closest enclosing key."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


def read_page(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """A page's text as the build reads it, or None and the problem when it is not UTF-8.

    A byte-order mark and Windows (CRLF) or old Mac (CR) line endings are
    what editors write: they are removed and normalised without a word,
    as Sphinx does when it reads the page.  Control characters are dropped,
    each line that had one reported (:func:`drop_control_characters`).
    """
    data = path.read_bytes()
    problem = undecodable(path, display, data=data)
    if problem is not None:
        return None, [problem]
    return drop_control_characters(normalise(data.decode("utf-8")), display)


# Characters no output may carry: C0 controls but tab and line feed, DEL, C1
# controls, surrogates and the noncharacters (XML 1.0 refuses most of them,
# and the others are invisible in a title).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                      + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)) + "]")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def control_characters(text: str) -> list[str]:
    """The control characters and noncharacters in ``text``, as U+XXXX."""
    return [f"U+{ord(char):04X}" for char in _CONTROL.findall(text)]


def without_control_characters(text: str) -> str:
    return _CONTROL.sub("", text)


def drop_control_characters(text: str, display: str) -> tuple[str, list[Problem]]:
    """``text`` without control characters and noncharacters; a problem for each line that had some.

    They are dropped, not refused: the page and its session stay in the
    site, without the invisible character, and a ``-W`` build fails on the
    warning.  In front-matter the problem names the field of the line.
    """
    if _CONTROL.search(text) is None:
        return text, []
    lines = text.split("\n")
    block = split_front_matter(text)
    problems = []
    for number, line in enumerate(lines, start=1):
        found = control_characters(line)
        if found:
            field = _field_of_line(lines, number) if block and block[1] < number < block[2] else None
            problems.append(_control_problem(display, number, field, found))
    return without_control_characters(text), problems


def _control_problem(display: str, line: int | None, field: str | None, found: list[str]) -> Problem:
    return Problem(display, line, field, f"control character {', '.join(dict.fromkeys(found))} dropped",
                   "delete the invisible character (retype the text)")


def _field_of_line(lines: list[str], number: int) -> str | None:
    """The top-level front-matter field whose value the line ``number`` (1-based) is part of."""
    for line in reversed(lines[1:number]):
        key = _KEY.match(line)
        if key:
            return key.group(1)
    return None


def undecodable(path: Path, display: str, encoding: str = "utf-8", data: bytes | None = None) -> Problem | None:
    """Why a page cannot be read in ``encoding`` (see :func:`sphinx_seminar.core.admission.undecodable_file`)."""
    return undecodable_file(str(path), display, encoding, data)


def normalise(text: str) -> str:
    """Text without a leading BOM and with LF line endings."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_source(path: Path, display: str) -> tuple[FrontMatter | None, list[Problem]]:
    """The front-matter of a page, with the problems of the file and of the front-matter."""
    text, problems = read_page(path, display)
    if text is None:
        return None, problems
    front, more = read_front_matter(text, display)
    return front, problems + more


def split_front_matter(text: str) -> tuple[str, int, int] | None:
    """Return the YAML between the ``---`` fences and the fences' lines.

    ``None`` when the page does not start with a front-matter block.
    """
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), 1, number
    return None


def _late_front_matter(text: str) -> int | None:
    """The line of a '---' block of 'field: value' lines below the top, if any."""
    lines = text.splitlines()
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---" and number < len(lines) and re.match(r"^[A-Za-z_]\w*:", lines[number]):
            return number
    return None


#: Front-matter beyond these is refused before it is parsed: a session's
#: fields and abstract take a few kilobytes.
MAX_FRONT_MATTER = 64 * 1024
MAX_VALUE = 16 * 1024
MAX_DEPTH = 8
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


# What anchors (&), aliases (*), tags (!), merge keys (<<), flow collections
# ([, {), complex keys (?) and block sequences nested on one line (- -) need.
_MAY_BE_UNSAFE = re.compile(r"[&*!\[{]|<<|^[ \t]*\?|^[ \t]*-[ \t]+-", re.M)
_INDENT = re.compile(r"^[ \t]{%d,}\S" % (MAX_DEPTH - 1), re.M)


def _plainly_safe(yaml_text: str) -> bool:
    """True for front-matter that cannot hold what :func:`unsafe_yaml` refuses: no character
    that starts an anchor, alias, tag or flow collection, indented too little to nest deeper
    than the limit, shorter than a value may be.  Most pages are such, and skip the event scan."""
    return (len(yaml_text) <= MAX_VALUE and _MAY_BE_UNSAFE.search(yaml_text) is None
            and _INDENT.search(yaml_text) is None)


def unsafe_yaml(yaml_text: str, path: str, offset: int) -> Problem | None:
    """The first reason to refuse this front-matter before composing it, if any.

    ``offset`` is the file line of the YAML's first line.  Syntax errors
    are left to the composer, which reports them with their line.
    """
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER:
        return Problem(path, offset, None, f"front-matter is larger than {MAX_FRONT_MATTER // 1024} KB",
                       "keep the fields short and move long text into the page body")
    if _plainly_safe(yaml_text):
        return None
    # One entry per open collection: is it a mapping, and how many nodes it holds so far
    # (in a mapping, even counts are keys).
    open_collections: list[list] = []
    field: str | None = None  # the top-level field being read, for the messages
    try:
        for event in yaml.parse(yaml_text, Loader=_LOADER):
            line = offset + event.start_mark.line
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Problem(path, line, field, "YAML anchors and aliases ('&name', '*name') are not allowed in front-matter",
                               "write each value out in full")
            # The parser sets a tag only where one was written ('!!str', '!foo').
            if getattr(event, "tag", None) is not None:
                return Problem(path, line, field, "explicit YAML tags ('!!str', '!name') are not allowed in front-matter",
                               "remove the tag and write the value as plain text")
            is_key = bool(open_collections) and open_collections[-1][0] and open_collections[-1][1] % 2 == 0
            if is_key and len(open_collections) == 1 and isinstance(event, yaml.ScalarEvent):
                field = event.value[:40]
            if isinstance(event, (yaml.ScalarEvent, *_COLLECTION_START)) and open_collections:
                open_collections[-1][1] += 1
            if isinstance(event, yaml.ScalarEvent):
                if is_key and event.value == "<<" and event.implicit[0]:
                    return Problem(path, line, field, "YAML merge keys ('<<') are not allowed in front-matter",
                                   "write each field out in full")
                if len(event.value) > MAX_VALUE:
                    return Problem(path, line, field, f"a value is longer than {MAX_VALUE // 1024} KB",
                                   "shorten it; long text belongs in the page body")
            elif isinstance(event, _COLLECTION_START):
                open_collections.append([isinstance(event, yaml.MappingStartEvent), 0])
                if len(open_collections) > MAX_DEPTH:
                    return Problem(path, line, field, f"front-matter is nested more than {MAX_DEPTH} levels deep",
                                   "write one 'field: value' per line, with lists of simple items")
            elif isinstance(event, _COLLECTION_END):
                open_collections.pop()
    except yaml.YAMLError:
        return None  # the composer reports it, with its line
    return None


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_H1 = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")


def first_heading(text: str, after: int) -> tuple[str, int] | None:
    """The text and line of the first ``# heading`` below line ``after``, outside code fences."""
    fence = None
    for number, line in enumerate(text.split("\n")[after:], start=after + 1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = None
        elif opening:
            fence = opening.group(1)
        elif heading := _ATX_H1.match(line):
            return " ".join(heading.group(1).split()), number
    return None


def _syntax_problem(error: yaml.YAMLError, yaml_text: str, path: str, offset: int) -> Problem:
    """A YAML error as a problem on its line (a character YAML refuses has no mark, only a position)."""
    hint = "check indentation and quote values that contain ': ' or start with a special character"
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = offset + (mark.line if mark else 0)
        what = error.problem or str(error)
    elif isinstance(error, yaml.reader.ReaderError):
        line = offset + yaml_text[: error.position].count("\n")
        what = f"control character U+{error.character:04X}" if isinstance(error.character, int) else error.reason
        hint = "delete the invisible character (retype the line)"
    else:
        line, what = offset, str(error)
    return Problem(path, line, None, f"YAML syntax error: {what}", hint)


def read_front_matter(text: str, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse the front-matter of ``text`` (the contents of ``path``)."""
    block = split_front_matter(text)
    if block is None:
        later = _late_front_matter(text)
        if later is not None:
            return None, [
                Problem(path, later, None, "front-matter is not at the top of the page",
                        "move the '---' block to the very first line, before any text")
            ]
        opened = text.lstrip("\r\n").startswith("---")
        return None, [
            Problem(
                path,
                1,
                None,
                "front-matter is not closed" if opened else "page has no front-matter",
                "end the block with a line '---'"
                if opened
                else "start the page with a '---' line, the fields, and a closing '---' line",
            )
        ]
    yaml_text, first, last = block
    refused = unsafe_yaml(yaml_text, path, first + 1)
    if refused:
        return None, [refused]
    try:
        node = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, yaml_text, path, first + 1)]
    if node is None:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        return None, [
            Problem(
                path,
                first + 1,
                None,
                "front-matter is not a mapping of fields",
                "write one 'field: value' per line",
            )
        ]
    front = FrontMatter(values={}, first_line=first, last_line=last, body_heading=first_heading(text, last))
    problems: list[Problem] = []
    front.values = _plain_mapping(node, (), front, problems, path, offset=first + 1)
    return front, problems


def _plain(node: yaml.Node, loc: Loc, front: FrontMatter, problems: list[Problem], path: str, offset: int) -> Any:
    front.lines[loc] = offset + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        return _plain_mapping(node, loc, front, problems, path, offset)
    if isinstance(node, yaml.SequenceNode):
        return [
            _plain(item, (*loc, index), front, problems, path, offset)
            for index, item in enumerate(node.value)
        ]
    found = control_characters(node.value)
    if found:  # written as a YAML escape ("\\x1b"): the text had none
        problems.append(_control_problem(path, front.lines[loc], ".".join(str(part) for part in loc), found))
        return without_control_characters(node.value)
    return node.value


def _plain_mapping(node: yaml.MappingNode, loc: Loc, front: FrontMatter, problems: list[Problem], path: str, offset: int) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = without_control_characters(str(key_node.value))
        line = offset + key_node.start_mark.line
        name = ".".join(str(part) for part in (*loc, key))
        if key in result:
            problems.append(
                Problem(
                    path,
                    line,
                    name,
                    f"field given twice (first on line {front.lines[(*loc, key)]})",
                    "keep one of the two lines",
                )
            )
            continue
        result[key] = _plain(value_node, (*loc, key), front, problems, path, offset)
        front.lines[(*loc, key)] = line
    return result
