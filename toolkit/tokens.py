"""Tokenisation shared by frequency, TF-IDF, keyness and collocations.

One definition of a token is used everywhere, offline and deterministic. Under
the default ``scheme="words"``:

* a **word** is a maximal run of word characters: what Python's ``re`` calls
  ``\\w`` (letters, digits and underscore in any script) plus the combining
  marks (Unicode categories Mn, Mc, Me), which ``\\w`` leaves out although
  they belong inside words (Devanagari vowel signs, Thai vowels);
* a run holding **Han characters** is split by script: each run of Han
  characters is cut into words by jieba (jieba-rs through ``rjieba``, its
  dictionary compiled into the wheel), on the OpenCC-simplified form of the
  run so that traditional characters segment as well, the words keeping the
  characters as written; the rest of the run is one word ("中国China" gives
  "中国" and "china"). Words given in ``TokenSettings.words`` (a frame
  dictionary's Chinese phrases) are added to the segmenter's dictionary;
* **clitics** are split off as in the Penn Treebank and spaCy: after a
  straight or curly apostrophe that follows a word, "s", "m", "d", "re",
  "ve" and "ll" become the tokens "'s", "'m", ...; "n't" is split off the
  word before ("don't" -> "do", "n't"; "can't" -> "ca", "n't"). A curly
  apostrophe is written straight in the term;
* an **abbreviation with internal periods** (two or more single Latin
  letters, each followed by a period: "U.S.", "U.K.", "U.N.", "e.g.", "a.m.")
  is one token, its periods kept ("u.s."), where splitting at the periods
  would make "u s" a top bigram of any US news corpus. It must not follow a
  word character or a period (in "AU.S." it is no abbreviation); a clitic
  after it is split off as after any word ("U.S.'s" -> "u.s." + "'s");
* with ``drop_punctuation=False`` every other non-space character is a token
  of its own;
* lower-casing is Python's ``str.lower`` (applied to the text before
  tokenising when the text holds U+0130 or capital sigma, else to each token
  type: the same tokens, faster);
* stop words are removed, numbers dropped, Snowball stems or Russian lemmas
  taken per token *type*, after lower-casing; removed tokens leave a gap, so
  n-grams never span them ("forces of terrorism" gives no "forces terrorism"
  bigram; scikit-learn would join the neighbours);
* n-grams are runs of ``n`` consecutive kept tokens in one document, joined by
  a single space.

``scheme="sklearn"`` keeps runs of ``\\w`` only, with no segmentation, clitic,
abbreviation or mark rule: the tokens of scikit-learn's
``CountVectorizer(token_pattern=r"(?u)\\w+")`` (tests check it).

Stop-word lists: "english" is scikit-learn's ``ENGLISH_STOP_WORDS`` (318
words, from the Glasgow Information Retrieval Group list; BSD-3-Clause) plus
the clitics "'s" and "n't"; "chinese" and "russian" are derived from
stopwords-iso (MIT; ``toolkit/data/stopwords``). Stemming uses the Snowball
English (Porter2) stemmer of ``snowballstemmer``; lemmas come from pymorphy3
(:mod:`toolkit.morphology`). Nothing is downloaded.

The bulk path (:func:`encode_texts`) classifies UTF-8 bytes with numpy and
counts token types with Arrow, which is several times faster than running a
regular expression in Python; only the distinct token types with Han
characters go through the segmenter. :func:`tokenize` gives the same tokens
for one text and is what the tests compare the bulk path against;
:func:`token_spans` gives each word's character offsets.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit import morphology
from toolkit.errors import ParameterError
from toolkit.scripts import CYRILLIC_RE, HAN, HAN_RE
from toolkit.segmentation import segment, segment_many

# Characters whose lower-case form changes how a text splits into tokens
# (U+0130 lowers to "i" + a combining dot) or depends on the neighbours
# (capital sigma becomes final sigma at a word's end). Texts holding them are
# lower-cased whole before tokenising; every other text is tokenised first and
# its token types lower-cased, which gives the same tokens faster.
_CONTEXT_LOWER = ("\u0130", "\u03a3")
_STOP_WORD_LISTS = ("english", "chinese", "russian")
SCHEMES = ("words", "sklearn")
#: Clitics split off the word before them (Penn Treebank, spaCy): after an
#: apostrophe, these letters end a word ("Trump's" -> "trump" + "'s").
_CLITICS = frozenset({"s", "m", "d", "re", "ve", "ll"})
#: Apostrophes that mark a clitic (straight and right single quotation mark).
_APOSTROPHES = ("'", "\u2019")
#: Abbreviations with internal periods ("U.S.", "e.g."): one token (see the module docstring).
_ABBREVIATION = r"(?:[A-Za-z]\.){2,}"
#: Norms of the word left by "n't" (spaCy's): "can't" -> "ca" + "n't" -> "can".
_NOT_STEMS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "am"}


def english_stop_words() -> frozenset[str]:
    """Return scikit-learn's English stop words (318 lower-case words, BSD-3-Clause)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@functools.lru_cache(maxsize=4)
