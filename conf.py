"""Sphinx configuration of the seminar site (source directory: the repository root)."""

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
html_title = "Math and Machine Learning"
html_static_path = ["docs/_static"]
html_css_files = ["seminar.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
