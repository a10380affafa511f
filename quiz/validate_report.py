"""What ``quiz validate PATH...`` prints and the status it exits with.

Kept apart from the click command so the command line's fast path (see
``quiz.cli``) can run it without importing click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from quiz.progress import TerminalProgress

if TYPE_CHECKING:
    from quiz.errors import Problem


def files_under(paths: Sequence[str]) -> list[Path]:
    """Files named, and the *.yaml/*.yml files under folders named (sorted, no repeats)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        # Not only regular files: a pipe or a broken link named *.yaml is reported, not skipped.
        found = (
            sorted(x for x in p.rglob("*") if x.suffix in (".yaml", ".yml") and not x.is_dir()) if p.is_dir() else [p]
        )
        for f in found:
            try:
                key = f.resolve()
            except (OSError, RuntimeError):  # a link loop
                key = f.absolute()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _missing(path: str) -> str:
    """Why a path cannot be checked: absent, or a link to nothing or to itself (the reader says which)."""
    from quiz.textfile import unreadable_reason

    return (os.path.islink(path) and unreadable_reason(path, "pack")) or f"{path}: no such file or folder"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def run(paths: Sequence[str], quiet: bool = False, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every file, print each problem as file:line:column and a summary; return the exit status.

    0 when all is well (warnings allowed), 1 when a file has errors, 2 when a
    path does not exist or holds no YAML file.
    """
    out = out or sys.stdout
    err = err or sys.stderr
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for p in missing:
            print(_missing(p), file=err)
        err.flush()
        return 2
    from quiz.checkfile import check_file, duplicate_ids, duplicate_pack_ids

    files = files_under(paths)
    if not files:
        print("no .yaml or .yml files found in " + ", ".join(paths), file=err)
        err.flush()
        return 2
    reports = []
    for f in files:
        # Shown only on a terminal, and only when a file takes more than half a second.
        with TerminalProgress(f"Checking {f.name}", err) as progress:
            reports.append(check_file(f, progress))
    cross = duplicate_ids(reports) + duplicate_pack_ids(reports)
    by_file: dict[str, list[Problem]] = {r.path: list(r.problems) for r in reports}
    for problem in cross:
        by_file[problem.file].append(problem)
    error_files = errors = warnings = 0
    lines: list[str] = []
    for r in reports:
        problems = sorted(by_file[r.path], key=lambda p: (p.line, p.column))
        n_err = sum(1 for p in problems if p.severity == "error")
        errors += n_err
        warnings += len(problems) - n_err
        error_files += 1 if n_err else 0
        lines.extend(str(p) for p in problems if p.severity == "error" or not quiet)
    summary = f"{_plural(len(reports), 'file')} checked: {len(reports) - error_files} valid"
    if error_files:
        summary += f", {error_files} with {_plural(errors, 'error')}"
    if warnings:
        summary += f" ({_plural(warnings, 'warning')})"
    lines.append(summary)
    out.write("\n".join(lines) + "\n")
    out.flush()
    return 1 if errors else 0
