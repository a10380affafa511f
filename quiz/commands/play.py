"""``quiz play``: straight into a round, with every setting checked before the UI loads."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from quiz.model import DIFFICULTIES, QUESTION_TYPES
from quiz.session.result import TEAM_MODES
from quiz.session.settings import (
    BUZZER,
    HOTSEAT,
    MAX_PLAYERS,
    MODE_TITLES,
    PRESENTER,
    SOLO,
    TEAMS,
    RoundError,
    RoundSettings,
)

if TYPE_CHECKING:
    from quiz.catalog import PackEntry
    from quiz.session import Session
    from quiz.storage import ScoreStore

DEFAULT_TIMER = 20.0
#: The modes ``quiz play`` starts (``quiz present`` and ``quiz host`` start the others).
PLAY_MODES = ("solo", "hotseat", "teams", "buzzer")
#: An hour per question is already no timer at all; beyond it a typo (or "inf") is likelier.
MAX_TIMER = 3600.0


def _fail(message: str, command: str = "quiz play") -> NoReturn:
    click.echo(f"{command}: {message}", err=True)
    raise click.exceptions.Exit(2)


def _names(text: str, option: str, command: str = "quiz play") -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        _fail(f'{option} needs at least one name, like {option} "Ana,Ben".', command)
    return names


def _participants(
    mode: str | None,
    players: str | None,
    teams: str | None,
    buzzer_keys: str | None,
    command: str,
    allowed: tuple[str, ...] = PLAY_MODES,
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The mode, the players or teams, and the buzzer keys the options ask for."""
    from quiz.keys import KeysError
    from quiz.keys import buzzer_keys as keys_for

    if mode is not None and mode.strip().casefold() not in allowed:
        _fail(f"unknown mode {mode!r}; choose {', '.join(allowed[:-1])} or {allowed[-1]}.", command)
    mode = mode.strip().casefold() if mode is not None else None
    if mode is None:
        mode = (
            TEAMS
            if teams is not None
            else (HOTSEAT if players and len(_names(players, "--players", command)) > 1 else SOLO)
        )
    if mode in TEAM_MODES:
        if players is not None:
            _fail(f"{MODE_TITLES[mode].lower()} rounds are played by teams: give --teams, not --players.", command)
        if teams is None and mode != PRESENTER:
            _fail(f'{MODE_TITLES[mode].lower()} rounds need --teams, like --teams "Red,Blue".', command)
        names = _names(teams, "--teams", command) if teams is not None else ()
    else:
        if teams is not None:
            _fail(f"{MODE_TITLES[mode].lower()} rounds are played by players: give --players, not --teams.", command)
        names = _names(players, "--players", command) if players is not None else ("Player",)
        if len(names) > MAX_PLAYERS:
            _fail(f"too many players ({len(names)}); at most {MAX_PLAYERS} can share a keyboard.", command)
    if buzzer_keys is not None and mode != BUZZER:
        _fail("--buzzer-keys is for buzzer rounds (--mode buzzer).", command)
    keys: tuple[str, ...] = ()
    if mode == BUZZER:
        try:
            keys = keys_for(buzzer_keys, len(names))
        except KeysError as exc:
            _fail(f"{exc}.", command)
    return mode, names, keys


def _discover_with_progress(discover: Callable[..., list[PackEntry]], packs: tuple[str, ...]) -> list[PackEntry]:
    """The packs, with ``Reading big.yaml… 45%`` on a terminal while a big one is read for the first time.

    The line is erased before the UI starts; quick loading shows nothing.
    """
    from quiz.progress import TerminalProgress

    with TerminalProgress("Reading packs", sys.stderr) as shown:

        def progress(path: Path, done: float) -> None:
            shown.label = f"Reading {Path(path).name}"
            shown(done)

        return discover(
            extra_paths=packs,
            include_builtin=not packs,
            include_user=not packs,
            include_plugins=not packs,
            progress=progress,
        )


