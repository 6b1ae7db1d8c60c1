"""HTML extraction: trafilatura plus the standfirst rule of toolkit.html_extract."""

import pytest

from toolkit.html_extract import extract_article, front_page, page_site_name, title_without_site

LEAD = "Three people have died during protests against the interim government, after clashes between supporters and security forces."
BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "In addition to the three deaths at a fuel plant on Tuesday, the public defender's office said another thirty people had been injured in the clashes.",
        "The office said the deaths were caused by gunshot wounds and called on the government to open an investigation into the events at the plant.",
        "A journalist in the area also reported hearing gunfire near the facility, which protesters had blockaded for several days before the clashes began.",
        "A doctor at the scene said he had tried to save one of the wounded demonstrators but failed, and that many more had been taken to hospital.",
    )
)


def page(description: str, summary: str) -> str:
    return f"""<html><head><title>Deaths in clashes near fuel plant</title>
<meta name="description" content="{description}"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Deaths in clashes near fuel plant</h1>{summary}
<article><div class="article__text">{BODY}</div></article></body></html>"""


@pytest.mark.parametrize(
    ("description", "summary", "lead_kept"),
    [
        (LEAD, f'<div class="article__summary">{LEAD}</div>', True),  # shown above the body, dropped by trafilatura: restored
        (LEAD, "", False),  # only in <meta>: a teaser the reader never sees
        ("Clashes near a fuel plant.", '<div class="summary">Clashes near a fuel plant.</div>', False),  # too short to be a lead
    ],
)
def test_standfirst_shown_on_the_page_is_restored_once(description, summary, lead_kept):
    text = extract_article(page(description, summary))["text"]
    assert text.count(LEAD) == (1 if lead_kept else 0)
    assert text.startswith(LEAD) == lead_kept
    assert "In addition to the three deaths" in text


def test_standfirst_already_in_the_text_is_not_repeated():
    html = page(LEAD, "").replace('<div class="article__text">', f'<div class="article__text"><p>{LEAD}</p>')
    assert extract_article(html)["text"].count(LEAD) == 1


@pytest.mark.parametrize("head, url", [
    # the head of a saved Reuters page (Nov 2019), whose canonical link trafilatura left unread
    ('<link rel="canonical" href="https://www.reuters.com/article/us-global-markets-idUSKBN1XT00W">',
     "https://www.reuters.com/article/us-global-markets-idUSKBN1XT00W"),
    ("<meta content='https://news.example.org/a?x=1&amp;y=2' property='og:url'>", "https://news.example.org/a?x=1&y=2"),
    ('<link href="/relative/only" rel="canonical">', ""),  # not an address on its own
    ('<meta name="description" content="https://not.the.url/">', ""),
])
def test_the_pages_declared_address(head, url):
    from toolkit.html_extract import _declared_url

    assert _declared_url(f"<html><head>{head}</head><body></body></html>") == url


