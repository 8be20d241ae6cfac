"""Table-to-prose helpers for the two-page brief (``notebooks/06-summary``).

Each function turns one results table into one short Markdown finding (counts next to
rates) or one reader's table (no row numbers, ``—`` or words for missing values), so the
notebook holds no analysis logic. Every value from the corpus goes through
:func:`analysis.safe_text.md_escape`; the matched words of an evidence sentence are set
in bold around escaped text (:func:`evidence_window`), and a window is only ever cut at
whitespace, never inside a word.

The brief's budget (checked by ``tests/test_brief.py`` on the executed notebook):
:data:`MAX_PROSE_WORDS` words of Markdown prose (tables excluded), at most
:data:`MAX_FIGURES` figures and :data:`MAX_TABLES` tables, about two printed pages.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.safe_text import md_escape

MAX_PROSE_WORDS = 700
"""Words of Markdown prose the brief may have (table rows not counted)."""
MAX_FIGURES = 3
"""Figures the brief may show."""
MAX_TABLES = 2
"""Tables the brief may show (Markdown or HTML)."""
EVIDENCE_WIDTH = 70
"""Characters of context kept on each side of a match (widened to whole words)."""
NO_TARGET = "no target found"
"""What an evidence row shows when the rules found no target for a loaded term."""

LABEL_CATEGORIES = ("pejorative_label", "ideological_label")
"""Loaded-term categories the brief calls labels."""
ARTICLE_SEGMENTS = ("headline", "body")
"""Segments that are the article's own text (captions, teasers, boilerplate excluded)."""


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def human_label(actor_id) -> str:
    """``"kim_jong_un"`` → ``"Kim Jong Un"`` (escaped); a missing id → :data:`NO_TARGET`."""
    if _missing(actor_id):
        return NO_TARGET
    return md_escape(" ".join(w.capitalize() for w in str(actor_id).split("_")))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def evidence_window(sentence: str, spans, *, width: int = EVIDENCE_WIDTH) -> str:
    """A sentence as Markdown with the matched spans in bold, shortened to whole words.

    Up to ``width`` characters of context are kept before the first span and after the
    last, widened to the nearest whitespace so that no word is cut; an ellipsis marks each
    cut. A sentence short enough comes back whole. Every piece of text is escaped with
    :func:`~analysis.safe_text.md_escape`; only the ``**`` around each match is markup.

    Args:
        sentence: the sentence text.
        spans: ``(start, end)`` character offsets of the matches inside ``sentence``
            (overlapping spans are merged).
        width: context characters on each side (before widening to word boundaries).

    Raises:
        ValueError: a span is empty or not inside the sentence.
    """
    text = str(sentence)
    merged: list[list[int]] = []
    for start, end in sorted((int(a), int(b)) for a, b in spans):
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"match [{start}, {end}) is not inside a sentence of {len(text)} chars"
            )
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if not merged:
        raise ValueError("no span to show")
    lo = max(0, merged[0][0] - width)
    hi = min(len(text), merged[-1][1] + width)
    if lo > 0:  # widen left to the previous whitespace (or the start)
        cut = max(text.rfind(" ", 0, lo + 1), text.rfind("\n", 0, lo + 1))
        lo = cut + 1 if cut >= 0 else 0
    if hi < len(text):  # widen right to the next whitespace (or the end)
        nxt = [i for i in (text.find(" ", hi), text.find("\n", hi)) if i >= 0]
        hi = min(nxt) if nxt else len(text)
    out, pos = ["…" if lo > 0 else ""], lo
    for start, end in merged:
        out += [md_escape(text[pos:start]), f"**{md_escape(text[start:end])}**"]
        pos = end
    out += [md_escape(text[pos:hi]), "…" if hi < len(text) else ""]
    return "".join(out)


