"""Figures drawn from the tables of :mod:`analysis.extract.loaded_terms`.

Functions: ``plot_authorial_heatmap``, ``plot_target_terms``, ``plot_voice_bars``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.extract.loaded_terms import LABEL_CATEGORIES, VOICES
from analysis.viz.figures import SMALL_PT, outlets_in_order


def _terms_in_order(table: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(table["term"]))


def plot_authorial_heatmap(
    rates: pd.DataFrame,
    *,
    segment_group: str = "headline+body",
    voice: str = "authorial",
    fig_id: str = "loaded-terms-authorial-heatmap",
):
    """Heatmap of outlets × terms in one voice (default: the outlet's own), counts annotated.

    Colour and number are both the count (one encoding; rates are in the source table);
    cells with no match are left empty. Columns are every term matched at least once in the group in any voice,
    so a term an outlet only quotes shows as 0 here.

    Args:
        rates: the ``loaded_term_rates`` table.
        segment_group: which segment group to show.
        voice: one of :data:`VOICES`.
        fig_id: figure id.

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import annotated_heatmap, plain_table, save_figure, style

    if voice not in VOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICES)}; got {voice!r}")
    groups = sorted(set(rates["segment_group"]))
    if segment_group not in groups:
        raise ValueError(f"segment_group must be one of {', '.join(groups)}; got {segment_group!r}")
    style()
    g = rates[rates["segment_group"] == segment_group]
    used = g.groupby("term", sort=False)["count"].sum()
    terms = [t for t in _terms_in_order(g) if used.get(t, 0) > 0]
    table = g[(g["voice"] == voice) & g["term"].isin(terms)]
    outlets = outlets_in_order(sorted(set(table["outlet"])))
    count = table.pivot(index="outlet", columns="term", values="count").loc[outlets, terms]
    # at most one report column (760 px): see analysis.viz.figures.text_size
    width = min(0.42 * len(terms) + 2.2, 6.6)
    fig, ax = plt.subplots(figsize=(width, 0.45 * len(outlets) + 1.6))
    n = count.to_numpy().astype(int)
    vmax = float(n.max()) if n.size else 0.0
    # one encoding: colour and number are both the count; a zero is an empty cell
    shown = np.where(n > 0, n, np.nan).astype(float)
    dark = (vmax > 0) & (n < 0.6 * vmax)
    im = annotated_heatmap(
        ax,
        shown,
        [[str(k) if k else None for k in row] for row in n],
        colors=[["white" if d else "black" for d in dr] for dr in dark],
        xticklabels=terms,
        yticklabels=outlets,
        vmin=0,
        xrotation=60,
    )
    ax.set_title(f"Loaded terms in the {voice} voice ({segment_group}): counts")
    fig.colorbar(im, ax=ax, label="matches", shrink=0.8)
    unused = sorted(set(g["term"]) - set(terms))
    table = plain_table(table)
    save_figure(
        fig,
        fig_id,
        caption=(
            f"Loaded terms per outlet in the {voice} voice, {segment_group} segments: colour "
            "and number are the count of matches (an empty cell: none); rates per 1,000 words "
            "with exact intervals are in the table. Terms shown are those matched at "
            f"least once in any voice; {len(unused)} lexicon terms had no match. One article "
            "per outlet: counts of 0-5 carry wide intervals (see loaded_term_rates)."
        ),
        table=table,
        source="loaded_term_rates",
    )
    return ax


