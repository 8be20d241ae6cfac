"""Events: grouping articles into stories (analysis.text.events)."""

import pandas as pd
import pytest

from analysis.pipeline import Context
from analysis.text.events import (
    event_threshold_sensitivity,
    events_from_articles,
    events_step,
    events_table,
)

STORIES = {
    "a1": (
        "Out1",
        "2024-06-20",
        "Putin warns Seoul over arms for Ukraine",
        "Putin warned South Korea that supplying weapons to Ukraine would be a big mistake.",
    ),
    "a2": (
        "Out2",
        "2024-06-21",
        "Putin threatens South Korea on Ukraine weapons",
        "Putin said South Korea supplying weapons to Ukraine would be a very big mistake.",
    ),
    "a3": (
        "Out3",
        "2024-06-20",
        "Seoul reviews arms policy after Putin warning",
        "South Korea will review supplying weapons to Ukraine after the Putin warning.",
    ),
    "b1": (
        "Out1",
        "2024-06-20",
        "Flooding closes schools in Bavaria",
        "Heavy rain flooded rivers in Bavaria and schools closed on Thursday.",
    ),
    "b2": (
        "Out2",
        "2024-06-20",
        "Bavaria floods: schools shut",
        "Rivers in Bavaria flooded after heavy rain; schools closed.",
    ),
    # same words as story a, but a month later: the date window keeps it apart
    "c1": (
        "Out1",
        "2024-07-25",
        "Putin warns South Korea again",
        "Putin warned South Korea again that weapons to Ukraine would be a big mistake.",
    ),
}


def _tables(stories=STORIES):
    arts = pd.DataFrame(
        [
            {"article_id": k, "outlet": o, "published": d, "headline": h}
            for k, (o, d, h, _b) in stories.items()
        ]
    )
    sents = pd.DataFrame(
        [
            row
            for k, (_o, _d, h, b) in stories.items()
            for row in (
                {"article_id": k, "segment": "headline", "text": h},
                {"article_id": k, "segment": "body", "text": b},
            )
        ]
    )
    return arts, sents


def test_auto_groups_by_text_and_date_window():
    arts, sents = _tables()
    ev = events_from_articles(arts, sents, method="auto", threshold=0.1, window_days=3)
    by = dict(zip(ev["article_id"], ev["event"], strict=True))
    assert by["a1"] == by["a2"] == by["a3"]
    assert by["b1"] == by["b2"] != by["a1"]
    # c1 repeats story a's words 35 days later: outside the window, its own event
    assert by["c1"] not in (by["a1"], by["b1"])
    # ids by first date, then label: both June-20 stories before July's
    assert by["c1"] == "E003"
    assert set(ev["event_source"]) == {"auto"}


def test_unknown_dates_are_compared_with_everything():
    stories = {k: (o, "", h, b) for k, (o, _d, h, b) in STORIES.items()}
    arts, sents = _tables(stories)
    ev = events_from_articles(arts, sents, method="auto", threshold=0.1)
    by = dict(zip(ev["article_id"], ev["event"], strict=True))
    assert by["c1"] == by["a1"]


def test_single_and_column_methods():
    arts, sents = _tables()
    single = events_from_articles(arts, sents, method="single")
    assert set(single["event"]) == {"E001"}
    arts["event"] = ["putin", "putin", "putin", "floods", "floods", "putin-july"]
    col = events_from_articles(arts, method="column")
    assert col.set_index("article_id")["event_name"]["b2"] == "floods"
    assert col["event"].nunique() == 3
    table = events_table(col, arts)
    floods = table.set_index("label").loc["floods"]
    assert (floods["n_articles"], floods["n_outlets"], floods["outlets"]) == (2, 2, "Out1;Out2")
    assert floods["first_date"] == "2024-06-20"


def test_column_method_rejects_missing_values():
    arts, _ = _tables()
    arts["event"] = ["x", "", "x", "y", "y", "z"]
    with pytest.raises(ValueError, match="1 article\\(s\\) have no event, e.g. 'a2'"):
        events_from_articles(arts, method="column")


def test_bad_options_list_valid_choices():
    arts, sents = _tables()
    with pytest.raises(ValueError, match="single, column, auto"):
        events_from_articles(arts, sents, method="story")
    with pytest.raises(ValueError, match="threshold"):
        events_from_articles(arts, sents, method="auto", threshold=0)


def test_events_table_label_is_most_central_headline():
    arts, sents = _tables()
    ev = events_from_articles(arts, sents, method="auto", threshold=0.1)
    table = events_table(ev, arts, sents)
    a = table[table["article_ids"] == "a1;a2;a3"].iloc[0]
    assert a["n_outlets"] == 3
    assert a["label"] in set(arts["headline"][:3])
    assert 0.1 <= a["min_link"] <= 1


def test_threshold_sensitivity_marks_chosen():
    arts, sents = _tables()
    sens = event_threshold_sensitivity(arts, sents, thresholds=(0.05, 0.9), chosen=0.1)
    assert list(sens["threshold"]) == [0.05, 0.1, 0.9]
    assert sens.set_index("threshold").loc[0.1, "ari_vs_chosen"] == 1.0
    assert sens.set_index("threshold").loc[0.9, "n_events"] == 6
    assert sens["chosen"].sum() == 1


def test_step_defaults_to_column_then_single():
    arts, sents = _tables()
    ctx = Context(articles=[], tables={"articles": arts, "sentences": sents})
    assert set(events_step(ctx)["article_events"]["event_source"]) == {"single"}
    ctx.tables["articles"] = arts.assign(event="one")
    out = events_step(ctx)
    assert set(out["article_events"]["event_source"]) == {"column"}
    assert "event_threshold_sensitivity" not in out
    ctx.settings = ctx.settings.replace(events="auto")
    assert "event_threshold_sensitivity" in events_step(ctx)


