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
show_md(
    """# 06 · Summary: how five outlets framed Putin's warning to South Korea

**Question.** On 20 June 2024 Vladimir Putin warned South Korea against arming Ukraine.
How did five outlets frame that same event: which verbs, which labels, whose voices, which
facts, and whose text?

**Outputs.** No new tables (the code behind every number is in the notebook file; this page shows results only). Each finding below is backed by a figure (in `figures/`, with
the table it was drawn from beside it) and a results table (`results/`, documented in
`results/README.md`). Figures shown: `reporting-verbs-putin`,
`loaded-terms-authorial-heatmap`, `actor-first-mention-labels`, `source-shares-by-side`,
`sentiment-sentence-distribution`, `coverage-units-by-outlet`, `reuse-matrix`. The detailed notebooks hold the evidence sentences:
[00 corpus](00-corpus.ipynb) · [01 loaded language](01-loaded-language.ipynb) ·
[02 sentiment](02-sentiment.ipynb) · [03 actors and sources](03-actors-and-sources.ipynb) ·
[04 across outlets](04-across-outlets.ipynb) ·
[05 validation](05-validation.ipynb).

**Read this first.** Five articles, one per outlet, is a tiny sample. Every number here
describes these five texts; none is an estimate of an outlet's general practice, and no
difference below is statistically established. Counts are shown next to rates."""
    if SEED_CORPUS
    else """# 06 · Summary: how the outlets framed the same stories

**Question.** How did these outlets frame the same event (or events): which verbs, which
labels, whose voices, which facts, and whose text?

**Outputs.** No new tables (the code behind every number is in the notebook file; this page shows results only). Each finding below is backed by a figure (in `figures/`, with
the table it was drawn from beside it) and a results table (`results/`, documented in
`results/README.md`). The detailed notebooks hold the evidence sentences:
[00 corpus](00-corpus.ipynb) · [01 loaded language](01-loaded-language.ipynb) ·
[02 sentiment](02-sentiment.ipynb) · [03 actors and sources](03-actors-and-sources.ipynb) ·
[04 across outlets](04-across-outlets.ipynb) ·
[05 validation](05-validation.ipynb).

**Read this first.** Every number here describes these texts; none is an estimate of an outlet's general practice, and no difference below
is statistically established. Counts are shown next to rates."""
)

# %% tags=["hide-input"]
from analysis import notebook_setup
from analysis.measures.coverage import full_coverage_units, unit_overlap
from analysis.measures.reuse import reuse_by_outlet_pair
from analysis.report.corpus_report import (
    first_labels_by_outlet,
    main_actors,
    main_speaker,
    outlet_counts,
    speaker_figure_id,
    top_rows,
)
from analysis.safe_text import md_escape
from analysis.validation.benchmarks import load_validation, validation_value
from analysis.viz.figures import figure_index, show_figure

articles = load_results("articles")
headline_verbs = load_results("headline_verbs")
loaded = load_results("loaded_terms")
naming = load_results("actor_naming")
sources = load_results("source_summary_outlets")
sentiment = load_results("sentiment_outlets")
audit = load_results("sentiment_lexicon_audit")
coverage = load_results("coverage")
exclusive = load_results("coverage_exclusive")
reuse_matrix = load_results("reuse_matrix")
outlet = dict(zip(articles["article_id"], articles["outlet"]))
N_OUTLETS = articles["outlet"].nunique()
ONE_PER_OUTLET = bool(articles["outlet"].is_unique)  # the seeds: one article per outlet
MAIN_ACTORS = main_actors(naming, seed=SEED_CORPUS)  # Putin and Kim Jong Un on seeds/
SPEAKER = main_speaker(load_results("reporting_verbs"), seed=SEED_CORPUS)

