"""The ``seminar`` command: ``seminar init`` starts a site, ``seminar term new`` a term,
``seminar new`` scaffolds a session page, ``seminar check`` checks them all (``--reminders``:
and lists what the organisers still have to do), ``seminar schemas`` writes the JSON Schemas and the
Markdown references of the front-matter and of the configuration."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pydantic_core import PydanticCustomError
from slugify import slugify

from ..core import fields, schema
from ..core.check import check_project, read_conf
from ..core.reminders import reminders
from ..formats import schedule_json
from ..formats.wording import known_locale
from .files import FOLDER_NAME, why_not_rewritten, why_not_written
from .status import EXIT_STATUS, PROBLEMS, USAGE
from .init import default_first_year, first_term, init_site, installed_source, requirement
from .terms import cmd_term_new, term_covering


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
    if args.reminders:
        today = args.today or _configured_today(root)
        todo = reminders(report.sessions, report.terms, today, args.weeks)
        for reminder in todo:
            print(str(reminder).replace(": ", ": reminder: ", 1))
        print(f"{len(todo)} reminder(s) on {today:%Y-%m-%d}, looking {args.weeks} weeks ahead")
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return PROBLEMS
    print(f"checked {len(report.sessions)} sessions in {len(report.terms)} term(s) and {len(report.bib_keys)} references: no problems")
    return 0


def _configured_today(root: Path) -> dt.date:
    """conf.py's seminar_today (a site that pins the date, as the tests do), else today."""
    value = read_conf(root).get("today")
    return fields.parse_date(value) if value else dt.date.today()


