"""The corpus layer: read articles one at a time, validate them, attach metadata.

Articles are plain UTF-8 ``.txt`` files (UTF-16 or UTF-32 when they start with a
byte-order mark), read verbatim: every character offset in the project points into the
text returned here (``Article.raw``, the decoded text without its byte-order mark). An
optional ``metadata.csv`` beside the files supplies the outlet and other docvars; without
it the outlet is the file's stem. :func:`input_problems` lists metadata rows that match
no file and files without a row.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.errors import InputError

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
DEFAULT_MAX_FILE_MB = 5.0
"""Largest article file read by default, in MB (10**6 bytes); ``--max-file-mb`` changes it."""
PROBLEM_COLUMNS = ["file", "source_file", "problem", "detail"]
"""Columns of the input problems table (:func:`input_problems`)."""
_BOMS = [  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]
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
        raw: the decoded file text, never modified except that a byte-order mark at its
            start is removed; every offset in the project points into it.
        sha256: hex digest of the file bytes (byte-order mark included).
        meta: docvars (outlet, outlet_country, …) from ``metadata.csv``.
        encoding: how the bytes were decoded (``UTF-8``, a byte-order-mark encoding, or
            ``cp1252`` when the file is not UTF-8 but is valid Windows-1252).
    """

    article_id: str
    source_file: str
    raw: str
    sha256: str
    meta: dict = field(default_factory=dict)
    encoding: str = "UTF-8"

    @property
    def outlet(self) -> str:
        return self.meta.get("outlet") or Path(self.source_file).stem


CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
"""Bytes Windows-1252 leaves undefined: a file holding one is not cp1252 either."""


def decode_article_bytes(data: bytes, path: str | Path) -> str:
    """Decode and validate one file's bytes; raise :class:`InputError` if unusable.

    UTF-8 by default; a byte-order mark at the start selects UTF-8, UTF-16 or UTF-32 (big
    or little endian) and is not part of the returned text. See
    :func:`decode_article` for the cp1252 fallback.
    """
    return decode_article(data, path)[0]


def decode_article(data: bytes, path: str | Path) -> tuple[str, str]:
    """``(text, encoding)``: :func:`decode_article_bytes` saying which encoding was used.

    A file without a byte-order mark that is not valid UTF-8 but is valid Windows-1252
    (no undefined byte, no control character but tab, CR and LF) is read as ``cp1252``,
    the usual encoding of texts saved on Windows; the caller warns and lists it.
    """
    if not data.strip():
        raise InputError(path, "empty file (no text)")
    codec, name, skip = "utf-8", "UTF-8", 0
    for bom, bom_codec, bom_name in _BOMS:
        if data.startswith(bom):
            codec, name, skip = bom_codec, bom_name, len(bom)
            break
    if skip == 0 and b"\x00" in data:
        raise InputError(
            path,
            "binary file (contains NUL bytes), expected UTF-8 text "
            "(UTF-16/UTF-32 is read only with a byte-order mark)",
        )
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        found = " (byte-order mark found)" if skip else ""
        if not skip and _looks_cp1252(data):
            text, name = data.decode("cp1252"), "cp1252"
            return _checked(text, path, name), name
        raise InputError(
            path,
            f"not valid {name}{found} (byte 0x{data[skip + exc.start]:02x} at offset "
            f"{skip + exc.start}); re-save the file as UTF-8",
        ) from None
    return _checked(text, path, name), name


def _looks_cp1252(data: bytes) -> bool:
    if any(b in CP1252_UNDEFINED for b in data):
        return False
    return not any(b < 32 and b not in (9, 10, 13) for b in data)


def _checked(text: str, path: str | Path, name: str) -> str:
    """The decoded text, or :class:`InputError` for NUL characters, no text or HTML."""
    if "\x00" in text:
        raise InputError(path, f"binary file (contains NUL characters), decoded as {name}")
    if not text.strip():
        raise InputError(path, "empty file (no text)")
    html = find_html(text)
    if html:
        line = text.count("\n", 0, html.start()) + 1
        tag = html.group(0)[:40]
        raise InputError(
            path,
            f"looks like HTML ({tag!r} on line {line}); articles are plain text: "
            "extract the article text to a .txt file first, or save the page as .html "
            "to have it extracted",
        )
    return text


def check_file_size(path: str | Path, max_file_mb: float | None = DEFAULT_MAX_FILE_MB) -> None:
    """Raise :class:`InputError` when an article file is larger than ``max_file_mb``.

    Args:
        path: the article file.
        max_file_mb: the limit in MB (10**6 bytes); None for no limit.
    """
    if max_file_mb is None:
        return
    size = Path(path).stat().st_size
    if size > max_file_mb * 1_000_000:
        raise InputError(
            path,
            f"file is {size / 1_000_000:.4g} MB, above the per-article limit of "
            f"{max_file_mb:g} MB (one article per file; raise the limit with --max-file-mb)",
        )


def read_metadata(path: str | Path) -> pd.DataFrame:
    """Read and validate a ``metadata.csv``.

    Raises:
        InputError: missing required columns, duplicate ids or files, or a bad
            ``attribution_confidence`` value.
    """
    path = Path(path)
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts the file with a byte-order mark
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None
    except csv.Error as exc:  # a NUL byte, a field above the csv module's size limit
        raise InputError(path, f"not a readable CSV file ({exc})") from None
    if not rows:
        raise InputError(path, "no rows")
    cols = rows[0].keys()
    missing = [c for c in ("article_id", "source_file") if c not in cols]
    if missing:
        header = ",".join(str(c) for c in cols)
        hint = next(
            (
                f" (the header is separated by {d!r}; save as comma-separated CSV)"
                for d in (";", "\t")
                if d in header
            ),
            "",
        )
        raise InputError(path, f"missing required column(s): {', '.join(missing)}{hint}")
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
            files = sorted(f for f in p.glob("*.txt") if f.is_file())
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


