"""The public analyses that scale: each is one batch function and one combine step, run by the executor.

Every function here takes, as ``articles``, a pandas DataFrame, the path of a
Parquet file or folder, or a Dask DataFrame, with the same options and the
same result for each (tests compare them); the vocabulary analyses also take
the :class:`~toolkit.frequency.TermCounts` of :func:`count_terms`, so a
notebook tokenises once. ``batch_size`` (articles per batch; default: a
DataFrame is one batch, Parquet is read 20,000 articles at a time, Dask
uses its partitions) bounds memory the same way for each.

The analysis itself lives in its module (:mod:`toolkit.match`,
:mod:`toolkit.frequency`, :mod:`toolkit.keyness`, :mod:`toolkit.rates`,
:mod:`toolkit.duplicates`) as a function on one pandas DataFrame and a way
to combine two results; :func:`toolkit.executor.run` applies the pair to the
batches. Dask runs on your ``distributed.Client`` when you have made one,
else on Dask's default scheduler: nothing here starts a cluster.
"""

from __future__ import annotations

import os
from functools import partial

import numpy as np
import pandas as pd

from toolkit import executor
from toolkit import duplicates as _duplicates
from toolkit import frequency as _frequency
from toolkit import keyness as _keyness
from toolkit import match as _match
from toolkit import rates as _rates
from toolkit.errors import ParameterError, require_columns
from toolkit.frames import is_dictionary_path, load_frames
from toolkit.frequency import FREQUENCY_COLUMNS, TermCounts
from toolkit.grouping import check_period, group_columns
from toolkit.kwic import (
    HIT_COLUMNS_NOT_IN_LINES, LINE_ARTICLE_COLUMNS, check_sort_levels, check_window, kwic_from_hits, sort_kwic,
)
from toolkit.schema import DATE, DATE_PRECISION, DOC_ID, HIT_COLUMNS, N_WORDS, TEXT
from toolkit.tokens import TokenSettings

# --------------------------------------------------------------------------- matching


def _dictionary(frames):
    return load_frames(frames) if isinstance(frames, (str, os.PathLike)) else frames


def _concat(results: list, empty: pd.DataFrame, *, sort: bool = False, ignore_index: bool = True) -> pd.DataFrame:
    """The combine step of the matching analyses: results of batches in article order, as one table."""
    parts = [r for r in results if len(r)] or [empty]
    combined = pd.concat(parts, ignore_index=ignore_index) if len(parts) > 1 else parts[0]
    if sort:  # each batch is sorted; a stable sort keeps article order among equal doc_ids
        combined = combined.sort_values([DOC_ID, "start"], kind="stable", ignore_index=True)
    fallback = {}
    for result in results:
        fallback.update(result.attrs.get("fallback", {}))
    combined.attrs = {**empty.attrs, "fallback": fallback}
    if results:
        combined.attrs["engine"] = results[0].attrs.get("engine", empty.attrs.get("engine"))
    return combined


def _run_matching(function, articles, frames, *, columns, batch_size, progress, sort, ignore_index=True, **options):
    executor.check_articles(articles, function.__name__)
    if isinstance(articles, pd.DataFrame) and executor.check_batch_size(batch_size) is None:
        return function(articles, frames, progress=progress, **options)  # one batch: the module's own result
    batch = partial(function, frames=frames, progress=False, **options)
    results = executor.run(articles, batch, columns=columns, batch_size=batch_size, progress=progress)
    # the empty table (columns, attrs) is a batch's own; only with no batch at all is it made here: on Dask
    # that would compile the dictionary in this process too (seconds, and ~100 MB of inflection tables)
    empty = results[0].iloc[:0] if results else function(executor.empty_articles(articles, columns), frames,
                                                                progress=False, **options)
    return _concat(results, empty, sort=sort, ignore_index=ignore_index)


