"""The schedule and a series' navigation, as docutils nodes: an HTML table, or LaTeX of our own for print."""

from __future__ import annotations


from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import NoUri
from sphinx.util import logging, texescape

from ..core.model import Session, Term
from ..core.site import Site
from ..core.schedule import COLUMNS, Row, part_numbers, parts_total, schedule_rows
from ..integration import nodes as seminar_nodes
from ..integration.snapshot import site_of
from . import handouts
from ..formats import registry
from ..formats import wording as timelabels
from ..formats.wording import N_, Words
from ..integration.language import words as words_of
from . import timezones
from .calendarlinks import subscribe_link
from .links import link_line, material_links, material_uri, page_link, site_file

logger = logging.getLogger(__name__)

_WIDTHS = dict(zip(COLUMNS, (8, 16, 13, 11, 18, 34)))


def columns(app: Sphinx) -> tuple[str, ...]:
    """The schedule's columns: without "Week" where ``seminar_week_numbers`` is off."""
    return COLUMNS if app.config.seminar_week_numbers else tuple(c for c in COLUMNS if c != "Week")


def term_rows(site: Site, term_id: str, when: str) -> list[Row]:
    term = site.term(term_id)
    return schedule_rows(list(site.sessions_of(term_id)), term.fields.no_meeting if term else (), when, site.today)


def _cell(*children: nodes.Node) -> nodes.entry:
    return nodes.entry("", nodes.paragraph("", "", *children))


def _named(app: Sphinx, cells: dict[str, nodes.entry]) -> list[nodes.entry]:
    """The cells of the shown columns, each with its column's name as a class (``column-week``,
    ``column-date``, ...; not ``topic``, which is docutils' own): what the narrow-screen style
    lays out as one stacked entry per meeting (seminar.css)."""
    shown = [(name, cells[name]) for name in columns(app)]
    for name, cell in shown:
        cell["classes"].append(f"column-{name.lower()}")
    return [cell for _name, cell in shown]


def _topic_cell(app: Sphinx, words: Words, fromdocname: str, session: Session) -> nodes.entry:
    """The title (linked), its status in words, the note, and the materials."""
    status = words.status_text(session)
    paragraph = nodes.paragraph()
    if status:
        paragraph += nodes.strong("", f"{status}: ", classes=["session-status"])
    link = page_link(app, fromdocname, session.docname, words.title(session))
    paragraph += nodes.emphasis("", "", link) if session.title_tba else link
    cell = nodes.entry("", paragraph)
    if session.note:
        cell += nodes.paragraph("", session.note, classes=["session-note"], support_smartquotes=False)
    links = material_links(app, fromdocname, session)
    if links:
        cell += link_line("session-materials", *links)
    return cell


def schedule_table(app: Sphinx, fromdocname: str, title: nodes.Node | None, rows: list[Row], term_zone: str | None) -> nodes.table:
    words = words_of(app)
    table = nodes.table(classes=["schedule"])
    if title is not None:
        table += title
    group = nodes.tgroup(cols=len(columns(app)))
    table += group
    for name in columns(app):
        group += nodes.colspec(colwidth=_WIDTHS[name])
    head = nodes.thead()
    names = {name: timezones.header(app.config, words, term_zone) if name == "Time" else words.column(name) for name in COLUMNS}
    head += nodes.row("", *_named(app, {key: _cell(nodes.Text(name)) for key, name in names.items()}))
    group += head
    body = nodes.tbody()
    group += body
    for row in rows:
        line = nodes.row("", *_named(app, _row_cells(app, words, fromdocname, row, term_zone)))
        if row.session is None:
            line["classes"] += ["no-meeting", f"date-{row.date.isoformat()}"]
        else:
            s = row.session
            line["classes"] += ["session", f"date-{row.date.isoformat()}", f"status-{s.status}"] + (["tba"] if s.tba else [])
        body += line
    return table


def _row_cells(app: Sphinx, words: Words, fromdocname: str, row: Row, term_zone: str | None) -> dict[str, nodes.entry]:
    """One row's cells by column: a meeting's, or a day without one."""
    # "Week" before the number shows only where the row is a stacked entry, on a phone (seminar.css).
    week = _cell(nodes.inline("", words.column("Week") + " ", classes=["week-label"]), nodes.Text(str(row.week)))
    cells = {"Week": week, "Date": _cell(nodes.Text(words.short_date(row.date)))}
    s = row.session
    if s is None:
        dash = {name: _cell(nodes.Text("—")) for name in ("Time", "Room", "Speaker")}
        return {**cells, **dash, "Topic": _cell(nodes.strong("", words._("No meeting")))}
    speaker = words.speaker(s)
    return {**cells, "Time": _cell(*timezones.table_time_nodes(app.config, words, s, term_zone)),
            "Room": _cell(nodes.Text(words.place(s))),
            "Speaker": _cell(nodes.emphasis("", speaker) if s.speaker_tba else nodes.Text(speaker)),
            "Topic": _topic_cell(app, words, fromdocname, s)}


