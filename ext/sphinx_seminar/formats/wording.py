"""Every sentence the site says about a session, in the site's language: its status, its time, its place, its people.

The calendars, the feed, the data files, the embed page, the preview
image, the HTML pages and the PDF all take their words from a
:class:`Words` of the site's settings, so a cancelled talk is called
cancelled in the same words everywhere, and a translation or a change of
wording is made once.

Language: each message is English text marked with ``_`` (a method of
:class:`Words`) or :func:`N_`, which ``scripts/messages.py`` collects
into the catalogue ``locale/sphinx_seminar.pot`` with Babel's extractor.
The translations come from Sphinx's machinery (``sphinx.locale``, in the
integration layer), handed over in the settings, so that nothing here
imports Sphinx.  Dates, weekdays, months and lists of names are written
by Babel for the site's ``language``: "Mo., 04.11.2024" in German,
"Mon, Nov 4, 2024" in American English, "Mon, 4 Nov 2024" in British;
``seminar_date_format`` overrides the short date's pattern.

Times: a time is only as good as its zone.  The site's default zone is
named once (the schedule's header says "Time (Lisbon)", a session page
"Lisbon time"); a meeting at a venue in another zone names that zone
beside its time, with the abbreviation in force that day ("London,
BST").  Clocks are 24-hour ("15:00–16:30") in every language.  The
reader's own time is added in the browser (``static/seminar.js``, in
the page's language) from the absolute time in the page's ``<time
datetime>``.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from collections.abc import Mapping
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_date_format
from babel.lists import format_list

from ..core.model import Session, Term
from ..core.site import RoomUse, Site


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where it is shown."""
    return message


#: The materials' labels, by kind (``core.materials.LABELS`` in English).
MATERIAL_LABELS = {"slides": N_("Slides"), "recording": N_("Recording"), "code": N_("Code"), "notes": N_("Notes")}
#: The schedule's columns by name (``core.schedule.COLUMNS``); "Time" gets its zone (:meth:`Words.time_header`).
COLUMN_NAMES = {"Week": N_("Week"), "Date": N_("Date"), "Time": N_("Time"), "Room": N_("Room"),
                "Speaker": N_("Speaker"), "Topic": N_("Topic")}
#: The words of the browser scripts (``static/seminar-when.js``), handed to them as ``window.seminarWords``.
SCRIPT_WORDS = {"your time": N_("your time"), "now until": N_("Now, until {time}"), "next": N_("Next"),
                "next meeting": N_("Next meeting"), "to come": N_("To come"), "past": N_("Past"), "none planned": N_("No meetings are planned at the moment.")}
#: How much of the abstract the landing page's panel shows, at most (cut at a word).
EXCERPT_LENGTH = 300
#: The default language where the site's is not one Babel knows.
FALLBACK_LOCALE = "en"


