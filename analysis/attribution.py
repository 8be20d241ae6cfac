"""Who speaks: rule-based attribution of quotations and reported speech.

:func:`speech_spans` turns the quotation spans and the sentences into one row per quoted
or reported stretch of text, with its speaker (an actor id, ``anonymous`` or
``unattributed``), the reporting verb (lemmatised through
``analysis/lexicons/reporting_verbs.yaml``, offline) and the offsets of the cue.
:func:`voice_at` answers "in whose voice is this range of text?" for any later step.

Rules (general patterns, applied within a sentence):

1. **Cues.** A reporting-verb form outside quotation marks, not preceded by a
   determiner or possessive ("his comments" is a noun), is a cue. Its speaker is the
   noun phrase between the previous clause boundary (punctuation, quotation mark,
   "that", "and", "after", ...) and the verb, after dropping auxiliaries and adverbs
   ("Vladimir Putin has warned", "the unnamed official said"). The phrase resolves to:
   ``anonymous`` if it says so ("an anonymous Yoon official", "unnamed"), else the
   last person mentioned in it, else the last state or institution mentioned ("South
   Korea's presidential office"), else a state by demonym ("South Korean officials"),
   else ``anonymous`` for vague plural heads ("observers", "analysts", "sources"); a
   pronoun ("he said") resolves to the previous cue's speaker of the right kind, or the
   last person mentioned. With no phrase, the speaker follows the verb ("…," said
   Putin), or is inherited from the previous cue of the sentence ("…, stating that",
   "and said"), or from the sentence's opening subject.
2. **Quotes.** A quotation ending in a comma (or ? !) takes the first cue after it
   ("…," Putin said); otherwise the nearest cue before it in its sentence, unless a
   comma, semicolon or colon separates them ("X told reporters that “…”"); otherwise
   the first cue after it ("“…” if Seoul decides …, Putin told reporters"). In headlines a
   colon does not separate ("Putin Threatens South Korea: … ‘Very Big Mistake’"). A quote that
   opens its sentence without a cue continues the speaker of the previous quote in the
   same or previous paragraph of the same segment (multi-sentence or multi-paragraph
   quotes, "“I hope …”" after "“…,” Putin told reporters"). Then "according to X". Else
   ``unattributed`` (scare quotes).
3. **Reported speech.** A cue followed within six words by "that", or a verb with
   ``clause: bare`` followed by a subject ("Putin said Seoul would …"), opens a reported
   clause running to the end of the sentence, in the cue's speaker's voice, or up to the
   next cue that follows a comma, "and" or "but" ("…, threatening …", "… but claimed
   that …"): that verb is the narrator's own framing and opens its own clause. A cue in
   its bare form ("… would violate … and threaten …") is coordinated inside the reported
   clause and does not end it.
4. **Characterisations.** A characterisation verb followed within eight words by "as"
   ("Seoul condemned the deal as a threat", "he addressed those as a threat", "which
   some news outlets interpreted as a threat") opens a reported clause after "as" (rule
   ``as_clause``), to the next clause or the sentence end: the evaluation is the
   subject's. The verbs are ``as_verbs`` of the verb lexicon; those that are not
   reporting verbs (address, interpret, see, view, regard …) are not counted as such.
5. **Participles.** A sentence that opens with a participle cue and has no subject
   ("Arguing that Russia also has the right …") continues the speaker of the previous
   attributed cue in the same or previous paragraph of the segment (rule ``participle``).

The design follows quotation-attribution work on news (Pareti 2016; Newell, Cowlishaw &
Man 2018): speaker cue + content span, with a verb-cue lexicon.

References:
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC 2016.
    Newell, C., Cowlishaw, T., & Man, D. (2018). Quote extraction and analysis for news.
    KDD Workshop on Data Science, Journalism & Media.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pandas as pd

from .actors import LEXICONS, load_actors
from .errors import InputError
from .io import read_yaml
from .segment import BODY_SEGMENTS

VERBS_FILE = LEXICONS / "reporting_verbs.yaml"
STANCES = ("neutral", "marked", "charged")
CLAUSES = ("bare", "that", "none")

SPEECH_COLUMNS = [
    "article_id",
    "sentence_id",
    "speech_id",
    "kind",
    "start",
    "end",
    "speaker",
    "verb",
    "cue_start",
    "cue_end",
    "quote_span_id",
    "segment",
    "speaker_text",
    "rule",
    "speaker_id",
    "speaker_kind",
    "scare_quote",
]
SPEAKER_KINDS = ("actor", "named", "role", "pronoun", "unresolved")

CUE_COLUMNS = [
    "article_id",
    "sentence_id",
    "segment",
    "paragraph",
    "start",
    "end",
    "form",
    "verb",
    "stance",
    "speaker",
    "speaker_text",
    "rule",
]

TABLES = {
    "speech": {
        "description": "One row per quoted or reported stretch of text with its speaker "
        "(rule-based attribution, analysis.attribution.speech_spans).",
        "columns": {
            "article_id": "article id",
            "sentence_id": "sentence where the quotation or reported clause starts",
            "speech_id": "stable id, e.g. 001-sp004",
            "kind": "quoted (inside quotation marks) or reported (clause introduced by a "
            "reporting verb, outside quotation marks)",
            "start": "raw offset of the quotation (marks included) or reported clause",
            "end": "end offset (exclusive)",
            "speaker": "actor id; the normalised name of a named speaker not on the actor "
            "list (as speaker_id); anonymous (a role or vague source: 'a senior official', "
            "'analysts'); or unattributed (no speaker found)",
            "verb": "reporting verb lemma of the cue; empty if none",
            "cue_start": "raw offset of the reporting verb, -1 if none",
            "cue_end": "end offset of the reporting verb, -1 if none",
            "quote_span_id": "quotation span id (quoted rows), empty for reported",
            "segment": "segment of the sentence",
            "speaker_text": "the speaker phrase as written (e.g. 'the unnamed official')",
            "rule": "attribution rule that fired: cue_after, cue_before, continuation, "
            "according_to, block_intro (an unmarked block quote after '… said:'), none "
            "(quoted); that_clause, bare_clause, clause_before_cue ('Talks will resume, a "
            "senior official said'), as_clause (the complement of 'X condemned Y as …') "
            "(reported)",
            "speaker_id": "who speaks: the actor id for a listed actor, else the normalised "
            "name ('chuck schumer', 'white house') or role ('senior official'); empty when "
            "no speaker was found",
            "speaker_kind": "how the speaker is written: actor (a listed actor, by name, "
            "description or demonym), named (a proper name not on the actor list), role "
            "('a senior official', 'analysts'), pronoun ('he said', resolved to an "
            "antecedent), unresolved (no speaker, or a pronoun with no compatible antecedent)",
            "scare_quote": "True for a scare quote (1-3 quoted words with no speech verb, or "
            "after 'so-called'): the outlet's own word choice, authorial voice",
            "text": "the quoted or reported text (raw[start:end])",
            "outlet": "outlet name",
        },
    },
}


# --------------------------------------------------------------------------- lexicon
def load_reporting_verbs(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate the reporting-verb list.

    Returns:
        One row per lemma: ``lemma, forms (list), stance, clause, note``.

    Raises:
        InputError: missing fields, unknown stance/clause, a form listed twice.
    """
    path = Path(path) if path is not None else VERBS_FILE
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), list):
        raise InputError(path, "expected a mapping with a 'verbs:' list")
    rows, seen = [], {}
    for i, v in enumerate(data["verbs"], 1):
        entry = str(v.get("lemma", f"#{i}")) if isinstance(v, dict) else f"#{i}"
        if not isinstance(v, dict):
            raise InputError(path, "each verb must be a mapping", entry=entry)
        for key in ("lemma", "forms", "stance", "clause", "note"):
            if key not in v or v[key] in (None, "", []):
                raise InputError(path, f"missing field '{key}'", entry=entry)
        if v["stance"] not in STANCES:
            raise InputError(
                path, f"stance {v['stance']!r} is not one of {', '.join(STANCES)}", entry=entry
            )
        if v["clause"] not in CLAUSES:
            raise InputError(
                path, f"clause {v['clause']!r} is not one of {', '.join(CLAUSES)}", entry=entry
            )
        forms = [str(f).lower() for f in v["forms"]]
        for f in forms:
            if f in seen:
                raise InputError(path, f"form {f!r} also listed under {seen[f]!r}", entry=entry)
            seen[f] = v["lemma"]
        rows.append(
            {
                "lemma": str(v["lemma"]),
                "forms": forms,
                "stance": v["stance"],
                "clause": v["clause"],
                "note": str(v["note"]),
            }
        )
    df = pd.DataFrame(rows, columns=["lemma", "forms", "stance", "clause", "note"])
    shown = "analysis/lexicons/reporting_verbs.yaml" if path == VERBS_FILE else str(path)
    df.attrs.update({"path": shown, "version": data.get("version")})
    df.attrs["as_verbs"] = _as_verbs(path, data.get("as_verbs") or [])
    return df


