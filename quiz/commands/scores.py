"""``quiz scores``: the high-score table or the recent games, as text or CSV."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import click

from quiz import locations

EMPTY = "No games played yet."


def _date(iso: str) -> str:
    """'2024-07-01T18:30:05+02:00' -> '2024-07-01 18:30', as the player's clock showed it."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> str:
    """Columns padded to their widest cell; numbers (the ``right`` columns) right-aligned."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows)]

    def line(cells: Sequence[str]) -> str:
        parts = [str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "  ".join(parts).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _mode(name: str) -> str:
    """A mode as the game names it on screen ("Hot-seat", not "hotseat")."""
    from quiz.session.settings import MODE_TITLES

    return MODE_TITLES.get(name, name)


def _score_rows(store, limit: int, as_csv: bool) -> tuple[list[str], list[list], set[int]]:
    from quiz.session.scoreboard import place_text, shared_places

    scores = store.top_scores(limit)
    # Level on points and right answers: one place, as on the results screen (1=, 1=, 3).
    places = shared_places([(s.points, s.correct) for s in scores])
    if as_csv:
        headers = [
            "rank",
            "player",
            "points",
            "correct",
            "asked",
            "accuracy_percent",
            "best_streak",
            "mean_time_seconds",
            "mode",
            "played_at",
            "game_id",
        ]
        rows = [
            [
                place,
                s.player,
                s.points,
                s.correct,
                s.asked,
                round(s.accuracy * 100, 1),
                s.best_streak,
                "" if s.mean_time is None else round(s.mean_time, 2),
                s.mode,
                s.played_at,
                s.game_id,
            ]
            for (place, _), s in zip(places, scores)
        ]
        return headers, rows, set()
    headers = ["#", "Player", "Points", "Correct", "Accuracy", "Best streak", "Mean time", "Mode", "Date"]
    rows = [
        [
            place_text(*place),
            s.player,
            str(s.points),
            f"{s.correct}/{s.asked}",
            f"{s.accuracy * 100:.0f}%",
            str(s.best_streak),
            _seconds(s.mean_time),
            _mode(s.mode),
            _date(s.played_at),
        ]
        for place, s in zip(places, scores)
    ]
    return headers, rows, {0, 2, 3, 4, 5, 6}


def _recent_rows(store, limit: int, as_csv: bool) -> tuple[list[str], list[list], set[int]]:
    games = store.recent_games(limit)
    if as_csv:
        headers = ["game_id", "played_at", "mode", "questions", "players", "winner", "settings"]
        rows = [
            [g.game_id, g.played_at, g.mode, g.questions, "; ".join(g.players), g.winner, g.settings] for g in games
        ]
        return headers, rows, set()
    headers = ["Game", "Date", "Mode", "Questions", "Players", "Winner", "Settings"]
    rows = [
        [
            str(g.game_id),
            _date(g.played_at),
            _mode(g.mode),
            str(g.questions),
            ", ".join(g.players),
            g.winner,
            g.settings,
        ]
        for g in games
    ]
    return headers, rows, {0, 3}


@click.command(name="scores")
@click.option("--recent", is_flag=True, help="List recent games instead of the high scores.")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=None,
    help="How many rows to show (default: 10 scores, 20 games).",
)
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV to standard output, for a spreadsheet.")
def command(recent: bool, limit: int | None, as_csv: bool) -> None:
    """Show the high scores, or with --recent the latest games."""
    path = locations.scores_db()
    source: Any = _NoStore()
    # Looking at scores must not create a database (or a data folder) that was never there.
    if path.is_file():
        from quiz.storage import ScoreStore

        store = ScoreStore(path)
        if store.problem:
            click.echo(store.problem, err=True)
        source = store
    try:
        build = _recent_rows if recent else _score_rows
        headers, rows, right = build(source, limit or (20 if recent else 10), as_csv)
    finally:
        source.close()
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        if not rows:
            click.echo(EMPTY, err=True)
        return
    if not rows:
        click.echo(EMPTY)
        return
    title = "Recent games" if recent else "High scores"
    click.echo(f"{title}\n\n{_table(headers, rows, right)}")


class _NoStore:
    """Stands in for a database that does not exist yet."""

    def top_scores(self, limit: int) -> list:
        return []

    def recent_games(self, limit: int) -> list:
        return []

    def close(self) -> None:
        pass
