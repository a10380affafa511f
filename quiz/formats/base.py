"""What importers and exporters return."""

from __future__ import annotations

from dataclasses import dataclass, field

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
