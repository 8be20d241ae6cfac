"""Quotes and source selection: whose words each outlet carries, and how much.

Builds on :mod:`analysis.extract.attribution` (speakers) and :mod:`analysis.extract.actors` (sides).
``quotes`` lists every direct quotation with its speaker and whether it is a full
quotation or a fragment; ``source_selection`` gives per outlet the share of quoted words
by speaker and by side; ``source_summary`` the number of distinct sources and the share
of the body that is quotation. Source selection ("who gets a voice") is one of the forms
of media bias reviewed by Hamborg, Donnay and Gipp (2019).

References:
    Hamborg, F., Donnay, K., & Gipp, B. (2019). Automated identification of media bias
    in news articles: an interdisciplinary literature review. International Journal on
    Digital Libraries, 20(4), 391-415.
    Efron, B., & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman &
    Hall (percentile intervals).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.extract.actors import actor_naming, actor_sides, load_actors, side_of
from analysis.extract.attribution import SPEAKER_KINDS, headline_verbs, reporting_verbs
from analysis.io import row_positions
from analysis.stats import bootstrap_interval
from analysis.text.segment import BODY_SEGMENTS
from analysis.text.sentences import words

SIDE_ORDER = [
    "russia",
    "north_korea",
    "south_korea",
    "united_states",
    "ukraine",
    "japan",
    "vietnam",
    "unlisted",
    "anonymous",
    "unattributed",
]
"""Order of sides in tables and figures; other sides from a user actor list follow."""

TABLES = {
    "quotes": {
        "description": "One row per direct quotation (quotation marks), with its speaker "
        "and whether it is a full quotation or a fragment.",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "quote_id": "quotation span id (as in quote_spans)",
            "sentence_id": "sentence where the quotation starts",
            "segment": "segment of that sentence",
            "start": "raw offset of the opening mark",
            "end": "raw offset after the closing mark (paragraph end if unclosed)",
            "text": "raw[start:end], marks included",
            "n_words": "words inside the marks (analysis.text.sentences.words)",
            "speaker": "actor id, normalised name of a named speaker not on the actor "
            "list, anonymous or unattributed (see speech.speaker)",
            "speaker_side": "side of the speaker (actor list); unlisted for a named speaker "
            "not on it; anonymous / unattributed",
            "speaker_text": "the speaker phrase as written",
            "verb": "reporting verb lemma of the attribution cue, empty if none",
            "kind": "full: a sentence or more (starts with a capital or opens its "
            "sentence, ends with . ? ! or , and has at least 4 words); fragment: a partial "
            "quotation or scare quote",
            "closed": "False when the closing mark is missing (closed at paragraph end)",
            "rule": "attribution rule (see speech.rule)",
            "speaker_id": "actor id, normalised name or role; empty when no speaker (see "
            "speech.speaker_id)",
            "speaker_kind": "actor, named, role, pronoun or unresolved (see speech.speaker_kind)",
            "scare_quote": "True for a scare quote: the outlet's own word choice, not speech",
        },
    },
    "source_selection": {
        "description": "Per outlet: quoted and reported words by speaker and by side "
        "(headline + body).",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "by": "speaker or side: what 'source' groups",
            "source": "speaker id or side",
            "side": "side of the source",
            "n_quotes": "direct quotations",
            "quoted_words": "words inside those quotations",
            "share_quoted_words": "quoted_words / all quoted words of the outlet",
            "n_reported": "reported clauses (outside quotation marks)",
            "reported_words": "words in those clauses, quotations inside them excluded",
            "source_type": "how the source speaks: quoted (only in quotation marks), "
            "paraphrased (only in reported speech) or quoted+paraphrased",
        },
    },
    "source_summary": {
        "description": "Per outlet: how many sources speak and how much of the body is "
        "quotation (headline + body).",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "body_words": "words in headline + body sentences",
            "quoted_words": "of which inside quotation marks",
            "quote_share": "quoted_words / body_words",
            "quote_share_low": "2.5% percentile of a sentence bootstrap (2000 draws, seed 0)",
            "quote_share_high": "97.5% percentile of the same bootstrap",
            "n_quotes": "direct quotations",
            "n_full": "of which full quotations",
            "n_fragment": "of which fragments",
            "n_sources": "distinct speakers of quotations or reported speech, anonymous "
            "counted once, unattributed not counted",
            "n_named_sources": "distinct actor ids among them",
            "n_sides": "distinct sides among named sources",
            "top_source": "speaker with most quoted words",
            "top_source_share": "its share of quoted words",
            "putin_share": "share of quoted words that are Putin's",
            "reported_words": "body words in reported speech (voice model, docs/voice.md; "
            "each word once)",
            "reported_share": "reported_words / body_words",
            "n_quoted_sources": "distinct sources (as n_sources) with at least one quotation",
            "n_paraphrased_sources": "distinct sources only paraphrased (reported speech, "
            "never quoted)",
        },
    },
}


TABLES["source_summary_outlets"] = {
    "description": (
        "source_summary per outlet (all its articles), outlets in the order of their first "
        "article: what notebooks compare. With one "
        "article the row is that article's; with several, the interval of quote_share "
        "resamples the outlet's articles (the independent units), not sentences."
    ),
    "columns": {
        "outlet": "outlet name",
        "n_articles": "articles of the outlet",
        **{
            c: d
            for c, d in TABLES["source_summary"]["columns"].items()
            if c not in ("article_id", "outlet")
        },
        "interval_unit": "what the quote_share interval resamples: sentence (one article) "
        "or article",
    },
}


def _by_article(table: pd.DataFrame):
    """``{article_id: its rows}`` in one pass (a filter per article would be O(N^2))."""
    empty = table.iloc[0:0]
    groups = dict(tuple(table.groupby("article_id", sort=False)))
    return lambda aid: groups.get(aid, empty)


def _source_counts(
    qa: pd.DataFrame, spa: pd.DataFrame, sides: dict, *, body_words: float, reported_words: int
) -> dict:
    """The source columns of a ``source_summary`` row from its quotes and speech rows."""
    speakers = set(spa["speaker"]) - {"unattributed"}
    named = speakers - {"anonymous"}
    quoted_by = set(spa.loc[spa["kind"] == "quoted", "speaker"]) & speakers
    by = qa.groupby("speaker")["n_words"].sum()  # ties: the first speaker id wins
    by = by.iloc[np.lexsort((by.index.to_numpy(dtype=str), -by.to_numpy()))]
    qsum = qa["n_words"].sum()
    return {
        "n_sources": len(speakers),
        "n_named_sources": len(named),
        "n_sides": len({sides.get(x, "") for x in named} - {""}),
        "top_source": by.index[0] if len(by) else "",
        "top_source_share": float(by.iloc[0] / qsum) if qsum else 0.0,
        "putin_share": float(by.get("putin", 0) / qsum) if qsum else 0.0,
        "reported_words": reported_words,
        "reported_share": reported_words / body_words if body_words else float("nan"),
        "n_quoted_sources": len(quoted_by),
        "n_paraphrased_sources": len(speakers - quoted_by),
    }


def _sides(actors):
    return actor_sides(actors)


def quote_kind(text: str, *, opens_sentence: bool, n_words: int) -> str:
    """``full`` for a sentence or more, ``fragment`` for a partial or scare quote."""
    inner = text[1:].rstrip("”\"’' \n")
    if text[-1:] in "”\"’'":
        inner = text[1:-1].strip()
    starts = bool(inner) and (inner[0].isupper() or opens_sentence)
    ends = inner.endswith((".", "?", "!", ",", "…")) or bool(re.search(r"[.?!]\s", inner))
    return "full" if starts and ends and n_words >= 4 else "fragment"


def quotes_table(
    speech: pd.DataFrame,
    quote_spans: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per direct quotation with speaker, side and kind (full / fragment).

    Args:
        speech: :func:`analysis.extract.attribution.speech_spans` output.
        quote_spans: the quote_spans table.
        sentences: the sentences table.
        actors: actor list for sides.
    """
    sides = _sides(load_actors() if actors is None else actors)
    q = (
        speech[speech["kind"] == "quoted"]
        .drop(columns=["text"], errors="ignore")
        .merge(
            quote_spans[["quote_span_id", "text", "closed"]].assign(
                mark=quote_spans["mark"] if "mark" in quote_spans else "“"
            ),
            on="quote_span_id",
            how="left",
        )
    )
    sent = sentences.set_index("sentence_id")
    rows = []
    for r in q.itertuples(index=False):
        s = sent.loc[r.sentence_id]
        block = r.mark == ""  # an unmarked block quote: the whole paragraph
        inner = r.text if block else r.text[1:-1] if r.closed else r.text[1:]
        n = len(words(inner))
        opens = s["text"][: r.start - int(s["start"])].strip() == ""
        rows.append(
            {
                "article_id": r.article_id,
                "outlet": s["outlet"],
                "quote_id": r.quote_span_id,
                "sentence_id": r.sentence_id,
                "segment": r.segment,
                "start": int(r.start),
                "end": int(r.end),
                "text": r.text,
                "n_words": n,
                "speaker": r.speaker,
                "speaker_side": side_of(sides, r.speaker),
                "speaker_text": r.speaker_text,
                "verb": r.verb,
                "kind": quote_kind(
                    f"“{r.text}”" if block else r.text, opens_sentence=opens, n_words=n
                ),
                "closed": bool(r.closed),
                "rule": r.rule,
                "speaker_id": r.speaker_id,
                "speaker_kind": r.speaker_kind,
                "scare_quote": bool(r.scare_quote),
            }
        )
    return pd.DataFrame(rows, columns=list(TABLES["quotes"]["columns"]))


