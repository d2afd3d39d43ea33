"""The front-matter schema, machine-readable (JSON Schema) and as Markdown tables for the docs.

Both are made from :mod:`sphinx_seminar.core.model`, where each field states
its kind (with the kind's :class:`~sphinx_seminar.core.fields.Label`), its
default, whether it is required (pydantic's own, or a
:class:`~sphinx_seminar.core.fields.Need` where the term may supply it) and
its description: nothing here guesses.  The configuration reference is made
the same way from :data:`sphinx_seminar.core.configvalues.CONFIG_VALUES`.
``seminar schemas`` writes the checked-in files (these JSON Schemas and
``schedule.json``'s in ``docs/_static``, the Markdown references in
``docs/reference``, which the docs' pages include and GitHub shows as
they are); a test fails when they are out of date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .configvalues import CONFIG_VALUES, ConfigValue
from .fields import Label, Need, label_of
from .model import SessionFields, TermFields

SCHEMA_DIR = Path("docs") / "_static"
SCHEMAS: dict[str, type[BaseModel]] = {"session.schema.json": SessionFields, "term.schema.json": TermFields}


def _marker(info: FieldInfo, kind: type) -> Any:
    return next((part for part in info.metadata if isinstance(part, kind)), None)


def need(info: FieldInfo) -> str | None:
    """The field's own word on whether it is required, where the model states one."""
    marker = _marker(info, Need)
    return marker.text if marker else None


def label(info: FieldInfo) -> str:
    """What the reference calls the field's kind of value."""
    marker = _marker(info, Label)
    return marker.text if marker else label_of(info.annotation)


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # A field the term may supply is not required of the page alone.
    schema["required"] = [name for name, info in model.model_fields.items() if info.is_required() and need(info) is None]
    if not schema["required"]:
        del schema["required"]
    return schema


def render(model: type[BaseModel]) -> str:
    return json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"


def _default(info: FieldInfo) -> str | None:
    """The default a page gets without the field, as the front-matter writes it; None where there is none to show."""
    value = info.default
    if info.is_required() or value in (None, ..., PydanticUndefined) or isinstance(value, BaseModel):
        return None
    if isinstance(value, bool):  # the front-matter's words, not Python's
        return "true" if value else "false"
    return str(value)


def _needed(info: FieldInfo) -> tuple[str, str | None]:
    """Whether the field is required, in words, and its default (None where it has none)."""
    stated = need(info)
    if stated:
        return stated, None
    if info.is_required():
        return "required", None
    default = _default(info)
    return ("default", default) if default is not None else ("optional", None)


def field_rows(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """(name, kind, required or default, description) for each field."""
    rows = []
    for name, info in model.model_fields.items():
        required, default = _needed(info)
        rows.append((name, label(info), f"default: {default}" if default is not None else required, info.description or ""))
    return rows


# -- The references as GitHub-flavoured Markdown -----------------------------------------------------------

REFERENCE_DIR = Path("docs") / "reference"
#: The first line of every reference: what wrote it.  ``seminar schemas``
#: rewrites a file only where it starts so (a file it did not write is kept).
WRITTEN_BY = "<!-- Written by 'seminar schemas' from "
# Characters that Markdown (or MyST's roles and dollar math) would read as
# markup anywhere in running text; "_" and "*" only at a word's edge, "&"
# only where it starts an entity.
_MARKUP = re.compile(r"[\\`\[\]<>|$]|(?<![A-Za-z0-9])[_*]|[_*](?![A-Za-z0-9])|&(?=#?[A-Za-z0-9]+;)")


def _one_line(text: str) -> str:
    """A table's cell is one line: newlines (and runs of spaces) become one space."""
    return " ".join(str(text).split())


def markdown_text(text: str) -> str:
    """``text`` as the words of one table cell, shown as typed: markup characters and ``|`` escaped."""
    return _MARKUP.sub(lambda match: "\\" + match.group(0), _one_line(text))


def markdown_code(text: str) -> str:
    """``text`` as inline code in one table cell (a fence longer than any run of backticks in it)."""
    text = _one_line(text)
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = f" {text} " if text[0] == "`" or text[-1] == "`" else text
    # In a GFM table "|" ends the cell even in code; "\\|" is the pipe itself there.
    return f"{fence}{padded}{fence}".replace("|", "\\|")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table of cells already formatted (:func:`markdown_text`, :func:`markdown_code`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


def fields_table(model: type[BaseModel]) -> str:
    """The model's fields: name, kind of value, whether it is required (or its default), meaning."""
    rows = []
    for name, info in model.model_fields.items():
        required, default = _needed(info)
        needed = f"default: {markdown_code(default)}" if default is not None else markdown_text(required)
        rows.append((markdown_code(name), markdown_text(label(info)), needed, markdown_text(info.description or "")))
    return markdown_table(("Field", "Type", "Needed", "Meaning"), rows)


#: What Sphinx does again when a value changes (its ``rebuild`` argument), in the table's words.
REBUILD_WORDS = {"env": "`env`", "html": "`html`", "": "none"}


def config_table(values: Sequence[ConfigValue] = CONFIG_VALUES) -> str:
    """The configuration values: name, default (as ``conf.py`` writes it), what a change rebuilds, meaning."""
    rows = [(markdown_code(value.name), markdown_code(repr(value.default)),
             REBUILD_WORDS.get(value.rebuild) or markdown_code(value.rebuild), markdown_text(value.description))
            for value in values]
    return markdown_table(("Name", "Default", "Rebuild", "Meaning"), rows)


#: Each reference in ``docs/reference``: what it is made from, and how.
REFERENCES: dict[str, tuple[str, Callable[[], str]]] = {
    "session-fields.markdown": ("sphinx_seminar.core.model.SessionFields", lambda: fields_table(SessionFields)),
    "term-fields.markdown": ("sphinx_seminar.core.model.TermFields", lambda: fields_table(TermFields)),
    "config-values.markdown": ("sphinx_seminar.core.configvalues.CONFIG_VALUES", config_table),
}


def reference(name: str) -> str:
    """The text of the reference ``name`` of :data:`REFERENCES`: the line that says what wrote it, then its table."""
    source, table = REFERENCES[name]
    return f"{WRITTEN_BY}{source}; do not edit. -->\n\n{table()}"


def write_schemas(root: Path) -> list[Path]:
    """The front-matter schemas in ``root``'s ``docs/_static``; the files written."""
    written = []
    for name, model in SCHEMAS.items():
        path = root / SCHEMA_DIR / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
