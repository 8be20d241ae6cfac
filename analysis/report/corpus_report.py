"""Small read-only helpers for notebooks: which corpus a results folder describes.

Notebooks run on any corpus (``framing report``), so they must not assume the seed
articles. The notebook's ``CORPUS`` parameter names the analysed inputs (files or folders;
default ``seeds/``; :func:`analysis.paths.corpus_inputs`); :func:`raw_texts` reads them back and checks each
file's SHA-256 against the articles table, and :func:`is_seed_corpus` tells the notebooks
whether seed-specific checks and narrative apply.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from analysis.paths import PROJECT_ROOT, SEEDS_DIR, corpus_inputs
from analysis.text.corpus import read_articles


def raw_texts(articles_table, folder: str | Path | None = None) -> dict[str, str]:
    """Raw text per article id for the articles of a results table.

    Args:
        articles_table: the ``articles`` table (``article_id``, ``sha256``).
        folder: where the files are; default :func:`corpus_inputs`.

    Raises:
        FileNotFoundError: an article of the table is not among the inputs (or its bytes
            changed since the analysis), naming the notebook's ``CORPUS`` parameter.
    """
    from analysis.api import articles_from_inputs

    inputs = [Path(folder)] if folder is not None else corpus_inputs()
    columns = getattr(articles_table, "attrs", {}).get("columns")
    # no size limit: these files were analysed already (perhaps with a larger --max-file-mb)
    found = {
        a.article_id: a for a in articles_from_inputs(inputs, columns=columns, max_file_mb=None)
    }
    raw = {}
    for aid, digest in zip(articles_table["article_id"], articles_table["sha256"], strict=True):
        article = found.get(aid)
        if article is None or article.sha256 != digest:
            where = os.pathsep.join(str(p) for p in inputs)
            raise FileNotFoundError(
                f"article {aid!r} (sha256 {digest[:12]}…) is not in {where}; "
                "give the notebook the inputs that were analysed (its CORPUS parameter)"
            )
        raw[aid] = article.raw
    return raw


# the seeds/*.txt files as published; tests/test_install.py checks them against seeds/
SEED_SHA256 = frozenset(
    {
        "40b46a2756ad0e7e9fab8eebca1769338980a9954df5f66d1137a991b8d73689",
        "94f9ba12db86e98a6b3621a6ca17b8e999f39b302b425ecc14fc7f267e8dc169",
        "95996fde65a15e67e64e396d41c7d2b2483d6be3e50c7921ee9c992930dcfac1",
        "97d4be11103ccaa60942f988ef6008f396f333e458356cf167874fe9f1280eb7",
        "b7109f06a08f97486a2190856a454b540be6bb5a551cd226c23fd59b2956eedf",
    }
)


@cache
def seed_hashes() -> frozenset[str]:
    """SHA-256 of every seed article file (``seeds/*.txt``); without a ``seeds/`` folder
    (an installed copy, or a notebook kernel of one, whose current folder is elsewhere)
    the digests of the five published seed files, :data:`SEED_SHA256`."""
    if not SEEDS_DIR.is_dir():
        return SEED_SHA256
    return frozenset(a.sha256 for a in read_articles([SEEDS_DIR]))


def is_seed_corpus(articles) -> bool:
    """True when ``articles`` are exactly the seed files (same SHA-256 set).

    Args:
        articles: the ``articles`` table (with a ``sha256`` column) or a list of
            :class:`analysis.text.corpus.Article`.
    """
    if hasattr(articles, "columns"):
        digests = set(articles["sha256"])
    else:
        digests = {a.sha256 for a in articles}
    return digests == set(seed_hashes())


def lexicon_path(table) -> Path | None:
    """The loaded-terms lexicon a results table was made with (from its settings).

    Relative paths in the settings are relative to the project root; None when the
    table records no lexicon (the default lexicon then applies).
    """
    return _settings_path(table, "lexicon")


def actors_path(table) -> Path | None:
    """The actor list a results table (e.g. ``actor_mentions``) was made with, or None."""
    return _settings_path(table, "actors")


def _settings_path(table, key: str) -> Path | None:
    shown = table.attrs.get(key) if hasattr(table, "attrs") else None
    if not shown:
        return None
    path = Path(shown)
    return path if path.is_absolute() else PROJECT_ROOT / path


SEED_MAIN_ACTORS = ("putin", "kim_jong_un")
"""The actors the seed notebooks follow (Putin's warning; Kim Jong Un's treaty)."""

_NOT_A_SPEAKER = {"anonymous", "unattributed", ""}


def main_actors(naming, *, seed: bool, n: int = 2) -> list[str]:
    """Actors a notebook follows: the seed pair, or the ``n`` most-mentioned actors.

    Args:
        naming: the ``actor_naming`` table (``actor``, ``n_mentions``).
        seed: True on the seed corpus (:func:`is_seed_corpus`).
        n: how many actors on another corpus (ties broken by actor id).
    """
    if seed:
        return list(SEED_MAIN_ACTORS)
    totals = naming.groupby("actor")["n_mentions"].sum().reset_index()
    totals = totals.sort_values(["n_mentions", "actor"], ascending=[False, True])
    return totals["actor"].head(n).tolist()


def main_speaker(verbs, *, seed: bool) -> str | None:
    """The speaker whose reporting verbs a notebook follows.

    ``"putin"`` on the seed corpus; elsewhere the named speaker with most attributed verbs
    (ties broken by id), or None when no verb is attributed to a named actor.
    """
    if seed:
        return "putin"
    named = verbs[~verbs["speaker"].fillna("").isin(_NOT_A_SPEAKER)]
    if named.empty:
        return None
    counts = named.groupby("speaker").size().reset_index(name="n")
    return counts.sort_values(["n", "speaker"], ascending=[False, True])["speaker"].iloc[0]


def speaker_figure_id(speaker: str | None) -> str | None:
    """Figure id of the reporting-verbs figure for ``speaker`` (``reporting-verbs-putin``).

    Kebab-case also for a named speaker not on the actor list ("chuck schumer").
    """
    if speaker is None:
        return None
    return "reporting-verbs-" + "-".join(re.findall(r"[a-z0-9]+", speaker.lower()))


TOP_N = 50
"""Rows a notebook shows of a long table; the results table keeps every row."""


def top_rows(table, name: str, *, n: int = TOP_N):
    """The first ``n`` rows of ``table``, with a one-line note when rows are left out.

    A corpus with many events or articles makes long tables; a notebook shows the top of
    each and says where the rest is. A table of ``n`` rows or fewer comes back unchanged
    (and no note is shown), so small corpora such as the seeds read as before.

    Args:
        table: a DataFrame, already in the order to show.
        name: the results table the rows come from (named in the note).
        n: how many rows to show.
    """
    if len(table) <= n:
        return table
    from analysis.viz.figures import show_md

    show_md(f"The first {n} of {len(table):,} rows; every row is in the results table `{name}`.")
    return table.head(n)


def first_labels_by_outlet(naming, actors):
    """The label each outlet most often uses at an actor's first mention in an article.

    An outlet with several articles names an actor once per article; this keeps the most
    frequent first label per outlet and actor (ties: alphabetical) with how many of the
    outlet's articles use it.

    Args:
        naming: the ``actor_naming`` table (one row per article and actor).
        actors: actor ids to keep.

    Returns:
        One row per outlet and actor, sorted by outlet then actor: ``outlet``, ``actor``,
        ``first_label``, ``n_label`` (articles opening with that label) and ``n_articles``
        (articles naming the actor).
    """
    import pandas as pd

    sub = naming[naming["actor"].isin(list(actors))].dropna(subset=["first_label"])
    cols = ["outlet", "actor", "first_label", "n_label", "n_articles"]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    counts = sub.groupby(["outlet", "actor", "first_label"]).size().reset_index(name="n_label")
    counts = counts.sort_values(
        ["outlet", "actor", "n_label", "first_label"], ascending=[True, True, False, True]
    )
    top = counts.drop_duplicates(["outlet", "actor"]).copy()
    n_art = sub.groupby(["outlet", "actor"]).size().rename("n_articles")
    top = top.join(n_art, on=["outlet", "actor"])
    return top[cols].reset_index(drop=True)


def outlet_counts(outlets) -> str:
    """``"A, B"`` for outlets named once; ``"A ×3, B"`` when an outlet appears several
    times (one entry per article), in order of first appearance. Names are escaped."""
    from collections import Counter

    from analysis.safe_text import md_escape

    counts = Counter(outlets)
    return ", ".join(md_escape(o) + (f" ×{k}" if k > 1 else "") for o, k in counts.items())


def largest_outlets(articles, *, n: int = 12) -> list[str]:
    """The ``n`` outlets with most articles (ties: first article first), in the order of
    each outlet's first article (by ``article_id``): the outlets a notebook draws one
    figure each for. With ``n`` or fewer outlets, all of them in that order."""
    order = list(dict.fromkeys(articles.sort_values("article_id")["outlet"]))
    if len(order) <= n:
        return order
    size = articles["outlet"].value_counts()
    ranked = sorted(order, key=lambda o: (-int(size[o]), order.index(o)))[:n]
    keep = set(ranked)
    return [o for o in order if o in keep]


FURNITURE_LABELS = ("byline", "caption", "teaser", "boilerplate")
"""Segment labels counted as page furniture in notebook 00 (subheadings and headlines are
not furniture: they belong to the article)."""


def furniture_shares(composition, articles):
    """Share of each outlet's page characters that is furniture.

    Args:
        composition: the ``segment_composition`` table (characters per segment label
            per article, counted over the stripped lines).
        articles: the ``articles`` table (``n_chars``: the whole file, line breaks and
            blank lines included).

    Returns:
        One row per outlet (summed over its pages), in table order: ``outlet``,
        ``furniture_chars``, ``line_chars`` (characters in the page's lines),
        ``file_chars``, ``share`` (furniture_chars / line_chars).
    """
    import pandas as pd

    lines = composition.groupby("outlet", sort=False)["n_chars"].sum()
    furn = composition[composition["segment"].isin(FURNITURE_LABELS)]
    furn = furn.groupby("outlet", sort=False)["n_chars"].sum().reindex(lines.index, fill_value=0)
    files = articles.groupby("outlet", sort=False)["n_chars"].sum().reindex(lines.index)
    return pd.DataFrame(
        {
            "outlet": lines.index,
            "furniture_chars": furn.to_numpy(),
            "line_chars": lines.to_numpy(),
            "file_chars": files.to_numpy(),
            "share": (furn / lines).to_numpy(),
        }
    )


def furniture_sentence(shares, *, one_page_each: bool) -> str:
    """One Markdown sentence: the outlets with the largest and smallest furniture share,
    with the characters behind each share (outlet names escaped)."""
    from analysis.safe_text import md_escape

    top = shares.loc[shares["share"].idxmax()]
    low = shares.loc[shares["share"].idxmin()]
    page = "page" if one_page_each else "pages"
    return (
        f"Furniture ({', '.join(FURNITURE_LABELS[:-1])}, {FURNITURE_LABELS[-1]}) is "
        f"**{top.share:.0%}** of {md_escape(top.outlet)}'s {page} ({top.furniture_chars:,} "
        f"of the {top.line_chars:,} characters in its lines; the file's {top.file_chars:,} "
        f"also count line breaks and blank lines) and **{low.share:.0%}** of "
        f"{md_escape(low.outlet)}'s ({low.furniture_chars:,} of {low.line_chars:,})."
    )


def set_aside_lines(segments):
    """Non-body lines grouped by outlet, label and the rule that gave the label, with
    ``n_lines``, the first line's id (``first_line``) and its ``text``."""
    non_body = segments[segments["segment"] != "body"]
    return non_body.groupby(["outlet", "segment", "rule"], sort=False).agg(
        n_lines=("segment_id", "size"), first_line=("segment_id", "first"), text=("text", "first")
    )


def quotations_by_article(quote_spans):
    """Per article: ``n_quotes`` (outermost quotations) and ``unclosed`` (closed by rule
    at the paragraph end because a mark was unbalanced)."""
    return quote_spans.groupby("article_id").agg(
        n_quotes=("quote_span_id", "size"),
        unclosed=("closed", lambda c: int((~c.astype(bool)).sum())),
    )


def event_effects_md(effects, *, measure: str, unit: str, top: int = 3) -> str:
    """Markdown prose for a within-event comparison pooled over events.

    Args:
        effects: ``outlet_event_effects`` or ``loaded_term_event_effects`` (one voice).
        measure: what was compared, e.g. "authorial loaded-term rate".
        unit: the unit of ``mean_difference``, e.g. "per 1,000 words".
        top: outlets named at each end.

    Returns:
        Which outlets sit above and below the others on the same stories, with the
        number of events and the interval over events; and whether any interval
        excludes zero. Empty when no outlet shares an event.
    """
    from analysis.safe_text import md_escape

    eff = effects.dropna(subset=["mean_difference"]).sort_values(
        ["mean_difference", "outlet"], ascending=[False, True]
    )
    if eff.empty:
        return ""

    def one(r) -> str:
        ci = (
            f", 95% interval over events {r.ci_low:+.2f} to {r.ci_high:+.2f}"
            if r.n_events >= 2
            else ", one event: no interval"
        )
        return f"{md_escape(r.outlet)} {r.mean_difference:+.2f} ({int(r.n_events)} events{ci})"

    if "count" in eff and int(eff["count"].sum()) == 0:
        return f"No match in the events the outlets share: there is no {measure} to compare."
    if len(eff) <= 2 * top:
        ends = "From highest to lowest: " + "; ".join(one(r) for r in eff.itertuples()) + "."
    else:
        high = "; ".join(one(r) for r in eff.head(top).itertuples())
        low = "; ".join(one(r) for r in eff.tail(top).iloc[::-1].itertuples())
        ends = f"Highest: {high}. Lowest: {low}."
    clear = eff[(eff["ci_low"] > 0) | (eff["ci_high"] < 0)]
    verdict = (
        f"For {len(clear)} of {len(eff)} outlets the interval excludes zero: "
        + ", ".join(md_escape(o) for o in clear["outlet"])
        + "."
        if len(clear)
        else f"No outlet's interval excludes zero: on these {int(eff['n_events'].max())} or "
        "fewer shared events the outlets cannot be told apart."
    )
    return (
        f"Each outlet's {measure} minus the mean of the other outlets on the same story, "
        f"averaged over the stories it shares ({unit}). {ends} " + verdict
    )


def headline_comparison_md(table) -> str:
    """Markdown prose for the ``headline_comparison`` table: how many events have
    headlines from two or more outlets, the most and least alike pair, how many
    headlines carry a loaded term or a charged verb, and the tone range."""
    from analysis.safe_text import md_escape

    text_cols = ["headline", "loaded_terms", "stance", "most_similar_id"]
    table = table.astype({c: object for c in text_cols}).fillna({c: "" for c in text_cols})
    heads = table[table["headline"] != ""]  # read back from CSV, an empty cell is missing
    if heads.empty:
        return "No article has a headline in its file, so there is nothing to compare."
    compared = heads[heads["n_compared"] > 0]
    n_events = compared["event"].nunique()
    parts = [
        f"{len(heads)} of {len(table)} articles have a headline; in {n_events} "
        f"event{'s' if n_events != 1 else ''} two or more outlets' headlines can be compared."
    ]
    if len(compared):
        best = compared.sort_values(["max_jaccard", "article_id"], ascending=[False, True]).iloc[0]
        other = table.set_index("article_id").loc[best.most_similar_id]
        parts.append(
            f"The most alike pair shares {best.max_jaccard:.0%} of the pair's content words "
            f"({md_escape(best.outlet)} {md_escape(best.article_id)} and "
            f"{md_escape(other.outlet)} {md_escape(best.most_similar_id)}); the mean overlap with the other outlets' headlines on the "
            f"same story is {compared['mean_jaccard'].mean():.0%}."
        )
    loaded = heads[heads["loaded_terms"] != ""]
    charged = heads[heads["stance"] == "charged"]
    parts.append(
        f"{len(loaded)} headline{'s' if len(loaded) != 1 else ''} carr"
        f"{'y' if len(loaded) != 1 else 'ies'} a lexicon term and {len(charged)} a charged "
        f"reporting verb; headline tone runs from {heads['vader_compound'].min():+.2f} to "
        f"{heads['vader_compound'].max():+.2f} (VADER compound, one sentence each: a "
        "headline's score rests on a handful of words)."
    )
    return " ".join(parts)
