"""Corpora beyond memory: Parquet read in row groups, and Dask, with the same API.

``count_frames``, ``match_frames``, ``keyword_in_context``, ``term_frequency``
and ``keyness`` accept, in place of an articles DataFrame:

- a **Parquet path** (a file, or a folder of ``.parquet`` files): the file is
  read in batches of rows (``batch_size=``, default 20,000 articles), each
  batch is analysed with the pandas function and the results are combined,
  so memory holds one batch plus the result;
- a **Dask DataFrame**, or a Parquet path with ``engine="dask"``: each
  partition (or group of row groups) is analysed with the pandas function on
  the workers of a Dask cluster, and the results are combined there.

The results are identical to the pandas function's on the whole table:
counts are concatenated in article order; hits and keyword-in-context lines
are concatenated and sorted by ``doc_id`` then ``start`` as pandas sorts them;
term counts, document counts and token totals are summed per term before
``min_count``, ranks and rates are computed once; keyness is computed from the
summed counts by the same code as :func:`toolkit.keyness.keyness`.

Dask's own Arrow strings (``string[pyarrow]``) are turned back into pandas'
default text dtype in each partition, so tables carry the same dtypes as when
the articles are read with pandas.

The cluster: :func:`get_client` returns the client for a scheduler address
when given (``scheduler="tcp://host:8786"``, a notebook parameter), else the
client already active in the session, else a local cluster of two worker
processes with one thread each, started once and closed at exit.
"""

from __future__ import annotations

import atexit
import os
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit.errors import ParameterError
from toolkit.grouping import group_columns, group_index
from toolkit.schema import DATE, DOC_ID, OUTLET, TEXT, TITLE

#: Articles per batch when a Parquet file is read in the calling process.
BATCH_SIZE = 20_000
#: Articles per row group written by :func:`write_articles_parquet` (about 20 MB of news).
ROW_GROUP_SIZE = 5_000
#: Uncompressed bytes of row groups gathered into one Dask task, at most...
TASK_BYTES = 32_000_000
#: ...and fewer when needed to give the workers at least this many tasks.
MIN_TASKS = 16
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")

_LOCAL_CLIENT = None
_CLIENTS: dict = {}  # scheduler address -> client, so each analysis does not open a new connection


# --------------------------------------------------------------------------- what the input is


def is_dask(articles) -> bool:
    """True for a Dask DataFrame (checked without importing Dask)."""
    return type(articles).__module__.startswith("dask") and hasattr(articles, "to_delayed")


def is_parquet_path(articles) -> bool:
    """True for the path of a Parquet file or of a folder holding Parquet files."""
    if not isinstance(articles, (str, os.PathLike)):
        return False
    path = Path(articles)
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return True
    return path.is_dir() and any(p.suffix.lower() in PARQUET_SUFFIXES for p in path.iterdir())


def is_large(articles) -> bool:
    """True when *articles* is a Dask DataFrame or a Parquet path: the input this module handles."""
    return is_dask(articles) or is_parquet_path(articles)


# --------------------------------------------------------------------------- Parquet


def write_articles_parquet(articles: pd.DataFrame, path, *, row_group_size: int = ROW_GROUP_SIZE) -> Path:
    """Write an articles DataFrame to Parquet in row groups of *row_group_size* articles.

    Small row groups are what let :func:`iter_articles_parquet` and the Dask
    path read the file in bounded memory (pandas' default is one million rows
    per group). The index and ``attrs`` (the load report) are not written:
    keep the load report beside the file.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    if isinstance(row_group_size, bool) or not isinstance(row_group_size, (int, np.integer)) or row_group_size < 1:
        raise ParameterError(f"row_group_size={row_group_size!r}: expected a positive number of articles")
    if not isinstance(articles, pd.DataFrame):
        raise ParameterError(f"articles: expected a pandas DataFrame, got {type(articles).__name__}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    plain = articles.copy(deep=False)
    plain.attrs = {}
    plain.to_parquet(path, index=False, row_group_size=int(row_group_size))
    return path


def parquet_files(path) -> list[Path]:
    """The Parquet files of a path: the file itself, or a folder's files in name order."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in PARQUET_SUFFIXES)
    else:
        files = [path] if path.exists() else []
    if not files:
        raise ParameterError(f"articles={str(path)!r}: no Parquet file there")
    return files


