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

# %% [markdown]
# # 04 · Across outlets: distinctive words, coverage and omission, text reuse
#
# **Questions.** Which words set each outlet apart, beyond a hand-made lexicon? Which facts
# does each outlet report, lead with, bury or leave out? Which articles copied their prose
# from another?
#
# **Outputs.** Tables `results/keyness.csv`, `results/coverage.csv`,
# `results/coverage_sensitivity.csv`, `results/coverage_exclusive.csv`,
# `results/coverage_omissions.csv`, `results/reuse.csv`, `results/reuse_matrix.csv`
# (columns in `results/README.md`, settings in `results/<table>.settings.json`). Figures
# `keyness-<outlet>-authorial` (one per outlet), `coverage-units-by-outlet`,
# `reuse-matrix`. Method details and caveats: `docs/across-outlets.md`.

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

notebook_setup(
    "04-across-outlets", results=RESULTS, figures=FIGURES, corpus=CORPUS, external=EXTERNAL
)

# seed-specific checks and prose run only on the five seed articles (seeds/)
SEED_CORPUS = is_seed_corpus(load_results("articles"))

# %% tags=["hide-input"]
show_md(
    """**Read this first.** Five short articles. The z-scores below are descriptive
standardised differences, not significance tests; an information unit is a cluster of
sentences whose boundaries move with a threshold; "omitted" means no sentence of that
outlet crossed the threshold. Evidence (sentence ids, offsets, text) is shown next to
every claim so it can be checked by reading."""
    if SEED_CORPUS
    else """**Read this first.** The z-scores below are descriptive
standardised differences, not significance tests; an information unit is a cluster of
sentences whose boundaries move with a threshold; "omitted" means no sentence of that
outlet crossed the threshold. Evidence (sentence ids, offsets, text) is shown next to
every claim so it can be checked by reading."""
)

# %%
from analysis import load_results, notebook_setup, show_md
from analysis.measures.coverage import unit_overlap, units_matching
from analysis.measures.keyness import (
    lexicon_terms_in_own_voice,
    prior_sensitivity,
    scope_contrast,
    top_terms,
)
from analysis.report.corpus_report import TOP_N, largest_outlets, raw_texts, top_rows
from analysis.safe_text import md_escape
from analysis.viz.coverage import plot_coverage
from analysis.viz.keyness import plot_keyness
from analysis.viz.reuse import plot_reuse_matrix

articles = load_results("articles")
sentences = load_results("sentences")
quote_spans = load_results("quote_spans")
keyness = load_results("keyness")
loaded = load_results("loaded_terms")
coverage = load_results("coverage")
sensitivity = load_results("coverage_sensitivity")
exclusive = load_results("coverage_exclusive")
omissions = load_results("coverage_omissions")
reuse = load_results("reuse")
reuse_matrix = load_results("reuse_matrix")
raw = raw_texts(articles)
# each outlet once, in the order of its first article (an outlet may have many articles)
outlets = list(dict.fromkeys(articles.sort_values("article_id")["outlet"]))

# %%
# Sanity checks: every evidence offset points at its text in the raw file.
present = coverage[coverage["present"]]
assert all(raw[r.article_id][int(r.start) : int(r.end)] == r.text for r in present.itertuples())
assert all(raw[r.article_a_id][r.start_a : r.end_a] == r.text_a for r in reuse.itertuples())
assert all(raw[r.article_b_id][r.start_b : r.end_b] == r.text_b for r in reuse.itertuples())
assert set(keyness["outlet"]) == set(outlets) and set(coverage["outlet"]) == set(outlets)
# keyness settings (the lexicon terms kept regardless of rarity are listed in
# results/keyness.settings.json)
{k: v for k, v in keyness.attrs.items() if k != "keep_terms"} | {
    "n_keep_terms": len(keyness.attrs.get("keep_terms", []))
}

