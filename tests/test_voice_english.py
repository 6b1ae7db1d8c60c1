"""Round three of the English attribution rules (toolkit/voice/english.py, attribution.py, article.py).

Each mechanism is checked on a real sentence: one sentence of the nine-outlet news
export (Dai 2017) at most per case, or Wikinews text (CC BY 2.5, <https://en.wikinews.org>).
The expected voice and speaker follow the coding guide of data/validation/voice/README.md.
"""

import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.voice import annotate_voice
from toolkit.voice.quotes import restore_paragraphs
from toolkit.voice import ABSTAIN_PATHS
from toolkit.voice.article import _unlabelled_interview_turns
from toolkit.voice.english import _CUE_WORDS, LABELLING_VERBS, SPEECH_VERBS
from toolkit.voice.names import _NAME_RUN, TITLE_WORDS
from toolkit.voice.quotes import repair_marks

from test_voice import make_hits  # hits built without match.py, as the older voice tests build them

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"


def voice_of(text, phrase, outlet="Daily", abstain=False):
    """(voice, speaker) of *phrase*; the rules' own decision unless *abstain* (abstention: test_voice.py)."""
    articles = pd.DataFrame({"doc_id": ["d1"], "text": [text], "outlet": [outlet]})
    got = annotate_voice(articles, make_hits(articles, [phrase]), abstain=abstain).iloc[0]
    return got["voice"], got["speaker"]


