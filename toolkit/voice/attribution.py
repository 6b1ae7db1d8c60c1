"""The attributions of an article (all languages) and the speaker each one names or refers to."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from toolkit.scripts import CYRILLIC_RE as _CYRILLIC, HAN_RE as _HAN
from toolkit.voice.chinese import _chinese_names, _ZH_PERSON_HINT, _ZH_PRONOUN, _ZH_PRONOUNS, _ZH_UNNAMED
from toolkit.voice.english import (
    _SAYING_AFTER,
    _INVERTED_UNNAMED,
    _object_follows,
    DEFINITE_TITLES,
    _impersonal_matches,
    _accused_matches,
    _that_clause_matches,
    _SAYING,
    _who_speaks_matches,
    _content_follows,
    _definite_matches,
    _group_matches,
    _DOCUMENT_NOUN,
    _DOCUMENT_OWNER,
    _pronoun_matches,
    _speaking_names,
    _unnamed_matches,
    _UNNAMED_NOUN,
    INSTITUTION_NOUNS,
)
from toolkit.voice.names import (
    _NAME,
    _sentence_subjects,
    _CALENDAR,
    _known_people,
    _lone_subject,
    _NAME_RUN,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    TITLE_WORDS,
    _strip_name,
    _SUBJECT_PREFIX,
    _surname,
    _with_of_part,
)
from toolkit.voice.quotes import _introduces_quotation, _is_tail
from toolkit.voice.russian import _RU_PRONOUN, _RU_PRONOUNS, _RU_UNNAMED, _russian_names

@dataclass
class _Attribution:
    position: int  # where the speaker's name (or pronoun) starts
    sentence: int
    name: str | None  # name as written, titles stripped; None for a pronoun
    pronoun: str | None = None
    speaker: str = ""  # resolved surname, "" when unresolved
    direct: bool = False  # it introduces a quotation right before or after it
    tail: bool = False  # a sentence of its own right after a quotation: “……。”王毅说。
    begin: int = -1  # where the attribution's text starts ("the Russian leader said": "the")
    end: int = -1  # where it ends (after the verb, or after the name of an inverted one)
    content: bool = True  # what was said follows it ("X said that ..."), so it covers what follows
    final: bool = True  # nothing but time, place or audience follows it: it covers what precedes
    labelling: bool = False  # 'called X "..."': it covers a quotation after it only
    institution: bool = False  # "the department said": an institution named before
    kind: str = "verb"  # verb, inverted, according, saying, other, labelling, claim, document, or the unnamed word's class
    until: int = -1  # where what it covers after it ends, when before its sentence's end ("a man accused of X-ing has been")
    how: str = ""  # how the speaker was found: name, chain, centre, titled, institution, body, unnamed, unresolved



def _unnamed_speech(text: str, han: bool, cyrillic: bool, cue_starts=(), nouns=()) -> list[re.Match]:
    """Matches of pronouns and unnamed speakers that speak ("he said", "officials told", 他说).

    *cue_starts* and *nouns* are what :func:`~toolkit.voice.english._anchors` finds in *text*.
    """
    matches = [_pronoun_matches(text, cue_starts), _definite_matches(text, cue_starts), _unnamed_matches(text, nouns),
               _group_matches(text, cue_starts),
               _impersonal_matches(text), _accused_matches(text), _that_clause_matches(text), _who_speaks_matches(text), _INVERTED_UNNAMED.finditer(text)]
    if han:
        matches += [_ZH_PRONOUN.finditer(text), _ZH_UNNAMED.finditer(text)]
    if cyrillic:
        matches += [_RU_PRONOUN.finditer(text), _RU_UNNAMED.finditer(text)]
    return list(itertools.chain.from_iterable(matches))


_MAIN_CLAUSE_GOES_ON = re.compile(
    r"[,;:]|[\s-](?:has|have|had|is|was|were|are|will|would|can|could|should|must|may|might|faces?|pleaded|appeared)\s"
)
_PARENTHETICAL_BEFORE = re.compile(r",\s*$")
_PARENTHETICAL_AFTER = re.compile(rf"\s*,(?!\s*[\"“‘'])(?!\s*(?:also\s+)?{_SAYING}\b)")
_APPOSITIVE_TAIL = re.compile(r"(?:,\s+(?:a|an|the|who|which)\s[^,.;:\"“”]*)?")

# Where a subject starts: back over a title in lower case ("the Russian ambassador to
# Syria, Alexander Kinshchak"), to the last punctuation before the name.
# A relative or subordinating word also opens a new clause: "a building that they said was across the
# street", "militants whom the ministry said were killed": what stands before it describes no speaker.
_CLAUSE_START = re.compile(
    r"[,;:\"“”()—–]|\s[-–—]\s|(?<![\w'’-])(?:that|which|who|whom|whose|where|because|but|while|although|though|if)\s"
)


_CONJUNCTION = re.compile(r"(?<![\w'’-])(?:and|but|while|whereas|although|though|because|if)\s+")


# A statement list: 'Rep. Ed Royce (R-Calif.): "I am very concerned ..."' (a name, its party tag, a colon
# and an opening quotation mark, at the start of a sentence or right after another quotation).
_LABEL_QUOTE = re.compile(r"(?:\s+\([RDI]-[\w.]+(?:[ \t][\w.]+)?\))?:[ \t]*(?=[\"“])")
_LABEL_BEFORE = re.compile(r"(?:^|[.!?\"”]\s*)$")


def _labelled_quotations(text, runs, s_start, s_end):
    """Yield (start, name start, name, end, "verb") of each name that labels the quotation after it."""
    for run in runs:
        after = _LABEL_QUOTE.match(text, run.end(), s_end)
        if after is None or not (run.start() == s_start or _LABEL_BEFORE.search(text, max(s_start, run.start() - 3), run.start())):
            continue
        person, tokens = _strip_name(run.group())
        # a person (a title or a first name before the surname), not "READ MORE" or a headline's word
        if len(person) >= 2 or (person and len(tokens) > len(person)) or after.group().strip(": \t"):
            yield run.start(), run.start(), run.group(), after.end(), "verb"


# A quotation closed by a comma and tagged by a name and a verb of its own that ends the clause:
# '"We are a completely united team ...," Priebus echoed in the interview.' Any verb in that place
# tags the quotation (echoed, quipped, mused), so it is not the previous speaker's continued.
_TAG_QUOTE_BEFORE = re.compile(r",[\"”]\s*$")
_TAG_VERB_AFTER = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:[a-z]{3,}ed|[a-z]{3,}[^s\W]s)\b"
    r"(?=\s*(?:[.;!?]|$|,|(?:in|on|at|during|after|before|from|with|as|while|when|via)\b))"  # not "failed to"
)


#: One-word short names of outlets and bodies a longer name ends in ("the Post" after "The Washington Post"),
#: each with the pattern of that longer name (one to three capitalised words before it).
_SHORT_BODY_NAMES = {
    short: re.compile(rf"(?<![\w'’.-])(?:[A-Z][\w.]*[ \t]+){{1,3}}{short}\b")
    for short in "Times Post Journal Herald Tribune Guardian Telegraph Department Senate Court Bureau Agency".split()
}
# A body's name cut at "and" or a hyphen: "the U.S.-China Economic and Security Review Commission said" is the
# whole Commission, not "Security Review Commission" (after "the", the words before "and" are capitalised).
_BODY_AND_BEFORE = re.compile(
    r"(?<![\w'’.-])(?:the|The)[ \t]+(?P<left>(?:[A-Z][\w.]*-)?[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,3})[ \t]+and[ \t]+$"
)
# "the St. Louis County Sheriff's Department said": a body's name runs across "'s" after these words only
# ("Russia's Foreign Ministry", "Trump's team" are owner and body)
_BODY_POSSESSOR_BEFORE = re.compile(
    r"(?<![\w'’.-])(?P<left>(?:[A-Z][\w.]*[ \t]+){0,3}(?:Sheriff|Attorney|Attorneys|People|Children|Women|Veterans"
    r"|Workers|Governor|Mayor|Prosecutor|Citizens|Farmers|Employers|Teachers|Nurses))['’]s[ \t]+$"
)


def _tagged_quotations(text, runs, s_start, s_end):
    """Yield (start, name start, name, end, "verb") of each name that tags the quotation before it with any verb."""
    for run in runs:
        if run.start() - s_start < 3 or not _TAG_QUOTE_BEFORE.search(text, max(s_start, run.start() - 4), run.start()):
            continue
        after = _TAG_VERB_AFTER.match(text, run.end(), s_end)
        if after is not None and _strip_name(run.group())[1]:
            yield run.start(), run.start(), run.group(), after.end(), "verb"


def _subject_start(text: str, s_start: int, begin: int) -> int:
    """Start of the subject whose name begins at *begin*: after the last clause mark before it."""
    last = s_start
    for mark in _CLAUSE_START.finditer(text, max(s_start, begin - 120), begin):
        last = mark.end()
    return last



_CLAUSE_BEFORE = re.compile(r"(?:,|\band|\bbut)\s+$")
_COMMA_CLAUSE = re.compile(r"\s*,\s+(?:[a-z]|[A-Z][a-z])")
_AS_BEFORE = re.compile(r"\s*[Aa]s\s+")


_QUANTIFIED_PLURAL = re.compile(r"(?:More|Many|Most|Some|Few|Fewer|All|Several|Both)\s+[A-Z][a-z]+s")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,6})\)")
_CONNECTOR_BEFORE = re.compile(r"\b(?:for|and|of)\s+$")
# A noun of a claim owned by a name: "Trump's claim", "the Ninth Circuit Court of Appeals' conclusion".
_CLAIM_NOUN = re.compile(
    r"['’]s?\s+(?:[a-z-]+\s+){0,2}?(?:claims?|conclusion|assertion|allegations?|accusations?|argument|insistence|contention"
    r"|warning|view|belief|suggestion|position)\b"
)
_CLAIM_OWNER = re.compile(rf"(?P<name>{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})?)$")
_CLAIM_THAT = re.compile(r"[^.;!?\"“”]{0,160}?\bthat\b")


def _claim_nouns(text: str) -> list[re.Match]:
    """What ``_CLAIM_NOUN.finditer(text)`` finds, tried only at apostrophes (each match holds one, at its start)."""
    found = []
    for mark in ("'", "’"):
        pos = text.find(mark)
        while pos >= 0:
            if match := _CLAIM_NOUN.match(text, pos):
                found.append(match)
            pos = text.find(mark, pos + 1)
    return sorted(found, key=re.Match.start)


def _owned_claims(text: str, sentences, sentence_starts):
    """Yield (name start, name, end, sentence) of each claim a name owns with a "that" clause after it."""
    for noun in _claim_nouns(text):
        owner = _CLAIM_OWNER.search(text, max(0, noun.start() - 80), noun.start())
        if not owner:
            continue
        s_index = max(bisect.bisect_right(sentence_starts, owner.start()) - 1, 0)
        if not sentences or not sentences[s_index][0] <= owner.start() < sentences[s_index][1]:
            continue
        that = _CLAIM_THAT.match(text, noun.end(), sentences[s_index][1])
        if that:
            yield owner.start(), owner.group("name"), that.end(), s_index


def _common_word(text: str, word: str, s_start: int, pos: int) -> bool:
    """True when *word*, capitalised at the start of its sentence, is a common word the article also writes in lower case."""
    if not word[1:].islower() or text[s_start:pos].strip(" \t\"“‘'(") or _HAN.search(word):
        return False
    lower = word.lower()
    return lower in text and re.search(rf"(?<![\w'’-]){re.escape(lower)}\b", text) is not None


# "The department said" after "designated by the US Treasury Department": a definite description
# whose head is an institution's noun refers to the latest name before it that ends in that noun.
_INSTITUTION_BEFORE = re.compile(r"\b[Tt]he\s+(?:[a-z-]+\s+){0,2}$")
_INSTITUTION_REACH = 2000


def _institution_description(text, word, pos) -> bool:
    """True for a definite description headed by an institution's noun: "the department", "the whistleblower group"."""
    words = word.split()
    return (words[-1] in INSTITUTION_NOUNS or words[-1] in ("ministry", "agency", "embassy", "government", "army")) and (
        words[0] == "the" or _INSTITUTION_BEFORE.search(text, max(0, pos - 40), pos) is not None
    )


