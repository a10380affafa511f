"""Kahoot quiz spreadsheets: the .xlsx template Kahoot imports, and its CSV form.

The template has a few title rows, then a header row ("Question - max 120
characters", "Answer 1 - max 75 characters" ... "Answer 4", "Time limit (sec)",
"Correct answer(s) - choose at least one") and one question a row. The header
is found by its text, not by its row number, so edited templates still read.

Reading a row: two to four answers (blank ones are left out); the correct
answer(s) are numbers, ``1,3`` (or ``1; 3``) meaning several, which makes a
pick-all-that-apply question; two answers that are exactly True and False make
a true/false question. The time limit is ignored: our rounds have their own
timer, and a time is not an explanation. A row that cannot be a question is
skipped and reported with its row number and the reason.

Writing: multiple choice, pick-all-that-apply and true/false questions with at
most four answers, within Kahoot's length limits; anything else is skipped and
counted.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from quiz.errors import FileProblem
from quiz.formats.base import OLD_EXCEL, ExportResult, ImportResult, Skipped, refuse_placeholder
from quiz.formats.naming import TakenIds, short_name, slug, unique_id
from quiz.model import MULTI_SELECT, MULTIPLE_CHOICE, TRUE_FALSE, Pack, PackInfo, Question
from quiz.qtypes import TYPES
from quiz.qtypes.true_false import truth_of
from quiz.textfile import decode_utf8, max_file_bytes, read_bytes

NAME = "kahoot"
DESCRIPTION = "Kahoot quiz spreadsheet (.xlsx template, or the same table as .csv)"
SUFFIX = ".xlsx"
#: Read in order: an export puts no two questions on one fact side by side.
SEQUENTIAL = True

QUESTION_MAX = 120
ANSWER_MAX = 75
DEFAULT_TIME = 20
#: Rows read at most: a quiz has a few hundred at most, a hostile sheet a million.
MAX_ROWS = 5000
#: How far down the header row may be.
HEADER_SEARCH_ROWS = 50

HEADER = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)


# --- reading ----------------------------------------------------------------


def import_file(path: Path) -> ImportResult:
    return import_bytes(read_bytes(path, "spreadsheet"), str(path))


#: Suffixes of workbooks: a file named so must be one, whatever else it could be read as.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls")


def import_bytes(data: bytes, name: str) -> ImportResult:
    """A workbook (zip) or CSV text, told apart by the first bytes."""
    refuse_placeholder(data, name, "a spreadsheet")
    if data.startswith(b"PK"):
        rows, formulas = _xlsx_rows(data, name)
        return _import_rows(rows, name, formulas)
    if data.startswith(OLD_EXCEL):
        raise FileProblem(name, "this is an old-style Excel workbook (.xls); open it and save it as .xlsx or .csv", 1)
    if name.lower().endswith(WORKBOOK_SUFFIXES):
        raise FileProblem(
            name,
            "this is not a spreadsheet: an .xlsx workbook is a zip file, and this file is not one "
            "(was it renamed, or saved as something else?)",
            1,
        )
    return import_text(decode_utf8(data, name), name)


def import_text(text: str, name: str) -> ImportResult:
    """The template saved as CSV (comma, semicolon or tab separated)."""
    if "\x00" in text:
        raise FileProblem(name, "the file contains a NUL byte; it is not a CSV file")
    return _import_rows(_csv_rows(text), name)


def _csv_rows(text: str) -> Iterable[tuple[int, list[Any]]]:
    header_line = next((line for line in text.splitlines() if "question" in line.lower()), "")
    # Spreadsheets in some languages save CSV with semicolons.
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row_number = 0
    try:
        for row in reader:
            row_number += 1
            yield row_number, row
    except csv.Error as exc:
        raise _CsvError(row_number + 1, str(exc)) from None


class _CsvError(Exception):
    def __init__(self, row: int, message: str):
        super().__init__(message)
        self.row = row


#: A workbook's zip directory bigger than this is refused before Python's zipfile reads it:
#: every entry costs a few hundred bytes of memory there, and a spreadsheet has a few dozen.
MAX_ZIP_DIRECTORY = 1 << 20
MAX_ZIP_ENTRIES = 5000
#: Real workbook parts (XML) shrink about 5 to 20 times when zipped; a part that
#: shrank over 100 times is a "zip bomb" made to unpack to far more than it looks.
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 1 << 20


def _zip_directory(data: bytes) -> tuple[int, int] | None:
    """(entries, directory bytes) from the zip's end record, or None when it has none."""
    # The end record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or len(data) < at + 22:
        return None
    entries = int.from_bytes(data[at + 10 : at + 12], "little")
    size = int.from_bytes(data[at + 12 : at + 16], "little")
    return entries, size


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """The workbook's zip, once its directory and its parts' sizes look like a spreadsheet's."""
    damaged = (
        "this is not a readable .xlsx workbook (the zip container is damaged);"
        " open it in a spreadsheet and save it again"
    )
    directory = _zip_directory(data)
    if directory is None:
        raise FileProblem(name, damaged)
    entries, size = directory
    # 0xFFFF entries means a ZIP64 archive, which only workbooks far over the size cap need.
    if entries > MAX_ZIP_ENTRIES or size > MAX_ZIP_DIRECTORY:
        raise FileProblem(
            name,
            f"this zip holds {'over ' if entries == 0xFFFF else ''}{entries:,} parts in a "
            f"{size:,}-byte directory; a spreadsheet has a few dozen, so it is not opened",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise FileProblem(name, damaged) from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise FileProblem(
            name, f"this zip holds {len(infos):,} parts; a spreadsheet has a few dozen, so it is not opened"
        )
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names and not any(n.endswith("/workbook.xml") for n in names):
        raise FileProblem(
            name,
            "this is not a readable .xlsx workbook: the zip holds no xl/workbook.xml; save the quiz from "
            "Excel, LibreOffice or Google Sheets as .xlsx, or as .csv",
        )
    # A small zip can unpack to gigabytes; refuse before openpyxl tries. The declared
    # sizes can be trusted: zipfile never reads a part past its declared size.
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_file_bytes():
        raise FileProblem(
            name,
            f"the workbook unpacks to {unpacked:,} bytes, over the {max_file_bytes():,}-byte limit "
            "(set QUIZ_MAX_FILE_BYTES to allow bigger files)",
        )
    for info in infos:
        if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FileProblem(
                name,
                f"the workbook's part {info.filename} unpacks to {info.file_size:,} bytes from "
                f"{info.compress_size:,}, over {MAX_RATIO} times its packed size, which real "
                'spreadsheets never are (a "zip bomb"); it is not opened',
            )
    for info in infos:
        _check_part(archive, info, name)
    return archive


#: Workbook XML parts bigger than this are refused: openpyxl reads shared strings
#: whole, and a quiz sheet of MAX_ROWS rows is a few MB.
MAX_PART_BYTES = 16 << 20
#: openpyxl reads a whole sheet up front to find its size unless a <dimension>
#: element comes first (Excel, LibreOffice and Google Sheets write one); without
#: it, only a sheet this small is read (about a second of parsing).
MAX_UNSIZED_SHEET_BYTES = 4 << 20


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    part = info.filename
    if not part.endswith(".xml"):
        return
    if info.file_size > MAX_PART_BYTES:
        raise FileProblem(
            name,
            f"the workbook's part {part} unpacks to {info.file_size:,} bytes; a Kahoot quiz "
            f"(at most {MAX_ROWS:,} rows are read) needs far less. Save only the quiz, as .xlsx or .csv",
        )
    if "worksheets/" in part and info.file_size > MAX_UNSIZED_SHEET_BYTES:
        try:
            with archive.open(info) as fh:
                head = fh.read(64 << 10)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
            raise FileProblem(name, f"this .xlsx workbook is damaged (its part {part} cannot be unpacked)") from None
        sheet_data = head.find(b"sheetData")
        dimension = head.find(b"dimension")
        if dimension < 0 or (0 <= sheet_data < dimension):
            raise FileProblem(
                name,
                f"the sheet {part} is {info.file_size:,} bytes unpacked and does not say its size "
                "at its start, so all of it would have to be read; open the workbook in a "
                "spreadsheet and save it again, or save the quiz as .csv",
            )


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether any sheet holds a formula (a cell read as empty when its result was never saved)."""
    for info in archive.infolist():
        if "worksheets/" in info.filename and info.filename.endswith(".xml"):
            try:
                with archive.open(info) as fh:
                    part = fh.read(MAX_PART_BYTES)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
                continue  # a damaged part: openpyxl says so next
            if re.search(rb"<(?:\w+:)?f[ >/]", part):
                return True
    return False


def _xlsx_rows(data: bytes, name: str) -> tuple[list[tuple[int, list[Any]]], bool]:
    """The rows of the first sheet with a Kahoot header, and whether the workbook holds formulas."""
    formulas = _has_formulas(_open_zip(data, name))
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for damaged workbooks
        raise FileProblem(name, f"this is not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        for ws in wb.worksheets:
            rows: list[tuple[int, list[Any]]] = []
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    break
                rows.append((number, list(row)))
            if _find_header(rows) is not None:
                return rows, formulas
        return [], formulas
    except FileProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - cells are parsed lazily in read-only mode
        raise FileProblem(name, f"this .xlsx workbook is damaged ({type(exc).__name__})") from None
    finally:
        wb.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _find_header(rows: list[tuple[int, list[Any]]]) -> tuple[int, dict[str, int]] | None:
    """The header row's position and which column holds what."""
    for position, (_, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for index, value in enumerate(row):
            text = _cell(value).lower()
            if text.startswith("question"):
                columns.setdefault("question", index)
            elif text.startswith("time limit"):
                columns.setdefault("time", index)
            elif text.startswith("correct answer"):
                columns.setdefault("correct", index)
            else:
                match = re.match(r"answer\s*([1-4])\b", text)
                if match:
                    columns.setdefault(f"answer{match.group(1)}", index)
        if {"question", "correct", "answer1", "answer2"} <= columns.keys():
            return position, columns
    return None


def _import_rows(rows_in: Iterable[tuple[int, list[Any]]], name: str, formulas: bool = False) -> ImportResult:
    try:
        rows = []
        for number, row in rows_in:
            if number > MAX_ROWS:
                break
            rows.append((number, row))
    except _CsvError as exc:
        raise FileProblem(name, f"this is not a readable CSV file: {exc}", exc.row) from None
    found = _find_header(rows)
    if found is None:
        ours = any(row[:4] == ["id", "pack", "category", "type"] for _, row in rows[:3])
        hint = "; this is the quiz's own CSV export: import it with --format csv" if ours else ""
        raise FileProblem(
            name,
            "no Kahoot header row found (a row with 'Question', 'Answer 1', 'Answer 2' and "
            f"'Correct answer(s)' columns, as in Kahoot's quiz template){hint}",
        )
    position, columns = found
    pack_id = slug(Path(name).stem) or "kahoot"
    taken: set[str] = TakenIds()
    questions: list[Question] = []
    skipped: list[Skipped] = []
    for number, row in rows[position + 1 :]:
        cells = [_cell(v) for v in row]
        answers = [_column(cells, columns, f"answer{i}") for i in range(1, 5)]
        prompt = _column(cells, columns, "question")
        if not prompt and not any(answers):
            continue  # a blank row, or just a number in the first column
        label = short_name(prompt) if prompt else f"row {number}"
        try:
            q = _row_question(prompt, answers, _column(cells, columns, "correct"), pack_id, taken)
        except _Bad as exc:
            skipped.append(Skipped(label, number, str(exc), unit="row"))
            continue
        questions.append(replace(q, line=number))
    info = PackInfo(
        id=pack_id, title=Path(name).stem, description=f"Imported from the Kahoot spreadsheet {Path(name).name}."
    )
    warnings = []
    if not questions and not skipped:
        # Otherwise "0 imported, 0 skipped" with no reason.
        header_row = rows[position][0]
        if formulas:
            warnings.append(
                f"every row below the header is empty (the header is row {header_row}); this workbook "
                "holds formulas, and a formula's cell reads as empty unless the spreadsheet saved its "
                "result, so open the file in a spreadsheet and save it again"
            )
        else:
            warnings.append(
                f"every row below the header is empty: the header is row {header_row}, but no question "
                f"follows it; write one question a row from row {header_row + 1}, with its answers and "
                "the number of the correct one"
            )
    return ImportResult(Pack(info=info, questions=questions), skipped, warnings, unit="row")


def _column(cells: list[str], columns: dict[str, int], key: str) -> str:
    """A row's cell in a header column, or "" when the column is absent or the row short."""
    index = columns.get(key)
    return cells[index] if index is not None and index < len(cells) else ""


class _Bad(Exception):
    pass


def _correct_numbers(text: str) -> list[int]:
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    if not parts:
        raise _Bad("no correct answer is chosen")
    numbers = []
    for part in parts:
        if not re.fullmatch(r"[1-4](\.0+)?", part):
            raise _Bad(f"the correct answer(s) {text!r} must be numbers from 1 to 4, like 1 or 1,3")
        numbers.append(int(float(part)))
    return sorted(set(numbers))


def _row_question(prompt: str, answers: list[str], correct_text: str, pack_id: str, taken: set[str]) -> Question:
    if not prompt:
        raise _Bad("the question is empty")
    numbers = _correct_numbers(correct_text)
    for n in numbers:
        if not answers[n - 1]:
            raise _Bad(f"correct answer {n} points at an empty answer")
    choices = [a for a in answers if a]
    if len(choices) < 2:
        raise _Bad("a question needs at least two answers")
    if len({c.casefold() for c in choices}) != len(choices):
        raise _Bad("two answers are the same")
    right = [answers[n - 1] for n in numbers]
    qid = unique_id(slug(prompt) or "question", taken)
    common: dict[str, Any] = {
        "id": qid,
        "category": "general",
        "prompt": prompt,
        "difficulty": "medium",
        "pack": pack_id,
    }
    if sorted(c.lower() for c in choices) == ["false", "true"]:
        if len(right) != 1:
            raise _Bad("both True and False are marked correct")
        return Question(type=TRUE_FALSE, answers=(right[0].lower(),), **common)
    if len(right) == 1:
        return Question(type=MULTIPLE_CHOICE, choices=tuple(choices), answers=tuple(right), **common)
    return Question(type=MULTI_SELECT, choices=tuple(choices), answers=tuple(right), **common)


# --- writing ----------------------------------------------------------------

#: Rows 1 to 7 of Kahoot's own template ("KahootQuizTemplate.xlsx"): title and notes above
#: the header, which is row 8; questions start on row 9, numbered in column A. Tools that
#: fill in the official template write from row 9 too, and Kahoot reads the sheet so.
_TITLE_ROWS: tuple[tuple[str | None, ...], ...] = (
    (),
    (None, "Quiz template"),
    (None, "Questions exported from the Tour de France docuseries quiz."),
    (None, "Each row: a question, two to four answers, a time limit and the number(s) of the correct answer(s)."),
    (),
    (),
    (),
)
HEADER_ROW = len(_TITLE_ROWS) + 1


def export_packs(packs: list[Pack], out: Path | None) -> ExportResult:
    if out is None:
        raise ValueError("a Kahoot spreadsheet is a binary file; give an output file")
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in _TITLE_ROWS:
        ws.append(list(row))
    ws.append([None, *HEADER])
    written = 0
    skipped: list[Skipped] = []
    for pack in packs:
        for q in pack.questions:
            try:
                answers, correct = _kahoot_answers(q)
            except _Bad as exc:
                skipped.append(Skipped(q.id, q.line, str(exc)))
                continue
            written += 1
            cells = answers + [None] * (4 - len(answers))
            ws.append([written, q.prompt, *cells, DEFAULT_TIME, ",".join(str(n) for n in correct)])
    # A fixed date keeps the same packs giving the same file.
    wb.properties.created = wb.properties.modified = datetime.datetime(2022, 1, 1)
    wb.save(out)
    return ExportResult(written=written, skipped=skipped, files=[str(out)])


def _kahoot_answers(q: Question) -> tuple[list[str], list[int]]:
    if q.type == TRUE_FALSE:
        answers = ["True", "False"]
        correct = [1 if truth_of(q) else 2]
    elif q.type in (MULTIPLE_CHOICE, MULTI_SELECT):
        answers = list(q.choices)
        if len(answers) > 4:
            raise _Bad(f"Kahoot allows at most 4 answers; this question has {len(answers)}")
        correct = [answers.index(a) + 1 for a in q.answers if a in answers]
    else:
        raise _Bad(f"Kahoot quizzes have no '{TYPES[q.type].title}' questions")
    if len(q.prompt) > QUESTION_MAX:
        raise _Bad(f"the question is {len(q.prompt)} characters; Kahoot allows {QUESTION_MAX}")
    long = [a for a in answers if len(a) > ANSWER_MAX]
    if long:
        raise _Bad(f"the answer {short_name(long[0], 5)!r} is over Kahoot's {ANSWER_MAX} characters")
    return answers, correct
