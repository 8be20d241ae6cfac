"""Figures drawn from the tables of :mod:`analysis.measures.sources`.

Functions: ``plot_source_shares``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.measures.sources import SIDE_ORDER
from analysis.viz.figures import SMALL_PT


def plot_source_shares(
    selection: pd.DataFrame,
    summary: pd.DataFrame | None = None,
    *,
    outlets: list[str] | None = None,
    fig_id: str = "source-shares-by-side",
    save: bool = True,
):
    """Stacked bars per outlet: share of quoted words by side of the speaker.

    Args:
        selection: :func:`source_selection` output (rows with ``by == "side"`` are used).
        summary: :func:`source_summary` output, to annotate quoted words and sources.
        outlets: row order (default: canonical outlet order).
        fig_id: figure id.
        save: save through :func:`analysis.viz.figures.save_figure`.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import OKABE_ITO, outlet_order, save_figure, style

    style()
    side = selection[(selection["by"] == "side") & (selection["n_quotes"] > 0)]
    order = outlets or [o for o in outlet_order() if o in set(side["outlet"])]
    order += [o for o in dict.fromkeys(side["outlet"]) if o not in order]
    sides = [s for s in SIDE_ORDER if s in set(side["source"])]
    sides += sorted(set(side["source"]) - set(sides))
    palette = dict(zip(SIDE_ORDER[:7], [OKABE_ITO[i] for i in (3, 5, 4, 1, 6, 2, 0)], strict=True))
    palette.update({"anonymous": "#999999", "unattributed": "#DDDDDD"})
    table = side.pivot_table(
        index="outlet", columns="source", values="share_quoted_words", fill_value=0
    ).reindex(index=order, columns=sides, fill_value=0)
    # one report column (760 px) with the two-line outlet labels: see figures.text_size
    fig, ax = plt.subplots(figsize=(4.6, 0.6 * len(order) + 1.6))
    left = np.zeros(len(order))
    for sname in sides:
        vals = table[sname].to_numpy()
        ax.barh(range(len(order)), vals, left=left, color=palette.get(sname, "#777777"),
                label=sname.replace("_", " ").capitalize(), edgecolor="white")  # fmt: skip
        for i, v in enumerate(vals):
            if v >= 0.08:
                ax.text(left[i] + v / 2, i, f"{v:.0%}", ha="center", va="center", fontsize=SMALL_PT)
        left += vals
    labels = order
    if summary is not None:
        s = summary.set_index("outlet")
        labels = [
            f"{o}\n{int(s.loc[o, 'quoted_words'])} quoted words, {int(s.loc[o, 'n_sources'])} sources"
            if o in s.index
            else o
            for o in order
        ]
    ax.set_yticks(range(len(order)), labels, fontsize=SMALL_PT)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of quoted words (headline + body)")
    ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.4, -0.14))
    ax.set_title("Whose words each outlet quotes, by side of the speaker")
    if save:
        out = table.reset_index().melt(id_vars="outlet", var_name="side", value_name="share")
        save_figure(
            fig,
            fig_id,
            caption=(
                "Share of each outlet's quoted words (inside quotation marks, headline and "
                "body) by the side of the speaker, from rule-based attribution. Anonymous: "
                "unnamed sources; unattributed: no speaker in the text (scare quotes). One "
                "article per outlet, so shares rest on a few quotations."
            ),
            table=out,
            source="source_selection",
        )
    return ax
