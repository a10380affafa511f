"""The game engine: building a round, taking answers, keeping score.

Pure Python and clock-free: the UI measures response time and passes it in, so
rounds replay exactly in tests. A round is a list of turns; each turn puts one
question to one or more participants (one player in solo and hot-seat, every
team or remote player when a presenter runs the round), so classroom modes
reuse the same engine.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from quiz.answers import describe_response, is_correct
from quiz.model import MATCHING, MULTI_SELECT, MULTIPLE_CHOICE, ORDERING, Question
from quiz.scoring import Points, score_answer

SOLO, HOTSEAT, TEAMS = "solo", "hotseat", "teams"
MODES = (SOLO, HOTSEAT, TEAMS)
QUESTION_COUNTS = (5, 10, 20)
TIMER_CHOICES = (None, 10, 20, 30, 60)
#: Players sharing one keyboard (hot-seat).
MAX_PLAYERS = 8
#: Teams or remote players answering the same question: a classroom, not a keyboard.
MAX_PARTICIPANTS = 60


class RoundError(ValueError):
    """The settings cannot make a round (too few questions, bad player list...)."""


@dataclass(frozen=True)
class RoundSettings:
    #: Categories to draw from; empty means all.
    categories: tuple[str, ...] = ()
    #: Questions per player.
    questions: int = 10
    #: "easy", "medium", "hard", or None for any.
    difficulty: str | None = None
    #: Question types to draw from; empty means all.
    types: tuple[str, ...] = ()
    #: Seconds per question, or None for no timer.
    timer: float | None = 20
    #: Same seed and settings, same round.
    seed: int | None = None
    mode: str = SOLO
    players: tuple[str, ...] = ("Player",)
    #: Practice rounds (reviewing mistakes) score no points.
    practice: bool = False

    def check(self) -> None:
        if self.mode not in MODES:
            raise RoundError(f"unknown mode {self.mode!r}; choose one of {', '.join(MODES)}")
        if self.questions < 1:
            raise RoundError("a round needs at least one question")
        if self.timer is not None and not (math.isfinite(self.timer) and self.timer > 0):
            raise RoundError("the timer must be a positive number of seconds, or off")
        names = [p.strip() for p in self.players]
        if not names or any(not n for n in names):
            raise RoundError("every player needs a name")
        seen: dict[str, str] = {}
        for name in names:
            if name.casefold() in seen:
                raise RoundError(f"two players have the same name ({seen[name.casefold()]}); give each their own")
            seen[name.casefold()] = name
        limit = MAX_PARTICIPANTS if self.mode == TEAMS else MAX_PLAYERS
        if len(names) > limit:
            raise RoundError(f"at most {limit} players")
        if self.mode == SOLO and len(names) != 1:
            raise RoundError("solo is for one player; use hot-seat for more")
        if self.mode == HOTSEAT and len(names) < 2:
            raise RoundError(f"hot-seat needs 2 to {MAX_PLAYERS} players")


def _fact_keys(q: Question) -> tuple[str, ...]:
    return q.facts or (f"question:{q.pack}:{q.id}",)


def eligible(pool: Iterable[Question], settings: RoundSettings) -> list[Question]:
    cats = {c.casefold() for c in settings.categories}
    types = set(settings.types)
    out = [
        q
        for q in pool
        if (not cats or q.category.casefold() in cats)
        and (settings.difficulty in (None, "any") or q.difficulty == settings.difficulty)
        and (not types or q.type in types)
    ]
    # Sort so the round depends on the seed, not on the order packs were found in.
    out.sort(key=lambda q: (q.pack, q.id))
    return out


def pick_questions(
    pool: Sequence[Question], count: int, rng: random.Random, recent: frozenset[str] = frozenset()
) -> list[Question]:
    """Choose ``count`` questions: no two test the same fact or share a prompt; unseen first."""
    keyed = [(q.id in recent, rng.random(), q) for q in pool]
    keyed.sort(key=lambda item: (item[0], item[1]))
    chosen: list[Question] = []
    used_facts: set[str] = set()
    used_prompts: set[str] = set()
    for _, _, q in keyed:
        keys = _fact_keys(q)
        if used_facts.intersection(keys) or q.prompt in used_prompts:
            continue
        chosen.append(q)
        used_facts.update(keys)
        used_prompts.add(q.prompt)
        if len(chosen) == count:
            break
    return chosen


def present_options(q: Question, rng: random.Random) -> tuple[str, ...]:
    """What the player sees to choose from or arrange, shuffled (never already solved)."""
    if q.type in (MULTIPLE_CHOICE, MULTI_SELECT):
        options = list(q.choices)
        rng.shuffle(options)
        return tuple(options)
    if q.type in (ORDERING, MATCHING):
        items = list(q.answers)
        if len(set(items)) > 1:
            while True:
                rng.shuffle(items)
                if items != list(q.answers):
                    break
        return tuple(items)
    return ()


@dataclass(frozen=True)
class Turn:
    index: int  # 0-based position in the round
    number: int  # 1-based question number for this turn's player(s)
    of: int  # questions per player
    participants: tuple[str, ...]
    question: Question
    options: tuple[str, ...]

    @property
    def player(self) -> str:
        return self.participants[0]


@dataclass(frozen=True)
class AnswerRecord:
    question: Question
    player: str
    response: Any
    response_text: str
    correct: bool
    elapsed: float | None
    points: Points
    timed_out: bool = False


@dataclass
class PlayerStats:
    name: str
    points: int = 0
    correct: int = 0
    answered: int = 0
    streak: int = 0
    best_streak: int = 0
    total_time: float = 0.0
    timed: int = 0
    per_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [right, asked]
    records: list[AnswerRecord] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0

    @property
    def mean_time(self) -> float | None:
        return self.total_time / self.timed if self.timed else None

    def category_accuracy(self) -> dict[str, float]:
        return {c: (r / n if n else 0.0) for c, (r, n) in sorted(self.per_category.items())}

    @property
    def mistakes(self) -> list[Question]:
        return [r.question for r in self.records if not r.correct]


def tied(a: PlayerStats, b: PlayerStats) -> bool:
    """Level on everything the scoreboard shows: points and right answers (speed only orders them)."""
    return (a.points, a.correct) == (b.points, b.correct)


def _too_few(settings: RoundSettings, have: int, needed: int, per_player: int, players: int) -> str:
    """Why the round cannot be built, and what to loosen: only the filters actually in use."""
    need = f"{needed}" if needed == per_player else f"{needed}: {per_player} each for {players} players"
    loosen = []
    if settings.categories:
        loosen.append("more categories")
    if settings.types:
        loosen.append("more question types")
    if settings.difficulty not in (None, "any"):
        loosen.append("any difficulty")
    if have == 0:
        if not loosen:
            return f"the chosen packs have no questions (need {need}); choose other packs"
        return f"no questions match these settings (need {need}); choose {_or(loosen)}"
    return (
        f"only {have} suitable question{'s' if have != 1 else ''} for these settings"
        f" (need {need}); choose {_or([*loosen, 'fewer questions'])}"
    )


def _or(options: list[str]) -> str:
    return options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"


class Game:
    """One round in progress."""

    def __init__(
        self,
        pool: Iterable[Question],
        settings: RoundSettings,
        recent: Iterable[str] = (),
        fixed: Sequence[Question] | None = None,
    ) -> None:
        settings.check()
        self.settings = settings
        seed = settings.seed if settings.seed is not None else random.SystemRandom().randrange(2**31)
        self.seed = seed
        rng = random.Random(seed)
        names = [p.strip() for p in settings.players]
        self.players = {n: PlayerStats(n) for n in names}
        per_player = settings.questions
        if fixed is not None:
            picked = list(fixed)
            per_player = len(picked)
            by_player = {n: picked for n in names}
        else:
            candidates = eligible(pool, settings)
            if settings.mode == TEAMS:
                needed = per_player
            else:
                needed = per_player * len(names)
            picked = pick_questions(candidates, needed, rng, frozenset(recent))
            if len(picked) < needed:
                raise RoundError(_too_few(settings, len(picked), needed, per_player, len(names)))
            by_player = {n: picked[i :: len(names)] for i, n in enumerate(names)}
        self.turns: list[Turn] = []
        if settings.mode == TEAMS:
            for i, q in enumerate(picked[:per_player]):
                self.turns.append(Turn(i, i + 1, per_player, tuple(names), q, present_options(q, rng)))
        else:
            for i in range(per_player):
                for name in names:
                    q = by_player[name][i]
                    self.turns.append(
                        Turn(len(self.turns), i + 1, per_player, (name,), q, present_options(q, rng))
                    )
        self.position = 0
        self._answered: dict[str, AnswerRecord] = {}

    # -- state -----------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.position >= len(self.turns)

    @property
    def current(self) -> Turn | None:
        return None if self.finished else self.turns[self.position]

    @property
    def next_turn(self) -> Turn | None:
        nxt = self.position + 1
        return self.turns[nxt] if nxt < len(self.turns) else None

    def waiting_for(self) -> tuple[str, ...]:
        turn = self.current
        if turn is None:
            return ()
        return tuple(p for p in turn.participants if p not in self._answered)

    @property
    def turn_complete(self) -> bool:
        return self.current is not None and not self.waiting_for()

    # -- actions ---------------------------------------------------------
    def answer(
        self, response: Any, elapsed: float | None = None, player: str | None = None, turn_index: int | None = None
    ) -> AnswerRecord:
        """Record ``player``'s answer (the turn's player by default) to the current question.

        A remote player's answer can arrive after the presenter has moved on: passing the
        ``turn_index`` it was given for makes such a late answer an error instead of an
        answer to the next question.
        """
        turn = self.current
        if turn is None:
            raise RoundError("the round is over")
        if turn_index is not None and turn_index != turn.index:
            raise RoundError(f"question {turn_index + 1} is closed; the round is on question {turn.index + 1}")
        name = player or turn.player
        if name not in turn.participants:
            raise RoundError(f"{name} is not answering this question")
        if name in self._answered:
            return self._answered[name]
        q = turn.question
        stats = self.players[name]
        timer = self.settings.timer
        # An answer that arrives after the timer ran out is a timeout, whatever it says.
        if timer is not None and elapsed is not None and elapsed > timer:
            response = None
        correct = is_correct(q, response)
        timed_out = response is None
        streak = stats.streak + 1 if correct else 0
        points = Points() if self.settings.practice else score_answer(correct, elapsed, timer, streak)
        record = AnswerRecord(q, name, response, describe_response(q, response), correct, elapsed, points, timed_out)
        stats.streak = streak
        stats.best_streak = max(stats.best_streak, streak)
        stats.answered += 1
        stats.correct += int(correct)
        stats.points += points.total
        if elapsed is not None:
            stats.total_time += elapsed
            stats.timed += 1
        cat = stats.per_category.setdefault(q.category, [0, 0])
        cat[0] += int(correct)
        cat[1] += 1
        stats.records.append(record)
        self._answered[name] = record
        return record

    def time_out(self) -> list[AnswerRecord]:
        """Everyone still to answer the current question gets it wrong."""
        timer = self.settings.timer
        return [self.answer(None, timer, p) for p in self.waiting_for()]

    def advance(self) -> Turn | None:
        """Move on to the next turn (the current one must be answered by everyone)."""
        if self.current is not None and self.waiting_for():
            raise RoundError("not everyone has answered yet")
        self.position += 1
        self._answered = {}
        return self.current

    def record_for(self, player: str | None = None) -> AnswerRecord | None:
        turn = self.current
        if turn is None:
            return None
        return self._answered.get(player or turn.player)

    # -- results ---------------------------------------------------------
    def ranking(self) -> list[tuple[int, PlayerStats]]:
        """Standings with places; players level on points and right answers share a place (1, 1, 3)."""
        placed: list[tuple[int, PlayerStats]] = []
        for i, stats in enumerate(self.standings()):
            if placed and tied(placed[-1][1], stats):
                placed.append((placed[-1][0], stats))
            else:
                placed.append((i + 1, stats))
        return placed

    def standings(self) -> list[PlayerStats]:
        """Players ranked by points, then right answers, then speed; ties keep entry order."""
        order = list(self.players)
        return sorted(
            self.players.values(),
            key=lambda s: (-s.points, -s.correct, s.mean_time if s.mean_time is not None else 1e9, order.index(s.name)),
        )