def count_frames(articles, frames, *, long: bool = False, engine: str = "auto", overlap: str = "frame",
                 batch_size: int | None = None,
                 progress: bool | None = None) -> pd.DataFrame:
    """Count the hits of each frame in each article (the rules of :func:`match_frames`).

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path or Dask DataFrame
        Needs ``doc_id`` and ``text``.
    frames : FrameDictionary or path of a YAML dictionary
    long : bool
        False (default): wide table. True: long table of the non-zero counts
        per article, frame and pattern.
    engine : {"auto", "hyperscan", "re2", "re"}
        The regular-expression engine; "auto" takes the fastest installed.
    overlap : {"frame", "exclusive"}
        "frame" (default): each frame counts its own hits, the longest match
        winning only within a frame (quanteda's ``nested_scope = "key"``);
        "exclusive": the longest match wins across the whole dictionary.
    batch_size : int, optional
        Articles per batch (see the module docstring).
    progress : bool, optional

    Returns
    -------
    pandas.DataFrame
        Wide: index ``doc_id`` (every article, in order, zero rows included),
        one int64 column per frame id in dictionary order. Long: columns
        ``doc_id, frame, pattern, n_mentions`` in article order, then
        dictionary order. ``attrs["engine"]`` names the engine.
    """
    return _run_matching(_match.count_frames, articles, _dictionary(frames), columns=[DOC_ID, TEXT],
                         batch_size=batch_size, progress=progress, sort=False, ignore_index=long, long=long,
                         engine=engine, overlap=overlap)


def match_frames(articles, frames, *, voice: bool = False, engine: str = "auto", overlap: str = "frame",
                 batch_size: int | None = None,
                 progress: bool | None = None) -> pd.DataFrame:
    """Find every hit of a frame dictionary in the articles: :func:`toolkit.match.match_frames` on any input.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path or Dask DataFrame
        Needs ``doc_id`` and ``text`` (``outlet`` for voice).
    frames : FrameDictionary or path of a YAML dictionary
    voice : bool, default False
        Also attribute each hit's voice (the columns of
        :func:`toolkit.annotate_voice`). Off by default because it costs more
        than matching: it reads the sentences around every hit (3.6 times the
        time of matching alone on 3,824 real news articles; see the README).
    engine : {"auto", "hyperscan", "re2", "re"}
    overlap : {"frame", "exclusive"}
        As in :func:`count_frames`.
    batch_size : int, optional
    progress : bool, optional

    Returns
    -------
    pandas.DataFrame
        One row per hit, columns :data:`~toolkit.schema.HIT_COLUMNS` (with
        ``voice=True`` also :data:`~toolkit.schema.VOICE_COLUMNS`), sorted by
        ``doc_id`` then ``start``; see :func:`toolkit.match.match_frames`.
    """
    return _run_matching(_match.match_frames, articles, _dictionary(frames), columns=None, batch_size=batch_size,
                         progress=progress, sort=True, voice=voice, engine=engine, overlap=overlap)


#: The columns of a hits table that :func:`keyword_in_context` passes on to the lines (``hits=``).
_LINE_HIT_COLUMNS = [c for c in HIT_COLUMNS if c not in HIT_COLUMNS_NOT_IN_LINES]


def _match_hash_lines(part: pd.DataFrame, frames, *, window, **options):
    """One batch of :func:`match_hash_and_lines`: its hits, its texts' hashes, the lines of its hits (or None)."""
    hits = _match.match_frames(part, frames, progress=False, **options)
    lines = None
    if window is not None:
        articles = part[[c for c in part.columns if c in LINE_ARTICLE_COLUMNS]]
        lines = kwic_from_hits(articles, hits[_LINE_HIT_COLUMNS], window=window)
    hashes = _duplicates.text_hashes(part).assign(n_chars=part[TEXT].fillna("").str.len().to_numpy(dtype="int64"))
    return hits, hashes, lines


def match_hash_and_lines(articles, frames, *, window: int | None = None, voice: bool = False, engine: str = "auto",
                         overlap: str = "frame", batch_size: int | None = None, progress: bool | None = None):
    """:func:`match_frames`, the hashes of :func:`find_exact_duplicates` and the lines of the hits, in one pass.

    What a report reads the text for, read once: the same hits as
    ``match_frames(articles, frames, voice=voice, ...)``; the rows of
    :func:`toolkit.duplicates.text_hashes` (``doc_id, date, text_hash``) that
    :func:`toolkit.duplicates.exact_duplicates_from_hashes` turns into
    :func:`find_exact_duplicates`'s table, with ``n_chars``, each text's length
    in characters (what a dispersion plot needs); with *window*, the lines of
    ``keyword_in_context(articles, frames, window=window, hits=hits[list(HIT_COLUMNS)])``,
    else None.

    Returns
    -------
    tuple
        (hits, hashes, lines or None).
    """
    executor.check_articles(articles, "match_hash_and_lines")
    if window is not None:
        check_window(window)
    frames = _dictionary(frames)
    batch = partial(_match_hash_lines, frames=frames, window=window, voice=voice, engine=engine, overlap=overlap)
    results = executor.run(articles, batch, batch_size=executor.check_batch_size(batch_size), progress=progress)
    if not results:
        results = [batch(executor.pandas_strings(executor.empty_articles(articles)))]
    hits = _concat([r[0] for r in results], results[0][0].iloc[:0], sort=True)
    hashes = pd.concat([r[1] for r in results], ignore_index=True)
    lines = None
    if window is not None:
        lines = _concat([r[2] for r in results], results[0][2].iloc[:0], sort=True)
    return hits, hashes, lines


