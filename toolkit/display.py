"""Tables for reading: human headers, frame labels, counts behind every table, escaped text.

The notebooks show every table through these functions. They never change a
number (the CSV exports keep the analysis columns); they choose headers a
reader understands ("mentions per 1,000 words", not
``mentions_per_1000_words``), show frames by their labels in the dictionary's
order, say how many articles stand behind a table, write "1 article" and
"2 articles", and escape every piece of article text. :func:`show` renders a
whole table as HTML, so pandas' display limits never cut rows ("110 rows x 4
columns" with the middle hidden).
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from toolkit.errors import require_columns
from toolkit.schema import DATE, DATE_PRECISION

#: Headers shown for the toolkit's column names (the CSV exports keep the names).
HEADERS = {
    "outlet": "outlet", "frame": "frame", "n_articles": "articles", "n_words": "words",
    "n_mentions": "mentions", "mentions_per_1000_words": "mentions per 1,000 words",
    "rate_ci_low": "rate: 95% CI low", "rate_ci_high": "rate: 95% CI high",
    "n_articles_with_mention": "articles mentioning", "share_with_mention": "share of articles mentioning",
    "share_ci_low": "share: 95% CI low", "share_ci_high": "share: 95% CI high",
    "articles": "articles", "words": "words", "median_words": "median words per article",
    "first_day": "first day", "last_day": "last day", "n_patterns": "patterns",
    "n_excluded": "excluded phrases", "n_target": "in the target", "n_reference": "in the reference",
    "score": "G² (signed)", "p_value": "p", "log_ratio": "log ratio", "log_odds": "log-odds ratio",
    "log_odds_z": "log-odds z", "n_occurrences": "occurrences", "n_articles_with_term": "articles containing it",
    "per_1000_tokens": "per 1,000 words", "n_coded": "lines coded", "n_meant": "coded as meant",
    "n_not_meant": "coded as not meant", "n_quoted_rejected": "quoted to reject it",
    "n_unresolved": "coders disagree", "n_lines": "lines in the sheet", "n_units": "lines compared", "coders": "coders", "precision": "precision", "ci_low": "95% CI low",
    "ci_high": "95% CI high", "n_node": "node hits", "observed": "observed", "expected": "expected",
    "pmi": "PMI", "g2": "G²", "t_score": "t-score", "collocate": "collocate", "term": "term",
    "is_origin": "original", "similarity": "similarity", "cluster_id": "group", "doc_id": "article id",
    "n_words_article": "words", "date": "date", "title": "title", "url": "address", "period": "period",
    "hits": "hits", "speaker": "speaker", "measure": "measure", "value": "value",
}


def plural(n: int, noun: str, plural_form: str | None = None) -> str:
    """*n* and *noun*, plural when *n* is not 1, with thousands separators.

    >>> plural(1, "article"), plural(1200, "article"), plural(2, "copy", "copies")
    ('1 article', '1,200 articles', '2 copies')
    """
    word = noun if n == 1 else (plural_form or noun + "s")
    return f"{n:,} {word}"


def frame_labels(frames) -> dict[str, str]:
    """Frame id -> label, in the dictionary's order (ids without a label stand for themselves)."""
    if frames is None:
        return {}
    return {frame.id: (frame.label or frame.id) for frame in frames.frames}


def label_frames(values: pd.Series, frames) -> pd.Series:
    """Frame ids as labels, an ordered categorical in the dictionary's order (unknown ids last)."""
    labels = frame_labels(frames)
    order = list(labels.values()) + sorted({str(v) for v in values.dropna()} - set(labels))
    shown = values.map(lambda v: labels.get(v, v))
    return pd.Series(pd.Categorical(shown, categories=list(dict.fromkeys(order)), ordered=True), index=values.index)


