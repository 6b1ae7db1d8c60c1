import random

import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from toolkit.errors import ParameterError
from toolkit.scripts import HAN_RE
from toolkit.tokens import (
    TokenSettings,
    Vocabulary,
    count_words,
    encode_texts,
    english_stop_words,
    stop_words,
    token_spans,
    tokenize,
    word_count,
)


@pytest.mark.parametrize(
    "text, options, expected",
    [
        # clitics as in the Penn Treebank: no tokens "s" and "t"
        ("Putin's visit", {}, ["putin", "'s", "visit"]),
        ("Trump’s aides don't say it isn’t", {}, ["trump", "'s", "aides", "do", "n't", "say", "it", "is", "n't"]),
        ("we're, I'm, they've, she'd, you'll; can't won't", {},
         ["we", "'re", "i", "'m", "they", "'ve", "she", "'d", "you", "'ll", "ca", "n't", "wo", "n't"]),
        ("O'Brien rock'n'roll 'tis students' n't", {}, ["o", "brien", "rock", "n", "roll", "tis", "students", "n", "t"]),
        ("Putin's visit", {"scheme": "sklearn"}, ["putin", "s", "visit"]),
        ("Don't", {"drop_punctuation": False}, ["do", "n't"]),
        ("Trump's, 'x'", {"drop_punctuation": False}, ["trump", "'s", ",", "'", "x", "'"]),
        ("Trump's aides don't", {"stop_words": "english"}, ["trump", "aides"]),
        ("China-Russia ties", {}, ["china", "russia", "ties"]),
        ('"color revolutions"!', {"drop_punctuation": False}, ['"', "color", "revolutions", '"', "!"]),
        ("In 2021, the 3rd", {"drop_numbers": True}, ["in", "the", "3rd"]),
        ("The external forces", {"stop_words": "english"}, ["external", "forces"]),
        ("Foo and bar", {"stop_words": ["FOO"]}, ["and", "bar"]),
        ("Foo and bar", {"stop_words": "english", "extra_stop_words": ["foo"]}, ["bar"]),
        ("external forces revolutions", {"stem": True}, ["extern", "forc", "revolut"]),
        ("Hello World", {"lowercase": False}, ["Hello", "World"]),
        ("a b c", {"ngram_range": (1, 2)}, ["a", "b", "c", "a b", "b c"]),
        ("a b c d", {"ngram_range": (3, 3)}, ["a b c", "b c d"]),
        # a removed stop word leaves a gap: no "forces terrorism"
        ("external forces of terrorism", {"stop_words": "english", "ngram_range": (2, 2)}, ["external forces"]),
        # U+0130 lowers to "i" + combining dot (not \w); capital sigma lowers to final sigma at a word end
        ("İSTANBUL ΟΔΟΣ", {"scheme": "sklearn"}, ["i", "stanbul", "οδος"]),
        ("İSTANBUL ΟΔΟΣ", {}, ["i\u0307stanbul", "οδος"]),  # the combining dot stays in the word
        ("外部势力 Ölçü naïve", {"scheme": "sklearn"}, ["外部势力", "ölçü", "naïve"]),
        # combining marks (Devanagari vowel signs, Thai vowels) stay inside words
        ("हिन्दी भाषा", {}, ["हिन्दी", "भाषा"]),
        ("हिन्दी", {"scheme": "sklearn"}, ["ह", "न", "द"]),
        ("ภาษาไทย", {}, ["ภาษาไทย"]),
        ("", {}, []),
    ],
)
def test_tokenize(text, options, expected):
    assert tokenize(text, **options) == expected


def test_english_stop_words_are_scikit_learns():
    words = english_stop_words()
    assert len(words) == 318 and {"the", "of", "and"} <= words and "forces" not in words


def _random_texts(seed, n=400, alphabet="aZq 9_\n\t.,'\"-–—“”éÉßİΣσςΑΩ中文😀\u0301\u00a0\u2009\u200bد1٣ǅ’sStTnNmdrevl国內政हि"):
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(n)]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"drop_punctuation": False},
        {"lowercase": False},
        {"stop_words": ["a", "q"], "drop_numbers": True, "stem": True},
        {"scheme": "sklearn"},
        {"scheme": "sklearn", "drop_punctuation": False},
        {"words": ["中文国", "內政"], "lemmatize": True},
    ],
)
def test_bulk_path_gives_the_same_tokens_as_tokenize(options):
    texts = _random_texts(1) + ["BEIJING, Jan. 11 (Xinhua) -- Wang said.", "Ölçü İstanbul ΣΟΦΟΣ's"]
    texts += _random_texts(3, 300, alphabet="US.. .'’tnsé中\u0301x9_")  # abbreviations, clitics and their edges
    settings = TokenSettings(**options)
    vocabulary = Vocabulary(settings)
    got = [[] for _ in texts]
    for chunk in encode_texts(texts, settings, vocabulary, chunk_chars=500):  # many chunks
        for doc, code in zip(chunk.doc, chunk.code):
            if code >= 0:
                got[doc].append(vocabulary.terms[code])
    assert got == [tokenize(t, settings=settings) for t in texts]


