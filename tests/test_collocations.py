"""Collocations of actors in each outlet's own voice (analysis.measures.collocations)."""

import pandas as pd
import pytest

from analysis.measures.collocations import actor_collocations


def test_seed_breitbart_puts_strongman_next_to_putin(seed_tables):
    c = seed_tables["actor_collocations"]
    b = c[(c["outlet"] == "Breitbart") & (c["actor"] == "putin")].set_index("word")
    # 001-s004 "Russian strongman Vladimir Putin said …": the outlet's own words
    assert b.loc["strongman", ["count", "sentence_id"]].tolist() == [1, "001-s004"]
    assert b.loc["strongman", "llr"] > 0
    # "very big mistake" in the same sentence is a quotation: not the outlet's voice
    assert "mistake" not in b.index
    assert (c["count"] >= 1).all() and not c["word"].str.startswith("@").any()


def _tables():
    text = "Strongman Putin warned Seoul. Critics said Putin lied."
    sents = pd.DataFrame(
        [
            {
                "article_id": "a",
                "outlet": "X",
                "sentence_id": "a-s1",
                "segment": "body",
                "start": 0,
                "end": len(text),
                "text": text,
            }
        ]  # fmt: skip
    )
    # "Critics said Putin lied." is reported speech: only the first sentence is authorial
    spans = pd.DataFrame(
        [
            {
                "article_id": "a",
                "sentence_id": "a-s1",
                "segment": "body",
                "start": 0,
                "end": 30,
                "voice": "authorial",
                "speaker": "",
                "text": text[:30],
            },
            {
                "article_id": "a",
                "sentence_id": "a-s1",
                "segment": "body",
                "start": 30,
                "end": len(text),
                "voice": "reported",
                "speaker": "critics",
                "text": text[30:],
            },
        ]  # fmt: skip
    )
    mentions = pd.DataFrame(
        [
            {"article_id": "a", "actor": "putin", "start": 10, "end": 15},
            {"article_id": "a", "actor": "putin", "start": 43, "end": 48},
        ]  # fmt: skip
    )
    return sents, spans, mentions


def test_words_in_reported_speech_do_not_count():
    c = actor_collocations(*_tables(), window=3)
    words = set(c["word"])
    assert {"strongman", "warned", "seoul"} <= words
    assert "lied" not in words and "critics" not in words


def test_bad_settings_raise():
    with pytest.raises(ValueError, match="window must be >= 2"):
        actor_collocations(*_tables(), window=1)