# %% tags=["hide-input"]
# Sanity checks: the tables describe the same articles (the five seed articles on seeds/).
assert articles["article_id"].is_unique
assert len(articles) == 5 or not SEED_CORPUS
assert set(headline_verbs["article_id"]) == set(articles["article_id"])
assert set(sources["outlet"]) == set(articles["outlet"])
top_rows(
    articles[["article_id", "outlet", "outlet_kind", "n_body_words", "attribution_confidence"]],
    "articles",
)

# %% tags=["hide-input"]
show_md(
    """## 1. Headlines: Putin 'warns' or 'threatens'"""
    if SEED_CORPUS
    else """## 1. Headlines: which verb"""
)

# %% tags=["hide-input"]
hv = headline_verbs.astype(object).fillna("")
with_head = hv[hv["verb"] != ""]
by_verb = with_head.groupby("verb")["outlet"].apply(list)
no_head = hv.loc[hv["headline"] == "", "outlet"].tolist()
no_verb = hv.loc[(hv["verb"] == "") & (hv["headline"] != ""), "outlet"].tolist()
show_md(
    ("" if len(by_verb) else "No headline has a reporting verb")
    + "; ".join(f"**{md_escape(verb)}**: {outlet_counts(outs)}" for verb, outs in by_verb.items())
    + (f". No headline in the file: {outlet_counts(no_head)}" if no_head or SEED_CORPUS else "")
    + (f". A headline without a reporting verb: {outlet_counts(no_verb)}" if no_verb else "")
    + (
        ". The same remarks are a warning in "
        f"{len(by_verb.get('warn', []))} headline(s) and a threat in {len(by_verb.get('threaten', []))}. "
        "The figure below shows the verbs the bodies use for Putin's statements."
        if SEED_CORPUS
        else ". The figure below, if any, shows the verbs the bodies use for the most-reported speaker."
    )
)
top_rows(hv[["outlet", "headline", "form", "verb", "stance"]], "headline_verbs")

# %% tags=["hide-input"]
if SPEAKER:
    show_figure(speaker_figure_id(SPEAKER))

# %% [markdown]
# ## 2. Labels in the outlet's own voice

# %% tags=["hide-input"]
own = loaded[(loaded["voice"] == "authorial") & loaded["segment"].isin(["headline", "body"])]
labels = own[own["category"].isin(["pejorative_label", "ideological_label"])]
per_outlet = labels.groupby("outlet")["term"].apply(
    lambda t: (
        ", ".join(f"{md_escape(k)} ×{v}" for k, v in t.value_counts().sort_index().items())
        if t.nunique() <= 8
        else ", ".join(f"{md_escape(k)} ×{v}" for k, v in t.value_counts().head(8).items())
        + f" and {t.nunique() - 8} more"
    )
)
none = [o for o in dict.fromkeys(articles["outlet"]) if o not in per_outlet.index]
others = loaded[(loaded["voice"] != "authorial") & loaded["segment"].isin(["headline", "body"])]
n_quoted, n_reported = (
    int((others["voice"] == "quoted").sum()),
    int((others["voice"] == "reported").sum()),
)
show_md(
    (
        "No outlet uses a pejorative or ideological label of the lexicon **in its own words** (headline + body)."
        if per_outlet.empty
        else "Pejorative and ideological labels the outlets use **in their own words** "
        "(headline + body): "
        + "; ".join(f"**{md_escape(o)}**: {t}" for o, t in per_outlet.items())
        + (f". None: {', '.join(map(md_escape, none))}." if none else ".")
    )
    + f" A further {n_quoted} loaded-term matches sit inside quotations (the source's words) "
    f"and {n_reported} in reported speech (the source's claim in the outlet's paraphrase)."
)
top_rows(labels[["outlet", "term", "matched", "target", "sentence"]], "loaded_terms")

# %% tags=["hide-input"]
show_figure("loaded-terms-authorial-heatmap")

