"""``quiz new PACK_ID``: write a starter pack (or facts file) to edit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def _fail(message: str) -> None:
    click.echo(f"quiz new: {message}", err=True)
    sys.exit(2)


@click.command("new")
@click.argument("pack_id")
@click.option("--facts", is_flag=True, help="Write a starter facts file instead of a pack.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=True), help="Where to write it (a file, or a folder to put it in)."
)
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def command(pack_id: str, facts: bool, output: str | None, force: bool) -> None:
    """Write a starter pack named PACK_ID (one example of each question type) to edit.

    It goes into your pack folder (see `quiz packs --where`) unless -o says otherwise.
    """
    from quiz import locations, starter
    from quiz.commands.generate import pack_path_for
    from quiz.commands.shell import word as shell_word
    from quiz.packfile import schema_line

    if not starter.PACK_ID.match(pack_id) or len(pack_id) > 64:
        _fail(
            f"{pack_id!r} is not a valid pack id: use lowercase letters, digits and hyphens, "
            "starting with a letter or digit (e.g. 'my-pack')"
        )
    filename = f"{pack_id}.facts.yaml" if facts else f"{pack_id}.yaml"
    if output is None:
        target = locations.user_packs_dir() / filename
    else:
        out = Path(output).expanduser()
        target = out / filename if out.is_dir() or output.endswith(("/", "\\")) else out
    # The full path: what is printed and written in the file's comments works from any folder.
    target = Path(os.path.abspath(target))
    word = shell_word(target)
    if target.exists() and not force:
        _fail(f"{target} already exists; use --force to overwrite it")
    if target.exists() and target.is_dir():
        _fail(f"{target} is a folder")
    pack = pack_path_for(target)
    body = starter.facts_text(pack_id, word, pack.name) if facts else starter.pack_text(pack_id, word)
    text = body if facts else schema_line(target) + "\n" + body
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        in_the_way = locations.folder_problem(target.parent)
        if in_the_way:
            _fail(
                f"cannot write {target}: its folder {target.parent} {in_the_way}; give -o FOLDER to write it elsewhere"
            )
        _fail(f"cannot write {target}: {exc.strerror or exc}")
    what = "facts file" if facts else "pack"
    click.echo(f"Wrote a starter {what} to {target}")
    click.echo(f"Edit it, then check it with: quiz validate {word}")
    if facts:
        click.echo(f"Make its pack ({pack}) with: quiz generate {word}")
