"""Choosing a round's questions: filters, one question per fact, unseen questions first."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from quiz.model import Question
from quiz.qtypes import TYPES
from quiz.session.settings import RoundSettings


def fact_keys(q: Question) -> tuple[str, ...]:
    """The facts a question tests; a question without facts is its own fact."""
    return q.facts or (f"question:{q.pack}:{q.id}",)


def eligible(pool: Iterable[Question], settings: RoundSettings) -> list[Question]:
    """The questions the settings' category, difficulty and type filters let through."""
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
        keys = fact_keys(q)
        if used_facts.intersection(keys) or q.prompt in used_prompts:
            continue
        chosen.append(q)
        used_facts.update(keys)
        used_prompts.add(q.prompt)
        if len(chosen) == count:
            break
    return chosen


def drawable(pool: Iterable[Question]) -> int:
    """How many questions a round can draw from ``pool``: one per fact and per prompt, as pick_questions does.

    A quick count (one pass, no shuffle) for the setup screen to show beside each filter:
    four ways of asking one fact count as one.
    """
    used_facts: set[str] = set()
    used_prompts: set[str] = set()
    count = 0
    for q in pool:
        keys = fact_keys(q)
        if used_facts.intersection(keys) or q.prompt in used_prompts:
            continue
        used_facts.update(keys)
        used_prompts.add(q.prompt)
        count += 1
    return count


def present_options(q: Question, rng: random.Random) -> tuple[str, ...]:
    """What the player sees to choose from or arrange, shuffled (never already solved)."""
    return TYPES[q.type].options(q, rng)


def too_few(settings: RoundSettings, have: int, needed: int, per_player: int, players: int) -> str:
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
