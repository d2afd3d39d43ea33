"""The front-matter schema, machine-readable (JSON Schema) and as a table for the docs.

Both are made from :mod:`sphinx_seminar.core.model`, where each field states
its kind (with the kind's :class:`~sphinx_seminar.core.fields.Label`), its
default, whether it is required (pydantic's own, or a
:class:`~sphinx_seminar.core.fields.Need` where the term may supply it) and
its description: nothing here guesses.  ``seminar schemas`` writes the
checked-in JSON files (these and ``schedule.json``'s); a test fails when
they are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

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


def field_rows(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """(name, kind, required or default, description) for each field."""
    rows = []
    for name, info in model.model_fields.items():
        if need(info):
            required = need(info)
        elif info.is_required():
            required = "required"
        elif info.default not in (None, ..., PydanticUndefined) and not isinstance(info.default, BaseModel):
            required = f"default: {info.default}"
        else:
            required = "optional"
        rows.append((name, label(info), required, info.description or ""))
    return rows


def write_schemas(root: Path) -> list[Path]:
    """The front-matter schemas in ``root``'s ``docs/_static``; the files written."""
    written = []
    for name, model in SCHEMAS.items():
        path = root / SCHEMA_DIR / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
