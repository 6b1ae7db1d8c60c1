"""Scraped text mended before the voice rules run (toolkit/voice/quotes.py).

The strings are fragments of sentences of the nine-outlet news export (Dai 2017), one
sentence at most each, where a scrape put a hyphen for a space.
"""

import pytest

from toolkit.voice.quotes import repair_marks, restore_paragraphs


@pytest.mark.parametrize("scraped, mended", [
    ("Gauck-described Russia's insurgency in eastern Ukraine", "Gauck described Russia's insurgency in eastern Ukraine"),
    ("Sinn Fein leader-Gerry Adam-has said the onus is on the Taoiseach", "Sinn Fein leader-Gerry Adam has said the onus is on the Taoiseach"),
    ("The report-accused-Israel of imposing an apartheid regime", "The report accused Israel of imposing an apartheid regime"),
    ("Writing in his memoir,-Truman noted,", "Writing in his memoir, Truman noted,"),
    ('for simply the colour of his skin,"-Albert Fox, a legal director', 'for simply the colour of his skin," Albert Fox, a legal director'),
    ("The-Daily Telegraph, citing unnamed intelligence sources", "The Daily Telegraph, citing unnamed intelligence sources"),
])
def test_hyphens_for_spaces_next_to_speech_become_spaces(scraped, mended):
    assert repair_marks(scraped) == mended


@pytest.mark.parametrize("kept", [
    "Trump's self-described Twitter habit", "a value-added tax", "the so-called Islamic State group",
    "well-known, -5 degrees", "a Kremlin-led disinformation campaign",
])
def test_real_hyphens_are_kept(kept):
    assert repair_marks(kept) == kept


def test_restored_paragraph_breaks_keep_offsets():
    # ". - " ends a paragraph of the export (it lost its line breaks); " - " inside a sentence stays
    flat = "were no agency-reports, no breaking news - just a few tweets. - While scrolling through his last tweets,"
    restored = restore_paragraphs(flat)
    assert len(restored) == len(flat)
    first, second = restored.split("\n")
    assert first == "were no agency-reports, no breaking news - just a few tweets. "
    assert second == " While scrolling through his last tweets,"


def test_scraped_hyphen_after_a_comma_or_before_a_function_word_is_a_space():
    # real sentence of the export (Al Jazeera): the scrape put hyphens for spaces
    text = ("Rasha Al Aqeedi, a research fellow at Al Mesbar Studies and Research Centre in Dubai-and a Mosul "
            "native who lived there until 2013,-said that many Iraqis opposed Turkish intervention.")
    repaired = repair_marks(text)
    assert len(repaired) == len(text)
    assert "Dubai and a Mosul" in repaired and "2013, said" in repaired
    # compounds keep their hyphens
    for word in ("rock-and-roll", "state-of-the-art", "self-described", "Kassym-Jomart", "anti-terrorism"):
        assert repair_marks(f"It was a {word} show.") == f"It was a {word} show."


def test_hyphen_glued_to_the_next_sentence_is_a_lost_paragraph_break():
    # real text of the export (HuffPost newsletter; the words after "meddling" ours): ".-Here" ends a
    # paragraph, "U.S.-Mexico" does not
    text = ('President Donald Trump said he had "total" confidence in Sessions.-Here are four ways Congress could '
            "investigate potential Russian election meddling along the U.S.-Mexico border.")
    restored = restore_paragraphs(text)
    assert len(restored) == len(text)
    assert "Sessions.\nHere" in restored and "U.S.-Mexico" in restored


@pytest.mark.parametrize("scraped, mended", [
    ('They don"t know, the Sheriff"s office said; they"re sure we"ll see', "They don't know, the Sheriff's office said; they're sure we'll see"),
    # no letter before the mark, or no contraction after it: a quotation mark stays
    ('"the" ts, 9"s, "still", é"s, said "d', '"the" ts, 9"s, "still", é"s, said "d'),
])
def test_double_quote_inside_a_contraction_is_an_apostrophe(scraped, mended):
    import re

    assert repair_marks(scraped) == mended
    # the fast pattern (the mark first) finds what the plain one (a letter looked behind first) finds
    plain = re.compile(r'(?<=[A-Za-z])"(?=(?:t|s|re|ve|ll|d|m)\b)')
    assert plain.sub("'", scraped) == mended
