"""Offline explorer pages for readers who would rather filter than read.

Two pages beside the reports: ``explore/keyness.html`` (each outlet's most distinctive
words, in its own voice or in all voices) and ``explore/loaded-terms.html`` (every
loaded-term match with its sentence, filtered by outlet and voice). They are
interactive without any script: radio buttons and CSS sibling selectors
(``#o2:checked ~ .rows tr:not(.o2) {display: none}``) choose what is shown, so the pages
keep the reports' Content-Security-Policy with ``script-src 'none'`` and open from disk
in any browser. Every corpus text is HTML-escaped; the matched words are marked after
escaping.

The data behind each row is the results table named on the page (``keyness``,
``loaded_terms``); sentences carry their ids and character offsets.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from analysis.io import atomic_write_text
from analysis.report.article_view import page_head, provenance_html

STYLESHEET = "explore.css"
"""The explorer pages' stylesheet, written beside them."""

MAX_CHOICES = 24
"""Most outlets offered as filter buttons (the largest ones; the rest: 'all outlets')."""

TOP_TERMS = 30
"""Distinctive terms listed per outlet and scope on the keyness page."""

SCOPES = {"authorial": "own words", "all": "all voices"}
VOICES = ("authorial", "quoted", "reported")


def _esc(value) -> str:
    return html.escape("" if value is None or value != value else str(value), quote=True)


def explore_style(n_choices: int = MAX_CHOICES) -> str:
    """The stylesheet: layout, and the rules that make the radio buttons filter.

    Loaded terms: a row is hidden when the chosen outlet button ``#oI`` or voice button
    ``#vJ`` is not one of its classes. Keyness: the panel ``.pI.sJ`` shows when outlet
    ``I`` and scope ``J`` are both chosen.
    """
    lines = [
        "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
        "color:#222}",
        "h1{font-size:1.3em}h2{font-size:1.1em}.meta{font-size:13px;color:#444}",
        "input.f{position:absolute;opacity:0}",
        "label.f{display:inline-block;padding:.1em .5em;border:1px solid #999;"
        "border-radius:3px;margin:.15em;cursor:pointer}",
        "input.f:checked+label.f{background:#0072b2;color:#fff;border-color:#0072b2}",
        "input.f:focus-visible+label.f{outline:2px solid #e69f00}",
        "table{border-collapse:collapse;width:100%;margin-top:.5em}",
        "th,td{text-align:left;vertical-align:top;padding:.2em .4em;border-bottom:1px solid #eee}",
        "td.n{text-align:right;font-variant-numeric:tabular-nums}",
        "mark{background:none;font-weight:bold;border-bottom:3px solid #d55e00}",
        ".panel{display:none}",
        "p.provenance{margin-top:2em;border-top:1px solid #ddd;padding-top:.6em}",
    ]
    for i in range(n_choices):
        lines.append(f"#o{i}:checked~.rows tr.row:not(.o{i}){{display:none}}")
        for j in range(len(SCOPES)):
            lines.append(f"#o{i}:checked~#s{j}:checked~.panels .p{i}.s{j}{{display:block}}")
    for j in range(len(VOICES)):
        lines.append(f"#v{j}:checked~.rows tr.row:not(.v{j}){{display:none}}")
    return "\n".join(lines) + "\n"


def _choices(outlets: list[str]) -> list[str]:
    return outlets[:MAX_CHOICES]


def _radios(group: str, prefix: str, labels: list[str], *, with_all: bool) -> str:
    out = []
    if with_all:
        out.append(
            f'<input class="f" type="radio" name="{group}" id="{prefix}all" checked>'
            f'<label class="f" for="{prefix}all">all</label>'
        )
    for i, label in enumerate(labels):
        checked = " checked" if (not with_all and i == 0) else ""
        out.append(
            f'<input class="f" type="radio" name="{group}" id="{prefix}{i}"{checked}>'
            f'<label class="f" for="{prefix}{i}">{_esc(label)}</label>'
        )
    return "".join(out)


def _page(title: str, intro: str, body: str, provenance: str) -> str:
    return (
        page_head(title, stylesheet=STYLESHEET)
        + '<body><p class="meta"><a href="../index.html">reports</a></p>'
        + f"<h1>{_esc(title)}</h1><p>{intro}</p>{body}{provenance_html(provenance)}"
        + "</body></html>\n"
    )


