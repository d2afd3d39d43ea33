"""BibTeX as people write it: every entry type, the mistakes people make, and real lab files.

Each test builds a copy of ``tests/sites/mini`` with real Sphinx (``-W
--keep-going``, as ``make html``) and runs ``seminar check`` on it: every
problem is a warning with the file, line and entry key, never a traceback,
and the entry is still shown as far as it can be.
"""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pybtex.database import Entry, Person
from pybtex.style.template import FieldIsMissing

from sphinx_seminar.core.bibfields import REQUIRED
from sphinx_seminar.outputs.bibstyle import SeminarFormattingStyle, bibtex_view
from sitebuild import Build, SITES, copy_site, schedule_rows, seminar_check, settle, sphinx_build

ROOT = Path(__file__).resolve().parents[2]
REAL_BIB = ROOT.parent / "shared/data/real-bib"
TERM = "sessions/2030-31"
BETA = f"{TERM}/2030-11-25-beta"
KNUTH = """@book{knuth1984texbook,
  author = {Knuth, Donald E.},
  title = {The {TeX}book},
  publisher = {Addison-Wesley},
  year = {1984},
}
"""


def words(text: str) -> str:
    return " ".join(text.split())


def line_of(text: str, key: str) -> int:
    """The line of ``@type{key,`` in a .bib text."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if re.match(rf"@\w+\{{{re.escape(key)},", line))


def site_with(tmp_path: Path, bib: str, cites: list[str], textual: bool = False) -> Path:
    """The mini site with ``bib`` as its refs.bib and the Beta session citing ``cites``."""
    site = copy_site("mini", tmp_path)
    (site / "refs.bib").write_text(bib, encoding="utf-8")
    role = "cite:t" if textual else "cite:p"
    page = site / f"{BETA}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + " ".join(f"{{{role}}}`{key}`" for key in cites) + "\n", encoding="utf-8")
    return site


def references(build: Build) -> dict[str, str]:
    """The References page: each entry's text (without its extras) by its label."""
    entries = {}
    for citation in build.page("references").select("div.citation"):
        for extra in citation.select(".reference-extras"):
            extra.decompose()
        label = citation.select_one(".label").get_text(strip=True).strip("[]")
        entries[label] = words(citation.get_text().replace("[" + label + "]", "", 1))
    return entries


def session_references(build: Build, docname: str = BETA) -> list[str]:
    return [words(li.get_text()) for li in build.page(docname).select("ul.session-references > li")]


def citations(build: Build, docname: str = BETA) -> list[str]:
    return [words(c.get_text()) for c in build.page(docname).select(".bibtex-citation")]



def assert_no_traceback(build: Build, check: subprocess.CompletedProcess[str] | None = None) -> None:
    assert "Traceback" not in build.stderr + build.warnings + build.log, build.stderr
    if check is not None:
        assert "Traceback" not in check.stdout + check.stderr, check.stderr


def assert_other_sessions_built(build: Build) -> None:
    topics = [row[-1] for row in schedule_rows(build.page("index"))]
    assert {"Alpha I", "Alpha II", "Beta"} <= set(topics)


# ---------------------------------------------------------------------------
# Every entry type renders.

