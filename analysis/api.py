"""The Python API: analyse articles already in a DataFrame, read a results folder back.

    import pandas as pd
    import analysis

    df = pd.DataFrame({"id": [...], "outlet": [...], "title": [...], "text": [...]})
    tables = analysis.analyze(df, text="text", outlet="outlet", id="id", title="title")
    tables["loaded_terms"].groupby("outlet").size()

No file is written. ``analysis.analyze("seeds/")`` reads a folder as ``framing analyze``
does; ``analysis.load_results("results/")`` reads every table of a results folder with
types (ids as strings, dates as dates, outlets and other labels as categories).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.io import read_table
from analysis.text.corpus import METADATA_COLUMNS, Article, decode_article_bytes
from analysis.text.html_pages import html_rows, is_html_input

DATE_COLUMNS = ("published", "first_date", "last_date")
"""Columns read as dates by :func:`load_results`."""

CATEGORY_COLUMNS = (
    "outlet",
    "outlet_a",
    "outlet_b",
    "outlet_kind",
    "outlet_country",
    "segment",
    "voice",
    "event",
    "event_a",
    "event_b",
    "scope",
)
"""Label columns read as pandas categories by :func:`load_results` (folder form)."""


def articles_from_frame(
    df: pd.DataFrame,
    *,
    text: str = "text",
    outlet: str = "outlet",
    id: str | None = "id",  # noqa: A002  (the column is called id)
    title: str | None = None,
    event: str | None = None,
    date: str | None = None,
    url: str | None = None,
    duplicates: str = "error",
) -> list[Article]:
    """One :class:`Article` per row of ``df``.

    The text the analysis sees (``raw``, into which every offset points) is the ``text``
    value, or ``title + "\\n\\n" + text`` when a ``title`` column is named (so the title
    is found as the headline): subtract ``len(title) + 2`` from an offset to point into
    the ``text`` column. Every other column travels as a docvar. ``duplicates`` as in
    :func:`analysis.text.corpus.iter_articles`.

    Raises:
        ValueError: a named column is missing, an id repeats, or a text is empty, HTML
            or the same as another row's (the row is named).
    """
    named = {"text": text, "outlet": outlet, "id": id, "title": title, "event": event}
    named.update(date=date, url=url)
    missing = [f"{k}={v!r}" for k, v in named.items() if v is not None and v not in df]
    if missing:
        raise ValueError(
            f"column(s) not in the DataFrame: {', '.join(missing)}; "
            f"columns are {', '.join(map(str, df.columns))}"
        )
    rename = {title: "headline", date: "published", url: "url", event: "event", outlet: "outlet"}
    articles, seen_id, seen_hash = [], {}, {}
    for k, row in enumerate(df.to_dict("records")):
        aid = str(row[id]) if id is not None else f"{k:06d}"
        where = f"row {k} (id {aid!r})"
        if aid in seen_id:
            raise ValueError(f"{where}: id already used by row {seen_id[aid]}")
        body = "" if pd.isna(row[text]) else str(row[text])
        head = "" if title is None or pd.isna(row[title]) else str(row[title]).strip()
        raw = f"{head}\n\n{body}" if head else body
        data = raw.encode("utf-8")
        decode_article_bytes(data, where)  # empty, NUL or HTML: InputError naming the row
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen_hash and duplicates == "error":
            raise ValueError(
                f"{where}: same text as row {seen_hash[digest]} (--duplicates keep or drop "
                "reads both)"
            )
        seen_id[aid], seen_hash[digest] = k, k
        meta = {}
        for col, value in row.items():
            if (
                col in (text, id)
                or value is None
                or (not isinstance(value, str) and pd.isna(value))
            ):
                continue
            key = rename.get(col, col)
            if key in ("article_id", "source_file"):
                continue
            meta[key] = str(value)
        meta["article_id"] = aid
        articles.append(Article(aid, f"{aid}", raw, digest, meta))
    if not articles:
        raise ValueError("the DataFrame has no rows")
    return articles


TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
"""Single-file corpora with one article per row (``metadata.csv`` is not one of them)."""

COLUMN_KEYS = ("text", "id", "outlet", "title", "date", "event", "url")
"""Roles a column of a table-file corpus can play (``--columns text=body,id=uid``)."""

NEWS_JSON_FIELDS = {
    # news-please article JSON, then trafilatura's JSON output
    "text": ("maintext", "text", "raw_text"),
    "title": ("title",),
    "date": ("date_publish", "date"),
    "outlet": ("source_domain", "sitename", "hostname"),
    "url": ("url", "source"),
}
"""Where a ``.json`` article (news-please or trafilatura) keeps each field, in order."""


def parse_columns(spec: str | dict | None) -> dict[str, str]:
    """``"text=body,id=uid"`` (or a dict) -> ``{"text": "body", "id": "uid"}``.

    Raises:
        ValueError: an unknown role (the valid ones are listed) or a malformed item.
    """
    if not spec:
        return {}
    items = (
        spec.items()
        if isinstance(spec, dict)
        else (
            tuple(part.split("=", 1)) if "=" in part else (part, None)
            for part in str(spec).split(",")
            if part.strip()
        )
    )
    out = {}
    for key, value in items:
        key = str(key).strip()
        if value is None or not str(value).strip():
            raise ValueError(f"--columns item {key!r} must be ROLE=COLUMN")
        if key not in COLUMN_KEYS:
            raise ValueError(f"--columns role must be one of {', '.join(COLUMN_KEYS)}; got {key!r}")
        out[key] = str(value).strip()
    return out


def read_article_table(path: str | Path) -> pd.DataFrame:
    """Read a ``.csv``, ``.jsonl`` or ``.parquet`` corpus file as strings.

    Raises:
        InputError: unreadable, empty, or (parquet) pyarrow missing.
    """
    from analysis.errors import InputError

    path = Path(path)
    try:
        if path.suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif path.suffix == ".jsonl":
            df = pd.read_json(path, lines=True, dtype=False, encoding="utf-8")
        elif path.suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            raise InputError(path, f"not a table file ({', '.join(TABLE_SUFFIXES)})")
    except InputError:
        raise
    except ImportError as exc:
        raise InputError(path, f"cannot read parquet: {exc}") from None
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise InputError(
            path, f"cannot read as {path.suffix[1:]}: {str(exc).splitlines()[0]}"
        ) from None
    if df.empty:
        raise InputError(path, "no rows")
    return df


def read_news_json(path: str | Path) -> dict:
    """One article from a news-please or trafilatura ``.json`` file, as
    ``{"text", "title", "date", "outlet", "url"}`` plus every other scalar field.

    Raises:
        InputError: not JSON, not an object, or no text field.
    """
    import json

    from analysis.errors import InputError

    path = Path(path)
    try:
        obj = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise InputError(path, "expected one JSON object (one article) per file")
    row = {k: v for k, v in obj.items() if isinstance(v, str | int | float) and v != ""}
    for role, keys in NEWS_JSON_FIELDS.items():
        value = next((obj[k] for k in keys if obj.get(k)), None)
        for k in keys:
            row.pop(k, None)
        if value is not None:
            row[role] = str(value)
    if not row.get("text"):
        raise InputError(path, f"no article text (fields {', '.join(NEWS_JSON_FIELDS['text'])})")
    row.setdefault("id", path.stem)
    row.setdefault("outlet", path.stem)
    return row


def split_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """``(text inputs, other inputs)``: ``.txt`` files and folders of them (read by
    :mod:`analysis.text.corpus`), then table files, ``.json`` files and folders of ``.json``,
    ``.html`` pages and folders of them (:mod:`analysis.text.html_pages`)."""
    text, other = [], []
    for item in inputs:
        p = Path(item)
        is_table = p.is_file() and p.suffix in TABLE_SUFFIXES and p.name != "metadata.csv"
        json_dir = p.is_dir() and any(p.glob("*.json")) and not any(p.glob("*.txt"))
        if is_table or (p.is_file() and p.suffix == ".json") or json_dir or is_html_input(p):
            other.append(p)
        else:
            text.append(p)
    return text, other


def articles_from_inputs(
    inputs: Iterable[str | Path],
    *,
    columns: dict | str | None = None,
    max_file_mb: float | None = None,
    duplicates: str = "error",
):
    """Articles from any mix of inputs, one at a time.

    * ``.txt`` files and folders of them (with ``metadata.csv``): as ``framing analyze``;
    * ``.csv`` / ``.jsonl`` / ``.parquet`` files with one article per row; ``columns``
      maps roles to column names (default: the role names ``text``, ``id``, ``outlet``,
      ``title``, ``date``, ``event``, ``url`` when present);
    * ``.json`` files (and folders of them): news-please or trafilatura article JSON;
    * ``.html`` pages (and folders of them, with an optional ``metadata.csv``): the text
      trafilatura extracts (:mod:`analysis.text.html_pages`); offsets point into it.

    Raises:
        InputError: a bad file (named), or a missing column.
    """
    from analysis.errors import InputError
    from analysis.text.corpus import iter_articles

    cols = parse_columns(columns)
    txt, other = split_inputs(inputs)
    for p in other:
        if is_html_input(p):
            yield from _html_articles(p, max_file_mb=max_file_mb, duplicates=duplicates)
            continue
        jsons = sorted(p.glob("*.json")) if p.is_dir() else ([p] if p.suffix == ".json" else [])
        if not jsons:
            df = read_article_table(p)
            roles = {k: cols.get(k, k) for k in COLUMN_KEYS}
            if roles["text"] not in df:
                raise InputError(
                    p,
                    f"no text column {roles['text']!r}; say --columns text=NAME "
                    f"(columns: {', '.join(map(str, df.columns))})",
                )
            named = {k: (v if v in df else None) for k, v in roles.items()}
            for k in cols:
                if named[k] is None:
                    raise InputError(p, f"no column {cols[k]!r} (given as {k})")
            try:
                yield from articles_from_frame(
                    df,
                    duplicates=duplicates,
                    text=named["text"],
                    outlet=named["outlet"] or _constant(df, "outlet", p.stem),
                    id=named["id"],
                    title=named["title"],
                    event=named["event"],
                    date=named["date"],
                    url=named["url"],
                )
            except ValueError as exc:
                raise InputError(p, str(exc)) from None
        else:
            df = pd.DataFrame([read_news_json(j) for j in jsons])
            try:
                yield from articles_from_frame(
                    df,
                    duplicates=duplicates,
                    text="text",
                    outlet="outlet",
                    id="id",
                    **{k: (k if k in df else None) for k in ("title", "date", "url")},
                )
            except ValueError as exc:
                raise InputError(p, str(exc)) from None
    if txt:
        yield from iter_articles(txt, max_file_mb=max_file_mb, duplicates=duplicates)


def _html_articles(path: Path, *, max_file_mb: float | None, duplicates: str) -> list[Article]:
    """The articles of an HTML input (their ``source_file``: the page's file name)."""
    from analysis.errors import InputError

    rows = html_rows(path, max_file_mb=max_file_mb)
    files = {row["id"]: row.pop("source_file") for row in rows}
    df = pd.DataFrame(rows)
    try:  # the text holds the headline already: no title column is prepended
        found = articles_from_frame(
            df,
            duplicates=duplicates,
            text="text",
            outlet="outlet",
            id="id",
            **{k: (k if k in df else None) for k in ("date", "url")},
        )
    except ValueError as exc:
        raise InputError(path, str(exc)) from None
    return [replace(a, source_file=files[a.article_id]) for a in found]


def _constant(df: pd.DataFrame, column: str, value: str) -> str:
    df[column] = value
    return column


def analyze(
    data,
    *,
    text: str = "text",
    outlet: str = "outlet",
    id: str | None = "id",  # noqa: A002
    title: str | None = None,
    event: str | None = None,
    date: str | None = None,
    url: str | None = None,
    settings=None,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Every result table of ``framing analyze``, in memory.

    Args:
        data: a DataFrame with one article per row, or ``.txt`` files / folders (a str,
            Path or list of them) read as ``framing analyze`` reads them.
        text, outlet, id, title, event, date, url: DataFrame column names (``None``:
            no such column; without ``id`` rows are numbered).
        settings: a :class:`~analysis.config.Settings`, or a mapping of its fields as on
            the command line: ``lexicon``, ``actors`` (paths), ``events`` (single, column,
            auto), ``event_threshold``, ``event_window_days``, ... (an unknown name is a
            ``ValueError`` listing the valid ones).
            With an ``event`` column and no ``events`` setting, the column groups the
            articles.
        progress: a progress bar on stderr.

    Returns:
        ``{table name: DataFrame}``: the tables described in ``results/README.md``.
    """
    from analysis.config import Settings
    from analysis.pipeline import corpus_tables, run_steps

    settings = Settings.from_options(settings)
    if isinstance(data, pd.DataFrame):
        articles: Iterable[Article] = articles_from_frame(
            data, text=text, outlet=outlet, id=id, title=title, event=event, date=date, url=url
        )
    else:
        paths = [data] if isinstance(data, str | Path) else list(data)
        articles = articles_from_inputs(
            paths,
            columns=settings.columns,
            max_file_mb=settings.max_file_mb,
            duplicates=settings.duplicates,
        )
    ctx = corpus_tables(articles, progress=progress)
    run_steps(ctx, settings)
    return {k: v for k, v in ctx.tables.items() if not k.startswith("_")}


def _typed(df: pd.DataFrame, *, categories: bool) -> pd.DataFrame:
    for col in DATE_COLUMNS:
        if col in df:
            df[col] = pd.to_datetime(df[col], errors="coerce", format="mixed")
    if categories:
        for col in CATEGORY_COLUMNS:
            if col in df and pd.api.types.is_string_dtype(df[col]):
                df[col] = df[col].astype("category")
    return df


def load_results(path: str | Path | None = None):
    """Read result tables back, typed.

    Args:
        path: a results folder (every ``*.csv`` in it), a ``.csv`` file, or a table name
            in the default results folder (``"loaded_terms"``; what notebooks use).
            ``None`` is the default results folder.

    Returns:
        For a folder: ``{table name: DataFrame}`` with ids as strings, dates as
        datetimes and label columns (:data:`CATEGORY_COLUMNS`) as categories. For a
        file or a name: that table as :func:`analysis.io.read_table` reads it (ids as
        strings, everything else as in the CSV; what the notebooks rely on).

    Raises:
        FileNotFoundError: no such folder, file or table.
    """
    from analysis.paths import results_dir

    if path is None:
        folder = results_dir()
    else:
        p = Path(path)
        if p.suffix in (".csv", ".parquet") or (
            not p.exists() and "/" not in str(path) and p.suffix == ""
        ):
            file = p
            if not p.suffix:
                file = results_dir() / f"{path}.csv"
                if not file.is_file() and file.with_suffix(".parquet").is_file():
                    file = file.with_suffix(".parquet")
            if not file.is_file():
                raise FileNotFoundError(f"{file}: not found; run `framing analyze` first")
            return read_table(file)
        folder = p
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such results folder")
    files = sorted([*folder.glob("*.csv"), *folder.glob("*.parquet")])
    if not files:
        raise FileNotFoundError(
            f"{folder}: no tables (*.csv, *.parquet); run `framing analyze` first"
        )
    return {f.stem: _typed(read_table(f), categories=True) for f in files}


__all__ = ["METADATA_COLUMNS", "analyze", "articles_from_frame", "load_results"]
