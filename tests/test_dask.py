"""The Dask engine (``--engine dask``, issue 13): settings and command-line checks, and
(slow) a 2-worker ``LocalCluster`` run whose every written table equals the
single-process run's bytes. No timings here (see bench/workers.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis import parallel, pipeline
from analysis.cli import build_parser, main
from analysis.config import Settings
from analysis.parallel import ENGINES
from analysis.pipeline import analyze
from bench.corpora import synthetic_corpus


def _square(xs: list[int]) -> list[int]:
    return [x * x for x in xs]


def _folder_bytes(folder) -> dict[str, bytes]:
    """Every file's bytes except run.json (which records times and settings)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "run.json"
    }


def test_settings_engine_defaults_and_checks():
    assert ENGINES == ("local", "dask")
    s = Settings()
    assert (s.engine, s.scheduler) == ("local", None)
    assert s.as_record()["engine"] == "local" and s.as_record()["scheduler"] is None
    d = Settings.from_options({"engine": "dask", "scheduler": "tcp://10.0.0.5:8786"})
    assert (d.engine, d.scheduler) == ("dask", "tcp://10.0.0.5:8786")
    with pytest.raises(ValueError) as err:
        Settings(engine="spark")
    assert str(err.value) == "engine must be one of local, dask; got 'spark'"
    with pytest.raises(ValueError, match="needs engine 'dask'"):
        Settings(scheduler="tcp://10.0.0.5:8786")


def test_cli_engine_options(capsys):
    args = build_parser().parse_args(["analyze", "--engine", "dask", "--scheduler", "tcp://h:1"])
    assert (args.engine, args.scheduler) == ("dask", "tcp://h:1")
    args = build_parser().parse_args(["analyze"])
    assert (args.engine, args.scheduler) == ("local", None)
    rep = build_parser().parse_args(["report", "x", "--out", "o", "--engine", "dask"])
    assert rep.engine == "dask"
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--engine", "spark"])
    assert exc.value.code == 2
    err = capsys.readouterr().err.replace("'", "")  # quoting differs across Pythons
    assert "argument --engine: invalid choice: spark (choose from local, dask)" in err
    assert main(["analyze", "--scheduler", "tcp://h:1", "--out", "unused"]) == 2
    err = capsys.readouterr().err
    assert "framing: error: scheduler 'tcp://h:1' needs engine 'dask'" in err


def test_default_run_does_not_import_dask():
    code = (
        "import sys; from analysis.pipeline import analysis_tables; "
        "analysis_tables(['seeds']); print('distributed' in sys.modules, 'dask' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["False", "False"]


@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_bytes(tmp_path, monkeypatch):
    # 8 events x 3 outlets = 24 articles; chunks of 4 articles -> 6 corpus-layer tasks,
    # sentence scores in chunks of 20 sentences: both run on the two Dask workers
    monkeypatch.setattr(pipeline, "CHUNK_ARTICLES", 4)
    monkeypatch.setattr(parallel, "MIN_CHUNK", 20)
    corpus = synthetic_corpus(tmp_path / "in", events=8, outlets=3, articles_per_outlet=1, seed=7)
    one = analyze([corpus], out=tmp_path / "one", settings={"engine": "local", "jobs": 1})
    calls = []
    real = parallel.dask_threads

    def counted(client):
        calls.append(sorted(client.nthreads().values()))
        return real(client)

    monkeypatch.setattr(parallel, "dask_threads", counted)
    two = analyze([corpus], out=tmp_path / "two", settings={"engine": "dask", "jobs": 2})
    assert calls and calls[0] == [1, 1]  # two single-threaded workers, used by both layers
    assert len(calls) == 2
    assert len(one.articles) == len(two.articles) == 24
    a, b = _folder_bytes(tmp_path / "one"), _folder_bytes(tmp_path / "two")
    assert list(a) == list(b) and "sentences.csv" in a and "sentiment_sentences.csv" in a
    assert [n for n in a if a[n] != b[n]] == []


@pytest.mark.slow
def test_dask_map_chunks_joins_in_input_order():
    items = list(range(57))
    with parallel.dask_client(jobs=2) as client:
        assert parallel.dask_threads(client) == 2
        got = parallel.map_chunks(_square, items, jobs=2, min_chunk=5, engine="dask")
    assert got == [i * i for i in items]
