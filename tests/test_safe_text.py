"""Escaping untrusted text for Markdown, sanitising HTML fragments, the reports' CSP."""

import html

import pytest
from nbconvert.filters import markdown2html

from analysis.safe_text import CSP, add_csp, md_code, md_escape, sanitize_html

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<img src=x onerror=\"document.title='pwned'\">",
]


def _rendered(markdown: str) -> str:
    """What a report page holds for this Markdown: nbconvert's renderer, then the sanitiser."""
    return sanitize_html(markdown2html(markdown))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_escape_renders_the_payload_as_text(payload):
    escaped = md_escape(payload)
    assert "<" not in escaped and "[" not in escaped and "`" not in escaped
    assert html.unescape(escaped) == payload  # nothing lost: the reader sees the text
    page = markdown2html(f"Outlet **{escaped}** wrote it.")  # before any sanitising
    for tag in ("<a", "<img", "<script", "<svg", "<iframe"):
        assert tag not in page
    assert page.startswith("<p>Outlet <strong>") and page.endswith("</strong> wrote it.</p>\n")
    shown = html.unescape(page.removeprefix("<p>Outlet <strong>").split("</strong>")[0])
    assert shown == payload  # the whole payload, as text, inside the project's bold


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_code_shows_the_payload_verbatim(payload):
    page = markdown2html(f"id {md_code(payload)}.")
    assert page.startswith("<p>id <code>") and page.endswith("</code>.</p>\n")
    code = page.removeprefix("<p>id <code>").removesuffix("</code>.</p>\n")
    assert "<" not in code and html.unescape(code) == payload


def test_md_escape_keeps_plain_text_and_project_markup():
    assert md_escape("Kyiv Independent") == "Kyiv Independent"
    assert md_escape("the country's leader") == "the country&#x27;s leader"
    label = md_escape("the country's leader")
    assert _rendered(f"**{label}**") == ("<p><strong>the country's leader</strong></p>\n")
    # Markdown syntax in the text is text, not emphasis, code, a heading or math
    text = "a_b *c* `d` # e | f ~g~ $5 and $10 \\ [h]"
    assert _rendered(md_escape(text)) == f"<p>{html.escape(text, quote=False)}</p>\n"
    # a line break cannot start a new block
    assert _rendered(md_escape("one\n# two\n> three")) == "<p>one # two &gt; three</p>\n"
    assert md_escape(None) == "" and md_escape(float("nan")) == "" and md_escape(3) == "3"


def test_md_code_fences_backticks():
    assert md_code("kim_jong_un") == "`kim_jong_un`"  # unchanged for ordinary ids
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x`") == "`` `x` ``"
    assert "<code>a`b</code>" in markdown2html(md_code("a`b"))


def test_sanitize_html_keeps_what_the_reports_need():
    fragment = (
        '<h2 id="The-lexicon">The lexicon<a class="anchor-link" href="#The-lexicon">¶</a></h2>'
        "<p>Text <strong>bold</strong> <em>it</em> <code>x</code></p><blockquote><p>q</p>"
        '</blockquote><ul><li>a</li></ul><div class="highlight"><pre><span class="n">x</span>'
        "</pre></div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>"
        '<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th>'
        '<th rowspan="2" valign="top">outlet</th></tr></thead><tbody><tr><td>IRIA</td></tr>'
        '</tbody></table><a href="../results/README.md">d</a> <a href="https://x.org/a">e</a>'
        '<img src="data:image/png;base64,iVBORw0K" alt="f" width="760">'
    )
    assert sanitize_html(fragment) == fragment.replace("<style scoped>", '<style scoped="">')


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
        ('<img src=x onerror="alert(1)">', '<img src="x">'),
        ("<svg onload=alert(1)><circle/></svg>ok", "ok"),
        ("<iframe src=javascript:alert(1)></iframe>ok", "ok"),
        ('<a href="javascript:alert(1)">c</a>', "<a>c</a>"),
        ('<a href=" jav&#x61;\tscript:alert(1)">c</a>', "<a>c</a>"),
        ('<a href="data:text/html,x">c</a>', "<a>c</a>"),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"),
        ('<p onclick="x()" style="background:url(javascript:x)">t</p>', "<p>t</p>"),
        ("<object data=x></object><embed src=x>ok", "ok"),
        ("<marquee>m</marquee>", "&lt;marquee&gt;m&lt;/marquee&gt;"),
        ("<!-- c --><p>t</p>", "<p>t</p>"),
        ("a &lt;b&gt; &amp; c", "a &lt;b&gt; &amp; c"),
        # a style element cannot be closed early by a differently spelled end tag
        ("<style>a{}</style x><script>alert(1)</script></style>", None),
    ],
)
def test_sanitize_html_removes_active_content(fragment, expected):
    out = sanitize_html(fragment)
    if expected is not None:
        assert out == expected
    low = out.lower()
    assert "<script" not in low and "</style" not in low.split("<style>")[-1][:-8]
    assert " onerror" not in low and " onload" not in low and 'href="javascript' not in low


def test_add_csp_puts_the_policy_first_in_head():
    page = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>\n<title>t</title></head></html>'
    out = add_csp(page)
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert out.startswith('<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>\n<meta http-equiv')
    assert "script-src 'none'" in CSP and "object-src 'none'" in CSP and "base-uri 'none'" in CSP
    assert "img-src 'self' data:" in CSP
    with pytest.raises(ValueError, match="no <head>"):
        add_csp("<p>x</p>")
