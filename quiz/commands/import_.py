"""``quiz import [--format FORMAT] FILE [-o PACK.yaml]``: another format to a pack.

The pack goes to ``-o``, or by default to ``<input name>.yaml`` in the current
folder (``--install`` puts it in the user's pack folder instead, where the game
finds it). An existing file is only replaced with ``--force``.

Before anything is written the pack is checked exactly as the game will check
it when loading: a question the validator refuses is left out and reported
like any other skipped question, so the file written always loads.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

import click

from quiz.errors import QuizError
from quiz.formats import FORMATS, get_format
from quiz.formats.base import ImportResult, Skipped
from quiz.model import Pack

#: Suffixes that say the format on their own (None: look inside). GIFT and Aiken
#: files both use ``.txt``, our CSV and Kahoot's ``.csv``, our JSON and Open
#: Trivia DB's ``.json``: for those the content decides.
SUFFIX_FORMATS = {".gift": "gift", ".aiken": "aiken", ".xlsx": "kahoot", ".csv": None, ".json": None, ".txt": None}
_AIKEN_ANSWER = re.compile(r"^ANSWER:\s*[A-Za-z]\s*$", re.MULTILINE)
_GIFT_MARKS = re.compile(r"^::|\{\s*[=~#]|\{\s*(?:T|F|TRUE|FALSE)\s*[}#]", re.MULTILINE)


def importer_names() -> list[str]:
    names = []
    for name in FORMATS:
        try:
            if hasattr(get_format(name), "import_file"):
                names.append(name)
        except ImportError:  # a format whose library is missing is simply not offered
            continue
    return names


def detect_format(path: Path) -> str | None:
    """The format a file's suffix (and, for .json, its content) says, or None."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        return None
    if suffix == ".txt":
        return _text_format(path)
    if suffix == ".csv":
        return _csv_format(path)
    if suffix != ".json":
        return SUFFIX_FORMATS[suffix]
    # Our own JSON export and Open Trivia DB dumps share the suffix.
    from quiz.formats import jsonfmt

    try:
        data, _ = jsonfmt.read_json(path)
    except QuizError:
        return "opentdb"  # its importer explains what is wrong with the file
    return "json" if jsonfmt.looks_like_export(data) else "opentdb"


def _csv_format(path: Path) -> str:
    """Our own CSV (a header with type and prompt columns) or a Kahoot sheet saved as CSV."""
    from quiz.formats import csvfmt
    from quiz.textfile import read_text

    try:
        text = read_text(path, "file")
    except QuizError:
        return "kahoot"  # its importer says what is wrong with the file
    return "csv" if csvfmt.looks_like_ours(text) else "kahoot"


