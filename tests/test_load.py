"""load_articles end to end: samples, nothing lost, strict mode, ids, metadata, options."""

import gzip
import hashlib
import json
import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from toolkit.errors import LoadError, LoadWarning, ParameterError
from toolkit.load import load_articles, load_report, load_sample
from toolkit.schema import ARTICLE_COLUMNS, LOAD_REPORT_COLUMNS

DATA = Path(__file__).parent / "data" / "load"
PAGE = "Headline number {n}\n\n0 Comment(s)Print E-mail Xinhua, January {day}, 2022\n\nBEIJING, Jan. {day} (Xinhua) -- Story {n} body text.\n\nSecond paragraph. Enditem\n\nFollow us on Twitter\n"


def _page(n: int) -> str:
    return PAGE.format(n=n, day=1 + n % 28)


def test_seed_sample():
    articles = load_sample("seed")
    assert list(articles.columns) == list(ARTICLE_COLUMNS)
    assert len(articles) == 1
    seed = articles.iloc[0]
    assert seed["title"] == "Roundup: Chinese, Russian FMs hold phone call on bilateral ties, situation in Kazakhstan"
    assert (seed["outlet"], seed["dateline"], seed["date"]) == ("Xinhua", "BEIJING", pd.Timestamp("2022-01-11"))
    assert seed["text"].startswith("Chinese State Councilor and Foreign Minister Wang Yi")
    assert seed["text"].endswith("regional security.")
    for chrome in ("Comment(s)", "Print E-mail", "Adjust font size", "Enditem", "Follow China.org.cn", "No comments"):
        assert chrome not in seed["text"]
    assert seed["n_words"] == len(re.findall(r"\w+", seed["text"]))
    assert re.fullmatch(r"[0-9a-f]{16}", seed["doc_id"])
    assert seed["source_path"].endswith("data/raw/000_8078aa0c0a570eba.txt")
    assert pd.isna(seed["source_row"]) and seed["language"] == "en"
    assert str(articles["date"].dtype) == "datetime64[ns]"
    assert str(articles["n_words"].dtype) == "int64" and str(articles["source_row"].dtype) == "Int64"
    assert load_report(articles).empty


def test_reference_sample():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the bundled sample loads without a warning
        articles = load_sample("reference")
    assert len(articles) == 293
    assert set(articles["outlet"]) == {"Wikinews"}
    assert articles["date"].notna().all()
    assert articles["date"].between("2019-01-01", "2021-12-31").all()
    assert not articles["text"].str.match(r"\w+day, \w+ \d{1,2}, \d{4}").any()  # the date line left the body
    assert load_report(articles).empty


def _broken_folder(root: Path) -> dict[str, str]:
    """990 good pages and 10 broken files; returns {broken file name: reason fragment}."""
    for n in range(990):
        folder = root / f"batch{n % 7}"
        folder.mkdir(exist_ok=True)
        (folder / f"{n:04d}.txt").write_text(_page(n), encoding="utf-8")
    broken = {
        "empty1.txt": b"",
        "empty2.txt": b"",
        "blank1.txt": b"   \n\t\n",
        "blank2.txt": b"\n\n\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "program.txt": bytes(range(256)) * 4,
        "garbled.txt": b"Plain words \x98\x81\x8d\x8f\x90\x9d\x98 and more",
        "bad-bom.txt": b"\xef\xbb\xbfabc \xff\xfe",
        "notes.doc": b"some word processor file",
        "chrome.txt": b"Share\nPrint E-mail\nAdjust font size:\nNo comments.\n",
    }
    for name, data in broken.items():
        (root / name).write_bytes(data)
    return {
        "empty1.txt": "empty file", "empty2.txt": "empty file",
        "blank1.txt": "whitespace-only", "blank2.txt": "whitespace-only",
        "image.txt": "binary file", "program.txt": "binary file",
        "garbled.txt": "undecodable bytes", "bad-bom.txt": "invalid utf-8-sig",
        "notes.doc": "unsupported file type", "chrome.txt": "no text left",
    }