def plot_voice_bars(
    rates: pd.DataFrame,
    *,
    segment_group: str = "headline+body",
    fig_id: str = "loaded-terms-by-voice",
):
    """Per outlet, stacked bars of loaded-term counts by voice, one panel per category.

    Args:
        rates: the ``loaded_term_rates`` table.
        segment_group: which segment group to show.
        fig_id: figure id.

    Returns:
        The array of matplotlib Axes (one per category).
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import VOICE_COLORS, plain_table, save_figure, style

    groups = sorted(set(rates["segment_group"]))
    if segment_group not in groups:
        raise ValueError(f"segment_group must be one of {', '.join(groups)}; got {segment_group!r}")
    style()
    g = rates[rates["segment_group"] == segment_group]
    table = g.groupby(["outlet", "category", "voice"], sort=False)["count"].sum().reset_index()
    cats = list(dict.fromkeys(table["category"]))
    outlets = outlets_in_order(sorted(set(table["outlet"])))
    ncol = min(3, len(cats))
    nrow = -(-len(cats) // ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(2.45 * ncol, 2.4 * nrow + 0.6), sharey=True,
                             squeeze=False)  # fmt: skip
    for ax, cat in zip(axes.flat, cats, strict=False):
        sub = table[table["category"] == cat]
        bottom = np.zeros(len(outlets))
        for v in VOICES:
            vals = sub[sub["voice"] == v].set_index("outlet")["count"].reindex(outlets).fillna(0)
            ax.bar(range(len(outlets)), vals.to_numpy(), bottom=bottom, color=VOICE_COLORS[v],
                   label=v, width=0.7)  # fmt: skip
            bottom += vals.to_numpy()
        ax.set_title(cat.replace("_", " "))
        ax.set_xticks(range(len(outlets)), outlets, rotation=35, ha="right", fontsize=SMALL_PT)
    for ax in axes.flat[len(cats) :]:
        ax.set_visible(False)
    axes[0, 0].set_ylabel("matches")
    axes[0, 0].legend(loc="upper left")
    fig.suptitle(f"Loaded terms by voice, per outlet and category ({segment_group})")
    fig.tight_layout()
    table = plain_table(table)
    save_figure(
        fig,
        fig_id,
        caption=(
            f"Counts of loaded-term matches per outlet in the {segment_group} segments, stacked "
            "by voice: authorial (the outlet's own words), reported (paraphrased speech "
            "attributed by a reporting verb) and quoted (inside quotation marks); one panel per "
            "lexicon category."
        ),
        table=table,
        source="loaded_term_rates",
    )
    return axes


def plot_target_terms(
    targets: pd.DataFrame,
    *,
    categories: tuple[str, ...] = LABEL_CATEGORIES,
    fig_id: str = "loaded-terms-targets",
):
    """Who gets labelled: one row per target × term, one column per outlet, counts annotated.

    Where some matches are quoted or reported rather than the outlet's own words, the
    cell says how many (``2 (1 q/r)``). Unresolved targets come last, below a line.

    Args:
        targets: the ``loaded_term_targets`` table.
        categories: lexicon categories to show (default: labels, evaluations, ideology
            and threat framing; place names and war names label no one).
        fig_id: figure id.

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz.figures import annotated_heatmap, plain_table, save_figure, style

    known = set(targets["category"]) | set(LABEL_CATEGORIES)
    bad = [c for c in categories if c not in known]
    if bad:
        raise ValueError(f"unknown categories {bad}; choose from {', '.join(sorted(known))}")
    style()
    t = targets[targets["category"].isin(categories)]
    table = (
        t.assign(own=np.where(t["voice"] == "authorial", t["count"], 0))
        .groupby(["target", "term", "outlet"], sort=False)
        .agg(count=("count", "sum"), authorial=("own", "sum"))
        .reset_index()
    )
    table["_u"] = table["target"] == "(unresolved)"
    table = table.sort_values(["_u", "target", "term"], kind="stable").drop(columns="_u")
    outlets = outlets_in_order(sorted(set(table["outlet"])))
    rows = list(dict.fromkeys(zip(table["target"], table["term"], strict=True)))
    grid = table.pivot_table(index=["target", "term"], columns="outlet", values="count",
                             aggfunc="sum").reindex(index=rows, columns=outlets)  # fmt: skip
    own = table.pivot_table(index=["target", "term"], columns="outlet", values="authorial",
                            aggfunc="sum").reindex(index=rows, columns=outlets)  # fmt: skip
    from analysis.extract.actors import actor_labels

    names = actor_labels([a for a, _ in rows])  # human labels, not ids (issue 14)
    # one report column (760 px), the outlet names wrapped: see figures.text_size
    fig, ax = plt.subplots(figsize=(0.78 * len(outlets) + 1.6, 0.3 * len(rows) + 1.6))
    vals = grid.fillna(0).to_numpy(dtype=float, copy=True)
    vmax = max(1.0, float(vals.max()) if vals.size else 1.0)
    vals[vals == 0] = np.nan  # a zero cell stays blank, as in the authorial heatmap
    n, own = grid.to_numpy(dtype=float), own.to_numpy(dtype=float)
    labels = [
        [
            f"{int(k)}" + (f" ({int(k - o)} q/r)" if int(k - o) else "") if k > 0 else None
            for k, o in zip(nr, orow, strict=True)
        ]
        for nr, orow in zip(n, own, strict=True)
    ]
    annotated_heatmap(
        ax,
        vals,
        labels,
        colors=[["white" if k < 0.6 * vmax else "black" for k in nr] for nr in n],
        xticklabels=[o.replace(" ", "\n", 1) if len(o) > 10 else o for o in outlets],
        yticklabels=[f"{names[a]} · {b}" for a, b in rows],
        vmin=0,
        vmax=vmax,
    )
    n_resolved = sum(a != "(unresolved)" for a, _ in rows)
    if 0 < n_resolved < len(rows):
        ax.axhline(n_resolved - 0.5, color="0.4", linewidth=1.2)  # resolved above, not below
    ax.set_title("Who gets labelled: target · term per outlet (headline and body)")
    table = plain_table(table)
    save_figure(
        fig,
        fig_id,
        caption=(
            "Loaded-term matches in headline and body per outlet (columns), by the actor the "
            "term labels and the term (rows); '(n q/r)' counts matches in quoted or reported "
            "speech rather than the outlet's own voice. '(unresolved)' rows: no actor could be "
            "found without guessing. Place names and war names are left out (they label no one)."
        ),
        table=table,
        source="loaded_term_targets",
    )
    return ax