def _kwic_of_hits(part: pd.DataFrame, frames=None, *, hits: pd.DataFrame, window: int, progress=None) -> pd.DataFrame:
    """One batch of :func:`keyword_in_context` with *hits* given: the lines of this batch's articles' hits."""
    return kwic_from_hits(part, hits[hits[DOC_ID].isin(part[DOC_ID])], window=window)


def keyword_in_context(articles, frames, *, window: int = 10, sort=None, hits: pd.DataFrame | None = None,
                       engine: str = "auto", overlap: str = "frame", batch_size: int | None = None,
                       progress: bool | None = None) -> pd.DataFrame:
    """Keyword-in-context lines of a frame dictionary's hits or of phrases, on any input.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path or Dask DataFrame
        Needs ``doc_id`` and ``text``; ``outlet``, ``date``, ``title`` are copied when present.
    frames : FrameDictionary, path, str or list of str
        A dictionary or its YAML path, or one phrase or a list of phrases
        (not used when *hits* are given).
    window : int
        Words of context on each side.
    sort : str or list of str, optional
        AntConc's sort levels (``"R1"``..``"R5"``, ``"L1"``..``"L5"``, ``"KW"``), see
        :func:`toolkit.sort_kwic`; applied once all batches are combined.
    hits : pandas.DataFrame, optional
        Hits already found in these articles (:func:`match_frames`, sorted by
        ``doc_id`` then ``start`` as it returns them): their lines are built
        without matching again (:func:`toolkit.kwic_from_hits`, voice columns
        kept), the same lines as matching gives.
    engine, overlap, batch_size, progress
        As in :func:`count_frames` (not used when *hits* are given).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~toolkit.schema.KWIC_COLUMNS` (``date_precision`` after
        ``date`` when the articles have it; with *hits*, then their voice
        columns), sorted by ``doc_id`` then ``start`` (then by *sort*);
        see :func:`toolkit.match.keyword_in_context`.
    """
    levels = None if sort is None else check_sort_levels(sort, parameter="sort")
    if hits is not None:
        executor.check_articles(articles, "keyword_in_context")
        require_columns(hits, [DOC_ID, "frame", "pattern", "start", "end"], where="keyword_in_context(hits)")
        check_window(window)
        columns = list(LINE_ARTICLE_COLUMNS)
        if isinstance(articles, pd.DataFrame) and executor.check_batch_size(batch_size) is None:
            result = kwic_from_hits(articles[[c for c in articles.columns if c in columns]], hits, window=window)
        else:
            wanted = hits[[c for c in hits.columns if c not in HIT_COLUMNS_NOT_IN_LINES]]
            results = executor.run(articles, partial(_kwic_of_hits, window=window), columns=columns,
                                   batch_size=batch_size, progress=progress, shared={"hits": wanted})
            empty = kwic_from_hits(executor.empty_articles(articles, columns), wanted.iloc[:0], window=window)
            result = _concat(results, empty, sort=True)
        return result if levels is None else sort_kwic(result, by=levels)
    result = _run_matching(_match.keyword_in_context, articles, _dictionary(frames) if is_dictionary_path(frames) else frames,
                           columns=list(LINE_ARTICLE_COLUMNS), batch_size=batch_size, progress=progress,
                           sort=True, window=window, engine=engine, overlap=overlap)
    return result if levels is None else sort_kwic(result, by=levels)


# --------------------------------------------------------------------------- term counts


def _settings(settings, ngram_range, min_count, token_options) -> TokenSettings:
    return _frequency.token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)


