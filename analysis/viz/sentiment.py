"""Figures drawn from the tables of :mod:`analysis.extract.sentiment`.

Functions: ``plot_actor_heatmap``, ``plot_headline_vs_body``, ``plot_sentence_distribution``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.errors import check_choices
from analysis.extract.actors import actor_label  # noqa: F401  (re-exported: figures label actors)
from analysis.extract.sentiment import (
    DEFAULT_SEGMENTS,
    METHOD_NAMES,
    METHODS,
    MIN_CELL_N,
    SCORE_COLUMN,
    VOICES,
    WINDOWS,
)
from analysis.viz.figures import SMALL_PT, outlets_in_order


# ----------------------------------------------------------------------------- plots
def plot_sentence_distribution(
    scores: pd.DataFrame,
    outlet_stats: pd.DataFrame,
    *,
    method: str = "vader",
    segment_group: str = "body",
    fig_id: str = "sentiment-sentence-distribution",
):
    """Sentence scores per outlet (points) with the mean and its 95% CI, by voice.

    Three panels side by side, one per voice of the voice model (docs/voice.md): the
    outlet's own sentences (authorial), sentences mostly quotation (quoted) and mostly
    reported speech (reported). Each point is one sentence; the black bar is the
    bootstrap 95% interval of the mean, the diamond the mean; n is printed at the right.

    Args:
        scores: the ``sentiment_sentences`` table.
        outlet_stats: the ``sentiment_outlets`` table.
        method: one of :data:`METHODS`.
        segment_group: ``body`` or ``headline``.
        fig_id: figure id.

    Returns:
        The array of three Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import outlet_colors, save_figure, style

    check_choices("method", method, METHODS)
    style()
    segs = outlet_stats.attrs.get("segments", list(DEFAULT_SEGMENTS))
    segs = ["headline"] if segment_group == "headline" else segs
    pts = scores[scores["segment"].isin(segs)]
    st = outlet_stats[
        (outlet_stats["level"] == "outlet")
        & (outlet_stats["segment_group"] == segment_group)
        & (outlet_stats["method"] == method)
    ]
    outlets = [o for o in _outlets_by_article(scores) if o in set(st["outlet"])]
    colors = outlet_colors(outlets)
    col = SCORE_COLUMN[method]
    # one report column (760 px): three narrow panels, three x ticks each
    fig, axes = plt.subplots(1, 3, figsize=(7.6, 0.55 * len(outlets) + 1.4), sharey=True)
    rng = np.random.default_rng(0)
    table = []
    for ax, voice in zip(axes, ("authorial", "quoted", "reported"), strict=True):
        for i, outlet in enumerate(outlets):
            sub = pts[(pts["outlet"] == outlet) & (pts["voice"] == voice)]
            y = i + rng.uniform(-0.18, 0.18, len(sub))
            ax.scatter(sub[col], y, s=14, color=colors[outlet], alpha=0.7, linewidths=0)
            got = st[(st["outlet"] == outlet) & (st["voice"] == voice)]
            row = got.iloc[0] if len(got) else {"n_sentences": 0, "mean_score": math.nan,
                                                "ci_low": math.nan, "ci_high": math.nan}  # fmt: skip
            if row["n_sentences"]:
                ax.plot([row["ci_low"], row["ci_high"]], [i, i], color="black", lw=1.6)
                ax.plot(row["mean_score"], i, marker="D", color="black", ms=5)
            ax.text(1.04, i, f"n={row['n_sentences']}", va="center", fontsize=SMALL_PT)
            for r in sub.itertuples(index=False):
                table.append(
                    {
                        "outlet": outlet,
                        "voice": voice,
                        "sentence_id": r.sentence_id,
                        "score": getattr(r, col),
                        "mean_score": row["mean_score"],
                        "ci_low": row["ci_low"],
                        "ci_high": row["ci_high"],
                        "n_sentences": row["n_sentences"],
                    }
                )
        ax.axvline(0, color="0.6", lw=0.8, ls=":")
        ax.set_xlim(-1.05, 1.45)
        ax.set_xticks([-1, 0, 1], ["−1", "0", "+1"])
        ax.set_title(
            {
                "authorial": "outlet's own voice",
                "quoted": "mostly quotation",
                "reported": "mostly reported speech",
            }[voice]
        )
        ax.set_xlabel(f"{method} sentence score")
    axes[0].set_yticks(range(len(outlets)), outlets)
    axes[0].invert_yaxis()
    fig.tight_layout()
    save_figure(
        fig,
        fig_id,
        caption=(
            f"{METHOD_NAMES[method]} score of every {segment_group} sentence per outlet (points), with the "
            "mean (diamond) and its seeded bootstrap 95% interval (bar); left the outlet's "
            "own sentences, then sentences mostly inside quotation marks, then sentences mostly "
            "reported speech (at least half of a sentence's characters quoted or reported; "
            "voice model: docs/voice.md). n = sentences."
        ),
        table=pd.DataFrame(table),
        source="sentiment_sentences",
    )
    return axes


