# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# Parameters: where this notebook reads its tables and inputs and saves its figures.
# `make reproduce` and `framing report` set them in an injected cell below this one
# (papermill's convention); None means the project's own folders (results/, figures/,
# seeds/, data/external/).
RESULTS = None
FIGURES = None
CORPUS = None
EXTERNAL = None

# %% tags=["hide-input"]
from analysis import (
    load_results,
    notebook_setup,
    show_md,
)
from analysis.report.corpus_report import is_seed_corpus

notebook_setup("06-summary", results=RESULTS, figures=FIGURES, corpus=CORPUS, external=EXTERNAL)

# seed-specific checks and prose run only on the five seed articles (seeds/)
SEED_CORPUS = is_seed_corpus(load_results("articles"))

# %% tags=["hide-input"]
from analysis import notebook_setup
from analysis.measures.coverage import unit_overlap
from analysis.provenance import record_gaps
from analysis.report.brief import (
    caveat_finding,
    coverage_finding,
    evidence_table,
    headline_finding,
    labels_finding,
    naming_finding,
    outlet_table,
    overlap_sentence,
    reuse_finding,
    tone_finding,
    voices_finding,
)
from analysis.report.corpus_report import (
    first_labels_by_outlet,
    main_actors,
    main_speaker,
    speaker_figure_id,
)
from analysis.validation.benchmarks import load_validation, validation_value
from analysis.viz.figures import show_figure

articles = load_results("articles")
headline_verbs = load_results("headline_verbs")
loaded = load_results("loaded_terms")
naming = load_results("actor_naming")
sources = load_results("source_summary_outlets")
sentiment = load_results("sentiment_outlets")
coverage = load_results("coverage")
reuse_matrix = load_results("reuse_matrix")
ONE_PER_OUTLET = bool(articles["outlet"].is_unique)  # the seeds: one article per outlet
N_EVENTS = coverage["event"].nunique() if "event" in coverage else 1
MAIN_ACTORS = main_actors(naming, seed=SEED_CORPUS)  # Putin and Kim Jong Un on seeds/
SPEAKER = main_speaker(load_results("reporting_verbs"), seed=SEED_CORPUS)
# Sanity checks: the tables describe the same articles (the five seed articles on seeds/).
assert articles["article_id"].is_unique
assert len(articles) == 5 or not SEED_CORPUS
assert set(headline_verbs["article_id"]) == set(articles["article_id"])
assert set(sources["outlet"]) == set(articles["outlet"])

# %% tags=["hide-input"]
show_md(
    "# 06 · Summary: how five outlets framed Putin's warning to South Korea\n\n"
    "Five outlets reported Putin's warning to South Korea, on 20 June 2024, against arming "
    "Ukraine. How did they frame it?"
    if SEED_CORPUS
    else "# 06 · Summary: how the outlets framed the same stories\n\n"
    "How did the outlets frame the same event(s)?"
)

# %% tags=["hide-input"]
body = sentiment[
    (sentiment["level"] == "outlet")
    & (sentiment["segment_group"] == "body")
    & (sentiment["voice"] == "all")
    & (sentiment["method"] == "vader")
]
shared = reuse_finding(reuse_matrix) + " " + coverage_finding(coverage)
if SEED_CORPUS:  # seed narrative: IRIA (000) reads as a light rewrite of the BBC-derived 003
    shared += (
        " "
        + overlap_sentence(unit_overlap(coverage), "000")
        + " That is the pattern of a light rewrite of the BBC report."
    )
show_md(
    "## Findings\n\n"
    + "\n".join(
        f"* {text} [Detail]({link}.ipynb)."
        for text, link in [
            (headline_finding(headline_verbs), "03-actors-and-sources"),
            (labels_finding(loaded, articles), "01-loaded-language"),
            (
                naming_finding(
                    first_labels_by_outlet(naming, MAIN_ACTORS),
                    MAIN_ACTORS,
                    one_per_outlet=ONE_PER_OUTLET,
                ),
                "03-actors-and-sources",
            ),
            (
                voices_finding(sources, speaker=SPEAKER if SEED_CORPUS else None),
                "03-actors-and-sources",
            ),
            (tone_finding(body), "02-sentiment"),
            (shared, "04-across-outlets"),
        ]
    )
    + "\n\n"
    + caveat_finding(articles, n_events=N_EVENTS)
)

# %% [markdown]
# ## The evidence

# %% tags=["hide-input"]
table = evidence_table(loaded)
show_md(
    "Labels in the outlets' own words, in context:\n\n" + table
    if table
    else "No label of the lexicon in any outlet's own words."
)

# %% tags=["hide-input"]
if SPEAKER:
    show_figure(speaker_figure_id(SPEAKER))
show_figure("reuse-matrix")

# %% tags=["hide-input"]
validation, _ = load_validation()
nmtsc = (
    validation_value(validation, "newsmtsc_rw_test", "vader", "macro_f1")
    if validation is not None
    else float("nan")
)
show_md(
    "## Method and limits\n\n"
    "Every measure is a rule: quotations and reported speech are told from the outlet's "
    "own voice by punctuation and reporting verbs; loaded terms come from a hand-built "
    "lexicon; tone from VADER, a general-purpose lexicon"
    + (
        f" that agrees poorly with annotated news (macro F1 {nmtsc:.2f} on NewsMTSC, notebook 05)"
        if nmtsc == nmtsc
        else ""
    )
    + ". Rules are checked against hand-read facts, not a public benchmark."
)

# %% [markdown]
# ## Where this comes from
#
# Figures: `figures/` (PNG, SVG, PDF, data CSV; citation lines in `figures/README.md`).
# Tables: `results/` (`results/README.md`). Detail: [00 corpus](00-corpus.ipynb) ·
# [01 loaded language](01-loaded-language.ipynb) · [02 sentiment](02-sentiment.ipynb) ·
# [03 actors and sources](03-actors-and-sources.ipynb) ·
# [04 across outlets](04-across-outlets.ipynb) · [05 validation](05-validation.ipynb).

# %% tags=["hide-input"]
show_md(record_gaps(articles))
outlet_table(articles)
