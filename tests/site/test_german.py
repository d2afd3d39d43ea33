"""The seminar's own site built in German (``language = "de"``): none of the extension's English.

Every message id of the extension's catalogue (``locale/sphinx_seminar.pot``)
is looked for in what a German reader gets: the HTML pages the extension
writes into (the landing page, the session pages, the archive, the speakers',
the series' and the references' pages), the term's PDF (XeLaTeX, read by
pdftotext), the calendar (icalendar) and the feed (feedparser).  The
pages' own text stays as the speakers wrote it (English abstracts and
titles), so a message is looked for by its fixed words:

- a message of two words or more, by each of its runs of two words or more
  between its ``{placeholders}``, anywhere in the text;
- a message of one word ("Date", "Abstract", "Slides"), where the extension
  writes such a word: the schedule's column names, the session pages' field
  names, section titles and material links.

The dates read as German: "Mo., 04.11.2024" in the schedule, "Montag,
4. November 2024" on a session page.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import feedparser
import icalendar
import pytest
from babel.messages.pofile import read_po

from sitebuild import ROOT, Build, PdfBuild, flat, latexpdf, sphinx_build, tex_missing

POT = ROOT / "ext" / "sphinx_seminar" / "locale" / "sphinx_seminar.pot"
GERMAN = ("-D", "language=de", "-D", "seminar_date_format=")
PAGES = ["index", "archive", "docs/speakers", "docs/series", "docs/references"]
#: What the extension writes into a page (the rest is the page's own text, English here).
EXTENSIONS_PARTS = ", ".join([
    "div.seminar-next", "table.schedule", "p.schedule-links", "p.session-links", "p.series-navigation",
    "p.session-materials", "dl.session-details", "div.seminar-status", "div.session-abstract > p.topic-title",
    "section#references > h2", "section#further-reading > h2", "p.further-reading-note", "ul.speakers",
    "ul.series-list", "ul.archive", "ul.seminar-rooms", "p.reference-extras",
])
#: Inside those, the speakers' own text (the abstract's start on the landing page).
PAGES_OWN_TEXT = "p.next-abstract"
PLACEHOLDER = re.compile(r"\{\w+\}")
SESSIONS = sorted(p.stem for p in (ROOT / "sessions" / "2024-25").glob("*.md") if p.name != "index.md")


@functools.cache
def message_ids() -> tuple[str, ...]:
    with POT.open("rb") as handle:
        return tuple(i for m in read_po(handle) if m.id for i in ((m.id,) if isinstance(m.id, str) else m.id))


@functools.cache
def phrases() -> frozenset[str]:
    """The runs of two words or more of every message: "This session on", "is cancelled."."""
    found = set()
    for message in message_ids():
        for run in PLACEHOLDER.split(message):
            run = run.strip(" ,.:;()")
            if len(re.findall(r"[A-Za-z]+", run)) >= 2:
                found.add(run)
    return frozenset(found)


def single_words() -> set[str]:
    return {m for m in message_ids() if re.fullmatch(r"[A-Za-z]+:?", m)}


@functools.cache
def whole_messages() -> dict[str, re.Pattern]:
    """Each message with placeholders as a pattern: its fixed words in order, anything between
    ("{place} time" finds "Leipzig time", "{date} (week {week})" finds "… (week 45)")."""
    found = {}
    for message in message_ids():
        runs = PLACEHOLDER.split(message)
        if len(runs) > 1 and any(re.search("[A-Za-z]", run) for run in runs):
            body = ".{1,120}?".join(re.escape(run) for run in runs)
            found[message] = re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")
    return found


def english_in(text: str) -> list[str]:
    """The messages found in ``text``, by their phrases and as whole messages (line by line)."""
    flat_text = " ".join(text.split())
    found = {p for p in phrases() if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", flat_text)}
    for line in text.splitlines():
        line = " ".join(line.split())
        found |= {m for m, pattern in whole_messages().items() if pattern.search(line)}
    return sorted(found)


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = sphinx_build(ROOT, tmp_path_factory.mktemp("german") / "html", *GERMAN)
    assert build.returncode == 0, build.warnings
    return build


def page_text(build: Build, docname: str) -> str:
    """The text of what the extension writes into the page (a session page's title too: a slot's
    is "To be announced (date)")."""
    soup = build.page(docname)
    parts = EXTENSIONS_PARTS + (", h1" if docname.startswith("sessions/") else "")
    for own in soup.select(PAGES_OWN_TEXT):
        own.decompose()
    # One line per paragraph, cell or item: a whole message is looked for within one.
    for block in soup.select("p, td, th, li, dt, dd, h1, h2"):
        block.append("\n")
    return "\n".join(part.get_text("") for part in soup.select_one("article").select(parts))


def test_the_phrases_are_what_the_catalogue_holds() -> None:
    # The test looks for something: the catalogue's phrases, and its one-word messages.
    assert {"This session on", "is cancelled", "Add to calendar", "your time", "Subscribe to the schedule (iCalendar"} <= phrases()
    assert {"Abstract", "Date", "Slides", "Speaker", "Topic", "Week"} <= single_words()


@pytest.mark.parametrize("docname", PAGES + [f"sessions/2024-25/{s}" for s in SESSIONS])
def test_no_english_message_on_the_page(german: Build, docname: str) -> None:
    text = page_text(german, docname)
    assert text.strip()
    assert english_in(text) == []


def test_the_labels_the_extension_writes_are_german(german: Build) -> None:
    labels = []
    index = german.page("index")
    labels += [th.get_text(" ", strip=True) for th in index.select("table.schedule th")]
    for session in SESSIONS:
        soup = german.page(f"sessions/2024-25/{session}")
        labels += [dt.get_text(strip=True).rstrip(":") for dt in soup.select("dl.session-details dt")]
        labels += [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2, p.topic-title, p.admonition-title")]
        labels += [a.get_text(strip=True) for a in soup.select("a.material")]
        labels += [s.get_text(strip=True) for s in soup.select("span.week-label")]
    words = {w.rstrip(":") for w in single_words()}
    assert labels and not [label for label in labels if label in words]
    assert "Datum" in labels and "Zeit (Leipzig)" in labels and "Zusammenfassung" in labels


def test_the_dates_read_as_german(german: Build) -> None:
    index = german.page("index")
    dates = [td.get_text(strip=True) for td in index.select("table.schedule td.column-date")]
    assert dates[0] == "Mo., 04.11.2024"
    first = german.page(f"sessions/2024-25/{SESSIONS[0]}")
    assert first.select_one("dl.session-details dt.session-date + dd").get_text(" ", strip=True).startswith(
        "Montag, 4. November 2024 (Woche ")
    assert german.page("index").html["lang"] == "de"


def without_own_text(build: Build, text: str) -> str:
    """``text`` without the speakers' own: each session's title, abstract and note (from ``schedule.json``)."""
    data = json.loads((build.outdir / "schedule.json").read_text(encoding="utf-8"))
    own = [s[key] for term in data["terms"] for s in term["sessions"] for key in ("title", "note") if s[key]]
    own += [p for term in data["terms"] for s in term["sessions"] if s["abstract"] for p in s["abstract"].split("\n\n")]
    for part in sorted(own, key=len, reverse=True):
        text = text.replace(part, "\u2026")
    return text


def test_the_calendar_says_it_in_german(german: Build) -> None:
    calendar = icalendar.Calendar.from_ical((german.outdir / "schedule.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        text = without_own_text(german, f"{event['SUMMARY']}\n{event['DESCRIPTION']}\n{event['LOCATION']}")
        assert english_in(text) == [], event["SUMMARY"]
        assert str(event["DESCRIPTION"]).startswith(("Vortragende(r): ", "Vortragende: "))


def test_the_feed_says_it_in_german(german: Build) -> None:
    feed = feedparser.parse((german.outdir / "atom.xml").read_bytes())
    assert not feed.bozo and feed.entries and feed.feed.language == "de"
    for entry in feed.entries:
        assert english_in(without_own_text(german, f"{entry.title}\n{entry.summary}")) == [], entry.title
    assert any(re.search(r"\(.*, (Mo|Di|Mi|Do|Fr)\., \d\d\.\d\d\.\d{4}\)$", e.title) for e in feed.entries)
    assert any("Montag, " in e.summary for e in feed.entries)


def test_the_embed_says_it_in_german(german: Build) -> None:
    page = (german.outdir / "embed.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "Nächste Termine: " in page
    assert english_in(re.sub(r"<script>.*?</script>", "", page, flags=re.S)) == []


@pytest.fixture(scope="module")
def german_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfBuild:
    if tex_missing():
        pytest.skip(str(tex_missing()))
    build = latexpdf(ROOT, tmp_path_factory.mktemp("german-latex"), *GERMAN)
    assert build.returncode == 0, build.output
    return build


def test_the_pdf_says_it_in_german(german_pdf: PdfBuild) -> None:
    pages = [german_pdf.text("2024-25.pdf", n) for n in range(1, german_pdf.pages("2024-25.pdf") + 1)]
    # The whole PDF by the messages' phrases (its own text, English here, has none of them);
    # the schedule's page, all of it the extension's, by whole messages too.
    whole = flat(" ".join(pages))
    assert [p for p in phrases() if re.search(rf"(?<![A-Za-z]){re.escape(p)}(?![A-Za-z])", whole)] == []
    schedule = next(page for page in pages if "Thema" in page and "Woche" in page)
    table = schedule[schedule.index("Woche"):]
    assert english_in(table) == []
    assert "Mo., 04.11.2024" in table and "Kein Termin" in table and "Vortragende(r)" in table
    # The title page's organisers, said and joined in German.
    assert "Organisiert von: Parvaneh Joharinad und Diaaeldin Taha" in flat(pages[0])
    for word in ("Speaker", "Topic", "Week", "Date", "Time", "Room", "No meeting"):
        assert not re.search(rf"(?<![A-Za-z]){word}(?![A-Za-z])", flat(table)), word
    # Each session's details: German labels at the start of their lines.
    text = "\n".join(pages)
    assert not re.search(r"^\s*(Speakers?|Date|Time|Room|Abstract|References|Further reading)\s*$|"
                         r"^\s*(Speakers?|Date|Time|Room)\s{2,}", text, re.M)
    assert re.search(r"^\s*Datum\s{2,}Montag, 4\. November 2024 \(Woche 45\)", text, re.M)
    # German hyphenation, not English: the log names no missing patterns.
    assert "No hyphenation patterns were loaded" not in german_pdf.log("2024-25.pdf")


def test_the_pages_text_stays_as_written(german: Build) -> None:
    # The speakers' titles are not translated: the first session's title is as its page gives it.
    source = (ROOT / "sessions" / "2024-25" / f"{SESSIONS[0]}.md").read_text(encoding="utf-8")
    title = re.search(r"^title:\s*\"?(.+?)\"?\s*$", source, re.M).group(1)
    assert title in german.page(f"sessions/2024-25/{SESSIONS[0]}").select_one("h1").get_text()
