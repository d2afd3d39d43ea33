"""Registering the extension's configuration values, and the checks of their values.

The values themselves, with their defaults and descriptions, are one table
in :mod:`sphinx_seminar.core.configvalues` (no Sphinx there, so that
``seminar schemas`` writes the configuration reference from it too).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.util import logging

from ..core.configvalues import CONFIG_VALUES

logger = logging.getLogger(__name__)


def register(app: Sphinx, names: tuple[str, ...] | None = None) -> None:
    """Register the values of the table (``names``: only these, where not registered yet)."""
    for value in CONFIG_VALUES:
        if names is not None and (value.name not in names or value.name in app.config):
            continue
        app.add_config_value(value.name, value.default, value.rebuild, types=frozenset(value.types),
                             description=value.description)


def calendar_domain(app: Sphinx) -> str:
    """``seminar_calendar_domain``, else the host of ``html_baseurl``, else empty."""
    return app.config.seminar_calendar_domain or urlsplit(app.config.html_baseurl or "").hostname or ""


def require_calendar_domain(app: Sphinx) -> None:
    """``builder-inited``: the calendars' UIDs need a domain of the site's own (RFC 5545)."""
    if app.builder.format == "html" and not calendar_domain(app):
        logger.warning(
            "calendar UIDs need a domain of this site's own: set html_baseurl (its address) or "
            "seminar_calendar_domain (for example your site's host name) in conf.py",
            type="seminar", subtype="config",
        )
