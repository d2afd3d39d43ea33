"""Each reference's BibTeX as a file of its own, for the References page to link."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..integration.references import checked_bibfile
from ..integration.nodes import bibtex_loaded

FOLDER = "bib"


def entry_file(key: str) -> str:
    """Where an entry's BibTeX is published, from the site root."""
    return f"{FOLDER}/{nodes.make_id(key)}.bib"


def write_entries(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """``html-page-context`` of a page with a bibliography: ``bib/<key>.bib`` for each of its entries.

    Written with the page that links them, so by a writer process under
    ``-j N``, and only where the text changed.
    """
    if doctree is None or app.builder.format != "html" or not bibtex_loaded(app):
        return
    cite = app.env.domains["cite"]
    if not any(key.docname == pagename for key in cite.bibliographies):
        return
    listed = {citation.key for citation in cite.citations if citation.bibliography_key.docname == pagename}
    folder = Path(app.outdir)
    (folder / FOLDER).mkdir(parents=True, exist_ok=True)
    for name in app.config.bibtex_bibfiles:
        for key, source in checked_bibfile(app, name).sources.items():
            if key not in listed:
                continue  # not on this page, so not linked
            target = folder / entry_file(key)
            text = (source + "\n").encode("utf-8")
            if not target.is_file() or target.read_bytes() != text:
                target.write_bytes(text)