# %% tags=["hide-input"]
outside = loaded[~loaded["segment"].isin(["headline", "body"])]
if len(outside):
    show_md(
        f"**Page furniture matters.** {len(outside)} loaded-term matches sit outside the article "
        f"({', '.join(sorted(set(outside['segment'])))}), e.g. "
        + "; ".join(
            f"“{md_escape(r.matched)}” ({md_escape(r.outlet)}, {r.segment})"
            for r in outside.head(3).itertuples()
        )
        + ". They are reported separately and never counted as the article's own framing "
        "(notebook 00 shows how pages were segmented)."
    )

# %% [markdown]
# ## 3. How the main actors are first named

# %% tags=["hide-input"]
# an outlet with several articles: its most frequent first label (k of its n articles)
first = first_labels_by_outlet(naming, MAIN_ACTORS)
named = [a for a in MAIN_ACTORS if a in set(first["actor"])]
show_md(
    (
        "First mention in the body, per outlet."
        if ONE_PER_OUTLET
        else "First mention in the body: the label each outlet most often opens with "
        "(in how many of its articles naming the actor)."
    )
    + "".join(
        f" {md_escape(a.replace('_', ' ').title())}: "
        + "; ".join(
            f"{md_escape(r.outlet)}: “{md_escape(r.first_label)}”"
            + ("" if ONE_PER_OUTLET else f" ({int(r.n_label)} of {int(r.n_articles)})")
            for r in first[first["actor"] == a].itertuples()
        )
        + "."
        for a in named
    )
    + ("" if named else " No actor of the actor list is named in the bodies.")
)
if named:
    show_figure("actor-first-mention-labels")

# %% [markdown]
# ## 4. Whose voices are carried

# %% tags=["hide-input"]
s = sources.set_index("outlet")
show_md(
    (
        "Share of quoted words that are Putin's: "
        + "; ".join(
            f"{md_escape(o)} {r.putin_share:.0%} of {int(r.quoted_words)} quoted words ({int(r.n_sources)} sources)"
            for o, r in s.iterrows()
        )
        + (". Every outlet quotes Putin directly" if (s["putin_share"] > 0).all() else "")
        if SEED_CORPUS
        else "Quoted words per outlet: "
        + "; ".join(
            f"{md_escape(o)} {int(r.quoted_words)} quoted words ({int(r.n_sources)} sources)"
            for o, r in s.iterrows()
        )
    )
    + f"; the number of distinct sources runs from {int(s['n_sources'].min())} to {int(s['n_sources'].max())}."
)
show_figure("source-shares-by-side")

# %% [markdown]
# ## 5. Tone

# %% tags=["hide-input"]
body = sentiment[
    (sentiment["level"] == "outlet")
    & (sentiment["segment_group"] == "body")
    & (sentiment["voice"] == "all")
    & (sentiment["method"] == "vader")
]
lo, hi = body["ci_low"].max(), body["ci_high"].min()
overlap = lo < hi
aud = audit.set_index("pattern")
show_md(
    "Mean VADER compound over body sentences, with seeded bootstrap 95% intervals: "
    + "; ".join(
        f"{md_escape(r.outlet)} {r.mean_score:+.2f} [{r.ci_low:+.2f}, {r.ci_high:+.2f}], n={int(r.n_sentences)}"
        for r in body.itertuples()
    )
    + (
        f". **All {'five' if SEED_CORPUS else len(body)} intervals overlap**, so these "
        f"{'articles' if ONE_PER_OUTLET else 'outlets'} cannot be ranked by tone."
        if overlap
        else "."
    )
    + (
        f" Generic lexicons also misread political labels: VADER's lexicon scores “strongman” "
        f"**{float(aud.loc['strongman', 'vader']):+.1f}** ({md_escape(aud.loc['strongman', 'vader_direction'])}) "
        + (
            "and has no entry for “dictator”"
            if aud.loc["dictator", "vader_direction"] == "absent"
            else f"and “dictator” {float(aud.loc['dictator', 'vader']):+.1f}"
        )
        + " (notebook 02, lexicon audit)."
        if {"strongman", "dictator"} <= set(aud.index)  # the project's lexicon
        else " Generic lexicons also misread political labels (notebook 02, lexicon audit)."
    )
)
show_figure("sentiment-sentence-distribution")

