"""Tokenisation shared by frequency, TF-IDF, keyness and collocations.

One definition of a token is used everywhere, offline and deterministic:

* a **word** is a maximal run of characters that Python's ``re`` module calls
  ``\\w`` (letters, digits and underscore in any script); this is the same as
  scikit-learn's ``CountVectorizer(token_pattern=r"(?u)\\w+")``;
* with ``drop_punctuation=False`` every other non-space character is a token of
  its own (pattern ``\\w+|[^\\w\\s]``);
* lower-casing is Python's ``str.lower`` applied to the text *before*
  tokenising (as scikit-learn does);
* stop words are removed, numbers dropped and Snowball stems taken per token
  *type*, after lower-casing; removed tokens leave a gap, so n-grams never
  span them ("forces of terrorism" gives no "forces terrorism" bigram;
  scikit-learn would join the neighbours);
* n-grams are runs of ``n`` consecutive kept tokens in one document, joined by
  a single space.

The English stop-word list is scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words,
from the Glasgow Information Retrieval Group list; BSD-3-Clause licence), read
at run time. Stemming uses the Snowball English (Porter2) stemmer of the
``snowballstemmer`` package, which needs no downloaded data.

The bulk path (:func:`encode_texts`) classifies UTF-8 bytes with numpy and
counts token types with Arrow, which is several times faster than running a
regular expression in Python; :func:`tokenize` gives the same tokens for one
text and is what the tests compare the bulk path against.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.errors import ParameterError

_WORD_RE = re.compile(r"\w+")
_WORD_PUNCT_RE = re.compile(r"\w+|[^\w\s]")
# Characters whose lower-case form changes how a text splits into tokens
# (U+0130 lowers to "i" + a combining dot, which is not \w) or depends on the
# neighbours (capital sigma becomes final sigma at a word's end). Texts holding
# them are lower-cased whole before tokenising; every other text is tokenised
# first and its token types lower-cased, which gives the same tokens faster.
_CONTEXT_LOWER = ("\u0130", "\u03a3")
_STOP_WORD_LISTS = ("english",)


def english_stop_words() -> frozenset[str]:
    """Return scikit-learn's English stop words (318 lower-case words, BSD-3-Clause)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True)
class TokenSettings:
    """How texts become tokens; the same settings give the same tokens everywhere.

    Parameters
    ----------
    lowercase : bool
        Lower-case texts (``str.lower``) before tokenising.
    drop_punctuation : bool
        Keep only word tokens (``\\w+``); with False, each punctuation mark or
        symbol is a token too.
    drop_numbers : bool
        Drop tokens made only of decimal digits ("2022"; "3rd" stays).
    stop_words : None, "english" or iterable of str
        Stop words to remove (compared case-insensitively).
    extra_stop_words : iterable of str
        More stop words, added to ``stop_words`` (a user list next to "english").
    stem : bool
        Replace tokens by their Snowball English stem.
    min_count : int
        Drop terms with fewer occurrences in the table being built (frequency
        tables, keyness: target + reference, collocations: observed).
    ngram_range : (int, int)
        Smallest and largest n-gram length, 1 to 3.
    """

    lowercase: bool = True
    drop_punctuation: bool = True
    drop_numbers: bool = False
    stop_words: str | tuple[str, ...] | None = None
    extra_stop_words: tuple[str, ...] = ()
    stem: bool = False
    min_count: int = 1
    ngram_range: tuple[int, int] = (1, 1)
    _stop_set: frozenset = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self):
        stop = self.stop_words
        if isinstance(stop, str):
            if stop not in _STOP_WORD_LISTS:
                raise ParameterError(
                    f"stop_words={stop!r}: use None, 'english' or a list of words."
                )
            words = set(english_stop_words())
        elif stop is None:
            words = set()
        else:
            stop = tuple(sorted(set(stop)))  # a set's order would vary between runs
            words = set(stop)
            object.__setattr__(self, "stop_words", stop)
        extra = tuple(sorted(set(self.extra_stop_words)))
        object.__setattr__(self, "extra_stop_words", extra)
        words.update(extra)
        object.__setattr__(self, "_stop_set", frozenset(w.lower() for w in words))
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
        parts = ["word tokens (\\w+ runs)" if self.drop_punctuation else "word and punctuation tokens"]
        parts.append("lower-cased" if self.lowercase else "case kept")
        if self.drop_numbers:
            parts.append("numbers removed")
        stop = []
        if self.stop_words == "english":
            stop.append("scikit-learn's English list")
        elif self.stop_words:
            stop.append(f"a list of {len(self.stop_words)} words")
        if self.extra_stop_words:
            stop.append(f"{len(self.extra_stop_words)} extra words")
        parts.append("stop words removed (" + " and ".join(stop) + ")" if stop else "no stop words removed")
        parts.append("Snowball English stems" if self.stem else "not stemmed")
        low, high = self.ngram_range
        parts.append(f"{low}-grams" if low == high else f"{low}- to {high}-grams")
        if self.min_count > 1:
            parts.append(f"terms seen fewer than {self.min_count} times dropped")
        return "Tokens: " + ", ".join(parts) + "."


