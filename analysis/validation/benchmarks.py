"""Validation of the sentiment methods on public human-annotated benchmarks.

Two benchmarks, read from ``data/external`` (git-ignored; see its README):

* **NYT editorial snippets** of Hutto & Gilbert (2014): 5,190 sentences, each rated
  by ~20 people on -4..+4. We report the Pearson r of the method's score with the mean
  rating, and the 3-class support-weighted precision, recall and F1 with the predicted
  class at ±0.05 and the gold class the sign of the mean rating (neutral only when it
  is exactly 0). This definition reproduces the paper's VADER figures with
  vaderSentiment 3.3.2 (r 0.503, F1 0.549 vs published 0.492 and 0.55).
* **NewsMTSC** real-world test split of Hamborg & Donnay (2021)
  (``paper_dev_test_split/rw/test.jsonl``): target-dependent sentiment in political
  news, 3 classes. We report macro F1 of VADER on the whole sentence (the floor: it
  ignores the target), of VADER on the clause window around the target (the window
  :func:`analysis.extract.sentiment.clause_window` also used for actor sentiment) and of AFINN
  on the whole sentence, next to the published best (RoBERTa GRU-TSC, 83.1). The
  window was fixed before looking at the test split; the dev split is not used.

Without the data the functions raise :class:`ExternalDataMissing` with a message that
names the missing folder; the pipeline prints it and leaves the results file alone.

References:
    Hutto, C. J. & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for
    Sentiment Analysis of Social Media Text. ICWSM-14 (Table 4, NYT editorials).

    Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent
    Sentiment Classification in Political News Articles. EACL 2021 (Table 2).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.extract.sentiment import (
    LABEL_THRESHOLD,
    clause_window,
    label_scores,
    scores_from_texts,
)

DATA_DIR = Path("data/external")
NYT_FILE = Path("vader_icwsm2014") / "nytEditorialSnippets_GroundTruth.txt"
NEWSMTSC_FILE = Path("newsmtsc") / "paper_dev_test_split" / "rw" / "test.jsonl"
NEWSMTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}

PUBLISHED = [
    # benchmark, method, metric, value, source
    ("nyt_editorials", "vader", "pearson_r", 0.492, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "vader", "precision", 0.69, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "vader", "recall", 0.49, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "vader", "f1", 0.55, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "hu_liu_2004", "pearson_r", 0.487, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "hu_liu_2004", "f1", 0.52, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "individual_humans", "pearson_r", 0.745, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "individual_humans", "precision", 0.87, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "individual_humans", "recall", 0.55, "Hutto & Gilbert 2014, Table 4"),
    ("nyt_editorials", "individual_humans", "f1", 0.65, "Hutto & Gilbert 2014, Table 4"),
    (
        "nyt_editorials",
        "vader",
        "pearson_r_rerun",
        0.503,
        "independent re-run of vaderSentiment 3.3.2 (data/external/vader_icwsm2014/README.md)",
    ),
    (
        "nyt_editorials",
        "vader",
        "f1_rerun",
        0.549,
        "independent re-run of vaderSentiment 3.3.2 (data/external/vader_icwsm2014/README.md)",
    ),
    ("newsmtsc_rw_test", "roberta_gru_tsc", "macro_f1", 0.831, "Hamborg & Donnay 2021, Table 2"),
    ("newsmtsc_rw_test", "roberta_lcf", "macro_f1", 0.814, "Hamborg & Donnay 2021, Table 2"),
    ("newsmtsc_rw_test", "bert_spc", "macro_f1", 0.801, "Hamborg & Donnay 2021, Table 2"),
]
"""Published figures, transcribed in the data folders' READMEs."""

METHOD_ORDER = (
    "vader",
    "vader (3.3.2 re-run)",
    "vader_clause",
    "vader_political",
    "afinn",
    "afinn_clause",
    "individual_humans",
    "hu_liu_2004",
    "roberta_gru_tsc",
    "roberta_lcf",
    "bert_spc",
)
METRIC_ORDER = ("pearson_r", "precision", "recall", "f1", "macro_f1")

TABLES = {
    "validation_sentiment": {
        "description": "Sentiment methods on human-annotated benchmarks (NYT editorial snippets of VADER ICWSM-2014; NewsMTSC rw test split), beside the published figures.",
        "columns": {
            "benchmark": "nyt_editorials (5,190 sentences) or newsmtsc_rw_test (803 targets)",
            "method": "method or variant (e.g. vader, afinn, vader_clause); published-only rows name the paper's method",
            "metric": "pearson_r, precision, recall, f1 (3-class support-weighted) or macro_f1 (3-class); *_rerun = README re-run",
            "n": "items scored in this run (empty for published-only rows)",
            "value": "this run's value (empty for published-only rows)",
            "published": "the published value for this method and metric, if any",
            "source": "where the published value comes from",
            "note": "how the value was computed",
        },
    }
}