ALL_TYPES = {
    "article": ("@article{t-article, author = {Article, Ann}, title = {An Article}, journal = {Journal of Articles},"
                " volume = {3}, number = {2}, pages = {10--20}, year = {2001}}",
                "Ann Article. An Article. Journal of Articles, 3(2):10–20, 2001."),
    "book": ("@book{t-book, author = {Book, Bob}, title = {A Book}, publisher = {Book Press}, address = {Leipzig}, year = {2002}}",
             "Bob Book. A Book. Book Press, Leipzig, 2002."),
    "booklet": ("@booklet{t-booklet, author = {Booklet, Bea}, title = {A Booklet}, howpublished = {Handed out}, year = {2003}}",
                "Bea Booklet. A Booklet. Handed out, 2003."),
    "inbook": ("@inbook{t-inbook, author = {Inbook, Ian}, title = {A Book with Chapters}, chapter = {4}, publisher = {Chapter Press}, year = {2004}}",
               "Ian Inbook. A Book with Chapters, chapter 4. Chapter Press, 2004."),
    "incollection": ("@incollection{t-incollection, author = {Collected, Cy}, title = {A Contribution}, booktitle = {Essays on Everything},"
                     " publisher = {Essay Press}, year = {2005}}",
                     "Cy Collected. A Contribution. In Essays on Everything. Essay Press, 2005."),
    "inproceedings": ("@inproceedings{t-inproceedings, author = {Proceeding, Pat}, title = {A Paper}, booktitle = {Proceedings of the Paper Conference},"
                      " pages = {1--9}, year = {2006}}",
                      "Pat Proceeding. A Paper. In Proceedings of the Paper Conference, 1–9. 2006."),
    "conference": ("@conference{t-conference, author = {Conference, Con}, title = {A Talk}, booktitle = {Proceedings of the Talk Conference}, year = {2007}}",
                   "Con Conference. A Talk. In Proceedings of the Talk Conference. 2007."),
    "manual": ("@manual{t-manual, author = {Manual, Max}, title = {A Manual}, organization = {Manual Makers}, year = {2008}}",
               "Max Manual. A Manual. Manual Makers, 2008."),
    "mastersthesis": ("@mastersthesis{t-mastersthesis, author = {Master, Mia}, title = {A Master's Thesis}, school = {Master University}, year = {2009}}",
                      "Mia Master. A Master's Thesis. Master's thesis, Master University, 2009."),
    "phdthesis": ("@phdthesis{t-phdthesis, author = {Doctor, Dan}, title = {A Dissertation}, school = {Doctor University}, year = {2010}}",
                  "Dan Doctor. A Dissertation. PhD thesis, Doctor University, 2010."),
    "thesis": ("@thesis{t-thesis, author = {Thesis, Tia}, title = {A Thesis}, type = {phdthesis}, institution = {Thesis Institute}, year = {2011}}",
               "Tia Thesis. A Thesis. PhD thesis, Thesis Institute, 2011."),
    "misc": ("@misc{t-misc, author = {Misc, Mo}, title = {Something Else}, howpublished = {On a poster}, year = {2012}}",
             "Mo Misc. Something Else. On a poster, 2012."),
    "proceedings": ("@proceedings{t-proceedings, editor = {Editor, Ed}, title = {Proceedings of Everything}, publisher = {Proc Press}, year = {2013}}",
                    "Ed Editor, editor. Proceedings of Everything, Proc Press, 2013."),
    "techreport": ("@techreport{t-techreport, author = {Tech, Tom}, title = {A Technical Report}, institution = {Tech Lab}, number = {TR-14}, year = {2014}}",
                   "Tom Tech. A Technical Report. Technical Report TR-14, Tech Lab, 2014."),
    "report": ("@report{t-report, author = {Report, Rita}, title = {A Report}, type = {techreport}, institution = {Report Office}, year = {2015}}",
               "Rita Report. A Report. Technical report, Report Office, 2015."),
    "unpublished": ("@unpublished{t-unpublished, author = {Draft, Dora}, title = {A Draft}, note = {Manuscript in preparation}, year = {2016}}",
                    "Dora Draft. A Draft. Manuscript in preparation, 2016."),
    "online": ("@online{t-online, author = {Online, Olly}, title = {A Web Page}, url = {https://example.org/online}, urldate = {2024-01-02}, year = {2017}}",
               "Olly Online. A Web Page. 2017. URL: https://example.org/online (visited on 2024-01-02)."),
    "www": ("@www{t-www, author = {Web, Wes}, title = {Another Web Page}, url = {https://example.org/www}, urldate = {2024-02-03}, year = {2018}}",
            "Wes Web. Another Web Page. 2018. URL: https://example.org/www (visited on 2024-02-03)."),
    "electronic": ("@electronic{t-electronic, author = {Electronic, Eli}, title = {An Electronic Resource}, url = {https://example.org/electronic},"
                   " urldate = {2024-03-04}, year = {2019}}",
                   "Eli Electronic. An Electronic Resource. 2019. URL: https://example.org/electronic (visited on 2024-03-04)."),
    "webpage": ("@webpage{t-webpage, author = {Page, Paige}, title = {A Webpage}, url = {https://example.org/webpage}, urldate = {2024-04-05}, year = {2020}}",
                "Paige Page. A Webpage. 2020. URL: https://example.org/webpage (visited on 2024-04-05)."),
    "software": ("@software{t-software, author = {Coder, Cody}, title = {A Program}, howpublished = {Version 1.2}, url = {https://example.org/software}, year = {2021}}",
                 "Cody Coder. A Program. Version 1.2, 2021. URL: https://example.org/software."),
    "dataset": ("@dataset{t-dataset, author = {Data, Dana}, title = {A Data Set}, url = {https://example.org/dataset}, year = {2022}}",
                "Dana Data. A Data Set. 2022. URL: https://example.org/dataset."),
    "collection": ("@collection{t-collection, editor = {Collector, Cole}, title = {A Collection}, publisher = {Collection Press}, year = {2023}}",
                   "Cole Collector, editor. A Collection. Collection Press, 2023."),
    "patent": ("@patent{t-patent, author = {Inventor, Ivy}, title = {A Device}, number = {US 1234567}, year = {2024}}",
               "Ivy Inventor. A Device. Patent US 1234567, 2024."),
}


