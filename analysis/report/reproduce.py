"""`framing reproduce` and `framing report`: tables, figures, executed notebooks, HTML.

:func:`report` analyses any inputs into an output folder: validate and analyse into
``results/``; execute ``notebooks/NN-*.ipynb`` in order with nbclient
(``record_timing=False``) with their parameters (``RESULTS``, ``FIGURES``, ``CORPUS``,
``EXTERNAL``) injected after each notebook's tagged ``parameters`` cell, papermill-style; normalise cell ids and metadata so reruns give
the same bytes; write the executed notebooks, ``reports/*.html`` with no CDN links, a
``reports/index.html`` and ``figures/README.md``. :func:`reproduce` is :func:`report` on
``seeds/`` into the project's own ``results/``, ``figures/``, ``notebooks/`` and
``reports/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from analysis.config import Settings
from analysis.io import MANIFEST, FolderSwap, atomic_write_text, utc_now
from analysis.paths import (
    DOCS_DIR,
    NOTEBOOK_SOURCES,
    NOTEBOOKS_DIR,
    PROJECT_ROOT,
    REPORTS_DIR,
    SEEDS_DIR,
)

_NB = re.compile(r"^(\d\d)-[a-z0-9-]+\.ipynb$")
KERNEL_NAME = "python3"
TIMEOUT = 600


def notebook_paths(only: list[str] | None = None, folder: Path = NOTEBOOK_SOURCES) -> list[Path]:
    """Numbered notebooks in order (``NN-name.ipynb``, whether or not the executed file
    exists yet: a jupytext source ``NN-name.py`` is enough); ``only`` filters by their
    two-digit number."""
    stems = {p.stem for p in folder.glob("*.ipynb")} | {p.stem for p in folder.glob("*.py")}
    paths = sorted(folder / f"{s}.ipynb" for s in stems if _NB.match(f"{s}.ipynb"))
    if only:
        known = {p.name[:2] for p in paths}
        bad = [n for n in only if n not in known]
        if bad:
            raise ValueError(f"no notebook numbered {bad}; choose from {sorted(known)}")
        paths = [p for p in paths if p.name[:2] in only]
    return paths


def read_notebook_source(path: Path):
    """The notebook to execute: its jupytext source ``NN-name.py`` (percent format) when
    there is one, else the ``.ipynb`` itself. The ``.py`` is what people edit and review;
    the ``.ipynb`` beside it is its executed copy (a test checks that the two agree)."""
    import nbformat

    src = Path(path).with_suffix(".py")
    if src.is_file():
        import jupytext

        nb = jupytext.read(src, fmt="py:percent")
        nb.metadata.pop("jupytext", None)
        return nb
    return nbformat.read(path, as_version=4)


def normalise_notebook(nb) -> None:
    """Make an executed notebook byte-stable: fixed cell ids, no volatile metadata."""
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": KERNEL_NAME},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell["metadata"] = {k: v for k, v in cell.get("metadata", {}).items() if k in ("tags",)}
        if cell.get("cell_type") == "code":
            cell["execution_count"] = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
                if out.get("output_type") == "stream" and out.get("name") == "stderr":
                    pass
                out.get("metadata", {}).pop("execution", None)


PARAMETER_NAMES = ("RESULTS", "FIGURES", "CORPUS", "EXTERNAL")
"""The parameters of every notebook (its cell tagged ``parameters``)."""


def parameters_source(values: dict) -> str:
    """The source of an injected-parameters cell: one ``NAME = value`` line each."""
    lines = ["# Parameters of this run (injected by analysis.report.reproduce)"]
    lines += [f"{k} = {values[k]!r}" for k in PARAMETER_NAMES if k in values]
    return "\n".join(lines)


def inject_parameters(nb, values: dict):
    """Insert a cell tagged ``injected-parameters`` after the ``parameters`` cell.

    Returns:
        The inserted cell (None when the notebook has no ``parameters`` cell).
    """
    import nbformat

    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            new = nbformat.v4.new_code_cell(parameters_source(values))
            new.metadata["tags"] = ["injected-parameters"]
            nb.cells.insert(i + 1, new)
            return new
    return None


def execute_notebook(
    path: Path,
    *,
    env: dict[str, str],
    cwd: Path,
    params: dict | None = None,
    shown: dict | None = None,
):
    """Execute one notebook and return it normalised (nothing written).

    Args:
        path: the notebook (its ``.py`` source is read when present).
        env: extra environment of the kernel process (hash seed, matplotlib backend).
        cwd: the kernel's working folder.
        params: the parameter values it runs with (:data:`PARAMETER_NAMES`).
        shown: the values the executed notebook records instead (the final folders
            rather than the staging folders the run writes into); default ``params``.
    """
    from nbclient import NotebookClient

    nb = read_notebook_source(path)
    injected = inject_parameters(nb, params) if params else None
    # the kernel imports this very package, whichever checkout runs it
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    env = {**env, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), *paths])}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    running = {"index": None}  # the cell being executed (named when it times out)

    def _started(cell, cell_index, **_):
        running["index"] = cell_index

    try:
        NotebookClient(
            nb,
            timeout=TIMEOUT,
            kernel_name=KERNEL_NAME,
            record_timing=False,
            resources={"metadata": {"path": str(cwd)}},
            on_cell_execute=_started,
        ).execute(stderr=subprocess.DEVNULL)  # kernel logs; cell output comes over ZMQ
    except Exception as exc:  # the cells that ran travel with the error (failure page)
        exc.cell_index = running["index"]
        if injected is not None:
            injected.source = parameters_source(shown or params)
        normalise_notebook(nb)
        exc.notebook = nb
        raise
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    if injected is not None:
        injected.source = parameters_source(shown or params)
    normalise_notebook(nb)
    return nb


def notebook_bytes(nb) -> bytes:
    import nbformat

    return (nbformat.writes(nb) + "\n").encode("utf-8")


TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
REPORT_TEMPLATE = "reader"
"""nbconvert's lab template with each image's alt text from its output metadata
(``analysis/templates/reader``): a figure's alt text is its caption, not nbconvert's
"No description has been provided for this image"."""


def render_html(nb) -> str:
    """Self-contained HTML of an executed notebook: sanitised, no scripts, with a CSP,
    and no code (the reader's edition; the notebook is the code edition).

    Every Markdown cell, Markdown output and HTML output passes through
    :func:`analysis.safe_text.sanitize_html` (nbconvert's own ``clean_html`` allowlist
    is too small for the lab template: it would show ``<p>`` and ``<th>`` as text);
    JavaScript outputs are dropped; every ``<script>`` element is removed and the page
    carries :data:`analysis.safe_text.CSP` (no scripts, no remote loads).
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from analysis.safe_text import add_csp, sanitize_html

    exporter = HTMLExporter(
        template_name=REPORT_TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
        sanitize_html=True,
        filters={"clean_html": sanitize_html},
    )
    # cells tagged "hide-input" show only their output (the summary reads as prose)
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_input_tags={"hide-input"}, enabled=True), enabled=True
    )
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    if hasattr(exporter, "widget_renderer_url"):
        exporter.widget_renderer_url = ""
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    # the reader's edition shows no code (issue 14); the code edition is the notebook
    # itself (notebooks/NN-name.ipynb and its source .py), linked from every page
    exporter.exclude_input = True
    html, _ = exporter.from_notebook_node(nb)
    # links between notebooks point at their rendered pages
    html = re.sub(r'href="(\d\d-[a-z0-9-]+)\.ipynb', r'href="\1.html', html)
    return add_csp(strip_scripts(html))


