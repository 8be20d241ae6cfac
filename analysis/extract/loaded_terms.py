"""Loaded language: which outlet uses which loaded term, in whose voice, aimed at whom.

A count of "dictator" per outlet misleads unless each hit says three more things:
**voice** (the outlet's own words, a direct quote, or reported speech), **target** (the
actor the word labels) and **where** it sits (headline and body, or a teaser for another
article, or page furniture). This module matches a versioned lexicon of loaded terms
(``analysis/lexicons/loaded_terms.yaml``) on the sentences table and returns one row per
match with all three, plus the evidence sentence and raw-file offsets.

Pipeline tables: ``loaded_terms`` (one row per match), ``loaded_term_rates`` (outlet ×
term × voice × segment group with exact Poisson intervals) and ``loaded_term_targets``
(who gets labelled).

References:
    Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic models
    for analyzing and detecting biased language. ACL 2013. (Framing and epistemological
    bias carried by single words.)

    Hamborg, F., Donnay, K., & Gipp, B. (2019). Automated identification of media bias in
    news articles: an interdisciplinary literature review. International Journal on
    Digital Libraries 20, 391–415. (Labelling and word choice as a form of media bias.)

    Garwood, F. (1936). Fiducial limits for the Poisson distribution. Biometrika 28,
    437–442. (The exact interval used for rates.)
"""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError
from analysis.io import read_yaml
from analysis.paths import LEXICON_DIR
from analysis.stats import clopper_pearson, poisson_interval

DEFAULT_LEXICON = LEXICON_DIR / "loaded_terms.yaml"

VOICES = ("authorial", "quoted", "reported")
"""The three voices, in display order."""

TARGET_RULES = ("label", "subject", "possessive", "name", "none")
"""How a term's target is found (lexicon field ``target``; default ``label``).

- ``label``: the term labels an actor in its noun phrase ("communist dictator Kim
  Jong-un"), in an apposition ("Yoon, a hardline conservative"), as a predicate ("the
  Russian leader is growing 'rather desperate'"), as a modifier after it ("the Kim
  regime") or in a definite description that refers back to the one state (or person)
  named in an earlier clause of the sentence ("North Korea …, but Russia … in defense of
  the rogue communist state").
- ``subject``: the actor named right before the verb ("Putin threatens").
- ``possessive``: the actor in a possessive before the noun ("Russia's invasion"); a bare
  modifier is ambiguous ("the Ukraine invasion") and is left unresolved.
- ``name``: the term is itself a name of an actor ("Kyiv").
- ``none``: never resolved ("lavish festivities").
"""

SEGMENT_GROUPS: dict[str, tuple[str, ...]] = {
    "headline+body": ("headline", "body"),
    "subheading": ("subheading",),
    "caption": ("caption",),
    "byline": ("byline",),
    "teaser": ("teaser",),
    "boilerplate": ("boilerplate",),
}
"""Default segment groups for rates: headline and body are counted together; every other
segment is its own group, so teasers and page furniture are never mixed in."""

UNITS = ("outlet", "article_id")

_ENTRY_KEYS = {
    "id", "patterns", "category", "rationale", "exclude", "target", "requires", "within",
    "verb_forms", "note",
}  # fmt: skip
DEFAULT_WITHIN = 6
"""Default ``within`` of a lexicon entry: words between a match and a required context."""
_TOP_KEYS = {"version", "description", "categories", "terms"}
_REGEX_CHARS = set("\\()[]{}|?+^$")
_HYPHENS = "-\u2010\u2011"
_APOSTROPHES = "'\u2019\u02bc"
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"

TABLES = {
    "loaded_terms": {
        "description": (
            "One row per match of a loaded term (lexicon analysis/lexicons/loaded_terms.yaml "
            "or --lexicon FILE) in any segment, with voice, speaker, target and evidence."
        ),
        "columns": {
            "article_id": "Article id.",
            "outlet": "Outlet name.",
            "sentence_id": "Sentence id (e.g. 001-s004) in sentences.csv.",
            "segment": "Segment of the sentence (headline, body, teaser, boilerplate, ...).",
            "term": "Canonical term id from the lexicon.",
            "category": "Lexicon category of the term.",
            "pattern": "The lexicon pattern that matched.",
            "form": "noun (a pattern of the entry) or verb (one of its verb_forms, e.g. "
            "'invaded').",
            "matched": "The text as written; equals raw[start:end].",
            "start": "Start offset of the match in the raw file.",
            "end": "End offset (exclusive) of the match in the raw file.",
            "voice": "authorial (outlet's own words), quoted (inside quotation marks) or "
            "reported (outside quotes, in a clause attributed by a reporting verb).",
            "voice_basis": "Why: 'quotation marks', 'reporting clause', 'naming choice' "
            "(a name or a label directly before a name inside reported speech: the outlet's "
            "own words) or 'outlet text'.",
            "speaker": "For quoted/reported: actor id or 'anonymous' when attributed, else "
            "'unattributed' (also for authorial rows, whose words are the outlet's).",
            "target": "Actor id the term labels or is predicated of; empty when unresolved.",
            "target_via": "Rule that resolved the target (name, following, apposition, "
            "predicate, preceding, anaphor, subject, possessive); empty when unresolved.",
            "sentence_start": "Raw offset where the sentence starts.",
            "sentence": "The sentence text, as evidence.",
            "scare_quote": "True when the match lies in a scare quote ('so-called "
            "‘peace’', 1-3 quoted words with no speech verb): the outlet's own word choice, "
            "so its voice is not quoted (analysis.extract.attribution.scare_quote_at).",
        },
    },
    "loaded_term_rates": {
        "description": (
            "Loaded-term counts and rates per outlet x term x voice x segment group, every "
            "lexicon term included (zeros too), with exact Poisson 95% intervals."
        ),
        "columns": {
            "outlet": "Outlet name (or article_id when computed per article).",
            "segment_group": "headline+body (counted by default), or a separate group: "
            "subheading, caption, byline, teaser, boilerplate.",
            "term": "Canonical term id.",
            "category": "Lexicon category.",
            "voice": "authorial, quoted or reported.",
            "count": "Number of matches.",
            "n_words": "Words in this outlet's segment group (the denominator).",
            "rate_per_1000": "count / n_words * 1000.",
            "ci_low": "Lower bound of the exact (Garwood) Poisson 95% interval, per 1,000 words.",
            "ci_high": "Upper bound of the exact (Garwood) Poisson 95% interval, per 1,000 words.",
            "n_articles": "Articles of the outlet with words in this segment group.",
        },
    },
    "loaded_term_targets": {
        "description": "Who gets labelled: loaded-term matches per outlet x target x term x voice "
        "(headline+body by default; unresolved targets as '(unresolved)').",
        "columns": {
            "outlet": "Outlet name.",
            "target": "Actor id, or '(unresolved)'.",
            "term": "Canonical term id.",
            "category": "Lexicon category.",
            "voice": "authorial, quoted or reported.",
            "count": "Number of matches.",
        },
    },
    "loaded_terms_excluded": {
        "description": "Lexicon matches that were NOT counted, with the reason: inside an "
        "entry's exclude context ('sanctions regime'), or another word sense (the entry "
        "requires a context, e.g. 'invasion' only near Ukraine/Russia, and none was near).",
        "columns": {
            "article_id": "Article id.",
            "outlet": "Outlet name.",
            "sentence_id": "Sentence id.",
            "segment": "Segment of the sentence.",
            "term": "Canonical term id of the entry that matched.",
            "matched": "The text as written (raw[start:end]).",
            "start": "Start offset in the raw file.",
            "end": "End offset (exclusive).",
            "reason": "Why it was not counted.",
            "context": "The exclude context that matched; empty for a missing required context.",
            "sentence": "The sentence text, as evidence.",
        },
    },
    "validation_loaded_terms": {
        "description": "The loaded-terms lexicon checked against published bias resources: "
        "Recasens et al. (2013) bias lexicon and BABE expert sentence labels (framing validate).",
        "columns": {
            "term": "Canonical term id.",
            "category": "Lexicon category.",
            "in_recasens_npov": "Any pattern of the term is in the Recasens et al. (2013) bias lexicon.",
            "in_babe_lexicon": "Any pattern is in BABE's bias-word lexicon.",
            "babe_sentences": "BABE SG2 sentences (expert label Biased/Non-biased) containing the term.",
            "babe_biased": "Of those, sentences the experts labelled Biased.",
            "share_biased": "babe_biased / babe_sentences (empty when no sentence).",
            "ci_low": "Exact Clopper-Pearson 95% interval, lower bound.",
            "ci_high": "Exact Clopper-Pearson 95% interval, upper bound.",
            "babe_word_flagged": "Sentences where the experts marked the matched word itself as biased.",
        },
    },
}