def _as_verbs(path: Path, entries) -> dict[str, str]:
    """``as_verbs:`` of the verb lexicon: characterisation verbs read with "as" (form -> lemma)."""
    if not isinstance(entries, list):
        raise InputError(path, "'as_verbs' must be a list of {lemma, forms, note}")
    out: dict[str, str] = {}
    for i, v in enumerate(entries, 1):
        entry = str(v.get("lemma", f"as_verbs #{i}")) if isinstance(v, dict) else f"as_verbs #{i}"
        if not isinstance(v, dict):
            raise InputError(path, "each as_verbs entry must be a mapping", entry=entry)
        for key in ("lemma", "forms", "note"):
            if key not in v or v[key] in (None, "", []):
                raise InputError(path, f"as_verbs: missing field '{key}'", entry=entry)
        for f in (str(f).lower() for f in v["forms"]):
            if f in out:
                raise InputError(path, f"as_verbs: form {f!r} listed twice", entry=entry)
            out[f] = str(v["lemma"])
    return out


# --------------------------------------------------------------------------- word lists
_BOUNDARY_WORDS = (
    "that|and|but|which|who|while|as|because|if|after|before|when|although|though|where|"
    "whereas|since|so|then|what"
)
_BOUNDARY = re.compile(rf"[,;:()\[\]—–]|\b(?:{_BOUNDARY_WORDS})\b", re.IGNORECASE)
_SKIP_RIGHT = {
    "has", "have", "had", "was", "were", "is", "are", "will", "would", "could", "can",
    "also", "further", "effectively", "previously", "reportedly", "repeatedly", "then",
    "later", "once", "again", "merely", "not", "been", "did", "does", "do",
    "just", "already", "publicly", "separately", "still", "even", "only", "first",
}  # fmt: skip
_ANON_MARKERS = {"anonymous", "unnamed", "unidentified", "anonymously"}
_ANON_HEADS = {
    "official", "officials", "observers", "observer", "analysts", "analyst", "experts",
    "expert", "sources", "source", "critics", "commentators", "diplomats", "insiders",
    "people", "some", "others", "many", "residents", "witnesses", "authorities",
    "spokesperson", "spokesman", "spokeswoman", "media", "reports", "outlets", "outlet",
}  # fmt: skip
_PRONOUNS = {"he": "person", "she": "person", "it": "group", "they": "group"}
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|this|these|those)|['’]s)\s+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w.\-’']*")
_CLAUSE_JOIN = re.compile(r"(?:\s*(?:,[”\"’]?|[”\"’],)|\s+and|\s+but)\s*$")
_NOT_SUBJECT = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "in", "on", "at", "to", "for",
    "with", "from", "by", "about", "during", "without", "after", "before",
}  # fmt: skip
_AS_COMPLEMENT = re.compile(
    r"((?:\s+[^\s,;:“”\"‘.!?]+){0,8}?)\s+as\s+"
    r"(?!(?:well|soon|long|much|many|if|though|part|of|far|such|to|for|a\s+result|usual)\b)"
    r"(?=[\w“\"‘])",
    re.IGNORECASE,
)
_AS_END = re.compile(r",\s+(?:and|but|while|which|who|whereas)\b|;|\s[—–]\s")
_SUBJECT_START = re.compile(
    r"\s*(?:[A-Z][\w’'\-.]*|he|she|it|they|we|his|her|its|their|the|a|an|both|such|"
    r"this|these|those|any|all|no|some|there)\b"
)


# --------------------------------------------------------------------------- speaker phrases
# Speakers that are not on the actor list: a proper-name phrase ("Senator Chuck Schumer",
# "Mr Boehner", "The White House") or a role phrase ("a senior official", "a
# spokesperson for the ministry") keeps its text and gets a normalised name.
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "king", "queen",
    "prince", "princess", "president", "vice", "prime", "minister", "secretary", "senator",
    "sen", "rep", "representative", "congressman", "congresswoman", "gov", "governor",
    "mayor", "gen", "general", "adm", "admiral", "col", "colonel", "lt", "sgt", "capt",
    "captain", "speaker", "chancellor", "judge", "justice", "ambassador", "spokesman",
    "spokeswoman", "spokesperson", "leader", "chairman", "chairwoman", "chair", "chief",
    "deputy", "adviser", "advisor", "director", "commissioner", "pope", "premier", "envoy",
    "attorney", "professor", "prof", "sheikh", "rev", "father", "senior", "lawmaker",
    "councillor", "councilor", "councilman", "councilwoman", "alderman", "sheriff",
    "superintendent", "inspector", "detective", "sergeant", "constable", "bishop",
    "archbishop", "cardinal", "rabbi", "imam", "emir", "sultan", "coach", "ceo",
}  # fmt: skip
_MALE_TITLES = {
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "congressman",
    "spokesman",
    "chairman",
    "father",
}
_FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "congresswoman",
                  "spokeswoman", "chairwoman"}  # fmt: skip
_ORG_WORDS = {
    "ministry", "office", "house", "department", "agency", "council", "party", "service",
    "news", "times", "post", "journal", "press", "committee", "commission", "union", "bank",
    "group", "institute", "university", "court", "army", "navy", "command", "staff",
    "government", "embassy", "association", "organization", "organisation", "foundation",
    "corporation", "corp", "inc", "company", "network", "tv", "radio", "media", "kremlin",
    "pentagon", "reuters", "yonhap", "tass", "xinhua", "kcna", "board", "authority",
    "police", "forces", "center", "centre", "assembly", "parliament", "congress", "senate",
    "cabinet", "administration", "campaign", "independent", "guardian", "telegraph",
    "herald", "tribune", "daily", "federation", "alliance", "coalition",
}  # fmt: skip
_ROLE_HEADS = _ANON_HEADS | {
    "leader", "leaders", "president", "minister", "ministers", "secretary", "spokesperson",
    "spokespeople", "aide", "aides", "adviser", "advisers", "advisor", "advisors",
    "lawmaker", "lawmakers", "legislator", "legislators", "senator", "senators",
    "representative", "representatives", "ambassador", "envoy", "diplomat", "chief",
    "head", "director", "ministry", "government", "embassy", "office", "agency",
    "department", "statement", "report", "letter", "spokesman", "spokeswoman", "military",
    "army", "police", "prosecutor", "prosecutors", "lawyer", "lawyers", "attorney",
    "member", "members", "commander", "commanders", "officer", "officers", "general",
    "chairman", "chairwoman", "administration", "campaign", "party", "committee",
    "council", "presidency", "palace", "staff", "secretariat", "newspaper",
    "broadcaster", "outlet", "agencies", "governments", "ministries", "allies",
    "opponents", "supporters", "protesters", "activists", "campaigners", "voters",
    "economists", "scientists", "doctors", "workers", "investors", "traders", "republicans", "democrats", "councillors", "residents", "neighbours", "neighbors",
}  # fmt: skip
_COMMON_CAPS = {
    "yesterday", "today", "tonight", "earlier", "later", "meanwhile", "separately",
    "however", "also", "still", "instead", "now", "then", "here", "there", "last", "next",
    "this", "that", "these", "those", "in", "on", "at", "for", "with", "by", "from",
    "after", "before", "during", "while", "when", "but", "and", "or", "so", "as", "if",
    "the", "a", "an", "some", "many", "most", "several", "his", "her", "its", "their",
    "our", "my", "your", "both", "all", "any", "each", "every", "no", "one", "two",
    "speaking", "asked", "according", "officials", "analysts", "observers", "critics",
    "experts", "sources", "witnesses", "residents", "diplomats", "lawmakers",
} | _NOT_SUBJECT  # fmt: skip
_PREPS = {"for", "of", "at", "from", "with", "in", "to"}
_NAME_JOINS = {"of", "for", "de", "von", "van", "al", "bin", "el", "da", "du", "der"}
_CAP_TOKEN = re.compile(r"[A-Z][\w.\-’']*|[A-Z]")
_LEAD_NAME = re.compile(
    r"\s+((?:(?:[A-Z][\w.\-’']*)\s+){0,5}[A-Z][\w.\-’']*)(?=\s*(?:[,.;:!?]|$|\s+(?:on|in|at|"
    r"during|after|before|while|who|when|as|to|of|from|[a-z])))"
)
_LEAD_ROLE = re.compile(
    r"\s+((?:a|an|the|one|two|three|several|some)\s+(?:[\w\-’']+\s+){0,4}?[\w\-]+"
    r"(?:\s+(?:for|of|at|from|with)\s+(?:the\s+)?(?:[\w\-’']+\s+){0,3}?[\w\-’']+)?)"
    r"(?=\s*(?:[,.;:!?]|$))",
    re.IGNORECASE,
)
PRONOUN_WINDOW = 2
"""A pronoun speaker resolves within its paragraph and the two before it."""
_GENDER = {"he": "male", "she": "female"}


def _bare(token: str) -> str:
    return re.sub(r"['’]s$", "", token).rstrip(".").lower()


def _is_role_head(word: str) -> bool:
    w = word.lower()
    return w in _ROLE_HEADS or (w.endswith("s") and w[:-1] in _ROLE_HEADS)


def role_phrase(words: list[str]) -> str:
    """Normalised role phrase ("senior official", "spokesperson for the ministry"), or ''.

    A role phrase ends in a role noun ("a senior official", "the Democratic leader",
    "analysts") or has one before a prepositional complement ("a spokesperson for the
    ministry"). Leading determiners are dropped; the rest is lower-cased.
    """
    lows = [w.lower() for w in words]
    if not lows:
        return ""
    hit = _is_role_head(lows[-1])
    if not hit:
        k = next((k for k in range(1, len(lows)) if lows[k] in _PREPS), 0)
        hit = bool(k) and any(_is_role_head(w) for w in lows[:k])
    if not hit:
        return ""
    while lows and lows[0] in ("a", "an", "the", "one", "some", "several", "many", "most"):
        lows = lows[1:]
    return " ".join(lows)


