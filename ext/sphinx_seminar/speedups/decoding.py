"""Piece ``latex-decoding``: BibTeX values as pybtex's rich text, without the LaTeX decoder
where it has nothing to do.

pybtex reads every field and every part of every name through latexcodec's
decoder (``Text.from_latex``), which walks the value one token at a time:
about 50 µs a value, and more than half of the time an entry takes to
format.  Most values are plain words (``Journal of Machine Learning
Research``, ``Welling``), which the decoder gives back unchanged.

:func:`rich_text` gives such a value as ``Text(value)`` and hands every
other to pybtex.  A value goes to pybtex if it has anything the decoder or
pybtex's brace parser reads: a backslash, a brace, ``%``, ``~``, a backquote,
``$``, the ligatures ``--``, ``''`` and ``,,``, or whitespace other than
single spaces between words.  That this list is complete, on the versions in
:data:`TESTED`, is tested: every value of the real lab bibliographies, every
string of up to two characters over the printable ASCII and a few others,
and generated text (``tests/sphinx/test_bibtext.py``).

pybtex's templates read fields through their ``field`` node, which calls the
decoder itself; :func:`with_decoded_fields` gives a template the same nodes
with :func:`rich_text` instead, and names split by the build are
:class:`DecodedPerson`.

All of it holds only within :func:`decoding_where_needed`, which the speed-ups'
bibliography domain (:mod:`.citedomain`) puts around its formatting: it
hands the ``seminar`` style (:data:`sphinx_seminar.outputs.bibstyle.TEMPLATE_NODES`)
:func:`with_decoded_fields`.  Without the piece, or outside the build, every
value goes through pybtex, so that the equivalence tests can compare the two
ways in fresh processes.
"""

from __future__ import annotations

import importlib.metadata
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, Node, node, optional, optional_field
from pybtex.style.template import field as bib_field

from ..outputs.bibstyle import TEMPLATE_NODES

# The versions the decoder's behaviour was tested on.
TESTED = {"pybtex": ("0.24.", "0.25.", "0.26."), "latexcodec": ("2.", "3.")}

# What latexcodec's decoder or pybtex's brace parser reads (see the module's docstring).
_DECODER_READS = re.compile(r"[\\{}%~`$]|--|''|,,|[^\S ]|\s\s|^\s|\s$")

_WHERE_NEEDED: ContextVar[bool] = ContextVar("sphinx_seminar_decoding_where_needed", default=False)


@contextmanager
def decoding_where_needed() -> Iterator[None]:
    """A block in which :func:`rich_text` leaves out the decoder where it has nothing
    to do (on the tested versions of pybtex and latexcodec only)."""
    on = not untested_versions()
    token = _WHERE_NEEDED.set(on)
    nodes = TEMPLATE_NODES.set(with_decoded_fields if on else None)
    try:
        yield
    finally:
        TEMPLATE_NODES.reset(nodes)
        _WHERE_NEEDED.reset(token)


def decoding_only_where_needed() -> bool:
    """Whether this is within :func:`decoding_where_needed`, on tested versions."""
    return _WHERE_NEEDED.get()


def rich_text(latex: str) -> Text:
    """``Text.from_latex(latex)``; within :func:`decoding_where_needed`, without the
    decoder for a value it would give back unchanged."""
    if _WHERE_NEEDED.get() and not _DECODER_READS.search(latex):
        return Text(latex)
    return Text.from_latex(latex)


@cache
def untested_versions() -> tuple[str, ...]:
    """The installed pybtex and latexcodec, where :func:`rich_text` was not tested on them
    (it then always uses the decoder, and the build log says so)."""
    installed = {name: importlib.metadata.version(name) for name in TESTED}
    return tuple(f"{name} {version}" for name, version in installed.items() if not version.startswith(TESTED[name]))


class DecodedPerson(Person):
    """pybtex's person, with :func:`rich_text` for the parts of its name.

    The speed-ups' domain splits names itself (:func:`sphinx_seminar.core.bibfields.split_persons`),
    so every name of an entry the site shows is one of these.
    """

    @property
    def rich_first_names(self) -> list[Text]:
        return [rich_text(name) for name in self.first_names]

    @property
    def rich_middle_names(self) -> list[Text]:
        return [rich_text(name) for name in self.middle_names]

    @property
    def rich_prelast_names(self) -> list[Text]:
        return [rich_text(name) for name in self.prelast_names]

    @property
    def rich_last_names(self) -> list[Text]:
        return [rich_text(name) for name in self.last_names]

    @property
    def rich_lineage_names(self) -> list[Text]:
        return [rich_text(name) for name in self.lineage_names]


# The template nodes have comments, not docstrings: pybtex's ``node`` keeps
# a function with a docstring in its module's doctest table.
@node
def decoded_field(children, context, name, apply_func=None, raw=False):
    # pybtex's field node, with rich_text where pybtex calls Text.from_latex.
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
        if not raw:
            value = rich_text(value)
    except KeyError:
        raise FieldIsMissing(name, entry)
    return apply_func(value) if apply_func else value


@node
def decoded_optional_field(children, data, *args, **kwargs):
    # pybtex's optional_field node, with decoded_field.
    if children:
        raise ValueError(children)
    return optional[decoded_field(*args, **kwargs)].format_data(data)


_DECODED = {bib_field.f: decoded_field.f, optional_field.f: decoded_optional_field.f}


def with_decoded_fields(template):
    """The template with pybtex's ``field`` and ``optional_field`` nodes as
    :func:`decoded_field` and :func:`decoded_optional_field`: the same text,
    without LaTeX decoding where there is nothing to decode (:func:`rich_text`).

    The template is pybtex's (unsrt's, most of them) and left as it is; the
    nodes on the way to a field are new ones.
    """
    if not isinstance(template, Node):
        return template
    children = [with_decoded_fields(child) for child in template.children]
    function = _DECODED.get(template.f, template.f)
    if function is template.f and all(new is old for new, old in zip(children, template.children)):
        return template
    result = Node(template.name, function)
    result.args, result.kwargs, result.children = list(template.args), dict(template.kwargs), children
    return result