def test_thousand_files_ten_broken(tmp_path):
    expected = _broken_folder(tmp_path)
    with pytest.warns(LoadWarning) as caught:
        articles = load_articles(tmp_path, progress=False)
    assert len(caught) == 1 and "10 input(s)" in str(caught[0].message)
    assert len(articles) == 990
    report = load_report(articles)
    assert list(report.columns) == list(LOAD_REPORT_COLUMNS) and len(report) == 10
    for path, reason in zip(report["path"], report["reason"]):
        assert expected[Path(path).name] in reason, (path, reason)
    assert articles["doc_id"].is_unique
    assert (articles["outlet"] == "Xinhua").all() and (articles["dateline"] == "BEIJING").all()
    assert not articles["text"].str.contains("Enditem|Follow us|Comment").any()


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("feed.jsonl", b'{"text": "one"}\n{"text": "two"}\n{"text": "thr\n', "feed.jsonl, line 3: invalid JSON line"),
        ("table.csv", b"text,date\nfine,2022-01-01\n,2022-01-02\n", "table.csv, line 3: empty text"),
        ("dates.csv", b"text,date\nfine,2022-01-01\nalso fine,someday\n", "dates.csv, line 3: unparseable date 'someday'"),
        ("empty.txt", b"", "empty.txt: empty file"),
    ],
)
def test_strict_mode_names_file_and_line(tmp_path, name, data, where):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(LoadError) as caught:
        load_articles(tmp_path / name, strict=True)
    assert where in str(caught.value)
    assert caught.value.path.endswith(name)


def test_duplicate_ids_keep_the_first(tmp_path):
    (tmp_path / "a.csv").write_text("id,text\nx,first x\ny,first y\nx,second x\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "y", "text": "another y"}\n{"id": "z", "text": "z"}\n', encoding="utf-8")
    with pytest.warns(LoadWarning):
        articles = load_articles(tmp_path)
    assert articles[["doc_id", "text"]].values.tolist() == [["x", "first x"], ["y", "first y"], ["z", "z"]]
    report = load_report(articles)
    assert report["line"].tolist() == [4, 1]  # file lines: a.csv's header is line 1
    assert report["reason"].str.startswith("duplicate doc_id").all()
    assert "first in" in report["reason"][1] and "a.csv, line 3" in report["reason"][1]


def test_unparseable_dates_keep_the_article(tmp_path):
    (tmp_path / "d.csv").write_text(
        "text,date\none,2022-01-11\ntwo,next Tuesday\nthree,\nfour,11 January 2022\n", encoding="utf-8"
    )
    with pytest.warns(LoadWarning, match="1 input"):
        articles = load_articles(tmp_path / "d.csv")
    assert articles["text"].tolist() == ["one", "two", "three", "four"]
    assert articles["date"].tolist()[0] == pd.Timestamp("2022-01-11")
    assert pd.isna(articles["date"][1]) and pd.isna(articles["date"][2])
    assert articles["date"][3] == pd.Timestamp("2022-01-11")
    assert load_report(articles).to_dict("records")[0]["line"] == 3


def _fingerprint(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_inputs_are_never_changed(tmp_path):
    shutil.copytree(DATA / "encodings", tmp_path / "raw")
    before = _fingerprint(tmp_path / "raw")
    load_articles(tmp_path / "raw")
    assert _fingerprint(tmp_path / "raw") == before
    frame = pd.DataFrame({"body": ["  Some text\r\nhere ", "More"], "when": ["2022-01-01", "bad"], "n_words": [1, 2]})
    copy = frame.copy(deep=True)
    with pytest.warns(LoadWarning):
        articles = load_articles(frame, columns={"date": "when"})
    pd.testing.assert_frame_equal(frame, copy)
    assert articles["text"].tolist() == ["Some text\nhere", "More"]
    assert list(articles.columns) == [*ARTICLE_COLUMNS, "input_n_words"]


def _mixed_folder(root: Path) -> None:
    (root / "pages").mkdir(parents=True)
    (root / "pages" / "p1.txt").write_text(_page(1), encoding="utf-8")
    (root / "pages" / "p2.txt.gz").write_bytes(gzip.compress(_page(2).encode("utf-8")))
    (root / "feed.jsonl").write_text(json.dumps({"text": "json line", "title": "J"}) + "\n", encoding="utf-8")
    (root / "table.tsv").write_text("body\theadline\nrow one\tT1\nrow two\tT2\n", encoding="utf-8")
    shutil.copy(DATA / "article.html", root / "pages" / "article.html")


def test_doc_id_is_stable_when_the_folder_moves(tmp_path):
    _mixed_folder(tmp_path / "here" / "corpus")
    first = load_articles(tmp_path / "here" / "corpus")
    again = load_articles(tmp_path / "here" / "corpus")
    shutil.move(tmp_path / "here" / "corpus", tmp_path / "elsewhere")
    moved = load_articles(tmp_path / "elsewhere")
    assert len(first) == 6
    assert first["doc_id"].tolist() == again["doc_id"].tolist() == moved["doc_id"].tolist()
    assert first["doc_id"].is_unique
    assert not first["doc_id"].str.contains("/").any()


def test_list_of_folders_with_the_same_file_names(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(_page(len(name)), encoding="utf-8")
    articles = load_articles([tmp_path / "a", tmp_path / "b"])
    assert len(articles) == 2 and articles["doc_id"].is_unique


def test_glob_source(tmp_path):
    _mixed_folder(tmp_path)
    articles = load_articles(str(tmp_path / "**" / "*.txt*"))
    assert sorted(Path(p).name for p in articles["source_path"]) == ["p1.txt", "p2.txt.gz"]


def test_sidecar_metadata(tmp_path):
    for name in ("1789-Washington.txt", "1793-Washington.txt"):
        (tmp_path / name).write_text("Fellow citizens:\n\nI am again called upon.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,file,year,title,president\n"
        "1789-Washington,1789-Washington.txt,1789,First inaugural,Washington\n"
        "1793-Washington,1793-Washington.txt,1793,Second inaugural,Washington\n",
        encoding="utf-8",
    )
    articles = load_articles(tmp_path)
    assert articles["doc_id"].tolist() == ["1789-Washington", "1793-Washington"]
    assert articles["title"].tolist() == ["First inaugural", "Second inaugural"]
    assert articles["year"].tolist() == ["1789", "1793"]
    assert list(articles.columns) == [*ARTICLE_COLUMNS, "year", "president", "date_precision"]
    # no date in the texts or the metadata: the year the file names open with, marked as only a year
    assert articles["date"].dt.strftime("%Y-%m-%d").tolist() == ["1789-01-01", "1793-01-01"]
    assert articles["date_precision"].tolist() == ["year", "year"]


def test_legacy_encodings_through_the_loader():
    articles = load_articles(DATA / "encodings")
    assert len(articles) == 3
    assert not articles["text"].str.contains("\ufffd").any()
    bush = articles.set_index(articles["source_path"].map(lambda p: Path(p).name)).loc["2005-Bush.txt"]
    assert "sabbatical—and then there came a day of fire" in bush["text"]


def test_outlet_from_the_url_domain(tmp_path):
    (tmp_path / "t.csv").write_text(
        "text,url,source\none,https://www.example.org/a,\ntwo,https://news.example.com/b,Example Daily\n",
        encoding="utf-8",
    )
    articles = load_articles(tmp_path / "t.csv")
    assert articles["outlet"].tolist() == ["example.org", "Example Daily"]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"source": "no/such/folder"}, LoadError, "no such file or folder"),
        ({"source": "no/such/*.csv"}, LoadError, "no files match"),
        ({"source": []}, ParameterError, "source"),
        ({"source": 42}, ParameterError, "source"),
        ({"source": DATA, "encoding": "no-such-codec"}, ParameterError, "encoding"),
        ({"source": DATA, "strict": "yes"}, ParameterError, "strict"),
        ({"source": DATA, "progress": "always"}, ParameterError, "progress"),
        ({"source": DATA, "columns": {"body": "x"}}, ParameterError, "columns"),
        ({"source": DATA, "columns": {"text": 3}}, ParameterError, "columns"),
        ({"source": DATA, "columns": ["text"]}, ParameterError, "columns"),
        ({"source": DATA, "outlets": "no/such.yaml"}, ParameterError, "outlets"),
        ({"source": DATA, "profiles": "no/such.yaml"}, ParameterError, "profiles"),
    ],
)
def test_invalid_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        load_articles(**kwargs)


