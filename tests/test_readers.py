"""Readers: every format and archive kind, column mapping, and what each refuses."""

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from toolkit.errors import LoadError, ParameterError
from toolkit.readers import ColumnMap, Problem, Row, read_file

DATA = Path(__file__).parent / "data" / "load"
RECORDS = [
    {"id": "a1", "headline": "First story", "body": "Alpha text here.", "published": "2022-01-10",
     "link": "https://www.xinhuanet.com/english/a1", "section": "World"},
    {"id": "a2", "headline": "Second story", "body": "Beta text here.", "published": "2022-01-11",
     "link": "https://tass.com/politics/a2", "section": "Politics"},
]
AUTO = ColumnMap()


def _table_bytes(kind: str) -> bytes:
    frame = pd.DataFrame(RECORDS)
    if kind == "csv":
        return frame.to_csv(index=False).encode("utf-8")
    if kind == "tsv":
        return frame.to_csv(index=False, sep="\t").encode("utf-8")
    if kind == "json":
        return json.dumps(RECORDS).encode("utf-8")
    if kind == "wrapped.json":
        return json.dumps({"status": "ok", "articles": RECORDS}).encode("utf-8")
    if kind == "jsonl":
        return "\n".join(json.dumps(r) for r in RECORDS).encode("utf-8")
    buffer = io.BytesIO()
    if kind == "parquet":
        frame.to_parquet(buffer)
    elif kind == "xlsx":
        frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def _rows(items):
    assert all(isinstance(item, Row) for item in items), items
    return items


@pytest.mark.parametrize("kind", ["csv", "tsv", "json", "wrapped.json", "jsonl", "parquet", "xlsx"])
def test_table_formats(kind):
    rows = _rows(read_file(_table_bytes(kind), f"in.{kind}", columns=AUTO))
    assert [r.fields["text"] for r in rows] == ["Alpha text here.", "Beta text here."]
    assert [r.fields["title"] for r in rows] == ["First story", "Second story"]
    assert [r.fields["doc_id"] for r in rows] == ["a1", "a2"]
    assert [str(r.fields["date"])[:10] for r in rows] == ["2022-01-10", "2022-01-11"]
    assert [r.extras["section"] for r in rows] == ["World", "Politics"]
    # where to look: the file line (CSV/TSV: line 1 the header), the sheet row (Excel), else the record number
    assert [r.line for r in rows] == ([2, 3] if kind in ("csv", "tsv", "xlsx") else [1, 2])


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _tar_gz(members: dict) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


PAGE = b"A headline\n\nBEIJING, Jan. 11 (Xinhua) -- Body of the page.\n"
MEMBERS = {"tables/in.csv": _table_bytes("csv"), "pages/p.txt": PAGE, "__MACOSX/._p.txt": b"\x00\x01"}


@pytest.mark.parametrize(
    ("name", "data", "paths"),
    [
        ("in.csv.gz", gzip.compress(_table_bytes("csv")), ["in.csv.gz", "in.csv.gz"]),
        ("in.jsonl.gz", gzip.compress(_table_bytes("jsonl")), ["in.jsonl.gz", "in.jsonl.gz"]),
        ("p.txt.gz", gzip.compress(PAGE), ["p.txt.gz"]),
        ("all.zip", _zip(MEMBERS), ["all.zip/pages/p.txt", "all.zip/tables/in.csv", "all.zip/tables/in.csv"]),
        ("all.tar.gz", _tar_gz(MEMBERS), ["all.tar.gz/pages/p.txt", "all.tar.gz/tables/in.csv", "all.tar.gz/tables/in.csv"]),
        ("all.zip.gz", gzip.compress(_zip(MEMBERS)), ["all.zip.gz/pages/p.txt", "all.zip.gz/tables/in.csv", "all.zip.gz/tables/in.csv"]),
    ],
)
def test_archives(name, data, paths):
    rows = _rows(read_file(data, name, columns=AUTO))
    assert sorted(r.path for r in rows) == paths


def test_text_page_is_one_row_with_unknown_title():
    (row,) = read_file(PAGE, "p.txt", columns=AUTO)
    assert row.fields == {"text": PAGE.decode(), "title": None} and row.line is None


def test_html_page():
    (row,) = read_file((DATA / "article.html").read_bytes(), "article.html", columns=AUTO)
    assert row.fields["title"] == "Kazakh president says order restored in Almaty"
    assert row.fields["site_name"] == "Example News" and "outlet" not in row.fields  # the builder decides
    assert row.fields["author"] == "Jane Doe"
    assert row.fields["date"] == "2022-01-10"
    assert row.fields["url"] == "https://www.example-news.com/world/kazakhstan-order-restored"
    assert "Most read" not in row.fields["text"] and "Privacy" not in row.fields["text"]
    assert "constitutional order had been restored" in row.fields["text"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["text", "title", "date", "url", "outlet"], {"text": "text", "title": "title", "date": "date", "url": "url", "outlet": "outlet"}),
        (["Body", "Headline", "publish_date", "Link", "Source"], {"text": "Body", "title": "Headline", "date": "publish_date", "url": "Link", "outlet": "Source"}),
        (["content", "pubdate", "publication"], {"text": "content", "date": "pubdate", "outlet": "publication"}),
        (["article", "published", "site", "ID"], {"text": "article", "date": "published", "outlet": "site", "doc_id": "ID"}),
        (["story_text", "when"], {}),
    ],
)
def test_common_column_names(names, expected):
    assert ColumnMap().resolve(names) == expected


