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
are read as text. ``line`` says where to find a record: the file line where it
starts for CSV/TSV (line 1 is the header; a quoted field over several lines
makes the next record start further down) and JSON Lines, the sheet row for
Excel (row 1 the header), the 1-based record number for JSON arrays and
Parquet. ``record`` keeps the 1-based data-row number of a table, from which
``doc_id`` is made, so ids stay what they were before lines were counted.

Hostile inputs
--------------
Nothing is lost and nothing grows without bound:

* Archive members are streamed and capped by :class:`ArchiveLimits` (bytes per
  member, bytes per archive, compression ratio, nesting depth); a member past a
  limit, an encrypted member, an unsupported compression method (Deflate64),
  corrupt compressed data, a tar link or device, or an archive nested too deep
  becomes a :class:`Problem` and the other members load. Members are read in
  memory, never extracted, so ``../x.txt`` is loaded under its own name. Their
  rows come in member path order, as a folder's files do, whatever the order
  inside the archive.
* A name that is not valid UTF-8 (a zip flagged UTF-8 that is not, a tar or
  file name from another code page) is shown with ``\\xNN`` escapes and reported.
* Field values: control characters other than tab, newline and carriage
  return are removed (vertical tab, form feed and the information separators
  become a newline; openpyxl refuses them in a coding sheet), and lone
  surrogates become U+FFFD. A list (JSON ``"authors": ["A", "B"]``) is joined
  with "; " for author, outlet, title, language and dateline; for text, with a
  blank line; for date, url and doc_id the first value is used and the others
  reported. A number given as the text is read as text.
* Excel: a formula cell with no saved result (a workbook written by a program,
  never recalculated) keeps its formula as text and is reported, instead of
  reading as empty.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import lzma
import math
import re
import tarfile
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field, fields as dataclass_fields
from pathlib import Path, PurePosixPath

import pandas as pd

from toolkit import news_archives
from toolkit.encoding import decode_file
from toolkit.errors import LoadError, ParameterError

__all__ = ["ArchiveLimits", "ColumnMap", "NOT_AN_ARTICLE", "Problem", "Row", "SUFFIXES", "display_name", "not_an_article",
           "read_file", "read_path", "suffix_of"]

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

#: How a load-report reason starts when the file is no article and was never meant to be one (a README,
#: a licence, a saved page's images): listed like every input that did not load, but a note, not a problem
#: (no LoadWarning while articles loaded, no LoadError under ``strict=True``; see toolkit.load).
NOT_AN_ARTICLE = "not an article: "
# The files a corpus folder carries about itself, by their whole name (any case; "README", "LICENSE.txt",
# "LICENSE-MIT", "README.md"); a name that only starts with such a word ("notice_board.txt") is not one.
_PROJECT_FILE = re.compile(
    r"(?:read[-_ ]?me|licen[cs]e|copying)(?:[-_.][a-z0-9]{1,10})?|notice|changelog|authors|contributors|contributing|"
    r"citation|code[-_]of[-_]conduct|manifest|sha\d*sums|md5sums|thumbs\.db|desktop\.ini", re.I)
_PROJECT_FILE_SUFFIXES = ("", ".txt", ".text", ".md", ".markdown", ".rst", ".html", ".htm", ".cff", ".in")
# File types no article comes in, as the reason names them (every other type no reader takes is a problem:
# a .pdf or .doc may well hold an article the user expected to load).
_NOT_ARTICLE_TYPES = {
    "documentation": (".md", ".markdown", ".rst", ".adoc"),
    "part of a saved web page (image, style sheet, script or font)": (
        ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp",
        ".woff", ".woff2", ".ttf", ".otf", ".eot"),
    "settings or metadata": (".yaml", ".yml", ".toml", ".ini", ".cfg", ".cff", ".bib"),
    "program code": (".py", ".r", ".ipynb", ".sh", ".bat", ".ps1"),
    "checksum or signature": (".md5", ".sha1", ".sha256", ".sha512", ".sig", ".asc"),
}


