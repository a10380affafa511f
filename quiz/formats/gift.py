"""Moodle GIFT text: import into a pack, export packs to it.

GIFT is Moodle's plain-text question format. A file is a series of questions
separated by blank lines::

    // a comment
    $CATEGORY: $course$/top/Teams
    ::Q1::[html]Who made <b>Code Yellow</b>?{=Jumbo-Visma#Right. ~Movistar ~Ineos ####General feedback}

Import follows Moodle's own reader (qformat_gift) so that a file Moodle accepts
reads the same here: the same escapes, the same way of telling question kinds
apart, the same "_____" for missing-word questions. What the game cannot play
(essays, descriptions, partial-credit answers, matching distractors) is left out
and reported, never silently lost.

Export writes what Moodle can import back. Ordering questions have no GIFT
kind and are skipped; a numeric question's unit has no place in GIFT and is
dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from quiz.formats.base import ExportResult, ImportResult, Skipped, read_import_text, write_text_export
from quiz.formats.html_text import Media, html_to_text, looks_like_html, media_in, points_at_picture
from quiz.formats.naming import IdMaker, pack_info_for, short_name
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
from quiz.qtypes.true_false import truth_of
from quiz.textfile import split_lines

NAME = "gift"
DESCRIPTION = "Moodle GIFT text (import and export)"
SUFFIX = ".gift"

DEFAULT_CATEGORY = "general"
BLANK = "_____"
#: Moodle's own words for a file in another encoding.
NOT_UTF8 = "GIFT format files must use UTF-8"


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------

# Escaped characters are swapped for Unicode noncharacters while the question is
# taken apart, so "\=" never reads as an answer marker; they are put back after.
_ESCAPABLE = ":#={}~n"
_HOLDERS = {ch: chr(0xFDD0 + i) for i, ch in enumerate(_ESCAPABLE)}
_RESTORE = {ord(holder): ("\n" if ch == "n" else ch) for ch, holder in _HOLDERS.items()}
_DROP_HOLDERS = {ord(holder): None for holder in _HOLDERS.values()}

_FORMATS = ("moodle", "html", "plain", "markdown")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_FULL = 1 - 1e-6  # a fraction this close to 1 is full marks


_ESCAPE = re.compile(r"\\([\\" + re.escape(_ESCAPABLE) + r"])")


def _protect(text: str) -> str:
    """Resolve backslash escapes: "\\\\" is a backslash, "\\=" etc. become placeholders."""
    text = text.translate(_DROP_HOLDERS)  # noncharacters have no business in a question
    # One regular expression, not a loop over characters: a 10 MB line takes milliseconds, not seconds.
    return _ESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else _HOLDERS[m.group(1)], text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


@dataclass
class _Text:
    text: str
    format: str
    #: Pictures, sounds and videos the HTML held: plain text has no place for them.
    media: list[Media] = field(default_factory=list)


def _formatted(raw: str, default_format: str) -> _Text:
    """Text with an optional [format] marker, escapes restored, HTML reduced."""
    raw = raw.strip()
    fmt = default_format
    if raw.startswith("["):
        end = raw.find("]")
        if end > 0 and raw[1:end] in _FORMATS:
            fmt, raw = raw[1:end], raw[end + 1 :]
    text = _restore(raw).strip()
    media: list[Media] = []
    if fmt in ("html", "moodle") and "<" in text:
        media = media_in(text, newlines_break=fmt == "moodle")
    if fmt == "html":
        text = html_to_text(text)
    elif fmt == "moodle":
        # Moodle's default format is HTML in which newlines are line breaks.
        text = html_to_text(text, collapse_whitespace=False)
    return _Text(text.strip(), fmt, media)


def _weight(answer: str, default: float) -> tuple[float, str]:
    """A leading "%50%" weight as a fraction (0.5), and the answer without it."""
    m = _WEIGHT.match(answer)
    if not m:
        return default, answer
    return float(m.group(1)) / 100, answer[m.end() :]


def _with_feedback(answer: str, fmt: str) -> tuple[_Text, _Text]:
    text, _, feedback = answer.partition("#")
    return _formatted(text, fmt), _formatted(feedback, fmt)


class _Skip(Exception):
    """A question that cannot be played; the message is the reason, in words."""


@dataclass
class _Block:
    """One question's lines, each with its line number; comment lines are already blank."""

    lines: list[tuple[int, str]]
    #: The block's comment lines (our export keeps difficulty and unit there).
    comments: list[str] = field(default_factory=list)
    #: Set on a category line: the category it names (the lines are that one line).
    category: str | None = None
    #: The question follows the one before it with no blank line between.
    glued: bool = False

    @property
    def line(self) -> int:
        return next((n for n, text in self.lines if text.strip()), self.lines[0][0])

    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)


