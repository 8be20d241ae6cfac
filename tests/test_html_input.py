"""HTML pages as input (issue 11): trafilatura's extracted text is what is analysed."""

from __future__ import annotations

import html

import pytest

from analysis.api import articles_from_inputs, split_inputs
from analysis.errors import InputError
from analysis.io import check_replaceable
from analysis.pipeline import corpus_tables, extracted_name, write_results
from analysis.text.corpus import iter_articles
from analysis.text.html_pages import extract_page, html_rows
from tests.two_events import ARTICLES, write_two_events

pytest.importorskip("trafilatura")


def page(aid: str, outlet: str, headline: str, body: list[str], *, site: bool = False) -> str:
    """A hand-written news page: navigation, a script, the article, a footer."""
    paras = "\n".join(f"<p>{html.escape(b)}</p>" for b in body)
    site_tag = f'<meta property="og:site_name" content="{outlet}">' if site else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(headline)} | {outlet}</title>
<meta property="og:title" content="{html.escape(headline)}">{site_tag}
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://example.org/{aid}">
<script>window.dataLayer = [{{"page": "{aid}"}}]; function track() {{ return 1; }}</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>{html.escape(headline)}</h1>
{paras}
</article></main>
<footer><p>Copyright 2024 {outlet}. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def write_pages(folder, *, metadata: bool = True, site: bool = False):
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["article_id,source_file,outlet,published,event"]
    for aid, (outlet, event, headline, body) in ARTICLES.items():
        (folder / f"{aid}.html").write_text(page(aid, outlet, headline, body, site=site))
        date = "2024-03-05" if event == "flood" else "2024-03-06"
        lines.append(f"{aid},{aid}.html,{outlet},{date},{event}")
    if metadata:
        (folder / "metadata.csv").write_text("\n".join(lines) + "\n")
    return folder


def test_page_chrome_is_dropped_and_the_text_has_the_txt_shape():
    outlet, _, headline, body = ARTICLES["f1"]
    row = extract_page(page("f1", outlet, headline, body, site=True))
    # headline, blank line, one paragraph per line: nav, script and footer are gone
    assert row["text"] == headline + "\n\n" + "\n\n".join(body) + "\n"
    assert "Home" not in row["text"] and "dataLayer" not in row["text"]
    assert "Copyright" not in row["text"]
    assert row["title"] == headline
    assert row["date"] == "2024-03-05"  # the page's own date, not the footer's 2024
    assert row["url"] == "https://example.org/f1"
    assert row["outlet"] == "Daily Courier"  # og:site_name


def test_without_metadata_the_page_metadata_and_file_stem_are_used(tmp_path):
    rows = {r["id"]: r for r in html_rows(write_pages(tmp_path / "h", metadata=False))}
    assert sorted(rows) == sorted(ARTICLES)
    assert rows["b2"]["source_file"] == "b2.html"
    assert rows["b2"]["outlet"] == "example.org"  # no site name: the host name
    assert rows["b2"]["headline"] == "Budget clears senate by two votes"
    arts = {a.article_id: a for a in articles_from_inputs([tmp_path / "h"])}
    assert arts["b2"].meta["published"] == "2024-03-05"
    assert arts["b2"].meta["url"] == "https://example.org/b2"


def test_html_folder_gives_the_same_sentences_as_the_txt_corpus(tmp_path):
    txt = write_two_events(tmp_path / "txt")
    pages = write_pages(tmp_path / "html")
    assert split_inputs([pages]) == ([], [pages])
    a = corpus_tables(articles_from_inputs([txt]))
    b = corpus_tables(articles_from_inputs([pages]))
    for name in ("segments", "sentences"):
        left = a.tables[name].sort_values(list(a.tables[name].columns[:3])).reset_index(drop=True)
        right = b.tables[name].sort_values(list(b.tables[name].columns[:3]))
        assert left.equals(right.reset_index(drop=True)), name
    arts_a = a.tables["articles"].set_index("article_id").sort_index()
    arts_b = b.tables["articles"].set_index("article_id").sort_index()
    # the extracted text is byte for byte the .txt file: same SHA-256, same headline
    assert arts_a["sha256"].equals(arts_b["sha256"])
    assert arts_a["headline"].equals(arts_b["headline"])
    assert arts_b.loc["f3", "source_file"] == "f3.html"
    assert arts_b.loc["f3", "outlet"] == "Tribune"  # metadata.csv beside the pages
    assert arts_b.loc["b1", "event"] == "budget"
    assert arts_b.loc["b1", "published"] == "2024-03-06"


def test_the_extracted_text_is_stored_so_offsets_point_into_a_file(tmp_path):
    pages = write_pages(tmp_path / "html")
    ctx = corpus_tables(articles_from_inputs([pages]))
    out = tmp_path / "results"
    write_results(ctx, out, dictionary=False)
    stored = (out / "extracted" / "f2.txt").read_text(encoding="utf-8")
    assert stored == "\n\n".join([ARTICLES["f2"][2], *ARTICLES["f2"][3]]) + "\n"
    sent = ctx.tables["sentences"]
    for row in sent[sent["article_id"] == "f2"].itertuples():
        assert stored[row.start : row.end] == row.text
    check_replaceable(out, "results")  # a later run may replace the folder
    assert extracted_name("a/b c") == "a_b_c.txt"


def test_html_inside_a_txt_file_is_still_refused(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(page("a", "Herald", "A headline", ["One sentence here."]))
    with pytest.raises(InputError) as err:
        list(iter_articles([f]))
    msg = str(err.value)
    assert "looks like HTML" in msg and "\n" not in msg


def test_a_page_without_article_text_is_an_input_error(tmp_path):
    (tmp_path / "empty.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><div></div></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        list(articles_from_inputs([tmp_path]))
