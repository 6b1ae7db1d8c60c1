"""Readers: one function per file format, bytes in, would-be articles out.

Every reader returns a list of :class:`Row` (raw fields of one article, not yet
cleaned) and :class:`Problem` (a file, row or line that cannot become an
article, with the reason). A problem with the whole file raises
:class:`~toolkit.errors.LoadError`. :func:`read_file` picks the reader from the
file name; ``.gz``, ``.zip`` and ``.tar`` archives are opened and their members
read the same way, named ``archive.zip/member.csv``.

Formats
-------
``.txt``, ``.text``           one scraped page or plain text per file
``.csv``, ``.tsv``, ``.tab``  one article per row
``.json``                     an array of records, ``{"articles": [...]}``, or one record
``.jsonl``, ``.ndjson``       one record per line
``.parquet``, ``.pq``         one article per row
``.xlsx``, ``.xlsm``          one article per row of the first sheet
``.html``, ``.htm``           one saved web page; main text and metadata by trafilatura
``.docx``, ``.rtf``, ``.xml``  news-archive exports (Nexis Uni, LexisNexis, Factiva), many articles
                              per file; recognised by content whatever the suffix, also in ``.txt``,
                              ``.html`` and ``.csv`` (Media Cloud): see :mod:`toolkit.news_archives`

Columns are mapped to article fields by :class:`ColumnMap`: explicit names
first, else the first common name found (case-insensitive). CSV and TSV values
are read as text. ``line`` is the 1-based data row of a table (header not
counted) or the file line of a JSON Lines record.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import tarfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd

from toolkit import news_archives
from toolkit.encoding import DecodingError, decode_bytes
from toolkit.errors import LoadError, ParameterError

__all__ = ["ColumnMap", "Problem", "Row", "SUFFIXES", "read_file", "suffix_of"]

#: Common input column names per article field, in order of preference.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext", "maintext", "story"),
    "title": ("title", "headline", "heading"),
    "date": (
        "date",
        "publish_date",
        "published",
        "pubdate",
        "published_at",
        "publication_date",
        "date_published",
        "datetime",
    ),
    "url": ("url", "link", "href", "source_url"),
    "outlet": ("outlet", "source", "publication", "site", "publisher", "sitename", "newspaper", "media"),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang"),
    "dateline": ("dateline",),
    "doc_id": ("doc_id", "id", "article_id", "document_id", "docid", "uid"),
}
FIELDS = tuple(COMMON_NAMES)

TEXT_SUFFIXES = (".txt", ".text")
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".json", ".jsonl", ".ndjson", ".parquet", ".pq", ".xlsx", ".xlsm")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARCHIVE_SUFFIXES = (".gz", ".zip", ".tar", ".tgz")
#: News-archive exports (Nexis Uni, LexisNexis, Factiva): recognised by content, see toolkit.news_archives.
EXPORT_SUFFIXES = (".docx", ".rtf", ".xml")
SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES + ARCHIVE_SUFFIXES + EXPORT_SUFFIXES
_SKIPPED_LINE = re.compile(r"Skipping line (\d+): (.+)")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


@dataclass
class Row:
    """The raw fields of one would-be article.

    ``fields`` has the keys of :data:`FIELDS` that the input provides (``title``
    is None when the reader cannot know it, as for a plain-text page); ``extras``
    holds the input's other columns under their own names.
    """

    path: str
    line: int | None
    fields: dict
    extras: dict = field(default_factory=dict)


@dataclass
class Problem:
    """An input file, row or line that did not become an article."""

    path: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class ColumnMap:
    """Which input column feeds which article field.

    Build it with :meth:`build`. ``explicit`` holds the ``(field, column)`` pairs
    the user named (``columns=``); fields not named are
    detected from :data:`COMMON_NAMES`.
    """

    explicit: tuple[tuple[str, str], ...] = ()

    @classmethod
    def build(cls, columns=None, **keywords) -> ColumnMap:
        mapping = dict(columns or {})
        unknown = set(mapping) - set(FIELDS)
        if unknown:
            raise ParameterError(f"columns: unknown article field(s) {sorted(unknown)}; use {list(FIELDS)}")
        for name, value in keywords.items():
            if value is not None:
                if not isinstance(value, str):
                    raise ParameterError(f"{name}_column: expected a column name, got {value!r}")
                mapping[name] = value
        return cls(tuple(sorted(mapping.items())))

    def resolve(self, names, records=None) -> dict[str, str]:
        """Map article fields to the columns present in *names* (*records*: for subclasses that look at values)."""
        names = [str(n) for n in names]
        lowered = {n.lower().strip(): n for n in reversed(names)}
        resolved, explicit = {}, dict(self.explicit)
        for name in FIELDS:
            if name in explicit:
                if explicit[name] in names:
                    resolved[name] = explicit[name]
                continue
            found = next((lowered[c] for c in COMMON_NAMES[name] if c in lowered), None)
            if found is not None and found not in resolved.values():
                resolved[name] = found
        return resolved

    def wanted(self, name: str) -> str | None:
        return dict(self.explicit).get(name)


def suffix_of(name: str) -> str:
    """The format suffix of a file name, lower case ("x.CSV.gz" -> ".gz")."""
    return PurePosixPath(name.lower()).suffix


def read_file(data: bytes, name: str, *, columns: ColumnMap, encoding: str | None = None) -> list:
    """Read one file's bytes; return a list of Row and Problem.

    Raises
    ------
    LoadError
        When the file as a whole cannot be read (the reason says why).
    """
    lower = name.lower()
    if lower.endswith((".zip", ".tar", ".tgz", ".tar.gz")):
        return _read_archive(data, name, columns, encoding)
    if lower.endswith(".gz"):
        try:
            inner = gzip.decompress(data)
        except (OSError, EOFError) as error:
            raise LoadError(name, f"corrupt gzip file: {error}") from None
        return _read_member(inner, name, name[: -len(".gz")], columns, encoding)
    return _read_member(data, name, name, columns, encoding)


def _read_member(data: bytes, path: str, inner_name: str, columns: ColumnMap, encoding) -> list:
    """Read one file whose format is given by *inner_name* (*path* names it in reports)."""
    if inner_name.lower().endswith((".zip", ".tar")):
        return _read_archive(data, path, columns, encoding, kind=inner_name)
    export = news_archives.sniff_export(data, inner_name) if data.strip() else None
    if export is not None:
        return _read_export(export, data, path, encoding)
    suffix = suffix_of(inner_name)
    reader = _READERS.get(suffix)
    if reader is None:
        raise LoadError(path, f"unsupported file type {suffix or '(no suffix)'!r}; supported: {', '.join(SUFFIXES)}")
    if not data.strip():
        raise LoadError(path, "empty file" if not data else "whitespace-only file")
    return reader(data, path, columns, encoding)


def _read_export(kind: str, data: bytes, path: str, encoding) -> list:
    """One Row per article of a news-archive export; ``line`` is its position in the export."""
    return [
        Row(path, item.position, item.fields, item.extras)
        if isinstance(item, news_archives.ExportArticle)
        else Problem(path, item.position, item.reason)
        for item in news_archives.read_export(kind, data, path, encoding=encoding)
    ]


def _read_archive(data: bytes, name: str, columns: ColumnMap, encoding, *, kind: str = "") -> list:
    items = []
    try:
        for member, content in _archive_members(data, kind or name):
            path = f"{name}/{member}"
            try:
                items.extend(read_file(content, path, columns=columns, encoding=encoding))
            except LoadError as error:
                items.append(Problem(error.path, error.line, error.reason))
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as error:
        raise LoadError(name, f"corrupt archive: {error}") from None
    return items


def _archive_members(data: bytes, name: str):
    if name.lower().endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if not info.is_dir() and not _hidden(info.filename):
                    yield info.filename, archive.read(info)
    else:
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            for info in archive.getmembers():
                if info.isfile() and not _hidden(info.name):
                    yield info.name, archive.extractfile(info).read()


def _hidden(member: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(member).parts)


def _decode(data: bytes, path: str, encoding) -> str:
    try:
        return decode_bytes(data, encoding=encoding).text
    except DecodingError as error:
        raise LoadError(path, str(error)) from None


def _read_text(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    text = _decode(data, path, encoding)
    if not text.strip():
        raise LoadError(path, "whitespace-only file")
    return [Row(path, None, {"text": text, "title": None})]


def _read_html(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    if encoding is None:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return _html_row(data.decode(declared.group(1).decode("ascii")), path)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration is common: detect instead
    return _html_row(_decode(data, path, encoding), path)


def _html_row(html: str, path: str) -> list:
    from toolkit.html_extract import extract_article

    fields = extract_article(html)
    if not fields.get("text", "").strip():
        raise LoadError(path, "no article text found in the HTML page")
    return [Row(path, None, fields)]


def _read_csv(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    """CSV/TSV, every value read as text; malformed rows are reported, not fatal."""
    sep = "\t" if suffix_of(path) in (".tsv", ".tab") else ","
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                io.StringIO(_decode(data, path, encoding)),
                sep=sep, dtype=str, keep_default_na=False, on_bad_lines="warn",
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as error:
            raise LoadError(path, f"malformed CSV: {error}") from None
    # pandas names skipped rows by file line ("Skipping line 3: expected 2 fields, saw 3")
    skipped = [
        (int(match.group(1)) - 1, match.group(2))
        for warning in caught
        for match in _SKIPPED_LINE.finditer(str(warning.message))
    ]
    problems = [Problem(path, row, f"malformed CSV row: {detail}") for row, detail in skipped]
    return problems + rows_from_records(frame.to_dict("records"), path, columns, lines=_row_numbers(len(frame), skipped))


def _row_numbers(n_rows: int, skipped: list) -> list[int]:
    """1-based data-row numbers of the rows pandas kept, counting the skipped ones."""
    gone, numbers, row = {row for row, _ in skipped}, [], 0
    while len(numbers) < n_rows:
        row += 1
        if row not in gone:
            numbers.append(row)
    return numbers


def _read_json(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    try:
        parsed = json.loads(_decode(data, path, encoding))
    except json.JSONDecodeError as error:
        raise LoadError(path, f"invalid JSON: {error.msg}", line=error.lineno) from None
    if isinstance(parsed, dict):
        lists = [v for v in parsed.values() if isinstance(v, list)]
        parsed = lists[0] if len(lists) == 1 and all(isinstance(r, dict) for r in lists[0]) else [parsed]
    if not isinstance(parsed, list):
        raise LoadError(path, "JSON is neither an array of records nor an object")
    return rows_from_records(parsed, path, columns)


def _read_json_lines(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    records, lines, problems = [], [], []
    for number, line in enumerate(_decode(data, path, encoding).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
            lines.append(number)
        except json.JSONDecodeError as error:
            problems.append(Problem(path, number, f"invalid JSON line (truncated?): {error.msg}"))
    return problems + rows_from_records(records, path, columns, lines=lines)


def _read_parquet(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as error:  # pyarrow raises many types for a bad file
        raise LoadError(path, f"unreadable Parquet file: {error}") from None
    return rows_from_records(frame.to_dict("records"), path, columns)


def _read_excel(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    try:
        frame = pd.read_excel(io.BytesIO(data), sheet_name=0)
    except Exception as error:  # openpyxl raises many types for a bad file
        raise LoadError(path, f"unreadable Excel file: {error}") from None
    return rows_from_records(frame.to_dict("records"), path, columns)


def rows_from_records(records: list, path: str, columns: ColumnMap, *, lines=None) -> list:
    """Map table records (dicts) to Rows; rows without text become Problems.

    Raises
    ------
    LoadError
        When no column can serve as the text.
    """
    names = list(dict.fromkeys(k for r in records if isinstance(r, dict) for k in r))
    resolved = columns.resolve(names, records)
    if records and "text" not in resolved:
        wanted = columns.wanted("text")
        hint = f"column {wanted!r} is missing" if wanted else "pass columns={'text': ...}"
        raise LoadError(path, f"no text column among {names}: {hint}")
    by_column = {column: name for name, column in resolved.items()}
    items = []
    for index, record in enumerate(records):
        line = lines[index] if lines else index + 1
        if not isinstance(record, dict):
            items.append(Problem(path, line, "record is not an object"))
            continue
        fields, extras = {}, {}
        for key, value in record.items():
            (fields if key in by_column else extras)[by_column.get(key, key)] = value
        text = fields.get("text")
        if not isinstance(text, str) or not text.strip():
            items.append(Problem(path, line, "empty text"))
            continue
        fields.setdefault("title", "")
        items.append(Row(path, line, fields, extras))
    return items


_READERS = {
    **dict.fromkeys(TEXT_SUFFIXES, _read_text),
    **dict.fromkeys(HTML_SUFFIXES, _read_html),
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".tab": _read_csv,
    ".json": _read_json,
    ".jsonl": _read_json_lines,
    ".ndjson": _read_json_lines,
    ".parquet": _read_parquet,
    ".pq": _read_parquet,
    ".xlsx": _read_excel,
    ".xlsm": _read_excel,
}
