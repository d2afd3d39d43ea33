"""The PDF handouts, made by real XeLaTeX and read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from sitebuild import ROOT, PdfBuild, copy_site, flat, latexpdf, sphinx_build, tex_missing
from test_site import EXPECTED

pytestmark = pytest.mark.skipif(tex_missing() is not None, reason=str(tex_missing()))

SESSIONS = sorted(p for p in (ROOT / "sessions" / "2024-25").glob("*.md") if p.name != "index.md")
TERM_PDF = "2024-25.pdf"


@pytest.fixture(scope="session")
def term_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    build = latexpdf(ROOT, tmp_path_factory.mktemp("latex"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    build = latexpdf(ROOT, tmp_path_factory.mktemp("handouts"), "-D", "seminar_handouts=1")
    assert build.returncode == 0, build.output
    return build


# English names, written out here rather than taken from strftime, which
# the code under test uses.
WEEKDAYS = {"Mon": "Monday", "Tue": "Tuesday", "Wed": "Wednesday", "Thu": "Thursday", "Fri": "Friday"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def long_date(schedule_date: str) -> str:
    """'Mon, 04.11.2024' (the schedule's form) as a session's chapter prints it: 'Monday, 4 November 2024'."""
    weekday, numbers = schedule_date.split(", ")
    day, month, year = numbers.split(".")
    return f"{WEEKDAYS[weekday]}, {int(day)} {MONTHS[int(month) - 1]} {year}"


def test_term_handout_has_every_session_with_speaker_and_date(term_pdf: PdfBuild) -> None:
    text = flat(term_pdf.text(TERM_PDF))
    for week, date, time, room, speaker, title in EXPECTED:
        if title != "No meeting":
            # Each session's chapter opens with its title, then the speaker
            # (and affiliation) and the full date with the ISO week.
            details = (re.escape(f"{title} Speaker {speaker}") + r"(?: \([^)]*\))?"
                       + re.escape(f" Date {long_date(date)} (week {week}) Time {time} Leipzig time Room {room}"))
            found = re.search(details, text)
            assert found, (long_date(date), text[text.find(f"{title} Speaker"):][:200])
    assert "Montúfar" in text and "Gröbner" in text


def test_term_handout_schedule_rows_with_iso_weeks(term_pdf: PdfBuild) -> None:
    lines = term_pdf.text(TERM_PDF, 2).splitlines()
    for week, date, time, room, speaker, title in EXPECTED:
        parts = [week, date, time, room, speaker] + (["No meeting"] if title == "No meeting" else [])
        pattern = r"^\s*" + r"\s+".join(re.escape(p) for p in parts)
        assert any(re.search(pattern, line) for line in lines), (parts, lines)


def test_title_page_names_seminar_institute_organisers_and_term(term_pdf: PdfBuild) -> None:
    text = flat(term_pdf.text(TERM_PDF, 1))
    for words in ("Math and Machine Learning: Theory and Applications", "Term 2024/25",
                  "Max Planck Institute for Mathematics in the Sciences", "Parvaneh Joharinad and Diaaeldin Taha"):
        assert words in text


def test_each_session_starts_a_page_whose_header_names_it(term_pdf: PdfBuild) -> None:
    pages = [term_pdf.text(TERM_PDF, n) for n in range(1, term_pdf.pages(TERM_PDF) + 1)]
    headers = [re.split(r"\s{2,}", page.strip().splitlines()[0])[0] if page.strip() else "" for page in pages]
    for source in SESSIONS:
        title = next(line[7:] for line in source.read_text().splitlines() if line.startswith("title: "))
        own = [n for n, header in enumerate(headers) if header == title]
        assert own, title
        # The first page headed with the title opens the chapter: the title
        # is also the first thing in the page's body.
        body = flat("\n".join(pages[own[0]].strip().splitlines()[1:]))
        assert body.startswith(title), (title, body[:80])
        assert own == list(range(own[0], own[-1] + 1))


def test_citations_read_as_on_the_site(term_pdf: PdfBuild) -> None:
    text = flat(term_pdf.text(TERM_PDF))
    assert "Kipf and Welling (2017)" in text
    assert "(Bodnar et al., 2021b)" in text and "(Bodnar et al., 2021a)" in text
    # The list labels the two works of 2021 as the citations do.
    assert "Information Processing Systems, volume 34. 2021a." in text.replace("\xa0", " ")
    assert "PMLR, 2021b." in text
    assert "??" not in text and "[?]" not in text
    for key in ("kipf2017gcn", "bodnar2021cellular", "goodfellow2016deep", "prince2023udl"):
        assert key not in text


def test_one_bibliography_with_each_cited_entry_once(term_pdf: PdfBuild) -> None:
    # The last page's "References" is the bibliography; the chapters' "Further
    # reading" lists before it may name a cited work again.
    text = flat(term_pdf.text(TERM_PDF))
    bibliography = text[text.index(" References "):]  # its heading (the running heads repeat it)
    assert "Further reading" not in bibliography
    for fragment in ("Go Cellular: CW Networks", "Go Topological: Message Passing", "Ian Goodfellow, Yoshua Bengio",
                     "Going Beyond Graph Data.", "Classification with Graph Convolutional", "Simon J. D. Prince.",
                     "Approximation by superpositions of a sigmoidal function"):
        assert bibliography.count(fragment) == 1, fragment
    for further_reading_only in ("Group Equivariant Convolutional Networks", "Neural Ordinary Differential Equations"):
        assert further_reading_only not in bibliography


def test_latex_log_has_no_undefined_reference_and_schedule_no_overfull_box(term_pdf: PdfBuild) -> None:
    log = term_pdf.log(TERM_PDF)
    assert not re.search(r"undefined|Citation .* undefined|There were undefined", log, re.I)
    tex = (term_pdf.latexdir / "2024-25.tex").read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(tex, 1) if line.startswith(r"\begin{xltabular}"))
    end = next(n for n, line in enumerate(tex, 1) if n > start and line.startswith(r"\end{xltabular}"))
    for first, last in re.findall(r"Overfull \\hbox .* at lines (\d+)--(\d+)", log):
        assert not (start <= int(first) <= end or start <= int(last) <= end), (first, last)


def internal_links(pdf: Path) -> tuple[list[str], set[str]]:
    """The named destinations that the PDF's links go to, and those it has."""
    reader = PdfReader(pdf)
    targets = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/S") == "/GoTo":
                targets.append(str(action["/D"]))
    return targets, set(reader.named_destinations)


def test_every_link_in_the_pdfs_reaches_its_target(term_pdf: PdfBuild, handouts: PdfBuild) -> None:
    # xdvipdfmx drops a dangling \hyperlink silently, so read the PDF's own links.
    targets, names = internal_links(term_pdf.latexdir / TERM_PDF)
    assert len(targets) > 40 and not [t for t in targets if t not in names]
    for pdf in handouts.latexdir.glob("*.pdf"):
        targets, names = internal_links(pdf)
        assert not [t for t in targets if t not in names], pdf.name
    scherf, names = internal_links(handouts.latexdir / "2024-12-02-deep-generative-models.pdf")
    assert "seminar.cite-prince2023udl" in scherf


def test_one_handout_per_session_with_its_own_references(handouts: PdfBuild) -> None:
    pdfs = sorted(handouts.latexdir.glob("*.pdf"))
    assert [p.stem for p in pdfs] == [p.stem for p in SESSIONS]
    scherf = flat(handouts.text("2024-12-02-deep-generative-models.pdf"))
    assert scherf.startswith("Deep Generative Models")  # running header
    for words in ("Nico Scherf", "Monday, 2 December 2024 (week 49)", "15:00–16:30", "MIS, G3 10", "Prince (2023)", "Understanding Deep Learning"):
        assert words in scherf
    assert "Weisfeiler" not in scherf
    taha = flat(handouts.text("2024-11-11-graph-topological-nn-2.pdf"))
    assert "Diaaeldin Taha (Max Planck Institute for Mathematics in the Sciences, Germany)" in taha
    assert taha.count("Go Cellular: CW Networks") == 1 and "Understanding Deep Learning" not in taha
    for pdf in pdfs:
        assert not re.search(r"undefined", handouts.log(pdf.name), re.I), pdf.name


def test_latex_special_characters_in_front_matter_come_out_literally(tmp_path: Path) -> None:
    site = copy_site("mini", tmp_path)
    special = r"Costs & 100% of $5 #1 a_b {x} ~y^2 back\slash"
    page = site / "sessions/2030-31/2030-11-25-beta.md"
    page.write_text(
        f"---\ntitle: '{special}'\nspeaker: 'Łukasz Gröbner & Co'\nroom: 'Room_1 #2'\ndate: 2030-11-25\n---\n\nText with α ≤ β in ℝ.\n",
        encoding="utf-8",
    )
    with (site / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('seminar_institute = "Institut für Beispiele & 100% Co_op"\n')
    pdf = latexpdf(site, tmp_path / "out")
    assert pdf.returncode == 0, pdf.output
    text = flat(pdf.text("2030-31.pdf"))
    assert special in text and "Łukasz Gröbner & Co" in text and "Room_1 #2" in text and "α ≤ β in ℝ" in text
    # The title page comes with the extension: the project's name and the institute from conf.py.
    title_page = flat(pdf.text("2030-31.pdf", 1))
    assert title_page.startswith("Test seminar Term 2030/31 Institut für Beispiele & 100% Co_op"), title_page
    html = sphinx_build(site, tmp_path / "html")
    assert special in html.page("sessions/2030-31/2030-11-25-beta").find("h1").get_text()


def test_site_links_the_handouts_that_were_built(tmp_path: Path, term_pdf: PdfBuild, handouts: PdfBuild) -> None:
    # Where sphinx-build -M puts them beside the HTML: <build>/latex and <build>/handouts/latex.
    (tmp_path / "latex").mkdir()
    (tmp_path / "handouts" / "latex").mkdir(parents=True)
    (tmp_path / "latex" / TERM_PDF).write_bytes((term_pdf.latexdir / TERM_PDF).read_bytes())
    for pdf in handouts.latexdir.glob("*.pdf"):
        (tmp_path / "handouts" / "latex" / pdf.name).write_bytes(pdf.read_bytes())
    site = sphinx_build(ROOT, tmp_path / "html")
    assert site.returncode == 0, site.warnings
    term_link = site.page("index").select_one("a.pdf-handout")
    assert term_link["href"] == "pdf/2024-25.pdf" and (site.outdir / term_link["href"]).is_file()
    for source in SESSIONS:
        link = site.page(f"sessions/2024-25/{source.stem}").select_one("a.pdf-handout")
        assert link["href"] == f"../../pdf/{source.stem}.pdf"
        assert (site.outdir / "pdf" / f"{source.stem}.pdf").read_bytes()[:5] == b"%PDF-"


def test_without_tex_make_latexpdf_says_what_to_install(tmp_path: Path) -> None:
    # A PATH with make and a shell but no TeX.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("make", "sh"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    run = subprocess.run(["make", "-s", "latexpdf"], cwd=ROOT, env={"PATH": str(bin_dir)}, capture_output=True, text=True)
    assert run.returncode != 0
    assert "TeX Live is missing (latexmk, xelatex)" in run.stderr
    assert "Install it with: sudo bash scripts/install-tex.sh" in run.stderr


def test_each_handout_and_the_term_handout_show_the_further_reading(handouts: PdfBuild, term_pdf: PdfBuild) -> None:
    from test_further_reading import NOTE, reading_of, title_of

    term = flat(term_pdf.text(TERM_PDF))
    assert term.count("Further reading") == len(SESSIONS)
    for page in SESSIONS:
        text = flat(handouts.text(f"{page.stem}.pdf"))
        reading = text[text.index("Further reading"):]
        assert NOTE.search(reading), page.stem
        for key in reading_of(page):
            # A hyphen of the title's own can end a line, and flat() cannot
            # tell it from LaTeX's: compare without hyphens.
            title = unhyphenated(title_of(key))
            assert title in unhyphenated(reading), (page.stem, key)
            assert title in unhyphenated(term), key


def unhyphenated(text: str) -> str:
    return text.replace("-", "")
