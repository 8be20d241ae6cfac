"""The annotated article view: each article as one HTML page with every measure marked.

A reader who doubts a number can open the article and see, in the verbatim text, what
the analysis saw: the segments (headline, body, and the furniture set aside), the
quotations and reported speech with their speakers, the loaded terms with their voice
and target, and each sentence's VADER tone. Every mark carries a tooltip with the table
row it comes from (ids and character offsets into the raw file).

Pages read offline: one stylesheet beside them (``style.css``, :data:`STYLE`, linked
relatively), no script, a Content-Security-Policy that forbids scripts; every text from
the corpus is HTML-escaped before it is marked up. Each page names the project version
and the date of the data (:mod:`analysis.provenance`) and links back to the reports.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.safe_text import CSP  # noqa: E402  (the reports' policy: no script at all)

NEGATIVE, POSITIVE = -0.05, 0.05
"""VADER's conventional cut-offs for a negative / positive sentence (Hutto & Gilbert 2014)."""

STYLESHEET = "style.css"
"""The article pages' stylesheet, written beside them (the glossary links it too)."""

STYLE = """
body{font:16px/1.6 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
h1{font:600 1.3em system-ui,sans-serif}
.meta,.legend{font:13px/1.5 system-ui,sans-serif;color:#444}
.legend span{margin-right:1em;white-space:nowrap}
p{margin:.6em 0}
p.furniture{color:#777;font-size:.85em;border-left:3px solid #ccc;padding-left:.6em}
p.headline{font-weight:bold;font-size:1.15em}
p.provenance{margin-top:2em;border-top:1px solid #ddd;padding-top:.6em}
.seg{font:11px system-ui,sans-serif;color:#777;text-transform:uppercase;margin-right:.5em}
.q{background:#e8f1fa}
.r{background:#f5efe0}
.lt{font-weight:bold;border-bottom:3px solid #d55e00}
.lt.quoted{border-bottom-color:#0072b2}
.lt.reported{border-bottom-color:#e69f00}
.neg{text-decoration:underline wavy #cc79a7 1px}
.pos{text-decoration:underline wavy #009e73 1px}
"""


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def page_head(title: str, *, stylesheet: str = STYLESHEET) -> str:
    """``<!DOCTYPE>`` to ``</head>`` of a reader page: charset, the reports' CSP, the
    (escaped) title and a relative link to the stylesheet (no inline ``<style>``)."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f'<title>{_esc(title)}</title><link rel="stylesheet" href="{_esc(stylesheet)}">'
        "</head>"
    )


def provenance_html(line: str) -> str:
    """The page's provenance paragraph (project version and the date of the data)."""
    return f'<p class="meta provenance">{_esc(line)}</p>' if line else ""


def _spans(table: pd.DataFrame | None, article_id: str) -> pd.DataFrame:
    if table is None or not len(table):
        return pd.DataFrame(columns=["start", "end"])
    return table[table["article_id"].astype(str) == str(article_id)]


def _marks(
    aid: str,
    tables: dict[str, pd.DataFrame],
) -> list[tuple[int, int, str, str]]:
    """``(start, end, css class, tooltip)`` for every annotation of one article."""
    marks: list[tuple[int, int, str, str]] = []
    speech = _spans(tables.get("speech"), aid)
    for r in speech.itertuples(index=False):
        kind = "q" if r.kind == "quoted" else "r"
        who = getattr(r, "speaker", "") or "unattributed"
        tip = f"{'quoted' if kind == 'q' else 'reported'} speech · speaker {who} · {r.speech_id}"
        marks.append((int(r.start), int(r.end), kind, tip))
    for r in _spans(tables.get("loaded_terms"), aid).itertuples(index=False):
        target = r.target if isinstance(r.target, str) and r.target else "no target"
        tip = (
            f"loaded term “{r.term}” ({r.category}) · voice {r.voice} · target {target} · "
            f"{r.sentence_id} [{r.start}:{r.end}]"
        )
        marks.append((int(r.start), int(r.end), f"lt {r.voice}", tip))
    for r in _spans(tables.get("sentiment_sentences"), aid).itertuples(index=False):
        c = float(r.vader_compound)
        cls = "neg" if c <= NEGATIVE else "pos" if c >= POSITIVE else ""
        if cls:
            marks.append((int(r.start), int(r.end), cls, f"{r.sentence_id} · VADER {c:+.2f}"))
    return marks


