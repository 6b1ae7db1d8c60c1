import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import ParameterError
from toolkit.frequency import term_frequency, tfidf
from toolkit.grouping import PERIODS, check_period, group_columns, group_index, period_start, to_period
from toolkit.keyness import keyness_over_time
from toolkit.plot import plot_articles_over_time
from toolkit.rates import frame_rates

ARTICLES = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "text": ["forces of unrest", "external forces", "unrest again", "peace talks"],
    "outlet": ["Xinhua", "TASS", "Xinhua", None],
    "section": ["world", "world", "china", "world"],
    "date": pd.to_datetime(["2022-01-03", "2022-02-09", "2022-04-10", "2023-01-01"]),
})
HITS = pd.DataFrame({"doc_id": ["a", "b"], "frame": ["cr", "cr"]})


@pytest.mark.parametrize(
    ("period", "also", "message"),
    [
        ("day", (), None), ("week", (), None), ("month", (), None), ("quarter", (), None), ("year", (), None),
        (None, (None,), None), ("auto", ("auto",), None),
        ("fortnight", (), "period='fortnight': use day, week, month, quarter or year"),
        ("W", (), "period='W': use day, week, month, quarter or year"),
        ("Week", (), "period='Week': use day, week, month, quarter or year"),
        (None, (), "period=None: use day, week, month, quarter or year"),
        ("auto", (None,), "period='auto': use day, week, month, quarter or year, or None"),
        (7, ("auto",), "period=7: use day, week, month, quarter or year, or 'auto'"),
        (["week"], (), "period=['week']: use day, week, month, quarter or year"),
    ],
)
def test_check_period(period, also, message):
    if message is None:
        assert check_period(period, also=also) == period
    else:
        with pytest.raises(ParameterError, match=f"^{re.escape(message)}$"):
            check_period(period, also=also)


def test_check_period_names_the_parameter():
    with pytest.raises(ParameterError, match="^every='hour': use day"):
        check_period("hour", name="every")


# Dates in 2021-2024 with their period starts written out by hand (2022-01-02 is a Sunday,
# 2024 a leap year).
@pytest.mark.parametrize(
    ("date", "starts"),
    [
        ("2022-01-02 23:59", ("2022-01-02", "2021-12-27", "2022-01-01", "2022-01-01", "2022-01-01")),
        ("2022-01-03 00:00", ("2022-01-03", "2022-01-03", "2022-01-01", "2022-01-01", "2022-01-01")),
        ("2022-05-15 12:00", ("2022-05-15", "2022-05-09", "2022-05-01", "2022-04-01", "2022-01-01")),
        ("2022-09-30 06:00", ("2022-09-30", "2022-09-26", "2022-09-01", "2022-07-01", "2022-01-01")),
        ("2024-02-29 18:00", ("2024-02-29", "2024-02-26", "2024-02-01", "2024-01-01", "2024-01-01")),
        ("2024-12-31 01:00", ("2024-12-31", "2024-12-30", "2024-12-01", "2024-10-01", "2024-01-01")),
    ],
)
def test_period_start_literal(date, starts):
    dates = pd.Series(pd.to_datetime([date, None]), index=[7, 9])
    for period, start in zip(PERIODS, starts):
        got = period_start(dates, period)
        assert got.index.tolist() == [7, 9] and got.dtype == dates.dtype
        assert got.iloc[0] == pd.Timestamp(start), period
        assert got.isna().tolist() == [False, True]
        assert to_period(dates, period).iloc[0].start_time == pd.Timestamp(start), period


