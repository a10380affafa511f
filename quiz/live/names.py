"""Student names as the room keeps them: harmless wherever they are shown.

A name arrives from any client and ends up on the host's terminal, on every
student's screen and in the saved game. Cleaning removes what could change a
screen (terminal escape sequences, control and format characters, line breaks)
and bounds its length; what is left is shown as text everywhere (never as
Textual/Rich markup or HTML), which is the display side's job.
"""

from __future__ import annotations

import re
import unicodedata

from quiz.session.settings import MAX_NAME

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), DCS/SOS/PM/APC strings, and two-byte escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
#: Unicode categories never kept in a name: controls, format characters (bidirectional
#: overrides that reverse the text after them), surrogates, private use, unassigned.
_DROPPED = {"Cc", "Cf", "Cs", "Co", "Cn"}


class BadName(ValueError):
    """A name the room cannot take, with the reason in a sentence."""


def clean_name(raw: object) -> str:
    """The name as shown: escapes and invisible characters removed, spaces collapsed, trimmed.

    Raises BadName when nothing is left or it is longer than MAX_NAME characters.
    """
    if not isinstance(raw, str):
        raise BadName("a name must be text")
    if len(raw) > 10 * MAX_NAME:
        raise BadName(f"that name is too long; use at most {MAX_NAME} characters")
    text = unicodedata.normalize("NFC", _ESCAPES.sub("", raw))
    kept = []
    for ch in text:
        if ch.isspace():  # tabs, line breaks and other spaces: one plain space
            kept.append(" ")
        elif unicodedata.category(ch) not in _DROPPED:
            kept.append(ch)
    name = " ".join("".join(kept).split())
    if not name:
        raise BadName("type a name (letters or digits)")
    if len(name) > MAX_NAME:
        raise BadName(f"that name is too long; use at most {MAX_NAME} characters")
    return name


def name_key(name: str) -> str:
    """What two names must not share: the same letters whatever their case or width ("Ａｎａ" is "ana")."""
    return unicodedata.normalize("NFKC", name).casefold()
