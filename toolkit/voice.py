"""The voice of each frame hit: quoted, attributed to a speaker, or the outlet's own.

:func:`annotate_voice` adds :data:`toolkit.schema.VOICE_COLUMNS` to a hits table.
It is rule-based, offline and deterministic (no parser, no NER model); the rules
are written for English, Chinese and Russian wire copy (Xinhua, People's Daily,
TASS, RIA) and are listed here so a reader can check them. The Chinese rules run
on sentences with Han characters, the Russian ones on sentences with Cyrillic
letters (no language identification needed); the English rules run everywhere.

Definitions
-----------
in_quotes
    True when the whole hit lies between an opening and a closing quotation mark:
    straight ``" '`` or typographic ``“ ” ‘ ’ « » „ ‹ › 「 」 『 』``. An apostrophe
    between two letters or digits ("Kazakhstan's", "don’t") is never a quotation
    mark, nor is a closing single mark with no single quotation open ("countries'
    heads"). Quotations are paired within a paragraph; a double quotation left
    open at the end of a paragraph runs to the paragraph's end (the newspaper
    convention for quotations that continue in the next paragraph); an unclosed
    single mark is ignored.
speaker
    The attributed speaker, normalised to the surname as written ("Wang" for
    "Foreign Minister Wang Yi", "Lavrov" for "Sergei Lavrov"): the one word of
    the name that the article also uses alone; else, for a two-word name
    beginning with a common Chinese surname, the first word ("Zhao Lijian" ->
    "Zhao"), and for a hyphenated Cantonese given name the word before it
    ("Yolanda Yu Hoi-kwan" -> "Yu"); else the last word. An institution (every
    word a title or nationality, "Kazakh Foreign Ministry", or the last word one
    of :data:`ORGANISATION_WORDS`, "NBC News") is kept whole. ``""`` means
    reported speech whose speaker could not be named without guessing (a
    pronoun with no or two candidate antecedents, "they said", "it said", "a
    government official said"). For the outlet's own voice, the article's
    ``outlet``. Chinese names are given whole as written ("王毅", "赵立坚"), a
    name with a middle dot by its last part ("谢尔盖·拉夫罗夫" -> "拉夫罗夫"),
    an institution whole ("新华社", "中方"). Russian names by the surname
    ("Сергей Лавров" -> "Лавров"; a Chinese name by its first word, "Ван И" ->
    "Ван"), an institution whole ("ТАСС", "РИА Новости", "МИД России"); a
    genitive after "по словам" is put in the nominative only where the ending
    makes it certain ("Лаврова" -> "Лавров", "Захаровой" -> "Захарова";
    "Блинкена" -> "Блинкен" only when the article also writes "Блинкен"),
    otherwise it is given as written.
voice
    ``"quoted"``: the hit is inside quotation marks and the quotation is
    attributed (an attribution in a sentence the quotation touches, the
    quotation it continues, else the paragraph rule below). ``"attributed"``:
    the hit is outside quotation marks in what a speaker is reported to have
    said (reported speech, an interview answer). ``"outlet"``: no attribution
    was found, or the hit is the reporter's question ("Asked whether ...") or
    part of who speaks ("Former National Security Agency director Keith
    Alexander said"); short quotations without an attribution (scare quotes,
    titles) keep ``in_quotes`` True with voice ``"outlet"``. ``"uncertain"``
    (speaker ``""``): the rules cannot decide without guessing: "he said" or
    "the president said" with no or two candidate speakers, or a quotation of
    eight words or more that no sentence attributes.
distancing
    ``"so-called"`` when "so-called" (or "so called"), 所谓 or 所谓的 (not
    无所谓, "never mind"), "так называемый" in any form or "т. н." stands right
    before the hit, quotation marks allowed between, or begins the matched
    text, unless it merely introduces a term: the term is a proper name ("the
    so-called Islamic State group"), its head names a kind of term (plan, law,
    scandal, trap, ...: :data:`NAMING_HEADS`), or a gloss defines a term of two
    words or more right after it (a dash, a parenthesis, ", where", "that ...":
    'the so-called "duck walk" -- walking ...', "so-called sanctuary cities that
    don't cooperate"); then ``""``; else
    ``"scare quotes"`` when the innermost quotation around the hit holds the hit
    alone or with at most two function words ("the", "a", "so-called", ...),
    except a quotation that a labelling verb attributes ('Trump derided the
    story as "fake news"', 'called Yucel a "terrorist"': the speaker's words);
    else ``""``.

Scraped text
------------
Before any rule, scraped mojibake is mended in a copy of the text of the same
length (:func:`repair_marks`): ``"?`` before a word is a quotation mark and a
space, a double quote inside a contraction or possessive (``don"t``,
``Sheriff"s``) an apostrophe. A straight double quote opens a quotation only
where an opening mark can stand (after a space or an opening bracket, before a
word), so one stray mark glued to a word no longer flips every later
quotation of a one-paragraph article.

Attribution rules (applied to text outside quotation marks)
-----------------------------------------------------------
* ``NAME [adverb] VERB``: "Wang said", "Lavrov added", "Wang stressed that",
  "Lavrov told reporters", "Foreign Ministry spokesperson Zhao Lijian said",
  "Zhao Lijian, a ministry spokesperson, said", "Wei of the X Institute said",
  "the Syrian Democratic Forces (SDF) announced"; VERB is one of
  :data:`SPEECH_VERBS` (said, added, noted, stressed, urged, warned, believed,
  agreed, told, ...), but not "agreed to", "believed to".
* ``, VERB NAME`` / ``" VERB NAME`` (inversion): "..., said Lavrov.",
  "..., said Foreign Ministry spokesperson Zhao Lijian."
* ``according to [up to four lower-case words] NAME``.
* ``NAME VERBed ..., saying/adding/noting ...``: "Lavrov briefed Wang on ...,
  saying that ...".
* ``he/she [adverb] VERB`` and definite descriptions ("the Russian leader
  said", "the expert said", "the crown prince stated"): resolved to the most
  recent named person (not an institution) speaking before it in the article
  (a resolved pronoun is the next one's anchor), unless another known person
  is the subject of a sentence between them (a named speaker, a titled name
  such as "President Xi Jinping", or a full name opening a sentence). Then,
  or when there is no earlier speaker, the subject of the sentence right
  before (or of the pronoun's own sentence, before it) is taken when it is
  exactly one known person ("Pompeo has defended torture. He once said ..."
  is Pompeo's: the preferred antecedent of centering theory, Grosz, Joshi &
  Weinstein 1995); a lone surname counts when the article also writes it
  after a first name. Else the voice is ``"uncertain"``.
* Unnamed sources: ``[a few words] NOUN [, who] VERB`` ("officials said",
  "critics, who argued that", "some worry that"; nouns in
  :data:`UNNAMED_SPEAKER_NOUNS`) and "according to [a few words] NOUN"
  ("..., according to inhabitants"): speaker ``""``.
  ``they/it VERB`` and unnamed speakers ("a government official said",
  "officials told", "representatives from Iran acknowledged", "the statement
  read", "reports that ...") give ``""``.
* Labelling verbs (:data:`LABELLING_VERBS`: called, described, derided,
  dismissed, named, ...) attribute a quotation after them in their sentence
  ('called Iran "..."') and an unquoted label after "as" ("named the YPG as
  terrorists"), nothing else. A name after a preposition ("representatives
  from Iran", "Speaking to Agence France-Presse"), a month alone ("May said",
  but "Mrs May said" is May) and a generic body alone ("Police said": ``""``)
  name no speaker. An institution keeps its "of" part ("Department of
  Homeland Security"); a title with an "of" part names the person at its end
  ("Director of National Intelligence John Ratcliffe" -> "Ratcliffe").

A hit outside quotation marks takes the nearest named attribution before it in
its sentence that has what was said after it ("Smith said the move
guaranteed sovereignty", also right after a quotation: '"..." Smith said the
move ...'), else a final one after it: one that ends its clause with nothing
but time, place or audience after its verb ("..., Putin said on Monday.",
"..., Medvedev told a government meeting"), with a comma, colon or quotation
mark between the hit and it and no semicolon. A final attribution after the
hit wins over one before it ("The Kremlin denies ..., Peskov said"). An
attribution between commas ("Rather, the crown prince stated, the US ...")
covers its whole sentence. Attributions of a direct quotation only ('"...,"
Lam said', 'Lam said: "..."') cover the quoted words only. A hit inside the
words that name or describe who speaks (the subject, its title or
appositive, ", said George Lopez, an expert in sanctions") or in a reporter's
question ("Asked whether ...") is the outlet's. A quoted hit takes the named
attribution nearest to its quotation among the sentences the quotation
touches; a quotation that opens its sentence continues the one before it and
takes the attribution of up to three sentences back ('"...," he said. "The
disorder ..."'), or of the next sentence when that opens with a quotation.
Pronoun and unnamed attributions count only when no named one is found. A
quotation without an attribution is governed by its paragraph: when the
attributions of the paragraph's first and last sentences name exactly one
speaker, that speaker, in paragraphs (lines) of at most
:data:`MAX_PARAGRAPH_SENTENCES` sentences (a longer "paragraph" is most likely
a text whose line breaks were lost). Narration outside quotation marks is
never lent a speaker by its paragraph: on the development half of the
evaluation set that rule was wrong more often than right.

Interview transcripts: an article with at least three paragraphs that begin
with a speaker's label ("((WN))", "((Thomas Rivinius))", "NG:") and two
different labels is read turn by turn: a hit without an attribution of its
own is the labelled speaker's ("attributed"; initials stand for the name with
those initials in the text), or the outlet's in the interviewer's turns
(:data:`INTERVIEWER_LABELS`).

An attribution that is a sentence of its own right after a quotation
(“……。”王毅说。, '"..." Lavrov said.') attributes that quotation too. A
quotation that closes at the end of a paragraph is never introduced by an
attribution that opens the next one.

Chinese rules (sentences with Han characters)
---------------------------------------------
* ``[TITLE] NAME [when/where/to whom] [adverb] VERB``: "王毅说",
  "中国国务委员兼外长王毅表示", "外交部发言人赵立坚7日在例行记者会上表示",
  "总统新闻秘书佩斯科夫对记者说", "哈萨克斯坦总统托卡耶夫指出"; VERB is one of
  :data:`ZH_SPEECH_VERBS` (说, 表示, 指出, 强调, 称, 认为, ...; not 说服, 说明,
  说话, 称赞, 称为); a title is one of :data:`ZH_TITLES`. Without a title,
  NAME must start a clause (after punctuation or at the sentence's start) and
  be surely a name: two or three characters beginning with one of
  :data:`ZH_SURNAMES` (surnames that rarely begin ordinary words: 许多人表示
  and 高官表示 name nobody), a name with a middle dot, a name the article gives
  a title elsewhere ("俄罗斯外长拉夫罗夫 ... 拉夫罗夫说"), or 中方, 俄方, 哈方,
  美方 ... ("the Chinese side"). Anything else is the outlet's voice: a wrong
  speaker is worse than none.
* ``据 SOURCE 报道/称/介绍/消息/透露/表示/电``: 据新华社报道 -> "新华社",
  据外交部发言人赵立坚介绍 -> "赵立坚"; a source that names nobody (据外媒报道,
  据消息人士透露) gives ``""``; 据了解 and 据统计 are no attribution.
* 他/她 [adverb] VERB and 据他介绍 resolve as "he"/"she" above, and stay
  unresolved when a titled person (外长拉夫罗夫) or a dotted name stands
  between the speaker and the pronoun; 他们说, 双方表示, 专家认为, 居民说,
  发言人表示 give ``""``.

Russian rules (sentences with Cyrillic letters)
-----------------------------------------------
* ``NAME [, в свою очередь,] [adverb] VERB``: "Лавров заявил", "Захарова
  отметила", "Глава МИД России Сергей Лавров подчеркнул"; VERB is one of
  :data:`RU_SPEECH_VERBS` (заявил/заявила, сказал, отметил, подчеркнул,
  добавил, сообщил, считает, сообщает, передает, ...). A name after a
  preposition ("В Москве заявил") is no subject.
* ``VERB [titles] NAME`` (inversion, also after a quotation): "заявил Лавров",
  "«...», — заявил министр иностранных дел России Сергей Лавров", "сообщает
  ТАСС", "передает РИА Новости".
* ``по словам/мнению/данным/информации [titles] NAME``: "по словам Лаврова",
  "по данным ТАСС".
* A title without a name ("Представитель МИД заявил", "пресс-секретарь
  Токаева заявил"), plural verbs ("В МИД заявили", "Лавров и Ван И заявили")
  and "говорится в заявлении" give ``""``; "он/она заявил(а)", "заявил он" and
  "по его/её словам" resolve as "he"/"she".

Known limits: no coreference beyond "he"/"she", "the <title>" (他/她,
он/она); interview answers without speaker labels (questions and answers
told apart by layout only) read as the outlet's voice; a neutral "so-called"
before a common term without a gloss ("a so-called grand coalition") still
counts as distancing;
accuracy on real wire copy is in the README (``benchmarks/eval_voice.py``).
Chinese: a name after
anything but punctuation or a title ("会谈时王毅说", "王毅同拉夫罗夫通电话时表示")
and a transliterated name never given a title ("普京说") are missed; the
sentence splitter does not split at "。“", so a quotation that follows
"王毅说，……。" without a break is lent to 王毅 when no nearer attribution
exists. Russian: names inflect, so another person mentioned between a speaker
and "он" is noticed in the forms that add up to three letters to the name as
the article writes it in an attribution or after a title ("Токаева",
"Токаевым"), not in forms that change its ending ("Захаровой").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

import pandas as pd
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, SchemaError, require_columns
from toolkit.frames import is_word_char
from toolkit.schema import DOC_ID, OUTLET, TEXT, VOICE_COLUMNS
from toolkit.sentences import paragraph_spans, sentence_spans
from toolkit.scripts import CYRILLIC_RE, HAN_RE

#: Verbs that attribute speech or a stated view to their subject.
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "say", "added", "adds", "noted", "stressed", "stresses",
    "emphasized", "emphasised", "emphasizes", "emphasises", "underlined",
    "underscored", "urged", "urges", "warned", "warns", "believed", "believes",
    "agreed", "agrees", "told", "stated", "declared", "argued", "argues",
    "claimed", "insisted", "insists", "asserted", "explained", "announced",
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
)
#: Verbs that label what they quote: 'Trump derided the story as "fake news"', 'called
#: Yucel a "terrorist"'. They attribute a quotation after them in their sentence (and
#: an unquoted "as ..." label: "named the YPG as terrorists"), nothing else.
LABELLING_VERBS: tuple[str, ...] = (
    "called", "calls", "described", "describes", "labeled", "labelled", "labels", "branded", "dubbed",
    "termed", "derided", "dismissed", "dismisses", "denounced", "named", "characterized", "characterised",
    "describing", "labelling", "labeling", "branding", "dismissing",
    "designate", "designates", "designated", "considers", "consider", "deems", "regards",
)
#: Longest paragraph (in sentences) whose first or last sentence governs it.
MAX_PARAGRAPH_SENTENCES = 4
#: Verbs that are not speech when "to" follows ("agreed to add", "believed to be").
_NOT_BEFORE_TO = ("agreed", "agrees", "believed", "believes", "believe")
_INVERTED_VERBS = ("said", "says", "added", "noted", "stressed", "explained", "continued", "wrote", "asked", "told")
_SAYING = (
    r"(?:saying|adding|noting|stressing|stating|warning|urging|arguing|insisting|calling|describing|claiming"
    r"|accusing|blaming|branding|labell?ing|dismissing)"
)

#: Capitalised words that start sentences or clauses but are not names.
_FUNCTION_WORDS = frozenset(
    """The A An But And Or However Meanwhile Also In On At Last Then Later Earlier
    When While As After Before This That These Those It He She They We I You His
    Her Their Our Its My Your If Yet So Still Both Some Many Most All Such Current Former Acting Outgoing
    Incoming Then Reports Officials Police Witnesses Critics Sources Experts Analysts Residents Authorities
    Protesters Observers Investigators Prosecutors
    Ранее Также Однако Кроме Затем Позднее Вчера Сегодня Накануне Тогда Теперь При
    Во В На По Об О Как Так Это Этот Эти Он Она Они Но И А Впрочем Между""".split()
)
_CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December""".split()
)
#: Titles and nationality words stripped from the front of a name ("Russian
#: Foreign Minister Sergei Lavrov" -> "Sergei Lavrov").
TITLE_WORDS = frozenset(
    """President Vice Premier Prime Minister Ministry Foreign Defense Defence State
    Councilor Councillor Secretary General Deputy Ambassador Spokesperson Spokesman
    Spokeswoman Chairman Chairwoman Chair Director Senator Governor Mayor Chancellor
    King Queen Prince Emperor Pope Mr Mrs Ms Dr Professor Prof Gen Colonel
    Lieutenant Captain Commander Chief Head Leader Speaker Representative Interior
    Affairs Office Council Committee Department Government Parliament Kremlin
    Chinese Russian Kazakh American British French German Japanese Indian Ukrainian
    Kyrgyz Uzbek Tajik Turkmen Belarusian Armenian European US U.S. UN EU
    Президент Министр Глава Премьер-министр Председатель Посол Спикер Пресс-секретарь
    Представитель Официальный Заместитель Замглавы Руководитель Директор Советник Помощник
    Генсек МИД Минобороны МВД КНР РФ США ЕС ООН ОДКБ Кремля Госдепартамента Совбеза
    России Китая Казахстана Украины Белоруссии Киргизии Узбекистана Таджикистана""".split()
)
#: Last words of organisations, kept whole as speakers ("NBC News", "Kamloops Police").
ORGANISATION_WORDS = frozenset(
    """News Agency Times Post Guardian Journal Herald Tribune Daily Press Reuters
    Xinhua TASS Ministry Conference Council Committee Commission Police Department
    Office Party Association Union Organization Organisation Institute University
    Bank Court Service Corporation Company Group Network Board Authority Army
    Forces Government Parliament Assembly Congress Senate House Kremlin Embassy
    Center Centre Foundation Fund Guard States Nations Kingdom Republic Administration Staff Command
    Telegraph Mail Mirror Independent Observer Economist Gazette Standard Chronicle Globe Express Radio TV
    Television Channel Broadcasting Monitor Tracker Watch Review Magazine Insider Politico Axios
    ТАСС Новости Синьхуа Интерфакс Кремль МИД Минобороны ОДКБ ООН""".split()
)
#: Common Chinese surnames in pinyin: "Zhao Lijian" is Zhao, not Lijian.
CHINESE_SURNAMES = frozenset(
    """Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin
    Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan
    Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Yao Shen Zhong Cui Tan Fan Liao
    Shi Jin Jia Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei Long
    Tao Mao Hao Gu Gong Shao Wan Qian Dai Mo Kong Xiang Chang Qi Xi Hua Geng Kang
    Wen Bo Zhai""".split()
)

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_TOKEN_REST = rf"(?:(?:\.[{_UPPER}])+\.?|\w*(?:[-'’](?!s\b)[{_UPPER}]?\w+)*)"  # "U.N.", "al-Assad"
_TOKEN = rf"[{_UPPER}]{_TOKEN_REST}"
_PARTICLE = r"(?:(?:al|el|bin|ibn|de|da|van|von|der|di|du|dos|le|la)(?:[ \t]+|-))?"
_NAME = rf"(?<![\w'’-]){_TOKEN}(?:[ \t]+{_PARTICLE}{_TOKEN}){{0,6}}"
_VERBS = "|".join(
    v.replace(" ", r"\s+") + (r"\b(?!\s+to\b)" if v in _NOT_BEFORE_TO else "") for v in SPEECH_VERBS
)
_ADVERB = (
    r"(?:(?:also|further|then|later|again|once|has|have|had|too|still|themselves|himself|herself|itself|\w+ly"
    r"|(?:on|last|this)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today)\s+){0,2}"
)
_TITLE_LOWER = (
    r"(?:the|a|an|spokesperson|spokesman|spokeswoman|minister|secretary|president|ambassador|official"
    r"|envoy|adviser|advisor|chief|head|deputy|foreign)"
)