def test_every_entry_type_renders_without_a_warning(tmp_path: Path) -> None:
    bib = KNUTH + "\n" + "\n\n".join(source for source, _ in ALL_TYPES.values()) + "\n"
    site = site_with(tmp_path, bib, [f"t-{kind}" for kind in ALL_TYPES])
    build = sphinx_build(site, tmp_path / "html")
    assert_no_traceback(build)
    assert build.returncode == 0, build.warnings
    assert build.warning_lines() == []
    listed = session_references(build)
    for kind, (_, expected) in ALL_TYPES.items():
        assert expected in listed, (kind, [text for text in listed if expected.split(".")[0] in text])
    assert len(listed) == len(ALL_TYPES)
    # The web resources link their address.
    hrefs = {a["href"] for a in build.page(BETA).select("ul.session-references a")}
    assert {"https://example.org/online", "https://example.org/www", "https://example.org/electronic", "https://example.org/webpage"} <= hrefs


FULL_FIELDS = {
    "title": "T", "journal": "J", "journaltitle": "JT", "booktitle": "B", "publisher": "P", "school": "S", "institution": "I",
    "note": "N", "howpublished": "H", "organization": "O", "chapter": "3", "number": "7", "year": "2020",
}


def _strict_format(kind: str, fields: dict[str, str], persons: dict[str, str]) -> None:
    """The entry formatted with its type's template, with no fallback: FieldIsMissing if it lacks a field."""
    entry = Entry(kind, fields=fields, persons={role: [Person(name)] for role, name in persons.items()})
    entry.key = "k"
    style = SeminarFormattingStyle()
    view = bibtex_view(entry)
    getattr(style, f"get_{view.type}_template")(view).format_data({"entry": view, "style": style, "bib_data": None})


@pytest.mark.parametrize("kind", sorted(REQUIRED))
def test_the_fields_seminar_check_requires_are_those_the_style_needs(kind: str) -> None:
    persons = {"author": "Author, Ann", "editor": "Editor, Ed"}
    _strict_format(kind, FULL_FIELDS, persons)
    for group in REQUIRED[kind]:
        with pytest.raises(FieldIsMissing):
            _strict_format(kind, {k: v for k, v in FULL_FIELDS.items() if k not in group},
                           {k: v for k, v in persons.items() if k not in group})
        for kept in group:  # any one of the group will do
            others = set(group) - {kept}
            _strict_format(kind, {k: v for k, v in FULL_FIELDS.items() if k not in others}, {k: v for k, v in persons.items() if k not in others})
    required = {name for group in REQUIRED[kind] for name in group}
    for name in [*FULL_FIELDS, *persons]:
        if name not in required and name != "year":  # every entry is checked for a year
            _strict_format(kind, {k: v for k, v in FULL_FIELDS.items() if k != name}, {k: v for k, v in persons.items() if k != name})


# ---------------------------------------------------------------------------
# An unknown entry type.


