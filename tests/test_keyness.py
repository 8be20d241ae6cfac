import math

import numpy as np
import pandas as pd
import pytest

from analysis.measures.keyness import (
    SCOPES,
    keyness,
    keyness_from_counts,
    lexicon_terms,
    log_odds_dirichlet,
    prior_sensitivity,
    scope_contrast,
    term_counts,
    text_pieces,
    top_terms,
)
from analysis.paths import folders_with

# Toy corpus: three outlets, one sentence each. A's sentence ends in a quotation.
#   A: 'war war peace “peace peace”'  authorial: war 2, peace 1; all: war 2, peace 3
#   B: 'peace peace war'              war 1, peace 2
#   C: 'war peace peace peace'        war 1, peace 3
A = "war war peace \u201cpeace peace\u201d"
TOY = pd.DataFrame(
    {
        "article_id": ["a", "b", "c"],
        "outlet": ["A", "B", "C"],
        "sentence_id": ["a-s001", "b-s001", "c-s001"],
        "segment": ["body"] * 3,
        "paragraph": [1, 1, 1],
        "start": [0, 0, 0],
        "end": [len(A), 15, 21],
        "text": [A, "peace peace war", "war peace peace peace"],
    }
)
QUOTE_START = A.index("\u201c")
TOY_QUOTES = pd.DataFrame({"article_id": ["a"], "start": [QUOTE_START], "end": [len(A)]})


def _row(table, outlet, term, scope="authorial"):
    r = table[(table["outlet"] == outlet) & (table["term"] == term) & (table["scope"] == scope)]
    assert len(r) == 1, (outlet, term, scope)
    return r.iloc[0]


def test_hand_computation_toy_corpus():
    # Authorial unigrams, pooled: war 4, peace 6, n = 10. Prior strength a0 = 10, so the
    # prior is alpha_war = 10 * 4/10 = 4 and alpha_peace = 10 * 6/10 = 6.
    # A vs rest (B + C): n_i = 3, n_j = 7.
    # war:   y_i = 2, y_j = 2
    #   delta = log((2+4)/(3+10-2-4)) - log((2+4)/(7+10-2-4)) = log(6/7) - log(6/11)
    #         = log(11/7) = 0.451985
    #   var   = 1/(2+4) + 1/(2+4) = 1/3;  z = 0.451985 / sqrt(1/3) = 0.782861
    # peace: y_i = 1, y_j = 5
    #   delta = log((1+6)/(3+10-1-6)) - log((5+6)/(7+10-5-6)) = log(7/6) - log(11/6)
    #         = log(7/11) = -0.451985
    #   var   = 1/7 + 1/11 = 18/77;  z = -0.451985 / sqrt(18/77) = -0.934831
    k = keyness(TOY, TOY_QUOTES, ngrams=(1,), prior_strength=10, min_count=1)
    war = _row(k, "A", "war")
    assert (war.count_outlet, war.count_rest, war.n_outlet, war.n_rest) == (2, 2, 3, 7)
    assert war.prior == pytest.approx(4.0)
    assert war.delta == pytest.approx(math.log(6 / 7) - math.log(6 / 11))
    assert war.delta == pytest.approx(0.451985, abs=1e-6)
    assert war.variance == pytest.approx(1 / 3)
    assert war.z == pytest.approx(0.782861, abs=1e-6)
    peace = _row(k, "A", "peace")
    assert (peace.count_outlet, peace.count_rest) == (1, 5)
    assert peace.delta == pytest.approx(math.log(7 / 11))
    assert peace.variance == pytest.approx(18 / 77)
    assert peace.z == pytest.approx(-0.934831, abs=1e-6)
    assert peace.prior_strength == 10
    # C vs rest (A + B): n_i = 4, n_j = 6; war: y_i = 1, y_j = 3
    #   delta = log(5/(4+10-1-4)) - log(7/(6+10-3-4)) = log(5/9) - log(7/9) = log(5/7)
    c_war = _row(k, "C", "war")
    assert c_war.delta == pytest.approx(math.log(5 / 7))
    assert c_war.variance == pytest.approx(1 / 5 + 1 / 7)


