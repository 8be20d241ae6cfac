"""Segmentation: tell a page's headline, byline, body, captions, teasers and furniture apart.

Each non-empty line of the raw page is one span and gets one label from
:data:`SEGMENTS`. The rules are general (line shape, position, known furniture phrases
from ``lexicons/furniture.yaml``, length, punctuation), not keyed to particular files:

1. furniture phrases (navigation, comment prompts, subscription appeals, copyright,
   share buttons, credits, bylines) label a line directly;
2. a header such as "Related Articles" or "News Feed" opens a *zone*: later lines are
   teasers (or boilerplate) until another header opens a new zone;
3. after the body has started, a line that ends the body (comment prompt, membership
   appeal, copyright, list header) makes every later line furniture;
4. the first title-like line (short, no sentence-final punctuation) before the body is
   the headline; exact repeats and lines that embed it are boilerplate;
5. a short title-like line just before a caption is the caption's title (caption);
6. a paragraph cut off with "…" is a teaser, with the title-like line above it;
7. other title-like lines inside the body are subheadings; prose lines are body.

The ``rule`` column of the segments table says which rule labelled each line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import read_yaml
from analysis.paths import LEXICON_DIR
from analysis.text.corpus import Article
from analysis.text.quotes import paragraph_bounds

SEGMENTS = ("headline", "subheading", "byline", "body", "caption", "teaser", "boilerplate")
"""The segment vocabulary, exactly."""
FURNITURE = ("byline", "caption", "teaser", "boilerplate")
BODY_SEGMENTS = ("headline", "body")
"""Segments counted by default ("the article"); others are reported separately."""
"""Segments that are page furniture rather than the article's text."""

FURNITURE_FILE = LEXICON_DIR / "furniture.yaml"
_CLOSERS = "\"'”’)]»"
_TERMINAL = ".!?…"
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
"""A word token: letters/digits with inner hyphens and apostrophes (the one tokeniser,
:func:`analysis.text.sentences.words`)."""

TABLES = {
    "segments": {
        "description": "One row per non-empty line of each page, with its segment label.",
        "columns": {
            "article_id": "Article id (file-name prefix or metadata).",
            "outlet": "Outlet name from metadata (file stem without it).",
            "segment_id": "Stable id '<article_id>-p<paragraph:03d>'.",
            "paragraph": "1-based number of the line among the page's non-empty lines.",
            "segment": "One of headline, subheading, byline, body, caption, teaser, boilerplate.",
            "rule": "Which segmentation rule gave the label (see analysis/text/segment.py).",
            "start": "Character offset of the line's first non-space character in the raw file.",
            "end": "Offset just after its last non-space character (raw[start:end] == text).",
            "text": "The line as written.",
        },
    }
}


@dataclass(frozen=True)
class FurnitureRule:
    pattern: re.Pattern
    label: str
    ends_body: bool
    zone: str | None
    why: str


@lru_cache(maxsize=4)
def load_furniture(path: str | Path = FURNITURE_FILE) -> tuple[FurnitureRule, ...]:
    """Load and validate the furniture phrase file."""
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InputError(path, "expected a mapping with an 'entries' list")
    rules = []
    for k, e in enumerate(data["entries"]):
        if not isinstance(e, dict) or not {"regex", "label", "why"} <= e.keys():
            raise InputError(path, "needs regex, label and why", entry=str(k))
        if e["label"] not in SEGMENTS:
            raise InputError(path, f"label must be one of {', '.join(SEGMENTS)}", entry=e["regex"])
        flags = 0 if e.get("case_sensitive") else re.IGNORECASE
        try:
            pattern = re.compile(e["regex"], flags)
        except re.error as exc:
            raise InputError(path, f"bad regex ({exc})", entry=e["regex"]) from None
        rules.append(
            FurnitureRule(pattern, e["label"], bool(e.get("ends_body")), e.get("zone"), e["why"])
        )
    return tuple(rules)


def _core(line: str) -> str:
    return line.rstrip().rstrip(_CLOSERS).rstrip()


def n_words(text: str) -> int:
    """Number of word tokens (letters/digits, inner hyphens and apostrophes kept)."""
    return len(WORD.findall(text))


def is_title_like(line: str, *, max_words: int = 20) -> bool:
    """Short line without sentence-final punctuation (a headline or subheading shape)."""
    core = _core(line)
    return bool(core) and core[-1] not in _TERMINAL + ":;," and 2 <= n_words(line) <= max_words


def is_prose(line: str, *, min_words: int = 6) -> bool:
    """A line that reads as running text: ends like a sentence and is not too short."""
    core = _core(line)
    return bool(core) and core[-1] in _TERMINAL and n_words(line) >= min_words


def is_truncated(line: str) -> bool:
    """A snippet cut off by the site ("…" or "..." at the very end)."""
    return line.rstrip().endswith(("…", "..."))


def _lower_words_only(text: str) -> str:
    return re.sub(r"\W+", " ", text.replace("’", "'").lower()).strip()