#: Batches' term counts combined at once on Dask. Words and phrases of 1 GB by outlet (41 tasks, two
#: workers): the combines took 4.9 s of task time with 4, 10.2 with 2 and 3.7 with 8, and the workers
#: 1,071, 1,060 and 1,177 MB at their peak (summed): 8 waiting batches hold memory.
COMBINE_FAN_IN = 4


def _count(articles, settings, *, by=None, grouping=None, batch_size=None, progress=None) -> TermCounts:
    """The :class:`TermCounts` of *articles* (any input kind), by *by* columns or a *grouping*."""
    one = isinstance(articles, pd.DataFrame) and batch_size is None  # a progress bar inside the one batch
    # batches' counts wait and travel with their terms packed in Arrow (a tenth of the memory of
    # Python strings at the root of a reduction over 1 GB); unpacked once, here
    batch = partial(_frequency.count_batch_packed, settings=settings, by=by, grouping=grouping,
                    progress=progress if one else False)
    # combine_counts joins several batches' vocabularies in one union: fewer, cheaper levels of reduction
    counts = executor.run(articles, batch, _frequency.combine_counts, batch_size=batch_size, progress=progress,
                          fan_in=COMBINE_FAN_IN)
    return _frequency.unpack_terms(counts if counts is not None else batch(executor.empty_articles(articles)))


def count_terms(articles, *, by=None, ngram_range=None, settings: TokenSettings | None = None,
                batch_size: int | None = None, progress: bool | None = None, **token_options) -> TermCounts:
    """Tokenise the articles once: term counts that the vocabulary analyses reuse.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path or Dask DataFrame
        Needs a ``text`` column (and the *by* columns).
    by : str or list of str, optional
        None: one row per article (needed by ``tfidf`` per article and
        ``keyness_over_time``). Columns: one row per group (smaller; enough for
        ``term_frequency``, ``tfidf`` and ``keyness`` by those columns or overall).
    ngram_range, settings, **token_options
        The tokenisation, as in :func:`term_frequency` (every term is kept:
        ``min_count`` belongs to the analyses).
    batch_size, progress
        As in :func:`count_frames`.

    Returns
    -------
    TermCounts
        See :class:`toolkit.frequency.TermCounts`.
    """
    executor.check_articles(articles, "count_terms")
    settings = _settings(settings, ngram_range, None, token_options)
    columns = group_columns(executor.empty_articles(articles), by, reserved=FREQUENCY_COLUMNS)
    return _count(articles, settings, by=columns if by is not None else None, batch_size=batch_size,
                  progress=progress)


def _counted(articles, settings, where: str, *, by, batch_size, progress) -> TermCounts:
    """*articles* as TermCounts: given ones checked against the token options, else counted *by*."""
    if isinstance(articles, TermCounts):
        _frequency.check_settings(articles, settings, where=where)
        return articles
    executor.check_articles(articles, where)
    require_columns(executor.empty_articles(articles), [TEXT], where=where)
    return _count(articles, settings, by=by, batch_size=batch_size, progress=progress)


def term_frequency(articles, *, by=None, ngram_range=None, min_count: int | None = None,
                   settings: TokenSettings | None = None, batch_size: int | None = None,
                   progress: bool | None = None, **token_options) -> pd.DataFrame:
    """Count terms (n-grams) over the articles, overall or per group.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path, Dask DataFrame or TermCounts
        Needs a ``text`` column (and the ``by`` columns).
    by : str or list of str, optional
        Count per value of these columns (e.g. ``"outlet"``; see
        :mod:`toolkit.grouping`). None or ``[]``: the whole corpus.
    ngram_range : (int, int), optional
        Overrides ``settings.ngram_range`` (default (1, 1)).
    min_count : int, optional
        Overrides ``settings.min_count``: rows with fewer occurrences are dropped.
    settings : TokenSettings, optional
    batch_size, progress
        As in :func:`count_frames`.
    **token_options
        Any other :class:`~toolkit.tokens.TokenSettings` field (``stop_words="english"``, ...).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns (when given), then ``term`` (n-grams joined by a
        space), ``n_occurrences``, ``n_articles_with_term``, ``rank`` (1 =
        most frequent in its group; ties share the lowest rank) and
        ``per_1000_tokens`` (occurrences per 1,000 kept word tokens of the
        group). Sorted by group, occurrences descending, term.
        ``attrs["token_settings"]`` states the tokenisation.
    """
    settings = _settings(settings, ngram_range, min_count, token_options)
    if not isinstance(articles, TermCounts):
        executor.check_articles(articles, "term_frequency")
        by = group_columns(executor.empty_articles(articles), by, reserved=FREQUENCY_COLUMNS)
    counts = _counted(articles, settings, "term_frequency", by=by, batch_size=batch_size, progress=progress)
    return _frequency.frequency_from_counts(counts, by=by, min_count=settings.min_count)


