import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.errors import ParameterError, SchemaError
from toolkit.frames import load_frames
from toolkit.match import match_frames
from toolkit.schema import HIT_COLUMNS, VOICE_COLUMNS
from toolkit.sentences import paragraph_spans, sentence_spans
import toolkit.voice as voice
from toolkit.voice import attribution, english
from toolkit.voice import annotate_voice, quotation_spans

SEED = Path(__file__).parent / "data" / "voice" / "000_8078aa0c0a570eba.txt"


def make_hits(articles, phrases):
    """A hits table (HIT_COLUMNS) for literal *phrases*, built without match.py."""
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        spans = sentence_spans(text)
        for phrase in phrases:
            for m in re.finditer(re.escape(phrase), text):
                s, e = next((s, e) for s, e in spans if s <= m.start() < e)
                rows.append((doc_id, phrase, phrase, m.group(), m.start(), m.end(), text[s:e], s))
    return pd.DataFrame(rows, columns=list(HIT_COLUMNS)).sort_values(["doc_id", "start"], ignore_index=True)


def one_article(text, outlet="Daily"):
    return pd.DataFrame({"doc_id": ["d1"], "text": [text], "outlet": [outlet]})


@pytest.fixture(scope="module")
def seed():
    raw = SEED.read_text(encoding="utf-8")
    start = raw.index("Chinese State Councilor")
    end = raw.index("regional security.") + len("regional security.")
    articles = one_article(raw[start:end], outlet="Xinhua")
    phrases = ["external forces", "color revolutions", "three forces", "terrorism, separatism and extremism",
               "internal affairs"]
    return articles, annotate_voice(articles, make_hits(articles, phrases))


def test_seed_external_forces(seed):
    _, voiced = seed
    rows = voiced[voiced["frame"] == "external forces"]
    assert list(rows["speaker"]) == ["Lavrov", "Wang", "Wang"]
    assert list(rows["voice"]) == ["attributed"] * 3
    assert not rows["in_quotes"].any()
    assert "Lavrov briefed Wang" in rows["sentence"].iloc[0]
    assert rows["sentence"].iloc[1].startswith("Wang stressed that")
    assert rows["sentence"].iloc[2].endswith(", he said.")


def test_seed_color_revolutions_are_wangs_in_quotes(seed):
    _, voiced = seed
    rows = voiced[voiced["frame"] == "color revolutions"]
    assert len(rows) == 2
    assert list(rows["speaker"]) == ["Wang", "Wang"]
    assert list(rows["in_quotes"]) == [True, True]
    assert list(rows["voice"]) == ["quoted", "quoted"]
    assert list(rows["distancing"]) == ["scare quotes", "scare quotes"]


@pytest.mark.parametrize("frame", ["three forces", "terrorism, separatism and extremism", "internal affairs"])
def test_seed_he_said_paragraph_is_wangs(seed, frame):
    _, voiced = seed
    row = voiced[voiced["frame"] == frame].iloc[0]
    assert (row["speaker"], row["voice"], row["in_quotes"], row["distancing"]) == ("Wang", "attributed", False, "")


def test_seed_columns_and_no_outlet_voice(seed):
    _, voiced = seed
    assert list(voiced.columns) == list(HIT_COLUMNS) + list(VOICE_COLUMNS)
    assert voiced["in_quotes"].dtype == bool
    assert "Xinhua" not in set(voiced["speaker"])  # every seed hit is reported speech


