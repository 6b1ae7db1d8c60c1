"""One article's voices: which attribution covers a hit; :func:`annotate_voice`, the public entry point."""

from __future__ import annotations

import bisect
import re

import pandas as pd
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, require_columns, SchemaError
from toolkit.schema import DOC_ID, OUTLET, TEXT, VOICE_COLUMNS
from toolkit.sentences import paragraph_spans, sentence_spans
from toolkit.voice.attribution import _Attribution, _find_attributions, _resolve, _unnamed_speech
from toolkit.scripts import CYRILLIC_RE as _CYRILLIC, HAN_OR_CYRILLIC_RE as _HAN_OR_CYRILLIC, HAN_RE as _HAN
from toolkit.voice.english import _anchors
from toolkit.voice.names import _NAME_RUN, ORGANISATION_WORDS, _strip_name, _surname
from toolkit.voice.naming import _SCARE_FILLERS, _SO_CALLED_BEFORE, _so_called_names, _SO_CALLED_START
from toolkit.voice.quotes import quotation_spans, repair_marks, restore_paragraphs

#: Longest paragraph (in sentences) whose first or last sentence governs it.
MAX_PARAGRAPH_SENTENCES = 4

# --- one article -----------------------------------------------------------


_BOUNDARY = re.compile(r"[,;:\"“”’)—–]")


# A second verb of the same subject after the reported clause: ", and imposed", ", but removed".
_NEXT_VERB = re.compile(
    r",\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+|has\s+|have\s+|had\s+)?(?:[a-z]+ed|made|took|gave|sent|held|met|left"
    r"|won|lost|began|went|came|led|ran|sought|brought)\b"
)


# The label of a link or a teaser in scraped text: "READ MORE: ...", "RELATED: ...", "OPINION: ...".
_LINK_LABEL = re.compile(
    r"\b(?:READ MORE|RELATED|OPINION|INTERACTIVE|EXPLAINED|WATCH|SEE ALSO|ALSO READ|IN PICTURES|INSIDE STORY|FACTBOX"
    r"|TIMELINE|MORE ON THIS)\s*:\s"
)
_STOP_AFTER_LABEL = re.compile(r"[.!?](?:\s|$)|\n")


def _nearest(attributions, lo, hi, text=None):
    """Attribution nearest to [lo, hi): before it first, else after it; named ones first.

    With *text* (a hit outside quotation marks), one before it counts only when
    what was said follows it ("X said that ...", not '"...," X said'), and one
    after it only when it ends its clause ("..., X said on Monday.") and a
    clause mark stands between: "The group, the Islamic State, claimed ..."
    does not attribute the group's name to the group.
    """
    def covers_before(a):
        if text is None:
            return True
        if a.labelling:  # "named the YPG as terrorists"
            return re.search(r"\bas\b", text[a.end : lo]) is not None
        # "His administration said Iran was on notice, and imposed new sanctions": the second
        # verb of the subject is narration again, not what was said
        return a.content and not _NEXT_VERB.search(text, a.end, lo) and (a.until < 0 or lo < a.until)

    def covers_after(a):
        if text is None:
            return not a.labelling
        between = text[hi : max(hi, a.position) + 1]
        return a.final and not a.labelling and _BOUNDARY.search(between) is not None and ";" not in between

    for group in ([a for a in attributions if a.name], [a for a in attributions if not a.name]):
        before = [a for a in group if a.position < lo and covers_before(a)]
        after = [a for a in group if a.position >= hi and covers_after(a)]
        if before and after and text is not None and after[0].name:
            return after[0]  # "The Kremlin denies ..., spokesman Peskov said.": all of it is Peskov's
        if before:
            return before[-1]
        if after:
            return after[0]
    return None


