"""Learned measures that travel beyond the seed event, each checked on its benchmark.

Three scikit-learn models, trained from ``data/external`` at run time (nothing is
downloaded, pickled or cached on disk; fixed seeds; floats rounded so the table is
byte-identical across runs), and one lexicon layer:

* **Biased sentences (BABE)**, Spinde et al. (2021): word 1-2-gram + character 2-4-gram
  TF-IDF, linear SVM, 5-fold stratified CV on ``final_labels_SG2.csv``; F1 of the
  Biased class and support-weighted F1 (``f1_score(average="weighted")``), as the
  paper's code does. Word level: the words of a sentence ranked by the fold model's
  unigram coefficient (coefficient x presence), top-k against ``biased_words``.
* **News sentiment (NYT editorial snippets)**, Hutto & Gilbert (2014): TF-IDF plus VADER
  scores in a ridge regression, 10-fold CV Pearson r with the mean human rating.
* **Stance toward a target (NewsMTSC)**, Hamborg & Donnay (2021): features that mark the
  target (the sentence with the target masked, the words left and right of it, the
  clause it sits in, its relative position, VADER of the clause and the sentence) in a
  one-vs-rest logistic regression; trained on ``train``, macro F1 on the real-world test
  split. :func:`stance_from_mentions` applies it to the project's actor mentions.
* **Generic loaded-language layer**: Hu-Liu opinion words, the BABE bias-word lexicon,
  the Recasens et al. (2013) bias lexicon and hedges; token precision and recall of
  each against BABE's ``biased_words``.

References:
    Spinde, T. et al. (2021). Neural Media Bias Detection Using Distant Supervision
    With BABE. Findings of EMNLP 2021.

    Hutto, C. J. & Gilbert, E. (2014). VADER. ICWSM-14 (Table 4).

    Hamborg, F. & Donnay, K. (2021). NewsMTSC. EACL 2021 (Table 2).

    Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic Models
    for Analyzing and Detecting Biased Language. ACL 2013.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.validation.benchmarks import ExternalDataMissing

SEED = 20240620
"""The one seed of every fold split and solver."""

DIGITS = 4
"""Every float of the table is rounded to this many digits (byte-identical output)."""

BABE_FILE = Path("babe") / "final_labels_SG2.csv"
NYT_FILE = Path("vader_icwsm2014") / "nytEditorialSnippets_GroundTruth.txt"
MTSC_TRAIN = Path("newsmtsc") / "official" / "train.jsonl"
MTSC_TEST = Path("newsmtsc") / "paper_dev_test_split" / "rw" / "test.jsonl"
MTSC_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
STANCES = ("negative", "neutral", "positive")

LEXICON_FILES = {
    "babe_bias_words": Path("babe") / "bias_word_lexicon.txt",
    "recasens_npov": Path("recasens2013") / "npov_lexicon.txt",
    "huliu_positive": Path("huliu_opinion_lexicon") / "positive-words.txt",
    "huliu_negative": Path("huliu_opinion_lexicon") / "negative-words.txt",
    "hedges_hyland": Path("recasens2013") / "hedges_hyland2005.txt",
    "strong_subjective": Path("recasens2013") / "strong_subjectives_riloff2003.txt",
}
"""Word lists of the generic loaded-language layer (single words are matched)."""

COLUMNS = ["method", "benchmark", "metric", "value", "published", "target", "n", "notes"]

TABLES = {
    "validation_learned": {
        "description": "Learned models (scikit-learn, trained from data/external at run "
        "time) and the generic loaded-language lexicons on their benchmarks, measured as "
        "each benchmark's paper measures, beside the published figures and the project's "
        "targets (analysis.validation.learned, docs/learned.md).",
        "columns": {
            "method": "model or lexicon (published-only rows name the paper's method)",
            "benchmark": "babe_sg2 (3,673 sentences), babe_sg2_words (biased_words), "
            "nyt_editorials (5,190 snippets) or newsmtsc_rw_test (803 targets)",
            "metric": "f1_biased, weighted_f1, accuracy, precision_at_k/recall_at_k, "
            "token_precision/token_recall, pearson_r or macro_f1",
            "value": "this run's value (empty for published-only rows)",
            "published": "the published figure for this benchmark and metric, if any",
            "target": "the project's target for this metric (issue 15), if any",
            "n": "items scored (sentences, words or targets)",
            "notes": "protocol and where the published figure comes from",
        },
    }
}

_TOKEN = re.compile(r"[a-z][a-z'\-]*")
_MTSC_TOKEN = re.compile(r"\w+|[^\w\s]")


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        raise ExternalDataMissing(
            f"{path} absent: link the {what} data into data/external "
            "(see data/external/README.md); learned validation skipped"
        )
    return path


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (letters, inner apostrophes and hyphens)."""
    return _TOKEN.findall(text.lower())


