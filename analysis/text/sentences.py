"""Sentences with exact character offsets into the raw file.

Sentences come from pysbd (rule-based, no downloads) run within each labelled span, so a
sentence never crosses a segment boundary. Offsets are recovered by locating each
stripped sentence in the span text, so ``raw[start:end] == text`` holds exactly.

References:
    Sadvilkar, N. and Neumann, M. (2020). PySBD: Pragmatic Sentence Boundary
    Disambiguation. NLP-OSS workshop, EMNLP 2020.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from analysis.text.quotes import QuoteSpan, quoted_chars
from analysis.text.segment import WORD, n_words

TABLES = {
    "sentences": {
        "description": "One row per sentence of every segment (filter on `segment`).",
        "columns": {
            "article_id": "Article id.",
            "outlet": "Outlet name.",
            "sentence_id": "Stable id '<article_id>-s<n:03d>', numbered in page order.",
            "segment": "Segment label of the line the sentence is in.",
            "paragraph": "1-based number of that line among non-empty lines.",
            "start": "Character offset into the raw file.",
            "end": "Offset just after the sentence (raw[start:end] == text).",
            "text": "The sentence as written (whitespace-stripped).",
            "n_words": "Number of word tokens (analysis.text.sentences.words).",
            "quote_share": "Fraction of the sentence's characters inside quotation spans (marks included).",
            "share_authorial": "Fraction of the sentence's characters in the authorial voice "
            "(docs/voice.md; added by the voice step).",
            "share_quoted": "Fraction in the quoted voice (inside quotation marks).",
            "share_reported": "Fraction in the reported voice (reported speech outside "
            "quotation marks).",
        },
    }
}
SENTENCE_COLUMNS = list(TABLES["sentences"]["columns"])[:10]
"""Columns made by :func:`sentences_from_segments` (the voice shares come later)."""


def words(text: str) -> list[str]:
    """The project's one word tokeniser (offline): letters/digits with inner - ' ’."""
    return WORD.findall(text)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text`` (pysbd), whitespace-stripped."""
    out = []
    cursor = 0
    for piece in _segmenter().segment(text):
        s = piece.strip()
        if not s:
            continue
        k = text.find(s, cursor)
        if k < 0:  # pysbd changed the text: fall back to the rest of the span
            k = cursor
            s = text[cursor:].strip()
        out.append((k, k + len(s)))
        cursor = k + len(s)
    return out


def sentences_from_segments(
    segments: pd.DataFrame, quotes: dict[str, list[QuoteSpan]] | None = None
) -> pd.DataFrame:
    """Split every segment into sentences.

    Args:
        segments: the segments table (``analysis.text.segment``).
        quotes: quotation spans per article id, for ``quote_share``.

    Returns:
        The sentences table; columns in :data:`TABLES`.
    """
    quotes = quotes or {}
    rows = []
    counters: dict[str, int] = {}
    for seg in segments.itertuples(index=False):
        spans = quotes.get(seg.article_id, [])
        for s, e in split_sentences(seg.text):
            start, end = seg.start + s, seg.start + e
            text = seg.text[s:e]
            counters[seg.article_id] = counters.get(seg.article_id, 0) + 1
            rows.append(
                {
                    "article_id": seg.article_id,
                    "outlet": seg.outlet,
                    "sentence_id": f"{seg.article_id}-s{counters[seg.article_id]:03d}",
                    "segment": seg.segment,
                    "paragraph": seg.paragraph,
                    "start": start,
                    "end": end,
                    "text": text,
                    "n_words": n_words(text),
                    "quote_share": round(quoted_chars(spans, start, end) / max(1, end - start), 4),
                }
            )
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def offset_mismatches(table: pd.DataFrame, raw: dict[str, str]) -> pd.DataFrame:
    """Rows whose ``raw[start:end]`` is not their ``text`` (empty when all offsets hold)."""
    ok = [raw[r.article_id][r.start : r.end] == r.text for r in table.itertuples()]
    return table[[not x for x in ok]]
