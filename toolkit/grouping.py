"""How analyses group articles: by metadata columns (``by``) and by calendar period (``period``).

Every function that takes ``by`` or ``period`` (``frame_rates``,
``term_frequency``, ``tfidf``, ``keyness_over_time``,
``plot_articles_over_time`` and the Parquet/Dask versions in
:mod:`toolkit.analyses`) reads them here, so one argument means the same thing,
and is refused with the same message, everywhere.

``by``
    None (no groups), a column name, or a list of column names of the
    articles. Groups are the distinct combinations of values, sorted, with
    missing values as a group of their own.
``period``
    One of :data:`PERIODS`, calendar periods of each article's local date (the
    date as written in its time zone, when it has one):

    - ``"day"``;
    - ``"week"``: the ISO week, Monday to Sunday;
    - ``"month"``;
    - ``"quarter"``: January-March, April-June, July-September, October-December;
    - ``"year"``: the calendar year.

    An article whose date is known only to the month or year (the
    ``date_precision`` column :func:`toolkit.load_articles` adds for dates from
    file names and bare years) has no period finer than that: it is left out,
    as undated articles are (:func:`period_dates`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from toolkit.errors import ParameterError
from toolkit.schema import DATE, DATE_PRECISION

#: The periods every ``period=`` parameter accepts, shortest first.
PERIODS = ("day", "week", "month", "quarter", "year")

# The periods a date known only to the month or the year can be placed in.
_PERIODS_OF_PRECISION = {"month": ("month", "quarter", "year"), "year": ("year",)}

# pandas period frequencies; "W-SUN" is the week that ends on Sunday, so it starts on Monday.
_FREQUENCIES = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q-DEC", "year": "Y-DEC"}


def check_period(period, *, name: str = "period", also=()) -> str | None:
    """Return *period* when it is one of :data:`PERIODS` or of *also*; raise otherwise.

    Parameters
    ----------
    period : object
        The value given.
    name : str
        The parameter's name, for the message.
    also : tuple
        Further values the caller accepts, such as ``None`` or ``"auto"``.

    Raises
    ------
    ParameterError
        ``"period='fortnight': use day, week, month, quarter or year"``, with
        the values of *also* appended (``", or None"``).
    """
    if (period is None and None in also) or (isinstance(period, str) and period in (*PERIODS, *also)):
        return period
    extra = "".join(f", or {a!r}" for a in also)
    raise ParameterError(f"{name}={period!r}: use {', '.join(PERIODS[:-1])} or {PERIODS[-1]}{extra}")


def to_period(dates, period: str) -> pd.Series:
    """The period (a pandas ``Period``) holding each date; NaT stays NaT.

    Parameters
    ----------
    dates : pandas.Series
        Dates (anything ``pandas.to_datetime`` reads), time zone or not.
    period : str
        One of :data:`PERIODS`.

    Returns
    -------
    pandas.Series
        Period dtype, frequency ``D``, ``W-SUN``, ``M``, ``Q-DEC`` or ``Y-DEC``,
        with the index of *dates*.
    """
    check_period(period)
    dates = pd.to_datetime(dates)
    if dates.dt.tz is not None:
        # The period of the local date; to_period would drop the zone with a warning.
        dates = dates.dt.tz_localize(None)
    return dates.dt.to_period(_FREQUENCIES[period])


def period_dates(articles: pd.DataFrame, period: str) -> pd.Series:
    """The articles' dates as grouped by *period*: NaT when undated, or dated less finely than *period*.

    A date known only to the year (``date_precision`` "year", stored as 1 January) has
    a year but no month, week or day; one known to the month has a month, quarter and
    year. Without a ``date_precision`` column every date is a day.

    Returns
    -------
    pandas.Series
        datetime64, with the index of *articles*.
    """
    check_period(period)
    dates = pd.to_datetime(articles[DATE])
    if DATE_PRECISION in articles.columns:
        coarse = [p for p, periods in _PERIODS_OF_PRECISION.items() if period not in periods]
        dates = dates.mask(articles[DATE_PRECISION].astype(str).isin(coarse).to_numpy())
    return dates


def period_start(dates, period: str) -> pd.Series:
    """Midnight at the start of the period holding each date; NaT stays NaT.

    The day itself, the Monday of its ISO week, or the first day of its month,
    quarter or year, in the dates' own time zone and resolution. *dates* and
    *period* as in :func:`to_period`.

    Returns
    -------
    pandas.Series
        datetime64 with the dtype (time zone, unit) and index of *dates*.
    """
    dates = pd.to_datetime(dates)
    start = to_period(dates, period).dt.start_time.dt.as_unit(dates.dt.unit)
    if dates.dt.tz is not None:
        # Computed on the local calendar, then placed back in the zone: arithmetic
        # on zoned times would move midnight by an hour across a clock change.
        # Midnight that occurs twice is the first; one that is skipped moves forward.
        start = start.dt.tz_localize(dates.dt.tz, ambiguous=np.ones(len(start), dtype=bool), nonexistent="shift_forward")
    return start


def group_columns(articles: pd.DataFrame, by, *, reserved=()) -> list[str]:
    """The columns named by *by*, checked against the articles.

    Parameters
    ----------
    articles : pandas.DataFrame
    by : None, str or list of str
        None or ``[]`` for no groups.
    reserved : tuple of str
        Names of the caller's output columns, which a group column may not have.

    Returns
    -------
    list of str
        The column names, in the order given, each once.

    Raises
    ------
    ParameterError
        Naming ``by`` when a name is not a column of the articles or is reserved.
    """
    if by is None or isinstance(by, str):
        columns = [] if by is None else [by]
    elif isinstance(by, Iterable) and not isinstance(by, (bytes, Mapping)):
        columns = list(by)
    else:
        raise ParameterError(f"by={by!r}: give a column name, a list of column names, or None")
    missing = [c for c in columns if not isinstance(c, str) or c not in articles.columns]
    if missing:
        raise ParameterError(f"by={by!r}: {missing} not column(s) of the articles; choose from {list(articles.columns)}")
    columns = list(dict.fromkeys(columns))
    clash = [c for c in columns if c in reserved]
    if clash:
        raise ParameterError(f"by={by!r}: {clash} would clash with the output column(s) of that name; rename the articles column first")
    return columns


def group_index(articles: pd.DataFrame, by, *, reserved=()) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group of each article and the group labels, one row per group.

    Parameters
    ----------
    articles : pandas.DataFrame
    by : None, str or list of str
        As in :func:`group_columns`. Without columns every article is in group 0.
    reserved : tuple of str
        As in :func:`group_columns`.

    Returns
    -------
    codes : numpy.ndarray of int64
        Group of each article (0 .. number of groups - 1), groups in sorted
        order of their values, missing values included.
    labels : pandas.DataFrame
        The *by* columns, row ``g`` holding group ``g``'s values (without
        columns: one row and no columns).
    """
    columns = group_columns(articles, by, reserved=reserved)
    if not columns:
        return np.zeros(len(articles), dtype=np.int64), pd.DataFrame(index=[0])
    grouped = articles.groupby(columns, sort=True, dropna=False, observed=True)
    codes = grouped.ngroup().to_numpy(dtype=np.int64)
    labels = grouped.size().index.to_frame(index=False)
    return codes, labels
