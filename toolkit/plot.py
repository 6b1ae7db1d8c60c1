"""Plots of the toolkit's tables, with matplotlib.

Each function takes the table it draws first, an optional ``ax=`` to draw
into (a new figure sized for an HTML report otherwise), labels its axes with
units, and returns the Axes. They work with any backend, Agg included.
:func:`load_events` reads the dated events drawn on time series.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter
import numpy as np
import pandas as pd

from toolkit.display import frame_labels, outlet_names, plural
from toolkit.errors import ParameterError, require_columns
from toolkit.grouping import check_period, group_columns, period_dates, period_start
from toolkit.parameters import require_whole_number
from toolkit.schema import DATE

#: Size (inches) and resolution of new figures: about 900 px wide, the width of a report.
FIGSIZE = (9.0, 4.5)
DPI = 100

#: Columns of an events table (:func:`load_events`); ``source`` may be missing.
EVENT_COLUMNS = ("date", "event", "source")

#: The CJK font shipped with the toolkit (a subset of Noto Sans CJK SC, SIL OFL 1.1; see fonts/README.md).
CJK_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular-subset.otf"

#: Font families tried for each character, in order: DejaVu Sans (matplotlib's own: Latin, Greek,
#: Cyrillic), then CJK fonts a system may have, then the shipped subset (same family name as
#: the full Noto Sans CJK SC, which wins when installed).
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                 "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"]


def use_report_fonts() -> None:
    """Make matplotlib draw Chinese and Cyrillic text (font fallback, matplotlib >= 3.6).

    Called when this module is imported: figures drawn by the toolkit (and
    any other figure of the session) fall back from DejaVu Sans to a CJK font
    for characters it lacks, instead of drawing boxes.
    """
    names = {font.name for font in font_manager.fontManager.ttflist}
    if "Noto Sans CJK SC" not in names and CJK_FONT.is_file():
        font_manager.fontManager.addfont(str(CJK_FONT))
        names.add("Noto Sans CJK SC")
    # an explicit list: matplotlib falls back along font.family, not within the generic "sans-serif"
    plt.rcParams["font.family"] = [f for f in FONT_FAMILIES if f in names]


use_report_fonts()

# Columns of a frame_rates table that are not group columns.
_RATE_COLUMNS = {
    "frame", "n_articles", "n_words", "n_mentions", "mentions_per_1000_words", "rate_ci_low", "rate_ci_high",
    "n_articles_with_mention", "share_with_mention", "share_ci_low", "share_ci_high",
}


#: Distinct styles for groups drawn in one chart: the ten colours of matplotlib's
#: tab10 cycle, then the same colours hatched (bars) or dashed (lines), twice.
MAX_STYLES = 30
_COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink", "tab:gray",
            "tab:olive", "tab:cyan")
_HATCHES = ("", "////", "....")
_LINE_STYLES = ("-", "--", ":")


def group_styles(n: int, *, lines: bool = False) -> list[dict]:
    """*n* distinct styles (matplotlib keywords), no two alike, for up to :data:`MAX_STYLES` groups.

    Colour first (tab10), then, past ten groups, the same colours hatched
    (bars: ``hatch``) or dashed and dotted (``lines=True``: ``linestyle``), so
    that 30 outlets still tell apart in print and for readers who do not see
    some colours.
    """
    if n > MAX_STYLES:
        raise ParameterError(f"at most {MAX_STYLES} groups can be told apart in one chart, got {n}; "
                             "pool the smaller ones (max_groups) or draw small multiples")
    key, patterns = ("linestyle", _LINE_STYLES) if lines else ("hatch", _HATCHES)
    return [{"color": _COLOURS[i % len(_COLOURS)], key: patterns[i // len(_COLOURS)]} for i in range(n)]


def _new_axes(ax, figsize=FIGSIZE):
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize, dpi=DPI, layout="constrained")
    return ax


def load_events(path: str | Path) -> pd.DataFrame:
    """Read a CSV of dated events (columns ``date``, ``event``, ``source``).

    Returns
    -------
    pandas.DataFrame
        ``date`` (datetime64), ``event`` and ``source`` (str), sorted by date.

    Raises
    ------
    ParameterError
        When the file is missing or a date does not parse (naming the file and row).
    """
    path = Path(path)
    if not path.is_file():
        raise ParameterError(f"events_path: no such file: {path}")
    events = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("date", "event") if c not in events.columns]
    if missing:
        raise ParameterError(f"events_path: {path.name} has no column {', '.join(missing)}; an events CSV has "
                             f"the columns date (YYYY-MM-DD), event and, optionally, source")
    if "source" not in events.columns:
        events["source"] = ""
    events = events[list(EVENT_COLUMNS)]
    dates = pd.to_datetime(events["date"], errors="coerce", format="%Y-%m-%d")
    if dates.isna().any():
        row = int(np.flatnonzero(dates.isna())[0]) + 2  # 1-based, after the header
        raise ParameterError(f"events_path: {path}, line {row}: date is not YYYY-MM-DD")
    return events.assign(date=dates).sort_values("date", kind="stable").reset_index(drop=True)


def _nearby_events(events: pd.DataFrame | None, dates: pd.Series) -> pd.DataFrame:
    """The events within the data's span, or close to it (two weeks, or a tenth of the span).

    Events far from the data would stretch the axis until the data is a sliver.
    """
    if events is None or len(events) == 0 or len(dates) == 0:
        return pd.DataFrame({"date": pd.to_datetime([]), "event": [], "source": []})
    low, high = dates.min(), dates.max()
    margin = max((high - low) / 10, pd.Timedelta(days=14))
    return events[(events["date"] >= low - margin) & (events["date"] <= high + margin)]


def _draw_events(ax, events: pd.DataFrame) -> None:
    """Dashed vertical lines at the events' dates, labelled along the line."""
    for row in events.itertuples():
        ax.axvline(row.date, color="0.45", linestyle="--", linewidth=0.8, zorder=0)
        ax.annotate(row.event, xy=(row.date, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -4), textcoords="offset points", rotation=90,
                    va="top", ha="left", fontsize=8, color="0.25",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.75, "pad": 1})


