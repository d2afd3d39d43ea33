"""A slot's page (its title or its speaker TBA) may have headings and no text yet; another session's empty section is a problem.

The body is checked as ``seminar check`` checks it (``check_body``), and
whether a page is a slot's is read from its front-matter as typed
(``is_slot``), so that a page whose other fields have problems is known as
one too.  Every problem is compared whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_seminar.core.content import check_body
from sphinx_seminar.core.frontmatter import read_front_matter
from sphinx_seminar.core.model import is_slot
from sphinx_seminar.core.problems import Problem

from .test_model import PAGE

HEADINGS = "# TBA\n\n## Abstract\n"


def front(text: str):
    found, problems = read_front_matter(text, PAGE)
    assert problems == []
    return found


def body_problems(text: str) -> list[Problem]:
    problems, _ = check_body(text, Path(PAGE), PAGE, None, files=False, slot=is_slot(front(text)))
    return problems


@pytest.mark.parametrize(("page", "slot"), [
    ("---\ntitle: TBA\nspeaker: Ada Lovelace\ndate: 2030-11-25\n---\n", True),
    ("---\ntitle: Beta\nspeaker: tbd\ndate: 2030-11-25\n---\n", True),
    ("---\ntitle: Beta\nspeaker:\n  - name: To be announced\ndate: 2030-11-25\n---\n", True),
    ("---\ntitle: Beta\nspeaker: TBA\ndate: soon\n---\n", True),  # a problem elsewhere: still a slot
    ("---\nspeaker: Ada Lovelace\ndate: 2030-11-25\n---\n# TBA\n", True),  # the title from the body's heading
    ("---\ntitle: Beta\nspeaker: Ada Lovelace\ndate: 2030-11-25\n---\n", False),
    ("---\ntitle: Beta\nspeaker: [TBA, Ada Lovelace]\ndate: 2030-11-25\n---\n", False),  # one speaker known: as Session.tba
    ("---\ntitle: Beta\nspeaker: [TBA]\ndate: 2030-11-25\n---\n", True),
    ("---\ntitle: [TBA]\nspeaker: Ada Lovelace\ndate: 2030-11-25\n---\n", False),  # not a title (its own problem)
    ("---\n- TBA\n---\n", False),
])
def test_which_pages_are_slots(page: str, slot: bool) -> None:
    found, _ = read_front_matter(page, PAGE)
    assert is_slot(found) is slot


def test_a_slot_may_have_headings_and_no_text() -> None:
    assert body_problems("---\ntitle: TBA\nspeaker: TBA\ndate: 2030-11-25\n---\n" + HEADINGS) == []
    assert body_problems("---\ntitle: TBA\nspeaker: TBA\ndate: 2030-11-25\n---\n# TBA\n") == []
    assert body_problems("---\ntitle: Beta\nspeaker: TBA\ndate: 2030-11-25\n---\n" + HEADINGS) == []


def test_another_sessions_empty_section_is_a_problem() -> None:
    known = "---\ntitle: Beta\nspeaker: Ada Lovelace\ndate: 2030-11-25\n---\n"
    assert body_problems(known + HEADINGS) == [
        Problem(PAGE, 8, None, "section 'Abstract' is empty", "write its text or remove the heading")]
    assert body_problems(known + "# TBA\n") == [Problem(PAGE, 6, None, "section 'TBA' is empty", "write its text or remove the heading")]


def test_a_slots_page_still_has_its_other_problems() -> None:
    page = "---\ntitle: TBA\nspeaker: TBA\ndate: 2030-11-25\n---\n# TBA\n\n<div>soon</div>\n"
    assert [(p.line, p.field) for p in body_problems(page)] == [(8, "html")]
