"""Where things live: the project's folders, and the folders a notebook works in.

A notebook's folders are its parameters (``RESULTS``, ``FIGURES``, ``CORPUS`` in its
tagged ``parameters`` cell; ``framing report`` and ``make reproduce`` inject the values
in a cell after it, papermill-style). :func:`analysis.viz.figures.notebook_setup` hands
them to :func:`use_folders`; :func:`results_dir`, :func:`figures_dir` and
:func:`corpus_inputs` then answer with them. Nothing reads environment variables.
"""

from __future__ import annotations

from dataclasses import dataclass
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
"""Benchmark data (``--external DIR`` / ``Settings.external`` overrides): the project's
``data/external/``; in an installed copy ``data/external/`` of the current folder."""
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOK_SOURCES = NOTEBOOKS_DIR if IN_CHECKOUT else PACKAGE_DIR / "_notebooks"
"""The notebook sources ``NN-name.py`` a report executes: the project's ``notebooks/``; in
an installed copy the ones shipped in the wheel (package ``analysis._notebooks``)."""
DOCS_DIR = PROJECT_ROOT / "docs" if IN_CHECKOUT else PACKAGE_DIR / "_docs"
"""The project's ``docs/`` (an installed copy ships ``glossary.md`` only)."""
FIXTURES_DIR = PROJECT_ROOT / "tests" / "fixtures" if IN_CHECKOUT else PACKAGE_DIR / "_fixtures"
"""The project's ``tests/fixtures/`` (an installed copy ships ``speech_spans.yaml`` only)."""


@dataclass(frozen=True)
class Folders:
    """Where a notebook (or any reader of results) reads and writes.

    Attributes:
        results: folder of result tables (None: ``<project>/results``).
        figures: folder figures are saved to (None: ``<project>/figures``).
        corpus: the analysed inputs, files or folders (empty: ``seeds/``).
        external: the benchmark data folder (None: ``data/external``).
    """

    results: Path | None = None
    figures: Path | None = None
    corpus: tuple[Path, ...] = ()
    external: Path | None = None


FOLDERS = Folders()
"""The folders in use (set once per notebook kernel by :func:`use_folders`)."""


def use_folders(
    *,
    results: str | Path | None = None,
    figures: str | Path | None = None,
    corpus=None,
    external: str | Path | None = None,
) -> Folders:
    """Set the folders of this process (a notebook's parameters); None keeps the default.

    Args:
        results, figures, external: folders.
        corpus: a path or a list of paths.

    Returns:
        The new :class:`Folders`.
    """
    global FOLDERS
    if corpus is None:
        corpus = ()
    elif isinstance(corpus, str | Path):
        corpus = (corpus,)
    FOLDERS = Folders(
        results=Path(results) if results else None,
        figures=Path(figures) if figures else None,
        corpus=tuple(Path(p) for p in corpus),
        external=Path(external) if external else None,
    )
    return FOLDERS


def results_dir() -> Path:
    """The folder result tables are read from and written to."""
    return FOLDERS.results or PROJECT_ROOT / "results"


def figures_dir() -> Path:
    """The folder figures are saved to."""
    return FOLDERS.figures or PROJECT_ROOT / "figures"


def corpus_inputs() -> list[Path]:
    """The analysed inputs (files or folders); default ``seeds/``."""
    return list(FOLDERS.corpus) or [SEEDS_DIR]


def external_base() -> Path:
    """The benchmark data folder (``data/external`` unless set)."""
    return FOLDERS.external or EXTERNAL_DIR


def external_dir(name: str) -> Path | None:
    """``<external>/<name>`` if present, else None (callers skip with a message)."""
    p = external_base() / name
    return p if p.exists() else None


def folders_with(**changes) -> Folders:
    """The folders in use with ``changes`` applied (paths as :class:`Path`), not set."""
    import dataclasses

    fixed = {
        k: (tuple(Path(p) for p in v) if k == "corpus" else Path(v) if v is not None else None)
        for k, v in changes.items()
    }
    return dataclasses.replace(FOLDERS, **fixed)