# ------------------------------------------------------------------------- metrics
def weighted_f1(gold, pred) -> float:
    """Support-weighted F1 over the classes of ``gold`` (sklearn ``average="weighted"``)."""
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, average="weighted"))


def topk_precision_recall(
    ranked: list[list[str]], gold: list[list[str]], k: int
) -> tuple[float, float, int]:
    """Micro precision and recall of the first ``k`` words of each ranking.

    Args:
        ranked: per sentence, candidate words best first (already without duplicates).
        gold: per sentence, the annotated words.
        k: how many words of each ranking count.

    Returns:
        ``(precision, recall, n_gold)`` pooled over sentences: hits / words proposed and
        gold words found / gold words.
    """
    hits = proposed = n_gold = 0
    for r, g in zip(ranked, gold, strict=True):
        gs = {w.lower() for w in g}
        top = list(dict.fromkeys(r))[:k]
        proposed += len(top)
        hits += sum(w in gs for w in top)
        n_gold += len(gs)
    found = hits
    precision = hits / proposed if proposed else float("nan")
    recall = found / n_gold if n_gold else float("nan")
    return precision, recall, n_gold


# ---------------------------------------------------------------------------- data
def read_babe(data_dir: str | Path) -> pd.DataFrame:
    """BABE SG2 sentences with an expert label (the one 'No agreement' row dropped).

    Returns:
        Columns ``text, outlet, biased`` (1 = Biased) and ``biased_words`` (list).
    """
    path = _need(Path(data_dir) / BABE_FILE, "babe")
    df = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    df = df[df["label_bias"].isin(["Biased", "Non-biased"])].reset_index(drop=True)
    words = [ast.literal_eval(w) if w.strip().startswith("[") else [] for w in df["biased_words"]]
    return pd.DataFrame(
        {
            "text": df["text"],
            "outlet": df["outlet"],
            "biased": (df["label_bias"] == "Biased").astype(int),
            "biased_words": words,
        }
    )


def read_lexicons(data_dir: str | Path) -> dict[str, frozenset[str]]:
    """The generic word lists (:data:`LEXICON_FILES`), lower-case, comments dropped."""
    out = {}
    for name, rel in LEXICON_FILES.items():
        path = _need(Path(data_dir) / rel, str(rel.parent))
        words = set()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            w = line.strip().lower()
            if w and not w.startswith(";") and " " not in w:
                words.add(w)
        out[name] = frozenset(words)
    return out


def read_nyt(data_dir: str | Path) -> pd.DataFrame:
    """The NYT editorial snippets: ``id, mean_rating, text``."""
    from analysis.validation.benchmarks import read_nyt_snippets

    _need(Path(data_dir) / NYT_FILE, "vader_icwsm2014")
    return read_nyt_snippets(data_dir)


