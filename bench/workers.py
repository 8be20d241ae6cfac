"""Worker benchmark (issue 13): the speed-up of ``--jobs N`` for N = 1 .. cores, in one run.

On a seeded synthetic corpus (``bench.corpora.synthetic_corpus``: N/3 events, three
outlets), each measurement in a fresh subprocess:

* ``corpus``: the corpus layer alone (read, segment, quotation marks, sentence split:
  :func:`analysis.pipeline.corpus_tables`), the part ``--jobs`` runs in workers;
* ``analyze``: every table of `framing analyze` (in memory, nothing written), which adds
  the corpus-wide steps that stay in one process.

Times are wall-clock seconds (what parallel workers shorten) and CPU seconds of the run
and its workers together; the result is each N's wall speed-up over N = 1 measured in the
same run, the CPU ratio (the cost of splitting the work: near 1.0 means the workers add
little), the main process's own CPU (the serial part), the load average before each run
(on a shared machine a speed-up needs idle cores), and the share of the single-process run
spent in the corpus layer (Amdahl's bound on the whole-run speed-up). That the tables are
identical whatever N is a test (tests/test_jobs.py), not checked here.

Usage::

    python -m bench.workers              # 300 articles, N = 1 .. cores, both measures
    python -m bench.workers 300 --corpus-only
    python -m bench.workers 300 --max-jobs 4 --repeat 2

Prints one JSON object. When ``bench/results.csv`` exists, appends one row per measure
(name, corpus_size, value, unit, ratio, baseline, date, machine). Never used in tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_CSV = ROOT / "bench" / "results.csv"
RESULT_FIELDS = ["name", "corpus_size", "value", "unit", "ratio", "baseline", "date", "machine"]

_RUN = """
import json, resource, sys, time
from analysis.api import articles_from_inputs
from analysis.pipeline import analysis_tables, corpus_tables
folder, what, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
t, c = time.perf_counter(), time.process_time()
if what == "corpus":
    arts = articles_from_inputs([folder])
    ctx = corpus_tables(arts, jobs=jobs, total=None)
else:
    ctx = analysis_tables([folder], settings={"jobs": jobs})
wall, own = time.perf_counter() - t, time.process_time() - c
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own + kids.ru_utime + kids.ru_stime
print(json.dumps({"wall": wall, "cpu": cpu, "main_cpu": own, "articles": len(ctx.articles)}))
"""


def _run(folder: Path, what: str, jobs: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(folder), what, str(jobs)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def curve(folder: Path, what: str, jobs: list[int], *, repeat: int = 1) -> list[dict]:
    """Best-of-``repeat`` wall seconds per N, and the speed-up over the first N."""
    rows = []
    for n in jobs:
        load = os.getloadavg()[0]
        runs = [_run(folder, what, n) for _ in range(repeat)]
        best = min(runs, key=lambda r: r["wall"])
        rows.append(
            {
                "jobs": n,
                "wall_s": round(best["wall"], 2),
                "cpu_s": round(best["cpu"], 2),
                "main_cpu_s": round(best["main_cpu"], 2),
                "articles": best["articles"],
                "load_before": round(load, 1),
            }
        )
    base, base_cpu = rows[0]["wall_s"], rows[0]["cpu_s"]
    for r in rows:
        r["speedup"] = round(base / r["wall_s"], 2) if r["wall_s"] else None
        # all processes' CPU over one process's: the cost of splitting the work
        r["cpu_ratio"] = round(r["cpu_s"] / base_cpu, 2) if base_cpu else None
    return rows


def _machine() -> str:
    from analysis.config import available_cores

    return f"{platform.node()} {platform.machine()} {available_cores()} cores (shared)"


def append_results(out: dict, path: Path = RESULTS_CSV) -> int:
    """Append one row per measure to ``path`` if it exists; the number of rows written."""
    if not path.is_file():
        return 0
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh), None) or RESULT_FIELDS
    date, machine = datetime.now(UTC).strftime("%Y-%m-%d"), _machine()
    rows = []
    for what in ("corpus", "analyze"):
        for r in out.get(what, []):
            rows.append(
                {
                    "name": f"workers-{what}-jobs{r['jobs']}",
                    "corpus_size": out["articles"],
                    "value": r["wall_s"],
                    "unit": "s wall",
                    "ratio": r["speedup"],
                    "baseline": f"workers-{what}-jobs1",
                    "date": date,
                    "machine": machine,
                }
            )
    with path.open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        w.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    from analysis.config import available_cores
    from bench.corpora import synthetic_corpus

    p = argparse.ArgumentParser(prog="python -m bench.workers", description=__doc__)
    p.add_argument("articles", nargs="?", type=int, default=300)
    p.add_argument("--max-jobs", type=int, default=available_cores())
    p.add_argument("--repeat", type=int, default=1, help="best of R runs per N (default 1)")
    p.add_argument("--corpus-only", action="store_true", help="only the corpus layer")
    args = p.parse_args(argv)
    jobs = list(range(1, max(1, args.max_jobs) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic_corpus(
            Path(tmp) / "corpus", events=max(1, args.articles // 3), outlets=3, seed=0
        )
        out: dict = {"articles": args.articles, "machine": _machine()}
        out["corpus"] = curve(folder, "corpus", jobs, repeat=args.repeat)
        if not args.corpus_only:
            out["analyze"] = curve(folder, "analyze", jobs, repeat=args.repeat)
            corpus_1, analyze_1 = out["corpus"][0]["wall_s"], out["analyze"][0]["wall_s"]
            share = corpus_1 / analyze_1 if analyze_1 else 0.0
            out["corpus_share_of_analyze"] = round(share, 3)
            # Amdahl: only the corpus layer runs in workers
            out["amdahl_bound"] = {
                n: round(1 / ((1 - share) + share / n), 2) for n in jobs if share < 1
            }
    out["results_rows_written"] = append_results(out)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