def test_an_unknown_entry_type_is_reported_with_file_line_and_key_and_shown_as_misc(tmp_path: Path) -> None:
    bib = KNUTH + """
@seminarr{lovelace1843notes,
  author = {Lovelace, Ada},
  title = {Notes on the Analytical Engine},
  year = {1843},
}

@artcle{menabrea1842sketch,
  author = {Menabrea, Luigi},
  title = {Sketch of the Analytical Engine},
  journal = {Biblioth{\\`e}que Universelle de Gen{\\`e}ve},
  year = {1842},
}
"""
    site = site_with(tmp_path, bib, ["lovelace1843notes", "menabrea1842sketch"])
    build = sphinx_build(site, tmp_path / "html")
    check = seminar_check(site)
    assert_no_traceback(build, check)
    assert build.returncode != 0
    line = line_of(bib, "lovelace1843notes")
    warning = next(w for w in build.warning_lines() if w.startswith(f"{site / 'refs.bib'}:{line}: WARNING: lovelace1843notes: "))
    assert "unknown entry type '@seminarr'" in warning
    assert "@article, @book" in warning and "@online" in warning and "shown as @misc" in warning
    typo = line_of(bib, "menabrea1842sketch")
    assert f"{site / 'refs.bib'}:{typo}: WARNING: menabrea1842sketch: unknown entry type '@artcle' (did you mean @article?" in build.warnings
    # Shown as @misc: what it has, no journal formatting.
    listed = session_references(build)
    assert "Ada Lovelace. Notes on the Analytical Engine. 1843." in listed
    assert "Luigi Menabrea. Sketch of the Analytical Engine. 1842." in listed
    assert citations(build) == ["(Lovelace, 1843)", "(Menabrea, 1842)"]
    assert_other_sessions_built(build)
    assert check.returncode == 1
    assert f"refs.bib:{line}: lovelace1843notes: unknown entry type '@seminarr'" in check.stdout
    assert f"refs.bib:{typo}: menabrea1842sketch: unknown entry type '@artcle' (did you mean @article?" in check.stdout


# ---------------------------------------------------------------------------
# LaTeX, names and fields pybtex cannot deal with: one site, one build.

BROKEN = KNUTH + r"""
@article{accent2020,
  author = {Noether, Emmy},
  title = {Gr{\"}bner Bases},
  journal = {Journal of Algebra},
  year = {2020},
}

@article{dollar2020,
  author = {Noether, Emmy},
  title = {The $\ell_1$ Norm and $p Norms},
  journal = {Journal of Analysis},
  year = {2020},
}

@article{backslash2020,
  author = {Someone\, Anna},
  title = {Ends with a Backslash\},
  journal = {Journal of Tests},
  year = {2020},
}

@article{percent2020,
  author = {Percent, Paul},
  title = {Improving by 50% the Speed},
  journal = {Journal of Speed},
  year = {2020},
}

@article{commas2020,
  author = {Turing, Alan, Church, Alonzo, Kleene, Stephen},
  title = {Computable Numbers},
  journal = {Journal of Logic},
  year = {2020},
}

@article{nojournal2020,
  author = {Fisher, Ronald},
  title = {An Article Without a Journal},
  volume = {4},
  year = {2020},
}

@inproceedings{nobooktitle2020,
  author = {Hopper, Grace},
  title = {A Paper Without Proceedings},
  pages = {1--10},
  year = {2020},
}

@inproceedings{orphan2020,
  author = {Orphan, Olga},
  title = {A Parent Nowhere},
  crossref = {nowhere2020},
  year = {2020},
}

@article{twice2020,
  author = {Twice, Tom},
  title = {First Title},
  title = {Second Title},
  journal = {Journal of Repetition},
  year = {2020},
}

@misc{bare2020,
  year = {2020},
}
"""
BROKEN_KEYS = ["accent2020", "dollar2020", "backslash2020", "percent2020", "commas2020", "nojournal2020",
               "nobooktitle2020", "orphan2020", "twice2020", "bare2020"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build, subprocess.CompletedProcess[str]]:
    tmp_path = tmp_path_factory.mktemp("broken")
    site = site_with(tmp_path, BROKEN, BROKEN_KEYS, textual=True)
    return site, sphinx_build(site, tmp_path / "html"), seminar_check(site)


def reported(broken: tuple[Path, Build, subprocess.CompletedProcess[str]], key: str, message: str) -> None:
    """The problem is a Sphinx warning at refs.bib:line and a line of seminar check, with the key."""
    site, build, check = broken
    line = line_of(BROKEN, key)
    assert f"{site / 'refs.bib'}:{line}: WARNING: {key}: {message}" in build.warnings, build.warnings
    assert f"refs.bib:{line}: {key}: {message}" in check.stdout, check.stdout


