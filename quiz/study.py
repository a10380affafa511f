"""Study mode: spaced repetition for one learner, with Leitner boxes. No points, no timer.

Each learner has a *card* per question they have met: the box it is in and the
day it is next due. The schedule (documented in the README, "Study mode"):

* A question never met is *new*. It is met as if it were in box 1.
* A right answer moves the question up one box (at most box 5); a wrong one
  sends it back to box 1.
* A question comes back when its box says: box 1 the same day (and, after a
  miss, within the same session, after ``RETURN_AFTER`` other questions),
  box 2 the next day, box 3 after 3 days, box 4 after 7, box 5 after 14.
* A session asks the questions that are due, shakiest (lowest box) first, then
  new ones, one per fact, up to ``SESSION_SIZE`` questions (at most
  ``NEW_PER_SESSION`` of them new); a missed one keeps coming back until it is
  answered right, or the learner stops. Every answer is saved as it is given.
* A question is *known* from box 3 on: answered right on two different days
  running.

The core is clock-free: ``today`` is injected (tests move it), and the cards
come from and go to a :class:`CardStore` (``quiz.storage.ScoreStore`` is one);
without a store, study runs in memory. Questions are asked through their type's
definition (``quiz.qtypes``): options shuffled each time, answers checked and
put in words the way a round does.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from quiz.model import Question
from quiz.qtypes import Response, describe_response, is_correct
from quiz.session.draw import eligible, fact_keys, pick_questions, present_options
from quiz.session.settings import MAX_NAME, RoundSettings

#: How many boxes there are.
BOXES = 5
#: Days until a question that has just landed in a box is due again.
INTERVALS: dict[int, int] = {1: 0, 2: 1, 3: 3, 4: 7, 5: 14}
#: A missed question comes back in the same session after this many others.
RETURN_AFTER = 3
#: Questions per session (missed ones coming back are not counted again).
SESSION_SIZE = 20
#: New questions per session, at most.
NEW_PER_SESSION = 10
#: From this box on a question counts as known.
KNOWN_BOX = 3
#: The learner when none is named: the name a round gives its player.
DEFAULT_LEARNER = RoundSettings().players[0]

CardKey = tuple[str, str]  # (pack id, question id)


class StudyError(ValueError):
    """A study that cannot be done as asked (a bad learner name, answering when nothing is asked...)."""


def check_learner(name: str) -> str:
    """The learner's name, trimmed; raises StudyError with a sentence for a name that cannot be used."""
    name = (name or "").strip()
    if not name:
        raise StudyError("the learner needs a name")
    if len(name) > MAX_NAME:
        raise StudyError(f"the learner's name {name[:MAX_NAME]}… is too long; use at most {MAX_NAME} characters")
    return name


def learner_key(name: str) -> str:
    """How a learner is stored: Ana, ANA and ana are one learner."""
    return name.strip().casefold()


def card_key(q: Question) -> CardKey:
    return (q.pack, q.id)


@dataclass(frozen=True)
class Card:
    """A learner's state for one question."""

    pack: str
    question_id: str
    box: int
    due: date
    last_seen: date
    times_right: int = 0
    times_wrong: int = 0

    @property
    def key(self) -> CardKey:
        return (self.pack, self.question_id)

    @property
    def known(self) -> bool:
        return self.box >= KNOWN_BOX


def schedule(card: Card | None, q: Question, correct: bool, today: date) -> Card:
    """The card after an answer given ``today``: up one box when right, back to box 1 when wrong."""
    box = card.box if card is not None else 1  # a new question is met as if it were in box 1
    box = min(box + 1, BOXES) if correct else 1
    return Card(
        pack=q.pack,
        question_id=q.id,
        box=box,
        due=today + timedelta(days=INTERVALS[box]),
        last_seen=today,
        times_right=(card.times_right if card else 0) + int(correct),
        times_wrong=(card.times_wrong if card else 0) + int(not correct),
    )


