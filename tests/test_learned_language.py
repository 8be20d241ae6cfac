"""Tests for analysis.measures.learned_language: hand-built sentences, determinism, skips."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures import learned_language as LL
from analysis.pipeline import STEP_SPECS, Context, table_docs
from analysis.validation.learned import fit_bias_classifier

TRAIN = [
    ("The corrupt regime spewed outrageous lies again.", 1),
    ("The radical thugs unleashed a shameful assault.", 1),
    ("A disgraceful, reckless tyrant bullied the nation.", 1),
    ("The outrageous radical regime lied shamelessly.", 1),
    ("The minister met the ambassador on Tuesday.", 0),
    ("The treaty was signed in the capital on Monday.", 0),
    ("Officials said the talks would resume next week.", 0),
    ("The delegation arrived in the city on Wednesday.", 0),
]


def _model():
    texts, labels = zip(*TRAIN, strict=True)
    return fit_bias_classifier(list(texts), list(labels))


def _sentences():
    rows = [
        ("a1", "Out A", "a1-s001", "headline", 0, 40, "The corrupt regime spewed outrageous lies."),
        ("a1", "Out A", "a1-s002", "body", 41, 90, "The minister met the ambassador on Monday."),
        ("a1", "Out A", "a1-s003", "teaser", 91, 130, "A shameful, reckless tyrant bullied them."),
        ("b1", "Out B", "b1-s001", "body", 0, 45, "Officials said the strongman arrived Tuesday."),
    ]
    cols = ["article_id", "outlet", "sentence_id", "segment", "start", "end", "text"]
    return pd.DataFrame(rows, columns=cols).assign(quote_share=0.0)


def test_sentence_bias_scores_loaded_sentences_biased_and_lists_weighted_words():
    sb = LL.sentence_bias(_sentences(), _model())
    assert sb.columns.tolist() == LL.SENTENCE_BIAS_COLUMNS
    assert sb["biased"].tolist() == [True, False, True, False]
    assert (sb["score"] > 0).tolist() == sb["biased"].tolist()
    # the words of s001 seen only in Biased training sentences rank on top
    assert set(sb.loc[0, "top_words"].split(";")) <= {
        "corrupt",
        "regime",
        "spewed",
        "outrageous",
        "lies",
    }
    assert sb.loc[0, "top_words"].count(";") == LL.TOP_K - 1
    assert sb.loc[1, "sentence"] == "The minister met the ambassador on Monday."


def test_fitting_twice_gives_identical_predictions():
    a = LL.sentence_bias(_sentences(), _model())
    b = LL.sentence_bias(_sentences(), _model())
    pd.testing.assert_frame_equal(a, b)


def test_voice_at_takes_the_span_holding_the_start():
    matches = pd.DataFrame({"article_id": ["a1", "a1", "a1", "b1"], "start": [5, 20, 35, 3]})
    spans = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a1"],
            "start": [0, 10, 30],
            "end": [10, 30, 40],
            "voice": ["authorial", "quoted", "reported"],
            "speaker": [None, "putin", None],
        }
    )
    voices, speakers = LL.voice_at(matches, spans)
    assert voices == ["authorial", "quoted", "reported", "authorial"]
    assert speakers == ["unattributed", "putin", "unattributed", "unattributed"]


def test_generic_loaded_terms_voice_target_and_offsets():
    s = _sentences()
    spans = pd.DataFrame(
        {
            "article_id": ["b1"],
            "start": [0],
            "end": [45],
            "voice": ["reported"],
            "speaker": ["kim"],
        }
    )
    mentions = pd.DataFrame(
        {"sentence_id": ["a1-s001"], "actor": ["putin"], "start": [4], "end": [18]}
    )
    lex = {"neg": frozenset({"corrupt", "strongman"})}
    out = LL.generic_loaded_terms(s, lex, mentions=mentions, voice_spans=spans)
    assert out.columns.tolist() == LL.GENERIC_COLUMNS
    assert out[
        ["sentence_id", "term", "start", "end", "voice", "speaker", "target"]
    ].values.tolist() == [
        ["a1-s001", "corrupt", 4, 11, "authorial", "unattributed", "putin"],
        ["b1-s001", "strongman", 19, 28, "reported", "kim", ""],
    ]
    assert out["segment"].tolist() == ["headline", "body"]


def _loaded_terms():
    return pd.DataFrame(
        {
            "sentence_id": ["a1-s002", "a1-s002", "b1-s001", "a1-s001"],
            "term": ["strongman", "kiev", "dictator", "regime"],
            "category": ["pejorative_label", "place_name", "pejorative_label", "evaluative"],
            "voice": ["authorial", "authorial", "authorial", "quoted"],
        }
    )


def test_bias_by_outlet_counts_headline_and_body_only():
    sb = LL.sentence_bias(_sentences(), _model())
    by = LL.bias_by_outlet(sb, _loaded_terms())
    # Out A: s001 (biased, quoted lexicon match only), s002 (unbiased, authorial
    # 'strongman'); s003 is a teaser, not counted. Out B: b1-s001 unbiased, authorial.
    assert by[["outlet", "n_sentences", "n_biased", "n_lexicon", "n_both"]].values.tolist() == [
        ["Out A", 2, 1, 1, 0],
        ["Out B", 1, 0, 1, 0],
    ]
    # Clopper-Pearson 95% for 1 of 2: (0.0126, 0.9874)
    assert by.loc[0, ["ci_low", "ci_high"]].tolist() == pytest.approx([0.0126, 0.9874], abs=1e-4)
    assert "1 of 2" in LL.bias_comparison_md(by)


def test_bias_disagreements_both_kinds():
    sb = LL.sentence_bias(_sentences(), _model())
    d = LL.bias_disagreements(sb, _loaded_terms())
    lex_only = d[d["kind"] == "lexicon_only"]
    assert sorted(lex_only["sentence_id"]) == ["a1-s002", "b1-s001"]
    assert lex_only.set_index("sentence_id").loc["a1-s002", "lexicon_terms"] == "strongman"
    # s001 has a (quoted) lexicon match, so it is not "model only"; s003 is a teaser
    assert (d["kind"] == "model_only").sum() == 0


def test_step_without_external_data_notes_and_writes_nothing(tmp_path, monkeypatch):
    ctx = Context(articles=[], settings={"external": tmp_path})
    ctx.tables["sentences"] = _sentences()
    assert LL.learned_language_step(ctx) == {}
    assert any("no sentence_bias table" in n for n in ctx.notes)
    assert any("no generic_loaded_terms table" in n for n in ctx.notes)


def test_step_is_declared_and_tables_documented():
    spec = {name: makes for name, _t, _n, makes in STEP_SPECS}
    assert set(spec["learned_language"]) == {"sentence_bias", "generic_loaded_terms"}
    docs = table_docs()
    assert set(docs["sentence_bias"]["columns"]) == set(LL.SENTENCE_BIAS_COLUMNS)
    assert set(docs["generic_loaded_terms"]["columns"]) == set(LL.GENERIC_COLUMNS)


def test_disagreements_md_escapes_corpus_text():
    d = pd.DataFrame(
        {
            "kind": ["lexicon_only"],
            "outlet": ["Out *A*"],
            "article_id": ["a1"],
            "sentence_id": ["a1-s002"],
            "start": [41],
            "end": [90],
            "score": [-0.5],
            "top_words": [""],
            "lexicon_terms": ["strongman;kiev"],
            "sentence": ["<script>x</script> [link](http://e.x)"],
        }
    )
    md = LL.disagreements_md(d)
    assert "<script>" not in md and "](http" not in md
    assert "[41:90]" in md and "score -0.50" in md and "strongman, kiev" in md
    assert "**Highest model scores, no event-lexicon match in any voice.**\n- none" in md
    nan_words = d.assign(kind="model_only", top_words=[float("nan")])
    assert "top words: -:" in LL.disagreements_md(nan_words)


def test_generic_summary_md_counts_each_word_once_by_voice():
    g = pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "A", "B"],
            "sentence_id": ["s1", "s1", "s2", "s3", "t1"],
            "segment": ["body", "body", "body", "teaser", "headline"],
            "lexicon": [
                "huliu_negative",
                "babe_bias_words",
                "huliu_negative",
                "recasens_npov",
                "x",
            ],
            "term": ["lies", "lies", "lies", "bad", "good"],
            "start": [5, 5, 40, 70, 0],
            "voice": ["authorial", "authorial", "quoted", "authorial", "authorial"],
        }
    )
    md = LL.generic_summary_md(
        g.assign(segment=["body"] * 4 + ["headline"]),
        lexicons=("huliu_negative", "babe_bias_words", "x"),
    )
    # s1 'lies' counted once (two lists, one word); s3 'bad' is recasens_npov, not counted
    assert "**3** words in headlines and bodies (2 authorial, 1 quoted, 0 reported)" in md
    assert 'A: "lies" (1); B: "good" (1)' in md
    default = LL.generic_summary_md(g)  # default lists: only the huliu/babe rows of s1, s2
    assert "**2** words" in default and "B:" not in default