def test_no_bad_entry_stops_the_build_or_the_check(broken) -> None:
    site, build, check = broken
    assert_no_traceback(build, check)
    assert build.returncode != 0  # -W: the problems below are warnings
    assert check.returncode == 1
    assert_other_sessions_built(build)
    # Every entry is cited, listed and shown, bad or not.
    assert len(session_references(build)) == len(BROKEN_KEYS)
    assert len(citations(build)) == len(BROKEN_KEYS)
    # Every warning names refs.bib and a line (none is a pybtex message without a place).
    for warning in build.warning_lines():
        assert re.match(rf"{re.escape(str(site / 'refs.bib'))}:\d+: WARNING: \S+: ", warning), warning


def test_an_accent_without_its_letter(broken) -> None:
    reported(broken, "accent2020", "title has the accent '\\\"' with no letter to go on (put the letter with it, as in {\\\"o}")
    assert any(text.startswith("Emmy Noether. Gr") and "bner Bases. Journal of Algebra, 2020a." in text for text in session_references(broken[1]))


def test_an_unmatched_dollar(broken) -> None:
    reported(broken, "dollar2020", "title has an unmatched '$' (close the formula with a second '$', or write \\$ for a dollar sign)")
    assert "Emmy Noether. The $\\ell _1$ Norm and $p Norms. Journal of Analysis, 2020b." in session_references(broken[1])


def test_a_backslash_with_nothing_after_it_in_a_title_and_in_a_name(broken) -> None:
    reported(broken, "backslash2020", "title has LaTeX that cannot be read (a backslash with nothing after it)")
    reported(broken, "backslash2020", "author has LaTeX that cannot be read (a backslash with nothing after it)")
    # Shown without the stray backslash, in the list and in the citation (rendered after the bibliography).
    assert "Anna Someone. Ends with a Backslash. Journal of Tests, 2020." in session_references(broken[1])
    assert "Someone (2020)" in citations(broken[1])


def test_a_percent_sign_that_latex_would_take_for_a_comment(broken) -> None:
    reported(broken, "percent2020", "title has an unescaped '%', after which LaTeX ignores the rest of the value (write \\% for a percent sign)")
    assert "Paul Percent. Improving by 50% the Speed. Journal of Speed, 2020." in session_references(broken[1])


def test_a_name_with_too_many_commas(broken) -> None:
    reported(broken, "commas2020", "author 'Turing, Alan, Church, Alonzo, Kleene, Stephen' has too many commas (separate names with 'and'")
    assert any("Computable Numbers. Journal of Logic, 2020." in text for text in session_references(broken[1]))


def test_a_field_the_entry_type_needs(broken) -> None:
    reported(broken, "nojournal2020", "@article entry has no journal (or journaltitle) (add journal = {...}; an @article needs author, title and journal")
    reported(broken, "nobooktitle2020", "@inproceedings entry has no booktitle (add booktitle = {...}")
    # Shown with what they have, not as pybtex's "missing journal in nojournal2020".
    listed = session_references(broken[1])
    assert "Ronald Fisher. An Article Without a Journal. 2020." in listed
    assert "Grace Hopper. A Paper Without Proceedings. 2020." in listed
    assert not any("missing" in text for text in listed)


def test_a_crossref_to_no_entry(broken) -> None:
    reported(broken, "orphan2020", "crossref 'nowhere2020' names no entry of the bibliography files")
    site, build, check = broken
    # What the missing parent would have given is not reported again.
    assert "orphan2020: @inproceedings entry has no booktitle" not in build.warnings + check.stdout
    assert "Olga Orphan. A Parent Nowhere. 2020." in session_references(build)


def test_a_field_given_twice(broken) -> None:
    reported(broken, "twice2020", "field 'title' given twice; the second is left out (remove one of the two)")
    assert "Tom Twice. First Title. Journal of Repetition, 2020." in session_references(broken[1])


def test_an_entry_with_no_author_editor_or_title_is_cited_by_its_key(broken) -> None:
    reported(broken, "bare2020", "entry has no author (or editor)")
    assert "bare2020 (2020)" in citations(broken[1])


# ---------------------------------------------------------------------------
# A .bib that is not UTF-8.

MORE = """@book{lamport1994latex,
  author = {Lamport, Leslie},
  title = {{LaTeX}: A Document Preparation System},
  publisher = {Addison-Wesley},
  year = {1994},
}

@book{montufar2020geometry,
  author = {Montúfar, Guido},
  title = {Geometry of Neural Networks},
  publisher = {Springer},
  year = {2020},
}
"""