# A passive designation right before a quotation: 'is listed as a "terrorist" organisation by the EU',
# 'was designated a "..." by', 'are deemed "..."'.
_DESIGNATED = re.compile(
    r"\b(?:is|was|are|were|been|being|be)\s+(?:\w+ly\s+)?(?:listed|designated|deemed|considered|branded|labell?ed"
    r"|classified|regarded|described|viewed|seen|named|dubbed|termed)\s+(?:as\s+)?(?:an?\s+|the\s+)?$"
)
_BY_DESIGNATOR = re.compile(rf"[^\s\"“”.;:]*(?:\s+[a-z]+){{0,2}}?\s+by\s+(?:the\s+)?(?P<name>{_NAME_RUN.pattern})")
# A reporter's question before the answer's attribution: "Asked whether ..., Peskov said".
_ASKED = re.compile(
    r"(?:^|[,;]\s*)(?:[Ww]hen\s+|[Ii]f\s+|[Aa]fter\s+being\s+|[Bb]eing\s+)?[Aa]sked\s+(?:\w+\s+){0,5}?"
    r"(?:whether|if|about|why|how|what|who|when)\b"
)
# Interview transcripts: a paragraph that begins with its speaker's label, "((WN))", "NG:".
_QA_LABEL = re.compile(r"\(\(([^()\n]{1,40})\)\)|([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]")
#: Labels of the interviewer in a transcript: the outlet's own voice.
INTERVIEWER_LABELS = frozenset("WN Wikinews Q Question Interviewer Reporter Journalist".split())


def _interview_turns(text: str, paragraphs, runs, attributions=()) -> list[tuple[int, str | None]]:
    """(paragraph start, speaker) of each labelled turn of an interview transcript, else [].

    A transcript has at least three paragraphs that begin with a label
    ("((WN))", "((Thomas Rivinius))", "NG:") and two different labels, or
    three "((Name))" labels (the Wikinews reference has its "((WN))" tags
    removed). The speaker is the label's surname; initials ("NG") stand for
    the name in the text with those initials (Natasha Gownaris); the
    interviewer's labels (:data:`INTERVIEWER_LABELS`) and unlabelled
    paragraphs that end in a question mark give "" (the outlet's voice).
    """
    labelled, questions = [], []
    for p_start, p_end in paragraphs:
        match = _QA_LABEL.match(text, p_start, p_end)
        if match:
            labelled.append((p_start, (match.group(1) or match.group(2)).strip()))
        elif labelled and text[p_end - 1] == "?":
            questions.append(p_start)  # an unlabelled question after an answer: the interviewer's
    double = sum(text.startswith("((", p) for p, _ in labelled)
    if len(labelled) < 3 or (len({label for _, label in labelled}) < 2 and double < 3):
        return _inline_interview_turns(text, runs, attributions)
    turns = [(p, "") for p in questions]
    for p_start, label in labelled:
        if label in INTERVIEWER_LABELS:
            turns.append((p_start, ""))
            continue
        words = label.split()
        if re.fullmatch(r"[A-Z]{2,3}", label):  # initials: the name they stand for
            named = next((m.group().split() for m in runs if len(m.group().split()) == len(label)
                          and "".join(w[0] for w in m.group().split()) == label), None)
            words = named or words
        person = _strip_name(" ".join(words))[0] or tuple(words)
        turns.append((p_start, _surname(list(person), set())))
    return sorted(turns)


# An interview whose labels stand inside a paragraph: "... in German cinemas. DW: You're a performance
# artist ... When did you change your focus? Pyotr Pavlensky: That was in 2012, ...".
_INLINE_LABEL = re.compile(r"(?:^|(?<=[.?!\"”]\s))([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]")
_QUESTION_END = re.compile(r"\?[\"”’)]*\s*$")


def _inline_interview_turns(text: str, runs, attributions=()) -> list[tuple[int, str | None]]:
    """(start, speaker) of each turn of an interview with inline labels, else [].

    The first label asks (its turn holds a question mark: the interviewer, the
    outlet's voice) and a second, different label answers. After the first
    label, a sentence that ends in a question mark is the interviewer's and
    the sentences after it, up to the next question, are the answerer's.
    """
    labels = []  # the first two labels, found from their colons (scanning for capitals is slow)
    pos = text.find(": ")
    while pos >= 0 and len(labels) < 2:
        label = _INLINE_LABEL.search(text, max(0, pos - 60), pos + 2)
        if label and label.end() == pos + 2:
            labels.append(label)
        pos = text.find(": ", pos + 2)
    if len(labels) < 2 or labels[0].group(1) == labels[1].group(1) or labels[1].group(1).isupper():
        return _unlabelled_interview_turns(text, runs, attributions)
    first = labels[0].group(1)
    if first not in INTERVIEWER_LABELS and not re.fullmatch(r"[A-Z]{1,3}", first):
        return _unlabelled_interview_turns(text, runs, attributions)  # the interviewer is an initialism ("DW") or "Q" ("READ MORE:" is a link)
    if "?" not in text[labels[0].end() : labels[1].start()]:
        return _unlabelled_interview_turns(text, runs, attributions)
    words = labels[1].group(1).split()
    person = _strip_name(" ".join(words))[0] or tuple(words)
    answerer = _surname(list(person), set())
    turns = [(labels[0].start(), ""), (labels[1].start(), answerer)]
    asking = False
    for s_start, s_end in sentence_spans(text[labels[1].end():]):
        s_start, s_end = s_start + labels[1].end(), s_end + labels[1].end()
        question = _QUESTION_END.search(text, s_start, s_end) is not None
        if question and not asking:
            turns.append((s_start, ""))
        elif not question and asking:
            turns.append((s_start, answerer))
        asking = question
    return sorted(turns)


