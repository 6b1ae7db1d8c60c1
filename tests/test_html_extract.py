"""HTML extraction: trafilatura plus the standfirst rule of toolkit.html_extract."""

import pytest

from toolkit.html_extract import extract_article

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