@dataclass
class _Parsed:
    name: str  # the GIFT ::name::, or ""
    label: str  # the name, or the first words of the question
    fields: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Per-answer feedback the game has no place for (one explanation is shown to everyone).
    dropped_feedback: bool = False


def _blocks(text: str) -> list[_Block]:
    """Questions and category lines, in file order.

    Questions are separated by blank lines, as in Moodle. Two things Moodle
    would run together are told apart, so that no question is lost: a
    ``$CATEGORY:`` line is always a line of its own (the last one before a
    question wins), and a question that starts right under the closing brace
    of another (no blank line between) is read as a question of its own.
    """
    blocks: list[_Block] = []
    paragraph: list[tuple[int, str]] = []
    for number, line in enumerate(split_lines(text), start=1):
        if line.strip():
            paragraph.append((number, line))
        elif paragraph:
            blocks.extend(_split_paragraph(paragraph))
            paragraph = []
    if paragraph:
        blocks.extend(_split_paragraph(paragraph))
    return blocks


_COMMENT, _CATEGORY, _TEXT = "comment", "category", "text"


def _split_paragraph(lines: list[tuple[int, str]]) -> list[_Block]:
    # Each line read once: its kind, and its text with escapes protected (escaped braces do not count).
    kinds: list[str] = []
    texts: list[str] = []
    for _, line in lines:
        stripped = line.strip()
        if stripped.startswith("//"):
            kinds.append(_COMMENT)
            texts.append(stripped)
        elif stripped.startswith("$CATEGORY:"):
            kinds.append(_CATEGORY)
            texts.append(stripped)
        else:
            kinds.append(_TEXT)
            texts.append(_protect(line) if "\\" in line else line)  # only a backslash escapes a brace
    # For each line: does an answer part open on it or further down, before the next category line?
    opens_later = [False] * len(lines)
    later = False
    for i in range(len(lines) - 1, -1, -1):
        if kinds[i] == _CATEGORY:
            later = False
        elif kinds[i] == _TEXT and "{" in texts[i]:
            later = True
        opens_later[i] = later

    out: list[_Block] = []
    current = _Block([])
    content = 0  # text lines in the current question
    answered = False  # the current question's answer part has been opened and closed
    inside = False  # an answer part is open

    for i, (number, line) in enumerate(lines):
        kind, text = kinds[i], texts[i]
        if kind == _COMMENT:
            current.lines.append((number, ""))
            current.comments.append(text)
            continue
        if kind == _CATEGORY:
            # Comments just above a category line belong to nothing that follows.
            if content:
                out.append(current)
            name = _category_of(_restore(_protect(text[len("$CATEGORY:") :])).strip())
            out.append(_Block([(number, line)], category=name))
            current, content, answered, inside = _Block([]), 0, False, False
            continue
        if content and (text.lstrip().startswith("::") or (answered and opens_later[i])):
            # A new question (a "::name::" line, or an answer part under one already
            # answered) right under the previous one: keep the comments written
            # between them with the new one.
            carried: list[tuple[int, str]] = []
            while current.lines and not current.lines[-1][1]:
                carried.insert(0, current.lines.pop())
            comments = current.comments[len(current.comments) - len(carried) :] if carried else []
            if carried:
                del current.comments[len(current.comments) - len(carried) :]
            out.append(current)
            current, content, answered, inside = _Block(carried, comments, glued=True), 0, False, False
        current.lines.append((number, line))
        content += 1
        # Track the answer part: its first '{', and the first '}' after it.
        if not answered:
            opening = -1 if inside else text.find("{")
            if inside or opening >= 0:
                inside = True
                if text.find("}", opening + 1) >= 0:
                    inside, answered = False, True
    if content:
        out.append(current)
    return out


