"""Cleaning scraped pages: general rules, site profiles as data, normalisation, dates."""

import os
from pathlib import Path

import pandas as pd
import pytest

from toolkit.clean import clean_page, guess_language, load_profiles, normalize_text, parse_date
from toolkit.errors import ParameterError

SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "000_8078aa0c0a570eba.txt"

SEED_CHROME = [
    "Comment(s)",
    "Print",
    "E-mail",
    "Adjust font size",
    "Enditem",
    "Follow China.org.cn",
    "ChinaNews App",
    "Bookmark and Share",
    "Go to Forum",
    "No comments",
    "Add your comments",
    "User Name",
    "Your Comment",
    "Enter the words",
    "Racist, abusive",
    "Send your stories",
    "Newsletter",
    "(Xinhua) --",
    "BEIJING, Jan. 11",
    "January 11, 2022",
]


def test_seed_page():
    page = clean_page(SEED.read_text(encoding="utf-8"))
    assert page["title"] == (
        "Roundup: Chinese, Russian FMs hold phone call on bilateral ties, situation in Kazakhstan"
    )
    assert (page["outlet"], page["dateline"], page["date"]) == ("Xinhua", "BEIJING", pd.Timestamp("2022-01-11"))
    assert page["text"].startswith("Chinese State Councilor and Foreign Minister Wang Yi on Monday")
    assert page["text"].endswith("address various challenges to regional security.")
    for chrome in SEED_CHROME:
        assert chrome not in page["text"], chrome
    assert page["text"].count("\n\n") == 13  # the 14 paragraphs survive, one blank line apart


# (page, expected fields, first words of text, last words of text)
VARIANTS = [
    pytest.param(
        "Russia, China discuss Kazakhstan\nShare\nTweet\nBy Ivan Petrov\n\n"
        "MOSCOW, Jan. 10 (TASS) -- Russian Foreign Minister Sergei Lavrov and his Chinese "
        "counterpart discussed the situation.\n\nThe ministers agreed to keep in contact. (END)\n\n"
        "Related stories\nFollow TASS on Telegram\n",
        {"title": "Russia, China discuss Kazakhstan", "outlet": "TASS", "dateline": "MOSCOW", "author": "Ivan Petrov"},
        "Russian Foreign Minister Sergei Lavrov",
        "agreed to keep in contact.",
        id="agency-dateline-END-other-chrome",
    ),
    pytest.param(
        "Protests spread in Kazakhstan\n\nJanuary 5, 2022 | 3 Comments | Share on Facebook\n\n"
        "ALMATY, Kazakhstan (Reuters) - Protesters stormed the mayor's office.\n\nMore follows.\n\n"
        "Leave a comment\nYour comment will be moderated.",
        {"title": "Protests spread in Kazakhstan", "outlet": "Reuters", "dateline": "ALMATY, Kazakhstan",
         "date": pd.Timestamp("2022-01-05")},
        "Protesters stormed",
        "More follows.",
        id="reuters-place-country-comment-widget",
    ),
    pytest.param(
        "Lavrov holds talks\n\nMOSCOW, January 10. /TASS/. Russia's top diplomat held talks on Monday.\n\n"
        "Follow us on Twitter",
        {"outlet": "TASS", "dateline": "MOSCOW"},
        "Russia's top diplomat",
        "on Monday.",
        id="tass-native-dateline",
    ),
    pytest.param(
        "Лавров провёл переговоры\n\nМОСКВА, 10 января. /ТАСС/. Министр иностранных дел России "
        "Сергей Лавров провёл переговоры.\n\nПодробнее позже.",
        {"outlet": "TASS", "dateline": "МОСКВА", "title": "Лавров провёл переговоры"},
        "Министр иностранных дел",
        "Подробнее позже.",
        id="russian-dateline",
    ),
    pytest.param(
        "中俄外长通电话\n\n新华社北京1月11日电（记者 张三）国务委员兼外长王毅10日同俄罗斯外长拉夫罗夫通电话。\n\n"
        "双方同意保持密切沟通。（完）\n\n【纠错】\n[责任编辑: 李四]",
        {"outlet": "Xinhua", "dateline": "北京", "title": "中俄外长通电话"},
        "国务委员兼外长王毅",
        "双方同意保持密切沟通。",
        id="chinese-xinhua-dateline",
    ),
    pytest.param(
        "Skip to main content\nMenu\nSearch\n\nHeadline without chrome after it\n\n"
        "WASHINGTON — The White House said on Tuesday it was watching closely.\n\n"
        "Copyright 2022 Example Media. All rights reserved.",
        {"title": "Headline without chrome after it", "dateline": "WASHINGTON", "outlet": ""},
        "The White House said",
        "watching closely.",
        id="navigation-and-copyright",
    ),
    pytest.param(  # the end of a CNN Wire story on a local station's page
        "New laws for the new year\n\nMore than 40,000 measures take effect in the states on January 1.\n\n"
        "™ & © 2013 Cable News Network, Inc., a Time Warner Company. All rights reserved.",
        {"title": "New laws for the new year"},
        "More than 40,000 measures",
        "take effect in the states on January 1.",
        id="trademark-and-copyright",
    ),
    pytest.param(
        "Headline of a state-media story\n\nThe ministry said on Monday that order had been restored.\n\n"
        "Also on rt.com Officials threatened with arrest as the crackdown widens\n\n"
        "Also on Tuesday, troops began to leave the city.\n\nLike this story? Share it with a friend!",
        {"title": "Headline of a state-media story"},
        "The ministry said on Monday",
        "troops began to leave the city.",
        id="related-link-and-share-prompt",
    ),
]


