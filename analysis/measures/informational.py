"""Informational bias within an event: what only one outlet reports, and whose side it favours.

Word choice is one way to slant a story; selecting which facts to report is another
(Fan et al. 2019 call it *informational* bias, as opposed to *lexical* bias). This module
measures it from tables the pipeline already makes:

1. **Exclusive units** (:mod:`analysis.measures.coverage`, table ``coverage_exclusive``):
   information units (clusters of similar body sentences within one event) carried by a
   single outlet. They are the facts that outlet includes and the others leave out.
2. **Who the unit is about**: every actor (:mod:`analysis.extract.actors`) mentioned in
   the unit's sentences.
3. **Stance toward that actor**: a score in [-1, 1] for each actor window of the unit's
   sentences. By default the VADER compound of the clause window around the mention
   (``sentiment_actor_windows``, ``window == "clause"``): cheap and always available. The
   learned target-dependent stance model (:func:`analysis.validation.learned.stance_from_mentions`,
   ``p_positive - p_negative`` per mention) can be used instead through
   :func:`stance_from_learned`; it needs ``data/external/newsmtsc`` and ~15 s of training,
   so the pipeline step uses window VADER and names it in the ``method`` column.
4. **Unit stance**: the mean of the unit's window scores for the actor, labelled
   ``favourable`` (>= ``threshold``), ``unfavourable`` (<= ``-threshold``) or ``neutral``;
   for the learned model, the argmax of the mentions' mean class probabilities.
5. **Balance** per event x outlet x actor: ``(n_favourable - n_unfavourable) /
   n_exclusive_units`` in [-1, 1], the mean of the units' votes (+1, -1, 0), with a
   percentile-bootstrap interval that resamples the units. With several events, rows with
   ``event == "all"`` pool an outlet's units over events and resample events (a cluster
   bootstrap), since units of one story are not independent of each other.

Assumptions and weaknesses are in ``docs/informational-bias.md``: a unit's sentiment is
not necessarily its stance toward each actor it names (one negative clause, "Putin warned
South Korea", counts against both); "exclusive" depends on the clustering threshold; and
an outlet with more text has more exclusive units.

References:
    Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., & Wang, L. (2019).
    In plain sight: Media bias through the lens of factual reporting. *EMNLP-IJCNLP*,
    6343-6349.
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
    sentiment analysis of social media text. *ICWSM*.
    Hamborg, F., & Donnay, K. (2021). NewsMTSC: A dataset for (multi-)target-dependent
    sentiment classification in political news articles. *EACL*, 1663-1675.
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*, ch. 13.
"""

from __future__ import annotations

import math
import zlib

import numpy as np
import pandas as pd

from analysis.errors import check_choice
from analysis.text.events import EVENT_COLUMN_DOC

THRESHOLD = 0.05
"""Unit score at or above which a unit is favourable (at or below minus it, unfavourable);
VADER's own cut for positive/negative."""

N_BOOT = 2000
SEED = 20240620
LEVEL = 0.95
DIGITS = 4
WINDOW_METHOD = "vader_clause_window"
LEARNED_METHOD = "stance_model_newsmtsc"
METHODS = (WINDOW_METHOD, LEARNED_METHOD)
STANCE_LABELS = ("favourable", "neutral", "unfavourable")
PROBS = ("p_negative", "p_neutral", "p_positive")
"""Probability columns a learned stance table may carry (:func:`stance_from_learned`)."""
POOLED = "all"