def name_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised tokens in ``text``: ``(start, end, tokens)``.

    Leading common words ("Yesterday", "The", "In") are dropped from a run; a run made only
    of common words or titles is not returned.
    """
    out = []
    toks = list(_WORD.finditer(text))
    i = 0
    while i < len(toks):
        if not toks[i].group()[0].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(toks) and text[toks[j].end() : toks[j + 1].start()].strip() == "":
            nxt = toks[j + 1].group()
            if nxt[0].isupper():
                j += 1
            elif (
                nxt in _NAME_JOINS
                and j + 2 < len(toks)
                and toks[j + 2].group()[0].isupper()
                and text[toks[j + 1].end() : toks[j + 2].start()].strip() == ""
            ):
                j += 2  # "Joint Chiefs of Staff", "Ministry of Foreign Affairs"
            else:
                break
        run = toks[i : j + 1]
        while run and _bare(run[0].group()) in _COMMON_CAPS:
            run = run[1:]
        if run and any(_bare(t.group()) not in _TITLES for t in run):
            out.append((run[0].start(), run[-1].end(), [t.group() for t in run]))
        i = j + 1
    return out


def proper_name(tokens: list[str]) -> dict | None:
    """Normalise a capitalised run: titles before the name dropped, lower-cased.

    Returns:
        ``{"id", "kind" (person/organisation), "gender"}`` or None when only titles or
        common words remain ("the President").
    """
    bare = [_bare(t) for t in tokens]
    last_title = max((k for k, b in enumerate(bare) if b in _TITLES), default=-1)
    # a title's complement belongs to it: "Secretary of State Antony Blinken"
    while (
        last_title >= 0
        and last_title + 2 < len(tokens)
        and bare[last_title + 1] in ("of", "for")
        and last_title + 3 < len(tokens)
    ):
        last_title += 2
    name = [re.sub(r"['’]s$", "", t) for t in tokens[last_title + 1 :]]
    if name and name[-1].endswith(".") and not re.search(r"(?:^|\.)[A-Z]\.$", name[-1]):
        name[-1] = name[-1][:-1]  # a sentence's full stop, not an initial ("U.S.")
    if not name or all(_bare(t) in _COMMON_CAPS for t in name):
        return None
    if len(name) == 1 and _is_role_head(name[0]):
        return None  # "Opponents said …": a plural common noun opening the sentence
    gender = ""
    if any(b in _MALE_TITLES for b in bare):
        gender = "male"
    elif any(b in _FEMALE_TITLES for b in bare):
        gender = "female"
    org = any(_bare(t) in _ORG_WORDS for t in name) or (len(name) == 1 and name[0].isupper())
    kind = (
        "person"
        if (last_title >= 0 and not org) or (not org and len(name) <= 3)
        else "organisation"
    )
    return {"id": " ".join(name).lower(), "kind": kind, "gender": gender}


def _verb_matcher(verbs: pd.DataFrame):
    forms = {}
    for r in verbs.itertuples(index=False):
        for f in r.forms:
            forms[f] = (r.lemma, r.stance, r.clause)
    pats = sorted(forms, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in pats)
    return re.compile(rf"(?<![\w\-’'])(?:{body})(?![\w\-])", re.IGNORECASE), forms


def _demonym_matcher(actors: pd.DataFrame):
    pairs = []
    for r in actors.itertuples(index=False):
        for d in r.demonyms or []:
            pairs.append((d, r.actor))
    pairs.sort(key=lambda p: -len(p[0]))
    if not pairs:
        return None, {}
    body = "|".join(re.escape(d) for d, _ in pairs)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])"), dict(pairs)


# --------------------------------------------------------------------------- per article
class _Article:
    """Attribution state for one article (sentences, quotes, mentions, cues)."""

    def __init__(self, sents, quotes, mentions, kinds, verbs_re, forms, dem_re, dems, genders=None):
        self.sents = sents  # list of dict, sorted by start
        self.quotes = quotes  # list of dict, sorted by start
        self.qstarts = [q["start"] for q in quotes]
        self.mentions = mentions  # list of dict, sorted by start
        self.mstarts = [m["start"] for m in mentions]
        self.kinds = kinds
        self.genders = dict(genders or {})  # per article: learnt genders are added
        self.verbs_re, self.forms = verbs_re, forms
        self.dem_re, self.dems = dem_re, dems
        self.cues: list[dict] = []
        self.named: dict[str, dict] = {}  # normalised name -> {"kind", "gender"}
        self.par_of = {x["sentence_id"]: x.get("paragraph", 0) for x in sents}
        self.antecedents = self._antecedents()

    def _antecedents(self) -> list[tuple[int, str, int, str, str]]:
        """Candidate pronoun antecedents in text order: ``(pos, id, paragraph, kind, gender)``.

        Actor mentions, plus people named in the text who are not on the actor list
        ("President Donald Trump", "Ms Pelosi": two or more capitalised tokens, or a title
        and a name, not followed by a lower-case noun they modify).
        """
        out = []
        for m in self.mentions:
            kind = "person" if self.kinds.get(m["actor"]) == "person" else "group"
            par = self.par_of.get(m["sentence_id"], 0)
            out.append((m["start"], m["actor"], par, kind, self.genders.get(m["actor"], "")))
        for x in self.sents:
            text = x["text"]
            for a, b, toks in name_runs(text):
                if self.mentions_in(x["start"] + a, x["start"] + b):
                    continue
                nxt = _WORD.match(text[b:].lstrip())
                run = " ".join(toks)
                if (nxt and text[b : b + 1].isspace() and _is_role_head(nxt.group())) or (
                    self.dem_re is not None and self.dem_re.fullmatch(run)
                ):
                    continue  # "South Korean officials", "German diplomats": modifiers
                info = proper_name(toks)
                if info is None or info["kind"] != "person":
                    continue
                if len(toks) < 2 and not info["gender"]:
                    continue
                info = self.register(info)
                out.append((x["start"] + a, info["id"], x.get("paragraph", 0), "person",
                            info["gender"]))  # fmt: skip
        out.sort(key=lambda t: (t[0], t[1]))
        return out

    def register(self, info: dict) -> dict:
        """Record a named speaker; a bare surname joins the full name seen before it."""
        key = info["id"]
        if " " not in key and info["kind"] == "person":
            for full, other in self.named.items():
                if full.endswith(" " + key) and other["kind"] == "person":
                    key = full
                    break
        known = self.named.get(key)
        if known is None:
            known = self.named[key] = {"id": key, "kind": info["kind"], "gender": info["gender"]}
        elif info["gender"] and not known["gender"]:
            known["gender"] = info["gender"]
        return known

    def ref(self, speaker: str, speaker_text: str = "") -> tuple[str, str]:
        """``(person|group, gender)`` of a resolved speaker, for pronoun agreement."""
        if speaker in self.kinds:
            kind = "person" if self.kinds[speaker] == "person" else "group"
            return kind, self.genders.get(speaker, "")
        if speaker in self.named:
            n = self.named[speaker]
            return ("person" if n["kind"] == "person" else "group"), n["gender"]
        if speaker == "anonymous":
            words = _WORD.findall(speaker_text or "")
            head = words[-1].lower() if words else ""
            plural = head.endswith("s") and not head.endswith("ss")
            gender = "male" if head == "spokesman" else "female" if head == "spokeswoman" else ""
            return ("group" if plural else "person"), gender
        return "", ""

    def paragraph_at(self, pos: int) -> int:
        s = self.sentence_at(pos)
        return s.get("paragraph", 0) if s is not None else 0

    # -- helpers
    def in_quote(self, start: int, end: int) -> dict | None:
        k = bisect.bisect_right(self.qstarts, start) - 1
        if k >= 0 and self.quotes[k]["start"] <= start and end <= self.quotes[k]["end"]:
            return self.quotes[k]
        return None

    def mentions_in(self, start: int, end: int) -> list[dict]:
        lo = bisect.bisect_left(self.mstarts, start)
        out = []
        for m in self.mentions[lo:]:
            if m["start"] >= end:
                break
            if m["end"] <= end:
                out.append(m)
        return out

    def last_mention_before(self, pos: int, kind: str) -> str:
        k = bisect.bisect_left(self.mstarts, pos)
        for m in reversed(self.mentions[:k]):
            if (self.kinds.get(m["actor"]) == "person") == (kind == "person"):
                return m["actor"]
        return ""

    # -- speaker phrase resolution
    def resolve_phrase(self, s: dict, a: int, b: int, pos: int) -> tuple[str, str, str]:
        """Resolve sentence-relative text[a:b] to (speaker, speaker_text, how)."""
        text = s["text"]
        chunk = text[a:b]
        words = _WORD.findall(chunk)
        while words and words[-1].lower() in _SKIP_RIGHT:
            words.pop()
        if not words:
            return "", "", ""
        last = [m for m in _WORD.finditer(chunk)][len(words) - 1]
        phrase = chunk[: last.end()].strip(" ,")
        lows = [w.lower() for w in words]
        if len(words) == 1 and lows[0] in _PRONOUNS:
            return self.resolve_pronoun(lows[0], pos), phrase, "pronoun"
        if _ANON_MARKERS & set(lows):
            return "anonymous", phrase, "anonymous"
        ms = self.mentions_in(s["start"] + a, s["start"] + b)
        people = [m for m in ms if self.kinds.get(m["actor"]) == "person"]
        if people:
            return people[-1]["actor"], phrase, "mention"
        k = next((k for k in range(1, len(lows)) if lows[k] in _PREPS), 0)
        if k and any(
            _is_role_head(lows[i]) and (words[i].islower() or i == 0) for i in range(k)
        ):  # "a spokesperson for the ministry", "People familiar with the matter"
            if ms:  # "a spokesperson for the Kremlin" speaks for the state
                return ms[-1]["actor"], phrase, "mention"
            return "anonymous", phrase, "role"
        named = self.head_name(s, a, a + last.end())
        if named:
            return named, phrase, "named"
        if ms:
            return ms[-1]["actor"], phrase, "mention"
        if self.dem_re is not None:
            found = self.dem_re.findall(chunk)
            if found:
                return self.dems[found[-1]], phrase, "demonym"
        if lows[-1] in _ANON_HEADS:
            return "anonymous", phrase, "anonymous"
        if role_phrase(words):
            return "anonymous", phrase, "role"
        return "unattributed", phrase, "unresolved"

    def head_name(self, s: dict, a: int, b: int) -> str:
        """Normalised proper name heading sentence-relative text[a:b], if not an actor.

        The name is a capitalised run that ends its comma-separated part ("Senator Chuck
        Schumer", "Boehner, the House speaker" -> the first part); a run followed by a
        lower-case word only modifies it ("South Korea’s presidential office").
        """
        text = s["text"]
        pos = a
        for part in re.split(r"(,)", text[a:b]):
            if part == ",":
                pos += 1
                continue
            stripped = part.rstrip()
            runs = name_runs(stripped)
            if runs:
                ra, rb, toks = runs[-1]
                tail = [w.lower() for w in _WORD.findall(stripped[rb:])]
                if all(w in _SKIP_RIGHT for w in tail):
                    info = proper_name(toks)
                    covered = self.mentions_in(s["start"] + pos + ra, s["start"] + pos + rb)
                    run = " ".join(toks)
                    organ = (
                        info is not None
                        and info["kind"] == "organisation"
                        and (
                            re.search(r"['’]s\b", run) is not None
                            or (self.dem_re is not None and self.dem_re.match(run) is not None)
                        )
                    )  # "South Korea’s Joint Chiefs of Staff" speaks for the state
                    if (
                        info
                        and not organ
                        and not (covered and covered[-1]["end"] >= s["start"] + pos + rb)
                    ):
                        return self.register(info)["id"]
            pos += len(part)
        return ""

    def resolve_pronoun(self, pronoun: str, pos: int) -> str:
        """The antecedent of a pronoun speaker, or ``unattributed``.

        Within :data:`PRONOUN_WINDOW` paragraphs: the latest earlier speaker that agrees
        (person for he/she, state, organisation or plural for it/they; gender when known),
        else the nearest agreeing mention or named person ("it": the nearest state or
        institution mentioned). Never one further away.
        """
        want, gender = _PRONOUNS[pronoun], _GENDER.get(pronoun, "")
        par = self.paragraph_at(pos)

        def agrees(kind: str, g: str) -> bool:
            return kind == want and not (gender and g and g != gender)

        for c in reversed(self.cues):
            if c["abs_start"] >= pos:
                continue
            if par - c["sent"].get("paragraph", 0) > PRONOUN_WINDOW:
                break
            sp = c["speaker"]
            if sp in ("", "unattributed"):
                continue
            if agrees(*self.ref(sp, c.get("speaker_text", ""))):
                return self.learn_gender(sp, gender)
        k = bisect.bisect_left(self.antecedents, (pos, ""))
        for _start, aid, apar, kind, g in reversed(self.antecedents[:k]):
            if par - apar > PRONOUN_WINDOW:
                break
            if want == "person" and agrees(kind, self.ref(aid)[1] or g):
                return self.learn_gender(aid, gender)
            if pronoun == "it" and kind == "group":  # "The ministry … It said": a state
                return aid
        return "unattributed"

    def learn_gender(self, speaker: str, gender: str) -> str:
        """Remember the gender a pronoun gave a person of unknown gender ("Pelosi … she")."""
        if gender and speaker in self.named and not self.named[speaker]["gender"]:
            self.named[speaker]["gender"] = gender
        elif gender and self.kinds.get(speaker) == "person" and not self.genders.get(speaker):
            self.genders[speaker] = gender
        return speaker

    def opening_subject(self, s: dict, limit: int) -> tuple[str, str, str]:
        """The subject at the start of the sentence, before the first verb-like word.

        The stretch is split at commas ("Last week, South Korea also summoned …",
        "Putin, speaking in Hanoi, said …"); the first part that resolves wins.
        """
        text = s["text"]
        stop = limit
        for w in _WORD.finditer(text[:limit]):
            low = w.group().lower()
            before = text[: w.start()].rstrip()
            if (
                w.start() > 0
                and not before.endswith(",")
                and (
                    low in _SKIP_RIGHT
                    or low in self.forms
                    or (w.group()[0].islower() and re.search(r"(ed|es)$", low) is not None)
                )
            ):
                stop = w.start()
                break
        parts, a = [], 0
        for m in re.finditer(r",", text[:stop]):
            parts.append((a, m.start()))
            a = m.end()
        parts.append((a, stop))
        last = ("", "", "")
        for a, b in parts:
            got = self.resolve_phrase(s, a, b, s["start"] + a)
            if got[0] and got[0] != "unattributed":
                return got
            last = got if got[0] else last
        return last

    # -- cues
    def find_cues(self) -> None:
        for s in self.sents:
            if s["segment"] == "byline":
                continue
            for hit in self.verbs_re.finditer(s["text"]):
                a, b = hit.start(), hit.end()
                if self.in_quote(s["start"] + a, s["start"] + b):
                    continue
                if _NOUN_BEFORE.search(s["text"][:a]):
                    continue  # "his comments", "Putin's remarks"
                if (
                    s["segment"] != "headline"
                    and hit.group()[0].isupper()
                    and re.search(r"[A-Z][\w.’'\-]*\s+$", s["text"][:a])
                ):
                    continue  # part of a name ("the United States"), not a verb
                form = re.sub(r"\s+", " ", hit.group().lower())
                lemma, stance, clause = self.forms[form]
                self.cues.append(
                    {
                        "sent": s,
                        "a": a,
                        "b": b,
                        "abs_start": s["start"] + a,
                        "abs_end": s["start"] + b,
                        "form": hit.group(),
                        "verb": lemma,
                        "stance": stance,
                        "clause": clause,
                        "speaker": "",
                        "speaker_text": "",
                        "rule": "",
                    }
                )
        self.cues.sort(key=lambda c: c["abs_start"])
        for i, c in enumerate(self.cues):
            self.attribute_cue(c, self.cues[:i])

    def boundary_before(self, s: dict, a: int, prev_cues: list[dict]) -> int:
        text = s["text"]
        lo = 0
        for m in _BOUNDARY.finditer(text[:a]):
            lo = m.end()
        for q in self.quotes:
            if s["start"] <= q["end"] <= s["start"] + a:
                lo = max(lo, q["end"] - s["start"])
        for c in prev_cues:
            if c["sent"] is s and c["b"] <= a:
                lo = max(lo, c["b"])
        return lo

    def attribute_cue(self, c: dict, prev: list[dict]) -> None:
        s, a, b = c["sent"], c["a"], c["b"]
        text = s["text"]
        lo = self.boundary_before(s, a, prev)
        sp, st, how = self.resolve_phrase(s, lo, a, c["abs_start"])
        if sp:
            c.update(speaker=sp, speaker_text=st, rule=how)
            return
        # "…," said Putin: subject after the verb
        after = self.mentions_in(s["start"] + b, s["start"] + min(len(text), b + 60))
        quote_just_before = any(
            0 <= c["abs_start"] - q["end"] <= 3 for q in self.quotes
        ) or re.search(r"[”\"’],?\s*$", text[:a])
        if after and quote_just_before and text[b : after[0]["start"] - s["start"]].strip() == "":
            m = after[0]
            c.update(speaker=m["actor"], speaker_text=m["mention"], rule="inverted")
            return
        if quote_just_before:  # "…," said Senator Chuck Schumer / said a spokesperson
            lead = _LEAD_NAME.match(text, b) or _LEAD_ROLE.match(text, b)
            if lead:
                end = lead.end(1)
                if text[end - 1] == "." and not re.search(r"\b[A-Z]\.$", text[:end]):
                    end -= 1  # "said Mayor Linda Park." ends the sentence
                sp, st, how = self.resolve_phrase(s, lead.start(1), end, c["abs_start"])
                if sp and sp != "unattributed" and how != "pronoun":
                    c.update(speaker=sp, speaker_text=st, rule="inverted")
                    return
        # "“…,” Kirby, the White House spokesman, said": the stretch since the quotation
        ends = [
            q
            for q in self.quotes
            if s["start"] <= q["end"] <= c["abs_start"]
            and (
                q["text"].rstrip("”\"’' ").endswith((",", "?", "!"))
                or text[q["end"] - s["start"] :].startswith(",")
            )
        ]
        if ends:
            qend = max(q["end"] for q in ends) - s["start"]
            sp, st, how = self.resolve_phrase(s, qend, a, c["abs_start"])
            if sp and sp != "unattributed" and len(_WORD.findall(text[qend:a])) <= 8:
                c.update(speaker=sp, speaker_text=st, rule=how)
                return
        # inherit: previous cue of the sentence, else the opening subject
        same = [p for p in prev if p["sent"] is s and p["speaker"]]
        if same:
            p = same[-1]
            c.update(speaker=p["speaker"], speaker_text=p["speaker_text"], rule="inherited")
            return
        sp, st, how = self.opening_subject(s, a)
        if sp:
            c.update(speaker=sp, speaker_text=st, rule="opening_subject")
            return
        p = self.participle_continues(c, prev)
        if p is not None:
            c.update(speaker=p["speaker"], speaker_text=p["speaker_text"], rule="participle")
            return
        c.update(speaker="unattributed", speaker_text="", rule="none")

    def participle_continues(self, c: dict, prev: list[dict]) -> dict | None:
        """The previous cue whose speaker a sentence-opening participle continues.

        "Arguing that Russia also has the right …" opens a sentence with no subject of
        its own: it continues the speaker of the last attributed cue of the same
        segment, in the same or the previous paragraph.
        """
        s = c["sent"]
        if not c["form"].lower().endswith("ing") or s["text"][: c["a"]].strip(" ,") != "":
            return None
        for p in reversed(prev):
            ps = p["sent"]
            if p["speaker"] in ("", "unattributed") or ps["segment"] != s["segment"]:
                continue
            if 0 <= s["paragraph"] - ps["paragraph"] <= 1:
                return p
            return None
        return None

    # -- quotes
    def sentence_at(self, pos: int) -> dict | None:
        for s in self.sents:
            if s["start"] <= pos < s["end"]:
                return s
        return None

    def attribute_quotes(self) -> list[dict]:
        rows: list[dict] = []
        for q in self.quotes:
            s0 = self.sentence_at(q["start"])
            s1 = self.sentence_at(max(q["start"], q["end"] - 1)) or s0
            if s0 is None:
                continue
            before = [
                c
                for c in self.cues
                if c["sent"] is s0 and c["abs_end"] <= q["start"] and c["speaker"]
            ]
            cb = None
            if before:
                c = before[-1]
                gap = s0["text"][c["b"] : q["start"] - s0["start"]]
                gap = re.sub(r"^\s*[,:]", "", gap)  # "Kirby said: “…”", "Chang said, …"
                # "Boehner told Fox News Digital: “…”": a colon right before the quotation
                gap = re.sub(r":\s*$", "", gap) if s0["segment"] != "headline" else gap
                seps = r"[,;]" if s0["segment"] == "headline" else r"[,;:]"
                if not re.search(seps, gap):  # "Putin Threatens X: ‘…’"
                    cb = c
            after = [
                c
                for c in self.cues
                if c["sent"] is s1
                and c["abs_start"] >= q["end"]
                and c["speaker"] not in ("", "unattributed")
            ]
            ca = None
            if after:
                c = after[0]
                between = [o for o in self.quotes if q["end"] <= o["start"] < c["abs_start"]]
                if not between:
                    ca = c
            inner = q["text"].rstrip("”\"’'").rstrip()
            nxt = s1["text"][q["end"] - s1["start"] : q["end"] - s1["start"] + 1]
            trailing_comma = inner.endswith((",", "?", "!")) or nxt == ","
            participle = ca is not None and ca["form"].lower().endswith("ing")
            if trailing_comma and ca is not None and not (participle and cb is not None):
                cue, rule = ca, "cue_after"
            elif cb is not None:
                cue, rule = cb, "cue_before"
            elif ca is not None:
                cue, rule = ca, "cue_after"
            else:
                cue, rule = None, ""
            if cue is None and q.get("mark", "“") == "":
                cue = self.block_intro(s0)  # "… Pelosi wrote:" + a paragraph set off
                rule = "block_intro" if cue is not None else ""
            if cue is None and trailing_comma:
                cue = self.unresolved_pronoun_cue(q, s1)  # "“No,” she said." (no antecedent)
                rule = "cue_after" if cue is not None else ""
            if cue is not None:
                speaker, stext = cue["speaker"], cue["speaker_text"]
            else:
                speaker, stext = "unattributed", ""
                prev = rows[-1] if rows else None
                opens = s0["text"][: q["start"] - s0["start"]].strip() == ""
                if (
                    opens
                    and prev is not None
                    and prev["speaker"] != "unattributed"
                    and prev["segment"] == s0["segment"]
                    and 0 <= s0["paragraph"] - prev["_paragraph"] <= 1
                ):
                    speaker, stext, rule = prev["speaker"], prev["speaker_text"], "continuation"
                else:
                    acc = self.according_to(s0) or self.according_to(s1)
                    if acc:
                        speaker, stext, rule = acc[0], acc[1], "according_to"
                    else:
                        rule = "none"
            rows.append(
                {
                    "article_id": q["article_id"],
                    "sentence_id": s0["sentence_id"],
                    "kind": "quoted",
                    "start": q["start"],
                    "end": q["end"],
                    "speaker": speaker or "unattributed",
                    "verb": cue["verb"] if cue is not None else "",
                    "cue_start": cue["abs_start"] if cue is not None else -1,
                    "cue_end": cue["abs_end"] if cue is not None else -1,
                    "quote_span_id": q["quote_span_id"],
                    "segment": s0["segment"],
                    "speaker_text": stext,
                    "rule": rule,
                    "scare_quote": self.is_scare_quote(q, s0, rule),
                    "_paragraph": s1["paragraph"],
                }
            )
            if cue is not None:
                cue.setdefault("quotes", []).append(q["quote_span_id"])
                cue.setdefault("position", "after" if rule == "cue_after" else "before")
        return rows

    def unresolved_pronoun_cue(self, q: dict, s1: dict) -> dict | None:
        """A pronoun cue right after the quotation whose antecedent was not found.

        The quotation is still speech (not a scare quote); its speaker stays unresolved.
        """
        for c in self.cues:
            if c["sent"] is s1 and c["abs_start"] >= q["end"]:
                gap = s1["text"][q["end"] - s1["start"] : c["a"]]
                if c["speaker"] == "unattributed" and gap.strip(" ,").lower() in _PRONOUNS:
                    return c
                break
        return None

    def block_intro(self, s0: dict) -> dict | None:
        """The cue ending the sentence before ``s0`` in "… said:" (a block quote's intro)."""
        k = next((i for i, x in enumerate(self.sents) if x is s0), 0)
        if k == 0 or not self.sents[k - 1]["text"].rstrip().endswith(":"):
            return None
        prev = self.sents[k - 1]
        intro = [c for c in self.cues if c["sent"] is prev and c["speaker"]]
        return intro[-1] if intro else None

    def is_scare_quote(self, q: dict, s0: dict, rule: str) -> bool:
        """A scare quote: 1-3 quoted words with no speech verb, or after "so-called".

        It is the outlet's own word choice ("so-called ‘peace’", "in case of
        ‘aggression’"), not someone's speech.
        """
        if q.get("mark", "“") == "":
            return False
        inner = q["text"][1:-1] if q.get("closed", True) else q["text"][1:]
        n = len(_WORD.findall(inner))
        if not 1 <= n <= 3:
            return False
        before = s0["text"][: max(0, q["start"] - s0["start"])]
        return rule == "none" or bool(re.search(r"\bso-called\s*$", before, re.IGNORECASE))

    def according_to(self, s: dict) -> tuple[str, str] | None:
        m = re.search(r"\baccording to\s+", s["text"], re.IGNORECASE)
        if not m:
            return None
        end = _BOUNDARY.search(s["text"], m.end())
        stop = end.start() if end else len(s["text"])
        stop = min(stop, len(s["text"].rstrip('.!?”"’ ')))
        sp, st, _ = self.resolve_phrase(s, m.end(), stop, s["start"] + m.start())
        return (sp, st) if sp else None

    # -- reported clauses
    def reported(self) -> list[dict]:
        rows = []
        for c in self.cues:
            s, b = c["sent"], c["b"]
            text = s["text"]
            rest = text[b:]
            start = None
            m = re.match(r"((?:\s+[^\s,;:“”\"‘]+){0,6}?)\s+that\b\s*", rest)
            if m and not re.search(r"[“”\"]", m.group(1)):
                start, rule = b + m.end(), "that_clause"
            elif c["clause"] == "bare" and c.get("rule") != "inverted":  # not "said Putin"
                m2 = _SUBJECT_START.match(rest)
                first = _WORD.match(rest.lstrip())
                if (
                    m2
                    and rest[:1].isspace()
                    and first
                    and first.group().lower() not in _NOT_SUBJECT
                    and len(_WORD.findall(rest)) >= 3
                ):
                    start, rule = b + len(rest) - len(rest.lstrip()), "bare_clause"
            if start is None:
                continue
            end = len(text.rstrip())
            # a later cue after a comma or "and"/"but" is the narrator's next clause
            # ("…, threatening …", "… but claimed that …"): the reported clause ends there
            for o in self.cues:
                if o["sent"] is not s or o["a"] <= start:
                    continue
                join = _CLAUSE_JOIN.search(text[start : o["a"]])
                # a bare verb ("would violate … and threaten …") is coordinated inside the
                # reported clause, not the narrator's next clause
                if join and o["form"].lower() != o["verb"]:
                    end = start + join.start()
                    for q in self.quotes:  # keep a closing mark inside the join (",”")
                        if s["start"] + end < q["end"] <= s["start"] + o["a"]:
                            end = q["end"] - s["start"]
                    break
                if o.get("position") == "after":  # "…,” Hayashi said": ends at the quote
                    end = self.boundary_before(s, o["a"], [])
                    end = len(text[:end].rstrip(" ,"))
                    break
            if end <= start:
                continue
            rows.append(
                {
                    "article_id": s["article_id"],
                    "sentence_id": s["sentence_id"],
                    "kind": "reported",
                    "start": s["start"] + start,
                    "end": s["start"] + end,
                    "speaker": c["speaker"] or "unattributed",
                    "verb": c["verb"],
                    "cue_start": c["abs_start"],
                    "cue_end": c["abs_end"],
                    "quote_span_id": "",
                    "segment": s["segment"],
                    "speaker_text": c["speaker_text"],
                    "rule": rule,
                    "scare_quote": False,
                }
            )
            c.setdefault("position", "before")
            c["reported"] = True
        return rows

    # -- characterisations: "X condemned / described / saw Y as a threat"
    def as_clauses(self) -> list[dict]:
        """Reported rows for the complement of a characterisation verb + "as".

        "Seoul had previously condemned the deal *as a threat to its national
        security*", "he addressed those *as a threat*", "which some news outlets
        interpreted *as a threat*": the words after "as" are the subject's
        characterisation, so they are reported speech in the subject's voice, up to the
        next clause (", and …") or the sentence end. The verbs are the reporting verbs
        that mark characterisation plus the ``as_verbs`` of the verb lexicon (address,
        interpret, see, view, regard …), which are not counted as reporting verbs.
        """
        rows: list[dict] = []
        as_re = getattr(self, "as_re", None)
        if as_re is None:
            return rows
        cue_at = {(id(c["sent"]), c["a"]): c for c in self.cues}
        for s in self.sents:
            if s["segment"] == "byline":
                continue
            text = s["text"]
            for hit in as_re.finditer(text):
                a, b = hit.start(), hit.end()
                if self.in_quote(s["start"] + a, s["start"] + b) or _NOUN_BEFORE.search(text[:a]):
                    continue
                m = _AS_COMPLEMENT.match(text, b)
                if not m or _BOUNDARY.search(m.group(1)) or re.search(r"[”\"’]", m.group(1)):
                    continue
                start = m.end()
                stop = _AS_END.search(text, start)
                end = stop.start() if stop else len(text.rstrip())
                for o in self.cues:  # "… as the 'dearest friend' and said …": next clause
                    if o["sent"] is s and start < o["a"] < end:
                        join = _CLAUSE_JOIN.search(text[start : o["a"]])
                        if join:
                            end = start + join.start()
                            break
                if end <= start or self.in_quote(s["start"] + start, s["start"] + end):
                    continue
                cue = cue_at.get((id(s), a))
                if cue is None:
                    form = re.sub(r"\s+", " ", hit.group().lower())
                    cue = {
                        "sent": s,
                        "a": a,
                        "b": b,
                        "abs_start": s["start"] + a,
                        "abs_end": s["start"] + b,
                        "form": hit.group(),
                        "verb": self.as_forms[form],
                        "speaker": "",
                        "speaker_text": "",
                        "rule": "",
                    }
                    self.attribute_cue(
                        cue, [c for c in self.cues if c["abs_start"] < s["start"] + a]
                    )
                else:
                    cue["reported"] = True
                    cue.setdefault("position", "before")
                rows.append(
                    {
                        "article_id": s["article_id"],
                        "sentence_id": s["sentence_id"],
                        "kind": "reported",
                        "start": s["start"] + start,
                        "end": s["start"] + end,
                        "speaker": cue["speaker"] or "unattributed",
                        "verb": cue["verb"],
                        "cue_start": cue["abs_start"],
                        "cue_end": cue["abs_end"],
                        "quote_span_id": "",
                        "segment": s["segment"],
                        "speaker_text": cue["speaker_text"],
                        "rule": "as_clause",
                        "scare_quote": False,
                    }
                )
        return rows


_DATELINE = re.compile(r"[A-Z][A-Z .'’\-]+(?:,[^\-—–(\n]{0,30})?\s*(?:\([^)]{1,30}\)\s*)?[\-—–]\s+")


def _reported_before_cue(art: _Article) -> list[dict]:
    """Reported speech before its cue: "Talks will resume next week, a senior official said."

    The clause from the sentence start to the comma before a cue whose speaker resolved
    ("…, Putin told reporters", "…, said Senator Chuck Schumer") is that speaker's, when
    it holds at least four words, does not open with a quotation mark and no other cue
    stands in it. Quotations inside it keep their own rows (and win in ``voice_at``).
    """
    rows = []
    for c in art.cues:
        s, a = c["sent"], c["a"]
        text = s["text"]
        if c["speaker"] in ("", "unattributed") or c.get("reported"):
            continue
        lo = a if c.get("rule") == "inverted" else art.boundary_before(s, a, [])
        head = text[:lo].rstrip()
        if not head.endswith(",") or text[lo:a].strip() == "" and c.get("rule") != "inverted":
            continue
        if re.match(r"[^.!?]*:\s*$", text[c["b"] :]) or re.match(r"\s+to\s", text[c["b"] :]):
            continue  # "… Sybiha wrote:" / "… have threatened to …": the speech follows
        end = len(head) - 1
        start = len(text) - len(text.lstrip())
        dateline = _DATELINE.match(text, start)  # "KYIV, March 3 (Reuters) - "
        start = dateline.end() if dateline else start
        first = _WORD.match(text, start)
        if first and re.fullmatch(_BOUNDARY_WORDS, first.group().lower()):
            continue  # "While the loudspeaker has played only once, officials …"
        if first and (first.group().lower() in _NOT_SUBJECT or first.group().endswith("ing")):
            comma = text.find(",", start, end)  # "In a separate incident, troops …"
            if comma < 0:
                continue  # only an adverbial ("In a letter to the UN, X wrote")
            start = comma + 1 + len(text[comma + 1 :]) - len(text[comma + 1 :].lstrip())
        clause = text[start:end]
        if clause[:1] in ('"', "“", "‘", "'") or len(_WORD.findall(clause)) < 4:
            continue
        if any(
            o is not c and o["sent"] is s and o["a"] < end and o["speaker"] != "unattributed"
            for o in art.cues
        ):
            continue  # another speaker's cue inside ("Tokyo said it was …, X said")
        if re.match(r"\s*(?:\S+\s+){0,6}?that\b", text[c["b"] :]):
            continue  # "…, Putin said that …": the clause follows the cue
        rows.append(
            {
                "article_id": s["article_id"],
                "sentence_id": s["sentence_id"],
                "kind": "reported",
                "start": s["start"] + start,
                "end": s["start"] + end,
                "speaker": c["speaker"],
                "verb": c["verb"],
                "cue_start": c["abs_start"],
                "cue_end": c["abs_end"],
                "quote_span_id": "",
                "segment": s["segment"],
                "speaker_text": c["speaker_text"],
                "rule": "clause_before_cue",
                "scare_quote": False,
            }
        )
        c.setdefault("position", "after")
        c["reported"] = True
    return rows


def _articles(sentences, quote_spans, mentions, actors, verbs):
    actors = load_actors() if actors is None else actors
    verbs = load_reporting_verbs() if verbs is None else verbs
    kinds = dict(zip(actors["actor"], actors["kind"], strict=True))
    genders = (
        dict(zip(actors["actor"], actors["gender"], strict=True)) if "gender" in actors else {}
    )
    verbs_re, forms = _verb_matcher(verbs)
    dem_re, dems = _demonym_matcher(actors)
    as_forms = verbs.attrs.get("as_verbs")
    if as_forms is None:  # a verb table made by hand: the shipped characterisation verbs
        as_forms = load_reporting_verbs().attrs["as_verbs"]
    as_re = None
    if as_forms:
        body = "|".join(
            r"\s+".join(re.escape(w) for w in f.split())
            for f in sorted(as_forms, key=len, reverse=True)
        )
        as_re = re.compile(rf"(?<![\w\-’'])(?:{body})(?![\w\-])", re.IGNORECASE)
    sents = sentences.sort_values(["article_id", "start", "end"], kind="stable").to_dict("records")
    quotes = (
        quote_spans.sort_values(["article_id", "start", "end"], kind="stable").to_dict("records")
        if len(quote_spans)
        else []
    )
    ments = (
        mentions.sort_values(["article_id", "start", "end", "actor"], kind="stable").to_dict(
            "records"
        )
        if len(mentions)
        else []
    )
    by = {}
    for s in sents:
        by.setdefault(s["article_id"], ([], [], []))[0].append(s)
    for q in quotes:
        by.setdefault(q["article_id"], ([], [], []))[1].append(q)
    for m in ments:
        by.setdefault(m["article_id"], ([], [], []))[2].append(m)
    for aid in sorted(by):
        ss, qs, ms = by[aid]
        art = _Article(ss, qs, ms, kinds, verbs_re, forms, dem_re, dems, genders)
        art.as_re, art.as_forms = as_re, as_forms
        art.find_cues()
        yield aid, art


def speech_and_cues(
    sentences: pd.DataFrame,
    quote_spans: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    verbs: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``speech`` table and the reporting cues, from one pass over the articles.

    Args:
        sentences: sentences table (``article_id, sentence_id, segment, paragraph,
            start, end, text``).
        quote_spans: quotation spans (``article_id, quote_span_id, start, end, text``).
        mentions: :func:`analysis.actors.actor_mentions` output.
        actors: actor list (kinds and demonyms); default: the shipped list.
        verbs: :func:`load_reporting_verbs` table; default: the shipped list.

    Returns:
        ``(speech, cues)``: see :func:`speech_spans` and :func:`reporting_cues`.
    """
    actors = load_actors() if actors is None else actors
    actor_ids = set(actors["actor"])
    rows, cues = [], []
    for _aid, art in _articles(sentences, quote_spans, mentions, actors, verbs):
        rows += art.attribute_quotes() + art.reported() + art.as_clauses()
        rows += _reported_before_cue(art)
        cues += [_cue_row(c) for c in art.cues]
    for r in rows:
        r["speaker_id"], r["speaker_kind"] = speaker_identity(
            r["speaker"], r["speaker_text"], actor_ids
        )
    df = pd.DataFrame(rows, columns=SPEECH_COLUMNS)
    df["scare_quote"] = df["scare_quote"].fillna(False).astype(bool)
    if len(df):
        df = df.sort_values(
            ["article_id", "start", "kind", "cue_start", "end"], kind="stable"
        ).reset_index(drop=True)
        df["speech_id"] = [
            f"{a}-sp{n:03d}"
            for a, n in zip(df["article_id"], df.groupby("article_id").cumcount() + 1, strict=True)
        ]
    df.attrs.update(
        {
            "verbs": "analysis/lexicons/reporting_verbs.yaml"
            if verbs is None
            else verbs.attrs.get("path", "")
        }
    )
    return df, pd.DataFrame(cues, columns=CUE_COLUMNS + ["position", "n_quotes", "reported"])


def speaker_identity(speaker: str, speaker_text: str, actor_ids: set) -> tuple[str, str]:
    """``(speaker_id, speaker_kind)`` of a resolved speaker and its phrase as written.

    Args:
        speaker: actor id, normalised name, ``anonymous`` or ``unattributed``.
        speaker_text: the speaker phrase as written ("he", "a senior official").
        actor_ids: ids of the actor list.

    Returns:
        The actor id or normalised name or role (empty when unresolved), and one of
        :data:`SPEAKER_KINDS`.
    """
    text = speaker_text if isinstance(speaker_text, str) else ""
    pronoun = text.strip().lower() in _PRONOUNS
    if speaker in ("", "unattributed") or not isinstance(speaker, str):
        return "", "unresolved"
    if speaker == "anonymous":
        if pronoun:
            return "anonymous", "pronoun"
        words = [w.lower() for w in _WORD.findall(text)]
        while words and words[0] in ("a", "an", "the", "some"):
            words = words[1:]
        return role_phrase(words) or " ".join(words) or "anonymous", "role"
    if pronoun:
        return speaker, "pronoun"
    return speaker, "actor" if speaker in actor_ids else "named"


def _cue_row(c: dict) -> dict:
    s = c["sent"]
    return {
        "article_id": s["article_id"],
        "sentence_id": s["sentence_id"],
        "segment": s["segment"],
        "paragraph": s.get("paragraph"),
        "start": c["abs_start"],
        "end": c["abs_end"],
        "form": c["form"],
        "verb": c["verb"],
        "stance": c["stance"],
        "speaker": c["speaker"],
        "speaker_text": c["speaker_text"],
        "rule": c["rule"],
        "position": c.get("position", "before"),
        "n_quotes": len(c.get("quotes", [])),
        "reported": bool(c.get("reported", False)),
    }


def speech_spans(sentences, quote_spans, mentions, *, actors=None, verbs=None) -> pd.DataFrame:
    """One row per quoted or reported stretch of text, with its speaker.

    Arguments as in :func:`speech_and_cues`.

    Returns:
        Columns ``article_id, sentence_id, speech_id, kind, start, end, speaker, verb,
        cue_start, cue_end, quote_span_id, segment, speaker_text, rule`` (see
        ``TABLES["speech"]``), sorted by article and start.
    """
    return speech_and_cues(sentences, quote_spans, mentions, actors=actors, verbs=verbs)[0]


def reporting_cues(sentences, quote_spans, mentions, *, actors=None, verbs=None) -> pd.DataFrame:
    """Every reporting-verb cue with its resolved speaker and what it introduces.

    Arguments as in :func:`speech_and_cues`.

    Returns:
        Columns ``article_id, sentence_id, segment, paragraph, start, end, form, verb,
        stance, speaker, speaker_text, rule, position, n_quotes, reported`` where
        ``position`` is ``before`` ("Putin warned that …", "Putin warns South Korea")
        or ``after`` ("“…,” Putin said") relative to the speech it introduces, and
        ``n_quotes``/``reported`` say which speech it introduces.
    """
    return speech_and_cues(sentences, quote_spans, mentions, actors=actors, verbs=verbs)[1]


class SpeechIndex:
    """The ``speech`` table indexed per article and kind, for many :func:`voice_at` calls.

    Built once (one pass over the table), each look-up is a bisection over the spans of
    one article instead of a filter over the whole table.
    """

    def __init__(self, speech: pd.DataFrame):
        spans: dict[tuple[str, str], list[tuple]] = {}
        cols = [speech[c].tolist() for c in ("article_id", "kind", "start", "end", "speaker")]
        cue = speech["cue_start"].tolist() if "cue_start" in speech.columns else [-1] * len(speech)
        scare = speech["scare_quote"].tolist() if "scare_quote" in speech else [False] * len(speech)
        self._scare: dict[str, list[tuple[int, int]]] = {}
        for order, (aid, kind, start, end, speaker, cs) in enumerate(zip(*cols, cue, strict=True)):
            if scare[order]:  # a scare quote is the outlet's own word choice
                self._scare.setdefault(aid, []).append((start, end))
                continue
            # a full key, so that the row order of the table never matters: on a tie of
            # start, the later cue, then the shorter (inner) span, then the speaker id wins
            spans.setdefault((aid, kind), []).append(
                (int(start), (int(cs), -int(end), str(speaker)), int(end), speaker)
            )
        self._starts: dict[tuple[str, str], list] = {}
        self._spans: dict[tuple[str, str], list] = {}
        for key, rows in spans.items():
            rows.sort(key=lambda r: (r[0], r[1]))
            self._spans[key] = rows
            self._starts[key] = [r[0] for r in rows]

    def voice(self, article_id: str, start: int, end: int) -> tuple[str, str]:
        """See :func:`voice_at`."""
        if any(a <= start and end <= b for a, b in self._scare.get(article_id, ())):
            return "authorial", ""
        for kind in ("quoted", "reported"):
            key = (article_id, kind)
            rows = self._spans.get(key)
            if not rows:
                continue
            # spans starting at or before `start`, latest (innermost) first
            for i in range(bisect.bisect_right(self._starts[key], start) - 1, -1, -1):
                if rows[i][2] >= end:
                    return kind, str(rows[i][3])
        return "authorial", ""


def scare_quote_at(speech: pd.DataFrame):
    """A function ``(article_id, start, end) -> bool``: does the range lie in a scare quote?

    Args:
        speech: the ``speech`` table (rows with ``scare_quote`` True are scare quotes).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    if "scare_quote" in speech:
        sq = speech[speech["scare_quote"].astype(bool)]
        for aid, a, b in zip(sq["article_id"], sq["start"], sq["end"], strict=True):
            spans.setdefault(aid, []).append((int(a), int(b)))

    def inside(article_id: str, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in spans.get(article_id, ()))

    return inside


def voice_at(
    speech: pd.DataFrame | SpeechIndex, article_id: str, start: int, end: int
) -> tuple[str, str]:
    """Voice of the raw text range ``[start, end)`` of one article.

    Args:
        speech: the ``speech`` table, or a :class:`SpeechIndex` of it (much faster when
            asking about many ranges).
        article_id: article of the range.
        start, end: raw offsets of the range.

    Returns:
        ``("authorial", "")`` inside a scare quote (the outlet's own word choice, even
        within a reported clause), else ``("quoted", speaker)`` if the range lies inside a
        quotation, else
        ``("reported", speaker)`` if inside a reported clause (the innermost one: the
        latest start; on a tie the later cue, then the shorter span, then the last
        speaker id, so the table's row order never matters), else ``("authorial", "")``.
    """
    index = speech if isinstance(speech, SpeechIndex) else SpeechIndex(speech)
    return index.voice(article_id, start, end)


# --------------------------------------------------------------------------- pipeline
def actors_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: actor mentions (with voice) and speech spans.

    Reads ``ctx.options["actors"]`` (a user actor list, ``--actors FILE``) when given.
    Also puts the actor list itself into ``ctx.tables["_actors"]`` (not written) for
    later steps (loaded-term targets, actor-targeted sentiment).
    """
    from .actors import actor_mentions

    actors = load_actors(ctx.options.get("actors") or None)
    sentences = ctx.tables["sentences"]
    mentions = actor_mentions(sentences, actors)
    speech, cues = speech_and_cues(sentences, ctx.tables["quote_spans"], mentions, actors=actors)
    raw = ctx.raw
    outlets = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    speech["text"] = [
        raw[a][s:e]
        for a, s, e in zip(speech["article_id"], speech["start"], speech["end"], strict=True)
    ]
    speech["outlet"] = speech["article_id"].map(outlets)
    index = SpeechIndex(speech)
    voices = [
        index.voice(a, s, e)
        for a, s, e in zip(mentions["article_id"], mentions["start"], mentions["end"], strict=True)
    ]
    mentions["voice"] = [v for v, _ in voices]
    mentions["speaker"] = [sp for _, sp in voices]
    text = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    mentions["sentence"] = mentions["sentence_id"].map(text)
    return {"_actors": actors, "_cues": cues, "actor_mentions": mentions, "speech": speech}


# --------------------------------------------------------------------------- verb tables

TABLES["reporting_verbs"] = {
    "description": "One row per reporting or stance verb attributed to a speaker in the "
    "headline or body (both orders: 'Putin warned …' and '…, Putin said'), lemmatised "
    "through analysis/lexicons/reporting_verbs.yaml.",
    "columns": {
        "article_id": "article id",
        "outlet": "outlet name",
        "sentence_id": "sentence of the verb",
        "segment": "headline or body",
        "start": "raw offset of the verb",
        "end": "end offset of the verb (raw[start:end] == form)",
        "form": "the verb as written ('Threatens', 'told', 'pointed out')",
        "verb": "lemma ('threaten', 'tell', 'point out')",
        "stance": "neutral, marked or charged (see the lexicon)",
        "speaker": "actor id, anonymous or unattributed",
        "speaker_side": "side of the speaker (from the actor list; unlisted for a named "
        "speaker not on it)",
        "speaker_text": "the speaker phrase as written",
        "position": "before: the verb precedes what it introduces ('Putin warned that …', "
        "headline 'Putin warns …'); after: it follows a quotation ('“…,” Putin said')",
        "introduces": "quote, reported, quote+reported or none (a stance verb with an "
        "object, e.g. 'warns South Korea against …')",
        "sentence": "text of the sentence (evidence)",
    },
}
TABLES["headline_verbs"] = {
    "description": "One row per article: the reporting verb of its headline (empty when the "
    "headline has none or the file has no headline).",
    "columns": {
        "article_id": "article id",
        "outlet": "outlet name",
        "headline": "headline text as found by segmentation; empty if the file has none",
        "form": "the verb as written",
        "verb": "lemma",
        "stance": "neutral, marked or charged",
        "speaker": "speaker of the verb",
        "start": "raw offset of the verb, -1 if none",
        "end": "end offset, -1 if none",
        "note": "why the row is empty, if it is",
    },
}


def reporting_verbs(
    cues: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    actors: pd.DataFrame | None = None,
    segments: tuple[str, ...] = BODY_SEGMENTS,
) -> pd.DataFrame:
    """Reporting verbs attributed to a speaker, one row per verb (evidence table).

    A cue is kept when its speaker resolved (an actor or ``anonymous``) or when it
    introduces a quotation or a reported clause.

    Args:
        cues: :func:`reporting_cues` output.
        sentences: sentences table (outlet, sentence text).
        actors: actor list for ``speaker_side``.
        segments: segments counted (default headline and body).

    Returns:
        Columns as in ``TABLES["reporting_verbs"]``.
    """
    actors = load_actors() if actors is None else actors
    from .actors import actor_sides, side_of

    sides = actor_sides(actors)
    cols = list(TABLES["reporting_verbs"]["columns"])
    bad = [s for s in segments if not isinstance(s, str)]
    if bad:
        raise ValueError(f"segments must be segment names, got {bad}")
    c = cues[cues["segment"].isin(segments)].copy()
    keep = (c["speaker"] != "unattributed") | (c["n_quotes"] > 0) | c["reported"]
    c = c[keep]
    text = dict(zip(sentences["sentence_id"], sentences["text"], strict=True))
    outlet = dict(zip(sentences["article_id"], sentences["outlet"], strict=False))
    c["outlet"] = c["article_id"].map(outlet)
    c["speaker_side"] = [side_of(sides, x) for x in c["speaker"]]
    c["introduces"] = [
        "+".join(k for k, on in (("quote", q > 0), ("reported", r)) if on) or "none"
        for q, r in zip(c["n_quotes"], c["reported"], strict=True)
    ]
    c["sentence"] = c["sentence_id"].map(text)
    out = c[cols].reset_index(drop=True)
    out.attrs.update({"segments": list(segments)})
    return out


def headline_verbs(verbs: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The first reporting verb of each article's headline (a headline result).

    Args:
        verbs: :func:`reporting_verbs` output.
        articles: the articles table (``article_id, outlet, headline``).
    """
    rows = []
    heads = verbs[verbs["segment"] == "headline"]
    by_article = dict(tuple(heads.groupby("article_id", sort=False)))
    for a in articles.sort_values("article_id").itertuples(index=False):
        h = by_article.get(a.article_id, heads.iloc[0:0])
        h = h.sort_values(["start", "end"], kind="stable")
        row = {"article_id": a.article_id, "outlet": a.outlet, "headline": a.headline or ""}
        if len(h):
            v = h.iloc[0]
            row.update(form=v["form"], verb=v["verb"], stance=v["stance"],
                       speaker=v["speaker"], start=int(v["start"]), end=int(v["end"]), note="")  # fmt: skip
        else:
            row.update(form="", verb="", stance="", speaker="", start=-1, end=-1,
                       note="no headline in the file" if not a.headline else "no reporting verb in the headline")  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=list(TABLES["headline_verbs"]["columns"]))


STANCE_COLORS = {"neutral": "#56B4E9", "marked": "#E69F00", "charged": "#D55E00"}
"""Okabe-Ito colours for the three verb stances (light blue, orange, vermillion)."""


def verb_counts(verbs: pd.DataFrame, *, speaker: str = "putin") -> pd.DataFrame:
    """Counts of each verb lemma per outlet for one speaker (the figure's table).

    Returns:
        Columns ``outlet, verb, stance, n, n_outlet, in_headline`` (``n_outlet`` = all
        verbs for the speaker in that outlet; ``in_headline`` = the verb is used in the
        headline).
    """
    v = verbs[verbs["speaker"] == speaker]
    g = v.groupby(["outlet", "verb", "stance"], sort=False).agg(
        n=("verb", "size"), in_headline=("segment", lambda s: bool((s == "headline").any()))
    )
    g = g.reset_index()
    g["n_outlet"] = g.groupby("outlet")["n"].transform("sum")
    order = {s: i for i, s in enumerate(STANCES)}
    g["_o"] = g["stance"].map(order)
    g = g.sort_values(["outlet", "_o", "n", "verb"], ascending=[True, True, False, True])
    out = g.drop(columns="_o").reset_index(drop=True)
    out.attrs.update({"speaker": speaker})
    return out[["outlet", "verb", "stance", "n", "n_outlet", "in_headline"]]


def plot_reporting_verbs(
    counts: pd.DataFrame,
    *,
    outlets: list[str] | None = None,
    speaker: str = "putin",
    fig_id: str = "reporting-verbs-putin",
    save: bool = True,
):
    """Stacked bars of verb stance per outlet for one speaker, verbs listed beside.

    Each bar counts the verbs attributed to the speaker by stance (neutral / marked /
    charged); the text to its right lists the verbs with their counts, a star marking
    the headline verb.

    Args:
        counts: :func:`verb_counts` output.
        outlets: outlet order (default: canonical order from the figures module).
        speaker: the speaker shown (for the caption).
        fig_id: figure id.
        save: save through :func:`analysis.figures.save_figure`.
    """
    import textwrap

    import matplotlib.pyplot as plt

    from .figures import outlet_order, save_figure, style

    style()
    who = speaker.replace("_", " ").title()  # "putin" -> "Putin", "kim_jong_un" -> "Kim Jong Un"
    order = outlets or [o for o in outlet_order() if o in set(counts["outlet"])]
    order += [o for o in dict.fromkeys(counts["outlet"]) if o not in order]
    # one report column (760 px) with the verb list beside the bars
    fig, ax = plt.subplots(figsize=(4.6, 0.6 * max(len(order), 2) + 1.2))
    xmax = max(counts.groupby("outlet")["n"].sum().max(), 1) if len(counts) else 1
    for i, o in enumerate(order):
        c = counts[counts["outlet"] == o]
        left = 0
        for st in STANCES:
            n = int(c.loc[c["stance"] == st, "n"].sum())
            if n:
                ax.barh(i, n, left=left, color=STANCE_COLORS[st], edgecolor="white",
                        label=st if i == 0 or st not in ax.get_legend_handles_labels()[1] else None)  # fmt: skip
                ax.text(left + n / 2, i, str(n), ha="center", va="center", fontsize=7)
                left += n
        verbs_txt = ", ".join(
            f"{r.verb}{'*' if r.in_headline else ''} {r.n}" for r in c.itertuples(index=False)
        )
        verbs_txt = "\n".join(textwrap.wrap(verbs_txt, 38))
        ax.text(left + xmax * 0.02, i, verbs_txt, va="center", fontsize=7, clip_on=False)
    ax.set_xlim(0, xmax * 1.05)
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    ax.set_xlabel(f"verbs attributed to {who} (count, headline + body)")
    handles, labels = ax.get_legend_handles_labels()
    uniq = dict(zip(labels, handles, strict=True))
    ax.legend(
        [uniq[s] for s in STANCES if s in uniq],
        [s for s in STANCES if s in uniq],
        ncol=3,
        fontsize=7,
        loc="lower center",
        bbox_to_anchor=(0.3, 1.0),
    )
    ax.set_title(f"Verbs that frame what {who} said (* = headline verb)", pad=22)
    if save:
        save_figure(
            fig,
            fig_id,
            caption=(
                f"Reporting verbs attributed to {who} per outlet, headline and body, "
                "coloured by stance (neutral: say, tell; marked: warn, caution; charged: "
                "threaten, claim). * marks the headline verb. Counts are small: one "
                "article per outlet."
            ),
            table=counts,
            source="reporting_verbs",
        )
    return ax