@pytest.mark.parametrize(("page", "expected", "start", "end"), VARIANTS)
def test_general_rules_on_other_pages(page, expected, start, end):
    cleaned = clean_page(page)
    for key, value in expected.items():
        assert cleaned[key] == value, key
    assert cleaned["text"].startswith(start)
    assert cleaned["text"].endswith(end)


def test_known_title_is_kept_and_date_line_leaves_the_body():
    text = "Friday, January 4, 2019\xa0\n\n\nAn apartment building collapsed on Monday.\n\n\nRescuers worked for days.\n"
    cleaned = clean_page(text, url="https://en.wikinews.org/wiki/X", title="Building collapses")
    assert cleaned["title"] == "Building collapses"
    assert cleaned["date"] == pd.Timestamp("2019-01-04")
    assert cleaned["outlet"] == "Wikinews"
    assert cleaned["text"] == "An apartment building collapsed on Monday.\n\nRescuers worked for days."


def test_prose_is_not_taken_for_a_title_or_a_byline():
    text = "Fellow-Citizens of the Senate and of the House of Representatives:\n\nAmong the vicissitudes.\n"
    cleaned = clean_page(text)
    assert cleaned["title"] == ""
    assert cleaned["text"] == text.strip()


def test_closing_date_of_a_title_gives_the_date():
    cleaned = clean_page("Annual Message to the Congress. January 22, 1970\n\nMr. Speaker, thank you.\nMore.")
    assert cleaned["date"] == pd.Timestamp("1970-01-22")


def test_user_profile_extends_the_rules(tmp_path):
    (tmp_path / "mysite.yaml").write_text(
        "name: mysite\ndetect:\n  domains: [mysite.example]\noutlet: My Site\n"
        "chrome_lines:\n  - 'sponsored by acme.*'\nend_markers:\n  - '\\[fin\\]'\n",
        encoding="utf-8",
    )
    page = "Title here\n\nBody one.\nSponsored by ACME rockets\nBody two. [fin]\nTrailing junk"
    profiles = load_profiles(tmp_path)
    on = clean_page(page, profiles=profiles, url="https://www.mysite.example/news/1")
    off = clean_page(page, profiles=profiles, url="https://elsewhere.example/1")
    assert (on["text"], on["outlet"]) == ("Body one.\nBody two.", "My Site")
    assert "Sponsored by ACME" in off["text"] and off["outlet"] == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name: x\nchrome_line: ['a']\n", "unknown keys"),
        ("name: x\nchrome_lines: ['(unclosed']\n", "bad regex"),
        ("name: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_profiles_are_refused(tmp_path, content, message):
    (tmp_path / "bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ParameterError, match=message):
        load_profiles(tmp_path / "bad.yaml")


def test_missing_profile_path():
    with pytest.raises(ParameterError, match="profiles"):
        load_profiles("no/such/profile.yaml")


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("  indented  \n\n\n\n  next  ", "indented\n\nnext"),
        ("e\u0301t\u00e9", "\u00e9t\u00e9"),  # NFC composes
        ("\n\n  lead and trail \n\n", "lead and trail"),
        ("\u3000ideographic space\u3000\n\xa0nbsp", "ideographic space\nnbsp"),
    ],
)
def test_normalize_text(raw, normalised):
    assert normalize_text(raw) == normalised
    assert normalize_text(normalised) == normalised  # idempotent: offsets stay valid


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("January 11, 2022", "2022-01-11"),
        ("Jan. 11 2022", "2022-01-11"),
        ("Friday, January 4, 2019", "2019-01-04"),
        ("11 January 2022", "2022-01-11"),
        ("2022-01-11", "2022-01-11"),
        ("2022/1/11", "2022-01-11"),
        ("2022-01-11T23:30:00-05:00", "2022-01-12 04:30:00"),
        ("2022年1月11日", "2022-01-11"),
        ("11 января 2022 года", "2022-01-11"),
        ("not a date", None),
        ("February 30, 2022", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    result = parse_date(value)
    assert result == (None if expected is None else pd.Timestamp(expected))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister said on Monday that the talks with the president were useful.", "en"),
        ("国务委员兼外长王毅10日同俄罗斯外长拉夫罗夫通电话。", "zh"),
        ("Министр иностранных дел Сергей Лавров провёл переговоры.", "ru"),
        ("Der Minister sagte am Montag, die Gespräche seien nützlich.", "de"),  # py3langid (issue 16)
        ("", ""),
    ],
)
def test_guess_language(text, language):
    assert guess_language(text) == language


