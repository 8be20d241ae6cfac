"""`framing analyze`: run the analysis steps and write every table atomically.

Articles are read and segmented one at a time (bounded memory per article, a progress
bar on long runs); corpus-wide steps then run on the tidy tables. The output folder
is checked and locked before any work starts; all tables are written only after every
step succeeded, into a staging folder that replaces the results folder as a whole
(:class:`analysis.io.FolderSwap`), with a manifest ``run.json``. So a failed or
interrupted run leaves the previous results untouched, and no file of an older run
stays beside the new tables.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.config import Resources, Settings
from analysis.errors import InputError
from analysis.io import (
    TABLE_FORMATS,
    FolderSwap,
    atomic_write_text,
    check_output_folder,
    spreadsheet_safe,
    utc_now,
    write_table,
)
from analysis.schema import (  # noqa: F401  (table_docs: also public here)
    data_dictionary,
    table_docs,
    undocumented_columns,
)
from analysis.text.corpus import (
    METADATA_COLUMNS,
    PROBLEM_COLUMNS,
    Article,
    check_file_size,
    input_files,
    input_problems,
)
from analysis.text.html_pages import HTML_SUFFIXES
from analysis.text.quotes import quotation_spans
from analysis.text.segment import (
    BODY_SEGMENTS,  # noqa: F401  (documented as analysis.pipeline.BODY_SEGMENTS)
    FURNITURE,
    segment_composition,
    segments_from_article,
)
from analysis.text.sentences import sentences_from_segments

TABLES = {
    "articles": {
        "description": "One row per article: metadata, headline found by segmentation, sizes.",
        "columns": {
            **{
                c: f"From metadata.csv ({c.replace('_', ' ')}); empty if unknown."
                for c in METADATA_COLUMNS
            },
            "article_id": "Article id: metadata, else the file stem.",
            "source_file": "File name the article was read from.",
            "outlet": "Outlet name from metadata (file stem without it).",
            "headline": "The headline found by segmentation (empty when the page has none).",
            "n_chars": "Characters in the raw file.",
            "n_body_words": "Word tokens in body segments.",
            "n_furniture_chars": "Characters in byline, caption, teaser and boilerplate segments.",
            "n_sentences": "Sentences in all segments.",
            "sha256": "SHA-256 of the file bytes.",
        },
    },
    "input_problems": {
        "description": "Inputs that were read but may not be what was meant, one row per "
        "problem (empty when there is none; `--strict` makes a metadata problem an error): "
        "a metadata.csv row whose source_file matches no .txt file (the row is not used), a "
        ".txt file without a metadata row (its article id and outlet are its file stem), and "
        "an article without body text (every line is headline or page furniture).",
        "columns": {
            "file": "The metadata file (for a metadata row) or the article file as given "
            "(its file name for 'no body text').",
            "source_file": "The row's source_file, or the article's file name.",
            "problem": "'metadata row matches no file', 'no metadata row', 'no body text' "
            "or 'decoded as cp1252'.",
            "detail": "Which row or lines, and the likely cause (a path, a near-miss name).",
        },
    },
    "quote_spans": {
        "description": "Where quotation marks open and close: one row per outermost direct "
        "quotation, found from punctuation alone (analysis.text.quotes), before anyone is "
        "attributed. The `quotes` table has the same quotations with their speakers; "
        "`speech` adds reported speech.",
        "columns": {
            "article_id": "Article id.",
            "quote_span_id": "Stable id '<article_id>-q<n:02d>' in text order.",
            "start": "Offset of the opening mark in the raw file.",
            "end": "Offset after the closing mark (or the paragraph end when unclosed).",
            "text": "raw[start:end].",
            "mark": "The opening quotation mark.",
            "closed": "False when the quotation was unbalanced and closed at its paragraph end.",
            "warning": "Why it was closed by rule; empty when balanced.",
        },
    },
}


@dataclass
class Context:
    """What steps see: the articles, the tables so far, the run's settings and the data
    files it uses (``resources``: the lexicon and actor list, each read once)."""

    articles: list[Article]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _resources: Resources | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.settings = Settings.from_options(self.settings)

    @property
    def resources(self) -> Resources:
        """The data files of ``settings``, each read once (again when settings change)."""
        if self._resources is None or self._resources.settings is not self.settings:
            self._resources = Resources(self.settings)
        return self._resources

    @property
    def raw(self) -> dict[str, str]:
        return {a.article_id: a.raw for a in self.articles}


@dataclass(frozen=True)
class Step:
    """A corpus-wide analysis step: ``func(ctx) -> {table_name: DataFrame}``.

    ``needs`` are the tables it reads (made by the corpus layer or an earlier step),
    ``makes`` the tables it may return; :func:`check_steps` checks the order at start-up
    and :func:`run_steps` that a step returns nothing it did not declare.
    """

    name: str
    func: Callable[[Context], dict[str, pd.DataFrame]]
    needs: tuple[str, ...] = ()
    makes: tuple[str, ...] = ()


def _progress(items: Iterable, *, enabled: bool, desc: str, total: int | None = None):
    if not enabled:
        return items
    from tqdm import tqdm

    # shown also when stderr is not a terminal (a log file, CI), then updated less often
    tty = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    return tqdm(
        items,
        desc=desc,
        total=total,
        unit="file",
        file=sys.stderr,
        disable=False,
        mininterval=0.5 if tty else 10.0,
    )


CHUNK_ARTICLES = 8
"""Articles sent to a worker process at a time (``jobs`` > 1): large enough that
pickling and scheduling cost little beside segmenting, small enough that the progress
bar moves and a few chunks in flight keep memory bounded."""


def _article_parts(art: Article) -> dict:
    """Segment, quote-mark and sentence-split one article: its rows of every corpus
    table, and its notes, warnings and input problems (a pure function of the article,
    so it gives the same result in any process)."""
    seg = segments_from_article(art)
    spans = quotation_spans(art.raw)
    sent = sentences_from_segments(seg, {art.article_id: spans})
    quotes, notes, warnings, problems = [], [], [], []
    for k, s in enumerate(spans, start=1):
        quotes.append(
            {
                "article_id": art.article_id,
                "quote_span_id": f"{art.article_id}-q{k:02d}",
                "start": s.start,
                "end": s.end,
                "text": art.raw[s.start : s.end],
                "mark": s.mark,
                "closed": s.closed,
                "warning": s.warning,
            }
        )
        if s.warning:
            notes.append(f"{art.source_file}: {s.warning}")
    heads = seg.loc[seg["segment"] == "headline", "text"]
    body = sent["segment"] == "body"
    row = {c: art.meta.get(c, "") for c in METADATA_COLUMNS}
    docvars = []
    for c in art.meta:  # further docvars pass through (quanteda-style)
        if c not in row and c not in TABLES["articles"]["columns"]:
            row[c] = art.meta[c]
            docvars.append(c)
    row.update(
        article_id=art.article_id,
        source_file=art.source_file,
        outlet=art.outlet,
        headline=heads.iloc[0] if len(heads) else "",
        n_chars=len(art.raw),
        n_body_words=int(sent.loc[body, "n_words"].sum()),
        n_furniture_chars=int(
            (
                seg.loc[seg["segment"].isin(FURNITURE), "end"]
                - seg.loc[seg["segment"].isin(FURNITURE), "start"]
            ).sum()
        ),
        n_sentences=len(sent),
        sha256=art.sha256,
    )
    if not (seg["segment"] == "body").any():
        kinds = ", ".join(f"{n} {k}" for k, n in seg["segment"].value_counts().sort_index().items())
        problems.append(
            {
                "file": art.source_file,
                "source_file": art.source_file,
                "problem": "no body text",
                "detail": f"every line is headline or page furniture ({kinds}); "
                f"headline {row['headline']!r}",
            }
        )
        warnings.append(
            f"{art.source_file}: no body text (every line is headline or page "
            "furniture); listed in input_problems.csv"
        )
    if art.encoding == "cp1252":
        problems.append(
            {
                "file": art.source_file,
                "source_file": art.source_file,
                "problem": "decoded as cp1252",
                "detail": "not valid UTF-8; read as Windows-1252 (check accented "
                "letters and quotation marks; re-save as UTF-8 to silence this)",
            }
        )
        warnings.append(
            f"{art.source_file}: not UTF-8, read as cp1252 (Windows-1252); "
            "listed in input_problems.csv"
        )
    meta_head = art.meta.get("headline", "")
    if meta_head and meta_head != row["headline"]:
        notes.append(
            f"{art.source_file}: segmentation headline {row['headline']!r} differs from metadata {meta_head!r}"
        )
    return {
        "row": row,
        "docvars": docvars,
        "segments": seg,
        "sentences": sent,
        "quotes": quotes,
        "notes": notes,
        "warnings": warnings,
        "problems": problems,
    }


def _chunk_parts(chunk: list[Article]) -> list[dict]:
    """:func:`_article_parts` of each article of a chunk, in order (a worker's task)."""
    return [_article_parts(art) for art in chunk]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _parallel_parts(
    articles: Iterable[Article],
    *,
    jobs: int,
    progress: bool,
    total: int | None,
    engine: str = "local",
) -> Iterator[tuple[Article, dict]]:
    """``(article, parts)`` in input order, the parts made by ``jobs`` worker processes.

    Articles are read here (reading checks cross-file things: duplicates, metadata) and
    sent in chunks of :data:`CHUNK_ARTICLES`; at most ``2 * jobs`` chunks are in flight,
    so memory stays bounded on a long corpus. A worker's error is raised here unchanged
    (an :class:`~analysis.errors.InputError` keeps its one line naming the file); the
    remaining chunks are cancelled. With ``engine="dask"`` the chunks go to the Dask
    cluster of :func:`analysis.parallel.dask_client` instead of local processes (its
    futures answer ``result`` and ``cancel`` alike), ``2 x`` its worker threads in flight.
    """
    from collections import deque

    bar = None
    with _executor(engine, jobs) as (pool, jobs):
        pending: deque = deque()
        try:
            for chunk in _chunks(articles, CHUNK_ARTICLES):
                pending.append((chunk, pool.submit(_chunk_parts, chunk)))
                if progress and bar is None:  # after the first submit forked the workers
                    bar = _progress(None, enabled=True, desc="reading articles", total=total)
                while len(pending) >= 2 * jobs:
                    yield from _collect(pending.popleft(), bar)
            while pending:
                yield from _collect(pending.popleft(), bar)
        finally:
            for _, future in pending:
                future.cancel()
            if bar is not None:
                bar.close()


@contextlib.contextmanager
def _executor(engine: str, jobs: int) -> Iterator[tuple[object, int]]:
    """``(pool, workers)``: something with ``submit`` for the corpus layer's chunks."""
    if engine == "dask":
        from analysis.parallel import dask_client, dask_threads

        with dask_client(jobs=jobs) as client:
            yield client, dask_threads(client)
        return
    from concurrent.futures import ProcessPoolExecutor

    from analysis.parallel import pool_context, worker_start

    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=pool_context(), initializer=worker_start
    ) as pool:
        yield pool, jobs


