"""Sentence, article, outlet and actor sentiment, with two methods and an audit.

Every sentence gets scores from two independent, offline, lexicon-based methods:

* **VADER** from the ``vaderSentiment`` package (the reference implementation, not
  nltk's port): ``compound`` in [-1, 1] plus the ``pos``/``neu``/``neg`` proportions.
* **AFINN** (the ``afinn`` package, AFINN-165 word list): the sum of word valences in
  -5..+5, squashed to (-1, 1) with VADER's own normalisation ``x / sqrt(x**2 + 15)``
  so that means and intervals sit on the same scale as VADER's compound. The squashing
  keeps the sign, so the AFINN label at ±0.05 is simply the sign of the sum.

AFINN is the second method because it is independent of VADER (a different word list
rated by one researcher, no rules for negation, boosters or punctuation), ships its
lexicon inside the package (no download) and is a standard baseline in the
sentiment-benchmark literature (Ribeiro et al. 2016).

A third, clearly named variant ``vader_political`` is VADER with the hand-set
political-news adjustments of ``analysis/lexicons/sentiment_adjustments.yaml``
(strongman, dictator, regime ... set negative). It is reported **beside** plain VADER,
never instead of it.

Labels: ``positive`` if score >= 0.05, ``negative`` if score <= -0.05, else
``neutral`` (Hutto & Gilbert 2014). Voice follows the one voice model of
:mod:`analysis.extract.voice` (``docs/voice.md``): a sentence (or actor window) is someone
else's speech when at least half of its characters are quoted or reported, and then
``quoted`` or ``reported`` (whichever share is larger); otherwise it is the outlet's own
voice (``authorial``). Reported speech is therefore *not* the outlet's voice.

References:
    Hutto, C. J. & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for
    Sentiment Analysis of Social Media Text. ICWSM-14.

    Nielsen, F. Å. (2011). A new ANEW: Evaluation of a word list for sentiment
    analysis in microblogs. ESWC 2011 Workshop on Making Sense of Microposts.

    Ribeiro, F. N., Araújo, M., Gonçalves, P., Gonçalves, M. A. & Benevenuto, F.
    (2016). SentiBench — a benchmark comparison of state-of-the-practice sentiment
    analysis methods. EPJ Data Science 5:23.

    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman &
    Hall (percentile interval).
"""

from __future__ import annotations

import copy
import math
import re
import string
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError, check_choices
from analysis.extract.voice import sentence_voice
from analysis.io import read_yaml, row_positions
from analysis.paths import LEXICON_DIR
from analysis.stats import bootstrap_mean_ci, cohen_kappa
from analysis.stats import spearman as _spearman
from analysis.text.sentences import SENTENCE_COLUMNS

LABEL_THRESHOLD = 0.05
"""Compound (or squashed AFINN) score at or beyond which a sentence is pos/neg."""

QUOTE_THRESHOLD = 0.5
"""A sentence with ``share_quoted + share_reported >= QUOTE_THRESHOLD`` is someone else's
speech (:func:`analysis.extract.voice.sentence_voice`)."""

AFINN_ALPHA = 15.0
"""VADER's normalisation constant, reused to squash AFINN sums into (-1, 1)."""

METHODS = ("vader", "afinn", "vader_political")
"""Score methods, in report order; ``vader_political`` is the adjusted variant."""
METHOD_NAMES = {"vader": "VADER", "afinn": "AFINN", "vader_political": "VADER (political variant)"}
"""How each method is named in figure labels and captions."""

SCORE_COLUMN = {
    "vader": "vader_compound",
    "afinn": "afinn_norm",
    "vader_political": "vader_political_compound",
}
"""The sentence-table column each method's aggregates are computed on."""

LABELS = ("negative", "neutral", "positive")
VOICES = ("all", "authorial", "quoted", "reported")
WINDOWS = ("sentence", "clause")
DEFAULT_SEGMENTS = ("body",)
N_BOOT = 2000
SEED = 20240620
CI_LEVEL = 0.95

ADJUSTMENTS_PATH = LEXICON_DIR / "sentiment_adjustments.yaml"

_STAT_COLUMNS = {
    "method": "score method: vader, afinn (squashed sum) or vader_political (adjusted VADER, reported beside vader)",
    "n_sentences": "number of sentences (or actor windows) averaged",
    "mean_score": "mean compound score in [-1, 1] (AFINN: mean squashed sum); empty when n is 0",
    "ci_low": "lower end of the seeded percentile-bootstrap 95% interval of the mean (empty when n < 2)",
    "ci_high": "upper end of the seeded percentile-bootstrap 95% interval of the mean (empty when n < 2)",
    "n_negative": "sentences with score <= -0.05",
    "n_neutral": "sentences with -0.05 < score < 0.05",
    "n_positive": "sentences with score >= 0.05",
    "share_negative": "n_negative / n_sentences",
    "share_neutral": "n_neutral / n_sentences",
    "share_positive": "n_positive / n_sentences",
}

