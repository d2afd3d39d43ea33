"""Every sentence the site says about a session: its status, its time, its place, its people.

The calendars, the feed, the data files, the embed page, the preview
image, the HTML pages and the PDF all take their words from here, so a
cancelled talk is called cancelled in the same words everywhere, and a
translation or a change of wording is made once.

Times: a time is only as good as its zone.  The site's default zone is
named once (the schedule's header says "Time (Lisbon)", a session page
"Lisbon time"); a meeting at a venue in another zone names that zone
beside its time, with the abbreviation in force that day ("London,
BST").  The reader's own time is added in the browser
(``static/seminar.js``) from the absolute time in the page's ``<time
datetime>``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.model import Session, Term
from ..core.site import RoomUse, Site

#: Put before a cancelled session's title in calendars, the feed and the embed page.
CANCELLED_PREFIX = "Cancelled: "
#: Where the join link is to be had when the term gives no 'join_info'.
DEFAULT_JOIN_INFO = "Ask the organisers for the link."
ONLINE = "Online"
#: The embed page's title, and its sentence when no meeting is left (shown by its script).
EMBED_TITLE = "Next meetings: {project}"
NO_MEETINGS_PLANNED = "No meetings are planned at the moment."


# Status.

def status_text(session: Session) -> str | None:
    """The status in words (not only a colour): "Cancelled", "Moved from Wed, 26.02.2031"."""
    if session.cancelled:
        return "Cancelled"
    if session.moved:  # a moved session has its former date (validation)
        return f"Moved from {session.previous_start:%a, %d.%m.%Y}"
    return None


def status_title(session: Session) -> str:
    """The title of a page's notice: "Cancelled", "Moved"."""
    return "Cancelled" if session.cancelled else "Moved"


def prefixed_title(session: Session) -> str:
    """The title, after "Cancelled: " where it is."""
    return (CANCELLED_PREFIX if session.cancelled else "") + session.title


def with_reason(sentence: str, session: Session) -> str:
    return sentence + (f" Reason: {session.reason}" if session.reason else "")


def cancellation(session: Session) -> str:
    """"This session is cancelled. Reason: …" (calendars, feed)."""
    return with_reason("This session is cancelled.", session)


def moved_from_at(session: Session) -> str:
    """"Moved from Wednesday, 26 February 2031, 15:00 in Room 1." (calendars)."""
    before = session.previous_start
    return with_reason(f"Moved from {before:%A, %d %B %Y, %H:%M} in {session.previous_room}.", session)


def moved_from_day(session: Session) -> str:
    """"Moved from Wednesday, 26 February 2031. Reason: …" (feed)."""
    return with_reason(f"Moved from {session.previous_start:%A, %d %B %Y}.", session)


def change(session: Session, *, with_time_and_room: bool) -> str | None:
    """What changed, for a feed or a calendar: the cancellation, or where the session moved from
    (with its former start and room, or its day alone); None for a session that is as planned."""
    if session.cancelled:
        return cancellation(session)
    if session.moved:
        return moved_from_at(session) if with_time_and_room else moved_from_day(session)
    return None


def notice(session: Session) -> str | None:
    """The sentence at the top of a cancelled or moved session's page; None for another."""
    if session.cancelled:
        return f"This session on {session.date:%A, %d %B %Y} is cancelled."
    if not session.moved:
        return None
    before = session.previous_start
    text = f"This session was moved from {before:%A, %d %B %Y}, {before:%H:%M}"
    text += f" in {session.previous_room}" if session.previous_room != session.room else ""
    return text + f", to {session.date:%A, %d %B %Y}, {session.start:%H:%M} in {session.room}."


def reason(session: Session) -> str | None:
    return f"Reason: {session.reason}" if session.reason else None


def status_suffix(session: Session) -> str:
    """" (cancelled)", " (moved from Wed, 26.02.2031)" after a date in a list; "" otherwise."""
    status = status_text(session)
    return f" ({status[0].lower()}{status[1:]})" if status else ""


# People.

def speaker_label(session: Session) -> str:
    return "Speakers" if len(session.speakers) > 1 else "Speaker"


def speakers_line(session: Session) -> str:
    """"Speaker: A (X)", "Speakers: A (X) and B" (calendars)."""
    return f"{speaker_label(session)}: {session.speaker_line}"


# Places.

def with_address(room: str, address: str | None) -> str:
    """"Room 101, 1 Example Street, 12345 Example Town"; the room alone where it has no address."""
    return f"{room}, {address}" if address else room


def location(site: Site, session: Session) -> str:
    """Where a calendar puts the event: the room with its address (the term's ``rooms``), for a
    talk online only its published join link or "Online"."""
    if session.attendance == "online":
        return session.published_join_url(site.term_of(session)) or ONLINE
    return with_address(session.room, site.address(session))


def place_line(session: Session, address: str | None) -> str:
    """A page's room: "Room 101 (1 Example Street, 12345 Example Town)", "Online", "Room 1 and online"."""
    return f"{session.place} ({address})" if address else session.place


def room_place(use: RoomUse) -> str:
    """A room's full name and address where its term gives them: "Hall One, 1 Example Street, ..."."""
    room = use.room
    return ", ".join(part for part in ((room.name, room.address) if room else ()) if part)


