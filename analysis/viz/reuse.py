"""Figures drawn from the tables of :mod:`analysis.measures.reuse`.

Functions: ``plot_reuse_matrix``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.viz.figures import SMALL_PT, with_settings


def plot_reuse_matrix(
    reuse_matrix: pd.DataFrame,
    *,
    value: str = "share_reused_a",
    fig_id: str = "reuse-matrix",
    notebook: str | None = None,
    max_articles: int = 12,
):
    """Heatmap of pairwise reuse: row article's authorial words found in the column's.

    With more than ``max_articles`` articles the heatmap is outlet by outlet instead (one
    cell per pair of outlets, its value pooled over the article pairs compared: reused
    words over authorial words, or the mean containment or Jaccard), so that its size does
    not grow with the corpus.

    Args:
        reuse_matrix: the ``reuse_matrix`` table.
        value: ``"share_reused_a"`` (share of the row's authorial words in shared
            passages) or ``"containment"`` (share of its shingles found in the column).
        fig_id: figure id.
        notebook: notebook name recorded with the figure.
        max_articles: the most articles drawn one by one.

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz import figures

    valid = ("share_reused_a", "containment", "jaccard")
    if value not in valid:
        raise ValueError(f"value must be one of {', '.join(valid)}; got {value!r}")
    figures.style()
    names = (
        reuse_matrix.drop_duplicates("article_a_id")
        .set_index("article_a_id")["outlet_a"]
        .sort_index()
    )
    ids = list(names.index)
    by_outlet = len(ids) > max_articles
    if by_outlet:
        m = reuse_matrix
        if value == "share_reused_a":
            agg = m.groupby(["outlet_a", "outlet_b"])[["words_reused_a", "words_a"]].sum()
            cell = agg["words_reused_a"] / agg["words_a"].where(agg["words_a"] > 0)
        else:
            cell = m.groupby(["outlet_a", "outlet_b"])[value].mean()
        # each unordered article pair once (an outlet with itself: both orders are its own)
        once = m[m["article_a_id"] < m["article_b_id"]]
        lo = once[["outlet_a", "outlet_b"]].min(axis=1)
        hi = once[["outlet_a", "outlet_b"]].max(axis=1)
        npairs = once.groupby([lo, hi])["n_passages"].sum()
        ids = sorted(set(m["outlet_a"]) | set(m["outlet_b"]))
        names = pd.Series(ids, index=ids)
        grid = cell.unstack().reindex(index=ids, columns=ids)
        npass = pd.DataFrame(
            [[npairs.get((min(a, b), max(a, b)), 0) for b in ids] for a in ids],
            index=ids,
            columns=ids,
        ).where(grid.notna())
    else:
        grid = reuse_matrix.pivot(index="article_a_id", columns="article_b_id", values=value)
        grid = grid.reindex(index=ids, columns=ids)
    fig, ax = plt.subplots(figsize=(6.5, 5.2))
    im = ax.imshow(
        grid.to_numpy(dtype=float),
        cmap=figures.SEQUENTIAL_CMAP,
        vmin=0,
        vmax=max(0.05, grid.max().max()),
    )
    if not by_outlet:
        npass = reuse_matrix.pivot(
            index="article_a_id", columns="article_b_id", values="n_passages"
        )
        npass = npass.reindex(index=ids, columns=ids)
    top = float(np.nanmax(grid.to_numpy(dtype=float))) if len(ids) > 1 else 0.0
    for i in range(len(ids)):
        for j in range(len(ids)):
            v = grid.iat[i, j]
            if not np.isfinite(v):
                continue
            k = int(npass.iat[i, j])
            label = f"{v:.0%}" + (f"\n{k} passage{'s' if k != 1 else ''}" if k else "")
            color = "black" if top and v > 0.6 * top else "white"  # cividis: light at the top
            ax.text(
                j,
                i,
                label,
                ha="center",
                va="center",
                fontsize=SMALL_PT,
                color=color,
            )
    ticks = list(ids) if by_outlet else [f"{i} {names[i]}" for i in ids]
    ax.set_xticks(range(len(ids)), ticks, rotation=30, ha="right")
    ax.set_yticks(range(len(ids)), ticks)
    ax.grid(False)
    ax.set_xlabel("compared with")
    ax.set_ylabel(
        "outlet (its articles' authorial text)" if by_outlet else "article (its authorial text)"
    )
    what = {
        "share_reused_a": "share of the row article's authorial words in passages shared with the column",
        "containment": "share of the row article's authorial shingles found in the column",
        "jaccard": "Jaccard overlap of authorial shingles",
    }[value]
    cb = fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    cb.set_label(
        {
            "share_reused_a": "share of row article's words reused",
            "containment": "share of row article's shingles in column",
            "jaccard": "Jaccard overlap of shingles",
        }[value]
    )
    ax.set_title(
        "Text reuse between outlets' articles (quotations excluded)"
        if by_outlet
        else "Text reuse between articles (quotations excluded)"
    )
    s = reuse_matrix.attrs
    caption = (
        f"Pairwise text reuse over authorial text (quotations removed): {what}. "
        f"{s.get('shingle_words', 5)}-word shingles chained into passages of at least "
        f"{s.get('min_words', 8)} words. Shared quotations do not count."
    )
    if by_outlet:
        caption += (
            f" {len(names)} outlets: each cell pools the article pairs compared (articles of "
            "the same event), counting every passage once; the diagonal is an outlet's own "
            "articles, where shared wording is often house style."
        )
    figures.save_figure(
        fig,
        fig_id,
        caption=caption,
        table=with_settings(reuse_matrix, reuse_matrix.attrs, figure={"value": value}),
        source="reuse_matrix",
        **({"notebook": notebook} if notebook else {}),
    )
    return ax