# _NAME, written to begin with its capital (the lookbehind then checks the character
# before it): re skips ahead to the next capital, three times faster over a whole text.
_NAME_RUN = re.compile(rf"[{_UPPER}](?<![\w'’-].){_TOKEN_REST}(?:[ \t]+{_PARTICLE}{_TOKEN}){{0,6}}")
# What follows a name that speaks: "Wang said", "Zhao Lijian, a spokesperson, said".
_APPOSITIVE = (
    r"(?:\s+\([A-Z]{2,}\))?"  # an acronym: "Syrian Democratic Forces (SDF) announced"
    r"(?:,\s+(?:(?:a|an|the|who|which)\s|[a-z]|(?:[A-Z][\w'’.-]*\s+){1,3}(?!and\s|or\s)[a-z])[^,]{1,110}"
    r"(?:,\s+[^,]{1,40})?,|,)?"  # "Plotena, the mayor of X, Y, said"; "Galeotti, Russian security specialist at X, said"
)
_OF_NAME = rf"(?:\s+of\s+(?:the\s+)?(?:{_NAME}['’]s\s+)?{_NAME})?"  # "Wei of the Beijing ... Institute said", "of Australia's Griffith University"
_THEN_VERB = re.compile(rf"{_OF_NAME}{_APPOSITIVE}\s+{_ADVERB}(?:{_VERBS})\b")
_THEN_LABELLING = re.compile(rf"{_OF_NAME}{_APPOSITIVE}\s+{_ADVERB}(?:{'|'.join(LABELLING_VERBS)})\b")
# A name right after a preposition is no subject: "representatives from Iran acknowledged".
_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|at|for|by|against|on|into|about|like)\s+$")
_TO_BEFORE = re.compile(r"\b(?:to|from|than)\s+$")  # "Speaking to Agence France-Presse, ..."
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording\s+to\s+[^,;]*$")  # "According to news agency ISNA, X said"
# What may follow an attribution's verb without being what was said: time, place,
# the audience ("told reporters", "told Al Jazeera"), then punctuation or an adjunct.
_AUDIENCE_AND_TIME = re.compile(
    r"(?:\s*(?:(?:on|last|this|next|late|early|earlier|later)\s+)?"
    r"(?:[A-Z][\w.'’-]*|reporters|journalists|lawmakers|senators|legislators|parliament|the\s+(?:media|press|BBC)"
    r"|today|tonight|yesterday|earlier|later|recently|also|again|once|week|month|year|morning|evening|afternoon"
    r"|(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:meeting|conference|briefing|audience|forum|session"
    r"|committee|hearing|summit|gathering|crowd|rally|interview|newspaper|agency|channel|radio|television"
    r"|broadcaster|programme|program|show|reporters|journalists|lawmakers|parliament|congress|senate))\b)*"
)
_NO_CONTENT = re.compile(
    r"\s*(?:[.;!?)\]\-–—]|$|[\"“”‘'(]|,(?!\s*(?:also\s+)?(?:adding|noting|saying|stressing|warning|arguing|insisting"
    r"|claiming|urging)\b)|(?:at|in|on|during|after|before|when|while|as|from|via|with|by|for|over|of|about"
    r"|according|without|amid|and|but|through|under|to\s+(?!be\b)\w+ed)\b)"
)
_SAYING_AFTER = re.compile(r"\s*,\s*(?:also\s+)?(?:adding|noting|saying|stressing|warning|arguing|insisting|claiming|urging)\b")