def _unmatched_detail(name: str, present: set[str]) -> str:
    if not name.strip():
        return "empty source_file"
    if "/" in name or "\\" in name:
        return "source_file must be a file name in the metadata's folder, not a path"
    if not name.endswith(".txt"):
        return "not a .txt file name (only .txt files are read)"
    lower = {p.lower(): p for p in present}
    guess = lower.get(name.lower()) or next(
        iter(difflib.get_close_matches(name, sorted(present), n=1, cutoff=0.8)), None
    )
    if guess:
        return f"no such .txt file in the folder; did you mean {guess!r}?"
    return "no such .txt file in the folder"


def input_problems(inputs: Iterable[str | Path]) -> pd.DataFrame:
    """Metadata rows that match no file and article files without a metadata row.

    Reads (and so validates) every ``metadata.csv`` of ``inputs`` once. A row whose
    ``source_file`` names no ``.txt`` file in its folder (a typo, a path such as
    ``../x.txt``, a missing file) would be dropped silently, and a file without a row
    would become its own outlet under its file stem; both are listed here. Files in a
    folder without ``metadata.csv`` are not problems (the stem is then the documented
    outlet).

    Returns:
        One row per problem, columns :data:`PROBLEM_COLUMNS`: ``file`` (the metadata
        file or the article file, as given), ``source_file``, ``problem`` (``metadata row
        matches no file`` or ``no metadata row``) and ``detail``.

    Raises:
        InputError: a metadata file is invalid (see :func:`read_metadata`).
    """
    by_meta: dict[Path, list[Path]] = {}
    for path, meta_path in input_files(inputs):
        if meta_path is not None:
            by_meta.setdefault(meta_path, []).append(path)
    rows = []
    for meta_path, files in by_meta.items():
        table = read_metadata(meta_path)
        present = {p.name for p in meta_path.parent.glob("*.txt") if p.is_file()}
        for i, (aid, name) in enumerate(
            zip(table["article_id"], table["source_file"], strict=True), start=1
        ):
            if name not in present:
                detail = _unmatched_detail(name, present)
                rows.append(
                    {
                        "file": str(meta_path),
                        "source_file": name,
                        "problem": "metadata row matches no file",
                        "detail": f"data row {i} (article_id {aid!r}): {detail}",
                    }
                )
        listed = set(table["source_file"])
        for path in dict.fromkeys(files):
            if path.name not in listed:
                rows.append(
                    {
                        "file": str(path),
                        "source_file": path.name,
                        "problem": "no metadata row",
                        "detail": f"{meta_path.name} has no row for it; article id and "
                        f"outlet fall back to the file stem {path.stem!r}",
                    }
                )
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def iter_articles(
    inputs: Iterable[str | Path],
    *,
    max_file_mb: float | None = DEFAULT_MAX_FILE_MB,
    duplicates: str = "error",
) -> Iterator[Article]:
    """Yield articles one at a time from files and folders, validating each.

    Args:
        inputs: ``.txt`` files and/or folders of them.
        max_file_mb: largest file accepted, in MB (10**6 bytes); None for no limit.
        duplicates: ``error`` (default): two files with the same bytes stop the run;
            ``keep`` or ``drop``: both are read, and the ``duplicates`` step lists (and
            under ``drop`` removes) the copy (:mod:`analysis.text.duplicates`).

    Yields:
        :class:`Article` objects in file-name order.

    Raises:
        InputError: empty, too large, binary, undecodable or HTML files; the same text
            twice; two files with one article id.
    """
    seen_hash: dict[str, str] = {}
    seen_id: dict[str, str] = {}
    meta_cache: dict[Path, dict[str, dict]] = {}
    if duplicates not in ("error", "keep", "drop"):
        raise ValueError(f"duplicates must be one of error, keep, drop; got {duplicates!r}")
    for path, meta_path in input_files(inputs):
        check_file_size(path, max_file_mb)
        data = path.read_bytes()
        raw, encoding = decode_article(data, path)
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen_hash and duplicates == "error":
            raise InputError(
                path,
                f"duplicate of {seen_hash[digest]} (same bytes); --duplicates keep or drop "
                "reads both",
            )
        meta: dict = {}
        if meta_path is not None:
            if meta_path not in meta_cache:  # one dict per metadata file: O(1) lookups
                table = read_metadata(meta_path)
                meta_cache[meta_path] = {
                    r["source_file"]: {k: v for k, v in r.items() if v != ""}
                    for r in table.to_dict("records")
                }
            meta = dict(meta_cache[meta_path].get(path.name, {}))
        article_id = meta.get("article_id") or _default_id(path)
        if article_id in seen_id:
            raise InputError(
                path, f"article id {article_id!r} already used by {seen_id[article_id]}"
            )
        seen_hash[digest] = str(path)
        seen_id[article_id] = str(path)
        yield Article(article_id, path.name, raw, digest, meta, encoding)


def read_articles(
    inputs: Iterable[str | Path], *, max_file_mb: float | None = DEFAULT_MAX_FILE_MB
) -> list[Article]:
    """All articles from ``inputs`` as a list (see :func:`iter_articles`)."""
    return list(iter_articles(inputs, max_file_mb=max_file_mb))
