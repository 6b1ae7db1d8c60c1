"""English attributions: verbs of speech, named, inverted, "according to", pronoun and unnamed speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from toolkit.frames import is_word_char
from toolkit.voice.names import _CALENDAR, _FUNCTION_WORDS, _PARTICLE, _NAME, _strip_name, _TOKEN

#: Verbs that attribute speech or a stated view to their subject.
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "say", "added", "adds", "noted", "stressed", "stresses",
    "emphasized", "emphasised", "emphasizes", "emphasises", "underlined",
    "underscored", "urged", "urges", "warned", "warns", "believed", "believes",
    "agreed", "agrees", "told", "stated", "declared", "argued", "argues",
    "claimed", "insisted", "insists", "accuse", "asserted", "explained", "announced",
    "pointed out", "reiterated", "remarked", "acknowledged", "affirmed", "wrote",
    "writes", "replied", "responded", "commented", "observed",
    "suggested", "confirmed", "reported", "reports", "accused", "accuses", "denied", "denies",
    "contended", "alleged", "testified", "tweeted", "recalled", "conceded", "admitted", "maintained",
    "predicted", "reaffirmed", "cautioned", "complained", "tells", "thinks", "suspects", "pledged", "vowed", "promised",
    "threatened", "called on", "called for", "calls for", "demanded", "welcomed", "condemned", "criticised",
    "criticized", "contends", "alleges", "insists", "argued",
    # present tense and verbs of a stated view or expectation ("some worry that", "Vilkul expects")
    "argue", "claim", "warn", "insist", "deny", "believe", "think", "allege", "notes", "explains", "states",
    "fear", "fears", "worry", "worries", "expects", "hopes", "hoped", "concluded", "concludes",
    # third person, base and past forms that were missing ("WikiLeaks claims", "the bill implies that")
    "claims", "announces", "declares", "reiterates", "acknowledges", "admits", "suggests", "recalls",
    "maintains", "asserts", "implies", "implied", "inferred", "emphasize", "emphasise",
)
#: Forms that are nouns as often as verbs ("Arab states, published", "reports of"): a verb
#: only when no comma, stop or preposition follows.
_NOUN_LIKE_VERBS = ("states", "reports", "claims", "notes", "fears", "hopes", "warns")
_NOT_NOUN_AFTER = (
    r"(?!\s*[,.;)]|\s+(?:and|or|of|to|which|who|were|are|have|had|should|would|will|can|could|must|may|might)\b)"
)
#: Verbs that label what they quote: 'Trump derided the story as "fake news"', 'called
#: Yucel a "terrorist"'. They attribute a quotation after them in their sentence (and
#: an unquoted "as ..." label: "named the YPG as terrorists"), nothing else.
LABELLING_VERBS: tuple[str, ...] = (
    "called", "calls", "described", "describes", "labeled", "labelled", "labels", "branded", "dubbed",
    "termed", "derided", "dismissed", "dismisses", "denounced", "named", "characterized", "characterised",
    "describing", "labelling", "labeling", "branding", "dismissing",
    "designate", "designates", "designated", "considers", "consider", "deems", "regards",
    # verbs of a view with an "as" complement ("China sees it as a threat", "a move some analysts
    # interpreted as a threat"): the complement is the holder's view
    "sees", "see", "viewed", "views", "view", "regarded", "regard", "interpreted", "interprets",
    "perceived", "perceives",
    # "referred to media organizations critical of him as "fake news"", "referred to them "fake news""
    "referred to", "refers to", "refer to",
)

#: Verbs that are not speech when "to" follows ("agreed to add", "believed to be").
_NOT_BEFORE_TO = ("agreed", "agrees", "believed", "believes", "believe")
_INVERTED_VERBS = ("said", "says", "added", "noted", "stressed", "explained", "continued", "wrote", "asked")  # not "told": ", told Al Jazeera" names the audience
_SAYING = (
    r"(?:saying|adding|noting|stressing|stating|warning|urging|arguing|insisting|calling|describing|claiming"
    r"|accusing|blaming|branding|labell?ing|dismissing)"
)


_VERBS = "|".join(
    v.replace(" ", r"\s+") + (r"\b(?!\s+to\b)" if v in _NOT_BEFORE_TO else "")
    + (r"\b" + _NOT_NOUN_AFTER if v in _NOUN_LIKE_VERBS else "")
    for v in dict.fromkeys(SPEECH_VERBS)
)
_ADVERB = (
    r"(?:(?:also|further|then|later|again|once|has|have|had|too|still|long|always|often|now|already|just|even"
    r"|themselves|himself|herself|itself|\w+ly"
    r"|(?:on|last|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today)\s+){0,3}"
)
_TITLE_LOWER = (
    r"(?:the|a|an|spokesperson|spokesman|spokeswoman|minister|secretary|president|ambassador|official"
    r"|envoy|adviser|advisor|chief|head|deputy|foreign)"
)


# What follows a name that speaks: "Wang said", "Zhao Lijian, a spokesperson, said".
_APPOSITIVE = (
    r"(?:\s+\([A-Z]{2,}\))?"  # an acronym: "Syrian Democratic Forces (SDF) announced"
    # a US party-and-state tag: "Eliot Engel (D-New York) said", "John McCain, R-Ariz., said"
    r"(?:\s+\([RDI]-[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?\)|,\s+[RDI]-[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?,)?"
    r"(?:,\s+(?:(?:a|an|the|who|which)\s|[a-z]|(?:[A-Z][\w'’.-]*\s+){1,3}(?!and\s|or\s)[a-z])[^,]{1,160}"
    r"(?:,\s+[^,]{1,40})?,|,)?"  # "Plotena, the mayor of X, Y, said"; "Galeotti, Russian security specialist at X, said"
)
# An unnamed speaker's appositive: never a lone comma, which no subject has before its verb
# ("sanctions on a government, said Ravid" is an inversion, not "a government said").
_UNNAMED_APPOSITIVE = _APPOSITIVE.replace("|,)?", ")?")
_OF_NAME = rf"(?:\s+(?:of|from)\s+(?:the\s+)?(?:{_NAME}['’]s\s+)?{_NAME}){{0,2}}"  # "Wei of the Beijing ... Institute said", "of Australia's Griffith University"
# ", who" + verb: a relative clause of speech ("Donald Trump, who accused US media of covering up ...")
_THEN_VERB = re.compile(rf"{_OF_NAME}(?:{_APPOSITIVE}|,\s+who)\s+{_ADVERB}(?:{_VERBS})\b")
_THEN_LABELLING = re.compile(rf"{_OF_NAME}{_APPOSITIVE}\s+{_ADVERB}(?:{'|'.join(LABELLING_VERBS)})\b")
# A name right after a preposition is no subject: "representatives from Iran acknowledged".
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|at|for|by|against|on|into|about|like)\s+$")
_TO_BEFORE = re.compile(r"\b(?:to|from|than)\s+$")  # "Speaking to Agence France-Presse, ..."
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording\s+to\s+[^,;]*$")  # "According to news agency ISNA, X said"
# What may follow an attribution's verb without being what was said: time, place,
# the audience ("told reporters", "told Al Jazeera"), then punctuation or an adjunct.
# A capitalised word is the audience only after a verb that takes one ("told TASS",
# "warned Moscow"); after "said" it begins what was said ("Kathimerini said Greece and
# Cyprus had to ...", "The lawmaker says Cohen ... wanted"), unless it is a day or month.
_AUDIENCE_WORDS = (
    r"reporters|journalists|lawmakers|senators|legislators|parliament|the\s+(?:media|press|BBC)"
    r"|today|tonight|yesterday|earlier|later|recently|also|again|once|week|month|year|morning|evening|afternoon"
    r"|(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?:meeting|conference|briefing|audience|forum|session"
    r"|committee|hearing|summit|gathering|crowd|rally|interview|newspaper|agency|channel|radio|television"
    r"|broadcaster|programme|program|show|reporters|journalists|lawmakers|parliament|congress|senate|website"
    r"|blog|account|page|statement)"
)
_CALENDAR_WORD = (
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|September"
    r"|October|November|December"
)
_WHEN = r"(?:(?:on|last|this|next|late|early|earlier|later)\s+)?"
_AUDIENCE_AND_TIME = re.compile(rf"(?:\s*{_WHEN}(?:[A-Z][\w.'’-]*|{_AUDIENCE_WORDS})\b)*")
# "said in a statement its missile defence system ...": the medium, then what was said
_MEDIUM = (
    r"(?:in|at|during|on|to)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:statement|interview|briefing|conference|speech|letter|post|tweet|message|address|meeting)"
)
_TIME_ONLY = re.compile(
    rf"(?:\s*(?:{_MEDIUM}|{_WHEN}(?:(?:{_CALENDAR_WORD})\b(?!['’]s)(?:\s+\d{{1,2}}\b)?|(?:{_AUDIENCE_WORDS})))\b)*"
)
#: Verbs whose object is the audience, not what was said: "told TASS", "warned Moscow that".
_AUDIENCE_VERBS = (
    "told", "tells", "tell", "warned", "warns", "warn", "urged", "urges", "assured", "reminded", "informed", "calling",
    "urging", "warning", "asking", "called on", "calls on",
)
_NO_CONTENT = re.compile(
    rf"\s*(?:[.;!?)\]\-–—]|$|[\"“”‘'(]|,(?!\s*(?:also\s+)?{_SAYING}\b)|(?:at|in|on|during|after|before|when|while|as"
    r"|from|via|with|by|for|over|of|about|according|without|amid|and|but|through|under|following|prior|ahead|upon"
    r"|citing|referring|speaking|addressing|despite|to\s+(?!be\b)\w+ed)\b)"
)
# "reported on its website that", "said in a statement on Monday that": what was said follows after all.
_THAT_AFTER_ADJUNCT = re.compile(r"[^,.;:!?\"“”()]{0,80}?\bthat\b(?!\s*(?:[,.;:!?]|was\b|is\b|has\b))")
_SAYING_AFTER = re.compile(rf"\s*,\s*(?:also\s+)?{_SAYING}\b")


#: Verbs whose object is mostly a noun phrase, the outlet's name for what was said: they
#: cover what follows only when a clause does ("denied that ...", "claimed he had ...").
_NP_OBJECT_VERBS = (
    "claimed", "claims", "claim", "denied", "denies", "deny", "announced", "announces", "welcomed", "condemned",
    "criticised", "criticized", "demanded", "admitted", "admits", "acknowledged", "acknowledges",
)
# A clause after such a verb: "that", a subject pronoun, a gerund ("denied discussing sanctions"),
# or a finite verb within five words before any punctuation ("claimed Flynn stepped aside",
# "acknowledged their government had shot down").
_CLAUSE_OPENS = re.compile(
    r"\s*(?:(?:that|he|she|they|it|there|we|I)\b|:|[a-z]+ing\b"
    r"|(?:[\w'’-]+\s+){0,4}?(?:had|has|have|was|were|is|are|would|will|could|did|does|[a-z]{3,}ed)\b)"
)


def _object_follows(text: str, end: int, s_end: int) -> bool:
    """True when a verb of :data:`_NP_OBJECT_VERBS` ending at *end* has a noun phrase after it, not a clause.

    "IS has claimed responsibility for ...", "denied any wrongdoing", "announced new
    rules for ...": the object is the outlet's name for what was said, and the
    attribution covers neither what follows nor what precedes it.
    """
    if not text.endswith(_NP_OBJECT_VERBS, 0, end):
        return False
    pos = _TIME_ONLY.match(text, end, s_end).end()
    if pos >= s_end or text[pos] in ".;!?,\"“”":
        return False
    return not _CLAUSE_OPENS.match(text, pos, s_end) and not _THAT_AFTER_ADJUNCT.match(text, pos, s_end)


def _content_follows(text: str, end: int, s_end: int) -> bool:
    """True when what was said follows an attribution that ends at *end*.

    "Smith said the move guaranteed sovereignty": true; '"...," Smith said on
    Thursday.', '"...," Trump told reporters at a news conference': false.
    """
    if _SAYING_AFTER.match(text, end, s_end) or text.endswith(("accused", "accuses", "suspected"), 0, end):
        return True  # "accused Israel of imposing ...": what follows "of" was said
    audience = _AUDIENCE_AND_TIME if text.endswith(_AUDIENCE_VERBS, 0, end) else _TIME_ONLY
    pos = audience.match(text, end, s_end).end()
    if pos >= s_end:
        return False
    if _object_follows(text, end, s_end):
        return False
    if not _NO_CONTENT.match(text, pos, s_end):
        return True
    return text[pos] not in ".;!?\"“”" and _THAT_AFTER_ADJUNCT.match(text, pos, s_end) is not None
# "the SPLC released a report saying that ...": a document of the subject's, then what it says
_DOCUMENT_SAYING = r"\s(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|report|letter|study|note|message|survey)\s+(?:saying|stating|that\s+(?:said|says|found|concluded))"
# "Lavrov briefed Wang on ..., saying that": the subject of the clause speaks.
_ACTION_VERB = r"\w+ed|told|wrote|spoke|gave|sent|made|met|held"  # the subject's first verb (here and below)
_THEN_ACTION_SAYING = re.compile(
    rf"{_OF_NAME}{_APPOSITIVE}\s+{_ADVERB}(?:{_ACTION_VERB})\b"
    rf"[^;]{{0,400}}?(?:,\s+(?:also\s+)?{_SAYING}|{_DOCUMENT_SAYING})\b"
)
_HAS_SAYING = re.compile(rf",\s+(?:also\s+)?{_SAYING}\b|{_DOCUMENT_SAYING}\b")
# A participle clause of labelling after the main clause takes its subject: "Wilders had sought to
# capitalize on a row ..., leading a protest and calling President Erdogan a "dictator."", "Gabriel has
# been critical of Trump, calling him "the pioneer of ..."", "Turkey, a key US ally, has decried
# Washington's intentions, considering the YPG a "terrorist" organisation": the label is the subject's.
_LABELLING_PARTICIPLE = (
    r"(?:calling|considering|referring\s+to|labell?ing|branding|describing|dubbing|terming|deriding|slamming"
    r"|denouncing)"
)
_THEN_ACTION_LABELLING = re.compile(
    rf"{_OF_NAME}{_APPOSITIVE}\s+{_ADVERB}(?:{_ACTION_VERB}|been|sought|is|was)\b"
    rf"[^;]{{0,300}}?(?:,\s+|\s+and\s+)(?:also\s+|even\s+)?{_LABELLING_PARTICIPLE}\b"
)
_HAS_LABELLING = re.compile(rf"(?:,|\sand)\s+(?:also\s+|even\s+)?{_LABELLING_PARTICIPLE}\b")
# Words without which a sentence holds no English attribution by name: every pattern
# of _speaking_names needs one of them at the start of a word.
_CUE_WORDS = {v.split()[0] for v in SPEECH_VERBS}.union(
    _INVERTED_VERBS, (w for w in re.findall("[a-z?]+", _SAYING) if "?" not in w), (v.split()[0] for v in LABELLING_VERBS), (
    "calling", "considering", "referring", "labelling", "labeling", "branding", "describing", "dubbing", "terming",
    "deriding", "slamming", "denouncing")
)


def _by_first_letter(words) -> str:
    """An alternation of *words* grouped by first letter: "s(?:aid|ays)|a(?:dded)" (twice as fast)."""
    rests: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in sorted(rests.items()))


# A cue word starts a word and may go on ("say" in "saying"): what this pattern finds. The English rules
# find the cue words with _ANCHORS (the same starts, in one pass with the unnamed speakers' nouns).
_ENGLISH_CUE = re.compile(rf"(?<!\w)(?:[Aa]ccording|{_by_first_letter(_CUE_WORDS)})")

_INVERTED = re.compile(
    rf"(?:^|[,\"”’»:]\s*)(?:{'|'.join(_INVERTED_VERBS)})\s+"
    rf"(?:(?:{_TITLE_LOWER}|{_TOKEN})\s+){{0,6}}?(?P<name>{_NAME})(?=\s*(?:[,.;:!?)]|$|(?:on|in|at|of|from|during|after|before|when|while)\s))"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?:[a-z]+\s+){{0,4}}?(?P<name>{_NAME})")
# "..., said University of Pennsylvania law school dean Theodore Ruger.": the person after the title
_LATER_NAME = re.compile(
    rf"(?:\s+of\s+{_NAME})?(?:\s+(?!(?:on|in|at|to|from|for|with|by|during|after|before|via|about|of|and|or)\b)"
    rf"[a-z][\w-]*){{1,4}}\s+(?P<name>{_NAME})(?=\s*(?:[,.;:!?)]|$))"
)
# \b(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey|[Ii]t) written to begin with a character class,
# which re scans for fast (twice as fast over a whole text).
_PRONOUN = re.compile(
    r"(?P<pronoun>[HhSsTtIi](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he|(?<=[Tt])hey|(?<=[Ii])t))"
    rf"\s+{_ADVERB}(?:{_VERBS}|(?P<labelling>{'|'.join(LABELLING_VERBS)}))\b"
)
# What stands before the verb of a _PRONOUN match (a pronoun, then adverbs), found back from the verb.
_PRONOUN_BEFORE = re.compile(
    rf"[HhSsTtIi](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he|(?<=[Tt])hey|(?<=[Ii])t)\s+{_ADVERB}$"
)
#: How far before its verb a pronoun is looked for: room for three adverbs and the spaces between.
_PRONOUN_REACH = 160


def _pronoun_matches(text: str, cue_starts):
    """Yield what ``_PRONOUN.finditer(text)`` yields, looking only before each cue word.

    Every match ends in a verb of speech or labelling, and each of those
    begins with a cue word (:data:`_ENGLISH_CUE`): trying the words before each
    cue start is several times faster than scanning the whole text.
    """
    pos = 0  # finditer's matches do not overlap
    for cue in cue_starts:
        if cue < pos:
            continue
        before = _PRONOUN_BEFORE.search(text, max(pos, cue - _PRONOUN_REACH), cue)
        match = before and _PRONOUN.match(text, before.start())
        if match:
            yield match
            pos = match.end()


#: Common nouns of institutions that speak ("the department said", "the firm determined",
#: "State television reported"): an unnamed speaker, or the institution named before
#: that ends in the same noun ("the US Treasury Department ... The department said").
INSTITUTION_NOUNS: tuple[str, ...] = tuple(
    """department firm company committee commission council court party union association institute
    university bank service corporation group network board authority assembly foundation
    administration television channel radio broadcaster magazine""".split()
)
# Unnamed speakers: "a government official said", "officials told", "the ministry said".
#: Nouns of speakers that name nobody: "officials said", "the statement read", "reports that".
UNNAMED_SPEAKER_NOUNS: tuple[str, ...] = tuple(
    """official officials spokesperson spokesman spokeswoman ministry minister ministers source sources
    statement report reports analyst analysts expert experts witnesses residents police authorities diplomat
    diplomats representatives lawyers prosecutors critics activists letter complaint survey investigators
    observers inhabitants lawmakers judges researchers protesters parliamentarians message claims allegations
    accusations suggestions assertions father mother relatives center centre Police Officials Authorities
    Witnesses Critics Experts Analysts Prosecutors Investigators
    groups outlets media leaders respondents parties sides organisations organizations agency newspaper
    document documents study poll polls others some Others Some claim allegation accusation assertion conclusion
    warning army military government administration embassy office intelligence command bill law draft
    blueprint interpretation percent""".split()
) + INSTITUTION_NOUNS
_NOUN_WORDS = tuple(dict.fromkeys(UNNAMED_SPEAKER_NOUNS + tuple(w.capitalize() for w in UNNAMED_SPEAKER_NOUNS if w.endswith("s"))))
_UNNAMED_NOUNS = f"(?:{_by_first_letter(_NOUN_WORDS)})"
#: Titles that a definite description of a person named before ends in: "the Russian
#: leader said", "the foreign minister said", "the expert said" resolve as "he".
DEFINITE_TITLES = frozenset(
    """president minister premier chancellor diplomat envoy expert lawmaker senator congressman congresswoman
    governor mayor ambassador general commander leader analyst professor scholar researcher economist activist
    politician secretary prosecutor judge chairman chairwoman chief prince king queen emperor pope spokesman
    spokeswoman founder director lawyer author writer representative MP MEP""".split()
)
_DEFINITE_TITLES = "(?:" + _by_first_letter(DEFINITE_TITLES) + ")"
# No leading \b, which would stop re from scanning for the first letters fast;
# _unnamed_matches checks that a noun starts a word.
_FROM_NAME = rf"(?:\s+(?:from|of|for|at|in)\s+(?:the\s+)?{_NAME})?"  # "representatives from Iran said"
# What may stand between an unnamed speaker and its verb: "representatives from Iran said", "two sources
# familiar with the matter told CNN", "a source in the Syrian army's command told", "59 percent of those asked fear".
_POSTMODIFIER = (
    rf"(?:\s+(?:from|of|for|at|in)\s+(?:the\s+)?{_NAME}"
    r"|\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|in|at|from|of|within|inside|among)"
    r"(?:\s+(?!(?:to|and|or|that|who|which|accused|said)\b)[\w'’-]+){1,4}?)?"
)
_UNNAMED_NOUN = re.compile(rf"(?<!\w){_UNNAMED_NOUNS}\b")  # the lookbehind keeps the fast scan for first letters


def _anchor_automaton() -> ahocorasick.Automaton:
    """An Aho-Corasick automaton of the cue words (:data:`_ENGLISH_CUE`) and the nouns of :data:`_UNNAMED_NOUN`.

    A cue word another one begins ("saying", "says" after "say") is left out: a
    start is a cue start when any cue word begins there, and the shortest is
    enough. Each word's value is (its length less one, a cue word?, a noun?).
    """
    cues = _CUE_WORDS | {"according", "According"}
    shortest = {w for w in cues if not any(w != v and w.startswith(v) for v in cues)}
    automaton = ahocorasick.Automaton()
    nouns = set(_NOUN_WORDS)
    for word in shortest | nouns:
        automaton.add_word(word, (len(word) - 1, word in shortest, word in nouns))
    automaton.make_automaton()
    return automaton


_ANCHORS = _anchor_automaton()


def _anchors(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """(cue starts, unnamed nouns) of *text*, found in one pass.

    The cue starts are the starts of ``_ENGLISH_CUE.finditer(text)`` (a cue word
    at the start of a word), the nouns the spans of ``_UNNAMED_NOUN.finditer(text)``
    (a noun that is a whole word); one scan of the automaton finds both, four
    times faster than the two patterns (every word is made of letters, so no
    match hides another).
    """
    cues, nouns = [], []
    last = len(text) - 1
    for end, (back, cue, noun) in _ANCHORS.iter(text):
        start = end - back
        if start and is_word_char(text[start - 1]):
            continue
        if cue:
            cues.append(start)
        if noun and (end == last or not is_word_char(text[end + 1])):
            nouns.append((start, end + 1))
    return cues, nouns


_UNNAMED_TAIL = re.compile(rf"{_POSTMODIFIER}(?:,?\s+who\b|{_APPOSITIVE})\s+{_ADVERB}(?:{_VERBS})\b|\s+(?:that|read)\b")  # after the noun
# "Trump's statement read", "the ministry's report said": a document owned by a named speaker.
_DOCUMENT_NOUN = re.compile(
    r"(?:s\s+)?(?:(?:a|an|the)\s+)?(?:[a-z-]+\s+){0,2}?(?:statement|letter|message|report|complaint|claim|allegation"
    r"|accusation|assertion|conclusion|warning)"
)
_DOCUMENT_OWNER = re.compile(rf"(?P<name>{_NAME})['’](?:s\s+)?$")
# "..., according to inhabitants.", "According to some experts, ...": an unnamed source.
_ACCORDING_BEFORE_NOUN = re.compile(r"[Aa]ccording\s+to\s+(?:[a-z-]+\s+){0,4}$")
_LOWER_RUN = frozenset("abcdefghijklmnopqrstuvwxyz- \t")  # what may stand before the noun
_UNNAMED = re.compile(
    r"\b(?P<pronoun>(?:(?:a|an|the|one|two|three|several|some|many)[ \t]+)?(?:[a-z-]+[ \t]+){0,3}?"
    rf"{_UNNAMED_NOUNS})"
    rf"{_POSTMODIFIER}(?:,?\s+who\b|{_UNNAMED_APPOSITIVE})\s+{_ADVERB}(?:{_VERBS}|(?<=atement |message | letter )read)\b"
    r"|\b(?P<pronoun3>(?:reports|claims|allegations|accusations|suggestions|assertions|claim|allegation"
    r"|accusation|assertion|conclusion|warning))\s+that\b"
    r"|\b[Aa]ccording\s+to\s+(?P<pronoun2>(?:(?:a|an|the|some|several|two|three|many)[ \t]+)?(?:[a-z-]+[ \t]+){0,3}?"
    rf"{_UNNAMED_NOUNS})\b(?![ \t]+(?:of|from|at|for|with)\b)"
)
# '..., added the Foxes statement', '..., says an official from CNPC Russia': an unnamed speaker after its verb.
_INVERTED_UNNAMED = re.compile(
    r"[,\"”’]\s*(?:said|says|added|noted|stressed|explained|wrote)\s+(?P<pronoun>(?:a|an|the|one|another)\s+"
    rf"(?:[\w'’-]+\s+){{0,4}}?(?:{_UNNAMED_NOUNS}\b|[a-z]+(?:er|or|ist|ian|ant|ent|man|woman)\b(?=\s*(?:[,.;]|$))))"
)
# Impersonal and passive reports name nobody: "it is widely believed that", ", it was thought,",
# "As it has been repeatedly stated,", "Mr Yee was reported to have received threats".
_IMPERSONAL = re.compile(
    r"\b(?P<pronoun>[Ii]t\s+(?:is|was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:believed|thought|said|reported"
    r"|feared|expected|claimed|alleged|understood|assumed|stated|argued|suggested|rumou?red)"
    r"|(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:reported|said|believed|thought|alleged|rumou?red)\s+to)\b"
)
# Anchors of _IMPERSONAL, each found fast: "it is|was|has been|had been", "...ed to".
_IMPERSONAL_PARTICIPLES = ("reported", "said", "believed", "thought", "alleged", "rumoured", "rumored")
_IMPERSONAL_BE = re.compile(r"\b(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:reported|said|believed|thought|alleged|rumou?red)$")
# "a young Syrian refugee who says ...": a person named by a noun alone.
_WHO_SPEAKS = re.compile(
    r"\b(?P<pronoun>(?:a|an|the|one|two|three|some|many)\s+(?:[A-Za-z-]+\s+){0,3}?[a-z]+(?:er|or|ist|ian|ee|ant|ent|man"
    rf"|woman|men|women|person|people)s?)\s+who\s+{_ADVERB}(?:{_VERBS})\b"
)
_WHO_VERB = re.compile(rf"who\s+{_ADVERB}(?:{_VERBS})\b")
_WHO_SUBJECT = re.compile(r"\b(?:a|an|the|one|two|three|some|many)\s+(?:[A-Za-z-]+\s+){0,3}?[a-z]+\s+$")


def _impersonal_matches(text: str):
    """Yield what ``_IMPERSONAL.finditer(text)`` yields, trying only the positions its anchors allow."""
    starts = []
    for verb in ("t is ", "t was ", "t has been ", "t had been "):
        pos = text.find(verb)
        while pos >= 1:
            if text[pos - 1] in "Ii" and (pos == 1 or not text[pos - 2].isalnum()):
                starts.append(pos - 1)
            pos = text.find(verb, pos + 1)
    pos = text.find(" to ")
    while pos >= 0:
        if text.endswith(_IMPERSONAL_PARTICIPLES, 0, pos):
            be = _IMPERSONAL_BE.search(text, max(0, pos - 40), pos)
            if be:
                starts.append(be.start())
        pos = text.find(" to ", pos + 1)
    last = 0
    for start in sorted(set(starts)):
        match = _IMPERSONAL.match(text, start) if start >= last else None
        if match:
            last = match.end()
            yield match


# A passive or reduced accusation or suspicion with a clause after it: "Russia was accused of interfering",
# "Ms Choi is accused of using", "He is widely suspected of asking", "an Oregon man accused of attacking".
# What follows "of" is what someone claimed, the accuser unnamed (the coding guide); a noun phrase after
# it ("accused of a crime", "charged with murder") is the outlet's label, and a negation accuses nobody.
_ACCUSED = re.compile(
    r"\b(?P<clause>)(?P<pronoun>(?:(?:is|was|are|were|been|being|be|stands?|stood)\s+(?:\w+ly\s+)?)?(?:accused|suspected))"
    r"(?=\s+of\s+(?:\w+ly\s+|not\s+)?(?!(?:wrongdoing|nothing|anything|something|everything)\b)[a-z]+ing\b)"
)
_NEGATED = re.compile(r"\b(?:not|never|n['’]t)\s+$")


def _accused_matches(text: str):
    """Yield the matches of ``_ACCUSED`` not negated and not of an active perfect ("has accused")."""
    if "accused of " not in text and "suspected of " not in text:
        return
    for match in _ACCUSED.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        bare = match.group().startswith(("accused", "suspected"))
        if not _NEGATED.search(before) and not (bare and re.search(r"\b(?:has|have|had)\s+$", before)):
            yield match


# A clause governed by a verb through the complementizer "that": "The investigation showed that ...",
# "a second trial found that ...", "Clinton's team strongly hinted that ...". The verb is a past form
# (regular "-ed" or one of a few irregular ones) right before "that"; a noun before "that" ("laws that
# say", "concerns that") opens a relative or appositive clause, and "means that" is the outlet's inference.
_THAT_VERB = re.compile(
    r"(?<![\w'’-])(?P<clause>)(?P<pronoun>(?:[a-z]{2,}ed|found|showed|shown|knew|thought|felt|wrote|heard|understood"
    r"|taught))$"
)
_THAT_CLAUSE = re.compile(
    r"\s+that\s+(?!(?:is|was|are|were|has|have|had|will|would|can|could|may|might|should|must|does|did)\b)"
    # a clause follows, not a demonstrative ("repeated that claim during an interview"): a finite verb
    # within nine words, before any punctuation
    r"(?:[\w'’-]+\s+){1,8}?(?:is|was|are|were|has|have|had|will|would|can|could|may|might|should|must|does|did"
    r"|[a-z]{2,}ed|[a-z]{2,}s)\b"
)
#: "-ed" words before "that" that are no verb of a stated finding or view.
_NOT_THAT_VERBS = frozenset(
    "need indeed based used related caused ensured proved decided added concerned required meant so such now"
    .split()
)


_LISTED_VERBS = frozenset(SPEECH_VERBS) | frozenset(LABELLING_VERBS)


def _that_clause_matches(text: str):
    """Yield a match of the verb (``_THAT_VERB``) before each " that " that opens a clause (``_THAT_CLAUSE``)."""
    pos = text.find(" that ")
    while pos >= 0:
        verb = _THAT_VERB.search(text, max(0, pos - 20), pos)
        if (verb and verb.group("pronoun") not in _NOT_THAT_VERBS and verb.group("pronoun") not in _LISTED_VERBS
                and _THAT_CLAUSE.match(text, pos)):  # a listed verb has its own rules
            yield verb
        pos = text.find(" that ", pos + 1)


def _who_speaks_matches(text: str):
    """Yield the matches of ``_WHO_SPEAKS`` ("a young refugee who says"), found from "who" + verb."""
    for anchor in _WHO_VERB.finditer(text):
        subject = _WHO_SUBJECT.search(text, max(0, anchor.start() - 80), anchor.start())
        if subject:
            match = _WHO_SPEAKS.match(text, subject.start())
            if match:
                yield match


_VERB_AT = re.compile(rf"(?:{_VERBS})\b")
_DEFINITE_BEFORE = re.compile(rf"\b[Tt]he\s+(?:[A-Za-z-]+\s+){{0,3}}?{_DEFINITE_TITLES}\s+{_ADVERB}$")


@dataclass
class _Definite:
    """A match-like record of "the Russian leader said" (start, end, groupdict)."""

    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def groupdict(self) -> dict:
        return {"definite": True}


def _definite_matches(text: str, cue_starts):
    """Definite descriptions that speak ("the Russian leader said"), found from the cue words.

    Every match ends in a verb of speech, which is a cue word: trying the
    words before each cue is several times faster than scanning the text.
    """
    for cue in cue_starts:
        verb = _VERB_AT.match(text, cue)
        if verb:
            head = _DEFINITE_BEFORE.search(text, max(0, cue - 80), cue)
            if head:
                yield _Definite(head.start(), verb.end())



# The subject whose appositive holds a name ("Nadia Murad, along with her counsel, international human
# rights lawyer Amal Clooney, described"; "Greg Barton, Chair In Global Islamic Politics ... at the Deakin
# University, said"): a name, a comma, then one or two segments with a word in lower case.
_APPOSITIVE_OWNER = re.compile(
    rf"(?<![\w'’-])(?P<owner>{_TOKEN}(?:[ \t]+{_PARTICLE}{_TOKEN}){{1,4}})"
    r"(?:,\s+(?!(?:is|was|are|were|has|have|had|will|would|can|could|may|might|following|after|before|when|while"
    r"|as|in|on|at|during|since)\b)(?:[A-Z][\w'’.-]*\s+){0,6}[a-z](?:(?!\b(?:that|which|who)\b)[^,;:\"“”()\d]){0,100}?){1,2}"
    r"[\s,]+$"
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?i:in|at|on|from|for|by|of|to|with|after|before|during|since|like|aboard|near|across|through|into|over"
    r"|under|between|among|toward|towards|around|within|without|via|outside|inside|beyond|behind|about|against|upon)"
    r"\s+(?:the\s+)?$"
)


def _owns_appositive(text: str, owner: re.Match, s_start: int) -> bool:
    """True when the *owner* name of an appositive is a subject that may speak (a person or body, not "On Saturday")."""
    if _AFTER_PREPOSITION.search(text, max(s_start, owner.start() - 16), owner.start()):
        return False
    words = owner.group("owner").split()
    person, tokens = _strip_name(owner.group("owner"))
    return bool(person) and (words[0] == "The" or words[0] not in _FUNCTION_WORDS) and tokens[-1] not in _CALENDAR


# "Russia's Permanent Representative to NATO Alexander Grushko said": "to" ends a title, not "Speaking to".
_TITLE_TO_BEFORE = re.compile(
    r"\b(?:Representative|Ambassador|Envoy|Adviser|Advisor|Secretary|Minister|Delegate|Commissioner|Observer)\s+to\s+$"
)
_UNNAMED_AFTER_NAME = re.compile(r"\s+(?:[a-z-]+\s+)?(?:officials|sources|media|authorities|police|security\s+sources|diplomats|reports|analysts|experts)\b")
_WHO_AFTER = re.compile(r"\s*,\s+who\s")
_TITLE_AFTER_NAME = re.compile(rf"\s+({_DEFINITE_TITLES})\b")
_TITLE_TO_NAME = re.compile(rf"\s+to\s+(?:the\s+)?(?P<name>{_NAME})(?=\s*(?:[,.;:!?)]|$))")
_ADJUNCT_APPOSITIVE = re.compile(r",\s+(?:in|on|at|for|with|from|after|before|during|despite|amid)\s")
_PREPOSITION_THE_BEFORE = re.compile(r"\b(?:of|in|at|for|by|on|from|between|to|with|into|near)\s+(?:the\s+)?$")


def _speaking_names(text: str, runs, s_start: int, s_end: int, cues):
    """Yield (start, name start, name, end, kind) of each attribution by name in text[s_start:s_end].

    *kind* is "verb" ("Wang said"), "saying" ("Lavrov briefed Wang ..., saying"),
    "labelling" ('Trump derided it as "..."'), "inverted" ("..., said Lavrov") or
    "according" ("according to Lavrov"). *cues* are where the sentence's cue
    words start: every verb of speech or labelling starts at one, so a name
    after the last has none after it, and a pattern whose verbs start no cue
    word is not tried.
    """
    last_cue = cues[-1]
    saying = _HAS_SAYING.search(text, s_start, s_end)
    patterns = [(_THEN_VERB, "verb")]
    if any(text.startswith(_LABELLING_FIRST_WORDS, cue) for cue in cues):
        patterns.append((_THEN_LABELLING, "labelling"))
    if saying:
        patterns.append((_THEN_ACTION_SAYING, "saying"))
    if _HAS_LABELLING.search(text, s_start, s_end):
        patterns.append((_THEN_ACTION_LABELLING, "labelling"))
    for pattern, kind in patterns:
        covered = 0  # names inside an appositive already matched do not speak
        for run in runs:
            if kind != "saying" and run.end() >= last_cue:
                break  # the verb (or labelling verb) of these patterns starts with a cue word
            after = pattern.match(text, run.end(), s_end) if run.start() >= covered else None
            if after and re.match(r"\s+of\s+[^,]*['’]s\s", after.group()) and not _strip_name(run.group())[0]:
                after = None  # "Chief of the General Staff's ... Department Lieutenant-General Rudskoi said": his name follows
            if (after and _ADJUNCT_APPOSITIVE.match(after.group())
                    and _PREPOSITION_THE_BEFORE.search(text, max(s_start, run.start() - 16), run.start())):
                # "... Fatah in the West Bank, in an attempt to undermine it, said Ravid": a place after a
                # preposition, then an adjunct, is no subject ("The Department of Justice, in a brief ..., said" is)
                after = None
            # "representatives from Iran acknowledged": a lone name after a preposition is no
            # subject ("Special Representative for Iran Brian Hook said" is).
            before = max(s_start, run.start() - 12)
            if after and not (
                (_TO_BEFORE.search(text, before, run.start())
                 and not _TITLE_TO_BEFORE.search(text, max(s_start, run.start() - 40), run.start()))
                or (_ACCORDING_BEFORE.search(text, max(s_start, run.start() - 60), run.start())
                    and not _WHO_AFTER.match(after.group()))  # "according to a statement from X, who said he ..." 
                or (" " not in run.group() and _PREPOSITION_BEFORE.search(text, before, run.start()))
            ):
                covered = after.end()
                # "Chief Constable Simon Bailey, the head of Operation Hydrant, ... said": a name inside
                # the appositive of the subject is not who speaks; the subject is
                owner = _APPOSITIVE_OWNER.search(text, max(s_start, run.start() - 160), run.start())
                if owner and _owns_appositive(text, owner, s_start):
                    yield owner.start(), owner.start(), owner.group("owner"), after.end(), kind
                    continue
                yield run.start(), run.start(), run.group(), after.end(), kind
    according = text.find("ccording", s_start, s_end) >= 0
    if not according and not any(text.startswith(_INVERTED_VERBS, cue) for cue in cues):
        return  # no verb of an inversion ("..., said Lavrov") and no "according to"
    sentence = text[s_start:s_end]  # _INVERTED is anchored at the sentence's start
    patterns = [(_INVERTED, "inverted"), (_ACCORDING, "according")] if according else [(_INVERTED, "inverted")]
    for pattern, kind in patterns:
        for match in pattern.finditer(sentence):
            name_start, end, name = s_start + match.start("name"), s_start + match.end(), match.group("name")
            if kind == "according" and _UNNAMED_AFTER_NAME.match(text, end, s_end):
                name = ""  # "according to Egyptian officials": no one named
            elif kind == "according" and (head := _TITLE_AFTER_NAME.match(text, end, s_end)):
                name, end = f"{name} {head.group(1)}", head.end()  # "according to the Russian NATO ambassador": a description
            later = _LATER_NAME.match(text, end, s_end) if kind == "inverted" else None
            if not later and _TITLE_TO_BEFORE.search(name + " to "):
                # "according to Chinese Ambassador to Switzerland Geng Wenbing": the person after the title's place
                later = _TITLE_TO_NAME.match(text, end, s_end)
            if later:
                name_start, end, name = later.start("name"), later.end(), later.group("name")
            yield s_start + match.start(), name_start, name, end, kind



#: The first words of the labelling verbs: each starts at a cue word ("referred" of "referred to").
_LABELLING_FIRST_WORDS = tuple(dict.fromkeys(v.split()[0] for v in LABELLING_VERBS))


def _unnamed_matches(text: str, nouns):
    """Yield what ``_UNNAMED.finditer(text)`` yields, trying only the words before each noun.

    A match is at most four lower-case words, one of ``_UNNAMED_NOUNS`` and a
    verb (``_UNNAMED_TAIL``): every start lies in the run of lower-case
    letters, hyphens, spaces and tabs right before a noun that a verb follows.
    Trying those few positions is several times faster than letting
    ``finditer`` try every word. *nouns* are the (start, end) of the nouns,
    as :func:`_anchors` finds them.
    """
    pos = 0  # finditer's matches do not overlap
    for noun_start, noun_end in nouns:
        if noun_start < pos:
            continue
        lo = noun_start
        if not _UNNAMED_TAIL.match(text, noun_end) and not _ACCORDING_BEFORE_NOUN.search(text, max(0, lo - 70), lo):
            continue
        while lo > pos and text[lo - 1] in _LOWER_RUN:
            lo -= 1
        if lo > pos and text.startswith("According", lo - 1):
            lo -= 1
        for start in range(lo, noun_start + 1):
            match = _UNNAMED.match(text, start)
            if match:
                yield match
                pos = match.end()
                break


# A group named by a common noun: "the unions have accused", "US intelligence agencies have accused",
# "Opponents, including some airlines, say", "the European parliamentarians who have arrived in Crimea
# have said". The subject's head is a plural noun (four letters or more, ending in -s), up to three
# modifiers before it, an optional "including ..." or "who ..." clause after it.
_NOT_PLURAL_HEAD = frozenset(
    """this thus was has does goes news always perhaps whereas unless besides sometimes its his hers ours
    yours theirs less across various previous serious famous numerous series species politics economics
    chaos status analysis basis crisis thesis process""".split()
)
_GROUP_SUBJECT = re.compile(
    r"(?<![\w'’.-])(?P<pronoun>(?:(?:[Tt]he|[Ss]ome|[Mm]any|[Mm]ost|[Oo]ther|[Ss]everal|[Tt]wo|[Tt]hree|[Ff]our|[A-Z][\w.]*)[ \t]+)?"
    r"(?:[a-z][\w-]*[ \t]+){0,3}?(?P<head>[a-z][a-z-]{2,}s|(?<![\w'’.-] )[A-Z][a-z-]{3,}s))"
    rf"(?:,\s+including\s+[^,.;:\"“”]{{1,60}},|\s+who\s+[^,.;:\"“”]{{1,80}}?)?\s+{_ADVERB}$"
)


@dataclass
class _Group:
    """A match-like record of "the unions have accused" (start, end, groupdict)."""

    begin: int
    finish: int
    words: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, *_):
        return self.words

    def groupdict(self) -> dict:
        return {"pronoun": self.words}


def _group_matches(text: str, cue_starts):
    """Groups named by a common plural noun that speak ("the unions have accused"): an unnamed speaker."""
    for cue in cue_starts:
        lo = max(0, cue - 140)
        clause = text.find(" who ", lo, cue) >= 0 or text.find(" including ", lo, cue) >= 0
        last = text[max(lo, cue - 40) : cue].split()[-3:]
        if not clause and not any(w.endswith("s") for w in last):
            continue  # no plural among the last words and no clause after one: no group (cheap test first)
        verb = _VERB_AT.match(text, cue)
        if not verb:
            continue
        head = _GROUP_SUBJECT.search(text, lo if clause else max(0, cue - 70), cue)
        if head and head.group("head").lower() not in _NOT_PLURAL_HEAD and not head.group("head").endswith("ss"):
            yield _Group(head.start(), verb.end(), head.group("pronoun"))
