"""The click group behind ``quiz``: its options, and each subcommand loaded when first used."""

from __future__ import annotations

import importlib
import sys

import click

from quiz import __version__
from quiz.cli import COMMANDS


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
    type=click.Path(),  # a file here is said by the game and play goes on, as any storage problem
    metavar="DIRECTORY",
    envvar="QUIZ_DATA_DIR",
    help="Where scores, your packs and the cache live (default: the platform's user data folder).",
)
@click.version_option(__version__, prog_name="quiz")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """A trivia game about the Tour de France docuseries. Run with no command to open the game."""
    from quiz import locations

    if data_dir:
        locations.set_data_dir(data_dir)
    if problem := locations.data_dir_problem():
        click.echo(f"quiz: {problem}", err=True)
    if ctx.invoked_subcommand is None:
        from quiz.tui.app import QuizApp

        app = QuizApp()
        app.run()
        # A crash inside the app has already been shown; the exit status must say so too.
        sys.exit(app.return_code or 0)


def rendered_help() -> str:
    """``quiz --help`` as click prints it on a terminal 80 or more columns wide.

    Click wraps help to the terminal's width less two, and to no more than 78.
    """
    with cli.make_context("quiz", ["--help"], resilient_parsing=True, terminal_width=78) as ctx:
        return cli.get_help(ctx) + "\n"


def helptext_module() -> str:
    """The source of quiz/helptext.py for the current commands."""
    text = rendered_help()
    assert '"""' not in text and "\\" not in text
    return (
        '"""``quiz --help`` as click renders it at 80 columns or more, for the fast path in ``quiz.cli``.\n\n'
        "Made by ``python -m quiz.commands.group > quiz/helptext.py``; a test fails when it no\n"
        "longer matches click's own rendering, so run that again after changing a command's\n"
        'short help or the group\'s options.\n"""\n\n'
        f'TOP_HELP = """\\\n{text}"""\n'
    )


if __name__ == "__main__":
    sys.stdout.write(helptext_module())
