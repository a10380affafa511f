"""Ids and labels for imported questions and packs, shared by every importer."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from quiz.model import PackInfo

_SLUG_OUT = re.compile(r"[^a-z0-9]+")
_KNOWN_SUFFIXES = {".txt", ".gift", ".aiken", ".text", ".json", ".csv", ".xlsx"}


def slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII words joined by hyphens ("Entertainment: Film" -> "entertainment-film")."""
    # Accents go ("Roglič" -> "roglic"); any other sign, dashes included, separates words.
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = [w for w in _SLUG_OUT.split(plain) if w]
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "")


class TakenIds(set):
    """Ids given out so far, and for each base the next number worth trying.

    Without the numbers, a file of 30,000 questions all named "q" costs
    30,000²/2 look-ups (minutes); with them each id costs about one.
    """

    def __init__(self) -> None:
        super().__init__()
        self.next_number: dict[str, int] = {}


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not taken yet (and take it)."""
    if base not in taken:
        taken.add(base)
        return base
    numbers = taken.next_number if isinstance(taken, TakenIds) else {}
    # Ids are never given back, so the first free number only ever grows.
    n = numbers.get(base, 2)
    while f"{base}-{n}" in taken:
        n += 1
    numbers[base] = n + 1
    candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


class IdMaker:
    """Question ids: the slug of a question's name, or "<pack>-<n>", never twice."""

    def __init__(self, pack_id: str):
        self.pack_id = pack_id
        self.used: set[str] = TakenIds()

    def make(self, name: str, number: int) -> str:
        return unique_id(slug(name) or f"{self.pack_id}-{number}", self.used)


def short_name(text: str, words: int = 8, chars: int = 80) -> str:
    """A question's first few words, for messages about a question that has no name.

    Also cut at ``chars`` characters: one "word" of a hostile file can be megabytes long.
    """
    parts = str(text)[: chars * 4].split()
    name = " ".join(parts[:words])
    if len(name) > chars:
        return name[: chars - 1] + "…"
    return name + (" …" if len(parts) > words else "")


def pack_info_for(name: str, kind: str) -> PackInfo:
    """A pack header made from the imported file's name."""
    stem = Path(str(name)).name
    while Path(stem).suffix.lower() in _KNOWN_SUFFIXES and Path(stem).stem:
        stem = Path(stem).stem
    pack_id = slug(stem) or "imported"
    title = re.sub(r"[-_\s]+", " ", stem).strip() or pack_id
    return PackInfo(id=pack_id, title=title, description=f"Imported from the {kind} file {Path(str(name)).name}.")
