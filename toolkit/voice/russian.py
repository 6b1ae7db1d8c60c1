"""Russian attributions (sentences with Cyrillic letters): заявил Лавров, по словам Лаврова, сообщает ТАСС."""

from __future__ import annotations

import re

from toolkit.voice.names import _NAME, _strip_name

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
