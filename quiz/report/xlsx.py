"""A report as an Excel workbook (openpyxl): one sheet per table, and a chart of % right per question.

Each sheet has a bold header row frozen in place with filter buttons, columns
as wide as their content (up to a limit, beyond which text wraps), percentages
stored as fractions and shown as percentages, times as seconds with one
decimal, and prints one page wide. Text cells are typed
as text, so nothing a player typed can run as a formula (``quiz.report.cells``).
A last sheet, "Game", says which game this is.
"""

from __future__ import annotations

import io
import textwrap

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from quiz.report.cells import looks_like_formula, xml_text
from quiz.report.tables import COUNT, PERCENT, SECONDS, TEXT, YES_NO, Cell, Column, Report, Table, cell_text

#: Columns are at least this wide and at most this wide (in characters); longer text wraps onto taller rows.
MIN_WIDTH = 6
MAX_WIDTH = 60
NUMBER_FORMATS = {PERCENT: "0%", SECONDS: "0.0", COUNT: "0"}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
HEADER_BORDER = Border(bottom=Side(style="medium"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
#: Height of a line of text in points (the default font, 11 pt Calibri, is 15 pt a line).
LINE = 15.0


def _put(cell: SheetCell, value: Cell, kind: str) -> None:
    if value is None:
        return
    if kind == TEXT:
        text = xml_text(str(value))
        cell.value = text
        # Assigning text that starts with "=" makes openpyxl write a formula: the type says text instead.
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
        return
    if kind == YES_NO:
        cell.value = "yes" if value else "no"
        return
    cell.value = value
    cell.number_format = NUMBER_FORMATS[kind]


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    return max(1, sum(len(textwrap.wrap(part, max(1, int(width) - 2))) or 1 for part in text.splitlines() or [""]))


def _width(column: Column, values: list[Cell]) -> int:
    """Room for the longest cell; a number column's header wraps at its words instead of widening it."""
    header = len(column.title) if column.kind == TEXT else max(len(w) for w in column.title.split())
    longest = max([header] + [len(cell_text(v, column.kind)) for v in values])
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def _sheet(ws: Worksheet, table: Table) -> None:
    for col, column in enumerate(table.columns, start=1):
        cell = ws.cell(row=1, column=col)
        _put(cell, column.title, TEXT)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = WRAP
    widths = [_width(column, [row[i] for row in table.rows]) for i, column in enumerate(table.columns)]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = LINE * max(_lines(c.title, w) for c, w in zip(table.columns, widths))
    for r, row in enumerate(table.rows, start=2):
        lines = 1
        cells = []
        for col, (column, value) in enumerate(zip(table.columns, row), start=1):
            cell = ws.cell(row=r, column=col)
            cells.append(cell)
            _put(cell, value, column.kind)
            if column.kind == TEXT and value is not None and len(str(value)) > widths[col - 1] - 2:
                cell.alignment = WRAP  # a long prompt or answer shows whole, on several lines
                lines = max(lines, _lines(str(value), widths[col - 1]))
        if lines > 1:
            # Spreadsheets do not all grow a row to fit wrapped text by themselves; its other cells line up at the top.
            ws.row_dimensions[r].height = LINE * lines
            for cell in cells:
                if not cell.alignment.wrap_text:
                    cell.alignment = TOP
    ws.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    ws.print_title_rows = "1:1"  # the header on every printed page
    _fit_to_page_width(ws, landscape=True)


def _fit_to_page_width(ws: Worksheet, landscape: bool) -> None:
    """Printed as wide as one page, as many pages long as it takes."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _chart(ws: Worksheet, table: Table) -> None:
    """A bar per question, its height the share who got it right."""
    n = len(table.rows)
    if not n:
        return
    number_col = table.column("No.") + 1
    right_col = table.column("% right") + 1
    chart = BarChart()
    chart.type = "col"
    chart.title = "% right per question"
    chart.y_axis.title = "% right"
    chart.x_axis.title = "Question"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorUnit = 0.25
    # openpyxl hides both axes unless told otherwise.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    chart.add_data(Reference(ws, min_col=right_col, min_row=1, max_row=n + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=number_col, min_row=2, max_row=n + 1))
    chart.width = max(15.0, min(40.0, 1.2 * n))  # centimetres: room for every bar's label
    chart.height = 8.0
    # Below the table rather than beside it: the table is wide, and a page printed to its width keeps the chart legible.
    ws.add_chart(chart, f"B{n + 3}")


def _game_sheet(ws: Worksheet, report: Report) -> None:
    _put(ws.cell(row=1, column=1), report.title, TEXT)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for r, (label, value) in enumerate(report.details, start=3):
        _put(ws.cell(row=r, column=1), label, TEXT)
        ws.cell(row=r, column=1).font = HEADER_FONT
        _put(ws.cell(row=r, column=2), value, TEXT)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = min(MAX_WIDTH, max([20] + [len(v) + 2 for _, v in report.details]))
    for r in range(3, len(report.details) + 3):
        ws.cell(row=r, column=2).alignment = WRAP
    _fit_to_page_width(ws, landscape=False)


def render_xlsx(report: Report) -> bytes:
    wb = Workbook()
    wb.properties.title = xml_text(report.title)
    wb.properties.creator = "tdf-quiz"
    first = wb.active
    assert first is not None
    wb.remove(first)
    for table in report.tables:
        ws = wb.create_sheet(table.name)
        _sheet(ws, table)
        if table is report.questions:
            _chart(ws, table)
    _game_sheet(wb.create_sheet("Game"), report)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


__all__ = ["render_xlsx"]
