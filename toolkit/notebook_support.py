"""Small helpers the notebooks call, so that no notebook needs a ``def``.

They check parameters early (naming the parameter in the error), open the
corpus a report is about (:func:`open_corpus`: in memory, or out of memory on
Dask), select its articles, show tables and keyword-in-context lines with
every piece of article text HTML-escaped, and describe where a report's
numbers came from (:func:`provenance`).
"""

from __future__ import annotations

import hashlib
import html
import platform
import re
import time
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

import toolkit
from toolkit import scale
from toolkit.collocations import collocations
from toolkit.frequency import frequency_table, group_index, term_frequency, tfidf
from toolkit.keyness import keyness, keyness_from_counts
from toolkit.match import keyword_in_context, match_frames
from toolkit.duplicates import deduplicate, find_duplicates
from toolkit.errors import LoadWarning, ParameterError, require_columns
from toolkit.load import load_articles, load_report
from toolkit.rates import count_words
from toolkit.schema import ARTICLE_COLUMNS, DATE, DOC_ID, LOAD_REPORT_COLUMNS, N_WORDS, OUTLET, SOURCE_ROW, TEXT
from toolkit.tokens import make_settings

#: Packages whose versions every report records.
PROVENANCE_PACKAGES = (
    "framing-toolkit", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib",
    "nltk", "pyarrow", "papermill", "nbconvert",
)


def require_path(value: str | Path, *, parameter: str) -> Path:
    """*value* as an absolute path; a ParameterError naming *parameter* if nothing is there."""
    path = Path(value).expanduser().resolve()
    if not str(value) or not path.exists():
        raise ParameterError(f"{parameter}: no such file or folder: {path}")
    return path


def _day(value: str, parameter: str) -> pd.Timestamp | None:
    if not value:
        return None
    try:
        return pd.Timestamp(value).normalize()
    except ValueError:
        raise ParameterError(f"{parameter}: not a date (YYYY-MM-DD): {value!r}") from None


def _text(day) -> str:
    return "unknown" if pd.isna(day) else f"{day:%Y-%m-%d}"


def select_articles(
    articles: pd.DataFrame, *, start_date: str = "", end_date: str = "", outlets: str = ""
) -> pd.DataFrame:
    """The articles within a date range and from some outlets, as a new DataFrame.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (columns ``date``, ``outlet``).
    start_date, end_date : str
        First and last day kept (``YYYY-MM-DD``, both inclusive); "" for no
        limit. Articles without a date are dropped when either is set.
    outlets : str
        Comma-separated outlet names to keep (case-insensitive); "" keeps all.

    Raises
    ------
    ParameterError
        A date that does not parse, or a filter that leaves no article (the
        message names the parameter(s) responsible).
    """
    require_columns(articles, ["date", "outlet"], where="select_articles")
    keep = pd.Series(True, index=articles.index)
    start, end = _day(start_date, "start_date"), _day(end_date, "end_date")
    if start is not None:
        keep &= articles["date"] >= start
    if end is not None:
        keep &= articles["date"] < end + pd.Timedelta(days=1)
    if (start is not None or end is not None) and not keep.any():
        raise ParameterError(
            f"start_date/end_date: no article between {start_date or 'the start'} and "
            f"{end_date or 'the end'}; the articles run from {_text(articles['date'].min())} "
            f"to {_text(articles['date'].max())}"
        )
    wanted = {o.strip().casefold() for o in outlets.split(",") if o.strip()}
    if wanted:
        keep &= articles["outlet"].str.casefold().isin(wanted)
        if not keep.any():
            available = ", ".join(sorted(articles["outlet"].dropna().unique())[:20])
            raise ParameterError(
                f"outlets: no article from {outlets!r} in the selection; outlets are: {available}"
            )
    return articles.loc[keep].copy()


