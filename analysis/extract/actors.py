"""Actors: the versioned actor list and every mention of an actor, with its descriptor.

The actor list (``analysis/lexicons/actors.yaml``, or a user file given with
``--actors FILE``) names each actor once with its aliases. :func:`actor_mentions` finds
them in the sentences table, resolves in-event descriptions ("the Kremlin chief" ->
``putin``) and ambiguous surnames ("Kim" -> the Kim named in full most recently), and
extracts the *descriptor*: the labelling words in the same noun phrase or apposition
("Russian strongman Vladimir Putin", "the country's leader, Kim Jong Un").

Naming and labelling are studied as a form of media bias ("labelling and word choice")
by Hamborg, Donnay and Gipp (2019).

References:
    Hamborg, F., Donnay, K., & Gipp, B. (2019). Automated identification of media bias
    in news articles: an interdisciplinary literature review. International Journal on
    Digital Libraries, 20(4), 391-415.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import read_yaml
from analysis.paths import LEXICON_DIR
from analysis.stats import clopper_pearson
from analysis.text.segment import BODY_SEGMENTS

LEXICONS = LEXICON_DIR
ACTORS_FILE = LEXICONS / "actors.yaml"
DESCRIPTORS_FILE = LEXICONS / "descriptors.yaml"

KINDS = ("person", "state", "institution")
GENDERS = ("male", "female")
_REQUIRED = ("id", "name", "kind", "side", "aliases", "note")
_OPTIONAL = ("descriptions", "demonyms", "gender")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

ACTOR_COLUMNS = [
    "actor",
    "name",
    "kind",
    "side",
    "aliases",
    "descriptions",
    "demonyms",
    "gender",
    "note",
]

MENTION_COLUMNS = [
    "article_id",
    "outlet",
    "sentence_id",
    "segment",
    "actor",
    "mention",
    "descriptor",
    "start",
    "end",
    "match",
    "descriptor_start",
    "descriptor_end",
]

TABLES = {
    "actor_mentions": {
        "description": "One row per mention of an actor (name, alias, in-event description or "
        "resolved surname) in any segment, with the labelling words around it and the voice "
        "of the text it sits in.",
        "columns": {
            "article_id": "article id",
            "outlet": "outlet name",
            "sentence_id": "sentence containing the mention",
            "segment": "segment label of the sentence (headline, body, caption, ...)",
            "actor": "actor id from the actor list",
            "mention": "the text as written (raw[start:end])",
            "descriptor": "labelling words in the same noun phrase or apposition, e.g. "
            "'Russian strongman', 'the country's leader'; empty if none",
            "start": "character offset of the mention in the raw file",
            "end": "end offset (exclusive) in the raw file",
            "match": "how it matched: name (alias), description (in-event description) or "
            "surname (ambiguous surname resolved by the latest full name)",
            "descriptor_start": "raw offset where the descriptor starts (-1 if none)",
            "descriptor_end": "raw offset where it ends (-1 if none); the descriptor comes "
            "before the name, or after it in an apposition ('Yoon, a hardline "
            "conservative,')",
            "voice": "authorial, quoted or reported (analysis.extract.attribution.voice_at)",
            "speaker": "speaker of the quoted or reported text the mention sits in; empty "
            "when authorial",
            "sentence": "text of the sentence (evidence)",
        },
    },
}


# --------------------------------------------------------------------------- loading
def _str_list(path, entry, key, value, *, required):
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        raise InputError(path, f"'{key}' must be a non-empty list of strings", entry=entry)
    out = []
    for v in value:
        if not isinstance(v, str) or not v.strip():
            raise InputError(path, f"'{key}' has an empty or non-text item {v!r}", entry=entry)
        out.append(" ".join(v.split()))
    return out


def load_actors(path: str | Path | None = None) -> pd.DataFrame:
    """Load and validate an actor list.

    Args:
        path: a YAML file with a top-level ``actors:`` list (see
            ``analysis/lexicons/actors.yaml``); default: the shipped list.

    Returns:
        One row per actor: ``actor`` (id), ``name``, ``kind`` (person/state/institution),
        ``side``, ``aliases`` (list), ``descriptions`` (list), ``demonyms`` (list),
        ``gender`` (``male``/``female`` for people, empty if not given; pronoun
        speakers "he"/"she" resolve only to a compatible actor), ``note``. ``attrs`` holds ``path`` and ``version``.

    Raises:
        InputError: naming the file, the entry and the problem (missing or unknown
            field, bad id, duplicate id, unknown kind, empty alias, alias shared by two
            actors other than a one-word surname of two people, ...).
    """
    path = Path(path) if path is not None else ACTORS_FILE
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise InputError(path, "expected a mapping with an 'actors:' list")
    if not data["actors"]:
        raise InputError(path, "the 'actors:' list is empty")
    rows, seen = [], {}
    for i, item in enumerate(data["actors"], 1):
        entry = item.get("id") if isinstance(item, dict) else None
        entry = str(entry) if entry is not None else f"#{i}"
        if not isinstance(item, dict):
            raise InputError(path, "each actor must be a mapping of fields", entry=entry)
        missing = [k for k in _REQUIRED if k not in item]
        if missing:
            raise InputError(path, f"missing field(s) {', '.join(missing)}", entry=entry)
        unknown = sorted(set(item) - set(_REQUIRED) - set(_OPTIONAL))
        if unknown:
            raise InputError(
                path,
                f"unknown field(s) {', '.join(unknown)}; valid: {', '.join(_REQUIRED + _OPTIONAL)}",
                entry=entry,
            )
        aid = item["id"]
        if not isinstance(aid, str) or not _ID.match(aid):
            raise InputError(path, "id must be snake_case ([a-z][a-z0-9_]*)", entry=entry)
        if aid in seen:
            raise InputError(path, "duplicate id", entry=entry)
        seen[aid] = True
        if item["kind"] not in KINDS:
            raise InputError(
                path, f"kind {item['kind']!r} is not one of {', '.join(KINDS)}", entry=entry
            )
        for key in ("name", "side", "note"):
            if not isinstance(item[key], str) or not item[key].strip():
                raise InputError(path, f"'{key}' must be non-empty text", entry=entry)
        gender = item.get("gender")
        if gender is not None and (gender not in GENDERS or item["kind"] != "person"):
            raise InputError(
                path,
                f"gender {gender!r} must be one of {', '.join(GENDERS)} and only for a person",
                entry=entry,
            )
        rows.append(
            {
                "actor": aid,
                "name": item["name"].strip(),
                "kind": item["kind"],
                "side": item["side"].strip(),
                "aliases": _str_list(path, entry, "aliases", item["aliases"], required=True),
                "descriptions": _str_list(
                    path, entry, "descriptions", item.get("descriptions"), required=False
                ),
                "demonyms": _str_list(
                    path, entry, "demonyms", item.get("demonyms"), required=False
                ),
                "gender": gender or "",
                "note": item["note"].strip(),
            }
        )
    owners: dict[str, list[dict]] = {}
    for r in rows:
        for a in r["aliases"]:
            owners.setdefault(_separators_as_spaces(a), []).append(r)
        for d in r["descriptions"]:
            owners.setdefault(_separators_as_spaces(d).lower(), []).append(r)
    for alias, rs in owners.items():
        ids = sorted({r["actor"] for r in rs})
        if len(ids) > 1 and not (" " not in alias and all(r["kind"] == "person" for r in rs)):
            raise InputError(
                path,
                f"alias {alias!r} is shared by {', '.join(ids)}; only a one-word surname "
                "of two people may be shared",
                entry=ids[1],
            )
    df = pd.DataFrame(rows, columns=ACTOR_COLUMNS)
    shown = "analysis/lexicons/actors.yaml" if path == ACTORS_FILE else str(path)
    df.attrs.update({"path": shown, "version": data.get("version")})
    return df


def load_descriptor_words(path: str | Path | None = None) -> tuple[frozenset, frozenset]:
    """Role nouns and label words used to delimit descriptors (``descriptors.yaml``)."""
    path = Path(path) if path is not None else DESCRIPTORS_FILE
    data = read_yaml(path)
    out = []
    for key in ("role_nouns", "label_words"):
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            raise InputError(path, f"missing or empty '{key}' list")
        words = []
        for it in items:
            if not isinstance(it, dict) or not it.get("word") or not it.get("note"):
                raise InputError(path, "each item needs 'word' and 'note'", entry=str(it))
            words.append(str(it["word"]).lower())
        out.append(frozenset(words))
    return out[0], out[1]


# --------------------------------------------------------------------------- matching
_SEP = r"[\s\-\u2010\u2011]+"


def _separators_as_spaces(text: str) -> str:
    return re.sub(_SEP, " ", text).strip()


def _alias_regex(alias: str) -> str:
    return _SEP.join(re.escape(t) for t in _separators_as_spaces(alias).split(" "))


@dataclass(frozen=True)
class _Matcher:
    regex: re.Pattern
    names: dict  # normalised alias -> tuple of actor ids
    descriptions: dict  # normalised lower-case description -> actor id
    kinds: dict  # actor id -> kind


def _matcher(actors: pd.DataFrame) -> _Matcher:
    names: dict[str, tuple] = {}
    descs: dict[str, str] = {}
    pats: list[tuple[int, str]] = []
    for r in actors.itertuples(index=False):
        for a in r.aliases:
            key = _separators_as_spaces(a)
            names[key] = tuple(sorted(set(names.get(key, ())) | {r.actor}))
            pats.append((len(key), _alias_regex(a)))
        for d in r.descriptions:
            descs[_separators_as_spaces(d).lower()] = r.actor
            pats.append((len(d), f"(?i:{_alias_regex(d)})"))
    pats.sort(key=lambda p: -p[0])
    body = "|".join(p for _, p in dict.fromkeys(pats))
    regex = re.compile(rf"(?<![\w])(?:{body})(?![\w])")
    return _Matcher(regex, names, descs, dict(zip(actors["actor"], actors["kind"], strict=True)))


# --------------------------------------------------------------------------- descriptors
_TOKEN = re.compile(r"[^\W\d_][\w.\-\u2010\u2011]*(?:['’]s)?|\d[\w.,]*|[^\w\s]")
_DETERMINERS = {"the", "a", "an"}
STOP_WORDS = frozenset(
    """
    in on at to from with by for of about against between among after before during
    following over under into onto via than as like since until while without within
    toward towards upon including and or but nor so yet because if that which who whom
    whose where when although though whether he she it they we i you his her its their
    our my your him them us me this these those is was were are be been being has have
    had will would could should may might can did does do not no also then there here
    said says told tells according meanwhile however while shortly early late last next
    both either neither all any some each every
    """.split()
)


def _descriptor(
    text: str, start: int, *, kind: str, roles: frozenset, labels: frozenset
) -> tuple[str, int]:
    """Labelling words before a name in the same noun phrase or in an apposition.

    Returns:
        ``(descriptor, offset of its first character in text)``; ``("", -1)`` if none.
    """
    left = text[:start]
    tokens = list(_TOKEN.finditer(left))
    if not tokens:
        return "", -1
    gap = left[tokens[-1].end() :]
    appositive = False
    if gap.strip() == "" and tokens[-1].group() == ",":
        # "the country's leader, Kim Jong Un": walk from before the comma
        tokens = tokens[:-1]
        appositive = True
    elif gap.strip() != "":
        return "", -1
    taken: list[str] = []
    first_pos = -1
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i].group()
        low = tok.lower()
        if i < len(tokens) - 1 and left[tokens[i].end() : tokens[i + 1].start()].strip():
            break
        if not (tok[0].isalpha()):
            break
        if low in _DETERMINERS:
            taken.append(tok)
            first_pos = tokens[i].start()
            break
        if low in STOP_WORDS and not (tok.isupper() and len(tok) > 1):
            break
        if tok[0].islower() and (low.endswith("ed") or low.endswith("ing")) and low not in labels:
            break
        if (
            tok[0].islower()
            and any(t[0].isupper() for t in taken)
            and low not in labels
            and not re.search(r"['’]s$", tok)
        ):
            break  # "met North Korean leader": a verb before a capitalised title
        taken.append(tok)
        first_pos = tokens[i].start()
        if len(taken) >= 8:
            break
    taken.reverse()
    words = [t for t in taken if t.lower() not in _DETERMINERS]
    if not words:
        return "", -1
    head = re.sub(r"['’]s$", "", words[-1]).lower()
    if kind == "person" or appositive:
        if head not in roles:
            return "", -1
    else:
        if not all(w.lower() in labels for w in words):
            return "", -1
    # keep a leading article only before a possessive ("the country's leader")
    if taken[0].lower() in _DETERMINERS and len(taken) > 1 and re.search(r"['’]s$", taken[1]):
        return " ".join(taken), first_pos
    if taken[0].lower() in _DETERMINERS:
        first_pos = left.index(taken[1], first_pos + len(taken[0]))
    return " ".join(words), first_pos


_POST = re.compile(r",\s+((?:the|a|an)\s+)?([^,.;:()“”\"]{1,60}?)(?=\s*[,.;])")


def _post_apposition(text: str, end: int, *, roles: frozenset) -> tuple[str, int, int]:
    """Descriptor in an apposition after the name ("Yoon, a hardline conservative,").

    Returns:
        ``(descriptor, start, end)`` offsets in ``text``; ``("", -1, -1)`` if none. The
        phrase must be at most six words, end in a role noun and hold no function word.
    """
    m = _POST.match(text, end)
    if not m:
        return "", -1, -1
    words = m.group(2).split()
    if not words or len(words) > 6:
        return "", -1, -1
    if any(w.lower() in STOP_WORDS for w in words) or words[-1].lower() not in roles:
        return "", -1, -1
    possessive = bool(re.search(r"['’]s$", words[0]))
    start = m.start(1) if (m.group(1) and possessive) else m.start(2)
    desc = (m.group(1) or "") + m.group(2) if possessive else m.group(2)
    return " ".join(desc.split()), start, m.end(2)


# --------------------------------------------------------------------------- mentions
def actor_mentions(
    sentences: pd.DataFrame,
    actors: pd.DataFrame | None = None,
    *,
    descriptor_words: tuple[frozenset, frozenset] | None = None,
) -> pd.DataFrame:
    """Every mention of an actor in the sentences table, with its descriptor.

    Matching rules (general, not tied to one article):

    * aliases match case-sensitively as whole words, longest first, with a space also
      matching a hyphen ("Kim Jong Un" / "Kim Jong-un");
    * in-event descriptions ("the Russian leader") match case-insensitively; one that
      directly precedes a name of the same actor is part of that name's descriptor;
    * a one-word alias shared by several people ("Kim") is dropped when another
      capitalised name follows ("Kim Bum-soo"), else resolved to the actor whose full
      name appeared most recently before it in the article (or, failing that, first
      after it); unresolvable surnames are dropped.

    Args:
        sentences: the sentences table (``article_id, outlet, sentence_id, segment,
            start, end, text``).
        actors: table from :func:`load_actors`; default: the shipped list.
        descriptor_words: ``(role_nouns, label_words)``; default from
            ``descriptors.yaml``.

    Returns:
        Columns ``article_id, outlet, sentence_id, segment, actor, mention, descriptor,
        start, end, match`` (offsets into the raw file), ordered by article and offset.
    """
    actors = load_actors() if actors is None else actors
    roles, labels = descriptor_words or load_descriptor_words()
    m = _matcher(actors)
    rows = []
    for s in sentences.itertuples(index=False):
        text = s.text
        found = []
        for hit in m.regex.finditer(text):
            surface = hit.group()
            key = _separators_as_spaces(surface)
            if key in m.names:
                ids = m.names[key]
                match = "name" if len(ids) == 1 else "surname"
                if match == "surname" and re.match(r"[\s\-]+[A-Z]", text[hit.end() :]):
                    continue  # another person with that surname ("Kim Bum-soo")
            else:
                ids = (m.descriptions[key.lower()],)
                match = "description"
            found.append([hit.start(), hit.end(), surface, ids, match])
        # a description right before a name of the same actor is that name's descriptor
        keep = []
        for i, f in enumerate(found):
            if f[4] == "description" and i + 1 < len(found):
                nxt = found[i + 1]
                if text[f[1] : nxt[0]].strip() == "" and f[3][0] in nxt[3]:
                    continue
            keep.append(f)
        for a, b, surface, ids, match in keep:
            rows.append(
                {
                    "article_id": s.article_id,
                    "outlet": s.outlet,
                    "sentence_id": s.sentence_id,
                    "segment": s.segment,
                    "ids": ids,
                    "mention": surface,
                    "start": int(s.start) + a,
                    "end": int(s.start) + b,
                    "match": match,
                    "_text": text,
                    "_a": a,
                }
            )
    rows = _resolve_surnames(rows)
    out = []
    for r in rows:
        actor = r["ids"][0]
        kind = m.kinds.get(actor, "person")
        if r["match"] == "description":
            desc = re.sub(r"^(?i:the|a|an)\s+", "", r["mention"])
            desc = re.sub(r"['’]s$", "", desc)
            dstart = r["start"] + len(r["mention"]) - len(desc)
            dend = r["end"]
        else:
            desc, rel = _descriptor(r["_text"], r["_a"], kind=kind, roles=roles, labels=labels)
            dstart = r["start"] - r["_a"] + rel if rel >= 0 else -1
            dend = r["start"] if rel >= 0 else -1
            if not desc and kind == "person":
                b = r["_a"] + len(r["mention"])
                desc, rel, rel_end = _post_apposition(r["_text"], b, roles=roles)
                if desc:
                    dstart = r["start"] - r["_a"] + rel
                    dend = r["start"] - r["_a"] + rel_end
        out.append(
            {
                **{k: r[k] for k in MENTION_COLUMNS if k in r},
                "actor": actor,
                "descriptor": desc,
                "descriptor_start": dstart,
                "descriptor_end": dend,
            }
        )
    df = pd.DataFrame(out, columns=MENTION_COLUMNS)
    if len(df):
        df = df.sort_values(["article_id", "start", "end", "actor"], kind="stable")
        df = df.reset_index(drop=True)
    df.attrs.update(
        {"actors": actors.attrs.get("path", ""), "version": actors.attrs.get("version")}
    )
    return df


def _resolve_surnames(rows: list[dict]) -> list[dict]:
    """Give each ambiguous surname the actor named in full most recently before it."""
    by_article: dict[str, list[dict]] = {}
    for r in rows:
        by_article.setdefault(r["article_id"], []).append(r)
    out = []
    for items in by_article.values():
        items.sort(key=lambda r: r["start"])
        full = [(r["start"], r["ids"][0]) for r in items if r["match"] != "surname"]
        for r in items:
            if r["match"] != "surname":
                out.append(r)
                continue
            cands = set(r["ids"])
            before = [a for pos, a in full if pos < r["start"] and a in cands]
            after = [a for pos, a in full if pos > r["start"] and a in cands]
            if before:
                out.append({**r, "ids": (before[-1],)})
            elif after:
                out.append({**r, "ids": (after[0],)})
    return out


UNLISTED = "unlisted"
"""Side of a named speaker who is not on the actor list ("white house", "yonhap")."""


def side_of(sides: dict[str, str], speaker: str) -> str:
    """Side of a speaker: from the actor list, else ``unlisted`` for a named speaker."""
    if not isinstance(speaker, str) or not speaker:
        return ""
    return sides.get(speaker) or UNLISTED


def actor_sides(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """Map actor id -> side, plus ``anonymous`` and ``unattributed`` to themselves."""
    actors = load_actors() if actors is None else actors
    sides = dict(zip(actors["actor"], actors["side"], strict=True))
    sides.update({"anonymous": "anonymous", "unattributed": "unattributed"})
    return sides


def actor_label(actor_id: str, actors: pd.DataFrame | None = None) -> str:
    """The human label of an actor id for a figure or a page: its ``name`` in the actor
    list (``kim_jong_un`` -> ``Kim Jong Un``), else the id in words, capitalised
    (``someone_new`` -> ``Someone New``); a label in parentheses (``(unresolved)``)
    and an empty id stay as they are."""
    return actor_labels([actor_id], actors)[str(actor_id)]


def actor_labels(ids, actors: pd.DataFrame | None = None) -> dict[str, str]:
    """Map each actor id to :func:`actor_label` (the actor list read once)."""
    table = load_actors() if actors is None else actors
    names = dict(zip(table["actor"], table["name"], strict=False))
    out = {}
    for a in ids:
        a = str(a)
        name = names.get(a)
        if isinstance(name, str) and name.strip():
            out[a] = name.strip()
        elif not a or a.startswith("("):
            out[a] = a
        else:
            out[a] = a.replace("_", " ").title()
    return out


# --------------------------------------------------------------------------- naming

TABLES["actor_naming"] = {
    "description": "One row per outlet x actor: how the outlet names the actor (descriptor "
    "at first body mention, every descriptor with its count) and how much of the body "
    "mentions it.",
    "columns": {
        "article_id": "article id",
        "outlet": "outlet name",
        "actor": "actor id",
        "n_mentions": "mentions in headline + body",
        "n_authorial": "of which in the outlet's own voice (not quoted or reported)",
        "first_mention": "text of the first body mention",
        "first_descriptor": "descriptor at the first body mention (empty: bare name)",
        "first_label": "first body mention with its descriptor, as a reader meets it "
        "('Russian strongman Vladimir Putin')",
        "first_sentence_id": "sentence of the first body mention",
        "first_start": "raw offset of the first body mention",
        "first_end": "end offset of the first body mention",
        "first_page_descriptor": "descriptor at the first mention anywhere on the page "
        "(captions and teasers included)",
        "first_page_segment": "segment of that first page mention",
        "descriptors": "every descriptor in headline + body with its count, "
        "'label (n); ...', most frequent first",
        "n_body_sentences": "body sentences of the article",
        "n_sentences_with_actor": "body sentences that mention the actor",
        "body_share": "n_sentences_with_actor / n_body_sentences",
        "body_share_low": "Clopper-Pearson 95% lower bound of body_share",
        "body_share_high": "Clopper-Pearson 95% upper bound of body_share",
    },
}


def actor_naming(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    segments: tuple[str, ...] = BODY_SEGMENTS,
    first_segment: str = "body",
) -> pd.DataFrame:
    """How each outlet names each actor.

    Args:
        mentions: :func:`actor_mentions` output (with ``voice`` when available).
        sentences: the sentences table.
        segments: segments counted for mention counts and descriptors.
        first_segment: segment whose first mention gives ``first_*`` (the body: captions
            often come first on the page and carry other labels).

    Returns:
        One row per article x actor mentioned; columns in ``TABLES["actor_naming"]``.
    """
    valid = set(sentences["segment"].unique()) | {"headline", "body"}
    bad = [s for s in (*segments, first_segment) if s not in valid]
    if bad:
        raise ValueError(f"unknown segment(s) {bad}; valid: {', '.join(sorted(valid))}")
    rows = []
    sent_text = {
        sid: (int(st), t)
        for sid, st, t in zip(
            sentences["sentence_id"], sentences["start"], sentences["text"], strict=True
        )
    }
    body_sents = sentences[sentences["segment"] == first_segment]
    n_body = body_sents.groupby("article_id").size()
    groups: dict[tuple, list[dict]] = {}
    for m in mentions.to_dict("records"):
        groups.setdefault((m["article_id"], m["actor"]), []).append(m)
    for aid, actor in sorted(groups):
        m = sorted(groups[(aid, actor)], key=lambda r: (r["start"], r["end"]))
        counted = [r for r in m if r["segment"] in segments]
        first = [r for r in m if r["segment"] == first_segment]
        page = m[0]
        if not counted and not first:
            continue
        desc = Counter(
            r["descriptor"] for r in counted if r["descriptor"] != "" and pd.notna(r["descriptor"])
        )
        desc = sorted(desc.items(), key=lambda t: (-t[1], t[0]))
        n_b = int(n_body.get(aid, 0))
        k = len({r["sentence_id"] for r in first})
        lo, hi = clopper_pearson(k, n_b)
        row = {
            "article_id": aid,
            "outlet": page["outlet"],
            "actor": actor,
            "n_mentions": len(counted),
            "n_authorial": sum(r["voice"] == "authorial" for r in counted)
            if "voice" in mentions
            else len(counted),
            "first_mention": "",
            "first_descriptor": "",
            "first_label": "",
            "first_sentence_id": "",
            "first_start": -1,
            "first_end": -1,
            "first_page_descriptor": page["descriptor"],
            "first_page_segment": page["segment"],
            "descriptors": "; ".join(f"{d} ({n})" for d, n in desc),
            "n_body_sentences": n_b,
            "n_sentences_with_actor": k,
            "body_share": k / n_b if n_b else float("nan"),
            "body_share_low": lo,
            "body_share_high": hi,
        }
        if first:
            f = first[0]
            row.update(
                first_mention=f["mention"],
                first_descriptor=f["descriptor"],
                first_label=_label(f, sent_text),
                first_sentence_id=f["sentence_id"],
                first_start=int(f["start"]),
                first_end=int(f["end"]),
            )
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(TABLES["actor_naming"]["columns"]))
    out.attrs.update(
        {
            "segments": list(segments),
            "first_segment": first_segment,
            "interval": "clopper-pearson 95%",
        }
    )
    return out


def _label(mention, sent_text: dict) -> str:
    """The mention as the reader meets it: raw text from descriptor start to name end."""
    if mention.get("match") == "description" or int(mention.get("descriptor_start", -1)) < 0:
        return mention["mention"]
    s0, text = sent_text[mention["sentence_id"]]
    a = min(int(mention["descriptor_start"]), int(mention["start"]))
    b = max(int(mention.get("descriptor_end", -1)), int(mention["end"]))
    return " ".join(text[a - s0 : b - s0].split())
