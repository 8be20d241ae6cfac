"""Tests for analysis.pipeline: input checks before any work, the input problems table,
warnings and the spreadsheet-safe copies."""

from __future__ import annotations

import pytest

from analysis import pipeline
from analysis.errors import InputError
from analysis.io import read_table
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyze

BODY = (
    "A headline about a summit\n\nLeaders met on Monday to discuss trade. They agreed on little.\n"
)


def _corpus(folder, n=2):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(BODY.replace("summit", f"summit {i}"))
    return folder


@pytest.fixture
def no_segmentation(monkeypatch):
    """Fail the test if any article is segmented."""
    calls = []

    def fail(art):
        calls.append(art.source_file)
        raise AssertionError(f"segmented {art.source_file} before the inputs were checked")

    monkeypatch.setattr(pipeline, "segments_from_article", fail)
    return calls


def test_bad_lexicon_is_reported_before_any_article_is_segmented(tmp_path, no_segmentation):
    corpus = _corpus(tmp_path / "in")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("version: '1'\nterms: [1, 2\n")
    with pytest.raises(InputError, match="not valid YAML") as err:
        analyze([corpus], options={"lexicon": str(lexicon)})
    assert err.value.path == str(lexicon) and no_segmentation == []


def test_bad_actors_and_metadata_are_reported_before_segmentation(tmp_path, no_segmentation):
    corpus = _corpus(tmp_path / "in")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors: []\n")
    with pytest.raises(InputError, match="empty") as err:
        analyze([corpus], options={"actors": str(actors)})
    assert err.value.path == str(actors)
    (corpus / "metadata.csv").write_text("article_id,outlet\n1,X\n")
    with pytest.raises(InputError, match="missing required column"):
        analyze([corpus])
    # a file above the size limit stops the run before the first (smaller) file is read
    (corpus / "metadata.csv").unlink()
    (corpus / "z-big.txt").write_text(BODY * 100)
    with pytest.raises(InputError, match="per-article limit of 0.005 MB") as err:
        analyze([corpus], options={"max_file_mb": 0.005})
    assert err.value.path.endswith("z-big.txt") and no_segmentation == []


def test_metadata_problems_are_a_table_and_a_warning(tmp_path):
    corpus = _corpus(tmp_path / "in")
    (corpus / "metadata.csv").write_text(
        "article_id,source_file,outlet\n1,a0.txt,Outlet A\n2,A1.txt,Outlet B\n"
    )
    ctx = analyze([corpus], out=tmp_path / "out")
    problems = read_table(tmp_path / "out" / "input_problems.csv")
    assert problems[["source_file", "problem"]].values.tolist() == [
        ["A1.txt", "metadata row matches no file"],
        ["a1.txt", "no metadata row"],
    ]
    assert ctx.warnings == [
        "1 metadata row(s) match no file and 1 file(s) have no metadata row; listed in "
        "input_problems.csv (outlets may be wrong; --strict makes this an error)"
    ]
    # the outlet of a1.txt is its stem: exactly what the table warns about
    assert dict(
        zip(ctx.tables["articles"]["source_file"], ctx.tables["articles"]["outlet"], strict=True)
    ) == {
        "a0.txt": "Outlet A",
        "a1.txt": "a1",
    }
    with pytest.raises(
        InputError, match=r"metadata row matches no file: data row 2 .*--strict"
    ) as err:
        analyze([corpus], options={"strict": True})
    assert err.value.entry == "A1.txt" and "\n" not in str(err.value)


def test_seed_run_has_an_empty_problems_table(seed_tables, seed_ctx):
    assert seed_tables["input_problems"].empty
    assert list(seed_tables["input_problems"].columns) == [
        "file",
        "source_file",
        "problem",
        "detail",
    ]
    assert seed_ctx.warnings == []


def test_furniture_only_article_is_listed_and_warned(tmp_path):
    corpus = _corpus(tmp_path / "in")
    (corpus / "furniture.txt").write_text(
        "Example News Home\n\nSubscribe to our newsletter\n\nShare on Facebook\n\n"
        "Copyright 2024 Example Media. All rights reserved.\n"
    )
    ctx = analyze([corpus])
    problems = ctx.tables["input_problems"]
    assert problems.to_dict("records") == [
        {
            "file": "furniture.txt",
            "source_file": "furniture.txt",
            "problem": "no body text",
            "detail": "every line is headline or page furniture (3 boilerplate, 1 headline); "
            "headline 'Example News Home'",
        }
    ]
    assert ctx.warnings == [
        "furniture.txt: no body text (every line is headline or page furniture); "
        "listed in input_problems.csv"
    ]


def test_spreadsheet_safe_copies_beside_raw_tables(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        'A headline about a summit\n\n=HYPERLINK("http://example.com") was in the text. '
        "Leaders met on Monday.\n"
    )
    (corpus / "b.txt").write_text(BODY)
    (corpus / "metadata.csv").write_text(
        "article_id,source_file,outlet\n1,a.txt,@Outlet\n2,b.txt,Plain\n"
    )
    out = tmp_path / "out"
    analyze([corpus], out=out, options={"spreadsheet_safe": True})
    raw = read_table(out / "sentences.csv")
    safe = read_table(out / "spreadsheet" / "sentences.csv")
    first = raw.loc[raw["text"].str.contains("HYPERLINK"), "text"].iloc[0]
    assert first.startswith("=HYPERLINK")  # the evidence stays raw
    assert ("'" + first) in set(safe["text"])
    assert set(read_table(out / "spreadsheet" / "articles.csv")["outlet"]) == {"'@Outlet", "Plain"}
    tables = {p.name for p in out.glob("*.csv")}
    assert {p.name for p in (out / "spreadsheet").glob("*.csv")} == tables
    assert not list((out / "spreadsheet").glob("*.json"))
    # without the option there is no copy
    analyze([corpus], out=tmp_path / "plain")
    assert not (tmp_path / "plain" / "spreadsheet").exists()


def test_data_dictionary_documents_the_formula_risk(tmp_path):
    analyze([SEEDS_DIR / "000_724580f1c2a6f6ac.txt"], out=tmp_path)
    text = (tmp_path / "README.md").read_text()
    assert "CSV injection" in text and "--spreadsheet-safe" in text
    assert "## `input_problems.csv` (0 rows)" in text
