"""Which questions an export holds, and in what order.

An export takes the filters a round takes: categories, question types, a
difficulty, a number of questions and a seed. The filters choose questions as
a round does (:func:`quiz.session.draw.eligible`); ``--questions N`` picks N of them
as a round does (:func:`quiz.session.draw.pick_questions`: never two on the same
fact or with the same prompt).

Formats read in order (a worksheet, a Kahoot quiz) also get an order in which
no two questions on the same fact stand side by side: on a sheet in pack
order, one question's options give the next one's answer away. The order is
shuffled with the seed, so the same command writes the same file, and another
``--seed`` another sheet. Formats that move questions between programs (JSON,
CSV, GIFT...) keep the pack's order.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from quiz.model import Pack, Question
from quiz.session.draw import eligible, pick_questions
from quiz.session.settings import RoundSettings

#: The seed when none is given: the same command always writes the same file.
DEFAULT_SEED = 0
#: Questions on one fact are kept at least this many places apart, where the pack allows.
SPACING = 3


@dataclass(frozen=True)
class ExportFilters:
    """The round filters, as an export takes them."""

    categories: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    #: "easy", "medium", "hard", or None for any.
    difficulty: str | None = None
    #: How many questions to pick (None: every one that matches).
    questions: int | None = None
    seed: int | None = None

    def describe(self) -> str:
        """The filters in words, for a message about what matched."""
        parts = []
        if self.categories:
            parts.append("category " + " or ".join(self.categories))
        if self.types:
            parts.append("type " + " or ".join(self.types))
        if self.difficulty:
            parts.append(f"difficulty {self.difficulty}")
        return ", ".join(parts) or "no filter"


class SelectionError(ValueError):
    """No question matches the filters; the message says which filters."""


@dataclass
class Selection:
    packs: list[Pack]  # the packs that keep a question, each holding only its chosen ones
    notes: list[str]
    #: Questions in the packs before filtering.
    total: int


def select(packs: Sequence[Pack], filters: ExportFilters = ExportFilters(), spaced: bool = False) -> Selection:
    """The questions an export holds: filtered, picked and (``spaced``) ordered for reading."""
    # Questions built in memory may not know their pack: the fact keys and ids below need it.
    owned = [(pack, q if q.pack else replace(q, pack=pack.id)) for pack in packs for q in pack.questions]
    settings = RoundSettings(categories=filters.categories, types=filters.types, difficulty=filters.difficulty)
    matching = eligible((q for _, q in owned), settings)
    total = len(owned)
    if not matching:
        raise SelectionError(f"no question of the {total:,} in the pack(s) matches ({filters.describe()})")
    rng = random.Random(DEFAULT_SEED if filters.seed is None else filters.seed)
    notes: list[str] = []
    if filters.questions is not None:
        chosen = pick_questions(matching, filters.questions, rng)
        if len(chosen) < filters.questions:
            notes.append(
                f"asked for {filters.questions:,} questions; {len(chosen):,} could be picked "
                f"({len(matching):,} match, and no two are on the same fact)"
            )
    else:
        chosen = matching
    keep = {(q.pack, q.id) for q in chosen}
    out: list[Pack] = []
    previous: Question | None = None
    for pack in packs:
        questions = [q for p, q in owned if p is pack and (q.pack, q.id) in keep]
        if not questions:
            continue
        if spaced:
            questions = spaced_order(questions, rng, previous)
            previous = questions[-1]
        out.append(Pack(info=pack.info, questions=questions, path=pack.path))
    return Selection(out, notes, total)


def _keys(q: Question) -> tuple[str, ...]:
    """What two questions must not share to stand side by side: a fact, or the prompt itself."""
    facts = q.facts or (f"question:{q.pack}:{q.id}",)
    return (*facts, "prompt:" + " ".join(q.prompt.casefold().split()))


def _clusters(questions: Sequence[Question]) -> list[list[Question]]:
    """Questions grouped so that two in different groups share no fact and no prompt."""
    parent = list(range(len(questions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for i, q in enumerate(questions):
        for key in _keys(q):
            j = first_with.setdefault(key, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[Question]] = {}
    for i, q in enumerate(questions):
        groups.setdefault(root(i), []).append(q)
    return list(groups.values())


def spaced_order(questions: Sequence[Question], rng: random.Random, previous: Question | None = None) -> list[Question]:
    """The questions shuffled so that no two on one fact stand side by side, and as far apart as can be.

    Tries to keep them SPACING places apart, then fewer: a pack with one big
    group of linked questions cannot spread them that far, and trying would
    bunch the rest up at the end. ``previous`` is the question just before
    (the last of the previous pack). Side by side only when nothing else is
    possible (a pack of one fact).
    """
    state = rng.getstate()
    best: list[Question] = []
    fewest = -1
    for spacing in range(SPACING, 0, -1):
        rng.setstate(state)
        order = _spread(questions, rng, previous, spacing)
        clashes = neighbours_sharing_a_fact(([previous] if previous else []) + order)
        if clashes == 0:
            return order
        if fewest < 0 or clashes < fewest:
            best, fewest = order, clashes
    return best


def _spread(
    questions: Sequence[Question], rng: random.Random, previous: Question | None, spacing: int
) -> list[Question]:
    """One try of :func:`spaced_order` at a given spacing.

    Each step takes a question from the group (questions linked by shared
    facts) with the most left that was not used in the last ``spacing``
    places: the biggest groups are spread first, so they do not bunch up at
    the end. When every group left was used that recently, the one used
    longest ago is taken.
    """
    groups = _clusters(questions)
    for group in groups:
        rng.shuffle(group)
    ties = list(range(len(groups)))
    rng.shuffle(ties)
    last_used: dict[int, int] = {}
    if previous is not None:
        before = set(_keys(previous))
        for g, group in enumerate(groups):
            if any(before.intersection(_keys(q)) for q in group):
                last_used[g] = -1
    heap = [(-len(group), ties[g], g) for g, group in enumerate(groups)]
    heapq.heapify(heap)
    out: list[Question] = []
    step = 0
    while heap:
        held = []
        chosen = None
        while heap:
            entry = heapq.heappop(heap)
            if step - last_used.get(entry[2], -spacing - 1) > spacing:
                chosen = entry
                break
            held.append(entry)
        if chosen is None:
            held.sort(key=lambda e: last_used.get(e[2], -spacing - 1))
            chosen = held.pop(0)
        for entry in held:
            heapq.heappush(heap, entry)
        g = chosen[2]
        out.append(groups[g].pop())
        last_used[g] = step
        if groups[g]:
            heapq.heappush(heap, (-len(groups[g]), chosen[1], g))
        step += 1
    return out


def neighbours_sharing_a_fact(questions: Sequence[Question]) -> int:
    """How many neighbouring pairs share a fact or a prompt (what :func:`spaced_order` avoids)."""
    return sum(1 for a, b in pairwise(questions) if set(_keys(a)) & set(_keys(b)))
