"""toolkit.plot: every plot returns its Axes, draws into ax=, labels units; events load."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit.errors import ParameterError  # noqa: E402
from toolkit.plot import (  # noqa: E402
    auto_period,
    load_events,
    plot_articles_over_time,
    plot_cooccurrence,
    plot_frame_rates,
    plot_keyness,
    plot_precision,
    plot_top_terms,
)

EVENTS = Path(__file__).resolve().parents[1] / "data" / "events" / "kazakhstan-2022.csv"

RATES_OVER_TIME = pd.DataFrame({
    "period": pd.to_datetime(["2022-01-03", "2022-01-10", "2022-01-03", "2022-01-10"]),
    "frame": ["color_revolution", "color_revolution", "external_forces", "external_forces"],
    "n_mentions": [1, 4, 2, 6],
    "mentions_per_1000_words": [0.5, 2.0, 1.0, 3.0],
})
RATES_BY_OUTLET = pd.DataFrame({
    "outlet": ["TASS", "TASS", "Xinhua", "Xinhua"], "frame": ["a", "b", "a", "b"],
    "n_articles": [3, 3, 5, 5], "mentions_per_1000_words": [1.0, 2.0, 3.0, 0.5],
})


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_load_events_reads_the_kazakhstan_timeline():
    events = load_events(EVENTS)
    assert events["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-01-02", "2022-01-05", "2022-01-06", "2022-01-10", "2022-01-11"]
    assert events["event"].tolist()[0] == "Protests begin in Zhanaozen"
    assert (events["source"] != "").all()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("date,event,source\n2022-01-02,a,b\n2022-02-30,c,d\n", "line 3: date is not YYYY-MM-DD"),
        ("day,event,source\n2022-01-02,a,b\n", "has no column date"),
    ],
)
def test_load_events_names_the_bad_row(tmp_path, content, message):
    (tmp_path / "events.csv").write_text(content)
    with pytest.raises(Exception, match=message):
        load_events(tmp_path / "events.csv")


def test_load_events_missing_file():
    with pytest.raises(ParameterError, match="events_path: no such file"):
        load_events("no/such/events.csv")


def test_frame_rates_over_time_draws_one_line_per_frame_and_the_events():
    ax = plot_frame_rates(RATES_OVER_TIME, events=load_events(EVENTS))
    assert ax.get_ylabel() == "mentions per 1,000 words"
    assert [line.get_label() for line in ax.get_lines()[:2]] == ["color_revolution", "external_forces"]
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [1.0, 3.0])
    event_lines = ax.get_lines()[2:]
    assert len(event_lines) == 5
    assert [t.get_text() for t in ax.texts][3] == "Wang-Lavrov phone call"
    assert pd.Timestamp(event_lines[3].get_xdata()[0]).strftime("%Y-%m-%d") == "2022-01-10"


def test_events_far_from_the_data_are_left_out():
    later = RATES_OVER_TIME.assign(period=RATES_OVER_TIME["period"] + pd.Timedelta(days=365))
    ax = plot_frame_rates(later, events=load_events(EVENTS))
    assert len(ax.get_lines()) == 2 and not ax.texts
    low, high = (mdates.num2date(v).strftime("%Y-%m-%d") for v in ax.get_xlim())
    assert (low, high) == ("2023-01-02", "2023-01-11")


def test_a_single_day_gets_a_week_with_the_nearby_events():
    one_day = RATES_OVER_TIME[RATES_OVER_TIME["period"] == "2022-01-10"]
    ax = plot_frame_rates(one_day, events=load_events(EVENTS))
    low, high = (mdates.num2date(v).strftime("%Y-%m-%d") for v in ax.get_xlim())
    assert (low, high) == ("2022-01-01", "2022-01-12")  # the events from Jan 2 to Jan 11, a day either side
    assert len(ax.texts) == 5


def test_undated_articles_only():
    ax = plot_articles_over_time(pd.DataFrame({"date": pd.to_datetime([None]), "outlet": ["x"]}))
    assert [t.get_text() for t in ax.texts] == ["no dated articles"]


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [("2022-01-11", "2022-01-11", "day"), ("2022-01-01", "2022-03-04", "day"), ("2022-01-01", "2022-03-05", "week"),
     ("2019-01-04", "2020-12-31", "week"), ("2019-01-04", "2021-03-05", "month"), ("2014-01-01", "2021-12-31", "month"),
     ("2014-01-01", "2022-03-01", "quarter"), ("1990-01-01", "2014-12-31", "quarter"),
     ("1790-01-08", "2024-03-07", "year"), (None, None, "day")],
)
def test_auto_period(first, last, expected):
    assert auto_period(pd.Series(pd.to_datetime([first, last]))) == expected


def test_frame_rates_with_periods():
    rates = RATES_OVER_TIME.assign(period=RATES_OVER_TIME["period"].dt.to_period("W"))
    ax = plot_frame_rates(rates)
    assert len(ax.get_lines()) == 2


def test_frame_rates_by_outlet_draws_grouped_bars():
    ax = plot_frame_rates(RATES_BY_OUTLET)
    assert ax.get_xlabel() == "outlet"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["TASS", "Xinhua"]
    assert sorted(round(p.get_height(), 2) for p in ax.patches) == [0.5, 1.0, 2.0, 3.0]


def test_frame_rates_splits_lines_by_further_group_columns():
    rates = pd.concat([RATES_OVER_TIME.assign(outlet="TASS"), RATES_OVER_TIME.assign(outlet="RT")])
    ax = plot_frame_rates(rates)
    assert sorted(line.get_label() for line in ax.get_lines()) == [
        "color_revolution · RT", "color_revolution · TASS", "external_forces · RT", "external_forces · TASS"]


def test_articles_over_time_stacks_outlets_per_day():
    articles = pd.DataFrame({
        "date": pd.to_datetime(["2022-01-03", "2022-01-03", "2022-01-05", None]),
        "outlet": ["Xinhua", "TASS", "Xinhua", "Xinhua"],
    })
    ax = plot_articles_over_time(articles)
    assert ax.get_ylabel() == "articles per day"
    heights = {(mdates.num2date(p.get_x() + p.get_width() / 2).strftime("%m-%d"), p.get_height())
               for p in ax.patches if p.get_height()}
    assert heights == {("01-03", 1), ("01-05", 1), ("01-03", 1)}
    assert sum(p.get_height() for p in ax.patches) == 3  # the undated article is left out


def test_articles_over_time_gives_thirty_outlets_thirty_different_styles():
    outlets = [f"Outlet {i:02d}" for i in range(30)]
    articles = pd.DataFrame({"date": pd.to_datetime(["2022-01-03"] * 30 + ["2022-01-04"] * 30),
                             "outlet": outlets * 2})
    ax = plot_articles_over_time(articles, max_groups=30)
    styles = {}
    for container in ax.containers:
        patch = container.patches[0]
        styles[container.get_label()] = (tuple(round(c, 3) for c in patch.get_facecolor()), patch.get_hatch() or "")
    assert sorted(styles) == outlets
    assert len(set(styles.values())) == 30  # no two outlets look alike
    with pytest.raises(ParameterError, match="max_groups: expected a whole number from 1 to 30"):
        plot_articles_over_time(articles, max_groups=31)
    plt.close("all")


def test_articles_over_time_pools_small_outlets():
    articles = pd.DataFrame({"date": pd.to_datetime(["2022-01-03"] * 6), "outlet": list("aabcde")})
    ax = plot_articles_over_time(articles, max_groups=3, period="week")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b", "other"]
    assert ax.get_ylabel() == "articles per week"
    with pytest.raises(ParameterError, match="^period='W': use day, week, month, quarter or year, or 'auto'$"):
        plot_articles_over_time(articles, period="W")
    with pytest.raises(ParameterError, match="^by='nope'"):
        plot_articles_over_time(articles, by="nope")
    assert plot_articles_over_time(articles).get_ylabel() == "articles per day"  # "auto"


def test_top_terms_largest_on_top():
    terms = pd.DataFrame({"term": ["forces", "riots", "peace"], "n_occurrences": [5, 9, 2]})
    ax = plot_top_terms(terms, n=2)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["forces", "riots"]
    assert ax.get_xlabel() == "occurrences"


def test_keyness_splits_target_and_reference():
    table = pd.DataFrame({"term": ["riots", "forces", "election", "weather"],
                          "score": [20.0, 10.0, 15.0, 3.0], "log_ratio": [2.0, 1.0, -1.5, -0.2]})
    ax = plot_keyness(table, n=1, target_label="Xinhua", reference_label="Wikinews")
    bars = {t.get_text(): p.get_width() for t, p in zip(ax.get_yticklabels(), ax.patches)}
    assert bars == {"election": -15.0, "riots": 20.0}
    assert "Wikinews" in ax.get_xlabel()


def test_cooccurrence_annotates_each_cell():
    matrix = pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"])
    ax = plot_cooccurrence(matrix)
    assert [t.get_text() for t in ax.texts] == ["3", "1", "1", "2"]
    with pytest.raises(ParameterError, match="matrix"):
        plot_cooccurrence(matrix.loc[:, ["b", "a"]])


def test_precision_points_with_intervals():
    table = pd.DataFrame({"frame": ["a", "b"], "precision": [0.5, 0.75], "ci_low": [0.2, 0.3],
                          "ci_high": [0.8, 0.95], "n_coded": [6, 4]})
    ax = plot_precision(table)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b (n=4)", "a (n=6)"]
    np.testing.assert_allclose(np.asarray(ax.lines[0].get_xdata(), dtype=float), [0.75, 0.5])
    assert ax.get_xlim() == (0, 1) and "precision" in ax.get_xlabel()


@pytest.mark.parametrize(
    ("plot", "table"),
    [
        (plot_precision, pd.DataFrame({"frame": ["a"], "precision": [0.5], "ci_low": [0.2], "ci_high": [0.8],
                                       "n_coded": [6]})),
        (plot_frame_rates, RATES_OVER_TIME),
        (plot_frame_rates, RATES_BY_OUTLET),
        (plot_articles_over_time, pd.DataFrame({"date": pd.to_datetime(["2022-01-03"]), "outlet": ["x"]})),
        (plot_top_terms, pd.DataFrame({"term": ["a"], "n_occurrences": [1]})),
        (plot_keyness, pd.DataFrame({"term": ["a", "b"], "score": [1.0, 2.0], "log_ratio": [1.0, -1.0]})),
        (plot_cooccurrence, pd.DataFrame([[1]], index=["a"], columns=["a"])),
    ],
)
def test_every_plot_draws_into_the_given_axes(plot, table):
    fig, given = plt.subplots()
    assert plot(table, ax=given) is given
    assert len(fig.axes) in (1, 2)  # the heat map adds its colour bar


@pytest.mark.parametrize(
    "period, starts",
    [("quarter", ["2021-10-01", "2022-01-01"]), ("year", ["2021-01-01", "2022-01-01"])],
)
def test_articles_over_time_by_quarter_and_year_and_two_columns(period, starts):
    articles = pd.DataFrame({"date": pd.to_datetime(["2021-12-30", "2022-01-03", "2022-03-31"]),
                             "outlet": ["a", "a", "b"], "section": ["x", "y", "y"]})
    ax = plot_articles_over_time(articles, period=period, by=["outlet", "section"])
    bars = sorted((mdates.num2date(p.get_x()).strftime("%Y-%m-%d"), p.get_height()) for p in ax.patches if p.get_height())
    assert bars == [(starts[0], 1), (starts[1], 1), (starts[1], 1)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a · x", "a · y", "b · y"]
    assert ax.get_legend().get_title().get_text() == "outlet · section"
    assert ax.get_ylabel() == f"articles per {period}"


def test_plot_keyness_shows_the_strongest_terms_of_both_sides():
    """Scores are signed: the reference's key terms are the most negative, not the least."""
    table = pd.DataFrame({
        "term": ["t1", "t2", "t3", "r_weak", "r_mid", "r_strong"],
        "score": [30.0, 20.0, 10.0, -1.0, -15.0, -40.0],
        "log_ratio": [2.0, 1.5, 1.0, -0.2, -1.2, -2.5],
    })
    ax = plot_keyness(table, n=2)
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert set(shown) == {"t1", "t2", "r_strong", "r_mid"}
    assert shown[0] == "r_strong" and shown[-1] == "t1"  # the strongest at the two ends
    plt.close("all")


