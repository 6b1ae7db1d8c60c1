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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from toolkit.errors import DictionaryError, ParameterError
from toolkit.morphology import phrase_forms
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
#: Number words that are nouns: plurals only ("hundreds", "millions").
_NUMBER_NOUNS = frozenset("hundred thousand million billion trillion dozen".split())
#: Adjectives with no telling suffix, frequent in news framing: left alone.
_ADJECTIVES = frozenset(
    """foreign western eastern northern southern cold hot soft hard new old big
    small large great high low main outside inside overseas abroad""".split()
)
#: Nouns and adjectives that are not verbs, with no telling suffix: plurals only.
#: ("person": "people" is not added, being also a collective noun, "the Kazakh people".)
_NOT_VERBS = frozenset("human hostile evil affair person people".split())
#: Words with a noun or adjective suffix below that are verbs all the same.
_VERBS_DESPITE_SUFFIX = frozenset(
    """signal spiral total rival equal disable embed insist resist persist assist
    consist exist enlist twist implement document comment experiment supplement
    complement torment lament question mention sanction position function
    station petition caution condition partition commission envision worship
    witness harness influence reference experience sentence silence evidence
    commence sequence license licence balance finance advance glance enhance
    distance""".split()
)
#: Suffixes of adjectives that take no inflection at all.
_ADJECTIVE_SUFFIXES = ("ous", "ful", "less")
#: Suffixes of nouns (and of adjectives used as nouns: "officials", "critics",
#: "representatives") that are not verbs: plurals only.
_NOUN_SUFFIXES = (
    "tion", "sion", "ism", "ist", "ity", "ty", "cy", "ness", "ship", "hood", "ment", "ology", "ogy", "ony", "omy",
    "ence", "ance", "al", "tive", "sive", "ic", "able", "ible", "ary", "ian",
)  # fmt: skip
#: Irregular plurals (a short list of common English nouns, compiled for this
#: toolkit; plurals in -ses, -a, -men, -ren, -ves, -oes). Only the listed
#: forms are generated for these words: no regular plural, no verb forms.
IRREGULAR_PLURALS = dict(
    pair.split()
    for pair in """crisis crises; analysis analyses; thesis theses; basis bases; hypothesis hypotheses;
    diagnosis diagnoses; synthesis syntheses; emphasis emphases; phenomenon phenomena; criterion criteria;
    man men; woman women; child children; foot feet; thief thieves; wife wives; life lives; wolf wolves;
    half halves; knife knives; shelf shelves; hero heroes; potato potatoes; tomato tomatoes""".split(";")
)
#: Plural forms that also are regular plurals of another word: not reduced.
_AMBIGUOUS_PLURALS = frozenset({"bases"})
#: Nouns in -o whose plural and third person is -oes; verbs too (vetoed, embargoed).
_OES = frozenset("veto embargo echo torpedo".split())
#: First parts of compounds in -man/-woman (plural -men/-women).
_MAN_COMPOUNDS = frozenset(
    """police chair spokes congress gun service business states country fisher
    camera front strong middle sales trades kins clergy fire news anchor
    council alder assembly committee sports horse noble""".split()
)
#: Irregular verbs (a short list of common English verbs, compiled for this
#: toolkit, kept to those of news reporting and conflict): base, then past
#: and past participle, then -ing forms that the rules get wrong. Third
#: person and -ing come from the rules; no regular -ed form is generated.
IRREGULAR_VERBS = {
    entry.split()[0]: tuple(entry.split()[1:])
    for entry in """arise arose arisen; beat beaten; become became; begin began begun beginning; blow blew blown;
    break broke broken; bring brought; broadcast; build built; burst; buy bought; catch caught; choose chose chosen;
    come came; cost; cut; deal dealt; draw drew drawn; drive drove driven; fall fell fallen; feel felt; fight fought;
    flee fled; fly flew flown flies; forbid forbade forbidden forbidding; forget forgot forgotten forgetting;
    freeze froze frozen; get got gotten; give gave given; grow grew grown; hide hid hidden; hit; hold held; hurt;
    keep kept; know knew known; lay laid; lead led; leave left; lend lent; lose lost; make made; mean meant; meet met;
    mislead misled; overthrow overthrew overthrown; panic panicked panicking; pay paid; put; quit; rise rose risen;
    run ran; say said; seek sought; sell sold; send sent; set; shake shook shaken; shoot shot; show showed shown;
    shut; speak spoke spoken; spend spent; spread; stand stood; steal stole stolen; strike struck stricken;
    swear swore sworn; take took taken; teach taught; tear tore torn; tell told; think thought; throw threw thrown;
    traffic trafficked trafficking; understand understood; undertake undertook undertaken; uphold upheld; win won;
    withdraw withdrew withdrawn; withhold withheld; withstand withstood; write wrote written""".split(";")
}
#: Past forms of the irregular verbs: written in a dictionary, they are left alone.
_IRREGULAR_PAST = frozenset(form for forms in IRREGULAR_VERBS.values() for form in forms if not form.endswith("ing")) - set(IRREGULAR_VERBS)
#: Singulars of plurals in -ses that drop -es (all other -ses plurals drop -s: cases, causes).
_ES_AFTER_S = frozenset("bus gas virus bias status bonus campus census consensus alias atlas focus lens canvas corpus".split())
#: Final letters after which a consonant doubles before -ed/-ing in polysyllables.
_DOUBLING_ENDINGS = ("l", "fer", "cur", "mit", "pel", "gret", "bet")
_NOT_PLURAL = frozenset(
    "news series species means politics economics physics ethics lens this its always perhaps whereas media data".split()
)
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


