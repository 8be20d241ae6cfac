"""Where things live. Environment variables let a user point at their own corpus run.

* ``FRAMING_RESULTS``: folder of result tables (default ``<project>/results``).
* ``FRAMING_FIGURES``: folder of figures (default ``<project>/figures``).
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
SEEDS_DIR = PROJECT_ROOT / "seeds"
EXTERNAL_DIR = PROJECT_ROOT / "data" / "external"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"


def results_dir() -> Path:
    """The folder result tables are read from and written to."""
    return Path(os.environ.get("FRAMING_RESULTS", PROJECT_ROOT / "results"))


def figures_dir() -> Path:
    """The folder figures are saved to."""
    return Path(os.environ.get("FRAMING_FIGURES", PROJECT_ROOT / "figures"))


def external_dir(name: str) -> Path | None:
    """``data/external/<name>`` if present, else None (callers skip with a message)."""
    base = Path(os.environ.get("FRAMING_EXTERNAL", EXTERNAL_DIR))
    p = base / name
    return p if p.exists() else None
