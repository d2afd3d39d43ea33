#!/usr/bin/env python3
"""A small, curated mutation check: ``make mutants``.

Each mutant below is a mistake a person could make where mutmut (``make
mutation``, over the snapshot, the model's fields, validation and sessions,
and every format) does not go: the Sphinx layer's rendering, the browser
scripts, the guards against untrusted input, whole builds: a
flipped comparison, an off-by-one, a swapped branch, a removed guard, the
wrong field.  For each one the script puts the mistake into a copy of the
repository, runs the tests that should notice it, and records whether they
did ("killed") or not ("survived").  A survivor is a bug the test suite
would let through.

The repository itself is never changed: the working tree (tracked files and
new files not ignored by git) is copied to a temporary directory, and the
tests run there with that copy's ``ext/`` first on ``PYTHONPATH`` (the
project is installed editable into ``.venv``, pointing at the original).

Each mutant names the exact source text it replaces, which must occur
exactly once in its file: when the code changes, the script stops and says
which entries of the table to bring up to date, rather than test a mutant
that no longer exists.  Before the mutants, the selected tests are run once
on the unchanged copy; they must pass, or every mutant would look killed.

    .venv/bin/python scripts/mutants.py            # all mutants
    .venv/bin/python scripts/mutants.py --list     # the table
    .venv/bin/python scripts/mutants.py --only render-week-not-iso calendar-dtstart-floating

Exit status 1 when more than 10% of the mutants survive (or on an error).
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "ext/sphinx_seminar"
MAX_SURVIVING = 0.10


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str  # under ext/sphinx_seminar/
    original: str  # must occur exactly once in the file
    replacement: str
    description: str  # the bug it simulates
    tests: tuple[str, ...]  # pytest node ids (or test files) that should catch it


# Test selections used by several mutants.
OPTIONS = "tests/sphinx/test_schedule_options.py::"
BAD_CHECK = "tests/sphinx/test_bad_inputs.py::test_seminar_check_reports_the_mistake"
BAD_BUILD = "tests/sphinx/test_bad_inputs.py::test_the_build_reports_the_mistake_and_keeps_the_other_sessions"
OUTSIDE = (
    "tests/sphinx/test_bad_inputs.py::test_files_outside_the_repository_never_reach_the_output",
    "tests/sphinx/test_bad_inputs.py::test_a_literalinclude_leaving_the_repository_shows_nothing_of_the_file",
)
SERIES = ("tests/site/test_site.py::test_parts_of_a_series_link_to_each_other", "tests/site/test_series_links.py")
NEXT_MEETING = (
    "tests/site/test_browser.py::test_schedule_marks_the_next_meeting_for_the_readers_date",
    "tests/site/test_browser.py::test_before_the_term_the_first_meeting_is_next",
    "tests/site/test_browser.py::test_the_next_meeting_follows_the_readers_own_date",
)
ESCAPED = ("tests/sphinx/test_validation.py::test_front_matter_text_is_escaped_in_html",)
LIFECYCLE = "tests/sphinx/test_lifecycle.py::"
RAW_HTML = ("tests/sphinx/test_bad_inputs.py::test_raw_html_is_shown_as_text_not_run", f"{BAD_BUILD}[raw-html.md]")

MUTANTS: tuple[Mutant, ...] = (
    # ---- The core model: validation of front-matter and of sessions together.
    # ---- The schedule: rows, cells, options, series navigation, escaping.
    Mutant(
        "render-title-as-raw-html", "outputs/links.py",
        '    return nodes.reference("", text, internal=True, refuri=uri)\n',
        '    return nodes.reference("", "", nodes.raw("", text, format="html"), internal=True, refuri=uri)\n',
        "escaping: a session title is put into the schedule's links as HTML",
        ESCAPED,
    ),
    Mutant(
        "render-row-date-class-not-iso", "outputs/schedule.py",
        '            line["classes"] += ["session", f"date-{row.date.isoformat()}", f"status-{s.status}"] + (["tba"] if s.tba else [])\n',
        '            line["classes"] += ["session", f"date-{row.date:%d.%m.%Y}", f"status-{s.status}"] + (["tba"] if s.tba else [])\n',
        "a session row's date class is DD.MM.YYYY, which seminar.js cannot compare with today",
        NEXT_MEETING[:1],
    ),
    Mutant(
        "render-caption-only-for-several-terms", "outputs/schedule.py",
        '        if len(term_ids) > 1 or node["term"] in ("", "current"):\n',
        "        if len(term_ids) > 1:\n",
        "the all-terms schedule of a site with one term has no caption linking the term",
        (f"{OPTIONS}test_the_term_page_schedule_has_no_caption_and_the_landing_page_links_the_term",),
    ),
    Mutant(
        "render-unknown-term-not-reported", "outputs/schedule.py",
        '        if node["term"] and term is None and not site.sessions_of(term_id):\n',
        '        if node["term"] and term is None and site.sessions_of(term_id):\n',
        "a schedule of a term that does not exist is an empty schedule, without a warning",
        (f"{OPTIONS}test_an_unknown_term_is_a_located_warning",),
    ),
    Mutant(
        "render-series-previous-next-swapped", "outputs/schedule.py",
        '    for label, index in (("Previous", position - 1), ("Next", position + 1)):\n',
        '    for label, index in (("Previous", position + 1), ("Next", position - 1)):\n',
        "series navigation: the later part is labelled 'Previous' and the earlier 'Next'",
        SERIES,
    ),
    Mutant(
        "render-series-wraps-around", "outputs/schedule.py",
        "        if 0 <= index < len(parts):\n",
        "        if index < len(parts):\n",
        "removed bound: the first part's 'Previous' is the last part (index -1)",
        SERIES,
    ),
    Mutant(
        "render-latex-title-unescaped", "outputs/schedule.py",
        '        topic = rf"\\hyperref[\\detokenize{{{target}::doc}}]{{{tex(session.title)}}}"\n',
        '        topic = rf"\\hyperref[\\detokenize{{{target}::doc}}]{{{session.title}}}"\n',
        "escaping: a title goes into the PDF's schedule as LaTeX source (& % $ # _ break it)",
        ("tests/site/test_pdf.py::test_latex_special_characters_in_front_matter_come_out_literally",),
    ),
    Mutant(
        "directives-when-defaults-to-upcoming", "integration/directives.py",
        '        node = seminar_nodes.schedule(term=term or "", when=self.options.get("when", "all"))\n',
        '        node = seminar_nodes.schedule(term=term or "", when=self.options.get("when", "upcoming"))\n',
        "a {schedule} without ':when:' shows only the upcoming meetings",
        (f"{OPTIONS}test_the_term_page_schedule_has_no_caption_and_the_landing_page_links_the_term",),
    ),
    Mutant(
        "directives-term-page-shows-every-term", "integration/directives.py",
        '            if kind and kind[0] == "term":\n',
        '            if kind and kind[0] == "session":\n',
        "a term page's {schedule} is not limited to that term",
        (f"{OPTIONS}test_the_term_page_schedule_has_no_caption_and_the_landing_page_links_the_term",),
    ),
    Mutant(
        "js-meeting-over-a-day-early", "static/seminar-when.js",
        "    return until <= now ? \"past\" : from <= now ? \"now\" : \"to come\";\n",
        "    return until <= now + 86400000 ? \"past\" : from <= now ? \"now\" : \"to come\";\n",
        "seminar-when.js: a meeting counts as over a day before it ends (the day's meeting is skipped as next)",
        NEXT_MEETING,
    ),
    # ---- The calendar files.
    Mutant(
        "calendar-schedule-ics-not-refreshed", "outputs/files.py",
        "    return [name for name, render in files.items() if write_if_changed(outdir / name, render())]\n",
        "    return [name for name, render in files.items() if (name == 'schedule.ics' and (outdir / name).exists()) or write_if_changed(outdir / name, render())]\n",
        "schedule.ics is written once and never follows a change",
        ("tests/sphinx/test_incremental.py::test_schedule_ics_follows_a_change_and_is_left_alone_by_a_no_op_build",),
    ),
    # ---- Untrusted input: includes, raw HTML, URLs in the .bib, front-matter text.
    Mutant(
        "admission-dotdot-not-resolved", "core/admission.py",
        "        written = os.path.normpath(os.path.join(self.root, path))\n",
        "        written = os.path.join(self.root, path)\n",
        "'..' is not resolved: ../../../etc/passwd looks as if it were inside the repository",
        (*OUTSIDE, f"{BAD_CHECK}[include-outside.md]"),
    ),
    Mutant(
        "content-literalinclude-not-guarded", "core/content.py",
        'FILE_ARGUMENT = ("include", "literalinclude", "image", "figure")\n',
        'FILE_ARGUMENT = ("include", "image", "figure")\n',
        "only {include} is checked on the tokens; {literalinclude} of any file goes through",
        (*OUTSIDE, f"{BAD_BUILD}[literalinclude-absolute.md]", f"{BAD_CHECK}[literalinclude-absolute.md]"),
    ),
    Mutant(
        "content-include-lines-off-by-one", "core/content.py",
        "            found.append((line - 1, line - 1 + token.map[1] - token.map[0] - 1, named[0], named[1], refusal))\n",
        "            found.append((line, line + token.map[1] - token.map[0] - 1, named[0], named[1], refusal))\n",
        "off by one (1-based line taken as 0-based): the line blanked is the one after the include",
        (*OUTSIDE, f"{BAD_BUILD}[include-outside.md]"),
    ),
    Mutant(
        "pagecheck-only-include-blanked", "integration/pagecheck.py",
        "        lines[first : last + 1] = [\"\"] * (last + 1 - first)\n",
        "        if name == \"include\":\n            lines[first : last + 1] = [\"\"] * (last + 1 - first)\n",
        "an unsafe {literalinclude} is reported but left in the page that Sphinx builds",
        OUTSIDE,
    ),
    Mutant(
        "pagecheck-blanked-source-not-written-back", "integration/pagecheck.py",
        '        _as_code(lines, (line or 1) - 1, role, target)\n    return "\\n".join(lines)\n',
        '        _as_code(lines, (line or 1) - 1, role, target)\n    return text\n',
        "refused includes are reported but the page is built from its unchanged text",
        OUTSIDE,
    ),
    Mutant(
        "pagecheck-body-checked-on-term-pages", "integration/pagecheck.py",
        '    if kind and kind[0] == "session":\n',
        '    if kind and kind[0] == "term":\n',
        "the body of a session page (raw HTML) is checked on term pages instead",
        RAW_HTML,
    ),
    Mutant(
        "reading-raw-html-kept-on-session-pages", "integration/reading.py",
        '        if role == "session":\n            _neutralise_raw_html(self.document)\n',
        '        if role == "term":\n            _neutralise_raw_html(self.document)\n',
        "a session page's raw HTML reaches the output as HTML (<script> runs)",
        RAW_HTML,
    ),
    Mutant(
        "reading-raw-html-top-level-only", "integration/reading.py",
        "    for raw in list(document.findall(nodes.raw)):\n",
        "    for raw in [node for node in document.children if isinstance(node, nodes.raw)]:\n",
        "only raw HTML at the top of the page is neutralised, not inside a section",
        RAW_HTML,
    ),
    Mutant(
        "reading-title-as-raw-html", "integration/reading.py",
        "        title += nodes.Text(session.page_title)\n",
        '        title += nodes.raw("", session.page_title, format="html")\n',
        "escaping: the front-matter title becomes the page's <h1> as HTML",
        ESCAPED,
    ),
    Mutant(
        "frontmatter-aliases-allowed", "core/frontmatter.py",
        '            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):\n',
        '            if False:\n',
        "the alias guard is gone: an alias bomb in front-matter expands to gigabytes",
        ("tests/sphinx/test_hostile_front_matter.py",),
    ),
    Mutant(
        "frontmatter-tags-allowed", "core/frontmatter.py",
        '            if getattr(event, "tag", None) is not None:\n',
        '            if getattr(event, "tag", None) == "!":\n',
        "explicit YAML tags (!!python/object, !foo) pass the guard",
        ("tests/sphinx/test_hostile_front_matter.py::test_unsafe_yaml_is_refused_with_file_line_and_field",),
    ),
    Mutant(
        "frontmatter-depth-unbounded", "core/frontmatter.py",
        "                if len(open_collections) > MAX_DEPTH:\n",
        "                if len(open_collections) > 10 * MAX_DEPTH:\n",
        "nesting goes unbounded (the limit is ten times too high)",
        ("tests/sphinx/test_hostile_front_matter.py::test_unsafe_yaml_is_refused_with_file_line_and_field",),
    ),
    Mutant(
        "pagecheck-hostile-front-matter-reaches-myst", "integration/pagecheck.py",
        "        text = _drop_unsafe_front_matter(text, display, docname, report=kind is None)\n",
        "        pass\n",
        "refused front-matter is still handed to MyST's own YAML loader",
        ("tests/sphinx/test_hostile_front_matter.py::test_the_build_refuses_the_alias_bomb_and_builds_the_other_pages",),
    ),
    Mutant(
        "bibcheck-uncited-entries-fatal", "core/bibcheck.py",
        "            (notes if entry and problem.field not in cited else problems).append(problem)\n",
        "            (notes if entry and problem.field in cited else problems).append(problem)\n",
        "inverted: mistakes in entries the site never shows stop it, those in cited entries do not",
        # (The real lab files are not beside the temporary copy, so their tests skip there.)
        (f"{BAD_BUILD}[missing-year.bib]", f"{BAD_CHECK}[missing-year.bib]"),
    ),
    Mutant(
        "render-further-reading-among-references", "outputs/citations.py",
        "            if not further_reading.is_further_reading(ref):  # not what the page cites\n",
        "            if True:\n",
        "the editors' further reading is listed as the page's own references",
        ("tests/site/test_further_reading.py",),
    ),
    Mutant(
        "bibcheck-javascript-denylist", "core/bibfields.py",
        'SAFE_URL = re.compile(r"^https?://", re.I)\n',
        'SAFE_URL = re.compile(r"^(?!\\s*javascript:)", re.I)\n',
        "a deny-list of javascript: instead of an allow-list of http(s): data: and file: URLs pass",
        (f"{BAD_CHECK}[javascript-url.bib]", "tests/sphinx/test_bad_inputs.py::test_a_javascript_url_in_the_bib_is_no_link",
         "tests/sphinx/test_bad_inputs.py::test_data_and_file_urls_in_the_bib_are_no_links"),
    ),
    Mutant(
        "bibcheck-url-check-reads-wrong-field", "core/bibcheck.py",
        '    url = entry.fields.get("url")\n',
        '    url = entry.fields.get("doi")\n',
        "wrong field: the address check reads 'doi', so a javascript: url is not reported",
        (f"{BAD_CHECK}[javascript-url.bib]", f"{BAD_BUILD}[javascript-url.bib]"),
    ),
    Mutant(
        "bibstyle-any-url-is-a-link", "outputs/bibstyle.py",
        '        if SAFE_URL.match(e.fields.get("url", "").strip()):\n',
        '        if e.fields.get("url", "").strip():\n',
        "removed guard: every url of the .bib becomes a link, javascript: included",
        ("tests/sphinx/test_bad_inputs.py::test_a_javascript_url_in_the_bib_is_no_link",),
    ),
    Mutant(
        "bibfields-names-split-only-lower-case", "core/bibfields.py",
        "    written = [name for name in entry.fields if name.lower() in Person.valid_roles]",
        "    written = [name for name in entry.fields if name in Person.valid_roles]",
        "names of an 'Author = {...}' field (capitalised, common in lab files) are never split into persons",
        ("tests/site/test_equivalence.py::test_names_split_later_are_those_pybtex_splits_when_parsing",),
    ),
    Mutant(
        "bibdomain-tooltip-dropped", "speedups/citedomain.py",
        "            yield entry, formatted, None if missing_field else formatted\n",
        "            yield entry, formatted, None\n",
        "the faster domain drops the citations' tooltips that upstream shows",
        ("tests/site/test_equivalence.py::test_the_site_is_the_same_without_the_speed_ups",),
    ),
    # ---- The life cycle: statuses, slots, joint talks, zones, join links, materials, history.
    Mutant(
        "lifecycle-material-outside-accepted", "core/admission.py",
        '        if relative == ".." or relative.startswith(".." + os.sep):\n',
        '        if relative == "..":\n',
        "a path that leaves the source folder ('../../../secrets.env') is accepted",
        (f"{BAD_CHECK}[material-outside-the-repository.md]", f"{BAD_BUILD}[material-outside-the-repository.md]"),
    ),
    Mutant(
        "lifecycle-reminders-for-cancelled-talks", "core/reminders.py",
        "        if session.cancelled:\n            continue\n",
        "",
        "a cancelled talk is listed as lacking its materials",
        (f"{LIFECYCLE}test_seminar_check_accepts_the_second_site_and_lists_reminders",),
    ),
    # ---- What readers' tools take: feeds, data, head tags, reader's time, landing page.
    Mutant(
        "js-embed-keeps-past-meetings", "static/embed.js",
        '    item.hidden = state === "past" || shown >= limit;\n',
        "    item.hidden = shown >= limit;\n",
        "embed.js: the embed page shows meetings that have ended (built in January, it lists January's in March)",
        ("tests/site/test_browser_embed.py::test_weeks_after_the_build_it_shows_the_meetings_still_to_come",
         "tests/site/test_browser_embed.py::test_after_the_last_meeting_it_says_none_are_planned"),
    ),
    Mutant(
        "readers-offset-of-today-not-of-the-meeting", "static/seminar.js",
        '''    if (-start.getTimezoneOffset() === writtenOffset(element.getAttribute("datetime"))) return null;\n''',
        '''    if (-new Date().getTimezoneOffset() === writtenOffset(element.getAttribute("datetime"))) return null;\n''',
        "the reader's offset taken today, not on the meeting's day: wrong across a daylight-saving change",
        ("tests/site/test_reader_time.py::test_each_meeting_shows_the_readers_own_time",),
    ),
    # Issue 22: nothing private, never stale, nothing lost.
    Mutant(
        "admission-resolved-path-not-checked", "core/admission.py",
        '        found = self._not_content(self.real_root, os.path.relpath(real, self.real_root), " (through a symbolic link)", folder)\n',
        "        found = None\n",
        "the rule looks at the path as written only: a link beside the page to .git/config passes",
        ("tests/sphinx/test_private_files.py",),
    ),
    Mutant(
        "admission-fifo-opened", "core/admission.py",
        "        if not stat.S_ISREG(mode):\n",
        "        if stat.S_ISDIR(mode):\n",
        "a FIFO passes the rule: the build opens it and waits for ever",
        ("tests/sphinx/test_private_files.py::test_a_fifo_named_in_a_page_is_never_opened", "tests/sphinx/test_admission.py"),
    ),
    Mutant(
        "admission-venv-by-marker-missed", "core/admission.py",
        '_MARKERS = (("pyvenv.cfg", "a virtual environment"), ("conda-meta", "a conda environment"),\n',
        '_MARKERS = (("pyvenv.txt", "a virtual environment"), ("conda-meta", "a conda environment"),\n',
        "a virtual environment not named .venv is not known by its pyvenv.cfg",
        ("tests/sphinx/test_private_files.py", "tests/sphinx/test_admission.py"),
    ),
    Mutant(
        "admission-images-collected-first", "integration/admission.py",
        "    default_priority = 870\n",
        "    default_priority = 890\n",
        "images and downloads are checked after Sphinx's collectors have noted them for copying",
        ("tests/sphinx/test_private_files.py",),
    ),
    Mutant(
        "admission-rst-directives-unguarded", "integration/admission.py",
        "        app.add_directive(name, _guarded(base, file_of), override=True)\n",
        "        pass\n",
        "an {eval-rst} block's literalinclude reads any file",
        ("tests/sphinx/test_private_files.py",),
    ),
    Mutant(
        "stale-bib-edit-not-rewritten", "integration/references.py",
        "    pages = {ref.docname for ref in cite.citation_refs if any(target.key in changed for target in ref.targets)}\n",
        "    pages = set()\n",
        "an edited .bib entry leaves the pages citing it with the old text",
        ("tests/sphinx/test_never_stale.py",),
    ),
    Mutant(
        "stale-own-bibliography-lost", "speedups/citedomain.py",
        "            self.data.pop(_FINGERPRINT, None)\n        super().clear_doc(docname)\n",
        "        super().clear_doc(docname)\n",
        "a page with its own {bibliography} read again keeps an empty list",
        ("tests/sphinx/test_never_stale.py", "tests/sphinx/test_upstream_suites.py"),
    ),
    Mutant(
        "stale-sidebar-titles", "integration/rewrite.py",
        '    return sorted(changed | {docname for docname, state in sidebars.items() if before and before.get(docname) != state})\n',
        "    return sorted(changed)\n",
        "a session's new title stays out of the sidebars of its term's other pages",
        ("tests/sphinx/test_never_stale.py",),
    ),
    Mutant(
        "interrupted-build-trusted", "integration/interruption.py",
        "    if marker.exists():\n",
        "    if False:\n",
        "after Ctrl-C while writing, the next build trusts the environment and keeps a partial site",
        ("tests/sphinx/test_interrupted_builds.py",),
    ),
    Mutant(
        "control-characters-kept", "core/frontmatter.py",
        '    return without_control_characters(text), problems\n',
        '    return text, problems\n',
        "control characters are reported but reach the page and the calendars",
        (f"{BAD_BUILD}[control-character.md]", "tests/sphinx/test_fuzz_builds.py"),
    ),
)


# ---------------------------------------------------------------- the copy


def tracked_files(root: Path) -> list[str] | None:
    """The working tree's files that git does not ignore (None outside a git checkout)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root, capture_output=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return sorted({name for name in out.decode().split("\0") if name})


