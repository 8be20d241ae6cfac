"""Near-duplicate articles (analysis.text.duplicates)."""

import pandas as pd
import pytest

from analysis.pipeline import analyze
from analysis.text.duplicates import articles_to_drop, near_duplicates

WIRE = (
    "Rescue crews pulled dozens of residents from flooded homes along the river overnight, "
    "and officials said the water had reached its highest level in forty years. The "
    "governor declared a state of emergency for three counties on Tuesday morning."
)

FARMERS = (
    "Farmers in the valley said the water had destroyed most of this year's harvest of "
    "wheat and maize, and asked the state for help."
)


def _sents(texts: dict[str, tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"article_id": k, "outlet": o, "segment": "body", "text": t}
            for k, (o, t) in texts.items()
        ]
    )


def test_wire_copy_is_a_near_duplicate_and_stock_phrases_are_not():
    texts = {
        "a": ("Herald", WIRE),
        "b": ("Tribune", WIRE + " Farmers said their harvest was lost."),
        "c": (
            "Courier",
            "Officials said the water had reached a record on Tuesday, and schools closed "
            "across the county.",
        ),
    }
    d = near_duplicates(_sents(texts))
    assert list(zip(d["article_a_id"], d["article_b_id"], strict=True)) == [("a", "b")]
    row = d.iloc[0]
    assert row["containment_a"] == 1.0 and row["containment_b"] < 1.0
    assert row["kind"] == "near" and not row["same_outlet"]
    # a is wholly inside b: a is the one dropped
    assert articles_to_drop(d) == ["a"]


def test_exact_copy_and_threshold():
    d = near_duplicates(_sents({"a": ("X", WIRE), "b": ("X", WIRE)}))
    assert d.iloc[0]["kind"] == "exact" and d.iloc[0]["same_outlet"]
    assert articles_to_drop(d) == ["b"]  # tie: the later id
    with pytest.raises(ValueError, match="threshold"):
        near_duplicates(_sents({"a": ("X", WIRE)}), threshold=1.5)


def test_seeds_have_no_near_duplicates(seed_tables):
    # the closest seed pair, 003 (the BBC republication) in 000, shares 14% of shingles
    assert len(seed_tables["duplicates"]) == 0


@pytest.mark.slow
def test_drop_policy_removes_the_copy_before_the_measures(tmp_path):
    for name, outlet, text in (
        ("a", "Herald", "Flood hits the valley\n\n" + WIRE),
        ("b", "Tribune", "Flood hits the valley\n\n" + WIRE + "\n\n" + FARMERS),
        ("c", "Courier", "Budget passes\n\nThe state senate passed the budget by two votes."),
    ):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        del outlet
    kept = analyze([tmp_path]).tables
    assert list(kept["duplicates"]["action"]) == ["kept"]
    assert len(kept["articles"]) == 3
    dropped = analyze([tmp_path], settings={"duplicates": "drop"})
    t = dropped.tables
    assert list(t["duplicates"]["action"]) == ["dropped_a"]
    assert list(t["articles"]["article_id"]) == ["b", "c"]
    assert set(t["sentences"]["article_id"]) == {"b", "c"}
    assert "a" not in set(t["article_events"]["article_id"])
    assert any("dropped 1 near-duplicate" in n for n in dropped.notes)


def test_same_bytes_stop_the_run_unless_the_user_says_keep_or_drop(tmp_path):
    from analysis.errors import InputError

    text = "Flood hits the valley\n\n" + WIRE + "\n"
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.txt.*duplicate of .*a\.txt.*--duplicates keep"):
        analyze([tmp_path])
    kept = analyze([tmp_path], settings={"duplicates": "keep"}).tables
    assert list(kept["duplicates"]["kind"]) == ["exact"] and len(kept["articles"]) == 2
    dropped = analyze([tmp_path], settings={"duplicates": "drop"}).tables
    assert list(dropped["articles"]["article_id"]) == ["a"]
