"""Word-level loaded-language classifier with Recasens et al. (2013) context features.

The bare Recasens bias lexicon scores near chance on BABE's word annotations (token
precision 0.03). Recasens et al. do not use it bare: each word is classified from features
of the word *and of its neighbours* (which lists the word and the two words either side
are in, its position in the sentence) by a logistic regression. This module rebuilds that
model from what is available offline and trains it on BABE's ``biased_words`` (token
level):

* the lexicon lists of ``data/external/recasens2013`` (bias lexicon, hedges, factives,
  assertives, implicatives, report verbs, entailing/entailed verbs, Riloff strong and
  weak subjectives, Liu positive/negative) for the word and for each token at -2, -1, +1,
  +2 (separate feature per offset);
* the word itself (lower case), whether it is capitalised or a stop word;
* its relative position in the sentence (quintile) and whether it sits inside double
  quotes.

Recasens et al. also use the lemma, part-of-speech tags of the word and its neighbours and
grammatical relations. No POS tagger or parser is available offline (nltk's tagger needs
downloaded data, which the project never fetches), so those features are left out.

Protocol: 5-fold CV over sentences (the BABE folds of
:func:`analysis.validation.learned.babe_validation`: StratifiedKFold on the sentence
label, shuffle, seed :data:`~analysis.validation.learned.SEED`); candidates are the
distinct tokens of each sentence, as for the bare lists; a token is gold when it is a
token of the sentence's ``biased_words``. Reported: token precision and recall at
probability >= 0.5, and of the top-1 token per sentence.

References:
    Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic Models
    for Analyzing and Detecting Biased Language. ACL 2013, pp. 1650-1659.

    Spinde, T. et al. (2021). Neural Media Bias Detection Using Distant Supervision
    With BABE. Findings of EMNLP 2021.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from analysis.validation.benchmarks import ExternalDataMissing

RECASENS_LISTS = {
    "bias": "npov_lexicon.txt",
    "hedge": "hedges_hyland2005.txt",
    "factive": "factives_hooper1975.txt",
    "assertive": "assertives_hooper1975.txt",
    "implicative": "implicatives_karttunen1971.txt",
    "report": "report_verbs.txt",
    "entailing": "entailing_berant2012.txt",
    "entailed": "entailed_berant2012.txt",
    "strong_subj": "strong_subjectives_riloff2003.txt",
    "weak_subj": "weak_subjectives_riloff2003.txt",
    "positive": "positive_liu2005.txt",
    "negative": "negative_liu2005.txt",
}
"""Feature name -> file in ``data/external/recasens2013`` (single words only)."""

OFFSETS = (-2, -1, 1, 2)
"""Context window of Recasens et al.: two tokens either side."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|[\"\u201c\u201d]")
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as _STOP  # noqa: E402

_QUOTES = {'"', "\u201c", "\u201d"}


def read_recasens_lists(data_dir: str | Path) -> dict[str, frozenset[str]]:
    """The Recasens et al. word lists, lower case; ``#`` comment lines dropped.

    Raises:
        ExternalDataMissing: when ``data/external/recasens2013`` is absent.
    """
    base = Path(data_dir) / "recasens2013"
    if not base.exists():
        raise ExternalDataMissing(
            f"{base} absent: link the recasens2013 data into data/external "
            "(see data/external/README.md); Recasens context classifier skipped"
        )
    out = {}
    for name, fname in RECASENS_LISTS.items():
        words = set()
        for line in (base / fname).read_text(encoding="utf-8", errors="replace").splitlines():
            w = line.strip().lower()
            if w and not w.startswith(("#", ";")) and " " not in w:
                words.add(w)
        out[name] = frozenset(words)
    return out


def sentence_tokens(text: str) -> list[tuple[str, bool]]:
    """Word tokens of ``text`` with whether each is inside double quotes.

    Quote marks toggle the state (straight quotes) or open/close it (curly quotes); they
    are not returned as tokens.

    >>> sentence_tokens('He said "very bad" things')
    [('He', False), ('said', False), ('very', True), ('bad', True), ('things', False)]
    """
    out, inside = [], False
    for m in _WORD.finditer(text):
        t = m.group()
        if t in _QUOTES:
            inside = {"\u201c": True, "\u201d": False}.get(t, not inside)
            continue
        out.append((t, inside))
    return out


