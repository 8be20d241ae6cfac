"""Tests for analysis.pipeline: input checks before any work, the input problems table,
warnings and the spreadsheet-safe copies; a results folder replaced as a whole (staging
folder, run.json manifest, lock, --out checks, Ctrl-C). The old run of the interrupt
tests is two seed articles (000 and 001); the new run is all five."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from analysis import pipeline
from analysis.cli import main
from analysis.errors import InputError
from analysis.io import lock_path, read_table
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
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
        analyze([corpus], settings={"lexicon": str(lexicon)})
    assert err.value.path == str(lexicon) and no_segmentation == []


def test_bad_actors_and_metadata_are_reported_before_segmentation(tmp_path, no_segmentation):
    corpus = _corpus(tmp_path / "in")
    actors = tmp_path / "actors.yaml"
    actors.write_text("actors: []\n")
    with pytest.raises(InputError, match="empty") as err:
        analyze([corpus], settings={"actors": str(actors)})
    assert err.value.path == str(actors)
    (corpus / "metadata.csv").write_text("article_id,outlet\n1,X\n")
    with pytest.raises(InputError, match="missing required column"):
        analyze([corpus])
    # a file above the size limit stops the run before the first (smaller) file is read
    (corpus / "metadata.csv").unlink()
    (corpus / "z-big.txt").write_text(BODY * 100)
    with pytest.raises(InputError, match="per-article limit of 0.005 MB") as err:
        analyze([corpus], settings={"max_file_mb": 0.005})
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
        analyze([corpus], settings={"strict": True})
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


@pytest.mark.slow
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
    analyze([corpus], out=out, settings={"spreadsheet_safe": True})
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


TWO_SEEDS = sorted(SEEDS_DIR.glob("00[01]_*.txt"))


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _hidden(parent):
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


@pytest.fixture()
def old_run(tmp_path):
    """A results folder holding a two-article run; returns (folder, its bytes)."""
    out = tmp_path / "results"
    analyze(TWO_SEEDS, out=out)
    assert len(pd.read_csv(out / "articles.csv")) == 2
    return out, _snapshot(out)


@pytest.mark.slow
def test_interrupted_write_leaves_the_old_run(old_run, monkeypatch):
    out, before = old_run
    written = []
    real = pipeline.write_table

    def write_three_then_fail(df, path):
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(path)
        return real(df, path)

    monkeypatch.setattr(pipeline, "write_table", write_three_then_fail)
    with pytest.raises(OSError, match="No space left"):
        analyze([SEEDS_DIR], out=out)
    assert len(written) == 3  # three tables of the five-article run were written (staged)
    assert _snapshot(out) == before  # ... and the folder still holds exactly the old run
    assert _hidden(out.parent) == []  # no staging folder, no lock left behind


@pytest.mark.slow
def test_ctrl_c_in_a_step_exits_130_and_keeps_the_old_run(old_run, monkeypatch, capsys):
    out, before = old_run

    def interrupted(ctx):
        raise KeyboardInterrupt

    steps = [*pipeline.STEPS[:3], pipeline.Step("boom", interrupted)]
    monkeypatch.setattr(pipeline, "STEPS", steps)
    assert main(["analyze", str(SEEDS_DIR), "--out", str(out), "--quiet"]) == 130
    assert capsys.readouterr().err == "framing: interrupted\n"
    assert _snapshot(out) == before
    assert _hidden(out.parent) == []


@pytest.mark.slow
def test_sigint_in_a_subprocess_exits_130(old_run):
    """A real SIGINT in the middle of a run: one line, exit 130, nothing changed."""
    out, before = old_run
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        import analysis.pipeline as pipeline
        from analysis.cli import main

        def sigint(ctx):
            os.kill(os.getpid(), signal.SIGINT)
            return {{}}

        pipeline.STEPS = [*pipeline.STEPS[:2], pipeline.Step("sigint", sigint)]
        sys.exit(main(["analyze", {str(SEEDS_DIR)!r}, "--out", {str(out)!r}, "--quiet"]))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "framing: interrupted\n"
    assert _snapshot(out) == before
    assert _hidden(out.parent) == []


@pytest.mark.slow
def test_files_of_an_older_run_do_not_survive(tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "old_table.csv").write_text("a\n1\n")
    (out / "old_table.settings.json").write_text("{}\n")
    analyze([SEEDS_DIR], out=out)
    names = {p.name for p in out.iterdir()}
    assert "old_table.csv" not in names and "old_table.settings.json" not in names
    assert "sentences.csv" in names and "run.json" in names


@pytest.mark.slow
def test_validation_tables_of_framing_validate_stay(tmp_path):
    from analysis.io import write_table

    out = tmp_path / "results"
    write_table(pd.DataFrame({"benchmark": ["x"]}), out / "validation_sentiment.csv")
    analyze(TWO_SEEDS, out=out)
    assert (out / "validation_sentiment.csv").read_text() == "benchmark\nx\n"
    run = json.loads((out / "run.json").read_text())
    assert run["carried_over"] == ["validation_sentiment"]


@pytest.mark.slow
def test_run_json_says_which_run_the_folder_holds(tmp_path):
    from analysis import __version__

    out = tmp_path / "results"
    lexicon = PROJECT_ROOT / "analysis" / "lexicons" / "loaded_terms.yaml"
    analyze([SEEDS_DIR], out=out, settings={"lexicon": str(lexicon)})
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["command"] == "analyze" and run["version"] == __version__
    assert run["settings"]["lexicon"] == str(lexicon)  # every setting is recorded
    # format auto: CSV up to 20,000 articles (issue 13)
    assert run["settings"]["format"] == "auto" and run["settings"]["events"] is None
    # every seed file with the SHA-256 that articles.csv gives it, then the metadata
    articles = pd.read_csv(out / "articles.csv", dtype=str)
    by_role = {}
    for entry in run["inputs"]:
        by_role.setdefault(entry["role"], []).append(entry)
    assert [os.path.basename(e["path"]) for e in by_role["article"]] == list(
        articles["source_file"]
    )
    assert [e["sha256"] for e in by_role["article"]] == list(articles["sha256"])
    (meta,) = by_role["metadata"]
    meta_bytes = (SEEDS_DIR / "metadata.csv").read_bytes()
    assert meta["sha256"] == hashlib.sha256(meta_bytes).hexdigest()
    assert by_role["lexicon"][0]["path"] == str(lexicon)
    assert by_role["actors"][0]["path"].endswith("analysis/lexicons/actors.yaml")
    # the tables are the CSV files of the folder; files lists everything but run.json
    csvs = sorted(p.stem for p in out.glob("*.csv"))
    assert run["tables"] == csvs and "sentences" in csvs
    assert run["files"] == sorted(p.name for p in out.iterdir() if p.name != "run.json")
    assert run["folder"] == "results" and run["carried_over"] == []
    iso = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
    assert pd.Series([run["started"], run["finished"]]).str.match(iso).all()
    assert run["started"] <= run["finished"]


def _lock(out, pid, host=None):
    lock = lock_path(out)
    lock.parent.mkdir(parents=True, exist_ok=True)
    info = {"pid": pid, "host": host or socket.gethostname(), "started": "2026-01-01T00:00:00Z"}
    lock.write_text(json.dumps(info) + "\n")
    return lock


def test_a_second_run_into_a_locked_folder_stops_at_once(old_run, capsys):
    out, before = old_run
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = _lock(out, holder.pid)
        assert main(["analyze", str(SEEDS_DIR), "--out", str(out), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("framing: error: ")
        assert f"another run is writing this folder (pid {holder.pid} on" in err
        assert lock.exists() and _snapshot(out) == before
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.slow
def test_a_stale_lock_of_a_dead_process_is_taken_over(old_run):
    out, _ = old_run
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = _lock(out, dead.pid)
    analyze([SEEDS_DIR], out=out)
    assert len(pd.read_csv(out / "articles.csv")) == 5
    assert not lock.exists()


def test_a_lock_from_another_host_is_not_taken_over(tmp_path):
    out = tmp_path / "results"
    _lock(out, 1, host="elsewhere.invalid")
    with pytest.raises(InputError, match="pid 1 on elsewhere.invalid"):
        analyze([SEEDS_DIR], out=out)


@pytest.mark.parametrize(
    "make_out, problem",
    [
        (lambda tmp: tmp / "a-file", "--out exists and is not a folder"),
        (lambda tmp: SEEDS_DIR / "out", "--out is inside the project's seeds/ folder"),
        (lambda tmp: PROJECT_ROOT / "analysis", "--out is inside the project's analysis/ folder"),
        (lambda tmp: PROJECT_ROOT, "--out would contain the project itself"),
        (lambda tmp: tmp / "a-file" / "sub", "is a file"),
        (lambda tmp: tmp / "corpus" / "out", "--out is inside the input folder"),
        (lambda tmp: tmp / "notes", "holds 'notes.docx', which framing does not write"),
    ],
)
def test_bad_out_is_one_line_exit_2_before_any_work(tmp_path, capsys, make_out, problem):
    (tmp_path / "a-file").write_text("keep me")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "notes.docx").write_text("keep me")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Headline\n\nBody text of the article, long enough.\n")
    out = make_out(tmp_path)
    inputs = [str(corpus)] if "corpus" in str(out) else [str(SEEDS_DIR)]
    assert main(["analyze", *inputs, "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err, err
    assert (tmp_path / "a-file").read_text() == "keep me"
    assert (tmp_path / "notes" / "notes.docx").read_text() == "keep me"
    assert not (SEEDS_DIR / "out").exists() and not (corpus / "out").exists()


def test_out_is_checked_before_the_articles_are_read(tmp_path, capsys):
    """A bad --out is reported even when the input is bad too: nothing was read."""
    (tmp_path / "a-file").write_text("x")
    code = main(["analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "a-file")])
    assert code == 2 and "--out exists and is not a folder" in capsys.readouterr().err


@pytest.mark.slow
def test_validate_adds_to_the_folder_and_replaces_it_whole(old_run, monkeypatch):
    out, before = old_run
    ctx = pipeline.validate(
        out=out, settings={"external": out.parent / "no-data"}
    )  # benchmark checks skipped: no data
    after = _snapshot(out)

    def analysis_files(snap):
        return {k: v for k, v in snap.items() if k != "run.json" and "validation_" not in k}

    assert analysis_files(after) == analysis_files(before)  # the analysis tables stay
    assert {f"{n}.csv" for n in ctx.tables} <= set(after)
    run = json.loads(after["run.json"])
    assert run["command"] == "validate" and run["tables"] == sorted(ctx.tables)
    assert "articles" in run["carried_over"] and run["previous"]["command"] == "analyze"


@pytest.mark.slow
def test_steps_declare_what_they_read_and_make():
    """Run the seeds with a table dict that records reads: each step reads only tables
    it declares (issue 10: steps declare what they need and make)."""
    from analysis.api import articles_from_inputs
    from analysis.paths import SEEDS_DIR

    class Recording(dict):
        def __init__(self, tables):
            super().__init__(tables)
            self.reads = set()

        def __getitem__(self, key):
            self.reads.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            self.reads.add(key)
            return super().get(key, default)

    ctx = pipeline.corpus_tables(articles_from_inputs([SEEDS_DIR]))
    assert set(pipeline.CORPUS_MAKES) <= set(ctx.tables)
    pipeline.check_steps(pipeline.STEPS)
    for step in pipeline.STEPS:
        rec = Recording(ctx.tables)
        ctx.tables = rec
        out = step.func(ctx)
        assert rec.reads <= set(step.needs), (step.name, rec.reads - set(step.needs))
        assert set(out) <= set(step.makes), step.name
        ctx.tables = dict(rec)
        ctx.tables.update(out)


def test_check_steps_names_the_missing_table():
    steps = [
        pipeline.Step("a", lambda ctx: {}, needs=("sentences",), makes=("x",)),
        pipeline.Step("b", lambda ctx: {}, needs=("x", "y"), makes=("z",)),
    ]
    with pytest.raises(ValueError, match="step 'b' needs y, which no earlier step makes"):
        pipeline.check_steps(steps)


def test_framing_steps_prints_the_graph(capsys):
    from analysis.cli import main

    assert main(["steps"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("corpus: makes articles, segments")
    assert "keyness: needs article_events, sentences, voice_spans" in out
