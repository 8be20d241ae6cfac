"""Figures drawn from the tables of :mod:`analysis.measures.coverage`.

Functions: ``plot_coverage``.

Each takes the tables that module makes, draws in the shared style and saves
through :func:`analysis.viz.figures.save_figure`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.measures.coverage import LEAD_CUTOFF
from analysis.viz.figures import SMALL_PT, with_settings


def plot_coverage(
    coverage_table: pd.DataFrame,
    *,
    min_outlets: int = 2,
    fig_id: str = "coverage-units-by-outlet",
    notebook: str | None = None,
    label_chars: int = 96,
    max_units: int = 40,
):
    """Units x outlets heatmap ordered by how many outlets carry each unit.

    A large corpus has more shared units than a figure can show: beyond ``max_units`` the
    figure keeps the units carried by most outlets (ties in table order), says so in its
    caption, and the figure's table still lists every unit drawn.

    Cell colour = position of the unit in the outlet's article (cividis: dark = lead,
    light = buried); blank = absent; "L" marks lead cells (position <= 0.2).

    Args:
        coverage_table: the ``coverage`` table.
        min_outlets: only units carried by at least this many outlets.
        fig_id: figure id.
        notebook: notebook name recorded with the figure.
        label_chars: truncate unit labels to this length (they wrap onto three lines).
        max_units: the most units drawn.

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from analysis.viz import figures

    figures.style()
    sub = coverage_table[coverage_table["n_outlets"] >= min_outlets]
    if sub.empty:
        return figures.save_empty_figure(
            fig_id,
            f"no information unit is carried by {min_outlets} or more outlets in this corpus",
            caption="Information units carried by several outlets.",
            table=coverage_table.iloc[0:0],
            source="coverage",
            notebook=notebook,
        )
    units = list(dict.fromkeys(sub["unit_id"]))
    n_units = len(units)
    if n_units > max_units:  # the most widely carried units, so the figure stays readable
        first = sub.drop_duplicates("unit_id")
        first = first.sort_values("n_outlets", ascending=False, kind="stable")
        units = first["unit_id"].head(max_units).tolist()
        sub = sub[sub["unit_id"].isin(set(units))]
    present = set(coverage_table["outlet"])
    outlets = [o for o in figures.outlet_order() if o in present]
    outlets += sorted(present - set(outlets))
    grid = sub.pivot(index="unit_id", columns="outlet", values="position").reindex(
        index=units, columns=outlets
    )
    labels = sub.drop_duplicates("unit_id").set_index("unit_id").loc[units]
    height = max(3.0, 0.5 * len(units) + 1.7)
    # one report column (760 px) with the wrapped labels: see analysis.viz.figures.text_size
    fig, ax = plt.subplots(figsize=(4.0, height))
    cmap = plt.get_cmap("cividis").with_extremes(bad="white")
    im = ax.imshow(
        np.ma.masked_invalid(grid.to_numpy(dtype=float)),
        aspect="auto",
        cmap=cmap,
        vmin=0,
        vmax=1,
        interpolation="nearest",
    )
    for i in range(len(units)):
        for j in range(len(outlets)):
            v = grid.iat[i, j]
            if np.isfinite(v) and v <= LEAD_CUTOFF:
                ax.text(j, i, "L", ha="center", va="center", fontsize=SMALL_PT, color="white")
    ax.set_xticks(range(len(outlets)), outlets, rotation=30, ha="right")

    def short(t: str) -> str:
        import textwrap

        t = " ".join(str(t).split())
        t = t if len(t) <= label_chars else t[: label_chars - 1].rstrip() + "\u2026"
        lines = textwrap.wrap(t, (label_chars + 2) // 3 + 4)
        if len(lines) > 3:
            lines = [*lines[:2], lines[2].rstrip("\u2026") + "\u2026"]
        return "\n".join(lines)

    ytl = [f"{u} ({int(labels.at[u, 'n_outlets'])}) {short(labels.at[u, 'label'])}" for u in units]
    ax.set_yticks(range(len(units)), ytl, fontsize=SMALL_PT)
    ax.set_xticks(np.arange(-0.5, len(outlets)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(units)), minor=True)
    ax.grid(which="minor", color="0.85", lw=0.5)
    ax.tick_params(which="minor", length=0)
    ax.grid(which="major", visible=False)
    cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cb.set_label("position in article (0 = lead, 1 = last sentence)")
    thr = coverage_table.attrs.get("threshold", "?")
    ax.set_title(f"Information units carried by {min_outlets}+ outlets (threshold {thr})")
    caption = (
        f"Information units (average-linkage clusters of TF-IDF body sentences, cosine "
        f"threshold {thr}) carried by at least {min_outlets} outlets, ordered by the number "
        f"of outlets; colour = position of the unit's first sentence in each article "
        f"(dark = lead, light = buried), blank = not reported, L = first 20% of the body."
    )
    if n_units > len(units):
        caption += (
            f" Shown: the {len(units)} of {n_units} units carried by most outlets (all are in "
            "the coverage table)."
        )
    figures.save_figure(
        fig,
        fig_id,
        caption=caption,
        table=with_settings(
            sub,
            coverage_table.attrs,
            figure={"min_outlets": min_outlets, "lead_cutoff": LEAD_CUTOFF},
        ),
        source="coverage",
        **({"notebook": notebook} if notebook else {}),
    )
    return ax