#: Nouns of people or offices that speak for a body named right before them ("an Addameer
#: spokesperson", "a Kremlin spokesman", "the Pentagon press office").
_VOICES_OF_BODY = frozenset("spokesperson spokesman spokeswoman office".split())
_BODY_BEFORE = re.compile(r"(?:^|\s)(?:a|an|the)\s+(?P<name>(?:[A-Z][\w'’-]+\s+){1,4})(?:press\s+)?$")

_BODY_ROLE = re.compile(r"\b(?:a|an|the)\s+(?:[A-Z][\w'’-]+\s+){1,4}(?:press\s+)?(?=(?:spokesperson|spokesman|spokeswoman|office)\b)")


def _body_before(text, pos) -> str | None:
    """The body named between an article and *pos*: "an Addameer spokesperson" -> "Addameer"."""
    match = _BODY_BEFORE.search(text, max(0, pos - 60), pos)
    if not match:
        return None
    tokens = _strip_name(match.group("name").strip())[1]
    return " ".join(tokens) if tokens and tokens[-1] not in _CALENDAR else None


def _titled_before(text, attribution, people) -> str | None:
    """The person last given the title that "the ambassador" or "the Republican president" ends in.

    "Russia's Ambassador to South Korea Alexander Timonin said ... the ambassador said": the
    description's noun written as a title before a person's name (up to a few words apart, as in
    "Ambassador to South Korea Alexander") names that person, the latest one so titled.
    """
    words = text[attribution.position : attribution.end].split()
    noun = next((w for w in words[1:4] if w.lower() in DEFINITE_TITLES), None)
    if noun is None or not people:
        return None
    names = "|".join(map(re.escape, sorted(people, key=len, reverse=True)))
    title = re.compile(rf"\b{noun.capitalize()}\s+(?:(?:of|to|for|the|[A-Z][\w.'’-]*)\s+){{0,5}}?(?P<who>{names})\b")
    last = None
    for match in title.finditer(text, max(0, attribution.position - 3000), attribution.position):
        last = match.group("who")
    return last