def not_an_article(name: str) -> str | None:
    """Why the file *name* (a path or archive member) is no article, as a load-report reason; None if it may be one.

    By name only, before anything is read: the files a corpus carries about itself (README, LICENSE,
    NOTICE, CITATION.cff, checksums, with or without .txt/.md) and types no article comes in
    (documentation, a saved page's images and scripts, settings, code).

    >>> not_an_article("corpus/LICENSE.txt")
    'not an article: LICENSE.txt is about the files (read-me, licence or checksums), skipped'
    >>> not_an_article("page_files/logo.png")
    'not an article: logo.png is part of a saved web page (image, style sheet, script or font), skipped'
    >>> not_an_article("1956-Eisenhower.txt") is None, not_an_article("notice_board.txt") is None
    (True, True)
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    lower = base.lower()
    for suffix in _PROJECT_FILE_SUFFIXES:
        if lower.endswith(suffix) and _PROJECT_FILE.fullmatch(base[: len(base) - len(suffix)] if suffix else base):
            return f"{NOT_AN_ARTICLE}{base} is about the files (read-me, licence or checksums), skipped"
    for kind, suffixes in _NOT_ARTICLE_TYPES.items():
        if lower.endswith(suffixes):
            return f"{NOT_AN_ARTICLE}{base} is {kind}, skipped"
    return None
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Row:
    """The raw fields of one would-be article.

    ``fields`` has the keys of :data:`FIELDS` that the input provides (``title``
    is None when the reader cannot know it, as for a plain-text page), and for a
    saved web page ``site_name``, the name the page gives itself (``og:site_name``);
    ``extras`` holds the input's other columns under their own names.
    """

    path: str
    line: int | None
    fields: dict
    extras: dict = field(default_factory=dict)
    #: 1-based data-row number of a table row when it differs from ``line`` (CSV/TSV, Excel); doc_ids hash it.
    record: int | None = None


@dataclass
class Problem:
    """An input file, row or line that did not become an article."""

    path: str
    line: int | None
    reason: str
    #: the bytes of an archive member table without a text column: the loader may use it as sidecar metadata
    #: of the archive's pages (toolkit.load), else reports it
    table: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ColumnMap:
    """Which input column feeds which article field.

    Build it with :meth:`from_mapping`. ``explicit`` holds the ``(field, column)`` pairs
    the user named (``columns=``); fields not named are
    detected from :data:`COMMON_NAMES`.
    """

    explicit: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_mapping(cls, columns=None) -> ColumnMap:
        """Check the user's ``{field: column}`` mapping (``columns=``) and build the map."""
        if columns is not None and not isinstance(columns, dict):
            raise ParameterError(f"columns: expected a mapping {{field: input column}}, got {type(columns).__name__}")
        mapping = dict(columns or {})
        unknown = set(mapping) - set(FIELDS)
        if unknown:
            raise ParameterError(f"columns: unknown article field(s) {sorted(unknown)}; use {list(FIELDS)}")
        bad = {k: v for k, v in mapping.items() if not isinstance(v, str) or not v}
        if bad:
            raise ParameterError(f"columns: expected column names as text, got {bad}")
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


_MIB = 2**20
_CHUNK = _MIB
#: Compression ratios are only checked past this many decompressed bytes (a small file of blanks compresses 1,000x).
_RATIO_FLOOR = 4 * _MIB
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_ZIP_METHOD_NAMES = {9: "Deflate64", 10: "PKWARE implode", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "xz",
                     97: "WavPack", 98: "PPMd", 99: "AES encryption"}
