"""Events: which articles report the same story, so outlets are compared on like with like.

A framing comparison is only fair within an event: across unrelated stories, "outlet"
differences measure which stories an outlet picked, not how it framed them. Each article
belongs to exactly one event, by one of three rules (:data:`EVENT_METHODS`):

``single``
    Every article is one event (one article set = one story; the default, and what the
    seed corpus is).
``column``
    The ``event`` column of ``metadata.csv`` names each article's story; an article with
    an empty value is an error (say ``--events auto`` to group the rest).
``auto``
    Articles are grouped by date window plus text similarity:

    1. each article (headline and body sentences, less the lines its outlet repeats in
       other articles: :func:`house_sentences`) becomes a TF-IDF vector (scikit-learn's
       ``TfidfVectorizer``: unigrams and bigrams over the project tokeniser, English stop
       words removed, sublinear tf, L2 rows);
    2. two articles are linked when their cosine similarity is at least ``threshold``
       and their publication dates are at most ``window_days`` apart (articles without a
       date are compared with every article: the date cannot rule them out);
    3. events are the connected components of that graph (single-link grouping).

    Candidate pairs are found block by block along the date axis (articles within
    ``window_days`` of each other), so the work grows with the number of articles per
    window, not with the square of the corpus, when dates are known.

The threshold is a choice, not a fact: :func:`event_threshold_sensitivity` shows how the
grouping changes with it (number of events, multi-outlet events, agreement with the
chosen grouping by the adjusted Rand index). Single link can chain two stories through an
article that mentions both; the sensitivity table and the ``events`` table's
``min_link`` column (the weakest link that holds an event together) show where.

References:
    Allan, J., Carbonell, J., Doddington, G., Yamron, J., & Yang, Y. (1998). Topic
    detection and tracking pilot study: final report. *Proc. DARPA Broadcast News
    Transcription and Understanding Workshop*, 194-218.
    Salton, G., & Buckley, C. (1988). Term-weighting approaches in automatic text
    retrieval. *Information Processing & Management*, 24(5), 513-523.
    Hubert, L., & Arabie, P. (1985). Comparing partitions. *Journal of
    Classification*, 2, 193-218 (adjusted Rand index).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.errors import check_choice

EVENT_METHODS = ("single", "column", "auto")
"""How articles are grouped into events (see the module docstring)."""

DEFAULT_THRESHOLD = 0.2
"""Minimum TF-IDF cosine similarity for two articles to be linked by ``auto``."""

DEFAULT_WINDOW_DAYS = 3
"""Maximum distance in days between the publication dates of linked articles."""

DEFAULT_THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
"""Thresholds tried by :func:`event_threshold_sensitivity`."""

SINGLE_EVENT = "E001"
"""The event id every article gets under ``single``."""

TABLES = {
    "article_events": {
        "description": (
            "One row per article: the event (story) it belongs to and why (analysis.text.events)."
        ),
        "columns": {
            "article_id": "Article id.",
            "outlet": "Outlet.",
            "event": "Event id: 'E001', 'E002', ... in order of first date, then label.",
            "event_source": (
                "How the event was assigned: single (one event for all), column "
                "(metadata 'event'), auto (date window + TF-IDF similarity)."
            ),
            "event_name": "The metadata 'event' value (column), else empty.",
            "best_link": (
                "auto: highest cosine similarity to another article of the same event "
                "(empty for an event of one article or another method)."
            ),
        },
    },
    "events": {
        "description": "One row per event with its articles, outlets, dates and a label.",
        "columns": {
            "event": "Event id.",
            "label": (
                "The most central headline: the article with the highest mean similarity "
                "to the event's other articles (ties: smallest article id); the metadata "
                "name under 'column'."
            ),
            "n_articles": "Articles in the event.",
            "n_outlets": "Distinct outlets in the event.",
            "outlets": "Outlets, ';'-separated, sorted.",
            "article_ids": "Article ids, ';'-separated, sorted.",
            "first_date": "Earliest publication date (YYYY-MM-DD; empty if none known).",
            "last_date": "Latest publication date (empty if none known).",
            "min_link": (
                "auto: the weakest similarity among the links that hold the event "
                "together (its single-link height); empty otherwise."
            ),
        },
    },
    "event_threshold_sensitivity": {
        "description": "How the auto grouping changes with the similarity threshold.",
        "columns": {
            "threshold": "Minimum cosine similarity for a link.",
            "n_events": "Events found.",
            "n_multi_outlet_events": "Events covered by at least two outlets.",
            "largest_event": "Articles in the largest event.",
            "ari_vs_chosen": "Adjusted Rand index against the grouping at the chosen threshold.",
            "chosen": "True for the threshold used.",
            "ari_vs_metadata": (
                "Adjusted Rand index against the metadata 'event' column when every article "
                "has one (a check of the grouping against known stories); empty otherwise."
            ),
        },
    },
}


def house_sentences(sentences: pd.DataFrame) -> pd.Series:
    """True for sentences an outlet repeats word for word in two or more of its articles.

    Such lines ("X has asked the governor's office for comment ...") are house furniture:
    they say which outlet wrote the article, not which story it reports, and would link
    unrelated stories of one outlet. Comparison is on lower-cased, whitespace-collapsed
    text.
    """
    if "outlet" not in sentences:
        return pd.Series(False, index=sentences.index)
    norm = sentences["text"].astype(str).str.lower().str.split().str.join(" ")
    per = pd.DataFrame({"outlet": sentences["outlet"], "norm": norm, "a": sentences["article_id"]})
    n_articles = per.groupby(["outlet", "norm"])["a"].transform("nunique")
    return n_articles >= 2


def _article_texts(articles: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """Headline and body text per article, in the order of ``articles``, without the
    outlet's house sentences (:func:`house_sentences`)."""
    body = sentences[sentences["segment"].isin(("headline", "body"))]
    body = body[~house_sentences(body)]
    joined = body.groupby("article_id", sort=False)["text"].agg(" ".join)
    return [joined.get(a, "") for a in articles["article_id"]]


