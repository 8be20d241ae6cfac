"""The byte-for-byte rule: running the analysis and a notebook twice gives the same bytes."""

import filecmp

import nbformat
import pytest

from analysis.paths import SEEDS_DIR
from analysis.pipeline import analyze, table_docs
from analysis.report.reproduce import (
    execute_notebook,
    normalise_notebook,
    notebook_bytes,
    notebook_paths,
    render_html,
    strip_scripts,
)


@pytest.mark.slow
def test_analyze_twice_same_bytes(tmp_path):
    analyze([SEEDS_DIR], out=tmp_path / "a")
    analyze([SEEDS_DIR], out=tmp_path / "b")
    # run.json (start and end time) is the one file meant to differ
    names = sorted(p.name for p in (tmp_path / "a").iterdir() if p.name != "run.json")
    assert "sentences.csv" in names and "README.md" in names
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", names, shallow=False)
    assert mismatch == [] and errors == []


def test_every_written_column_documented(seed_tables):
    docs = table_docs()
    for name, df in seed_tables.items():
        if name.startswith("_"):
            continue
        assert name in docs, name
        assert set(df.columns) <= set(docs[name]["columns"]), name


@pytest.mark.slow
def test_notebook_execution_is_byte_stable(tmp_path):
    results = tmp_path / "results"
    analyze([SEEDS_DIR], out=results)
    params = {"RESULTS": str(results), "FIGURES": str(tmp_path / "fig")}
    shown = {"RESULTS": "../results", "FIGURES": "../figures"}
    (path,) = [p for p in notebook_paths() if p.name.startswith("00-")]
    one = notebook_bytes(
        execute_notebook(path, env={}, cwd=path.parent, params=params, shown=shown)
    )
    figs_one = {p.name: p.read_bytes() for p in (tmp_path / "fig").iterdir()}
    two = notebook_bytes(
        execute_notebook(path, env={}, cwd=path.parent, params=params, shown=shown)
    )
    figs_two = {p.name: p.read_bytes() for p in (tmp_path / "fig").iterdir()}
    assert one == two
    assert figs_one == figs_two and "page-composition.svg" in figs_one
    html = render_html(nbformat.reads(one.decode(), as_version=4))
    assert "cdnjs" not in html and 'src="http' not in html and "<script" not in html


def test_normalise_is_idempotent():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1+1")]
    nb.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.cells[0].execution_count = 7
    normalise_notebook(nb)
    first = notebook_bytes(nb)
    normalise_notebook(nb)
    assert notebook_bytes(nb) == first
    assert nb.cells[0].id == "cell-000" and "execution" not in nb.cells[0].metadata


def test_strip_scripts_removes_every_script():
    html = (
        '<p>x</p><script src="https://cdn.x/y.js"></script><script>var a = 1;</script>'
        "<SCRIPT type=module>import('x')</SCRIPT ><p>y</p><script>never closed"
    )
    assert strip_scripts(html) == "<p>x</p><p>y</p>"


@pytest.mark.slow
def test_failing_notebook_is_reported_not_raised(tmp_path):
    from analysis.report.reproduce import run_notebooks

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise ValueError('boom')")]
    path = tmp_path / "09-broken.ipynb"
    nbformat.write(nb, path)
    ((name, title, data, html, err),) = run_notebooks([path], env={}, render=False, workers=1)
    assert name == "09-broken.ipynb" and err == "ValueError: boom"
    # the cells that ran travel with the error, under a one-paragraph notice (issue 11)
    nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    assert nb.cells[0]["metadata"]["tags"] == ["failure-notice"]
    assert "stopped at code cell 1 (which starts `raise ValueError('boom')`)" in nb.cells[0].source
    assert nb.cells[1]["outputs"][0]["ename"] == "ValueError"


def test_mark_failure_names_the_cell_and_escapes_the_message():
    from analysis.report.reproduce import mark_failure

    nb = nbformat.v4.new_notebook()
    ok = nbformat.v4.new_code_cell("x = 1")
    bad = nbformat.v4.new_code_cell("\n# look up the outlet\nrow = table.loc[name]")
    bad.outputs = [nbformat.v4.new_output("error", ename="KeyError", evalue="x", traceback=[])]
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), ok, bad, nbformat.v4.new_code_cell("y")]
    assert mark_failure(nb, "KeyError: '<img src=x onerror=alert(1)>'") == 2
    notice = nb.cells[1]
    assert nb.cells[0].source == "# Title" and notice["metadata"]["tags"] == ["failure-notice"]
    assert "code cell 2 (which starts `# look up the outlet`)" in notice.source
    assert "<img" not in notice.source and "&lt;img" in notice.source
    # the one escaping helper: the reader sees the message itself, quotes included
    from nbconvert.filters import markdown2html

    assert "KeyError: &#x27;&lt;img src=x onerror=alert(1)&gt;&#x27;" in notice.source
    assert "KeyError: '&lt;img src=x onerror=alert(1)&gt;'" in markdown2html(notice.source)


