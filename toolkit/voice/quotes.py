"""Quotation marks: mending scraped mojibake and pairing marks into quotations (rules in :mod:`toolkit.voice`)."""

from __future__ import annotations

import re

from toolkit.sentences import paragraph_spans

_STOPS = re.compile(r"[.!?。！？]")
# What may stand between a quotation and its attribution, within one paragraph.
_GAP = re.compile(r"[^\S\n]*(?:[,.:;!?，。：；！？—–-][^\S\n]*)*")
_QUOTE_MARK = re.compile("[\"'“”‘’«»„‹›「」『』]")

_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』"}
_SINGLE_OPEN = {"‘": "’", "‹": "›"}

# --- quotations ------------------------------------------------------------


# Scraped mojibake: a double quote stands for an apostrophe ("don"t", "Sheriff"s") and
# '"?' for a typographic mark and a no-break space ('"It's all fake news,"?Trump told').
_MOJIBAKE_MARK = re.compile(r'"\?(?=[\w"“])')
# After a space, '"?' before a lower-case word or a space is a dash ('could determine "?at least
# temporarily "?the fate of', 'the policies that Trump is propagating "? policies'): 1,044 of the
# export's 1,374 '"?' after a space; before a capital it is a dash, a bullet or an opening mark alike.
_MOJIBAKE_DASH = re.compile(r'"\?(?=[a-z\s])')  # the space before is checked in repair_marks (a fast literal scan)
# The mark first, its letter checked after it: re scans for a literal first character twenty times faster.
_MOJIBAKE_APOSTROPHE = re.compile(r'"(?<=[A-Za-z]")(?=(?:t|s|re|ve|ll|d|m)\b)')

# A hyphen a scrape put for a space: next to a verb of speech ("Gauck-described", "Adam-has
# said", "report-accused-Israel"; not "self-described", "value-added", "so-called"), after a
# comma or colon (",-Truman", '"-Albert Fox'), or after "The" before a name ("The-Daily").
_SPEECH_FORMS = r"(?:said|says|told|tells|accused|described|added|warned|stated|noted|stressed|insisted|claimed)"
_VERB_AFTER_HYPHEN = re.compile(rf"-(?:{_SPEECH_FORMS}|ha(?:s|ve|d)\s+{_SPEECH_FORMS})\b")
_VERB_BEFORE_HYPHEN = re.compile(rf"\b{_SPEECH_FORMS}$")
_COMPOUND_BEFORE = re.compile(r"\b(?:self|value|so)$")
_FUNCTION_AFTER_HYPHEN = re.compile(r"(?:and|or|but|the|a|an|who|which|that)[ \t]")


def _unhyphen(text: str) -> str:
    """*text* with each hyphen a scrape put for a space (see :func:`repair_marks`) made a space."""
    cuts = []
    pos = text.find("-")
    while pos >= 0:
        nxt = text[pos + 1 : pos + 2]
        before = text[max(0, pos - 12) : pos]
        if nxt.isalpha() or nxt in '"“':
            if (
                (before[-1:].islower() and _VERB_AFTER_HYPHEN.match(text, pos) and not _COMPOUND_BEFORE.search(before))
                or (nxt.isalpha() and _VERB_BEFORE_HYPHEN.search(before))
                or (before[-1:] in (",", ":", ";") and before[-1:])  # ",-said", ",-Truman": after a clause mark
                # before a function word and a space ("Dubai-and a Mosul native"); a compound goes on
                # with another hyphen ("rock-and-roll", "state-of-the-art")
                or (before[-1:].isalnum() and _FUNCTION_AFTER_HYPHEN.match(text, pos + 1))
                or (before[-2:-1] in (",", ":", ";") and before[-1:] in '"”' and before[-2:-1] and nxt.isupper())
                or (nxt.isupper() and before.endswith("The") and (len(before) < 4 or not before[-4].isalnum()))
            ):
                cuts.append(pos)
        pos = text.find("-", pos + 1)
    if not cuts:
        return text
    chars = list(text)
    for i in cuts:
        chars[i] = " "
    return "".join(chars)