# What our export writes above each question: "// id (type, difficulty[, unit: minutes])".
_OUR_COMMENT = re.compile(r"^//\s*\S+ \((\w+), (easy|medium|hard)(?:, unit: (.+))?\)$")


def _kept_extras(block: _Block, qtype: str) -> dict:
    """Difficulty and unit from our own export's comment line, when it is there and fits."""
    for comment in reversed(block.comments):
        m = _OUR_COMMENT.match(comment)
        if m and m.group(1) == qtype:
            extras = {"difficulty": m.group(2)}
            if m.group(3) and qtype == NUMERIC:
                extras["unit"] = m.group(3)
            return extras
    return {}


# $course$, $system$...: where a category lives, not which one it is.
_CONTEXT = re.compile(r"^\$\w+\$$")


def _path_part(text: str) -> str:
    # A slash at either end of a name cannot be told apart from the path's own slashes.
    return str(text).replace("\n", " ").strip().strip("/").strip()


def _category_of(path: str) -> str:
    """Last component of a Moodle category path ("$course$/top/Teams" -> "Teams"); "//" is a slash."""
    parts = [_path_part(p.replace("//", "/")) for p in re.split(r"(?<!/)/(?!/)", path)]
    parts = [p for p in parts if p]
    if not parts:
        return DEFAULT_CATEGORY
    last = parts[-1]
    if _CONTEXT.match(last) or (last == "top" and len(parts) > 1 and _CONTEXT.match(parts[-2])):
        return DEFAULT_CATEGORY
    return last


def _parse_question(text: str) -> _Parsed:
    """One question's text (comments removed, escapes protected) -> the fields of a Question."""
    name = ""
    if text.startswith("::"):
        rest = text[2:]
        end = rest.find("::")
        if end >= 0:
            name = html_to_text(_restore(rest[:end])).strip()
            text = rest[end + 2 :].strip()
        else:
            text = rest
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        raise _Skip("a description (text with no answer part in braces) is not a question to play")
    if start < 0:
        raise _Skip("there is a '}' but no '{' before it; the answers go between braces")
    if finish < 0:
        raise _Skip("the '{' that opens the answers is never closed with '}'")
    if finish < start:
        raise _Skip("a '}' comes before the '{' that opens the answers")
    answer_text = text[start + 1 : finish].strip()
    if text.endswith("}"):
        question_raw = text[:start] + text[finish + 1 :]
    else:
        # Missing-word question: the answer goes in the blank.
        question_raw = text[:start] + BLANK + text[finish + 1 :]

    general = ""
    gf = answer_text.rfind("####")
    if gf >= 0:
        general = answer_text[gf + 4 :]
        answer_text = answer_text[:gf].strip()

    question = _formatted(question_raw, "moodle")
    fmt = question.format
    general_text = _formatted(general, fmt).text
    parsed = _Parsed(name=name, label=name or short_name(question.text))

    if not answer_text:
        raise _Skip("an essay question (free-text answer) has no right answer the game could check")
    _check_media(question, parsed)
    if not question.text:
        raise _Skip("the question has no text")
    parsed.fields["prompt"] = question.text

    if answer_text.startswith("#"):
        _numeric(answer_text[1:], fmt, parsed)
    elif "~" in answer_text:
        _multichoice(answer_text, fmt, parsed)
    elif "=" in answer_text and "->" in answer_text:
        _matching(answer_text, fmt, parsed)
    else:
        head = answer_text.split("#", 1)[0].strip() if answer_text.find("#") > 0 else answer_text
        if head in _TRUE_FALSE:
            _true_false(answer_text, fmt, parsed)
        else:
            _short_answer(answer_text, fmt, parsed)

    # General feedback is the explanation; without it, the right answer's feedback.
    if general_text:
        if parsed.fields.get("explanation", "") not in ("", general_text):
            parsed.dropped_feedback = True
        parsed.fields["explanation"] = general_text
    parsed.fields.setdefault("explanation", "")
    return parsed


def _check_media(question: _Text, parsed: _Parsed) -> None:
    """Skip a question whose text needs its picture; note every picture or sound left out."""
    pictures = [m for m in question.media if m.kind != "linked file"]
    if pictures and (not question.text or any(m.inline for m in pictures) or points_at_picture(question.text)):
        shown = question.text.replace("\n", " ")
        shown = f" (it would read {short_name(shown, 12)!r})" if shown else ""
        raise _Skip(
            f"the question shows {pictures[0].describe()}, which a terminal cannot show, "
            f"and its text does not make sense without it{shown}"
        )
    for item in question.media:
        parsed.warnings.append(f"left out {item.describe()} from the question: the game shows text only")


