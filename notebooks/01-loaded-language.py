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
# # 01 · Loaded language: who says which label, about whom, and where
#
# **Question.** Which outlets use loaded terms such as "strongman", "dictator", "rogue",
# "communist", "invasion" or "Kiev" *in their own voice*, which only quote them from others,
# whom do the labels target, and what sits outside the article body?
#
# **Outputs.** Tables `results/loaded_terms.csv` (one row per match, with voice, speaker,
# target, sentence and offsets), `results/loaded_term_rates.csv` (outlet × segment group ×
# term × voice, counts, rates per 1,000 words, exact Poisson 95% intervals) and
# `results/loaded_term_targets.csv`; figures `loaded-terms-authorial-heatmap`,
# `loaded-terms-by-voice` and `loaded-terms-targets`. Method and caveats:
# `docs/loaded-language.md`.

# %% tags=["parameters"]
# Parameters: where this notebook reads its tables and inputs and saves its figures.
# `make reproduce` and `framing report` set them in an injected cell below this one
# (papermill's convention); None means the project's own folders (results/, figures/,
# seeds/, data/external/).
RESULTS = None
FIGURES = None
CORPUS = None
EXTERNAL = None

# %%
from analysis import load_results, notebook_setup, show_md
from analysis.extract.loaded_terms import kwic, load_lexicon, matches_outside_body, voice_profile
from analysis.measures.learned_language import (
    bias_by_outlet,
    bias_comparison_md,
    bias_disagreements,
    disagreements_md,
    generic_summary_md,
)
from analysis.report.corpus_report import (
    event_effects_md,
    is_seed_corpus,
    lexicon_path,
    raw_texts,
)
from analysis.safe_text import md_code, md_escape
from analysis.viz.loaded_terms import plot_authorial_heatmap, plot_target_terms, plot_voice_bars

notebook_setup(
    "01-loaded-language", results=RESULTS, figures=FIGURES, corpus=CORPUS, external=EXTERNAL
)

articles = load_results("articles")
matches = load_results("loaded_terms")
excluded = load_results("loaded_terms_excluded")
rates = load_results("loaded_term_rates")
targets = load_results("loaded_term_targets")
lexicon = load_lexicon(lexicon_path(matches))  # the lexicon the analysis used
# seed-specific checks and prose run only on the five seed articles (seeds/)
SEED_CORPUS = is_seed_corpus(articles)

# %% tags=["hide-input"]
show_md(
    """A raw count misleads: in seed 002, "rather desperate" is quoted from unnamed observers and
"dictator" sits in a promo for a different article. Every match below therefore says in
whose voice it appears, at whom it is aimed, and in which part of the page."""
    if SEED_CORPUS
    else """A raw count misleads: a loaded word can be quoted from a source, or sit in a promo for a
different article. Every match below therefore says in whose voice it appears, at whom it
is aimed, and in which part of the page."""
)

# %% [markdown]
# ## The lexicon
#
# Each term has a canonical id, its surface patterns, a category and a one-line rationale;
# some have contexts that are *not* a loaded use (e.g. "sanctions regime"), a word sense
# that counts only with a required context nearby (`requires`, `within` words: "invasion"
# names Russia's war only near Ukraine, Russia, Kyiv, Moscow or Putin), or verb forms that
# count too (`verb_patterns`: "Ukraine … was invaded by Russia"). Patterns are literal words
# matched case-insensitively on word boundaries, never regular expressions. Voice follows the
# project's one voice model ([docs/voice.md](../docs/voice.md)).

# %%
lexicon[["term", "category", "patterns", "exclude", "requires", "within", "rationale"]]

# %%
show_md(
    f"Lexicon version **{md_escape(lexicon.attrs['lexicon_version'])}**: {len(lexicon)} terms in "
    f"{lexicon['category'].nunique()} categories. Over the {len(articles)} pages it matched "
    f"**{len(matches)}** times ({(matches['segment'].isin(['headline', 'body'])).sum()} in "
    f"headlines and bodies); {len(excluded)} match(es) were not counted, each with the reason "
    "(an exclude context, or another word sense: no required context nearby), listed below "
    "and in `results/loaded_terms_excluded.csv`."
)

