"""Run one analysis over articles wherever they are: in memory, in Parquet, on Dask.

Every analysis that must scale is written once, in its own module, as a pair:
a function on one batch of articles (a pandas DataFrame) and a combine step
(a function of two batch results giving one). :func:`run` applies such a pair
to

- a **pandas DataFrame**: one batch (or batches of ``batch_size`` rows);
- a **Parquet path** (a file, or a folder of ``.parquet`` files): batches of
  ``batch_size`` articles read here in turn (default 20,000), so memory holds
  one batch plus the running result;
- a **Dask DataFrame** (for example :func:`read_articles_dask`): one task per
  partition, combined in a tree on the workers, computed with
  ``dask.compute``. That runs on the user's ``distributed.Client`` when one
  exists, else on Dask's default scheduler (threads): no cluster is ever
  started here, so a plain script without ``if __name__ == "__main__"`` works.

The analysis modules know nothing of this module (a test checks that they
never import it); :mod:`toolkit.analyses` pairs them with it.

Dask's own Arrow strings (``string[pyarrow]``) are turned back into pandas'
default text dtype in each batch, so every input kind gives the same dtypes.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit.errors import ParameterError

#: Articles per batch when a Parquet file is read in the calling process.
BATCH_SIZE = 20_000
#: Articles per row group written by :func:`write_articles_parquet` (about 20 MB of news).
ROW_GROUP_SIZE = 5_000
#: Uncompressed bytes of row groups gathered into one Dask task, at most (a worker's memory at the peak
#: of phrase counting grows with it: 16 MB tasks took 80 MB less per worker than 32 MB ones on 1 GB)...
TASK_BYTES = 16_000_000
#: ...and fewer when needed to give the workers at least this many tasks.
MIN_TASKS = 16
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")


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


def is_articles(articles) -> bool:
    """True for any input :func:`run` accepts: a DataFrame, a Parquet path or a Dask DataFrame."""
    return isinstance(articles, pd.DataFrame) or is_dask(articles) or is_parquet_path(articles)


def check_articles(articles, where: str) -> None:
    """Raise :class:`ParameterError` naming *where* unless :func:`run` accepts *articles*."""
    if not is_articles(articles):
        raise ParameterError(
            f"{where}: articles must be a pandas DataFrame, a Dask DataFrame or the path of a Parquet "
            f"file or folder, got {type(articles).__name__}"
            + (f" ({str(articles)!r}: no Parquet file there)" if isinstance(articles, (str, os.PathLike)) else "")
        )


def check_batch_size(batch_size) -> int | None:
    """*batch_size* checked: None or a positive number of articles."""
    if batch_size is None:
        return None
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ParameterError(f"batch_size={batch_size!r}: expected a positive number of articles")
    return int(batch_size)


# --------------------------------------------------------------------------- Parquet


def write_articles_parquet(articles: pd.DataFrame, path, *, row_group_size: int = ROW_GROUP_SIZE) -> Path:
    """Write an articles DataFrame to Parquet in row groups of *row_group_size* articles.

    Small row groups are what let :func:`iter_articles_parquet` and Dask read
    the file in bounded memory (pandas' default is one million rows per
    group). The index and ``attrs`` (the load report) are not written: keep
    the load report beside the file.

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

    if columns is None:
        return None
    wanted = set(columns)
    return [c for c in pq.read_schema(files[0]).names if c in wanted]


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

    batch_size = check_batch_size(batch_size) or BATCH_SIZE
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


