"""Moodle's Aiken format: multiple-choice questions as plain text.

::

    Which company was lined up to make the series?
    A. Box to Box Films
    B) QUAD
    ANSWER: A

The first line of a question is its text (more lines may follow before the
options), then lettered options ("A." or "A)", with or without a space after,
as Moodle reads them), then the ANSWER line. Blank lines separate questions. A
question that breaks these rules is skipped with its line number and the
reason; the rest of the file is still imported. Two options reading True and
False make a true/false question.

Moodle refuses a question with a stray line between its options and its
ANSWER line ("NUMBERING: 123"); here such a line is left out with a note, and
one labelled "Explanation:" or "Feedback:" becomes the explanation. A line
with no label continues the option above it (a long option wrapped by hand).

Export writes multiple-choice questions, and true/false ones as "A. True",
"B. False" (as Moodle's own files do): Aiken has no other kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from quiz.formats.base import ExportResult, ImportResult, Skipped, read_import_text, write_text_export
from quiz.formats.gift import DEFAULT_CATEGORY
from quiz.formats.naming import IdMaker, pack_info_for, short_name
from quiz.model import MULTIPLE_CHOICE, TRUE_FALSE, Pack, Question
from quiz.qtypes import TYPES
from quiz.qtypes.true_false import truth_of
from quiz.textfile import split_lines

NAME = "aiken"
DESCRIPTION = "Moodle Aiken text: multiple-choice questions (import and export)"
SUFFIX = ".txt"

NOT_UTF8 = "Aiken files must use UTF-8"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Moodle wants a capital letter: "a. " at the start of a line is more often prose. Like
# Moodle, the space after "A)" may be missing; "A.S.O. ..." is an abbreviation, not an option.
_OPTION = re.compile(r"^([A-Z])[.)](?![A-Za-z]\.)\s*(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)
#: A "Label: text" line, which is no part of Aiken ("NUMBERING: 123", "Explanation: ...").
_LABEL = re.compile(r"^([A-Z][A-Za-z]*(?:[ _-][A-Za-z]+){0,2})\s*:\s*(.*)$")
_EXPLANATION_LABELS = {"explanation", "feedback", "rationale", "general feedback"}


@dataclass
class _Draft:
    """A question being read, line by line."""

    line: int
    text: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)
    explanation: str = ""
    #: Notes on lines left out or read in a way Aiken does not define.
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return short_name(" ".join(self.text)) or f"question at line {self.line}"


class _Skip(Exception):
    pass


def _check_started(draft: _Draft) -> None:
    if not draft.options and len(draft.text) == 1 and (_OPTION.match(draft.text[0]) or _ANSWER.match(draft.text[0])):
        # Moodle: "Question not started". Usually a blank line too many inside a question.
        kind = "an ANSWER line" if _ANSWER.match(draft.text[0]) else "an option line"
        raise _Skip(f"{kind} with no question above it (a blank line too many, or a missing question line?)")


def _finish(draft: _Draft, answer: str) -> Question:
    """The question a draft describes, or _Skip with the reason."""
    _check_started(draft)
    if not draft.options:
        raise _Skip("it has no lettered options (like 'A. ...') before its ANSWER line")
    if len(draft.options) < 2:
        raise _Skip("a question needs at least two options")
    letters = [letter for letter, _ in draft.options]
    for letter in letters:
        if letters.count(letter) > 1:
            raise _Skip(f"the option letter {letter} is used twice")
    texts = [text for _, text in draft.options]
    if any(not t for t in texts):
        raise _Skip("one of the options is empty")
    for t in texts:
        if texts.count(t) > 1:
            raise _Skip(f"two options read the same ({t!r})")
    letter = answer.strip().upper()
    if len(letter) != 1 or letter not in LETTERS:
        raise _Skip(f"the ANSWER line should give one option letter, not {answer.strip()!r}")
    if letter not in letters:
        raise _Skip(f"the answer {letter} is not one of the options ({', '.join(letters)})")
    prompt = "\n".join(draft.text).strip()
    right = texts[letters.index(letter)]
    if sorted(t.casefold() for t in texts) == ["false", "true"]:
        # How Aiken holds a true/false question (Moodle's own files do so).
        return Question(
            id="",
            category=DEFAULT_CATEGORY,
            type=TRUE_FALSE,
            prompt=prompt,
            answers=(right.casefold(),),
            explanation=draft.explanation,
            line=draft.line,
        )
    return Question(
        id="",
        category=DEFAULT_CATEGORY,
        type=MULTIPLE_CHOICE,
        prompt=prompt,
        choices=tuple(texts),
        answers=(right,),
        explanation=draft.explanation,
        line=draft.line,
    )


def import_text(text: str, name: str) -> ImportResult:
    """Read Aiken text into a pack named after ``name`` (a file name)."""
    info = pack_info_for(name, "Aiken")
    ids = IdMaker(info.id)
    result = ImportResult(pack=Pack(info=info))
    number = 0
    draft: _Draft | None = None

    def close(answer: str | None) -> None:
        nonlocal draft, number
        if draft is None:
            return
        current, draft = draft, None
        number += 1
        try:
            if answer is None:
                _check_started(current)
                raise _Skip("it has no 'ANSWER: <letter>' line")
            question = _finish(current, answer)
        except _Skip as skip:
            result.skipped.append(Skipped(current.label, current.line, str(skip)))
            return
        result.pack.questions.append(replace(question, id=ids.make("", number), pack=info.id))
        result.warnings.extend(f"{current.label} (line {current.line}): {note}" for note in current.notes)

    for number_of_line, raw in enumerate(split_lines(text.removeprefix("\ufeff")), start=1):
        line = raw.strip()
        if not line:
            close(None)  # a blank line ends a question that never gave its answer
            continue
        if draft is None:
            # The first line is always question text, even one that looks like an
            # option: our export writes such prompts, and reads them back.
            draft = _Draft(number_of_line, [line])
            continue
        answer = _ANSWER.match(line)
        option = None if answer else _OPTION.match(line)
        if answer:
            close(answer.group(1))
        elif option:
            draft.options.append((option.group(1), option.group(2).strip()))
        elif draft.options:
            _after_options(draft, line, number_of_line)
        else:
            draft.text.append(line)
    close(None)
    return result


def _after_options(draft: _Draft, line: str, number: int) -> None:
    """A line between the options and the ANSWER line that is neither."""
    label = _LABEL.match(line)
    if label is None:
        # A long option wrapped by hand: the line continues the option above it.
        letter, previous = draft.options[-1]
        draft.options[-1] = (letter, f"{previous} {line}".strip())
    elif label.group(1).casefold() in _EXPLANATION_LABELS and label.group(2).strip() and not draft.explanation:
        draft.explanation = label.group(2).strip()
        draft.notes.append(
            f"read line {number} ({short_name(line, 6)!r}) as the explanation; Aiken has no such line "
            "(Moodle refuses the question)"
        )
    else:
        draft.notes.append(
            f"left out line {number} ({short_name(line, 6)!r}): it is no option and Aiken has no such line "
            "(Moodle refuses the question)"
        )


def import_file(path: Path) -> ImportResult:
    result = import_text(read_import_text(path, "an Aiken text file", NOT_UTF8), str(path))
    result.pack.path = str(path)
    return result


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def _one_line(text: str) -> str:
    # Only line breaks are folded: other spacing is kept, so a choice reads back as written.
    return re.sub(r"\s*[\r\n]+\s*", " ", str(text).strip())


def _looks_special(line: str) -> bool:
    """Would this line, under a question's first line, read as an option or the answer?"""
    return bool(_OPTION.match(line) or _ANSWER.match(line))


