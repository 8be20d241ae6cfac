"""Coverage and omission: which facts each outlet reports, leads with, buries or omits.

Body sentences of all articles are aligned into shared *information units*:

1. every body sentence becomes a TF-IDF vector (scikit-learn's ``TfidfVectorizer``
   weighting over the project tokeniser, its English stop words removed, sublinear
   term frequency, unigrams: on the seeds bigrams split paraphrases of one fact;
   optionally reduced by LSA, i.e. truncated SVD);
2. sentences are compared by cosine similarity;
3. average-linkage agglomerative clustering (scipy's algorithm) cuts the tree at cosine
   distance ``1 - threshold``: every unit's sentences are on average at least
   ``threshold`` similar to each other.

TF-IDF and cosine come from scikit-learn (sparse), average linkage and the flat cut
from scipy. Units are found within each event (:mod:`analysis.text.events`), so the
similarity matrix is dense per event (``n_sentences_in_event**2`` floats), never over
the whole corpus.

The threshold is a choice, not a fact: :func:`coverage_sensitivity` shows how the
number and sharing of units changes with it. A unit's label is its most central
sentence (highest mean similarity to the unit's other sentences). Full sentence text
is used, quotations included: a quoted warning is a fact the outlet chose to report.

References:
    Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic text
    retrieval. *Information Processing & Management*, 24(5), 513-523.
    Deerwester, S., Dumais, S. T., Furnas, G. W., Landauer, T. K., & Harshman, R.
    (1990). Indexing by latent semantic analysis. *JASIS*, 41(6), 391-407.
    Sokal, R. R., & Michener, C. D. (1958). A statistical method for evaluating
    systematic relationships (UPGMA). *University of Kansas Science Bulletin*, 38.
    Hubert, L., & Arabie, P. (1985). Comparing partitions. *Journal of
    Classification*, 2, 193-218 (adjusted Rand index).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.errors import check_choice
from analysis.text.events import EVENT_COLUMN_DOC, article_event_map, split_by_event, with_event

METHODS = ("tfidf", "lsa")
"""Sentence vectorisers: plain TF-IDF, or LSA (truncated SVD) over TF-IDF."""

DEFAULT_THRESHOLD = 0.2
"""Default minimum average cosine similarity inside a unit (see docs/across-outlets.md)."""

DEFAULT_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
"""Thresholds tried by :func:`coverage_sensitivity`."""

TABLES = {
    "coverage": {
        "description": (
            "Information units (clusters of similar body sentences across articles): one "
            "row per unit x outlet, present/absent and position in the article."
        ),
        "columns": {
            "event": EVENT_COLUMN_DOC,
            "unit_id": "information unit id (u001 = carried by most outlets, earliest)",
            "label": "the unit's most central sentence (highest mean similarity in the unit)",
            "label_sentence_id": "sentence_id of the label sentence",
            "n_outlets": "number of outlets that carry the unit",
            "n_unit_sentences": "number of sentences in the unit, all outlets",
            "outlet": "the outlet",
            "present": "True if the outlet has at least one sentence in the unit",
            "position": "relative position of the outlet's first sentence in the unit among "
            "the article's body sentences: 0 = lead, 1 = last; empty if absent",
            "lead": "True if present and in the first 20% of the body (position <= 0.2)",
            "sentence_ids": "the outlet's sentence ids in the unit, ';'-separated",
            "article_id": "article of the first sentence (empty if absent)",
            "sentence_id": "the outlet's first sentence in the unit (empty if absent)",
            "start": "raw offset where that sentence starts (-1 if absent)",
            "end": "raw offset where that sentence ends (-1 if absent)",
            "text": "that sentence's text (raw[start:end]; empty if absent)",
            "similarity": "mean cosine similarity of that sentence to the unit's other "
            "sentences (empty if absent or singleton)",
        },
    },
    "coverage_sensitivity": {
        "description": "How the information units change with the clustering threshold.",
        "columns": {
            "event": "the event (one event), or 'all': units clustered within each event and "
            "counted over all events",
            "threshold": "minimum average cosine similarity inside a unit",
            "n_units": "number of units",
            "n_shared": "units carried by two or more outlets",
            "n_all_outlets": "units carried by every outlet",
            "n_one_outlet": "units carried by a single outlet",
            "share_sentences_shared": "share of body sentences that fall in shared units",
            "ari_vs_default": "adjusted Rand index of the partition against the default "
            "threshold's partition (1 = identical)",
            "is_default": "True for the threshold used in results/coverage.csv",
        },
    },
    "coverage_exclusive": {
        "description": "Units that only one outlet reports (one row per sentence of the unit).",
        "columns": {
            "event": EVENT_COLUMN_DOC,
            "unit_id": "information unit id",
            "outlet": "the only outlet that reports it",
            "position": "position of the unit's first sentence in the article (0 = lead)",
            "article_id": "the article",
            "sentence_id": "the sentence",
            "start": "raw offset of the sentence start",
            "end": "raw offset of the sentence end",
            "text": "the sentence text",
        },
    },
    "coverage_omissions": {
        "description": "Units that every outlet but one reports: who leaves them out.",
        "columns": {
            "event": EVENT_COLUMN_DOC,
            "unit_id": "information unit id",
            "missing_outlet": "the one outlet without the unit",
            "label": "the unit's most central sentence",
            "label_sentence_id": "sentence_id of the label",
            "n_outlets": "outlets carrying the unit",
            "mean_position": "mean position among the outlets that carry it (0 = lead)",
            "closest_sentence_id": "the missing outlet's body sentence most similar to the unit "
            "(mean cosine similarity to the unit's sentences); empty if not computed",
            "closest_similarity": "that mean similarity (below the threshold, else it would "
            "be in the unit)",
            "closest_text": "that sentence's text",
        },
    },
}

LEAD_CUTOFF = 0.2


def _tokens(text: str) -> list[str]:
    from analysis.measures.keyness import _tokens as tok

    return tok(text)


def body_sentences(sentences: pd.DataFrame, *, segments: Iterable[str] = ("body",)) -> pd.DataFrame:
    """Body sentences with their relative position (0 = lead, 1 = last) per article."""
    segs = tuple(segments)
    body = sentences[sentences["segment"].isin(segs)].copy()
    body = body.sort_values(["article_id", "start"], ignore_index=True)
    rank = body.groupby("article_id").cumcount()
    size = body.groupby("article_id")["start"].transform("size")
    body["position"] = np.where(size > 1, rank / (size - 1).clip(lower=1), 0.0)
    return body


def sentence_similarity(
    body: pd.DataFrame,
    *,
    method: str = "tfidf",
    ngram_range: tuple[int, int] = (1, 1),
    n_components: int = 100,
    seed: int = 0,
) -> np.ndarray:
    """Cosine similarity matrix of sentence vectors (TF-IDF or LSA).

    Args:
        body: sentences with a ``text`` column.
        method: ``"tfidf"`` or ``"lsa"``.
        ngram_range: TF-IDF n-gram range.
        n_components: LSA dimensions (capped below the vocabulary/sentence count).
        seed: random state for the SVD.

    Returns:
        A square ``len(body) x len(body)`` array with ones on the diagonal (for
        non-empty vectors).
    """
    check_choice("method", method, METHODS)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vec = TfidfVectorizer(
        tokenizer=_tokens,
        lowercase=False,
        token_pattern=None,
        stop_words=sorted(ENGLISH_STOP_WORDS),
        ngram_range=ngram_range,
        sublinear_tf=True,
    )
    with warnings.catch_warnings():  # our tokeniser lower-cases: the stop words match
        warnings.filterwarnings(
            "ignore", message="Your stop_words may be inconsistent", category=UserWarning
        )
        x = vec.fit_transform(body["text"].tolist())
    if method == "lsa":
        from sklearn.decomposition import TruncatedSVD
        from sklearn.preprocessing import normalize

        k = max(1, min(n_components, x.shape[0] - 1, x.shape[1] - 1))
        x = normalize(TruncatedSVD(n_components=k, random_state=seed).fit_transform(x))
    sim = cosine_similarity(x)
    np.clip(sim, 0.0, 1.0, out=sim)
    return sim


def cluster_units(sim: np.ndarray, *, threshold: float = DEFAULT_THRESHOLD) -> np.ndarray:
    """Average-linkage clusters with mean within-cluster similarity >= ``threshold``.

    scipy's ``linkage(method="average")`` (UPGMA) on cosine distance ``1 - sim``, cut by
    ``fcluster(criterion="distance")`` at ``1 - threshold``.

    Args:
        sim: square cosine similarity matrix.
        threshold: in (0, 1].

    Returns:
        Integer cluster labels (0-based, in order of first appearance).

    References:
        Sokal, R. R., & Michener, C. D. (1958). A statistical method for evaluating
        systematic relationships. University of Kansas Science Bulletin 38.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
    n = sim.shape[0]
    if n < 2:
        return np.zeros(n, dtype=int)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    dist = (dist + dist.T) / 2
    z = linkage(squareform(dist, checks=False), method="average")
    raw = fcluster(z, t=1.0 - threshold + 1e-12, criterion="distance")
    _, first = np.unique(raw, return_index=True)
    order = {raw[i]: k for k, i in enumerate(sorted(first))}
    return np.array([order[r] for r in raw], dtype=int)


