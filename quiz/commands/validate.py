"""``quiz validate PATH...``: check packs and facts files, report every problem."""

from __future__ import annotations

import sys

import click

from quiz.validate_report import run


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary, not warnings.")
def command(paths: tuple[str, ...], quiet: bool) -> None:
    """Check packs and facts files (or every *.yaml in folders) and report every problem.

    Exit status: 0 when all is well (warnings allowed), 1 when a file has errors,
    2 when a path does not exist.
    """
    sys.exit(run(paths, quiet))
