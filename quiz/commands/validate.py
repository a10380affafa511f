"""``quiz validate PATH...``: check packs and facts files, report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def _files(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and the *.yaml/*.yml files under folders named (sorted, no repeats)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        found = sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml") and x.is_file()) if p.is_dir() else [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary, not warnings.")
def command(paths: tuple[str, ...], quiet: bool) -> None:
    """Check packs and facts files (or every *.yaml in folders) and report every problem.

    Exit status: 0 when all is well (warnings allowed), 1 when a file has errors,
    2 when a path does not exist.
    """
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for p in missing:
            click.echo(f"{p}: no such file or folder", err=True)
        sys.exit(2)
    from quiz.validate import check_file, duplicate_ids, duplicate_pack_ids

    files = _files(paths)
    if not files:
        click.echo("no .yaml or .yml files found in " + ", ".join(paths), err=True)
        sys.exit(2)
    reports = [check_file(f) for f in files]
    cross = duplicate_ids(reports) + duplicate_pack_ids(reports)
    by_file: dict[str, list] = {r.path: list(r.problems) for r in reports}
    for p in cross:
        by_file[p.file].append(p)
    error_files = errors = warnings = 0
    lines: list[str] = []
    for r in reports:
        problems = sorted(by_file[r.path], key=lambda p: (p.line, p.column))
        n_err = sum(1 for p in problems if p.severity == "error")
        errors += n_err
        warnings += len(problems) - n_err
        error_files += 1 if n_err else 0
        lines.extend(str(p) for p in problems if p.severity == "error" or not quiet)
    if lines:
        click.echo("\n".join(lines))
    summary = f"{_plural(len(reports), 'file')} checked: {len(reports) - error_files} valid"
    if error_files:
        summary += f", {error_files} with {_plural(errors, 'error')}"
    if warnings:
        summary += f" ({_plural(warnings, 'warning')})"
    click.echo(summary)
    sys.exit(1 if errors else 0)
