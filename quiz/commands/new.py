"""``quiz new PACK_ID``: write a starter pack (or facts file) to edit."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def _fail(message: str) -> None:
    click.echo(f"quiz new: {message}", err=True)
    sys.exit(2)


@click.command("new")
@click.argument("pack_id")
@click.option("--facts", is_flag=True, help="Write a starter facts file instead of a pack.")
@click.option("-o", "--output", type=click.Path(dir_okay=True), help="Where to write it (a file, or a folder to put it in).")
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def command(pack_id: str, facts: bool, output: str | None, force: bool) -> None:
    """Write a starter pack named PACK_ID (one example of each question type) to edit.

    It goes into your pack folder (see `quiz packs --where`) unless -o says otherwise.
    """
    from quiz import locations, starter
    from quiz.packfile import schema_line

    if not starter.PACK_ID.match(pack_id) or len(pack_id) > 64:
        _fail(f"{pack_id!r} is not a valid pack id: use lowercase letters, digits and hyphens, "
              "starting with a letter or digit (e.g. 'my-pack')")
    filename = f"{pack_id}.facts.yaml" if facts else f"{pack_id}.yaml"
    if output is None:
        target = locations.user_packs_dir() / filename
    else:
        out = Path(output).expanduser()
        target = out / filename if out.is_dir() or output.endswith(("/", "\\")) else out
    if target.exists() and not force:
        _fail(f"{target} already exists; use --force to overwrite it")
    if target.exists() and target.is_dir():
        _fail(f"{target} is a folder")
    body = starter.facts_text(pack_id, target.name) if facts else starter.pack_text(pack_id, target.name)
    text = body if facts else schema_line(target) + "\n" + body
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    what = "facts file" if facts else "pack"
    click.echo(f"Wrote a starter {what} to {target}")
    click.echo(f"Edit it, then check it with: quiz validate {target}")
