"""Reading the files users hand us: size cap, folders, missing files, UTF-8.

Every reader (packs, facts, importers, the cache) goes through here, so a bad
file gets the same one-sentence answer whatever format it claims to be.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from quiz.errors import FileProblem

#: Files larger than this are refused before reading (override with QUIZ_MAX_FILE_BYTES).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def max_file_bytes() -> int:
    try:
        return int(os.environ.get("QUIZ_MAX_FILE_BYTES", DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def _open(path: str | Path, what: str) -> BinaryIO:
    """The file opened for reading, once we know it is a regular file within the size cap.

    Opened without blocking and checked on the open descriptor: a named pipe
    would otherwise wait forever for a writer, and a device such as /dev/zero
    reports size 0 and never ends, so only regular files are read at all.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileProblem(name, f"this {what} is a link to {os.readlink(path)}, which does not exist") from None
        raise FileProblem(name, f"{what} not found") from None
    except IsADirectoryError:
        raise FileProblem(name, f"this is a folder, not a {what}") from None
    except OSError as exc:
        raise FileProblem(name, _os_reason(exc, what)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(name, f"this is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(name, f"this is {_kind(info.st_mode)}, not a {what}; give the path of an ordinary file")
        limit = max_file_bytes()
        if info.st_size > limit:
            raise FileProblem(name, _too_big(what, info.st_size, limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _too_big(what: str, size: int | None, limit: int) -> str:
    """``size`` None: the file said it was smaller (or did not say) but more than the cap was there to read."""
    size_text = f" {size:,} bytes," if size is not None else ""
    return f"this {what} is{size_text} over the {limit:,}-byte limit (set QUIZ_MAX_FILE_BYTES to allow bigger files)"


def _os_reason(exc: OSError, what: str) -> str:
    if exc.errno == errno.ELOOP:
        return f"this {what} is a symbolic link that leads back to itself (a link loop); point it at a real file"
    if isinstance(exc, PermissionError):
        return f"cannot read this {what}: permission denied"
    return f"cannot read this {what}: {exc.strerror or exc}"


def unreadable_reason(path: str | Path, what: str = "file") -> str | None:
    """Why ``path`` cannot be read as a ``what``, in the readers' own sentence; None when it can.

    Nothing is read: only opened and looked at, as every reader does first. For
    a command to say more than "no such file" about a pipe, device or bad link.
    """
    try:
        _open(path, what).close()
    except FileProblem as exc:
        return str(exc.problem)
    return None


def read_bytes(path: str | Path, what: str = "file") -> bytes:
    """A file's bytes; a missing file, a folder, a pipe or device, or one over the size cap is refused in one sentence.

    At most the cap plus one byte is ever read, so a file that grows while we
    read it (or claims a size it does not have) cannot make us hold more.
    """
    with _open(path, what) as fh:
        limit = max_file_bytes()
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise FileProblem(str(path), _os_reason(exc, what)) from None
    if len(data) > limit:
        raise FileProblem(str(path), _too_big(what, None, limit))
    return data


def sha256_of(path: str | Path, prefix: bytes = b"", what: str = "file") -> str:
    """SHA-256 of ``prefix`` + the file's bytes, read in pieces (no copy of a big file is kept)."""
    h = hashlib.sha256(prefix)
    limit = max_file_bytes()
    seen = 0
    with _open(path, what) as fh:
        try:
            while chunk := fh.read(1 << 20):
                seen += len(chunk)
                if seen > limit:
                    raise FileProblem(str(path), _too_big(what, None, limit))
                h.update(chunk)
        except OSError as exc:
            raise FileProblem(str(path), _os_reason(exc, what)) from None
    return h.hexdigest()


def decode_utf8(raw: bytes, name: str, what: str = "file", not_utf8: str | None = None) -> str:
    """UTF-8 text without a BOM; ``not_utf8`` replaces our sentence (GIFT uses Moodle's)."""
    wide = _wide_encoding(raw)
    if wide:
        # Notepad's "Unicode" and Excel's "Unicode text" are UTF-16: say so rather than blame byte 0xff.
        said = (
            f"{not_utf8} (this file is saved as {wide})" if not_utf8 else f"this {what} is saved as {wide}, not UTF-8"
        )
        raise FileProblem(name, f"{said}; save it as UTF-8 and try again", 1, 1)
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


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes start with that encoding's byte order mark."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def read_text(path: str | Path, what: str = "file", not_utf8: str | None = None) -> str:
    return decode_utf8(read_bytes(path, what), str(path), what, not_utf8)


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (str.splitlines also splits on form feeds and the like)."""
    return re.split(r"\r\n|\r|\n", text)