TABLES = {
    "informational_balance": {
        "description": (
            "Informational bias: per event x outlet x actor, the units only that outlet "
            "reports (coverage_exclusive) that mention the actor, by the stance of the unit "
            "toward the actor, and their balance (docs/informational-bias.md)."
        ),
        "columns": {
            "event": EVENT_COLUMN_DOC + "; 'all' = the outlet's units pooled over events "
            "(only with two or more events)",
            "outlet": "the outlet that alone reports the units",
            "actor": "actor id the units mention",
            "n_exclusive_units": "exclusive units of the outlet (in the event) that mention the actor",
            "n_favourable": "of them, units favourable to the actor (window VADER: mean score "
            ">= 0.05; learned model: argmax of the mean probabilities is positive)",
            "n_unfavourable": "units unfavourable to the actor (mean score <= -0.05; learned: "
            "argmax negative)",
            "n_neutral": "the other units",
            "balance": "(n_favourable - n_unfavourable) / n_exclusive_units, in [-1, 1]: "
            "> 0 the outlet's exclusive facts lean toward the actor, < 0 against it",
            "ci_low": "lower end of the seeded percentile-bootstrap 95% interval of balance "
            "(empty when fewer than 2 units, or fewer than 2 events for 'all')",
            "ci_high": "upper end of that interval",
            "resampled": "what the bootstrap resamples: units (one event) or events ('all' rows)",
            "n_outlet_exclusive_units": "all exclusive units of the outlet in the event "
            "(mentioning any actor or none): the denominator for how much it adds",
            "method": "stance method: vader_clause_window (VADER compound of the clause "
            "around the mention, sentiment_actor_windows) or stance_model_newsmtsc "
            "(learned target-dependent model, p_positive - p_negative)",
        },
    },
    "informational_evidence": {
        "description": (
            "Evidence for informational_balance: one row per exclusive unit x actor x "
            "sentence mentioning the actor, with the sentence text and raw offsets."
        ),
        "columns": {
            "event": EVENT_COLUMN_DOC,
            "unit_id": "information unit id (coverage)",
            "outlet": "the only outlet that reports the unit",
            "actor": "actor id mentioned in the sentence",
            "unit_stance": "the unit's stance toward the actor: favourable, neutral or "
            "unfavourable (mean score over the unit's windows for the actor, cut at +-0.05; "
            "learned model: argmax of the mean probabilities)",
            "unit_score": "that mean score",
            "unit_sentence_ids": "all sentences of the unit, ';'-separated",
            "article_id": "the article",
            "sentence_id": "the sentence mentioning the actor",
            "start": "raw offset of the sentence start",
            "end": "raw offset of the sentence end (raw[start:end] == text)",
            "text": "the sentence text",
            "sentence_score": "mean score of the actor's windows in this sentence",
            "method": "stance method (see informational_balance.method)",
        },
    },
}


def stance_from_windows(windows: pd.DataFrame, *, window: str = "clause") -> pd.DataFrame:
    """Per actor window stance scores from ``sentiment_actor_windows``.

    Args:
        windows: the ``sentiment_actor_windows`` table.
        window: ``"clause"`` (default: the stretch around the mention) or ``"sentence"``.

    Returns:
        ``sentence_id, actor, score, method`` (VADER compound).
    """
    check_choice("window", window, ("clause", "sentence"))
    w = windows[windows["window"] == window]
    out = pd.DataFrame(
        {
            "sentence_id": w["sentence_id"].astype(str).to_numpy(),
            "actor": w["actor"].astype(str).to_numpy(),
            "score": w["vader"].astype(float).to_numpy(),
        }
    )
    out["method"] = WINDOW_METHOD if window == "clause" else "vader_sentence_window"
    return out


def stance_from_learned(per_mention: pd.DataFrame) -> pd.DataFrame:
    """Per mention stance scores from :func:`analysis.validation.learned.stance_from_mentions`.

    Args:
        per_mention: its first return value (``sentence_id, actor, p_negative,
            p_positive``, ...).

    Returns:
        ``sentence_id, actor, score, p_negative, p_neutral, p_positive, method`` with
        ``score = p_positive - p_negative``. With the probabilities present, a unit's
        stance is the argmax of its mentions' mean probabilities (the model's own
        three-way decision), not a cut of the mean score: the model's ``p_neutral``
        would otherwise be ignored.
    """
    score = per_mention["p_positive"].astype(float) - per_mention["p_negative"].astype(float)
    out = pd.DataFrame(
        {
            "sentence_id": per_mention["sentence_id"].astype(str).to_numpy(),
            "actor": per_mention["actor"].astype(str).to_numpy(),
            "score": score.to_numpy(),
        }
    )
    for c in PROBS:
        out[c] = per_mention[c].astype(float).to_numpy()
    out["method"] = LEARNED_METHOD
    return out


