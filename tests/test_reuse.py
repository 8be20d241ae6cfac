import pandas as pd
import pytest

from analysis.measures.reuse import authorial_tokens, reuse_passages
from analysis.paths import folders_with

QUOTE = "\u201cWe will act firmly against any threat to our people,\u201d Putin said."
RAW = {
    "p": "Officials said the new treaty binds both countries to defend each other in war. " + QUOTE,
    # a light rewrite of p ("nations" for "countries") with the same quotation
    "q": "Officials said the new treaty binds both nations to defend each other in war. " + QUOTE,
    # shares only the quotation
    "r": "Kim smiled at the cameras in Pyongyang. " + QUOTE,
}


def _tables():
    sents, quotes = [], []
    for aid, raw in RAW.items():
        cut = raw.index("\u201c")
        for k, (s, e) in enumerate([(0, cut - 1), (cut, len(raw))], start=1):
            sents.append((aid, aid.upper(), f"{aid}-s{k:03d}", "body", k, s, e, raw[s:e]))
        quotes.append((aid, cut, raw.index("\u201d") + 1))
    cols = ["article_id", "outlet", "sentence_id", "segment", "paragraph", "start", "end", "text"]
    return (
        pd.DataFrame(sents, columns=cols),
        pd.DataFrame(quotes, columns=["article_id", "start", "end"]),
    )


def test_toy_rewrite_found_with_offsets():
    sents, quotes = _tables()
    reuse, matrix = reuse_passages(sents, quotes, raw=RAW)
    assert reuse[["article_a_id", "article_b_id"]].values.tolist() == [["p", "q"]]
    r = reuse.iloc[0]
    # 14 words each, one substituted: bridged into one passage
    assert (r.n_words_a, r.n_words_b) == (14, 14)
    assert r.similarity == pytest.approx(2 * 13 / 28)
    assert (r.start_a, r.start_b) == (0, 0)
    assert RAW["p"][r.start_a : r.end_a] == r.text_a
    assert (
        r.text_a == "Officials said the new treaty binds both countries to defend each other in war"
    )
    assert (
        r.text_b == "Officials said the new treaty binds both nations to defend each other in war"
    )
    assert r.sentence_a_id == "p-s001"
    m = matrix.set_index(["article_a_id", "article_b_id"])
    assert m.loc[("p", "q"), "n_passages"] == 1
    assert m.loc[("p", "r"), "n_passages"] == 0
    assert m.loc[("p", "r"), "shared_shingles"] == 0
    # p has 10 shingles (14 words, n = 5); 5 of them survive the substitution
    assert m.loc[("p", "q"), "shingles_a"] == 10
    assert m.loc[("p", "q"), "containment"] == pytest.approx(5 / 10)


def test_toy_shared_quotation_is_not_reuse():
    sents, quotes = _tables()
    with_quotes, _ = reuse_passages(sents, None, raw=RAW)
    # without removing quotations, the Putin quote would link r to p and q
    assert {"r"} <= set(with_quotes["article_b_id"]) | set(with_quotes["article_a_id"])
    reuse, _ = reuse_passages(sents, quotes, raw=RAW)
    assert "r" not in set(reuse["article_a_id"]) | set(reuse["article_b_id"])


def test_authorial_tokens_skip_quotations_and_carry_offsets():
    sents, quotes = _tables()
    tok = authorial_tokens(sents, quotes)
    r = tok[tok["article_id"] == "r"]
    words = ["Kim", "smiled", "at", "the", "cameras", "in", "Pyongyang", "Putin", "said"]
    assert r["token"].tolist() == words
    # a new block starts at the quotation: shingles never bridge it
    assert r["block"].iloc[6] != r["block"].iloc[7]
    for t in tok.itertuples():
        assert RAW[t.article_id][t.start : t.end] == t.token


def test_bad_options():
    sents, quotes = _tables()
    with pytest.raises(ValueError, match="n must be"):
        reuse_passages(sents, quotes, n=0)


@pytest.fixture(scope="module")
def seed_reuse(seed_tables, raw):
    return reuse_passages(seed_tables["sentences"], seed_tables["quote_spans"], raw=raw)


def test_seed_000_003_reuse_found(seed_reuse, raw):
    reuse, matrix = seed_reuse
    pair = reuse[(reuse["article_a_id"] == "000") & (reuse["article_b_id"] == "003")]
    assert len(pair) >= 3
    # read in both files: identical 21-word stretch of authorial prose
    text = (
        "While South Korea has provided humanitarian aid and military equipment to Ukraine, "
        "it has so far refused to supply lethal weapons"
    )
    row = pair[pair["text_a"] == text]
    assert len(row) == 1 and row["similarity"].item() == 1.0
    assert raw["003"][row["start_b"].item() : row["end_b"].item()] == text
    for r in reuse.itertuples():
        assert raw[r.article_a_id][r.start_a : r.end_a] == r.text_a
        assert raw[r.article_b_id][r.start_b : r.end_b] == r.text_b
    m = matrix.set_index(["article_a_id", "article_b_id"])
    # 003's authorial text is most contained in 000 (and vice versa)
    assert m.xs("003", level="article_a_id")["containment"].idxmax() == "000"
    assert m.xs("000", level="article_a_id")["containment"].idxmax() == "003"


