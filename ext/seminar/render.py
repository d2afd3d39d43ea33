"""Late rendering: schedules, series navigation and reference lists.

Runs at ``doctree-resolved``, when every page has been read, from what the
:class:`~seminar.domain.SeminarDomain` and the bibtex domain hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Iterable
from typing import Any, cast

from docutils import nodes
from pybtex.plugin import find_plugin
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util import texescape
from sphinx.util import logging
from sphinxcontrib.bibtex.transforms import node_text_transform

from . import bibentries, calendar, further_reading, handouts, links
from . import nodes as seminar_nodes
from .domain import SeminarDomain
from .model import Session, Term

logger = logging.getLogger(__name__)

COLUMNS = ("Week", "Date", "Time", "Room", "Speaker", "Topic")
_WIDTHS = (8, 16, 13, 11, 18, 34)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Row:
    """One line of a schedule: a session, or a week without a meeting."""

    date: dt.date
    session: Session | None = None

    @property
    def week(self) -> int:
        return self.date.isocalendar().week


def schedule_rows(domain: SeminarDomain, term: str, when: str, today: dt.date) -> list[Row]:
    """The rows of one term's schedule in date order."""
    rows = [Row(s.date, s) for s in domain.sorted_sessions(term)]
    if term in domain.terms:
        rows += [Row(day) for day in domain.terms[term].fields.no_meeting]
    rows.sort(key=lambda row: (row.date, row.session is not None, row.session.start if row.session else dt.time()))
    if when == "upcoming":
        rows = [row for row in rows if row.date >= today]
    elif when == "past":
        rows = [row for row in rows if row.date < today]
    return rows


def today(app: Sphinx) -> dt.date:
    value = app.config.seminar_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def _cell(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _link(app: Sphinx, fromdocname: str, todocname: str, text: str) -> nodes.Node:
    """A link to a page, or the bare text where the output has no such page
    (a session's PDF handout does not contain the other sessions)."""
    try:
        uri = app.builder.get_relative_uri(fromdocname, todocname)
    except NoUri:
        return nodes.inline("", text)
    return nodes.reference("", text, internal=True, refuri=uri)


def schedule_table(app: Sphinx, fromdocname: str, title: nodes.Node | None, rows: list[Row]) -> nodes.table:
    table = nodes.table(classes=["schedule"])
    if title is not None:
        table += title
    group = nodes.tgroup(cols=len(COLUMNS))
    table += group
    for width in _WIDTHS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(_cell(nodes.Text(name)) for name in COLUMNS))
    group += head
    body = nodes.tbody()
    group += body
    for row in rows:
        date = f"{row.date:%a}, {row.date:%d.%m.%Y}"
        if row.session is None:
            line = nodes.row("", _cell(nodes.Text(str(row.week))), _cell(nodes.Text(date)),
                             _cell(nodes.Text("—")), _cell(nodes.Text("—")), _cell(nodes.Text("—")),
                             _cell(nodes.strong("", "No meeting")))
            line["classes"] += ["no-meeting", f"date-{row.date.isoformat()}"]
        else:
            s = row.session
            line = nodes.row("", _cell(nodes.Text(str(row.week))), _cell(nodes.Text(date)),
                             _cell(nodes.Text(f"{s.start:%H:%M}–{s.end:%H:%M}")), _cell(nodes.Text(s.room)),
                             _cell(nodes.Text(s.speaker)), _cell(_link(app, fromdocname, s.docname, s.title)))
            line["classes"] += ["session", f"date-{row.date.isoformat()}"]
        body += line
    return table