def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, outlets, first and last day, words: one row per measure.

    Returns
    -------
    pandas.DataFrame
        Index ``measure``, column ``value`` (formatted strings).
    """
    require_columns(articles, ["outlet", "date", "n_words"], where="corpus_summary")
    dated = articles["date"].dropna()
    values = {
        "articles": f"{len(articles):,}",
        "outlets": f"{articles['outlet'].nunique():,}",
        "first day": f"{dated.min():%Y-%m-%d}" if len(dated) else "unknown",
        "last day": f"{dated.max():%Y-%m-%d}" if len(dated) else "unknown",
        "undated articles": f"{len(articles) - len(dated):,}",
        "words": f"{articles['n_words'].sum():,}",
        "median words per article": f"{articles['n_words'].median():,.0f}" if len(articles) else "0",
    }
    return pd.DataFrame({"value": values}).rename_axis("measure")


def outlet_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, words and first and last day per outlet, largest outlet first.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet``, ``articles``, ``words``, ``median_words``,
        ``first_day``, ``last_day``.
    """
    require_columns(articles, ["doc_id", "outlet", "date", "n_words"], where="outlet_summary")
    return (
        articles.groupby("outlet")
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"), median_words=("n_words", "median"),
             first_day=("date", "min"), last_day=("date", "max"))
        .sort_values("articles", ascending=False, kind="stable")
        .reset_index()
    )


def dictionary_summary(frames) -> pd.DataFrame:
    """One row per frame of a dictionary: its label, description and a few patterns.

    Parameters
    ----------
    frames : FrameDictionary
        From ``toolkit.frames.load_frames``.

    Returns
    -------
    pandas.DataFrame
        Index ``frame``; columns ``label``, ``description``, ``n_patterns``,
        ``n_excluded`` (phrases whose hits are dropped) and ``examples``.
    """
    rows = [
        {"frame": frame.id, "label": frame.label, "description": frame.description,
         "n_patterns": len(frame.patterns), "n_excluded": len(frame.exclude),
         "examples": ", ".join(p.pattern for p in frame.patterns[:4])}
        for frame in frames.frames
    ]
    return pd.DataFrame(rows).set_index("frame")


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """A ``frame_rates`` table for reading: short headings, rounded rates, shares in percent.

    Returns
    -------
    pandas.DataFrame
        The group columns and ``frame`` as the index; columns ``mentions``,
        ``per 1,000 words``, ``articles mentioning`` and ``share of articles
        (95% CI)``.
    """
    require_columns(rates, ["frame", "n_mentions", "mentions_per_1000_words", "n_articles_with_mention",
                            "share_with_mention", "share_ci_low", "share_ci_high"], where="rates_table")
    groups = [c for c in rates.columns if not c.startswith(("n_", "share_", "mentions_")) and c != "frame"]
    percent = (rates[["share_with_mention", "share_ci_low", "share_ci_high"]] * 100).round()
    share = [f"{p:.0f}% ({low:.0f}–{high:.0f}%)" if pd.notna(p) else ""
             for p, low, high in percent.to_numpy()]
    table = pd.DataFrame({
        **{c: rates[c] for c in groups},
        "frame": rates["frame"],
        "mentions": rates["n_mentions"],
        "per 1,000 words": rates["mentions_per_1000_words"].round(2),
        "articles mentioning": rates["n_articles_with_mention"],
        "share of articles (95% CI)": share,
    })
    return table.set_index([*groups, "frame"])


def voice_table(hits: pd.DataFrame, column: str = "voice"):
    """Hits per frame and value of a voice column (``voice`` or ``distancing``), with totals.

    Hits matched with ``voice=False`` have no voice columns: a note is
    printed instead and None returned (the report shows the note).
    """
    if column not in hits.columns:
        print("Not computed: the hits were matched with voice=False (set voice=True to see in whose voice they stand).")
        return None
    values = hits[column].replace("", "none") if column == "distancing" else hits[column]
    return pd.crosstab(hits["frame"], values, margins=True, margins_name="all")


def speaker_table(hits: pd.DataFrame, *, n: int = 20):
    """The speakers most often quoted or cited with framing language: hits per speaker and frame."""
    if "speaker" not in hits.columns:
        print("Not computed: the hits were matched with voice=False.")
        return None
    speakers = hits[hits["voice"].isin(["quoted", "attributed"])].groupby(["speaker", "frame"]).size().rename("hits")
    return speakers.sort_values(ascending=False).head(n).to_frame()


