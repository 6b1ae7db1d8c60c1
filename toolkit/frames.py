"""Frame dictionaries: the YAML format, loading, validation and variant expansion.

A frame dictionary is data, not code. The format (UTF-8 YAML)::

    name: kazakhstan-2022          # required
    version: "1.0.0"               # required, quoted
    description: Frames in coverage of the January 2022 unrest in Kazakhstan
    language: en                   # default language of patterns ("en" if absent)
    frames:
      color_revolution:            # frame id: the `frame` column of hits
        label: Color revolution    # required
        description: The unrest as a foreign-backed "color revolution".
        patterns:                  # required, at least one
          - color revolution                     # a phrase (default kind), variants on
          - {pattern: 颜色革命, language: zh}    # also matches 顏色革命 (traditional)
          - {pattern: "revolution*", kind: glob}
          - {pattern: "colou?r[- ]revolution", kind: regex}
          - {pattern: CSTO, variants: false}     # exact, still case-insensitive
          - {pattern: NATO, case: true}          # case-sensitive
        exclude:                   # hits of this frame inside these are dropped
          - three forces of nature

Pattern kinds
-------------
``phrase`` (default)
    Words as written, expanded into variants (below) unless ``variants: false``.
``glob``
    quanteda's glob: ``*`` is any run of word characters, ``?`` one word
    character (of the pattern's script when its letters are all Latin or all
    Cyrillic); words may be separated by any whitespace. No spelling or
    inflection variants.
``regex``
    A regular expression in the subset that hyperscan, RE2 and Python ``re``
    share. Do not add ``\\b``: word boundaries are enforced for every kind.
    ``\\s`` is rewritten to the whitespace matched between phrase words (the
    same in every engine); ``\\w`` and ``\\d`` are ASCII in hyperscan and RE2
    but Unicode in Python ``re``: prefer explicit classes for non-English text.

Every pattern is case-insensitive unless ``case: true``. A hit never starts or
ends inside a word ("forces" never matches inside "workforces"), except next
to characters of unspaced scripts (Chinese, Japanese, Korean, Thai, ...),
which match without word boundaries.

Variants of a phrase (on by default)
------------------------------------
- any whitespace, line breaks included, between words; a hyphen or dash
  (with or without spaces) or nothing in place of a space: "anti-China",
  "anti China", "anti - China" and "antiChina";
- straight or curly quotes and apostrophes are interchangeable;
- English words (``language: en``) written in lower case (capitalised words
  are taken for names, all capitals for acronyms) that are not function
  words or numerals ("three forces" never gives "threes"): US/UK spelling
  (color/colour and other -or/-our words from a list, -ize/-ise, -yze/-yse,
  center/centre and other safe -er/-re words, defense/defence and other
  -ense/-ence words) and inflections (plural -s/-es/-ies, -ed/-ing with
  e-dropping, y to i and consonant doubling). A plural in the dictionary
  ("revolutions") is reduced to its singular first, so both match. Words
  are sorted by rules of thumb: adjectives ("foreign", "cold"; suffixes
  -ous, -ful, -less) and participles ("armed") stay as written; nouns
  (suffixes -tion, -ism, -ist, -ity, -ty, -cy, -ence, -ance, -ness, -ment,
  -ship, gerunds in -ing; adjectives in -al, -ic, -tive, -sive, -able, -ible, -ary, -ian,
  which are nouns when plural: "officials", "critics") get plurals only;
  other words get plurals and verb forms (a form that never occurs costs
  nothing but automaton size). Irregular forms come from two short tables
  of common English words, :data:`IRREGULAR_PLURALS` (crisis/crises,
  phenomenon/phenomena, woman/women, child/children, thief/thieves, and
  compounds like policeman/policemen) and :data:`IRREGULAR_VERBS`
  (fight/fought, seek/sought, lead/led, take/took/taken, ...); a past form
  written in the dictionary ("fought") stays as written. "person" does not
  give "people" (write both if you mean both).
- Chinese: a phrase with Han characters (any language but ``ja`` and
  ``ko``) matches in simplified and traditional characters, as Taiwan and
  Hong Kong outlets write: 颜色革命 and 顏色革命, 内政 and 內政. The forms
  come from OpenCC (the ``opencc`` package; see :func:`chinese_forms`).
  Without ``opencc`` installed there are no script variants:
  :func:`script_variants_available` says which; write both forms then.
- Russian (``language: ru``): е and ё are interchangeable, and a phrase
  matches in all six cases and both numbers, adjectives agreeing with
  their noun ("цветная революция" also matches "цветных революций",
  "цветной революции", "цветную революцию"); the forms come from pymorphy3
  (see :func:`toolkit.morphology.phrase_forms`).

quanteda dictionaries
---------------------
:func:`load_frames` also reads quanteda-style YAML dictionaries: a mapping of
keys to lists of glob patterns, keys possibly nested (the frame id joins
nested keys with "."). Their name is the file's stem and their version "".

Editing a dictionary file
-------------------------
:func:`add_exclusions` appends phrases to frames' ``exclude:`` lists in the
YAML file itself, keeping comments and layout, and bumps the patch version
(the last step of the validation workflow in :mod:`toolkit.validation`).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import re
import reprlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

try:  # Python 3.11+
    from re import _constants as _sre_constants, _parser as _sre_parser
except ImportError:  # pragma: no cover
    import sre_constants as _sre_constants
    import sre_parse as _sre_parser

from toolkit.errors import DictionaryError, ParameterError
from toolkit.morphology import phrase_forms
from toolkit.segmentation import opencc_converter
from toolkit.scripts import HAN_RE as _HAN_RE, UNSPACED as _UNSPACED, UNSPACED_RE as _UNSPACED_RE, script_of as _script

KINDS = ("phrase", "glob", "regex")

#: Whitespace matched between the words of a phrase (explicit: engines disagree on ``\s``).
WHITESPACE = " \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WS = f"[{WHITESPACE}]"
#: Hyphens and dashes accepted between the words of a phrase (not the em dash).
_HYPHEN = "[-\u2010\u2011\u2012\u2013\u2212]"
_SEPARATOR = f"(?:{_WS}*{_HYPHEN}{_WS}*|{_WS}+)?"
_QUOTE_CLASSES = {
    "'": "['\u2018\u2019\u02bc\u2032]",
    '"': '["\u201c\u201d\u201e\u2033\u00ab\u00bb]',
}
for _q in "\u2018\u2019\u02bc\u2032":
    _QUOTE_CLASSES[_q] = _QUOTE_CLASSES["'"]
for _q in "\u201c\u201d\u201e\u2033\u00ab\u00bb":
    _QUOTE_CLASSES[_q] = _QUOTE_CLASSES['"']

#: A word character for glob wildcards, per regex dialect (Python ``re`` lacks ``\p``).
_WORD_CLASS = {"pcre": r"[\p{L}\p{N}_]", "python": r"[^\W]"}
#: Narrower wildcards for globs in one script: same in every dialect, and far
#: smaller automata for hyperscan than any Unicode letter.
_SCRIPT_WORD_CLASS = {
    "latin": "[0-9A-Za-z_\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]",
    "cyrillic": "[0-9_\u0400-\u0481\u048a-\u052f]",
}
_META = set(".^$*+?()[]{}|\\-#&~")

FUNCTION_WORDS = frozenset(
    """a an the of in on at to by for from with into onto upon as and or nor but
    than that this these those its it his her their our your my we they he she
    is are was were be been am not no so if then anti pro non self co ex
    post pre vice per via versus during unless""".split()
)
#: Numerals are left alone ("three forces", never "threes" or "threeing");
#: "second" is missing on purpose (also a noun and a verb).
NUMERALS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve
    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
    forty fifty sixty seventy eighty ninety first third fourth fifth sixth
    seventh eighth ninth tenth eleventh twelfth""".split()
)
#: Words that are never inflected although the lexicon has plurals for them.
_NOT_PLURAL = frozenset(
    "news series species means politics economics physics ethics lens this its always perhaps whereas media data".split()
)
#: Endings of adjectives unknown to the lexicon, which get no forms ("unipolar", "multipolar").
_OOV_ADJECTIVE_SUFFIXES = ("ar", "al", "ic", "ous", "ful", "less", "ive", "ian", "ese", "ish", "ed", "ing")
#: Plurals the lexicon gives that are other words for frame analysis ("person" -> "people").
_SUPPLETIVE = frozenset({"people"})
#: Penn Treebank tags generated per word class; adjectives and adverbs get no
#: forms (comparatives such as "colder" are other words for frame analysis).
_NOUN_TAGS = ("NN", "NNS")
_VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
#: Roles of a word in a phrase (see :func:`english_phrase_forms`).
ROLES = ("any", "noun", "none")
#: US spellings in -or whose UK spelling is -our (prefix match covers colorful, honorable, ...).
OR_OUR = frozenset(
    """color favor honor humor labor neighbor behavior vigor rumor armor harbor
    endeavor flavor savor valor parlor odor clamor candor rancor vapor splendor
    tumor ardor fervor""".split()
)
#: US -er words whose UK spelling is -re (only these: "-er" in general is not safe).
ER_RE = frozenset("center theater fiber liter caliber somber specter saber luster meager".split())
#: US -ense words whose UK spelling is -ence.
ENSE_ENCE = frozenset("defense offense pretense license".split())



