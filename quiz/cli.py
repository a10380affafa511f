"""The ``quiz`` command line's front door.

Subcommands live one per module in ``quiz.commands`` and are imported only when
used; the click group itself is in ``quiz.commands.group``. Two commands people
run in loops skip click altogether, because importing it costs about a quarter
of ``quiz --help``'s 100 ms budget:

* ``quiz --help`` / ``-h`` / ``--version`` print text click rendered before
  (``quiz.helptext``; a test checks it still matches click's own output);
* ``quiz validate PATH...`` with nothing but existing paths calls the same
  report the click command calls.

Anything else, including every mistake, goes through click and its messages.
"""

from __future__ import annotations

import os
import sys

# name -> (module, short help); the help text is here so listing commands imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("quiz.commands.play", "Go straight into a round."),
    "scores": ("quiz.commands.scores", "Show high scores and recent games."),
    "packs": ("quiz.commands.packs", "List every question pack found."),
    "new": ("quiz.commands.new", "Write a starter pack (or facts file) to edit."),
    "validate": ("quiz.commands.validate", "Check packs and facts files; report every problem."),
    "generate": ("quiz.commands.generate", "Build question packs from a facts file."),
    "lint": ("quiz.commands.lint", "Warn about give-aways, unfair options and repetition in packs."),
    "import": ("quiz.commands.import_", "Convert GIFT, Aiken, Open Trivia DB, Kahoot or JSON files to a pack."),
    "export": ("quiz.commands.export", "Write packs as JSON, GIFT, Aiken, CSV, Anki or worksheets."),
}


def _columns() -> int:
    """The terminal width click would use (``shutil.get_terminal_size`` without importing shutil)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _fast(args: list[str]) -> int | None:
    """The exit status of a command answered without click, or None when click must answer."""
    if len(args) == 1 and args[0] in ("--help", "-h", "--version"):
        if args[0] == "--version":
            from quiz import __version__

            sys.stdout.write(f"quiz, version {__version__}\n")
            return 0
        if _columns() < 80:  # click wraps to a narrower width; let it
            return None
        from quiz.helptext import TOP_HELP

        sys.stdout.write(TOP_HELP)
        return 0
    if len(args) >= 2 and args[0] == "validate":
        paths = args[1:]
        if any(a.startswith("-") or not os.path.exists(a) for a in paths):
            return None  # options, "--", or a missing path: click's parsing and messages
        data_dir = os.path.expanduser(os.environ.get("QUIZ_DATA_DIR") or "")
        if data_dir and os.path.exists(data_dir) and not os.path.isdir(data_dir):
            return None  # click refuses a data dir that is a file
        from quiz.validate_report import run

        return run(paths)
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
