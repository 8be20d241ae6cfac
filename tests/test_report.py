"""`framing report`: the whole analysis, notebooks and HTML on a corpus other than seeds/.

Mirrors ``analysis/report/reproduce.py`` (the report machinery) and ``analysis/report/corpus_report.py``
(what the notebooks need to run on any corpus). The tiny corpus is written here: three
short invented reports of one council vote.
"""

import hashlib
import json
import re

import pandas as pd
import pytest

from analysis.cli import build_parser, main
from analysis.paths import PROJECT_ROOT, SEEDS_DIR, folders_with
from analysis.report.corpus_report import (
    is_seed_corpus,
    main_actors,
    main_speaker,
    raw_texts,
    speaker_figure_id,
)
from analysis.report.reproduce import notebook_paths
from analysis.text.corpus import read_articles

TINY = {
    "a.txt": (
        "Council approves river bridge after long debate\n\n"
        "By Ana Reyes\n\n"
        "The city council voted 7 to 2 on Tuesday to build a new bridge over the river, "
        "ending a debate that lasted three years.\n\n"
        '"This bridge will connect two neighbourhoods that have been cut off for decades," '
        "said Mayor Linda Park.\n\n"
        "Critics called the plan a reckless waste of money. The council said construction "
        "would start next spring.\n"
    ),
    "b.txt": (
        "Mayor pushes through reckless bridge plan\n\n"
        "The mayor's bridge plan passed the council on Tuesday despite warnings about its cost.\n\n"
        'Opponents said the project would double the city\'s debt. "We cannot afford this," '
        "councillor Tom Hale told reporters.\n\n"
        "Mayor Linda Park said the bridge would bring jobs. Construction is due to start "
        "next spring.\n"
    ),
    "c.txt": (
        "New bridge to link east and west districts\n\n"
        "The city council on Tuesday approved a bridge across the river.\n\n"
        "Mayor Linda Park said the bridge would connect two neighbourhoods. Councillor Tom "
        "Hale voted against the plan, saying it was too expensive.\n\n"
        "Work will begin next spring, the council said.\n"
    ),
}
METADATA = "article_id,source_file,outlet\nt1,a.txt,City Daily\nt2,b.txt,Evening Post\nt3,c.txt,Metro News\n"

LEXICON = """\
version: "0.1"
description: Test lexicon for a council vote.
categories:
  evaluative: Evaluative descriptors that judge rather than describe.
terms:
  - id: reckless
    patterns: [reckless]
    category: evaluative
    rationale: Judges a plan as careless instead of describing it.
"""

ACTORS = """\
version: 1
actors:
  - id: linda_park
    name: Linda Park
    kind: person
    side: council_majority
    aliases: [Linda Park, Park]
    note: The mayor; speaks for the bridge.
  - id: tom_hale
    name: Tom Hale
    kind: person
    side: council_minority
    aliases: [Tom Hale, Hale]
    note: The councillor who voted against.
"""

OWN_OUTPUTS = ("results", "figures", "notebooks", "reports")


@pytest.fixture()
def tiny(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "metadata.csv").write_text(METADATA, encoding="utf-8")
    return folder


