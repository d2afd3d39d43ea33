"""The site's snapshot (:class:`sphinx_seminar.core.site.Site`), made once a build from the domain.

At ``env-updated``, once every page is read, with the pages' history from
git: the snapshot, which every output reads from then on (:func:`site_of`).  It is kept on the domain object,
which Sphinx makes anew for each environment and does not pickle, so
nothing of it outlives the application; ``-j N``'s writer processes
inherit it.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.fields import is_web_link
from ..core.history import SHALLOW, Revision, is_shallow, revisions
from ..core.materials import repo_path
from ..core.model import Session
from ..core.site import Settings, Site
from .config import calendar_domain
from .language import translations
from .domain import SeminarDomain

logger = logging.getLogger(__name__)


def today(app: Sphinx) -> dt.date:
    """``seminar_today``, else the day of the build."""
    value = app.config.seminar_today
    return dt.date.fromisoformat(value) if value else dt.date.today()


def settings(app: Sphinx) -> Settings:
    config = app.config
    root = app.builder.get_target_uri(config.root_doc) if app.builder.format == "html" else "index.html"
    return Settings(project=config.project, base_url=config.html_baseurl or "", uid_domain=calendar_domain(app),
                    language=config.language or "en", site_zone=config.seminar_timezone,
                    zone_names=dict(config.seminar_timezone_names), institute=config.seminar_institute, root_page=root,
                    date_format=config.seminar_date_format, week_numbers=config.seminar_week_numbers,
                    translations=translations(config, app.srcdir))


def page_revisions(env: BuildEnvironment, domain: SeminarDomain) -> dict[str, Revision]:
    """Each session page's revision (SEQUENCE, LAST-MODIFIED), from one ``git log`` for all."""
    paths = {docname: env.doc2path(docname) for docname in domain.sessions}
    found, why_not = revisions(env.srcdir, paths.values())
    if why_not and domain.sessions:
        logger.info(f"calendar: {why_not}; SEQUENCE is 0 and LAST-MODIFIED the pages' file times")
    elif domain.sessions and is_shallow(env.srcdir):
        logger.warning(SHALLOW, type="seminar", subtype="history")
    return {docname: found[path] for docname, path in paths.items() if path in found}


def material_copy(app: Sphinx, session: Session, value: str) -> str | None:
    """Where the site has a repository file of the materials, from its root: the copy Sphinx
    made of it; None where there is none (a file refused when its page was read)."""
    # Sphinx's record of the files it copies (keyed by Path since Sphinx 8, by str before).
    downloads = getattr(app.env, "dlfiles", {})
    relative = repo_path(session.path, value)
    copied = downloads.get(Path(relative)) or downloads.get(relative)
    return posixpath.join("_downloads", Path(copied[1]).as_posix()) if copied else None


def _material_files(app: Sphinx, sessions: list[Session]) -> dict[tuple[str, str], str]:
    found = {}
    for session in sessions:
        for kind, value in session.materials.items() if session.materials else []:
            copy = None if is_web_link(value) else material_copy(app, session, value)
            if copy:
                found[(session.docname, kind)] = copy
    return found


def make_site(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the snapshot every output reads."""
    domain = cast(SeminarDomain, env.domains["seminar"])
    sessions = list(domain.sessions.values())
    pages = {d: app.builder.get_target_uri(d) for d in [*domain.sessions, *(t.docname for t in domain.terms.values())]} \
        if app.builder.format == "html" else {}
    domain.site = Site(settings=settings(app), sessions=tuple(sessions), terms=tuple(domain.terms.values()), today=today(app),
                       revisions=page_revisions(env, domain), pages=pages, material_files=_material_files(app, sessions))
    return []


def site_of(app: Sphinx) -> Site:
    """The snapshot of this build (made at ``env-updated``)."""
    domain = cast(SeminarDomain, app.env.domains["seminar"])
    if getattr(domain, "site", None) is None:
        make_site(app, app.env)
    return domain.site