# Two apostrophes a scrape put for a double quotation mark ("''We will work", "rates of pay'' and"), not a
# doubled apostrophe inside a word ("Qalandar''s").
_TWO_APOSTROPHES = re.compile(r"(?<!')''(?!')")


def _double_mark(text: str, start: int, end: int) -> str:
    """What the two apostrophes text[start:end] become: the double mark next to the word it opens or closes."""
    if 0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
        return text[start:end]  # inside a word
    return ' "' if start == 0 or text[start - 1].isspace() or text[start - 1] in "([{" else '" '


def repair_marks(text: str) -> str:
    """Return *text* with scraped mojibake quotation marks mended, same length and offsets.

    ``"?`` before a word or a quotation mark becomes ``" `` (the mark and a
    space) and a double quote inside a contraction or possessive (``don"t``,
    ``Sheriff"s``, ``they"re``) an apostrophe; after a space, ``"?`` before a
    lower-case word or a space is a dash (``determine "?at least temporarily "?the
    fate``) and becomes ``— ``. A hyphen that a scrape put for
    a space next to a verb of speech, after a comma, colon or semicolon, or
    before a function word and a space (``Gauck-described``, ``Gerry Adam-has
    said``, ``The report-accused-Israel``, ``memoir,-Truman``, ``2013,-said``,
    ``Dubai-and a``, ``The-Daily Telegraph``) becomes a space. Two apostrophes for a
    double mark (``''We will``, ``pay'' and``; not inside a word) become the mark
    and a space, the mark next to its word. Every other character is kept,
    so offsets into the result are offsets into *text*.
    """
    if "-" in text:
        text = _unhyphen(text)
    if "''" in text:
        text = _TWO_APOSTROPHES.sub(lambda m: _double_mark(text, m.start(), m.end()), text)
    if '"' not in text:
        return text
    if '"?' in text:
        text = _MOJIBAKE_DASH.sub(lambda m: "— " if m.start() == 0 or text[m.start() - 1].isspace() else m.group(), text)
    text = _MOJIBAKE_MARK.sub('" ', text)
    return _MOJIBAKE_APOSTROPHE.sub("'", text)


# A scraped text without line breaks keeps its paragraph breaks as a hyphen, a run of
# hyphens or two spaces after the end of a sentence ("... the Miami Herald.- "In addition",
# "... for costs. - He said", "... the volcano.   Bezymianny").
# A hyphen glued to the next sentence counts too after a word in lower case ("the hostilities.-In early
# June"; not "U.S.-Mexico").
_LOST_BREAK = re.compile(r"[.!?](?:[\"”’)']|['’][\"”])?(?:(-+)(?=\s)|\s(-+)(?=\s)| ( +)(?=\S))")
_GLUED_BREAK = re.compile(r"(?<=[a-z\d][.!?])-+(?=[A-Z\"“])")


def restore_paragraphs(text: str) -> str:
    """Return *text* with the paragraph breaks a scrape flattened put back, same length and offsets.

    Only a text without any line break is changed (one whose layout was
    lost): a hyphen, a run of hyphens or the spaces after the first that
    follow the end of a sentence become line breaks, so each paragraph is a
    line again (quotations are paired within a paragraph, and a double
    quotation left open at a paragraph's end continues in the next, as
    newspapers write it).
    """
    if "\n" in text:
        return text
    cuts = []
    for match in _LOST_BREAK.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g))
        cuts.extend(range(match.start(group), match.end(group)))
    for mark in (".-", "!-", "?-"):
        pos = text.find(mark)
        while pos >= 0:
            glued = _GLUED_BREAK.match(text, pos + 1)
            if glued:
                cuts.extend(range(glued.start(), glued.end()))
            pos = text.find(mark, pos + 2)
    if not cuts:
        return text
    chars = list(text)
    for i in cuts:
        chars[i] = "\n"
    return "".join(chars)


# A sentence's end and a space before a straight double quote that opens: a new paragraph's quotation mark.
_REOPENED = re.compile(r"[.!?] ")


