"""``seminar init DIR``: a new seminar's site, ready for its two commands.

The files come from ``templates/site/`` (in the wheel); the values from the
options, each with a default.  The site installs the extension from where
this ``seminar`` came from (:func:`requirement`): a package index or a VCS
URL, never a local path.
"""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.metadata
import json
from pathlib import Path
from string import Template

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from slugify import slugify

from ..formats.wording import N_
from .files import why_not_written
from .terms import quoted, term_name, term_page

TEMPLATES = Path(__file__).parent / "templates" / "site"
LOCALE_DIR = Path(__file__).parents[1] / "locale"
#: The starter pages' words, in the site's language where the extension's catalogue has it
#: (the organisers rewrite these pages as they like; the titles are YAML-quoted).
PAGE_WORDS = {
    "speakers_title": N_("Speakers"),
    "speakers_text": N_("Everyone who has spoken in the seminar, by family name, with their sessions."),
    "archive_title": N_("Archive"),
    "archive_text": N_("Every term of the seminar, newest first, with its dates and how many sessions and "
                       "speakers it had."),
    "series_title": N_("Lecture series"),
    "series_text": N_("Lectures given in several parts, with their parts in order."),
    "references_title": N_("References"),
    "references_text": N_("Every work that the sessions cite, from `references.bib`."),
    "schedule_heading": N_("Schedule"),
    "archive_pointer": N_("Every term is in the {doc}`archive`."),
    "terms_caption": N_("Terms"),
    "about_caption": N_("About this site"),
}
_TITLES = {"speakers_title", "archive_title", "series_title", "references_title"}
DISTRIBUTION = "sphinx-seminar"
#: Template (or file) -> where it goes in the new site.
FILES = {
    "conf.py.tmpl": "conf.py",
    "index.md.tmpl": "index.md",
    "term.md.tmpl": "sessions/{term_id}/index.md",
    "references.md.tmpl": "references.md",
    "archive.md.tmpl": "archive.md",
    "speakers.md.tmpl": "speakers.md",
    "series.md.tmpl": "series.md",
    "references.bib": "references.bib",
    "Makefile.tmpl": "Makefile",
    "README.md.tmpl": "README.md",
    "requirements.txt.tmpl": "requirements.txt",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-build.yml": ".github/workflows/build.yml",
}


def installed_source() -> tuple[str, dict | None]:
    """This extension's version and where pip installed it from (its ``direct_url.json``, PEP 610;
    None when it came from a package index, ``{}`` when no installed distribution is found)."""
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # run from a source folder (PYTHONPATH)
        from .._version import __version__
        return __version__, {}
    text = distribution.read_text("direct_url.json")
    return distribution.version, (json.loads(text) if text else None)


def requirement(version: str, direct: dict | None, source: str | None = None) -> tuple[str, str | None]:
    """The line of the new site's ``requirements.txt`` that installs this extension with its ``site``
    extra (Furo, offline MathJax, sphinx-autobuild), and a note for the organiser, or None.

    ``source`` (``--extension-source``): a requirement of the distribution, written as it is, or
    where to install it from (a URL, or a path, made a ``file://`` URL).  Else as this copy was
    installed: from a package index, or a VCS URL at its commit.  From a local path (a wheel, a
    folder, an editable install, a local clone) or from no installation at all, the package
    index's form, which a CI runner can install, with a note saying so.
    """
    name = f"{DISTRIBUTION}[site]"
    if source:
        try:
            if canonicalize_name(Requirement(source).name) == DISTRIBUTION:
                return source, None
        except InvalidRequirement:
            pass  # a URL or a path
        if "://" not in source and not source.startswith(("git+", "hg+", "svn+", "bzr+")):
            source = Path(source).expanduser().resolve().as_uri()
        return f"{name} @ {source}", None
    index = f"{name}>={version}"
    if direct is None:
        return index, None
    url = direct.get("url", "")
    vcs = direct.get("vcs_info")
    if url and not url.startswith("file:"):
        if vcs:
            return f"{name} @ {vcs['vcs']}+{url}@{vcs['commit_id']}", None
        return f"{name} @ {url}", None
    where = f"from a local path ({url})" if url else "from a source folder, not installed"
    return index, (f"requirements.txt installs '{index}' from the package index: this copy of the extension was installed "
                   f"{where}, which a CI runner cannot install. To install it from elsewhere, edit requirements.txt, for example to "
                   f"'{name} @ git+https://host/repository.git@TAG' (seminar init --extension-source SPEC writes that line "
                   "when it starts a site)")


