"""The click group behind ``quiz``: its options, and each subcommand loaded when first used.

Its help is the project's own (``quiz.commands.table``), the same text the fast
path in ``quiz.cli`` prints, whatever click's version renders by itself.
"""

from __future__ import annotations

import importlib
import sys

import click

from quiz import __version__
from quiz.commands.table import (
    COMMANDS,
    DATA_DIR_HELP,
    DESCRIPTION,
    HELP_HELP,
    PROG,
    USAGE,
    VERSION_HELP,
    VERSION_MESSAGE,
    columns,
    top_help,
)


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[name][0])
        command: click.Command = module.command
        return command

    def get_help(self, ctx: click.Context) -> str:
        return top_help(columns()).rstrip("\n")

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Error messages start with the usage line: the same one the help shows.
        formatter.write_usage(ctx.command_path, USAGE)


@click.group(
    cls=LazyGroup,
    name=PROG,
    help=DESCRIPTION,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# Any path: a file here is said by the game, and play goes on, as with any storage problem.
@click.option("--data-dir", type=click.Path(), metavar="DIRECTORY", envvar="QUIZ_DATA_DIR", help=DATA_DIR_HELP)
@click.version_option(__version__, prog_name=PROG, message=VERSION_MESSAGE, help=VERSION_HELP)
@click.help_option("-h", "--help", help=HELP_HELP)
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    from quiz.commands.start import start_game, use_data_dir

    if ctx.invoked_subcommand is None:
        sys.exit(start_game(data_dir))
    use_data_dir(data_dir)
