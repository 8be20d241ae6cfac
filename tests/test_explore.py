"""Script-free explorer pages (analysis.report.explore)."""

import re

import pandas as pd

from analysis.report.explore import (
    explore_style,
    keyness_explorer_html,
    loaded_terms_explorer_html,
    write_explorers,
)

SEED_OUTLETS = ["IRIA", "Breitbart", "Kyiv Independent", "BBC (republished)", "ViewUS Global"]


def test_loaded_terms_page_lists_every_match_with_its_filters(seed_tables):
    page = loaded_terms_explorer_html(seed_tables["loaded_terms"], SEED_OUTLETS)
    rows = re.findall(r'<tr class="(row [^"]*)">', page)
    assert len(rows) == len(seed_tables["loaded_terms"]) == 47
    # Breitbart (button o1): 17 authorial, 1 quoted, 2 reported matches
    assert sum("o1 v0" in r for r in rows) == 17 and sum(r.startswith("row o1") for r in rows) == 20
    assert "Russian <mark>strongman</mark> Vladimir Putin" in page
    assert "script-src 'none'" in page and "<script" not in page.lower()
    assert "<td>Kim Jong Un</td>" in page and "kim_jong_un" not in page


def test_keyness_page_has_one_panel_per_outlet_and_scope(seed_tables):
    page = keyness_explorer_html(seed_tables["keyness"], SEED_OUTLETS, top=5)
    panels = re.findall(r'<div class="panel (p\d+ s\d+)">', page)
    scopes = seed_tables["keyness"]["scope"].nunique()
    assert len(panels) == len(SEED_OUTLETS) * scopes
    assert 'id="o0" checked' in page and 'id="s0" checked' in page
    # each panel lists at most 5 terms, highest z first
    first = page.split('<div class="panel p1 s0">', 1)[1].split("</table>", 1)[0]
    assert first.count("<tr><td>") <= 5


def test_hostile_text_is_escaped_and_the_css_filters():
    loaded = pd.DataFrame(
        {
            "article_id": ["a"],
            "outlet": ["<b>X</b>"],
            "sentence_id": ["a-s001"],
            "term": ["dictator"],
            "voice": ["quoted"],
            "target": ["kim"],
            "start": [18],
            "end": [26],
            "sentence_start": [0],
            "sentence": ['<script>x</script>dictator "y"'],
        }
    )
    page = loaded_terms_explorer_html(loaded, ["<b>X</b>"])
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    # offsets 18-26 of the sentence are marked after escaping
    assert "&lt;/script&gt;<mark>dictator</mark> &quot;y&quot;" in page
    assert '<tr class="row o0 v1">' in page and "&lt;b&gt;X&lt;/b&gt;" in page
    css = explore_style(2)
    assert "#o1:checked~.rows tr.row:not(.o1){display:none}" in css
    assert "#o0:checked~#s1:checked~.panels .p0.s1{display:block}" in css


def test_write_explorers_writes_two_pages_and_a_stylesheet(seed_tables, tmp_path):
    links = write_explorers(seed_tables, tmp_path / "explore", SEED_OUTLETS, provenance="Data: x.")
    assert [link for link, _ in links] == ["explore/keyness.html", "explore/loaded-terms.html"]
    for name in ("keyness.html", "loaded-terms.html"):
        text = (tmp_path / "explore" / name).read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="explore.css">' in text and "Data: x." in text
    assert (tmp_path / "explore" / "explore.css").is_file()