# (text, phrase, in_quotes, speaker, voice, distancing); outlet is "Daily".
CASES = [
    # attribution forms
    ("External forces plotted the riots, according to Lavrov.", "External forces", False, "Lavrov", "attributed", ""),
    ("According to Kazakh President Kassym-Jomart Tokayev, external forces plotted it.", "external forces",
     False, "Tokayev", "attributed", ""),
    ("External forces were behind it, said Lavrov.", "External forces", False, "Lavrov", "attributed", ""),
    ("The riots were plotted by external forces, said Foreign Ministry spokesperson Zhao Lijian.",
     "external forces", False, "Zhao", "attributed", ""),
    ("Foreign Ministry spokesperson Zhao Lijian said external forces were to blame.", "external forces",
     False, "Zhao", "attributed", ""),
    ("Russian Foreign Minister Sergei Lavrov added that external forces were to blame.", "external forces",
     False, "Lavrov", "attributed", ""),
    ("Wang stressed that external forces must not interfere.", "external forces", False, "Wang", "attributed", ""),
    ("Lavrov told reporters that external forces had a hand in it.", "external forces", False, "Lavrov",
     "attributed", ""),
    ("Wang also warned against external forces.", "external forces", False, "Wang", "attributed", ""),
    ("Lavrov noted that external forces were active.", "external forces", False, "Lavrov", "attributed", ""),
    ("Wang urged vigilance against external forces.", "external forces", False, "Wang", "attributed", ""),
    ("Lavrov believed external forces were active.", "external forces", False, "Lavrov", "attributed", ""),
    ("Wang agreed that external forces were active.", "external forces", False, "Wang", "attributed", ""),
    ("Wang Yi said external forces were active.", "external forces", False, "Wang", "attributed", ""),
    ("Sergei Lavrov said external forces were active.", "external forces", False, "Lavrov", "attributed", ""),
    ("Chinese State Councilor and Foreign Minister Wang Yi said external forces were active.", "external forces",
     False, "Wang", "attributed", ""),
    ("Lavrov briefed Wang on the session, saying that external forces plotted it.", "external forces",
     False, "Lavrov", "attributed", ""),
    ("Tokayev, the Kazakh president, said external forces were to blame.", "external forces", False,
     "Tokayev", "attributed", ""),
    ("The Kazakh Foreign Ministry said external forces were to blame.", "external forces", False,
     "Kazakh Foreign Ministry", "attributed", ""),
    ("Troops were sent, according to NBC News.", "Troops", False, "NBC News", "attributed", ""),
    ("Lam also agreed to add two members to the police council.", "police", False, "Daily", "outlet", ""),
    # "he" stands for a person, never for an institution
    ("Wang said the talks were frank. NBC News said the same. He added that external forces failed.",
     "external forces", False, "Wang", "attributed", ""),
    ("Cherry, who led the petition, said external forces were to blame.", "external forces", False, "Cherry",
     "attributed", ""),
    ("The Senate Minority Leader, Chuck Schumer, said external forces were to blame.", "external forces", False,
     "Schumer", "attributed", ""),
    ('Tokayev, the president, spoke out, calling it "a color revolution" at once.', "color revolution", True,
     "Tokayev", "quoted", "scare quotes"),
    ("External forces were to blame, a government official said.", "External forces", False, "", "attributed", ""),
    # two speakers in one sentence: the nearest attribution before the hit, else after it
    # a Chinese term in an English sentence
    ("Wang Yi said China opposes what he calls 外部势力 interference.", "外部势力", False, "Wang", "attributed", ""),
    ("Wang said external forces were to blame, while Lavrov said the CSTO acted.", "external forces", False,
     "Wang", "attributed", ""),
    ("Lavrov said the CSTO acted, while Wang said external forces were to blame.", "external forces", False,
     "Wang", "attributed", ""),
    # no attribution: the outlet's own voice
    ("External forces plotted the riots in Almaty.", "External forces", False, "Daily", "outlet", ""),
    ("The CSTO sent troops. Wang met Lavrov on Monday.", "CSTO", False, "Daily", "outlet", ""),
    # distancing
    ("The so-called color revolutions failed.", "color revolutions", False, "Daily", "outlet", "so-called"),
    ("The so called color revolutions failed.", "color revolutions", False, "Daily", "outlet", "so-called"),
    ('The so-called "color revolutions" failed.', "color revolutions", True, "Daily", "outlet", "so-called"),
    # a neutral "so-called" that introduces a term is no distance (issue 12 (i)); real sentences
    # (nine-outlet export, 2017): a proper name, a head that names a kind of term, a defining gloss
    ("The so-called Islamic State group has said it was behind Masood's attack.", "Islamic State", False,
     "Daily", "outlet", ""),
    ('Germany tries to stop people joining extremist groups, such as the so-called "Islamic State," abroad.',
     "Islamic State", True, "Daily", "outlet", ""),
    ("The UK may lose eligibility for the so-called Juncker Plan, which aims to unlock 315 billion euros.",
     "so-called", False, "Daily", "outlet", ""),
    ("Fillon had been summoned by magistrates investigating the so-called fake jobs scandal, where the "
     "politician is alleged to have paid his wife.", "so-called", False, "Daily", "outlet", ""),
    ('His signature move was the so-called "duck walk" -- walking across the stage with his guitar.',
     "duck walk", True, "Daily", "outlet", ""),
    ("Trump threatened to withhold funding from so-called sanctuary cities that don't cooperate with "
     "immigration enforcement.", "sanctuary cities", False, "Trump", "attributed", ""),
    # ... while the outlet's distance stays: a bare evaluative label, no name, no gloss
    ('Putin said the deliveries were opposed by our so-called "partners."', "partners", True, "Putin", "quoted",
     "so-called"),
    ("The opinion of this so-called judge, which essentially takes law-enforcement away, is ridiculous.",
     "judge", False, "Daily", "outlet", "so-called"),
    ("The statements of high-ranking officials of the so-called enlightened Europe continue.",
     "enlightened Europe", False, "Daily", "outlet", "so-called"),
    ('Critics dismiss the "color revolution" story.', "color revolution", True, "Daily", "outlet",
     "scare quotes"),
    ("Critics dismiss the “color revolution” story.", "color revolution", True, "Daily", "outlet", "scare quotes"),
    ("Critics dismiss the ‘color revolution’ story.", "color revolution", True, "Daily", "outlet", "scare quotes"),
    ("Critics dismiss the «color revolution» story.", "color revolution", True, "Daily", "outlet", "scare quotes"),
    ('Critics dismiss "the color revolution." It failed.', "color revolution", True, "Daily", "outlet",
     "scare quotes"),
    # a real quotation is not a scare quote
    ('"It is a color revolution," Lavrov said.', "color revolution", True, "Lavrov", "quoted", ""),
    ("“It is a color revolution,” said Lavrov.", "color revolution", True, "Lavrov", "quoted", ""),
    ('Lavrov said: "It is a color revolution and nothing else."', "color revolution", True, "Lavrov",
     "quoted", ""),
    ('"He called it \'a color revolution\' at once," Wang said.', "color revolution", True, "Wang", "quoted",
     "scare quotes"),
    # the attribution of a direct quotation covers the quoted words only
    ('At an election rally, Erdogan said, "We will change the name."', "election", False, "Daily", "outlet", ""),
    ('"We will withdraw the bill," Lam said about the protests.', "protests", False, "Daily", "outlet", ""),
    ('"We will withdraw the bill," Lam said. Protests went on. Lam met them.', "Protests", False, "Daily",
     "outlet", ""),
    ('"The chaos is over," Lavrov said. "External forces failed."', "External forces", True, "Lavrov", "quoted",
     ""),
    ('Lavrov said external forces were behind it: "It was planned."', "external forces", False, "Lavrov",
     "attributed", ""),
    # apostrophes are not quotation marks
    ("Kazakhstan's external forces claim is Tokayev's.", "external forces", False, "Daily", "outlet", ""),
    ("Kazakhstan’s leaders blamed external forces in the countries’ cities.", "external forces",
     False, "Daily", "outlet", ""),
    ("The countries' heads condemned external forces in Kazakhstan's cities.", "external forces", False,
     "Daily", "outlet", ""),
    # a quotation spanning two sentences takes the attribution of the sentence it touches
    ('"External forces planned this. It was a color revolution," Lavrov said.', "External forces", True,
     "Lavrov", "quoted", ""),
    ('Lavrov said: "The chaos is over. External forces failed."', "External forces", True, "Lavrov",
     "quoted", ""),
    # an attribution that is a sentence of its own right after a quotation attributes it ...
    ('Wang said the talks went well. Two. "External forces failed." Lavrov said.', "External forces", True,
     "Lavrov", "quoted", ""),
    # ... but not one that opens the next quotation, nor one across a paragraph break
    ('Wang said the talks went well. Two. "External forces failed." Lavrov said, "It is over."',
     "External forces", True, "Daily", "outlet", ""),
    ('Wang called it "a plot."\nLavrov said external forces did it.', "external forces", False, "Lavrov",
     "attributed", ""),
    # pronouns
    ("Wang spoke on Monday. Wang said the talks went well. He added that external forces failed.",
     "external forces", False, "Wang", "attributed", ""),
    ("He said external forces failed.", "external forces", False, "", "uncertain", ""),
    # two candidate speakers since the last attribution: the subject of the sentence right
    # before the pronoun is its antecedent (centering) ...
    ("Wang said the talks were frank. Russian Foreign Minister Sergei Lavrov met Wang again on Tuesday. "
     "He said external forces were to blame.", "external forces", False, "Lavrov", "attributed", ""),
    # ... and without such a subject right before it, no guess: uncertain
    ("Wang said the talks were frank. Russian Foreign Minister Sergei Lavrov met Wang again on Tuesday. "
     "The talks lasted two hours. He said external forces were to blame.", "external forces", False, "",
     "uncertain", ""),
    # real wire copy (DW, 2017): the subject of the sentence before, no attribution of his before
    ("Trump picked Mike Pompeo to lead the CIA. Pompeo has defended the use of torture methods. "
     "He once said that Edward Snowden, who exposed the National Security Agency's surveillance program, "
     "deserved to receive the death penalty.", "National Security", False, "Pompeo", "attributed", ""),
    # ... and the same pronoun without the second person is resolved
    ("Wang said the talks were frank. Wang met reporters again on Tuesday. "
     "He said external forces were to blame.", "external forces", False, "Wang", "attributed", ""),
    ("The statement was issued late. They said external forces were to blame.", "external forces", False, "",
     "attributed", ""),
    # narration next to reported speech stays the outlet's: the paragraph rule covers quotations only
    # (on the development half of data/validation/voice it lent a speaker to 3 narrating sentences
    # of Wikinews and attributed no reported speech correctly that the sentence rules missed)
    ("Lavrov said the chaos was over. The CSTO troops will leave. External forces failed.", "CSTO", False,
     "Daily", "outlet", ""),
    ("The CSTO troops will leave. External forces failed, Lavrov said.", "CSTO", False, "Daily", "outlet", ""),
    ("Lavrov said the chaos was over. The CSTO troops will leave. Wang said it was right.", "CSTO", False,
     "Daily", "outlet", ""),
    ("Lavrov said the chaos was over.\nThe CSTO troops will leave.", "CSTO", False, "Daily", "outlet", ""),
    # a quotation in a paragraph that the first and last sentences attribute to one speaker is his
    ('Lavrov said the chaos was over. "The CSTO troops will leave." Two.', "CSTO", True, "Lavrov", "quoted",
     ""),
    ('Lavrov said the chaos was over. One. Two. Three. "The CSTO troops will leave."', "CSTO", True, "Daily",
     "outlet", ""),
    # names inside a quotation do not attribute it; an unnamed speaker gives ""
    ('"Lavrov said external forces did it," the spokesperson added.', "external forces", True, "",
     "quoted", ""),
    ('"Lavrov said external forces did it," Wang added.', "external forces", True, "Wang", "quoted", ""),
    # "of" attaches a name to the one before it
    ("Adil Abdul-Mahdi, the acting Prime Minister of Iraq, said external forces did it.", "external forces",
     False, "Abdul-Mahdi", "attributed", ""),
    ("Xiaogang Wei of the Beijing Gender Health Education Institute said external forces did it.",
     "external forces", False, "Wei", "attributed", ""),
    ("Hong Kong director of Amnesty International Man-kei Tam said external forces did it.", "external forces",
     False, "Tam", "attributed", ""),
    ("Charles Plotena, the mayor of Esperanza, Sultan Kudarat, said external forces did it.", "external forces",
     False, "Plotena", "attributed", ""),
    ("The Syrian Democratic Forces (SDF) announced that external forces did it.", "external forces", False,
     "Syrian Democratic Forces", "attributed", ""),
    ("The United States said external forces did it.", "external forces", False, "United States", "attributed",
     ""),
    ("Police Senior Superintendent Yolanda Yu Hoi-kwan said external forces did it.", "external forces",
     False, "Yu", "attributed", ""),
    # A quotation left open at the end of the paragraph before counts as introduced by "Lam said"
    # (voice.py must find quotations a paragraph back); what Lam said after it is still his (issue 12 (b)).
    ('Intro.\n"It went on\nLam said the external forces failed.', "external forces", False, "Lam", "attributed", ""),
]