def test_outlet_rates_name_every_one_of_thirty_outlets_in_every_panel():
    from toolkit.plot import plot_outlet_rates

    outlets = [f"Outlet {i:02d}" for i in range(30)]
    rates = pd.DataFrame([{"outlet": o, "frame": f, "n_articles": 5, "n_words": 1000, "n_mentions": i % 4,
                           "mentions_per_1000_words": (i % 4) / 1.0, "rate_ci_low": 0.0, "rate_ci_high": 5.0}
                          for i, o in enumerate(outlets) for f in ("a", "b")])
    fig = plot_outlet_rates(rates)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 2
    labels = [t.get_text() for t in visible[0].get_yticklabels()]
    assert sorted(labels) == sorted(f"{o} (n=5)" for o in outlets)
    plt.close("all")


def test_outlet_rates_whiskers_are_the_rate_interval_of_frame_rates():
    from toolkit.plot import plot_outlet_rates
    from toolkit.rates import frame_rates

    articles = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["RT", "TASS"], "n_words": [1000, 2000]})
    hits = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "frame": ["f"] * 4})
    rates = frame_rates(articles, hits)
    fig = plot_outlet_rates(rates)
    segments = fig.axes[0].collections[-1].get_segments()  # the whiskers, one per outlet (top first)
    drawn = sorted((round(s[0][0], 6), round(s[1][0], 6)) for s in segments)
    expected = sorted(zip(rates["rate_ci_low"].round(6), rates["rate_ci_high"].round(6)))
    assert drawn == expected
    plt.close("all")