def test_all_scope_counts_the_quotation():
    k = keyness(TOY, TOY_QUOTES, ngrams=(1,), prior_strength=10, min_count=1)
    assert _row(k, "A", "peace", "all").count_outlet == 3
    assert _row(k, "A", "peace", "authorial").count_outlet == 1
    assert set(k["scope"]) == set(SCOPES)


def test_bigrams_do_not_cross_a_removed_quotation():
    pieces = text_pieces(TOY, TOY_QUOTES, scope="authorial")
    a = pieces[pieces["outlet"] == "A"]
    assert a["text"].tolist() == ["war war peace "]
    assert (a["start"].item(), a["end"].item()) == (0, QUOTE_START)
    counts = term_counts(pieces, ngrams=(2,))
    a_bi = dict(zip(*counts[counts["outlet"] == "A"][["term", "count"]].T.values, strict=True))
    assert a_bi == {"war war": 1, "war peace": 1}
    assert counts.attrs["totals"][("A", 2)] == 2


def test_matches_plain_log_odds_when_prior_vanishes():
    # independent check: with a0 -> 0 the estimate is the plain log-odds ratio
    y_i, y_j, n_i, n_j = np.array([3.0, 5.0]), np.array([7.0, 2.0]), 40.0, 60.0
    alpha = 1e-9 * (y_i + y_j) / (n_i + n_j)
    delta, var, z = log_odds_dirichlet(y_i, y_j, alpha, n_i, n_j, 1e-9)
    plain = np.log(y_i / (n_i - y_i)) - np.log(y_j / (n_j - y_j))
    np.testing.assert_allclose(delta, plain, rtol=1e-6)
    np.testing.assert_allclose(var, 1 / y_i + 1 / y_j, rtol=1e-6)
    np.testing.assert_allclose(z, plain / np.sqrt(1 / y_i + 1 / y_j), rtol=1e-6)


def test_keep_terms_never_dropped_for_rarity():
    k = keyness(TOY, TOY_QUOTES, min_count=100, keep_terms=["war war peace", "Peace"])
    assert set(k["term"]) == {"war war peace", "peace"}
    assert k["kept"].all()
    tri = _row(k, "A", "war war peace")
    assert (tri.ngram, tri.count_outlet, tri.count_rest) == (3, 1, 0)


def test_bad_options():
    with pytest.raises(ValueError, match="authorial, all"):
        keyness(TOY, TOY_QUOTES, scopes=["quoted"])
    with pytest.raises(ValueError, match="prior_strength"):
        keyness_from_counts(term_counts(TOY), prior_strength=0)
    with pytest.raises(ValueError, match="quote_spans"):
        text_pieces(TOY, None, scope="authorial")


def test_lexicon_terms_reader(tmp_path):
    p = tmp_path / "lex.yaml"
    p.write_text(
        "terms:\n"
        "  - id: strongman\n    patterns: [strongman, strong-man]\n    rationale: x\n"
        "  - id: threaten\n    patterns: [threaten*]\n"
        "  - special military operation\n",
        encoding="utf-8",
    )
    assert lexicon_terms(p) == ["special military operation", "strong-man", "strongman", "threaten"]
    assert lexicon_terms(tmp_path / "missing.yaml") == []


def test_seed_special_military_operation_only_in_004(seed_tables):
    k = keyness(
        seed_tables["sentences"],
        seed_tables["quote_spans"],
        keep_terms=["special military operation"],
    )
    rows = k[(k["term"] == "special military operation") & (k["scope"] == "authorial")]
    by = rows.set_index("outlet")
    # reported speech in 004 ("Putin clarified that Russia is currently conducting a
    # special military operation in Ukraine"), not inside quotation marks
    assert by.loc["ViewUS Global", "count_outlet"] == 1
    assert by.loc["ViewUS Global", "count_rest"] == 0
    assert by.loc["ViewUS Global", "z"] > 0
    assert (by.drop("ViewUS Global")["count_outlet"] == 0).all()


