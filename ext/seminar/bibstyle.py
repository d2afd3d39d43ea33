"""Author-year citations as readers of this field expect them.

sphinxcontrib-bibtex's ``author_year`` style puts years in square brackets
and does not tell apart two papers by the same authors in one year; pybtex's
``plain`` style lower-cases titles.  Three small pybtex plugins fix that:

* ``seminar`` (formatting): titles keep the case written in the ``.bib``,
  entries are sorted by author, year and title, and labelled by author-year;
* ``seminar`` (labels): ``Kipf and Welling, 2017``, with ``2021a``/``2021b``
  when the same authors have several entries in one year;
* ``seminar`` (referencing): ``Kipf and Welling (2017)`` and
  ``(Bodnar et al., 2021a)``, the year taken from the label so that the
  suffix appears in the text too.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field as bib_field
from pybtex.style.template import first_of, join, node, optional, sentence, words
from .bibcheck import SAFE_URL
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

STYLE_NAME = "seminar"
_LABEL_YEAR = re.compile(r"(\d{4}|n\.d\.)([a-z]*)$")


def _last_name(person: Person) -> str:
    name = " ".join(person.prelast_names + person.last_names)
    return name.replace("{", "").replace("}", "")


def author_label(entry: Entry) -> str:
    """``Prince``, ``Kipf and Welling`` or ``Bodnar et al.``."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_last_name(person) for person in people]
    if not names:
        return entry.fields.get("title", entry.key).replace("{", "").replace("}", "")
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels ``Author, Year`` with a letter after the year where needed."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        bases = [f"{author_label(e)}, {e.fields.get('year', 'n.d.')}" for e in entries]
        totals = Counter(bases)
        used: Counter[str] = Counter()
        for base in bases:
            if totals[base] == 1:
                yield base
            else:
                yield base + string.ascii_lowercase[used[base] % 26]
                used[base] += 1


class SeminarFormattingStyle(UnsrtStyle):
    """pybtex's ``unsrt`` with author-year labels and titles left as written."""

    default_sorting_style = "author_year_title"
    default_label_style = STYLE_NAME

    def format_url(self, e: Entry):  # type: ignore[override]
        # A .bib arrives by pull request: only http(s) addresses become links
        # (no javascript: or data: URLs); any other is shown as text.
        if SAFE_URL.match(e.fields.get("url", "").strip()):
            return super().format_url(e)
        return words["URL:", bib_field("url", raw=True)]

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True):  # type: ignore[override]
        formatted = bib_field(which_field)
        return sentence[formatted] if as_sentence else formatted


@node
def labelled_year(children, data) -> Text:
    """The entry's year with the disambiguating letter of its label."""
    assert not children
    year = first_of[optional[bib_field("year")], "n.d."].format_data(data)
    match = _LABEL_YEAR.search(data["formatted_entry"].label)
    return join[year, match.group(2) if match else ""].format_data(data)


@dataclass
class _Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name: str):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[self.person.author_or_editor_or_title(full="s" in role_name), labelled_year]],
            post_text,
        ]


@dataclass
class _Textual(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name: str):
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[labelled_year], post_text],
                self.bracket.right,
            ],
        ]


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


@dataclass
class SeminarReferenceStyle(GroupReferenceStyle):
    """``:cite:t:`` gives ``Kipf and Welling (2017)``, ``:cite:p:`` ``(Kipf and Welling, 2017)``."""

    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    person: PersonStyle = field(default_factory=lambda: PersonStyle(other=" et al."))

    def __post_init__(self) -> None:
        self.styles.extend(
            [
                _Parenthetical(bracket=self.bracket_parenthetical, person=self.person),
                _Textual(bracket=self.bracket_textual, person=self.person),
                ExtraAuthorReferenceStyle(bracket=BracketStyle(), person=self.person),
                ExtraLabelReferenceStyle(bracket=BracketStyle()),
                ExtraYearReferenceStyle(bracket=BracketStyle()),
                ExtraEmptyReferenceStyle(),
            ]
        )
        super().__post_init__()


def register() -> None:
    """Make the styles known to pybtex (idempotent)."""
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, SeminarFormattingStyle, force=True)
    pybtex.plugin.register_plugin("pybtex.style.labels", STYLE_NAME, AuthorYearLabelStyle, force=True)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", STYLE_NAME, SeminarReferenceStyle, force=True
    )
