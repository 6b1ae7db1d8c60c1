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
    if not _may_hold_formulas(path, encoding=encoding):
        return False  # most tables: a scan of the text, not a parse of every row
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


#: Characters a formula-like cell starts with (:data:`FORMULA_STARTS`), where a CSV cell
#: starts: after a comma or line break, inside an opening quote or not (the quoted case: group 1).
_FORMULA_CELL = re.compile("[{0}](?:(?<=[,\\n].)|(?<=[,\\n]\"(.)))".format(re.escape("".join(FORMULA_STARTS))), re.S)
_CELL_END = re.compile(r"[,\n]")


def _may_hold_formulas(path: Path, *, encoding: str = "utf-8", chunk_chars: int = 1 << 23) -> bool:
    """False when no cell of the CSV at *path* is one :func:`make_csv_formula_safe` would change.

    A scan of the text for a cell starting with a formula character that is
    not a plain number (as :func:`formula_safe` tells them),
    a few times faster than parsing every row: on 1 GB the report's tables
    are 150 MB of CSV (the phrase table alone 1.1 million rows), almost all
    without such a cell. It may say True for a file that holds none (a line
    break inside a quoted cell), never False for one that does.
    """
    with Path(path).open(encoding=encoding, newline="") as source:
        carry = ""
        while True:
            block = source.read(chunk_chars)
            text = carry + block
            cut = text.rfind("\n") + 1 if block else len(text)
            if block and cut == 0:
                carry = text  # no line break yet: read on
                continue
            part, carry = "\n" + text[:cut], text[cut:]  # each part starts a line
            for found in _FORMULA_CELL.finditer(part):
                if found.group(1) is not None:
                    return True  # a quoted cell: its end is not the next comma
                end = _CELL_END.search(part, found.start())
                cell = part[found.start() : end.start() if end else len(part)]
                if formula_safe(cell) != cell:
                    return True
            if not block:
                return False


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