def _legend_outside(ax, title: str, *, gap: float = 0.01) -> None:
    """The legend right of the plot, where it hides no data (in two columns past 15 entries, so 30 fit);
    *gap* (a share of the plot's width) leaves room for a right axis."""
    entries = len(ax.get_legend_handles_labels()[1])
    ax.legend(title=title, fontsize=8 if entries <= 15 else 7, title_fontsize=9, frameon=False, loc="upper left",
              bbox_to_anchor=(1 + gap, 1), ncols=1 if entries <= 15 else 2)


def _date_axis(ax, dates: pd.Series, *, min_days: int = 7) -> None:
    """Concise date ticks over *dates* plus a day either side, spanning at least *min_days*.

    (Matplotlib would give a single day hourly ticks, and a single point years.)
    """
    low, high = dates.min() - pd.Timedelta(days=1), dates.max() + pd.Timedelta(days=1)
    if high - low < pd.Timedelta(days=min_days):
        middle = low + (high - low) / 2
        low, high = middle - pd.Timedelta(days=min_days / 2), middle + pd.Timedelta(days=min_days / 2)
    ax.set_xlim(low, high)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def auto_period(dates: pd.Series) -> str:
    """The period (day to year) that gives a time series about 10 to 100 points.

    Days up to two months of data, weeks up to two years, months up to eight
    years, quarters up to twenty-five years, years beyond.
    """
    dates = pd.to_datetime(dates).dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    limits = {"day": 62, "week": 730, "month": 8 * 366, "quarter": 25 * 366}
    return next((period for period, days in limits.items() if span <= days), "year")


def _group_names(values: pd.Series, column: str) -> pd.Series:
    """Group values as drawn: an empty outlet as :data:`toolkit.display.NO_OUTLET` (matplotlib drops empty labels)."""
    if column == "outlet":
        return pd.Series(outlet_names(values).to_numpy(), index=values.index)
    shown = values.astype(object).where(values.notna(), "").astype(str)
    return shown.where(shown.str.strip() != "", f"(no {column})")


def _as_dates(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.PeriodDtype):
        return values.dt.to_timestamp()
    return pd.to_datetime(values)


