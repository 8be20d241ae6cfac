"""Learned and generic loaded-language measures applied to every sentence of the corpus.

Two measures beside the event lexicon (:mod:`analysis.extract.loaded_terms`):

* **Biased-sentence classifier.** The BABE model of
  :func:`analysis.validation.learned.fit_bias_classifier` (word + character TF-IDF, linear
  SVM), fitted once on all 3,673 expert-labelled BABE SG2 sentences with a fixed seed, scores
  each sentence: the SVM decision value (``score``; > 0 is the Biased side), the label and the
  sentence's words with the largest positive unigram weights (``top_words``). In 5-fold CV on
  BABE it reaches a weighted F1 of about 0.745 (``results/validation_learned.csv``), on US
  political news of 2017-2020; this corpus (another event, other outlets, some non-US) is a
  domain shift, so its labels here are a second opinion, not a ground truth.
* **Generic loaded-language layer.** :func:`analysis.validation.learned.generic_matches`
  (Hu-Liu opinion words, the BABE bias-word lexicon, the Recasens et al. 2013 lexicons,
  hedges), with voice, speaker and target assigned as for the event lexicon: voice and
  speaker from the ``voice_spans`` table (the project's one voice model), target the actor
  mentioned nearest in the sentence.

Both need ``data/external`` (``babe``, ``huliu_opinion_lexicon``, ``recasens2013``); when it
is absent the step writes nothing and says so in the run notes.

References:
    Spinde, T. et al. (2021). Neural Media Bias Detection Using Distant Supervision
    With BABE. Findings of EMNLP 2021.

    Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic Models
    for Analyzing and Detecting Biased Language. ACL 2013.

    Hu, M. & Liu, B. (2004). Mining and Summarizing Customer Reviews. KDD 2004.

    Clopper, C. J. & Pearson, E. S. (1934). The use of confidence or fiducial limits
    illustrated in the case of the binomial. Biometrika 26(4).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.validation.benchmarks import ExternalDataMissing
from analysis.validation.learned import (
    DIGITS,
    SEED,
    fit_bias_classifier,
    generic_matches,
    read_babe,
    read_lexicons,
    weighted_words,
)

TOP_K = 3
"""How many weighted words ``sentence_bias.top_words`` lists."""

BODY = ("headline", "body")
"""Segments counted in the per-outlet comparison (as ``loaded_term_rates`` headline+body)."""

NOT_LOADED = ("place_name",)
"""Event-lexicon categories not counted as a loaded match in the comparison: a place-name
spelling ("Kyiv") is a naming choice the BABE annotators never labelled."""

SENTENCE_BIAS_COLUMNS = [
    "article_id",
    "outlet",
    "sentence_id",
    "segment",
    "start",
    "end",
    "score",
    "biased",
    "top_words",
    "sentence",
]
GENERIC_COLUMNS = [
    "article_id",
    "outlet",
    "sentence_id",
    "segment",
    "lexicon",
    "term",
    "start",
    "end",
    "voice",
    "speaker",
    "target",
    "sentence",
]

TABLES = {
    "sentence_bias": {
        "description": "Every sentence scored by the BABE biased-sentence classifier (word + "
        "char TF-IDF, linear SVM, fitted on all BABE SG2 sentences at run time, seed "
        f"{SEED}; analysis.measures.learned_language). Absent when data/external/babe is.",
        "columns": {
            "article_id": "Article id.",
            "outlet": "Outlet name.",
            "sentence_id": "Sentence id in sentences.csv.",
            "segment": "Segment of the sentence (headline, body, teaser, ...).",
            "start": "Start offset of the sentence in the raw file.",
            "end": "End offset (exclusive) of the sentence in the raw file.",
            "score": "SVM decision value (> 0: the Biased side; larger is more confident).",
            "biased": "True when score > 0 (the model's label).",
            "top_words": f"Up to {TOP_K} words of the sentence with the largest positive "
            "(towards Biased) unigram weights, ';'-separated, highest first.",
            "sentence": "The sentence text, as evidence.",
        },
    },
    "generic_loaded_terms": {
        "description": "Matches of the generic loaded-language word lists (Hu-Liu opinion "
        "words, BABE bias words, Recasens et al. 2013 NPOV lexicon, hedges, strong "
        "subjectives) in every sentence, with voice, speaker and target as for "
        "loaded_terms (analysis.measures.learned_language). Absent when data/external is.",
        "columns": {
            "article_id": "Article id.",
            "outlet": "Outlet name.",
            "sentence_id": "Sentence id in sentences.csv.",
            "segment": "Segment of the sentence.",
            "lexicon": "Word list: babe_bias_words, recasens_npov, huliu_positive, "
            "huliu_negative, hedges_hyland or strong_subjective (one row per list).",
            "term": "The matched word, lower-case.",
            "start": "Start offset of the match in the raw file.",
            "end": "End offset (exclusive) of the match in the raw file.",
            "voice": "authorial, quoted or reported (from voice_spans, as loaded_terms).",
            "speaker": "Actor id or 'anonymous' for quoted/reported words when attributed, "
            "else 'unattributed'.",
            "target": "Actor mentioned nearest to the match in its sentence; empty if none.",
            "sentence": "The sentence text, as evidence.",
        },
    },
}


def train_bias_model(data_dir: str | Path, *, seed: int = SEED):
    """The biased-sentence model fitted on every labelled BABE SG2 sentence.

    About 5-10 s; kept in memory (never on disk) for the rest of the process, so repeated
    runs in one process (tests, ``analyze`` twice) train once.

    Raises:
        ExternalDataMissing: ``babe`` is not in ``data_dir``.
    """
    return _train_bias_model(str(Path(data_dir).resolve()), seed)


@lru_cache(maxsize=2)
def _train_bias_model(data_dir: str, seed: int):
    babe = read_babe(data_dir)
    return fit_bias_classifier(babe["text"], babe["biased"], seed=seed)


def decision_scores(model, texts) -> np.ndarray:
    """SVM decision values of the model of :func:`fit_bias_classifier` (> 0: Biased)."""
    from scipy.sparse import hstack

    word, char, clf = model
    x = hstack([word.transform(texts), char.transform(texts)]).tocsr()
    return clf.decision_function(x)


def sentence_bias(sentences: pd.DataFrame, model, *, top_k: int = TOP_K) -> pd.DataFrame:
    """Score every sentence with the biased-sentence model.

    Args:
        sentences: the ``sentences`` table (``article_id, outlet, sentence_id, segment,
            start, end, text``).
        model: ``(word, char, clf)`` from :func:`fit_bias_classifier`.
        top_k: how many weighted words to list per sentence.

    Returns:
        The ``sentence_bias`` table (:data:`TABLES`), in the sentences' order.
    """
    if sentences.empty:
        return pd.DataFrame(columns=SENTENCE_BIAS_COLUMNS)
    texts = sentences["text"].astype(str).tolist()
    score = np.round(decision_scores(model, texts), DIGITS)
    out = pd.DataFrame(
        {
            "article_id": sentences["article_id"].to_numpy(),
            "outlet": sentences["outlet"].to_numpy(),
            "sentence_id": sentences["sentence_id"].to_numpy(),
            "segment": sentences["segment"].to_numpy(),
            "start": sentences["start"].astype(int).to_numpy(),
            "end": sentences["end"].astype(int).to_numpy(),
            "score": score,
            "biased": score > 0,
            "top_words": [";".join(weighted_words(model, t)[:top_k]) for t in texts],
            "sentence": texts,
        }
    )
    return out[SENTENCE_BIAS_COLUMNS]


def voice_at(matches: pd.DataFrame, voice_spans: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Voice and speaker of each match: those of the ``voice_spans`` span holding its start.

    A match outside every span (or a table without spans) is authorial and unattributed.

    Returns:
        ``(voices, speakers)``, one entry per row of ``matches``.
    """
    spans: dict[str, list[tuple[int, int, str, str]]] = {}
    for s in voice_spans.itertuples(index=False):
        speaker = "" if pd.isna(s.speaker) else str(s.speaker)
        spans.setdefault(str(s.article_id), []).append(
            (int(s.start), int(s.end), str(s.voice), speaker)
        )
    voices, speakers = [], []
    for m in matches[["article_id", "start"]].itertuples(index=False):
        hit = next(
            (v for v in spans.get(str(m.article_id), []) if v[0] <= int(m.start) < v[1]), None
        )
        voice = hit[2] if hit else "authorial"
        speaker = hit[3] if hit and voice != "authorial" and hit[3] else "unattributed"
        voices.append(voice)
        speakers.append(speaker)
    return voices, speakers


