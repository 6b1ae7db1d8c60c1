"""Round seven of the English attribution rules (toolkit/voice/): mechanisms written for causes that recur.

Each case is a real sentence: one sentence of the nine-outlet news export (Dai 2017) at most per
case, with a short context sentence of our own where a mechanism needs one (marked "ours"), or
Wikinews text (CC BY 2.5, <https://en.wikinews.org>). Expected voices and speakers follow the
coding guide of data/validation/voice/README.md (the hand-coded hit ids are given).
"""

import pandas as pd
import pytest

from toolkit.voice import ABSTAIN_PATHS, annotate_voice
from toolkit.voice.article import _unlabelled_interview_turns
from toolkit.voice.english import _CUE_WORDS, LABELLING_VERBS, SPEECH_VERBS
from toolkit.voice.names import _NAME_RUN

from test_voice import make_hits
from test_voice_english import voice_of


CASES = [
    # -- speaker chains ------------------------------------------------------------------------------
    # a place is never "he" or "she", nor is a name inside an opening prepositional phrase; a person's
    # possessive opening the sentence before is its subject (hit 1256; first sentence ours)
    ("Mr Tillerson's tour of East Asia began in Japan. In South Korea on Friday, he said a US military response "
     "would be on the table if North Korea threatened South Korea or US forces.", "military",
     ("attributed", "Tillerson")),
    # "Iran also warned": a country between a speaker and "he" makes no ambiguity (ours, the task's example)
    ("Foreign Minister Javad Zarif said talks had failed. Iran also warned that it would respond. He said the sanctions "
     "were illegal.", "sanctions", ("attributed", "Zarif")),
    # a description with a capitalised modifier is the person named before (hit 1175; first sentence ours)
    ("Jeffrey Donaldson was asked about the donation. The Lagan Valley MP said the CRC had donated to the DUP "
     "because the main Leave campaign had already reached the limit of its spend.", "campaign",
     ("attributed", "Donaldson")),
    # "according to the Russian NATO ambassador" describes the person named before, not NATO (hit 1150;
    # first sentence ours)
    ("Alexander Grushko said contacts were needed. According to the Russian NATO ambassador, Russia has been "
     "standing for resumption of military contacts whereas NATO has been dodging it.", "military",
     ("attributed", "Grushko")),
    # "the letter says": the writer named in the sentence before that introduces the letter (hit 1179;
    # first sentence ours)
    ("In a letter to staff, acting Chief Executive Ray Hernan says the company will change its terms. A review "
     "of all structures to be finalised by the end of March will result in job losses in some areas-but will "
     "provide opportunities in others, the letter says.", "job", ("attributed", "Hernan")),
    # a description in the lead, before anyone is named, is the person the next sentence opens with (hit 1194;
    # second sentence ours)
    ("The two accountants responsible for muddling up the main award envelopes at Sunday's Oscars ceremony will "
     "not be employed to do the job again, the academy president has announced. Cheryl Boone Isaacs said the "
     "firm was under review.", "job", ("attributed", "Isaacs")),
    # a photo credit ("Fu Jing / China Daily") names no one "he" may stand for (hit 1291; first sentence ours)
    ("Geng Wenbing, Chinese ambassador to Switzerland, says trade tops the agenda. Fu Jing / China Daily  \"Both "
     "sides will actively explore ways to upgrade the free trade agreement,\" he told China Daily.", "free trade",
     ("quoted", "Geng")),
    # a body its description names, and "it added" right after it (hit 1266; first sentence ours)
    ("Two sons were wounded, the interior ministry said. The area had been cordoned off and was being combed by "
     "security forces, it added.", "security forces", ("attributed", "Interior Ministry")),
    ("The Israeli army said in a statement its missile defence system, known as the \"Iron Dome\", intercepted "
     "the rockets, preventing any casualties or damage.", "missile", ("attributed", "Israeli army")),
    # -- speaker heads ---------------------------------------------------------------------------------
    # "Theresa May says": a first name before May makes it a name, not the month (issue 12 (a); hit 1303)
    ('Theresa May says what the UK is doing to help refugees is "absolutely right".', "refugees",
     ("attributed", "May")),
    # a title "to" a place, then the person (hit 1290, shortened; the article also writes "Geng says")
    ("Xi and his Swiss counterpart will scale up a free trade partnership, according to Chinese Ambassador to "
     "Switzerland Geng Wenbing. Geng says both sides will announce new measures.", "free trade",
     ("attributed", "Geng")),
    # organisations ending in "International", and a country after it (hits 1201, 1272)
    ("Sara Beltran Hernandez was detained for 15 months after she fled violence in El Salvador, according to "
     "Amnesty International USA.", "violence", ("attributed", "Amnesty International USA")),
    ("Amnesty International says some Syrian opposition groups are carrying out abductions, torture and summary "
     "killings.", "opposition", ("attributed", "Amnesty International")),
    # "according to Egyptian officials" names no one (hit 1266's article)
    ("One man has been killed and three members of his family have been wounded in an explosion in Cairo, "
     "according to Egyptian officials.", "explosion", ("attributed", "")),
    # "WeBank data found that": the finding is its owner's (hit 1287)
    ("WeBank data found that 65 percent of the borrowers were aged 25 to 35; 75 percent of them were male; and "
     "the top five industries where they worked were manufacturing, technology, trading, public services and "
     "financial services.", "trading", ("attributed", "WeBank")),
    # -- what a verb covers ------------------------------------------------------------------------------
    # "said in a statement" + a clause without "that" (hit 1312): above; present tense "accuse" (hit 1311)
    ("Rights campaigners accuse the authorities of human rights violations, including forced disappearances, "
     "arbitrary arrests and illegal detentions.", "human rights", ("attributed", "")),
    # a participle after an inverted attribution (hit 1285)
    ("\"It's not about the number, it's about the people,\" said UNHCR spokesman Babar Baloch, noting the "
     "conflict had now lasted longer than World War II.", "conflict", ("attributed", "Baloch")),
    # a document of the subject's "saying that" (hit 1161)
    ("In November last year, the SPLC released a report saying that the US saw a \"national outbreak\" of hate "
     "incidents following Trump's presidential election.", "election", ("attributed", "SPLC")),
    # "according to a statement from X, who said ..." (hit 1195)
    ("Brady's jersey was allegedly stolen from the Patriots locker room after the Super Bowl in Houston, according "
     "to a statement from Texas Lt. Gov. Dan Patrick, who said he asked the Texas Rangers to help the Houston "
     "Police look for it.", "Police", ("attributed", "Patrick")),
]


