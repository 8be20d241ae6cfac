"""Tests for analysis.extract.actors: the actor list, mentions, descriptors, Kim disambiguation."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.extract.actors import actor_mentions, load_actors

IDS = [
    "putin", "kim_jong_un", "yoon_suk_yeol", "zelensky", "chang_ho_jin", "zinoviev",
    "kirby", "hayashi", "kim_hong_kyun", "to_lam", "russia", "north_korea", "south_korea",
    "ukraine", "united_states", "japan", "vietnam",
]  # fmt: skip


def sentences(*texts: str, article_id: str = "t01") -> pd.DataFrame:
    """A hand-built sentences table: one sentence per text, separated by one space."""
    rows, pos = [], 0
    for i, t in enumerate(texts, 1):
        rows.append(
            dict(article_id=article_id, outlet="T", sentence_id=f"{article_id}-s{i:03d}",
                 segment="body", paragraph=i, start=pos, end=pos + len(t), text=t)
        )  # fmt: skip
        pos += len(t) + 1
    return pd.DataFrame(rows)


def mentions_of(*texts: str) -> pd.DataFrame:
    return actor_mentions(sentences(*texts))


def test_actor_list_has_every_issue_id_with_fields():
    actors = load_actors()
    assert set(IDS) <= set(actors["actor"])
    assert actors["kind"].isin(["person", "state", "institution"]).all()
    assert actors["note"].str.len().gt(10).all()
    assert actors.set_index("actor").loc["kim_hong_kyun", "side"] == "south_korea"


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Kim Jong Un met him.", "kim_jong_un"),
        ("Kim Jong-un met him.", "kim_jong_un"),
        ("Kim Jong-Un met him.", "kim_jong_un"),
        ("Seoul objected.", "south_korea"),
        ("The Republic of Korea objected.", "south_korea"),
        ("The ROK objected.", "south_korea"),
        ("Pyongyang agreed.", "north_korea"),
        ("The DPRK agreed.", "north_korea"),
        ("Moscow agreed.", "russia"),
        ("A statement from the Kremlin followed.", "russia"),
        ("Aid reached Kyiv.", "ukraine"),
        ("Aid reached Kiev.", "ukraine"),
        ("Washington objected.", "united_states"),
    ],
)
def test_alias_variants(text, actor):
    m = mentions_of(text)
    assert list(m["actor"]) == [actor]


def test_in_event_descriptions_resolve_to_putin():
    m = mentions_of(
        "The Russian leader spoke.", "Later the Russian president said so.",
        "The Kremlin chief visited.",
    )  # fmt: skip
    assert list(m["actor"]) == ["putin"] * 3
    assert list(m["mention"]) == [
        "The Russian leader",
        "the Russian president",
        "The Kremlin chief",
    ]
    assert list(m["descriptor"]) == ["Russian leader", "Russian president", "Kremlin chief"]
    assert list(m["match"]) == ["description"] * 3


def test_description_before_name_is_a_descriptor_not_a_second_mention():
    m = mentions_of("The Russian President Vladimir Putin spoke.")
    assert list(m["actor"]) == ["putin"]
    assert m["descriptor"].iloc[0] == "Russian President"


def test_kim_disambiguation():
    m = mentions_of(
        "Vice Foreign Minister Kim Hong Kyun protested.",
        "Kim Jong Un signed the pact.",
        "Kim said it was the strongest treaty.",
        "Reporter Kim Bum-soo wrote the story.",
    )
    assert list(zip(m["mention"], m["actor"], strict=True)) == [
        ("Kim Hong Kyun", "kim_hong_kyun"),
        ("Kim Jong Un", "kim_jong_un"),
        ("Kim", "kim_jong_un"),
    ]
    # a bare surname takes the most recent full name
    m2 = mentions_of("Kim Jong Un signed.", "Kim Hong Kyun protested.", "Kim warned Moscow.")
    assert m2[m2["mention"] == "Kim"]["actor"].tolist() == ["kim_hong_kyun"]


@pytest.mark.parametrize(
    "text, name, descriptor",
    [
        ("Russian strongman Vladimir Putin said so.", "Vladimir Putin", "Russian strongman"),
        (
            "It was welcomed by communist dictator Kim Jong-un today.",
            "Kim Jong-un",
            "communist dictator",
        ),
        (
            "He signed it with the country's leader, Kim Jong Un.",
            "Kim Jong Un",
            "the country's leader",
        ),
        ("He met North Korean leader Kim Jong Un.", "Kim Jong Un", "North Korean leader"),
        (
            "Seoul summoned the Russian ambassador, Georgy Zinoviev, on Monday.",
            "Georgy Zinoviev",
            "Russian ambassador",
        ),
        (
            "Early on Friday, U.S. National Security Council spokesman John Kirby spoke.",
            "John Kirby",
            "U.S. National Security Council spokesman",
        ),
        ("During Putin's visit nothing happened.", "Putin", ""),
        ("It followed Putin's visit.", "Putin", ""),
        ("Support of communist North Korea grew.", "North Korea", "communist"),
        ("South Korea also summoned envoys.", "South Korea", ""),
    ],
)
def test_descriptors(text, name, descriptor):
    m = mentions_of(text)
    row = m[m["mention"] == name].iloc[0]
    assert row["descriptor"] == descriptor


def test_offsets_point_into_the_text():
    s = sentences("Intro sentence here.", "Then Putin warned Seoul.")
    m = actor_mentions(s)
    raw = " ".join(s["text"])
    assert all(raw[a:b] == t for a, b, t in zip(m["start"], m["end"], m["mention"], strict=True))
    assert list(m["sentence_id"]) == ["t01-s002", "t01-s002"]


# ---------------------------------------------------------------- validation (--actors)
def write(tmp_path, text):
    p = tmp_path / "actors.yaml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """
actors:
  - {id: ann, name: Ann Lee, kind: person, side: x, aliases: [Ann Lee, Lee], note: test}
"""


def test_user_actor_list_loads(tmp_path):
    a = load_actors(write(tmp_path, GOOD))
    assert list(a["actor"]) == ["ann"]
    m = actor_mentions(sentences("Ann Lee spoke."), a)
    assert list(m["actor"]) == ["ann"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("actors: [", "not valid YAML"),
        ("foo: 1", "'actors:' list"),
        (
            "actors:\n  - {id: a, name: A, kind: person, side: x, aliases: [A]}",
            "missing field(s) note",
        ),
        (
            "actors:\n  - {id: A-1, name: A, kind: person, side: x, aliases: [A], note: n}",
            "snake_case",
        ),
        (
            "actors:\n  - {id: a, name: A, kind: robot, side: x, aliases: [A], note: n}",
            "kind 'robot' is not one of person, state, institution",
        ),
        (
            "actors:\n  - {id: a, name: A, kind: person, side: x, aliases: [], note: n}",
            "non-empty list",
        ),
        (
            "actors:\n  - {id: a, name: A, kind: person, side: x, aliases: [A], note: n, colour: red}",
            "unknown field(s) colour",
        ),
        (
            "actors:\n  - {id: a, name: A, kind: person, side: x, aliases: [A], note: n}\n  - {id: a, name: B, kind: person, side: x, aliases: [B], note: n}",
            "duplicate id",
        ),
        (
            "actors:\n  - {id: a, name: A, kind: state, side: x, aliases: [Sea Land], note: n}\n  - {id: b, name: B, kind: state, side: x, aliases: [Sea Land], note: n}",
            "shared by a, b",
        ),
    ],
)
def test_bad_actor_files_raise_input_error(tmp_path, text, problem):
    with pytest.raises(InputError) as exc:
        load_actors(write(tmp_path, text))
    assert problem in str(exc.value)
    assert str(tmp_path / "actors.yaml") in str(exc.value)


def test_missing_actor_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_actors(tmp_path / "nope.yaml")


# ---------------------------------------------------------------- seed facts (read by hand)
def first_body(seed_tables, article_id, actor):
    m = seed_tables["actor_mentions"]
    m = m[(m["article_id"] == article_id) & (m["actor"] == actor) & (m["segment"] == "body")]
    return m.sort_values("start").iloc[0]


@pytest.mark.parametrize(
    "article_id, actor, descriptor",
    [
        ("001", "putin", "Russian strongman"),
        ("001", "kim_jong_un", "communist dictator"),
        ("002", "kim_jong_un", "the country's leader"),
        ("000", "kim_jong_un", "North Korean leader"),
    ],
)
def test_seed_first_body_descriptors(seed_tables, article_id, actor, descriptor):
    assert first_body(seed_tables, article_id, actor)["descriptor"] == descriptor


def test_seed_kim_hong_kyun_is_not_kim_jong_un(seed_tables, raw):
    m = seed_tables["actor_mentions"]
    m = m[m["article_id"] == "000"]
    kim = m[m["mention"] == "Kim Hong Kyun"]
    assert list(kim["actor"]) == ["kim_hong_kyun"]
    assert kim["descriptor"].iloc[0] == "South Korean Vice Foreign Minister"
    # the later bare "Kim said" follows "Kim Jong Un", so it is Kim Jong Un
    bare = m[m["mention"] == "Kim"]
    assert list(bare["actor"]) == ["kim_jong_un"]
    assert "Kim said the agreement" in raw["000"][bare["start"].iloc[0] :]


def test_seed_mentions_offsets_and_voice(seed_tables, raw):
    m = seed_tables["actor_mentions"]
    assert all(
        raw[a][s:e] == t
        for a, s, e, t in zip(m["article_id"], m["start"], m["end"], m["mention"], strict=True)
    )
    assert set(m["voice"]) <= {"authorial", "quoted", "reported"}
    # "President Putin" inside Hayashi's quotation (003) is quoted, speaker hayashi
    row = m[(m["article_id"] == "003") & (m["descriptor"] == "President")].iloc[0]
    assert (row["voice"], row["speaker"]) == ("quoted", "hayashi")


def test_apposition_after_the_name():
    m = mentions_of("South Korea's Yoon, a hardline conservative, visited Kyiv.")
    row = m[m["actor"] == "yoon_suk_yeol"].iloc[0]
    assert row["descriptor"] == "hardline conservative"
    m2 = mentions_of("He met Kim Jong Un, North Korea's leader, on Tuesday.")
    assert m2[m2["actor"] == "kim_jong_un"]["descriptor"].tolist() == ["North Korea's leader"]
    # a clause after the comma is not an apposition
    m3 = mentions_of("He met Kim Jong Un, who welcomed the leader warmly.")
    assert m3[m3["actor"] == "kim_jong_un"]["descriptor"].tolist() == [""]


@pytest.mark.parametrize("k, n", [(0, 10), (3, 25), (7, 7), (1, 2), (13, 32)])
def test_clopper_pearson_matches_scipy_binomtest(k, n):
    from scipy.stats import binomtest

    from analysis.extract.actors import clopper_pearson

    ref = binomtest(k, n).proportion_ci(confidence_level=0.95, method="exact")
    lo, hi = clopper_pearson(k, n)
    assert lo == pytest.approx(ref.low, abs=1e-9) and hi == pytest.approx(ref.high, abs=1e-9)


def test_actor_naming_counts(seed_tables):
    n = seed_tables["actor_naming"].set_index(["article_id", "actor"])
    row = n.loc[("001", "putin")]
    assert row["first_label"] == "Russian strongman Vladimir Putin"
    assert row["first_sentence_id"].startswith("001-s")
    # 002: "The Kremlin chief" and "the Russian leader" count as Putin mentions
    assert "Kremlin chief (1)" in n.loc[("002", "putin"), "descriptors"]
    assert "Russian leader (2)" in n.loc[("002", "putin"), "descriptors"]
    k = n.loc[("000", "kim_jong_un")]
    assert k["n_sentences_with_actor"] <= k["n_body_sentences"]
    assert k["body_share_low"] <= k["body_share"] <= k["body_share_high"]


def test_gender_field(tmp_path):
    actors = load_actors()
    assert set(actors.loc[actors["kind"] == "person", "gender"]) == {"male"}
    assert set(actors.loc[actors["kind"] != "person", "gender"]) == {""}
    ok = "actors:\n  - {id: a, name: A, kind: person, gender: female, side: x, aliases: [Ann], note: n}"
    assert load_actors(write(tmp_path, ok))["gender"].tolist() == ["female"]
    bad = "actors:\n  - {id: s, name: S, kind: state, gender: female, side: x, aliases: [Sea], note: n}"
    with pytest.raises(InputError, match="only for a person"):
        load_actors(write(tmp_path, bad))
    bad = "actors:\n  - {id: a, name: A, kind: person, gender: f, side: x, aliases: [Ann], note: n}"
    with pytest.raises(InputError, match="gender 'f' must be one of male, female"):
        load_actors(write(tmp_path, bad))
