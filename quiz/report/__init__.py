"""Reports of finished games, for teachers: who knew what, and what to teach again.

A game's record (``quiz.session.GameResult``, as ``ScoreStore.game`` reads it
back) becomes three tables (``quiz.report.tables``): Summary (one row per
player or team), Answers (one row per player or team and question) and
Questions (one row per question: % right and the most common wrong answer).
They are written as CSV (one file per table), an xlsx workbook (one sheet per
table, with a chart) or one printable HTML page. No UI here: ``quiz report``
and the results screen both call :func:`write_report`.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from quiz.report.tables import Report, build_report
from quiz.session.result import GameResult

#: Report formats and their usual file suffix.
SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "html": ".html"}
FORMATS = tuple(SUFFIXES)


def format_for(path: Path) -> str | None:
    """The report format a file name asks for by its suffix (``.htm`` is HTML), or None."""
    suffix = path.suffix.lower()
    suffix = ".html" if suffix == ".htm" else suffix
    return next((fmt for fmt, s in SUFFIXES.items() if s == suffix), None)


def output_files(path: Path, fmt: str) -> list[Path]:
    """The files a report in ``fmt`` to ``path`` writes: ``path`` itself, or for CSV one file per table
    named after it (``results.csv`` -> ``results-summary.csv``, ``results-answers.csv``, ``results-questions.csv``).
    """
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt != "csv":
        return [path]
    stem = path.stem if path.suffix.lower() == ".csv" else path.name
    return [path.with_name(f"{stem}-{name}.csv") for name in ("summary", "answers", "questions")]


def render(report: Report, fmt: str) -> list[bytes]:
    """The contents of each file ``output_files`` names, in the same order."""
    if fmt == "csv":
        from quiz.report.csvfile import render_csv

        return [render_csv(table) for table in report.tables]
    if fmt == "xlsx":
        from quiz.report.xlsx import render_xlsx  # openpyxl takes a while to import: only when asked for

        return [render_xlsx(report)]
    if fmt == "html":
        from quiz.report.htmlpage import render_html

        return [render_html(report)]
    raise ValueError(f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` so that a crash never leaves half a report where the old one was."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_report(result: GameResult, path: Path, fmt: str) -> list[Path]:
    """Write ``result``'s report in ``fmt`` ("csv", "xlsx" or "html") to ``path``; the files written.

    Existing files are replaced (callers ask first). Raises OSError when a file
    cannot be written, ValueError for an unknown format.
    """
    files = output_files(path, fmt)
    contents = render(build_report(result), fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, data in zip(files, contents):
        _write_atomic(target, data)
    return files


def report_stem(result: GameResult) -> str:
    """A file name (no suffix) for ``result``'s report that sorts by date: ``quiz-report-2026-05-01-1030-game-12``."""
    try:
        when = datetime.fromisoformat(result.played_at).strftime("%Y-%m-%d-%H%M")
    except ValueError:
        when = ""
    parts = ["quiz-report", when, f"game-{result.game_id}" if result.game_id is not None else ""]
    return "-".join(p for p in parts if p)


__all__ = ["FORMATS", "SUFFIXES", "build_report", "format_for", "output_files", "render", "report_stem", "write_report"]
