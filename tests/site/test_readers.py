"""What readers' own tools take from the site: calendars, the Atom feed, schedule.json,
schema.org data, link previews, the archive and the embeddable list.

Each file is read back by a strict reader of its kind: ``ical`` (RFC 5545),
``feedparser``, ``jsonschema``, the schema.org vocabulary (tests/schemaorg_check.py),
Pillow.  The second site (tests/sites/second) has ``html_baseurl``; the real site has not.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import jsonschema
from bs4 import BeautifulSoup
from ical.calendar_stream import IcsCalendarStream
from PIL import Image

import schemaorg_check
from sitebuild import ROOT, Build, copy_site, git, schedule_rows, sphinx_build

TERM = "sessions/2031-spring"
BASE = "https://topology.northfield.example/"


def html_pages(build: Build) -> list[Path]:
    return sorted(p for p in build.outdir.rglob("*.html") if ".doctrees" not in p.parts and p.name not in ("embed.html",))


def json_ld(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in page.select('script[type="application/ld+json"]')]


# -- calendars ---------------------------------------------------------------------------------


def test_every_calendar_passes_a_strict_parser_and_asks_to_be_refreshed(second: Build) -> None:
    calendars = sorted(p.name for p in second.outdir.glob("*.ics"))
    assert calendars == ["schedule-2031-spring.ics", "schedule.ics", "series-discrete-morse-theory.ics"]
    for path in [*second.outdir.glob("*.ics"), *(second.outdir / TERM).glob("*.ics")]:
        text = path.read_bytes().decode("utf-8")  # with its CRLF line ends
        calendar = IcsCalendarStream.calendar_from_ics(text)  # raises on anything RFC 5545 does not allow
        assert calendar.events, path
        assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in text and "\r\nX-PUBLISHED-TTL:PT12H\r\n" in text, path
    series = IcsCalendarStream.calendar_from_ics((second.outdir / "series-discrete-morse-theory.ics").read_text(encoding="utf-8"))
    assert [event.summary for event in series.events] == ["Discrete Morse Theory I", "Discrete Morse Theory II"]


def test_subscribe_links_are_webcal_where_the_address_is_known(second: Build, site: Build) -> None:
    term = second.page(f"{TERM}/index")
    links = {a.get_text(strip=True): a["href"] for a in term.select("p.schedule-links a")}
    assert links["Subscribe to Spring 2031 (iCalendar)"] == "webcal://topology.northfield.example/schedule-2031-spring.ics"
    assert links["Subscribe to the schedule (iCalendar)"] == "webcal://topology.northfield.example/schedule.ics"
    assert links["News feed (Atom)"] == "../../atom.xml"
    series = second.page(f"{TERM}/2031-01-29-discrete-morse-theory-1").select_one("p.session-links a.calendar-series")
    assert series["href"] == "webcal://topology.northfield.example/series-discrete-morse-theory.ics"
    # Without html_baseurl (the real site's default) the files themselves.
    own = {a.get_text(strip=True): a["href"] for a in site.page("index").select("p.schedule-links a")}
    assert own["Subscribe to the schedule (iCalendar)"] == "schedule.ics"


def test_google_and_outlook_links_carry_the_session(second: Build) -> None:
    page = second.page(f"{TERM}/2031-04-02-euler-calculus")
    google = urlsplit(page.select_one("a.calendar-google")["href"])
    query = parse_qs(google.query)
    assert google.netloc == "calendar.google.com" and query["action"] == ["TEMPLATE"]
    assert query["text"] == ["Integration with Respect to Euler Characteristic"]
    assert query["dates"] == ["20310402T150000Z/20310402T160000Z"]  # 16:00 in London (BST) is 15:00 UTC
    assert query["location"] == ["Partner Institute, Room 3, 3 Bridge Street, Southfield, SF 04321, Example Country"]
    assert query["ctz"] == ["Europe/London"]
    outlook = parse_qs(urlsplit(page.select_one("a.calendar-outlook")["href"]).query)
    assert outlook["startdt"] == ["2031-04-02T15:00:00+00:00"] and outlook["enddt"] == ["2031-04-02T16:00:00+00:00"]
    # A cancelled session offers nothing to add.
    assert second.page(f"{TERM}/2031-02-19-zigzag-persistence").select_one("a.calendar-google") is None


# -- the Atom feed ------------------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_one_entry_per_session_and_every_page_links_it(second: Build) -> None:
    feed = feedparser.parse((second.outdir / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == "Applied Topology Seminar"
    assert len(feed.entries) == 13
    cancelled = next(e for e in feed.entries if "Zigzag" in e.title)
    assert cancelled.title.startswith("Cancelled: ") and "Reason: The speaker is ill." in cancelled.summary
    assert cancelled.link == BASE + f"{TERM}/2031-02-19-zigzag-persistence.html"
    for path in html_pages(second):
        link = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one('link[rel="alternate"][type="application/atom+xml"]')
        assert link is not None, path
        assert (path.parent / link["href"]).resolve() == (second.outdir / "atom.xml").resolve()


def test_feed_entries_are_updated_when_their_page_last_changed_in_git(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "The spring term", when="2031-01-05T10:00:00+00:00")
    page = site / TERM / "2031-02-19-zigzag-persistence.md"
    page.write_text(page.read_text(encoding="utf-8").replace("The speaker is ill.", "The speaker is ill; the talk moves to the autumn."),
                    encoding="utf-8")
    git(site, "commit", "-qam", "Reason of the cancellation", when="2031-02-17T08:00:00+00:00")
    build = sphinx_build(site, tmp_path / "html")
    feed = feedparser.parse((build.outdir / "atom.xml").read_bytes())
    updated = {e.title.split(" (")[0]: e.updated for e in feed.entries}
    assert updated["Cancelled: Zigzag Persistence for Time-Varying Data"] == "2031-02-17T08:00:00+00:00"
    assert updated["Discrete Morse Theory I"] == "2031-01-05T10:00:00+00:00"
    assert feed.feed.updated == "2031-02-17T08:00:00+00:00"


# -- schedule.json ------------------------------------------------------------------------------------------


def test_schedule_json_follows_its_published_schema(second: Build) -> None:
    schema = json.loads((second.outdir / "schedule.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads((ROOT / "docs/_static/schedule.schema.json").read_text(encoding="utf-8"))
    for name in ("schedule.json", "schedule-2031-spring.json"):
        document = json.loads((second.outdir / name).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema)
    (term,) = json.loads((second.outdir / "schedule.json").read_text(encoding="utf-8"))["terms"]
    sessions = {s["title"]: s for s in term["sessions"]}
    assert len(term["sessions"]) == 13
    london = sessions["Integration with Respect to Euler Characteristic"]
    assert (london["start"], london["timezone"]) == ("2031-04-02T16:00:00+01:00", "Europe/London")
    moved = sessions["Multiparameter Persistence and the Rank Invariant"]
    assert (moved["status"], moved["previous_start"]) == ("moved", "2031-02-26T16:00:00-05:00")
    joint = sessions["Cellular Sheaves and Their Laplacians"]["speakers"]
    assert joint == [{"name": "Mira Okafor", "affiliation": "Northfield University"}, {"name": "Tomás Lindqvist", "affiliation": None}]
    mapper = sessions["The Mapper Algorithm in Practice"]["materials"]
    assert list(mapper) == ["slides", "recording", "code"] and mapper["slides"].startswith(BASE + "_downloads/")
    assert sessions["The Mapper Algorithm in Practice"]["id"] == "sessions-2031-spring-2031-01-22-mapper-in-practice@topology.northfield.example"


def test_the_published_schedule_schema_is_current() -> None:
    from sphinx_seminar.formats.schedule_json import json_schema

    assert (ROOT / "docs/_static/schedule.schema.json").read_text(encoding="utf-8") == json_schema(), \
        "run: seminar schemas"


# -- schema.org, Open Graph, Twitter, preview images -----------------------------------------------------------


def test_session_and_term_pages_carry_schema_org_data_that_the_vocabulary_accepts(second: Build) -> None:
    events = {}
    for path in (second.outdir / TERM).glob("*.html"):
        for data in json_ld(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")):
            assert schemaorg_check.problems(data) == [], (path.name, schemaorg_check.problems(data))
            events[path.stem] = data
    assert events["index"]["@type"] == "EventSeries" and len(events["index"]["subEvent"]) == 13
    moved = events["2031-03-26-multiparameter-persistence"]
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert (moved["startDate"], moved["previousStartDate"]) == ("2031-03-26T16:00:00-04:00", "2031-02-26T16:00:00-05:00")
    assert events["2031-02-19-zigzag-persistence"]["eventStatus"] == "https://schema.org/EventCancelled"
    online = events["2031-03-12-vietoris-rips-circle"]
    assert online["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online["location"] == [{"@type": "VirtualLocation", "name": "Online", "url": "https://meet.northfield.example/topology"}]
    joint = events["2031-02-12-cellular-sheaves"]["performer"]
    assert joint == [{"@type": "Person", "name": "Mira Okafor", "affiliation": {"@type": "Organization", "name": "Northfield University"}},
                     {"@type": "Person", "name": "Tomás Lindqvist"}]
    assert events["2031-04-09-tba"].get("performer") is None
    assert events["2031-01-15-persistence-barcodes"]["superEvent"]["name"] == "Spring 2031"


def meta(page: BeautifulSoup, key: str) -> str | None:
    tag = page.select_one(f'meta[property="{key}"]') or page.select_one(f'meta[name="{key}"]')
    return tag["content"] if tag else None


def test_every_page_has_open_graph_and_twitter_tags(second: Build, site: Build) -> None:
    for build in (second, site):
        for path in html_pages(build):
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for key in ("og:title", "og:type", "og:site_name", "twitter:card", "twitter:title"):
                assert meta(page, key), (path, key)
    page = second.page(f"{TERM}/2031-04-02-euler-calculus")
    assert meta(page, "og:url") == BASE + f"{TERM}/2031-04-02-euler-calculus.html"
    assert meta(page, "og:image") == BASE + f"_previews/{TERM}/2031-04-02-euler-calculus.jpg"
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:description").startswith("Wed, 02.04.2031, 16:00–17:00 London time (BST), Partner Institute, Room 3.")
    # Without html_baseurl there is no absolute address to give: no og:url and no image.
    assert meta(site.page("index"), "og:url") is None


def test_each_session_has_a_preview_image(second: Build) -> None:
    previews = sorted((second.outdir / "_previews" / TERM).glob("*.jpg"))
    assert len(previews) == 13
    with Image.open(previews[0]) as image:
        assert image.size == (1200, 630) and image.format == "JPEG"


def test_front_matter_cannot_break_out_of_the_head(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    page = site / TERM / "2031-04-30-stability.md"
    hostile = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    text = page.read_text(encoding="utf-8").replace("title: Stability of Persistence Diagrams", f"title: '{hostile}'", 1)
    assert hostile in text
    page.write_text(text, encoding="utf-8")
    build = sphinx_build(site, tmp_path / "html")
    assert build.returncode == 0, build.warnings
    html = (build.outdir / TERM / "2031-04-30-stability.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("img[onerror]") and "alert(1)</script>" not in html
    assert [s for s in soup.select("script") if "alert" in (s.string or "") and s.get("type") != "application/ld+json"] == []
    assert json_ld(soup)[0]["name"] == hostile and meta(soup, "og:title") == hostile


# -- the landing page, the archive, the embeddable list -----------------------------------------------------------


def test_the_landing_page_shows_the_current_term_from_today_on(second: Build) -> None:
    rows = schedule_rows(second.page("index"))
    assert rows[0][1] == "Wed, 12.03.2031"  # seminar_today is 2031-03-05
    assert all(row[1] >= "Wed, 12" or row[1].endswith(".04.2031") for row in rows)
    caption = second.page("index").select_one("table.schedule caption a")
    assert caption.get_text(strip=True) == "Spring 2031"


def test_the_archive_lists_every_term_with_dates_and_numbers(second: Build) -> None:
    item = second.page("archive").select_one("ul.archive > li").get_text(" ", strip=True)
    # 13 pages, one cancelled: 12 sessions; 11 speakers (the two-part lecture has one, the joint talk two, a slot none).
    assert item == "Spring 2031 : 15 January 2031 to 30 April 2031, 12 sessions, 11 speakers"


def test_the_embeddable_list_requests_nothing_and_lists_what_comes(second: Build) -> None:
    text = (second.outdir / "embed.html").read_text(encoding="utf-8")
    page = BeautifulSoup(text, "html.parser")
    assert not page.select("[src], link, img, iframe") and "@import" not in text and "url(" not in text
    # Every meeting of the term is in the file (it is the site's only one); without JavaScript, the five from
    # seminar_today (2031-03-05) on are shown.
    items = page.select("ol.seminar-next > li")
    shown = [li.select_one("a").get_text() for li in items if not li.has_attr("hidden")]
    assert shown[:2] == ["Vietoris–Rips Complexes of the Circle", "Multiparameter Persistence and the Rank Invariant"]
    assert len(shown) == 5 and items[0].select_one("a").get_text() == "Persistence Barcodes: From Point Clouds to Intervals"
    assert len(items) == len(list(second.outdir.glob("sessions/*/20*.html")))
    assert all(a["href"].startswith(BASE) for a in page.select("a"))


def generate_archive(target: Path, terms: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from archive import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate(target, 2 * terms, "project", terms=terms)


def test_the_landing_page_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    sizes = {}
    for terms in (1, 50):
        # After the last term: the landing page shows that term's meetings, all of them, either way.
        build = sphinx_build(generate_archive(tmp_path / f"archive-{terms}", terms), tmp_path / f"html-{terms}", "-D", "seminar_today=2100-01-01")
        assert build.returncode == 0, build.warnings
        sizes[terms] = (build.outdir / "index.html").stat().st_size
        assert len(build.page("archive").select("ul.archive > li")) == terms
        # After the last term, the landing page shows that one.
        last = 2000 + terms - 1
        assert build.page("index").select_one("table.schedule caption a").get_text(strip=True) == f"Term {last}/{(last + 1) % 100:02d}"
    # The same page but for the term's name and numbers: a few bytes either way.
    assert sizes[50] <= sizes[1] * 1.02, sizes


def test_a_no_op_build_writes_no_feed_again(tmp_path: Path) -> None:
    site = copy_site("second", tmp_path)
    first = sphinx_build(site, tmp_path / "html")
    assert first.returncode == 0, first.warnings
    written = {p.name: p.stat().st_mtime_ns for p in (first.outdir / "atom.xml", first.outdir / "schedule.json")}
    stamp = (first.outdir / ".doctrees" / "seminar-feeds.stamp").read_text(encoding="utf-8")
    # A mark in the output that writing the feeds again would remove (files are rewritten only when they differ).
    embed = first.outdir / "embed.html"
    embed.write_text(embed.read_text(encoding="utf-8") + "<!-- not made again -->\n", encoding="utf-8")
    written["embed.html"] = embed.stat().st_mtime_ns
    again = sphinx_build(site, tmp_path / "html")
    assert again.returncode == 0 and again.read() == [] and again.written() == []
    assert {p.name: p.stat().st_mtime_ns for p in (again.outdir / "atom.xml", again.outdir / "schedule.json", embed)} == written
    assert embed.read_text(encoding="utf-8").endswith("<!-- not made again -->\n")
    assert (again.outdir / ".doctrees" / "seminar-feeds.stamp").read_text(encoding="utf-8") == stamp