def information_units(
    sentences: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "tfidf",
    segments: Iterable[str] = ("body",),
    sim: np.ndarray | None = None,
) -> pd.DataFrame:
    """Body sentences with their information unit.

    ``sim`` may be given: the :func:`sentence_similarity` of these body sentences,
    computed once and shared by the steps that need it.

    Returns:
        The body sentences (``article_id, outlet, sentence_id, start, end, text,
        position``) plus ``unit`` (cluster label), ``centrality`` (mean similarity to
        the unit's other sentences; NaN for singletons).
    """
    body = body_sentences(sentences, segments=segments)
    if sim is None:
        sim = sentence_similarity(body, method=method)
    labels = cluster_units(sim, threshold=threshold)
    body["unit"] = labels
    cent = np.full(len(body), np.nan)
    for u in np.unique(labels):
        idx = np.flatnonzero(labels == u)
        if len(idx) > 1:
            block = sim[np.ix_(idx, idx)]
            cent[idx] = (block.sum(axis=1) - 1.0) / (len(idx) - 1)
    body["centrality"] = cent
    return body


def _most_central(rows: list[dict]) -> dict:
    """The unit's label sentence: the first of highest centrality (the first if none)."""
    best = None
    for r in rows:
        c = r["centrality"]
        if not np.isnan(c) and (best is None or c > best["centrality"]):
            best = r
    return best if best is not None else rows[0]