CASES = [
    # -- what a verb of speech covers ------------------------------------------------------------
    # a capitalised word after "said" begins what was said; it is the audience only after "told"
    ("Greek daily Kathimerini said Greece and Cyprus had to speed up to counter possible Turkish interference "
     "with the project.", "interference", ("attributed", "Kathimerini")),
    ("Moscow and Berlin seek to give a boost to partnership, which could additionally win from the lifting of "
     "anti-Russian sanctions once the Minsk agreements are implemented, Berlin Mayor Michael Muller told TASS "
     "prior to heading for Moscow on Monday.", "sanctions", ("attributed", "Muller")),
    # "that" after an adjunct ("reported on its website that"); a scraped hyphen for a space ("The-Daily")
    ("The-Daily Telegraph, citing unnamed intelligence sources, reported on its website that Mr Spicer and "
     "Mr Trump's national security adviser Lieutenant General Herbert McMaster had made formal apologies to "
     "Britain.", "national security", ("attributed", "Daily Telegraph")),
    # a day after "said" is time, "Thursday's session" is what was said (issue 12 (a))
    ("Mr Warner said Thursday's session would examine how Russia may have used technology to spread "
     "disinformation.", "disinformation", ("attributed", "Warner")),
    # ", told Der Spiegel" names the audience, not the speaker (no inversion with "told")
    ('"The chancellor regrets the U.S. entry ban against refugees and citizens from several countries," '
     "spokesman Steffen Seibert, told Der Spiegel on Jan. 29.", "entry ban", ("quoted", "Seibert")),
    # a verb with a noun-phrase object is the outlet's name for what was said
    ("IS has claimed responsibility for numerous terrorist attacks across the globe.", "terrorist",
     ("outlet", "Daily")),
    ("Mr Sessions denied any wrongdoing, but removed himself from an FBI inquiry into Russia's alleged "
     "interference in the election.", "interference", ("outlet", "Daily")),
    # ... unless a clause follows it (here a gerund)
    ("Flynn initially denied discussing sanctions with the Russian ambassador and Vice President Mike Pence "
     "repeated that claim during an interview in January.", "sanctions", ("attributed", "Flynn")),
    # ... and it covers a label after "as"
    ("Outgoing French President Francois Hollande welcomed Rutte's victory as a triumph against extremism.",
     "extremism", ("attributed", "Hollande")),
    # a second verb of the subject after the reported clause is narration again
    ('His administration said Iran was "on notice" over the missile test, and imposed new sanctions on more '
     "than two dozen Iranian companies and individuals.", "sanctions", ("outlet", "Daily")),
    # "As X told Y, ..." covers what follows
    ("As a source in the Syrian army's command told SANA, terrorists of the Islamic State (terrorist "
     "organization outlawed in Russia) planted a large number of explosives and mines in the area to obstruct "
     "the movement of the government troops.", "terrorists", ("attributed", "")),
    # "..., and according to X, ..." covers what follows only
    ("This positioned regime forces in close proximity to FSA factions, and according to Kasapoglu, that "
     "resulted in minor clashes.", "regime", ("outlet", "Daily")),
    # -- unnamed and impersonal sources ----------------------------------------------------------
    ("While details remain sketchy, it is widely believed that the killers were sent by the North Korean "
     "regime.", "regime", ("attributed", "")),
    ("Singapore court for four weeks in 2015, and Mr Yee was reported to have received violent threats.",
     "threats", ("attributed", "")),
    ("Two days before Trump's inauguration, the State Department sent Sen. Ben Cardin a batch of documents "
     "related to Russian attempts to meddle in elections worldwide, two sources familiar with the matter told "
     "CNN.", "meddle", ("attributed", "")),
    ("Bavarian lawyer Chan-jo Jun filed an injunction on behalf of a young Syrian refugee who says his photo "
     "is being spread on social media with claims he is a terrorist, or a ruthless criminal.", "terrorist",
     ("attributed", "")),
    ("The newly released judicial interpretation says that any major pollutant emitters that tamper with or "
     "fabricate monitoring data can be criminally prosecuted.", "tamper", ("attributed", "")),
    ("More Americans said terrorism was a pressing concern in 2016 than any point since 2003.", "terrorism",
     ("attributed", "")),
    # -- who speaks ------------------------------------------------------------------------------
    # a name inside the subject's appositive does not speak (issue 12 (e)); Wikinews, CC BY 2.5
    ("Professor Greg Barton, Chair In Global Islamic Politics in the Faculty of Arts and Education at the "
     'Deakin University, said "The attacker was using a couple of guns, one was a shotgun, one was an AR-15 '
     '— that\'s the so-called civilian equivalent of the M-16."', "civilian", ("quoted", "Barton")),
    ('"I do not believe that Resolution 2118 can be triggered if the regime rejects the opposition\'s view of '
     'transition," Steven Heydemann, chair of Middle East studies at Smith College in the US state of '
     "Massachusetts, told Al Jazeera.", "regime", ("quoted", "Heydemann")),
    # an acronym after an institution's name split by "for" and "and"
    ("Germany's Federal Office for Migration and Refugees (BAMF) said on Tuesday that it is now pushing for "
     "all refugees currently living in Germany to be fingerprinted.", "fingerprinted", ("attributed", "BAMF")),
    # a claim a name owns, with its "that" clause
    ("Now comes President Donald Trump's claim Monday at the key US military base overseeing the war on ISIS "
     "-- US Central Command in Tampa, Florida -- that the media aren't reporting terrorism for \"reasons\" the "
     "President didn't elaborate upon.", "terrorism", ("attributed", "Trump")),
    # a scraped mojibake name is still a name, and "..., said X of the Y" an inversion
    ('"There is no concrete threat," said Ulrich K\ufffd\ufffdhn of the Carnegie Endowment for International '
     "Peace.", "threat", ("quoted", "K\ufffd\ufffdhn")),
    # "he" right after an unnamed speaker stays unnamed
    ("The senior White House official said he expects the report about the threat from individuals the seven "
     "countries to include not just those terrorist attacks that have been carried out.", "threat",
     ("attributed", "")),
    # an inversion names the person after a lower-case title, not the institution before it
    ("Trump's style may be different and his language more coarse, but the comments themselves are not the "
     '"threat to judicial independence that some commentators have made them out to be," said University of '
     "Pennsylvania law school dean Theodore Ruger.", "judicial independence", ("quoted", "Ruger")),
    # a name after "aboard" (like "in", "at") is no subject with an appositive
    ("During a subsequent press gaggle aboard Air Force One, White House press secretary Sean Spicer appeared to "
     "double down on the president's claim, saying there were several instances of the media under-reporting "
     "terrorist attacks.", "terrorist", ("attributed", "Spicer")),
    # a capitalised particle belongs to the surname
    ("In a keynote foreign policy speech in Paris, Le Pen offered withering criticism of the European Union and "
     "NATO and decried what she essentially described as Western meddling in countries like Iraq, Syria, Libya, "
     "Russia and Turkey.", "meddling", ("attributed", "Le Pen")),
    # -- links -----------------------------------------------------------------------------------
    ("READ MORE: The seven biggest threats to Donald Trump's presidency Trump's approval rating before the "
     "speech stood at 44 percent, according to a poll from NBC News and the Wall Street Journal.", "threats",
     ("outlet", "Daily")),
]


@pytest.mark.parametrize("text, phrase, expected", CASES, ids=[c[1] + f"-{i}" for i, c in enumerate(CASES)])
def test_round_three_cases(text, phrase, expected):
    assert voice_of(text, phrase) == expected


def test_he_takes_the_subject_of_his_own_sentence_after_an_opening_adjunct():
    text = (
        "During his testimony on the House floor, Rep. Don Young (R-Alaska) defended his measure against what he "
        'described as "Halsehoods"?and "propaganda"?being spread by special interest groups.'
    )
    assert voice_of(text, "propaganda") == ("quoted", "Young")


def wikinews(name):
    """The text of a Wikinews article shipped in data/reference (CC BY 2.5)."""
    frames = [pd.read_csv(path, dtype=str, keep_default_na=False) for path in sorted(REFERENCE.glob("wikinews_*.csv"))]
    articles = pd.concat(frames, ignore_index=True)
    return articles.loc[articles["url"].str.endswith("/" + name), "text"].iloc[0]


