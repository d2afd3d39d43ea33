"""Which pages to write again though they were not read again (``env-updated``).

Schedules, the Speakers, Series and Archive pages, series navigation and
the References page's back-links are rendered late from the snapshot, so
a changed date, room or title on one page needs these pages written again,
not read again.  Each of them gets a fingerprint of what it shows, made
from the snapshot; a page whose fingerprint differs from the one stored at
the previous build is written again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Set
from typing import cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.site import Site
from ..outputs import citations, handouts
from . import navigation, nodes
from .domain import SeminarDomain
from .snapshot import site_of


def fingerprints(site: Site, overview_pages: Mapping[str, Set[str]], with_pdf: Set[str],
                 backlinks: Mapping[str, Mapping[str, list[str]]], bibliography_pages: Set[str]) -> dict[str, str]:
    """docname -> a digest of what the page shows of other pages.

    ``overview_pages`` are the pages that show many sessions, and of which
    terms ("*": all); ``with_pdf`` the pages whose PDF handout exists, which
    their pages and schedules link; ``backlinks`` each kind of back-link
    ("Cited in", "Further reading for"), each key and the sessions citing
    it, which the ``bibliography_pages`` show.
    """
    term_state = {
        term_id: _digest([(s.docname, s.fields.model_dump_json()) for s in site.sessions_of(term_id)],
                         [(t.docname, t.fields.model_dump_json(), t.docname in with_pdf) for t in [site.term(term_id)] if t])
        for term_id in site.term_ids
    }
    term_state["*"] = _digest(sorted(term_state.items()))
    found = {docname: _digest([term_state.get(scope, "") for scope in sorted(scopes)]) for docname, scopes in overview_pages.items()}
    for session in site.sessions:
        parts = site.series.get(session.series, ()) if session.series else ()
        # A page's history (SEQUENCE, LAST-MODIFIED) is in its calendar, and changes with a
        # commit that leaves the page's text and time as they were.
        revision = site.revisions.get(session.docname)
        found[session.docname] = _digest([(s.docname, s.title, s.date.isoformat()) for s in parts], session.docname in with_pdf,
                                         (revision.sequence, revision.modified.isoformat()) if revision else None)
    citing = sorted({d for by_key in backlinks.values() for docs in by_key.values() for d in docs if site.session(d)})
    cited_state = _digest(sorted((kind, sorted(by_key.items())) for kind, by_key in backlinks.items()),
                          [(d, site.session(d).title, site.session(d).date.isoformat()) for d in citing])
    found.update(dict.fromkeys(bibliography_pages, cited_state))
    return found


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``, after the snapshot: the pages whose fingerprint or sidebar changed."""
    domain = cast(SeminarDomain, env.domains["seminar"])
    site = site_of(app)
    pages = [s.docname for s in site.sessions] + [t.docname for t in site.terms]
    bibliography_pages = {key.docname for key in env.domains["cite"].bibliographies} if nodes.bibtex_loaded(app) else set()
    new = fingerprints(site, domain.overview_pages, set(handouts.state(app, pages)), citations.citing_sessions(app), bibliography_pages)
    old, domain.data["fingerprints"] = domain.data["fingerprints"], new
    sidebars = navigation.sidebar_fingerprints(env, app.config.seminar_collapse_navigation)
    before, domain.data["sidebars"] = domain.data.get("sidebars", {}), sidebars
    changed = {d for d, value in new.items() if old.get(d) != value}
    return sorted(changed | {docname for docname, state in sidebars.items() if before and before.get(docname) != state})


def _digest(*parts: object) -> str:
    # JSON, not pickle: a pickled set's order changes with PYTHONHASHSEED.
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
