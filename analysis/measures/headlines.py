"""Headlines compared within each event: wording, tone, labels, verb and overlap.

A headline is the most read sentence of an article and the one an outlet writes most
deliberately, so it is compared on its own, story by story. This module adds no new
measure: it lines up, per article, what the other steps already found in its headline
(the sentence scorer's tone, loaded-term matches, actor mentions, the headline's
reporting verb) and adds one comparison, the word overlap with the other outlets'
headlines on the same event (Jaccard similarity of content-word sets: words of
:func:`analysis.text.sentences.words`, lower-cased, without scikit-learn's English stop
words). Pairs are formed only inside an event, so the work grows with the square of the
largest event, not of the corpus.

References:
    Jaccard, P. (1912). The distribution of the flora in the alpine zone. *New
    Phytologist*, 11(2), 37-50 (the set similarity used for overlap).
    Hutto, C. J., & Gilbert, E. (2014). VADER: a parsimonious rule-based model for
    sentiment analysis of social media text. *ICWSM-14* (the headline's tone).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.text.events import article_event_map
from analysis.text.sentences import words

TABLES = {
    "headline_comparison": {
        "description": (
            "One row per article: its headline beside the other outlets' headlines on the "
            "same event (tone, loaded terms, actors, reporting verb, word overlap). Articles "
            "whose file has no headline are listed with an empty headline."
        ),
        "columns": {
            "event": "event id (analysis.text.events)",
            "article_id": "article id",
            "outlet": "outlet",
            "headline": "the headline sentence as written (empty: no headline in the file)",
            "sentence_id": "its sentence id (raw[start:end] == headline)",
            "start": "offset of the headline in the raw file (-1 if none)",
            "end": "offset just after it (-1 if none)",
            "n_words": "words in the headline",
            "vader_compound": "the headline's VADER compound (the body sentences' scorer)",
            "vader_label": "negative / neutral / positive (VADER's +-0.05 cut-offs)",
            "loaded_terms": "lexicon terms matched in the headline, ';'-joined in text order",
            "actors": "actors named in the headline, ';'-joined in text order",
            "first_actor": "the first actor the headline names (empty if none)",
            "verb": "the headline's reporting verb (lemma; from headline_verbs)",
            "stance": "that verb's stance: neutral, marked or charged",
            "n_compared": "headlines of other outlets in the same event",
            "mean_jaccard": "mean content-word Jaccard similarity with them (empty if none)",
            "max_jaccard": "the highest of those similarities",
            "most_similar_id": "article id of the most similar one (ties: lowest id)",
        },
    },
}


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` without scikit-learn's English stop words."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(w for w in (t.lower() for t in words(text)) if w not in ENGLISH_STOP_WORDS)


def jaccard(a: frozenset, b: frozenset) -> float:
    """``|a & b| / |a | b|`` (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _joined(table: pd.DataFrame, sentence_ids: pd.Series, column: str) -> dict[str, str]:
    rows = table[table["sentence_id"].isin(set(sentence_ids))].sort_values(["sentence_id", "start"])
    return {
        sid: ";".join(dict.fromkeys(grp[column].astype(str)))
        for sid, grp in rows.groupby("sentence_id", sort=False)
    }


def headline_comparison(
    articles: pd.DataFrame,
    sentiment_sentences: pd.DataFrame,
    events: dict[str, str],
    *,
    loaded_terms: pd.DataFrame | None = None,
    actor_mentions: pd.DataFrame | None = None,
    headline_verbs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``headline_comparison`` table (see ``TABLES``), sorted by event and article.

    Args:
        articles: the articles table.
        sentiment_sentences: the scored sentences (the headline is the first sentence of
            segment ``headline``).
        events: ``{article_id: event}``.
        loaded_terms: the loaded-term matches (None: column left empty).
        actor_mentions: the actor mentions (None: columns left empty).
        headline_verbs: the headline verbs table (None: columns left empty).
    """
    cols = list(TABLES["headline_comparison"]["columns"])
    heads = sentiment_sentences[sentiment_sentences["segment"] == "headline"]
    heads = heads.assign(article_id=heads["article_id"].astype(str)).drop_duplicates("article_id")
    heads = heads.set_index("article_id")
    terms = _joined(loaded_terms, heads["sentence_id"], "term") if loaded_terms is not None else {}
    actors = (
        _joined(actor_mentions, heads["sentence_id"], "actor") if actor_mentions is not None else {}
    )
    verbs = {}
    if headline_verbs is not None:
        hv = headline_verbs.assign(article_id=headline_verbs["article_id"].astype(str))
        verbs = {
            a: (v, s) for a, v, s in hv[["article_id", "verb", "stance"]].itertuples(index=False)
        }
    rows = []
    for art in articles[["article_id", "outlet"]].astype(str).itertuples(index=False):
        h = heads.loc[art.article_id] if art.article_id in heads.index else None
        verb, stance = verbs.get(art.article_id, ("", ""))
        sid = "" if h is None else str(h["sentence_id"])
        named = actors.get(sid, "")
        rows.append(
            {
                "event": events[art.article_id],
                "article_id": art.article_id,
                "outlet": art.outlet,
                "headline": "" if h is None else str(h["text"]),
                "sentence_id": sid,
                "start": -1 if h is None else int(h["start"]),
                "end": -1 if h is None else int(h["end"]),
                "n_words": 0 if h is None else int(h["n_words"]),
                "vader_compound": np.nan if h is None else float(h["vader_compound"]),
                "vader_label": "" if h is None else str(h["vader_label"]),
                "loaded_terms": terms.get(sid, ""),
                "actors": named,
                "first_actor": named.split(";")[0] if named else "",
                "verb": "" if pd.isna(verb) else str(verb),
                "stance": "" if pd.isna(stance) else str(stance),
            }
        )
    out = pd.DataFrame(rows, columns=cols[:15])
    out = out.sort_values(["event", "article_id"], kind="stable").reset_index(drop=True)
    stats = {k: [] for k in ("n_compared", "mean_jaccard", "max_jaccard", "most_similar_id")}
    for _event, grp in out.groupby("event", sort=False):
        sets = {
            r.article_id: content_words(r.headline)
            for r in grp.itertuples(index=False)
            if r.headline
        }
        outlet_of = dict(zip(grp["article_id"], grp["outlet"], strict=True))
        for r in grp.itertuples(index=False):
            others = (
                []
                if r.article_id not in sets
                else [a for a in sorted(sets) if outlet_of[a] != r.outlet]
            )
            sims = [jaccard(sets[r.article_id], sets[a]) for a in others]
            stats["n_compared"].append(len(sims))
            stats["mean_jaccard"].append(float(np.mean(sims)) if sims else np.nan)
            stats["max_jaccard"].append(max(sims) if sims else np.nan)
            stats["most_similar_id"].append(others[int(np.argmax(sims))] if sims else "")
    for key, values in stats.items():
        out[key] = values
    out.attrs.update(
        {
            "overlap": "Jaccard similarity of content-word sets (analysis.text.sentences.words, "
            "lower-cased, without sklearn ENGLISH_STOP_WORDS), other outlets in the same event",
            "tone": "vader_compound of the headline sentence",
        }
    )
    return out[cols]


def headlines_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: the ``headline_comparison`` table."""
    t = ctx.tables
    return {
        "headline_comparison": headline_comparison(
            t["articles"],
            t["sentiment_sentences"],
            article_event_map(t),
            loaded_terms=t.get("loaded_terms"),
            actor_mentions=t.get("actor_mentions"),
            headline_verbs=t.get("headline_verbs"),
        )
    }
