"""Outlets compared within events, then pooled (analysis.measures.across_events)."""

import pandas as pd
import pytest

from analysis.measures.across_events import (
    loaded_term_event_effects,
    loaded_term_events,
    outlet_event_effects,
    outlet_events,
)


def test_seed_matrix_matches_outlet_sentiment(seed_tables):
    m = seed_tables["outlet_events"].set_index("outlet")
    so = seed_tables["sentiment_outlets"]
    vader = so[(so["level"] == "outlet") & (so["method"] == "vader") & (so["voice"] == "all")]
    vader = vader[vader["segment_group"] == "body"].set_index("outlet")
    for outlet in m.index:
        assert m.loc[outlet, "n_sentences"] == vader.loc[outlet, "n_sentences"]
        assert m.loc[outlet, "mean_compound"] == pytest.approx(vader.loc[outlet, "mean_score"])
    assert set(m["event"]) == {"E001"} and m["covered"].all()


def test_seed_effects_are_paired_differences_without_interval(seed_tables):
    m = seed_tables["outlet_events"].set_index("outlet")["mean_compound"]
    eff = seed_tables["outlet_event_effects"].set_index("outlet")
    others = m.drop("BBC (republished)").mean()
    assert eff.loc["BBC (republished)", "mean_difference"] == pytest.approx(
        m["BBC (republished)"] - others
    )
    # one event: one difference per outlet, and no interval (the data cannot carry one)
    assert (eff["n_events"] == 1).all()
    assert eff["ci_low"].isna().all() and eff["ci_high"].isna().all()


def _matrix():
    return pd.DataFrame(
        {
            "event": ["E1", "E1", "E1", "E2", "E2", "E2", "E3", "E3", "E3"],
            "outlet": ["A", "B", "C"] * 3,
            "covered": [True, True, True, True, True, False, True, False, False],
            "n_articles": [1, 1, 1, 1, 1, 0, 1, 0, 0],
            "n_sentences": [10, 10, 10, 5, 5, 0, 4, 0, 0],
            "mean_compound": [0.2, 0.0, -0.2, 0.1, -0.1, None, 0.9, None, None],
            "share_negative": [0.1] * 9,
        }
    )


def test_effects_pair_within_events_and_resample_events():
    eff = outlet_event_effects(_matrix(), n_boot=500, seed=1).set_index("outlet")
    # A: E1 0.2 - mean(0.0, -0.2) = 0.3; E2 0.1 - (-0.1) = 0.2; E3 has no other outlet
    assert eff.loc["A", "n_events"] == 2
    assert eff.loc["A", "mean_difference"] == pytest.approx(0.25)
    assert eff.loc["A", "n_sentences"] == 15
    assert eff.loc["A", "ci_low"] == pytest.approx(0.2)  # both resampled events E2
    assert eff.loc["A", "ci_high"] == pytest.approx(0.3)
    assert eff.loc["C", "n_events"] == 1 and pd.isna(eff.loc["C", "ci_low"])
    again = outlet_event_effects(_matrix(), n_boot=500, seed=1).set_index("outlet")
    pd.testing.assert_frame_equal(eff, again)


def test_matrix_lists_outlets_that_did_not_cover_an_event():
    sents = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c"],
            "outlet": ["X", "X", "Y", "X"],
            "segment": ["body", "body", "body", "headline"],
            "vader_compound": [0.5, -0.5, 0.2, 0.9],
            "vader_label": ["positive", "negative", "positive", "positive"],
        }
    )
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"]})
    m = outlet_events(sents, arts, {"a": "E1", "b": "E1", "c": "E2"})
    assert len(m) == 4
    row = m.set_index(["event", "outlet"])
    assert not row.loc[("E2", "Y"), "covered"] and row.loc[("E2", "Y"), "n_articles"] == 0
    assert row.loc[("E1", "X"), "mean_compound"] == 0.0
    assert row.loc[("E1", "X"), "share_negative"] == 0.5
    # c has only a headline: covered, but no body sentence scored
    assert row.loc[("E2", "X"), "covered"] and pd.isna(row.loc[("E2", "X"), "mean_compound"])


def test_seed_loaded_term_matrix_agrees_with_loaded_term_rates(seed_tables):
    m = seed_tables["loaded_term_events"].set_index(["outlet", "voice"])
    rates = seed_tables["loaded_term_rates"]
    rates = rates[rates["segment_group"] == "headline+body"]
    by_voice = rates.groupby(["outlet", "voice"])["count"].sum().unstack()
    # Breitbart: 17 authorial matches (1 quoted, 2 reported) over 878 headline+body words
    assert (
        m.loc[("Breitbart", "authorial"), "count"] == 17 == by_voice.loc["Breitbart", "authorial"]
    )
    assert m.loc[("Breitbart", "all"), "count"] == 20
    assert m.loc[("Breitbart", "all"), "n_words"] == 878
    assert m.loc[("Breitbart", "authorial"), "rate_per_1000"] == pytest.approx(17 / 878 * 1000)
    for outlet in by_voice.index:
        assert m.loc[(outlet, "all"), "count"] == by_voice.loc[outlet].sum()


def test_seed_loaded_term_effects_have_one_event_and_no_interval(seed_tables):
    eff = seed_tables["loaded_term_event_effects"].set_index(["outlet", "voice"])
    m = seed_tables["loaded_term_events"]
    own = m[m["voice"] == "authorial"].set_index("outlet")["rate_per_1000"]
    assert eff.loc[("Breitbart", "authorial"), "mean_difference"] == pytest.approx(
        own["Breitbart"] - own.drop("Breitbart").mean()
    )
    assert (eff["n_events"] == 1).all() and eff["ci_low"].isna().all()


def test_loaded_term_effects_pair_rates_within_events():
    loaded = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c", "d"],
            "outlet": ["X", "X", "Y", "X", "Y"],
            "segment": ["body", "headline", "body", "body", "caption"],
            "voice": ["authorial", "quoted", "authorial", "authorial", "authorial"],
        }
    )
    sents = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d", "d"],
            "outlet": ["X", "Y", "X", "Y", "Y"],
            "segment": ["body", "body", "body", "body", "caption"],
            "n_words": [100, 200, 50, 100, 10],
        }
    )
    arts = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "outlet": ["X", "Y", "X", "Y"]})
    events = {"a": "E1", "b": "E1", "c": "E2", "d": "E2"}
    m = loaded_term_events(loaded, sents, arts, events).set_index(["event", "outlet", "voice"])
    # E1: X 1 authorial (+1 quoted in the headline) in 100 words, Y 1 in 200
    assert m.loc[("E1", "X", "authorial"), "rate_per_1000"] == 10.0
    assert m.loc[("E1", "X", "all"), "count"] == 2
    assert m.loc[("E1", "Y", "authorial"), "rate_per_1000"] == 5.0
    # E2: X 1 in 50 words = 20; Y's only match is in a caption (not counted): 0 in 100
    assert m.loc[("E2", "Y", "authorial"), "count"] == 0
    assert m.loc[("E2", "Y", "authorial"), "n_words"] == 100
    eff = loaded_term_event_effects(m.reset_index(), n_boot=200, seed=3)
    x = eff.set_index(["outlet", "voice"]).loc[("X", "authorial")]
    # differences 10 - 5 = 5 and 20 - 0 = 20: mean 12.5, resampled means within [5, 20]
    assert (x.n_events, x["count"], x.n_words) == (2, 2, 150)
    assert x.mean_difference == pytest.approx(12.5)
    assert 5 <= x.ci_low < x.ci_high <= 20
