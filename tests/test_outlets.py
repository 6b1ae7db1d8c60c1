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
