"""The two-page brief (notebooks/06-summary): table-to-prose helpers and the page budget.

Mirrors ``analysis/report/brief.py``. Unit tests use tiny hand-built tables; seed values
(read by hand from ``results/`` and the seed articles) check the helpers on the real
tables; a slow test executes 06 against the committed ``results/`` and ``figures/`` and
holds the rendered page to its budget.
"""

import html as _html
import re

import pandas as pd
import pytest

from analysis import load_results
from analysis.report.brief import (
    MAX_FIGURES,
    MAX_PROSE_WORDS,
    MAX_TABLES,
    NO_TARGET,
    caveat_finding,
    coverage_finding,
    evidence_table,
    evidence_window,
    headline_finding,
    human_label,
    labels_finding,
    naming_finding,
    outlet_table,
    overlap_sentence,
    prose_words,
    reuse_finding,
    tone_finding,
    voices_finding,
)

SENT = "North Korea is a rogue communist state that has threatened its neighbours for decades."


def test_evidence_window_keeps_whole_words_and_bolds_the_match():
    start = SENT.index("communist")
    out = evidence_window(SENT, [(start, start + len("communist"))], width=10)
    # 10 characters each side ("s a rogue ", " state tha") widened to whole words
    assert out == "…is a rogue **communist** state that…"
    whole = evidence_window(SENT, [(start, start + 9)], width=200)
    assert whole == SENT.replace("communist", "**communist**")
    both = evidence_window(SENT, [(start, start + 9), (17, 22)], width=3)
    assert both == "…a **rogue** **communist** state…"


def test_evidence_window_escapes_the_text_and_checks_offsets():
    s = "A *so-called* <b>leader</b> spoke."
    out = evidence_window(s, [(3, 12)])
    assert "**so-called**" in out and "<b>" not in out and "&lt;b&gt;" in out
    with pytest.raises(ValueError):
        evidence_window(s, [(5, 100)])


def _loaded(rows):
    cols = ["outlet", "segment", "voice", "category", "term", "matched", "target"]
    df = pd.DataFrame(rows, columns=[*cols, "sentence"])
    df["sentence_start"] = 100
    df["start"] = [100 + s.index(m) for s, m in zip(df["sentence"], df["matched"], strict=True)]
    df["end"] = df["start"] + df["matched"].str.len()
    return df


TINY_LOADED = _loaded(
    [
        ["A", "body", "authorial", "pejorative_label", "rogue", "rogue", None, SENT],
        [
            "A",
            "body",
            "authorial",
            "ideological_label",
            "communist",
            "communist",
            "north_korea",
            SENT,
        ],
        ["B", "body", "quoted", "pejorative_label", "rogue", "rogue", None, SENT],
        ["B", "teaser", "authorial", "pejorative_label", "rogue", "rogue", None, SENT],
    ]
)
TINY_ARTICLES = pd.DataFrame(
    {
        "article_id": ["1", "2", "3"],
        "outlet": ["A", "B", "B"],
        "outlet_kind": ["news site", None, None],
        "n_body_words": [500, 200, 300],
        "attribution_confidence": ["high", "low", "low"],
        "attribution_note": ["", "Copied from A", "Copied from A."],
    }
)


def test_evidence_table_has_no_nan_and_no_index():
    table = evidence_table(TINY_LOADED)
    lines = table.splitlines()
    assert lines[0] == "| Outlet | Labels | About | Evidence |"
    # header, rule, one row: A's two own-voice labels share a sentence (quoted, teaser out)
    assert len(lines) == 3
    assert f"| A | rogue, communist | {NO_TARGET}, North Korea |" in lines[2]
    assert "**rogue** **communist**" in lines[2]
    assert "nan" not in table.lower()


def test_labels_finding_gives_counts_and_rates():
    text = labels_finding(TINY_LOADED, TINY_ARTICLES)
    # A: 2 labels in 500 body words = 4.0 per 1,000; B has none in its own words
    assert "**A** 2 (4.0 per 1,000 body words: communist ×1, rogue ×1)" in text
    assert "none in B" in text and "Not counted: 1 loaded terms in quotations" in text


