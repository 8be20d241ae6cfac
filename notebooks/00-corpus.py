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

notebook_setup("00-corpus", results=RESULTS, figures=FIGURES, corpus=CORPUS, external=EXTERNAL)

# seed-specific checks and prose run only on the five seed articles (seeds/)
SEED_CORPUS = is_seed_corpus(load_results("articles"))
show_md("# 00 · The corpus: five pages on one event" if SEED_CORPUS else "# 00 · The corpus")

# %% [markdown]
# **Question.** What exactly are we comparing? Which outlets, how long is each article once
# the page's furniture is set aside, and what was set aside and why?
#
# **Outputs.** Tables `results/articles.csv`, `results/segments.csv`,
# `results/segment_composition.csv`, `results/sentences.csv`, `results/quote_spans.csv`
# (columns in `results/README.md`); figure `page-composition` (`figures/page-composition.*`).

# %% tags=["hide-input"]
show_md(
    """Every later count is "per outlet". If a teaser for another article or a subscription box
were counted as the article, every number downstream would be wrong: seed 002's page, for
example, carries a promo for another story that calls Kim Jong-Un a "dictator", while the
article itself calls him "the country's leader"."""
    if SEED_CORPUS
    else """Every later count is "per outlet". If a teaser for another article or a subscription box
were counted as the article, every number downstream would be wrong."""
)

# %%
from analysis import notebook_setup
from analysis.pipeline import BODY_SEGMENTS
from analysis.provenance import provenance_box, record_gaps
from analysis.report.corpus_report import (
    furniture_sentence,
    furniture_shares,
    quotations_by_article,
    raw_texts,
    set_aside_lines,
)
from analysis.safe_text import md_escape
from analysis.text.sentences import offset_mismatches
from analysis.viz.segment import plot_segment_composition

articles = load_results("articles")
segments = load_results("segments")
sentences = load_results("sentences")
composition = load_results("segment_composition")
quote_spans = load_results("quote_spans")

# %% [markdown]
# ## The outlets and their metadata

# %% tags=["hide-input"]
show_md(
    """From `seeds/metadata.csv`; the confidence column says how sure the attribution is."""
    if SEED_CORPUS
    else """From the corpus's `metadata.csv` (empty columns where it gave none); the confidence column says how sure the attribution is."""
)

# %%
articles[
    [
        "article_id",
        "outlet",
        "outlet_kind",
        "outlet_country",
        "author",
        "published",
        "headline",
        "attribution_confidence",
        "attribution_note",
    ]
].fillna("")  # empty = not known

# %% [markdown]
# ### Provenance: can a reader find each article again?

# %%
show_md(record_gaps(articles))
provenance_box(articles)

# %%
# Sanity checks: every offset points at its text in the raw file.
raw = raw_texts(articles)
assert offset_mismatches(segments, raw).empty
assert offset_mismatches(sentences, raw).empty
assert articles["article_id"].is_unique
len(articles), len(segments), len(sentences)

# %% [markdown]
# ## Body length per outlet
#
# `n_body_words`: words in the article body (the denominator of every later rate, with the
# headline's few words added where a notebook counts headline and body). `n_chars`: the
# whole page; `n_furniture_chars`: the part labelled byline, caption, teaser or boilerplate.

# %%
body = articles[["article_id", "outlet", "n_body_words", "n_chars", "n_furniture_chars"]]
body

# %%
longest = body.loc[body["n_body_words"].idxmax()]
shortest = body.loc[body["n_body_words"].idxmin()]
show_md(
    f"The {len(body)} articles run from **{shortest.n_body_words} body words** "
    f"({md_escape(shortest.outlet)}) to **{longest.n_body_words}** ({md_escape(longest.outlet)}); "
    f"{int(body['n_body_words'].sum())} body words in all. Rates per 1,000 words in later "
    "notebooks rest on these denominators, so a single extra word in a short article moves "
    "its rate more than in a long one."
)

# %% [markdown]
# ## What each page is made of
#
# Figure `page-composition`: characters per segment label on each page.

# %%
ax = plot_segment_composition(composition)

# %%
show_md(
    furniture_sentence(
        furniture_shares(composition, articles), one_page_each=articles["outlet"].is_unique
    )
)

# %% [markdown]
# ## What was set aside, and why
#
# Non-body lines grouped by outlet, label and the rule that gave the label (`rule`), with the
# number of lines, the first line's id and its text. Every line is in `results/segments.csv`.

# %%
non_body = segments[segments["segment"] != "body"]
show_md(
    f"Counted as the article by default: {' and '.join(BODY_SEGMENTS)}. Subheadings stay "
    "labelled but are not counted; bylines, captions, teasers and boilerplate are reported "
    f"separately in later notebooks, never mixed in silently. {len(non_body)} of "
    f"{len(segments)} lines are not body."
)
set_aside_lines(segments)

# %%
if SEED_CORPUS:  # seed fact: only 002's page has loaded words in its furniture
    loaded_in_furniture = segments[
        segments["segment"].isin(["teaser", "boilerplate"])
        & segments["text"].str.contains("dictator|desperate", case=False)
    ]
    assert set(loaded_in_furniture["article_id"]) == {"002"}
    display(loaded_in_furniture[["segment_id", "segment", "text"]])

# %% [markdown]
# ## Quotations
#
# Quotation spans decide later whether a word is the outlet's own or someone else's.
# Unbalanced marks are not an error: the quotation is closed at the end of its paragraph and
# a warning is recorded.

# %%
quotations_by_article(quote_spans)

# %%
quote_spans.loc[~quote_spans["closed"].astype(bool), ["quote_span_id", "text", "warning"]]

# %% [markdown]
# ## What this step cannot do
#
# * The segmentation rules are general (line shape, position, furniture phrases in
#   `analysis/lexicons/furniture.yaml`), tested on these pages and on imitations of other
#   sites' furniture, but a new site can have furniture they miss: check the non-body table
#   above for every new corpus.
# * A caption's title or a subheading with sentence-final punctuation can be read as body.
# * Straight single quotes are taken as quotation marks only at word boundaries with a
#   matching close in the same paragraph; anything else is an apostrophe.
