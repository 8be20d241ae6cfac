"""Headlines compared within events (analysis.measures.headlines)."""

import pytest

from analysis.measures.headlines import content_words, jaccard


def test_content_words_and_jaccard():
    # "against", "would", "be", "a", "very" are scikit-learn stop words
    words = content_words(
        "Putin Threatens South Korea: Arming Ukraine Would Be a ‘Very Big Mistake’"
    )
    assert words == {"putin", "threatens", "south", "korea", "arming", "ukraine", "big", "mistake"}
    assert jaccard(frozenset("ab"), frozenset("bc")) == pytest.approx(1 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_seed_headlines_side_by_side(seed_tables):
    h = seed_tables["headline_comparison"].set_index("article_id")
    raw_checked = {
        "000": ("warn", "marked", ""),
        "001": ("threaten", "charged", "threaten"),
        "002": ("threaten", "charged", "threaten"),
    }
    for aid, (verb, stance, loaded) in raw_checked.items():
        assert (h.loc[aid, "verb"], h.loc[aid, "stance"], h.loc[aid, "loaded_terms"]) == (
            verb,
            stance,
            loaded,
        )
        assert h.loc[aid, "first_actor"] == "putin"
        assert h.loc[aid, "actors"] == "putin;south_korea;ukraine"
    # IRIA vs Breitbart share putin, south, korea, arming, ukraine: 5 of 11 content words;
    # IRIA vs Kyiv Independent 4 of 12 (putin, south, korea, ukraine)
    assert h.loc["000", "max_jaccard"] == pytest.approx(5 / 11)
    assert h.loc["000", "mean_jaccard"] == pytest.approx((5 / 11 + 4 / 12) / 2)
    assert h.loc["000", "most_similar_id"] == "001"
    assert h.loc["001", "most_similar_id"] == "000"  # a tie with 002 (5/11): the lower id
    assert h.loc["002", ["start", "end"]].tolist() == [281, 344]
    # 003 and 004: no headline in the file
    assert h.loc["003", "headline"] == "" and h.loc["003", "n_compared"] == 0
    assert h.loc["001", "vader_compound"] == pytest.approx(-0.3818)


@pytest.fixture(scope="module")
def two_event_tables(tmp_path_factory):
    from analysis.pipeline import analyze
    from tests.two_events import write_two_events

    folder = write_two_events(tmp_path_factory.mktemp("two-events-headlines"))
    return analyze([folder], settings={}).tables


def test_headlines_are_compared_only_within_their_event(two_event_tables):
    h = two_event_tables["headline_comparison"].set_index("article_id")
    assert (h["n_compared"] == 2).all()
    # budget: b1 {senate, passes, state, budget, long, night}, b2 {budget, clears, senate,
    # votes}, b3 {narrow, budget, vote, senate}
    assert h.loc["b2", "max_jaccard"] == pytest.approx(2 / 6)
    assert h.loc["b2", "most_similar_id"] == "b3"
    assert h.loc["b1", "mean_jaccard"] == pytest.approx(2 / 8)
    assert h.loc["b1", "most_similar_id"] == "b2"  # tie with b3: the lower id
    # flood: f1 and f2 share floods, river, valley (3 of 7); f3 shares only valley
    assert h.loc["f1", "max_jaccard"] == pytest.approx(3 / 7)
    assert h.loc["f3", "mean_jaccard"] == pytest.approx((1 / 9 + 1 / 7) / 2)
    assert h.loc[["f1", "f2", "f3"], "event"].nunique() == 1
    assert h.loc["f1", "event"] != h.loc["b1", "event"]


def test_ids_survive_the_csv_round_trip(seed_tables, tmp_path):
    # "000" read back as the number 0.0 broke notebook 03 before the column was *_id
    from analysis.io import read_table, write_table

    path = write_table(seed_tables["headline_comparison"], tmp_path / "headline_comparison.csv")
    back = read_table(path).set_index("article_id")
    assert back.loc["001", "most_similar_id"] == "000"