def coverage(
    sentences: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    method: str = "tfidf",
    segments: Iterable[str] = ("body",),
    sim: np.ndarray | None = None,
) -> pd.DataFrame:
    """The ``coverage`` table: one row per information unit x outlet (``sim``: see
    :func:`information_units`).

    Args:
        sentences: the sentences table.
        threshold: minimum average cosine similarity inside a unit.
        method: ``"tfidf"`` or ``"lsa"``.
        segments: which segments are aligned (default body only).

    Returns:
        The ``coverage`` table (see ``TABLES``); units ordered by number of outlets
        (descending) then mean position; settings in ``attrs``.
    """
    units = information_units(
        sentences, threshold=threshold, method=method, segments=segments, sim=sim
    )
    outlets = sorted(sentences["outlet"].unique())
    by_unit: dict[int, list[dict]] = {}
    for r in units.to_dict("records"):  # in article, start order
        by_unit.setdefault(r["unit"], []).append(r)
    summary, label_of = [], {}
    for u in sorted(by_unit):
        grp = by_unit[u]
        lab = _most_central(grp)
        label_of[u] = lab
        first_pos: dict[str, float] = {}
        for r in grp:
            first_pos[r["outlet"]] = min(first_pos.get(r["outlet"], np.inf), r["position"])
        mean_first = float(np.mean([first_pos[o] for o in sorted(first_pos)]))
        summary.append((u, -len(first_pos), mean_first, lab["start"], lab["article_id"]))
    order = sorted(summary, key=lambda t: t[1:])
    uid = {u: f"u{k + 1:03d}" for k, (u, *_rest) in enumerate(order)}
    rows = []
    for u, *_rest in order:
        grp, lab = by_unit[u], label_of[u]
        n_out = len({r["outlet"] for r in grp})
        for outlet in outlets:
            mine = sorted(
                (r for r in grp if r["outlet"] == outlet),
                key=lambda r: (r["position"], r["article_id"]),
            )
            base = {
                "unit_id": uid[u],
                "label": lab["text"],
                "label_sentence_id": lab["sentence_id"],
                "n_outlets": n_out,
                "n_unit_sentences": len(grp),
                "outlet": outlet,
            }
            if mine:
                first = mine[0]
                base.update(
                    present=True,
                    position=float(first["position"]),
                    lead=bool(first["position"] <= LEAD_CUTOFF),
                    sentence_ids=";".join(r["sentence_id"] for r in mine),
                    article_id=first["article_id"],
                    sentence_id=first["sentence_id"],
                    start=int(first["start"]),
                    end=int(first["end"]),
                    text=first["text"],
                    similarity=first["centrality"],
                )
            else:
                base.update(
                    present=False,
                    position=np.nan,
                    lead=False,
                    sentence_ids="",
                    article_id="",
                    sentence_id="",
                    start=-1,
                    end=-1,
                    text="",
                    similarity=np.nan,
                )
            rows.append(base)
    out = pd.DataFrame(rows, columns=list(TABLES["coverage"]["columns"]))
    out.attrs.update(
        {
            "method": method,
            "vectoriser": "TfidfVectorizer(project tokeniser, English stop words, "
            "ngram_range=(1, 1), sublinear_tf=True)",
            "similarity": "cosine",
            "clustering": "scipy average linkage, cut at cosine distance 1 - threshold",
            "threshold": float(threshold),
            "segments": list(segments),
            "lead_cutoff": LEAD_CUTOFF,
            "n_sentences": len(units),
        }
    )
    return out


