"""The performance benchmark: ``make bench`` (or ``python bench/run.py``).

For N = 100 and 1,000 sessions it generates a synthetic archive
(``bench/archive.py``) and measures, in one run so that ratios are fair:

* full HTML builds of the project, of the same sources without bibliography,
  and of plain Sphinx + myst-parser + sphinxcontrib-bibtex without the
  project's extension (each page with its own ``{bibliography}``);
* a no-op rebuild; a rebuild after editing one session's body and after
  changing one session's date, with the documents Sphinx read and wrote;
* ``-j 2`` against ``-j 1``; ``seminar check``; the peak memory of each build.

Before those, the "real pages" archive (``bench/realpages.py``): the site's
own pages as about 125 sessions, built without and with the 6,315-entry lab
bibliography ``cdl.bib`` from ``shared/data/real-bib`` (``--no-real-pages``
leaves it out, ``--sizes`` with no number runs it alone).

The project's and the no-bibliography builds are repeated (``--repeat``,
default 3), alternating, and the median is reported with the range: on a
shared machine one build's time varies by about 10%.

Then the speed-ups (``sphinx_seminar.speedups``), piece by piece
(``--pieces``, on by default): the N = 1,000 archive (full, no-op and
``-j 2`` builds) and the real pages with ``cdl.bib`` (full and no-op), with
every piece, with none, and with each piece but one (``seminar_speedups``
in the generated ``conf.py``).  A piece's saving shows where, in one of
these builds, leaving it out is slower in every repeat than the slowest
repeat with every piece, and the medians differ by more than 2%; or its
peak memory is more than 10% higher.

It prints a table, checks the targets of the performance issue, and writes
``bench/results.json``.  Timings belong here, never in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from archive import generate  # noqa: E402
import realpages  # noqa: E402

CDL_BIB = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-bib" / "cdl" / "cdl.bib"

SPHINX = [sys.executable, "-m", "sphinx"]
SEMINAR = [str(Path(sys.executable).with_name("seminar"))]


@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    read: int = 0
    written: int = 0
    note: str = ""
    samples: list[float] = field(default_factory=list)  # every repeat's seconds; this run is the median


def median(runs: list[Run]) -> Run:
    """The run of median time, carrying every repeat's time (this machine's timings vary by 10%)."""
    ordered = sorted(runs, key=lambda run: run.seconds)
    chosen = ordered[(len(ordered) - 1) // 2]
    chosen.samples = [round(run.seconds, 2) for run in runs]
    chosen.peak_mb = max(run.peak_mb for run in runs)
    return chosen


def _docnames(log: str, phase: str) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", log).replace("\r", "\n")
    return re.findall(rf"^{phase}\.\.\. \[\s*\d+%\] (\S+)", plain, re.M)


def measure(command: list[str], cwd: Path, timeout: float) -> Run:
    """Wall time and peak memory (resident set) of one command."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, text=True)
        # Wait for the exit itself (polling would round every time up to
        # the polling step); a timer stops a build that runs too long.
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            process.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        if stopped.is_set():
            return Run(timeout, usage.ru_maxrss / 1024, -9, note=f"stopped after {timeout:.0f} s")
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read()
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode,
               len(_docnames(log, "reading sources")), len(_docnames(log, "writing output")))


def build(site: Path, outdir: str, *options: str, timeout: float = 3600) -> Run:
    # Default verbosity: Sphinx names each document it reads and writes.
    return measure([*SPHINX, "-b", "html", "-N", *options, ".", outdir], site, timeout)


def _first_session(site: Path) -> Path:
    return sorted((site / "sessions").glob("*/2*.md"))[0]


def edit_body(site: Path) -> None:
    page = _first_session(site)
    time.sleep(0.05)  # the file clock is coarse: let the edit be newer than the last read
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence for the benchmark.\n", encoding="utf-8")


