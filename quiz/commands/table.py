"""The ``quiz`` command table, and the top-level help rendered from it.

Both doors into the command line read this table: the fast path in
``quiz.cli`` (which answers ``quiz --help`` without importing click) and the
click group in ``quiz.commands.group`` (which prints the same text for
``--help`` and uses the same option help strings). The help is the project's
own rendering, so it cannot drift with a new click release, and the two doors
print the same bytes at every terminal width.

This module imports nothing: it is on the path of ``quiz --help``, whose whole
process has a 100 ms budget (``textwrap`` alone, with ``re``, costs about 25 ms).
"""

from __future__ import annotations

#: name -> (module, short help). The module is imported only when its command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("quiz.commands.play", "Go straight into a round."),
    "present": ("quiz.commands.present", "Show a round on a projector; the teacher reveals and scores."),
    "scores": ("quiz.commands.scores", "Show high scores and recent games."),
    "study": ("quiz.commands.study", "Learn every fact with spaced repetition; --progress shows how far."),
    "report": ("quiz.commands.report", "List saved games; write a game's report (CSV, xlsx, HTML)."),
    "packs": ("quiz.commands.packs", "List every question pack found."),
    "new": ("quiz.commands.new", "Write a starter pack (or facts file) to edit."),
    "validate": ("quiz.commands.validate", "Check packs and facts files; report every problem."),
    "lint": ("quiz.commands.lint", "Warn about give-aways, unfair options and repetition in packs."),
    "generate": ("quiz.commands.generate", "Build question packs from a facts file."),
    "import": ("quiz.commands.import_", "Convert GIFT, Aiken, Open Trivia DB, Kahoot, CSV or JSON files to a pack."),
    "export": ("quiz.commands.export", "Write packs as JSON, GIFT, Aiken, CSV, Anki or worksheets."),
    "host": ("quiz.commands.host", "Open a live room: students join from a terminal or a browser."),
    "join": ("quiz.commands.join", "Join a live room from this terminal."),
}

PROG = "quiz"


def columns() -> int:
    """The terminal's width, from COLUMNS or the terminal (``shutil.get_terminal_size`` without importing shutil)."""
    import os
    import sys

    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        width = 0
    if width <= 0:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
    return width or 80


USAGE = "[OPTIONS] [COMMAND] [ARGS]..."
DESCRIPTION = "A trivia game about the Tour de France docuseries. Run with no command to open the game."
DATA_DIR_HELP = "Where scores, your packs and the cache live (default: the platform's user data folder)."
VERSION_HELP = "Show the version and exit."
HELP_HELP = "Show this message and exit."
#: The group's options as the help lists them; ``quiz.commands.group`` declares the same ones.
OPTIONS: tuple[tuple[str, str], ...] = (
    ("--data-dir DIRECTORY", DATA_DIR_HELP),
    ("--version", VERSION_HELP),
    ("-h, --help", HELP_HELP),
)
#: ``quiz --version`` prints this, through either door.
VERSION_MESSAGE = "%(prog)s, version %(version)s"

#: Help lines are at most this long, and at most the terminal's width less two.
MAX_WIDTH = 78
MIN_WIDTH = 30


def version_line(version: str) -> str:
    return VERSION_MESSAGE % {"prog": PROG, "version": version}


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap; a word longer than the line stands alone on its own line."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def _rows(rows: tuple[tuple[str, str], ...] | list[tuple[str, str]], width: int) -> list[str]:
    """A two-column list: terms padded to one column, help wrapped beside them (or below a long term)."""
    indent = 2
    term_width = min(max(len(term) for term, _ in rows), 30)
    help_col = indent + term_width + 2
    out: list[str] = []
    for term, help_ in rows:
        help_lines = wrap(help_, max(width - help_col, 10))
        if len(term) > term_width:
            out.append(" " * indent + term)
            out.extend(" " * help_col + h for h in help_lines)
            continue
        first = help_lines[0] if help_lines else ""
        out.append((" " * indent + term.ljust(term_width) + "  " + first).rstrip())
        out.extend(" " * help_col + h for h in help_lines[1:])
    return out


def top_help(columns: int) -> str:
    """``quiz --help`` for a terminal ``columns`` wide, ending in a newline."""
    width = max(MIN_WIDTH, min(columns - 2, MAX_WIDTH))
    prefix = f"Usage: {PROG} "
    usage = wrap(USAGE, width - len(prefix))
    lines = [prefix + usage[0], *(" " * len(prefix) + rest for rest in usage[1:]), ""]
    lines += ["  " + line for line in wrap(DESCRIPTION, width - 2)]
    lines += ["", "Options:", *_rows(OPTIONS, width)]
    lines += ["", "Commands:", *_rows([(name, help_) for name, (_, help_) in COMMANDS.items()], width)]
    return "\n".join(lines) + "\n"
