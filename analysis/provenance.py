"""Where a figure or page comes from: corpus, size, date of the data, version, caveats.

Every figure's JSON and citation line and every report page carry one provenance line
(:func:`provenance_line`) so that a figure pasted into another text still says what it
was drawn from. The line is made from the ``articles`` table only, never from the clock:
two runs on the same corpus give the same bytes.

*The date of the data* is the latest publication date in the ``published`` column (ISO
``YYYY-MM-DD``), with how many articles carry one; a corpus with no dated article says
"undated". Attribution caveats (:func:`attribution_caveats`) come from the corpus
metadata: every article whose ``attribution_confidence`` is in
:data:`CAVEAT_CONFIDENCE` travels with its ``attribution_note`` (on the seeds: 003, an
unattributed, apparently translated republication of a BBC report).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

CAVEAT_CONFIDENCE = ("low",)
"""Attribution confidences whose note is repeated with every figure and page."""

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def data_date(articles: pd.DataFrame) -> tuple[str, int]:
    """The latest publication date (``YYYY-MM-DD``, ``""`` if none) and how many articles
    carry a date.

    Args:
        articles: the ``articles`` table (its ``published`` column is optional).
    """
    if "published" not in articles.columns:
        return "", 0
    dates = [m.group(0) for v in articles["published"] if (m := _DATE.match(_cell(v)))]
    return (max(dates) if dates else ""), len(dates)


def corpus_label(articles: pd.DataFrame, inputs: Iterable[str | Path] | None = None) -> str:
    """A short, machine-independent name for the corpus.

    ``"seeds"`` for the seed articles; otherwise the base names of the inputs (never a full
    path, which would differ between machines); ``"corpus"`` when neither is known.
    """
    from analysis.report.corpus_report import corpus_inputs, is_seed_corpus

    if "sha256" in articles.columns and is_seed_corpus(articles):
        return "seeds"
    paths = [Path(p) for p in (inputs if inputs is not None else corpus_inputs())]
    names = sorted(dict.fromkeys(p.name for p in paths if p.name))
    return ", ".join(names) or "corpus"


def provenance(
    articles: pd.DataFrame, *, inputs: Iterable[str | Path] | None = None
) -> dict[str, object]:
    """``corpus, n_articles, n_outlets, data_date, n_dated, version`` of a results set."""
    from analysis import __version__

    date, n_dated = data_date(articles)
    outlets = articles["outlet"].nunique() if "outlet" in articles.columns else 0
    return {
        "corpus": corpus_label(articles, inputs),
        "n_articles": int(len(articles)),
        "n_outlets": int(outlets),
        "data_date": date,
        "n_dated": int(n_dated),
        "version": __version__,
    }


def provenance_line(prov: dict) -> str:
    """One sentence: ``Data: corpus seeds, 5 articles from 5 outlets, latest publication
    date 2024-06-20 (1 of 5 articles dated); framing-analysis 0.1.0.``"""
    n, n_dated = prov["n_articles"], prov["n_dated"]
    if prov["data_date"]:
        date = f"latest publication date {prov['data_date']} ({n_dated} of {n} articles dated)"
    else:
        date = "undated (no article carries a publication date)"
    articles = "article" if n == 1 else "articles"
    outlets = "outlet" if prov["n_outlets"] == 1 else "outlets"
    return (
        f"Data: corpus {prov['corpus']}, {n} {articles} from {prov['n_outlets']} {outlets}, "
        f"{date}; framing-analysis {prov['version']}."
    )


def attribution_caveats(articles: pd.DataFrame) -> list[str]:
    """One sentence per article whose attribution is uncertain, from the corpus metadata.

    Returns:
        ``"Caveat: article 003 (BBC (republished)) has low attribution confidence: <its
        attribution_note>"`` for every article whose ``attribution_confidence`` is in
        :data:`CAVEAT_CONFIDENCE`, in article-id order (none when the columns are absent).
    """
    if "attribution_confidence" not in articles.columns:
        return []
    rows = articles.sort_values("article_id")
    out = []
    for r in rows.to_dict("records"):
        confidence = _text(r.get("attribution_confidence")).lower()
        if confidence not in CAVEAT_CONFIDENCE:
            continue
        outlet = _text(r.get("outlet"))
        note = _text(r.get("attribution_note")) or "no note"
        who = f" ({outlet})" if outlet else ""
        note = note if note.endswith((".", "!", "?")) else note + "."
        out.append(
            f"Caveat: article {r['article_id']}{who} has {confidence} attribution confidence"
            f"{_NOTE}{note}"
        )
    return out


_NOTE = ": "


def brief_caveat(caveat: str) -> str:
    """An :func:`attribution_caveats` sentence without its note (for under a figure in a
    page that gives the notes elsewhere): ``"Caveat: article 003 (…) has low attribution
    confidence."``"""
    head, sep, _ = caveat.partition(" attribution confidence" + _NOTE)
    return f"{head} attribution confidence." if sep else caveat


RECORD_FIELDS = {"published": "a publication date", "url": "a URL", "retrieved": "a retrieval date"}
"""Metadata fields a reader needs to find an article again, with how prose names them."""


def _cell(value) -> str:
    """A metadata cell as text: dates (typed by ``load_results``) as ``YYYY-MM-DD``,
    missing values as ``""``."""
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.strftime("%Y-%m-%d")
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _recorded(articles: pd.DataFrame, column: str) -> list[str]:
    if column not in articles.columns:
        return []
    ids = articles.loc[[bool(_cell(v)) for v in articles[column]], "article_id"]
    return sorted(map(str, ids))


def record_gaps(articles: pd.DataFrame, *, list_at_most: int = 3) -> str:
    """One or two sentences: which provenance fields the metadata records, for how many
    articles (the ids when few), and that the selection of outlets is not recorded unless
    a ``selection_note`` column says why.

    Example (the seeds): "The metadata records a publication date for 1 of 5 articles
    (002), a URL for none and a retrieval date for none. Why each outlet is in the set is
    not recorded; outlet kinds were read off each page (attribution notes, notebook 00)."
    """
    n = len(articles)
    parts = []
    for column, what in RECORD_FIELDS.items():
        ids = _recorded(articles, column)
        if not ids:
            parts.append(f"{what} for none")
        elif len(ids) == n:
            parts.append(f"{what} for all {n}")
        else:
            from analysis.safe_text import md_escape

            shown = f" ({', '.join(map(md_escape, ids))})" if len(ids) <= list_at_most else ""
            parts.append(f"{what} for {len(ids)} of {n} articles{shown}")
    first = "The metadata records " + ", ".join(parts[:-1]) + " and " + parts[-1] + "."
    if _recorded(articles, "selection_note"):
        return first + " Why each outlet is in the set: see `selection_note` (notebook 00)."
    return (
        first + " Why each outlet is in the set is not recorded; outlet kinds were read off "
        "each page (attribution notes, notebook 00)."
    )


def provenance_box(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: where it can be found again and how sure its attribution is.

    Columns ``article_id``, ``outlet``, ``published``, ``url``, ``retrieved``,
    ``attribution_confidence``, ``attribution_note``, ``selection_note``; a field the
    metadata does not record reads ``not recorded``.
    """
    cols = ["article_id", "outlet", *RECORD_FIELDS, "attribution_confidence"]
    cols += ["attribution_note", "selection_note"]
    rows = []
    for r in articles.sort_values("article_id").to_dict("records"):
        rows.append({c: _cell(r.get(c)) or "not recorded" for c in cols})
    return pd.DataFrame(rows, columns=cols)
