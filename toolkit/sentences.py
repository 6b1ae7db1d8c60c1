"""Sentence and paragraph spans, offline and deterministic.

A small rule-based splitter (no NLTK data needed): a sentence ends at ``.``,
``!``, ``?``, optionally followed by closing quotes or brackets, when
whitespace and an upper-case letter or digit follow (after up to two opening
quotes or brackets: '"[Everything] is fine"') and the
word before the stop is not a known abbreviation ("Jan.", "Mr.", "U.S.") or a
single initial; the CJK ``。！？`` (with any closing quotes or brackets) end a
sentence whatever follows, an opening quote included ("王毅说，……。“..."). A line break always ends a
sentence: scraped pages put one paragraph per line.
"""

from __future__ import annotations

import bisect
import re

#: Words that end in a full stop without ending a sentence (compared lower-case).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep pres st jr sr
    maj brig amb rev supt insp cpl pvt atty det messrs hon
    no nos vol pp inc ltd co corp bros dept univ est approx vs etc al cf fig
    jan feb mar apr jun jul aug sep sept oct nov dec
    e.g i.e u.s u.k u.n u.s.a a.m p.m
    """.split()
)

_STOP = re.compile(
    r"""(?P<stop>[.!?]+)                    # the stop itself
        (?P<close>["'”’»)\]]*)              # closing quotes or brackets
        (?=\s+["'“‘«(\[]{0,2}[A-Z0-9\u00C0-\u024F\u0400-\u04FF]|[\u3000-\u9fff]|$)
    |   [。！？]+["'”’»)\]」』）]*          # CJK stops end a sentence whatever follows ("。“...")""",
    re.X,
)
# Every match of _STOP starts with one of these: finding them first and trying _STOP only there finds
# the same stops three times faster than _STOP.finditer (whose two branches re cannot scan for fast).
_STOP_CHAR = re.compile("[.!?。！？]")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, stop_start: int, line_start: int = 0) -> bool:
    match = _WORD_BEFORE.search(text, max(line_start, stop_start - 20), stop_start)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _line_spans(text: str, start: int = 0, end: int | None = None):
    """Yield (start, end) of each non-blank line of text[start:end], trimmed."""
    end = len(text) if end is None else end
    for match in re.finditer(r"[^\n]+", text[start:end]):
        s, e = match.span()
        stripped = match.group()
        left = len(stripped) - len(stripped.lstrip())
        right = len(stripped.rstrip())
        if right > left:
            yield start + s + left, start + s + right


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each paragraph (non-blank line) of *text*."""
    return list(_line_spans(text))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) character offsets of each sentence of *text*, or of ``text[start:end]``.

    Offsets index into *text* itself; leading and trailing whitespace is not
    part of a sentence. Every non-blank character belongs to exactly one span.
    ``sentence_spans(text, start, end)`` gives the spans of
    ``sentence_spans(text[start:end])`` moved by *start*, without copying.

    Examples
    --------
    >>> text = "Wang said on Jan. 10 it was over. Lavrov agreed."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Wang said on Jan. 10 it was over.', 'Lavrov agreed.']
    """
    return list(iter_sentence_spans(text, start, end))


def iter_sentence_spans(text: str, start: int = 0, end: int | None = None):
    """Yield the spans of :func:`sentence_spans`, in order, one at a time (to stop when the one wanted is found)."""
    end = len(text) if end is None else end
    if start < end and text.find("\n", start, end) < 0 and not text[start].isspace() and not text[end - 1].isspace():
        yield from _line_sentences(text, start, end)  # one trimmed line: a paragraph of the voice rules
        return
    for line in _line_spans(text, start, end):
        yield from _line_sentences(text, *line)


def sentence_around(text: str, start: int, end: int, *, lines: dict | None = None) -> tuple[int, int]:
    """(start, end) from the start of the sentence holding *start* to the end of the one holding ``end - 1``.

    The span reaches *end* at least; a hit across a line break spans the
    sentences of both lines. Only the hit's lines are split, and only up to
    the hit (sentences never cross a line break): the same spans as
    splitting the whole text. *lines*, a dict kept between calls on the same
    *text*, keeps each line's sentences found so far, so that the hits of one
    line split it once.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    key = (line_start, line_end)
    if lines is None or key not in lines:
        entry = ([], [], iter_sentence_spans(text, line_start, line_end))  # (starts, spans, the rest)
        if lines is not None:
            lines[key] = entry
    else:
        entry = lines[key]
    starts, spans, rest = entry
    while not spans or starts[-1] <= max(start, end - 1):  # split on to the first sentence after the hit
        span = next(rest, None)
        if span is None:
            break
        starts.append(span[0])
        spans.append(span)
    if not spans:
        return start, end
    first = spans[max(bisect.bisect_right(starts, start) - 1, 0)]
    last = spans[max(bisect.bisect_right(starts, end - 1) - 1, 0)]
    return first[0], max(last[1], end)


def _line_sentences(text: str, line_start: int, line_end: int):
    """Yield (start, end) of each sentence of the line text[line_start:line_end] (trimmed, without line breaks)."""
    sentence_start = scanned = line_start
    for char in _STOP_CHAR.finditer(text, line_start, line_end):
        if char.start() < scanned:
            continue  # inside the last stop ("?!", "...")
        match = _STOP.match(text, char.start(), line_end)
        if match is None:
            continue
        scanned = match.end()
        if match.group("stop") == "." and _is_abbreviation(text, match.start(), line_start):
            continue
        stop_end = match.end()
        if stop_end > sentence_start:
            yield sentence_start, stop_end
        sentence_start = stop_end
        while sentence_start < line_end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < line_end:
        yield sentence_start, line_end
