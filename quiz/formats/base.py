"""What importers and exporters return."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from quiz.errors import FileProblem
from quiz.model import Pack
from quiz.textfile import decode_utf8, read_bytes


@dataclass(frozen=True)
class Skipped:
    """A question that was not converted, and why (in words for the user)."""

    name: str  # the question's name or first words
    line: int  # where it starts in the source file (0 if unknown)
    reason: str
    #: What ``line`` counts: "line" in a text file, "row" in a spreadsheet.
    unit: str = "line"

    @property
    def where(self) -> str:
        return f"{self.unit} {self.line}" if self.line else ""


@dataclass
class ImportResult:
    pack: Pack
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: What the questions' ``line`` counts ("row" for a spreadsheet).
    unit: str = "line"


# --- files that are not what they claim ---------------------------------------

#: The first bytes of a Git LFS pointer: a placeholder committed instead of the real file.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"
ZIP = b"PK\x03\x04"
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refuse_placeholder(data: bytes, name: str, kind: str) -> None:
    """A FileProblem when ``data`` is a Git LFS pointer rather than the ``kind`` of file it stands for."""
    if data.lstrip(b"\xef\xbb\xbf").startswith(LFS_POINTER):
        raise FileProblem(
            name,
            f"this is a Git LFS pointer (a few lines standing in for the real file), not {kind}: "
            "fetch the real file (git lfs pull, or download it again) and import that",
            1,
        )


def read_import_text(path: str | Path, kind: str, not_utf8: str | None = None) -> str:
    """The text of a file to import, refusing in one sentence a placeholder or a binary file that is not text."""
    data = read_bytes(path, "file")
    name = str(path)
    refuse_placeholder(data, name, kind)
    if data.startswith((ZIP, OLD_EXCEL)):
        raise FileProblem(name, f"this is a binary file (a spreadsheet, a zip or a deck), not {kind}", 1)
    return decode_utf8(data, name, "file", not_utf8)


@dataclass
class ExportResult:
    written: int  # questions written
    skipped: list[Skipped] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # files written (a worksheet writes two)


def write_text_export(text: str, result: ExportResult, out: Path | None, encoding: str = "utf-8") -> ExportResult:
    """Send a text export to standard output (``out`` None) or write it atomically to ``out``.

    Atomic so that an interrupted export never leaves half a file where a
    teacher expects a worksheet.
    """
    if out is None:
        sys.stdout.write(text)
        return result
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    # newline="": the text already holds the line endings its format wants (CSV uses \r\n).
    with tmp.open("w", encoding=encoding, newline="") as fh:
        fh.write(text)
    tmp.replace(target)
    result.files.append(str(target))
    return result
