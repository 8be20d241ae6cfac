"""Figures drawn from the tables of :mod:`analysis.text.segment`.

Functions: ``plot_segment_composition``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import pandas as pd

from analysis.text.segment import SEGMENT_COLORS, SEGMENTS


def plot_segment_composition(
    composition: pd.DataFrame, *, fig_id: str = "page-composition", max_bars: int = 20
):
    """Stacked horizontal bars: characters per segment label, one bar per article.

    With more than ``max_bars`` articles, one bar per outlet instead (characters summed
    over its articles), so the figure does not grow with the corpus.

    Args:
        composition: output of :func:`segment_composition`.
        fig_id: figure id for :func:`analysis.viz.figures.save_figure`.
        max_bars: the most articles drawn one bar each.

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
    by_outlet = len(wide) > max_bars
    if by_outlet:
        n_articles = composition.groupby("outlet")["article_id"].nunique()
        wide = wide.groupby(level="outlet").sum().sort_index(ascending=False)
        labels = [
            f"{o} ({int(n_articles[o])} article{'s' if n_articles[o] != 1 else ''})"
            for o in wide.index
        ]
    else:
        labels = [f"{o} ({a})" for a, o in wide.index]
    fig, ax = plt.subplots(figsize=(6.5, 0.45 * len(wide) + 1.2))
    left = None
    for seg in wide.columns:
        ax.barh(labels, wide[seg], left=left, color=SEGMENT_COLORS[seg], label=seg, height=0.6)
        left = wide[seg] if left is None else left + wide[seg]
    ax.set_xlabel("characters on the page")
    ax.set_title(
        "What each outlet's pages are made of: article body vs furniture"
        if by_outlet
        else "What each page is made of: article body vs furniture"
    )
    ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.25))
    save_figure(
        fig,
        fig_id,
        caption=(
            "Characters per segment label, summed over each outlet's pages"
            if by_outlet
            else "Characters per segment label on each seed page"
        )
        + ". Only headline and body are "
        "counted as the article by default; bylines, captions, teasers for other articles and "
        "site boilerplate are set aside by the segmentation rules (analysis.text.segment).",
        table=composition,
        source="segment_composition",
    )
    return ax