def is_word_char(char: str) -> bool:
    """True for a word character (a letter, digit or ``_``, in any script), as ``re``'s ``\\w``."""
    return char.isalnum() or char == "_"


def is_unspaced(char: str) -> bool:
    """True for characters of scripts written without spaces between words."""
    return bool(_UNSPACED_RE.match(char))


def _escape(text: str) -> str:
    """Escape regex metacharacters the same way for hyperscan, RE2 and ``re``."""
    return "".join("\\" + c if c in _META else c for c in text)


# --------------------------------------------------------------------------- variants


def _spellings(word: str, *, general: bool = True) -> set[str]:
    """US/UK spelling variants of *word*, case of unchanged letters kept: from
    the lists above, and (when *general*) -ize/-ise and -yze/-yse."""
    lower, out = word.lower(), {word}
    for us in OR_OUR:
        uk = us[:-2] + "our"
        if lower.startswith(uk):
            out.add(word[: len(us) - 2] + "or" + word[len(uk) :])
        elif lower.startswith(us):
            out.add(word[: len(us) - 2] + "our" + word[len(us) :])
    for us in ER_RE:
        if lower.startswith(us):
            out.add(word[: len(us) - 2] + "re" + word[len(us) :])
        elif lower.startswith(us[:-2] + "re"):
            out.add(word[: len(us) - 2] + "er" + word[len(us) :])
    for us in ENSE_ENCE:
        i = len(us) - 2
        if lower.startswith(us):
            out.add(word[:i] + "c" + word[i + 1 :])
        elif lower.startswith(us[:i] + "c" + us[i + 1 :]):
            out.add(word[:i] + "s" + word[i + 1 :])
    match = re.search(r"([iy])([zs])(e|es|ed|ing|ation|ations|er|ers)$", lower) if general else None
    if match and len(lower) >= 5:
        i = match.start(2)
        out.add(word[:i] + ("s" if match.group(2) == "z" else "z") + word[i + 1 :])
    return out


@functools.lru_cache(maxsize=1)
def _lexicon():
    """The ``lemminflect`` module: an English lexicon with parts of speech whose
    tables ship in its wheel (MIT licence; https://github.com/bjascob/LemmInflect).
    Only its lookup tables are used, never its out-of-vocabulary model."""
    import lemminflect

    return lemminflect


def _regular_plural(word: str) -> str:
    """The regular plural of a noun unknown to the lexicon ("peacekeeper" -> "peacekeepers")."""
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")


