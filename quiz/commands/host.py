"""``quiz host``: open a live room, show its PIN, address and QR code, and run it from the host's screen."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import NoReturn

import click

from quiz.commands.play import DEFAULT_TIMER, MAX_TIMER, round_filters
from quiz.model import DIFFICULTIES, QUESTION_TYPES


def _fail(message: str) -> NoReturn:
    click.echo(f"quiz host: {message}", err=True)
    raise click.exceptions.Exit(2)


@click.command("host")
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="PATH",
    help="Ask questions from this pack file (repeatable); default: every pack found.",
)
@round_filters
@click.option("--questions", type=int, default=10, show_default=True, help="Questions in the game.")
@click.option(
    "--timer", type=float, default=None, metavar="SECONDS", help=f"Seconds per question (default {DEFAULT_TIMER:g})."
)
@click.option(
    "--no-timer", is_flag=True, help="No time limit: each question closes when everyone has answered (or you close it)."
)
@click.option("--difficulty", default="any", show_default=True, metavar="LEVEL", help="any, easy, medium or hard.")
@click.option("--seed", type=int, default=None, help="Same seed and settings, same questions.")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port of the room's server (default 8765).")
@click.option(
    "--lan",
    is_flag=True,
    help="Let other devices on the network join (the room listens on every address; default: this computer only).",
)
@click.option(
    "--no-leaderboard", is_flag=True, help="Start with the leaderboard between questions hidden (L toggles it)."
)
@click.option(
    "--max-students",
    type=click.IntRange(1, 2000),
    default=2000,
    show_default=True,
    help="Most students the room takes.",
)
@click.option("--resume", is_flag=True, help="Reopen the last room that did not finish (its PIN, students and scores).")
def command(
    packs,
    categories,
    types,
    questions,
    timer,
    no_timer,
    difficulty,
    seed,
    port,
    lan,
    no_leaderboard,
    max_students,
    resume,
) -> None:
    """Open a live room: students join from a terminal or a browser."""
    from quiz import locations
    from quiz.catalog import categories_of, discover, load_questions
    from quiz.commands.play import _discover_with_progress
    from quiz.live.protocol import DEFAULT_PORT
    from quiz.live.room import Room
    from quiz.live.store import SqliteRoomStore
    from quiz.session import LIVE, RoundError, RoundSettings
    from quiz.storage import ScoreStore

    if questions < 1:
        _fail(f"--questions must be at least 1 (got {questions}).")
    if timer is not None and no_timer:
        _fail("choose either --timer SECONDS or --no-timer, not both.")
    if timer is not None and not (math.isfinite(timer) and 0 < timer <= MAX_TIMER):
        _fail(
            f"--timer must be a positive number of seconds, at most {MAX_TIMER:g} (got {timer:g});"
            " use --no-timer for none."
        )
    level = difficulty.strip().casefold()
    if level not in ("any", *DIFFICULTIES):
        _fail(f"unknown difficulty {difficulty!r}; choose any, {', '.join(DIFFICULTIES)}.")
    for name in types:
        if name.strip().casefold() not in QUESTION_TYPES:
            _fail(f"unknown question type {name!r}; choose from {', '.join(QUESTION_TYPES)}.")
    for path in packs:
        if not Path(path).is_file():
            _fail(f"no pack file at {path}.")

    store = SqliteRoomStore()
    scores = ScoreStore()
    if store.problem:
        click.echo(f"quiz host: {store.problem}", err=True)
    entries = _discover_with_progress(discover, packs)  # "Reading big.yaml… 45%" on a slow first reading
    usable = [e for e in entries if e.usable]
    if resume:
        state = store.latest()
        if state is None:
            _fail(f"there is no unfinished room to resume in {locations.scores_db()}.")
        if not packs:
            usable = [e for e in usable if e.id in state.packs] or usable
        try:
            room = Room.resume(
                state, load_questions(usable), store=store, save_game=scores.save_game, capacity=max_students
            )
        except RoundError as exc:
            _fail(f"{exc}.")
        port = state.port if port is None else port
    else:
        if not usable:
            _fail("no question packs found; pass one with --pack PATH.")
        known = categories_of(usable)
        folded = {name.casefold(): name for name in known}
        for name in categories:
            if name.strip().casefold() not in folded:
                _fail(f"unknown category {name!r}; known categories: {', '.join(known)}.")
        settings = RoundSettings(
            categories=tuple(folded[c.strip().casefold()] for c in categories),
            types=tuple(dict.fromkeys(t.strip().casefold() for t in types)),
            questions=questions,
            difficulty=None if level == "any" else level,
            timer=None if no_timer else (timer if timer is not None else DEFAULT_TIMER),
            seed=seed,
            mode=LIVE,
        )
        port = DEFAULT_PORT if port is None else port
        try:
            room = Room(
                load_questions(usable),
                settings,
                packs=[e.id for e in usable],
                store=store,
                leaderboard=not no_leaderboard,
                capacity=max_students,
                port=port,
                save_game=scores.save_game,
            )
        except RoundError as exc:
            _fail(f"{exc}.")
    code = serve_and_run(room, port, lan)
    store.close()
    scores.close()
    sys.exit(code)


def serve_and_run(room, port: int, lan: bool) -> int:
    """Start the room's server, run the host's screen until it quits, stop the server; the exit status."""
    from quiz.live.protocol import WS_PATH
    from quiz.live.qr import qr_lines
    from quiz.live.server import RoomServer, ServerThread, lan_addresses

    server = RoomServer(room, host="0.0.0.0" if lan else "127.0.0.1", port=port)
    thread = ServerThread(server)
    try:
        thread.start()
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else str(exc)
        _fail(f"the room cannot listen on port {port} ({reason}); choose another with --port.")
    room.state.port = server.port
    notes: list[str] = []
    if lan:
        found = lan_addresses()
        address = found[0] if found else "THIS-COMPUTER"
        if not found:
            notes.append("This computer's network address was not found: use the one your network settings show.")
        elif len(found) > 1:
            notes.append(f"Other addresses of this computer: {', '.join(found[1:])}")
    else:
        address = "127.0.0.1"
        notes.append("Only this computer can join; restart with --lan to let the class's devices in.")
    hostport = f"{address}:{server.port}"
    page = f"http://{hostport}/?pin={room.pin}"
    join = f"quiz join {hostport} --pin {room.pin} --name YOUR-NAME"

    from quiz.tui.live.host import HostApp  # only now: a bad option never pays for loading the UI

    app = HostApp(f"ws://127.0.0.1:{server.port}{WS_PATH}", room.secret, room.pin, page, join, qr_lines(page), notes)
    try:
        app.run()
    finally:
        thread.stop()
    game_id = room.game_id
    if game_id is not None:
        click.echo(f"The game is saved as game {game_id}.")
    elif not room.state.finished:
        click.echo("The room is still open in the database: `quiz host --resume` reopens it.")
    problem = getattr(room.store, "problem", None)
    if problem:
        click.echo(f"quiz host: {problem}", err=True)
    return app.return_code or 0