class ExternalDataMissing(FileNotFoundError):
    """A benchmark folder under ``data/external`` is absent."""


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        raise ExternalDataMissing(
            f"{path} absent: link the {what} data into data/external "
            "(see data/external/README.md); validation skipped"
        )
    return path


def read_nyt_snippets(data_dir: str | Path = DATA_DIR) -> pd.DataFrame:
    """The 5,190 NYT editorial snippets with their mean human rating.

    Returns:
        Columns ``id, mean_rating, text``.

    Raises:
        ExternalDataMissing: the file is absent.
    """
    path = _need(Path(data_dir) / NYT_FILE, "vader_icwsm2014")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        sid, rating, text = line.split("\t", 2)
        rows.append((sid, float(rating), text))
    return pd.DataFrame(rows, columns=["id", "mean_rating", "text"])


def read_newsmtsc(data_dir: str | Path = DATA_DIR) -> pd.DataFrame:
    """NewsMTSC rw test split, one row per target.

    Returns:
        Columns ``gid, sentence, start, end, mention, gold`` (gold is
        negative/neutral/positive; start/end index ``sentence``).

    Raises:
        ExternalDataMissing: the file is absent.
    """
    path = _need(Path(data_dir) / NEWSMTSC_FILE, "newsmtsc")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            for t in doc["targets"]:
                rows.append(
                    (
                        t["Input.gid"],
                        doc["sentence_normalized"],
                        int(t["from"]),
                        int(t["to"]),
                        t["mention"],
                        NEWSMTSC_POLARITY[float(t["polarity"])],
                    )
                )
    return pd.DataFrame(rows, columns=["gid", "sentence", "start", "end", "mention", "gold"])


def nyt_validation(
    data_dir: str | Path = DATA_DIR, *, threshold: float = LABEL_THRESHOLD
) -> pd.DataFrame:
    """Pearson r and 3-class weighted P/R/F1 of VADER and AFINN on the NYT snippets.

    Returns:
        Rows of the ``validation_sentiment`` table for ``nyt_editorials``.
    """
    from scipy import stats
    from sklearn.metrics import precision_recall_fscore_support

    snip = read_nyt_snippets(data_dir)
    sc = scores_from_texts(snip["text"].tolist())
    gold = np.sign(snip["mean_rating"].to_numpy())
    gold = np.where(gold > 0, "positive", np.where(gold < 0, "negative", "neutral"))
    rows = []
    for method, col in (
        ("vader", "vader_compound"),
        ("afinn", "afinn_norm"),
        ("vader_political", "vader_political_compound"),
    ):
        x = sc[col].to_numpy()
        r = float(stats.pearsonr(x, snip["mean_rating"].to_numpy()).statistic)
        pred = label_scores(x, threshold=threshold)
        p, rc, f, _ = precision_recall_fscore_support(
            gold, pred, average="weighted", zero_division=0
        )
        note = (
            f"class at +-{threshold} on {col}; gold = sign of mean rating; "
            "support-weighted over 3 classes"
        )
        for metric, value in (("pearson_r", r), ("precision", p), ("recall", rc), ("f1", f)):
            rows.append(
                {
                    "benchmark": "nyt_editorials",
                    "method": method,
                    "metric": metric,
                    "n": len(snip),
                    "value": float(value),
                    "note": note if metric != "pearson_r" else f"Pearson r of {col} vs mean rating",
                }
            )
    return pd.DataFrame(rows)


def newsmtsc_validation(
    data_dir: str | Path = DATA_DIR, *, threshold: float = LABEL_THRESHOLD
) -> pd.DataFrame:
    """Macro F1 on NewsMTSC rw test: VADER whole sentence (floor), clause window, AFINN.

    Returns:
        Rows of the ``validation_sentiment`` table for ``newsmtsc_rw_test``.
    """
    from sklearn.metrics import f1_score

    data = read_newsmtsc(data_dir)
    gold = data["gold"].to_numpy()
    whole = scores_from_texts(data["sentence"].tolist())
    clauses = []
    for s, a, b in data[["sentence", "start", "end"]].itertuples(index=False, name=None):
        lo, hi = clause_window(s, a, b)
        clauses.append(s[lo:hi] if hi > lo else s)
    clause = scores_from_texts(clauses)
    variants = (
        (
            "vader",
            whole["vader_compound"],
            "VADER compound of the whole sentence (ignores the target)",
        ),
        (
            "vader_clause",
            clause["vader_compound"],
            "VADER compound of the clause around the target",
        ),
        ("afinn", whole["afinn_norm"], "AFINN sign of the whole sentence"),
        ("afinn_clause", clause["afinn_norm"], "AFINN sign of the clause around the target"),
        (
            "vader_political",
            whole["vader_political_compound"],
            "adjusted VADER compound of the whole sentence",
        ),
    )
    rows = []
    for method, x, note in variants:
        pred = label_scores(x, threshold=threshold)
        f = f1_score(gold, pred, average="macro", labels=["negative", "neutral", "positive"])
        rows.append(
            {
                "benchmark": "newsmtsc_rw_test",
                "method": method,
                "metric": "macro_f1",
                "n": len(data),
                "value": float(f),
                "note": f"{note}; class at +-{threshold}; macro F1 over 3 classes",
            }
        )
    return pd.DataFrame(rows)