def read_mtsc(path: Path) -> pd.DataFrame:
    """NewsMTSC JSONL, one row per target: ``sentence, start, end, mention, gold``."""
    rows = []
    with _need(path, "newsmtsc").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            for t in doc["targets"]:
                rows.append(
                    (
                        doc["sentence_normalized"],
                        int(t["from"]),
                        int(t["to"]),
                        t["mention"],
                        MTSC_POLARITY[float(t["polarity"])],
                    )
                )
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "mention", "gold"])


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_features(texts) -> np.ndarray:
    """VADER ``compound, pos, neu, neg`` per text (one analyzer, no AFINN)."""
    v = _vader()
    rows = []
    for t in texts:
        s = v.polarity_scores(t)
        rows.append((s["compound"], s["pos"], s["neu"], s["neg"]))
    return np.array(rows, dtype=float).reshape(-1, 4)


# ---------------------------------------------------------------------------- BABE
def _babe_vectorizers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)
    return word, char


def fit_bias_classifier(texts, labels, *, c: float = 0.1, seed: int = SEED):
    """Fit the biased-sentence model: word 1-2-gram + char 2-4-gram TF-IDF, linear SVM.

    Returns:
        ``(word_vectorizer, char_vectorizer, classifier)``.
    """
    from scipy.sparse import hstack
    from sklearn.svm import LinearSVC

    word, char = _babe_vectorizers()
    x = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    clf = LinearSVC(C=c, random_state=seed).fit(x, labels)
    return word, char, clf


def predict_bias(model, texts) -> np.ndarray:
    """Labels (1 = biased) of the model from :func:`fit_bias_classifier`."""
    from scipy.sparse import hstack

    word, char, clf = model
    return clf.predict(hstack([word.transform(texts), char.transform(texts)]).tocsr())


