"""Frame rates by group and period, with the numbers behind them, and co-occurrence.

:func:`frame_rates` turns a hits table into rates a reader can compare across
outlets and periods: mentions per 1,000 words, with a 95% exact Poisson
interval (:func:`poisson_interval`), and the share of articles with at least
one mention, with a 95% Wilson score interval (:func:`wilson_interval`). The
tables and charts of :mod:`toolkit.display` and :mod:`toolkit.plot` read these
interval columns rather than computing their own.
:func:`frame_cooccurrence` counts the articles (or sentences) where two frames
appear together.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from toolkit.errors import ParameterError, SchemaError, require_columns
from toolkit.frames import load_frames
from toolkit.grouping import check_period, group_columns, period_dates, period_start
from toolkit.schema import DATE, DOC_ID, N_WORDS, TEXT
from toolkit.tokens import count_words

RATE_COLUMNS = (
    "frame",
    "n_articles",
    "n_words",
    "n_mentions",
    "mentions_per_1000_words",
    "rate_ci_low",
    "rate_ci_high",
    "n_articles_with_mention",
    "share_with_mention",
    "share_ci_low",
    "share_ci_high",
)


def wilson_interval(k, n, *, confidence: float = 0.95):
    """Wilson score interval for a binomial proportion ``k / n``.

    The interval of Wilson (1927), without continuity correction, recommended
    over the Wald interval by Newcombe (1998) because it stays inside [0, 1] and
    keeps its coverage for small ``n`` and proportions near 0 or 1.

    Parameters
    ----------
    k, n : int or array-like of int
        Successes and trials, ``0 <= k <= n``.
    confidence : float, default 0.95
        Confidence level, strictly between 0 and 1.

    Returns
    -------
    (low, high) : tuple of float or of numpy arrays
        NaN where ``n == 0``.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and
    statistical inference. JASA 22(158), 209-212.
    Newcombe, R. G. (1998). Two-sided confidence intervals for the single
    proportion: comparison of seven methods. Statistics in Medicine 17, 857-872.

    Examples
    --------
    >>> low, high = wilson_interval(3, 10)
    >>> round(float(low), 4), round(float(high), 4)
    (0.1078, 0.6032)
    """
    if not 0 < confidence < 1:
        raise ParameterError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    k_arr, n_arr = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    whole = np.all(k_arr == np.round(k_arr)) and np.all(n_arr == np.round(n_arr))
    if not whole or np.any(k_arr < 0) or np.any(k_arr > n_arr):
        raise ParameterError("k and n must be whole numbers with 0 <= k <= n")
    from scipy.stats import norm  # here: Dask workers import this module and never need scipy.stats (~60 MB)

    z = norm.ppf(0.5 + confidence / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k_arr / n_arr
        denominator = 1 + z**2 / n_arr
        centre = (p + z**2 / (2 * n_arr)) / denominator
        half = z / denominator * np.sqrt(p * (1 - p) / n_arr + z**2 / (4 * n_arr**2))
        low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def _frame_list(hits: pd.DataFrame, frames) -> list[str]:
    """Frames listed in *frames* (in that order), then the others seen in hits, sorted."""
    if isinstance(frames, (str, os.PathLike)):
        if not str(frames).lower().endswith((".yaml", ".yml", ".json")):
            raise ParameterError(f"frames: pass a dictionary (a YAML/JSON path or FrameDictionary) or a list of "
                                 f"frame ids, not one string {str(frames)!r}")
        frames = load_frames(frames)  # as match_frames and count_frames take it
    if frames is None:
        listed = []
    elif hasattr(frames, "frame_ids"):  # a FrameDictionary from toolkit.frames
        listed = [str(f) for f in frames.frame_ids]
    else:
        items = frames.keys() if isinstance(frames, Mapping) else frames
        listed = [str(getattr(f, "id", f)) for f in items]  # ids or Frame objects
    seen = sorted({str(f) for f in hits["frame"].unique()} - set(listed))
    return list(dict.fromkeys(listed)) + seen


def _check_inputs(articles, hits, where):
    require_columns(articles, [DOC_ID], where=where)
    missing = [c for c in (DOC_ID, "frame") if c not in hits.columns]
    if missing:
        raise SchemaError(f"{where}: the hits table lacks column(s) {missing}; pass the output of match_frames().")
    if not articles[DOC_ID].is_unique:
        raise ParameterError("articles: doc_id values are not unique; de-duplicate the articles first")


def frame_rates(
    articles: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    by: str | Iterable[str] | None = "outlet",
    period: str | None = None,
    frames: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Mentions per 1,000 words and share of articles mentioning each frame, by group.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (``doc_id``; ``n_words``, else it is counted from ``text`` as
        ``\\w+`` runs; ``date`` when *period* is given; the *by* columns).
    hits : pandas.DataFrame
        Hits with ``doc_id`` and ``frame`` (``match_frames`` output). Hits of
        articles not in *articles* are ignored, so filtering the articles
        filters the rates.
    by : str, list of str or None, default "outlet"
        Articles column(s) to group by (see :mod:`toolkit.grouping`); None or
        ``[]`` for the whole corpus.
    period : {None, "day", "week", "month", "quarter", "year"}
        Also group by the calendar period of ``date`` (weeks start on Monday;
        see :mod:`toolkit.grouping`). Articles without a date (NaT), or dated less finely than the period (``date_precision``
        "year" under ``period="month"``: :func:`toolkit.grouping.period_dates`), are left out; their number is in ``result.attrs["n_articles_without_date"]``
        and a ``UserWarning`` says so.
    frames : list of str, FrameDictionary or path of a dictionary, optional
        Frames to report even when never mentioned (always reported: every
        frame seen in *hits*). Listed frames come first, in the given order.

    Returns
    -------
    pandas.DataFrame
        One row per group x frame, zero-mention frames included, sorted by group
        then frame. Columns: the *by* columns; ``period`` (Timestamp of the
        period's first day: the day, the Monday of the ISO week, the first of
        the month, quarter or year, in the dates' time zone); ``frame``; ``n_articles`` and ``n_words`` (articles and
        words in the group); ``n_mentions`` (hits); ``mentions_per_1000_words``;
        ``rate_ci_low``, ``rate_ci_high`` (95% exact Poisson interval of the
        rate: the Garwood 1936 interval of ``n_mentions`` times 1,000 /
        ``n_words``; see :func:`poisson_interval`, which assumes mentions occur
        independently: read it as a lower bound on the uncertainty);
        ``n_articles_with_mention``; ``share_with_mention`` (its share of
        ``n_articles``); ``share_ci_low``, ``share_ci_high`` (95% Wilson score
        interval, Wilson 1927, Newcombe 1998; see :func:`wilson_interval`).
        Rates and their intervals are NaN where a group has no words.
    """
    _check_inputs(articles, hits, "frame_rates")
    groups = group_columns(articles, by, reserved=("period", *RATE_COLUMNS))
    check_period(period, also=(None,))
    frame_ids = _frame_list(hits, frames)
    table, groups, n_undated = _article_table(articles, groups, period)
    if n_undated:
        warnings.warn(
            f"frame_rates: {n_undated} article(s) without a date (or dated only to a longer period) "
            f"left out of the {period} rates",
            UserWarning,
            stacklevel=2,
        )
    grouped = table.groupby(groups or (lambda _: 0), dropna=False, sort=True, observed=True)
    totals = grouped.agg(n_articles=(DOC_ID, "size"), n_words=(N_WORDS, "sum"))
    group_of_article = grouped.ngroup().to_numpy()

    # Count on integer codes: cell = group x frame, in the order of the result.
    n_frames = len(frame_ids)
    article, frame = _article_positions(table[DOC_ID], hits[DOC_ID]), _frame_positions(frame_ids, hits)
    article, frame = article[article >= 0], frame[article >= 0]  # hits of other articles are ignored
    cells = len(totals) * n_frames
    n_mentions = np.bincount(group_of_article[article] * n_frames + frame, minlength=cells)
    pairs = pd.unique(article * n_frames + frame)  # each article once per frame
    n_with = np.bincount(group_of_article[pairs // n_frames] * n_frames + pairs % n_frames, minlength=cells)

    result = totals.reset_index(drop=not groups).loc[np.repeat(np.arange(len(totals)), n_frames)]
    result = result.reset_index(drop=True).assign(
        frame=np.tile(np.array(frame_ids, dtype=object), len(totals)),
        n_mentions=n_mentions,
        n_articles_with_mention=n_with,
    )
    return _finish(result, groups, n_undated)


def _article_table(articles, groups, period):
    """doc_id, group columns, n_words (and period) of the articles that count."""
    table = articles[[DOC_ID, *groups]].copy()
    if N_WORDS in articles.columns:
        table[N_WORDS] = articles[N_WORDS].fillna(0).astype("int64")
    else:
        require_columns(articles, [TEXT], where="frame_rates (no n_words column)")
        table[N_WORDS] = count_words(articles[TEXT])
    if period is None:
        return table, groups, 0
    require_columns(articles, [DATE], where="frame_rates (period given)")
    dates = period_dates(articles, period)
    table["period"] = period_start(dates, period)
    return table[dates.notna()], [*groups, "period"], int(dates.isna().sum())


def _article_positions(doc_ids: pd.Series, hit_doc_ids: pd.Series) -> np.ndarray:
    """Row of each hit's article in *doc_ids* (unique), -1 when absent."""
    # Plain object arrays hash much faster than Arrow-backed strings here.
    index = pd.Index(doc_ids.to_numpy(dtype=object))
    return index.get_indexer(hit_doc_ids.to_numpy(dtype=object))


def _frame_positions(frame_ids: list[str], hits: pd.DataFrame) -> np.ndarray:
    return pd.Index(frame_ids).get_indexer(hits["frame"].to_numpy(dtype=object).astype(str))


def _finish(result: pd.DataFrame, groups: list[str], n_undated: int) -> pd.DataFrame:
    n, k = result["n_articles"].astype("int64"), result["n_articles_with_mention"].astype("int64")
    words = result["n_words"].astype("int64")
    result["n_mentions"] = result["n_mentions"].astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        per_1000 = np.where(words > 0, 1000 / words.to_numpy(dtype=float), np.nan)
    result["mentions_per_1000_words"] = result["n_mentions"].to_numpy() * per_1000
    low, high = poisson_interval(result["n_mentions"].to_numpy())
    result["rate_ci_low"], result["rate_ci_high"] = low * per_1000, high * per_1000
    result["n_articles_with_mention"] = k
    result["share_with_mention"] = k / n
    result["share_ci_low"], result["share_ci_high"] = wilson_interval(k.to_numpy(), n.to_numpy())
    result["n_articles"], result["n_words"] = n, words
    result = result[[*groups, *RATE_COLUMNS]].reset_index(drop=True)
    result["frame"] = result["frame"].astype(str)
    result.attrs["n_articles_without_date"] = n_undated
    return result


def frame_cooccurrence(
    articles: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    level: str = "article",
    measure: str = "count",
    frames: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Which frames appear together: a square frames x frames matrix.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (``doc_id``); hits of other articles are ignored.
    hits : pandas.DataFrame
        Hits with ``doc_id``, ``frame`` and, for ``level="sentence"``,
        ``sentence_start``.
    level : {"article", "sentence"}
        The unit of co-occurrence: an article (``doc_id``) or a sentence
        (``doc_id`` + ``sentence_start``).
    measure : {"count", "jaccard"}
        ``"count"``: number of units where both frames occur; the diagonal is
        the number of units where the frame occurs. ``"jaccard"``: that count
        divided by the number of units where either occurs (diagonal 1, NaN for
        a frame that never occurs).
    frames : list of str, FrameDictionary or path of a dictionary, optional
        Frames to include even when never mentioned, listed first in this order;
        every frame seen in *hits* is included.

    Returns
    -------
    pandas.DataFrame
        Index and columns are the frames (both named ``frame``); int64 counts
        or float Jaccard coefficients. ``attrs["n_units"]`` is the number of
        articles (or sentences) with at least one hit.
    """
    _check_inputs(articles, hits, "frame_cooccurrence")
    units = {"article": [DOC_ID], "sentence": [DOC_ID, "sentence_start"]}
    if level not in units:
        raise ParameterError(f"level must be 'article' or 'sentence', got {level!r}")
    if measure not in ("count", "jaccard"):
        raise ParameterError(f"measure must be 'count' or 'jaccard', got {measure!r}")
    if "sentence_start" in units[level] and "sentence_start" not in hits.columns:
        raise SchemaError("frame_cooccurrence: level='sentence' needs the hits column 'sentence_start'")
    frame_ids = _frame_list(hits, frames)
    article = _article_positions(articles[DOC_ID], hits[DOC_ID])
    kept = article >= 0  # hits of other articles are ignored
    unit_codes, frame_codes = article[kept], _frame_positions(frame_ids, hits)[kept]
    if level == "sentence":
        sentence = hits["sentence_start"].to_numpy()[kept].astype("int64")
        unit_codes, _ = pd.factorize(unit_codes * (int(sentence.max(initial=0)) + 1) + sentence)
    unit_codes, _ = pd.factorize(unit_codes)  # only units with a hit
    n_units = int(unit_codes.max()) + 1 if len(unit_codes) else 0
    # A sparse units x frames incidence matrix; repeated hits count once.
    presence = sparse.csr_matrix(
        (np.ones(len(unit_codes), dtype=np.int64), (unit_codes, frame_codes)), shape=(n_units, len(frame_ids))
    )
    presence.data[:] = 1  # the constructor summed duplicates
    both = (presence.T @ presence).toarray().astype("int64")
    if measure == "jaccard":
        occurs = np.diag(both)
        with np.errstate(invalid="ignore", divide="ignore"):
            both = both / (occurs[:, None] + occurs[None, :] - both)
    index = pd.Index(frame_ids, name="frame")
    matrix = pd.DataFrame(both, index=index, columns=index.copy())
    matrix.attrs["n_units"] = n_units
    return matrix


def poisson_interval(k, *, confidence: float = 0.95):
    """Exact (Garwood) confidence interval for the mean of a Poisson count *k*.

    Divide by the exposure to get an interval for a rate: for mentions per
    1,000 words, ``poisson_interval(n_mentions) / n_words * 1000``. The bounds
    are ``chi2.ppf(a/2, 2k) / 2`` and ``chi2.ppf(1 - a/2, 2k + 2) / 2`` with
    ``a = 1 - confidence`` (Garwood 1936; Ulm 1990), the lower bound 0 when
    ``k = 0``. It assumes mentions occur independently; mentions cluster in
    articles, so read it as a lower bound on the uncertainty.

    Parameters
    ----------
    k : int or array-like of int
        Observed counts (>= 0).
    confidence : float, default 0.95

    Returns
    -------
    (low, high) : tuple of float or of numpy arrays

    References
    ----------
    Garwood, F. (1936). Fiducial limits for the Poisson distribution.
    Biometrika 28(3/4), 437-442. Ulm, K. (1990). A simple method to calculate
    the confidence interval of a standardized mortality ratio. American
    Journal of Epidemiology 131(2), 373-375.

    Examples
    --------
    >>> low, high = poisson_interval(10)
    >>> round(float(low), 3), round(float(high), 3)
    (4.795, 18.39)
    """
    from scipy.stats import chi2

    if not 0 < confidence < 1:
        raise ParameterError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    k_arr = np.asarray(k, dtype=float)
    if np.any(k_arr < 0) or not np.all(k_arr == np.round(k_arr)):
        raise ParameterError("k must hold whole numbers >= 0")
    alpha = 1 - confidence
    with np.errstate(invalid="ignore"):
        low = np.where(k_arr > 0, chi2.ppf(alpha / 2, 2 * k_arr) / 2, 0.0)
        high = chi2.ppf(1 - alpha / 2, 2 * k_arr + 2) / 2
    if low.ndim == 0:
        return float(low), float(high)
    return low, high
