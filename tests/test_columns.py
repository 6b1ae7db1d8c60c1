"""Column mapping: given, by name, by values; one warning for missing outlets; command-line parsing."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from toolkit import column_mapping, load_articles, load_report
from toolkit.columns import parse_column_options
from toolkit.errors import LoadWarning, ParameterError

# Real-world shaped rows: a nine-outlet export names its URL column "article_source_link".
BODY = (
    "The Senate voted on Tuesday to confirm the nominee after a long debate in which several "
    "members of the committee questioned her record and her plans for the department, and the "
    "vice president cast the deciding vote for the first time in the history of the chamber."
)


def _export(n: int, url_column: str = "article_source_link") -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": [str(i) for i in range(n)],
        "publish_date": [f"2017/2/{1 + i % 28}" for i in range(n)],
        url_column: [f"http://www.aljazeera.com/news/2017/02/story-{i}.html" if i % 2 else
                     f"https://europe.chinadaily.com.cn/world/2017-02/{i}.htm" for i in range(n)],
        "title": [f"Senate confirms nominee after debate number {i}" for i in range(n)],
        "text": [f"{BODY} Story {i}." for i in range(n)],
    })


def test_url_column_found_by_its_values_and_reported():
    articles = load_articles(_export(30))
    mapping = column_mapping(articles)
    assert list(mapping.columns) == ["field", "column", "how"]
    rows = {r.field: (r.column, r.how) for r in mapping.itertuples()}
    assert rows["url"] == ("article_source_link", "values")
    assert rows["text"] == ("text", "name") and rows["date"] == ("publish_date", "name")
    assert set(articles["outlet"]) == {"Al Jazeera", "China Daily"}


def test_every_field_found_by_values_when_names_say_nothing():
    frame = _export(30).rename(columns={"publish_date": "col_b", "article_source_link": "col_c",
                                         "title": "col_d", "text": "col_e"})
    articles = load_articles(frame)
    rows = {r.field: (r.column, r.how) for r in column_mapping(articles).itertuples()}
    assert rows["url"] == ("col_c", "values") and rows["date"] == ("col_b", "values")
    assert rows["text"] == ("col_e", "values") and rows["title"] == ("col_d", "values")
    assert articles["date"].notna().all()


def test_given_mapping_wins_and_is_reported_as_given():
    frame = _export(30)
    frame["other_link"] = "https://tass.com/politics/1"
    articles = load_articles(frame, columns={"url": "other_link"})
    rows = {r.field: (r.column, r.how) for r in column_mapping(articles).itertuples()}
    assert rows["url"] == ("other_link", "given")
    assert set(articles["outlet"]) == {"TASS"}


def test_prose_and_id_columns_are_not_taken_for_urls_or_dates():
    frame = pd.DataFrame({"id": [str(i) for i in range(30)], "notes": [BODY] * 30, "body": [BODY] * 30})
    with pytest.warns(LoadWarning, match="have no outlet"):
        articles = load_articles(frame)
    fields = set(column_mapping(articles)["field"])
    assert "url" not in fields and "date" not in fields


@pytest.mark.parametrize(("dates", "found"), [
    ([f"12/{1 + i % 28}/2016" for i in range(30)], False),  # month first (US), or day first? not guessed
    ([f"{1 + i % 28:02d}.12.2016" for i in range(30)], False),
    ([f"December {d}{'st' if d in (1, 21) else 'nd' if d in (2, 22) else 'rd' if d in (3, 23) else 'th'}, 2016"
      for d in (1 + i % 28 for i in range(30))], True),
    ([f"2016-12-{1 + i % 28:02d} 10:30" for i in range(30)], True),
])
def test_a_column_is_found_to_be_dates_only_when_the_loader_can_read_them(dates, found):
    frame = _export(30).rename(columns={"publish_date": "col_b", "article_source_link": "col_c"}).assign(col_b=dates)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        articles = load_articles(frame)
    rows = {r.field: (r.column, r.how) for r in column_mapping(articles).itertuples()}
    assert (rows.get("date") == ("col_b", "values")) is found
    assert bool(articles["date"].notna().all()) is found


def test_a_named_date_column_of_day_and_month_numbers_says_why_it_is_not_read():
    frame = _export(3).assign(publish_date=["12/31/2016", "01/02/2017", "2017-02-07"])
    with pytest.warns(LoadWarning):
        articles = load_articles(frame)
    assert articles["date"].isna().tolist() == [True, True, False]
    from toolkit import load_report

    reasons = " ".join(load_report(articles)["reason"].astype(str))
    assert "their order cannot be told" in reasons and "date_order='MDY'" in reasons


@pytest.mark.parametrize(("order", "expected"), [
    ("MDY", ["2016-12-31", "2017-01-02", "2017-02-07"]),
    ("DMY", [None, "2017-02-01", "2017-02-07"]),  # day 31 of month 12 is right; month 31 is not a date
])
def test_date_order_reads_day_and_month_numbers_in_the_order_given(order, expected):
    frame = _export(3).assign(publish_date=["12/31/2016", "01/02/2017", "2017-02-07"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        articles = load_articles(frame, date_order=order)
    want = [None if e is None else pd.Timestamp(e) for e in expected]
    got = [None if pd.isna(d) else d for d in articles["date"]]
    assert got == want


def test_date_order_is_checked_at_once():
    with pytest.raises(ParameterError, match="date_order"):
        load_articles(_export(3), date_order="YMD")


def test_one_warning_names_the_fix_when_outlets_are_missing():
    frame = _export(40).drop(columns=["article_source_link"])
    with pytest.warns(LoadWarning) as caught:
        load_articles(frame)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1
    assert "40 of 40 articles (100%) have no outlet" in messages[0] and "columns={'outlet'" in messages[0]


def test_no_warning_when_outlets_are_known():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_articles(_export(40))


@pytest.mark.parametrize(
    ("pairs", "yaml_text", "expected"),
    [
        (["url=link", "date = published"], None, {"url": "link", "date": "published"}),
        (None, "url: link\ntext: body\n", {"url": "link", "text": "body"}),
        (["url=href"], "url: link\ntext: body\n", {"url": "href", "text": "body"}),
    ],
)
def test_parse_column_options(tmp_path, pairs, yaml_text, expected):
    path = None
    if yaml_text is not None:
        path = tmp_path / "mapping.yaml"
        path.write_text(yaml_text, encoding="utf-8")
    assert parse_column_options(pairs, path) == expected


@pytest.mark.parametrize(
    ("pairs", "message"),
    [(["url"], "--column"), (["=link"], "--column"), (["body=text"], "unknown article field")],
)
def test_parse_column_options_rejects(pairs, message):
    with pytest.raises(ParameterError, match=message):
        parse_column_options(pairs)


def _table(path, header, rows):
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


_BODY = "The central bank raised its key rate by half a point on Friday, citing inflation that has not eased."


def test_a_column_no_input_has_names_the_parameter(tmp_path):
    """The reviewer's case: columns={"text": "body"} on a file without "body" gave 0 rows and a warning."""
    csv = _table(tmp_path / "news.csv", "title,text", [f'"Rates up","{_BODY}"'])
    with pytest.raises(ParameterError, match=r"columns: no input has the column\(s\) \{'text': 'body'\}.*'text'"):
        load_articles(csv, columns={"text": "body"})
    with pytest.raises(ParameterError, match=r"columns: .*'Title' -> 'title'"):
        load_articles(csv, columns={"title": "Title"})
    with pytest.raises(ParameterError, match="columns"):
        load_articles(pd.DataFrame({"text": [_BODY]}), columns={"url": "link"})


def test_a_column_some_inputs_have_reports_the_others(tmp_path):
    _table(tmp_path / "a.csv", "title,body", [f'"Rates up","{_BODY}"'])
    _table(tmp_path / "b.csv", "title,text", [f'"Rates up again","{_BODY}"'])
    with pytest.warns(LoadWarning, match="b.csv"):
        articles = load_articles(tmp_path, columns={"text": "body"})
    assert articles["title"].tolist() == ["Rates up"]
    report = load_report(articles)
    assert len(report) == 1 and report["path"][0].endswith("b.csv") and "'body' is missing" in report["reason"][0]


def test_columns_with_pages_only_is_not_checked(tmp_path):
    (tmp_path / "page.txt").write_text(_BODY + "\n", encoding="utf-8")
    assert len(load_articles(tmp_path, columns={"url": "link"})) == 1  # pages have no columns to map