def test_seed_no_reuse_between_001_and_004(seed_reuse):
    reuse, matrix = seed_reuse
    assert reuse[(reuse["article_a_id"] == "001") & (reuse["article_b_id"] == "004")].empty
    m = matrix.set_index(["article_a_id", "article_b_id"])
    assert m.loc[("001", "004"), "n_passages"] == 0
    assert m.loc[("004", "001"), "words_reused_a"] == 0


def test_seed_shared_putin_quote_001_002_not_reuse(seed_tables, seed_reuse, raw):
    # 001 and 002 both quote "As for the supply of lethal weapons to the combat zone ..."
    reuse, matrix = seed_reuse
    assert matrix.set_index(["article_a_id", "article_b_id"]).loc[("001", "002"), "n_passages"] == 0
    no_quotes, _ = reuse_passages(seed_tables["sentences"], None, raw=raw)
    pair = no_quotes[(no_quotes["article_a_id"] == "001") & (no_quotes["article_b_id"] == "002")]
    assert pair["text_a"].str.contains("lethal weapons to the combat zone").any()
    # and no reported passage contains a quotation mark's span
    spans = seed_tables["quote_spans"]
    for r in reuse.itertuples():
        qs = spans[spans["article_id"] == r.article_a_id]
        assert not ((qs["start"] >= r.start_a) & (qs["end"] <= r.end_a)).any()


def test_initialisms_match_across_spellings():
    from analysis.measures.reuse import _token_spans

    text = "Early on Friday, U.S. officials met U.N. staff"
    toks = _token_spans(text)
    assert [t for t, _, _ in toks] == [
        "Early",
        "on",
        "Friday",
        "US",
        "officials",
        "met",
        "UN",
        "staff",
    ]
    assert text[toks[3][1] : toks[3][2]] == "U.S"


def test_pipeline_tables_and_figure(seed_tables, tmp_path, monkeypatch):
    import matplotlib

    from analysis.measures.reuse import TABLES
    from analysis.viz.reuse import plot_reuse_matrix

    for name in TABLES:
        assert list(seed_tables[name].columns) == list(TABLES[name]["columns"]), name
    assert len(seed_tables["reuse_matrix"]) == 5 * 4
    matplotlib.use("Agg")
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    plot_reuse_matrix(seed_tables["reuse_matrix"])
    assert (tmp_path / "reuse-matrix.png").exists()
    with pytest.raises(ValueError, match="share_reused_a, containment, jaccard"):
        plot_reuse_matrix(seed_tables["reuse_matrix"], value="nope")


def test_cross_event_candidates_skip_stock_shingles_and_need_enough_shared():
    from analysis.measures.reuse import _candidate_pairs, _Doc

    docs = [_Doc(a, "X", [], [], [], [], []) for a in ("a", "b", "c", "d")]
    event = {"a": "E1", "b": "E2", "c": "E3", "d": "E1"}
    stock = ("this", "is", "a", "stock", "line")
    sh = {
        "a": {stock: [0], ("w1",): [1], ("w2",): [2]},
        "b": {stock: [0], ("w1",): [1], ("w2",): [2]},
        "c": {stock: [0]},
        "d": {},
    }
    pairs = {(x.article_id, y.article_id) for x, y in _candidate_pairs(docs, sh, event)}
    # within E1 always; across events any shared shingle
    assert pairs == {("a", "d"), ("a", "b"), ("a", "c"), ("b", "c")}
    # a shingle in more than max_df articles proposes nothing; a and b still share two
    strict = _candidate_pairs(docs, sh, event, min_shared=2, max_df=2)
    assert {(x.article_id, y.article_id) for x, y in strict} == {("a", "d"), ("a", "b")}


def test_a_large_event_lists_only_pairs_that_share_a_shingle():
    from analysis.measures.reuse import _candidate_pairs, _Doc

    docs = [_Doc(a, "X", [], [], [], [], []) for a in ("a", "b", "c")]
    event = dict.fromkeys("abc", "E1")
    sh = {"a": {("w",): [0]}, "b": {("w",): [0]}, "c": {("v",): [0]}}
    small = _candidate_pairs(docs, sh, event)  # 3 <= 12: the matrix is complete
    assert len(small) == 3
    large = _candidate_pairs(docs, sh, event, complete_max=2)
    assert [(x.article_id, y.article_id) for x, y in large] == [("a", "b")]
