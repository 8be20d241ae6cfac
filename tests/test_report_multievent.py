"""Issue 11: the report on corpora with many events and several articles per outlet."""

import json

import nbformat
import pandas as pd
import pytest

from analysis.measures.coverage import full_coverage_units
from analysis.measures.reuse import reuse_by_outlet_pair
from analysis.report.corpus_report import (
    first_labels_by_outlet,
    largest_outlets,
    outlet_counts,
    top_rows,
)


def test_first_labels_by_outlet_aggregates_several_articles():
    # outlet A names Putin in three articles: twice "Putin", once "Vladimir Putin"
    naming = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "b1", "b1", "c1"],
            "outlet": ["A", "A", "A", "B", "B", "C"],
            "actor": ["putin", "putin", "putin", "putin", "kim", "kim"],
            "first_label": ["Putin", "Vladimir Putin", "Putin", "the Kremlin leader", "Kim", None],
        }
    )
    out = first_labels_by_outlet(naming, ["putin", "kim"])
    assert out.values.tolist() == [
        ["A", "putin", "Putin", 2, 3],
        ["B", "kim", "Kim", 1, 1],
        ["B", "putin", "the Kremlin leader", 1, 1],
    ]
    # a tie goes to the alphabetically first label
    tie = naming.iloc[[0, 1]]
    assert first_labels_by_outlet(tie, ["putin"])["first_label"].tolist() == ["Putin"]
    assert first_labels_by_outlet(naming, ["nobody"]).empty


def _matrix(rows):
    cols = ["article_a_id", "outlet_a", "article_b_id", "outlet_b", "n_passages"]
    cols += ["event_a", "event_b"]
    half = pd.DataFrame(rows, columns=cols)
    mirror = half.rename(
        columns={
            "article_a_id": "article_b_id",
            "article_b_id": "article_a_id",
            "outlet_a": "outlet_b",
            "outlet_b": "outlet_a",
            "event_a": "event_b",
            "event_b": "event_a",
        }
    )
    return pd.concat([half, mirror[cols]], ignore_index=True)


def test_reuse_by_outlet_pair_counts_each_article_pair_once():
    m = _matrix(
        [
            ("a1", "A", "b1", "B", 2, "E1", "E1"),
            ("a2", "A", "b1", "B", 0, "E1", "E1"),
            ("a1", "A", "a2", "A", 1, "E1", "E1"),  # the outlet's own articles
            ("a3", "A", "b1", "B", 4, "E2", "E1"),  # across events
        ]
    )
    within = reuse_by_outlet_pair(m)
    assert within.values.tolist() == [["A", "B", 2, 1, 2], ["A", "A", 1, 1, 1]]
    across = reuse_by_outlet_pair(m, scope="across")
    assert across.values.tolist() == [["A", "B", 1, 1, 4]]
    assert reuse_by_outlet_pair(m, scope="all")["n_passages"].sum() == 7
    with pytest.raises(ValueError, match="within, across, all|'within'"):
        reuse_by_outlet_pair(m, scope="both")


def test_full_coverage_units_is_per_event():
    # E1: outlets A, B, C; E2: outlets A, B; E3: outlet C only
    rows = [
        ("E1", "u1", "A", True), ("E1", "u1", "B", True), ("E1", "u1", "C", True),
        ("E1", "u2", "A", True), ("E1", "u2", "B", False), ("E1", "u2", "C", True),
        ("E2", "u3", "A", True), ("E2", "u3", "B", True),
        ("E3", "u4", "C", True),
    ]  # fmt: skip
    cov = pd.DataFrame(rows, columns=["event", "unit_id", "outlet", "present"])
    assert full_coverage_units(cov) == ["u1", "u3"]
    # without events: every outlet of the corpus
    assert full_coverage_units(cov.drop(columns="event")) == ["u1"]


def test_top_rows_outlet_counts_and_largest_outlets():
    t = pd.DataFrame({"x": range(5)})
    assert top_rows(t, "t", n=5) is t
    assert top_rows(t, "t", n=2)["x"].tolist() == [0, 1]
    assert outlet_counts(["B", "A", "B", "B"]) == "B ×3, A"
    assert outlet_counts(["A*", "B"]) == "A&#42;, B"  # escaped for Markdown
    arts = pd.DataFrame(
        {"article_id": ["1", "2", "3", "4", "5", "6"], "outlet": ["C", "A", "B", "A", "B", "B"]}
    )
    assert largest_outlets(arts, n=5) == ["C", "A", "B"]
    assert largest_outlets(arts, n=2) == ["A", "B"]


@pytest.mark.slow
def test_report_on_a_multi_event_corpus_runs_every_notebook(tmp_path):
    from analysis.cli import main
    from bench.corpora import synthetic_corpus

    corpus = synthetic_corpus(
        tmp_path / "corpus", events=3, outlets=3, articles_per_outlet=2, sentences=8
    )
    out = tmp_path / "out"
    assert main(["report", str(corpus), "--out", str(out)]) == 0
    run = json.loads((out / "reports" / "run.json").read_text(encoding="utf-8"))
    assert run["failed_notebooks"] == []
    notebooks = sorted((out / "notebooks").glob("*.ipynb"))
    from analysis.report.reproduce import notebook_paths

    assert [p.name for p in notebooks] == [p.name for p in notebook_paths()]  # 00-06
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        tags = [t for c in nb.cells for t in c.get("metadata", {}).get("tags", [])]
        assert "failure-notice" not in tags, path.name
        errors = [
            o for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.get("output_type") == "error"
        ]  # fmt: skip
        assert errors == [], path.name
    events = pd.read_csv(out / "results" / "events.csv")
    assert len(events) == 3
    assert events["n_articles"].tolist() == [6, 6, 6]
    assert events["n_outlets"].tolist() == [3, 3, 3]
    articles = pd.read_csv(out / "results" / "articles.csv", dtype=str)
    assert len(articles) == 18 and articles["outlet"].value_counts().tolist() == [6, 6, 6]
    summary = (out / "reports" / "06-summary.html").read_text(encoding="utf-8")
    assert "18 articles from 3 outlets on 3 events" in summary
    assert "pooled per pair of outlets" in summary
    # one keyness figure per outlet, not per article
    keyness_figs = sorted(p.name for p in (out / "figures").glob("keyness-*-authorial.png"))
    assert keyness_figs == [f"keyness-outlet-{x}-authorial.png" for x in "abc"]
