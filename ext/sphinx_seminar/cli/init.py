"""``seminar init DIR``: a new seminar's site, ready for its two commands.

The files come from ``templates/site/`` (in the wheel); the values from the
options, each with a default.  The site installs the extension from where
this ``seminar`` came from: the wheel or repository recorded by pip
(PEP 610), else the package by name.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
from pathlib import Path
from string import Template

from slugify import slugify

from .files import why_not_written
from .terms import quoted, term_name, term_page

TEMPLATES = Path(__file__).parent / "templates" / "site"
DISTRIBUTION = "sphinx-seminar"
#: Template (or file) -> where it goes in the new site.
FILES = {
    "conf.py.tmpl": "conf.py",
    "index.md.tmpl": "index.md",
    "term.md.tmpl": "sessions/{term_id}/index.md",
    "references.md": "references.md",
    "archive.md": "archive.md",
    "speakers.md": "speakers.md",
    "series.md": "series.md",
    "references.bib": "references.bib",
    "Makefile.tmpl": "Makefile",
    "README.md.tmpl": "README.md",
    "requirements.txt.tmpl": "requirements.txt",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-build.yml": ".github/workflows/build.yml",
}


def package_requirement() -> str:
    """How the new site installs this extension: as this copy was installed, with
    the ``site`` extra (Furo, offline MathJax, sphinx-autobuild)."""
    name = f"{DISTRIBUTION}[site]"
    try:
        distribution = importlib.metadata.distribution(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return name
    direct = json.loads(distribution.read_text("direct_url.json") or "{}")
    url = direct.get("url", "")
    vcs = direct.get("vcs_info")
    if vcs:
        return f"{name} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
    if url:  # a wheel or a folder (an editable install of a clone)
        return f"{name} @ {url}"
    return f"{name}>={distribution.version}"


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


def values(options: dict) -> dict[str, str]:
    organisers = options["organiser"] or []
    name = options["name"]
    return {
        "project": quoted(name),
        "title_yaml": quoted(name),
        "title": name,
        "title_quoted": f"*{name}*",
        "author": quoted(" and ".join(organisers) or name),
        "institute": quoted(options["institute"]),
        "calendar_domain": quoted(options["calendar_domain"] or f"{slugify(name)}.invalid"),
        "intro": (f"The seminar {name}" + (f" at {options['institute']}" if options["institute"] else "")
                  + ": its schedule, the notes of its sessions and their references."),
        "term_id": first_term(options)[2],
        "package": package_requirement(),
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