def stop_words(language: str) -> frozenset[str]:
    """Stop words of *language* ("english", "chinese" or "russian").

    English is scikit-learn's list (BSD-3-Clause) plus the clitics "'s" and
    "n't"; Chinese (764 words) and Russian (356 function words) come from
    stopwords-iso (MIT licence; files and provenance in ``toolkit/data/stopwords``).
    """
    if language == "english":
        return english_stop_words() | {"'s", "n't"}
    if language not in ("chinese", "russian"):
        raise ParameterError(f"language={language!r}: use 'english', 'chinese' or 'russian'.")
    name = {"chinese": "zh.txt", "russian": "ru.txt"}[language]
    text = resources.files("toolkit").joinpath("data", "stopwords", name).read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@dataclass(frozen=True)
class TokenSettings:
    """How texts become tokens; the same settings give the same tokens everywhere.

    Parameters
    ----------
    lowercase : bool
        Lower-case texts (``str.lower``) before tokenising.
    drop_punctuation : bool
        Keep only word tokens; with False, each punctuation mark or symbol is
        a token too.
    drop_numbers : bool
        Drop tokens made only of decimal digits ("2022"; "3rd" stays).
    stop_words : None, "english", "chinese", "russian", or iterable of str
        Stop words to remove (compared case-insensitively); a list may mix
        these names with words (``["english", "russian", "xinhua"]``).
    extra_stop_words : iterable of str
        More stop words, added to ``stop_words`` (a user list next to "english").
    stem : bool
        Replace tokens by their Snowball English stem (Cyrillic words are
        left to ``lemmatize``).
    lemmatize : bool
        Replace Russian (Cyrillic) words by their dictionary form, from
        pymorphy3's most probable parse ("революциями" -> "революция").
        Other scripts are unchanged.
    words : iterable of str, or a frame dictionary
        Chinese words kept whole by the segmenter (added to its dictionary,
        in simplified and traditional characters). A
        :class:`~toolkit.frames.FrameDictionary` gives its phrases with Han
        characters (颜色革命, 境外势力).
    scheme : "words" or "sklearn"
        "words" (default): Chinese runs segmented into words (jieba), clitics
        split as in the Penn Treebank ("don't" -> "do" + "n't", "Trump's" ->
        "trump" + "'s"), combining marks kept inside words (Devanagari,
        Thai). "sklearn": runs of ``\\w`` exactly as scikit-learn's
        ``CountVectorizer(token_pattern=r"(?u)\\w+")``.
    min_count : int
        Drop terms with fewer occurrences in the table being built.
    ngram_range : (int, int)
        Smallest and largest n-gram length, 1 to 3.
    """

    lowercase: bool = True
    drop_punctuation: bool = True
    drop_numbers: bool = False
    stop_words: str | tuple[str, ...] | None = None
    extra_stop_words: tuple[str, ...] = ()
    stem: bool = False
    lemmatize: bool = False
    words: tuple[str, ...] = ()
    scheme: str = "words"
    min_count: int = 1
    ngram_range: tuple[int, int] = (1, 1)
    _stop_set: frozenset = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self):
        stop = self.stop_words
        if isinstance(stop, str):
            if stop not in _STOP_WORD_LISTS:
                raise ParameterError(
                    f"stop_words={stop!r}: use None, 'english', 'chinese', 'russian' or a list of words."
                )
            words = set(stop_words(stop))
        elif stop is None:
            words = set()
        else:
            stop = tuple(sorted(set(stop)))  # a set's order would vary between runs
            words = set()
            for word in stop:
                words.update(stop_words(word) if word in _STOP_WORD_LISTS else {word})
            object.__setattr__(self, "stop_words", stop)
        extra = tuple(sorted(set(self.extra_stop_words)))
        object.__setattr__(self, "extra_stop_words", extra)
        words.update(extra)
        object.__setattr__(self, "_stop_set", frozenset(w.lower() for w in words))
        object.__setattr__(self, "words", _user_words(self.words))
        if self.scheme not in SCHEMES:
            raise ParameterError(f"scheme={self.scheme!r}: use 'words' or 'sklearn'.")
        low, high = tuple(self.ngram_range)
        if not (1 <= low <= high <= 3):
            raise ParameterError(f"ngram_range={self.ngram_range!r}: use (n, m) with 1 <= n <= m <= 3.")
        object.__setattr__(self, "ngram_range", (int(low), int(high)))
        if int(self.min_count) < 1:
            raise ParameterError(f"min_count={self.min_count!r}: use an integer >= 1.")

    def replace(self, **changes) -> "TokenSettings":
        """Return a copy with some settings changed."""
        values = {name: getattr(self, name) for name in _SETTING_NAMES}
        values.update(changes)
        return TokenSettings(**values)

    def describe(self) -> str:
        """One sentence stating the settings, for reports."""
        if self.scheme == "sklearn":
            parts = ["word tokens (\\w+ runs, as scikit-learn)"]
        else:
            parts = ["word tokens (Chinese segmented by jieba, clitics 's and n't split)"]
        if not self.drop_punctuation:
            parts[0] = parts[0].replace("word tokens", "word and punctuation tokens")
        if self.words:
            parts.append(f"{len(self.words)} dictionary words kept whole")
        parts.append("lower-cased" if self.lowercase else "case kept")
        if self.drop_numbers:
            parts.append("numbers removed")
        stop = []
        names = [self.stop_words] if isinstance(self.stop_words, str) else [w for w in self.stop_words or () if w in _STOP_WORD_LISTS]
        for name in names:
            stop.append({"english": "scikit-learn's English list", "chinese": "the Chinese list",
                         "russian": "the Russian list"}[name])
        n_own = 0 if isinstance(self.stop_words, str) else len([w for w in self.stop_words or () if w not in _STOP_WORD_LISTS])
        if n_own:
            stop.append(f"a list of {n_own} words")
        if self.extra_stop_words:
            stop.append(f"{len(self.extra_stop_words)} extra words")
        parts.append("stop words removed (" + " and ".join(stop) + ")" if stop else "no stop words removed")
        parts.append("Snowball English stems" if self.stem else "not stemmed")
        if self.lemmatize:
            parts.append("Russian words lemmatised (pymorphy3)")
        low, high = self.ngram_range
        parts.append(f"{low}-grams" if low == high else f"{low}- to {high}-grams")
        if self.min_count > 1:
            parts.append(f"terms seen fewer than {self.min_count} times dropped")
        return "Tokens: " + ", ".join(parts) + "."


