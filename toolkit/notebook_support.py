"""The corpus a report is about: :func:`open_corpus` (in memory, or out of memory on Dask).

The notebooks' other helpers live in modules named for their job and are
re-exported here for older notebooks: :mod:`toolkit.parameters` (checks that
name the notebook parameter, the article selection), :mod:`toolkit.display`
(tables for reading, keyword-in-context lines, every piece of article text
HTML-escaped) and :mod:`toolkit.provenance` (where a report's numbers came from).
"""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit import scale
from toolkit.collocations import collocations
from toolkit.frequency import frequency_table, group_index, term_frequency, tfidf
from toolkit.keyness import keyness, keyness_from_counts
from toolkit.match import keyword_in_context, match_frames
from toolkit.duplicates import deduplicate, find_duplicates
from toolkit.errors import LoadWarning, ParameterError
from toolkit.load import load_articles, load_report
from toolkit.rates import count_words
from toolkit.schema import ARTICLE_COLUMNS, DATE, DOC_ID, LOAD_REPORT_COLUMNS, N_WORDS, OUTLET, SOURCE_ROW, TEXT
from toolkit.tokens import make_settings
from toolkit.display import (  # noqa: F401  (re-exported: the notebooks' display helpers)
    EscapedHTML, corpus_summary, dictionary_summary, kwic_table, outlet_frame_table, outlet_summary, preview,
    rates_table, shorten, show, speaker_table, voice_table,
)
from toolkit.parameters import require_path, select_articles  # noqa: F401  (re-exported)
from toolkit.provenance import PROVENANCE_PACKAGES, corpus_fingerprint, provenance  # noqa: F401  (re-exported)


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
