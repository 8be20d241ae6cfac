"""Stored script injection: hostile articles, metadata and lexicons never run in a report.

Mirrors ``analysis/safe_text.py`` as used by ``analysis/report/reproduce.py`` and the notebooks:
a corpus written here puts script payloads into article text, headlines, outlet names,
the other metadata fields and a lexicon; ``framing report`` renders every notebook, and
each page is loaded in headless Chromium. Nothing may survive in the DOM that could run
(no ``<script>``, ``<iframe>``, ``on*`` handler or ``javascript:`` URL) and no payload may
have changed the page (``document.title`` stays as rendered). A control shows that the
same check sees a payload run when the page lacks its protection.

Slow (two ``framing report`` runs and a browser per page); skipped without Chromium.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from analysis.cli import main
from analysis.errors import InputError
from analysis.paths import SEEDS_DIR
from analysis.report.reproduce import render_html
from analysis.text.corpus import read_articles

CHROMIUM = next(
    (p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()), None
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium not installed (apt-get install chromium): reports cannot be loaded "
        "in a headless browser, so the script-injection test is skipped",
    ),
]

PWN = "document.title='pwned'"
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    f'<img src=x onerror="{PWN}">',
    f'<svg onload="{PWN}">',
    f"<script>{PWN}</script>",
]
MARKDOWN_PAYLOADS = [
    "[click](javascript:alert(1))",
    f"[pwn](javascript:{PWN})",
    "![img](javascript:alert(1))",
    "<javascript:alert(1)>",  # a CommonMark autolink
]
# five outlets, each named by a different payload (distinct figure ids)
OUTLETS = [
    "<img src=x onerror=\"document.title='pwned'\"> Daily",
    "<script>alert(1)</script> Times",
    "<svg onload=alert(1)> Herald",
    "<iframe src=javascript:alert(1)> Post",
    "[click](javascript:alert(1)) News",
]
_q = json.dumps  # a JSON string is a YAML double-quoted scalar
LEXICON = f"""\
version: {_q(f"<script>{PWN}</script>")}
description: A lexicon handed over by a collaborator.
categories:
  evaluative: {_q(f'<img src=x onerror="{PWN}">')}
terms:
  - id: {_q(f'<svg onload="{PWN}">mistake')}
    patterns: [big mistake]
    category: evaluative
    rationale: {_q("<iframe src=javascript:alert(1)> [click](javascript:alert(1))")}
  - id: warn
    patterns: [warned]
    category: evaluative
    rationale: A plain term.
"""
BAD_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster"}


class Dom(HTMLParser):
    """Elements, title and reader-visible text (code inputs left out) of a page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.title = ""
        self._in_title = False
        self._skip: list[bool] = []
        self._text: list[str] = []
        self.feed(page)
        self.text = re.sub(r"\s+", " ", "".join(self._text))

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        self._in_title = tag == "title"
        if tag not in ("img", "br", "hr", "meta", "link", "col", "input", "source"):
            cls = dict(attrs).get("class") or ""
            self._skip.append(tag in ("style", "script") or "jp-CodeMirrorEditor" in cls)

    def handle_endtag(self, tag):
        self._in_title = False
        if tag not in ("img", "br", "hr", "meta", "link", "col", "input", "source") and self._skip:
            self._skip.pop()

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not any(self._skip):
            self._text.append(data)


def browser_dom(page: Path, profile: Path, *, timeout: float = 60) -> Dom:
    """Load ``page`` in headless Chromium (no network) and parse the DOM after load.

    A script that opens a dialog (``alert(1)``) blocks ``--dump-dom``: a page that does
    not finish loading in ``timeout`` seconds fails the test as a script that ran.
    """
    proc = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            page.resolve().as_uri(),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so a hung browser can be ended
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(
            f"{page.name}: Chromium did not finish loading the page in {timeout:g} s: "
            "a script ran and opened a dialog (alert) or hung"
        )
    assert proc.returncode == 0 and "<html" in stdout, stderr[-2000:]
    return Dom(stdout)