def plot_frame_rates(
    rates: pd.DataFrame,
    *,
    ax=None,
    events: pd.DataFrame | None = None,
    x: str | None = None,
    value: str = "mentions_per_1000_words",
    title: str | None = None,
    frames=None,
):
    """Frame rates by group (bars) or over time (lines), one colour per frame.

    Parameters
    ----------
    rates : pandas.DataFrame
        From ``frame_rates``: group column(s), ``frame`` and *value*. On a
        time axis its ``n_articles`` (if any; drop the column for none) are
        drawn as grey bars (right axis, kept to its lower third): the articles
        behind each period, so a jump in a rate can be read against its base,
        as in :func:`plot_outlets_over_time`.
    ax : matplotlib Axes, optional
    events : pandas.DataFrame, optional
        From :func:`load_events`; drawn as labelled vertical lines on a time axis.
    x : str, optional
        Column on the x axis (default: ``period`` or ``date`` when present,
        else the first group column). Dates give lines, anything else bars.
        Further group columns split the lines or bars (``frame · outlet``).
    value : str
        The rate plotted.
    title : str, optional
    frames : FrameDictionary, optional
        The legend shows the frames' labels, in the dictionary's order.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require_columns(rates, ["frame", value], where="plot_frame_rates")
    groups = [c for c in rates.columns if c not in _RATE_COLUMNS and c != value]
    x = x or next((c for c in ("period", "date") if c in rates.columns), groups[0] if groups else None)
    if x is None:
        raise ParameterError("x: rates has no group column to plot against; pass x=")
    others = [c for c in groups if c != x]
    table = rates.copy()
    for column in others:
        table[column] = _group_names(table[column], column)
    labels = frame_labels(frames)
    order = {frame: i for i, frame in enumerate(labels)}
    table = table.assign(order=table["frame"].map(order).fillna(len(order)))
    table["frame"] = table["frame"].map(lambda f: labels.get(f, f))
    table["series"] = table[["frame", *others]].astype(str).agg(" · ".join, axis=1)
    table["series"] = pd.Categorical(table["series"], categories=list(dict.fromkeys(
        table.sort_values(["order", "series"], kind="stable")["series"])), ordered=True)
    ax = _new_axes(ax)
    timeline = pd.api.types.is_datetime64_any_dtype(table[x]) or isinstance(table[x].dtype, pd.PeriodDtype)
    with_bars = timeline and "n_articles" in table.columns
    if timeline:
        table[x] = _as_dates(table[x])
        if with_bars:
            _article_bars(ax, table.drop_duplicates([x, *others]).groupby(x)["n_articles"].sum())
        for name, series in table.sort_values(x).groupby("series", sort=True, observed=True):
            ax.plot(series[x], series[value], marker="o", markersize=4, label=name)
        shown = _nearby_events(events, table[x])
        _draw_events(ax, shown)
        _date_axis(ax, pd.concat([table[x], pd.to_datetime(shown["date"])]))
    else:
        wide = table.pivot_table(index=x, columns="series", values=value, aggfunc="sum", sort=True, observed=True)
        wide.plot.bar(ax=ax, rot=0, width=0.8)
        ax.set_xlabel(x)
    per_1000 = value == "mentions_per_1000_words"
    ax.set_ylabel("mentions per 1,000 words" if per_1000 else value.replace("_", " "))
    ax.set_ylim(bottom=0)
    _legend_outside(ax, "frame", gap=0.09 if with_bars else 0.01)  # past the bars' axis
    ax.set_title(title or "Frame mentions per 1,000 words")
    ax.grid(axis="y", alpha=0.3)
    return ax


def _article_bars(ax, per_period: pd.Series) -> None:
    """Grey bars of the articles per period on a right axis behind *ax*'s lines (lower third)."""
    steps = np.diff(np.sort(per_period.index.unique()))
    width = (steps.min() / np.timedelta64(1, "D")) * 0.8 if len(steps) else 0.8
    bars = ax.twinx()
    bars.bar(per_period.index, per_period.to_numpy(), width=width, color="0.85", align="edge", zorder=0,
             label="_articles")
    bars.set_ylim(0, max(1, int(per_period.max())) * 3)
    bars.tick_params(axis="y", labelsize=7, colors="0.5")
    bars.yaxis.get_major_locator().set_params(integer=True)
    ax.set_zorder(bars.get_zorder() + 1)
    ax.patch.set_visible(False)