def weighted_words(model, text: str) -> list[str]:
    """The sentence's words ranked by the model's unigram weight (positive weights only).

    Coefficient x presence: each distinct content word of ``text`` (not in scikit-learn's
    English stop words) that is a unigram feature with a positive (towards Biased)
    coefficient, highest first.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as _STOP

    word, _char, clf = model
    vocab = word.vocabulary_
    coef = clf.coef_.ravel()
    seen: dict[str, float] = {}
    for w in re.findall(r"(?u)\b\w+\b", text.lower()):
        j = vocab.get(w)
        if j is not None and coef[j] > 0 and w not in seen and w not in _STOP:
            seen[w] = float(coef[j])
    return sorted(seen, key=lambda w: (-seen[w], w))


def babe_validation(
    data_dir: str | Path, *, n_splits: int = 5, seed: int = SEED, ks=(1, 3)
) -> list[dict]:
    """5-fold stratified CV of the biased-sentence model on BABE SG2.

    Returns:
        Table rows, sentence level and word level (top-k weighted words).
    """
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold

    df = read_babe(data_dir)
    x, y = df["text"].to_numpy(), df["biased"].to_numpy()
    pred = np.zeros(len(y), dtype=int)
    ranked: list[list[str]] = [[] for _ in range(len(y))]
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for train, test in folds.split(x, y):
        model = fit_bias_classifier(x[train], y[train], seed=seed)
        pred[test] = predict_bias(model, x[test])
        for i in test:
            ranked[i] = weighted_words(model, x[i])
    method = "tfidf_word_char_linear_svm"
    note = (
        f"{n_splits}-fold StratifiedKFold(shuffle, seed {seed}); word 1-2-gram + char_wb "
        "2-4-gram TF-IDF, LinearSVC C=0.1; published: BERT + distant supervision "
        "(Spinde et al. 2021)"
    )
    rows = [
        _row(method, "babe_sg2", "f1_biased", f1_score(y, pred), 0.803, None, len(y), note),
        _row(method, "babe_sg2", "weighted_f1", weighted_f1(y, pred), 0.804, 0.78, len(y), note),
        _row(method, "babe_sg2", "accuracy", accuracy_score(y, pred), None, None, len(y), note),
    ]
    words_mask = [bool(w) for w in df["biased_words"]]
    gold = [
        {t for g in ws for t in re.findall(r"(?u)\b\w+\b", g.lower())}
        for ws, m in zip(df["biased_words"], words_mask, strict=True)
        if m
    ]
    cand = [r for r, m in zip(ranked, words_mask, strict=True) if m]
    for k in ks:
        p, r, n_gold = topk_precision_recall(cand, gold, k)
        wnote = (
            f"top-{k} words by out-of-fold unigram coefficient x presence, against "
            f"biased_words of the {len(gold)} sentences that have them (micro)"
        )
        rows.append(
            _row(method, "babe_sg2_words", f"precision_at_{k}", p, None, None, n_gold, wnote)
        )
        rows.append(_row(method, "babe_sg2_words", f"recall_at_{k}", r, None, None, n_gold, wnote))
    return rows


def babe_top_features(data_dir: str | Path, *, n: int = 20) -> pd.DataFrame:
    """The strongest word features of the model fitted on all BABE SG2 sentences."""
    df = read_babe(data_dir)
    return top_features(fit_bias_classifier(df["text"], df["biased"]), n)


def top_features(model, n: int = 20) -> pd.DataFrame:
    """The ``n`` strongest word features towards each class: ``feature, weight, side``."""
    word, _char, clf = model
    names = word.get_feature_names_out()
    coef = clf.coef_.ravel()[: len(names)]
    order = np.argsort(-coef, kind="stable")
    pos = [(names[i], round(float(coef[i]), DIGITS), "biased") for i in order[:n]]
    neg = [(names[i], round(float(coef[i]), DIGITS), "non-biased") for i in order[::-1][:n]]
    return pd.DataFrame(pos + neg, columns=["feature", "weight", "side"])


def lexicon_token_validation(data_dir: str | Path) -> list[dict]:
    """Token precision/recall of each generic word list against BABE ``biased_words``.

    Every token of every labelled sentence is a candidate; a token is gold when the
    annotators listed it in the sentence's ``biased_words``.
    """
    df = read_babe(data_dir)
    lex = read_lexicons(data_dir)
    lex["generic_union"] = frozenset().union(*lex.values())
    toks = [tokens(t) for t in df["text"]]
    gold = [{w.lower() for g in ws for w in tokens(g)} for ws in df["biased_words"]]
    n_gold = sum(sum(t in g for t in set(ts)) for ts, g in zip(toks, gold, strict=True))
    rows = []
    for name, words in lex.items():
        hit = prop = 0
        for ts, g in zip(toks, gold, strict=True):
            matched = {t for t in ts if t in words}
            prop += len(matched)
            hit += len(matched & g)
        note = (
            f"{len(words)} words; distinct tokens per sentence over {len(df)} sentences; "
            "gold = tokens of biased_words"
        )
        rows.append(
            _row(name, "babe_sg2_words", "token_precision", _div(hit, prop), None, None, prop, note)
        )
        rows.append(
            _row(
                name, "babe_sg2_words", "token_recall", _div(hit, n_gold), None, None, n_gold, note
            )
        )
    return rows


def _div(a: float, b: float) -> float:
    return a / b if b else float("nan")


def generic_matches(
    sentences: pd.DataFrame,
    lexicons: dict[str, frozenset[str]],
    *,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Matches of the generic word lists in the sentences, with voice and target.

    Args:
        sentences: the ``sentences`` table (``article_id, outlet, sentence_id, start,
            text, quote_share``).
        lexicons: ``{name: words}``, e.g. :func:`read_lexicons`.
        mentions: actor mentions (``sentence_id, actor, start, end``; raw offsets); the
            target of a match is the actor mentioned nearest to it in its sentence.

    Returns:
        One row per word and list: ``article_id, outlet, sentence_id, lexicon, term,
        start, end`` (raw offsets), ``voice`` (quoted when the sentence's quote share is
        at least 0.5, else authorial; as the sentiment tables), ``target`` (empty when
        the sentence names no actor) and ``sentence``.
    """
    from analysis.extract.sentiment import voice_from_quote_share

    cols = ["article_id", "outlet", "sentence_id", "lexicon", "term", "start", "end"]
    cols += ["voice", "target", "sentence"]
    by_sentence: dict[str, list[tuple[int, int, str]]] = {}
    if mentions is not None:
        for m in mentions[["sentence_id", "actor", "start", "end"]].itertuples(index=False):
            by_sentence.setdefault(m.sentence_id, []).append((int(m.start), int(m.end), m.actor))
    rows = []
    for s in sentences.itertuples(index=False):
        voice = str(voice_from_quote_share(s.quote_share))
        for m in _TOKEN.finditer(s.text.lower()):
            word = m.group()
            lo, hi = int(s.start) + m.start(), int(s.start) + m.end()
            for name, words in lexicons.items():
                if word not in words:
                    continue
                near = by_sentence.get(s.sentence_id, [])
                target = (
                    min(near, key=lambda a: (min(abs(a[0] - hi), abs(lo - a[1])), a[0]))[2]
                    if near
                    else ""
                )
                rows.append(
                    (
                        s.article_id,
                        s.outlet,
                        s.sentence_id,
                        name,
                        word,
                        lo,
                        hi,
                        voice,
                        target,
                        s.text,
                    )
                )
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------------------- NYT
def nyt_validation(data_dir: str | Path, *, n_splits: int = 10, seed: int = SEED) -> list[dict]:
    """10-fold CV Pearson r of a TF-IDF + VADER-score ridge with the mean rating."""
    from scipy.sparse import csr_matrix, hstack
    from scipy.stats import pearsonr
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold
    from sklearn.preprocessing import StandardScaler

    from analysis.extract.sentiment import scores_from_texts

    snip = read_nyt(data_dir)
    x, y = snip["text"].to_numpy(), snip["mean_rating"].to_numpy()
    lex = read_lexicons(data_dir)
    pos, neg = lex["huliu_positive"], lex["huliu_negative"]
    counts = [(sum(t in pos for t in ts), sum(t in neg for t in ts)) for ts in map(tokens, x)]
    scores = scores_from_texts(list(x))
    dense = np.column_stack([scores.to_numpy(), np.array(counts, dtype=float)])
    pred = np.zeros(len(y))
    for train, test in KFold(n_splits=n_splits, shuffle=True, random_state=seed).split(x):
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        sc = StandardScaler().fit(dense[train])
        a = hstack([vec.fit_transform(x[train]), csr_matrix(sc.transform(dense[train]))])
        b = hstack([vec.transform(x[test]), csr_matrix(sc.transform(dense[test]))])
        model = Ridge(alpha=1.0, solver="sparse_cg", tol=1e-6)
        pred[test] = model.fit(a.tocsr(), y[train]).predict(b.tocsr())
    r = float(pearsonr(pred, y).statistic)
    vr = float(pearsonr(scores["vader_compound"], y).statistic)
    note = (
        f"{n_splits}-fold KFold(shuffle, seed {seed}); word 1-2-gram TF-IDF + VADER "
        "compound/pos/neu/neg, AFINN, adjusted VADER, Hu-Liu positive/negative counts "
        "(standardised), Ridge alpha=1; published: VADER 0.492, individual human "
        "0.745 (Hutto & Gilbert 2014, Table 4)"
    )
    return [
        _row("tfidf_vader_ridge", "nyt_editorials", "pearson_r", r, 0.745, 0.65, len(y), note),
        _row(
            "vader_compound",
            "nyt_editorials",
            "pearson_r",
            vr,
            0.492,
            None,
            len(y),
            "vaderSentiment compound, no training (published 0.492)",
        ),
    ]


