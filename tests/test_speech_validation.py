"""Tests for analysis.validation.speech: every annotated span of the fixture, the table."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.validation import speech as V

TEXTS, SPANS = V.load_fixture()


@pytest.fixture(scope="module")
def predicted():
    speech = V.fixture_tables(TEXTS)["speech"]
    return {(p["text_id"], p["span"]): p for p in V.predictions(SPANS, speech)}


def _case(sp):
    return pytest.param(sp, id=f"{sp['rule']}-{sp['text_id']}-{sp['span'][:24]}")


def test_fixture_size_and_coverage():
    assert len(SPANS) >= 40
    rules = {s["rule"] for s in SPANS}
    for rule in ("cue_after_named", "inverted_named_title", "role_phrase", "block_quote",
                 "continued_closing_mark_only", "scare_quote", "scare_quote_so_called",
                 "pronoun_gender", "pronoun_no_compatible_antecedent", "pronoun_too_far",
                 "clause_before_cue", "cue_before_colon", "named_organisation"):  # fmt: skip
        assert rule in rules, rule
    written = {t for t, v in TEXTS.items() if "seed" not in v}
    assert len({s["text_id"] for s in SPANS if s["text_id"] in written}) >= 5
    assert {s["voice"] for s in SPANS} == {"authorial", "quoted", "reported"}


@pytest.mark.parametrize("sp", [_case(s) for s in SPANS])
def test_every_annotated_span(predicted, sp):
    p = predicted[(sp["text_id"], sp["span"])]
    assert p["got_voice"] == sp["voice"]
    assert p["got_speaker"] == sp["speaker"]
    if sp["kind"]:
        assert p["got_kind"] == sp["kind"]
    assert p["got_scare"] == bool(sp["scare"])


def test_validation_table():
    t = V.validation_speech()
    assert list(t.columns) == list(V.TABLES["validation_speech"]["columns"])
    m = t.set_index("measure")
    assert m.loc["voice", "n"] == len(SPANS)
    assert m.loc["speaker", "n"] == sum(s["voice"] != "authorial" for s in SPANS)
    assert m.loc["quotation_detection", "agreement"] == 1.0
    assert m.loc["scare_quote", "agreement"] == 1.0
    assert (t["agreement_low"] <= t["agreement"]).all()
    assert (t["agreement"] <= t["agreement_high"]).all()
    assert m.loc["rule:participle_continuation", "agreement"] == 1.0
    assert m.loc["rule:characterisation_as", "agreement"] == 1.0


def test_validation_step_writes_the_table():
    from analysis.pipeline import VALIDATION_SPECS, Context

    assert ("validation_speech", "analysis.validation.speech:validation_step") in VALIDATION_SPECS
    out = V.validation_step(Context(articles=[]))
    assert list(out) == ["validation_speech"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ("texts: {a: {text: 'Hello there.'}}\nspans:\n  - {text_id: b, span: x, voice: quoted, rule: r}\n",
         "unknown text_id 'b'"),
        ("texts: {a: {text: 'Hello there.'}}\nspans:\n  - {text_id: a, span: nope, voice: quoted, rule: r}\n",
         "span 'nope' not found in a"),
        ("texts: {a: {text: 'Hello there.'}}\nspans:\n  - {text_id: a, span: Hello, voice: loud, rule: r}\n",
         "voice 'loud' is not one of authorial, quoted, reported"),
        ("texts: {a: {text: 'Hello there.'}}\nspans:\n  - {text_id: a, span: Hello, voice: quoted}\n",
         "missing field 'rule'"),
    ],
)  # fmt: skip
def test_bad_fixture_raises_input_error(tmp_path, text, problem):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        V.load_fixture(path)
