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
from dataclasses import dataclass

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


# --- pictures and sounds ----------------------------------------------------

_ANY_MEDIA = re.compile(r"<(?:img|audio|video|source|object|embed|iframe|a)\b", re.IGNORECASE)
_MEDIA = re.compile(r"<(img|audio|video|source|object|embed|iframe)\b([^<>]*)>", re.IGNORECASE)
_MEDIA_KIND = {"img": "picture", "audio": "sound", "video": "video", "source": "media file"}
_SRC = re.compile(r"""\b(?:src|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))""", re.IGNORECASE)
_LINK = re.compile(r"""<a\b[^<>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))""", re.IGNORECASE)
_MEDIA_FILE = re.compile(
    r"\.(?:png|jpe?g|gif|svg|webp|bmp|mp3|wav|ogg|oga|m4a|mp4|webm|mov|avi)(?:[?#].*)?$", re.IGNORECASE
)
#: What ends a line of text in a browser: a block tag or a line break.
_LINE_END = re.compile(_BLOCK.pattern + "|" + _BREAK.pattern, re.IGNORECASE)
#: Words with which a question points at a picture it shows.
_POINTS_AT_PICTURE = re.compile(
    r"\b(?:image|picture|pictured|photo|photograph|diagram|map|figure|chart|graph|drawing|illustration|"
    r"illustrated|logo|flag|shown|displayed|look at|listen|watch)\b|\b(?:this|these)\s*[?:]",
    re.IGNORECASE,
)


#: Pictures looked at in one text, and how far around each one.
MAX_MEDIA = 20
_NEAR = 400


@dataclass(frozen=True)
class Media:
    """A picture, sound or video in HTML text, which plain text cannot show."""

    kind: str  # "picture", "sound", "video", "embedded content", "linked file"
    name: str  # the file's name from its address, or ""
    #: It stands inside a sentence ("the capital of <img>?"): the text makes no sense without it.
    inline: bool

    def describe(self) -> str:
        return f"the {self.kind} {self.name!r}" if self.name else f"a {self.kind}"


def _file_name(address: str) -> str:
    address = html.unescape(address).split("?")[0].split("#")[0].rstrip("/")
    return address.rsplit("/", 1)[-1][:60]


def media_in(text: str, newlines_break: bool = False) -> list[Media]:
    """The pictures, sounds and videos of HTML text (and links to such files), in order.

    ``newlines_break``: a newline ends a line of text (Moodle's own format), as
    in :func:`html_to_text` with ``collapse_whitespace=False``.
    """
    if not _ANY_MEDIA.search(text):  # most question text: no need to look closer
        return []
    text = _HIDDEN.sub("", str(text))
    found: list[Media] = []
    for match in _MEDIA.finditer(text):
        if len(found) >= MAX_MEDIA:  # a hostile file can hold a million; a question, a few
            break
        tag = match.group(1).lower()
        src = _SRC.search(match.group(2))
        name = _file_name(next(g for g in src.groups() if g is not None)) if src else ""
        found.append(
            Media(
                _MEDIA_KIND.get(tag, "embedded content"),
                name,
                _inline(text, match.start(), match.end(), newlines_break),
            )
        )
    for match in _LINK.finditer(text):
        if len(found) >= MAX_MEDIA:
            break
        address = next(g for g in match.groups() if g is not None)
        if _MEDIA_FILE.search(html.unescape(address)):
            found.append(Media("linked file", _file_name(address), False))
    return found


def _inline(text: str, start: int, end: int, newlines_break: bool) -> bool:
    """Whether the tag at text[start:end] sits inside a sentence rather than on a line of its own."""
    # The sentence around a picture is near it: look no further than a few hundred characters.
    window = max(0, start - _NEAR)
    before_start = max((m.end() for m in _LINE_END.finditer(text, window, start)), default=window)
    after = _LINE_END.search(text, end, end + _NEAR)
    stop = after.start() if after else min(len(text), end + _NEAR)
    before = html_to_text(text[before_start:start], collapse_whitespace=not newlines_break)
    following = html_to_text(text[end:stop], collapse_whitespace=not newlines_break)
    if newlines_break:
        before, following = before.rsplit("\n", 1)[-1], following.split("\n", 1)[0]
    before, following = before.strip(), following.strip()
    return bool(before and before[-1] not in ".:!?") or bool(following and following[0] in "?.,;:!)")


def points_at_picture(text: str) -> bool:
    """Whether plain question text refers to something shown ("Which flag is this?")."""
    return bool(_POINTS_AT_PICTURE.search(text))