REPORT_CSS = "notebook.css"
"""The reports' shared stylesheet (the nbconvert template CSS, once instead of per page)."""
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.DOTALL | re.IGNORECASE)


def link_stylesheet(html: str) -> tuple[str, str]:
    """Move the ``<style>`` blocks of the page head into one stylesheet file.

    Returns:
        ``(page, css)``: the page linking ``notebook.css`` (a relative link, so the reports
        still read offline) and the CSS to write beside it.
    """
    head_end = html.index("</head>")
    head, body = html[:head_end], html[head_end:]
    css = "\n".join(m.group(1).strip() for m in _STYLE.finditer(head)) + "\n"
    head = _STYLE.sub("", head)
    link = f'<link rel="stylesheet" href="{REPORT_CSS}">\n'
    return head + link + body, css


READER_CSS = """
/* reader's edition: tables wrap and scroll inside their box, text left-aligned */
.jp-RenderedHTMLCommon table { display: block; overflow-x: auto; max-width: 100%; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {
  text-align: left !important; white-space: normal; vertical-align: top; max-width: 36em; }
nav.framing { font: 13px/1.6 system-ui, sans-serif; border-bottom: 1px solid #ddd;
  padding: .4em 1em; margin-bottom: 1em; }
nav.framing a { margin-right: 1em; }
"""
"""CSS appended to the reports' shared stylesheet (issue 14)."""