# %% [markdown]
# ## 6. What each outlet reports, leads with, or leaves out

# %% tags=["hide-input"]
counts = coverage[coverage["present"].astype(bool)].groupby("unit_id")["outlet"].nunique()
# units every outlet covering the unit's event carries (events with two or more outlets)
all_five = full_coverage_units(coverage)
labels_all = coverage.drop_duplicates("unit_id").set_index("unit_id").loc[list(all_five), "label"]
N_EVENTS = coverage["event"].nunique() if "event" in coverage else 1
uniq = exclusive.groupby("outlet")["unit_id"].nunique()
words = articles.groupby("outlet")["n_body_words"].sum()
show_md(
    "An *information unit* is a group of body sentences, from any outlets, similar enough in "
    f"wording to count as the same piece of news (TF-IDF cosine similarity, threshold "
    f"{coverage.attrs['threshold']:g}; notebook 04 shows how the units move with it). "
    + (
        f"{len(counts)} units in all; {len(all_five)} carried by all {'five' if SEED_CORPUS else N_OUTLETS} outlets: "
        if N_EVENTS == 1
        else f"{len(counts)} units in all, in {N_EVENTS} events; {len(all_five)} carried by "
        "every outlet that covers its event (events covered by two or more outlets)"
        + (", e.g.: " if len(all_five) > 5 else ": " if len(all_five) else "")
    )
    + "; ".join(
        f"“{md_escape(t[:90])}…”" for t in (labels_all if N_EVENTS == 1 else labels_all.head(5))
    )
    + ". Units only one outlet reports (longer articles have more room for them): "
    + (
        ", ".join(f"{md_escape(o)} {n} ({words[o]} body words)" for o, n in uniq.items())
        if len(uniq)
        else "none"
    )
    + (
        ". Among them: "
        + "; ".join(
            f"{word} only in {', '.join(map(md_escape, sorted(set(exclusive.loc[exclusive['text'].str.contains(word, case=False), 'outlet']))))}"
            for word in ("balloons", "BTS", "Pungsan", "special military operation")
        )
        + " (notebook 04)."
        if SEED_CORPUS  # seed facts, read by hand
        else ". The sentences are in notebook 04."
    )
)
show_figure("coverage-units-by-outlet")

# %% [markdown]
# ## 7. Who copied whose text

