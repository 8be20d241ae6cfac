"""Quotation spans: which characters of a raw text sit inside a direct quotation.

Rules (documented in ``docs/corpus-and-segmentation.md``):

* straight ``"`` and curly ``“ ”`` double quotes; curly ``‘ ’`` (and straight ``'``)
  single quotes when they open at the start of a word and close at its end;
* apostrophes never open or close anything (``Putin’s``, ``don't``, ``countries’``);
* a quotation left open at the end of a paragraph continues when the next paragraph
  opens again with the same kind of mark (the newspaper convention), or when the next
  paragraph's first double mark closes it (a quotation continued with only a closing
  mark: ``“… deserve better.`` / ``The Senate must act now,” he said.``); otherwise it
  is closed at the paragraph end and a warning is recorded (nothing raises);
* an **unmarked block quote**: a paragraph with no quotation marks that follows a
  paragraph ending in a speech verb and a colon (``… Pelosi wrote:``, ``the statement
  said:``, ``the letter reads:``) is a quotation in full (``mark`` is empty);
* only outermost spans are returned (a nested quote lies inside its parent).

A span runs from the opening mark to the closing mark, both included (a block quote: the
whole paragraph).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

DOUBLE_OPEN = "“"
DOUBLE_CLOSE = "”"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
_OPENERS_BEFORE = set(" \t\n\r([{—–-/“‘\"'") | {""}
_MARKS = ('"', DOUBLE_OPEN, DOUBLE_CLOSE, SINGLE_OPEN, SINGLE_CLOSE)
BLOCK_INTRO = re.compile(
    r"\b(?:said|says|wrote|writes|told|tells|added|adds|stated|states|declared|declares|"
    r"posted|tweeted|read|reads|continued|continues|explained|explains|warned|warns|"
    r"announced|announces)\b[^.!?“”\"]{0,60}:$",
    re.IGNORECASE,
)
"""A paragraph ending like this introduces an unmarked block quote (the next paragraph)."""


@dataclass(frozen=True)
class QuoteSpan:
    """One outermost quotation.

    Attributes:
        start: offset of the opening mark in the raw text.
        end: offset just after the closing mark (or the paragraph end if unclosed).
        closed: False when the quotation was closed at a paragraph end by rule.
        warning: why it was closed by rule ('' when balanced).
        mark: the opening mark; empty for an unmarked block quote.
    """

    start: int
    end: int
    closed: bool = True
    warning: str = ""
    mark: str = "“"


def paragraph_bounds(raw: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-empty line, end excluding trailing whitespace."""
    out = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return out


def _kind(mark: str) -> str:
    return "double" if mark in ('"', DOUBLE_OPEN, DOUBLE_CLOSE) else "single"