# --------------------------------------------------------------------------- lexicon


def _check_pattern(text: str) -> str | None:
    """Return a problem description for a user pattern, or None if it is usable."""
    if not isinstance(text, str) or not text.strip():
        return "empty pattern"
    bad = sorted({c for c in text if c in _REGEX_CHARS})
    if bad:
        return (
            f"pattern {text!r} contains {''.join(bad)!r}; patterns are literal words, "
            "not regular expressions (only * at the end of a word is special)"
        )
    for word in text.split():
        if "*" in word.rstrip("*") or word.count("*") > 1:
            return f"pattern {text!r}: * is only allowed once, at the end of a word"
        if not re.search(r"\w", word):
            return f"pattern {text!r}: every word needs a letter or digit"
    return None


def pattern_regex(pattern: str) -> str:
    """Translate a literal lexicon pattern into a regular-expression source string.

    The pattern is user text and is never used as a regular expression itself: every
    character is escaped, and only these rules apply. A space matches any whitespace or a
    hyphen; a hyphen matches a hyphen or nothing; an apostrophe matches ``'`` or ``’``;
    ``*`` at the end of a word matches any word ending. The result is anchored on word
    boundaries (no letter or digit may touch it), so ``regime`` never matches ``regimen``.

    Args:
        pattern: a lexicon pattern such as ``"full scale invasion"``.

    Returns:
        A regex source string (compile it with ``re.IGNORECASE``).

    Raises:
        ValueError: if the pattern contains regular-expression syntax.
    """
    problem = _check_pattern(pattern)
    if problem:
        raise ValueError(problem)
    words = []
    for word in pattern.split():
        star = word.endswith("*")
        word = word.rstrip("*")
        parts = []
        for part in re.split(f"[{_HYPHENS}]", word):
            chars = []
            for ch in part:
                if ch in _APOSTROPHES:
                    chars.append(f"[{_APOSTROPHES}]")
                else:
                    chars.append(re.escape(ch))
            parts.append("".join(chars))
        src = f"[{_HYPHENS}]?".join(parts)
        if star:
            src += r"\w*"
        words.append(src)
    body = f"(?:\\s+|[{_HYPHENS}])".join(words)
    return rf"(?<!\w)(?:{body})(?!\w)"


def compile_pattern(pattern: str) -> re.Pattern:
    """Compile a literal lexicon pattern (see :func:`pattern_regex`), case-insensitively."""
    return re.compile(pattern_regex(pattern), re.IGNORECASE)


def _lower_single_spaced(text: str) -> str:
    return " ".join(text.lower().split())


def verb_inflections(base: str) -> list[str]:
    """The base verb and its regular inflections: ``invade`` -> invade, invades, invaded,
    invading; ``attack`` -> attack, attacks, attacked, attacking; ``occupy`` -> occupy,
    occupies, occupied, occupying (an irregular verb: list its forms as patterns)."""
    b = base.lower()
    if b.endswith("e") and not b.endswith(("ee", "ye", "oe")):
        forms = [b, b + "s", b + "d", b[:-1] + "ing"]
    elif len(b) > 1 and b.endswith("y") and b[-2] not in "aeiou":
        forms = [b, b[:-1] + "ies", b[:-1] + "ied", b + "ing"]
    elif b.endswith(("s", "x", "z", "ch", "sh")):
        forms = [b, b + "es", b + "ed", b + "ing"]
    else:
        forms = [b, b + "s", b + "ed", b + "ing"]
    return list(dict.fromkeys(forms))