def test_quotation_that_opens_a_paragraph_continues_reported_speech_of_the_paragraph_before():
    # Wikinews, "On the campaign trail in the USA, August 2020": "... he says court decisions ...
    # unenforceable." then a paragraph '"Harris can probably rest easy ...", Martin opines, ...'
    text = wikinews("On_the_campaign_trail_in_the_USA,_August_2020")
    assert voice_of(text, "rest easy", outlet="Wikinews") == ("quoted", "Martin")


def test_flattened_paragraph_breaks_are_restored_where_a_sentence_ends():
    # the export lost its line breaks: a paragraph that ends a sentence ends in ".- " there, a heading
    # runs into the next line. Flattened the same way, a Wikinews article gets its breaks back after
    # every sentence-final one (offsets unchanged), so quotations pair within paragraphs again.
    article = wikinews("On_the_campaign_trail_in_the_USA,_August_2020").strip()
    article = re.sub(r"(?<=\S)[ \t]{2,}", " ", article)  # Wikinews puts two spaces between sentences
    article = re.sub(r"[ \t]*\n\s*", "\n ", article)  # one break and a space between paragraphs
    flat = re.sub(r"\n", " ", re.sub(r'(?<=[.!?"”])\n', "-", article))  # ".- Next paragraph"
    assert "\n" not in flat
    restored = restore_paragraphs(flat)
    assert len(restored) == len(flat)
    breaks = {m.start() for m in re.finditer("\n", restored)}
    assert breaks == {m.start() for m in re.finditer(r'(?<=[.!?"”])\n', article)}
    assert restore_paragraphs(article) == article  # a text with line breaks is left alone


def test_unnamed_speaker_after_its_verb_attributes_the_quotation():
    text = (
        '"His status as the most successful Leicester City manager of all time is without question," added the '
        "Foxes statement."
    )
    assert voice_of(text, "manager") == ("quoted", "")


def test_the_attribution_that_introduces_a_quotation_wins_over_the_reporting_agency():
    text = (
        '"It\'s a luxury now to talk about politics while you\'re going to be killed maybe in a few minutes, you '
        'have terrorist attacks," he told a group of Western journalists, state news agency SANA said.'
    )
    # "he" has no antecedent in this one sentence: uncertain, and never SANA's words
    assert voice_of(text, "terrorist") == ("uncertain", "")


