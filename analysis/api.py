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
from pathlib import Path

import pandas as pd

from .corpus import METADATA_COLUMNS, Article, decode_article_bytes
from .io import read_table

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
) -> list[Article]:
    """One :class:`Article` per row of ``df``.

    The text the analysis sees (``raw``, into which every offset points) is the ``text``
    value, or ``title + "\\n\\n" + text`` when a ``title`` column is named (so the title
    is found as the headline): subtract ``len(title) + 2`` from an offset to point into
    the ``text`` column. Every other column travels as a docvar.

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
        if digest in seen_hash:
            raise ValueError(f"{where}: same text as row {seen_hash[digest]}")
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
    settings: dict | None = None,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Every result table of ``framing analyze``, in memory.

    Args:
        data: a DataFrame with one article per row, or ``.txt`` files / folders (a str,
            Path or list of them) read as ``framing analyze`` reads them.
        text, outlet, id, title, event, date, url: DataFrame column names (``None``:
            no such column; without ``id`` rows are numbered).
        settings: options as on the command line: ``lexicon``, ``actors`` (paths),
            ``events`` (single, column, auto), ``event_threshold``, ``event_window_days``.
            With an ``event`` column and no ``events`` setting, the column groups the
            articles.
        progress: a progress bar on stderr.

    Returns:
        ``{table name: DataFrame}``: the tables described in ``results/README.md``.
    """
    from .corpus import iter_articles
    from .pipeline import corpus_tables, run_steps

    if isinstance(data, pd.DataFrame):
        articles: Iterable[Article] = articles_from_frame(
            data, text=text, outlet=outlet, id=id, title=title, event=event, date=date, url=url
        )
    else:
        paths = [data] if isinstance(data, str | Path) else list(data)
        articles = iter_articles(paths)
    ctx = corpus_tables(articles, progress=progress)
    run_steps(ctx, settings or {})
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
    from .paths import results_dir

    if path is None:
        folder = results_dir()
    else:
        p = Path(path)
        if p.suffix == ".csv" or (not p.exists() and "/" not in str(path) and p.suffix == ""):
            file = p if p.suffix == ".csv" else results_dir() / f"{path}.csv"
            if not file.is_file():
                raise FileNotFoundError(f"{file}: not found; run `framing analyze` first")
            return read_table(file)
        folder = p
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such results folder")
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise FileNotFoundError(f"{folder}: no tables (*.csv); run `framing analyze` first")
    return {f.stem: _typed(read_table(f), categories=True) for f in files}


__all__ = ["METADATA_COLUMNS", "analyze", "articles_from_frame", "load_results"]