def test_sklearn_scheme_equals_countvectorizer_analyzer():
    analyzer = CountVectorizer(token_pattern=r"(?u)\w+", ngram_range=(1, 2)).build_analyzer()
    for text in _random_texts(2, 200) + ["Trump's aides don't say 所谓颜色革命", "U.S. and U.K. officials, e.g. at the U.N."]:
        assert sorted(tokenize(text, ngram_range=(1, 2), scheme="sklearn")) == sorted(analyzer(text))


def test_settings_are_frozen_hashable_and_described():
    settings = TokenSettings(stop_words="english", extra_stop_words=["xinhua"], stem=True,
                             ngram_range=(1, 2), min_count=3)
    assert hash(settings) == hash(settings.replace())
    with pytest.raises(AttributeError):
        settings.stem = False
    text = settings.describe()
    for part in ("lower-cased", "scikit-learn's English list", "1 extra words", "Snowball", "1- to 2-grams", "3 times"):
        assert part in text


@pytest.mark.parametrize(
    "options, message",
    [
        ({"ngram_range": (0, 1)}, "ngram_range"),
        ({"ngram_range": (1, 4)}, "ngram_range"),
        ({"stop_words": "german"}, "stop_words"),
        ({"min_count": 0}, "min_count"),
        ({"stemming": True}, "stemming"),
        ({"scheme": "spacy"}, "scheme"),
        ({"words": "颜色革命"}, "words"),
        ({"stop_words": ["english", "klingon"]}, None),
    ],
)
def test_invalid_settings_name_the_parameter(options, message):
    if message is None:  # an unknown name in a list is a word, not a list name
        assert tokenize("klingon text", **options) == ["text"]
        return
    with pytest.raises(ParameterError, match=message):
        tokenize("text", **options)


# A Xinhua-style sentence written for the tests ("the so-called colour revolution
# is a plot of foreign forces interfering in China's internal affairs").
ZH = "所谓颜色革命是境外势力干涉中国内政的阴谋"
ZH_WORDS = ["所谓", "颜色", "革命", "是", "境外", "势力", "干涉", "中国", "内政", "的", "阴谋"]


def test_chinese_is_segmented_into_words():
    assert tokenize(ZH) == ZH_WORDS
    assert {"干涉", "内政"} <= set(tokenize(ZH, stop_words="chinese"))
    assert "的" not in tokenize(ZH, stop_words="chinese")


def test_dictionary_phrases_stay_one_word():
    from toolkit.frames import frame_dictionary

    frames = frame_dictionary(
        {"name": "t", "version": "1", "frames": {"cr": {"label": "CR", "patterns": [
            {"pattern": "颜色革命", "language": "zh"}, "境外势力", "color revolution"]}}}
    )
    expected = ["所谓", "颜色革命", "是", "境外势力", "干涉", "中国", "内政", "的", "阴谋"]
    assert tokenize(ZH, words=frames) == expected
    assert tokenize(ZH, words=["颜色革命", "境外势力"]) == expected
    # traditional characters: segmented on their simplified form, words kept as written
    traditional = "所謂顏色革命是境外勢力干涉中國內政的陰謀"
    assert tokenize(traditional, words=frames) == ["所謂", "顏色革命", "是", "境外勢力", "干涉", "中國", "內政", "的", "陰謀"]
    assert "".join(tokenize(traditional)) == traditional


def test_mixed_chinese_and_english_are_tokenised_per_script():
    # 中国外交部 (China's foreign ministry) is one word of jieba's dictionary, a named entity
    assert tokenize("中国外交部发言人Zhao Lijian说NATO东扩威胁俄罗斯安全") == [
        "中国外交部", "发言人", "zhao", "lijian", "说", "nato", "东扩", "威胁", "俄罗斯", "安全"]


def test_spans_point_into_the_text():
    text = "Xinhua: 所谓颜色革命是境外势力干涉中国内政的阴谋. Don't!"
    spans = token_spans(text, words=["颜色革命"])
    assert [text[s:e] for s, e in zip(spans["start"], spans["end"])] == [
        "Xinhua", "所谓", "颜色革命", "是", "境外", "势力", "干涉", "中国", "内政", "的", "阴谋", "Do", "n't"]
    assert spans["token"].tolist()[-2:] == ["do", "n't"]


def test_russian_lemmas():
    text = "Революциями не решить того, что не решили сотни революций; революции."
    tokens = tokenize(text, lemmatize=True)
    assert tokens.count("революция") == 3
    assert "революциями" in tokenize(text)
    assert tokenize("цветных революций", lemmatize=True, stop_words="russian") == ["цветной", "революция"]


def test_stop_word_lists_for_chinese_and_russian():
    zh, ru = stop_words("chinese"), stop_words("russian")
    assert {"的", "了", "和"} <= zh and "中国" not in zh
    assert {"и", "в", "не", "что", "это"} <= ru and not {"россия", "страна", "революция"} & ru
    assert "n't" in stop_words("english") and "'s" in stop_words("english")
    assert tokenize("и в России", stop_words=["russian", "english"]) == ["россии"]