def tfidf(articles, *, by=None, n: int = 10, ngram_range=None, min_count: int | None = None,
          norm: str | None = "l2", smooth_idf: bool = True, sublinear_tf: bool = False,
          settings: TokenSettings | None = None, batch_size: int | None = None, progress: bool | None = None,
          **token_options) -> pd.DataFrame:
    """The most distinctive terms of each article (or group) by TF-IDF.

    Counts come from the toolkit's tokenisation; weights from scikit-learn's
    ``TfidfTransformer(norm=norm, smooth_idf=smooth_idf,
    sublinear_tf=sublinear_tf)``: tf x idf with
    idf = ln((1 + n) / (1 + df)) + 1 (smooth) and rows scaled to unit length.
    With ``by``, each group's articles are pooled into one document, so idf
    counts groups.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path, Dask DataFrame or TermCounts
    by : str or list of str, optional
        Pool each group's articles into one document. None: one document per article.
    n : int
        Terms kept per article or group.
    ngram_range, min_count, settings, batch_size, progress, **token_options
        As in :func:`term_frequency` (``min_count`` applies to a term's total).
    norm, smooth_idf, sublinear_tf
        Passed to scikit-learn's TfidfTransformer.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` (or the ``by`` columns), ``term``, ``tfidf``, ``rank``
        (1 = highest weight), *n* rows per article or group, ordered by
        article or group, then rank (ties broken by term).
    """
    _frequency.check_rows(n)
    settings = _settings(settings, ngram_range, min_count, token_options)
    if not isinstance(articles, TermCounts):
        executor.check_articles(articles, "tfidf")
        by = group_columns(executor.empty_articles(articles), by, reserved=("term", "tfidf", "rank")) or None
    counts = _counted(articles, settings, "tfidf", by=by, batch_size=batch_size, progress=progress)
    return _frequency.tfidf_from_counts(counts, by=by, n=n, min_count=settings.min_count, norm=norm,
                                        smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)


# --------------------------------------------------------------------------- keyness


def _is_corpus(spec) -> bool:
    return isinstance(spec, TermCounts) or isinstance(spec, pd.DataFrame) or executor.is_dask(spec) \
        or executor.is_parquet_path(spec)


def _sides(articles, settings, target, reference, *, batch_size, progress) -> TermCounts:
    """Counts of *articles* in two rows: the target (row 0) and the reference (row 1)."""
    sides = _keyness.own_sides(target, reference, is_corpus=_is_corpus)
    masks = any(_keyness.uses_column(spec, column) for spec in sides for column in ("_target", "_reference"))
    if isinstance(articles, TermCounts):
        docs = _keyness.mask_columns(articles.docs, sides, target, reference)
        chosen = [_keyness.side_mask(docs, spec, name) for spec, name in zip(sides, ("target", "reference"))]
        rows = np.concatenate([np.flatnonzero(chosen[0]), np.flatnonzero(chosen[1])])
        groups = np.repeat([0, 1], [int(chosen[0].sum()), int(chosen[1].sum())])
        return _frequency.sum_rows(articles, groups, rows, pd.DataFrame({"_side": [0, 1]}))
    if isinstance(articles, pd.DataFrame):
        articles = _keyness.mask_columns(articles, sides, target, reference)
    elif masks:
        raise ParameterError("target/reference: with a Parquet path or a Dask DataFrame, give a dict such as "
                             "{'outlet': 'Xinhua'}, a query string or a corpus; a boolean mask cannot follow the batches.")
    grouping = partial(_keyness.side_grouping, target=sides[0], reference=sides[1])
    return _count(articles, settings, grouping=grouping, batch_size=batch_size, progress=progress)


