"""A session's "Further reading": works the site's editors chose, kept apart from what the page cites.

The keys come from the session's ``further_reading`` front-matter field.
While the page is read, each known key is noted as cited by that page in
sphinxcontrib-bibtex's own record of citations (a ``CitationRef`` whose id
says it is ours), so that the works are formatted with the others and
listed on the References page; the page's "References" section and the
PDFs' bibliographies leave these out (:func:`is_further_reading`).
"""

from __future__ import annotations

from collections.abc import Container

from docutils import nodes

from . import nodes as seminar_nodes
from ..core.model import Session
from ..formats.wording import N_, Words

REF_PREFIX = "seminar-further-reading-"
NOTE = N_("Chosen by the site's editors as background to this session's topic, "
        "not given by the speaker.")


def is_further_reading(citation_ref: object) -> bool:
    return str(getattr(citation_ref, "citation_ref_id", "")).startswith(REF_PREFIX)


def note_citations(cite_domain: object, session: Session, known: Container[str]) -> None:
    """Record the session's further reading, the keys in ``known``, as cited by its page."""
    from sphinxcontrib.bibtex.citation_target import CitationTarget
    from sphinxcontrib.bibtex.roles import CitationRef

    line = session.line_of("further_reading")
    for key in session.further_reading:
        if key in known:
            cite_domain.citation_refs.append(  # type: ignore[attr-defined]
                CitationRef(citation_ref_id=REF_PREFIX + nodes.make_id(key), docname=session.docname, line=line or 0,
                            targets=[CitationTarget(key=key, pre="", post="")])
            )


def section(words: Words, docname: str, keys: list[str]) -> nodes.section:
    """The "Further reading" section of a session page, its list filled in late."""
    body = nodes.section("", nodes.title("", words._("Further reading")), ids=["further-reading"], names=["further reading"],
                         classes=["session-further-reading"])
    body += nodes.paragraph("", words._(NOTE), classes=["further-reading-note"])
    body += seminar_nodes.further_reading(docname=docname, keys=list(keys))
    return body