def plot_articles_over_time(
    articles: pd.DataFrame,
    *,
    ax=None,
    period: str = "auto",
    by: str | list[str] | None = "outlet",
    events: pd.DataFrame | None = None,
    max_groups: int = 8,
    title: str | None = None,
):
    """Articles per day, week, month, quarter or year as stacked bars, one colour per outlet.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (``date`` and the *by* columns); undated articles, and those dated less
        finely than the period (:func:`toolkit.grouping.period_dates`), are left out.
    period : {"auto", "day", "week", "month", "quarter", "year"}
        Period of a bar (as in ``frame_rates``: weeks start on Monday); "auto"
        chooses by the span of the dates (:func:`auto_period`).
    by : str, list of str or None
        Column(s) stacked within a bar (several are joined, ``outlet · section``);
        the *max_groups* - 1 largest groups are kept and the rest pooled as
        "other". None for one colour.
    max_groups : int, default 8
        At most 30 (:data:`MAX_STYLES`): each group has a style of its own,
        a colour, hatched past ten groups (:func:`group_styles`).
    events : pandas.DataFrame, optional
        From :func:`load_events`.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_period(period, also=("auto",))
    require_whole_number(max_groups, parameter="max_groups", minimum=1, maximum=MAX_STYLES)
    require_columns(articles, [DATE], where="plot_articles_over_time")
    columns = group_columns(articles, by)
    dated = articles[articles[DATE].notna()]
    period = auto_period(dated[DATE]) if period == "auto" else period
    dated = dated[period_dates(dated, period).notna()]
    start = period_start(dated[DATE], period)
    group = pd.Series("articles", index=dated.index) if not columns else _group_names(dated[columns[0]], columns[0])
    for column in columns[1:]:
        group = group + " · " + _group_names(dated[column], column)
    top = group.value_counts().index[: max_groups - 1] if group.nunique() > max_groups else group.unique()
    group = group.where(group.isin(top), "other")
    counts = pd.crosstab(start, group)
    ax = _new_axes(ax)
    # days; each bar starts with its period and fills 80% of it
    width = {"day": 0.8, "week": 5.6, "month": 24, "quarter": 73, "year": 292}[period]
    bottom = np.zeros(len(counts))
    for column, style in zip(counts.columns, group_styles(len(counts.columns))):
        ax.bar(counts.index, counts[column], width=width, bottom=bottom, label=column, align="edge",
               edgecolor="white", linewidth=0.3, **style)
        bottom += counts[column].to_numpy()
    if len(dated):
        shown = _nearby_events(events, start)
        _draw_events(ax, shown)
        _date_axis(ax, pd.concat([start, start + pd.Timedelta(days=width), pd.to_datetime(shown["date"])]))
    else:
        ax.text(0.5, 0.5, "no dated articles", transform=ax.transAxes, ha="center", color="0.4")
    ax.set_ylabel(f"articles per {period}")
    ax.yaxis.get_major_locator().set_params(integer=True)
    if columns and len(counts.columns):
        _legend_outside(ax, " · ".join(columns))
    ax.set_title(title or f"Articles per {period}")
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_top_terms(
    terms: pd.DataFrame,
    *,
    ax=None,
    n: int = 20,
    term: str = "term",
    value: str = "n_occurrences",
    title: str | None = None,
):
    """The *n* terms with the highest *value*, as horizontal bars (largest on top).

    Parameters
    ----------
    terms : pandas.DataFrame
        From ``term_frequency`` or ``tfidf``: a *term* column and a *value* column.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require_columns(terms, [term, value], where="plot_top_terms")
    top = terms.nlargest(n, value).iloc[::-1]
    ax = _new_axes(ax, figsize=(7.5, max(2.5, 0.28 * len(top) + 1)))
    ax.barh(top[term].astype(str), top[value], color="tab:blue")
    labels = {"n_occurrences": "occurrences", "per_1000_tokens": "occurrences per 1,000 tokens",
              "n_articles_with_term": "articles containing the term", "tfidf": "TF-IDF weight"}
    ax.set_xlabel(labels.get(value, value.replace("_", " ")))
    ax.set_title(title or f"Top {len(top)} terms")
    ax.grid(axis="x", alpha=0.3)
    ax.margins(y=0.01)
    return ax


