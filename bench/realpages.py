"""The "real pages" archive: this site's own pages, copied to about 125 sessions.

The synthetic archives of ``archive.py`` have short generated pages; this
one has the site's real notes, math and citations, repeated over several
terms (each copy a year later, so weekdays and no-meeting dates still
hold).  With ``extra_bib`` it also lists a large shared ``.bib`` in
``bibtex_bibfiles``, as a lab that points the site at its bibliography
would: that should cost the file's parse, not the formatting of entries
no session cites.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_DATE = re.compile(r"^((?:date|first_day|last_day|  -) *:? *)(\d{4}-\d{2}-\d{2})", re.M)
# What a site needs to build: its configuration, pages and bibliography.
_COPIED = ("conf.py", "index.md", "archive.md", "references.bib", "docs")


def _shift_dates(text: str, years: int) -> str:
    """Every front-matter date (``date:``, the term's days and list items) moved by ``years`` × 52 weeks: same weekday."""
    def later(match: re.Match[str]) -> str:
        day = dt.date.fromisoformat(match.group(2)) + dt.timedelta(weeks=52 * years)
        return match.group(1) + day.isoformat()

    return _DATE.sub(later, text)


_LABEL = re.compile(r"^\$\$ \(([\w-]+)\)$|^\(([\w-]+)\)=$", re.M)


def _own_labels(text: str, suffix: str) -> str:
    """Equation and section labels made unique to this copy (Sphinx warns of duplicates)."""
    for match in _LABEL.finditer(text):
        label = match.group(1) or match.group(2)
        text = re.sub(rf"(?<![\w-]){re.escape(label)}(?![\w-])", f"{label}{suffix}", text)
    return text


def generate(target: Path, terms: int = 8, extra_bib: Path | None = None) -> Path:
    """Write the site with ``terms`` copies of the real term to ``target``; return it."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in _COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    shutil.copytree(ROOT / "ext", target / "ext", ignore=shutil.ignore_patterns("__pycache__"))
    (first,) = [p for p in (ROOT / "sessions").iterdir() if p.is_dir()]
    start = int(first.name[:4])
    for k in range(terms):
        year = start + k
        folder = target / "sessions" / f"{year}-{(year + 1) % 100:02d}"
        folder.mkdir(parents=True)
        for page in first.glob("*.md"):
            text = _shift_dates(page.read_text(encoding="utf-8"), k)
            if k:
                text = _own_labels(text, f"-{year}")
            if page.name == "index.md":
                text = re.sub(r"^title: .*$", f"title: Term {year}/{(year + 1) % 100:02d}", text, count=1, flags=re.M)
                name = page.name
            else:
                name = _shift_dates(f"date: {page.name[:10]}", k)[6:] + page.name[10:]
            (folder / name).write_text(text, encoding="utf-8")
    if extra_bib is not None:
        shutil.copy2(extra_bib, target / extra_bib.name)
        with (target / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nbibtex_bibfiles = [*bibtex_bibfiles, {extra_bib.name!r}]\n")
    return target


def sessions(site: Path) -> int:
    return sum(1 for page in (site / "sessions").rglob("*.md") if page.name != "index.md")