def label_score(score: float, *, threshold: float = THRESHOLD) -> str:
    """``favourable`` (>= threshold), ``unfavourable`` (<= -threshold) or ``neutral``."""
    if score >= threshold:
        return "favourable"
    if score <= -threshold:
        return "unfavourable"
    return "neutral"


def _seed(seed: int, key) -> list[int]:
    return [int(seed), zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))]


def _votes_interval(votes, *, n_boot, seed, level) -> tuple[float, float]:
    from analysis.stats import bootstrap_mean_ci

    return bootstrap_mean_ci(votes, n_boot=n_boot, seed=seed, level=level)


def _events_interval(per_event: list[tuple[int, int]], *, n_boot, seed, level):
    """Cluster bootstrap: resample events, balance = sum(votes) / sum(units)."""
    from analysis.stats import bootstrap_interval

    if len(per_event) < 2:
        return (math.nan, math.nan)
    arr = np.array(sorted(per_event), dtype=float)  # (net, n) per event; sorted: order-free
    alpha = (1.0 - level) / 2.0
    return bootstrap_interval(
        lambda idx: arr[idx, 0].sum(axis=1) / arr[idx, 1].sum(axis=1),
        len(arr),
        rng=np.random.default_rng(seed),
        n_boot=n_boot,
        quantiles=(alpha, 1.0 - alpha),
    )


def informational_evidence(
    coverage_exclusive: pd.DataFrame,
    stance: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
) -> pd.DataFrame:
    """The ``informational_evidence`` table: exclusive units x actors x sentences.

    Args:
        coverage_exclusive: the ``coverage_exclusive`` table (one row per sentence of a
            single-outlet unit; ``event`` optional).
        stance: per window or mention scores, ``sentence_id, actor, score, method``
            (:func:`stance_from_windows` or :func:`stance_from_learned`; with the
            learned model's ``p_negative, p_neutral, p_positive`` the unit's stance is
            the argmax of their means).
        threshold: the favourable/unfavourable cut of the unit's mean score (scores
            without probabilities).

    Returns:
        One row per unit x actor x sentence (columns in ``TABLES``), ordered by event,
        unit, actor, sentence.
    """
    cols = list(TABLES["informational_evidence"]["columns"])
    ex = coverage_exclusive.copy()
    if "event" not in ex:
        ex["event"] = ""
    ex["sentence_id"] = ex["sentence_id"].astype(str)
    if ex.empty or stance.empty:
        return pd.DataFrame(columns=cols)
    methods = sorted(set(stance["method"]))
    if len(methods) != 1:
        raise ValueError(f"stance must come from one method; got {methods}")
    sent_ids = ex.groupby(["event", "unit_id"], sort=False)["sentence_id"].agg(";".join)
    probs = [c for c in PROBS if c in stance]
    if probs and len(probs) != len(PROBS):
        raise ValueError(f"stance needs all of {', '.join(PROBS)} or none; got {probs}")
    g = stance.rename(columns={"score": "sum"}).groupby(["sentence_id", "actor"], sort=True)
    per_sentence = g[["sum", *probs]].sum().join(g.size().rename("size")).reset_index()
    m = ex.merge(per_sentence, on="sentence_id", how="inner")
    if m.empty:
        return pd.DataFrame(columns=cols)
    unit = m.groupby(["event", "unit_id", "actor"])[["sum", "size", *probs]].transform("sum")
    m["unit_score"] = (unit["sum"] / unit["size"]).round(DIGITS)
    m["sentence_score"] = (m["sum"] / m["size"]).round(DIGITS)
    if probs:  # the model's three-way decision on the unit's mean probabilities
        names = np.array(["unfavourable", "neutral", "favourable"])  # order of PROBS
        m["unit_stance"] = names[unit[list(PROBS)].to_numpy().argmax(axis=1)]
    else:
        m["unit_stance"] = [label_score(s, threshold=threshold) for s in m["unit_score"]]
    m["unit_sentence_ids"] = [
        sent_ids[(e, u)] for e, u in zip(m["event"], m["unit_id"], strict=True)
    ]
    m["method"] = methods[0]
    m = m.sort_values(["event", "unit_id", "actor", "start"], kind="stable")
    return m[cols].reset_index(drop=True)


