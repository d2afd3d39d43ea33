"""Sphinx configuration of the seminar site (source directory: the repository root)."""

import os
import sys
from pathlib import Path

# The project's extension, importable without installing the project too.
sys.path.insert(0, str(Path(__file__).parent / "ext"))

project = "Math and Machine Learning: Theory and Applications"
author = "Parvaneh Joharinad and Diaaeldin Taha"
copyright = "2024–2025, the organisers and speakers of the seminar"
language = "en"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "seminar",
]

root_doc = "index"
exclude_patterns = [
    "_build",
    ".*",
    "README.md",
    "tests",
    "bench",
    "ext",
]

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
    "maketitle": r"\seminarmaketitle",
    "sphinxsetup": "TitleColor={rgb}{0.1,0.2,0.45}, InnerLinkColor={rgb}{0.1,0.2,0.45}",
    "preamble": r"""
\setcounter{secnumdepth}{-1}
\makeatletter
% Title page of the term handout (a book) and title block of a session's
% handout (an article); \@title is the term's or the session's title.
\newcommand{\seminarname}{Math and Machine Learning: Theory and Applications}
\newcommand{\seminarinstitute}{Max Planck Institute for Mathematics in the Sciences, Leipzig}
\newcommand{\seminarmaketitle}{%
  \@ifundefined{chapter}{%
    \begin{flushleft}
      {\sffamily\small\seminarname\ \textbullet\ \seminarinstitute\par}
      \vspace{0.6em}
      {\sffamily\bfseries\LARGE\@title\par}
    \end{flushleft}
    \vspace{0.5em}
  }{%
    \begin{titlepage}
      \centering
      \vspace*{0.25\textheight}
      {\sffamily\bfseries\Huge\seminarname\par}
      \vspace{1.5cm}
      {\sffamily\LARGE\@title\par}
      \vspace{1cm}
      {\large\seminarinstitute\par}
      \vfill
      {\large Organisers: \@author\par}
      \vspace{1cm}
    \end{titlepage}
  }%
}
% The running header names the session on every page: the chapter in the
% term handout, the handout's title in a session's own.
\newcommand{\seminarrunninghead}{\@ifundefined{chapter}{\@title}{\nouppercase{\leftmark}}}
\fancypagestyle{normal}{%
  \fancyhf{}%
  \fancyhead[L]{\sffamily\small\seminarrunninghead}%
  \fancyhead[R]{\sffamily\small\thepage}%
  \renewcommand{\headrulewidth}{0.4pt}%
  \renewcommand{\footrulewidth}{0pt}%
}
% A chapter's first page too: a session of one page still names itself.
\fancypagestyle{plain}{\pagestyle{normal}}
\makeatother
""",
}