@pytest.mark.slow
def test_data_dictionary_lists_validation_tables_in_the_folder(tmp_path):
    import pandas as pd

    from analysis.io import write_table
    from analysis.pipeline import analyze

    # a validation table written earlier by `framing validate` stays documented
    write_table(pd.DataFrame({"benchmark": ["x"]}), tmp_path / "validation_sentiment.csv")
    analyze([SEEDS_DIR], out=tmp_path)
    readme = (tmp_path / "README.md").read_text()
    assert "## `validation_sentiment.csv`" in readme and "## `sentences.csv` (200 rows)" in readme


def test_link_stylesheet_moves_head_styles_only():
    from analysis.report.reproduce import link_stylesheet

    html = (
        "<html><head><title>t</title><style>a{color:red}</style>\n<style type='text/css'>"
        "b{x:1}</style></head><body><style>.cell{y:2}</style><p>x</p></body></html>"
    )
    page, css = link_stylesheet(html)
    assert css == "a{color:red}\nb{x:1}\n"
    assert '<link rel="stylesheet" href="notebook.css">' in page
    assert "<style>.cell{y:2}</style>" in page and "a{color:red}" not in page


def test_each_text_notebook_agrees_with_its_executed_copy():
    """Notebooks are jupytext percent files (issue 10); the committed .ipynb is the
    executed copy of exactly that source (run `make reproduce` after editing a .py)."""
    import jupytext

    from analysis.paths import NOTEBOOKS_DIR
    from analysis.report.reproduce import notebook_paths

    pairs = notebook_paths()
    assert [p.stem for p in pairs] == sorted(p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.py"))
    for ipynb in pairs:
        text = jupytext.read(ipynb.with_suffix(".py"), fmt="py:percent")
        executed = nbformat.read(ipynb, as_version=4)

        def cells(nb):
            return [
                (c.cell_type, c.source, c.metadata.get("tags", []))
                for c in nb.cells
                if "injected-parameters" not in c.metadata.get("tags", [])
            ]

        assert cells(executed) == cells(text), ipynb.name


def test_add_navigation_links_neighbours_summary_and_glossary():
    from analysis.report.reproduce import add_navigation

    order = ["00-corpus", "01-loaded-language", "02-sentiment", "06-summary"]
    page = add_navigation(
        "<html><head></head><body><p>x</p></body></html>", "01-loaded-language", order
    )
    nav = page[page.index("<nav") : page.index("</nav>")]
    assert 'href="00-corpus.html">← previous' in nav and 'href="02-sentiment.html">next →' in nav
    assert 'href="06-summary.html">summary' in nav and 'href="glossary.html"' in nav
    assert page.index("<nav") > page.index("<body>")
    first = add_navigation("<body></body>", "00-corpus", order)
    assert "previous" not in first and "next" in first


@pytest.mark.slow
def test_a_cell_past_the_time_limit_is_a_failed_page_not_a_traceback(tmp_path, monkeypatch):
    from analysis.report import reproduce as R

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("print('ran')"),
        nbformat.v4.new_code_cell("import time; time.sleep(30)"),
    ]
    path = tmp_path / "09-slow.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setattr(R, "TIMEOUT", 2)
    ((name, _title, data, _html, err),) = R.run_notebooks([path], env={}, render=False, workers=1)
    assert err.startswith("CellTimeoutError")
    executed = nbformat.reads(data.decode("utf-8"), as_version=4)
    assert "stopped at code cell 2" in executed.cells[0].source


def test_reports_are_the_readers_edition_without_code():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("secret_variable_name = 41 + 1\nprint(secret_variable_name)"),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="42\n")]
    html = render_html(nb)
    assert "secret_variable_name" not in html and "42" in html and "Title" in html


def test_mark_failure_names_the_running_cell_when_no_cell_has_an_error():
    # a time-out or a dead kernel leaves no error output: the running cell is named
    from analysis.report.reproduce import mark_failure

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("Some prose."),
        nbformat.v4.new_code_cell("for pair in pairs:\n    draw(pair)"),
        nbformat.v4.new_code_cell("y = 2"),
    ]
    assert mark_failure(nb, "CellTimeoutError: too slow", cell_index=3) == 2
    assert "code cell 2 (which starts `for pair in pairs:`)" in nb.cells[1].source
    nb2 = nbformat.v4.new_notebook()
    nb2.cells = [nbformat.v4.new_code_cell("x = 1")]
    assert mark_failure(nb2, "DeadKernelError: gone") == 0
    assert "stopped at a cell**" in nb2.cells[0].source


@pytest.mark.slow
def test_timed_out_notebook_names_the_cell(tmp_path, monkeypatch):
    import analysis.report.reproduce as rp

    monkeypatch.setattr(rp, "TIMEOUT", 3)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("import time\ntime.sleep(60)"),
    ]
    path = tmp_path / "09-slow.ipynb"
    nbformat.write(nb, path)
    ((name, title, data, html, err),) = rp.run_notebooks([path], env={}, render=False, workers=1)
    assert err.startswith("CellTimeoutError")
    nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    assert "stopped at code cell 2 (which starts `import time`)" in nb.cells[0].source