TABLES = {
    "sentiment_sentences": {
        "description": "One row per sentence (all segments; filter explicitly) with VADER, AFINN and adjusted-VADER scores and labels at +-0.05.",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "sentence_id": "sentence id, e.g. 002-s014",
            "segment": "segment label of the sentence (headline, body, teaser, ...)",
            "paragraph": "1-based line number among non-empty lines",
            "start": "offset of the sentence in the raw file",
            "end": "end offset (raw[start:end] == text)",
            "n_words": "words in the sentence",
            "quote_share": "share of the sentence's characters inside quotation marks",
            "share_authorial": "share of the sentence's characters in the authorial voice (docs/voice.md)",
            "share_quoted": "share in the quoted voice",
            "share_reported": "share in the reported voice",
            "voice": "quoted or reported (the larger) if share_quoted + share_reported >= 0.5, else authorial (the outlet's own voice)",
            "vader_compound": "VADER (vaderSentiment) compound score in [-1, 1]",
            "vader_pos": "VADER proportion of positive text",
            "vader_neu": "VADER proportion of neutral text",
            "vader_neg": "VADER proportion of negative text",
            "vader_label": "negative / neutral / positive at +-0.05 on vader_compound",
            "afinn_score": "AFINN-165 sum of word valences",
            "afinn_norm": "afinn_score / sqrt(afinn_score**2 + 15), in (-1, 1)",
            "afinn_label": "negative / neutral / positive at +-0.05 on afinn_norm (= sign of the sum)",
            "vader_political_compound": "compound of VADER with the political-news adjustments (strongman, dictator, regime ... negative)",
            "vader_political_label": "label at +-0.05 on vader_political_compound",
            "adjusted_words": "adjusted words found in the sentence (';'-separated), empty if none",
            "text": "the sentence text (evidence)",
        },
    },
    "sentiment_outlets": {
        "description": "Mean sentence score with bootstrap 95% CI and label shares per outlet and per article, by segment group (body by default; headline separately) and voice.",
        "columns": {
            "level": "outlet or article",
            "outlet": "outlet name",
            "article_id": "article id (article level); 'all' at outlet level",
            "segment_group": "body (the default: body sentences) or headline",
            "voice": "all, or the sentences of one voice: authorial, quoted or reported (see sentiment_sentences.voice)",
            **_STAT_COLUMNS,
        },
    },
    "sentiment_actors": {
        "description": "Actor-targeted sentiment: scores of the sentences or clause windows that mention an actor, per outlet x actor, with n and bootstrap 95% CI.",
        "columns": {
            "outlet": "outlet name",
            "actor": "actor id (from the actor list)",
            "window": "sentence (the whole sentence mentioning the actor) or clause (the stretch between delimiters , ; : ( ) dashes around the mention)",
            "voice": "all, or the windows of one voice: authorial, quoted or reported (see sentiment_actor_windows.voice)",
            "n_mentions": "actor mentions inside the windows averaged",
            **_STAT_COLUMNS,
        },
    },
    "sentiment_actor_windows": {
        "description": "Evidence for sentiment_actors: one row per actor x window (a window mentioning an actor twice counts once), with its text and scores.",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "sentence_id": "sentence containing the window",
            "segment": "segment label",
            "actor": "actor id",
            "window": "sentence or clause",
            "start": "raw offset of the window",
            "end": "raw end offset of the window (raw[start:end] == text)",
            "n_mentions": "mentions of the actor inside the window",
            "mentions": "the mention texts, ';'-separated",
            "quote_share": "share of the window inside quotation marks",
            "share_authorial": "share of the window in the authorial voice (docs/voice.md)",
            "share_quoted": "share of the window in the quoted voice",
            "share_reported": "share of the window in the reported voice",
            "voice": "quoted or reported (the larger) if share_quoted + share_reported >= 0.5, else authorial",
            "vader": "VADER compound of the window text",
            "afinn": "squashed AFINN score of the window text",
            "vader_political": "adjusted-VADER compound of the window text",
            "text": "the window text",
        },
    },
    "sentiment_lexicon_audit": {
        "description": "How each sentiment method scores every surface pattern of every loaded term: the lexicon valence or 'absent', and the score of the bare phrase.",
        "columns": {
            "term": "loaded-term id",
            "category": "loaded-term category",
            "pattern": "surface pattern (lower case)",
            "vader": "VADER lexicon valence (-4..+4) of the whole pattern, or 'absent'",
            "vader_tokens": "VADER valences of the pattern's words, e.g. 'desperate=-1.3'; empty if none",
            "vader_phrase": "VADER compound of the bare pattern text",
            "vader_direction": "positive / negative / absent: what VADER makes of the words",
            "afinn": "AFINN-165 valence (-5..+5) of the whole pattern, or 'absent'",
            "afinn_tokens": "AFINN valences of the pattern's words; empty if none",
            "afinn_phrase": "AFINN sum for the bare pattern text",
            "afinn_direction": "positive / negative / absent",
            "vader_political": "valence in the adjusted VADER lexicon, or 'absent'",
            "vader_political_phrase": "adjusted-VADER compound of the bare pattern text",
            "adjusted": "True if the political-news adjustments change this pattern's words",
        },
    },
    "sentiment_agreement": {
        "description": "Agreement between VADER and AFINN (and adjusted VADER): Spearman rank correlation over body sentences and over outlet means, and label agreement.",
        "columns": {
            "level": "sentence (body sentences) or outlet (outlet mean scores)",
            "method_a": "first method",
            "method_b": "second method",
            "n": "number of sentences or outlets compared",
            "spearman_rho": "Spearman rank correlation of the two methods' scores",
            "p_value": "two-sided p-value of rho: exact permutation test when n <= 8 (with 5 outlets only rho = +-1 reaches p < 0.05), else scipy's t approximation",
            "label_agreement": "share of sentences with the same label (sentence level only)",
            "cohen_kappa": "Cohen's kappa of the labels (sentence level only)",
        },
    },
}


