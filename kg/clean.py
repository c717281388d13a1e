"""Cheap checks on a text before parsing: HTML to plain text, lone surrogates, whether it reads as English.

Example:
    >>> html_to_text("<p>Chile &amp; Peru <b>signed</b> a pact.</p><script>x()</script>")
    'Chile & Peru signed a pact.\\n'
    >>> looks_like_html("<html><body>Talks.</body></html>"), looks_like_html("Talks: a < b.")
    (True, False)
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_english", "looks_like_html", "replace_surrogates"]

#: Tags common in scraped pages; three of them (or a doctype or <html> first) mark a text as HTML.
_TAG = re.compile(r"</?(?:html|head|body|p|div|span|a|br|script|style|table|tr|td|li|ul|ol|h[1-6]|article|"
                  r"section|header|footer|nav|meta|link|img|em|strong|b|i|title)\b[^<>]{0,2000}>", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html\b|<\?xml[^>]*>\s*<html\b)", re.IGNORECASE)
#: Tags whose content is not text, and tags that end a block of text (a line break in the output).
_HIDDEN = frozenset({"script", "style", "noscript", "template"})
_HIDDEN_BLOCK = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"<[^<>]*>")
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
                     "header", "footer", "title", "table", "ul", "ol", "blockquote"})
#: How much of a text the checks read: enough to judge, bounded for 50 MB documents.
_SAMPLE = 50_000

#: Words frequent in any English news text and rare elsewhere (short function words).
_ENGLISH_WORDS = frozenset((
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "said", "it",
    "at", "from", "his", "has", "have", "are", "be", "were", "will", "its", "an", "this", "which", "their",
    "after", "not", "but", "who", "they", "he", "she", "been", "had", "would"))
_WORD = re.compile(r"[^\W\d_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts as an HTML page or holds three or more common HTML tags."""
    sample = text[:_SAMPLE]
    return bool(_HTML_START.match(sample)) or len(_TAG.findall(sample, 0, _SAMPLE)) >= 3


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.hidden += tag in _HIDDEN
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text of an HTML page: tags dropped, script and style left out, entities decoded, blocks on lines."""
    parser = _TextOfHtml()
    try:
        parser.feed(html)
        parser.close()
        text = "".join(parser.parts)
    except AssertionError:  # Python < 3.13's parser asserts on some malformed declarations ("<![x")
        text = unescape(_ANY_TAG.sub("\n", _HIDDEN_BLOCK.sub("", html)))
    return re.sub(r"[ \t]*\n[\s]*", "\n", text).strip() + "\n"


def looks_english(text: str) -> bool:
    """True unless ``text`` clearly is not English: mostly letters of another script, or few English function words.

    Texts of fewer than 100 letters or 30 words are too short to judge and count as English.

    Example:
        >>> looks_english("Les ministres de la France et du Mali ont signé un accord " * 4)
        False
    """
    sample = text[:_SAMPLE]
    letters = [char for char in sample if char.isalpha()]
    if len(letters) >= 100 and sum(char.isascii() for char in letters) < len(letters) / 2:
        return False  # mostly another script (Cyrillic, Han, Arabic ...), with or without spaces
    words = _WORD.findall(sample)
    if len(words) < 30:
        return True
    return sum(word.lower() in _ENGLISH_WORDS for word in words) >= 0.08 * len(words)


def replace_surrogates(text: str) -> tuple[str, int]:
    """Replace lone UTF-16 surrogates (which cannot be written as UTF-8) by U+FFFD; offsets keep.

    Example:
        >>> replace_surrogates("a\\ud800b")
        ('a�b', 1)
    """
    return _SURROGATE.subn("\ufffd", text)