def _lexicon_forms(word: str, role: str) -> set[str]:
    """Forms of one lower-case English *word* from the lexicon (LemmInflect's
    AGID/SPECIALIST tables), for its *role* (see :func:`english_phrase_forms`).

    A noun written in the singular or the plural gives both; a verb written in
    its base form gives all its forms; a written inflected verb form
    ("interfered", "fought", "armed") and adjectives stay as written.
    """
    forms = {word}
    if role == "none":
        return forms
    lexicon = _lexicon()
    lemmas = lexicon.getAllLemmas(word)
    if not lemmas:
        return forms | _unknown_word_forms(word, role)
    for upos, bases in lemmas.items():
        for base in bases:
            if upos == "NOUN":
                plurals = set(lexicon.getAllInflections(base, upos="NOUN").get("NNS", ()))
                if word == base or word in plurals:
                    forms |= ({base} | plurals) - _SUPPLETIVE
            elif upos == "VERB" and role == "any" and word == base:
                verb = lexicon.getAllInflections(base, upos="VERB")
                forms |= {f for tag in _VERB_TAGS for f in verb.get(tag, ())}
    return forms


def _unknown_word_forms(word: str, role: str) -> set[str]:
    """Forms of a word the lexicon lacks: those of its longest known final part
    for compounds ("peacekeeper" as "keeper"), else a plural unless it ends like
    an adjective ("unipolar")."""
    if word.endswith(_OOV_ADJECTIVE_SUFFIXES):
        return {word}
    for i in range(3, len(word) - 3):
        head, tail = word[:i], word[i:]
        if _lexicon().getAllLemmas(tail):
            return {head + form for form in _lexicon_forms(tail, role)}
    return {word, _regular_plural(word)}


def _known_spellings(word: str) -> set[str]:
    """Spellings of *word* from the lists, and -ize/-ise ones the lexicon knows
    ("organise"; never "crizes" from "crises")."""
    listed = _spellings(word, general=False)
    return listed | {s for s in _spellings(word) - listed if _lexicon().getAllLemmas(s)}


def word_forms(word: str, *, language: str = "en", role: str = "any") -> list[str]:
    """All variant spellings and inflections of one English *word*, longest first.

    Capitalised words (names), acronyms, function words, numerals,
    non-English words and words with digits are returned unchanged: write
    lower case to get variants. Inflections come from an English lexicon with
    parts of speech (``lemminflect``, MIT licence, data inside its wheel):
    nouns get their plural (or singular), verbs in their base form get their
    verb forms, adjectives and written inflected verb forms get none. Words
    the lexicon lacks are read as compounds of a known last part, else as
    nouns unless they end like adjectives. US/UK spellings of every form are
    added.

    Parameters
    ----------
    word : str
    language : str
        Only "en" gets forms.
    role : {"any", "noun", "none"}
        "noun": noun forms only (the head of a noun phrase: "outside forces"
        never gives "outside forcing"); "none": spellings only (a modifier:
        "fake news" never gives "faked news").

    Examples
    --------
    >>> word_forms("interfere")
    ['interfering', 'interfered', 'interferes', 'interfere']
    >>> word_forms("crisis")
    ['crises', 'crisis']
    """
    if role not in ROLES:
        raise ParameterError(f"role={role!r}: use one of {ROLES}")
    plain = language == "en" and word.isascii() and word.isalpha() and len(word) >= 3
    if not plain or word in FUNCTION_WORDS or word in NUMERALS or word in _NOT_PLURAL or not word.islower():
        return [word]
    spellings = _known_spellings(word)
    known = {spelling for spelling in spellings if _lexicon().getAllLemmas(spelling)} or {word}
    forms = set(spellings)
    for spelling in known:
        forms |= _lexicon_forms(spelling, role)
    if known != spellings:  # spellings the lexicon lacks: respell the forms of those it has
        forms = {variant for form in forms for variant in _known_spellings(form)}
    return sorted(forms, key=lambda f: (-len(f), f))


def _is_content_word(token: str) -> bool:
    return token[0].isalnum() and token.lower() not in FUNCTION_WORDS


def _opens_verb_phrase(word: str, after: str) -> bool:
    """True when a phrase's first *word*, followed by the content word *after*,
    reads as a verb with its object: the lexicon has *word* as a verb base form
    and not as an adjective, and either not as a noun, or its past is
    irregular ("fight", "take", "hold"), or *after* is a plural, a mass noun or
    a name ("launch attacks", "support terrorism", "sanction Russia"). Else
    *word* modifies a noun ("color revolution", "fake news")."""
    if not (word.isascii() and word.isalpha() and word.islower()):
        return False
    lexicon = _lexicon()
    lemmas = lexicon.getAllLemmas(word)
    if word not in lemmas.get("VERB", ()) or "ADJ" in lemmas:
        return False
    if "NOUN" not in lemmas:
        return True
    past = lexicon.getAllInflections(word, upos="VERB").get("VBD", ())
    if any(not form.endswith("ed") for form in past):
        return True
    nouns = lexicon.getAllLemmas(after.lower()).get("NOUN", ())
    if not nouns:
        return not after.islower()  # a name; an unknown lower-case word: a modifier
    plurals = lexicon.getAllInflections(nouns[0], upos="NOUN").get("NNS", ())
    return after.lower() != nouns[0] or set(plurals) <= {nouns[0]}  # a plural, or a mass noun (no other plural)


def english_phrase_forms(tokens: list[str]) -> list[list[str]]:
    """Forms of each token of an English phrase, by its role in the phrase.

    A word followed by another content word is a modifier and keeps its form
    ("fake news", "outside forces", "sanctions regime"), unless it opens the
    phrase and reads as a verb with its object (:func:`_opens_verb_phrase`:
    "fight terrorism", "seek regime change", "hold talks"): then it gets every
    form; a word after a content
    word or numeral is the head of a noun phrase and gets noun forms only
    ("regime change" never gives "regime changed"); other words (a phrase of
    one word, "interfere in internal affairs") get every form of their word
    class (:func:`word_forms`). Punctuation tokens stay as they are.
    """
    out = []
    for i, token in enumerate(tokens):
        if not token[0].isalnum():
            out.append([token])
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        before = tokens[i - 1] if i else ""
        if after and _is_content_word(after):
            role = "any" if i == 0 and _opens_verb_phrase(token, after) else "none"
        elif before and _is_content_word(before):
            role = "noun"
        else:
            role = "any"
        out.append(word_forms(token, language="en", role=role))
    return out


