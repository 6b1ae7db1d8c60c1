"""Term frequencies and TF-IDF over an articles DataFrame.

Counting streams the texts in chunks (see :func:`toolkit.tokens.encode_texts`)
and keeps only integer codes and sparse counts, so memory grows with the
vocabulary, not with the corpus. Counts equal scikit-learn's
``CountVectorizer(token_pattern=r"(?u)\\w+", ngram_range=...)`` under the
default :class:`~toolkit.tokens.TokenSettings` (tests check it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, require_columns
from toolkit.grouping import group_columns, group_index
from toolkit.parameters import require_whole_number
from toolkit.schema import DOC_ID, TEXT
from toolkit.tokens import TokenSettings, Vocabulary, encode_texts, make_settings

#: Columns of the :func:`term_frequency` table after the group columns.
FREQUENCY_COLUMNS = ("term", "n_occurrences", "n_articles_with_term", "rank", "per_1000_tokens")

_CHUNK_CHARS = 8_000_000
_CONSOLIDATE_ROWS = 4_000_000
_MAX_KEY = 2**62


@dataclass
class NgramCounts:
    """Sparse counts of n-grams per group, in long form (the counter's own output).

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


def count_ngrams(texts, settings: TokenSettings, *, groups=None, n_groups: int = 1, progress=None,
                 arrow_terms: bool = False) -> NgramCounts:
    """Count n-grams of *texts* per group, in bounded memory.

    Parameters
    ----------
    texts : sequence of str, or a pandas text column (read chunk by chunk, not copied)
    settings : TokenSettings
    groups : array of int, optional
        Group of each text (0 .. n_groups - 1); -1 leaves a text out.
        All texts form group 0 when omitted.
    n_groups : int
    progress : bool or None
        Show a progress bar; None shows it for more than a few chunks.
    arrow_terms : bool
        Give ``term`` as one Arrow string array instead of a NumPy array of
        Python strings (what a batch of a reduction keeps; see :func:`pack_terms`).

    Returns
    -------
    NgramCounts
    """
    if isinstance(texts, pd.Series) and pd.api.types.is_string_dtype(texts.dtype):
        # a pandas text column is read one chunk at a time: no Python string of every text at once
        n_chars = int(texts.str.len().fillna(0).sum()) if len(texts) else 0
    else:
        texts = list(texts)
        n_chars = sum(len(t) for t in texts if isinstance(t, str))
    groups = np.zeros(len(texts), dtype=np.int64) if groups is None else np.asarray(groups, dtype=np.int64)
    vocabulary = Vocabulary(settings)
    low, high = settings.ngram_range
    parts = {n: [] for n in range(low, high + 1)}
    positions = {n: np.zeros(n_groups, dtype=np.int64) for n in range(1, high + 1)}
    n_chunks = -(-n_chars // _CHUNK_CHARS)
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
    return _finish(merged, vocabulary, positions, settings, arrow=arrow_terms)


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


def _finish(merged, vocabulary, positions, settings, arrow=False) -> NgramCounts:
    """The counts as NgramCounts; with *arrow*, ``term`` is one Arrow string array (no Python strings)."""
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
        out["term"].append(term if arrow else np.asarray(term.to_numpy(zero_copy_only=False), dtype=object))
        out["n"].append(np.full(int(keep.sum()), n, dtype=np.int64))
        out["frequency"].append(frequency[keep])
        out["doc_frequency"].append(doc_frequency[keep])
    terms_out = out.pop("term")
    arrays = {k: np.concatenate(v) if v else np.empty(0, dtype=np.int64) for k, v in out.items()}
    if arrow:
        arrays["term"] = pa.concat_arrays(terms_out) if terms_out else pa.array([], type=pa.large_string())
    else:
        arrays["term"] = np.concatenate(terms_out) if terms_out else np.empty(0, dtype=object)
    return NgramCounts(**arrays, n_positions=positions, settings=settings)


# --------------------------------------------------------------------------- TermCounts


@dataclass(frozen=True, eq=False)
class TermCounts:
    """Term counts of a corpus, counted once and reused (in the spirit of quanteda's dfm).

    Made by :func:`toolkit.count_terms`; :func:`toolkit.term_frequency`,
    :func:`toolkit.tfidf`, :func:`toolkit.keyness` and
    :func:`toolkit.keyness_over_time` accept it in place of articles and give
    the same tables as from the articles, without tokenising again.

    Each row is an article (``by=None``) or a group of articles (``by`` columns).

    Attributes
    ----------
    docs : pandas.DataFrame
        One row per row of the counts: every article column but ``text``
        (one row per article), or the ``by`` columns (one row per group).
    terms : numpy.ndarray of str
        The term of each column (n-grams joined by a space).
    counts : scipy.sparse.csr_matrix of int64
        Occurrences of each term in each row.
    article_counts : scipy.sparse.csr_matrix of int64
        Articles of each row that contain each term (0 or 1 for an article).
    n_positions : dict of int to numpy.ndarray
        ``n_positions[n][row]``: n-gram positions of length n in the row;
        ``n_positions[1]`` is the number of kept tokens (:attr:`n_tokens`).
    n_articles : numpy.ndarray of int64
        Articles in each row.
    settings : TokenSettings
        The tokenisation (``min_count`` is left to the analyses: counts keep every term).
    by : tuple of str or None
        The grouping of the rows (None: one row per article).
    """

    docs: pd.DataFrame
    terms: np.ndarray
    counts: sparse.csr_matrix
    article_counts: sparse.csr_matrix
    n_positions: dict
    n_articles: np.ndarray
    settings: TokenSettings
    by: tuple | None = None

    @property
    def n_tokens(self) -> np.ndarray:
        """Kept tokens of each row."""
        return self.n_positions[1]

    @property
    def term_lengths(self) -> np.ndarray:
        """Words in each term (1 for single words, 2 for bigrams, ...)."""
        terms = self.terms if isinstance(self.terms, pa.Array) else pa.array(self.terms, type=pa.large_string())
        return pc.count_substring(terms, " ").to_numpy(zero_copy_only=False).astype(np.int64) + 1

    def __repr__(self) -> str:
        rows = "articles" if self.by is None else f"groups of {', '.join(self.by)}"
        return (f"TermCounts({self.counts.shape[0]:,} {rows} x {len(self.terms):,} terms, "
                f"{int(self.n_tokens.sum()):,} tokens; {self.settings.describe()})")


def count_batch(part: pd.DataFrame, *, settings: TokenSettings, by=None, grouping=None, progress=False,
                packed: bool = False) -> TermCounts:
    """The :class:`TermCounts` of one batch of articles (the batch step of :func:`toolkit.count_terms`).

    Parameters
    ----------
    part : pandas.DataFrame
        Articles with a ``text`` column.
    settings : TokenSettings
    by : None, str or list of str
        None: one row per article; else one row per group of these columns.
    grouping : callable, optional
        ``grouping(part) -> (part, codes, labels)`` in place of *by*: the
        articles to count (an article may appear twice), the row of each (-1
        leaves it out) and the labels of the rows, as
        :func:`toolkit.grouping.group_index` gives them. How
        :func:`toolkit.keyness` and :func:`toolkit.keyness_over_time` group
        articles by side or period.
    packed : bool
        Terms packed in Arrow (:func:`pack_terms`), found without making a
        Python string per term: the batch step of a reduction.
    """
    settings = settings.replace(min_count=1)
    if grouping is not None:
        part, codes, labels = grouping(part)
        columns = tuple(labels.columns)
    elif by is None:
        codes = np.arange(len(part), dtype=np.int64)
        labels = part.drop(columns=[TEXT]).reset_index(drop=True)
        columns = None
    else:
        codes, labels = group_index(part, by, reserved=FREQUENCY_COLUMNS)
        columns = tuple(labels.columns)
        labels = labels.iloc[:0] if len(part) == 0 else labels
    codes = np.asarray(codes, dtype=np.int64)
    n_rows = len(labels)
    counted = count_ngrams(part[TEXT], settings, groups=codes, n_groups=n_rows, progress=progress, arrow_terms=packed)
    if packed:  # Arrow numbers distinct strings in order of first appearance, as pandas' factorize does
        encoded = counted.term.dictionary_encode()
        terms, columns_of = encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    else:
        terms, columns_of = pd.factorize(pd.Series(counted.term, dtype=object), sort=False)[::-1]
        terms = np.asarray(terms, dtype=object)
    shape = (n_rows, len(terms))
    counts = sparse.csr_matrix((counted.frequency, (counted.group, columns_of)), shape=shape, dtype=np.int64)
    articles = sparse.csr_matrix((counted.doc_frequency, (counted.group, columns_of)), shape=shape, dtype=np.int64)
    n_articles = np.bincount(codes[codes >= 0], minlength=n_rows).astype(np.int64)
    return TermCounts(docs=labels.reset_index(drop=True), terms=terms, counts=counts,
                      article_counts=articles, n_positions=counted.n_positions, n_articles=n_articles,
                      settings=settings, by=columns)


def _union_terms(first, second):
    """(column of each of *first*'s terms, column of each of *second*'s, the union): *first*'s
    terms in their order, then *second*'s new ones in theirs (both hold distinct terms).

    Arrow hashes the strings (a combine on Dask meets vocabularies of a million n-grams, where
    pandas' object index took seconds). Terms given as Arrow arrays (:func:`pack_terms`) give an
    Arrow union, made without one Python string; NumPy ones a NumPy union reusing their string objects."""
    n_first = len(first)
    arrow = isinstance(first, pa.Array)
    if len(second) == 0:
        return np.arange(n_first, dtype=np.int64), np.zeros(0, dtype=np.int64), first if arrow else np.asarray(first, dtype=object)
    first_arrow, second_arrow = _arrow_terms(first), _arrow_terms(second)
    both = pa.chunked_array([first_arrow, second_arrow])
    codes = both.dictionary_encode().combine_chunks().indices.to_numpy().astype(np.int64)
    where_first, where_second = codes[:n_first], codes[n_first:]
    new = where_second >= n_first
    if arrow:
        return where_first, where_second, pa.concat_arrays([first_arrow, second_arrow.filter(pa.array(new))])
    union = np.concatenate([np.asarray(first, dtype=object), _object_terms(second)[new]])
    return where_first, where_second, union


def _object_terms(terms) -> np.ndarray:
    if isinstance(terms, pa.Array):
        return np.asarray(terms.to_numpy(zero_copy_only=False), dtype=object)
    return np.asarray(terms, dtype=object)


def _arrow_terms(terms) -> pa.Array:
    return terms if isinstance(terms, pa.Array) and terms.type == pa.large_string() else pa.array(terms, type=pa.large_string())


def pack_terms(counts: TermCounts) -> TermCounts:
    """*counts* with its terms as one Arrow string array instead of Python strings.

    How term counts travel and wait between the batches and combines of a
    Dask reduction (:func:`toolkit.analyses.count_terms`): a million phrases
    take about 25 MB instead of about 90 MB, and :func:`combine_counts`
    joins packed vocabularies without making Python strings.
    :func:`unpack_terms` gives the public form back.
    """
    if isinstance(counts.terms, pa.Array):
        return counts
    return dataclasses.replace(counts, terms=_arrow_terms(counts.terms))


def unpack_terms(counts: TermCounts) -> TermCounts:
    """*counts* with its terms as a NumPy array of Python strings (the public form), see :func:`pack_terms`."""
    if not isinstance(counts.terms, pa.Array):
        return counts
    return dataclasses.replace(counts, terms=_object_terms(counts.terms))


def count_batch_packed(part: pd.DataFrame, **options) -> TermCounts:
    """:func:`count_batch` with its terms packed (:func:`pack_terms`): the batch step of a reduction."""
    return count_batch(part, packed=True, **options)


def select_lengths(counts: TermCounts, ngram_range) -> TermCounts:
    """The terms of *counts* of ``ngram_range`` words, as counting with that range gives them.

    Counting words and phrases in one pass (``ngram_range=(1, 3)``) and then
    taking ``(1, 1)`` and ``(2, 3)`` gives the counts, terms (in the same
    order), totals and settings of two separate passes, for the tokenising
    cost of about one.
    """
    low, high = (int(n) for n in ngram_range)
    counted_low, counted_high = counts.settings.ngram_range
    if not counted_low <= low <= high <= counted_high:
        raise ParameterError(f"ngram_range={tuple(ngram_range)!r}: these term counts hold n-grams of "
                             f"{counted_low} to {counted_high} words")
    lengths = counts.term_lengths
    keep = np.flatnonzero((lengths >= low) & (lengths <= high))
    terms = counts.terms.take(pa.array(keep)) if isinstance(counts.terms, pa.Array) else counts.terms[keep]
    return TermCounts(docs=counts.docs, terms=terms, counts=counts.counts[:, keep],
                      article_counts=counts.article_counts[:, keep],
                      n_positions={n: p for n, p in counts.n_positions.items() if n <= high},
                      n_articles=counts.n_articles, settings=counts.settings.replace(ngram_range=(low, high)),
                      by=counts.by)


def combine_counts(first: TermCounts, *others: TermCounts) -> TermCounts:
    """:class:`TermCounts` of consecutive batches as one (the combine step of :func:`toolkit.count_terms`).

    Rows of articles are stacked (first's articles first); rows of groups
    with the same labels are added. Terms: *first*'s in their order, then
    each other batch's new ones in theirs. Several batches at once give the
    counts of combining them two by two, in order, with one union of their
    vocabularies instead of one per pair (a reduction over 1 GB of news
    meets a million phrases at each of its upper levels).
    """
    parts = (first, *others)
    if len(parts) == 1:
        return first
    where, union = _union_all([p.terms for p in parts])
    width = len(union)

    def widen(matrix, columns):
        matrix = matrix.tocsr()
        return sparse.csr_matrix((matrix.data, columns[matrix.indices], matrix.indptr), shape=(matrix.shape[0], width))

    counts = sparse.vstack([widen(p.counts, w) for p, w in zip(parts, where)], format="csr")
    articles = sparse.vstack([widen(p.article_counts, w) for p, w in zip(parts, where)], format="csr")
    docs = pd.concat([p.docs for p in parts], ignore_index=True)
    n_articles = np.concatenate([p.n_articles for p in parts])
    positions = {n: np.concatenate([p.n_positions[n] for p in parts]) for n in first.n_positions}
    combined = TermCounts(docs=docs, terms=union, counts=counts, article_counts=articles,
                          n_positions=positions, n_articles=n_articles, settings=first.settings, by=first.by)
    return combined if first.by is None else regroup(combined, list(first.by))


def _union_all(vocabularies):
    """(the column of each vocabulary's terms in the union, the union): the first's terms in their order,
    then each next one's new terms in theirs (each holds distinct terms); :func:`_union_terms` of many."""
    if len(vocabularies) == 2:
        where_first, where_second, union = _union_terms(*vocabularies)
        return [where_first, where_second], union
    arrow = isinstance(vocabularies[0], pa.Array)
    chunks = [_arrow_terms(v) for v in vocabularies]
    encoded = pa.chunked_array(chunks, type=pa.large_string()).dictionary_encode().combine_chunks()
    codes = encoded.indices.to_numpy().astype(np.int64)
    bounds = np.cumsum([0] + [len(c) for c in chunks])
    where = [codes[bounds[i]:bounds[i + 1]] for i in range(len(chunks))]
    union = encoded.dictionary  # distinct terms in order of first appearance
    if not arrow:
        union = _object_terms(union)
    return where, union


def sum_rows(counts: TermCounts, groups, rows, labels: pd.DataFrame) -> TermCounts:
    """New rows, one per row of *labels*: row ``g`` adds the rows ``rows[groups == g]`` of *counts*
    (a row may go to several new rows)."""
    groups, rows = np.asarray(groups, dtype=np.int64), np.asarray(rows, dtype=np.int64)
    indicator = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (groups, rows)),
                                  shape=(len(labels), counts.counts.shape[0]))

    def add(matrix):
        summed = (indicator @ matrix).tocsr()
        summed.sum_duplicates()
        summed.eliminate_zeros()
        return summed

    return TermCounts(docs=labels.reset_index(drop=True), terms=counts.terms, counts=add(counts.counts),
                      article_counts=add(counts.article_counts),
                      n_positions={n: indicator @ p for n, p in counts.n_positions.items()},
                      n_articles=indicator @ counts.n_articles, settings=counts.settings, by=tuple(labels.columns))