def latex_schedule(app: Sphinx, rows: list[Row]) -> nodes.raw:
    """The schedule for print, as LaTeX of our own.

    Sphinx's LaTeX tables give every column a fixed share of the width and
    wrap dates, times and names; this one sets week, date, time, room and
    speaker on one line, gives the topic the rest of the line, repeats the
    header after a page break (xltabular), and escapes every value.
    """
    engine = app.config.latex_engine

    def tex(text: str) -> str:
        return texescape.escape(text, engine)

    lines = [
        r"\begingroup\footnotesize\renewcommand{\arraystretch}{1.25}\setlength{\LTpre}{1em}\setlength{\LTpost}{1em}",
        r"\begin{xltabular}{\linewidth}{@{}rllll>{\raggedright\arraybackslash}X@{}}",
        r"\toprule",
        r"\textbf{Week} & \textbf{Date} & \textbf{Time} & \textbf{Room} & \textbf{Speaker} & \textbf{Topic}\\",
        r"\midrule\endhead",
        r"\bottomrule\endfoot",
    ]
    for row in rows:
        date = tex(f"{row.date:%a}, {row.date:%d.%m.%Y}")
        if row.session is None:
            cells = [str(row.week), date, "—", "—", "—", r"\textbf{No meeting}"]
            lines.append(r"\color{gray}" + " & \\color{gray}".join(cells) + r"\\")
            continue
        s = row.session
        try:
            target = app.builder.get_relative_uri("", s.docname)[1:]  # '%docname'
            topic = rf"\hyperref[\detokenize{{{target}::doc}}]{{{tex(s.title)}}}"
        except NoUri:
            topic = tex(s.title)
        cells = [str(row.week), date, tex(f"{s.start:%H:%M}–{s.end:%H:%M}"), tex(s.room), tex(s.speaker), topic]
        lines.append(" & ".join(cells) + r"\\")
    lines += [r"\end{xltabular}", r"\endgroup"]
    return nodes.raw("", "\n".join(lines) + "\n", format="latex")


def render_schedule(app: Sphinx, node: seminar_nodes.schedule, fromdocname: str, domain: SeminarDomain) -> list[nodes.Node]:
    term_ids = [node["term"]] if node["term"] else sorted(
        {s.term for s in domain.sessions.values()} | set(domain.terms)
    )
    result: list[nodes.Node] = []
    for term_id in term_ids:
        term: Term | None = domain.terms.get(term_id)
        if node["term"] and term is None and not domain.sorted_sessions(term_id):
            logger.warning(f"schedule: no term '{term_id}' (known: {', '.join(sorted(domain.terms)) or 'none'})",
                           location=node, type="seminar", subtype="schedule")
            continue
        rows = schedule_rows(domain, term_id, node["when"], today(app))
        title = None
        if len(term_ids) > 1 or not node["term"]:
            name = term.title if term else term_id
            title = nodes.title("", "")
            title += _link(app, fromdocname, term.docname, name) if term else nodes.Text(name)
        if rows and app.builder.format == "latex":
            result.append(latex_schedule(app, rows))
        elif rows:
            table = schedule_table(app, fromdocname, title, rows)
            # A captioned table needs an id (Sphinx numbers tables by id).
            table["names"].append(f"schedule-{term_id}")
            node.document.set_id(table, suggested_prefix="schedule")
            # Rendered after Furo wraps tables: wrap it the same way, so that
            # on a narrow screen the table scrolls in its own box.
            result.append(nodes.container("", table, classes=["table-wrapper"]))
            subscribe = links.site_file(app, fromdocname, calendar.SCHEDULE_ICS, "Subscribe to the schedule (iCalendar)", "calendar-feed")
            pdf = handouts.link(app, fromdocname, term.docname, f"Printable handout of {term.title} (PDF)") if term else None
            result += _link_line("schedule-links", subscribe, pdf)
        else:
            result.append(nodes.paragraph("", f"No {node['when']} meetings in this term." if node["when"] != "all" else "No meetings yet in this term."))
    return result


def render_series(app: Sphinx, node: seminar_nodes.series_navigation, docname: str, domain: SeminarDomain) -> list[nodes.Node]:
    session = domain.sessions.get(docname)
    parts = domain.series(session) if session else []
    if len(parts) < 2:
        return []
    position = [p.docname for p in parts].index(docname)
    paragraph = nodes.paragraph(classes=["series-navigation"])
    paragraph += nodes.Text(f"Part {_roman(position)} of {_roman(len(parts) - 1)}.")
    for label, index in (("Previous", position - 1), ("Next", position + 1)):
        if 0 <= index < len(parts):
            part = parts[index]
            paragraph += nodes.Text(f" {label}: ")
            paragraph += _link(app, docname, part.docname, f"{part.title} ({part.date:%d.%m.%Y})")
            paragraph += nodes.Text(".")
    return [paragraph]


def _roman(index: int) -> str:
    return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


_BACKEND = find_plugin("pybtex.backends", "docutils")()


