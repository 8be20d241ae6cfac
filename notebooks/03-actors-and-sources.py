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
# # 03 · Actors, labels, reporting verbs, quotes and sources

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
    "03-actors-and-sources", results=RESULTS, figures=FIGURES, corpus=CORPUS, external=EXTERNAL
)

# seed-specific checks and prose run only on the five seed articles (seeds/)
SEED_CORPUS = is_seed_corpus(load_results("articles"))

# %% tags=["hide-input"]
show_md(
    """**Question.** Beyond loaded words, how does each outlet frame the event through *who* it
names and how, *which verb* it uses for what Putin said, and *whose voice* it carries?
Labelling and word choice and source selection are distinct forms of media bias
(Hamborg, Donnay & Gipp 2019); this notebook measures both per outlet, with evidence."""
    if SEED_CORPUS
    else """**Question.** Beyond loaded words, how does each outlet frame the event through *who* it
names and how, *which verb* it uses for what the main speaker said, and *whose voice* it
carries? Labelling and word choice and source selection are distinct forms of media bias
(Hamborg, Donnay & Gipp 2019); this notebook measures both per outlet, with evidence."""
)

# %% [markdown]
# **Outputs.** Tables (columns in `results/README.md`): `results/actor_mentions.csv`,
# `results/actor_naming.csv`, `results/speech.csv`, `results/quotes.csv`,
# `results/reporting_verbs.csv`, `results/headline_verbs.csv`,
# `results/source_selection.csv`, `results/source_summary.csv` (per article),
# `results/source_summary_outlets.csv` (per outlet). Figures:
# `actor-first-mention-labels`, `reporting-verbs-putin`, `source-shares-by-side`,
# `voice-shares-by-outlet` (from `results/voice_shares.csv`).
#
# Method (rules in `docs/actors-and-sources.md`): actors and their aliases come from the
# versioned list `analysis/lexicons/actors.yaml` (`--actors FILE` to use another);
# reporting verbs are lemmatised offline from `analysis/lexicons/reporting_verbs.yaml`;
# quotations and reported speech are attributed by general rules (`"…," Putin said`,
# `said Putin`, `X told reporters that "…"`, `according to X`, a pronoun continuing from the
# previous sentence, quotations over several sentences or paragraphs).

# %%
from analysis import load_results, notebook_setup, show_md
from analysis.extract.attribution import verb_counts
from analysis.extract.voice import side_shares
from analysis.measures.sources import separated_pairs
from analysis.report.corpus_report import (
    headline_comparison_md,
    main_actors,
    main_speaker,
    speaker_figure_id,
    top_rows,
)
from analysis.safe_text import md_code, md_escape
from analysis.viz.actors import plot_first_mention_labels
from analysis.viz.attribution import plot_reporting_verbs
from analysis.viz.sources import plot_source_shares
from analysis.viz.voice import plot_voice_shares

articles = load_results("articles")
mentions = load_results("actor_mentions")
naming = load_results("actor_naming")
speech = load_results("speech")
quotes = load_results("quotes")
verbs = load_results("reporting_verbs")
headline_verbs = load_results("headline_verbs")
selection = load_results("source_selection")
summary = load_results("source_summary_outlets")  # one row per outlet, any corpus
voice_shares = load_results("voice_shares")
MAIN_ACTORS = main_actors(naming, seed=SEED_CORPUS)  # Putin and Kim Jong Un on seeds/
SPEAKER = main_speaker(verbs, seed=SEED_CORPUS)  # whose reporting verbs are followed
WHO = "Putin" if SEED_CORPUS else (SPEAKER or "no named speaker").replace("_", " ").title()

# %%
# Sanity checks: offsets point at the text, ids are unique, every outlet is present.
from analysis.report.corpus_report import raw_texts

raw = raw_texts(articles)
assert all(
    raw[a][s:e] == t
    for a, s, e, t in zip(
        mentions["article_id"], mentions["start"], mentions["end"], mentions["mention"], strict=True
    )
)
assert all(
    raw[a][s:e] == t
    for a, s, e, t in zip(
        quotes["article_id"], quotes["start"], quotes["end"], quotes["text"], strict=True
    )
)
assert quotes["quote_id"].is_unique and speech["speech_id"].is_unique
assert set(naming["outlet"]) <= set(articles["outlet"])
if SEED_CORPUS:  # every seed outlet names at least one listed actor
    assert set(naming["outlet"]) == set(articles["outlet"])
len(mentions), len(quotes), len(verbs)