def build_round(
    packs: tuple[str, ...],
    categories: tuple[str, ...],
    questions: int,
    timer: float | None,
    no_timer: bool,
    difficulty: str,
    seed: int | None,
    players: str | None,
    types: tuple[str, ...] = (),
    mode: str | None = None,
    teams: str | None = None,
    buzzer_keys: str | None = None,
    default_timer: float | None = DEFAULT_TIMER,
    command: str = "quiz play",
    modes: tuple[str, ...] = PLAY_MODES,
) -> tuple[Session, list[PackEntry], RoundSettings, ScoreStore]:
    """Check every option and build the round; calls _fail (exit code 2) on a bad value."""

    def fail(message: str) -> NoReturn:
        _fail(message, command)

    # Imported here so that a bad option costs no pack loading.
    from quiz.catalog import categories_of, discover, load_questions
    from quiz.session import Session
    from quiz.storage import ScoreStore

    if questions < 1:
        fail(f"--questions must be at least 1 (got {questions}).")
    if timer is not None and no_timer:
        fail("choose either --timer SECONDS or --no-timer, not both.")
    if timer is not None and not (math.isfinite(timer) and 0 < timer <= MAX_TIMER):
        fail(
            f"--timer must be a positive number of seconds, at most {MAX_TIMER:g} (got {timer:g});"
            " use --no-timer for none."
        )
    level = difficulty.strip().casefold()
    if level not in ("any", *DIFFICULTIES):
        fail(f"unknown difficulty {difficulty!r}; choose any, {', '.join(DIFFICULTIES)}.")
    mode, names, keys = _participants(mode, players, teams, buzzer_keys, command, modes)
    for name in types:
        if name.strip().casefold() not in QUESTION_TYPES:
            fail(f"unknown question type {name!r}; choose from {', '.join(QUESTION_TYPES)}.")
    for path in packs:
        if not Path(path).is_file():
            fail(_not_a_pack_file(path))

    entries = _discover_with_progress(discover, packs)
    wanted = {str(Path(p).resolve()) for p in packs}
    for entry in entries:
        if not entry.usable and str(Path(entry.path).resolve()) in wanted:
            fail(f"the pack {entry.path} cannot be used: {entry.error}")
    usable = [e for e in entries if e.usable]
    if not usable:
        fail("no question packs found; pass one with --pack PATH.")
    known = categories_of(usable)
    folded = {name.casefold(): name for name in known}
    for name in categories:
        if name.strip().casefold() not in folded:
            fail(f"unknown category {name!r}; known categories: {', '.join(known)}.")

    settings = RoundSettings(
        categories=tuple(folded[c.strip().casefold()] for c in categories),
        types=tuple(dict.fromkeys(t.strip().casefold() for t in types)),
        questions=questions,
        difficulty=None if level == "any" else level,
        timer=None if no_timer else (timer if timer is not None else default_timer),
        seed=seed,
        mode=mode,
        players=names,
        keys=keys,
    )
    try:
        settings.check()
    except RoundError as exc:
        fail(f"{exc}.")
    store = ScoreStore()
    try:
        session = Session.create(
            load_questions(usable), settings, recent=store.recently_seen_by(names), packs=[e.id for e in usable]
        )
    except RoundError as exc:
        store.close()
        fail(f"{exc}.")
    return session, usable, settings, store


def round_filters(command: Any) -> Any:
    """``--category`` and ``--type``, the same for every command that draws a round."""
    command = click.option(
        "--type",
        "types",
        multiple=True,
        metavar="TYPE",
        help=f"Only this question type (repeatable): {', '.join(QUESTION_TYPES)}.",
    )(command)
    return click.option(
        "--category", "categories", multiple=True, metavar="NAME", help="Only this category (repeatable)."
    )(command)


@click.command("play")
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="PATH",
    help="Play from this pack file (repeatable); default: every pack found.",
)
@round_filters
@click.option("--questions", type=int, default=10, show_default=True, help="Questions per player.")
@click.option(
    "--timer", type=float, default=None, metavar="SECONDS", help=f"Seconds per question (default {DEFAULT_TIMER:g})."
)
@click.option("--no-timer", is_flag=True, help="No time limit.")
@click.option("--difficulty", default="any", show_default=True, metavar="LEVEL", help="any, easy, medium or hard.")
@click.option("--seed", type=int, default=None, help="Same seed and settings, same round.")
@click.option("--players", default=None, metavar='"Ana,Ben"', help="Player names; two or more play hot-seat.")
@click.option(
    "--mode",
    default=None,
    metavar="MODE",
    help="solo, hotseat (players take turns), teams (each team answers every question in turn) or buzzer"
    " (the first team to buzz answers). Default: solo, or hotseat for two or more players, or teams with --teams.",
)
@click.option("--teams", default=None, metavar='"Red,Blue"', help="Team names (2 to 6), for teams and buzzer rounds.")
@click.option(
    "--buzzer-keys",
    default=None,
    metavar="x,m,p",
    help="Buzzer rounds: one key per team, in the order of --teams (default q, p, z, m, v, y).",
)
def command(
    packs, categories, types, questions, timer, no_timer, difficulty, seed, players, mode, teams, buzzer_keys
) -> None:
    """Go straight into a round."""
    session, entries, settings, store = build_round(
        packs, categories, questions, timer, no_timer, difficulty, seed, players, types, mode, teams, buzzer_keys
    )
    from quiz.tui.app import QuizApp  # only now: bad options never pay for loading the UI

    app = QuizApp(entries=entries, settings=settings, store=store, session=session)
    try:
        app.run()
    finally:
        store.close()
    # A crash inside the app has already been shown; the exit status must say so too.
    sys.exit(app.return_code or 0)


def _not_a_pack_file(path: str) -> str:
    """Why ``--pack PATH`` names no pack file: absent, or a folder, pipe, device or bad link (the reader says which)."""
    from quiz.textfile import unreadable_reason

    reason = os.path.lexists(path) and unreadable_reason(path, "pack")
    return reason or f"no pack file at {path}."
