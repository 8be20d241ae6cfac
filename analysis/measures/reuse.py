"""Text reuse: near-verbatim passages shared by two articles, quotations excluded.

Only *authorial* text counts: body (and headline) sentences with every character
inside a quotation span removed. Two outlets that quote the same Putin sentence do not
reuse each other's text; two outlets whose own prose matches word for word do.

Method (shingling and containment, Broder 1997; passage extension in the spirit of
seed-and-extend text-reuse detectors such as Clough et al. 2002):

1. tokens are lower-cased, dots removed (``U.S.`` = ``US``), apostrophes straightened;
   each authorial stretch (text between quotations, never across one) is a block;
2. word n-gram shingles (default ``n = 5``) are taken inside blocks;
3. containment of article A in B = share of A's distinct shingles that occur in B;
4. shared shingle positions ``(i, j)`` are chained into passages: the next match must
   move forward in both articles by at most ``n + max_gap`` words and stay in the same
   blocks, so small edits (a changed word, an inserted clause) are bridged;
5. passages shorter than ``min_words`` words are dropped; each passage's similarity is
   the :class:`difflib.SequenceMatcher` ratio of the two word sequences.

References:
    Broder, A. Z. (1997). On the resemblance and containment of documents.
    *Compression and Complexity of Sequences 1997*, 21-29.
    Clough, P., Gaizauskas, R., Piao, S. S. L., & Wilks, Y. (2002). METER: Measuring
    text reuse. *Proceedings of ACL 2002*, 152-159.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.measures.keyness import DEFAULT_SEGMENTS, _words

TABLES = {
    "reuse": {
        "description": (
            "Near-verbatim passages of authorial text (quotations removed) shared by two "
            "articles: one row per passage pair, offsets into both raw files."
        ),
        "columns": {
            "passage_id": "id of the passage pair (r001, ...)",
            "article_a_id": "first article (lower id)",
            "outlet_a": "outlet of article_a_id",
            "article_b_id": "second article",
            "outlet_b": "outlet of article_b_id",
            "start_a": "raw offset where the passage starts in article_a_id",
            "end_a": "raw offset where the passage ends in article_a_id (raw[start_a:end_a])",
            "start_b": "raw offset where the passage starts in article_b_id",
            "end_b": "raw offset where the passage ends in article_b_id",
            "sentence_a_id": "sentence of article_a_id where the passage starts",
            "sentence_b_id": "sentence of article_b_id where the passage starts",
            "n_words_a": "words in the passage in article_a_id",
            "n_words_b": "words in the passage in article_b_id",
            "n_shared_shingles": "shared word n-gram shingles chained into the passage",
            "similarity": "difflib SequenceMatcher ratio of the two passages' word sequences "
            "(1 = identical)",
            "text_a": "the passage in article_a_id (raw[start_a:end_a])",
            "text_b": "the passage in article_b_id (raw[start_b:end_b])",
            "event_a": "event of article_a_id (analysis.text.events)",
            "event_b": "event of article_b_id; differs from event_a for reuse across stories "
            "(syndication, wire copy, house style)",
        },
    },
    "reuse_matrix": {
        "description": (
            "Pairwise reuse between articles over authorial text: one row per ordered "
            "pair (a, b), a != b, of articles in the same event (in an event of more than "
            "12 articles, the pairs that share a shingle), and per ordered pair of "
            "articles in different events that share at least one passage."
        ),
        "columns": {
            "article_a_id": "the article whose text is looked up",
            "outlet_a": "its outlet",
            "article_b_id": "the article it is compared with",
            "outlet_b": "its outlet",
            "shingles_a": "distinct authorial shingles in article_a_id",
            "shared_shingles": "distinct shingles of article_a_id that also occur in article_b_id",
            "containment": "shared_shingles / shingles_a (Broder containment of a in b)",
            "jaccard": "shared / union of the two articles' distinct shingles",
            "n_passages": "reuse passages found between the two articles",
            "words_a": "authorial words in article_a_id",
            "words_reused_a": "words of article_a_id inside passages shared with article_b_id",
            "share_reused_a": "words_reused_a / words_a",
            "event_a": "event of article_a_id",
            "event_b": "event of article_b_id",
        },
    },
}


@dataclass
class _Doc:
    article_id: str
    outlet: str
    norm: list[str]
    start: list[int]
    end: list[int]
    block: list[int]
    sentence: list[str]


_DOTS = re.compile(r"\.")
_ALNUM = re.compile(r"\w")


def _token_key(tok: str) -> str:
    tok = tok.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _DOTS.sub("", tok)


def _token_spans(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` (the project tokeniser) with offsets inside ``text``."""
    out = []
    pos = 0
    for tok in _words(text):
        if not _ALNUM.search(tok):
            continue
        k = text.find(tok, pos)
        if k < 0:
            continue
        out.append((tok, k, k + len(tok)))
        pos = k + len(tok)
    return _join_initialisms(text, out)