def _spellings(word: str) -> set[str]:
    """US/UK spelling variants of *word*, case of unchanged letters kept."""
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
    match = re.search(r"([iy])([zs])(e|es|ed|ing|ation|ations|er|ers)$", lower)
    if match and len(lower) >= 5:
        i = match.start(2)
        out.add(word[:i] + ("s" if match.group(2) == "z" else "z") + word[i + 1 :])
    return out


def _singulars(word: str) -> set[str]:
    """The base form(s) of *word*: its singular when it looks like a regular plural."""
    if word in _NOT_PLURAL or len(word) < 4 or word.endswith(("ss", "us", "is")):
        return {word}
    if word.endswith("ies"):
        return {word[:-3] + "y"}
    if word.endswith("sses") or word.endswith("zzes") or word[:-2] in _ES_AFTER_S:
        return {word[:-2]}
    if word.endswith("es") and word[:-2].endswith(("x", "ch", "sh")):
        return {word[:-2]}
    if word.endswith("s"):
        return {word[:-1]}  # cases -> case, forces -> force
    return {word}


def _has_suffix(word: str, suffixes) -> bool:
    """True when *word* ends with one of *suffixes* after a stem of 3 letters
    or more (4 before -ty and -cy: "party" and "fancy" are verbs too)."""
    return any(word.endswith(x) and len(word) - len(x) >= (4 if x in ("ty", "cy") else 3) for x in suffixes)


def _word_class(base: str) -> str:
    """How a lower-case English base form inflects: "none" (numerals,
    adjectives, participles), "noun" (plurals only) or "any" (plurals and verb
    forms). Rules of thumb from suffixes and short lists; a word they do not
    recognise gets every form, since a form that never occurs costs nothing
    but automaton size."""
    if base in _NUMBER_NOUNS or base in _NOT_VERBS:
        return "noun"
    if base in NUMERALS or base in _ADJECTIVES or _has_suffix(base, _ADJECTIVE_SUFFIXES):
        return "none"
    if base in _VERBS_DESPITE_SUFFIX:
        return "any"
    if _has_suffix(base, ("ed",)) and not base.endswith("eed") and re.search("[aeiouy]", base[:-2]):
        return "none"  # a participle used as an adjective: "armed", "alleged"
    if _has_suffix(base, ("ing",)) and re.search("[aeiouy]", base[:-3]):
        return "noun"  # a gerund: "peacekeeping", "bombings" (but "bring", "string" are verbs)
    if _has_suffix(base, _NOUN_SUFFIXES) and not base.endswith("eal"):  # "deal", "reveal" are verbs
        return "noun"
    return "any"