def _snapshot() -> dict[str, tuple[int, str]]:
    """mtime and SHA-256 of every file in the project's own output folders."""
    snap = {}
    for name in OWN_OUTPUTS:
        for p in sorted((PROJECT_ROOT / name).rglob("*")):
            if p.is_file():
                snap[str(p)] = (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
    return snap


def test_is_seed_corpus(tiny):
    seeds = read_articles([SEEDS_DIR])
    assert is_seed_corpus(seeds)
    assert is_seed_corpus(pd.DataFrame({"sha256": [a.sha256 for a in seeds]}))
    assert not is_seed_corpus(seeds[:4])  # a subset is not the seed corpus
    assert not is_seed_corpus(read_articles([tiny]))
    assert not is_seed_corpus(read_articles([tiny]) + seeds)


def test_raw_texts_checks_the_files(tiny):
    articles = read_articles([tiny])
    table = pd.DataFrame(
        {"article_id": [a.article_id for a in articles], "sha256": [a.sha256 for a in articles]}
    )
    raw = raw_texts(table, folder=tiny)
    assert sorted(raw) == ["t1", "t2", "t3"]
    assert raw["t3"].startswith("New bridge to link east and west districts\n")
    (tiny / "c.txt").write_text(TINY["c.txt"] + "Changed.\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="'t3'.*CORPUS parameter"):
        raw_texts(table, folder=tiny)


def test_main_actors_and_speaker():
    naming = pd.DataFrame({"actor": ["b", "a", "c", "a"], "n_mentions": [3, 2, 1, 1]})
    assert main_actors(naming, seed=True) == ["putin", "kim_jong_un"]
    assert main_actors(naming, seed=False) == ["a", "b"]  # a: 3 = b: 3, tie broken by id
    verbs = pd.DataFrame({"speaker": ["anonymous", "unattributed", "hale", "park", "park", None]})
    assert main_speaker(verbs, seed=True) == "putin"
    assert main_speaker(verbs, seed=False) == "park"
    assert main_speaker(verbs[verbs["speaker"] == "anonymous"], seed=False) is None
    assert speaker_figure_id("kim_jong_un") == "reporting-verbs-kim-jong-un"
    # a named speaker not on the actor list (issue 12) still gives a kebab-case id
    assert speaker_figure_id("chuck schumer") == "reporting-verbs-chuck-schumer"
    assert speaker_figure_id(None) is None


def test_report_help_documents_every_option():
    sub = build_parser()._subparsers._group_actions[0].choices["report"]
    text = sub.format_help()
    for option in ("INPUT", "--out DIR", "--lexicon FILE", "--actors FILE", "--only NN"):
        assert option in text
    assert all(a.help for a in sub._actions)


def test_report_refuses_the_project_folders(tiny, capsys):
    assert main(["report", str(tiny), "--out", str(PROJECT_ROOT)]) == 2
    assert "project's own results/" in capsys.readouterr().err


@pytest.mark.slow
def test_report_bad_input_exits_2(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    assert main(["report", str(folder), "--out", str(tmp_path / "out")]) == 2
    assert "empty.txt" in capsys.readouterr().err
    assert not (tmp_path / "out" / "reports").exists()


@pytest.mark.slow
def test_report_runs_every_notebook_on_another_corpus(tiny, tmp_path):
    """The whole report, own lexicon and actor list: all notebooks, nothing of ours touched."""
    (tmp_path / "terms.yaml").write_text(LEXICON, encoding="utf-8")
    (tmp_path / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    out = tmp_path / "out"
    before = _snapshot()
    code = main(
        ["report", str(tiny), "--out", str(out), "--lexicon", str(tmp_path / "terms.yaml"),
         "--actors", str(tmp_path / "actors.yaml")]
    )  # fmt: skip
    assert code == 0
    assert _snapshot() == before
    names = [p.stem for p in notebook_paths()]
    assert len(names) == 7
    pages = sorted(p.stem for p in (out / "reports").glob("*.html"))
    assert pages == sorted([*names, "index", "glossary"])
    assert sorted(p.stem for p in (out / "notebooks").glob("*.ipynb")) == sorted(names)
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{n}.html"' in index for n in names)
    assert "<code>framing report</code>" in index
    assert (out / "results" / "README.md").exists() and (out / "figures" / "README.md").exists()
    articles = pd.read_csv(out / "results" / "articles.csv", dtype=str)
    assert articles["outlet"].tolist() == ["City Daily", "Evening Post", "Metro News"]
    # the two "reckless" are counted with the test lexicon: headline of t2, body of t1
    matches = pd.read_csv(out / "results" / "loaded_terms.csv", dtype=str)
    assert sorted(zip(matches["article_id"], matches["segment"], strict=True)) == [
        ("t1", "body"),
        ("t2", "headline"),
    ]
    corpus_html = (out / "reports" / "00-corpus.html").read_text(encoding="utf-8")
    assert "Metro News" in corpus_html and "seed 002" not in corpus_html
    summary = (out / "reports" / "06-summary.html").read_text(encoding="utf-8")
    assert "how the outlets framed the same stories" in summary
    for seed_word in ("Breitbart", "balloons", "five outlets", "IRIA"):
        assert seed_word not in summary, seed_word
    # the main speaker of this corpus gets the verb figure
    assert any(p.name.startswith("reporting-verbs-") for p in (out / "figures").glob("*.png"))
    # the reader's edition (issue 14): every image has its caption as alt text, every page
    # its provenance line (version, date of the data), every figure readable at 760 px
    from analysis import __version__
    from analysis.viz.figures import MIN_TEXT_PX

    reports = sorted((out / "reports").rglob("*.html"))
    for page in reports:
        text = page.read_text(encoding="utf-8")
        assert "No description has been provided" not in text, page.name
        assert "<img " not in re.sub(r"<img [^>]*\balt=", "", text), page.name
        assert f"framing-analysis {__version__}." in text and "Data: corpus" in text, page.name
    for path in (out / "figures").glob("*.json"):
        if not path.name.endswith(".settings.json") and path.name != "run.json":
            meta = json.loads(path.read_text(encoding="utf-8"))
            assert meta["alt"] and "Data: corpus" in meta["citation"]
            assert (meta["text_size"]["min_text_px"] or MIN_TEXT_PX) >= MIN_TEXT_PX, path.name


@pytest.mark.slow
def test_report_only_default_lists(tiny, tmp_path):
    """Default lexicon and actor list (nothing of them in the corpus); a subset of notebooks."""
    out = tmp_path / "out"
    assert main(["report", str(tiny), "--out", str(out), "--only", "01", "03"]) == 0
    assert sorted(p.name for p in (out / "reports").glob("*.html")) == [
        "01-loaded-language.html",
        "03-actors-and-sources.html",
        "glossary.html",
        "index.html",
    ]
    assert main(["report", str(tiny), "--out", str(out), "--only", "07"]) == 2


@pytest.mark.slow
def test_report_needs_two_outlets(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "only.txt").write_text(
        "Leaders meet in Geneva\n\nThe summit opened on Monday with a long speech by the host.\n"
    )
    assert main(["report", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("framing: error:")]
    assert len(errors) == 1 and "need articles from at least 2 outlets" in errors[0]
    # a failed report writes nothing (not results/ without figures/ and reports/)
    assert "nothing was written" in errors[0] and not (tmp_path / "out" / "results").exists()


def _fake_notebooks(fail: str | None = None):
    """Stand-in for run_notebooks: a figure, a page and a notebook per name; ``fail`` fails."""
    import nbformat

    def run(paths, *, env, render, workers, label, params=None, shown=None):
        from pathlib import Path

        out = []
        for p in paths:
            (Path(params["FIGURES"]) / f"{p.stem}.png").write_bytes(b"png")
            nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {p.stem}")])
            page = f"<html><head><style>x{{}}</style></head><body>{p.stem}</body></html>"
            err = "ValueError: boom" if p.name.startswith(fail or "-") else ""
            out.append((p.name, p.stem, (nbformat.writes(nb) + "\n").encode(), page, err))
        return out

    return run


def _folders(out):
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "run.json"
    }


@pytest.mark.slow
def test_a_report_with_a_failed_notebook_replaces_all_four_folders_together(
    tiny, tmp_path, monkeypatch, capsys
):
    """Issue 9.2: never a mix of two runs; issue 11: a failed notebook does not stop the
    report, so the new run (with the failed page) replaces all four folders at once."""
    import analysis.report.reproduce as reproduce

    out = tmp_path / "out"
    monkeypatch.setattr(reproduce, "run_notebooks", _fake_notebooks())
    assert main(["report", str(tiny), "--out", str(out)]) == 0
    for name in ("results", "figures", "notebooks", "reports"):
        assert (out / name / "run.json").exists(), name
    (tiny / "b.txt").write_text(TINY["b.txt"].replace("reckless", "costly"), encoding="utf-8")
    (out / "figures" / "stale-figure.png").write_bytes(b"old")  # made by an older run
    before = _folders(out)
    assert "Mayor pushes through reckless" in before["results/articles.csv"].decode()
    monkeypatch.setattr(reproduce, "run_notebooks", _fake_notebooks(fail="03"))
    assert main(["report", str(tiny), "--out", str(out)]) == 1
    assert "notebook 03-actors-and-sources.ipynb failed" in capsys.readouterr().err
    after = _folders(out)
    assert after != before
    assert sorted(p.name for p in out.iterdir()) == ["figures", "notebooks", "reports", "results"]
    # every folder holds the new run: no stale figure, the new text, the failed page
    assert not (out / "figures" / "stale-figure.png").exists()
    articles = pd.read_csv(out / "results" / "articles.csv", dtype=str)
    assert articles["headline"].tolist()[1] == "Mayor pushes through costly bridge plan"
    assert "reports/03-actors-and-sources.html" in after
    runs = {n: json.loads((out / n / "run.json").read_text()) for n in ("results", "reports")}
    assert runs["results"]["started"] == runs["reports"]["started"]
    assert [f["notebook"] for f in runs["results"]["failed_notebooks"]] == [
        "03-actors-and-sources.ipynb"
    ]
    monkeypatch.setattr(reproduce, "run_notebooks", _fake_notebooks())
    assert main(["report", str(tiny), "--out", str(out)]) == 0
    # the reader's pages beside the notebooks (issue 14), linked from the index
    index = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert 'href="articles/index.html"' in index and 'href="glossary.html"' in index
    arts = sorted(p.name for p in (out / "reports" / "articles").iterdir())
    assert "index.html" in arts and "style.css" in arts  # one stylesheet for every page
    assert len(arts) == len(list(tiny.glob("*.txt"))) + 2
    assert "Fightin" in (out / "reports" / "glossary.html").read_text(encoding="utf-8")
    run = json.loads((out / "reports" / "run.json").read_text())
    assert run["command"] == "report" and run["settings"]["only"] is None
    assert run["files"] == sorted(
        p.name for p in (out / "reports").iterdir() if p.name != "run.json"
    )


def test_report_out_checked_before_any_work(tiny, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["report", str(tiny), "--out", str(tmp_path / "file")]) == 2
    assert "--out exists and is not a folder" in capsys.readouterr().err
    assert main(["report", str(tiny), "--out", str(tiny / "out")]) == 2
    assert "--out is inside the input folder" in capsys.readouterr().err


def test_coverage_figure_placeholder_when_nothing_is_shared(tmp_path, monkeypatch):
    import json

    from analysis.viz.coverage import plot_coverage

    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    table = pd.DataFrame(
        {"unit_id": ["u001"], "outlet": ["A"], "n_outlets": [1], "position": [0.0]}
    )
    plot_coverage(table)
    meta = json.loads((tmp_path / "coverage-units-by-outlet.json").read_text())
    assert "Nothing to draw" in meta["caption"]
    assert (tmp_path / "coverage-units-by-outlet.png").exists()


@pytest.mark.slow
def test_a_failed_notebook_does_not_stop_the_report(tiny, tmp_path, monkeypatch):
    import nbformat

    from analysis.report import reproduce as R

    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    for name, src in (("00-fine.ipynb", "print('fine')"), ("01-broken.ipynb", "1 / 0")):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), nbformat.v4.new_code_cell(src)]
        nbformat.write(nb, nbdir / name)
    monkeypatch.setattr(R, "notebook_paths", lambda only=None, **k: sorted(nbdir.glob("*.ipynb")))
    layout = R.Layout.under(tmp_path / "out")
    assert R.report([tiny], layout=layout, workers=1) == 1
    # the report is there, whole: the good page, the failed page with its notice, the index
    broken = (layout.reports / "01-broken.html").read_text(encoding="utf-8")
    assert "This page is incomplete: the notebook stopped at code cell 1" in broken
    assert "ZeroDivisionError" in broken
    assert "fine" in (layout.reports / "00-fine.html").read_text(encoding="utf-8")
    assert "01-broken" in (layout.reports / "index.html").read_text(encoding="utf-8")
    run = json.loads((layout.results / "run.json").read_text(encoding="utf-8"))
    assert [f["notebook"] for f in run["failed_notebooks"]] == ["01-broken.ipynb"]