_SETTING_NAMES = (
    "lowercase", "drop_punctuation", "drop_numbers", "stop_words",
    "extra_stop_words", "stem", "lemmatize", "words", "scheme", "min_count", "ngram_range",
)


def _user_words(words) -> tuple[str, ...]:
    """Sorted Han words of a list or of a frame dictionary's phrases."""
    if isinstance(words, str):
        raise ParameterError(f"words={words!r}: pass a list of words or a frame dictionary, not one string.")
    if hasattr(words, "frames"):  # a FrameDictionary
        words = [p.pattern for frame in words.frames for p in frame.patterns if p.kind == "phrase"]
    found = set()
    for word in words:
        if not isinstance(word, str):
            raise ParameterError(f"words: {word!r} is not a string.")
        found.update(w for w in word.split() if HAN_RE.search(w))
    return tuple(sorted(found))


def make_settings(settings: TokenSettings | None = None, **options) -> TokenSettings:
    """Return *settings* (default TokenSettings()) with keyword *options* applied."""
    if settings is not None and not isinstance(settings, TokenSettings):
        raise ParameterError(f"settings={settings!r}: pass a TokenSettings or None.")
    unknown = set(options) - set(_SETTING_NAMES)
    if unknown:
        raise ParameterError(f"unknown token option(s) {sorted(unknown)}; use {list(_SETTING_NAMES)}.")
    base = settings or TokenSettings()
    return base.replace(**options) if options else base


# --------------------------------------------------------------------------- one text

@functools.lru_cache(maxsize=1)
def _mark_class() -> str:
    """Regex class body of the combining marks (Unicode categories Mn, Mc, Me),
    which ``\\w`` excludes although they belong inside words (Devanagari, Thai)."""
    ranges, start = [], None
    for point in range(0x110001):
        mark = point <= 0x10FFFF and unicodedata.category(chr(point))[0] == "M"
        if mark and start is None:
            start = point
        elif not mark and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(point - 1)) if point - 1 > start else ""))
            start = None
    return "".join(ranges)


@functools.lru_cache(maxsize=4)
def _pattern(scheme: str, punctuation: bool) -> re.Pattern:
    word = r"\w" if scheme == "sklearn" else r"\w" + _mark_class()
    abbreviation = "" if scheme == "sklearn" else f"(?<![{word}.]){_ABBREVIATION}|"
    return re.compile(abbreviation + f"[{word}]+" + (f"|[^{word}\\s]" if punctuation else ""))


