"""The second site's term handout (real XeLaTeX): statuses, joint talks, slots, zones and materials in print."""

from __future__ import annotations

import re


import pytest
from pypdf import PdfReader

from sitebuild import PdfBuild, copy_site, flat, latexpdf, tex_missing

pytestmark = pytest.mark.skipif(tex_missing() is not None, reason=str(tex_missing()))


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    build = latexpdf(copy_site("second", tmp_path_factory.mktemp("second")), tmp_path_factory.mktemp("second-latex"))
    assert build.returncode == 0, build.output
    return build


def test_the_printed_schedule_marks_status_slots_zones_and_joint_talks(handout: PdfBuild) -> None:
    text = flat(handout.text("2031-spring.pdf"))
    schedule = text[text.index("Week Date Time (New"):]  # the header may wrap in its column ("(New" / "York)")
    assert "Cancelled: Zigzag Persistence for Time-Varying Data" in schedule
    # The speaker's column may wrap beside the topic ("Kwabena" / "Ashworth"): the words of one cell in order.
    assert re.search(r"Moved from Wed, 26\.02\.2031: Multiparameter (\w+ )?Persistence", schedule), schedule[:600]
    assert re.search(r"Mira (\S+ ){0,8}?Okafor (\S+ ){0,8}?and (\S+ ){0,8}?Tomás (\S+ ){0,8}?Lindqvist", schedule)
    # The venue's zone beside its clock, wrapped in the time's column where the line is full.
    assert re.search(r"16:00–17:00 (\S+ ){0,12}?\(London, (\S+ ){0,4}?BST\)", schedule)
    assert "To be announced To be announced" in schedule
    assert "15:00–16:15" in schedule and "Note the irregular time." in schedule
    assert "Online" in schedule


def test_the_chapters_carry_the_notices(handout: PdfBuild) -> None:
    text = flat(handout.text("2031-spring.pdf"))
    assert "This session on Wednesday, 19 February 2031 is cancelled. Reason: The speaker is ill." in text
    assert "This session was moved from Wednesday, 26 February 2031, 16:00 in Hall B 204, to Wednesday, 26 March 2031" in text
    assert "Speakers Mira Okafor (Northfield University) and Tomás Lindqvist" in text


def test_materials_are_links_in_the_pdf(handout: PdfBuild) -> None:
    reader = PdfReader(handout.latexdir / "2031-spring.pdf")
    uris = {annotation.get_object()["/A"].get("/URI") for page in reader.pages for annotation in page.get("/Annots", [])
            if annotation.get_object().get("/A", {}).get("/URI")}
    assert "https://video.northfield.example/topology/2031-01-22" in uris
    assert any(str(uri).startswith("https://topology.northfield.example/_downloads/") and str(uri).endswith("/2031-01-22-slides.pdf")
               for uri in uris), uris
