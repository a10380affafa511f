"""Printable worksheet in Markdown, with its answer key in a second file.

``quiz.md`` gets the questions and ``quiz.answers.md`` the key, so the sheet
can be handed out without the answers. On standard output both come one after
the other, separated by a rule. All pack text is escaped, so a prompt with
``*`` or ``<`` prints as written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from quiz.formats.base import ExportResult
from quiz.formats.worksheet import Sheet, SheetQuestion, build_sheet
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, TRUE_FALSE, TYPE_IN, Pack

NAME = "markdown"
DESCRIPTION = "Printable worksheet in Markdown (answer key in <name>.answers.md)"
SUFFIX = ".md"
#: Read in order: an export puts no two questions on one fact side by side.
SEQUENTIAL = True

BOX = "☐"
BLANK = "\\_" * 24
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def escape(text: str) -> str:
    """Markdown-escape pack text and keep it on one line."""
    # Pack text never starts a line here (a number or label comes first), so
    # list markers at a line's start need no escaping.
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def answers_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.answers{out.suffix or '.md'}")


def _header(sheet: Sheet, heading: str) -> list[str]:
    lines = [f"# {escape(heading)}", ""]
    for note in sheet.packs:
        meta = f"Pack: *{escape(note.title)}*, version {escape(note.version)}"
        if note.license:
            meta += f", licence: {escape(note.license)}"
        lines.append(meta + "  ")
        for source in note.sources:
            lines.append(f"{escape(source)}  ")
    return lines + [""]


def _question(q: SheetQuestion) -> list[str]:
    lines = [f"**{q.number}.** {escape(q.prompt)}  ", f"*{escape(q.instruction)}*", ""]
    if q.type == MULTIPLE_CHOICE:
        lines += [f"- {letter}. {escape(text)}" for letter, text in q.options]
    elif q.type == MULTI_SELECT:
        lines += [f"- {BOX} {letter}. {escape(text)}" for letter, text in q.options]
    elif q.type == TRUE_FALSE:
        lines.append(f"{BOX} True    {BOX} False")
    elif q.type == TYPE_IN:
        lines.append(f"Answer: {BLANK}")
    elif q.type == NUMERIC:
        lines.append(f"Answer: {BLANK} {escape(q.unit)}".rstrip())
    elif q.type == ORDERING:
        lines += [f"- {BOX} {escape(text)}" for text in q.boxed]
    elif q.type == MATCHING:
        lines += [f"- {BOX} {escape(text)}" for text in q.boxed]
        lines += ["", "Choose from:", ""]
        lines += [f"- {letter}. {escape(text)}" for letter, text in q.options]
    return lines + [""]


def render_sheet(sheet: Sheet) -> str:
    lines = _header(sheet, sheet.title)
    lines += ["Name: " + BLANK, ""]
    for q in sheet.questions:
        lines += _question(q)
    return "\n".join(lines).rstrip() + "\n"


def render_key(sheet: Sheet) -> str:
    lines = _header(sheet, f"{sheet.title} — answer key")
    for q in sheet.questions:
        line = f"{q.number}. {escape(q.answer)}"
        if q.explanation:
            line += f"  \n   *{escape(q.explanation)}*"
        lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def export_text(packs: list[Pack]) -> tuple[str, ExportResult]:
    sheet = build_sheet(packs)
    text = render_sheet(sheet) + "\n---\n\n" + render_key(sheet)
    return text, ExportResult(written=len(sheet.questions))


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    if out is None:
        text, result = export_text(packs)
        sys.stdout.write(text)
        return result
    sheet = build_sheet(packs)
    out = Path(out)
    key = answers_path(out)
    out.write_text(render_sheet(sheet), encoding="utf-8")
    key.write_text(render_key(sheet), encoding="utf-8")
    return ExportResult(written=len(sheet.questions), files=[str(out), str(key)])
