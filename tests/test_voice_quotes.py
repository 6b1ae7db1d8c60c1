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