def _render(raw: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> str:
    """``raw[start:end]`` escaped, cut at every mark boundary, each piece one span."""
    inside = [m for m in marks if m[0] < end and m[1] > start]
    cuts = sorted(
        {start, end, *(max(start, m[0]) for m in inside), *(min(end, m[1]) for m in inside)}
    )
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        on = [m for m in inside if m[0] <= a and m[1] >= b]
        text = _esc(raw[a:b])
        if not on:
            out.append(text)
            continue
        cls = " ".join(dict.fromkeys(c for m in on for c in m[2].split()))
        tip = " | ".join(m[3] for m in on)
        out.append(f'<span class="{_esc(cls)}" title="{_esc(tip)}">{text}</span>')
    return "".join(out)


def article_html(
    article: dict, raw: str, tables: dict[str, pd.DataFrame], *, provenance: str = ""
) -> str:
    """One article's page.

    Args:
        article: its row of the ``articles`` table (``article_id``, ``outlet``, …).
        raw: its verbatim text (every offset points into it).
        tables: result tables: ``segments`` (required), ``speech``, ``loaded_terms``,
            ``sentiment_sentences`` (each optional).
        provenance: the run's provenance line (:func:`analysis.provenance.provenance_line`),
            shown under the article.
    """
    aid = str(article["article_id"])
    marks = _marks(aid, tables)
    segs = _spans(tables["segments"], aid).sort_values("start")
    paras = []
    for s in segs.itertuples(index=False):
        furniture = s.segment not in ("headline", "body", "subheading")
        cls = "furniture" if furniture else s.segment
        body = _render(raw, int(s.start), int(s.end), [] if furniture else marks)
        paras.append(
            f'<p class="{_esc(cls)}" title="{_esc(s.segment_id)} [{s.start}:{s.end}] {_esc(s.rule)}">'
            f'<span class="seg">{_esc(s.segment)}</span>{body}</p>'
        )
    meta = " · ".join(
        f"{k.replace('_', ' ')}: {_esc(article[k])}"
        for k in (
            "outlet",
            "published",
            "author",
            "url",
            "attribution_confidence",
            "attribution_note",
        )
        if isinstance(article.get(k), str) and article.get(k)
    )
    title = _esc(article.get("headline") or aid)
    legend = (
        '<p class="legend"><span class="q">quoted speech</span> <span class="r">reported '
        'speech</span> <span class="lt">loaded term, own voice</span> <span class="lt quoted">'
        'loaded term, quoted</span> <span class="lt reported">loaded term, reported</span> '
        '<span class="neg">negative sentence</span> <span class="pos">positive sentence</span>'
        " (VADER compound ≤ −0.05 / ≥ 0.05). Furniture (bylines, captions, teasers, "
        "boilerplate) is grey and not measured. Hover a mark for its table row.</p>"
    )
    return (
        # the page title names the article only by id: corpus text stays in the body
        page_head(f"Article {aid}")
        + "<body>"
        + '<p class="meta"><a href="../index.html">reports</a> · '
        '<a href="index.html">all articles</a></p>'
        f'<h1>{title}</h1><p class="meta">article {_esc(aid)} · {meta}</p>{legend}'
        + "\n".join(paras)
        + provenance_html(provenance)
        + "</body></html>\n"
    )


def _slug_id(article_id: str) -> str:
    """A file name for an article id: the id when it is safe, else a stable hash."""
    import hashlib
    import re

    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", article_id):
        return article_id
    return "article-" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:12]


def write_article_views(
    tables: dict[str, pd.DataFrame],
    raw: dict[str, str],
    folder: str | Path,
    *,
    article_ids: Iterable[str] | None = None,
    provenance: str = "",
) -> list[Path]:
    """Write ``<folder>/<article_id>.html`` for each article, an ``index.html`` and their
    stylesheet ``style.css``; ``provenance`` is the run's provenance line."""
    from analysis.io import atomic_write_text

    folder = Path(folder)
    arts = tables["articles"]
    wanted = set(map(str, article_ids)) if article_ids is not None else None
    # each table grouped once by article (a filter per article would be O(N^2))
    names = ("segments", "speech", "loaded_terms", "sentiment_sentences")
    groups = {
        n: dict(tuple(tables[n].groupby(tables[n]["article_id"].astype(str), sort=False)))
        for n in names
        if n in tables and len(tables[n])
    }
    written, items = [], []
    for row in arts.to_dict("records"):
        aid = str(row["article_id"])
        if (wanted is not None and aid not in wanted) or aid not in raw:
            continue
        name = f"{_slug_id(aid)}.html"
        mine = {n: g[aid] for n, g in groups.items() if aid in g}
        mine.setdefault("segments", tables["segments"].iloc[0:0])
        page = article_html(row, raw[aid], mine, provenance=provenance)
        written.append(atomic_write_text(folder / name, page))
        items.append(
            f'<li><a href="{_esc(name)}">{_esc(aid)}</a> · {_esc(row.get("outlet", ""))} · '
            f"{_esc(row.get('headline') or '')}</li>"
        )
    index = (
        page_head("Annotated articles")
        + '<body><p class="meta"><a href="../index.html">reports</a></p>'
        '<h1>Annotated articles</h1><p class="meta">Each article with its segments, '
        "quotations, loaded terms and sentence tone marked.</p><ul>"
        + "".join(items)
        + "</ul>"
        + provenance_html(provenance)
        + "</body></html>\n"
    )
    written.append(atomic_write_text(folder / "index.html", index))
    written.append(atomic_write_text(folder / STYLESHEET, STYLE.lstrip()))
    return written