def load_lexicon(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate a loaded-terms lexicon (YAML).

    Args:
        path: the YAML file; default ``analysis/lexicons/loaded_terms.yaml``.

    Returns:
        One row per term, in file order, with columns ``term`` (canonical id),
        ``category``, ``patterns`` (list of str: the entry's patterns followed by the
        inflections of its ``verb_forms``), ``exclude`` (list of str), ``requires``
        (list of str: the sense counts only with one of these within ``within`` words),
        ``within`` (int), ``verb_patterns`` (the generated verb forms),
        ``target_rule`` (one of :data:`TARGET_RULES`) and ``rationale``. ``attrs`` holds
        ``lexicon`` (path), ``lexicon_version``, ``lexicon_sha256`` and ``categories``.

    Raises:
        InputError: one line naming the file, the entry and the problem (missing or
            unknown keys, empty or duplicate ids and patterns, regular-expression syntax
            in a pattern, an exclude context that does not contain the term, an unknown
            target rule or category, invalid YAML).
    """
    path = Path(path) if path is not None else DEFAULT_LEXICON
    if not path.is_file():
        raise InputError(path, "no such lexicon file")
    doc = read_yaml(path)  # checks the size first
    data = path.read_bytes()
    if not isinstance(doc, dict):
        raise InputError(path, "top level must be a mapping with 'version' and 'terms'")
    unknown = sorted(set(map(str, doc)) - _TOP_KEYS)
    if unknown:
        raise InputError(
            path, f"unknown top-level key(s) {unknown}; valid: {', '.join(sorted(_TOP_KEYS))}"
        )
    if doc.get("version") in (None, ""):
        raise InputError(path, "missing 'version' (a version string for this lexicon)")
    categories = doc.get("categories") or {}
    if not isinstance(categories, dict):
        raise InputError(path, "'categories' must map category names to descriptions")
    terms = doc.get("terms")
    if not isinstance(terms, list) or not terms:
        raise InputError(path, "'terms' must be a non-empty list of entries")

    rows = []
    seen_ids: dict[str, str] = {}
    seen_patterns: dict[str, str] = {}
    for i, entry in enumerate(terms):
        label = f"terms[{i}]"
        if not isinstance(entry, dict):
            raise InputError(path, "entry must be a mapping with id, patterns, ...", entry=label)
        term = entry.get("id")
        if isinstance(term, str) and term.strip():
            label = term
        unknown = sorted(set(map(str, entry)) - _ENTRY_KEYS)
        if unknown:
            raise InputError(
                path,
                f"unknown key(s) {unknown}; valid: {', '.join(sorted(_ENTRY_KEYS))}",
                entry=label,
            )
        for key in ("id", "patterns", "category", "rationale"):
            if entry.get(key) in (None, "", []):
                raise InputError(path, f"missing '{key}'", entry=label)
        if not isinstance(term, str):
            raise InputError(path, "'id' must be a string", entry=label)
        if _lower_single_spaced(term) in seen_ids:
            raise InputError(path, "duplicate id", entry=label)
        seen_ids[_lower_single_spaced(term)] = term
        patterns = entry["patterns"]
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, list):
            raise InputError(path, "'patterns' must be a list of strings", entry=label)
        for pat in patterns:
            problem = _check_pattern(pat)
            if problem:
                raise InputError(path, problem, entry=label)
            key = _lower_single_spaced(pat)
            if key in seen_patterns:
                other = seen_patterns[key]
                where = "twice" if other == term else f"also in entry {other!r}"
                raise InputError(path, f"pattern {pat!r} listed {where}", entry=label)
            seen_patterns[key] = term
        category = entry["category"]
        if not isinstance(category, str):
            raise InputError(path, "'category' must be a string", entry=label)
        if categories and category not in categories:
            raise InputError(
                path,
                f"category {category!r} is not declared under 'categories' "
                f"({', '.join(categories)})",
                entry=label,
            )
        rationale = entry["rationale"]
        if not isinstance(rationale, str) or "\n" in rationale.strip():
            raise InputError(path, "'rationale' must be one line of text", entry=label)
        exclude = entry.get("exclude") or []
        if isinstance(exclude, str):
            exclude = [exclude]
        if not isinstance(exclude, list):
            raise InputError(path, "'exclude' must be a list of strings", entry=label)
        verbs = entry.get("verb_forms") or []
        if isinstance(verbs, str):
            verbs = [verbs]
        if not isinstance(verbs, list):
            raise InputError(path, "'verb_forms' must be a list of base verbs", entry=label)
        verb_patterns = []
        for base in verbs:
            problem = _check_pattern(base) or (
                None if re.fullmatch(r"[A-Za-z]+", str(base)) else f"verb {base!r} must be one word"
            )
            if problem:
                raise InputError(path, f"verb_forms: {problem}", entry=label)
            for form in verb_inflections(str(base)):
                key = _lower_single_spaced(form)
                if key in seen_patterns:
                    other = seen_patterns[key]
                    raise InputError(
                        path, f"verb form {form!r} also in entry {other!r}", entry=label
                    )
                seen_patterns[key] = term
                verb_patterns.append(form)
        requires = entry.get("requires") or []
        if isinstance(requires, str):
            requires = [requires]
        if not isinstance(requires, list):
            raise InputError(path, "'requires' must be a list of context patterns", entry=label)
        for ctx in requires:
            problem = _check_pattern(ctx)
            if problem:
                raise InputError(path, f"requires context: {problem}", entry=label)
        within = entry.get("within", DEFAULT_WITHIN)
        if not isinstance(within, int) or isinstance(within, bool) or within < 0:
            raise InputError(
                path, f"'within' must be a whole number of words, got {within!r}", entry=label
            )
        compiled = [compile_pattern(p) for p in patterns]
        for ctx in exclude:
            problem = _check_pattern(ctx)
            if problem:
                raise InputError(path, f"exclude context: {problem}", entry=label)
            if not any(rx.search(ctx) for rx in compiled):
                raise InputError(
                    path,
                    f"exclude context {ctx!r} does not contain any of the term's patterns",
                    entry=label,
                )
        rule = entry.get("target", "label")
        if rule not in TARGET_RULES:
            raise InputError(
                path,
                f"target {rule!r} is not one of {', '.join(TARGET_RULES)}",
                entry=label,
            )
        rows.append(
            {
                "term": term.strip(),
                "category": category,
                "patterns": [str(p) for p in patterns] + verb_patterns,
                "exclude": [str(c) for c in exclude],
                "requires": [str(c) for c in requires],
                "within": within,
                "verb_patterns": verb_patterns,
                "target_rule": rule,
                "rationale": rationale.strip(),
            }
        )
    lexicon = pd.DataFrame(rows)
    from analysis.paths import PROJECT_ROOT

    try:
        shown = path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        shown = str(path)
    lexicon.attrs.update(
        {
            "lexicon": shown,
            "lexicon_version": str(doc["version"]),
            "lexicon_sha256": hashlib.sha256(data).hexdigest(),
            "categories": {str(k): str(v) for k, v in categories.items()},
        }
    )
    return lexicon


def _as_lexicon(lexicon) -> pd.DataFrame:
    if lexicon is None or isinstance(lexicon, (str, Path)):
        return load_lexicon(lexicon)
    if isinstance(lexicon, pd.DataFrame):
        missing = {"term", "category", "patterns"} - set(lexicon.columns)
        if missing:
            raise ValueError(f"lexicon table lacks column(s) {sorted(missing)}; use load_lexicon")
        return lexicon
    raise ValueError("lexicon must be a path, None (the default file) or a load_lexicon() table")


# --------------------------------------------------------------------------- matching


class _Matcher:
    """All patterns of a lexicon, compiled once."""

    def __init__(self, lexicon: pd.DataFrame):
        self.entries = []
        for order, row in enumerate(lexicon.itertuples(index=False)):
            exclude = list(getattr(row, "exclude", []) or [])
            self.entries.append(
                {
                    "term": row.term,
                    "category": row.category,
                    "rule": getattr(row, "target_rule", "label") or "label",
                    "order": order,
                    "patterns": [(p, compile_pattern(p)) for p in row.patterns],
                    "exclude": [compile_pattern(c) for c in exclude],
                    "requires": [
                        (c, compile_pattern(c)) for c in (getattr(row, "requires", None) or [])
                    ],
                    "within": int(getattr(row, "within", DEFAULT_WITHIN) or 0),
                    "verbs": set(getattr(row, "verb_patterns", None) or []),
                }
            )
        self.by_order = {e["order"]: e for e in self.entries}

    def find(self, text: str) -> tuple[list[dict], list[dict]]:
        """Non-overlapping matches in ``text`` (leftmost, then longest) and excluded ones."""
        found, excluded = [], []
        for entry in self.entries:
            blocked = [
                (m.start(), m.end(), m.group(0))
                for rx in entry["exclude"]
                for m in rx.finditer(text)
            ]
            for pat, rx in entry["patterns"]:
                for m in rx.finditer(text):
                    hit = {
                        "term": entry["term"],
                        "category": entry["category"],
                        "rule": entry["rule"],
                        "order": entry["order"],
                        "pattern": pat,
                        "s": m.start(),
                        "e": m.end(),
                    }
                    ctx = next((b for b in blocked if b[0] <= m.start() and m.end() <= b[1]), None)
                    if ctx is not None:
                        excluded.append(
                            {**hit, "context": ctx[2], "reason": f"exclude context {ctx[2]!r}"}
                        )
                    else:
                        found.append(hit)
        found.sort(key=lambda h: (h["s"], -(h["e"] - h["s"]), h["order"]))
        kept: list[dict] = []
        for hit in found:
            if kept and hit["s"] < max(k["e"] for k in kept):
                continue
            kept.append(hit)
        out = []
        for hit in kept:
            entry = self.by_order[hit["order"]]
            hit["form"] = "verb" if hit["pattern"] in entry["verbs"] else "noun"
            if entry["requires"] and _required_context(text, hit, entry) is None:
                shown = ", ".join(c for c, _ in entry["requires"])
                excluded.append(
                    {
                        **hit,
                        "context": "",
                        "reason": f"no required context ({shown}) within {entry['within']} words",
                    }
                )
                continue
            out.append(hit)
        return out, excluded

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [(h["s"], h["e"]) for h in self.find(text)[0]]


def _required_context(text: str, hit: dict, entry: dict) -> str | None:
    """The first required context within ``entry['within']`` words of the hit, or None."""
    from analysis.text.sentences import words

    for ctx, rx in entry["requires"]:
        for m in rx.finditer(text):
            if m.start() < hit["e"] and hit["s"] < m.end():
                continue  # the match itself is not its own context
            gap = text[hit["e"] : m.start()] if m.start() >= hit["e"] else text[m.end() : hit["s"]]
            if len(words(gap)) <= entry["within"]:
                return ctx
    return None


def kwic(matches: pd.DataFrame, *, width: int = 45) -> pd.DataFrame:
    """Key word in context for a ``loaded_terms`` table.

    Args:
        matches: output of :func:`loaded_terms`.
        width: characters of context on each side (within the sentence).

    Returns:
        ``article_id, outlet, segment, voice, speaker, target, term, left, matched,
        right, start, end``, one row per match.
    """
    if width < 0:
        raise ValueError("width must be >= 0")
    out = matches.copy()
    out[["speaker", "target"]] = out[["speaker", "target"]].fillna("")
    rel_s = (out["start"] - out["sentence_start"]).astype(int)
    rel_e = (out["end"] - out["sentence_start"]).astype(int)
    out["left"] = [
        s[max(0, a - width) : a].replace("\n", " ")
        for s, a in zip(out["sentence"], rel_s, strict=True)
    ]
    out["right"] = [
        s[b : b + width].replace("\n", " ") for s, b in zip(out["sentence"], rel_e, strict=True)
    ]
    cols = ["article_id", "outlet", "segment", "voice", "speaker", "target", "term"]
    return out[[*cols, "left", "matched", "right", "start", "end"]].reset_index(drop=True)


# --------------------------------------------------------------------------- targets

_STOP = {
    "a", "an", "the", "of", "and", "or", "but", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "that", "which", "who", "whom", "whose", "this", "these", "those", "its",
    "his", "her", "their", "our", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "said", "says", "told", "not", "no",
}  # fmt: skip
_TITLES = {
    "president", "leader", "chairman", "supreme", "minister", "prime", "foreign", "general",
    "secretary", "premier", "chief", "vice", "comrade", "marshal", "dear", "ruler",
}  # fmt: skip
_STATE_HEADS = {"state", "states", "country", "countries", "nation", "nations", "regime",
                "kingdom", "government", "dictatorship", "power"}  # fmt: skip
_PERSON_HEADS = {"leader", "president", "ruler", "man", "figure", "autocrat", "strongman"}
_COPULA = (
    r"(?:is|are|was|were|be|been|being|has been|have been|had been|remains|remained|"
    r"seems|seemed|appears|appeared|looks|looked|grows|grew|growing|is growing|becomes|"
    r"became|become|becoming|gets|got|getting)"
)
_DEGREE = r"(?:increasingly|very|so|more|most|truly|quite|too|clearly|somewhat|now|already)"
_Q = f"[{_QUOTES}]"
_PREDICATE = re.compile(
    rf"^\s*(?:,\s*)?{_COPULA}(?:\s+{_COPULA})*(?:\s+{_DEGREE})*(?:\s+(?:a|an|the))?"
    rf"(?:\s+(?!(?:not|no|never)\b)[\w-]+){{0,2}}\s*{_Q}?\s*$",
    re.IGNORECASE,
)
_APPOSITION = re.compile(r"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_POSSESSIVE = re.compile(rf"^[{_APOSTROPHES}]s?\s+((?:[\w-]+\s+){{0,2}})$", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^\s+(?:(?:has|have|had|will|would|could|may|might|again|also|repeatedly|once|now|"
    r"is|are|was|were|has been|openly|effectively)\s+)*$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[;:\u2014\u2013]|,\s*(?:but|and|while|whereas|although|though|yet|so)\b|\bbut\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'\u2019.-]+")


def _modifier_gap(gap: str, term_spans: list[tuple[int, int]], offset: int) -> bool:
    """True if ``gap`` holds only noun-phrase modifiers: names, titles or other loaded terms.

    ``offset`` is the position of the gap in the text ``term_spans`` refer to.
    """
    if re.search(r"[^\w\s'\u2019-]", gap):
        return False
    words = list(_WORD.finditer(gap))
    if len(words) > 3:
        return False
    for w in words:
        token = w.group(0)
        a, b = offset + w.start(), offset + w.end()
        in_term = any(s <= a and b <= e for s, e in term_spans)
        if token.lower() in _STOP:
            return False
        if not (in_term or token[0].isupper() or token.lower() in _TITLES):
            return False
    return True


def _head_kind(term: str, after: str, matched: str) -> str:
    """Actor kind ('state'/'person') of the head noun of a "the ... TERM ..." phrase, or ''.

    The head is the first of up to three words after the term (no punctuation between)
    that is a state or person noun, or the matched word itself ("the regime").
    """
    words = re.match(r"^((?:\s+[\w-]+){0,3})", after).group(1).split()
    own = matched.lower().split()[-1]
    for w in [own, *words]:
        w = w.lower()
        if w in _STOP:
            return ""
        if w in _STATE_HEADS:
            return "state"
        if w in _PERSON_HEADS:
            return "person"
    return ""


def _resolve_target(
    hit: dict, text: str, ments: list[dict], term_spans, kinds: dict
) -> tuple[str, str]:
    """Target actor and the rule that found it, for one match in one sentence."""
    rule = hit["rule"]
    s, e = hit["s"], hit["e"]
    if rule == "none" or not ments:
        return "", ""
    for m in ments:
        if m["s"] < e and s < m["e"]:
            return m["actor"], "name"
    if rule == "name":
        return "", ""
    before = [m for m in ments if m["e"] <= s]
    after = [m for m in ments if m["s"] >= e]
    if rule == "subject":
        if (
            before
            and _SUBJECT.match(text[before[-1]["e"] : s])
            and "\n" not in text[before[-1]["e"] : s]
        ):
            return before[-1]["actor"], "subject"
        return "", ""
    if rule == "possessive":
        if before:
            m = before[-1]
            gm = _POSSESSIVE.match(text[m["e"] : s])
            if gm and all(w.lower() not in _STOP for w in gm.group(1).split()):
                return m["actor"], "possessive"
        return "", ""
    # label
    if after:
        m = after[0]
        if _modifier_gap(text[e : m["s"]], term_spans, e):
            return m["actor"], "following"
    if before:
        m = before[-1]
        gap = text[m["e"] : s]
        if _APPOSITION.match(gap):
            return m["actor"], "apposition"
        if _PREDICATE.match(gap):
            return m["actor"], "predicate"
        pm = _POSSESSIVE.match(gap)
        if (pm and _modifier_gap(pm.group(1), term_spans, m["e"] + pm.start(1))) or (
            gap.strip() == "" and gap != "" and "\n" not in gap
        ):
            return m["actor"], "preceding"
    # definite description referring back: "the [mods] TERM [mods] HEAD"
    det = re.search(r"\bthe\s+((?:[\w-]+\s+){0,3})$", text[:s], re.IGNORECASE)
    if det is None or any(w.lower() in _STOP for w in det.group(1).split()):
        return "", ""
    want = _head_kind(hit["term"], text[e:], hit["matched_text"])
    if want:
        candidates = {
            m["actor"]
            for m in before
            if kinds.get(m["actor"]) == want and _CLAUSE_BREAK.search(text[m["e"] : det.start()])
        }
        if len(candidates) == 1:
            return candidates.pop(), "anaphor"
    return "", ""


# --------------------------------------------------------------------------- main table


NAMING_VIA = ("name", "following")
"""Target rules that mean the term is (part of) how an actor is named: the term is a name
("Kiev") or a label right before a name ("communist North Korea"). Inside reported speech
such words are still the outlet's own choice (the *de re* reading of indirect speech:
the reporter picks the referring expressions), so they count as authorial."""


def _voice_function(speech):
    if speech is None:
        return None
    from analysis.extract.attribution import SpeechIndex

    return SpeechIndex(speech).voice


def loaded_terms(
    sentences: pd.DataFrame,
    lexicon=None,
    *,
    speech: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Match loaded terms in every sentence; one row per match with voice, target, evidence.

    Matching is case-insensitive on whole words (see :func:`pattern_regex`); where matches
    overlap the leftmost, then longest, wins ("rather desperate" rather than
    "desperate"); a match inside one of the entry's ``exclude`` contexts ("sanctions
    regime") is dropped and listed in ``attrs["excluded"]``.

    Args:
        sentences: the sentences table (``article_id, outlet, sentence_id, segment, start,
            end, text``); all segments are searched.
        lexicon: a :func:`load_lexicon` table, a path, or None for the default lexicon.
        speech: the ``speech`` table (:func:`analysis.extract.attribution.speech_spans`); gives
            ``voice`` and ``speaker``. Without it both columns are empty.
        mentions: the ``actor_mentions`` table; gives ``target``. Without it targets are
            empty.
        actors: the actor list (for actor kinds used by anaphora); default
            :func:`analysis.extract.actors.load_actors`.

    Returns:
        The ``loaded_terms`` table (columns documented in :data:`TABLES`), sorted by
        article and offset. ``attrs`` records the lexicon path, version and hash, the
        term → category map and the excluded matches.
    """
    lex = _as_lexicon(lexicon)
    matcher = _Matcher(lex)
    voice_of = _voice_function(speech)
    from analysis.extract.attribution import scare_quote_at

    scare_of = scare_quote_at(speech) if speech is not None else None
    if speech is None:
        warnings.warn("loaded_terms: no speech table, voice and speaker left empty", stacklevel=2)
    kinds: dict[str, str] = {}
    by_sentence: dict[str, list[dict]] = {}
    if mentions is not None and len(mentions):
        if actors is None:
            from analysis.extract.actors import load_actors

            actors = load_actors()
        kinds = dict(zip(actors["actor"], actors["kind"], strict=True))
        order = ["article_id", "start", "end", "actor"]
        for row in mentions.sort_values(order, kind="stable").itertuples(index=False):
            by_sentence.setdefault(row.sentence_id, []).append(
                {"actor": row.actor, "abs_s": int(row.start), "abs_e": int(row.end)}
            )
    rows, excluded = [], []
    for sent in sentences.itertuples(index=False):
        text = sent.text
        hits, blocked = matcher.find(text)
        for b in blocked:
            excluded.append(
                {
                    "article_id": sent.article_id,
                    "outlet": sent.outlet,
                    "sentence_id": sent.sentence_id,
                    "segment": sent.segment,
                    "term": b["term"],
                    "matched": text[b["s"] : b["e"]],
                    "start": int(sent.start) + b["s"],
                    "end": int(sent.start) + b["e"],
                    "reason": b["reason"],
                    "context": b["context"],
                    "sentence": text,
                }
            )
        if not hits:
            continue
        ments = [
            {**m, "s": m["abs_s"] - int(sent.start), "e": m["abs_e"] - int(sent.start)}
            for m in by_sentence.get(sent.sentence_id, [])
        ]
        spans = [(h["s"], h["e"]) for h in hits]
        for h in hits:
            start, end = int(sent.start) + h["s"], int(sent.start) + h["e"]
            if voice_of is None:
                voice, speaker = "", ""
            else:
                voice, speaker = voice_of(sent.article_id, start, end)
                if voice != "authorial" and not speaker:
                    speaker = "unattributed"
            h["matched_text"] = text[h["s"] : h["e"]]
            target, via = _resolve_target(h, text, ments, spans, kinds)
            basis = {"quoted": "quotation marks", "reported": "reporting clause"}.get(
                voice, "outlet text"
            )
            if voice == "reported" and via in NAMING_VIA:
                # de re: how an actor is named is the reporter's choice, not the source's
                voice, speaker, basis = "authorial", "", "naming choice"
            rows.append(
                {
                    "article_id": sent.article_id,
                    "outlet": sent.outlet,
                    "sentence_id": sent.sentence_id,
                    "segment": sent.segment,
                    "term": h["term"],
                    "category": h["category"],
                    "pattern": h["pattern"],
                    "form": h.get("form", "noun"),
                    "matched": text[h["s"] : h["e"]],
                    "start": start,
                    "end": end,
                    "voice": voice,
                    "voice_basis": basis if voice_of is not None else "",
                    "speaker": speaker if voice != "authorial" else "unattributed",
                    "target": target,
                    "target_via": via,
                    "sentence_start": int(sent.start),
                    "sentence": text,
                    "scare_quote": bool(scare_of and scare_of(sent.article_id, start, end)),
                }
            )
    cols = list(TABLES["loaded_terms"]["columns"])
    out = pd.DataFrame(rows, columns=cols)
    if len(out):
        out = out.sort_values(["article_id", "start", "end", "term"], kind="stable")
        out = out.reset_index(drop=True)
    out.attrs.update(
        {
            "lexicon": lex.attrs.get("lexicon", ""),
            "lexicon_version": lex.attrs.get("lexicon_version", ""),
            "lexicon_sha256": lex.attrs.get("lexicon_sha256", ""),
            "terms": dict(zip(lex["term"], lex["category"], strict=True)),
            "excluded": excluded,
            "voice": "analysis.extract.attribution.voice_at"
            if speech is not None
            else "not computed",
            "target": "analysis.extract.actors mentions"
            if mentions is not None
            else "not computed",
        }
    )
    return out


