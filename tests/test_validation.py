"""Tests for analysis.validation.benchmarks (benchmarks in data/external; skipped when absent)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.paths import EXTERNAL_DIR
from analysis.pipeline import Context
from analysis.validation import benchmarks as V


def _need(folder: str):
    if not (EXTERNAL_DIR / folder).exists():
        pytest.skip(f"data/external/{folder} absent: link the benchmark data to run this test")


@pytest.fixture(scope="module")
def table():
    _need("vader_icwsm2014")
    _need("newsmtsc")
    out, notes = V.validation_sentiment(EXTERNAL_DIR)
    assert notes == []
    return out


def test_nyt_snippets_read():
    _need("vader_icwsm2014")
    snip = V.read_nyt_snippets(EXTERNAL_DIR)
    assert len(snip) == 5190
    first = snip.iloc[0]
    assert first["id"] == "1_1" and first["mean_rating"] == 0.4
    assert first["text"].startswith("On Dec. 19, around noon, New York City's Union Square")


def test_nyt_reproduces_vadersentiment_332(table):
    def value(method, metric):
        return V.validation_value(table, "nyt_editorials", method, metric)

    assert value("vader", "pearson_r") == pytest.approx(0.503, abs=0.0005)
    assert value("vader", "f1") == pytest.approx(0.549, abs=0.0005)
    assert value("vader", "precision") == pytest.approx(0.70, abs=0.005)
    assert value("vader", "recall") == pytest.approx(0.49, abs=0.005)
    row = table[
        (table["benchmark"] == "nyt_editorials")
        & (table["method"] == "vader")
        & (table["metric"] == "pearson_r")
    ].iloc[0]
    assert row["published"] == 0.492 and row["n"] == 5190
    # AFINN is a weaker but comparable second method
    assert 0.45 < value("afinn", "pearson_r") < value("vader", "pearson_r")
    published = table[table["value"].isna()].set_index(["method", "metric"])["published"]
    assert published[("individual_humans", "pearson_r")] == 0.745
    assert published[("individual_humans", "f1")] == 0.65
    assert published[("hu_liu_2004", "pearson_r")] == 0.487
    assert published[("vader (3.3.2 re-run)", "f1")] == 0.549


def test_newsmtsc_floor_and_published_best(table):
    def value(method):
        return V.validation_value(table, "newsmtsc_rw_test", method, "macro_f1")

    rw = table[table["benchmark"] == "newsmtsc_rw_test"]
    assert set(rw["n"].dropna()) == {803}  # 803 targets in the rw test split
    assert value("vader") == pytest.approx(0.513, abs=0.001)  # "about 0.51"
    assert value("vader_clause") > value("vader")
    best = rw[rw["method"] == "roberta_gru_tsc"].iloc[0]
    assert best["published"] == 0.831 and pd.isna(best["value"])
    assert max(rw["value"].dropna()) < 0.6  # lexicons stay far below the fine-tuned models


def test_newsmtsc_targets_read():
    _need("newsmtsc")
    data = V.read_newsmtsc(EXTERNAL_DIR)
    assert data["gold"].value_counts().to_dict() == {
        "neutral": 319,
        "negative": 295,
        "positive": 189,
    }
    first = data.iloc[0]
    assert first["sentence"][first["start"] : first["end"]] == "Seth"
    assert first["gold"] == "neutral"


def test_missing_data_skips_with_message(tmp_path, monkeypatch):
    out, notes = V.validation_sentiment(tmp_path)
    assert out is None
    assert len(notes) == 2
    assert "vader_icwsm2014" in notes[0] and "absent" in notes[0]
    assert "newsmtsc" in notes[1]
    monkeypatch.setenv("FRAMING_EXTERNAL", str(tmp_path))
    ctx = Context(articles=[])
    assert V.validation_step(ctx) == {}  # no table: results/validation_sentiment.csv untouched
    assert any("validation skipped" in n for n in ctx.notes)