def test_explicit_columns_win():
    mapping = ColumnMap.from_mapping({"text": "headline", "title": "section"})
    rows = _rows(read_file(_table_bytes("csv"), "in.csv", columns=mapping))
    assert [(r.fields["text"], r.fields["title"]) for r in rows] == [("First story", "World"), ("Second story", "Politics")]
    assert "body" in rows[0].extras


def test_unknown_field_in_columns():
    with pytest.raises(ParameterError, match="columns"):
        ColumnMap.from_mapping({"txt": "body"})


@pytest.mark.parametrize(
    ("name", "data", "message", "line"),
    [
        ("none.csv", b"headline,when\nA,2022-01-01\n", "no text column", None),
        ("gone.csv", b"body,x\nA,1\n", "column 'summary' is missing", None),
        ("cut.json", b'[{"text": "a"},\n {"text": "b"', "invalid JSON", 2),
        ("empty.txt", b"", "empty file", None),
        ("blank.csv", b"  \n\t\n", "whitespace-only file", None),
        ("x.doc", b"something", "unsupported file type '.doc'", None),
        ("bad.zip", b"PK\x03\x04 not really", "corrupt archive", None),
        ("bad.gz", b"\x1f\x8b\x08 truncated", "corrupt gzip", None),
        ("bad.parquet", b"PAR1 nonsense", "unreadable Parquet", None),
        ("bad.xlsx", b"PK nonsense", "unreadable Excel", None),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", None),
        ("no_article.html", (DATA / "no_article.html").read_bytes(), "no article text", None),
    ],
)
def test_files_that_cannot_load(name, data, message, line):
    columns = ColumnMap.from_mapping({"text": "summary"}) if name == "gone.csv" else AUTO
    with pytest.raises(LoadError, match=message) as caught:
        read_file(data, name, columns=columns)
    assert caught.value.path == name and caught.value.line == line


def test_rows_that_cannot_load_are_problems():
    data = b'{"text": "fine"}\n{"text": ""}\n\n{"text": "cut off\n[1, 2]\n{"text": "also fine"}\n'
    items = read_file(data, "in.jsonl", columns=AUTO)
    problems = sorted((i.line, i.reason.split(":")[0]) for i in items if isinstance(i, Problem))
    assert problems == [(2, "empty text"), (4, "invalid JSON line (truncated?)"), (5, "record is not an object")]
    assert [(i.line, i.fields["text"]) for i in items if isinstance(i, Row)] == [(1, "fine"), (6, "also fine")]


def test_archive_member_problems_name_the_member():
    items = read_file(_zip({"ok.txt": PAGE, "empty.txt": b""}), "a.zip", columns=AUTO)
    # in member path order, as in a folder, whatever the order inside the archive
    assert [(type(i).__name__, i.path) for i in items] == [("Problem", "a.zip/empty.txt"), ("Row", "a.zip/ok.txt")]


def test_malformed_csv_rows_are_reported_with_their_row():
    data = b"text,date\nfine,2022-01-01\ntoo,many,fields\nalso fine,2022-01-03\n"
    items = read_file(data, "r.csv", columns=AUTO)
    assert [(type(i).__name__, i.line) for i in items] == [("Problem", 3), ("Row", 2), ("Row", 4)]  # file lines
    assert items[0].reason == "malformed CSV row: expected 2 fields, saw 3"


def test_json_object_of_records_keyed_by_id(tmp_path):
    """The shape of article-extraction benchmarks' ground truth ({id: {articleBody, url}}, pandas'
    orient="index"): one article per key, the key as id unless the record has its own."""
    speeches = DATA / "speeches"  # public-domain State of the Union texts: their longest paragraph each
    body = {name: max((speeches / f"{name}.txt").read_text(encoding="latin-1").split("\n"), key=len)
            for name in ("1946-Truman", "1956-Eisenhower")}
    truth = {
        "1946-truman": {"articleBody": body["1946-Truman"], "url": "https://example.org/1946"},
        "1956-eisenhower": {"articleBody": body["1956-Eisenhower"], "url": "https://example.org/1956", "id": "own-id"},
    }
    from toolkit import load_articles

    (tmp_path / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
    articles = load_articles(tmp_path / "truth.json")  # "articleBody" is found as the text by its values
    assert articles["doc_id"].tolist() == ["1946-truman", "own-id"]
    assert articles["url"].tolist() == ["https://example.org/1946", "https://example.org/1956"]
    assert articles["text"].tolist() == [body["1946-Truman"].strip(), body["1956-Eisenhower"].strip()]


def test_keyed_json_resolves_the_columns_once_per_set_of_keys():
    """20,000 records with the same keys: whether they carry their own id is decided once (was once per record)."""
    from toolkit.columns import MappingColumnMap

    paragraphs = [p for p in (DATA / "speeches" / "1947-Truman.txt").read_text(encoding="latin-1").split("\n") if len(p) > 80]
    truth = {f"{i:05x}": {"articleBody": paragraphs[i % len(paragraphs)], "url": f"https://example.org/{i}"}
             for i in range(20_000)}
    truth["own"] = {"articleBody": paragraphs[0], "id": "own-id"}  # another set of keys: decided apart
    columns = MappingColumnMap.from_mapping(None)
    calls = []
    resolve = columns.resolve
    object.__setattr__(columns, "resolve", lambda names, records=None: calls.append(list(names)) or resolve(names, records))
    rows = read_file(json.dumps(truth).encode(), "truth.json", columns=columns)
    assert [row.fields["doc_id"] for row in rows[:2] + rows[-1:]] == ["00000", "00001", "own-id"]
    assert len(rows) == 20_001 and all(row.fields["text"] for row in rows)
    assert sorted(map(sorted, calls[:-1])) == [["articleBody", "id"], ["articleBody", "url"]]  # then the table's once
