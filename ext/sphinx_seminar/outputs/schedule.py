"""The schedule and a series' navigation, as docutils nodes: an HTML table, or LaTeX of our own for print."""

from __future__ import annotations


from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util import logging, texescape

from ..core.model import Session, Term
from ..core.site import Site
from ..core.materials import LABELS
from ..core.schedule import COLUMNS, Row, part_numbers, parts_total, schedule_rows
from ..integration import nodes as seminar_nodes
from ..integration.snapshot import site_of
from . import handouts
from ..formats import registry, wording as timelabels
from ..formats.wording import status_text
from . import timezones
from .calendarlinks import subscribe_link
from .links import link_line, material_links, material_uri, page_link, site_file

logger = logging.getLogger(__name__)

_WIDTHS = (8, 16, 13, 11, 18, 34)


def term_rows(site: Site, term_id: str, when: str) -> list[Row]:
    term = site.term(term_id)
    return schedule_rows(list(site.sessions_of(term_id)), term.fields.no_meeting if term else (), when, site.today)


def _cell(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _named(cells: list[nodes.entry]) -> list[nodes.entry]:
    """Each cell with its column's name as a class (``column-week``, ``column-date``, ...; not
    ``topic``, which is docutils' own): what the narrow-screen style lays out as one stacked
    entry per meeting (seminar.css)."""
    for cell, name in zip(cells, COLUMNS):
        cell["classes"].append(f"column-{name.lower()}")
    return cells


def _topic_cell(app: Sphinx, fromdocname: str, session: Session) -> nodes.entry:
    """The title (linked), its status in words, the note, and the materials."""
    status = status_text(session)
    paragraph = nodes.paragraph()
    if status:
        paragraph += nodes.strong("", f"{status}: ", classes=["session-status"])
    link = page_link(app, fromdocname, session.docname, session.title)
    paragraph += nodes.emphasis("", "", link) if session.title_tba else link
    cell = nodes.entry("", paragraph)
    if session.note:
        cell += nodes.paragraph("", session.note, classes=["session-note"], support_smartquotes=False)
    links = material_links(app, fromdocname, session)
    if links:
        cell += link_line("session-materials", *links)
    return cell


def schedule_table(app: Sphinx, fromdocname: str, title: nodes.Node | None, rows: list[Row], term_zone: str | None) -> nodes.table:
    table = nodes.table(classes=["schedule"])
    if title is not None:
        table += title
    group = nodes.tgroup(cols=len(COLUMNS))
    table += group
    for width in _WIDTHS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    names = [timezones.header(app.config, term_zone) if name == "Time" else name for name in COLUMNS]
    head += nodes.row("", *_named([_cell(nodes.Text(name)) for name in names]))
    group += head
    body = nodes.tbody()
    group += body
    for row in rows:
        date = f"{row.date:%a}, {row.date:%d.%m.%Y}"
        if row.session is None:
            line = nodes.row("", *_named([_cell(nodes.Text(str(row.week))), _cell(nodes.Text(date)),
                                          _cell(nodes.Text("—")), _cell(nodes.Text("—")), _cell(nodes.Text("—")),
                                          _cell(nodes.strong("", "No meeting"))]))
            line["classes"] += ["no-meeting", f"date-{row.date.isoformat()}"]
        else:
            s = row.session
            line = nodes.row("", *_named([_cell(nodes.Text(str(row.week))), _cell(nodes.Text(date)),
                                          _cell(*timezones.table_time_nodes(app.config, s, term_zone)), _cell(nodes.Text(s.place)),
                                          _cell(nodes.emphasis("", s.speaker) if s.speaker_tba else nodes.Text(s.speaker)),
                                          _topic_cell(app, fromdocname, s)]))
            line["classes"] += ["session", f"date-{row.date.isoformat()}", f"status-{s.status}"] + (["tba"] if s.tba else [])
        body += line
    return table


def latex_schedule(app: Sphinx, rows: list[Row], term_zone: str | None) -> nodes.raw:
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
        rf"\textbf{{Week}} & \textbf{{Date}} & \textbf{{{tex(timezones.header(app.config, term_zone))}}} & \textbf{{Room}} & "
        r"\textbf{Speaker} & \textbf{Topic}\\",
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
        cells = [str(row.week), date, tex(timelabels.table_time(s, timezones.default_zone(app.config, term_zone),
                                                                 app.config.seminar_timezone_names)), tex(s.place), tex(s.speaker),
                 _latex_topic(app, s, tex)]
        lines.append(" & ".join(cells) + r"\\")
    lines += [r"\end{xltabular}", r"\endgroup"]
    return nodes.raw("", "\n".join(lines) + "\n", format="latex")


def _latex_topic(app: Sphinx, session: Session, tex) -> str:
    """The topic cell for print: status in words, the title (a link within the PDF), note and materials."""
    try:
        target = app.builder.get_relative_uri("", session.docname)[1:]  # '%docname'
        topic = rf"\hyperref[\detokenize{{{target}::doc}}]{{{tex(session.title)}}}"
    except NoUri:
        topic = tex(session.title)
    status = status_text(session)
    if status:
        topic = rf"\textbf{{{tex(status)}:}} " + topic
    if session.note:
        topic += r"\newline\emph{" + tex(session.note) + "}"
    links = []
    for kind, value in session.materials.items() if session.materials else []:
        uri = material_uri(app, None, session, kind, value)
        label = tex(LABELS[kind])
        links.append(rf"\sphinxhref{{{url_escape(uri, tex)}}}{{{label}}}" if uri else label)
    if links:
        topic += r"\newline " + " · ".join(links)
    return topic


def url_escape(uri: str, tex) -> str:
    """A URL for ``\\sphinxhref``, escaped as Sphinx's LaTeX writer escapes link targets (encode_uri)."""
    return tex(uri).replace(r"\textasciitilde{}", "~").replace(r"\sphinxhyphen{}", "-").replace(r"\textquotesingle{}", "'")


def _subscriptions(app: Sphinx, fromdocname: str, term_id: str, term: Term | None) -> list[nodes.Node | None]:
    """Under a term's table: its calendar and the whole schedule's (webcal:// where the address is known),
    the Atom feed and the term's PDF."""
    name = term.title if term else term_id
    return [
        subscribe_link(app, fromdocname, registry.term_calendar(term_id), f"Subscribe to {name} (iCalendar)", "calendar-term"),
        subscribe_link(app, fromdocname, registry.SCHEDULE_ICS, "Subscribe to the schedule (iCalendar)", "calendar-feed"),
        site_file(app, fromdocname, registry.FEED, "News feed (Atom)", "atom-feed"),
        handouts.link(app, fromdocname, term.docname, f"Printable handout of {term.title} (PDF)") if term else None,
    ]


def _scope(node: seminar_nodes.schedule, site: Site) -> tuple[list[str], str]:
    """The terms a schedule shows and which of their meetings: ``:term: current`` is the
    current term, all of it once it has ended (a landing page between terms still shows one)."""
    if node["term"] != "current":
        ids = [node["term"]] if node["term"] else site.term_ids
        return ids, node["when"]
    term = site.current_term
    if term is None:
        return [], node["when"]
    return [term.id], "all" if term.fields.last_day < site.today else node["when"]


def render_schedule(app: Sphinx, node: seminar_nodes.schedule, fromdocname: str) -> list[nodes.Node]:
    site = site_of(app)
    term_ids, when = _scope(node, site)
    result: list[nodes.Node] = []
    for term_id in term_ids:
        term = site.term(term_id)
        if node["term"] and term is None and not site.sessions_of(term_id):
            logger.warning(f"schedule: no term '{term_id}' (known: {', '.join(sorted(t.id for t in site.terms)) or 'none'})",
                           location=node, type="seminar", subtype="schedule")
            continue
        rows = term_rows(site, term_id, when)
        title = None
        if len(term_ids) > 1 or node["term"] in ("", "current"):
            name = term.title if term else term_id
            title = nodes.title("", "")
            title += page_link(app, fromdocname, term.docname, name) if term else nodes.Text(name)
        if rows and app.builder.format == "latex":
            result.append(latex_schedule(app, rows, term.fields.timezone if term else None))
        elif rows:
            table = schedule_table(app, fromdocname, title, rows, term.fields.timezone if term else None)
            # A captioned table needs an id (Sphinx numbers tables by id).
            table["names"].append(f"schedule-{term_id}")
            node.document.set_id(table, suggested_prefix="schedule")
            # Rendered after Furo wraps tables: wrap it the same way, so that
            # on a narrow screen the table scrolls in its own box.
            result.append(nodes.container("", table, classes=["table-wrapper"]))
            result += link_line("schedule-links", *_subscriptions(app, fromdocname, term_id, term))
        else:
            result.append(nodes.paragraph("", f"No {when} meetings in this term." if when != "all" else "No meetings yet in this term."))
    if node["term"] == "current" and not term_ids:
        result.append(nodes.paragraph("", "No terms yet."))
    return result


def render_series(app: Sphinx, node: seminar_nodes.series_navigation, docname: str) -> list[nodes.Node]:
    site = site_of(app)
    session = site.session(docname)
    parts = site.series.get(session.series, ()) if session and session.series else ()
    if len(parts) < 2:
        return []
    position = [p.docname for p in parts].index(docname)
    numbers = part_numbers(parts)
    paragraph = nodes.paragraph(classes=["series-navigation"])
    paragraph += nodes.Text(f"Part {numbers[position]} of {parts_total(numbers)}.")
    for label, index in (("Previous", position - 1), ("Next", position + 1)):
        if 0 <= index < len(parts):
            part = parts[index]
            paragraph += nodes.Text(f" {label}: ")
            paragraph += page_link(app, docname, part.docname, f"{part.title} ({part.date:%d.%m.%Y})")
            paragraph += nodes.Text(".")
    return [paragraph]
