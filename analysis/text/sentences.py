"""Sentences with exact character offsets into the raw file.

Sentences are split within each labelled span, so a sentence never crosses a segment
boundary, and ``raw[start:end] == text`` holds exactly. pysbd (rule-based, no downloads)
is the reference splitter; :func:`split_sentences` by default uses a hand-written fast
splitter that agrees with pysbd (``bench/splitter.py``) and calls pysbd only on the
stretches it cannot settle itself, with the abbreviations of
``lexicons/abbreviations.yaml``.

References:
    Sadvilkar, N. and Neumann, M. (2020). PySBD: Pragmatic Sentence Boundary
    Disambiguation. NLP-OSS workshop, EMNLP 2020.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import InputError, check_choice
from analysis.io import read_yaml
from analysis.paths import LEXICON_DIR
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


ABBREVIATIONS_FILE = LEXICON_DIR / "abbreviations.yaml"
SPLITTERS = ("fast", "pysbd")
"""Valid ``method`` values of :func:`split_sentences`."""


def words(text: str) -> list[str]:
    """The project's one word tokeniser (offline): letters/digits with inner - ' ’."""
    return WORD.findall(text)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


@dataclass(frozen=True)
class Abbreviations:
    """The abbreviation file, read (lower-cased words without their final period)."""

    words: frozenset
    prepositive: frozenset
    number: frozenset
    exclamation: frozenset


@lru_cache(maxsize=4)
def load_abbreviations(path: str | Path = ABBREVIATIONS_FILE) -> Abbreviations:
    """Load the abbreviation file of the fast splitter.

    Args:
        path: a YAML file shaped like ``analysis/lexicons/abbreviations.yaml``.

    Returns:
        The abbreviations by kind, and the words written with "!" (as written).

    Raises:
        InputError: the file is unreadable, or an entry lacks its word or its reason.
    """
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "expected a mapping with an 'abbreviations' list")
    kinds: dict[str, set] = {"all": set(), "prepositive": set(), "number": set(), "excl": set()}
    for key, field in (("abbreviations", "abbr"), ("exclamation_words", "word")):
        for i, entry in enumerate(data.get(key) or []):
            if not isinstance(entry, dict) or not entry.get(field) or not entry.get("reason"):
                raise InputError(path, f"needs '{field}' and 'reason'", entry=f"{key}[{i}]")
            if field == "word":
                kinds["excl"].add(str(entry[field]))
                continue
            word = str(entry[field]).lower()
            kinds["all"].add(word)
            if entry.get("kind") in ("prepositive", "number"):
                kinds[entry["kind"]].add(word)
    return Abbreviations(
        frozenset(kinds["all"]),
        frozenset(kinds["prepositive"]),
        frozenset(kinds["number"]),
        frozenset(kinds["excl"]),
    )


# A plain boundary: a whole ASCII word of 2+ letters, one terminal, optional closing double
# quotes, spaces, then (after an optional opener) a capital or digit.
_BOUNDARY = re.compile(r"(?<![\w.@/&'’])([A-Za-z]{2,})([.!?])([\"”]?)( +)(?=[\"“‘'(\[]?[A-Z0-9])")
# Characters that make a chunk between plain boundaries ambiguous (pysbd decides).
_DIRTY = re.compile(r"[.!?…\n\r\x0b\x0c\u2028\u2029。．！？]")
# List items, "a)" or "(iv)": pysbd starts a sentence there.
_LIST_ITEM = re.compile(r"(?:(?<=[\s(])|^)[A-Za-z0-9]{1,4}\)")
# Periods pysbd never splits at: decimals, abbreviations before lower case or a number,
# titles before a name, and initialisms (U.S., p.m.) before lower case or a comma.
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_ABBR = re.compile(r"(?<!\S)([A-Za-z]+)\.(?= (?:([a-z0-9])|[A-Z]))")
_INITIALISM = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?=([,;:]| [a-z0-9])| ([A-Z]\w*))")
_INITIAL = re.compile(r"(?:(?<=\s)|^)[A-HJ-Z]\.(?=,?\s)")  # not "I." (see below)
# Numbered lists ("1. "): pysbd reads them across the whole text.
_LIST = re.compile(r"(?:^|\s)\d{1,2}\.\s")
# pysbd ends a sentence after these initialisms before a sentence starter, and after
# a.m./p.m. before any capital (pysbd/abbreviation_replacer.py, lang/common/standard.py).
_BOUNDARY_INITIALISMS = frozenset({"U.S.", "U.K.", "E.U.", "U.S.A.", "I.V."})
_AM_PM = frozenset({"A.M.", "P.M."})
_SENTENCE_STARTERS = frozenset(
    "A Being Did For He How However I In It Millions More She That The There They We What "
    "When Where Who Why".split()
)
_END = re.compile(r'[.!?]?(["”]?)\s*\Z')
# pysbd's sentence pattern for a quotation or parenthesis followed by a capital
# (pysbd/lang/common/common.py SENTENCE_BOUNDARY_REGEX): a sentence of its own.
_QUOTED_SENTENCE = re.compile(
    r"\((?:[^\)]){2,}\)(?=\s[A-Z])|\'(?:[^\'])*[^,]\'(?=\s[A-Z])"
    r"|\"(?:[^\"])*[^,]\"(?=\s[A-Z])|\“(?:[^\”])*[^,]\”(?=\s[A-Z])"
)
# The quotation, bracket and dash pairs inside which pysbd never ends a sentence: its own
# patterns (pysbd/between_punctuation.py, 0.3.4), in its order, with its trigger characters.
_REGIONS = (
    ("'", re.compile(r"(?<=\s)'(?:[^']|'[a-zA-Z])*'")),
    ("‘", re.compile(r"(?<=\s)‘(?:[^’]|’[a-zA-Z])*’")),
    ('"', re.compile(r'"(?=(?P<tmp>[^\"\\]+|\\{2}|\\.)*)(?P=tmp)"')),
    ("[", re.compile(r"\[(?=(?P<tmp>[^\]\\]+|\\{2}|\\.)*)(?P=tmp)\]")),
    ("(", re.compile(r"\((?=(?P<tmp>[^\(\)\\]+|\\{2}|\\.)*)(?P=tmp)\)")),
    ("«", re.compile(r"\«(?=(?P<tmp>[^»\\]+|\\{2}|\\.)*)(?P=tmp)\»")),
    ("--", re.compile(r"--(?=(?P<tmp>[^--]*))(?P=tmp)--")),
    ("“", re.compile(r"\“(?=(?P<tmp>[^”\\]+|\\{2}|\\.)*)(?P=tmp)\”")),
)
_LEADING_APOSTROPHE = re.compile(r"(?<=\s)'(?:[^']|'[a-zA-Z])*'\S")
_APOSTROPHE_SPACE = re.compile(r"'\s")


def _skips_single_quotes(text: str) -> bool:
    """pysbd's test, on the whole text, for ignoring straight single-quote pairs."""
    return bool(_LEADING_APOSTROPHE.search(text)) and not _APOSTROPHE_SPACE.search(text)


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` inside pysbd's quotation/bracket/dash pairs."""
    out = []
    for trigger, pattern in _REGIONS:
        if trigger not in text or (trigger == "'" and _skips_single_quotes(text)):
            continue
        out += [m.span() for m in pattern.finditer(text)]
    return out


def _plain_boundaries(text: str, ab: Abbreviations, protected: list) -> list[int]:
    """Offsets where the fast splitter may end a sentence (start of the next one)."""
    out = []
    for m in _BOUNDARY.finditer(text):
        word, mark = m.group(1), m.group(2)
        if mark == "." and word.lower() in ab.words:
            continue
        if mark == "!" and word + "!" in ab.exclamation:
            continue
        if m.group(3):  # a closing quote: only one that closes a pair, then one space
            if len(m.group(4)) != 1 or not text[m.end()].isupper():
                continue
            if not any(e == m.end(3) for _, e in protected):
                continue
        elif protected:
            k = m.start(2)
            if any(s <= k < e for s, e in protected):
                continue
        if protected and any(s < m.end() < e for s, e in protected):
            continue  # a pair spans the cut: pysbd must see both ends
        out.append(m.end())
    return out


def _masked(text: str, ab: Abbreviations) -> str:
    """``text`` with the periods pysbd never splits at replaced (same length)."""
    if "." not in text:
        return text
    chars = list(text)
    for m in _DECIMAL.finditer(text):
        chars[m.start()] = "_"
    for m in _INITIAL.finditer(text):
        chars[m.end() - 1] = "_"
    for m in _INITIALISM.finditer(text):
        if m.group(3):  # a capital follows
            up = m.group(1).upper()
            if up in _AM_PM or (up in _BOUNDARY_INITIALISMS and m.group(3) in _SENTENCE_STARTERS):
                continue
        for k in range(m.start(), m.end()):
            if chars[k] == ".":
                chars[k] = "_"
    for m in _ABBR.finditer(text):
        w = m.group(1).lower()
        if m.group(2) is None:  # a capital follows: only titles before a name
            ok = w in ab.prepositive
        elif m.group(2).isdigit():
            ok = w in ab.words
        else:
            ok = w in ab.words and w not in ab.number
        if ok:
            chars[m.end(1)] = "_"
    return "".join(chars)


def _pysbd_pieces(text: str) -> list[str]:
    """``pysbd.Segmenter.segment(text)`` (``clean=False``), with its last step done by
    ``str.find``: pysbd locates each sentence with a fresh regular expression searched
    over the whole text (``sentences_with_char_spans``), quadratic in the sentences."""
    seg = _segmenter()
    if not text:
        return []
    out, prior = [], 0
    for sent in seg.processor(text).process():
        if not sent:  # never seen; keep pysbd's own answer
            return seg.segment(text)
        pos = 0
        while (k := text.find(sent, pos)) >= 0:
            end = k + len(sent)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior:
                out.append(text[k:end])
                prior = end
                break
            pos = end
    return out


def _pysbd_spans(text: str, base: int = 0, *, exact: bool = False) -> list[tuple[int, int]]:
    """pysbd's sentences of ``text`` as stripped offsets (plus ``base``); ``exact`` calls
    ``Segmenter.segment`` itself rather than :func:`_pysbd_pieces`."""
    out = []
    cursor = 0
    for piece in _segmenter().segment(text) if exact else _pysbd_pieces(text):
        s = piece.strip()
        if not s:
            continue
        k = text.find(s, cursor)
        if k < 0:  # pysbd changed the text: fall back to the rest of the span
            k = cursor
            s = text[cursor:].strip()
        out.append((base + k, base + k + len(s)))
        cursor = k + len(s)
    return out


def _stripped(text: str, a: int, b: int) -> tuple[int, int] | None:
    piece = text[a:b]
    s = piece.strip()
    if not s:
        return None
    k = a + len(piece) - len(piece.lstrip())
    return (k, k + len(s))


def _is_plain(text: str, masked: str, a: int, b: int, protected: list) -> bool:
    """``text[a:b]`` holds no terminal but its last one, no list item, and does not start
    with a quotation or parenthesis that pysbd would make a sentence of its own."""
    tail = _END.search(text, a, b)
    end = tail.start() if tail and tail.end() == b else b
    if "\n" in text[end:b] or _DIRTY.search(masked, a, end):
        return False
    if tail and tail.group(1) and not any(e == tail.end(1) for _, e in protected):
        return False  # a lone closing quote at the end: pysbd may split it off
    if text[a] in "('\"“" and _QUOTED_SENTENCE.match(text, a):
        return False
    return ")" not in text[a:b] or _LIST_ITEM.search(text, a, b) is None


def split_sentences(
    text: str, *, method: str = "fast", stats: dict | None = None
) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``, whitespace-stripped.

    ``method="pysbd"`` runs pysbd (Sadvilkar & Neumann 2020) on the whole text. The
    default, ``"fast"``, is written by hand for speed (pysbd cost 8% of a whole
    ``framing analyze`` run, issue 13) and keeps pysbd as the reference: it decides only
    what pysbd would decide the same way, and hands every other stretch to pysbd.

    1. *Plain boundaries*: a whole ASCII word of two or more letters that is not in
       ``lexicons/abbreviations.yaml`` (pysbd's English list), one of ``. ! ?``, spaces
       and a capital or digit (after an optional opening quote or bracket). It is not
       plain inside one of pysbd's quotation, bracket or ``--`` pairs, or when a pair
       spans it. A closing ``"`` or ``”`` may follow the mark only when it closes such
       a pair and one space and a capital letter follow (pysbd ends the sentence after
       the quote then; after a lone quote it starts the next sentence with it).
    2. The text between two plain boundaries is a sentence when it holds no other
       terminal or line break, except periods pysbd never splits at: decimals, an
       abbreviation before lower case or a number, a title (``Mr.``) before a name, a
       single capital initial (``J.``, not ``I.``), and an initialism (``U.S.``,
       ``D.C.``) except ``a.m.``/``p.m.`` before a capital or ``U.S.``-like ones before
       one of pysbd's sentence starters. It must not contain a list item (``a)``) or
       start with a quotation or parenthesis followed by a capital (pysbd's own
       sentence pattern), and a closing quote at its end must close a pair.
    3. Every other run of text goes to pysbd alone, and pysbd's sentences are kept.
       Text that pysbd reads as a whole goes to pysbd whole: a numbered list
       (``1. ``), or a run that alone would change pysbd's whole-text test for
       straight single quotes.

    Agreement with pysbd is measured by ``python -m bench.splitter`` (figures in
    bench/README.md); the disagreements accepted are test cases in
    ``tests/test_sentences.py``.

    Args:
        text: one span (a line of a page).
        method: ``"fast"`` or ``"pysbd"``.
        stats: when given, ``stats["chars"]`` and ``stats["pysbd_chars"]`` are
            incremented by the characters seen and the characters sent to pysbd.

    Returns:
        Sentence offsets in order; ``text[start:end]`` is the stripped sentence.

    Raises:
        ValueError: unknown ``method``.

    References:
        Sadvilkar, N. and Neumann, M. (2020). PySBD: Pragmatic Sentence Boundary
        Disambiguation. *Proceedings of the Second Workshop for NLP Open Source
        Software (NLP-OSS)*, 110-114.
    """
    check_choice("method", method, SPLITTERS)
    if stats is not None:
        stats["chars"] = stats.get("chars", 0) + len(text)
    if method == "pysbd":
        if stats is not None:
            stats["pysbd_chars"] = stats.get("pysbd_chars", 0) + len(text)
        return _pysbd_spans(text, exact=True)
    if _LIST.search(text):  # numbered lists: pysbd reads them across the whole text
        if stats is not None:
            stats["pysbd_chars"] = stats.get("pysbd_chars", 0) + len(text)
        return _pysbd_spans(text)
    ab = load_abbreviations()
    protected = _protected(text)
    cuts = [0, *_plain_boundaries(text, ab, protected), len(text)]
    masked = _masked(text, ab)
    runs: list[list] = []  # [start, end, plain]
    for a, b in zip(cuts, cuts[1:], strict=False):
        plain = _is_plain(text, masked, a, b, protected)
        if runs and not plain and not runs[-1][2]:
            runs[-1][1] = b
        else:
            runs.append([a, b, plain])
    if "'" in text and len(runs) > 1:
        # pysbd tests the whole text for single quotes: a span alone must test the same
        whole = _skips_single_quotes(text)
        if any(not p and _skips_single_quotes(text[a:b]) != whole for a, b, p in runs):
            runs = [[0, len(text), False]]
    out: list[tuple[int, int]] = []
    for a, b, plain in runs:
        if not plain:
            if stats is not None:
                stats["pysbd_chars"] = stats.get("pysbd_chars", 0) + (b - a)
            out += _pysbd_spans(text[a:b], a)
        elif span := _stripped(text, a, b):
            out.append(span)
    return out


def sentences_from_segments(
    segments: pd.DataFrame,
    quotes: dict[str, list[QuoteSpan]] | None = None,
    *,
    method: str = "fast",
) -> pd.DataFrame:
    """Split every segment into sentences.

    Args:
        segments: the segments table (``analysis.text.segment``).
        quotes: quotation spans per article id, for ``quote_share``.
        method: the splitter, ``"fast"`` or ``"pysbd"`` (:func:`split_sentences`).

    Returns:
        The sentences table; columns in :data:`TABLES`.
    """
    check_choice("method", method, SPLITTERS)
    quotes = quotes or {}
    rows = []
    counters: dict[str, int] = {}
    for seg in segments.itertuples(index=False):
        spans = quotes.get(seg.article_id, [])
        for s, e in split_sentences(seg.text, method=method):
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
