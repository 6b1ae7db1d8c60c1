"""Text quality flags and the certain repairs of mangled quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import find_duplicates, load_articles
from toolkit.errors import ParameterError
from toolkit.load import QUALITY_COUNTS_ATTR
from toolkit.quality import quality_flags, repair_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # contractions: a " between a letter and t/s/ve/ll/re/m/d is an apostrophe
        ('They don"t go out, and it doesn"t make it any easier.', "They don't go out, and it doesn't make it any easier."),
        ('I"ve said it before and we"ll say it again.', "I've said it before and we'll say it again."),
        # "? after sentence punctuation before a letter: closing quote, lost space
        ('"It is hard to imagine a worse choice,"?Sen. Elizabeth Warren said.',
         '"It is hard to imagine a worse choice," Sen. Elizabeth Warren said.'),
        # possessive: word in s, no quotation open, lower-case word next
        ('The Senate voted on DeVos"?highly contentious nomination.', "The Senate voted on DeVos' highly contentious nomination."),
        ('It drew opposition from teachers"?unions.', "It drew opposition from teachers' unions."),
        # not certain: left alone
        ('He called them the "masterminds"?behind the attack.', 'He called them the "masterminds"?behind the attack.'),
        ('A court could determine "?at least temporarily "?the fate of thousands.',
         'A court could determine "?at least temporarily "?the fate of thousands.'),
        ('Commissioner O"ullivan said.', 'Commissioner O"ullivan said.'),
        ('She said "yes" and left.', 'She said "yes" and left.'),
    ],
)
def test_repair_text(text, expected):
    assert repair_text(text) == expected


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ("Former US President Barack Obama has enjoyed a spot of kitesurfing with Richard Branson.", ""),
        ("-1", "placeholder"),
        ("View Comments", "placeholder"),
        ("- -", "placeholder"),
        ("Scott Pruitt", "near_empty"),
        ("March 20", "near_empty"),
        ("said Ulrich K\ufffd\ufffdhn of the Carnegie Endowment for International Peace.", "replacement_char"),
        ("The cafÃ© said itâ€™s closed for the holidays this week.", "mojibake"),
        ('He called them the "masterminds"?behind a "Bowling Green attack" on troops.', "mangled_quotes"),
        ("Related:\nhttps://example.com/a\nhttps://example.com/b\nhttps://example.com/c", "link_list"),
        ("Top stories\nMarkets rally\nOil falls again\nSenate votes today\nWeather warning issued", "link_list"),
    ],
)
def test_quality_flags(text, flags):
    assert quality_flags(text) == flags


def test_load_flags_and_counts():
    frame = pd.DataFrame({"text": [
        "Russia is ready for contacts with US officials on Syria in Geneva, the deputy minister said.",
        "-1", "-1", "View Comments",
        "They don\"t know, said Ulrich K\ufffd\ufffdhn of the Carnegie Endowment for International Peace.",
    ]})
    articles = load_articles(frame)
    assert articles["quality"].tolist() == ["", "placeholder", "placeholder", "placeholder", "replacement_char"]
    assert "don't" in articles["text"][4]
    counts = articles.attrs[QUALITY_COUNTS_ATTR]
    assert counts["placeholder"] == 3 and counts["replacement_char"] == 1 and counts["link_list"] == 0


def test_placeholders_stay_out_of_duplicate_clusters():
    frame = pd.DataFrame({
        "text": ["-1", "-1", "View Comments", "View Comments",
                 "The ministers agreed to keep in contact on the situation in Kazakhstan, the ministry said.",
                 "The ministers agreed to keep in contact on the situation in Kazakhstan, the ministry said."],
        "url": ["http://tass.com/a", "http://tass.com/b", "http://www.rte.ie/a", "http://www.rte.ie/b",
                "http://tass.com/c", "http://www.cnn.com/d"],
    })
    articles = load_articles(frame)
    clusters = find_duplicates(articles)
    assert set(clusters["doc_id"]) == set(articles["doc_id"][4:])  # only the real reprint
    everything = find_duplicates(articles, placeholders=True)
    assert everything["cluster_id"].nunique() == 3
    with pytest.raises(ParameterError, match="placeholders"):
        find_duplicates(articles, placeholders="yes")


@pytest.mark.parametrize(
    "text",
    [
        'Whatever happened to the "It girl"? They were everywhere a decade ago.',
        "This content is not available in your region, the broadcaster said on Monday.",
    ],
)
def test_real_prose_is_not_flagged(text):
    assert quality_flags(text) == ""