# %% tags=["hide-input"]
show_md(
    """## 1. Distinctive words (Fightin' Words)

Each outlet's unigrams and bigrams against the other four outlets pooled, with the
log-odds ratio and informative Dirichlet prior of Monroe, Colaresi & Quinn (2008). The
*authorial* scope keeps only the outlet's own voice (the voice model of
[docs/voice.md](../docs/voice.md), the same as notebooks 01 and 02): every quotation and
every reported-speech clause is removed first, so a Putin sentence two outlets both quote
or paraphrase cannot make its words "distinctive" of either. The top terms per outlet, authorial
text, with the counts behind each z (`rate_*` per 1,000 words; `delta` the log-odds
difference; `z` = delta divided by its standard error):"""
    if SEED_CORPUS
    else """## 1. Distinctive words (Fightin' Words)

Each outlet's unigrams and bigrams against the other outlets pooled, with the
log-odds ratio and informative Dirichlet prior of Monroe, Colaresi & Quinn (2008). The
*authorial* scope keeps only the outlet's own voice (the voice model of
[docs/voice.md](../docs/voice.md), the same as notebooks 01 and 02): every quotation and
every reported-speech clause is removed first, so a sentence two outlets both quote or
paraphrase cannot make its words "distinctive" of either. The top terms per outlet, authorial
text, with the counts behind each z (`rate_*` per 1,000 words; `delta` the log-odds
difference; `z` = delta divided by its standard error):"""
)

# %%
top = top_terms(keyness, scope="authorial", n=8)
top[
    ["outlet", "term", "count_outlet", "count_rest", "rate_outlet", "rate_rest", "delta", "z"]
].round(2)

# %%
a0 = keyness["prior_strength"].iloc[0]
n_terms = keyness[keyness["scope"] == "authorial"].groupby("outlet")["term"].nunique()
above = top.groupby("outlet")["z"].apply(lambda z: int((z >= 1.96).sum()))
show_md(
    f"With prior strength a0 = {a0:g}, {n_terms.max()} terms (unigrams and bigrams seen at least "
    f"twice, authorial text) are scored for every outlet; of each outlet's top 8, between "
    f"{above.min()} and {above.max()} reach "
    "|z| ≥ 1.96. That line is a visual guide only: hundreds of terms are scored per outlet and the "
    f"corpus is {'five' if SEED_CORPUS else len(articles)} articles, so some terms will cross it by chance."
)

# %%
if SEED_CORPUS:  # seed narrative, read by hand
    bb = top[top["outlet"] == "Breitbart"].set_index("term")
    vg = top[top["outlet"] == "ViewUS Global"].set_index("term")
    assert {"yoon", "which"} <= set(bb.index) and {"he", "that", "arguing that"} <= set(vg.index)
    show_md(
        f"Read by outlet: with every quotation and every paraphrase set aside, Breitbart's own "
        f"prose is marked by **Yoon** ({bb.loc['yoon', 'count_outlet']} times, "
        f"{bb.loc['yoon', 'count_rest']} elsewhere) and *which* ({bb.loc['which', 'count_outlet']} "
        f"vs {bb.loc['which', 'count_rest']}); ViewUS Global's by **he** "
        f"({vg.loc['he', 'count_outlet']} vs {vg.loc['he', 'count_rest']}), **that** "
        f"({vg.loc['that', 'count_outlet']} vs {vg.loc['that', 'count_rest']}) and *arguing that*: "
        "once Putin's paraphrased words are removed, what is left of its article is the reporting "
        'frame ("He added that ...", "Arguing that ..."). Frequent function words (*he*, '
        "*which*, *that*) reach a high z with a modest difference in rate, because their large "
        "counts make the estimate precise: they describe style, not frames."
    )

# %% [markdown]
# ### Lexicon terms, however rare
#
# Terms of the loaded-terms lexicon (`analysis/lexicons/loaded_terms.yaml`) are never
# dropped for rarity. Here is every lexicon term an outlet uses in its own voice, taken from
# notebook 01's matches (`results/loaded_terms.csv`, voice `authorial`: the same voice model,
# its word-sense exclusions and its naming choices), with the count, the forms written and
# the highest authorial-scope z of those forms against the other outlets.

# %%
kept = keyness[keyness["kept"] & (keyness["scope"] == "authorial") & (keyness["count_outlet"] > 0)]
own_terms = lexicon_terms_in_own_voice(keyness, loaded)
if kept.empty:
    show_md("No lexicon was found when `framing analyze` ran, so no term was kept for rarity.")
