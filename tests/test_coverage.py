import numpy as np
import pandas as pd
import pytest

from analysis.measures.coverage import (
    cluster_units,
    coverage,
    coverage_sensitivity,
    exclusive_units,
    omitted_units,
    unit_overlap,
    units_matching,
)
from analysis.paths import folders_with


def _sentences(rows):
    out = []
    for aid, outlet, texts in rows:
        pos = 0
        for k, t in enumerate(texts, start=1):
            out.append((aid, outlet, f"{aid}-s{k:03d}", "body", k, pos, pos + len(t), t))
            pos += len(t) + 1
    cols = ["article_id", "outlet", "sentence_id", "segment", "paragraph", "start", "end", "text"]
    return pd.DataFrame(out, columns=cols)


# Three units with disjoint vocabularies:
#   U1 (all three outlets): Putin's warning; U3 (Y and Z): the treaty; U2 (X only): balloons
TOY = _sentences(
    [
        (
            "x",
            "X",
            ["Putin warned Seoul against arming Ukraine.", "Balloons carrying trash floated."],
        ),
        (
            "y",
            "Y",
            [
                "The treaty pledges mutual military assistance.",
                "Putin warned Seoul against arming Ukraine today.",
            ],
        ),
        (
            "z",
            "Z",
            [
                "Putin sternly warned Seoul against arming Ukraine.",
                "The new treaty pledges mutual military assistance.",
            ],
        ),
    ]
)


def test_toy_units_presence_position_label():
    cov = coverage(TOY, threshold=0.3)
    assert cov["unit_id"].nunique() == 3
    u1 = cov[cov["unit_id"] == "u001"].set_index("outlet")
    assert u1["present"].all() and (u1["n_outlets"] == 3).all()
    assert u1.loc["X", "position"] == 0.0 and u1.loc["X", "lead"]
    assert u1.loc["Y", "position"] == 1.0 and not u1.loc["Y", "lead"]
    assert u1.loc["Y", "sentence_ids"] == "y-s002"
    # X's sentence is contained in both others: the most central sentence
    assert u1.loc["X", "label_sentence_id"] == "x-s001"
    assert u1.loc["X", "label"] == "Putin warned Seoul against arming Ukraine."
    u2 = cov[cov["unit_id"] == "u002"].set_index("outlet")
    assert u2["present"].tolist() == [False, True, True]
    assert np.isnan(u2.loc["X", "position"]) and u2.loc["X", "start"] == -1
    assert cov.attrs["threshold"] == 0.3


def test_toy_exclusive_and_omitted():
    cov = coverage(TOY, threshold=0.3)
    ex = exclusive_units(cov, TOY)
    assert ex[["unit_id", "outlet", "sentence_id"]].values.tolist() == [["u003", "X", "x-s002"]]
    om = omitted_units(cov)
    assert om[["unit_id", "missing_outlet"]].values.tolist() == [["u002", "X"]]
    assert om["closest_sentence_id"].tolist() == [""]
    om = omitted_units(cov, TOY)
    # X shares no word with the treaty sentences: its closest sentence scores 0
    assert om["closest_similarity"].item() == 0.0
    assert om["closest_sentence_id"].item().startswith("x-")


def test_toy_unit_overlap():
    # units: u001 in x, y, z; u002 (treaty) in y and z only; u003 (balloons) in x only
    ov = unit_overlap(coverage(TOY, threshold=0.3)).set_index(["article_a_id", "article_b_id"])
    assert len(ov) == 6
    assert ov.loc[("x", "y"), ["n_units_a", "n_shared", "n_shared_only"]].tolist() == [2, 1, 0]
    assert ov.loc[("y", "z"), ["n_units_a", "n_shared", "n_shared_only"]].tolist() == [2, 2, 1]
    assert ov.loc[("z", "x"), ["outlet_a", "outlet_b", "n_shared"]].tolist() == ["Z", "X", 1]


def test_seed_unit_overlap_000_closest_to_003(seed_cov):
    ov = unit_overlap(seed_cov)
    from_000 = ov[ov["article_a_id"] == "000"].set_index("article_b_id")["n_shared"]
    assert from_000.idxmax() == "003"


def test_seed_omission_closest_sentence(seed_cov, seed_tables):
    # the one 4-outlet unit (Seoul will consider "various options") lacks ViewUS Global;
    # its closest sentence 004-s006 says the Security Advisor "would reconsider this
    # issue": a paraphrase below the threshold, not a true omission
    om = omitted_units(seed_cov, seed_tables["sentences"])
    row = om[om["missing_outlet"] == "ViewUS Global"].iloc[0]
    assert row.closest_sentence_id == "004-s006"
    assert "reconsider this issue" in row.closest_text
    assert row.closest_similarity < seed_cov.attrs["threshold"]