def plot_keyness(
    keyness: pd.DataFrame,
    *,
    ax=None,
    n: int = 15,
    target_label: str = "target",
    reference_label: str = "reference",
    title: str | None = None,
):
    """The most key terms of each side: bars right for the target, left for the reference.

    Parameters
    ----------
    keyness : pandas.DataFrame
        From ``keyness``: ``term``, ``score`` (e.g. log-likelihood G², Dunning
        1993) and ``log_ratio`` (positive when the term is relatively more
        frequent in the target).
    n : int
        Terms shown per side.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require_columns(keyness, ["term", "score", "log_ratio"], where="plot_keyness")
    # signed scores: the reference's key terms are the most negative (assigned before the split: a
    # Series assigned to an empty side would bring its whole index along as rows of NaN terms)
    scored = keyness.assign(strength=keyness["score"].abs())
    target = scored[scored["log_ratio"] > 0].nlargest(n, "strength")
    reference = scored[scored["log_ratio"] < 0].nlargest(n, "strength")
    # bottom to top: the reference's strongest ... weakest, then the target's weakest ... strongest
    shown = pd.concat([reference.assign(bar=-reference["strength"]),
                       target.assign(bar=target["strength"]).iloc[::-1]])
    ax = _new_axes(ax, figsize=(7.5, max(2.5, 0.26 * len(shown) + 1)))
    colours = np.where(shown["bar"] > 0, "tab:red", "tab:gray")
    ax.barh(shown["term"].astype(str), shown["bar"], color=colours)
    ax.axvline(0, color="0.2", linewidth=0.8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))  # a score, not a sign
    ax.set_xlabel(f"keyness score (left: more frequent in {reference_label}, right: in {target_label})")
    ax.set_title(title or f"Key terms: {target_label} against {reference_label}")
    ax.grid(axis="x", alpha=0.3)
    ax.margins(y=0.01)
    return ax


def plot_cooccurrence(matrix: pd.DataFrame, *, ax=None, label: str = "articles mentioning both frames",
                      title: str | None = None):
    """A frames x frames co-occurrence matrix as an annotated heat map.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square, from ``frame_cooccurrence`` (the diagonal: one frame alone).
    label : str
        What a cell counts, for the colour bar.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if list(matrix.index) != list(matrix.columns):
        raise ParameterError("matrix: expected a square frames x frames table, the same labels on both axes")
    size = max(3.5, 0.6 * len(matrix) + 2.5)
    ax = _new_axes(ax, figsize=(size + 1.5, size))
    values = matrix.to_numpy(dtype=float)
    image = ax.imshow(values, cmap="Blues", vmin=0)  # from zero: equal counts must not look like a range
    ax.set_xticks(range(len(matrix)), matrix.columns.astype(str), rotation=40, ha="right")
    ax.set_yticks(range(len(matrix)), matrix.index.astype(str))
    threshold = np.nanmax(values) / 2 if values.size and np.nanmax(values) > 0 else 1
    for (i, j), cell in np.ndenumerate(values):
        ax.text(j, i, f"{cell:g}", ha="center", va="center", fontsize=8,
                color="white" if cell > threshold else "black")
    ax.figure.colorbar(image, ax=ax, label=label, shrink=0.8)
    ax.set_title(title or "Frames together")
    return ax


def plot_precision(precision: pd.DataFrame, *, ax=None, label: str = "frame", title: str | None = None):
    """Precision per frame (or pattern) as points with their confidence intervals.

    Parameters
    ----------
    precision : pandas.DataFrame
        From ``dictionary_precision``: a *label* column, ``precision``,
        ``ci_low``, ``ci_high`` and ``n_coded``.
    label : str
        Column naming the rows.

    Returns
    -------
    matplotlib.axes.Axes
    """
    require_columns(precision, [label, "precision", "ci_low", "ci_high", "n_coded"], where="plot_precision")
    rows = precision.iloc[::-1]  # the first row on top
    names = [f"{name} (n={n})" for name, n in zip(rows[label].astype(str), rows["n_coded"])]
    ax = _new_axes(ax, figsize=(7.5, max(2.0, 0.45 * len(rows) + 1)))
    errors = np.vstack([rows["precision"] - rows["ci_low"], rows["ci_high"] - rows["precision"]])
    positions = np.arange(len(rows))
    ax.errorbar(rows["precision"], positions, xerr=errors, fmt="o", color="tab:blue", ecolor="0.5", capsize=3)
    ax.set_yticks(positions, names)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_xlabel("precision: share of coded hits that carry the frame (95% CI)")
    ax.set_title(title or "Dictionary precision")
    ax.grid(axis="x", alpha=0.3)
    return ax