#: Word-by-word expansions by language: ``f(tokens) -> forms per token``
#: (tokens are the words and punctuation marks of a phrase; each result list
#: holds the token's forms). Register a language's inflections here (see
#: :func:`token_forms`); Russian phrases are inflected as wholes instead
#: (:func:`toolkit.morphology.phrase_forms`).
TOKEN_EXPANSIONS: dict = {"en": english_phrase_forms}


def token_forms(tokens: list[str], *, language: str) -> list[list[str]]:
    """The forms of each token of a phrase in *language* (the hook for
    language-specific inflection word by word); languages without an
    expansion keep every token as written."""
    expand = TOKEN_EXPANSIONS.get(language)
    forms = expand(list(tokens)) if expand is not None else [[t] for t in tokens]
    if len(forms) != len(tokens):
        raise DictionaryError(f"the {language!r} expansion returned {len(forms)} form lists for {len(tokens)} tokens")
    return forms


#: OpenCC configurations: to simplified (from OpenCC's traditional, Taiwan's
#: and Hong Kong's standards), then from simplified to each of those three.
_TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s")
_TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")
#: Languages whose Han characters follow other standards (Japanese shinjitai, Korean hanja).
_OWN_HAN_STANDARD = ("ja", "ko")


@functools.lru_cache(maxsize=1)
def _opencc_converters() -> dict | None:
    """OpenCC converters by configuration name, or None without ``opencc``."""
    converters = {config: opencc_converter(config) for config in _TO_SIMPLIFIED + _TO_TRADITIONAL}
    return None if None in converters.values() else converters


def script_variants_available() -> bool:
    """True when the ``opencc`` package is installed, so that Chinese phrases
    match in both simplified and traditional characters."""
    return _opencc_converters() is not None


def chinese_forms(text: str) -> list[str]:
    """*text* in simplified and in traditional Chinese characters, longest first.

    OpenCC (https://github.com/BYVoid/OpenCC, the ``opencc`` package)
    converts *text* to simplified characters and back to traditional ones in
    its own, Taiwan's and Hong Kong's standards (configurations t2s, tw2s,
    hk2s, s2t, s2tw, s2hk): character forms only, not regional vocabulary
    (s2twp would turn 信息 into 資訊). Every distinct result is kept. Without
    ``opencc`` installed, or for text without Han characters, ``[text]``.

    Examples
    --------
    >>> chinese_forms("外部势力")  # doctest: +SKIP
    ['外部势力', '外部勢力']
    """
    converters = _opencc_converters()
    if converters is None or not _HAN_RE.search(text):
        return [text]
    simplified = {text} | {converters[c].convert(text) for c in _TO_SIMPLIFIED}
    forms = simplified | {converters[c].convert(form) for form in simplified for c in _TO_TRADITIONAL}
    return sorted(forms, key=lambda f: (-len(f), f != text, f))


def _alternation(forms: list[str], *, escape: bool = True) -> str:
    escaped = [_escape(f) for f in forms] if escape else forms
    return escaped[0] if len(escaped) == 1 else "(?:" + "|".join(escaped) + ")"


_PHRASE_TOKEN = re.compile(r"\w+|[^\w\s]")


#: Expanded phrase regexes that came with an unpickled FrameDictionary (see its __getstate__).
_SENT_PHRASE_REGEXES: dict[tuple, str] = {}


def _phrase_key(pattern) -> tuple:
    return (pattern.pattern, pattern.variants, pattern.language, pattern.inflect, script_variants_available())


def _phrase_regex(text: str, *, variants: bool, language: str, inflect: bool = True, one_form: bool = False) -> str:
    """Regex of a phrase: words joined by separators, each word by its forms
    (:func:`token_forms`; spellings only when not *inflect*). Russian phrases
    are inflected as wholes first (:func:`toolkit.morphology.phrase_forms`).
    Cached: big dictionaries expand each phrase once (when checked at loading)."""
    opencc = script_variants_available()
    if not one_form:
        sent = _SENT_PHRASE_REGEXES.get((text, variants, language, inflect, opencc))
        if sent is not None:
            return sent
    return _cached_phrase_regex(text, variants, language, inflect, one_form, opencc)


@functools.lru_cache(maxsize=100_000)
def _cached_phrase_regex(text: str, variants: bool, language: str, inflect: bool, one_form: bool, opencc: bool) -> str:
    if variants and inflect and language == "ru" and not one_form:  # every case and number
        forms = [_phrase_regex(f, variants=True, language="ru", one_form=True) for f in phrase_forms(text)]
        return forms[0] if len(forms) == 1 else "(?:" + "|".join(forms) + ")"
    tokens = list(_PHRASE_TOKEN.finditer(text))
    if variants:
        values = [t.group() for t in tokens]
        if inflect and not one_form:
            forms = token_forms(values, language=language)
        elif language == "en":
            forms = [word_forms(v, role="none") if v[0].isalnum() else [v] for v in values]
        else:
            forms = [[v] for v in values]
    parts, previous_end = [], None
    for k, token in enumerate(tokens):
        gap = text[previous_end : token.start()] if previous_end is not None else ""
        previous_end, value = token.end(), token.group()
        hyphen = value in "-\u2010\u2011\u2012\u2013\u2212"
        if variants and hyphen:
            if not parts or parts[-1] != _SEPARATOR:
                parts.append(_SEPARATOR)
            continue
        if parts and (gap or not variants):
            if variants and parts[-1] != _SEPARATOR:
                parts.append(_SEPARATOR if value[0].isalnum() or value in _QUOTE_CLASSES else f"{_WS}*")
            elif not variants and gap:
                parts.append(f"{_WS}+")
        if not variants:
            parts.append(_escape(value))
        elif value in _QUOTE_CLASSES:
            parts.append(_QUOTE_CLASSES[value])
        elif _HAN_RE.search(value) and language not in _OWN_HAN_STANDARD:
            parts.append(_alternation(sorted({c for f in forms[k] for c in chinese_forms(f)}, key=lambda f: (-len(f), f))))
        elif language == "ru":
            parts.append(_alternation([_yo(f) for f in forms[k]], escape=False))
        else:
            parts.append(_alternation(forms[k]))
    if parts and parts[-1] == _SEPARATOR:
        parts.pop()
    return "".join(parts)