def _tfidf(texts: list[str]):
    """Sparse L2-normalised TF-IDF rows (scikit-learn) over the project tokeniser."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    from analysis.text.sentences import words

    stop = ENGLISH_STOP_WORDS

    def analyzer(text: str) -> list[str]:
        toks = [w.lower() for w in words(text)]
        toks = [t for t in toks if t not in stop and any(c.isalnum() for c in t)]
        return toks + [f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float64)
    return vec.fit_transform(texts)


def _dates(articles: pd.DataFrame) -> pd.Series:
    published = articles.get("published", pd.Series("", index=articles.index))
    return pd.to_datetime(published.fillna("").astype(str), errors="coerce", format="mixed")


def _candidate_links(x, dates: pd.Series, *, threshold: float, window_days: int):
    """``(i, j, similarity)`` for every linked pair ``i < j`` (see module docstring)."""
    if dates.notna().any():
        day = (dates - dates.min()).dt.days.to_numpy(dtype=float)
    else:
        day = np.full(len(dates), np.nan)
    known = np.flatnonzero(~np.isnan(day))
    unknown = np.flatnonzero(np.isnan(day))
    links: list[tuple[int, int, float]] = []

    def add(rows: np.ndarray, cols: np.ndarray, *, same: bool) -> None:
        if not len(rows) or not len(cols):
            return
        sim = (x[rows] @ x[cols].T).tocoo()
        for a, b, v in zip(sim.row, sim.col, sim.data, strict=True):
            i, j = int(rows[a]), int(cols[b])
            if (same and i >= j) or v < threshold:
                continue
            if not same and i == j:
                continue
            if not np.isnan(day[i]) and not np.isnan(day[j]):
                if abs(day[i] - day[j]) > window_days:
                    continue
            links.append((min(i, j), max(i, j), float(v)))

    if len(known):
        order = known[np.argsort(day[known], kind="stable")]
        first = day[order[0]]
        # blocks of width window_days; each block is compared with itself and the next one
        block = ((day[order] - first) // max(window_days, 1)).astype(int)
        starts = {b: np.flatnonzero(block == b) for b in np.unique(block)}
        for b, idx in starts.items():
            rows = order[idx]
            add(rows, rows, same=True)
            if b + 1 in starts:
                add(rows, order[starts[b + 1]], same=False)
    if len(unknown):
        add(unknown, unknown, same=True)
        if len(known):
            add(unknown, known, same=False)
    return sorted(set(links))


def _components(n: int, links: list[tuple[int, int, float]]) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not links:
        return np.arange(n)
    i, j, _ = zip(*links, strict=True)
    graph = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels


def _auto_labels(x, dates, *, threshold, window_days):
    links = _candidate_links(x, dates, threshold=threshold, window_days=window_days)
    return _components(x.shape[0], links), links


def events_from_articles(
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
    *,
    method: str = "single",
    threshold: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> pd.DataFrame:
    """Assign every article to one event.

    Args:
        articles: the articles table (``article_id``, ``outlet``, ``published``,
            ``headline`` and, for ``column``, ``event``).
        sentences: the sentences table (needed by ``auto``).
        method: one of :data:`EVENT_METHODS`.
        threshold: ``auto``: minimum cosine similarity of a link, in (0, 1].
        window_days: ``auto``: maximum date distance of a link, >= 0.

    Returns:
        The ``article_events`` table (see ``TABLES``), in the order of ``articles``, with
        the settings in ``attrs``.

    Raises:
        ValueError: an unknown method, a bad threshold or window, a missing ``event``
            column or an article without an event under ``column``.
    """
    check_choice("method", method, EVENT_METHODS)
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold!r}")
    if window_days < 0:
        raise ValueError(f"window_days must be >= 0; got {window_days!r}")
    arts = articles.reset_index(drop=True)
    n = len(arts)
    names = [""] * n
    best = [np.nan] * n
    if method == "single":
        keys = np.zeros(n, dtype=int)
    elif method == "column":
        if "event" not in arts:
            raise ValueError("method 'column' needs an 'event' column in metadata.csv")
        values = arts["event"].fillna("").astype(str).str.strip()
        missing = arts.loc[values == "", "article_id"]
        if len(missing):
            raise ValueError(
                f"method 'column': {len(missing)} article(s) have no event, e.g. "
                f"{missing.iloc[0]!r}; fill the 'event' column or use 'auto'"
            )
        names = values.tolist()
        keys = pd.factorize(values)[0]
    else:
        if sentences is None:
            raise ValueError("method 'auto' needs the sentences table")
        x = _tfidf(_article_texts(arts, sentences))
        keys, links = _auto_labels(x, _dates(arts), threshold=threshold, window_days=window_days)
        for i, j, v in links:
            best[i] = v if np.isnan(best[i]) else max(best[i], v)
            best[j] = v if np.isnan(best[j]) else max(best[j], v)
    ids = _event_ids(arts, keys, names)
    out = pd.DataFrame(
        {
            "article_id": arts["article_id"].astype(str),
            "outlet": arts["outlet"].astype(str),
            "event": ids,
            "event_source": method,
            "event_name": names,
            "best_link": [round(b, 6) if not np.isnan(b) else np.nan for b in best],
        }
    )
    out.attrs["settings"] = {
        "method": method,
        "threshold": threshold if method == "auto" else None,
        "window_days": window_days if method == "auto" else None,
        "vectoriser": (
            "sklearn TfidfVectorizer(unigrams+bigrams, ENGLISH_STOP_WORDS, sublinear_tf)"
            if method == "auto"
            else None
        ),
        "grouping": "connected components of links" if method == "auto" else None,
    }
    return out


def _event_ids(arts: pd.DataFrame, keys: np.ndarray, names: list[str]) -> list[str]:
    """Stable ids: groups ordered by first date (unknown last), then first label."""
    dates = _dates(arts)
    frame = pd.DataFrame(
        {
            "key": keys,
            "date": dates,
            "name": names,
            "headline": arts.get("headline", pd.Series("", index=arts.index)).fillna(""),
            "article_id": arts["article_id"].astype(str),
        }
    )
    first = frame.sort_values(["date", "name", "headline", "article_id"], na_position="last")
    order = list(dict.fromkeys(first["key"].tolist()))
    width = max(3, len(str(len(order))))
    rank = {k: f"E{i:0{width}d}" for i, k in enumerate(order, start=1)}
    return [rank[k] for k in keys]


def events_table(
    article_events: pd.DataFrame,
    articles: pd.DataFrame,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per event (see ``TABLES["events"]``), sorted by event id."""
    merged = article_events.merge(
        articles.drop(columns=[c for c in ("outlet", "event") if c in articles]),
        on="article_id",
        how="left",
    )
    merged["_date"] = _dates(merged)
    central = _central_headlines(merged, sentences)
    rows = []
    for event, grp in merged.groupby("event", sort=True):
        dates = grp["_date"].dropna()
        method = grp["event_source"].iloc[0]
        label = grp["event_name"].iloc[0] if method == "column" else central.get(event, "")
        min_link = np.nan
        if method == "auto" and len(grp) > 1:
            min_link = float(grp["best_link"].min())
        rows.append(
            {
                "event": event,
                "label": label,
                "n_articles": len(grp),
                "n_outlets": grp["outlet"].nunique(),
                "outlets": ";".join(sorted(grp["outlet"].unique())),
                "article_ids": ";".join(sorted(grp["article_id"])),
                "first_date": dates.min().strftime("%Y-%m-%d") if len(dates) else "",
                "last_date": dates.max().strftime("%Y-%m-%d") if len(dates) else "",
                "min_link": min_link,
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["events"]["columns"]))
    out.attrs["settings"] = dict(article_events.attrs.get("settings", {}))
    return out


