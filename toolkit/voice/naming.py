"""Distancing: "so-called" (and 所谓, так называемый) that distances or merely names a term, and scare quotes."""

from __future__ import annotations

import re

# "so-called", 所谓(的) (not 无所谓 "never mind"), так называемый in any form, т. н.
_SO_CALLED = r"(?:\bso[\s\-‐‑–—]?called\b|(?<!无)所谓的?|\bтак\s+называем\w{2,3}\b|\bт\.\s?н\.)"
_SO_CALLED_BEFORE = re.compile(rf"{_SO_CALLED}\s*[\"“‘'«„‹「『]?\s*$", re.I)
_SO_CALLED_START = re.compile(rf"^\s*{_SO_CALLED}", re.I)
# A neutral "so-called" that introduces a term, not the writer's distance (issue 12 (i)):
# the term is a proper name ("the so-called Islamic State group", 'so-called "Juncker Plan"'),
# its head names a kind of term ("the so-called middle-income trap", "fake jobs scandal"),
# or a gloss defines it right after ('the so-called "duck walk" -- walking across the stage',
# "so-called sanctuary cities that don't cooperate ...", "the so-called Dublin rules, under which").
_TERM_OPEN = re.compile(r"\s*[\"“‘'«„]?\s*")
_TERM_WORD = re.compile(r"[\w’'.-]+")
NAMING_HEADS = frozenset(
    """plan plans law laws act bill doctrine policy rule rules trap effect zone zones area corridor scandal affair
    deal agreement accord format formula theory strategy programme program initiative list regulation regulations
    clause provision index""".split()
)
_TERM_STOP = frozenset(
    """of in on at to for from by with and or but as that which who whom where whose when while is are was were
    be been has have had will would can could may might should must not than""".split()
)
_GLOSS = re.compile(
    r"[\"”’'»]?(?:\s*[-–—]{1,2}\s|\s*\(|\s*:|,\s+(?:an?|where|whereby|in\s+which|under\s+which|i\.e\.|meaning)\s"
    r"|,?\s+(?:that|which|who|where|whereby|under\s+which|in\s+which)\s)"
)


def _so_called_names(text: str, after: int) -> bool:
    """True when the "so-called" ending at *after* introduces a term rather than distancing (see above)."""
    pos = _TERM_OPEN.match(text, after).end()
    words, ends = [], []
    for match in _TERM_WORD.finditer(text, pos, min(len(text), pos + 80)):
        if match.start() != pos and not text[pos : match.start()].isspace():
            break  # punctuation ends the term
        word = match.group().rstrip(".")
        if not word or word.lower() in _TERM_STOP or len(words) == 5:
            break
        words.append(word)
        ends.append(match.start() + len(word))
        pos = match.end()
    if not words:
        return False
    if words[0][0].isupper():
        return True  # a proper name
    if words[-1].lower() in NAMING_HEADS:
        return True
    # a gloss defines a term of two words or more; "this so-called judge, which ..." is distance
    return len(words) >= 2 and _GLOSS.match(text, ends[-1]) is not None


_SCARE_FILLERS = frozenset(
    "the a an this that these those such its their his her our any of so called so-called".split()
)
