"""The names ``seminar init`` and ``seminar term new`` give a term, and the first term ``init`` writes, without Sphinx."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_seminar.cli.init import first_term
from sphinx_seminar.cli.terms import term_name

D = dt.date


@pytest.mark.parametrize(("first", "last", "name"), [
    (D(2020, 1, 1), D(2020, 12, 31), ("2020", "Term 2020")),        # a southern-hemisphere year
    (D(2019, 7, 1), D(2019, 12, 31), ("2019", "Term 2019")),        # a northern autumn, a southern second semester
    (D(2020, 2, 24), D(2020, 6, 19), ("2020", "Term 2020")),
    (D(2019, 10, 1), D(2020, 2, 28), ("2019-20", "Term 2019/20")),  # across a new year
    (D(2024, 10, 14), D(2025, 2, 14), ("2024-25", "Term 2024/25")),  # this site's own term
    (D(1999, 12, 31), D(2000, 1, 2), ("1999-00", "Term 1999/00")),  # the century: the last year's two digits
    (D(2019, 9, 1), D(2021, 8, 31), ("2019-21", "Term 2019/21")),   # two years and more
])
def test_a_terms_folder_and_title_come_from_its_days_in_one_style(first, last, name) -> None:
    assert term_name(first, last) == name


def options(**given) -> dict:
    return {"first_year": 2030, "first_day": None, "last_day": None, "term_id": None, "term_title": None, **given}


def test_the_first_term_is_the_days_given_else_the_academic_year_of_first_year() -> None:
    assert first_term(options()) == (D(2030, 9, 1), D(2031, 8, 31), "2030-31", "Term 2030/31")
    # The days win over --first-year (which is today's academic year unless given).
    assert first_term(options(first_day=D(2019, 1, 1), last_day=D(2019, 12, 31))) == (D(2019, 1, 1), D(2019, 12, 31), "2019", "Term 2019")
    # One day given: the other a year from it.
    assert first_term(options(first_day=D(2021, 3, 1))) == (D(2021, 3, 1), D(2022, 2, 28), "2021-22", "Term 2021/22")
    assert first_term(options(last_day=D(2021, 12, 31))) == (D(2021, 1, 1), D(2021, 12, 31), "2021", "Term 2021")
    assert first_term(options(first_day=D(2024, 2, 29)))[1] == D(2025, 2, 27)
    # --term-id and --term-title override the names, not the days.
    assert first_term(options(first_day=D(2019, 1, 1), last_day=D(2019, 12, 31), term_id="y2019", term_title="Year 2019")) == (
        D(2019, 1, 1), D(2019, 12, 31), "y2019", "Year 2019")


def test_the_new_sites_requirement_is_how_the_extension_was_installed_never_a_local_path(tmp_path) -> None:
    from sphinx_seminar.cli.init import requirement

    assert requirement("0.3.1", None) == ("sphinx-seminar[site]>=0.3.1", None)  # from a package index
    git = {"url": "https://github.com/org/seminar.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "v1"}}
    assert requirement("0.3.1", git) == ("sphinx-seminar[site] @ git+https://github.com/org/seminar.git@0123abc", None)
    remote = {"url": "https://example.org/sphinx_seminar-0.3.1-py3-none-any.whl", "archive_info": {}}
    assert requirement("0.3.1", remote) == ("sphinx-seminar[site] @ https://example.org/sphinx_seminar-0.3.1-py3-none-any.whl", None)
    for local in ({"url": "file:///home/me/dist/sphinx_seminar-0.3.1-py3-none-any.whl", "archive_info": {}},
                  {"url": "file:///home/me/seminar", "dir_info": {"editable": True}},
                  {"url": "file:///home/me/seminar", "dir_info": {}},
                  {"url": "file:///home/me/seminar", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}},
                  {}):  # {}: not installed at all, run from a source folder
        line, note = requirement("0.3.1", local)
        assert line == "sphinx-seminar[site]>=0.3.1" and "/home/me" not in line
        assert note and "requirements.txt installs 'sphinx-seminar[site]>=0.3.1'" in note and "--extension-source" in note
    # --extension-source: a requirement as it is, a URL after the name, a path as a file:// URL.
    given = "sphinx-seminar[site]==0.3.0"
    assert requirement("0.3.1", {"url": "file:///x"}, given) == (given, None)
    assert requirement("0.3.1", None, "git+https://host/r.git@v1") == ("sphinx-seminar[site] @ git+https://host/r.git@v1", None)
    wheel = tmp_path / "sphinx_seminar-0.3.1-py3-none-any.whl"
    assert requirement("0.3.1", None, str(wheel)) == (f"sphinx-seminar[site] @ {wheel.as_uri()}", None)
