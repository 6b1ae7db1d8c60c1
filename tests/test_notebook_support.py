"""toolkit.notebook_support: early parameter checks, selection, escaped tables, provenance."""

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.errors import ParameterError
from toolkit.frames import load_frames
from toolkit.notebook_support import (
    _as_parquet,
    _load,
    check_backend,
    corpus_fingerprint,
    corpus_summary,
    dictionary_summary,
    outlet_summary,
    rates_table,
    kwic_table,
    open_corpus,
    preview,
    provenance,
    require_path,
    select_articles,
    shorten,
)

ARTICLES = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "title": ["One", "Two", "<b>Three</b>", "Four"],
    "outlet": ["Xinhua", "TASS", "Xinhua", "RT"],
    "date": pd.to_datetime(["2022-01-05", "2022-01-10", "2022-01-11", None]),
})


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, ["a", "b", "c", "d"]),
        ({"start_date": "2022-01-10"}, ["b", "c"]),
        ({"end_date": "2022-01-10"}, ["a", "b"]),  # the last day is included whole
        ({"start_date": "2022-01-06", "end_date": "2022-01-10"}, ["b"]),
        ({"outlets": "xinhua"}, ["a", "c"]),
        ({"outlets": " Xinhua , RT"}, ["a", "c", "d"]),
        ({"outlets": "Xinhua", "start_date": "2022-01-06"}, ["c"]),
    ],
)
def test_select_articles(options, expected):
    assert select_articles(ARTICLES, **options)["doc_id"].tolist() == expected


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"start_date": "2023-01-01"}, "start_date/end_date: no article between 2023-01-01 and the end; "
                                       "the articles run from 2022-01-05 to 2022-01-11"),
        ({"end_date": "2021-12-31"}, "start_date/end_date: no article between the start and 2021-12-31"),
        ({"start_date": "Jan the 5th"}, "start_date: not a date"),
        ({"end_date": "2022-13-01"}, "end_date: not a date"),
        ({"outlets": "BBC"}, "outlets: no article from 'BBC'"),
        ({"outlets": "RT", "start_date": "2022-01-01"}, "outlets: no article from 'RT'"),
    ],
)
def test_select_articles_names_the_filter_that_left_nothing(options, named):
    with pytest.raises(ParameterError, match=re.escape(named)):
        select_articles(ARTICLES, **options)


def test_select_articles_on_undated_articles_names_the_dates():
    undated = ARTICLES.assign(date=pd.to_datetime([None] * 4))
    with pytest.raises(ParameterError, match="start_date/end_date: .* the articles run from unknown to unknown"):
        select_articles(undated, start_date="2022-01-01")


def test_select_articles_returns_a_copy():
    selected = select_articles(ARTICLES)
    selected.loc[0, "title"] = "changed"
    assert ARTICLES.loc[0, "title"] == "One"


def test_require_path(tmp_path):
    assert require_path(tmp_path, parameter="corpus_path") == tmp_path.resolve()
    with pytest.raises(ParameterError, match=re.escape(f"corpus_path: no such file or folder: {tmp_path / 'x'}")):
        require_path(tmp_path / "x", parameter="corpus_path")
    with pytest.raises(ParameterError, match="frames_path"):
        require_path("", parameter="frames_path")


@pytest.mark.parametrize(
    ("text", "width", "keep", "expected"),
    [
        ("short", 10, "start", "short"),
        ("a  b\nc", 10, "start", "a b c"),
        ("abcdefghij", 5, "start", "abcd…"),
        ("abcdefghij", 5, "end", "…ghij"),
    ],
)
def test_shorten(text, width, keep, expected):
    assert shorten(text, width, keep=keep) == expected


def test_preview_cuts_text_and_shows_days():
    shown = preview(ARTICLES.assign(text=["x" * 100] * 4), n=2, width=10)
    assert shown["text"].tolist() == ["x" * 9 + "…"] * 2
    assert shown["date"].tolist() == ["2022-01-05", "2022-01-10"]
    assert len(ARTICLES.loc[0, "title"]) == 3  # input untouched


