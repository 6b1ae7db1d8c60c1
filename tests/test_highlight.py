"""highlight: one article as script-free HTML, every hit in a <mark> with its frame, voice and speaker."""

import html
import re

import pandas as pd
import pytest

from toolkit import ParameterError, highlight, match_frames
from toolkit.frames import Frame, FrameDictionary, Pattern

# Sentences of the bundled Xinhua article (data/raw), one planted tag to check escaping.
TEXT = (
    "Wang said China firmly opposes any attempt by external forces to provoke unrest and instigate "
    "\"color revolutions\" in Kazakhstan.\n"
    "Lavrov said the current chaos in Kazakhstan are riots <script>alert(1)</script> & more."
)
ARTICLES = pd.DataFrame({"doc_id": ["x1"], "title": ["Roundup: <b>FMs</b> hold phone call"], "text": [TEXT],
                         "outlet": ["Xinhua"], "date": [pd.Timestamp("2022-01-11")]})
FRAMES = FrameDictionary(name="test", version="1", frames=(
    Frame(id="external_forces", label="External forces", patterns=(Pattern("external forces"),)),
    Frame(id="color_revolution", label="Color revolution", patterns=(Pattern("color revolution"),)),
))


def text_of(markup: str) -> str:
    """The text a browser shows for the article body (tags removed, entities decoded)."""
    body = markup.split('white-space:pre-wrap; line-height:1.5">', 1)[1].rsplit("</div></div>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_each_hit_is_marked_with_frame_voice_and_speaker_on_hover():
    hits = match_frames(ARTICLES, FRAMES, voice=True)
    view = highlight(ARTICLES, hits, "x1", frames=FRAMES)
    marks = re.findall(r'<mark[^>]*title="([^"]*)"[^>]*>([^<]*)</mark>', view.html)
    assert [m[1] for m in marks] == ["external forces", "color revolutions"]
    first, second = (html.unescape(m[0]) for m in marks)
    assert first.startswith("External forces") and "voice: attributed" in first and "speaker: Wang" in first
    assert second.startswith("Color revolution") and "voice: quoted" in second
    assert view.n_hits == 2 and view._repr_html_() == view.html


def test_text_title_and_metadata_are_escaped_and_complete():
    view = highlight(ARTICLES, match_frames(ARTICLES, FRAMES, voice=True), "x1")
    assert "<script" not in view.html and "<b>FMs" not in view.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in view.html
    assert "Roundup: &lt;b&gt;FMs&lt;/b&gt; hold phone call" in view.html
    assert "Xinhua · 2022-01-11 · x1" in view.html
    assert text_of(view.html) == TEXT  # nothing lost or added between the marks


def test_overlapping_hits_of_two_frames_are_cut_into_pieces():
    text = "Officials blamed hostile external forces for the unrest."
    articles = pd.DataFrame({"doc_id": ["o"], "text": [text]})
    s1, s2 = text.index("hostile external forces"), text.index("external forces")
    hits = pd.DataFrame({"doc_id": ["o", "o"], "frame": ["hostile_forces", "external_forces"],
                         "pattern": ["hostile forces", "external forces"],
                         "start": [s1, s2], "end": [s1 + 23, s2 + 15],
                         "voice": ["outlet", "outlet"], "speaker": ["", ""]})
    view = highlight(articles, hits, "o")
    marks = re.findall(r'<mark[^>]*data-frames="([^"]*)"[^>]*title="([^"]*)"[^>]*>([^<]*)</mark>', view.html)
    assert [(m[0], m[2]) for m in marks] == [("hostile_forces", "hostile "),
                                            ("hostile_forces external_forces", "external forces")]
    assert html.unescape(marks[1][1]).splitlines()[1].startswith("external_forces")  # one hover line per hit
    assert "linear-gradient" in view.html  # the overlap is visible without hovering
    assert text_of(view.html) == text


def test_focus_outlines_one_hit_and_other_articles_hits_are_ignored():
    hits = match_frames(ARTICLES, FRAMES, voice=True)
    other = hits.assign(doc_id="elsewhere")
    view = highlight(ARTICLES, pd.concat([hits, other]), "x1", focus=(int(hits.start[1]), int(hits.end[1])))
    assert view.n_hits == 2 and view.html.count('id="focus"') == 1
    assert re.search(r'<mark id="focus"[^>]*>color revolutions</mark>', view.html)


def test_unknown_doc_id_fails_naming_it():
    with pytest.raises(ParameterError, match="doc_id='nope'"):
        highlight(ARTICLES, match_frames(ARTICLES, FRAMES, voice=True), "nope")


def test_focus_folds_the_earlier_paragraphs_without_a_script():
    text = ("Wang said China opposes any attempt by external forces to provoke unrest.\n"
            "Lavrov said Russia and China share the same view.\n"
            "Both oppose \"color revolutions\" in Central Asia.")
    articles = pd.DataFrame({"doc_id": ["p"], "text": [text]})
    hits = match_frames(articles, FRAMES, voice=True)
    focus = (text.index("color"), text.index("color") + len("color revolutions"))
    view = highlight(articles, hits, "p", focus=focus)
    assert '<details class="toolkit-before"><summary' in view.html and "2 earlier paragraphs</summary>" in view.html
    folded = view.html.split("</summary>", 1)[1].split("</details>", 1)[0]
    assert "external forces</mark>" in folded and "color" not in folded
    shown = text_of(view.html.replace("2 earlier paragraphs", ""))
    assert shown.replace("\n", "") == text.replace("\n", "")  # every character still there
    assert "<script" not in view.html
