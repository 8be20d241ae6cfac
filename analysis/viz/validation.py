"""Figures drawn from the tables of :mod:`analysis.validation.benchmarks`.

Functions: ``plot_validation_summary``.
"""

from __future__ import annotations

import pandas as pd

from analysis.validation.benchmarks import BENCHMARKS


def plot_validation_summary(summary: pd.DataFrame, *, fig_id: str = "validation-ours-vs-published"):
    """Dot plot: this project's value beside the published figure and the target.

    One row per method, benchmark and metric of :func:`validation_summary` that has our
    value and a published figure or a target (all metrics lie in 0..1): a filled circle
    for ours, an open diamond for the published figure, a bar for the target.

    Args:
        summary: the :func:`validation_summary` table.
        fig_id: figure id.

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import (
        plain_table,
        save_empty_figure,
        save_figure,
        style,
    )

    caption = (
        "Each method on its public human-annotated benchmark: our value (filled circle), "
        "the published figure it is set beside (open diamond: the method's own where the "
        "paper reports one, else the best published model, or for the NYT ridge the "
        "individual human raters; named in the table's notes) and the target set for the "
        "learned models (bar). Combined from results/validation_sentiment.csv and "
        "results/validation_learned.csv by analysis.validation_summary; rows "
        "with no published figure and no target are in the table only."
    )
    table = summary[
        summary["ours"].notna() & (summary["published"].notna() | summary["target"].notna())
    ]
    table = plain_table(
        table[["benchmark", "method", "metric", "ours", "published", "target", "n"]]
    )
    if table.empty:
        return save_empty_figure(
            fig_id, "no validation table in this run", caption=caption, table=table,
            source="validation_learned",
        )  # fmt: skip
    style()
    labels = [
        f"{BENCHMARKS.get(r.benchmark, r.benchmark).split(' (')[0]} · {r.metric}\n{r.method}"
        for r in table.itertuples()
    ]
    y = list(range(len(table)))[::-1]
    # one report column (760 px): two-line row labels, see figures.text_size
    fig, ax = plt.subplots(figsize=(4.4, 0.5 * len(table) + 1.3))
    for yy in y:
        ax.axhline(yy, color="#dddddd", lw=0.6, zorder=0)
    ax.scatter(table["published"], y, marker="D", s=36, facecolors="none",
               edgecolors="#D55E00", linewidths=1.4, label="published", zorder=3)  # fmt: skip
    ax.scatter(table["target"], y, marker="|", s=160, color="#000000", linewidths=1.6,
               label="target", zorder=2)  # fmt: skip
    ax.scatter(table["ours"], y, marker="o", s=30, color="#0072B2", label="ours", zorder=4)
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 1)
    ax.set_xlabel("score (0-1; the benchmark's metric)")
    ax.set_title("Our methods against their benchmarks,\nbeside the published figures")
    ax.legend(loc="lower left")
    fig.tight_layout()
    save_figure(
        fig,
        fig_id,
        caption=caption,
        table=table,
        source="validation_learned",
    )
    return ax