@pytest.mark.parametrize("text, phrase, expected", CASES, ids=[f"round7-{i}" for i in range(len(CASES))])
def test_round_seven(text, phrase, expected):
    assert voice_of(text, phrase) == expected


def test_a_description_without_a_modifier_is_no_description_by_itself():
    # "The President" alone is a title that other rules read; only "The <modifier> MP" is the new description
    assert voice_of("Trump met Merkel on Friday. The Lagan Valley MP said nothing.", "nothing")[1] != "MP"


# An interview without labels: a cue, then questions (the outlet's) and answers (the interviewee's).
# Our own text in the shape of the China Daily interviews of the export (hits 1207, 1298, 1222).
INTERVIEW = (
    "Matt Levatich is the chief executive of Harley-Davidson. Levatich recently spoke to China Daily about the "
    "company's strategy. Following are edited excerpts from the interview. "
    "What kind of lifestyle does Harley-Davidson represent? "
    "I think every culture has a slightly unique perspective on the brand, and what they all share is a sense of "
    "personal freedom and identity that riders value above everything else. "
    "How do you evaluate the performance in China? "
    "I am quite pleased to see the number of owners grow quickly in the past decade, and we expect the market "
    "to keep growing as the middle class looks for new experiences. "
    "Which models sell the best and why? "
    "The touring models sell best, because riders in China travel long distances together and value comfort, "
    "safety and the community that forms around every trip they make. "
    "Matt Levatich is a guest of the forum this week."
)


def test_unlabelled_interview_gives_answers_to_the_interviewee_and_questions_to_the_outlet():
    assert voice_of(INTERVIEW, "personal freedom") == ("attributed", "Levatich")
    assert voice_of(INTERVIEW, "middle class") == ("attributed", "Levatich")
    assert voice_of(INTERVIEW, "performance in China") == ("outlet", "Daily")
    # the closing line about the interviewee is the outlet's again
    assert voice_of(INTERVIEW, "guest of the forum") == ("outlet", "Daily")


def test_questions_without_answers_are_no_interview():
    # Wikinews interview pages in data/reference ship the questions only
    questions = ("Retired teacher Brian T. Carroll answered some questions about his campaign. "
                 + " ".join(f"What is your view on issue number {i}?" for i in range(6)))
    runs = list(_NAME_RUN.finditer(questions))
    assert _unlabelled_interview_turns(questions, runs) == []


def test_cue_words_are_whole_words():
    # round six's note: "ing" and "labell" were fragments of the pattern "labell?ing"
    assert "ing" not in _CUE_WORDS and "labell" not in _CUE_WORDS
    assert {"labelling", "labeling", "saying", "noting"} <= _CUE_WORDS
    assert all(" " not in word for word in _CUE_WORDS)
    assert {v.split()[0] for v in SPEECH_VERBS} <= _CUE_WORDS and {v.split()[0] for v in LABELLING_VERBS} <= _CUE_WORDS


def test_abstention_refitted_on_seven_splits():
    # "..., according to X" after the hit was right on 9 of 13 hits: it abstains, the rules' guess is kept
    text = ("Sara Beltran Hernandez was detained for 15 months after she fled violence in El Salvador, according to "
            "Amnesty International USA.")
    articles = pd.DataFrame({"doc_id": ["d1"], "text": [text], "outlet": ["Daily"]})
    hits = make_hits(articles, ["violence"])
    assert "after:according:name" in ABSTAIN_PATHS
    assert tuple(annotate_voice(articles, hits).iloc[0][["voice", "speaker"]]) == ("uncertain", "")
    assert tuple(annotate_voice(articles, hits, abstain=False).iloc[0][["voice", "speaker"]]) == (
        "attributed", "Amnesty International USA")
