"""Names of speakers: capitalised runs, titles, institutions, surnames, and who the subject of a sentence is."""

from __future__ import annotations

import functools
import re

from toolkit.sentences import ABBREVIATIONS
from toolkit.voice.chinese import _ZH_ORGANISATION_END

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
    Sen Rep Gov Lt Col Adm Sgt Pres Amb Rev Supt Insp Cmdr Capt Maj Brig Cpl Pvt Atty Det
    Admiral Sergeant Reverend Superintendent Inspector Congressman Congresswoman
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
    Bureau Federation Alliance League Movement Trust Coalition Club School Academy Chamber Hospital College Corps
    Society Initiative Project Forum Tribunal Secretariat Caucus Unit
    Television Channel Broadcasting International Monitor Tracker Watch Review Magazine Insider Politico Axios
    ТАСС Новости Синьхуа Интерфакс Кремль МИД Минобороны ОДКБ ООН""".split()
)
#: Countries, regions and capitals by their last word (the English territory names of the
#: CLDR, as shipped by Babel, without words that are also common first or last names such as
#: Jordan, Chad, Georgia, Martin, Garcia, Salvador): a place is never "he" or "she"
#: ("In South Korea on Friday, he said", "Iran also warned ... He said").
PLACE_WORDS = frozenset(
    """Afghanistan Africa Albania Algeria Andorra Angola Antarctica Arabia Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bermuda Bhutan Bolivia Bosnia
    Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chile China Colombia Comoros Croatia Crimea
    Cuba Cyprus Czechia Denmark Djibouti Ecuador Egypt Emirates Eritrea Estonia Ethiopia Europe Faso Fiji Finland
    France Gabon Gambia Gaza Germany Ghana Gibraltar Greece Greenland Guatemala Guinea Guyana Haiti Herzegovina
    Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Kazakhstan Kenya Korea
    Kosovo Kuwait Kyrgyzstan Lanka Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania Luxembourg
    Macedonia Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Moldova Monaco Mongolia
    Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan
    Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Senegal Serbia Singapore
    Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Tunisia
    Turkey Turkmenistan Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zealand Zimbabwe
    America Asia Britain England Scotland Wales Tibet Xinjiang Massachusetts California Texas Florida Ohio
    Beijing Moscow Tehran Pyongyang Seoul Tokyo Kiev Kyiv Damascus Brussels Berlin Ankara Riyadh Baghdad Kabul
    Cairo Delhi Islamabad Minsk Astana Tashkent Bishkek Dushanbe Ashgabat Baku Yerevan Tbilisi Warsaw Budapest""".split()
)
_COUNTRY_SUFFIXES = PLACE_WORDS | frozenset("USA UK US U.S. Britain".split())

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
#: Titles written abbreviated with a full stop before a name ("Republican Sen. Roger Wicker",
#: "Lt. Gen. Michael Flynn"): the stop stays inside the name run. Only the abbreviations after which
#: the sentence splitter goes on (:data:`toolkit.sentences.ABBREVIATIONS`): a run never crosses a
#: sentence's end ("The army spokesman, Maj. Gen. Asif Ghafoor, said": "Maj." ends a sentence there).
ABBREVIATED_TITLES = tuple(
    title for title in (
        "Sen", "Rep", "Gov", "Lt", "Gen", "Col", "Adm", "Sgt", "Pres", "Amb", "Dr", "Prof", "Rev", "Supt", "Insp",
        "Cmdr", "Capt", "Maj", "Brig", "Cpl", "Pvt", "Atty", "Det", "Mr", "Mrs", "Ms",
    ) if title.lower() in ABBREVIATIONS
)
# fixed-width lookbehinds, one per title, tried only where a stop and a capitalised word follow
_TITLE_BEHIND = "|".join(rf"(?<=\b{title})" for title in ABBREVIATED_TITLES)
_TITLE_STOP = rf"(?:(?=\.[ \t][{_UPPER}])(?:{_TITLE_BEHIND})\.)?"
# after a token's first capital: "U.N.", a middle initial before a name ("Cyrus R. Vance"), "al-Assad"
_TOKEN_REST = rf"(?:\.(?:[{_UPPER}]\.)*[{_UPPER}]\.?|\.(?=[ \t][{_UPPER}][a-z])|[\w\ufffd]*(?:[-'’](?!s\b)[{_UPPER}]?\w+)*{_TITLE_STOP})"  # "U.N.", "al-Assad", "Sen."
_TOKEN = rf"[{_UPPER}]{_TOKEN_REST}"
_PARTICLE = r"(?:(?:al|el|bin|ibn|de|da|van|von|der|di|du|dos|le|la)(?:[ \t]+|-))?"
_NAME = rf"(?<![\w'’-]){_TOKEN}(?:[ \t]+{_PARTICLE}{_TOKEN}){{0,6}}"

# _NAME, written to begin with its capital (the lookbehind then checks the character
# before it): re skips ahead to the next capital, three times faster over a whole text.
_NAME_RUN = re.compile(rf"[{_UPPER}](?<![\w'’-].){_TOKEN_REST}(?:[ \t]+{_PARTICLE}{_TOKEN}){{0,6}}")

#: Chinese surnames as transliterated in Russian: "Ван И" is Ван, "Си Цзиньпин" is Си.
CHINESE_SURNAMES_RU = frozenset(
    """Ван Ли Чжан Лю Чэнь Ян Хуан Чжао У Чжоу Сюй Сунь Ма Чжу Ху Го Хэ Линь Гао Ло Чжэн
    Лян Се Сун Тан Хань Фэн Дэн Цао Пэн Цзэн Сяо Тянь Дун Пань Юань Цай Цзян Юй Ду Чэн
    Вэй Су Лу Дин Жэнь Яо Шэнь Чжун Цуй Тань Фань Ляо Ши Цзинь Цзя Ся Фу Фан Цзоу Сюн Бай
    Мэн Цинь Цю Хоу Инь Сюэ Янь Дуань Лэй Лун Тао Мао Хао Гу Гун Шао Вань Цянь Дай Кун Сян
    Чан Ци Си Хуа Гэн Кан Вэнь Чжай""".split()
)


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
    while len(person) > 1 and person[-1].rstrip(".") in _NAME_SUFFIXES:
        person = person[:-1]  # "Cyrus R. Vance Jr." -> Vance
    if "-" in person[-1] and person[-1].rsplit("-", 1)[-1] in single_names:
        return person[-1].rsplit("-", 1)[-1]  # "Sergey-Lavrov" (a scraped space), then "Lavrov" alone
    if len(person) == 1:
        return person[0].rsplit("·", 1)[-1]  # "谢尔盖·拉夫罗夫" -> "拉夫罗夫"
    if len(person) >= 2 and person[-2] in ("Le", "La", "De", "Van", "Von", "Del", "Della", "Di", "Da", "Du", "Des"):
        return " ".join(person[-2:])  # "Marine Le Pen" -> "Le Pen"
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



#: Generational suffixes after a surname.
_NAME_SUFFIXES = frozenset("Jr Sr II III IV".split())

_OF_PART = re.compile(rf"\s+(?P<of>of|for)\s+(?:the\s+)?({_TOKEN}(?:\s+(?:of\s+|for\s+|and\s+)?(?:the\s+)?{_TOKEN}){{0,5}})")
# A person's title and name inside an "of" part: the body's name ends before the title.
_TITLE_THEN_NAME = re.compile(r"\b(?:President|Minister|Secretary|Director|Chairman|Chairwoman|Chair|Commander|Chief|Dean"
                              r"|Col|Gen|Lt|Colonel|Captain|Mr|Mrs|Ms|Dr|Professor|Ambassador|Head|Spokesman|Spokeswoman)\.?\s+[A-Z]")
#: Words that alone name no one: "Police said", "the Government said".
_GENERIC_BODIES = frozenset("Police Government Ministry Army Military Court Parliament Committee Authorities".split())

def _with_of_part(text: str, pos: int, name: str, stripped: str) -> str | None:
    """The speaker's name with an institution's "of" part ("Department of Justice"), or None for a generic body.

    A title with an "of" part that ends in a person's name gives the person:
    "Director of National Intelligence John Ratcliffe" -> "John Ratcliffe".
    """
    words = stripped.split()
    if words and all(w in TITLE_WORDS for w in words):
        of = _OF_PART.match(text, pos + len(name))
        if of and of.group("of") == "of":
            tail = of.group(2).split()
            if len(tail) >= 3 and not any(w in ORGANISATION_WORDS for w in tail[-2:]):
                return " ".join(tail[-2:])
    if words and words[-1] in ORGANISATION_WORDS:
        of = _OF_PART.match(text, pos + len(name))
        if of and not _TITLE_THEN_NAME.search(of.group(2)):  # not "Corps of Engineers ... Commander Col. John Henderson"
            return f"{stripped} {of.group('of')} {of.group(2)}"  # "Institute for Government"
    if len(words) == 1 and words[0] in _GENERIC_BODIES:
        return None
    return stripped



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
        or " of " in n or " for " in n  # "Department of Homeland Security", "Institute for Strategic Studies"
        or (n.count(" ") and n.split()[-2] in ORGANISATION_WORDS and n.split()[-1] in _COUNTRY_SUFFIXES)  # "Amnesty International USA"
        or n.split()[-1].islower()  # "Saudi Arabian embassy": a name and an institution's noun
    }
    surnames = {n: n if n in institutions else _surname(n.split(), single) for n in names}
    people = {s for n, s in surnames.items() if n not in institutions and s not in PLACE_WORDS}
    return surnames, people


_SUBJECT_PREFIX = re.compile(r"(?:[A-Z][\w.'’-]*,?\s+|(?<!,\s)(?:the|a|an|former|acting|then|foreign|prime|deputy|vice)\s+)*")


def _lone_subject(text: str, start: int, people) -> str | None:
    """The person whose surname alone opens the sentence at *start* ("Pompeo has defended ..."), else None.

    A lone capitalised word is taken for a person only when the article knows
    it as one: a speaker, or the last word of a longer name ("Mike Pompeo").
    """
    run = _NAME_RUN.match(text, start)
    if not run or not re.match(r"(?:\s*\([^()]{1,20}\))?\s+[a-z]", text[run.end() : run.end() + 30]):
        return None
    person = _strip_name(run.group())[0]
    if len(person) != 1 or person[0] in ORGANISATION_WORDS or person[0] in _CALENDAR or person[0] in PLACE_WORDS:
        return None
    name = person[0]
    if name.endswith("ly"):  # "Shortly before ...", "Finally, ..."
        return None
    if name in people or re.search(rf"[{_UPPER}][\w'’-]*[ \t]+{re.escape(name)}\b", text):
        return name
    return None


# A verb right after a subject's name: "Pompeo (52) has defended", "Donald Trump made the case",
# "Trump campaigned against".
_SUBJECT_VERB = re.compile(
    r"(?:\s*\([^()]{1,30}\))?\s+(?:has|have|had|was|is|would|will|could|did|does|also|then|once|later|never|still"
    r"|first|made|took|gave|told|said|says|wants|thinks|believes|plans|hopes|argues|insists|warns|claims|[a-z]{2,}ed)\b"
)
_PREPOSITION_RIGHT_BEFORE = re.compile(r"\b(?i:of|in|at|for|by|against|on|into|about|like|to|from|than|with)\s+(?:the\s+)?$")


def _sentence_subjects(text: str, start: int, end: int, people) -> set[str]:
    """Surnames of the people that are the subject of a verb in text[start:end].

    A name counts when a verb follows it ("Donald Trump made", "Pompeo (52)
    has defended") and no preposition stands before it; a lone word counts
    when the article knows it as a person (a speaker, the last word of a
    longer name) or gives an age after it ("Pompeo (52)").
    """
    found = set()
    for run in _NAME_RUN.finditer(text, start, end):
        if text.startswith(("'s", "’s"), run.end()) or not _SUBJECT_VERB.match(text, run.end(), end):
            continue
        if _PREPOSITION_RIGHT_BEFORE.search(text, max(start, run.start() - 16), run.start()):
            continue
        person = _strip_name(run.group())[0]
        if (not person or person[-1] in ORGANISATION_WORDS or person[-1] in _CALENDAR or person[-1] in PLACE_WORDS
                or person[-1].endswith("ly")):
            continue
        if len(person) == 1:
            name = person[0]
            if not (name in people or re.match(r"\s*\(\d{1,3}\)", text[run.end() : run.end() + 8])
                    or re.search(rf"[{_UPPER}][\w'’-]*[ \t]+{re.escape(name)}\b", text)):
                continue
            found.add(name)
        else:
            found.add(_surname(list(person), people))
    return found