def _irregular_forms(word: str) -> set[str] | None:
    """Every form of *word* when it is in the irregular tables, else None."""
    singular = next((s for s, p in IRREGULAR_PLURALS.items() if word == p and p not in _AMBIGUOUS_PLURALS), word)
    if singular in IRREGULAR_PLURALS:
        return {singular, IRREGULAR_PLURALS[singular]}
    man = re.fullmatch(r"(\w*?)(wo)?m[ae]n", word)
    if man and man.group(1) in _MAN_COMPOUNDS:
        stem = man.group(1) + (man.group(2) or "")
        return {stem + "man", stem + "men"}
    if word in _IRREGULAR_PAST:
        return {word}
    if word in IRREGULAR_VERBS:
        listed = set(IRREGULAR_VERBS[word])
        ruled = _inflections(word, past=False)
        if any(f.endswith("ing") for f in listed):  # "beginning", not "begining"
            ruled = {f for f in ruled if not f.endswith("ing")}
        return ruled | listed
    if word in _OES or word[:-2] in _OES and word.endswith("es"):
        base = word if word in _OES else word[:-2]
        return (_inflections(base) - {base + "s"}) | {base + "es"}
    return None


def _inflections(base: str, *, verb: bool = True, past: bool = True) -> set[str]:
    """Plural/3rd-person, and when *verb* -ing (and when *past* -ed) forms of
    an English base form."""
    vowels = "aeiou"
    consonant_y = base.endswith("y") and len(base) > 2 and base[-2] not in vowels
    if consonant_y:
        forms = {base, base[:-1] + "ies"}
    elif base.endswith(("s", "x", "z", "ch", "sh")):
        forms = {base, base + "es"}
    else:
        forms = {base, base + "s"}
    if not verb:
        return forms
    if consonant_y:
        forms |= {base[:-1] + "ied", base + "ing"}
    elif base.endswith("ee"):
        forms |= {base + "d", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
        cvc = len(base) >= 3 and base[-1] not in vowels + "cwxy" and base[-2] in vowels and base[-3] not in vowels
        one_syllable = len(re.findall("[aeiouy]+", base)) == 1
        if cvc and (one_syllable or base.endswith(_DOUBLING_ENDINGS)):
            # plot -> plotted; travel -> traveled and travelled, both kept
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    if not past:
        forms = {f for f in forms if not f.endswith("ed") or f == base}
    return forms


def word_forms(word: str, *, language: str = "en") -> list[str]:
    """All variant spellings and inflections of one English *word*, longest first.

    Capitalised words (names), acronyms, function words, numerals,
    non-English words and words with digits are returned unchanged: write
    lower case to get variants. Adjectives get none, nouns plurals only, other
    words plurals and verb forms (see :func:`_word_class`); irregular plurals
    and verbs come from :data:`IRREGULAR_PLURALS` and :data:`IRREGULAR_VERBS`.

    Examples
    --------
    >>> word_forms("interfere")
    ['interfering', 'interfered', 'interferes', 'interfere']
    >>> word_forms("crisis")
    ['crises', 'crisis']
    """
    plain = language == "en" and word.isascii() and word.isalpha() and len(word) >= 3
    if not plain or word in FUNCTION_WORDS or word in _NOT_PLURAL or not word.islower():
        return [word]
    irregular = _irregular_forms(word)
    if irregular is not None:
        return sorted(irregular, key=lambda f: (-len(f), f))
    forms = {word}
    for spelling in _spellings(word):
        for base in _singulars(spelling):
            for variant in _spellings(base):
                kind = _word_class(variant)
                forms |= {variant} if kind == "none" else _inflections(variant, verb=kind == "any")
    return sorted(forms, key=lambda f: (-len(f), f))


#: OpenCC configurations: to simplified (from OpenCC's traditional, Taiwan's
#: and Hong Kong's standards), then from simplified to each of those three.
_TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s")
_TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")
#: Languages whose Han characters follow other standards (Japanese shinjitai, Korean hanja).
_OWN_HAN_STANDARD = ("ja", "ko")


@functools.lru_cache(maxsize=1)
def _opencc_converters() -> dict | None:
    """OpenCC converters by configuration name, or None without ``opencc``."""
    try:
        import opencc
    except ImportError:
        return None
    return {config: opencc.OpenCC(config) for config in _TO_SIMPLIFIED + _TO_TRADITIONAL}


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


def _alternation(forms: list[str]) -> str:
    escaped = [_escape(f) for f in forms]
    return escaped[0] if len(escaped) == 1 else "(?:" + "|".join(escaped) + ")"


_PHRASE_TOKEN = re.compile(r"\w+|[^\w\s]")


def _phrase_regex(text: str, *, variants: bool, language: str, one_form: bool = False) -> str:
    """Regex of a phrase: words joined by separators, each word by its forms."""
    if variants and language == "ru" and not one_form:  # every case and number (toolkit.morphology)
        forms = [_phrase_regex(f, variants=True, language="ru", one_form=True) for f in phrase_forms(text)]
        return forms[0] if len(forms) == 1 else "(?:" + "|".join(forms) + ")"
    parts, previous_end = [], None
    for token in _PHRASE_TOKEN.finditer(text):
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
            parts.append(_alternation(chinese_forms(value)))
        elif language == "ru":
            parts.append("".join("[её]" if c in "её" else "[ЕЁ]" if c in "ЕЁ" else c for c in _escape(value)))
        else:
            parts.append(_alternation(word_forms(value, language=language)))
    if parts and parts[-1] == _SEPARATOR:
        parts.pop()
    return "".join(parts)


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

    def regex(self, dialect: str = "pcre") -> str:
        """The expanded regular expression, without word boundaries.

        ``dialect`` is "pcre" (hyperscan and RE2) or "python" (``re``); they
        differ only in the class used for glob wildcards.
        """
        if self.kind == "regex":
            return _portable_regex(self.pattern)
        if self.kind == "glob":
            return _glob_regex(self.pattern, dialect)
        return _phrase_regex(self.pattern, variants=self.variants, language=self.language)


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
                "patterns": [vars(p) for p in f.patterns],
                "exclude": [vars(p) for p in f.exclude],
            }
            for f in dictionary.frames
        ],
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- loading