# An interview introduced without labels: "Levatich recently spoke to China Daily about ... Following are
# edited excerpts from the interview. What kind of ...? I think ...", "Toby Lanzer ... spoke to DW ahead of ...".
_INTERVIEW_CUE = re.compile(
    r"(?P<spoke>\b(?:spoke|talked|speaks|talks)\s+(?:exclusively\s+)?(?:to|with)\s+[A-Z]|\banswered\s+(?:some\s+)?questions\b)"
    r"|\b(?:excerpts|transcript)\s+(?:from|of)\s+(?:the|an|our|this|his|her)\s+(?:[a-z]+\s+)?interview\b"
    r"|\b(?:tells|told)\s+[A-Z][^.?!]{0,40}\s+in\s+an\s+interview\b"
)
_MIN_UNLABELLED_QUESTIONS = 3
_CUE_HINTS = ("spoke ", "talked ", "speaks ", "talks ", "answered ", "interview")
_MIN_ANSWER_WORDS = 20


def _unlabelled_interview_turns(text: str, runs, attributions=()) -> list[tuple[int, str | None]]:
    """(start, speaker) of the turns of an interview without labels, else [].

    An interview cue ("X spoke to China Daily", "excerpts from the interview",
    "he tells China Daily in an interview") followed by at least three
    questions (sentences that end in a question mark), each answered: a
    question is the interviewer's (the outlet's voice), the sentences after it
    up to the next question the interviewee's. The interviewee is the subject
    of "spoke to", else the speaker the article quotes most before the first
    question. A sentence that opens with the interviewee's full name (the
    closing biography) or "The interview was" ends the interview (speaker None).
    """
    if text.count("?") < _MIN_UNLABELLED_QUESTIONS or not any(word in text for word in _CUE_HINTS):
        return []  # substring tests first: most articles are no interview
    cue = _INTERVIEW_CUE.search(text)
    if not cue:
        return []
    sentences = sentence_spans(text)
    first = next((s for s, e in sentences if s >= cue.end() and _QUESTION_END.search(text, s, e)), None)
    if first is None:
        return []
    answerer = None
    if cue.group("spoke"):
        cue_start = max((s for s, _ in sentences if s <= cue.start()), default=0)
        # the subject: a name followed by its appositive ("Toby Lanzer, the assistant Secretary-General to the
        # UN, spoke"), else the last name before the verb ("Retired teacher Brian T. Carroll answered")
        candidates = [run for run in runs if cue_start <= run.start() < cue.start() and _strip_name(run.group())[0]
                      and run.group().split()[-1] not in ORGANISATION_WORDS
                      and not (" " not in run.group() and run.group().endswith("ly"))]  # "Recently, Karakas spoke"
        if len(candidates) > 1:  # "Retired teacher Brian T. Carroll": a capitalised adjective is no name
            candidates = [run for run in candidates if " " in run.group() or not re.match(r" [a-z]", text[run.end():run.end() + 2])]
        subject = None
        if candidates:
            subject = candidates[0] if re.match(r",| of ", text[candidates[0].end():candidates[0].end() + 4]) else candidates[-1]
        if subject and re.fullmatch(r"[A-Z]{2,4}", subject.group()):  # "DW spoke to Mitchell Toomey": the outlet asks
            subject = next((run for run in runs if cue.end() - 1 <= run.start() < cue.end() + 2), None)
        if subject:
            answerer = _surname(list(_strip_name(subject.group())[0]), set())
            named = {a.speaker for a in attributions if a.speaker}
            answerer = next((w for w in _strip_name(subject.group())[0] if w in named), answerer)
    if answerer is None:
        counts: dict[str, int] = {}
        for a in attributions:
            if a.position < first and a.speaker and a.how in ("name", "chain", "centre", "titled") and not a.speaker.endswith("ly"):
                counts[a.speaker] = counts.get(a.speaker, 0) + 1
        if not counts:
            return []
        answerer = max(counts, key=lambda k: (counts[k], k))
    turns: list[tuple[int, str | None]] = []
    asking, answers, words = False, 0, 0
    for s_start, s_end in sentences:
        if s_start < first:
            continue
        if not asking:
            words += len(text[s_start:s_end].split())
        if _INTERVIEW_END.match(text, s_start) or (
            (run := _NAME_RUN.match(text, s_start)) and len(run.group().split()) >= 2
            and run.group().split()[-1].endswith(answerer) and re.match(r"\s+(?:is|was|has)\b", text[run.end():run.end() + 5])
        ):
            turns.append((s_start, None))
            break
        question = _QUESTION_END.search(text, s_start, s_end) is not None
        if question and not asking:
            turns.append((s_start, ""))
            answers += words >= _MIN_ANSWER_WORDS  # the answer before this question
            words = 0
        elif not question and asking:
            turns.append((s_start, answerer))
            words = len(text[s_start:s_end].split())
        asking = question
    answers += words >= _MIN_ANSWER_WORDS
    return turns if answers >= _MIN_UNLABELLED_QUESTIONS else []  # questions without answers are no interview


