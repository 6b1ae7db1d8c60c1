"""Keyness: which terms are unusually frequent in a target corpus compared with a reference.

For one term, with ``a`` = its count in the target, ``b`` = its count in the
reference, ``c`` and ``d`` the target's and reference's total token counts and
``N = c + d``, the 2 x 2 contingency table is::

                  target     reference
    term            a            b
    other terms   c - a        d - b

with expected counts ``E_ij = row_i * column_j / N`` (so ``E11 = c (a + b) / N``).

Measures (``score``; positive when the term is relatively more frequent in the
target, negative when less, as in quanteda's signed keyness):

* ``"g2"`` (default): log-likelihood ratio G2 = 2 sum O ln(O / E) over all four
  cells, 0 ln 0 = 0 (Dunning 1993). Equals
  ``scipy.stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")``.
* ``"g2_two_cell"``: the form of Rayson and Garside (2000) used by UCREL's
  log-likelihood wizard, G2 = 2 (a ln(a / E11) + b ln(b / E12)), which leaves
  out the two "other terms" cells; slightly different from ``"g2"``.
* ``"chi2"``: Pearson's chi-squared, sum (O - E)^2 / E over all four cells.
* ``"pmi"``: pointwise mutual information of term and target,
  log2(a / E11); -inf when a = 0.

``correction`` (for ``g2`` and ``chi2``): None; ``"yates"``, which moves every
observed count 0.5 towards its expected count (never past it), exactly as
``scipy.stats.chi2_contingency(correction=True)``; or ``"williams"``
(G2 only), G2 / q with q = 1 + (N/c + N/d - 1)(N/(a+b) + N/(N-a-b) - 1) / (6N)
(Williams 1976), quanteda's default for its ``"lr"`` measure.

``p_value`` is the upper tail of the chi-squared distribution with one degree
of freedom at the (unsigned) G2 or chi-squared statistic; for ``pmi`` it is the
G2 test's.

``log_ratio`` is Hardie's (2014) effect size, log2((a / c) / (b / d)): +1 means
twice as frequent in the target. A zero count is replaced by 0.5 (the
convention of CQPweb, Hardie's own tool), so the value stays finite; where that
replacement would point the other way than the observed rates (a term absent
from a small target but present in a large reference), ``log_ratio`` is 0, so
``score`` and ``log_ratio`` never disagree in sign.

References: Dunning, T. (1993) Accurate methods for the statistics of surprise
and coincidence. *Computational Linguistics* 19(1). Rayson, P. and Garside, R.
(2000) Comparing corpora using frequency profiling. *Workshop on Comparing
Corpora*, ACL 2000. Hardie, A. (2014) Log Ratio: an informal introduction.
CASS, Lancaster University. Williams, D. A. (1976) Improved likelihood ratio
tests for complete contingency tables. *Biometrika* 63(1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.errors import ParameterError, require_columns
from toolkit.frequency import (
    NgramCounts, TermCounts, check_rows, combine_counts, count_batch, count_ngrams, regroup, token_settings,
)
from toolkit.grouping import check_period, period_dates, to_period
from toolkit.schema import DATE, TEXT

MEASURES = ("g2", "g2_two_cell", "chi2", "pmi")
#: Other names accepted for a measure: quanteda's (``textstat_keyness(measure="lr")``).
MEASURE_ALIASES = {"lr": "g2"}
CORRECTIONS = (None, "yates", "williams")
KEYNESS_COLUMNS = ("term", "n_target", "n_reference", "score", "p_value", "log_ratio")


def keyness_scores(a, b, c, d, *, measure: str = "g2", correction: str | None = None):
    """Score, p-value and log ratio for arrays of counts (see the module docstring).

    Parameters
    ----------
    a, b : array of int
        The term's count in the target and in the reference.
    c, d : int or array of int
        Total tokens in the target and in the reference.
    measure, correction : str
        See the module docstring.

    Returns
    -------
    score, p_value, log_ratio : arrays of float
    """
    measure = check_measure(measure, correction)
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    a, b, c, d = np.broadcast_arrays(a, b, c, d)
    n = c + d
    observed = np.stack([a, b, c - a, d - b])
    row = np.stack([a + b, a + b, n - a - b, n - a - b])
    expected = row * np.stack([c, d, c, d]) / n
    sign = np.where(a * d >= b * c, 1.0, -1.0)
    if correction == "yates":
        gap = expected - observed
        observed = observed + np.sign(gap) * np.minimum(0.5, np.abs(gap))
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
        g2 = 2 * cells.sum(axis=0)
        if correction == "williams":
            g2 = g2 / (1 + (n / c + n / d - 1) * (n / (a + b) + n / (n - a - b) - 1) / (6 * n))
        if measure == "g2_two_cell":
            g2 = 2 * cells[:2].sum(axis=0)
        log_ratio = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
        # A zero replaced by 0.5 can reverse the direction of the observed rates (a term
        # absent from a small target but seen once in a large reference): say 0 then,
        # so that score and log_ratio never disagree in sign.
        log_ratio = np.where(np.sign(log_ratio) * np.sign(a * d - b * c) < 0, 0.0, log_ratio)
        if measure == "chi2":
            statistic = ((observed - expected) ** 2 / expected).sum(axis=0)
        else:
            statistic = g2
        from scipy import stats  # here, not at the top: Dask workers import this module and never need it (~60 MB)

        p_value = stats.chi2.sf(np.abs(statistic), 1)
        if measure == "pmi":
            score = np.log2(a / expected[0])
        else:
            score = sign * np.abs(statistic)
    return score, p_value, log_ratio


def measure_name(measure, allowed=MEASURES, *, parameter: str = "measure") -> str:
    """The canonical name of *measure* (quanteda's ``"lr"`` is ``"g2"``).

    Raises
    ------
    ParameterError
        Naming *parameter*, when the measure is not one of *allowed*.
    """
    name = MEASURE_ALIASES.get(measure, measure) if isinstance(measure, str) else measure
    if name not in allowed:
        raise ParameterError(f"{parameter}={measure!r}: use one of {tuple(allowed)} (or 'lr' for 'g2').")
    return name


def check_measure(measure, correction) -> str:
    """Raise :class:`~toolkit.errors.ParameterError` unless *measure* and *correction* go together.

    Parameters
    ----------
    measure : {"g2", "g2_two_cell", "chi2", "pmi"} or "lr" (= "g2")
    correction : {None, "yates", "williams"}
        ``"williams"`` is for ``"g2"`` only; ``"pmi"`` takes none.

    Returns
    -------
    str
        The canonical measure name.
    """
    measure = measure_name(measure)
    if correction not in CORRECTIONS:
        raise ParameterError(f"correction={correction!r}: use one of {CORRECTIONS}.")
    if correction == "williams" and measure != "g2":
        raise ParameterError("correction='williams' applies to measure='g2' only.")
    if correction is not None and measure == "pmi":
        raise ParameterError("correction: PMI takes no correction; use correction=None.")
    return measure


def _as_counts(counts, name: str) -> pd.Series:
    """A Series of term counts from a Series, dict or DataFrame (term + count column)."""
    if isinstance(counts, pd.DataFrame):
        value = next((c for c in ("n_occurrences", "count", "n") if c in counts.columns), None)
        if "term" not in counts.columns or value is None:
            raise ParameterError(
                f"{name}: a DataFrame needs a 'term' column and an 'n_occurrences' (or 'count', 'n') column."
            )
        counts = counts.groupby("term")[value].sum()
    elif isinstance(counts, dict):
        counts = pd.Series(counts, dtype="float64")
    elif not isinstance(counts, pd.Series):
        raise ParameterError(f"{name}: pass a Series, dict or DataFrame of term counts.")
    counts = counts.astype("float64")
    if (counts < 0).any() or counts.isna().any():
        raise ParameterError(f"{name}: counts must be non-negative numbers.")
    counts.index = counts.index.astype(str)
    return counts.groupby(level=0).sum()


def keyness_from_counts(
    target_counts,
    reference_counts,
    *,
    measure: str = "g2",
    correction: str | None = None,
    target_total: float | None = None,
    reference_total: float | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Keyness of every term from counts made anywhere.

    Parameters
    ----------
    target_counts, reference_counts : Series, dict or DataFrame
        Term counts: a Series indexed by term, a dict, or a DataFrame with a
        ``term`` and an ``n_occurrences`` (or ``count``, ``n``) column (the output
        of :func:`toolkit.frequency.term_frequency` works).
    measure : {"g2", "g2_two_cell", "chi2", "pmi"}
    correction : {None, "yates", "williams"}
    target_total, reference_total : number, optional
        Corpus sizes in tokens; default the sums of the counts. Give them when
        the counts cover only some terms (as in UCREL's log-likelihood wizard).
    min_count : int
        Keep terms with n_target + n_reference >= min_count.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, n_reference, score, p_value, log_ratio`` (see the
        module docstring for the formulas), sorted by score, highest first
        (ties by term).
    """
    target = _as_counts(target_counts, "target_counts")
    reference = _as_counts(reference_counts, "reference_counts")
    both = pd.concat([target.rename("a"), reference.rename("b")], axis=1).fillna(0.0)
    c = target.sum() if target_total is None else float(target_total)
    d = reference.sum() if reference_total is None else float(reference_total)
    if c <= 0 or d <= 0:
        raise ParameterError("target_total and reference_total must be positive (no tokens counted).")
    if (both["a"] > c).any() or (both["b"] > d).any():
        raise ParameterError("target_total/reference_total: a term count exceeds its corpus total.")
    return _table(both.index.to_numpy(), both["a"].to_numpy(), both["b"].to_numpy(), c, d,
                  measure=measure, correction=correction, min_count=min_count)


def _table(terms, a, b, c, d, *, measure, correction, min_count, extra=None) -> pd.DataFrame:
    keep = (a + b) >= min_count
    c = np.broadcast_to(c, a.shape)[keep]
    d = np.broadcast_to(d, a.shape)[keep]
    terms, a, b = terms[keep], a[keep], b[keep]
    score, p_value, log_ratio = keyness_scores(a, b, c, d, measure=measure, correction=correction)
    table = pd.DataFrame({
        "term": terms, "n_target": a.astype(np.int64), "n_reference": b.astype(np.int64),
        "score": score, "p_value": p_value, "log_ratio": log_ratio,
    })
    if extra is not None:
        table = pd.concat([extra[keep].reset_index(drop=True), table], axis=1)
    sort = ([] if extra is None else list(extra.columns)) + ["score", "term"]
    ascending = [True] * (len(sort) - 2) + [False, True]
    table = table.sort_values(sort, ascending=ascending, kind="stable").reset_index(drop=True)
    table["term"] = table["term"].astype("str")
    table.attrs["measure"] = measure if correction is None else f"{measure} ({correction} correction)"
    return table


def selection_mask(articles: pd.DataFrame, spec, *, name: str = "target") -> pd.Series:
    """Which articles a selection chooses, as :func:`keyness` reads ``target`` and ``reference``.

    Parameters
    ----------
    articles : pandas.DataFrame
    spec : mask, dict or str
        A boolean array or Series (one value per article; a Series must have
        the articles' index), a ``{column: value(s)}`` dict (a list of values
        means any of them; all columns must match), or a query string for
        ``DataFrame.eval`` (``"outlet == 'Xinhua'"``).
    name : str
        The parameter's name, for messages.

    Returns
    -------
    pandas.Series of bool
        With the articles' index.

    Raises
    ------
    ParameterError, SchemaError
        Naming *name*: a bad query or mask, or a dict naming a missing column.
    """
    if isinstance(spec, dict):
        require_columns(articles, list(spec), where=name)
        mask = pd.Series(True, index=articles.index)
        for column, value in spec.items():
            values = value if isinstance(value, (list, tuple, set)) else [value]
            mask &= articles[column].isin(values)
        return mask
    if isinstance(spec, str):
        try:
            mask = articles.eval(spec)
        except Exception as error:  # pandas raises many kinds; name the parameter
            raise ParameterError(f"{name}={spec!r} is not a valid query on the articles: {error}") from error
    else:
        mask = spec
    if isinstance(mask, pd.Series):
        if not mask.index.equals(articles.index):
            raise ParameterError(f"{name}: a boolean Series must have the articles' index.")
        mask = mask.to_numpy()
    mask = np.asarray(mask)
    if mask.dtype != bool or mask.shape != (len(articles),):
        raise ParameterError(
            f"{name}: pass a boolean mask with one value per article, a dict such as "
            "{'outlet': 'Xinhua'}, a query string, or a DataFrame of articles."
        )
    return pd.Series(mask, index=articles.index)


ALL, NONE = ("all",), ("none",)  # side specs (tuples: a user's spec is a dict, a string or a mask, never a tuple)


def side_mask(part: pd.DataFrame, spec, name: str) -> np.ndarray:
    """Which articles of *part* a side spec chooses: :data:`ALL`, :data:`NONE`,
    ``("not", spec)``, ``("column", name)`` (a boolean column) or a user's
    selection (see :func:`selection_mask`)."""
    if spec == ALL:
        return np.ones(len(part), dtype=bool)
    if spec == NONE:
        return np.zeros(len(part), dtype=bool)
    if isinstance(spec, tuple) and spec[0] == "not":
        return ~side_mask(part, spec[1], name)
    if isinstance(spec, tuple) and spec[0] == "column":
        return part[spec[1]].to_numpy(dtype=bool)
    return selection_mask(part, spec, name=name).to_numpy()


def side_grouping(part: pd.DataFrame, target, reference):
    """The articles of *part* in the target (row 0) and in the reference (row 1): a
    ``grouping`` for :func:`toolkit.frequency.count_batch` (an article in both counts on both sides)."""
    chosen_target, chosen_reference = side_mask(part, target, "target"), side_mask(part, reference, "reference")
    both = pd.concat([part.loc[chosen_target, [TEXT]], part.loc[chosen_reference, [TEXT]]], ignore_index=True)
    codes = np.repeat([0, 1], [int(chosen_target.sum()), int(chosen_reference.sum())]).astype(np.int64)
    return both, codes, pd.DataFrame({"_side": [0, 1]})


def period_grouping(part: pd.DataFrame, period: str):
    """The calendar period of each article (undated articles, and those dated less finely than
    *period*, left out: :func:`toolkit.grouping.period_dates`): a ``grouping``
    for :func:`toolkit.frequency.count_batch`."""
    codes, labels = pd.factorize(to_period(period_dates(part, period), period), sort=True)
    return part, codes.astype(np.int64), pd.DataFrame({"period": labels})


def two_sides(counts: TermCounts) -> TermCounts:
    """*counts* grouped by ``_side`` checked to hold a target (row 0) and a reference (row 1) with articles."""
    counts = regroup(counts, ["_side"])
    sides = counts.docs["_side"].tolist()
    if sides != [0, 1] or (counts.n_articles == 0).any():
        raise ParameterError("target/reference: one side selects no articles.")
    return counts


def keyness(
    articles: pd.DataFrame,
    *,
    target=None,
    reference=None,
    measure: str = "g2",
    correction: str | None = None,
    ngram_range=None,
    min_count=None,
    settings=None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """:func:`toolkit.keyness` on one pandas DataFrame (target and reference from it or DataFrames).

    Use :func:`toolkit.keyness`: it also takes a Parquet path, a Dask
    DataFrame or :class:`~toolkit.frequency.TermCounts`. Columns: see there.
    """
    measure = check_measure(measure, correction)
    require_columns(articles, [TEXT], where="keyness")
    if target is None and reference is None:
        raise ParameterError("target/reference: give at least one of them (everything against nothing has no keyness).")
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    sides = own_sides(target, reference)
    runs = [(mask_columns(articles, sides, target, reference), sides)]
    for spec, other in ((target, (ALL, NONE)), (reference, (NONE, ALL))):
        if isinstance(spec, pd.DataFrame):
            require_columns(spec, [TEXT], where="target" if other[0] == ALL else "reference")
            runs.append((spec, other))
    counts = None
    for corpus, (own_target, own_reference) in runs:
        found = count_batch(corpus, settings=settings,
                            grouping=lambda p, t=own_target, r=own_reference: side_grouping(p, t, r))
        counts = found if counts is None else combine_counts(counts, found)
    table = keyness_from_sides(two_sides(counts), measure=measure, correction=correction, min_count=settings.min_count)
    table.attrs["token_settings"] = settings.describe()
    return table


def own_sides(target, reference, *, is_corpus=lambda spec: isinstance(spec, pd.DataFrame)):
    """(target, reference) side specs for the articles themselves, given the user's *target* and *reference*.

    A corpus given as target or reference (*is_corpus* tells it from a
    selection) is counted on its own, so the articles give it nothing; a
    boolean mask becomes a column (``("column", "_target")``, see
    :func:`mask_columns`) so that it follows the articles into batches.
    """
    def own(spec, name):
        return ("column", f"_{name}") if isinstance(spec, (np.ndarray, pd.Series, list)) else spec

    own_target = NONE if is_corpus(target) else (ALL if target is None else own(target, "target"))
    own_reference = NONE if is_corpus(reference) else (("not", own_target) if reference is None
                                                         else own(reference, "reference"))
    return own_target, own_reference


def uses_column(spec, column: str) -> bool:
    """True when a side spec reads the mask column *column*."""
    if spec == ("column", column):
        return True
    return isinstance(spec, tuple) and spec[:1] == ("not",) and uses_column(spec[1], column)


def mask_columns(frame: pd.DataFrame, sides, target, reference) -> pd.DataFrame:
    """*frame* with the ``_target`` / ``_reference`` columns that *sides* (from :func:`own_sides`) read."""
    extra = {}
    if any(uses_column(spec, "_target") for spec in sides):
        extra["_target"] = selection_mask(frame, target, name="target").to_numpy()
    if any(uses_column(spec, "_reference") for spec in sides):
        extra["_reference"] = selection_mask(frame, reference, name="reference").to_numpy()
    return frame.assign(**extra) if extra else frame


def keyness_from_sides(counts: TermCounts, *, measure: str = "g2", correction: str | None = None,
                       min_count: int = 1) -> pd.DataFrame:
    """Keyness of row 0 (target) against row 1 (reference) of two-row :class:`~toolkit.frequency.TermCounts`.

    The finish step of :func:`toolkit.keyness`. Each n-gram length is
    compared against the totals of its own length (``counts.n_positions[n]``).
    Returns the table :func:`toolkit.keyness` returns (``attrs["measure"]``
    records the measure; the caller adds the tokenisation).
    """
    measure = check_measure(measure, correction)
    target = counts.counts[0].toarray().ravel().astype(float)
    reference = counts.counts[1].toarray().ravel().astype(float)
    lengths = counts.term_lengths
    totals = {k: (float(counts.n_positions[k][0]), float(counts.n_positions[k][1])) for k in counts.n_positions}
    c = np.array([totals[k][0] for k in lengths], dtype=float)
    d = np.array([totals[k][1] for k in lengths], dtype=float)
    present = (target + reference) > 0
    return _table(counts.terms[present].astype(object), target[present], reference[present], c[present], d[present],
                  measure=measure, correction=correction, min_count=min_count)


def _long(counts: TermCounts) -> NgramCounts:
    """*counts* in the counter's long form: one entry per (row, term) with a count."""
    cells = counts.counts.tocoo()
    return NgramCounts(group=cells.row.astype(np.int64), term=counts.terms[cells.col], n=counts.term_lengths[cells.col],
                       frequency=cells.data.astype(np.int64), doc_frequency=np.zeros(len(cells.data), dtype=np.int64),
                       n_positions=counts.n_positions, settings=counts.settings)


def _each_period_against_the_rest(counts, labels, measure, correction, min_count):
    """Keyness of each group of *counts* against all other groups; *labels*: each group's period."""
    frame = pd.DataFrame({"group": counts.group, "term": counts.term, "n": counts.n, "f": counts.frequency})
    totals = {n: positions.sum() for n, positions in counts.n_positions.items()}
    a = frame["f"].to_numpy(float)
    b = frame.groupby(["n", "term"])["f"].transform("sum").to_numpy(float) - a
    c = np.array([counts.n_positions[k][g] for k, g in zip(frame["n"], frame["group"])], dtype=float)
    d = np.array([totals[k] for k in frame["n"]], dtype=float) - c
    keep = (d > 0) & (c > 0)
    extra = pd.DataFrame({"period": labels[frame["group"].to_numpy()]})
    return _table(frame["term"].to_numpy()[keep], a[keep], b[keep], c[keep], d[keep],
                  measure=measure, correction=correction, min_count=min_count, extra=extra[keep])


def keyness_by_period(counts: TermCounts, *, period: str, measure: str = "g2", correction: str | None = None,
                      min_count: int = 1, n: int | None = None) -> pd.DataFrame:
    """Keyness of each row of *counts* grouped by ``period`` against the others (finish of :func:`toolkit.keyness_over_time`)."""
    counts = regroup(counts, ["period"])
    labels = pd.PeriodIndex(counts.docs["period"])
    if len(labels) < 2:
        raise ParameterError(f"period={period!r}: the articles span fewer than two periods.")
    table = _each_period_against_the_rest(_long(counts), np.asarray(labels.astype(object)), measure, correction,
                                          min_count)
    table["period"] = pd.PeriodIndex(table["period"], freq=labels.freq)
    if n is not None:
        table = table.groupby("period", sort=False).head(n).reset_index(drop=True)
    return table


def keyness_over_time(
    articles: pd.DataFrame,
    *,
    period: str = "week",
    measure: str = "g2",
    correction: str | None = None,
    n: int | None = None,
    ngram_range=None,
    min_count=None,
    settings=None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """:func:`toolkit.keyness_over_time` on one pandas DataFrame.

    Use :func:`toolkit.keyness_over_time`: it also takes a Parquet path, a
    Dask DataFrame or :class:`~toolkit.frequency.TermCounts`. Columns: see there.
    """
    measure = check_measure(measure, correction)
    check_period(period)
    require_columns(articles, [TEXT, DATE], where="keyness_over_time")
    check_rows(n, optional=True)
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    counts = count_batch(articles, settings=settings, grouping=lambda part: period_grouping(part, period))
    table = keyness_by_period(counts, period=period, measure=measure, correction=correction, min_count=settings.min_count, n=n)
    table.attrs["token_settings"] = settings.describe()
    return table


# --------------------------------------------------------------------------- log-odds with a Dirichlet prior

def log_odds_dirichlet(a, b, c, d, *, prior=None):
    """Log-odds ratio with an informative Dirichlet prior, and its z-score (Monroe et al. 2008).

    For a term counted ``a`` times in the target (``c`` tokens) and ``b``
    times in the reference (``d`` tokens), with prior pseudo-counts
    ``alpha_w`` (summing to ``alpha_0`` over the vocabulary)::

        delta = log((a + alpha_w) / (c + alpha_0 - a - alpha_w))
              - log((b + alpha_w) / (d + alpha_0 - b - alpha_w))
        var(delta) ~ 1 / (a + alpha_w) + 1 / (b + alpha_w)
        z = delta / sqrt(var(delta))

    (Monroe, Colaresi and Quinn 2008, eqs. 16, 18-20). Unlike G², which grows
    with corpus size, ``delta`` is an effect size: the prior shrinks the
    log-odds of rare terms towards zero, and ``z`` says how sure the estimate is.

    Parameters
    ----------
    a, b : array of int
        The term's count in the target and in the reference.
    c, d : int or array of int
        Tokens in the target and in the reference.
    prior : array of float, optional
        ``alpha_w`` for each term. Default: the term's count in both corpora
        together, ``a + b`` (the pooled corpus as the informative prior, as in
        the authors' "fightin' words" and Jurafsky et al. 2014); ``alpha_0`` is
        then ``c + d``. Give another background corpus's counts (scaled) to
        use it instead; ``alpha_0`` is their sum.

    Returns
    -------
    log_odds, z : arrays of float

    References
    ----------
    Monroe, B. L., Colaresi, M. P. and Quinn, K. M. (2008). Fightin' words:
    lexical feature selection and evaluation for identifying the content of
    political conflict. Political Analysis 16(4), 372-403.
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    a, b, c, d = np.broadcast_arrays(a, b, c, d)
    if prior is None:
        alpha, alpha_0 = a + b, c + d
    else:
        alpha = np.broadcast_to(np.asarray(prior, dtype=float), a.shape)
        if np.any(alpha <= 0):
            raise ParameterError("prior: pseudo-counts must be positive.")
        alpha_0 = alpha.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((a + alpha) / (c + alpha_0 - a - alpha))
                 - np.log((b + alpha) / (d + alpha_0 - b - alpha)))
        z = delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))
    return delta, z


def keyness_by_group(
    articles: pd.DataFrame,
    *,
    by: str = "outlet",
    pair: tuple[str, str] | None = None,
    measure: str = "g2",
    correction: str | None = None,
    n: int | None = None,
    ngram_range=None,
    min_count=None,
    settings=None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """Key terms of each group (outlet) against all the other groups, counted in one pass.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``text`` and the *by* column.
    by : str
        The column whose values are compared (default ``outlet``).
    pair : (str, str), optional
        Compare only these two groups, each against the other (the rows of
        the first are ``keyness(target=first, reference=second)``); the other
        articles are left out.
    measure, correction, ngram_range, min_count, settings, progress, **token_options
        As in :func:`keyness`.
    n : int, optional
        Keep the n highest-scoring terms of each group.

    Returns
    -------
    pandas.DataFrame
        *by* (the target group), then ``term, n_target, n_reference, score,
        p_value, log_ratio`` (as :func:`keyness`; the reference is every other
        group, or the pair's second) and ``log_odds``, ``log_odds_z``
        (:func:`log_odds_dirichlet`, the pooled counts as prior); by group,
        then score. Only terms that occur in a group are listed for it.
    """
    measure = check_measure(measure, correction)
    require_columns(articles, [TEXT, by], where="keyness_by_group")
    check_rows(n, optional=True)
    values = articles[by].astype(str)
    if pair is not None:
        missing = [p for p in pair if p not in set(values)]
        if missing:
            raise ParameterError(f"pair: no {by} {', '.join(map(repr, missing))} in the articles; "
                                 f"{by}s are {', '.join(sorted(set(values))[:30])}")
        articles, values = articles[values.isin(pair)], values[values.isin(pair)]
        labels = np.asarray(pair, dtype=object)
        codes = np.where(values.to_numpy() == pair[0], 0, 1)
    else:
        codes, labels = pd.factorize(values, sort=True)
        labels = np.asarray(labels, dtype=object)
    if len(labels) < 2:
        raise ParameterError(f"by={by!r}: the articles hold fewer than two {by}s to compare.")
    settings = token_settings(settings, ngram_range=ngram_range, min_count=min_count, **token_options)
    counts = count_ngrams(articles[TEXT], settings.replace(min_count=1),
                         groups=codes, n_groups=len(labels), progress=progress)
    frame = pd.DataFrame({"group": counts.group, "term": counts.term, "n": counts.n, "f": counts.frequency})
    totals = {n: positions.sum() for n, positions in counts.n_positions.items()}
    a = frame["f"].to_numpy(float)
    b = frame.groupby(["n", "term"])["f"].transform("sum").to_numpy(float) - a
    c = np.array([counts.n_positions[k][g] for k, g in zip(frame["n"], frame["group"])], dtype=float)
    d = np.array([totals[k] for k in frame["n"]], dtype=float) - c
    keep = (d > 0) & (c > 0)
    # the token totals ride along (fixed by group and n, so they do not change the order) for the log-odds
    extra = pd.DataFrame({by: labels[frame["group"].to_numpy()], "_n": frame["n"].to_numpy(), "_c": c, "_d": d})
    table = _table(frame["term"].to_numpy()[keep], a[keep], b[keep], c[keep], d[keep],
                   measure=measure, correction=correction, min_count=settings.min_count, extra=extra[keep])
    table["log_odds"], table["log_odds_z"] = log_odds_dirichlet(
        table["n_target"], table["n_reference"], table["_c"].to_numpy(), table["_d"].to_numpy())
    table = table.drop(columns=["_n", "_c", "_d"])
    if n is not None:
        table = table.groupby(by, sort=False).head(n).reset_index(drop=True)
    table.attrs["token_settings"] = settings.describe()
    return table