@pytest.mark.parametrize("text, phrase, in_quotes, speaker, voice, distancing", CASES)
def test_voice_cases(text, phrase, in_quotes, speaker, voice, distancing):
    articles = one_article(text)
    voiced = annotate_voice(articles, make_hits(articles, [phrase]), abstain=False)  # the rules (abstention: below)
    assert len(voiced) == 1
    got = voiced.iloc[0]
    assert (got["in_quotes"], got["speaker"], got["voice"], got["distancing"]) == (
        in_quotes, speaker, voice, distancing)


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('a "b" c', ['"b"']),
        ("a “b ‘c’ d” e", ["“b ‘c’ d”", "‘c’"]),
        ("Kazakhstan's 'red' line", ["'red'"]),
        ("it's the '90s, isn't it", []),
        ("the countries’ heads", []),
        ("«Да» и „ja“", ["«Da»".replace("Da", "Да"), "„ja“"]),
        ("「颜色革命」", ["「颜色革命」"]),
    ],
)
def test_quotation_spans(text, quoted):
    assert [text[o:c + 1] for o, c in quotation_spans(text)] == quoted


def test_double_quotation_left_open_runs_to_paragraph_end():
    text = '"External forces did it.\nNext paragraph "closed" here.'
    assert quotation_spans(text)[0] == (0, text.index("\n"))


def test_quotation_reopened_after_a_lost_paragraph_break_goes_on():
    """Newspapers leave a quotation open at a paragraph's end and reopen it in the next; in a scrape
    that lost the breaks the reopening mark follows a sentence's end and a space. It opens again, it
    does not close the one before (which made the middle paragraph the outlet's)."""
    text = 'He said: "It is horrific. "Police were confronted with a scene. "The man was found." Then.'
    assert [text[o:c + 1] for o, c in quotation_spans(text)] == [
        '"It is horrific. ', '"Police were confronted with a scene. ', '"The man was found."']
    # a closing mark after a sentence's end still closes: '... did it." Then "more"'
    text = 'She said "they did it." Then "more" came.'
    assert [text[o:c + 1] for o, c in quotation_spans(text)] == ['"they did it."', '"more"']


def test_inputs_are_not_mutated_and_index_kept(seed):
    articles, _ = seed
    hits = make_hits(articles, ["external forces"])
    hits.index = [10, 20, 30]
    before_a, before_h = articles.copy(deep=True), hits.copy(deep=True)
    voiced = annotate_voice(articles, hits)
    pd.testing.assert_frame_equal(articles, before_a)
    pd.testing.assert_frame_equal(hits, before_h)
    assert list(voiced.index) == [10, 20, 30]


def test_existing_voice_columns_are_replaced(seed):
    articles, voiced = seed
    again = annotate_voice(articles, voiced.assign(speaker="x"))
    pd.testing.assert_frame_equal(again, voiced)


def test_empty_hits():
    articles = one_article("Nothing here.")
    voiced = annotate_voice(articles, make_hits(articles, ["external forces"]))
    assert list(voiced.columns) == list(HIT_COLUMNS) + list(VOICE_COLUMNS)
    assert voiced.empty


def test_errors():
    articles = one_article("External forces.")
    hits = make_hits(articles, ["External forces"])
    with pytest.raises(ParameterError, match="hits"):
        annotate_voice(articles, hits.assign(doc_id="nope"))
    with pytest.raises(ParameterError, match="doc_id"):
        annotate_voice(pd.concat([articles, articles]), hits)
    with pytest.raises(ParameterError, match="outside"):
        annotate_voice(articles, hits.assign(end=999))
    with pytest.raises(SchemaError, match="start"):
        annotate_voice(articles, hits.drop(columns="start"))
    with pytest.raises(SchemaError, match="outlet"):
        annotate_voice(articles.drop(columns="outlet"), hits)


