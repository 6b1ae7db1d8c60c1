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
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, stop_start: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, stop_start - 20), stop_start)
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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) character offsets of each sentence of *text*.

    Offsets index into *text* itself; leading and trailing whitespace is not
    part of a sentence. Every non-blank character belongs to exactly one span.

    Examples
    --------
    >>> text = "Wang said on Jan. 10 it was over. Lavrov agreed."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Wang said on Jan. 10 it was over.', 'Lavrov agreed.']
    """
    spans = []
    for line_start, line_end in _line_spans(text):
        sentence_start = line_start
        for match in _STOP.finditer(text, line_start, line_end):
            if match.group("stop") == "." and _is_abbreviation(text, match.start()):
                continue
            end = match.end()
            if end > sentence_start:
                spans.append((sentence_start, end))
            sentence_start = end
            while sentence_start < line_end and text[sentence_start].isspace():
                sentence_start += 1
        if sentence_start < line_end:
            spans.append((sentence_start, line_end))
    return spans