if SEED_CORPUS:  # issue 12: reported speech and excluded senses are not the outlet's prose
    pairs = set(zip(own_terms["outlet"], own_terms["term"]))
    assert ("ViewUS Global", "special military operation") not in pairs
    assert ("Kyiv Independent", "regime") not in pairs and (
        "Kyiv Independent",
        "pariah",
    ) not in pairs
own_terms.round(2)

# %%
once = kept[(kept["count_outlet"] == 1) & (kept["count_rest"] == 0)]
if len(once):
    show_md(
        f"A single occurrence against none elsewhere gives z between {once['z'].min():.2f} and "
        f'{once["z"].max():.2f} ({len(once)} terms): rare terms cannot look "significant", which '
        "is the point of the prior."
    )

# %% [markdown]
# Figures `keyness-<outlet>-authorial` (one per outlet, in the style of scattertext but static): every term's corpus frequency against its z, the top terms labelled.

# %%
drawn = largest_outlets(articles, n=12)  # one figure per outlet, at most 12
if len(drawn) < len(outlets):
    show_md(
        f"Figures for the {len(drawn)} outlets with most articles (of {len(outlets)}); every "
        "outlet's terms are in `results/keyness.csv`."
    )
for outlet in drawn:
    ax = plot_keyness(keyness, outlet, scope="authorial")

# %% [markdown]
# ### What quotations and reported speech do to distinctiveness
#
# Terms that look distinctive over *all* body text but not over authorial text: their
# z comes from what the outlet quoted or paraphrased.

# %%
contrast = scope_contrast(keyness, z_min=1.5)
contrast

# %%
if SEED_CORPUS:  # seed fact: a phrase only ever quoted
    cz = keyness[(keyness["term"] == "combat zone")]
    assert cz[cz["scope"] == "authorial"]["count_outlet"].sum() == 0  # only ever inside quotations
    show_md(
        f"Example: *combat zone* occurs {int(cz[cz['scope'] == 'all']['count_outlet'].sum())} times "
        "in all body text, every time inside the Putin quotation that Breitbart and the Kyiv "
        f"Independent share, and {int(cz[cz['scope'] == 'authorial']['count_outlet'].sum())} times in "
        "authorial text."
    )

# %% [markdown]
# ### How much the ranking depends on the prior
#
# The prior strength a0 is a modelling choice. Rank correlation of each outlet's z-scores
# with the default's, and the share of the default top 10 that stays in the top 10:

# %%
prior = prior_sensitivity(sentences, quote_spans)
prior

# %%
off = prior[prior["prior_strength"] != a0]
show_md(
    f"Across a0 = {', '.join(f'{x:g}' for x in sorted(prior['prior_strength'].unique()))}, the "
    f"rank correlation with the default stays at or above {off['spearman'].min():.2f}, but "
    f"between {off['top_overlap'].min():.0%} and {off['top_overlap'].max():.0%} of an outlet's "
    "top-10 list survives: "
    "the broad ordering is stable, the exact top list is not. Quote terms, not ranks."
)

# %% tags=["hide-input"]
show_md(
    """## 2. Coverage and omission

Body sentences of all five articles are clustered into information units (TF-IDF
vectors, cosine similarity, average linkage cut at a documented threshold). First, how
the units depend on that threshold:"""
    if SEED_CORPUS
    else """## 2. Coverage and omission

Body sentences of all the articles are clustered into information units (TF-IDF
vectors, cosine similarity, average linkage cut at a documented threshold). First, how
the units depend on that threshold:"""
)

# %%
sensitivity

# %%
d = sensitivity[sensitivity["is_default"]].iloc[0]
lo, hi = sensitivity.iloc[0], sensitivity.iloc[-1]
show_md(
    f"At the default threshold {d.threshold:g} there are {int(d.n_units)} units, "
    f"{int(d.n_shared)} carried by two or more outlets and {int(d.n_all_outlets)} by all "
    f"{'five' if SEED_CORPUS else len(outlets)}. "
    f"Lowering the threshold to {lo.threshold:g} leaves {int(lo.n_units)} units (more merging, "
    f"adjusted Rand index {lo.ari_vs_default:.2f} against the default); raising it to "
    f"{hi.threshold:g} gives {int(hi.n_units)} (ARI {hi.ari_vs_default:.2f}). The counts of "
    "shared and unique units below hold for the default only."
)

