"""Untrusted text in Markdown and HTML: one escaping helper, one sanitiser, one CSP.

Article text, metadata (outlet, headline, author, url, file names) and lexicon entries
come from whoever supplied the corpus; the reports are opened in a browser. So:

* every such value that is put into Markdown prose goes through :func:`md_escape` (plain
  text) or :func:`md_code` (a code span) at the point where it is interpolated; markup the
  project adds (bold around a value, a highlighted word) is added *after* escaping;
* the HTML export runs every Markdown and HTML fragment of a notebook through
  :func:`sanitize_html` (an allowlist of tags, attributes and URL schemes), as a second
  line of defence;
* every rendered page carries :data:`CSP` (no scripts at all, no plugins, no remote
  loads); see :func:`add_csp`.

``docs/security.md`` describes the threat model and what is escaped where.
"""

from __future__ import annotations

import html
import math
import re
from html.parser import HTMLParser

__all__ = ["CSP", "add_csp", "md_code", "md_escape", "sanitize_html"]

# HTML's special characters and Markdown's syntax characters, each replaced by a
# character reference in one pass: a reference is never markup (no tag, link, image,
# emphasis, code span, heading or math), and the browser shows the character itself.
_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "#": "&#35;",
    "|": "&#124;",
    "~": "&#126;",
    "$": "&#36;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_NEWLINES = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
