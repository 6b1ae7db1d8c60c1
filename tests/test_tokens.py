import random

import pytest
from sklearn.feature_extraction.text import CountVectorizer

from toolkit.errors import ParameterError
from toolkit.tokens import TokenSettings, Vocabulary, encode_texts, english_stop_words, tokenize


@pytest.mark.parametrize(
    "text, options, expected",
    [
        ("Putin's visit", {}, ["putin", "s", "visit"]),
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
        ("İSTANBUL ΟΔΟΣ", {}, ["i", "stanbul", "οδος"]),
        ("外部势力 Ölçü naïve", {}, ["外部势力", "ölçü", "naïve"]),
        ("", {}, []),
    ],
)
def test_tokenize(text, options, expected):
    assert tokenize(text, **options) == expected


def test_english_stop_words_are_scikit_learns():
    words = english_stop_words()
    assert len(words) == 318 and {"the", "of", "and"} <= words and "forces" not in words


def _random_texts(seed, n=400):
    rng = random.Random(seed)
    alphabet = "aZq 9_\n\t.,'\"-–—“”éÉßİΣσςΑΩ中文😀\u0301\u00a0\u2009\u200bد1٣ǅ"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(n)]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"drop_punctuation": False},
        {"lowercase": False},
        {"stop_words": ["a", "q"], "drop_numbers": True, "stem": True},
    ],
)
def test_bulk_path_gives_the_same_tokens_as_tokenize(options):
    texts = _random_texts(1) + ["BEIJING, Jan. 11 (Xinhua) -- Wang said.", "Ölçü İstanbul ΣΟΦΟΣ's"]
    settings = TokenSettings(**options)
    vocabulary = Vocabulary(settings)
    got = [[] for _ in texts]
    for chunk in encode_texts(texts, settings, vocabulary, chunk_chars=500):  # many chunks
        for doc, code in zip(chunk.doc, chunk.code):
            if code >= 0:
                got[doc].append(vocabulary.terms[code])
    assert got == [tokenize(t, settings=settings) for t in texts]


def test_tokens_equal_countvectorizer_analyzer():
    analyzer = CountVectorizer(token_pattern=r"(?u)\w+", ngram_range=(1, 2)).build_analyzer()
    for text in _random_texts(2, 200):
        assert sorted(tokenize(text, ngram_range=(1, 2))) == sorted(analyzer(text))


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
    ],
)
def test_invalid_settings_name_the_parameter(options, message):
    with pytest.raises(ParameterError, match=message):
        tokenize("text", **options)