def _institution_antecedent(text, word, pos, runs, run_starts) -> str | None:
    """The institution that "the department" stands for: the latest earlier name ending in that noun.

    The noun may be the name's last word ("US Treasury Department") or follow it in lower
    case ("the Saudi Arabian embassy in London").
    """
    noun = word.split()[-1]
    i = bisect.bisect_left(run_starts, pos) - 1
    while i >= 0 and runs[i].start() >= pos - _INSTITUTION_REACH:
        name = runs[i].group()
        if name.split()[-1] == noun.capitalize() and len(name.split()) > 1:
            tokens = _strip_name(name)[1]
            return " ".join(tokens) if tokens else None
        if text.startswith((f" {noun} ", f" {noun},", f" {noun}."), runs[i].end()) and _strip_name(name)[1]:
            return " ".join(_strip_name(name)[1]) + f" {noun}"
        i -= 1
    return None


def _find_attributions(text, sentences, quotes, runs, cue_starts, speech, han, cyrillic) -> list[_Attribution]:
    """Attributions in *sentences* (named ones) and of *speech* (pronouns, unnamed speakers)."""

    # pos is quoted when a quotation opened at or before it closes after it (quotations nest: the
    # latest close of those opened so far, per quotation in order of opening)
    ordered = sorted(quotes)
    opens = [o for o, _ in ordered]
    reach = list(itertools.accumulate((c for _, c in ordered), max))

    def quoted(pos):
        i = bisect.bisect_right(opens, pos) - 1
        return i >= 0 and reach[i] > pos

    sentence_starts = [s for s, _ in sentences]
    run_starts = [r.start() for r in runs]
    found = {}
    unnamed = []  # (start, end, pronoun or unnamed speaker as written)
    for s_index, (s_start, s_end) in enumerate(sentences):
        in_sentence = runs[bisect.bisect_left(run_starts, s_start) : bisect.bisect_left(run_starts, s_end)]
        # English names speak only in sentences with a cue; the Chinese and Russian rules
        # run on the sentences written in those scripts only.
        first_cue, after_cues = bisect.bisect_left(cue_starts, s_start), bisect.bisect_left(cue_starts, s_end)
        has_cue = first_cue < after_cues
        named = [_speaking_names(text, in_sentence, s_start, s_end, cue_starts[first_cue:after_cues])] if has_cue else []
        # Chinese and Russian attributions keep the simple rule: one covers its sentence
        # unless it introduces a quotation ("заявил, что" has a comma before its content).
        if han and _HAN.search(text, s_start, s_end):
            named.append((*item, "other") for item in _chinese_names(text, s_start, s_end))
        if cyrillic and _CYRILLIC.search(text, s_start, s_end):
            named.append((*item, "other") for item in _russian_names(text, in_sentence, s_start, s_end))
        if text.find(":", s_start, s_end) >= 0:
            named.append(_labelled_quotations(text, in_sentence, s_start, s_end))
        if not has_cue and in_sentence and (text.find(',"', s_start, s_end) >= 0 or text.find(',”', s_start, s_end) >= 0):
            named.append(_tagged_quotations(text, in_sentence, s_start, s_end))
        for item in itertools.chain.from_iterable(named):
            begin, pos, name, end = item[:4]
            kind = item[4] if len(item) > 4 else "verb"
            if not name:
                unnamed.append((begin, end, "unnamed"))
                continue
            person, tokens = _strip_name(name)
            if len(tokens) == 1 == len(name.split()) and _common_word(text, tokens[0], s_start, pos):
                unnamed.append((begin, end, "unnamed"))  # "Activists called", "Sanctions will be": no name
                continue
            the = name.startswith("The ") or text.startswith(("the ", "The "), pos - 4)
            if (the and len(tokens) >= 2 and tokens[-1].lower() in _DESCRIPTION_HEADS
                    and (tokens[-1].islower() or not any(t in TITLE_WORDS for t in tokens[:-1]))):
                unnamed.append((min(begin, pos), end, "he"))  # "The Lagan Valley MP said": a person named before
                continue
            # "Mrs May said" and "Theresa May says" name May; "May said" alone is a month.
            month = tokens and tokens[-1] in _CALENDAR and len(person) == len(tokens) == 1
            if tokens and not month and not quoted(pos) and not quoted(end - 1):
                if _QUANTIFIED_PLURAL.fullmatch(name):
                    unnamed.append((begin, end, "unnamed"))  # "More Americans said": a share of people
                    continue
                whole = not person or tokens[-1] in ORGANISATION_WORDS  # "General Staff", "Foreign Ministry"
                full = _with_of_part(text, pos, name, " ".join(tokens if whole else person))
                if full is None:  # "Police said": a generic body, named by nobody
                    unnamed.append((begin, end, "unnamed"))
                    continue
                if whole and person and " and " not in full and (
                        joined := _BODY_AND_BEFORE.search(text, max(s_start, pos - 80), pos)):
                    last = joined.group("left").split()[-1]
                    if last not in ORGANISATION_WORDS and last not in PLACE_WORDS:
                        full = f"{joined.group('left')} and {full}"  # "U.S.-China Economic and Security Review Commission"
                if whole and (owner := _BODY_POSSESSOR_BEFORE.search(text, max(s_start, pos - 60), pos)):
                    left = owner.group("left").split()
                    full = " ".join(left[1:] if left[0] in ("The", "the") else left) + text[owner.end("left"):owner.end("left") + 2] + " " + full
                if full in _SHORT_BODY_NAMES and the:  # "The Times reported" after "The New York Times": the body whole
                    earlier = [m.group().split() for m in _SHORT_BODY_NAMES[full].finditer(text, max(0, pos - 3000), pos)]
                    earlier = [w[1:] if w[0] == "The" else w for w in earlier]
                    if earlier and len(earlier[-1]) > 1:
                        full = " ".join(earlier[-1])
                acronym = _ACRONYM_AFTER.match(text, pos + len(name))
                if acronym and _CONNECTOR_BEFORE.search(text, max(s_start, pos - 6), pos):
                    full = acronym.group(1)  # "Federal Office for Migration and Refugees (BAMF) said": BAMF
                direct = _introduces_quotation(text, quotes, begin, end)
                tail = direct and _is_tail(text, quotes, begin, end, s_start, s_end)
                if kind == "other":
                    content, final = not direct, True
                else:
                    if kind == "according":  # "According to X, ..." covers what follows; "..., according to X." not
                        # (nor does "..., and according to X, that resulted in ...": what follows only)
                        content = begin <= s_start + 2 or (
                            _CLAUSE_BEFORE.search(text, max(s_start, begin - 8), begin) is not None
                            and _COMMA_CLAUSE.match(text, end, s_end) is not None
                        )
                    else:
                        content = kind in ("verb", "saying") and _content_follows(text, end, s_end)
                    final = kind in ("inverted", "according") or not _content_follows(text, end, s_end)
                    if kind == "according" and content and begin > s_start + 2:
                        final = False
                    if kind == "verb" and _object_follows(text, end, s_end):
                        # "Peskov condemned the marches", "Hollande welcomed Rutte's victory as a triumph
                        # against extremism": it covers only a label after "as" and quoted words, as a labelling verb
                        final, kind = False, "labelling"
                if _AS_BEFORE.fullmatch(text, s_start, begin):
                    content, final = True, False  # "As X told Y, ...": what follows
                if _PARENTHETICAL_BEFORE.search(text, s_start, begin) and _PARENTHETICAL_AFTER.match(text, end, s_end):
                    content = final = True  # "Rather, the crown prince stated, the US ...": all of it
                if kind == "inverted":  # ", said Smith, an expert in sanctions": the appositive is his
                    end = _APPOSITIVE_TAIL.match(text, end, s_end).end()
                    if _SAYING_AFTER.match(text, end, s_end):
                        content = True  # '"...," said Babar Baloch, noting the conflict had lasted ...': the participle's clause too
                subject = begin if kind in ("inverted", "according", "other") else _subject_start(text, s_start, begin)
                found.setdefault(pos, _Attribution(
                    pos, s_index, full, direct=direct, tail=tail, begin=subject,
                    end=end, content=content, final=final, labelling=kind == "labelling", kind=kind,
                ))
    # "Trump's claim ... that the media aren't reporting terrorism", "the Court of Appeals' conclusion that":
    # what a named speaker claimed, in a noun phrase
    for claim in _owned_claims(text, sentences, sentence_starts):
        pos, name, end, s_index = claim
        if not quoted(pos):
            person, tokens = _strip_name(name)
            if tokens and tokens[-1] not in _CALENDAR:
                whole = not person or tokens[-1] in ORGANISATION_WORDS or " of " in name
                found.setdefault(pos, _Attribution(
                    pos, s_index, name if whole else " ".join(person), begin=pos, end=end, content=True, final=False,
                    kind="claim",
                ))
    # "The Hungarian top diplomat noted": the definite description, not the bare noun ("diplomat noted")
    definite = sorted((m.start(), m.end()) for m in speech if m.groupdict().get("definite"))
    definite_starts = [d for d, _ in definite]
    for match in speech:
        groups = match.groupdict()
        if groups.get("definite"):  # "the Russian leader said": a person named before
            unnamed.append((match.start(), match.end(), "he"))
            continue
        i = bisect.bisect_right(definite_starts, match.start()) - 1
        if i >= 0 and match.start() < definite[i][1]:
            continue
        word = next((groups[g] for g in ("pronoun", "pronoun2", "pronoun3") if groups.get(g)), match.group())
        if groups.get("pronoun2") and word.split()[0] == "the" and word.split()[-1] in DEFINITE_TITLES:
            unnamed.append((match.start(), match.end(), "he"))  # "According to the diplomat, ...": Churkin
            continue
        unnamed.append((match.start(), match.end(), word.lower(), bool(groups.get("labelling")),
                        groups.get("clause") is not None))
    for pos, end, word, *flags in unnamed:
        labelling, clause = flags + [False, False][len(flags):]
        owner = _DOCUMENT_OWNER.search(text, max(0, pos - 80), pos) if _DOCUMENT_NOUN.fullmatch(word) else None
        if owner and not quoted(pos):
            # "Trump's statement read:": the document speaks for its owner, a named speaker
            person, tokens = _strip_name(owner.group("name"))
            if tokens and tokens[-1] not in _CALENDAR:
                s_index = max(bisect.bisect_right(sentence_starts, pos) - 1, 0)
                s_start, s_end = sentences[s_index]
                direct = _introduces_quotation(text, quotes, pos, end)
                content = _content_follows(text, end, s_end)
                found.setdefault(owner.start("name"), _Attribution(
                    owner.start("name"), s_index, " ".join(tokens), direct=direct,
                    tail=direct and _is_tail(text, quotes, pos, end, s_start, s_end),
                    begin=_subject_start(text, s_start, owner.start("name")), end=end, content=content,
                    final=not content, labelling=False, kind="document",
                ))
                continue
        if not quoted(pos):
            s_index = max(bisect.bisect_right(sentence_starts, pos) - 1, 0)
            s_start, s_end = sentences[s_index]
            direct = _introduces_quotation(text, quotes, pos, end)
            tail = direct and _is_tail(text, quotes, pos, end, s_start, s_end)
            pronoun = _ZH_PRONOUNS.get(word) or _RU_PRONOUNS.get(word) or word
            if _HAN.match(text, pos) or _CYRILLIC.search(text, pos, end):
                content, final, subject = not direct, True, pos
            else:
                content = _content_follows(text, end, s_end)
                final, subject = not content and not _object_follows(text, end, s_end), _subject_start(text, s_start, pos)
                for conjunction in _CONJUNCTION.finditer(text, pos, end):
                    subject = conjunction.end()  # "... entering the US but critics say": the subject is "critics"
                if _AS_BEFORE.fullmatch(text, s_start, pos):  # "As a source ... told SANA, ...", "As it has been stated, ..."
                    content, final = True, False
                if text.startswith(("According", "according"), pos):  # "According to officials, ..." covers what follows
                    content, final, subject = pos <= s_start + 2, True, pos
                if _PARENTHETICAL_BEFORE.search(text, s_start, pos) and _PARENTHETICAL_AFTER.match(text, end, s_end):
                    content = final = True
            institution = _institution_description(text, pronoun, pos)
            antecedent = _institution_antecedent(text, pronoun, pos, runs, run_starts) if institution else None
            if antecedent is None and pronoun.split()[-1] in _VOICES_OF_BODY:
                antecedent = _body_before(text, pos)
                if antecedent is None and pronoun == "the press office":
                    # "the Defense Ministry press office said ... the press office said": the body named before
                    earlier = list(_BODY_ROLE.finditer(text, max(0, pos - 1500), pos))
                    antecedent = _body_before(text, earlier[-1].end()) if earlier else None
            if clause and not antecedent and pronoun.split()[-1] not in ("accused", "suspected"):
                # the subject of "showed that" (not of "is accused of": the accused): a name ("Smith revealed
                # that") speaks, "he" or "she" is resolved as for a verb of speech, anything else is unnamed
                head = re.sub(r"(?:\s+\w+ly)?\s+(?:(?:is|was|are|were|has|have|had|been|being|be)\s+)*(?:\w+ly\s+)?$", "",
                              text[subject:pos]).strip()
                if head in ("He", "She", "he", "she"):
                    pronoun = head.lower()
                elif (_NAME_RUN.fullmatch(head) and not text.startswith(("'s", "’s"), subject + len(head))
                      and not _UNNAMED_NOUN.fullmatch(head.lower())):  # "Staff discovered that": nobody named
                    person, tokens = _strip_name(head)
                    lone = len(head.split()) == 1 and not text[s_start:subject].strip(" \t\"“‘'(")
                    if lone and re.search(rf"(?<=[a-z,] ){re.escape(head)}\b", text) is None:
                        tokens = ()  # "Staff discovered that", "People realised that": a name only if written mid-sentence too
                    if tokens and tokens[-1] not in _CALENDAR and not _common_word(text, tokens[0], s_start, subject):
                        whole = not person or tokens[-1] in ORGANISATION_WORDS
                        antecedent = " ".join(tokens if whole else person)
            until = -1
            if pronoun.startswith(("accused", "suspected")):
                # a reduced relative clause ("A veteran accused of fatally stabbing a man has been charged
                # with ..."): what was claimed ends where the main clause goes on
                main = _MAIN_CLAUSE_GOES_ON.search(text, end, s_end)
                until = main.start() if main else -1
            found.setdefault(pos, _Attribution(
                pos, s_index, antecedent, None if antecedent else pronoun, direct=direct, tail=tail, begin=subject,
                end=end, content=content, final=final, labelling=labelling,
                institution=institution and not antecedent, until=until,
                kind="clause" if clause else "body" if antecedent else "unnamed",
            ))
    return [found[pos] for pos in sorted(found)]