def _answer_media(text: _Text, parsed: _Parsed, what: str) -> None:
    if text.media and not text.text:
        raise _Skip(f"{what} is {text.media[0].describe()} with no text, which a terminal cannot show")
    for item in text.media:
        parsed.warnings.append(f"left out {item.describe()} from {what} {text.text!r}: the game shows text only")


def _answers_after_split(answer_text: str, sep: str) -> list[str]:
    parts = answer_text.split(sep)
    if parts and not parts[0].strip():
        parts.pop(0)
    return [p.strip() for p in parts]


def _show(text: str) -> str:
    return repr(text) if text else "(empty)"


def _multichoice(answer_text: str, fmt: str, parsed: _Parsed) -> None:
    single = "=" in answer_text
    answers = _answers_after_split(answer_text.replace("=", "~="), "~")
    if len(answers) < 2:
        raise _Skip("a multiple-choice question needs at least two answers")
    choices: list[str] = []
    fractions: list[float] = []
    feedbacks: list[str] = []
    for answer in answers:
        if answer.startswith("="):
            fraction, answer = 1.0, answer[1:]
        else:
            fraction, answer = _weight(answer, 0.0)
        text, feedback = _with_feedback(answer, fmt)
        _answer_media(text, parsed, f"answer {len(choices) + 1}")
        if not text.text:
            raise _Skip("one of the answers is empty")
        if text.text in choices:
            raise _Skip(f"two answers read the same ({text.text!r})")
        choices.append(text.text)
        fractions.append(fraction)
        feedbacks.append(feedback.text)
    fields = parsed.fields
    fields["choices"] = tuple(choices)
    if single:
        right = [i for i, f in enumerate(fractions) if f >= _FULL]
        if len(right) != 1:
            raise _Skip(f"a one-answer multiple-choice question has {len(right)} answers marked fully right")
        for i, f in enumerate(fractions):
            if 0 < f < _FULL:
                parsed.warnings.append(
                    f"the answer {choices[i]!r} earns {f:.0%} partial credit in Moodle; here it counts as wrong"
                )
        fields["type"] = MULTIPLE_CHOICE
        fields["answers"] = (choices[right[0]],)
        # Only the right answer's feedback can be the explanation (below).
        right = right[:1]
    else:
        right = [i for i, f in enumerate(fractions) if f > 0]
        if not right:
            raise _Skip("no answer earns any credit, so none is right")
        fields["type"] = MULTI_SELECT
        fields["answers"] = tuple(choices[i] for i in right)
    # Every right answer's feedback, each once: a multi-select can have one per right answer.
    fields["explanation"] = _joined(feedbacks[i] for i in right)
    if any(feedbacks[i] for i in range(len(choices)) if i not in right):
        parsed.dropped_feedback = True


def _joined(texts: Iterable[str]) -> str:
    kept: list[str] = []
    for text in texts:
        if text and text not in kept:
            kept.append(text)
    return " ".join(kept)


def _matching(answer_text: str, fmt: str, parsed: _Parsed) -> None:
    answers = _answers_after_split(answer_text, "=")
    if len(answers) < 2:
        raise _Skip("a matching question needs at least two pairs")
    pairs: list[tuple[str, str]] = []
    for answer in answers:
        if "->" not in answer:
            raise _Skip(f"the matching answer {_show(_restore(answer))} has no '->' between its two sides")
        left_raw, _, right_raw = answer.partition("->")
        left_text = _formatted(left_raw, fmt)
        _answer_media(left_text, parsed, f"the left side of pair {len(pairs) + 1}")
        left = left_text.text
        right = _restore(right_raw).strip()
        if not right:
            raise _Skip("a matching pair has nothing after '->'")
        if not left:
            parsed.warnings.append(
                f"dropped the extra right-hand option {right!r}: matching here has no options without a partner"
            )
            continue
        if left in (p[0] for p in pairs):
            raise _Skip(f"two matching pairs have the same left side ({left!r})")
        if right in (p[1] for p in pairs):
            # Moodle lets two items share an answer; the game pairs them one to one.
            raise _Skip(f"two matching pairs have the same right side ({right!r})")
        pairs.append((left, right))
    if len(pairs) < 2:
        raise _Skip("a matching question needs at least two pairs with both sides filled")
    parsed.fields.update(type=MATCHING, pairs=tuple(pairs), answers=tuple(r for _, r in pairs))