def _columns_of(files, columns):
    """The columns to read: those asked for that exist (all when *columns* is None)."""
    import pyarrow.parquet as pq

    names = pq.read_schema(files[0]).names
    if columns is None:
        return None
    return [c for c in names if c in set(columns)]


def _check_batch_size(batch_size) -> int:
    if batch_size is None:
        return BATCH_SIZE
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ParameterError(f"batch_size={batch_size!r}: expected a positive number of articles")
    return int(batch_size)


def iter_articles_parquet(path, *, columns=None, batch_size: int | None = None, progress: bool | None = None):
    """Read a Parquet file (or folder) as a sequence of articles DataFrames.

    Parameters
    ----------
    path : str or pathlib.Path
        A Parquet file, or a folder of them (read in name order).
    columns : list of str, optional
        Read only these columns (those absent from the file are skipped).
    batch_size : int, optional
        Articles per DataFrame (default :data:`BATCH_SIZE`). Memory holds one
        row group and one batch.
    progress : bool, optional
        Show a progress bar (default: for more than a few batches).

    Yields
    ------
    pandas.DataFrame
        Consecutive articles with the dtypes ``pandas.read_parquet`` gives.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    batch_size = _check_batch_size(batch_size)
    files = parquet_files(path)
    columns = _columns_of(files, columns)
    n_rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    n_batches = -(-n_rows // batch_size)
    with tqdm(total=n_batches, unit="batch", desc="reading", disable=(n_batches < 5) if progress is None else not progress) as bar:
        for file in files:
            # pre_buffer=False: pyarrow would otherwise keep the compressed bytes of every
            # row group read, so memory would grow with the file (600 MB for 1 GB of text)
            with pq.ParquetFile(file, pre_buffer=False) as handle:
                for batch in handle.iter_batches(batch_size=batch_size, columns=columns):
                    bar.update(1)
                    yield pandas_strings(pa.Table.from_batches([batch]).to_pandas())


def _row_group_tasks(path):
    """[(file, [row group numbers])]: consecutive row groups, at most TASK_BYTES a task."""
    import pyarrow.parquet as pq

    files = parquet_files(path)
    metadata_of = {file: pq.ParquetFile(file).metadata for file in files}
    total = sum(m.row_group(g).total_byte_size for m in metadata_of.values() for g in range(m.num_row_groups))
    task_bytes = min(TASK_BYTES, max(total // MIN_TASKS, 1))
    tasks = []
    for file, metadata in metadata_of.items():
        current, size = [], 0
        for group in range(metadata.num_row_groups):
            current.append(group)
            size += metadata.row_group(group).total_byte_size
            if size >= task_bytes:
                tasks.append((str(file), current))
                current, size = [], 0
        if current:
            tasks.append((str(file), current))
    return tasks


def _read_row_groups(file: str, groups: list, columns) -> pd.DataFrame:
    import pyarrow.parquet as pq

    with pq.ParquetFile(file, pre_buffer=False) as handle:
        return pandas_strings(handle.read_row_groups(groups, columns=columns).to_pandas())


def read_articles_dask(path, *, columns=None):
    """A Dask DataFrame over a Parquet file or folder, one partition per ~32 MB of row groups.

    The partitions have the dtypes ``pandas.read_parquet`` gives (pandas'
    own text dtype, not Dask's Arrow strings).
    """
    import dask
    import dask.dataframe as dd

    files = parquet_files(path)
    columns = _columns_of(files, columns)
    tasks = _row_group_tasks(path)
    meta = _read_row_groups(tasks[0][0], [], columns) if tasks else None
    parts = [dask.delayed(_read_row_groups)(file, groups, columns) for file, groups in tasks]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def pandas_strings(part: pd.DataFrame) -> pd.DataFrame:
    """Dask's ``string[pyarrow]`` columns as pandas' default text dtype (``str`` or object)."""
    arrow_strings = pd.StringDtype("pyarrow")  # na_value=pd.NA, the default (pandas 2 has no na_value=)
    columns = [c for c, dtype in part.dtypes.items() if dtype == arrow_strings]
    if not columns:
        return part
    text = "str" if pd.__version__ >= "3" else object
    return part.astype({c: text for c in columns})


# --------------------------------------------------------------------------- the cluster


def get_client(scheduler=None, *, n_workers: int = 2, threads_per_worker: int = 1, processes: bool = True):
    """The Dask client analyses run on.

    Parameters
    ----------
    scheduler : str or distributed.Client, optional
        Address of a running scheduler (``"tcp://10.0.0.5:8786"``) or a
        client. Default: the client already active in this session, else a
        local cluster, started on first use and closed at exit.
    n_workers, threads_per_worker, processes
        Shape of the local cluster (default: two processes, one thread each,
        since matching and tokenising hold Python's GIL part of the time).

    Returns
    -------
    distributed.Client
    """
    from distributed import Client, LocalCluster
    from distributed.client import default_client

    global _LOCAL_CLIENT
    if isinstance(scheduler, Client):
        return scheduler
    if scheduler is not None:
        if not isinstance(scheduler, str) or not scheduler.strip():
            raise ParameterError(f"scheduler={scheduler!r}: give a scheduler address such as 'tcp://host:8786', or None")
        address = scheduler.strip()
        client = _CLIENTS.get(address)
        if client is None or client.status in ("closing", "closed"):
            client = _CLIENTS[address] = Client(address)
        return client
    try:
        return default_client()
    except ValueError:
        pass
    if _LOCAL_CLIENT is None or _LOCAL_CLIENT.status in ("closing", "closed"):
        # dashboard on a free port: 8787 may belong to another cluster on this machine
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker, processes=processes, dashboard_address=":0")
        _LOCAL_CLIENT = Client(cluster)
        atexit.register(close_local_client)
    return _LOCAL_CLIENT


def close_local_client() -> None:
    """Close the local cluster started by :func:`get_client` (if any)."""
    global _LOCAL_CLIENT
    if _LOCAL_CLIENT is not None:
        cluster = _LOCAL_CLIENT.cluster
        _LOCAL_CLIENT.close()
        if cluster is not None:
            cluster.close()
        _LOCAL_CLIENT = None


# --------------------------------------------------------------------------- running parts


def _apply(part: pd.DataFrame, function, args, options):
    return function(pandas_strings(part), *args, **options)


class _Source:
    """Articles as parts: pandas batches read here, or delayed partitions on Dask."""

    def __init__(self, articles, *, columns, engine: str, batch_size, scheduler):
        if engine not in ("pandas", "dask"):
            raise ParameterError(f"engine={engine!r}: use 'pandas' (Parquet read in batches here) or 'dask'")
        self.batch_size = _check_batch_size(batch_size)
        self.columns = columns
        self.scheduler = scheduler
        if is_dask(articles):
            frame = articles[[c for c in articles.columns if c in columns]] if columns is not None else articles
            self.kind, self.frame = "dask", frame
        elif is_parquet_path(articles):
            self.kind = "dask" if engine == "dask" else "stream"
            self.path = articles
            self.frame = read_articles_dask(articles, columns=columns) if engine == "dask" else None
        else:
            raise ParameterError(f"articles: expected a DataFrame, a Dask DataFrame or a Parquet path, got {type(articles).__name__}")

    def meta(self) -> pd.DataFrame:
        """An empty pandas DataFrame with the parts' columns and dtypes."""
        if self.kind == "dask":
            return pandas_strings(self.frame._meta)
        files = parquet_files(self.path)
        return _read_row_groups(str(files[0]), [], _columns_of(files, self.columns))

    def map(self, function, *args, reduce=None, progress=None, **options):
        """Results of ``function(part, *args, **options)``: a list in article
        order, or, with *reduce* (a function of two results), one result."""
        if self.kind == "stream":
            results = (function(part, *args, **options) for part in iter_articles_parquet(self.path, columns=self.columns, batch_size=self.batch_size, progress=progress))
            if reduce is None:
                return list(results)
            total = None
            for result in results:
                total = result if total is None else reduce(total, result)
            return total
        import dask

        parts = [dask.delayed(_apply)(p, function, args, options) for p in self.frame.to_delayed()]
        if reduce is not None:
            while len(parts) > 1:  # a tree, so the workers sum and the client receives one table
                parts = [dask.delayed(reduce)(*parts[i : i + 2]) if i + 1 < len(parts) else parts[i] for i in range(0, len(parts), 2)]
        client = get_client(self.scheduler)
        results = client.gather(client.compute(parts))
        if reduce is None:
            return results
        return results[0] if results else None


def _split_options(options: dict):
    """Pop this module's options (engine, batch_size, scheduler) from keyword arguments."""
    engine = options.pop("engine", None) or "pandas"
    return engine, options.pop("batch_size", None), options.pop("scheduler", None)


# --------------------------------------------------------------------------- matching


def _match_engine(engine: str):
    """(regex engine for match.py, engine of this module): "dask" runs the fastest
    regex engine on Dask, "pandas" in batches here; other values name a regex engine."""
    if engine in ("dask", "pandas"):
        return "auto", engine
    return engine, "pandas"


def _concat(results: list, empty: pd.DataFrame, *, sort: bool = False, ignore_index: bool = True) -> pd.DataFrame:
    """Concatenate per-part results in article order; *sort* as match.py sorts hits."""
    parts = [r for r in results if len(r)] or [empty]
    combined = pd.concat(parts, ignore_index=ignore_index) if len(parts) > 1 else parts[0].copy()
    if sort:
        combined = combined.sort_values([DOC_ID, "start"], kind="stable", ignore_index=True)
    fallback = {}
    for r in results:
        fallback.update(r.attrs.get("fallback", {}))
    combined.attrs = {**empty.attrs, "fallback": fallback}
    if results:
        combined.attrs["engine"] = results[0].attrs.get("engine", empty.attrs.get("engine"))
    return combined


def _frames(frames):
    from toolkit.frames import load_frames

    return load_frames(frames) if isinstance(frames, (str, os.PathLike)) else frames


def count_frames(articles, frames, *, long: bool = False, engine: str = "auto", progress=None, batch_size=None, scheduler=None) -> pd.DataFrame:
    """:func:`toolkit.match.count_frames` on a Parquet path or a Dask DataFrame.

    ``engine="dask"`` runs on Dask (with the fastest regex engine); the other
    engines name the regex engine, on Dask for a Dask DataFrame, else over
    the Parquet file in batches of *batch_size* articles. *scheduler* is passed
    to :func:`get_client`. Returns what the pandas function returns.
    """
    from toolkit import match

    regex_engine, where = _match_engine(engine)
    source = _Source(articles, columns=[DOC_ID, TEXT], engine=where, batch_size=batch_size, scheduler=scheduler)
    frames = _frames(frames)
    empty = match.count_frames(source.meta(), frames, long=long, engine=regex_engine, progress=False)
    results = source.map(match.count_frames, frames, long=long, engine=regex_engine, progress=False)
    return _concat(results, empty, ignore_index=long)


def match_frames(articles, frames, *, engine: str = "auto", progress=None, batch_size=None, scheduler=None, **options) -> pd.DataFrame:
    """:func:`toolkit.match.match_frames` on a Parquet path or a Dask DataFrame (options as in :func:`count_frames`)."""
    from toolkit import match

    regex_engine, where = _match_engine(engine)
    source = _Source(articles, columns=None, engine=where, batch_size=batch_size, scheduler=scheduler)
    frames = _frames(frames)
    empty = match.match_frames(source.meta(), frames, engine=regex_engine, progress=False, **options)
    results = source.map(match.match_frames, frames, engine=regex_engine, progress=False, **options)
    return _concat(results, empty, sort=True)


def keyword_in_context(articles, frames, *, window: int = 10, engine: str = "auto", progress=None, batch_size=None, scheduler=None) -> pd.DataFrame:
    """:func:`toolkit.match.keyword_in_context` on a Parquet path or a Dask DataFrame (options as in :func:`count_frames`)."""
    from toolkit import match

    regex_engine, where = _match_engine(engine)
    source = _Source(articles, columns=[DOC_ID, TEXT, OUTLET, DATE, TITLE], engine=where, batch_size=batch_size, scheduler=scheduler)
    patterns = _frames(frames) if _is_dictionary_path(frames) else frames
    empty = match.keyword_in_context(source.meta(), patterns, window=window, engine=regex_engine, progress=False)
    results = source.map(match.keyword_in_context, patterns, window=window, engine=regex_engine, progress=False)
    return _concat(results, empty, sort=True)


def _is_dictionary_path(value) -> bool:
    return isinstance(value, os.PathLike) or (isinstance(value, str) and value.lower().endswith((".yaml", ".yml")))


# --------------------------------------------------------------------------- term counts


def _term_table(part: pd.DataFrame, by, settings, sides=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts of one part: (terms: group labels, n, term, frequency, doc_frequency;
    positions: group labels, n, positions), with ``min_count`` left for later.

    With *sides* (keyness), the groups are 0 (target) and 1 (reference),
    chosen per part by ``_side_texts``.
    """
    from toolkit.frequency import FREQUENCY_COLUMNS, count_terms

    if sides is not None:
        texts, groups = _side_texts(part, *sides)
        labels = pd.DataFrame({"_side": [0, 1]})
    else:
        texts = part[TEXT].tolist()
        groups, labels = group_index(part, by, reserved=FREQUENCY_COLUMNS)
    counts = count_terms(texts, settings.replace(min_count=1), groups=groups, n_groups=len(labels), progress=False)
    terms = pd.concat(
        [labels.iloc[counts.group].reset_index(drop=True),
         pd.DataFrame({"n": counts.n, "term": counts.term, "frequency": counts.frequency, "doc_frequency": counts.doc_frequency})],
        axis=1,
    )
    positions = pd.concat(
        [pd.concat([labels.reset_index(drop=True), pd.DataFrame({"n": n, "positions": counts.n_positions[n]})], axis=1)
         for n in counts.n_positions],
        ignore_index=True,
    )
    if sides is not None:
        positions["n_texts"] = np.bincount(groups, minlength=2)[positions["_side"].to_numpy()] if len(groups) else 0
    return terms, positions


def _sum_tables(first, second):
    """Add two ``_term_table`` results (rows with the same labels and term are summed)."""
    out = []
    for a, b in zip(first, second):
        keys = [c for c in a.columns if c not in ("frequency", "doc_frequency", "positions", "n_texts")]
        both = pd.concat([a, b], ignore_index=True)
        out.append(both.groupby(keys, dropna=False, sort=False, observed=True).sum().reset_index())
    return tuple(out)


def term_frequency(articles, *, by=None, ngram_range=None, min_count=None, settings=None, progress=None, **token_options) -> pd.DataFrame:
    """:func:`toolkit.frequency.term_frequency` on a Parquet path or a Dask DataFrame.

    ``engine="dask"``, ``batch_size=`` and ``scheduler=`` may be given among
    the keyword arguments (see :func:`count_frames`). Returns the same table.
    """
    from toolkit.frequency import FREQUENCY_COLUMNS, frequency_table, token_settings

    engine, batch_size, scheduler = _split_options(token_options)
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    source = _Source(articles, columns=None, engine=engine, batch_size=batch_size, scheduler=scheduler)
    meta = source.meta()
    by_columns = group_columns(meta, by, reserved=FREQUENCY_COLUMNS)  # names a bad column now, not after the run
    terms, positions = (source.map(_term_table, by_columns, settings, reduce=_sum_tables, progress=progress)
                        or _term_table(meta, by_columns, settings))
    terms = terms[terms["frequency"] >= settings.min_count]
    if not by_columns:
        codes = np.zeros(len(terms), dtype=np.int64)
        tokens = positions.loc[positions["n"] == 1, "positions"].to_numpy()
        labels = None
    else:
        group_codes, labels = group_index(positions.loc[positions["n"] == 1, by_columns], by_columns)
        keyed = labels.assign(_group=np.arange(len(labels)))
        codes = terms[by_columns].merge(keyed, on=by_columns, how="left")["_group"].to_numpy()
        tokens = np.zeros(len(labels), dtype=np.int64)
        ones = positions.loc[positions["n"] == 1]
        tokens[group_codes] = ones["positions"].to_numpy()
    return frequency_table(codes, terms["term"].to_numpy(dtype=object), terms["frequency"].to_numpy(dtype=np.int64),
                           terms["doc_frequency"].to_numpy(dtype=np.int64), tokens, labels, settings)


# --------------------------------------------------------------------------- keyness


_ALL, _NONE = ("all",), ("none",)  # tuples: a user's spec is a dict or a string, never a tuple


def _is_corpus(spec) -> bool:
    return isinstance(spec, pd.DataFrame) or is_large(spec)


def _side_texts(part: pd.DataFrame, target, reference):
    """Texts of one part and their side (0 target, 1 reference), as ``keyness`` chooses them.

    *target* / *reference*: ``_ALL``, ``_NONE``, ``("not", spec)`` or a
    selection spec (dict or query string) understood by :func:`toolkit.keyness.selection_mask`.
    """
    from toolkit.keyness import selection_mask

    def mask(spec, name):
        if spec == _ALL:
            return np.ones(len(part), dtype=bool)
        if spec == _NONE:
            return np.zeros(len(part), dtype=bool)
        if isinstance(spec, tuple) and spec[0] == "not":
            return ~mask(spec[1], name)
        return selection_mask(part, spec, name=name).to_numpy()

    texts = part[TEXT].tolist()
    chosen_target, chosen_reference = mask(target, "target"), mask(reference, "reference")
    side_texts = [t for t, keep in zip(texts, chosen_target) if keep] + [t for t, keep in zip(texts, chosen_reference) if keep]
    return side_texts, np.repeat([0, 1], [int(chosen_target.sum()), int(chosen_reference.sum())]).astype(np.int64)


def keyness(articles, *, target=None, reference=None, measure: str = "g2", correction=None, ngram_range=None, min_count=None, settings=None, progress=None, **token_options) -> pd.DataFrame:
    """:func:`toolkit.keyness.keyness` on a Parquet path or a Dask DataFrame.

    *target* and *reference* are given as a ``{column: value(s)}`` dict, a
    query string, or a corpus (a DataFrame, a Dask DataFrame or a Parquet
    path); a boolean mask cannot be aligned with partitions and is refused.
    ``engine="dask"``, ``batch_size=`` and ``scheduler=`` as in :func:`term_frequency`.
    """
    from toolkit.frequency import TermCounts, token_settings
    from toolkit.keyness import check_measure, keyness_from_term_counts

    check_measure(measure, correction)
    engine, batch_size, scheduler = _split_options(token_options)
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    if target is None and reference is None:
        raise ParameterError("target/reference: give at least one of them (everything against nothing has no keyness).")
    for name, spec in (("target", target), ("reference", reference)):
        if not (spec is None or isinstance(spec, (dict, str, os.PathLike)) or _is_corpus(spec)):
            raise ParameterError(f"{name}: with a Parquet path or a Dask DataFrame, give a dict such as {{'outlet': 'Xinhua'}}, a query string or a corpus; a boolean mask cannot follow the partitions.")
    # Which articles of *articles* go to each side; corpora given as target/reference are counted on their own.
    own_target = _NONE if _is_corpus(target) else (_ALL if target is None else target)
    own_reference = _NONE if _is_corpus(reference) else (("not", own_target) if reference is None else reference)
    runs = [(articles, (own_target, own_reference))]
    if _is_corpus(target):
        runs.append((target, (_ALL, _NONE)))
    if _is_corpus(reference):
        runs.append((reference, (_NONE, _ALL)))
    total = None
    for corpus, sides in runs:
        if isinstance(corpus, pd.DataFrame):
            result = _term_table(corpus, None, settings, sides)
        else:
            source = _Source(corpus, columns=None, engine=engine, batch_size=batch_size, scheduler=scheduler)
            result = source.map(_term_table, None, settings, sides, reduce=_sum_tables, progress=progress)
            result = result or _term_table(source.meta(), None, settings, sides)
        total = result if total is None else _sum_tables(total, result)
    terms, positions = total
    sizes = positions.loc[positions["n"] == settings.ngram_range[1]].set_index("_side")["n_texts"]
    if sizes.reindex([0, 1], fill_value=0).min() == 0:
        raise ParameterError("target/reference: one side selects no articles.")
    n_positions = {}
    for n, rows in positions.groupby("n"):
        n_positions[int(n)] = rows.set_index("_side")["positions"].reindex([0, 1], fill_value=0).to_numpy(dtype=np.int64)
    counts = TermCounts(
        group=terms["_side"].to_numpy(dtype=np.int64), term=terms["term"].to_numpy(dtype=object),
        n=terms["n"].to_numpy(dtype=np.int64), frequency=terms["frequency"].to_numpy(dtype=np.int64),
        doc_frequency=terms["doc_frequency"].to_numpy(dtype=np.int64), n_positions=n_positions, settings=settings,
    )
    table = keyness_from_term_counts(counts, measure=measure, correction=correction, min_count=settings.min_count)
    table.attrs["token_settings"] = settings.describe()
    return table
