"""Keyword-in-context lines: sort them as AntConc does, build them from hits.

Sorting (AntConc's "KWIC sort")
-------------------------------
A sort level names one word position around the keyword: ``R1`` is the first
word to the right of the keyword, ``R2`` the second, ... ``R5``; ``L1`` is the
word to the left *nearest* the keyword, ``L2`` the one before it, ... ``L5``;
``KW`` is the keyword itself (AntConc's level 0). Sorting by a list of levels
sorts by the first, ties by the second, and so on; AntConc offers three levels,
any number works here. As in AntConc (Anthony 2022, AntConc 4 manual, "KWIC
tool") and its default "ignore case" setting:

- words are runs of letters and digits: punctuation is not a word, so in
  ``post = ", said Wang"`` the R1 word is "said"; an apostrophe splits
  ("Kazakhstan's" is "Kazakhstan", "s");
- words compare case-insensitively (Unicode case folding), in code-point order;
- a line with no word at a level (the context ends first) sorts before every
  line that has one;
- lines equal on every level keep their order in the input (a stable sort).

Anthony, L. (2022). AntConc (Version 4.x) [Computer software]. Tokyo, Japan:
Waseda University. https://www.laurenceanthony.net/software/antconc/
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.errors import ParameterError, require_columns
from toolkit.schema import DATE, DATE_PRECISION, DOC_ID, KWIC_COLUMNS, OUTLET, TEXT, TITLE

#: The sort levels :func:`sort_kwic` accepts.
SORT_LEVELS: tuple[str, ...] = ("KW",) + tuple(f"R{i}" for i in range(1, 6)) + tuple(f"L{i}" for i in range(1, 6))

_WORD = re.compile(r"[^\W_]+")


#: The articles' columns a keyword-in-context line takes (the others are never read for lines);
#: ``date_precision`` only when the articles have it (some date known only to the month or year).
LINE_ARTICLE_COLUMNS = (DOC_ID, TEXT, OUTLET, DATE, DATE_PRECISION, TITLE)
#: The columns of a hits table that no line carries (:func:`kwic_from_hits` reads the others).
HIT_COLUMNS_NOT_IN_LINES = ("matched_text", "sentence", "sentence_start")


def check_window(window) -> int:
    """*window* when it is a whole number of words >= 0; :class:`ParameterError` naming it otherwise."""
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise ParameterError(f"window={window!r}: expected a whole number of words >= 0")
    return window


def check_sort_levels(by, *, parameter: str = "by") -> list[str]:
    """The sort levels of *by* (a level or a list of levels), upper-cased, or ParameterError."""
    levels = [by] if isinstance(by, str) else by
    if not isinstance(levels, Sequence) or isinstance(levels, str) or not levels:
        raise ParameterError(f"{parameter}={by!r}: expected a sort level such as 'R1' or a list of them ({', '.join(SORT_LEVELS)})")
    out = []
    for level in levels:
        name = level.strip().upper() if isinstance(level, str) else level
        if name not in SORT_LEVELS:
            raise ParameterError(f"{parameter}={by!r}: {level!r} is not a sort level; use one of {', '.join(SORT_LEVELS)}")
        out.append(name)
    return out


def level_words(kwic: pd.DataFrame, level: str, *, cache: dict | None = None) -> list[str]:
    """The case-folded word of every line at one sort level ("" where there is none).

    *cache* (a dict) keeps the lines' word lists between calls for other levels.
    """
    cache = {} if cache is None else cache
    if level == "KW":
        return [" ".join(_WORD.findall(str(k).casefold())) for k in kwic["keyword"].tolist()]
    side, k = level[0], int(level[1:])
    column = "post" if side == "R" else "pre"
    if column not in cache:
        cache[column] = [_WORD.findall(c.casefold()) if isinstance(c, str) else [] for c in kwic[column].tolist()]
    if side == "R":
        return [found[k - 1] if len(found) >= k else "" for found in cache[column]]
    return [found[-k] if len(found) >= k else "" for found in cache[column]]


def level_codes(kwic: pd.DataFrame, level: str, *, cache: dict | None = None) -> np.ndarray:
    """Integer codes whose order is the sort order of one level (for ``np.lexsort``)."""
    codes, _ = pd.factorize(np.array(level_words(kwic, level, cache=cache), dtype=object), sort=True)
    return codes.astype(np.int64, copy=False)


def sort_order(kwic: pd.DataFrame, by="R1", *, codes: dict | None = None) -> np.ndarray:
    """Row positions of *kwic* in sorted order (see the module docstring).

    *codes* may hold precomputed :func:`level_codes` per level (a cache, filled
    in place). A side's words are split once and all five levels of that side
    coded at once; only the integer codes are kept (lists of words for 100,000
    lines would be millions of objects for the garbage collector to walk).
    """
    levels = check_sort_levels(by)
    codes = {} if codes is None else codes
    for level in levels:
        if level not in codes:
            words: dict = {}
            same_side = [level] if level == "KW" else [f"{level[0]}{i}" for i in range(1, 6)]
            for name in same_side:
                codes[name] = level_codes(kwic, name, cache=words)
    keys = [np.arange(len(kwic))] + [codes[level] for level in reversed(levels)]
    return np.lexsort(keys)  # the last key is the primary one; the row position breaks ties


def sort_kwic(kwic: pd.DataFrame, *, by="R1") -> pd.DataFrame:
    """Sort keyword-in-context lines as AntConc does.

    Parameters
    ----------
    kwic : pandas.DataFrame
        A keyword-in-context table with ``pre``, ``keyword`` and ``post``
        (as returned by :func:`toolkit.keyword_in_context`).
    by : str or list of str, default "R1"
        A sort level (``"R1"`` to ``"R5"``, ``"L1"`` to ``"L5"``, ``"KW"``)
        or a list of levels, the first one primary. Case does not matter.

    Returns
    -------
    pandas.DataFrame
        The same lines and columns, sorted (rules in the module docstring),
        with a new 0..n-1 index. The input is not changed.

    Examples
    --------
    >>> sort_kwic(kwic, by=["L1", "R1"])  # doctest: +SKIP
    """
    if not isinstance(kwic, pd.DataFrame):
        raise ParameterError(f"sort_kwic: kwic must be a pandas DataFrame, got {type(kwic).__name__}")
    levels = check_sort_levels(by)
    require_columns(kwic, ["pre", "keyword", "post"], where="sort_kwic")
    return kwic.iloc[sort_order(kwic, levels)].reset_index(drop=True)


def words_before(text: str, start: int, window: int) -> str:
    """The last *window* whitespace-separated words of ``text[:start]``, joined by one space."""
    if window == 0:
        return ""
    low = max(0, start - 40 * window)  # a cheap slice first; the whole prefix for long words
    words = text[low:start].split()
    if low > 0 and len(words) <= window:
        words = text[:start].split()
    return " ".join(words[-window:])


def words_after(text: str, end: int, window: int) -> str:
    """The first *window* whitespace-separated words of ``text[end:]``, joined by one space."""
    if window == 0:
        return ""
    high = end + 40 * window
    words = text[end:high].split()
    if high < len(text) and len(words) <= window:
        words = text[end:].split()
    return " ".join(words[:window])


def kwic_lines(articles: pd.DataFrame, rows, starts, ends, *, frame, pattern, window: int = 10,
               extra: dict | None = None) -> pd.DataFrame:
    """Keyword-in-context lines of hits given by position: where every KWIC line is built.

    :func:`kwic_from_hits` and :func:`toolkit.keyword_in_context` both end here.

    Parameters
    ----------
    articles : pandas.DataFrame
        ``doc_id`` and ``text``; ``outlet``, ``date`` and ``title`` are copied
        (with their dtypes) when present, empty otherwise; ``date_precision``
        is copied when present (:func:`toolkit.load_articles` adds it when some
        date is known only to the month or year), so that a line of a speech
        dated 1956 by its file name does not read as 1 January 1956.
    rows : array of int
        Each hit's article, as a row position in *articles*.
    starts, ends : array of int
        Each hit's character offsets in its article's text.
    frame, pattern : sequence of str
        Each hit's frame id and dictionary pattern.
    window : int
        Words of context on each side.
    extra : dict, optional
        Further columns (name -> one value per hit) appended after the KWIC columns.

    Returns
    -------
    pandas.DataFrame
        :data:`~toolkit.schema.KWIC_COLUMNS` (``keyword`` is ``text[start:end]``)
        with ``date_precision`` after ``date`` when *articles* have it, then
        *extra*; one line per hit, in the given order, index 0..n-1.
    """
    rows = np.asarray(rows, dtype=np.int64)
    unique = np.unique(rows)
    texts = dict(zip(unique.tolist(), articles[TEXT].iloc[unique].tolist()))  # only the texts with hits
    pre, keyword, post = [], [], []
    for r, s, e in zip(rows.tolist(), np.asarray(starts).tolist(), np.asarray(ends).tolist()):
        text = texts[r] if isinstance(texts[r], str) else ""
        pre.append(words_before(text, s, window))
        keyword.append(text[s:e])
        post.append(words_after(text, e, window))
    columns = {}
    for column in (DOC_ID, OUTLET, DATE, TITLE):
        if column in articles.columns:
            columns[column] = articles[column].iloc[rows].reset_index(drop=True)
        elif column == DATE:
            columns[column] = pd.Series(np.full(len(rows), np.datetime64("NaT", "ns")))
        else:
            columns[column] = pd.Series([""] * len(rows), dtype="str")
    columns.update(pre=pd.Series(pre, dtype="str"), keyword=pd.Series(keyword, dtype="str"),
                   post=pd.Series(post, dtype="str"), frame=pd.Series(list(frame), dtype="str"),
                   pattern=pd.Series(list(pattern), dtype="str"), start=np.asarray(starts, dtype=np.int64),
                   end=np.asarray(ends, dtype=np.int64))
    order = list(KWIC_COLUMNS)
    if DATE_PRECISION in articles.columns:  # the date as far as it is known, beside it (also in a CSV export)
        columns[DATE_PRECISION] = articles[DATE_PRECISION].iloc[rows].reset_index(drop=True)
        order.insert(order.index(DATE) + 1, DATE_PRECISION)
    lines = pd.DataFrame(columns, columns=order)
    for name, values in (extra or {}).items():
        lines[name] = np.asarray(values)
    return lines


def kwic_from_hits(articles: pd.DataFrame, hits: pd.DataFrame, *, window: int = 10) -> pd.DataFrame:
    """Keyword-in-context lines for a hits table, keeping its voice columns.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles the hits were found in (``doc_id``, ``text``; ``outlet``,
        ``date`` and ``title`` are copied when present).
    hits : pandas.DataFrame
        Output of :func:`toolkit.match_frames` (``doc_id, frame, pattern,
        start, end``; voice columns are kept when present).
    window : int, default 10
        Words of context on each side (whitespace-separated tokens, as in
        :func:`toolkit.keyword_in_context`).

    Returns
    -------
    pandas.DataFrame
        :data:`~toolkit.schema.KWIC_COLUMNS` (with ``date_precision`` after
        ``date`` when *articles* have it), then ``in_quotes, speaker,
        voice, distancing`` when *hits* has them; one line per hit, in the
        order of *hits*, with a new 0..n-1 index. Built as
        :func:`toolkit.keyword_in_context` builds its lines, so the two agree
        line for line on the same hits.
    """
    require_columns(articles, [DOC_ID, TEXT], where="kwic_from_hits(articles)")
    require_columns(hits, [DOC_ID, "frame", "pattern", "start", "end"], where="kwic_from_hits(hits)")
    check_window(window)
    first = ~articles[DOC_ID].duplicated()
    row_of = pd.Series(np.arange(len(articles))[first.to_numpy()], index=articles[DOC_ID][first].to_numpy())
    rows = hits[DOC_ID].map(row_of)
    if rows.isna().any():
        missing = hits[DOC_ID][rows.isna()].iloc[0]
        raise ParameterError(f"hits: doc_id {missing!r} is not in articles; pass the articles the hits came from")
    extra = {c: hits[c].to_numpy() for c in ("in_quotes", "speaker", "voice", "distancing") if c in hits.columns}
    return kwic_lines(articles, rows.to_numpy(dtype=np.int64), hits["start"].to_numpy(), hits["end"].to_numpy(),
                      frame=hits["frame"].tolist(), pattern=hits["pattern"].tolist(), window=window, extra=extra)