def humanise(table: pd.DataFrame, frames=None) -> pd.DataFrame:
    """*table* with human headers (:data:`HEADERS`, index names too) and frame labels, as a new table."""
    table = table.copy()
    if frames is not None:
        if "frame" in table.columns:
            table["frame"] = label_frames(table["frame"], frames)
        for axis in (table.index, table.columns):
            if "frame" in (axis.names or []):
                level = axis.names.index("frame")
                labels = frame_labels(frames)
                if isinstance(axis, pd.MultiIndex):
                    new = axis.set_levels(axis.levels[level].map(lambda v: labels.get(v, v)), level=level)
                else:
                    new = axis.map(lambda v: labels.get(v, v))
                    new.name = axis.name
                if axis is table.index:
                    table.index = new
                else:
                    table.columns = new
    table = table.rename(columns=lambda c: HEADERS.get(c, c) if isinstance(c, str) else c)
    table.index = table.index.set_names([HEADERS.get(n, n) if isinstance(n, str) else n for n in table.index.names])
    return table


#: How an article without an outlet is shown in every table and chart (its ``outlet`` is "").
NO_OUTLET = "(no outlet)"


def _blank_as(values, label: str) -> pd.Series:
    """*values* as a new Series of str, empty, blank or missing ones as *label*."""
    values = pd.Series(values)
    shown = values.astype(object).where(values.notna(), "").astype(str)
    return shown.where(shown.str.strip() != "", label)


def outlet_names(values) -> pd.Series:
    """*values* (outlets) as shown: empty or missing ones as :data:`NO_OUTLET`, as a new Series of str."""
    return _blank_as(values, NO_OUTLET)


def _outlets_shown(table: pd.DataFrame) -> pd.DataFrame:
    """*table* with missing outlets named :data:`NO_OUTLET` in an ``outlet`` column or index level."""
    if "outlet" in table.columns and not pd.api.types.is_numeric_dtype(table["outlet"]):
        table["outlet"] = outlet_names(table["outlet"]).to_numpy()
    if "outlet" in (table.index.names or []):
        if isinstance(table.index, pd.MultiIndex):
            level = table.index.names.index("outlet")
            table.index = table.index.set_levels(
                outlet_names(table.index.levels[level]).to_numpy(), level=level, verify_integrity=False)
        else:
            table.index = pd.Index(outlet_names(table.index).to_numpy(), name=table.index.name)
    return table


