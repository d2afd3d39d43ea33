"""The site's language: the extension's messages through Sphinx's translation machinery, and its dates.

The messages are English in the code (``formats/wording.py`` and the
Sphinx layer), with their translations in the extension's catalogue
``sphinx_seminar`` (``locale/<language>/LC_MESSAGES/sphinx_seminar.mo``,
compiled in the wheel).  A site may bring its own translations, or
correct the shipped ones, in a ``sphinx_seminar.mo`` under its
``locale_dirs``, which come first.  The formats get the translations in
the snapshot's settings, and never import Sphinx.
"""

from __future__ import annotations

import datetime as dt
import json
from gettext import NullTranslations
from pathlib import Path

from babel.dates import format_date
from sphinx import locale as sphinx_locale
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from ..formats.wording import Words, html_language, known_locale, words_for

logger = logging.getLogger(__name__)

CATALOGUE = "sphinx_seminar"
LOCALE_DIR = Path(__file__).parents[1] / "locale"


def _dirs(config: Config, srcdir: str | Path) -> list[str]:
    """The site's ``locale_dirs`` (from its source folder), then the extension's own."""
    return [str(Path(srcdir, d)) for d in config.locale_dirs or ()] + [str(LOCALE_DIR)]


def translations(config: Config, srcdir: str | Path) -> NullTranslations:
    """The extension's messages in ``language`` (Sphinx's ``sphinx.locale.init``); English where none is found."""
    dirs = _dirs(config, srcdir)
    language = config.language or "en"
    # One namespace per language and folders: init merges into what a namespace holds.
    namespace = f"{CATALOGUE}:{language}:{json.dumps(dirs)}"
    if sphinx_locale.is_translator_registered(CATALOGUE, namespace):
        return sphinx_locale.get_translator(CATALOGUE, namespace)
    translator, _found = sphinx_locale.init(dirs, language, CATALOGUE, namespace)
    return translator


def check_language(app: Sphinx, config: Config) -> None:
    """``config-inited``: a language Babel does not know gets English dates, said once."""
    if known_locale(config.language) is None:
        logger.warning(f"language {config.language!r} is not a locale Babel knows: dates are written in English "
                       "(set language in conf.py to a code such as 'de', 'en_GB' or 'pt_BR')",
                       type="seminar", subtype="config")


def check_date_format(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``seminar_date_format`` must be a pattern Babel can write; else the language's own."""
    pattern = config.seminar_date_format
    if not pattern:
        return
    try:
        format_date(dt.date(2024, 11, 4), pattern, locale="en")
    except (ValueError, KeyError, AttributeError) as error:
        logger.warning(f"seminar_date_format {pattern!r} is not a date pattern ({error}): the language's own is used; "
                       "write it in Babel's notation, e.g. 'EEE, dd.MM.y' for 'Mon, 04.11.2024'",
                       type="seminar", subtype="config")
        config.seminar_date_format = ""


def words(app: Sphinx) -> Words:
    """The site's words, for the Sphinx layer (the formats get them through the snapshot)."""
    config = app.config
    return words_for(translations(config, app.srcdir), config.language or "en", config.seminar_date_format)


def add_script_words(app: Sphinx) -> None:
    """``builder-inited``: the browser scripts' words in the site's language, before the scripts run."""
    if app.builder.format != "html":
        return
    found = words(app)
    body = "window.seminarWords = " + json.dumps(found.script_words(), ensure_ascii=False, sort_keys=True) + ";"
    body += " window.seminarLanguage = " + json.dumps(html_language(found.language)) + ";"
    app.add_js_file(None, body=body, priority=400)


def setup_language(app: Sphinx) -> None:
    app.connect("config-inited", check_language)
    app.connect("config-inited", check_date_format)
    app.connect("builder-inited", add_script_words)