def label_lines(lines: list[str]) -> list[tuple[str, str]]:
    """Label each non-empty line; return ``(segment, rule)`` pairs.

    Args:
        lines: the page's non-empty lines, stripped, in order.
    """
    rules = load_furniture()
    n = len(lines)
    labels: list[tuple[str, str] | None] = [None] * n
    phrase: list[FurnitureRule | None] = []
    for line in lines:
        phrase.append(next((r for r in rules if r.pattern.search(line)), None))

    headline = None
    body_started = False
    ended = False
    zone: str | None = None
    for i, line in enumerate(lines):
        r = phrase[i]
        if r is not None and r.zone:
            zone = r.zone
        if r is not None and r.ends_body and body_started:
            ended = True
        if zone and (r is None or r.zone or r.label in ("teaser", "byline", "caption")):
            labels[i] = (zone if r is None or r.zone is None else r.label, f"zone:{zone}")
            if r is not None and r.zone:
                labels[i] = (r.label, f"zone header: {r.why}")
            continue
        if r is not None:
            if zone and r.label == "boilerplate":
                zone = None
            labels[i] = (r.label, f"phrase: {r.why}")
            continue
        if ended:
            labels[i] = ("boilerplate", "after end of body")
            continue
        if headline is not None and _lower_words_only(line) == _lower_words_only(headline):
            labels[i] = ("boilerplate", "repeated title")
            continue
        if headline is not None and _lower_words_only(headline) in _lower_words_only(line):
            labels[i] = ("boilerplate", "line embeds the title")
            continue
        nxt = phrase[i + 1] if i + 1 < n else None
        if is_title_like(line, max_words=15) and nxt is not None and nxt.label == "caption":
            labels[i] = ("caption", "title line above a caption")
            continue
        if (
            i + 1 < n
            and is_title_like(lines[i + 1], max_words=15)
            and phrase[i + 1] is None
            and i + 2 < n
            and phrase[i + 2] is not None
            and phrase[i + 2].label == "caption"
            and _lower_words_only(lines[i + 1])[:20] == _lower_words_only(line)[:20]
            and is_title_like(line, max_words=15)
        ):
            labels[i] = ("caption", "image alt text above a caption")
            continue
        if is_truncated(line) and not is_title_like(line):
            labels[i] = ("teaser", "snippet cut off with an ellipsis")
            if i and labels[i - 1] is not None and labels[i - 1][0] in ("body", "subheading"):
                if is_title_like(lines[i - 1]):
                    labels[i - 1] = ("teaser", "title of a cut-off snippet")
            continue
        if is_title_like(line):
            if headline is None and not body_started:
                headline = line
                labels[i] = ("headline", "first title-like line")
            elif not body_started:
                labels[i] = ("subheading", "title-like line before the body")
            else:
                labels[i] = ("subheading", "title-like line inside the body")
            continue
        if is_prose(line):
            body_started = True
            labels[i] = ("body", "prose line")
            continue
        if body_started and n_words(line) >= 6:
            labels[i] = ("body", "long line inside the body")
        else:
            labels[i] = ("boilerplate", "short fragment")
    return [lab or ("boilerplate", "unlabelled") for lab in labels]


def segments_from_article(article: Article) -> pd.DataFrame:
    """Label every non-empty line of one article (see module docs for the rules)."""
    bounds = paragraph_bounds(article.raw)
    lines = [article.raw[s:e] for s, e in bounds]
    labels = label_lines(lines)
    rows = [
        {
            "article_id": article.article_id,
            "outlet": article.outlet,
            "segment_id": f"{article.article_id}-p{k:03d}",
            "paragraph": k,
            "segment": seg,
            "rule": rule,
            "start": s,
            "end": e,
            "text": line,
        }
        for k, ((s, e), line, (seg, rule)) in enumerate(
            zip(bounds, lines, labels, strict=True), start=1
        )
    ]
    return pd.DataFrame(rows, columns=list(TABLES["segments"]["columns"]))


def segments_from_articles(articles) -> pd.DataFrame:
    """Segments table for many articles (see :func:`segments_from_article`)."""
    frames = [segments_from_article(a) for a in articles]
    if not frames:
        return pd.DataFrame(columns=list(TABLES["segments"]["columns"]))
    return pd.concat(frames, ignore_index=True)


TABLES["segment_composition"] = {
    "description": "Characters and words per article and segment label (page composition).",
    "columns": {
        "article_id": "Article id.",
        "outlet": "Outlet name.",
        "segment": "Segment label.",
        "n_spans": "Number of lines with this label.",
        "n_chars": "Characters in those lines.",
        "n_words": "Word tokens in those lines.",
        "char_share": "Share of the page's non-blank characters.",
    },
}


def segment_composition(segments: pd.DataFrame) -> pd.DataFrame:
    """Characters and words per article × segment label, with the share of the page.

    Args:
        segments: the segments table.

    Returns:
        One row per article × segment present; columns in ``TABLES``.
    """
    s = segments.assign(
        n_chars=segments["end"] - segments["start"], n_words=segments["text"].map(n_words)
    )
    out = (
        s.groupby(["article_id", "outlet", "segment"], sort=False)
        .agg(n_spans=("text", "size"), n_chars=("n_chars", "sum"), n_words=("n_words", "sum"))
        .reset_index()
    )
    out["char_share"] = (
        out["n_chars"] / out.groupby("article_id")["n_chars"].transform("sum")
    ).round(4)
    order = {k: i for i, k in enumerate(SEGMENTS)}
    out = out.sort_values(
        ["article_id", "segment"], key=lambda c: c.map(order) if c.name == "segment" else c
    )
    return out.reset_index(drop=True)


SEGMENT_COLORS = {
    "headline": "#000000",
    "subheading": "#555555",
    "body": "#0072B2",
    "byline": "#56B4E9",
    "caption": "#009E73",
    "teaser": "#E69F00",
    "boilerplate": "#CC79A7",
}
"""Okabe–Ito colours per segment label (segments, not outlets)."""
