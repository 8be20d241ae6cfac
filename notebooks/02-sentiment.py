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
# # 02 · Sentiment per outlet: sentences, voices, actors, and what the lexicons miss

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

notebook_setup("02-sentiment", results=RESULTS, figures=FIGURES, corpus=CORPUS, external=EXTERNAL)

# seed-specific checks and prose run only on the five seed articles (seeds/)
SEED_CORPUS = is_seed_corpus(load_results("articles"))

# %% tags=["hide-input"]
show_md(
    """**Question.** How positive or negative is each outlet's report of Putin's warning to South
Korea, once sentences are scored one by one, the outlet's own voice is kept apart from the
people it quotes, and scores are read toward each actor? And how far can a general-purpose
sentiment lexicon be trusted on political news?"""
    if SEED_CORPUS
    else """**Question.** How positive or negative is each outlet's report of the event, once sentences
are scored one by one, the outlet's own voice is kept apart from the people it quotes, and
scores are read toward each actor? And how far can a general-purpose sentiment lexicon be
trusted on political news?"""
)

# %% [markdown]
# **Outputs.** Tables `results/sentiment_sentences.csv`, `results/sentiment_outlets.csv`,
# `results/sentiment_agreement.csv`, `results/sentiment_actors.csv`,
# `results/sentiment_actor_windows.csv`, `results/sentiment_lexicon_audit.csv`
# (columns in `results/README.md`; settings in the
# `*.settings.json` beside each). Figures `sentiment-sentence-distribution`,
# `sentiment-headline-vs-body`, `sentiment-actor-heatmap`. Method notes: `docs/sentiment.md`.
#
# Two lexicon methods score every sentence: **VADER** (the `vaderSentiment` package) and
# **AFINN** (the `afinn` package), plus **`vader_political`**, VADER with a few pejorative
# political labels set negative, always shown *beside* plain VADER.

# %%
from analysis import notebook_setup, show_md
from analysis.extract.sentiment import (
    LABEL_THRESHOLD,
    QUOTE_THRESHOLD,
    extreme_sentences,
    lexicon_words,
    load_sentiment_results,
    method_disagreements,
    outlet_means_by_method,
    voice_contrast,
)
from analysis.report.corpus_report import raw_texts
from analysis.safe_text import md_escape
from analysis.viz.sentiment import (
    plot_actor_heatmap,
    plot_headline_vs_body,
    plot_sentence_distribution,
)

tables, missing = load_sentiment_results()
scores = tables["sentiment_sentences"]
outlets = tables["sentiment_outlets"]
agreement = tables["sentiment_agreement"]
for note in missing:
    print("absent:", note)

# %%
# Sanity checks: one row per sentence, offsets point at the text, labels follow the threshold.
from analysis import load_results

sentences = load_results("sentences")
raw = raw_texts(load_results("articles"))
ONE_PER_OUTLET = bool(load_results("articles")["outlet"].is_unique)  # the seeds: one each
assert len(scores) == len(sentences)
assert all(
    raw[a][s:e] == t
    for a, s, e, t in scores[["article_id", "start", "end", "text"]].itertuples(index=False)
)
assert (scores.loc[scores["vader_compound"] >= LABEL_THRESHOLD, "vader_label"] == "positive").all()
assert (scores.loc[scores["vader_compound"] <= -LABEL_THRESHOLD, "vader_label"] == "negative").all()
# voice model (docs/voice.md): someone else's speech when >= half quoted or reported
assert (
    (scores["share_quoted"] + scores["share_reported"] >= QUOTE_THRESHOLD)
    == (scores["voice"] != "authorial")
).all()
body = scores[scores["segment"] == "body"]
len(scores), len(body)

# %% [markdown]
# ## What the scores say

# %%
show_md(
    "Body sentences only (headline, teaser and boilerplate are kept apart; see below). "
    "`mean_score` is the mean VADER *compound* score (from −1, most negative, to +1, most "
    "positive), with a seeded bootstrap 95% interval over sentences (the sentences resampled "
    "with replacement). A sentence counts as negative at or below "
    f"−{LABEL_THRESHOLD:g}, positive at or above +{LABEL_THRESHOLD:g}, neutral in between."
)

