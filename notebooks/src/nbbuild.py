"""Tiny helper to write a notebook from a list of ("md"|"code", source) cells.

Used by the notebooks/src/build_*.py scripts; the committed .ipynb files are what
`make reproduce` executes. A cell may carry tags as a third item, e.g.
``("code", src, ["hide-input"])``; :func:`seed_md` makes such a cell for prose that holds
only on the seed corpus (the notebook sets ``SEED_CORPUS`` from
``analysis.corpus_report.is_seed_corpus``).
"""

import sys
from pathlib import Path

import nbformat


def seed_md(seed, generic=None):
    """A hidden-input cell showing ``seed`` on the seed corpus, else ``generic`` (if any)."""
    seed, generic = seed.strip("\n"), generic.strip("\n") if generic else None
    for text in (seed, generic or ""):
        assert '"""' not in text and "\\" not in text, "keep seed_md text plain"
    if generic is None:
        src = f'if SEED_CORPUS:\n    show_md(\n        """{seed}"""\n    )'
    else:
        src = f'show_md(\n    """{seed}"""\n    if SEED_CORPUS\n    else """{generic}"""\n)'
    return ("code", src, ["hide-input"])


def build(path, cells, *, hide_input=False):
    """Write a notebook; ``hide_input`` tags code cells so reports show only their output."""
    nb = nbformat.v4.new_notebook()
    for kind, src, *tags in cells:
        src = src.strip("\n")
        cell = nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
        if tags and tags[0]:
            cell.metadata["tags"] = list(tags[0])
        nb.cells.append(cell)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i:03d}"
        if hide_input and c.cell_type == "code":
            c.metadata["tags"] = ["hide-input"]
    Path(path).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    print("wrote", path, file=sys.stderr)