# --------------------------------------------------------------------------- methods
def load_adjustments(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the political-news adjustments to VADER's lexicon.

    Args:
        path: a YAML file; default ``analysis/lexicons/sentiment_adjustments.yaml``.

    Returns:
        Columns ``word`` (lower-case token), ``valence`` (-4..+4), ``note``;
        ``attrs["path"]`` and ``attrs["version"]``.

    Raises:
        InputError: unreadable file, missing keys, duplicate or non-token words,
            valence outside -4..+4, or an empty note.
    """
    path = Path(path) if path is not None else ADJUSTMENTS_PATH
    doc = read_yaml(path)
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise InputError(path, "expected a mapping with an 'entries' list")
    rows, seen = [], set()
    for i, entry in enumerate(doc["entries"]):
        if not isinstance(entry, dict):
            raise InputError(path, "entry must be a mapping", entry=f"#{i + 1}")
        word = entry.get("word")
        if not isinstance(word, str) or not re.fullmatch(r"[a-z][a-z'-]*", word):
            raise InputError(path, "word must be one lower-case token", entry=str(word))
        if word in seen:
            raise InputError(path, "duplicate word", entry=word)
        seen.add(word)
        valence = entry.get("valence")
        if isinstance(valence, bool) or not isinstance(valence, (int, float)):
            raise InputError(path, "valence must be a number", entry=word)
        if not -4.0 <= valence <= 4.0:
            raise InputError(path, "valence must lie in -4..+4 (VADER's scale)", entry=word)
        note = entry.get("note")
        if not isinstance(note, str) or not note.strip():
            raise InputError(path, "note (why the entry is there) is missing", entry=word)
        rows.append({"word": word, "valence": float(valence), "note": note.strip()})
    df = pd.DataFrame(rows, columns=["word", "valence", "note"])
    df.attrs.update({"path": str(path), "version": doc.get("version")})
    return df


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _afinn():
    from afinn import Afinn

    return Afinn(language="en")


@lru_cache(maxsize=4)
def _vader_adjusted(items: tuple[tuple[str, float], ...]):
    analyzer = copy.copy(_vader())
    analyzer.lexicon = dict(_vader().lexicon)
    analyzer.lexicon.update(dict(items))
    return analyzer


def _adjusted_analyzer(adjustments: pd.DataFrame | None):
    adj = load_adjustments() if adjustments is None else adjustments
    return _vader_adjusted(tuple(zip(adj["word"], adj["valence"].astype(float), strict=True)))


def label_scores(scores, *, threshold: float = LABEL_THRESHOLD) -> np.ndarray:
    """Labels ``negative``/``neutral``/``positive`` for scores at ``±threshold``."""
    s = np.asarray(scores, dtype=float)
    return np.where(s >= threshold, "positive", np.where(s <= -threshold, "negative", "neutral"))


def afinn_squash(total) -> np.ndarray:
    """Squash AFINN sums into (-1, 1) with VADER's ``x / sqrt(x**2 + 15)``."""
    x = np.asarray(total, dtype=float)
    return x / np.sqrt(x * x + AFINN_ALPHA)


SCORE_COLUMNS = [
    "vader_compound",
    "vader_pos",
    "vader_neu",
    "vader_neg",
    "afinn_score",
    "afinn_norm",
    "vader_political_compound",
]
"""Columns of :func:`scores_from_texts`."""


def scores_from_texts(
    texts: Iterable[str],
    *,
    adjustments: pd.DataFrame | None = None,
    jobs: int = 1,
    engine: str = "local",
) -> pd.DataFrame:
    """Score texts with every method (no labels, no docvars).

    Args:
        texts: the texts to score, verbatim.
        adjustments: table from :func:`load_adjustments` (default file if None).
        jobs: worker processes (``--jobs``); each text is scored on its own, so the
            table is identical whatever the number (:func:`analysis.parallel.map_chunks`).
        engine: ``local`` or ``dask`` (``--engine``; :data:`analysis.parallel.ENGINES`).

    Returns:
        One row per text: ``vader_compound, vader_pos, vader_neu, vader_neg,
        afinn_score, afinn_norm, vader_political_compound``.
    """
    from functools import partial

    from analysis.parallel import map_chunks

    rows = map_chunks(
        partial(_score_rows, adjustments=adjustments), list(texts), jobs=jobs, engine=engine
    )
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _score_rows(texts: list[str], *, adjustments: pd.DataFrame | None) -> list[dict]:
    vader, afinn, political = _vader(), _afinn(), _adjusted_analyzer(adjustments)
    rows = []
    for text in texts:
        v = vader.polarity_scores(text)
        a = float(afinn.score(text))
        rows.append(
            {
                "vader_compound": v["compound"],
                "vader_pos": v["pos"],
                "vader_neu": v["neu"],
                "vader_neg": v["neg"],
                "afinn_score": a,
                "afinn_norm": float(afinn_squash(a)),
                "vader_political_compound": political.polarity_scores(text)["compound"],
            }
        )
    return rows


def voice_from_quote_share(quote_share, *, threshold: float = QUOTE_THRESHOLD) -> np.ndarray:
    """``quoted`` where ``quote_share >= threshold``, else ``authorial``.

    Only for tables without the voice model's shares (quotation marks known, reported
    speech not); :func:`voice_columns` uses the shares when present.
    """
    q = np.asarray(quote_share, dtype=float)
    return np.where(q >= threshold, "quoted", "authorial")


_SHARES = ("share_authorial", "share_quoted", "share_reported")


def voice_columns(table: pd.DataFrame, *, threshold: float = QUOTE_THRESHOLD) -> pd.DataFrame:
    """The three ``share_*`` columns and ``voice`` of a sentence-level table.

    Uses the voice model's shares (:mod:`analysis.extract.voice`) when the table has them; else
    (no attribution step) quotation marks only: ``share_quoted = quote_share``,
    ``share_reported = 0``.
    """
    if all(c in table.columns for c in _SHARES):
        out = table[list(_SHARES)].astype(float).reset_index(drop=True)
    else:
        q = table["quote_share"].astype(float).to_numpy()
        out = pd.DataFrame(
            {"share_authorial": 1.0 - q, "share_quoted": q, "share_reported": 0.0}
        ).round(4)
    out["voice"] = sentence_voice(*(out[c] for c in _SHARES), threshold=threshold)
    return out


def sentence_sentiment(
    sentences: pd.DataFrame,
    *,
    quote_threshold: float = QUOTE_THRESHOLD,
    threshold: float = LABEL_THRESHOLD,
    adjustments: pd.DataFrame | None = None,
    jobs: int = 1,
    engine: str = "local",
) -> pd.DataFrame:
    """Score every sentence with VADER, AFINN and adjusted VADER.

    Args:
        sentences: the sentences table (``article_id, outlet, sentence_id, segment,
            paragraph, start, end, text, n_words, quote_share`` and, from the voice
            step, ``share_authorial, share_quoted, share_reported``).
        quote_threshold: share of quoted + reported characters at or above which a
            sentence is someone else's speech (see :func:`voice_columns`).
        threshold: label threshold on the scores.
        adjustments: political-news adjustments (default file if None).
        jobs: worker processes for the scoring (:func:`scores_from_texts`).
        engine: where they run, ``local`` or ``dask`` (:func:`scores_from_texts`).

    Returns:
        The ``sentiment_sentences`` table (columns in :data:`TABLES`), all segments.
    """
    if not 0.0 < quote_threshold <= 1.0:
        raise ValueError(f"quote_threshold must be in (0, 1], got {quote_threshold}")
    adj = load_adjustments() if adjustments is None else adjustments
    scores = scores_from_texts(
        sentences["text"].tolist(), adjustments=adj, jobs=jobs, engine=engine
    )
    out = sentences[[c for c in SENTENCE_COLUMNS if c != "text"]].reset_index(drop=True)
    voices = voice_columns(sentences, threshold=quote_threshold)
    for col in voices.columns:
        out[col] = voices[col].to_numpy()
    for col in scores.columns:
        out[col] = scores[col].to_numpy()
    out["vader_label"] = label_scores(out["vader_compound"], threshold=threshold)
    out["afinn_label"] = label_scores(out["afinn_norm"], threshold=threshold)
    out["vader_political_label"] = label_scores(
        out["vader_political_compound"], threshold=threshold
    )
    out["adjusted_words"] = [
        _adjusted_words(t, set(adj["word"])) for t in sentences["text"].tolist()
    ]
    out["text"] = sentences["text"].to_numpy()
    out = out[list(TABLES["sentiment_sentences"]["columns"])]
    out.attrs.update(
        {
            "methods": {
                "vader": "vaderSentiment SentimentIntensityAnalyzer().polarity_scores",
                "afinn": "afinn.Afinn(language='en') sum, squashed x/sqrt(x^2+15)",
                "vader_political": "VADER + analysis/lexicons/sentiment_adjustments.yaml",
            },
            "label_threshold": threshold,
            "quote_threshold": quote_threshold,
            "adjustments_version": adj.attrs.get("version"),
            "packages": _package_versions(),
        }
    )
    return out


def _adjusted_words(text: str, words: set[str]) -> str:
    found = [w for w in re.findall(r"[a-z][a-z'-]*", text.lower()) if w in words]
    return ";".join(dict.fromkeys(found))


def _package_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("vaderSentiment", "afinn"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:  # pragma: no cover
            out[pkg] = "unknown"
    return out


# ------------------------------------------------------------------------ statistics
def _group_seed(seed: int, key: Iterable) -> list[int]:
    """A per-group seed: the same group gets the same resamples whatever the order."""
    return [int(seed), zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))]