#: The printed schedule's columns: week and date on one line; time, room and speaker as wide as
#: their widest entry (measured by LaTeX), narrowed where that would leave the topic less than
#: 40% of the line (``_OTHERS_AT_MOST``), the room first, then the speaker, then the time (each to a floor), so that a
#: long room name wraps before the topic does (tests/site/test_pdf_schedule_widths.py).
_LATEX_COLUMNS = {"Week": "r", "Date": "l", "Time": r">{\raggedright\arraybackslash}p{\SeminarColTime}",
                  "Room": r">{\raggedright\arraybackslash}p{\SeminarColRoom}",
                  "Speaker": r">{\raggedright\arraybackslash}p{\SeminarColSpeaker}",
                  "Topic": r">{\raggedright\arraybackslash}X"}
#: The order in which columns give way, and the narrowest each becomes: the room, then the time
#: (its zone wraps, never its clock), then the speaker.
_NARROWED = (("Room", r"0.08\linewidth"), ("Time", r"\SeminarColClock"), ("Speaker", r"0.1\linewidth"))
_MEASURED = ("Time", "Room", "Speaker")
#: The share of the line the columns before the topic may take, with their separators.
_OTHERS_AT_MOST = "0.6"
_LENGTHS = ("Time", "Room", "Speaker", "Clock", "Fixed", "Widest", "Scratch", "Budget")


def _latex_widths(shown: tuple[str, ...], header: dict[str, str], rows: list[dict[str, str]], clocks: list[str]) -> list[str]:
    """LaTeX that sets each wrapping column's width (``\SeminarCol<Name>``) from its entries."""
    lines = [r"\ifdefined\SeminarColTime\else" + "".join(rf"\newlength\SeminarCol{n}" for n in _LENGTHS) + r"\fi",
             r"\def\seminarwidest#1#2{\settowidth\SeminarColScratch{#2}\addtolength\SeminarColScratch{0.5pt}"
             r"\ifdim\SeminarColScratch>#1\setlength#1{\SeminarColScratch}\fi}"]
    for name in ("Fixed", "Clock", *_MEASURED):
        lines.append(rf"\setlength\SeminarCol{name}{{0pt}}")
    lines += [rf"\seminarwidest\SeminarColClock{{{clock}}}" for clock in dict.fromkeys(clocks)]
    for name in _MEASURED:
        # The header's longest word: a header may wrap between its words, never inside one.
        texts = [rf"\textbf{{{word}}}" for word in header[name].split()] + [row[name] for row in rows]
        lines += [rf"\seminarwidest\SeminarCol{name}{{{text}}}" for text in dict.fromkeys(texts)]
    fixed = [name for name in ("Week", "Date") if name in shown]
    for name in fixed:
        lines.append(r"\setlength\SeminarColWidest{0pt}")
        texts = [rf"\textbf{{{header[name]}}}"] + [row[name] for row in rows]
        lines += [rf"\seminarwidest\SeminarColWidest{{{text}}}" for text in dict.fromkeys(texts)]
        lines.append(r"\addtolength\SeminarColFixed{\SeminarColWidest}")
    lines.append(rf"\addtolength\SeminarColFixed{{{2 * (len(shown) - 1)}\tabcolsep}}")
    for name, floor in _NARROWED:
        others = "".join(rf"-\SeminarCol{other}" for other in _MEASURED if other != name)
        lines += [rf"\setlength\SeminarColBudget{{\dimexpr {_OTHERS_AT_MOST}\linewidth-\SeminarColFixed{others}\relax}}",
                  # Narrowed only where wider than what is left (1pt of tolerance, for rounding), to
                  # what is left, but never below its floor, nor wider than its widest entry.
                  rf"\ifdim\SeminarCol{name}>\dimexpr\SeminarColBudget+1pt\relax"
                  rf"\ifdim\SeminarColBudget<{floor}\setlength\SeminarColBudget{{{floor}}}\fi"
                  rf"\ifdim\SeminarCol{name}>\SeminarColBudget\setlength\SeminarCol{name}{{\SeminarColBudget}}\fi\fi"]
    return lines