def change_date(site: Path) -> None:
    page = _first_session(site)
    text = page.read_text(encoding="utf-8")
    old = re.search(r"^date: (\S+)$", text, re.M).group(1)
    # A day later, not earlier: the first session is on its term's first day, and a day before it
    # is outside the term, which made the seminar check measured after these edits report a problem.
    new = (dt.date.fromisoformat(old) + dt.timedelta(days=1)).isoformat()
    time.sleep(0.05)
    page.write_text(text.replace(f"date: {old}", f"date: {new}"), encoding="utf-8")


@dataclass
class Size:
    sessions: int
    runs: dict[str, dict[str, Run]] = field(default_factory=dict)


def bench_size(n: int, work: Path, plain_timeout: float, repeat: int) -> Size:
    """Full builds of the project and of the sources without bibliography
    alternate, ``repeat`` times, so that a slow minute of the machine hits
    both; each figure is the median."""
    result = Size(n)
    sites = {variant: generate(work / f"{variant}-{n}", n, variant) for variant in ("project", "nobib", "plain")}
    samples: dict[str, dict[str, list[Run]]] = {"project": {}, "nobib": {}}
    for attempt in range(repeat):
        for variant, outdir, options in (("project", "_build/html", ()), ("nobib", "_build/html", ()),
                                         ("project", "_build/html-j2", ("-j", "2"))):
            kind = "full_j2" if options else "full"
            print(f"N={n} {variant}: {kind} build {attempt + 1}/{repeat}...", flush=True)
            shutil.rmtree(sites[variant] / outdir, ignore_errors=True)
            samples[variant].setdefault(kind, []).append(build(sites[variant], outdir, *options))
    for variant in ("project", "nobib"):
        site = sites[variant]
        for kind, change in (("noop", None), ("body_edit", edit_body), ("date_change", change_date)):
            print(f"N={n} {variant}: {kind} x{repeat}...", flush=True)
            for _ in range(repeat):
                if change:
                    change(site)
                samples[variant].setdefault(kind, []).append(build(site, "_build/html"))
        result.runs[variant] = {kind: median(runs) for kind, runs in samples[variant].items()}
    result.runs["project"]["check"] = median([measure([*SEMINAR, "check"], sites["project"], 600) for _ in range(repeat)])
    # Upstream's way, once: it is the slow one, stopped after plain_timeout.
    runs: dict[str, Run] = {}
    print(f"N={n} plain: full build...", flush=True)
    runs["full"] = build(sites["plain"], "_build/html", timeout=plain_timeout)
    if runs["full"].returncode == 0:
        runs["noop"] = build(sites["plain"], "_build/html")
        edit_body(sites["plain"])
        runs["body_edit"] = build(sites["plain"], "_build/html")
        change_date(sites["plain"])
        runs["date_change"] = build(sites["plain"], "_build/html")
    result.runs["plain"] = runs
    for site in sites.values():
        shutil.rmtree(site)
    return result


def bench_real_pages(work: Path, repeat: int) -> Size | None:
    """The site's own pages over eight terms, without and with the lab's 6,315-entry ``cdl.bib``
    (full builds alternating, then no-op rebuilds); None where shared/ is absent."""
    if not CDL_BIB.is_file():
        print(f"real pages: skipped, {CDL_BIB} is missing", flush=True)
        return None
    sites = {"real": realpages.generate(work / "real", 8), "real_cdl": realpages.generate(work / "real-cdl", 8, CDL_BIB)}
    result = Size(realpages.sessions(sites["real"]))
    samples: dict[str, dict[str, list[Run]]] = {variant: {} for variant in sites}
    for attempt in range(repeat):
        for variant, site in sites.items():
            print(f"real pages {variant}: full build {attempt + 1}/{repeat}...", flush=True)
            shutil.rmtree(site / "_build", ignore_errors=True)
            samples[variant].setdefault("full", []).append(build(site, "_build/html"))
    for attempt in range(repeat):
        for variant, site in sites.items():
            samples[variant].setdefault("noop", []).append(build(site, "_build/html"))
    result.runs = {variant: {kind: median(runs) for kind, runs in by_kind.items()} for variant, by_kind in samples.items()}
    for site in sites.values():
        shutil.rmtree(site)
    return result