# Words that open an adjunct before a sentence's subject ("During his testimony, Young ...").
_OPENING_ADJUNCT = re.compile(
    r"(?:During|In|On|At|After|Before|When|While|Since|Despite|Following|Speaking|Asked|Earlier|Later|Last|This"
    r"|Writing|Addressing|Meanwhile|However|Yet|But|And|Still|Instead|Rather|For|With|Without|Under|As)\b"
)


_OPENING_PREPOSITION = re.compile(r"(?:In|On|At|From|During|After|Before|Since|Despite|Across|Inside|Outside)\s")  # not "For Martin, ..."


_DESCRIPTION_HEADS = frozenset((*DEFINITE_TITLES, "mp", "mep"))


_DOCUMENT_WORDS = [[w] for w in ("letter", "statement", "message", "memo", "email", "post", "op-ed", "essay")]


_NAMED_BODY = re.compile(
    r"[Tt]he\s+(?:[A-Z][a-z]+(?:i|ian|an|ese|ish|ch)\s+)?(?P<ministry>interior|foreign|defen[cs]e|justice|finance|health)\s+ministry\b"
    r"|[Tt]he\s+(?P<nationality>[A-Z][a-z]+(?:i|ian|an|ese|ish|ch))\s+(?P<force>army|military|navy)\b"
)