def validation_sentiment(
    data_dir: str | Path = DATA_DIR, *, threshold: float = LABEL_THRESHOLD
) -> tuple[pd.DataFrame | None, list[str]]:
    """Run every benchmark whose data is present; put published figures beside them.

    Args:
        data_dir: the folder holding the benchmark folders.
        threshold: label threshold.

    Returns:
        ``(table, notes)``: the ``validation_sentiment`` table (None when no
        benchmark data is present) and a message for each skipped benchmark.
    """
    parts, notes, done = [], [], set()
    for bench, func in (
        ("nyt_editorials", nyt_validation),
        ("newsmtsc_rw_test", newsmtsc_validation),
    ):
        try:
            parts.append(func(data_dir, threshold=threshold))
            done.add(bench)
        except ExternalDataMissing as exc:
            notes.append(str(exc))
    if not parts:
        return None, notes
    ours = pd.concat(parts, ignore_index=True)
    pub = pd.DataFrame(PUBLISHED, columns=["benchmark", "method", "metric", "published", "source"])
    pub = pub[pub["benchmark"].isin(done)]
    # re-run figures sit beside our own pearson_r / f1 rows as a second published value
    rerun = pub[pub["metric"].str.endswith("_rerun")].copy()
    pub = pub[~pub["metric"].str.endswith("_rerun")]
    out = ours.merge(pub, on=["benchmark", "method", "metric"], how="outer")
    rerun["metric"] = rerun["metric"].str.removesuffix("_rerun")
    for r in rerun.itertuples(index=False):
        out = pd.concat(
            [
                out,
                pd.DataFrame(
                    [
                        {
                            "benchmark": r.benchmark,
                            "method": f"{r.method} (3.3.2 re-run)",
                            "metric": r.metric,
                            "published": r.published,
                            "source": r.source,
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
    order = {"nyt_editorials": 0, "newsmtsc_rw_test": 1}
    out["_b"] = out["benchmark"].map(order)
    out["_m"] = out["method"].map({m: i for i, m in enumerate(METHOD_ORDER)}).fillna(99)
    out["_k"] = out["metric"].map({m: i for i, m in enumerate(METRIC_ORDER)})
    out = out.sort_values(["_b", "_m", "method", "_k"], kind="stable")
    out = out.drop(columns=["_b", "_m", "_k"])
    out["n"] = out["n"].astype("Int64")
    out["source"] = out["source"].fillna("")
    out["note"] = out["note"].fillna("")
    out = out[list(TABLES["validation_sentiment"]["columns"])].reset_index(drop=True)
    out.attrs.update(
        {
            "label_threshold": threshold,
            "data": {
                "nyt_editorials": str(NYT_FILE) if "nyt_editorials" in done else None,
                "newsmtsc_rw_test": str(NEWSMTSC_FILE) if "newsmtsc_rw_test" in done else None,
            },
            "skipped": notes,
        }
    )
    return out, notes


def validation_value(table: pd.DataFrame, benchmark: str, method: str, metric: str) -> float:
    """One value of the validation table (this run's ``value``), NaN if absent."""
    sel = table[
        (table["benchmark"] == benchmark)
        & (table["method"] == method)
        & (table["metric"] == metric)
    ]["value"]
    return float(sel.iloc[0]) if len(sel) and pd.notna(sel.iloc[0]) else math.nan


def validation_step(ctx) -> dict[str, pd.DataFrame]:
    """Validation step (``framing validate``): ``validation_sentiment`` when data is present.

    With no benchmark data it adds a note (printed by the CLI) and returns nothing, so
    an existing ``results/validation_sentiment.csv`` is left unchanged.
    """
    from analysis.paths import EXTERNAL_DIR

    base = Path(os.environ.get("FRAMING_EXTERNAL", EXTERNAL_DIR))
    table, notes = validation_sentiment(base)
    ctx.notes.extend(f"validation: {n}" for n in notes)
    return {} if table is None else {"validation_sentiment": table}


def load_validation() -> tuple[pd.DataFrame | None, str]:
    """``results/validation_sentiment.csv`` for notebooks, or None with the reason.

    Returns:
        ``(table, message)``; ``message`` is empty when the table exists.
    """
    from analysis.paths import results_dir

    path = results_dir() / "validation_sentiment.csv"
    if not path.exists():
        return None, (
            f"results/{path.name} absent: the benchmark data was not in data/external when "
            "`framing analyze` ran, so the validation figures cannot be shown"
        )
    from analysis.io import read_table

    return read_table(path), ""