# Titles as saved news pages give them (newspaper4k's test pages: CNN, Sott.net, LinkNaija, Xinhua, Ultima Hora,
# Yonhap), written anew with headlines of our own; site names as the page declares them, then the outlet.
@pytest.mark.parametrize(
    ("title", "site_names", "domain", "known", "expected"),
    [
        ("Takeaways from the minister's testimony at the fraud trial | CNN Politics", ["CNN", "CNN"], "cnn", "CNN",
         "Takeaways from the minister's testimony at the fraud trial"),  # the outlet table knows "CNN Politics"
        ("New court files expose a security firm's spying -- Sott.net", ["Sott.net", "sott.net"], "sott", "",
         "New court files expose a security firm's spying"),
        ("LinkNaija | Nigeria's popular news platform: Actress returns to the screen",
         ["LinkNaija | Nigeria's popular news platform", "LinkNaija", "LinkNaija"], "linknaija", "",
         "Actress returns to the screen"),  # the declared name opens the title
        ("短缺药品保供稳价 全力保障临床用药需求-新华网", ["", "Xinhua"], "news", "Xinhua", "短缺药品保供稳价 全力保障临床用药需求"),
        ("Prosecutors will decide in Madrid on the appeal » Local » Noticias » Ultima Hora Mallorca",
         ["UHmallorca", "UHmallorca"], "ultimahora", "", "Prosecutors will decide in Madrid on the appeal"),  # breadcrumb
        ("North Korea warns of consequences over joint drill | Yonhap News Agency", ["Yonhap News Agency", "Yonhap"],
         "yna", "Yonhap", "North Korea warns of consequences over joint drill"),
        ("Reuters | Exclusive: oil output falls again", ["Reuters", "Reuters"], "reuters", "Reuters",
         "Exclusive: oil output falls again"),
        # what does not name the site stays
        ("All-new sedan is what we wanted from the maker - Auto News", ["AutoIndustriya.com", "autoindustriya.com"],
         "autoindustriya", "", "All-new sedan is what we wanted from the maker - Auto News"),
        ("Biden - CNN interview reveals his plans", ["CNN", "CNN"], "cnn", "CNN", "Biden - CNN interview reveals his plans"),
        ("Guns - the facts behind the figures", ["Guns.com", "guns.com"], "guns", "", "Guns - the facts behind the figures"),
        ("The Guardian view on Hong Kong: a city on the brink | Editorial", ["The Guardian", "The Guardian"],
         "theguardian", "The Guardian", "The Guardian view on Hong Kong: a city on the brink | Editorial"),
        ("CNN Politics", ["CNN", "CNN"], "cnn", "CNN", "CNN Politics"),  # nothing would be left
    ],
)
def test_title_without_the_sites_name(title, site_names, domain, known, expected):
    from toolkit.outlets import load_outlets

    outlets = load_outlets()
    is_site = lambda part: bool(known) and outlets.known(part) == known  # noqa: E731
    assert title_without_site(title, site_names=site_names, domain=domain, is_site=is_site) == expected


@pytest.mark.parametrize(
    ("name", "title", "url", "expected"),
    [
        ("CNN", "Storm eases before the holiday", "https://www.cnn.com/2013/11/27/travel/x", "CNN"),
        ("Sott.net", "Court files", "https://www.sott.net/article/1", "Sott.net"),  # a name written as a domain
        ("Politico", "Court files", "https://www.politico.com/news/1", "Politico"),
        ("Afpbbcom", "Attack kills 31", "http://www.afpbb.com/articles/-/3178894", ""),  # the address squashed
        ("Attack kills 31", "Attack kills 31", "https://prachatai.com/journal/2019/01/80642", ""),  # the headline
        ("LinkNaija | Nigeria's popular news platform", "x", "http://www.linknaija.com/2018/10/x.html", "LinkNaija"),
    ],
)
def test_page_site_name(name, title, url, expected):
    assert page_site_name(name, title=title, url=url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://www.wired.com/", True), ("http://edition.cnn.com", True), ("https://uk.yahoo.com/index.html", True),
     ("https://www.cnn.com/2023/11/06/politics/takeaways/index.html", False), ("https://time.com/6330957/x/", False),
     ("", False), ("not a url", False)],
)
def test_front_page(url, expected):
    assert front_page(url) is expected


def _dated_page(head: str, foot: str = "") -> str:
    return f"""<html><head><title>Rebels take weapons depots near the capital</title>{head}</head><body>
<h1>Rebels take weapons depots near the capital</h1><article>{BODY}</article><footer>{foot}</footer></body></html>"""


@pytest.mark.parametrize(
    ("head", "foot", "expected"),
    [
        # CNN Arabic's page of 28 August 2013 came out as 2013-01-01: htmldate's last resort, the year of the address
        ('<meta property="og:url" content="http://arabic.example.com/2013/middle_east/8/3/clashes/index.html">', "", "2013"),
        ("", "Copyright 2013 Example News", "2013"),  # or of a copyright line
        ('<meta property="og:url" content="http://www.example.com/2013/08/clashes.html">', "", "2013-08"),  # a month
        ('<meta property="article:published_time" content="2013-01-01T10:00:00Z">', "", "2013-01-01"),  # a real 1 January
        ('<meta property="article:published_time" content="2013-08-28T10:00:00Z">', "", "2013-08-28"),
    ],
)
def test_a_date_the_page_gives_only_to_the_year_or_month_says_so(head, foot, expected):
    assert extract_article(_dated_page(head, foot))["date"] == expected