def shorten(text: str, width: int, *, keep: str = "start") -> str:
    """*text* on one line, cut to *width* characters with an ellipsis (keeping its start or end)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if keep == "start" else "…" + text[-(width - 1):]


def preview(table: pd.DataFrame, *, n: int = 10, width: int = 60) -> pd.DataFrame:
    """The first *n* rows of *table* with long text cut to *width* characters.

    pandas escapes HTML when it displays the result, so article text shows as
    text. Dates are shown as days.
    """
    head = table.head(n).copy()
    for column in head.columns:
        if pd.api.types.is_datetime64_any_dtype(head[column]):
            head[column] = head[column].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_string_dtype(head[column]) or head[column].dtype.kind == "O":
            head[column] = head[column].map(lambda v: shorten(v, width) if isinstance(v, str) else v)
    return head


class EscapedHTML:
    """HTML built by the toolkit from escaped pieces, shown as such by Jupyter."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def kwic_table(kwic: pd.DataFrame, *, n: int = 20, width: int = 32, random_state: int = 0) -> EscapedHTML:
    """Keyword-in-context lines as an HTML table, every piece of text escaped.

    Parameters
    ----------
    kwic : pandas.DataFrame
        A keyword-in-context table (KWIC_COLUMNS).
    n : int
        Lines shown: a random sample of *n* when there are more, in table order.
    width : int
        Characters of context either side of the keyword.
    random_state : int
        Seed of the sample.
    """
    require_columns(kwic, ["outlet", "date", "pre", "keyword", "post", "frame"], where="kwic_table")
    if len(kwic) > n:
        kwic = kwic.sample(n, random_state=random_state).sort_index()
    cell = 'style="text-align:{}; white-space:nowrap"'
    rows = []
    for row in kwic.itertuples():
        day = row.date.strftime("%Y-%m-%d") if pd.notna(row.date) else ""
        rows.append(
            f"<tr><td {cell.format('left')}>{html.escape(str(row.outlet))}<br><small>{day}</small></td>"
            f"<td {cell.format('left')}>{html.escape(str(row.frame))}</td>"
            f"<td {cell.format('right')}>{html.escape(shorten(row.pre, width, keep='end'))}</td>"
            f"<td {cell.format('center')}><b>{html.escape(str(row.keyword))}</b></td>"
            f"<td {cell.format('left')}>{html.escape(shorten(row.post, width))}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("source", "frame", "before", "keyword", "after"))
    caption = f"<caption>{len(rows)} of the matches, in context</caption>" if rows else ""
    return EscapedHTML(f'<table class="kwic">{caption}<thead><tr>{head}</tr></thead>'
                       f"<tbody>{''.join(rows)}</tbody></table>")


def corpus_fingerprint(path: str | Path) -> dict:
    """Files, bytes and a SHA-256 of a corpus file or folder (hidden files skipped).

    The hash covers each file's path relative to *path* and its bytes, in
    sorted order, so it changes when any file is added, removed, renamed or edited.
    """
    path = Path(path)
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    digest, n_bytes = hashlib.sha256(), 0
    for file in files:
        if file != path:  # a single file hashes like `sha256sum FILE`
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                n_bytes += len(chunk)
    return {"files": len(files), "bytes": n_bytes, "sha256": digest.hexdigest()}


def _frames_facts(frames) -> dict:
    """Name, version and hash of a frame dictionary (a loaded one, or a YAML path)."""
    if hasattr(frames, "sha256"):
        return {"name": frames.name, "version": frames.version, "sha256": frames.sha256}
    path = Path(frames)
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"name": spec.get("name", ""), "version": str(spec.get("version", "")),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        if package == "framing-toolkit":  # a source tree that is not installed
            return f"{toolkit.__version__} (source tree {Path(toolkit.__file__).parent.parent})"
        return "not installed"


def provenance(
    articles: pd.DataFrame, *, corpus_path: str | Path, frames=None, reference_path: str | Path | None = None
) -> pd.DataFrame:
    """Where a report's numbers came from: software, dictionary, corpus, date.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles the report analysed (after any selection).
    corpus_path : path
        The corpus file or folder they were loaded from.
    frames : FrameDictionary or path, optional
        The frame dictionary used (its name, version and SHA-256 are shown).
    reference_path : path, optional
        The reference corpus, fingerprinted like the corpus.

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` and ``value`` (strings), one row per fact.
    """
    corpus = corpus_fingerprint(corpus_path)
    rows = [("generated (UTC)", time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())),
            ("python", platform.python_version())]
    rows += [(package, _version(package)) for package in PROVENANCE_PACKAGES]
    if frames is not None:
        facts = _frames_facts(frames)
        rows += [("frame dictionary", f"{facts['name']} {facts['version']}"),
                 ("frame dictionary sha256", facts["sha256"])]
    rows += [("corpus", str(Path(corpus_path).name)),
             ("corpus sha256", corpus["sha256"]),
             ("corpus size", f"{corpus['files']:,} files, {corpus['bytes']:,} bytes"),
             ("articles analysed", f"{len(articles):,}")]
    if reference_path:
        reference = corpus_fingerprint(reference_path)
        rows += [("reference corpus", str(Path(reference_path).name)),
                 ("reference sha256", reference["sha256"]),
                 ("reference size", f"{reference['files']:,} files, {reference['bytes']:,} bytes")]
    return pd.DataFrame(rows, columns=["item", "value"])


