"""Tiny helper to write a notebook from a list of ("md"|"code", source) cells.

Used by the notebooks/src/build_*.py scripts; the committed .ipynb files are what
`make reproduce` executes.
"""

import sys
from pathlib import Path

import nbformat


def build(path, cells, *, hide_input=False):
    """Write a notebook; ``hide_input`` tags code cells so reports show only their output."""
    nb = nbformat.v4.new_notebook()
    for kind, src in cells:
        src = src.strip("\n")
        nb.cells.append(
            nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src)
        )
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
