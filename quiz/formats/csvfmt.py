"""CSV: one row per question, for a spreadsheet; written and read back with every field.

Written as UTF-8 with a byte-order mark ("utf-8-sig"): Excel reads a CSV file
without one in the computer's legacy code page and mangles every accent, while
LibreOffice, Google Sheets and Python simply skip the mark.

The columns follow the pack format, so a row says what a question in a pack
says::

    id, pack, category, type, difficulty, prompt,
    choices, answers,          # multiple choice, multi-select, true/false, type-in, numeric
    items,                     # ordering: the items in the right order
    pairs,                     # matching: "left → right" pairs
    tolerance, range, unit,    # numeric: "8" with tolerance "1", or range "6..10"
    explanation, facts, source_seed, source_quote

Lists (choices, answers, items, pairs, facts) are joined with `` | ``; a ``|``
or ``→`` inside an item is written ``\\|`` or ``\\→`` (and a backslash ``\\\\``),
so every item reads back as written. A cell that a spreadsheet would take for
a formula (starting with = + - @) gets a leading apostrophe, the usual guard
against formula injection, which reading takes off again; plain negative
numbers are left alone.

Reading accepts what a spreadsheet saves: comma, semicolon or tab separated,
columns in any order, the ``id``, ``pack``, ``category`` and ``difficulty``
columns optional (an id is made from the prompt, the category is "general").
Each row is checked like a JSON question; a row that cannot be a question is
skipped with its row number and the reason.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from quiz.errors import FileProblem
from quiz.formats.base import ExportResult, ImportResult, read_import_text, write_text_export
from quiz.formats.jsonfmt import BadQuestion, import_items
from quiz.formats.naming import TakenIds, short_name, slug, unique_id
from quiz.model import MATCHING, NUMERIC, ORDERING, Pack, Question

NAME = "csv"
DESCRIPTION = "CSV table, one row per question, every field (UTF-8 with BOM, opens in Excel; import and export)"
SUFFIX = ".csv"

COLUMNS = (
    "id",
    "pack",
    "category",
    "type",
    "difficulty",
    "prompt",
    "choices",
    "answers",
    "items",
    "pairs",
    "tolerance",
    "range",
    "unit",
    "explanation",
    "facts",
    "source_seed",
    "source_quote",
)
REQUIRED = ("type", "prompt")
JOINER = " | "
ARROW = "→"
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")
_FORMULA_START = ("=", "+", "@", "\t", "\r")


# --- cells --------------------------------------------------------------------


def _safe(cell: str) -> str:
    """A cell no spreadsheet takes for a formula; an apostrophe already there is doubled, so it reads back."""
    first = cell[:1]
    risky = first in _FORMULA_START or (first == "-" and not _NUMBER.fullmatch(cell))
    if risky or (first == "'" and _unguard(cell) != cell):
        return "'" + cell
    return cell


def _unguard(cell: str) -> str:
    """Undo :func:`_safe`: drop the apostrophe put before a formula-like cell."""
    if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "'"):
        return cell[1:]
    return cell


def _escape_item(text: str, arrow: bool = False) -> str:
    text = str(text).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace(ARROW, "\\" + ARROW) if arrow else text


def _join(items, arrow: bool = False) -> str:
    return JOINER.join(_escape_item(i, arrow) for i in items)


def _split(cell: str, sep: str = "|") -> list[str]:
    """Split on every unescaped ``sep``; escapes are kept (resolved by :func:`_unescape`)."""
    parts, current, i = [], [], 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell):
            current.append(cell[i : i + 2])
            i += 2
            continue
        if cell.startswith(sep, i):
            parts.append("".join(current))
            current = []
            i += len(sep)
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\|→])", r"\1", text)


def _items(cell: str) -> list[str]:
    if not cell.strip():
        return []
    return [_unescape(part.strip()) for part in _split(cell)]


def _pair(cell: str) -> dict[str, str]:
    sep = ARROW if _split(cell, ARROW)[1:] else "->"
    left, *right = _split(cell, sep)
    if not right:
        raise BadQuestion(f"the pair {_unescape(cell.strip())!r} has no '{ARROW}' between its two sides")
    return {"left": _unescape(left.strip()), "right": _unescape(sep.join(right).strip())}


_DECIMAL_COMMA = re.compile(r"\s*-?\d+,\d+\s*")


def _decimal(text: str, comma: bool) -> str:
    """A number as a spreadsheet in a comma-decimal language saves it ("0,5") read as "0.5"."""
    return text.replace(",", ".") if comma and _DECIMAL_COMMA.fullmatch(text) else text


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e16 else repr(float(value))


# --- export -------------------------------------------------------------------


def question_row(q: Question, pack_id: str) -> list[str]:
    """One question's cells, in the order of COLUMNS."""
    answers: tuple[str, ...] = q.answers
    items: tuple[str, ...] = ()
    pairs = ""
    tolerance = range_ = ""
    if q.type == ORDERING:
        answers, items = (), q.answers
    elif q.type == MATCHING:
        answers = ()
        pairs = JOINER.join(
            f"{_escape_item(left, True)} {ARROW} {_escape_item(right, True)}" for left, right in q.pairs
        )
    elif q.type == NUMERIC:
        if q.low is not None and q.high is not None:
            answers, range_ = (), f"{_number(q.low)}..{_number(q.high)}"
        elif q.tolerance:
            tolerance = _number(q.tolerance)
    row = [
        q.id,
        q.pack or pack_id,
        q.category,
        q.type,
        q.difficulty,
        q.prompt,
        _join(q.choices),
        _join(answers),
        _join(items),
        pairs,
        tolerance,
        range_,
        q.unit,
        q.explanation,
        _join(q.facts),
        q.source.seed if q.source else "",
        q.source.quote if q.source else "",
    ]
    return [_safe(cell) for cell in row]