def _raw_spans(text: str, settings: TokenSettings) -> list[tuple[int, int]]:
    """(start, end) of each raw token of *text*: word runs (and punctuation marks),
    clitics split off under the "words" scheme; Han runs are split later, per type."""
    matches = _pattern(settings.scheme, not settings.drop_punctuation).finditer(text)
    if settings.scheme == "sklearn":
        return [m.span() for m in matches]
    out: list[tuple[int, int]] = []
    last_word = None  # index in out of the last word token
    for m in matches:
        start, end = m.span()
        if not _is_word_start(text[start]):
            out.append((start, end))
            continue
        a = start - 1  # where an apostrophe before this word would be
        if last_word is not None and a >= 1 and text[a] in _APOSTROPHES and out[last_word][1] == a:
            word, (p0, p1) = text[start:end].lower(), out[last_word]
            if word in _CLITICS or (word == "t" and p1 - p0 >= 2 and text[a - 1] in "nN"):
                if out[-1] == (a, start):
                    out.pop()  # the apostrophe's own token (drop_punctuation=False)
                if word == "t":
                    out[last_word] = (p0, a - 1)
                start = a - 1 if word == "t" else a
        out.append((start, end))
        last_word = len(out) - 1
    return out


def _is_word_start(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def tokenize(text: str, *, settings: TokenSettings | None = None, **options) -> list[str]:
    """Split one text into tokens (n-grams joined by a space).

    Parameters
    ----------
    text : str
    settings : TokenSettings, optional
    **options
        Any :class:`TokenSettings` field, overriding *settings*.

    Returns
    -------
    list of str
        Unigrams first, in text order, then bigrams, then trigrams (as
        configured by ``ngram_range``).
    """
    settings = make_settings(settings, **options)
    vocabulary = Vocabulary(settings)
    codes = vocabulary.encode_text(text)
    return [" ".join(vocabulary.terms[c] for c in gram) for gram in _ngram_tuples(codes, settings)]


def token_spans(text: str, *, settings: TokenSettings | None = None, **options) -> pd.DataFrame:
    """Where each kept word of *text* is: for KWIC lines and hits.

    Returns
    -------
    pandas.DataFrame
        One row per kept unigram in text order: ``start``, ``end``
        (character offsets into *text* as given, so ``text[start:end]`` is
        the word as written) and ``token`` (the term, as :func:`tokenize`
        gives it). Chinese words are jieba's; clitics are their own rows.
    """
    settings = make_settings(settings, **options)
    vocabulary = Vocabulary(settings)
    rows = []
    for start, end in _raw_spans(text, settings):
        raw = text[start:end]
        pieces = vocabulary.split(raw) or [(0, len(raw))]
        for (s, e), code in zip(pieces, vocabulary.encode_raw(raw)):
            if code >= 0:
                rows.append((start + s, start + e, vocabulary.terms[code]))
    return pd.DataFrame(rows, columns=["start", "end", "token"]).astype({"start": "int64", "end": "int64"})


def count_words(texts: pd.Series) -> pd.Series:
    """``n_words`` of each text: its word tokens under the default
    :class:`TokenSettings` (Chinese segmented, clitics split; missing text: 0), int64.

    The one word count of the toolkit: the loader's ``n_words``, the
    denominators of rates, and the token totals of frequency tables agree.
    """
    counts = np.zeros(len(texts), dtype=np.int64)
    for chunk in encode_texts(texts, TokenSettings()):
        counts += np.bincount(chunk.doc, minlength=len(texts))
    return pd.Series(counts, index=texts.index, name="n_words")


def word_count(text: str, *, chunk: int = 1 << 18) -> int:
    """Number of word tokens of one text, as :func:`count_words` counts them.

    A text longer than *chunk* characters is counted a slice at a time, cut
    at blanks (no word spans one), so a 200 MB text makes no array of every
    word; the count is the same.
    """
    if len(text) <= chunk:
        return _word_count(text)
    n_words, start = 0, 0
    while start < len(text):
        end = start + chunk
        if end < len(text):  # cut after a blank; without one nearby, at the next
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            if cut <= start:
                found = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
                cut = min(found) if found else len(text)
            end = cut
        n_words += _word_count(text[start:end])
        start = end
    return n_words


def _word_count(text: str) -> int:
    if text.isascii():  # no marks, no Han: abbreviations and runs of \w; split clitics change no count
        # ".S." is in every abbreviation of two letters or more, and searching for it costs
        # little: most texts then count plain runs, the cheapest regular expression
        return len((_ASCII_TOKEN if _ABBREVIATION_INSIDE.search(text) else _ASCII_WORD).findall(text))
    data = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    starts, ends, in_token, _ = _token_bounds(data, False, True)
    if _ABBREVIATION_INSIDE.search(text):
        starts, ends, _, _ = _join_abbreviations(data, starts, ends, in_token, None)
    if not HAN_RE.search(text):
        return len(starts)
    raws = [data[s:e].tobytes().decode("utf-8", "surrogatepass") for s, e in zip(starts, ends)]
    han = [raw for raw in raws if HAN_RE.search(raw)]
    # every Han token segmented in one call (one OpenCC conversion, one jieba cut)
    return len(raws) - len(han) + sum(len(spans) for spans in segment_many(han, ()))


_ASCII_WORD = re.compile(r"\w+")
_ASCII_TOKEN = re.compile(rf"(?<![\w.]){_ABBREVIATION}|\w+")
_ABBREVIATION_INSIDE = re.compile(r"\.[A-Za-z]\.")


def _ngram_tuples(codes: list[int], settings: TokenSettings):
    low, high = settings.ngram_range
    for n in range(low, high + 1):
        for i in range(len(codes) - n + 1):
            gram = codes[i : i + n]
            if min(gram) >= 0:
                yield gram


class Vocabulary:
    """Maps raw token types to term codes under one :class:`TokenSettings`.

    ``terms[code]`` is the term (lower-cased, stemmed or lemmatised as
    configured); code -1 marks a removed token (stop word, number). A raw
    type with Han characters is several words (:meth:`split`).
    """

    def __init__(self, settings: TokenSettings):
        self.settings = settings
        self.terms: list[str] = []
        self._term_code: dict[str, int] = {}
        self._raw_code: dict[str, int] = {}
        # the same raw types and codes as Arrow/numpy arrays, for bulk lookups
        self._raw_array = pa.array([], type=pa.large_string())
        self._raw_codes = np.empty(0, dtype=np.int64)
        self._stemmer = None
        if settings.stem:
            import snowballstemmer

            self._stemmer = snowballstemmer.stemmer("english")

    def __len__(self) -> int:
        return len(self.terms)

    def _code_of_new(self, raw: str) -> int:
        s = self.settings
        term = raw.lower() if s.lowercase else raw
        if len(term) > 1 and "\u2019" in term:
            term = term.replace("\u2019", "'")  # the clitics ’s and n’t
        if s.drop_numbers and term.isdecimal():
            return -1
        if term.lower() in s._stop_set:
            return -1
        if s.lemmatize and CYRILLIC_RE.search(term):
            term = morphology.lemma(term)
        elif self._stemmer is not None:
            term = self._stemmer.stemWord(term)
        code = self._term_code.get(term)
        if code is None:
            code = self._term_code[term] = len(self.terms)
            self.terms.append(term)
        return code

    def split(self, raw: str) -> list[tuple[int, int]] | None:
        """Spans of the words of a raw type with Han characters (None for one word)."""
        if self.settings.scheme == "sklearn" or not HAN_RE.search(raw):
            return None
        return segment(raw, self.settings.words)

    def encode_text(self, text: str) -> list[int]:
        """Codes of the tokens of one text (a phrase to look for, say), as :func:`tokenize` makes them."""
        if self.settings.lowercase:
            text = text.lower()
        return [code for start, end in _raw_spans(text, self.settings) for code in self.encode_raw(text[start:end])]

    def encode_raw(self, raw: str) -> list[int]:
        """Codes of the words of one raw type (several for Chinese)."""
        pieces = self.split(raw)
        if pieces is None:
            return self.encode_types([raw])
        return self.encode_types([raw[s:e] for s, e in pieces])

    def encode_types(self, raw_types: Iterable[str]) -> list[int]:
        """Return the code of each raw type (adding new terms); each raw type
        must be one word (see :meth:`encode_raw` for Chinese)."""
        cache = self._raw_code
        out = []
        for raw in raw_types:
            code = cache.get(raw)
            if code is None:
                code = cache[raw] = self._code_of_new(raw)
            out.append(code)
        return out

    def encode_array(self, raw_types: pa.Array) -> np.ndarray:
        """Codes of an Arrow array of distinct one-word raw types; only unseen types go through Python."""
        known = pc.index_in(raw_types, value_set=self._raw_array) if len(self._raw_array) else None
        if known is None or known.null_count:
            new = raw_types if known is None else raw_types.filter(pc.is_null(known))
            new = new.cast(pa.large_string())
            self._raw_codes = np.concatenate([self._raw_codes, self.encode_types(new.to_pylist())])
            self._raw_array = pa.concat_arrays([self._raw_array, new])
            known = pc.index_in(raw_types, value_set=self._raw_array)
        return self._raw_codes[known.to_numpy()].astype(np.int32)


_DEFAULT = TokenSettings()


@dataclass
class TokenChunk:
    """Tokens of consecutive documents: ``doc[i]`` (index into the input texts)
    and ``code[i]`` (into ``Vocabulary.terms``, -1 = removed) per token, in text order."""

    doc: np.ndarray
    code: np.ndarray


def encode_texts(
    texts: Iterable[str],
    settings: TokenSettings,
    vocabulary: Vocabulary | None = None,
    *,
    chunk_chars: int = 8_000_000,
) -> Iterator[TokenChunk]:
    """Tokenise many texts in chunks of about *chunk_chars* characters.

    Yields :class:`TokenChunk` objects (whole documents only); memory stays
    bounded by the chunk size and the vocabulary. Tokens equal :func:`tokenize`
    on each text. Pass a *vocabulary* to read the terms behind the codes (or to
    share codes across calls); a fresh one is used otherwise.
    """
    vocabulary = vocabulary if vocabulary is not None else Vocabulary(settings)
    batch: list[str] = []
    size = first = 0
    for index, text in enumerate(texts):
        if not isinstance(text, str):
            text = "" if pd.isna(text) else str(text)  # None, NaN and pd.NA (pandas 2 string columns)
        batch.append(text)
        size += len(text)
        if size >= chunk_chars:
            yield _encode_batch(batch, first, settings, vocabulary)
            first, batch, size = index + 1, [], 0
    if batch:
        yield _encode_batch(batch, first, settings, vocabulary)


@functools.lru_cache(maxsize=4)
def _char_classes(punctuation: bool, marks: bool) -> np.ndarray:
    """Class of every code point: 1 word (``\\w``, and combining marks when
    *marks*), 2 punctuation/symbol, 0 other (space).

    Built from Python's own ``re`` so the bulk path splits exactly as
    :func:`tokenize` does, whatever the Unicode version.
    """
    chars = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    points = np.concatenate([np.arange(0xD800), np.arange(0xE000, 0x110000)])
    table = np.zeros(0x110000, dtype=np.uint8)
    word = r"\w" + (_mark_class() if marks else "")
    patterns = [(f"[{word}]+", 1)] + ([(f"[^{word}\\s]+", 2)] if punctuation else [])
    for pattern, value in patterns:
        for m in re.finditer(pattern, chars):
            table[points[m.start() : m.end()]] = value
    return table


def _encode_batch(texts, first, settings, vocabulary) -> TokenChunk:
    if settings.lowercase:
        texts = [t.lower() if (_CONTEXT_LOWER[0] in t or _CONTEXT_LOWER[1] in t) else t for t in texts]
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    data = np.frombuffer(b"\n".join(encoded), dtype=np.uint8)
    words = settings.scheme == "words"
    punctuation = not settings.drop_punctuation
    starts, ends, in_token, is_word = _token_bounds(data, punctuation, words)
    if words and len(starts):
        starts, ends, in_token, is_word = _join_abbreviations(data, starts, ends, in_token, is_word)
        starts, ends, in_token = _split_clitics(data, starts, ends, in_token, is_word)
    doc_starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    per_doc = np.diff(np.searchsorted(starts, doc_starts), append=len(starts))
    doc = np.repeat(np.arange(first, first + len(texts), dtype=np.int64), per_doc)
    if len(starts) == 0:
        return TokenChunk(doc, np.empty(0, dtype=np.int32))
    # Every byte between tokens is a separator, so the token bytes laid end to
    # end form an Arrow string array that Arrow hashes without Python objects.
    offsets = np.concatenate([[0], np.cumsum(ends - starts)])
    tokens = pa.LargeStringArray.from_buffers(
        len(starts), pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(data[in_token]))
    )
    types = pc.dictionary_encode(tokens)
    indices = types.indices.to_numpy()
    # Han characters take three or four bytes, led by 0xE3-0xE9 or 0xF0.
    if words and len(data) and data.max() >= 0xE3:
        han = pc.match_substring_regex(types.dictionary, f"[{HAN}]").to_numpy(zero_copy_only=False)
        if han.any():
            return _encode_segmented(types.dictionary, indices, han, doc, vocabulary)
    return TokenChunk(doc, vocabulary.encode_array(types.dictionary)[indices])