def coverage_sensitivity(
    sentences: pd.DataFrame,
    *,
    thresholds: Iterable[float] = DEFAULT_THRESHOLDS,
    default: float = DEFAULT_THRESHOLD,
    method: str = "tfidf",
    segments: Iterable[str] = ("body",),
    sim: np.ndarray | None = None,
) -> pd.DataFrame:
    """How units change with the clustering threshold (see ``TABLES``)."""
    body = body_sentences(sentences, segments=tuple(segments))
    if sim is None:
        sim = sentence_similarity(body, method=method)
    return sensitivity_over_blocks(
        [(body["outlet"].to_numpy(), sim)], thresholds=thresholds, default=default, method=method
    )


def sensitivity_over_blocks(
    blocks: list[tuple[np.ndarray, np.ndarray]],
    *,
    thresholds: Iterable[float] = DEFAULT_THRESHOLDS,
    default: float = DEFAULT_THRESHOLD,
    method: str = "tfidf",
) -> pd.DataFrame:
    """The sensitivity table over several events: units are clustered within each block
    (one event: its sentences' outlets and similarity matrix) and counted over all.

    ``n_all_outlets`` counts units carried by every outlet of their own event; the
    adjusted Rand index compares the concatenated labels (an event never shares a unit
    with another, so the index is that of the whole partition).
    """
    from sklearn.metrics import adjusted_rand_score

    grid = sorted(set(float(x) for x in thresholds) | {float(default)})
    labels = {t: [] for t in grid}
    rows = []
    for t in grid:
        n_units = n_shared = n_all = n_one = n_sent = n_sent_shared = 0
        offset = 0
        for outlets, sim in blocks:
            lab = cluster_units(sim, threshold=t)
            labels[t].append(lab + offset)
            offset += int(lab.max()) + 1 if len(lab) else 0
            codes = pd.factorize(outlets)[0]
            n_outlets = len(set(codes.tolist()))
            k = int(lab.max()) + 1 if len(lab) else 0
            per_unit = [set() for _ in range(k)]
            for u, o in zip(lab.tolist(), codes.tolist(), strict=True):
                per_unit[u].add(o)
            size = np.array([len(x) for x in per_unit], dtype=int)
            n_units += k
            n_shared += int((size >= 2).sum())
            n_all += int((size == n_outlets).sum())
            n_one += int((size == 1).sum())
            n_sent += len(lab)
            n_sent_shared += int((size[lab] >= 2).sum()) if len(lab) else 0
        rows.append((t, n_units, n_shared, n_all, n_one, n_sent_shared, n_sent))
    ref = np.concatenate(labels[float(default)]) if blocks else np.zeros(0, dtype=int)
    out_rows = []
    for t, n_units, n_shared, n_all, n_one, n_sent_shared, n_sent in rows:
        lab = np.concatenate(labels[t]) if blocks else np.zeros(0, dtype=int)
        out_rows.append(
            {
                "threshold": t,
                "n_units": n_units,
                "n_shared": n_shared,
                "n_all_outlets": n_all,
                "n_one_outlet": n_one,
                "share_sentences_shared": n_sent_shared / n_sent if n_sent else np.nan,
                "ari_vs_default": float(adjusted_rand_score(ref, lab)) if len(lab) else np.nan,
                "is_default": bool(np.isclose(t, default)),
            }
        )
    cols = [c for c in TABLES["coverage_sensitivity"]["columns"] if c != "event"]
    out = pd.DataFrame(out_rows, columns=cols)
    out.attrs.update({"method": method, "default_threshold": float(default)})
    return out


