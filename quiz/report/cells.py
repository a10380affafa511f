"""Text that goes into a spreadsheet cell, made safe: it is shown, never run.

A spreadsheet takes a cell that starts with ``=``, ``+``, ``-`` or ``@`` for a
formula (and some read one after a tab or carriage return), so a player named
``=cmd|calc`` could run a command on the teacher's computer when the CSV is
opened. Such text gets a leading apostrophe, which spreadsheets read as "this
is text" (OWASP's advice for CSV injection). A plain number written as text,
such as the answer ``-12``, is left alone: it cannot run and stays readable.
Only text goes through here; numbers (points, times) are written as numbers.

In an xlsx file the cell's type says text, which no spreadsheet evaluates; the
writer also sets the cell's "quote prefix" (Excel's own apostrophe) so the text
stays text when someone edits it.
"""

from __future__ import annotations

import re

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?")
# What XML 1.0 (so xlsx) cannot hold: control characters other than tab, newline and carriage return.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def csv_text(text: str) -> str:
    """``text`` for a CSV cell: an apostrophe first when a spreadsheet would take it for a formula."""
    return "'" + text if looks_like_formula(text) else text


def xml_text(text: str) -> str:
    """``text`` with the characters an xlsx file cannot hold replaced by U+FFFD (the usual mark)."""
    return _NOT_XML.sub("\ufffd", text)


__all__ = ["FORMULA_STARTS", "csv_text", "looks_like_formula", "xml_text"]
