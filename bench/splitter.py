"""Agreement and speed of the fast sentence splitter against pysbd, in one run.

Texts (each split as one span, the way ``analysis.text.sentences`` splits a line):

* ``seeds``: every non-empty line of the five seed pages;
* ``nyt``: the NYT editorial snippets of Hutto & Gilbert (2014), the snippets of one
  article (id ``article_sentence``) joined with spaces in id order;
* ``babe``: BABE SG1, SG2 and MBIC sentences (Spinde et al. 2021), those of one
  ``news_link`` joined with spaces in file order (each text once per link);
* ``newsmtsc``: NewsMTSC train and dev/test sentences (Hamborg & Donnay 2021), those of
  one article (``primary_gid`` prefix) joined in sentence order;
* ``reviews``: the VADER movie-review, Amazon-review and tweet snippets (not news; noisy
  text), one text per snippet;
* ``mixed``: the NYT, BABE and NewsMTSC snippets shuffled (seed 13) into paragraphs of
  2 to 8 snippets, so every boundary is tested again next to new neighbours.

A sentence agrees when the fast splitter returns exactly pysbd's ``(start, end)``;
agreement is the share of pysbd's sentences reproduced. Speed is CPU time of pysbd over
CPU time of the fast splitter on the same texts. Corpora missing from ``data/external``
are skipped with a message. Usage::

    python -m bench.splitter [--show N] [--corpus NAME ...] [--write]

``--write`` replaces its rows (:func:`result_rows`, the ``all`` line) in
``bench/results.csv``.

References:
    Sadvilkar, N. and Neumann, M. (2020). PySBD: Pragmatic Sentence Boundary
    Disambiguation. NLP-OSS workshop, EMNLP 2020.
    Hutto, C. and Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. ICWSM-14.
    Spinde, T., et al. (2021). Neural media bias detection using distant supervision
    with BABE. Findings of EMNLP 2021.
    Hamborg, F. and Donnay, K. (2021). NewsMTSC: A dataset for (multi-)target-dependent
    sentiment classification in political news articles. EACL 2021.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.text.sentences import split_sentences  # noqa: E402

EXTERNAL = ROOT / "data" / "external"


def seed_texts() -> list[str]:
    """The non-empty lines of the seed pages, stripped."""
    out = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        out += [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return out


def _vader_rows(name: str) -> list[tuple[str, str]]:
    path = EXTERNAL / "vader_icwsm2014" / name
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((parts[0], parts[2].strip()))
    return rows


def nyt_texts() -> list[str]:
    """NYT editorial snippets, one text per article."""
    return [" ".join(a) for a in nyt_articles()]


def nyt_articles() -> list[list[str]]:
    """NYT editorial snippets, grouped by article in id order."""
    arts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for sid, text in _vader_rows("nytEditorialSnippets_GroundTruth.txt"):
        art, _, n = sid.partition("_")
        arts[art].append((int(n), text))
    return [[t for _, t in sorted(v)] for _, v in sorted(arts.items())]


def babe_texts() -> list[str]:
    """BABE SG1/SG2/MBIC sentences, one text per news link."""
    return [" ".join(a) for a in babe_articles()]


def babe_articles() -> list[list[str]]:
    """BABE SG1/SG2/MBIC sentences, grouped by news link (each text once)."""
    links: dict[str, list[str]] = {}
    for name, sep in (("SG2", ";"), ("SG1", ";"), ("MBIC", ",")):
        path = EXTERNAL / "babe" / f"final_labels_{name}.csv"
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter=sep):
                texts = links.setdefault(row["news_link"], [])
                text = (row["text"] or "").strip()
                if text and text not in texts:
                    texts.append(text)
    return list(links.values())


def newsmtsc_texts() -> list[str]:
    """NewsMTSC sentences, one text per article."""
    return [" ".join(a) for a in newsmtsc_articles()]


def newsmtsc_articles() -> list[list[str]]:
    """NewsMTSC sentences, grouped by article in sentence order."""
    arts: dict[str, dict[int, str]] = defaultdict(dict)
    for name in ("train", "devtest_mt", "devtest_rw"):
        path = EXTERNAL / "newsmtsc" / "official" / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            parts = d["primary_gid"].split("_")
            arts["_".join(parts[:3])][int(parts[3])] = d["sentence_normalized"].strip()
    return [[t for _, t in sorted(v.items())] for _, v in sorted(arts.items())]


def mixed_texts(seed: int = 13) -> list[str]:
    """The NYT, BABE and NewsMTSC snippets shuffled (seeded) into paragraphs of 2 to 8:
    every snippet meets new neighbours, so each boundary is tested in a new context."""
    snippets = [
        s for load in (nyt_articles, babe_articles, newsmtsc_articles) for a in load() for s in a
    ]
    rng = random.Random(seed)
    rng.shuffle(snippets)
    out, k = [], 0
    while k < len(snippets):
        n = rng.randint(2, 8)
        out.append(" ".join(snippets[k : k + n]))
        k += n
    return out


def review_texts() -> list[str]:
    """VADER movie-review, Amazon-review and tweet snippets, one text each."""
    out = []
    for name in (
        "movieReviewSnippets_GroundTruth.txt",
        "amazonReviewSnippets_GroundTruth.txt",
        "tweets_GroundTruth.txt",
    ):
        out += [t for _, t in _vader_rows(name) if t]
    return out


CORPORA = {
    "seeds": (seed_texts, None),
    "nyt": (nyt_texts, "vader_icwsm2014"),
    "babe": (babe_texts, "babe"),
    "newsmtsc": (newsmtsc_texts, "newsmtsc"),
    "reviews": (review_texts, "vader_icwsm2014"),
    "mixed": (mixed_texts, ("vader_icwsm2014", "babe", "newsmtsc")),
}


def load(names=CORPORA) -> dict[str, list[str]]:
    """The texts of each corpus present (a message on stderr for each one absent)."""
    out = {}
    for name in names:
        func, folder = CORPORA[name]
        folders = (folder,) if isinstance(folder, str) else folder or ()
        missing = [f for f in folders if not (EXTERNAL / f).is_dir()]
        if missing:
            print(f"skip {name}: data/external/{missing[0]} is absent", file=sys.stderr)
            continue
        out[name] = func()
    return out


def compare(texts: list[str]) -> dict:
    """Split every text both ways; counts, CPU times and the disagreeing texts."""
    t = time.process_time()
    ref = [split_sentences(x, method="pysbd") for x in texts]
    t_ref = time.process_time() - t
    stats: dict = {}
    t = time.process_time()
    fast = [split_sentences(x, stats=stats) for x in texts]
    t_fast = time.process_time() - t
    # which texts needed pysbd at all (a second pass, outside the timing)
    handed = 0
    for x in texts:
        s: dict = {}
        split_sentences(x, stats=s)
        handed += s.get("pysbd_chars", 0) > 0
    same = sum(len(set(r) & set(f)) for r, f in zip(ref, fast, strict=True))
    diffs = [(x, r, f) for x, r, f in zip(texts, ref, fast, strict=True) if r != f]
    return {
        "texts": len(texts),
        "sentences": sum(map(len, ref)),
        "same": same,
        "fast_sentences": sum(map(len, fast)),
        "t_pysbd": t_ref,
        "t_fast": t_fast,
        "handed": handed,
        "chars": stats.get("chars", 0),
        "pysbd_chars": stats.get("pysbd_chars", 0),
        "diffs": diffs,
    }


def _show(diffs, n: int) -> None:
    for x, r, f in diffs[:n]:
        only_r = [x[a:b] for a, b in r if (a, b) not in set(f)]
        only_f = [x[a:b] for a, b in f if (a, b) not in set(r)]
        print("  pysbd:", only_r)
        print("  fast: ", only_f)


def result_rows(total: dict) -> list[dict]:
    """``bench/results.csv`` rows of the ``all`` line: identical boundaries (% of pysbd's
    sentences), pysbd's CPU and the fast splitter's (ratio: the speed-up over pysbd)."""
    from bench.results import row

    n = int(total["texts"])
    same = round(100 * total["same"] / max(1, total["sentences"]), 3)
    return [
        row("splitter-identical-sentences", n, same, "% of pysbd sentences"),
        row("splitter-pysbd-cpu", n, round(total["t_pysbd"], 2), "s cpu"),
        row(
            "splitter-fast-cpu",
            n,
            round(total["t_fast"], 2),
            "s cpu",
            ratio=round(total["t_pysbd"] / max(1e-9, total["t_fast"]), 2),
            baseline="splitter-pysbd-cpu",
        ),
    ]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", type=int, default=0, help="print N disagreements per corpus")
    ap.add_argument("--corpus", nargs="*", choices=list(CORPORA), default=list(CORPORA))
    ap.add_argument("--write", action="store_true", help="replace its rows in bench/results.csv")
    args = ap.parse_args(argv)
    rows = []
    total = defaultdict(float)
    for name, texts in load(args.corpus).items():
        r = compare(texts)
        rows.append((name, r))
        for k in (
            "texts",
            "sentences",
            "same",
            "t_pysbd",
            "t_fast",
            "handed",
            "chars",
            "pysbd_chars",
        ):
            total[k] += r[k]
        if args.show:
            print(f"{name}: {len(r['diffs'])} texts differ")
            _show(r["diffs"], args.show)
    rows.append(("all", total))
    print(
        f"{'corpus':<10} {'texts':>6} {'sentences':>9} {'agree %':>8} {'to pysbd %':>10} "
        f"{'chars %':>7} {'pysbd s':>8} {'fast s':>7} {'speed-up':>8}"
    )
    for name, r in rows:
        print(
            f"{name:<10} {int(r['texts']):>6} {int(r['sentences']):>9} "
            f"{100 * r['same'] / max(1, r['sentences']):>8.3f} "
            f"{100 * r['handed'] / max(1, r['texts']):>10.1f} "
            f"{100 * r['pysbd_chars'] / max(1, r['chars']):>7.1f} "
            f"{r['t_pysbd']:>8.2f} {r['t_fast']:>7.2f} "
            f"{r['t_pysbd'] / max(1e-9, r['t_fast']):>7.1f}x"
        )
    if args.write:
        from bench.results import write

        write(result_rows(total))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