class CitationIndex:
    """The formatted citations by key, in the global bibliography's order, and each page's cited keys.

    Made once per build after sphinxcontrib-bibtex has formatted the
    citations (``env-updated``), so that a page's reference list and
    back-links cost its own citations, not a scan of all of them.
    """

    def __init__(self, cite: Any) -> None:
        self.first: dict[str, Any] = {}
        for citation in cite.citations:
            self.first.setdefault(citation.key, citation)
        self.position = {key: index for index, key in enumerate(self.first)}
        self.key_of = {citation.citation_id: citation.key for citation in cite.citations}
        self.by_page: dict[str, set[str]] = {}
        for ref in cite.citation_refs:
            if not further_reading.is_further_reading(ref):  # not what the page cites
                self.by_page.setdefault(ref.docname, set()).update(target.key for target in ref.targets)

    def ordered(self, keys: Iterable[str]) -> list[str]:
        return sorted((key for key in set(keys) if key in self.position), key=self.position.__getitem__)


_index: list[CitationIndex] = []  # this build's, made when first needed


def forget_citation_index(app: Sphinx, env: object) -> list[str]:
    """``env-updated``: the citations may have been formatted anew."""
    _index.clear()
    return []


def citation_index(app: Sphinx) -> CitationIndex:
    if not _index:
        _index.append(CitationIndex(app.env.domains["cite"]))
    return _index[0]


def render_reference_items(app: Sphinx, keys: list[str], anchors: bool = False,
                           classes: str = "session-references") -> list[nodes.Node]:
    """The entries of ``keys``, formatted as on the References page, in its order.

    Read from the citations that sphinxcontrib-bibtex formatted once for the
    global bibliography, so a page's list costs only its own citations.
    With ``anchors``, each entry gets an id that citations can point to.
    """
    if not keys:
        return []
    index = citation_index(app)
    items = nodes.bullet_list(classes=[classes])
    for key in index.ordered(keys):
        paragraph = _BACKEND.paragraph(index.first[key].formatted_entry)
        if anchors:
            # What sphinxcontrib-bibtex's \hyperlink citations point to, see seminar.latex.
            paragraph.insert(0, nodes.raw("", rf"\hypertarget{{{anchor_of(key)}}}{{}}", format="latex"))
        item = nodes.list_item("", paragraph)
        node_text_transform(item)
        items += item
    return [items] if len(items) else []


def anchor_of(key: str) -> str:
    """Hyperref name of a bibliography entry in a PDF, which citations link to."""
    return "seminar.cite-" + nodes.make_id(key)


def cited_in(app: Sphinx, docnames: set[str]) -> list[str]:
    """The keys these pages cite, in the order of the global bibliography."""
    if not seminar_nodes.bibtex_loaded(app):
        return []
    index = citation_index(app)
    return index.ordered(key for docname in docnames for key in index.by_page.get(docname, ()))


def render_session_links(app: Sphinx, docname: str, fromdocname: str) -> list[nodes.Node]:
    """'Add to calendar' and, where it was built, the PDF handout (HTML only)."""
    ics = links.site_file(app, fromdocname, calendar.session_ics_name(docname), "Add to calendar (.ics)", "session-calendar")
    pdf = handouts.link(app, fromdocname, docname, "Printable handout of this session (PDF)")
    return _link_line("session-links", ics, pdf)


def _link_line(classes: str, *candidates: nodes.Node | None) -> list[nodes.Node]:
    """The links that exist, on one line separated by dots; nothing if none do."""
    present = [link for link in candidates if link is not None]
    if not present:
        return []
    paragraph = nodes.paragraph(classes=[classes])
    for index, link in enumerate(present):
        paragraph += [nodes.Text(" · ")] if index else []
        paragraph += link
    return [paragraph]