# --------------------------------------------------------------------------- the corpus of a report

#: Values of the notebooks' ``backend`` parameter.
BACKENDS = ("pandas", "dask")
_ADDRESS = re.compile(r"([a-z]+://)?[\w.\-\[\]:]+(:\d+)?")


def check_backend(backend: str, scheduler: str = "") -> None:
    """Fail at once, naming the parameter, on a bad ``backend`` or ``scheduler`` value."""
    if backend not in BACKENDS:
        raise ParameterError(
            f"backend: expected 'pandas' (the corpus in memory) or 'dask' (a Parquet corpus out of memory), "
            f"got {backend!r}"
        )
    if not isinstance(scheduler, str) or (scheduler.strip() and not _ADDRESS.fullmatch(scheduler.strip())):
        raise ParameterError(f"scheduler: expected a Dask scheduler address such as 'tcp://10.0.0.5:8786' "
                             f"or \"\", got {scheduler!r}")
    if scheduler.strip() and backend != "dask":
        raise ParameterError(f"scheduler: a Dask scheduler is only used with backend='dask' (backend is {backend!r})")


class Corpus:
    """The articles a report is about, and the analyses that read their text.

    Made by :func:`open_corpus`. With backend "pandas", :attr:`articles` holds
    every column, text included, and the analyses are the toolkit's pandas
    functions. With backend "dask", :attr:`articles` holds the metadata only
    (every article column but ``text``: a few hundred bytes per article) and
    the analyses read the text from Parquet on the Dask cluster through
    :mod:`toolkit.scale`, with the same results. What cannot run out of
    memory says so in the report (a printed note), never silently.

    Attributes
    ----------
    articles : pandas.DataFrame
        The selected articles (without ``text`` on Dask).
    backend, scheduler : str
        As given to :func:`open_corpus`.
    path : pathlib.Path
        The corpus as given (for provenance).
    parquet : pathlib.Path or None
        The Parquet file the Dask analyses read.
    skipped : pandas.DataFrame
        The load report: inputs that did not become articles.
    """

    def __init__(self, articles, *, backend="pandas", scheduler="", path=None, parquet=None, source=None, skipped=None):
        self.articles, self.backend, self.scheduler = articles, backend, scheduler
        self.path, self.parquet, self._source = path, parquet, source
        self.skipped = skipped if skipped is not None else pd.DataFrame(columns=list(LOAD_REPORT_COLUMNS))
        self._duplicates = None
        self._word_counts = {}  # token options -> word counts per outlet (Dask), see _words_by_outlet

    @property
    def on_dask(self) -> bool:
        return self.backend == "dask"

    @property
    def analysed(self):
        """What the analyses read: the articles DataFrame, or a Dask DataFrame of them."""
        return self._source if self.on_dask else self.articles

    def _dask(self) -> dict:
        return {"engine": "dask", "scheduler": self.scheduler.strip() or None}

    def match_frames(self, frames, **options) -> pd.DataFrame:
        """:func:`toolkit.match.match_frames` (with the voice columns unless ``voice=False``)."""
        if self.on_dask:
            return scale.match_frames(self._source, frames, **self._dask(), **options)
        return match_frames(self.articles, frames, **options)

    def keyword_in_context(self, frames, *, window: int = 10) -> pd.DataFrame:
        """:func:`toolkit.match.keyword_in_context` of the dictionary's hits."""
        if self.on_dask:
            return scale.keyword_in_context(self._source, frames, window=window, **self._dask())
        return keyword_in_context(self.articles, frames, window=window, progress=False)

    def term_frequency(self, **options) -> pd.DataFrame:
        """:func:`toolkit.frequency.term_frequency` (options as there).

        On Dask, single words overall are summed from the counts per outlet
        (:meth:`_words_by_outlet`), which the TF-IDF and keyness tables share:
        one pass over the text instead of three.
        """
        if not self.on_dask:
            return term_frequency(self.articles, **options)
        options.pop("progress", None)
        if not _single_words(options):
            return scale.term_frequency(self._source, **self._dask(), **options)
        return _overall_from_groups(self._words_by_outlet(options), make_settings(**options))

    def keyness(self, *, reference: "Corpus", **options) -> pd.DataFrame:
        """:func:`toolkit.keyness.keyness` of these articles against a *reference* corpus.

        On Dask, for single words and the default measure, from the word counts
        of both corpora (:func:`toolkit.keyness.keyness_from_counts` with their
        token totals: the same table as ``keyness``).
        """
        if not self.on_dask:
            return keyness(self.articles, reference=reference.analysed, **options)
        options.pop("progress", None)
        if not _single_words(options) or set(options) & {"measure", "correction"}:
            return scale.keyness(self._source, reference=reference.analysed, **self._dask(), **options)
        settings = make_settings(**options)
        target, other = self.term_frequency(**options), reference.term_frequency(**options)
        table = keyness_from_counts(target, other, target_total=_token_total(target),
                                    reference_total=_token_total(other), min_count=settings.min_count)
        table.attrs["token_settings"] = settings.describe()
        return table

    def tfidf(self, *, by: str, n: int = 10, **options) -> pd.DataFrame:
        """:func:`toolkit.frequency.tfidf` with each group of *by* pooled into one document.

        On Dask, from the terms counted per group by :func:`toolkit.scale.term_frequency`,
        weighted by the same scikit-learn transformer.
        """
        if not self.on_dask:
            return tfidf(self.articles, by=by, n=n, **options)
        options.pop("progress", None)
        min_count = options.pop("min_count", None) or 1  # applied to the totals over the groups, as tfidf does
        if by == OUTLET and _single_words(options):
            counts = self._words_by_outlet(options)
        else:
            counts = scale.term_frequency(self._source, by=by, min_count=1, **self._dask(), **options)
        labels = group_index(self.articles, by)[1]  # every group counts in idf, also one without terms
        return _tfidf_from_counts(counts, labels, n, min_count=int(min_count))

    def _words_by_outlet(self, options: dict) -> pd.DataFrame:
        """Word counts per outlet (``min_count=1``), counted once per set of token options."""
        key = repr(sorted((k, v) for k, v in options.items() if k != "min_count"))
        if key not in self._word_counts:
            wanted = {k: v for k, v in options.items() if k != "min_count"}
            self._word_counts[key] = scale.term_frequency(self._source, by=OUTLET, min_count=1, **self._dask(), **wanted)
        return self._word_counts[key]

    def collocations(self, *, frames, **options) -> pd.DataFrame:
        """:func:`toolkit.collocations.collocations`; on Dask, an empty table and a note."""
        if not self.on_dask:
            return collocations(self.articles, frames=frames, **options)
        print("Note (backend='dask'): collocations need every article's tokens in one process and are "
              "not computed out of memory; run this notebook with backend='pandas' on a selection "
              "(start_date, end_date, outlets) that fits in memory to see them.")
        empty = pd.DataFrame({"collocate": pd.Series(dtype="str"),
                              **{c: pd.Series(dtype="float64") for c in ("observed", "expected", "pmi", "g2", "t_score")}})
        empty.attrs["n_node"] = 0
        return empty

    def duplicates(self, *, threshold: float = 0.8) -> pd.DataFrame:
        """Copies of other articles, as :func:`toolkit.duplicates.find_duplicates` lists them.

        On Dask, near-duplicate detection (which compares every article's
        shingles in one process) is replaced by exact copies (the same text,
        found by a hash computed on the workers), and a note says so.
        """
        if self._duplicates is None:
            if self.on_dask:
                print("Note (backend='dask'): only exact copies (identical text) are found out of memory; "
                      "near-duplicates (edited reprints) need backend='pandas' (toolkit.duplicates.find_duplicates).")
                hashes = _gather(self._source.map_partitions(_text_hashes, meta=_text_hashes(self._source._meta)),
                                 self.scheduler)
                self._duplicates = _exact_copies(self.articles.merge(hashes, on=DOC_ID, how="left"))
            else:
                self._duplicates = find_duplicates(self.articles, threshold=threshold, progress=False)
        return self._duplicates

    def without_copies(self, *, threshold: float = 0.8) -> pd.DataFrame:
        """:attr:`articles` without the copies :meth:`duplicates` finds (the earliest of each is kept)."""
        return deduplicate(self.articles, self.duplicates(threshold=threshold))