# ------------------------------------------------------------------------- stance
@dataclass(frozen=True)
class TargetView:
    """The texts that mark one target in its sentence."""

    masked: str
    window: str
    clause: str
    position: float


def target_view(sentence: str, start: int, end: int, *, k: int = 6) -> TargetView:
    """Mark the target ``sentence[start:end]``.

    Returns:
        The sentence with the target replaced by ``TARGETX``; the ``k`` tokens left and
        right of it, prefixed ``l_`` / ``r_``; the clause around it
        (:func:`analysis.extract.sentiment.clause_window`) with the target masked; and the
        target's relative position (start / sentence length).
    """
    from analysis.extract.sentiment import clause_window

    left = _MTSC_TOKEN.findall(sentence[:start].lower())
    right = _MTSC_TOKEN.findall(sentence[end:].lower())
    lo, hi = clause_window(sentence, start, end)
    clause = f"{sentence[lo:start]} TARGETX {sentence[end:hi]}" if hi > lo else sentence
    return TargetView(
        masked=" ".join(left + ["TARGETX"] + right),
        window=" ".join([f"l_{w}" for w in left[-k:]] + [f"r_{w}" for w in right[:k]]),
        clause=clause,
        position=start / max(len(sentence), 1),
    )


NEAR = 8
"""Tokens each side of the target whose Hu-Liu opinion words are counted."""


