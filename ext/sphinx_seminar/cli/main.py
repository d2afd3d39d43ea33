"""The ``seminar`` command: ``seminar init`` starts a site, ``seminar new`` scaffolds a session page,
``seminar check`` checks them all."""

from __future__ import annotations

import argparse
import sys
import zoneinfo
from pathlib import Path

from pydantic_core import PydanticCustomError
from slugify import slugify

from ..core.check import check_project, read_conf
from .init import default_first_year, init_site, term_id_of
from ..core.model import parse_date, parse_time


def _find_root(start: Path) -> Path:
    """The folder with conf.py: the given one or one of its parents."""
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file():
            return folder
    return start


def cmd_check(args: argparse.Namespace) -> int:
    root = _find_root(Path(args.root).resolve())
    report = check_project(root)
    problems = report.problems
    if args.paths:
        # As pre-commit calls it: report on these files only (checked among all the others).
        wanted = {str(Path(p).resolve().relative_to(root)) for p in args.paths}
        problems = [p for p in problems if p.path in wanted]
    for problem in problems:
        print(problem)
    if report.notes and not args.paths:
        print(f"note: {len(report.notes)} problem(s) in .bib entries that no page cites "
              "(not shown on the site, so not fatal; fix them where the .bib is kept):")
        for note in report.notes:
            print(f"  {note}")
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(f"checked {len(report.sessions)} sessions in {len(report.terms)} term(s) and {len(report.bib_keys)} references: no problems")
    return 0


def _yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``."""
    return "'" + value.replace("'", "''") + "'"


def cmd_new(args: argparse.Namespace) -> int:
    root = _find_root(Path(args.root).resolve())
    conf = read_conf(root)
    try:
        date = parse_date(args.date)
    except PydanticCustomError as error:
        print(f"seminar new: --date: {error.message()} ({error.context['hint']})", file=sys.stderr)
        return 2
    report = check_project(root)
    terms = sorted(report.terms)
    term_id = args.term or (terms[-1] if terms else None)
    if term_id is None or term_id not in report.terms:
        known = ", ".join(terms) or "none"
        print(f"seminar new: no term '{term_id}' (known: {known}); create sessions/<term>/index.md first", file=sys.stderr)
        return 2
    term = report.terms[term_id]
    for session in report.sessions:
        if session.date == date:
            print(f"seminar new: {date:%Y-%m-%d} clashes with '{session.title}' ({session.path}); pick another date", file=sys.stderr)
            return 1
    week = date.isocalendar()[:2]
    for day in term.fields.no_meeting:
        if day.isocalendar()[:2] == week:
            print(f"seminar new: week {week[1]} of {week[0]} has no meeting ({day:%Y-%m-%d} in {term.path}); pick another date",
                  file=sys.stderr)
            return 1
    slug = slugify(args.title, max_length=60, word_boundary=True) or "session"
    path = root / conf["sessions_dir"] / term_id / f"{date:%Y-%m-%d}-{slug}.md"
    if path.exists():
        print(f"seminar new: {path.relative_to(root)} exists already", file=sys.stderr)
        return 1
    defaults = term.fields.defaults
    lines = [
        "---",
        f"title: {_yaml_text(args.title)}",
        f"speaker: {_yaml_text(args.speaker)}",
        f"affiliation: {_yaml_text(args.affiliation)}" if args.affiliation else "# affiliation: your institute",
        f"date: {date:%Y-%m-%d}",
        f'start: "{defaults.start:%H:%M}"' if defaults.start else '# start: "HH:MM"',
        f'end: "{defaults.end:%H:%M}"' if defaults.end else '# end: "HH:MM"',
        f"room: {_yaml_text(defaults.room)}" if defaults.room else "# room: where the session takes place",
        f"series: {args.series}" if args.series else "# series: a slug shared by all parts of a lecture in several parts",
        "# abstract: |",
        "#   The abstract, as plain text; a blank line starts a new paragraph.",
        "---",
        "",
        "## Notes",
        "",
        "% The notes of the session. The title comes from the front-matter above, so",
        "% sections start with '##'. Math: $...$ inline, $$...$$ on lines of their own.",
        "% Cite with {cite:t}`key` or {cite:p}`key` after adding the entry to references.bib;",
        "% the page's reference list is made from its citations. Lines starting with '%'",
        "% are comments and do not appear on the site. 'seminar check' reports an",
        "% empty section: write the notes, or remove the heading.",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {path.relative_to(root)}")
    print("next: write the notes, preview them with 'make live', and run 'seminar check'")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    target = Path(args.directory)
    if (target / "conf.py").exists():
        print(f"seminar init: {target / 'conf.py'} exists already; pick an empty or new folder", file=sys.stderr)
        return 1
    try:
        written = init_site(target, vars(args))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        print(f"seminar init: --timezone: unknown time zone '{args.timezone}' (use an IANA name such as America/New_York)", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    if not args.calendar_domain:
        print("note: calendar UIDs end in a made-up '.invalid' domain: set seminar_calendar_domain in conf.py "
              "to a domain of the seminar's own (or html_baseurl once the site is published)")
    print(f"next: cd {target} && make html  (then: .venv/bin/seminar new --date ... in sessions/{term_id_of(args.first_year)}/)")
    return 0


def _time(value: str) -> str:
    try:
        parse_time(value)
    except PydanticCustomError as error:
        raise argparse.ArgumentTypeError(f"{error.message()} ({error.context['hint']})") from None
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seminar", description="Add and check the seminar's session pages.")
    parser.add_argument("--root", default=".", help="the repository (default: the folder with conf.py above here)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every session page and references.bib without building")
    check.add_argument("paths", nargs="*", help="report only on these files (all are checked)")
    check.set_defaults(run=cmd_check)
    new = commands.add_parser("new", help="write the page of a new session")
    new.add_argument("--date", required=True, help="YYYY-MM-DD")
    new.add_argument("--speaker", required=True)
    new.add_argument("--title", required=True)
    new.add_argument("--affiliation")
    new.add_argument("--series", help="slug shared by the parts of a multi-part lecture")
    new.add_argument("--term", help="term folder under sessions/ (default: the latest)")
    new.set_defaults(run=cmd_new)
    init = commands.add_parser("init", help="start a new seminar's site in DIRECTORY")
    init.add_argument("directory")
    init.add_argument("--name", default="Research Seminar", help="the seminar's name (default: %(default)s)")
    init.add_argument("--institute", default="", help="shown under the name on the handouts' title pages")
    init.add_argument("--organiser", action="append", help="repeat for each organiser")
    init.add_argument("--timezone", default="UTC", help="IANA time zone where the seminar meets (default: %(default)s)")
    init.add_argument("--start", type=_time, default="14:00", help="usual start time (default: %(default)s)")
    init.add_argument("--end", type=_time, default="15:30", help="usual end time (default: %(default)s)")
    init.add_argument("--room", default="Seminar room", help="usual room (default: %(default)s)")
    init.add_argument("--first-year", type=int, default=default_first_year(),
                      help="year the first term starts (default: the academic year under way, %(default)s)")
    init.add_argument("--calendar-domain", default="", help="a domain of the seminar's own, for calendar UIDs")
    init.set_defaults(run=cmd_init)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
