"""Russian word forms: lemmas for counting, and every case form of a dictionary phrase.

Both come from pymorphy3 (Korobov 2015, "Morphological Analyzer and Generator
for Russian and Ukrainian Languages") with the OpenCorpora dictionary of the
``pymorphy3-dicts-ru`` wheel; nothing is downloaded.

* :func:`lemma` is the normal form of a word's most probable parse
  ("революциями" -> "революция"), used by ``lemmatize=True`` in
  :class:`toolkit.tokens.TokenSettings`.
* :func:`phrase_forms` lists the forms of a phrase in all six cases and both
  numbers, adjectives agreeing with their noun in case, number, gender and
  (in the accusative) animacy: "цветная революция" gives "цветных
  революций", "цветной революции", "цветную революцию", ... The head is the
  first noun before any preposition or verb of the phrase; adjectives and
  participles right before it agree with it; words after it stay as written
  ("вмешательство во внутренние дела" inflects "вмешательство" only). A
  phrase without such a noun that starts with a verb gets that verb's forms;
  any other phrase stays as written.
"""

from __future__ import annotations

import functools
import re

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
NUMBERS = ("sing", "plur")
_AGREEING = {"ADJF", "PRTF"}
_WORD = re.compile(r"\S+")
_RUSSIAN_WORD = re.compile(r"[а-яёА-ЯЁ]+(?:-[а-яёА-ЯЁ]+)*")


@functools.lru_cache(maxsize=1)
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Dictionary form (lower case) of a Russian word, from its most probable parse."""
    return _analyzer().parse(word)[0].normal_form


def _noun_parse(word: str):
    """The parse of *word* as a noun in the nominative (else any noun), or None."""
    parses = [p for p in _analyzer().parse(word) if p.tag.POS == "NOUN"]
    nominative = [p for p in parses if "nomn" in p.tag]
    return (nominative or parses or [None])[0]


def _agreeing_parse(word: str):
    parses = [p for p in _analyzer().parse(word) if p.tag.POS in _AGREEING]
    nominative = [p for p in parses if "nomn" in p.tag]
    return (nominative or parses or [None])[0]


def _inflect(parse, grammemes: set[str]):
    form = parse.inflect(grammemes)
    if form is None and grammemes & {"anim", "inan"}:
        form = parse.inflect(grammemes - {"anim", "inan"})
    return form


def _like(written: str, form: str) -> str:
    """*form* in the letter case of *written* (capitalised or all capitals)."""
    if written.isupper() and len(written) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if written[:1].isupper() else form


def phrase_forms(text: str) -> list[str]:
    """Every case and number form of a Russian phrase, the phrase as written first.

    Parameters
    ----------
    text : str
        Words separated by spaces ("цветная революция").

    Returns
    -------
    list of str
        Distinct forms, words joined by single spaces, in the letter case of
        the words as written (matching is case-insensitive anyway).
    """
    words = _WORD.findall(text)
    forms = [" ".join(words)]
    if not words:
        return forms
    head = None
    for i, word in enumerate(words):
        if not _RUSSIAN_WORD.fullmatch(word):
            break  # a name in Latin letters, a quotation mark, a number: as written from here
        if _analyzer().parse(word.lower())[0].tag.POS in ("PREP", "INFN", "VERB"):
            break  # what follows a preposition or verb is governed by it: as written
        if _noun_parse(word.lower()) is not None and _agreeing_parse(word.lower()) is None:
            head = i
            break
    if head is None:
        return (_verb_forms(words) if _RUSSIAN_WORD.fullmatch(words[0]) else []) or forms
    noun = _noun_parse(words[head].lower())
    first = head
    while first > 0 and _agreeing_parse(words[first - 1].lower()) is not None:
        first -= 1
    modifiers = [_agreeing_parse(w.lower()) for w in words[first:head]]
    animacy = "anim" if "anim" in noun.tag else "inan"
    for number in NUMBERS:
        for case in CASES:
            noun_form = noun.inflect({number, case})
            if noun_form is None:
                continue
            wanted = {number, case}
            if number == "sing" and noun.tag.gender in ("masc", "femn", "neut"):
                wanted.add(noun.tag.gender)
            if case == "accs":
                wanted.add(animacy)
            agreeing = [_inflect(m, wanted) for m in modifiers]
            if any(a is None for a in agreeing):
                continue
            new = [a.word for a in agreeing] + [noun_form.word]
            written = words[first : head + 1]
            forms.append(" ".join(words[:first] + [_like(w, f) for w, f in zip(written, new)] + words[head + 1 :]))
    return list(dict.fromkeys(forms))


def _verb_forms(words: list[str]) -> list[str]:
    """Forms of a phrase that starts with a verb: the verb's finite forms,
    infinitive and gerunds; the other words as written."""
    parses = [p for p in _analyzer().parse(words[0].lower()) if p.tag.POS in ("INFN", "VERB")]
    if not parses:
        return []
    forms = [" ".join(words)]
    for form in parses[0].lexeme:
        if form.tag.POS in ("INFN", "VERB", "GRND"):
            forms.append(" ".join([_like(words[0], form.word)] + words[1:]))
    return list(dict.fromkeys(forms))