def add_navigation(html: str, stem: str, order: list[str], *, provenance: str = "") -> str:
    """Put a navigation bar at the top of a report page: index, summary, previous, next,
    glossary, annotated articles, the code edition (the executed notebook) and the project
    version (project-made links only), with the run's provenance line
    (:func:`analysis.provenance.provenance_line`: corpus, size, date of the data, version;
    escaped here) in place of the bare version when given."""
    import html as html_mod

    from analysis import __version__

    notebooks = [s for s in order if "summary" not in s]
    summary = next((s for s in order if "summary" in s), None)
    links = ['<a href="index.html">index</a>']
    if summary and summary != stem:
        links.append(f'<a href="{quote(summary)}.html">summary</a>')
    if stem in notebooks:
        k = notebooks.index(stem)
        if k > 0:
            links.append(f'<a href="{quote(notebooks[k - 1])}.html">← previous</a>')
        if k + 1 < len(notebooks):
            links.append(f'<a href="{quote(notebooks[k + 1])}.html">next →</a>')
    links += ['<a href="glossary.html">glossary</a>', '<a href="articles/index.html">articles</a>']
    if stem in order:
        links.append(f'<a href="../notebooks/{quote(stem)}.ipynb">code</a>')
    about = html_mod.escape(provenance) if provenance else f"framing-analysis {__version__}"
    nav = f'<nav class="framing">{" ".join(links)} <small>{about}</small></nav>'
    i = html.find("<body")
    if i < 0:
        return nav + html
    j = html.index(">", i) + 1
    return html[:j] + "\n" + nav + html[j:]


_SCRIPT = re.compile(r"<script\b[^>]*>.*?(</script\s*>|\Z)", re.DOTALL | re.IGNORECASE)


def strip_scripts(html: str) -> str:
    """Drop every ``<script>`` element: the reports need none (MathJax, RequireJS and
    Mermaid would load from the network, and nothing else is scripted), and
    :data:`analysis.safe_text.CSP` forbids them anyway."""
    return _SCRIPT.sub("", html)


