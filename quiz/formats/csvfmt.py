"""CSV: one row per question, for a spreadsheet or a quick review.

Written as UTF-8 with a byte-order mark ("utf-8-sig"): Excel reads a CSV file
without one in the computer's legacy code page and mangles every accent, while
LibreOffice, Google Sheets and Python simply skip the mark.

Lists (choices, answers) are joined with `` | ``. A cell that a spreadsheet
would take for a formula (starting with = + - @) gets a leading apostrophe, the
usual guard against formula injection; plain negative numbers are left alone.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from quiz.formats.base import ExportResult, write_text_export
from quiz.model import MATCHING, Pack, Question

NAME = "csv"
DESCRIPTION = "CSV table, one row per question (UTF-8 with BOM, opens in Excel)"
SUFFIX = ".csv"

COLUMNS = (
    "id",
    "pack",
    "category",
    "type",
    "difficulty",
    "prompt",
    "choices",
    "answers",
    "explanation",
    "source_seed",
    "source_quote",
)
JOINER = " | "
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def _safe(cell: str) -> str:
    if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell.startswith("-") and not _NUMBER.fullmatch(cell)):
        return "'" + cell
    return cell


def question_row(q: Question, pack_id: str) -> list[str]:
    # Matching answers alone are meaningless; each row shows the whole pair.
    answers = [f"{left} → {right}" for left, right in q.pairs] if q.type == MATCHING else list(q.answers)
    row = [
        q.id,
        q.pack or pack_id,
        q.category,
        q.type,
        q.difficulty,
        q.prompt,
        JOINER.join(q.choices),
        JOINER.join(answers),
        q.explanation,
        q.source.seed if q.source else "",
        q.source.quote if q.source else "",
    ]
    return [_safe(cell) for cell in row]


def export_text(packs: list[Pack]) -> tuple[str, ExportResult]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written = 0
    for pack in packs:
        for q in pack.questions:
            writer.writerow(question_row(q, pack.id))
            written += 1
    return buffer.getvalue(), ExportResult(written=written)


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    return write_text_export(*export_text(packs), out, encoding="utf-8-sig")