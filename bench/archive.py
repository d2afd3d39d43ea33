"""A synthetic archive of the seminar: N sessions over N/20 terms, a .bib of 5N entries.

Each session page has front-matter, a few paragraphs, display math and three
citations; its reference list is the one the project's extension makes.
Variants of the same sources:

* ``project``: this project's conf.py settings and extension;
* ``nobib``: the same pages without citations, reference lists or sphinxcontrib-bibtex;
* ``plain``: plain Sphinx + myst-parser + sphinxcontrib-bibtex, without the
  project's extension: each page ends with its own ``{bibliography}`` filtered to
  its citations, the usual way to give a page its reference list.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("graph spectral filter kernel network layer gradient loss risk manifold variety polynomial "
         "equivariant group representation attention message passing complex simplicial cellular "
         "boundary operator Laplacian eigenvalue convergence approximation theorem estimator").split()
FAMILY = ["Noether", "Hilbert", "Gauss", "Riemann", "Kovalevskaya", "Turing", "Lovelace", "Hopper", "Germain", "Cantor",
          "Euler", "Fourier", "Laplace", "Poincaré", "Gödel", "Łojasiewicz", "Erdős", "Ramanujan", "Mirzakhani", "Cartan"]
GIVEN = ["Emmy", "David", "Carl", "Bernhard", "Sofia", "Alan", "Ada", "Grace", "Sophie", "Georg"]


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def bib(count: int, rng: random.Random) -> str:
    entries = []
    for index in range(count):
        authors = " and ".join(f"{rng.choice(FAMILY)}, {rng.choice(GIVEN)}" for _ in range(rng.randint(1, 4)))
        entries.append(
            f"@article{{key{index:05d},\n  author = {{{authors}}},\n  title = {{{_sentence(rng, 8)[:-1].title()}}},\n"
            f"  journal = {{Journal of {rng.choice(WORDS).title()} Studies}},\n  volume = {{{rng.randint(1, 60)}}},\n"
            f"  pages = {{{rng.randint(1, 500)}--{rng.randint(501, 900)}}},\n  year = {{{rng.randint(1950, 2024)}}},\n"
            f"  url = {{https://example.org/papers/{index}}},\n}}\n"
        )
    return "\n".join(entries)


def session_page(index: int, day: dt.date, keys: list[str], rng: random.Random, cite: bool, own_bibliography: bool) -> str:
    speaker = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    citations = [f"{{cite:p}}`{key}`" if cite else "" for key in keys]
    paragraphs = [
        f"{_sentence(rng)} {_sentence(rng)} {citations[0]}",
        f"{_sentence(rng)} $x_{{{index}}} \\in \\mathbb{{R}}^n$ {_sentence(rng)} {citations[1]}",
        "$$\n\\hat\\theta = \\operatorname*{arg\\,min}_\\theta \\frac{1}{n} \\sum_{i=1}^n \\ell(f_\\theta(x_i), y_i)\n$$",
        f"{_sentence(rng)} {_sentence(rng)} {citations[2]}",
    ]
    body = "\n\n".join(p.rstrip() for p in paragraphs)
    if own_bibliography:
        body += "\n\n## References\n\n```{bibliography}\n:filter: docname in docnames\n```"
    return (
        f"---\ntitle: 'Session {index}, {_sentence(rng, 4)[:-1].title()}'\nspeaker: {speaker}\n"
        f"date: {day.isoformat()}\nabstract: |\n  {_sentence(rng)} {_sentence(rng)}\n---\n\n## Notes\n\n{body}\n"
    )


PROJECT_CONF = '''
import sys
sys.path.insert(0, {ext!r})
project = "Synthetic seminar archive"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_seminar"]
exclude_patterns = ["_build"]
myst_title_to_header = True
myst_enable_extensions = ["dollarmath", "amsmath"]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "seminar"
bibtex_reference_style = "seminar"
html_theme = "furo"
seminar_calendar_domain = "bench.example.org"
'''

NOBIB_CONF = '''
import sys
sys.path.insert(0, {ext!r})
project = "Synthetic seminar archive"
extensions = ["myst_parser", "sphinx_seminar"]
exclude_patterns = ["_build"]
myst_title_to_header = True
myst_enable_extensions = ["dollarmath", "amsmath"]
bibtex_bibfiles = []
html_theme = "furo"
seminar_calendar_domain = "bench.example.org"
'''

PLAIN_CONF = '''
project = "Synthetic seminar archive"
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
exclude_patterns = ["_build"]
myst_title_to_header = True
myst_enable_extensions = ["dollarmath", "amsmath"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
html_theme = "furo"
'''


def generate(target: Path, sessions: int, variant: str, seed: int = 2024, terms: int | None = None) -> Path:
    """Write the archive for one variant into ``target`` (emptied first): ``sessions`` over
    ``terms`` terms (by default one per 20 sessions).

    The landing page is laid out as this site's: the current term's schedule, and an
    Archive page with every term (the plain variant, without the extension, lists the
    terms on the landing page).
    """
    if target.exists():
        shutil.rmtree(target)
    rng = random.Random(seed)
    bib_rng = random.Random(seed + 1)
    entries = 5 * sessions
    target.mkdir(parents=True)
    conf = {"project": PROJECT_CONF, "nobib": NOBIB_CONF, "plain": PLAIN_CONF}[variant]
    (target / "conf.py").write_text(conf.format(ext=str(ROOT / "ext")), encoding="utf-8")
    cite = variant != "nobib"
    if cite:
        (target / "references.bib").write_text(bib(entries, bib_rng), encoding="utf-8")
    terms = terms or max(1, sessions // 20)
    index_lines = ["---", "title: Synthetic seminar archive", "---", ""]
    if variant != "plain":
        index_lines += ["```{schedule}", ":term: current", ":when: upcoming", "```", "", "```{toctree}", ":maxdepth: 1", "", "archive"]
        (target / "archive.md").write_text("---\ntitle: Archive\n---\n\n```{archive}\n```\n\n"
                                           "```{toctree}\n:glob:\n:hidden:\n:reversed:\n\nsessions/*/index\n```\n", encoding="utf-8")
    else:
        index_lines += ["```{toctree}", ":glob:", ":maxdepth: 1", "", "sessions/*/index"]
    if cite and variant == "project":
        index_lines.append("references")
    index_lines += ["```", ""]
    (target / "index.md").write_text("\n".join(index_lines), encoding="utf-8")
    if variant == "project":
        (target / "references.md").write_text("---\ntitle: References\n---\n\n```{bibliography}\n:filter: cited\n```\n", encoding="utf-8")
    number = 0
    for term in range(terms):
        year = 2000 + term
        folder = target / "sessions" / f"{year}-{(year + 1) % 100:02d}"
        folder.mkdir(parents=True)
        first_monday = dt.date(year, 10, 2) + dt.timedelta(days=(7 - dt.date(year, 10, 2).weekday()) % 7)
        front = (f"---\ntitle: Term {year}/{(year + 1) % 100:02d}\ntimezone: Europe/Berlin\n"
                 f"first_day: {first_monday}\nlast_day: {year + 1}-09-30\n"
                 "defaults:\n  weekday: Monday\n  start: \"15:00\"\n  end: \"16:30\"\n  room: MIS, E2 10\n---\n\n")
        schedule = "```{schedule}\n```\n\n" if variant != "plain" else ""
        (folder / "index.md").write_text(front + schedule + "```{toctree}\n:glob:\n:hidden:\n\n2*\n```\n", encoding="utf-8")
        for week in range(sessions // terms if term < terms - 1 else sessions - number):
            day = first_monday + dt.timedelta(weeks=week)
            keys = [f"key{rng.randrange(entries):05d}" for _ in range(3)]
            page = session_page(number, day, keys, rng, cite, own_bibliography=variant == "plain")
            (folder / f"{day.isoformat()}-session-{number}.md").write_text(page, encoding="utf-8")
            number += 1
    return target