def _encode_segmented(dictionary, indices, han, doc, vocabulary) -> TokenChunk:
    """Codes when some raw types hold Han characters, each of them several words."""
    raws = dictionary.filter(pa.array(han)).to_pylist()
    segmented = segment_many(raws, vocabulary.settings.words)
    pieces = [vocabulary.encode_types([raw[s:e] for s, e in spans]) for raw, spans in zip(raws, segmented)]
    n_words = np.ones(len(dictionary), dtype=np.int64)
    n_words[han] = [len(p) for p in pieces]
    entry_start = np.concatenate([[0], np.cumsum(n_words)])
    flat = np.empty(entry_start[-1], dtype=np.int32)
    flat[entry_start[:-1][~han]] = vocabulary.encode_array(dictionary.filter(pa.array(~han)))
    for start, codes in zip(entry_start[:-1][han], pieces):
        flat[start : start + len(codes)] = codes
    counts = n_words[indices]
    first_out = np.cumsum(counts) - counts
    gather = np.repeat(entry_start[:-1][indices] - first_out, counts) + np.arange(counts.sum())
    return TokenChunk(np.repeat(doc, counts), flat[gather])


def _join_abbreviations(data, starts, ends, in_token, is_word):
    """Make each abbreviation with internal periods ("U.S.", "e.g.") one token, as
    :data:`_ABBREVIATION` does in :func:`_raw_spans`: two or more ASCII letters each
    followed by a period, not after a word character or a period. *is_word* as in
    :func:`_split_clitics` (None without punctuation tokens)."""
    dots = np.flatnonzero(data[1:] == 0x2E) + 1
    letter = data[dots - 1] | 0x20
    pairs = dots[(letter >= 0x61) & (letter <= 0x7A)]  # the periods right after an ASCII letter
    if len(pairs) < 2:
        return starts, ends, in_token, is_word
    new_run = np.concatenate([[True], np.diff(pairs) != 2])  # "U.S.": the periods are two bytes apart
    first = np.flatnonzero(new_run)
    length = np.diff(np.append(first, len(pairs)))
    runs = [(int(pairs[i]) - 1, int(pairs[i + n - 1]) + 1) for i, n in zip(first[length >= 2], length[length >= 2])]
    runs = [(a, b) for a, b in runs if not _word_or_period_before(data, a)]
    if not runs:
        return starts, ends, in_token, is_word
    # A run's first letter starts a token (no word character before it): that token now
    # ends with the run, and the tokens after it inside the run go. The arrays are this
    # batch's own: change them in place.
    run_starts, run_ends = np.array(runs, dtype=starts.dtype).T
    first_token = np.searchsorted(starts, run_starts)
    after_run = np.searchsorted(starts, run_ends)
    ends[first_token] = run_ends
    for a, b in runs:
        in_token[a:b] = True
    covered = np.zeros(len(starts) + 1, dtype=np.int64)
    np.add.at(covered, first_token + 1, 1)
    np.add.at(covered, after_run, -1)
    keep = np.cumsum(covered[:-1]) == 0
    if is_word is not None:
        is_word[first_token] = True
        is_word = is_word[keep]
    return starts[keep], ends[keep], in_token, is_word


