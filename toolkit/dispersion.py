"""Where in the articles each frame occurs: an x-ray (lexical dispersion) plot.

Modelled on quanteda's ``textplot_xray`` (Benoit et al. 2018), which draws one
tick per occurrence at its position in each document. Here the position is
relative, ``start / len(text)`` (0 = the first character, 1 = the end), so
articles of different lengths share one axis, and rows can be articles or
groups of them (every article of an outlet on one row). Each frame has its own
colour and its own lane within a row, so frames do not hide each other.

Benoit, K., Watanabe, K., Wang, H., Nulty, P., Obeng, A., Müller, S. and
Matsuo, A. (2018). quanteda: An R package for the quantitative analysis of
textual data. Journal of Open Source Software 3(30), 774.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.errors import ParameterError, require_columns
from toolkit.highlight import frame_colours, frame_labels
from toolkit.schema import DOC_ID, TEXT, TITLE

_MAX_ROWS = 60
#: The column that may stand for ``text`` in :func:`dispersion_table`: the text's length in characters.
N_CHARS = "n_chars"


def dispersion_table(articles: pd.DataFrame, hits: pd.DataFrame, *, by: str | None = "outlet") -> pd.DataFrame:
    """The points of :func:`plot_dispersion`: one row per hit.

    Returns
    -------
    pandas.DataFrame
        ``row`` (the group: *by*'s value, or the article's ``doc_id`` when
        *by* is None), ``doc_id``, ``frame``, ``position`` (``start /
        len(text)``, in [0, 1]); hits whose ``doc_id`` is not in *articles*
        are left out. Articles without ``text`` may give its length in
        characters as ``n_chars`` (what a corpus out of memory provides).
    """
    require_columns(articles, [DOC_ID, TEXT if TEXT in articles.columns or N_CHARS not in articles.columns else N_CHARS],
                    where="plot_dispersion(articles)")
    require_columns(hits, [DOC_ID, "frame", "start"], where="plot_dispersion(hits)")
    if by is not None and (not isinstance(by, str) or by not in articles.columns):
        raise ParameterError(f"by={by!r}: expected None or a column of articles ({', '.join(map(str, articles.columns))})")
    first = articles.drop_duplicates(DOC_ID)
    lengths = first[TEXT].fillna("").str.len().to_numpy() if TEXT in first.columns else first[N_CHARS].to_numpy()
    groups = first[by if by is not None else DOC_ID].astype(str).to_numpy()
    # each hit's article, by one hash lookup (isin and map on Arrow-backed text made a Python string per value)
    article = pd.Index(first[DOC_ID].to_numpy()).get_indexer(hits[DOC_ID].to_numpy())
    found = article >= 0
    kept, article = hits[found], article[found]
    length = np.asarray(lengths, dtype=float)[article]
    position = np.clip(kept["start"].to_numpy(dtype=float) / np.maximum(length, 1.0), 0.0, 1.0)
    return pd.DataFrame({"row": groups[article], DOC_ID: kept[DOC_ID].to_numpy(),
                         "frame": kept["frame"].astype(str).to_numpy(), "position": position})


def plot_dispersion(articles: pd.DataFrame, hits: pd.DataFrame, *, by: str | None = "outlet", frames=None, ax=None):
    """Draw where in each article (or each outlet's articles) every frame occurs.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text`` (and the *by* column).
    hits : pandas.DataFrame
        Output of :func:`toolkit.match_frames` (``doc_id, frame, start``).
    by : str or None, default "outlet"
        A column of *articles* whose values are the rows (all articles of an
        outlet on one row), or None for one row per article (labelled by its
        title, or ``doc_id``). At most 60 rows: select articles first.
    frames : FrameDictionary or path, optional
        For the frames' labels and order in the legend (default: frame ids in
        order of appearance).
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure sized to the rows).

    Returns
    -------
    matplotlib.axes.Axes
        x: relative position in the article (0 = start, 1 = end); one row per
        group, one lane and colour per frame; one tick per hit.
    """
    import matplotlib.pyplot as plt


    points = dispersion_table(articles, hits, by=by)
    labels = frame_labels(frames)
    frame_ids = list(labels) if labels else list(dict.fromkeys(points["frame"]))
    drawn = set(points["frame"].unique().tolist())
    frame_ids = [f for f in frame_ids if f in drawn] or frame_ids
    rows = sorted(points["row"].unique().tolist())
    if len(rows) > _MAX_ROWS:
        raise ParameterError(f"plot_dispersion: {len(rows)} rows (by={by!r}); at most {_MAX_ROWS}, so select articles or group them")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.0 + 0.45 * max(len(rows), 1) * max(1, len(frame_ids)) ** 0.5))
    colours = frame_colours(labels or frame_ids)
    lane = 0.8 / max(len(frame_ids), 1)
    row_number = pd.Series(np.arange(len(rows), dtype=float), index=rows)
    for k, frame in enumerate(frame_ids):
        these = points[points["frame"] == frame]
        y = these["row"].map(row_number).to_numpy(dtype=float) - 0.4 + lane * (k + 0.5)
        ax.scatter(these["position"], y, marker="|", s=90 * max(lane / 0.8, 0.15) ** 0.5 * 3, linewidths=1.6,
                   color=_darker(colours.get(frame, "#999999")), label=labels.get(frame, frame))
    if by is None and TITLE in articles.columns:
        titles = articles.drop_duplicates(DOC_ID).set_index(DOC_ID)[TITLE].astype(str)
        names = [_short(titles.get(r, r)) or r for r in rows]
    else:
        names = [_short(r) for r in rows]
    ax.set_yticks(range(len(rows)), names)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (share of its length: 0 = start, 1 = end)")
    ax.set_ylabel(by if by is not None else "article")
    ax.set_title("Where the frames occur (one tick per hit)")
    for y in np.arange(len(rows) - 1) + 0.5:
        ax.axhline(y, color="#dddddd", linewidth=0.8)
    if frame_ids:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    return ax


def _short(text, width: int = 40) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _darker(colour: str) -> str:
    """A darker shade of a light palette colour, so thin ticks stay visible."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.55) for c in (r, g, b)))
