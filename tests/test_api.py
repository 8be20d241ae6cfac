"""The Python API (analysis.api): DataFrames in, tables out, results read back typed."""

import re
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.api import articles_from_frame, load_results
from analysis.paths import PROJECT_ROOT, SEEDS_DIR


def _seed_frame() -> pd.DataFrame:
    meta = pd.read_csv(SEEDS_DIR / "metadata.csv", dtype=str).set_index("source_file")
    files = sorted(SEEDS_DIR.glob("*.txt"))
    return pd.DataFrame(
        {
            "id": [meta.loc[f.name, "article_id"] for f in files],
            "outlet": [meta.loc[f.name, "outlet"] for f in files],
            "text": [f.read_text(encoding="utf-8") for f in files],
        }
    )


@pytest.mark.slow
def test_dataframe_gives_the_same_tables_as_the_folder(seed_tables):
    tables = analysis.analyze(_seed_frame(), text="text", outlet="outlet", id="id")
    for name in ("sentences", "loaded_terms", "sentiment_sentences", "coverage", "reuse"):
        a = tables[name].reset_index(drop=True)
        b = seed_tables[name].reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False, obj=name)
    assert len(tables["loaded_terms"]) == len(seed_tables["loaded_terms"])
    assert not any(k.startswith("_") for k in tables)


def test_title_column_is_the_headline_and_docvars_travel():
    df = pd.DataFrame(
        {
            "id": ["a", "b"],
            "src": ["X", "Y"],
            "title": ["Putin warns Seoul", "Seoul replies"],
            "body": ["Putin warned South Korea on Thursday.", "South Korea said it would decide."],
            "section": ["world", "asia"],
        }
    )
    tables = analysis.analyze(df, text="body", outlet="src", id="id", title="title")
    arts = tables["articles"].set_index("article_id")
    assert arts.loc["a", "headline"] == "Putin warns Seoul"
    assert arts.loc["b", "outlet"] == "Y" and arts.loc["b", "section"] == "asia"
    # offsets point into title + blank line + text
    s = tables["sentences"]
    first_body = s[(s["article_id"] == "a") & (s["segment"] == "body")].iloc[0]
    assert first_body["start"] == len("Putin warns Seoul") + 2


def test_bad_frames_name_the_row_or_column():
    with pytest.raises(ValueError, match=r"text='body'.*columns are id, text"):
        articles_from_frame(pd.DataFrame({"id": ["a"], "text": ["x"]}), text="body")
    dup = pd.DataFrame({"id": ["a", "a"], "outlet": ["X", "Y"], "text": ["one.", "two."]})
    with pytest.raises(ValueError, match=r"row 1 \(id 'a'\): id already used by row 0"):
        articles_from_frame(dup)
    same = pd.DataFrame({"id": ["a", "b"], "outlet": ["X", "Y"], "text": ["one.", "one."]})
    with pytest.raises(ValueError, match="row 1 .*same text as row 0"):
        articles_from_frame(same)
    with pytest.raises(Exception, match="row 0 .*empty"):
        articles_from_frame(pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": ["  "]}))


@pytest.mark.slow
def test_load_results_folder_is_typed(tmp_path):
    from analysis.pipeline import analyze

    analyze([SEEDS_DIR], out=tmp_path)
    tables = load_results(tmp_path)
    arts = tables["articles"]
    assert arts["article_id"].tolist() == ["000", "001", "002", "003", "004"]
    assert isinstance(arts["outlet"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_datetime64_any_dtype(arts["published"])
    assert arts.set_index("article_id")["published"]["002"] == pd.Timestamp("2024-06-20")
    assert pd.api.types.is_datetime64_any_dtype(tables["events"]["first_date"])
    # a single table by path reads as the CSV does
    one = load_results(tmp_path / "articles.csv")
    assert not isinstance(one["outlet"].dtype, pd.CategoricalDtype)
    with pytest.raises(FileNotFoundError, match="no such results folder"):
        load_results(tmp_path / "missing")


@pytest.mark.slow
def test_readme_example_runs(monkeypatch, capsys):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert len(code.strip().splitlines()) <= 10
    monkeypatch.chdir(PROJECT_ROOT)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Breitbart" in out and "outlet" in out
    assert Path("seeds").is_dir()


# --- corpus files with one article per row, and news JSON ----------------------------------


def _seed_rows() -> pd.DataFrame:
    meta = pd.read_csv(SEEDS_DIR / "metadata.csv", dtype=str, keep_default_na=False)
    rows = []
    for r in meta.itertuples():
        text = (SEEDS_DIR / r.source_file).read_text(encoding="utf-8")
        rows.append({"uid": r.article_id, "source": r.outlet, "body": text})
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def seed_sentences(seed_tables):
    cols = ["article_id", "outlet", "sentence_id", "segment", "start", "end", "text"]
    return seed_tables["sentences"][cols].reset_index(drop=True)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_table_files_give_the_seed_sentences(tmp_path, fmt, seed_sentences):
    df = _seed_rows()
    path = tmp_path / f"corpus.{fmt}"
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "jsonl":
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        df.to_parquet(path)
    tables = analysis.analyze(path, settings={"columns": "text=body,id=uid,outlet=source"})
    got = tables["sentences"][seed_sentences.columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, seed_sentences, check_dtype=False)
    # the same sha256 as the files: a notebook can find the raw text again
    from analysis.report.corpus_report import raw_texts

    raw = raw_texts(tables["articles"], path)
    assert raw["002"] == (SEEDS_DIR / "002_b96630f66deea5f7.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_news_json_folder(tmp_path, seed_sentences):
    import json

    for r in _seed_rows().itertuples():
        # news-please's field names
        obj = {"maintext": r.body, "source_domain": r.source, "url": f"https://x/{r.uid}"}
        (tmp_path / f"{r.uid}.json").write_text(json.dumps(obj), encoding="utf-8")
    tables = analysis.analyze(tmp_path)
    got = tables["sentences"][seed_sentences.columns].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, seed_sentences, check_dtype=False)
    assert tables["articles"].set_index("article_id").loc["004", "url"] == "https://x/004"


def test_bad_table_inputs_name_the_file(tmp_path):
    from analysis.api import articles_from_inputs, parse_columns
    from analysis.errors import InputError

    path = tmp_path / "c.csv"
    pd.DataFrame({"body": ["x."]}).to_csv(path, index=False)
    with pytest.raises(InputError, match=r"c\.csv.*no text column 'text'.*columns: body"):
        list(articles_from_inputs([path]))
    with pytest.raises(InputError, match=r"no column 'uid' \(given as id\)"):
        list(articles_from_inputs([path], columns="text=body,id=uid"))
    with pytest.raises(ValueError, match="must be one of text, id, outlet"):
        parse_columns("body=text")
    bad = tmp_path / "a.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="one JSON object"):
        list(articles_from_inputs([bad]))
