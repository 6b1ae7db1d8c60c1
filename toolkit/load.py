"""Load news articles from files, folders, globs or a DataFrame into one articles table.

The articles table has the columns of :data:`toolkit.schema.ARTICLE_COLUMNS`, in
that order, then any further metadata columns of the input under their own
names (a name that clashes with an article column gets the prefix ``input_``).

Nothing is lost: every input file, row or line that does not become an
article becomes a row of the *load report* (path, line, reason), kept in
``articles.attrs["load_report"]`` (see :func:`load_report`) and summarised in
one :class:`~toolkit.errors.LoadWarning`. Articles whose date cannot be parsed
are kept with ``date`` NaT and reported too. With ``strict=True`` the first
problem raises :class:`~toolkit.errors.LoadError` naming the file and line.

Decisions
---------
* ``doc_id``: the input's id column when it has one (``id``, ``doc_id``...,
  or ``columns={"doc_id": ...}``); otherwise the first 16 hex digits of the SHA-1 of the
  file's path *relative to the loaded source* plus ``:row`` for tables, so the
  same on every run and machine and when the folder is moved. For a folder the
  path is relative to the folder; for a glob, to its fixed leading folder; for a
  single file it is the file name; in a list, a folder's own name is kept in
  front so two folders with the same file names do not collide.
* Duplicate ``doc_id``: the first article (in sorted path order, then row
  order) is kept; the later ones go to the load report.
* The same article twice (same URL and text under different ids, as ``x.html``
  and ``x.html.gz`` in one folder): both are kept and the later one is in the
  load report, naming the first.
* Sidecar metadata: in a folder of ``.txt``/``.html`` pages, a CSV with a
  ``file`` (or ``filename``, ``file_name``, ``path``) column and no text column
  is metadata keyed by file name (relative to the CSV's folder); its columns
  fill the article fields and add extra columns. ``metadata=`` names one
  explicitly.
* Columns: ``columns=`` names them; the others are found by name, then by
  values (a column of URLs is the URL column; see :mod:`toolkit.columns`).
  :func:`toolkit.column_mapping` shows which column served as what.
* ``outlet`` (the publisher): the input's outlet column, else the outlet of a
  URL whose domain the table knows, else a saved page's own site name, else the
  URL's registrable domain, else the page's byline or site profile; always
  the canonical name of :mod:`toolkit.outlets` ("TASS." -> "TASS",
  ``europe.chinadaily.com.cn`` -> "China Daily"; an unknown domain gives its
  registrable domain). When more than :data:`OUTLET_WARN_SHARE` of the
  articles (of 20 or more) have no outlet, one :class:`LoadWarning` says how
  to map a column.
* ``wire``: the agency of a dateline ("(Reuters) -", "/TASS/"), canonical; it
  never replaces the publisher (HuffPost carrying "(Reuters)" stays HuffPost).
* ``quality``: flags of :mod:`toolkit.quality`; certain repairs (``don"t`` ->
  ``don't``) are made to the text first. The load report counts the flags
  (``attrs["quality_counts"]``).
* Hidden files and folders (``.git``, ``.ipynb_checkpoints``) are skipped.
"""

from __future__ import annotations

import codecs
import datetime
import hashlib
import io
import re
import warnings
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from toolkit import schema
from toolkit.clean import AMBIGUOUS_DATE, check_date_order, clean_page, guess_language, load_profiles, parse_date
from toolkit.tokens import word_count
from toolkit.columns import COLUMN_MAPPING_ATTR, MappingColumnMap
from toolkit.display import shorten
from toolkit.encoding import DecodingError, decode_bytes
from toolkit.errors import LoadError, LoadWarning, ParameterError
from toolkit.inputs import find_inputs
from toolkit.html_extract import _letters, front_page, page_site_name, title_without_site
from toolkit.outlets import host_of, load_outlets, registrable_domain
from toolkit.quality import QUALITY_FLAGS, quality_flags, repair_text
from toolkit.readers import (
    NOT_AN_ARTICLE, ArchiveLimits, ColumnMap, Problem, Row, display_name, read_path, rows_from_records, suffix_of,
)

__all__ = ["load_articles", "load_report", "load_sample", "write_beside"]

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SAMPLES = {"seed": DATA_DIR / "raw", "reference": DATA_DIR / "reference"}
_SIDECAR_KEYS = ("file", "filename", "file_name", "path")
_PAGE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")
_TEXT_PAGE_SUFFIXES = (".txt", ".text", ".txt.gz", ".text.gz")
_PROGRESS_FROM = 100  # files; fewer load in a blink
#: Share of articles without an outlet above which loading warns (one warning).
OUTLET_WARN_SHARE = 0.02
_OUTLET_WARN_MIN = 20  # articles: a handful loaded to try something out needs no outlet
QUALITY_COUNTS_ATTR = "quality_counts"