def test_unknown_sample():
    with pytest.raises(ParameterError, match="name"):
        load_sample("everything")


def test_progress_bar_does_not_change_the_result(tmp_path, capsys):
    _mixed_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        shown = load_articles(tmp_path, progress=True)
    assert "loading" in capsys.readouterr().err
    pd.testing.assert_frame_equal(shown, load_articles(tmp_path, progress=False))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1789, 1793], ["1789-01-01", "1793-01-01"]),
        ([pd.Timestamp("2022-01-11 08:00", tz="Asia/Shanghai"), pd.Timestamp("2022-01-11")], ["2022-01-11 00:00", "2022-01-11"]),
        (["2022-01-11T08:00:00+08:00", "11 January 2022"], ["2022-01-11 00:00", "2022-01-11"]),
    ],
)
def test_dates_of_every_type(values, expected):
    articles = load_articles(pd.DataFrame({"text": ["a", "b"], "date": values}))
    assert articles["date"].tolist() == [pd.Timestamp(e) for e in expected]


def test_nothing_loads_gives_an_empty_table_and_the_report(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.warns(LoadWarning, match="0 articles loaded"):
        articles = load_articles(tmp_path)
    assert list(articles.columns) == list(ARTICLE_COLUMNS) and articles.empty
    assert str(articles["date"].dtype) == "datetime64[ns]"
    assert load_report(articles)["reason"].tolist() == ["empty file"]


def test_report_line_is_the_file_line_where_the_row_starts(tmp_path):
    """A header, a quoted text over three lines, then an empty text: the report names line 5, not row 2."""
    (tmp_path / "t.csv").write_text(
        'article_id,title,text\n'
        '21,"Talks resume","Negotiators met again on Monday.\n\nThey said ""progress"" was made."\n'
        '22,"Empty",""\n'
        '23,"Later","A short closing article."\n',
        encoding="utf-8",
    )
    with pytest.warns(LoadWarning, match=r"t\.csv, line 5: empty text"):
        articles = load_articles(tmp_path / "t.csv")
    assert load_report(articles)[["line", "reason"]].values.tolist() == [[5, "empty text"]]
    assert articles["source_row"].tolist() == [2, 6]  # where each loaded article starts, as in the report
    with pytest.raises(LoadError, match=r"line 5: empty text"):
        load_articles(tmp_path / "t.csv", strict=True)


def test_report_line_with_crlf_blank_lines_and_a_malformed_row(tmp_path):
    (tmp_path / "w.csv").write_bytes(b'text,date\r\n"two\r\nlines",2022-01-01\r\n\r\nbad,row,here\r\n,2022-01-02\r\n')
    with pytest.warns(LoadWarning):
        articles = load_articles(tmp_path / "w.csv")
    report = load_report(articles)
    assert report[["line", "reason"]].values.tolist() == [
        [5, "malformed CSV row: expected 2 fields, saw 3"], [6, "empty text"]]
    assert articles["source_row"].tolist() == [2]


def test_csv_doc_ids_are_unchanged_by_counting_lines(tmp_path):
    """doc_id still hashes the data-row number, so ids made before lines were counted stay valid."""
    import hashlib

    (tmp_path / "t.csv").write_text('text\n"a\nb"\nc\n', encoding="utf-8")
    articles = load_articles(tmp_path / "t.csv")
    expected = [hashlib.sha1(f"t.csv:{row}".encode()).hexdigest()[:16] for row in (1, 2)]
    assert articles["doc_id"].tolist() == expected
    assert articles["source_row"].tolist() == [2, 4]


def test_tiny_cp1252_csv_loads_right(tmp_path):
    """The reviewer's 114-byte cp1252 CSV: read as Mac Roman it lost the "external forces" hit silently."""
    import toolkit

    text = "Officials said “external forces” were behind the riots in Almaty — a claim denied by many."
    (tmp_path / "tiny.csv").write_bytes(f'title,text\n"Déjà vu","{text}"\n'.encode("cp1252"))
    articles = load_articles(tmp_path / "tiny.csv")
    assert articles[["title", "text", "quality"]].values.tolist() == [["Déjà vu", text, ""]]
    assert len(toolkit.keyword_in_context(articles, "external forces", window=3)) == 1


_SAVED_PAGE = """<html><head><title>Port workers end strike</title>
<meta property="og:site_name" content="The Harbour Gazette">
<link rel="canonical" href="https://harbourgazette.example.org/2022/01/port-workers-end-strike">
</head><body><article><h1>Port workers end strike</h1>
<p>Dock workers returned to the terminals on Wednesday after the union accepted a pay offer that its leaders
had rejected twice, ending a stoppage that had left dozens of ships waiting offshore.</p>
<p>The port authority said it expected the backlog of containers to be cleared within ten days.</p>
</article></body></html>
"""


def test_the_same_page_saved_twice_is_flagged_not_dropped(tmp_path):
    (tmp_path / "x.html").write_text(_SAVED_PAGE, encoding="utf-8")
    (tmp_path / "x.html.gz").write_bytes(gzip.compress(_SAVED_PAGE.encode("utf-8")))
    with pytest.warns(LoadWarning, match="same URL and text"):
        articles = load_articles(tmp_path)
    assert len(articles) == 2 and articles["doc_id"].nunique() == 2
    (row,) = load_report(articles).to_dict("records")
    assert row["path"].endswith("x.html.gz") and pd.isna(row["line"])
    assert f"doc_id {articles['doc_id'][0]!r}" in row["reason"] and "x.html)" in row["reason"]


def test_same_url_and_text_in_a_table_is_flagged_with_its_line(tmp_path):
    (tmp_path / "t.csv").write_text(
        "url,text\n"
        "https://example.org/a,Dock workers returned to the terminals on Wednesday.\n"
        "https://example.org/b,Dock workers returned to the terminals on Wednesday.\n"  # another URL: a reprint
        "http://www.example.org/a/,Dock workers returned to the terminals on Wednesday.\n",
        encoding="utf-8",
    )
    with pytest.warns(LoadWarning):
        articles = load_articles(tmp_path / "t.csv")
    assert len(articles) == 3
    assert load_report(articles)["line"].tolist() == [4]
    assert "t.csv, line 2" in load_report(articles)["reason"][0]


def test_speeches_get_their_titles_and_dates_from_the_text_else_the_file_name():
    """Openings of five State of the Union files as distributed (nltk_data state_union, public domain)."""
    articles = load_articles(DATA / "speeches")
    articles.index = articles["source_path"].map(lambda p: Path(p).stem)
    got = {stem: (row["title"], row["date"].strftime("%Y-%m-%d"), row["date_precision"], row["text"][:30])
           for stem, row in articles.iterrows()}
    assert got == {
        # a headline in capitals closing with a full stop; "DATE. Dated DATE": the day it was sent
        "1946-Truman": ("PRESIDENT HARRY S. TRUMAN'S MESSAGE TO THE CONGRESS ON THE STATE OF THE UNION AND ON "
                        "THE BUDGET FOR 1946.", "1946-01-21", "day", "To the Congress of the United "),
        "1947-Truman": ("PRESIDENT HARRY S. TRUMAN'S ANNUAL MESSAGE TO THE CONGRESS ON THE STATE OF THE UNION",
                        "1947-01-06", "day", "Mr. President, Mr. Speaker, Me"),
        # no date in the text: the year the file name opens with, said to be a year only
        "1956-Eisenhower": ("PRESIDENT DWIGHT D. EISENHOWER'S ANNUAL MESSAGE TO THE CONGRESS ON THE STATE OF THE "
                            "UNION", "1956-01-01", "year", "The opening of this new year m"),
        # a headline closing with its date, the salutation on the next line
        "1971-Nixon": ("Annual Message to the Congress on the State of the Union. January 22, 1971", "1971-01-22",
                       "day", "Mr. Speaker, Mr. President, my"),
        # a headline over two lines, the first closing with a colon
        "1973-Nixon": ("State of the Union Message to the Congress: Overview and Goals.  February 2, 1973",
                       "1973-02-02", "day", "To the congress of the United "),
        # the time of day under the date is header, not text
        "2005-GWBush": ("PRESIDENT GEORGE W. BUSH'S ADDRESS BEFORE A JOINT SESSION OF THE CONGRESS ON THE STATE OF "
                        "THE UNION", "2005-02-02", "day", "THE PRESIDENT: Mr. Speaker, Vi"),
    }


@pytest.mark.parametrize("name, date, precision", [
    ("2022-01-11_tass.txt", "2022-01-11", "day"),
    ("2021_03 report.txt", "2021-03-01", "month"),
    ("1965-Johnson-1.txt", "1965-01-01", "year"),
    ("2001.txt", None, ""),  # only a number: an article id, not a year
    ("1234-notes.txt", None, ""),  # a year pandas cannot store
    ("notes-2021.txt", None, ""),  # the date must open the name
    ("2015_80789.txt", None, ""),  # a numbered id, not a year
    ("0999_speech.txt", None, ""),
    ("2015_abcdef.txt", None, ""),  # a number, then an id: letters that are hex digits
    ("2015_a7c2e.txt", None, ""),  # ... letters and digits
    ("2015_xKqWb.txt", None, ""),  # ... random case
    ("2015_11.txt", None, ""),  # only numbers: an id as likely as a month
    ("2021_03_8078aa0c.txt", None, ""),
    ("2005-GWBush.txt", "2005-01-01", "year"),  # state_union's names run together
    ("2013-Abe.txt", "2013-01-01", "year"),  # a short name of hex letters is still a name
    ("2020-Путин.txt", "2020-01-01", "year"),
    ("2022-01-11_8078aa0c.txt", "2022-01-11", "day"),  # a whole day is plainly a date, whatever follows
    ("2022.01.11_tass.txt", "2022-01-11", "day"),  # dots between the parts
    ("2021-03.txt", "2021-03-01", "month"),  # ISO 8601's year-month
])
def test_date_from_the_file_name_only_when_it_opens_the_name(tmp_path, name, date, precision):
    (tmp_path / name).write_text("Fellow citizens:\n\nI am again called upon by the voice of my country.\n",
                                 encoding="utf-8")
    article = load_articles(tmp_path).iloc[0]
    assert (None if pd.isna(article["date"]) else article["date"].strftime("%Y-%m-%d")) == date
    assert article.get("date_precision", "") == precision


def test_a_date_in_the_text_wins_over_the_file_name_and_no_precision_column_without_need(tmp_path):
    (tmp_path / "1956-speech.txt").write_text("A headline\n\nJanuary 5, 1957\n\nThe speech itself, in prose.\n",
                                             encoding="utf-8")
    articles = load_articles(tmp_path)
    assert articles["date"].tolist() == [pd.Timestamp("1957-01-05")]
    assert list(articles.columns) == list(ARTICLE_COLUMNS)


def test_a_sites_test_page_is_not_an_article(tmp_path):
    """Wikinews' "TEST PAGE:Self-publish today" as in vanatteveldt/wikinews (Wikinews, CC BY 2.5)."""
    text = ("Friday, March 5, 2021\xa0\n\n\nThis is a test page! It should not be reviewed, or otherwise flagged as "
            "checked.  \n\n\nThe purpose of this page is to demonstrate a mechanism whereby the bar to contributing "
            "to Wikinews is lowered.\n")
    news = "Friday, March 5, 2021\xa0\n\n\nEngineers said a test page of the new exam was leaked before the vote.\n"
    pd.DataFrame({
        "url": ["https://en.wikinews.org//wiki/TEST_PAGE:Self-publish_today", "https://en.wikinews.org//wiki/Exam"],
        "date": ["2021-03-05", "2021-03-05"],
        "title": ["TEST PAGE:Self-publish today", "Exam leaked"],
        "text": [text, news],
    }).to_csv(tmp_path / "wikinews.csv", index=False)
    with pytest.warns(LoadWarning, match="a test page, not an article"):
        articles = load_articles(tmp_path / "wikinews.csv")
    assert articles["title"].tolist() == ["Exam leaked"]  # an article about a test page stays
    assert load_report(articles)["line"].tolist() == [2]


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_a_metadata_csv_inside_an_archive_serves_its_pages_as_in_the_folder(tmp_path, kind):
    """A zipped or tarred folder of speeches with its metadata.csv loads as the folder does."""
    folder = tmp_path / "speeches"
    shutil.copytree(DATA / "speeches", folder)
    (folder / "metadata.csv").write_text(
        "file,president,party\n1946-Truman.txt,Truman,Democratic\n1956-Eisenhower.txt,Eisenhower,Republican\n",
        encoding="utf-8")
    archive = Path(shutil.make_archive(str(tmp_path / "speeches"), "zip" if kind == "zip" else "gztar",
                                       tmp_path, "speeches"))
    unpacked, packed = load_articles(folder), load_articles(archive)
    assert load_report(packed).empty  # the metadata is no "table without a text column"
    columns = [c for c in unpacked.columns if c not in ("source_path", "doc_id")]  # ids hash the path
    assert packed.sort_values("title")[columns].reset_index(drop=True).equals(
        unpacked.sort_values("title")[columns].reset_index(drop=True))
    assert packed.set_index("title")["president"].dropna().to_dict() == {
        "PRESIDENT HARRY S. TRUMAN'S MESSAGE TO THE CONGRESS ON THE STATE OF THE UNION AND ON THE BUDGET FOR 1946.":
            "Truman",
        "PRESIDENT DWIGHT D. EISENHOWER'S ANNUAL MESSAGE TO THE CONGRESS ON THE STATE OF THE UNION": "Eisenhower"}


def test_a_bare_year_in_the_date_column_is_said_to_be_a_year():
    articles = load_articles(pd.DataFrame({
        "date": ["1961", "1961-01-20"],
        "text": ["Let the word go forth from this time and place, to friend and foe alike.",
                 "Ask not what your country can do for you; ask what you can do for your country."],
    }))
    assert articles["date"].tolist() == [pd.Timestamp("1961-01-01"), pd.Timestamp("1961-01-20")]
    assert articles["date_precision"].tolist() == ["year", "day"]


@pytest.mark.parametrize("given, names", [
    # author metadata of saved news pages (AP, CNN, Sky News, Sputnik; Nov 2019), as trafilatura reads it
    ("LISA MASCARO; MARY CLARE JALONICK; ERIC TUCKER Associated Press", "LISA MASCARO; MARY CLARE JALONICK; ERIC TUCKER"),
    ("Analysis by Chris Cillizza; CNN Editor-at-large", "Chris Cillizza"),
    ("Jill Disis; CNN Business", "Jill Disis"),
    ("Tom Gillespie News reporter", "Tom Gillespie"),
    ("Finian Cunningham Sputnik International", "Finian Cunningham"),
    ("Laura Winter", "Laura Winter"),
    ("Sarah Reporter", "Sarah Reporter"),  # a surname, not a job title
])
def test_a_saved_pages_author_is_the_peoples_names(tmp_path, given, names):
    body = "".join(f"<p>Paragraph {n} of the story, long enough to be the article text of this page.</p>"
                   for n in range(12))
    (tmp_path / "page.html").write_text(
        f'<html><head><title>A story</title><meta name="author" content="{given}"></head>'
        f"<body><article><h1>A story</h1>{body}</article></body></html>", encoding="utf-8")
    assert load_articles(tmp_path)["author"].tolist() == [names]


def test_a_folder_of_plain_text_speeches_is_told_how_to_give_outlets(tmp_path):
    for year in range(1990, 2010):
        (tmp_path / f"{year}-speech.txt").write_text(
            "Mr. Speaker, Mr. President, Members of the Congress:\n\nI come before you to report on the state "
            "of the Union.\n", encoding="utf-8")
    with pytest.warns(LoadWarning, match="plain text files.*metadata CSV") as caught:
        load_articles(tmp_path)
    assert not any("columns={'outlet'" in str(w.message) for w in caught)


def _speeches_with_their_files(root: Path) -> Path:
    """The real speeches of tests/data/load/speeches with what a corpus folder carries about itself."""
    folder = root / "speeches"
    shutil.copytree(DATA / "speeches", folder)
    (folder / "README").write_text("State of the Union addresses 1945-2006, one file per speech.\n", encoding="utf-8")
    (folder / "LICENSE.txt").write_text("The texts are in the public domain.\n", encoding="utf-8")
    (folder / "notes.md").write_text("# Notes\n\nSix speeches, cut for the tests.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("year,president,party\n1946,Truman,Democratic\n1956,Eisenhower,Republican\n",
                                         encoding="utf-8")
    (folder / "page_files").mkdir()
    (folder / "page_files" / "seal.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def test_a_readme_or_licence_is_listed_as_no_article_without_a_warning(tmp_path):
    folder = _speeches_with_their_files(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)  # nothing to be alarmed about
        articles = load_articles(folder)
    assert len(articles) == 6  # the six speeches, and nothing else
    report = load_report(articles).assign(name=lambda r: r["path"].map(lambda p: Path(p).name)).set_index("name")
    assert sorted(report.index) == ["LICENSE.txt", "README", "metadata.csv", "notes.md", "seal.png"]  # each listed
    assert report["reason"].str.startswith("not an article: ").all()
    assert "LICENSE.txt is about the files" in report.loc["LICENSE.txt", "reason"]
    assert "saved web page" in report.loc["seal.png", "reason"] and "documentation" in report.loc["notes.md", "reason"]
    assert "give it a column file naming them" in report.loc["metadata.csv", "reason"]
    assert len(load_articles(folder, strict=True)) == 6  # not a problem, so strict mode does not stop at it
    # the same folder zipped: the same rows, the same notes
    archive = shutil.make_archive(str(tmp_path / "speeches"), "zip", tmp_path, "speeches")
    with warnings.catch_warnings():
        warnings.simplefilter("error", LoadWarning)
        zipped = load_articles(archive)
    assert len(zipped) == 6 and load_report(zipped)["reason"].str.startswith("not an article: ").sum() == 5


def test_files_that_may_be_articles_still_warn(tmp_path):
    folder = _speeches_with_their_files(tmp_path)
    (folder / "1950-Truman.pdf").write_bytes(b"%PDF-1.4 a speech we cannot read")
    with pytest.warns(LoadWarning, match=r"1 input\(s\) .*5 more file\(s\) are no articles.*1950-Truman.pdf: unsupported"):
        articles = load_articles(folder)
    assert len(load_report(articles)) == 6
    with pytest.raises(LoadError, match="1950-Truman.pdf"):
        load_articles(folder, strict=True)
    only = tmp_path / "only"
    only.mkdir()
    (only / "README.md").write_text("Articles go here.\n", encoding="utf-8")
    with pytest.warns(LoadWarning, match=r"1 input\(s\) .*0 articles loaded.*README.md"):
        assert load_articles(only).empty  # nothing loaded: then even a README is worth a word


def test_the_same_corpus_zipped_or_not_loads_in_the_same_order(tmp_path):
    """Archive members come in member path order, as a folder's files, whatever the archive's own order."""
    import tarfile
    import zipfile

    folder = tmp_path / "speeches"
    shutil.copytree(DATA / "speeches", folder / "union")
    (folder / "extra").mkdir()
    (folder / "extra" / "b.txt").write_text("A note on the speeches, in plain prose.\n", encoding="utf-8")
    (folder / "extra.txt").write_text("Another note, beside the folder of the same name.\n", encoding="utf-8")
    files = sorted(p.relative_to(tmp_path).as_posix() for p in folder.rglob("*") if p.is_file())
    backwards = files[::-1]  # as an archiver that does not sort might write them
    with zipfile.ZipFile(tmp_path / "speeches.zip", "w") as archive:
        for name in backwards:
            archive.write(tmp_path / name, name)
    with tarfile.open(tmp_path / "speeches.tar.gz", "w:gz") as archive:
        for name in backwards:
            archive.add(tmp_path / name, name)
    unzipped = load_articles(folder)
    assert unzipped["source_path"].map(lambda p: Path(p).relative_to(tmp_path).as_posix()).tolist() == files
    for archive in ("speeches.zip", "speeches.tar.gz"):
        packed = load_articles(tmp_path / archive)
        assert packed["text"].tolist() == unzipped["text"].tolist(), archive
        assert packed["source_path"].str.split(archive + "/").str[1].tolist() == files


# A saved page of our own with the structure of the news pages of newspaper4k's tests (2012-2023).
_SAVED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
<meta property="og:url" content="{url}"><meta name="author" content="{author}">{head}
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Lawmakers extend emergency measures</h1>
<p>Lawmakers in the capital voted on Tuesday to extend the emergency measures for another ninety days, after a
debate that lasted well into the night and ended with a narrow majority.</p>
<p>Opposition members said the extension gave the government powers it did not need, while ministers argued
that the situation in the border provinces remained unstable and required a firm response.</p>
</article></body></html>"""


def _saved(path: Path, *, title="Lawmakers extend emergency measures | The Steppe Herald", site="The Steppe Herald",
           url="https://steppeherald.kz/2022/01/11/lawmakers-extend", author="Aigerim Nurpeisova", head="") -> Path:
    path.write_text(_SAVED.format(title=title, site=site, url=url, author=author, head=head), encoding="utf-8")
    return path


def test_a_saved_pages_title_author_and_outlet_as_the_page_shows_them(tmp_path):
    _saved(tmp_path / "a.html")
    _saved(tmp_path / "b.html", title="The Steppe Herald | Kazakhstan's news: Lawmakers extend emergency measures",
           site="The Steppe Herald | Kazakhstan's news", author="The Steppe Herald", url="https://steppeherald.kz/b")
    _saved(tmp_path / "c.html", author="Submitted", url="https://steppeherald.kz/c")  # Prachatai's "Submitted on ..."
    articles = load_articles(tmp_path)
    assert articles["title"].tolist() == ["Lawmakers extend emergency measures"] * 3
    assert articles["outlet"].tolist() == ["The Steppe Herald"] * 3
    assert articles["author"].tolist() == ["Aigerim Nurpeisova", "", ""]  # the site is not its author


def test_a_sites_front_page_is_listed_not_loaded(tmp_path):
    _saved(tmp_path / "article.html")
    _saved(tmp_path / "home.html", title="The Steppe Herald - News from Kazakhstan", url="https://www.steppeherald.kz/")
    with pytest.warns(LoadWarning, match="1 input"):
        articles = load_articles(tmp_path)
    assert articles["source_path"].str.endswith("article.html").tolist() == [True]
    assert load_report(articles)["reason"].tolist() == ["a site's front page (https://www.steppeherald.kz/), not an article: skipped"]


def test_a_date_known_to_the_year_or_month_says_so(tmp_path):
    _saved(tmp_path / "year.html", url="http://steppeherald.kz/2013/world/8/3/lawmakers.html")  # no date but the address's year
    _saved(tmp_path / "day.html", url="https://steppeherald.kz/x",
           head='<meta property="article:published_time" content="2013-08-28T10:00:00Z">')
    pd.DataFrame({"text": ["A monthly summary of the committee's work."], "date": ["2022-03"]}).to_csv(
        tmp_path / "table.csv", index=False)
    articles = load_articles(tmp_path).set_index(load_articles(tmp_path)["source_path"].str.rsplit("/", n=1).str[1])
    assert articles.loc["year.html", ["date", "date_precision"]].tolist() == [pd.Timestamp("2013-01-01"), "year"]
    assert articles.loc["day.html", ["date", "date_precision"]].tolist() == [pd.Timestamp("2013-08-28"), "day"]
    assert articles.loc["table.csv", ["date", "date_precision"]].tolist() == [pd.Timestamp("2022-03-01"), "month"]
