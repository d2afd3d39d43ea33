"""How a meeting's time is written: the venue's wall-clock time, with a label saying whose.

A time is only as good as its zone.  The site's default zone is named
once (the schedule's header says "Time (Lisbon)", a session page "Lisbon
time"); a meeting at a venue in another zone names that zone beside its
time, with the abbreviation in force that day ("London, BST").  The
reader's own time is added in the browser (``static/seminar.js``) from the
absolute time in the page's ``<time datetime>``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Session


def zone_name(zone: str, names: Mapping[str, str]) -> str:
    """The place a zone is called by: the site's name for it (``seminar_timezone_names``),
    else the last part of its IANA name ("America/New_York": "New York")."""
    return names.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")


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
