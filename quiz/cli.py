"""The ``quiz`` command line.

Subcommands live one per module in ``quiz.commands`` and are imported only when
used, so ``quiz --help`` and ``quiz validate`` never pay for the UI.
"""

from __future__ import annotations

import importlib
import sys

import click

from quiz import __version__

# name -> (module, short help); the help text is here so listing commands imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("quiz.commands.play", "Go straight into a round."),
    "scores": ("quiz.commands.scores", "Show high scores and recent games."),
    "packs": ("quiz.commands.packs", "List every question pack found."),
    "new": ("quiz.commands.new", "Write a starter pack (or facts file) to edit."),
    "validate": ("quiz.commands.validate", "Check packs and facts files; report every problem."),
    "generate": ("quiz.commands.generate", "Build question packs from a facts file."),
    "import": ("quiz.commands.import_", "Convert GIFT, Aiken, Open Trivia DB, Kahoot or JSON files to a pack."),
    "export": ("quiz.commands.export", "Write packs as JSON, GIFT, Aiken, CSV, Anki or worksheets."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[name][0])
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar="QUIZ_DATA_DIR",
    help="Where scores, your packs and the cache live (default: the platform's user data folder).",
)
@click.version_option(__version__, prog_name="quiz")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """A trivia game about the Tour de France docuseries. Run with no command to open the game."""
    if data_dir:
        from quiz import locations

        locations.set_data_dir(data_dir)
    if ctx.invoked_subcommand is None:
        from quiz.tui.app import QuizApp

        app = QuizApp()
        app.run()
        # A crash inside the app has already been shown; the exit status must say so too.
        sys.exit(app.return_code or 0)


def main() -> None:
    try:
        cli(prog_name="quiz")
    except KeyboardInterrupt:
        sys.exit(130)
