"""Tests for analysis.validation.learned: hand-computed metrics, target views, determinism, skips.

Tests on benchmark slices skip when data/external is absent (link it with `make
external`); the rest use hand-built fixtures and take well under a second each.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.paths import EXTERNAL_DIR
from analysis.pipeline import VALIDATION_SPECS, Context
from analysis.validation import learned as L


def _need(folder: str) -> None:
    if not (EXTERNAL_DIR / folder).exists():
        pytest.skip(f"data/external/{folder} absent: run `make external` to run this test")


# ------------------------------------------------------------------ hand computations
def test_weighted_f1_matches_hand_computation():
    # class 1: P = R = 2/3 (support 3); class 0: P = R = 1/2 (support 2)
    # weighted F1 = (3 * 2/3 + 2 * 1/2) / 5 = 0.6
    assert L.weighted_f1([1, 1, 1, 0, 0], [1, 1, 0, 0, 1]) == pytest.approx(0.6)


def test_topk_precision_recall_by_hand():
    ranked = [["a", "b", "c"], ["x", "y"]]
    gold = [{"a", "c"}, {"z"}]
    # top-2: a, b | x, y -> 1 hit of 4 proposed; 1 of 3 gold words found
    p, r, n = L.topk_precision_recall(ranked, gold, 2)
    assert (p, r, n) == (0.25, pytest.approx(1 / 3), 3)
    p3, r3, _ = L.topk_precision_recall(ranked, gold, 3)
    assert (p3, r3) == (pytest.approx(2 / 5), pytest.approx(2 / 3))


def test_target_view_marks_the_target():
    s = "Critics said Putin lied, but Kim smiled."
    v = L.target_view(s, 13, 18, k=2)
    assert v.masked == "critics said TARGETX lied , but kim smiled ."
    assert v.window == "l_critics l_said r_lied r_,"
    assert v.clause == "Critics said  TARGETX  lied"  # the clause ends at the comma
    assert v.position == pytest.approx(13 / len(s))
    kim = L.target_view(s, s.index("Kim"), s.index("Kim") + 3)
    assert kim.clause == "but  TARGETX  smiled."


def _toy_stance():
    sents = [
        "Putin lied again and hurt everyone.",
        "Critics praised Kim for the brave deal.",
        "Putin met officials on Tuesday.",
        "Kim was accused of a terrible crime.",
        "Observers applauded Putin for a wise decision.",
        "Kim travelled to the capital.",
    ]
    starts = [0, 16, 0, 0, 19, 0]
    ends = [5, 19, 5, 3, 24, 3]
    labels = ["negative", "positive", "neutral", "negative", "positive", "neutral"]
    return sents, starts, ends, labels


def test_stance_training_is_deterministic():
    sents, a, b, y = _toy_stance()
    p1 = L.StanceModel().fit(sents, a, b, y).predict_proba(sents, a, b)
    p2 = L.StanceModel().fit(sents, a, b, y).predict_proba(sents, a, b)
    pd.testing.assert_frame_equal(p1, p2)
    assert list(p1.columns) == ["p_negative", "p_neutral", "p_positive"]
    assert np.allclose(p1.sum(axis=1), 1.0)


def test_stance_from_mentions_maps_raw_offsets():
    sents, a, b, y = _toy_stance()
    model = L.StanceModel().fit(sents, a, b, y)
    # one article: two sentences at raw offsets 100 and 200
    sentences = pd.DataFrame(
        {
            "sentence_id": ["x-s001", "x-s002"],
            "start": [100, 200],
            "text": ["Putin lied again and hurt everyone.", "Kim travelled to the capital."],
        }
    )
    mentions = pd.DataFrame(
        {
            "article_id": ["x", "x", "x"],
            "outlet": ["O", "O", "O"],
            "sentence_id": ["x-s001", "x-s002", "x-s999"],  # the last has no sentence
            "actor": ["putin", "kim", "kim"],
            "mention": ["Putin", "Kim", "Kim"],
            "start": [100, 200, 900],
            "end": [105, 203, 903],
        }
    )
    per, agg = L.stance_from_mentions(sentences, mentions, model=model)
    assert len(per) == 2 and per["stance"].tolist() == ["negative", "neutral"]
    direct = model.predict_proba(sentences["text"], [0, 0], [5, 3]).round(L.DIGITS)
    assert per["p_negative"].tolist() == direct["p_negative"].tolist()
    assert agg[["actor", "n_mentions"]].values.tolist() == [["kim", 1], ["putin", 1]]
    shares = agg[["share_negative", "share_neutral", "share_positive"]].sum(axis=1)
    assert shares.tolist() == [1.0, 1.0]
    empty, empty_agg = L.stance_from_mentions(sentences, mentions.iloc[2:], model=model)
    assert empty.empty and "stance" in empty.columns and empty_agg.empty


def test_weighted_words_skips_stop_words_and_negative_weights():
    texts = np.array(["a radical mob", "the radical left", "officials said", "the report said"])
    model = L.fit_bias_classifier(texts, np.array([1, 1, 0, 0]))
    ranked = L.weighted_words(model, "The radical officials said")
    assert ranked[0] == "radical" and "the" not in ranked and "said" not in ranked


# ------------------------------------------------------------------ missing data
def test_missing_data_skips_and_keeps_the_table(tmp_path, monkeypatch):
    ctx = Context(articles=[], settings={"external": tmp_path})
    assert L.validation_learned_step(ctx) == {}
    assert any("validation_learned.csv kept" in n for n in ctx.notes)
    assert any("babe" in n and "absent" in n for n in ctx.notes)
    assert (
        "validation_learned",
        "analysis.validation.learned:validation_learned_step",
    ) in VALIDATION_SPECS


# ------------------------------------------------------------------ benchmark slices
def test_babe_read_counts():
    _need("babe")
    df = L.read_babe(EXTERNAL_DIR)
    assert len(df) == 3673 and int(df["biased"].sum()) == 1810
    first = df.iloc[1]
    assert first["biased_words"] == ["bizarre", "characteristically"]


def test_babe_slice_training_is_deterministic():
    _need("babe")
    df = L.read_babe(EXTERNAL_DIR).iloc[:400]
    x, y = df["text"].to_numpy(), df["biased"].to_numpy()
    p1 = L.predict_bias(L.fit_bias_classifier(x[:300], y[:300]), x[300:])
    p2 = L.predict_bias(L.fit_bias_classifier(x[:300], y[:300]), x[300:])
    assert p1.tolist() == p2.tolist()
    assert set(p1.tolist()) <= {0, 1}


def test_lexicons_read():
    for folder in ("babe", "recasens2013", "huliu_opinion_lexicon"):
        _need(folder)
    lex = L.read_lexicons(EXTERNAL_DIR)
    assert len(lex["huliu_positive"]) == 2006 and len(lex["huliu_negative"]) == 4783
    assert {"dictator", "regime", "claim"} <= lex["recasens_npov"]
    assert "strongman" not in lex["recasens_npov"]


def test_newsmtsc_read_counts():
    _need("newsmtsc")
    train = L.read_mtsc(EXTERNAL_DIR / L.MTSC_TRAIN)
    test = L.read_mtsc(EXTERNAL_DIR / L.MTSC_TEST)
    assert len(train) == 8739 and len(test) == 803
    assert train["gold"].value_counts().to_dict() == {
        "negative": 3316,
        "neutral": 3028,
        "positive": 2395,
    }
    row = train.iloc[0]
    assert row["sentence"][row["start"] : row["end"]] == row["mention"] == "Winner"


def test_generic_matches_carry_voice_and_nearest_target():
    text = "Critics said the brutal regime of Putin lied to Kim."
    sentences = pd.DataFrame(
        {
            "article_id": ["a", "a"],
            "outlet": ["O", "O"],
            "sentence_id": ["a-s001", "a-s002"],
            "start": [10, 100],
            "text": [text, "It was a brutal day."],
            "quote_share": [0.0, 1.0],
        }
    )
    mentions = pd.DataFrame(
        {
            "sentence_id": ["a-s001", "a-s001"],
            "actor": ["putin", "kim"],
            "start": [10 + text.index("Putin"), 10 + text.index("Kim")],
            "end": [10 + text.index("Putin") + 5, 10 + text.index("Kim") + 3],
        }
    )
    lex = {"neg": frozenset({"brutal", "lied"}), "npov": frozenset({"regime"})}
    out = L.generic_matches(sentences, lex, mentions=mentions)
    got = list(zip(out["term"], out["lexicon"], out["target"], out["voice"], strict=True))
    assert got == [
        ("brutal", "neg", "putin", "authorial"),
        ("regime", "npov", "putin", "authorial"),
        ("lied", "neg", "putin", "authorial"),  # 1 char from Putin, 8 from Kim
        ("brutal", "neg", "", "quoted"),
    ]
    first = out.iloc[0]
    assert text[first["start"] - 10 : first["end"] - 10] == "brutal"


# ------------------------------------------------- Recasens context features (issue 15)
def test_recasens_sentence_tokens_track_quotes():
    from analysis.validation.recasens_context import sentence_tokens

    got = sentence_tokens("He called it \u201ca brutal regime\u201d, aides said")
    assert got == [
        ("He", False),
        ("called", False),
        ("it", False),
        ("a", True),
        ("brutal", True),
        ("regime", True),
        ("aides", False),
        ("said", False),
    ]


def test_recasens_token_features_by_hand():
    from analysis.validation.recasens_context import sentence_tokens, token_features

    lists = {"bias": frozenset({"regime"}), "hedge": frozenset({"apparently"})}
    toks = sentence_tokens('Apparently the "regime" fell')  # 4 tokens
    f = token_features(toks, lists)
    assert len(f) == 4
    # "Apparently": hedge, first quintile, not 'cap' (sentence-initial); "regime" at +2
    assert f[0] == {"w=apparently": 1.0, "pos_q=0": 1.0, "hedge": 1.0, "bias@+2": 1.0}
    # "the": stop word, quintile 5*1//4 = 1, hedge at -1, bias at +1
    assert f[1] == {"w=the": 1.0, "pos_q=1": 1.0, "stop": 1.0, "hedge@-1": 1.0, "bias@+1": 1.0}
    # "regime": in quotes, bias itself, hedge at -2, quintile 5*2//4 = 2
    assert f[2] == {"w=regime": 1.0, "pos_q=2": 1.0, "quote": 1.0, "bias": 1.0, "hedge@-2": 1.0}
    # "fell": quintile 5*3//4 = 3, bias at -1
    assert f[3] == {"w=fell": 1.0, "pos_q=3": 1.0, "bias@-1": 1.0}


def test_recasens_candidates_are_distinct_tokens():
    from analysis.validation.recasens_context import sentence_candidates

    words, feats = sentence_candidates("Bad, bad news", {"neg": frozenset({"bad"})})
    assert words == ["bad", "news"]
    assert feats[0] == {"w=bad": 1.0, "pos_q=0": 1.0, "neg": 1.0, "neg@+1": 1.0}


@pytest.mark.slow
def test_recasens_context_beats_the_bare_list_on_babe():
    _need("babe")
    _need("recasens2013")
    from analysis.validation.recasens_context import recasens_token_validation

    rows = {r["metric"]: r for r in recasens_token_validation(EXTERNAL_DIR)}
    assert set(rows) == {"token_precision", "token_recall", "precision_at_1", "recall_at_1"}
    # the bare Recasens list scores token precision 0.0335 (validation_learned.csv)
    assert rows["token_precision"]["value"] > 0.3
    assert rows["token_recall"]["n"] == 3860