def assert_inert(dom: Dom, title: str, where: str) -> None:
    """Nothing that could run survived, and nothing ran (the title is unchanged)."""
    assert dom.title == title and "pwned" not in dom.title, where
    for tag, attrs in dom.elements:
        assert tag not in BAD_TAGS, f"{where}: <{tag}> in the DOM"
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: <{tag} {name}=...> in the DOM"
            assert name != "srcdoc", where
            if name in URL_ATTRS:
                url = re.sub(r"[\x00-\x20\x7f]", "", value or "").lower()
                assert not url.startswith(("javascript:", "vbscript:", "data:text")), (
                    f"{where}: <{tag} {name}={value!r}>"
                )


def hostile_corpus(folder: Path) -> Path:
    """The seed articles with Markdown payloads in headline and body, hostile metadata."""
    folder.mkdir()
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    with (SEEDS_DIR / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, (path, row) in enumerate(zip(seeds, rows, strict=True)):
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[0] = f"{MARKDOWN_PAYLOADS[i % 4]} {lines[0]}"  # the first line is the headline
        extra = (
            f"Observers called the warning {' and '.join(MARKDOWN_PAYLOADS)}, "
            "a very big mistake by Putin."
        )
        text = "\n".join(lines[:6] + ["", extra, ""] + lines[6:] + ["", extra, ""])
        (folder / path.name).write_text(text, encoding="utf-8")
        payload = HTML_PAYLOADS[i % len(HTML_PAYLOADS)]
        row.update(
            outlet=OUTLETS[i],
            outlet_country=payload,
            outlet_kind=MARKDOWN_PAYLOADS[i % 4],
            author=HTML_PAYLOADS[(i + 1) % len(HTML_PAYLOADS)],
            headline=HTML_PAYLOADS[(i + 2) % len(HTML_PAYLOADS)],
            url=f"javascript:{PWN}",
            attribution_note=" ".join(HTML_PAYLOADS + MARKDOWN_PAYLOADS),
        )
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_html_payloads_in_article_text_are_rejected(tmp_path, capsys):
    """Articles are plain text: a tag anywhere in one stops the run with a one-line error."""
    corpus = hostile_corpus(tmp_path / "corpus")
    target = sorted(corpus.glob("*.txt"))[2]
    text = target.read_text(encoding="utf-8")
    assert len(text) > 2000  # the old check read only the first 2,000 characters
    for payload in HTML_PAYLOADS[:4]:
        target.write_text(f"{text}\nIt ended with {payload} late.\n", encoding="utf-8")
        assert main(["analyze", str(corpus), "--out", str(tmp_path / "out")]) == 2
        errors = [e for e in capsys.readouterr().err.splitlines() if "error" in e]
        assert len(errors) == 1 and f"{target.name}: looks like HTML" in errors[0]
        with pytest.raises(InputError, match="looks like HTML"):
            read_articles([target])


def test_hostile_corpus_reports_run_no_script(tmp_path):
    corpus = hostile_corpus(tmp_path / "corpus")
    (tmp_path / "terms.yaml").write_text(LEXICON, encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        ["report", str(corpus), "--out", str(out), "--lexicon", str(tmp_path / "terms.yaml")]
    )
    assert code == 0
    pages = sorted((out / "reports").glob("*.html"))
    assert len(pages) == 9  # seven notebooks, the index and the glossary
    articles = sorted((out / "reports" / "articles").glob("*.html"))
    assert len(articles) == len(list(corpus.glob("*.txt"))) + 1  # one per article + index
    pages += articles
    seen = set()
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in raw and "script-src 'none'" in raw, page.name
        assert "<script" not in raw.lower(), page.name
        dom = browser_dom(page, tmp_path / "profile")
        assert_inert(dom, Dom(raw).title, page.name)
        seen |= {o for o in OUTLETS if o in dom.text}
        seen |= {p for p in HTML_PAYLOADS + MARKDOWN_PAYLOADS if p in dom.text}
    # the reader still sees every name and payload, as text
    assert seen == set(OUTLETS) | set(HTML_PAYLOADS) | set(MARKDOWN_PAYLOADS)
    corpus_page = Dom((out / "reports" / "00-corpus.html").read_text(encoding="utf-8"))
    assert "<svg onload=alert(1)> Herald" in corpus_page.text  # the prose names the outlet
    summary = Dom((out / "reports" / "06-summary.html").read_text(encoding="utf-8"))
    assert "[click](javascript:alert(1)) News" in summary.text


def _page_with_injection(page: str, *, csp: bool) -> str:
    """``page`` with payloads inserted past every filter (as if an escape had been missed)."""
    if not csp:
        page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    inject = f'<img src="x" onerror="{PWN}"><script>{PWN}</script>'
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + inject, page, count=1)