class EscapedHTML:
    """HTML built by the toolkit from escaped pieces, shown as such by Jupyter."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def show(table: pd.DataFrame, *, n_articles: int | None = None, note: str = "", frames=None,
         index: bool = True, digits: int | None = None) -> EscapedHTML:
    """The whole of *table* as an HTML table (no row is ever cut), headers and frames made human.

    Parameters
    ----------
    table : pandas.DataFrame
    n_articles : int, optional
        Articles behind the table, said in its caption ("Based on 1 article.").
    note : str
        More caption text (plain text, escaped).
    frames : FrameDictionary, optional
        Frame ids are shown as the dictionary's labels.
    index : bool
        Show the index.
    digits : int, optional
        Round floats to this many digits.
    """
    shown = humanise(_outlets_shown(_dates_as_known(table.copy())), frames)
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = _rounded(shown[column], digits)
        elif pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("unknown")
        elif pd.api.types.is_integer_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
    caption = " ".join(filter(None, [f"Based on {plural(n_articles, 'article')}." if n_articles is not None else "",
                                     note]))
    body = shown.to_html(index=index, escape=True, border=0, na_rep="", float_format=_number, classes="full")
    if caption:
        body = body.replace(">\n  <thead>", f">\n  <caption>{html.escape(caption)}</caption>\n  <thead>", 1)
    return EscapedHTML(_LONG_TOKEN.sub(_with_breaks, body))


_KNOWN_DATE = {"year": "%Y", "month": "%Y-%m"}


def _dates_as_known(table: pd.DataFrame) -> pd.DataFrame:
    """*table* with its ``date`` written as far as it is known, when it has a ``date_precision``
    column (:func:`toolkit.load_articles`): "1956" for a year from a file name, not "1956-01-01";
    the precision column, then said by the date itself, is not shown."""
    if DATE_PRECISION not in table.columns or not pd.api.types.is_datetime64_any_dtype(table.get(DATE)):
        return table
    return table.drop(columns=DATE_PRECISION).assign(**{DATE: dates_as_known(table).fillna("unknown")})


def dates_as_known(table: pd.DataFrame) -> pd.Series:
    """The ``date`` of every row of *table* as text, as far as it is known: "1956" for a date known
    only to the year, "1956-03" to the month (its ``date_precision`` column, when there), else the
    day; missing dates stay missing."""
    dates = pd.to_datetime(table[DATE])
    text = dates.dt.strftime("%Y-%m-%d")
    if DATE_PRECISION in table.columns:
        for precision, form in _KNOWN_DATE.items():
            text = text.mask((table[DATE_PRECISION] == precision).to_numpy(), dates.dt.strftime(form))
    return text


# A run of 25+ characters without a space in a cell's text (entities count as one character).
_LONG_TOKEN = re.compile(r"(?<=[>\s])(?:&[#\w]+;|[^\s<>&]){25,}")
_PIECE = re.compile(r"&[#\w]+;|[^&]")


def _with_breaks(match: re.Match) -> str:
    """A long token (a URL, a hash, a path) with ``<wbr>`` every 12 characters and after ``/``:
    the browser may wrap it there (a printed table then fits the page), and copying it gives the
    token unchanged."""
    pieces, out = _PIECE.findall(match.group(0)), []
    for i, piece in enumerate(pieces, 1):
        out.append(piece)
        if (i % 12 == 0 or piece == "/") and i < len(pieces):
            out.append("<wbr>")
    return "".join(out)


def _rounded(values: pd.Series, digits: int | None) -> pd.Series:
    """Floats rounded to *digits*; a value below ``10 ** (1 - digits)`` (0.1 for two digits) keeps two
    significant digits as text instead, as rates do (:func:`_rate_text`): an expected count of 0.0016
    reads "0.0016", not "0", and 0.0063 not "0.01"."""
    if digits is None:
        return values + 0.0  # -0.0 (a small negative rounded) reads 0, not "-0"
    rounded = values.round(digits) + 0.0
    lost = (values != 0) & (values.abs() < 10.0 ** (1 - digits)) & values.notna()
    if not lost.any():
        return rounded
    return pd.Series([_small(v) if gone else ("" if np.isnan(r) else _number(r))
                      for v, r, gone in zip(values.to_numpy(dtype=float), rounded.to_numpy(dtype=float), lost)],
                     index=values.index, dtype=object)


def _small(value: float) -> str:
    return np.format_float_positional(value, precision=2, unique=False, fractional=False, trim="-")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1000 else f"{value:,.4g}"


def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, outlets, first and last day, words: one row per measure.

    With a ``date_precision`` column (dates from file names, :mod:`toolkit.load`), a first or
    last date known only to the year reads "1789", and two rows count the articles dated to
    the month or the year only.

    Returns
    -------
    pandas.DataFrame
        Index ``measure``, column ``value`` (formatted strings).
    """
    require_columns(articles, ["outlet", "date", "n_words"], where="corpus_summary")
    dated = articles["date"].dropna()
    # a date known only to the year or month (toolkit.load's date_precision) is shown as what is known
    precision = articles[DATE_PRECISION].astype(str) if DATE_PRECISION in articles else None

    def day(stamp) -> str:
        known = set() if precision is None else set(precision[articles["date"] == stamp])
        if known and known <= set(_KNOWN_DATE):
            return f"{stamp:{_KNOWN_DATE['year' if known == {'year'} else 'month']}}"
        return f"{stamp:%Y-%m-%d}"

    values = {
        "articles": f"{len(articles):,}",
        "outlets": f"{articles['outlet'].nunique():,}",
        "first day": day(dated.min()) if len(dated) else "unknown",
        "last day": day(dated.max()) if len(dated) else "unknown",
        "undated articles": f"{len(articles) - len(dated):,}",
    }
    if precision is not None:
        values["dated to the month only"] = f"{(precision == 'month').sum():,}"
        values["dated to the year only"] = f"{(precision == 'year').sum():,}"
    values |= {
        "words": f"{articles['n_words'].sum():,}",
        "median words per article": f"{articles['n_words'].median():,.0f}" if len(articles) else "0",
    }
    return pd.DataFrame({"value": values}).rename_axis("measure")