def open_corpus(
    corpus_path, *, backend: str = "pandas", scheduler: str = "", output_dir=".", start_date: str = "",
    end_date: str = "", outlets: str = "", parameter: str = "corpus_path",
) -> Corpus:
    """Open the corpus of a report: load it, or keep it out of memory on Dask.

    Parameters
    ----------
    corpus_path : path
        A file or folder of articles (any format :func:`toolkit.load.load_articles` reads).
    backend : {"pandas", "dask"}
        "pandas" loads every article into memory. "dask" reads a Parquet
        articles table (``framing load SOURCE --out corpus.parquet``) in row
        groups on a Dask cluster: only the metadata comes into memory. Any
        other input is loaded once and written to Parquet in
        ``output_dir/parquet/`` (named by the corpus's SHA-256, so later runs
        reuse it), and a printed line says so.
    scheduler : str
        Address of a running Dask scheduler; "" starts a local cluster of two
        worker processes (see :func:`toolkit.scale.get_client`).
    output_dir : path
        Where converted corpora go.
    start_date, end_date, outlets : str
        The selection, as in :func:`select_articles`.
    parameter : str
        The parameter named in errors about the path.

    Raises
    ------
    ParameterError
        A bad backend or scheduler value, a missing path, an unreachable
        scheduler, a Parquet file that is not an articles table, or a
        selection that keeps no article.
    """
    check_backend(backend, scheduler)
    path = require_path(corpus_path, parameter=parameter)
    if backend == "pandas":
        loaded = _load(path)
        articles = select_articles(loaded, start_date=start_date, end_date=end_date, outlets=outlets)
        return Corpus(articles, path=path, skipped=load_report(loaded))
    parquet = path if scale.is_parquet_path(path) else _as_parquet(path, Path(output_dir) / "parquet")
    _connect(scheduler)
    frame = scale.read_articles_dask(parquet)
    missing = [c for c in (DOC_ID, TEXT) if c not in frame.columns]
    if missing:
        raise ParameterError(f"{parameter}: {parquet} has no column {', '.join(missing)}: backend='dask' reads an "
                             "articles table, as written by `framing load SOURCE --out corpus.parquet`")
    complete = frame.map_partitions(_complete, meta=_complete(frame._meta))
    metadata = _complete(_read_metadata(parquet), n_words=lambda: _gather(complete[[N_WORDS]], scheduler)[N_WORDS])
    articles = select_articles(metadata, start_date=start_date, end_date=end_date, outlets=outlets)
    source = complete
    if len(articles) < len(metadata):
        source = complete.map_partitions(_keep, frozenset(articles[DOC_ID]), meta=complete._meta)
    return Corpus(articles, backend="dask", scheduler=scheduler, path=path, parquet=parquet, source=source,
                  skipped=_load_report_beside(parquet))


