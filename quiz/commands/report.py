"""``quiz report``: the saved games, and one game's report as CSV, xlsx or HTML.

``quiz report`` lists the latest games; ``quiz report GAME --format FORMAT -o
FILE`` writes that game's report (``quiz.report``). Without ``-o`` the report
goes into the data folder's ``reports`` folder, where the results screen puts
its reports too. An existing file is only replaced with ``--force``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from quiz import locations
from quiz.commands.scores import _table
from quiz.report import FORMATS, SUFFIXES, format_for, output_files, report_stem, write_report
from quiz.report.tables import date_text
from quiz.session.result import GameResult
from quiz.session.settings import MODE_TITLES
from quiz.storage import GOES_ON, ScoreStore

LATEST = ("latest", "last")
EMPTY = "No games saved yet: play a round first (practice rounds are not saved)."


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _game_number(text: str) -> int | None:
    """GAME as a game id; None for "latest"."""
    if text.lower() in LATEST:
        return None
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        _fail(f"{text!r} is not a game: give a game number from the list `quiz report` prints, or 'latest'", 2)
    return number


def _unreadable(store: ScoreStore) -> str:
    """Why the scores database gave nothing back, as one sentence."""
    problem = (store.problem or "").replace(GOES_ON, "").strip()
    return f"the scores database {store.path} could not be read: {problem}"


def _list_games(store: ScoreStore, limit: int) -> None:
    games = store.recent_games(limit + 1)
    if not games:
        if store.problem:
            _fail(_unreadable(store))
        click.echo(EMPTY)
        return
    headers = ["Game", "Date", "Mode", "Packs", "Players or teams", "Winner"]
    rows = [
        [
            str(g.game_id),
            date_text(g.played_at),
            MODE_TITLES.get(g.mode, g.mode),
            ", ".join(g.packs),
            ", ".join(g.players),
            g.winner,
        ]
        for g in games[:limit]
    ]
    click.echo(f"Saved games, latest first\n\n{_table(headers, rows, {0})}")
    more = " (more with --limit)" if len(games) > limit else ""
    click.echo(f"\n`quiz report GAME --format csv|xlsx|html -o FILE` writes a game's report{more}.")


@click.command("report")
@click.argument("game", required=False, metavar="[GAME]")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="csv (one file per table), xlsx (a workbook) or html (a printable page); guessed from -o's suffix.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: the reports folder in the data folder).",
)
@click.option("--force", is_flag=True, help="Replace the output file(s) if they exist.")
@click.option(
    "--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="How many games to list."
)
def command(game: str | None, fmt: str | None, output: Path | None, force: bool, limit: int) -> None:
    """List the saved games, or write one game's report for a teacher.

    With no GAME, lists the latest games: number, date, mode, packs, players or
    teams, and the winner. With GAME (a number from that list, or 'latest'),
    writes its Summary (one row per player or team), Answers (one row per
    player and question) and Questions (% right and the most common wrong
    answer) as CSV files, an xlsx workbook or an HTML page. Exit status: 0 on
    success, 1 when the database or the output has a problem, 2 for a usage
    mistake (unknown game, no format).
    """
    if game is None:
        if fmt or output or force:
            _fail("name the game to report: `quiz report` lists them, or say 'latest'", 2)
        with _open_store(None) as store:
            if store is None:
                click.echo(EMPTY)
            else:
                _list_games(store, limit)
        return
    number = _game_number(game)
    fmt = fmt or (format_for(output) if output is not None else None)
    if fmt is None:
        _fail(f"give --format: one of {', '.join(FORMATS)} (or an -o file ending in one of them)", 2)
    with _open_store(game) as store:
        assert store is not None
        result = _find_game(store, number)
    _write(result, fmt.lower(), output, force)


@contextmanager
def _open_store(game: str | None) -> Iterator[ScoreStore | None]:
    """The scores database, or None when there is none yet (then ``game``, if named, cannot be found)."""
    path = locations.scores_db()
    # Looking at old games must not create a database (or a data folder) that was never there.
    if not path.exists():
        if game is not None:
            _fail(f"there is no game {game}: no games are saved yet (no scores database at {path})", 2)
        yield None
        return
    if not path.is_file():
        _fail(f"the scores database {path} could not be read: it is not a file")
    with ScoreStore(path) as store:
        yield store


def _find_game(store: ScoreStore, number: int | None) -> GameResult:
    """Game ``number`` (None: the latest), or exit saying why it cannot be had."""
    if number is None:
        latest = store.recent_games(1)
        number = latest[0].game_id if latest else None
    result = store.game(number) if number is not None else None
    if result is None:
        if store.problem:
            _fail(_unreadable(store))
        _fail(f"there is no game {number}: `quiz report` lists the saved games" if number else EMPTY, 2)
    return result


def _write(result: GameResult, fmt: str, output: Path | None, force: bool) -> None:
    target = output if output is not None else locations.reports_dir() / (report_stem(result) + SUFFIXES[fmt])
    files = output_files(target, fmt)
    for f in files:
        if f.is_dir():
            _fail(f"{f} is a folder; give -o a file name")
    existing = [str(f) for f in files if f.exists()]
    if existing and not force:
        _fail(f"{' and '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; use --force to replace")
    try:
        written = write_report(result, target, fmt)
    except OSError as exc:
        where = exc.filename or target
        _fail(f"{where}: cannot write the report: {(exc.strerror or str(exc)).lower()}")
    n = len(result.participants)
    who = f"{n} {'team' if result.team_game else 'player'}{'s' if n != 1 else ''}"
    mode = MODE_TITLES.get(result.mode, result.mode).lower()
    click.echo(f"Wrote the report of game {result.game_id} ({mode}, {who}, {result.questions} questions) to:")
    for f in written:
        click.echo(f"  {f}")
