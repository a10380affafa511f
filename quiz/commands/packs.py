"""``quiz packs``: list every question pack found, and where it came from."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("packs")
@click.option("--where", is_flag=True, help="Print the folder for your own packs (created if missing) and stop.")
@click.option(
    "--pack", "paths", multiple=True, metavar="PATH", help="Also list the packs in this file or folder (repeatable)."
)
def command(where: bool, paths: tuple[str, ...]) -> None:
    """List every pack found: built in, in your pack folder, given with --pack, or from plugins."""
    from quiz import locations

    if where:
        folder = locations.user_packs_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            click.echo(f"{folder}: cannot create this folder: {exc.strerror or exc}", err=True)
            sys.exit(2)
        click.echo(str(folder))
        return
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for p in missing:
            click.echo(f"{p}: no such file or folder", err=True)
        sys.exit(2)
    from quiz.catalog import discover

    entries = discover(extra_paths=paths)
    if not entries:
        click.echo(f"No packs found. Write one with `quiz new my-pack`; your packs go in {locations.user_packs_dir()}")
        return
    for e in entries:
        status = "valid" if e.valid else "BROKEN"
        count = f"{e.total} question{'' if e.total == 1 else 's'}" if e.valid else ""
        click.echo(f"{e.id}  {e.title}  [{status}]  {count}".rstrip())
        click.echo(f"    from {e.origin}: {e.path}")
        if e.valid:
            cats = ", ".join(f"{cat} {n}" for cat, n in sorted(e.question_counts.items()))
            if cats:
                click.echo(f"    categories: {cats}")
        else:
            click.echo(f"    error: {e.error}")
            errors = [p for p in e.problems if p.severity == "error"]
            if len(errors) > 1:
                from quiz.validate import MAX_SCHEMA_ERRORS

                # Past the validator's cap the count is not the whole story; do not pretend it is.
                more = f"{len(errors) - 1}" if len(errors) <= MAX_SCHEMA_ERRORS else "many"
                click.echo(f"    (and {more} more; run `quiz validate {e.path}`)")
        for w in e.warnings:
            click.echo(f"    {w}" if "warning: " in w else f"    warning: {w}")
    valid = sum(1 for e in entries if e.valid)
    broken = len(entries) - valid
    click.echo(f"{len(entries)} pack{'' if len(entries) == 1 else 's'}: {valid} valid, {broken} broken")