def test_preview_is_escaped_by_pandas():
    assert "&lt;b&gt;Three&lt;/b&gt;" in preview(ARTICLES)._repr_html_()


KWIC = pd.DataFrame({
    "doc_id": ["a", "b"], "outlet": ["Xinhua", "<i>TASS</i>"],
    "date": pd.to_datetime(["2022-01-11", None]), "title": ["t", "u"],
    "pre": ["riots plotted by", "<script>window.__pwned=1</script> and"],
    "keyword": ["external forces", "color <revolutions>"],
    "post": ["-- a view shared", '<img src=x onerror="window.__pwned=1">'],
    "frame": ["external_forces", "color_revolution"], "pattern": ["external forces", "color revolution*"],
    "start": [10, 20], "end": [25, 38],
})


def test_kwic_table_escapes_every_piece_of_text():
    markup = kwic_table(KWIC)._repr_html_()
    assert "<script" not in markup and "<img" not in markup and "<i>" not in markup
    for escaped in ["&lt;script&gt;window.__pwned=1&lt;/script&gt; and", "<b>color &lt;revolutions&gt;</b>",
                    "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;", "&lt;i&gt;TASS&lt;/i&gt;"]:
        assert escaped in markup
    assert markup.count("<tr>") == 3 and "2022-01-11" in markup


def test_kwic_table_samples_n_lines_reproducibly():
    many = pd.concat([KWIC] * 10, ignore_index=True)
    assert kwic_table(many, n=5).markup.count("<tr>") == 6
    assert kwic_table(many, n=5, random_state=1).markup == kwic_table(many, n=5, random_state=1).markup


def test_corpus_fingerprint_of_a_file_is_its_sha256(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"some text")
    assert corpus_fingerprint(tmp_path / "a.txt") == {
        "files": 1, "bytes": 9, "sha256": hashlib.sha256(b"some text").hexdigest()}


