"""Every configuration value of the extension, in one table, with no Sphinx.

``setup()`` registers them from :data:`CONFIG_VALUES`
(:mod:`sphinx_seminar.integration.config`), and ``seminar schemas`` writes
the configuration reference (``docs/reference/config-values.markdown``) from the
same table (:func:`sphinx_seminar.core.schema.config_table`), so the
documentation cannot drift from what is registered.  Defaults are
neutral: nothing here names one seminar, institute or place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ConfigValue:
    name: str
    default: Any
    rebuild: str  # what Sphinx rebuilds when it changes: "env", "html" or ""
    types: tuple[type, ...]
    description: str


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue("seminar_sessions_dir", "sessions", "env", (str,),
                "Folder (from the source directory) with one sub-folder per term: its index.md and its session pages."),
    ConfigValue("seminar_today", "", "html", (str,),
                "The day (YYYY-MM-DD) that separates upcoming from past meetings in {schedule} :when:; "
                "empty means the day of the build. The HTML marks the next meeting from the reader's own date."),
    ConfigValue("seminar_timezone", "", "env", (str,),
                "The site's time zone (IANA name): a session at a venue in another zone shows its times with that "
                "zone's abbreviation. Empty: each term's own zone."),
    ConfigValue("seminar_timezone_names", {}, "env", (dict,),
                'What to call each time zone in labels, e.g. {"Europe/Lisbon": "Porto"}; '
                'by default the last part of its IANA name ("America/New_York": New York).'),
    ConfigValue("seminar_handouts", False, "env", (bool,),
                "Build one PDF per session instead of one per term (make handouts sets it)."),
    ConfigValue("seminar_term_pdfs", "", "html", (str,),
                "Folder (from conf.py's) of the terms' PDFs that the HTML links; empty means the LaTeX builder's "
                "output beside the HTML's, as sphinx-build -M latexpdf writes it (<build>/latex)."),
    ConfigValue("seminar_session_pdfs", "", "html", (str,),
                "Folder (from conf.py's) of the sessions' PDFs that the HTML links; empty means <build>/handouts/latex, "
                "where make handouts (sphinx-build -M latexpdf . <build>/handouts -D seminar_handouts=1) writes them."),
    ConfigValue("seminar_name", "", "", (str,),
                "The seminar's name on the handouts' title pages; empty means the project's name."),
    ConfigValue("seminar_institute", "", "", (str,),
                "The institute under the seminar's name on the handouts' title pages; empty leaves the line out."),
    ConfigValue("seminar_calendar_domain", "", "html", (str,),
                "Right-hand side of the calendar events' UIDs, which must be unique worldwide: "
                "empty means the host name of html_baseurl; one of the two is required for the calendars."),
    ConfigValue("seminar_offline_math", True, "html", (bool,),
                "Serve MathJax from the site itself (the django-static-mathjax package) instead of a CDN, "
                "where that package is installed."),
    ConfigValue("seminar_collapse_navigation", True, "html", (bool,),
                "In Furo's sidebar, expand only the term of the page shown."),
    ConfigValue("seminar_date_format", "", "env", (str,),
                "The short date's pattern, in Babel's (CLDR) notation, e.g. \"EEE, dd.MM.y\" for \"Mon, 04.11.2024\"; "
                "empty means the language's own (\"Mon, 4 Nov 2024\" in en_GB, \"Mon, Nov 4, 2024\" in en_US, "
                "\"Mo., 04.11.2024\" in de). Long dates are always the language's own."),
    ConfigValue("seminar_week_numbers", True, "env", (bool,),
                "Give the schedule a Week column (the week of the term); False leaves it out, on the pages "
                "and in the PDF."),
    ConfigValue("seminar_speedups", True, "env", (bool, list, tuple),
                "The optional speed-ups (sphinx_seminar.speedups), each on the upstream versions it was tested with: "
                "True for all, False for none (the same output, built more slowly), or a list of the pieces' names: "
                "cite-domain, bib-recipe, navigation."),
)