def exclusive_units(coverage_table: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """What only one outlet reports: every sentence of the single-outlet units."""
    cols = [c for c in TABLES["coverage_exclusive"]["columns"] if c != "event"]
    one = coverage_table[(coverage_table["n_outlets"] == 1) & coverage_table["present"]]
    if one.empty:
        return pd.DataFrame(columns=cols)
    sent = sentences.set_index("sentence_id")
    rows = []
    for r in one.itertuples(index=False):
        for sid in r.sentence_ids.split(";"):
            s = sent.loc[sid]
            rows.append(
                (r.unit_id, r.outlet, r.position, s["article_id"], sid, int(s["start"]))
                + (int(s["end"]), s["text"])
            )
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(coverage_table.attrs)
    return out


def omitted_units(
    coverage_table: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    sim: np.ndarray | None = None,
) -> pd.DataFrame:
    """What every outlet but one reports, and which outlet leaves it out.

    Args:
        coverage_table: the ``coverage`` table.
        sentences: the sentences table; when given, the missing outlet's closest body
            sentence is reported (so a reader can judge whether it is a paraphrase just
            below the threshold rather than a true omission).

    Returns:
        The ``coverage_omissions`` table.
    """
    cols = [c for c in TABLES["coverage_omissions"]["columns"] if c != "event"]
    n_all = coverage_table["outlet"].nunique()
    sub = coverage_table[(coverage_table["n_outlets"] == n_all - 1) & (n_all > 1)]
    body = sim = None
    if sentences is not None and len(sub):
        segs = coverage_table.attrs.get("segments", ["body"])
        body = body_sentences(sentences, segments=segs)
        if sim is None:
            sim = sentence_similarity(body, method=coverage_table.attrs.get("method", "tfidf"))
    rows = []
    for uid, grp in sub.groupby("unit_id", sort=True):
        missing = grp.loc[~grp["present"], "outlet"].iloc[0]
        first = grp.iloc[0]
        closest = ("", np.nan, "")
        if body is not None:
            ids = [i for x in grp["sentence_ids"].dropna() for i in str(x).split(";") if i]
            members = np.flatnonzero(body["sentence_id"].isin(ids).to_numpy())
            cand = np.flatnonzero((body["outlet"] == missing).to_numpy())
            if len(members) and len(cand):
                score = sim[np.ix_(cand, members)].mean(axis=1)
                k = cand[int(np.argmax(score))]
                closest = (body["sentence_id"].iat[k], float(score.max()), body["text"].iat[k])
        rows.append(
            (uid, missing, first["label"], first["label_sentence_id"])
            + (int(first["n_outlets"]), float(grp["position"].mean()))
            + closest
        )
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(coverage_table.attrs)
    return out


def units_matching(coverage_table: pd.DataFrame, pattern: str) -> pd.DataFrame:
    """Rows of units in which some outlet's sentence matches a regex (case-insensitive)."""
    rx = re.compile(pattern, re.IGNORECASE)
    hit = coverage_table.loc[coverage_table["text"].fillna("").map(lambda t: bool(rx.search(t)))]
    return coverage_table[coverage_table["unit_id"].isin(set(hit["unit_id"]))]


def unit_overlap(coverage_table: pd.DataFrame) -> pd.DataFrame:
    """How many information units each pair of articles shares.

    Args:
        coverage_table: the ``coverage`` table.

    Returns:
        One row per ordered pair of articles (a != b) with ``article_a_id``,
        ``outlet_a``, ``article_b_id``, ``outlet_b``, ``n_units_a`` (units article a
        carries), ``n_shared`` (units both carry) and ``n_shared_only`` (units carried by
        these two articles and no other).
    """
    present = coverage_table[coverage_table["present"].astype(bool)]
    units = present.groupby("article_id")["unit_id"].apply(set)
    carriers = present.groupby("unit_id")["article_id"].apply(frozenset)
    outlet = dict(zip(present["article_id"], present["outlet"], strict=True))
    rows = []
    for a in sorted(units.index):
        for b in sorted(units.index):
            if a == b:
                continue
            shared = units[a] & units[b]
            only = sum(carriers[u] == frozenset({a, b}) for u in shared)
            rows.append((a, outlet[a], b, outlet[b], len(units[a]), len(shared), int(only)))
    cols = ["article_a_id", "outlet_a", "article_b_id", "outlet_b", "n_units_a", "n_shared"]
    return pd.DataFrame(rows, columns=cols + ["n_shared_only"])


def coverage_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``coverage``, ``coverage_sensitivity``, ``coverage_exclusive``,
    ``coverage_omissions``."""
    parts = split_by_event(ctx.tables["sentences"], article_event_map(ctx.tables))
    # unit ids are unique within an event; with several events they carry its id
    prefix = ("unit_id",) if len(parts) > 1 else ()
    out: dict[str, list[pd.DataFrame]] = {}
    blocks = []
    for event, sentences in parts:
        body = body_sentences(sentences)
        sim = sentence_similarity(body)  # once per event, shared below
        blocks.append((body["outlet"].to_numpy(), sim))
        cov = coverage(sentences, sim=sim)
        tables = {
            "coverage": cov,
            "coverage_exclusive": exclusive_units(cov, sentences),
            "coverage_omissions": omitted_units(cov, sentences, sim=sim),
        }
        for name, table in tables.items():
            ids = prefix if "unit_id" in table else ()
            out.setdefault(name, []).append(with_event(table, event, prefix_ids=ids))
    result = {}
    for name, tables in out.items():
        table = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
        table.attrs = dict(tables[0].attrs)
        if len(tables) > 1:
            table.attrs["events"] = len(tables)
        result[name] = table
    # one sensitivity table: units clustered within each event, counted over all
    sens = sensitivity_over_blocks(blocks)
    result["coverage_sensitivity"] = with_event(sens, parts[0][0] if len(parts) == 1 else "all")
    if len(parts) > 1:
        result["coverage_sensitivity"].attrs["events"] = len(parts)
    return result


def full_coverage_units(coverage_table: pd.DataFrame) -> list[str]:
    """Units carried by every outlet that covers the unit's event.

    With one event this is the units all outlets carry. With several, an outlet that wrote
    nothing on an event does not count against its units, and an event covered by a single
    outlet contributes none (there is nothing to compare).

    Args:
        coverage_table: the ``coverage`` table (one row per unit and outlet of its event).

    Returns:
        Unit ids, sorted.
    """
    present = coverage_table[coverage_table["present"].astype(bool)]
    carried = present.groupby("unit_id")["outlet"].nunique()
    if "event" in coverage_table:
        per_event = coverage_table.groupby("event")["outlet"].nunique()
        event_of = coverage_table.drop_duplicates("unit_id").set_index("unit_id")["event"]
        needed = event_of.map(per_event).reindex(carried.index)
    else:
        needed = pd.Series(coverage_table["outlet"].nunique(), index=carried.index)
    keep = carried[(carried == needed) & (needed >= 2)]
    return sorted(keep.index)