def outlet_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, words and first and last day per outlet, largest outlet first.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet``, ``articles``, ``words``, ``median_words``,
        ``first_day``, ``last_day`` (dates; with a ``date_precision`` column,
        text written as far as the date is known: "2013" for a page dated only
        to its year, not "2013-01-01", also in a CSV export).
    """
    require_columns(articles, ["doc_id", "outlet", "date", "n_words"], where="outlet_summary")
    table = (
        articles.groupby("outlet")
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"), median_words=("n_words", "median"),
             first_day=("date", "min"), last_day=("date", "max"))
        .sort_values("articles", ascending=False, kind="stable")
        .reset_index()
    )
    if DATE_PRECISION not in articles.columns:
        return table
    # the first and last date of each outlet as known (a day wins over a year-only date stored as the same day)
    rank = articles[DATE_PRECISION].map({"day": 0, "month": 1, "year": 2}).fillna(3)
    known = articles.assign(_known=dates_as_known(articles), _rank=rank).dropna(subset=[DATE])
    ordered = known.sort_values([DATE, "_rank"], kind="stable")
    first = ordered.drop_duplicates("outlet", keep="first").set_index("outlet")["_known"]
    last = known.sort_values([DATE, "_rank"], ascending=[False, True], kind="stable").drop_duplicates("outlet")
    last = last.set_index("outlet")["_known"]
    return table.assign(first_day=table["outlet"].map(first).fillna("").to_numpy(),
                        last_day=table["outlet"].map(last).fillna("").to_numpy())


def dictionary_summary(frames) -> pd.DataFrame:
    """One row per frame of a dictionary: its label, description and a few patterns.

    Returns
    -------
    pandas.DataFrame
        Index ``frame``; columns ``label``, ``description``, ``n_patterns``,
        ``n_excluded`` (phrases whose hits are dropped) and ``examples``.
    """
    rows = [
        {"frame": frame.id, "label": frame.label, "description": frame.description,
         "n_patterns": len(frame.patterns), "n_excluded": len(frame.exclude),
         "examples": ", ".join(p.pattern for p in frame.patterns[:4])}
        for frame in frames.frames
    ]
    return pd.DataFrame(rows).set_index("frame")


def _rate_text(value: float) -> str:
    """A rate as text: two decimals, or two significant digits below 0.1, so that one mention in a large
    corpus (0.0061 per 1,000 words) never reads as none; exactly zero is "0"."""
    if value == 0:
        return "0"
    if abs(value) >= 0.1:
        return f"{value:.2f}"
    return _small(value)


def _rate_texts(rates: pd.DataFrame) -> list[str]:
    """Each rate with its 95% interval (the table's ``rate_ci_low``, ``rate_ci_high``) as text."""
    columns = rates[["mentions_per_1000_words", "rate_ci_low", "rate_ci_high"]].to_numpy(dtype=float)
    return ["" if np.isnan(value) else f"{_rate_text(value)} ({_rate_text(low)}–{_rate_text(high)})"
            for value, low, high in columns]


def rates_table(rates: pd.DataFrame, *, frames=None) -> pd.DataFrame:
    """A ``frame_rates`` table for reading: rates and shares with their 95% intervals.

    Returns
    -------
    pandas.DataFrame
        The group columns and ``frame`` (labels, in dictionary order) as the
        index; columns ``articles``, ``mentions``, ``mentions per 1,000 words
        (95% CI)`` (the table's exact Poisson interval, ``rate_ci_low`` and
        ``rate_ci_high``, see :func:`toolkit.rates.frame_rates`),
        ``articles mentioning`` and ``share of articles (95% CI)`` (Wilson).
    """
    require_columns(rates, ["frame", "n_articles", "n_mentions", "mentions_per_1000_words", "rate_ci_low",
                            "rate_ci_high", "n_articles_with_mention", "share_with_mention", "share_ci_low", "share_ci_high"],
                    where="rates_table")
    groups = [c for c in rates.columns if not c.startswith(("n_", "share_", "mentions_", "rate_")) and c != "frame"]
    rate = _rate_texts(rates)
    percent = (rates[["share_with_mention", "share_ci_low", "share_ci_high"]] * 100).round()
    share = [f"{p:.0f}% ({lo:.0f}–{hi:.0f}%)" if pd.notna(p) else "" for p, lo, hi in percent.to_numpy()]
    table = pd.DataFrame({
        **{c: rates[c] for c in groups},
        "frame": label_frames(rates["frame"], frames) if frames is not None else rates["frame"],
        "articles": rates["n_articles"],
        "mentions": rates["n_mentions"],
        "mentions per 1,000 words (95% CI)": rate,
        "articles mentioning": rates["n_articles_with_mention"],
        "share of articles (95% CI)": share,
    })
    # groups in name order regardless of case (as outlet_frame_table and the charts), frames in dictionary order
    key = lambda column: column.astype(str).str.casefold() if column.name in groups else column  # noqa: E731
    return table.sort_values([*groups, "frame"], kind="stable", key=key).set_index([*groups, "frame"])


def outlet_frame_table(rates: pd.DataFrame, *, frames=None, by: str = "outlet") -> pd.DataFrame:
    """One row per outlet: its articles and words, then each frame's rate with its 95% interval.

    Parameters
    ----------
    rates : pandas.DataFrame
        ``frame_rates(..., by="outlet")``.
    frames : FrameDictionary, optional
        Frames become columns headed by their labels, in dictionary order.

    Returns
    -------
    pandas.DataFrame
        Index *by* (every outlet, in name order); columns ``articles``,
        ``words`` and one per frame: "mentions per 1,000 words (95% CI)" as
        text, e.g. ``1.23 (0.98–1.52)`` (the table's exact Poisson interval,
        ``rate_ci_low`` and ``rate_ci_high``, Garwood 1936).
    """
    require_columns(rates, [by, "frame", "n_articles", "n_words", "mentions_per_1000_words", "rate_ci_low",
                            "rate_ci_high"], where="outlet_frame_table")
    cells = rates.assign(
        cell=_rate_texts(rates),
        frame=label_frames(rates["frame"], frames) if frames is not None else rates["frame"],
    )
    wide = cells.pivot(index=by, columns="frame", values="cell")
    wide.columns = [str(c) for c in wide.columns]
    sizes = rates.drop_duplicates(by).set_index(by)[["n_articles", "n_words"]]
    table = pd.concat([sizes.rename(columns={"n_articles": "articles", "n_words": "words"}), wide], axis=1)
    return table.sort_index(key=lambda s: s.astype(str).str.casefold())


def voice_table(hits: pd.DataFrame, column: str = "voice", *, frames=None):
    """Hits per frame and value of a voice column (``voice`` or ``distancing``), with totals.

    Hits matched with ``voice=False`` have no voice columns: a note is
    printed instead and None returned (the report shows the note).
    """
    if column not in hits.columns:
        print("Not computed: the hits were matched with voice=False (set voice=True to see in whose voice they stand).")
        return None
    values = hits[column].replace("", "none") if column == "distancing" else hits[column]
    names = label_frames(hits["frame"], frames) if frames is not None else hits["frame"]
    table = pd.crosstab(names, values, margins=True, margins_name="all")
    table.index.name, table.columns.name = "frame", column
    return table


#: How :func:`speaker_table` shows a quoted or attributed hit whose speaker is not named ("officials said").
UNNAMED_SPEAKER = "(unnamed source)"


def speaker_table(hits: pd.DataFrame, *, n: int = 20, frames=None):
    """The speakers most often quoted or cited with framing language: hits per speaker and frame.

    Hits in someone's voice whose speaker is not named ("officials said", "the
    statement read") count as :data:`UNNAMED_SPEAKER`, not as a blank name.
    """
    if "speaker" not in hits.columns:
        print("Not computed: the hits were matched with voice=False.")
        return None
    cited = hits[hits["voice"].isin(["quoted", "attributed"])]  # voice may also be "uncertain"
    frame = label_frames(cited["frame"], frames).astype(str) if frames is not None else cited["frame"]
    speaker = _blank_as(cited["speaker"], UNNAMED_SPEAKER).str.strip().to_numpy()
    speakers = cited.assign(frame=frame, speaker=speaker).groupby(["speaker", "frame"]).size().rename("hits")
    return speakers.sort_values(ascending=False, kind="stable").head(n).to_frame()


def shorten(text: str, width: int, *, keep: str = "start") -> str:
    """*text* on one line, cut to *width* characters with an ellipsis (keeping its start or end)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if keep == "start" else "…" + text[-(width - 1):]


def preview(table: pd.DataFrame, *, n: int = 10, width: int = 60) -> pd.DataFrame:
    """The first *n* rows of *table* with long text cut to *width* characters.

    pandas escapes HTML when it displays the result, so article text shows as
    text. Dates are shown as days, or as far as a ``date_precision`` column
    says they are known ("1956").
    """
    head = _dates_as_known(table.head(n).copy())
    for column in head.columns:
        if pd.api.types.is_datetime64_any_dtype(head[column]):
            head[column] = head[column].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_string_dtype(head[column]) or head[column].dtype.kind == "O":
            head[column] = head[column].map(lambda v: shorten(v, width) if isinstance(v, str) else v)
    return head


def kwic_table(kwic: pd.DataFrame, *, n: int = 20, frames=None, random_state: int = 0) -> EscapedHTML:
    """Keyword-in-context lines as an HTML table, every piece of text escaped.

    The context is shown as the keyword-in-context table holds it (the
    window the notebook asked for, in words), wrapped rather than cut.

    Parameters
    ----------
    kwic : pandas.DataFrame
        A keyword-in-context table (KWIC_COLUMNS).
    n : int
        Lines shown: a random sample of *n* when there are more, in table order.
    frames : FrameDictionary, optional
        Frames are shown by their labels.
    random_state : int
        Seed of the sample.
    """
    require_columns(kwic, ["outlet", "date", "pre", "keyword", "post", "frame"], where="kwic_table")
    total = len(kwic)
    if len(kwic) > n:
        kwic = kwic.sample(n, random_state=random_state).sort_index()
    caption = f"{len(kwic):,} of the {plural(total, 'match', 'matches')}, in context" if len(kwic) else ""
    return EscapedHTML(kwic_html(kwic, frames=frames, caption=caption))


def kwic_html(lines: pd.DataFrame, *, frames=None, caption: str = "") -> str:
    """Every line of a keyword-in-context table as HTML (``table.kwic``), each piece of text escaped.

    The one place KWIC lines become HTML: :func:`kwic_table` (a sample, for
    notebooks) and the explorer's static view (:mod:`toolkit.explore`) both
    call it. Columns ``outlet``, ``date``, ``pre``, ``keyword``, ``post``,
    ``frame``; a ``voice`` column, when there, is shown under the frame; a
    ``date_precision`` column, when there, writes a date as far as it is
    known ("1956", not "1956-01-01").
    *caption* is plain text (escaped).
    """
    labels = frame_labels(frames)
    voices = lines["voice"].fillna("").astype(str) if "voice" in lines.columns else pd.Series("", index=lines.index)
    outlets = outlet_names(lines["outlet"]).to_numpy()
    days = dates_as_known(lines).fillna("").to_numpy()  # a year from a file name reads "1956", not "1956-01-01"
    rows = []
    for row, voice, outlet, day in zip(lines.itertuples(), voices, outlets, days):
        voice = f"<br><small>{html.escape(voice)}</small>" if voice else ""
        rows.append(
            f'<tr><td class="source">{html.escape(outlet)}<br><small>{day}</small></td>'
            f"<td>{html.escape(labels.get(row.frame, str(row.frame)))}{voice}</td>"
            f'<td class="pre">{html.escape(" ".join(str(row.pre).split()))}</td>'
            f'<td class="keyword"><b>{html.escape(str(row.keyword))}</b></td>'
            f'<td class="post">{html.escape(" ".join(str(row.post).split()))}</td></tr>'
        )
    head = "".join(f"<th>{h}</th>" for h in ("source", "frame", "before", "keyword", "after"))
    caption = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="kwic">{caption}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def shareable_paths(paths: pd.Series, root) -> pd.Series:
    """*paths* as a shared report shows them: relative to the corpus *root*, never absolute.

    A path inside the corpus folder is shown from the folder's name on
    (``corpus/2022/a.txt``); the corpus file itself, or any other path, by its
    name (with an archive member's ``!member`` part kept).
    """
    from pathlib import Path

    base = Path(root).parent  # the corpus's own name stays in the shown path

    def shown(value) -> str:
        text = str(value)
        outer, bang, member = text.partition("!")
        path = Path(outer)
        try:
            relative = path.relative_to(base).as_posix()
        except ValueError:
            relative = path.name
        return relative + bang + member

    return paths.map(shown)
