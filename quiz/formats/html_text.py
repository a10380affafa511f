"""HTML reduced to plain text for the terminal.

Imported questions (Moodle GIFT, Kahoot, Open Trivia DB...) often carry bits
of HTML: tags, entities, line breaks. The game shows plain text, so tags are
dropped, entities decoded and line-breaking tags turned into newlines.

A small regular-expression pass rather than a full HTML parser: the input is
short question text, and it must never raise whatever it is given.
"""

from __future__ import annotations

import html
import re

# Content that is never shown to a reader.
_HIDDEN = re.compile(r"<!--.*?(?:-->|$)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
# Tags that start or end a block of text: each becomes a line break.
_BLOCK = re.compile(
    r"</?(?:p|div|li|ul|ol|dl|dt|dd|tr|table|thead|tbody|h[1-6]|blockquote|pre|section|article|hr|header|footer)\b[^>]*>",
    re.IGNORECASE,
)
# Anything else that looks like a tag; a lone "<" (as in "x < 3") does not.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<![^<>]*>|<\?[^<>]*>")
_SPACES = re.compile(r"[ \t\f\v\r]+")
_ALL_SPACE = re.compile(r"\s+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    """True when reducing ``text`` would change it (a tag or an entity)."""
    return bool(_TAG.search(text) or _HIDDEN.search(text)) or html.unescape(text) != text


def html_to_text(text: str, collapse_whitespace: bool = True) -> str:
    """Plain text a person would read in a browser.

    ``collapse_whitespace`` follows HTML: runs of spaces and newlines in the
    source read as one space. Pass False for text whose newlines matter (Moodle's
    own "moodle" format turns them into line breaks).
    """
    out = str(text)
    if collapse_whitespace:
        out = _ALL_SPACE.sub(" ", out)
    out = _HIDDEN.sub("", out)
    out = _BREAK.sub("\n", out)
    out = _BLOCK.sub("\n", out)
    out = _TAG.sub("", out)
    # Entities last, so "&lt;b&gt;" stays visible text and is not taken for a tag.
    out = html.unescape(out).replace("\xa0", " ")
    if collapse_whitespace:
        out = "\n".join(_SPACES.sub(" ", line).strip() for line in out.split("\n"))
    out = _MANY_NEWLINES.sub("\n\n", out)
    return out.strip()