# %%
excluded[["outlet", "sentence_id", "term", "matched", "reason", "sentence"]]

# %%
# Sanity checks: every match points at its text in the raw file; voices are the three allowed.
raw = raw_texts(articles)
assert all(raw[r.article_id][r.start : r.end] == r.matched for r in matches.itertuples())
assert set(matches["voice"]) <= {"authorial", "quoted", "reported"}
assert rates["count"].sum() == len(matches)
assert set(rates["term"]) == set(lexicon["term"])  # no term dropped for being rare

# %% [markdown]
# ## Which outlet uses which label in its own voice
#
# Figure `loaded-terms-authorial-heatmap`: colour and number are the count of matches in
# headline and body (an empty cell: none; rates per 1,000 words with intervals are in
# `loaded_term_rates`). Only the outlet's own (authorial) words are counted here; quoted
# and reported uses follow below.

# %%
ax = plot_authorial_heatmap(rates)

# %%
profile = voice_profile(rates)
own = profile[profile["use"] == "own voice"]
only = profile[profile["use"] != "own voice"]
labels = own[own["category"].isin(["pejorative_label", "ideological_label", "evaluative"])]
per_outlet = labels.groupby("outlet", sort=False)["term"].apply(
    lambda t: ", ".join(map(md_escape, t))
)
lines = [f"- **{md_escape(o)}**: {terms}" for o, terms in per_outlet.items()]
none = sorted(set(articles["outlet"]) - set(per_outlet.index))
show_md(
    "Labels, evaluations and ideological terms each outlet writes **in its own voice** "
    "(headline and body):\n\n"
    + "\n".join(lines)
    + (f"\n\nNone in their own voice: {', '.join(map(md_escape, none))}." if none else "")
)

# %% [markdown]
# ## Which terms an outlet only quotes or reports
#
# `quoted only`: the word appears only inside quotation marks (someone else's words).
# `reported speech only`: only in a clause attributed by a reporting verb ("Observers point
# out that ..."): the claim is someone else's, the wording is the outlet's paraphrase.

# %%
only

# %%
quoted_only = only[only["use"] == "quoted only"]
reported_only = only[only["use"] == "reported speech only"]
show_md(
    f"{len(own)} outlet × term pairs occur in the outlet's own voice; {len(quoted_only)} occur "
    f"**only inside quotation marks** ({', '.join(f'{md_escape(r.outlet)}: {md_escape(r.term)}' for r in quoted_only.itertuples())}) "
    f"and {len(reported_only)} only in reported speech. A word an outlet only quotes is a "
    "choice of *source*, not of *label*."
)

# %% [markdown]
# Figure `loaded-terms-by-voice`: every headline-and-body match per outlet, stacked by voice.

# %%
axes = plot_voice_bars(rates)

# %% [markdown]
# ## Who the labels target
#
# The target is the actor the term labels in its noun phrase ("communist dictator Kim
# Jong-un"), in an apposition or predicate, or the one state an anaphor such as "the rogue
# communist state" refers back to. When the sentence does not make it clear the target stays
# empty (`(unresolved)`) rather than guessed. Figure `loaded-terms-targets`.

# %%
ax = plot_target_terms(targets)

# %%
resolved = matches[matches["target"].fillna("") != ""]
hb = matches["segment"].isin(["headline", "body"])
who = (
    resolved[resolved["segment"].isin(["headline", "body"])]
    .groupby(["outlet", "target"], sort=False)["term"]
    .agg(lambda t: ", ".join(t))
    .reset_index()
)
show_md(
    f"{len(resolved[resolved['segment'].isin(['headline', 'body'])])} of {int(hb.sum())} "
    "headline-and-body matches have a resolved target:\n\n"
    + "\n".join(
        f"- {md_escape(r.outlet)} → {md_code(r.target)}: {md_escape(r.term)}"
        for r in who.itertuples()
    )
)