# %% [markdown]
# ## 1 · How each outlet names each actor
#
# The descriptor is the labelling phrase in the same noun phrase or apposition as the name
# ("Russian strongman Vladimir Putin", "the country's leader, Kim Jong Un"). The first
# mention *in the body* is what a reader meets first in the article's own text; captions and
# teasers, which some pages put earlier, are reported separately (`first_page_*`).
# Figure `actor-first-mention-labels` shows the first body label of each main actor per
# outlet. In the table, `body_share` is the share of body sentences that mention the actor,
# with its 95% interval.

# %%
if SEED_CORPUS:
    ax = plot_first_mention_labels(naming)
elif MAIN_ACTORS:  # the most-mentioned actors of this corpus
    ax = plot_first_mention_labels(naming, actors=MAIN_ACTORS)

# %%
main = naming[naming["actor"].isin(MAIN_ACTORS)]
main[
    [
        "outlet",
        "actor",
        "first_label",
        "first_page_descriptor",
        "first_page_segment",
        "descriptors",
        "n_mentions",
        "body_share",
        "body_share_low",
        "body_share_high",
    ]
].round(2)

# %%
if SEED_CORPUS:  # seed narrative, read by hand

    def first(outlet, actor):
        return naming[(naming["outlet"] == outlet) & (naming["actor"] == actor)].iloc[0]

    br_p, br_k = first("Breitbart", "putin"), first("Breitbart", "kim_jong_un")
    ki_k = first("Kyiv Independent", "kim_jong_un")
    ki_teaser = (
        mentions[
            (mentions["outlet"] == "Kyiv Independent")
            & (mentions["actor"] == "kim_jong_un")
            & (mentions["segment"] == "teaser")
        ]["descriptor"]
        .dropna()
        .tolist()
    )
    show_md(
        f"Breitbart introduces Putin as **{md_escape(br_p.first_label)}** and Kim as **{md_escape(br_k.first_label)}**; "
        f"the Kyiv Independent's article calls Kim **{md_escape(ki_k.first_label)}**, while its page's teaser for "
        f"another story (not counted here) labels him {' / '.join(md_escape(repr(d)) for d in ki_teaser) or 'nothing'}. Every descriptor Breitbart gives "
        f"Kim in headline and body: {md_escape(br_k.descriptors)}."
    )

# %% tags=["hide-input"]
show_md(
    """Evidence: the sentence of each first body mention of Putin and Kim Jong Un."""
    if SEED_CORPUS
    else """Evidence: the sentence of each first body mention of the most-mentioned actors."""
)

# %%
ev = (
    mentions[mentions["segment"] == "body"]
    .sort_values("start")
    .groupby(["outlet", "actor"])
    .head(1)
)
ev[ev["actor"].isin(MAIN_ACTORS)].sort_values(["actor", "outlet"])[
    ["outlet", "actor", "mention", "descriptor", "sentence"]
]

# %% tags=["hide-input"]
if SEED_CORPUS:
    show_md(
        """Three people are called Kim in this kind of coverage. The actor list keeps them apart: a
full name decides, and a bare "Kim" takes the Kim named in full most recently in the same
article; "Kim" followed by another capitalised name (a reporter such as Kim Bum-soo) is
nobody on the list."""
    )

# %%
if SEED_CORPUS:  # seed fact: the three Kims are kept apart
    kims = mentions[mentions["mention"].str.startswith("Kim")][
        ["article_id", "segment", "mention", "actor", "descriptor", "sentence"]
    ]
    assert set(kims.loc[kims["mention"] == "Kim Hong Kyun", "actor"]) == {"kim_hong_kyun"}
    display(kims)

# %% tags=["hide-input"]
show_md(
    """## 2 · Which verbs frame Putin's statement"""
    if SEED_CORPUS
    else """## 2 · Which verbs frame the main speaker's statements"""
)

# %% [markdown]
# Each reporting or stance verb attributed to a speaker is lemmatised (`warns` → `warn`,
# `Threatens` → `threaten`), in both orders ("Putin warned that …", "“…,” Putin said"), in
# headline and body. Stance comes from the verb list: *neutral* (say, tell, state), *marked*
# (warn, caution, stress: names the force of the speech act) and *charged* (threaten,
# claim: casts the speaker as aggressor or the claim as dubious).

# %%
headline_verbs[["outlet", "headline", "form", "verb", "stance", "speaker", "note"]]