def _sessions_line(app: Sphinx, fromdocname: str, sessions: list[Session]) -> nodes.bullet_list:
    items = nodes.bullet_list()
    for session in sessions:
        items += nodes.list_item(
            "", nodes.paragraph("", "", _link(app, fromdocname, session.docname, session.title),
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


def series_title(parts: list[Session]) -> str:
    """What the parts' titles share, without the part numbers."""
    words = [p.title.split() for p in parts]
    common = []
    for column in zip(*words):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return " ".join(common) or parts[0].title


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


CITED_IN = "Cited in"
FURTHER_READING_FOR = "Further reading for"


def citing_sessions(app: Sphinx) -> dict[str, dict[str, list[str]]]:
    """The References page's back-links: for "Cited in" and "Further reading for", each key
    and the session pages that cite it or suggest it, in date order."""
    backlinks: dict[str, dict[str, set[str]]] = {CITED_IN: {}, FURTHER_READING_FOR: {}}
    if not seminar_nodes.bibtex_loaded(app):
        return {kind: {} for kind in backlinks}
    domain: SeminarDomain = app.env.domains["seminar"]
    order = {s.docname: i for i, s in enumerate(domain.sorted_sessions())}
    for ref in app.env.domains["cite"].citation_refs:
        if ref.docname in order:
            by_key = backlinks[FURTHER_READING_FOR if further_reading.is_further_reading(ref) else CITED_IN]
            for target in ref.targets:
                by_key.setdefault(target.key, set()).add(ref.docname)
    return {kind: {key: sorted(docs, key=order.__getitem__) for key, docs in sorted(by_key.items())}
            for kind, by_key in backlinks.items()}


def add_reference_extras(app: Sphinx, entries: list[nodes.Element], docname: str, domain: SeminarDomain) -> None:
    """On a page with the bibliography: each entry's citing sessions and its BibTeX."""
    if not seminar_nodes.bibtex_loaded(app):
        return
    backlinks = None
    key_of = citation_index(app).key_of
    for entry in entries:
        key = next((key_of[i] for i in entry["ids"] if i in key_of), None)
        if key is None:
            continue
        if backlinks is None:
            backlinks = citing_sessions(app)
        extras = nodes.paragraph(classes=["reference-extras"])
        for label, by_key in backlinks.items():
            sessions = [domain.sessions[d] for d in by_key.get(key, []) if d in domain.sessions]
            if sessions:
                extras += _session_links(app, docname, label, sessions)
        if backlinks[FURTHER_READING_FOR].get(key):
            entry["classes"].append("further-reading")
        extras += links.site_file(app, docname, bibentries.entry_file(key), "BibTeX", "bibtex-download")
        entry += extras


def _session_links(app: Sphinx, docname: str, label: str, sessions: list[Session]) -> list[nodes.Node]:
    """``Label: Title (dd.mm.yyyy); Title (dd.mm.yyyy). ``, each title a link."""
    parts: list[nodes.Node] = [nodes.Text(f"{label}: ")]
    for index, session in enumerate(sessions):
        parts += [nodes.Text("; ")] if index else []
        parts.append(_link(app, docname, session.docname, f"{session.title} ({session.date:%d.%m.%Y})"))
    return [*parts, nodes.Text(". ")]


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = cast(SeminarDomain, app.env.domains["seminar"])
    # One walk of the tree for every kind of placeholder, not one per kind.
    kinds = (*seminar_nodes.PLACEHOLDERS, nodes.citation)
    found: dict[type, list[nodes.Element]] = {kind: [] for kind in kinds}
    for node in doctree.findall(lambda node: isinstance(node, kinds)):
        found[next(kind for kind in kinds if isinstance(node, kind))].append(node)
    for node in found[seminar_nodes.schedule]:
        node.replace_self(render_schedule(app, node, docname, domain))
    # In a LaTeX document several pages share one tree: each placeholder
    # knows the page it came from.
    for node in found[seminar_nodes.series_navigation]:
        node.replace_self(render_series(app, node, node["docname"], domain))
    for node in found[seminar_nodes.session_links]:
        node.replace_self(render_session_links(app, node["docname"], docname))
    for node in found[seminar_nodes.speakers]:
        node.replace_self(render_speakers(app, docname, domain))
    for node in found[seminar_nodes.series_list]:
        node.replace_self(render_series_list(app, docname, domain))
    if app.builder.format == "html" and found[nodes.citation]:
        add_reference_extras(app, found[nodes.citation], docname, domain)
    for node in found[seminar_nodes.session_references]:
        node.replace_self(render_reference_items(app, cited_in(app, {node["docname"]})))
    for node in found[seminar_nodes.further_reading]:
        node.replace_self(render_reference_items(app, node["keys"], classes="further-reading-list"))
