"""An installed copy (``pip install .``, not editable) and `framing report`'s input check.

The slow test builds the wheel from a copy of the sources, installs it into a fresh venv
and runs ``framing analyze`` and ``framing report`` there from a folder outside the
project, so every file the commands need must come from the wheel (notebook sources,
lexicons, templates, glossary) or from the current folder (``seeds/``, ``data/external/``).
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.paths import EXTERNAL_DIR, PROJECT_ROOT, SEEDS_DIR
from analysis.validation.speech import FIXTURE


def test_pyproject_lists_every_subpackage():
    """``[tool.setuptools] packages`` is a list (it maps the notebooks and the glossary
    in as data packages), so a new subpackage must be added there by hand."""
    from setuptools import find_packages

    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = set(find_packages(where=str(PROJECT_ROOT), include=["analysis*"]))
    assert listed == found | {"analysis._notebooks", "analysis._docs", "analysis._fixtures"}
    assert config["tool"]["setuptools"]["package-dir"] == {
        "analysis._notebooks": "notebooks",
        "analysis._docs": "docs",
        "analysis._fixtures": "tests/fixtures",
    }


def test_license_matches_pyproject():
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == {"text": "MIT"}
    assert (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_citation_cff_parses():
    import yaml

    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == "MIT" and cff["type"] == "software"
    kinds = {r["authors"][0]["family-names"]: r["type"] for r in cff["references"]}
    assert kinds == {
        "Hutto": "conference-paper",
        "Monroe": "article",
        "Recasens": "conference-paper",
        "Spinde": "conference-paper",
        "Hamborg": "conference-paper",
        "Hu": "conference-paper",
    }


def test_report_checks_input_before_validation(tmp_path):
    """A corpus with a binary file stops `framing report` with exit code 2 before the
    benchmark validation runs (which takes a minute or more): nothing is written."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A short report.\n\nThe council met on Tuesday.\n", "utf-8")
    (corpus / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    out = tmp_path / "out"
    t0 = time.perf_counter()
    assert main(["report", str(corpus), "--out", str(out)]) == 2
    # not a timing assertion on the analysis: a guard that validation did not start
    assert time.perf_counter() - t0 < 30
    assert not (out / "results").exists() or not list((out / "results").glob("validation_*"))
    assert not (out / "reports").exists()


def test_analyze_without_inputs_or_seeds_says_so(tmp_path, monkeypatch, capsys):
    import analysis.cli as cli

    monkeypatch.setattr(cli, "SEEDS_DIR", tmp_path / "seeds")
    assert main(["analyze", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"framing: error: no INPUT given and no seeds/ folder at {tmp_path / 'seeds'}; "
        "name the articles to analyse (files or folders)"
    )


def _sources(dest: Path) -> Path:
    """The files the wheel is built from, copied (the build writes build/ and *.egg-info
    beside pyproject.toml; a copy keeps the checkout clean)."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT_ROOT / name, dest / name)
    shutil.copytree(
        PROJECT_ROOT / "analysis",
        dest / "analysis",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    (dest / "notebooks").mkdir()
    for p in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.py")):
        shutil.copy2(p, dest / "notebooks" / p.name)
    (dest / "docs").mkdir()
    shutil.copy2(PROJECT_ROOT / "docs" / "glossary.md", dest / "docs" / "glossary.md")
    (dest / "tests" / "fixtures").mkdir(parents=True)
    shutil.copy2(FIXTURE, dest / "tests" / "fixtures" / FIXTURE.name)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel installed (``--no-deps --no-index``: offline).

    The dependencies are not installed again: a ``.pth`` file in the new venv's
    site-packages names this venv's site-packages, so Python appends it to ``sys.path``
    after the new venv's own. Lines of a ``.pth`` file are added as plain paths (the
    ``.pth`` files inside them are not run), so this venv's editable install of the
    project is not seen: ``analysis`` is imported from the wheel only.
    """
    tmp = tmp_path_factory.mktemp("install")
    src = _sources(tmp / "src")
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", str(src), "-w", str(wheels)],
        check=True,
        capture_output=True,
        cwd=tmp,
    )
    (wheel,) = wheels.glob("framing_analysis-*.whl")
    venv = tmp / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "_project_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", "utf-8")
    subprocess.run(
        [*pip, "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # a working folder outside the project with the seeds and the benchmark data
    work = tmp / "work"
    shutil.copytree(SEEDS_DIR, work / "seeds")
    if EXTERNAL_DIR.is_dir():
        (work / "data").mkdir()
        (work / "data" / "external").symlink_to(EXTERNAL_DIR.resolve())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FRAMING_"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # the dependencies' data files (nbconvert's HTML templates, ipykernel's kernel spec)
    # live in this venv's share/jupyter, not in site-packages: the .pth does not reach
    # them (a real install puts them in the new venv's own share/jupyter)
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return {"venv": venv, "work": work, "env": env, "site": Path(site)}


def _run(installed, *args, timeout=900):
    return subprocess.run(
        [str(installed["venv"] / "bin" / "framing"), *args],
        cwd=installed["work"],
        env=installed["env"],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.slow
def test_installed_wheel_ships_notebooks_and_data(installed):
    python = installed["venv"] / "bin" / "python"
    code = (
        "import analysis, analysis.paths as p; "
        "print(analysis.__file__); print(p.IN_CHECKOUT); "
        "print(sorted(x.name for x in p.NOTEBOOK_SOURCES.glob('*.py'))); "
        "print((p.DOCS_DIR / 'glossary.md').is_file()); "
        "print(sorted(x.name for x in p.LEXICON_DIR.glob('*.yaml')) == "
        f"{sorted(x.name for x in (PROJECT_ROOT / 'analysis' / 'lexicons').glob('*.yaml'))!r})"
    )
    out = subprocess.run(
        [str(python), "-c", code],
        cwd=installed["work"],
        env=installed["env"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(installed["site"])
    assert out[1] == "False"
    assert out[2] == str(
        sorted(p.name for p in (PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.py"))
    )
    assert out[3:] == ["True", "True"]


@pytest.mark.slow
def test_installed_analyze_finds_seeds_in_current_folder(installed):
    proc = _run(installed, "analyze", "--out", "out", "--quiet")
    assert proc.returncode == 0, proc.stderr
    articles = pd.read_csv(installed["work"] / "out" / "articles.csv")
    assert len(articles) == 5
    assert (installed["work"] / "out" / "README.md").is_file()


@pytest.mark.slow
def test_installed_analyze_without_seeds_fails_in_one_line(installed, tmp_path):
    proc = subprocess.run(
        [str(installed["venv"] / "bin" / "framing"), "analyze", "--out", "out"],
        cwd=tmp_path,
        env=installed["env"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        f"framing: error: no INPUT given and no seeds/ folder at {tmp_path.resolve() / 'seeds'}; "
        "name the articles to analyse (files or folders)\n"
    )


@pytest.mark.slow
def test_installed_report_runs_every_notebook(installed):
    proc = _run(installed, "report", "seeds", "--out", "rep")
    assert proc.returncode == 0, proc.stderr[-3000:]
    rep = installed["work"] / "rep"
    names = [p.stem for p in sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]-*.py"))]
    assert sorted(p.stem for p in (rep / "notebooks").glob("*.ipynb")) == names
    assert (rep / "reports" / "06-summary.html").is_file()
    assert (rep / "reports" / "glossary.html").is_file()
    assert len(pd.read_csv(rep / "results" / "articles.csv")) == 5
    # the same tables as the checkout's, and the kernels recognise the seeds (seed prose)
    # every table (the validation ones too when data/external is here) as in the checkout
    names = sorted(p.name for p in (PROJECT_ROOT / "results").glob("*.csv"))
    if not EXTERNAL_DIR.is_dir():
        names = [n for n in names if not n.startswith("validation_") or "speech" in n]
    for name in names:
        assert (rep / "results" / name).read_bytes() == (
            PROJECT_ROOT / "results" / name
        ).read_bytes()
    corpus_page = (rep / "notebooks" / "00-corpus.ipynb").read_text(encoding="utf-8")
    assert "# 00 · The corpus: five pages on one event" in corpus_page


def test_seed_digests_shipped_match_the_seeds(monkeypatch, tmp_path):
    """An installed copy recognises a run on the seeds by the digests shipped in the code
    (a notebook kernel's current folder has no seeds/)."""
    import analysis.report.corpus_report as cr

    assert cr.seed_hashes() == cr.SEED_SHA256
    cr.seed_hashes.cache_clear()
    monkeypatch.setattr(cr, "SEEDS_DIR", tmp_path / "seeds")
    try:
        assert cr.seed_hashes() == cr.SEED_SHA256 and len(cr.SEED_SHA256) == 5
    finally:
        cr.seed_hashes.cache_clear()


def test_speech_validation_skipped_without_seeds(monkeypatch, tmp_path):
    """An installed copy run from a folder without seeds/: the speech check (whose
    fixture names seed articles) is skipped with a note, not an error."""
    from types import SimpleNamespace

    import analysis.validation.speech as speech

    monkeypatch.setattr(speech, "SEEDS_DIR", tmp_path / "seeds")
    ctx = SimpleNamespace(notes=[])
    assert speech.validation_step(ctx) == {}
    assert ctx.notes == [
        f"validation: no seeds/ at {tmp_path / 'seeds'}, validation_speech skipped"
    ]