_IGNORED = shutil.ignore_patterns(".git", ".venv", "_build", "__pycache__", ".pytest_cache", "*.egg-info", "*.pyc")


def copy_repository(root: Path, target: Path) -> None:
    names = tracked_files(root)
    if names is None:
        shutil.copytree(root, target, ignore=_IGNORED, symlinks=True)
        return
    for name in names:
        source = root / name
        if not source.is_file():  # deleted in the working tree, or a submodule
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name, follow_symlinks=False)
    # axe-core for the browser tests, which npm put where git ignores it.
    modules = root / "tests/browser/node_modules"
    if modules.is_dir():
        shutil.copytree(modules, target / "tests/browser/node_modules", symlinks=True)
    # The shared data beside the repository (the real lab bibliographies), where the tests look for it.
    shared = root.parent / "shared"
    if shared.is_dir() and not (target.parent / "shared").exists():
        (target.parent / "shared").symlink_to(shared, target_is_directory=True)


# ---------------------------------------------------------------- running tests


@dataclass
class Outcome:
    status: str  # killed, survived, timeout, skipped, error
    seconds: float
    detail: str = ""


class Runner:
    def __init__(self, copy: Path, timeout: float) -> None:
        self.copy = copy
        self.timeout = timeout
        self.env = dict(os.environ)
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(copy / "ext"), os.environ.get("PYTHONPATH")]))
        # A mutant and the original may have the same size and modification
        # second: no cached bytecode, or Python could run the other one.
        self.env["PYTHONDONTWRITEBYTECODE"] = "1"

    def run(self, args: list[str], timeout: float | None = None) -> tuple[int | None, str, float]:
        """Return code (None on timeout), output and seconds of a command in the copy."""
        start = time.monotonic()
        process = subprocess.Popen(
            args, cwd=self.copy, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,  # pytest's children (Chromium, Sphinx workers) in one group
        )
        try:
            output, _ = process.communicate(timeout=timeout)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            code = None
        return code, output, time.monotonic() - start

    def pytest(self, tests: list[str], *extra: str, timeout: float | None = None) -> tuple[int | None, str, float]:
        basetemp = self.copy.parent / "pytest-tmp"
        return self.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={basetemp}", "-rs", *extra, *tests],
            timeout=timeout,
        )

    def smoke(self) -> None:
        """The copy's extension is the one imported, by Python and by the 'seminar' command."""
        code, output, _ = self.run([sys.executable, "-c", "import sphinx_seminar; print(sphinx_seminar.__file__)"], timeout=120)
        where = Path(output.strip().splitlines()[-1]).resolve() if output.strip() else None
        if code != 0 or where is None or not where.is_relative_to(self.copy.resolve()):
            raise SystemExit(f"mutants: the copy's extension is not the one imported (got {output.strip()!r})")

    def check_tests_exist(self, tests: list[str]) -> None:
        code, output, _ = self.pytest(tests, "--collect-only", timeout=600)
        if code != 0:
            raise SystemExit("mutants: some tests named in the table were not found or do not collect:\n" + output[-4000:])

    def baseline(self, tests: list[str]) -> float:
        code, output, seconds = self.pytest(tests, timeout=max(self.timeout, 1800))
        if code != 0:
            raise SystemExit("mutants: the selected tests fail without any mutant; fix that first:\n" + output[-6000:])
        return seconds

    def mutant(self, mutant: Mutant) -> Outcome:
        code, output, seconds = self.pytest(list(mutant.tests), "-x", timeout=self.timeout)
        if code is None:
            return Outcome("timeout", seconds, f"no result after {self.timeout:.0f} s")
        summary = _summary(output)
        if code == 0:
            if not re.search(r"\d+ passed", summary):
                return Outcome("skipped", seconds, "its tests were skipped: " + _skip_reasons(output))
            return Outcome("survived", seconds, summary)
        if code in (1, 2, 3):  # failures; errors (e.g. import errors the mutant causes)
            return Outcome("killed", seconds, summary)
        return Outcome("error", seconds, f"pytest exit status {code}: {output[-2000:]}")


