"""Collocations: which words each outlet puts next to each actor, in its own voice.

For every outlet, its authorial text (headline and body runs of the voice model, so
quotations and reported speech are left out) becomes one token stream in which each
actor mention is one token (``@putin``). nltk's ``BigramCollocationFinder`` counts the
word pairs within a window of ``window`` tokens, and Dunning's log-likelihood ratio
(``BigramAssocMeasures.likelihood_ratio``) scores how much more often a word stands
next to the actor than chance. Stop words (scikit-learn's English list) and tokens
without a letter are left out. On a short text a count of 1 can score high: read the
score with the count beside it.

References:
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    *Computational Linguistics*, 19(1), 61-74.
    Bird, S., Klein, E., & Loper, E. (2009). *Natural Language Processing with Python*
    (nltk.collocations).
"""

from __future__ import annotations

import pandas as pd

DEFAULT_WINDOW = 5
"""Tokens within which a word counts as next to the actor (nltk's window_size)."""

TABLES = {
    "actor_collocations": {
        "description": (
            "Words each outlet puts near each actor in its own voice, scored by Dunning's "
            "log-likelihood ratio (nltk.collocations); one row per outlet x actor x word."
        ),
        "columns": {
            "outlet": "outlet",
            "actor": "actor id",
            "word": "the word (lower case)",
            "count": "times the word stands within the window of a mention of the actor",
            "llr": "log-likelihood ratio of the pair (higher = more associated)",
            "sentence_id": "the first sentence where they stand together (evidence)",
        },
    }
}


def _streams(sentences, voice_spans, mentions):
    """Per outlet: the authorial tokens (``@actor`` for a mention) and their sentence."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from analysis.text.sentences import words

    own = voice_spans[
        (voice_spans["voice"] == "authorial") & voice_spans["segment"].isin(("headline", "body"))
    ]
    outlet = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    by_article = dict(tuple(mentions.groupby("article_id", sort=False)))
    streams: dict[str, tuple[list[str], list[str]]] = {}
    for r in own.sort_values(["article_id", "start"], kind="stable").itertuples(index=False):
        ms = by_article.get(r.article_id)
        toks, sids = streams.setdefault(outlet.get(r.article_id, ""), ([], []))
        pos = r.start
        inside = (
            []
            if ms is None
            else [
                (int(m.start), int(m.end), m.actor)
                for m in ms.itertuples(index=False)
                if r.start <= m.start and m.end <= r.end
            ]
        )
        for start, end, actor in sorted(inside) + [(r.end, r.end, None)]:
            for w in words(r.text[pos - r.start : start - r.start]):
                w = w.lower()
                if len(w) > 1 and any(c.isalpha() for c in w) and w not in ENGLISH_STOP_WORDS:
                    toks.append(w)
                    sids.append(r.sentence_id)
            if actor is not None:
                toks.append(f"@{actor}")
                sids.append(r.sentence_id)
            pos = max(pos, end)
    return streams


def actor_collocations(
    sentences: pd.DataFrame,
    voice_spans: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    window: int = DEFAULT_WINDOW,
    min_count: int = 1,
) -> pd.DataFrame:
    """The ``actor_collocations`` table (see ``TABLES``), by outlet, actor, descending
    llr, then word.

    Raises:
        ValueError: ``window`` below 2 or ``min_count`` below 1.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    if window < 2:
        raise ValueError(f"window must be >= 2; got {window!r}")
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1; got {min_count!r}")
    measure = BigramAssocMeasures.likelihood_ratio
    rows = []
    for outlet, (toks, sids) in sorted(_streams(sentences, voice_spans, mentions).items()):
        if not toks:
            continue
        finder = BigramCollocationFinder.from_words(toks, window_size=window)
        first: dict[tuple[str, str], str] = {}
        for i, t in enumerate(toks):
            for j in range(i + 1, min(i + window, len(toks))):
                pair = (t, toks[j])
                first.setdefault(pair, sids[i])
        for (a, b), llr in finder.score_ngrams(measure):
            actor_a, actor_b = a.startswith("@"), b.startswith("@")
            if actor_a == actor_b:
                continue
            actor, word = (a[1:], b) if actor_a else (b[1:], a)
            rows.append((outlet, actor, word, finder.ngram_fd[(a, b)], llr, first[(a, b)]))
    cols = list(TABLES["actor_collocations"]["columns"])
    out = pd.DataFrame(rows, columns=cols)
    # a word before and after the actor: one row, counts summed, the higher score kept
    out = (
        out.groupby(["outlet", "actor", "word"], sort=False)
        .agg(count=("count", "sum"), llr=("llr", "max"), sentence_id=("sentence_id", "min"))
        .reset_index()
    )
    out = out[out["count"] >= min_count]
    out = out.sort_values(
        ["outlet", "actor", "llr", "word"], ascending=[True, True, False, True], kind="stable"
    ).reset_index(drop=True)[cols]
    out.attrs.update(
        {
            "method": "nltk BigramCollocationFinder, Dunning log-likelihood ratio",
            "window": int(window),
            "text": "authorial runs of the voice model (headline + body); stop words removed",
            "min_count": int(min_count),
        }
    )
    return out


def collocations_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: the ``actor_collocations`` table."""
    t = ctx.tables
    return {
        "actor_collocations": actor_collocations(
            t["sentences"], t["voice_spans"], t["actor_mentions"]
        )
    }
