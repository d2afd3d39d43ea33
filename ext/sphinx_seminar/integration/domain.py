"""What every page contributes to the seminar: its session or term, and its schedules."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Set
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
        "fingerprints": {},  # what each kind of page showed at the last write
        "control_pages": {},  # docname -> True: its source has control characters (pagecheck)
    }
    data_version = 4

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        # What one build works out once and every page then uses.  Attributes of the
        # domain, which Sphinx makes anew for each environment and never pickles, so
        # nothing of one application's build reaches another's.
        #: The snapshot of the site, made once every page is read (integration.snapshot).
        self.site: Site | None = None
        #: term id -> the term as its sessions see it, from its page's one reading (reading.py).
        self.term_views: dict[str, Term | None] = {}
        #: The sidebars already made for a folder of pages (navigation.py).
        self.sidebars: dict[Any, tuple[str, str]] = {}
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

    def sorted_sessions(self, term: str | None = None) -> list[Session]:
        """Sessions in date order, of one term or of all."""
        return sorted(
            (s for s in self.sessions.values() if term is None or s.term == term),
            key=lambda s: (s.date, s.start, s.docname),
        )

    def series_by_slug(self) -> dict[str, list[Session]]:
        """Every lecture in several parts: its slug, and its parts in date order."""
        found: dict[str, list[Session]] = {}
        for session in self.sorted_sessions():
            if session.series:
                found.setdefault(session.series, []).append(session)
        return found

    def series(self, session: Session) -> list[Session]:
        """The parts of ``session``'s series in date order ([] when it has none)."""
        if not session.series:
            return []
        # Indexed once all pages are read (pages_to_rewrite): a page's series
        # links must not cost a sort of the whole archive each.
        parts = self.data.get("series_parts", {}).get(session.series)
        if parts is not None and all(d in self.sessions for d in parts) and session.docname in parts:
            return [self.sessions[d] for d in parts]
        return [s for s in self.sorted_sessions() if s.series == session.series]

    def pages_to_rewrite(
        self, with_pdf: Set[str] = frozenset(), citations: dict[str, dict[str, list[str]]] | None = None,
        bibliography_pages: Set[str] = frozenset()
    ) -> Iterable[str]:
        """Pages whose rendering depends on other pages' front-matter and changed.

        Schedules and series navigation are rendered late from the domain, so
        a changed date, room or title elsewhere needs these pages written
        again, not read again.  We compare a fingerprint of what each of them
        shows with the one stored at the previous build.  ``with_pdf`` are the
        pages whose PDF handout exists, which their pages and schedules link;
        ``citations`` maps each kind of back-link ("Cited in", "Further reading
        for") to each key and the sessions citing or suggesting it, which the
        ``bibliography_pages`` link back to.
        """
        old = self.data["fingerprints"]
        new: dict[str, str] = {}
        ordered = self.sorted_sessions()
        by_term: dict[str, list[Session]] = {}
        by_series: dict[str, list[Session]] = {}
        for session in ordered:
            by_term.setdefault(session.term, []).append(session)
            if session.series:
                by_series.setdefault(session.series, []).append(session)
        # What a schedule of one term shows, and of all terms: a date change
        # rewrites its own term's page and the pages of all terms only.
        # A page's history (SEQUENCE, LAST-MODIFIED) is in its calendar, and changes with a
        # commit that leaves the page's text and time as they were (icsevent.note_revisions).
        # (schedule.ics and the term calendars are the feeds', fingerprinted with the history.)
        revisions = self.data.get("revisions", {})
        term_state = {
            term_id: _digest(
                [(s.docname, s.fields.model_dump_json()) for s in by_term.get(term_id, [])],
                [(t.docname, t.fields.model_dump_json(), t.docname in with_pdf) for t in [self.terms.get(term_id)] if t],
            )
            for term_id in set(by_term) | set(self.terms)
        }
        term_state["*"] = _digest(sorted(term_state.items()))
        for docname, scopes in self.overview_pages.items():
            new[docname] = _digest([term_state.get(scope, "") for scope in sorted(scopes)])
        self.data["series_parts"] = {slug: [s.docname for s in parts] for slug, parts in by_series.items()}
        for session in ordered:
            parts = by_series.get(session.series, []) if session.series else []
            new[session.docname] = _digest([(s.docname, s.title, s.date.isoformat()) for s in parts], session.docname in with_pdf,
                                           revisions.get(session.docname))
        backlinks = citations or {}
        citing = sorted({d for by_key in backlinks.values() for docs in by_key.values() for d in docs if d in self.sessions})
        cited_state = _digest(
            sorted((kind, sorted(by_key.items())) for kind, by_key in backlinks.items()),
            [(d, self.sessions[d].title, self.sessions[d].date.isoformat()) for d in citing],
        )
        for docname in bibliography_pages:
            new[docname] = cited_state
        self.data["fingerprints"] = new
        return sorted(d for d, value in new.items() if old.get(d) != value)


def _digest(*parts: object) -> str:
    # JSON, not pickle: a pickled set's order changes with PYTHONHASHSEED.
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
