"""Question formats: every one behind the same small interface.

A format module defines ``NAME``, ``DESCRIPTION``, ``SUFFIX`` and either or both
of::

    def import_file(path: Path) -> ImportResult      # reads a file into a Pack
    def export_packs(packs: list[Pack], out: Path | None) -> ExportResult

Importers raise :class:`~quiz.errors.FileProblem` for a file they cannot read
at all and report single questions they cannot convert as :class:`Skipped`:
every question in a file is either in the pack or skipped with its place and
a reason, and anything left out of an imported question is named in a warning.

A format read in order (a worksheet, a Kahoot quiz) sets ``SEQUENTIAL = True``:
``quiz export`` then orders its questions so that no two on one fact stand
side by side (:mod:`quiz.formats.selection`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# name -> module; imported on demand (some formats need openpyxl or genanki).
FORMATS: dict[str, str] = {
    "json": "quiz.formats.jsonfmt",
    "gift": "quiz.formats.gift",
    "aiken": "quiz.formats.aiken",
    "opentdb": "quiz.formats.opentdb",
    "kahoot": "quiz.formats.kahoot",
    "csv": "quiz.formats.csvfmt",
    "anki": "quiz.formats.anki",
    "markdown": "quiz.formats.worksheet_md",
    "html": "quiz.formats.worksheet_html",
}


def get_format(name: str) -> ModuleType:
    return importlib.import_module(FORMATS[name])