# Chinese: the rules are chosen by the script of the sentence; outlet is "Daily".
ZH_CASES = [
    # attribution forms: name + verb, title + name, when/where between name and verb
    ("王毅说，外部势力不得干涉哈萨克斯坦内政。", "外部势力", False, "王毅", "attributed", ""),
    ("王毅强调，外部势力不得干涉。", "外部势力", False, "王毅", "attributed", ""),
    ("王毅指出，外部势力不得干涉。", "外部势力", False, "王毅", "attributed", ""),
    ("中国国务委员兼外长王毅表示，坚决反对外部势力干涉。", "外部势力", False, "王毅", "attributed", ""),
    ("外交部发言人赵立坚7日在例行记者会上表示，中方反对外部势力干涉。", "外部势力", False, "赵立坚",
     "attributed", ""),
    ("王毅在会谈中也表示，外部势力不得干涉。", "外部势力", False, "王毅", "attributed", ""),
    ("外交部发言人汪文斌表示，外部势力参与了暴乱。", "外部势力", False, "汪文斌", "attributed", ""),
    ("总统新闻秘书佩斯科夫对记者说，外部势力参与了暴乱。", "外部势力", False, "佩斯科夫", "attributed", ""),
    ("王毅接受新华社记者采访时表示，外部势力不会得逞。", "外部势力", False, "王毅", "attributed", ""),
    ("当地居民说，外部势力参与了暴乱。", "外部势力", False, "", "attributed", ""),
    ("中方说话算数，外部势力不会得逞。", "外部势力", False, "Daily", "outlet", ""),  # 说话 = keep one's word
    ("哈萨克斯坦总统讲话表示，外部势力参与了暴乱。", "外部势力", False, "Daily", "outlet", ""),  # 讲话 no name
    ("哈萨克斯坦总统托卡耶夫指出，外部势力参与了暴乱。", "外部势力", False, "托卡耶夫", "attributed", ""),
    ("卡瑟姆若马尔特·托卡耶夫指出，外部势力参与了暴乱。", "外部势力", False, "托卡耶夫", "attributed", ""),
    ("中方认为，外部势力参与了暴乱。", "外部势力", False, "中方", "attributed", ""),
    ("俄罗斯外长拉夫罗夫通电话时，外部势力的问题被提起。俄罗斯外长拉夫罗夫说，外部势力参与了暴乱。", "参与",
     False, "拉夫罗夫", "attributed", ""),
    # a bare transliterated name counts when the article gives it a title somewhere
    ("王毅同俄罗斯外长拉夫罗夫通电话。拉夫罗夫说，外部势力参与了暴乱。", "外部势力", False, "拉夫罗夫",
     "attributed", ""),
    # according to
    ("据新华社报道，外部势力参与了暴乱。", "外部势力", False, "新华社", "attributed", ""),
    ("据外交部发言人赵立坚介绍，外部势力参与了暴乱。", "外部势力", False, "赵立坚", "attributed", ""),
    ("据外媒报道，外部势力参与了暴乱。", "外部势力", False, "", "attributed", ""),
    ("据了解，外部势力参与了暴乱。", "外部势力", False, "Daily", "outlet", ""),
    # quotations: “” 「」, the attribution after the closing mark, nested 『』 / ‘’
    ("“外部势力企图搞颜色革命。”王毅说。", "颜色革命", True, "王毅", "quoted", ""),
    ("王毅说，中方支持哈方。双方同意加强合作。“外部势力企图搞颜色革命。”赵立坚说。", "外部势力", True, "赵立坚",
     "quoted", ""),
    ("王毅强调：“决不允许外部势力搞‘颜色革命’。”", "颜色革命", True, "王毅", "quoted", "scare quotes"),
    ("赵立坚说：「外部势力插手只会破坏稳定。」", "外部势力", True, "赵立坚", "quoted", ""),
    ("王毅说，外部势力企图搞“颜色革命”。", "颜色革命", True, "王毅", "quoted", "scare quotes"),
    ("所谓的“颜色革命”已经失败。", "颜色革命", True, "Daily", "outlet", "so-called"),
    # pronouns: the last named speaker, unless a titled person was mentioned since (then uncertain)
    ("外长王毅表示，中方支持哈方。他说，外部势力企图搞颜色革命。", "外部势力", False, "王毅", "attributed", ""),
    ("外长王毅表示，中方支持哈方。外长拉夫罗夫也出席了会议。他说，外部势力企图搞颜色革命。", "外部势力", False,
     "", "uncertain", ""),
    ("他还表示，外部势力企图搞颜色革命。", "外部势力", False, "", "uncertain", ""),
    ("他们说，外部势力参与了暴乱。", "外部势力", False, "", "attributed", ""),
    ("专家普遍认为，外部势力参与了暴乱。", "外部势力", False, "", "attributed", ""),
    ("外交部发言人表示，外部势力参与了暴乱。", "外部势力", False, "", "attributed", ""),
    # distancing: 所谓(的), but not 无所谓 ("never mind")
    ("所谓颜色革命已经失败。", "颜色革命", False, "Daily", "outlet", "so-called"),
    ("所谓的颜色革命已经失败。", "颜色革命", False, "Daily", "outlet", "so-called"),
    ("他们无所谓颜色革命。", "颜色革命", False, "Daily", "outlet", ""),
    ("一些媒体称之为“颜色革命”。", "颜色革命", True, "Daily", "outlet", "scare quotes"),
    # negatives: no speaker rather than a wrong one
    ("外部势力策划了这场暴乱。", "外部势力", False, "Daily", "outlet", ""),
    ("许多人表示，外部势力参与了暴乱。", "外部势力", False, "Daily", "outlet", ""),
    ("王毅和拉夫罗夫表示，外部势力参与了暴乱。", "外部势力", False, "Daily", "outlet", ""),
    ("拉夫罗夫说，外部势力参与了暴乱。", "外部势力", False, "Daily", "outlet", ""),  # no title anywhere
    ("王毅称赞哈方打击外部势力的努力。", "外部势力", False, "Daily", "outlet", ""),  # 称赞 = praised
    ("郑重表示，外部势力参与了暴乱。", "外部势力", False, "Daily", "outlet", ""),
    ("拉夫罗夫介绍了集安组织维和部队的情况。", "集安组织", False, "Daily", "outlet", ""),
]

