"""A meeting's ``<time>``, and two fixes to Sphinx's and docutils' HTML that an accessibility scan (axe) requires.

* Toctree captions (titles) are written ``<p class="caption" role="heading">``
  without ``aria-level`` (axe: aria-required-attr, critical); they get level 2.
* A bibliography is written as ``role="list"`` around entries with
  ``role="doc-biblioentry"``, which is not a list item (axe:
  aria-required-children, critical); the entries get ``role="listitem"``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator


def visit_title(self: HTML5Translator, node: nodes.title) -> None:
    start = len(self.body)
    HTML5Translator.visit_title(self, node)
    for index in range(start, len(self.body)):
        if 'role="heading"' in self.body[index] and "aria-level" not in self.body[index]:
            self.body[index] = self.body[index].replace('role="heading"', 'role="heading" aria-level="2"', 1)


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    HTML5Translator.visit_citation(self, node)
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"', 1)


def visit_time_range(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(f'<time class="seminar-time" datetime="{self.attval(node["start"])}" '
                     f'data-end="{self.attval(node["end"])}" data-label="{self.attval(node["label"])}">')


def depart_time_range(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</time>")


def visit_text_only(self: object, node: nodes.Element) -> None:
    """Outside HTML a time is its text."""


def depart_title(self: HTML5Translator, node: nodes.title) -> None:
    HTML5Translator.depart_title(self, node)


def depart_citation(self: HTML5Translator, node: nodes.citation) -> None:
    HTML5Translator.depart_citation(self, node)
