"""Checks of the notebooks' parameters, made before any work, naming the parameter.

A notebook passes its parameters through these functions in the cell after
its parameters cell, so that a bad value stops the run at once with a message
that names the notebook parameter (``kwic_window``), never an internal
argument it is passed on as (``window=-1``).
"""

from __future__ import annotations

import numbers
from pathlib import Path

import pandas as pd
import yaml

from toolkit.errors import ParameterError, require_columns


def require_path(value: str | Path, *, parameter: str) -> Path:
    """*value* as an absolute path; a ParameterError naming *parameter* if nothing is there."""
    path = Path(value).expanduser().resolve()
    if not str(value) or not path.exists():
        raise ParameterError(f"{parameter}: no such file or folder: {path}")
    return path


def require_whole_number(value, *, parameter: str, minimum: int = 1, maximum: int | None = None) -> int:
    """*value* if it is a whole number in [minimum, maximum]; else a ParameterError naming *parameter*.

    The one whole-number check of the toolkit: every function that takes a
    count, a size or a window calls it. Python and numpy integers pass
    (returned as ``int``); ``True``/``False``, floats (``2.0`` too) and text
    do not.

    Examples
    --------
    >>> require_whole_number(20, parameter="top_n")
    20
    >>> require_whole_number(-3, parameter="top_n")
    Traceback (most recent call last):
    ...
    toolkit.errors.ParameterError: top_n: expected a whole number of at least 1, got -3
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ParameterError(f"{parameter}: expected a whole number, got {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        wanted = f"of at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
        raise ParameterError(f"{parameter}: expected a whole number {wanted}, got {value!r}")
    return int(value)


def parse_outlet_pair(value: str, *, parameter: str = "compare_outlets") -> tuple[str, str] | None:
    """``"TASS,BBC"`` as ``("TASS", "BBC")``; "" as None; anything else a ParameterError."""
    if not value.strip():
        return None
    names = [name.strip() for name in value.split(",")]
    if len(names) != 2 or not all(names) or names[0].casefold() == names[1].casefold():
        raise ParameterError(f"{parameter}: expected two different outlets separated by a comma "
                             f"(\"TASS,BBC\"), got {value!r}")
    return names[0], names[1]


def events_path_for(events_path: str, frames_path: str | Path | None = None) -> Path | None:
    """The events file a report draws: the one given, else the one the dictionary names, else none.

    Parameters
    ----------
    events_path : str
        The notebook parameter: a CSV of dated events; "" for the file the
        frame dictionary names under ``events:`` (a path relative to the
        dictionary's YAML), if any; "none" for no events at all.
    frames_path : path, optional
        The frame dictionary's YAML file.

    Returns
    -------
    pathlib.Path or None
        No events are drawn by default unless the dictionary names them: the
        events of one story never appear under another dictionary's figures.
    """
    if events_path.strip().lower() == "none":
        return None
    if events_path.strip():
        return require_path(events_path, parameter="events_path")
    if not frames_path:
        return None
    frames_file = Path(frames_path)
    spec = yaml.safe_load(frames_file.read_text(encoding="utf-8")) if frames_file.is_file() else None
    named = spec.get("events") if isinstance(spec, dict) else None
    if not named:
        return None
    path = (frames_file.parent / str(named)).resolve()
    if not path.is_file():
        raise ParameterError(f"frames_path: the dictionary {frames_file.name} names the events file "
                             f"{named!r}, which is not there (set events_path, or \"none\")")
    return path


def _day(value: str, parameter: str) -> pd.Timestamp | None:
    if not value:
        return None
    try:
        return pd.Timestamp(value).normalize()
    except ValueError:
        raise ParameterError(f"{parameter}: not a date (YYYY-MM-DD): {value!r}") from None


def _text(day) -> str:
    return "unknown" if pd.isna(day) else f"{day:%Y-%m-%d}"


def select_articles(
    articles: pd.DataFrame, *, start_date: str = "", end_date: str = "", outlets: str = ""
) -> pd.DataFrame:
    """The articles within a date range and from some outlets, as a new DataFrame.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (columns ``date``, ``outlet``).
    start_date, end_date : str
        First and last day kept (``YYYY-MM-DD``, both inclusive); "" for no
        limit. Articles without a date are dropped when either is set.
    outlets : str
        Comma-separated outlet names to keep (case-insensitive); "" keeps all.

    Raises
    ------
    ParameterError
        A date that does not parse, or a filter that leaves no article (the
        message names the parameter(s) responsible).
    """
    require_columns(articles, ["date", "outlet"], where="select_articles")
    keep = pd.Series(True, index=articles.index)
    start, end = _day(start_date, "start_date"), _day(end_date, "end_date")
    if start is not None:
        keep &= articles["date"] >= start
    if end is not None:
        keep &= articles["date"] < end + pd.Timedelta(days=1)
    if (start is not None or end is not None) and not keep.any():
        raise ParameterError(
            f"start_date/end_date: no article between {start_date or 'the start'} and "
            f"{end_date or 'the end'}; the articles run from {_text(articles['date'].min())} "
            f"to {_text(articles['date'].max())}"
        )
    wanted = {o.strip().casefold() for o in outlets.split(",") if o.strip()}
    if wanted:
        keep &= articles["outlet"].str.casefold().isin(wanted)
        if not keep.any():
            available = ", ".join(sorted(articles["outlet"].dropna().unique())[:20])
            raise ParameterError(
                f"outlets: no article from {outlets!r} in the selection; outlets are: {available}"
            )
    return articles.loc[keep].copy()