# Russian; outlet is "Daily".
RU_CASES = [
    ("Лавров заявил, что внешние силы стоят за беспорядками.", "внешние силы", False, "Лавров", "attributed", ""),
    ("Лавров также подчеркнул, что внешние силы стоят за беспорядками.", "внешние силы", False, "Лавров",
     "attributed", ""),
    ("Захарова отметила, что внешние силы стоят за беспорядками.", "внешние силы", False, "Захарова",
     "attributed", ""),
    ("Глава МИД России Сергей Лавров сказал, что внешние силы стоят за беспорядками.", "внешние силы", False,
     "Лавров", "attributed", ""),
    ("Пресс-секретарь президента России Дмитрий Песков заявил журналистам, что внешние силы стоят за этим.",
     "внешние силы", False, "Песков", "attributed", ""),
    ("Официальный представитель МИД КНР Чжао Лицзянь заявил, что внешние силы стоят за беспорядками.",
     "внешние силы", False, "Чжао", "attributed", ""),
    ("Ван И заявил, что внешние силы стоят за беспорядками.", "внешние силы", False, "Ван", "attributed", ""),
    ("Председатель КНР Си Цзиньпин подчеркнул, что внешние силы не должны вмешиваться.", "внешние силы", False,
     "Си", "attributed", ""),
    ("Ранее Лавров, в свою очередь, заявил, что внешние силы стоят за этим.", "внешние силы", False, "Лавров",
     "attributed", ""),
    ("Внешние силы стоят за этим, заявил президент Казахстана Касым-Жомарт Токаев.", "Внешние силы", False,
     "Токаев", "attributed", ""),
    ("МИД России заявил, что внешние силы стоят за беспорядками.", "внешние силы", False, "МИД России",
     "attributed", ""),
    # inverted, also after a quotation: «...», — заявил Лавров
    ("Внешние силы стоят за беспорядками, заявил Лавров.", "Внешние силы", False, "Лавров", "attributed", ""),
    ("Об этом заявил министр иностранных дел России Сергей Лавров, говоря о внешних силах.", "внешних силах",
     False, "Лавров", "attributed", ""),
    ("«Это цветная революция», — заявил Лавров.", "цветная революция", True, "Лавров", "quoted", ""),
    ("«Внешние силы стоят за беспорядками», — сказала Захарова.", "Внешние силы", True, "Захарова", "quoted", ""),
    ("„Это цветная революция“, — добавил Лавров.", "цветная революция", True, "Лавров", "quoted", ""),
    ("Лавров сказал: «Это цветная революция».", "цветная революция", True, "Лавров", "quoted", ""),
    ("«Это была попытка цветной революции», — сказал Лавров о беспорядках.", "беспорядках", False, "Daily",
     "outlet", ""),
    # according to: the genitive normalised where the ending makes it certain
    ("По словам Лаврова, внешние силы стоят за беспорядками.", "внешние силы", False, "Лавров", "attributed", ""),
    ("По словам министра иностранных дел России Сергея Лаврова, внешние силы стоят за этим.", "внешние силы",
     False, "Лавров", "attributed", ""),
    ("По словам Марии Захаровой, внешние силы стоят за беспорядками.", "внешние силы", False, "Захарова",
     "attributed", ""),
    ("По словам Ван И, внешние силы стоят за беспорядками.", "внешние силы", False, "Ван", "attributed", ""),
    ("По словам Блинкена, внешние силы тут ни при чем.", "внешние силы", False, "Блинкена", "attributed", ""),
    ("Блинкен прилетел в Астану. По словам Блинкена, внешние силы тут ни при чем.", "внешние силы", False,
     "Блинкен", "attributed", ""),
    ("Как сообщает ТАСС, внешние силы стоят за беспорядками.", "внешние силы", False, "ТАСС", "attributed", ""),
    ("Внешние силы стоят за беспорядками, передает РИА Новости.", "Внешние силы", False, "РИА Новости",
     "attributed", ""),
    ("По данным ТАСС, в беспорядках участвовали террористы.", "террористы", False, "ТАСС", "attributed", ""),
    # pronouns
    ("Лавров заявил, что ОДКБ уйдет. Он также отметил, что внешние силы стоят за этим.", "внешние силы", False,
     "Лавров", "attributed", ""),
    ("Лавров заявил, что ОДКБ уйдет. По его словам, внешние силы стоят за этим.", "внешние силы", False,
     "Лавров", "attributed", ""),
    ("Лавров заявил, что ОДКБ уйдет. Затем президент Казахстана Касым-Жомарт Токаев выступил по телевидению. "
     "Он заявил, что внешние силы стоят за этим.", "внешние силы", False, "Токаев", "attributed", ""),
    ("Лавров заявил, что ОДКБ уйдет. Затем президент Казахстана Касым-Жомарт Токаев выступил по телевидению. "
     "Выступление длилось час. Он заявил, что внешние силы стоят за этим.", "внешние силы", False, "", "uncertain", ""),
    ("Он заявил, что внешние силы стоят за беспорядками.", "внешние силы", False, "", "uncertain", ""),
    # unnamed speakers
    ("В Кремле заявили, что внешние силы стоят за беспорядками.", "внешние силы", False, "", "attributed", ""),
    ("Представитель МИД заявил, что внешние силы стоят за беспорядками.", "внешние силы", False, "",
     "attributed", ""),
    ("Пресс-секретарь Токаева заявил, что внешние силы стоят за беспорядками.", "внешние силы", False, "",
     "attributed", ""),
    ("Лавров и Ван И заявили, что внешние силы стоят за беспорядками.", "внешние силы", False, "", "attributed",
     ""),
    # distancing
    ("Так называемая цветная революция провалилась.", "цветная революция", False, "Daily", "outlet", "so-called"),
    ("Это была попытка так называемой «цветной революции».", "цветной революции", True, "Daily", "outlet",
     "so-called"),
    ("Так называемые внешние силы не появились.", "внешние силы", False, "Daily", "outlet", "so-called"),
    ("Т. н. внешние силы не появились.", "внешние силы", False, "Daily", "outlet", "so-called"),
    ("Критики называют это «цветной революцией».", "цветной революцией", True, "Daily", "outlet", "scare quotes"),
    # negatives
    ("Внешние силы стоят за беспорядками в Алма-Ате.", "Внешние силы", False, "Daily", "outlet", ""),
    ("Лавров прилетел в Москву, где обсуждались внешние силы.", "внешние силы", False, "Daily", "outlet", ""),
    # a title without a name is nobody in particular; the place after the verb is no speaker
    ("Президент заявил в Москве, что внешние силы стоят за этим.", "внешние силы", False, "", "attributed", ""),
    ("В Москве заявил, что внешние силы стоят за этим.", "внешние силы", False, "Daily", "outlet", ""),
]


@pytest.mark.parametrize(
    "text, phrase, in_quotes, speaker, voice, distancing",
    ZH_CASES + RU_CASES,
    ids=[f"zh{i}" for i in range(len(ZH_CASES))] + [f"ru{i}" for i in range(len(RU_CASES))],
)
def test_voice_cases_chinese_russian(text, phrase, in_quotes, speaker, voice, distancing):
    articles = one_article(text)
    voiced = annotate_voice(articles, make_hits(articles, [phrase]), abstain=False)  # the rules (abstention: below)
    assert len(voiced) == 1
    got = voiced.iloc[0]
    assert (got["in_quotes"], got["speaker"], got["voice"], got["distancing"]) == (
        in_quotes, speaker, voice, distancing)


KAZAKHSTAN = Path(__file__).parents[1] / "data" / "frames" / "kazakhstan-2022.yaml"

# match_frames end to end on a Xinhua-like Chinese and a TASS-like Russian article (written for these
# tests): (matched_text, in_quotes, speaker, voice, distancing) of every hit in order.
WIRE = {
    ("zh_wire.txt", "新华社"): [
        ("集安组织", False, "新华社", "outlet", ""),  # 拉夫罗夫介绍了 ("briefed") is no speech verb
        ("维和", False, "新华社", "outlet", ""),
        ("外部势力", False, "王毅", "attributed", ""),
        ("内政", False, "王毅", "attributed", ""),
        ("外部势力", False, "王毅", "attributed", ""),  # 他说
        ("颜色革命", True, "王毅", "quoted", "scare quotes"),
        ("三股势力", False, "王毅", "attributed", ""),
        ("外部势力", True, "赵立坚", "quoted", ""),
        ("稳定", True, "赵立坚", "quoted", ""),
        ("暴乱", False, "哈萨克斯坦国际通讯社", "attributed", ""),
        ("恐怖分子", False, "哈萨克斯坦国际通讯社", "attributed", ""),
        ("外部势力", True, "", "quoted", "so-called"),  # 分析人士认为
        ("主权", False, "托卡耶夫", "attributed", ""),
    ],
    ("ru_wire.txt", "ТАСС"): [
        ("миротворцы", False, "Лавров", "attributed", ""),
        ("ОДКБ", False, "Лавров", "attributed", ""),
        ("цветной революции", True, "Лавров", "quoted", "so-called"),
        ("внешние силы", False, "Ван", "attributed", ""),  # По словам Ван И
        ("внутренние дела", False, "Ван", "attributed", ""),
        ("суверенитет", False, "Ван", "attributed", ""),  # Он также отметил
        ("беспорядках", False, "РИА Новости", "attributed", ""),
        ("террористы", False, "РИА Новости", "attributed", ""),
        ("внешние силы", False, "", "attributed", ""),  # В Кремле заявили
        ("Беспорядки", False, "ТАСС", "outlet", ""),
    ],
}


@pytest.mark.parametrize("name, outlet", list(WIRE), ids=["zh", "ru"])
def test_match_frames_voice_on_wire_articles(name, outlet):
    text = (Path(__file__).parent / "data" / "voice" / name).read_text(encoding="utf-8")
    articles = pd.DataFrame({"doc_id": [name], "text": [text], "outlet": [outlet]})
    hits = match_frames(articles, load_frames(KAZAKHSTAN), voice=True, progress=False)
    got = list(hits[["matched_text", "in_quotes", "speaker", "voice", "distancing"]].itertuples(index=False))
    assert [tuple(row) for row in got] == WIRE[(name, outlet)]


def every_word(articles, step):
    """A hit on every *step*-th word of each article (offsets only)."""
    rows = [
        (doc_id, m.start(), m.end())
        for doc_id, text in zip(articles["doc_id"], articles["text"])
        for i, m in enumerate(re.finditer(r"\w+", text))
        if i % step == 0
    ]
    return pd.DataFrame(rows, columns=["doc_id", "start", "end"])


