"""The ``quiz`` command line's front door.

Subcommands live one per module in ``quiz.commands`` and are imported only when
used; the click group itself is in ``quiz.commands.group``. Two commands people
run in loops skip click altogether, because importing it costs about a quarter
of ``quiz --help``'s 100 ms budget:

* ``quiz --help`` / ``-h`` / ``--version`` print the project's own help,
  rendered from the command table in ``quiz.commands.table`` (the click group
  prints the very same text, so the two doors cannot disagree);
* ``quiz validate PATH...`` with nothing but existing paths calls the same
  report the click command calls.

And ``quiz`` alone, or with only ``--data-dir DIR``, starts the game without
click: it is on the way to the title screen (``quiz.commands.start``).

Anything else, including every mistake, goes through click and its messages.
"""

from __future__ import annotations

import os
import sys

from quiz.commands.table import COMMANDS, columns, top_help, version_line  # noqa: F401  (COMMANDS re-exported)


def _fast(args: list[str]) -> int | None:
    """The exit status of a command answered without click, or None when click must answer."""
    if len(args) == 1 and args[0] in ("--help", "-h", "--version"):
        if args[0] == "--version":
            from quiz import __version__

            sys.stdout.write(version_line(__version__) + "\n")
            return 0
        sys.stdout.write(top_help(columns()))
        return 0
    if len(args) >= 2 and args[0] == "validate":
        paths = args[1:]
        if any(a.startswith("-") or not os.path.exists(a) for a in paths):
            return None  # options, "--", or a missing path: click's parsing and messages
        from quiz.commands.start import use_data_dir
        from quiz.validate_report import run

        use_data_dir(None)  # says what is wrong with the data folder, as the click group does
        return run(paths)
    data_dir = _data_dir_only(args)
    if data_dir is not None:
        from quiz.commands.start import start_game

        return start_game(data_dir or os.environ.get("QUIZ_DATA_DIR"))
    return None


def _data_dir_only(args: list[str]) -> str | None:
    """The DIR of ``quiz [--data-dir DIR]`` ("" when it is not given); None for any other arguments."""
    if not args:
        return ""
    if len(args) == 2 and args[0] == "--data-dir" and args[1] and not args[1].startswith("-"):
        return args[1]
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return args[0].removeprefix("--data-dir=")
    return None


def __getattr__(name: str):
    # ``from quiz.cli import cli`` still gives the click group, built on first use.
    if name == "cli":
        from quiz.commands.group import cli

        return cli
    raise AttributeError(name)


def main() -> None:
    try:
        status = _fast(sys.argv[1:])
        if status is not None:
            sys.exit(status)
        from quiz.commands.group import cli

        cli(prog_name="quiz")
    except KeyboardInterrupt:
        sys.exit(130)
