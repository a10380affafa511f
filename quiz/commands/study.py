"""``quiz study``: spaced repetition for one learner (``quiz.study``), or with --progress their progress as text."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from quiz import locations
from quiz.study import ALL, DEFAULT_LEARNER, CategoryProgress, Study, StudyError, check_learner, when_words
from quiz.textbar import bar

if TYPE_CHECKING:
    from quiz.catalog import PackEntry
    from quiz.model import Question

#: The bar is narrower than the app's, so a row fits 80 columns with every number beside it.
BAR_WIDTH = 16


def _fail(message: str) -> NoReturn:
    click.echo(f"quiz study: {message}", err=True)
    raise click.exceptions.Exit(2)


def _discover(paths: Sequence[str]) -> list[PackEntry]:
    """Every pack (and the files named), with ``Reading big.yaml… 45%`` while a big one is read the first time."""
    from quiz.catalog import discover
    from quiz.progress import TerminalProgress

    with TerminalProgress("Reading packs", sys.stderr) as shown:

        def progress(path: Path, done: float) -> None:
            shown.label = f"Reading {Path(path).name}"
            shown(done)

        return discover(extra_paths=paths, progress=progress)


def choose_packs(wanted: Sequence[str]) -> list[PackEntry]:
    """The usable packs ``--pack`` names (by id, or a pack file), or every usable pack; calls _fail otherwise."""
    files = [p for p in wanted if Path(p).is_file()]
    entries = _discover(files)
    usable = [e for e in entries if e.usable]
    if not wanted:
        if not usable:
            _fail("no question packs found; add one with --pack FILE.")
        return usable
    chosen: list[PackEntry] = []
    for name in wanted:
        if name in files:
            path = Path(name).resolve()
            match = [e for e in entries if e.path and Path(e.path).resolve() == path]
            if match and not match[0].usable:
                _fail(f"the pack {name} cannot be used: {match[0].error or match[0].problem_line()}")
        else:
            match = [e for e in usable if e.id.casefold() == name.strip().casefold()]
            if not match:
                known = ", ".join(sorted({e.id for e in usable})) or "none"
                _fail(f"unknown pack {name!r}; give a pack id ({known}) or a pack file.")
        chosen += [e for e in match if e.usable and e not in chosen]
    return chosen


def check_categories(questions: Sequence[Question], categories: Sequence[str]) -> tuple[str, ...]:
    """The categories as the packs spell them; calls _fail for one they do not have."""
    known = sorted({q.category for q in questions}, key=str.casefold)
    folded = {name.casefold(): name for name in known}
    for name in categories:
        if name.strip().casefold() not in folded:
            _fail(f"unknown category {name!r}; known categories: {', '.join(known)}.")
    return tuple(dict.fromkeys(folded[c.strip().casefold()] for c in categories))


def progress_table(rows: Sequence[CategoryProgress]) -> str:
    """One line per category: a bar of the share known, and the numbers (known of all, learning, new, due now)."""
    width = max(len("Category"), *(len(r.category) for r in rows))
    known = max(len("Known"), *(len(f"{r.known}/{r.total}") for r in rows))
    columns = ("Learning", "New", "Due now")

    def line(name: str, progress: str, known_text: str, numbers: Sequence[object]) -> str:
        cells = "  ".join(str(n).rjust(len(c)) for n, c in zip(numbers, columns))
        return f"{name.ljust(width)}  {progress.ljust(BAR_WIDTH + 5)}  {known_text.rjust(known)}  {cells}"

    head = line("Category", "Progress", "Known", columns)
    rule = "─" * len(head)
    out = [head, rule]
    for r in rows:
        if r.category == ALL and len(rows) > 1:
            out.append(rule)
        out.append(
            line(
                r.category,
                f"{bar(r.share, BAR_WIDTH)} {r.percent:>3}%",
                f"{r.known}/{r.total}",
                (r.learning, r.new, r.due),
            )
        )
    return "\n".join(out)


def progress_report(study: Study, categories: Sequence[str], packs: Sequence[PackEntry]) -> str:
    """What ``--progress`` prints."""
    rows = study.progress(categories)
    if len(rows) == 2:
        rows = rows[:1]  # one category: its row is the total
    total = rows[-1]
    today = study.today()
    names = ", ".join(e.id for e in packs)
    lines = [
        f"Study progress of {study.learner} ({names}: {total.total} question{'s' if total.total != 1 else ''})",
        "",
    ]
    lines.append(progress_table(rows))
    lines += ["", total.boxes_text()]
    if total.to_study:
        lines.append(f"To study now: {total.due} due and {total.new} new.")
    else:
        lines.append(study.nothing_due(categories))
    upcoming = study.next_due(categories)
    if total.due and upcoming is not None:
        lines.append(f"After that, the next ones are due {when_words(upcoming, today)}.")
    lines.append("Known: answered right on two different days running (box 3 and up).")
    return "\n".join(lines)


@click.command("study")
@click.option(
    "--pack",
    "packs",
    multiple=True,
    metavar="ID",
    help="Study this pack: its id or a pack file (repeatable); default: every pack found.",
)
@click.option(
    "--learner",
    default=DEFAULT_LEARNER,
    show_default=True,
    metavar="NAME",
    help="Who is studying: each learner has their own boxes.",
)
@click.option("--category", "categories", multiple=True, metavar="NAME", help="Only this category (repeatable).")
@click.option("--progress", "show_progress", is_flag=True, help="Print the learner's progress per category and exit.")
def command(packs: tuple[str, ...], learner: str, categories: tuple[str, ...], show_progress: bool) -> None:
    """Learn every fact with spaced repetition (Leitner boxes): no points, no timer."""
    from quiz.storage import ScoreStore

    try:
        name = check_learner(learner)
    except StudyError as exc:
        _fail(f"{exc}.")
    entries = choose_packs(packs)
    from quiz.catalog import load_questions

    questions = load_questions(entries)
    chosen = check_categories(questions, categories)
    # Every input is checked before the database is opened: a mistake leaves nothing behind.
    path = locations.scores_db()
    # Looking at progress must not create a database (or a data folder) that was never there.
    store = ScoreStore(path) if path.is_file() or not show_progress else None
    try:
        if store is not None and store.problem:
            click.echo(store.problem, err=True)
        study = Study(name, questions, store, today=date.today)
        if show_progress:
            click.echo(progress_report(study, chosen, entries))
            return
        from quiz.tui.study import StudyApp  # only now: bad options never pay for loading the UI

        app = StudyApp(study, chosen, entries=entries, store=store)
        app.run()
    finally:
        if store is not None:
            store.close()
    # A crash inside the app has already been shown; the exit status must say so too.
    sys.exit(app.return_code or 0)