def load_articles(
    source,
    *,
    columns: dict | None = None,
    encoding: str | None = None,
    strict: bool = False,
    profiles=None,
    outlets=None,
    metadata=None,
    progress: bool | None = None,
    archive_limits: dict | None = None,
    date_order: str | None = None,
) -> pd.DataFrame:
    """Load articles from *source* into an articles DataFrame.

    Parameters
    ----------
    source : str, Path, list of them, or pandas.DataFrame
        A file, a folder (read recursively), a glob ("data/**/*.csv") or a list
        of these; or a DataFrame with a text column (it is not changed).
        Formats: see :mod:`toolkit.readers` (text pages, CSV/TSV, JSON, JSON
        Lines, Parquet, Excel, HTML, and .gz/.zip/.tar archives of them).
    columns : dict, optional
        ``{field: input column}`` for fields among text, title, date, url,
        outlet, author, language, dateline, doc_id (``{"url": "link"}``).
        Unnamed fields are detected from common names (text/body/content/
        article, date/publish_date/published/pubdate, title/headline, url/link,
        outlet/source/publication/site), then by their values (URLs, dates,
        prose, headlines). See :func:`toolkit.column_mapping`.
    encoding : str, optional
        Force one codec for every text file (default: detect, see toolkit.encoding).
    strict : bool
        Raise :class:`LoadError` at the first problem instead of reporting it.
    profiles : str, Path or list, optional
        Extra site-profile YAML files or folders (see toolkit.clean).
    outlets : str or Path, optional
        A YAML file of extra canonical outlet names (format of
        ``toolkit/outlets.yaml``); its entries win over the bundled ones.
    metadata : str or Path, optional
        A sidecar CSV of metadata keyed by file name (column ``file``).
    progress : bool, optional
        Show a progress bar; by default only for 100 files or more.
    archive_limits : dict, optional
        Raise (or lower) the bounds on what archives may unpack to, e.g.
        ``{"member_bytes": 2**30}``; keys and defaults: see
        :class:`toolkit.readers.ArchiveLimits`. A member past a limit is reported.
    date_order : {"MDY", "DMY"}, optional
        How to read dates written as numbers with the year last (12/31/2022,
        31.12.2022). By default they are not guessed: such an article keeps
        date NaT and the load report says why (see :func:`toolkit.clean.parse_date`).

    Returns
    -------
    pandas.DataFrame
        One row per article, columns ARTICLE_COLUMNS then extra input columns;
        ``attrs["load_report"]`` lists what did not load (see :func:`load_report`),
        ``attrs["column_mapping"]`` which column served as what (see
        :func:`toolkit.column_mapping`), ``attrs["quality_counts"]`` the number
        of articles per quality flag.

    Raises
    ------
    LoadError
        When *source* names nothing, or in strict mode at the first problem.
    ParameterError
        For invalid options, among them a ``columns=`` name that no input table
        has (one that only some tables have puts the others in the load report).
    """
    column_map = MappingColumnMap.from_mapping(columns)
    _check_options(encoding=encoding, strict=strict, progress=progress, date_order=date_order)
    limits = ArchiveLimits.build(archive_limits)
    builder = _ArticleBuilder(load_profiles(profiles), load_outlets(outlets), column_map, strict=strict,
                              date_order=date_order)
    if isinstance(source, pd.DataFrame):
        column_map.seen.update(str(name) for name in source.columns)
        column_map.check_given_columns()
        items = rows_from_records(source.to_dict("records"), "<DataFrame>", column_map)
        builder.add_items(items, name="<DataFrame>", relative="<DataFrame>", sidecar={})
        return builder.finish()
    inputs, not_found = find_inputs(source)
    for item in not_found:  # unreadable folders, dangling links: see toolkit.inputs
        builder.problem(item.path, item.line, item.reason)
    sidecars = _sidecars(inputs, column_map, encoding, metadata)
    inputs = [(path, rel) for path, rel in inputs if path not in sidecars]
    beside_pages = _has_pages(inputs)
    show = len(inputs) >= _PROGRESS_FROM if progress is None else progress
    from tqdm.auto import tqdm

    for path, relative in tqdm(inputs, desc="loading", unit="file", disable=not show):
        items = read_path(path, columns=column_map, encoding=encoding, limits=limits)
        if beside_pages:
            items = [_table_beside_pages(item) for item in items]
        builder.add_items(items, name=display_name(str(path)), relative=relative,
                          sidecar=_sidecar_for(path, sidecars), encoding=encoding)
        del items  # the raw text of a big file is not kept while the table is built
    column_map.check_given_columns()  # a column no table has is a mistyped name, not 0 articles and a warning
    articles = builder.finish()
    if len(inputs) == 1 and inputs[0][0].suffix.lower() in (".parquet", ".pq"):
        _attrs_from_beside(inputs[0][0], articles)
    return articles


