import pandas as pd

from analysis.report.corpus_report import (
    furniture_sentence,
    furniture_shares,
    quotations_by_article,
    set_aside_lines,
)


def test_furniture_shares_on_the_seeds(seed_tables):
    shares = furniture_shares(seed_tables["segment_composition"], seed_tables["articles"])
    kyiv = shares.set_index("outlet").loc["Kyiv Independent"]
    # 002: 2,765 furniture characters; its lines hold 5,026, the file 5,111 (line breaks)
    assert (kyiv.furniture_chars, kyiv.line_chars, kyiv.file_chars) == (2765, 5026, 5111)
    text = furniture_sentence(shares, one_page_each=True)
    assert text.startswith("Furniture (byline, caption, teaser, boilerplate) is **55%** of")
    assert "(2,765 of the 5,026 characters in its lines; the file's 5,111 also count" in text
    assert text.endswith("**1%** of ViewUS Global's (14 of 2,592).")


def test_an_outlet_without_furniture_has_share_zero():
    comp = pd.DataFrame(
        {"outlet": ["A", "A", "B"], "segment": ["body", "byline", "body"], "n_chars": [90, 10, 50]}
    )
    arts = pd.DataFrame({"outlet": ["A", "B"], "n_chars": [104, 51]})
    shares = furniture_shares(comp, arts)
    assert shares.to_dict("list") == {
        "outlet": ["A", "B"],
        "furniture_chars": [10, 0],
        "line_chars": [100, 50],
        "file_chars": [104, 51],
        "share": [0.1, 0.0],
    }
    assert "of B's pages (0 of 50)" not in furniture_sentence(shares, one_page_each=False)
    assert "**10%** of A's pages" in furniture_sentence(shares, one_page_each=False)


def test_set_aside_lines_and_quotations_on_the_seeds(seed_tables):
    lines = set_aside_lines(seed_tables["segments"])
    # 74 of the 150 seed lines are not body (read in notebook 00)
    assert int(lines["n_lines"].sum()) == 74
    assert (
        lines.loc[("Kyiv Independent", "boilerplate", "phrase: membership/donation appeal")][
            "n_lines"
        ]
        == 8
    )
    quotes = quotations_by_article(seed_tables["quote_spans"])
    assert int(quotes["n_quotes"].sum()) == 53
    assert quotes.loc["000", "unclosed"] >= 1  # 000-q01 opens “a big mistake… and never closes


def test_event_effects_md_names_both_ends_and_the_verdict():
    from analysis.report.corpus_report import event_effects_md

    eff = pd.DataFrame(
        {
            "outlet": ["A", "B", "C"],
            "n_events": [4, 4, 1],
            "mean_difference": [2.5, -1.0, 0.5],
            "ci_low": [0.5, -3.0, float("nan")],
            "ci_high": [4.0, 1.0, float("nan")],
        }
    )
    text = event_effects_md(eff, measure="rate", unit="per 1,000 words", top=1)
    assert "Highest: A +2.50 (4 events, 95% interval over events +0.50 to +4.00)." in text
    assert "Lowest: B -1.00 (4 events, 95% interval over events -3.00 to +1.00)." in text
    assert text.endswith("For 1 of 3 outlets the interval excludes zero: A.")
    eff.loc[0, "ci_low"] = -0.1
    assert "No outlet's interval excludes zero" in event_effects_md(eff, measure="r", unit="u")
    assert event_effects_md(eff.iloc[0:0], measure="r", unit="u") == ""
    assert "From highest to lowest: A +2.50" in event_effects_md(eff, measure="r", unit="u")
    eff["count"] = 0
    assert event_effects_md(eff, measure="rate", unit="u") == (
        "No match in the events the outlets share: there is no rate to compare."
    )


def test_headline_comparison_md_on_the_seeds(seed_tables):
    from analysis.report.corpus_report import headline_comparison_md

    text = headline_comparison_md(seed_tables["headline_comparison"])
    # the same table read back from CSV (empty cells come back missing) says the same
    back = seed_tables["headline_comparison"].replace("", None)
    assert headline_comparison_md(back) == text
    # 003 and 004 have no headline; IRIA and Breitbart share 5 of 11 content words
    assert text.startswith("3 of 5 articles have a headline; in 1 event two or more")
    assert "shares 45% of the pair's content words (IRIA 000 and Breitbart 001)" in text
    assert "2 headlines carry a lexicon term and 2 a charged reporting verb" in text
    assert "from -0.38 to -0.10" in text
