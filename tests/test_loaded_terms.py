"""Loaded terms: lexicon validation, literal matching, voice, target, rates, seed facts.

Seed facts were counted by hand from seeds/*.txt (line numbers refer to the files).
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq
from scipy.stats import poisson

from analysis.cli import main as cli_main
from analysis.errors import InputError
from analysis.extract.loaded_terms import (
    DEFAULT_LEXICON,
    VOICES,
    compile_pattern,
    excluded_matches,
    kwic,
    lexicon_validation,
    load_lexicon,
    loaded_term_rates,
    loaded_term_targets,
    loaded_terms,
    matches_outside_body,
    pattern_regex,
    poisson_interval,
    voice_profile,
)
from analysis.paths import folders_with
from analysis.text.sentences import words
from analysis.viz.loaded_terms import plot_authorial_heatmap, plot_target_terms, plot_voice_bars

ISSUE_IDS = [
    "strongman",
    "dictator",
    "rather desperate",
    "regime",
    "rogue",
    "pariah",
    "communist",
    "lavish",
    "invasion",
    "special military operation",
    "kiev",
    "kyiv",
    "blackmail",
]

# --------------------------------------------------------------------------- helpers

ACTORS = pd.DataFrame(
    {
        "actor": ["putin", "kim_jong_un", "yoon_suk_yeol", "russia", "north_korea", "ukraine"],
        "kind": ["person", "person", "person", "state", "state", "state"],
    }
)
ALIASES = {
    "putin": ["Vladimir Putin", "Putin", "the Russian leader"],
    "kim_jong_un": ["Kim Jong-un", "Kim Jong Un"],
    "yoon_suk_yeol": ["Yoon"],
    "russia": ["Russia", "Moscow"],
    "north_korea": ["North Korea", "Pyongyang"],
    "ukraine": ["Ukraine", "Kyiv", "Kiev"],
}


def make_sentences(text: str, article_id: str = "x", outlet: str = "X", segment: str = "body"):
    """One sentence per line of ``text`` (offsets into ``text``)."""
    rows = []
    for k, m in enumerate(re.finditer(r"[^\n]+", text), start=1):
        rows.append(
            {
                "article_id": article_id,
                "outlet": outlet,
                "sentence_id": f"{article_id}-s{k:03d}",
                "segment": segment,
                "start": m.start(),
                "end": m.end(),
                "text": m.group(0),
                "n_words": len(words(m.group(0))),
            }
        )
    return pd.DataFrame(rows)


def make_mentions(sentences: pd.DataFrame):
    rows = []
    for s in sentences.itertuples():
        taken: list[tuple[int, int]] = []
        for actor, names in ALIASES.items():
            for name in sorted(names, key=len, reverse=True):
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", s.text):
                    a, b = s.start + m.start(), s.start + m.end()
                    if any(x < b and a < y for x, y in taken):
                        continue
                    taken.append((a, b))
                    rows.append(
                        {
                            "article_id": s.article_id,
                            "sentence_id": s.sentence_id,
                            "actor": actor,
                            "start": a,
                            "end": b,
                        }
                    )
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "actor", "start", "end"])


def match(text: str, *, speech=None, lexicon=None):
    sents = make_sentences(text)
    if speech is None:
        speech = pd.DataFrame(columns=["article_id", "kind", "start", "end", "speaker"])
    return loaded_terms(sents, lexicon, speech=speech, mentions=make_mentions(sents), actors=ACTORS)


def targets_of(text: str, term: str) -> list[str]:
    m = match(text)
    return m.loc[m["term"] == term, "target"].tolist()


def write_lexicon(tmp_path, body: str, name: str = "lex.yaml"):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- lexicon


def test_default_lexicon_has_issue_ids_and_valid_entries():
    lex = load_lexicon()
    assert set(ISSUE_IDS) <= set(lex["term"])
    assert lex["term"].is_unique
    assert (lex["rationale"].str.len() > 10).all()
    assert not lex["rationale"].str.contains("\n").any()
    cats = set(lex["category"])
    assert {"pejorative_label", "evaluative", "threat_framing", "war_naming"} <= cats
    assert {"place_name", "ideological_label"} <= cats
    for t in ["despot", "tyrant", "autocrat", "hermit kingdom", "thug", "desperate",
              "stage-managed", "brutal", "absurd", "deplorable", "threaten", "provocation",
              "aggression", "full-scale invasion"]:  # fmt: skip
        assert t in set(lex["term"]), t
    regime = lex.set_index("term").loc["regime"]
    assert "sanctions regime" in regime["exclude"] and "export control regime" in regime["exclude"]
    assert lex.attrs["lexicon_version"] == "1.1"  # 1.1: invasion requires/verb_forms (issue 12)
    assert lex.attrs["lexicon"] == "analysis/lexicons/loaded_terms.yaml"
    assert len(lex.attrs["lexicon_sha256"]) == 64


GOOD_ENTRY = "  - {id: tyrant, patterns: [tyrant], category: c, rationale: r}\n"


@pytest.mark.parametrize(
    ("body", "entry", "problem"),
    [
        ("version: 1\nterms:\n  - {patterns: [x], category: c, rationale: r}\n", "terms[0]",
         "missing 'id'"),
        ("version: 1\nterms:\n  - {id: x, category: c, rationale: r}\n", "x", "missing 'patterns'"),
        ("version: 1\nterms:\n  - {id: x, patterns: [x], rationale: r}\n", "x", "missing 'category'"),
        ("version: 1\nterms:\n  - {id: x, patterns: [x], category: c}\n", "x", "missing 'rationale'"),
        ("version: 1\nterms:\n" + GOOD_ENTRY * 2, "tyrant", "duplicate id"),
        ("version: 1\nterms:\n  - {id: x, patterns: ['dictat(or|ors)'], category: c, rationale: r}\n",
         "x", "not regular expressions"),
        ("version: 1\nterms:\n  - {id: x, patterns: ['dic*tator'], category: c, rationale: r}\n",
         "x", "* is only allowed"),
        ("version: 1\nterms:\n  - {id: x, patterns: [regime], category: c, rationale: r, "
         "exclude: [sanctions list]}\n", "x", "does not contain any of the term's patterns"),
        ("version: 1\nterms:\n  - {id: x, patterns: [x], category: c, rationale: r, pattern: y}\n",
         "x", "unknown key(s) ['pattern']"),
        ("version: 1\nterms:\n  - {id: x, patterns: [x], category: c, rationale: r, target: who}\n",
         "x", "target 'who' is not one of label, subject"),
        ("version: 1\nterms:\n  - {id: a, patterns: [x], category: c, rationale: r}\n"
         "  - {id: b, patterns: [X], category: c, rationale: r}\n", "b", "also in entry 'a'"),
        ("version: 1\ncategories: {c: d}\nterms:\n  - {id: x, patterns: [x], category: e, "
         "rationale: r}\n", "x", "category 'e' is not declared"),
        ("version: 1\nterms:\n  - {id: x, patterns: [x], category: c, rationale: r}\n"
         "  - just a string\n", "terms[1]", "entry must be a mapping"),
    ],
)  # fmt: skip
def test_malformed_lexicon_one_line_error_with_file_and_entry(tmp_path, body, entry, problem):
    p = write_lexicon(tmp_path, body)
    with pytest.raises(InputError) as exc:
        load_lexicon(p)
    msg = str(exc.value)
    assert "\n" not in msg
    assert msg.startswith(f"{p}: entry {entry!r}: ")
    assert problem in msg


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("terms: [1, 2\n", "not valid YAML at line"),
        ("- a\n- b\n", "top level must be a mapping"),
        ("terms:\n" + GOOD_ENTRY, "missing 'version'"),
        ("version: 1\nterms: []\n", "'terms' must be a non-empty list"),
        ("version: 1\nlexicon: x\nterms:\n" + GOOD_ENTRY, "unknown top-level key(s) ['lexicon']"),
    ],
)
def test_malformed_lexicon_file_level_errors(tmp_path, body, problem):
    p = write_lexicon(tmp_path, body)
    with pytest.raises(InputError, match=re.escape(problem)) as exc:
        load_lexicon(p)
    assert str(exc.value).startswith(f"{p}: ")
    assert "\n" not in str(exc.value)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(InputError, match="no such lexicon file"):
        load_lexicon(tmp_path / "nope.yaml")


# --------------------------------------------------------------------------- patterns


def test_patterns_are_literal_never_regex():
    # "." is a literal dot, not "any character"
    assert compile_pattern("U.S. ally").search("a U.S. ally")
    assert not compile_pattern("U.S. ally").search("a UxSx ally")
    with pytest.raises(ValueError, match="not regular expressions"):
        pattern_regex("dictat.+")
    with pytest.raises(ValueError):
        pattern_regex("a|b")


@pytest.mark.parametrize(
    ("pattern", "hits", "misses"),
    [
        ("regime", ["the regime.", "Regime change", "anti-regime"],
         ["a strict regimen", "regimented", "theregime"]),
        ("kiev", ["Kiev", "Kiev's", "Kiev-based", "KIEV"], ["Kievan Rus"]),
        ("hermit kingdom", ["the Hermit Kingdom", "hermit-kingdom", "hermit\nkingdom"],
         ["hermitkingdom"]),
        ("stage managed", ["stage-managed", "stage managed", "Stage‑managed"], ["stagemanaged"]),
        ("hard-line", ["hardline", "hard-line", "Hard‐line"], ["hard line", "hardliner"]),
        ("full scale invasion", ["full-scale invasion", "Full scale invasion"], ["fullscale invasion"]),
        ("Russia's war", ["Russia’s war", "Russia's war"], ["Russias war"]),
        ("threaten*", ["threaten", "threatened", "threatening"], ["threat"]),
    ],
)  # fmt: skip
def test_pattern_variants_and_word_boundaries(pattern, hits, misses):
    rx = compile_pattern(pattern)
    for h in hits:
        assert rx.search(h), (pattern, h)
    for m in misses:
        assert not rx.search(m), (pattern, m)


def test_no_substring_hits_and_exclude_contexts():
    text = (
        "The patient kept a strict regimen.\n"
        "Putin denounced the international sanctions regime and the export control regime.\n"
        "Critics call it a brutal regime.\n"
    )
    m = match(text)
    assert m.loc[m["term"] == "regime", "matched"].tolist() == ["regime"]
    assert m.loc[m["term"] == "regime", "sentence_id"].tolist() == ["x-s003"]
    excluded = m.attrs["excluded"]
    assert [e["context"] for e in excluded] == ["sanctions regime", "export control regime"]
    assert all(text[e["start"] : e["end"]] == "regime" for e in excluded)


def test_longest_match_wins_and_multiword_variants():
    text = (
        "Observers say he is rather desperate and desperately needs arms.\n"
        "It was a full-scale invasion, not a special military operation.\n"
    )
    m = match(text)
    assert m["term"].tolist() == [
        "rather desperate",
        "desperate",
        "full-scale invasion",
        "special military operation",
    ]
    for r in m.itertuples():
        assert text[r.start : r.end] == r.matched


def test_custom_lexicon_terms_are_never_dropped_for_rarity(tmp_path):
    p = write_lexicon(
        tmp_path,
        "version: '0.1'\nterms:\n"
        "  - {id: tyrant, patterns: [tyrant], category: label, rationale: r}\n"
        "  - {id: zealot, patterns: [zealot*], category: label, rationale: r}\n",
    )
    m = match("A tyrant met zealots.\n", lexicon=p)
    assert m["term"].tolist() == ["tyrant", "zealot"]
    rates = loaded_term_rates(m, make_sentences("A tyrant met zealots.\n"))
    assert set(rates["term"]) == {"tyrant", "zealot"}


# --------------------------------------------------------------------------- voice


def test_voice_and_speaker_from_speech_table():
    text = 'Observers point out that the pariah country helps Putin, who is "rather desperate."\n'
    q = text.index('"rather')
    r = text.index("the pariah")
    speech = pd.DataFrame(
        [
            {"article_id": "x", "kind": "quoted", "start": q, "end": len(text) - 1,
             "speaker": "anonymous"},
            {"article_id": "x", "kind": "reported", "start": r, "end": len(text) - 1,
             "speaker": "anonymous"},
        ]
    )  # fmt: skip
    m = match(text, speech=speech).set_index("term")
    assert m.loc["rather desperate", "voice"] == "quoted"
    assert m.loc["pariah", "voice"] == "reported"
    assert m.loc["pariah", "speaker"] == "anonymous"
    m2 = match("A rogue state.\n")
    assert m2["voice"].tolist() == ["authorial"] and m2["speaker"].tolist() == ["unattributed"]


def test_without_speech_voice_is_empty_and_says_so():
    sents = make_sentences("A rogue state.\n")
    with pytest.warns(UserWarning, match="voice and speaker left empty"):
        m = loaded_terms(sents)
    assert m["voice"].tolist() == [""]
    assert m.attrs["voice"] == "not computed"


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("text", "term", "target"),
    [
        # noun-phrase modifier, with another label or a title between
        ("Russian strongman Vladimir Putin said so.", "strongman", ["putin"]),
        ("Then communist dictator Kim Jong-un welcomed him.", "dictator", ["kim_jong_un"]),
        ("Then communist dictator Kim Jong-un welcomed him.", "communist", ["kim_jong_un"]),
        ("Communist North Korea began flying balloons.", "communist", ["north_korea"]),
        ("The brutal President Putin spoke.", "brutal", ["putin"]),
        # anaphor: the one state named in an earlier clause
        ("North Korea had a treaty with the Soviet Union, but Russia had not acted in defense "
         "of the rogue communist state until this week.", "rogue", ["north_korea"]),
        # two states in earlier clauses: ambiguous, so empty
        ("North Korea signed, and Ukraine protested, but Russia armed the rogue state.", "rogue",
         [""]),
        # the subject of its own clause is not the antecedent
        ("Russia defended the rogue state.", "rogue", [""]),
        # predicate and apposition
        ('Observers say the Russian leader is growing "rather desperate."', "rather desperate",
         ["putin"]),
        ("North Korea is a pariah state.", "pariah", ["north_korea"]),
        ("Putin is not a dictator, he said.", "dictator", [""]),
        ("South Korean President Yoon, a hardline conservative, visited.", "hardline",
         ["yoon_suk_yeol"]),
        # preceding modifier / possessive
        ("They fear the Kim Jong Un regime.", "regime", ["kim_jong_un"]),
        ("Pyongyang’s brutal regime fired.", "regime", ["north_korea"]),
        # verbs: the subject; events: the possessive agent only
        ("Putin Threatens South Korea.", "threaten", ["putin"]),
        ("Officials have threatened to broadcast again.", "threaten", [""]),
        ("Kim pledged support for Russia’s invasion of Ukraine.", "invasion", ["russia"]),
        ("Sanctions came after the Ukraine invasion this week.", "invasion", [""]),
        ("He supplied arms to Kiev.", "kiev", ["ukraine"]),
        ("He was welcomed with lavish festivities by Putin.", "lavish", [""]),
        # nothing to refer to: empty rather than a guess
        ("Putin relies on the poor pariah country.", "pariah", [""]),
    ],
)  # fmt: skip
def test_target_resolution_on_hand_built_sentences(text, term, target):
    assert targets_of(text + "\n", term) == target


# --------------------------------------------------------------------------- rates


def _independent_exact_poisson(k: int, alpha: float = 0.05) -> tuple[float, float]:
    """Exact interval by inverting the Poisson CDF numerically (no chi-square)."""
    low = 0.0 if k == 0 else brentq(lambda m: poisson.sf(k - 1, m) - alpha / 2, 1e-9, 100)
    high = brentq(lambda m: poisson.cdf(k, m) - alpha / 2, 1e-9, 100)
    return low, high


@pytest.mark.parametrize("k", [0, 1, 2, 5, 17])
def test_poisson_interval_matches_independent_inversion(k):
    low, high = poisson_interval(k)
    ind_low, ind_high = _independent_exact_poisson(k)
    assert low == pytest.approx(ind_low, abs=1e-6)
    assert high == pytest.approx(ind_high, abs=1e-6)


def test_poisson_interval_known_values_and_scaling():
    assert poisson_interval(0) == (0.0, pytest.approx(3.688879, abs=1e-6))
    low, high = poisson_interval(1)
    assert low == pytest.approx(0.025318, abs=1e-6) and high == pytest.approx(5.571643, abs=1e-6)
    low, high = poisson_interval(np.array([2]), np.array([0.5]))
    assert low[0] == pytest.approx(2 * 0.242209, abs=1e-5)
    with pytest.raises(ValueError):
        poisson_interval(1, alpha=1.5)


def test_rates_keep_teaser_apart_and_include_zeros():
    body = make_sentences("A rogue state and a rogue regime here today.\nNothing else.\n")
    teaser = make_sentences("The dictator again.\n", segment="teaser")
    teaser["start"] += 1000
    teaser["end"] += 1000
    teaser["sentence_id"] = "x-s900"
    sents = pd.concat([body, teaser], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = loaded_terms(sents).assign(voice="authorial")
    rates = loaded_term_rates(m, sents)
    lex = load_lexicon()
    # every term x voice for the two groups present, zeros included
    assert len(rates) == 2 * len(lex) * len(VOICES)
    r = rates.set_index(["segment_group", "term", "voice"])
    assert r.loc[("headline+body", "rogue", "authorial"), "count"] == 2
    assert r.loc[("headline+body", "rogue", "authorial"), "n_words"] == 11  # 9 + 2 words
    assert r.loc[("headline+body", "rogue", "authorial"), "rate_per_1000"] == pytest.approx(
        2 / 11 * 1000
    )
    assert r.loc[("headline+body", "regime", "authorial"), "count"] == 1
    assert r.loc[("headline+body", "dictator", "authorial"), "count"] == 0
    assert r.loc[("teaser", "dictator", "authorial"), "count"] == 1
    assert r.loc[("teaser", "dictator", "authorial"), "n_words"] == 3
    lo, hi = poisson_interval(2, 11 / 1000)
    assert r.loc[("headline+body", "rogue", "authorial"), "ci_low"] == pytest.approx(lo)
    assert r.loc[("headline+body", "rogue", "authorial"), "ci_high"] == pytest.approx(hi)
    assert rates.attrs["segment_groups"]["headline+body"] == ["headline", "body"]
    with pytest.raises(ValueError, match="unit must be one of outlet, article_id"):
        loaded_term_rates(m, sents, unit="paragraph")


def test_kwic_slices_the_sentence():
    m = match("Moscow backs the rogue communist state openly.\n")
    k = kwic(m, width=10).set_index("term")
    assert k.loc["rogue", "left"] == "backs the "
    assert k.loc["rogue", "right"] == " communist"


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def lt(seed_tables):
    return seed_tables["loaded_terms"]


def _rows(lt, article_id, term, segment=None):
    r = lt[(lt["article_id"] == article_id) & (lt["term"] == term)]
    return r if segment is None else r[r["segment"] == segment]


def test_offsets_point_at_matched_text(lt, raw):
    assert len(lt) > 40
    for r in lt.itertuples():
        assert raw[r.article_id][r.start : r.end] == r.matched
        assert (
            raw[r.article_id][r.sentence_start : r.sentence_start + len(r.sentence)] == r.sentence
        )
        # whole words only
        assert not raw[r.article_id][r.start - 1].isalnum()
        assert not raw[r.article_id][r.end : r.end + 1].isalnum()
    assert set(lt["voice"]) <= set(VOICES)


def test_single_word_counts_match_an_independent_tokeniser(seed_tables, lt):
    """Every one-word pattern: matches == tokens of the project tokeniser, minus exclusions."""
    checked = 0
    lex = load_lexicon()
    excluded = pd.Series([e["term"] for e in lt.attrs["excluded"]]).value_counts()
    tokens = [w.lower() for t in seed_tables["sentences"]["text"] for w in words(t)]
    for row in lex.itertuples():
        forms = {p.lower() for p in row.patterns if re.fullmatch(r"[a-z]+", p.lower())}
        if not forms or len(forms) != len(row.patterns):
            continue
        # tokens inside a longer match of another term ("rather desperate") are not this term
        inside = sum(
            w.lower() in forms for t in lt.loc[lt["term"] != row.term, "matched"] for w in words(t)
        )
        expected = sum(t in forms for t in tokens) - int(excluded.get(row.term, 0)) - inside
        assert (lt["term"] == row.term).sum() == expected, row.term
        checked += 1
    assert checked >= 20


def test_breitbart_001_body(lt):
    body = lt[(lt["article_id"] == "001") & (lt["segment"] == "body")]
    strong = _rows(body, "001", "strongman")
    assert len(strong) == 1  # line 6 "Russian strongman Vladimir Putin"
    assert strong[["voice", "target"]].values.tolist() == [["authorial", "putin"]]
    dic = _rows(body, "001", "dictator")  # line 8 "communist dictator", line 40 "from dictator"
    assert len(dic) == 2
    assert set(dic["voice"]) == {"authorial"} and set(dic["target"]) == {"kim_jong_un"}
    rogue = _rows(body, "001", "rogue")  # line 10 "the rogue communist state"
    assert rogue[["voice", "target"]].values.tolist() == [["authorial", "north_korea"]]
    com = _rows(body, "001", "communist")  # lines 8, 10, 18, 40 ("Communist", "communists")
    assert len(com) == 5
    assert com["target"].tolist() == [
        "kim_jong_un",
        "north_korea",
        "north_korea",
        "north_korea",
        "",
    ]
    # All 5 authorial (the issue's pin). Line 18 sits inside a reported clause ("The South
    # Korean government ... said it had “grave concern” that Russia's support of communist
    # North Korea could ..."), but "communist" directly labels the name North Korea: how
    # an actor is named is Breitbart's choice (voice_basis "naming choice").
    assert com["voice"].tolist() == ["authorial"] * 5
    assert com["voice_basis"].tolist()[2] == "naming choice"
    assert com["voice_basis"].tolist()[0] == "outlet text"
    assert (com["voice"] != "quoted").all()  # never a direct quote: always Breitbart's wording
    assert com["matched"].tolist()[-2:] == ["Communist", "communists"]
    lav = _rows(body, "001", "lavish")  # "lavish festivities": no actor
    assert lav[["voice", "target"]].values.tolist() == [["authorial", ""]]
    # headline "Putin Threatens South Korea"
    head = _rows(lt, "001", "threaten", "headline")
    assert head[["matched", "voice", "target"]].values.tolist() == [
        ["Threatens", "authorial", "putin"]
    ]
    # line 16: Putin's quoted "in the event of aggression"
    agg = _rows(lt, "001", "aggression")
    assert agg[["voice", "speaker"]].values.tolist() == [["quoted", "putin"]]
    # lines 14 and 24: "Russian invasion of Ukraine", "the Ukraine invasion"
    inv = _rows(lt, "001", "invasion")
    # line 24 sits in "Yonhap reported that Seoul also implemented ...": reported speech
    assert inv["voice"].tolist() == ["authorial", "reported"]
    assert "ukraine" not in set(inv["target"])
    # line 32 "Yoon, a hardline conservative"
    hard = _rows(lt, "001", "hardline")
    assert hard["matched"].tolist() == ["hardline"]
    assert set(_rows(lt, "001", "kyiv")["voice"]) == {"authorial"}  # "visit to Kyiv"
    # line 6 "Putin said … a “very big mistake,” threatening …": the participle after the
    # comma is Breitbart's own framing verb (issue 5: a reported clause ends at the
    # narrator's next cue); line 40 "Seoul officials have threatened" is Breitbart's own
    thr = _rows(body, "001", "threaten")
    assert thr[["matched", "voice", "speaker", "target"]].values.tolist() == [
        ["threatening", "authorial", "unattributed", ""],
        ["threatened", "authorial", "unattributed", ""],
    ]


def test_kyiv_independent_002_body_teaser(lt):
    body = lt[(lt["article_id"] == "002") & lt["segment"].isin(["headline", "body"])]
    rd = _rows(body, "002", "rather desperate")
    assert rd[["voice", "speaker", "target"]].values.tolist() == [["quoted", "anonymous", "putin"]]
    par = _rows(body, "002", "pariah")
    assert par[["voice", "speaker"]].values.tolist() == [["reported", "anonymous"]]
    assert len(_rows(lt, "002", "regime")) == 0  # "the international sanctions regime"
    assert any(
        e["article_id"] == "002" and e["context"] == "sanctions regime"
        for e in lt.attrs["excluded"]
    )
    teaser = lt[(lt["article_id"] == "002") & (lt["segment"] == "teaser")]
    dic = _rows(teaser, "002", "dictator")
    assert dic[["matched", "target"]].values.tolist() == [["dictator", "kim_jong_un"]]
    assert len(_rows(teaser, "002", "rather desperate")) == 1
    assert len(_rows(teaser, "002", "stage-managed")) == 1
    assert len(_rows(body, "002", "dictator")) == 0
    assert len(_rows(lt, "002", "strongman")) == 0
    # headline "Putin threatens a response ..."
    head = _rows(lt, "002", "threaten", "headline")
    assert head[["voice", "target"]].values.tolist() == [["authorial", "putin"]]
    # "Kyiv Independent" in the membership appeal is boilerplate, not body
    assert _rows(lt, "002", "kyiv")["segment"].tolist() == ["body", "boilerplate"]


def test_003_kiev(lt):
    kiev = _rows(lt, "003", "kiev")
    assert len(kiev) == 2  # lines 3 and 11
    assert set(kiev["segment"]) == {"body"}
    assert set(kiev["target"]) == {"ukraine"}
    # Both authorial (the issue's pin). Line 11 ("Analysts had previously said Kiev would
    # use …") is a reported clause, but the spelling of a name is the outlet's choice.
    # Line 3 ("Moscow “will …” if Seoul decides to supply weapons to Kiev, Putin told
    # reporters") is, since issue 12, Putin's reported clause before its cue, so its
    # basis changed from "outlet text" to "naming choice"; the voice is unchanged.
    assert kiev[["voice", "speaker", "voice_basis"]].values.tolist() == [
        ["authorial", "unattributed", "naming choice"],
        ["authorial", "unattributed", "naming choice"],
    ]
    assert len(_rows(lt, "003", "dictator")) == 0
    assert len(_rows(lt, "003", "kyiv")) == 0


def test_004_special_military_operation(lt):
    smo = _rows(lt, "004", "special military operation")  # line 7 "Putin clarified that ..."
    assert smo[["voice", "speaker"]].values.tolist() == [["reported", "putin"]]
    # lines 5 and 6 ("in case of invasion", "in the event of an invasion") are a
    # hypothetical attack on either treaty partner, not Russia's war: since issue 12 they
    # are not war naming and are listed as excluded, with the reason
    assert len(_rows(lt, "004", "invasion")) == 0
    ex = excluded_matches(lt)
    inv = ex[(ex["article_id"] == "004") & (ex["term"] == "invasion")]
    assert inv["sentence_id"].tolist() == ["004-s009", "004-s010"]
    assert inv["reason"].str.startswith("no required context (ukraine").all()
    assert _rows(lt, "004", "hardline")["matched"].tolist() == ["hard-line"]


def test_000_blackmail(lt):
    bm = _rows(lt, "000", "blackmail")  # line 21 “threaten or blackmail”
    assert bm[["voice", "speaker"]].values.tolist() == [["quoted", "zinoviev"]]
    thr = _rows(lt, "000", "threaten", "body")
    assert len(thr) == 2  # line 19 (Kim Hong Kyun, reported) and line 21 (quoted)
    assert len(_rows(lt, "000", "dictator")) == 0
    assert len(_rows(lt, "000", "kiev")) == 0
    # line 13 scare-quoted “aggression”: changed by issue 12 from quoted to authorial (a
    # one-word quotation with no speech verb is the outlet's word choice), flagged
    assert _rows(lt, "000", "aggression")[["voice", "scare_quote"]].values.tolist() == [
        ["authorial", True]
    ]
    assert not bm["scare_quote"].any()
    # IRIA's footer "issues that threaten international peace" is boilerplate
    assert _rows(lt, "000", "threaten", "boilerplate")["matched"].tolist() == ["threaten"]


def test_seed_rates_separate_groups(seed_tables):
    rates = seed_tables["loaded_term_rates"]
    r = rates.set_index(["outlet", "segment_group", "term", "voice"])
    assert r.loc[("Breitbart", "headline+body", "communist", "authorial"), "count"] == 5
    assert r.loc[("Breitbart", "headline+body", "communist", "reported"), "count"] == 0
    assert r.loc[("Breitbart", "headline+body", "communist", "quoted"), "count"] == 0
    assert r.loc[("Kyiv Independent", "teaser", "dictator", "authorial"), "count"] == 1
    assert r.loc[("Kyiv Independent", "headline+body", "dictator", "authorial"), "count"] == 0
    # denominators are the group's words from the sentences table
    s = seed_tables["sentences"]
    words_hb = s[(s["article_id"] == "001") & s["segment"].isin(["headline", "body"])][
        "n_words"
    ].sum()
    assert r.loc[("Breitbart", "headline+body", "communist", "authorial"), "n_words"] == words_hb
    # counts add up to the match table
    assert rates["count"].sum() == len(seed_tables["loaded_terms"])
    assert set(rates["term"]) == set(load_lexicon()["term"])


def test_targets_table(seed_tables):
    t = loaded_term_targets(seed_tables["loaded_terms"]).set_index(
        ["outlet", "target", "term", "voice"]
    )
    assert t.loc[("Breitbart", "kim_jong_un", "dictator", "authorial"), "count"] == 2
    assert t.loc[("Breitbart", "putin", "strongman", "authorial"), "count"] == 1


# --------------------------------------------------------------------------- CLI


@pytest.mark.slow
def test_cli_lexicon_option(tmp_path, capsys):
    bad = write_lexicon(
        tmp_path, "version: 1\nterms:\n  - {id: x, patterns: ['a(b'], category: c, rationale: r}\n"
    )
    rc = cli_main(["analyze", "--lexicon", str(bad), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert err.count("\n") == 0
    assert f"{bad}: entry 'x': pattern 'a(b' contains '('" in err
    good = write_lexicon(
        tmp_path, "version: 1\nterms:\n  - {id: regime, patterns: [regime], category: c, rationale: r}\n",
        name="good.yaml",
    )  # fmt: skip
    seeds = DEFAULT_LEXICON.parents[2] / "seeds"
    out = tmp_path / "out2"
    rc = cli_main(["analyze", str(seeds), "--lexicon", str(good), "--out", str(out), "--quiet"])
    assert rc == 0
    got = pd.read_csv(out / "loaded_terms.csv", dtype={"article_id": str})
    # without the exclude context the 002 "sanctions regime" now counts
    assert got["term"].tolist() == ["regime"] and got["article_id"].tolist() == ["002"]


# --------------------------------------------------------------------------- summaries, figures


def test_voice_profile_and_outside_body(seed_tables):
    prof = voice_profile(seed_tables["loaded_term_rates"]).set_index(["outlet", "term"])
    assert prof.loc[("Kyiv Independent", "rather desperate"), "use"] == "quoted only"
    assert prof.loc[("Kyiv Independent", "pariah"), "use"] == "reported speech only"
    assert prof.loc[("IRIA", "blackmail"), "use"] == "quoted only"
    assert prof.loc[("Breitbart", "communist"), ["authorial", "reported", "total"]].tolist() == [
        5,
        0,
        5,
    ]
    assert ("Kyiv Independent", "dictator") not in prof.index  # only in the teaser
    out = matches_outside_body(seed_tables["loaded_terms"])
    teaser = out[out["segment"] == "teaser"]
    assert teaser["term"].tolist() == ["rather desperate", "dictator", "stage-managed"]
    assert set(out["segment"]) == {"teaser", "boilerplate"}
    ex = excluded_matches(seed_tables["loaded_terms"])
    assert ex[["article_id", "term", "context"]].values.tolist() == [
        ["002", "regime", "sanctions regime"],
        ["004", "invasion", ""],  # issue 12: the treaty's hypothetical "invasion"
        ["004", "invasion", ""],
    ]
    assert ex["reason"].iloc[0] == "exclude context 'sanctions regime'"
    with pytest.raises(ValueError, match="segment_group must be one of"):
        voice_profile(seed_tables["loaded_term_rates"], segment_group="body")


def test_empty_input_gives_empty_tables():
    sents = make_sentences("Nothing loaded here.\n")
    m = loaded_terms(
        sents, speech=pd.DataFrame(columns=["article_id", "kind", "start", "end", "speaker"])
    )
    assert len(m) == 0 and list(m.columns)[:4] == ["article_id", "outlet", "sentence_id", "segment"]
    rates = loaded_term_rates(m, sents)
    assert rates["count"].sum() == 0 and len(rates) == len(load_lexicon()) * len(VOICES)
    assert len(loaded_term_targets(m)) == 0


@pytest.fixture
def figdir(tmp_path, monkeypatch):
    monkeypatch.setattr("analysis.paths.FOLDERS", folders_with(figures=str(tmp_path)))
    monkeypatch.setattr(
        "analysis.paths.FOLDERS", folders_with(results=str(tmp_path / "no-results"))
    )
    return tmp_path


@pytest.mark.slow
def test_figures_saved_with_counts(figdir, seed_tables):
    import matplotlib.pyplot as plt

    rates = seed_tables["loaded_term_rates"]
    ax = plot_authorial_heatmap(rates)
    terms = [t.get_text() for t in ax.get_xticklabels()]
    outlets = [t.get_text() for t in ax.get_yticklabels()]
    cells = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts
    }
    assert cells[(outlets.index("Breitbart"), terms.index("communist"))] == "5"
    assert cells[(outlets.index("Breitbart"), terms.index("strongman"))] == "1"
    # issue 14: a zero is an empty cell, not a grey "0" (KI quotes 'rather desperate')
    assert (outlets.index("Kyiv Independent"), terms.index("rather desperate")) not in cells
    image = ax.images[0].get_array()
    k, d = outlets.index("Breitbart"), terms.index("communist")
    assert image[k, d] == 5  # colour and number are one encoding: the count
    axes = plot_voice_bars(rates)
    assert axes.size >= 6
    ax3 = plot_target_terms(loaded_term_targets(seed_tables["loaded_terms"]))
    rows = [t.get_text() for t in ax3.get_yticklabels()]
    # targets by their names on the actor list (issue 14), not their ids
    assert rows[0] == "Kim Jong Un · communist" and "North Korea · rogue" in rows
    plt.close("all")
    for fid in ("loaded-terms-authorial-heatmap", "loaded-terms-by-voice", "loaded-terms-targets"):
        for ext in ("png", "svg", "pdf", "csv", "json"):
            assert (figdir / f"{fid}.{ext}").exists(), (fid, ext)
    assert not list(figdir.glob("*.settings.json"))
    with pytest.raises(ValueError, match="voice must be one of authorial, quoted, reported"):
        plot_authorial_heatmap(rates, voice="own")


@pytest.mark.slow
def test_lexicon_validation_against_published_resources():
    from analysis.paths import external_dir

    for name in ("recasens2013", "babe"):
        if external_dir(name) is None:
            pytest.skip(f"data/external/{name} absent: lexicon validation not run")
    v = lexicon_validation().set_index("term")
    # Recasens et al. (2013) bias lexicon: has dictator, regime, communist; not strongman
    assert v.loc["dictator", "in_recasens_npov"] and v.loc["regime", "in_recasens_npov"]
    assert v.loc["communist", "in_recasens_npov"]
    assert not v.loc["strongman", "in_recasens_npov"] and not v.loc["desperate", "in_recasens_npov"]
    # BABE (SG2): independent count with pandas' own regex search
    babe = pd.read_csv(external_dir("babe") / "final_labels_SG2.csv", sep=";", encoding="utf-8-sig")
    babe = babe[babe["label_bias"].isin(["Biased", "Non-biased"])]
    hit = babe[babe["text"].str.contains(r"(?i)\bdictator(?:s|ships?|ial)?\b", regex=True)]
    assert len(hit) == v.loc["dictator", "babe_sentences"] == 12
    assert (hit["label_bias"] == "Biased").sum() == v.loc["dictator", "babe_biased"] == 10
    assert v.attrs["babe_sentences"] == 3673
    lo, hi = v.loc["dictator", ["ci_low", "ci_high"]]
    assert lo < 10 / 12 < hi


def test_other_seed_cases_read_by_hand(lt):
    # 000 line 1: "Putin warns" (not loaded); line 35: "Russia’s invasion of Ukraine"
    assert len(lt[(lt["article_id"] == "000") & (lt["segment"] == "headline")]) == 0
    inv = _rows(lt, "000", "invasion")
    assert inv[["matched", "target", "target_via"]].values.tolist() == [
        ["invasion", "russia", "possessive"]
    ]
    # 000 line 9: "... the Russian president said that Moscow “will…” if Seoul decides to
    # supply arms to Kyiv": a reported clause (Putin's), but the spelling is IRIA's
    assert _rows(lt, "000", "kyiv")[["voice", "voice_basis", "target"]].values.tolist() == [
        ["authorial", "naming choice", "ukraine"]
    ]
    # 002 line 25: "North Korea repeatedly issuing threats and provocations" (authorial)
    assert _rows(lt, "002", "provocation")[["matched", "voice"]].values.tolist() == [
        ["provocations", "authorial"]
    ]
    # 003 line 2: scare-quoted ‘aggression’ (issue 12: authorial with the scare_quote flag,
    # no longer quoted); line 12 "the Russian invasion" (no possessive)
    assert _rows(lt, "003", "aggression")[["voice", "scare_quote"]].values.tolist() == [
        ["authorial", True]
    ]
    assert _rows(lt, "003", "invasion")[["voice", "target"]].values.tolist() == [["authorial", ""]]
    # 004 line 2 "Putin cautioned that Moscow would ... if Seoul decides to supply arms to
    # Kyiv"; line 10 "arguing that it is inhumane ..." (he = Putin)
    # Kyiv there is a name inside Putin's reported clause: the spelling is the outlet's
    assert _rows(lt, "004", "kyiv")[["voice", "voice_basis"]].values.tolist() == [
        ["authorial", "naming choice"]
    ]
    assert _rows(lt, "004", "inhumane")[["voice", "speaker"]].values.tolist() == [
        ["reported", "putin"]
    ]
    # no outlet writes "regime", "despot", "tyrant" or "thug" anywhere
    assert not lt["term"].isin(["regime", "despot", "tyrant", "thug", "full-scale invasion"]).any()
    # Kiev only in 003; every other outlet spells Kyiv in its text
    kiev = lt[lt["term"].isin(["kiev", "kyiv"]) & lt["segment"].isin(["body", "headline"])]
    assert kiev.groupby("article_id")["term"].agg(set).to_dict() == {
        "000": {"kyiv"},
        "001": {"kyiv"},
        "002": {"kyiv"},
        "003": {"kiev"},
        "004": {"kyiv"},
    }


# --------------------------------------------------------------------------- issue 12


def test_word_sense_requires_a_context_nearby():
    text = (
        "The treaty applies in the event of an invasion or military attack.\n"
        "Kim pledged support for the Russian invasion of Ukraine.\n"
    )
    m = match(text)
    assert m.loc[m["term"] == "invasion", "sentence"].tolist() == [
        "Kim pledged support for the Russian invasion of Ukraine."
    ]
    ex = excluded_matches(m)
    assert ex["term"].tolist() == ["invasion"] and ex["context"].tolist() == [""]
    assert ex["reason"].iloc[0].endswith("within 6 words")
    assert ex["matched"].tolist() == ["invasion"]


def test_verb_forms_name_the_war_too():
    m = match("Ukraine, which was invaded by Russia in 2022, asked for arms.\n")
    got = m[m["term"] == "invasion"]
    assert got[["matched", "form", "pattern"]].values.tolist() == [["invaded", "verb", "invaded"]]
    lex = load_lexicon().set_index("term")
    assert lex.loc["invasion", "verb_patterns"] == ["invade", "invades", "invaded", "invading"]
    assert match("The army invaded the hills.\n")["term"].tolist() == []  # no war context


@pytest.mark.parametrize(
    "entry, problem",
    [
        ("requires: [of ukr(aine]", "requires context"),
        ("within: -1", "'within' must be a whole number"),
        ("verb_forms: [invade troops]", "must be one word"),
        ("verb_forms: [tyrant]", "verb form 'tyrant' also in entry"),
    ],
)
def test_sense_and_verb_keys_are_validated(tmp_path, entry, problem):
    path = tmp_path / "lex.yaml"
    path.write_text(
        "version: 1\nterms:\n"
        + GOOD_ENTRY
        + "  - id: invasion\n    patterns: [invasion]\n    category: c\n    rationale: r\n"
        + f"    {entry}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=re.escape(problem)):
        load_lexicon(path)
