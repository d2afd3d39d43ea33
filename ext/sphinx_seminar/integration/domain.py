"""What every page contributes to the seminar: its session or term, and its schedules."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from sphinx.domains import Domain

from ..core.model import Session, Term
from ..core.site import Site


class SeminarDomain(Domain):
    """Sessions, terms and the pages that show a schedule, per document.

    Like ``sphinx.ext.todo``: pages add to it while being read,
    :meth:`clear_doc` forgets a page before it is read again or when it is
    removed, and :meth:`merge_domaindata` collects what parallel readers found.
    """

    name = "seminar"
    label = "Seminar"
    initial_data: dict[str, Any] = {
        "sessions": {},  # docname -> Session
        "terms": {},  # term id -> Term
        # Pages that show many sessions (schedules, speakers, series), and of
        # which terms: a term's id, or "*" for all.
        "overview_pages": {},
        "fingerprints": {},  # what each page showed of other pages at the last write (rewrite.py)
        "control_pages": {},  # docname -> True: its source has control characters (pagecheck)
    }
    data_version = 5

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        # What one build works out once and every page then uses.  Attributes of the
        # domain, which Sphinx makes anew for each environment and never pickles, so
        # nothing of one application's build reaches another's.
        #: The snapshot of the site, made once every page is read (integration.snapshot).
        self.site: Site | None = None
        #: The source tree the admission rule judges files by, made at config-inited (integration.admission).
        self.source_tree: Any = None
        #: term id -> the term as its sessions see it, from its page's one reading (reading.py).
        self.term_views: dict[str, Term | None] = {}
        #: The formatted citations by key and page (outputs.citations), once formatted.
        self.citation_index: Any = None

    @property
    def sessions(self) -> dict[str, Session]:
        return self.data["sessions"]

    @property
    def terms(self) -> dict[str, Term]:
        return self.data["terms"]

    @property
    def overview_pages(self) -> dict[str, set[str]]:
        return self.data["overview_pages"]

    def note_overview(self, docname: str, term: str | None) -> None:
        """``docname`` shows the sessions of ``term`` (None: of every term)."""
        self.overview_pages.setdefault(docname, set()).add(term or "*")

    def clear_doc(self, docname: str) -> None:
        self.sessions.pop(docname, None)
        for term_id, term in list(self.terms.items()):
            if term.docname == docname:
                del self.terms[term_id]
        self.overview_pages.pop(docname, None)
        self.data["control_pages"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, session in otherdata["sessions"].items():
            if docname in docnames:
                self.sessions[docname] = session
        for term_id, term in otherdata["terms"].items():
            if term.docname in docnames:
                self.terms[term_id] = term
        for docname, scopes in otherdata["overview_pages"].items():
            if docname in docnames:
                self.overview_pages[docname] = scopes
        for docname in otherdata["control_pages"]:
            if docname in docnames:
                self.data["control_pages"][docname] = True
