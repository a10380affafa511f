"""Reading the files users hand us: size cap, folders, missing files, UTF-8.

Every reader (packs, facts, importers, the cache) goes through here, so a bad
file gets the same one-sentence answer whatever format it claims to be.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from quiz.errors import FileProblem

#: Files larger than this are refused before reading (override with QUIZ_MAX_FILE_BYTES).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def max_file_bytes() -> int:
    try:
        return int(os.environ.get("QUIZ_MAX_FILE_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def _checked(path: str | Path, what: str) -> Path:
    """The path, once we know it names a readable file within the size cap."""
    p = Path(path)
    if p.is_dir():
        raise FileProblem(str(path), f"this is a folder, not a {what}")
    size = p.stat().st_size
    limit = max_file_bytes()
    if size > limit:
        raise FileProblem(str(path), f"{what} is {size:,} bytes, over the {limit:,}-byte limit")
    return p


def read_bytes(path: str | Path, what: str = "file") -> bytes:
    """A file's bytes; a missing file, a folder or one over the size cap is refused in one sentence."""
    try:
        return _checked(path, what).read_bytes()
    except FileNotFoundError:
        raise FileProblem(str(path), f"{what} not found") from None
    except OSError as exc:
        raise FileProblem(str(path), f"cannot read this {what}: {exc.strerror or exc}") from None


def sha256_of(path: str | Path, prefix: bytes = b"", what: str = "file") -> str:
    """SHA-256 of ``prefix`` + the file's bytes, read in pieces (no copy of a big file is kept)."""
    h = hashlib.sha256(prefix)
    try:
        with _checked(path, what).open("rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except FileNotFoundError:
        raise FileProblem(str(path), f"{what} not found") from None
    except OSError as exc:
        raise FileProblem(str(path), f"cannot read this {what}: {exc.strerror or exc}") from None
    return h.hexdigest()


def decode_utf8(raw: bytes, name: str, what: str = "file", not_utf8: str | None = None) -> str:
    """UTF-8 text without a BOM; ``not_utf8`` replaces our sentence (GIFT uses Moodle's)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        byte = f"byte 0x{raw[start]:02x}"
        # Most non-UTF-8 files people hand us were saved as Windows "ANSI": name the character.
        guess = raw[start : start + 1].decode("cp1252", errors="replace")
        if guess.isprintable() and guess != "\ufffd":
            byte += f", {guess!r} in Windows-1252"
        if not_utf8:
            message = f"{not_utf8} ({byte} is not UTF-8); save the file as UTF-8 and try again"
        else:
            message = f"this {what} is not UTF-8 text ({byte}); save it as UTF-8"
        raise FileProblem(name, message, line, column) from None
    return text.removeprefix("\ufeff")


def read_text(path: str | Path, what: str = "file", not_utf8: str | None = None) -> str:
    return decode_utf8(read_bytes(path, what), str(path), what, not_utf8)


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (str.splitlines also splits on form feeds and the like)."""
    return re.split(r"\r\n|\r|\n", text)
