"""sort_kwic sorts as AntConc does, on lines of the bundled Xinhua article, orders worked by hand."""

from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import ParameterError, sort_kwic

# keyword_in_context(load_sample("seed"), "Kazakhstan", window=3): eight of its lines, as literals.
LINES = {
    "A": ("the situation in", "Kazakhstan", ". Wang said"),
    "B": ("current chaos in", "Kazakhstan", "are riots meticulously"),
    "C": ("the request of", "Kazakhstan", ", the CSTO"),
    "D": ("the situation in", "Kazakhstan", "has improved significantly,"),
    "E": ('"color revolutions" in', "Kazakhstan", ". The Chinese"),
    "F": ("CSTO in helping", "Kazakhstan", "fight violent terrorist"),
    "G": ("premise of respecting", "Kazakhstan", "'s sovereignty, Wang"),
    "H": ("the situation in", "Kazakhstan", ", Lavrov briefed"),
}


def kwic(names="ABCDEFGH"):
    return pd.DataFrame(
        [{"line": n, "pre": LINES[n][0], "keyword": LINES[n][1], "post": LINES[n][2]} for n in names]
    )


# Worked by hand. Words are letter/digit runs, compared case-folded, ties keep input order.
#   R1: A wang, B are, C the, D has, E The, F fight, G s ('s: the apostrophe splits), H lavrov
#   R2: C csto, E chinese        L1: A B D E H in, C of, F helping, G respecting
#   L2: A D H situation, B chaos, E revolutions
@pytest.mark.parametrize(
    "by, expected",
    [
        ("R1", "BFDHGCEA"),  # C before E: "the" and "The" tie without case; input order decides
        (["R1", "R2"], "BFDHGECA"),  # chinese < csto
        ("L1", "FABDEHCG"),
        (["L1", "L2"], "FBEADHCG"),
        (["L1", "L2", "R1"], "FBEDHACG"),  # among "situation in": has < lavrov < wang
        ("r1", "BFDHGCEA"),  # level names are case-insensitive too
        ("L3", "EFBGACDH"),  # L3: E color < F csto < B current < G premise < the (A, C, D, H)
    ],
)
def test_sort_levels_worked_by_hand(by, expected):
    assert "".join(sort_kwic(kwic(), by=by)["line"]) == expected


def test_case_is_ignored_and_punctuation_is_not_a_word():
    lines = kwic("EC")  # E has "The", C "the": case-sensitive code-point order would put E first
    assert "".join(sort_kwic(lines, by="R1")["line"]) == "EC"  # input order kept
    assert "".join(sort_kwic(kwic("CE"), by="R1")["line"]) == "CE"


def test_a_line_without_a_word_at_the_level_sorts_first():
    lines = pd.DataFrame({"pre": ["by the three", "by the three", "attempt by external"],
                          "keyword": ["forces", "forces", "forces"],
                          "post": ["of terrorism, separatism", "", "to provoke unrest"]})
    assert sort_kwic(lines, by="R1")["post"].tolist() == ["", "of terrorism, separatism", "to provoke unrest"]
    assert sort_kwic(lines, by="R5")["post"].tolist() == lines["post"].tolist()  # nobody has R5: input order


def test_input_is_not_changed_and_columns_are_kept():
    lines = kwic()
    before = lines.copy()
    out = sort_kwic(lines, by=["L1", "R1"])
    pd.testing.assert_frame_equal(lines, before)
    assert list(out.columns) == list(lines.columns) and list(out.index) == list(range(len(lines)))


@pytest.mark.parametrize("by", ["R6", "L0", "X1", [], ["R1", "left"], 3])
def test_bad_levels_fail_naming_the_parameter(by):
    with pytest.raises(ParameterError, match="by="):
        sort_kwic(kwic(), by=by)


def test_keyword_in_context_sort_gives_the_sort_kwic_order():
    articles = toolkit.load_sample("seed")
    plain = toolkit.keyword_in_context(articles, "Kazakhstan", window=3)
    for by in ("R1", ["L1", "R2"]):
        sorted_lines = toolkit.keyword_in_context(articles, "Kazakhstan", window=3, sort=by)
        pd.testing.assert_frame_equal(sorted_lines, sort_kwic(plain, by=by))
    with pytest.raises(ParameterError, match="sort="):
        toolkit.keyword_in_context(articles, "Kazakhstan", sort="R9")