def _central_headlines(merged: pd.DataFrame, sentences: pd.DataFrame | None) -> dict[str, str]:
    """Per event, the headline of the article most similar on average to the others."""
    heads = merged["headline"].fillna("").astype(str)
    if sentences is None or len(merged) < 2:
        return {e: heads[g.index].iloc[0] for e, g in merged.groupby("event")}
    x = _tfidf(_article_texts(merged, sentences))
    out = {}
    for event, grp in merged.groupby("event", sort=True):
        idx = grp.sort_values("article_id").index.to_numpy()
        if len(idx) == 1:
            out[event] = heads[idx[0]]
            continue
        sim = (x[idx] @ x[idx].T).toarray()
        np.fill_diagonal(sim, 0.0)
        mean = sim.sum(axis=1) / (len(idx) - 1)
        named = [k for k in range(len(idx)) if heads[idx[k]]]
        pick = max(named or range(len(idx)), key=lambda k: (round(mean[k], 12), -k))
        out[event] = heads[idx[pick]]
    return out


def event_threshold_sensitivity(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    thresholds: Iterable[float] = DEFAULT_THRESHOLDS,
    chosen: float = DEFAULT_THRESHOLD,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> pd.DataFrame:
    """The ``auto`` grouping at each threshold, compared with the chosen one."""
    from sklearn.metrics import adjusted_rand_score

    arts = articles.reset_index(drop=True)
    x = _tfidf(_article_texts(arts, sentences))
    dates = _dates(arts)
    grid = sorted(set(map(float, thresholds)) | {float(chosen)})
    labels = {t: _auto_labels(x, dates, threshold=t, window_days=window_days)[0] for t in grid}
    outlets = arts["outlet"].astype(str).to_numpy()
    known = None
    if "event" in arts and (arts["event"].fillna("").astype(str).str.strip() != "").all():
        known = pd.factorize(arts["event"].astype(str))[0]
    rows = []
    for t in grid:
        lab = labels[t]
        sizes = np.bincount(lab)
        multi = sum(len(set(outlets[lab == k])) >= 2 for k in np.unique(lab))
        ari = adjusted_rand_score(labels[float(chosen)], lab) if len(lab) > 1 else 1.0
        rows.append(
            {
                "threshold": t,
                "n_events": len(np.unique(lab)),
                "n_multi_outlet_events": int(multi),
                "largest_event": int(sizes.max()) if len(sizes) else 0,
                "ari_vs_chosen": round(float(ari), 6),
                "chosen": t == float(chosen),
                "ari_vs_metadata": (
                    round(float(adjusted_rand_score(known, lab)), 6)
                    if known is not None
                    else np.nan
                ),
            }
        )
    out = pd.DataFrame(rows, columns=list(TABLES["event_threshold_sensitivity"]["columns"]))
    out.attrs["settings"] = {"window_days": window_days, "chosen": chosen}
    return out


def events_step(ctx) -> dict[str, pd.DataFrame]:
    """Pipeline step: ``article_events``, ``events`` and, under ``auto``, the sensitivity.

    Settings (``ctx.settings``): ``events`` (one of :data:`EVENT_METHODS`; default
    ``column`` when the articles carry an ``event`` value, else ``single``),
    ``event_threshold``, ``event_window_days``.
    """
    articles = ctx.tables["articles"]
    sentences = ctx.tables["sentences"]
    method = ctx.settings.events
    if method is None:
        has_column = "event" in articles and (articles["event"].fillna("") != "").any()
        method = "column" if has_column else "single"
    threshold = ctx.settings.event_threshold
    window = ctx.settings.event_window_days
    art_events = events_from_articles(
        articles, sentences, method=method, threshold=threshold, window_days=window
    )
    out = {
        "article_events": art_events,
        "events": events_table(art_events, articles, sentences),
    }
    if method == "auto":
        out["event_threshold_sensitivity"] = event_threshold_sensitivity(
            articles, sentences, chosen=threshold, window_days=window
        )
    return out


EVENT_COLUMN_DOC = "event (story) id from analysis.text.events; compared only within its event"
"""How result tables document their ``event`` column."""


def article_event_map(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """``{article_id: event}`` from the ``article_events`` table (one event if absent)."""
    if "article_events" in tables:
        ev = tables["article_events"]
        return dict(zip(ev["article_id"].astype(str), ev["event"], strict=True))
    arts = tables["articles"]["article_id"].astype(str)
    return dict.fromkeys(arts, SINGLE_EVENT)


def split_by_event(table: pd.DataFrame, events: dict[str, str]) -> list[tuple[str, pd.DataFrame]]:
    """``[(event, rows of table whose article is in it)]``, by event id."""
    keys = table["article_id"].astype(str).map(events)
    if keys.isna().any():
        missing = table.loc[keys.isna(), "article_id"].iloc[0]
        raise ValueError(f"article {missing!r} has no event")
    return [(e, table[keys == e]) for e in sorted(keys.unique())]


def with_event(table: pd.DataFrame, event: str, *, prefix_ids: Iterable[str] = ()) -> pd.DataFrame:
    """``table`` with its ``event`` column set (first) and, optionally, ids prefixed.

    Args:
        table: one event's rows.
        event: its id.
        prefix_ids: columns holding ids that are unique only within an event (e.g.
            ``unit_id``); they become ``"<event>-<id>"`` (empty values stay empty).
    """
    out = table.copy()
    for col in prefix_ids:
        out[col] = [f"{event}-{v}" if isinstance(v, str) and v else v for v in out[col]]
    if "event" in out:
        out = out.drop(columns="event")
    out.insert(0, "event", event)
    return out
