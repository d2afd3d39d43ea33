"""Every file the build writes beside the pages: its name, and the format that makes its bytes.

A new output is one module in this package and one line here.  The Sphinx
layer writes what :func:`site_files` lists once all pages are read, and
what :func:`page_files` lists with each session page (so by ``-j N``'s
writer processes too); one writer writes them all, only where the bytes
changed.  The pages link these files by the names made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from ..core.site import Site
from . import atom, embed, ical, preview, schedule_json

SCHEDULE_ICS = "schedule.ics"
FEED = atom.FEED
EMBED = "embed.html"
SCHEDULE_JSON = schedule_json.SCHEDULE_JSON
SCHEMA = schedule_json.SCHEMA
PREVIEWS = "_previews"


def term_calendar(term_id: str) -> str:
    return f"schedule-{term_id}.ics"


def series_calendar(slug: str) -> str:
    return f"series-{slug}.ics"


def term_json(term_id: str) -> str:
    return f"schedule-{term_id}.json"


def session_calendar(docname: str) -> str:
    return f"{docname}.ics"


def preview_image(docname: str) -> str:
    return f"{PREVIEWS}/{docname}.jpg"


@dataclass(frozen=True)
class Output:
    """One kind of file: its name for each key, the keys the site has, and its bytes."""

    name: Callable[[str], str]
    keys: Callable[[Site], Iterable[str]]
    render: Callable[[Site, str], bytes]


def _one(name: str, render: Callable[[Site], bytes]) -> Output:
    """A file of which the site has one."""
    return Output(name=lambda _: name, keys=lambda site: [""], render=lambda site, _: render(site))


#: Written once a build, where what they show changed.
SITE_OUTPUTS: tuple[Output, ...] = (
    _one(SCHEDULE_JSON, schedule_json.site_document),
    _one(SCHEMA, schedule_json.schema),
    Output(term_json, lambda site: [t.id for t in site.terms], schedule_json.term_document),
    Output(term_calendar, lambda site: site.term_ids, ical.term_calendar),
    Output(series_calendar, lambda site: list(site.series), ical.series_calendar),
    _one(SCHEDULE_ICS, ical.site_calendar),
    _one(FEED, atom.feed),
    _one(EMBED, embed.page),
)

#: Written with each session page.
PAGE_OUTPUTS: tuple[Output, ...] = (
    Output(session_calendar, lambda site: [s.docname for s in site.sessions],
           lambda site, docname: ical.session_calendar(site, site.session(docname))),
    Output(preview_image, lambda site: [s.docname for s in site.sessions],
           lambda site, docname: preview.preview(site, site.session(docname))),
)


def site_files(site: Site) -> dict[str, Callable[[], bytes]]:
    """Each site-wide file's name, and how to make its bytes (made only when asked)."""
    return {output.name(key): partial(output.render, site, key) for output in SITE_OUTPUTS for key in output.keys(site)}


def page_files(site: Site, docname: str) -> dict[str, Callable[[], bytes]]:
    """The files written beside a session's page; none for another page."""
    if site.session(docname) is None:
        return {}
    return {output.name(docname): partial(output.render, site, docname) for output in PAGE_OUTPUTS}