def _content_follows(text: str, end: int, s_end: int) -> bool:
    """True when what was said follows an attribution that ends at *end*.

    "Smith said the move guaranteed sovereignty": true; '"...," Smith said on
    Thursday.', '"...," Trump told reporters at a news conference': false.
    """
    if _SAYING_AFTER.match(text, end, s_end) or text.endswith(("accused", "accuses"), 0, end):
        return True  # "accused Israel of imposing ...": what follows "of" was said
    pos = _AUDIENCE_AND_TIME.match(text, end, s_end).end()
    return pos < s_end and not _NO_CONTENT.match(text, pos, s_end)
# "Lavrov briefed Wang on ..., saying that": the subject of the clause speaks.
_THEN_ACTION_SAYING = re.compile(
    rf"{_OF_NAME}{_APPOSITIVE}\s+{_ADVERB}(?:\w+ed|told|wrote|spoke|gave|sent|made|met|held)\b"
    rf"[^;]{{0,400}}?,\s+(?:also\s+)?{_SAYING}\b"
)
_HAS_SAYING = re.compile(rf",\s+(?:also\s+)?{_SAYING}\b")
# Words without which a sentence holds no English attribution by name: every pattern
# of _speaking_names needs one of them at the start of a word.
_CUE_WORDS = {v.split()[0] for v in SPEECH_VERBS}.union(
    _INVERTED_VERBS, re.findall("[a-z]+", _SAYING), LABELLING_VERBS
)


def _by_first_letter(words) -> str:
    """An alternation of *words* grouped by first letter: "s(?:aid|ays)|a(?:dded)" (twice as fast)."""
    rests: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in sorted(rests.items()))


# No leading \b: re then scans for the first letters fast; a cue must start a word,
# which _cue_starts checks (the cue words are letters only, so a match inside a word
# never hides one that starts the next word).
_ENGLISH_CUE = re.compile(rf"(?:[Aa]ccording|{_by_first_letter(_CUE_WORDS)})")


def _cue_starts(text: str) -> list[int]:
    """Offsets of the English cue words that start a word (``\b`` before them)."""
    return [s for s in (m.start() for m in _ENGLISH_CUE.finditer(text)) if s == 0 or not is_word_char(text[s - 1])]