def _collect(item: tuple[list[Article], object], bar) -> Iterator[tuple[Article, dict]]:
    chunk, future = item
    parts = future.result()
    if bar is not None:
        bar.update(len(chunk))
    yield from zip(chunk, parts, strict=True)


def corpus_tables(
    articles: Iterable[Article],
    *,
    progress: bool = False,
    total: int | None = None,
    jobs: int = 1,
    engine: str = "local",
) -> Context:
    """Read, segment, quote-mark and sentence-split articles one at a time.

    An article without body text (every line headline or furniture) is kept, with a
    warning and a row in ``ctx.tables["input_problems"]``.

    Args:
        articles: the articles, read lazily (one at a time).
        progress: show a progress bar on stderr.
        total: the number of articles, for the progress bar (and to decide whether
            worker processes are worth starting).
        jobs: worker processes for segmenting, quotation marks and sentence splitting
            (:data:`CHUNK_ARTICLES` articles per task, results taken in input order, so
            every table is identical to ``jobs=1``). Reading stays in this process. With
            ``jobs=1``, or when ``total`` says there are fewer than two chunks, no
            process is started.
        engine: ``local`` (worker processes here) or ``dask`` (the chunks go to the Dask
            cluster of :func:`analysis.parallel.dask_client`, whatever ``jobs``; the
            tables are the same, :data:`analysis.parallel.ENGINES`).
    """
    ctx = Context(articles=[])
    arts, segs, quotes, sents, problems = [], [], [], [], []
    docvars: dict[str, None] = {}
    if engine == "dask" and (total is None or total > CHUNK_ARTICLES):
        stream = _parallel_parts(articles, jobs=jobs, progress=progress, total=total, engine="dask")
    elif jobs > 1 and (total is None or total > CHUNK_ARTICLES):
        if total is not None:
            jobs = min(jobs, -(-total // CHUNK_ARTICLES))
        stream = _parallel_parts(articles, jobs=jobs, progress=progress, total=total)
    else:
        stream = (
            (art, _article_parts(art))
            for art in _progress(articles, enabled=progress, desc="reading articles", total=total)
        )
    for art, part in stream:
        ctx.articles.append(art)
        ctx.notes.extend(part["notes"])
        ctx.warnings.extend(part["warnings"])
        problems.extend(part["problems"])
        quotes.extend(part["quotes"])
        for c in part["docvars"]:
            docvars.setdefault(c, None)
        arts.append(part["row"])
        segs.append(part["segments"])
        sents.append(part["sentences"])
    if not ctx.articles:
        raise ValueError("no articles to analyse")
    # one canonical order (article id), whatever order the files came in
    order = sorted(range(len(arts)), key=lambda k: str(arts[k]["article_id"]))
    ctx.articles = [ctx.articles[k] for k in order]
    arts, segs, sents = (
        [arts[k] for k in order],
        [segs[k] for k in order],
        [sents[k] for k in order],
    )
    quotes.sort(key=lambda q: (str(q["article_id"]), q["start"], q["end"]))
    columns = list(TABLES["articles"]["columns"]) + sorted(docvars)
    ctx.tables["articles"] = pd.DataFrame(arts, columns=columns).fillna({c: "" for c in docvars})
    ctx.tables["segments"] = pd.concat(segs, ignore_index=True)
    ctx.tables["quote_spans"] = pd.DataFrame(quotes, columns=list(TABLES["quote_spans"]["columns"]))
    ctx.tables["sentences"] = pd.concat(sents, ignore_index=True)
    ctx.tables["segment_composition"] = segment_composition(ctx.tables["segments"])
    ctx.tables["input_problems"] = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    return ctx


CORPUS_MAKES = (
    "articles",
    "segments",
    "quote_spans",
    "sentences",
    "segment_composition",
    "input_problems",
)
"""Tables the corpus layer (:func:`corpus_tables`) makes before any step."""

STEP_SPECS = [
    # (name, "module:function", needs, makes)
    ("duplicates", "analysis.text.duplicates:duplicates_step", ("sentences",), ("duplicates",)),
    (
        "events",
        "analysis.text.events:events_step",
        ("articles", "sentences"),
        ("article_events", "events", "event_threshold_sensitivity"),
    ),
    (
        "actors",
        "analysis.extract.attribution:actors_step",
        ("quote_spans", "sentences"),
        ("_actors", "_cues", "actor_mentions", "speech"),
    ),
    (
        "voice",
        "analysis.extract.voice:voice_step",
        ("_actors", "sentences", "speech"),
        ("sentences", "voice_shares", "voice_spans"),
    ),
    (
        "collocations",
        "analysis.measures.collocations:collocations_step",
        ("actor_mentions", "sentences", "voice_spans"),
        ("actor_collocations",),
    ),
    (
        "sources",
        "analysis.measures.sources:sources_step",
        (
            "_actors",
            "_cues",
            "actor_mentions",
            "articles",
            "quote_spans",
            "sentences",
            "speech",
            "voice_shares",
        ),  # fmt: skip
        (
            "actor_naming",
            "attribution_summary",
            "attribution_summary_outlets",
            "headline_verbs",
            "quotes",
            "reporting_verbs",
            "source_selection",
            "source_summary",
            "source_summary_outlets",
        ),  # fmt: skip
    ),
    (
        "loaded_terms",
        "analysis.extract.loaded_terms:loaded_terms_step",
        ("_actors", "actor_mentions", "sentences", "speech"),
        ("loaded_term_rates", "loaded_term_targets", "loaded_terms", "loaded_terms_excluded"),
    ),
    (
        "learned_language",
        "analysis.measures.learned_language:learned_language_step",
        ("actor_mentions", "sentences", "voice_spans"),
        ("generic_loaded_terms", "sentence_bias"),
    ),
    (
        "sentiment",
        "analysis.extract.sentiment:sentiment_step",
        ("actor_mentions", "quote_spans", "sentences", "voice_spans"),
        (
            "sentiment_actor_windows",
            "sentiment_actors",
            "sentiment_agreement",
            "sentiment_lexicon_audit",
            "sentiment_outlets",
            "sentiment_sentences",
        ),  # fmt: skip
    ),
    (
        "across_events",
        "analysis.measures.across_events:across_events_step",
        ("article_events", "articles", "loaded_terms", "sentences", "sentiment_sentences"),
        (
            "loaded_term_event_effects",
            "loaded_term_events",
            "outlet_event_effects",
            "outlet_events",
        ),
    ),
    (
        "headlines",
        "analysis.measures.headlines:headlines_step",
        (
            "actor_mentions",
            "article_events",
            "articles",
            "headline_verbs",
            "loaded_terms",
            "sentiment_sentences",
        ),
        ("headline_comparison",),
    ),
    (
        "keyness",
        "analysis.measures.keyness:keyness_step",
        ("article_events", "sentences", "voice_spans"),
        ("keyness", "keyness_events"),
    ),
    (
        "coverage",
        "analysis.measures.coverage:coverage_step",
        ("article_events", "sentences"),
        ("coverage", "coverage_exclusive", "coverage_omissions", "coverage_sensitivity"),
    ),
    (
        "informational",
        "analysis.measures.informational:informational_step",
        ("coverage_exclusive", "sentiment_actor_windows"),
        ("informational_balance", "informational_evidence"),
    ),
    (
        "reuse",
        "analysis.measures.reuse:reuse_step",
        ("article_events", "quote_spans", "sentences"),
        ("reuse", "reuse_matrix"),
    ),
]
"""Corpus-wide steps after segmentation, in order: ``(name, "module:function", needs,
makes)``; ``framing steps`` prints the graph."""


def _lazy(target: str) -> Callable[[Context], dict[str, pd.DataFrame]]:
    module, func = target.split(":")

    def run(ctx: Context) -> dict[str, pd.DataFrame]:
        return getattr(importlib.import_module(module), func)(ctx)

    run.__name__ = func
    return run


STEPS: list[Step] = [
    Step(name, _lazy(target), tuple(needs), tuple(makes))
    for name, target, needs, makes in STEP_SPECS
]
"""The steps :func:`analyze` runs (modules are imported when their step runs)."""


def check_steps(steps: list[Step], *, given: Iterable[str] = CORPUS_MAKES) -> None:
    """Raise ``ValueError`` if a step needs a table that nothing before it makes."""
    made = set(given)
    for step in steps:
        missing = [t for t in step.needs if t not in made]
        if missing:
            raise ValueError(
                f"step {step.name!r} needs {', '.join(missing)}, which no earlier step makes"
            )
        made.update(step.makes)


def steps_graph(steps: list[Step] | None = None) -> str:
    """The step graph as text: one line per step, what it needs and what it makes."""
    steps = STEPS if steps is None else steps
    lines = [f"corpus: makes {', '.join(CORPUS_MAKES)}"]
    for step in steps:
        lines.append(f"{step.name}: needs {', '.join(step.needs) or '-'}")
        lines.append(f"{' ' * len(step.name)}  makes {', '.join(step.makes) or '-'}")
    return "\n".join(lines)


VALIDATION_SPECS = [
    ("validation_sentiment", "analysis.validation.benchmarks:validation_step"),
    ("validation_loaded_terms", "analysis.extract.loaded_terms:lexicon_validation_step"),
    ("validation_speech", "analysis.validation.speech:validation_step"),
    ("validation_learned", "analysis.validation.learned:validation_learned_step"),
]
"""Method checks against public human-annotated benchmarks in ``data/external``, and the
speech-attribution check on the hand-annotated fixture ``tests/fixtures/speech_spans.yaml``.

They do not depend on the articles analysed, so ``framing validate`` runs them apart from
``framing analyze``; each skips with a note (and leaves its table untouched) when its data
is absent."""


VALIDATION_TABLES = tuple(name for name, _ in VALIDATION_SPECS)


def validate(*, out: str | Path | None = None, settings: Settings | dict | None = None) -> Context:
    """Run every validation; write the tables it produced to ``out`` if given.

    ``out`` keeps every other file of its previous run (``framing validate`` adds to a
    results folder); it is still replaced as a whole, with a new ``run.json``.
    """
    settings = Settings.from_options(settings)
    if out is not None:
        out = check_output_folder(out, files=[settings.lexicon])
    started = utc_now()
    ctx = Context(articles=[], settings=settings)
    with FolderSwap({out: "results"} if out is not None else {}) as swap:
        for _name, target in VALIDATION_SPECS:
            ctx.tables.update(_lazy(target)(ctx))
        if out is not None:
            carried = swap.carry(out)
            write_results(ctx, swap[out], dictionary=False)
            kept = sorted({Path(n).stem for n in carried if n.endswith(".csv")} - set(ctx.tables))
            manifest = run_manifest(
                "validate", inputs=[], settings=settings, tables=ctx.tables, started=started
            )
            swap.commit({**manifest, "carried_over": kept, "previous": _previous(out)})
    return ctx


def _previous(folder: Path) -> dict | None:
    """The manifest of the run a folder holds now (without its own ``previous``)."""
    import json

    try:
        old = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(old, dict):
        old.pop("previous", None)
    return old if isinstance(old, dict) else None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run_manifest(
    command: str,
    *,
    inputs: Iterable[str | Path],
    settings: Settings,
    tables: dict[str, pd.DataFrame],
    started: str,
    extra: dict | None = None,
) -> dict:
    """What ``run.json`` says about a run (end time and file list are added on commit).

    Args:
        command: ``analyze``, ``validate``, ``report`` or ``reproduce``.
        inputs: the article files and folders analysed.
        settings: the run's settings (recorded in full).
        extra: more settings to record (a report's notebook selection).
        tables: the tables written (names starting with ``_`` are skipped).
        started: UTC start time (:func:`analysis.io.utc_now`).
    """
    from analysis import __version__
    from analysis.api import split_inputs
    from analysis.extract.actors import ACTORS_FILE
    from analysis.extract.loaded_terms import DEFAULT_LEXICON

    files: list[tuple[str, Path]] = []
    metas: list[Path] = []
    text_inputs, table_inputs = split_inputs(list(inputs)) if inputs else ([], [])
    for path, meta in input_files(text_inputs) if text_inputs else []:
        files.append(("article", path))
        if meta is not None and meta not in metas:
            metas.append(meta)
    for path in map(Path, table_inputs):  # a table file, or a folder of .json articles
        files += [
            ("articles", f) for f in (sorted(path.glob("*.json")) if path.is_dir() else [path])
        ]
    files += [("metadata", m) for m in metas]
    if command != "validate":
        files.append(("actors", Path(settings.actors or ACTORS_FILE)))
    files.append(("lexicon", Path(settings.lexicon or DEFAULT_LEXICON)))
    return {
        "command": command,
        "version": __version__,
        "settings": {**settings.as_record(), **(extra or {})},
        "inputs": [
            {"role": role, "path": str(p.resolve()), "sha256": _sha256(p)}
            for role, p in files
            if p.is_file()
        ],
        "tables": sorted(n for n in tables if not n.startswith("_")),
        "started": started,
    }


def check_inputs(inputs: list[str | Path], settings: Settings) -> tuple[int, pd.DataFrame]:
    """Check every input file before any article is processed.

    Loads (and so validates) the lexicon and the actor list, reads every
    ``metadata.csv``, checks every article file's size, and lists the metadata rows that
    match no file and the files without a row (:func:`analysis.text.corpus.input_problems`).

    Args:
        inputs: ``.txt`` files and/or folders.
        settings: the run's settings (``lexicon``, ``actors``, ``max_file_mb``, ``strict``).

    Returns:
        The number of article files and the problems table.

    Raises:
        InputError: a bad lexicon, actor list or metadata file, a file above the size
            limit, or (with ``strict``) any metadata problem.
    """
    from analysis.api import split_inputs
    from analysis.extract.actors import load_actors
    from analysis.extract.loaded_terms import load_lexicon

    settings = Settings.from_options(settings)
    load_lexicon(settings.lexicon)
    load_actors(settings.actors)
    text_inputs, table_inputs = split_inputs(inputs)
    files = input_files(text_inputs) if text_inputs else []
    limit = settings.max_file_mb
    for path, _ in files:
        check_file_size(path, limit)
    for path in table_inputs:  # one article per .json or .html file; a table file holds many
        for f in sorted(path.glob("*.*")) if path.is_dir() else [path]:
            if f.suffix.lower() in (".json", *HTML_SUFFIXES):
                check_file_size(f, limit)
    if text_inputs:
        problems = input_problems(text_inputs)
    else:
        problems = pd.DataFrame(columns=PROBLEM_COLUMNS)
    if settings.strict and len(problems):
        first = problems.iloc[0]
        metadata_row = first["problem"] == "metadata row matches no file"
        raise InputError(
            first["file"],
            f"{first['problem']}: {first['detail']} (--strict; {len(problems)} metadata "
            "problem(s) in all)",
            entry=first["source_file"] if metadata_row else None,
        )
    return len(files), problems


def _problem_summary(problems: pd.DataFrame) -> str:
    counts = problems["problem"].value_counts()
    parts = []
    if counts.get("metadata row matches no file"):
        parts.append(f"{counts['metadata row matches no file']} metadata row(s) match no file")
    if counts.get("no metadata row"):
        parts.append(f"{counts['no metadata row']} file(s) have no metadata row")
    return (
        f"{' and '.join(parts)}; listed in input_problems.csv "
        "(outlets may be wrong; --strict makes this an error)"
    )


def analyze(
    inputs: Iterable[str | Path],
    *,
    out: str | Path | None = None,
    settings: Settings | dict | None = None,
    progress: bool = False,
) -> Context:
    """Run every step on ``inputs``; write tables to ``out`` if given.

    Args:
        inputs: ``.txt`` files and/or folders (with an optional ``metadata.csv``).
        out: results folder; None to keep everything in memory.
        settings: a :class:`~analysis.config.Settings` or a mapping of its fields, e.g.
            ``{"lexicon": path, "actors": path, "max_file_mb": 5, "strict": True}``.
        progress: show a progress bar on stderr.

    Returns:
        The :class:`Context` with every table.

    Raises:
        InputError: bad input, a bad ``out`` folder, or another run writing into
            ``out``; every input file (lexicon, actor list, metadata, file sizes) is
            checked before the first article is read, ``out`` before that.
    """
    inputs = list(inputs)
    settings = Settings.from_options(settings)
    if out is None:
        return analysis_tables(inputs, settings=settings, progress=progress)
    out = check_output_folder(out, inputs=inputs, files=[settings.lexicon, settings.actors])
    started = utc_now()
    with FolderSwap({out: "results"}) as swap:
        ctx = analysis_tables(inputs, settings=settings, progress=progress)
        # the benchmark checks do not depend on the articles: an earlier `framing
        # validate` run's tables stay
        kept = [n for n in VALIDATION_TABLES if n not in ctx.tables]
        swap.carry(out, [f"{n}{ext}" for n in kept for ext in (".csv", ".settings.json")])
        write_results(ctx, swap[out])
        manifest = run_manifest(
            "analyze", inputs=inputs, settings=settings, tables=ctx.tables, started=started
        )
        kept = [n for n in kept if (swap[out] / f"{n}.csv").exists()]
        swap.commit({**manifest, "carried_over": kept})
    return ctx


def analysis_tables(
    inputs: Iterable[str | Path],
    *,
    settings: Settings | dict | None = None,
    progress: bool = False,
) -> Context:
    """Every analysis table of ``inputs``, in memory (what :func:`analyze` writes)."""
    from analysis.api import articles_from_inputs

    inputs = list(inputs)
    settings = Settings.from_options(settings)
    n_files, problems = check_inputs(inputs, settings)
    articles = articles_from_inputs(
        inputs,
        columns=settings.columns,
        max_file_mb=settings.max_file_mb,
        duplicates=settings.duplicates,
    )
    from analysis.parallel import engine_session

    with engine_session(settings):  # one Dask client for the whole run (engine dask)
        ctx = corpus_tables(
            articles, progress=progress, total=n_files, jobs=settings.jobs, engine=settings.engine
        )
        body_less = ctx.tables["input_problems"]
        ctx.tables["input_problems"] = pd.DataFrame(
            problems.to_dict("records") + body_less.to_dict("records"), columns=PROBLEM_COLUMNS
        )
        if len(problems):
            ctx.warnings.insert(0, _problem_summary(problems))
        run_steps(ctx, settings)
    return ctx


def run_steps(ctx: Context, settings: Settings | dict | None = None) -> Context:
    """Run every corpus-wide step (:data:`STEPS`) on ``ctx``.

    Args:
        ctx: the corpus tables (:func:`corpus_tables`).
        settings: replace the context's settings (and so its resources) first.
    """
    if settings is not None:
        ctx.settings = Settings.from_options(settings)
    if ctx.settings.columns:  # how a table-file corpus was read (for raw_texts)
        from analysis.api import parse_columns

        ctx.tables["articles"].attrs["columns"] = parse_columns(ctx.settings.columns)
    check_steps(STEPS)
    for step in STEPS:
        out = step.func(ctx)
        undeclared = sorted(set(out) - set(step.makes)) if step.makes else []
        if undeclared:
            raise ValueError(f"step {step.name!r} made undeclared table(s) {undeclared}")
        ctx.tables.update(out)
    return ctx


EXTRACTED_DIR = "extracted"
"""Subfolder of a results folder with the text extracted from each HTML page
(``extracted/<article_id>.txt``, UTF-8): every offset of that article points into it."""


def extracted_name(article_id: str) -> str:
    """The file name of an article's extracted text: ``<article_id>.txt``, each character
    other than a letter, digit, ``.``, ``_`` or ``-`` replaced by ``_``."""
    return re.sub(r"[^\w.-]", "_", str(article_id)) + ".txt"


def write_results(ctx: Context, out: str | Path, *, dictionary: bool = True) -> list[Path]:
    """Write every table (atomically) and, unless told not to, the data dictionary.

    Articles read from HTML pages also get their extracted text, the text every offset
    points into, as ``out/extracted/<article_id>.txt`` (:data:`EXTRACTED_DIR`).

    Writes into ``out`` as it is; :func:`analyze` gives it a staging folder.
    ``ctx.settings.format`` (``csv``, ``parquet``, or ``auto``: by the number of
    articles, :func:`analysis.io.table_format`) chooses the table format. With
    ``ctx.settings.spreadsheet_safe`` each table is also written to
    ``out/spreadsheet/<table>.csv`` with formula-like text cells neutralised
    (:func:`analysis.io.spreadsheet_safe`); the tables in ``out`` stay raw.
    """
    out = Path(out)
    docs = table_docs()
    written = []
    from analysis.io import table_format

    fmt = table_format(ctx.settings.format, n_articles=len(ctx.articles))
    for name, df in ctx.tables.items():
        if name.startswith("_"):
            continue
        undocumented = undocumented_columns(name, df, docs=docs)
        if undocumented:
            raise ValueError(f"table {name!r}: undocumented column(s) {undocumented}")
        written.append(write_table(df, out / f"{name}.{fmt}"))
        if ctx.settings.spreadsheet_safe:
            write_table(spreadsheet_safe(df), out / "spreadsheet" / f"{name}.csv")
    for art in ctx.articles:  # the text offsets point into, where no input file holds it
        if Path(art.source_file).suffix.lower() in HTML_SUFFIXES:
            name = extracted_name(art.article_id)
            written.append(atomic_write_text(out / EXTRACTED_DIR / name, art.raw))
    if dictionary:
        present = {
            p.stem: None for f in TABLE_FORMATS for p in out.glob(f"*.{f}") if p.stem in docs
        }
        atomic_write_text(
            out / "README.md", data_dictionary(docs, tables=ctx.tables, extra=present)
        )
    return written