def test_edited_profile_is_read_again(tmp_path):
    path = tmp_path / "site.yaml"
    path.write_text("name: site\nchrome_lines: ['drop me']\n", encoding="utf-8")
    assert clean_page("Keep.\ndrop me\nkeep me", profiles=load_profiles(path))["text"] == "Keep.\nkeep me"
    path.write_text("name: site\nchrome_lines: ['keep me']\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    assert clean_page("Keep.\ndrop me\nkeep me", profiles=load_profiles(path))["text"] == "Keep.\ndrop me"


def test_related_link_lines_go_and_prose_starting_the_same_way_stays():
    text = clean_page(VARIANTS[-1].values[0])["text"]
    assert "Also on rt.com" not in text and "Officials threatened" not in text
    assert "Also on Tuesday, troops began" in text


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("12/31/2022", None, None),  # never guessed
        ("01/02/2022", None, None),
        ("12/31/2022", "MDY", "2022-12-31"),
        ("01/02/2022", "MDY", "2022-01-02"),
        ("01/02/2022", "DMY", "2022-02-01"),
        ("31.12.22", "DMY", "2022-12-31"),  # %y: 00-68 are 20YY
        ("4/7/69", "MDY", "1969-04-07"),
        ("1/2/2017 14:05", "MDY", "2017-01-02 14:05"),
        ("12/31/2022", "DMY", None),  # no month 31
        ("January 11, 2022", "DMY", "2022-01-11"),  # other forms are read as always
    ],
)
def test_parse_date_reads_numbers_in_the_order_given(value, order, expected):
    assert parse_date(value, order=order) == (None if expected is None else pd.Timestamp(expected))


def test_parse_date_names_a_wrong_order():
    with pytest.raises(ParameterError, match="date_order"):
        parse_date("01/02/2022", order="YDM")


def test_a_paragraph_after_a_colon_line_is_no_two_line_title():
    text = "To the Congress of the United States:\nA quarter century ago the Congress decided this.\n\nMore.\n"
    assert clean_page(text)["title"] == ""
    text = "The minister said:\n\nWe will not accept interference in our internal affairs.\n\nMore text.\n"
    assert clean_page(text)["title"] == ""


def test_a_headline_in_capitals_may_close_with_a_full_stop_a_sentence_may_not():
    assert clean_page("THE BUDGET FOR 1946.\n\nTo the Congress:\nText.\n")["title"] == "THE BUDGET FOR 1946."
    assert clean_page("The budget was sent on Monday.\n\nTo the Congress:\nText.\n")["title"] == ""


def test_wikinews_profile_drops_interviewer_tags_and_captions_keeps_interviewees():
    """Lines of raw vanatteveldt/wikinews texts (Wikinews, CC BY 2.5), as the CSV has them."""
    text = ("Friday, March 5, 2021\xa0\n\n\nEU flags and placards. Image: C.Suthorn.\n\n\n"
            "Jo JorgensenImage: Jo Jorgensen for President.\n\n\nKamala Harris Image: U.S. Senate.\n\n\n"
            "((WN))  To what extent do the results of this study match up to your expectations?\n\n\n"
            "((WSS)): What influence would you like to see these results having on policymakers?\n\n\n"
            "((Richard Stallman))  The image: free software for everyone, which is what we asked for in 1985.\n")
    cleaned = clean_page(text, url="https://en.wikinews.org//wiki/X", title="An interview")
    assert cleaned["text"].split("\n\n") == [
        "To what extent do the results of this study match up to your expectations?",
        "What influence would you like to see these results having on policymakers?",
        "((Richard Stallman))  The image: free software for everyone, which is what we asked for in 1985.",
    ]
    # other sites keep such lines
    assert "((WN))" in clean_page(text, url="https://example.org/x", title="An interview")["text"]


def test_transcribers_notes_of_applause_leave_the_speech_prose_about_applause_stays():
    """Lines of State of the Union transcripts (nltk_data state_union, public domain)."""
    text = ("A headline\n\nLet's make it smaller, less costly, and smarter; leaner, not meaner. [Applause]\n"
            "I just told the Speaker the equal time doctrine is alive and well. (Laughter and applause.)\n"
            "No one is more eager to end welfare--[applause]--I may be the only President who has actually "
            "worked on a welfare program.\n"
            "When the bipartisan applause stopped, President Truman said, \"I am here.\" (Applause.)\n")
    assert clean_page(text)["text"].split("\n") == [
        "Let's make it smaller, less costly, and smarter; leaner, not meaner.",
        "I just told the Speaker the equal time doctrine is alive and well.",
        "No one is more eager to end welfare-- --I may be the only President who has actually worked on a "
        "welfare program.",
        "When the bipartisan applause stopped, President Truman said, \"I am here.\"",
    ]