def test_a_bib_that_is_not_utf8_is_left_out_until_it_is_fixed(tmp_path: Path) -> None:
    site = site_with(tmp_path, KNUTH, ["montufar2020geometry", "lamport1994latex"], textual=True)
    (site / "more.bib").write_bytes(MORE.encode("latin-1"))
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('["refs.bib"]', '["refs.bib", "more.bib"]'), encoding="utf-8")
    references_page = site / "references.md"
    references_page.write_text(references_page.read_text(encoding="utf-8").replace(":all:", ":cited:"), encoding="utf-8")
    cite_line = len((site / f"{BETA}.md").read_text(encoding="utf-8").splitlines())

    first = sphinx_build(site, tmp_path / "html")
    check = seminar_check(site)
    assert_no_traceback(first, check)
    assert first.returncode != 0
    assert f"{site / 'more.bib'}:9: WARNING: file is not UTF-8 (byte 0xfa) (save the file as UTF-8; until then its entries are left out" in first.warnings
    # Its keys are unknown citations, each with its page and line; the other file's entries are there.
    for key in ("montufar2020geometry", "lamport1994latex"):
        assert f'{site / BETA}.md:{cite_line}: WARNING: could not find bibtex key "{key}"' in first.warnings
    assert list(references(first)) == ["Knuth, 1984"]
    assert session_references(first, f"{TERM}/2030-11-04-alpha-1") == ["Donald E. Knuth. The TeXbook. Addison-Wesley, 1984."]
    assert_other_sessions_built(first)
    assert check.returncode == 1
    assert "more.bib:9: file is not UTF-8 (byte 0xfa)" in check.stdout
    assert f"{BETA}.md:{cite_line}: citation: unknown citation key 'montufar2020geometry'" in check.stdout

    settle()
    (site / "more.bib").write_text(MORE, encoding="utf-8")
    fixed = sphinx_build(site, tmp_path / "html")
    assert fixed.returncode == 0, fixed.warnings
    assert fixed.warning_lines() == []
    # Incremental: the configuration as pickled is the one configured, so nothing is read again for it...
    assert "config changed" not in fixed.log
    # ...but the bibliography and the citing page are, and show the entries of the fixed file.
    assert {"references", BETA} <= set(fixed.read())
    assert f"{TERM}/2030-11-11-alpha-2" not in fixed.read()
    assert list(references(fixed)) == ["Knuth, 1984", "Lamport, 1994", "Montúfar, 2020"]
    assert citations(fixed) == ["Montúfar (2020)", "Lamport (1994)"]
    assert "Guido Montúfar. Geometry of Neural Networks. Springer, 2020." in session_references(fixed)


# ---------------------------------------------------------------------------
# Files that depend on each other: macros of an earlier file, crossref parents in a later one.

ABBREV = """@string{and = " and "}
@string{jmlr = "Journal of Machine Learning Research"}
@string{Lovelace = " Lovelace, Ada "}
@string{Noether = " Emmy N{\\"o}ther "}
@string{procml = "Proceedings of the Conference on " # "Machine Learning"}
"""
PAPERS = """@article{lovelace2030engines,
  author = Lovelace #and# Noether #and# {Turing, Alan},
  title = {Engines That Learn},
  journal = jmlr,
  year = 2030,
}

@inproceedings{noether2030rings,
  author = Noether,
  title = {Rings That Learn},
  crossref = {conf2030},
  pages = {5--9},
}
"""
PARENTS = """@proceedings{conf2030,
  editor = {Hilbert, David},
  title = {Proceedings of the 2030 Conference on Machine Learning, Leipzig},
  booktitle = procml,
  publisher = {Teubner},
  year = 2030,
}
"""


def test_files_are_read_together_in_their_order(tmp_path: Path) -> None:
    site = site_with(tmp_path, KNUTH, ["lovelace2030engines", "noether2030rings"])
    for name, text in (("abbrev.bib", ABBREV), ("papers.bib", PAPERS), ("parents.bib", PARENTS)):
        (site / name).write_text(text, encoding="utf-8")
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('["refs.bib"]', '["abbrev.bib", "refs.bib", "papers.bib", "parents.bib"]'),
                    encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    check = seminar_check(site)
    assert_no_traceback(build, check)
    # No macro of abbrev.bib is undefined in papers.bib, no parent of parents.bib missing.
    assert build.returncode == 0, build.warnings
    assert check.returncode == 0, check.stdout
    listed = session_references(build)
    assert "Ada Lovelace, Emmy Nöther, and Alan Turing. Engines That Learn. Journal of Machine Learning Research, 2030." in listed
    # The booktitle, editor, publisher and year come from the parent, in a later file.
    assert "Emmy Nöther. Rings That Learn. In David Hilbert, editor, Proceedings of the Conference on Machine Learning, 5–9. Teubner, 2030." in listed


