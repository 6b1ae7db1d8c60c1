"""Canonical outlet names, registrable-domain fallback, publisher vs wire."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from toolkit import frame_rates, load_articles, load_outlets
from toolkit.errors import ParameterError
from toolkit.outlets import OUTLETS_FILE, registrable_domain

TABLE = load_outlets()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("TASS", "TASS"), ("TASS.", "TASS"), ("TASS/", "TASS"), (" tass ", "TASS"), ("ТАСС", "TASS"),
        ("ITAR-TASS", "TASS"), ("Xinhua News Agency", "Xinhua"), ("The Associated Press", "AP"),
        ("Deutsche Welle", "DW"), ("Huffington Post", "HuffPost"), ("aljazeera.com", "Al Jazeera"),
        ("Some Local Gazette.", "Some Local Gazette"), ("", ""),
        ("FOX 13 News Utah (KSTU)", "FOX 13 News Utah (KSTU)"),  # a bracket of its own is kept
        ("(Reuters)", "Reuters"), ("British Broadcasting Corporation", "BBC"),  # BBC Chinese's pages
    ],
)
def test_canonical_names(name, expected):
    assert TABLE.canonical(name) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://tass.com/politics/930000", "TASS"),
        ("http://www.aljazeera.com/news/2017/02/x.html", "Al Jazeera"),
        ("http://europe.chinadaily.com.cn/world/2017-02/03/content_28.htm", "China Daily"),
        ("http://abcnews.go.com/Politics/story?id=1", "ABC News"),
        ("https://www.bbc.co.uk/news/uk-1", "BBC"),
        ("http://www.rte.ie/news/2017/0203/x/", "RTÉ"),
        ("https://news.example.co.uk/a/b", "example.co.uk"),  # unknown: registrable domain
        ("https://blog.example.com:8080/x", "example.com"),
        ("http://192.168.0.1/page", "192.168.0.1"),
        ("", ""),
    ],
)
def test_outlet_from_url(url, expected):
    assert TABLE.from_url(url) == expected


def test_registrable_domain_uses_the_public_suffix_list():
    assert registrable_domain("www.parliament.gov.uk") == "parliament.gov.uk"
    assert registrable_domain("a.b.example.com.au") == "example.com.au"


def test_table_covers_the_outlets_framing_research_studies():
    entries = yaml.safe_load(OUTLETS_FILE.read_text(encoding="utf-8"))["outlets"]
    assert len(entries) >= 60
    countries = {entry.get("country") for entry in entries.values() if entry.get("state")}
    assert {"CN", "RU", "IR", "TR", "QA"} <= countries
    assert {"Reuters", "AP", "AFP", "Xinhua", "TASS"} <= TABLE.wires
    assert {"IN", "BR", "AR", "MX"} <= {entry.get("country") for entry in entries.values()}


def test_user_file_extends_and_overrides(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("outlets:\n  Kazinform: {domains: [inform.kz], aliases: [KazInform News], wire: true}\n"
                    "  The Huffington Post: {domains: [huffingtonpost.com]}\n", encoding="utf-8")
    table = load_outlets(path)
    assert table.from_url("https://www.inform.kz/en/x") == "Kazinform"
    assert table.canonical("KAZINFORM NEWS") == "Kazinform" and "Kazinform" in table.wires
    assert table.from_url("http://www.huffingtonpost.com/entry/x") == "The Huffington Post"
    csv = tmp_path / "t.csv"
    csv.write_text("text,url\nAstana reported calm on Monday.,https://www.inform.kz/en/a\n", encoding="utf-8")
    assert load_articles(csv, outlets=path)["outlet"].tolist() == ["Kazinform"]


@pytest.mark.parametrize("text", ["outlets: [a, b]\n", "outlets:\n  X: {domain: [x.com]}\n", "outlets: {X: {domains: x.com}}\n"])
def test_bad_outlet_files_name_the_parameter(tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParameterError, match="outlets"):
        load_outlets(path)


def _wire_corpus() -> pd.DataFrame:
    return pd.DataFrame({
        "url": ["http://www.huffingtonpost.com/entry/a", "http://www.huffingtonpost.com/entry/b",
                "http://tass.com/world/1", "http://www.cnn.com/2017/03/01/politics/x"],
        "text": [
            "WASHINGTON (Reuters) - The U.S. Senate on Tuesday confirmed the nominee in a vote that split the chamber.",
            "The nominee said the sanctions would stay in place until the talks resumed in Geneva.",
            "MOSCOW, February 17. /TASS/. Russia is ready for contacts on Syria in Geneva, the minister said on sanctions.",
            "Washington (CNN)Vice President Mike Pence cast a historic tie-breaking vote on the nominee on Tuesday.",
        ],
    })


def test_wire_never_replaces_the_publisher():
    articles = load_articles(_wire_corpus())
    assert articles["outlet"].tolist() == ["HuffPost", "HuffPost", "TASS", "CNN"]
    assert articles["wire"].tolist() == ["Reuters", "", "TASS", ""]  # CNN's own dateline is no wire
    assert articles["dateline"].tolist() == ["WASHINGTON", "", "MOSCOW", "Washington"]
    assert articles["text"][3].startswith("Vice President Mike Pence")


def test_a_syndicated_variety_story_names_variety_as_its_source():
    # HuffPost ran Variety stories (distributed by Reuters) under this dateline; Variety is the
    # story's true source, so it stays in `wire`, under its outlet name rather than as "variety.com"
    articles = load_articles(pd.DataFrame({
        "url": ["http://www.huffingtonpost.com/2017/03/20/bernie-wrightson-dead_n_15480990.html"],
        "text": ["LOS ANGELES (Variety.com) - Bernie Wrightson, the prolific horror comic book artist, died on "
                 "Sunday after a long battle with brain cancer, his wife announced on his official website."],
    }))
    assert articles[["outlet", "wire", "dateline"]].values.tolist() == [["HuffPost", "Variety", "LOS ANGELES"]]
    assert articles["text"][0].startswith("Bernie Wrightson")


def test_rates_group_by_wire_or_outlet():
    articles = load_articles(_wire_corpus())
    hits = pd.DataFrame({"doc_id": [articles["doc_id"][0], articles["doc_id"][2], articles["doc_id"][2]],
                         "frame": ["sanctions"] * 3})
    by_wire = frame_rates(articles, hits, by="wire").set_index("wire")
    assert by_wire.loc["Reuters", "n_mentions"] == 1 and by_wire.loc["TASS", "n_mentions"] == 2
    assert by_wire.loc["", "n_articles"] == 2
    by_outlet = frame_rates(articles, hits, by="outlet").set_index("outlet")
    assert by_outlet.loc["HuffPost", "n_articles"] == 2 and by_outlet.loc["HuffPost", "n_mentions"] == 1


# A saved page of our own with the structure of real ones: the site names itself in og:site_name
# (AP's hosted pages say "Hosted", Sputnik's "SputnikInt") and gives its address as the canonical link.
_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<link rel="canonical" href="{url}">
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>{title}</h1>
<p>Lawmakers in the capital voted on Tuesday to extend the emergency measures for another ninety days, after a
debate that lasted well into the night and ended with a narrow majority.</p>
<p>Opposition members said the extension gave the government powers it did not need, while ministers argued
that the situation in the border provinces remained unstable and required a firm response.</p>
</article><footer>All rights reserved.</footer></body></html>
"""