PIECES = ("cite-domain", "bib-recipe", "navigation")
# Each configuration of the speed-ups measured: its label and seminar_speedups.
CONFIGURATIONS = [("all pieces", True), ("none", False)] + [(f"all but {piece}", [p for p in PIECES if p != piece])
                                                          for piece in PIECES]
PIECE_BUILDS = (("N=1000", "full", ()), ("N=1000", "noop", ()), ("N=1000", "full_j2", ("-j", "2")),
                ("real+cdl", "full", ()), ("real+cdl", "noop", ()))


def _with_speedups(site: Path, conf: str, value: object) -> None:
    (site / "conf.py").write_text(conf + f"\nseminar_speedups = {value!r}\n", encoding="utf-8")


def bench_pieces(work: Path, repeat: int) -> dict[str, dict[str, Run]]:
    """Each configuration's builds: full (then no-op) and full -j 2 of the N = 1,000 archive,
    full (then no-op) of the real pages with cdl.bib; the configurations alternate, ``repeat`` times."""
    sites = {"N=1000": generate(work / "pieces-1000", 1000, "project")}
    if CDL_BIB.is_file():
        sites["real+cdl"] = realpages.generate(work / "pieces-real", 8, CDL_BIB)
    confs = {name: (site / "conf.py").read_text(encoding="utf-8") for name, site in sites.items()}
    samples: dict[str, dict[str, list[Run]]] = {label: {} for label, _ in CONFIGURATIONS}
    for attempt in range(repeat):
        for label, value in CONFIGURATIONS:
            for name, site in sites.items():
                _with_speedups(site, confs[name], value)
                print(f"speed-ups, {label}: {name} {attempt + 1}/{repeat}...", flush=True)
                for kind, options in (("full", ()), ("full_j2", ("-j", "2"))):
                    if (name, kind, options) not in PIECE_BUILDS:
                        continue
                    outdir = "_build/html-j2" if options else "_build/html"
                    shutil.rmtree(site / outdir, ignore_errors=True)
                    samples[label].setdefault(f"{name} {kind}", []).append(build(site, outdir, *options))
                    if not options:
                        samples[label].setdefault(f"{name} noop", []).append(build(site, outdir))
    for site in sites.values():
        shutil.rmtree(site)
    return {label: {kind: median(runs) for kind, runs in by_kind.items()} for label, by_kind in samples.items()}


def saving_shows(without: Run, ours: Run) -> bool:
    """Leaving the piece out is slower in every repeat than the slowest repeat with it, and by more than 2%."""
    if without.returncode or ours.returncode:
        return False
    return without.seconds > 1.02 * ours.seconds and min(without.samples or [without.seconds]) > max(ours.samples or [ours.seconds])


def memory_saving_shows(without: Run, ours: Run) -> bool:
    """Leaving the piece out takes more than 10% more memory at the peak (the peak varies by a few MB)."""
    return not without.returncode and not ours.returncode and without.peak_mb > 1.10 * ours.peak_mb


def pieces_report(runs: dict[str, dict[str, Run]]) -> tuple[list[str], list[tuple[str, bool, str]]]:
    kinds = [f"{name} {kind}" for name, kind, _ in PIECE_BUILDS if f"{name} {kind}" in runs["all pieces"]]
    lines = ["\n### The speed-ups, piece by piece (time, its ratio to all pieces, and peak memory)\n",
             "| speed-ups | " + " | ".join(kinds) + " |", "| --- |" + " --- |" * len(kinds)]
    base = runs["all pieces"]
    for label, _ in CONFIGURATIONS:
        cells = []
        for kind in kinds:
            run = runs[label].get(kind)
            if run is None or run.returncode:
                cells.append("failed" if run else "–")
                continue
            cell = f"{run.seconds:.2f} s"
            if label != "all pieces" and base[kind].seconds:
                cell += f" ({run.seconds / base[kind].seconds:.2f}×)"
            cells.append(cell + f", {run.peak_mb:.0f} MB")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    checks = []
    for piece in PIECES:
        without = runs[f"all but {piece}"]
        shown = [kind for kind in kinds if kind in without and saving_shows(without[kind], base[kind])]
        shown += [f"{kind} memory" for kind in kinds if kind in without and memory_saving_shows(without[kind], base[kind])]
        best = max(kinds, key=lambda kind: without[kind].seconds / base[kind].seconds if base[kind].seconds else 0)
        checks.append((f"speed-up {piece}: its saving shows", bool(shown),
                       ", ".join(shown) if shown else f"at most {without[best].seconds / base[best].seconds:.2f}× ({best})"))
    return lines, checks


