"""Command line: ``framing analyze``, ``validate``, ``report`` and ``reproduce`` (also
``python -m analysis``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import __version__
from analysis.errors import InputError
from analysis.paths import IN_CHECKOUT, SEEDS_DIR


def _add_event_options(parser: argparse.ArgumentParser) -> None:
    from analysis.io import AUTO_PARQUET_ARTICLES, FORMAT_OPTIONS
    from analysis.text.events import DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, EVENT_METHODS

    parser.add_argument(
        "--format",
        choices=FORMAT_OPTIONS,
        default="auto",
        help=f"result table format: auto (default: csv up to {AUTO_PARQUET_ARTICLES:,} "
        "articles, parquet above), csv (UTF-8, one header row) or parquet (zstd; about a "
        "tenth of the size and faster to write on large corpora); analysis.load_results "
        "reads either",
    )
    parser.add_argument(
        "--columns",
        default=None,
        metavar="ROLE=COL,...",
        help="for a .csv/.jsonl/.parquet corpus (one article per row): which column is the "
        "text, id, outlet, title, date, event, url (default: columns with those names), "
        "e.g. --columns text=body,id=uid,outlet=source",
    )
    parser.add_argument(
        "--duplicates",
        choices=("error", "keep", "drop"),
        default="error",
        help="duplicate articles (listed in duplicates.csv): error (default: two files with "
        "the same bytes stop the run; near duplicates, e.g. one wire story under two "
        "outlets, are kept and listed), keep (read and keep both), drop (keep one: the "
        "contained copy leaves before any measure)",
    )
    g = parser.add_argument_group("events (which articles report the same story)")
    g.add_argument(
        "--events",
        choices=EVENT_METHODS,
        default=None,
        help="single: all articles are one event; column: metadata.csv's 'event' column; "
        "auto: group by date window + TF-IDF similarity (default: column when metadata "
        "has an 'event' value, else single)",
    )
    g.add_argument(
        "--event-threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        metavar="COS",
        help=f"auto: minimum cosine similarity to link two articles (default {DEFAULT_THRESHOLD})",
    )
    g.add_argument(
        "--event-window-days",
        type=int,
        default=DEFAULT_WINDOW_DAYS,
        metavar="DAYS",
        help=f"auto: maximum days between linked articles (default {DEFAULT_WINDOW_DAYS})",
    )


def _event_options(args: argparse.Namespace) -> dict:
    return {
        "events": args.events,
        "event_threshold": args.event_threshold,
        "event_window_days": args.event_window_days,
        "columns": args.columns,
        "duplicates": args.duplicates,
        "format": args.format,
    }


def _positive_mb(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of MB, got {text!r}")
    return value


def _jobs(text: str) -> int:
    from analysis.config import available_cores

    if text == "auto":
        return available_cores()
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 'auto' or a whole number >= 1, got {text!r}")
    return value


def _external_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--external",
        default=None,
        metavar="DIR",
        help="benchmark data folder of the validation checks (default: ./data/external)",
    )


def _input_options(parser: argparse.ArgumentParser) -> None:
    """Options about reading the inputs, shared by ``analyze`` and ``report``."""
    from analysis.parallel import ENGINES
    from analysis.text.corpus import DEFAULT_MAX_FILE_MB

    _external_option(parser)

    parser.add_argument(
        "--strict",
        action="store_true",
        help="a metadata.csv row whose source_file matches no .txt file, or a .txt file "
        "without a metadata row, is an error (default: listed in input_problems.csv and "
        "summarised in one warning line)",
    )
    parser.add_argument(
        "--max-file-mb",
        type=_positive_mb,
        default=DEFAULT_MAX_FILE_MB,
        metavar="MB",
        help=f"largest article file read, in MB (default: {DEFAULT_MAX_FILE_MB:g}); a larger "
        "file stops the run with a one-line error",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes for the per-article work (segmenting, quotation marks, "
        "sentence splitting, sentence sentiment scores); 'auto': every core this process "
        "may use; default 1 (no worker processes: most of the time is in corpus-wide "
        "steps, see bench/README.md). The tables are identical whatever N; corpora of at "
        "most 8 articles run in one process",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="where the per-article work runs: local (default: --jobs worker processes on "
        "this machine) or dask (a Dask cluster: the one at --scheduler, else a local "
        "cluster of --jobs single-threaded workers; needs dask[distributed]; see "
        "docs/scale.md). The tables are identical either way",
    )
    parser.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --engine dask: the Dask scheduler to use, e.g. tcp://10.0.0.5:8786 "
        "(started with `dask scheduler`; every worker needs this package at the same "
        "version and the lexicon files; docs/scale.md)",
    )
    _spreadsheet_option(parser)


def _spreadsheet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--spreadsheet-safe",
        action="store_true",
        help="also write a copy of every table to spreadsheet/ in the results folder, with "
        "text cells starting with = + - @ (or a tab / carriage return) prefixed by a single "
        "quote so that a spreadsheet does not run them as formulas; the tables themselves "
        "stay raw",
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="framing",
        description="Measure how outlets frame one news event: loaded terms, sentiment, "
        "actors, sources, coverage and reuse, with evidence tables.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser(
        "analyze",
        help="analyse articles and write result tables",
        description="Analyse a folder of .txt articles (with an optional metadata.csv) and "
        "write every result table, atomically, with a data dictionary (README.md).",
    )
    a.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help=".txt files or folders of them (with metadata.csv), .csv/.jsonl/.parquet files "
        "with one article per row, news-please/trafilatura .json files, or .html pages "
        "(text extracted by trafilatura) "
        "(default: the project's seeds/, or seeds/ of the current folder in an installed copy)",
    )
    a.add_argument("--out", default=None, metavar="DIR", help="results folder (default: results/)")
    a.add_argument(
        "--lexicon",
        default=None,
        metavar="FILE",
        help="loaded-terms lexicon YAML (default: the project's analysis/lexicons/loaded_terms.yaml)",
    )
    a.add_argument(
        "--actors",
        default=None,
        metavar="FILE",
        help="actor list YAML (default: the project's analysis/lexicons/actors.yaml)",
    )
    _input_options(a)
    a.add_argument(
        "--quiet", action="store_true", help="no progress bar or notes (warnings are still shown)"
    )
    _add_event_options(a)

    v = sub.add_parser(
        "validate",
        help="measure the methods against public human-annotated benchmarks",
        description="Score the sentiment methods on VADER's human-rated NYT editorial "
        "sentences and on NewsMTSC, and check the loaded-terms lexicon against Recasens et al. "
        "(2013) and BABE. Reads data/external/ (see data/external/README.md); each check is "
        "skipped with a note when its data is absent, leaving its table untouched. Also "
        "measures quotation, voice and speaker detection on the hand-annotated spans of "
        "tests/fixtures/speech_spans.yaml (validation_speech; no external data needed).",
    )
    v.add_argument("--out", default=None, metavar="DIR", help="results folder (default: results/)")
    v.add_argument(
        "--lexicon", default=None, metavar="FILE", help="loaded-terms lexicon YAML to check"
    )
    _spreadsheet_option(v)
    _external_option(v)

    rep = sub.add_parser(
        "report",
        help="analyse your own articles and render every notebook on them",
        description="The whole analysis on your own articles: validate the methods and analyse "
        "INPUT into DIR/results (tables and their data dictionary README.md), execute every "
        "notebook on those results, and write the executed notebooks to DIR/notebooks, their "
        "HTML to DIR/reports (start at DIR/reports/index.html) and the figures with their "
        "index to DIR/figures. Nothing in the project's own results/, figures/, notebooks/ or "
        "reports/ changes. A notebook that fails does not stop the others: the report shows "
        "what ran, its page says which cell failed and why, and the exit code is 1; bad "
        "input stops with exit code 2.",
    )
    rep.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt files or folders of them (a folder may hold a metadata.csv), "
        ".csv/.jsonl/.parquet files with one article per row, news-please/trafilatura .json, "
        "or .html pages",
    )
    rep.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="output folder; gets results/, figures/, notebooks/ and reports/ (created if needed)",
    )
    rep.add_argument(
        "--lexicon",
        default=None,
        metavar="FILE",
        help="loaded-terms lexicon YAML (default: the project's analysis/lexicons/loaded_terms.yaml); "
        "also the lexicon checked on BABE by the validation step",
    )
    rep.add_argument(
        "--actors",
        default=None,
        metavar="FILE",
        help="actor list YAML (default: the project's analysis/lexicons/actors.yaml)",
    )
    _input_options(rep)
    rep.add_argument(
        "--only",
        nargs="+",
        default=None,
        metavar="NN",
        help="only these notebook numbers (e.g. --only 00 01); the summary shows figures "
        "of the others only if an earlier run in DIR made them",
    )
    _add_event_options(rep)

    sub.add_parser(
        "steps",
        help="print the analysis steps: what each needs and makes",
        description="Print the step graph of `framing analyze`: the corpus layer, then each "
        "step in order with the tables it needs and the tables it makes.",
    )

    r = sub.add_parser(
        "reproduce",
        help="regenerate every table, figure, executed notebook and HTML report",
        description="Run the analysis on seeds/, execute notebooks/NN-*.ipynb in order, "
        "render reports/*.html and write results/README.md and figures/README.md. "
        "Running it twice gives the same bytes.",
    )
    r.add_argument(
        "--check-notebooks",
        action="store_true",
        help="only check that every notebook executes, in a temporary folder (writes nothing here)",
    )
    r.add_argument(
        "--only", nargs="+", default=None, metavar="NN", help="only these notebook numbers"
    )
    r.add_argument("--no-notebooks", action="store_true", help="tables only, no notebooks")
    return p


def _settings(args: argparse.Namespace, **paths):
    """The :class:`~analysis.config.Settings` of an ``analyze``/``report`` command line."""
    from analysis.config import Settings

    external = Path(args.external).resolve() if args.external else None
    return Settings.from_options(
        {**paths, "external": external, **_read_options(args), **_event_options(args)}
    )


def _read_options(args: argparse.Namespace) -> dict:
    return {
        "strict": args.strict,
        "max_file_mb": args.max_file_mb,
        "spreadsheet_safe": args.spreadsheet_safe,
        "jobs": args.jobs,
        "engine": args.engine,
        "scheduler": args.scheduler,
    }


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            from analysis.paths import results_dir
            from analysis.pipeline import analyze

            if not args.inputs and not SEEDS_DIR.is_dir():
                raise ValueError(
                    f"no INPUT given and no seeds/ folder at {SEEDS_DIR}; "
                    "name the articles to analyse (files or folders)"
                )
            inputs = args.inputs or [SEEDS_DIR]
            out = args.out or results_dir()
            settings = _settings(args, lexicon=args.lexicon, actors=args.actors)
            ctx = analyze(inputs, out=out, settings=settings, progress=not args.quiet)
            if not args.quiet:
                for note in ctx.notes:
                    print(f"note: {note}", file=sys.stderr)
            for warning in ctx.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            if not args.quiet:
                print(
                    f"analysed {len(ctx.articles)} article(s); {len(ctx.tables)} tables in {out}",
                    file=sys.stderr,
                )
            return 0
        if args.command == "validate":
            from analysis.paths import results_dir
            from analysis.pipeline import validate

            out = args.out or results_dir()
            from analysis.config import Settings

            settings = Settings(
                lexicon=args.lexicon, spreadsheet_safe=args.spreadsheet_safe, external=args.external
            )
            ctx = validate(out=out, settings=settings)
            for note in ctx.notes:
                print(f"note: {note}", file=sys.stderr)
            print(f"validation tables written: {sorted(ctx.tables) or 'none'}", file=sys.stderr)
            return 0
        if args.command == "report":
            from pathlib import Path

            from analysis.io import check_output_folder
            from analysis.report.reproduce import Layout, check_outside_project, report

            paths = {
                key: Path(value).resolve() if value else None
                for key, value in (("lexicon", args.lexicon), ("actors", args.actors))
            }
            settings = _settings(args, **paths)
            files = [settings.lexicon, settings.actors]
            layout = Layout.under(Path(args.out).resolve())
            check_outside_project(layout)
            check_output_folder(args.out, inputs=args.inputs, files=files)
            return report(args.inputs, layout=layout, settings=settings, only=args.only)
        if args.command == "steps":
            from analysis.pipeline import steps_graph

            print(steps_graph())
            return 0
        if args.command == "reproduce":
            from analysis.report.reproduce import reproduce

            if not IN_CHECKOUT:
                raise ValueError(
                    "`framing reproduce` rewrites the project's own outputs and runs only in "
                    "the project checkout; use `framing report INPUT --out DIR`"
                )
            return reproduce(
                check_only=args.check_notebooks, only=args.only, notebooks=not args.no_notebooks
            )
    except InputError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # staging folders are already removed, locks released
        print("framing: interrupted", file=sys.stderr)
        return 130
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
