"""``quiz lint PACK...``: what a teacher would fix before using a pack as it is.

A thin wrapper over :mod:`quiz.lint`: it reads each pack (a YAML pack, or a
file of any format ``quiz import`` reads, so an imported pack can be checked
before it is even converted), prints every finding as ``file:line: warning:
message [rule]`` and a summary. Folders are searched for YAML packs; facts
files in them are skipped (lint the pack generated from them).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quiz.errors import QuizError
from quiz.lint import RULES, lint_pack
from quiz.model import Pack

YAML_SUFFIXES = (".yaml", ".yml")


def _read(path: Path) -> Pack:
    """A pack from a YAML pack or any importable file; raises QuizError with a located message."""
    if path.suffix.lower() in YAML_SUFFIXES:
        from quiz.errors import PackInvalid
        from quiz.packfile import pack_from_data
        from quiz.validate import check_pack_data
        from quiz.yamlfile import load_yaml

        data = load_yaml(path, "pack")
        # Quotes are the validator's business; a pack citing its own seeds is still linted.
        errors = [p for p in check_pack_data(data, str(path), seeds=False) if p.severity == "error"]
        if errors:
            raise PackInvalid(errors)
        return pack_from_data(data, str(path))
    from quiz.commands.import_ import detect_format
    from quiz.formats import get_format

    fmt = detect_format(path)
    if fmt is None:
        raise QuizError(
            f"{path}: not a pack, and not a file `quiz import` can read (use a .yaml pack or an import format)"
        )
    pack = get_format(fmt).import_file(path).pack
    pack.path = str(path)
    return pack


def _targets(paths: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Files to lint, and paths that do not exist."""
    from quiz.validate_report import files_under

    missing = [p for p in paths if not Path(p).exists()]
    found: list[Path] = []
    for raw in paths:
        if raw in missing:
            continue
        if Path(raw).is_dir():
            found += [f for f in files_under([raw]) if not f.name.endswith((".facts.yaml", ".facts.yml"))]
        else:
            found.append(Path(raw))
    return list(dict.fromkeys(found)), missing


def _rules_text() -> str:
    width = max(len(r) for r in RULES)
    return "\n".join(f"{rule:<{width}}  {doc}" for rule, doc in RULES.items())


@click.command("lint")
@click.argument("paths", nargs=-1, metavar="PACK...")
@click.option(
    "--ignore", "ignore", multiple=True, metavar="RULE", help="Leave out a rule (repeatable); --rules lists them."
)
@click.option("--rules", "show_rules", is_flag=True, help="List the rules and what each one warns about.")
def command(paths: tuple[str, ...], ignore: tuple[str, ...], show_rules: bool) -> None:
    """Warn about give-aways, unfair options and repetition in packs (or every pack in folders).

    Exit status: 0 when no pack has a warning, 1 when one has (or cannot be
    read), 2 when a path does not exist or holds no pack.
    """
    if show_rules:
        click.echo(_rules_text())
        return
    if not paths:
        raise click.UsageError("give at least one pack or folder (or --rules)")
    unknown = [r for r in ignore if r not in RULES]
    if unknown:
        raise click.UsageError(f"unknown rule {unknown[0]!r}; `quiz lint --rules` lists them")
    files, missing = _targets(paths)
    for p in missing:
        click.echo(f"{p}: no such file or folder", err=True)
    if missing:
        sys.exit(2)
    if not files:
        click.echo("no pack found in " + ", ".join(paths), err=True)
        sys.exit(2)
    warned = unreadable = total = 0
    for path in files:
        try:
            pack = _read(path)
        except QuizError as exc:
            click.echo(
                f"{exc}; `quiz validate {path}` lists every problem"
                if path.suffix.lower() in YAML_SUFFIXES
                else str(exc),
                err=True,
            )
            unreadable += 1
            continue
        problems = lint_pack(pack, ignore)
        for problem in problems:
            click.echo(str(problem))
        total += len(problems)
        warned += bool(problems)
    linted = len(files) - unreadable
    summary = f"{linted} pack{'' if linted == 1 else 's'} linted: {linted - warned} clean"
    if warned:
        summary += f", {warned} with {total} warning{'' if total == 1 else 's'}"
    if unreadable:
        summary += f"; {unreadable} could not be read"
    click.echo(summary)
    sys.exit(1 if warned or unreadable else 0)
