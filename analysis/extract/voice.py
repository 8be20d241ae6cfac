"""One voice model: whose words every character of an article is.

Every character of every sentence gets exactly one voice (documented once, with
examples, in ``docs/voice.md``):

* ``quoted``: inside quotation marks (marks included), in the voice of the quotation's
  speaker;
* ``reported``: outside quotation marks, inside a clause that a reporting verb attributes
  to a speaker ("Putin warned that *…*", "condemned the deal *as a threat*"), in that
  speaker's voice;
* ``authorial``: everything else: the outlet's own words.

:func:`voice_spans` computes the model once per article as a partition of the sentence
characters into maximal runs of one voice and speaker. It is literally
:func:`analysis.extract.attribution.voice_at` asked about every character (one call per run
between two span boundaries), so a range lies in one voice exactly when ``voice_at``
says so. Every measure that splits by voice reads it: loaded terms (``voice_at``),
keyness "authorial" scope (:func:`authorial_pieces`), sentence and window shares for
sentiment (:func:`voice_shares_of`, :func:`sentence_voice`) and the share of body words
per voice and speaker group (:func:`voice_shares`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.text.segment import BODY_SEGMENTS

VOICES = ("authorial", "quoted", "reported")
"""The three voices, in display order (the same values in every table)."""

SPEECH_THRESHOLD = 0.5
"""A stretch is someone else's speech when at least this share of its characters is
quoted or reported (see :func:`sentence_voice`)."""

TABLES = {
    "voice_spans": {
        "description": "The voice model (docs/voice.md): every sentence character of every "
        "article in exactly one run of one voice and speaker (analysis.extract.voice.voice_spans).",
        "columns": {
            "article_id": "article id",
            "sentence_id": "sentence of the run (runs never cross sentences)",
            "segment": "segment of the sentence",
            "start": "raw offset of the run",
            "end": "end offset (exclusive)",
            "voice": "authorial, quoted or reported",
            "speaker": "speaker of a quoted or reported run (actor id, anonymous or "
            "unattributed); empty for authorial",
            "text": "raw[start:end]",
        },
    },
    "voice_shares": {
        "description": "Per outlet: body words (headline + body) by voice and speaker, with "
        "the speaker's side; each word counted once, in the voice of its first character.",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "voice": "authorial, quoted or reported",
            "side": "side of the speaker (actor list), anonymous, unattributed; "
            "'outlet' for authorial words",
            "speaker": "speaker id; 'outlet' for authorial words",
            "n_words": "words in this voice and speaker",
            "body_words": "all words of the outlet's headline + body",
            "share": "n_words / body_words",
        },
    },
}


# --------------------------------------------------------------------------- model
def voice_spans(sentences: pd.DataFrame, speech) -> pd.DataFrame:
    """Partition every sentence into maximal runs of one voice and speaker.

    Args:
        sentences: the sentences table (``article_id, sentence_id, segment, start, end,
            text``).
        speech: the ``speech`` table (``article_id, kind, start, end, speaker``).

    Returns:
        The ``voice_spans`` table, sorted by article and start; the runs of a sentence
        cover it exactly (``sum(end - start) == sentence end - start``).
    """
    from analysis.extract.attribution import SpeechIndex

    index = SpeechIndex(speech)
    bounds: dict[str, list[int]] = {}
    for a, s, e in zip(speech["article_id"], speech["start"], speech["end"], strict=True):
        bounds.setdefault(str(a), []).extend((int(s), int(e)))
    for k in bounds:
        bounds[k] = sorted(set(bounds[k]))
    rows = []
    order = sentences.sort_values(["article_id", "start", "sentence_id"], kind="stable")
    for s in order.itertuples(index=False):
        aid, s0, e0 = str(s.article_id), int(s.start), int(s.end)
        b = bounds.get(aid, [])
        cuts = [s0] + b[bisect.bisect_right(b, s0) : bisect.bisect_left(b, e0)] + [e0]
        runs: list[list] = []
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            if hi <= lo:
                continue
            voice, speaker = index.voice(aid, lo, hi)
            speaker = str(speaker or "unattributed") if voice != "authorial" else ""
            if runs and runs[-1][2] == voice and runs[-1][3] == speaker:
                runs[-1][1] = hi
            else:
                runs.append([lo, hi, voice, speaker])
        for lo, hi, voice, speaker in runs:
            rows.append(
                {
                    "article_id": aid,
                    "sentence_id": s.sentence_id,
                    "segment": s.segment,
                    "start": lo,
                    "end": hi,
                    "voice": voice,
                    "speaker": speaker,
                    "text": s.text[lo - s0 : hi - s0],
                }
            )
    cols = list(TABLES["voice_spans"]["columns"])
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update({"voices": list(VOICES), "model": "analysis.extract.voice.voice_spans"})
    return out


def _by_article(spans: pd.DataFrame) -> dict[str, tuple[list[int], list[tuple]]]:
    out: dict[str, tuple[list[int], list[tuple]]] = {}
    cols = (spans[c].tolist() for c in ("article_id", "start", "end", "voice", "speaker"))
    for a, s, e, v, sp in zip(*cols, strict=True):
        out.setdefault(str(a), ([], []))[1].append((int(s), int(e), v, sp))
    for starts, rows in out.values():
        rows.sort()
        starts.extend(r[0] for r in rows)
    return out


class VoiceIndex:
    """A ``voice_spans`` table indexed per article, for many range look-ups."""

    def __init__(self, spans: pd.DataFrame):
        self._by = _by_article(spans)

    def runs(self, article_id: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """The runs overlapping ``[start, end)``, clipped to it."""
        starts, rows = self._by.get(str(article_id), ([], []))
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        out = []
        for s, e, v, sp in rows[k:]:
            if s >= end:
                break
            lo, hi = max(s, start), min(e, end)
            if hi > lo:
                out.append((lo, hi, v, sp))
        return out

    def shares(self, article_id: str, start: int, end: int) -> dict[str, float]:
        """Share of the characters of ``[start, end)`` in each voice (zeros if none)."""
        n = {v: 0 for v in VOICES}
        for lo, hi, v, _ in self.runs(article_id, start, end):
            n[v] += hi - lo
        total = max(1, end - start)
        return {v: n[v] / total for v in VOICES}

    def voice_of_char(self, article_id: str, pos: int) -> tuple[str, str]:
        """Voice and speaker of the character at ``pos`` (``authorial`` outside runs)."""
        got = self.runs(article_id, pos, pos + 1)
        return (got[0][2], got[0][3]) if got else ("authorial", "")


def sentence_voice(
    share_authorial, share_quoted, share_reported, *, threshold: float = SPEECH_THRESHOLD
) -> np.ndarray:
    """Voice of a stretch from its shares: whose words it mostly is.

    Someone else's (``quoted`` or ``reported``, the larger; ``quoted`` on a tie) when
    ``share_quoted + share_reported >= threshold``, else ``authorial``.
    """
    q = np.asarray(share_quoted, dtype=float)
    r = np.asarray(share_reported, dtype=float)
    other = np.where(q >= r, "quoted", "reported")
    return np.where(q + r >= threshold, other, "authorial")


def voice_shares_of(
    table: pd.DataFrame, spans: pd.DataFrame | VoiceIndex, *, ndigits: int = 4
) -> pd.DataFrame:
    """``share_authorial, share_quoted, share_reported`` of each row's ``[start, end)``.

    Args:
        table: any table with ``article_id, start, end`` (sentences, windows).
        spans: the ``voice_spans`` table or its :class:`VoiceIndex`.
        ndigits: rounding of the shares.

    Returns:
        Three columns, index aligned with ``table``.
    """
    index = spans if isinstance(spans, VoiceIndex) else VoiceIndex(spans)
    rows = [
        index.shares(a, int(s), int(e))
        for a, s, e in zip(table["article_id"], table["start"], table["end"], strict=True)
    ]
    out = pd.DataFrame(rows, columns=list(VOICES), index=table.index, dtype=float)
    out = out.round(ndigits)
    return out.rename(columns={v: f"share_{v}" for v in VOICES})


def authorial_pieces(
    sentences: pd.DataFrame,
    spans: pd.DataFrame,
    *,
    segments: Sequence[str] = BODY_SEGMENTS,
) -> pd.DataFrame:
    """The authorial runs of the chosen segments: ``article_id, outlet, sentence_id,
    start, end, text`` (the keyness "authorial" scope, and any other own-voice count)."""
    segs = set(segments)
    outlet = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    s = spans[(spans["voice"] == "authorial") & spans["segment"].isin(segs)]
    s = s[s["text"].str.strip() != ""]
    out = pd.DataFrame(
        {
            "article_id": s["article_id"],
            "outlet": s["article_id"].map(outlet),
            "sentence_id": s["sentence_id"],
            "start": s["start"],
            "end": s["end"],
            "text": s["text"],
        }
    )
    return out.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- shares
def voice_shares(
    spans: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: Sequence[str] = BODY_SEGMENTS,
) -> pd.DataFrame:
    """Body words per article/outlet by voice and speaker (the ``voice_shares`` table).

    Each word token (:func:`analysis.text.sentences.words`) counts once, in the voice of its
    first character, so the rows of an article sum to its body words.

    Args:
        spans: the ``voice_spans`` table.
        sentences: the sentences table.
        actors: actor list (for sides); default the shipped list.
        segments: segments counted (default headline and body).
    """
    from analysis.extract.actors import actor_sides, load_actors
    from analysis.text.segment import WORD

    sides = actor_sides(load_actors() if actors is None else actors)
    index = VoiceIndex(spans)
    counts: dict[tuple[str, str, str], int] = {}
    body: dict[str, int] = {}
    outlet = {}
    sents = sentences[sentences["segment"].isin(tuple(segments))]
    sents = sents.sort_values(["article_id", "start", "sentence_id"], kind="stable")
    for s in sents.itertuples(index=False):
        aid = str(s.article_id)
        outlet[aid] = s.outlet
        body.setdefault(aid, 0)
        runs = index.runs(aid, int(s.start), int(s.end))
        starts = [r[0] for r in runs]
        for m in WORD.finditer(s.text):
            pos = int(s.start) + m.start()
            k = bisect.bisect_right(starts, pos) - 1
            v, sp = (runs[k][2], runs[k][3]) if k >= 0 and pos < runs[k][1] else ("authorial", "")
            key = (aid, v, sp if v != "authorial" else "outlet")
            counts[key] = counts.get(key, 0) + 1
            body[aid] += 1
    rows = []
    vorder = {v: i for i, v in enumerate(VOICES)}
    for (aid, v, sp), n in counts.items():
        side = "outlet" if v == "authorial" else sides.get(sp, "unattributed" if not sp else sp)
        rows.append(
            {
                "article_id": aid,
                "outlet": outlet[aid],
                "voice": v,
                "side": side,
                "speaker": sp,
                "n_words": n,
                "body_words": body[aid],
                "share": round(n / body[aid], 6) if body[aid] else 0.0,
                "_v": vorder[v],
            }
        )
    cols = list(TABLES["voice_shares"]["columns"])
    out = pd.DataFrame(rows, columns=[*cols, "_v"])
    out = out.sort_values(
        ["article_id", "_v", "n_words", "speaker"], ascending=[True, True, False, True]
    )
    out = out.drop(columns="_v").reset_index(drop=True)
    out.attrs.update({"segments": list(segments), "word_voice": "voice of the first character"})
    return out


def side_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """``voice_shares`` summed per outlet × voice × side (the figure's table)."""
    g = shares.groupby(["outlet", "voice", "side"], sort=False, as_index=False).agg(
        n_words=("n_words", "sum")
    )
    # an outlet's body words: each of its articles once (rows repeat them per voice/side)
    per_article = shares.drop_duplicates("article_id")
    body = per_article.groupby("outlet", sort=False)["body_words"].sum()
    g["body_words"] = g["outlet"].map(body).astype(int)
    g["share"] = (g["n_words"] / g["body_words"]).round(6)
    vorder = {v: i for i, v in enumerate(VOICES)}
    g["_v"] = g["voice"].map(vorder)
    g = g.sort_values(["outlet", "_v", "n_words", "side"], ascending=[True, True, False, True])
    return g.drop(columns="_v").reset_index(drop=True)


# --------------------------------------------------------------------------- pipeline
def voice_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``voice_spans``, ``voice_shares``; adds the three ``share_*``
    columns to the ``sentences`` table (read by sentiment)."""
    sentences = ctx.tables["sentences"]
    spans = voice_spans(sentences, ctx.tables["speech"])
    shares = voice_shares_of(sentences, spans)
    sentences = sentences.copy()
    for c in shares.columns:
        sentences[c] = shares[c].to_numpy()
    return {
        "sentences": sentences,
        "voice_spans": spans,
        "voice_shares": voice_shares(spans, sentences, actors=ctx.tables.get("_actors")),
    }