# %%
cols = [
    "outlet",
    "voice",
    "n_sentences",
    "mean_score",
    "ci_low",
    "ci_high",
    "share_negative",
    "share_neutral",
    "share_positive",
]
main = outlets[
    (outlets["level"] == "outlet")
    & (outlets["segment_group"] == "body")
    & (outlets["method"] == "vader")
    & (outlets["voice"] == "all")
]
main[cols].round(3)

# %%
lo, hi = main.loc[main["mean_score"].idxmin()], main.loc[main["mean_score"].idxmax()]
overlap = main["ci_low"].max() <= main["ci_high"].min()
show_md(
    f"Mean sentence compound runs from **{lo.mean_score:+.2f}** ({md_escape(lo.outlet)}, n = {lo.n_sentences}, "
    f"95% CI {lo.ci_low:+.2f} to {lo.ci_high:+.2f}) to **{hi.mean_score:+.2f}** ({md_escape(hi.outlet)}, "
    f"n = {hi.n_sentences}, {hi.ci_low:+.2f} to {hi.ci_high:+.2f}). "
    + (
        ("All five" if SEED_CORPUS else f"All {len(main)}")
        + " intervals share a common stretch, so these "
        + ("articles" if ONE_PER_OUTLET else "outlets")
        + " **cannot be ranked** "
        "by tone: the differences are within what resampling the same sentences produces."
        if overlap
        else "Not every pair of intervals overlaps, but with one article per outlet this is a "
        "difference between articles, not between outlets."
        if ONE_PER_OUTLET
        else "Not every pair of intervals overlaps, but the outlets pool different events: a "
        "difference may come from the stories an outlet chose rather than from how it told "
        "them (the outlet-within-event comparison is in `outlet_event_effects`)."
    )
    + f" Between {main['share_negative'].min():.0%} and {main['share_negative'].max():.0%} of "
    "each outlet's body sentences score negative"
    + (
        ", a narrow band for five outlets of very "
        "different kinds: consistent with the event (a threat, a war, a treaty) setting the tone "
        "more than the outlet, though five articles cannot show that."
        if SEED_CORPUS
        else f". With {len(main)} outlets and {scores['article_id'].nunique()} articles, whether the event or the "
        "outlet sets the tone is not something these data can show."
    )
)

# %%
axes = plot_sentence_distribution(scores, outlets)

# %% [markdown]
# Figure `sentiment-sentence-distribution`: every body sentence (points), the outlet mean (diamond) and its interval; left the outlet's own sentences, then those mostly inside quotation marks, then those mostly reported speech.

# %% [markdown]
# ## How much do other people's words drive negativity?

# %%
show_md(
    "Voices follow the one voice model of the project ([docs/voice.md](../docs/voice.md)): "
    "every character is *authorial* (the outlet's words), *quoted* (inside quotation marks) or "
    '*reported* (a clause a reporting verb attributes to a speaker: "Putin warned that …", '
    '"condemned the deal as a threat"). A sentence is someone else\'s speech when at least '
    f"{QUOTE_THRESHOLD:.0%} of its characters are quoted or reported, and then *quoted* or "
    "*reported*, whichever share is larger; otherwise it is the outlet's own voice. "
    "`quoted_share_of_negative` / `reported_share_of_negative`: those sentences' share of the "
    "outlet's negative sentences."
)
contrast = voice_contrast(outlets)
contrast.drop(columns="intervals_overlap").round(3)

# %%
n = {v: int(contrast[f"n_{v}"].sum()) for v in ("authorial", "quoted", "reported")}
neg = {v: int(contrast[f"n_negative_{v}"].sum()) for v in n}
n_all, neg_all = sum(n.values()), sum(neg.values())
quoted_body = body[body["voice"] == "quoted"]


def rate(v):
    return f"{neg[v] / n[v]:.0%}" if n[v] else "n/a"


text = (
    f"Of {n_all} body sentences, **{n['quoted']}** are mostly quotation and **{n['reported']}** "
    f"mostly reported speech; they carry **{neg['quoted']}** and **{neg['reported']}** of the "
    f"{neg_all} negative ones, against **{neg['authorial']}** in the outlets' own sentences "
    f"({rate('authorial')} of own sentences score negative, {rate('quoted')} of quoted, "
    f"{rate('reported')} of reported). "
)
if SEED_CORPUS:
    vu = contrast.set_index("outlet").loc["ViewUS Global"]
    text += (
        f"ViewUS Global shows why reported speech needs its own voice: {int(vu.n_reported)} of its "
        f"{int(vu.n_authorial + vu.n_quoted + vu.n_reported)} body sentences are mostly reported "
        'speech, Putin\'s press conference retold ("He added that …"), which a quotation-mark '
        "rule would count as the outlet's own tone. "
    )