# %% [markdown]
# ## What sits outside the article body
#
# Teasers for other articles, captions and site boilerplate are reported separately and are
# never added to the article's count.

# %%
outside = matches_outside_body(matches)
outside

# %%
teaser = outside[outside["segment"] == "teaser"]
show_md(
    f"{len(outside)} match(es) sit outside headline and body, {len(teaser)} of them in teasers "
    f"for other articles ({', '.join(md_escape(o) for o in sorted(set(teaser['outlet'])))}): "
    + "; ".join(f'"{md_escape(r.matched)}" ({md_escape(r.term)})' for r in teaser.itertuples())
    + ". They appear in `loaded_term_rates.csv` under their own segment group."
)

# %% [markdown]
# ## Counts, rates and intervals
#
# Headline and body, every outlet × term with at least one match in any voice. `n_words` is
# the headline-and-body word count (the body words of notebook 00 plus the headline's); the
# interval is the exact Poisson 95% interval per 1,000 words.

# %%
hb_rates = rates[(rates["segment_group"] == "headline+body") & (rates["count"] > 0)]
hb_rates[
    ["outlet", "term", "voice", "count", "n_words", "rate_per_1000", "ci_low", "ci_high"]
].round(2)

# %%
top = hb_rates.sort_values("count", ascending=False).head(1)
hb_zero = rates[(rates["segment_group"] == "headline+body") & (rates["count"] == 0)]
if len(top):
    top = top.iloc[0]
    zero = hb_zero[(hb_zero["term"] == top.term) & (hb_zero["voice"] == top.voice)]
    widest = (zero if len(zero) else hb_zero).sort_values("ci_high", ascending=False).iloc[0]
    show_md(
        f'The largest single count is {md_escape(top.outlet)}\'s **{int(top["count"])}** × "{md_escape(top.term)}" '
        f"({md_escape(top.voice)}), {top.rate_per_1000:.1f} per 1,000 words (95% interval "
        f"{top.ci_low:.1f}–{top.ci_high:.1f}). An outlet with **zero** uses is still compatible "
        f"with up to {widest.ci_high:.1f} per 1,000 words ({md_escape(widest.outlet)}, {int(widest.n_words)} "
        "words): a zero is not evidence of avoidance."
    )
elif len(hb_zero):
    widest = hb_zero.sort_values("ci_high", ascending=False).iloc[0]
    show_md(
        "No lexicon term occurs in any headline or body. Even so, each zero is compatible with "
        f"up to {widest.ci_high:.1f} per 1,000 words ({md_escape(widest.outlet)}, {int(widest.n_words)} "
        "words): a zero is not evidence of avoidance."
    )

# %%
event_effects = load_results("loaded_term_event_effects")
if event_effects["n_events"].max() >= 2:  # only when outlets share two or more stories
    show_md(
        "## The same stories compared\n\nPooled over many events, an outlet's rate mixes "
        "how it wrote with which stories it chose. Table `loaded_term_event_effects` compares "
        "each outlet with the others on the same event first (`loaded_term_events` holds the "
        "outlet × event rates), then pools over events; the interval resamples events.\n\n"
        + event_effects_md(
            event_effects[event_effects["voice"] == "authorial"],
            measure="authorial loaded-term rate",
            unit="per 1,000 headline and body words",
        )
    )

# %% [markdown]
# ## Every match in context (KWIC)
#
# Keyword in context: 40 characters either side of each match. `speaker` is who the
# quotation or reported clause is attributed to (`unattributed`: the outlet's own text or an
# unattributed quotation); offsets and sentence ids are in `results/loaded_terms.csv`.

# %%
kwic(matches, width=40)[
    ["outlet", "segment", "voice", "speaker", "target", "left", "matched", "right"]
]