class StanceModel:
    """Target-dependent stance: TF-IDF of the target views + lexicon scores, OvR logistic.

    Args:
        lexicon: word sets counted left and right of the target (default: the Hu-Liu
            positive and negative words, when given by :func:`train_stance`; empty
            otherwise).
        c: inverse regularisation of the logistic regressions.
        seed: solver seed.
    """

    def __init__(self, *, lexicon=(), c: float = 2.0, seed: int = SEED):
        self.lexicon = tuple(lexicon)
        self.c, self.seed = c, seed

    def _parts(self, sentences, starts, ends):
        views = [target_view(s, a, b) for s, a, b in zip(sentences, starts, ends, strict=True)]
        clause = [v.clause.replace("TARGETX", " ") for v in views]
        lex = self.lexicon
        near = []
        for s, a, b in zip(sentences, starts, ends, strict=True):
            left, right = tokens(s[:a])[-NEAR:], tokens(s[b:])[:NEAR]
            near.append([sum(t in words for t in side) for side in (left, right) for words in lex])
        dense = np.column_stack(
            [
                vader_features(clause),
                vader_features(list(sentences)),
                [v.position for v in views],
                np.array(near, dtype=float).reshape(len(near), 2 * len(lex)),
                vader_features(
                    [s[max(0, a - 60) : a] for s, a in zip(sentences, starts, strict=True)]
                ),
                vader_features([s[b : b + 60] for s, b in zip(sentences, ends, strict=True)]),
            ]
        )
        texts = ([v.masked for v in views], [v.window for v in views], [v.clause for v in views])
        return texts, dense

    def _matrix(self, texts, dense, fit: bool):
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.preprocessing import StandardScaler

        if fit:
            self.vecs = [
                TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
                for _ in texts
            ]
            self.scaler = StandardScaler().fit(dense)
            parts = [v.fit_transform(t) for v, t in zip(self.vecs, texts, strict=True)]
        else:
            parts = [v.transform(t) for v, t in zip(self.vecs, texts, strict=True)]
        parts.append(csr_matrix(self.scaler.transform(dense)))
        return hstack(parts).tocsr()

    def fit(self, sentences, starts, ends, labels) -> StanceModel:
        """Fit on targets ``sentence[start:end]`` with labels in :data:`STANCES`."""
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        texts, dense = self._parts(sentences, starts, ends)
        x = self._matrix(texts, dense, fit=True)
        lr = LogisticRegression(C=self.c, solver="liblinear", random_state=self.seed)
        self.clf = OneVsRestClassifier(lr).fit(x, list(labels))
        return self

    def predict_proba(self, sentences, starts, ends) -> pd.DataFrame:
        """``p_negative, p_neutral, p_positive`` (one-vs-rest, normalised) per target."""
        texts, dense = self._parts(sentences, starts, ends)
        p = self.clf.predict_proba(self._matrix(texts, dense, fit=False))
        cols = [f"p_{c}" for c in self.clf.classes_]
        return pd.DataFrame(p, columns=cols)[[f"p_{s}" for s in STANCES]]

    def predict(self, sentences, starts, ends) -> np.ndarray:
        """The most probable stance per target."""
        p = self.predict_proba(sentences, starts, ends).to_numpy()
        return np.array(STANCES)[p.argmax(axis=1)]