def keyness_explorer_html(
    keyness: pd.DataFrame, outlets: list[str], *, provenance: str = "", top: int = TOP_TERMS
) -> str:
    """The keyness page: pick an outlet and a scope, see its ``top`` distinctive terms.

    Args:
        keyness: the ``keyness`` table (Monroe et al.'s z per outlet, scope and term).
        outlets: the outlets offered, in display order (at most :data:`MAX_CHOICES`).
        provenance: the provenance line of the run.
        top: terms per outlet and scope (highest z first; ties by term).
    """
    outlets = _choices(outlets)
    scopes = [s for s in SCOPES if s in set(keyness["scope"])]
    panels = []
    for i, outlet in enumerate(outlets):
        for j, scope in enumerate(SCOPES):
            if scope not in scopes:
                continue
            sub = keyness[(keyness["outlet"] == outlet) & (keyness["scope"] == scope)]
            sub = sub[sub["z"] > 0].sort_values(["z", "term"], ascending=[False, True]).head(top)
            rows = "".join(
                f"<tr><td>{_esc(r.term)}</td><td class=n>{int(r.count_outlet)}</td>"
                f"<td class=n>{int(r.count_rest)}</td><td class=n>{r.rate_outlet:.1f}</td>"
                f"<td class=n>{r.rate_rest:.1f}</td><td class=n>{r.z:.2f}</td></tr>"
                for r in sub.itertuples()
            )
            empty = "" if rows else '<tr><td colspan="6">no term with z above 0</td></tr>'
            panels.append(
                f'<div class="panel p{i} s{j}"><h2>{_esc(outlet)}: {SCOPES[scope]}</h2>'
                "<table><tr><th>term</th><th>count</th><th>count, other outlets</th>"
                "<th>per 1,000 words</th><th>others per 1,000</th><th>z</th></tr>"
                f"{rows}{empty}</table></div>"
            )
    body = (
        "<fieldset><legend>outlet</legend>"
        + _radios("o", "o", outlets, with_all=False)
        + "<br><span class=meta>scope</span> "
        + _radios("s", "s", [SCOPES[s] for s in SCOPES], with_all=False)
        + f'<div class="panels">{"".join(panels)}</div></fieldset>'
    )
    intro = (
        f"The {top} words and phrases most distinctive of each outlet against the others "
        "(weighted log-odds with an informative Dirichlet prior, Monroe et al. 2008; z above "
        "0 only), in the outlet's own words or in all voices. Choose an outlet and a scope; "
        "every row is in <code>results/keyness.csv</code>. A word can be distinctive because "
        "of the story an outlet chose, not how it told it: on many events see "
        "<code>keyness_events.csv</code>."
    )
    return _page("Explore: distinctive words per outlet", intro, body, provenance)


def _target(actor_id) -> str:
    """``kim_jong_un`` -> ``Kim Jong Un``; no target -> ``—``."""
    if actor_id is None or actor_id != actor_id or actor_id == "":
        return "—"
    return " ".join(w.capitalize() for w in str(actor_id).split("_"))


def _marked(sentence: str, start: int, end: int) -> str:
    return (
        _esc(sentence[:start])
        + "<mark>"
        + _esc(sentence[start:end])
        + "</mark>"
        + _esc(sentence[end:])
    )


def loaded_terms_explorer_html(
    loaded_terms: pd.DataFrame, outlets: list[str], *, provenance: str = ""
) -> str:
    """The loaded-terms page: every match with its sentence, filtered by outlet and voice.

    Args:
        loaded_terms: the ``loaded_terms`` table (offsets ``start``/``end`` into the raw
            file; ``sentence_start`` the sentence's offset).
        outlets: the outlets offered as buttons, in display order.
        provenance: the provenance line of the run.
    """
    outlets = _choices(outlets)
    index = {o: i for i, o in enumerate(outlets)}
    rows = []
    for r in loaded_terms.sort_values(["article_id", "start"]).itertuples():
        s, e = int(r.start) - int(r.sentence_start), int(r.end) - int(r.sentence_start)
        voice = VOICES.index(r.voice) if r.voice in VOICES else -1
        cls = f"row o{index[r.outlet]} v{voice}" if r.outlet in index else f"row v{voice}"
        rows.append(
            f'<tr class="{cls}"><td>{_esc(r.outlet)}</td><td>{_esc(r.term)}</td>'
            f"<td>{_esc(r.voice)}</td><td>{_esc(_target(r.target))}</td>"
            f'<td title="{_esc(r.sentence_id)}, offsets {int(r.start)}-{int(r.end)}">'
            f"{_marked(str(r.sentence), s, e)}</td></tr>"
        )
    body = (
        '<span class="meta">outlet</span> '
        + _radios("o", "o", outlets, with_all=True)
        + '<br><span class="meta">voice</span> '
        + _radios("v", "v", list(VOICES), with_all=True)
        + '<div class="rows"><table><tr><th>outlet</th><th>term</th><th>voice</th>'
        + "<th>aimed at</th><th>sentence</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )
    intro = (
        f"All {len(loaded_terms)} loaded-term matches (lexicon terms) with the sentence they "
        "occur in. Choose an outlet and a voice: <em>authorial</em> is the outlet's own "
        "words, <em>quoted</em> inside quotation marks, <em>reported</em> speech the outlet "
        "attributes to someone. Hover a sentence for its id and the match's offsets in the "
        "raw file; every row is in <code>results/loaded_terms.csv</code>."
    )
    return _page("Explore: loaded terms in context", intro, body, provenance)


def write_explorers(
    tables: dict[str, pd.DataFrame], folder: Path, outlets: list[str], *, provenance: str = ""
) -> list[tuple[str, str]]:
    """Write the explorer pages and their stylesheet into ``folder``.

    Returns:
        ``(link relative to the reports folder, label)`` of each page written.
    """
    folder = Path(folder)
    written = []
    atomic_write_text(folder / STYLESHEET, explore_style())
    if "keyness" in tables:
        atomic_write_text(
            folder / "keyness.html",
            keyness_explorer_html(tables["keyness"], outlets, provenance=provenance),
        )
        written.append((f"{folder.name}/keyness.html", "Explore: distinctive words per outlet"))
    if "loaded_terms" in tables:
        atomic_write_text(
            folder / "loaded-terms.html",
            loaded_terms_explorer_html(tables["loaded_terms"], outlets, provenance=provenance),
        )
        written.append((f"{folder.name}/loaded-terms.html", "Explore: loaded terms in context"))
    return written