def _text_format(path: Path) -> str | None:
    """Aiken or GIFT for a .txt file, when its content says so unambiguously."""
    from quiz.textfile import read_text

    try:
        text = read_text(path, "file")
    except QuizError:
        return "aiken"  # an unreadable file: the importer says why in its own words
    aiken, gift_ = bool(_AIKEN_ANSWER.search(text)), bool(_GIFT_MARKS.search(text))
    if aiken != gift_:
        return "aiken" if aiken else "gift"
    return None


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def checked(result: ImportResult, target: Path) -> tuple[Pack, list[Skipped], list[str], str]:
    """The pack as the validator accepts it: questions it refuses move to the skipped list.

    Returns the pack, the extra skipped questions, header errors (which no
    dropping of questions can fix), and the pack's YAML text as checked, which
    is what gets written (dumping a big pack again would cost as much again).
    """
    from quiz.packfile import dump_pack
    from quiz.validate import check_pack_data
    from quiz.yamlfile import parse_yaml

    pack = result.pack
    dropped: list[Skipped] = []
    for _ in range(3):  # dropping a question can only remove problems; three rounds is plenty
        text = dump_pack(pack, target)
        data = parse_yaml(text, str(target), "pack")
        errors = [p for p in check_pack_data(data, str(target), text) if p.severity == "error"]
        if not errors:
            return pack, dropped, [], text
        starts = [q.line for q in data.get("questions") or []]
        bad: dict[int, str] = {}
        header: list[str] = []
        for problem in errors:
            # The question the problem's line falls in (a search, not a scan: thousands of refused questions stay fast).
            index = bisect.bisect_right(starts, problem.line) - 1 if problem.line else -1
            if index < 0:
                header.append(problem.message)
            else:
                bad.setdefault(index, problem.message)
        if header:
            return pack, dropped, header, text
        for index in sorted(bad):
            q = pack.questions[index]
            dropped.append(Skipped(q.id, q.line, bad[index], result.unit))
        pack = replace(pack, questions=[q for i, q in enumerate(pack.questions) if i not in bad])
    return pack, dropped, ["the pack still fails validation after leaving out the questions it refused"], text


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-f", "--format", "fmt", metavar="FORMAT", help="The input's format (guessed from .gift, .xlsx, .csv and .json)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The pack file to write (default: <input name>.yaml here).",
)
@click.option("--install", is_flag=True, help="Write the pack into your pack folder, where the game finds it.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def command(file: Path, fmt: str | None, output: Path | None, install: bool, force: bool) -> None:
    """Convert GIFT, Aiken, Open Trivia DB, Kahoot, CSV or JSON questions to a pack.

    Prints how many questions were imported and, for each one left out, where
    it was and why. Exit status: 0 when the pack was written, 1 when the file
    could not be read or nothing could be imported, 2 for a usage mistake.
    """
    names = importer_names()
    if fmt is None:
        fmt = detect_format(file)
        if fmt is None:
            _fail(f"cannot tell the format of {file} from its name or content; give --format ({', '.join(names)})", 2)
    fmt = fmt.lower()
    if fmt not in names:
        _fail(f"unknown import format {fmt!r}; choose one of: {', '.join(names)}", 2)
    if output is not None and install:
        _fail("give either -o or --install, not both", 2)

    try:
        result = get_format(fmt).import_file(file)
    except QuizError as exc:
        _fail(str(exc), 1)
    if install:
        from quiz import locations

        target = locations.user_packs_dir() / f"{result.pack.id}.yaml"
    else:
        target = output if output is not None else Path(f"{file.stem}.yaml")
    if target.exists() and not force:
        _fail(f"{target} already exists; use --force to replace it", 1)

    pack, refused, header_errors, text = checked(result, target)
    skipped = [*result.skipped, *refused]
    click.echo(f"{len(pack.questions)} imported, {len(skipped)} skipped")
    # A hostile file can skip hundreds of thousands of questions, each with a
    # name as long as the file: the listing is capped and every line clipped.
    for s in skipped[:MAX_LISTED]:
        where = f" ({s.where})" if s.line else ""
        click.echo(clip(f"  skipped {s.name}{where}: {s.reason}"))
    if len(skipped) > MAX_LISTED:
        click.echo(f"  ... and {len(skipped) - MAX_LISTED:,} more skipped")
    for warning in result.warnings[:MAX_LISTED]:
        click.echo(clip(f"  note: {warning}"))
    if len(result.warnings) > MAX_LISTED:
        click.echo(f"  ... and {len(result.warnings) - MAX_LISTED:,} more notes")
    # An empty pack is also a header error for the validator; say it the import's way first.
    if not pack.questions:
        _fail(f"{file}: no question could be imported; nothing written", 1)
    if header_errors:
        _fail(clip(f"{file}: the pack cannot be written: {header_errors[0]}"), 1)

    try:
        _write_text(target, text)
    except OSError as exc:
        _fail(f"{target}: cannot write the pack: {exc.strerror or exc}", 1)
    click.echo(f"wrote {target}")


#: Skipped questions and notes listed one by one; the rest are counted.
MAX_LISTED = 50
#: Longest line printed about one question (its name or a quoted value can be megabytes).
MAX_LINE = 300


def clip(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def _write_text(target: Path, text: str) -> None:
    """Write the checked text atomically, as packfile.write_pack does (a crash never leaves half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
