"""``quiz export --format FORMAT [PACK...] [-o FILE]``: packs to other formats.

PACK is a pack id, or a pack file or folder; none means every valid pack
found. Text formats go to standard output without ``-o``; binary ones (Anki,
Kahoot) need it. An existing output file is replaced: exports are generated
files, made again whenever a pack changes. Messages go to standard error, so
the exported text can be piped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quiz.formats import FORMATS, get_format
from quiz.model import Pack


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


def _fail(message: str, code: int) -> None:
    click.echo(message, err=True)
    sys.exit(code)


def resolve_packs(names: tuple[str, ...]) -> list[Pack]:
    """The packs named (ids, files or folders), or every valid pack; exits on a bad name."""
    from quiz import catalog

    if not names:
        packs = [e.pack for e in catalog.winners(catalog.discover()) if e.pack is not None]
        if not packs:
            _fail("no valid pack found; name a pack file or folder", 1)
        return sorted(packs, key=lambda p: p.id)
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


@click.command("export")
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option("-f", "--format", "fmt", metavar="FORMAT", help="json, gift, aiken, csv, anki, kahoot, markdown or html (guessed from -o's suffix).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="The file to write (default: standard output, for text formats).")
def command(packs: tuple[str, ...], fmt: str | None, output: Path | None) -> None:
    """Write packs as JSON, GIFT, Aiken, CSV, an Anki deck, a Kahoot sheet or a worksheet.

    PACK is a pack id, a pack file or a folder of packs; with none, every valid
    pack found is exported. Questions a format cannot hold are left out and
    listed. Exit status: 0 on success, 1 when a pack or the output has a
    problem, 2 for a usage mistake (unknown format or pack id).
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

    chosen = resolve_packs(packs)
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
    click.echo(f"exported {result.written} of {total} questions from {len(chosen)} pack(s){where}", err=True)
    for s in result.skipped:
        click.echo(f"  skipped {s.name}: {s.reason}", err=True)