def test_seed_shared_putin_quote_is_not_distinctive(seed_tables):
    # "combat zone" appears only inside the Putin quotation shared by 001 and 002
    k = keyness(seed_tables["sentences"], seed_tables["quote_spans"], min_count=1)
    auth = k[(k["scope"] == "authorial") & (k["term"] == "combat zone")]
    assert auth.empty
    allk = k[(k["scope"] == "all") & (k["term"] == "combat zone")].set_index("outlet")
    assert allk.loc["Breitbart", "count_outlet"] == 1
    assert allk.loc["Kyiv Independent", "count_outlet"] == 1
    # seed reading: Breitbart alone calls Kim's state "communist" (4 times, authorial)
    top = top_terms(k, n=10)
    bb = top[top["outlet"] == "Breitbart"].set_index("term")
    assert bb.loc["communist", "count_outlet"] == 4
    assert bb.loc["communist", "count_rest"] == 0


def test_scope_contrast_flags_quote_driven_terms():
    k = keyness(TOY, TOY_QUOTES, ngrams=(1,), prior_strength=10, min_count=1)
    # counting A's quoted "peace peace" lifts A's z for "peace" from -0.93 (authorial,
    # hand-computed above) to about -0.43 (all text); with z_min = -0.5 only that term
    # crosses the line because of a quotation ("war" has no quoted occurrence)
    c = scope_contrast(k, z_min=-0.5)
    assert c[["outlet", "term"]].values.tolist() == [["A", "peace"]]
    row = c.iloc[0]
    assert (row.count_all, row.count_authorial) == (3, 1)
    assert row.z_authorial == pytest.approx(-0.934831, abs=1e-6)
    assert row.z_all > -0.5


def test_prior_sensitivity_reference_row():
    s = prior_sensitivity(TOY, TOY_QUOTES, strengths=(1.0, 100.0), default=10.0, n=1)
    ref = s[s["prior_strength"] == 10.0]
    assert (ref["spearman"] == 1.0).all() and (ref["top_overlap"] == 1.0).all()
    assert sorted(s["prior_strength"].unique()) == [1.0, 10.0, 100.0]


def test_seed_lexicon_path_recorded_relative_to_project(seed_tables):
    # an absolute path would make results/keyness.settings.json differ between checkouts
    assert seed_tables["keyness"].attrs["lexicon"] == "analysis/lexicons/loaded_terms.yaml"


def test_pipeline_table_documented(seed_tables):
    from analysis.measures.keyness import TABLES

    k = seed_tables["keyness"]
    assert list(k.columns) == list(TABLES["keyness"]["columns"])
    assert set(k["scope"]) == {"authorial", "all"}
    assert set(k["outlet"]) == set(seed_tables["articles"]["outlet"])


