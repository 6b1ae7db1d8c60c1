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

from toolkit import analyses, executor
from toolkit.collocations import collocations
from toolkit.frequency import TermCounts
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
            return f"0.0.0+unknown (source tree {Path(__file__).resolve().parent.parent})"
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
    every column, text included. With backend "dask", :attr:`articles` holds
    the metadata only (every article column but ``text``: a few hundred bytes
    per article) and the analyses read the text from Parquet on Dask. Either
    way every method calls the public analysis (:mod:`toolkit.analyses`) on
    :attr:`analysed`, so both backends give the same tables; the words of the
    corpus are counted once (:func:`toolkit.count_terms`, by outlet) and
    reused by term frequency, TF-IDF and keyness. What cannot run out of
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
        self._counts = {}  # token settings -> TermCounts by outlet (see term_counts)

    @property
    def on_dask(self) -> bool:
        return self.backend == "dask"

    @property
    def analysed(self):
        """What the analyses read: the articles DataFrame, or a Dask DataFrame of them."""
        return self._source if self.on_dask else self.articles

    def match_frames(self, frames, **options) -> pd.DataFrame:
        """:func:`toolkit.match_frames` (voice only with ``voice=True``)."""
        return analyses.match_frames(self.analysed, frames, **options)

    def keyword_in_context(self, frames, *, window: int = 10) -> pd.DataFrame:
        """:func:`toolkit.keyword_in_context` of the dictionary's hits."""
        return analyses.keyword_in_context(self.analysed, frames, window=window, progress=False)

    def term_counts(self, **token_options) -> TermCounts:
        """:func:`toolkit.count_terms` by outlet, counted once per tokenisation and reused."""
        settings = make_settings(**token_options).replace(min_count=1)
        key = repr(settings)
        if key not in self._counts:
            self._counts[key] = analyses.count_terms(self.analysed, by=OUTLET, settings=settings, progress=False)
        return self._counts[key]

    @staticmethod
    def _split(options: dict):
        """(token options, the analysis's own options) of *options*."""
        options = {k: v for k, v in options.items() if k != "progress"}
        own = {k: options.pop(k) for k in ("min_count", "by", "measure", "correction") if k in options}
        return options, own

    def term_frequency(self, **options) -> pd.DataFrame:
        """:func:`toolkit.term_frequency` (options as there) from :meth:`term_counts`."""
        token_options, own = self._split(options)
        if own.get("by") not in (None, OUTLET):
            return analyses.term_frequency(self.analysed, **token_options, **own, progress=False)
        return analyses.term_frequency(self.term_counts(**token_options), **token_options, **own)

    def keyness(self, *, reference: "Corpus", **options) -> pd.DataFrame:
        """:func:`toolkit.keyness` of these articles against a *reference* corpus (both from :meth:`term_counts`)."""
        token_options, own = self._split(options)
        return analyses.keyness(self.term_counts(**token_options), reference=reference.term_counts(**token_options),
                                **token_options, **own)

    def tfidf(self, *, by: str, n: int = 10, **options) -> pd.DataFrame:
        """:func:`toolkit.tfidf` with each group of *by* pooled into one document."""
        token_options, own = self._split(options)
        if by != OUTLET:
            return analyses.tfidf(self.analysed, by=by, n=n, **token_options, **own, progress=False)
        return analyses.tfidf(self.term_counts(**token_options), by=by, n=n, **token_options, **own)

    def collocations(self, *, frames, **options) -> pd.DataFrame:
        """:func:`toolkit.collocations`; on Dask, an empty table and a note."""
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
        """Copies of other articles, as :func:`toolkit.find_duplicates` lists them.

        On Dask, near-duplicate detection (which compares every article's
        shingles in one process) is replaced by exact copies
        (:func:`toolkit.find_exact_duplicates`), and a note says so.
        """
        if self._duplicates is None:
            if self.on_dask:
                print("Note (backend='dask'): only exact copies (identical text) are found out of memory; "
                      "near-duplicates (edited reprints) need backend='pandas' (toolkit.find_duplicates).")
                self._duplicates = analyses.find_exact_duplicates(self._source)
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
        Address of a running Dask scheduler (a client is made for it and
        used); "" uses the client already active in the session, else Dask's
        default scheduler (threads in this process): no cluster is started.
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
    parquet = path if executor.is_parquet_path(path) else _as_parquet(path, Path(output_dir) / "parquet")
    _connect(scheduler)
    frame = executor.read_articles_dask(parquet)
    missing = [c for c in (DOC_ID, TEXT) if c not in frame.columns]
    if missing:
        raise ParameterError(f"{parameter}: {parquet} has no column {', '.join(missing)}: backend='dask' reads an "
                             "articles table, as written by `framing load SOURCE --out corpus.parquet`")
    complete = frame.map_partitions(_complete, meta=_complete(frame._meta))
    metadata = _complete(_read_metadata(parquet), n_words=lambda: _gather(complete[[N_WORDS]])[N_WORDS])
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
    on_dask = backend == "dask" and executor.is_parquet_path(path)
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
    executor.write_articles_parquet(loaded, partial)
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


_CLIENTS: dict = {}  # scheduler address -> client, so each notebook cell does not open a new connection


def _connect(scheduler: str):
    """A client of the scheduler at *scheduler* (it becomes Dask's default), or None for ""."""
    address = scheduler.strip()
    if not address:
        return None
    from distributed import Client

    client = _CLIENTS.get(address)
    if client is None or client.status in ("closing", "closed"):
        try:
            client = _CLIENTS[address] = Client(address)
        except (OSError, TimeoutError) as error:
            raise ParameterError(f"scheduler: cannot reach a Dask scheduler at {scheduler!r} ({error})") from None
    return client  # a new Client is Dask's default: the analyses' dask.compute runs on it


def _gather(frame) -> pd.DataFrame:
    """A (small) Dask DataFrame computed (on the current client, if any), as pandas, in partition order."""
    return pd.concat(executor.run(frame, executor.pandas_strings), ignore_index=True) if frame.npartitions \
        else executor.pandas_strings(frame._meta)


def _read_metadata(parquet) -> pd.DataFrame:
    """Every column of a Parquet articles table but the text (read column by column: the text is not read)."""
    import pyarrow.parquet as pq

    files = executor.parquet_files(parquet)
    return executor.read_columns(parquet, [c for c in pq.read_schema(files[0]).names if c != TEXT])


def _complete(part: pd.DataFrame, *, n_words=None) -> pd.DataFrame:
    """An articles table with every article column, as load_articles gives them.

    A missing ``n_words`` is counted in ``text`` (as the loader counts it), or
    taken from *n_words* (a function returning it) for a table without text.
    """
    part = executor.pandas_strings(part)
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


def _keep(part: pd.DataFrame, doc_ids: frozenset) -> pd.DataFrame:
    return part[part[DOC_ID].isin(doc_ids)]
