from analysis.text.quotes import in_quote, quotation_spans, quoted_chars


def spans_text(raw):
    return [raw[s.start : s.end] for s in quotation_spans(raw)]


def test_straight_and_curly_double():
    raw = 'He said "stop now" and “go later”.'
    assert spans_text(raw) == ['"stop now"', "“go later”"]


def test_curly_single_quotes_and_apostrophes():
    raw = "Putin’s aide called it ‘aggression’ and Seoul’s reply ‘rather desperate’ – don't."
    assert spans_text(raw) == ["‘aggression’", "‘rather desperate’"]


def test_plural_possessive_apostrophe_is_not_a_quote():
    raw = "the two countries’ “burgeoning defense relationship” grew"
    assert spans_text(raw) == ["“burgeoning defense relationship”"]


def test_straight_single_quotes():
    raw = "Editors' Picks: he called it 'a mistake' today."
    assert spans_text(raw) == ["'a mistake'"]


def test_nested_quote_returns_outermost():
    raw = "“He called it ‘a trap’ and left,” she said."
    assert spans_text(raw) == ["“He called it ‘a trap’ and left,”"]


def test_quote_over_paragraphs_with_repeated_opening_mark():
    raw = "“First paragraph of the quote.\n\n“Second paragraph,” he said.\n"
    (span,) = quotation_spans(raw)
    assert span.closed and raw[span.start : span.end].endswith("paragraph,”")
    assert span.start == 0


def test_unbalanced_mark_closes_at_paragraph_end_with_warning():
    raw = "Putin said it was “a big mistake if it arms Ukraine.\n\nWhile speaking, he left.\n"
    (span,) = quotation_spans(raw)
    assert not span.closed
    assert raw[span.start : span.end] == "“a big mistake if it arms Ukraine."
    assert "unbalanced" in span.warning


def test_in_quote_and_quoted_chars():
    raw = 'A "bc" d'
    spans = quotation_spans(raw)
    assert in_quote(spans, 3, 5) and not in_quote(spans, 0, 1)
    assert quoted_chars(spans, 0, len(raw)) == 4


def test_seed_001_very_big_mistake_inside_quote(seed_articles):
    raw = seed_articles["001"].raw
    spans = quotation_spans(raw)
    k = raw.index("very big mistake,")
    assert in_quote(spans, k, k + len("very big mistake,"))
    k = raw.index("Putin’s")
    assert not in_quote(spans, k, k + 7)
    # the apostrophe opens nothing: the text right after it is authorial
    after = raw.index("Putin’s visit to North Korea")
    assert not in_quote(spans, after, after + 20)


def test_seed_000_unbalanced_quote(seed_articles):
    raw = seed_articles["000"].raw
    spans = quotation_spans(raw)
    bad = [s for s in spans if not s.closed]
    assert len(bad) == 1
    assert (
        raw[bad[0].start : bad[0].end]
        == "“a big mistake if it arms Ukraine in the war against Russia."
    )
    assert len(spans) == 13


# ---------------------------------------------------------------- issue 12
def test_quote_continued_with_only_a_closing_mark():
    # failed before: the open quote was closed at the first paragraph end with a warning
    raw = (
        "“We will not back down,” Boehner said. “The American people deserve better.\n\n"
        "The Senate must act now,” he added.\n"
    )
    spans = quotation_spans(raw)
    assert [raw[s.start : s.end] for s in spans] == [
        "“We will not back down,”",
        "“The American people deserve better.\n\nThe Senate must act now,”",
    ]
    assert all(s.closed and not s.warning for s in spans)
    straight = '"First part.\n\nSecond part," he said.'
    (span,) = quotation_spans(straight)
    assert span.closed and straight[span.start : span.end] == '"First part.\n\nSecond part,"'


def test_next_paragraph_opening_a_new_quote_does_not_continue():
    raw = "Putin said it was “a big mistake.\n\nLater he said “x” and left.\n"
    spans = quotation_spans(raw)
    assert not spans[0].closed and raw[spans[0].start : spans[0].end] == "“a big mistake."


def test_unmarked_block_quote_after_said_colon():
    raw = (
        "In a letter to colleagues, Pelosi wrote:\n\nWe will not be intimidated. The House "
        "will act.\n\nThe letter came after the vote.\n"
    )
    (span,) = quotation_spans(raw)
    assert raw[span.start : span.end] == "We will not be intimidated. The House will act."
    assert span.mark == "" and span.closed
    # a colon without a speech verb introduces nothing
    assert quotation_spans("Enter your email address:\n\nSubscribe now.\n") == []