def open_reference(reference_path, *, backend: str = "pandas", scheduler: str = "", output_dir=".") -> Corpus:
    """The reference corpus of a keyness comparison, as a :class:`Corpus`.

    On Dask a Parquet reference stays out of memory; any other reference is
    loaded into memory (reference corpora are usually small; convert a large
    one with ``framing load``).
    """
    check_backend(backend, scheduler)
    path = require_path(reference_path, parameter="reference_path")
    on_dask = backend == "dask" and scale.is_parquet_path(path)
    return open_corpus(path, backend="dask" if on_dask else "pandas", scheduler=scheduler if on_dask else "",
                       output_dir=output_dir, parameter="reference_path")


def _load(path: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)  # the load report is shown in notebook 01
        return load_articles(path, progress=False)


def _as_parquet(path: Path, folder: Path) -> Path:
    """The corpus at *path* as a Parquet articles table in *folder*, written once per content."""
    target = folder / f"{path.stem}-{corpus_fingerprint(path)['sha256'][:12]}.parquet"
    if target.exists():
        print(f"backend='dask' reads Parquet: using {target}, converted from {path} by an earlier run.")
        return target
    loaded = _load(path)
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    scale.write_articles_parquet(loaded, partial)
    load_report(loaded).to_csv(target.with_name(target.stem + ".load_report.csv"), index=False)
    partial.replace(target)  # a run cut short leaves no half-written corpus behind
    print(f"backend='dask' reads Parquet: {path} was loaded into memory once ({len(loaded):,} articles) and "
          f"written to {target}; pass that file as corpus_path next time (or convert with "
          f"`framing load SOURCE --out corpus.parquet`).")
    return target


