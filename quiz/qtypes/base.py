"""What every question type defines, once: the contract of ``quiz.qtypes``.

A question type says how its answer is read from a pack and written back, how
the validator checks it beyond the JSON Schema, what a player is shown (the
*client view*, which never holds the answer), how a response travels as JSON
(the *wire form*), whether a response is right, and how a response and the
right answer are put in words. Adding a question type means adding one module
here and one answer widget in ``quiz.tui.answers``.

Responses in memory are plain values: ``str`` (a choice, typed text or a typed
number), ``bool`` (true/false), or ``tuple[str, ...]`` (ticked choices, items in
order, right-hand sides in the order of the left-hand ones); ``None`` is no
answer. Their wire form is the same value as JSON (a list for a tuple).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from quiz.model import Question, as_text

#: A player's answer, as the engine and the wire carry it.
Response = str | bool | tuple[str, ...] | None
#: JSON as Python values.
Json = str | int | float | bool | None | list[Any] | dict[str, Any]

#: Typed text longer than this is refused on the wire: no answer in any pack needs more.
MAX_TEXT = 200


class WireError(ValueError):
    """A response that is not a possible answer to the question as shown (wrong shape, unknown option...)."""


class DataCheck:
    """What a type's validator check may use: where a field stands, and how to report a problem.

    ``add(where, message, severity)`` records a problem; ``pos(key)`` is the
    (line, column) of a field of the question; ``raw(key)`` is the field's text as
    written in the file (or "" when the text is not known).
    """

    def __init__(
        self,
        data: Mapping[str, Any],
        add: Callable[..., None],
        raw: Callable[[str], str],
        shown: Callable[[Any], str],
        did_you_mean: Callable[[Any, Sequence[str]], str],
    ) -> None:
        self.data = data
        self.add = add
        self.raw = raw
        self.shown = shown
        self.did_you_mean = did_you_mean

    def pos(self, key: str) -> tuple[int, int]:
        pos_of = getattr(self.data, "pos_of", None)
        return pos_of(key) if pos_of is not None else (0, 0)

    def item_pos(self, key: str, index: int) -> tuple[int, int]:
        """Where item ``index`` of the list field ``key`` stands."""
        items = self.data.get(key)
        pos_of = getattr(items, "pos_of", None)
        return pos_of(index) if pos_of is not None else self.pos(key)


def is_number(value: Any) -> bool:
    """A number as YAML reads one (not a bool)."""
    return type(value) is int or type(value) is float


def is_answer_text(value: Any) -> bool:
    """What a choice or an answer may be: text that is not blank, or a number."""
    return is_number(value) or (type(value) is str and value.strip() != "")


def answer_texts(value: Any) -> list[str] | None:
    """A list of answer texts as a player sees them, or None when the field is not such a list."""
    if not isinstance(value, list) or not all(is_answer_text(v) for v in value):
        return None
    return [as_text(v) for v in value]


def texts(values: Any) -> tuple[str, ...]:
    """A list from a pack as the texts a player sees (true/false, 3 not 3.0)."""
    return tuple(as_text(v) for v in (values or []))


def number_text(value: float | None) -> str:
    """3 not 3.0; 2.5 stays 2.5."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def yaml_number(value: float | None) -> int | float:
    """A number as a pack writes it: 3 not 3.0."""
    if value is None:
        return 0
    return int(value) if float(value).is_integer() else value


def shuffled_unsolved(items: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """``items`` shuffled, never left in their right order (when they can be moved at all)."""
    out = list(items)
    if len(set(out)) > 1:
        while True:
            rng.shuffle(out)
            if out != list(items):
                break
    return tuple(out)


class QuestionType:
    """One question type; subclasses fill in what differs."""

    #: The name packs use (``type: multiple_choice``).
    name: ClassVar[str]
    #: The type's name in words, for people (``Multiple choice``).
    title: ClassVar[str]
    #: Answer fields a pack may give for this type; the first ones listed are required.
    fields: ClassVar[tuple[str, ...]]

    # -- reading and writing packs ------------------------------------------------
    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The Question fields of this type, from checked pack data."""
        raise NotImplementedError

    def write(self, q: Question) -> dict[str, Any]:
        """The answer fields as a pack writes them, in the documented order."""
        raise NotImplementedError

    def check_data(self, check: DataCheck) -> None:
        """Problems the JSON Schema cannot see (an answer not among the choices...)."""

    # -- playing -----------------------------------------------------------------
    def options(self, q: Question, rng: random.Random) -> tuple[str, ...]:
        """What the player chooses from or arranges, shuffled; () when they type."""
        return ()

    def is_correct(self, q: Question, response: Response) -> bool:
        raise NotImplementedError

    def describe(self, q: Question, response: Response) -> str:
        """The player's answer in words (reveal, reports)."""
        if response is None:
            return "no answer"
        if isinstance(response, str):
            return response
        if isinstance(response, (tuple, list)):
            return ", ".join(str(item) for item in response) if response else "nothing"
        return str(response)

    def canonical(self, q: Question) -> str:
        """The right answer in words (reveal, reports, worksheets)."""
        return q.answers[0] if q.answers else ""

    # -- the wire ----------------------------------------------------------------
    def view(self, q: Question, options: tuple[str, ...]) -> dict[str, Json]:
        """What this type adds to a question's client view: never the answer."""
        return {"options": list(options)} if options else {}

    def from_wire(self, q: Question, options: tuple[str, ...], value: object) -> Response:
        """A response received as JSON, checked against the question as shown; raises WireError."""
        raise NotImplementedError

    def to_wire(self, response: Response) -> Json:
        if isinstance(response, tuple):
            return list(response)
        return response


def wire_text(value: object) -> str:
    if not isinstance(value, str):
        raise WireError("the answer must be text")
    text = value.strip()
    if not text:
        raise WireError("the answer is empty")
    if len(text) > MAX_TEXT:
        raise WireError(f"the answer is longer than {MAX_TEXT} characters")
    return text


def wire_arrangement(options: tuple[str, ...], value: object) -> tuple[str, ...]:
    """Every option exactly once, in the order given."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise WireError("the answer must be a list of the items")
    if sorted(value) != sorted(options):
        raise WireError("the answer must hold every item exactly once")
    return tuple(value)