_INVERTED = re.compile(
    rf"(?:^|[,\"”’»:]\s*)(?:{'|'.join(_INVERTED_VERBS)})\s+"
    rf"(?:(?:{_TITLE_LOWER}|{_TOKEN})\s+){{0,6}}?(?P<name>{_NAME})(?=\s*(?:[,.;:!?)]|$|(?:on|in|at|during|after|before|when|while)\s))"
)
_ACCORDING = re.compile(rf"\b[Aa]ccording\s+to\s+(?:[a-z]+\s+){{0,4}}?(?P<name>{_NAME})")
# \b(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey|[Ii]t) written to begin with a character class,
# which re scans for fast (twice as fast over a whole text).
_PRONOUN = re.compile(
    r"(?P<pronoun>[HhSsTtIi](?<!\w.)(?:(?<=[Hh])e|(?<=[Ss])he|(?<=[Tt])hey|(?<=[Ii])t))"
    rf"\s+{_ADVERB}(?:{_VERBS}|(?P<labelling>{'|'.join(LABELLING_VERBS)}))\b"
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
    warning""".split()
)
_UNNAMED_NOUNS = f"(?:{_by_first_letter(UNNAMED_SPEAKER_NOUNS)})"
#: Titles that a definite description of a person named before ends in: "the Russian
#: leader said", "the foreign minister said", "the expert said" resolve as "he".
_DEFINITE_TITLES = "(?:" + _by_first_letter(
    """president minister premier chancellor diplomat envoy expert lawmaker senator congressman congresswoman
    governor mayor ambassador general commander leader analyst professor scholar researcher economist activist
    politician secretary prosecutor judge chairman chairwoman chief prince king queen emperor pope spokesman
    spokeswoman founder director lawyer author writer""".split()
) + ")"
# No leading \b, which would stop re from scanning for the first letters fast;
# _unnamed_matches checks that a noun starts a word.
_FROM_NAME = rf"(?:\s+(?:from|of|for|at|in)\s+(?:the\s+)?{_NAME})?"  # "representatives from Iran said"
_UNNAMED_NOUN = re.compile(rf"{_UNNAMED_NOUNS}\b")
_UNNAMED_TAIL = re.compile(rf"{_FROM_NAME}(?:,\s+who\b|{_APPOSITIVE})\s+{_ADVERB}(?:{_VERBS})\b|\s+(?:that|read)\b")  # after the noun
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
    rf"{_FROM_NAME}(?:,\s+who\b|{_APPOSITIVE})\s+{_ADVERB}(?:{_VERBS}|(?<=atement |message | letter )read)\b"
    r"|\b(?P<pronoun3>(?:reports|claims|allegations|accusations|suggestions|assertions|claim|allegation"
    r"|accusation|assertion|conclusion|warning))\s+that\b"
    r"|\b[Aa]ccording\s+to\s+(?P<pronoun2>(?:(?:a|an|the|some|several|two|three|many)[ \t]+)?(?:[a-z-]+[ \t]+){0,3}?"
    rf"{_UNNAMED_NOUNS})\b(?![ \t]+(?:of|from|at|for|with)\b)"
)
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


_STOPS = re.compile(r"[.!?。！？]")
# What may stand between a quotation and its attribution, within one paragraph.
_GAP = re.compile(r"[^\S\n]*(?:[,.:;!?，。：；！？—–-][^\S\n]*)*")
_QUOTE_MARK = re.compile("[\"'“”‘’«»„‹›「」『』]")
# "so-called", 所谓(的) (not 无所谓 "never mind"), так называемый in any form, т. н.
_SO_CALLED = r"(?:\bso[\s\-‐‑–—]?called\b|(?<!无)所谓的?|\bтак\s+называем\w{2,3}\b|\bт\.\s?н\.)"
_SO_CALLED_BEFORE = re.compile(rf"{_SO_CALLED}\s*[\"“‘'«„‹「『]?\s*$", re.I)
_SO_CALLED_START = re.compile(rf"^\s*{_SO_CALLED}", re.I)
# A neutral "so-called" that introduces a term, not the writer's distance (issue 12 (i)):
# the term is a proper name ("the so-called Islamic State group", 'so-called "Juncker Plan"'),
# its head names a kind of term ("the so-called middle-income trap", "fake jobs scandal"),
# or a gloss defines it right after ('the so-called "duck walk" -- walking across the stage',
# "so-called sanctuary cities that don't cooperate ...", "the so-called Dublin rules, under which").
_TERM_OPEN = re.compile(r"\s*[\"“‘'«„]?\s*")
_TERM_WORD = re.compile(r"[\w’'.-]+")
NAMING_HEADS = frozenset(
    """plan plans law laws act bill doctrine policy rule rules trap effect zone zones area corridor scandal affair
    deal agreement accord format formula theory strategy programme program initiative list regulation regulations
    clause provision index""".split()
)
_TERM_STOP = frozenset(
    """of in on at to for from by with and or but as that which who whom where whose when while is are was were
    be been has have had will would can could may might should must not than""".split()
)
_GLOSS = re.compile(
    r"[\"”’'»]?(?:\s*[-–—]{1,2}\s|\s*\(|\s*:|,\s+(?:an?|where|whereby|in\s+which|under\s+which|i\.e\.|meaning)\s"
    r"|,?\s+(?:that|which|who|where|whereby|under\s+which|in\s+which)\s)"
)


def _so_called_names(text: str, after: int) -> bool:
    """True when the "so-called" ending at *after* introduces a term rather than distancing (see above)."""
    pos = _TERM_OPEN.match(text, after).end()
    words, ends = [], []
    for match in _TERM_WORD.finditer(text, pos, min(len(text), pos + 80)):
        if match.start() != pos and not text[pos : match.start()].isspace():
            break  # punctuation ends the term
        word = match.group().rstrip(".")
        if not word or word.lower() in _TERM_STOP or len(words) == 5:
            break
        words.append(word)
        ends.append(match.start() + len(word))
        pos = match.end()
    if not words:
        return False
    if words[0][0].isupper():
        return True  # a proper name
    if words[-1].lower() in NAMING_HEADS:
        return True
    # a gloss defines a term of two words or more; "this so-called judge, which ..." is distance
    return len(words) >= 2 and _GLOSS.match(text, ends[-1]) is not None


_SCARE_FILLERS = frozenset(
    "the a an this that these those such its their his her our any of so called so-called".split()
)

_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』"}
_SINGLE_OPEN = {"‘": "’", "‹": "›"}


# --- Chinese and Russian rules (chosen by the script of the sentence) -------

_HAN, _CYRILLIC = HAN_RE, CYRILLIC_RE  # toolkit.scripts, the one home of script ranges

#: Chinese verbs of speech ("王毅说", "赵立坚表示"); 说服/说明/说话 and 称赞/称为 are not speech.
ZH_SPEECH_VERBS: tuple[str, ...] = (
    "说", "表示", "指出", "强调", "称", "认为", "宣布", "重申", "透露", "警告", "呼吁",
    "补充说", "回应说", "回应称", "声称", "坦言", "写道", "告诉", "提醒", "介绍说", "谈到", "提到",
)
#: Titles that stand right before a name ("外长王毅", "外交部发言人赵立坚", "总统托卡耶夫").
ZH_TITLES: tuple[str, ...] = (
    "国务委员", "外交部长", "外长", "发言人", "主席", "总统", "总理", "首相", "部长", "大使",
    "秘书长", "总书记", "议长", "防长", "新闻秘书", "特使", "主任", "局长", "司长", "院长",
    "所长", "教授", "研究员", "学者", "专家", "记者", "负责人", "领导人", "参赞", "司令", "顾问",
)
#: Common Chinese surnames that rarely begin an ordinary word: a bare "王毅说" at the
#: start of a clause names 王毅; 高 (高官), 许 (许多), 严 (严正), 白 (白宫) are left out.
ZH_SURNAMES = frozenset(
    "王李张刘陈杨赵吴孙朱胡郭罗梁谢宋唐韩冯邓曹彭曾肖萧蔡蒋杜魏苏吕丁姚沈钟崔谭廖贾傅邹熊孟秦"
    "邱侯尹薛段陶毛郝顾龚邵戴孔汪习耿温翟岳覃赖韦栗蔺郑"
)
#: Two-character words that begin with a surname but are no name ("郑重表示" = "solemnly said").
_ZH_NOT_NAMES = frozenset("郑重 曾经 曾多 韩国 苏联 罗马 孙子 杨树 毛病 顾问 邓小 秦朝 宋代 唐代".split())
#: Endings of institutions (kept whole and never "he" or "she"): 新华社, 外交部, 中方.
_ZH_ORGANISATION_END = re.compile(r"(?:社|部|宫|院|局|处|会|组织|方|台|网|报|署|政府|中心|机构|使馆|办公室)$")
# Adverbs and time words between a name and its verb; never a name themselves.
_ZH_ADVERBS = (
    "也", "还", "则", "又", "都", "均", "再次", "同时", "进一步", "特别", "明确", "多次", "一再",
    "随后", "最后", "坚定", "郑重", "严正", "强烈", "普遍", "一致", "纷纷", "曾", "曾经", "已经",
    "此前", "日前", "近日", "当天", "当日", "同日", "今天", "昨天", "随即", "公开", "积极", "高度",
)
# Characters that never stand inside a name: function words, "兼" of "国务委员兼外长".
_ZH_NOT_IN_NAME = "在同与和对向就将也还则又已于的了是为被把从以及等并但而时中上后前日月年兼其该这那此他她们我你都均议话声报"
_ZH_NAME_CHAR = rf"(?:[^\W\d_A-Za-z{_ZH_NOT_IN_NAME}]|·)"
_ZH_VERB = "(?:" + "|".join(
    {"说": "说(?![服明话])", "称": "称(?![赞为号之])"}.get(v, v) for v in sorted(ZH_SPEECH_VERBS, key=len, reverse=True)
) + ")"
_ZH_ADV = "(?:" + "|".join(sorted(_ZH_ADVERBS, key=len, reverse=True)) + "){0,2}"
_ZH_TITLE = "(?:" + "|".join(sorted(ZH_TITLES, key=len, reverse=True)) + ")"
# "7日在例行记者会上", "在回答记者提问时", "对记者", "接受新华社记者采访时": when, where and to whom,
# between a name and its verb.
_ZH_WHEN_WHERE = (
    r"(?:\d{1,2}日|[一二三四五六七八九十]{1,3}日)?"
    r"(?:[在就][^，。；：！？“”「」『』\s]{1,25}?(?:上|时|中|期间|之际))?"
    r"(?:[对向](?:记者|媒体)|接受[^，。；：！？“”「」『』\s]{1,15}?采访时)?"
)
_ZH_BOUNDARY = r"(?<![^\s，。：；、！？,.:;!?“”「」『』（）()—])"
_ZH_THEN_VERB = rf"{_ZH_WHEN_WHERE}{_ZH_ADV}{_ZH_VERB}"
# A title, then the name: "中国国务委员兼外长王毅表示" (the greedy prefix reaches the last title).
_ZH_TITLED = re.compile(
    rf"{_ZH_BOUNDARY}[\u4e00-\u9fff]{{0,20}}{_ZH_TITLE}(?P<name>{_ZH_NAME_CHAR}{{2,9}}?)(?<!·){_ZH_THEN_VERB}"
)
# A name at the start of a clause: "王毅说", "托卡耶夫表示", "卡瑟姆若马尔特·托卡耶夫指出", "中方认为".
_ZH_BARE = re.compile(
    rf"{_ZH_BOUNDARY}(?P<name>[中俄哈美日韩英法德欧吉乌塔土]方|{_ZH_NAME_CHAR}{{2,12}}?)(?<!·){_ZH_THEN_VERB}"
)
# 据新华社报道, 据外交部发言人赵立坚介绍, 据哈萨克斯坦卫生部发布的数据: "according to".
_ZH_ACCORDING = re.compile(
    r"据(?P<name>[^据，。；：！？“”「」『』\s]{2,20}?)的?(?:报道|称|介绍|消息|透露|表示|说|电|援引|发布|通报)"
)
# Sources of 据 that name nobody: 据报道称, 据外媒报道, 据消息人士透露.
_ZH_UNNAMED_SOURCE = re.compile(r"^(?:报道|了解|悉|统计|一名|一位|有关|相关|当地|多家)|(?:媒体|媒|人士|官员|专家|消息)$")
_ZH_PRONOUN = re.compile(rf"(?<![其吉])(?P<pronoun>他们|她们|他|她){_ZH_THEN_VERB}|据(?P<pronoun2>他|她)(?:介绍|说|称|透露)")
_ZH_UNNAMED = re.compile(
    rf"(?:双方|各方|官员|专家|学者|分析人士|消息人士|知情人士|目击者|居民|民众|发言人|声明|报道|外媒|媒体|评论)"
    rf"{_ZH_THEN_VERB}"
)
_ZH_PERSON_HINT = re.compile(rf"{_ZH_TITLE}|·")
_ZH_PRONOUNS = {"他": "he", "她": "she", "他们": "they", "她们": "they"}

# Russian: past tense stems (заявил, заявила, заявило; заявили is plural) and present forms.
_RU_PAST = (
    "заяви", "сказа", "отмети", "подчеркну", "добави", "сообщи", "указа", "поясни", "призва",
    "завери", "напомни", "предупреди", "уточни", "констатирова", "призна", "написа",
)
_RU_PRESENT = (
    "считает", "полагает", "говорит", "заявляет", "отмечает", "подчеркивает", "подчёркивает",
    "сообщает", "пишет", "передает", "передаёт",
)
_RU_PRESENT_PLURAL = ("считают", "полагают", "говорят", "заявляют", "отмечают", "сообщают", "пишут", "передают")
#: Russian verbs of speech with a single subject (заявил, заявила, сообщило, считает).
RU_SPEECH_VERBS: tuple[str, ...] = tuple(s + e for s in _RU_PAST for e in ("л", "ла", "ло")) + _RU_PRESENT
# Stems then endings: one alternation per stem is several times faster than the list of forms.
_RU_VERB = rf"(?:(?:{'|'.join(_RU_PAST)})(?:ла|ло|л)|{'|'.join(_RU_PRESENT)})\b"
_RU_VERB_PLURAL = rf"(?:(?:{'|'.join(_RU_PAST)})ли|{'|'.join(_RU_PRESENT_PLURAL)})\b"
_RU_ADVERB = r"(?:(?:также|ранее|уже|вновь|снова|особо|еще|ещё|затем|тогда|прямо|неоднократно|вчера|сегодня)\s+){0,2}"
_RU_ASIDE = r"(?:,\s+(?:в\s+свою\s+очередь|в\s+частности|со\s+своей\s+стороны|кроме\s+того|при\s+этом),)?"
_RU_THEN_VERB = re.compile(rf"{_RU_ASIDE}\s+{_RU_ADVERB}{_RU_VERB}")
# Lower-case words between a verb (or "по словам") and the name: titles, times, "журналистам".
_RU_TITLE_WORDS = (
    r"министра?|иностранных|дел|главы?|президента?|премьер-министра?|председателя?|официальн(?:ый|ого)"
    r"|представител(?:ь|я)|пресс-секретар(?:ь|я)|посол|посла|генеральн(?:ый|ого)|секретар(?:ь|я)|генсека?"
    r"|спикера?|замминистра|заместител(?:ь|я)|руководител(?:ь|я)|директора?|советника?|помощника?"
    r"|депутата?|сенатора?|лидера?|агентств(?:о|а)|информагентств(?:о|а)|газет(?:а|ы)|издани(?:е|я)"
    r"|телеканала?|эксперта?|политолога?|аналитика?|российск\w+|китайск\w+|казахстанск\w+"
    r"|государственн\w+|журналистам|репортерам|корреспонденту|накануне|также|ранее|сегодня|вчера"
    r"|в\s+(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
)
_RU_SKIP = rf"(?:(?:{_RU_TITLE_WORDS})\s+){{0,6}}?"
# "заявил Лавров", "«...», — заявил министр иностранных дел России Сергей Лавров", "сообщает ТАСС".
_RU_INVERTED = re.compile(rf"(?<![\w-]){_RU_VERB}\s+{_RU_SKIP}(?P<name>{_NAME})")
# "по словам Лаврова", "по данным ТАСС": the name is in the genitive.
_RU_ACCORDING = re.compile(
    rf"\b[Пп]о\s+(?:словам|мнению|данным|информации|сообщению)\s+{_RU_SKIP}(?P<name>{_NAME})"
)
_RU_PRONOUN = re.compile(
    rf"\b(?P<pronoun>[Оо]н[аи]?)\s+{_RU_ADVERB}(?:{_RU_VERB}|{_RU_VERB_PLURAL})"
    rf"|(?<![\w-])(?:{_RU_VERB}|{_RU_VERB_PLURAL})\s+(?P<pronoun2>он[аи]?)\b"
    rf"|\b[Пп]о\s+(?P<pronoun3>его|ее|её|их)\s+(?:словам|мнению|данным)"
)
# Plural verbs ("в МИД заявили") and "говорится в заявлении" name nobody.
_RU_UNNAMED = re.compile(rf"(?<![\w-])(?:{_RU_VERB_PLURAL}|говорится\s+в\s+\w+)")
_RU_PRONOUNS = {"он": "he", "она": "she", "они": "they", "его": "he", "ее": "she", "её": "she", "их": "they"}
_RU_TITLE_BEFORE = re.compile(rf"(?<![\w-])(?:{_RU_TITLE_WORDS})\s+$")
_RU_PREPOSITION = re.compile(
    r"(?<![\w-])(?:[Вв]о?|[Нн]а|[Пп]о|[Ии]з|[Сс]о?|[Оо]б?|[Кк]|[Уу]|[Зз]а|[Пп]ри|[Дд]ля|[Оо]т|[Дд]о)\s+(?=[А-ЯЁ])"
)
_RU_TITLE_FIRST = re.compile(rf"(?:{_RU_TITLE_WORDS})\b")
_RU_GENITIVE_ENDINGS = (
    ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"), ("ского", "ский"),
    ("цкого", "цкий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
)
#: Chinese surnames as transliterated in Russian: "Ван И" is Ван, "Си Цзиньпин" is Си.
CHINESE_SURNAMES_RU = frozenset(
    """Ван Ли Чжан Лю Чэнь Ян Хуан Чжао У Чжоу Сюй Сунь Ма Чжу Ху Го Хэ Линь Гао Ло Чжэн
    Лян Се Сун Тан Хань Фэн Дэн Цао Пэн Цзэн Сяо Тянь Дун Пань Юань Цай Цзян Юй Ду Чэн
    Вэй Су Лу Дин Жэнь Яо Шэнь Чжун Цуй Тань Фань Ляо Ши Цзинь Цзя Ся Фу Фан Цзоу Сюн Бай
    Мэн Цинь Цю Хоу Инь Сюэ Янь Дуань Лэй Лун Тао Мао Хао Гу Гун Шао Вань Цянь Дай Кун Сян
    Чан Ци Си Хуа Гэн Кан Вэнь Чжай""".split()
)


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


# --- quotations ------------------------------------------------------------


# Scraped mojibake: a double quote stands for an apostrophe ("don"t", "Sheriff"s") and
# '"?' for a typographic mark and a no-break space ('"It's all fake news,"?Trump told').
_MOJIBAKE_MARK = re.compile(r'"\?(?=[\w"“])')
_MOJIBAKE_APOSTROPHE = re.compile(r'(?<=[A-Za-z])"(?=(?:t|s|re|ve|ll|d|m)\b)')


def repair_marks(text: str) -> str:
    """Return *text* with scraped mojibake quotation marks mended, same length and offsets.

    ``"?`` before a word or a quotation mark becomes ``" `` (the mark and a
    space) and a double quote inside a contraction or possessive (``don"t``,
    ``Sheriff"s``, ``they"re``) an apostrophe. Every other character is kept,
    so offsets into the result are offsets into *text*.
    """
    if '"' not in text:
        return text
    text = _MOJIBAKE_MARK.sub('" ', text)
    return _MOJIBAKE_APOSTROPHE.sub("'", text)


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
                if not close('"', i) and _opening_context(text, i, para_start) and not nxt.isspace():
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


# --- speakers --------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _strip_name(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a capitalised run into (person tokens, all meaningful tokens)."""
    tokens = run.split()
    while tokens and (tokens[0] in _FUNCTION_WORDS or tokens[0] in _CALENDAR):
        tokens.pop(0)
    person = list(tokens)
    while person and (person[0] in TITLE_WORDS or person[0].rstrip(".") in TITLE_WORDS):
        person.pop(0)
    return tuple(person), tuple(tokens)


def _surname(person: list[str], single_names: set[str]) -> str:
    if len(person) == 1:
        return person[0].rsplit("·", 1)[-1]  # "谢尔盖·拉夫罗夫" -> "拉夫罗夫"
    for token in reversed(person):
        if token in single_names:
            return token
    if person[-2] in CHINESE_SURNAMES_RU and not re.search("(?:ов|ев|ёв|ский|цкий|ова|ева|ина|ая)$", person[-1]):
        return person[-2]  # "Ван И", "Си Цзиньпин" in Russian
    if len(person) == 2 and person[0] in CHINESE_SURNAMES:
        return person[0]
    if len(person) > 2 and person[-2] in CHINESE_SURNAMES and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", person[-1]):
        return person[-2]  # "Yolanda Yu Hoi-kwan": a Cantonese name after an English one
    if len(person) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", person[-1]):
        return person[0]  # "Yun Duk-min", "Moon Jae-in": the surname comes first
    particle = re.match(r"(?:al|el|ad|as|an|bin)-(.+)", person[-1])
    if particle and particle.group(1) in single_names:
        return particle.group(1)  # "Bashar al-Jaafari", then "Jaafari" alone
    return person[-1]


def _speaking_names(text: str, runs, s_start: int, s_end: int):
    """Yield (start, name start, name, end, kind) of each attribution by name in text[s_start:s_end].

    *kind* is "verb" ("Wang said"), "saying" ("Lavrov briefed Wang ..., saying"),
    "labelling" ('Trump derided it as "..."'), "inverted" ("..., said Lavrov") or
    "according" ("according to Lavrov").
    """
    saying = _HAS_SAYING.search(text, s_start, s_end)
    patterns = [(_THEN_VERB, "verb"), (_THEN_LABELLING, "labelling")]
    if saying:
        patterns.append((_THEN_ACTION_SAYING, "saying"))
    for pattern, kind in patterns:
        covered = 0  # names inside an appositive already matched do not speak
        for run in runs:
            after = pattern.match(text, run.end(), s_end) if run.start() >= covered else None
            if after and re.match(r"\s+of\s+[^,]*['’]s\s", after.group()) and not _strip_name(run.group())[0]:
                after = None  # "Chief of the General Staff's ... Department Lieutenant-General Rudskoi said": his name follows
            # "representatives from Iran acknowledged": a lone name after a preposition is no
            # subject ("Special Representative for Iran Brian Hook said" is).
            before = max(s_start, run.start() - 12)
            if after and not (
                _TO_BEFORE.search(text, before, run.start())
                or _ACCORDING_BEFORE.search(text, max(s_start, run.start() - 60), run.start())
                or (" " not in run.group() and _PREPOSITION_BEFORE.search(text, before, run.start()))
            ):
                covered = after.end()
                yield run.start(), run.start(), run.group(), after.end(), kind
    sentence = text[s_start:s_end]  # _INVERTED is anchored at the sentence's start
    patterns = [(_INVERTED, "inverted"), (_ACCORDING, "according")] if "ccording" in sentence else [(_INVERTED, "inverted")]
    for pattern, kind in patterns:
        for match in pattern.finditer(sentence):
            name_start, end = s_start + match.start("name"), s_start + match.end()
            yield s_start + match.start(), name_start, match.group("name"), end, kind


def _zh_bare_name(text: str, name: str) -> bool:
    """True when *name*, standing alone before a verb, is surely a name (see module docstring)."""
    if name in _ZH_ADVERBS or name[:2] in _ZH_NOT_NAMES:
        return False
    if re.fullmatch("[中俄哈美日韩英法德欧吉乌塔土]方", name):  # 中方 "the Chinese side"
        return True
    if "·" in name or (len(name) <= 3 and name[0] in ZH_SURNAMES):
        return True
    # titled elsewhere in the article ("俄罗斯外长拉夫罗夫")
    return any(text.endswith(ZH_TITLES, 0, m.start()) for m in re.finditer(re.escape(name), text))


def _chinese_names(text: str, s_start: int, s_end: int):
    """Yield (start, name start, name, end) of each Chinese attribution in text[s_start:s_end].

    The name is ``""`` for a source that names nobody (据外媒报道).
    """
    for match in _ZH_TITLED.finditer(text, s_start, s_end):
        if match.group("name") not in _ZH_ADVERBS:
            yield match.start(), match.start("name"), match.group("name"), match.end()
    for match in _ZH_BARE.finditer(text, s_start, s_end):
        if _zh_bare_name(text, match.group("name")):
            yield match.start(), match.start("name"), match.group("name"), match.end()
    for match in _ZH_ACCORDING.finditer(text, s_start, s_end):
        source, pos = match.group("name"), match.start("name")
        if re.match("(?:了解|悉|统计)", source):  # "it is understood", "statistics show"
            continue
        titled = re.search(rf"{_ZH_TITLE}(?P<name>{_ZH_NAME_CHAR}{{2,9}})$", source)
        if titled:
            source, pos = titled.group("name"), pos + titled.start("name")
        elif _ZH_UNNAMED_SOURCE.search(source) or re.search(_ZH_TITLE + "$", source):
            source = ""
        yield match.start(), pos, source, match.end()


def _ru_nominative(name: str, text: str) -> str:
    """The nominative of a genitive name after "по словам", where the ending makes it certain."""
    words = []
    for word in name.split():
        for genitive, nominative in _RU_GENITIVE_ENDINGS:
            if word.endswith(genitive) and len(word) > len(genitive) + 1:
                word = word[: -len(genitive)] + nominative
                break
        else:  # "Блинкена" -> "Блинкен" only when the article writes "Блинкен" too
            if word[-1] in "ая" and re.search(rf"\b{re.escape(word[:-1])}\b", text):
                word = word[:-1]
        words.append(word)
    return " ".join(words)


def _russian_names(text: str, runs, s_start: int, s_end: int):
    """Yield (start, name start, name, end) of each Russian attribution in text[s_start:s_end].

    The name is ``""`` for a title without a name ("представитель МИД заявил").
    """
    found = []
    for run in runs:
        after = _RU_THEN_VERB.match(text, run.end(), s_end)
        # "В Москве заявил": a name after a preposition is no subject.
        if after and not _RU_PREPOSITION.search(text, max(s_start, run.start() - 8), run.start() + 4):
            found.append((run.start(), run.start(), run.group(), after.end(), after.group().endswith("л")))
    for pattern in (_RU_INVERTED, _RU_ACCORDING):
        for match in pattern.finditer(text, s_start, s_end):
            name = match.group("name")
            if pattern is _RU_ACCORDING:
                name = _ru_nominative(name, text)
            found.append((match.start(), match.start("name"), name, match.end(), False))
    for begin, pos, name, end, masculine in found:
        person, _ = _strip_name(name)
        # "представитель МИД", "пресс-секретарь Токаева": the speaker is the unnamed title holder.
        titled = _RU_TITLE_BEFORE.search(text, max(s_start, pos - 40), pos) or _RU_TITLE_FIRST.match(name.lower())
        if titled and (
            not person or (masculine and len(person) == 1 and person[0][-1] in "ая")
        ):
            name = ""
        yield begin, pos, name, end


def _unnamed_speech(text: str, han: bool, cyrillic: bool, cue_starts=()) -> list[re.Match]:
    """Matches of pronouns and unnamed speakers that speak ("he said", "officials told", 他说)."""
    matches = [_PRONOUN.finditer(text), _definite_matches(text, cue_starts), _unnamed_matches(text)]
    if han:
        matches += [_ZH_PRONOUN.finditer(text), _ZH_UNNAMED.finditer(text)]
    if cyrillic:
        matches += [_RU_PRONOUN.finditer(text), _RU_UNNAMED.finditer(text)]
    return list(itertools.chain.from_iterable(matches))


_PARENTHETICAL_BEFORE = re.compile(r",\s*$")
_PARENTHETICAL_AFTER = re.compile(r"\s*,(?!\s*[\"“‘'])(?!\s*(?:also\s+)?(?:adding|noting|saying|stressing|warning|arguing|insisting|claiming|urging)\b)")
_APPOSITIVE_TAIL = re.compile(r"(?:,\s+(?:a|an|the|who|which)\s[^,.;:\"“”]*)?")
_OF_PART = re.compile(rf"\s+of\s+(?:the\s+)?({_TOKEN}(?:\s+(?:of\s+|for\s+|and\s+)?(?:the\s+)?{_TOKEN}){{0,5}})")
#: Words that alone name no one: "Police said", "the Government said".
_GENERIC_BODIES = frozenset("Police Government Ministry Army Military Court Parliament Committee Authorities".split())
# Where a subject starts: back over a title in lower case ("the Russian ambassador to
# Syria, Alexander Kinshchak"), to the last punctuation before the name.
_CLAUSE_START = re.compile(r"[,;:\"“”()—–]|\s[-–—]\s")


def _subject_start(text: str, s_start: int, begin: int) -> int:
    """Start of the subject whose name begins at *begin*: after the last clause mark before it."""
    last = s_start
    for mark in _CLAUSE_START.finditer(text, max(s_start, begin - 120), begin):
        last = mark.end()
    return last


def _with_of_part(text: str, pos: int, name: str, stripped: str) -> str | None:
    """The speaker's name with an institution's "of" part ("Department of Justice"), or None for a generic body.

    A title with an "of" part that ends in a person's name gives the person:
    "Director of National Intelligence John Ratcliffe" -> "John Ratcliffe".
    """
    words = stripped.split()
    if words and all(w in TITLE_WORDS for w in words):
        of = _OF_PART.match(text, pos + len(name))
        if of:
            tail = of.group(1).split()
            if len(tail) >= 3 and not any(w in ORGANISATION_WORDS for w in tail[-2:]):
                return " ".join(tail[-2:])
    if words and words[-1] in ORGANISATION_WORDS:
        of = _OF_PART.match(text, pos + len(name))
        if of:
            return f"{stripped} of {of.group(1)}"
    if len(words) == 1 and words[0] in _GENERIC_BODIES:
        return None
    return stripped


def _find_attributions(text, sentences, quotes, runs, cue_starts, speech, han, cyrillic) -> list[_Attribution]:
    """Attributions in *sentences* (named ones) and of *speech* (pronouns, unnamed speakers)."""

    def quoted(pos):
        return any(o <= pos < c for o, c in quotes)

    sentence_starts = [s for s, _ in sentences]
    run_starts = [r.start() for r in runs]
    found = {}
    unnamed = []  # (start, end, pronoun or unnamed speaker as written)
    for s_index, (s_start, s_end) in enumerate(sentences):
        in_sentence = runs[bisect.bisect_left(run_starts, s_start) : bisect.bisect_left(run_starts, s_end)]
        # English names speak only in sentences with a cue; the Chinese and Russian rules
        # run on the sentences written in those scripts only.
        has_cue = bisect.bisect_left(cue_starts, s_start) < bisect.bisect_left(cue_starts, s_end)
        named = [_speaking_names(text, in_sentence, s_start, s_end)] if has_cue else []
        # Chinese and Russian attributions keep the simple rule: one covers its sentence
        # unless it introduces a quotation ("заявил, что" has a comma before its content).
        if han and _HAN.search(text, s_start, s_end):
            named.append((*item, "other") for item in _chinese_names(text, s_start, s_end))
        if cyrillic and _CYRILLIC.search(text, s_start, s_end):
            named.append((*item, "other") for item in _russian_names(text, in_sentence, s_start, s_end))
        for item in itertools.chain.from_iterable(named):
            begin, pos, name, end = item[:4]
            kind = item[4] if len(item) > 4 else "verb"
            if not name:
                unnamed.append((begin, end, "unnamed"))
                continue
            person, tokens = _strip_name(name)
            # "Mrs May said" names May; "May said" alone is a month.
            month = tokens and tokens[-1] in _CALENDAR and len(person) == len(tokens)
            if tokens and not month and not quoted(pos) and not quoted(end - 1):
                whole = not person or tokens[-1] in ORGANISATION_WORDS  # "General Staff", "Foreign Ministry"
                full = _with_of_part(text, pos, name, " ".join(tokens if whole else person))
                if full is None:  # "Police said": a generic body, named by nobody
                    unnamed.append((begin, end, "unnamed"))
                    continue
                direct = _introduces_quotation(text, quotes, begin, end)
                tail = direct and _is_tail(text, quotes, begin, end, s_start, s_end)
                if kind == "other":
                    content, final = not direct, True
                else:
                    if kind == "according":  # "According to X, ..." covers what follows; "..., according to X." not
                        content = begin <= s_start + 2
                    else:
                        content = kind in ("verb", "saying") and _content_follows(text, end, s_end)
                    final = kind in ("inverted", "according") or not _content_follows(text, end, s_end)
                if _PARENTHETICAL_BEFORE.search(text, s_start, begin) and _PARENTHETICAL_AFTER.match(text, end, s_end):
                    content = final = True  # "Rather, the crown prince stated, the US ...": all of it
                if kind == "inverted":  # ", said Smith, an expert in sanctions": the appositive is his
                    end = _APPOSITIVE_TAIL.match(text, end, s_end).end()
                subject = begin if kind in ("inverted", "according", "other") else _subject_start(text, s_start, begin)
                found.setdefault(pos, _Attribution(
                    pos, s_index, full, direct=direct, tail=tail, begin=subject,
                    end=end, content=content, final=final, labelling=kind == "labelling",
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
        unnamed.append((match.start(), match.end(), word.lower(), bool(groups.get("labelling"))))
    for pos, end, word, *labelling in unnamed:
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
                    final=not content, labelling=False,
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
                final, subject = not content, _subject_start(text, s_start, pos)
                if text.startswith(("According", "according"), pos):  # "According to officials, ..." covers what follows
                    content, final, subject = pos <= s_start + 2, True, pos
                if _PARENTHETICAL_BEFORE.search(text, s_start, pos) and _PARENTHETICAL_AFTER.match(text, end, s_end):
                    content = final = True
            found.setdefault(pos, _Attribution(
                pos, s_index, None, pronoun, direct=direct, tail=tail, begin=subject,
                end=end, content=content, final=final, labelling=bool(labelling and labelling[0]),
            ))
    return [found[pos] for pos in sorted(found)]


def _unnamed_matches(text: str):
    """Yield what ``_UNNAMED.finditer(text)`` yields, trying only the words before each noun.

    A match is at most four lower-case words, one of ``_UNNAMED_NOUNS`` and a
    verb (``_UNNAMED_TAIL``): every start lies in the run of lower-case
    letters, hyphens, spaces and tabs right before a noun that a verb follows.
    Trying those few positions is several times faster than letting
    ``finditer`` try every word.
    """
    pos = 0  # finditer's matches do not overlap
    for noun in _UNNAMED_NOUN.finditer(text):
        lo = noun.start()
        if lo < pos or (lo and is_word_char(text[lo - 1])):
            continue
        if not _UNNAMED_TAIL.match(text, noun.end()) and not _ACCORDING_BEFORE_NOUN.search(text, max(0, lo - 70), lo):
            continue
        while lo > pos and text[lo - 1] in _LOWER_RUN:
            lo -= 1
        if lo > pos and text.startswith("According", lo - 1):
            lo -= 1
        for start in range(lo, noun.start() + 1):
            match = _UNNAMED.match(text, start)
            if match:
                yield match
                pos = match.end()
                break


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
            return True
        if begin - 5 <= c < begin + 2 and c < end and _GAP.fullmatch(text, c + 1, max(c + 1, begin)):
            return True
    return False


def _known_people(attributions, runs) -> tuple[dict[str, str], set[str]]:
    """Map each name as written to its surname; return it and the set of people."""
    names = {a.name for a in attributions if a.name}
    for match in runs:
        person, tokens = _strip_name(match.group())
        if person and len(person) < len(tokens):  # a title stood before the name
            names.add(" ".join(person))
    single = {n for n in names if " " not in n}
    # An institution ("Kazakh Foreign Ministry", "NBC News") is kept whole.
    institutions = {
        n for n in names
        if not _strip_name(n)[0] or n.split()[-1] in ORGANISATION_WORDS or _ZH_ORGANISATION_END.search(n)
        or " of " in n  # "Department of Homeland Security"
    }
    surnames = {n: n if n in institutions else _surname(n.split(), single) for n in names}
    people = {s for n, s in surnames.items() if n not in institutions}
    return surnames, people


_SUBJECT_PREFIX = re.compile(r"(?:[A-Z][\w.'’-]*,?\s+|(?:the|a|an|former|acting|then|foreign|prime|deputy|vice)\s+)*")


def _lone_subject(text: str, start: int, people) -> str | None:
    """The person whose surname alone opens the sentence at *start* ("Pompeo has defended ..."), else None.

    A lone capitalised word is taken for a person only when the article knows
    it as one: a speaker, or the last word of a longer name ("Mike Pompeo").
    """
    run = _NAME_RUN.match(text, start)
    if not run or not re.match(r"(?:\s*\([^()]{1,20}\))?\s+[a-z]", text[run.end() : run.end() + 30]):
        return None
    person = _strip_name(run.group())[0]
    if len(person) != 1 or person[0] in ORGANISATION_WORDS or person[0] in _CALENDAR:
        return None
    name = person[0]
    if name.endswith("ly"):  # "Shortly before ...", "Finally, ..."
        return None
    if name in people or re.search(rf"[{_UPPER}][\w'’-]*[ \t]+{re.escape(name)}\b", text):
        return name
    return None


#: Farthest a pronoun may stand from the start of the sentence before it and still take that sentence's subject.
_CENTER_REACH = 600


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
    if latin:
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
            if run and not text.startswith(("'s", "’s"), run.end()):
                person = _strip_name(run.group())[0]
                if 2 <= len(person) <= 4 and person[-1] not in ORGANISATION_WORDS and not _CYRILLIC.search(person[-1]):
                    mentions.append((start, _surname(list(person), set())))
        mentions.sort()
        subjects = []
        for pos, person in mentions:
            i = bisect.bisect_right(sentence_starts, pos) - 1
            start = sentence_starts[i] if i >= 0 else 0
            if _SUBJECT_PREFIX.fullmatch(text, start, pos) or _CYRILLIC.search(person):
                subjects.append((pos, person))
        mentions = subjects
    subjects_only = bool(sentence_starts) and not any(map(_HAN.search, people))
    last_named = None
    for attribution in attributions:
        if attribution.name:
            attribution.speaker = surnames.get(attribution.name, attribution.name)
            if attribution.speaker in people:  # "he" and "she" stand for people only
                last_named = attribution
        elif attribution.pronoun in ("he", "she"):
            if last_named is not None:
                lo = bisect.bisect_left(mentions, (last_named.position, ""))
                hi = bisect.bisect_left(mentions, (attribution.position, ""))
                others = {p for _, p in mentions[lo:hi]} - {last_named.speaker}
                # 他/她: a titled person (外长拉夫罗夫) met since the speaker makes it ambiguous.
                if _HAN.match(text, attribution.position) and _ZH_PERSON_HINT.search(
                    text, last_named.position + 1, attribution.position
                ):
                    others.add("")
                attribution.speaker = "" if others else last_named.speaker
            if not attribution.speaker and subjects_only and not _HAN.match(text, attribution.position):
                # The subject of the sentence before (or of this one, before the pronoun) is the
                # preferred antecedent (centering; Grosz, Joshi & Weinstein 1995):
                # "Pompeo has defended torture. He once said ..." is Pompeo's.
                i = attribution.sentence
                lo_pos = sentence_starts[i - 1] if i > 0 else 0
                if attribution.position - lo_pos <= _CENTER_REACH:
                    recent = {p for pos, p in mentions if lo_pos <= pos < attribution.position}
                    if not recent and i > 0:
                        lone = _lone_subject(text, lo_pos, people)
                        recent = {lone} if lone else set()
                    if len(recent) == 1:
                        attribution.speaker = recent.pop()
            if (not attribution.speaker and text[attribution.position] in "Tt"
                    and _UNNAMED_NOUN.search(text, attribution.position, attribution.end)):
                attribution.pronoun = "unnamed"  # "a force spokesman said ... The spokesman added": unnamed
            if attribution.speaker and not _HAN.match(text, attribution.position):
                last_named = attribution  # "He said ... He added": the chain goes on


# --- one article -----------------------------------------------------------


_BOUNDARY = re.compile(r"[,;:\"“”’)—–]")


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
        return a.content

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


# A reporter's question before the answer's attribution: "Asked whether ..., Peskov said".
_ASKED = re.compile(
    r"(?:^|[,;]\s*)(?:[Ww]hen\s+|[Ii]f\s+|[Aa]fter\s+being\s+|[Bb]eing\s+)?[Aa]sked\s+(?:\w+\s+){0,5}?"
    r"(?:whether|if|about|why|how|what|who|when)\b"
)
# Interview transcripts: a paragraph that begins with its speaker's label, "((WN))", "NG:".
_QA_LABEL = re.compile(r"\(\(([^()\n]{1,40})\)\)|([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]")
#: Labels of the interviewer in a transcript: the outlet's own voice.
INTERVIEWER_LABELS = frozenset("WN Wikinews Q Question Interviewer Reporter Journalist".split())


def _interview_turns(text: str, paragraphs, runs) -> list[tuple[int, str]]:
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
        return []
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
        text = repair_marks(text)
        self.text = text
        han, cyrillic = _HAN.search(text) is not None, _CYRILLIC.search(text) is not None
        cue_starts = _cue_starts(text)
        speech = _unnamed_speech(text, han, cyrillic, cue_starts)
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
                spans = sentence_spans(text[p_start:p_end])
                self.sentences += [(p_start + s, p_start + e) for s, e in spans]
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
        self.turns = _interview_turns(text, paragraphs, runs)
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
        chosen = _nearest(candidates, lo, hi)
        if chosen is not None or self.qa_turn(lo) is not None:
            return chosen
        # '"We need ...," he said. "The disorder ..."': a quotation that opens its sentence
        # continues the one before it and shares its attribution; '"..." "...," he said' the next.
        first = touched[0]
        if lo - self.sentences[first][0] <= 2:
            for i in range(first - 1, max(first - 4, -1), -1):
                if self.paragraph_of[i] != self.paragraph_of[first]:
                    break
                direct = [a for a in self.by_sentence.get(i, []) if (a.direct or a.final) and not a.labelling]
                if direct:
                    return direct[-1]
                if not any(self.sentences[i][0] <= c <= self.sentences[i][1] for _, c in self.quotes):
                    break
        nxt = touched[-1] + 1
        if nxt < len(self.sentences) and self.paragraph_of[nxt] == self.paragraph_of[touched[-1]]:
            n_start = self.sentences[nxt][0]
            if self.text[n_start : n_start + 1] in '"“' and hi >= self.sentences[touched[-1]][1] - 3:
                direct = [a for a in self.by_sentence.get(nxt, []) if a.direct and not a.labelling]
                if direct:
                    return direct[0]
        return None

    def voice(self, start: int, end: int, outlet: str) -> tuple[bool, str, str, str]:
        around = [(o, c) for o, c in self.quotes if o < start and end <= c]
        sentence = self.sentence_index(start)
        s_start = self.sentences[sentence][0] if self.sentences else 0
        distancing = self._distancing(start, end, around)
        if around:
            lo, hi = min(o for o, _ in around), max(c for _, c in around)
            chosen = self._quoted_attribution(lo, hi)
        else:
            in_sentence = self.by_sentence.get(sentence, [])
            if any(a.begin <= start < a.end for a in in_sentence) or _ASKED.search(self.text[s_start:start]):
                # the hit names or describes who speaks, or is the reporter's question
                return False, outlet, "outlet", distancing
            # an attribution of a direct quotation covers the rest of its sentence only
            # when more of what was said follows it ('"..." Smith said the move ...')
            chosen = _nearest([a for a in in_sentence if not a.direct or a.content], start, end, self.text)
        turn = self.qa_turn(start)
        if chosen is not None:
            speaker = chosen.speaker
            if not speaker and chosen.pronoun in ("he", "she"):
                return bool(around), "", "uncertain", distancing  # "he said", two candidates
        elif turn is not None:
            speaker = turn or None  # "": the interviewer's question, the outlet's voice
        else:
            speaker = self.paragraph_speaker(sentence, bool(around)) if around else None
            if speaker is None and around and self._long_quotation(around):
                return True, "", "uncertain", distancing  # someone's words, but whose?
        if speaker is None:
            return bool(around), outlet, "outlet", distancing
        if distancing == "scare quotes" and chosen is not None and chosen.labelling:
            distancing = ""  # 'Trump derided the story as "fake news"': his words, not the outlet's distance
        return bool(around), speaker, "quoted" if around else "attributed", distancing

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


# --- public ----------------------------------------------------------------


def annotate_voice(articles: pd.DataFrame, hits: pd.DataFrame, *, progress: bool | None = None) -> pd.DataFrame:
    """Return a copy of *hits* with the voice of each hit.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles with at least ``doc_id``, ``text`` and ``outlet``.
    hits : pandas.DataFrame
        Hits with at least ``doc_id``, ``start`` and ``end`` (character offsets
        into the article's ``text``), as returned by ``match_frames``.
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
    columns = list(zip(*rows)) if rows else [(), (), (), ()]
    for name, values in zip(VOICE_COLUMNS, columns):
        result[name] = pd.Series(list(values), index=result.index, dtype=bool if name == "in_quotes" else str)
    return result