#: What a corrupt or unsupported archive member raises while it is read.
_MEMBER_ERRORS = (zipfile.BadZipFile, tarfile.TarError, zlib.error, lzma.LZMAError, OSError, EOFError,
                  NotImplementedError, RuntimeError, ValueError)


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds on what an archive may unpack to (``load_articles(archive_limits=...)``).

    A member past a limit becomes a load-report row; the other members load.
    The defaults fit a laptop: peak memory on an archive bomb stays near
    ``member_bytes``. Raise them for big archives you trust.

    Attributes
    ----------
    member_bytes : int
        Decompressed bytes of one member (and of a ``.gz`` file); default 256 MiB.
    archive_bytes : int
        Decompressed bytes of all members of one archive file, nested ones
        included; default 1 GiB.
    ratio : float
        Decompressed / compressed size of a member, checked once a member passes
        4 MiB; default 200 (news text compresses 3 to 10 times, bombs 1,000 times).
    depth : int
        Archives inside archives: how many levels are opened; default 4.
    """

    member_bytes: int = 256 * _MIB
    archive_bytes: int = 1024 * _MIB
    ratio: float = 200.0
    depth: int = 4

    @classmethod
    def build(cls, value) -> ArchiveLimits:
        """From None (defaults), a dict of attributes, or an ArchiveLimits."""
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise ParameterError(f"archive_limits: expected a dict or ArchiveLimits, got {type(value).__name__}")
        names = [f.name for f in dataclass_fields(cls)]
        unknown = sorted(set(value) - set(names))
        if unknown:
            raise ParameterError(f"archive_limits: unknown limit(s) {unknown}; use {names}")
        for name, limit in value.items():
            if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not limit > 0 or math.isinf(limit):
                raise ParameterError(f"archive_limits: {name} must be a positive number, got {limit!r}")
        return cls(**value)


class _Budget:
    """What one archive file may still unpack to, shared by its nested archives."""

    def __init__(self, limits: ArchiveLimits):
        self.limits, self.remaining = limits, limits.archive_bytes


def display_name(name: str) -> str:
    """*name* with undecodable bytes (surrogate escapes) shown as ``\\\\xNN``: printable, encodable."""
    if not _SURROGATE.search(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace").encode(
        "utf-8", "backslashreplace").decode("utf-8")


def read_path(path: Path, *, columns: ColumnMap, encoding: str | None = None, limits=None) -> list:
    """Read one file from disk; every failure becomes a Problem (never raises for the file)."""
    name = display_name(str(path))
    items = [] if name == str(path) else [
        Problem(name, None, "file name is not valid UTF-8: shown with \\x escapes, file loaded")]
    try:
        data = path.read_bytes()
        items.extend(read_file(data, name, columns=columns, encoding=encoding, limits=limits))
    except LoadError as error:
        items.append(Problem(error.path, error.line, error.reason))
    except OSError as error:
        items.append(Problem(name, None, f"cannot read the file: {error.strerror or error}"))
    return items


def read_file(data: bytes, name: str, *, columns: ColumnMap, encoding: str | None = None, limits=None,
              _depth: int = 0, _budget: _Budget | None = None) -> list:
    """Read one file's bytes; return a list of Row and Problem.

    *limits* (an :class:`ArchiveLimits`, a dict of its attributes, or None for
    the defaults) bounds what archives may unpack to.

    Raises
    ------
    LoadError
        When the file as a whole cannot be read (the reason says why).
    """
    budget = _budget or _Budget(ArchiveLimits.build(limits))
    lower = name.lower()
    if lower.endswith((".zip", ".tar", ".tgz", ".tar.gz")):
        return _read_archive(data, name, columns, encoding, depth=_depth, budget=budget)
    if lower.endswith(".gz"):
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inner = _read_capped(stream, name, len(data), budget, what="corrupt gzip file")
        return _read_member(inner, name, name[: -len(".gz")], columns, encoding, depth=_depth, budget=budget)
    return _read_member(data, name, name, columns, encoding, depth=_depth, budget=budget)


def _read_capped(stream, path: str, compressed: int | None, budget: _Budget, *, what: str) -> bytes:
    """Read *stream* to the end in chunks, refusing it past a limit (never more than a chunk over)."""
    limits, chunks, total = budget.limits, [], 0
    try:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > limits.member_bytes:
                raise LoadError(path, f"decompresses to more than {limits.member_bytes:,} bytes "
                                "(archive_limits member_bytes): skipped, a possible archive bomb")
            if total > budget.remaining:
                raise LoadError(path, f"the archive decompresses to more than {limits.archive_bytes:,} bytes "
                                "(archive_limits archive_bytes): skipped")
            if compressed and total > _RATIO_FLOOR and total > limits.ratio * compressed:
                raise LoadError(path, f"compression ratio above {limits.ratio:g} (archive_limits ratio): "
                                "skipped, a possible archive bomb")
            chunks.append(chunk)
    except _MEMBER_ERRORS as error:
        raise LoadError(path, f"{what}: {error}") from None
    budget.remaining -= total
    return b"".join(chunks)


def _read_member(data: bytes, path: str, inner_name: str, columns: ColumnMap, encoding, *, depth: int = 0,
                 budget: _Budget | None = None) -> list:
    """Read one file whose format is given by *inner_name* (*path* names it in reports)."""
    budget = budget or _Budget(ArchiveLimits())
    if inner_name.lower().endswith((".zip", ".tar", ".tgz", ".tar.gz")):
        return _read_archive(data, path, columns, encoding, kind=inner_name, depth=depth, budget=budget)
    reason = not_an_article(inner_name)
    if reason is not None:
        return [Problem(path, None, reason)]
    empty = not data or data.isspace()
    export = None if empty else news_archives.read_if_export(data, inner_name, path=path, encoding=encoding)
    if export is not None:  # one Row per article of a news-archive export; ``line``: its position
        return [
            Row(path, item.position, {key: clean_value(value) for key, value in item.fields.items()}, item.extras)
            if isinstance(item, news_archives.ExportArticle)
            else Problem(path, item.position, item.reason)
            for item in export
        ]
    suffix = suffix_of(inner_name)
    reader = _READERS.get(suffix)
    if reader is None:
        raise LoadError(path, f"unsupported file type {suffix or '(no suffix)'!r}; supported: {', '.join(SUFFIXES)}")
    if empty:
        raise LoadError(path, "empty file" if not data else "whitespace-only file")
    return reader(data, path, columns, encoding)


def _read_archive(data: bytes, name: str, columns: ColumnMap, encoding, *, kind: str = "", depth: int = 0,
                  budget: _Budget) -> list:
    if depth >= budget.limits.depth:
        raise LoadError(name, f"archive nested more than {budget.limits.depth} levels deep "
                        "(archive_limits depth): not opened")
    items = []
    try:
        for member, content in _archive_members(data, name, kind or name, budget):
            if isinstance(content, Problem):
                items.append(content)
                continue
            path = f"{name}/{member}"
            try:
                items.extend(read_file(content, path, columns=columns, encoding=encoding,
                                       _depth=depth + 1, _budget=budget))
            except LoadError as error:
                table = content if suffix_of(member) in (".csv", ".tsv") and "no text column" in error.reason else None
                items.append(Problem(error.path, error.line, error.reason, table))
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError, zlib.error, lzma.LZMAError) as error:
        if not items:
            raise LoadError(name, f"corrupt archive: {error}") from None
        items.append(Problem(name, None, f"corrupt archive, the members after this point are lost: {error}"))
    # in member path order, as a folder's files are (toolkit.inputs): the same corpus zipped or not gives the
    # same rows in the same order; a member's rows keep their order, and what concerns the whole archive comes last
    items.sort(key=lambda item: (item.path == name, item.path))
    return items


def _archive_members(data: bytes, name: str, kind: str, budget: _Budget):
    """Yield (member name, bytes) per member to read, or (member name, Problem) per member that cannot be."""
    if kind.lower().endswith(".zip"):
        yield from _zip_members(data, name, budget)
    else:
        yield from _tar_members(data, name, budget)


def _zip_members(data: bytes, name: str, budget: _Budget):
    try:
        archive, relabelled = zipfile.ZipFile(io.BytesIO(data)), False
    except UnicodeDecodeError:  # a name flagged UTF-8 that is not: read every name as bytes instead
        archive, relabelled = zipfile.ZipFile(io.BytesIO(_clear_utf8_flags(data))), True
    with archive:
        for info in archive.infolist():
            member = _zip_name(info, relabelled)
            if info.is_dir() or _hidden(member):
                continue
            path = f"{name}/{member}"
            if member != info.filename and "\\x" in member:
                yield member, Problem(path, None, "member name is not valid UTF-8: shown with \\x escapes")
            if info.flag_bits & 0x1:
                yield member, Problem(path, None, "encrypted member (needs a password): skipped")
                continue
            if info.compress_type not in _ZIP_METHODS:
                method = _ZIP_METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
                yield member, Problem(path, None, f"unsupported compression ({method}): skipped; "
                                      "re-pack the archive with standard Deflate")
                continue
            try:
                with archive.open(info) as stream:
                    content = _read_capped(stream, path, info.compress_size, budget, what="corrupt member data")
            except LoadError as error:
                yield member, Problem(error.path, error.line, error.reason)
                continue
            except _MEMBER_ERRORS as error:
                yield member, Problem(path, None, f"unreadable member: {error}")
                continue
            yield member, content


def _zip_name(info: zipfile.ZipInfo, relabelled: bool) -> str:
    """The member name as text: UTF-8 when its bytes are, else shown with \\x escapes (or kept as cp437)."""
    if info.flag_bits & 0x800 and not relabelled:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")  # many tools write UTF-8 names without the flag
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace") if relabelled else info.filename


def _clear_utf8_flags(data: bytes) -> bytes:
    """A copy of a zip whose headers no longer claim UTF-8 names (zipfile then reads them as cp437)."""
    buffer = bytearray(data)
    end = data.rfind(b"PK\x05\x06")
    if end < 0:
        return data
    size, offset = (int.from_bytes(data[end + i : end + i + 4], "little") for i in (12, 16))
    position = end - size  # the directory ends where the end record starts
    shift = position - offset  # bytes in front of the archive (a self-extractor's stub)
    while position + 46 <= end and data[position : position + 4] == b"PK\x01\x02":
        local = int.from_bytes(data[position + 42 : position + 46], "little") + shift
        for flags_at in (position + 8, local + 6):
            if 0 <= flags_at < len(data) - 2:
                flags = int.from_bytes(data[flags_at : flags_at + 2], "little")
                buffer[flags_at : flags_at + 2] = (flags & ~0x800).to_bytes(2, "little")
        lengths = [int.from_bytes(data[position + i : position + i + 2], "little") for i in (28, 30, 32)]
        position += 46 + sum(lengths)
    return bytes(buffer)


def _tar_members(data: bytes, name: str, budget: _Budget):
    limits, declared = budget.limits, 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r|*") as archive:  # a stream: one member at a time
        for info in archive:
            member = display_name(info.name)
            if info.isdir() or _hidden(member):
                continue
            path = f"{name}/{member}"
            if member != info.name:
                yield member, Problem(path, None, "member name is not valid UTF-8: shown with \\x escapes")
            if info.issym() or info.islnk():
                kind = "symbolic" if info.issym() else "hard"
                yield member, Problem(path, None, f"tar {kind} link to {display_name(info.linkname)!r}: not "
                                      "followed (a member inside the archive is loaded under its own name)")
                continue
            if not info.isfile():
                yield member, Problem(path, None, "not a regular file (device, FIFO or unknown tar type): skipped")
                continue
            declared += info.size
            if declared > limits.archive_bytes:  # skipping a member still decompresses it: stop here
                yield member, Problem(path, None, f"the archive holds more than {limits.archive_bytes:,} bytes "
                                      "(archive_limits archive_bytes): this and later members skipped")
                return
            if info.size > limits.member_bytes:
                yield member, Problem(path, None, f"member of {info.size:,} bytes, more than {limits.member_bytes:,} "
                                      "(archive_limits member_bytes): skipped")
                continue
            try:
                content = _read_capped(archive.extractfile(info), path, None, budget, what="corrupt member data")
            except LoadError as error:
                yield member, Problem(error.path, error.line, error.reason)
                continue
            yield member, content


def _hidden(member: str) -> bool:
    return any(
        (part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"
        for part in PurePosixPath(member).parts
    )



def _read_text(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    text = clean_value(decode_file(data, path, encoding))
    if not text or text.isspace():
        raise LoadError(path, "whitespace-only file")
    return [Row(path, None, {"text": text, "title": None})]


def _read_html(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    if encoding is None:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii"))
                if codec._is_text_encoding:  # not "hex" or "rot13"
                    return _html_row(data.decode(codec.name), path)
            except (UnicodeError, LookupError):  # "undefined" is a codec that always raises UnicodeError
                pass  # a wrong declaration is common: detect instead
    return _html_row(decode_file(data, path, encoding), path)


def _html_row(html: str, path: str) -> list:
    from toolkit.html_extract import extract_article

    fields = {key: clean_value(value) for key, value in extract_article(html).items()}
    if not fields.get("text", "").strip():
        raise LoadError(path, "no article text found in the HTML page")
    # the page's own site name ("Hosted" on hosted.ap.org) is weaker evidence than a known domain or
    # the user's metadata: kept apart from ``outlet``, the builder decides (toolkit.load)
    fields["site_name"] = fields.pop("outlet", "")
    return [Row(path, None, fields)]


def _read_csv(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    """CSV/TSV, every value read as text; malformed rows are reported, not fatal."""
    sep = "\t" if suffix_of(path) in (".tsv", ".tab") else ","
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            text = decode_file(data, path, encoding)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=sep, dtype=str, keep_default_na=False, on_bad_lines="warn",
            )
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as error:
            raise LoadError(path, f"malformed CSV: {error}") from None
    # pandas names a skipped row by its record number, the header record 1 ("Skipping line 3: ...")
    skipped = [
        (int(match.group(1)), match.group(2))
        for warning in caught
        for match in _SKIPPED_LINE.finditer(str(warning.message))
    ]
    ids = _row_numbers(len(frame), [(record - 1, detail) for record, detail in skipped])
    lines, skipped_lines = _physical_lines(text, sep, len(frame), {record for record, _ in skipped})
    problems = [Problem(path, skipped_lines.get(record, record), f"malformed CSV row: {detail}")
                for record, detail in skipped]
    names = list(frame.columns)  # not to_dict("records"): a namedtuple per row is slow for 10,000 columns
    records = [dict(zip(names, row)) for row in frame.to_numpy(dtype=object).tolist()]
    return problems + rows_from_records(records, path, columns, lines=lines or [n + 1 for n in ids], ids=ids)


def _row_numbers(n_rows: int, skipped: list) -> list[int]:
    """1-based data-row numbers of the rows pandas kept, counting the skipped ones (what doc_ids hash)."""
    gone, numbers, row = {row for row, _ in skipped}, [], 0
    while len(numbers) < n_rows:
        row += 1
        if row not in gone:
            numbers.append(row)
    return numbers


def _physical_lines(text: str, sep: str, n_rows: int, skipped: set) -> tuple[list[int], dict]:
    """The file line where each row pandas kept starts, and ``{record: line}`` for the skipped records.

    A quoted field may span lines, so rows and lines differ: the records are
    read again with the csv module, whose ``line_num`` counts physical lines.
    pandas drops blank records and the header (the first non-blank one) and
    counts records from 1 with blank ones included. Returns ``([], {})`` when
    the two readings disagree (an exotic dialect): the caller then reports the
    data row plus one, the line of a one-line record after a one-line header.
    """
    starts, blank, previous = [], [], 0
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(2**31 - 1)  # an article is longer than csv's default 128 KiB field
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        for record in reader:
            starts.append(previous + 1)
            blank.append(not record)
            previous = reader.line_num
    except csv.Error:
        return [], {}
    finally:
        csv.field_size_limit(limit)
    numbers = [i + 1 for i in range(len(starts)) if not blank[i]]  # records pandas sees, header first
    kept = [starts[n - 1] for n in numbers[1:] if n not in skipped]
    if len(kept) != n_rows:
        return [], {}
    return kept, {n: starts[n - 1] for n in skipped if n <= len(starts)}


def _read_json(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    try:
        parsed = json.loads(decode_file(data, path, encoding))
    except json.JSONDecodeError as error:
        raise LoadError(path, f"invalid JSON: {error.msg}", line=error.lineno) from None
    except RecursionError:
        raise LoadError(path, "invalid JSON: nested too deep to be a table of articles") from None
    if isinstance(parsed, dict) and parsed and all(isinstance(v, dict) for v in parsed.values()):
        # records keyed by their id, as pandas' orient="index" writes them: {"1ee91d": {"articleBody": ...}};
        # whether a record names its own id is decided once per distinct set of keys, not once per record
        has_id: dict[frozenset, bool] = {}
        records = []
        for key, record in parsed.items():
            names = frozenset(record)
            if names not in has_id:
                has_id[names] = "doc_id" in columns.resolve(list(record))
            records.append(record if has_id[names] else {"id": key, **record})
        parsed = records
    elif isinstance(parsed, dict):
        lists = [v for v in parsed.values() if isinstance(v, list)]
        parsed = lists[0] if len(lists) == 1 and all(isinstance(r, dict) for r in lists[0]) else [parsed]
    if not isinstance(parsed, list):
        raise LoadError(path, "JSON is neither an array of records nor an object")
    return rows_from_records(parsed, path, columns)


def _read_json_lines(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    records, lines, problems = [], [], []
    for number, line in enumerate(decode_file(data, path, encoding).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
            lines.append(number)
        except json.JSONDecodeError as error:
            problems.append(Problem(path, number, f"invalid JSON line (truncated?): {error.msg}"))
        except RecursionError:
            problems.append(Problem(path, number, "invalid JSON line: nested too deep"))
    return problems + rows_from_records(records, path, columns, lines=lines)


def _read_parquet(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as error:  # pyarrow raises many types for a bad file
        raise LoadError(path, f"unreadable Parquet file: {error}") from None
    return rows_from_records(frame.to_dict("records"), path, columns)


def _read_excel(data: bytes, path: str, columns: ColumnMap, encoding) -> list:
    """The first sheet, row 1 the header; a formula with no saved result keeps its formula text (reported)."""
    import openpyxl

    try:
        books = [openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=only) for only in (True, False)]
        sheets = [book.worksheets[0].iter_rows(values_only=True) for book in books]
        table = [(number, row, formula) for number, (row, formula) in enumerate(zip(*sheets))
                 if any(value is not None for value in formula)]
    except Exception as error:  # openpyxl raises many types for a bad file
        raise LoadError(path, f"unreadable Excel file: {error}") from None
    finally:
        for book in locals().get("books", []):
            book.close()
    if not table:
        return []
    names = _header_names(table[0][1])
    records, lines, problems = [], [], []
    for number, row, formula in table[1:]:
        record, unsaved = {}, []
        for name, value, written in zip(names, row, formula):
            if value is None and isinstance(written, str) and written.startswith("="):
                value = written
                unsaved.append(name)
            record[name] = value
        if unsaved:
            problems.append(Problem(path, number + 1, f"Excel formula without a saved result in {unsaved} "
                                    "(the workbook was never recalculated): kept as the formula text"))
        records.append(record)
        lines.append(number)
    # the sheet row a spreadsheet shows (header row 1); doc_ids keep hashing the 0-based position
    return problems + rows_from_records(records, path, columns, lines=[n + 1 for n in lines], ids=lines)


def _header_names(header) -> list[str]:
    """Column names as pandas gives them: "Unnamed: 3" for a blank, "name.1" for a repeat."""
    names, seen = [], {}
    for index, value in enumerate(header):
        name = f"Unnamed: {index}" if value is None else str(value)
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    return names


def rows_from_records(records: list, path: str, columns: ColumnMap, *, lines=None, ids=None) -> list:
    """Map table records (dicts) to Rows; rows without text become Problems.

    *lines* say where each record is (default: its 1-based position); *ids*, when
    given, the data-row numbers ``doc_id`` is made from (see :class:`Row`).
    Field values are repaired as the module docstring says (control characters,
    lone surrogates, lists, a number as text); each repair that drops a value is
    reported as a Problem beside the Row.

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
        fields, extras, notes = {}, {}, []
        for key, value in record.items():
            if key in by_column:
                fields[by_column[key]] = _field_value(by_column[key], value, notes)
            else:
                extras[clean_value(key) if isinstance(key, str) else key] = _extra_value(value)
        text = _number_as_text(fields.get("text"))
        if not isinstance(text, str) or not text.strip():
            items.append(Problem(path, line, "empty text" if text is None or isinstance(text, str)
                                 else f"text is not text: {type(text).__name__}"))
            continue
        fields["text"] = text
        fields.setdefault("title", "")
        items.extend(Problem(path, line, note) for note in notes)
        items.append(Row(path, line, fields, extras, record=ids[index] if ids else None))
    return items