_SETTING_NAMES = (
    "lowercase", "drop_punctuation", "drop_numbers", "stop_words",
    "extra_stop_words", "stem", "min_count", "ngram_range",
)


def make_settings(settings: TokenSettings | None = None, **options) -> TokenSettings:
    """Return *settings* (default TokenSettings()) with keyword *options* applied."""
    if settings is not None and not isinstance(settings, TokenSettings):
        raise ParameterError(f"settings={settings!r}: pass a TokenSettings or None.")
    unknown = set(options) - set(_SETTING_NAMES)
    if unknown:
        raise ParameterError(f"unknown token option(s) {sorted(unknown)}; use {list(_SETTING_NAMES)}.")
    base = settings or TokenSettings()
    return base.replace(**options) if options else base


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
    if settings.lowercase:
        text = text.lower()
    pattern = _WORD_RE if settings.drop_punctuation else _WORD_PUNCT_RE
    vocabulary = Vocabulary(settings)
    codes = vocabulary.encode_types(pattern.findall(text))
    return [" ".join(vocabulary.terms[c] for c in gram) for gram in _ngram_tuples(codes, settings)]


def _ngram_tuples(codes: list[int], settings: TokenSettings):
    low, high = settings.ngram_range
    for n in range(low, high + 1):
        for i in range(len(codes) - n + 1):
            gram = codes[i : i + n]
            if min(gram) >= 0:
                yield gram


class Vocabulary:
    """Maps raw token types to term codes under one :class:`TokenSettings`.

    ``terms[code]`` is the term (lower-cased, stemmed as configured); code -1
    marks a removed token (stop word, number).
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
        if s.drop_numbers and term.isdecimal():
            return -1
        if term.lower() in s._stop_set:
            return -1
        if self._stemmer is not None:
            term = self._stemmer.stemWord(term)
        code = self._term_code.get(term)
        if code is None:
            code = self._term_code[term] = len(self.terms)
            self.terms.append(term)
        return code

    def encode_types(self, raw_types: Iterable[str]) -> list[int]:
        """Return the code of each raw type (adding new terms)."""
        cache = self._raw_code
        out = []
        for raw in raw_types:
            code = cache.get(raw)
            if code is None:
                code = cache[raw] = self._code_of_new(raw)
            out.append(code)
        return out

    def encode_array(self, raw_types: pa.Array) -> np.ndarray:
        """Codes of an Arrow array of distinct raw types; only unseen types go through Python."""
        known = pc.index_in(raw_types, value_set=self._raw_array) if len(self._raw_array) else None
        if known is None or known.null_count:
            new = raw_types if known is None else raw_types.filter(pc.is_null(known))
            new = new.cast(pa.large_string())
            self._raw_codes = np.concatenate([self._raw_codes, self.encode_types(new.to_pylist())])
            self._raw_array = pa.concat_arrays([self._raw_array, new])
            known = pc.index_in(raw_types, value_set=self._raw_array)
        return self._raw_codes[known.to_numpy()].astype(np.int32)


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


@functools.lru_cache(maxsize=2)
def _char_classes(punctuation: bool) -> np.ndarray:
    """Class of every code point: 1 word (``\\w``), 2 punctuation/symbol, 0 other (space).

    Built from Python's own ``re`` so the bulk path splits exactly as
    :func:`tokenize` does, whatever the Unicode version.
    """
    chars = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    points = np.concatenate([np.arange(0xD800), np.arange(0xE000, 0x110000)])
    table = np.zeros(0x110000, dtype=np.uint8)
    patterns = [(r"\w+", 1)] + ([(r"[^\w\s]+", 2)] if punctuation else [])
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
    starts, ends, in_token = _token_bounds(data, not settings.drop_punctuation)
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
    return TokenChunk(doc, vocabulary.encode_array(types.dictionary)[types.indices.to_numpy()])


def _token_bounds(data: np.ndarray, punctuation: bool):
    """Byte offsets where tokens start and end (exclusive) in UTF-8 *data*, and
    a mask of the bytes inside tokens."""
    table = _char_classes(punctuation)
    if len(data) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=bool)
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
        return np.flatnonzero(start), np.flatnonzero(end) + 1, word
    # a punctuation character is a token alone: it starts at its lead byte and
    # ends where the next character starts
    is_lead = (data & 0xC0) != 0x80
    prev = np.concatenate([[0], cls[:-1]])
    nxt = np.concatenate([cls[1:], [0]])
    next_lead = np.concatenate([is_lead[1:], [True]])
    start = is_lead & (cls != 0) & ((cls == 2) | (prev != 1))
    end = next_lead & (cls != 0) & ((cls == 2) | (nxt != 1))
    return np.flatnonzero(start), np.flatnonzero(end) + 1, cls != 0