def test_headline_finding_counts_of_headlines():
    hv = pd.DataFrame(
        {
            "article_id": ["1", "2", "3", "4"],
            "outlet": ["A", "B", "C", "D"],
            "headline": ["A warns", "B threatens", "C threatens", None],
            "verb": ["warn", "threaten", "threaten", None],
        }
    )
    assert headline_finding(hv) == (
        "Headline verbs: **threaten** in 2 of 3 (B, C); **warn** in 1 of 3 (A). "
        "1 article of 4 carry no headline in the file."
    )


def test_naming_finding_groups_outlets_by_label():
    first = pd.DataFrame(
        {
            "outlet": ["A", "B", "C"],
            "actor": ["kim_jong_un"] * 3,
            "first_label": ["leader Kim", "dictator Kim", "leader Kim"],
            "n_label": [2, 1, 1],
            "n_articles": [3, 1, 1],
        }
    )
    assert naming_finding(first, ["kim_jong_un"], one_per_outlet=True) == (
        "First mention in the body. Kim Jong Un: “leader Kim” (A, C); “dictator Kim” (B)."
    )
    assert "(A 2 of 3, C 1 of 1)" in naming_finding(first, ["kim_jong_un"], one_per_outlet=False)


def test_tone_finding_overlap():
    body = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "mean_score": [0.1, -0.1],
            "ci_low": [-0.1, -0.3],
            "ci_high": [0.3, 0.05],
            "n_sentences": [10, 12],
        }
    )
    assert tone_finding(body) == (
        "Mean sentiment of body sentences (VADER, −1 to +1) runs from -0.10 (B, n = 12, "
        "95% interval -0.30 to +0.05) to +0.10 (A, n = 10, 95% interval -0.10 to +0.30). "
        "All intervals overlap: the outlets cannot be ranked by tone."
    )


def test_caveat_finding_reads_the_metadata():
    text = caveat_finding(TINY_ARTICLES, n_events=2)
    assert text.startswith("**3 articles from 2 outlets on 2 events.**")
    assert "no difference here is statistically established" in text
    assert text.count("low attribution confidence: Copied from A.") == 2


def test_outlet_table_shows_a_dash_for_missing_metadata():
    t = outlet_table(TINY_ARTICLES)
    assert t.to_dict("records") == [
        {
            "outlet": "A",
            "kind": "news site",
            "articles": 1,
            "body words": 500,
            "attribution": "high",
        },
        {"outlet": "B", "kind": "—", "articles": 2, "body words": 500, "attribution": "low"},
    ]


def test_human_label_and_prose_words():
    assert human_label("kim_jong_un") == "Kim Jong Un" and human_label(float("nan")) == NO_TARGET
    assert prose_words("Two words.\n\n| a | b |\n|---|---|\n| c | d |\nand three more") == 5


# --- seed values, read by hand from the seed articles


def test_seed_findings():
    articles = load_results("articles")
    loaded = load_results("loaded_terms")
    labels = labels_finding(loaded, articles)
    # Breitbart: communist ×5, dictator ×2, hardline, rogue, strongman in 866 body words
    assert (
        "**Breitbart** 10 (11.5 per 1,000 body words: communist ×5, dictator ×2, hardline ×1 "
        "and 2 more)" in labels
    )
    assert "**ViewUS Global** 1 (2.4 per 1,000 body words: hardline ×1)" in labels
    assert headline_finding(load_results("headline_verbs")).startswith(
        "Headline verbs: **threaten** in 2 of 3 (Breitbart, Kyiv Independent); "
        "**warn** in 1 of 3 (IRIA). 2 articles of 5 carry no headline"
    )
    # "rogue communist state": the match is kept with the words around it
    table = evidence_table(loaded, n=20)
    assert "defense of the **rogue** **communist** state until this week." in table
    assert "nan" not in table.lower()
    cov = coverage_finding(load_results("coverage"))
    assert cov.startswith("Of 71 information units") and "2 are carried by every outlet" in cov
    # units only one outlet carries: 6 + 21 + 10 + 7 + 12 = 56, most in Breitbart
    assert "and 56 by one outlet only (most: Breitbart, 21)" in cov
    voices = voices_finding(load_results("source_summary_outlets"), speaker="putin")
    # Breitbart 43% of 204 quoted words (87); ViewUS Global 100% of 14
    assert voices == (
        "Share of quoted words that are Putin's: from 43% (Breitbart, 87 of 204 words) to "
        "100% (ViewUS Global, 14 of 14 words); distinct sources per outlet: 2 to 9."
    )
    from analysis.measures.coverage import unit_overlap

    # IRIA (000) shares 11 of its 22 units with 003; Kyiv Independent is next with 5
    assert overlap_sentence(unit_overlap(load_results("coverage")), "000") == (
        "IRIA (000) shares 11 of its 22 information units with BBC (republished) (003); "
        "at most 5 with any other."
    )
    assert reuse_finding(load_results("reuse_matrix")).endswith(
        "BBC (republished) and IRIA 5 passages; IRIA and ViewUS Global 1 passage."
    )
    caveat = caveat_finding(articles)
    assert "article 003 (BBC (republished)) has low attribution confidence" in caveat
    assert "BBC News report" in caveat


