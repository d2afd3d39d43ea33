"""Never stale: after any change, an incremental build equals a clean build, output for output.

Every file a clean build writes (each HTML page, the calendars, the feed,
the JSON, the search index, the per-entry .bib files) is compared byte for
byte with the incremental build's; ``.doctrees`` and Sphinx's
``.buildinfo`` are the build's own.  An incremental build keeps the pages
of removed sources (Sphinx never deletes output), so only the clean
build's files are compared.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest

from sitebuild import copy_site, settle, sphinx_build

TERM = "sessions/2030-31"
LAMPORT = """
@book{lamport1994latex,
  author = {Lamport, Leslie},
  title = {{LaTeX}: A Document Preparation System},
  edition = {2},
  publisher = {Addison-Wesley},
  year = {1994},
}
"""
OWN_LIST = """---
title: Reading list
---

As {cite:t}`knuth1984texbook` and {cite:t}`lamport1994latex` show.

```{bibliography}
:filter: docname in docnames
```
"""


def stale_site(tmp_path: Path) -> Path:
    """The mini site with a second entry, a page with its own bibliography, and further reading."""
    site = copy_site("mini", tmp_path)
    with open(site / "refs.bib", "a", encoding="utf-8") as bib:
        bib.write(LAMPORT)
    (site / "reading.md").write_text(OWN_LIST, encoding="utf-8")
    index = site / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("speakers\n", "speakers\nreading\n"), encoding="utf-8")
    beta = site / TERM / "2030-11-25-beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("room: Room 2\n", "room: Room 2\nfurther_reading:\n  - lamport1994latex\n"),
                    encoding="utf-8")
    # The references page lists every entry; the reading list repeats two: not what this test is about.
    conf = site / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'suppress_warnings = ["bibtex.duplicate_citation"]\n', encoding="utf-8")
    return site


def outputs(outdir: Path) -> dict[str, bytes]:
    found = {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*"))
             if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"}
    if "searchindex.js" in found:
        found["searchindex.js"] = search_index(found["searchindex.js"])
    return found


def search_index(data: bytes) -> bytes:
    """The search index without the words that lead nowhere.

    When a page is removed, Sphinx's ``IndexBuilder.prune`` takes it out of
    each word's list of pages but keeps the word, with an empty list, where
    a clean build has no such word; either way the search finds nothing.
    This is Sphinx's doing, not the extension's; everything else of the
    index is compared as it is.
    """
    text = data.decode("utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for part in ("terms", "titleterms"):
        index[part] = {word: pages for word, pages in index[part].items() if pages != []}
    return json.dumps(index, sort_keys=True).encode()


def assert_same_as_clean(site: Path, incremental: Path, tmp_path: Path, what: str, *options: str) -> None:
    clean_dir = tmp_path / "clean"
    shutil.rmtree(clean_dir, ignore_errors=True)
    clean = sphinx_build(site, clean_dir, *options)
    assert clean.returncode == 0, (what, clean.warnings)
    expected, found = outputs(clean_dir), outputs(incremental)
    assert set(expected) <= set(found), (what, sorted(set(expected) - set(found)))
    differ = sorted(name for name in expected if found[name] != expected[name])
    assert not differ, (what, differ)


def edit(path: Path, old: str, new: str) -> None:
    settle()
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def touch(path: Path) -> None:
    settle()
    os.utime(path)


CASES = {
    "a cited entry's title": lambda site: edit(site / "refs.bib", "title = {The {TeX}book}", "title = {The {TeX}book, revised}"),
    "an entry of further reading": lambda site: edit(site / "refs.bib", "edition = {2}", "edition = {3}"),
    "the body of a page with its own bibliography": lambda site: edit(site / "reading.md", "show.", "show, and more."),
    "a page touched without being changed": lambda site: (touch(site / "reading.md"), touch(site / TERM / "2030-11-04-alpha-1.md")),
    "the .bib touched without being changed": lambda site: touch(site / "refs.bib"),
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", list(CASES))
def test_an_incremental_build_after_the_change_equals_a_clean_one(case: str, jobs: str, tmp_path: Path) -> None:
    site = stale_site(tmp_path)
    incremental = tmp_path / "incremental"
    first = sphinx_build(site, incremental, "-j", jobs)
    assert first.returncode == 0, first.warnings
    CASES[case](site)
    again = sphinx_build(site, incremental, "-j", jobs)
    assert again.returncode == 0, again.warnings
    assert_same_as_clean(site, incremental, tmp_path, case, "-j", jobs)


# The randomized test: a sequence of edits drawn from these kinds, each followed by an
# incremental build compared with a clean one.
TITLES = ["The {TeX}book", "The {TeX}book, revised", "The {TeX}book: {Computers} and {Typesetting}"]


def random_edit(site: Path, rng: random.Random) -> str:
    kind = rng.choice(["bib title", "bib year", "cite another", "own list body", "touch", "session title",
                       "session date", "further reading", "add session", "remove session", "term room"])
    pages = sorted((site / TERM).glob("2*.md"))
    settle()
    if kind == "bib title":
        bib = site / "refs.bib"
        current = next(t for t in TITLES if f"title = {{{t}}}," in bib.read_text(encoding="utf-8"))
        edit(bib, f"title = {{{current}}},", f"title = {{{rng.choice([t for t in TITLES if t != current])}}},")
    elif kind == "bib year":
        bib = site / "refs.bib"
        text = bib.read_text(encoding="utf-8")
        year = "1994" if "year = {1994}" in text else "1995"
        edit(bib, f"year = {{{year}}}", "year = {1995}" if year == "1994" else "year = {1994}")
    elif kind == "cite another":
        page = rng.choice(pages)
        with open(page, "a", encoding="utf-8") as file:
            file.write(f"\nSee also {{cite:p}}`{rng.choice(['knuth1984texbook', 'lamport1994latex'])}`.\n")
    elif kind == "own list body":
        with open(site / "reading.md", "a", encoding="utf-8") as file:
            file.write(f"\nA sentence {rng.randint(0, 999)}.\n")
    elif kind == "touch":
        touch(rng.choice([*pages, site / "refs.bib", site / "reading.md", site / TERM / "index.md"]))
    elif kind == "session title":
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        edit(page, title, f"{title} {rng.randint(0, 99)}")
    elif kind == "session date":
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        date = next(line for line in text.splitlines() if line.startswith("date: "))
        used = {p.read_text(encoding="utf-8").split("date: ", 1)[1][:10] for p in pages}
        free = [d for d in ("2030-12-02", "2030-12-09", "2030-12-16") if d not in used]
        if free:
            edit(page, date, f"date: {rng.choice(free)}")
    elif kind == "further reading":
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        if "further_reading" not in text:
            edit(page, "\n---\n", "\nfurther_reading:\n  - knuth1984texbook\n---\n")
    elif kind == "add session":
        name = site / TERM / f"2030-12-23-new-{rng.randint(0, 999)}.md"
        if not any(p.name.startswith("2030-12-23") for p in pages):
            name.write_text("---\ntitle: Gamma\nspeaker: Emmy Noether\ndate: 2030-12-23\n---\n\n"
                            "Notes citing {cite:t}`lamport1994latex`.\n", encoding="utf-8")
    elif kind == "remove session" and len(pages) > 2:
        rng.choice([p for p in pages if "alpha" not in p.name] or pages[-1:]).unlink()
    elif kind == "term room":
        term = site / TERM / "index.md"
        text = term.read_text(encoding="utf-8")
        edit(term, "room: Room 1", "room: Hall B") if "room: Room 1" in text else edit(term, "room: Hall B", "room: Room 1")
    return kind


@pytest.mark.parametrize("seed,jobs", [(1, "1"), (2, "1"), (3, "2")])
def test_random_edits_keep_the_incremental_build_equal_to_a_clean_one(seed: int, jobs: str, tmp_path: Path) -> None:
    rng = random.Random(seed)
    site = stale_site(tmp_path)
    incremental = tmp_path / "incremental"
    assert sphinx_build(site, incremental, "-j", jobs).returncode == 0
    history = []
    for _ in range(6):
        history.append(random_edit(site, rng))
        build = sphinx_build(site, incremental, "-j", jobs)
        assert build.returncode == 0, (history, build.warnings)
        assert_same_as_clean(site, incremental, tmp_path, " then ".join(history), "-j", jobs)