def first_term(options: dict) -> tuple[dt.date, dt.date, str, str]:
    """The first term's first and last day, folder and title.

    The days given (``--first-day``, ``--last-day``; one of them given, the other
    is a year from it), else the academic year from 1 September of ``--first-year``;
    the folder and title from the days (:func:`term_name`) unless ``--term-id`` and
    ``--term-title`` say otherwise.
    """
    first, last = options.get("first_day"), options.get("last_day")
    if first is None and last is None:
        year = options["first_year"]
        first, last = dt.date(year, 9, 1), dt.date(year + 1, 8, 31)
    elif last is None:
        last = _a_year_after(first) - dt.timedelta(days=1)
    elif first is None:
        first = _a_year_after(last, -1) + dt.timedelta(days=1)
    term_id, title = term_name(first, last)
    return first, last, options.get("term_id") or term_id, options.get("term_title") or title


def _a_year_after(day: dt.date, years: int = 1) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def catalogue(language: str) -> gettext.NullTranslations:
    """The extension's messages in ``language`` (its compiled catalogue), else English."""
    return gettext.translation("sphinx_seminar", str(LOCALE_DIR), [language], fallback=True)


def page_words(found: gettext.NullTranslations) -> dict[str, str]:
    """The starter pages' words in the site's language."""
    words = {key: found.gettext(message) for key, message in PAGE_WORDS.items()}
    return {key: quoted(text) if key in _TITLES else text for key, text in words.items()}


def intro(options: dict, found: gettext.NullTranslations) -> str:
    """The landing page's first sentence, in the site's language."""
    if options["institute"]:
        text = found.gettext("The seminar {name} at {institute}: its schedule, the notes of its sessions and their references.")
    else:
        text = found.gettext("The seminar {name}: its schedule, the notes of its sessions and their references.")
    return text.format(name=options["name"], institute=options["institute"])


def values(options: dict) -> dict[str, str]:
    organisers = options["organiser"] or []
    name = options["name"]
    language = options.get("language") or "en"
    found = catalogue(language)
    return {
        **page_words(found),
        "language": quoted(language),
        "project": quoted(name),
        "title_yaml": quoted(name),
        "title": name,
        "title_quoted": f"*{name}*",
        "author": quoted(" and ".join(organisers) or name),
        "institute": quoted(options["institute"]),
        "calendar_domain": quoted(options["calendar_domain"] or f"{slugify(name)}.invalid"),
        "intro": intro(options, found),
        "term_id": first_term(options)[2],
        "package": requirement(*installed_source(), options.get("extension_source"))[0],
    }


def init_site(target: Path, options: dict) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Write the site's files that ``target`` does not hold yet: those written, and those kept with why.

    A file that is there is kept as it is, and so is one whose folder is a
    symbolic link: nothing is overwritten, and nothing written outside ``target``.
    """
    substitutions = values(options)
    target.mkdir(parents=True, exist_ok=True)
    written, kept = [], []
    for template, destination in FILES.items():
        relative = destination.format(term_id=substitutions["term_id"])
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        if template == "term.md.tmpl":
            text = first_term_page(options)
        elif template.endswith(".tmpl"):
            text = Template(text).substitute(substitutions)
        reason = why_not_written(target, relative, text)
        if reason is None:
            written.append(target / relative)
        else:
            kept.append((target / relative, reason))
    return written, kept


def first_term_page(options: dict) -> str:
    """The first term's page: its days, title, time zone, time, room and organisers."""
    first_day, last_day, _, title = first_term(options)
    return term_page(
        title=title, timezone=options["timezone"], first_day=first_day, last_day=last_day,
        organizers=options["organiser"] or [], weekday=options.get("weekday"),
        start=options["start"], end=options["end"], room=options["room"],
    )


def default_first_year(today: dt.date | None = None) -> int:
    """The academic year under way: from August on, the one that starts this year."""
    today = today or dt.date.today()
    return today.year if today.month >= 8 else today.year - 1