# %%
show_md(
    "Figure `coverage-units-by-outlet`: units carried by at least two outlets, ordered by how "
    "many outlets carry them; colour = where the unit first appears in each article (dark = "
    f"lead, light = buried), blank = not reported, L = first {coverage.attrs['lead_cutoff']:.0%} "
    "of the body."
)

# %%
ax = plot_coverage(coverage, min_outlets=2)

# %% [markdown]
# ### Lead or buried
#
# Position of each unit carried by three or more outlets (0 = first body sentence, 1 = last;
# empty = not reported). The spread across a row is where outlets disagree on importance.

# %%
core = coverage[coverage["n_outlets"] >= 3]
grid = (
    core.pivot(index="unit_id", columns="outlet", values="position")
    .reindex(columns=outlets)
    .round(2)
)
grid.insert(
    0, "label", core.drop_duplicates("unit_id").set_index("unit_id")["label"].str.slice(0, 70)
)
top_rows(grid, "coverage")

# %%
spread = core.groupby("unit_id")["position"].agg(lambda p: p.max() - p.min()).dropna()
if len(spread):  # no unit carried by three outlets: nothing to compare
    u = spread.idxmax()
    rows = core[(core["unit_id"] == u) & core["present"]].sort_values("position")
    show_md(
        f"The largest disagreement is unit {md_escape(u)}: {md_escape(rows.iloc[0].outlet)} carries it at position "
        f"{rows.iloc[0].position:.2f} ({md_escape(rows.iloc[0].sentence_id)}), {md_escape(rows.iloc[-1].outlet)} at "
        f"{rows.iloc[-1].position:.2f} ({md_escape(rows.iloc[-1].sentence_id)}). Read both before calling it "
        f'the same fact: early: "{md_escape(rows.iloc[0].text)}" late: "{md_escape(rows.iloc[-1].text)}" '
        "Bag-of-words units can join related statements that are not the same claim."
    )

# %% tags=["hide-input"]
if SEED_CORPUS:
    show_md("""### The shared core: Putin's "big mistake" warning""")

# %%
if SEED_CORPUS:  # seed fact: every outlet carries the warning
    big = units_matching(coverage, r"big mistake")
    big_unit = big.groupby("unit_id")["present"].sum().idxmax()
    warning = coverage[coverage["unit_id"] == big_unit]
    assert warning["present"].all()
    display(warning[["unit_id", "outlet", "position", "lead", "sentence_ids", "text"]])

# %%
if SEED_CORPUS:  # seed narrative
    buried = warning.loc[warning["position"].idxmax()]
    show_md(
        f"All {int(warning['present'].sum())} outlets carry the warning (unit {md_escape(big_unit)}); "
        f"{int(warning['lead'].sum())} of them in the first {coverage.attrs['lead_cutoff']:.0%} of the body. The latest is "
        f"{md_escape(buried.outlet)} (position {buried.position:.2f}, sentence {md_escape(buried.sentence_id)})."
    )

# %% [markdown]
# ### What only one outlet reports

# %%
per_outlet = exclusive.groupby("outlet")["unit_id"].nunique().reindex(outlets, fill_value=0)
words = articles.groupby("outlet")["n_body_words"].sum().reindex(outlets)
per_outlet.to_frame("exclusive_units").assign(body_words=words)

# %%
if SEED_CORPUS:  # seed facts, read by hand
    bts = units_matching(coverage, r"balloons|\bBTS\b|Pungsan")
    bts_rows = bts[bts["present"]]
    assert set(bts_rows["outlet"]) == {"Breitbart"} and (bts_rows["n_outlets"] == 1).all()
    display(
        exclusive[exclusive["unit_id"].isin(bts_rows["unit_id"])][
            ["unit_id", "outlet", "sentence_id", "start", "end", "text"]
        ]
    )