def generic_loaded_terms(
    sentences: pd.DataFrame,
    lexicons: dict[str, frozenset[str]],
    *,
    mentions: pd.DataFrame | None = None,
    voice_spans: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The generic word lists matched in every sentence, voice from ``voice_spans``.

    Args:
        sentences: the ``sentences`` table.
        lexicons: ``{name: words}`` (:func:`analysis.validation.learned.read_lexicons`).
        mentions: actor mentions, for the target (nearest actor in the sentence).
        voice_spans: the ``voice_spans`` table; without it the voice is that of
            :func:`generic_matches` (quoted when half the sentence is quoted) and the
            speaker 'unattributed'.

    Returns:
        The ``generic_loaded_terms`` table (:data:`TABLES`).
    """
    out = generic_matches(sentences, lexicons, mentions=mentions)
    seg = sentences.set_index("sentence_id")["segment"]
    out["segment"] = out["sentence_id"].map(seg).to_numpy() if len(out) else []
    if voice_spans is not None and len(out):
        out["voice"], out["speaker"] = voice_at(out, voice_spans)
    else:
        out["speaker"] = "unattributed"
    return out[GENERIC_COLUMNS].reset_index(drop=True)


def learned_language_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``sentence_bias`` and ``generic_loaded_terms`` (needs data/external).

    Each table is made when its data is present; otherwise the step notes why and returns
    nothing for it. Training the BABE model takes a few seconds (fixed seed).
    """
    base = ctx.settings.external_dir
    sentences = ctx.tables["sentences"]
    out: dict[str, pd.DataFrame] = {}
    try:
        out["sentence_bias"] = sentence_bias(sentences, train_bias_model(base))
    except ExternalDataMissing as exc:
        ctx.notes.append(f"learned_language: {exc}; no sentence_bias table")
    try:
        lexicons = read_lexicons(base)
    except ExternalDataMissing as exc:
        ctx.notes.append(f"learned_language: {exc}; no generic_loaded_terms table")
    else:
        out["generic_loaded_terms"] = generic_loaded_terms(
            sentences,
            lexicons,
            mentions=ctx.tables.get("actor_mentions"),
            voice_spans=ctx.tables.get("voice_spans"),
        )
    return out


# ------------------------------------------------------------------ notebook helpers
def _lexicon_sentences(loaded_terms: pd.DataFrame, *, voice: str | None = "authorial") -> set:
    m = loaded_terms[~loaded_terms["category"].isin(NOT_LOADED)]
    if voice is not None:
        m = m[m["voice"] == voice]
    return set(m["sentence_id"])


def bias_by_outlet(
    sentence_bias: pd.DataFrame,
    loaded_terms: pd.DataFrame,
    *,
    segments: tuple[str, ...] = BODY,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per outlet: share of sentences the model calls biased beside the lexicon's share.

    Args:
        sentence_bias: the ``sentence_bias`` table.
        loaded_terms: the event lexicon's ``loaded_terms`` table.
        segments: segments counted (default headline and body).
        level: level of the Clopper-Pearson intervals.

    Returns:
        ``outlet, n_sentences, n_biased, share_biased, ci_low, ci_high`` (model) and
        ``n_lexicon, share_lexicon, lex_ci_low, lex_ci_high`` (sentences with at least one
        authorial event-lexicon match, place names not counted), and ``n_both`` (sentences
        both flag).
    """
    from analysis.stats import clopper_pearson

    cols = ["outlet", "n_sentences", "n_biased", "share_biased", "ci_low", "ci_high"]
    cols += ["n_lexicon", "share_lexicon", "lex_ci_low", "lex_ci_high", "n_both"]
    sb = sentence_bias[sentence_bias["segment"].isin(segments)]
    lex = _lexicon_sentences(loaded_terms)
    rows = []
    for outlet, g in sb.groupby("outlet", sort=True, observed=True):
        n = len(g)
        biased = g["biased"].astype(bool)
        has_lex = g["sentence_id"].isin(lex)
        k, kl = int(biased.sum()), int(has_lex.sum())
        lo, hi = clopper_pearson(k, n, level=level)
        llo, lhi = clopper_pearson(kl, n, level=level)
        rows.append(
            (outlet, n, k, k / n, lo, hi, kl, kl / n, llo, lhi, int((biased & has_lex).sum()))
        )
    return pd.DataFrame(rows, columns=cols).round(DIGITS)


def bias_disagreements(
    sentence_bias: pd.DataFrame,
    loaded_terms: pd.DataFrame,
    *,
    n: int = 5,
    segments: tuple[str, ...] = BODY,
) -> pd.DataFrame:
    """Sentences where the model and the event lexicon disagree, most telling first.

    Two kinds: ``lexicon_only`` (an authorial event-lexicon match, place names not counted,
    that the model calls unbiased; lowest score first) and ``model_only`` (no event-lexicon
    match in any voice, the highest model scores among those it calls biased).

    Returns:
        Up to ``n`` rows of each kind: ``kind, outlet, article_id, sentence_id, start, end,
        score, top_words, lexicon_terms`` (the authorial terms, ';'-separated) and
        ``sentence``.
    """
    sb = sentence_bias[sentence_bias["segment"].isin(segments)]
    m = loaded_terms[~loaded_terms["category"].isin(NOT_LOADED)]
    auth = m[m["voice"] == "authorial"]
    terms = auth.groupby("sentence_id")["term"].agg(lambda t: ";".join(sorted(set(t))))
    any_lex = set(loaded_terms["sentence_id"])
    biased = sb["biased"].astype(bool)
    lex_only = sb[sb["sentence_id"].isin(terms.index) & ~biased]
    lex_only = lex_only.sort_values(["score", "sentence_id"], kind="stable").head(n)
    model_only = sb[~sb["sentence_id"].isin(any_lex) & biased]
    model_only = model_only.sort_values(
        ["score", "sentence_id"], ascending=[False, True], kind="stable"
    ).head(n)
    out = pd.concat(
        [lex_only.assign(kind="lexicon_only"), model_only.assign(kind="model_only")],
        ignore_index=True,
    )
    out["lexicon_terms"] = out["sentence_id"].map(terms).fillna("")
    cols = ["kind", "outlet", "article_id", "sentence_id", "start", "end", "score"]
    cols += ["top_words", "lexicon_terms", "sentence"]
    return out[cols]


def bias_comparison_md(by_outlet: pd.DataFrame) -> str:
    """One Markdown paragraph on :func:`bias_by_outlet`: pooled shares and agreement."""
    from analysis.safe_text import md_escape

    if by_outlet.empty:
        return "No headline or body sentence was scored."
    n = int(by_outlet["n_sentences"].sum())
    k = int(by_outlet["n_biased"].sum())
    kl = int(by_outlet["n_lexicon"].sum())
    both = int(by_outlet["n_both"].sum())
    top = by_outlet.sort_values(["share_biased", "outlet"], ascending=[False, True]).iloc[0]
    overlap = (
        f"{both} of the {kl} lexicon-flagged sentences ({both / kl:.0%}) are also called biased"
        if kl
        else "no sentence carries an authorial lexicon match"
    )
    return (
        f"Over {n} headline and body sentences the classifier calls **{k}** ({k / n:.0%}) biased; "
        f"**{kl}** ({kl / n:.0%}) carry an authorial event-lexicon match (place names not "
        f"counted); {overlap}. The highest model share is {md_escape(top.outlet)}'s "
        f"{int(top.n_biased)} of {int(top.n_sentences)} ({top.share_biased:.0%}, 95% interval "
        f"{top.ci_low:.0%}–{top.ci_high:.0%}); with intervals this wide, outlets are compared "
        "only where the intervals do not overlap."
    )


KIND_HEADINGS = {
    "lexicon_only": "Authorial event-lexicon match, model says unbiased (lowest scores first)",
    "model_only": "Highest model scores, no event-lexicon match in any voice",
}
"""Headings of the two kinds of :func:`bias_disagreements`."""


def disagreements_md(disagreements: pd.DataFrame) -> str:
    """The rows of :func:`bias_disagreements` as Markdown lists, corpus text escaped.

    Each item: outlet, article id, sentence id and raw offsets, the model score, the
    lexicon terms or the model's top words, and the full sentence.
    """
    from analysis.safe_text import md_code, md_escape

    parts = []
    for kind, heading in KIND_HEADINGS.items():
        rows = disagreements[disagreements["kind"] == kind]
        parts.append(f"**{heading}.**\n")
        if rows.empty:
            parts.append("- none\n")
            continue
        for r in rows.itertuples(index=False):
            terms = r.lexicon_terms if kind == "lexicon_only" else r.top_words
            terms = "" if pd.isna(terms) else str(terms)
            label = "lexicon" if kind == "lexicon_only" else "top words"
            parts.append(
                f"- {md_escape(r.outlet)}, article {md_code(r.article_id)}, "
                f"{md_code(r.sentence_id)} [{int(r.start)}:{int(r.end)}], score "
                f"{float(r.score):+.2f}, {label}: {md_escape(terms.replace(';', ', ')) or '-'}"
                f": {md_escape(r.sentence)}\n"
            )
        parts.append("\n")
    return "".join(parts).rstrip() + "\n"


SUMMARY_LEXICONS = ("babe_bias_words", "huliu_negative", "huliu_positive", "strong_subjective")
"""Lists :func:`generic_summary_md` counts: the Recasens NPOV list (words of biased edits,
names such as "south" and "korean" among them) and the hedges are left out."""


def generic_summary_md(
    generic: pd.DataFrame,
    *,
    lexicons: tuple[str, ...] = SUMMARY_LEXICONS,
    segments: tuple[str, ...] = BODY,
    n: int = 3,
) -> str:
    """One Markdown paragraph on ``generic_loaded_terms``: matches by voice, top authorial words.

    Counts distinct (sentence, word) pairs of the ``lexicons`` in headline and body, so a
    word in two lists counts once; per outlet, the ``n`` most frequent authorial words (ties
    alphabetical).
    """
    from analysis.safe_text import md_escape

    g = generic[generic["segment"].isin(segments) & generic["lexicon"].isin(lexicons)]
    g = g.drop_duplicates(["sentence_id", "start"])
    names = ", ".join(lexicons)
    if g.empty:
        return f"The generic word lists ({names}) match nothing in the headlines and bodies."
    by_voice = g["voice"].value_counts()
    voices = ", ".join(
        f"{int(by_voice.get(v, 0))} {v}" for v in ("authorial", "quoted", "reported")
    )
    auth = g[g["voice"] == "authorial"]
    per = []
    for outlet, a in auth.groupby("outlet", sort=True, observed=True):
        counts = a["term"].value_counts()
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        per.append(f"{md_escape(outlet)}: " + ", ".join(f'"{md_escape(t)}" ({c})' for t, c in top))
    return (
        f"The generic word lists ({names}) match **{len(g)}** words in headlines and bodies "
        f"({voices}). Their most frequent authorial words per outlet are "
        + "; ".join(per)
        + ". These lists were built for product reviews, Wikipedia edits and US news, so many "
        "matches are ordinary evaluative or reporting words: the counts measure general tone, "
        "not event-specific labels; every match, with voice, speaker and target, is in "
        "`results/generic_loaded_terms.csv`."
    )