# %% tags=["hide-input"]
if SEED_CORPUS:
    show_md("""## Facts checked by hand against the seed files""")

# %%
# seed facts, read by hand in seeds/*.txt (skipped on any other corpus)
if SEED_CORPUS:

    def rows(aid, term, segments=("headline", "body")):
        m = matches[(matches["article_id"] == aid) & (matches["term"] == term)]
        return m[m["segment"].isin(segments)]

    # Breitbart (001)
    assert rows("001", "strongman")[["voice", "target"]].values.tolist() == [["authorial", "putin"]]
    assert len(rows("001", "dictator")) == 2 and set(rows("001", "dictator")["target"]) == {
        "kim_jong_un"
    }
    assert rows("001", "rogue")[["voice", "target"]].values.tolist() == [
        ["authorial", "north_korea"]
    ]
    # communist: 5, all authorial; line 18 sits inside "said it had grave concern that ..." but
    # labels the name "North Korea" (a naming choice, Breitbart's own words)
    assert len(rows("001", "communist")) == 5
    assert rows("001", "communist")["voice"].tolist().count("authorial") == 5
    # Kyiv Independent (002)
    assert rows("002", "rather desperate")["voice"].tolist() == ["quoted"]
    assert rows("002", "pariah")["voice"].tolist() == ["reported"]
    assert len(rows("002", "regime")) == 0
    assert rows("002", "dictator", ("teaser",))["target"].tolist() == ["kim_jong_un"]
    assert len(rows("002", "rather desperate", ("teaser",))) == 1
    assert len(matches[(matches["article_id"] == "002") & (matches["term"] == "strongman")]) == 0
    # 003, 004, 000
    assert len(rows("003", "kiev")) == 2 and len(rows("003", "dictator")) == 0
    assert rows("003", "kiev")["voice"].tolist() == [
        "authorial",
        "authorial",
    ]  # spelling is the outlet's
    assert rows("004", "special military operation")[["voice", "speaker"]].values.tolist() == [
        ["reported", "putin"]
    ]
    assert rows("000", "blackmail")[["voice", "speaker"]].values.tolist() == [
        ["quoted", "zinoviev"]
    ]
    # "X condemned / addressed / interpreted Y as a threat": X's characterisation (issue 12)
    threat = matches[
        matches["sentence_id"].isin(["003-s007", "004-s016", "001-s021"])
        & (matches["term"] == "threat")
    ]
    assert sorted(zip(threat["sentence_id"], threat["speaker"])) == [
        ("001-s021", "anonymous"),
        ("003-s007", "south_korea"),
        ("004-s016", "putin"),
    ]
    assert set(threat["voice"]) == {"reported"}
    # ViewUS's hypothetical "invasion" of a treaty partner (004 lines 5, 6) is not war naming
    assert len(rows("004", "invasion")) == 0
    assert excluded.loc[excluded["term"] == "invasion", "sentence_id"].tolist() == [
        "004-s009",
        "004-s010",
    ]
    assert len(rows("000", "dictator")) == 0 and len(rows("000", "kiev")) == 0

# %% [markdown]
# ## A learned measure beside the lexicon
#
# The event lexicon sees only the words someone listed. As a second opinion, every sentence
# is also scored by a biased-sentence classifier trained on BABE (Spinde et al. 2021; word
# and character TF-IDF with a linear SVM, fitted at run time from `data/external/babe` with a
# fixed seed; `results/sentence_bias.csv`), and matched against generic loaded-language word
# lists (Hu–Liu opinion words, BABE bias words, Recasens et al. 2013; with voice, speaker and
# target as for the event lexicon; `results/generic_loaded_terms.csv`). Method:
# `analysis.measures.learned_language`.
#
# **Where the model is weak.** In 5-fold cross-validation on BABE it reaches a weighted F1 of
# about 0.745 (the published BERT model: 0.804), and BABE is US political news of 2017–2020
# labelled by US annotators; this corpus is another event, with non-US outlets and translated
# state-media text. That domain shift means its labels are a second opinion, not ground truth:
# it learned which *words* US annotators found biased, so it can miss a label that is loaded
# only in this event ("strongman" before a name) and flag plain reporting of harsh words.
# Below, per outlet: the share of headline and body sentences the model calls biased beside
# the share with at least one authorial event-lexicon match (place names not counted), each
# with a Clopper–Pearson 95% interval, and then the sentences where the two disagree.

