"""Lexicon induction (issue 15 point 2): classifier-weighted, outlet-distinctive terms."""

from __future__ import annotations

import pandas as pd

from analysis.measures import lexicon_induction as li

KEYNESS = pd.DataFrame(
    [
        ("authorial", "A", "regime", 1, False, 1, 3, 0, 1.5, 0.5, 2.5),
        ("authorial", "A", "with", 1, False, 1, 5, 1, 1.0, 0.4, 2.2),  # stop word
        ("authorial", "A", "said", 1, False, 1, 4, 1, 1.0, 0.4, 2.4),  # negative weight
        ("authorial", "B", "regime", 1, False, 1, 0, 3, -1.5, 0.5, -2.5),  # not distinctive
        ("authorial", "B", "brutal regime", 2, True, 1, 2, 0, 1.2, 0.5, 2.0),
        ("quoted", "B", "thug", 1, False, 1, 2, 0, 1.2, 0.5, 3.0),  # other scope
    ],
    columns=["scope", "outlet", "term", "ngram", "kept", "n_events", "count_outlet"]
    + ["count_rest", "delta", "variance", "z"],
)
SENTENCES = pd.DataFrame(
    [
        ("a1", "A", "a1-s1", 0, 20, "The regime said no."),
        ("a1", "A", "a1-s2", 21, 40, "Regime officials met."),
        ("b1", "B", "b1-s1", 0, 30, "A brutal regime, with thugs."),
        ("b1", "B", "b1-s2", 31, 50, "The regime is brutal."),  # not the bigram
    ],
    columns=["article_id", "outlet", "sentence_id", "start", "end", "text"],
)
WEIGHTS = {"regime": 0.3, "with": 0.5, "said": -0.2, "brutal regime": 0.1, "thug": 0.9}


def test_candidates_by_hand():
    c = li.lexicon_candidates(KEYNESS, SENTENCES, WEIGHTS)
    assert list(c.columns) == list(li.TABLES["lexicon_candidates"]["columns"])
    assert list(zip(c["outlet"], c["term"], strict=True)) == [
        ("A", "regime"),
        ("B", "brutal regime"),
    ]
    a = c.iloc[0]
    assert (a.n_sentences, a.sentence_ids, a.bias_weight, a.z) == (2, "a1-s1;a1-s2", 0.3, 2.5)
    assert (a.example_start, a.example_end, a.example_text) == (0, 20, "The regime said no.")
    b = c.iloc[1]
    assert (b.n_sentences, b.sentence_ids, b.in_lexicon) == (1, "b1-s1", True)
    assert set(c["status"]) == {"proposed"}
    with_stop = li.lexicon_candidates(KEYNESS, SENTENCES, WEIGHTS, drop_stop_words=False)
    assert "with" in set(with_stop["term"])
    assert li.lexicon_candidates(KEYNESS, SENTENCES, WEIGHTS, min_z=3.0).empty


def test_weights_of_a_fitted_model():
    from analysis.validation.learned import fit_bias_classifier

    texts = ["the brutal regime lied", "the regime lied again", "officials met today"]
    texts += ["talks were held today"]
    w = li.bias_term_weights(fit_bias_classifier(texts, [1, 1, 0, 0]))
    assert w["lied"] > 0 and w["today"] < 0
    assert "brutal regime" in w  # word bigrams are features too


def test_seed_dictator_is_proposed_for_breitbart(seed_tables):
    # keyness_events: Breitbart uses "dictator" twice (001-s006, 001-s029), the others
    # never; z 1.28 within the one event, so below the default 1.96
    c = li.lexicon_candidates(
        seed_tables["keyness_events"], seed_tables["sentences"], {"dictator": 0.13}, min_z=1.0
    )
    r = c.set_index(["outlet", "term"]).loc[("Breitbart", "dictator")]
    assert (r.count_outlet, r.count_rest, r.n_sentences) == (2, 0, 2)
    assert r.sentence_ids == "001-s006;001-s029" and r.in_lexicon
    assert "communist dictator Kim Jong-un" in r.example_text
    assert li.lexicon_candidates(
        seed_tables["keyness_events"], seed_tables["sentences"], {"dictator": 0.13}
    ).empty