def _reported_words(speech: pd.DataFrame, sentences: pd.DataFrame) -> pd.Series:
    """Words of each reported clause outside any quotation inside it."""
    text = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    start = dict(zip(sentences["sentence_id"], sentences["start"], strict=True))
    quoted = speech[speech["kind"] == "quoted"]
    quoted_in: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in zip(quoted["article_id"], quoted["start"], quoted["end"], strict=True):
        quoted_in.setdefault(a, []).append((s, e))
    out = {}
    for r in speech[speech["kind"] == "reported"].itertuples():
        s0 = int(start[r.sentence_id])
        chunk = list(text[r.sentence_id][r.start - s0 : r.end - s0])
        for q_start, q_end in quoted_in.get(r.article_id, ()):
            if not (q_start < r.end and q_end > r.start):
                continue
            for i in range(max(q_start, r.start) - r.start, min(q_end, r.end) - r.start):
                chunk[i] = " "
        out[r.Index] = len(words("".join(chunk)))
    return pd.Series(out, dtype=int)


def source_selection(
    quotes: pd.DataFrame,
    speech: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: tuple[str, ...] = BODY_SEGMENTS,
) -> pd.DataFrame:
    """Quoted and reported words per outlet by speaker and by side (long table).

    Args:
        quotes: :func:`quotes_table` output.
        speech: speech table (for reported clauses).
        sentences: sentences table.
        actors: actor list for sides.
        segments: segments counted (default headline and body).
    """
    sides = _sides(load_actors() if actors is None else actors)
    q = quotes[quotes["segment"].isin(segments)].copy()
    rep = speech[(speech["kind"] == "reported") & speech["segment"].isin(segments)].copy()
    # the whole speech table: quotations inside a reported clause are not its words
    rep["n_words"] = _reported_words(speech, sentences).reindex(rep.index).fillna(0).astype(int)
    outlet = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    rep["outlet"] = rep["article_id"].map(outlet)
    rep["speaker_side"] = [side_of(sides, x) for x in rep["speaker"]]
    rows = []
    q_of, rep_of = _by_article(q), _by_article(rep)
    for aid in sorted(set(q["article_id"]) | set(rep["article_id"])):
        qa, ra = q_of(aid), rep_of(aid)
        total = qa["n_words"].sum()
        q_words, r_words = qa["n_words"].to_numpy(), ra["n_words"].to_numpy()
        for by, col in (("speaker", "speaker"), ("side", "speaker_side")):
            keys = list(dict.fromkeys(list(qa[col]) + list(ra[col])))
            q_rows, r_rows = row_positions(qa, [col]), row_positions(ra, [col])
            for k in keys:
                qk, rk = q_words[q_rows.get((k,), [])], r_words[r_rows.get((k,), [])]
                rows.append(
                    {
                        "article_id": aid,
                        "outlet": outlet.get(aid, ""),
                        "by": by,
                        "source": k,
                        "side": side_of(sides, k) if by == "speaker" else k,
                        "n_quotes": len(qk),
                        "quoted_words": int(qk.sum()),
                        "share_quoted_words": float(qk.sum() / total) if total else 0.0,
                        "n_reported": len(rk),
                        "reported_words": int(rk.sum()),
                        "source_type": "+".join(
                            n for n, on in (("quoted", len(qk)), ("paraphrased", len(rk))) if on
                        ),
                    }
                )
    out = pd.DataFrame(rows, columns=list(TABLES["source_selection"]["columns"]))
    out = out.sort_values(
        ["article_id", "by", "quoted_words", "source"], ascending=[True, False, False, True]
    )
    out = out.reset_index(drop=True)
    out.attrs.update({"segments": list(segments)})
    return out


