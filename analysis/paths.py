"""Where things live. Environment variables let a user point at their own corpus run.

* ``FRAMING_RESULTS``: folder of result tables (default ``<project>/results``).
* ``FRAMING_FIGURES``: folder of figures (default ``<project>/figures``).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "notebooks").is_dir()
"""True when running from the project's checkout (or an editable install of it); False
from an installed wheel, where :data:`PROJECT_ROOT` is ``site-packages``."""
LEXICON_DIR = PACKAGE_DIR / "lexicons"
_HERE = PROJECT_ROOT if IN_CHECKOUT else Path.cwd()
SEEDS_DIR = _HERE / "seeds"
"""The seed articles: the project's ``seeds/``; in an installed copy ``seeds/`` of the
current folder (``framing analyze`` says so when it is absent and no input is given)."""
EXTERNAL_DIR = _HERE / "data" / "external"
"""Benchmark data (``$FRAMING_EXTERNAL`` overrides): the project's ``data/external/``; in
an installed copy ``data/external/`` of the current folder."""
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOK_SOURCES = NOTEBOOKS_DIR if IN_CHECKOUT else PACKAGE_DIR / "_notebooks"
"""The notebook sources ``NN-name.py`` a report executes: the project's ``notebooks/``; in
an installed copy the ones shipped in the wheel (package ``analysis._notebooks``)."""
DOCS_DIR = PROJECT_ROOT / "docs" if IN_CHECKOUT else PACKAGE_DIR / "_docs"
"""The project's ``docs/`` (an installed copy ships ``glossary.md`` only)."""
FIXTURES_DIR = PROJECT_ROOT / "tests" / "fixtures" if IN_CHECKOUT else PACKAGE_DIR / "_fixtures"
"""The project's ``tests/fixtures/`` (an installed copy ships ``speech_spans.yaml`` only)."""


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