def write_beside(articles: pd.DataFrame, parquet) -> dict[str, Path]:
    """Write the load report and column mapping of *articles* beside a Parquet file, as CSV.

    ``corpus.parquet`` gets ``corpus.load_report.csv`` and
    ``corpus.column_mapping.csv``; loading ``corpus.parquet`` again restores
    both into ``attrs``, so notebooks show how the original input was read.

    Returns
    -------
    dict
        ``{"load_report": path, "column_mapping": path}``.
    """
    from toolkit.columns import column_mapping

    parquet = Path(parquet)
    paths = {name: parquet.with_name(f"{parquet.stem}.{name}.csv") for name in ("load_report", "column_mapping")}
    load_report(articles).to_csv(paths["load_report"], index=False)
    column_mapping(articles).to_csv(paths["column_mapping"], index=False)
    return paths


def _attrs_from_beside(parquet: Path, articles: pd.DataFrame) -> None:
    """Restore the load report and column mapping written beside a Parquet corpus by :func:`write_beside`."""
    for name, attr in (("load_report", schema.LOAD_REPORT_ATTR), ("column_mapping", COLUMN_MAPPING_ATTR)):
        beside = parquet.with_name(f"{parquet.stem}.{name}.csv")
        if beside.is_file():
            try:
                rows = pd.read_csv(beside, dtype=str, keep_default_na=False).to_dict("records")
            except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError):
                continue
            if name == "load_report":
                rows = [{**r, "line": int(r["line"]) if r.get("line") else None} for r in rows]
                articles.attrs[attr] = rows + list(articles.attrs.get(attr, []))
            else:
                articles.attrs[attr] = rows


def load_report(articles: pd.DataFrame) -> pd.DataFrame:
    """The load report of *articles*: one row per input that did not load.

    Returns
    -------
    pandas.DataFrame
        Columns ``path`` (str), ``line`` (Int64: the file line where the row
        starts, header included, for CSV/TSV and JSON Lines; the sheet row for
        Excel; the record number for JSON arrays and Parquet; <NA> for a whole
        file), ``reason`` (str). Empty when everything loaded.
    """
    rows = articles.attrs.get(schema.LOAD_REPORT_ATTR, [])
    report = pd.DataFrame(list(rows), columns=list(schema.LOAD_REPORT_COLUMNS))
    report["line"] = report["line"].astype("Int64")
    return report


def load_sample(name: str = "seed", **options) -> pd.DataFrame:
    """Load a corpus bundled in the repository's ``data/`` folder.

    Parameters
    ----------
    name : {"seed", "reference"}
        "seed": the client's scraped page in ``data/raw`` (one Xinhua story on
        China.org.cn); "reference": Wikinews articles 2019-2020 in
        ``data/reference`` (CC BY 2.5), a general-news reference corpus.
    **options
        Passed to :func:`load_articles`.
    """
    if name not in SAMPLES:
        raise ParameterError(f"name: unknown sample {name!r}; choose one of {sorted(SAMPLES)}")
    if not SAMPLES[name].is_dir():
        raise LoadError(str(SAMPLES[name]), "sample folder missing: run from a clone of the repository")
    return load_articles(SAMPLES[name], **options)


def _check_options(*, encoding, strict, progress, date_order=None) -> None:
    check_date_order(date_order)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except (LookupError, TypeError):
            raise ParameterError(f"encoding: unknown codec {encoding!r}") from None
    if not isinstance(strict, bool):
        raise ParameterError(f"strict: expected True or False, got {strict!r}")
    if progress is not None and not isinstance(progress, bool):
        raise ParameterError(f"progress: expected True, False or None, got {progress!r}")


def _sidecars(inputs, column_map: ColumnMap, encoding, metadata) -> dict[Path, dict]:
    """Metadata CSVs among *inputs* (or given as *metadata*): {csv path: {file key: record}}."""
    candidates = [p for p, _ in inputs if p.suffix.lower() in (".csv", ".tsv")] if _has_pages(inputs) else []
    if metadata is not None:
        if not Path(metadata).is_file():
            raise ParameterError(f"metadata: {metadata} is not a file")
        candidates.append(Path(metadata))
    found = {}
    for path in candidates:
        table = _read_sidecar(path, column_map, encoding)
        if table is not None:
            found[path] = table
        elif metadata is not None and path == Path(metadata):
            raise ParameterError(f"metadata: {metadata} has no column among {list(_SIDECAR_KEYS)}")
    return found


def _has_pages(inputs) -> bool:
    return any(p.suffix.lower() in _PAGE_SUFFIXES for p, _ in inputs)


def _table_beside_pages(item):
    """*item*, or for a table with no text column among text or HTML pages, a note that it is no article.

    Such a table describes the pages (a ``metadata.csv`` of years and presidents); without a
    ``file`` column naming them it cannot be joined to them, and the reason says how.
    """
    if (isinstance(item, Problem) and item.line is None and item.reason.startswith("no text column")
            and suffix_of(item.path) in (".csv", ".tsv", ".tab")):
        name = PurePosixPath(item.path.replace("\\", "/")).name
        item.reason = (f"{NOT_AN_ARTICLE}{name} is a table with no text column beside the pages, skipped; if it "
                       f"holds their metadata, give it a column file naming them (or pass metadata=PATH)")
    return item


