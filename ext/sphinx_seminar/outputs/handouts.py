"""Links from the HTML site to the PDF handouts, where they have been built.

``sphinx-build -M latexpdf . <build>`` (``make latexpdf``) writes
``<build>/latex/<term>.pdf``, and ``make handouts`` builds with
``<build>/handouts`` as its build folder, so its PDFs are in
``<build>/handouts/latex/<date>-<slug>.pdf``.  The HTML build, in
``<build>/html``, finds them beside its own output (or where
``seminar_term_pdfs`` and ``seminar_session_pdfs`` say); ``make site``
builds them before the HTML.  The HTML build copies whichever exist to ``pdf/`` in its output and
links them: the term's from its schedule, a session's from its page.  A
plain ``make html`` without PDFs shows no link rather than a broken one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..integration.domain import SeminarDomain
from .links import site_file

OUTPUT_DIR = "pdf"


def built_pdf(app: Sphinx, docname: str) -> Path | None:
    """The PDF of a term page or of a session page, if it has been built."""
    parts = docname.split("/")
    if len(parts) != 3 or parts[0] != app.config.seminar_sessions_dir:
        return None
    path = term_pdfs(app) / f"{parts[1]}.pdf" if parts[2] == "index" else session_pdfs(app) / f"{parts[2]}.pdf"
    return path if path.is_file() else None


def term_pdfs(app: Sphinx) -> Path:
    configured = app.config.seminar_term_pdfs
    return Path(app.confdir) / configured if configured else Path(app.outdir).parent / "latex"


def session_pdfs(app: Sphinx) -> Path:
    configured = app.config.seminar_session_pdfs
    return Path(app.confdir) / configured if configured else Path(app.outdir).parent / "handouts" / "latex"


def published_name(pdf: Path) -> str:
    return f"{OUTPUT_DIR}/{pdf.name}"


def link(app: Sphinx, fromdocname: str, docname: str, text: str) -> nodes.reference | None:
    """A link from ``fromdocname`` to the PDF of ``docname``, in HTML, if it exists."""
    pdf = built_pdf(app, docname)
    return site_file(app, fromdocname, published_name(pdf), text, "pdf-handout") if pdf else None


def state(app: Sphinx, docnames: list[str]) -> list[str]:
    """Which of these pages have a PDF: part of what schedules and pages show."""
    return [d for d in docnames if built_pdf(app, d)]


def copy_pdfs(app: Sphinx, exception: Exception | None) -> None:
    """Publish the built PDFs with the HTML (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    domain: SeminarDomain = app.env.domains["seminar"]
    pages = [*domain.sessions, *(term.docname for term in domain.terms.values())]
    for docname in pages:
        pdf = built_pdf(app, docname)
        if pdf is not None:
            target = Path(app.outdir) / published_name(pdf)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pdf, target)