def _true_false(answer_text: str, fmt: str, parsed: _Parsed) -> None:
    bits = answer_text.split("#", 2)
    value = _TRUE_FALSE[bits[0].strip()]
    wrong = _formatted(bits[1], fmt).text if len(bits) > 1 else ""
    right = _formatted(bits[2], fmt).text if len(bits) > 2 else ""
    # With one wrong answer, its feedback usually explains the right one.
    parsed.fields.update(type=TRUE_FALSE, answers=("true" if value else "false",), explanation=right or wrong)
    if right and wrong and wrong != right:
        parsed.dropped_feedback = True


def _short_answer(answer_text: str, fmt: str, parsed: _Parsed) -> None:
    answers = _answers_after_split(answer_text, "=")
    accepted: list[str] = []
    wildcards: list[str] = []
    seen: set[str] = set()
    feedbacks: list[str] = []
    feedback = ""
    for answer in answers:
        fraction, answer = _weight(answer, 1.0)
        text, fb = _with_feedback(answer, fmt)
        feedbacks.append(fb.text)
        if fraction < _FULL:
            if fraction > 0:
                parsed.warnings.append(
                    f"left out the answer {text.text!r}: it earns {fraction:.0%} partial credit in Moodle, "
                    "and answers here are either right or wrong"
                )
            continue
        if "*" in text.text:
            wildcards.append(text.text)
            continue
        folded = " ".join(text.text.casefold().split())
        if folded and folded not in seen:  # answers are compared without case
            seen.add(folded)
            accepted.append(text.text)
            feedback = feedback or fb.text
    if not accepted and wildcards:
        raise _Skip(
            f"its only fully right answer, {wildcards[0]!r}, uses the '*' wildcard (any text in its place); "
            "typed answers here are checked against exact spellings, so there is nothing to check against"
        )
    if not accepted:
        raise _Skip("no answer earns full marks, so there is nothing to accept as right")
    for wildcard in wildcards:
        parsed.warnings.append(
            f"left out the answer {wildcard!r}: '*' wildcards (any text in its place) are not supported here; "
            "the other fully right answers are kept"
        )
    parsed.fields.update(type=TYPE_IN, answers=tuple(accepted), explanation=feedback)
    if any(fb and fb != feedback for fb in feedbacks):
        parsed.dropped_feedback = True


def _number(text: str) -> float:
    text = text.strip()
    if not _NUMBER.match(text):
        raise ValueError(text)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _numeric(answer_text: str, fmt: str, parsed: _Parsed) -> None:
    tilde = answer_text.find("~")
    if tilde >= 0:
        # "~#feedback" for any wrong number: there is no place for it here.
        if _with_feedback(answer_text[tilde + 1 :].lstrip("#"), fmt)[0].text:
            parsed.dropped_feedback = True
        answer_text = answer_text[:tilde]
    answers = _answers_after_split(answer_text, "=")
    if not answers:
        raise _Skip("a numeric question needs a number between '{#' and '}'")
    chosen: tuple[str, str] | None = None
    for answer in answers:
        fraction, answer = _weight(answer, 1.0)
        text, fb = _with_feedback(answer, fmt)
        if fraction >= _FULL and chosen is None:
            chosen = (text.text, fb.text)
            continue
        if fraction >= _FULL:
            parsed.warnings.append(
                f"left out the answer {text.text!r}, also fully right in Moodle: a numeric question here has one "
                f"right number (with its margin) or one range, and {(chosen or ('',))[0]!r} comes first"
            )
        elif fraction > 0:
            parsed.warnings.append(
                f"left out the answer {text.text!r}: it earns {fraction:.0%} partial credit in Moodle, "
                "and answers here are either right or wrong"
            )
        if fb.text:
            parsed.dropped_feedback = True
    if chosen is None:
        raise _Skip("no numeric answer earns full marks")
    answer, feedback = chosen
    fields = parsed.fields
    try:
        if answer.find("..") > 0:
            low_text, _, high_text = answer.partition("..")
            low, high = _number(low_text), _number(high_text)
            if low > high:
                raise _Skip(f"the range {answer!r} ends below where it starts")
            fields.update(low=low, high=high, answers=(f"{_plain_number(low)}..{_plain_number(high)}",))
        elif answer.find(":") > 0:
            value_text, _, tol_text = answer.partition(":")
            value, tolerance = _number(value_text), _number(tol_text)
            if tolerance < 0:
                raise _Skip(f"the margin in {answer!r} is negative")
            fields.update(value=value, tolerance=tolerance, answers=(_plain_number(value),))
        else:
            value = _number(answer)
            fields.update(value=value, tolerance=0.0, answers=(_plain_number(value),))
    except ValueError:
        raise _Skip(f"the numeric answer {_show(answer)} is not a number") from None
    fields.update(type=NUMERIC, explanation=feedback)


