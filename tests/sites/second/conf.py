# A second small site for tests: another seminar, institute, time zone and weekday
# than the main site, with cancelled, moved, online, joint and TBA sessions.
project = "Applied Topology Seminar"
# British English with numeric short dates ("Mon, 04.11.2030"), as the tests read them.
language = "en_GB"
seminar_date_format = "EEE, dd.MM.y"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_seminar"]
exclude_patterns = ["_build"]
myst_title_to_header = True
myst_enable_extensions = ["dollarmath"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "seminar"
bibtex_reference_style = "seminar"
seminar_today = "2031-03-05"
seminar_timezone = "America/New_York"
seminar_institute = "Institute for Computational Geometry, Northfield"
latex_engine = "xelatex"
seminar_calendar_domain = "topology.northfield.example"
html_baseurl = "https://topology.northfield.example/"
