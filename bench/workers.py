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

* ``dask``: with ``--dask``, the whole of `framing analyze` again with ``--engine dask``
  on a ``LocalCluster`` of ``cores`` workers (cluster start-up included), as a speed-up
  over ``--engine local`` with the same number of workers: the cost of going through
  Dask on one machine.

    python -m bench.workers 300 --dask --write

Prints one JSON object; with ``--write`` also replaces its rows in ``bench/results.csv``
(``bench.results``). Never used in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import json, resource, sys, time
from analysis.api import articles_from_inputs
from analysis.pipeline import analysis_tables, corpus_tables
folder, what, jobs, engine = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
t, c = time.perf_counter(), time.process_time()
if what == "corpus":
    arts = articles_from_inputs([folder])
    ctx = corpus_tables(arts, jobs=jobs, total=None)
else:
    ctx = analysis_tables([folder], settings={"jobs": jobs, "engine": engine})
wall, own = time.perf_counter() - t, time.process_time() - c
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own + kids.ru_utime + kids.ru_stime
print(json.dumps({"wall": wall, "cpu": cpu, "main_cpu": own, "articles": len(ctx.articles)}))
"""


def _run(folder: Path, what: str, jobs: int, engine: str = "local") -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(folder), what, str(jobs), engine],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def curve(
    folder: Path, what: str, jobs: list[int], *, repeat: int = 1, engine: str = "local"
) -> list[dict]:
    """Best-of-``repeat`` wall seconds per N, and the speed-up over the first N."""
    rows = []
    for n in jobs:
        load = os.getloadavg()[0]
        runs = [_run(folder, what, n, engine) for _ in range(repeat)]
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


def result_rows(out: dict) -> list[dict]:
    """``bench/results.csv`` rows: wall seconds per N, ratio the speed-up over N = 1 (and
    the Dask row's, over ``--engine local`` with as many workers)."""
    from bench.results import row

    n = out["articles"]
    rows = []
    for what in ("corpus", "analyze"):
        for r in out.get(what, []):
            rows.append(
                row(
                    f"workers-{what}-jobs{r['jobs']}",
                    n,
                    r["wall_s"],
                    "s wall",
                    ratio=r["speedup"],
                    baseline=f"workers-{what}-jobs1",
                )
            )
    d = out.get("dask")
    if d:
        rows.append(
            row(
                f"dask-local-analyze-jobs{d['jobs']}",
                n,
                d["wall_s"],
                "s wall",
                ratio=d["speedup_vs_local"],
                baseline=f"workers-analyze-jobs{d['jobs']}",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    from analysis.config import available_cores
    from bench.corpora import synthetic_corpus

    p = argparse.ArgumentParser(prog="python -m bench.workers", description=__doc__)
    p.add_argument("articles", nargs="?", type=int, default=300)
    p.add_argument("--max-jobs", type=int, default=available_cores())
    p.add_argument("--repeat", type=int, default=1, help="best of R runs per N (default 1)")
    p.add_argument("--corpus-only", action="store_true", help="only the corpus layer")
    p.add_argument(
        "--dask", action="store_true", help="also analyze with --engine dask (LocalCluster)"
    )
    p.add_argument("--write", action="store_true", help="replace its rows in bench/results.csv")
    args = p.parse_args(argv)
    jobs = list(range(1, max(1, args.max_jobs) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        folder = synthetic_corpus(
            Path(tmp) / "corpus", events=max(1, args.articles // 3), outlets=3, seed=0
        )
        from bench.results import machine

        out: dict = {"articles": args.articles, "machine": machine()}
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
            if args.dask:
                local = out["analyze"][-1]
                d = curve(folder, "analyze", [local["jobs"]], engine="dask")[0]
                d["speedup_vs_local"] = round(local["wall_s"] / d["wall_s"], 2)
                out["dask"] = d
    if args.write:
        from bench.results import write

        out["results_rows_written"] = write(result_rows(out))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