def stray_dates(dates: pd.Series, *, share: float = 0.02) -> pd.Series:
    """Which dates lie far outside the bulk of the others (True: stray).

    The sorted dates are split wherever two consecutive dates lie more than
    ``max(28 days, a quarter of the span of the middle 90% of the dates)``
    apart. Dates in a group holding less than *share* of the dated articles
    (2%), other than the largest group, are stray. A handful of articles dated
    months before the rest (a wrong year, an archive page) would otherwise
    stretch a time axis until the data is a sliver; reports list them instead.

    Returns
    -------
    pandas.Series of bool
        With the index of *dates*; missing dates are not stray.
    """
    dates = pd.to_datetime(dates)
    known = dates.dropna().sort_values()
    if len(known) < 10:
        return pd.Series(False, index=dates.index)
    span = known.quantile(0.95) - known.quantile(0.05)
    gap = max(pd.Timedelta(days=28), span / 4)
    group = (known.diff() > gap).cumsum()
    sizes = group.value_counts()
    kept = set(sizes[sizes >= share * len(known)].index) | {sizes.idxmax()}
    stray = pd.Series(False, index=dates.index)
    stray.loc[known.index[~group.isin(kept).to_numpy()]] = True
    return stray


def _grid(n_panels: int, ncols: int) -> tuple[int, int]:
    ncols = max(1, min(ncols, n_panels))
    return -(-n_panels // ncols), ncols


def plot_outlet_rates(
    rates: pd.DataFrame,
    *,
    frames=None,
    by: str = "outlet",
    ncols: int = 3,
    title: str | None = None,
):
    """Mentions per 1,000 words of each frame per outlet: one panel per frame, one bar per outlet.

    Small multiples with horizontal bars stay readable from 2 to 30 outlets:
    every outlet is named on the y axis (in name order, the same in every
    panel) and every frame has its own panel, headed by its label. Whiskers
    are the table's 95% exact Poisson intervals (``rate_ci_low``,
    ``rate_ci_high``: Garwood 1936; see :func:`toolkit.rates.frame_rates`); the y labels say how many
    articles stand behind each bar.

    Parameters
    ----------
    rates : pandas.DataFrame
        ``frame_rates(..., by="outlet")``.
    frames : FrameDictionary, optional
        Panel titles are the frames' labels, in dictionary order.
    ncols : int
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(rates, [by, "frame", "n_articles", "mentions_per_1000_words", "rate_ci_low", "rate_ci_high"],
                    where="plot_outlet_rates")
    rates = rates.assign(**{by: _group_names(rates[by], by)})  # an empty outlet is named, not a blank row
    labels = frame_labels(frames)
    frame_ids = list(dict.fromkeys([f for f in labels if f in set(rates["frame"])] + list(rates["frame"].unique())))
    outlets = sorted(rates[by].astype(str).unique(), key=str.casefold, reverse=True)  # first on top
    sizes = rates.drop_duplicates(by).set_index(rates.drop_duplicates(by)[by].astype(str))["n_articles"]
    names = [f"{o} (n={sizes[o]:,})" for o in outlets]
    nrows, ncols = _grid(len(frame_ids), ncols)
    height = nrows * (0.19 * len(outlets) + 1.1) + 0.6
    fig, axes = plt.subplots(nrows, ncols, figsize=(9.0, height), dpi=DPI, layout="constrained",
                             sharey=True, squeeze=False)
    table = rates.assign(low=rates["rate_ci_low"], high=rates["rate_ci_high"], key=rates[by].astype(str))
    for ax, frame in zip(axes.flat, frame_ids):
        part = table[table["frame"] == frame].set_index("key").reindex(outlets)
        value = part["mentions_per_1000_words"].to_numpy(dtype=float)
        errors = np.vstack([value - part["low"].to_numpy(float), part["high"].to_numpy(float) - value])
        ax.barh(range(len(outlets)), value, color="tab:blue", alpha=0.8)
        ax.errorbar(value, range(len(outlets)), xerr=np.nan_to_num(errors), fmt="none", ecolor="0.25",
                    elinewidth=0.8, capsize=2)
        ax.set_title(labels.get(frame, frame), fontsize=10)
        ax.set_xlim(left=0)
        ax.grid(axis="x", alpha=0.3)
        ax.tick_params(axis="y", labelsize=8 if len(outlets) > 12 else 9)
    for ax in axes.flat[len(frame_ids):]:
        ax.set_visible(False)
    for row in axes:
        row[0].set_yticks(range(len(outlets)), names)
        row[0].set_ylim(-0.6, len(outlets) - 0.4)
    for ax in axes[-1]:
        ax.set_xlabel("mentions per 1,000 words")
    n_articles = int(sizes.sum())
    fig.suptitle(title or f"Frame mentions per 1,000 words, by outlet ({plural(n_articles, 'article')}; "
                          "whiskers: 95% CI)", fontsize=11)
    return fig


def plot_outlets_over_time(
    rates: pd.DataFrame,
    *,
    frames=None,
    by: str = "outlet",
    events: pd.DataFrame | None = None,
    ncols: int = 3,
    title: str | None = None,
):
    """Frame rates over time, one small panel per outlet, with the articles behind each period.

    Each panel shares the time and rate axes with the others, so a spike in
    one outlet is not mistaken for a trend of all; grey bars (right axis) show
    how many articles each period holds: an outlet joining the corpus shows
    as bars starting, not as a trend.

    Parameters
    ----------
    rates : pandas.DataFrame
        ``frame_rates(..., by="outlet", period=...)``.
    frames : FrameDictionary, optional
        The legend shows the frames' labels, in dictionary order. Past
        :data:`MAX_STYLES` frames, the most mentioned are drawn and the
        title says so (more lines cannot be told apart).
    events : pandas.DataFrame, optional
        From :func:`load_events`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    require_columns(rates, [by, "period", "frame", "n_articles", "mentions_per_1000_words"],
                    where="plot_outlets_over_time")
    labels = frame_labels(frames)
    frame_ids = list(dict.fromkeys([f for f in labels if f in set(rates["frame"])] + list(rates["frame"].unique())))
    n_frames = len(frame_ids)
    if n_frames > MAX_STYLES:  # more lines than can be told apart: the most mentioned, in dictionary order
        weight = "n_mentions" if "n_mentions" in rates.columns else "mentions_per_1000_words"
        most = set(rates.groupby("frame")[weight].sum().nlargest(MAX_STYLES).index)
        frame_ids = [f for f in frame_ids if f in most]
        rates = rates[rates["frame"].isin(most)]
    table = rates.assign(period=_as_dates(rates["period"]), key=_group_names(rates[by], by))
    outlets = sorted(table["key"].unique(), key=str.casefold)
    nrows, ncols = _grid(len(outlets), ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(9.0, 2.1 * nrows + 1.0), dpi=DPI, layout="constrained",
                             sharex=True, sharey=True, squeeze=False)
    styles = group_styles(len(frame_ids), lines=True)
    span = table["period"]
    shown = _nearby_events(events, span)
    top = max(1, int(table["n_articles"].max()))
    steps = np.diff(np.sort(span.unique()))
    width = (steps.min() / np.timedelta64(1, "D")) * 0.8 if len(steps) else 0.8
    lines = {}
    for ax, outlet in zip(axes.flat, outlets):
        part = table[table["key"] == outlet]
        counts = part.drop_duplicates("period")
        bars = ax.twinx()
        bars.bar(counts["period"], counts["n_articles"], width=width, color="0.85", align="edge", zorder=0)
        bars.set_ylim(0, top * 3)  # the bars keep to the lower third
        bars.tick_params(axis="y", labelsize=7, colors="0.5")
        ax.set_zorder(bars.get_zorder() + 1)
        ax.patch.set_visible(False)
        for i, frame in enumerate(frame_ids):
            series = part[part["frame"] == frame].sort_values("period")
            (line,) = ax.plot(series["period"], series["mentions_per_1000_words"], marker="o", markersize=2.5,
                              linewidth=1.2, **styles[i])
            lines[labels.get(frame, frame)] = line
        _draw_events(ax, shown)
        ax.set_title(f"{outlet} ({plural(int(counts['n_articles'].sum()), 'article')})", fontsize=9)
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelsize=8)
    for ax in axes.flat[len(outlets):]:
        ax.set_visible(False)
    _date_axis(axes.flat[0], pd.concat([span, pd.to_datetime(shown["date"])]))
    for row in axes:
        row[0].set_ylabel("per 1,000 words", fontsize=8)
    fig.legend(list(lines.values()), list(lines.keys()), loc="outside lower center", ncols=min(4, len(lines)),
               fontsize=8, frameon=False)
    left_out = (f"; the {MAX_STYLES} most mentioned of {n_frames} frames" if n_frames > MAX_STYLES else "")
    fig.suptitle(title or "Frame mentions per 1,000 words over time, by outlet (grey bars: articles per period, "
                          f"right axis{left_out})", fontsize=10)
    return fig
