"""Times as the pages show them: the venue's clock in a ``<time datetime>``, with its label.

The words come from :mod:`sphinx_seminar.formats.wording`; here they meet
the site's settings (``seminar_timezone``, ``seminar_timezone_names``) and
become nodes.  The HTML writes the absolute start and end into the
``<time>`` element, from which ``static/seminar.js`` adds the reader's own
time where the reader's zone is another.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.config import Config

from ..core.model import Session
from ..formats import wording as timelabels
from ..formats.wording import Words
from ..integration import nodes as seminar_nodes


def default_zone(config: Config, term_zone: str | None) -> str | None:
    """The zone whose times need no label but the header's, from the site's settings."""
    return timelabels.default_zone(config.seminar_timezone, term_zone)


def time_node(session: Session, text: str, label: str) -> seminar_nodes.time_range:
    """``text`` (the clock) as a ``<time>`` of the session's absolute start and end; ``label``
    is what the "Next meeting" line puts after it."""
    return seminar_nodes.time_range(text, text, start=session.starts.isoformat(), end=session.ends.isoformat(), label=label)


def labelled_time_nodes(config: Config, words: Words, session: Session, term_zone: str | None) -> list[nodes.Node]:
    """A session page's time: the clock in a ``<time>``, then whose time it is."""
    label = words.zone_label(session, default_zone(config, term_zone), config.seminar_timezone_names)
    return [time_node(session, timelabels.clock(session), label), nodes.Text(f" {label}")]


def table_time_nodes(config: Config, words: Words, session: Session, term_zone: str | None) -> list[nodes.Node]:
    """A schedule cell's time: the clock, and the venue's zone where it is not the header's."""
    names = config.seminar_timezone_names
    zone = default_zone(config, term_zone)
    time = time_node(session, timelabels.clock(session), words.zone_label(session, zone, names))
    rest = words.table_suffix(session, zone, names)
    return [time, nodes.Text(rest)] if rest else [time]


def header(config: Config, words: Words, term_zone: str | None) -> str:
    """The schedule's time column: "Time (Lisbon)"."""
    return words.time_header(config.seminar_timezone, term_zone, config.seminar_timezone_names)
