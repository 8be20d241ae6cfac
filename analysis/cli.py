"""Command line: ``framing analyze``, ``validate``, ``report`` and ``reproduce`` (also
``python -m analysis``)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .errors import InputError
from .paths import PROJECT_ROOT, SEEDS_DIR


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
        help=f".txt files or folders of them (default: {SEEDS_DIR.relative_to(PROJECT_ROOT)}/)",
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
    a.add_argument("--quiet", action="store_true", help="no progress bar or notes")

    v = sub.add_parser(
        "validate",
        help="measure the methods against public human-annotated benchmarks",
        description="Score the sentiment methods on VADER's human-rated NYT editorial "
        "sentences and on NewsMTSC, and check the loaded-terms lexicon against Recasens et al. "
        "(2013) and BABE. Reads data/external/ (see data/external/README.md); each check is "
        "skipped with a note when its data is absent, leaving its table untouched.",
    )
    v.add_argument("--out", default=None, metavar="DIR", help="results folder (default: results/)")
    v.add_argument(
        "--lexicon", default=None, metavar="FILE", help="loaded-terms lexicon YAML to check"
    )

    rep = sub.add_parser(
        "report",
        help="analyse your own articles and render every notebook on them",
        description="The whole analysis on your own articles: validate the methods and analyse "
        "INPUT into DIR/results (tables and their data dictionary README.md), execute every "
        "notebook on those results, and write the executed notebooks to DIR/notebooks, their "
        "HTML to DIR/reports (start at DIR/reports/index.html) and the figures with their "
        "index to DIR/figures. Nothing in the project's own results/, figures/, notebooks/ or "
        "reports/ changes. A notebook that fails is reported in one line and the exit code "
        "is 1; bad input stops with exit code 2.",
    )
    rep.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt files or folders of them (a folder may hold a metadata.csv)",
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
    rep.add_argument(
        "--only",
        nargs="+",
        default=None,
        metavar="NN",
        help="only these notebook numbers (e.g. --only 00 01); the summary shows figures "
        "of the others only if an earlier run in DIR made them",
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "analyze":
            from .paths import results_dir
            from .pipeline import analyze

            inputs = args.inputs or [SEEDS_DIR]
            out = args.out or results_dir()
            options = {"lexicon": args.lexicon, "actors": args.actors}
            ctx = analyze(inputs, out=out, options=options, progress=not args.quiet)
            if not args.quiet:
                for note in ctx.notes:
                    print(f"note: {note}", file=sys.stderr)
                print(
                    f"analysed {len(ctx.articles)} article(s); {len(ctx.tables)} tables in {out}",
                    file=sys.stderr,
                )
            return 0
        if args.command == "validate":
            from .paths import results_dir
            from .pipeline import validate

            out = args.out or results_dir()
            ctx = validate(out=out, options={"lexicon": args.lexicon})
            for note in ctx.notes:
                print(f"note: {note}", file=sys.stderr)
            print(f"validation tables written: {sorted(ctx.tables) or 'none'}", file=sys.stderr)
            return 0
        if args.command == "report":
            from pathlib import Path

            from .io import check_output_folder
            from .reproduce import Layout, check_outside_project, report

            options = {
                key: str(Path(value).resolve()) if value else None
                for key, value in (("lexicon", args.lexicon), ("actors", args.actors))
            }
            layout = Layout.under(Path(args.out).resolve())
            check_outside_project(layout)
            check_output_folder(args.out, inputs=args.inputs, files=options.values())
            return report(args.inputs, layout=layout, options=options, only=args.only)
        if args.command == "reproduce":
            from .reproduce import reproduce

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