def is_due(card: Card, today: date) -> bool:
    return card.due <= today


def when_words(due: date, today: date) -> str:
    """'today', 'tomorrow', 'in 3 days (on 2026-05-04)'."""
    days = (due - today).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days (on {due.isoformat()})"


class CardStore(Protocol):
    """Where cards are kept (``quiz.storage.ScoreStore``): reading never raises, saving says if it worked."""

    def study_cards(self, learner: str) -> dict[CardKey, Card]: ...

    def save_study_card(self, learner: str, card: Card) -> bool: ...


# -- progress ------------------------------------------------------------------------
@dataclass(frozen=True)
class CategoryProgress:
    """How far a learner has got with one category (or, named "All categories", with all of them)."""

    category: str
    total: int
    new: int
    #: Questions in box 1, box 2 ... box BOXES.
    boxes: tuple[int, ...]
    #: Met before and due now.
    due: int

    @property
    def learning(self) -> int:
        return sum(self.boxes[: KNOWN_BOX - 1])

    @property
    def known(self) -> int:
        return sum(self.boxes[KNOWN_BOX - 1 :])

    @property
    def share(self) -> float:
        """Known, as a share of the questions (0..1)."""
        return self.known / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        # Floored: 99% until every question is known, never a rounded-up 100%.
        return int(self.share * 100)

    @property
    def to_study(self) -> int:
        """What a session could ask now: the due ones and the new ones."""
        return self.due + self.new

    def boxes_text(self) -> str:
        """'Box 1: 3 · box 2: 4 · … · new: 30'."""
        boxes = " · ".join(f"box {i}: {n}" for i, n in enumerate(self.boxes, start=1))
        return f"B{boxes[1:]} · new: {self.new}"


ALL = "All categories"


def _count(
    category: str, questions: Iterable[Question], cards: Mapping[CardKey, Card], today: date
) -> CategoryProgress:
    total = new = due = 0
    boxes = [0] * BOXES
    for q in questions:
        total += 1
        card = cards.get(card_key(q))
        if card is None:
            new += 1
            continue
        boxes[min(max(card.box, 1), BOXES) - 1] += 1
        due += is_due(card, today)
    return CategoryProgress(category, total, new, tuple(boxes), due)


def progress(questions: Iterable[Question], cards: Mapping[CardKey, Card], today: date) -> list[CategoryProgress]:
    """One row per category (in name order), then the row for them all."""
    by_category: dict[str, list[Question]] = {}
    every = list(questions)
    for q in every:
        by_category.setdefault(q.category, []).append(q)
    rows = [_count(name, by_category[name], cards, today) for name in sorted(by_category, key=str.casefold)]
    return [*rows, _count(ALL, every, cards, today)]


def next_due(questions: Iterable[Question], cards: Mapping[CardKey, Card], today: date) -> date | None:
    """The first day after ``today`` a question met before comes due (None if none will)."""
    days = [c.due for q in questions if (c := cards.get(card_key(q))) is not None and c.due > today]
    return min(days) if days else None


# -- a session --------------------------------------------------------------------------
@dataclass(frozen=True)
class StudyItem:
    """The question being asked: the options as shown, and its box before this answer (0: new)."""

    question: Question
    options: tuple[str, ...]
    box: int
    #: 1-based: how many questions this session has put up so far, this one included.
    number: int


@dataclass(frozen=True)
class Outcome:
    """What an answer did."""

    item: StudyItem
    response: Response
    response_text: str
    correct: bool
    card: Card  # after the answer
    #: Others asked before a missed question comes back this session (None when right).
    returns_after: int | None
    #: The card reached the store (False: it is kept for this session only).
    saved: bool

    def words(self, today: date) -> str:
        """Where the question went and when it comes back, in a sentence."""
        before, after = self.item.box, self.card.box
        if not self.correct:
            where = "New question, now in box 1" if before == 0 else "Back to box 1"
            if not self.returns_after:
                return f"{where}: it comes straight back, as the last one left."
            n = self.returns_after
            return f"{where}: it comes back after {n} other question{_s(n)}."
        when = when_words(self.card.due, today)
        if before == 0:
            return f"New question, now in box {after}: it comes back {when}."
        if after == before:
            return f"Stays in box {after}, the top one: it comes back {when}."
        return f"Up from box {before} to box {after}: it comes back {when}."