# %%
hv = headline_verbs.astype(object).fillna("")
hv.index = [
    f"{o} ({a})" if headline_verbs["outlet"].duplicated(keep=False).iloc[k] else o
    for k, (o, a) in enumerate(zip(hv["outlet"], hv["article_id"]))
]
with_verb = hv[hv["verb"] != ""]
no_verb = hv[(hv["verb"] == "") & (hv["headline"] != "")].index.tolist()
show_md(
    "Headline verbs: "
    + (
        "; ".join(f"{md_escape(o)} **{md_escape(r.form)}**" for o, r in with_verb.iterrows())
        or "none"
    )
    + f". {int((hv['headline'] == '').sum())} files have no headline, so no headline verb."
    + (
        f" A headline without a reporting verb: {', '.join(map(md_escape, no_verb))}."
        if no_verb
        else ""
    )
)

# %% tags=["hide-input"]
show_md(
    f"Figure {md_code(speaker_figure_id(SPEAKER))}: the verbs each outlet attributes to {md_escape(WHO)}, by stance; counts per stance below."
    if SPEAKER
    else "No reporting verb is attributed to a listed actor, so there is no verb figure (edit the actor list with `--actors`)."
)

# %%
counts = verb_counts(verbs, speaker=SPEAKER or "")
if SPEAKER:
    ax = plot_reporting_verbs(counts, speaker=SPEAKER, fig_id=speaker_figure_id(SPEAKER))

# %%
by_stance = counts.pivot_table(
    index="outlet", columns="stance", values="n", aggfunc="sum", fill_value=0
)
by_stance["total"] = by_stance.sum(axis=1)
by_stance

# %%
charged = verbs[(verbs["speaker"] == SPEAKER) & (verbs["stance"] == "charged")]
if SPEAKER and charged.empty:
    show_md(f"No charged verb is attributed to {md_escape(WHO)} in any outlet.")
elif SPEAKER:
    show_md(
        f"Charged verbs for {md_escape(WHO)} occur in {charged['outlet'].nunique()} outlet(s) "
        f"({', '.join(map(md_escape, sorted(charged['outlet'].unique())))}), {len(charged)} times in all; "
        "the other outlets use neutral and marked verbs only. "
        + (
            "With one article per outlet and a handful of verbs each, this describes these "
            "articles, not the outlets' habits."
            if articles["outlet"].is_unique
            else "Counts pool each outlet's articles (and events): an outlet that covered "
            "more stories about the speaker has more verbs to choose from."
        )
    )
top_rows(
    charged[["outlet", "segment", "form", "verb", "position", "introduces", "sentence"]],
    "reporting_verbs",
)

# %% tags=["hide-input"]
show_md(
    f"All verbs attributed to {md_escape(WHO)}, with their sentences (the evidence for the figure):"
)

# %%
verbs[verbs["speaker"] == SPEAKER][
    ["outlet", "segment", "form", "verb", "stance", "position", "introduces", "sentence"]
]

# %% [markdown]
# ### Headlines side by side, story by story
#
# Table `headline_comparison`: each article's headline beside the other outlets' headlines
# on the same event: its tone, the lexicon terms and actors in it, its reporting verb, and
# its overlap with the others (Jaccard similarity of content words: shared words over all
# words of the pair, stop words left out).

# %%
headlines = load_results("headline_comparison")
show_md(headline_comparison_md(headlines))
top_rows(
    headlines[
        [
            "event",
            "outlet",
            "headline",
            "vader_compound",
            "loaded_terms",
            "first_actor",
            "verb",
            "stance",
            "mean_jaccard",
            "most_similar_id",
        ]
    ].round(2),
    "headline_comparison",
)

# %% [markdown]
# ## 3 · Whose voices each outlet carries, and how much
#
# A quotation's speaker is an actor id, the normalised name of a named speaker who is not
# on the actor list ("yonhap", "chuck schumer"), `anonymous` (unnamed or vague sources: "an
# unnamed official", "observers", "analysts") or `unattributed` (no speaker in the text).
# `speaker_kind` says how the speaker is written (actor, named, role, pronoun, unresolved).
# Scare quotes (one to three quoted words with no speech verb, or after "so-called") are the
# outlet's own word choice: flagged `scare_quote`, in the authorial voice. `full` quotations
# are a sentence or more; `fragment`s are partial quotations.

# %%
if SEED_CORPUS:  # seed fact: every outlet quotes Putin in its body
    assert set(
        quotes.loc[(quotes["speaker"] == "putin") & (quotes["segment"] == "body"), "outlet"]
    ) == set(articles["outlet"])
quotes[
    [
        "quote_id",
        "outlet",
        "segment",
        "speaker",
        "speaker_text",
        "speaker_kind",
        "verb",
        "kind",
        "scare_quote",
        "n_words",
        "text",
    ]
]