# --- the page budget, on the executed notebook


def _outputs(nb):
    md, html, figures, tables = [], [], 0, 0
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            md.append(cell.source)
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                figures += 1
            elif "text/markdown" in data:
                md.append(data["text/markdown"])
            elif "text/html" in data:
                html.append(data["text/html"])
                md.append(re.sub(r"<table.*?</table>", "", data["text/html"], flags=re.S))
                tables += data["text/html"].count("<table")
            assert out.get("output_type") != "error", out
    text = "\n\n".join(md)
    tables += len(re.findall(r"^\|---", text, flags=re.M))
    return text, "\n".join(html), figures, tables


@pytest.mark.slow
def test_the_brief_fits_its_budget(tmp_path):
    from analysis.report.reproduce import execute_notebook, notebook_paths

    (path,) = [p for p in notebook_paths() if p.name.startswith("06-")]
    # no parameters injected: the notebook reads the project's committed results/, figures/
    nb = execute_notebook(path, env={}, cwd=path.parent)
    text, html, figures, tables = _outputs(nb)
    assert prose_words(text) <= MAX_PROSE_WORDS, prose_words(text)
    assert 1 <= figures <= MAX_FIGURES and 1 <= tables <= MAX_TABLES
    # opens with findings, not file paths; every path is in the last section
    head, _, tail = text.partition("## Where this comes from")
    assert tail and "results/" not in head.split("## The evidence")[0]
    assert head.index("## Findings") < 400
    assert "NaN" not in text + html and ">nan<" not in html and " nan" not in text
    # evidence never cut mid-word: every window's text is whole words of its sentence
    sentences = set(load_results("loaded_terms")["sentence"])
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and "**" in ln]
    assert rows
    for row in rows:
        window = row.rstrip(" |").rsplit(" | ", 1)[1].replace("**", "").strip("…")
        window = window.replace("&#124;", "|")
        window = _html.unescape(window)
        hit = [s for s in sentences if window in s]
        assert hit, window
        i = hit[0].index(window)
        j = i + len(window)
        assert i == 0 or not hit[0][i - 1].isalnum(), window
        assert j == len(hit[0]) or not hit[0][j].isalnum(), window


def test_findings_on_a_corpus_without_quotes_or_headline_verbs():
    sources = pd.DataFrame({"outlet": ["A", "B"], "quoted_words": [0, 0], "n_sources": [1, 1]})
    assert voices_finding(sources) == "No outlet quotes anyone directly."
    sources["quoted_words"] = [10, 30]
    assert voices_finding(sources) == (
        "Quoted words per outlet: from 10 (A) to 30 (B); distinct sources per outlet: 1."
    )
    hv = pd.DataFrame(
        {"outlet": ["A", "B"], "headline": ["A vote", "B vote"], "verb": [None, None]}
    )
    assert headline_finding(hv) == "None of the 2 headlines has a reporting verb."


def test_reuse_finding_names_an_outlet_paired_with_itself():
    rm = pd.DataFrame(
        {
            "article_a_id": ["1", "2", "1", "3"],
            "outlet_a": ["A", "A", "A", "B"],
            "article_b_id": ["2", "1", "3", "1"],
            "outlet_b": ["A", "A", "B", "A"],
            "n_passages": [2, 2, 0, 0],
            "words_a": [100, 100, 100, 100],
            "words_reused_a": [20, 20, 0, 0],
            "share_reused_a": [0.2, 0.2, 0.0, 0.0],
            "event_a": ["E1"] * 4,
            "event_b": ["E1"] * 4,
        }
    )
    assert reuse_finding(rm) == (
        "Near-verbatim passages shared in the outlets' own text (quotations excluded): "
        "A with itself (its own articles) 2 passages."
    )
