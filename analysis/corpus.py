"""The corpus layer: read articles one at a time, validate them, attach metadata.

Articles are plain UTF-8 ``.txt`` files, read verbatim: every character offset in the
project points into the text returned here (``Article.raw``). An optional
``metadata.csv`` beside the files supplies the outlet and other docvars; without it the
outlet is the file's stem.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import InputError

METADATA_COLUMNS = [
    "article_id",
    "source_file",
    "outlet",
    "outlet_country",
    "outlet_kind",
    "author",
    "published",
    "headline",
    "url",
    "attribution_confidence",
    "attribution_note",
]
"""Columns of ``metadata.csv``; only ``article_id`` and ``source_file`` are required."""

CONFIDENCE_LEVELS = ("high", "medium", "low")
_HTML_TAGS = frozenset(
    (
        "a abbr article aside audio b base blockquote body br button canvas caption code col "
        "details dialog div dl em embed fieldset figure font footer form frame frameset h1 h2 "
        "h3 h4 h5 h6 head header hr html i iframe img input label li link main marquee math "
        "meta nav noscript object ol option p picture pre script section select source span "
        "strong style sub sup svg table tbody td template textarea th thead title tr u ul "
        "video xmp"
    ).split()
)
_TAG = re.compile(r"<[^>]*>")
_TAG_START = re.compile(r"<(?:/?([a-z][\w:-]*)|!doctype\b|!--)", re.IGNORECASE)
_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def find_html(text: str) -> re.Match | None:
    """The first HTML tag, doctype or comment in ``text``, or None (one linear scan).

    A browser ends a tag at the first ``>`` after its ``<``, so each piece of text up to
    a ``>`` holds at most one tag: the first ``<`` in it that starts one. It counts as
    HTML when its name is an HTML element (``<p>``, ``</div>``, ``<img …>``, ``<svg …>``,
    ``<script>``, …), when it is a doctype or a comment, or when any tag-like
    ``<name …>`` carries an event handler (``onload=``, ``onerror=``, …).

    Returns:
        A match spanning the tag (``match.group(0)``, ``match.start()``).
    """
    pos = 0
    while (end := text.find(">", pos)) != -1:
        start = _TAG_START.search(text, pos, end + 1)
        pos = end + 1
        if start is None:
            continue
        name = start.group(1)
        if name is None or name.lower() in _HTML_TAGS or _HANDLER.search(text, start.end(), end):
            return _TAG.match(text, start.start())
    return None


@dataclass(frozen=True)
class Article:
    """One article: its verbatim text and its docvars.

    Attributes:
        article_id: stable id, e.g. ``"002"``.
        source_file: the file name it was read from.
        raw: the decoded file text, never modified.
        sha256: hex digest of the file bytes.
        meta: docvars (outlet, outlet_country, …) from ``metadata.csv``.
    """

    article_id: str
    source_file: str
    raw: str
    sha256: str
    meta: dict = field(default_factory=dict)

    @property
    def outlet(self) -> str:
        return self.meta.get("outlet") or Path(self.source_file).stem


def decode_article_bytes(data: bytes, path: str | Path) -> str:
    """Decode and validate one file's bytes; raise :class:`InputError` if unusable."""
    if not data.strip():
        raise InputError(path, "empty file (no text)")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
        ) from None
    html = find_html(text)
    if html:
        line = text.count("\n", 0, html.start()) + 1
        tag = html.group(0)[:40]
        raise InputError(
            path,
            f"looks like HTML ({tag!r} on line {line}); articles are plain text: "
            "extract the article text to a .txt file first",
        )
    return text


def read_metadata(path: str | Path) -> pd.DataFrame:
    """Read and validate a ``metadata.csv``.

    Raises:
        InputError: missing required columns, duplicate ids or files, or a bad
            ``attribution_confidence`` value.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
    if not rows:
        raise InputError(path, "no rows")
    cols = rows[0].keys()
    missing = [c for c in ("article_id", "source_file") if c not in cols]
    if missing:
        raise InputError(path, f"missing required column(s): {', '.join(missing)}")
    df = pd.DataFrame(rows, dtype=str).fillna("")
    for col in ("article_id", "source_file"):
        dup = df[col][df[col].duplicated()]
        if len(dup):
            raise InputError(path, f"duplicate {col}", entry=dup.iloc[0])
    if "attribution_confidence" in df:
        bad = df.loc[
            ~df["attribution_confidence"].isin((*CONFIDENCE_LEVELS, "")),
            "attribution_confidence",
        ]
        if len(bad):
            raise InputError(
                path,
                f"attribution_confidence must be one of {', '.join(CONFIDENCE_LEVELS)}",
                entry=bad.iloc[0],
            )
    return df


def _default_id(path: Path) -> str:
    return path.stem


def input_files(inputs: Iterable[str | Path]) -> list[tuple[Path, Path | None]]:
    """Expand files and folders to ``(file, metadata_csv_or_None)`` pairs, sorted.

    A folder contributes its ``*.txt`` files and its ``metadata.csv`` if present; a
    file uses the ``metadata.csv`` beside it if there is one.
    """
    out: list[tuple[Path, Path | None]] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files = sorted(p.glob("*.txt"))
            if not files:
                raise InputError(p, "folder has no .txt files")
            meta = p / "metadata.csv"
            out.extend((f, meta if meta.exists() else None) for f in files)
        elif p.is_file():
            meta = p.parent / "metadata.csv"
            out.append((p, meta if meta.exists() else None))
        else:
            raise InputError(p, "no such file or folder")
    return out


def iter_articles(inputs: Iterable[str | Path]) -> Iterator[Article]:
    """Yield articles one at a time from files and folders, validating each.

    Args:
        inputs: ``.txt`` files and/or folders of them.

    Yields:
        :class:`Article` objects in file-name order.

    Raises:
        InputError: empty, binary, non-UTF-8 or HTML files; the same text twice;
            two files with one article id.
    """
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    meta_cache: dict[Path, pd.DataFrame] = {}
    for path, meta_path in input_files(inputs):
        data = path.read_bytes()
        raw = decode_article_bytes(data, path)
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen_hash:
            raise InputError(path, f"duplicate of {seen_hash[digest]} (same bytes)")
        meta: dict = {}
        if meta_path is not None:
            if meta_path not in meta_cache:
                meta_cache[meta_path] = read_metadata(meta_path)
            table = meta_cache[meta_path]
            row = table[table["source_file"] == path.name]
            if len(row):
                meta = {k: v for k, v in row.iloc[0].items() if v != ""}
        article_id = meta.get("article_id") or _default_id(path)
        if article_id in seen_id:
            raise InputError(
                path, f"article id {article_id!r} already used by {seen_id[article_id]}"
            )
        seen_hash[digest] = str(path)
        seen_id[article_id] = str(path)
        yield Article(article_id, path.name, raw, digest, meta)


def read_articles(inputs: Iterable[str | Path]) -> list[Article]:
    """All articles from ``inputs`` as a list (see :func:`iter_articles`)."""
    return list(iter_articles(inputs))