# Round four: the mechanisms written for the causes of the errors on the second blind set (fresh2),
# each with the real sentence it was found on (NewsArticles export, one sentence each; a short
# sentence of ours where a mechanism needs an earlier mention, marked "ours").
ROUND_FOUR_CASES = [
    # an auxiliary and an adverb before the verb ("have long accused"); the gold accepts either accuser
    ("Afghanistan and Pakistan have long accused each other of failing to crack down on militants who operate "
     "along the porous border.", "militants", ("attributed", "Pakistan")),
    # a group named by a plural common noun is an unnamed speaker
    ("However, the unions have accused the company of seeking to introduce so-called yellow-pack terms and "
     "conditions in a race to the bottom, to groom the company for privatisation.", "privatisation",
     ("attributed", "")),
    ("US intelligence agencies have accused Moscow of hacking computer systems belonging to Hillary Clinton's "
     "Democrat party, among other methods.", "hacking", ("attributed", "")),
    ("Meanwhile, the European parliamentarians who have arrived in Crimea have said they do not fear Kiev's "
     "possible sanctions and are not going to come to Ukraine.", "sanctions", ("attributed", "")),
    # a relative word opens a new clause: the hit before "that they said" is not the speaker's description
    ("U.S. military officials confirmed the airstrike but said the target was a large gathering of al-Qaeda "
     "militants meeting in a building that they said was across the street from the mosque.", "militants",
     ("attributed", "")),
    # a US party-and-state tag belongs to the name's appositive
    ("Top Democrat on the House Foreign Affairs Committee, Rep. Eliot Engel (D-New York), also called for "
     "Sessions to recuse himself and said that President Trump should appoint a special prosecutor to "
     "investigate alleged Russian interference into the election.", "interference", ("attributed", "Engel")),
    ('"Russia\'s deployment of nuclear-tipped ground-launched cruise missiles in violation of the INF treaty is '
     'a significant military threat to U.S. forces in Europe and our NATO allies," McCain, R-Ariz., said, adding '
     'that he believes Russian President Vladimir Putin was "testing" Trump.', "threat", ("quoted", "McCain")),
    # institutions that speak by a common noun: unnamed, or the institution named before with that noun
    ("State television reported that the army had \"tightened the noose around terrorist groups besieged in the "
     "industrial zone on the northern edges of Jobar.\"", "terrorist", ("quoted", "")),
    ("In 2005, Abdullah was designated by the US Treasury Department as a terror supporter (ours). The department "
     "said he was responsible for coordinating al Qaeda's work with other terrorist organizations.", "terrorist",
     ("attributed", "US Treasury Department")),
    ("The Saudi Arabian embassy in London said Masood had worked there (ours). The embassy said: \"The Kingdom of "
     "Saudi Arabia strongly condemns Wednesday's terrorist act in London, as it does all forms of terrorism.\"",
     "terrorist", ("quoted", "Saudi Arabian embassy")),
    ("WikiLeaks said a former government contractor circulated the files (ours). \"This extraordinary collection "
     "gives its possessor the entire hacking capacity of the CIA,\" the whistleblower group said (ours).",
     "hacking", ("quoted", "WikiLeaks")),
    # a comma never stands between an unnamed subject and its verb: "..., said Ravid" is an inversion
    # (the real sentence shortened: "... unity government formed between Hamas in Gaza and Fatah in the West
    # Bank, in an attempt to undermine it, said Ravid." is still missed: "West Bank, in ..., said")
    ("In early June 2014 it had imposed ecomomic and diplomatic sanctions on a Palestinian unity government, "
     "said Ravid.", "sanctions", ("attributed", "Ravid")),
    # a long appositive (up to 160 characters), in scraped text
    ("Rasha Al Aqeedi, a research fellow at Al Mesbar Studies and Research Centre in Dubai-and a Mosul native who "
     "lived there until 2013,-said that many Iraqis opposed Turkish intervention and see it as an \"invading "
     "power\" that could threaten national sovereignty.", "sovereignty", ("attributed", "Aqeedi")),
    # the reporter's question runs up to the answer's attribution
    ("Marine Le Pen met Vladimir Putin in Moscow on Friday (ours). Asked what her first decision on Russia would "
     "be if she were elected French president, she said it would be to think about lifting sanctions, provided "
     "Moscow lifted its own restrictions on imports of some European food.", "sanctions",
     ("attributed", "Le Pen")),
    # ", who" and a verb of speech: the name speaks in the relative clause
    ("Commenting on critical remarks by US President, Donald Trump, who accused US media of covering up "
     "terrorist attacks in Europe and elsewhere by not reporting them, the Egyptian diplomat noted that 9 out "
     "of 78 attacks occurred in Egypt.", "terrorist", ("attributed", "Trump")),
    # names: a generational suffix is no surname, a middle initial stays in the name; a scraped hyphen
    ("A murder suspect accused of coming to New York to kill as many black men as he could-will face trial on "
     "charges of terrorism, according to District Attorney Cyrus R. Vance Jr. (shortened)", "terrorism",
     ("attributed", "Vance")),
    ("There is not a single fact of Iran's collaboration with terrorists, Russian Foreign Minister Sergey-Lavrov "
     "said in an interview with the-National Interest magazine. Lavrov added that he saw no threat (ours).",
     "terrorists", ("attributed", "Lavrov")),
]


@pytest.mark.parametrize(
    "text, phrase, expected", ROUND_FOUR_CASES, ids=[c[1] + f"-{i}" for i, c in enumerate(ROUND_FOUR_CASES)]
)
def test_round_four_cases(text, phrase, expected):
    assert voice_of(text, phrase) == expected


def test_interview_with_inline_labels():
    # the shape of two DW interviews of the export (text ours): the labels stand inside one paragraph;
    # after the first answer, a sentence ending in "?" is the interviewer's and what follows is the answer
    text = ("The artist has annoyed the Kremlin for years. DW: You studied mural art. When did you change your "
            "focus? Pyotr Pavlensky: That was in 2012. I saw students turned into service artists. How did people "
            "react? They were interested. I did not want to serve propaganda purposes.")
    assert voice_of(text, "propaganda", outlet="dw.com") == ("attributed", "Pavlensky")
    assert voice_of(text, "react", outlet="dw.com") == ("outlet", "dw.com")
    # a link label is no interviewer
    link = ("READ MORE: Why is the Kremlin worried? Pyotr Pavlensky: the artist in exile. The artist fled "
            "Russian propaganda.")
    assert voice_of(link, "propaganda", outlet="dw.com") == ("outlet", "dw.com")


# Round five (fresh3 read): a verb of a view with an "as" complement attributes the complement
# to the holder (the fourth coder's convention, recurring in fresh and fresh2 as "believed",
# "suspected"). One sentence of the export; the others are ours, in its shapes.
ROUND_FIVE_CASES = [
    ("China opposes THAAD because it sees it as a threat to its own security interests.", "threat",
     ("attributed", "")),  # the holder is "it": no named speaker
    ("The Kremlin sees the expansion of NATO as a threat.", "threat", ("attributed", "Kremlin")),
    ("Moscow views the deployment as a threat to its security.", "threat", ("attributed", "Moscow")),
    # without "as" the object is the outlet's narration
    ("Moscow views the sanctions differently.", "sanctions", ("outlet", "Daily")),
]


