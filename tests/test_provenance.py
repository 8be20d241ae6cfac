"""The reader's edition (issue 14): provenance on every figure and page, alt text from the
caption, one stylesheet for the article pages, text size at the width a figure is shown."""

from __future__ import annotations

import io
import json
import re

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest

from analysis import __version__
from analysis.paths import folders_with
from analysis.provenance import (
    attribution_caveats,
    corpus_label,
    data_date,
    provenance,
    provenance_line,
)
from analysis.report.article_view import STYLE, write_article_views
from analysis.report.reproduce import add_navigation, render_html, write_reader_pages
from analysis.viz import figures

SEED_LINE = (
    "Data: corpus seeds, 5 articles from 5 outlets, latest publication date 2024-06-20 "
    f"(1 of 5 articles dated); framing-analysis {__version__}."
)


def test_seed_provenance_from_the_articles_table(seed_tables):
    arts = seed_tables["articles"]
    # only 002 (Kyiv Independent) prints a date: June 20, 2024
    assert data_date(arts) == ("2024-06-20", 1)
    assert corpus_label(arts) == "seeds"
    assert provenance_line(provenance(arts)) == SEED_LINE


def test_seed_caveat_is_003_from_its_metadata_note(seed_tables):
    (caveat,) = attribution_caveats(seed_tables["articles"])
    assert caveat.startswith(
        "Caveat: article 003 (BBC (republished)) has low attribution confidence: "
        "Unattributed republication of a BBC News report"
    )
    assert "looks translated" in caveat and caveat.endswith("no headline.")


def test_provenance_of_an_undated_corpus_without_metadata():
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "published": ["", "n/a"]})
    prov = provenance(arts, inputs=["/somewhere/my-corpus"])
    assert prov["corpus"] == "my-corpus" and prov["data_date"] == "" and prov["n_dated"] == 0
    assert provenance_line(prov) == (
        "Data: corpus my-corpus, 2 articles from 2 outlets, undated (no article carries a "
        f"publication date); framing-analysis {__version__}."
    )
    assert attribution_caveats(arts) == []
    dated = arts.assign(published=["2024-01-02", "2023-12-31T10:00"])
    assert data_date(dated) == ("2024-01-02", 2)


def test_short_caption_is_the_first_sentence():
    assert figures.short_caption("Counts per outlet (n = 5). Grey cells: none.") == (
        "Counts per outlet (n = 5)."
    )
    # "e.g." is not the end of a sentence when it comes early; a long one is cut at a word
    long = "word " * 80
    out = figures.short_caption(long)
    assert out.endswith("…") and len(out) <= figures.ALT_MAX_CHARS + 1 and "  " not in out


@pytest.fixture
def seed_results(tmp_path, monkeypatch, seed_tables):
    """A results folder holding the seed articles table, and an empty figures folder."""
    results, figs = tmp_path / "results", tmp_path / "figures"
    results.mkdir()
    seed_tables["articles"].to_csv(results / "articles.csv", index=False)
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(results=str(results)))
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(figs)))
    figures._state["provenance"] = None
    yield figs
    figures._state["provenance"] = None


def test_every_figure_carries_provenance_and_the_003_caveat(seed_results):
    figures.style()
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.bar(["a", "b"], [1, 2])
    meta = figures.save_figure(
        fig,
        "test-provenance",
        caption="Two bars. The second is taller.",
        table=pd.DataFrame({"x": ["a", "b"], "y": [1, 2]}),
        source="t",
        notebook="99-x",
    )
    plt.close(fig)
    saved = json.loads((seed_results / "test-provenance.json").read_text(encoding="utf-8"))
    assert saved == meta
    assert meta["alt"] == "Two bars."
    assert meta["provenance"] == SEED_LINE
    assert len(meta["caveats"]) == 1 and meta["caveats"][0].startswith("Caveat: article 003")
    assert meta["citation"].startswith("Figure 'test-provenance', framing-analysis")
    assert (
        SEED_LINE in meta["citation"]
        and "Caveat: article 003 (BBC (republished))" in (meta["citation"])
    )
    readme = figures.figures_readme(seed_results)
    cite = next(line for line in readme.splitlines() if line.startswith("- Cite as:"))
    assert "2024-06-20" in cite and "Caveat: article 003" in cite
    # the project-made sentence stays as written; the metadata note is escaped
    assert cite.startswith("- Cite as: Figure 'test-provenance', framing-analysis (version")
    assert "&quot;Additional reporting by Jean Mackenzie&quot;" in cite


def _png(fig) -> bytes:
    buf = io.BytesIO()
    with plt.rc_context({"savefig.bbox": "standard"}):
        fig.savefig(buf, format="png", dpi=200)
    return buf.getvalue()