_INTERVIEW_END = re.compile(r"(?:The|This)\s+interview\s+(?:was|has\s+been)\b")


class _Article:
    """One article's attributions, ready to give the voice of its hits.

    Sentences are split only in the paragraphs (lines) that matter: those that
    hold a hit (and the next one: “……”\n王毅说), a word that English
    attributions need (_ENGLISH_CUE), a pronoun or unnamed speaker that speaks,
    or Han or Cyrillic letters. A paragraph without any of these holds no
    attribution, and no rule looks into it. ``sentences`` lists the sentences
    of those paragraphs in text order; indices are into that list. Quotations
    are found in those paragraphs and the ones before them.
    """

    def __init__(self, text: str, hit_starts):
        text = restore_paragraphs(repair_marks(text))
        self.text = text
        han = cyrillic = False
        if not text.isascii() and _HAN_OR_CYRILLIC.search(text):  # one scan of an English text, not two
            han, cyrillic = _HAN.search(text) is not None, _CYRILLIC.search(text) is not None
        self.han, self.cyrillic = han, cyrillic
        cue_starts, nouns = _anchors(text)
        speech = _unnamed_speech(text, han, cyrillic, cue_starts, nouns)
        paragraphs = paragraph_spans(text)
        para_starts = [s for s, _ in paragraphs]

        def paragraph_at(pos):
            return max(bisect.bisect_right(para_starts, pos) - 1, 0)

        needed = {paragraph_at(pos) for pos in hit_starts}
        needed |= {p + 1 for p in needed}
        needed |= {paragraph_at(pos) for pos in cue_starts}
        needed |= {paragraph_at(match.start()) for match in speech}
        if han or cyrillic:
            needed |= {
                p for p, (s, e) in enumerate(paragraphs) if _HAN.search(text, s, e) or _CYRILLIC.search(text, s, e)
            }
        self.sentences, self.paragraph_of = [], []
        for p in sorted(needed):
            if p < len(paragraphs):
                # A paragraph is one line and sentence_spans splits each line on its own.
                p_start, p_end = paragraphs[p]
                spans = sentence_spans(text, p_start, p_end)
                self.sentences += spans
                self.paragraph_of += [p] * len(spans)
        self.sentence_starts = [s for s, _ in self.sentences]
        # An open quotation at the end of a paragraph reaches attributions that open the next.
        with_previous = sorted(needed.union(p - 1 for p in needed).intersection(range(len(paragraphs))))
        self.quotes = quotation_spans(text, [paragraphs[p] for p in with_previous])
        runs = list(_NAME_RUN.finditer(text))
        self.attributions = _find_attributions(
            text, self.sentences, self.quotes, runs, cue_starts, speech, han, cyrillic
        )
        _resolve(text, self.attributions, runs, self.sentence_starts)
        self.turns = _interview_turns(text, paragraphs, runs, self.attributions)
        self.turn_starts = [p for p, _ in self.turns]
        self.by_sentence: dict[int, list[_Attribution]] = {}
        for a in self.attributions:
            self.by_sentence.setdefault(a.sentence, []).append(a)

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, pos) - 1, 0)

    def paragraph_speaker(self, sentence: int, quoted: bool) -> str | None:
        para = self.paragraph_of[sentence]
        first = bisect.bisect_left(self.paragraph_of, para)
        last = bisect.bisect_right(self.paragraph_of, para) - 1
        if last - first + 1 > MAX_PARAGRAPH_SENTENCES:
            return None  # a "paragraph" this long is a text without line breaks
        # Only named speakers govern a paragraph, not an unresolved "it said"; the
        # attribution of a direct quotation governs only the paragraph's quotations.
        governing = {
            a.speaker
            for i in {first, last}
            for a in self.by_sentence.get(i, [])
            if a.speaker and (quoted or not a.direct)
        }
        return governing.pop() if len(governing) == 1 else None

    def _quoted_attribution(self, lo: int, hi: int):
        """The attribution of the quotation [lo, hi], else of the quotation it continues."""
        touched = range(self.sentence_index(lo), self.sentence_index(hi) + 1)
        candidates = [a for i in touched for a in self.by_sentence.get(i, [])]
        # “……。”王毅说。: the attribution right after the closing mark opens the next sentence.
        following = touched[-1] + 1
        if following < len(self.sentences) and self.sentences[following][0] <= hi + 3:
            candidates += [a for a in self.by_sentence.get(following, []) if a.tail]
        # '"...," he told a group of Western journalists, state news agency SANA said': the attribution
        # that introduces the quotation, not the one that reports the whole sentence
        direct = [a for a in candidates if a.direct and not a.labelling and (0 <= a.begin - hi <= 6 or 0 <= lo - a.end <= 4)]
        chosen = _nearest(direct or candidates, lo, hi)
        if chosen is not None or self.qa_turn(lo) is not None:
            return chosen, "own"
        # '"We need ...," he said. "The disorder ..."': a quotation that opens its sentence
        # continues the one before it and shares its attribution; '"..." "...," he said' the next.
        # It also continues reported speech right before it ('Bays said the address was very
        # different. "It was a conventional speech ..."'), and a quotation that opens a paragraph
        # continues the last sentence of the paragraph before (newspapers give a long quotation
        # one paragraph at a time: 'He added that ... ¶ "The way MSNBC hyped it ..."').
        first = touched[0]
        if lo - self.sentences[first][0] <= 2:
            para = self.paragraph_of[first]
            opens_paragraph = first == 0 or self.paragraph_of[first - 1] != para
            for i in range(first - 1, max(first - 6, -1), -1):
                if self.paragraph_of[i] != para:
                    # into the paragraph before: right before the quotation, or when a quotation is
                    # left open at that paragraph's end (it goes on in the next one)
                    left_open = any(self.sentences[i][0] <= o and c >= self.sentences[i][1] - 1 for o, c in self.quotes)
                    if self.paragraph_of[i] != para - 1 or not ((opens_paragraph and i == first - 1) or left_open):
                        break
                    para = self.paragraph_of[i]
                nearest = i == first - 1
                direct = [a for a in self.by_sentence.get(i, [])
                          if (a.direct or a.final or (nearest and a.content)) and not a.labelling]
                if direct:
                    return direct[-1], "continued"
                if not any(self.sentences[i][0] <= c <= self.sentences[i][1] for _, c in self.quotes):
                    break
        nxt = touched[-1] + 1
        if nxt < len(self.sentences) and self.paragraph_of[nxt] == self.paragraph_of[touched[-1]]:
            n_start = self.sentences[nxt][0]
            if self.text[n_start : n_start + 1] in '"“' and hi >= self.sentences[touched[-1]][1] - 3:
                direct = [a for a in self.by_sentence.get(nxt, []) if a.direct and not a.labelling]
                if direct:
                    return direct[0], "next"
        return None, ""

    def voice(self, start: int, end: int, outlet: str) -> tuple[bool, str, str, str, str]:
        """(in_quotes, speaker, voice, distancing, decision path) of the hit [start, end).

        The path names the rule that decided (see :data:`ABSTAIN_PATHS`): where
        the attribution was found and how its speaker was named; in a sentence
        with Han or Cyrillic letters it begins with "zh/" or "ru/" (the
        evaluation set is English, so no abstention is calibrated for them).
        """
        row = self._voice(start, end, outlet)
        if self.han or self.cyrillic:
            s_start, s_end = self.sentences[self.sentence_index(start)] if self.sentences else (0, len(self.text))
            if self.han and _HAN.search(self.text, s_start, s_end):
                return (*row[:4], "zh/" + row[4])
            if self.cyrillic and _CYRILLIC.search(self.text, s_start, s_end):
                return (*row[:4], "ru/" + row[4])
        return row

    def _voice(self, start: int, end: int, outlet: str) -> tuple[bool, str, str, str, str]:
        around = [(o, c) for o, c in self.quotes if o < start and end <= c]
        sentence = self.sentence_index(start)
        s_start = self.sentences[sentence][0] if self.sentences else 0
        distancing = self._distancing(start, end, around)
        label = None
        for label in _LINK_LABEL.finditer(self.text, max(0, start - 160), start):
            pass
        if (label is not None and not _STOP_AFTER_LABEL.search(self.text, label.end(), start)
                and not any(label.end() <= a.position < start for a in self.by_sentence.get(sentence, []))):
            # "READ MORE: The seven biggest threats to ...": a link (which ends where someone speaks:
            # "OPINION: Rex Tillerson's Turkey visit: A critical juncture- Turkey considers ...")
            return bool(around), outlet, "outlet", distancing, "link"
        if around:
            lo, hi = min(o for o, _ in around), max(c for _, c in around)
            chosen, where = self._quoted_attribution(lo, hi)
            where = "quote-" + where
        else:
            in_sentence = self.by_sentence.get(sentence, [])
            asked = _ASKED.search(self.text[s_start:start])
            if asked and any(s_start + asked.end() <= a.begin and a.end <= start and a.content for a in in_sentence):
                asked = None  # "Asked what ..., she said it would be to think about lifting sanctions": the answer
            if any(a.begin <= start < a.end for a in in_sentence) or asked:
                # the hit names or describes who speaks, or is the reporter's question
                return False, outlet, "outlet", distancing, "speaker-words" if not asked else "question"
            # an attribution of a direct quotation covers the rest of its sentence only
            # when more of what was said follows it ('"..." Smith said the move ...')
            chosen = _nearest([a for a in in_sentence if not a.direct or a.content], start, end, self.text)
            where = "" if chosen is None else "before" if chosen.position < start else "after"
        turn = self.qa_turn(start)
        if chosen is not None:
            speaker = chosen.speaker
            path = f"{where}:{chosen.kind}:{chosen.how or 'name'}"
            if not speaker and chosen.pronoun in ("he", "she"):
                return bool(around), "", "uncertain", distancing, path  # "he said", two candidates
        elif turn is not None:
            speaker = turn or None  # "": the interviewer's question, the outlet's voice
            path = ("quote-" if around else "") + ("interview" if turn else "interviewer")
        elif around and (designator := self._designated_by(around, s_start)) is not None:
            # 'The PKK is listed as a "terrorist" organisation by the EU and US': the designation is the EU's
            speaker, path = designator, "quote-designated"
            if not speaker:
                return True, "", "quoted", "" if distancing == "scare quotes" else distancing, path
            distancing = "" if distancing == "scare quotes" else distancing
        else:
            speaker = self.paragraph_speaker(sentence, bool(around)) if around else None
            path = "quote-paragraph" if speaker is not None else "quote-none" if around else "none"
            if speaker is None and around and self._long_quotation(around):
                return True, "", "uncertain", distancing, "quote-long"  # someone's words, but whose?
        if speaker is None:
            return bool(around), outlet, "outlet", distancing, path
        if distancing == "scare quotes" and chosen is not None and chosen.labelling:
            distancing = ""  # 'Trump derided the story as "fake news"': his words, not the outlet's distance
        return bool(around), speaker, "quoted" if around else "attributed", distancing, path

    def _designated_by(self, around, s_start: int) -> str | None:
        """Who designates with a passive verb right before the quotation: 'is listed as a "..." organisation by X'.

        The name after "by" (an institution whole, a person by surname), ``""`` when
        no "by" follows within a few words (an unnamed designator), ``None`` when no
        passive designation introduces the quotation.
        """
        o, c = min(around)  # the outermost quotation
        if not _DESIGNATED.search(self.text, max(s_start, o - 60), o):
            return None
        by = _BY_DESIGNATOR.match(self.text, c + 1)
        if by is None:
            return ""
        person, tokens = _strip_name(by.group("name"))
        if not tokens:
            return ""
        return " ".join(tokens) if not person or tokens[-1] in ORGANISATION_WORDS or len(tokens) == 1 else _surname(list(person), set())

    def _long_quotation(self, around) -> bool:
        o, c = max(around)  # the innermost quotation
        return len(re.findall(r"\w+", self.text[o:c])) >= 8

    def qa_turn(self, pos: int) -> str | None:
        """In an interview transcript, the speaker of the turn holding *pos* ("" for the interviewer)."""
        if not self.turns:
            return None
        i = bisect.bisect_right(self.turn_starts, pos) - 1
        return self.turns[i][1] if i >= 0 else None

    def _distancing(self, start, end, around) -> str:
        before = _SO_CALLED_BEFORE.search(self.text, max(0, start - 40), start)
        at_start = _SO_CALLED_START.match(self.text[start:end]) if before is None else None
        if before is not None or at_start is not None:
            so_called_end = (before.start() + len(before.group().rstrip(" \t\"“‘'«„‹「『")) if before
                             else start + at_start.end())
            if not _so_called_names(self.text, so_called_end):
                return "so-called"
            if before is not None:
                return ""  # a term introduced by the outlet, not distance (and not a scare quote)
        if around:
            o, c = max(around)  # the innermost quotation
            rest = self.text[o + 1 : start] + " " + self.text[end:c]
            extra = re.findall(r"[\w'’-]+", rest.lower())
            if len(extra) <= 2 and all(w in _SCARE_FILLERS for w in extra):
                return "scare quotes"
        return ""


