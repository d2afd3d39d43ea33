"""Author-year citations as readers of this field expect them.

sphinxcontrib-bibtex's ``author_year`` style puts years in square brackets
and does not tell apart two papers by the same authors in one year; pybtex's
``plain`` style lower-cases titles.  Three small pybtex plugins fix that:

* ``seminar`` (formatting): titles keep the case written in the ``.bib``,
  entries are sorted by author, year and title, and labelled by author-year;
  every entry type of BibTeX and biblatex's common ones is shown, and no
  entry stops the build (see :class:`SeminarFormattingStyle`);
* ``seminar`` (labels): ``Kipf and Welling, 2017``, with ``2021a``/``2021b``
  when the same authors have several entries in one year;
* ``seminar`` (referencing): ``Kipf and Welling (2017)`` and
  ``(Bodnar et al., 2021a)``, the year taken from the label so that the
  suffix appears in the text too.
"""

from __future__ import annotations

import copy
import re
import string
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import date
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import optional_field
from pybtex.style.template import field as bib_field
from pybtex.style.template import first_of, join, node, optional, sentence, tag, words
from ..core.bibfields import ENTRY_TYPES, SAFE_URL, repair_entry
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


tag_em = tag("em")

# biblatex's names for kinds of theses and reports, as a reader reads them.
_KIND_NAMES = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "bathesis": "Bachelor's thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
}


def bibtex_view(entry: Entry, label: str = "") -> Entry:
    """The entry as the unsrt templates read it: an unknown type as ``misc``,
    biblatex's field names (journaltitle, location, institution of a thesis)
    as BibTeX's, and the year with the letter of its ``label`` ("2021a"), so
    that the list says what the citations say.  The entry itself where
    nothing changes, else a copy."""
    kind = entry.type if entry.type in ENTRY_TYPES else "misc"
    template = ENTRY_TYPES[kind]
    fields = entry.fields
    aliases = {"journal": "journaltitle", "address": "location"}
    if template in ("phdthesis", "mastersthesis", "thesis"):
        aliases["school"] = "institution"
    if template in ("techreport", "report"):
        aliases["institution"] = "school"
    added = {ours: fields[theirs] for ours, theirs in aliases.items() if ours not in fields and theirs in fields}
    kind_name = _KIND_NAMES.get(fields.get("type", "").strip().lower())
    if kind_name:
        added["type"] = kind_name
    letter = _LABEL_YEAR.search(label)
    if letter and letter.group(2) and "year" in fields:
        added["year"] = fields["year"] + letter.group(2)
    if kind == entry.type and not added:
        return entry
    view = Entry(kind, fields={**dict(fields.items()), **added}, persons=dict(entry.persons.items()))
    view.key = entry.key
    return view