def read_row_groups(file: str, groups: list, columns=None) -> pd.DataFrame:
    """Row groups *groups* of one Parquet file as an articles DataFrame (pandas text dtype)."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(file, pre_buffer=False) as handle:
        return pandas_strings(handle.read_row_groups(groups, columns=columns).to_pandas())


def read_articles_dask(path, *, columns=None):
    """A Dask DataFrame over a Parquet file or folder, one partition per ~16 MB of row groups.

    The partitions have the dtypes ``pandas.read_parquet`` gives (pandas'
    own text dtype, not Dask's Arrow strings).
    """
    import dask
    import dask.dataframe as dd

    files = parquet_files(path)
    columns = _columns_of(files, columns)
    tasks = _row_group_tasks(path)
    meta = read_row_groups(tasks[0][0], [], columns) if tasks else None
    parts = [dask.delayed(read_row_groups)(file, groups, columns) for file, groups in tasks]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def read_columns(path, columns) -> pd.DataFrame:
    """Only *columns* of a Parquet articles table (those that exist), read column by column."""
    import pyarrow.parquet as pq

    files = parquet_files(path)
    columns = _columns_of(files, columns)
    parts = [pandas_strings(pq.read_table(f, columns=columns).to_pandas()) for f in files]
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def pandas_strings(part: pd.DataFrame) -> pd.DataFrame:
    """Dask's ``string[pyarrow]`` columns as pandas' default text dtype (``str`` or object)."""
    arrow_strings = pd.StringDtype("pyarrow")  # na_value=pd.NA, the default (pandas 2 has no na_value=)
    columns = [c for c, dtype in part.dtypes.items() if dtype == arrow_strings]
    if not columns:
        return part
    text = "str" if pd.__version__ >= "3" else object
    return part.astype({c: text for c in columns})


def empty_articles(articles, columns=None) -> pd.DataFrame:
    """An empty pandas DataFrame with the columns and dtypes of *articles*' batches."""
    if isinstance(articles, pd.DataFrame):
        frame = articles
    elif is_dask(articles):
        frame = pandas_strings(articles._meta)
    else:
        files = parquet_files(articles)
        return read_row_groups(str(files[0]), [], _columns_of(files, columns))
    if columns is not None:
        frame = frame[[c for c in frame.columns if c in set(columns)]]
    return frame.iloc[:0]


# --------------------------------------------------------------------------- running a pair


def _apply(part: pd.DataFrame, batch, columns, shared=None):
    part = pandas_strings(part)
    if columns is not None:
        part = part[[c for c in part.columns if c in set(columns)]]
    return batch(part, **shared) if shared else batch(part)


def _reduce(results, combine):
    total = None
    for result in results:
        total = result if total is None else combine(total, result)
    return total


def run(articles, batch, combine=None, *, columns=None, batch_size=None, progress=None, shared=None, fan_in=2):
    """``batch`` applied to every batch of *articles*, the results combined.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path or Dask DataFrame
    batch : callable
        ``batch(part) -> result`` on one pandas DataFrame of articles.
    combine : callable, optional
        ``combine(a, b) -> result`` of two results, associative, with *a*'s
        articles before *b*'s. None returns the list of results in article order.
    columns : list of str, optional
        Read only these columns (Parquet) or pass only these to *batch*.
    batch_size : int, optional
        Articles per batch (default: a DataFrame is one batch, Parquet is read
        in batches of :data:`BATCH_SIZE`; Dask uses its partitions).
    progress : bool, optional
        Progress bar for Parquet read here.
    shared : dict, optional
        Keyword arguments passed to every ``batch`` call (``batch(part, **shared)``),
        such as a table the batches look up. On Dask each value goes into the
        task graph once and reaches each worker once, instead of being copied
        into every task.
    fan_in : int
        How many results *combine* takes at once on Dask (default 2): a combine
        that accepts more (``combine(a, b, c, ...)``, the same as combining them
        two by two in order) is given up to *fan_in*, so the tree of combines
        has fewer levels. Batches read here are added to a running result one
        at a time (memory holds one batch and the result).

    Returns
    -------
    The combined result (None for no batch), or the list of results.
    """
    batch_size = check_batch_size(batch_size)
    if isinstance(fan_in, bool) or not isinstance(fan_in, (int, np.integer)) or fan_in < 2:
        raise ParameterError(f"fan_in={fan_in!r}: expected a whole number of results combined at once, at least 2")
    if shared and not is_dask(articles):
        batch = partial(batch, **shared)
    if isinstance(articles, pd.DataFrame):
        if batch_size is None or len(articles) <= batch_size:
            results = [_apply(articles, batch, columns)]
        else:
            results = (_apply(articles.iloc[i : i + batch_size], batch, columns)
                       for i in range(0, len(articles), batch_size))
    elif is_dask(articles):
        if columns is not None:
            articles = articles[[c for c in articles.columns if c in set(columns)]]
        return _run_dask(articles, batch, combine, columns, shared or {}, fan_in)
    elif is_parquet_path(articles):
        results = (batch(part) for part in iter_articles_parquet(articles, columns=columns, batch_size=batch_size,
                                                                 progress=progress))
    else:
        check_articles(articles, "articles")
    return list(results) if combine is None else _reduce(results, combine)


def _run_dask(frame, batch, combine, columns, shared, fan_in=2):
    import dask

    # each shared value is one key of the graph (dask.delayed of it), which the tasks name
    shared = dask.delayed(dict)(**{name: dask.delayed(value) for name, value in shared.items()}) if shared else None
    parts = [dask.delayed(_apply)(p, batch, columns, shared) for p in frame.to_delayed()]
    if combine is not None:
        while len(parts) > 1:  # a tree, so the workers combine and the caller receives one result
            parts = [dask.delayed(combine)(*parts[i : i + fan_in]) if i + 1 < len(parts) else parts[i]
                     for i in range(0, len(parts), fan_in)]
    # dask.compute runs on the active distributed.Client when there is one, else on
    # Dask's default (threaded) scheduler; nothing here starts a cluster.
    results = list(dask.compute(*parts))
    if combine is None:
        return results
    return results[0] if results else None
