"""Worker processes for the per-article work (``--jobs``, issue 13): every table, every
written byte, every note and warning is the same with 2 workers as with 1; a worker's
error reaches the caller as the same one-line InputError. No timings here (see
bench/workers.py)."""

from __future__ import annotations

import pickle
from functools import partial

import pandas as pd
import pytest

from analysis import parallel, pipeline
from analysis.cli import _jobs, build_parser, main
from analysis.config import Settings, available_cores
from analysis.errors import InputError
from analysis.extract.sentiment import _score_rows, scores_from_texts
from analysis.parallel import map_chunks
from analysis.paths import SEEDS_DIR
from analysis.pipeline import analysis_tables, analyze, corpus_tables
from analysis.text.corpus import read_articles
from bench.corpora import synthetic_corpus


def _square(xs: list[int]) -> list[int]:
    return [x * x for x in xs]


def _same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert list(a) == list(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True, obj=name)


def _folder_bytes(folder) -> dict[str, bytes]:
    """Every file's bytes except run.json (which records start/end times and settings)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "run.json"
    }


def test_settings_jobs_defaults_to_one_and_is_checked():
    assert Settings().jobs == 1
    assert Settings.from_options({"jobs": 3}).jobs == 3
    assert Settings().as_record()["jobs"] == 1
    for bad in (0, -2, 1.5, "2", True):
        with pytest.raises(ValueError, match="jobs must be a whole number of at least 1"):
            Settings(jobs=bad)


def test_cli_jobs_option(capsys):
    assert _jobs("auto") == available_cores() >= 1
    assert _jobs("3") == 3
    args = build_parser().parse_args(["analyze", "--jobs", "2"])
    assert args.jobs == 2
    assert build_parser().parse_args(["analyze"]).jobs == 1
    assert build_parser().parse_args(["report", "x", "--out", "o", "--jobs", "1"]).jobs == 1
    for bad in ("0", "many"):
        with pytest.raises(SystemExit) as exc:
            main(["analyze", "--jobs", bad])
        assert exc.value.code == 2
        assert "must be 'auto' or a whole number >= 1" in capsys.readouterr().err


def test_input_error_survives_pickling():
    err = pickle.loads(pickle.dumps(InputError("a/b.txt", "bad bytes", entry="row 3")))
    assert isinstance(err, InputError)
    assert (err.path, err.problem, err.entry) == ("a/b.txt", "bad bytes", "row 3")
    assert str(err) == "a/b.txt: entry 'row 3': bad bytes"


def test_corpus_tables_identical_with_workers_on_seeds(monkeypatch):
    # one article per chunk, so the five seeds go to two workers in five tasks
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    arts = read_articles([SEEDS_DIR])
    one = corpus_tables(arts, jobs=1)
    two = corpus_tables(arts, jobs=2, total=len(arts))
    _same_tables(one.tables, two.tables)
    assert [a.article_id for a in two.articles] == ["000", "001", "002", "003", "004"]
    assert (one.notes, one.warnings) == (two.notes, two.warnings)
    assert len(two.tables["sentences"]) == len(one.tables["sentences"]) > 0


def test_map_chunks_joins_in_input_order():
    items = list(range(103))
    assert map_chunks(_square, items, jobs=2, min_chunk=10) == [i * i for i in items]
    assert map_chunks(_square, [], jobs=2) == []


def test_sentence_scores_identical_with_workers(seed_tables):
    texts = seed_tables["sentences"]["text"].tolist()
    one = scores_from_texts(texts)
    two = map_chunks(partial(_score_rows, adjustments=None), texts, jobs=2, min_chunk=20)
    pd.testing.assert_frame_equal(one, pd.DataFrame(two, columns=one.columns), check_exact=True)
    assert len(one) == len(texts) > 40


@pytest.mark.slow
def test_analysis_identical_with_workers_on_seeds(monkeypatch, seed_tables):
    # small chunks, so both the corpus layer and the sentence scoring use two workers
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 2)
    monkeypatch.setattr(parallel, "MIN_CHUNK", 20)
    two = analysis_tables([SEEDS_DIR], settings={"jobs": 2})
    _same_tables(seed_tables, two.tables)


def test_small_corpus_starts_no_worker(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("started worker processes for a corpus of one chunk")

    monkeypatch.setattr(pipeline, "_parallel_parts", no_pool)
    arts = read_articles([SEEDS_DIR])
    assert len(corpus_tables(arts, jobs=4, total=len(arts)).articles) == 5


def test_worker_error_is_the_same_input_error(monkeypatch):
    real = pipeline._article_parts

    def fail_on_002(art):
        if art.article_id == "002":
            raise InputError(art.source_file, "cannot segment (test)")
        return real(art)

    # workers are forked, so they see the patched function too
    monkeypatch.setattr(pipeline, "_article_parts", fail_on_002)
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 1)
    arts = read_articles([SEEDS_DIR])
    messages = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as err:
            corpus_tables(arts, jobs=jobs, total=len(arts))
        messages.append((str(err.value), err.value.path, err.value.problem))
    assert messages[0] == messages[1]
    name = next(a.source_file for a in arts if a.article_id == "002")
    assert messages[0][0] == f"{name}: cannot segment (test)"


@pytest.mark.slow
def test_written_tables_identical_with_workers_on_multi_event_corpus(tmp_path):
    # 4 events x 3 outlets = 12 articles: two chunks of CHUNK_ARTICLES (8), two workers
    corpus = synthetic_corpus(tmp_path / "in", events=4, outlets=3, articles_per_outlet=1, seed=5)
    one = analyze([corpus], out=tmp_path / "one", settings={"jobs": 1})
    two = analyze([corpus], out=tmp_path / "two", settings={"jobs": 2})
    _same_tables(one.tables, two.tables)
    assert one.tables["articles"]["event"].nunique() == 4
    a, b = _folder_bytes(tmp_path / "one"), _folder_bytes(tmp_path / "two")
    assert list(a) == list(b) and "sentences.csv" in a
    assert [n for n in a if a[n] != b[n]] == []