def test_plot_keyness_saves_figure(seed_tables, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    from analysis.viz.keyness import plot_keyness

    ax = plot_keyness(seed_tables["keyness"], "Breitbart")
    assert "Breitbart" in ax.get_title()
    assert (tmp_path / "keyness-breitbart-authorial.png").exists()
    assert (tmp_path / "keyness-breitbart-authorial.json").exists()
    with pytest.raises(ValueError, match="outlet must be one of"):
        plot_keyness(seed_tables["keyness"], "Nobody")


# --- keyness within events, pooled over events --------------------------------------------


def test_within_events_on_one_event_equals_keyness(seed_tables):
    # the seeds are one event: pooling one event gives each outlet against the rest
    k = seed_tables["keyness"]
    k = k[k["scope"] == "authorial"].set_index(["outlet", "term"])
    e = seed_tables["keyness_events"].set_index(["outlet", "term"])
    assert len(e) == len(k) and set(e.index) == set(k.index)
    joined = k[["z"]].merge(
        e[["z", "n_events"]], left_index=True, right_index=True, suffixes=("", "_ev")
    )
    assert (joined["z"] - joined["z_ev"]).abs().max() < 1e-12
    assert (joined["n_events"] == 1).all()


@pytest.fixture(scope="module")
def two_event_ctx(tmp_path_factory):
    from analysis.pipeline import analyze
    from tests.two_events import write_two_events

    return analyze([write_two_events(tmp_path_factory.mktemp("kw"))])


def test_within_events_pools_by_inverse_variance(two_event_ctx):
    from analysis.measures.keyness import keyness, keyness_within_events
    from analysis.text.events import article_event_map, split_by_event

    t = two_event_ctx.tables
    events = article_event_map(t)
    pooled = keyness_within_events(t["sentences"], t["quote_spans"], events, min_count=1)
    row = pooled.set_index(["outlet", "term"]).loc[("Daily Courier", "governor")]
    per = []
    for _e, sub in split_by_event(t["sentences"], events):
        k = keyness(sub, t["quote_spans"], scopes=("authorial",), min_count=1)
        hit = k[(k["outlet"] == "Daily Courier") & (k["term"] == "governor")]
        per += list(zip(hit["delta"], hit["variance"], strict=True))
    # "governor" occurs in both events (Courier's house line is in both)
    assert len(per) == 2 and row["n_events"] == 2
    w = sum(1 / v for _d, v in per)
    assert row["delta"] == pytest.approx(sum(d / v for d, v in per) / w)
    assert row["z"] == pytest.approx(row["delta"] * w**0.5)


def test_topic_choice_is_not_framing(two_event_ctx):
    from analysis.measures.keyness import keyness, keyness_within_events

    t = two_event_ctx.tables
    # only the Courier covers the budget story: pooled-corpus keyness calls budget words
    # distinctive of the Courier; within events there is no one to compare it with
    keep = ~t["sentences"]["article_id"].isin(["b2", "b3"])
    sents = t["sentences"][keep]
    events = {"f1": "E1", "f2": "E1", "f3": "E1", "b1": "E2"}
    pooled = keyness(sents, t["quote_spans"], scopes=("authorial",))
    courier = pooled[pooled["outlet"] == "Daily Courier"].set_index("term")
    assert courier.loc["budget", "z"] > 0 and courier.loc["budget", "count_rest"] == 0
    within = keyness_within_events(sents, t["quote_spans"], events)
    assert "budget" not in set(within.loc[within["outlet"] == "Daily Courier", "term"])
    assert within.attrs["events_pooled"] == 1


@pytest.mark.filterwarnings(
    "ignore:Glyph .* missing from font"
)  # DejaVu has no CJK (docs/security.md)
@pytest.mark.slow
def test_plot_keyness_one_file_per_outlet_for_any_names(seed_tables, tmp_path, monkeypatch):
    """Cyrillic, Chinese and Arabic outlets get figures; colliding names do not overwrite."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    from analysis.viz.figures import name_hash
    from analysis.viz.keyness import plot_keyness

    names = {
        "IRIA": "Коммерсантъ",
        "Breitbart": "新华社",
        "Kyiv Independent": "الجزيرة",
        "BBC (republished)": "A/B",
        "ViewUS Global": "a b",
    }
    table = seed_tables["keyness"].assign(outlet=lambda t: t["outlet"].map(names))
    for outlet in names.values():
        plot_keyness(table, outlet)  # before: ValueError (empty slug) for the first three
        plt.close("all")
    made = sorted(p.stem for p in tmp_path.glob("*.png"))
    assert made == sorted(
        [
            "keyness-a-b-" + name_hash("A/B") + "-authorial",
            "keyness-a-b-" + name_hash("a b") + "-authorial",
            "keyness-коммерсантъ-authorial",
            "keyness-新华社-authorial",
            "keyness-الجزيرة-authorial",
        ]
    )


def test_plot_keyness_draws_at_most_the_largest_z_terms(seed_tables, tmp_path, monkeypatch):
    import json

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.viz import keyness as KV

    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    monkeypatch.setattr(KV, "MAX_PLOT_POINTS", 50)
    table = seed_tables["keyness"]
    KV.plot_keyness(table, "Breitbart")
    plt.close("all")
    drawn = pd.read_csv(tmp_path / "keyness-breitbart-authorial.csv")
    sub = table[(table["scope"] == "authorial") & (table["outlet"] == "Breitbart")]
    assert len(drawn) == 50 < len(sub)
    assert drawn["z"].abs().min() >= sub["z"].abs().sort_values().iloc[-50] - 1e-5  # CSV: 6 digits
    meta = json.loads((tmp_path / "keyness-breitbart-authorial.json").read_text())
    assert f"the 50 of {len(sub):,} terms with the largest |z|" in meta["caption"]
