"""`framing reproduce`: regenerate every table, figure, executed notebook and HTML report.

Steps: analyse ``seeds/`` into ``results/``; remove generated figures; execute
``notebooks/NN-*.ipynb`` in order with nbclient (``record_timing=False``); normalise
cell ids and metadata so reruns give the same bytes; render ``reports/*.html`` with no
CDN links and a ``reports/index.html``; write ``figures/README.md``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from .io import atomic_write_text
from .paths import NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR, SEEDS_DIR

_NB = re.compile(r"^(\d\d)-[a-z0-9-]+\.ipynb$")
KERNEL_NAME = "python3"
TIMEOUT = 600


def notebook_paths(only: list[str] | None = None, folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Numbered notebooks in order; ``only`` filters by their two-digit number."""
    paths = sorted(p for p in folder.glob("*.ipynb") if _NB.match(p.name))
    if only:
        known = {p.name[:2] for p in paths}
        bad = [n for n in only if n not in known]
        if bad:
            raise ValueError(f"no notebook numbered {bad}; choose from {sorted(known)}")
        paths = [p for p in paths if p.name[:2] in only]
    return paths


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


def execute_notebook(path: Path, *, env: dict[str, str], cwd: Path):
    """Execute one notebook and return it normalised (nothing written)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    # the kernel imports this very package, whichever checkout runs it
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    env = {**env, "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), *paths])}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        NotebookClient(
            nb,
            timeout=TIMEOUT,
            kernel_name=KERNEL_NAME,
            record_timing=False,
            resources={"metadata": {"path": str(cwd)}},
        ).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    normalise_notebook(nb)
    return nb


def notebook_bytes(nb) -> bytes:
    import nbformat

    return (nbformat.writes(nb) + "\n").encode("utf-8")


def render_html(nb) -> str:
    """Self-contained HTML of an executed notebook (no CDN links)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.mathjax_url = ""
    exporter.require_js_url = ""
    if hasattr(exporter, "widget_renderer_url"):
        exporter.widget_renderer_url = ""
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    html, _ = exporter.from_notebook_node(nb)
    # links between notebooks point at their rendered pages
    html = re.sub(r'href="(\d\d-[a-z0-9-]+)\.ipynb', r'href="\1.html', html)
    return strip_remote_scripts(html)


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def strip_remote_scripts(html: str) -> str:
    """Drop every script that loads from the network or from nowhere (offline reading)."""

    def keep(m: re.Match) -> str:
        block = m.group(0)
        head = block[: block.index(">") + 1]
        if 'src=""' in head or "src='" in head or re.search(r"https?://", block):
            return ""
        if "mathjax" in block.lower():
            return ""
        return block

    return _SCRIPT.sub(keep, html)


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("# ").strip()
    return fallback


def index_html(entries: list[tuple[str, str]]) -> str:
    """``reports/index.html``: the summary first, then every notebook in order."""
    summary = [e for e in entries if "summary" in e[0]]
    rest = [e for e in entries if e not in summary]
    items = "\n".join(
        f'<li><a href="{name}.html">{title}</a> <small>({name})</small></li>'
        for name, title in summary + rest
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>framing-analysis reports</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
        "</style></head><body>\n<h1>framing-analysis: reports</h1>\n"
        "<p>Executed notebooks, rendered by <code>make reproduce</code>. Start with the "
        "summary; each detailed notebook shows the evidence behind it. Figures with their "
        'source tables are in <a href="../figures/README.md">figures/</a>; the data '
        'dictionary is <a href="../results/README.md">results/README.md</a>.</p>\n'
        f"<ol>\n{items}\n</ol>\n</body></html>\n"
    )


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def reproduce(
    *, check_only: bool = False, only: list[str] | None = None, notebooks: bool = True
) -> int:
    """Regenerate everything (or, with ``check_only``, execute notebooks in a temp dir)."""
    from .figures import figures_readme
    from .paths import figures_dir, results_dir
    from .pipeline import analyze, validate

    t0 = time.perf_counter()
    tmp = tempfile.TemporaryDirectory(prefix="framing-check-") if check_only else None
    results = Path(tmp.name) / "results" if tmp else results_dir()
    figures = Path(tmp.name) / "figures" if tmp else figures_dir()
    env = {
        "FRAMING_RESULTS": str(results),
        "FRAMING_FIGURES": str(figures),
        "PYTHONHASHSEED": "0",
        "MPLBACKEND": "Agg",
        # the kernel imports this very package, whichever checkout runs reproduce
        "PYTHONPATH": os.pathsep.join(
            [str(PROJECT_ROOT)]
            + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        ),
    }
    _log(f"[reproduce] validating methods on data/external -> {results}")
    vctx = validate(out=results)
    _log(f"[reproduce] analysing {SEEDS_DIR.relative_to(PROJECT_ROOT)}/ -> {results}")
    ctx = analyze([SEEDS_DIR], out=results, options={})
    for note in vctx.notes + ctx.notes:
        _log(f"note: {note}")
    if not notebooks:
        return 0
    paths = notebook_paths(only)
    if not paths:
        _log("[reproduce] no notebooks found")
        return 1
    if not check_only and not only:
        for p in figures.glob("*"):
            if p.suffix in (".png", ".svg", ".pdf", ".csv", ".json"):
                p.unlink()
    figures.mkdir(parents=True, exist_ok=True)
    entries = []
    for path in paths:
        _log(f"[reproduce] executing {path.name}")
        nb = execute_notebook(path, env=env, cwd=path.parent)
        entries.append((path.stem, _title(nb, path.stem)))
        if check_only:
            continue
        from .io import atomic_write_bytes

        atomic_write_bytes(path, notebook_bytes(nb))
        atomic_write_text(REPORTS_DIR / f"{path.stem}.html", render_html(nb))
    if not check_only:
        if not only:
            all_entries = []
            import nbformat

            for p in notebook_paths():
                all_entries.append((p.stem, _title(nbformat.read(p, as_version=4), p.stem)))
            atomic_write_text(REPORTS_DIR / "index.html", index_html(all_entries))
        atomic_write_text(figures / "README.md", figures_readme(figures) + "\n")
    if tmp:
        tmp.cleanup()
    _log(f"[reproduce] done in {time.perf_counter() - t0:.1f} s ({len(paths)} notebook(s))")
    return 0