@pytest.mark.parametrize(
    "text, phrase, expected", ROUND_FIVE_CASES, ids=[c[1] + f"-{i}" for i, c in enumerate(ROUND_FIVE_CASES)]
)
def test_round_five_view_verbs(text, phrase, expected):
    assert voice_of(text, phrase) == expected


# Round five: a spokesperson or press office speaks for the body named right before it
# ("an Addameer spokesperson"); "the press office" for the body whose press office spoke before.
# One sentence of the export per case (shortened in the second and third); the first sentence of the second case is ours.
BODY_CASES = [
    ("Other torture methods used against Palestinians include sleep deprivation and threats against family "
     "members, an Addameer spokesperson told Al Jazeera.", "threats", ("attributed", "Addameer")),
    ("The drills will involve about 3,000 servicemen, the Defense Ministry press office said. The units will be "
     "checked for their counteraction to terrorism, the press office said.", "terrorism",
     ("attributed", "Defense Ministry")),
    # no body named: the press office stays unnamed
    ("The units will be checked for their counteraction to terrorism, the press office said.", "terrorism",
     ("attributed", "")),
]


@pytest.mark.parametrize("text, phrase, expected", BODY_CASES, ids=[f"body-{i}" for i in range(len(BODY_CASES))])
def test_round_five_voice_of_a_body(text, phrase, expected):
    assert voice_of(text, phrase) == expected


# Round five: "the ambassador said", "The Republican president has said" name the person last
# written with that title before the name ("Ambassador to South Korea Alexander Timonin"). The
# sentences with the hit are of the export (shortened), the sentences before them ours.
TITLED_CASES = [
    ("Talks are the only way, Russian Ambassador Alexander Timonin said. The US envoy Joseph Yun disagreed. "
     '"It is wrong to expect that the sanctions will lead to North Korea\'s breakdown," the ambassador said.',
     "sanctions", ("quoted", "Timonin")),
    ("President Donald Trump signed the order on Monday. Senator John McCain criticised it. The Republican "
     "president has said the policy is critical for national security.", "national security",
     ("attributed", "Trump")),
    # no one was given the title: the description stays undecided
    ("Timonin spoke to TASS. Yun disagreed. The ambassador said the sanctions will fail.", "sanctions",
     ("uncertain", "")),
]


@pytest.mark.parametrize("text, phrase, expected", TITLED_CASES, ids=[f"titled-{i}" for i in range(len(TITLED_CASES))])
def test_round_five_description_by_title(text, phrase, expected):
    assert voice_of(text, phrase) == expected


# Round five: a plural noun of unnamed speakers speaks capitalised too, at a sentence's start
# (the singular stays a possible name's head: "Department", "Network"). The second sentence of each
# case is of the export, the first ours (alone, the sentence was already read right).
PLURAL_CASES = [
    ("Rosneft may join the race for Mexican shelf fields. Sources told Kommersant that the company is studying only shallow-water deposits as production in deep "
     "marine shelves may be hampered by the US sanctions.", "sanctions", ("attributed", "")),
    ("The photo was taken in April 2016. Reports now say the facade has been destroyed by IS extremists.", "extremists", ("attributed", "")),
    # a noun, not a speaker: no verb of speech follows
    ("Reports of new sanctions surfaced on Monday.", "sanctions", ("outlet", "Daily")),
]


@pytest.mark.parametrize("text, phrase, expected", PLURAL_CASES, ids=[f"plural-{i}" for i in range(len(PLURAL_CASES))])
def test_round_five_capitalised_plural_speakers(text, phrase, expected):
    assert voice_of(text, phrase) == expected


