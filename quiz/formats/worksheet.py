"""What the printable worksheets (Markdown and HTML) share: the sheet's content.

:func:`build_sheet` turns packs into numbered questions with everything a
printed page shows (lettered choices, boxes, blanks) and the answer key; the
two renderers only decide how it looks. Choices, items to order and the
right-hand sides of matching questions are shuffled with a seed made of the
pack and question ids, so the same pack always prints the same sheet and the
right answer is not always "A".

The sheet shows the packs' questions in the order given: ``quiz export``
chooses and orders them first (quiz.formats.selection), so that no two
questions on one fact stand side by side.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from quiz.formats.sources import other_sources, quoted_articles
from quiz.model import (
    MATCHING,
    MULTI_SELECT,
    MULTIPLE_CHOICE,
    NUMERIC,
    ORDERING,
    TRUE_FALSE,
    TYPE_IN,
    Pack,
    Question,
)
from quiz.qtypes import canonical_answer

LETTERS = string.ascii_uppercase
DEFAULT_TITLE = "Tour de France docuseries quiz"

INSTRUCTIONS = {
    MULTIPLE_CHOICE: "Circle one letter.",
    MULTI_SELECT: "Tick every right answer.",
    TRUE_FALSE: "Tick True or False.",
    TYPE_IN: "Write your answer.",
    NUMERIC: "Write a number.",
    ORDERING: "Number the boxes 1, 2, 3… in the right order.",
    MATCHING: "Write the matching letter in each box.",
}


@dataclass
class SheetQuestion:
    number: int
    prompt: str
    type: str
    instruction: str
    #: Lettered options: choices (multiple choice, multi-select) or right-hand sides (matching).
    options: list[tuple[str, str]] = field(default_factory=list)
    #: Items shown with a box: items to order, or the left-hand sides of matching.
    boxed: list[str] = field(default_factory=list)
    unit: str = ""
    #: The answer key's line for this question.
    answer: str = ""
    explanation: str = ""


@dataclass
class PackNote:
    """What the sheet says about a pack it draws on: title, licence, sources."""

    id: str
    title: str
    version: str
    license: str
    sources: list[str]


@dataclass
class Sheet:
    title: str
    packs: list[PackNote]
    questions: list[SheetQuestion]
    language: str = "en"


def _rng(q: Question, pack_id: str) -> random.Random:
    return random.Random(f"{q.pack or pack_id}/{q.id}")


def _shuffled(items: list[str], rng: random.Random) -> list[str]:
    """A shuffle that never leaves the items in their given order (when it can)."""
    out = list(items)
    rng.shuffle(out)
    if out == items and len(items) > 1:
        out = out[1:] + out[:1]
    return out


def _lettered(items: list[str]) -> list[tuple[str, str]]:
    return [(LETTERS[i % 26] * (1 + i // 26), text) for i, text in enumerate(items)]


def sheet_question(q: Question, number: int, pack_id: str) -> SheetQuestion:
    rng = _rng(q, pack_id)
    item = SheetQuestion(number=number, prompt=q.prompt, type=q.type, instruction=INSTRUCTIONS.get(q.type, ""))
    if q.type in (MULTIPLE_CHOICE, MULTI_SELECT):
        choices = list(q.choices)
        rng.shuffle(choices)
        item.options = _lettered(choices)
        letters = {text: letter for letter, text in item.options}
        right = [(letters[a], a) for a in q.answers if a in letters]
        right.sort()
        item.answer = "; ".join(f"{letter} ({text})" for letter, text in right)
    elif q.type == TRUE_FALSE:
        item.answer = canonical_answer(q)
    elif q.type == TYPE_IN:
        item.answer = q.answers[0] if q.answers else ""
        if len(q.answers) > 1:
            item.answer += f" (also accepted: {', '.join(q.answers[1:])})"
    elif q.type == NUMERIC:
        item.unit = q.unit
        item.answer = canonical_answer(q)
        if q.tolerance and q.low is None:
            item.answer += f" (± {q.tolerance:g})"
    elif q.type == ORDERING:
        item.boxed = _shuffled(list(q.answers), rng)
        position = {text: i + 1 for i, text in enumerate(q.answers)}
        boxes = ", ".join(str(position[text]) for text in item.boxed)
        item.answer = f"{', '.join(q.answers)} (boxes from the top: {boxes})"
    elif q.type == MATCHING:
        item.boxed = [left for left, _ in q.pairs]
        rights = _shuffled([right for _, right in q.pairs], rng)
        item.options = _lettered(rights)
        letters = {text: letter for letter, text in item.options}
        item.answer = "; ".join(f"{left} → {letters[right]} ({right})" for left, right in q.pairs)
    item.explanation = q.explanation
    return item


def _source_lines(pack: Pack) -> list[str]:
    lines = [f"Source: {source}" for source in other_sources(pack)]
    # Packs written from the seed articles cite them question by question: name the
    # articles this sheet's questions quote, by their titles.
    articles = quoted_articles(pack, pack.questions)
    if articles:
        lines.append(f"Quoted article{'s' if len(articles) > 1 else ''}: " + "; ".join(articles))
    return lines


def build_sheet(packs: list[Pack]) -> Sheet:
    questions: list[SheetQuestion] = []
    for pack in packs:
        for q in pack.questions:
            questions.append(sheet_question(q, len(questions) + 1, pack.id))
    notes = [PackNote(p.id, p.title, p.info.version, p.info.license, _source_lines(p)) for p in packs]
    title = packs[0].title if len(packs) == 1 else DEFAULT_TITLE
    language = packs[0].info.language if packs else "en"
    return Sheet(title=title, packs=notes, questions=questions, language=language)