def train_stance(data_dir: str | Path, *, seed: int = SEED) -> StanceModel:
    """The stance model fitted on NewsMTSC ``train`` (8,739 targets; a few seconds)."""
    train = read_mtsc(Path(data_dir) / MTSC_TRAIN)
    lex = read_lexicons(data_dir)
    words = (lex["huliu_positive"], lex["huliu_negative"])
    return StanceModel(lexicon=words, seed=seed).fit(
        train["sentence"], train["start"], train["end"], train["gold"]
    )


def newsmtsc_validation(data_dir: str | Path, *, seed: int = SEED) -> list[dict]:
    """Macro F1 over 3 classes on the rw test split, trained on ``train``."""
    from sklearn.metrics import accuracy_score, f1_score

    test = read_mtsc(Path(data_dir) / MTSC_TEST)
    model = train_stance(data_dir, seed=seed)
    pred = model.predict(test["sentence"], test["start"], test["end"])
    note = (
        "trained on official/train.jsonl (8,739 targets), tested on paper_dev_test_split/"
        "rw/test.jsonl; TF-IDF of the target-masked sentence, the 6 tokens each side, the "
        "clause, + VADER of clause, sentence and 60 characters each side, Hu-Liu positive/"
        "negative counts in the 8 tokens each side, target position; OvR logistic C=2; "
        "published: RoBERTa GRU-TSC (Hamborg & Donnay 2021, Table 2)"
    )
    m = "target_view_logistic"
    f = f1_score(test["gold"], pred, average="macro", labels=list(STANCES))
    return [
        _row(m, "newsmtsc_rw_test", "macro_f1", f, 0.831, 0.70, len(test), note),
        _row(
            m,
            "newsmtsc_rw_test",
            "accuracy",
            accuracy_score(test["gold"], pred),
            0.838,
            None,
            len(test),
            note,
        ),
    ]


