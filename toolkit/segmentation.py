"""Chinese word segmentation for the tokeniser: jieba-rs on OpenCC-simplified text.

Runs of Han characters are cut by jieba (the Rust port jieba-rs, through the
``rjieba`` package, whose dictionary is compiled into the wheel; Sun 2012,
https://github.com/fxsjy/jieba) on their simplified form (OpenCC ``t2s``), so
that traditional characters segment as simplified ones do; the words keep
the characters as written. Other characters of a token form one word each
run. ``benchmarks/bench_tokens.py`` compares rjieba with Python jieba.
"""

from __future__ import annotations

import functools
import re

from toolkit.scripts import HAN

_HAN_RUN_SPLIT = re.compile(f"([{HAN}]+)")


@functools.lru_cache(maxsize=None)
def opencc_converter(config: str):
    """The toolkit's one OpenCC converter of *config* (``"t2s"``, ``"s2tw"``, ...),
    made on first use; None without the ``opencc`` package.

    The segmenter and the dictionary's script variants
    (:func:`toolkit.frames.chinese_forms`) share it.
    """
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC(config)


def _to_simplified():
    converter = opencc_converter("t2s")
    if converter is None:
        raise ImportError("Chinese word segmentation needs the opencc package (pip install opencc)")
    return converter.convert


@functools.lru_cache(maxsize=8)
def _segmenter(words: tuple[str, ...]):
    """A jieba-rs segmenter with *words* (and their simplified forms) added."""
    import rjieba

    jieba = rjieba.Jieba()
    for word in words:
        for form in {word, _to_simplified()(word)}:
            jieba.add_word(form, None, None)
    return jieba


def segment(raw: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the words of *raw*: each run of Han characters cut by jieba
    (on its simplified form, so traditional text segments as well), each run
    of other characters one word."""
    return segment_many([raw], words)[0]


def segment_many(raws: list[str], words: tuple[str, ...]) -> list[list[tuple[int, int]]]:
    """:func:`segment` of many raw types, with one call to OpenCC and jieba
    (the Han runs joined by line breaks, which jieba never joins to a word)."""
    parts = [_HAN_RUN_SPLIT.split(raw) for raw in raws]
    runs = [part for split in parts for part in split[1::2]]
    cut = (length for start in range(0, len(runs), 20_000) for length in _cut_lengths(runs[start : start + 20_000], words))
    out = []
    for split in parts:
        spans, position = [], 0
        for i, part in enumerate(split):
            end = position + len(part)
            if i % 2 == 0:
                if part:
                    spans.append((position, end))
            else:
                while position < end:
                    length = next(cut)
                    spans.append((position, position + length))
                    position += length
            position = end
        out.append(spans)
    return out


def _cut_lengths(runs: list[str], words: tuple[str, ...]) -> list[int]:
    """Lengths of the words of Han *runs*, in order (a slice at a time bounds memory)."""
    joined = "\n".join(runs)
    simplified = _to_simplified()(joined)
    if len(simplified) != len(joined):  # a conversion changed lengths: convert run by run
        simplified = "\n".join(s if len(s := _to_simplified()(r)) == len(r) else r for r in runs)
    return [len(w) for w in _segmenter(words).cut(simplified, hmm=True) if w != "\n"]