def room_use(count: int, first: Session, last: Session) -> str:
    """How a room was used: "1 meeting, on 02.12.2031", "6 meetings, 04.11.2031 to 16.12.2031"."""
    if count == 1:
        return f"1 meeting, on {first.date:%d.%m.%Y}"
    return f"{count} meetings, {first.date:%d.%m.%Y} to {last.date:%d.%m.%Y}"


#: The Organisation section where no session has a room yet.
NO_ROOMS = "No meeting has a room yet."


def join_info(session: Session, term: Term | None) -> str | None:
    """Where the join link is to be had when it is not published; None for a talk in a room only."""
    if session.attendance == "offline":
        return None
    return (term.fields.join_info if term else None) or DEFAULT_JOIN_INFO


def join_line(session: Session, term: Term | None) -> str | None:
    """"Join online: <link>", or where to get it; None for a talk in a room only (calendars)."""
    link = session.published_join_url(term)
    return f"Join online: {link}" if link else join_info(session, term)


# The landing page's next meeting.

#: Where no meeting of the current or the next term is still to come (by the reader's clock).
NO_NEXT_MEETING = "No meeting is planned at the moment."
NEXT = "Next"
ADD_TO_CALENDAR = "Add to calendar:"
SUBSCRIBE = "Subscribe:"
SUBSCRIBE_TEXT = "the whole schedule (iCalendar)"
#: The difference between adding one meeting and subscribing to the schedule, in one sentence.
IMPORT_OR_SUBSCRIBE = ("Adding a meeting imports a copy that your calendar never updates; subscribing keeps "
                       "the whole schedule up to date in your calendar, with every change and cancellation.")
READ_MORE = "Read more"
#: How much of the abstract the panel shows, at most (cut at a word).
EXCERPT_LENGTH = 300


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The abstract's first paragraph, cut at a word before ``limit`` characters with "…" where it is longer."""
    first = text.split("\n\n")[0]
    if len(first) <= limit:
        return first
    cut = first[:limit + 1].rsplit(" ", 1)[0] if " " in first[:limit + 1] else first[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


# Dates.

def long_date(session: Session) -> str:
    """"Monday, 13 January 2031"."""
    return f"{session.date:%A, %d %B %Y}"


def short_date(session: Session) -> str:
    """"Mon, 13 Jan 2031"."""
    return f"{session.date:%a, %d %b %Y}"


# Times.

def zone_name(zone: str, names: Mapping[str, str]) -> str:
    """The place a zone is called by: the site's name for it (``seminar_timezone_names``),
    else the last part of its IANA name ("America/New_York": "New York")."""
    return names.get(zone) or zone.split("/")[-1].replace("_", " ")


def clock(session: Session) -> str:
    """"15:00–16:30": the venue's wall-clock time."""
    return f"{session.start:%H:%M}–{session.end:%H:%M}"


def other_zone(session: Session, default_zone: str | None, names: Mapping[str, str]) -> str | None:
    """"London, BST" where the venue's zone is not ``default_zone``; None where it is."""
    if default_zone is None or session.zone == default_zone:
        return None
    return f"{zone_name(session.zone, names)}, {session.starts:%Z}"


def table_suffix(session: Session, default_zone: str | None, names: Mapping[str, str]) -> str:
    """What follows the clock in a schedule cell, under a header that names the default zone:
    "" there, " (London, BST)" at a venue in another zone."""
    other = other_zone(session, default_zone, names)
    return f" ({other})" if other else ""


def table_time(session: Session, default_zone: str | None, names: Mapping[str, str]) -> str:
    """A schedule cell: "15:00–16:30", "16:00–17:00 (London, BST)"."""
    return clock(session) + table_suffix(session, default_zone, names)


def zone_label(session: Session, default_zone: str | None, names: Mapping[str, str]) -> str:
    """Whose time it is, after the clock: "Lisbon time", "London time (BST)" at a venue in another zone."""
    label = f"{zone_name(session.zone, names)} time"
    return label if other_zone(session, default_zone, names) is None else f"{label} ({session.starts:%Z})"


def labelled_time(session: Session, default_zone: str | None, names: Mapping[str, str]) -> str:
    """Standing alone: "15:00–16:30 Lisbon time", "16:00–17:00 London time (BST)"."""
    return f"{clock(session)} {zone_label(session, default_zone, names)}"


def default_zone(site_zone: str, term_zone: str | None) -> str | None:
    """The zone whose times need no label but the header's: the site's, else the term's."""
    return site_zone or term_zone


def time_header(site_zone: str, term_zone: str | None, names: Mapping[str, str]) -> str:
    """The schedule's time column: "Time (Lisbon)"."""
    zone = default_zone(site_zone, term_zone)
    return f"Time ({zone_name(zone, names)})" if zone else "Time"


def site_time(site: Site, session: Session) -> str:
    """"15:00–16:30 Lisbon time", with the site's settings, as a sentence or a feed entry gives it."""
    term = site.term_of(session)
    zone = default_zone(site.settings.site_zone, term.fields.timezone if term else None)
    return labelled_time(session, zone, site.settings.zone_names)


def when(site: Site, session: Session) -> str:
    """"Monday, 13 January 2031, 15:00–16:30 Lisbon time"."""
    return f"{long_date(session)}, {site_time(site, session)}"