def test_stray_dates_are_the_few_far_from_the_rest():
    from toolkit.plot import stray_dates

    dates = pd.Series(pd.to_datetime(["2017-01-%02d" % d for d in range(1, 29)] * 4 + ["2016-03-01", "2016-04-02"]))
    assert stray_dates(dates).sum() == 2 and stray_dates(dates).iloc[-2:].all()
    assert not stray_dates(dates.iloc[:-2]).any()


def test_events_without_source_load_and_without_event_are_refused_naming_events_path(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("date,event\n2022-01-05,Protests begin\n", encoding="utf-8")
    assert list(load_events(path)["source"]) == [""]
    path.write_text("date,what\n2022-01-05,Protests begin\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="events_path: events.csv has no column event"):
        load_events(path)


def test_figures_draw_chinese_and_cyrillic_without_missing_glyphs(recwarn):
    fig, ax = plt.subplots()
    ax.set_title("颜色革命 顏色革命 цветная революция")
    fig.canvas.draw()
    assert not [w for w in recwarn if "missing from font" in str(w.message)]
    plt.close("all")


def _rates_over_time_by_outlet(n_frames):
    rows = []
    for outlet in ("TASS", "Xinhua"):
        for week in ("2022-01-03", "2022-01-10"):
            for i in range(n_frames):
                rows.append({"outlet": outlet, "period": pd.Timestamp(week), "frame": f"f{i:02d}",
                             "n_articles": 4, "n_mentions": i, "mentions_per_1000_words": i / 10})
    return pd.DataFrame(rows)


def test_outlets_over_time_draws_one_panel_per_outlet_and_a_line_per_frame():
    from toolkit.plot import plot_outlets_over_time

    fig = plot_outlets_over_time(_rates_over_time_by_outlet(3))
    panels = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in panels] == ["TASS (8 articles)", "Xinhua (8 articles)"]
    assert [len(ax.get_lines()) for ax in panels] == [3, 3]
    assert "most mentioned" not in fig._suptitle.get_text()
    plt.close("all")


def test_outlets_over_time_draws_the_thirty_most_mentioned_of_more_frames():
    from toolkit.plot import plot_outlets_over_time

    fig = plot_outlets_over_time(_rates_over_time_by_outlet(32))  # a 32-frame dictionary must not stop a report
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == [f"f{i:02d}" for i in range(2, 32)]  # f00 and f01, the least mentioned, left out
    assert "the 30 most mentioned of 32 frames" in fig._suptitle.get_text()
    plt.close("all")


def test_no_outlet_is_named_in_legends_and_panels_without_a_warning():
    """A corpus without outlets (State of the Union addresses): matplotlib would drop the empty
    label and warn "No artists with labels found to put in legend"."""
    import warnings

    from toolkit.display import NO_OUTLET
    from toolkit.plot import plot_outlet_rates, plot_outlets_over_time
    from toolkit.rates import frame_rates

    articles = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["", "", ""], "n_words": [1000, 2000, 500],
                             "date": pd.to_datetime(["1946-01-21", "1947-01-06", "1948-01-07"])})
    hits = pd.DataFrame({"doc_id": ["a", "b"], "frame": ["f", "f"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_articles_over_time(articles)
        assert [t.get_text() for t in ax.get_legend().get_texts()] == [NO_OUTLET]
        fig = plot_outlet_rates(frame_rates(articles, hits))
        assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [f"{NO_OUTLET} (n=3)"]
        fig = plot_outlets_over_time(frame_rates(articles, hits, period="year"))
        assert [ax.get_title() for ax in fig.axes if ax.get_title()] == [f"{NO_OUTLET} (3 articles)"]


def test_rates_over_time_draw_the_articles_per_period_as_grey_bars():
    from toolkit.rates import frame_rates

    articles = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["China Daily"] * 3 + ["CNN"],
                             "n_words": [400, 600, 500, 800],
                             "date": pd.to_datetime(["2017-01-02", "2017-01-04", "2017-01-10", "2017-01-11"])})
    hits = pd.DataFrame({"doc_id": ["a", "c", "d"], "frame": ["f", "f", "g"]})
    rates = frame_rates(articles, hits, by=None, period="week")
    ax = plot_frame_rates(rates)
    bars = [other for other in ax.figure.axes if other is not ax and other.patches]
    assert len(bars) == 1
    weeks = articles.groupby(articles["date"].dt.to_period("W-SUN"))["doc_id"].size()  # Monday weeks
    drawn = sorted((mdates.num2date(p.get_x()).strftime("%Y-%m-%d"), p.get_height()) for p in bars[0].patches)
    assert drawn == [(str(period.start_time.date()), n) for period, n in weeks.items()]
    assert [line.get_label() for line in ax.get_lines()] == ["f", "g"]
    plt.close("all")
    ax = plot_frame_rates(rates.drop(columns="n_articles"))
    assert [other for other in ax.figure.axes if other is not ax] == []


def test_plot_keyness_with_key_terms_on_one_side_only():
    """Only the corpus's side is significant: no empty bars of the other side (it used to fail)."""
    key = pd.DataFrame({"term": ["union", "congress"], "score": [5.0, 4.0], "log_ratio": [1.0, 2.0]})
    ax = plot_keyness(key, n=5)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["congress", "union"]