# Round six: what a passive accusation or a "that" clause governs. One sentence of the export per case
# (or Wikinews, CC BY 2.5); the coding guide (data/validation/voice/README.md) decides the expected codes.
GOVERNED_CASES = [
    # a passive accusation or suspicion with a clause after it: what someone claimed, the accuser unnamed
    ("As well as soliciting donations, Ms Choi is accused of using their friendship to interfere in politics.",
     "interfere", ("attributed", "")),
    ("He is widely suspected of asking for prorogation to prevent legislative interference in his efforts to "
     "complete the withdrawal of the United Kingdom from the European Union (EU), known as Brexit for British "
     "exit.", "interference", ("attributed", "")),
    # ... never the accused's words, nor a "he" that could go on from it
    ("As well as soliciting donations, Ms Choi is accused of using their friendship to interfere in politics.",
     "Choi", ("outlet", "Daily")),
    # a negated accusation accuses nobody
    ("However, he had not been accused of any terrorism offenses.", "terrorism", ("outlet", "Daily")),
    # a noun phrase after "accused of" is the outlet's label (as "charged with murder")
    ("The protests began after the Hong Kong government proposed an amendment to a law to allow the government "
     "of mainland China to extradite anyone accused of a crime to the mainland.", "crime", ("outlet", "Daily")),
    # a reduced accusation ends where the main clause goes on
    ("A white US army veteran accused of fatally stabbing a 66-year-old black man-has been charged with murder as "
     "an act of terrorism after telling police he was planning a race-based killing spree.", "terrorism",
     ("outlet", "Daily")),
    ("A white US army veteran accused of fatally stabbing a 66-year-old black man-has been charged with murder as "
     "an act of terrorism after telling police he was planning a race-based killing spree.", "stabbing",
     ("attributed", "")),
    # a clause after a verb and "that": the subject's finding or view
    ("The investigation showed that over the past several years Choi had been meddling in state affairs.",
     "meddling", ("attributed", "")),
    ("Last month, a second trial found that the group was too small and insignificant to present a real threat "
     "to the state.", "threat", ("attributed", "")),
    ("Police determined that she was also experiencing a drug overdose.", "overdose", ("attributed", "")),
    # a lone capitalised word opening the sentence is no name unless the article writes it mid-sentence
    ("Staff discovered that he had a hole in his diaphragm, causing his bowel to enter his chest.", "diaphragm",
     ("attributed", "")),
    # "that" as a demonstrative governs nothing: Flynn's denial stays his
    ("Flynn initially denied discussing sanctions with the Russian ambassador and Vice President Mike Pence "
     "repeated that claim during an interview in January.", "sanctions", ("attributed", "Flynn")),
    # "means that" is the outlet's inference
    ("Mubarak's acquittal means that most charges brought against former Mubarak-regime members have been "
     "dismissed.", "regime", ("outlet", "Daily")),
]


@pytest.mark.parametrize("text, phrase, expected", GOVERNED_CASES, ids=[f"governed-{i}" for i in range(len(GOVERNED_CASES))])
def test_round_six_governed_clauses(text, phrase, expected):
    assert voice_of(text, phrase) == expected


def test_round_six_that_clause_names_its_subject():
    # the export's sentence, after one of ours that writes the name mid-sentence
    text = ("Trump met House Speaker Paul Ryan on Friday. Ryan indicated that the rest of the GOP agenda remains "
            "intact, acknowledging disappointment but not any weakness.")
    assert voice_of(text, "agenda") == ("attributed", "Ryan")


# Round six: who designates a quoted label. One sentence of the export per case (a first sentence of ours
# where the speaker must be known).
DESIGNATION_CASES = [
    # a participle clause of labelling takes the main clause's subject
    ("Wilders had sought to capitalize on a diplomatic row between the Netherlands and Turkey during his election "
     "campaign, leading a small protest outside the country's embassy and calling President Recep Tayyip Erdogan "
     'a "dictator."', "dictator", ("quoted", "Wilders")),
    ('Gabriel has been critical of Trump in the past, calling him "the pioneer of a new authoritarian and '
     'chauvinist international movement" and even labeling him a "ghreat."', "authoritarian", ("quoted", "Gabriel")),
    # a passive designation names its "by" agent, or nobody
    ('The PKK is listed as a "terrorist" organisation by the EU and US.', "terrorist", ("quoted", "EU")),
    # a statement list: a name with its party tag and a colon labels the quotation after it
    ('Rep. Ed Royce (R-Calif.): "I am very concerned by reports of deep cuts that could damage efforts to combat '
     'terrorism, save lives, and create opportunities for American workers."', "terrorism", ("quoted", "Royce")),
    # "referred to ... as" labels, after three adverbs and auxiliaries ("has also repeatedly")
    ("President Donald Trump spoke in Florida on Saturday. He has also repeatedly referred to media organizations critical of him "
     'as "fake news."', "fake news", ("quoted", "Trump")),
]


@pytest.mark.parametrize("text, phrase, expected", DESIGNATION_CASES,
                         ids=[f"designation-{i}" for i in range(len(DESIGNATION_CASES))])
def test_round_six_designations(text, phrase, expected):
    assert voice_of(text, phrase) == expected


# Round six: where a subject starts. One sentence of the export per case.
SUBJECT_CASES = [
    # a conjunction opens the unnamed speaker's clause: what stands before it is no description of "critics"
    ("Mr Trump insists the move is to stop terrorists from entering the US but critics say it is discriminatory.",
     "terrorists", ("attributed", "Trump")),
    # a place after a preposition, then an adjunct between commas, is no subject: the inversion speaks
    ("In early June 2014 it had imposed ecomomic and diplomatic sanctions on a Palestinian unity government formed "
     "between Hamas in Gaza and Fatah in the West Bank, in an attempt to undermine it, said Ravid.", "sanctions",
     ("attributed", "Ravid")),
    # ... while a subject with an adjunct between commas still speaks
    ("The Department of Justice, in a brief filed just before the 6 p.m. deadline, said the travel restrictions "
     "are a matter of national security.", "national security", ("attributed", "Department of Justice")),
]