def test_corpus_fingerprint_of_a_folder_changes_with_names_and_content(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes(b"one")
    (tmp_path / "sub" / "b.txt").write_bytes(b"two")
    (tmp_path / ".hidden").write_bytes(b"ignored")
    first = corpus_fingerprint(tmp_path)
    assert (first["files"], first["bytes"]) == (2, 6)
    (tmp_path / "a.txt").rename(tmp_path / "c.txt")
    renamed = corpus_fingerprint(tmp_path)
    (tmp_path / "c.txt").write_bytes(b"One")
    edited = corpus_fingerprint(tmp_path)
    assert len({first["sha256"], renamed["sha256"], edited["sha256"]}) == 3


def test_provenance_lists_software_dictionary_and_corpus(tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("text")
    frames = tmp_path / "frames.yaml"
    frames.write_text('name: kazakhstan-2022\nversion: "1.0.0"\nframes:\n  f: {label: F, patterns: [external forces]}\n')
    table = provenance(ARTICLES, corpus_path=corpus, frames=frames).set_index("item")["value"]
    assert table["frame dictionary"] == "kazakhstan-2022 1.0.0"
    assert table["frame dictionary sha256"] == load_frames(frames).sha256  # the content hash, as when loaded
    assert table["corpus sha256"] == hashlib.sha256(b"text").hexdigest()
    assert table["corpus size"] == "1 files, 4 bytes"
    assert table["articles analysed"] == "4"
    assert table["pandas"] == pd.__version__
    assert "python" in table.index and "generated (UTC)" in table.index


def test_provenance_takes_a_loaded_dictionary(tmp_path):
    class Loaded:  # what toolkit.frames.load_frames returns, as far as provenance cares
        name, version, sha256 = "d", "2.0", "f" * 64

    (tmp_path / "c.txt").write_text("x")
    table = provenance(ARTICLES, corpus_path=tmp_path / "c.txt", frames=Loaded()).set_index("item")["value"]
    assert table["frame dictionary"] == "d 2.0" and table["frame dictionary sha256"] == "f" * 64


def test_corpus_summary():
    summary = corpus_summary(ARTICLES.assign(n_words=[10, 20, 30, 40]))["value"].to_dict()
    assert summary == {"articles": "4", "outlets": "3", "first day": "2022-01-05", "last day": "2022-01-11",
                       "undated articles": "1", "words": "100", "median words per article": "25"}


def test_outlet_summary_largest_first():
    table = outlet_summary(ARTICLES.assign(n_words=[10, 20, 30, 40]))
    assert table[["outlet", "articles", "words", "median_words"]].to_dict("records") == [
        {"outlet": "Xinhua", "articles": 2, "words": 40, "median_words": 20.0},
        {"outlet": "RT", "articles": 1, "words": 40, "median_words": 40.0},
        {"outlet": "TASS", "articles": 1, "words": 20, "median_words": 20.0},
    ]


def test_rates_table_formats_shares_with_their_interval():
    rates = pd.DataFrame({
        "outlet": ["TASS", "TASS"], "frame": ["a", "b"], "n_articles": [4, 4], "n_words": [1000, 1000],
        "n_mentions": [3, 0], "mentions_per_1000_words": [3.0, 0.0], "rate_ci_low": [0.5, 0.0],
        "rate_ci_high": [9.5, 3.5], "n_articles_with_mention": [2, 0],
        "share_with_mention": [0.5, 0.0], "share_ci_low": [0.15, 0.0], "share_ci_high": [0.85, 0.49],
    })
    table = rates_table(rates)
    assert table.index.names == ["outlet", "frame"]
    assert table["share of articles (95% CI)"].tolist() == ["50% (15–85%)", "0% (0–49%)"]
    assert table["mentions"].tolist() == [3, 0]
    # the interval is the table's own (made-up bounds here), not computed again
    assert table["mentions per 1,000 words (95% CI)"].tolist() == ["3.00 (0.50–9.50)", "0 (0–3.50)"]


def test_dictionary_summary():
    class Pattern:
        def __init__(self, pattern):
            self.pattern = pattern

    class Frame:
        id, label, description = "external_forces", "External forces", "Blamed outsiders."
        patterns = tuple(Pattern(p) for p in ["external forces", "foreign forces", "hostile forces",
                                              "outside forces", "foreign interference"])
        exclude = ("forces of nature",)

    class Dictionary:
        frames = (Frame(),)

    table = dictionary_summary(Dictionary())
    assert table.loc["external_forces"].to_dict() == {
        "label": "External forces", "description": "Blamed outsiders.", "n_patterns": 5, "n_excluded": 1,
        "examples": "external forces, foreign forces, hostile forces, outside forces"}


@pytest.mark.parametrize(
    ("backend", "scheduler", "message"),
    [
        ("pandas", "", None),
        ("dask", "", None),
        ("dask", "tcp://10.0.0.5:8786", None),
        ("dask", "localhost:8786", None),
        ("Dask", "", "backend: expected 'pandas' (the corpus in memory) or 'dask'"),
        ("spark", "", "backend: expected 'pandas'"),
        ("dask", "tcp://host:8786/ x", "scheduler: expected a Dask scheduler address"),
        ("pandas", "tcp://10.0.0.5:8786", "scheduler: a Dask scheduler is only used with backend='dask'"),
    ],
)
def test_check_backend_names_the_bad_parameter(backend, scheduler, message):
    if message is None:
        check_backend(backend, scheduler)
    else:
        with pytest.raises(ParameterError, match=re.escape(message)):
            check_backend(backend, scheduler)


def test_open_corpus_fails_on_a_bad_backend_before_reading_anything(tmp_path):
    with pytest.raises(ParameterError, match="^backend: "):
        open_corpus(tmp_path / "missing", backend="polars")


def test_a_corpus_that_is_not_parquet_is_converted_once_for_dask(tmp_path, capsys):
    """backend="dask" on a CSV folder: loaded once, written to Parquet (with its load report)
    under a name that carries the corpus's hash, and reused by the next notebook."""
    corpus = Path(__file__).parent / "data" / "report" / "corpus"
    first = _as_parquet(corpus, tmp_path / "parquet")
    said = capsys.readouterr().out
    again = _as_parquet(corpus, tmp_path / "parquet")
    assert again == first and first.name == f"corpus-{corpus_fingerprint(corpus)['sha256'][:12]}.parquet"
    assert "was loaded into memory once (7 articles) and written to" in said
    assert "converted from" in capsys.readouterr().out
    assert first.with_name(first.stem + ".load_report.csv").is_file()
    assert pd.read_parquet(first)["doc_id"].tolist() == select_articles(
        _load(corpus))["doc_id"].tolist()


def test_corpus_duplicates_follow_the_threshold(tmp_path):
    """A second call with another threshold is not answered from the first call's cache."""
    from toolkit import find_duplicates, load_articles
    from toolkit.notebook_support import open_corpus

    path = Path(__file__).resolve().parent / "data" / "duplicates" / "corpus.csv"
    corpus = open_corpus(path, output_dir=tmp_path)
    articles = load_articles(path)
    for threshold in (0.5, 0.95, 0.5):
        expected = find_duplicates(articles, threshold=threshold, progress=False)
        pd.testing.assert_frame_equal(corpus.duplicates(threshold=threshold), expected)
    assert len(find_duplicates(articles, threshold=0.5, progress=False)) != len(
        find_duplicates(articles, threshold=0.95, progress=False))


def test_hits_saved_by_one_notebook_are_taken_by_another_on_either_backend(tmp_path):
    """Notebook 02 saves its hits, notebook 05 loads them; on Dask only the articles shown are read."""
    from toolkit import load_frames, match_frames, write_articles_parquet
    from toolkit.notebook_support import open_corpus

    data = Path(__file__).parent / "data" / "report"
    in_memory = open_corpus(data / "corpus", output_dir=tmp_path)
    frames = load_frames(data / "frames.yaml")
    hits = match_frames(in_memory.articles, frames, voice=True)
    hits.to_parquet(tmp_path / "hits.parquet", index=False)
    parquet = write_articles_parquet(in_memory.articles, tmp_path / "corpus.parquet", row_group_size=2)
    out_of_memory = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    for corpus in (in_memory, out_of_memory):
        pd.testing.assert_frame_equal(corpus.load_hits(tmp_path / "hits.parquet"), hits, check_like=False)
        shown = hits["doc_id"].iloc[-1]
        read = corpus.read_articles([shown])
        assert read["doc_id"].tolist() == [shown]
        assert read["text"].iloc[0] == in_memory.articles.set_index("doc_id").loc[shown, "text"]
        sized = corpus.articles_with_length()
        assert sized["n_chars"].tolist() == in_memory.articles["text"].fillna("").str.len().tolist()
    assert "text" not in out_of_memory.articles.columns


@pytest.mark.parametrize("change, named", [
    (lambda hits: hits.drop(columns="voice"), "no column voice"),
    (lambda hits: hits.assign(doc_id="elsewhere-1"), "not in this corpus"),
])
def test_hits_of_another_kind_or_corpus_are_refused_naming_the_parameter(tmp_path, change, named):
    from toolkit import load_frames, match_frames
    from toolkit.notebook_support import open_corpus

    data = Path(__file__).parent / "data" / "report"
    corpus = open_corpus(data / "corpus", output_dir=tmp_path)
    change(match_frames(corpus.articles, load_frames(data / "frames.yaml"), voice=True)).to_parquet(tmp_path / "h.parquet")
    with pytest.raises(ParameterError, match=f"hits_path: .*{named}"):
        corpus.load_hits(tmp_path / "h.parquet")
    with pytest.raises(ParameterError, match="hits_path"):
        corpus.load_hits(tmp_path / "missing.parquet")


def test_lines_and_lengths_in_one_pass_equal_the_separate_analyses(tmp_path):
    from toolkit import load_frames, match_frames, write_articles_parquet
    from toolkit.notebook_support import open_corpus

    data = Path(__file__).parent / "data" / "report"
    in_memory = open_corpus(data / "corpus", output_dir=tmp_path)
    hits = match_frames(in_memory.articles, load_frames(data / "frames.yaml"), voice=True)
    parquet = write_articles_parquet(in_memory.articles, tmp_path / "corpus.parquet", row_group_size=2)
    out_of_memory = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    expected = in_memory.keyword_in_context(None, window=4, hits=hits)
    assert len(expected) == len(hits) > 5
    for corpus in (in_memory, out_of_memory):
        lines, sized = corpus.lines_and_lengths(hits, window=4)
        pd.testing.assert_frame_equal(lines, expected, check_like=False)
        assert sized["n_chars"].tolist() == in_memory.articles["text"].fillna("").str.len().tolist()


def test_a_corpus_without_articles_stops_naming_the_parameter_and_the_load_report(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("article_id,publish_date,article_source_link,title,subtitle,text\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=rf"^corpus_path: no article loaded from {re.escape(str(empty))}; "
                                             "no input failed either"):
        open_corpus(empty)
    folder = tmp_path / "unreadable"
    folder.mkdir()
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    with pytest.raises(ParameterError, match=r"reference_path: no article loaded from .*1 input\(s\) did not load "
                                             r"\(first: .*notes.bin.*see the load report"):
        open_corpus(folder, parameter="reference_path")


def test_hits_copies_and_lines_in_one_pass_on_dask_equal_the_separate_analyses(tmp_path, capsys):
    """On Dask, match_frames(lines_window=...) also finds the exact copies and the hits' lines in its pass:
    the same hits, copies and lines as the separate analyses (and the same note about exact copies)."""
    from toolkit import analyses, load_frames, write_articles_parquet
    from toolkit.notebook_support import open_corpus
    from toolkit.schema import HIT_COLUMNS

    data = Path(__file__).parent / "data" / "report"
    articles = open_corpus(data / "corpus", output_dir=tmp_path).articles
    copy = articles.iloc[[1]].assign(doc_id="a-copy", date=pd.Timestamp("2030-01-01"))  # a later exact copy
    parquet = write_articles_parquet(pd.concat([articles, copy], ignore_index=True), tmp_path / "c.parquet",
                                     row_group_size=2)
    frames = load_frames(data / "frames.yaml")
    one_pass = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    hits = one_pass.match_frames(frames, voice=True, lines_window=4)
    separate = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    expected = analyses.match_frames(separate.analysed, frames, voice=True)
    pd.testing.assert_frame_equal(hits, expected)
    assert len(hits) > 5 and "a-copy" in set(hits["doc_id"])
    capsys.readouterr()
    pd.testing.assert_frame_equal(one_pass.duplicates(), separate.duplicates())
    assert one_pass.duplicates()["doc_id"].tolist() == [articles["doc_id"].iloc[1], "a-copy"]
    notes = capsys.readouterr().out
    assert notes.count("only exact copies") == 2  # the note is printed whether the copies were found before or not
    pd.testing.assert_frame_equal(one_pass.without_copies(), separate.without_copies())
    lines = one_pass.keyword_in_context(frames, window=4, hits=hits[list(HIT_COLUMNS)])
    pd.testing.assert_frame_equal(lines, separate.keyword_in_context(frames, window=4, hits=hits[list(HIT_COLUMNS)]))
    # other hits or another window: built from the text, not taken from the pass
    assert len(one_pass.keyword_in_context(frames, window=2, hits=hits[list(HIT_COLUMNS)])) == len(hits)
    fewer = hits[list(HIT_COLUMNS)].iloc[1:]
    pd.testing.assert_frame_equal(one_pass.keyword_in_context(frames, window=4, hits=fewer),
                                  separate.keyword_in_context(frames, window=4, hits=fewer))
    with pytest.raises(ParameterError, match="lines_window"):
        one_pass.match_frames(frames, lines_window=-1)


def test_hits_saved_on_dask_carry_their_lines_and_lengths_to_the_next_notebook(tmp_path, monkeypatch):
    """Notebook 02 saves its hits with the lines and text lengths its pass made; notebooks 04 and 05
    load them and take those instead of reading the text again: the same lines and lengths as reading it,
    and nothing taken for other hits, another window or a changed corpus."""
    from toolkit import load_frames, write_articles_parquet
    from toolkit.notebook_support import open_corpus, saved_with_hits
    from toolkit.schema import HIT_COLUMNS

    data = Path(__file__).parent / "data" / "report"
    articles = open_corpus(data / "corpus", output_dir=tmp_path).articles
    parquet = write_articles_parquet(articles, tmp_path / "c.parquet", row_group_size=2)
    frames = load_frames(data / "frames.yaml")
    first = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    hits = first.match_frames(frames, voice=True, lines_window=4)
    path = first.save_hits(hits, tmp_path / "02-hits.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(path), hits)  # the hits file is the hits, as before
    assert all(p.is_file() for p in saved_with_hits(path))
    fresh = open_corpus(parquet, backend="dask", output_dir=tmp_path)  # reads the text: the expected tables
    expected_kwic = fresh.keyword_in_context(frames, window=4, hits=hits[list(HIT_COLUMNS)])
    expected_lines, expected_sized = fresh.lines_and_lengths(hits, window=4)
    assert len(expected_kwic) == len(hits) > 5 and expected_sized["n_chars"].gt(0).all()

    import toolkit.notebook_support as support

    def no_text(*args, **kwargs):
        raise AssertionError("the text was read again")

    later = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    loaded = later.load_hits(path)
    with monkeypatch.context() as patch:
        patch.setattr(support.executor, "run", no_text)
        patch.setattr(support.analyses, "keyword_in_context", no_text)
        pd.testing.assert_frame_equal(later.keyword_in_context(frames, window=4, hits=loaded[list(HIT_COLUMNS)]),
                                      expected_kwic)
        lines, sized = later.lines_and_lengths(loaded, window=4)
    pd.testing.assert_frame_equal(lines, expected_lines)
    pd.testing.assert_frame_equal(sized, expected_sized)
    # another window is read from the text, and gives that window's lines
    pd.testing.assert_frame_equal(later.lines_and_lengths(loaded, window=2)[0], fresh.lines_and_lengths(hits, window=2)[0])

    # other hits saved at the same path without their lines: the old files are not taken for them
    fewer = hits.iloc[1:].reset_index(drop=True)
    fewer.to_parquet(path, index=False)
    other = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    other.load_hits(path)
    assert other._lines is None and other._lengths is not None  # the lengths do not depend on the hits
    # a changed corpus: nothing saved for the old one is taken
    first.save_hits(hits, path)
    write_articles_parquet(articles.assign(text=articles["text"] + " more"), parquet, row_group_size=2)
    changed = open_corpus(parquet, backend="dask", output_dir=tmp_path)
    changed.load_hits(path)
    assert changed._lines is None and changed._lengths is None
    # in memory the hits are saved alone
    in_memory = open_corpus(data / "corpus", output_dir=tmp_path)
    in_memory.save_hits(hits, path)
    assert not any(p.exists() for p in saved_with_hits(path))
