"""Agreement of quotation, voice and speaker detection with a hand-annotated fixture.

``tests/fixtures/speech_spans.yaml`` holds about forty spans read by hand: some from the
seed articles, most from short texts written in other outlets' house styles (AP,
Reuters, Fox News, NYT, Guardian) so that the speakers are mostly *not* on the actor
list. Each span has the expected voice (authorial / quoted / reported), speaker id and
speaker kind, whether it is a scare quote, and the rule it exercises.
:func:`validation_speech` runs the real pipeline (segmentation, quotation spans, actor
mentions, attribution) on those texts and reports, per measure, how many spans agree
(``results/validation_speech.csv``, written by ``framing validate``).

Measures:

* ``quotation_detection``: the span is inside a quotation (quotation marks or a block
  quote, scare quotes not counted) exactly when the annotation says ``quoted``;
* ``voice``: the voice of :class:`analysis.extract.attribution.SpeechIndex` equals the
  annotation;
* ``speaker``: for quoted and reported spans, ``speaker_id`` of the speech row covering
  the span equals the annotated speaker (``null`` = none found);
* ``speaker_kind``: the same row's ``speaker_kind``;
* ``scare_quote``: for spans in quotation marks, the ``scare_quote`` flag;
* ``rule:<name>``: per rule, spans whose voice and speaker are both right.

Agreement is a proportion with a Clopper-Pearson 95% interval. The fixture is small and
written by the developers of the rules, so the figures show which rules work as
designed, not accuracy on unseen news; ``notes`` lists the spans that disagree.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.io import read_yaml
from analysis.paths import FIXTURES_DIR, SEEDS_DIR

FIXTURE = FIXTURES_DIR / "speech_spans.yaml"
VOICES = ("authorial", "quoted", "reported")

TABLES = {
    "validation_speech": {
        "description": "Agreement of quotation detection, voice and speaker attribution "
        "with the hand-annotated spans of tests/fixtures/speech_spans.yaml (analysis."
        "speech_validation; written by `framing validate`).",
        "columns": {
            "measure": "quotation_detection, voice, speaker, speaker_kind, scare_quote, or "
            "rule:<name> (voice and speaker both right for the spans of one rule)",
            "n": "annotated spans the measure is computed on",
            "correct": "spans where the method agrees with the annotation",
            "agreement": "correct / n",
            "agreement_low": "Clopper-Pearson 95% lower bound",
            "agreement_high": "Clopper-Pearson 95% upper bound",
            "notes": "the spans that disagree ('text_id: span -> got ...')",
        },
    },
}


def load_fixture(path: str | Path | None = None) -> tuple[dict, list[dict]]:
    """Read and check the fixture.

    Returns:
        ``(texts, spans)``: ``texts`` maps a text id to its raw text and outlet; each span
        is a dict with ``text_id, span, start, end, voice, speaker, kind, scare, rule``.

    Raises:
        InputError: unknown text id, span not found, unknown voice, missing field.
    """
    path = Path(path) if path is not None else FIXTURE
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("texts"), dict):
        raise InputError(path, "expected a mapping with 'texts:' and 'spans:'")
    texts = {}
    for tid, t in data["texts"].items():
        if not isinstance(t, dict):
            raise InputError(path, "each text must be a mapping", entry=str(tid))
        if "seed" in t:
            files = sorted(SEEDS_DIR.glob(f"{t['seed']}_*.txt"))
            if len(files) != 1:
                raise InputError(path, f"no seed file for id {t['seed']!r}", entry=str(tid))
            texts[str(tid)] = {"seed": str(t["seed"]), "raw": files[0].read_text("utf-8")}
        elif isinstance(t.get("text"), str) and t["text"].strip():
            texts[str(tid)] = {"outlet": str(t.get("outlet", tid)), "raw": t["text"]}
        else:
            raise InputError(path, "a text needs 'seed:' or a non-empty 'text:'", entry=str(tid))
    spans = []
    for i, sp in enumerate(data.get("spans") or [], 1):
        entry = f"span #{i}"
        if not isinstance(sp, dict):
            raise InputError(path, "each span must be a mapping", entry=entry)
        for key in ("text_id", "span", "voice", "rule"):
            if key not in sp:
                raise InputError(path, f"missing field '{key}'", entry=entry)
        tid = str(sp["text_id"])
        if tid not in texts:
            raise InputError(path, f"unknown text_id {tid!r}", entry=entry)
        if sp["voice"] not in VOICES:
            raise InputError(
                path, f"voice {sp['voice']!r} is not one of {', '.join(VOICES)}", entry=entry
            )
        raw, needle = texts[tid]["raw"], str(sp["span"])
        start = -1
        for _ in range(int(sp.get("occurrence", 1))):
            start = raw.find(needle, start + 1)
            if start < 0:
                raise InputError(path, f"span {needle!r} not found in {tid}", entry=entry)
        spans.append(
            {
                "text_id": tid,
                "span": needle,
                "start": start,
                "end": start + len(needle),
                "voice": sp["voice"],
                "speaker": "" if sp.get("speaker") is None else str(sp["speaker"]),
                "kind": sp.get("kind"),
                "scare": sp.get("scare"),
                "rule": str(sp["rule"]),
            }
        )
    if not spans:
        raise InputError(path, "no spans")
    return texts, spans


def fixture_tables(texts: dict) -> dict[str, pd.DataFrame]:
    """Run segmentation, quotation spans and attribution on the fixture texts.

    Each text becomes one article whose id is its text id (seed texts keep their
    outlet from ``seeds/metadata.csv``).
    """
    import hashlib

    from analysis.extract.attribution import actors_step
    from analysis.pipeline import corpus_tables
    from analysis.text.corpus import Article, iter_articles

    seeds = {a.article_id: a for a in iter_articles([SEEDS_DIR])}
    arts = []
    for tid, t in texts.items():
        if "seed" in t:
            s = seeds[t["seed"]]
            arts.append(Article(tid, s.source_file, s.raw, s.sha256, dict(s.meta)))
        else:
            sha = hashlib.sha256(t["raw"].encode("utf-8")).hexdigest()
            arts.append(Article(tid, f"{tid}.txt", t["raw"], sha, {"outlet": t["outlet"]}))
    ctx = corpus_tables(arts)
    ctx.tables.update(actors_step(ctx))
    return ctx.tables


def predictions(spans: list[dict], speech: pd.DataFrame) -> list[dict]:
    """Voice, speaker id, speaker kind and scare-quote flag found for each span."""
    from analysis.extract.attribution import SpeechIndex

    index = SpeechIndex(speech)
    out = []
    for sp in spans:
        aid, a, b = sp["text_id"], sp["start"], sp["end"]
        voice, speaker = index.voice(aid, a, b)
        rows = speech[(speech["article_id"] == aid) & (speech["start"] <= a) & (speech["end"] >= b)]
        marked = rows[rows["kind"] == "quoted"]
        scare = bool(marked["scare_quote"].astype(bool).any()) if len(marked) else False
        speaker_id, kind = "", ""
        if voice != "authorial":
            hit = rows[(rows["kind"] == voice) & (rows["speaker"] == speaker)]
            hit = hit[~hit["scare_quote"].astype(bool)].sort_values("start", kind="stable")
            if len(hit):
                speaker_id, kind = (
                    str(hit.iloc[-1]["speaker_id"]),
                    str(hit.iloc[-1]["speaker_kind"]),
                )
        out.append(
            {
                **sp,
                "got_voice": voice,
                "got_speaker": speaker_id,
                "got_kind": kind,
                "got_scare": scare,
                "in_marks": len(marked) > 0,
            }  # fmt: skip
        )
    return out


def _row(measure: str, checks: list[tuple[bool, str]], note: str = "") -> dict:
    from analysis.stats import clopper_pearson

    n = len(checks)
    k = sum(ok for ok, _ in checks)
    lo, hi = clopper_pearson(k, n)
    wrong = "; ".join(msg for ok, msg in checks if not ok)
    return {
        "measure": measure,
        "n": n,
        "correct": k,
        "agreement": k / n if n else float("nan"),
        "agreement_low": lo,
        "agreement_high": hi,
        "notes": "; ".join(x for x in (note, wrong) if x),
    }


def validation_speech(path: str | Path | None = None) -> pd.DataFrame:
    """Agreement table of the speech rules on the fixture (see the module docstring)."""
    texts, spans = load_fixture(path)
    speech = fixture_tables(texts)["speech"]
    got = predictions(spans, speech)

    def msg(p: dict, what: str) -> str:
        return f"{p['text_id']}: {p['span'][:40]!r} -> {what}"

    rows = [
        _row(
            "quotation_detection",
            [
                ((p["got_voice"] == "quoted") == (p["voice"] == "quoted"), msg(p, p["got_voice"]))
                for p in got
            ],
        ),
        _row("voice", [(p["got_voice"] == p["voice"], msg(p, p["got_voice"])) for p in got]),
    ]
    speaking = [p for p in got if p["voice"] != "authorial"]
    rows.append(
        _row(
            "speaker",
            [
                (p["got_speaker"] == p["speaker"], msg(p, p["got_speaker"] or "none"))
                for p in speaking
            ],
        )
    )
    kinds = [p for p in speaking if p["kind"]]
    rows.append(
        _row(
            "speaker_kind",
            [(p["got_kind"] == p["kind"], msg(p, p["got_kind"] or "none")) for p in kinds],
        )
    )
    marked = [p for p in got if p["in_marks"] or p["scare"]]
    rows.append(
        _row(
            "scare_quote",
            [(p["got_scare"] == bool(p["scare"]), msg(p, str(p["got_scare"]))) for p in marked],
        )
    )
    for rule in sorted({p["rule"] for p in got}):
        ps = [p for p in got if p["rule"] == rule]
        note = ""
        rows.append(
            _row(
                f"rule:{rule}",
                [
                    (
                        p["got_voice"] == p["voice"] and p["got_speaker"] == p["speaker"],
                        msg(p, f"{p['got_voice']}/{p['got_speaker'] or 'none'}"),
                    )
                    for p in ps
                ],
                note,
            )
        )
    out = pd.DataFrame(rows, columns=list(TABLES["validation_speech"]["columns"]))
    shown = "tests/fixtures/speech_spans.yaml" if path is None else str(path)
    out.attrs.update({"fixture": shown, "n_spans": len(spans), "interval": "clopper-pearson 95%"})
    return out


def validation_step(ctx) -> dict[str, pd.DataFrame]:
    """Validation step (``framing validate``): ``validation_speech`` from the fixture.

    The fixture ships with the project, so unlike the benchmark checks this one always
    runs; when the fixture is absent (an installed copy without tests/) it adds a note.
    """
    if not FIXTURE.exists():
        ctx.notes.append(f"validation: {FIXTURE} absent, validation_speech skipped")
        return {}
    if not SEEDS_DIR.is_dir():  # an installed copy run from a folder without seeds/
        ctx.notes.append(f"validation: no seeds/ at {SEEDS_DIR}, validation_speech skipped")
        return {}
    return {"validation_speech": validation_speech()}
