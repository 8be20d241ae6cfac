"""Near-duplicate articles: the same wire story under two outlets, a story saved twice.

Two articles are near duplicates when most of one's word 5-gram shingles (headline and
body, quotations included, lower-cased) occur in the other: containment (Broder 1997) of
at least ``threshold`` (default 0.8) in either direction. Candidate pairs come from an
inverted shingle index, so only articles that share a shingle are ever compared;
shingles found in more than ``max_df`` articles (stock phrases) are not used to find
candidates.

The user chooses what happens (``--duplicates``): ``error`` (default) stops on two files
with the same bytes (:func:`analysis.text.corpus.iter_articles`) and keeps near duplicates,
listed in the ``duplicates`` table; ``keep`` reads and keeps exact copies too; ``drop``
removes the contained article of each pair (the one with the higher containment; on a tie
the later id) before any measure is computed, so a wire story is counted once.

References:
    Broder, A. Z. (1997). On the resemblance and containment of documents.
    *Compression and Complexity of Sequences 1997*, 21-29.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

DUPLICATE_POLICIES = ("error", "keep", "drop")
"""What ``--duplicates`` does with a near-duplicate pair."""

DEFAULT_THRESHOLD = 0.8
"""Minimum containment (either direction) for a near duplicate."""

DEFAULT_MAX_DF = 50
"""Shingles in more articles than this do not propose candidate pairs."""

TABLES = {
    "duplicates": {
        "description": (
            "Pairs of near-duplicate articles (analysis.text.duplicates): most of one article's "
            "word 5-grams occur in the other."
        ),
        "columns": {
            "article_a_id": "first article (lower id)",
            "outlet_a": "its outlet",
            "article_b_id": "second article",
            "outlet_b": "its outlet",
            "same_outlet": "True when both are from one outlet (a story saved twice)",
            "shingles_a": "distinct 5-gram shingles of article a",
            "shingles_b": "distinct 5-gram shingles of article b",
            "shared": "shingles in both",
            "containment_a": "shared / shingles_a (how much of a is in b)",
            "containment_b": "shared / shingles_b",
            "jaccard": "shared / union",
            "kind": "exact (the same shingles) or near",
            "action": "kept, or dropped_a / dropped_b under --duplicates drop",
        },
    }
}


def _shingle_sets(sentences: pd.DataFrame, n: int, segments) -> dict[str, set[int]]:
    from analysis.text.sentences import words

    body = sentences[sentences["segment"].isin(segments)]
    out: dict[str, set[int]] = {}
    for aid, grp in body.groupby("article_id", sort=True):
        toks = [w.lower() for t in grp["text"] for w in words(t) if any(c.isalnum() for c in w)]
        out[str(aid)] = {hash(tuple(toks[i : i + n])) for i in range(len(toks) - n + 1)}
    return out


def near_duplicates(
    sentences: pd.DataFrame,
    *,
    n: int = 5,
    threshold: float = DEFAULT_THRESHOLD,
    max_df: int = DEFAULT_MAX_DF,
    segments: tuple[str, ...] = ("headline", "body"),
) -> pd.DataFrame:
    """The ``duplicates`` table (``action`` = kept), by article ids.

    Raises:
        ValueError: ``threshold`` not in (0, 1] or ``n`` < 1.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n!r}")
    sets = _shingle_sets(sentences, n, segments)
    outlet = dict(zip(sentences["article_id"].astype(str), sentences["outlet"], strict=True))
    postings: dict[int, list[str]] = defaultdict(list)
    for aid in sorted(sets):
        for s in sets[aid]:
            postings[s].append(aid)
    shared: Counter = Counter()
    for ids in postings.values():
        if 1 < len(ids) <= max_df:
            for x, a in enumerate(ids):
                for b in ids[x + 1 :]:
                    shared[(a, b)] += 1
    rows = []
    for (a, b), k in sorted(shared.items()):
        na, nb = len(sets[a]), len(sets[b])
        # a pair found through stock shingles only is recounted exactly
        k = len(sets[a] & sets[b])
        ca, cb = k / na, k / nb
        if max(ca, cb) < threshold:
            continue
        union = na + nb - k
        rows.append(
            {
                "article_a_id": a,
                "outlet_a": outlet[a],
                "article_b_id": b,
                "outlet_b": outlet[b],
                "same_outlet": outlet[a] == outlet[b],
                "shingles_a": na,
                "shingles_b": nb,
                "shared": k,
                "containment_a": ca,
                "containment_b": cb,
                "jaccard": k / union if union else 1.0,
                "kind": "exact" if k == na == nb else "near",
                "action": "kept",
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["duplicates"]["columns"]))
    out.attrs.update(
        {
            "method": "word n-gram shingle containment (Broder 1997), inverted-index candidates",
            "shingle_words": int(n),
            "threshold": float(threshold),
            "max_df": int(max_df),
            "segments": list(segments),
        }
    )
    return out


def articles_to_drop(duplicates: pd.DataFrame) -> list[str]:
    """Under ``drop``: the contained article of each pair (higher containment; tie: later
    id), never both of a pair, in id order."""
    drop: set[str] = set()
    for r in duplicates.itertuples(index=False):
        if r.article_a_id in drop or r.article_b_id in drop:
            continue
        victim = r.article_a_id if r.containment_a > r.containment_b else r.article_b_id
        drop.add(victim)
    return sorted(drop)


def duplicates_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step (first after segmentation): the ``duplicates`` table; under
    ``duplicates: drop`` the contained articles leave every table before the measures."""
    policy = ctx.settings.duplicates
    if policy not in DUPLICATE_POLICIES:
        raise ValueError(
            f"duplicates must be one of {', '.join(DUPLICATE_POLICIES)}; got {policy!r}"
        )
    table = near_duplicates(ctx.tables["sentences"])
    table.attrs["policy"] = policy
    if policy == "drop" and len(table):
        drop = set(articles_to_drop(table))
        table["action"] = [
            "dropped_a" if a in drop else "dropped_b" if b in drop else "kept"
            for a, b in zip(table["article_a_id"], table["article_b_id"], strict=True)
        ]
        ctx.articles[:] = [a for a in ctx.articles if a.article_id not in drop]
        for name in ("articles", "segments", "sentences", "quote_spans"):
            t = ctx.tables[name]
            ctx.tables[name] = t[~t["article_id"].astype(str).isin(drop)].reset_index(drop=True)
            ctx.tables[name].attrs = dict(t.attrs)
        from analysis.text.segment import segment_composition

        ctx.tables["segment_composition"] = segment_composition(ctx.tables["segments"])
        ctx.notes.append(
            f"dropped {len(drop)} near-duplicate article(s): {', '.join(sorted(drop))}"
        )
    return {"duplicates": table}
