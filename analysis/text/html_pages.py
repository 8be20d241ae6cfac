"""HTML pages as input: the article text extracted by trafilatura, offline.

A folder of ``.html`` (or ``.htm``) pages, or one such file, is read page by page: trafilatura
finds the article's main text and drops the navigation, footers, scripts, comments and
other page chrome. What the analysis sees (``Article.raw``, into which every character
offset points) is the **extracted text, not the HTML**: the headline, a blank line, then
trafilatura's paragraphs one per line separated by blank lines, ending with a line break
(the shape of a ``.txt`` article). ``framing analyze`` stores it as
``results/extracted/<article_id>.txt`` so each offset refers to a file on disk; the
``articles`` table's ``sha256`` is the SHA-256 of that text (UTF-8), and ``source_file``
the ``.html`` file name.

Title, date, URL and outlet (the site name, else the host name) come from trafilatura's
metadata when the page has them (``<meta>`` tags, JSON-LD, a canonical link); the date is
the page's own publication date (no guess from a copyright year). A ``metadata.csv``
beside the pages (``source_file`` naming the ``.html`` file) overrides them, as for
``.txt`` articles. Without a title the first extracted paragraph is the text's first
line and segmentation decides whether it is a headline.

References:
    Barbaresi, A. (2021). Trafilatura: A web scraping library and command-line tool for
    text discovery and extraction. *Proceedings of ACL-IJCNLP 2021: System
    Demonstrations*, 122-131.
"""

from __future__ import annotations

from pathlib import Path

from analysis.errors import InputError

HTML_SUFFIXES = (".html", ".htm")
"""File endings read as HTML pages."""

DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""htmldate settings: the page's own publication date only (no guess from the text)."""

METADATA_ROLES = {"article_id": "id", "headline": "title", "published": "date"}
"""``metadata.csv`` columns renamed to the roles :func:`html_rows` returns."""


def html_files(path: str | Path) -> list[Path]:
    """The HTML pages of a folder (sorted), or the file itself."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in HTML_SUFFIXES)
    return [p]


def is_html_input(path: str | Path) -> bool:
    """True for an ``.html``/``.htm`` file, or a folder with pages and no ``.txt`` file."""
    p = Path(path)
    if p.is_file():
        return p.suffix.lower() in HTML_SUFFIXES
    return p.is_dir() and bool(html_files(p)) and not any(p.glob("*.txt"))


def extract_page(html: str | bytes, path: str | Path = "<html>") -> dict:
    """One page's article text and metadata, extracted by trafilatura.

    Args:
        html: the page source (bytes: decoded as the page's ``charset`` says).
        path: named in errors.

    Returns:
        ``{"text", "title", "date", "url", "outlet"}`` (only the fields found): ``text``
        is the analysed text (see the module docstring), the headline first when there
        is one.

    Raises:
        InputError: trafilatura is not installed, or it finds no article text.
    """
    try:
        import trafilatura
    except ImportError:
        raise InputError(
            path, "reading HTML pages needs trafilatura (pip install trafilatura)"
        ) from None
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        deduplicate=False,
        date_extraction_params=DATE_PARAMS,
    )
    lines = [] if doc is None or not doc.text else doc.text.splitlines()
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError(path, "trafilatura found no article text in the page")
    title = " ".join((doc.title or "").split())
    if title and lines[0] == title:  # the page's <h1> repeats the title
        lines = lines[1:]
    if not lines:
        raise InputError(path, "trafilatura found only a title, no article text")
    row = {"text": "\n\n".join([title, *lines] if title else lines) + "\n"}
    if title:
        row["title"] = title
    for role, value in (
        ("date", doc.date),
        ("url", doc.url),
        ("outlet", doc.sitename or doc.hostname),
    ):
        if value:
            row[role] = str(value)
    return row


def html_rows(path: str | Path, *, max_file_mb: float | None = None) -> list[dict]:
    """One row per page of an HTML input, for :func:`analysis.api.articles_from_frame`.

    Each row has ``text`` (the extracted text, headline included), ``id`` and ``outlet``
    (default: the file stem), ``source_file`` (the page's file name) and, when known,
    ``date``, ``url``, ``headline`` and the columns of a ``metadata.csv`` beside the pages.
    ``headline`` is a docvar (the text holds trafilatura's title already); as for ``.txt``
    articles the run notes when segmentation finds another.

    Args:
        path: a folder of pages or one page.
        max_file_mb: largest page accepted, in MB; None for no limit.

    Raises:
        InputError: a page above the size limit or without article text, or a bad
            ``metadata.csv``.
    """
    from analysis.text.corpus import check_file_size, read_metadata

    files = html_files(path)
    meta_path = files[0].parent / "metadata.csv" if files else None
    meta = {}
    if meta_path is not None and meta_path.is_file():
        meta = {r["source_file"]: r for r in read_metadata(meta_path).to_dict("records")}
    rows = []
    for f in files:
        check_file_size(f, max_file_mb)
        row = extract_page(f.read_bytes(), f)  # bytes: trafilatura reads the page's charset
        row.setdefault("id", f.stem)
        row.setdefault("outlet", f.stem)
        for col, value in meta.get(f.name, {}).items():
            if value != "" and col != "source_file":
                row[METADATA_ROLES.get(col, col)] = value
        if "title" in row:
            row["headline"] = row.pop("title")
        row["source_file"] = f.name
        rows.append(row)
    return rows