@pytest.mark.parametrize("name", ["000_8078aa0c0a570eba.txt", "zh_wire.txt", "ru_wire.txt"])
def test_a_hit_alone_gets_the_voice_it_gets_among_others(name):
    # Sentences are split only in the paragraphs that matter, some chosen by the hits:
    # which other hits an article has must not change a hit's voice.
    text = (Path(__file__).parent / "data" / "voice" / name).read_text(encoding="utf-8")
    articles = one_article(text)
    hits = every_word(articles, 5)
    together = annotate_voice(articles, hits)
    alone = pd.concat([annotate_voice(articles, hits.iloc[[i]]) for i in range(0, len(hits), 7)])
    pd.testing.assert_frame_equal(alone, together.iloc[::7])


@pytest.mark.parametrize("name", ["000_8078aa0c0a570eba.txt", "zh_wire.txt", "ru_wire.txt"])
def test_paragraphs_split_alone_as_in_the_text(name):
    # voice.py splits single paragraphs (lines): the same sentences as splitting the whole text.
    text = (Path(__file__).parent / "data" / "voice" / name).read_text(encoding="utf-8")
    text += "\nMr. Wang said so.\n  \n\t“Yes,” said Dr. Li. 他说。好！ \n"
    alone = [
        (p_start + s, p_start + e)
        for p_start, p_end in paragraph_spans(text)
        for s, e in sentence_spans(text[p_start:p_end])
    ]
    assert alone == sentence_spans(text)


FAST_FORMS = [
    "A government official said. The ministry said, officials told reporters, and police later said so.",
    "x-officials said; the three senior ministry officials, who declined to be named, said it.",
    "Kazakhstan's Foreign Minister O'Neil-Smith, Mc Donald and d'Artagnan said. 'Sergei Lavrov' -Ivanov",
    "\tWang Yi\tsaid.\nЛавров заявил. Éric Zemmour said sources said so",
    "He said. she told. They also said, it quickly added; The hey said x-he said _he said\nIt\nagreed",
    # cue words that begin longer words, a noun inside a word, a cue at the very end, a letter of another script
    "They're saying. She says he sees it; officialsX said, xofficials said. It seems éofficials said It said",
    "He has also repeatedly denied it. It has long said. reports that, according to sources, Reports",
    "Trump's claim that it was, the court' conclusion that, Lavrov’s  view that; 's claims ' warning",
    # inversions, "according to" and labelling verbs (named speakers the cue words must not lose)
    '"We will win," said Lavrov. It was over, added Foreign Minister Sergei Lavrov on Monday. According to Wang Yi, '
    'it was. Trump called the report "fake news" and Pelosi described it as "a hoax". Kremlin spokesman Peskov '
    'referred to them as "terrorists".',
]


@pytest.mark.parametrize("name", ["000_8078aa0c0a570eba.txt", "zh_wire.txt", "ru_wire.txt", *FAST_FORMS])
def test_fast_forms_of_patterns_find_the_same(name):
    # _NAME_RUN is _NAME written to begin with a capital, _PRONOUN begins with a character class,
    # _anchors finds the cue words and nouns in one pass of an automaton, _unnamed_matches is
    # _UNNAMED.finditer trying only the words before a noun, _pronoun_matches is _PRONOUN.finditer
    # trying only the words before a cue word: all for speed, with the same matches as the plain patterns.
    path = Path(__file__).parent / "data" / "voice" / name
    text = path.read_text(encoding="utf-8") if name.endswith(".txt") else name
    assert [m.span() for m in voice._NAME_RUN.finditer(text)] == [m.span() for m in re.finditer(voice._NAME, text)]
    cues, nouns = english._anchors(text)
    assert cues == [m.start() for m in english._ENGLISH_CUE.finditer(text)]
    assert nouns == [m.span() for m in english._UNNAMED_NOUN.finditer(text)]
    assert [m.span() for m in voice._unnamed_matches(text, nouns)] == [m.span() for m in voice._UNNAMED.finditer(text)]
    labelling = "|".join(voice.LABELLING_VERBS)
    pronoun = rf"\b(?P<pronoun>[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+{voice._ADVERB}(?:{voice._VERBS}|{labelling})\b"
    assert [m.span(1) for m in voice._PRONOUN.finditer(text)] == [m.span(1) for m in re.finditer(pronoun, text)]
    found = [(m.span(), m.groupdict()) for m in english._pronoun_matches(text, cues)]
    assert found == [(m.span(), m.groupdict()) for m in voice._PRONOUN.finditer(text)]
    assert [m.span() for m in attribution._claim_nouns(text)] == [m.span() for m in attribution._CLAIM_NOUN.finditer(text)]


@pytest.mark.parametrize("name", ["000_8078aa0c0a570eba.txt", *FAST_FORMS])
def test_names_after_the_last_cue_word_are_not_tried(name):
    # _speaking_names stops trying names at the sentence's last cue word and skips the patterns whose verbs
    # start none of its cue words (every verb its patterns end in begins with one): the same attributions
    # as trying every name with every pattern
    path = Path(__file__).parent / "data" / "voice" / name
    text = path.read_text(encoding="utf-8") if name.endswith(".txt") else name
    cues = english._anchors(text)[0]
    runs = list(voice._NAME_RUN.finditer(text))
    for s_start, s_end in sentence_spans(text):
        in_sentence = [run for run in runs if s_start <= run.start() < s_end]
        in_cues = [cue for cue in cues if s_start <= cue < s_end]
        if in_cues:
            # every position of the sentence as a cue: no pattern skipped, every name tried
            every = list(english._speaking_names(text, in_sentence, s_start, s_end, list(range(s_start, s_end + 1))))
            assert list(english._speaking_names(text, in_sentence, s_start, s_end, in_cues)) == every


