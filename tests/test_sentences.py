import pytest

from toolkit.sentences import paragraph_spans, sentence_spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two.", ["One.", "Two."]),
        ("Wang said on Jan. 10 it was over. Lavrov agreed.", ["Wang said on Jan. 10 it was over.", "Lavrov agreed."]),
        ("The U.S. Army left. Then what?", ["The U.S. Army left.", "Then what?"]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        # a quotation that opens with an editor's bracket ('"[Everything] ...', export article of fresh5 hit 1170)
        ('It was over, Priebus said. "[Everything] is fine," he said.',
         ["It was over, Priebus said.", '"[Everything] is fine," he said.']),
        ("J. K. Rowling wrote it. Yes!", ["J. K. Rowling wrote it.", "Yes!"]),
        # military and diplomatic titles end no sentence (export, round eight: the name after "Maj." lost its verb)
        ("The spokesman, Maj. Gen. Asif Ghafoor, said so. Brig. Gen. Tom Smith agreed.",
         ["The spokesman, Maj. Gen. Asif Ghafoor, said so.", "Brig. Gen. Tom Smith agreed."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ("no final stop", ["no final stop"]),
        ("3.5 percent rose. 2022 began.", ["3.5 percent rose.", "2022 began."]),
        ("中国反对颜色革命。外部势力干涉。", ["中国反对颜色革命。", "外部势力干涉。"]),
        ("王毅说，中方坚决反对。“颜色革命”不会得逞。", ["王毅说，中方坚决反对。", "“颜色革命”不会得逞。"]),
        ("“颜色革命”不会得逞。”王毅说。", ["“颜色革命”不会得逞。”", "王毅说。"]),
        ("会议于1月10日举行。CSTO部队撤离。", ["会议于1月10日举行。", "CSTO部队撤离。"]),
        ("   \n\n ", []),
    ],
)
def test_sentence_spans(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_sentence_spans_cover_every_non_blank_character():
    text = "A b. C d!\n\n  E f? g h.  \nI j"
    covered = {i for s, e in sentence_spans(text) for i in range(s, e)}
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


def test_paragraph_spans_are_trimmed_lines():
    text = "  first para \n\nsecond\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["first para", "second"]


def test_sentence_spans_of_a_part_are_those_of_its_slice():
    # sentence_spans(text, start, end) splits text[start:end] in place (the voice rules split one paragraph
    # at a time): the spans of the slice, moved by start, for every cut of a real article (Wikinews, CC BY 2.5)
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "voice" / "000_8078aa0c0a570eba.txt").read_text(encoding="utf-8")
    text += "\n  Dr. Who said so.  \n\nThe U.S. left. 中国反对。“好”王毅说。 end"
    cuts = sorted({0, len(text), *range(0, len(text), 37), *(i for i, c in enumerate(text) if c in "\n. ")})
    for start in cuts[::9]:
        for end in cuts[::13]:
            if start <= end:
                moved = [(start + s, start + e) for s, e in sentence_spans(text[start:end])]
                assert sentence_spans(text, start, end) == moved, (start, end)


def _plain_sentence_spans(text):
    """The splitter written plainly (the stops of _STOP.finditer over each line), as an oracle of the fast one."""
    from toolkit.sentences import _STOP, _is_abbreviation, _line_spans

    spans = []
    for line_start, line_end in _line_spans(text):
        sentence_start = line_start
        for match in _STOP.finditer(text, line_start, line_end):
            if match.group("stop") == "." and _is_abbreviation(text, match.start()):
                continue
            if match.end() > sentence_start:
                spans.append((sentence_start, match.end()))
            sentence_start = match.end()
            while sentence_start < line_end and text[sentence_start].isspace():
                sentence_start += 1
        if sentence_start < line_end:
            spans.append((sentence_start, line_end))
    return spans


def test_sentence_spans_equal_the_plain_splitter_on_real_text():
    # the stops are found from their first characters, not by _STOP.finditer: the same sentences on every
    # article of the Wikinews reference (CC BY 2.5) and on runs of stops and marks
    from toolkit import load_sample

    texts = list(load_sample("reference")["text"]) + ["Wait... What?! No?? Yes!!! He said \"no.\" 。“好。”！ U.S... ok. A.B. C"]
    for text in texts:
        assert sentence_spans(text) == _plain_sentence_spans(text)


def _plain_sentence_around(text, start, end):
    """The sentence span of a hit written plainly: split the hit's lines, take the spans holding its ends."""
    from bisect import bisect_right

    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    spans = sentence_spans(text[line_start:line_end]) or [(start - line_start, end - line_start)]
    span_starts = [a for a, _ in spans]
    first = spans[max(bisect_right(span_starts, start - line_start) - 1, 0)]
    last = spans[max(bisect_right(span_starts, end - 1 - line_start) - 1, 0)]
    return line_start + first[0], line_start + max(last[1], end - line_start)


def test_sentence_around_a_hit_is_that_of_the_split_lines():
    # sentence_around splits only up to the hit: the same span as splitting its lines, for hits of every
    # word (and across a line break, and empty) of a real article (Wikinews, CC BY 2.5) and of odd lines
    import re
    from pathlib import Path

    from toolkit.sentences import sentence_around

    text = (Path(__file__).parent / "data" / "voice" / "000_8078aa0c0a570eba.txt").read_text(encoding="utf-8")
    text += "\n   Dr. Who said so.  \ncolor\nrevolution. The U.S. left.\n\n  x"
    words = [m.span() for m in re.finditer(r"\w+", text)]
    hits = words + [(a, b) for (a, _), (_, b) in zip(words, words[1:])]  # a word, two words ("left. Then")
    hits += [(text.index("color"), text.index("revolution") + 10)]
    hits += [(i, i) for i in range(0, len(text), 97)]
    for start, end in hits:
        assert sentence_around(text, start, end) == _plain_sentence_around(text, start, end), (start, end)
    # with the lines kept between calls (each line split once), in text order and in any order
    for order in (hits, hits[::-1], hits[::7] + hits[3::5]):
        lines = {}
        for start, end in order:
            assert sentence_around(text, start, end, lines=lines) == _plain_sentence_around(text, start, end)