def _corpus_side(corpus, settings, side: int, *, batch_size, progress) -> TermCounts:
    """All of another corpus on one side (0 target, 1 reference)."""
    if isinstance(corpus, TermCounts):
        _frequency.check_settings(corpus, settings, where="target" if side == 0 else "reference")
        rows = np.arange(corpus.counts.shape[0])
        return _frequency.sum_rows(corpus, np.full(len(rows), side), rows, pd.DataFrame({"_side": [0, 1]}))
    executor.check_articles(corpus, "target" if side == 0 else "reference")
    sides = (_keyness.ALL, _keyness.NONE) if side == 0 else (_keyness.NONE, _keyness.ALL)
    grouping = partial(_keyness.side_grouping, target=sides[0], reference=sides[1])
    return _count(corpus, settings, grouping=grouping, batch_size=batch_size, progress=progress)


def keyness(articles, *, target=None, reference=None, measure: str = "g2", correction: str | None = None,
            ngram_range=None, min_count: int | None = None, settings: TokenSettings | None = None,
            batch_size: int | None = None, progress: bool | None = None, **token_options) -> pd.DataFrame:
    """Key terms of a target set of articles against a reference.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path, Dask DataFrame or TermCounts
        Needs a ``text`` column.
    target : mask, dict, str or corpus, optional
        A boolean mask (one value per article, or per row of TermCounts; not
        with Parquet or Dask), a metadata condition such as ``{"outlet":
        "Xinhua"}`` (a list of values means any of them), a query string
        (``"outlet == 'Xinhua'"``), or another corpus (DataFrame, Parquet
        path, Dask DataFrame or TermCounts). Default: all articles.
    reference : mask, dict, str or corpus, optional
        The reference, given the same ways (a corpus such as
        ``load_sample("reference")``). Default: the articles not in the target.
    measure : {"g2", "g2_two_cell", "chi2", "pmi"} or "lr" (quanteda's name for "g2")
    correction : {None, "yates", "williams"}
        See :mod:`toolkit.keyness`.
    ngram_range, min_count, settings, batch_size, progress, **token_options
        Tokenisation and batches, as in :func:`term_frequency`; keeps terms
        with n_target + n_reference >= min_count.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, n_reference, score, p_value, log_ratio``, highest
        score first (formulas and references in :mod:`toolkit.keyness`);
        ``score`` and ``log_ratio`` never disagree in sign. For n-grams, the
        totals are the numbers of n-gram positions of each length. ``attrs``
        record the measure and the tokenisation.
    """
    measure = _keyness.check_measure(measure, correction)
    if target is None and reference is None:
        raise ParameterError("target/reference: give at least one of them (everything against nothing has no keyness).")
    settings = _settings(settings, ngram_range, min_count, token_options)
    if not isinstance(articles, TermCounts):
        executor.check_articles(articles, "keyness")
    counts = _sides(articles, settings, target, reference, batch_size=batch_size, progress=progress)
    for side, spec in ((0, target), (1, reference)):
        if _is_corpus(spec):
            other = _corpus_side(spec, settings, side, batch_size=batch_size, progress=progress)
            counts = _frequency.combine_counts(counts, other)
    table = _keyness.keyness_from_sides(_keyness.two_sides(counts), measure=measure, correction=correction,
                                        min_count=settings.min_count)
    table.attrs["token_settings"] = settings.describe()
    return table


def keyness_over_time(articles, *, period: str = "week", measure: str = "g2", correction: str | None = None,
                      n: int | None = None, ngram_range=None, min_count: int | None = None,
                      settings: TokenSettings | None = None, batch_size: int | None = None,
                      progress: bool | None = None, **token_options) -> pd.DataFrame:
    """Keyness of each period against all other periods, in one pass.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path, Dask DataFrame or TermCounts
        Needs ``text`` and ``date`` (TermCounts: one row per article);
        articles without a date, or dated less finely than *period*
        (:func:`toolkit.grouping.period_dates`), are left out.
    period : {"day", "week", "month", "quarter", "year"}
        Calendar periods of ``date``, weeks from Monday (see :mod:`toolkit.grouping`).
    measure, correction, ngram_range, min_count, settings, batch_size, progress, **token_options
        As in :func:`keyness`.
    n : int, optional
        Keep the *n* highest-scoring terms of each period.

    Returns
    -------
    pandas.DataFrame
        ``period`` (pandas Period), then ``term, n_target, n_reference,
        score, p_value, log_ratio`` (target = the period, reference = every
        other period), by period then score. Only terms that occur in a
        period are listed for it.
    """
    measure = _keyness.check_measure(measure, correction)
    check_period(period)
    _frequency.check_rows(n, optional=True)
    settings = _settings(settings, ngram_range, min_count, token_options)
    grouping = partial(_keyness.period_grouping, period=period)
    if isinstance(articles, TermCounts):
        _frequency.check_settings(articles, settings, where="keyness_over_time")
        if articles.by is not None and DATE not in articles.by:
            raise ParameterError("keyness_over_time: needs term counts with one row per article "
                                 "(count_terms(articles) without by)")
        require_columns(articles.docs, [DATE], where="keyness_over_time (term counts with one row per article)")
        _, codes, labels = grouping(articles.docs)
        keep = codes >= 0
        counts = _frequency.sum_rows(articles, codes[keep], np.flatnonzero(keep), labels)
    else:
        executor.check_articles(articles, "keyness_over_time")
        require_columns(executor.empty_articles(articles), [TEXT, DATE], where="keyness_over_time")
        counts = _count(articles, settings, grouping=grouping, batch_size=batch_size, progress=progress)
    table = _keyness.keyness_by_period(counts, period=period, measure=measure, correction=correction,
                                       min_count=settings.min_count, n=n)
    table.attrs["token_settings"] = settings.describe()
    return table