# --- calibrated abstention ---------------------------------------------------

#: Decision paths whose voice and speaker were right too rarely to report: their hits are ``"uncertain"``.
#:
#: A decision path names the rule that decided a hit: where its attribution was found (``quote-own``:
#: in the sentences its quotation touches; ``quote-continued``: a sentence before, the quotation going
#: on; ``quote-paragraph``: the paragraph's speaker; ``quote-none``: a quotation no rule attributes;
#: ``before``/``after``: an attribution before or after a hit outside quotation marks; ``none``: no
#: attribution; ``interview``/``interviewer``: a transcript's turn; ...), the attribution's kind (a verb,
#: "according to", a labelling verb, an unnamed or pronoun subject) and how its speaker was named
#: (a name, a "he" chain, the subject before, an institution, unnamed). Refitted in round eight by
#: calibrated abstention on the 1,576 hand-coded hits of ``data/validation/voice`` (eight splits; ``python
#: benchmarks/eval_voice.py --loso``): each path's precision (voice and speaker right) is an m-estimate
#: shrunk towards its place's, and paths below a threshold chosen by leave-one-split-out (0.8) abstain.
#: Right / decided on all eight splits: quote-none 2/23, quote-paragraph 1/3, quote-own:unnamed:unnamed
#: 19/30, quote-own:body:body 2/5, quote-own:according:name 1/2, quote-continued:unnamed:unnamed 4/6,
#: quote-continued:saying:name 0/1, quote-continued:according:name 0/1, interviewer 4/6,
#: after:according:name 12/16 ("..., according to X" after the hit), after:body:body 2/3,
#: before:clause:unnamed 7/10 ("the investigation showed that").
#: Paths seen on few hits abstain only because the m-estimate found them clearly below their place's
#: precision; the set is refitted with each round (``eval_voice.py --loso`` prints it).
ABSTAIN_PATHS: frozenset[str] = frozenset({
    "quote-none",  # a quotation no attribution reaches: someone's words (21 of 23), but whose?
    "quote-paragraph",
    "quote-own:unnamed:unnamed",  # "the statement read", "it says": the coders name the body half the time
    "quote-own:body:body",
    "quote-own:according:name",
    "quote-continued:unnamed:unnamed",
    "quote-continued:saying:name",
    "quote-continued:according:name",
    "interviewer",
    "after:according:name",
    "after:body:body",
    "before:clause:unnamed",
})


