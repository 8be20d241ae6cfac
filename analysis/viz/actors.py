"""Figures drawn from the tables of :mod:`analysis.extract.actors`.

Functions: ``plot_first_mention_labels``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import pandas as pd

from analysis.extract.actors import actor_labels, load_actors
from analysis.viz.figures import SMALL_PT


def plot_first_mention_labels(
    naming: pd.DataFrame,
    *,
    actors: list[str] | None = None,
    outlets: list[str] | None = None,
    fig_id: str = "actor-first-mention-labels",
    save: bool = True,
):
    """Matrix of outlets x main actors; each cell holds the first-mention label.

    Cells are shaded by the number of mentions (cividis, light to dark) and show the
    first body mention as the reader meets it, with the mention count.

    Args:
        naming: :func:`actor_naming` output.
        actors: actor ids as columns (default: people named in the body of at least two
            outlets, most widely named first).
        outlets: row order (default: canonical outlet order).
        fig_id: figure id.
        save: save through :func:`analysis.viz.figures.save_figure`.
    """
    import textwrap

    import matplotlib.pyplot as plt
    import numpy as np

    from analysis.viz.figures import SEQUENTIAL_CMAP, outlet_order, save_figure, style

    style()
    if actors is None:
        persons = set(load_actors().query("kind == 'person'")["actor"])
        cand = naming[naming["actor"].isin(persons) & (naming["first_label"] != "")]
        by = cand.groupby("actor").agg(k=("outlet", "nunique"), n=("n_mentions", "sum"))
        by = by[by["k"] >= 2].reset_index()
        by = by.sort_values(["k", "n", "actor"], ascending=[False, False, True], kind="stable")
        by = by.set_index("actor")
        actors = list(by.index)
    order = outlets or [o for o in outlet_order() if o in set(naming["outlet"])]
    order += [o for o in dict.fromkeys(naming["outlet"]) if o not in order]
    # one cell per outlet x actor: with several articles per outlet, the first mention
    # in its first article (by id) and the mentions of all its articles
    per = naming[naming["actor"].isin(actors)].sort_values("article_id", kind="stable")
    per = per.groupby(["outlet", "actor"], sort=False).agg(
        first_label=("first_label", "first"),
        n_mentions=("n_mentions", "sum"),
        first_sentence_id=("first_sentence_id", "first"),
    )
    table = per.reindex(
        pd.MultiIndex.from_product([order, actors], names=["outlet", "actor"])
    ).reset_index()
    table["first_label"] = table["first_label"].fillna("")
    table["n_mentions"] = table["n_mentions"].fillna(0).astype(int)
    table["first_sentence_id"] = table["first_sentence_id"].fillna("")
    grid = table.pivot(index="outlet", columns="actor", values="n_mentions").loc[order, actors]
    # one column of the report (760 px): the cells share the width, labels wrap to fit
    col = min(2.3, 5.6 / max(len(actors), 1))
    wrap = max(10, int(col * 72 / (SMALL_PT * 0.55)) - 4)
    fig, ax = plt.subplots(figsize=(col * len(actors) + 1.5, 0.85 * len(order) + 1))
    shade = np.ma.masked_equal(np.log1p(grid.to_numpy(float)), 0)
    ax.imshow(shade, cmap=SEQUENTIAL_CMAP, aspect="auto", alpha=0.35, vmin=0)
    for r in table.itertuples(index=False):
        i, j = order.index(r.outlet), actors.index(r.actor)
        txt = "\n".join(textwrap.wrap(r.first_label, wrap)) if r.first_label else "(not in body)"
        ax.text(j, i, f"{txt}\n[{r.n_mentions}]", ha="center", va="center", fontsize=SMALL_PT)
    names = actor_labels(actors)  # human labels, not ids (issue 14)
    ax.set_xticks(range(len(actors)), ["\n".join(textwrap.wrap(names[a], wrap)) for a in actors])
    ax.set_yticks(range(len(order)), order)
    ax.xaxis.tick_top()
    ax.set_title("First mention in the body [mentions in headline + body]")
    if save:
        save_figure(
            fig,
            fig_id,
            caption=(
                "How each outlet first names the main actors in its body text (captions and "
                "teasers excluded); brackets: mentions in headline and body; shading: log "
                "mention count (white: not named in the body). Labels are the raw text from the "
                "descriptor found by rule to the end of the name."
            ),
            table=table,
            source="actor_naming",
        )
    return ax