def test_unsanitised_markup_is_caught_by_sanitiser_and_csp(tmp_path):
    """Second and third lines of defence, without the escaping of the first."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"language_info": {"name": "python"}}
    raw = " ".join(HTML_PAYLOADS + MARKDOWN_PAYLOADS)
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# A title\n\nMarkdown cell: {raw}"),
        nbformat.v4.new_code_cell(
            "x",
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"text/markdown": f"Output: {raw}", "text/plain": "x"}
                ),
                nbformat.v4.new_output(
                    "display_data", data={"text/html": f"<p>HTML: {raw}</p>", "text/plain": "x"}
                ),
                nbformat.v4.new_output(
                    "display_data",
                    data={"application/javascript": PWN, "text/plain": "x"},
                ),
            ],
        ),
    ]
    page = render_html(nb)
    assert "<script" not in page.lower() and "onerror=" not in page
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    title = Dom(page).title
    dom = browser_dom(path, tmp_path / "profile")
    assert_inert(dom, title, "sanitised page")
    assert "A title" in dom.text and "Markdown cell:" in dom.text
    # the CSP alone stops scripts that got into the page...
    path.write_text(_page_with_injection(page, csp=True), encoding="utf-8")
    assert browser_dom(path, tmp_path / "profile").title == title
    # ...and the check is real: without the CSP the same injection runs
    path.write_text(_page_with_injection(page, csp=False), encoding="utf-8")
    assert browser_dom(path, tmp_path / "profile").title == "pwned"


def test_seed_reports_show_the_prose(tmp_path):
    """Escaping changes the Markdown source only: the seed prose reads as before."""
    out = tmp_path / "out"
    assert main(["report", str(SEEDS_DIR), "--out", str(out), "--only", "02", "03", "04"]) == 0
    for page in sorted((out / "reports").glob("*.html")):
        dom = browser_dom(page, tmp_path / "profile")
        assert_inert(dom, Dom(page.read_text(encoding="utf-8")).title, page.name)
        assert "&#x27;" not in dom.text and "&amp;" not in dom.text and "&#" not in dom.text
    text = {p.stem[:2]: Dom(p.read_text(encoding="utf-8")).text for p in out.glob("reports/*.html")}
    # read by hand in seeds/002: "the country's leader, Kim Jong Un"; teaser of 002
    assert (
        "the Kyiv Independent's article calls Kim the country's leader, Kim Jong Un, while its "
        "page's teaser for another story (not counted here) labels him 'North Korean dictator'."
    ) in text["03"]
    # seeds/001, sentence 001-s020, quoted with its curly quotes and apostrophe
    assert (
        "(Breitbart, 001-s020, +0.82) is “I hope it will not happen. If it does, then we too "
        "will then make the respective decisions, which South Korea’s current leadership is "
        "unlikely to be pleased with.” VADER's lexicon words in it: hope +1.9, respective +1.8, "
        "pleased +1.9."
    ) in text["02"]
    assert (
        "Unit u003 is missing from ViewUS Global. Its closest sentence, 004-s006 (mean "
        'similarity 0.17, threshold 0.2), reads: "The South Korean government has maintained'
    ) in text["04"]
