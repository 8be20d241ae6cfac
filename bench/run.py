"""Benchmarks: report ratios against a baseline measured in the same run (no absolute
thresholds in tests). Run with `make bench`.

* ``analyze-seeds``: `framing analyze` on the five seeds, in this process (imports done).
* ``analyze-seeds-cli``: the same as a fresh ``python -m analysis analyze --quiet``, wall
  clock including Python start-up and imports (the target: under 3 s).
* ``corpus-scaling``: the per-article pipeline on N synthetic copies of the seeds, as a
  ratio to N x the time for one copy (near 1.0 means linear scaling, bounded memory per
  article).
* ``reproduce-check``: with ``--reproduce``, `framing reproduce --check-notebooks`
  (analysis + every notebook executed in a temporary folder; target: under 60 s),
  as a ratio to the analysis alone.
* baseline: reading and sha256-hashing the same files (the floor any run pays).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.paths import SEEDS_DIR  # noqa: E402
from analysis.pipeline import analyze, corpus_tables  # noqa: E402
from analysis.text.corpus import read_articles  # noqa: E402


def timeit(func, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def synthetic_corpus(folder: Path, copies: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(copies):
        for f in sorted(SEEDS_DIR.glob("*.txt")):
            text = f.read_text(encoding="utf-8") + f"\n\nCopy {k}.\n"
            (folder / f"{k:04d}_{f.name}").write_text(text, encoding="utf-8")
    return folder


def main() -> int:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        analyze([SEEDS_DIR], settings={})  # warm caches (pysbd, lexicons)
        base = timeit(lambda: read_articles([SEEDS_DIR]))
        full = timeit(lambda: analyze([SEEDS_DIR], out=tmp / "res", settings={}))
        out["analyze-seeds"] = {
            "seconds": round(full, 3),
            "ratio_to_read_baseline": round(full / base, 1),
        }
        cli = [sys.executable, "-m", "analysis", "analyze", "--quiet", "--out", str(tmp / "cli")]
        root = Path(__file__).resolve().parent.parent
        cold = timeit(lambda: subprocess.run(cli, cwd=root, check=True))
        out["analyze-seeds-cli"] = {"seconds": round(cold, 3)}
        one = synthetic_corpus(tmp / "c1", 1)
        many = synthetic_corpus(tmp / "c20", 20)
        t1 = timeit(lambda: corpus_tables(iter(read_articles([one]))))
        t20 = timeit(lambda: corpus_tables(iter(read_articles([many]))), repeat=1)
        out["corpus-scaling"] = {
            "articles": 100,
            "seconds": round(t20, 3),
            "ratio_to_linear": round(t20 / (20 * t1), 2),
        }
        shutil.rmtree(tmp / "c20")
    if "--reproduce" in sys.argv:
        from analysis.report.reproduce import reproduce

        t = timeit(lambda: reproduce(check_only=True), repeat=1)
        out["reproduce-check"] = {"seconds": round(t, 1), "ratio_to_analyze": round(t / full, 1)}
    print(json.dumps(out, indent=2))
    ok = out["analyze-seeds-cli"]["seconds"] < 3
    print(f"framing analyze on seeds under 3 s (cold): {'yes' if ok else 'NO'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
