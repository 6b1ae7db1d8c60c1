"""The corpus a report is about: :func:`open_corpus` (in memory, or out of memory on Dask).

The notebooks' other helpers live in modules named for their job and are
re-exported here for older notebooks: :mod:`toolkit.parameters` (checks that
name the notebook parameter, the article selection), :mod:`toolkit.display`
(tables for reading, keyword-in-context lines, every piece of article text
HTML-escaped) and :mod:`toolkit.provenance` (where a report's numbers came from).
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit import analyses, executor
from toolkit.collocations import collocations
from toolkit.frequency import TermCounts, select_lengths
from toolkit.kwic import HIT_COLUMNS_NOT_IN_LINES, LINE_ARTICLE_COLUMNS, kwic_from_hits
from toolkit.duplicates import deduplicate, exact_duplicates_from_hashes, find_duplicates
from toolkit.errors import LoadWarning, ParameterError
from toolkit.load import load_articles, load_report
from toolkit.rates import count_words
from toolkit.schema import (
    ARTICLE_COLUMNS, DATE, DOC_ID, HIT_COLUMNS, LOAD_REPORT_COLUMNS, N_WORDS, OUTLET, SOURCE_ROW, TEXT,
    VOICE_COLUMNS,
)
from toolkit.tokens import make_settings

from toolkit.display import (  # noqa: F401  (re-exported: the notebooks' display helpers)
    EscapedHTML, corpus_summary, dictionary_summary, kwic_table, outlet_frame_table, outlet_summary, preview,
    rates_table, shorten, show, speaker_table, voice_table,
)
from toolkit.parameters import require_path, require_whole_number, select_articles  # noqa: F401  (re-exported)
from toolkit.provenance import PROVENANCE_PACKAGES, corpus_fingerprint, provenance  # noqa: F401  (re-exported)
from toolkit.provenance import fingerprint_key


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
        self._exact = None  # exact copies found by match_frames on Dask, for duplicates()
        self._lines = None  # (window, hit keys, lines) made by match_frames(lines_window=...) on Dask, or saved by it
        self._lengths = None  # doc_id, n_chars of every article: read by match_frames on Dask, or saved by it
        self._counts = {}  # token settings -> TermCounts by outlet (see term_counts)

    @property
    def on_dask(self) -> bool:
        return self.backend == "dask"

    @property
    def analysed(self):
        """What the analyses read: the articles DataFrame, or a Dask DataFrame of them."""
        return self._source if self.on_dask else self.articles

    def match_frames(self, frames, *, lines_window: int | None = None, **options) -> pd.DataFrame:
        """:func:`toolkit.match_frames` (voice only with ``voice=True``).

        On Dask the text is read once for what a report needs of it besides
        the hits: each batch also hashes its texts for :meth:`duplicates`
        (exact copies, kept for :meth:`without_copies`) and, with
        *lines_window*, builds the keyword-in-context lines of its hits for
        :meth:`keyword_in_context` called with these hits and that window
        (the lines of ``keyword_in_context(frames, window=lines_window,
        hits=hits[list(HIT_COLUMNS)])``). The hits are the same either way; in
        memory (backend "pandas") *lines_window* is only checked.
        """
        if lines_window is not None:
            require_whole_number(lines_window, parameter="lines_window", minimum=0, maximum=200)
        if not self.on_dask:
            return analyses.match_frames(self.analysed, frames, **options)
        hits, hashes, lines = analyses.match_hash_and_lines(self.analysed, frames, window=lines_window, **options)
        if self._exact is None:
            self._exact = exact_duplicates_from_hashes(hashes)
        self._lengths = hashes[[DOC_ID, "n_chars"]]
        if lines is not None:
            self._lines = (lines_window, _hit_keys(hits), lines)
        return hits

    def save_hits(self, hits: pd.DataFrame, path) -> Path:
        """Save *hits* as Parquet (``hits.to_parquet(path, index=False)``) for :meth:`load_hits` in another notebook.

        On Dask, what :meth:`match_frames` read the text for besides these
        hits is saved beside them (:func:`saved_with_hits`): their
        keyword-in-context lines (with ``lines_window``) and every text's length,
        so that a notebook loading the hits builds neither again
        (:meth:`keyword_in_context` with that window, :meth:`lines_and_lengths`).
        Files left there by other hits are removed.
        """
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = Path(path)
        for stale in saved_with_hits(path):
            stale.unlink(missing_ok=True)
        hits.to_parquet(path, index=False)
        lines_path, lengths_path = saved_with_hits(path)
        if not self.on_dask or self._lengths is None:
            return path
        corpus = {"corpus": fingerprint_key(self.parquet)}
        saved = [(self._lengths, lengths_path, corpus)]
        keys = _hit_keys(hits)
        if self._lines is not None and keys.equals(self._lines[1]):
            saved.append((self._lines[2], lines_path, {**corpus, "hits": _keys_digest(keys), "window": self._lines[0]}))
        for frame, target, stamp in saved:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            pq.write_table(table.replace_schema_metadata({**(table.schema.metadata or {}), _SAVED_KEY: json.dumps(stamp)}),
                           target)
        return path

    def _take_saved(self, path: Path, hits: pd.DataFrame) -> None:
        """Adopt the lines and lengths :meth:`save_hits` wrote beside *hits* (of this corpus, the same hits)."""
        if not self.on_dask:
            return
        import pyarrow.parquet as pq

        corpus, keys = {"corpus": fingerprint_key(self.parquet)}, _hit_keys(hits)
        lines_path, lengths_path = saved_with_hits(path)
        for saved, stamp in ((lines_path, {**corpus, "hits": _keys_digest(keys)}), (lengths_path, corpus)):
            if not saved.is_file():
                continue
            try:
                found = json.loads((pq.read_schema(saved).metadata or {}).get(_SAVED_KEY.encode(), b"{}"))
            except (OSError, ValueError):
                continue
            if any(found.get(k) != v for k, v in stamp.items()):
                continue  # another corpus, or other hits
            table = executor.pandas_strings(pd.read_parquet(saved))
            if saved == lines_path and isinstance(found.get("window"), int):
                self._lines = (found["window"], keys, table)
            elif saved == lengths_path and _is_in(self.articles[DOC_ID], table[DOC_ID]).all():
                self._lengths = table

    def _lines_made_for(self, hits: pd.DataFrame, window: int) -> pd.DataFrame | None:
        """A copy of the lines :meth:`match_frames` made (or :meth:`load_hits` found saved) for *hits*
        with *window*, else None."""
        if self._lines is None or self._lines[0] != window or not _hit_keys(hits).equals(self._lines[1]):
            return None
        return self._lines[2].copy()

    def keyword_in_context(self, frames, *, window: int = 10, hits: pd.DataFrame | None = None) -> pd.DataFrame:
        """:func:`toolkit.keyword_in_context` of the dictionary's hits (of *hits*, when given: no matching).

        Lines that :meth:`match_frames` built with ``lines_window=window`` for the
        same hits (voice columns left out) are returned without reading the text again.
        """
        if hits is not None and not any(c in hits.columns for c in VOICE_COLUMNS):
            lines = self._lines_made_for(hits, window)
            if lines is not None:
                return lines
        return analyses.keyword_in_context(self.analysed, frames, window=window, hits=hits, progress=False)

    def load_hits(self, path, *, voice: bool = True, parameter: str = "hits_path") -> pd.DataFrame:
        """Hits saved as Parquet by another notebook of the report (notebook 02's ``tables/02-hits.parquet``).

        Raises
        ------
        ParameterError
            Naming *parameter*: no such file, not a hits table (with the voice
            columns when *voice*), or hits of articles that are not in this corpus.
        """
        path = require_path(path, parameter=parameter)
        try:
            hits = pd.read_parquet(path)
        except (OSError, ValueError) as error:
            raise ParameterError(f"{parameter}: {path.name} is not a Parquet table of hits ({error})") from None
        needed = [*HIT_COLUMNS, *(VOICE_COLUMNS if voice else ())]
        missing = [c for c in needed if c not in hits.columns]
        if missing:
            raise ParameterError(f"{parameter}: {path.name} has no column {', '.join(missing)}: expected the hits of "
                                 f"match_frames({'voice=True' if voice else ''}), as notebook 02 saves them")
        stray = ~_is_in(hits[DOC_ID], self.articles[DOC_ID])
        if stray.any():
            raise ParameterError(f"{parameter}: {path.name} holds hits of {int(stray.sum()):,} article(s) that are not "
                                 f"in this corpus and selection (doc_id {hits[DOC_ID][stray].iloc[0]!r}): hits of "
                                 "another corpus or selection")
        hits = executor.pandas_strings(hits)
        self._take_saved(path, hits)
        return hits

    def read_articles(self, doc_ids) -> pd.DataFrame:
        """The articles *doc_ids* with their text (on Dask read from Parquet: only those rows are kept)."""
        wanted = list(dict.fromkeys(doc_ids))
        if not self.on_dask:
            return self.articles[self.articles[DOC_ID].isin(wanted)]
        import pyarrow.parquet as pq

        files = executor.parquet_files(self.parquet)
        parts = [pq.read_table(f, filters=[(DOC_ID, "in", wanted)], pre_buffer=False).to_pandas() for f in files]
        return _complete(pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0])

    def lines_and_lengths(self, hits: pd.DataFrame, *, window: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The hits' keyword-in-context lines and :meth:`articles_with_length`, in one pass over the text.

        What notebook 05 needs besides the hits: the lines are those of
        ``keyword_in_context(frames, window=window, hits=hits)`` (voice
        columns kept). On Dask both are made on the workers, batch by batch.
        """
        if not self.on_dask:
            return self.keyword_in_context(None, window=window, hits=hits), self.articles_with_length()
        lines = self._lines_made_for(hits, window) if self._lengths is not None else None
        if lines is not None:  # made by notebook 02's pass, or saved with its hits: no text read
            for column in VOICE_COLUMNS:  # as kwic_from_hits passes them on
                if column in hits.columns:
                    lines[column] = hits[column].to_numpy()
            return lines, self._with_length(self._lengths)
        columns = list(LINE_ARTICLE_COLUMNS)
        wanted = hits[[c for c in hits.columns if c not in HIT_COLUMNS_NOT_IN_LINES]]
        empty = kwic_from_hits(executor.empty_articles(self._source, columns), wanted.iloc[:0], window=window)  # checks
        parts = executor.run(self._source, _lines_and_lengths, columns=columns, shared={"hits": wanted, "window": window})
        if not parts:
            return empty, self.articles.assign(n_chars=0)
        lines = pd.concat([lines for lines, _ in parts], ignore_index=True)
        lines = lines.sort_values([DOC_ID, "start"], kind="stable", ignore_index=True)  # as keyword_in_context
        return lines, self._with_length(pd.concat([lengths for _, lengths in parts], ignore_index=True))

    def _with_length(self, lengths: pd.DataFrame) -> pd.DataFrame:
        length_of = lengths.drop_duplicates(DOC_ID).set_index(DOC_ID)["n_chars"]
        return self.articles.assign(n_chars=self.articles[DOC_ID].map(length_of).fillna(0).astype("int64"))

    def articles_with_length(self) -> pd.DataFrame:
        """:attr:`articles` with ``n_chars``, the length of each text in characters (what a dispersion plot needs).

        On Dask the lengths are counted on the workers: the text stays out of memory.
        """
        if not self.on_dask:
            return self.articles.assign(n_chars=self.articles[TEXT].fillna("").str.len().astype("int64"))
        parts = executor.run(self._source, _text_length, columns=[DOC_ID, TEXT])
        return self._with_length(pd.concat(parts, ignore_index=True) if parts
                                 else _text_length(self.articles.iloc[:0].assign(text="")))

    def term_counts(self, **token_options) -> TermCounts:
        """:func:`toolkit.count_terms` by outlet, counted once per tokenisation and reused.

        Word counts are kept (term frequency, TF-IDF and keyness share them);
        counts of longer n-grams are not, being used once and many times larger
        (on 1 GB of news, over a million distinct phrases): those that
        :meth:`count_words_and_phrases` made are handed out once.
        """
        settings = make_settings(**token_options).replace(min_count=1)
        key = repr(settings)
        if key in self._counts:
            return self._counts[key] if tuple(settings.ngram_range) == (1, 1) else self._counts.pop(key)
        counts = analyses.count_terms(self.analysed, by=OUTLET, settings=settings, progress=False)
        if tuple(settings.ngram_range) == (1, 1):
            self._counts[key] = counts
        return counts

    def count_words_and_phrases(self, *, ngram_max: int, **token_options) -> None:
        """Count words and phrases of 2 to *ngram_max* words in one pass over the text, for
        :meth:`term_frequency`, :meth:`tfidf` and :meth:`keyness` to take (the same tables as
        counting each on its own: :func:`toolkit.frequency.select_lengths`)."""
        settings = make_settings(ngram_range=(1, ngram_max), **token_options).replace(min_count=1)
        counts = analyses.count_terms(self.analysed, by=OUTLET, settings=settings, progress=False)
        for lengths in ((1, 1), (2, ngram_max)):
            self._counts[repr(settings.replace(ngram_range=lengths))] = select_lengths(counts, lengths)

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
        # cached per threshold (exact copies on Dask do not depend on it)
        key = None if self.on_dask else threshold
        if self._duplicates is None or self._duplicates[0] != key:
            if self.on_dask:
                print("Note (backend='dask'): only exact copies (identical text) are found out of memory; "
                      "near-duplicates (edited reprints) need backend='pandas' (toolkit.find_duplicates).")
                found = self._exact if self._exact is not None else analyses.find_exact_duplicates(self._source)
            else:
                found = find_duplicates(self.articles, threshold=threshold, progress=False)
            self._duplicates = (key, found)
        return self._duplicates[1]

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
        if loaded.empty:
            raise ParameterError(_nothing_loaded(path, load_report(loaded), parameter))
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
    if metadata.empty:
        raise ParameterError(_nothing_loaded(path, _load_report_beside(parquet), parameter))
    articles = select_articles(metadata, start_date=start_date, end_date=end_date, outlets=outlets)
    source = complete
    if len(articles) < len(metadata):
        source = complete.map_partitions(_keep, frozenset(articles[DOC_ID]), meta=complete._meta)
    return Corpus(articles, backend="dask", scheduler=scheduler, path=path, parquet=parquet, source=source,
                  skipped=_load_report_beside(parquet))


def _nothing_loaded(path: Path, skipped: pd.DataFrame | None, parameter: str) -> str:
    """The message of a corpus that holds no article: what failed, and where the load report is."""
    if skipped is not None and len(skipped):
        first = skipped.iloc[0]
        why = (f"{len(skipped):,} input(s) did not load (first: {first.get('path', '')}: {first.get('reason', '')}); "
               f"see the load report: `framing load {path} --out corpus.parquet` writes it beside corpus.parquet")
    else:
        why = "no input failed either: the file(s) hold no article (a table with a header only, or empty files)"
    return f"{parameter}: no article loaded from {path}; {why}"


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


#: Set by ``framing report`` to the address of the local cluster it started for its notebooks.
LOCAL_SCHEDULER_ENV = "FRAMING_LOCAL_SCHEDULER"

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
            # results come straight from the workers of the report's own local cluster (not through
            # the scheduler, which would hold each one for a moment); a remote scheduler relays them
            direct = address == os.environ.get(LOCAL_SCHEDULER_ENV, "")
            client = _CLIENTS[address] = Client(address, direct_to_workers=direct)
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


#: Key of the Parquet metadata that says which corpus and hits a file saved beside hits belongs to.
_SAVED_KEY = "framing_toolkit.saved_with_hits"


def saved_with_hits(path) -> tuple[Path, Path]:
    """The files :meth:`Corpus.save_hits` writes beside hits saved at *path*: (lines, lengths).

    ``NAME.lines.parquet`` holds the hits' keyword-in-context lines,
    ``NAME.lengths.parquet`` every article's text length (``doc_id, n_chars``).
    Each records the corpus it was made from (its path, sizes and
    modification times), the lines also their hits and window, and is used
    only with them.
    """
    path = Path(path)
    return path.with_name(f"{path.stem}.lines.parquet"), path.with_name(f"{path.stem}.lengths.parquet")


def _is_in(values: pd.Series, allowed: pd.Series) -> np.ndarray:
    """``values.isin(allowed)`` as a NumPy array, by Arrow for text (pandas' ``isin`` on Arrow-backed text
    makes a Python object per value: 1.3 s for notebook 02's 166,000 hits against 276,000 articles)."""
    if not (isinstance(values.dtype, pd.StringDtype) and isinstance(allowed.dtype, pd.StringDtype)):
        return values.isin(allowed).to_numpy()
    import pyarrow as pa
    import pyarrow.compute as pc

    def arrow(series):
        return pa.array(series, type=pa.large_string(), from_pandas=True)

    return pc.is_in(arrow(values), value_set=arrow(allowed)).to_numpy(zero_copy_only=False)


def _keys_digest(keys: pd.DataFrame) -> str:
    """A digest of a hits table's keys (:func:`_hit_keys`), to know a saved file belongs to these hits."""
    import hashlib

    return hashlib.sha256(pd.util.hash_pandas_object(keys, index=False).to_numpy().tobytes()).hexdigest()


def _hit_keys(hits: pd.DataFrame) -> pd.DataFrame:
    """What identifies a hits table's rows, in order (the lines of :meth:`Corpus.match_frames` are theirs)."""
    return hits[[DOC_ID, "frame", "pattern", "start", "end"]].reset_index(drop=True)


def _lines_and_lengths(part: pd.DataFrame, *, hits: pd.DataFrame, window: int):
    """One batch of :meth:`Corpus.lines_and_lengths`."""
    return kwic_from_hits(part, hits[hits[DOC_ID].isin(part[DOC_ID])], window=window), _text_length(part)


def _text_length(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({DOC_ID: part[DOC_ID].to_numpy(), "n_chars": part[TEXT].fillna("").str.len().to_numpy(dtype="int64")})


def _keep(part: pd.DataFrame, doc_ids: frozenset) -> pd.DataFrame:
    return part[part[DOC_ID].isin(doc_ids)]