def export_text(packs: list[Pack]) -> tuple[str, ExportResult]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    written = 0
    for pack in packs:
        for q in pack.questions:
            writer.writerow(question_row(q, pack.id))
            written += 1
    return buffer.getvalue(), ExportResult(written=written)


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    return write_text_export(*export_text(packs), out, encoding="utf-8-sig")


# --- import -------------------------------------------------------------------


def _header_of(text: str) -> tuple[str, list[str]]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    # Spreadsheets in some languages save CSV with semicolons.
    delimiter = max(",;\t", key=first.count)
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error:
        header = []
    return delimiter, [cell.strip().lower() for cell in header]


def looks_like_ours(text: str) -> bool:
    """True when CSV text starts with this format's header (not, say, a Kahoot sheet saved as CSV)."""
    _, header = _header_of(text)
    return all(column in header for column in REQUIRED)


def import_file(path: Path) -> ImportResult:
    return import_text(read_import_text(path, "a CSV file"), str(path))


def import_text(text: str, name: str) -> ImportResult:
    if "\x00" in text:
        raise FileProblem(name, "the file contains a NUL byte; it is not a CSV file")
    delimiter, header = _header_of(text)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise FileProblem(
            name,
            f"the first row should name the columns, {', '.join(REQUIRED)} among them (as `quiz export --format csv` "
            f"writes); it has no {' or '.join(repr(m) for m in missing)} column",
            1,
        )
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    entries: list[tuple[int, int, Any]] = []
    taken = TakenIds()
    rows = 0
    try:
        for row_number, row in enumerate(reader, start=1):
            rows = row_number
            if row_number == 1 or not any(cell.strip() for cell in row):
                continue  # the header, or an empty row
            cells = {column: _unguard(row[i]) if i < len(row) else "" for i, column in enumerate(header) if column}
            try:
                item: Any = _item(cells, taken, decimal_comma=delimiter == ";")
            except BadQuestion as exc:
                exc.label = short_name(cells.get("id", "").strip() or cells.get("prompt", ""))
                item = exc  # skipped with its reason, like any question that cannot be read
            entries.append((row_number, row_number, item))
    except csv.Error as exc:
        raise FileProblem(name, f"this is not a readable CSV file: {exc}", rows + 1) from None
    result = import_items(entries, name, unit="row")
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        result.warnings.append(
            f"ignored the column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}: "
            f"the columns read are {', '.join(COLUMNS)}"
        )
    return result


def _item(cells: dict[str, str], taken: set[str], decimal_comma: bool = False) -> dict[str, Any]:
    """A row as the interchange shape that jsonfmt checks and converts; BadQuestion when it cannot be one."""

    def get(column: str) -> str:
        return cells.get(column, "")

    qtype = get("type").strip()
    prompt = get("prompt")
    qid = get("id").strip()
    if qid:
        taken.add(qid)
    else:
        qid = unique_id(slug(prompt) or "question", taken)
    item: dict[str, Any] = {
        "id": qid,
        "pack": get("pack").strip(),
        "category": get("category").strip() or "general",
        "type": qtype,
        "difficulty": get("difficulty").strip() or "medium",
        "prompt": prompt,
        "choices": _items(get("choices")),
        "answers": _items(get("answers")),
        "explanation": get("explanation"),
        "facts": _items(get("facts")),
    }
    if qtype == "true_false":
        # Spreadsheets write TRUE and FALSE in capitals.
        item["answers"] = [a.casefold() for a in item["answers"]]
    if qtype == ORDERING and get("items").strip():
        item["answers"] = _items(get("items"))
    if qtype == MATCHING:
        pairs = [_pair(p) for p in _split(get("pairs"))] if get("pairs").strip() else []
        if not pairs and item["answers"]:  # pairs written in the answers column by hand
            pairs = [_pair(p) for p in _split(get("answers"))]
        item["pairs"] = pairs
    if qtype == NUMERIC:
        item["unit"] = get("unit").strip()
        item["answers"] = [_decimal(a, decimal_comma) for a in item["answers"]]
        if get("tolerance").strip():
            item["tolerance"] = _decimal(get("tolerance").strip(), decimal_comma)
        if get("range").strip():
            low, sep, high = get("range").partition("..")
            if not sep:
                raise BadQuestion(f"the range {get('range').strip()!r} should read low..high, like 6..10")
            item["range"] = [_decimal(low.strip(), decimal_comma), _decimal(high.strip(), decimal_comma)]
    seed, quote = get("source_seed").strip(), get("source_quote")
    if seed or quote.strip():
        item["source"] = {"seed": seed, "quote": quote}
    return item
