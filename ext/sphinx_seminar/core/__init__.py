"""The seminar's pages as data, without Sphinx or docutils: front-matter, the session and
term model with its validation and problem reports, the schedule's rows, the checks of a
page's body and of the ``.bib`` files.  The build, the ``seminar`` command and the
published JSON Schema all use it.

The body checks read the tokens of myst-parser's own markdown-it setup, so that they
see the page as the build does; myst-parser is imported when they first run.
"""