_FINDING_OWNER = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME})(?:['’]s)?\s+(?:own\s+|latest\s+|new\s+)?(?:data|research|figures|study|survey|poll|analysis"
    r"|statistics|findings|investigation|review|report)\s+(?:\w+ly\s+)?$"
)

# A photo credit after a name: "Fu Jing / China Daily", "Jason Alden / Getty Images": no one "he" may stand for.
_CREDIT_AFTER = re.compile(r"[ \t]*/[ \t]*[A-Z]")


def _named_body(text, attribution):
    """The match of :data:`_NAMED_BODY` whose noun is the unnamed speaker's head, else None."""
    for body in _NAMED_BODY.finditer(text, max(0, attribution.position - 40), attribution.end):
        if body.start() <= attribution.position < body.end():
            return body
    return None


#: Farthest a pronoun may stand from the start of the sentence before it and still take that sentence's subject.
_CENTER_REACH = 600


_PLAIN_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][^\W_]*")
_RUN_WORD = re.compile(r"[^\W_]+")


def _after_unnamed(attribution, last_unnamed, last_named) -> bool:
    """True when "he"/"she" follows one unnamed speaker ("a spokesman said"), in its sentence or the next, with no named one since."""
    if last_unnamed is None or attribution.sentence - last_unnamed.sentence > 1:
        return False
    if last_named is not None and last_named.position > last_unnamed.position:
        return False
    words = (last_unnamed.pronoun or "").split()
    if not words or words[-1] == "unnamed" or words[-1].endswith("s") or words[0] not in ("a", "an", "the", "one", words[-1]):
        return False
    return not (words[0] == "the" and words[-1] in DEFINITE_TITLES)  # "the diplomat": a person named before


