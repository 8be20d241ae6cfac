"""Tests for analysis.extract.sentiment: scores, split by voice, aggregates, actors, audit."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from afinn import Afinn
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.errors import InputError
from analysis.extract import sentiment as S
from analysis.extract.actors import MENTION_COLUMNS
from analysis.paths import SEEDS_DIR, folders_with
from analysis.pipeline import corpus_tables
from analysis.text.corpus import iter_articles
from analysis.text.sentences import SENTENCE_COLUMNS
from analysis.viz import sentiment as SV


@pytest.fixture(scope="module")
def seeds():
    ctx = corpus_tables(iter_articles([SEEDS_DIR]))
    scores = S.sentence_sentiment(ctx.tables["sentences"])
    return ctx, scores


def _row(scores, article_id, starts_with):
    sub = scores[(scores["article_id"] == article_id) & scores["text"].str.startswith(starts_with)]
    assert len(sub) == 1, (article_id, starts_with, len(sub))
    return sub.iloc[0]


# Sentences read by hand in the seeds; compound values pinned from vaderSentiment 3.3.2.
SEED_SENTENCES = [
    ("001", "Russian strongman Vladimir Putin said South Korea", -0.8519),
    ("002", "Observers point out that Putin's growing reliance", -0.4588),
    ("004", "Putin clarified that Russia is currently conducting", -0.2586),
    ("003", "Analysts had previously said Kiev would use", 0.0258),
    ("000", "The South Korean ministry stated that Zinoviev", 0.5423),
]


@pytest.mark.parametrize(("article_id", "start", "compound"), SEED_SENTENCES)
def test_scores_equal_vadersentiment_on_seed_sentences(seeds, article_id, start, compound):
    ctx, scores = seeds
    row = _row(scores, article_id, start)
    raw = ctx.raw[article_id]
    assert raw[row["start"] : row["end"]] == row["text"]
    ref = SentimentIntensityAnalyzer().polarity_scores(row["text"])
    assert row["vader_compound"] == ref["compound"] == compound
    assert (row["vader_pos"], row["vader_neu"], row["vader_neg"]) == (
        ref["pos"],
        ref["neu"],
        ref["neg"],
    )
    assert row["afinn_score"] == Afinn().score(row["text"])
    assert row["vader_label"] == S.label_scores([compound])[0]


def test_strongman_sentence_adjusted_variant_is_beside_plain(seeds):
    _, scores = seeds
    row = _row(scores, "001", "Russian strongman Vladimir Putin said")
    # plain VADER counts "strongman" +0.7; the adjusted variant counts it -1.5
    assert row["vader_compound"] == -0.8519
    assert row["vader_political_compound"] < row["vader_compound"]
    assert row["adjusted_words"] == "strongman"
    row = _row(scores, "001", "Putin made a surprise visit to North Korea")
    assert row["adjusted_words"] == "dictator"
    assert row["vader_compound"] == 0.765  # "lavish festivities", "welcomed" read positive
    assert row["vader_political_compound"] < row["vader_compound"]


def test_afinn_normalisation_and_labels():
    sc = S.scores_from_texts(["This is a good day.", "A bad, bad idea.", "The treaty."])
    assert sc["afinn_score"].tolist() == [3.0, -6.0, 0.0]
    assert sc["afinn_norm"].iloc[0] == pytest.approx(3 / math.sqrt(24))
    assert sc["afinn_norm"].iloc[1] == pytest.approx(-6 / math.sqrt(51))
    assert list(S.label_scores([0.05, 0.0499, -0.05, -0.0499, 0.0])) == [
        "positive",
        "neutral",
        "negative",
        "neutral",
        "neutral",
    ]


# Quotes checked by hand: (article, sentence start, voice, quote_share bounds)
VOICE_CASES = [
    ("001", "“I hope it will not happen. If it does", "quoted", (1.0, 1.0)),
    ("001", "Russian strongman Vladimir Putin said", "authorial", (0.1, 0.2)),
    ("001", "“The government expresses grave concern", "quoted", (0.7, 0.75)),
    ("002", '"As for the supply of lethal weapons', "quoted", (0.55, 0.65)),
    ("002", "Observers point out that", "authorial", (0.1, 0.2)),
    ("000", "“Those who supply these weapons believe", "quoted", (0.9, 1.0)),
    ("003", "“Those who supply these weapons believe", "quoted", (0.9, 1.0)),
    ("004", "Putin clarified that Russia", "authorial", (0.0, 0.0)),
]


@pytest.mark.parametrize(("article_id", "start", "voice", "bounds"), VOICE_CASES)
def test_authorial_quoted_split_on_seed_sentences(seeds, article_id, start, voice, bounds):
    _, scores = seeds
    row = _row(scores, article_id, start)
    assert row["voice"] == voice
    assert bounds[0] <= row["quote_share"] <= bounds[1]


def test_voice_threshold_is_inclusive():
    assert list(S.voice_from_quote_share([0.0, 0.4999, 0.5, 1.0])) == [
        "authorial",
        "authorial",
        "quoted",
        "quoted",
    ]
    assert list(S.voice_from_quote_share([0.5, 0.7], threshold=0.75)) == ["authorial"] * 2


def test_bootstrap_is_deterministic_with_its_seed():
    x = [-0.5, 0.0, 0.5, 0.7, -0.2, 0.1]
    a = S.bootstrap_mean_ci(x, seed=7)
    assert a == S.bootstrap_mean_ci(x, seed=7)
    assert a != S.bootstrap_mean_ci(x, seed=8)
    assert a[0] <= np.mean(x) <= a[1]
    assert all(math.isnan(v) for v in S.bootstrap_mean_ci([0.3], seed=7))
    with pytest.raises(ValueError, match="n_boot"):
        S.bootstrap_mean_ci(x, n_boot=0)


def _toy_scores():
    rows = [
        # article, outlet, segment, voice, compound
        ("a1", "Alpha", "headline", "authorial", -0.4),
        ("a1", "Alpha", "body", "authorial", -0.5),
        ("a1", "Alpha", "body", "authorial", 0.0),
        ("a1", "Alpha", "body", "quoted", 0.5),
        ("a1", "Alpha", "body", "quoted", 0.7),
        ("a1", "Alpha", "teaser", "authorial", -0.9),
        ("b1", "Beta", "body", "authorial", 0.2),
        ("b1", "Beta", "body", "authorial", 0.04),
    ]
    df = pd.DataFrame(rows, columns=["article_id", "outlet", "segment", "voice", "vader_compound"])
    df["afinn_norm"] = df["vader_compound"]
    df["vader_political_compound"] = df["vader_compound"]
    df["sentence_id"] = [f"{a}-s{i:03d}" for i, a in enumerate(df["article_id"])]
    return df


def test_outlet_sentiment_means_shares_and_voice_split():
    out = S.outlet_sentiment(_toy_scores(), methods=["vader"], n_boot=200, seed=1)
    pick = out.set_index(["level", "outlet", "segment_group", "voice"])
    alpha_all = pick.loc[("outlet", "Alpha", "body", "all")]
    assert alpha_all["n_sentences"] == 4  # the teaser is not body
    assert alpha_all["mean_score"] == pytest.approx(0.175)
    assert (alpha_all["n_negative"], alpha_all["n_neutral"], alpha_all["n_positive"]) == (1, 1, 2)
    assert alpha_all["share_positive"] == pytest.approx(0.5)
    assert pick.loc[("outlet", "Alpha", "body", "authorial"), "mean_score"] == pytest.approx(-0.25)
    assert pick.loc[("outlet", "Alpha", "body", "quoted"), "mean_score"] == pytest.approx(0.6)
    head = pick.loc[("outlet", "Alpha", "headline", "all")]
    assert head["n_sentences"] == 1 and head["mean_score"] == pytest.approx(-0.4)
    assert math.isnan(head["ci_low"])  # one sentence: no interval
    beta_q = pick.loc[("outlet", "Beta", "body", "quoted")]
    assert beta_q["n_sentences"] == 0 and math.isnan(beta_q["mean_score"])
    beta = pick.loc[("outlet", "Beta", "body", "all")]
    assert (beta["n_neutral"], beta["n_positive"]) == (1, 1)  # 0.04 is neutral
    assert set(out["level"]) == {"outlet", "article"}
    assert list(out.columns) == list(S.TABLES["sentiment_outlets"]["columns"])
    assert out.attrs["bootstrap"]["seed"] == 1


def test_outlet_sentiment_is_deterministic_and_order_free():
    toy = _toy_scores()
    a = S.outlet_sentiment(toy, n_boot=300, seed=3)
    b = S.outlet_sentiment(toy.sample(frac=1.0, random_state=5), n_boot=300, seed=3)
    pd.testing.assert_frame_equal(a, b)
    c = S.outlet_sentiment(toy, n_boot=300, seed=4)
    assert not a["ci_low"].equals(c["ci_low"])
    with pytest.raises(ValueError, match="vader, afinn, vader_political"):
        S.outlet_sentiment(toy, methods=["textblob"])


def test_seed_tables_have_documented_columns(seeds):
    _, scores = seeds
    assert list(scores.columns) == list(S.TABLES["sentiment_sentences"]["columns"])
    assert set(scores["segment"]) >= {"headline", "body", "teaser", "boilerplate"}
    out = S.outlet_sentiment(scores, n_boot=100)
    breitbart = out[
        (out["level"] == "outlet")
        & (out["outlet"] == "Breitbart")
        & (out["segment_group"] == "body")
        & (out["method"] == "vader")
    ].set_index("voice")
    n_body = int(((scores["article_id"] == "001") & (scores["segment"] == "body")).sum())
    assert breitbart.loc["all", "n_sentences"] == n_body
    # issue 12: reported speech is a voice of its own, no longer the outlet's
    assert breitbart.loc[["authorial", "quoted", "reported"], "n_sentences"].sum() == n_body


def test_method_agreement():
    toy = _toy_scores()
    toy["afinn_norm"] = [0.1, -0.2, 0.0, 0.3, 0.6, -0.1, 0.9, 0.8]
    for col in ("vader", "afinn", "vader_political"):
        toy[f"{col}_label"] = S.label_scores(toy[S.SCORE_COLUMN[col]])
    agr = S.method_agreement(toy).set_index(["level", "method_a", "method_b"])
    sent = agr.loc[("sentence", "vader", "afinn")]
    assert sent["n"] == 6  # body sentences
    # body vader: -0.5 0 0.5 0.7 0.2 0.04 ; afinn: -0.2 0 0.3 0.6 0.9 0.8
    # ranks 1 2 5 6 4 3 vs 1 2 3 4 6 5: sum d^2 = 16, rho = 1 - 6*16/(6*35)
    assert sent["spearman_rho"] == pytest.approx(1 - 96 / 210)
    same = agr.loc[("sentence", "vader", "vader_political")]
    assert same["spearman_rho"] == pytest.approx(1.0) and same["label_agreement"] == 1.0
    assert math.isnan(agr.loc[("outlet", "vader", "afinn"), "spearman_rho"])  # 2 outlets


def test_exact_permutation_p_for_five_outlets():
    rho, p = S._spearman([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])
    assert rho == pytest.approx(1.0) and p == pytest.approx(2 / 120)


def test_clause_window():
    text = "Russian strongman Vladimir Putin said Seoul erred, threatening decisions."
    s = text.index("Vladimir Putin")
    lo, hi = S.clause_window(text, s, s + len("Vladimir Putin"))
    assert text[lo:hi] == "Russian strongman Vladimir Putin said Seoul erred"
    t = text.index("decisions")
    assert text[slice(*S.clause_window(text, t, t + 9))] == "threatening decisions."
    text = "Kim – a dictator – welcomed him"
    assert text[slice(*S.clause_window(text, 0, 3))] == "Kim"


def _toy_article():
    raw = (
        "Headline here\n"
        'Putin praised Kim, calling him a "great friend", and Kim smiled. '
        "Seoul condemned the terrible pact."
    )
    s1 = raw.index("Putin")
    e1 = raw.index("smiled.") + len("smiled.")
    s2 = raw.index("Seoul")
    sents = pd.DataFrame(
        [
            ("t1", "Toy", "t1-s001", "headline", 1, 0, 13, raw[0:13], 2, 0.0),
            ("t1", "Toy", "t1-s002", "body", 2, s1, e1, raw[s1:e1], 11, 0.2),
            ("t1", "Toy", "t1-s003", "body", 2, s2, len(raw), raw[s2:], 5, 0.0),
        ],
        columns=SENTENCE_COLUMNS,
    )
    men = []
    for actor, word, k in (("putin", "Putin", 0), ("kim", "Kim", 0), ("kim", "Kim", 1)):
        pos = -1
        for _ in range(k + 1):
            pos = raw.index(word, pos + 1)
        sid = "t1-s002" if pos < s2 else "t1-s003"
        men.append(("t1", "Toy", sid, "body", actor, word, "", pos, pos + len(word)))
    pos = raw.index("Seoul")
    men.append(("t1", "Toy", "t1-s003", "body", "south_korea", "Seoul", "", pos, pos + 5))
    mentions = pd.DataFrame(men, columns=MENTION_COLUMNS[:9])
    q0 = raw.index('"great')
    spans = pd.DataFrame({"article_id": ["t1"], "start": [q0], "end": [q0 + len('"great friend"')]})
    return raw, sents, mentions, spans


def test_actor_windows_and_actor_sentiment():
    raw, sents, mentions, spans = _toy_article()
    scores = S.sentence_sentiment(sents)
    win = S.actor_windows(scores, mentions, quote_spans=spans)
    for r in win.itertuples():
        assert raw[r.start : r.end] == r.text
    sent = win[win["window"] == "sentence"].set_index("actor")
    assert sent.loc["kim", "n_mentions"] == 2  # two mentions, one sentence window
    assert sent.loc["kim", "vader"] == scores.loc[1, "vader_compound"]
    clause = win[win["window"] == "clause"]
    kim = clause[clause["actor"] == "kim"]["text"].tolist()
    assert kim == ["Putin praised Kim", "and Kim smiled."]
    ref = SentimentIntensityAnalyzer().polarity_scores("and Kim smiled.")["compound"]
    assert clause[clause["text"] == "and Kim smiled."]["vader"].iloc[0] == ref
    seoul = clause[clause["actor"] == "south_korea"].iloc[0]
    assert seoul["text"] == "Seoul condemned the terrible pact."
    assert seoul["vader"] < 0 and seoul["voice"] == "authorial"
    stats_ = S.actor_sentiment(win, n_boot=100, seed=2)
    assert list(stats_.columns) == list(S.TABLES["sentiment_actors"]["columns"])
    k = stats_.set_index(["actor", "window", "voice", "method"])
    row = k.loc[("kim", "clause", "all", "vader")]
    assert row["n_sentences"] == 2 and row["n_mentions"] == 2
    assert row["mean_score"] == pytest.approx(
        kim_mean := clause[clause["actor"] == "kim"]["vader"].mean()
    )
    assert kim_mean == row["mean_score"]
    with pytest.raises(ValueError, match="sentence, clause"):
        S.actor_windows(scores, mentions, windows=["paragraph"])


def test_lexicon_audit_strongman_positive_dictator_absent():
    lex = pd.DataFrame(
        {
            "term": ["strongman", "dictator", "rather desperate", "kiev"],
            "category": ["label", "label", "evaluative", "place"],
            "patterns": [["strongman", "strongmen"], ["dictator"], ["rather desperate"], ["Kiev"]],
        }
    )
    audit = S.lexicon_audit(lex).set_index("pattern")
    assert (
        list(audit.columns)
        == list(S.TABLES["sentiment_lexicon_audit"]["columns"])[:2]
        + list(S.TABLES["sentiment_lexicon_audit"]["columns"])[3:]
    )
    assert audit.loc["strongman", "vader"] == "0.7"
    assert audit.loc["strongman", "vader_direction"] == "positive"
    assert audit.loc["strongman", "vader_phrase"] > 0
    assert audit.loc["strongman", "vader_political"] == "-1.5"
    assert audit.loc["strongman", "vader_political_phrase"] < 0
    assert audit.loc["strongmen", "vader"] == "0.5"  # VADER rates the plural too
    assert audit.loc["dictator", "vader"] == "absent"
    assert audit.loc["dictator", "afinn"] == "absent"
    assert audit.loc["dictator", "vader_phrase"] == 0.0
    assert audit.loc["rather desperate", "vader"] == "absent"
    assert audit.loc["rather desperate", "vader_tokens"] == "desperate=-1.3"
    assert audit.loc["rather desperate", "afinn_tokens"] == "desperate=-3"
    assert audit.loc["kiev", "vader_direction"] == "absent"
    assert not audit.loc["kiev", "adjusted"]


def test_load_adjustments_default_and_errors(tmp_path):
    adj = S.load_adjustments()
    vals = adj.set_index("word")["valence"]
    assert vals["strongman"] < 0 and vals["dictator"] < 0 and vals["regime"] < 0
    assert adj["note"].str.len().min() > 10
    bad = tmp_path / "adj.yaml"
    bad.write_text("entries:\n  - word: tyrant\n    valence: -9\n    note: too much\n")
    with pytest.raises(InputError, match=r"adj.yaml: entry 'tyrant': valence must lie in"):
        S.load_adjustments(bad)
    bad.write_text("entries:\n  - word: Two Words\n    valence: -1\n    note: x\n")
    with pytest.raises(InputError, match="one lower-case token"):
        S.load_adjustments(bad)
    bad.write_text("entries:\n  - word: thug\n    valence: -1\n")
    with pytest.raises(InputError, match="entry 'thug': note"):
        S.load_adjustments(bad)


def test_plots_write_figures(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(results=str(tmp_path)))
    import matplotlib.pyplot as plt

    toy = _toy_scores()
    stats_ = S.outlet_sentiment(toy, n_boot=50)
    SV.plot_sentence_distribution(toy, stats_)
    SV.plot_headline_vs_body(stats_)
    _, sents, mentions, spans = _toy_article()
    win = S.actor_windows(S.sentence_sentiment(sents), mentions, quote_spans=spans)
    SV.plot_actor_heatmap(S.actor_sentiment(win, n_boot=50))
    plt.close("all")
    for fig_id in (
        "sentiment-sentence-distribution",
        "sentiment-headline-vs-body",
        "sentiment-actor-heatmap",
    ):
        assert (tmp_path / f"{fig_id}.png").exists()
    hb = pd.read_csv(tmp_path / "sentiment-headline-vs-body.csv")
    assert hb.set_index("article_id").loc["a1", "headline_score"] == pytest.approx(-0.4)
    assert hb.set_index("article_id").loc["b1", "headline_n"] == 0
    heat = pd.read_csv(tmp_path / "sentiment-actor-heatmap.csv").set_index("actor")
    assert heat.loc["kim", "n_sentences"] == 1 and heat.loc["kim", "n_mentions"] == 2


def test_notebook_views_on_toy_table():
    toy = _toy_scores()
    toy["afinn_norm"] = [0.1, 0.4, 0.0, -0.3, 0.6, -0.1, 0.9, 0.8]
    for col in ("vader", "afinn", "vader_political"):
        toy[f"{col}_label"] = S.label_scores(toy[S.SCORE_COLUMN[col]])
    toy["text"] = [f"sentence {i}" for i in range(len(toy))]
    toy["start"], toy["end"] = range(len(toy)), range(1, len(toy) + 1)
    stats_ = S.outlet_sentiment(toy, n_boot=100)
    vc = S.voice_contrast(stats_).set_index("outlet")
    assert vc.loc["Alpha", "n_authorial"] == 2 and vc.loc["Alpha", "n_quoted"] == 2
    assert vc.loc["Alpha", "mean_quoted"] == pytest.approx(0.6)
    assert vc.loc["Alpha", "quoted_share_of_negative"] == 0.0  # the one negative is authorial
    assert vc.loc["Beta", "n_quoted"] == 0 and vc.loc["Beta", "intervals_overlap"] is None
    dis = S.method_disagreements(toy)
    # -0.5 vs +0.4 and +0.5 vs -0.3 point in opposite directions
    assert dis["sentence_id"].tolist() == ["a1-s001", "a1-s003"]
    ext = S.extreme_sentences(toy, n=1)
    assert ext["score"].tolist() == [-0.5, 0.7]
    assert ext["extreme"].tolist() == ["most negative", "most positive"]


def test_audit_covers_every_loaded_term_of_the_project_lexicon():
    from analysis.extract.loaded_terms import load_lexicon

    lex = load_lexicon()
    audit = S.lexicon_audit(S._lexicon_patterns(lex))
    assert set(audit["term"]) == set(lex["term"])
    n_patterns = sum(len(set(p) | {t}) for t, p in zip(lex["term"], lex["patterns"], strict=True))
    assert len(audit) <= n_patterns
    row = audit.set_index("pattern")
    assert row.loc["strongman", "vader"] == "0.7"  # positive in plain VADER
    assert row.loc["dictator", "vader"] == "absent"
    assert row.loc["regime", "vader"] == "absent"
    # the euphemism reads positive through "special" (VADER 1.7)
    assert row.loc["special military operation", "vader_tokens"] == "special=1.7"
    assert row.loc["special military operation", "vader_phrase"] > 0
    for pattern in ("strongman", "dictator", "dictatorship", "regime", "pariah", "rogue"):
        assert float(row.loc[pattern, "vader_political"]) < 0, pattern


def test_actor_windows_on_seeds(seed_tables, raw):
    win = seed_tables["sentiment_actor_windows"]
    for r in win.itertuples():
        assert raw[r.article_id][r.start : r.end] == r.text
    assert set(win["segment"]) == {"body"}
    putin = win[(win["actor"] == "putin") & (win["article_id"] == "001")]
    sent = putin[putin["window"] == "sentence"]
    first = sent[sent["text"].str.startswith("Russian strongman Vladimir Putin said")].iloc[0]
    assert first["vader"] == -0.8519 and first["voice"] == "authorial"
    clause = putin[putin["window"] == "clause"]
    first = clause[clause["start"] == first["start"]].iloc[0]
    assert first["text"].endswith("would be a “very big mistake")
    stats_ = seed_tables["sentiment_actors"]
    row = stats_[
        (stats_["outlet"] == "Breitbart")
        & (stats_["actor"] == "putin")
        & (stats_["window"] == "sentence")
        & (stats_["voice"] == "all")
        & (stats_["method"] == "vader")
    ].iloc[0]
    assert row["n_sentences"] == len(sent)
    assert row["mean_score"] == pytest.approx(sent["vader"].mean())


def test_actor_heatmap_reader_labels_and_thin_cells(seed_tables, tmp_path, monkeypatch):
    """Issue 14: human actor names; a cell on fewer than 3 sentences is not coloured."""
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    import matplotlib.pyplot as plt

    ax = SV.plot_actor_heatmap(seed_tables["sentiment_actors"])
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert "Vladimir Putin" in rows and "John Kirby" in rows and "kirby" not in rows
    image = ax.images[0].get_array()
    texts = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts
    }
    for (i, j), label in texts.items():
        if label.startswith("n=") and "\n" not in label:  # fewer than 3 sentences
            assert int(label[2:]) < S.MIN_CELL_N and np.ma.is_masked(image[i, j])
    plt.close("all")
    assert SV.actor_label("kim_hong_kyun") == "Kim Hong Kyun"
    assert SV.actor_label("someone_new") == "Someone New"