def test_word_counts_follow_the_tokens():
    texts = pd.Series([ZH, "Trump's aides don't", None, "हिन्दी भाषा"])
    expected = [len(tokenize(t if isinstance(t, str) else "")) for t in texts]
    assert count_words(texts).tolist() == expected == [11, 5, 0, 2]
    assert [word_count(t if isinstance(t, str) else "") for t in texts] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Reuters, Al Jazeera and AP style sentences
    ("U.S. President Donald Trump met U.K. Prime Minister Theresa May at the White House.",
     ["u.s.", "president", "donald", "trump", "met", "u.k.", "prime", "minister", "theresa", "may", "at", "the",
      "white", "house"]),
    ("The U.N.'s envoy arrived at 9 a.m. in Washington, D.C., on Friday.",
     ["the", "u.n.", "'s", "envoy", "arrived", "at", "9", "a.m.", "in", "washington", "d.c.", "on", "friday"]),
    ("Officials from several countries, e.g. France, said the U.S.-led coalition would stay.",
     ["officials", "from", "several", "countries", "e.g.", "france", "said", "the", "u.s.", "led", "coalition",
      "would", "stay"]),
    ("“The U.S. doesn’t back down,” he said.", ["the", "u.s.", "does", "n't", "back", "down", "he", "said"]),
    # a single initial, a sentence-ending letter and a run inside a longer word are no abbreviations
    ("John F. Kennedy won. Plan B. Then AU.S. went.",
     ["john", "f", "kennedy", "won", "plan", "b", "then", "au", "s", "went"]),
])
def test_abbreviations_with_internal_periods_are_one_token(text, expected):
    assert tokenize(text) == expected
    assert word_count(text) == len(expected) == count_words(pd.Series([text])).iloc[0]
    assert tokenize(text, ngram_range=(2, 2))[0] == " ".join(expected[:2])


def test_u_s_is_no_bigram_any_more_but_scikit_learn_parity_keeps_it():
    text = "The U.S. economy grew as U.S. officials said."
    assert "u s" not in tokenize(text, ngram_range=(2, 2)) and "u.s. economy" in tokenize(text, ngram_range=(2, 2))
    assert "u s" in tokenize(text, ngram_range=(2, 2), scheme="sklearn")


def test_word_count_segments_every_chinese_token_in_one_call(monkeypatch):
    from toolkit import segmentation

    calls = []
    cut = segmentation._cut_lengths
    monkeypatch.setattr(segmentation, "_cut_lengths", lambda runs, words: calls.append(len(runs)) or cut(runs, words))
    # a Xinhua-style sentence: Han runs between Latin, digits and punctuation make several Han tokens
    text = "新华社北京1月6日电 CSTO集体安全条约组织 决定向哈萨克斯坦派遣维和部队, 外交部发言人表示支持。"
    expected = len(tokenize(text))
    calls.clear()
    assert word_count(text) == expected
    assert len(calls) == 1 and calls[0] >= 3


def test_word_count_of_a_long_text_is_counted_in_slices_with_the_same_result():
    text = ("Kazakhstan's president said on Wednesday that the CSTO would send peacekeepers. "
            "外交部发言人表示支持哈萨克斯坦政府恢复秩序。 Officials didn't say how many. ") * 40
    whole = word_count(text, chunk=len(text))
    assert whole == len(tokenize(text))
    assert [word_count(text, chunk=size) for size in (50, 97, 1000)] == [whole] * 3


def test_one_opencc_converter_serves_the_segmenter_and_the_dictionary():
    from toolkit import frames, segmentation

    assert frames._opencc_converters()["t2s"] is segmentation.opencc_converter("t2s")


def test_term_frequency_on_chinese_lists_words_and_russian_lemmas():
    from toolkit import load_frames, term_frequency

    frames = load_frames("data/frames/kazakhstan-2022.yaml")
    articles = pd.DataFrame({
        "doc_id": ["z1", "z2", "r1"],
        "text": [
            ZH + "。外交部发言人表示，美国不要干涉香港事务。",
            "所謂顏色革命是境外勢力干涉中國內政的陰謀。",
            "Революциями не решить того, что не решили сотни революций.",
        ],
    })
    table = term_frequency(articles, words=frames, stop_words=["chinese", "russian"], lemmatize=True)
    counts = dict(zip(table["term"], table["n_occurrences"]))
    assert counts["干涉"] == 3 and counts["内政"] == 1 and counts["內政"] == 1
    assert counts["颜色革命"] == 1 and counts["顏色革命"] == 1 and counts["境外势力"] == 1
    assert counts["революция"] == 2 and "революциями" not in counts
    longest = max(len(p.pattern) for f in frames.frames for p in f.patterns if HAN_RE.search(p.pattern))
    assert max(len(t) for t in counts if HAN_RE.search(t)) <= longest