def _join_initialisms(text: str, toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Join letters written with dots ("U.S.", "U.N.") into one token ("US")."""
    out: list[tuple[str, int, int]] = []
    for tok, s, e in toks:
        if (
            out
            and len(tok) == 1
            and tok.isalpha()
            and text[out[-1][2] : s] == "."
            and all(len(p) == 1 for p in out[-1][0].split("\x00"))
            and out[-1][0].replace("\x00", "").isalpha()
        ):
            prev, ps, _ = out.pop()
            out.append((prev + "\x00" + tok, ps, e))
        else:
            out.append((tok, s, e))
    return [(t.replace("\x00", ""), s, e) for t, s, e in out]


def authorial_tokens(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame | None,
    *,
    segments: Iterable[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """Authorial word tokens with raw offsets and block ids.

    A block is a stretch of authorial text: it ends at every quotation span and at
    every sentence of a segment that is not counted (a caption between two body
    paragraphs), so shingles and passages never bridge a quotation.

    Returns:
        ``article_id, outlet, sentence_id, token, norm, start, end, block``.
    """
    segs = set(segments)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    if quote_spans is not None:
        for r in quote_spans.itertuples(index=False):
            spans[str(r.article_id)].append((int(r.start), int(r.end)))
    rows = []
    for aid, grp in sentences.sort_values(["article_id", "start"]).groupby("article_id"):
        block = 0
        qs = sorted(spans.get(str(aid), []))
        for r in grp.itertuples(index=False):
            if r.segment not in segs:
                block += 1
                continue
            s0, e0 = int(r.start), int(r.end)
            pos = s0
            pieces = []
            for qs_, qe in qs:
                if qe <= pos or qs_ >= e0:
                    continue
                if qs_ > pos:
                    pieces.append((pos, qs_, True))
                else:
                    pieces.append((pos, pos, True))
                pos = max(pos, qe)
            pieces.append((pos, e0, False))
            for s, e, cut_after in pieces:
                for tok, ts, te in _token_spans(r.text[s - s0 : e - s0]):
                    rows.append(
                        (aid, r.outlet, r.sentence_id, tok, _token_key(tok), s + ts, s + te, block)
                    )
                if cut_after:
                    block += 1
    cols = ["article_id", "outlet", "sentence_id", "token", "norm", "start", "end", "block"]
    return pd.DataFrame(rows, columns=cols)


def _docs(tokens: pd.DataFrame) -> list[_Doc]:
    docs = []
    for aid, g in tokens.groupby("article_id", sort=True):
        docs.append(
            _Doc(
                str(aid),
                str(g["outlet"].iloc[0]),
                g["norm"].tolist(),
                g["start"].tolist(),
                g["end"].tolist(),
                g["block"].tolist(),
                g["sentence_id"].tolist(),
            )
        )
    return docs


def _shingles(doc: _Doc, n: int) -> dict[tuple[str, ...], list[int]]:
    out: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(doc.norm) - n + 1):
        if doc.block[i] == doc.block[i + n - 1]:
            out[tuple(doc.norm[i : i + n])].append(i)
    return out


def _chains(
    matches: list[tuple[int, int]], a: _Doc, b: _Doc, n: int, max_gap: int
) -> list[list[tuple[int, int]]]:
    """Greedy chaining of shingle matches that move forward together in both docs."""
    chains: list[list[tuple[int, int]]] = []
    jump = n + max_gap
    for i, j in sorted(matches):
        best = None
        best_cost = None
        for c in chains:
            pi, pj = c[-1]
            di, dj = i - pi, j - pj
            if not (0 < di <= jump and 0 < dj <= jump):
                continue
            if a.block[i] != a.block[pi] or b.block[j] != b.block[pj]:
                continue
            if abs(di - dj) > max_gap:
                continue
            cost = di + dj + abs(di - dj)
            if best_cost is None or cost < best_cost:
                best, best_cost = c, cost
        if best is None:
            chains.append([(i, j)])
        else:
            best.append((i, j))
    return chains


def _raw_text(sentences: pd.DataFrame) -> dict[str, dict]:
    """Article text pieces by offset, to cut ``raw[start:end]`` from sentence texts."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for r in sentences.itertuples(index=False):
        out[str(r.article_id)].append((int(r.start), int(r.end), r.text))
    return out


def _cut(pieces: list[tuple[int, int, str]], start: int, end: int, raw: str | None) -> str:
    if raw is not None:
        return raw[start:end]
    parts = []
    for s, e, t in sorted(pieces):
        if e <= start or s >= end:
            continue
        parts.append(t[max(start, s) - s : min(end, e) - s])
    return " ".join(parts)


CROSS_EVENT_MAX_DF = 50
"""A shingle in more articles than this (a stock phrase) proposes no cross-event pair."""


COMPLETE_MATRIX_MAX = 12
"""An event with at most this many articles gets every pair in ``reuse_matrix`` (a
complete heatmap); a larger one only the pairs that share a shingle."""


def _candidate_pairs(
    docs: list[_Doc],
    sh: dict,
    event: dict[str, str],
    *,
    min_shared: int = 1,
    max_df: int = CROSS_EVENT_MAX_DF,
    complete_max: int = COMPLETE_MATRIX_MAX,
):
    """Article pairs to compare, in (a, b) document order.

    Within an event of at most ``complete_max`` articles every pair; within a larger
    event the pairs that share at least one shingle; across events the pairs that share
    at least ``min_shared`` shingles found in at most ``max_df`` articles (inverted
    index; a passage of ``min_words`` words holds ``min_words - n + 1`` consecutive
    shingles, so fewer shared shingles cannot make one). Counting pairs per shingle is
    bounded by ``max_df**2`` per shingle, so the cost does not grow with the square of
    the corpus."""
    index = {d.article_id: k for k, d in enumerate(docs)}
    by_event: dict[str, list[int]] = defaultdict(list)
    for k, d in enumerate(docs):
        by_event[event[d.article_id]].append(k)
    pairs: set[tuple[int, int]] = set()
    large = set()
    for ev, members in by_event.items():
        if len(members) <= complete_max:
            pairs.update((i, j) for x, i in enumerate(members) for j in members[x + 1 :])
        else:
            large.add(ev)
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    if len(by_event) > 1 or large:
        for d in docs:
            for s in sh[d.article_id]:
                postings[s].append(index[d.article_id])
    for ids in postings.values():  # within a large event: pairs sharing any shingle
        if len(ids) > 1:
            inside = [i for i in ids if event[docs[i].article_id] in large]
            pairs.update(
                (i, j)
                for x, i in enumerate(inside)
                for j in inside[x + 1 :]
                if event[docs[i].article_id] == event[docs[j].article_id]
            )
    if len(by_event) > 1:
        shared: Counter = Counter()
        for ids in postings.values():
            if 1 < len(ids) <= max_df:
                shared.update(
                    (i, j)
                    for x, i in enumerate(ids)
                    for j in ids[x + 1 :]
                    if event[docs[i].article_id] != event[docs[j].article_id]
                )
        pairs.update(p for p, k in shared.items() if k >= min_shared)
    return [(docs[i], docs[j]) for i, j in sorted(pairs)]


def reuse_passages(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame | None = None,
    *,
    n: int = 5,
    max_gap: int = 4,
    min_words: int = 8,
    segments: Iterable[str] = DEFAULT_SEGMENTS,
    raw: dict[str, str] | None = None,
    events: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shared passages and the pairwise matrix (the ``reuse`` and ``reuse_matrix`` tables).

    Pairs in one event are all compared (the matrix is complete within an event). Pairs
    across events are found from an inverted shingle index (only articles that share a
    shingle are compared, so the work does not grow with the square of the corpus) and
    kept when they share a passage.

    Args:
        sentences: the sentences table.
        quote_spans: the quote_spans table; ``None`` means no quotation is removed.
        n: shingle length in words.
        max_gap: words of difference bridged inside one passage.
        min_words: shortest passage reported (words in the shorter side).
        segments: segments whose authorial text is compared.
        raw: optional ``{article_id: raw text}`` so passage text is ``raw[start:end]``
            exactly (otherwise it is rebuilt from the sentences).
        events: ``{article_id: event}``; ``None`` puts every article in one event.

    Returns:
        ``(reuse, reuse_matrix)`` DataFrames; settings in ``attrs``.
    """
    for name, value, low in (("n", n, 1), ("max_gap", max_gap, 0), ("min_words", min_words, 1)):
        if int(value) < low:
            raise ValueError(f"{name} must be an integer >= {low}; got {value!r}")
    tokens = authorial_tokens(sentences, quote_spans, segments=segments)
    docs = _docs(tokens)
    sh = {d.article_id: _shingles(d, n) for d in docs}
    texts = _raw_text(sentences)
    event = {d.article_id: (events or {}).get(d.article_id, "E001") for d in docs}
    rows = []
    matrix = []
    for a, b in _candidate_pairs(docs, sh, event, min_shared=max(1, min_words - n + 1)):
        same = event[a.article_id] == event[b.article_id]
        sa, sb = sh[a.article_id], sh[b.article_id]
        shared = set(sa) & set(sb)
        matches = [(i, j) for s in shared for i in sa[s] for j in sb[s]]
        found = []
        for chain in _chains(matches, a, b, n, max_gap):
            i0, i1 = chain[0][0], chain[-1][0] + n - 1
            j0, j1 = chain[0][1], chain[-1][1] + n - 1
            wa, wb = i1 - i0 + 1, j1 - j0 + 1
            if min(wa, wb) < min_words:
                continue
            sim = difflib.SequenceMatcher(
                None, a.norm[i0 : i1 + 1], b.norm[j0 : j1 + 1], autojunk=False
            ).ratio()
            found.append((i0, i1, j0, j1, wa, wb, len(chain), sim))
        cover_a = np.zeros(len(a.norm), dtype=bool)
        cover_b = np.zeros(len(b.norm), dtype=bool)
        for i0, i1, j0, j1, wa, wb, k, sim in found:
            cover_a[i0 : i1 + 1] = True
            cover_b[j0 : j1 + 1] = True
            sa_, ea_ = a.start[i0], a.end[i1]
            sb_, eb_ = b.start[j0], b.end[j1]
            rows.append(
                {
                    "article_a_id": a.article_id,
                    "outlet_a": a.outlet,
                    "article_b_id": b.article_id,
                    "outlet_b": b.outlet,
                    "start_a": sa_,
                    "end_a": ea_,
                    "start_b": sb_,
                    "end_b": eb_,
                    "sentence_a_id": a.sentence[i0],
                    "sentence_b_id": b.sentence[j0],
                    "n_words_a": wa,
                    "n_words_b": wb,
                    "n_shared_shingles": k,
                    "similarity": sim,
                    "text_a": _cut(texts[a.article_id], sa_, ea_, (raw or {}).get(a.article_id)),
                    "text_b": _cut(texts[b.article_id], sb_, eb_, (raw or {}).get(b.article_id)),
                    "event_a": event[a.article_id],
                    "event_b": event[b.article_id],
                }
            )
        union = len(set(sa) | set(sb))
        n_pass = len(found)
        if not same and not n_pass:
            continue
        for x, y, sx, cov in ((a, b, sa, cover_a), (b, a, sb, cover_b)):
            matrix.append(
                {
                    "article_a_id": x.article_id,
                    "outlet_a": x.outlet,
                    "article_b_id": y.article_id,
                    "outlet_b": y.outlet,
                    "shingles_a": len(sx),
                    "shared_shingles": len(shared),
                    "containment": len(shared) / len(sx) if sx else 0.0,
                    "jaccard": len(shared) / union if union else 0.0,
                    "n_passages": n_pass,
                    "words_a": len(x.norm),
                    "words_reused_a": int(cov.sum()),
                    "share_reused_a": float(cov.mean()) if len(cov) else 0.0,
                    "event_a": event[x.article_id],
                    "event_b": event[y.article_id],
                }
            )
    reuse = pd.DataFrame(rows, columns=[c for c in TABLES["reuse"]["columns"] if c != "passage_id"])
    reuse = reuse.sort_values(
        ["article_a_id", "article_b_id", "start_a", "end_a", "start_b", "end_b"],
        kind="stable",
        ignore_index=True,
    )
    reuse.insert(0, "passage_id", [f"r{k + 1:03d}" for k in range(len(reuse))])
    mat = pd.DataFrame(matrix, columns=list(TABLES["reuse_matrix"]["columns"]))
    mat = mat.sort_values(["article_a_id", "article_b_id"], ignore_index=True)
    settings = {
        "method": "word n-gram shingles + containment (Broder 1997), chained into passages",
        "text": "authorial: quotation spans removed; blocks never cross a quotation",
        "shingle_words": int(n),
        "max_gap": int(max_gap),
        "min_words": int(min_words),
        "segments": list(segments),
        "normalisation": "lower case, dots removed, curly apostrophes straightened",
    }
    reuse.attrs.update(settings)
    mat.attrs.update(settings)
    return reuse, mat


def reuse_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: the ``reuse`` and ``reuse_matrix`` tables."""
    from analysis.text.events import article_event_map

    reuse, matrix = reuse_passages(
        ctx.tables["sentences"],
        ctx.tables["quote_spans"],
        raw=ctx.raw,
        events=article_event_map(ctx.tables),
    )
    return {"reuse": reuse, "reuse_matrix": matrix}


def reuse_by_outlet_pair(reuse_matrix: pd.DataFrame, *, scope: str = "within") -> pd.DataFrame:
    """Text reuse pooled per unordered pair of outlets (an outlet may pair with itself).

    The ``reuse_matrix`` has one row per ordered pair of articles compared; with several
    articles per outlet a reader needs the outlet pairs: how many article pairs were
    compared, how many share a passage, and how many passages in all.

    Args:
        reuse_matrix: the ``reuse_matrix`` table.
        scope: ``"within"`` (pairs of articles on the same event: every pair of an event
            is compared), ``"across"`` (pairs on different events, listed only when they
            share a passage: syndication, wire copy, house style) or ``"all"``.

    Returns:
        One row per pair of outlets (``outlet_a`` <= ``outlet_b``) with ``n_article_pairs``,
        ``n_pairs_with_passages`` and ``n_passages`` (each unordered article pair counted
        once), sorted by ``n_passages`` (most first), then the outlet names.
    """
    from analysis.errors import check_choice

    check_choice("scope", scope, ("within", "across", "all"))
    cols = ["outlet_a", "outlet_b", "n_article_pairs", "n_pairs_with_passages", "n_passages"]
    m = reuse_matrix[reuse_matrix["article_a_id"] < reuse_matrix["article_b_id"]]
    if scope != "all" and "event_a" in m:
        same = m["event_a"] == m["event_b"]
        m = m[same if scope == "within" else ~same]
    if m.empty:
        return pd.DataFrame(columns=cols)
    lo = m[["outlet_a", "outlet_b"]].min(axis=1)
    hi = m[["outlet_a", "outlet_b"]].max(axis=1)
    out = (
        m.assign(outlet_a=lo, outlet_b=hi, has=m["n_passages"] > 0)
        .groupby(["outlet_a", "outlet_b"])
        .agg(
            n_article_pairs=("n_passages", "size"),
            n_pairs_with_passages=("has", "sum"),
            n_passages=("n_passages", "sum"),
        )
        .reset_index()
        .sort_values(["n_passages", "outlet_a", "outlet_b"], ascending=[False, True, True])
    )
    return out[cols].reset_index(drop=True)