if len(quoted_body):
    pos_quoted = extreme_sentences(quoted_body, n=1).iloc[-1]
    text += (
        f"VADER can read a diplomatic threat as *positive*: the most positive quoted sentence "
        f"({md_escape(pos_quoted.outlet)}, {md_escape(pos_quoted.sentence_id)}, {pos_quoted.score:+.2f}) is\n\n> "
        f"{md_escape(pos_quoted.text)}\n\nVADER's lexicon words in it: "
        + (
            ", ".join(f"*{md_escape(w)}* {v:+.1f}" for w, v in lexicon_words(pos_quoted.text))
            or "none"
        )
        + ". "
    )
text += (
    "In every outlet the authorial interval overlaps those of the other voices."
    if contrast["intervals_overlap"].dropna().all()
    else "Some outlets' authorial and quoted/reported intervals do not overlap; see the table."
)
show_md(text)

# %% [markdown]
# ## Headline against body

# %%
ax = plot_headline_vs_body(outlets)

# %% [markdown]
# Figure `sentiment-headline-vs-body`: each headline's score (square) against the mean of its body sentences (dot, with interval).

# %%
heads = outlets[
    (outlets["level"] == "article")
    & (outlets["segment_group"] == "headline")
    & (outlets["method"] == "vader")
    & (outlets["voice"] == "all")
]
with_head = heads[heads["n_sentences"] > 0]
headline_text = scores[scores["segment"] == "headline"].groupby("article_id")["text"].first()
show_md(
    f"{len(with_head)} of {len(heads)} files keep their headline; all of them score negative: "
    + "; ".join(
        f"{md_escape(r.outlet)} {r.mean_score:+.2f} ("
        + ", ".join(
            f"*{md_escape(w)}* {v:+.1f}" for w, v in lexicon_words(headline_text[r.article_id])
        )
        + ")"
        for r in with_head.itertuples()
    )
    + ". One sentence per headline: no interval; compare each with its body mean."
    if (with_head["mean_score"] < 0).all()
    else f"{len(with_head)} of {len(heads)} files keep their headline; see the figure."
)

# %% [markdown]
# ## Where the two methods disagree, and why

# %% tags=["hide-input"]
show_md(
    """Spearman rank correlation of VADER and AFINN scores over body sentences and over the five
outlet means (exact permutation p-value for five outlets)."""
    if SEED_CORPUS
    else """Spearman rank correlation of VADER and AFINN scores over body sentences and over the
outlet means (exact permutation p-value for a handful of outlets)."""
)

# %%
agreement.round(3)

# %%
sent = agreement[(agreement["level"] == "sentence") & (agreement["method_b"] == "afinn")].iloc[0]
outl = agreement[(agreement["level"] == "outlet") & (agreement["method_b"] == "afinn")].iloc[0]
dis = method_disagreements(scores)
show_md(
    f"Over {sent.n} body sentences VADER and AFINN agree well on rank (Spearman ρ = "
    f"{sent.spearman_rho:.2f}) and on label for {sent.label_agreement:.0%} of sentences "
    f"(Cohen's κ = {sent.cohen_kappa:.2f}). Over the {outl.n} outlet means ρ = "
    f"{outl.spearman_rho:.2f} (exact p = {outl.p_value:.2f}): with {'five' if SEED_CORPUS else outl.n} points even a fairly "
    f"high ρ is not evidence that the ranking is stable. {len(dis)} sentences get opposite "
    "labels; the largest gaps:"
)
dis.head(6)

# %% [markdown]
# ### The lexicon audit: how each method scores the loaded terms
#
# Every surface pattern of every loaded term (from `analysis/lexicons/loaded_terms.yaml`):
# its valence in each lexicon (`absent` if the lexicon does not know it), the words of it each
# lexicon knows (`*_tokens`), and VADER's compound score of the bare phrase (`vader_phrase`).
# The table shows the patterns that at least one lexicon knows, wholly or in part; the full
# audit is `results/sentiment_lexicon_audit.csv`.

