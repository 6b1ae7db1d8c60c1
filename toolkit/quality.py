"""Text quality: flag damaged, placeholder and link-list texts; repair what is certain.

Every loaded article gets a ``quality`` value: "" when nothing is wrong, else
the flags below joined by ";" (``"replacement_char;mangled_quotes"``):

``replacement_char``
    U+FFFD characters: bytes a decoder could not read, lost for good.
``mojibake``
    Text that still looks mis-decoded after repair (``ftfy``'s badness test):
    "Ã©" for "é" and the like.
``mangled_quotes``
    ``"?`` glued to the next word, where a curly quote, apostrophe or dash and
    the space after it were mangled by an export ("DeVos"?highly"), left where
    the repair below is unsure.
``placeholder``
    Not an article at all: "-1", "View Comments", "null", "[removed]", or no
    letters.
``near_empty``
    Fewer than :data:`NEAR_EMPTY_WORDS` words ("Scott Pruitt", "March 20").
``link_list``
    Mostly URLs, or only short lines without sentences (a list of links).

Placeholder and near-empty texts are left out of duplicate clusters by
:func:`toolkit.find_duplicates` unless asked (``placeholders=True``).

Repairs (:func:`repair_text`), only where the intended character is certain:

* ``don"t``, ``I"ve``, ``it"s``: a ``"`` between a letter and a contraction
  ending (t, s, ve, ll, re, m, d) is an apostrophe.
* ``,"?Sen.``: after sentence punctuation, ``"?`` before a letter is a closing
  quote whose space was lost (a question mark never directly precedes a letter).
* ``DeVos"?highly``: after a word ending in "s", with no quotation open in the
  line, before a lower-case word, ``"?`` is a possessive apostrophe and a space.
"""

from __future__ import annotations

import re

from toolkit.tokens import word_count

__all__ = ["NEAR_EMPTY_WORDS", "QUALITY_FLAGS", "quality_flags", "repair_text"]

QUALITY_FLAGS = ("replacement_char", "mojibake", "mangled_quotes", "placeholder", "near_empty", "link_list")
NEAR_EMPTY_WORDS = 5
_PLACEHOLDERS = frozenset({
    "-1", "0", "-", "--", "- -", "null", "none", "nan", "n/a", "na", "undefined", "[removed]", "[deleted]",
    "view comments", "comments", "loading", "loading...", "read more", "click here", "content not available",
    "this content is not available", "page not found", "404", "403 forbidden", "access denied",
    "javascript is disabled", "please enable javascript", "subscribe to continue reading",
})
# Each pattern starts with the quote itself, so the regex engine jumps from quote to quote;
# what precedes the quote is checked in Python (a look-behind would be tried at every position).
_CONTRACTION = re.compile(r"\"(?=(?:t|s|ve|ll|re|m|d)\b)")
_CLOSING = re.compile(r"\"\?(?=[A-Za-z])")
_POSSESSIVE = re.compile(r"\"\?(?=[a-z])")
_MANGLED = re.compile(r"\"\?")
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SUSPECT = re.compile(r"[\u0080-\u02ff\u2010-\u2122]+")
_MAX_SPANS = 200
_SENTENCE_END = re.compile(r"[.!?。！？\"”’)]\s*$")


def repair_text(text: str) -> str:
    """Repair mangled apostrophes and quotes where the intended character is certain.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        *text* with the repairs listed in the module docstring; unchanged otherwise.
    """
    if '"' not in text:
        return text
    text = _sub_after(_CONTRACTION, text, "'", lambda c: c.isascii() and c.isalpha())
    if '"?' in text:
        text = _sub_after(_CLOSING, text, '" ', lambda c: c in ".,!?")
    if '"?' in text:
        text = "\n".join(_repair_possessive(line) for line in text.split("\n"))
    return text


def _sub_after(pattern: re.Pattern, text: str, replacement: str, before) -> str:
    """Replace matches of *pattern* whose preceding character passes *before*."""
    parts, last = [], 0
    for match in pattern.finditer(text):
        if match.start() and before(text[match.start() - 1]):
            parts.append(text[last : match.start()] + replacement)
            last = match.end()
    return "".join(parts) + text[last:] if parts else text


def _repair_possessive(line: str) -> str:
    if '"?' not in line:
        return line
    parts, last = [], 0
    for match in _POSSESSIVE.finditer(line):
        start = match.start()
        if start < 2 or line[start - 1] != "s" or not line[start - 2].isalpha():
            continue
        if line.count('"', 0, start) % 2 == 0:  # no quotation open: not a closing quote
            parts.append(line[last : match.start()] + "' ")
            last = match.end()
    return "".join(parts) + line[last:]


def quality_flags(text: str, *, n_words: int | None = None) -> str:
    """The quality flags of one text, joined by ";" ("" when it looks fine).

    Parameters
    ----------
    text : str
        A clean article text (after :func:`repair_text`).
    n_words : int, optional
        Its number of words (:func:`toolkit.tokens.word_count`, as the loader stores in ``n_words``),
        when already counted.

    Returns
    -------
    str
        Flags among :data:`QUALITY_FLAGS`, in that order.
    """
    flags = []
    if "\ufffd" in text:
        flags.append("replacement_char")
    if _mojibake(text):
        flags.append("mojibake")
    if '"?' in text and any(_mangled_at(text, m.start()) for m in _MANGLED.finditer(text)):
        flags.append("mangled_quotes")
    n_words = word_count(text) if n_words is None else n_words
    short = " ".join(text[:200].split()).casefold()
    if n_words < 8 and (short in _PLACEHOLDERS or short.strip(" .:!") in _PLACEHOLDERS
                                       or not _LETTER.search(text)):
        flags.append("placeholder")
    elif n_words < NEAR_EMPTY_WORDS:
        flags.append("near_empty")
    elif _link_list(text, n_words):
        flags.append("link_list")
    return ";".join(flags)


def _mangled_at(text: str, start: int) -> bool:
    """A ``"?`` glued to the next word: a question mark after a quotation is followed by a space."""
    end = start + 2
    return end < len(text) and (text[end].isalnum() or text[end] == "_")


def _mojibake(text: str) -> bool:
    """ftfy's badness test, run only on the neighbourhoods of non-ASCII characters (fast on long texts)."""
    from ftfy.badness import is_bad

    if text.isascii():
        return False  # mojibake always holds non-ASCII characters
    # U+FFFD pairs look like mojibake to ftfy; they are flagged as replacement_char already
    text = text.replace("\ufffd", "")
    spans = [text[max(0, m.start() - 4) : m.end() + 4] for m in _SUSPECT.finditer(text)]
    return any(is_bad(span) for span in spans[:_MAX_SPANS])


def _link_list(text: str, n_words: int) -> bool:
    urls = _URL.findall(text) if ("http" in text or "www." in text) else []
    url_words = sum(len(_WORD.findall(u)) for u in urls)
    if urls and url_words >= 0.5 * n_words:
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    listy = sum(1 for line in lines if len(line.split()) <= 12 and not _SENTENCE_END.search(line))
    return listy >= 0.9 * len(lines)