# %% tags=["hide-input"]
rm = reuse_matrix.set_index(["article_a_id", "article_b_id"])
pairs = [(a, b) for a, b in rm.index if a < b and rm.loc[(a, b), "n_passages"] > 0]
by_pair = reuse_by_outlet_pair(reuse_matrix, scope="within")  # pooled per outlet pair
by_pair = by_pair[by_pair["n_passages"] > 0]
across = reuse_by_outlet_pair(reuse_matrix, scope="across")
show_md(
    "No pair of articles shares a near-verbatim passage in authorial text."
    if not pairs
    else "Near-verbatim passages in authorial text (quotations excluded), pooled per pair of "
    "outlets over the pairs of articles on the same event"
    + (
        "; an outlet paired with itself is its own articles, often house style"
        if (by_pair["outlet_a"] == by_pair["outlet_b"]).any()
        else ""
    )
    + ": "
    + "; ".join(
        f"{md_escape(r.outlet_a)} and {md_escape(r.outlet_b)}: {int(r.n_passages)} passage(s) "
        f"in {int(r.n_pairs_with_passages)} of {int(r.n_article_pairs)} article pairs"
        for r in by_pair.head(10).itertuples()
    )
    + (f"; {len(by_pair) - 10} more outlet pairs in `reuse_matrix`" if len(by_pair) > 10 else "")
    + (
        ". No other pair of outlets shares a passage on the same event."
        if len(by_pair)
        else "none."
    )
    + (
        f" Across events (syndication, wire copy or house style, never the same story): "
        f"{int(across['n_passages'].sum())} passage(s) in {int(across['n_pairs_with_passages'].sum())} "
        "article pairs, most between "
        + "; ".join(
            f"{md_escape(r.outlet_a)} and {md_escape(r.outlet_b)} ({int(r.n_passages)})"
            for r in across.head(3).itertuples()
        )
        + "."
        if across["n_passages"].sum() > 0
        else ""
    )
    if not ONE_PER_OUTLET
    else "Near-verbatim passages in authorial text (quotations excluded): "
    + "; ".join(
        f"{md_escape(outlet[a])} and {md_escape(outlet[b])}: {int(rm.loc[(a, b), 'n_passages'])} passage(s), "
        f"{rm.loc[(a, b), 'share_reused_a']:.0%} of {md_escape(outlet[a])}'s and "
        f"{rm.loc[(b, a), 'share_reused_a']:.0%} of {md_escape(outlet[b])}'s authorial words"
        for a, b in pairs
    )
    + ". No other pair shares a passage."
)
if SEED_CORPUS:  # seed narrative: 000 reads as a light rewrite of 003
    ov = unit_overlap(coverage)
    from_000 = ov[ov["article_a_id"] == "000"].set_index("article_b_id")
    assert from_000["n_shared"].idxmax() == "003"
    show_md(
        f"Beyond verbatim passages, IRIA (000) shares **{int(from_000.loc['003', 'n_shared'])} of its "
        f"{int(from_000.loc['003', 'n_units_a'])} information units** with the BBC-derived 003, more "
        "than with any other outlet ("
        + ", ".join(
            f"{md_escape(r.outlet_b)} {int(r.n_shared)}"
            for r in from_000.itertuples()
            if r.Index != "003"
        )
        + "). Together with the shared wording this is the pattern of a light rewrite of the BBC "
        "report; whether 000 copied 003 or both drew on a common source, the texts cannot tell."
    )
show_figure("reuse-matrix")

# %% [markdown]
# ## What this cannot show

# %% tags=["hide-input"]
validation, validation_note = load_validation()
nmtsc = (
    validation_value(validation, "newsmtsc_rw_test", "vader", "macro_f1")
    if validation is not None
    else float("nan")
)
best = (
    validation[
        (validation["benchmark"] == "newsmtsc_rw_test")
        & (validation["method"] == "roberta_gru_tsc")
    ]["published"].max()
    if validation is not None
    else float("nan")
)
show_md(
    (
        "* **Five articles, one per outlet.**"
        if SEED_CORPUS
        else f"* **{len(articles)} articles from {N_OUTLETS} outlets"
        + (f" on {N_EVENTS} events" if N_EVENTS > 1 else "")
        + ".**"
    )
    + " Differences describe these texts, not the outlets. "
    "Intervals are shown wherever a rate or mean is; most overlap.\n"
    "* **Rules, not readers.** Segmentation, quotation spans, speaker attribution, voice and "
    "targets are rule-based and checked against hand-read seed facts (the tests) and spans "
    "annotated by their developers (notebook 05), not against a public annotated benchmark "
    "of this kind of text.\n"
    + (
        "* **Generic sentiment is weak on news.** On NewsMTSC's real-world test set, "
        f"sentence-level VADER reaches macro F1 {nmtsc:.2f} against {best:.2f} for the "
        "published best model (notebook 05).\n"
        if validation is not None and nmtsc == nmtsc
        else "* **Generic sentiment is weak on news** (validation data absent in this run; see notebook 05).\n"
    )
    + "* **Hand-built lexicons.** The loaded-terms lexicon is built for this event; notebook 05 "
    "checks it against Recasens et al. (2013) and the BABE expert labels where available."
)

# %% [markdown]
# ## Every figure
#
# Each figure is in `figures/` as PNG, SVG and PDF, with its data (`<id>.csv`) and a
# citation line in `figures/README.md`.

# %% tags=["hide-input"]
figure_index()[["figure_id", "source_table", "notebook"]]
