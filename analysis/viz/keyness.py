"""Figures drawn from the tables of :mod:`analysis.measures.keyness`.

Functions: ``plot_keyness``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.errors import check_choice
from analysis.measures.keyness import SCOPES
from analysis.viz.figures import SMALL_PT, with_settings

MAX_PLOT_POINTS = 1000
"""At most this many terms are drawn per keyness figure (those with the largest |z|)."""


def _label_points(ax, labelled: pd.DataFrame, all_z: pd.Series) -> None:
    """Label points; terms at the same spot share one label; labels are nudged apart."""
    groups = (
        labelled.assign(key=list(zip(labelled["freq"], labelled["z"].round(6), strict=True)))
        .groupby("key", sort=False)["term"]
        .apply(list)
    )
    span = float(all_z.max() - all_z.min()) or 1.0
    step = 0.045 * span
    placed: list[tuple[float, float]] = []
    for (freq, z), terms in sorted(groups.items(), key=lambda kv: (-abs(kv[0][1]), kv[0])):
        terms = sorted(terms)
        text = ", ".join(terms[:3]) + (f" (+{len(terms) - 3})" if len(terms) > 3 else "")
        lx, y = float(np.log10(freq)), float(z)
        direction = -1 if z >= 0 else 1
        while any(abs(lx - px) < 0.35 and abs(y - py) < step for px, py in placed):
            y += direction * step
        placed.append((lx, y))
        ax.annotate(
            text,
            (freq, z),
            xytext=(freq * 1.06, y),
            textcoords="data",
            fontsize=SMALL_PT,
            va="center",
            arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5} if y != z else None,
        )


def plot_keyness(
    keyness_table: pd.DataFrame,
    outlet: str,
    *,
    scope: str = "authorial",
    n_labels: int = 12,
    fig_id: str | None = None,
    notebook: str | None = None,
    ax=None,
):
    """Scattertext-style static plot: term frequency (x, log) against z (y).

    The ``n_labels`` terms with the highest z and the ``n_labels // 2`` with the lowest
    z are labelled, leaving out terms made only of stop words (scikit-learn's English
    list), which are drawn but would crowd out the content words. Saved as ``keyness-<outlet-slug>-<scope>`` unless ``fig_id`` given,
    the slug unique among the table's outlets (:func:`analysis.viz.figures.unique_slugs`).

    Args:
        keyness_table: the ``keyness`` table.
        outlet: the outlet to plot.
        scope: one of ``SCOPES``.
        n_labels: number of high-z terms labelled.
        fig_id: figure id override.
        notebook: notebook name recorded in the caption JSON.
        ax: optional Axes to draw on (then the figure is not saved).

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz import figures

    check_choice("scope", scope, SCOPES)
    sub = keyness_table[(keyness_table["scope"] == scope) & (keyness_table["outlet"] == outlet)]
    if sub.empty:
        valid = sorted(keyness_table["outlet"].unique())
        raise ValueError(f"outlet must be one of {', '.join(valid)}; got {outlet!r}")
    figures.style()
    save = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 5.5))
    else:
        fig = ax.figure
    sub = sub.assign(freq=sub["count_outlet"] + sub["count_rest"])
    n_terms = len(sub)
    if n_terms > MAX_PLOT_POINTS:  # a large corpus: the terms that matter, drawn fast
        order = sub.assign(_abs=-sub["z"].abs()).sort_values(["_abs", "term"], kind="stable")
        sub = sub.loc[order.index[:MAX_PLOT_POINTS]]
    color = figures.outlet_colors(sorted(keyness_table["outlet"].unique()))[outlet]
    jitter = 1 + 0.04 * (sub["ngram"] - 1)
    for n, marker in ((1, "o"), (2, "s")):
        part = sub[sub["ngram"] == n]
        ax.scatter(
            part["freq"] * jitter[part.index],
            part["z"],
            s=12,
            marker=marker,
            color=color,
            alpha=0.45,
            linewidths=0,
            label="unigram" if n == 1 else "bigram",
        )
    part = sub[sub["ngram"] > 2]
    if len(part):
        ax.scatter(part["freq"], part["z"], s=20, marker="^", color="black", label="kept phrase")
    ax.set_xscale("log")
    ax.axhline(0, color="0.5", lw=0.6)
    for lim in (1.96, -1.96):
        ax.axhline(lim, color="0.7", lw=0.6, ls=":")
    # labels name content words: a term made only of stop words ("to", "of the") is drawn
    # but not labelled (issue 14: the top labels were function words)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    content = sub[~sub["term"].map(lambda t: all(w in ENGLISH_STOP_WORDS for w in t.split()))]
    top = content.sort_values(["z", "term"], ascending=[False, True], kind="stable").head(n_labels)
    low = content.sort_values(["z", "term"], kind="stable").head(max(n_labels // 2, 0))
    _label_points(ax, pd.concat([top, low]), sub["z"])
    ax.set_xlabel("term frequency in the whole corpus (log scale)")
    ax.set_ylabel(f"z (log-odds ratio, {outlet} vs rest)")
    a0 = float(sub["prior_strength"].iloc[0])
    ax.set_title(f"Distinctive terms: {outlet} ({scope} text, prior a0={a0:g})")
    ax.legend(loc="lower right", frameon=False)
    if save:
        slugs = figures.unique_slugs(keyness_table["outlet"].unique())
        fid = fig_id or f"keyness-{slugs[outlet]}-{scope}"
        caption = (
            f"Fightin' Words log-odds z-score (Monroe, Colaresi & Quinn 2008) of each "
            f"unigram/bigram for {outlet} against the other outlets pooled, over "
            f"{scope} body text, against its corpus frequency. Prior strength a0={a0:g} "
            f"from the pooled corpus; dotted lines at |z|=1.96 are a visual guide only: "
            f"with five short articles z-scores are descriptive, not tests."
            + (
                f" Drawn: the {len(sub):,} of {n_terms:,} terms with the largest |z| (all are "
                "in the table)."
                if n_terms > len(sub)
                else ""
            )
        )
        cols = ["outlet", "scope", "term", "ngram", "count_outlet", "count_rest", "delta"]
        cols += ["variance", "z", "prior_strength"]
        figures.save_figure(
            fig,
            fid,
            caption=caption,
            table=with_settings(
                sub[cols].sort_values(
                    ["z", "term", "ngram"], ascending=[False, True, True], kind="stable"
                ),
                keyness_table.attrs,
                figure={
                    "outlet": outlet,
                    "scope": scope,
                    "n_labels": n_labels,
                    "x": "count_outlet + count_rest (log)",
                    "y": "z",
                },
            ),
            source="keyness",
            **({"notebook": notebook} if notebook else {}),
        )
    return ax