# %% [markdown]
# How much of each outlet's speech the attribution rules can place (headline and body;
# `results/attribution_summary_outlets.csv`; per article in `results/attribution_summary.csv`):
# quotations with a speaker (scare quotes left out,
# Clopper-Pearson 95% interval), distinct speakers and how many of them are listed actors,
# and how the speakers are written. Agreement of these rules with hand-annotated spans is in
# `results/validation_speech.csv` (see `docs/actors-and-sources.md`).

# %%
attribution = load_results("attribution_summary_outlets")
assert (attribution["n_quotes_with_speaker"] <= attribution["n_quotes"]).all()
assert (attribution["n_actor_speakers"] <= attribution["n_speakers"]).all()
attribution[
    [
        "outlet",
        "n_quotes",
        "n_scare_quotes",
        "quote_speaker_share",
        "quote_speaker_share_low",
        "n_speakers",
        "n_actor_speakers",
        "actor_speaker_share",
        "n_actor",
        "n_named",
        "n_role",
        "n_pronoun",
        "n_unresolved",
    ]
].round(2)

# %% [markdown]
# Per outlet: words of headline and body, words inside quotation marks and their share (with
# a seeded bootstrap 95% interval over sentences), quotations, distinct sources (speakers
# quoted or reported; `anonymous` counts once, `unattributed` not at all), sides, and Putin's share of the quoted
# words. Figure `source-shares-by-side` splits the quoted words by the speaker's side.

# %%
summary[
    [
        "outlet",
        "body_words",
        "quoted_words",
        "quote_share",
        "quote_share_low",
        "quote_share_high",
        "n_quotes",
        "n_sources",
        "n_sides",
        "putin_share",
    ]
].round(2)

# %%
ax = plot_source_shares(selection, summary)

# %%
s = summary.set_index("outlet")
fewest = s.index[s["n_sources"] == s["n_sources"].min()].tolist()
most = s["n_sources"].idxmax()
apart = separated_pairs(summary)
lead = (
    f"Putin is the most-quoted speaker in {int((s['top_source'] == 'putin').sum())} of {len(s)} outlets "
    f"(his share of quoted words runs from {s['putin_share'].min():.0%} in {md_escape(s['putin_share'].idxmin())} "
    f"to {s['putin_share'].max():.0%} in {md_escape(s['putin_share'].idxmax())}). "
    if SEED_CORPUS
    else "Most-quoted speaker per outlet: "
    + "; ".join(
        f"{md_escape(o)} {md_escape(r.top_source) if isinstance(r.top_source, str) and r.top_source else 'none'}"
        for o, r in s.iterrows()
    )
    + ". "
)
show_md(
    lead + f"{md_escape(most)} quotes or reports the "
    f"most sources ({int(s.loc[most, 'n_sources'])}); {' and '.join(map(md_escape, fewest))} the fewest "
    f"({int(s['n_sources'].min())}). Quotation is {s['quote_share'].min():.0%}–{s['quote_share'].max():.0%} "
    f"of the body words. Of {len(s) * (len(s) - 1) // 2} pairs of outlets, {len(apart)} "
    f"{'has' if len(apart) == 1 else 'have'} non-overlapping bootstrap intervals for that share"
    + (
        ": "
        + "; ".join(f"{md_escape(r.lower)} below {md_escape(r.upper)}" for r in apart.itertuples())
        if len(apart)
        else ""
    )
    + ". With this many comparisons one separation can arise by chance, and the bootstrap "
    "resamples sentences within each article, so it measures how much the share rests on a "
    "few quote-heavy sentences, not how the outlet writes in general."
)
apart

# %% [markdown]
# Quoted and reported words by side, per outlet. A source is a speaker who is quoted *or*
# paraphrased; `source_type` says which:

# %%
selection[selection["by"] == "side"][
    [
        "outlet",
        "source",
        "source_type",
        "n_quotes",
        "quoted_words",
        "share_quoted_words",
        "n_reported",
        "reported_words",
    ]
].round(2)

# %% [markdown]
# ### Whose words fill the article: quotation *and* paraphrase
#
# Counting quotation marks alone hides how much of an article is someone else's account in
# the outlet's paraphrase. Every body word (headline + body) is counted once, in its voice
# under the project's voice model ([docs/voice.md](../docs/voice.md)): the outlet's own
# (*authorial*), inside quotation marks (*quoted*) or in a clause a reporting verb attributes
# to a speaker (*reported*), split by the speaker's side. Figure `voice-shares-by-outlet`;
# table `results/voice_shares.csv`.

