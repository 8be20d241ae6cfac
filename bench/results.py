"""One writer for ``bench/results.csv`` (issue 13): every benchmark returns rows, this
module replaces or appends them and prints the table.

Columns (:data:`FIELDS`): ``name`` (the measure), ``corpus_articles`` (articles, or texts
for the splitter), ``value`` and ``unit``, ``ratio`` (against ``baseline``, another measure
of the same run: a cost multiple ``value / baseline`` for CPU and time ratios, a speed-up
``baseline / value`` for the worker and engine rows; bench/README.md says which), ``date``
(UTC day) and ``machine`` (platform and cores). A row replaces the earlier row with the same
``name`` and ``corpus_articles``, so ``make bench`` run twice keeps one row per measure.

Usage::

    python -m bench.results            # print bench/results.csv as a table
"""

from __future__ import annotations

import csv
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_CSV = ROOT / "bench" / "results.csv"
FIELDS = ["name", "corpus_articles", "value", "unit", "ratio", "baseline", "date", "machine"]


def machine() -> str:
    """``platform.platform()`` and the cores this process may use."""
    sys.path.insert(0, str(ROOT))
    from analysis.config import available_cores

    return f"{platform.platform()} {platform.machine()}, {available_cores()} cores"


def row(
    name: str,
    corpus_articles: int,
    value: float,
    unit: str,
    *,
    ratio: float | None = None,
    baseline: str = "",
) -> dict:
    """One result row, dated today (UTC) on this machine."""
    return {
        "name": name,
        "corpus_articles": int(corpus_articles),
        "value": value,
        "unit": unit,
        "ratio": "" if ratio is None else ratio,
        "baseline": baseline,
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine(),
    }


def read(path: Path = RESULTS_CSV) -> list[dict]:
    """The rows of ``path`` (none when it is absent)."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(rows: list[dict], path: Path = RESULTS_CSV) -> int:
    """Replace the rows of ``path`` with the same ``(name, corpus_articles)`` by ``rows``
    (in place), append the others; the number of rows given."""
    new = {(r["name"], str(r["corpus_articles"])): r for r in rows}
    out = []
    for old in read(path):
        key = (old["name"], str(old["corpus_articles"]))
        out.append(new.pop(key) if key in new else old)
    out.extend(new.values())
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    tmp.replace(path)
    return len(rows)


def table(rows: list[dict]) -> str:
    """``rows`` as a Markdown table (without the machine, printed once above)."""
    cols = [c for c in FIELDS if c != "machine"]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(str(r.get(c, "")) for c in cols) + " |" for r in rows]
    machines = sorted({r.get("machine", "") for r in rows})
    return "\n".join([f"machine: {'; '.join(machines)}", "", *lines])


def main() -> int:
    print(table(read()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
