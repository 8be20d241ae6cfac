"""Scale benchmark (issue 13): `framing analyze` against vaderSentiment alone, in one run.

For each corpus size N (synthetic corpora from ``bench.corpora``: N/3 events, three
outlets, one article each), in a fresh subprocess per measurement so peak memory is the
run's own:

* ``analyze``: the whole of `framing analyze` (tables only, no notebooks), CPU seconds
  and peak RSS;
* ``vader``: vaderSentiment's ``polarity_scores`` on the same body and headline
  sentences, CPU seconds (the one step the project cannot make cheaper);
* the ratio ``analyze / vader`` (target: at most 3, stretch 2) and the growth exponent of
  CPU time between the smallest and the largest N (1.0 = linear).

Usage::

    python -m bench.scale                 # N = 100, 300
    python -m bench.scale 100 300 600     # any sizes

    python -m bench.scale 300 1000 --write   # also replace its rows in bench/results.csv
    python -m bench.scale 10000 --write      # bigger sizes: tens of minutes, GBs of RAM

Prints one JSON object; with ``--write`` also the rows of :func:`result_rows` in
``bench/results.csv`` (``bench.results``). Never used in tests.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ANALYZE = """
import json, resource, sys, time
from analysis.pipeline import analyze
t = time.process_time()
ctx = analyze([sys.argv[1]])
cpu = time.process_time() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
s = ctx.tables["sentences"]
texts = s.loc[s["segment"].isin(["headline", "body"]), "text"].tolist()
words = int(s.loc[s["segment"].isin(["headline", "body"]), "n_words"].sum())
open(sys.argv[2], "w").write("\\n".join(texts))
print(json.dumps({"cpu": cpu, "rss_gb": rss, "sentences": len(texts), "words": words}))
"""

_VADER = """
import json, sys, time
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
texts = open(sys.argv[1]).read().split("\\n")
an = SentimentIntensityAnalyzer()
t = time.process_time()
for x in texts:
    an.polarity_scores(x)
print(json.dumps({"cpu": time.process_time() - t}))
"""


def _run(code: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(n_articles: int, folder: Path) -> dict:
    """One corpus size: analyze and VADER CPU seconds, their ratio, peak RSS."""
    from bench.corpora import synthetic_corpus

    corpus = synthetic_corpus(
        folder / f"n{n_articles}", events=max(1, n_articles // 3), outlets=3, seed=0
    )
    texts = folder / f"n{n_articles}.txt"
    a = _run(_ANALYZE, str(corpus), str(texts))
    v = _run(_VADER, str(texts))
    return {
        "articles": n_articles,
        "words": a["words"],
        "sentences": a["sentences"],
        "analyze_cpu_s": round(a["cpu"], 2),
        "vader_cpu_s": round(v["cpu"], 3),
        "ratio_to_vader": round(a["cpu"] / v["cpu"], 1) if v["cpu"] else None,
        "peak_rss_gb": round(a["rss_gb"], 2),
        "words_per_cpu_s": round(a["words"] / a["cpu"]) if a["cpu"] else None,
    }


def result_rows(run: dict) -> list[dict]:
    """``bench/results.csv`` rows of one :func:`measure`: CPU of `framing analyze` and of
    VADER alone (the ratio: analyze as a multiple of VADER), peak RSS, words and articles
    per CPU second."""
    from bench.results import row

    n = run["articles"]
    cpu = run["analyze_cpu_s"]
    return [
        row("vader-alone-cpu", n, run["vader_cpu_s"], "s cpu"),
        row(
            "analyze-cpu", n, cpu, "s cpu", ratio=run["ratio_to_vader"], baseline="vader-alone-cpu"
        ),
        row("analyze-peak-rss", n, run["peak_rss_gb"], "GB"),
        row("analyze-words-per-s", n, run["words_per_cpu_s"], "words/s cpu"),
        row("analyze-articles-per-s", n, round(n / cpu, 2) if cpu else None, "articles/s cpu"),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = list(argv if argv is not None else sys.argv[1:])
    write = "--write" in argv
    sizes = [int(x) for x in argv if x != "--write"] or [100, 300]
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp)) for n in sizes]
    out = {"runs": rows, "target_ratio_to_vader": 3.0}
    if len(rows) >= 2 and rows[0]["analyze_cpu_s"] > 0:
        a, b = rows[0], rows[-1]
        out["cpu_growth_exponent"] = round(
            math.log(b["analyze_cpu_s"] / a["analyze_cpu_s"])
            / math.log(b["articles"] / a["articles"]),
            2,
        )
    if write:
        from bench.results import write as write_rows

        out["results_rows_written"] = write_rows([r for run in rows for r in result_rows(run)])
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