@dataclass
class Tally:
    """A session's answers so far."""

    answers: int = 0
    right: int = 0
    wrong: int = 0
    #: Questions answered right the first time they came up this session.
    first_time: int = 0
    #: Questions done: answered right this session (the missed ones once they came good).
    done: int = 0
    missed: set[CardKey] = field(default_factory=set)


class StudySession:
    """One sitting: a queue of questions that changes as the learner answers.

    ``current`` is the question on screen; ``answer`` gives it a response (saved at
    once); ``next`` moves on. A missed question goes back into the queue,
    ``RETURN_AFTER`` places on. ``finished`` once the queue is empty or ``stop`` is called.
    """

    def __init__(
        self,
        learner: str,
        plan: Sequence[Question],
        cards: dict[CardKey, Card],
        *,
        today: Callable[[], date] = date.today,
        rng: random.Random | None = None,
        save: Callable[[str, Card], bool] | None = None,
    ) -> None:
        self.learner = learner
        self.cards = cards
        self.today = today
        self.rng = rng or random.Random()
        self.save = save
        self.planned = len(plan)
        self.tally = Tally()
        self.stopped = False
        self._queue: deque[Question] = deque(plan)
        self.current: StudyItem | None = None
        #: The answer to ``current``, once given.
        self.outcome: Outcome | None = None
        self._shown = 0
        self._advance()

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def remaining(self) -> int:
        """Questions still to come after the current one (missed ones coming back included)."""
        return len(self._queue)

    def _advance(self) -> None:
        self.outcome = None
        if not self._queue or self.stopped:
            self.current = None
            return
        q = self._queue.popleft()
        card = self.cards.get(card_key(q))
        self._shown += 1
        self.current = StudyItem(q, present_options(q, self.rng), card.box if card else 0, self._shown)

    def answer(self, response: Response) -> Outcome:
        """Mark the current question and reschedule it; answering twice counts once."""
        item = self.current
        if item is None:
            raise StudyError("the study session is over")
        if self.outcome is not None:
            return self.outcome
        q = item.question
        key = card_key(q)
        correct = is_correct(q, response)
        card = schedule(self.cards.get(key), q, correct, self.today())
        self.cards[key] = card
        saved = self.save(self.learner, card) if self.save is not None else False
        returns_after = None
        if not correct:
            returns_after = min(RETURN_AFTER, len(self._queue))
            self._queue.insert(returns_after, q)
        t = self.tally
        t.answers += 1
        t.right += correct
        t.wrong += not correct
        if correct:
            t.done += 1
            t.first_time += key not in t.missed
        else:
            t.missed.add(key)
        self.outcome = Outcome(item, response, describe_response(q, response), correct, card, returns_after, saved)
        return self.outcome

    def next(self) -> None:
        """On to the next question (the session finishes when none is left)."""
        if self.current is not None and self.outcome is None:
            raise StudyError("answer the question first")
        self._advance()

    def stop(self) -> None:
        """End the session here: every answer given is already saved."""
        if self.current is None:
            return
        self.stopped = True
        self.current = None
        self.outcome = None

    def summary(self) -> str:
        """The session in one sentence."""
        t = self.tally
        if t.answers == 0:
            return "Nothing was answered this time."
        right_first = f"{t.first_time} right the first time"
        missed = len(t.missed)
        if self.stopped:
            text = f"Stopped after {t.answers} answer{_s(t.answers)}: {right_first}"
            if missed:
                text += f"; {missed} missed (they come first next time)"
        else:
            text = f"Session done: {t.done} question{_s(t.done)}, {right_first}"
            if missed:
                text += f"; {missed} missed and practised again until right"
        return text + "."


