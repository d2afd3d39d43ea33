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
from ..formats import wording
from ..outputs.timezones import labelled_time_nodes


def notice(session: Session) -> nodes.Element | None:
    """The admonition at the top of a cancelled or moved session's page."""
    text = wording.notice(session)
    if text is None:
        return None
    # Furo's colours for these admonition classes: red for a cancellation, orange for a move.
    look = "danger" if session.cancelled else "attention"
    note = nodes.admonition("", nodes.title("", wording.status_title(session)),
                            classes=["seminar-status", f"status-{session.status}", look])
    note += nodes.paragraph("", text, support_smartquotes=False)
    if session.reason:
        note += nodes.paragraph("", wording.reason(session), support_smartquotes=False)
    return note


def _field(name: str, body: nodes.Node | str, classes: str) -> nodes.field:
    paragraph = nodes.paragraph("", body, support_smartquotes=False) if isinstance(body, str) else nodes.paragraph("", "", body)
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", paragraph), classes=[classes])


def join_line(session: Session, term: Term | None) -> nodes.Node | str | None:
    """The join link where the term publishes links, else where to get it; None for a talk in a room only."""
    if session.attendance == "offline":
        return None
    link = session.published_join_url(term)
    if link:
        return nodes.reference("", link, refuri=link)
    return wording.join_info(session, term)


def details(session: Session, term: Term | None, config: Config) -> nodes.field_list:
    rows = nodes.field_list(classes=["session-details"])
    rows += _field(wording.speaker_label(session), session.speaker_line, "session-speaker")
    rows += _field("Date", f"{session.date:%A}, {session.date.day} {session.date:%B %Y} (week {session.week})", "session-date")
    time = nodes.inline("", "", *labelled_time_nodes(config, session, term.fields.timezone if term else None))
    rows += _field("Time", time, "session-time")
    room = term.room(session.room) if term is not None and session.attendance != "online" else None
    rows += _field("Room", wording.place_line(session, room.address if room else None), "session-room")
    join = join_line(session, term)
    if join is not None:
        rows += _field("Join online", join, "session-join")
    if session.note:
        rows += _field("Note", session.note, "session-note")
    return rows


def materials(session: Session, docname: str, refused: set[str]) -> nodes.Element | None:
    """The links to the talk's materials; files of the repository as download references.

    ``refused`` are the kinds whose file may not be published (reported
    where the page is read): they are left out, never handed to Sphinx.
    """
    shown = [(kind, value) for kind, value in (session.materials.items() if session.materials else []) if kind not in refused]
    if not shown:
        return None
    line = nodes.paragraph(classes=["session-materials"])
    line += nodes.strong("", "Materials: ")
    for index, (kind, value) in enumerate(shown):
        line += nodes.Text(" · ") if index else []
        label = material_files.LABELS[kind]
        if is_web_link(value):
            line += nodes.reference("", label, refuri=value, classes=["material", f"material-{kind}"])
        else:
            target = "/" + material_files.repo_path(session.path, value)
            line += addnodes.download_reference("", "", nodes.inline("", label), reftarget=target, refdoc=docname,
                                                refexplicit=True, classes=["material", f"material-{kind}"])
    return line
