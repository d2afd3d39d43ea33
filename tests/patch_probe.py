"""Run by tests/sphinx/test_no_patches.py in a fresh process: what a build with the
extension changes in the packages it uses.

A build of the same site without the extension comes first, so that what any
build imports and caches is there before the snapshot.  Then the site is
built with the extension (in full, then incrementally) and every attribute
of the modules and classes of Sphinx, sphinxcontrib-bibtex, pybtex, docutils
and myst-parser is compared.  Prints the differences as JSON lines.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import sys
import types
from pathlib import Path
from typing import Any

from sphinx.cmd.build import build_main

#: What Sphinx's public API is there to change: ``sphinx.locale.init`` registers the extension's
#: message catalogue in Sphinx's table of translators (``integration/language.py``).
THROUGH_PUBLIC_API = {"sphinx.locale.translators"}
PACKAGES = ("sphinx", "sphinxcontrib.bibtex", "pybtex", "pybtex_docutils", "docutils", "myst_parser", "markdown_it", "latexcodec")


def _theirs(name: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in PACKAGES)


def _fingerprint(value: Any) -> Any:
    if isinstance(value, types.ModuleType):
        return "module", value.__name__
    # A registry by what it holds: Sphinx itself restores docutils' registries
    # of directives and roles after a build by binding copies.
    if isinstance(value, dict):
        return "dict", sorted(map(repr, value))
    if isinstance(value, (list, set, frozenset)):
        return type(value).__name__, len(value)
    return id(value)


def snapshot() -> dict[str, Any]:
    state: dict[str, Any] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not _theirs(name):
            continue
        for attribute, value in list(vars(module).items()):
            state[f"{name}.{attribute}"] = _fingerprint(value)
            if isinstance(value, type) and value.__module__ == name:
                for class_attribute, class_value in list(vars(value).items()):
                    state[f"{name}.{attribute}.{class_attribute}"] = _fingerprint(class_value)
    state["gc"] = [gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()]
    return state


def build(site: Path, outdir: Path, *options: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return build_main(["-b", "html", "-q", *options, str(site), str(outdir)])


def main(site: str, out: str) -> None:
    site_path, out_path = Path(site), Path(out)
    assert build(site_path, out_path / "plain", "-E", "-D", "extensions=myst_parser,sphinxcontrib.bibtex",
                 "-D", "bibtex_default_style=alpha", "-D", "bibtex_reference_style=label") in (0, 1)
    before = snapshot()
    codecs_before = _codec_names()
    assert build(site_path, out_path / "seminar", "-E") == 0
    assert build(site_path, out_path / "seminar") == 0
    after = snapshot()
    for key in sorted(before.keys() & after.keys()):
        if before[key] != after[key] and key not in THROUGH_PUBLIC_API:
            print(json.dumps({"changed": key}))
    for key in sorted(after.keys() - before.keys()):
        # Not added by the extension: a submodule imported (bound in its
        # package) and pickle's cache of a class's slots (copyreg).
        if key.rsplit(".", 1)[0] in _classes(before) and not _imported(after[key]) and not key.endswith(".__slotnames__"):
            print(json.dumps({"added": key}))
    for name in _codec_names() - codecs_before:
        print(json.dumps({"codec": name}))


def _classes(state: dict[str, Any]) -> set[str]:
    """The modules and classes the snapshot holds attributes of."""
    return {key.rsplit(".", 1)[0] for key in state}


def _imported(fingerprint: Any) -> bool:
    return isinstance(fingerprint, tuple) and fingerprint[0] == "module"


def _codec_names() -> set[str]:
    import codecs

    found = set()
    for name in ("seminar-lenient-utf-8", "seminar_lenient_utf_8"):
        try:
            codecs.lookup(name)
            found.add(name)
        except LookupError:
            pass
    return found


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
