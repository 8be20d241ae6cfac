"""framing-analysis: how outlets frame one news event, measured with evidence.

The package is organised as a pipeline of tidy tables: articles -> segments ->
sentences -> matches and scores. See ``docs/architecture.md``.
"""

__version__ = "0.1.0"

from analysis.io import read_table, write_table  # noqa: E402
from analysis.paths import results_dir  # noqa: E402

_FIGURE_HELPERS = ("notebook_setup", "outlet_colors", "save_figure", "show_md")


def __getattr__(name: str):
    """Figure helpers come from :mod:`analysis.viz.figures`, imported on first use.

    ``framing analyze`` draws nothing, so it does not pay for importing matplotlib.
    """
    if name in _FIGURE_HELPERS:
        from analysis.viz import figures

        return getattr(figures, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


from analysis.api import analyze, load_results  # noqa: E402

__all__ = [
    "__version__",
    "analyze",
    "load_results",
    "notebook_setup",
    "outlet_colors",
    "read_table",
    "results_dir",
    "save_figure",
    "show_md",
    "write_table",
]
