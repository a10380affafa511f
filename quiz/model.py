"""Domain objects: questions and packs.

A question's answer is kept in the one shape every type shares, ``answers``
(a tuple of strings, as in the JSON export), plus the few typed extras that
only some types need (numeric value and tolerance, matching pairs).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MULTIPLE_CHOICE = "multiple_choice"
MULTI_SELECT = "multi_select"
TRUE_FALSE = "true_false"
TYPE_IN = "type_in"
NUMERIC = "numeric"
ORDERING = "ordering"
MATCHING = "matching"

QUESTION_TYPES = (MULTIPLE_CHOICE, MULTI_SELECT, TRUE_FALSE, TYPE_IN, NUMERIC, ORDERING, MATCHING)
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a question's fact comes from: a seed file and the sentence quoted."""

    seed: str
    quote: str


# Slots: a pack can hold 100,000 questions, and an instance dict of 20 fields costs
# several times the memory and build time of slots (see quiz.packcache).
@dataclass(frozen=True, slots=True)
class Question:
    id: str
    category: str
    type: str
    prompt: str
    difficulty: str = "medium"
    #: Options shown to the player (multiple choice, multi-select); empty otherwise.
    choices: tuple[str, ...] = ()
    #: Accepted correct answers: the one right choice; every right choice (multi-select);
    #: ("true",) or ("false",); accepted spellings, canonical first (type-in); the number
    #: as text (numeric); the items in the right order (ordering); the right-hand sides
    #: in the order of the left-hand ones (matching).
    answers: tuple[str, ...] = ()
    #: Numeric questions: the value and how far off an answer may be (or a closed range).
    value: float | None = None
    tolerance: float = 0.0
    low: float | None = None
    high: float | None = None
    unit: str = ""
    #: Matching questions: (left, right) pairs in their right pairing.
    pairs: tuple[tuple[str, str], ...] = ()
    explanation: str = ""
    facts: tuple[str, ...] = ()
    source: Source | None = None
    pack: str = ""
    #: Line in the pack file where the question starts (0 when not from a file).
    line: int = 0


def as_text(value: object) -> str:
    """A scalar from a pack as the text a player sees: true/false, 3 not 3.0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class PackInfo:
    """A pack's header."""

    id: str
    title: str
    description: str = ""
    version: str = "1.0.0"
    language: str = "en"
    authors: tuple[str, ...] = ()
    license: str = ""
    sources: tuple[dict, ...] = ()


@dataclass
class Pack:
    info: PackInfo
    questions: list[Question] = field(default_factory=list)
    #: Where it was read from ("" when built in memory).
    path: str = ""

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    def categories(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for q in self.questions:
            counts[q.category] = counts.get(q.category, 0) + 1
        return counts