def _page(path, *, site, url, title="Lawmakers extend emergency measures"):
    path.write_text(_PAGE.format(site=site, url=url, title=title), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("site", "url", "expected"),
    [
        ("Hosted", "https://hosted.ap.org/localpaper/article/0123456789abcdef/lawmakers-extend", "AP"),
        ("SputnikInt", "https://sputniknews.com/world/202201101234567890-lawmakers-extend/", "Sputnik"),
        ("RT International", "https://www.rt.com/news/123456-lawmakers-extend/", "RT"),  # known both ways
        ("Associated Press", "https://news.example-portal.com/2022/lawmakers-extend", "AP"),  # known name
        ("POLYGRAPH.info", "https://www.polygraph.info/a/lawmakers-extend/123.html", "Polygraph.info"),
        ("The Steppe Herald", "https://steppeherald.kz/2022/lawmakers-extend", "The Steppe Herald"),  # both unknown
        # a tagline after the name goes (LinkNaija's "LinkNaija | Nigeria's popular news platform")
        ("The Steppe Herald | Kazakhstan's popular news platform", "https://steppeherald.kz/2022/x", "The Steppe Herald"),
        # not a name: the address squashed (trafilatura's "Afpbbcom" for afpbb.com), or the headline (Prachatai)
        ("Steppeheraldkz", "https://www.steppeherald.kz/2022/lawmakers-extend", "steppeherald.kz"),
        ("Lawmakers extend emergency measures", "https://steppeherald.kz/2022/lawmakers-extend", "steppeherald.kz"),
    ],
)
def test_saved_page_known_domain_beats_an_unknown_site_name(tmp_path, site, url, expected):
    articles = load_articles(_page(tmp_path / "page.html", site=site, url=url))
    assert articles["outlet"].tolist() == [expected]
    assert articles["url"].tolist() == [url]


def test_saved_page_outlet_from_sidecar_metadata_wins(tmp_path):
    _page(tmp_path / "p.html", site="Hosted", url="https://hosted.ap.org/localpaper/article/0123/lawmakers")
    (tmp_path / "meta.csv").write_text("file,outlet\np.html,The Local Paper\n", encoding="utf-8")
    assert load_articles(tmp_path)["outlet"].tolist() == ["The Local Paper"]


def test_known_lookups_never_guess():
    assert TABLE.known_from_url("https://hosted.ap.org/x") == "AP"
    assert TABLE.known_from_url("https://news.example-portal.com/x") == ""
    assert TABLE.known("The Associated Press") == "AP" and TABLE.known("sputniknews.com") == "Sputnik"
    assert TABLE.known("Hosted") == "" and TABLE.known("") == ""
    assert TABLE.from_url("https://news.example-portal.com/x") == "example-portal.com"


def test_a_cnn_section_in_the_dateline_is_cnn_itself_not_a_wire():
    # CNN's business pages open "Hong Kong (CNN Business)": CNN's own section, as "Washington (CNN)"
    articles = load_articles(pd.DataFrame({
        "url": ["https://www.cnn.com/2019/11/18/investing/asian-market-latest/index.html"],
        "text": ["Hong Kong (CNN Business) — Asian markets were mixed on Monday as investors weighed the latest "
                 "signals on trade talks between the two largest economies in the world."],
    }))
    assert articles[["outlet", "wire", "dateline"]].values.tolist() == [["CNN", "", "Hong Kong"]]
