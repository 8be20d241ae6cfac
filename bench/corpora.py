"""Test corpora beyond the seeds (written to a folder you name; never committed).

* ``babe OUT``: article fragments from BABE (Spinde et al. 2021) in
  ``data/external/babe/final_labels_SG2.csv``: the sentences of one ``news_link`` become
  one article (in file order), ``outlet`` its outlet and ``topic`` its event. Many
  outlets, many topics, a few sentences per article: a multi-event corpus with real
  news prose and a human-annotated topic to check ``--events auto`` against.
* ``synthetic OUT --events E --outlets O --articles-per-outlet A --seed S``: a seeded
  generator of E events, each covered by O outlets with A articles each; every event has
  its own vocabulary and every outlet its own house line, so event grouping, house-style
  detection and scaling can be tested on any size.

Both write ``.txt`` files and a ``metadata.csv`` with an ``event`` column, the input
``framing analyze`` reads. Usage::

    python -m bench.corpora babe /tmp/babe-corpus
    python -m bench.corpora synthetic /tmp/synth --events 100 --outlets 3 --articles-per-outlet 2

References:
    Spinde, T., et al. (2021). Neural media bias detection using distant supervision with
    BABE - Bias Annotations By Experts. *Findings of EMNLP 2021*, 1166-1177.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BABE_CSV = ROOT / "data" / "external" / "babe" / "final_labels_SG2.csv"
METADATA_FIELDS = ["article_id", "source_file", "outlet", "published", "headline", "url", "event"]


def _write(folder: Path, articles: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=METADATA_FIELDS, lineterminator="\n")
        w.writeheader()
        for a in articles:
            (folder / a["source_file"]).write_text(a.pop("text"), encoding="utf-8")
            w.writerow({k: a.get(k, "") for k in METADATA_FIELDS})
    return folder


def babe_corpus(out: Path, *, source: Path = BABE_CSV, min_sentences: int = 1) -> Path:
    """Write the BABE article fragments (see module docstring) into ``out``.

    Raises:
        FileNotFoundError: the BABE file is absent (see data/external/README.md).
    """
    if not source.is_file():
        raise FileNotFoundError(f"{source}: BABE is absent; see data/external/README.md")
    by_link: dict[str, dict] = {}
    with source.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            link = row["news_link"].strip()
            if not link:
                continue
            art = by_link.setdefault(
                link, {"outlet": row["outlet"].strip(), "event": row["topic"].strip(), "s": []}
            )
            art["s"].append(row["text"].strip())
    articles = []
    for k, (link, art) in enumerate(sorted(by_link.items())):
        if len(art["s"]) < min_sentences:
            continue
        aid = f"babe{k:05d}"
        # the first sentence doubles as the headline line, then a blank line, then the body
        articles.append(
            {
                "article_id": aid,
                "source_file": f"{aid}.txt",
                "outlet": art["outlet"],
                "url": link,
                "event": art["event"],
                "text": "\n\n".join(art["s"]) + "\n",
            }
        )
    return _write(out, articles)


_FILLER = (
    "officials said on {day} that the {a} and the {b} would be reviewed".split(),
    "critics warned that the {a} could hurt the {b} in the coming weeks".split(),
    "the {a} was discussed at length as the {b} remained unresolved".split(),
    "residents described the {a} as a turning point for the {b}".split(),
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _event_words(rng: random.Random, k: int) -> list[str]:
    syll = ("ka", "lo", "mi", "ra", "te", "vu", "no", "si", "pe", "da", "zo", "gu")
    return ["".join(rng.choice(syll) for _ in range(3)) + f"{k}" for _ in range(12)]


def synthetic_corpus(
    out: Path,
    *,
    events: int = 10,
    outlets: int = 3,
    articles_per_outlet: int = 1,
    sentences: int = 12,
    seed: int = 0,
) -> Path:
    """Write a seeded synthetic corpus (see module docstring) into ``out``."""
    rng = random.Random(seed)
    outlet_names = [f"Outlet {chr(65 + o % 26)}{o // 26 or ''}" for o in range(outlets)]
    house = {o: f"{o} has asked for comment and will update this story." for o in outlet_names}
    articles = []
    for e in range(events):
        words = _event_words(rng, e)
        day = 1 + (e * 2) % 28
        month = 1 + (e * 2 // 28) % 12
        for o in outlet_names:
            for k in range(articles_per_outlet):
                body = []
                for _ in range(sentences):
                    tpl = rng.choice(_FILLER)
                    a, b = rng.sample(words, 2)
                    s = " ".join(tpl).format(a=a, b=b, day=rng.choice(_DAYS))
                    body.append(s[0].upper() + s[1:] + ".")
                body.append(house[o])
                digest = hashlib.sha1(f"{e}-{o}-{k}".encode()).hexdigest()[:8]
                aid = f"e{e:04d}-{digest}"
                headline = f"{words[0].capitalize()} and {words[1]} in focus"
                articles.append(
                    {
                        "article_id": aid,
                        "source_file": f"{aid}.txt",
                        "outlet": o,
                        "published": f"2024-{month:02d}-{day:02d}",
                        "headline": headline,
                        "event": f"event-{e:04d}",
                        "text": headline + "\n\n" + "\n\n".join(body) + "\n",
                    }
                )
    return _write(out, articles)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.corpora", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="kind", required=True)
    b = sub.add_parser("babe", help="article fragments from BABE, topic as event")
    b.add_argument("out", type=Path)
    s = sub.add_parser("synthetic", help="seeded synthetic corpus")
    s.add_argument("out", type=Path)
    s.add_argument("--events", type=int, default=10)
    s.add_argument("--outlets", type=int, default=3)
    s.add_argument("--articles-per-outlet", type=int, default=1)
    s.add_argument("--sentences", type=int, default=12)
    s.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    try:
        if args.kind == "babe":
            folder = babe_corpus(args.out)
        else:
            folder = synthetic_corpus(
                args.out,
                events=args.events,
                outlets=args.outlets,
                articles_per_outlet=args.articles_per_outlet,
                sentences=args.sentences,
                seed=args.seed,
            )
    except FileNotFoundError as exc:
        print(f"bench.corpora: error: {exc}", file=sys.stderr)
        return 2
    n = sum(1 for _ in folder.glob("*.txt"))
    print(f"wrote {n} articles to {folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
