"""Printable worksheet as one HTML page; the answer key starts on a new printed page.

Every piece of pack text goes through ``html.escape``, so a prompt can never
add markup or script to the page. The page needs no network: its style sheet
is inline, and it prints cleanly from any browser.
"""

from __future__ import annotations

import html
from pathlib import Path

from quiz.formats.base import ExportResult, write_text_export
from quiz.formats.worksheet import Sheet, SheetQuestion, build_sheet
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, NUMERIC, ORDERING, TRUE_FALSE, TYPE_IN, Pack

NAME = "html"
DESCRIPTION = "Printable worksheet as an HTML page (answer key on its own page)"
SUFFIX = ".html"
#: Read in order: an export puts no two questions on one fact side by side.
SEQUENTIAL = True

BOX = '<span class="box">☐</span>'
BLANK = '<span class="blank"></span>'

CSS = """
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.meta { color: #444; font-size: 0.9em; margin: 0.2em 0; }
.name { margin: 1.5em 0; }
ol.questions > li { margin-bottom: 1.2em; break-inside: avoid; page-break-inside: avoid; }
.instruction { font-style: italic; color: #555; font-size: 0.9em; }
ul.options { list-style: none; padding-left: 1em; margin: 0.3em 0; }
.box { font-size: 1.2em; margin-right: 0.3em; }
.blank { display: inline-block; min-width: 16em; border-bottom: 1px solid #000; }
.answer-key { page-break-before: always; break-before: page; }
.explanation { font-style: italic; color: #444; }
@media print { body { margin: 0; max-width: none; } }
"""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _header(sheet: Sheet) -> list[str]:
    out = []
    for note in sheet.packs:
        meta = f"Pack: <cite>{e(note.title)}</cite>, version {e(note.version)}"
        if note.license:
            meta += f", licence: {e(note.license)}"
        out.append(f'<p class="meta">{meta}</p>')
        out.extend(f'<p class="meta">{e(source)}</p>' for source in note.sources)
    return out


def _options(items: list[str]) -> str:
    return '<ul class="options">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _question(q: SheetQuestion) -> str:
    parts = [f'<p class="prompt">{e(q.prompt)}</p>', f'<p class="instruction">{e(q.instruction)}</p>']
    if q.type == MULTIPLE_CHOICE:
        parts.append(_options([f"<b>{e(letter)}.</b> {e(text)}" for letter, text in q.options]))
    elif q.type == MULTI_SELECT:
        parts.append(_options([f"{BOX}<b>{e(letter)}.</b> {e(text)}" for letter, text in q.options]))
    elif q.type == TRUE_FALSE:
        parts.append(_options([f"{BOX}True", f"{BOX}False"]))
    elif q.type == TYPE_IN:
        parts.append(f"<p>Answer: {BLANK}</p>")
    elif q.type == NUMERIC:
        parts.append(f"<p>Answer: {BLANK} {e(q.unit)}</p>")
    elif q.type == ORDERING:
        parts.append(_options([f"{BOX}{e(text)}" for text in q.boxed]))
    elif q.type == MATCHING:
        parts.append(_options([f"{BOX}{e(text)}" for text in q.boxed]))
        parts.append("<p>Choose from:</p>")
        parts.append(_options([f"<b>{e(letter)}.</b> {e(text)}" for letter, text in q.options]))
    return "<li>" + "".join(parts) + "</li>"


def render(sheet: Sheet) -> str:
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{e(sheet.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(sheet.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<section class="worksheet">',
        f"<h1>{e(sheet.title)}</h1>",
        *_header(sheet),
        f'<p class="name">Name: {BLANK}</p>',
        '<ol class="questions">',
        *(_question(q) for q in sheet.questions),
        "</ol>",
        "</section>",
        '<section class="answer-key">',
        f"<h2>Answer key — {e(sheet.title)}</h2>",
        "<ol>",
    ]
    for q in sheet.questions:
        explanation = f'<br><span class="explanation">{e(q.explanation)}</span>' if q.explanation else ""
        lines.append(f"<li>{e(q.answer)}{explanation}</li>")
    lines += ["</ol>", "</section>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def export_text(packs: list[Pack]) -> tuple[str, ExportResult]:
    sheet = build_sheet(packs)
    return render(sheet), ExportResult(written=len(sheet.questions))


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    return write_text_export(*export_text(packs), out)