def regroup(counts: TermCounts, by) -> TermCounts:
    """*counts* with the rows of equal *by* values added (*by* columns of ``counts.docs``).

    Raises
    ------
    ParameterError
        Naming ``by`` when the counts were grouped by other columns.
    """
    if counts.by is not None:
        wanted = [] if by is None else ([by] if isinstance(by, str) else list(by))
        if not set(wanted) <= set(counts.by):
            raise ParameterError(f"by={by!r}: these term counts have one row per {', '.join(counts.by) or 'corpus'}; "
                                 f"count them with count_terms(articles, by={by!r}) or by=None (one row per article)")
    codes, labels = group_index(counts.docs, by, reserved=FREQUENCY_COLUMNS)
    if len(counts.docs) == 0:
        labels = labels.iloc[:0]
    return sum_rows(counts, codes, np.arange(len(codes)), labels)


def check_settings(counts: TermCounts, settings: TokenSettings, *, where: str) -> None:
    """Raise :class:`ParameterError` when token options ask for other settings than *counts* were counted with."""
    if settings.replace(min_count=1) != counts.settings.replace(min_count=1):
        raise ParameterError(
            f"{where}: these term counts were made with {counts.settings.describe()}; token options "
            f"({settings.describe()}) cannot change them: count again with toolkit.count_terms(articles, ...)"
        )