def _title(nb, fallback: str) -> str:
    """The first Markdown heading: of a Markdown cell, or shown by a code cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts = [cell.source]
        else:
            texts = [o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])]
        for text in texts:
            for line in text.splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return fallback


def index_html(
    entries: list[tuple[str, str]],
    *,
    made_by: str = "<code>make reproduce</code>",
    extras: list[tuple[str, str]] = (),
    provenance: str = "",
) -> str:
    """``reports/index.html``: the summary first, then every notebook in order.

    Args:
        entries: ``(notebook stem, title)`` pairs; both are escaped here.
        made_by: HTML naming the command (project-made, inserted as is).
        extras: ``(relative link, label)`` of further pages (the annotated articles,
            the glossary); escaped here.
        provenance: the run's provenance line (version, date of the data); escaped here.
    """
    import html

    from analysis.safe_text import CSP_META

    summary = [e for e in entries if "summary" in e[0]]
    rest = [e for e in entries if e not in summary]
    # titles come from notebook headings (Markdown: entities allowed), names from files
    items = "\n".join(
        f'<li><a href="{quote(name, safe="-_.")}.html">{html.escape(html.unescape(title))}</a>'
        f" <small>({html.escape(name)})</small></li>"
        for name, title in summary + rest
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"{CSP_META}<title>framing-analysis reports</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
        "</style></head><body>\n<h1>framing-analysis: reports</h1>\n"
        f"<p>Executed notebooks, rendered by {made_by}. Start with the "
        "summary; each detailed notebook shows the evidence behind it. Figures with their "
        'source tables are in <a href="../figures/README.md">figures/</a>; the data '
        'dictionary is <a href="../results/README.md">results/README.md</a>.</p>\n'
        f"<ol>\n{items}\n</ol>\n"
        + (
            "<p>Also: "
            + " · ".join(
                f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for href, label in extras
            )
            + "</p>\n"
            if extras
            else ""
        )
        + (f"<p><small>{html.escape(provenance)}</small></p>\n" if provenance else "")
        + "</body></html>\n"
    )


GLOSSARY = DOCS_DIR / "glossary.md"
"""The glossary rendered into every report (``reports/glossary.html``)."""


def write_reader_pages(ctx, reports: Path, *, provenance: str = "") -> list[tuple[str, str]]:
    """The pages beside the notebooks: annotated articles and the glossary (both with
    the stylesheet ``articles/style.css``), and the script-free explorer pages
    (``explore/``, :mod:`analysis.report.explore`), each with the run's ``provenance``
    line.

    Returns:
        ``(relative link, label)`` of each page written, for the index.
    """
    from analysis.report.article_view import (
        STYLESHEET,
        page_head,
        provenance_html,
        write_article_views,
    )

    extras = []
    write_article_views(ctx.tables, ctx.raw, reports / "articles", provenance=provenance)
    extras.append(("articles/index.html", "Annotated articles (every measure marked in the text)"))
    if GLOSSARY.is_file():
        import mistune

        body = mistune.html(GLOSSARY.read_text(encoding="utf-8"))  # project-made text
        page = (
            page_head("Glossary", stylesheet=f"articles/{STYLESHEET}")
            + '<body><p class="meta"><a href="index.html">reports</a></p>'
            + f"{body}{provenance_html(provenance)}</body></html>\n"
        )
        atomic_write_text(reports / "glossary.html", page)
        extras.append(("glossary.html", "Glossary of the methods"))
    from analysis.report.corpus_report import largest_outlets
    from analysis.report.explore import MAX_CHOICES, write_explorers

    outlets = largest_outlets(ctx.tables["articles"], n=MAX_CHOICES)
    extras += write_explorers(ctx.tables, reports / "explore", outlets, provenance=provenance)
    return extras


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _execute_and_render(path: Path, env: dict[str, str], render: bool, params=None, shown=None):
    """Worker: execute one notebook; return ``(name, title, notebook bytes, html, error)``."""
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    try:
        nb = execute_notebook(path, env=env, cwd=path.parent, params=params, shown=shown)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        if isinstance(exc, CellExecutionError):
            error = f"{getattr(exc, 'ename', 'error')}: {getattr(exc, 'evalue', exc)}"
        else:  # a cell ran past the time limit, or the kernel died
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        nb = getattr(exc, "notebook", None)
        if nb is None:
            return path.name, "", b"", "", error
        mark_failure(nb, error, cell_index=getattr(exc, "cell_index", None))
        html = render_html(nb) if render else ""
        return path.name, _title(nb, path.stem), notebook_bytes(nb), html, error
    html = render_html(nb) if render else ""
    return path.name, _title(nb, path.stem), notebook_bytes(nb), html, ""


def mark_failure(nb, error: str, *, cell_index: int | None = None) -> int:
    """Put a one-paragraph failure notice at the top of a partly executed notebook.

    Says which cell failed (its number among the code cells and its first line) and why;
    the cells after it did not run and are shown without output.

    Args:
        nb: The partly executed notebook (changed in place).
        error: One line: the exception name and message.
        cell_index: Index in ``nb.cells`` of the cell that was running when the notebook
            stopped; used when no cell carries an error output (a cell ran past the time
            limit, or the kernel died).

    Returns:
        The 1-based number of the failed code cell (0 if it is not known).
    """
    import nbformat

    code = [(i, c) for i, c in enumerate(nb.cells) if c.get("cell_type") == "code"]
    errored = [
        n
        for n, (_, c) in enumerate(code, 1)
        if any(o.get("output_type") == "error" for o in c.get("outputs", []))
    ]
    # an error output names the cell; else the cell that was running (a time-out)
    running = [n for n, (i, _) in enumerate(code, 1) if i == cell_index]
    failed = (errored or running or [0])[0]
    first_line = ""
    if failed:
        src = code[failed - 1][1]["source"]
        first_line = next((ln for ln in src.splitlines() if ln.strip()), "")
    from analysis.safe_text import md_code, md_escape

    where = (
        f"code cell {failed} (which starts {md_code(first_line.strip()[:80])})"
        if failed
        else "a cell"
    )
    text = (
        f"**This page is incomplete: the notebook stopped at {where}** with "
        f"{md_escape(error[:600])}. The cells before it ran and show their output; the cells "
        "after it did not run. The other pages of this report are complete. Rerun "
        "`framing report` after fixing the input, or report the problem with this paragraph."
    )
    notice = nbformat.v4.new_markdown_cell(text)
    notice["metadata"] = {"tags": ["failure-notice"]}
    pos = 1 if nb.cells and nb.cells[0].get("cell_type") == "markdown" else 0
    nb.cells.insert(pos, notice)
    normalise_notebook(nb)
    return failed


def run_notebooks(
    paths: list[Path],
    *,
    env: dict[str, str],
    render: bool,
    workers: int = 2,
    label: str = "reproduce",
    params: dict | None = None,
    shown: dict | None = None,
):
    """Execute notebooks, independent ones in parallel; summaries last (they show the
    figures the others made). Yields results in the order of ``paths``."""
    from concurrent.futures import ProcessPoolExecutor

    first = [p for p in paths if "summary" not in p.stem]
    last = [p for p in paths if "summary" in p.stem]
    done: dict[str, tuple] = {}
    for batch in (first, last):
        if not batch:
            continue
        _log(f"[{label}] executing {', '.join(p.name for p in batch)}")
        if workers > 1 and len(batch) > 1:
            pool = ProcessPoolExecutor(
                max_workers=min(workers, len(batch)), initializer=_ignore_sigint
            )
            try:
                futures = [pool.submit(_worker_task, p, env, render, params, shown) for p in batch]
                for f in futures:
                    r = f.result()
                    done[r[0]] = r
            except BaseException:  # Ctrl-C: stop the running notebooks, run no more
                import signal

                procs = list((getattr(pool, "_processes", None) or {}).values())
                pool.shutdown(wait=False, cancel_futures=True)  # no new notebook starts
                for proc in procs:
                    try:
                        os.kill(proc.pid, signal.SIGINT)
                    except OSError:
                        pass
                for proc in procs:  # a worker stuck in kernel shutdown is killed
                    proc.join(timeout=10)
                    if proc.is_alive():
                        proc.kill()
                        proc.join()
                raise
            pool.shutdown()
        else:
            for p in batch:
                r = _execute_and_render(p, env, render, params, shown)
                done[r[0]] = r
    return [done[p.name] for p in paths]


def _generated(folder: Path) -> list[Path]:
    """Files in a figures folder that reproduce generates (everything but README.md)."""
    return sorted(
        p
        for p in folder.glob("*")
        if p.is_file() and p.suffix in _FIG_SUFFIXES and p.name != MANIFEST
    )


_FIG_SUFFIXES = (".png", ".svg", ".pdf", ".csv", ".json")


def _ignore_sigint() -> None:
    """Pool worker start: an idle worker ignores Ctrl-C (no traceback from its loop).

    Its stderr goes nowhere: results and notebook errors come back as return values
    (a crash too, as an exception), and what nbclient logs while a run is stopped is noise.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 2)


