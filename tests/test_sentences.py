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
