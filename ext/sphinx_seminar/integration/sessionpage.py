"""The head of a session page: its notice, details and materials, made from the model while the page is read.

A cancelled or moved session says so in words at the top (an admonition,
so the PDF has it too); the details give the speakers with their
affiliations, the venue's time with its zone where it is not the site's,
the room or "Online", the join link where the term publishes links (or
where to get it), and the note.  Materials that are files of the
repository become Sphinx download references: Sphinx copies them into the
site and notes them as the page's dependencies.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.config import Config

from ..core import materials as material_files
from ..core.fields import is_web_link
from ..core.model import Session, Term
from ..formats.wording import Words
from ..outputs.timezones import labelled_time_nodes


def notice(words: Words, session: Session) -> nodes.Element | None:
    """The admonition at the top of a cancelled or moved session's page."""
    text = words.notice(session)
    if text is None:
        return None
    # Furo's colours for these admonition classes: red for a cancellation, orange for a move.
    look = "danger" if session.cancelled else "attention"
    note = nodes.admonition("", nodes.title("", words.status_title(session)),
                            classes=["seminar-status", f"status-{session.status}", look])
    note += nodes.paragraph("", text, support_smartquotes=False)
    if session.reason:
        note += nodes.paragraph("", words.reason(session), support_smartquotes=False)
    return note


def _field(name: str, body: nodes.Node | str, classes: str) -> nodes.field:
    paragraph = nodes.paragraph("", body, support_smartquotes=False) if isinstance(body, str) else nodes.paragraph("", "", body)
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", paragraph), classes=[classes])


def join_line(words: Words, session: Session, term: Term | None) -> nodes.Node | str | None:
    """The join link where the term publishes links, else where to get it; None for a talk in a room only."""
    if session.attendance == "offline":
        return None
    link = session.published_join_url(term)
    if link:
        return nodes.reference("", link, refuri=link)
    return words.join_info(session, term)


def date_line(words: Words, session: Session, config: Config) -> str:
    """"Monday, 4 November 2024 (week 3)"; without the week where the schedule has none."""
    day = words.long_date(session.date)
    return words._("{date} (week {week})", date=day, week=session.week) if config.seminar_week_numbers else day


def details(words: Words, session: Session, term: Term | None, config: Config) -> nodes.field_list:
    rows = nodes.field_list(classes=["session-details"])
    rows += _field(words.speaker_label(session), words.speaker_line(session), "session-speaker")
    rows += _field(words.column("Date"), date_line(words, session, config), "session-date")
    time = nodes.inline("", "", *labelled_time_nodes(config, words, session, term.fields.timezone if term else None))
    rows += _field(words.column("Time"), time, "session-time")
    room = term.room(session.room) if term is not None and session.attendance != "online" else None
    rows += _field(words.column("Room"), words.place_line(session, room.address if room else None), "session-room")
    join = join_line(words, session, term)
    if join is not None:
        rows += _field(words._("Join online"), join, "session-join")
    if session.note:
        rows += _field(words._("Note"), session.note, "session-note")
    return rows


def materials(words: Words, session: Session, docname: str, refused: set[str]) -> nodes.Element | None:
    """The links to the talk's materials; files of the repository as download references.

    ``refused`` are the kinds whose file may not be published (reported
    where the page is read): they are left out, never handed to Sphinx.
    """
    shown = [(kind, value) for kind, value in (session.materials.items() if session.materials else []) if kind not in refused]
    if not shown:
        return None
    line = nodes.paragraph(classes=["session-materials"])
    line += nodes.strong("", words._("Materials:") + " ")
    for index, (kind, value) in enumerate(shown):
        line += nodes.Text(" · ") if index else []
        label = words.material_label(kind)
        if is_web_link(value):
            line += nodes.reference("", label, refuri=value, classes=["material", f"material-{kind}"])
        else:
            target = "/" + material_files.repo_path(session.path, value)
            line += addnodes.download_reference("", "", nodes.inline("", label), reftarget=target, refdoc=docname,
                                                refexplicit=True, classes=["material", f"material-{kind}"])
    return line