def _worker_task(path: Path, env: dict[str, str], render: bool, params=None, shown=None):
    """:func:`_execute_and_render` in a pool worker, stoppable by SIGINT while it runs
    (nbclient then shuts its kernel down)."""
    import signal

    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return _execute_and_render(path, env, render, params, shown)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass(frozen=True)
class Layout:
    """Where one run writes: result tables, figures, executed notebooks, HTML reports."""

    results: Path
    figures: Path
    notebooks: Path
    reports: Path

    @classmethod
    def under(cls, root: str | Path) -> Layout:
        """``root/results``, ``root/figures``, ``root/notebooks``, ``root/reports``."""
        root = Path(root)
        return cls(root / "results", root / "figures", root / "notebooks", root / "reports")

    @classmethod
    def project(cls) -> Layout:
        """The project's own folders."""
        return cls(PROJECT_ROOT / "results", PROJECT_ROOT / "figures", NOTEBOOKS_DIR, REPORTS_DIR)


def report(
    inputs: list[str | Path],
    *,
    layout: Layout,
    settings=None,
    only: list[str] | None = None,
    notebooks: bool = True,
    write: bool = True,
    workers: int | None = None,
    label: str = "report",
    made_by: str = "<code>framing report</code>",
) -> int:
    """Analyse ``inputs`` and execute every notebook on them, writing into ``layout``.

    Steps: ``framing validate`` and ``framing analyze``, written to a staging folder of
    ``layout.results`` (with its data dictionary ``README.md``); execute
    ``notebooks/NN-*.ipynb`` (``only``: these numbers) on it, their parameters
    (``RESULTS``, ``FIGURES``: staging folders; ``CORPUS``, ``EXTERNAL``) injected after
    each ``parameters`` cell and recorded as the final folders, relative to the
    notebooks' folder; the executed notebooks, their HTML with an ``index.html`` and the figure index
    go to staging folders too. ``results/``, ``figures/``, ``reports/`` and
    ``notebooks/`` are swapped in together, each with a ``run.json``
    (:class:`analysis.io.FolderSwap`), when every notebook ran or, for a report outside
    the project, when some failed: a failed page then opens with a notice naming the
    failed cell (:func:`mark_failure`) and ``run.json`` lists it. The project's own
    folders are replaced only by a complete run; an interrupt leaves every folder as it
    was. The project's own ``notebooks/`` (which holds the
    notebook sources) is written file by file instead, just before the swap.

    Args:
        inputs: ``.txt`` files and/or folders (with an optional ``metadata.csv``).
        layout: the output folders.
        settings: the analysis :class:`~analysis.config.Settings` (or a mapping of its
            fields, e.g. ``{"lexicon": path, "actors": path}``).
        only: two-digit notebook numbers to run (default: all); the figures, notebooks
            and reports of the others are kept from the previous run.
        notebooks: False for tables only.
        write: False to execute the notebooks without writing them or their HTML.
        workers: notebooks executed at once (default: up to 2).
        label: log prefix.
        made_by: how ``index.html`` names the command that rendered it (HTML).

    Returns:
        0 on success, 1 when a notebook fails (its name, cell error and message are logged).

    Raises:
        ValueError: ``only`` names an unknown notebook, or the corpus has one outlet.
        InputError: bad input files, lexicon or actor list; an output folder that is not
            ours to replace or that another run is writing.
    """
    from analysis.io import atomic_write_bytes
    from analysis.pipeline import (
        VALIDATION_TABLES,
        analysis_tables,
        check_inputs,
        run_manifest,
        validate,
        write_results,
    )
    from analysis.viz.figures import figures_readme

    t0 = time.perf_counter()
    started = utc_now()
    paths = notebook_paths(only) if notebooks else []
    if notebooks and not paths:
        _log(f"[{label}] no notebooks found")
        return 1
    settings = Settings.from_options(settings)
    results, figures = layout.results, layout.figures
    corpus = [Path(p).resolve() for p in inputs]
    # the project's notebooks/ holds the sources too: written in place, not replaced
    in_place = layout.notebooks.resolve() == NOTEBOOKS_DIR.resolve()
    targets = {results: "results"}
    if notebooks:
        targets[figures] = "figures"
    if notebooks and write:
        targets[layout.reports] = "reports"
        if not in_place:
            targets[layout.notebooks] = "notebooks"
    lock_only = [layout.notebooks] if notebooks and write and in_place else []
    with FolderSwap(targets, lock_only=lock_only) as swap:
        check_inputs(corpus, settings)  # bad input stops the run before any work
        _log(f"[{label}] validating methods on data/external -> {results}")
        vset = Settings(
            lexicon=settings.lexicon,
            spreadsheet_safe=settings.spreadsheet_safe,
            external=settings.external,
        )
        shown = ", ".join(_shown(p) for p in corpus)
        # the validation does not read the corpus: with two cores it runs beside the analysis
        parallel = (workers or min(2, os.cpu_count() or 1)) > 1
        if parallel:
            from concurrent.futures import ProcessPoolExecutor

            vpool = ProcessPoolExecutor(max_workers=1, initializer=_ignore_sigint)
            vfuture = vpool.submit(validate, settings=vset)
            try:
                _log(f"[{label}] analysing {shown} -> {results}")
                ctx = analysis_tables(corpus, settings=settings, progress=True)
                vctx = vfuture.result()
            except BaseException:
                for proc in list((getattr(vpool, "_processes", None) or {}).values()):
                    proc.kill()
                raise
            finally:
                vpool.shutdown(wait=True, cancel_futures=True)
        else:
            vctx = validate(settings=vset)
            _log(f"[{label}] analysing {shown} -> {results}")
            ctx = analysis_tables(corpus, settings=settings, progress=True)
        n_outlets = ctx.tables["articles"]["outlet"].nunique()
        if notebooks and n_outlets < 2:
            raise ValueError(
                f"the notebooks compare outlets and need articles from at least 2 outlets; "
                f"the input has {n_outlets} (nothing was written; `framing analyze` "
                "writes the tables alone)"
            )
        for note in vctx.notes + ctx.notes:
            _log(f"note: {note}")
        for warning in ctx.warnings:
            _log(f"warning: {warning}")
        # a benchmark check skipped for want of data keeps the previous run's table
        kept = [n for n in VALIDATION_TABLES if n not in vctx.tables]
        swap.carry(results, [f"{n}{ext}" for n in kept for ext in (".csv", ".settings.json")])
        kept = [n for n in kept if (swap[results] / f"{n}.csv").exists()]
        write_results(vctx, swap[results], dictionary=False)
        write_results(ctx, swap[results])  # the dictionary documents both
        manifest = run_manifest(
            "reproduce" if label == "reproduce" else "report",
            inputs=corpus,
            settings=settings,
            extra={"only": only, "notebooks": notebooks},
            tables={**vctx.tables, **ctx.tables},
            started=started,
        )
        manifest["carried_over"] = kept
        if not notebooks:
            swap.commit(manifest)
            return 0
        env = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg"}  # the kernel process
        external = settings.external_dir.resolve()
        params = {
            "RESULTS": str(swap[results]),
            "FIGURES": str(swap[figures]),
            "CORPUS": [str(p) for p in corpus],
            "EXTERNAL": str(external),
        }

        def rel(path: Path) -> str:  # as the executed notebook records it
            return Path(os.path.relpath(path, layout.notebooks.resolve())).as_posix()

        shown = {
            "RESULTS": rel(results.resolve()),
            "FIGURES": rel(figures.resolve()),
            "CORPUS": [rel(p) for p in corpus],
            "EXTERNAL": rel(external),
        }
        if only:  # a partial run keeps the other notebooks' figures (the summary shows them)
            swap.carry(figures, [p.name for p in _generated(figures)] if figures.is_dir() else [])
            if write:
                swap.carry(layout.reports)
                if not in_place:
                    swap.carry(layout.notebooks)
        workers = workers or min(2, os.cpu_count() or 1)
        outcome = run_notebooks(
            paths, env=env, render=write, workers=workers, label=label, params=params, shown=shown
        )
        failed = [(name, err) for name, _, _, _, err in outcome if err]
        for name, err in failed:
            _log(f"framing: error: notebook {name} failed: {err}")
        # the project's own outputs are replaced only by a complete run; a user's report
        # shows what ran, with a failure notice on each failed page (issue 11)
        partial = failed and not in_place and write and all(nb for _, _, nb, _, _ in outcome)
        if failed and not partial:
            return 1  # nothing is swapped in: every folder keeps the previous run
        manifest["failed_notebooks"] = [{"notebook": n, "error": e} for n, e in failed]
        if write:
            import nbformat

            nb_dir = layout.notebooks if in_place else swap[layout.notebooks]
            reports = swap[layout.reports]
            from analysis.provenance import provenance, provenance_line

            about = provenance_line(provenance(ctx.tables["articles"], inputs=corpus))
            stylesheets = set()
            order = [p.stem for p in notebook_paths(folder=nb_dir) if p.exists()]
            order = sorted(set(order) | {p.stem for p in paths})
            for path, (_, _, _, html, _) in zip(paths, outcome, strict=True):
                nav = add_navigation(html, path.stem, order, provenance=about)
                page, css = link_stylesheet(nav)
                stylesheets.add(css + READER_CSS)
                atomic_write_text(reports / f"{path.stem}.html", page)
            for css in stylesheets:  # one template, one stylesheet (same bytes every run)
                atomic_write_text(reports / REPORT_CSS, css)
            # the index lists every executed notebook: this run's and, with `only`, earlier ones
            staged = {p.name: nb for p, (_, _, nb, _, _) in zip(paths, outcome, strict=True)}
            entries = []
            for name in sorted({p.name for p in notebook_paths(folder=nb_dir)} | set(staged)):
                if name in staged:
                    nb = nbformat.reads(staged[name].decode("utf-8"), as_version=4)
                else:
                    nb = nbformat.read(nb_dir / name, as_version=4)
                entries.append((Path(name).stem, _title(nb, Path(name).stem)))
            extras = write_reader_pages(ctx, reports, provenance=about)
            index = index_html(entries, made_by=made_by, extras=extras, provenance=about)
            atomic_write_text(reports / "index.html", index)
            atomic_write_text(swap[figures] / "README.md", figures_readme(swap[figures]) + "\n")
            for path, (_, _, nb_bytes, _, _) in zip(paths, outcome, strict=True):
                atomic_write_bytes(nb_dir / path.name, nb_bytes)
        swap.commit(manifest)
    where = f"; start at {layout.reports / 'index.html'}" if write else ""
    if failed:
        names = ", ".join(n for n, _ in failed)
        _log(f"[{label}] {len(failed)} notebook(s) failed ({names}); their pages say where{where}")
        return 1
    _log(f"[{label}] done in {time.perf_counter() - t0:.1f} s ({len(paths)} notebook(s)){where}")
    return 0