# %%
audit = tables.get("sentiment_lexicon_audit")
if audit is not None:
    known = audit[
        (audit["vader_direction"] != "absent")
        | (audit["afinn_direction"] != "absent")
        | audit["vader_tokens"].notna()
        | audit["afinn_tokens"].notna()
    ]
    unknown = audit[~audit.index.isin(known.index)]
    show_md(
        f"{len(known)} of {len(audit)} patterns are known to VADER or AFINN, wholly or in part. "
        f"The other {len(unknown)} are in neither: "
        + ", ".join(map(md_escape, unknown["pattern"]))
        + "."
    )
    display(
        known[
            [
                "term",
                "pattern",
                "vader",
                "vader_tokens",
                "vader_phrase",
                "afinn",
                "afinn_tokens",
                "vader_political",
            ]
        ]
    )

# %%
seed_patterns = {"strongman", "dictator", "regime", "special military operation"}
if audit is not None and not seed_patterns <= set(audit["pattern"]):  # another lexicon
    absent_v = audit[audit["vader_direction"] == "absent"]
    absent_a = audit[audit["afinn_direction"] == "absent"]
    show_md(
        f"VADER knows nothing of **{len(absent_v)} of {len(audit)}** loaded-term patterns and "
        f"AFINN nothing of **{len(absent_a)}**. A lexicon score therefore cannot measure "
        "loaded language; notebook 01 counts it directly."
    )
elif audit is not None:
    a = audit.set_index("pattern")
    absent_v = audit[audit["vader_direction"] == "absent"]
    absent_a = audit[audit["afinn_direction"] == "absent"]
    labels = audit[audit["category"] == "pejorative_label"]
    show_md(
        f"VADER knows nothing of **{len(absent_v)} of {len(audit)}** loaded-term patterns and "
        f"AFINN nothing of **{len(absent_a)}**. Of the {len(labels)} pejorative-label patterns, "
        f"VADER scores {int((labels['vader_direction'] == 'negative').sum())} negative and "
        f"{int((labels['vader_direction'] == 'positive').sum())} *positive*: "
        f'"strongman" is **{md_escape(a.loc["strongman", "vader"])}** (read as a strong man), '
        f'"dictator" is {md_escape(a.loc["dictator", "vader"])} and "regime" {md_escape(a.loc["regime", "vader"])}. The Kremlin\'s euphemism '
        f'"special military operation" scores **{a.loc["special military operation", "vader_phrase"]:+.2f}** '
        f"in VADER, through {md_escape(a.loc['special military operation', 'vader_tokens'])}. A lexicon "
        "score therefore cannot measure loaded language; notebook 01 counts it directly."
    )

# %% [markdown]
# ### The political-news variant, beside plain VADER
#
# `vader_political` sets the pejorative labels negative (values and reasons in
# `analysis/lexicons/sentiment_adjustments.yaml`). It changes only sentences that contain one.

# %%
means = outlet_means_by_method(outlets)
means.round(3)

# %%
changed = body[body["adjusted_words"].fillna("") != ""]
shift = changed["vader_political_compound"] - changed["vader_compound"]
show_md(
    f"The adjustments touch **{len(changed)}** body sentences "
    f"({', '.join(md_escape(o) for o in sorted(set(changed['outlet'])))}), moving each by {shift.min():+.2f} to "
    f"{shift.max():+.2f}. Ranks of the outlet means under plain VADER: "
    + ", ".join(f"{md_escape(r.outlet)} {r.rank_vader}" for r in means.itertuples())
    + "; under the variant: "
    + ", ".join(f"{md_escape(r.outlet)} {r.rank_vader_political}" for r in means.itertuples())
    + ". The variant is a sensitivity check, not a better measure: its values are hand-set."
)

# %% [markdown]
# ## Sentiment toward actors
#
# For each actor, the body sentences that mention it (and, as a narrower window, the clause
# around the mention), scored as a whole. This is the sentiment *of the text around* an actor,
# not a stance toward it: "Putin praised North Korea" and "Putin threatened Seoul" both mention
# Putin.

# %% [markdown]
# Figure `sentiment-actor-heatmap`: mean VADER score of the body sentences that mention each actor, per outlet, annotated with n.

# %%
actors = tables.get("sentiment_actors")
if actors is None:
    print("sentiment_actors absent (no actor list in this run)")