def _resolve(text, attributions, runs, sentence_starts=()) -> None:
    """Fill ``speaker`` of every attribution (pronouns: see module docstring).

    A person mentioned between a speaker and "he" or "she" makes the pronoun
    ambiguous when that person is the subject of a sentence (a mention at a
    sentence's start, after titles), not when mentioned inside what someone
    said; a resolved pronoun is the next one's anchor ("He said ... He added").
    """
    surnames, people = _known_people(attributions, runs)
    mentions = []
    latin = [p for p in people if not _HAN.search(p) and not _CYRILLIC.search(p)]
    if latin and all(_PLAIN_NAME.fullmatch(p) for p in latin):
        # the people's surnames are capitalised words: look for them in the capitalised runs
        # (compiling an alternation of names per article cost more than the rest of _resolve)
        wanted = set(latin)
        mentions = [
            (run.start() + word.start(), word.group())
            for run in runs
            for word in _RUN_WORD.finditer(run.group())
            if word.group() in wanted
        ]
    elif latin:
        alternation = "|".join(map(re.escape, sorted(latin, key=len, reverse=True)))
        mentions = [(m.start(), m.group()) for m in re.finditer(rf"\b(?:{alternation})\b", text)]
    for person in people.difference(latin):
        # Chinese has no word boundaries; Russian inflects a name ("Лаврова", "Лавровым").
        pattern = re.escape(person) if _HAN.search(person) else rf"\b{re.escape(person)}\w{{0,3}}\b"
        mentions += [(m.start(), person) for m in re.finditer(pattern, text)]
    mentions.sort()
    if sentence_starts and not any(map(_HAN.search, people)):
        # a sentence that opens with a person's full name ("Ayatollah Ali Khamenei, who ...")
        # brings in someone "he" may stand for, speaker or not
        for start in sentence_starts:
            run = _NAME_RUN.match(text, start)
            if run and not text.startswith(("'s", "’s"), run.end()) and not _CREDIT_AFTER.match(text, run.end()):
                person = _strip_name(run.group())[0]
                if (2 <= len(person) <= 4 and person[-1] not in ORGANISATION_WORDS and person[-1] not in PLACE_WORDS
                        and person[-1].rstrip(".") not in TITLE_WORDS  # "Republican Sen": a title names no one
                        and not _CYRILLIC.search(person[-1])):
                    mentions.append((start, _surname(list(person), set())))
        mentions.sort()
        subjects = []
        for pos, person in mentions:
            i = bisect.bisect_right(sentence_starts, pos) - 1
            start = sentence_starts[i] if i >= 0 else 0
            if text.startswith(("'s", "’s", "' ", "’ "), pos + len(person)) and not (
                    _SUBJECT_PREFIX.fullmatch(text, start, pos) and not _OPENING_PREPOSITION.match(text, start)):
                continue  # "Russia's deputy representative": the possessor is not the subject ("Mr Tillerson's tour" is)
            comma = text.find(", ", start, pos)
            if _CYRILLIC.search(person) or (_SUBJECT_PREFIX.fullmatch(text, start, pos) and not (
                    comma < 0 and _OPENING_PREPOSITION.match(text, start))):  # "In South Korea on Friday, he said"
                subjects.append((pos, person))
                continue
            # after an opening adjunct: "During his testimony on the House floor, Rep. Don Young defended"
            if 0 <= comma - start <= 100 and _OPENING_ADJUNCT.match(text, start) and _SUBJECT_PREFIX.fullmatch(
                text, comma + 2, pos
            ):
                subjects.append((pos, person))
        mentions = subjects
    subjects_only = bool(sentence_starts) and not any(map(_HAN.search, people))
    written_in_full = {s for n, s in surnames.items() if " " in n}  # surnames the article also gives with more
    last_named = last_unnamed = last_institution = previous = None
    for attribution in attributions:
        attribution.how = "unnamed"
        if (attribution.pronoun == "it" and previous is not None and previous.speaker and previous.how == "institution"
                and attribution.sentence - previous.sentence <= 1):
            # "..., the ministry said. ..., it added": the institution that spoke in this sentence or the one before
            attribution.speaker, attribution.how = previous.speaker, "institution"
        previous = attribution
        if attribution.name:
            attribution.how = attribution.kind if attribution.kind in ("body", "clause") else "name"
            attribution.speaker = surnames.get(attribution.name, attribution.name)
            if attribution.speaker in people:  # "he" and "she" stand for people only
                last_named = attribution
            elif attribution.speaker:
                last_institution = attribution
            if " " not in attribution.name and attribution.speaker not in written_in_full:
                last_institution = attribution  # "WikiLeaks": one word, never with a first name or title
        elif attribution.kind == "clause" and (owner := _FINDING_OWNER.search(text, max(0, attribution.position - 80),
                                                                            attribution.position)):
            # "WeBank data found that ...", "Pew's survey showed that": the finding is its owner's
            person, tokens = _strip_name(owner.group("name"))
            attribution.speaker = surnames.get(" ".join(tokens), " ".join(tokens)) if tokens else ""
            attribution.how = "institution"
        elif attribution.name is None and (body := _named_body(text, attribution)):
            # "the interior ministry said" -> "Interior Ministry", "The Israeli army said" -> "Israeli army":
            # a body its description names (the coding guide's "Foreign Ministry")
            if body.group("ministry"):
                attribution.speaker = body.group("ministry").capitalize() + " Ministry"
            else:
                attribution.speaker = f"{body.group('nationality')} {body.group('force')}"
            attribution.how = "institution"
            last_institution = attribution
        elif attribution.institution and last_institution is not None and (
            attribution.position - last_institution.position <= _INSTITUTION_REACH
        ):
            # "WikiLeaks said ... the whistleblower group said": the institution that spoke last
            attribution.speaker, attribution.how = last_institution.speaker, "institution"
        elif attribution.pronoun in ("he", "she") and _after_unnamed(attribution, last_unnamed, last_named):
            # "The senior White House official said he expects", "..., says an official from CNPC
            # Russia. Elaborating, he says": the unnamed speaker goes on
            attribution.pronoun = "unnamed"
        elif attribution.pronoun in ("he", "she"):
            titled = None
            if text.startswith(("the ", "The "), attribution.position):
                titled = _titled_before(text, attribution, people)
            attribution.how = "unresolved"
            if titled:
                attribution.speaker, attribution.how = titled, "titled"
            elif last_named is not None:
                lo = bisect.bisect_left(mentions, (last_named.position, ""))
                hi = bisect.bisect_left(mentions, (attribution.position, ""))
                others = {p for _, p in mentions[lo:hi]} - {last_named.speaker}
                # 他/她: a titled person (外长拉夫罗夫) met since the speaker makes it ambiguous.
                if _HAN.match(text, attribution.position) and _ZH_PERSON_HINT.search(
                    text, last_named.position + 1, attribution.position
                ):
                    others.add("")
                attribution.speaker = "" if others else last_named.speaker
                attribution.how = "unresolved" if others else "chain"
            if not attribution.speaker and subjects_only and not _HAN.match(text, attribution.position):
                # The subject of the sentence before (or of this one, before the pronoun) is the
                # preferred antecedent (centering; Grosz, Joshi & Weinstein 1995):
                # "Pompeo has defended torture. He once said ..." is Pompeo's.
                i = attribution.sentence
                lo_pos = sentence_starts[i - 1] if i > 0 else 0
                if attribution.position - lo_pos <= _CENTER_REACH:
                    # the subject of this sentence, before the pronoun ("Trump campaigned ..., what he called"),
                    # else the people of the sentence before
                    own = sentence_starts[i] if i < len(sentence_starts) else lo_pos
                    recent = {p for pos, p in mentions if own <= pos < attribution.position}
                    recent |= _sentence_subjects(text, own, attribution.position, people)
                    if len(recent) != 1:
                        recent = {p for pos, p in mentions if lo_pos <= pos < attribution.position}
                    if not recent and i > 0:
                        lone = _lone_subject(text, lo_pos, people)
                        recent = {lone} if lone else set()
                    if not recent and i > 0:
                        # "He signalled ... He threatened ...": back over sentences that open with the
                        # same pronoun, to the subject of the sentence that named him
                        j = i - 1
                        opening = "(?:He|His)" if attribution.pronoun == "he" else "(?:She|Her)"
                        while j > 0 and i - j < 5 and re.match(rf"[\"“]?{opening}\b", text[sentence_starts[j] : sentence_starts[j] + 5]):
                            j -= 1
                        recent = _sentence_subjects(text, sentence_starts[j], sentence_starts[j + 1], people)
                    if len(recent) == 1:
                        attribution.speaker, attribution.how = recent.pop(), "centre"
            if (not attribution.speaker and text[attribution.position] in "Tt" and last_named is None
                    and attribution.pronoun == "he" and not any(pos < attribution.position for pos, _ in mentions)):
                # a description in the lead names the person the next sentence opens with ("..., the academy
                # president has announced. Cheryl Boone Isaacs said ..."): no one was named before it
                following = next((a for a in attributions if a.sentence == attribution.sentence + 1), None)
                if (following is not None and following.name and following.begin == sentence_starts[following.sentence]
                        and " " in following.name and surnames.get(following.name) in people):
                    attribution.speaker, attribution.how = surnames[following.name], "lead"
            if (not attribution.speaker and text[attribution.position] in "Tt"
                    and _UNNAMED_NOUN.search(text, attribution.position, attribution.end)):
                attribution.pronoun, attribution.how = "unnamed", "unnamed"  # "a force spokesman said ... The spokesman added"
            if attribution.speaker and not _HAN.match(text, attribution.position):
                last_named = attribution  # "He said ... He added": the chain goes on
        if (attribution.name is None and not attribution.speaker and sentence_starts
                and (attribution.pronoun or "").split()[-1:] in _DOCUMENT_WORDS):
            # "In a letter to staff, Ray Hernan says ... . ..., the letter says": the letter's writer, named
            # in one of the two sentences before that mention the same document
            noun = attribution.pronoun.split()[-1]
            for earlier in reversed(attributions[: attributions.index(attribution)]):
                if attribution.sentence - earlier.sentence > 2:
                    break
                if earlier.sentence == attribution.sentence or not earlier.name or not earlier.speaker:
                    continue
                lo = sentence_starts[earlier.sentence]
                hi = sentence_starts[earlier.sentence + 1] if earlier.sentence + 1 < len(sentence_starts) else len(text)
                if re.search(rf"\b(?:a|an|his|her|its|their)\s+(?:[\w-]+\s+){{0,2}}?{noun}\b(?!\s+(?:from|of|by)\b)", text[lo:hi]):
                    attribution.speaker, attribution.how = earlier.speaker, "document"
                    break
        if (attribution.name is None and attribution.pronoun not in ("he", "she", "they", "it") and not attribution.speaker
                and attribution.kind != "clause"):  # "was accused of", "showed that": no speaker "he" could go on from
            last_unnamed = attribution
