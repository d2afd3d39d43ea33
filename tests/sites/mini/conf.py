# A small site for tests: the project's extension on a few sessions.
project = "Test seminar"
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
seminar_today = "2030-11-15"
latex_engine = "xelatex"
seminar_calendar_domain = "test-seminar.example.org"