def _load_report_beside(parquet: Path) -> pd.DataFrame | None:
    """The load report ``framing load`` writes beside a Parquet file (``NAME.load_report.csv``), if any."""
    report = Path(parquet).with_name(Path(parquet).stem + ".load_report.csv")
    return pd.read_csv(report) if report.is_file() else None


def _connect(scheduler: str):
    try:
        return scale.get_client(scheduler.strip() or None)
    except (OSError, TimeoutError) as error:
        raise ParameterError(f"scheduler: cannot reach a Dask scheduler at {scheduler!r} ({error})") from None


def _gather(frame, scheduler: str) -> pd.DataFrame:
    """A (small) Dask DataFrame computed on the cluster, as pandas, in partition order."""
    import dask

    client = _connect(scheduler)
    parts = client.gather(client.compute([dask.delayed(scale.pandas_strings)(p) for p in frame.to_delayed()]))
    return pd.concat(parts, ignore_index=True) if parts else frame._meta


def _read_metadata(parquet) -> pd.DataFrame:
    """Every column of a Parquet articles table but the text (read column by column: the text is not read)."""
    import pyarrow.parquet as pq

    files = scale.parquet_files(parquet)
    columns = [c for c in pq.read_schema(files[0]).names if c != TEXT]
    parts = [scale.pandas_strings(pq.read_table(f, columns=columns).to_pandas()) for f in files]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def _complete(part: pd.DataFrame, *, n_words=None) -> pd.DataFrame:
    """An articles table with every article column, as load_articles gives them.

    A missing ``n_words`` is counted in ``text`` (as the loader counts it), or
    taken from *n_words* (a function returning it) for a table without text.
    """
    part = scale.pandas_strings(part)
    text = part[TEXT].dtype if TEXT in part.columns else part[DOC_ID].dtype
    added = {}
    for column in ARTICLE_COLUMNS:
        if column in part.columns or column == TEXT:
            continue
        if column == N_WORDS:
            counted = n_words() if n_words is not None else count_words(part[TEXT])
            added[column] = pd.Series(np.asarray(counted, dtype="int64"), index=part.index)
        elif column == DATE:
            added[column] = pd.Series(pd.NaT, index=part.index, dtype="datetime64[ns]")
        elif column == SOURCE_ROW:
            added[column] = pd.Series(pd.NA, index=part.index, dtype="Int64")
        else:
            added[column] = pd.Series("", index=part.index, dtype=text)
    return part.assign(**added) if added else part


def _text_hashes(part: pd.DataFrame) -> pd.DataFrame:
    """doc_id and a 64-bit BLAKE2 hash of the text, for exact copies (the same on every worker,
    unlike Python's ``hash``; several times faster than ``pandas.util.hash_pandas_object`` on text)."""
    hashes = [int.from_bytes(hashlib.blake2b(str(text).encode("utf-8"), digest_size=8).digest(), "little")
              for text in part[TEXT].fillna("")]
    return pd.DataFrame({DOC_ID: part[DOC_ID].to_numpy(), "text_hash": np.asarray(hashes, dtype="uint64")})


def _keep(part: pd.DataFrame, doc_ids: frozenset) -> pd.DataFrame:
    return part[part[DOC_ID].isin(doc_ids)]