def summarise_scores(
    values: Sequence[float],
    *,
    threshold: float = LABEL_THRESHOLD,
    n_boot: int = N_BOOT,
    seed: int | Sequence[int] = SEED,
    level: float = CI_LEVEL,
) -> dict:
    """n, mean, bootstrap interval and label counts/shares of one group of scores."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    labels = label_scores(x, threshold=threshold)
    low, high = bootstrap_mean_ci(x, n_boot=n_boot, seed=seed, level=level)
    out = {
        "n_sentences": n,
        "mean_score": float(x.mean()) if n else math.nan,
        "ci_low": low,
        "ci_high": high,
    }
    for lab in LABELS:
        out[f"n_{lab}"] = int((labels == lab).sum())
    for lab in LABELS:
        out[f"share_{lab}"] = out[f"n_{lab}"] / n if n else math.nan
    return out


def _method_stats(scores_of, methods, key: tuple, *, threshold, n_boot, seed, level):
    """``(method, summarise_scores(...))`` for each method of one group.

    ``scores_of(method)`` gives the group's scores; each method's bootstrap is seeded
    by ``seed`` and the group key plus the method (:func:`_group_seed`).
    """
    for method in methods:
        yield (
            method,
            summarise_scores(
                scores_of(method),
                threshold=threshold,
                n_boot=n_boot,
                seed=_group_seed(seed, (*key, method)),
                level=level,
            ),
        )


def outlet_sentiment(
    scores: pd.DataFrame,
    *,
    segments: Sequence[str] = DEFAULT_SEGMENTS,
    headline: bool = True,
    methods: Sequence[str] = METHODS,
    threshold: float = LABEL_THRESHOLD,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    level: float = CI_LEVEL,
) -> pd.DataFrame:
    """Mean sentence score with a bootstrap interval and label shares, per outlet and article.

    Computed for every outlet and every article, for all sentences of the chosen
    segments (``segment_group`` ``body``) and, separately, for headline sentences
    (``segment_group`` ``headline``), each for voice ``all``, ``authorial`` and
    ``quoted``. Groups with no sentence are kept with ``n_sentences`` 0 so that
    absences are explicit.

    Args:
        scores: the ``sentiment_sentences`` table.
        segments: segments pooled into the ``body`` group (default: body only).
        headline: also report headline sentences as their own group.
        methods: any of :data:`METHODS`.
        threshold: label threshold.
        n_boot, seed, level: bootstrap settings (each group's seed is derived from
            ``seed`` and the group key, so results do not depend on row order).

    Returns:
        The ``sentiment_outlets`` table.
    """
    methods = check_choices("methods", methods, METHODS)
    segments = tuple(segments)
    groups = [("body", segments)] + ([("headline", ("headline",))] if headline else [])
    rows = []
    outlets = scores[["outlet", "article_id"]].drop_duplicates()
    units = [("outlet", o, "all") for o in sorted(outlets["outlet"].unique())] + [
        ("article", o, a)
        for o, a in sorted(outlets.itertuples(index=False, name=None), key=lambda t: t[1])
    ]
    for seg_group, segs in groups:
        in_group = scores[scores["segment"].isin(segs)]
        empty = in_group.iloc[0:0]
        # one pass per grouping, not a filter of the whole table per unit (O(N^2))
        by_outlet = dict(tuple(in_group.groupby("outlet", sort=False)))
        by_article = dict(tuple(in_group.groupby("article_id", sort=False)))
        for lvl, outlet, article in units:
            if lvl == "article":
                unit = by_article.get(article, empty)
                unit = unit[unit["outlet"] == outlet]
            else:
                unit = by_outlet.get(outlet, empty)
            by_voice = dict(tuple(unit.groupby("voice", sort=False)))
            for voice in VOICES:
                sub = unit if voice == "all" else by_voice.get(voice, empty)
                for method, stats_ in _method_stats(
                    lambda m, sub=sub: sub[SCORE_COLUMN[m]],
                    methods,
                    (lvl, outlet, article, seg_group, voice),
                    threshold=threshold,
                    n_boot=n_boot,
                    seed=seed,
                    level=level,
                ):
                    rows.append(
                        {
                            "level": lvl,
                            "outlet": outlet,
                            "article_id": article,
                            "segment_group": seg_group,
                            "voice": voice,
                            "method": method,
                            **stats_,
                        }
                    )
    out = pd.DataFrame(rows, columns=list(TABLES["sentiment_outlets"]["columns"]))
    out.attrs.update(
        {
            "segments": list(segments),
            "headline_separate": headline,
            "methods": list(methods),
            "label_threshold": threshold,
            "quote_threshold": scores.attrs.get("quote_threshold", QUOTE_THRESHOLD),
            "bootstrap": {"n_boot": n_boot, "seed": seed, "level": level, "kind": "percentile"},
        }
    )
    return out


def method_agreement(
    scores: pd.DataFrame,
    *,
    segments: Sequence[str] = DEFAULT_SEGMENTS,
    pairs: Sequence[tuple[str, str]] = (("vader", "afinn"), ("vader", "vader_political")),
) -> pd.DataFrame:
    """How far the methods agree, over sentences and over outlet means.

    Args:
        scores: the ``sentiment_sentences`` table.
        segments: segments whose sentences are compared.
        pairs: method pairs to compare.

    Returns:
        The ``sentiment_agreement`` table: Spearman rho (and p) of the scores over
        sentences and over outlet means; label agreement and Cohen's kappa over
        sentences.

    References:
        Spearman, C. (1904). The proof and measurement of association between two
        things. American Journal of Psychology 15(1).
        Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational
        and Psychological Measurement 20(1).
    """
    for a, b in pairs:
        check_choices("pairs", (a, b), METHODS)
    body = scores[scores["segment"].isin(tuple(segments))]
    label_col = {m: f"{m}_label" for m in METHODS}
    rows = []
    for a, b in pairs:
        xa, xb = body[SCORE_COLUMN[a]], body[SCORE_COLUMN[b]]
        rho, p = _spearman(xa, xb)
        la, lb = body[label_col[a]], body[label_col[b]]
        rows.append(
            {
                "level": "sentence",
                "method_a": a,
                "method_b": b,
                "n": len(body),
                "spearman_rho": rho,
                "p_value": p,
                "label_agreement": float((la == lb).mean()) if len(body) else math.nan,
                "cohen_kappa": cohen_kappa(la, lb, labels=LABELS) if len(body) > 1 else math.nan,
            }
        )
        means = body.groupby("outlet")[[SCORE_COLUMN[a], SCORE_COLUMN[b]]].mean()
        rho, p = _spearman(means[SCORE_COLUMN[a]], means[SCORE_COLUMN[b]])
        rows.append(
            {
                "level": "outlet",
                "method_a": a,
                "method_b": b,
                "n": len(means),
                "spearman_rho": rho,
                "p_value": p,
                "label_agreement": math.nan,
                "cohen_kappa": math.nan,
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["sentiment_agreement"]["columns"]))
    out.attrs.update({"segments": list(segments), "statistic": "scipy.stats.spearmanr"})
    return out


# ---------------------------------------------------------------------------- actors
_CLAUSE_DELIM = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


def clause_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``: the stretch between the nearest delimiters.

    Delimiters are ``, ; : ( )``, en and em dashes and a spaced hyphen. The window is
    crude (a comma can sit inside a clause) but needs no parser; its value is checked
    on NewsMTSC in :mod:`analysis.validation.benchmarks`.

    Returns:
        ``(lo, hi)`` offsets into ``text`` with surrounding whitespace trimmed.
    """
    lo, hi = 0, len(text)
    for m in _CLAUSE_DELIM.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _spans_by_article(spans: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]] | None:
    if spans is None:
        return None
    out: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in zip(spans["article_id"], spans["start"], spans["end"], strict=True):
        out.setdefault(a, []).append((s, e))
    return out


