from analysis.text.sentences import split_sentences, words


def test_offsets_exact_for_every_sentence(seed_tables, raw):
    s = seed_tables["sentences"]
    assert len(s) > 150
    for r in s.itertuples():
        assert raw[r.article_id][r.start : r.end] == r.text
        assert r.text == r.text.strip()


def test_ids_stable_and_unique(seed_tables):
    s = seed_tables["sentences"]
    assert s["sentence_id"].is_unique
    assert s["sentence_id"].iloc[0] == "000-s001"
    assert s.loc[s["article_id"] == "003", "sentence_id"].iloc[0] == "003-s001"


def test_abbreviations_do_not_split():
    text = "It went via the U.S. to Seoul. Mr. Kim said no. He left."
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["It went via the U.S. to Seoul.", "Mr. Kim said no.", "He left."]


def test_quote_share(seed_tables):
    s = seed_tables["sentences"].set_index("text")
    full = "“We reserve our right to supply weapons to other regions of the world,” Putin said, which some news outlets interpreted as a threat to arm North Korea."
    assert 0.4 < s.loc[full, "quote_share"] < 0.5
    assert s.loc["Yoon also announced $150 million in humanitarian aid.", "quote_share"] == 0
    # a sentence wholly in quotes
    row = s[s.index.str.startswith("“I hope it will not happen.")]
    assert row["quote_share"].item() == 1.0


def test_body_word_counts(seed_tables):
    a = seed_tables["articles"].set_index("article_id")
    # 004: 11 body paragraphs, no furniture but "Most Commented"
    assert a.loc["004", "n_furniture_chars"] == len("Most Commented")
    assert a.loc["004", "n_body_words"] == sum(
        len(words(t))
        for t in seed_tables["sentences"].query("article_id == '004' and segment == 'body'")["text"]
    )


def test_words():
    assert words("Putin’s don't Kim Jong-un, U.S.") == [
        "Putin’s",
        "don't",
        "Kim",
        "Jong-un",
        "U",
        "S",
    ]