def informational_balance(
    coverage_exclusive: pd.DataFrame,
    stance: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    level: float = LEVEL,
    evidence: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per event x outlet x actor: exclusive units by stance toward the actor, and balance.

    Args:
        coverage_exclusive: the ``coverage_exclusive`` table.
        stance: per window or mention scores (see :func:`informational_evidence`).
        threshold: the favourable/unfavourable cut of a unit's mean score.
        n_boot: bootstrap resamples.
        seed: bootstrap seed (each row gets its own stream from its key).
        level: interval coverage.
        evidence: the :func:`informational_evidence` table, if already computed.

    Returns:
        The ``informational_balance`` table (columns in ``TABLES``), ordered by event,
        outlet, actor; ``event == "all"`` rows pool the events when there are two or
        more. Units of an outlet that mention no scored actor count only in
        ``n_outlet_exclusive_units``.

    References:
        Fan, L., et al. (2019). In plain sight: Media bias through the lens of factual
        reporting. *EMNLP-IJCNLP*.
        Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    """
    cols = list(TABLES["informational_balance"]["columns"])
    if evidence is None:
        evidence = informational_evidence(coverage_exclusive, stance, threshold=threshold)
    if evidence.empty:
        return pd.DataFrame(columns=cols)
    ex = coverage_exclusive.copy()
    if "event" not in ex:
        ex["event"] = ""
    n_outlet = ex.groupby(["event", "outlet"])["unit_id"].nunique().to_dict()
    units = evidence.drop_duplicates(["event", "unit_id", "actor"])[
        ["event", "unit_id", "outlet", "actor", "unit_stance"]
    ]
    vote = {"favourable": 1, "unfavourable": -1, "neutral": 0}
    units = units.assign(vote=units["unit_stance"].map(vote))
    method = evidence["method"].iloc[0]
    rows = []
    for (event, outlet, actor), g in units.groupby(["event", "outlet", "actor"], sort=True):
        votes = g["vote"].to_numpy()
        low, high = _votes_interval(
            votes, n_boot=n_boot, seed=_seed(seed, (event, outlet, actor)), level=level
        )
        rows.append(
            {
                "event": event,
                "outlet": outlet,
                "actor": actor,
                "n_exclusive_units": len(votes),
                "n_favourable": int((votes == 1).sum()),
                "n_unfavourable": int((votes == -1).sum()),
                "n_neutral": int((votes == 0).sum()),
                "balance": float(votes.mean()),
                "ci_low": low,
                "ci_high": high,
                "resampled": "units",
                "n_outlet_exclusive_units": int(n_outlet.get((event, outlet), 0)),
                "method": method,
            }
        )
    if ex["event"].nunique() > 1:
        n_all = ex.groupby("outlet")["unit_id"].nunique().to_dict()
        for (outlet, actor), g in units.groupby(["outlet", "actor"], sort=True):
            per_event = [(int(e["vote"].sum()), len(e)) for _, e in g.groupby("event", sort=True)]
            votes = g["vote"].to_numpy()
            low, high = _events_interval(
                per_event, n_boot=n_boot, seed=_seed(seed, (POOLED, outlet, actor)), level=level
            )
            rows.append(
                {
                    "event": POOLED,
                    "outlet": outlet,
                    "actor": actor,
                    "n_exclusive_units": len(votes),
                    "n_favourable": int((votes == 1).sum()),
                    "n_unfavourable": int((votes == -1).sum()),
                    "n_neutral": int((votes == 0).sum()),
                    "balance": float(votes.mean()),
                    "ci_low": low,
                    "ci_high": high,
                    "resampled": "events",
                    "n_outlet_exclusive_units": int(n_all.get(outlet, 0)),
                    "method": method,
                }
            )
    out = pd.DataFrame(rows, columns=cols)
    for c in ("balance", "ci_low", "ci_high"):
        out[c] = out[c].astype(float).round(DIGITS)
    out.attrs.update(
        {
            "method": method,
            "threshold": float(threshold),
            "n_boot": int(n_boot),
            "seed": int(seed),
            "level": float(level),
        }
    )
    return out


def stance_agreement(evidence_a: pd.DataFrame, evidence_b: pd.DataFrame) -> dict:
    """How often two stance methods give an exclusive unit the same stance toward an actor.

    Args:
        evidence_a: an ``informational_evidence`` table (e.g. window VADER).
        evidence_b: another one over the same units (e.g. the learned stance model).

    Returns:
        ``method_a, method_b, n_pairs`` (unit x actor pairs scored by both),
        ``agreement`` (share with the same stance), ``kappa`` (Cohen's kappa over
        favourable / neutral / unfavourable) and ``confusion`` (``{(stance_a,
        stance_b): count}``).

    References:
        Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational
        and Psychological Measurement*, 20(1), 37-46.
    """
    from analysis.stats import cohen_kappa

    key = ["event", "unit_id", "actor"]
    a = evidence_a.drop_duplicates(key)[[*key, "unit_stance"]]
    b = evidence_b.drop_duplicates(key)[[*key, "unit_stance"]]
    m = a.merge(b, on=key, suffixes=("_a", "_b"))
    n = len(m)
    confusion = m.groupby(["unit_stance_a", "unit_stance_b"]).size().to_dict()
    same = float((m["unit_stance_a"] == m["unit_stance_b"]).mean()) if n else math.nan
    kappa = (
        cohen_kappa(m["unit_stance_a"], m["unit_stance_b"], labels=STANCE_LABELS) if n else math.nan
    )
    return {
        "method_a": evidence_a["method"].iloc[0] if len(evidence_a) else "",
        "method_b": evidence_b["method"].iloc[0] if len(evidence_b) else "",
        "n_pairs": n,
        "agreement": round(same, DIGITS) if n else math.nan,
        "kappa": round(kappa, DIGITS) if n else math.nan,
        "confusion": {k: int(v) for k, v in sorted(confusion.items())},
    }


def balance_summary(balance: pd.DataFrame, *, min_units: int = 2) -> pd.DataFrame:
    """The rows worth reading first: at least ``min_units`` units, strongest balance first.

    Args:
        balance: the ``informational_balance`` table.
        min_units: smallest ``n_exclusive_units`` kept.

    Returns:
        The kept rows, ordered by ``|balance|`` (descending), then event, outlet, actor.
    """
    b = balance[balance["n_exclusive_units"] >= min_units].copy()
    b["_abs"] = b["balance"].abs()
    b = b.sort_values(["_abs", "event", "outlet", "actor"], ascending=[False, True, True, True])
    return b.drop(columns="_abs").reset_index(drop=True)


def informational_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``informational_balance`` and ``informational_evidence`` from
    ``coverage_exclusive`` and the clause windows of ``sentiment_actor_windows``."""
    stance = stance_from_windows(ctx.tables["sentiment_actor_windows"])
    evidence = informational_evidence(ctx.tables["coverage_exclusive"], stance)
    balance = informational_balance(ctx.tables["coverage_exclusive"], stance, evidence=evidence)
    return {"informational_balance": balance, "informational_evidence": evidence}
