"""Outlets compared within events, then pooled (analysis.measures.across_events)."""

import pandas as pd
import pytest

from analysis.measures.across_events import outlet_event_effects, outlet_events


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