def _summary(output: str) -> str:
    lines = [line.strip("= ") for line in output.splitlines() if re.search(r"\b(passed|failed|error|skipped|no tests ran)\b", line)]
    return lines[-1] if lines else output.strip()[-200:]


def _skip_reasons(output: str) -> str:
    reasons = sorted({m.group(1).strip() for m in re.finditer(r"^SKIPPED \[\d+\] [^:]+:\d+: (.*)$", output, re.M)})
    return "; ".join(reasons) or "(no reason given)"


# ---------------------------------------------------------------- the table


def source_path(root: Path, mutant: Mutant) -> Path:
    return root / PACKAGE / mutant.file


def table_problems(root: Path, mutants: list[Mutant]) -> list[str]:
    problems = []
    seen: set[str] = set()
    for mutant in mutants:
        if mutant.id in seen:
            problems.append(f"{mutant.id}: id given twice")
        seen.add(mutant.id)
        path = source_path(root, mutant)
        if mutant.original == mutant.replacement:
            problems.append(f"{mutant.id}: the replacement equals the original")
        if not path.is_file():
            problems.append(f"{mutant.id}: no file {path.relative_to(root)}")
            continue
        count = path.read_text(encoding="utf-8").count(mutant.original)
        if count != 1:
            where = "does not occur" if count == 0 else f"occurs {count} times"
            problems.append(f"{mutant.id}: its original text {where} in {path.relative_to(root)}: {mutant.original.strip()!r}")
        if not mutant.tests:
            problems.append(f"{mutant.id}: no tests named")
    return problems