def latex_schedule(app: Sphinx, rows: list[Row], term_zone: str | None) -> nodes.raw:
    """The schedule for print, as LaTeX of our own.

    Sphinx's LaTeX tables give every column a fixed share of the width and
    wrap dates and weeks; this one keeps the week and date on one line,
    sizes time, room and speaker by their entries within a budget
    (``_latex_widths``), gives the topic the rest, repeats the header after
    a page break (xltabular), and escapes every value.
    """
    words = words_of(app)

    def tex(text: str) -> str:
        return texescape.escape(text, app.config.latex_engine)

    header = {name: tex(timezones.header(app.config, words, term_zone) if name == "Time" else words.column(name))
              for name in COLUMNS}
    shown = columns(app)
    cells = [_latex_cells(app, words, row, term_zone, tex) for row in rows]
    lines = [
        r"\begingroup\footnotesize\renewcommand{\arraystretch}{1.25}\setlength{\tabcolsep}{3pt}"
        r"\setlength{\LTpre}{1em}\setlength{\LTpost}{1em}",
        *_latex_widths(shown, header, cells, [tex(timelabels.clock(r.session)) for r in rows if r.session]),
        r"\begin{xltabular}{\linewidth}{@{}" + "".join(_LATEX_COLUMNS[name] for name in shown) + "@{}}",
        r"\toprule",
        " & ".join(rf"\textbf{{{header[name]}}}" for name in shown) + r"\\",
        r"\midrule\endhead",
        r"\bottomrule\endfoot",
    ]
    for row, cell in zip(rows, cells):
        gray = r"\color{gray}" if row.session is None else ""
        lines.append(" & ".join(gray + cell[name] for name in shown) + r"\\")
    lines += [r"\end{xltabular}", r"\endgroup"]
    return nodes.raw("", "\n".join(lines) + "\n", format="latex")


def _latex_cells(app: Sphinx, words: Words, row: Row, term_zone: str | None, tex) -> dict[str, str]:
    """One printed row's cells by column, escaped."""
    cells = {"Week": str(row.week), "Date": tex(words.short_date(row.date))}
    s = row.session
    if s is None:
        return {**cells, "Time": "—", "Room": "—", "Speaker": "—", "Topic": rf"\textbf{{{tex(words._('No meeting'))}}}"}
    time = words.table_time(s, timezones.default_zone(app.config, term_zone), app.config.seminar_timezone_names)
    return {**cells, "Time": tex(time), "Room": tex(words.place(s)), "Speaker": tex(words.speaker(s)),
            "Topic": _latex_topic(app, words, s, tex)}


def _latex_topic(app: Sphinx, words: Words, session: Session, tex) -> str:
    """The topic cell for print: status in words, the title (a link within the PDF), note and materials."""
    try:
        target = app.builder.get_relative_uri("", session.docname)[1:]  # '%docname'
        topic = rf"\hyperref[\detokenize{{{target}::doc}}]{{{tex(words.title(session))}}}"
    except NoUri:
        topic = tex(words.title(session))
    status = words.status_text(session)
    if status:
        topic = rf"\textbf{{{tex(status)}:}} " + topic
    if session.note:
        topic += r"\newline\emph{" + tex(session.note) + "}"
    links = []
    for kind, value in session.materials.items() if session.materials else []:
        uri = material_uri(app, None, session, kind, value)
        label = tex(words.material_label(kind))
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
    words = words_of(app)
    return [
        subscribe_link(app, fromdocname, registry.term_calendar(term_id), words._("Subscribe to {term} (iCalendar)", term=name),
                       "calendar-term"),
        subscribe_link(app, fromdocname, registry.SCHEDULE_ICS, words._("Subscribe to the schedule (iCalendar)"), "calendar-feed"),
        site_file(app, fromdocname, registry.FEED, words._("News feed (Atom)"), "atom-feed"),
        handouts.link(app, fromdocname, term.docname, words._("Printable handout of {term} (PDF)", term=term.title)) if term else None,
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
            result.append(nodes.paragraph("", words_of(app)._(_NONE_IN_TERM[when])))
    if node["term"] == "current" and not term_ids:
        result.append(nodes.paragraph("", words_of(app)._("No terms yet.")))
    return result


#: What a term's schedule says where it shows no meeting, by its ``:when:``.
_NONE_IN_TERM = {"upcoming": N_("No upcoming meetings in this term."), "past": N_("No past meetings in this term."),
                 "all": N_("No meetings yet in this term.")}


def render_series(app: Sphinx, node: seminar_nodes.series_navigation, docname: str) -> list[nodes.Node]:
    site = site_of(app)
    session = site.session(docname)
    parts = site.series.get(session.series, ()) if session and session.series else ()
    if len(parts) < 2:
        return []
    position = [p.docname for p in parts].index(docname)
    numbers = part_numbers(parts)
    paragraph = nodes.paragraph(classes=["series-navigation"])
    words = words_of(app)
    paragraph += nodes.Text(words._("Part {number} of {total}.", number=numbers[position], total=parts_total(numbers)))
    for label, index in ((words._("Previous"), position - 1), (words._("Next"), position + 1)):
        if 0 <= index < len(parts):
            part = parts[index]
            paragraph += nodes.Text(f" {label}: ")
            paragraph += page_link(app, docname, part.docname, f"{words.title(part)} ({words.short_date(part.date)})")
            paragraph += nodes.Text(".")
    return [paragraph]