def _quote_share_of(spans: dict | None, article_id: str, start: int, end: int):
    """Share of ``[start, end)`` inside the article's quotation spans (NaN without spans)."""
    if spans is None or end <= start:
        return math.nan
    covered = 0
    for s, e in spans.get(article_id, ()):
        covered += max(0, min(e, end) - max(s, start))
    return covered / (end - start)


def actor_windows(
    scores: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    quote_spans: pd.DataFrame | None = None,
    voices: pd.DataFrame | None = None,
    windows: Sequence[str] = WINDOWS,
    segments: Sequence[str] = DEFAULT_SEGMENTS,
    quote_threshold: float = QUOTE_THRESHOLD,
    adjustments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The text windows that mention each actor, scored: the evidence table.

    A sentence window is the whole sentence (its scores and voice come from
    ``scores``). A clause window is :func:`clause_window` around the mention, scored
    afresh; its voice shares come from ``voices`` (the voice model), else its quote
    share from ``quote_spans``, else the sentence's. Several mentions of one actor in
    one window count once.

    Args:
        scores: the ``sentiment_sentences`` table.
        mentions: actor mentions (``article_id, sentence_id, actor, mention, start,
            end`` with raw offsets).
        quote_spans: the quotation-spans table (``article_id, start, end``), optional.
        voices: the ``voice_spans`` table (:func:`analysis.extract.voice.voice_spans`), optional.
        windows: any of :data:`WINDOWS`.
        segments: segments whose sentences are used.
        quote_threshold: quote share at or above which a window is ``quoted``.
        adjustments: political-news adjustments (default file if None).

    Returns:
        The ``sentiment_actor_windows`` table.
    """
    windows = check_choices("windows", windows, WINDOWS)
    cols = list(TABLES["sentiment_actor_windows"]["columns"])
    sents = scores[scores["segment"].isin(tuple(segments))].set_index("sentence_id")
    ms = mentions[mentions["sentence_id"].isin(sents.index)]
    by_id = sents.to_dict("index")
    spans = _spans_by_article(quote_spans)
    vindex = None
    if voices is not None:
        from analysis.extract.voice import VoiceIndex

        vindex = VoiceIndex(voices)
    rows = []
    for window in windows:
        found: dict[tuple, dict] = {}
        for m in ms.itertuples(index=False):
            s = by_id[m.sentence_id]
            if window == "sentence":
                lo, hi = int(s["start"]), int(s["end"])
            else:
                a, b = clause_window(s["text"], m.start - int(s["start"]), m.end - int(s["start"]))
                lo, hi = int(s["start"]) + a, int(s["start"]) + b
            key = (m.sentence_id, m.actor, lo, hi)
            if key in found:
                found[key]["n_mentions"] += 1
                found[key]["mentions"].append(m.mention)
                continue
            found[key] = {
                "article_id": s["article_id"],
                "outlet": s["outlet"],
                "sentence_id": m.sentence_id,
                "segment": s["segment"],
                "actor": m.actor,
                "window": window,
                "start": lo,
                "end": hi,
                "n_mentions": 1,
                "mentions": [m.mention],
                "text": s["text"][lo - int(s["start"]) : hi - int(s["start"])],
                "_sentence": s,
            }
        todo = list(found.values())
        if window == "clause":
            sc = scores_from_texts([r["text"] for r in todo], adjustments=adjustments)
            sc = {c: sc[c].tolist() for c in sc.columns}
        for i, r in enumerate(todo):
            s = r.pop("_sentence")
            if window == "sentence":
                r["quote_share"] = float(s["quote_share"])
                r.update({c: float(s[c]) for c in _SHARES})
                r["vader"] = s["vader_compound"]
                r["afinn"] = s["afinn_norm"]
                r["vader_political"] = s["vader_political_compound"]
            else:
                q = _quote_share_of(spans, r["article_id"], r["start"], r["end"])
                r["quote_share"] = float(s["quote_share"]) if math.isnan(q) else q
                if vindex is not None:
                    sh = vindex.shares(r["article_id"], r["start"], r["end"])
                    r.update({f"share_{v}": round(x, 4) for v, x in sh.items()})
                else:
                    q = round(r["quote_share"], 4)
                    r.update(share_authorial=1.0 - q, share_quoted=q, share_reported=0.0)
                r["vader"] = sc["vader_compound"][i]
                r["afinn"] = sc["afinn_norm"][i]
                r["vader_political"] = sc["vader_political_compound"][i]
            r["voice"] = str(sentence_voice(*(r[c] for c in _SHARES), threshold=quote_threshold))
            r["mentions"] = ";".join(r["mentions"])
            rows.append(r)
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["window", "article_id", "start", "end", "actor"], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(
        {
            "windows": list(windows),
            "segments": list(segments),
            "quote_threshold": quote_threshold,
            "clause_delimiters": _CLAUSE_DELIM.pattern,
        }
    )
    return out


def actor_sentiment(
    windows_table: pd.DataFrame,
    *,
    methods: Sequence[str] = METHODS,
    threshold: float = LABEL_THRESHOLD,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    level: float = CI_LEVEL,
) -> pd.DataFrame:
    """Actor-targeted sentiment per outlet x actor x window x voice x method.

    Args:
        windows_table: the ``sentiment_actor_windows`` table from :func:`actor_windows`.
        methods: any of :data:`METHODS`.
        threshold, n_boot, seed, level: as in :func:`outlet_sentiment`.

    Returns:
        The ``sentiment_actors`` table; ``n_sentences`` counts windows.
    """
    methods = check_choices("methods", methods, METHODS)
    rows = []
    w = windows_table
    keys = w[["outlet", "actor", "window"]].drop_duplicates()
    keys = keys.sort_values(["outlet", "actor", "window"]).itertuples(index=False, name=None)
    rows_of = {k: np.array(v) for k, v in row_positions(w, ["outlet", "actor", "window"]).items()}
    voice_of = w["voice"].to_numpy()
    n_mentions = w["n_mentions"].to_numpy()
    values = {m: w[m].to_numpy(dtype=float) for m in methods}
    for outlet, actor, window in keys:
        unit = rows_of[(outlet, actor, window)]
        for voice in VOICES:
            sub = unit if voice == "all" else unit[voice_of[unit] == voice]
            for method, stats_ in _method_stats(
                lambda m, sub=sub: values[m][sub],
                methods,
                (outlet, actor, window, voice),
                threshold=threshold,
                n_boot=n_boot,
                seed=seed,
                level=level,
            ):
                rows.append(
                    {
                        "outlet": outlet,
                        "actor": actor,
                        "window": window,
                        "voice": voice,
                        "method": method,
                        "n_mentions": int(n_mentions[sub].sum()),
                        **stats_,
                    }
                )
    out = pd.DataFrame(rows, columns=list(TABLES["sentiment_actors"]["columns"]))
    out.attrs.update(
        {
            **windows_table.attrs,
            "methods": list(methods),
            "label_threshold": threshold,
            "bootstrap": {"n_boot": n_boot, "seed": seed, "level": level, "kind": "percentile"},
        }
    )
    return out


# ----------------------------------------------------------------------------- audit
def _afinn_entry(word: str):
    return _afinn()._dict.get(word)


def _fmt(value) -> str:
    return "absent" if value is None else f"{float(value):g}"


def _direction(values: list[float]) -> str:
    if not values:
        return "absent"
    total = sum(values)
    if total > 0:
        return "positive"
    if total < 0:
        return "negative"
    return "mixed"


def lexicon_audit(
    lexicon: pd.DataFrame, *, adjustments: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How each sentiment method scores every surface pattern of every loaded term.

    Args:
        lexicon: loaded terms, one row per term with ``term``, ``category`` and
            ``patterns`` (list of surface strings); or one row per pattern with a
            ``pattern`` column.
        adjustments: political-news adjustments (default file if None).

    Returns:
        The ``sentiment_lexicon_audit`` table: per pattern, the valence each method's
        lexicon gives the whole pattern (or ``absent``), the valences of its words,
        and the score of the bare phrase.
    """
    adj = load_adjustments() if adjustments is None else adjustments
    vlex = _vader().lexicon
    plex = _adjusted_analyzer(adj).lexicon
    if "pattern" in lexicon.columns:
        items = lexicon[["term", "category", "pattern"]].itertuples(index=False, name=None)
    else:
        items = (
            (t, c, p)
            for t, c, ps in lexicon[["term", "category", "patterns"]].itertuples(
                index=False, name=None
            )
            for p in ps
        )
    rows, seen, texts = [], set(), []
    for term, category, pattern in items:
        pat = str(pattern).lower().strip()
        if (term, pat) in seen:
            continue
        seen.add((term, pat))
        text = pat.replace("*", "")  # a trailing wildcard: audit the stem
        # each method's own tokenisation: VADER splits on spaces and strips punctuation
        # (so "strong-man" stays one token); AFINN finds words inside hyphenated ones
        v_words = [w.strip(string.punctuation) for w in text.split()]
        v_tok = [(w, vlex[w]) for w in v_words if w in vlex]
        a_tok = [(w, _afinn_entry(w)) for w in _afinn().find_all(text)]
        words = set(v_words) | set(re.findall(r"[a-z0-9]+", text))
        texts.append(text)
        rows.append(
            {
                "term": term,
                "category": category,
                "pattern": pat,
                "vader": _fmt(vlex.get(pat)),
                "vader_tokens": " ".join(f"{w}={v:g}" for w, v in v_tok),
                "vader_phrase": None,
                "vader_direction": _direction([v for _, v in v_tok]),
                "afinn": _fmt(_afinn_entry(pat)),
                "afinn_tokens": " ".join(f"{w}={v:g}" for w, v in a_tok),
                "afinn_phrase": None,
                "afinn_direction": _direction([v for _, v in a_tok]),
                "vader_political": _fmt(plex.get(pat)),
                "vader_political_phrase": None,
                "adjusted": bool(words & set(adj["word"])),
            }
        )
    sc = scores_from_texts(texts, adjustments=adj)
    for row, v, a, p in zip(
        rows,
        sc["vader_compound"].tolist(),
        sc["afinn_score"].tolist(),
        sc["vader_political_compound"].tolist(),
        strict=True,
    ):
        row.update(vader_phrase=float(v), afinn_phrase=float(a), vader_political_phrase=float(p))
    out = pd.DataFrame(rows, columns=list(TABLES["sentiment_lexicon_audit"]["columns"]))
    out.attrs.update({"adjustments_version": adj.attrs.get("version"), **_package_versions()})
    return out


# ------------------------------------------------------------------ notebook views
def voice_contrast(outlet_stats: pd.DataFrame, *, method: str = "vader") -> pd.DataFrame:
    """Per outlet, the outlet's own sentences against quoted and reported ones (body).

    Args:
        outlet_stats: the ``sentiment_outlets`` table.
        method: one of :data:`METHODS`.

    Returns:
        One row per outlet: ``outlet``; for ``authorial``, ``quoted`` and ``reported``:
        ``n_*``, ``mean_*``, ``ci_low_*``, ``ci_high_*``, ``n_negative_*``;
        ``quoted_share_of_negative`` and ``reported_share_of_negative`` (share of the
        outlet's negative body sentences that are mostly quotation / reported speech) and
        ``intervals_overlap`` (True when the authorial 95% interval overlaps those of the
        other voices that have one, i.e. the data cannot tell the voices apart; None when
        no other voice has an interval).
    """
    check_choices("method", method, METHODS)
    st = outlet_stats[
        (outlet_stats["level"] == "outlet")
        & (outlet_stats["segment_group"] == "body")
        & (outlet_stats["method"] == method)
    ]
    voices = ("authorial", "quoted", "reported")
    rows = []
    for outlet, g in st.groupby("outlet", sort=False):
        g = g.set_index("voice")
        row = {"outlet": outlet}
        for v in voices:
            have = v in g.index
            row[f"n_{v}"] = int(g.loc[v, "n_sentences"]) if have else 0
            row[f"mean_{v}"] = g.loc[v, "mean_score"] if have else math.nan
            row[f"ci_low_{v}"] = g.loc[v, "ci_low"] if have else math.nan
            row[f"ci_high_{v}"] = g.loc[v, "ci_high"] if have else math.nan
            row[f"n_negative_{v}"] = int(g.loc[v, "n_negative"]) if have else 0
        neg = sum(row[f"n_negative_{v}"] for v in voices)
        for v in ("quoted", "reported"):
            row[f"{v}_share_of_negative"] = row[f"n_negative_{v}"] / neg if neg else math.nan
        checks = []
        for v in ("quoted", "reported"):
            ends = [row[f"ci_{e}_{w}"] for e in ("low", "high") for w in ("authorial", v)]
            if not any(pd.isna(x) for x in ends):
                lo = max(row["ci_low_authorial"], row[f"ci_low_{v}"])
                hi = min(row["ci_high_authorial"], row[f"ci_high_{v}"])
                checks.append(bool(lo <= hi))
        row["intervals_overlap"] = all(checks) if checks else None
        rows.append(row)
    return pd.DataFrame(rows)


def method_disagreements(
    scores: pd.DataFrame,
    *,
    a: str = "vader",
    b: str = "afinn",
    segments: Sequence[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """Sentences whose labels under two methods point in opposite directions.

    Returns:
        ``article_id, outlet, sentence_id, voice, <a>, <b>, text`` for sentences labelled
        positive by one method and negative by the other, largest gap first.
    """
    check_choices("methods", (a, b), METHODS)
    body = scores[scores["segment"].isin(tuple(segments))]
    la, lb = body[f"{a}_label"], body[f"{b}_label"]
    opp = body[
        ((la == "positive") & (lb == "negative")) | ((la == "negative") & (lb == "positive"))
    ]
    out = opp[["article_id", "outlet", "sentence_id", "voice"]].copy()
    out[a] = opp[SCORE_COLUMN[a]]
    out[b] = opp[SCORE_COLUMN[b]]
    out["text"] = opp["text"]
    gap = (out[a] - out[b]).abs()
    out = out.assign(_g=gap).sort_values(
        ["_g", "article_id", "sentence_id"], ascending=[False, True, True], kind="stable"
    )
    return out.drop(columns="_g")


def extreme_sentences(
    scores: pd.DataFrame,
    *,
    method: str = "vader",
    n: int = 3,
    segments: Sequence[str] = DEFAULT_SEGMENTS,
) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences, as evidence.

    Returns:
        ``extreme`` (most negative / most positive), ``article_id, outlet,
        sentence_id, voice, start, end_offset`` (raw offsets), ``score, text``.
    """
    check_choices("method", method, METHODS)
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    body = scores[scores["segment"].isin(tuple(segments))]
    col = SCORE_COLUMN[method]
    ranked = body.sort_values([col, "sentence_id"], kind="stable")
    parts = [
        ranked.head(n).assign(extreme="most negative"),
        ranked.tail(n).iloc[::-1].assign(extreme="most positive"),
    ]
    out = pd.concat(parts, ignore_index=True)
    out = out.rename(columns={col: "score", "end": "end_offset"})
    cols = ["extreme", "article_id", "outlet", "sentence_id", "voice", "start", "end_offset"]
    return out[[*cols, "score", "text"]]


def lexicon_words(text: str, *, method: str = "vader") -> list[tuple[str, float]]:
    """The words of ``text`` that a method's lexicon scores, with their valences.

    VADER: whitespace tokens stripped of punctuation, lower-cased, looked up in the
    plain VADER lexicon (VADER's rules for negation, boosters and "but" are not shown).
    AFINN: the words :meth:`afinn.Afinn.find_all` finds.
    """
    check_choices("method", method, ("vader", "afinn"))
    if method == "afinn":
        return [(w, float(_afinn_entry(w))) for w in _afinn().find_all(text)]
    lex = _vader().lexicon
    words = [w.strip(string.punctuation + "\u201c\u201d\u2018\u2019").lower() for w in text.split()]
    return [(w, float(lex[w])) for w in words if w in lex]


def outlet_means_by_method(
    outlet_stats: pd.DataFrame, *, voice: str = "all", segment_group: str = "body"
) -> pd.DataFrame:
    """Outlet means side by side for every method (plain VADER beside its variant).

    Returns:
        One row per outlet: ``n_sentences`` and ``mean_<method>`` for each method, plus
        ``rank_<method>`` (1 = most negative).
    """
    check_choices("voice", voice, VOICES)
    st = outlet_stats[
        (outlet_stats["level"] == "outlet")
        & (outlet_stats["voice"] == voice)
        & (outlet_stats["segment_group"] == segment_group)
    ]
    wide = st.pivot(index="outlet", columns="method", values="mean_score")
    n = st.groupby("outlet")["n_sentences"].first()
    out = pd.DataFrame({"n_sentences": n})
    for m in [m for m in METHODS if m in wide.columns]:
        out[f"mean_{m}"] = wide[m]
    for m in [m for m in METHODS if m in wide.columns]:
        out[f"rank_{m}"] = wide[m].rank(method="min").astype("Int64")
    return out.reset_index()


def load_sentiment_results() -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every sentiment table present in the results folder, for the notebook.

    Returns:
        ``(tables, missing)``: tables by name (from :data:`TABLES`) and one message per
        table that is absent (e.g. actor tables when no actor list was available).
    """
    from analysis import load_results

    tables, missing = {}, []
    for name in TABLES:
        try:
            tables[name] = load_results(name)
        except FileNotFoundError as exc:
            missing.append(str(exc))
    return tables, missing


# -------------------------------------------------------------------------- pipeline
def sentiment_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: every sentiment table that the run's inputs allow.

    Needs ``sentences`` (and uses ``quote_spans``); the actor tables need
    ``actor_mentions`` (from the actors step) and the audit needs the loaded-terms
    lexicon (``analysis.extract.loaded_terms.load_lexicon``, ``--lexicon``). A missing input is
    a note, not an error.
    """
    scores = sentence_sentiment(
        ctx.tables["sentences"], jobs=ctx.settings.jobs, engine=ctx.settings.engine
    )
    out = {
        "sentiment_sentences": scores,
        "sentiment_outlets": outlet_sentiment(scores),
        "sentiment_agreement": method_agreement(scores),
    }
    mentions = ctx.tables.get("actor_mentions")
    if mentions is not None:
        windows = actor_windows(
            scores,
            mentions,
            quote_spans=ctx.tables.get("quote_spans"),
            voices=ctx.tables.get("voice_spans"),
        )
        out["sentiment_actor_windows"] = windows
        out["sentiment_actors"] = actor_sentiment(windows)
    else:
        ctx.notes.append("sentiment: no actor_mentions table; actor sentiment skipped")
    out["sentiment_lexicon_audit"] = lexicon_audit(_lexicon_patterns(ctx.resources.lexicon))
    return out


def _lexicon_patterns(lexicon) -> pd.DataFrame:
    """Normalise a loaded-terms lexicon to rows ``term, category, patterns``."""
    if isinstance(lexicon, pd.DataFrame):
        df = lexicon
    else:
        df = pd.DataFrame(lexicon)
    term = "term" if "term" in df.columns else "id"
    out = pd.DataFrame({"term": df[term], "category": df["category"]})
    if "pattern" in df.columns:
        out["pattern"] = df["pattern"]
    else:
        out["patterns"] = [
            list(dict.fromkeys([t, *(ps or [])]))
            for t, ps in zip(df[term], df["patterns"], strict=True)
        ]
    return out


MIN_CELL_N = 3
"""Fewest sentences behind a coloured cell of the actor heatmap."""
