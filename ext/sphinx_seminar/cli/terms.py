"""Terms from the command line: ``seminar term new`` writes a term page, and
``seminar new`` finds the term a date belongs to.

``seminar init`` writes its first term with the same template
(``templates/site/term.md.tmpl``), so both commands write the same page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from string import Template

from .status import PROBLEMS, USAGE
from ..core.model import Term
from .files import why_not_written

TEMPLATE = Path(__file__).parent / "templates" / "site" / "term.md.tmpl"


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a valid Python and YAML string


def term_page(title: str, timezone: str, first_day: dt.date, last_day: dt.date, organizers: list[str],
              weekday: str | None, start: str | None, end: str | None, room: str | None) -> str:
    """The text of a term's ``index.md``."""
    defaults = [f"  weekday: {weekday}" if weekday else "",
                f'  start: "{start}"' if start else "", f'  end: "{end}"' if end else "",
                f"  room: {quoted(room)}" if room else ""]
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        term_title=quoted(title), timezone=timezone, first_day=first_day.isoformat(), last_day=last_day.isoformat(),
        organizers="\n".join(f"  - {quoted(person)}" for person in organizers) or "  []",
        defaults="\n".join(line for line in defaults if line) or "  {}",
    )


def term_name(first_day: dt.date, last_day: dt.date) -> tuple[str, str]:
    """A term's folder and title from its days, the same in ``seminar init`` and ``seminar term new``,
    whichever hemisphere the seminar is in: "2020" and "Term 2020" within one calendar year,
    "2019-20" and "Term 2019/20" across a new year (the last year's last two digits:
    "1999-00", "Term 1999/00"; a term of more years "2019-21")."""
    if first_day.year == last_day.year:
        return f"{first_day.year}", f"Term {first_day.year}"
    last = f"{last_day.year % 100:02d}"
    return f"{first_day.year}-{last}", f"Term {first_day.year}/{last}"


def term_covering(day: dt.date, terms: dict[str, Term]) -> Term | None:
    """The term whose first and last day enclose ``day`` (the latest starting, if they overlap)."""
    covering = [t for t in terms.values() if t.covers(day)]
    return max(covering, key=lambda t: (t.fields.first_day, t.id)) if covering else None


def fail(message: str, code: int = PROBLEMS) -> int:
    print(f"seminar term new: {message}", file=sys.stderr)
    return code


def cmd_term_new(args: argparse.Namespace, root: Path, sessions_dir: str, terms: dict[str, Term]) -> int:
    first, last = args.first_day, args.last_day
    if last < first:
        return fail(f"--last-day {last} is before --first-day {first}", USAGE)
    for term in terms.values():
        if term.fields.first_day <= last and first <= term.fields.last_day:
            return fail(f"{first} to {last} overlaps {term.title} ({term.fields.first_day} to {term.fields.last_day}, {term.path}); "
                        "pick dates after it, or change that term's last_day", USAGE)
    default_id, default_title = term_name(first, last)
    term_id = args.id or default_id
    path = root / sessions_dir / term_id / "index.md"
    if path.exists() or path.is_symlink():
        return fail(f"{path.relative_to(root)} exists already; give another folder name with --id", USAGE)
    # What is not given is taken from the latest term: seminars keep their day, time, room and zone.
    latest = max(terms.values(), key=lambda t: t.fields.first_day, default=None)
    before = latest.fields.defaults if latest else None
    pick = (lambda given, old: given or (old if old else None))
    text = term_page(
        title=args.title or default_title,
        timezone=args.timezone or (latest.fields.timezone if latest else "UTC"),
        first_day=first, last_day=last,
        organizers=args.organiser or (list(latest.fields.organizers) if latest else []),
        weekday=pick(args.weekday, before.weekday if before else None) or f"{first:%A}",
        start=pick(args.start, f"{before.start:%H:%M}" if before and before.start else None),
        end=pick(args.end, f"{before.end:%H:%M}" if before and before.end else None),
        room=pick(args.room, before.room if before else None),
    )
    reason = why_not_written(root, f"{sessions_dir}/{term_id}/index.md", text)
    if reason is not None:
        return fail(f"{path.relative_to(root)} is not written: {reason}")
    print(f"wrote {path.relative_to(root)}")
    print(f"next: seminar new --date {first} --speaker ... --title ...  (or --speaker TBA --title TBA for a slot)")
    return 0