# characters a browser drops from URLs before reading their scheme
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def _text(value) -> str:
    """``value`` as one line of text; None and NaN become ``""``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _NEWLINES.sub(" ", str(value))


def md_escape(value) -> str:
    """Untrusted text as Markdown that shows exactly that text and nothing else.

    HTML-escapes ``& < > " '`` and replaces Markdown syntax characters (backslash,
    backtick, ``* _ [ ] # | ~ $``) by numeric character references, so
    ``[x](javascript:...)`` cannot become a link, ``<img onerror=...>`` stays text, and
    ``*`` or ``_`` in a sentence do not turn into emphasis. Line breaks become spaces
    (a value cannot start a new Markdown block). The browser shows the original
    characters; only the Markdown source looks different.

    Args:
        value: any value (``str()`` is applied; None and NaN give ``""``).

    Returns:
        The escaped text, safe to put anywhere in Markdown prose outside a code span.
    """
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group(0)], _text(value))


def md_code(value) -> str:
    """Untrusted text as a Markdown code span (`` `value` ``), shown verbatim.

    Inside a code span Markdown and HTML are not interpreted (the renderer escapes
    ``<`` and ``&``), so only the fence needs care: it is one backtick longer than the
    longest run of backticks in the value. Line breaks become spaces.
    """
    text = _text(value)
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --------------------------------------------------------------------------- sanitiser

_ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub "
    "summary sup table tbody td tfoot th thead tr u ul".split()
)
_VOID_TAGS = frozenset({"br", "col", "hr", "img"})
_DROP_WITH_CONTENT = frozenset(
    {"script", "iframe", "object", "noscript", "template", "svg", "math", "frameset"}
)
_DROP_VOID = frozenset({"embed", "frame"})
_GLOBAL_ATTRS = frozenset({"class", "id", "title", "style", "lang", "dir"})
_TAG_ATTRS = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "table": {"border"},
    "td": {"colspan", "rowspan", "align", "valign"},
    "th": {"colspan", "rowspan", "align", "valign", "halign", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "style": {"scoped", "type"},
}
_SAFE_STYLE = re.compile(r"^[\w\s:;.,%#-]*$")
_SAFE_HREF_SCHEMES = ("http", "https", "mailto")
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[a-z0-9+/=]*$", re.IGNORECASE)


def _url_ok(url: str, *, image: bool) -> bool:
    """Relative URLs and fragments; http(s)/mailto links; embedded raster images."""
    bare = _URL_IGNORED.sub("", url)
    if image and _DATA_IMAGE.match(bare):
        return True
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", bare)
    if scheme is None:
        return True  # relative (a ':' after '/', '?' or '#' is not a scheme)
    return not image and scheme.group(1).lower() in _SAFE_HREF_SCHEMES


class _Sanitiser(HTMLParser):
    """Re-serialise an HTML fragment keeping only allowlisted tags and attributes.

    The output is built from parsed tokens: text is re-escaped, attribute values quoted
    and escaped, so however the input was written, only the allowed markup comes out.
    Unknown tags are shown as text; scripts, frames, SVG and the like are dropped with
    their content.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []
        self.in_style = False

    def _attrs(self, tag: str, attrs) -> str:
        keep = []
        allowed = _GLOBAL_ATTRS | _TAG_ATTRS.get(tag, set())
        for name, value in attrs:
            name = name.lower()
            value = "" if value is None else value
            if name not in allowed:
                continue
            if name == "style" and not _SAFE_STYLE.match(value):
                continue
            if name in ("href", "src") and not _url_ok(value, image=name == "src"):
                continue
            keep.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(keep)

    def handle_starttag(self, tag, attrs):
        if tag in _DROP_VOID:
            return
        if self.dropping:
            if tag in _DROP_WITH_CONTENT:
                self.dropping.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            self.dropping.append(tag)
        elif tag == "style":
            self.out.append(f"<style{self._attrs(tag, attrs)}>")
            self.in_style = True
        elif tag in _ALLOWED_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        else:
            self.out.append(html.escape(self.get_starttag_text() or "", quote=False))

    def handle_startendtag(self, tag, attrs):
        if self.dropping or tag in _DROP_WITH_CONTENT or tag in _DROP_VOID:
            return
        if tag in _ALLOWED_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
            if tag not in _VOID_TAGS:
                self.out.append(f"</{tag}>")
        else:
            self.out.append(html.escape(self.get_starttag_text() or "", quote=False))

    def handle_endtag(self, tag):
        if self.dropping:
            if tag == self.dropping[-1]:
                self.dropping.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_VOID:
            return
        if tag == "style" and self.in_style:
            self.out.append("</style>")
            self.in_style = False
        elif tag in _ALLOWED_TAGS and tag not in _VOID_TAGS:
            self.out.append(f"</{tag}>")
        elif tag not in _ALLOWED_TAGS:
            self.out.append(html.escape(f"</{tag}>", quote=False))

    def handle_data(self, data):
        if self.dropping:
            return
        if self.in_style:
            # CSS needs no '<'; without it nothing can end the style element early
            self.out.append(data.replace("<", "\\3c "))
        else:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def sanitize_html(fragment) -> str:
    """Keep only safe markup of an HTML fragment (a rendered Markdown cell, a table).

    Allowed: the tags Markdown, pandas tables and code highlighting produce (``p``,
    headings, lists, ``table``…, ``code``, ``pre``, ``span``, ``img``…), the attributes
    they need (``class``, ``id``, ``href``, ``src``, ``colspan``…), inline styles made of
    plain CSS declarations, ``<style>`` blocks with every ``<`` neutralised. Links may be
    relative or ``http(s):``/``mailto:``; images relative or embedded PNG/JPEG/GIF/WebP.
    Dropped with their content: ``script``, ``iframe``, ``object``, ``svg``, ``math``,
    ``template``, ``noscript``; dropped: ``embed``, ``frame``. Dropped: every ``on*`` handler and any other
    attribute, comments. Other tags are shown as text.

    Args:
        fragment: HTML as ``str`` or ``bytes`` (UTF-8).
    """
    text = fragment.decode("utf-8") if isinstance(fragment, bytes) else str(fragment)
    parser = _Sanitiser()
    parser.feed(text)
    parser.close()
    if parser.in_style:
        parser.out.append("</style>")
    return "".join(parser.out)


# --------------------------------------------------------------------------- CSP

CSP = (
    "default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'none'; frame-src 'none'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; font-src 'self' data:"
)
"""Content-Security-Policy of every rendered page: the reports need no script at all."""
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


def add_csp(page: str) -> str:
    """Insert :data:`CSP_META` at the top of the page's ``<head>`` (after its charset).

    Raises:
        ValueError: the page has no ``<head>``.
    """
    head = _HEAD.search(page)
    if head is None:
        raise ValueError("page has no <head>")
    charset = _CHARSET.match(page, head.end())
    at = charset.end() if charset else head.end()
    return page[:at] + "\n" + CSP_META + page[at:]