# --------------------------------------------------------------------------- rates


def segment_group(segment: str, groups: dict[str, tuple[str, ...]] | None = None) -> str:
    """The segment group of a segment label (an unknown label is its own group)."""
    for name, members in (groups or SEGMENT_GROUPS).items():
        if segment in members:
            return name
    return segment


def loaded_term_rates(
    matches: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    lexicon=None,
    groups: dict[str, tuple[str, ...]] | None = None,
    unit: str = "outlet",
    alpha: float = 0.05,
    per: int = 1000,
) -> pd.DataFrame:
    """Counts and rates per unit × term × voice × segment group, with exact intervals.

    Every lexicon term appears for every unit, voice and segment group that has words
    (zeros included: a term is never dropped for being rare). The denominator is the
    words in that unit's segment group (``sentences.n_words``), so a teaser's term is a
    rate over teaser words and is never mixed into the body.

    Args:
        matches: the :func:`loaded_terms` table.
        sentences: the sentences table (``n_words`` per sentence).
        lexicon: the lexicon for the full term list; default: ``matches.attrs["terms"]``,
            else the default lexicon.
        groups: segment group name → segment labels; default :data:`SEGMENT_GROUPS`
            (headline and body counted together).
        unit: ``"outlet"`` or ``"article_id"``.
        alpha: 1 - confidence level of the Poisson interval.
        per: rate per this many words.

    Returns:
        The ``loaded_term_rates`` table (columns in :data:`TABLES`); settings in attrs.
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}; got {unit!r}")
    if per <= 0:
        raise ValueError("per must be positive")
    groups = dict(groups or SEGMENT_GROUPS)
    if lexicon is not None:
        lex = _as_lexicon(lexicon)
        terms = dict(zip(lex["term"], lex["category"], strict=True))
    elif matches.attrs.get("terms"):
        terms = dict(matches.attrs["terms"])
    else:
        lex = load_lexicon()
        terms = dict(zip(lex["term"], lex["category"], strict=True))
    extra = sorted(set(matches["term"]) - set(terms))
    if extra:
        raise ValueError(f"matches hold term(s) not in the lexicon: {extra}")
    sent = sentences.assign(segment_group=[segment_group(s, groups) for s in sentences["segment"]])
    words = (
        sent.groupby([unit, "segment_group"])
        .agg(n_words=("n_words", "sum"), n_articles=("article_id", "nunique"))
        .reset_index()
    )
    words = words[words["n_words"] > 0]
    m = matches.assign(segment_group=[segment_group(s, groups) for s in matches["segment"]])
    counts = m.groupby([unit, "segment_group", "term", "voice"]).size().rename("count")
    grid = pd.DataFrame(
        [
            (u, g, t, terms[t], v, nw, na)
            for u, g, nw, na in words.itertuples(index=False)
            for t in terms
            for v in VOICES
        ],
        columns=[unit, "segment_group", "term", "category", "voice", "n_words", "n_articles"],
    )
    grid = grid.join(counts, on=[unit, "segment_group", "term", "voice"])
    grid["count"] = grid["count"].fillna(0).astype(int)
    lost = len(m) - int(grid["count"].sum())
    if lost:
        raise ValueError(f"{lost} match(es) fall outside the sentences' units/voices")
    exposure = grid["n_words"] / per
    grid["rate_per_1000"] = grid["count"] / exposure
    grid["ci_low"], grid["ci_high"] = poisson_interval(
        grid["count"].to_numpy(), exposure.to_numpy(), alpha=alpha
    )
    order = {g: i for i, g in enumerate(groups)}
    grid["_u"] = grid[unit].map({u: i for i, u in enumerate(dict.fromkeys(sent[unit]))})
    grid["_g"] = grid["segment_group"].map(lambda g: order.get(g, len(order)))
    grid["_t"] = grid["term"].map({t: i for i, t in enumerate(terms)})
    grid["_v"] = grid["voice"].map({v: i for i, v in enumerate(VOICES)})
    grid = grid.sort_values(["_u", "_g", "_t", "_v"]).drop(columns=["_u", "_g", "_t", "_v"])
    cols = [unit, "segment_group", "term", "category", "voice", "count", "n_words"]
    cols += ["rate_per_1000", "ci_low", "ci_high", "n_articles"]
    out = grid[cols].reset_index(drop=True)
    if per != 1000:
        out = out.rename(columns={"rate_per_1000": f"rate_per_{per}"})
    out.attrs.update(
        {
            "unit": unit,
            "per_words": per,
            "alpha": alpha,
            "interval": "exact Poisson (Garwood 1936), chi-square quantiles",
            "segment_groups": {k: list(v) for k, v in groups.items()},
            "default_group": next(iter(groups)),
            "lexicon": matches.attrs.get("lexicon", ""),
            "lexicon_version": matches.attrs.get("lexicon_version", ""),
        }
    )
    return out


def loaded_term_targets(
    matches: pd.DataFrame,
    *,
    segments: tuple[str, ...] = ("headline", "body"),
    unresolved: str = "(unresolved)",
) -> pd.DataFrame:
    """Who gets labelled: counts per outlet × target × term × voice.

    Args:
        matches: the :func:`loaded_terms` table.
        segments: segments to count (default headline and body).
        unresolved: label for matches without a target.

    Returns:
        The ``loaded_term_targets`` table.
    """
    m = matches[matches["segment"].isin(segments)].copy()
    m["target"] = m["target"].fillna("").replace("", unresolved)
    cols = ["outlet", "target", "term", "category", "voice"]
    out = (
        m.groupby(cols).size().rename("count").reset_index()
        if len(m)
        else pd.DataFrame(columns=[*cols, "count"])
    )
    out.attrs.update({"segments": list(segments), "unresolved": unresolved})
    return out


def voice_profile(rates: pd.DataFrame, *, segment_group: str = "headline+body") -> pd.DataFrame:
    """Per outlet × term: counts by voice and whether the outlet uses the term itself.

    Args:
        rates: the ``loaded_term_rates`` table.
        segment_group: which segment group to summarise.

    Returns:
        ``outlet, term, category, authorial, quoted, reported, total, use`` for every
        outlet × term with at least one match; ``use`` is ``"own voice"`` when the outlet
        writes the term itself (authorial > 0), else ``"reported speech only"`` (the
        outlet's paraphrase of someone's claim) or ``"quoted only"`` (someone else's
        words in quotation marks).
    """
    groups = sorted(set(rates["segment_group"]))
    if segment_group not in groups:
        raise ValueError(f"segment_group must be one of {', '.join(groups)}; got {segment_group!r}")
    g = rates[rates["segment_group"] == segment_group]
    wide = g.pivot_table(
        index=["outlet", "term", "category"],
        columns="voice",
        values="count",
        aggfunc="sum",
        sort=False,
    ).reindex(columns=list(VOICES), fill_value=0)
    wide = wide.fillna(0).astype(int).reset_index()
    wide.columns.name = None
    wide["total"] = wide[list(VOICES)].sum(axis=1)
    wide = wide[wide["total"] > 0].copy()
    wide["use"] = np.select(
        [wide["authorial"] > 0, wide["reported"] > 0],
        ["own voice", "reported speech only"],
        default="quoted only",
    )
    return wide.reset_index(drop=True)


def excluded_matches(matches: pd.DataFrame) -> pd.DataFrame:
    """Matches not counted, with the reason: inside an exclude context ("sanctions
    regime") or another word sense (no required context: ViewUS's hypothetical
    "invasion" of a treaty partner). The ``loaded_terms_excluded`` table."""
    cols = list(TABLES["loaded_terms_excluded"]["columns"])
    out = pd.DataFrame(matches.attrs.get("excluded", []), columns=cols)
    if len(out):
        out = out.sort_values(["article_id", "start", "term"], kind="stable")
    return out.reset_index(drop=True)


def matches_outside_body(matches: pd.DataFrame, *, body: tuple[str, ...] = ("headline", "body")):
    """Matches in segments that are not the article (teasers, captions, boilerplate …)."""
    cols = ["article_id", "outlet", "segment", "term", "matched", "voice", "target", "sentence"]
    out = matches.loc[~matches["segment"].isin(body), cols].reset_index(drop=True)
    out["target"] = out["target"].fillna("")
    return out


def lexicon_validation(lexicon=None) -> pd.DataFrame:
    """Check the lexicon against published bias resources (needs ``data/external``).

    For every term: whether any of its patterns is in the bias lexicon of Recasens et al.
    (2013; ``recasens2013/npov_lexicon.txt``) and in the BABE bias-word lexicon
    (``babe/bias_word_lexicon.txt``); and, on the 3,673 BABE sentences with an expert
    label (``babe/final_labels_SG2.csv``), how many contain the term, how many of those
    the experts labelled biased (with an exact Clopper-Pearson 95% interval), and in how
    many the experts marked the matched word itself as a biased word.

    Args:
        lexicon: a :func:`load_lexicon` table, a path, or None for the default.

    Returns:
        ``term, category, in_recasens_npov, in_babe_lexicon, babe_sentences,
        babe_biased, share_biased, ci_low, ci_high, babe_word_flagged``; ``attrs`` holds
        the base rate of biased sentences and the sources.

    Raises:
        FileNotFoundError: ``data/external/recasens2013`` or ``data/external/babe`` absent.

    References:
        Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic
        models for analyzing and detecting biased language. ACL 2013.

        Spinde, T., Plank, M., Krieger, J.-D., Ruas, T., Gipp, B., & Aizawa, A. (2021).
        Neural media bias detection using distant supervision with BABE. Findings of
        EMNLP 2021, 1166-1177.
    """
    import ast

    from analysis.paths import external_dir

    rec, babe = external_dir("recasens2013"), external_dir("babe")
    for name, folder in (("recasens2013", rec), ("babe", babe)):
        if folder is None:
            raise FileNotFoundError(f"data/external/{name} absent: lexicon validation skipped")
    lex = _as_lexicon(lexicon)
    npov = {w.strip().lower() for w in (rec / "npov_lexicon.txt").read_text("utf-8").splitlines()}
    bwl = {
        w.strip().lower() for w in (babe / "bias_word_lexicon.txt").read_text("utf-8").splitlines()
    }
    data = pd.read_csv(babe / "final_labels_SG2.csv", sep=";", encoding="utf-8-sig")
    data = data[data["label_bias"].isin(["Biased", "Non-biased"])].reset_index(drop=True)
    flagged = [
        {str(w).lower() for w in ast.literal_eval(x)} if isinstance(x, str) else set()
        for x in data["biased_words"]
    ]
    matcher = _Matcher(lex)
    hits: dict[str, list[tuple[int, str]]] = {t: [] for t in lex["term"]}
    for i, text in enumerate(data["text"].astype(str)):
        for h in matcher.find(text)[0]:
            hits[h["term"]].append((i, text[h["s"] : h["e"]].lower()))
    rows = []
    for row in lex.itertuples(index=False):
        rxs = [re.compile(pattern_regex(p), re.IGNORECASE) for p in row.patterns]
        sents = sorted({i for i, _ in hits[row.term]})
        n = len(sents)
        k = int(sum(data.at[i, "label_bias"] == "Biased" for i in sents))
        ci_low, ci_high = clopper_pearson(k, n)  # (nan, nan) when n is 0
        rows.append(
            {
                "term": row.term,
                "category": row.category,
                "in_recasens_npov": any(rx.fullmatch(w) for rx in rxs for w in npov),
                "in_babe_lexicon": any(rx.fullmatch(w) for rx in rxs for w in bwl),
                "babe_sentences": n,
                "babe_biased": k,
                "share_biased": k / n if n else np.nan,
                "ci_low": ci_low,
                "ci_high": ci_high,
                "babe_word_flagged": len({i for i, w in hits[row.term] if w in flagged[i]}),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs.update(
        {
            "babe_sentences": len(data),
            "babe_base_rate_biased": float((data["label_bias"] == "Biased").mean()),
            "sources": ["data/external/recasens2013/npov_lexicon.txt", "data/external/babe"],
        }
    )
    return out


# --------------------------------------------------------------------------- pipeline


def loaded_terms_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``loaded_terms``, ``loaded_term_rates`` and ``loaded_term_targets``.

    Uses the run's lexicon and actor list (``ctx.resources``: ``--lexicon FILE``,
    ``--actors FILE``), and the ``speech`` and ``actor_mentions`` tables of the
    attribution steps.
    """
    lexicon = ctx.resources.lexicon
    speech = ctx.tables.get("speech")
    if speech is None:
        # Without the attribution step only quotation marks are known: quoted vs authorial.
        q = ctx.tables["quote_spans"]
        speech = q[["article_id", "start", "end"]].assign(kind="quoted", speaker="unattributed")
        ctx.notes.append("loaded_terms: no speech table; voice from quotation marks only")
    mentions = ctx.tables.get("actor_mentions")
    actors = ctx.tables.get("_actors")
    if mentions is not None and actors is None:
        actors = ctx.resources.actors
    sentences = ctx.tables["sentences"]
    matches = loaded_terms(sentences, lexicon, speech=speech, mentions=mentions, actors=actors)
    rates = loaded_term_rates(matches, sentences, lexicon=lexicon)
    targets = loaded_term_targets(matches)
    return {
        "loaded_terms": matches,
        "loaded_term_rates": rates,
        "loaded_term_targets": targets,
        "loaded_terms_excluded": excluded_matches(matches),
    }


# --------------------------------------------------------------------------- figures

LABEL_CATEGORIES = ("pejorative_label", "evaluative", "ideological_label", "threat_framing")
"""Categories shown in the "who gets labelled" figure (place names and war names label no one)."""


def lexicon_validation_step(ctx) -> dict[str, pd.DataFrame]:
    """Validation step (``framing validate``): ``validation_loaded_terms`` if data present."""
    try:
        table = lexicon_validation(ctx.resources.lexicon)
    except FileNotFoundError as exc:
        ctx.notes.append(f"validation skipped: {exc}")
        return {}
    return {"validation_loaded_terms": table}
