"""Figures drawn from the tables of :mod:`analysis.text.segment`.

Functions: ``plot_segment_composition``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import pandas as pd

from analysis.text.segment import SEGMENT_COLORS, SEGMENTS


def plot_segment_composition(composition: pd.DataFrame, *, fig_id: str = "page-composition"):
    """Stacked horizontal bars: characters per segment label, one bar per outlet.

    Args:
        composition: output of :func:`segment_composition`.
        fig_id: figure id for :func:`analysis.viz.figures.save_figure`.

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import save_figure, style

    style()
    wide = composition.pivot_table(
        index=["article_id", "outlet"], columns="segment", values="n_chars", fill_value=0
    )
    wide = wide[[c for c in SEGMENTS if c in wide.columns]].sort_index(ascending=False)
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(wide) + 1.2))
    left = None
    labels = [f"{o} ({a})" for a, o in wide.index]
    for seg in wide.columns:
        ax.barh(labels, wide[seg], left=left, color=SEGMENT_COLORS[seg], label=seg, height=0.6)
        left = wide[seg] if left is None else left + wide[seg]
    ax.set_xlabel("characters on the page")
    ax.set_title("What each page is made of: article body vs furniture")
    ax.legend(ncols=4, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    save_figure(
        fig,
        fig_id,
        caption="Characters per segment label on each seed page. Only headline and body are "
        "counted as the article by default; bylines, captions, teasers for other articles and "
        "site boilerplate are set aside by the segmentation rules (analysis.text.segment).",
        table=composition,
        source="segment_composition",
    )
    return ax