def _opening_context(text: str, i: int, start: int) -> bool:
    return i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-/\"“‘'«„‹「『"


def _is_apostrophe(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def quotation_spans(text: str, paragraphs=None) -> list[tuple[int, int]]:
    """Return (open, close) offsets of each quotation in *text*.

    ``text[open]`` is the opening mark and ``text[close]`` the closing mark (or
    ``close`` is the paragraph's end for a double quotation left open there).
    Rules in the module docstring. *paragraphs*, (start, end) spans from
    :func:`toolkit.sentences.paragraph_spans`, limits the search to them
    (quotations never cross paragraphs); by default every paragraph.
    """
    spans = []
    for para_start, para_end in paragraph_spans(text) if paragraphs is None else paragraphs:
        stack: list[tuple[str, int]] = []  # (closing mark expected, offset)

        def close(marks, i):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] in marks:
                    spans.append((stack[depth][1], i))
                    del stack[depth:]
                    return True
            return False

        for mark in _QUOTE_MARK.finditer(text, para_start, para_end):
            i, ch = mark.start(), mark.group()
            if ch == '"':
                # A straight double quote opens only where an opening mark can stand, before a
                # word: one glued to a word before it ("terrorists"?losses) or followed by a
                # space opens nothing, or it would flip every later quotation in the paragraph.
                nxt = text[i + 1] if i + 1 < para_end else " "
                opening = _opening_context(text, i, para_start) and not nxt.isspace()
                if opening and stack and stack[-1][0] == '"' and _REOPENED.match(text, i - 2):
                    # 'said: "... heart-breaking. "Police and ...': a paragraph break lost in the
                    # scrape; the quotation left open at its end goes on in this one
                    spans.append((stack.pop()[1], i - 1))
                    stack.append(('"', i))
                elif not close('"', i) and opening:
                    stack.append(('"', i))
            elif ch == "“":
                if not close("“", i):  # „...“ closes; otherwise “ opens
                    stack.append(("”", i))
            elif ch in "”»」』›":
                if not close(ch, i) and ch == "”" and _opening_context(text, i, para_start):
                    stack.append(("”", i))  # some sites use ” for both marks
            elif ch in _DOUBLE_OPEN or ch in _SINGLE_OPEN:
                stack.append((_DOUBLE_OPEN.get(ch) or _SINGLE_OPEN[ch], i))
            elif ch in "'’":
                if _is_apostrophe(text, i):
                    continue
                if i > para_start and not text[i - 1].isspace() and close("'’", i):
                    continue
                nxt = text[i + 1] if i + 1 < para_end else " "
                if ch == "'" and _opening_context(text, i, para_start) and not nxt.isspace():
                    stack.append(("'", i))
        # A double quotation left open continues to the paragraph's end.
        spans += [(pos, para_end) for mark, pos in stack if mark in '"”»」』']
    return sorted(spans)



def _is_tail(text, quotes, begin, end, s_start, s_end) -> bool:
    """True when text[begin:end] is all its sentence after a quotation that closes right before it."""
    return (
        _GAP.fullmatch(text, s_start, begin) is not None
        and _GAP.fullmatch(text, end, s_end) is not None
        and any(c < s_start <= c + 3 for _, c in quotes)
    )


def _introduces_quotation(text, quotes, begin, end) -> bool:
    """True when a quotation closes just before text[begin:end] or opens just after it.

    '"...," Lam said' and 'Lam said: "..."' attribute the quoted words only; the
    rest of the sentence is the outlet's narration.
    """
    for o, c in quotes:
        # 'Lam said: "..."' introduces it; 'Lam said. "..."' ends a sentence of its own
        if end <= o <= end + 3 and _GAP.fullmatch(text, end, o) and not _STOPS.search(text, end, o):
            # a quoted title or name of one or two words ('Putin told "Newsweek" magazine') is no quotation it introduces
            if len(text[o + 1 : c].split()) > 2 or text[end:o].strip():
                return True
        if begin - 5 <= c < begin + 2 and c < end and _GAP.fullmatch(text, c + 1, max(c + 1, begin)):
            return True
    return False