def _python_start(day: dt.date, period: str) -> dt.date:
    """The oracle: period starts from the standard library's calendar arithmetic."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.isocalendar().weekday - 1)  # ISO 8601: Monday is day 1
    month = {"month": day.month, "quarter": 3 * ((day.month - 1) // 3) + 1, "year": 1}[period]
    return dt.date(day.year, month, 1)


@pytest.mark.parametrize("period", PERIODS)
def test_period_start_equals_the_standard_library(period):
    rng = np.random.default_rng(4)
    seconds = rng.integers(0, 40 * 365 * 86400, 2_000)
    dates = pd.Series(pd.Timestamp("1990-01-01") + pd.to_timedelta(seconds, unit="s"))
    expected = [pd.Timestamp(_python_start(d.date(), period)) for d in dates]
    assert period_start(dates, period).tolist() == expected
    assert to_period(dates, period).dt.start_time.tolist() == expected


@pytest.mark.parametrize(
    ("zone", "date", "period", "start"),
    [
        # The clocks went forward on 2022-03-27: the month still starts at local midnight.
        ("Europe/Berlin", "2022-03-31 12:00", "month", "2022-03-01 00:00+01:00"),
        ("Europe/Berlin", "2022-10-31 12:00", "month", "2022-10-01 00:00+02:00"),
        ("Europe/Berlin", "2022-11-02 12:00", "quarter", "2022-10-01 00:00+02:00"),
        ("America/New_York", "2022-03-14 09:00", "week", "2022-03-14 00:00-04:00"),
        ("America/New_York", "2022-03-15 09:00", "week", "2022-03-14 00:00-04:00"),
        ("Asia/Shanghai", "2022-01-01 00:30", "year", "2022-01-01 00:00+08:00"),
        # Midnight skipped (clocks forward at 00:00 in Santiago on 2022-09-11): shifted to 01:00.
        ("America/Santiago", "2022-09-11 12:00", "day", "2022-09-11 01:00-03:00"),
    ],
)
def test_period_start_keeps_the_local_calendar(zone, date, period, start):
    dates = pd.Series(pd.to_datetime([date])).dt.tz_localize(zone)
    got = period_start(dates, period)
    assert str(got.dt.tz) == zone
    assert got.iloc[0] == pd.Timestamp(start)
    assert str(to_period(dates, period).iloc[0]) == str(to_period(pd.Series(pd.to_datetime([date])), period).iloc[0])


@pytest.mark.parametrize(
    ("by", "reserved", "expected"),
    [
        (None, (), []),
        ([], (), []),
        ("outlet", (), ["outlet"]),
        (["section", "outlet"], (), ["section", "outlet"]),
        (("outlet",), (), ["outlet"]),
        (pd.Index(["outlet"]), (), ["outlet"]),
        (["outlet", "outlet"], (), ["outlet"]),
        ("nope", (), "by='nope': ['nope'] not column(s) of the articles"),
        (["outlet", "nope"], (), "by=['outlet', 'nope']: ['nope'] not column(s)"),
        (5, (), "by=5: give a column name, a list of column names, or None"),
        ({"outlet": "Xinhua"}, (), "by={'outlet': 'Xinhua'}: give a column name"),
        ("section", ("section",), "by='section': ['section'] would clash with the output column"),
    ],
)
def test_group_columns(by, reserved, expected):
    if isinstance(expected, list):
        assert group_columns(ARTICLES, by, reserved=reserved) == expected
    else:
        with pytest.raises(ParameterError, match=f"^{re.escape(expected)}"):
            group_columns(ARTICLES, by, reserved=reserved)


def test_group_index_sorts_groups_and_keeps_missing_values():
    codes, labels = group_index(ARTICLES, ["outlet", "section"])
    assert codes.tolist() == [2, 0, 1, 3]  # sorted groups; the missing outlet last
    assert labels.columns.tolist() == ["outlet", "section"]
    assert labels.astype(object).where(labels.notna(), None).values.tolist() == [
        ["TASS", "world"], ["Xinhua", "china"], ["Xinhua", "world"], [None, "world"]]
    codes, labels = group_index(ARTICLES, None)
    assert codes.tolist() == [0, 0, 0, 0] and labels.shape == (1, 0)


# One row per public function that takes period=: the same values are accepted and
# refused with the same message everywhere.
PERIOD_CALLS = {
    "frame_rates": lambda period: frame_rates(ARTICLES, HITS, by=None, period=period),
    "keyness_over_time": lambda period: keyness_over_time(ARTICLES, period=period),
    "plot_articles_over_time": lambda period: plot_articles_over_time(ARTICLES, period=period),
}


@pytest.mark.parametrize("function", PERIOD_CALLS)
@pytest.mark.parametrize("period", PERIODS)
def test_every_function_takes_every_period(function, period):
    import matplotlib.pyplot as plt

    PERIOD_CALLS[function](period)
    plt.close("all")


@pytest.mark.parametrize("function", PERIOD_CALLS)
@pytest.mark.parametrize("period", ["fortnight", "W", "M", "hour", 1])
def test_every_function_refuses_other_periods_alike(function, period):
    with pytest.raises(ParameterError, match=f"^{re.escape(f'period={period!r}: use day, week, month, quarter or year')}"):
        PERIOD_CALLS[function](period)


BY_CALLS = {
    "frame_rates": lambda by: frame_rates(ARTICLES, HITS, by=by),
    "term_frequency": lambda by: term_frequency(ARTICLES, by=by),
    "tfidf": lambda by: tfidf(ARTICLES, by=by),
    "plot_articles_over_time": lambda by: plot_articles_over_time(ARTICLES, by=by),
}


@pytest.mark.parametrize("function", BY_CALLS)
@pytest.mark.parametrize("by", [None, "outlet", ["outlet", "section"]])
def test_every_function_takes_the_same_by(function, by):
    import matplotlib.pyplot as plt

    BY_CALLS[function](by)
    plt.close("all")


@pytest.mark.parametrize("function", BY_CALLS)
@pytest.mark.parametrize("by", ["nope", ["outlet", "nope"], 3])
def test_every_function_refuses_a_bad_by_alike(function, by):
    with pytest.raises(ParameterError, match=f"^{re.escape(f'by={by!r}: ')}"):
        BY_CALLS[function](by)


def test_dates_known_only_to_the_year_or_month_have_no_finer_period(tmp_path):
    # Real State of the Union files: 1956-Eisenhower.txt has no date line (its year comes from the
    # file name, stored as 1 January), 1947-Truman.txt gives its day in the text.
    import shutil
    from pathlib import Path

    from toolkit.grouping import period_dates
    from toolkit.load import load_articles

    speeches = Path(__file__).parent / "data" / "load" / "speeches"
    for name in ("1947-Truman.txt", "1956-Eisenhower.txt"):
        shutil.copy(speeches / name, tmp_path / name)
    (tmp_path / "2021-03 report.txt").write_text("A REPORT\n\nThe unrest went on in March.\n", encoding="utf-8")
    articles = load_articles(tmp_path, progress=False)
    by_name = dict(zip(articles["source_path"].map(lambda p: Path(p).name), articles.index))
    truman, eisenhower, report = (by_name[n] for n in ("1947-Truman.txt", "1956-Eisenhower.txt", "2021-03 report.txt"))
    assert articles.loc[[truman, eisenhower, report], "date_precision"].tolist() == ["day", "year", "month"]
    known = {period: set(period_dates(articles, period).dropna().index) for period in PERIODS}
    assert known["year"] == {truman, eisenhower, report}
    assert known["quarter"] == known["month"] == {truman, report}  # 1956 has no January of its own
    assert known["week"] == known["day"] == {truman}
    # without the column every date is a day (the input is not changed)
    assert period_dates(articles.drop(columns="date_precision"), "day").notna().all()
    assert "date_precision" in articles.columns


def test_frame_rates_keyness_and_plot_leave_out_dates_coarser_than_the_period():
    articles = ARTICLES.assign(date_precision=["day", "year", "month", "day"])
    with pytest.warns(UserWarning, match="1 article"):
        monthly = frame_rates(articles, HITS, by=None, period="month")
    assert monthly.attrs["n_articles_without_date"] == 1  # b: 2022 only
    assert monthly.groupby("period")["n_articles"].first().sum() == 3
    yearly = frame_rates(articles, HITS, by=None, period="year")
    assert yearly.attrs["n_articles_without_date"] == 0
    weekly = keyness_over_time(articles, period="week", min_count=1)
    assert set(weekly["period"].astype(str).str[:7]) == {"2022-01", "2022-12"}  # a and d; b (year) and c (month) out
    import matplotlib.pyplot as plt

    days = plot_articles_over_time(articles, period="day")
    years = plot_articles_over_time(articles, period="year")
    assert sum(p.get_height() for p in days.patches) == 2  # a and d
    assert sum(p.get_height() for p in years.patches) == 4
    plt.close("all")