def _read_sidecar(path: Path, column_map: ColumnMap, encoding, data: bytes | None = None) -> dict | None:
    """{file key: record} of a metadata CSV/TSV (*data*: its bytes, as read from an archive); None if it is none."""
    try:
        text = decode_bytes(path.read_bytes() if data is None else data, encoding=encoding).text
        frame = pd.read_csv(
            io.StringIO(text), sep="\t" if path.suffix.lower() == ".tsv" else ",",
            dtype=str, keep_default_na=False,
        )
    except (DecodingError, OSError, pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    key = next((c for c in frame.columns if str(c).lower() in _SIDECAR_KEYS), None)
    if key is None or "text" in column_map.resolve(frame.columns):
        return None
    records = frame.drop(columns=[key]).to_dict("records")
    return {PurePosixPath(name.replace("\\", "/")).as_posix(): record for name, record in zip(frame[key], records)}


def _sidecar_for(path: Path, sidecars: dict[Path, dict]) -> dict:
    """The sidecar record of a page file, by its path relative to the CSV's folder or its name."""
    for csv_path, table in sidecars.items():
        try:
            key = path.relative_to(csv_path.parent).as_posix()
        except ValueError:
            key = path.name
        record = table.get(key) or table.get(path.name)
        if record is not None:
            return record
    return {}


class _ArticleBuilder:
    """Turns Rows into article records, Problems into report rows; builds the table."""

    def __init__(self, profiles, outlets, column_map, *, strict: bool, date_order: str | None = None):
        self.profiles, self.outlets, self.column_map, self.strict = profiles, outlets, column_map, strict
        self.date_order = date_order
        self.records, self.extras, self.report = [], {}, []
        self.seen: dict[str, tuple[str, int | None]] = {}
        self.copies: dict[bytes, tuple[str, int | None, str]] = {}  # digest of (URL, text) -> first (path, line, id)
        self.stories: list[Row] = []  # Media Cloud stories without text, joined by URL in finish()

    def problem(self, path: str, line: int | None, reason: str) -> None:
        """List an input that did not become an article; raise instead under ``strict=True``.

        A file that is no article (:data:`toolkit.readers.NOT_AN_ARTICLE`: a README, a licence)
        is listed all the same but never raises: it is not a problem.
        """
        if self.strict and not reason.startswith(NOT_AN_ARTICLE):
            raise LoadError(path, reason, line=line)
        self.report.append({"path": path, "line": line, "reason": reason})

    def add_items(self, items, *, name: str, relative: str, sidecar: dict, encoding=None) -> None:
        """Add what one input file gave; *name* is the path it was read under.

        A metadata CSV inside an archive of pages (a zipped folder of speeches with its
        ``metadata.csv``) serves its pages as it would in the folder.
        """
        inner = self.archive_sidecars(items, encoding)
        for item in items:
            if isinstance(item, Problem):
                if PurePosixPath(item.path) not in inner:
                    self.problem(item.path, item.line, item.reason)
                continue
            if item.fields.get("text") is None:
                self.stories.append(item)
                continue
            # an archive member "corpus/a.zip/m.txt" is "<relative of a.zip>/m.txt"
            own = _sidecar_for(PurePosixPath(item.path), inner) if inner and item.line is None else {}
            self.add_row(item, relative=relative + item.path[len(name) :], sidecar=own or sidecar)

    def archive_sidecars(self, items, encoding) -> dict[PurePosixPath, dict]:
        """{member path: {file key: record}} of the archive members that are metadata of its pages."""
        tables = [item for item in items if isinstance(item, Problem) and item.table is not None]
        if not tables or not any(isinstance(item, Row) and item.line is None
                                 and PurePosixPath(item.path).suffix.lower() in _PAGE_SUFFIXES for item in items):
            return {}
        found = {}
        for item in tables:
            table = _read_sidecar(PurePosixPath(item.path), self.column_map, encoding, item.table)
            if table is not None:
                found[PurePosixPath(item.path)] = table
            else:
                _table_beside_pages(item)
            item.table = None  # the bytes are not needed any more
        return found

    def add_row(self, row: Row, *, relative: str, sidecar: dict) -> None:
        fields, extras = dict(row.fields), dict(row.extras)
        if sidecar and row.line is None:
            _merge_sidecar(fields, extras, sidecar)
        url = _text(fields.get("url"))
        title = fields.get("title")
        cleaned = clean_page(
            fields["text"], profiles=self.profiles, url=url,
            title=None if title is None else _text(title),
        )
        if not cleaned["text"]:
            self.problem(row.path, row.line, "no text left after removing site chrome")
            return
        page = "site_name" in fields  # a saved web page: its metadata is read as trafilatura found it
        if page and url and front_page(url):
            self.problem(row.path, row.line, f"a site's front page ({url}), not an article: skipped")
            return
        if _TEST_TITLE.match(cleaned["title"]) or _TEST_TEXT.match(cleaned["text"]):
            self.problem(row.path, row.line, f"a test page, not an article ({shorten(cleaned['title'] or cleaned['text'], 60)!r})")
            return
        doc_id = _text(fields.get("doc_id")) or _hash_id(relative, row.line if row.record is None else row.record)
        if doc_id in self.seen:
            path, line = self.seen[doc_id]
            first = path if line is None else f"{path}, line {line}"
            self.problem(row.path, row.line, f"duplicate doc_id {doc_id!r} (first in {first}): skipped")
            return
        self.seen[doc_id] = (row.path, row.line)
        date = self.parse_date(fields.get("date"), cleaned["date"], row)
        given = _text(fields.get("date"))
        precision = ("year" if _YEAR_ONLY.fullmatch(given) else "month" if _MONTH_ONLY.fullmatch(given) else ""
                     ) if date is not None else ""
        if date is None and not _text(fields.get("date")) and row.line is None:
            date, precision = _date_from_name(row.path)
        if precision:
            self.extras.setdefault(schema.DATE_PRECISION, {})[len(self.records)] = precision
        text = repair_text(cleaned["text"])
        # an articles table read back (Parquet from `framing load`): its wire is kept, its quality recomputed
        given_wire = _text(extras.pop(schema.WIRE, ""))
        extras.pop(schema.QUALITY, None)
        site = page_site_name(_text(fields.get("site_name")), title=cleaned["title"], url=url) if page else ""
        outlet, wire = self.publisher(_text(fields.get("outlet")), url, cleaned, site_name=site)
        title = (self.page_title(cleaned["title"], [_text(fields.get("site_name")), site, outlet], url) if page
                 else cleaned["title"])
        self.note_copy(url, text, row, doc_id)
        wire = self.outlets.canonical(given_wire) if given_wire else wire
        self.records.append({
            schema.DOC_ID: doc_id,
            schema.TITLE: title,
            schema.TEXT: text,
            schema.OUTLET: outlet,
            schema.WIRE: wire,
            schema.DATE: date,
            schema.DATELINE: _text(fields.get("dateline")) or cleaned["dateline"],
            schema.URL: url,
            schema.AUTHOR: (_page_author(_text(fields.get("author")), self.outlets, site=(site, outlet)) if page
                            else _text(fields.get("author"))) or cleaned["author"],
            schema.LANGUAGE: _text(fields.get("language")) or guess_language(text),
            schema.N_WORDS: (n_words := word_count(text)),
            schema.QUALITY: quality_flags(text, n_words=n_words),
            schema.SOURCE_PATH: row.path,
            schema.SOURCE_ROW: row.line,
        })
        for key, value in extras.items():
            name = f"input_{key}" if key in schema.ARTICLE_COLUMNS else str(key)
            self.extras.setdefault(name, {})[len(self.records) - 1] = value

    def note_copy(self, url: str, text: str, row: Row, doc_id: str) -> None:
        """Report an article whose URL and text are those of one loaded before (the same page saved twice).

        Both are kept (the load drops nothing that has its own id); the report row
        names the first copy so the user can drop one (``toolkit.deduplicate`` or
        ``articles.drop_duplicates(["url", "text"])``). Without a URL nothing is
        compared: the same text under two outlets is a reprint, a matter for
        :func:`toolkit.find_duplicates`.
        """
        if not url:
            return
        key = hashlib.blake2b(f"{_url_key(url)}\n{text}".encode("utf-8", "surrogatepass"), digest_size=16).digest()
        first = self.copies.setdefault(key, (row.path, row.line, doc_id))
        if first[2] != doc_id:
            where = first[0] if first[1] is None else f"{first[0]}, line {first[1]}"
            self.problem(row.path, row.line, f"same URL and text as doc_id {first[2]!r} ({where}), the same article "
                         "loaded twice: both kept; drop one with articles.drop_duplicates(['url', 'text'])")

    def page_title(self, title: str, site_names: list[str], url: str) -> str:
        """A saved page's title without the site's name its ``<title>`` adds ("... | CNN Politics").

        *site_names*: the page's declared site name, as given and as read, then its outlet.
        """
        host = host_of(url) if url else ""
        domain = registrable_domain(host).split(".")[0] if host else ""
        outlet = site_names[-1]
        return title_without_site(title, site_names=site_names, domain=domain,
                                  is_site=lambda part: bool(outlet) and self.outlets.known(part) == outlet)

    def publisher(self, given: str, url: str, cleaned: dict, *, site_name: str = "") -> tuple[str, str]:
        """(outlet, wire): the publisher from metadata or URL first; the dateline's agency as wire.

        In order: the input's outlet (the user's metadata), a URL whose domain the
        outlet table knows, a saved page's own *site_name* (canonical when known:
        "Associated Press" -> "AP"; as given when not), the URL's registrable
        domain, the page's byline or site profile. A page's self-declared name
        the table does not know ("Hosted" on hosted.ap.org, "SputnikInt" on
        sputniknews.com) never beats a known domain.
        """
        canonical, table = self.outlets.canonical, self.outlets
        wire = canonical(cleaned["wire"]) if cleaned["wire"] else ""
        outlet = (canonical(given) or table.known_from_url(url) or canonical(site_name) or table.from_url(url)
                  or canonical(cleaned["outlet"]))
        if wire and wire == outlet and wire not in self.outlets.wires:
            wire = ""  # "Washington (CNN)" on cnn.com: the publisher's own dateline, not a wire
        return outlet, wire

    def parse_date(self, given, from_page, row: Row):
        """The input's date (parsed) or the page's; report an unparseable one or one pandas cannot store.

        A date pandas cannot store (before 1677-09-21 or after 2262-04-11) is
        kept as given, as text, in the column ``input_date``.
        """
        if given is None or (not isinstance(given, str) and pd.isna(given)) or _text(given) == "":
            parsed = from_page
        elif isinstance(given, (datetime.date, pd.Timestamp, np.datetime64)):
            parsed = _as_timestamp(given)
        else:  # text, or a number such as a year or an Excel serial read from Parquet or Excel
            parsed = _parse_date_cached(given if isinstance(given, str) else str(given).removesuffix(".0"),
                                        self.date_order)
        shown = given if given is not None and _text(given) else from_page
        if parsed is None and shown is not None:
            why = (" (day and month as numbers: their order cannot be told, so it is not guessed; give "
                   "date_order='MDY' or 'DMY' (framing load --date-order), or write YYYY-MM-DD)"
                   ) if self.date_order is None and AMBIGUOUS_DATE.fullmatch(_text(shown)) else ""
            self.problem(row.path, row.line, f"unparseable date {shown!r}{why}: article kept with date NaT")
            return None
        elif parsed is not None and not pd.Timestamp.min <= parsed <= pd.Timestamp.max:
            reason = (f"date {str(shown)!r} is outside the range pandas can store ({pd.Timestamp.min:%Y-%m-%d} to "
                      f"{pd.Timestamp.max:%Y-%m-%d}): article kept with date NaT and the text in column input_date")
        else:
            return parsed
        self.problem(row.path, row.line, reason)
        self.extras.setdefault("input_date", {})[len(self.records)] = str(shown)
        return None

    def join_stories(self) -> None:
        """Give Media Cloud stories' metadata to the articles with the same URL; report the rest.

        Not the sidecar mechanism (:func:`_merge_sidecar`) although both add metadata rows to
        articles: a sidecar is keyed by file name, read before any page and merged into the
        page's fields before cleaning, filling only what the page lacks; a story is keyed by
        URL, found only while reading (a Media Cloud CSV is told by its columns), joined
        after every input is read, its media name wins over the outlet guessed from the
        page, and a story matching no article is reported.
        """
        by_url = {_url_key(r[schema.URL]): i for i, r in enumerate(self.records) if r[schema.URL]}
        for story in self.stories:
            index = by_url.get(_url_key(_text(story.fields.get("url"))))
            if index is None:
                self.problem(story.path, story.line, f"story without text: no saved page or text column has its URL "
                             f"{_text(story.fields.get('url'))!r}")
                continue
            record = self.records[index]
            for name in (schema.TITLE, schema.OUTLET, schema.LANGUAGE):
                if _text(story.fields.get(name)):
                    record[name] = record[name] if name == schema.TITLE and record[name] else _text(story.fields[name])
            # the media name under its canonical outlet name, as every other input's outlet
            record[schema.OUTLET] = self.outlets.canonical(record[schema.OUTLET]) or record[schema.OUTLET]
            if pd.isna(record[schema.DATE]) or record[schema.DATE] is None:
                record[schema.DATE] = self.parse_date(story.fields.get("date"), None, story)
            for key, value in story.extras.items():
                self.extras.setdefault(f"input_{key}" if key in schema.ARTICLE_COLUMNS else key, {})[index] = value

    def finish(self) -> pd.DataFrame:
        self.join_stories()
        columns = {name: [r[name] for r in self.records] for name in schema.ARTICLE_COLUMNS}
        n_records, self.records = len(self.records), []  # the columns hold the values now
        articles = pd.DataFrame(columns)
        del columns  # the table holds the values now: a big text is not kept twice
        articles[schema.DATE] = pd.to_datetime(articles[schema.DATE]).astype("datetime64[ns]")
        articles[schema.N_WORDS] = articles[schema.N_WORDS].astype("int64")
        articles[schema.SOURCE_ROW] = articles[schema.SOURCE_ROW].astype("Int64")
        for name in (c for c in schema.ARTICLE_COLUMNS if c not in (schema.DATE, schema.N_WORDS, schema.SOURCE_ROW)):
            articles[name] = articles[name].astype(str) if len(articles) else articles[name].astype(object)
        if schema.DATE_PRECISION in self.extras:  # coarser than a day somewhere: say so for every article
            given = self.extras[schema.DATE_PRECISION]
            dated = articles[schema.DATE].notna().to_numpy()
            del self.extras[schema.DATE_PRECISION]  # last among the extras, after the input's own columns
            self.extras[schema.DATE_PRECISION] = {i: given.get(i, "day" if dated[i] else "") for i in range(n_records)}
        if self.extras:  # one concat: inserting 10,000 extra columns one by one is quadratic
            extras = pd.DataFrame({name: [values.get(i, np.nan) for i in range(n_records)]
                                   for name, values in self.extras.items()}, index=articles.index, dtype=object)
            articles = pd.concat([articles, extras.drop(columns=[c for c in extras if c in articles])], axis=1)
        articles.attrs[schema.LOAD_REPORT_ATTR] = self.report
        articles.attrs[COLUMN_MAPPING_ATTR] = self.column_map.summary()
        flags = articles[schema.QUALITY].str.split(";").explode()
        articles.attrs[QUALITY_COUNTS_ATTR] = {f: int((flags == f).sum()) for f in QUALITY_FLAGS}
        self.warn_missing_outlets(articles)
        # a README or licence beside the articles is listed, not warned about: unless nothing loaded
        problems = [r for r in self.report if n_records == 0 or not r["reason"].startswith(NOT_AN_ARTICLE)]
        if problems:
            first = problems[0]
            where = first["path"] + (f", line {first['line']}" if first["line"] is not None else "")
            others = len(self.report) - len(problems)
            also = f"; {others} more file(s) are no articles (read-me, licence...)" if others else ""
            warnings.warn(
                f"{len(problems)} input(s) were not loaded or had problems "
                f"({n_records} articles loaded{also}); first: {where}: {first['reason']}. "
                "See toolkit.load_report(articles).",
                LoadWarning,
                stacklevel=3,
            )
        return articles


    def warn_missing_outlets(self, articles: pd.DataFrame) -> None:
        missing = int((articles[schema.OUTLET] == "").sum()) if len(articles) else 0
        if len(articles) >= _OUTLET_WARN_MIN and missing > OUTLET_WARN_SHARE * len(articles):
            lacking = articles.loc[articles[schema.OUTLET] == "", schema.SOURCE_PATH]
            if lacking.str.lower().str.endswith(_TEXT_PAGE_SUFFIXES).all():
                # plain text files (speeches, transcripts) have no columns to map
                how = ("they are plain text files. Give each its outlet (or speaker) in a metadata CSV beside "
                       "them, with columns file and outlet (or metadata=PATH), if you will compare by it.")
            else:
                how = ("no outlet or URL column was found. Name one with columns={'outlet': COLUMN} or "
                       "{'url': COLUMN} (command line: --column url=COLUMN); see toolkit.column_mapping(articles).")
            warnings.warn(
                f"{missing:,} of {len(articles):,} articles ({missing / len(articles):.0%}) have no outlet: {how}",
                LoadWarning,
                stacklevel=4,
            )


def _merge_sidecar(fields: dict, extras: dict, record: dict) -> None:
    resolved = ColumnMap().resolve(record)
    by_column = {column: name for name, column in resolved.items()}
    for key, value in record.items():
        if key in by_column and by_column[key] != "text":
            if not _text(fields.get(by_column[key])):
                fields[by_column[key]] = value
        else:
            extras.setdefault(key, value)


# What saved pages' author metadata adds to the names: "Analysis by Chris Cillizza", "Tom Gillespie News reporter",
# "CNN Editor-at-large", "ERIC TUCKER Associated Press" (the outlet: see _page_author)
_AUTHOR_LEAD = re.compile(r"^(?:(?:news\s+)?analysis|opinion|commentary|interview)\s+by\s+|^by\s+", re.I)
_AUTHOR_ROLE = re.compile(
    r"(?:^|\s+)(?:(?:senior|chief|deputy|news|political|politics|business|foreign|international|staff|special|"
    r"contributing|digital|executive|managing|associate|science|health|economics|diplomatic|security|defence|"
    r"defense|technology|royal|sports?|data)\s+)*"
    r"(?:reporter|correspondent|editor(?:-at-large| at large)?|writer|columnist|producer|analyst|contributor)$",
    re.I,
)


# Labels a page's byline area shows where trafilatura looks for an author ("Submitted on Mon, 2019-01-21")
_AUTHOR_LABELS = frozenset({"submitted", "posted", "published", "updated", "admin", "administrator", "webmaster"})


def _page_author(author: str, outlets, *, site=()) -> str:
    """A saved page's author metadata as the people's names only ("; "-separated).

    Leading "Analysis by"/"By", a trailing job title ("News reporter", "Editor-at-large") and
    a trailing outlet name the outlet table knows ("Associated Press", "CNN Business") go;
    a part that was nothing else goes with them, and so do the page's own site names *site*
    (LinkNaija's pages give "LinkNaija" as their author) and labels such as "Submitted".
    """
    own = {_letters(name) for name in site if name}
    names = []
    for part in author.split(";"):
        part = _AUTHOR_LEAD.sub("", part.strip())
        bare = _AUTHOR_ROLE.sub("", part).strip(" ,-|")
        if not bare or len(bare.split()) >= 2 or outlets.known(bare):  # "Sarah Reporter" keeps her name
            part = bare
        words = part.split()
        for size in (3, 2, 1):
            if len(words) >= size and outlets.known(" ".join(words[-size:])):
                words = words[:-size]
                break
        name = " ".join(words)
        if words and not outlets.known(name) and name.casefold() not in _AUTHOR_LABELS \
                and _letters(name) not in own:
            names.append(name)
    return "; ".join(dict.fromkeys(names))


# A site's own test page ("TEST PAGE:Self-publish today" on Wikinews: "This is a test page! It should not be
# reviewed"): the page says it is not news. Only these openings, so an article about testing stays.
_TEST_TITLE = re.compile(r"test[ _]page\b", re.I)
_TEST_TEXT = re.compile(r"this is a test (?:page|article|post|story)\b", re.I)


_YEAR_ONLY = re.compile(r"\d{4}(?:\.0)?")
_MONTH_ONLY = re.compile(r"\d{4}-\d{2}")  # ISO 8601's year-month ("2013-08": a saved page's month, see html_extract)
# A file name opening with a day: "2022-01-11_tass.html", "2022_01_11.txt", "2022-01-11_8078aa0c.txt"
_NAME_DAY = re.compile(r"(\d{4})([-_.])(\d{2})\2(\d{2})(?!\d)")
# ... or with a year or year-month and a word: "1956-Eisenhower.txt", "2021_03 report.txt"; the word, up to
# the next separator or dot, must read as one ("Eisenhower", "report", "TASS", "GWBush") for the number to
# be plainly a date: "2015_80789.txt" and "2015_abcdef.txt" are ids
_NAME_YEAR = re.compile(r"(\d{4})(?:[-_.](\d{2}))?[-_ .]?([^\W_]+)")
_NAME_MONTH = re.compile(r"(\d{4})-(\d{2})")  # the whole stem in ISO 8601's year-month form: "2021-03.txt"
_HEX_ID = re.compile(r"[0-9a-f]{6,}", re.I)
_EXTENSIONS = re.compile(r"(?:\.[A-Za-z][A-Za-z0-9]{0,4}){1,2}$")


def _reads_as_word(token: str) -> bool:
    """*token* is a word or a name, not an id: letters only, in lower, upper or title case or names run
    together ("GWBush"), not "xKq"; and not six or more letters that are all hex digits ("abcdef")."""
    if not token.isalpha() or _HEX_ID.fullmatch(token):
        return False
    return token.islower() or token.isupper() or bool(re.fullmatch(r"(?:[^\W\d_a-z][^\W\d_A-Z]*)+", token))


def _date_from_name(path: str) -> tuple[pd.Timestamp | None, str]:
    """(date, precision) from a file name that opens with a year, year-month or ISO day; (None, "") if none.

    Only what the name plainly says: "1956-Eisenhower.txt" gives 1956-01-01 with precision
    "year", "2022-01-11_tass.html" its day. A year or year-month counts only when a word follows
    it ("Eisenhower", "report"): a name that is only a number ("2001.txt", an article id), numbers
    ("2015_80789.txt") or a number then an id ("2015_abcdef.txt", "2015_a7c2.txt", "2015_xKq") gives
    nothing, nor a year outside 1678-2261 (what pandas can store).
    """
    name = PurePosixPath(path.replace("\\", "/")).name
    stem = _EXTENSIONS.sub("", name)  # "2022.01.11_tass.html.gz" -> "2022.01.11_tass"
    if match := _NAME_DAY.match(stem):
        year, _, month, day = match.groups()
    elif match := _NAME_MONTH.fullmatch(stem):
        (year, month), day = match.groups(), None
    elif (match := _NAME_YEAR.match(stem)) and _reads_as_word(match.group(3)):
        (year, month, _), day = match.groups(), None
    else:
        return None, ""
    if not 1678 <= int(year) <= 2261:
        return None, ""
    try:
        stamp = pd.Timestamp(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None, ""
    return stamp, "day" if day else "month" if month else "year"


def _url_key(url: str) -> str:
    """A URL as joined across inputs: no scheme, "www.", fragment or trailing slash; lower-case host."""
    url = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I).split("#", 1)[0]
    host, _, rest = url.partition("/")
    return host.lower().removeprefix("www.") + "/" + rest.rstrip("/")


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _hash_id(relative: str, line: int | None) -> str:
    key = relative if line is None else f"{relative}:{line}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


_date_cache: dict[tuple, object] = {}


def _parse_date_cached(value: str, order: str | None = None):
    key = (value, order)
    if key not in _date_cache:
        if len(_date_cache) > 100_000:
            _date_cache.clear()
        _date_cache[key] = parse_date(value, order=order)
    return _date_cache[key]


def _as_timestamp(value):
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    if stamp is pd.NaT:
        return None
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp
