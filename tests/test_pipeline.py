"""`framing analyze` writing a results folder: replaced as a whole, manifest, lock, --out.

Mirrors ``analysis/pipeline.py`` (and the CLI around it). The old run of the interrupt
tests is two seed articles (000 and 001); the new run is all five.
"""

import hashlib
import json
import os
import socket
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

import analysis.pipeline as pipeline
from analysis.cli import main
from analysis.errors import InputError
from analysis.io import lock_path
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.pipeline import analyze

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


def test_files_of_an_older_run_do_not_survive(tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    (out / "old_table.csv").write_text("a\n1\n")
    (out / "old_table.settings.json").write_text("{}\n")
    analyze([SEEDS_DIR], out=out)
    names = {p.name for p in out.iterdir()}
    assert "old_table.csv" not in names and "old_table.settings.json" not in names
    assert "sentences.csv" in names and "run.json" in names


def test_validation_tables_of_framing_validate_stay(tmp_path):
    from analysis.io import write_table

    out = tmp_path / "results"
    write_table(pd.DataFrame({"benchmark": ["x"]}), out / "validation_sentiment.csv")
    analyze(TWO_SEEDS, out=out)
    assert (out / "validation_sentiment.csv").read_text() == "benchmark\nx\n"
    run = json.loads((out / "run.json").read_text())
    assert run["carried_over"] == ["validation_sentiment"]


def test_run_json_says_which_run_the_folder_holds(tmp_path):
    from analysis import __version__

    out = tmp_path / "results"
    lexicon = PROJECT_ROOT / "analysis" / "lexicons" / "loaded_terms.yaml"
    analyze([SEEDS_DIR], out=out, options={"lexicon": str(lexicon)})
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["command"] == "analyze" and run["version"] == __version__
    assert run["settings"] == {"lexicon": str(lexicon)}
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


def test_validate_adds_to_the_folder_and_replaces_it_whole(old_run, monkeypatch):
    out, before = old_run
    monkeypatch.setenv("FRAMING_EXTERNAL", str(out.parent / "no-data"))
    pipeline.validate(out=out)  # every check skipped: the tables stay, run.json is new
    after = _snapshot(out)
    assert {k: v for k, v in after.items() if k != "run.json"} == {
        k: v for k, v in before.items() if k != "run.json"
    }
    run = json.loads(after["run.json"])
    assert run["command"] == "validate" and run["tables"] == []
    assert "articles" in run["carried_over"] and run["previous"]["command"] == "analyze"