def _pattern(entry, *, where: str, language: str, default_kind: str = "phrase") -> Pattern:
    if isinstance(entry, str):
        entry = {"pattern": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str) or not entry["pattern"].strip():
        raise DictionaryError(f"{where}: a pattern must be a non-empty string or a mapping with a 'pattern' string, got {entry!r}")
    unknown = set(entry) - {"pattern", "kind", "variants", "case", "language"}
    if unknown:
        raise DictionaryError(f"{where}: pattern {entry['pattern']!r} has unknown key(s) {sorted(unknown)}")
    kind = entry.get("kind", default_kind)
    if kind not in KINDS:
        raise DictionaryError(f"{where}: pattern {entry['pattern']!r} has kind {kind!r}; use one of {KINDS}")
    for key in ("variants", "case"):
        if key in entry and not isinstance(entry[key], bool):
            raise DictionaryError(f"{where}: pattern {entry['pattern']!r}: {key} must be true or false")
    pattern = Pattern(
        pattern=entry["pattern"].strip(),
        kind=kind,
        variants=entry.get("variants", True),
        case=entry.get("case", False),
        language=str(entry.get("language", language)),
    )
    if kind == "regex":
        try:
            compiled = re.compile(pattern.pattern)
        except re.error as error:
            raise DictionaryError(f"{where}: regex {pattern.pattern!r} does not compile: {error}") from None
        if compiled.match(""):
            raise DictionaryError(f"{where}: regex {pattern.pattern!r} matches the empty string")
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
        exclude=tuple(_pattern(p, where=f"{where} (exclude)", language=language) for p in exclude),
    )


def _quanteda_frames(mapping, *, where: str, prefix: str = "") -> list[Frame]:
    frames = []
    for key, value in mapping.items():
        frame_id = f"{prefix}{key}"
        if isinstance(value, dict):
            frames += _quanteda_frames(value, where=where, prefix=f"{frame_id}.")
        elif isinstance(value, (list, str)):
            values = [value] if isinstance(value, str) else value
            patterns = tuple(
                _pattern(v, where=f"{where}, key {frame_id!r}", language="en", default_kind="glob") for v in values
            )
            if not patterns:
                raise DictionaryError(f"{where}, key {frame_id!r}: no patterns")
            frames.append(Frame(id=frame_id, label=frame_id, patterns=patterns))
        else:
            raise DictionaryError(f"{where}, key {frame_id!r}: expected a list of patterns or nested keys")
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
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


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
    return frame_dictionary(data, source=str(path))


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
