"""One article as HTML, with its hits highlighted: for JupyterLab and the static reports.

The HTML holds no script and no external resource, only inline styles, so it
renders unchanged inside the reports' Content-Security-Policy
(``default-src 'none'; style-src 'unsafe-inline'``). Every piece of article
text is escaped. Each hit is a ``<mark>`` whose ``title`` (shown on hover)
gives the frame's label, the voice and the speaker.

Overlapping hits
----------------
Frames count independently, so hits of two frames may overlap ("hostile
external forces" can hold a hit of one frame and, inside it, one of another).
The text is cut at every hit's start and end; each piece covered by hits is
one ``<mark>`` listing all the hits covering it (its ``title`` has one line per
hit, its ``data-frames`` their frame ids). A piece covered by one frame takes
that frame's colour; a piece covered by several gets stripes of their colours
and a dark underline, so an overlap is visible without hovering.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.display import frame_labels as display_frame_labels
from toolkit.errors import ParameterError, require_columns
from toolkit.frames import FrameDictionary, load_frames
from toolkit.schema import DATE, DOC_ID, OUTLET, TEXT, TITLE

#: Background colours of the frames, in order of first appearance (colour-blind
#: safe light tints: Okabe & Ito 2008 hues, lightened).
PALETTE: tuple[str, ...] = (
    "#ffe08a", "#a8d8f0", "#f7b7a3", "#b5e3c8", "#d7c0ea", "#f5c6dd", "#c9d99a", "#e6cfa8", "#b8c7e8", "#f0d0a0",
)


@dataclass(frozen=True)
class HighlightedArticle:
    """An article rendered as HTML; displays itself in JupyterLab and in reports.

    Attributes
    ----------
    doc_id : str
    html : str
        The markup (a ``<div class="toolkit-article">``).
    n_hits : int
        Hits shown.
    """

    doc_id: str
    html: str
    n_hits: int

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def as_dictionary(frames) -> FrameDictionary | None:
    """*frames* as a FrameDictionary: loaded when it is a path; None stays None."""
    if frames is None or isinstance(frames, FrameDictionary):
        return frames
    try:
        return load_frames(frames)
    except TypeError:
        raise ParameterError(f"frames: expected a FrameDictionary or the path of a YAML dictionary, got {type(frames).__name__}") from None


def frame_labels(frames) -> dict[str, str]:
    """{frame id: label} of a dictionary (or its path); {} for None."""
    return display_frame_labels(as_dictionary(frames))


def frame_colours(frame_ids) -> dict[str, str]:
    """A colour for each frame id, in order of first appearance (cycling through :data:`PALETTE`)."""
    unique = list(dict.fromkeys(str(f) for f in frame_ids))
    return {f: PALETTE[i % len(PALETTE)] for i, f in enumerate(unique)}


def _hover(hit, labels: dict[str, str]) -> str:
    frame = str(hit["frame"])
    parts = [labels.get(frame, frame)]
    voice = hit.get("voice")
    if isinstance(voice, str) and voice:
        parts.append(f"voice: {voice}")
    speaker = hit.get("speaker")
    if isinstance(speaker, str) and speaker:
        parts.append(f"speaker: {speaker}")
    distancing = hit.get("distancing")
    if isinstance(distancing, str) and distancing:
        parts.append(f"distancing: {distancing}")
    parts.append(f"pattern: {hit['pattern']}" if "pattern" in hit else "")
    return " | ".join(p for p in parts if p)


def _pieces(text: str, spans: list[tuple[int, int, int]], *, cut: int = 0):
    """Cut *text* at every span edge (and at *cut*): (start, end, indices of the spans covering the piece)."""
    edges = sorted({0, cut, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    for a, b in zip(edges, edges[1:]):
        if a < b:
            yield a, b, [i for s, e, i in spans if s <= a and b <= e]


def highlight(articles: pd.DataFrame, hits: pd.DataFrame, doc_id, *, frames=None, focus: tuple[int, int] | None = None) -> HighlightedArticle:
    """Render one article as HTML with each hit in a ``<mark>``.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text``; ``title``, ``outlet`` and ``date`` are
        shown when present.
    hits : pandas.DataFrame
        Output of :func:`toolkit.match_frames` (``doc_id, frame, start, end``;
        ``pattern`` and the voice columns ``voice, speaker, distancing`` are
        shown on hover when present). Hits of other articles are ignored.
    doc_id : str
        The article to show (the first one when several share the id).
    frames : FrameDictionary or path, optional
        The dictionary, for the frames' labels (default: frame ids).
    focus : (start, end), optional
        A hit to outline (the KWIC line the reader clicked); it gets
        ``id="focus"``, and the paragraphs before the one holding it are
        folded into a closed ``<details>`` (click to open; no script), so the
        hit shows at the top of the text.

    Returns
    -------
    HighlightedArticle
        ``.html`` holds the markup; displayed in a notebook it renders.
        Rules for overlapping hits in the module docstring.
    """
    require_columns(articles, [DOC_ID, TEXT], where="highlight(articles)")
    require_columns(hits, [DOC_ID, "frame", "start", "end"], where="highlight(hits)")
    found = np.flatnonzero((articles[DOC_ID] == doc_id).to_numpy())
    if len(found) == 0:
        raise ParameterError(f"doc_id={doc_id!r} is not in articles")
    article = articles.iloc[found[0]]
    text = article[TEXT] if isinstance(article[TEXT], str) else ""
    labels = frame_labels(frames)
    own = hits[hits[DOC_ID] == doc_id]
    own = own[(own["start"] >= 0) & (own["end"] <= len(text)) & (own["start"] < own["end"])]
    records = own.to_dict("records")
    colours = frame_colours(pd.unique(hits["frame"]) if frames is None else list(labels))
    spans = [(int(h["start"]), int(h["end"]), i) for i, h in enumerate(records)]
    fold = text.rfind("\n", 0, int(focus[0])) + 1 if focus is not None else 0  # start of the focus paragraph
    out, focus_given, folded = [], False, None
    for a, b, covering in _pieces(text, spans, cut=fold):
        if fold and a == fold and folded is None:
            folded = len(out)
        piece = html.escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        frame_ids = list(dict.fromkeys(str(records[i]["frame"]) for i in covering))
        hover = "\n".join(_hover(records[i], labels) for i in covering)
        if len(frame_ids) == 1:
            style = f"background:{colours.get(frame_ids[0], PALETTE[0])}"
        else:
            step = 100 / len(frame_ids)
            stops = ", ".join(f"{colours.get(f, PALETTE[0])} {k * step:.0f}% {(k + 1) * step:.0f}%" for k, f in enumerate(frame_ids))
            style = f"background:linear-gradient(180deg, {stops}); border-bottom:2px solid #333"
        focused = focus is not None and any((int(records[i]["start"]), int(records[i]["end"])) == tuple(focus) for i in covering)
        extra = ' id="focus"' if focused and not focus_given else ""
        focus_given = focus_given or focused
        style += "; outline:2px solid #c00" if focused else ""
        out.append(
            f'<mark{extra} class="toolkit-hit" data-frames="{html.escape(" ".join(frame_ids))}" '
            f'title="{html.escape(hover)}" style="{style}; padding:0 1px; border-radius:2px">{piece}</mark>'
        )
    if folded:
        n = sum(1 for line in text[:fold].split("\n") if line.strip())  # paragraphs, not blank lines
        before = "".join(out[:folded]).rstrip("\n")
        out = [f'<details class="toolkit-before"><summary style="color:#555; cursor:pointer">{n} earlier '
               f'paragraph{"s" if n != 1 else ""}</summary>{before}</details>'] + out[folded:]
    return HighlightedArticle(str(doc_id), _frame_html(article, labels, colours, own, "".join(out)), len(records))


def _frame_html(article, labels, colours, own, body: str) -> str:
    title = html.escape(str(article.get(TITLE, "") or "")) or "(untitled)"
    outlet = html.escape(str(article.get(OUTLET, "") or ""))
    date = article.get(DATE)
    day = pd.Timestamp(date).strftime("%Y-%m-%d") if date is not None and pd.notna(date) else "date unknown"
    counts = own["frame"].astype(str).value_counts(sort=False)
    legend = " ".join(
        f'<span style="background:{colours.get(f, PALETTE[0])}; padding:0 4px; border-radius:2px">'
        f"{html.escape(labels.get(f, f))} ({n})</span>"
        for f, n in counts.items()
    ) or "<em>no hits</em>"
    return (
        '<div class="toolkit-article" style="max-width:60em">'
        f'<h4 style="margin:0.2em 0">{title}</h4>'
        f'<div style="color:#555; font-size:90%">{outlet} · {day} · {html.escape(str(article[DOC_ID]))}</div>'
        f'<div style="margin:0.4em 0; font-size:90%">{legend}</div>'
        f'<div style="white-space:pre-wrap; line-height:1.5">{body}</div>'
        "</div>"
    )