# %%
if SEED_CORPUS:  # seed facts, read by hand
    smo = units_matching(coverage, "special military operation")
    smo_rows = smo[smo["present"]]
    assert smo_rows["outlet"].tolist() == ["ViewUS Global"]
    show_md(
        f"Breitbart alone reports the trash balloons, the BTS loudspeakers and the Pungsan dogs "
        f"({len(bts_rows)} single-outlet units, sentences {', '.join(md_escape(i) for ids in bts_rows['sentence_ids'] for i in ids.split(';'))}). "
        f"ViewUS Global alone uses the Kremlin's phrase *special military operation*, in reported "
        f"speech, not in quotation marks ({md_escape(smo_rows.iloc[0].sentence_id)}: "
        f'"{md_escape(smo_rows.iloc[0].text)}").'
    )

# %% [markdown]
# ### What every outlet but one reports

# %%
top_rows(
    omissions[
        [
            "unit_id",
            "missing_outlet",
            "label",
            "n_outlets",
            "closest_sentence_id",
            "closest_similarity",
        ]
    ].round(2),
    "coverage_omissions",
)

# %% tags=["hide-input"]
show_md(
    """An omission here is a unit that four outlets carry and one does not *at this threshold*.
The table gives the missing outlet's closest sentence: read it before concluding the
outlet left the fact out; a paraphrase with different words may sit just below the
threshold."""
    if SEED_CORPUS
    else """An omission here is a unit that every outlet but one carries and that one does not *at
this threshold*. The table gives the missing outlet's closest sentence: read it before
concluding the outlet left the fact out; a paraphrase with different words may sit just
below the threshold."""
)

# %%
for r in omissions.head(TOP_N).itertuples():  # the rest: results/coverage_omissions.csv
    show_md(
        f"Unit {md_escape(r.unit_id)} is missing from {md_escape(r.missing_outlet)}. Its closest sentence, "
        f"{md_escape(r.closest_sentence_id)} (mean similarity {r.closest_similarity:.2f}, threshold "
        f'{coverage.attrs["threshold"]:g}), reads: "{md_escape(r.closest_text)}"'
    )

# %% [markdown]
# ## 3. Text reuse

# %%
show_md(
    "Near-verbatim passages over the text outside quotation marks (quotations removed; "
    "reported speech kept, since copied paraphrase is reuse too, so 'authorial' here is wider "
    "than the voice model's): "
    f"{reuse.attrs['shingle_words']}-word shingles (overlapping word sequences) chained into "
    f"passages of at least {reuse.attrs['min_words']} words. Figure `reuse-matrix` shows the "
    "share of each row article's authorial words that sit in passages shared with the column "
    "article."
)

# %%
ax = plot_reuse_matrix(reuse_matrix)

# %%
top_rows(
    reuse[
        [
            "passage_id",
            "article_a_id",
            "article_b_id",
            "n_words_a",
            "n_words_b",
            "similarity",
            "text_a",
            "text_b",
        ]
    ].round(2),
    "reuse",
)

# %%
if SEED_CORPUS:  # seed narrative: who copied whom
    m = reuse_matrix.set_index(["article_a_id", "article_b_id"])
    p03 = reuse[(reuse["article_a_id"] == "000") & (reuse["article_b_id"] == "003")]
    p04 = reuse[(reuse["article_a_id"] == "000") & (reuse["article_b_id"] == "004")]
    overlap = unit_overlap(coverage).set_index(["article_a_id", "article_b_id"])
    shared_03 = int(overlap.loc[("000", "003"), "n_shared_only"])
    assert len(p03) > 0
    assert reuse[(reuse["article_a_id"] == "001") & (reuse["article_b_id"] == "004")].empty
    assert m.loc[("001", "002"), "n_passages"] == 0
    show_md(
        f"IRIA (000) and the BBC republication (003) share **{len(p03)} passages** "
        f"({int(m.loc[('003', '000'), 'words_reused_a'])} of 003's {int(m.loc[('003', '000'), 'words_a'])} authorial "
        f"words, {m.loc[('003', '000'), 'share_reused_a']:.0%}), {int((p03['similarity'] == 1).sum())} of "
        "them word for word after normalising case and punctuation. Beyond them, much of 000 "
        "paraphrases 003 closely with word substitutions: of 000's "
        f"{int(overlap.loc[('000', '003'), 'n_units_a'])} information units, "
        f"{int(overlap.loc[('000', '003'), 'n_shared'])} are shared with 003 ({shared_03} with 003 "
        "and no other outlet). That is why 000 reads as a light rewrite of the BBC report (an "
        "inference about direction the texts cannot prove; see below). Breitbart (001) and ViewUS Global (004) share nothing. Breitbart and the "
        "Kyiv Independent quote the same Putin sentence, but quotations are not reuse: "
        f"{int(m.loc[('001', '002'), 'n_passages'])} passages."
    )