def _exact_copies(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with identical text, in the columns of ``find_duplicates`` (origin: earliest, then doc_id)."""
    columns = ["doc_id", "cluster_id", "origin_doc_id", "is_origin", "similarity", "jaccard", "n_members"]
    keys = pd.DataFrame({"doc_id": articles[DOC_ID].astype(str).to_numpy(), "hash": articles["text_hash"].to_numpy(),
                         "undated": articles[DATE].isna().to_numpy(), "date": articles[DATE].to_numpy()})
    keys = keys[keys.duplicated("hash", keep=False)]
    keys = keys.sort_values(["undated", "date", "doc_id"], kind="stable")
    origins = keys.drop_duplicates("hash")
    cluster = pd.Series(range(len(origins)), index=origins["hash"].to_numpy())
    table = pd.DataFrame({
        "doc_id": keys["doc_id"].to_numpy(),
        "cluster_id": cluster.reindex(keys["hash"].to_numpy()).to_numpy(dtype="int64"),
        "origin_doc_id": origins.set_index("hash")["doc_id"].reindex(keys["hash"].to_numpy()).to_numpy(),
    })
    table["is_origin"] = table["doc_id"] == table["origin_doc_id"]
    table["similarity"] = table["jaccard"] = 1.0
    table["n_members"] = table.groupby("cluster_id")["doc_id"].transform("size").astype("int64")
    table = table.sort_values(["cluster_id", "is_origin"], ascending=[True, False], kind="stable")
    return table[columns].reset_index(drop=True)


def _single_words(options: dict) -> bool:
    """True when token options count single words (no n-grams, no TokenSettings object)."""
    return options.get("settings") is None and tuple(options.get("ngram_range") or (1, 1)) == (1, 1)


def _token_total(table: pd.DataFrame) -> int:
    """Kept tokens behind a ``term_frequency`` table without groups (from any row's rate)."""
    if table.empty:
        return 0
    row = table.iloc[0]
    return int(np.rint(row["n_occurrences"] * 1000.0 / row["per_1000_tokens"]))


def _overall_from_groups(counts: pd.DataFrame, settings) -> pd.DataFrame:
    """The ``term_frequency`` table without groups from one with groups (``min_count=1``).

    Every article is in exactly one group, so frequencies, document
    frequencies and kept tokens add up; each group's tokens are recovered from
    its rate (frequency x 1,000 / rate, exact in floating point for any corpus
    of less than 2**50 tokens).
    """
    groups = [c for c in counts.columns if c not in ("term", "n_occurrences", "n_articles_with_term", "rank", "per_1000_tokens")]
    firsts = counts.drop_duplicates(groups)
    tokens = int(np.rint(firsts["n_occurrences"].to_numpy() * 1000.0 / firsts["per_1000_tokens"].to_numpy()).sum())
    sums = counts.groupby("term", sort=False)[["n_occurrences", "n_articles_with_term"]].sum()
    sums = sums[sums["n_occurrences"] >= settings.min_count]
    return frequency_table(np.zeros(len(sums), dtype=np.int64), sums.index.to_numpy(dtype=object),
                           sums["n_occurrences"].to_numpy(dtype=np.int64), sums["n_articles_with_term"].to_numpy(dtype=np.int64),
                           [tokens], None, settings)


def _tfidf_from_counts(counts: pd.DataFrame, labels: pd.DataFrame, n: int, *, min_count: int = 1) -> pd.DataFrame:
    """The table of :func:`toolkit.frequency.tfidf` (``by`` given) from a ``term_frequency(by=...)`` table
    and the groups' *labels* (one row per group, in group order, as ``frequency.group_index`` gives them)."""
    from scipy import sparse

    from toolkit.frequency import tfidf_table

    totals = counts.groupby("term")["n_occurrences"].transform("sum")
    counts = counts[totals >= min_count]
    by = list(labels.columns)
    rows = labels.reset_index().merge(counts[by], on=by, how="right")["index"].to_numpy()
    terms, columns = np.unique(counts["term"].astype(str).to_numpy(), return_inverse=True)
    matrix = sparse.csr_matrix((counts["n_occurrences"].to_numpy(), (rows, columns)), shape=(len(labels), len(terms)),
                               dtype=np.int64)
    table = tfidf_table(matrix, terms, labels, n=n)
    table.attrs["token_settings"] = counts.attrs.get("token_settings")
    return table