def quotation_spans(raw: str) -> list[QuoteSpan]:
    """Find the outermost direct quotations in ``raw``.

    Args:
        raw: the verbatim article text.

    Returns:
        Spans in text order; unclosed ones carry ``closed=False`` and a warning.
    """
    paras = paragraph_bounds(raw)
    spans: list[QuoteSpan] = []
    stack: list[tuple[str, str]] = []  # (kind, mark) of open quotes
    span_start = -1
    span_mark = ""
    carried = False  # the open quote continues into this paragraph with no opening mark
    for pi, (pstart, pend) in enumerate(paras):
        text = raw[pstart:pend]
        i = 0
        if not stack and pi and _is_block_quote(raw, paras, pi):
            spans.append(QuoteSpan(pstart, pend, True, "", ""))
            continue
        if stack and not carried:  # continuation: paragraph re-opens with the same mark
            if (
                text[:1]
                and text[0] in ('"', DOUBLE_OPEN, SINGLE_OPEN, "'")
                and _kind(text[0]) == _kind(stack[0][1])
            ):
                i = 1
            else:  # pragma: no cover - closed at previous paragraph end below
                stack.clear()
        carried = False
        while i < len(text):
            ch = text[i]
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            opening = closing = False
            if ch == DOUBLE_OPEN:
                opening = True
            elif ch == DOUBLE_CLOSE:
                closing = any(k == "double" for k, _ in stack)
            elif ch == '"':
                if any(k == "double" for k, _ in stack):
                    closing = True
                else:
                    opening = True
            elif ch in (SINGLE_OPEN, "'"):
                if prev in _OPENERS_BEFORE and nxt.strip() and not nxt.isspace():
                    if ch == SINGLE_OPEN or _has_single_close(text, i + 1, "'"):
                        opening = True
                if not opening and ch == "'" and stack and stack[-1][0] == "single":
                    closing = _closes_single(prev, nxt)
            if ch == SINGLE_CLOSE and stack and stack[-1][0] == "single":
                closing = _closes_single(prev, nxt)
            if opening:
                if not stack:
                    span_start, span_mark = pstart + i, ch
                stack.append((_kind(ch), ch))
            elif closing:
                kind = "double" if ch in ('"', DOUBLE_CLOSE) else "single"
                while stack and stack[-1][0] != kind:
                    stack.pop()
                if stack:
                    stack.pop()
                if not stack:
                    spans.append(QuoteSpan(span_start, pstart + i + 1, True, "", span_mark))
            i += 1
        if stack:
            nxt_text = raw[paras[pi + 1][0] : paras[pi + 1][1]] if pi + 1 < len(paras) else ""
            continues = bool(nxt_text) and nxt_text[0] in ('"', DOUBLE_OPEN, SINGLE_OPEN, "'")
            continues = continues and _kind(nxt_text[0]) == _kind(stack[0][1])
            if not continues and _closes_first(nxt_text, stack[0][0]):
                carried = continues = True
            if not continues:
                warning = (
                    f"unbalanced {span_mark} opened at offset {span_start}: "
                    f"closed at paragraph end (offset {pend})"
                )
                spans.append(QuoteSpan(span_start, pend, False, warning, span_mark))
                stack.clear()
    return spans


def _closes_first(text: str, kind: str) -> bool:
    """True when the first double mark of ``text`` closes a quotation left open before it.

    A curly ``”`` closes; a straight ``"`` closes when the paragraph holds an odd number of
    them (the first one pairs with the open quotation). Single quotes never continue this
    way (too easily confused with apostrophes).
    """
    if kind != "double":
        return False
    for ch in text:
        if ch == DOUBLE_CLOSE:
            return True
        if ch == DOUBLE_OPEN:
            return False
        if ch == '"':
            return text.count('"') % 2 == 1
    return False


def _is_block_quote(raw: str, paras: list[tuple[int, int]], pi: int) -> bool:
    """Paragraph ``pi`` is an unmarked block quote introduced by ``… said:``."""
    text = raw[paras[pi][0] : paras[pi][1]]
    prev = raw[paras[pi - 1][0] : paras[pi - 1][1]]
    if any(m in text for m in _MARKS if m not in (SINGLE_CLOSE,)):
        return False
    return bool(BLOCK_INTRO.search(prev.rstrip()))


def _has_single_close(text: str, i: int, mark: str) -> bool:
    j = text.find(mark, i)
    while j != -1:
        nxt = text[j + 1] if j + 1 < len(text) else ""
        if not nxt.isalnum():
            return True
        j = text.find(mark, j + 1)
    return False


def _closes_single(prev: str, nxt: str) -> bool:
    """A single mark closes at a word end: after a non-space, before a non-letter."""
    return bool(prev) and not prev.isspace() and not nxt.isalnum()


def in_quote(spans: Sequence[QuoteSpan], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies wholly inside one quotation span."""
    starts = [s.start for s in spans]
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and spans[k].start <= start and end <= spans[k].end


def quoted_chars(spans: Sequence[QuoteSpan], start: int, end: int) -> int:
    """Number of characters of ``[start, end)`` covered by quotation spans."""
    total = 0
    for s in spans:
        if s.start >= end:
            break
        total += max(0, min(end, s.end) - max(start, s.start))
    return total
