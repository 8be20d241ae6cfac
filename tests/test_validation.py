"""Tests for analysis.validation.benchmarks (benchmarks in data/external; skipped when absent)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.paths import EXTERNAL_DIR, folders_with
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
    ctx = Context(articles=[], settings={"external": tmp_path})
    assert V.validation_step(ctx) == {}  # no table: results/validation_sentiment.csv untouched
    assert any("validation skipped" in n for n in ctx.notes)


# --- validation_summary: one table from a tiny hand-built results folder ------------------

SENTIMENT_CSV = """benchmark,method,metric,n,value,published,source,note
nyt_editorials,vader,pearson_r,10,0.5,0.492,"Hutto & Gilbert 2014, Table 4",r
nyt_editorials,vader,precision,10,0.7,0.69,"Hutto & Gilbert 2014, Table 4",p
nyt_editorials,afinn,pearson_r,10,0.48,,,r
nyt_editorials,individual_humans,pearson_r,,,0.745,"Hutto & Gilbert 2014, Table 4",
nyt_editorials,hu_liu_2004,pearson_r,,,0.487,"Hutto & Gilbert 2014, Table 4",
nyt_editorials,vader (3.3.2 re-run),pearson_r,,,0.503,re-run,
newsmtsc_rw_test,vader,macro_f1,8,0.51,,,whole sentence
newsmtsc_rw_test,roberta_gru_tsc,macro_f1,,,0.831,"Hamborg & Donnay 2021, Table 2",
"""

LEARNED_CSV = """method,benchmark,metric,value,published,target,n,notes
ridge,nyt_editorials,pearson_r,0.6,0.745,0.65,10,"10-fold; published: individual human 0.745"
vader_compound,nyt_editorials,pearson_r,0.5029,0.492,,10,"no training"
svm,babe_sg2,weighted_f1,0.74,0.804,0.78,6,"5-fold; published: BERT 0.804"
svm,babe_sg2,accuracy,0.74,,,6,"5-fold"
huliu_negative,babe_sg2_words,token_precision,0.25,,,4,"gold = biased_words"
individual_humans,nyt_editorials,pearson_r,,0.745,,,"Hutto & Gilbert 2014, Table 4"
"""

LOADED_CSV = """term,category,in_recasens_npov,in_babe_lexicon,babe_sentences,babe_biased,share_biased,ci_low,ci_high,babe_word_flagged
dictator,pejorative_label,True,True,10,9,0.9,0.6,0.99,5
rogue,pejorative_label,False,False,0,0,,,,0
threat,threat_framing,False,True,4,2,0.5,0.2,0.8,1
"""

SPEECH_CSV = """measure,n,correct,agreement,agreement_low,agreement_high,notes
voice,4,3,0.75,0.19,0.99,t1: span -> got authorial
rule:cue_after,2,2,1,0.16,1,
"""


@pytest.fixture
def tiny_results(tmp_path):
    for name, text in (
        ("validation_sentiment", SENTIMENT_CSV),
        ("validation_learned", LEARNED_CSV),
        ("validation_loaded_terms", LOADED_CSV),
        ("validation_speech", SPEECH_CSV),
    ):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    (tmp_path / "validation_loaded_terms.settings.json").write_text(
        '{"babe_base_rate_biased": 0.5}', encoding="utf-8"
    )
    return tmp_path


def _row(summary, method, benchmark, metric):
    sel = summary[
        (summary["method"] == method)
        & (summary["benchmark"] == benchmark)
        & (summary["metric"] == metric)
    ]
    assert len(sel) == 1, (method, benchmark, metric, len(sel))
    return sel.iloc[0]


def test_validation_summary_columns_and_rows(tiny_results):
    s = V.validation_summary(tiny_results)
    assert list(s.columns) == list(V.SUMMARY_COLUMNS)
    # headline metrics only: no precision, no accuracy, no per-rule speech rows
    assert not s["metric"].isin(["precision", "accuracy", "agreement_rule:cue_after"]).any()
    # vader_compound of the learned table is the sentiment table's vader: one row
    assert (s["method"] == "vader_compound").sum() == 0
    assert _row(s, "vader", "nyt_editorials", "pearson_r")["ours"] == 0.5
    # a published-only row carried by both tables appears once
    assert ((s["method"] == "individual_humans") & (s["metric"] == "pearson_r")).sum() == 1
    # order: NYT, NewsMTSC, BABE, BABE words, lexicons, speech; ours before published-only
    assert list(dict.fromkeys(s["benchmark"])) == [
        "nyt_editorials",
        "newsmtsc_rw_test",
        "babe_sg2",
        "babe_sg2_words",
        "recasens_npov",
        "babe_lexicon",
        "speech_spans",
    ]
    nyt = s[s["benchmark"] == "nyt_editorials"]
    assert nyt["ours"].notna().tolist() == [True, True, True, False, False, False]


def test_validation_summary_published_and_targets(tiny_results):
    s = V.validation_summary(tiny_results)
    # the method's own published figure stays
    assert _row(s, "vader", "nyt_editorials", "pearson_r")["published"] == 0.492
    # no figure of its own: the best published model (VADER 0.492 > Hu-Liu 0.487; the
    # human raters' 0.745 and the re-run's 0.503 are not published models)
    afinn = _row(s, "afinn", "nyt_editorials", "pearson_r")
    assert afinn["published"] == 0.492 and "vader" in afinn["notes"]
    assert _row(s, "vader", "newsmtsc_rw_test", "macro_f1")["published"] == 0.831
    # learned rows keep their reference and their target
    ridge = _row(s, "ridge", "nyt_editorials", "pearson_r")
    assert (ridge["ours"], ridge["published"], ridge["target"], ridge["n"]) == (
        0.6,
        0.745,
        0.65,
        10,
    )
    assert ridge["notes"].startswith("published: individual human 0.745")
    svm = _row(s, "svm", "babe_sg2", "weighted_f1")
    assert (svm["published"], svm["target"]) == (0.804, 0.78)
    assert pd.isna(_row(s, "huliu_negative", "babe_sg2_words", "token_precision")["published"])


def test_validation_summary_lexicon_and_speech_rows(tiny_results):
    s = V.validation_summary(tiny_results)
    # 1 of 3 terms in the Recasens list, 2 of 3 in BABE's
    assert _row(s, "event_lexicon", "recasens_npov", "share_of_terms_listed")["ours"] == 1 / 3
    assert _row(s, "event_lexicon", "babe_lexicon", "share_of_terms_listed")["ours"] == 2 / 3
    # 2 terms occur in BABE; only dictator's interval (0.6-0.99) is above the base rate 0.5
    above = _row(s, "event_lexicon", "babe_sg2", "share_of_terms_above_base_rate")
    assert (above["ours"], above["n"]) == (0.5, 2)
    assert "1 of the 2 terms" in above["notes"] and "1 terms never occur" in above["notes"]
    voice = _row(s, "attribution_rules", "speech_spans", "agreement_voice")
    assert (voice["ours"], voice["n"]) == (0.75, 4)
    assert "3 of 4 agree" in voice["notes"] and "got authorial" in voice["notes"]


def test_validation_summary_absent_tables(tmp_path, tiny_results):
    assert V.validation_summary(tmp_path / "nothing").empty
    (tiny_results / "validation_learned.csv").unlink()
    s = V.validation_summary(tiny_results)
    assert "ridge" not in set(s["method"])
    assert _row(s, "vader", "nyt_editorials", "pearson_r")["ours"] == 0.5


def test_validation_status_kept_when_data_absent(tiny_results, tmp_path):
    ext = tmp_path / "ext"
    (ext / "vader_icwsm2014").mkdir(parents=True)
    (ext / "newsmtsc").mkdir()
    (tiny_results / "validation_learned.csv").unlink()
    st = V.validation_status(tiny_results, external=ext).set_index("table")
    assert st.loc["validation_sentiment", "status"] == "recomputed from data/external"
    assert st.loc["validation_loaded_terms", "status"] == (
        "kept from a previous run (data/external/recasens2013, babe absent)"
    )
    assert st.loc["validation_learned", "status"].startswith("absent (data/external/babe")
    assert not st.loc["validation_learned", "table_present"]
    assert st.loc["validation_speech", "status"].startswith("recomputed from tests/fixtures")


def test_plot_validation_summary_saves_plotted_rows(tiny_results, tmp_path, monkeypatch):
    import json

    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path / "fig")))
    s = V.validation_summary(tiny_results)
    from analysis.viz.validation import plot_validation_summary

    plot_validation_summary(s)
    data = pd.read_csv(tmp_path / "fig" / "validation-ours-vs-published.csv")
    # ours with a published figure or a target: vader and afinn (NYT), ridge, NewsMTSC
    # vader, BABE svm
    assert data["method"].tolist() == ["vader", "afinn", "ridge", "vader", "svm"]
    meta = json.loads((tmp_path / "fig" / "validation-ours-vs-published.json").read_text())
    assert meta["source_table"] == "results/validation_learned.csv"
    assert (tmp_path / "fig" / "validation-ours-vs-published.png").stat().st_size > 0


def test_summary_value_and_target_report(tiny_results):
    s = V.validation_summary(tiny_results)
    assert V.summary_value(s, "ridge", "nyt_editorials", "pearson_r") == 0.6
    assert V.summary_value(s, "ridge", "nyt_editorials", "pearson_r", column="target") == 0.65
    assert math.isnan(V.summary_value(s, "ridge", "babe_sg2", "pearson_r"))
    with pytest.raises(ValueError, match="column must be one of ours, published, target, n"):
        V.summary_value(s, "ridge", "nyt_editorials", "pearson_r", column="value")
    t = V.target_report(s).set_index("method")
    assert t.index.tolist() == ["ridge", "svm"]
    assert not t["reached"].any()
    assert t.loc["ridge", "short_of_target"] == pytest.approx(0.05)
    assert t.loc["svm", "short_of_published"] == pytest.approx(0.064)
    assert t.loc["ridge", "published_is"] == "individual human 0.745"
