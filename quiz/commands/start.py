"""``quiz`` with no command: the game from its title screen.

One function behind both doors into the command line: the click group calls it
when no command is given, and ``quiz.cli`` calls it directly for ``quiz`` and
``quiz --data-dir DIR``, without importing click (about 13 ms of the game's
start-up: the import's cost after Textual's).
"""

from __future__ import annotations

import sys


def use_data_dir(data_dir: str | None) -> None:
    """Keep the user's data under ``data_dir`` if given, and say so on stderr if that folder cannot be used."""
    from quiz import locations

    if data_dir:
        locations.set_data_dir(data_dir)
    if problem := locations.data_dir_problem():
        # A file where the data folder should be: said here, and the command goes on, as with any storage problem.
        sys.stderr.write(f"quiz: {problem}\n")


def start_game(data_dir: str | None) -> int:
    """Run the game, its data under ``data_dir`` if given; the exit status."""
    use_data_dir(data_dir)
    from quiz.tui.app import QuizApp

    app = QuizApp()
    app.run()
    # A crash inside the app has already been shown; the exit status must say so too.
    return app.return_code or 0
