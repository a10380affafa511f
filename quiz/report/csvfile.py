"""A report table as CSV: one file per table, each one header row and its rows.

One table per file because that is what every spreadsheet, gradebook import and
data tool expects: a teacher can sort and filter it straight away, where a file
of stacked sections would mix the tables' columns. The xlsx report holds all
three tables in one file for whoever prefers that.

Written as UTF-8 with a byte-order mark: Excel reads a CSV file without one in
the computer's legacy code page and mangles every accent (Pogačar, Télévisions).
Numbers are plain numbers (a dot for decimals), percentages are written "67%"
(which spreadsheets read as a percentage), right or wrong as "yes"/"no", and
text that a spreadsheet would run as a formula is escaped (``quiz.report.cells``).
"""

from __future__ import annotations

import csv
import io

from quiz.report.cells import csv_text
from quiz.report.tables import TEXT, Table, cell_text

ENCODING = "utf-8-sig"


def render_csv(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    # \r\n is what RFC 4180 and Excel expect.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_text(c.title) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            [
                csv_text(str(value)) if column.kind == TEXT and value is not None else cell_text(value, column.kind)
                for column, value in zip(table.columns, row)
            ]
        )
    return buffer.getvalue().encode(ENCODING)


__all__ = ["ENCODING", "render_csv"]