#: Control characters that no article needs (tab, newline and carriage return are kept) and lone surrogates.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_AS_NEWLINE = frozenset("\x0b\x0c\x1c\x1d\x1e")
_JOINED = {"text": "\n\n", "author": "; ", "outlet": "; ", "title": "; ", "language": "; ", "dateline": "; "}


def clean_value(value):
    """*value* without control characters (some become a newline) and with lone surrogates as U+FFFD."""
    if not isinstance(value, str) or not _UNWANTED.search(value):
        return value
    return _UNWANTED.sub(_replacement, value)


def _replacement(match: re.Match) -> str:
    char = match.group()
    if char in _AS_NEWLINE:
        return "\n"
    return "\ufffd" if "\ud800" <= char <= "\udfff" else ""


def _is_list(value) -> bool:
    return isinstance(value, (list, tuple)) or (hasattr(value, "ndim") and getattr(value, "ndim", 0) == 1)


def _field_value(name: str, value, notes: list):
    """One article field's value, repaired: lists joined or their first value, text cleaned."""
    if isinstance(value, dict):
        notes.append(f"{name} is an object {_short(value)}: kept as JSON text")
        return clean_value(json.dumps(value, ensure_ascii=False, default=str))
    if _is_list(value):
        parts = [_scalar_text(v) for v in value]
        parts = [p for p in parts if p]
        if name in _JOINED:
            return _JOINED[name].join(parts) or None
        if len(parts) > 1:
            notes.append(f"{name} has {len(parts)} values {_short(parts)}: the first is used")
        return parts[0] if parts else None
    return clean_value(value)


def _extra_value(value):
    """An extra column's value: lists and objects become JSON text (a table cell holds one value)."""
    if isinstance(value, dict) or _is_list(value):
        return clean_value(json.dumps(value if isinstance(value, (dict, list, tuple)) else list(value),
                                      ensure_ascii=False, default=str))
    return clean_value(value)


def _scalar_text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (dict, list, tuple)):
        return clean_value(json.dumps(value, ensure_ascii=False, default=str))
    return clean_value(str(_number_as_text(value))).strip()


def _number_as_text(value):
    """A number given as the text (a JSON number, an Excel numeric cell) as its text; other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "dtype"):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    if math.isnan(number):
        return None
    return str(int(number)) if number.is_integer() and abs(number) < 1e16 else str(value)


def _short(value, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