def own_labels(loaded: pd.DataFrame) -> pd.DataFrame:
    """Pejorative and ideological labels in the outlet's own voice (headline and body)."""
    keep = (
        (loaded["voice"] == "authorial")
        & loaded["segment"].isin(ARTICLE_SEGMENTS)
        & loaded["category"].isin(LABEL_CATEGORIES)
    )
    return loaded[keep]


def md_table(rows: list[list[str]], header: list[str]) -> str:
    """A Markdown table from cells that are already Markdown-safe (escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def evidence_table(loaded: pd.DataFrame, *, n: int = 8) -> str:
    """The own-voice labels with their evidence, as a Markdown table (no index).

    One row per sentence: outlet, labels (the matched words), about (the target actors,
    or :data:`NO_TARGET`) and the evidence (:func:`evidence_window`, every label of the
    sentence in bold). Rows take turns between outlets (each outlet's first sentence,
    then each one's second, …) so that a long list from one outlet does not hide the
    others; at most ``n`` rows, then a line saying how many sentences are left out.
    Empty string when there is no label.
    """
    labels = own_labels(loaded)
    if labels.empty:
        return ""
    outlets = list(dict.fromkeys(labels["outlet"]))
    groups = list(labels.groupby(["outlet", "sentence_start", "sentence"], sort=False))
    rank: dict[str, int] = {}
    keyed = []
    for (o, _, _), g in groups:
        keyed.append((rank.get(o, 0), outlets.index(o), len(keyed), g))
        rank[o] = rank.get(o, 0) + 1
    keyed.sort(key=lambda k: k[:3])
    rows = []
    for *_, g in keyed[:n]:
        r = g.iloc[0]
        offset = int(r["sentence_start"])
        spans = [
            (int(a) - offset, int(b) - offset) for a, b in zip(g["start"], g["end"], strict=True)
        ]
        about = list(dict.fromkeys(human_label(t) for t in g["target"]))
        rows.append(
            [
                md_escape(r["outlet"]),
                ", ".join(dict.fromkeys(md_escape(m) for m in g["matched"])),
                ", ".join(about),
                evidence_window(r["sentence"], spans),
            ]
        )
    table = md_table(rows, ["Outlet", "Labels", "About", "Evidence"])
    if len(keyed) > n:
        table += f"\n\n{len(keyed) - n} more sentences in the results table `loaded_terms`."
    return table


def headline_finding(headline_verbs: pd.DataFrame) -> str:
    """Which reporting verb each headline uses: ``threaten in 2 of 3 headlines (A, B)``."""
    from analysis.report.corpus_report import outlet_counts

    hv = headline_verbs.astype(object).where(headline_verbs.notna(), "")
    with_head = hv[hv["headline"] != ""]
    n = len(with_head)
    if n == 0:
        return "No article in the files has a headline."
    by_verb = with_head[with_head["verb"] != ""].groupby("verb")["outlet"].apply(list)
    parts = [
        f"**{md_escape(v)}** in {len(o)} of {n} ({outlet_counts(o)})"
        for v, o in sorted(by_verb.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    no_verb = n - int(by_verb.map(len).sum()) if len(by_verb) else n
    text = (
        "Headline verbs: " + "; ".join(parts)
        if parts
        else f"None of the {_count(n, 'headline')} has a reporting verb"
    )
    if parts and no_verb:
        text += f"; no reporting verb in {no_verb} of {n}"
    missing = len(hv) - n
    if missing:
        text += f". {_count(missing, 'article')} of {len(hv)} carry no headline in the file"
    return text + "."


def labels_finding(loaded: pd.DataFrame, articles: pd.DataFrame, *, top: int = 3) -> str:
    """Own-voice labels per outlet: count, rate per 1,000 body words, the top terms.

    ``Breitbart 10 (11.5 per 1,000 body words: communist ×5, …)``; outlets with none are
    listed after. Quoted and reported matches are counted separately (the source's words).
    """
    labels = own_labels(loaded)
    words = articles.groupby("outlet")["n_body_words"].sum()
    order = list(dict.fromkeys(articles["outlet"]))
    parts, none = [], []
    for o in order:
        terms = labels.loc[labels["outlet"] == o, "term"]
        if terms.empty:
            none.append(md_escape(o))
            continue
        counts = terms.value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        shown = ", ".join(f"{md_escape(k)} ×{v}" for k, v in counts.head(top).items())
        if len(counts) > top:
            shown += f" and {len(counts) - top} more"
        rate = 1000 * len(terms) / words[o] if words.get(o) else float("nan")
        per = f"{rate:.1f} per 1,000 body words: " if rate == rate else ""
        parts.append(f"**{md_escape(o)}** {len(terms)} ({per}{shown})")
    inside = loaded[(loaded["voice"] != "authorial") & loaded["segment"].isin(ARTICLE_SEGMENTS)]
    n_quoted = int((inside["voice"] == "quoted").sum())
    n_reported = int((inside["voice"] == "reported").sum())
    text = (
        "Pejorative or ideological labels **in the outlet's own words**: "
        + ("; ".join(parts) if parts else "none in any outlet")
        + (f"; none in {', '.join(none)}" if parts and none else "")
        + f". Not counted: {n_quoted} loaded terms in quotations and {n_reported} in "
        "reported speech (the sources' words)."
    )
    return text


def naming_finding(first: pd.DataFrame, actors, *, one_per_outlet: bool, top: int = 4) -> str:
    """How the main actors are first named, grouped by label: ``“X” (A, B); “Y” (C)``.

    Args:
        first: :func:`analysis.report.corpus_report.first_labels_by_outlet`.
        actors: actor ids in the order to report.
        one_per_outlet: one article per outlet (no ``k of n`` counts needed).
        top: labels shown per actor (the rest counted).
    """
    parts = []
    for a in actors:
        sub = first[first["actor"] == a]
        if sub.empty:
            continue
        groups = []
        for label, rows in sub.groupby("first_label", sort=False):
            who = ", ".join(
                md_escape(r.outlet)
                + ("" if one_per_outlet else f" {int(r.n_label)} of {int(r.n_articles)}")
                for r in rows.itertuples()
            )
            groups.append((len(rows), str(label), f"“{md_escape(label)}” ({who})"))
        groups.sort(key=lambda g: (-g[0], g[1]))
        shown = "; ".join(g[2] for g in groups[:top])
        if len(groups) > top:
            shown += f"; {len(groups) - top} other labels"
        parts.append(f"{human_label(a)}: {shown}")
    if not parts:
        return "No actor of the actor list is named in the bodies."
    lead = "First mention in the body" + (
        "" if one_per_outlet else " (each outlet's most frequent label, in k of its n articles)"
    )
    return lead + ". " + ". ".join(parts) + "."


def voices_finding(sources: pd.DataFrame, *, speaker: str | None = None) -> str:
    """The range over outlets of quoted words (or ``speaker``'s share of them) and sources.

    ``Share of quoted words that are Putin's: from 43% (Breitbart, 87 of 204 words) to
    100% (ViewUS Global, 14 of 14); distinct sources per outlet: 2 to 9.``

    Args:
        sources: the ``source_summary_outlets`` table.
        speaker: an actor id with a ``<speaker>_share`` column (``putin`` on the seeds).
    """
    if sources.empty:
        return "No outlet quotes anyone."
    share = f"{speaker}_share" if speaker else None
    if int(sources["quoted_words"].sum()) == 0:
        return "No outlet quotes anyone directly."
    n_lo, n_hi = int(sources["n_sources"].min()), int(sources["n_sources"].max())
    tail = f"; distinct sources per outlet: {n_lo}" + (f" to {n_hi}." if n_hi > n_lo else ".")
    if share is not None and share in sources.columns:
        ranked = sources.sort_values([share, "outlet"])

        def one(r) -> str:
            words = int(r["quoted_words"])
            return (
                f"{r[share]:.0%} ({md_escape(r['outlet'])}, "
                f"{round(r[share] * words)} of {words} words)"
            )

        lo, hi = ranked.iloc[0], ranked.iloc[-1]
        return (
            f"Share of quoted words that are {human_label(speaker)}'s: from {one(lo)} "
            f"to {one(hi)}" + tail
        )
    ranked = sources.sort_values(["quoted_words", "outlet"])
    lo, hi = ranked.iloc[0], ranked.iloc[-1]
    return (
        f"Quoted words per outlet: from {int(lo['quoted_words'])} ({md_escape(lo['outlet'])}) "
        f"to {int(hi['quoted_words'])} ({md_escape(hi['outlet'])})" + tail
    )


def tone_finding(body: pd.DataFrame) -> str:
    """The range of mean sentence sentiment over outlets (with n) and whether the 95%
    intervals all overlap.

    Args:
        body: the ``sentiment_outlets`` rows to report (one per outlet: ``outlet``,
            ``mean_score``, ``ci_low``, ``ci_high``, ``n_sentences``).
    """
    if body.empty:
        return "No body sentence was scored."
    ranked = body.sort_values(["mean_score", "outlet"])
    lo, hi = ranked.iloc[0], ranked.iloc[-1]

    def one(r) -> str:
        return (
            f"{r['mean_score']:+.2f} ({md_escape(r['outlet'])}, n = {int(r['n_sentences'])}, "
            f"95% interval {r['ci_low']:+.2f} to {r['ci_high']:+.2f})"
        )

    overlap = body["ci_low"].max() < body["ci_high"].min()
    verdict = (
        " All intervals overlap: the outlets cannot be ranked by tone."
        if overlap
        else " Not all intervals overlap; with so few sentences that is no established difference."
    )
    return (
        f"Mean sentiment of body sentences (VADER, −1 to +1) runs from {one(lo)} to "
        f"{one(hi)}." + verdict
    )


def reuse_finding(reuse_matrix: pd.DataFrame, *, top: int = 4) -> str:
    """Near-verbatim shared passages in authorial text, pooled per pair of outlets.

    Uses :func:`analysis.measures.reuse.reuse_by_outlet_pair` (pairs of articles on the
    same event; with one article per outlet each outlet pair is one article pair).
    """
    from analysis.measures.reuse import reuse_by_outlet_pair

    by_pair = reuse_by_outlet_pair(reuse_matrix, scope="within")
    by_pair = by_pair[by_pair["n_passages"] > 0]
    if by_pair.empty:
        return "No two outlets share a near-verbatim passage in their own text."
    parts = [
        (
            f"{md_escape(r.outlet_a)} and {md_escape(r.outlet_b)} "
            if r.outlet_a != r.outlet_b
            else f"{md_escape(r.outlet_a)} with itself (its own articles) "
        )
        + _count(int(r.n_passages), "passage")
        + (
            ""
            if int(r.n_article_pairs) == 1
            else f" in {int(r.n_pairs_with_passages)} of {int(r.n_article_pairs)} article pairs"
        )
        for r in by_pair.head(top).itertuples()
    ]
    more = len(by_pair) - top
    pooled = (
        "; pooled per pair of outlets over their articles on the same event"
        if (by_pair["n_article_pairs"] > 1).any()
        else ""
    )
    return (
        f"Near-verbatim passages shared in the outlets' own text (quotations excluded{pooled}): "
        + "; ".join(parts)
        + (f"; {more} more outlet pairs" if more > 0 else "")
        + "."
    )


def coverage_finding(coverage: pd.DataFrame) -> str:
    """Information units in all, carried by every covering outlet, and by a single outlet.

    ``Of 71 information units …, 2 are carried by every outlet covering the event and 56
    by one outlet only (most: Breitbart, 21).`` Uses
    :func:`analysis.measures.coverage.full_coverage_units` (several events: every outlet
    covering the unit's event).
    """
    from analysis.measures.coverage import full_coverage_units

    present = coverage[coverage["present"].astype(bool)]
    n_units = present["unit_id"].nunique()
    full = full_coverage_units(coverage)
    per_unit = present.groupby("unit_id")["outlet"].nunique()
    single = per_unit[per_unit == 1].index
    only = present[present["unit_id"].isin(single)].groupby("outlet")["unit_id"].nunique()
    text = (
        f"Of {n_units} information units (pieces of news told in similar words), "
        f"{len(full)} are carried by every outlet covering the event and {len(single)} by "
        "one outlet only"
    )
    if len(only):
        top = only.sort_index().sort_values(ascending=False, kind="stable")
        text += f" (most: {md_escape(top.index[0])}, {int(top.iloc[0])})"
    return text + "."


def overlap_sentence(overlap: pd.DataFrame, article_id: str) -> str:
    """Which article shares most information units with ``article_id``, against the rest.

    Args:
        overlap: :func:`analysis.measures.coverage.unit_overlap`.
        article_id: the article to describe.
    """
    rows = overlap[overlap["article_a_id"] == article_id].sort_values(
        ["n_shared", "article_b_id"], ascending=[False, True]
    )
    if rows.empty:
        return ""
    best, rest = rows.iloc[0], rows.iloc[1:]
    return (
        f"{md_escape(best.outlet_a)} ({md_escape(article_id)}) shares {int(best.n_shared)} of "
        f"its {int(best.n_units_a)} information units with {md_escape(best.outlet_b)} "
        f"({md_escape(best.article_b_id)})"
        + (f"; at most {int(rest['n_shared'].max())} with any other." if len(rest) else ".")
    )


def caveat_finding(articles: pd.DataFrame, *, n_events: int = 1) -> str:
    """The honest size statement and every attribution caveat of the corpus metadata.

    The caveats come from :func:`analysis.provenance.attribution_caveats` (on the seeds:
    003, an unattributed, apparently translated copy of a BBC report).
    """
    from analysis.provenance import attribution_caveats

    n, n_out = len(articles), articles["outlet"].nunique()
    events = f" on {_count(n_events, 'event')}" if n_events > 1 else ""
    text = (
        f"**{_count(n, 'article')} from {_count(n_out, 'outlet')}{events}.** Every number "
        "describes these texts, not the outlets' practice; no difference here is "
        "statistically established."
    )
    for c in attribution_caveats(articles):
        text += " " + md_escape(c)
    return text


def outlet_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet for the provenance box: kind, articles, body words, attribution.

    Missing metadata shows as ``—``; the index is a plain 0..n-1 (hidden in reports).
    """
    rows = []
    for o, g in articles.groupby("outlet", sort=False):
        kinds = [
            k
            for k in dict.fromkeys(g.get("outlet_kind", pd.Series(dtype=object)))
            if not _missing(k)
        ]
        conf = [
            c
            for c in dict.fromkeys(g.get("attribution_confidence", pd.Series(dtype=object)))
            if not _missing(c)
        ]
        rows.append(
            {
                "outlet": o,
                "kind": ", ".join(map(str, kinds)) or "—",
                "articles": len(g),
                "body words": int(g["n_body_words"].sum()),
                "attribution": ", ".join(map(str, conf)) or "—",
            }
        )
    return pd.DataFrame(rows, columns=["outlet", "kind", "articles", "body words", "attribution"])


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def prose_words(markdown: str) -> int:
    """Words in Markdown prose, table rows (lines starting with ``|``) not counted."""
    lines = [ln for ln in markdown.splitlines() if not ln.lstrip().startswith("|")]
    return len(_WORD.findall(re.sub(r"&#?\w+;", " ", "\n".join(lines))))