def _word_or_period_before(data: np.ndarray, position: int) -> bool:
    """Whether the character before byte *position* of UTF-8 *data* is a period or a
    word character (``\\w`` or a combining mark)."""
    if position == 0:
        return False
    lead = position - 1
    while lead > 0 and 0x80 <= data[lead] < 0xC0:  # back to the character's first byte
        lead -= 1
    char = data[lead:position].tobytes().decode("utf-8", "surrogatepass")
    return char == "." or _char_classes(False, True)[ord(char)] == 1


def _split_clitics(data, starts, ends, in_token, is_word):
    """Split the clitics 's, 'm, 'd, 're, 've, 'll and n't off the word before
    them (straight or curly apostrophe), as :func:`_raw_spans` does. *is_word*
    says which tokens are words when punctuation marks are tokens too (else None)."""
    punctuation = is_word is not None
    straight = np.flatnonzero(data == 0x27)
    curly = np.flatnonzero(data == 0xE2)
    if len(curly):
        curly = curly[curly + 2 < len(data)]
        curly = curly[(data[curly + 1] == 0x80) & (data[curly + 2] == 0x99)]
    if len(straight) + len(curly) == 0:
        return starts, ends, in_token
    apostrophe = np.concatenate([straight, curly])
    after = apostrophe + np.where(np.arange(len(apostrophe)) < len(straight), 1, 3)
    k = np.searchsorted(starts, after)  # the token right after the apostrophe
    ok = k < len(starts)
    k, apostrophe, after = k[ok], apostrophe[ok], after[ok]
    ok = starts[k] == after
    k, apostrophe, after = k[ok], apostrophe[ok], after[ok]
    prev = k - (2 if punctuation else 1)  # with punctuation, k - 1 is the apostrophe itself
    ok = (prev >= 0) & (apostrophe > 0)
    k, apostrophe, prev = k[ok], apostrophe[ok], prev[ok]
    ok = ends[prev] == apostrophe
    if punctuation:
        ok &= is_word[prev]
    k, apostrophe, prev = k[ok], apostrophe[ok], prev[ok]
    if len(k) == 0:
        return starts, ends, in_token
    length = ends[k] - starts[k]
    first = data[starts[k]] | 0x20
    second = np.where(length == 2, data[np.minimum(starts[k] + 1, len(data) - 1)] | 0x20, 0)
    one = (length == 1) & np.isin(first, np.frombuffer(b"smd", dtype=np.uint8))
    two = (length == 2) & (
        ((first == ord("r")) & (second == ord("e")))
        | ((first == ord("v")) & (second == ord("e")))
        | ((first == ord("l")) & (second == ord("l")))
    )
    before = data[apostrophe - 1] | 0x20
    negation = (length == 1) & (first == ord("t")) & (ends[prev] - starts[prev] >= 2) & (before == ord("n"))
    clitic = one | two
    if not (clitic.any() or negation.any()):
        return starts, ends, in_token
    # the arrays are this batch's own: change them in place
    moved = clitic | negation
    first_byte, width = apostrophe[moved], (starts[k] - apostrophe)[moved]  # 1 (') or 3 (’) bytes
    for offset in range(3):
        in_token[first_byte[width > offset] + offset] = True
    starts[k[clitic]] = apostrophe[clitic]
    starts[k[negation]] = apostrophe[negation] - 1
    ends[prev[negation]] = apostrophe[negation] - 1
    if punctuation:
        keep = np.ones(len(starts), dtype=bool)
        keep[k[clitic | negation] - 1] = False  # the apostrophe tokens
        starts, ends = starts[keep], ends[keep]
    return starts, ends, in_token


