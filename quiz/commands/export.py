"""``quiz export --format FORMAT [PACK...] [-o FILE] [round filters]``: packs to other formats.

PACK is a pack id, or a pack file or folder; none means every valid pack
found. Text formats go to standard output without ``-o``; binary ones (Anki,
Kahoot) need it. An existing output file is replaced: exports are generated
files, made again whenever a pack changes. Messages go to standard error, so
the exported text can be piped.

The round's filters choose the questions (``--category``, ``--type``,
``--difficulty``, ``--questions N``, ``--seed``); worksheets and Kahoot quizzes
get an order with no two questions on one fact side by side (see
quiz.formats.selection).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from quiz.formats import FORMATS, get_format
from quiz.model import DIFFICULTIES, QUESTION_TYPES, Pack


def exporter_names() -> list[str]:
    names = []
    for name in FORMATS:
        try:
            if hasattr(get_format(name), "export_packs"):
                names.append(name)
        except ImportError:
            continue
    return names


def format_for_suffix(path: Path, names: list[str]) -> str | None:
    """The one export format whose usual suffix the output file has."""
    suffix = path.suffix.lower()
    if suffix == ".htm":
        suffix = ".html"
    if suffix == ".aiken":
        suffix = ".txt"
    matches = [n for n in names if getattr(get_format(n), "SUFFIX", None) == suffix]
    return matches[0] if len(matches) == 1 else None


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def resolve_packs(names: tuple[str, ...]) -> list[Pack]:
    """The packs named (ids, files or folders), or every valid pack; exits on a bad name."""
    from quiz import catalog

    if not names:
        found = [e.pack for e in catalog.winners(catalog.discover()) if e.pack is not None]
        if not found:
            _fail("no valid pack found; name a pack file or folder", 1)
        return sorted(found, key=lambda p: p.id)
    packs: list[Pack] = []
    known: dict[str, Pack] | None = None
    for name in names:
        path = Path(name)
        if path.exists():
            entries = catalog.discover([path], include_builtin=False, include_user=False, include_plugins=False)
            broken = [e for e in entries if not e.valid]
            if broken:
                for e in broken:
                    click.echo(e.error, err=True)
                _fail(f"{name}: {len(broken)} pack(s) have errors; run `quiz validate {name}` for every problem", 1)
            if not entries:
                _fail(f"{name}: no pack found there", 1)
            packs.extend(e.pack for e in entries if e.pack is not None)
            continue
        if known is None:
            known = {e.id: e.pack for e in catalog.winners(catalog.discover()) if e.pack is not None}
        if name not in known:
            listing = ", ".join(sorted(known)) or "none"
            _fail(f"unknown pack {name!r}: not a file, folder or pack id. Known pack ids: {listing}", 2)
        packs.append(known[name])
    return packs


def filters_for(
    chosen: list[Pack],
    categories: tuple[str, ...],
    types: tuple[str, ...],
    difficulty: str,
    questions: int | None,
    seed: int | None,
):
    """The round filters from the command line, checked against the packs; exits 2 on a bad value."""
    from quiz.formats.selection import ExportFilters

    if questions is not None and questions < 1:
        _fail(f"--questions must be at least 1 (got {questions})", 2)
    level = difficulty.strip().casefold()
    if level not in ("any", *DIFFICULTIES):
        _fail(f"unknown difficulty {difficulty!r}; choose any, {', '.join(DIFFICULTIES)}", 2)
    known: dict[str, str] = {}
    for pack in chosen:
        for q in pack.questions:
            known.setdefault(q.category.casefold(), q.category)
    for name in categories:
        if name.strip().casefold() not in known:
            listing = ", ".join(sorted(known.values(), key=str.casefold))
            _fail(f"unknown category {name!r}; the packs' categories are: {listing}", 2)
    return ExportFilters(
        categories=tuple(known[c.strip().casefold()] for c in categories),
        types=tuple(dict.fromkeys(t.casefold() for t in types)),
        difficulty=None if level == "any" else level,
        questions=questions,
        seed=seed,
    )


@click.command("export")
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option(
    "-f",
    "--format",
    "fmt",
    metavar="FORMAT",
    help="json, gift, aiken, csv, anki, kahoot, markdown or html (guessed from -o's suffix).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (default: standard output, for text formats).",
)
@click.option("--category", "categories", multiple=True, metavar="NAME", help="Only this category (repeatable).")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(QUESTION_TYPES, case_sensitive=False),
    metavar="TYPE",
    help=f"Only this question type (repeatable): {', '.join(QUESTION_TYPES)}.",
)
@click.option("--difficulty", default="any", show_default=True, metavar="LEVEL", help="any, easy, medium or hard.")
@click.option(
    "--questions",
    type=int,
    default=None,
    metavar="N",
    help="Pick N of the matching questions, no two on the same fact (default: all of them).",
)
@click.option("--seed", type=int, default=None, help="Another pick and order; the same seed, the same file.")
def command(
    packs: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    categories: tuple[str, ...],
    types: tuple[str, ...],
    difficulty: str,
    questions: int | None,
    seed: int | None,
) -> None:
    """Write packs as JSON, GIFT, Aiken, CSV, an Anki deck, a Kahoot sheet or a worksheet.

    PACK is a pack id, a pack file or a folder of packs; with none, every valid
    pack found is exported. The round's filters choose which questions; a
    worksheet or Kahoot quiz never puts two questions on the same fact side by
    side. Questions a format cannot hold are left out and listed. Exit status:
    0 on success, 1 when a pack or the output has a problem or no question
    matches, 2 for a usage mistake (unknown format, pack id or category).
    """
    names = exporter_names()
    if fmt is None:
        fmt = format_for_suffix(output, names) if output is not None else None
        if fmt is None:
            _fail(f"give --format: one of {', '.join(names)}", 2)
    fmt = fmt.lower()
    if fmt not in names:
        _fail(f"unknown export format {fmt!r}; choose one of: {', '.join(names)}", 2)
    module = get_format(fmt)
    if output is None and not hasattr(module, "export_text"):
        _fail(f"the {fmt} format writes a binary file; give -o FILE", 2)

    from quiz.formats.selection import SelectionError, select

    found = resolve_packs(packs)
    filters = filters_for(found, categories, types, difficulty, questions, seed)
    try:
        selection = select(found, filters, spaced=getattr(module, "SEQUENTIAL", False))
    except SelectionError as exc:
        _fail(f"{exc}; nothing written", 1)
    chosen = selection.packs
    try:
        if output is None:
            text, result = module.export_text(chosen)
            click.echo(text, nl=False)
        else:
            result = module.export_packs(chosen, output)
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror or exc}", 1)
    total = sum(len(p.questions) for p in chosen)
    where = f" to {', '.join(result.files)}" if result.files else ""
    of_all = f" (chosen from {selection.total})" if total != selection.total else ""
    click.echo(f"exported {result.written} of {total} questions{of_all} from {len(chosen)} pack(s){where}", err=True)
    for note in selection.notes:
        click.echo(f"  note: {note}", err=True)
    for s in result.skipped:
        click.echo(f"  skipped {s.name}: {s.reason}", err=True)