def source_summary(
    quotes: pd.DataFrame,
    speech: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: tuple[str, ...] = BODY_SEGMENTS,
    n_boot: int = 2000,
    seed: int = 0,
    voice_shares: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per outlet: sources, quotations and the share of the body that is quotation.

    The interval of ``quote_share`` is a percentile bootstrap over the outlet's
    sentences (seeded): it shows how much the share depends on a few quote-heavy
    sentences, not sampling error over a population of articles. ``voice_shares``
    (:func:`analysis.extract.voice.voice_shares`) gives the reported-speech words; without it
    they are 0.
    """
    if n_boot < 1:
        raise ValueError("n_boot must be a positive integer")
    rng = np.random.default_rng(seed)
    sides = _sides(load_actors() if actors is None else actors)
    sents = sentences[sentences["segment"].isin(segments)]
    q = quotes[quotes["segment"].isin(segments)]
    sp = speech[speech["segment"].isin(segments)]
    rows = []
    q_of, sp_of = _by_article(q), _by_article(sp)
    vs_of = _by_article(voice_shares) if voice_shares is not None else None
    for aid, s in sents.groupby("article_id", sort=True):
        s = s.sort_values(["start", "end"], kind="stable")  # the bootstrap sees text order
        qa = q_of(aid).sort_values(["start", "end"], kind="stable")
        spans = list(zip(qa["start"], qa["end"], strict=True))
        total_w, quoted_w = [], []
        for r in s.itertuples(index=False):
            total_w.append(len(words(r.text)))
            inside = 0
            for a, b in spans:
                lo, hi = max(a, r.start), min(b, r.end)
                if lo < hi:
                    inside += len(words(r.text[lo - r.start : hi - r.start]))
            quoted_w.append(inside)
        tw, qw = np.array(total_w), np.array(quoted_w)
        share = qw.sum() / tw.sum() if tw.sum() else float("nan")
        low, high = bootstrap_interval(
            lambda idx, qw=qw, tw=tw: qw[idx].sum(1) / np.maximum(tw[idx].sum(1), 1),
            len(tw),
            rng=rng,
            n_boot=n_boot,
        )
        rep_w = 0
        if voice_shares is not None:
            vs = vs_of(aid)
            rep_w = int(vs.loc[vs["voice"] == "reported", "n_words"].sum())
        rows.append(
            {
                "article_id": aid,
                "outlet": s["outlet"].iloc[0],
                "body_words": int(tw.sum()),
                "quoted_words": int(qw.sum()),
                "quote_share": float(share),
                "quote_share_low": low,
                "quote_share_high": high,
                "n_quotes": len(qa),
                "n_full": int((qa["kind"] == "full").sum()),
                "n_fragment": int((qa["kind"] == "fragment").sum()),
                **_source_counts(qa, sp_of(aid), sides, body_words=tw.sum(), reported_words=rep_w),
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["source_summary"]["columns"]))
    out.attrs.update(
        {"segments": list(segments), "bootstrap": {"n": n_boot, "seed": seed, "unit": "sentence"}}
    )
    return out


TABLES["attribution_summary"] = {
    "description": "Per article: how many quotations and reported clauses have a speaker, "
    "and how many of the speakers are listed actors (headline + body; scare quotes are the "
    "outlet's own words and left out).",
    "columns": {
        "article_id": "article id",
        "outlet": "outlet name",
        "n_quotes": "quotations (quotation marks or block quotes), scare quotes excluded",
        "n_scare_quotes": "scare quotes (1-3 quoted words with no speech verb, or after "
        "'so-called')",
        "n_quotes_with_speaker": "quotations whose speaker was found (speaker_kind not unresolved)",
        "quote_speaker_share": "n_quotes_with_speaker / n_quotes",
        "quote_speaker_share_low": "Clopper-Pearson 95% lower bound",
        "quote_speaker_share_high": "Clopper-Pearson 95% upper bound",
        "n_reported": "reported clauses",
        "n_reported_with_speaker": "of which with a speaker",
        "n_speakers": "distinct speakers (speaker_id) of quotations and reported clauses",
        "n_actor_speakers": "of which listed actors",
        "actor_speaker_share": "n_actor_speakers / n_speakers",
        "n_actor": "quotations + reported clauses whose speaker is a listed actor named in "
        "the cue (speaker_kind actor)",
        "n_named": "... a proper name not on the actor list",
        "n_role": "... a role or vague source ('a senior official', 'analysts')",
        "n_pronoun": "... a pronoun resolved to an antecedent",
        "n_unresolved": "... no speaker found",
    },
}


TABLES["attribution_summary_outlets"] = {
    "description": "attribution_summary per outlet (all its articles), outlets in the order of "
    "their first article.",
    "columns": {
        "outlet": "outlet name",
        "n_articles": "articles of the outlet",
        **{
            c: d
            for c, d in TABLES["attribution_summary"]["columns"].items()
            if c not in ("article_id", "outlet")
        },
    },
}


def attribution_summary(
    speech: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: tuple[str, ...] = BODY_SEGMENTS,
) -> pd.DataFrame:
    """Per outlet: share of quotations with a speaker, share of speakers that are actors.

    Args:
        speech: the ``speech`` table (with ``speaker_id``, ``speaker_kind``,
            ``scare_quote``).
        sentences: the sentences table (for outlets).
        actors: the actor list (which speaker ids are listed actors).
        segments: segments counted (default headline and body).

    Returns:
        One row per article; columns in ``TABLES["attribution_summary"]``.
    """
    actor_ids = set((load_actors() if actors is None else actors)["actor"])
    sp = speech[speech["segment"].isin(segments)]
    outlet = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    rows = []
    sp_of = _by_article(sp)
    for aid in sorted(set(sentences.loc[sentences["segment"].isin(segments), "article_id"])):
        rows.append(
            {
                "article_id": aid,
                "outlet": outlet.get(aid, ""),
                **_attribution(sp_of(aid), actor_ids),
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["attribution_summary"]["columns"]))
    out.attrs.update({"segments": list(segments), "interval": "clopper-pearson 95%"})
    return out


def attribution_summary_outlets(
    speech: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: tuple[str, ...] = BODY_SEGMENTS,
) -> pd.DataFrame:
    """:func:`attribution_summary` per outlet over all its articles (outlets in the order
    of their first article); the same values as the article rows when an outlet has one.
    """
    actor_ids = set((load_actors() if actors is None else actors)["actor"])
    sp = speech[speech["segment"].isin(segments)]
    body = sentences[sentences["segment"].isin(segments)]
    first = body.groupby("outlet", sort=False)["article_id"].min().sort_values(kind="stable")
    n_art = body.groupby("outlet")["article_id"].nunique()
    outlet_of = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    sp = sp.assign(_outlet=sp["article_id"].map(outlet_of))
    groups = dict(tuple(sp.groupby("_outlet", sort=False)))
    rows = [
        {
            "outlet": o,
            "n_articles": int(n_art[o]),
            **_attribution(groups.get(o, sp.iloc[0:0]), actor_ids),
        }
        for o in first.index
    ]
    out = pd.DataFrame(rows, columns=list(TABLES["attribution_summary_outlets"]["columns"]))
    out.attrs.update({"segments": list(segments), "interval": "clopper-pearson 95%"})
    return out


def _attribution(a: pd.DataFrame, actor_ids: set) -> dict:
    """The counts of one ``attribution_summary`` row from its speech rows."""
    from analysis.stats import clopper_pearson

    scare = a["scare_quote"].astype(bool)
    q = a[(a["kind"] == "quoted") & ~scare]
    rep = a[a["kind"] == "reported"]
    speech_rows = pd.concat([q, rep])
    has = speech_rows["speaker_kind"] != "unresolved"
    ids = set(speech_rows.loc[has, "speaker_id"])
    k_q = int((q["speaker_kind"] != "unresolved").sum())
    lo, hi = clopper_pearson(k_q, len(q))
    kinds = speech_rows["speaker_kind"].value_counts()
    return {
        "n_quotes": len(q),
        "n_scare_quotes": int((scare & (a["kind"] == "quoted")).sum()),
        "n_quotes_with_speaker": k_q,
        "quote_speaker_share": k_q / len(q) if len(q) else float("nan"),
        "quote_speaker_share_low": lo,
        "quote_speaker_share_high": hi,
        "n_reported": len(rep),
        "n_reported_with_speaker": int((rep["speaker_kind"] != "unresolved").sum()),
        "n_speakers": len(ids),
        "n_actor_speakers": len(ids & actor_ids),
        "actor_speaker_share": len(ids & actor_ids) / len(ids) if ids else float("nan"),
        **{f"n_{k}": int(kinds.get(k, 0)) for k in SPEAKER_KINDS},
    }


def sources_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: quotes, reporting verbs, headline verbs, naming, sources, attribution."""
    actors = ctx.tables["_actors"]
    t = ctx.tables
    quotes = quotes_table(t["speech"], t["quote_spans"], t["sentences"], actors=actors)
    verbs = reporting_verbs(t["_cues"], t["sentences"], actors=actors)
    summary = source_summary(
        quotes, t["speech"], t["sentences"], actors=actors, voice_shares=t.get("voice_shares")
    )
    return {
        "quotes": quotes,
        "reporting_verbs": verbs,
        "headline_verbs": headline_verbs(verbs, t["articles"]),
        "actor_naming": actor_naming(t["actor_mentions"], t["sentences"]),
        "source_selection": source_selection(quotes, t["speech"], t["sentences"], actors=actors),
        "source_summary": summary,
        "source_summary_outlets": source_summary_outlets(
            summary, quotes, t["speech"], actors=actors
        ),
        "attribution_summary": attribution_summary(t["speech"], t["sentences"], actors=actors),
        "attribution_summary_outlets": attribution_summary_outlets(
            t["speech"], t["sentences"], actors=actors
        ),
    }


def source_summary_outlets(
    summary: pd.DataFrame,
    quotes: pd.DataFrame,
    speech: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: tuple[str, ...] = BODY_SEGMENTS,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """The ``source_summary_outlets`` table from the per-article ``source_summary``.

    An outlet with one article keeps that article's row (and its sentence bootstrap);
    with several, counts are summed, sources and the top source are taken over all its
    articles, and the quote-share interval is a percentile bootstrap over articles.
    """
    rng = np.random.default_rng(seed)
    sides = _sides(load_actors() if actors is None else actors)
    q = quotes[quotes["segment"].isin(segments)]
    sp = speech[speech["segment"].isin(segments)]
    q_by = {o: g for o, g in q.groupby("outlet", sort=False)}
    sp_by = {o: g for o, g in sp.groupby("outlet", sort=False)}
    rows = []
    # outlets in the order of their first article (the canonical order of the notebooks)
    first = summary.groupby("outlet", sort=False)["article_id"].min().sort_values(kind="stable")
    groups = dict(tuple(summary.groupby("outlet", sort=False)))
    for outlet in first.index:
        grp = groups[outlet]
        if len(grp) == 1:
            row = grp.iloc[0].drop("article_id").to_dict()
            row.update(n_articles=1, interval_unit="sentence")
            rows.append(row)
            continue
        tw = grp["body_words"].to_numpy(dtype=float)
        qw = grp["quoted_words"].to_numpy(dtype=float)
        low, high = bootstrap_interval(
            lambda idx, qw=qw, tw=tw: qw[idx].sum(1) / np.maximum(tw[idx].sum(1), 1),
            len(tw),
            rng=rng,
            n_boot=n_boot,
        )
        counts = _source_counts(
            q_by.get(outlet, q.iloc[0:0]),
            sp_by.get(outlet, sp.iloc[0:0]),
            sides,
            body_words=tw.sum(),
            reported_words=int(grp["reported_words"].sum()),
        )
        rows.append(
            {
                "outlet": outlet,
                "n_articles": len(grp),
                "body_words": int(tw.sum()),
                "quoted_words": int(qw.sum()),
                "quote_share": float(qw.sum() / tw.sum()) if tw.sum() else float("nan"),
                "quote_share_low": low,
                "quote_share_high": high,
                "n_quotes": int(grp["n_quotes"].sum()),
                "n_full": int(grp["n_full"].sum()),
                "n_fragment": int(grp["n_fragment"].sum()),
                **counts,
                "interval_unit": "article",
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["source_summary_outlets"]["columns"]))
    out.attrs.update({"segments": list(segments), "bootstrap": {"n": n_boot, "seed": seed}})
    return out


def separated_pairs(summary: pd.DataFrame, *, column: str = "quote_share") -> pd.DataFrame:
    """Pairs of outlets whose intervals for ``column`` do not overlap.

    Uses ``<column>_low`` / ``<column>_high``. Non-overlap of two 95% intervals is a
    conservative sign of a difference; overlap does not show equality.

    Returns:
        Columns ``lower, upper, lower_high, upper_low`` (outlet with the lower interval,
        the other outlet, and the gap between the intervals).
    """
    lo, hi = f"{column}_low", f"{column}_high"
    missing = [c for c in (column, lo, hi) if c not in summary.columns]
    if missing:
        raise ValueError(f"summary lacks column(s) {missing}; valid: {list(summary.columns)}")
    rows = []
    s = summary.reset_index(drop=True)
    for i in range(len(s)):
        for j in range(len(s)):
            if i != j and s.loc[i, hi] < s.loc[j, lo]:
                rows.append(
                    {
                        "lower": s.loc[i, "outlet"],
                        "upper": s.loc[j, "outlet"],
                        "lower_high": float(s.loc[i, hi]),
                        "upper_low": float(s.loc[j, lo]),
                    }
                )
    return pd.DataFrame(rows, columns=["lower", "upper", "lower_high", "upper_low"])
