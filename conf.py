"""Sphinx configuration of the seminar site (source directory: the repository root)."""

import os
import sys
from pathlib import Path

# The project's extension, importable without installing the project too.
sys.path.insert(0, str(Path(__file__).parent / "ext"))

project = "Math and Machine Learning: Theory and Applications"
author = "Parvaneh Joharinad and Diaaeldin Taha"
copyright = "2024–2025, the organisers and speakers of the seminar"
# British English, as the seminar's wiki writes; the short dates as the wiki's schedule writes them
# ("Mon, 04.11.2024"), the long ones as the language does ("Monday, 4 November 2024").
language = "en_GB"
seminar_date_format = "EEE, dd.MM.y"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_seminar",
]

root_doc = "index"
# The pages the site is made of, and no others: a build/ or dist/ folder (after
# `pip wheel .`, whose copy of the extension holds the new-site templates), a
# virtual environment or the tests' sites are never read as pages.
include_patterns = ["index.md", "archive.md", "sessions/**", "docs/**"]
exclude_patterns = ["_build", ".*", "**/.*"]

# MyST: front-matter 'title' is the page title; $...$ and $$...$$ are math.
myst_title_to_header = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3

# Bibliography: one .bib, author-year citations "Kipf and Welling (2017)".
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "seminar"
bibtex_reference_style = "seminar"

html_theme = "furo"
# The site's address, for the links in the calendar files: set by the
# publishing workflow, or by Read the Docs (there is no fixed address yet).
html_baseurl = os.environ.get("SEMINAR_BASEURL") or os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# The calendar events' UIDs end in the institute's domain, whatever address
# the site is published at, so that subscribers' events stay the same.
seminar_calendar_domain = "mis.mpg.de"
html_title = "Math and Machine Learning"
html_static_path = ["docs/_static"]
html_last_updated_fmt = None
html_show_sourcelink = False

# PDF: XeLaTeX with GNU FreeFont (Sphinx's default fonts for xelatex), which
# has the glyphs of names such as Montúfar and Gröbner and of Greek letters and
# math symbols in running text.  The handouts themselves (which pages, in which
# order) are derived by the seminar extension from sessions/.
latex_engine = "xelatex"
latex_show_urls = "no"
latex_domain_indices = False
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "extraclassoptions": "openany,oneside",
    "fncychap": "",
    "printindex": "",
    "tableofcontents": "",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.2,0.45}, InnerLinkColor={rgb}{0.1,0.2,0.45}",
    # No section numbers: sessions are chapters by title.  The title page and
    # the running heads come with the seminar extension (seminar_name,
    # seminar_institute below).
    "preamble": r"\setcounter{secnumdepth}{-1}",
}
seminar_timezone = "Europe/Berlin"
# What the times are labelled with: the seminar meets in Leipzig.
seminar_timezone_names = {"Europe/Berlin": "Leipzig"}
seminar_institute = "Max Planck Institute for Mathematics in the Sciences, Leipzig"