def plot_actor_heatmap(
    actor_stats: pd.DataFrame,
    *,
    method: str = "vader",
    window: str = "sentence",
    voice: str = "all",
    fig_id: str = "sentiment-actor-heatmap",
):
    """Actor x outlet heatmap of mean actor-targeted score, each cell annotated with n.

    Args:
        actor_stats: the ``sentiment_actors`` table.
        method: one of :data:`METHODS`.
        window: ``sentence`` or ``clause``.
        voice: ``all``, ``authorial`` or ``quoted``.
        fig_id: figure id.

    Returns:
        The Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import DIVERGING_CMAP, annotated_heatmap, save_figure, style

    check_choices("method", method, METHODS)
    check_choices("window", window, WINDOWS)
    check_choices("voice", voice, VOICES)
    style()
    sub = actor_stats[
        (actor_stats["method"] == method)
        & (actor_stats["window"] == window)
        & (actor_stats["voice"] == voice)
    ]
    mean = sub.pivot(index="actor", columns="outlet", values="mean_score")
    n = sub.pivot(index="actor", columns="outlet", values="n_sentences").fillna(0).astype(int)
    tot = n.sum(axis=1)
    order = tot.index[np.lexsort((tot.index.to_numpy(dtype=str), -tot.to_numpy()))]
    outlets = [o for o in _outlets_by_article(sub) if o in mean.columns]
    mean, n = mean.loc[order, outlets], n.loc[order, outlets]
    # at most one report column (760 px): see analysis.viz.figures.text_size
    fig, ax = plt.subplots(figsize=(min(1.3 * len(outlets) + 2.5, 6.4), 0.42 * len(order) + 1.5))
    cells = list(zip(n.to_numpy().tolist(), mean.to_numpy(dtype=float).tolist(), strict=True))
    # a cell resting on fewer than MIN_CELL_N sentences is not coloured (it would dominate)
    few = n.to_numpy() < MIN_CELL_N
    im = annotated_heatmap(
        ax,
        np.where(few, np.nan, mean.to_numpy(dtype=float)),
        [
            [
                "" if k == 0 else (f"n={k}" if k < MIN_CELL_N else f"{m:+.2f}\nn={k}")
                for k, m in zip(*c, strict=True)
            ]
            for c in cells
        ],
        colors=[
            [
                "0.45" if k < MIN_CELL_N else ("white" if abs(m) > 0.6 else "black")
                for k, m in zip(*c, strict=True)
            ]
            for c in cells
        ],
        xticklabels=outlets,
        yticklabels=[actor_label(a) for a in order],
        cmap=DIVERGING_CMAP,
        vmin=-1,
        vmax=1,
    )
    fig.colorbar(im, ax=ax, label=f"mean {METHOD_NAMES[method]} score", shrink=0.8)
    ax.set_title(f"Sentiment of {window}s mentioning each actor ({voice} voices)")
    fig.tight_layout()
    table = sub[["actor", "outlet", "n_sentences", "n_mentions", "mean_score", "ci_low", "ci_high"]]
    table = pd.DataFrame(table.to_dict("list"))  # no attrs: figures/ gets no settings file
    save_figure(
        fig,
        fig_id,
        caption=(
            f"Mean {METHOD_NAMES[method]} score of the body {window}s that mention each actor, per outlet "
            f"({voice} voices); n = {window}s. Blank cells: no mention; cells with fewer "
            f"than {MIN_CELL_N} {window}s show only n (their mean is in the table). A "
            f"{window} score is not a stance toward the actor: the whole window is scored."
        ),
        table=table.reset_index(drop=True),
        source="sentiment_actors",
    )
    return ax


def plot_headline_vs_body(
    outlet_stats: pd.DataFrame,
    *,
    method: str = "vader",
    fig_id: str = "sentiment-headline-vs-body",
):
    """Per article: headline score against the mean body-sentence score with its CI.

    Args:
        outlet_stats: the ``sentiment_outlets`` table.
        method: one of :data:`METHODS`.
        fig_id: figure id.

    Returns:
        The Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import outlet_colors, save_figure, style

    check_choices("method", method, METHODS)
    style()
    st = outlet_stats[
        (outlet_stats["level"] == "article")
        & (outlet_stats["voice"] == "all")
        & (outlet_stats["method"] == method)
    ]
    body = st[st["segment_group"] == "body"].set_index("article_id")
    head = st[st["segment_group"] == "headline"].set_index("article_id")
    ids = sorted(body.index)
    colors = outlet_colors([body.loc[a, "outlet"] for a in ids])
    fig, ax = plt.subplots(figsize=(7, 0.55 * len(ids) + 1.3))
    rows = []
    for i, a in enumerate(ids):
        b = body.loc[a]
        c = colors[b["outlet"]]
        ax.plot([b["ci_low"], b["ci_high"]], [i, i], color=c, lw=2)
        ax.plot(b["mean_score"], i, "o", color=c, ms=7)
        h = head.loc[a] if a in head.index else None
        has_head = h is not None and h["n_sentences"] > 0
        if has_head:
            ax.plot(
                h["mean_score"],
                i,
                "s",
                mfc="white",
                mec=c,
                mew=1.8,
                ms=8,
            )
        else:
            ax.text(1.02, i, "no headline", va="center", fontsize=SMALL_PT, color="0.4")
        rows.append(
            {
                "article_id": a,
                "outlet": b["outlet"],
                "body_n": int(b["n_sentences"]),
                "body_mean": b["mean_score"],
                "body_ci_low": b["ci_low"],
                "body_ci_high": b["ci_high"],
                "headline_n": int(h["n_sentences"]) if h is not None else 0,
                "headline_score": h["mean_score"] if has_head else math.nan,
            }
        )
    missing = [r["article_id"] for r in rows if not r["headline_n"]]
    ax.axvline(0, color="0.6", lw=0.8, ls=":")
    ax.set_xlim(-1.05, 1.25)
    ax.set_yticks(range(len(ids)), [f"{body.loc[a, 'outlet']} ({a})" for a in ids])
    ax.invert_yaxis()
    ax.set_xlabel(f"{METHOD_NAMES[method]} score")
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color="0.3", marker="o", lw=2, label="body mean (95% CI)"),
        Line2D([], [], color="0.3", marker="s", mfc="white", lw=0, ms=8, label="headline"),
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=SMALL_PT
    )
    ax.set_title("Headline against body")
    fig.tight_layout()
    save_figure(
        fig,
        fig_id,
        caption=(
            f"Per article: {METHOD_NAMES[method]} score of the headline (open square) against the mean "
            "score of the body sentences (dot) with its seeded bootstrap 95% interval."
            + (f" No headline in the file: {', '.join(missing)}." if missing else "")
        ),
        table=pd.DataFrame(rows),
        source="sentiment_outlets",
    )
    return ax


def _outlets_by_article(df: pd.DataFrame) -> list[str]:
    """The table's outlets in the canonical order; unknown ones in article order."""
    if "article_id" in df.columns:
        return outlets_in_order(df.sort_values("article_id", kind="stable")["outlet"])
    return outlets_in_order(sorted(df["outlet"].unique()))