class SeminarFormattingStyle(UnsrtStyle):
    """pybtex's ``unsrt`` with author-year labels and titles left as written.

    Every type of :data:`sphinx_seminar.core.bibcheck.ENTRY_TYPES` has a template (most
    of them unsrt's), and no entry stops the build: one of an unknown type
    is shown as ``@misc``, one without a field its type needs is shown
    with the fields it has, and a field whose LaTeX pybtex cannot read is
    shown with that LaTeX repaired.  :mod:`sphinx_seminar.core.bibcheck` reports each of
    these with the entry's file and line.
    """

    default_sorting_style = "author_year_title"
    default_label_style = STYLE_NAME

    def format_entry(self, label, entry, bib_data=None):  # type: ignore[override]
        view = bibtex_view(entry, label)
        type_template = getattr(self, f"get_{view.type}_template")  # every type of ENTRY_TYPES has one
        try:
            return FormattedEntry(entry.key, self._formatted(type_template(view), view, bib_data), label)
        except (PybtexError, UnicodeError):  # a field missing, or LaTeX that cannot be read
            pass
        repaired = Entry(view.type, fields=dict(view.fields.items()), persons=copy.deepcopy(dict(view.persons.items())))
        repaired.key = entry.key
        repair_entry(repaired)
        for candidate, template in ((view, self.get_fallback_template), (repaired, type_template),
                                    (repaired, self.get_fallback_template)):
            try:
                text = self._formatted(template(candidate), candidate, bib_data)
            except (PybtexError, UnicodeError):
                continue
            return FormattedEntry(entry.key, text, label)
        return FormattedEntry(entry.key, Text(entry.key), label)

    def _formatted(self, template, entry: Entry, bib_data) -> Text:
        # What pybtex's format_entry does with an entry type's template.
        return template.format_data({"entry": entry, "style": self, "bib_data": bib_data})

    def format_url(self, e: Entry):  # type: ignore[override]
        # A .bib arrives by pull request: only http(s) addresses become links
        # (no javascript: or data: URLs); any other is shown as text.
        if SAFE_URL.match(e.fields.get("url", "").strip()):
            return super().format_url(e)
        return words["URL:", bib_field("url", raw=True)]

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True):  # type: ignore[override]
        formatted = bib_field(which_field)
        return sentence[formatted] if as_sentence else formatted

    def get_thesis_template(self, e: Entry):
        """biblatex's @thesis: its ``type`` says which (a PhD thesis, a Master's thesis)."""
        return toplevel[
            sentence[self.format_names("author")],
            self.format_btitle(e, "title"),
            sentence[first_of[optional_field("type"), "Thesis"], bib_field("school"), optional_field("address"), date],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_report_template(self, e: Entry):
        """biblatex's @report: a @techreport whose ``type`` says which."""
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                words[first_of[optional_field("type"), "Report"], optional_field("number")],
                bib_field("institution"),
                optional_field("address"),
                date,
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_online_template(self, e: Entry):
        """A web page (@online, @www, @electronic, @webpage): its address and when it was visited."""
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[optional_field("howpublished"), optional_field("organization"), optional_field("publisher"), optional[date]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_patent_template(self, e: Entry):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[words[first_of[optional_field("type"), "Patent"], optional_field("number")], optional[date]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_collection_template(self, e: Entry):
        """biblatex's @collection: a book of contributions, its editors first, the publisher optional."""
        return toplevel[
            self.format_author_or_editor(e),
            self.format_btitle(e, "title"),
            self.format_volume_and_series(e),
            sentence[optional_field("publisher"), optional_field("address"), self.format_edition(e), date],
            optional[sentence[self.format_isbn(e)]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def get_fallback_template(self, e: Entry):
        """Whatever the entry has, for one that lacks a field its type needs (reported by sphinx_seminar.core.bibcheck)."""
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[sentence[self.format_names("editor", as_sentence=False)]],
            optional[self.format_title(e, "title")],
            sentence[
                optional[tag_em[bib_field("journal")]],
                optional[words["In", tag_em[bib_field("booktitle")]]],
                optional_field("howpublished"),
                optional_field("school"),
                optional_field("institution"),
                optional_field("organization"),
                optional_field("publisher"),
                optional_field("address"),
                optional[date],
            ],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


def _same_as(template: str):
    def get_template(self, e: Entry):
        return getattr(self, f"get_{template}_template")(e)

    get_template.__doc__ = f"Shown as @{template}."
    return get_template


# The other entry types, with the template of the type they are shown as.
for _written, _template in ENTRY_TYPES.items():
    if not hasattr(SeminarFormattingStyle, f"get_{_written}_template"):
        setattr(SeminarFormattingStyle, f"get_{_written}_template", _same_as(_template))


_YEAR = first_of[optional[bib_field("year")], "n.d."]


# The template nodes have comments, not docstrings: pybtex's ``node`` keeps
# a function with a docstring in its module's doctest table.
@node
def labelled_year(children, data) -> Text:
    # The entry's year with the disambiguating letter of its label.
    assert not children
    year = _YEAR.format_data(data)
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


@node
def entry_key(children, data) -> Text:
    # The entry's key: what a citation shows of an entry without author, editor or title.
    assert not children
    return Text(data["entry"].key)


@dataclass
class _Persons(PersonStyle):
    def author_or_editor_or_title(self, full: bool):
        # Upstream raises FieldIsMissing (a traceback while pages are
        # written) for an entry with none of the three; sphinx_seminar.core.bibcheck
        # reports the entry, and the citation shows its key.
        return first_of[optional[super().author_or_editor_or_title(full)], entry_key]


@dataclass
class SeminarReferenceStyle(GroupReferenceStyle):
    """``:cite:t:`` gives ``Kipf and Welling (2017)``, ``:cite:p:`` ``(Kipf and Welling, 2017)``."""

    bracket_textual: BracketStyle = field(default_factory=_round)
    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    person: PersonStyle = field(default_factory=lambda: _Persons(other=" et al."))

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


PLUGINS = {
    "pybtex.style.formatting": SeminarFormattingStyle,
    "pybtex.style.labels": AuthorYearLabelStyle,
    "sphinxcontrib.bibtex.style.referencing": SeminarReferenceStyle,
}


def missing_plugins() -> list[str]:
    """The plugin groups in which the installed package does not declare the styles.

    They are entry points of the distribution (``pyproject.toml``), found
    by pybtex and sphinxcontrib-bibtex as any installed style is; nothing
    is registered in their run-time stores.
    """
    import importlib.metadata

    return [group for group in PLUGINS if not importlib.metadata.entry_points(group=group, name=STYLE_NAME)]