def _abstain(row: tuple, paths=None) -> tuple:
    """*row* (in_quotes, speaker, voice, distancing, path) with voice ``"uncertain"`` when its path is in *paths*.

    *paths* defaults to :data:`ABSTAIN_PATHS`; the speaker of an abstention is ``""``.
    """
    paths = ABSTAIN_PATHS if paths is None else paths
    if row[4] in paths and row[2] != "uncertain":
        return row[0], "", "uncertain", row[3], row[4]
    return row


# --- public ----------------------------------------------------------------


def _decisions(articles: pd.DataFrame, hits: pd.DataFrame, progress: bool | None = None) -> list[tuple]:
    """(in_quotes, speaker, voice, distancing, decision path) of each hit, in row order, before abstention."""
    starts, ends = hits["start"].to_numpy(), hits["end"].to_numpy()
    rows: list[tuple] = [()] * len(hits)
    groups = hits.groupby(DOC_ID, sort=False).indices
    # The texts and outlets of the articles with hits only, in one take (.at per article is slow).
    where = pd.Index(articles[DOC_ID]).get_indexer(list(groups))
    texts, outlets = articles[TEXT].take(where).tolist(), articles[OUTLET].take(where).tolist()
    show = progress if progress is not None else len(groups) > 1000
    items = zip(groups.items(), texts, outlets)
    for (doc_id, members), text, outlet in tqdm(items, total=len(groups), disable=not show, desc="voice"):
        text = str(text)
        article = _Article(text, starts[members])
        for row in members:
            start, end = int(starts[row]), int(ends[row])
            if not 0 <= start <= end <= len(text):
                raise ParameterError(f"hits: offsets {start}:{end} fall outside the text of article {doc_id!r}")
            rows[row] = article.voice(start, end, "" if pd.isna(outlet) else str(outlet))
    return rows