def test_order_of_articles_does_not_change_events():
    arts, sents = _tables()
    a = events_from_articles(arts, sents, method="auto", threshold=0.1)
    shuffled = arts.sample(frac=1, random_state=3)
    b = events_from_articles(
        shuffled, sents.sample(frac=1, random_state=4), method="auto", threshold=0.1
    )
    assert (
        a.set_index("article_id")["event"].to_dict() == b.set_index("article_id")["event"].to_dict()
    )


# --- the whole pipeline on a hand-built two-event corpus ---------------------------------


@pytest.fixture(scope="module")
def two_event_tables(tmp_path_factory):
    from analysis.pipeline import analyze
    from tests.two_events import write_two_events

    folder = write_two_events(tmp_path_factory.mktemp("two-events"))
    return analyze([folder]).tables


def test_event_column_travels_to_articles_and_events(two_event_tables):
    t = two_event_tables
    assert dict(zip(t["articles"]["article_id"], t["articles"]["event"], strict=True))["b2"] == (
        "budget"
    )
    ev = t["events"].set_index("label")
    assert list(ev.index) == ["flood", "budget"]  # by first date
    assert ev.loc["flood", "event"] == "E001" and ev.loc["budget", "article_ids"] == "b1;b2;b3"
    assert set(t["article_events"]["event_source"]) == {"column"}


def test_coverage_units_never_mix_events(two_event_tables):
    cov = two_event_tables["coverage"]
    present = cov[cov["present"].astype(bool)]
    art_event = two_event_tables["article_events"].set_index("article_id")["event"]
    for _uid, grp in present.groupby("unit_id"):
        assert grp["article_id"].map(art_event).nunique() == 1
    # unit ids carry their event when there are several
    assert cov["unit_id"].str.match(r"^E00[12]-u\d{3}$").all()
    # the stock line is in f1 (flood) and b2 (budget): two units, one per event
    stock = present[present["text"].str.contains("debate we want")]
    assert sorted(stock["event"]) == ["E001", "E002"]
    assert stock["unit_id"].nunique() == 2
    # placeholders only for the event's own outlets: 3 outlets per unit
    assert (cov.groupby("unit_id")["outlet"].count() == 3).all()


def test_reuse_within_and_across_events(two_event_tables):
    reuse = two_event_tables["reuse"]
    wire = reuse[(reuse["article_a_id"] == "f2") & (reuse["article_b_id"] == "f3")]
    assert len(wire) == 1 and wire.iloc[0]["event_a"] == wire.iloc[0]["event_b"] == "E001"
    house = reuse[reuse["text_a"].str.contains("asked the governor's office")]
    assert list(zip(house["article_a_id"], house["article_b_id"], strict=True)) == [("b1", "f1")]
    assert (house["event_a"] != house["event_b"]).all()
    matrix = two_event_tables["reuse_matrix"]
    same = matrix[matrix["event_a"] == matrix["event_b"]]
    assert len(same) == 2 * 3 * 2  # every ordered pair within each event
    across = matrix[matrix["event_a"] != matrix["event_b"]]
    assert sorted(set(zip(across["article_a_id"], across["article_b_id"], strict=True))) == [
        ("b1", "f1"),
        ("f1", "b1"),
    ]


def test_without_event_column_the_corpus_is_one_event(tmp_path):
    from analysis.pipeline import analyze
    from tests.two_events import write_two_events

    t = analyze([write_two_events(tmp_path, with_event_column=False)]).tables
    assert set(t["article_events"]["event"]) == {"E001"}
    assert "event" not in t["articles"]
    cov = t["coverage"]
    stock = cov[cov["present"].astype(bool) & cov["text"].str.contains("debate we want")]
    assert stock["unit_id"].nunique() == 1  # pooled: one unit across the two stories


def test_auto_recovers_the_two_events(tmp_path):
    from analysis.pipeline import analyze
    from tests.two_events import write_two_events

    folder = write_two_events(tmp_path, with_event_column=False)
    # the texts are two to four sentences long, so similarities are low: 0.15 (b1-b2 are
    # at 0.18, the closest pair across stories f1-b2 at 0.11 once house lines are dropped)
    t = analyze([folder], settings={"events": "auto", "event_threshold": 0.15}).tables
    by = t["article_events"].set_index("article_id")["event"]
    assert by["f1"] == by["f2"] == by["f3"] != by["b1"] == by["b2"] == by["b3"]
    assert "event_threshold_sensitivity" in t


def test_house_sentences_are_repeated_lines_of_one_outlet():
    from analysis.text.events import house_sentences

    sents = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["X", "X", "Y", "X"],
            "text": ["Ask us  for comment.", "ask us for comment.", "Ask us for comment.", "News."],
        }
    )
    # X repeats it in two articles; Y's copy is another outlet's (a story, not furniture)
    assert house_sentences(sents).tolist() == [True, True, False, False]


def test_coverage_sensitivity_counts_units_over_events(two_event_tables):
    from analysis.measures.coverage import coverage_sensitivity
    from analysis.text.events import article_event_map, split_by_event

    t = two_event_tables
    pooled = t["coverage_sensitivity"].set_index("threshold")
    assert set(pooled["event"]) == {"all"}
    per = [
        coverage_sensitivity(sub).set_index("threshold")
        for _e, sub in split_by_event(t["sentences"], article_event_map(t))
    ]
    for col in ("n_units", "n_shared", "n_all_outlets", "n_one_outlet"):
        assert (pooled[col] == sum(p[col] for p in per)).all(), col
    # the default threshold's units are the coverage table's units
    assert pooled.loc[0.2, "n_units"] == t["coverage"]["unit_id"].nunique()