# --- issue 12 item 4: real wire copy ------------------------------------------------------------------
# Sentences from the issue (its hand-coded sample of a nine-outlet news export), one sentence each
# from that export, and Wikinews (CC BY 2.5, data/reference). (text, phrase, in_quotes, speaker,
# voice, distancing); the outlet is "Daily".
REAL_WIRE = [
    # second round (voice2): unnamed sources, definite descriptions, a document's owner, appositives
    ("Militants have developed a network of passageways and tunnels to enable them to hide and fight among "
     "civilians, according to inhabitants.", "Militants", False, "", "attributed", ""),
    ("But that explanation failed to assuage critics, who argued that Washington's absence emboldens "
     "authoritarian leaders in the hemisphere.", "authoritarian", False, "", "attributed", ""),
    ("The parliamentarians themselves said they do not fear Kiev's possible sanctions and have no intention "
     "of visiting Ukraine.", "sanctions", False, "", "attributed", ""),
    # (the first sentence of a pair is written for the test: one sentence of the export at most)
    ("Peter Szijjarto said Hungary opposes the measures. The Hungarian "
     "top diplomat noted that the issue of the anti-Russian sanctions should be considered at a next summit.",
     "anti-Russian sanctions", False, "Szijjarto", "attributed", ""),
    ("Barriers will be added, a force spokesman said. The spokesman added "
     'that there was "no intelligence to indicate a specific threat to Windsor".', "threat", True, "",
     "quoted", ""),
    ('Trump\'s statement read: "Hamza bin Ladin was responsible for planning and dealing with various '
     'terrorist groups."', "terrorist", True, "Trump", "quoted", ""),
    ('Mark Galeotti, Russian security specialist at the European Council on Foreign Relations, said this lack '
     'of clarity was nothing new. "Russia runs a fake news campaign," he told DW.', "fake news", True,
     "Galeotti", "quoted", ""),
    # (a) reported speech after a sentence that ends in a quotation, and "Mrs May"
    ('"We will get to the bottom of this," he said. Mr Warner said Thursday\'s session would examine how Russia '
     "may have used technology to spread disinformation.", "disinformation", False, "Warner", "attributed", ""),
    ('Mrs May wrote: "in security terms a failure to reach agreement would mean our co-operation in the fight '
     'against crime and terrorism would be weakened."', "terrorism", True, "May", "quoted", ""),
    ("Mrs May said security was too important to bargain with.", "security", False, "May", "attributed", ""),
    # (b) a said-clause right after a bare quotation
    ('"It is a good day." Smith said the move guaranteed sovereignty.', "sovereignty", False, "Smith",
     "attributed", ""),
    # (c) a double quote inside a word (scraped mojibake) flips nothing
    ('The Sheriff"s deputies said they don"t count the terrorists"?losses. "This is terrorism," Lavrov said.',
     "terrorism", True, "Lavrov", "quoted", ""),
    ('The Sheriff"s officials said they don"t count the terrorists"?losses. "This is terrorism," Lavrov said.',
     "losses", False, "", "attributed", ""),
    ('"It\'s all fake news,"?Trump told reporters at a press conference in the East Room of the White House on '
     "Thursday.", "fake news", True, "Trump", "quoted", ""),
    # (d) attributions of quotations: called X "...", the statement read, a quotation that continues
    ('Trump called Iran "the number one terrorist state".', "terrorist", True, "Trump", "quoted", ""),
    ('The statement read: "We condemn terrorism in all its forms."', "terrorism", True, "", "quoted", ""),
    ('"They are among the best athletes in the world — so thank you," said Kipchoge after the run. '
     '"I appreciate them for accepting this job. We did this one together."', "accepting this job", True,
     "Kipchoge", "quoted", ""),
    ('US Special Representative for Iran Brian Hook said, "This is a political nature. This has nothing to do '
     'with national security, international peace or promoting stability".', "national security", True, "Hook",
     "quoted", ""),
    # (e) the speaker is the person, not a place in the appositive or the title
    ("Steven Heydemann, chair of Middle East studies at Smith College in the US state of Massachusetts, told "
     "Al Jazeera the sanctions had failed.", "sanctions", False, "Heydemann", "attributed", ""),
    ("London Mayor Sadiq Khan said the terrorists would not win.", "terrorists", False, "Khan", "attributed", ""),
    # (f) parenthetical attributions
    ("Rather, Prince Mohammed stated, the US sanctions were a mistake.", "sanctions", False, "Mohammed",
     "attributed", ""),
    ("Rather, the crown prince stated, the US sanctions were a mistake.", "sanctions", False, "", "uncertain", ""),
    # (h) a quoted speaker's own words are not the outlet's scare quotes
    ('Trump has repeatedly derided the story as "fake news."', "fake news", True, "Trump", "quoted", ""),
    ('Critics dismiss the "fake news" story.', "fake news", True, "Daily", "outlet", "scare quotes"),
    # whose words: the reporter's question, the speaker's title, a fronted clause
    ("Asked if there was a candidate for national security adviser in sight, a White House official told CNN, "
     '"Not that I\'m aware of."', "national security", False, "Daily", "outlet", ""),
    ("Retired FBI agent and terrorism specialist Ali Soufan told NPR Hamza bin Laden had appeared in Al-Qaeda "
     "videos.", "terrorism", False, "Daily", "outlet", ""),
    ("The militant organisation, the Islamic State of Iraq and the Levant, claimed responsibility for all three "
     "attacks.", "militant", False, "Daily", "outlet", ""),
    # the last word of a sentence-final attribution covers the whole sentence
    ("Russia's task in Syria is to preserve the legitimate power in the country and eradicate terrorism, Putin "
     "said.", "terrorism", False, "Putin", "attributed", ""),
    ("The Kremlin denies any possibility of a deal with the United States on a new referendum in Crimea in "
     "exchange for the lifting of sanctions, Russian presidential spokesman Dmitry Peskov said on Thursday.",
     "sanctions", False, "Peskov", "attributed", ""),
    # definite descriptions, unnamed sources, institutions
    ('"The sooner political settlement starts, the more chances we have to put an end to the terrorist plague," '
     "the president said.", "terrorist", True, "", "uncertain", ""),
    ('Putin said Russia would help. "The sooner political settlement starts, the more chances we have to put an '
     'end to the terrorist plague," the president said.', "terrorist", True, "Putin", "quoted", ""),
    ("On Saturday morning, representatives from Iran acknowledged their government had shot down a Ukrainian "
     "passenger jet, blaming the fear of aggression from the United States.", "aggression", False, "",
     "attributed", ""),
    ("The U.S. Department of Homeland Security announced it will be assisting law enforcement efforts in the "
     "aftermath of threats.", "threats", False, "U.S. Department of Homeland Security", "attributed", ""),
    ("Current Director of National Intelligence John Ratcliffe said the information was not part of some "
     "Russian disinformation campaign.", "disinformation", False, "Ratcliffe", "attributed", ""),
    ("The Foreign Ministry of Iraq characterized the attack as \"a serious violation of Iraqi sovereignty\".",
     "sovereignty", True, "Foreign Ministry of Iraq", "quoted", ""),
    ("Police also announced on Sunday morning they were treating it as a terrorist incident.", "terrorist", False,
     "", "attributed", ""),
    ('"This did not come as a surprise to us," lead government negotiator Bashar al-Jaafari told reporters. '
     "Jaafari accused the opposition of links to terrorist groups.", "terrorist", False, "Jaafari", "attributed", ""),
    # a quotation reopened after a paragraph break the scrape lost (BBC, in the export)
    ('Supt Lee Kendrick, of Dudley Police, said: "What has unfolded here this morning is horrific and '
     'heart-breaking. "Police and ambulance were confronted with an awful scene: a man, woman and boy all with '
     'very serious stab injuries. "The woman and boy were found in the house and the man in the garden."',
     "stab injuries", True, "Kendrick", "quoted", ""),
    # a quotation closed by two apostrophes (the export) ends there, not over the next sentence
    ("The premier said: \"This is about your safety and the safety of your children.'' Police Commissioner Ian "
     "Stewart said the weather contributed to the death of a woman in a car crash.", "woman", False, "Stewart",
     "attributed", ""),
    # a long quotation that nobody is said to speak: uncertain, not the outlet's voice
    ('"We have not seen until last week our political leadership speak out in a strong way against these '
     'incidents and the threats."', "threats", True, "", "uncertain", ""),
]


@pytest.mark.parametrize("text, phrase, in_quotes, speaker, voice, distancing", REAL_WIRE)
def test_voice_real_wire(text, phrase, in_quotes, speaker, voice, distancing):
    articles = one_article(text)
    got = annotate_voice(articles, make_hits(articles, [phrase]), abstain=False).iloc[0]
    assert (got["in_quotes"], got["speaker"], got["voice"], got["distancing"]) == (
        in_quotes, speaker, voice, distancing)


# (g) an interview transcript (Wikinews, CC BY 2.5): answers are the interviewee's, questions the outlet's
INTERVIEW = (
    "Wikinews interviewed biologist Natasha Gownaris about the penguins.\n"
    "((WN))  What do you think might be causing pressure on food sources for the penguins?\n"
    "NG: The two main threats to the food sources of this colony are climate change and fisheries.\n"
    "((WN))  Does the decline pose a threat to the colony?\n"
    "NG: Fisheries compete with penguins for fish species such as hake and anchovy.\n"
    "The colony is monitored each year."
)