def known_locale(language: str | None) -> Locale | None:
    """The Babel locale of a Sphinx ``language`` ("de", "en_GB", "pt-BR"); None where Babel knows none."""
    try:
        return Locale.parse((language or FALLBACK_LOCALE).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def babel_locale(language: str | None) -> Locale:
    """The Babel locale of a Sphinx ``language``; English where Babel knows none."""
    return known_locale(language) or Locale.parse(FALLBACK_LOCALE)


def html_language(language: str | None) -> str:
    """The language as HTML's ``lang`` and the browser's ``Intl`` take it: "en-GB", "de"."""
    return (language or FALLBACK_LOCALE).replace("_", "-")


def excerpt(text: str, limit: int = EXCERPT_LENGTH) -> str:
    """The abstract's first paragraph, cut at a word before ``limit`` characters with "…" where it is longer."""
    first = text.split("\n\n")[0]
    if len(first) <= limit:
        return first
    cut = first[:limit + 1].rsplit(" ", 1)[0] if " " in first[:limit + 1] else first[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


def zone_name(zone: str, names: Mapping[str, str]) -> str:
    """The place a zone is called by: the site's name for it (``seminar_timezone_names``),
    else the last part of its IANA name ("America/New_York": "New York")."""
    return names.get(zone) or zone.split("/")[-1].replace("_", " ")


def clock(session: Session) -> str:
    """"15:00–16:30": the venue's wall-clock time."""
    return f"{session.start:%H:%M}–{session.end:%H:%M}"


def default_zone(site_zone: str, term_zone: str | None) -> str | None:
    """The zone whose times need no label but the header's: the site's, else the term's."""
    return site_zone or term_zone


class Words:
    """The site's words in its language: the translations, the locale's dates, the date format."""

    def __init__(self, translations: gettext.NullTranslations | None = None, language: str | None = None,
                 date_format: str = "") -> None:
        self.translations = translations or gettext.NullTranslations()
        self.language = language or FALLBACK_LOCALE
        self.locale = babel_locale(language)
        self.date_format = date_format

    @classmethod
    def of(cls, site: Site) -> Words:
        settings = site.settings
        return words_for(settings.translations, settings.language, settings.date_format)

    # Messages.

    def _(self, message: str, **values: Any) -> str:
        """The message in the site's language, its ``{names}`` filled in."""
        text = self.translations.gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values: Any) -> str:
        return self.translations.ngettext(singular, plural, count).format(count=count, **values)

    def column(self, name: str) -> str:
        if name == "Speaker":  # one message with the plural of speaker_label (a catalogue holds a message once)
            return self.translations.ngettext("Speaker", "Speakers", 1)
        return self._(COLUMN_NAMES[name])

    def material_label(self, kind: str) -> str:
        return self._(MATERIAL_LABELS[kind])

    def script_words(self) -> dict[str, str]:
        """The browser scripts' words in this language (``{time}`` is filled in by the script)."""
        return {key: self.translations.gettext(message) for key, message in SCRIPT_WORDS.items()}

    # Dates.

    @functools.cached_property
    def short_pattern(self) -> str:
        """"EEE, d MMM y" (the locale's medium date after the weekday), or ``seminar_date_format``."""
        return self.date_format or f"EEE, {get_date_format('medium', locale=self.locale).pattern}"

    def short_date(self, day: dt.date) -> str:
        """"Mon, 4 Nov 2024" (en_GB), "Mon, Nov 4, 2024" (en_US), "Mo., 04.11.2024" (de)."""
        return format_date(day, self.short_pattern, locale=self.locale)

    def long_date(self, day: dt.date) -> str:
        """"Monday, 4 November 2024", "Montag, 4. November 2024"."""
        return format_date(day, "full", locale=self.locale)

    def day_month_year(self, day: dt.date) -> str:
        """"4 November 2024", "November 4, 2024", "4. November 2024"."""
        return format_date(day, "long", locale=self.locale)

    def names(self, names: list[str]) -> str:
        """"A", "A and B", "A, B and C" in the site's language."""
        return format_list(names, locale=self.locale) if names else ""

    # A session's own texts (the model's, in this language).

    @property
    def tba(self) -> str:
        return self._("To be announced")

    def title(self, session: Session) -> str:
        return self.tba if session.title_tba else session.title

    def page_title(self, session: Session) -> str:
        """The title of the session's own page: a slot's says its day, so that two slots differ in menus."""
        if not session.title_tba:
            return session.title
        return self._("{tba} ({date})", tba=self.tba, date=self.day_month_year(session.date))

    def speaker(self, session: Session) -> str:
        return self.names([s.name for s in session.speakers]) or self.tba

    def speaker_line(self, session: Session) -> str:
        """The speakers with their affiliations: "A (X) and B"."""
        return self.names(session.speaker_entries) or self.tba

    def room(self, session: Session) -> str:
        return session.fields.room or self._("Online")

    def place(self, session: Session) -> str:
        """The room, "Online", or "Room 1 and online" for a hybrid talk."""
        if session.attendance == "online":
            return self._("Online")
        return self._("{room} and online", room=self.room(session)) if session.attendance == "mixed" else self.room(session)

    # Status.

    def status_text(self, session: Session) -> str | None:
        """The status in words (not only a colour): "Cancelled", "Moved from Wed, 26 Feb 2031"."""
        if session.cancelled:
            return self._("Cancelled")
        if session.moved:  # a moved session has its former date (validation)
            return self._("Moved from {date}", date=self.short_date(session.previous_start.date()))
        return None

    def status_title(self, session: Session) -> str:
        """The title of a page's notice: "Cancelled", "Moved"."""
        return self._("Cancelled") if session.cancelled else self._("Moved")

    def status_suffix(self, session: Session) -> str:
        """" (cancelled)", " (moved from Wed, 26 Feb 2031)" after a date in a list; "" otherwise."""
        if session.cancelled:
            return " (" + self._("cancelled") + ")"
        if session.moved:
            return " (" + self._("moved from {date}", date=self.short_date(session.previous_start.date())) + ")"
        return ""

    def prefixed_title(self, session: Session) -> str:
        """The title, after "Cancelled: " where it is."""
        return self._("Cancelled: {title}", title=self.title(session)) if session.cancelled else self.title(session)

    def reason(self, session: Session) -> str | None:
        return self._("Reason: {reason}", reason=session.reason) if session.reason else None

    def with_reason(self, sentence: str, session: Session) -> str:
        return sentence + (" " + self.reason(session) if session.reason else "")

    def change(self, session: Session, *, with_time_and_room: bool) -> str | None:
        """What changed, for a feed or a calendar: the cancellation, or where the session moved from
        (with its former start and room, or its day alone); None for a session that is as planned."""
        if session.cancelled:
            return self.with_reason(self._("This session is cancelled."), session)
        if not session.moved:
            return None
        before = session.previous_start
        if with_time_and_room:
            time = f"{before:%H:%M}"
            sentence = self._("Moved from {date}, {time} in {room}.", date=self.long_date(before.date()),
                              time=time, room=session.previous_room)
        else:
            sentence = self._("Moved from {date}.", date=self.long_date(before.date()))
        return self.with_reason(sentence, session)

    def notice(self, session: Session) -> str | None:
        """The sentence at the top of a cancelled or moved session's page; None for another."""
        if session.cancelled:
            return self._("This session on {date} is cancelled.", date=self.long_date(session.date))
        if not session.moved:
            return None
        before = session.previous_start
        values = {"before": self.long_date(before.date()), "before_time": f"{before:%H:%M}",
                  "date": self.long_date(session.date), "time": f"{session.start:%H:%M}", "room": self.room(session)}
        if session.previous_room != session.room:
            return self._("This session was moved from {before}, {before_time} in {before_room}, "
                          "to {date}, {time} in {room}.", before_room=session.previous_room, **values)
        return self._("This session was moved from {before}, {before_time}, to {date}, {time} in {room}.", **values)

    # People.

    def speaker_label(self, session: Session) -> str:
        return self.translations.ngettext("Speaker", "Speakers", max(1, len(session.speakers)))

    def speakers_line(self, session: Session) -> str:
        """"Speaker: A (X)", "Speakers: A (X) and B" (calendars)."""
        return f"{self.speaker_label(session)}: {self.speaker_line(session)}"

    def count(self, singular: str, plural: str, number: int) -> str:
        """"1 session", "3 speakers"."""
        return self.plural(singular, plural, number)

    # Places.

    def location(self, site: Site, session: Session) -> str:
        """Where a calendar puts the event: the room with its address (the term's ``rooms``), for a
        talk online only its published join link or "Online"."""
        if session.attendance == "online":
            return session.published_join_url(site.term_of(session)) or self._("Online")
        address = site.address(session)
        return f"{session.room}, {address}" if address else session.room

    def place_line(self, session: Session, address: str | None) -> str:
        """A page's room: "Room 101 (1 Example Street, 12345 Example Town)", "Online", "Room 1 and online"."""
        return f"{self.place(session)} ({address})" if address else self.place(session)

    @staticmethod
    def room_place(use: RoomUse) -> str:
        """A room's full name and address where its term gives them: "Hall One, 1 Example Street, ..."."""
        room = use.room
        return ", ".join(part for part in ((room.name, room.address) if room else ()) if part)

    def room_use(self, count: int, first: Session, last: Session) -> str:
        """How a room was used: "1 meeting, on 2 December 2031", "6 meetings, 4 November 2031 to 16 December 2031"."""
        if count == 1:
            return self._("1 meeting, on {date}", date=self.day_month_year(first.date))
        return self.plural("{count} meeting, {first} to {last}", "{count} meetings, {first} to {last}", count,
                           first=self.day_month_year(first.date), last=self.day_month_year(last.date))

    def join_info(self, session: Session, term: Term | None) -> str | None:
        """Where the join link is to be had when it is not published; None for a talk in a room only."""
        if session.attendance == "offline":
            return None
        return (term.fields.join_info if term else None) or self._("Ask the organisers for the link.")

    def join_line(self, session: Session, term: Term | None) -> str | None:
        """"Join online: <link>", or where to get it; None for a talk in a room only (calendars)."""
        link = session.published_join_url(term)
        return self._("Join online: {link}", link=link) if link else self.join_info(session, term)

    # Times.

    def other_zone(self, session: Session, default: str | None, names: Mapping[str, str]) -> str | None:
        """"London, BST" where the venue's zone is not ``default``; None where it is."""
        if default is None or session.zone == default:
            return None
        return f"{zone_name(session.zone, names)}, {session.starts:%Z}"

    def table_suffix(self, session: Session, default: str | None, names: Mapping[str, str]) -> str:
        """What follows the clock in a schedule cell, under a header that names the default zone:
        "" there, " (London, BST)" at a venue in another zone."""
        other = self.other_zone(session, default, names)
        return f" ({other})" if other else ""

    def table_time(self, session: Session, default: str | None, names: Mapping[str, str]) -> str:
        """A schedule cell: "15:00–16:30", "16:00–17:00 (London, BST)"."""
        return clock(session) + self.table_suffix(session, default, names)

    def zone_label(self, session: Session, default: str | None, names: Mapping[str, str]) -> str:
        """Whose time it is, after the clock: "Lisbon time", "London time (BST)" at a venue in another zone."""
        label = self._("{place} time", place=zone_name(session.zone, names))
        return label if self.other_zone(session, default, names) is None else f"{label} ({session.starts:%Z})"

    def labelled_time(self, session: Session, default: str | None, names: Mapping[str, str]) -> str:
        """Standing alone: "15:00–16:30 Lisbon time", "16:00–17:00 London time (BST)"."""
        return f"{clock(session)} {self.zone_label(session, default, names)}"

    def time_header(self, site_zone: str, term_zone: str | None, names: Mapping[str, str]) -> str:
        """The schedule's time column: "Time (Lisbon)"."""
        zone = default_zone(site_zone, term_zone)
        return self._("Time ({place})", place=zone_name(zone, names)) if zone else self.column("Time")

    def site_time(self, site: Site, session: Session) -> str:
        """"15:00–16:30 Lisbon time", with the site's settings, as a sentence or a feed entry gives it."""
        term = site.term_of(session)
        zone = default_zone(site.settings.site_zone, term.fields.timezone if term else None)
        return self.labelled_time(session, zone, site.settings.zone_names)

    def when(self, site: Site, session: Session) -> str:
        """"Monday, 13 January 2031, 15:00–16:30 Lisbon time"."""
        return f"{self.long_date(session.date)}, {self.site_time(site, session)}"


@functools.lru_cache(maxsize=16)
def words_for(translations: gettext.NullTranslations | None, language: str | None, date_format: str) -> Words:
    """One :class:`Words` per language, translations and date format: every format and page of a
    build asks for them for each session."""
    return Words(translations, language, date_format)
