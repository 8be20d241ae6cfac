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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .errors import InputError

LEXICONS = Path(__file__).with_name("lexicons")
ACTORS_FILE = LEXICONS / "actors.yaml"
DESCRIPTORS_FILE = LEXICONS / "descriptors.yaml"

KINDS = ("person", "state", "institution")
_REQUIRED = ("id", "name", "kind", "side", "aliases", "note")
_OPTIONAL = ("descriptions", "demonyms")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

ACTOR_COLUMNS = ["actor", "name", "kind", "side", "aliases", "descriptions", "demonyms", "note"]

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
            "voice": "authorial, quoted or reported (analysis.attribution.voice_at)",
            "speaker": "speaker of the quoted or reported text the mention sits in; empty "
            "when authorial",
            "sentence": "text of the sentence (evidence)",
        },
    },
}


# --------------------------------------------------------------------------- loading
def _read_yaml(path: Path):
    if not path.exists():
        raise InputError(path, "file not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" at line {line + 1}" if line is not None else ""
        raise InputError(path, f"not valid YAML{where}") from None
    except UnicodeDecodeError:
        raise InputError(path, "not valid UTF-8") from None


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
        ``note``. ``attrs`` holds ``path`` and ``version``.

    Raises:
        InputError: naming the file, the entry and the problem (missing or unknown
            field, bad id, duplicate id, unknown kind, empty alias, alias shared by two
            actors other than a one-word surname of two people, ...).
    """
    path = Path(path) if path is not None else ACTORS_FILE
    data = _read_yaml(path)
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
                "note": item["note"].strip(),
            }
        )
    owners: dict[str, list[dict]] = {}
    for r in rows:
        for a in r["aliases"]:
            owners.setdefault(_norm(a), []).append(r)
        for d in r["descriptions"]:
            owners.setdefault(_norm(d).lower(), []).append(r)
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
    data = _read_yaml(path)
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


def _norm(text: str) -> str:
    return re.sub(_SEP, " ", text).strip()


def _alias_regex(alias: str) -> str:
    return _SEP.join(re.escape(t) for t in _norm(alias).split(" "))


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
            key = _norm(a)
            names[key] = tuple(sorted(set(names.get(key, ())) | {r.actor}))
            pats.append((len(key), _alias_regex(a)))
        for d in r.descriptions:
            descs[_norm(d).lower()] = r.actor
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


def _descriptor(text: str, start: int, *, kind: str, roles: frozenset, labels: frozenset) -> str:
    """Labelling words before a name in the same noun phrase or in an apposition."""
    left = text[:start]
    tokens = list(_TOKEN.finditer(left))
    if not tokens:
        return ""
    gap = left[tokens[-1].end() :]
    appositive = False
    if gap.strip() == "" and tokens[-1].group() == ",":
        # "the country's leader, Kim Jong Un": walk from before the comma
        tokens = tokens[:-1]
        appositive = True
    elif gap.strip() != "":
        return ""
    taken: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i].group()
        low = tok.lower()
        if i < len(tokens) - 1 and left[tokens[i].end() : tokens[i + 1].start()].strip():
            break
        if not (tok[0].isalpha()):
            break
        if low in _DETERMINERS:
            taken.append(tok)
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
        if len(taken) >= 8:
            break
    taken.reverse()
    words = [t for t in taken if t.lower() not in _DETERMINERS]
    if not words:
        return ""
    head = re.sub(r"['’]s$", "", words[-1]).lower()
    if kind == "person" or appositive:
        if head not in roles:
            return ""
    else:
        if not all(w.lower() in labels for w in words):
            return ""
    # keep a leading article only before a possessive ("the country's leader")
    if taken[0].lower() in _DETERMINERS and len(taken) > 1 and re.search(r"['’]s$", taken[1]):
        return " ".join(taken)
    return " ".join(words)


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
            key = _norm(surface)
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
        else:
            desc = _descriptor(r["_text"], r["_a"], kind=kind, roles=roles, labels=labels)
        out.append(
            {**{k: r[k] for k in MENTION_COLUMNS if k in r}, "actor": actor, "descriptor": desc}
        )
    df = pd.DataFrame(out, columns=MENTION_COLUMNS)
    if len(df):
        df = df.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)
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


def actor_sides(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """Map actor id -> side, plus ``anonymous`` and ``unattributed`` to themselves."""
    actors = load_actors() if actors is None else actors
    sides = dict(zip(actors["actor"], actors["side"], strict=True))
    sides.update({"anonymous": "anonymous", "unattributed": "unattributed"})
    return sides