def test_voice_interview_transcript():
    articles = one_article(INTERVIEW, outlet="Wikinews")
    voiced = annotate_voice(articles, make_hits(articles, ["threats", "threat", "Fisheries compete"]), abstain=False)
    got = {row.matched_text: (row.speaker, row.voice) for row in voiced.itertuples()}
    assert got == {"threats": ("Gownaris", "attributed"), "threat": ("Wikinews", "outlet"),
                   "Fisheries compete": ("Gownaris", "attributed")}


@pytest.mark.parametrize("text", [
    'Sheriff"s office: they don"t know. "terrorists"?losses" and "?until last week "?our leaders',
    "No marks at all.",
    '"Plain" quotes, "stay" as they are.',
])
def test_repair_marks_keeps_offsets(text):
    mended = voice.repair_marks(text)
    assert len(mended) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, mended)) if a != b] == [
        i for i, a in enumerate(text) if a in '"?' and mended[i] != a]


def test_repair_marks_mends_apostrophes_and_marks():
    assert voice.repair_marks('don"t Sheriff"s') == "don't Sheriff's"
    assert voice.repair_marks('"It\'s all fake news,"?Trump') == '"It\'s all fake news," Trump'
    assert voice.repair_marks('Is it "yes"?') == 'Is it "yes"?'  # a real question mark stays


def test_two_apostrophes_for_a_double_mark_become_the_mark_next_to_its_word():
    assert voice.repair_marks("said  ''We will.'' Then ''so'', and") == 'said   "We will."  Then  "so" , and'
    assert voice.repair_marks("on Qalandar''s tomb, x ''' y") == "on Qalandar''s tomb, x ''' y"


# --- calibrated abstention (round six) -------------------------------------------------------------------
# A hit decided by a rule that was right too rarely on the hand-coded set (ABSTAIN_PATHS, chosen by
# leave-one-split-out in benchmarks/eval_voice.py --loso) is "uncertain" unless abstain=False.
ABSTAIN_CASES = [
    # a quotation no attribution reaches (export): someone's words, but whose? (the rules: the outlet's)
    ("In January last year, relations were severed again after Iranian demonstrators torched Saudi Arabia's "
     'embassy and a consulate following Saudi Arabia\'s execution of a Shia figure along with 47 "terrorists".',
     "terrorists", ("outlet", "Daily"), ("uncertain", "")),
    # a quotation of an unnamed statement (the coders named the body half the time)
    ('The statement read: "We condemn terrorism in all its forms."', "terrorism", ("quoted", ""), ("uncertain", "")),
    # a named speaker's quotation and reported speech are kept
    ('"We will not accept the sanctions," Lavrov said.', "sanctions", ("quoted", "Lavrov"), ("quoted", "Lavrov")),
    ("Deputy Prime Minister Ahmad Zahid Hamidi said Thursday the visa-free arrangement with North Korea will be "
     "scrapped from Monday because of national security.", "visa-free", ("attributed", "Hamidi"),
     ("attributed", "Hamidi")),
    # Chinese and Russian sentences: no abstention was calibrated for them (tests/data/voice/zh_wire.txt)
    ("分析人士认为，所谓“外部势力”的说法并非空穴来风。", "外部势力", ("quoted", ""), ("quoted", "")),
]


@pytest.mark.parametrize("text, phrase, rules, abstained", ABSTAIN_CASES,
                         ids=[f"abstain-{i}" for i in range(len(ABSTAIN_CASES))])
def test_abstention_on_rules_right_too_rarely(text, phrase, rules, abstained):
    articles = one_article(text)
    hits = make_hits(articles, [phrase])
    for abstain, expected in ((False, rules), (True, abstained)):
        got = annotate_voice(articles, hits, abstain=abstain).iloc[0]
        assert (got["voice"], got["speaker"]) == expected


@pytest.mark.parametrize("text, phrase, in_quotes, speaker, voice, distancing", REAL_WIRE)  # 3 abstain
def test_abstention_changes_only_the_listed_paths(text, phrase, in_quotes, speaker, voice, distancing):
    from toolkit.voice import ABSTAIN_PATHS
    from toolkit.voice.article import _decisions

    articles = one_article(text)
    hits = make_hits(articles, [phrase])
    (row,) = _decisions(articles, hits)
    rules = annotate_voice(articles, hits, abstain=False).iloc[0]
    got = annotate_voice(articles, hits).iloc[0]
    if row[4] in ABSTAIN_PATHS:
        assert (got["voice"], got["speaker"], got["in_quotes"]) == ("uncertain", "", rules["in_quotes"])
    else:
        assert (got["voice"], got["speaker"]) == (rules["voice"], rules["speaker"])


def test_abstain_must_be_a_bool():
    articles = one_article("Wang said the sanctions failed.")
    with pytest.raises(ParameterError, match="abstain"):
        annotate_voice(articles, make_hits(articles, ["sanctions"]), abstain="yes")


GOLD = Path(__file__).parents[1] / "data" / "validation" / "voice" / "voice-gold.csv"


def test_voice_gold_set_is_well_formed():
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    assert len(gold) >= 300 and gold["hit_id"].is_unique
    assert set(gold["gold_voice"]) == {"quoted", "attributed", "outlet"}
    assert set(gold["split"]) == {"dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7"}
    for fresh in ("fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7"):  # blind sets of rounds two to eight: articles of their own
        assert (gold["split"] == fresh).sum() >= 150
        assert not set(gold.loc[gold["split"] == fresh, "document"]) & set(gold.loc[gold["split"] != fresh, "document"])
    assert (gold.loc[gold["gold_voice"] == "outlet", "gold_speaker"] == "").all()
    # no text of the unlicensed export, and every Wikinews hit is where it says in the shipped reference
    assert (gold.loc[gold["source"] == "newsarticles", "sentence"] == "").all()
    reference = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False)
                           for p in sorted((Path(__file__).parents[1] / "data" / "reference").glob("wikinews_*.csv"))])
    texts = dict(zip(reference["url"].str.rsplit("/", n=1).str[-1], reference["text"]))
    wiki = gold[gold["source"] == "wikinews"]
    for row in wiki.itertuples():
        assert texts[row.document][int(row.start) : int(row.end)] == row.matched_text
        assert row.matched_text in row.sentence
    # an article's hits are all in one half
    assert gold.groupby(["source", "document"])["split"].nunique().max() == 1


def test_second_coder_sheet_codes_gold_hits():
    second = pd.read_csv(GOLD.with_name("second-coder.csv"), dtype=str, keep_default_na=False)
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    assert list(second.columns) == ["hit_id", "voice", "speaker", "note"] and len(second) == 80
    assert set(second["hit_id"]) <= set(gold.loc[gold["split"].isin(["dev", "heldout", "fresh"]), "hit_id"])
    assert set(second["voice"]) <= {"quoted", "attributed", "outlet"}
    fifth = pd.read_csv(GOLD.with_name("second-coder-fresh5.csv"), dtype=str, keep_default_na=False)
    assert list(fifth.columns) == ["hit_id", "voice", "speaker", "note"] and len(fifth) == 80
    assert set(fifth["hit_id"]) <= set(gold.loc[gold["split"] == "fresh5", "hit_id"])
    assert set(fifth["voice"]) <= {"quoted", "attributed", "outlet"}