def real_pages_report(size: Size) -> tuple[list[str], list[tuple[str, bool, str]]]:
    real, cdl = size.runs["real"], size.runs["real_cdl"]
    lines = [f"\n### Real pages: the site's own pages as {size.sessions} sessions, without and with cdl.bib (6,315 entries)\n",
             "| build | time | ratio | read / written | peak memory |", "| --- | --- | --- | --- | --- |"]
    checks = []
    for kind, label, target in (("full", "full", 1.2), ("noop", "no-op rebuild", 1.5)):
        lines.append(row(f"real pages, {label}", real.get(kind)))
        lines.append(row(f"real pages + cdl.bib, {label}, relative to without", cdl.get(kind), real.get(kind)))
        if kind in real and kind in cdl and cdl[kind].returncode == 0:
            ratio = cdl[kind].seconds / real[kind].seconds
            checks.append((f"real pages: {label} with cdl.bib within {target}× of without", ratio <= target, f"{ratio:.2f}×"))
        else:
            checks.append((f"real pages: {label} with cdl.bib builds", False, "failed"))
    return lines, checks


def row(label: str, run: Run | None, base: Run | None = None) -> str:
    if run is None:
        return f"| {label} | – | – | – | – |"
    ratio = f"{run.seconds / base.seconds:.2f}×" if base and base.seconds and run.returncode == 0 else ""
    shown = f"{run.seconds:.2f} s" if run.returncode == 0 else (run.note or f"failed ({run.returncode})")
    if run.returncode == 0 and len(run.samples) > 1:
        shown += f" ({min(run.samples):.2f}–{max(run.samples):.2f})"
    counts = f"{run.read} / {run.written}" if run.read or run.written else ""
    return f"| {label} | {shown} | {ratio} | {counts} | {run.peak_mb:.0f} MB |"


