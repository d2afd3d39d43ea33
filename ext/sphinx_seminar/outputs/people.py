"""The Speakers page and the list of lectures in several parts."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.model import Session
from ..core.schedule import series_title
from ..integration.domain import SeminarDomain
from .links import page_link

def _sessions_line(app: Sphinx, fromdocname: str, sessions: list[Session]) -> nodes.bullet_list:
    items = nodes.bullet_list()
    for session in sessions:
        items += nodes.list_item(
            "", nodes.paragraph("", "", page_link(app, fromdocname, session.docname, session.title),
                                nodes.Text(f", {session.date:%a, %d.%m.%Y}"))
        )
    return items


def render_speakers(app: Sphinx, fromdocname: str, domain: SeminarDomain) -> list[nodes.Node]:
    """Each speaker with their affiliation and sessions, by family name."""
    by_speaker: dict[str, list[Session]] = {}
    for session in domain.sorted_sessions():
        by_speaker.setdefault(session.speaker, []).append(session)
    people = nodes.bullet_list(classes=["speakers"])
    for name in sorted(by_speaker, key=lambda n: (n.split()[-1].casefold(), n.casefold())):
        sessions = by_speaker[name]
        affiliations = list(dict.fromkeys(s.affiliation for s in sessions if s.affiliation))
        head = nodes.paragraph("", "", nodes.strong("", name))
        if affiliations:
            head += nodes.Text(f" ({'; '.join(affiliations)})")
        people += nodes.list_item("", head, _sessions_line(app, fromdocname, sessions), ids=[nodes.make_id(f"speaker-{name}")])
    return [people] if by_speaker else [nodes.paragraph("", "No sessions yet.")]


def render_series_list(app: Sphinx, fromdocname: str, domain: SeminarDomain) -> list[nodes.Node]:
    series: dict[str, list[Session]] = {}
    for session in domain.sorted_sessions():
        if session.series:
            series.setdefault(session.series, []).append(session)
    overview = nodes.bullet_list(classes=["series-list"])
    for slug, parts in sorted(series.items(), key=lambda item: item[1][0].date):
        speakers = ", ".join(dict.fromkeys(p.speaker for p in parts))
        head = nodes.paragraph("", "", nodes.strong("", series_title(parts)), nodes.Text(f" by {speakers}, {len(parts)} parts"))
        overview += nodes.list_item("", head, _sessions_line(app, fromdocname, parts), ids=[nodes.make_id(f"series-{slug}")])
    return [overview] if series else [nodes.paragraph("", "No lecture in several parts yet.")]
