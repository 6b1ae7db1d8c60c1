"""Site profiles of the big outlets: boilerplate out, prose that looks like it kept.

The prose sentences are real ones (one sentence each) from news articles whose
wording resembles boilerplate: agency credits, "told Al Jazeera", "share",
"sign up", "China Daily".
"""

from __future__ import annotations

import pytest

from toolkit.clean import PROFILE_DIR, clean_page, load_profiles

PROFILES = load_profiles()
WANTED = {"aljazeera", "dw", "chinadaily", "globaltimes", "cgtn", "xinhua", "peoplesdaily", "tass", "rt",
          "sputnik", "cnn", "bbc", "huffpost", "reuters", "ap"}


def test_every_big_outlet_has_a_profile():
    assert WANTED <= {p.name for p in PROFILES}
    assert all((PROFILE_DIR / f"{name}.yaml").is_file() for name in WANTED)


# (url, one-line export text, boilerplate that must go, prose that must stay)
CASES = [
    pytest.param(
        "http://www.aljazeera.com/news/2017/02/x.html",
        "Most people live on less than $3 per day, a community leader at the Carradeux camp told Al Jazeera. "
        "READ MORE: Haiti's forgotten camps A legal source told AFP news agency on Tuesday that the case "
        "would go to trial. Source: Al Jazeera and news agencies",
        ["READ MORE:", "Source: Al Jazeera"],
        ["told Al Jazeera.", "A legal source told AFP news agency on Tuesday"],
        id="aljazeera",
    ),
    pytest.param(
        "http://www.dw.com/en/x/a-1",
        "The base killed the soldier to end the attack, a spokesman for US forces told Agence France-Presse (AFP). "
        "Send Facebook Twitter Google+ Whatsapp Tumblr linkedin stumble Digg reddit Newsvine Permalink "
        "http://dw.com/p/2Wx5C The man is believed to have entered France in 2015. mb/rt (AFP, dpa, Reuters)",
        ["Permalink", "Facebook Twitter", "mb/rt", "(AFP, dpa, Reuters)"],
        ["told Agence France-Presse (AFP).", "entered France in 2015."],
        id="dw",
    ),
    pytest.param(
        "http://europe.chinadaily.com.cn/business/2017-01/27/content_1.htm",
        "Recently, Flewitt spoke with China Daily about the luxury car maker's strategy in China. "
        "That's the approach China is taking. cecily.liu@mail.chinadailyuk.com "
        "(China Daily European Weekly 01/27/2017 page32)",
        ["@mail.chinadailyuk.com", "page32", "European Weekly"],
        ["spoke with China Daily about", "the approach China is taking."],
        id="chinadaily",
    ),
    pytest.param(
        "http://www.huffingtonpost.com/entry/x",
        "For more stories like this, sign up for the This Week on OWN newsletter, she said in a post. "
        "The Morning Email helps you start your workday with everything you need to know: breaking news, "
        "entertainment and a dash of fun. Learn more",
        ["Morning Email", "Learn more"],
        ["sign up for the This Week on OWN newsletter"],
        id="huffpost",
    ),
    pytest.param(
        "http://www.bbc.co.uk/news/business-1",
        "Share this with Media playback is not supported on this device Tax is set to rise as a share of "
        "the UK's income to its highest level since 1986, according to a think tank.",
        ["Share this with", "Media playback"],
        ["Tax is set to rise as a share of the UK's income"],
        id="bbc",
    ),
    pytest.param(
        "http://www.cnn.com/2017/02/07/politics/x/index.html",
        "Washington (CNN)Vice President Mike Pence cast a historic tie-breaking vote on Tuesday.",
        ["(CNN)"],
        ["Vice President Mike Pence cast a historic tie-breaking vote"],
        id="cnn",
    ),
    pytest.param(
        "http://tass.com/world/1",
        "ALEPPO /Syria/, February 17. /TASS/. The Russian special purpose medical detachment carries out "
        "consultations in Aleppo.",
        ["/TASS/", "ALEPPO"],
        ["The Russian special purpose medical detachment"],
        id="tass",
    ),
    pytest.param(
        "https://www.reuters.com/article/x",
        "The central bank held rates steady, a spokesman said.\n\n(Reporting by Jane Doe; Editing by John Roe)\n\n"
        "Our Standards: The Thomson Reuters Trust Principles.",
        ["Reporting by", "Trust Principles"],
        ["held rates steady, a spokesman said."],
        id="reuters",
    ),
    pytest.param(
        "https://apnews.com/article/x",
        "Officials said the bridge would reopen on Friday.\n\nCopyright 2017 The Associated Press. All rights reserved. "
        "This material may not be published.",
        ["Copyright", "may not be published"],
        ["would reopen on Friday."],
        id="ap",
    ),
    pytest.param(
        "https://sputniknews.com/world/x",
        "The minister said the talks would continue in Astana.\n\n"
        "The views and opinions expressed in the article do not necessarily reflect those of Sputnik.",
        ["views and opinions"],
        ["talks would continue in Astana."],
        id="sputnik",
    ),
    pytest.param(
        "https://www.rt.com/news/x",
        "Officials threatened the crackdown would widen, the ministry said.\n\nLike this story? Share it with a friend!",
        ["Like this story"],
        ["the ministry said."],
        id="rt",
    ),
    pytest.param(
        "http://www.globaltimes.cn/content/1.shtml",
        "The spokesperson said China firmly opposes the move.\n\nNewspaper headline: China opposes move",
        ["Newspaper headline"],
        ["China firmly opposes the move."],
        id="globaltimes",
    ),
    pytest.param(
        "https://news.cgtn.com/news/x.html",
        "Trade between the two countries grew by 10 percent last year, the ministry said. (With input from Xinhua)",
        ["With input from"],
        ["grew by 10 percent last year"],
        id="cgtn",
    ),
    pytest.param(
        "http://en.people.cn/n3/2017/x.html",
        "The delegation visited three provinces and met local officials, the report said. (Web editor: Li Ming)",
        ["Web editor"],
        ["visited three provinces and met local officials"],
        id="peoplesdaily",
    ),
]


@pytest.mark.parametrize(("url", "text", "gone", "kept"), CASES)
def test_profile_removes_boilerplate_and_keeps_prose(url, text, gone, kept):
    cleaned = clean_page(text, profiles=PROFILES, url=url, title="A headline")["text"]
    for fragment in gone:
        assert fragment not in cleaned, fragment
    for fragment in kept:
        assert fragment in cleaned, fragment


@pytest.mark.parametrize(
    "prose",
    [
        # real sentences that resemble a rule, on the outlet whose profile has the rule
        "Read more of the report, the minister said, and you will see the figures do not add up.",
        "Share prices fell sharply on Monday after the announcement, traders said.",
        "Learn more about the programme at the ministry's office, officials told residents.",
        "Video footage by activists on social media showed civilians fleeing the area.",
        "The author is a senior media consultant to China Daily.",
        "Editing by hand was slow, the archivist said, but it kept the records intact.",
    ],
)
@pytest.mark.parametrize("url", ["http://www.aljazeera.com/a", "http://www.huffingtonpost.com/a",
                                 "http://www.cnn.com/a", "http://www.chinadaily.com.cn/a", "https://www.reuters.com/a",
                                 "https://www.rt.com/a", "http://www.bbc.co.uk/a", "http://www.dw.com/a"])
def test_prose_survives_every_profile(prose, url):
    text = f"The first paragraph of the story sets out the facts.\n\n{prose}\n\nThe story goes on."
    assert prose in clean_page(text, profiles=PROFILES, url=url, title="A headline")["text"]
