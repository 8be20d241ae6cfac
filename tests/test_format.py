"""``--format auto`` (issue 13): csv up to AUTO_PARQUET_ARTICLES articles, parquet above;
``analysis.load_results`` reads either."""

from __future__ import annotations

import pytest

from analysis import io
from analysis.cli import build_parser
from analysis.config import Settings
from analysis.io import AUTO_PARQUET_ARTICLES, FORMAT_OPTIONS, table_format


def test_table_format_by_corpus_size():
    assert FORMAT_OPTIONS == ("auto", "csv", "parquet")
    assert AUTO_PARQUET_ARTICLES == 20_000
    assert table_format("auto", n_articles=5) == "csv"
    assert table_format("auto", n_articles=20_000) == "csv"
    assert table_format("auto", n_articles=20_001) == "parquet"
    assert table_format("csv", n_articles=10**6) == "csv"
    assert table_format("parquet", n_articles=1) == "parquet"
    with pytest.raises(ValueError) as err:
        table_format("xlsx", n_articles=1)
    assert str(err.value) == "format must be one of auto, csv, parquet; got 'xlsx'"


def test_settings_and_cli_default_to_auto():
    assert Settings().format == "auto"
    assert Settings().as_record()["format"] == "auto"
    assert build_parser().parse_args(["analyze"]).format == "auto"
    assert build_parser().parse_args(["analyze", "--format", "csv"]).format == "csv"
    sub = build_parser()._subparsers._group_actions[0].choices["analyze"]
    help_text = " ".join(sub.format_help().split())
    assert "auto (default: csv up to 20,000 articles, parquet above)" in help_text


@pytest.mark.slow
def test_auto_writes_parquet_above_the_threshold(tmp_path, monkeypatch):
    from analysis.api import load_results
    from analysis.paths import SEEDS_DIR
    from analysis.pipeline import analyze

    analyze([SEEDS_DIR], out=tmp_path / "small")
    assert (tmp_path / "small" / "articles.csv").is_file()
    assert not list((tmp_path / "small").glob("*.parquet"))
    monkeypatch.setattr(io, "AUTO_PARQUET_ARTICLES", 4)  # the five seeds are "large"
    analyze([SEEDS_DIR], out=tmp_path / "large")
    assert not list((tmp_path / "large").glob("*.csv"))
    small, large = load_results(tmp_path / "small"), load_results(tmp_path / "large")
    assert set(small) == set(large) and len(large["articles"]) == 5
    assert list(large["articles"]["article_id"]) == ["000", "001", "002", "003", "004"]