def annotate_voice(
    articles: pd.DataFrame, hits: pd.DataFrame, *, abstain: bool = True, progress: bool | None = None
) -> pd.DataFrame:
    """Return a copy of *hits* with the voice of each hit.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles with at least ``doc_id``, ``text`` and ``outlet``.
    hits : pandas.DataFrame
        Hits with at least ``doc_id``, ``start`` and ``end`` (character offsets
        into the article's ``text``), as returned by ``match_frames``.
    abstain : bool, default True
        Mark ``"uncertain"`` the hits decided by a rule that was right too
        rarely on the hand-coded evaluation set (:data:`ABSTAIN_PATHS`: chiefly
        quotations that no attribution reaches, and quotations of an unnamed
        statement or report). ``False`` gives the rules' guess for them (a
        quotation no attribution reaches is then the outlet's).
    progress : bool, optional
        Show a progress bar; by default only for more than 1,000 articles.

    Returns
    -------
    pandas.DataFrame
        *hits* (same index and row order) with the columns of
        :data:`toolkit.schema.VOICE_COLUMNS` added or replaced:
        ``in_quotes`` (bool), ``speaker`` (str), ``voice`` (``"quoted"``,
        ``"attributed"``, ``"outlet"`` or ``"uncertain"``, with speaker ``""``,
        when the rules cannot decide) and ``distancing`` (``"so-called"``,
        ``"scare quotes"`` or ``""``); definitions in the module docstring.

    Raises
    ------
    SchemaError
        When *articles* or *hits* lack a needed column.
    ParameterError
        When a hit's ``doc_id`` is not among the articles or its offsets fall
        outside the article's text.
    """
    if not isinstance(abstain, bool):
        raise ParameterError(f"abstain: expected True or False, got {abstain!r}")
    require_columns(articles, [DOC_ID, TEXT, OUTLET], where="annotate_voice")
    missing = [c for c in (DOC_ID, "start", "end") if c not in hits.columns]
    if missing:
        raise SchemaError(
            f"annotate_voice: the hits table lacks column(s) {missing}; pass the output of match_frames()."
        )
    result = hits.drop(columns=[c for c in VOICE_COLUMNS if c in hits.columns]).copy()
    if not articles[DOC_ID].is_unique:
        raise ParameterError("articles: doc_id values are not unique; de-duplicate the articles first")
    unknown = set(hits[DOC_ID]) - set(articles[DOC_ID])
    if unknown:
        examples = sorted(map(str, unknown))[:3]
        raise ParameterError(f"hits: {len(unknown)} doc_id(s) not in articles, e.g. {examples}")
    rows = _decisions(articles, hits, progress)
    if abstain:
        rows = [_abstain(row) for row in rows]
    columns = list(zip(*rows))[:4] if rows else [(), (), (), ()]
    for name, values in zip(VOICE_COLUMNS, columns):
        result[name] = pd.Series(list(values), index=result.index, dtype=bool if name == "in_quotes" else str)
    return result
