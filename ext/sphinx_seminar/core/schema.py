"""The front-matter schema, machine-readable (JSON Schema) and as a table for the docs.

Both are generated from :mod:`sphinx_seminar.core.model`, so they cannot drift from what
the build accepts.  ``python -m sphinx_seminar.core.schema`` rewrites the checked-in
JSON files; a test fails when they are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .model import REQUIRED_SESSION_FIELDS, SessionFields, TermFields

SCHEMA_DIR = Path("docs") / "_static"
SCHEMAS: dict[str, type[BaseModel]] = {"session.schema.json": SessionFields, "term.schema.json": TermFields}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if model is SessionFields:
        # The term's page may supply start, end and room; a session page
        # alone must have the rest.
        schema["required"] = [name for name in REQUIRED_SESSION_FIELDS if name not in ("start", "end", "room")]
    return schema


def render(model: type[BaseModel]) -> str:
    return json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"


def field_rows(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """(name, type, required or default, description) for each field."""
    schema = json_schema(model)
    required = set(schema.get("required", []))
    rows = []
    for name, info in model.model_fields.items():
        prop = schema["properties"][name]
        kind = _type_name(prop)
        if name in required:
            need = "required"
        elif name == "room" and model is SessionFields:
            need = "required, or the term's default (none for an online talk)"
        elif model is SessionFields and name in REQUIRED_SESSION_FIELDS:
            need = "required, or the term's default"
        elif info.default not in (None, ..., PydanticUndefined) and not isinstance(info.default, BaseModel):
            need = f"default: {info.default}"
        else:
            need = "optional"
        rows.append((name, kind, need, info.description or ""))
    return rows


def _type_name(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return " or ".join(prop["enum"])
    if prop.get("description") == "IANA time zone":
        return "IANA time zone"
    if prop.get("format") == "uri":
        return "link (https://...)"
    if "anyOf" in prop:
        return " or ".join(_type_name(p) for p in prop["anyOf"] if p.get("type") != "null")
    if prop.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if "pattern" in prop and prop.get("type") == "string" and ":" in prop["pattern"]:
        return 'time ("HH:MM")'
    if "pattern" in prop:
        return "slug"
    if prop.get("type") == "array":
        item = prop.get("items", {})
        return "list of " + ("mappings" if item.get("type") == "object" else _type_name(item))
    if "$ref" in prop:
        return "mapping"
    return {"string": "text", "integer": "number", "boolean": "true or false", "object": "mapping"}.get(prop.get("type", ""), prop.get("type", "text"))


def main(argv: list[str] | None = None) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    for name, model in SCHEMAS.items():
        (root / SCHEMA_DIR / name).write_text(render(model), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
