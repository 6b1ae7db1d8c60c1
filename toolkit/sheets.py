"""Tables written for people (CSV and Excel) with no cell that a spreadsheet would run.

A cell whose text begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) is read by Excel, LibreOffice and Google Sheets as a formula:
``=HYPERLINK("http://...")`` planted in an article's title becomes a live link
in the coders' sheet. This is CSV (formula) injection, and the defence here is
OWASP's (https://owasp.org/www-community/attacks/CSV_Injection): such a cell is
written as text, in a CSV with a leading apostrophe (``'=HYPERLINK(...)``),
which spreadsheets show as text and hide; in an xlsx as a string cell with the
"quote prefix" style. A cell that is a plain number (``-3.2``, ``+1e-5``) is not
a formula and is left alone, so numeric columns stay numeric.
:func:`undo_formula_safe` removes the apostrophe again (``read_coding_sheet``
does so).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

__all__ = ["formula_safe", "formula_safe_frame", "make_csv_formula_safe", "undo_formula_safe"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?")


def formula_safe(value):
    """*value* with an apostrophe in front when a spreadsheet would read it as a formula; other values as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def undo_formula_safe(value):
    """*value* without the apostrophe that :func:`formula_safe` added."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def formula_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of *frame* with :func:`formula_safe` applied to every text cell (and column name)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(formula_safe)
    safe.columns = [formula_safe(c) for c in safe.columns]
    return safe


def make_csv_formula_safe(path: str | Path, *, encoding: str = "utf-8") -> bool:
    """Rewrite a CSV file in place with :func:`formula_safe` cells; True when anything changed.

    For tables another program wrote (the notebooks' ``reports/tables/``).
    The CSV dialect of pandas' ``to_csv`` (comma, double quotes) is assumed.
    """
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    changed = False
    # row by row: a 60 MB table read whole was about 600 MB of Python lists and strings
    with path.open(newline="", encoding=encoding) as source, partial.open("w", newline="", encoding=encoding) as target:
        writer = csv.writer(target, lineterminator="\n")
        for row in csv.reader(source):
            safe = [formula_safe(cell) for cell in row]
            changed = changed or safe != row
            writer.writerow(safe)
    if changed:
        partial.replace(path)
    else:
        partial.unlink()  # the file stays as its writer wrote it
    return changed


def mark_excel_text(worksheet) -> int:
    """Turn every formula cell of an openpyxl *worksheet* into a text cell with the quote prefix; how many."""
    changed = 0
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                cell.quotePrefix = True
                changed += 1
    return changed