def _token_bounds(data: np.ndarray, punctuation: bool, marks: bool = False):
    """Byte offsets where tokens start and end (exclusive) in UTF-8 *data*, and
    a mask of the bytes inside tokens; with *punctuation*, also which tokens are words."""
    table = _char_classes(punctuation, marks)
    if len(data) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool), np.zeros(0, dtype=bool)
    if punctuation:
        cls = table[:256][data]
    else:  # arithmetic beats a table lookup on ASCII bytes
        low = data | 0x20
        cls = ((data >= 0x30) & (data <= 0x39)) | ((low >= 0x61) & (low <= 0x7A)) | (data == 0x5F)
        cls = cls.view(np.uint8)
    leads = np.flatnonzero(data >= 0xC0)
    if len(leads):
        cls[data >= 0x80] = 0
        padded = np.concatenate([data, np.zeros(4, dtype=np.uint8)])
        first = data[leads].astype(np.int64)
        size = np.where(first >= 0xF0, 4, np.where(first >= 0xE0, 3, 2))
        point = first & np.where(size == 4, 0x07, np.where(size == 3, 0x0F, 0x1F))
        for k in (1, 2, 3):
            point = np.where(size > k, (point << 6) | (padded[leads + k] & 0x3F), point)
        value = table[np.minimum(point, 0x10FFFF)]
        for k in range(4):  # continuation bytes take their character's class
            sel = size > k
            cls[leads[sel] + k] = value[sel]
    if not punctuation:
        word = cls.view(bool)
        start = np.empty_like(word)
        start[0] = word[0]
        np.greater(word[1:], word[:-1], out=start[1:])
        end = np.empty_like(word)
        end[-1] = word[-1]
        np.greater(word[:-1], word[1:], out=end[:-1])
        return np.flatnonzero(start), np.flatnonzero(end) + 1, word, None
    # a punctuation character is a token alone: it starts at its lead byte and
    # ends where the next character starts
    is_lead = (data & 0xC0) != 0x80
    prev = np.concatenate([[0], cls[:-1]])
    nxt = np.concatenate([cls[1:], [0]])
    next_lead = np.concatenate([is_lead[1:], [True]])
    start = is_lead & (cls != 0) & ((cls == 2) | (prev != 1))
    end = next_lead & (cls != 0) & ((cls == 2) | (nxt != 1))
    starts = np.flatnonzero(start)
    return starts, np.flatnonzero(end) + 1, cls != 0, cls[starts] == 1