def report(sizes: list[Size], real: Size | None = None,
           pieces: dict[str, dict[str, Run]] | None = None) -> tuple[str, list[tuple[str, bool, str]]]:
    lines = []
    checks: list[tuple[str, bool, str]] = []
    if real is not None:
        lines, checks = real_pages_report(real)
    for size in sizes:
        p, nb, pl = (size.runs.get(v, {}) for v in ("project", "nobib", "plain"))
        lines += [f"\n### N = {size.sessions} sessions, {size.sessions // 20} terms, {5 * size.sessions} .bib entries\n",
                  "| build | time | ratio | read / written | peak memory |", "| --- | --- | --- | --- | --- |"]
        lines.append(row("project, full", p.get("full")))
        lines.append(row("no bibliography, full", nb.get("full")))
        lines.append(row("project, full, relative to no bibliography", p.get("full"), nb.get("full")))
        lines.append(row("plain Sphinx + bibtex (no extension), full", pl.get("full"), nb.get("full")))
        for kind, label in (("noop", "no-op rebuild"), ("body_edit", "one body edited"), ("date_change", "one date changed")):
            lines.append(row(f"project, {label}", p.get(kind), p.get("full")))
            lines.append(row(f"no bibliography, {label}", nb.get(kind), nb.get("full")))
            lines.append(row(f"plain, {label}", pl.get(kind), pl.get("full")))
        lines.append(row("project, full -j 2 (ratio to -j 1)", p.get("full_j2"), p.get("full")))
        lines.append(row("seminar check", p.get("check")))
        if "full" in p and "full" in nb:
            ratio = p["full"].seconds / nb["full"].seconds
            checks.append((f"N={size.sessions}: full build within 1.5× of no bibliography", ratio <= 1.5, f"{ratio:.2f}×"))
        if size.sessions >= 1000:
            for kind in ("noop", "body_edit"):
                if kind in p and kind in nb:
                    ratio = p[kind].seconds / nb[kind].seconds
                    checks.append((f"N={size.sessions}: {kind} within 2× of no bibliography", ratio <= 2, f"{ratio:.2f}×"))
            if "check" in p:
                checks.append((f"N={size.sessions}: seminar check under 1 s", p["check"].seconds < 1, f"{p['check'].seconds:.2f} s"))
            peak = max(r.peak_mb for r in p.values())
            checks.append((f"N={size.sessions}: peak memory under 1 GB", peak < 1024, f"{peak:.0f} MB"))
        if "body_edit" in p:
            ok = p["body_edit"].read == 1 and p["body_edit"].written <= 2
            checks.append((f"N={size.sessions}: body edit reads 1, writes at most 2", ok,
                           f"{p['body_edit'].read} / {p['body_edit'].written}"))
        if "date_change" in p:
            checks.append((f"N={size.sessions}: date change reads 1", p["date_change"].read == 1,
                           f"{p['date_change'].read} / {p['date_change'].written}"))
        if "full_j2" in p:
            speedup = p["full"].seconds / p["full_j2"].seconds
            # Sphinx's own -j (issue 12): it may not be faster, but at most 5% slower.
            checks.append((f"N={size.sessions}: -j 2 at most 5% slower than -j 1", speedup >= 1 / 1.05, f"{speedup:.2f}× as fast"))
    by_n = {s.sessions: s.runs.get("project", {}).get("full") for s in sizes}
    if 100 in by_n and 1000 in by_n and by_n[100] and by_n[1000]:
        ratio = by_n[1000].seconds / by_n[100].seconds
        checks.append(("t(1000) / t(100) ≤ 10.5 for a full build", ratio <= 10.5, f"{ratio:.2f}"))
    if pieces:
        more, piece_checks = pieces_report(pieces)
        lines += more
        checks += piece_checks
    lines.append("\n### Targets\n")
    lines += [f"- {'PASS' if ok else 'FAIL'}: {name} ({value})" for name, ok, value in checks]
    return "\n".join(lines), checks


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--plain-timeout", type=float, default=300, help="stop the upstream baseline after this many seconds")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of each project and no-bibliography build (the median is reported)")
    parser.add_argument("--real-pages", action=argparse.BooleanOptionalAction, default=True,
                        help="also build the site's own pages as about 125 sessions, without and with cdl.bib")
    parser.add_argument("--pieces", action=argparse.BooleanOptionalAction, default=True,
                        help="also measure each speed-up piece (N=1000 and the real pages with cdl.bib)")
    parser.add_argument("--pieces-repeat", type=int, default=3, help="repeats of each speed-up configuration")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results.json")
    args = parser.parse_args()
    import importlib.metadata as metadata

    versions = {name: metadata.version(name) for name in ("sphinx", "myst-parser", "sphinxcontrib-bibtex", "furo", "pybtex")}
    with tempfile.TemporaryDirectory(prefix="seminar-bench-") as work:
        real = bench_real_pages(Path(work), args.repeat) if args.real_pages else None
        sizes = [bench_size(n, Path(work), args.plain_timeout, args.repeat) for n in args.sizes]
        pieces = bench_pieces(Path(work), args.pieces_repeat) if args.pieces else None
    text, checks = report(sizes, real, pieces)
    header = f"Machine: {machine()}\nVersions: " + ", ".join(f"{k} {v}" for k, v in versions.items())
    print(header + "\n" + text)
    args.out.write_text(json.dumps({
        "machine": machine(), "versions": versions, "date": time.strftime("%Y-%m-%d"),
        "real_pages": real and {"sessions": real.sessions, "runs": {v: {k: asdict(r) for k, r in runs.items()} for v, runs in real.runs.items()}},
        "sizes": [{"sessions": s.sessions, "runs": {v: {k: asdict(r) for k, r in runs.items()} for v, runs in s.runs.items()}}
                  for s in sizes],
        "pieces": pieces and {label: {k: asdict(r) for k, r in runs.items()} for label, runs in pieces.items()},
        "targets": [{"target": name, "met": ok, "value": value} for name, ok, value in checks],
    }, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