# ---------------------------------------------------------------------------
# Real lab files.

CDL = ["cdl/cdl.bib"]
IRIDIA = [f"iridia/{name}.bib" for name in ("abbrev", "journals", "authors", "articles", "biblio", "crossref")]


def _bibliography_directive(page: Path) -> str:
    """The {bibliography} block of a page, as written."""
    return re.search(r"^```\{bibliography\}.*?^```$", page.read_text(encoding="utf-8"), re.M | re.S).group(0)


def real_site(tmp_path: Path, keys: list[str]) -> Path:
    """A copy of the mini site citing ``keys``, with the lab files beside refs.bib (inside the source folder:
    Sphinx reads nothing outside it) and the project's own References page."""
    site = site_with(tmp_path, KNUTH, keys)
    (site / "bib").mkdir()
    for name in CDL + IRIDIA:
        (site / "bib" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REAL_BIB / name, site / "bib" / name)
    names = ["refs.bib", *(f"bib/{name}" for name in CDL + IRIDIA)]
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('["refs.bib"]', repr(names)).replace('["_build"]', '["_build", "bib"]'),
                    encoding="utf-8")
    # The works the site cites, not all 9,621 entries.
    (site / "references.md").write_text("---\ntitle: References\n---\n\n" + _bibliography_directive(ROOT / "docs/references.md") + "\n",
                                        encoding="utf-8")
    return site


NOTE_LINE = re.compile(r"^  (bib/\S+\.bib):(\d+): (\S+): (.+)$")


@pytest.mark.skipif(not REAL_BIB.is_dir(), reason=f"the real .bib files are not beside the repository ({REAL_BIB} is absent)")
def test_real_lab_bibliographies_build_with_every_problem_located(tmp_path: Path) -> None:
    site = real_site(tmp_path, ["PennEtal14", "AguTan2007ejor", "Abb2002selfpde"])
    start = time.perf_counter()
    build = sphinx_build(site, tmp_path / "html")
    seconds = time.perf_counter() - start
    check = seminar_check(site)
    print(f"real .bib files: build {seconds:.1f} s, seminar check {time.perf_counter() - start - seconds:.1f} s")
    assert_no_traceback(build, check)
    assert_other_sessions_built(build)

    # The lab's files have mistakes in entries the site never shows: the site builds under -W ...
    assert build.returncode == 0 and build.warning_lines() == [], build.warnings
    # ... and seminar check lists every one with its file, line and key, as notes.
    assert check.returncode == 0, check.stdout + check.stderr
    notes = [line for line in check.stdout.splitlines() if line.startswith("  ")]
    assert all(NOTE_LINE.match(line) for line in notes), notes
    assert f"note: {len(notes)} problem(s) in .bib entries that no page cites" in check.stdout
    assert ("  bib/cdl/cdl.bib:1909: WolfEtal20: @inproceedings entry has no booktitle (add booktitle = {...}; an @inproceedings needs author, "
            "title and booktitle, or choose another entry type)") in notes
    # None comes from reading the files one by one (macros and crossref parents are in other files).
    assert not [line for line in notes if "undefined @string macro" in line or "crossref '" in line]
    # The build counts them per file, in a note that is no warning.
    per_file: dict[str, int] = {}
    for line in notes:
        per_file[NOTE_LINE.match(line).group(1)] = per_file.get(NOTE_LINE.match(line).group(1), 0) + 1
    for name, count in per_file.items():
        assert f"{site / name}: {count} problem(s) in entries that no page cites" in build.log, name

    # Only the cited entries are listed (and formatted).
    assert sorted(references(build)) == ["Abbass, 2002", "Aguirre and Tanaka, 2007", "Knuth, 1984", "Pennington et al., 2014"]
    listed = session_references(build)
    # @conference, as an @inproceedings.
    assert ("J Pennington, R Socher, and C D Manning. GloVe: global vectors for word representation. "
            "In Proceedings of the Conference on Empirical Methods in Natural Language Processing. 2014.") in listed
    # Authors and journal from @string macros joined with #, the accent decoded.
    assert ("Hernán E. Aguirre and Kiyoshi Tanaka. Working principles, behavior, and performance of MOEAs on MNK-landscapes. "
            "European Journal of Operational Research, 181(3):1670–1690, 2007. doi:10.1016/j.ejor.2006.08.004.") in listed
    # The booktitle, publisher, address and year inherited from the crossref parent in crossref.bib.
    assert ("Hussein A. Abbass. The self-adaptive Pareto differential evolution algorithm. "
            "In Proceedings of the 2002 Congress on Evolutionary Computation (CEC'02), 831–836. Piscataway, NJ, 2002. IEEE Press.") in listed
    assert citations(build) == ["(Pennington et al., 2014)", "(Aguirre and Tanaka, 2007)", "(Abbass, 2002)"]


