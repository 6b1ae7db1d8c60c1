"""Main text and metadata of a saved news web page, with trafilatura.

trafilatura (Barbaresi 2021, ACL demo) is the maintained reference extractor
of the field: it ranks at or near the top of the independent evaluations
(scrapinghub's article-extraction-benchmark, Bevendorff et al. 2023) and also
reads the page's metadata (title, date, author, site name) from its
``<meta>``/JSON-LD tags. Hand-written rules per site would not generalise.

The options were tuned on the 14 pages of ``benchmarks/eval_html_extraction.py``
(mean token F1: default balance 0.981, ``favor_precision`` 0.979,
``favor_recall`` 0.977; tables and comments made no difference there): comments
off (reader comments are not the outlet's text), tables off (news tables are
mostly layout or widgets), default balance between precision and recall.

Standfirst: trafilatura drops a lead paragraph kept outside the article body
(RT's ``article__summary``, many sites' "standfirst"). When the page's meta
description is printed in the page body, ahead of the extracted text, and the
extraction lacks it, it is restored as the first paragraph: the lead is the
outlet's own framing of the story. A description that is only in ``<meta>``
tags (a teaser the reader never sees) is never added. On the 14 evaluation
pages the mean token F1 goes from 0.981 to 0.985: RT 0.877 -> 1.000 (with the
generic rules for "Also on rt.com" and "Like this story?" lines), while
Sputnik and two Al Jazeera pages lose 0.02-0.03 because their ground truth
leaves the standfirst out.
"""

from __future__ import annotations

import html as html_module
import re

from toolkit.outlets import host_of

__all__ = ["extract_article", "EXTRACTION_OPTIONS", "front_page", "page_site_name", "title_without_site"]

#: Keyword arguments passed to ``trafilatura.bare_extraction``.
EXTRACTION_OPTIONS = {
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
    "favor_precision": False,
    "favor_recall": False,
    "deduplicate": False,
}


#: Shorter extractions are not articles (a page of navigation links gives "Home World Log in").
MIN_ARTICLE_CHARACTERS = 100
_CONFIG = None


def _config():
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        _CONFIG = use_config()
        _CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_ARTICLE_CHARACTERS))
    return _CONFIG


def extract_article(html: str, *, url: str | None = None, **options) -> dict:
    """Extract the article from one HTML page.

    Parameters
    ----------
    html : str
        The page source.
    url : str, optional
        The page's address, when known (helps metadata).
    **options
        Override :data:`EXTRACTION_OPTIONS`.

    Returns
    -------
    dict
        ``text`` ("" when no article of at least :data:`MIN_ARTICLE_CHARACTERS`
        was found), ``title``, ``date`` (str as
        trafilatura gives it, or None), ``author``, ``outlet`` (the site name),
        ``url``, ``language``; missing values are "".
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, config=_config(), **{**EXTRACTION_OPTIONS, **options}
    )
    if document is None:
        return {"text": "", "title": ""}
    text = document.text or ""
    title = (document.title or "").strip()
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:
        text = rest  # trafilatura repeats the headline as the first line
    standfirst = _shown_standfirst(html, document.description or "", text)
    if standfirst:
        text = standfirst + "\n" + text
    return {
        "text": text,
        "title": title,
        "date": _date_as_known(html, document.date, document.url or url) if document.date else None,
        "author": document.author or "",
        "outlet": document.sitename or "",
        "url": document.url or url or _declared_url(html),
        "language": document.language or "",
    }


def _date_as_known(html: str, date: str, url: str | None) -> str:
    """trafilatura's *date*, or only its year or month when nothing on the page gives the day.

    trafilatura asks htmldate for an "extensive search", whose last resort is a year (a copyright
    line, ``/2013/`` in the address) or a month, completed with the 1st (Barbaresi 2020, htmldate):
    CNN Arabic's page of 28 August 2013 came out as 2013-01-01. A date on the 1st that the
    ordinary search (page metadata, time elements, the address) does not find is such a guess;
    it is given as "2013" or "2013-08", which the loader stores with ``date_precision`` year or month.
    """
    if not re.fullmatch(r"\d{4}-\d{2}-01", date):
        return date
    from htmldate import find_date

    try:
        found = find_date(html, url=url or None, original_date=True, extensive_search=False,
                          outputformat="%Y-%m-%d")
    except (ValueError, TypeError):  # htmldate refuses some malformed pages; keep trafilatura's date
        return date
    if found == date:
        return date
    return date[:4] if date.endswith("-01-01") else date[:7]


# The page's own address, as its head declares it (trafilatura left a Reuters page's canonical link unread)
_URL_TAG = re.compile(r"<(?:link[^>]*\brel\s*=\s*[\"']?canonical\b|meta[^>]*\bproperty\s*=\s*[\"']?og:url\b)[^>]*>",
                      re.I)
_URL_ATTRIBUTE = re.compile(r"\b(?:href|content)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


def _declared_url(html: str) -> str:
    """The canonical link or og:url of the page's first 200,000 characters, if absolute; else ""."""
    for tag in _URL_TAG.finditer(html, 0, 200_000):
        found = _URL_ATTRIBUTE.search(tag.group())
        value = html_module.unescape(found.group(1) or found.group(2) or "").strip() if found else ""
        if value.lower().startswith(("http://", "https://")):
            return value
    return ""


def _squeeze(text: str) -> str:
    return " ".join(text.split())


#: Descriptions shorter than this are labels ("News", "Latest updates"), not a lead.
_MIN_STANDFIRST_CHARACTERS = 60


