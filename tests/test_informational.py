"""Informational bias (issue 15 point 5): exclusive units by stance toward each actor."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.measures import informational as inf


def _exclusive(rows):
    cols = ["event", "unit_id", "outlet", "position", "article_id", "sentence_id"]
    cols += ["start", "end", "text"]
    return pd.DataFrame(rows, columns=cols)


def _stance(rows, method=inf.WINDOW_METHOD):
    out = pd.DataFrame(rows, columns=["sentence_id", "actor", "score"])
    out["method"] = method
    return out


# outlet A carries u1 (s1, s2), u2 (s3) and u4 (s5, no actor); outlet B carries u3 (s4)
EXCLUSIVE = _exclusive(
    [
        ("E1", "u1", "A", 0.0, "a1", "s1", 0, 10, "one"),
        ("E1", "u1", "A", 0.0, "a1", "s2", 11, 20, "two"),
        ("E1", "u2", "A", 0.5, "a1", "s3", 21, 30, "three"),
        ("E1", "u4", "A", 0.9, "a1", "s5", 41, 50, "five"),
        ("E1", "u3", "B", 0.2, "b1", "s4", 31, 40, "four"),
    ]
)
STANCE = _stance(
    [
        ("s1", "putin", 0.5),
        ("s1", "putin", -0.1),  # a second clause window of the same sentence
        ("s2", "putin", 0.2),
        ("s1", "korea", -0.6),
        ("s3", "putin", -0.3),
        ("s4", "putin", 0.0),
        ("s9", "putin", 0.9),  # not in an exclusive unit: ignored
    ]
)


def test_evidence_rows_and_unit_scores_by_hand():
    ev = inf.informational_evidence(EXCLUSIVE, STANCE)
    assert list(ev.columns) == list(inf.TABLES["informational_evidence"]["columns"])
    got = list(zip(ev["unit_id"], ev["actor"], ev["sentence_id"], strict=True))
    assert got == [
        ("u1", "korea", "s1"),
        ("u1", "putin", "s1"),
        ("u1", "putin", "s2"),
        ("u2", "putin", "s3"),
        ("u3", "putin", "s4"),
    ]
    u1 = ev[(ev["unit_id"] == "u1") & (ev["actor"] == "putin")]
    # mean over the unit's three windows: (0.5 - 0.1 + 0.2) / 3 = 0.2
    assert u1["unit_score"].tolist() == [0.2, 0.2]
    assert u1["unit_stance"].tolist() == ["favourable", "favourable"]
    assert u1["sentence_score"].tolist() == [0.2, 0.2]  # s1: (0.5 - 0.1) / 2; s2: 0.2
    assert u1["unit_sentence_ids"].iloc[0] == "s1;s2"
    stance = dict(zip(zip(ev["unit_id"], ev["actor"], strict=True), ev["unit_stance"], strict=True))
    assert stance[("u1", "korea")] == "unfavourable"
    assert stance[("u2", "putin")] == "unfavourable"
    assert stance[("u3", "putin")] == "neutral"
    assert set(ev["method"]) == {inf.WINDOW_METHOD}


def test_balance_counts_by_hand():
    b = inf.informational_balance(EXCLUSIVE, STANCE, n_boot=200)
    assert list(b.columns) == list(inf.TABLES["informational_balance"]["columns"])
    row = {(r.outlet, r.actor): r for r in b.itertuples(index=False)}
    assert set(row) == {("A", "korea"), ("A", "putin"), ("B", "putin")}
    a = row[("A", "putin")]
    assert (a.n_exclusive_units, a.n_favourable, a.n_unfavourable, a.n_neutral) == (2, 1, 1, 0)
    assert a.balance == 0.0
    assert a.ci_low == -1.0 and a.ci_high == 1.0  # votes (+1, -1): resamples span both
    assert a.n_outlet_exclusive_units == 3  # u1, u2 and u4 (which names no actor)
    k = row[("A", "korea")]
    assert k.balance == -1.0 and math.isnan(k.ci_low)  # one unit: no interval
    assert row[("B", "putin")].n_neutral == 1 and row[("B", "putin")].balance == 0.0
    assert set(b["resampled"]) == {"units"} and set(b["event"]) == {"E1"}


def test_threshold_moves_a_unit_to_neutral():
    b = inf.informational_balance(EXCLUSIVE, STANCE, threshold=0.25, n_boot=50)
    a = b[(b["outlet"] == "A") & (b["actor"] == "putin")].iloc[0]
    # u1 (0.2) is now neutral, u2 (-0.3) still unfavourable
    assert (a.n_favourable, a.n_unfavourable, a.n_neutral, a.balance) == (0, 1, 1, -0.5)


def test_pooled_rows_resample_events():
    ex = pd.concat(
        [
            EXCLUSIVE,
            _exclusive(
                [
                    ("E2", "E2-u1", "A", 0.0, "a2", "t1", 0, 5, "t one"),
                    ("E2", "E2-u2", "A", 0.1, "a2", "t2", 6, 9, "t two"),
                ]
            ),
        ],
        ignore_index=True,
    )
    st = pd.concat([STANCE, _stance([("t1", "putin", 0.4), ("t2", "putin", 0.6)])])
    b = inf.informational_balance(ex, st, n_boot=500)
    pooled = b[b["event"] == inf.POOLED].set_index(["outlet", "actor"])
    p = pooled.loc[("A", "putin")]
    # E1: +1 -1; E2: +1 +1 -> 3 favourable, 1 unfavourable of 4 units
    assert (p.n_exclusive_units, p.n_favourable, p.n_unfavourable) == (4, 3, 1)
    assert p.balance == 0.5 and p.resampled == "events"
    assert p.n_outlet_exclusive_units == 5
    # two events: resamples are E1+E1 (0/4 = 0), E2+E2 (4/4 = 1) or mixed (2/4)
    assert p.ci_low == 0.0 and p.ci_high == 1.0
    # an actor in one event only has no pooled interval
    assert math.isnan(pooled.loc[("A", "korea")].ci_low)


def test_learned_scores_and_method_checks():
    per_mention = pd.DataFrame(
        {
            "sentence_id": ["s1", "s3", "s4"],
            "actor": ["putin", "putin", "putin"],
            "p_negative": [0.1, 0.7, 0.3],
            "p_neutral": [0.3, 0.2, 0.5],
            "p_positive": [0.6, 0.1, 0.2],
        }
    )
    st = inf.stance_from_learned(per_mention)
    assert st["score"].round(4).tolist() == [0.5, -0.6, -0.1]
    b = inf.informational_balance(EXCLUSIVE, st, n_boot=50)
    assert set(b["method"]) == {inf.LEARNED_METHOD}
    a = b[(b["outlet"] == "A") & (b["actor"] == "putin")].iloc[0]
    assert (a.n_favourable, a.n_unfavourable) == (1, 1)
    # s4: score -0.1 would be unfavourable by the cut; the model's argmax is neutral
    bb = b[b["outlet"] == "B"].iloc[0]
    assert (bb.n_neutral, bb.n_unfavourable) == (1, 0)
    with pytest.raises(ValueError, match="or none"):
        inf.informational_evidence(EXCLUSIVE, st.drop(columns="p_neutral"))
    with pytest.raises(ValueError, match="one method"):
        inf.informational_evidence(EXCLUSIVE, pd.concat([STANCE, st]))
    with pytest.raises(ValueError, match="clause"):
        inf.stance_from_windows(pd.DataFrame(), window="paragraph")
    assert inf.informational_balance(EXCLUSIVE.iloc[:0], STANCE).empty


def test_seed_values_read_by_hand(seed_tables):
    ev = seed_tables["informational_evidence"]
    b = seed_tables["informational_balance"]
    # results/coverage_exclusive.csv: u021 is Breitbart's 001-s008 alone, "North Korea
    # and South Korea have formally been in a state of war for 74 years."; its clause
    # window scores VADER -0.5994 for both actors (sentiment_actor_windows)
    u21 = ev[ev["unit_id"] == "u021"]
    assert sorted(u21["actor"]) == ["north_korea", "south_korea"]
    assert set(u21["unit_stance"]) == {"unfavourable"}
    assert set(u21["unit_score"]) == {-0.5994}
    r = u21.iloc[0]
    raw = seed_tables["sentences"].set_index("sentence_id").loc["001-s008", "text"]
    assert r.text == raw and (r.start, r.end) == (1134, 1212)
    # u019 (001-s007): the clause about North Korea scores -0.25, the one about Russia
    # ("Russia had not taken measures to commit to military intervention") +0.5499
    u19 = ev[ev["unit_id"] == "u019"].set_index("actor")["unit_stance"].to_dict()
    assert u19 == {"north_korea": "unfavourable", "russia": "favourable"}
    # Breitbart alone carries 21 units (coverage_exclusive); 7 of them name South Korea
    bs = b[(b["outlet"] == "Breitbart") & (b["actor"] == "south_korea")].iloc[0]
    assert bs.n_outlet_exclusive_units == 21
    assert (bs.n_exclusive_units, bs.n_favourable, bs.n_unfavourable) == (7, 1, 5)
    assert set(b["method"]) == {inf.WINDOW_METHOD}


def test_agreement_of_two_methods_by_hand():
    a = inf.informational_evidence(EXCLUSIVE, STANCE)
    shifted = STANCE.assign(score=STANCE["score"] + 0.1, method="shifted")
    b = inf.informational_evidence(EXCLUSIVE, shifted)
    got = inf.stance_agreement(a, b)
    # u1 putin 0.3 fav (= fav), u1 korea -0.5 unfav (=), u2 putin -0.2 unfav (=),
    # u3 putin 0.1 fav (was neutral): 3 of 4 agree
    assert got["n_pairs"] == 4 and got["agreement"] == 0.75
    assert got["confusion"][("neutral", "favourable")] == 1
    assert got["method_b"] == "shifted"


def test_balance_summary_keeps_cells_with_enough_units():
    b = inf.informational_balance(EXCLUSIVE, STANCE, n_boot=50)
    top = inf.balance_summary(b, min_units=1)
    # |balance| 1 (A korea) first, then the two zeros in outlet, actor order
    assert list(zip(top["outlet"], top["actor"], strict=True)) == [
        ("A", "korea"),
        ("A", "putin"),
        ("B", "putin"),
    ]
    assert list(inf.balance_summary(b, min_units=2)["actor"]) == ["putin"]