def test_text_size_at_the_width_the_figure_is_shown():
    figures.style()
    # 10 in wide: shown at 760 px, so 7 pt text is 7 / 72 * 760 / 10 = 7.39 px
    wide = plt.figure(figsize=(10, 2))
    wide.text(0.5, 0.5, "small", fontsize=7)
    wide.text(0.2, 0.2, "large", fontsize=12)
    wide.text(0.1, 0.1, "hidden", fontsize=3, visible=False)
    size = figures.text_size(wide, _png(wide), dpi=200)
    assert size == {
        "width_in": 10.0,
        "min_font_pt": 7.0,
        "shown_width_px": 760,
        "min_text_px": 7.39,
    }
    # 5 in wide: shown at its natural 500 px, so 9 pt is 9 / 72 * 100 = 12.5 px
    narrow = plt.figure(figsize=(5, 2))
    narrow.text(0.5, 0.5, "fine", fontsize=9)
    size = figures.text_size(narrow, _png(narrow), dpi=200)
    assert size["shown_width_px"] == 500 and size["min_text_px"] == 12.5
    plt.close(wide)
    plt.close(narrow)


def test_images_get_their_alt_text_not_nbconverts_placeholder():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("draw()")
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": png, "text/plain": "<Figure>"},
            metadata={"image/png": {"alt": 'Counts & "rates".', "width": 300}},
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# T"), cell]
    html = render_html(nb)
    from bs4 import BeautifulSoup

    (img,) = BeautifulSoup(html, "html.parser").find_all("img")
    assert img["alt"] == 'Counts & "rates".' and img["width"] == "300"
    assert "No description has been provided" not in html


def test_article_pages_link_one_stylesheet_and_say_version_and_date(seed_ctx, tmp_path):
    write_article_views(seed_ctx.tables, seed_ctx.raw, tmp_path, provenance=SEED_LINE)
    assert (tmp_path / "style.css").read_text(encoding="utf-8") == STYLE.lstrip()
    pages = sorted(tmp_path.glob("*.html"))
    assert len(pages) == 6
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="style.css">' in text
        assert "<style" not in text.lower()
        csp = re.search(r'Content-Security-Policy" content="([^"]*)"', text).group(1)
        assert "style-src 'self'" in csp and "script-src 'none'" in csp
        assert SEED_LINE in text and 'href="../index.html"' in text
    # the 003 page says why its attribution is low
    assert "looks translated" in (tmp_path / "003.html").read_text(encoding="utf-8")