def _s(n: int) -> str:
    return "" if n == 1 else "s"


# -- a learner's study ------------------------------------------------------------------
def plan_session(
    questions: Sequence[Question],
    cards: Mapping[CardKey, Card],
    today: date,
    rng: random.Random,
    size: int = SESSION_SIZE,
    new_limit: int = NEW_PER_SESSION,
) -> list[Question]:
    """The questions of a session: the due ones (lowest box, then longest overdue, first), then new ones."""
    due = [q for q in questions if (c := cards.get(card_key(q))) is not None and is_due(c, today)]
    order = {card_key(q): rng.random() for q in due}
    due.sort(key=lambda q: (cards[card_key(q)].box, cards[card_key(q)].due, order[card_key(q)]))
    due = due[:size]
    room = max(0, min(new_limit, size - len(due)))
    # One new question per fact, and none on a fact a due question already tests: the one
    # must not give the other away.
    taken = {k for q in due for k in fact_keys(q)}
    fresh = [q for q in questions if card_key(q) not in cards and not taken.intersection(fact_keys(q))]
    return due + pick_questions(fresh, room, rng) if room else due


class Study:
    """One learner's study of some questions: their cards, their progress, and sessions."""

    def __init__(
        self,
        learner: str,
        questions: Iterable[Question],
        store: CardStore | None = None,
        *,
        today: Callable[[], date] = date.today,
        seed: int | None = None,
    ) -> None:
        self.learner = check_learner(learner)
        # The same question listed twice (two packs found twice) is one card.
        self.questions = list({card_key(q): q for q in questions}.values())
        self.store = store
        self.today = today
        self.rng = random.Random(seed)
        self.cards: dict[CardKey, Card] = dict(store.study_cards(self.learner)) if store is not None else {}

    def scope(self, categories: Sequence[str] = ()) -> list[Question]:
        """The questions of these categories (any letter case; all when none is named)."""
        return eligible(self.questions, RoundSettings(categories=tuple(categories), timer=None))

    def progress(self, categories: Sequence[str] = ()) -> list[CategoryProgress]:
        return progress(self.scope(categories), self.cards, self.today())

    def next_due(self, categories: Sequence[str] = ()) -> date | None:
        return next_due(self.scope(categories), self.cards, self.today())

    def session(
        self, categories: Sequence[str] = (), size: int = SESSION_SIZE, new_limit: int = NEW_PER_SESSION
    ) -> StudySession:
        """A session of what is due, then new questions; empty when there is nothing to study today."""
        plan = plan_session(self.scope(categories), self.cards, self.today(), self.rng, size, new_limit)
        save = self.store.save_study_card if self.store is not None else None
        return StudySession(self.learner, plan, self.cards, today=self.today, rng=self.rng, save=save)

    def nothing_due(self, categories: Sequence[str] = ()) -> str:
        """Why a session would be empty, and when to come back."""
        when = self.next_due(categories)
        scope = f"in {', '.join(categories)}" if categories else "here"
        if not self.scope(categories):
            return f"There are no questions {scope} to study."
        if when is None:
            return f"Nothing is due {scope}."
        return f"Nothing is due {scope} today: come back {when_words(when, self.today())}."


__all__ = [
    "ALL",
    "BOXES",
    "DEFAULT_LEARNER",
    "INTERVALS",
    "KNOWN_BOX",
    "NEW_PER_SESSION",
    "RETURN_AFTER",
    "SESSION_SIZE",
    "Card",
    "CardKey",
    "CardStore",
    "CategoryProgress",
    "Outcome",
    "Study",
    "StudyError",
    "StudyItem",
    "StudySession",
    "Tally",
    "card_key",
    "check_learner",
    "is_due",
    "learner_key",
    "next_due",
    "plan_session",
    "progress",
    "schedule",
    "when_words",
]