def test_kwic_from_hits_matches_keyword_in_context():
    articles = toolkit.load_sample("seed")
    frames = toolkit.load_frames(Path(__file__).resolve().parents[1] / "data" / "frames" / "kazakhstan-2022.yaml")
    hits = toolkit.match_frames(articles, frames, voice=True)
    lines = toolkit.kwic_from_hits(articles, hits, window=6)
    plain = toolkit.keyword_in_context(articles, frames, window=6)
    columns = ["doc_id", "pre", "keyword", "post", "frame", "pattern", "start", "end"]
    pd.testing.assert_frame_equal(lines[columns], plain[columns], check_dtype=False)
    assert {"voice", "speaker", "distancing"} <= set(lines.columns)


def test_kwic_from_hits_keeps_the_dtypes_of_keyword_in_context():
    """Both build their lines in kwic.kwic_lines: same columns and dtypes, whatever the input's dates."""
    articles = toolkit.load_sample("seed")
    articles = articles.assign(date=pd.to_datetime(articles["date"]).dt.tz_localize("UTC"))
    frames = toolkit.load_frames(Path(__file__).resolve().parents[1] / "data" / "frames" / "kazakhstan-2022.yaml")
    lines = toolkit.kwic_from_hits(articles, toolkit.match_frames(articles, frames), window=4)
    plain = toolkit.keyword_in_context(articles, frames, window=4)
    assert len(plain) > 10
    pd.testing.assert_frame_equal(lines, plain)


SPEECHES = Path(__file__).parent / "data" / "load" / "speeches"  # real State of the Union texts; 1956 dated by name only


def test_a_line_says_how_far_its_date_is_known():  # state_union "freedom": 82 of 507 lines read as 1 January before
    """A speech dated by its file name 1956-Eisenhower.txt is known to the year: its lines say so, beside the date."""
    speeches = toolkit.load_articles(SPEECHES)
    lines = toolkit.keyword_in_context(speeches, "Congress", window=4)
    columns = list(toolkit.KWIC_COLUMNS)
    columns.insert(columns.index("date") + 1, "date_precision")
    assert list(lines.columns) == columns
    precision = speeches.set_index("doc_id")["date_precision"]
    assert lines["date_precision"].tolist() == lines["doc_id"].map(precision).tolist()
    from_1956 = lines["doc_id"] == speeches.loc[speeches["source_path"].str.endswith("1956-Eisenhower.txt"), "doc_id"].item()
    assert from_1956.sum() >= 1 and set(lines.loc[from_1956, "date_precision"]) == {"year"}
    assert set(lines.loc[~from_1956, "date_precision"]) == {"day"}
    # the CSV a notebook exports carries it next to the date, so no reader takes 1956-01-01 for 1 January
    header, first = lines[from_1956].to_csv(index=False).splitlines()[:2]
    assert header.startswith("doc_id,outlet,date,date_precision,title,") and ",1956-01-01,year," in first
    from toolkit.frames import Frame, FrameDictionary, Pattern

    frames = FrameDictionary(name="t", version="1", frames=(Frame(id="keyword", label="keyword", patterns=(Pattern("Congress"),)),))
    from_hits = toolkit.kwic_from_hits(speeches, toolkit.match_frames(speeches, frames), window=4)
    pd.testing.assert_frame_equal(from_hits, lines)
    # without the column (every date known to the day) the lines have the KWIC columns only
    plain = toolkit.keyword_in_context(speeches.drop(columns="date_precision"), "Congress", window=4)
    assert list(plain.columns) == list(toolkit.KWIC_COLUMNS)


def test_a_kwic_table_writes_a_year_only_date_as_the_year():
    from toolkit.display import kwic_table

    speeches = toolkit.load_articles(SPEECHES)
    lines = toolkit.keyword_in_context(speeches, "Congress", window=4)
    markup = str(kwic_table(lines, n=len(lines)))
    assert "<small>1956</small>" in markup and "1956-01-01" not in markup
    assert "<small>1947-01-06</small>" in markup  # a day from the text stays a day
    assert "1956-01-01" in str(kwic_table(lines.drop(columns="date_precision"), n=len(lines)))
