"""Figures drawn from the tables of :mod:`analysis.extract.voice`.

Functions: ``plot_voice_shares``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import pandas as pd

from analysis.extract.voice import VOICES, side_shares
from analysis.viz.figures import SMALL_PT

LABEL_SHARE_PER_CHAR = 0.014
"""Share of the bar a character of a 9 pt segment label needs (the plot is about 5.5 in
wide): a segment is labelled only when its label fits inside it."""


def plot_voice_shares(
    shares: pd.DataFrame,
    *,
    outlets: list[str] | None = None,
    fig_id: str = "voice-shares-by-outlet",
    save: bool = True,
):
    """Per outlet, one horizontal bar of its body words: authorial, then quoted and
    reported words per speaker side (the outlet's colour on the label, hatching for
    reported).

    Args:
        shares: :func:`voice_shares` output.
        outlets: outlet order (default: the canonical order of the figures module).
        fig_id: figure id.
        save: save through :func:`analysis.viz.figures.save_figure`.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import VOICE_COLORS, outlet_colors, outlet_order, save_figure, style

    style()
    table = side_shares(shares)
    order = outlets or [o for o in outlet_order() if o in set(table["outlet"])]
    order += [o for o in dict.fromkeys(table["outlet"]) if o not in order]
    colors = outlet_colors(order)
    fig, ax = plt.subplots(figsize=(7.4, 0.6 * max(len(order), 2) + 1.4))
    seen: set[str] = set()
    for i, o in enumerate(order):
        t = table[table["outlet"] == o]
        left = 0.0
        for v in VOICES:
            for r in t[t["voice"] == v].itertuples(index=False):
                label = v if v not in seen else None
                seen.add(v)
                ax.barh(i, r.share, left=left, color=VOICE_COLORS[v], edgecolor="white",
                        label=label)  # fmt: skip
                who = "own" if v == "authorial" else r.side.replace("_", " ").title()
                if r.share >= LABEL_SHARE_PER_CHAR * (max(len(who), 3) + 1):  # text fits
                    ax.text(left + r.share / 2, i, f"{who}\n{r.share:.0%}", ha="center",
                            va="center", fontsize=SMALL_PT)  # fmt: skip
                left += r.share
    ax.set_yticks(range(len(order)), order)
    for tick, o in zip(ax.get_yticklabels(), order, strict=True):
        tick.set_color(colors[o])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of body words (headline + body)")
    ax.legend(ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.0))
    ax.set_title("Whose words fill each outlet's article", pad=22)
    if save:
        save_figure(
            fig,
            fig_id,
            caption=(
                "Share of each outlet's body words (headline + body) in its own voice "
                "(authorial), inside quotation marks (quoted) and in reported speech "
                "(paraphrase attributed by a reporting verb), split by the speaker's side; "
                "labels on segments of at least 6%. Voice model: docs/voice.md. One "
                "article per outlet."
            ),
            table=table,
            source="voice_shares",
        )
    return ax