def _index(lists: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    """Word -> names of the lists it is in (list order); cached per ``lists`` object."""
    key = id(lists)
    if _INDEX_CACHE.get("key") != key:
        index: dict[str, list[str]] = {}
        for name, words in lists.items():
            for w in sorted(words):
                index.setdefault(w, []).append(name)
        _INDEX_CACHE.clear()
        _INDEX_CACHE.update(key=key, index={w: tuple(v) for w, v in index.items()}, ref=lists)
    return _INDEX_CACHE["index"]


_INDEX_CACHE: dict = {}


def token_features(
    toks: list[tuple[str, bool]], lists: dict[str, frozenset[str]]
) -> list[dict[str, float]]:
    """Recasens-style features of every token (word, its lists, its ±2 context).

    Args:
        toks: ``(token, in_quote)`` pairs, e.g. from :func:`sentence_tokens`.
        lists: ``{name: words}`` (lower case), e.g. :func:`read_recasens_lists`.

    Returns:
        One feature dict per token: ``w=<word>``; ``cap`` (capitalised, not
        sentence-initial); ``stop`` (scikit-learn English stop word); ``pos_q=<0..4>``
        (position quintile); ``quote``; ``<list>`` for each list the word is in;
        ``<list>@<offset>`` for each list a neighbour at offset -2, -1, +1, +2 is in.
    """
    low = [t.lower() for t, _ in toks]
    index = _index(lists)
    member = [index.get(w, ()) for w in low]
    n = len(toks)
    out = []
    for i, ((tok, quoted), w) in enumerate(zip(toks, low, strict=True)):
        f: dict[str, float] = {f"w={w}": 1.0, f"pos_q={min(4, 5 * i // max(n, 1))}": 1.0}
        if i > 0 and tok[:1].isupper():
            f["cap"] = 1.0
        if w in _STOP:
            f["stop"] = 1.0
        if quoted:
            f["quote"] = 1.0
        for name in member[i]:
            f[name] = 1.0
        for off in OFFSETS:
            j = i + off
            if 0 <= j < n:
                for name in member[j]:
                    f[f"{name}@{off:+d}"] = 1.0
        out.append(f)
    return out


def sentence_candidates(text: str, lists) -> tuple[list[str], list[dict[str, float]]]:
    """Distinct lower-case tokens of a sentence (first occurrence) and their features."""
    toks = sentence_tokens(text)
    feats = token_features(toks, lists)
    seen: dict[str, dict[str, float]] = {}
    for (t, _q), f in zip(toks, feats, strict=True):
        seen.setdefault(t.lower(), f)
    return list(seen), list(seen.values())


def _int32(x):
    """CSR with 32-bit indices (liblinear refuses the 64-bit ones DictVectorizer makes)."""
    x = x.tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)
    return x


def recasens_token_validation(
    data_dir: str | Path, *, n_splits: int = 5, seed: int | None = None, c: float = 0.5
) -> list[dict]:
    """Token precision/recall of the Recasens-context classifier on BABE ``biased_words``.

    Returns:
        Table rows for ``validation_learned`` (method ``recasens_context_logistic``,
        benchmark ``babe_sg2_words``): token precision and recall at p >= 0.5, and
        precision and recall of the top-1 token per sentence (over the sentences that
        have ``biased_words``).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from analysis.validation import learned as L

    seed = L.SEED if seed is None else seed
    df = L.read_babe(data_dir)
    lists = read_recasens_lists(data_dir)
    cands, feats, gold = [], [], []
    for text, words in zip(df["text"], df["biased_words"], strict=True):
        c_words, c_feats = sentence_candidates(text, lists)
        g = {t for w in words for t in L.tokens(w)}
        cands.append(c_words)
        feats.append(c_feats)
        gold.append([int(w in g) for w in c_words])
    y = df["biased"].to_numpy()
    probs: list[np.ndarray] = [np.zeros(0)] * len(df)
    # the feature matrix is label-free: built once over every candidate
    x = _int32(DictVectorizer().fit_transform([f for fs in feats for f in fs]))
    bounds = np.cumsum([0] + [len(fs) for fs in feats])
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train, test in folds.split(np.zeros(len(y)), y):
        rows_a = np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in train])
        ya = [g for i in train for g in gold[i]]
        clf = LogisticRegression(C=c, solver="liblinear", dual=True, random_state=seed)
        clf.fit(x[rows_a], ya)
        rows_b = np.concatenate([np.arange(bounds[i], bounds[i + 1]) for i in test])
        p = clf.predict_proba(x[rows_b])[:, 1]
        at = 0
        for i in test:
            probs[i] = p[at : at + len(feats[i])]
            at += len(feats[i])
    n_gold = sum(sum(g) for g in gold)
    prop = sum(int((p >= 0.5).sum()) for p in probs)
    hit = sum(
        int(((p >= 0.5) & np.array(g, bool)).sum())
        for p, g in zip(probs, gold, strict=True)
        if len(p)
    )
    has = [i for i in range(len(df)) if sum(gold[i])]
    top_hit = sum(gold[i][int(np.argmax(probs[i]))] for i in has if len(probs[i]))
    n_gold_has = sum(sum(gold[i]) for i in has)
    note = (
        f"{n_splits}-fold StratifiedKFold over sentences (seed {seed}, BABE folds); "
        "logistic regression (liblinear, C=0.5) on the word, its Recasens-list memberships "
        "and those of the tokens at -2..+2, position quintile, in-quote, capitalised, stop "
        "word (no POS tags: no offline tagger); candidates = distinct tokens per sentence; "
        "Recasens et al. 2013"
    )
    top_note = note + f"; top-1 token of each of the {len(has)} sentences with biased_words"
    m, b = "recasens_context_logistic", "babe_sg2_words"
    return [
        L._row(m, b, "token_precision", L._div(hit, prop), None, None, prop, note),
        L._row(m, b, "token_recall", L._div(hit, n_gold), None, None, n_gold, note),
        L._row(m, b, "precision_at_1", L._div(top_hit, len(has)), None, None, len(has), top_note),
        L._row(m, b, "recall_at_1", L._div(top_hit, n_gold_has), None, None, n_gold_has, top_note),
    ]