def _shown(path: Path) -> str:
    try:
        return path.relative_to(PROJECT_ROOT).as_posix() + ("/" if path.is_dir() else "")
    except ValueError:
        return str(path)


def check_outside_project(layout: Layout) -> None:
    """Raise ValueError if a report would write into the project's own output folders."""
    own = {p.resolve() for p in (Layout.project().results, Layout.project().figures)}
    own |= {(PROJECT_ROOT / n).resolve() for n in ("results", "figures", "notebooks", "reports")}
    for folder in (layout.results, layout.figures, layout.notebooks, layout.reports):
        if folder.resolve() in own:
            raise ValueError(
                f"--out would write into the project's own {folder.name}/; "
                "choose another folder (`framing reproduce` regenerates the project's outputs)"
            )


def reproduce(
    *,
    check_only: bool = False,
    only: list[str] | None = None,
    notebooks: bool = True,
    workers: int | None = None,
) -> int:
    """:func:`report` on ``seeds/`` into the project's own folders.

    With ``check_only`` the notebooks are executed in a temporary folder and nothing in
    the project is written.

    Returns:
        0 on success, 1 when a notebook fails (its name, cell error and message are logged).
    """
    common = {"only": only, "notebooks": notebooks, "workers": workers, "label": "reproduce"}
    if check_only:
        with tempfile.TemporaryDirectory(prefix="framing-check-") as tmp:
            layout = Layout.under(tmp)
            if only:  # the summary shows the other notebooks' figures: start from ours
                layout.figures.mkdir(parents=True, exist_ok=True)
                for p in _generated(Layout.project().figures):
                    shutil.copy2(p, layout.figures / p.name)
            return report([SEEDS_DIR], layout=layout, write=False, **common)
    return report(
        [SEEDS_DIR], layout=Layout.project(), made_by="<code>make reproduce</code>", **common
    )