def _yaml_text(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``."""
    return "'" + value.replace("'", "''") + "'"


def _speaker_lines(speakers: list[str], affiliations: list[str]) -> list[str]:
    """One speaker on one line; several as a list, each with their affiliation where given in the same order."""
    if len(speakers) == 1:
        return [f"speaker: {_yaml_text(speakers[0])}"] + (
            [f"affiliation: {_yaml_text(affiliations[0])}"] if affiliations else ["# affiliation: the speaker's institute"])
    lines = ["speaker:"]
    paired = affiliations if len(affiliations) == len(speakers) else [None] * len(speakers)
    for name, affiliation in zip(speakers, paired):
        lines.append(f"  - name: {_yaml_text(name)}")
        if affiliation:
            lines.append(f"    affiliation: {_yaml_text(affiliation)}")
    if affiliations and len(affiliations) != len(speakers):
        lines.append(f"affiliation: {_yaml_text('; '.join(affiliations))}")
    return lines


def _new_refusal(args: argparse.Namespace, date: dt.date, report) -> str | None:
    """Why ``seminar new`` does not write the page, or None."""
    term = report.terms.get(args.term) if args.term else term_covering(date, report.terms)
    if term is None or not term.covers(date):
        known = "; ".join(f"{t.id}: {t.fields.first_day} to {t.fields.last_day}" for t in sorted(report.terms.values(), key=lambda t: t.fields.first_day))
        where = f"term '{args.term}'" if args.term else "no term"
        return (f"{where} covers {date:%Y-%m-%d} (terms: {known or 'none'}); start one with "
                f"'seminar term new --first-day YYYY-MM-DD --last-day YYYY-MM-DD'")
    for session in report.sessions:
        if session.date == date and not session.cancelled:
            return f"{date:%Y-%m-%d} clashes with '{session.title}' ({session.path}); pick another date"
    week = date.isocalendar()[:2]
    for day in term.fields.no_meeting:
        if day.isocalendar()[:2] == week:
            return f"week {week[1]} of {week[0]} has no meeting ({day:%Y-%m-%d} in {term.path}); pick another date"
    return None


def cmd_new(args: argparse.Namespace) -> int:
    root = _find_root(Path(args.root).resolve())
    conf = read_conf(root)
    try:
        date = fields.parse_date(args.date)
    except PydanticCustomError as error:
        print(f"seminar new: --date: {error.message()} ({error.context['hint']})", file=sys.stderr)
        return USAGE
    report = check_project(root)
    refusal = _new_refusal(args, date, report)
    if refusal:
        print(f"seminar new: {refusal}", file=sys.stderr)
        return USAGE  # each refusal asks for another date or term
    term = report.terms[args.term] if args.term else term_covering(date, report.terms)
    slug = slugify(args.title, max_length=60, word_boundary=True) or "session"
    path = root / conf["sessions_dir"] / term.id / f"{date:%Y-%m-%d}-{slug}.md"
    reason = why_not_written(root, path.relative_to(root).as_posix(), "\n".join(_scaffold(args, date, term)))
    if reason is not None:
        print(f"seminar new: {path.relative_to(root)} is not written: {reason}", file=sys.stderr)
        return PROBLEMS
    print(f"wrote {path.relative_to(root)}")
    if fields.is_tba(args.title) or any(fields.is_tba(s) for s in args.speaker):
        print("next: once the speaker confirms, fill in the speaker and title; 'seminar check --reminders' lists the open slots")
    else:
        print("next: write the notes, preview them with 'make live', and run 'seminar check'")
    return 0


def _scaffold(args: argparse.Namespace, date: dt.date, term) -> list[str]:
    """The new page: the fields given, the term's defaults, and the optional fields as comments."""
    defaults = term.fields.defaults
    lines = [
        "---",
        f"title: {_yaml_text(args.title)}",
        *_speaker_lines(args.speaker, args.affiliation or []),
        f"date: {date:%Y-%m-%d}",
        f'start: "{defaults.start:%H:%M}"' if defaults.start else '# start: "HH:MM"',
        f'end: "{defaults.end:%H:%M}"' if defaults.end else '# end: "HH:MM"',
        f"room: {_yaml_text(defaults.room)}" if defaults.room else "# room: where the session takes place",
        f"series: {args.series}" if args.series else "# series: a slug shared by all parts of a lecture in several parts",
        "# abstract: |",
        "#   The abstract, as plain text; a blank line starts a new paragraph.",
        "# note: a short note for the schedule, e.g. Note the irregular time.",
        "# online: true              (an online talk: then no room)   join_url: https://...",
        "# status: cancelled         (or moved, with moved_from: and its former date:)   reason: ...",
        "# materials:                (after the talk: https:// links, or files beside this page)",
        "#   slides: slides.pdf",
        "#   recording: https://...",
        "---",
        "",
    ]
    if fields.is_tba(args.title) or any(fields.is_tba(s) for s in args.speaker):
        return lines  # a slot needs no notes until its talk is known
    return lines + [
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


def cmd_init(args: argparse.Namespace) -> int:
    target = Path(args.directory)
    if (target / "conf.py").exists():
        print(f"seminar init: {target / 'conf.py'} exists already; pick an empty or new folder", file=sys.stderr)
        return USAGE
    first_day, last_day, term_id, _ = first_term(vars(args))
    if last_day < first_day:
        print(f"seminar init: the first term's last day, {last_day}, is before its first day, {first_day}", file=sys.stderr)
        return USAGE
    written, kept = init_site(target, vars(args))
    for path in written:
        print(f"wrote {path}")
    for path, reason in kept:
        print(f"kept {path}: not written, as {reason}")
    if kept:
        print(f"note: {len(kept)} file(s) of the new site were already there and are kept as they are; "
              "compare them with a site made in an empty folder if the build needs them")
    if not args.calendar_domain:
        print("note: calendar UIDs end in a made-up '.invalid' domain: set seminar_calendar_domain in conf.py "
              "to a domain of the seminar's own (or html_baseurl once the site is published)")
    line, note = requirement(*installed_source(), args.extension_source)
    if note and any(path.name == "requirements.txt" for path in written):
        print(f"note: {note}")
    print(f"next: cd {target} && make html  (then: .venv/bin/seminar new --date ... in sessions/{term_id}/)")
    return 0


def _argument(parse):
    """An argparse type from a front-matter validator: the same message as in a page."""
    def convert(value: str):
        try:
            return parse(value)
        except PydanticCustomError as error:
            raise argparse.ArgumentTypeError(f"{error.message()} ({error.context['hint']})") from None
    return convert


_date = _argument(fields.parse_date)
_weekday = _argument(fields.parse_weekday)
_zone = _argument(fields.parse_zone)


def _folder_name(value: str) -> str:
    if not FOLDER_NAME.match(value):
        raise argparse.ArgumentTypeError(
            f"'{value}' is not one folder name: give letters, digits, '-', '_' and '.' only, starting with a letter "
            "or digit, without '/' (for example 2031-32); the term's folder is made under the sessions folder")
    return value


def _one_line(value: str) -> str:
    if not value.strip() or "\n" in value or "\r" in value:
        raise argparse.ArgumentTypeError(f"{value!r} is not one line of text: give a requirement or a URL")
    return value.strip()


def _language(value: str) -> str:
    """A language Babel knows ("de", "en_AU", "pt-BR"), as Sphinx's ``language`` takes it."""
    if known_locale(value) is None:
        raise argparse.ArgumentTypeError(f"'{value}' is not a language code: give one such as de, en_GB, en_AU "
                                         "or pt_BR")
    return value.replace("-", "_")


def _time(value: str) -> str:
    return f"{_argument(fields.parse_time)(value):%H:%M}"


def cmd_schemas(args: argparse.Namespace) -> int:
    """The JSON Schemas of the front-matter and of ``schedule.json``, from the model, in ``docs/_static``;
    the front-matter's and the configuration's references, Markdown tables, in ``docs/reference``.

    A reference is rewritten only where the file there is one this command wrote (its first line
    says so); any other file is kept, and the command exits 1.
    """
    root = _find_root(Path(args.root).resolve())
    (root / schema.SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    written = schema.write_schemas(root)
    target = root / schema.SCHEMA_DIR / schedule_json.SCHEMA
    target.write_bytes(schedule_json.schema())
    for path in [*written, target]:
        print(f"wrote {path.relative_to(root)}")
    kept = 0
    for name in schema.REFERENCES:
        relative = (schema.REFERENCE_DIR / name).as_posix()
        reason = why_not_rewritten(root, relative, schema.reference(name), schema.WRITTEN_BY)
        if reason is None:
            print(f"wrote {relative}")
        else:
            print(f"kept {relative}: not written, as {reason}", file=sys.stderr)
            kept += 1
    return PROBLEMS if kept else 0


def cmd_term(args: argparse.Namespace) -> int:
    root = _find_root(Path(args.root).resolve())
    report = check_project(root)
    return cmd_term_new(args, root, read_conf(root)["sessions_dir"], report.terms)


class _Commands:
    """Sub-commands whose --help each ends with what the exit status means."""

    def __init__(self, subparsers) -> None:
        self.subparsers = subparsers

    def add_parser(self, name: str, **options) -> argparse.ArgumentParser:
        return self.subparsers.add_parser(name, epilog=EXIT_STATUS, **options)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seminar", description="Add and check the seminar's session pages.",
                                     epilog=EXIT_STATUS)
    parser.add_argument("--root", default=".", help="the repository (default: the folder with conf.py above here)")
    commands = _Commands(parser.add_subparsers(dest="command", required=True))
    check = commands.add_parser("check", help="check every session page and references.bib without building")
    check.add_argument("paths", nargs="*", help="report only on these files (all are checked)")
    check.add_argument("--reminders", "--todo", dest="reminders", action="store_true", help="also list reminders: open slots, days without a session, talks without materials")
    check.add_argument("--today", type=_date, help="the day the reminders are for (default: conf.py's seminar_today, else today)")
    check.add_argument("--weeks", type=int, default=4, help="how many weeks ahead the reminders look (default: %(default)s)")
    check.set_defaults(run=cmd_check)
    new = commands.add_parser("new", help="write the page of a new session")
    new.add_argument("--date", required=True, help="YYYY-MM-DD")
    new.add_argument("--speaker", required=True, action="append", help="the speaker, or TBA; repeat for a joint talk")
    new.add_argument("--title", required=True, help="the title, or TBA")
    new.add_argument("--affiliation", action="append", help="repeat in the order of --speaker")
    new.add_argument("--series", help="slug shared by the parts of a multi-part lecture")
    new.add_argument("--term", help="term folder under sessions/ (default: the term whose dates cover --date)")
    new.set_defaults(run=cmd_new)
    term = commands.add_parser("term", help="start a term: 'seminar term new'")
    term_commands = _Commands(term.add_subparsers(dest="term_command", required=True))
    term_new = term_commands.add_parser("new", help="write the page of a new term, sessions/<id>/index.md")
    term_new.add_argument("--first-day", required=True, type=_date, help="YYYY-MM-DD")
    term_new.add_argument("--last-day", required=True, type=_date, help="YYYY-MM-DD")
    term_new.add_argument("--title", help="default: from the dates, 'Term 2031' within a calendar year, 'Term 2031/32' across a new year")
    term_new.add_argument("--id", type=_folder_name, help="the folder under sessions/ (default: from the dates, 2031 within a calendar year, 2031-32 across a new year)")
    term_new.add_argument("--weekday", type=_weekday, help="default: the latest term's, else the first day's")
    term_new.add_argument("--start", type=_time, help="default: the latest term's")
    term_new.add_argument("--end", type=_time, help="default: the latest term's")
    term_new.add_argument("--room", help="default: the latest term's")
    term_new.add_argument("--timezone", type=_zone, help="IANA name (default: the latest term's)")
    term_new.add_argument("--organiser", action="append", help="repeat for each (default: the latest term's)")
    term_new.set_defaults(run=cmd_term)
    init = commands.add_parser("init", help="start a new seminar's site in DIRECTORY")
    init.add_argument("directory")
    init.add_argument("--name", default="Research Seminar", help="the seminar's name (default: %(default)s)")
    init.add_argument("--institute", default="", help="shown under the name on the handouts' title pages")
    init.add_argument("--organiser", action="append", help="repeat for each organiser")
    init.add_argument("--timezone", type=_zone, default="UTC", help="IANA time zone where the seminar meets (default: %(default)s)")
    init.add_argument("--start", type=_time, default="14:00", help="usual start time (default: %(default)s)")
    init.add_argument("--end", type=_time, default="15:30", help="usual end time (default: %(default)s)")
    init.add_argument("--room", default="Seminar room", help="usual room (default: %(default)s)")
    init.add_argument("--first-year", type=int, default=default_first_year(),
                      help="year the first term starts (default: the academic year under way, %(default)s)")
    init.add_argument("--first-day", type=_date, help="the first term's first day (default: a year before --last-day, "
                      "else 1 September of --first-year)")
    init.add_argument("--last-day", type=_date, help="the first term's last day (default: a year after --first-day, "
                      "else 31 August of the year after --first-year)")
    init.add_argument("--term-id", type=_folder_name, help="the first term's folder under sessions/ (default: from its days, "
                      "2020 within a calendar year, 2019-20 across a new year)")
    init.add_argument("--term-title", help="the first term's title (default: from its days, 'Term 2020' or 'Term 2019/20')")
    init.add_argument("--weekday", type=_weekday, help="the day the seminar meets, e.g. Wednesday")
    init.add_argument("--extension-source", type=_one_line, metavar="SPEC",
                      help="how the site's requirements.txt installs the extension: a requirement "
                      "('sphinx-seminar[site]==0.1.0') or a URL ('git+https://.../repository.git@TAG') "
                      "(default: as this copy was installed; a package index's version where that was a local path)")
    init.add_argument("--calendar-domain", default="", help="a domain of the seminar's own, for calendar UIDs")
    init.add_argument("--language", type=_language, default="en",
                      help="the site's language, e.g. de, en_GB, en_AU, pt_BR: its words (where the extension has a "
                      "translation) and its dates (default: %(default)s, whose dates are American: 'Mon, Nov 4, 2024')")
    init.set_defaults(run=cmd_init)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas of the front-matter and of schedule.json "
                                  "(docs/_static) and the references of the front-matter and of the configuration "
                                  "(docs/reference), after a change to the model or to the configuration values")
    schemas.set_defaults(run=cmd_schemas)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
