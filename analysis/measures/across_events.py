"""Outlets compared within events, then pooled: the event as a block.

Pooled over many stories, an outlet's mean tone mixes how it framed a story with which
stories it chose (on a 300-article corpus the event explained 67% of the variance in
article tone, the outlet 1%). Here every comparison is made inside an event first:

1. ``outlet_events``: the outlet x event matrix, one row per pair (including outlets
   that did not cover the event, ``covered = False``): articles, body sentences, mean
   VADER compound of the body sentences and the share of negative ones;
2. ``outlet_event_effects``: per outlet, the paired difference in each event it shares
   with at least one other outlet (its mean minus the mean of the other outlets' means
   in that event), averaged over those events, with a percentile-bootstrap interval
   that resamples *events* (the independent units), not sentences.

With one event (the seeds) there is one difference per outlet and no interval: the data
cannot say whether it would hold on another story.

References:
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman &
    Hall (percentile intervals; resampling the independent units, here events).
    Hutto, C. J., & Gilbert, E. (2014). VADER: a parsimonious rule-based model for
    sentiment analysis of social media text. *ICWSM-14*.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.text.events import article_event_map

DEFAULT_N_BOOT = 2000
DEFAULT_SEED = 20240620

TABLES = {
    "outlet_events": {
        "description": (
            "The outlet x event matrix: which outlet covered which event, and its tone "
            "there (body sentences, VADER compound)."
        ),
        "columns": {
            "event": "event id (analysis.text.events)",
            "outlet": "outlet",
            "covered": "True if the outlet has an article in the event",
            "n_articles": "the outlet's articles in the event",
            "n_sentences": "their body sentences",
            "mean_compound": "mean VADER compound of those sentences (empty if none)",
            "share_negative": "share of those sentences labelled negative by VADER",
        },
    },
    "outlet_event_effects": {
        "description": (
            "Tone per outlet compared within events and pooled: the mean over events of "
            "(outlet's mean compound - mean of the other outlets' means in the same event), "
            "with a bootstrap interval over events."
        ),
        "columns": {
            "outlet": "outlet",
            "n_events": "events the outlet shares with at least one other outlet",
            "n_sentences": "the outlet's body sentences in those events",
            "mean_difference": "mean paired difference in compound (positive: warmer than "
            "the other outlets on the same stories)",
            "ci_low": "2.5% percentile of the mean over event resamples (empty if n_events < 2)",
            "ci_high": "97.5% percentile (empty if n_events < 2)",
            "min_difference": "the lowest per-event difference",
            "max_difference": "the highest per-event difference",
        },
    },
}


def outlet_events(
    sentiment_sentences: pd.DataFrame,
    articles: pd.DataFrame,
    events: dict[str, str],
    *,
    segments: tuple[str, ...] = ("body",),
) -> pd.DataFrame:
    """The ``outlet_events`` table (see ``TABLES``), sorted by event then outlet."""
    arts = articles[["article_id", "outlet"]].astype(str).copy()
    arts["event"] = arts["article_id"].map(events)
    n_art = arts.groupby(["event", "outlet"]).size().rename("n_articles")
    s = sentiment_sentences[sentiment_sentences["segment"].isin(segments)].copy()
    s["event"] = s["article_id"].astype(str).map(events)
    s["neg"] = s["vader_label"].eq("negative")
    tone = s.groupby(["event", "outlet"]).agg(
        n_sentences=("vader_compound", "size"),
        mean_compound=("vader_compound", "mean"),
        share_negative=("neg", "mean"),
    )
    grid = pd.MultiIndex.from_product(
        [sorted(arts["event"].unique()), sorted(arts["outlet"].unique())],
        names=["event", "outlet"],
    )
    out = pd.DataFrame(index=grid).join(n_art).join(tone).reset_index()
    out["n_articles"] = out["n_articles"].fillna(0).astype(int)
    out["n_sentences"] = out["n_sentences"].fillna(0).astype(int)
    out["covered"] = out["n_articles"] > 0
    out = out[list(TABLES["outlet_events"]["columns"])]
    out.attrs.update({"score": "vader_compound", "segments": list(segments)})
    return out


def outlet_event_effects(
    matrix: pd.DataFrame, *, n_boot: int = DEFAULT_N_BOOT, seed: int = DEFAULT_SEED
) -> pd.DataFrame:
    """The ``outlet_event_effects`` table from the ``outlet_events`` matrix.

    Args:
        matrix: the ``outlet_events`` table.
        n_boot: bootstrap resamples of events.
        seed: seed of the resampling (deterministic output).
    """
    scored = matrix[matrix["covered"] & matrix["mean_compound"].notna()]
    rows = []
    rng = np.random.default_rng(seed)
    for outlet in sorted(scored["outlet"].unique()):
        diffs, n_sent = [], 0
        for _event, grp in scored.groupby("event", sort=True):
            if outlet not in set(grp["outlet"]) or grp["outlet"].nunique() < 2:
                continue
            mine = grp.loc[grp["outlet"] == outlet]
            others = grp.loc[grp["outlet"] != outlet, "mean_compound"].mean()
            diffs.append(float(mine["mean_compound"].iloc[0]) - float(others))
            n_sent += int(mine["n_sentences"].iloc[0])
        if not diffs:
            continue
        d = np.asarray(diffs)
        lo = hi = np.nan
        if len(d) >= 2:
            idx = rng.integers(0, len(d), size=(n_boot, len(d)))
            means = d[idx].mean(axis=1)
            lo, hi = (float(q) for q in np.quantile(means, [0.025, 0.975]))
        rows.append(
            {
                "outlet": outlet,
                "n_events": len(d),
                "n_sentences": n_sent,
                "mean_difference": float(d.mean()),
                "ci_low": lo,
                "ci_high": hi,
                "min_difference": float(d.min()),
                "max_difference": float(d.max()),
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["outlet_event_effects"]["columns"]))
    out.attrs.update(
        {
            "score": matrix.attrs.get("score", "vader_compound"),
            "difference": "outlet mean minus the mean of the other outlets' means, per event",
            "interval": "percentile bootstrap over events (resampling events with replacement)",
            "n_boot": int(n_boot),
            "seed": int(seed),
        }
    )
    return out


def across_events_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``outlet_events`` and ``outlet_event_effects``."""
    matrix = outlet_events(
        ctx.tables["sentiment_sentences"], ctx.tables["articles"], article_event_map(ctx.tables)
    )
    return {"outlet_events": matrix, "outlet_event_effects": outlet_event_effects(matrix)}