def _plain_number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)


def import_text(text: str, name: str) -> ImportResult:
    """Read GIFT text into a pack named after ``name`` (a file name)."""
    info = pack_info_for(name, "GIFT")
    ids = IdMaker(info.id)
    pack = Pack(info=info, path="")
    result = ImportResult(pack=pack)
    category = DEFAULT_CATEGORY
    number = 0
    glued: list[int] = []
    dropped_feedback: list[int] = []
    for block in _blocks(text.removeprefix("\ufeff")):
        if block.category is not None:
            category = block.category
            continue
        body = _protect(block.text().strip())
        line = block.line
        number += 1
        if block.glued:
            glued.append(line)
        try:
            parsed = _parse_question(body)
        except _Skip as skip:
            result.skipped.append(Skipped(_label_for(body), line, str(skip)))
            continue
        question = Question(
            id=ids.make(parsed.name, number),
            category=category,
            difficulty="medium",
            pack=info.id,
            line=line,
            **parsed.fields,
        )
        extras = _kept_extras(block, question.type)
        if extras:
            question = replace(question, **extras)
        pack.questions.append(question)
        for warning in parsed.warnings:
            result.warnings.append(f"{parsed.label} (line {line}): {warning}")
        if parsed.dropped_feedback:
            dropped_feedback.append(line)
    if glued:
        result.warnings.append(
            f"{_count(len(glued), 'question')} ({_lines(glued)}) start on the line right after the previous "
            "question, with no blank line between; each was read as a question of its own"
            " (Moodle would run them together)"
        )
    if dropped_feedback:
        result.warnings.append(
            f"left out the feedback Moodle shows for particular answers in {_count(len(dropped_feedback), 'question')} "
            f"({_lines(dropped_feedback)}): the game shows one explanation to every player, taken from the general "
            "feedback or, without it, the feedback of the right answer(s)"
        )
    return result


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _lines(numbers: list[int], shown: int = 8) -> str:
    listed = ", ".join(str(n) for n in numbers[:shown])
    more = f" and {len(numbers) - shown:,} more" if len(numbers) > shown else ""
    return f"line{'' if len(numbers) == 1 else 's'} {listed}{more}"


def _label_for(body: str) -> str:
    """A skipped question's name, or its first words."""
    if body.startswith("::"):
        end = body.find("::", 2)
        if end > 2:
            return short_name(html_to_text(_restore(body[2:end])), words=len(body)) or short_name(
                _restore(body[end + 2 :])
            )
    return short_name(_restore(body))


def import_file(path: Path) -> ImportResult:
    text = read_import_text(path, "a GIFT text file", NOT_UTF8)
    result = import_text(text, str(path))
    result.pack.path = str(path)
    return result


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

_RESERVED = str.maketrans(
    {"\\": "\\\\", "#": "\\#", "=": "\\=", "~": "\\~", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}
)


def escape(text: str) -> str:
    """Text with GIFT's special characters escaped and newlines written as \\n."""
    return str(text).translate(_RESERVED)


def _gift_text(text: str, default_format: str = "moodle") -> str:
    """Escaped text, marked [plain] when Moodle would otherwise read it as HTML or as a marker."""
    text = str(text)
    plain_needed = text.startswith("[") or (default_format != "plain" and looks_like_html(text))
    body = escape(text)
    if _WEIGHT.match(body):
        plain_needed = True  # a leading "%50%" would read as a weight
    return ("[plain]" + body) if plain_needed else body