def test_glossary_links_the_article_stylesheet(seed_ctx, tmp_path):
    extras = write_reader_pages(seed_ctx, tmp_path, provenance=SEED_LINE)
    assert ("glossary.html", "Glossary of the methods") in extras
    page = (tmp_path / "glossary.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="articles/style.css">' in page
    assert "<style" not in page.lower() and SEED_LINE in page
    assert (tmp_path / "articles" / "style.css").is_file()


def test_navigation_names_version_and_date_and_links_the_index():
    page = "<html><head></head><body><p>x</p></body></html>"
    out = add_navigation(page, "01-a", ["01-a", "02-b", "06-summary"], provenance="Data: <x> & y.")
    nav = re.search(r'<nav class="framing">(.*?)</nav>', out).group(1)
    assert '<a href="index.html">index</a>' in nav
    assert "<small>Data: &lt;x&gt; &amp; y.</small>" in nav


def test_short_caption_keeps_abbreviations():
    assert figures.short_caption("Words, e.g. strongman, per outlet. More.") == (
        "Words, e.g. strongman, per outlet."
    )


def test_brief_caveat_drops_the_note(seed_tables):
    from analysis.provenance import brief_caveat

    (caveat,) = attribution_caveats(seed_tables["articles"])
    assert brief_caveat(caveat) == (
        "Caveat: article 003 (BBC (republished)) has low attribution confidence."
    )
    assert brief_caveat("Something else.") == "Something else."


SEED_FIGURES = {
    "actor-first-mention-labels",
    "coverage-units-by-outlet",
    "keyness-bbc-republished-authorial",
    "keyness-breitbart-authorial",
    "keyness-iria-authorial",
    "keyness-kyiv-independent-authorial",
    "keyness-viewus-global-authorial",
    "loaded-terms-authorial-heatmap",
    "loaded-terms-by-voice",
    "loaded-terms-targets",
    "page-composition",
    "reporting-verbs-putin",
    "reuse-matrix",
    "sentiment-actor-heatmap",
    "sentiment-headline-vs-body",
    "sentiment-sentence-distribution",
    "source-shares-by-side",
    "voice-shares-by-outlet",
}
"""Every figure of a seed run (ids are stable: the summary and citations name them)."""


@pytest.mark.slow
def test_every_seed_figure_keeps_its_text_readable_at_the_width_it_is_shown(
    seed_ctx, tmp_path, monkeypatch
):
    """Each seed figure drawn from the seed tables, as notebooks 00-04 draw it: its smallest
    text is at least MIN_TEXT_PX CSS px when shown at 760 px (or narrower, natural size),
    and it carries the seed provenance line and the 003 caveat."""
    from analysis import load_results
    from analysis.extract.attribution import verb_counts
    from analysis.extract.sentiment import load_sentiment_results
    from analysis.pipeline import write_results
    from analysis.viz.actors import plot_first_mention_labels
    from analysis.viz.attribution import plot_reporting_verbs
    from analysis.viz.coverage import plot_coverage
    from analysis.viz.keyness import plot_keyness
    from analysis.viz.loaded_terms import plot_authorial_heatmap, plot_target_terms, plot_voice_bars
    from analysis.viz.reuse import plot_reuse_matrix
    from analysis.viz.segment import plot_segment_composition
    from analysis.viz.sentiment import (
        plot_actor_heatmap,
        plot_headline_vs_body,
        plot_sentence_distribution,
    )
    from analysis.viz.sources import plot_source_shares
    from analysis.viz.voice import plot_voice_shares

    results, figs = tmp_path / "results", tmp_path / "figures"
    write_results(seed_ctx, results)
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(results=str(results)))
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(figs)))
    figures.notebook_setup("99-test")
    try:
        plot_segment_composition(load_results("segment_composition"))
        rates = load_results("loaded_term_rates")
        plot_authorial_heatmap(rates)
        plot_voice_bars(rates)
        plot_target_terms(load_results("loaded_term_targets"))
        tables, _ = load_sentiment_results()
        plot_sentence_distribution(tables["sentiment_sentences"], tables["sentiment_outlets"])
        plot_headline_vs_body(tables["sentiment_outlets"])
        plot_actor_heatmap(tables["sentiment_actors"])
        plot_first_mention_labels(load_results("actor_naming"))
        counts = verb_counts(load_results("reporting_verbs"), speaker="putin")
        plot_reporting_verbs(counts, speaker="putin", fig_id="reporting-verbs-putin")
        plot_source_shares(load_results("source_selection"), load_results("source_summary_outlets"))
        plot_voice_shares(load_results("voice_shares"))
        keyness = load_results("keyness")
        for outlet in seed_ctx.tables["articles"].sort_values("article_id")["outlet"]:
            plot_keyness(keyness, outlet, scope="authorial")
        plot_coverage(load_results("coverage"), min_outlets=2)
        plot_reuse_matrix(load_results("reuse_matrix"))
    finally:
        plt.close("all")
        figures._state["provenance"] = None
    metas = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in figs.glob("*.json")
        if not p.name.endswith(".settings.json")
    }
    assert set(metas) == SEED_FIGURES
    small = {
        k: m["text_size"]
        for k, m in metas.items()
        if m["text_size"]["min_text_px"] < figures.MIN_TEXT_PX
    }
    assert small == {}
    for m in metas.values():
        size = m["text_size"]
        assert size["shown_width_px"] <= figures.SHOWN_WIDTH_PX
        # the PNG (200 dpi) holds at least 2 pixels per shown CSS px: sharp on a 2x screen
        assert size["width_in"] * 200 >= 2 * size["shown_width_px"] - 2
        assert m["provenance"] == SEED_LINE and m["caveats"][0].startswith("Caveat: article 003")
        assert m["alt"] and len(m["alt"]) <= figures.ALT_MAX_CHARS + 1


def test_record_gaps_and_the_provenance_box_on_the_seeds(seed_tables):
    from analysis.provenance import provenance_box, record_gaps

    arts = seed_tables["articles"]
    # only 002's byline carries a date; no seed file records its URL or retrieval date
    assert record_gaps(arts) == (
        "The metadata records a publication date for 1 of 5 articles (002), a URL for none "
        "and a retrieval date for none. Why each outlet is in the set is not recorded; "
        "outlet kinds were read off each page (attribution notes, notebook 00)."
    )
    box = provenance_box(arts).set_index("article_id")
    assert box.loc["002", "published"] == "2024-06-20"
    assert box.loc["003", "attribution_confidence"] == "low"
    assert (box["url"] == "not recorded").all()


def test_record_gaps_reads_typed_dates_and_a_selection_note():
    from analysis.provenance import provenance_box, record_gaps

    arts = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "outlet": ["X", "Y"],
            "published": pd.to_datetime(["2024-01-02", None]),
            "url": ["https://x.example/a", "https://y.example/b"],
            "selection_note": ["largest daily", ""],
        }
    )
    text = record_gaps(arts)
    assert text.startswith("The metadata records a publication date for 1 of 2 articles (a), a URL")
    assert "a URL for all 2 and a retrieval date for none." in text
    assert text.endswith("see `selection_note` (notebook 00).")
    assert provenance_box(arts).loc[0, "published"] == "2024-01-02"
