"""Writing systems: the one home of script ranges and of the language guessed from them.

Every module that asks "is this Chinese?" or "is this Cyrillic?" imports the
ranges from here, so that they agree (issue 11). Ranges are Unicode blocks:

* **Han**: CJK Unified Ideographs (U+4E00-9FFF) with Extension A
  (U+3400-4DBF), the compatibility ideographs (U+F900-FAFF) and the
  supplementary-plane extensions B to H (U+20000-3134F);
* **Cyrillic**: U+0400-052F (Cyrillic and Cyrillic Supplement);
* **unspaced scripts** (written without spaces between words, so a match
  needs no word boundary): Thai, Lao, Myanmar, Khmer, CJK radicals and
  punctuation, kana, bopomofo, Han and Hangul syllables.

:func:`guess_language` names the language of a text from its script, and for
Latin-script text from its commonest words; when that is unsure it asks
``py3langid`` (Lui and Baldwin 2012, langid.py; its model ships inside the
wheel, nothing is downloaded).
"""

from __future__ import annotations

import functools
import re

#: Han characters as a regex class body.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Cyrillic letters as a regex class body.
CYRILLIC = "\u0400-\u052f"
#: Japanese kana (hiragana, katakana).
KANA = "\u3040-\u30ff"
#: Hangul syllables.
HANGUL = "\uac00-\ud7af"
#: Scripts written without spaces between words.
UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)

HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")
CYRILLIC_RE = re.compile(f"[{CYRILLIC}]")
HAN_OR_CYRILLIC_RE = re.compile(f"[{HAN}{CYRILLIC}]")
UNSPACED_RE = re.compile(f"[{UNSPACED}]")
_KANA_RE = re.compile(f"[{KANA}]")
_HANGUL_RE = re.compile(f"[{HANGUL}]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH = frozenset("the of and to in a is that for on was with as by said it at from his he be".split())


def is_han(char: str) -> bool:
    """True for a Han character (simplified, traditional or Japanese kanji)."""
    return bool(HAN_RE.match(char))


def is_cyrillic(char: str) -> bool:
    """True for a Cyrillic letter."""
    return bool(CYRILLIC_RE.match(char))


def is_unspaced(char: str) -> bool:
    """True for characters of scripts written without spaces between words."""
    return bool(UNSPACED_RE.match(char))


def script_of(text: str) -> str:
    """"latin", "cyrillic" or "other": the one script of the letters of *text*."""
    letters = {("latin" if c < "\u0250" else "cyrillic" if "\u0400" <= c < "\u0530" else "other") for c in text if c.isalpha()}
    return letters.pop() if len(letters) == 1 else "other"


def guess_language(text: str) -> str:
    """ISO 639-1 code of the language of *text*, "" when unsure.

    Chinese ("zh"), Japanese ("ja") and Korean ("ko") are told by script (kana
    or Hangul among Han characters); Russian ("ru") by Cyrillic letters
    (other Cyrillic languages go to py3langid); English ("en") by the share
    of its twenty commonest words. Other texts of at least 40 letters go to
    py3langid, and its answer is kept when its probability is at least 0.9.
    The first 2,000 characters are read. A ``language`` column in the input
    always wins over this guess (see :func:`toolkit.load.load_articles`).
    """
    sample = text[:2000]
    if not sample.isascii():
        letters = len(_LETTER.findall(sample))
        if letters:
            han = len(HAN_RE.findall(sample))
            if han + len(_KANA_RE.findall(sample)) + len(_HANGUL_RE.findall(sample)) > 0.3 * letters:
                return "ja" if _KANA_RE.search(sample) else "ko" if _HANGUL_RE.search(sample) else "zh"
            if len(CYRILLIC_RE.findall(sample)) > 0.5 * letters:
                guess = _langid(sample)
                return guess if guess in ("uk", "bg", "be", "sr", "mk", "kk") else "ru"
    words = _LATIN_WORD.findall(sample.lower())
    if words and sum(w in _ENGLISH for w in words) > 0.08 * len(words):
        return "en"
    if len(_LETTER.findall(sample)) >= 40:
        return _langid(sample)
    return ""


def _langid(text: str) -> str:
    identifier = _identifier()
    if identifier is None:
        return ""
    language, probability = identifier.classify(text)
    return language if probability >= 0.9 else ""


@functools.lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with probabilities (None when not installed)."""
    try:
        from py3langid.langid import _load_identifier
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return _load_identifier(norm_probs=True)