# %%
try:
    sentence_bias = load_results("sentence_bias")
except FileNotFoundError:
    sentence_bias = None
if sentence_bias is None:
    show_md(
        "**The learned measures are unavailable in this run**: `data/external/babe` (and the "
        "generic word lists) were absent, so the `learned_language` step wrote no "
        "`sentence_bias` or `generic_loaded_terms` table. Link the data (`make external`) and "
        "re-run `framing analyze` to see this section."
    )
else:
    bias_outlets = bias_by_outlet(sentence_bias, matches)
    show_md(bias_comparison_md(bias_outlets))

# %%
bias_outlets if sentence_bias is not None else None

# %% tags=["hide-input"]
if sentence_bias is not None:
    show_md(disagreements_md(bias_disagreements(sentence_bias, matches, n=5)))

# %%
try:
    generic = load_results("generic_loaded_terms")
except FileNotFoundError:
    generic = None
if generic is not None:
    show_md(generic_summary_md(generic))

# %% [markdown]
# How the lexicon fares against outside standards (Recasens et al. 2013, BABE): [notebook 05, validation](05-validation.ipynb).

# %% tags=["hide-input"]
show_md(
    """## What five articles can and cannot show"""
    if SEED_CORPUS
    else """## What this corpus can and cannot show"""
)

# %%
n_words = articles.groupby("outlet")["n_body_words"].sum()
hyp = excluded[excluded["reason"].str.startswith("no required context")]
generic_invasion = (
    f"{', '.join(md_escape(o) for o in sorted(set(hyp['outlet'])))} {' and '.join(map(md_escape, hyp['sentence_id']))}"
    if len(hyp)
    else "none of these pages"
)
n_pages = articles.groupby("outlet").size()
per_outlet_pages = (
    "One article per outlet"
    if articles["outlet"].is_unique
    else f"{n_pages.min()}–{n_pages.max()} articles per outlet"
    if n_pages.min() < n_pages.max()
    else f"{n_pages.min()} articles per outlet"
)
show_md(
    f"- **{per_outlet_pages}** ({len(articles)} pages, {n_words.min()}–{n_words.max()} body "
    + ("words each" if articles["outlet"].is_unique else "words per outlet")
    + "). Every statement here is about these pages, not about the outlets' coverage "
    "in general.\n"
    f"- **Small counts.** The largest count is {int(hb_rates['count'].max()) if len(hb_rates) else 0}; almost every "
    "interval overlaps those of other outlets, so the data carry *which words an outlet writes "
    "in its own voice and which it only quotes*, not *that one outlet uses a word at a higher "
    "rate than another*.\n"
    "- **The lexicon decides what is counted.** It is hand-built for "
    + ("this event" if SEED_CORPUS else "the seed event (unless `--lexicon` named another)")
    + "; loaded words "
    'missing from it are invisible, and some listed words are often neutral ("threat"). '
    'Word senses are told apart only where an entry says how: "invasion" counts as war '
    f"naming only near Ukraine/Russia, so {generic_invasion} (a hypothetical attack on either "
    "treaty partner) is listed as excluded with the reason, not counted.\n"
    "- **Voice and target are rule-based.** A paraphrase without a reporting verb counts as "
    'the outlet\'s own voice; targets across sentences (pronouns, "the country") stay '
    f"unresolved: {int((matches['target'].fillna('') == '').sum())} of {len(matches)} matches "
    "have no target."
)