@pytest.mark.skipif(not REAL_BIB.is_dir(), reason=f"the real .bib files are not beside the repository ({REAL_BIB} is absent)")
def test_a_mistake_in_a_cited_lab_entry_is_a_warning_with_file_line_and_key(tmp_path: Path) -> None:
    site = real_site(tmp_path, ["PennEtal14", "WolfEtal20"])
    build = sphinx_build(site, tmp_path / "html")
    check = seminar_check(site)
    assert_no_traceback(build, check)
    expected = ("bib/cdl/cdl.bib:1909: WolfEtal20: @inproceedings entry has no booktitle (add booktitle = {...}; "
                "an @inproceedings needs author, title and booktitle, or choose another entry type)")
    assert build.returncode != 0
    path, _, rest = expected.partition(": ")
    assert f"{site / path}: WARNING: {rest} [seminar.bibtex]" in build.warnings, build.warnings
    assert build.warning_lines() == [f"{site / path}: WARNING: {rest} [seminar.bibtex]"]
    assert check.returncode == 1 and expected in check.stdout.splitlines()
    assert f"  {expected}" not in check.stdout  # a problem, not a note


CROSSREF_BIB = """@inproceedings{child2031engines,
  author = {Lovelace, Ada},
  title = {Engines of Difference},
  crossref = {parent2031proceedings},
  pages = {1--10},
  keywords = {zyzzogeton},
}

@proceedings{parent2031proceedings,
  editor = {Babbage, Charles},
  title = {Proceedings of the Conference on Analytical Engines},
  booktitle = {Proceedings of the Conference on Analytical Engines},
  publisher = {Example Press},
  year = {2031},
}
"""


def test_the_environment_keeps_how_to_parse_the_bib_not_the_parse(tmp_path: Path) -> None:
    """A no-op build never looks at an entry, so the saved environment holds the files'
    recipe; a later build that needs an entry parses them again, crossrefs included."""
    site = site_with(tmp_path, (SITES / "mini" / "refs.bib").read_text(encoding="utf-8") + "\n" + CROSSREF_BIB, [])
    # The References page of the cited works only, as for a large shared .bib (":all:" keeps every entry it lists).
    references_page = site / "references.md"
    references_page.write_text(references_page.read_text(encoding="utf-8").replace(":all:", ":filter: cited"), encoding="utf-8")
    first = sphinx_build(site, tmp_path / "html")
    assert first.returncode == 0, first.warnings
    with (first.outdir / ".doctrees" / "environment.pickle").open("rb") as saved:
        bibliography = pickle.load(saved).domaindata["cite"]["bibdata"].data
    assert "entries" not in vars(bibliography) and bibliography._recipe.files == (str((site / "refs.bib").resolve()),)
    settle()
    page = site / f"{BETA}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee {cite:t}`child2031engines`.\n", encoding="utf-8")
    second = sphinx_build(site, tmp_path / "html")
    assert second.returncode == 0, second.warnings
    assert second.read() == [BETA]
    # The crossref's parent gives the child its year and its book's title.
    (child,) = [entry for entry in session_references(second) if "Engines of Difference" in entry]
    assert child == "Ada Lovelace. Engines of Difference. In Charles Babbage, editor, Proceedings of the Conference on Analytical Engines, 1–10. Example Press, 2031."
