"""Figures drawn from the tables of :mod:`analysis.extract.attribution`.

Functions: ``plot_reporting_verbs``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import pandas as pd

from analysis.extract.attribution import STANCE_COLORS, STANCES
from analysis.viz.figures import SMALL_PT


def plot_reporting_verbs(
    counts: pd.DataFrame,
    *,
    outlets: list[str] | None = None,
    speaker: str = "putin",
    fig_id: str = "reporting-verbs-putin",
    save: bool = True,
):
    """Stacked bars of verb stance per outlet for one speaker, verbs listed beside.

    Each bar counts the verbs attributed to the speaker by stance (neutral / marked /
    charged); the text to its right lists the verbs with their counts, a star marking
    the headline verb.

    Args:
        counts: :func:`verb_counts` output.
        outlets: outlet order (default: canonical order from the figures module).
        speaker: the speaker shown (for the caption).
        fig_id: figure id.
        save: save through :func:`analysis.viz.figures.save_figure`.
    """
    import textwrap

    import matplotlib.pyplot as plt

    from analysis.viz.figures import outlet_order, save_figure, style

    style()
    from analysis.extract.actors import actor_label

    who = actor_label(speaker)  # "putin" -> "Vladimir Putin" (the actor list's name)
    order = outlets or [o for o in outlet_order() if o in set(counts["outlet"])]
    order += [o for o in dict.fromkeys(counts["outlet"]) if o not in order]
    # one report column (760 px) with the verb list beside the bars
    fig, ax = plt.subplots(figsize=(4.6, 0.6 * max(len(order), 2) + 1.2))
    xmax = max(counts.groupby("outlet")["n"].sum().max(), 1) if len(counts) else 1
    for i, o in enumerate(order):
        c = counts[counts["outlet"] == o]
        left = 0
        for st in STANCES:
            n = int(c.loc[c["stance"] == st, "n"].sum())
            if n:
                ax.barh(i, n, left=left, color=STANCE_COLORS[st], edgecolor="white",
                        label=st if i == 0 or st not in ax.get_legend_handles_labels()[1] else None)  # fmt: skip
                ax.text(left + n / 2, i, str(n), ha="center", va="center", fontsize=SMALL_PT)
                left += n
        verbs_txt = ", ".join(
            f"{r.verb}{'*' if r.in_headline else ''} {r.n}" for r in c.itertuples(index=False)
        )
        verbs_txt = "\n".join(textwrap.wrap(verbs_txt, 38))
        ax.text(left + xmax * 0.02, i, verbs_txt, va="center", fontsize=SMALL_PT, clip_on=False)
    ax.set_xlim(0, xmax * 1.05)
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    ax.set_xlabel(f"verbs attributed to {who} (count, headline + body)")
    handles, labels = ax.get_legend_handles_labels()
    uniq = dict(zip(labels, handles, strict=True))
    ax.legend(
        [uniq[s] for s in STANCES if s in uniq],
        [s for s in STANCES if s in uniq],
        ncol=3,
        loc="lower center",
        bbox_to_anchor=(0.3, 1.0),
    )
    ax.set_title(f"Verbs that frame what {who} said (* = headline verb)", pad=22)
    if save:
        save_figure(
            fig,
            fig_id,
            caption=(
                f"Reporting verbs attributed to {who} per outlet, headline and body, "
                "coloured by stance (neutral: say, tell; marked: warn, caution; charged: "
                "threaten, claim). * marks the headline verb. Counts are small: one "
                "article per outlet."
            ),
            table=counts,
            source="reporting_verbs",
        )
    return ax
