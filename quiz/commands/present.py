"""``quiz present``: a round for a projector, revealed and scored by the teacher."""

from __future__ import annotations

import sys

import click

from quiz.commands.play import build_round, round_filters


@click.command("present")
@click.option("--pack", "packs", multiple=True, metavar="PATH", help="Questions from this pack file (repeatable).")
@round_filters
@click.option("--questions", type=int, default=10, show_default=True, help="Questions in the round.")
@click.option("--timer", type=float, default=None, metavar="SECONDS", help="Seconds per question (default: none).")
@click.option("--difficulty", default="any", show_default=True, metavar="LEVEL", help="any, easy, medium or hard.")
@click.option("--seed", type=int, default=None, help="Same seed and settings, same round.")
@click.option(
    "--teams",
    default=None,
    metavar='"Red,Blue"',
    help="Teams to score (up to 6): keys 1 to 6 give each the question's points.",
)
def command(packs, categories, types, questions, timer, difficulty, seed, teams) -> None:
    """Show a round on a projector: the teacher reveals, moves on and scores the teams.

    Keys: R reveal, N or Enter next, B back, S show or hide the scores,
    1-6 give a team the question's points, U take the last points back.
    """
    session, entries, settings, store = build_round(
        packs,
        categories,
        questions,
        timer,
        False,
        difficulty,
        seed,
        None,
        types,
        mode="presenter",
        teams=teams,
        default_timer=None,
        command="quiz present",
        modes=("presenter",),
    )
    from quiz.tui.app import QuizApp  # only now: bad options never pay for loading the UI

    app = QuizApp(entries=entries, settings=settings, store=store, session=session)
    try:
        app.run()
    finally:
        store.close()
    sys.exit(app.return_code or 0)