# %%
voice_table = side_shares(voice_shares)
ax = plot_voice_shares(voice_shares)
wide = voice_table.assign(col=voice_table["voice"] + ": " + voice_table["side"]).pivot_table(
    index="outlet", columns="col", values="share", aggfunc="sum", fill_value=0.0
)
wide.round(3)

# %%
s2 = summary.set_index("outlet")
para = voice_table[voice_table["voice"] == "reported"]
top_para = (
    para.sort_values(["share", "outlet", "side"], ascending=[False, True, True]).iloc[0]
    if len(para)
    else None
)
text = (
    "Share of body words in reported speech: "
    + "; ".join(
        f"{md_escape(o)} {r.reported_share:.0%} ({int(r.reported_words)} of {int(r.body_words)})"
        for o, r in s2.iterrows()
    )
    + "; in quotation marks: "
    + "; ".join(f"{md_escape(o)} {r.quote_share:.0%}" for o, r in s2.iterrows())
    + ". "
)
if top_para is not None:
    text += (
        f"The largest paraphrased share is **{md_escape(top_para.outlet)}**'s, whose body carries "
        f"{int(top_para.n_words)} of its {int(top_para.body_words)} words "
        f"(**{top_para.share:.0%}**) as paraphrase of speakers of one side ({md_escape(top_para.side)}). "
    )
if SEED_CORPUS:
    vu = voice_shares[voice_shares["outlet"] == "ViewUS Global"].set_index(["voice", "speaker"])[
        "n_words"
    ]
    assert int(vu[("quoted", "putin")]) == 14 and int(vu[("reported", "putin")]) == 218
    putin = voice_shares[voice_shares["speaker"] == "putin"]
    by_marks = putin[putin["voice"] == "quoted"].groupby("outlet")["n_words"].sum()
    by_voice = putin.groupby("outlet")["share"].sum()
    assert by_marks.idxmin() == "ViewUS Global" and by_voice.idxmax() == "ViewUS Global"
    text += (
        f"ViewUS Global quotes Putin for only {int(vu[('quoted', 'putin')])} words, but paraphrases "
        f'him for {int(vu[("reported", "putin")])} ("He added that …", "Putin clarified '
        'that …"): counted by quotation marks it looks like the outlet with the least Putin in '
        "it; counted by voice it is the one with the most."
    )
show_md(text)

# %% tags=["hide-input"]
show_md(
    """## What five articles cannot show, and where the method is weak

* One article per outlet: every difference above describes these five texts. It is not
  evidence about an outlet's general practice, and counts of 1–3 verbs or quotations can
  flip with one sentence.
* Attribution is rule-based. It handles the common news patterns listed above but can miss
  unusual syntax, inherit a wrong speaker through a pronoun, or attribute a phrase to the
  subject of a distant verb. Every row carries the rule that fired (`speech.rule`) and the
  speaker phrase as written (`speaker_text`) so that each can be checked by hand.
* Descriptors are found before the name, in a preceding apposition, or in a short
  apposition after it; a phrase counts for a person only if it ends in a role noun from
  `analysis/lexicons/descriptors.yaml`, so labels outside that list are missed.
* Place names double as actors: "in Pyongyang" counts as a mention of `north_korea`.
  Counts of state mentions are therefore upper bounds on how often the state *acts*.
* The in-event descriptions ("the Kremlin chief" → Putin) are tied to this event and must
  be edited for another."""
    if SEED_CORPUS
    else """## What these articles cannot show, and where the method is weak

* These articles only: every difference above describes these texts. It is not evidence
  about an outlet's general practice, and counts of 1–3 verbs or quotations can flip with
  one sentence.
* Attribution is rule-based. It handles the common news patterns listed above but can miss
  unusual syntax, inherit a wrong speaker through a pronoun, or attribute a phrase to the
  subject of a distant verb. Every row carries the rule that fired (`speech.rule`) and the
  speaker phrase as written (`speaker_text`) so that each can be checked by hand.
* Descriptors are found before the name, in a preceding apposition, or in a short
  apposition after it; a phrase counts for a person only if it ends in a role noun from
  `analysis/lexicons/descriptors.yaml`, so labels outside that list are missed.
* Place names double as actors: "in Pyongyang" counts as a mention of `north_korea`.
  Counts of state mentions are therefore upper bounds on how often the state *acts*.
* The actor list's in-event descriptions (such as "the Kremlin chief" → Putin) are tied to
  the seed event: pass your own list with `--actors` for another event."""
)