def _yo(form: str) -> str:
    """A Russian form with е and ё interchangeable (escaped)."""
    return "".join("[её]" if c in "её" else "[ЕЁ]" if c in "ЕЁ" else c for c in _escape(form))


def _portable_regex(regex: str) -> str:
    """Rewrite ``\\s`` as :data:`WHITESPACE`, so that it means the same in every
    engine (ASCII in hyperscan and RE2, Unicode in Python ``re`` otherwise)."""
    out, i, in_class = [], 0, False
    while i < len(regex):
        char = regex[i]
        if char == "\\" and i + 1 < len(regex):
            pair = regex[i : i + 2]
            out.append((WHITESPACE if in_class else _WS) if pair == "\\s" else pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            i += 1
            for literal in ("^", "]"):  # "[^]...]" and "[]...]" start with a literal
                if regex[i : i + 1] == literal:
                    out.append(literal)
                    i += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


def _glob_regex(text: str, dialect: str) -> str:
    words = text.split()
    wild = _SCRIPT_WORD_CLASS.get(_script(text), _WORD_CLASS[dialect])
    pieces = []
    for word in words:
        pieces.append("".join(wild + "*" if c == "*" else wild if c == "?" else _escape(c) for c in word))
    return f"{_WS}+".join(pieces)


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True)
class Pattern:
    """One pattern of a frame.

    Attributes
    ----------
    pattern : str
        The pattern as written in the dictionary (the ``pattern`` column of hits).
    kind : {"phrase", "glob", "regex"}
    variants : bool
        Expand a phrase into variants (see the module docstring).
    case : bool
        Case-sensitive when True.
    inflect : bool
        With ``variants``, also generate inflections (plurals, verb forms);
        False gives case, spacing, hyphen, quote and spelling variants only
        (the default for exclusions: they remove only what they say).
    language : str
        ISO 639-1 code; English words get spelling and inflection variants.
        Phrases with Han characters get simplified and traditional forms in
        any language but "ja" and "ko", when the ``opencc`` package is
        installed (:func:`script_variants_available`); without it they match
        as written.
    """

    pattern: str
    kind: str = "phrase"
    variants: bool = True
    case: bool = False
    language: str = "en"
    inflect: bool = True

    def regex(self, dialect: str = "pcre") -> str:
        """The expanded regular expression, without word boundaries.

        ``dialect`` is "pcre" (hyperscan and RE2) or "python" (``re``); they
        differ only in the class used for glob wildcards.
        """
        if self.kind == "regex":
            return _portable_regex(self.pattern)
        if self.kind == "glob":
            return _glob_regex(self.pattern, dialect)
        return _phrase_regex(self.pattern, variants=self.variants, language=self.language, inflect=self.inflect)


@dataclass(frozen=True)
class Frame:
    """A frame: an id, a label, a description, patterns and exclusions."""

    id: str
    label: str
    description: str = ""
    patterns: tuple[Pattern, ...] = ()
    exclude: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class FrameDictionary:
    """A loaded frame dictionary.

    Attributes
    ----------
    name, version, description : str
    frames : tuple of Frame
        In dictionary order (the tie-break order of overlapping hits).
    source : str
        The file it was read from ("" when built in code).
    sha256 : str
        Hash of the canonical content (comments and layout do not count), for
        report provenance.
    """

    name: str
    version: str
    description: str = ""
    frames: tuple[Frame, ...] = ()
    source: str = ""
    sha256: str = field(default="", compare=False)

    def __post_init__(self):
        if not self.sha256:
            object.__setattr__(self, "sha256", _content_hash(self))

    def __getstate__(self) -> dict:
        # A dictionary sent to Dask workers or other processes carries its phrases' expanded
        # regexes, so a worker neither loads the English lexicon and Russian morphology (about
        # 110 MB each) nor expands the phrases again.
        state = dict(self.__dict__)
        state["_phrase_regexes"] = {
            _phrase_key(p): p.regex() for frame in self.frames for p in (*frame.patterns, *frame.exclude)
            if p.kind == "phrase"
        }
        return state

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        _SENT_PHRASE_REGEXES.update(state.pop("_phrase_regexes", {}))
        self.__dict__.update(state)

    @property
    def frame_ids(self) -> list[str]:
        return [frame.id for frame in self.frames]

    def to_frame(self) -> pd.DataFrame:
        """One row per pattern: frame, label, role ("pattern" or "exclude"),
        pattern, kind, variants, case, language, regex (the expansion), forms
        (a Russian phrase's case and number forms joined by " | ", else the pattern)."""
        rows = [
            {
                "frame": frame.id,
                "label": frame.label,
                "role": role,
                "pattern": p.pattern,
                "kind": p.kind,
                "variants": p.variants,
                "case": p.case,
                "language": p.language,
                "regex": p.regex(),
                "forms": " | ".join(phrase_forms(p.pattern)) if p.kind == "phrase" and p.variants and p.language == "ru" else p.pattern,
            }
            for frame in self.frames
            for role, patterns in (("pattern", frame.patterns), ("exclude", frame.exclude))
            for p in patterns
        ]
        columns = ["frame", "label", "role", "pattern", "kind", "variants", "case", "language", "regex", "forms"]
        return pd.DataFrame(rows, columns=columns)


def _hashed(pattern: Pattern, *, inflect: bool) -> dict:
    """A pattern's fields for the hash; ``inflect`` only when not the default
    (so that hashes from before the field existed still hold)."""
    fields = dict(vars(pattern))
    if fields["inflect"] == inflect:
        del fields["inflect"]
    return fields