def frequency_from_counts(counts: TermCounts, *, by=None, min_count: int = 1) -> pd.DataFrame:
    """The table of :func:`toolkit.term_frequency` from :class:`TermCounts` (the finish step).

    Cells (group, term) seen fewer than *min_count* times are dropped.
    """
    grouped = regroup(counts, by)
    occurrences = grouped.counts.tocoo()
    articles = grouped.article_counts.tocoo()
    if not (np.array_equal(occurrences.row, articles.row) and np.array_equal(occurrences.col, articles.col)):
        articles_data = np.asarray(grouped.article_counts[occurrences.row, occurrences.col]).ravel()
    else:
        articles_data = articles.data
    keep = occurrences.data >= min_count
    labels = grouped.docs if grouped.by else None
    return frequency_table(occurrences.row[keep], grouped.terms[occurrences.col[keep]], occurrences.data[keep],
                           articles_data[keep], grouped.n_tokens, labels if labels is not None else pd.DataFrame(index=[0]),
                           counts.settings.replace(min_count=min_count))


def tfidf_from_counts(counts: TermCounts, *, by=None, n: int = 10, min_count: int = 1, norm="l2", smooth_idf=True,
                      sublinear_tf=False) -> pd.DataFrame:
    """The table of :func:`toolkit.tfidf` from :class:`TermCounts` (the finish step)."""
    if by is None or (not isinstance(by, str) and not list(by)):
        if counts.by is not None:
            raise ParameterError("by=None: TF-IDF per article needs term counts with one row per article "
                                 "(count_terms(articles) without by)")
        require_columns(counts.docs, [DOC_ID], where="tfidf (without by)")
        grouped, labels = counts, counts.docs[[DOC_ID]].reset_index(drop=True)
    else:
        grouped = regroup(counts, by)
        labels = grouped.docs
    # columns in term order, as scikit-learn's vectoriser orders them (the l2 norms sum in that order)
    order = np.argsort(grouped.terms.astype(str), kind="stable")
    matrix, terms = grouped.counts[:, order], grouped.terms[order].astype(str)
    if min_count > 1:
        keep = np.flatnonzero(np.asarray(matrix.sum(axis=0)).ravel() >= min_count)
        matrix, terms = matrix[:, keep], terms[keep]
    table = tfidf_table(matrix, terms, labels, n=n, norm=norm, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
    table.attrs["token_settings"] = counts.settings.replace(min_count=min_count).describe()
    return table


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
    """:func:`toolkit.term_frequency` on one pandas DataFrame (what the public function runs per batch).

    Use :func:`toolkit.term_frequency`: it also takes a Parquet path, a Dask
    DataFrame or :class:`TermCounts`, and ``batch_size``. Columns: see there.
    """
    require_columns(articles, [TEXT], where="term_frequency")
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    counts = count_batch(articles, settings=settings, by=group_columns(articles, by, reserved=FREQUENCY_COLUMNS))
    return frequency_from_counts(counts, by=by, min_count=settings.min_count)


def frequency_table(group, term, frequency, doc_frequency, tokens, labels, settings) -> pd.DataFrame:
    """The table of :func:`term_frequency` from counts per (group, term) pair.

    Sorts by group, then frequency (highest first), then term; ranks within the
    group (ties share the lowest rank); rates per 1,000 kept tokens of the
    group (*tokens*, indexed by group code); puts the group's *labels* (a
    DataFrame with a row per group code, as from
    :func:`toolkit.grouping.group_index`; or None) in front. Also used by
    :func:`frequency_from_counts`.
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
    """:func:`toolkit.tfidf` on one pandas DataFrame (what the public function runs per batch).

    Use :func:`toolkit.tfidf`: it also takes a Parquet path, a Dask DataFrame
    or :class:`TermCounts`. Columns: see there.
    """
    require_columns(articles, [TEXT], where="tfidf")
    check_rows(n)
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    columns = group_columns(articles, by, reserved=("term", "tfidf", "rank"))
    if not columns:
        require_columns(articles, [DOC_ID], where="tfidf (without by)")
    counts = count_batch(articles, settings=settings, by=columns or None)
    return tfidf_from_counts(counts, by=columns or None, n=n, min_count=settings.min_count, norm=norm,
                             smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)


def check_rows(n, *, optional: bool = False) -> None:
    """Raise :class:`ParameterError` naming ``n`` unless it is a positive integer (or None when *optional*)."""
    if optional and n is None:
        return
    require_whole_number(n, parameter="n")


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