def _format_of(text: str) -> str:
    return "plain" if _gift_text(text).startswith("[plain]") else "moodle"


def _percent(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _export_number(value: float | None) -> str:
    return _plain_number(float(value or 0.0))


def _category_line(pack: Pack, category: str) -> str:
    def part(text: str) -> str:
        return (_path_part(text) or DEFAULT_CATEGORY).replace("/", "//")

    return f"$CATEGORY: $course$/top/{part(pack.title)}/{part(category)}"


def question_to_gift(q: Question) -> str:
    """One question as GIFT text; raises ValueError (with the reason) when GIFT cannot hold it."""
    prompt = _gift_text(q.prompt)
    fmt = _format_of(q.prompt)
    head = f"::{escape(q.id)}::{prompt}"
    general = f"####{_gift_text(q.explanation, fmt)}" if q.explanation else ""
    lines: list[str]
    if q.type == TRUE_FALSE:
        return f"{head}{{{'TRUE' if truth_of(q) else 'FALSE'}{general}}}"
    if q.type == MULTIPLE_CHOICE:
        lines = [("\t=" if c == q.answers[0] else "\t~") + _gift_text(c, fmt) for c in q.choices]
    elif q.type == MULTI_SELECT:
        right = [c for c in q.choices if c in q.answers]
        wrong = [c for c in q.choices if c not in q.answers]
        if not right:
            raise ValueError("no choice is marked right")
        lines = []
        for c in q.choices:
            share = 100 / len(right) if c in right else -100 / len(wrong)
            lines.append(f"\t~%{_percent(share)}%{_gift_text(c, fmt)}")
    elif q.type == TYPE_IN:
        lines = []
        for answer in q.answers:
            if "->" in answer:
                raise ValueError(f"the answer {answer!r} contains '->', which GIFT reads as a matching pair")
            lines.append(f"\t=%100%{escape(answer)}")
    elif q.type == NUMERIC:
        if q.low is not None and q.high is not None:
            answer = f"{_export_number(q.low)}..{_export_number(q.high)}"
        else:
            answer = _export_number(q.value)
            if q.tolerance:
                answer += f":{_export_number(q.tolerance)}"
        return f"{head}{{#{answer}{general}}}"
    elif q.type == MATCHING:
        lines = []
        for left, right_side in q.pairs:
            if "->" in left:
                raise ValueError(f"the left side {left!r} contains '->', which GIFT uses between the two sides")
            lines.append(f"\t={_gift_text(left, fmt)} -> {escape(right_side)}")
    elif q.type == ORDERING:
        raise ValueError("ordering questions have no GIFT equivalent")
    else:
        raise ValueError(f"questions of type {q.type!r} have no GIFT equivalent")
    if general:
        lines.append("\t" + general)
    return head + "{\n" + "\n".join(lines) + "\n}"


def export_text(packs: Iterable[Pack]) -> tuple[str, ExportResult]:
    """GIFT text for the packs' questions, with a $CATEGORY: line whenever the category changes."""
    packs = list(packs)
    result = ExportResult(written=0)
    chunks = [f"// GIFT export of {', '.join(p.id for p in packs) or 'no packs'} (Tour de France docuseries quiz)"]
    current: tuple[str, str] | None = None
    for pack in packs:
        for q in pack.questions:
            try:
                text = question_to_gift(q)
            except ValueError as exc:
                result.skipped.append(Skipped(q.id, q.line, str(exc)))
                continue
            if current != (pack.id, q.category):
                current = (pack.id, q.category)
                chunks.append(_category_line(pack, q.category))
            unit = f", unit: {q.unit}" if q.type == NUMERIC and q.unit else ""
            chunks.append(f"// {q.id} ({q.type}, {q.difficulty}{unit})\n{text}")
            result.written += 1
    return "\n\n".join(chunks) + "\n", result


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    """Write GIFT to ``out`` (atomically), or to standard output when ``out`` is None."""
    return write_text_export(*export_text(packs), out)


__all__ = [
    "DESCRIPTION",
    "NAME",
    "SUFFIX",
    "escape",
    "export_packs",
    "export_text",
    "import_file",
    "import_text",
    "question_to_gift",
]
