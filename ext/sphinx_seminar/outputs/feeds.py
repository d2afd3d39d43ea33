"""The files beside the pages, written by the registry (``formats.registry``) from the snapshot.

* the site's own (``schedule.json``, its schema and one per term; ``schedule.ics``,
  one calendar per term and per lecture series; ``atom.xml``; ``embed.html``),
  written at the end of an HTML build, and only when what they show changed
  (a fingerprint of the sessions, terms, history, settings and the day): a
  no-op build does not even make them;
* each session page's own (its ``.ics`` and its preview image), written with
  the page (``html-page-context``), so by the writer processes of ``-j N``,
  and only when the page is written again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from ..formats import registry
from ..core.configvalues import CONFIG_VALUES
from ..integration.snapshot import site_of
from ..core.site import Site
from .files import write_files


def _fingerprint(app: Sphinx, site: Site) -> str:
    # The settings they show too (calendar domain, zone names...): a change of those rebuilds no page.
    settings = repr(sorted((value.name, repr(app.config[value.name])) for value in CONFIG_VALUES))
    revisions = repr(sorted((d, (r.sequence, r.modified.isoformat())) for d, r in site.revisions.items()))
    parts = [app.config.html_baseurl, app.config.project, site.today.isoformat(), revisions, settings]
    parts += [s.docname + s.fields.model_dump_json() for s in site.sessions]
    parts += [t.id + t.fields.model_dump_json() for t in sorted(site.terms, key=lambda t: t.id)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the site's files, where what they show changed."""
    if exception is not None or app.builder.format != "html":
        return
    site = site_of(app)
    outdir = Path(app.outdir)
    stamp = _fingerprint(app, site)
    # Beside the environment, not in it: Sphinx has saved the environment before build-finished.
    stamp_file = Path(app.doctreedir) / "seminar-feeds.stamp"
    if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp and (outdir / registry.FEED).is_file():
        return
    write_files(outdir, registry.site_files(site))
    stamp_file.write_text(stamp, encoding="utf-8")


def write_page_files(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """``html-page-context``: a session page's own files beside it, when the page is written."""
    if app.builder.format != "html" or doctree is None:
        return
    write_files(Path(app.outdir), registry.page_files(site_of(app), pagename))
