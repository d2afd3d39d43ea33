"""Each reference's BibTeX as a file of its own, for the References page to link."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..core.frontmatter import without_control_characters
from ..integration.references import checked_bibfile
from ..integration.nodes import bibtex_loaded
from .files import write_if_changed

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
    for name in app.config.bibtex_bibfiles:
        for key, source in checked_bibfile(app, name).sources.items():
            if key in listed:  # on this page, so linked
                # The entry's text as the .bib has it, but for control characters (reported by the check).
                write_if_changed(folder / entry_file(key), (without_control_characters(source) + "\n").encode("utf-8"))
