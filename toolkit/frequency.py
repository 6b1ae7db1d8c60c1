"""Term frequencies and TF-IDF over an articles DataFrame.

Counting streams the texts in chunks (see :func:`toolkit.tokens.encode_texts`)
and keeps only integer codes and sparse counts, so memory grows with the
vocabulary, not with the corpus. Counts equal scikit-learn's
``CountVectorizer(token_pattern=r"(?u)\\w+", ngram_range=...)`` under the
default :class:`~toolkit.tokens.TokenSettings` (tests check it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, require_columns
from toolkit.grouping import group_index
from toolkit.schema import DOC_ID, TEXT
from toolkit.tokens import TokenSettings, Vocabulary, encode_texts, make_settings

#: Columns of the :func:`term_frequency` table after the group columns.
FREQUENCY_COLUMNS = ("term", "n_occurrences", "n_articles_with_term", "rank", "per_1000_tokens")

_CHUNK_CHARS = 8_000_000
_CONSOLIDATE_ROWS = 4_000_000
_MAX_KEY = 2**62


@dataclass
class TermCounts:
    """Sparse counts of n-grams per group.

    ``group[i]``, ``term[i]``, ``frequency[i]``, ``doc_frequency[i]`` and
    ``n[i]`` (n-gram length) describe one (group, term) pair;
    ``n_positions[n][g]`` is the number of n-gram positions in group g (for
    n = 1: the number of kept tokens).
    """

    group: np.ndarray
    term: np.ndarray
    n: np.ndarray
    frequency: np.ndarray
    doc_frequency: np.ndarray
    n_positions: dict
    settings: TokenSettings


def count_terms(texts, settings: TokenSettings, *, groups=None, n_groups: int = 1, progress=None) -> TermCounts:
    """Count n-grams of *texts* per group, in bounded memory.

    Parameters
    ----------
    texts : sequence of str
    settings : TokenSettings
    groups : array of int, optional
        Group of each text (0 .. n_groups - 1); -1 leaves a text out.
        All texts form group 0 when omitted.
    n_groups : int
    progress : bool or None
        Show a progress bar; None shows it for more than a few chunks.

    Returns
    -------
    TermCounts
    """
    texts = list(texts)
    groups = np.zeros(len(texts), dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    vocabulary = Vocabulary(settings)
    low, high = settings.ngram_range
    parts = {n: [] for n in range(low, high + 1)}
    positions = {n: np.zeros(n_groups, dtype=np.int64) for n in range(1, high + 1)}
    n_chunks = -(-sum(len(t) for t in texts if isinstance(t, str)) // _CHUNK_CHARS)
    bar = tqdm(total=n_chunks, unit="chunk", desc="counting terms",
               disable=(n_chunks < 4) if progress is None else not progress)
    for chunk in encode_texts(texts, settings, vocabulary, chunk_chars=_CHUNK_CHARS):
        group = groups[chunk.doc]
        for n in range(1, high + 1):
            start = _ngram_starts(chunk.code, chunk.doc, group, n)
            positions[n] += np.bincount(group[start], minlength=n_groups)
            if n >= low:
                parts[n].append(_count_chunk(chunk, group, start, n, len(vocabulary)))
                if sum(len(p[0]) for p in parts[n]) > _CONSOLIDATE_ROWS:
                    parts[n] = [_merge(parts[n], len(vocabulary))]
        bar.update(1)
    bar.close()
    merged = {n: _merge(parts[n], len(vocabulary)) for n in parts}
    return _finish(merged, vocabulary, positions, settings)


def _ngram_starts(code, doc, group, n):
    """Token positions where an n-gram of kept tokens within one document starts."""
    ok = (code >= 0) & (group >= 0)
    if n == 1:
        return np.flatnonzero(ok)
    m = len(code) - n + 1
    if m <= 0:
        return np.empty(0, dtype=np.int64)
    valid = ok[:m] & (doc[:m] == doc[n - 1 :])
    for k in range(1, n):
        valid &= ok[k : k + m]
    return np.flatnonzero(valid)


def _combine(columns, radices):
    """One int64 key per row of integer *columns* (mixed radix), re-numbering
    the partial key densely whenever the next radix would overflow."""
    key, radix = np.asarray(columns[0], dtype=np.int64), int(radices[0])
    for column, size in zip(columns[1:], radices[1:]):
        if radix * int(size) >= _MAX_KEY:
            key, uniques = pd.factorize(key)
            radix = len(uniques)
        key = key * int(size) + column
        radix *= int(size)
    return key


def _distinct(columns, radices):
    """Row ids of distinct rows, and one row index per id."""
    ids, uniques = pd.factorize(_combine(columns, radices))
    first = np.empty(len(uniques), dtype=np.int64)
    first[ids] = np.arange(len(ids))  # rows with one id hold the same values
    return ids, first


def _count_chunk(chunk, group, start, n, n_terms):
    """Distinct (group, n-gram) rows of one chunk with counts and document counts."""
    columns = [group[start]] + [chunk.code[start + k].astype(np.int64) for k in range(n)]
    n_groups = int(group.max(initial=0)) + 1
    if n == 1 and n_groups == 1:  # term codes are already dense ids
        ids, size = columns[1], n_terms
    else:
        ids, first = _distinct(columns, [n_groups] + [n_terms] * n)
        size = len(first)
    frequency = np.bincount(ids, minlength=size)
    # Documents per id: a sparse ids x documents matrix built from tokens in
    # document order has each row's columns already sorted, so scipy merges
    # duplicate cells in one linear pass and the row lengths are the counts.
    doc = chunk.doc[start]
    doc = doc - doc.min(initial=0)
    cells = sparse.csr_matrix(
        (np.ones(len(ids), dtype=np.int32), (ids, doc)), shape=(size, int(doc.max(initial=0)) + 1)
    )
    cells.sum_duplicates()
    doc_frequency = np.diff(cells.indptr)
    if n == 1 and n_groups == 1:
        first = np.flatnonzero(frequency)
        return np.zeros(len(first), dtype=np.int64), first, frequency[first], doc_frequency[first]
    return (*(c[first] for c in columns), frequency, doc_frequency)


def _merge(parts, n_terms):
    """Sum chunk rows that share (group, n-gram)."""
    if not parts:
        return None
    width = len(parts[0])
    stacked = [np.concatenate([p[i] for p in parts]) for i in range(width)]
    radices = [int(stacked[0].max(initial=0)) + 1] + [n_terms] * (width - 3)
    ids, first = _distinct(stacked[:-2], radices)
    sums = [np.bincount(ids, weights=c, minlength=len(first)).astype(np.int64) for c in stacked[-2:]]
    return (*(c[first] for c in stacked[:-2]), *sums)


def _finish(merged, vocabulary, positions, settings) -> TermCounts:
    terms = pa.array(vocabulary.terms, type=pa.large_string())
    out = {"group": [], "term": [], "n": [], "frequency": [], "doc_frequency": []}
    for n, rows in merged.items():
        if rows is None:
            continue
        group, *codes, frequency, doc_frequency = rows
        keep = frequency >= settings.min_count
        words = [terms.take(pa.array(c[keep])) for c in codes]
        term = words[0] if n == 1 else pc.binary_join_element_wise(*words, pa.scalar(" ", pa.large_string()))
        out["group"].append(group[keep])
        out["term"].append(np.asarray(term.to_numpy(zero_copy_only=False), dtype=object))
        out["n"].append(np.full(int(keep.sum()), n, dtype=np.int64))
        out["frequency"].append(frequency[keep])
        out["doc_frequency"].append(doc_frequency[keep])
    arrays = {k: np.concatenate(v) if v else np.empty(0, dtype=object if k == "term" else np.int64)
              for k, v in out.items()}
    return TermCounts(**arrays, n_positions=positions, settings=settings)


def term_frequency(
    articles: pd.DataFrame,
    *,
    by=None,
    ngram_range=None,
    min_count=None,
    settings: TokenSettings | None = None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """Count terms (n-grams) over the articles, overall or per group.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs a ``text`` column (and the ``by`` columns).
    by : str or list of str, optional
        Count per value of these columns (e.g. ``"outlet"``; see
        :mod:`toolkit.grouping`). None or ``[]``: the whole corpus.
    ngram_range : (int, int), optional
        Overrides ``settings.ngram_range`` (default (1, 1)).
    min_count : int, optional
        Overrides ``settings.min_count``: rows with a lower frequency are dropped.
    settings : TokenSettings, optional
    progress : bool, optional
    **token_options
        Any other :class:`~toolkit.tokens.TokenSettings` field (``stop_words="english"``, ...).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns (when given), then ``term`` (n-grams joined by a
        space), ``n_occurrences``, ``n_articles_with_term`` (articles
        containing the term), ``rank`` (1 = most frequent in its group; ties
        share the lowest rank) and ``per_1000_tokens`` (occurrences per 1,000
        kept word tokens of the group). Sorted by group, occurrences descending,
        term. ``attrs["token_settings"]`` states the tokenisation.
    """
    from toolkit import scale  # Parquet paths and Dask DataFrames (lazy import: scale imports this module)
    if scale.is_large(articles):
        return scale.term_frequency(articles, by=by, ngram_range=ngram_range, min_count=min_count, settings=settings, progress=progress, **token_options)
    require_columns(articles, [TEXT], where="term_frequency")
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    groups, labels = group_index(articles, by, reserved=FREQUENCY_COLUMNS)
    counts = count_terms(articles[TEXT].tolist(), settings, groups=groups, n_groups=len(labels), progress=progress)
    return frequency_table(counts.group, counts.term, counts.frequency, counts.doc_frequency,
                           counts.n_positions[1], labels, settings)


def frequency_table(group, term, frequency, doc_frequency, tokens, labels, settings) -> pd.DataFrame:
    """The table of :func:`term_frequency` from counts per (group, term) pair.

    Sorts by group, then frequency (highest first), then term; ranks within the
    group (ties share the lowest rank); rates per 1,000 kept tokens of the
    group (*tokens*, indexed by group code); puts the group's *labels* (a
    DataFrame with a row per group code, as from
    :func:`toolkit.grouping.group_index`; or None) in front. Also used by
    :mod:`toolkit.scale` to finish counts summed over partitions.
    """
    table = pd.DataFrame({"_group": group, "term": term, "n_occurrences": frequency, "n_articles_with_term": doc_frequency})
    table = table.sort_values(["_group", "n_occurrences", "term"], ascending=[True, False, True], kind="stable")
    table["rank"] = table.groupby("_group")["n_occurrences"].rank(method="min", ascending=False).astype(np.int64)
    tokens = np.asarray(tokens, dtype=np.int64)[table["_group"].to_numpy()] if len(table) else np.zeros(0, np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["per_1000_tokens"] = np.where(tokens > 0, table["n_occurrences"].to_numpy() * 1000.0 / tokens, 0.0)
    if labels is not None:
        label_rows = labels.iloc[table["_group"].to_numpy()].reset_index(drop=True)
        table = pd.concat([label_rows, table.reset_index(drop=True)], axis=1)
    table = table.drop(columns="_group").reset_index(drop=True)
    table.attrs["token_settings"] = settings.describe()
    return table


def token_settings(settings=None, *, ngram_range=None, min_count=None, **token_options) -> TokenSettings:
    """The tokenisation an analysis runs with, from its keyword arguments.

    How :func:`term_frequency`, :func:`tfidf`, the keyness and collocation
    functions read their ``settings``, ``ngram_range``, ``min_count`` and
    ``**token_options``.

    Parameters
    ----------
    settings : TokenSettings, optional
        The base (default ``TokenSettings()``).
    ngram_range, min_count : optional
        Override the base when not None.
    **token_options
        Any other :class:`~toolkit.tokens.TokenSettings` field.

    Returns
    -------
    TokenSettings

    Raises
    ------
    ParameterError
        For an unknown option or a bad value.
    """
    if ngram_range is not None:
        token_options["ngram_range"] = ngram_range
    if min_count is not None:
        token_options["min_count"] = min_count
    return make_settings(settings, **token_options)


def document_term_matrix(texts, settings: TokenSettings, *, groups=None, n_groups=None, progress=None):
    """Sparse counts (rows = texts, or groups when *groups* is given) and the terms (columns).

    Terms seen fewer than ``settings.min_count`` times in all rows are dropped.
    """
    texts = list(texts)
    if groups is None:
        groups, n_groups = np.arange(len(texts)), len(texts)
    counts = count_terms(texts, settings.replace(min_count=1), groups=groups, n_groups=n_groups, progress=progress)
    terms, columns = np.unique(counts.term.astype(str), return_inverse=True)
    matrix = sparse.csr_matrix(
        (counts.frequency, (counts.group, columns)), shape=(n_groups, len(terms)), dtype=np.int64
    )
    if settings.min_count > 1:
        keep = np.flatnonzero(np.asarray(matrix.sum(axis=0)).ravel() >= settings.min_count)
        matrix, terms = matrix[:, keep], terms[keep]
    return matrix, terms


def tfidf(
    articles: pd.DataFrame,
    *,
    by=None,
    n: int = 10,
    ngram_range=None,
    min_count=None,
    norm: str | None = "l2",
    smooth_idf: bool = True,
    sublinear_tf: bool = False,
    settings: TokenSettings | None = None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """The most distinctive terms of each article (or group) by TF-IDF.

    Counts come from the toolkit's tokenisation; weights from scikit-learn's
    ``TfidfTransformer(norm=norm, smooth_idf=smooth_idf,
    sublinear_tf=sublinear_tf)``: tf x idf with
    idf = ln((1 + n) / (1 + df)) + 1 (smooth) and rows scaled to unit length.
    With ``by``, each group's articles are pooled into one document, so idf
    counts groups.

    Parameters
    ----------
    articles : pandas.DataFrame
    by : str or list of str, optional
        Pool each group's articles into one document (see
        :mod:`toolkit.grouping`). None or ``[]``: one document per article.
    n : int
        Terms kept per article or group.
    ngram_range, min_count, settings, progress, **token_options
        As in :func:`term_frequency`.
    norm, smooth_idf, sublinear_tf
        Passed to scikit-learn's TfidfTransformer.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or the ``by`` columns), ``term``, ``tfidf``, ``rank``
        (1 = highest weight), *n* rows per article or group, ordered by
        article or group, then rank (ties broken by term).
    """
    require_columns(articles, [TEXT], where="tfidf")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"n={n!r}: use a positive integer.")
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    groups, labels = group_index(articles, by, reserved=("term", "tfidf", "rank"))
    if labels.columns.empty:  # no groups: each article is a document
        require_columns(articles, [DOC_ID], where="tfidf (without by)")
        groups, labels = np.arange(len(articles)), articles[[DOC_ID]].reset_index(drop=True)
    counts, terms = document_term_matrix(
        articles[TEXT].tolist(), settings, groups=groups, n_groups=len(labels), progress=progress
    )
    table = tfidf_table(counts, terms, labels, n=n, norm=norm, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    table.attrs["token_settings"] = settings.describe()
    return table


def tfidf_table(counts, terms, labels: pd.DataFrame, *, n: int, norm="l2", smooth_idf=True, sublinear_tf=False) -> pd.DataFrame:
    """The table of :func:`tfidf` from a documents x terms count matrix.

    Parameters
    ----------
    counts : scipy sparse matrix
        One row per document (article or group), one column per term.
    terms : numpy.ndarray
        The term of each column.
    labels : pandas.DataFrame
        One row per document: the columns that name it (``doc_id`` or the ``by`` columns).
    n, norm, smooth_idf, sublinear_tf
        As in :func:`tfidf`.
    """
    from sklearn.feature_extraction.text import TfidfTransformer  # imported here: slow to import

    if counts.shape[0] == 0 or counts.shape[1] == 0:  # scikit-learn refuses empty matrices
        weights = sparse.coo_matrix(counts.shape)
    else:
        weights = TfidfTransformer(norm=norm, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf).fit_transform(counts)
        weights = weights.tocoo()
    table = pd.DataFrame({"_row": weights.row, "term": terms[weights.col], "tfidf": weights.data})
    table = table.sort_values(["_row", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    table["rank"] = table.groupby("_row").cumcount() + 1
    table = table[table["rank"] <= n]
    label_rows = labels.iloc[table["_row"].to_numpy()].reset_index(drop=True)
    table = pd.concat([label_rows, table.drop(columns="_row").reset_index(drop=True)], axis=1)
    table["term"] = table["term"].astype("str")
    return table