def _shown_standfirst(html: str, description: str, text: str) -> str:
    """The meta description when the page body shows it before the article text
    and the extracted text lacks it, else ""."""
    description = _squeeze(description)
    if len(description) < _MIN_STANDFIRST_CHARACTERS or not text or description in _squeeze(text):
        return ""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for junk in root.xpath("//head | //script | //style | //noscript | //template"):
        junk.drop_tree()
    body = _squeeze(root.text_content())
    shown = body.find(description)
    first_line = _squeeze(text.partition("\n")[0])[:80]
    body_start = body.find(first_line, max(shown, 0)) if first_line else -1
    return description if 0 <= shown < body_start else ""


# What a saved page's metadata means. trafilatura reads it as the page declares it; these rules say
# which parts name the site rather than the article (found on the saved pages of newspaper4k's tests,
# 23 news pages of 2012-2023 in nine languages, read by hand).

# Between a headline and the site's name in a title: " | ", " - ", " -- ", " » " (a breadcrumb),
# or a hyphen, underscore or colon between two CJK characters ("短缺药品保供稳价 全力保障临床用药需求-新华网")
_TITLE_SEPARATOR = re.compile(r"\s*[|｜»]\s*|\s+(?:--?|[–—·•])\s+|(?<=[^\x00-\x7f])[-_－：](?=[^\x00-\x7f])")
_BREADCRUMB = re.compile(r"\s*»\s*")
#: Words at most in a part of a title taken for the site's name ("CNN Politics", "Ultima Hora Mallorca").
SITE_NAME_WORDS = 6


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


#: Letters a part of a title may have after the site's name and still be taken for it ("Ultima Hora Mallorca").
_SITE_NAME_TAIL = 10


def _names_site(part: str, labels: list[str], is_site, *, tail: int = _SITE_NAME_TAIL) -> bool:
    """*part* of a title names the site: the outlet table knows it as the page's outlet, or it is a
    label, perhaps followed by a short word ("Ultima Hora Mallorca"; not "CNN interview reveals plans")."""
    if len(part.split()) > SITE_NAME_WORDS or len(part) > 40:
        return False
    squeezed = _letters(part)
    return bool(squeezed) and (is_site(part) or any(
        squeezed.startswith(label) and len(squeezed) - len(label) <= tail for label in labels))


def title_without_site(title: str, *, site_names, domain: str = "", is_site=lambda part: False) -> str:
    """*title* without the site's name the page's ``<title>`` or ``og:title`` adds to the headline.

    Parameters
    ----------
    title : str
    site_names : list of str
        Names of the site: its declared name and the outlet; each counts from three letters,
        compared on letters and digits without case.
    domain : str
        The address's domain without its suffix ("sott", "ultimahora"), a name of the site too,
        but only after the headline. A part after the headline names the site when it starts
        with a name and has at most 10 letters more; a part before it only when it is one.
    is_site : callable, optional
        ``is_site(part)`` is True when the outlet table knows *part* as the page's outlet
        ("CNN Politics" for CNN, "新华网" for Xinhua).

    "Takeaways from ... | CNN Politics" -> "Takeaways from ..."; a breadcrumb after the headline
    goes with the site at its end ("... de la Infanta » Local » Noticias » Ultima Hora Mallorca");
    the declared site name before the headline goes too ("LinkNaija | Nigeria's popular news
    platform: Nollywood Actress ..."). A part that does not name the site stays ("... - Auto News"),
    and so does a title that would be left empty.
    """
    names = [squeezed for squeezed in map(_letters, site_names) if len(squeezed) >= 3]
    labels = names + [squeezed for squeezed in [_letters(domain)] if len(squeezed) >= 3]
    for name in site_names:  # the declared name, then a separator, opening the title
        name = name.strip()
        if len(name) >= 3 and title.startswith(name):
            rest = re.match(r"\s*[|:：»\-–—]\s*", title[len(name):])
            if rest and title[len(name) + rest.end():].strip():
                title = title[len(name) + rest.end():]
                break
    cuts = list(_TITLE_SEPARATOR.finditer(title))
    if not cuts:
        return title
    last = cuts[-1]
    if not _names_site(title[last.end():], labels, is_site):
        first = cuts[0]
        if (first.start() > 0 and _names_site(title[: first.start()], names, is_site, tail=0)
                and title[first.end():].strip()):
            return title[first.end():].strip()
        return title
    end = last.start()
    if _BREADCRUMB.fullmatch(last.group()):  # the sections before the site's name go with it
        for cut in reversed(cuts[:-1]):
            if _BREADCRUMB.fullmatch(cut.group()) and len(title[cut.end():end].split()) <= 3:
                end = cut.start()
            else:
                break
    return title[:end].strip() or title


def page_site_name(site_name: str, *, title: str = "", url: str = "") -> str:
    """The name a saved page gives its site, when it is one; "" when it is not.

    Not the headline (Prachatai's page gave its headline as its site name), nor the address
    squashed together ("Afpbbcom" for afpbb.com, trafilatura's guess when a page declares no
    name): the address's domain then names the outlet better. A tagline after the name goes
    ("LinkNaija | Nigeria's popular news platform" -> "LinkNaija").
    """
    name = " ".join(site_name.split())
    if not name or (title and _letters(name) == _letters(title)):
        return ""
    host = host_of(url)
    if host and "." not in name and _letters(name) == _letters(host):
        return ""
    return re.split(r"\s+[|｜]\s+", name, maxsplit=1)[0]


def front_page(url: str) -> bool:
    """The address is a site's front page ("https://www.wired.com/", "http://edition.cnn.com"), not an article's."""
    match = re.match(r"[a-z]+://[^/?#]+(/[^?#]*)?", url.strip(), flags=re.I)
    return bool(match) and (match.group(1) or "/") in ("/", "/index.html", "/index.htm", "/index.php")