def test_toy_threshold_sensitivity():
    sens = coverage_sensitivity(TOY, thresholds=(0.1, 0.3, 1.0), default=0.3).set_index("threshold")
    assert sens.loc[0.3, "n_units"] == 3 and sens.loc[0.3, "is_default"]
    assert sens.loc[0.3, "ari_vs_default"] == pytest.approx(1.0)
    # at 1.0 only identical sentences would merge: every sentence is its own unit
    assert sens.loc[1.0, "n_units"] == 6 and sens.loc[1.0, "n_shared"] == 0
    assert sens.loc[0.3, "n_all_outlets"] == 1 and sens.loc[0.3, "n_one_outlet"] == 1


def test_cluster_units_average_linkage_threshold():
    sim = np.array([[1.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 1.0]])
    assert cluster_units(sim, threshold=0.4).tolist() == [0, 0, 1]
    # merging the third needs mean similarity (0.1 + 0.2) / 2 = 0.15
    assert cluster_units(sim, threshold=0.15).tolist() == [0, 0, 0]
    assert cluster_units(sim, threshold=0.16).tolist() == [0, 0, 1]
    with pytest.raises(ValueError, match="threshold"):
        cluster_units(sim, threshold=0)
    with pytest.raises(ValueError, match="tfidf, lsa"):
        coverage(TOY, method="bert")


@pytest.fixture(scope="module")
def seed_cov(seed_tables):
    return coverage(seed_tables["sentences"])


def test_seed_big_mistake_unit_in_all_five(seed_cov, seed_tables, raw):
    # 003's lead: "Vladimir Putin has warned South Korea that it would make “a big
    # mistake” if it armed Ukraine in its war against Russia."
    hit = seed_cov[seed_cov["sentence_ids"].str.split(";").map(lambda s: "003-s001" in s)]
    unit = seed_cov[seed_cov["unit_id"] == hit["unit_id"].item()].set_index("outlet")
    assert unit["present"].all() and len(unit) == 5
    assert unit.loc["BBC (republished)", "position"] == 0.0
    text = seed_tables["sentences"].set_index("sentence_id")["text"]
    for ids in unit["sentence_ids"]:  # every outlet has a "mistake" sentence in the unit
        assert any("mistake" in text[s] for s in ids.split(";")), ids
    for r in unit.itertuples():
        assert raw[r.article_id][r.start : r.end] == r.text


def test_seed_big_mistake_unit_stable_over_thresholds(seed_tables):
    for t in (0.1, 0.15, 0.2):
        cov = coverage(seed_tables["sentences"], threshold=t)
        m = units_matching(cov, r"big mistake")
        assert m.groupby("unit_id")["present"].sum().max() == 5, t


def test_seed_balloons_bts_unique_to_breitbart(seed_cov, seed_tables):
    m = units_matching(seed_cov, r"balloons|\bBTS\b|Pungsan")
    present = m[m["present"]]
    assert len(present) >= 2
    assert set(present["outlet"]) == {"Breitbart"}
    assert (present["n_outlets"] == 1).all()
    ex = exclusive_units(seed_cov, seed_tables["sentences"])
    bts = ex[ex["text"].str.contains("BTS")]
    assert bts["outlet"].tolist() == ["Breitbart"]


def test_seed_special_military_operation_unique_to_004(seed_cov):
    m = units_matching(seed_cov, "special military operation")
    assert m.loc[m["present"], "outlet"].tolist() == ["ViewUS Global"]


def test_lsa_method_gives_same_toy_units():
    cov = coverage(TOY, threshold=0.3, method="lsa")
    assert cov.attrs["method"] == "lsa"
    assert sorted(cov.drop_duplicates("unit_id")["n_outlets"]) == [1, 2, 3]


def test_pipeline_tables_documented(seed_tables):
    from analysis.measures.coverage import TABLES

    for name in TABLES:
        assert list(seed_tables[name].columns) == list(TABLES[name]["columns"]), name
    cov = seed_tables["coverage"]
    # one row per unit x outlet
    assert len(cov) == cov["unit_id"].nunique() * 5


def test_plot_coverage_saves_figure(seed_cov, tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    from analysis.viz.coverage import plot_coverage

    ax = plot_coverage(seed_cov)
    assert (tmp_path / "coverage-units-by-outlet.png").exists()
    assert (
        len(ax.get_yticklabels()) == seed_cov.loc[seed_cov["n_outlets"] >= 2, "unit_id"].nunique()
    )