def question_to_aiken(q: Question) -> str:
    """One question as Aiken text; raises ValueError (with the reason) when Aiken cannot hold it."""
    choices: tuple[str, ...]
    if q.type == TRUE_FALSE:
        choices, right = ("True", "False"), "True" if truth_of(q) else "False"
    elif q.type == MULTIPLE_CHOICE:
        choices, right = q.choices, q.answers[0]
    else:
        raise ValueError(f"Aiken has only multiple-choice and true/false questions, not {TYPES[q.type].title.lower()}")
    if len(choices) > len(LETTERS):
        raise ValueError(f"Aiken letters its options A to Z; this question has {len(choices)}")
    if right not in choices:
        raise ValueError("its answer is not one of its choices")
    lines = [line.strip() for line in str(q.prompt).strip().split("\n")]
    if any(not line or _looks_special(line) for line in lines[1:]):
        lines = [_one_line(q.prompt)]  # keep every line after the first from reading as an option
    for letter, choice in zip(LETTERS, choices):
        lines.append(f"{letter}. {_one_line(choice)}")
    lines.append(f"ANSWER: {LETTERS[choices.index(right)]}")
    return "\n".join(lines)


def export_text(packs: Iterable[Pack]) -> tuple[str, ExportResult]:
    result = ExportResult(written=0)
    chunks: list[str] = []
    for pack in packs:
        for q in pack.questions:
            try:
                chunks.append(question_to_aiken(q))
            except ValueError as exc:
                result.skipped.append(Skipped(q.id, q.line, str(exc)))
                continue
            result.written += 1
    return ("\n\n".join(chunks) + "\n") if chunks else "", result


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    """Write Aiken text to ``out`` (atomically), or to standard output when ``out`` is None."""
    return write_text_export(*export_text(packs), out)