def diff(original: str, mutated: str, name: str) -> str:
    lines = difflib.unified_diff(original.splitlines(), mutated.splitlines(), f"a/{name}", f"b/{name}", n=1, lineterm="")
    return "\n".join(lines)


def module_of(mutant: Mutant) -> str:
    return mutant.file


def rate(survived: int, counted: int) -> str:
    return f"{100 * survived / counted:.1f}%" if counted else "n/a"


def report_line(label: str, outcomes: list[tuple[Mutant, Outcome]]) -> str:
    counts = Counter(outcome.status for _, outcome in outcomes)
    killed = counts["killed"] + counts["timeout"]
    survived = counts["survived"]
    counted = killed + survived
    extra = []
    if counts["timeout"]:
        extra.append(f"{counts['timeout']} of them by timeout")
    if counts["skipped"]:
        extra.append(f"{counts['skipped']} not tested (tests skipped)")
    if counts["error"]:
        extra.append(f"{counts['error']} errors")
    tail = f"  [{'; '.join(extra)}]" if extra else ""
    return f"{label}: {counted} mutants, {killed} killed, {survived} survived ({rate(survived, counted)} surviving){tail}"


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="+", metavar="ID", help="run only these mutants")
    parser.add_argument("--list", action="store_true", help="list the mutants and their tests, and check the table against the code")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for one mutant's tests (default 600; a timeout counts as killed)")
    parser.add_argument("--confirm", action="store_true",
                        help="run each survivor against the whole test suite too (slow): killed there means its table entry names too few tests")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy of the repository")
    args = parser.parse_args(argv)

    mutants = list(MUTANTS)
    if args.only:
        known = {m.id for m in MUTANTS}
        unknown = [i for i in args.only if i not in known]
        if unknown:
            parser.error(f"unknown mutant id(s): {', '.join(unknown)} (see --list)")
        mutants = [m for m in MUTANTS if m.id in args.only]

    if args.list:
        problems = table_problems(ROOT, mutants)
        for mutant in mutants:
            bad = any(p.startswith(f"{mutant.id}:") for p in problems)
            print(f"{mutant.id}  [{mutant.file}]{'  (OUT OF DATE)' if bad else ''}\n    {mutant.description}")
            for test in mutant.tests:
                print(f"    - {test}")
        print(f"\n{len(mutants)} mutants: " + ", ".join(f"{n} in {f}" for f, n in Counter(m.file for m in mutants).items()))
        for problem in problems:
            print(f"mutants: {problem}", file=sys.stderr)
        return 1 if problems else 0

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="seminar-mutants-"))
    copy = workdir / "repo"
    try:
        print(f"mutants: copying the working tree to {copy}", flush=True)
        copy.mkdir()
        copy_repository(ROOT, copy)
        problems = table_problems(copy, mutants)
        if problems:
            print("mutants: the table no longer matches the code; update these entries in scripts/mutants.py:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        runner = Runner(copy, args.timeout)
        runner.smoke()
        tests = list(dict.fromkeys(test for mutant in mutants for test in mutant.tests))
        runner.check_tests_exist(tests)
        print(f"mutants: {len(tests)} test selections pass unmutated? ", end="", flush=True)
        seconds = runner.baseline(tests)
        print(f"yes ({seconds:.0f} s)", flush=True)

        outcomes: list[tuple[Mutant, Outcome]] = []
        diffs: dict[str, str] = {}
        width = max(len(m.id) for m in mutants)
        for number, mutant in enumerate(mutants, 1):
            path = source_path(copy, mutant)
            original = path.read_text(encoding="utf-8")
            mutated = original.replace(mutant.original, mutant.replacement, 1)
            diffs[mutant.id] = diff(original, mutated, f"{PACKAGE}/{mutant.file}")
            path.write_text(mutated, encoding="utf-8")
            try:
                outcome = runner.mutant(mutant)
            finally:
                path.write_text(original, encoding="utf-8")
            outcomes.append((mutant, outcome))
            shown = outcome.status.upper() if outcome.status != "killed" else "killed"
            note = f"  ({outcome.detail})" if outcome.status in ("timeout", "skipped", "error") else ""
            print(f"[{number:2d}/{len(mutants)}] {mutant.id:<{width}}  {shown:<8} {outcome.seconds:6.1f} s{note}", flush=True)

        survivors = [(m, o) for m, o in outcomes if o.status == "survived"]
        if survivors and args.confirm:
            print("\nmutants: the survivors against the whole test suite", flush=True)
            for mutant, outcome in survivors:
                path = source_path(copy, mutant)
                original = path.read_text(encoding="utf-8")
                path.write_text(original.replace(mutant.original, mutant.replacement, 1), encoding="utf-8")
                try:
                    code, output, seconds = runner.pytest(["tests"], timeout=max(args.timeout, 1800))
                finally:
                    path.write_text(original, encoding="utf-8")
                verdict = "survives the whole suite too" if code == 0 else f"KILLED by the whole suite: {_summary(output)}"
                print(f"  {mutant.id}: {verdict} ({seconds:.0f} s)", flush=True)
                if code:
                    failed = sorted(set(re.findall(r"^FAILED (\S+)", output, re.M)))
                    print("    add to its tests: " + ", ".join(failed[:5]), flush=True)

        for status, title in (("survived", "Surviving mutants"), ("timeout", "Killed by timeout"),
                              ("skipped", "Not tested (their tests were skipped)"), ("error", "Errors")):
            chosen = [(m, o) for m, o in outcomes if o.status == status]
            if not chosen:
                continue
            print(f"\n{title}:")
            for mutant, outcome in chosen:
                print(f"\n* {mutant.id} ({mutant.file}): {mutant.description}")
                if status != "survived":
                    print(f"  {outcome.detail}")
                print("  tests: " + " ".join(mutant.tests))
                print("  " + diffs[mutant.id].replace("\n", "\n  "))

        print("\nSummary")
        modules = list(dict.fromkeys(module_of(m) for m in mutants))
        for module in modules:
            print("  " + report_line(module, [(m, o) for m, o in outcomes if module_of(m) == module]))
        print("  " + report_line("overall", outcomes))
        counts = Counter(o.status for _, o in outcomes)
        counted = counts["killed"] + counts["timeout"] + counts["survived"]
        elapsed = time.monotonic() - started
        print(f"mutants: {elapsed / 60:.1f} minutes")
        failed = counts["error"] > 0 or (counted > 0 and counts["survived"] / counted > MAX_SURVIVING)
        if failed:
            print(f"mutants: FAILED: more than {MAX_SURVIVING:.0%} of the mutants survive" if not counts["error"] else "mutants: FAILED: errors")
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"mutants: the copy stays in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