# --------------------------------------------------------------------------- rates and copies


def _metadata(part: pd.DataFrame, columns) -> pd.DataFrame:
    """The columns frame_rates reads, with ``n_words`` counted from the text when absent (one batch)."""
    table = part[[c for c in columns if c in part.columns]]
    if N_WORDS not in part.columns and TEXT in part.columns:
        table = table.assign(**{N_WORDS: _rates.count_words(part[TEXT])})
    return table


def frame_rates(articles, hits: pd.DataFrame, *, by="outlet", period: str | None = None, frames=None,
                batch_size: int | None = None) -> pd.DataFrame:
    """Mentions per 1,000 words and share of articles mentioning each frame, by group.

    Reads only the articles' metadata (``doc_id``, ``n_words``, ``date`` and
    the *by* columns; ``text`` only when there is no ``n_words``), batch by
    batch for Parquet and Dask, then computes the rates in memory: see
    :func:`toolkit.rates.frame_rates` for the columns and intervals.

    Parameters
    ----------
    articles : pandas.DataFrame, Parquet path or Dask DataFrame
    hits : pandas.DataFrame
        From :func:`match_frames`.
    by, period, frames
        As in :func:`toolkit.rates.frame_rates`.
    batch_size : int, optional
    """
    if isinstance(articles, pd.DataFrame):
        return _rates.frame_rates(articles, hits, by=by, period=period, frames=frames)
    executor.check_articles(articles, "frame_rates")
    empty = executor.empty_articles(articles)
    wanted = [DOC_ID, N_WORDS, DATE, DATE_PRECISION, *group_columns(empty, by)]
    wanted = [c for c in dict.fromkeys(wanted) if c in empty.columns or c == N_WORDS]
    columns = wanted if N_WORDS in empty.columns else [*wanted, TEXT]
    parts = executor.run(articles, partial(_metadata, columns=wanted), columns=columns, batch_size=batch_size)
    metadata = pd.concat(parts, ignore_index=True) if parts else _metadata(empty, wanted)
    return _rates.frame_rates(metadata, hits, by=by, period=period, frames=frames)


def find_exact_duplicates(articles, *, batch_size: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Articles with identical text, in the columns of :func:`toolkit.find_duplicates`, on any input.

    A 64-bit hash of each text is computed batch by batch; only the hashes
    come together. Near duplicates (edited reprints) need
    :func:`toolkit.find_duplicates`, which compares every article's shingles
    in one process.

    Returns
    -------
    pandas.DataFrame
        :data:`~toolkit.duplicates.DUPLICATE_COLUMNS`; the origin of each
        cluster is its earliest article (ties by ``doc_id``), ``similarity``
        and ``jaccard`` are 1.0.
    """
    executor.check_articles(articles, "find_exact_duplicates")
    parts = executor.run(articles, _duplicates.text_hashes, columns=[DOC_ID, DATE, TEXT], batch_size=batch_size,
                         progress=progress)
    keys = pd.concat(parts, ignore_index=True) if parts else _duplicates.text_hashes(executor.empty_articles(articles))
    return _duplicates.exact_duplicates_from_hashes(keys)
