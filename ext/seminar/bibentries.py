"""Each reference's BibTeX as a file of its own, for the References page to link."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .bibcheck import check_bibfile

FOLDER = "bib"


def entry_file(key: str) -> str:
    """Where an entry's BibTeX is published, from the site root."""
    return f"{FOLDER}/{nodes.make_id(key)}.bib"


def write_entries(app: Sphinx, exception: Exception | None) -> None:
    """Write ``bib/<key>.bib`` for every entry (``build-finished``, HTML)."""
    if exception is not None or app.builder.format != "html":
        return
    for name in app.config.bibtex_bibfiles:
        path = Path(app.srcdir) / name
        for key, source in check_bibfile(path, name).sources.items():
            target = Path(app.outdir) / entry_file(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source + "\n", encoding="utf-8")
