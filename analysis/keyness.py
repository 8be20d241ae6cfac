"""Distinctive words per outlet: the "Fightin' Words" log-odds ratio.

Each outlet is compared with the pooled rest of the corpus using the log-odds ratio
with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008), written here
from the paper's formulas. For a term *w*, outlet *i* and the rest *j*:

* prior: ``alpha_w = a0 * y_w / n`` where ``y_w`` is the pooled count of *w*, ``n`` the
  pooled number of n-grams (of the same order) and ``a0`` the prior strength;
* ``delta_w = log((y_iw + alpha_w) / (n_i + a0 - y_iw - alpha_w))
  - log((y_jw + alpha_w) / (n_j + a0 - y_jw - alpha_w))``;
* ``var(delta_w) ~= 1 / (y_iw + alpha_w) + 1 / (y_jw + alpha_w)``;
* ``z_w = delta_w / sqrt(var(delta_w))``.

Unigrams and bigrams are separate multinomials (each n-gram order has its own totals
and its own prior of strength ``a0``). Terms given in ``keep_terms`` (e.g. the
loaded-terms lexicon) are counted at their own length and never dropped for rarity.

Two text scopes are computed: ``authorial`` (the outlet's own voice under the one voice
model of ``docs/voice.md``: body text with every character inside a quotation *or* a
reported-speech clause removed, so that shared Putin quotations and paraphrases cannot
make a word "distinctive") and ``all`` (all body text). With five short articles the z-scores are
descriptive standardised differences, not significance tests.

References:
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
    feature selection and evaluation for identifying the content of political
    conflict. *Political Analysis*, 16(4), 372-403. https://doi.org/10.1093/pan/mpn018
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import check_choice
from .segment import BODY_SEGMENTS

SCOPES = ("authorial", "all")
"""Text scopes: ``authorial`` keeps only the authorial voice (``voice_spans``); ``all``
keeps every character."""

DEFAULT_SEGMENTS = BODY_SEGMENTS
"""Segments counted by default (the project's ``BODY_SEGMENTS``)."""

DEFAULT_PRIOR_STRENGTH = 500.0
"""Default ``a0``: pseudo-counts of the pooled-corpus prior per n-gram order."""

TABLES = {
    "keyness": {
        "description": (
            "Fightin' Words log-odds ratio with informative Dirichlet prior (Monroe, "
            "Colaresi & Quinn 2008): one row per outlet x term x text scope, each outlet "
            "against the pooled rest. z-scores are descriptive, not tests."
        ),
        "columns": {
            "scope": "text scope: authorial (the outlet's own voice: quotations and reported "
            "speech removed, docs/voice.md) or all (all body text)",
            "outlet": "the outlet compared with the pooled rest",
            "term": "lower-cased unigram, bigram or kept lexicon phrase (words joined by spaces)",
            "ngram": "number of words in the term",
            "kept": "True if the term came from keep_terms (never dropped for rarity)",
            "count_outlet": "occurrences of the term in the outlet (y_i)",
            "count_rest": "occurrences of the term in all other outlets pooled (y_j)",
            "n_outlet": "n-grams of this order in the outlet (n_i)",
            "n_rest": "n-grams of this order in the rest (n_j)",
            "rate_outlet": "count_outlet per 1,000 n-grams of this order",
            "rate_rest": "count_rest per 1,000 n-grams of this order",
            "prior": "alpha_w = prior_strength x pooled share of the term",
            "prior_strength": "a0, the total pseudo-count of the prior for this n-gram order",
            "delta": "log-odds ratio (outlet minus rest) with the prior added",
            "variance": "approximate variance of delta: 1/(y_i+alpha_w) + 1/(y_j+alpha_w)",
            "z": "delta / sqrt(variance); positive = more typical of the outlet",
        },
    }
}

TABLES["keyness_events"] = {
    "description": (
        "Fightin' Words keyness within events, pooled over events: in every event covered "
        "by two or more outlets, each outlet against the other outlets on the same story "
        "(authorial text); the per-event log-odds are pooled by inverse variance (a "
        "fixed-effect meta-analysis), so topic choice (which stories an outlet covers) "
        "does not count as framing. One row per outlet x term."
    ),
    "columns": {
        "scope": "text scope (authorial: quotations and reported speech as in `keyness`)",
        "outlet": "the outlet",
        "term": "lower-cased unigram, bigram or kept lexicon phrase",
        "ngram": "number of words in the term",
        "kept": "True if the term came from keep_terms",
        "n_events": "events in which the outlet and at least one other outlet appear and "
        "the term occurs (the events pooled)",
        "count_outlet": "occurrences in the outlet, summed over those events",
        "count_rest": "occurrences in the other outlets of the same events",
        "delta": "pooled log-odds ratio: sum(delta_e / var_e) / sum(1 / var_e)",
        "variance": "1 / sum(1 / var_e)",
        "z": "delta / sqrt(variance); descriptive, not a test",
        "z_min_event": "the lowest per-event z (a term carried by one event shows here)",
        "z_max_event": "the highest per-event z",
    },
}

_ALNUM = re.compile(r"\w")


def _words(text: str) -> list[str]:
    from .sentences import words

    return words(text)


def _tokens(text: str) -> list[str]:
    """Lower-cased word tokens with curly apostrophes straightened, punctuation dropped."""
    out = []
    for tok in _words(text):
        tok = tok.lower().replace("\u2019", "'").replace("\u2018", "'")
        if _ALNUM.search(tok):
            out.append(tok)
    return out


def _outside(start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sub-ranges of ``[start, end)`` not covered by any of ``spans``."""
    pieces = []
    pos = start
    for s, e in sorted(spans):
        if e <= pos or s >= end:
            continue
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    if pos < end:
        pieces.append((pos, end))
    return pieces


def text_pieces(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame | None = None,
    *,
    scope: str = "authorial",
    segments: Iterable[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """Stretches of sentence text in a scope, with raw offsets.

    Args:
        sentences: the sentences table (``article_id, outlet, sentence_id, segment,
            start, end, text``).
        quote_spans: the ``voice_spans`` table (:func:`analysis.voice.voice_spans`,
            recognised by its ``voice`` column: the authorial scope keeps its authorial
            runs), or, without the attribution step, the quote_spans table (``article_id,
            start, end``: only quotation marks are removed); required for
            ``scope="authorial"``.
        scope: ``"authorial"`` (a sentence splits into the pieces of the outlet's own
            voice) or ``"all"``.
        segments: segments to keep.

    Returns:
        One row per piece: ``article_id, outlet, sentence_id, start, end, text`` where
        ``text`` is the sentence text between the raw offsets ``start`` and ``end``.
    """
    check_choice("scope", scope, SCOPES)
    if scope == "authorial" and quote_spans is None:
        raise ValueError("scope='authorial' needs the quote_spans table")
    segs = set(segments)
    spans_by_article: dict[str, list[tuple[int, int]]] = {}
    if quote_spans is not None and "voice" in quote_spans.columns:
        # the voice model: drop every run that is not authorial
        quote_spans = quote_spans[quote_spans["voice"] != "authorial"]
    if quote_spans is not None and len(quote_spans):
        for aid, grp in quote_spans.groupby("article_id"):
            spans_by_article[str(aid)] = list(zip(grp["start"], grp["end"], strict=True))
    rows = []
    for row in sentences.itertuples(index=False):
        if row.segment not in segs:
            continue
        s0, e0 = int(row.start), int(row.end)
        if scope == "all":
            pieces = [(s0, e0)]
        else:
            pieces = _outside(s0, e0, spans_by_article.get(str(row.article_id), []))
        for s, e in pieces:
            text = row.text[s - s0 : e - s0]
            if text.strip():
                rows.append((row.article_id, row.outlet, row.sentence_id, s, e, text))
    return pd.DataFrame(
        rows, columns=["article_id", "outlet", "sentence_id", "start", "end", "text"]
    )


def _normalise_terms(terms: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for term in terms:
        toks = _tokens(str(term))
        if toks:
            out[" ".join(toks)] = len(toks)
    return out


def term_counts(
    pieces: pd.DataFrame,
    *,
    ngrams: Iterable[int] = (1, 2),
    keep_terms: Iterable[str] = (),
) -> pd.DataFrame:
    """Count n-grams per outlet in text pieces (n-grams never cross a piece boundary).

    Args:
        pieces: a table with ``outlet`` and ``text`` (e.g. from :func:`text_pieces`).
        ngrams: n-gram orders to count.
        keep_terms: phrases always counted (at their own length) and flagged ``kept``.

    Returns:
        ``outlet, term, ngram, count, kept`` (only non-zero counts) with
        ``attrs["totals"]``: ``{(outlet, n): number of n-grams of order n}``.
    """
    from nltk.util import ngrams as word_ngrams  # nltk's n-grams (no downloaded data)

    orders = sorted({int(n) for n in ngrams})
    if not orders or orders[0] < 1:
        raise ValueError("ngrams must be positive integers, e.g. (1, 2)")
    kept = _normalise_terms(keep_terms)
    all_orders = sorted(set(orders) | set(kept.values()))
    counts: Counter = Counter()
    totals: Counter = Counter()
    for outlet, text in zip(pieces["outlet"], pieces["text"], strict=True):
        toks = _tokens(text)
        for n in all_orders:
            for gram in map(" ".join, word_ngrams(toks, n)):
                totals[(outlet, n)] += 1
                if n in orders or gram in kept:
                    counts[(outlet, gram, n)] += 1
    rows = [(o, t, n, c, t in kept) for (o, t, n), c in counts.items()]
    df = pd.DataFrame(rows, columns=["outlet", "term", "ngram", "count", "kept"])
    df = df.sort_values(["outlet", "ngram", "term"], ignore_index=True)
    df.attrs["totals"] = dict(totals)
    df.attrs["keep_terms"] = sorted(kept)
    return df


def log_odds_dirichlet(
    y_i: np.ndarray,
    y_j: np.ndarray,
    alpha: np.ndarray,
    n_i: float,
    n_j: float,
    alpha0: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Monroe et al. (2008) log-odds ratio with informative Dirichlet prior.

    Args:
        y_i: counts of each term in group i.
        y_j: counts of each term in group j.
        alpha: prior pseudo-count of each term (``alpha_w``).
        n_i: total count in group i.
        n_j: total count in group j.
        alpha0: sum of the prior over the whole vocabulary.

    Returns:
        ``(delta, variance, z)`` arrays.

    References:
        Monroe, Colaresi & Quinn (2008), Political Analysis 16(4), eqs. for
        the point estimate of delta with prior and its approximate variance.
    """
    y_i = np.asarray(y_i, dtype=float)
    y_j = np.asarray(y_j, dtype=float)
    alpha = np.asarray(alpha, dtype=float)
    delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log(
        (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
    )
    variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, variance, delta / np.sqrt(variance)


def keyness_from_counts(
    counts: pd.DataFrame,
    *,
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
    min_count: int = 2,
    scope: str = "",
) -> pd.DataFrame:
    """Each outlet against the pooled rest, prior from the pooled corpus.

    Args:
        counts: output of :func:`term_counts` (with ``attrs["totals"]``).
        prior_strength: ``a0`` for each n-gram order (> 0).
        min_count: drop terms whose pooled count is below this, except kept terms.
        scope: label written to the ``scope`` column.

    Returns:
        The ``keyness`` table (see ``TABLES``), sorted by scope, outlet, ngram and
        descending z; settings in ``attrs``.
    """
    if not prior_strength > 0:
        raise ValueError(f"prior_strength must be > 0; got {prior_strength!r}")
    totals = counts.attrs.get("totals", {})
    outlets = sorted({o for o, _ in totals} | set(counts["outlet"]))
    frames = []
    for n, sub in counts.groupby("ngram"):
        wide = sub.pivot_table(
            index="term", columns="outlet", values="count", aggfunc="sum", fill_value=0
        )
        wide = wide.reindex(columns=outlets, fill_value=0)
        kept = sub.groupby("term")["kept"].any().reindex(wide.index)
        pooled = wide.sum(axis=1).to_numpy(dtype=float)
        keep = (pooled >= min_count) | kept.to_numpy()
        wide, kept, pooled = wide[keep], kept[keep], pooled[keep]
        tot = {o: float(totals.get((o, n), 0)) for o in outlets}
        n_all = sum(tot.values())
        if n_all == 0 or not len(wide):
            continue
        alpha = prior_strength * pooled / n_all
        for outlet in outlets:
            y_i = wide[outlet].to_numpy(dtype=float)
            y_j = pooled - y_i
            n_i, n_j = tot[outlet], n_all - tot[outlet]
            if n_i == 0 or n_j == 0:
                continue
            delta, var, z = log_odds_dirichlet(y_i, y_j, alpha, n_i, n_j, prior_strength)
            frames.append(
                pd.DataFrame(
                    {
                        "scope": scope,
                        "outlet": outlet,
                        "term": wide.index.to_numpy(),
                        "ngram": int(n),
                        "kept": kept.to_numpy(dtype=bool),
                        "count_outlet": y_i.astype(int),
                        "count_rest": y_j.astype(int),
                        "n_outlet": int(n_i),
                        "n_rest": int(n_j),
                        "rate_outlet": 1000 * y_i / n_i,
                        "rate_rest": 1000 * y_j / n_j,
                        "prior": alpha,
                        "prior_strength": float(prior_strength),
                        "delta": delta,
                        "variance": var,
                        "z": z,
                    }
                )
            )
    cols = list(TABLES["keyness"]["columns"])
    if not frames:
        out = pd.DataFrame(columns=cols)
    else:
        out = pd.concat(frames, ignore_index=True)[cols]
        out = out.sort_values(
            ["scope", "outlet", "ngram", "z", "term"],
            ascending=[True, True, True, False, True],
            kind="stable",
            ignore_index=True,
        )
    out.attrs.update(
        {
            "method": "Monroe, Colaresi & Quinn (2008) log-odds ratio, informative Dirichlet prior",
            "comparison": "each outlet vs the pooled rest; prior from the pooled corpus",
            "prior_strength": float(prior_strength),
            "min_count": int(min_count),
            "keep_terms": counts.attrs.get("keep_terms", []),
        }
    )
    return out


def keyness(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame | None = None,
    *,
    scopes: Iterable[str] = SCOPES,
    ngrams: Iterable[int] = (1, 2),
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
    min_count: int = 2,
    keep_terms: Iterable[str] = (),
    segments: Iterable[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """The ``keyness`` table for every outlet, over one or both text scopes.

    Args:
        sentences: the sentences table.
        quote_spans: the ``voice_spans`` table (or, quotation marks only, the
            quote_spans table); needed for the authorial scope (see :func:`text_pieces`).
        scopes: any of ``SCOPES``.
        ngrams: n-gram orders (default unigrams and bigrams).
        prior_strength: ``a0`` of the pooled-corpus Dirichlet prior.
        min_count: minimum pooled count for a term to be reported; kept terms are
            exempt.
        keep_terms: phrases never dropped for rarity (e.g. the loaded-terms lexicon).
        segments: segments counted.

    Returns:
        The ``keyness`` table; settings recorded in ``attrs``.
    """
    scopes = tuple(scopes)
    for s in scopes:
        check_choice("scope", s, SCOPES)
    keep_terms = list(keep_terms)
    segments = tuple(segments)
    frames = []
    for scope in scopes:
        pieces = text_pieces(sentences, quote_spans, scope=scope, segments=segments)
        counts = term_counts(pieces, ngrams=ngrams, keep_terms=keep_terms)
        frames.append(
            keyness_from_counts(
                counts, prior_strength=prior_strength, min_count=min_count, scope=scope
            )
        )
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    out.attrs.update(frames[0].attrs if frames else {})
    out.attrs.update(
        {
            "scopes": list(scopes),
            "ngrams": sorted({int(n) for n in ngrams}),
            "segments": list(segments),
            "tokeniser": "analysis.sentences.words, lower-cased, punctuation-only tokens dropped",
        }
    )
    return out


def keyness_within_events(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame | None,
    events: dict[str, str],
    *,
    scope: str = "authorial",
    ngrams: Iterable[int] = (1, 2),
    prior_strength: float = DEFAULT_PRIOR_STRENGTH,
    min_count: int = 2,
    keep_terms: Iterable[str] = (),
    segments: Iterable[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """The ``keyness_events`` table: each outlet against the others within each event,
    pooled over events by inverse variance.

    Args:
        sentences: the sentences table.
        quote_spans: the ``voice_spans`` table (or quote_spans), as in :func:`text_pieces`.
        events: ``{article_id: event}`` (see :func:`analysis.events.article_event_map`).
        scope: one of ``SCOPES``.
        ngrams, prior_strength, keep_terms, segments: as in :func:`keyness`; the prior
            of each event comes from that event's pooled text.
        min_count: drop terms whose count over the pooled events is below this (kept
            terms are exempt).

    Returns:
        One row per outlet x term (see ``TABLES``), by outlet, n-gram order and
        descending z, then term; settings in ``attrs``.

    References:
        Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words. Political
        Analysis 16(4), 372-403. Borenstein, M., Hedges, L. V., Higgins, J. P. T., &
        Rothstein, H. R. (2009). Introduction to Meta-Analysis, ch. 11 (fixed-effect
        inverse-variance pooling).
    """
    from .events import split_by_event

    check_choice("scope", scope, SCOPES)
    keep_terms = list(keep_terms)
    segments = tuple(segments)
    frames = []
    # the text pieces once for the corpus, then split by event
    all_pieces = text_pieces(sentences, quote_spans, scope=scope, segments=segments)
    for event, pieces in split_by_event(all_pieces, events):
        if pieces["outlet"].nunique() < 2:
            continue
        counts = term_counts(pieces, ngrams=ngrams, keep_terms=keep_terms)
        k = keyness_from_counts(counts, prior_strength=prior_strength, min_count=1, scope=scope)
        if len(k):
            frames.append(k.assign(event=event))
    cols = list(TABLES["keyness_events"]["columns"])
    if not frames:
        out = pd.DataFrame(columns=cols)
    else:
        per = pd.concat(frames, ignore_index=True)
        per["w"] = 1.0 / per["variance"].astype(float)
        per["wd"] = per["w"] * per["delta"].astype(float)
        g = per.groupby(["scope", "outlet", "term", "ngram"], sort=True)
        out = g.agg(
            kept=("kept", "any"),
            n_events=("event", "nunique"),
            count_outlet=("count_outlet", "sum"),
            count_rest=("count_rest", "sum"),
            w=("w", "sum"),
            wd=("wd", "sum"),
            z_min_event=("z", "min"),
            z_max_event=("z", "max"),
        ).reset_index()
        out["delta"] = out["wd"] / out["w"]
        out["variance"] = 1.0 / out["w"]
        out["z"] = out["delta"] / np.sqrt(out["variance"])
        pooled = out.groupby(["term", "ngram"])["count_outlet"].transform("sum")
        out = out[(pooled >= min_count) | out["kept"]]
        out = out.sort_values(
            ["scope", "outlet", "ngram", "z", "term"],
            ascending=[True, True, True, False, True],
            ignore_index=True,
        )[cols]
    out.attrs.update(
        {
            "method": "Monroe, Colaresi & Quinn (2008) log-odds within each event, "
            "pooled over events by inverse variance (fixed effect)",
            "comparison": "each outlet vs the other outlets of the same event",
            "prior": "informative Dirichlet prior from each event's pooled text",
            "prior_strength": float(prior_strength),
            "min_count": int(min_count),
            "scope": scope,
            "ngrams": sorted({int(n) for n in ngrams}),
            "segments": list(segments),
            "events_pooled": int(len(frames)),
        }
    )
    return out


def top_terms(
    keyness_table: pd.DataFrame,
    *,
    scope: str = "authorial",
    n: int = 10,
    min_count_outlet: int = 1,
) -> pd.DataFrame:
    """The ``n`` highest-z terms of each outlet in one scope (terms the outlet uses).

    Args:
        keyness_table: the ``keyness`` table.
        scope: one of ``SCOPES``.
        n: terms per outlet.
        min_count_outlet: only terms the outlet uses at least this often.

    Returns:
        Rows of the keyness table, ``n`` per outlet, by descending z.
    """
    check_choice("scope", scope, SCOPES)
    sub = keyness_table[
        (keyness_table["scope"] == scope) & (keyness_table["count_outlet"] >= min_count_outlet)
    ]
    sub = sub.sort_values(["outlet", "z", "term"], ascending=[True, False, True], kind="stable")
    return sub.groupby("outlet", sort=True).head(n).reset_index(drop=True)


def _with_settings(table: pd.DataFrame, attrs: dict, **extra) -> pd.DataFrame:
    """A copy of ``table`` whose ``attrs`` hold the statistic's and the figure's settings."""
    out = table.copy()
    out.attrs = {**dict(attrs), **extra}
    return out


def _label_points(ax, labelled: pd.DataFrame, all_z: pd.Series) -> None:
    """Label points; terms at the same spot share one label; labels are nudged apart."""
    groups = (
        labelled.assign(key=list(zip(labelled["freq"], labelled["z"].round(6), strict=True)))
        .groupby("key", sort=False)["term"]
        .apply(list)
    )
    span = float(all_z.max() - all_z.min()) or 1.0
    step = 0.045 * span
    placed: list[tuple[float, float]] = []
    for (freq, z), terms in sorted(groups.items(), key=lambda kv: (-abs(kv[0][1]), kv[0])):
        terms = sorted(terms)
        text = ", ".join(terms[:3]) + (f" (+{len(terms) - 3})" if len(terms) > 3 else "")
        lx, y = float(np.log10(freq)), float(z)
        direction = -1 if z >= 0 else 1
        while any(abs(lx - px) < 0.35 and abs(y - py) < step for px, py in placed):
            y += direction * step
        placed.append((lx, y))
        ax.annotate(
            text,
            (freq, z),
            xytext=(freq * 1.06, y),
            textcoords="data",
            fontsize=7,
            va="center",
            arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5} if y != z else None,
        )


MAX_PLOT_POINTS = 1000
"""At most this many terms are drawn per keyness figure (those with the largest |z|)."""


def plot_keyness(
    keyness_table: pd.DataFrame,
    outlet: str,
    *,
    scope: str = "authorial",
    n_labels: int = 12,
    fig_id: str | None = None,
    notebook: str | None = None,
    ax=None,
):
    """Scattertext-style static plot: term frequency (x, log) against z (y).

    The ``n_labels`` terms with the highest z and the ``n_labels // 2`` with the lowest
    z are labelled, leaving out terms made only of stop words (scikit-learn's English
    list), which are drawn but would crowd out the content words. Saved as ``keyness-<outlet-slug>-<scope>`` unless ``fig_id`` given,
    the slug unique among the table's outlets (:func:`analysis.figures.unique_slugs`).

    Args:
        keyness_table: the ``keyness`` table.
        outlet: the outlet to plot.
        scope: one of ``SCOPES``.
        n_labels: number of high-z terms labelled.
        fig_id: figure id override.
        notebook: notebook name recorded in the caption JSON.
        ax: optional Axes to draw on (then the figure is not saved).

    Returns:
        The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    from . import figures

    check_choice("scope", scope, SCOPES)
    sub = keyness_table[(keyness_table["scope"] == scope) & (keyness_table["outlet"] == outlet)]
    if sub.empty:
        valid = sorted(keyness_table["outlet"].unique())
        raise ValueError(f"outlet must be one of {', '.join(valid)}; got {outlet!r}")
    figures.style()
    save = ax is None
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 5.5))
    else:
        fig = ax.figure
    sub = sub.assign(freq=sub["count_outlet"] + sub["count_rest"])
    n_terms = len(sub)
    if n_terms > MAX_PLOT_POINTS:  # a large corpus: the terms that matter, drawn fast
        order = sub.assign(_abs=-sub["z"].abs()).sort_values(["_abs", "term"], kind="stable")
        sub = sub.loc[order.index[:MAX_PLOT_POINTS]]
    color = figures.outlet_colors(sorted(keyness_table["outlet"].unique()))[outlet]
    jitter = 1 + 0.04 * (sub["ngram"] - 1)
    for n, marker in ((1, "o"), (2, "s")):
        part = sub[sub["ngram"] == n]
        ax.scatter(
            part["freq"] * jitter[part.index],
            part["z"],
            s=12,
            marker=marker,
            color=color,
            alpha=0.45,
            linewidths=0,
            label="unigram" if n == 1 else "bigram",
        )
    part = sub[sub["ngram"] > 2]
    if len(part):
        ax.scatter(part["freq"], part["z"], s=20, marker="^", color="black", label="kept phrase")
    ax.set_xscale("log")
    ax.axhline(0, color="0.5", lw=0.6)
    for lim in (1.96, -1.96):
        ax.axhline(lim, color="0.7", lw=0.6, ls=":")
    # labels name content words: a term made only of stop words ("to", "of the") is drawn
    # but not labelled (issue 14: the top labels were function words)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    content = sub[~sub["term"].map(lambda t: all(w in ENGLISH_STOP_WORDS for w in t.split()))]
    top = content.sort_values(["z", "term"], ascending=[False, True], kind="stable").head(n_labels)
    low = content.sort_values(["z", "term"], kind="stable").head(max(n_labels // 2, 0))
    _label_points(ax, pd.concat([top, low]), sub["z"])
    ax.set_xlabel("term frequency in the whole corpus (log scale)")
    ax.set_ylabel(f"z (log-odds ratio, {outlet} vs rest)")
    a0 = float(sub["prior_strength"].iloc[0])
    ax.set_title(f"Distinctive terms: {outlet} ({scope} text, prior a0={a0:g})")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    if save:
        slugs = figures.unique_slugs(keyness_table["outlet"].unique())
        fid = fig_id or f"keyness-{slugs[outlet]}-{scope}"
        caption = (
            f"Fightin' Words log-odds z-score (Monroe, Colaresi & Quinn 2008) of each "
            f"unigram/bigram for {outlet} against the other outlets pooled, over "
            f"{scope} body text, against its corpus frequency. Prior strength a0={a0:g} "
            f"from the pooled corpus; dotted lines at |z|=1.96 are a visual guide only: "
            f"with five short articles z-scores are descriptive, not tests."
            + (
                f" Drawn: the {len(sub):,} of {n_terms:,} terms with the largest |z| (all are "
                "in the table)."
                if n_terms > len(sub)
                else ""
            )
        )
        cols = ["outlet", "scope", "term", "ngram", "count_outlet", "count_rest", "delta"]
        cols += ["variance", "z", "prior_strength"]
        figures.save_figure(
            fig,
            fid,
            caption=caption,
            table=_with_settings(
                sub[cols].sort_values(
                    ["z", "term", "ngram"], ascending=[False, True, True], kind="stable"
                ),
                keyness_table.attrs,
                figure={
                    "outlet": outlet,
                    "scope": scope,
                    "n_labels": n_labels,
                    "x": "count_outlet + count_rest (log)",
                    "y": "z",
                },
            ),
            source="keyness",
            **({"notebook": notebook} if notebook else {}),
        )
    return ax


def lexicon_terms(path) -> list[str]:
    """Terms of a loaded-terms lexicon YAML, for ``keep_terms`` (duck-typed reader).

    Reads the ``terms`` list: plain strings, or entries whose ``id``/``term`` and
    ``patterns`` give surface forms (the format of ``loaded_terms.yaml``). Patterns
    with a ``*`` wildcard are skipped: they match open word families that cannot be
    counted as one n-gram (the lexicon's own step counts them). A missing file gives an
    empty list; an unreadable one raises :class:`~analysis.errors.InputError`.
    """
    from pathlib import Path

    from .errors import InputError
    from .io import read_yaml

    path = Path(path)
    if not path.exists():
        return []
    data = read_yaml(path)
    entries = data.get("terms", []) if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise InputError(path, "expected a list under 'terms'")
    found: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            found.append(entry)
        elif isinstance(entry, dict):
            for key in ("id", "term"):
                if isinstance(entry.get(key), str):
                    found.append(entry[key])
            pats = entry.get("patterns") or []
            found.extend(p for p in pats if isinstance(p, str))
    return sorted({t for t in found if "*" not in t and t.strip()})


def keyness_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: the ``keyness`` table; lexicon terms (if any) are kept."""
    from .paths import LEXICON_DIR, PROJECT_ROOT

    lexicon = ctx.options.get("lexicon") or LEXICON_DIR / "loaded_terms.yaml"
    keep = lexicon_terms(lexicon)
    spans = ctx.tables.get("voice_spans")
    if spans is None:
        spans = ctx.tables["quote_spans"]
        ctx.notes.append("keyness: no voice_spans table; authorial = outside quotation marks")
    table = keyness(ctx.tables["sentences"], spans, keep_terms=keep)
    try:  # a path inside the project is recorded relative to it (same on every checkout)
        shown = Path(lexicon).resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        shown = str(lexicon)
    table.attrs["lexicon"] = shown if keep else ""
    from .events import article_event_map

    within = keyness_within_events(
        ctx.tables["sentences"], spans, article_event_map(ctx.tables), keep_terms=keep
    )
    within.attrs["lexicon"] = table.attrs["lexicon"]
    return {"keyness": table, "keyness_events": within}


def prior_sensitivity(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame | None = None,
    *,
    strengths: Iterable[float] = (50.0, 500.0, 5000.0),
    default: float = DEFAULT_PRIOR_STRENGTH,
    scope: str = "authorial",
    n: int = 10,
) -> pd.DataFrame:
    """How the ranking of distinctive terms depends on the prior strength ``a0``.

    Args:
        sentences: the sentences table.
        quote_spans: the quote_spans table.
        strengths: prior strengths to try (the default is added).
        default: the reference prior strength.
        scope: one of ``SCOPES``.
        n: size of the top list compared.

    Returns:
        One row per outlet x prior strength: ``outlet, prior_strength, spearman``
        (rank correlation of z with the default's z over the same terms),
        ``top_overlap`` (share of the default's top-``n`` terms also in this top-``n``)
        and ``top_terms`` (this strength's top-``n``, ``;``-separated).
    """
    from scipy.stats import spearmanr

    check_choice("scope", scope, SCOPES)
    strengths = sorted({float(s) for s in strengths} | {float(default)})
    tables = {
        s: keyness(sentences, quote_spans, scopes=[scope], prior_strength=s) for s in strengths
    }
    ref = tables[float(default)]
    rows = []
    for outlet in sorted(ref["outlet"].unique()):
        base = ref[ref["outlet"] == outlet].set_index(["term", "ngram"])["z"]
        base_top = set(top_terms(ref[ref["outlet"] == outlet], scope=scope, n=n)["term"])
        for s in strengths:
            tab = tables[s][tables[s]["outlet"] == outlet]
            z = tab.set_index(["term", "ngram"])["z"].reindex(base.index)
            top = top_terms(tab, scope=scope, n=n)["term"].tolist()
            rho = spearmanr(base.to_numpy(), z.to_numpy()).statistic
            rows.append(
                {
                    "outlet": outlet,
                    "prior_strength": s,
                    "spearman": float(rho),
                    "top_overlap": len(base_top & set(top)) / max(len(base_top), 1),
                    "top_terms": "; ".join(top),
                }
            )
    out = pd.DataFrame(rows)
    out.attrs.update({"default_prior_strength": float(default), "scope": scope, "n": int(n)})
    return out


def scope_contrast(keyness_table: pd.DataFrame, *, z_min: float = 1.5) -> pd.DataFrame:
    """Terms distinctive over all body text but not over authorial text.

    These owe their z to quotations: e.g. words of a Putin sentence that one outlet
    quotes at length. Returns ``outlet, term, ngram, count_all, count_authorial, z_all,
    z_authorial`` for terms with ``z_all >= z_min`` and ``z_authorial < z_min`` (NaN
    when the term does not occur outside quotations) and fewer authorial than total
    occurrences, sorted by outlet and ``z_all``.
    """
    cols = ["outlet", "term", "ngram", "count_outlet", "z"]
    a = keyness_table.loc[keyness_table["scope"] == "all", cols]
    b = keyness_table.loc[keyness_table["scope"] == "authorial", cols]
    m = a.merge(b, on=["outlet", "term", "ngram"], how="left", suffixes=("_all", "_authorial"))
    m = m.rename(
        columns={"count_outlet_all": "count_all", "count_outlet_authorial": "count_authorial"}
    )
    m["count_authorial"] = m["count_authorial"].fillna(0).astype(int)
    keep = (m["z_all"] >= z_min) & ~(m["z_authorial"] >= z_min)
    keep &= m["count_authorial"] < m["count_all"]
    out = m.loc[
        keep, ["outlet", "term", "ngram", "count_all", "count_authorial", "z_all", "z_authorial"]
    ]
    return out.sort_values(
        ["outlet", "z_all", "term", "ngram"],
        ascending=[True, False, True, True],
        kind="stable",
        ignore_index=True,
    )


def lexicon_terms_in_own_voice(
    keyness_table: pd.DataFrame,
    matches: pd.DataFrame,
    *,
    segments: Iterable[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """Every lexicon term an outlet writes in its own voice, with its keyness z.

    "Own voice" is the loaded-terms table's ``authorial`` voice (the one voice model,
    with its exclusions and naming choices), so this list and notebook 01 agree; ``z``
    is the highest authorial-scope z among the surface forms written.

    Args:
        keyness_table: the ``keyness`` table.
        matches: the ``loaded_terms`` table.
        segments: segments counted (default headline and body).

    Returns:
        ``outlet, term, category, count, forms, z`` sorted by outlet, z (descending)
        and term; ``z`` is NaN when no form was scored.
    """
    m = matches[(matches["voice"] == "authorial") & matches["segment"].isin(tuple(segments))]
    cols = ["outlet", "term", "category", "count", "forms", "z"]
    if m.empty:
        return pd.DataFrame(columns=cols)
    m = m.assign(form=[" ".join(_tokens(x)) for x in m["matched"]])
    k = keyness_table[keyness_table["scope"] == "authorial"]
    z = dict(zip(zip(k["outlet"], k["term"], strict=True), k["z"], strict=True))
    rows = []
    for (outlet, term, category), g in m.groupby(["outlet", "term", "category"], sort=True):
        forms = sorted(set(g["form"]))
        zs = [z[(outlet, f)] for f in forms if (outlet, f) in z]
        rows.append((outlet, term, category, len(g), "; ".join(forms), max(zs) if zs else np.nan))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["outlet", "z", "term"], ascending=[True, False, True], kind="stable", ignore_index=True
    )
