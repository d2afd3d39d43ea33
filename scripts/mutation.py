"""``make mutation``: mutmut over the model and the formats, tested by the unit tier alone.

mutmut (a general mutation tool, not tuned to this suite) changes each
function of the snapshot (``core/site.py``), of the model's reading of a page and of ``formats/`` in every way it knows, one
at a time, and runs ``tests/unit`` against each change.  A mutant that no
test notices "survives".  This prints the surviving share and each survivor
not in :data:`EQUIVALENT`, and fails when the share is over 10%.

mutmut 3 finds a package under ``./``, ``src/`` or ``source/``, so the run
happens in a copy of the repository (its tracked and new files, not
``.git`` or ``.venv``) where ``ext/`` is named ``src/``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 0.10
#: The snapshot, the model's reading of a page (fields, validation, sessions and terms, problems,
#: conflicts, the schedule's rows) and the formats.  Not in yet: the rest of core/ (README).
MUTATED = ["src/sphinx_seminar/formats/"] + [f"src/sphinx_seminar/core/{name}.py" for name in
                                             ("site", "model", "fields", "validation", "problems", "conflicts", "schedule")]
CONFIG = """
[mutmut]
paths_to_mutate =
{paths}
tests_dir =
    tests/unit/
    tests/conftest.py
    tests/sitebuild.py
also_copy =
    src/
    docs/_static/
"""
#: Mutants that change nothing a reader's program or a person receives, by the pattern of their diff, and why.
EQUIVALENT = {
    r'\.add\("[A-Z-]+"': "iCalendar property names are case-insensitive; icalendar writes them in capitals either way",
    r'\.encode\("UTF-8"\)': "'UTF-8' and 'utf-8' name the same codec",
    r'parameters=None\)|, \)': "icalendar's default parameters are none",
    r'parameters=\{[^}]*"(value|feature|label)":': "iCalendar parameter names are case-insensitive too",
    r'order=': "feedgen appends an entry for every order but 'prepend'",
    r'ensure_ascii=None': "None is false, as False is",
    r'encoding=(None|"UTF-8")': "the text is written as UTF-8 either way (the schema is ASCII; the locale is UTF-8)",
    r'absolute=None': "None is false, as False is",
    r'\\\\u003[CE]': "JSON reads a \\u escape's hex digits in either case",
    r'"jpeg"': "Pillow reads a format's name in either case",
}

#: Functions that run while their module is imported (the registry's table is built then): mutmut turns a
#: mutant on per test, after the import, so their mutants can never be on.  They are counted, and named here.
AT_IMPORT = {"sphinx_seminar.formats.registry.x__one": "builds the registry's table when formats.registry is imported"}


def _copy(target: Path, mutated: list[str]) -> None:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    for name in files:
        source = ROOT / name
        if not source.is_file():
            continue
        destination = target / ("src" + name[3:] if name.startswith("ext/") else name)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    (target / "setup.cfg").write_text(CONFIG.format(paths="\n".join("    " + p for p in mutated)), encoding="utf-8")


def _mutmut(work: Path, *args: str) -> str:
    command = [str(Path(sys.executable).with_name("mutmut")), *args]
    return subprocess.run(command, cwd=work, capture_output=True, text=True).stdout


def _diff(work: Path, name: str) -> str:
    return "\n".join(line for line in _mutmut(work, "show", name).splitlines() if line.startswith(("+ ", "- ")))


def _equivalent(diff: str) -> bool:
    """Whether the mutated line (the diff's '+' lines) is one of :data:`EQUIVALENT`'s."""
    added = "\n".join(line for line in diff.splitlines() if line.startswith("+ "))
    return any(re.search(pattern, added) for pattern in EQUIVALENT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the copy (to look at the mutants with mutmut browse)")
    parser.add_argument("--max-children", type=int, default=2, help="how many mutants mutmut tests at once (default 2)")
    parser.add_argument("--only", nargs="+", metavar="PATH", help="mutate these paths (under src/) instead of MUTATED, to iterate")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="seminar-mutation-"))
    try:
        _copy(work, args.only or MUTATED)
        subprocess.run([str(Path(sys.executable).with_name("mutmut")), "run", "--max-children", str(args.max_children)], cwd=work,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results = [line.split(": ", 1) for line in _mutmut(work, "results", "--all", "true").splitlines() if ": " in line]
        if not results:
            print("mutation: mutmut gave no results (run it by hand in the copy: --keep)", file=sys.stderr)
            return 1
        survivors = [name.strip() for name, status in results if status.strip() in ("survived", "no tests")]
        unexplained = []
        for name in survivors:
            diff = _diff(work, name)
            if not _equivalent(diff) and name.split("__mutmut_")[0] not in AT_IMPORT:
                unexplained.append((name, diff))
        share = len(survivors) / len(results)
        for name, diff in unexplained:
            print(f"survived: {name}\n{diff}\n")
        print(f"mutation: {len(results)} mutants, {len(results) - len(survivors)} killed, {len(survivors)} survived "
              f"({share:.1%}; at most {LIMIT:.0%}), {len(survivors) - len(unexplained)} of them equivalent or never on, as README says")
        return 0 if share <= LIMIT else 1
    finally:
        if args.keep:
            print(f"the copy: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