else:
    ax = plot_actor_heatmap(actors)

# %%
if actors is not None:
    view = actors[(actors["method"] == "vader") & (actors["voice"] == "all")]
    small = int((view[view["window"] == "sentence"]["n_sentences"] < 5).sum())
    cells = int((view["window"] == "sentence").sum())
    show_md(
        f"{small} of {cells} actor × outlet cells rest on fewer than 5 sentences; their "
        "intervals (in `results/sentiment_actors.csv`) are wide or missing. Read the heatmap "
        "as a map of where each actor appears, with the tone of those passages, not as a "
        "verdict on how an outlet treats the actor. Sentence window below; the narrower "
        "clause window is in the same file."
    )
    cols = ["actor", "outlet", "n_sentences", "mean_score", "ci_low", "ci_high"]
    display(view[view["window"] == "sentence"][cols].sort_values(["actor", "outlet"]).round(2))

# %% [markdown]
# ## A learned measure beside VADER: not shown
#
# No learned sentiment score is set beside VADER here, because neither option is cheap or a
# clear second opinion: the NYT ridge (`analysis.validation.learned.nyt_validation`) is
# fitted on editorial snippets with VADER's scores among its features, took about 45 s to fit
# on a busy two-core machine, and its predictions on the seed corpus's 113 headline and body sentences
# correlate r = 0.75 with VADER's compound (a one-off check, not a pipeline table), so it
# would partly restate VADER at a high cost; the NewsMTSC target-stance model, which does measure
# something VADER cannot (tone *toward* an actor), takes 20–110 s to train and is applied
# only in the informational-balance measure (notebook 04, `docs/informational-bias.md`).
# The learned loaded-language measure is in notebook 01.

# %% [markdown]
# How good these methods are on human-rated news (NYT editorials, NewsMTSC): [notebook 05, validation](05-validation.ipynb).

# %% [markdown]
# ## What the scores cannot tell
#
# The most extreme body sentences, with their raw offsets (`raw[start:end_offset]`):

# %%
ext = extreme_sentences(scores, n=3)
ext

# %%
top = ext[ext["extreme"] == "most positive"].iloc[0]
show_md(
    f"The most positive body sentence of the corpus ({md_escape(top.outlet)}, {md_escape(top.sentence_id)}, "
    f"{top.score:+.2f}) is\n\n> {md_escape(top.text)}\n\nVADER's lexicon words in it: "
    + ", ".join(f"*{md_escape(w)}* {v:+.1f}" for w, v in lexicon_words(top.text))
    + ". The score adds up words; whether the sentence warns, praises or threatens is not "
    "something a word list can see."
)

# %% tags=["hide-input"]
show_md(
    """### Limits

- Five articles, one per outlet: every difference here is a difference between five texts
  about the same event, not between outlets. Intervals resample sentences within an article;
  they say nothing about how the outlet writes on other days.
- The lexicons were built for social media (VADER) and microblogs (AFINN). They miss or
  misread political labels (the audit), euphemism and diplomatic threat, and agree with
  human readers only moderately on news text (notebook 05).
- Voice is rule-based (docs/voice.md): quotation marks, and reporting verbs opening a
  clause. A paraphrase without a reporting verb ("For Putin, the treaty is nothing new")
  stays authorial; a sentence is assigned the voice of at least half its characters.
- Actor scores rate the window around a mention, not the attitude toward the actor; on
  NewsMTSC this kind of scoring stays far below a trained target-sentiment model (notebook
  05)."""
    if SEED_CORPUS
    else """### Limits

- These articles only: every difference here is a difference between these texts, not
  between outlets in general. Intervals resample sentences; they say nothing about how
  the outlet writes on other days or other stories.
- The lexicons were built for social media (VADER) and microblogs (AFINN). They miss or
  misread political labels (the audit), euphemism and diplomatic threat, and agree with
  human readers only moderately on news text (notebook 05).
- Voice is rule-based (docs/voice.md): quotation marks, and reporting verbs opening a
  clause. A paraphrase without a reporting verb ("For Putin, the treaty is nothing new")
  stays authorial; a sentence is assigned the voice of at least half its characters.
- Actor scores rate the window around a mention, not the attitude toward the actor; on
  NewsMTSC this kind of scoring stays far below a trained target-sentiment model (notebook
  05)."""
)