def _content_hash(dictionary: FrameDictionary) -> str:
    content = {
        "name": dictionary.name,
        "version": dictionary.version,
        "description": dictionary.description,
        "frames": [
            {
                "id": f.id,
                "label": f.label,
                "description": f.description,
                "patterns": [_hashed(p, inflect=True) for p in f.patterns],
                "exclude": [_hashed(p, inflect=False) for p in f.exclude],
            }
            for f in dictionary.frames
        ],
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- loading


def _short(value, limit: int = 80) -> str:
    """``repr(value)`` cut to *limit* characters (error messages never embed huge values)."""
    text = reprlib.repr(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'" + text[-1:]


_REPEATS = (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT) + (
    (_sre_constants.POSSESSIVE_REPEAT,) if hasattr(_sre_constants, "POSSESSIVE_REPEAT") else ()
)
_ANCHORS = {
    _sre_constants.AT_BEGINNING, _sre_constants.AT_BEGINNING_STRING,
    _sre_constants.AT_END, _sre_constants.AT_END_STRING,
}  # fmt: skip


def _children(op, av) -> list:
    """Sub-patterns of one node of a parsed regex (``re``'s own parser)."""
    c = _sre_constants
    if op is c.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op is c.SUBPATTERN:
        return [av[3]]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op is getattr(c, "ATOMIC_GROUP", None):
        return [av]
    if op is c.GROUPREF_EXISTS:
        return [x for x in av[1:] if x is not None]
    return []


def _nodes(parsed, depth: int = 0):
    """(op, av, repeats around it) of every node of a parsed regex."""
    for op, av in parsed:
        yield op, av, depth
        inner = depth + (op in _REPEATS and av[1] > 1)
        for child in _children(op, av):
            yield from _nodes(child, inner)


def nested_quantifier(regex: str) -> bool:
    """True when *regex* repeats something that itself repeats (``(a+)+``,
    ``(\\w+\\s?)*``): exponential backtracking in Python ``re`` (the
    matcher refuses such regexes when neither hyperscan nor RE2 can take them)."""
    return any(op in _REPEATS and av[1] > 1 and depth >= 1 for op, av, depth in _nodes(_sre_parser.parse(regex)))


def _check_pattern(pattern: Pattern, where: str) -> None:
    """Refuse patterns that would run away: anchors (engines disagree on what
    they anchor to) and patterns that can match the empty string."""
    if pattern.kind == "regex":
        try:
            parsed = _sre_parser.parse(pattern.pattern)
        except re.error as error:
            raise DictionaryError(f"{where}: regex {_short(pattern.pattern)} does not compile: {error}") from None
        if any(op is _sre_constants.AT and av in _ANCHORS for op, av, _ in _nodes(parsed)):
            raise DictionaryError(
                f"{where}: regex {_short(pattern.pattern)} uses an anchor (^, $, \\A or \\Z); hits never span "
                "articles and start and end at word edges already: drop the anchor"
            )
    try:
        width = _sre_parser.parse(pattern.regex("python")).getwidth()[0]
    except re.error as error:
        raise DictionaryError(f"{where}: {pattern.kind} {_short(pattern.pattern)} does not compile: {error}") from None
    if width == 0:
        raise DictionaryError(f"{where}: {pattern.kind} {_short(pattern.pattern)} can match the empty string; give it at least one character to match")


def _pattern(entry, *, where: str, language: str, default_kind: str = "phrase", inflect: bool = True) -> Pattern:
    if isinstance(entry, str):
        entry = {"pattern": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str) or not entry["pattern"].strip():
        raise DictionaryError(f"{where}: a pattern must be a non-empty string or a mapping with a 'pattern' string, got {_short(entry)}")
    unknown = set(entry) - {"pattern", "kind", "variants", "case", "language", "inflect"}
    if unknown:
        raise DictionaryError(f"{where}: pattern {_short(entry['pattern'])} has unknown key(s) {_short(sorted(map(str, unknown)))}")
    kind = entry.get("kind", default_kind)
    if kind not in KINDS:
        raise DictionaryError(f"{where}: pattern {_short(entry['pattern'])} has kind {_short(kind)}; use one of {KINDS}")
    for key in ("variants", "case", "inflect"):
        if key in entry and not isinstance(entry[key], bool):
            raise DictionaryError(f"{where}: pattern {_short(entry['pattern'])}: {key} must be true or false")
    pattern = Pattern(
        pattern=entry["pattern"].strip(),
        kind=kind,
        variants=entry.get("variants", True),
        case=entry.get("case", False),
        language=str(entry.get("language", language)),
        inflect=entry.get("inflect", inflect),
    )
    _check_pattern(pattern, where)
    return pattern


def _frame(frame_id, entry, *, where: str, language: str) -> Frame:
    where = f"{where}, frame {frame_id!r}"
    if not isinstance(entry, dict):
        raise DictionaryError(f"{where}: expected a mapping with label and patterns")
    unknown = set(entry) - {"label", "description", "patterns", "exclude"}
    if unknown:
        raise DictionaryError(f"{where}: unknown key(s) {sorted(unknown)}")
    if not isinstance(entry.get("label"), str) or not entry["label"].strip():
        raise DictionaryError(f"{where}: missing 'label'")
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise DictionaryError(f"{where}: 'patterns' must be a non-empty list")
    exclude = entry.get("exclude") or []
    if not isinstance(exclude, list):
        raise DictionaryError(f"{where}: 'exclude' must be a list")
    return Frame(
        id=str(frame_id),
        label=entry["label"].strip(),
        description=str(entry.get("description") or "").strip(),
        patterns=tuple(_pattern(p, where=where, language=language) for p in patterns),
        exclude=tuple(_pattern(p, where=f"{where} (exclude)", language=language, inflect=False) for p in exclude),
    )


def _quanteda_kind(value) -> str:
    """quanteda's valuetype for an entry: glob with ``*`` or ``?``, else a phrase (variants on)."""
    return "glob" if isinstance(value, str) and ("*" in value or "?" in value) else "phrase"


def _quanteda_frames(mapping, *, where: str, prefix: str = "") -> list[Frame]:
    frames = []
    for key, value in mapping.items():
        frame_id = f"{prefix}{key}"
        if isinstance(value, dict):
            frames += _quanteda_frames(value, where=where, prefix=f"{frame_id}.")
        elif isinstance(value, (list, str)):
            values = [value] if isinstance(value, str) else value
            patterns = tuple(
                _pattern(v, where=f"{where}, key {_short(frame_id)}", language="en", default_kind=_quanteda_kind(v)) for v in values
            )
            if not patterns:
                raise DictionaryError(f"{where}, key {_short(frame_id)}: no patterns")
            frames.append(Frame(id=frame_id, label=frame_id, patterns=patterns))
        else:
            raise DictionaryError(f"{where}, key {_short(frame_id)}: expected a list of patterns or nested keys")
    return frames


def frame_dictionary(data: dict, *, source: str = "<dict>") -> FrameDictionary:
    """Build a :class:`FrameDictionary` from parsed YAML (either format)."""
    if not isinstance(data, dict) or not data:
        raise DictionaryError(f"{source}: expected a mapping at the top level")
    if "frames" not in data and ({"name", "version"} & set(data)):
        raise DictionaryError(f"{source}: missing 'frames' (a mapping of frame ids to label and patterns)")
    if "frames" not in data:  # quanteda style: keys -> glob lists
        frames = _quanteda_frames(data, where=source)
        return FrameDictionary(name=Path(source).stem, version="", frames=tuple(frames), source=source)
    for key in ("name", "version"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise DictionaryError(f"{source}: missing '{key}' (a string; quote versions: version: \"1.0.0\")")
    if not isinstance(data["frames"], dict) or not data["frames"]:
        raise DictionaryError(f"{source}: 'frames' must be a non-empty mapping of frame ids")
    language = str(data.get("language", "en"))
    frames = tuple(_frame(k, v, where=source, language=language) for k, v in data["frames"].items())
    return FrameDictionary(
        name=data["name"].strip(),
        version=data["version"].strip(),
        description=str(data.get("description") or "").strip(),
        frames=frames,
        source=source,
    )


class _UniqueKeyLoader(yaml.SafeLoader):
    """Safe YAML loading that rejects duplicate keys (a repeated frame id would
    otherwise silently replace the first)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {_short(key)}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def is_dictionary_path(frames) -> bool:
    """True when *frames* names a YAML dictionary file (a path, or a string ending in .yaml/.yml)
    rather than being a FrameDictionary or phrases to look for."""
    return isinstance(frames, os.PathLike) or (isinstance(frames, str) and frames.lower().endswith((".yaml", ".yml")))


def load_frames(path) -> FrameDictionary:
    """Read a frame dictionary from a YAML file (this format or quanteda's).

    Parameters
    ----------
    path : str or pathlib.Path, or FrameDictionary (returned unchanged)

    Returns
    -------
    FrameDictionary

    Raises
    ------
    DictionaryError
        The file is missing, not YAML, or malformed; the message names the
        file and the frame or pattern.
    """
    if isinstance(path, FrameDictionary):
        return path
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # safe: a SafeLoader subclass
    except OSError as error:
        raise DictionaryError(f"{path}: cannot read the dictionary: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise DictionaryError(f"{path}: not valid YAML: {error}") from None
    _check_expansion(data, path)
    return frame_dictionary(data, source=str(path))


#: Most values (mappings, lists and scalars, counted once per place they
#: appear) a dictionary file may hold once YAML aliases are expanded.
MAX_YAML_VALUES = 200_000


def _check_expansion(data, path) -> None:
    """Refuse YAML whose aliases expand past :data:`MAX_YAML_VALUES` values
    ("billion laughs": a few lines of anchors that expand to gigabytes)."""
    stack, seen = [data], 0
    while stack:
        value = stack.pop()
        seen += 1
        if seen > MAX_YAML_VALUES:
            raise DictionaryError(
                f"{path}: the YAML expands past {MAX_YAML_VALUES:,} values (anchors and aliases "
                "repeated: a 'billion laughs' file?); write the dictionary out without aliases"
            )
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


# --------------------------------------------------------------------------- editing a dictionary file


def add_exclusions(
    dictionary_path: str | Path, exclusions: pd.DataFrame | Mapping[str, Iterable[str]], *, out_path: str | Path
) -> pd.DataFrame:
    """Write exclusion phrases into a frame dictionary's per-frame ``exclude:`` lists.

    The file is edited as text, so comments, key order and quoting elsewhere
    are kept; the version's patch number goes up by one when anything is
    added ("1.2.3" -> "1.2.4"). The result is re-read and compared with the
    intended change before it is written.

    Parameters
    ----------
    dictionary_path : str or pathlib.Path
        A frame dictionary YAML (the format of this module's docstring: ``frames:`` mapping
        frame ids to blocks, each with an optional ``exclude:`` list).
    exclusions : pandas.DataFrame or mapping
        Output of :func:`toolkit.validation.exclusions_from_coding` (columns ``frame`` and
        ``exclusion``), or ``{frame: [phrase, ...]}``.
    out_path : str or pathlib.Path
        Where to write the new dictionary (may be *dictionary_path* itself).

    Returns
    -------
    pandas.DataFrame
        ``frame``, ``exclusion``, ``status`` (``"added"`` or ``"already present"``,
        compared case-insensitively); ``attrs["version"]`` is the new version.
    """
    path = Path(dictionary_path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DictionaryError(f"{path}: not valid YAML ({error}).") from error
    if not isinstance(data, dict) or not isinstance(data.get("frames"), dict):
        raise DictionaryError(f"{path}: no 'frames:' mapping; is this a frame dictionary?")
    wanted = _exclusions_by_frame(exclusions)
    unknown = sorted(set(wanted) - set(data["frames"]))
    if unknown:
        raise ParameterError(f"add_exclusions: exclusions name frame(s) {unknown} that {path} does not define.")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    expected = copy.deepcopy(data)
    report = []
    for frame, phrases in wanted.items():
        block = expected["frames"][frame]
        present = {_exclusion_text(e).casefold() for e in (block.get("exclude") or [])}
        new = []
        for phrase in phrases:
            status = "already present" if phrase.casefold() in present else "added"
            report.append((frame, phrase, status))
            if status == "added":
                new.append(phrase)
                present.add(phrase.casefold())
        if new:
            lines = _insert_exclusions(lines, frame, new, block.get("exclude"), newline, path)
            block["exclude"] = list(block.get("exclude") or []) + new
    new_text = "".join(lines)
    if any(status == "added" for _, _, status in report):
        new_text, expected["version"] = _bump_patch(new_text, data.get("version"), path)
    if yaml.safe_load(new_text) != expected:
        raise DictionaryError(
            f"{path}: could not add the exclusions without changing other entries (unusual layout?); "
            "add them to the frames' exclude: lists by hand."
        )
    Path(out_path).write_text(new_text, encoding="utf-8", newline="")
    result = pd.DataFrame(report, columns=["frame", "exclusion", "status"])
    result.attrs["version"] = str(expected.get("version"))
    return result


def _exclusions_by_frame(exclusions) -> dict[str, list[str]]:
    if isinstance(exclusions, pd.DataFrame):
        missing = [c for c in ("frame", "exclusion") if c not in exclusions.columns]
        if missing:
            raise ParameterError(f"add_exclusions: exclusions lacks column(s) {missing}; pass exclusions_from_coding() output.")
        pairs = zip(exclusions["frame"], exclusions["exclusion"])
    elif isinstance(exclusions, Mapping):
        pairs = ((frame, phrase) for frame, phrases in exclusions.items() for phrase in ([phrases] if isinstance(phrases, str) else phrases))
    else:
        raise ParameterError("add_exclusions: exclusions must be a DataFrame (frame, exclusion) or a {frame: [phrases]} mapping.")
    wanted: dict[str, list[str]] = {}
    for frame, phrase in pairs:
        phrase = " ".join(str(phrase).split())
        if not phrase:
            raise ParameterError(f"add_exclusions: an exclusion for frame {frame!r} is empty.")
        if phrase.casefold() not in {p.casefold() for p in wanted.setdefault(str(frame), [])}:
            wanted[str(frame)].append(phrase)
    return wanted


def _exclusion_text(entry) -> str:
    return str(entry.get("pattern", "")) if isinstance(entry, dict) else str(entry)


def _yaml_scalar(phrase: str) -> str:
    """*phrase* as a YAML scalar: plain when that reads back unchanged, else double-quoted."""
    if re.fullmatch(r"[\w][\w .'\-]*", phrase) and yaml.safe_load(phrase) == phrase:
        return phrase
    return json.dumps(phrase, ensure_ascii=False)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _insert_exclusions(lines, frame, phrases, existing, newline, path) -> list[str]:
    """Return *lines* with *phrases* appended to *frame*'s exclude list (block style)."""
    lines = list(lines)
    frames_at = next((i for i, line in enumerate(lines) if re.match(r"frames:\s*(#.*)?$", line.rstrip("\r\n"))), None)
    if frames_at is None:
        raise DictionaryError(f"{path}: 'frames:' must be a block at the top level to add exclusions automatically.")
    key = re.compile(rf"""\s+["']?{re.escape(frame)}["']?:\s*(#.*)?$""")
    start = next((i for i in range(frames_at + 1, len(lines)) if key.fullmatch(lines[i].rstrip("\r\n"))), None)
    if start is None:
        raise DictionaryError(f"{path}: frame {frame!r} is not written as a block ('{frame}:' on its own line).")
    frame_indent = _indent(lines[start])
    end = start + 1
    while end < len(lines) and (not _is_content(lines[end]) or _indent(lines[end]) > frame_indent):
        end += 1
    content = [i for i in range(start + 1, end) if _is_content(lines[i])]
    last = content[-1] if content else start
    child = _indent(lines[content[0]]) if content else frame_indent + 2
    exclude_at = next((i for i in content if _indent(lines[i]) == child and lines[i].strip().startswith("exclude:")), None)
    if exclude_at is None:
        block = [" " * child + "exclude:" + newline] + _items(map(_yaml_scalar, phrases), child + 2, newline)
        return _insert_after(lines, last, block, newline)
    rest = lines[exclude_at].strip()[len("exclude:") :].strip()
    if rest and not rest.startswith("#"):  # flow style, e.g. exclude: [] or [a, b]: rewrite as a block
        old = [_yaml_scalar(_exclusion_text(e)) for e in (existing or [])]
        block = [" " * child + "exclude:" + newline] + _items(old + [_yaml_scalar(p) for p in phrases], child + 2, newline)
        return lines[:exclude_at] + block + lines[exclude_at + 1 :]
    items = []
    for i in range(exclude_at + 1, end):
        if _is_content(lines[i]):
            if _indent(lines[i]) < child or (_indent(lines[i]) == child and not lines[i].lstrip().startswith("- ")):
                break
            items.append(i)
    item_indent = _indent(lines[items[0]]) if items else child + 2
    return _insert_after(lines, items[-1] if items else exclude_at, _items(map(_yaml_scalar, phrases), item_indent, newline), newline)


def _items(scalars, indent: int, newline: str) -> list[str]:
    return [" " * indent + "- " + scalar + newline for scalar in scalars]


def _insert_after(lines, index, new, newline) -> list[str]:
    if not lines[index].endswith(("\n", "\r")):
        lines[index] += newline
    return lines[: index + 1] + new + lines[index + 1 :]


def _bump_patch(text: str, version, path) -> tuple[str, str]:
    match = re.search(r"""^(version:\s*)(["']?)(\d+)\.(\d+)\.(\d+)\2""", text, flags=re.M)
    if match is None:
        raise DictionaryError(f"{path}: version {version!r} is not MAJOR.MINOR.PATCH at the top level; cannot bump it.")
    new_version = f"{match[3]}.{match[4]}.{int(match[5]) + 1}"
    replaced = text[: match.start()] + f"{match[1]}{match[2]}{new_version}{match[2]}" + text[match.end() :]
    return replaced, new_version
