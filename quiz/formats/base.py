"""What importers and exporters return."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from quiz.model import Pack


@dataclass(frozen=True)
class Skipped:
    """A question that was not converted, and why (in words for the user)."""

    name: str  # the question's name or first words
    line: int  # where it starts in the source file (0 if unknown)
    reason: str


@dataclass
class ImportResult:
    pack: Pack
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
