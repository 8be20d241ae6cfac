"""Lexicon induction for a new corpus: loaded-term candidates proposed with evidence.

A term is proposed for the user's loaded-terms lexicon when both

1. the biased-sentence classifier trained on BABE (:func:`analysis.validation.learned.fit_bias_classifier`)
   gives the word (or word bigram) a positive weight toward *biased*, at least
   ``min_weight``; and
2. it is distinctive for one outlet within events (``keyness_events``, Monroe et al.'s
   log-odds pooled over events, authorial text): ``z >= min_z``.

Candidates are never added to the lexicon: the table lists them with the outlet's
sentences that use them, for a person to accept or reject (issue 15 point 2).

References:
    Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021).
    Neural media bias detection using distant supervision with BABE. *Findings of
    EMNLP*, 1166-1177.
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical
    feature selection and evaluation for identifying the content of political
    conflict. *Political Analysis*, 16(4), 372-403.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DIGITS = 4
MIN_Z = 1.96
MIN_WEIGHT = 0.05
MAX_EXAMPLES = 3

TABLES = {
    "lexicon_candidates": {
        "description": (
            "Terms proposed for the loaded-terms lexicon (not added): weighted toward "
            "'biased' by the BABE classifier and distinctive for one outlet within events "
            "(keyness_events), with the outlet's sentences that use them."
        ),
        "columns": {
            "outlet": "the outlet for which the term is distinctive",
            "term": "the term (lower-cased unigram or bigram)",
            "ngram": "words in the term",
            "bias_weight": "the BABE classifier's weight of the term toward 'biased' "
            "(linear SVM coefficient on its word TF-IDF feature)",
            "z": "keyness_events z of the term for the outlet (pooled within events)",
            "n_events": "events pooled (keyness_events)",
            "count_outlet": "occurrences in the outlet (keyness_events)",
            "count_rest": "occurrences in the other outlets of the same events",
            "n_sentences": "the outlet's sentences containing the term",
            "sentence_ids": "up to 3 of them, ';'-separated (evidence)",
            "example_article_id": "article of the first example",
            "example_start": "raw offset of the first example sentence",
            "example_end": "raw end offset of the first example sentence",
            "example_text": "the first example sentence (raw[start:end])",
            "in_lexicon": "True if the term is already a loaded-terms lexicon phrase "
            "(keyness_events.kept)",
            "status": "always 'proposed': a person decides",
        },
    },
}


def bias_term_weights(model) -> dict[str, float]:
    """Word 1-2-gram weights toward 'biased' of a :func:`fit_bias_classifier` model.

    Args:
        model: ``(word_vectorizer, char_vectorizer, classifier)``.

    Returns:
        ``{term: coefficient}`` for every word feature (character features dropped).
    """
    word, _char, clf = model
    names = word.get_feature_names_out()
    coef = np.asarray(clf.coef_).ravel()[: len(names)]
    return {str(n): float(c) for n, c in zip(names, coef, strict=True)}


def _grams(text: str, n: int) -> set[str]:
    from analysis.measures.keyness import _tokens

    toks = _tokens(text)
    return {" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def lexicon_candidates(
    keyness_events: pd.DataFrame,
    sentences: pd.DataFrame,
    weights: dict[str, float],
    *,
    min_z: float = MIN_Z,
    min_weight: float = MIN_WEIGHT,
    scope: str = "authorial",
    max_examples: int = MAX_EXAMPLES,
    drop_stop_words: bool = True,
) -> pd.DataFrame:
    """Terms both classifier-weighted and outlet-distinctive, with evidence sentences.

    Args:
        keyness_events: the ``keyness_events`` table.
        sentences: the ``sentences`` table (``article_id, outlet, sentence_id, start,
            end, text``).
        weights: term weights toward 'biased' (:func:`bias_term_weights`).
        min_z: smallest keyness z kept (one-sided: the outlet uses the term more).
        min_weight: smallest classifier weight kept.
        scope: the keyness scope used.
        max_examples: evidence sentence ids listed per term.
        drop_stop_words: drop terms made only of scikit-learn's English stop words
            (on the seeds the classifier weights "he", "into", "with").

    Returns:
        The ``lexicon_candidates`` table, ordered by outlet, then ``z * bias_weight``
        (descending), then term.
    """
    cols = list(TABLES["lexicon_candidates"]["columns"])
    k = keyness_events[(keyness_events["scope"] == scope) & (keyness_events["z"] >= min_z)]
    if drop_stop_words:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        only_stop = k["term"].map(lambda t: all(w in ENGLISH_STOP_WORDS for w in str(t).split()))
        k = k[~only_stop]
    rows = []
    sent = sentences.sort_values(["article_id", "start"], kind="stable")
    grams_cache: dict[tuple[str, int], set[str]] = {}
    for r in k.itertuples(index=False):
        w = weights.get(str(r.term))
        if w is None or w < min_weight:
            continue
        n = int(r.ngram)
        mine = sent[sent["outlet"] == r.outlet]
        hits = []
        for s in mine.itertuples(index=False):
            key = (s.sentence_id, n)
            if key not in grams_cache:
                grams_cache[key] = _grams(s.text, n)
            if r.term in grams_cache[key]:
                hits.append(s)
        first = hits[0] if hits else None
        rows.append(
            {
                "outlet": r.outlet,
                "term": r.term,
                "ngram": n,
                "bias_weight": round(float(w), DIGITS),
                "z": round(float(r.z), DIGITS),
                "n_events": int(r.n_events),
                "count_outlet": int(r.count_outlet),
                "count_rest": int(r.count_rest),
                "n_sentences": len(hits),
                "sentence_ids": ";".join(h.sentence_id for h in hits[:max_examples]),
                "example_article_id": first.article_id if first else "",
                "example_start": int(first.start) if first else -1,
                "example_end": int(first.end) if first else -1,
                "example_text": first.text if first else "",
                "in_lexicon": bool(r.kept) if "kept" in k else False,
                "status": "proposed",
            }
        )
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out["_rank"] = -(out["z"] * out["bias_weight"])
        out = out.sort_values(["outlet", "_rank", "term"], kind="stable").drop(columns="_rank")
    out = out.reset_index(drop=True)
    out.attrs.update({"min_z": min_z, "min_weight": min_weight, "scope": scope})
    return out