# %%
if SEED_CORPUS:  # seed fact: a shared translation
    phrase = "unlikely to please the current leadership of South Korea"
    bbc_phrase = "unlikely to please South Korea’s current leadership"
    assert (
        phrase in raw["000"]
        and phrase in raw["004"]
        and phrase not in raw["003"]
        and bbc_phrase in raw["003"]
    )
    if len(p04) == 1:
        show_md(
            f'The one 000–004 passage, "{md_escape(p04.iloc[0].text_a)}" ({int(p04.iloc[0].n_words_a)} words), '
            "is the conditional half of Putin's remark, outside quotation marks in both. Both "
            f'outlets also quote the same English wording of the remark ("{phrase}"; 003 has '
            '"unlikely to please South Korea’s current leadership"), which points to a shared translation '
            "or wire source rather than to one copying the other's prose."
        )

# %% tags=["hide-input"]
show_md(
    """## What five articles cannot show

* **Keyness** describes these five texts. With one article per outlet, "Breitbart's
  vocabulary" is one Breitbart article's vocabulary; a z-score of 2 is not evidence
  about the outlet.
* **Coverage** depends on a similarity threshold and on bag-of-words similarity: it
  merges sentences on the same topic and can split paraphrases that use different
  words. The sensitivity table is part of the result.
* **Reuse** finds copied wording only. A rewrite that changes every fifth word, or a
  translation, escapes shingles; a shared wire phrase looks like copying. Which way the
  copying went (003 → 000 or a common source) is not something the texts alone decide."""
    if SEED_CORPUS
    else """## What these articles cannot show

* **Keyness** describes these texts; a z-score of 2 is not evidence about the outlet.
  Pooled over events, an outlet's distinctive words mix its house style and the stories
  it chose with how it framed them; `results/keyness_events.csv` compares the outlets
  within each event.
* **Coverage** depends on a similarity threshold and on bag-of-words similarity: it
  merges sentences on the same topic and can split paraphrases that use different
  words. The sensitivity table is part of the result.
* **Reuse** finds copied wording only. A rewrite that changes every fifth word, or a
  translation, escapes shingles; a shared wire phrase looks like copying. Which way the
  copying went, or whether both drew on a common source, is not something the texts
  alone decide."""
)

# %% [markdown]
# ## Informational bias: whose side the exclusive facts favour
#
# Of the units only one outlet carries, which actors they name and whether the clause
# around the name is favourable or unfavourable (clause-window VADER; the `method`
# column names it). Assumptions and weaknesses: `docs/informational-bias.md`. Cells with
# at least 3 units, strongest balance first; the evidence sentences are in
# `informational_evidence`.

# %%
from analysis.measures.informational import balance_summary

info_balance = load_results("informational_balance")
info_top = balance_summary(info_balance, min_units=3)
display(
    info_top[
        ["event", "outlet", "actor", "n_exclusive_units", "n_favourable", "n_unfavourable"]
        + ["n_neutral", "balance", "ci_low", "ci_high", "method"]
    ]
)
if len(info_top):
    r = info_top.iloc[0]
    show_md(
        f"The strongest: {md_escape(r.outlet)}'s {int(r.n_exclusive_units)} exclusive units naming "
        f"{md_escape(r.actor)} balance {r.balance:+.2f} (95% interval {r.ci_low:+.2f} to "
        f"{r.ci_high:+.2f}, resampling {md_escape(r.resampled)}). A window's tone is not a stance "
        "toward each actor it names: read the evidence sentences before calling it a slant."
    )
