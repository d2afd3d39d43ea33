"""Each reference's BibTeX as a file of its own, for the References page to link."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .references import checked_bibfile
from .nodes import bibtex_loaded

FOLDER = "bib"


def entry_file(key: str) -> str:
    """Where an entry's BibTeX is published, from the site root."""
    return f"{FOLDER}/{nodes.make_id(key)}.bib"


def write_entries(app: Sphinx, exception: Exception | None) -> None:
    """Write ``bib/<key>.bib`` for every entry (``build-finished``, HTML)."""
    if exception is not None or app.builder.format != "html" or not bibtex_loaded(app):
        return
    listed = {citation.key for citation in app.env.domains["cite"].citations}
    for name in app.config.bibtex_bibfiles:
        for key, source in checked_bibfile(app, name).sources.items():
            if key not in listed:
                continue  # not on the References page, so not linked
            target = Path(app.outdir) / entry_file(key)
            text = source + "\n"
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