def stance_from_mentions(
    sentences: pd.DataFrame, mentions: pd.DataFrame, *, model: StanceModel
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the stance model to actor mentions.

    Args:
        sentences: the ``sentences`` table (``sentence_id, start, text``).
        mentions: actor mentions (``article_id, outlet, sentence_id, actor, mention,
            start, end``; raw offsets).
        model: a fitted :class:`StanceModel` (:func:`train_stance`).

    Returns:
        ``(per_mention, per_outlet_actor)``: one row per mention with ``stance`` and
        ``p_negative, p_neutral, p_positive``; and per outlet x actor the number of
        mentions, the share of each predicted stance and the mean ``p_positive -
        p_negative`` (``net``).
    """
    base = ["article_id", "outlet", "sentence_id", "actor", "mention", "start", "end"]
    probs = [f"p_{s}" for s in STANCES]
    cols = base + ["stance", *probs, "sentence"]
    sent = sentences.set_index("sentence_id")
    ms = mentions[mentions["sentence_id"].isin(sent.index)].reset_index(drop=True)
    if ms.empty:
        per = pd.DataFrame(columns=cols)
    else:
        s0 = sent.loc[ms["sentence_id"], "start"].to_numpy().astype(int)
        texts = sent.loc[ms["sentence_id"], "text"].tolist()
        a = ms["start"].to_numpy().astype(int) - s0
        b = ms["end"].to_numpy().astype(int) - s0
        p = model.predict_proba(texts, a, b).round(DIGITS)
        per = ms[base].copy()
        per["stance"] = np.array(STANCES)[p.to_numpy().argmax(axis=1)]
        per[probs] = p.to_numpy()
        per["sentence"] = texts
        per = per[cols]
    agg_cols = ["outlet", "actor", "n_mentions", *[f"share_{s}" for s in STANCES], "net"]
    if per.empty:
        return per, pd.DataFrame(columns=agg_cols)
    g = per.assign(net=per["p_positive"] - per["p_negative"]).groupby(
        ["outlet", "actor"], observed=True, sort=True
    )
    agg = g.size().rename("n_mentions").to_frame()
    for s in STANCES:
        agg[f"share_{s}"] = g["stance"].apply(lambda x, s=s: float((x == s).mean()))
    agg["net"] = g["net"].mean()
    agg = agg.reset_index().round(DIGITS)
    return per, agg[agg_cols]


# ------------------------------------------------------------------------- table
def _row(method, benchmark, metric, value, published, target, n, notes) -> dict:
    return {
        "method": method,
        "benchmark": benchmark,
        "metric": metric,
        "value": None if value is None else round(float(value), DIGITS),
        "published": published,
        "target": target,
        "n": n,
        "notes": notes,
    }


PUBLISHED_ROWS = [
    _row("bert_distant_supervision", "babe_sg2", "weighted_f1", None, 0.804, None, None,
         "Spinde et al. 2021 (repo notebook classification.ipynb), 5-fold CV on SG2"),
    _row("feature_based_xgboost", "babe_sg2", "weighted_f1", None, 0.569, None, None,
         "Spinde et al. 2021 baseline (classification_baseline_model.ipynb)"),
    _row("feature_based_xgboost", "babe_sg2", "f1_biased", None, 0.517, None, None,
         "Spinde et al. 2021 baseline (classification_baseline_model.ipynb)"),
    _row("individual_humans", "nyt_editorials", "pearson_r", None, 0.745, None, None,
         "Hutto & Gilbert 2014, Table 4"),
    _row("roberta_gru_tsc", "newsmtsc_rw_test", "macro_f1", None, 0.831, None, None,
         "Hamborg & Donnay 2021, Table 2"),
]  # fmt: skip
"""Published-only rows, kept beside this run's values."""


def _recasens_rows(data_dir: str | Path) -> list[dict]:
    from analysis.validation.recasens_context import recasens_token_validation

    return recasens_token_validation(data_dir)


def validation_learned(data_dir: str | Path) -> tuple[pd.DataFrame | None, list[str]]:
    """Run every learned check whose data is present.

    Returns:
        ``(table, notes)``: the ``validation_learned`` table (None when no benchmark
        is present) and one message per skipped benchmark.
    """
    rows, notes, done = [], [], set()
    checks = (
        ("babe_sg2", babe_validation),
        ("babe_sg2_words", lexicon_token_validation),
        ("babe_sg2_words", _recasens_rows),
        ("nyt_editorials", nyt_validation),
        ("newsmtsc_rw_test", newsmtsc_validation),
    )
    for bench, func in checks:
        try:
            rows += func(data_dir)
            done.add(bench)
        except ExternalDataMissing as exc:
            notes.append(str(exc))
    if not rows:
        return None, notes
    rows += [r for r in PUBLISHED_ROWS if r["benchmark"] in done]
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["n"] = out["n"].astype("Int64")
    out.attrs.update({"seed": SEED, "digits": DIGITS, "skipped": notes})
    return out, notes


def validation_learned_step(ctx) -> dict[str, pd.DataFrame]:
    """Validation step: ``validation_learned`` when data is present, else a note.

    With no benchmark data it returns nothing, so the committed
    ``results/validation_learned.csv`` is kept.
    """

    base = ctx.settings.external_dir
    table, notes = validation_learned(base)
    ctx.notes.extend(f"validation: {n}" for n in notes)
    if table is None:
        ctx.notes.append("validation: learned models skipped; results/validation_learned.csv kept")
        return {}
    return {"validation_learned": table}