@pytest.mark.parametrize("text, phrase, expected", SUBJECT_CASES, ids=[f"subject-{i}" for i in range(len(SUBJECT_CASES))])
def test_round_six_subjects(text, phrase, expected):
    assert voice_of(text, phrase) == expected

# -- round seven: mechanisms written for causes that recur (fresh4 and fresh5) ---------------------------
# One sentence of the export at most per case, a short context sentence of our own where a mechanism
# needs one (marked "ours"), or Wikinews text (CC BY 2.5); the hand-coded hit ids are given.

ROUND_SEVEN_CASES = [
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


@pytest.mark.parametrize("text, phrase, expected", ROUND_SEVEN_CASES, ids=[f"round7-{i}" for i in range(len(ROUND_SEVEN_CASES))])
def test_round_seven(text, phrase, expected):
    assert voice_of(text, phrase) == expected


def test_a_description_without_a_modifier_is_no_description_by_itself():
    # "The President" alone is a title that other rules read; only "The <modifier> MP" is the new description
    assert voice_of("Trump met Merkel on Friday. The Lagan Valley MP said nothing.", "nothing")[1] != "MP"


# An interview without labels: a cue, then questions (the outlet's) and answers (the interviewee's).
# Our own text in the shape of the China Daily interviews of the export (hits 1207, 1298, 1222).
UNLABELLED_INTERVIEW = (
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
    assert voice_of(UNLABELLED_INTERVIEW, "personal freedom") == ("attributed", "Levatich")
    assert voice_of(UNLABELLED_INTERVIEW, "middle class") == ("attributed", "Levatich")
    assert voice_of(UNLABELLED_INTERVIEW, "performance in China") == ("outlet", "Daily")
    # the closing line about the interviewee is the outlet's again
    assert voice_of(UNLABELLED_INTERVIEW, "guest of the forum") == ("outlet", "Daily")


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


# -- round eight: known speaker bugs from reading real hits (one real sentence of the export each) ------

def test_abbreviated_title_is_no_person_and_stays_in_the_name():
    # "Republican Sen." was a name run of its own, taken for a person "Sen" that "he" went back to
    text = ("Republican Sen. Roger Wicker of Mississippi blamed the discord on a demoralized Democratic Party. "
            '"The losing party is disappointed," he told CNN.')
    assert voice_of(text, "losing party") == ("quoted", "Wicker")
    runs = [m.group() for m in _NAME_RUN.finditer(text)]
    assert "Republican Sen. Roger Wicker" in runs and "Republican Sen" not in runs
    assert {"Sen", "Rep", "Gov", "Lt", "Adm", "Sgt", "Supt", "Cmdr"} <= TITLE_WORDS
    # a titled name opens a statement list's line as well as it did after another quotation
    listed = ('Rep. Ed Royce (R-Calif.): "I am very concerned by reports of deep cuts that could damage efforts to '
              'combat terrorism, save lives, and create opportunities for American workers."')
    assert voice_of(listed, "terrorism") == ("quoted", "Royce")


def test_quotation_tagged_by_any_verb_is_not_the_previous_speakers():
    # the real sentence after Bannon's quotation: "echoed" is in no verb list, any verb tags it
    text = ('"We will bring back jobs," Bannon said. "We are a completely united team dedicated to enacting his '
            'bold agenda to bring back jobs and keep this country safe," Priebus echoed in the interview.')
    assert voice_of(text, "united team") == ("quoted", "Priebus")
    assert voice_of(text, "bring back jobs") == ("quoted", "Bannon")


def test_scraped_mark_after_a_space_is_a_dash():
    # '"?' after a space and before a lower-case word is a dash: no quotation opens there
    text = ('"Such policies make their cities and states less safe "?public safety as well as national security '
            'are at stake "?and put them at risk of losing federal dollars," Sessions said.')
    mended = repair_marks(text)
    assert len(mended) == len(text) and mended.count('"') == 2 and "— public" in mended
    assert voice_of(text, "national security") == ("quoted", "Sessions")
    # before a capital the mark stays a quotation mark (a dash, a bullet or an opening mark alike)
    assert repair_marks('"It\'s all fake news,"?Trump told') == '"It\'s all fake news," Trump told'


def test_body_name_cut_at_and_is_kept_whole():
    text = ("A 2016 report from the U.S.-China Economic and Security Review Commission said China's DF-26 "
            'intermediate-range ballistic missile -- dubbed by analysts the "Guam killer" -- allows China to bring '
            "unprecedented firepower to bear on Guam.")
    assert voice_of(text, "firepower") == ("attributed", "U.S.-China Economic and Security Review Commission")
    # two subjects joined by "and" without "the" are not one body
    joint = "Russia and European Commission officials said sanctions would stay."
    assert voice_of(joint, "sanctions")[1] != "Russia and European Commission"


def test_abbreviated_titles_in_runs_are_those_the_sentence_splitter_keeps():
    from toolkit.sentences import ABBREVIATIONS, sentence_spans
    from toolkit.voice.names import ABBREVIATED_TITLES

    assert all(title.lower() in ABBREVIATIONS for title in ABBREVIATED_TITLES)
    # military and other titles the splitter knows ("Maj.", "Brig.", "Amb.", ...) end no sentence, so they
    # stay in the name run and the name after them speaks
    text = ("The army spokesman, Maj. Gen. Asif Ghafoor, said acts of terrorism were being carried out from "
            "sanctuaries in Afghanistan.")
    assert len(sentence_spans(text)) == 1
    assert voice_of(text, "terrorism") == ("attributed", "Ghafoor")
    assert {"Maj", "Brig", "Amb", "Rev", "Supt", "Insp", "Cpl", "Pvt", "Atty", "Det"} <= set(ABBREVIATED_TITLES)
    # when "Maj." ended the sentence, this real hit was the outlet's
    ponde = ("Seven soldiers have been arrested in connection with the killings in the video, Congo's armed forces "
             "auditor general, Maj. Gen. Joseph Ponde, said Saturday.")
    assert voice_of(ponde, "arrested") == ("attributed", "Ponde")
    # a name and a verb after a quotation that is no tag: "failed to"
    narration = ('But in promising not to allow a "beachhead of terrorism to form inside America," Trump failed to '
                 "inform the American people that right wing extremists are the largest domestic terrorists.")
    assert voice_of(narration, "extremists") == ("outlet", "Daily")


# -- round eight, speakers of bodies: a body's name whole, the person before "from the ORG" ----------------
def test_person_from_a_body_speaks_not_the_body():
    text = ('"We\'re here because we don\'t believe that the G20 represents us," Nils Jansen from the Bonn Youth '
            "Movement told DW.")
    assert voice_of(text, "G20") == ("quoted", "Jansen")
    text = "Declan Geoghegan from the Irish Coast Guard said the accident had hit the rescue family hard."
    assert voice_of(text, "accident") == ("attributed", "Geoghegan")


def test_body_name_runs_across_possessive_after_a_title_or_group_word():
    text = ("There were no known arrests, and no one is believed to have been hit, the St. Louis County Sheriff's "
            "Department said in a statement.")
    assert voice_of(text, "arrests") == ("attributed", "St. Louis County Sheriff's Department")
    # a country's possessive is the body's owner, not part of its name
    text = "Venezuela's Medical Federation said recently that hospitals had less than 5% of the medicines they needed."
    assert voice_of(text, "hospitals") == ("attributed", "Medical Federation")


def test_body_name_keeps_its_for_part():
    text = "It is also arguably the union's strongest defense power, according to the Institute for Government."
    assert voice_of(text, "defense") == ("attributed", "Institute for Government")
    # a name with a "for" part is an institution, never a person's surname ("Studies")
    text = ("According to the International Institute for Strategic Studies, the US has more than 47,000 troops "
            "stationed in Japan, more than 28,000 in South Korea, 5,000 in Guam.")
    assert voice_of(text, "troops") == ("attributed", "International Institute for Strategic Studies")


@pytest.mark.parametrize("text, phrase, expected", [
    ("The National Bureau of Statistics said the consumption of coal, a major source of heat-trapping carbon "
     "dioxide emissions, fell by 4.7 percent last year.", "emissions", "National Bureau of Statistics"),
    ("The Sierra Club, another major environmental group, reported 11,000 new monthly donors in the days following "
     "the election.", "donors", "Sierra Club"),
    ('"..., posing a big burden on the already struggling economy," the Korea Employers Federation said.',
     "economy", "Korea Employers Federation"),
])
def test_organisation_heads_keep_the_body_whole(text, phrase, expected):
    assert voice_of(text, phrase)[1] == expected


def test_of_part_ends_before_a_persons_title():
    text = ('"We appreciate the proactive efforts of the tribes to help clean the protest site ahead of potential '
            'flooding along the river," said U.S. Army Corps of Engineers Omaha District Commander Col. John '
            "Henderson in a statement.")
    assert "Commander" not in voice_of(text, "flooding")[1]


def test_short_name_of_an_outlet_named_before_is_the_outlet_whole():
    # the first sentence is written for the test; the second is the export's
    text = ("The New York Times first reported the contacts on Tuesday. As part of its inquiry, the F.B.I. obtained "
            "banking and travel records of unspecified individuals and conducted interviews, The Times reported.")
    assert voice_of(text, "banking") == ("attributed", "New York Times")
    # without a longer name before it, the short name stays as written
    assert voice_of(text.split(". ", 1)[1], "banking") == ("attributed", "Times")
