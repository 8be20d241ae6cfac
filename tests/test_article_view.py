"""The annotated article view (analysis.report.article_view)."""

import re

import pandas as pd

from analysis.report.article_view import CSP, _render, article_html, write_article_views


def test_seed_article_marks_terms_quotes_and_tone(seed_tables, raw, tmp_path):
    paths = write_article_views(seed_tables, raw, tmp_path)
    assert sorted(p.name for p in paths) == [f"00{i}.html" for i in range(5)] + [
        "index.html",
        "style.css",
    ]
    page = (tmp_path / "001.html").read_text(encoding="utf-8")
    # Breitbart's "strongman" (001, own voice) is marked with its voice and offsets
    lt = seed_tables["loaded_terms"]
    row = lt[(lt["article_id"] == "001") & (lt["term"] == "strongman")].iloc[0]
    assert row["voice"] == "authorial"
    assert re.search(r'class="[^"]*lt authorial[^"]*" title="[^"]*loaded term “strongman”', page)
    assert f"[{row['start']}:{row['end']}]" in page
    assert 'class="q"' in page and "speaker putin" in page
    assert CSP in page and "<script" not in page
    assert "Putin Threatens South Korea" in page


def test_corpus_text_is_escaped_before_markup():
    raw = 'He said <script>alert(1)</script> & "left".'
    marks = [(8, 16, "lt authorial", 'term "<x>"')]
    out = _render(raw, 0, len(raw), marks)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert 'title="term &quot;&lt;x&gt;&quot;"' in out
    # the marked piece is exactly raw[8:16] ("<script>"), escaped
    assert (
        '<span class="lt authorial" title="term &quot;&lt;x&gt;&quot;">&lt;script&gt;</span>' in out
    )


def test_overlapping_marks_are_cut_not_nested():
    raw = "abcdefghij"
    out = _render(raw, 0, 10, [(2, 6, "q", "quote"), (4, 8, "lt authorial", "term")])
    assert out == (
        'ab<span class="q" title="quote">cd</span>'
        '<span class="q lt authorial" title="quote | term">ef</span>'
        '<span class="lt authorial" title="term">gh</span>ij'
    )


def test_furniture_is_shown_but_not_marked():
    raw = "Head\nBy Someone\nBody text here."
    segs = pd.DataFrame(
        {
            "article_id": ["a"] * 3,
            "segment_id": ["a-p1", "a-p2", "a-p3"],
            "segment": ["headline", "byline", "body"],
            "rule": ["r"] * 3,
            "start": [0, 5, 17],
            "end": [4, 16, 32],
        }
    )
    lt = pd.DataFrame(
        [
            {
                "article_id": "a",
                "start": 8,
                "end": 12,
                "term": "some",
                "category": "c",
                "voice": "authorial",
                "target": "",
                "sentence_id": "a-s1",
            },
        ]
    )
    page = article_html(
        {"article_id": "a", "headline": "Head"}, raw, {"segments": segs, "loaded_terms": lt}
    )
    assert 'class="furniture"' in page and "Someone" in page and "lt authorial" not in page
