"""toolkit.display: whole tables, human headers, frame labels, counts behind each table."""

import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from toolkit import display
from toolkit.display import humanise, kwic_table, outlet_frame_table, plural, preview, rates_table, show
from toolkit.frames import frame_dictionary
from toolkit.rates import frame_rates

FRAMES = frame_dictionary({"name": "t", "version": "1", "frames": {
    "unrest": {"label": "Unrest and riots", "patterns": ["riot*"]},
    "aid": {"label": "Foreign aid", "patterns": ["aid"]},
}})


@pytest.mark.parametrize(("n", "expected"), [(0, "0 articles"), (1, "1 article"), (2, "2 articles"),
                                             (12345, "12,345 articles")])
def test_plural(n, expected):
    assert plural(n, "article") == expected


def test_plural_takes_an_irregular_form():
    assert (plural(1, "copy", "copies"), plural(3, "copy", "copies")) == ("1 copy", "3 copies")


def test_show_never_cuts_rows_and_says_how_many_articles_stand_behind():
    table = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(120)], "n_articles": range(120)})
    with pd.option_context("display.max_rows", 10):
        page = show(table.set_index("outlet"), n_articles=1)._repr_html_()
    assert all(f"Outlet {i}<" in page for i in range(120)) and "…" not in page
    assert "Based on 1 article." in page and ">articles<" in page and "n_articles" not in page


def test_show_escapes_text():
    page = show(pd.DataFrame({"title": ["<script>alert(1)</script>"]}))._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_humanise_gives_headers_and_frame_labels():
    table = pd.DataFrame({"frame": ["aid", "unrest"], "mentions_per_1000_words": [1.0, 2.0],
                          "n_quoted_rejected": [0, 1]})
    shown = humanise(table, FRAMES)
    assert list(shown.columns) == ["frame", "mentions per 1,000 words", "quoted to reject it"]
    assert list(shown["frame"]) == ["Foreign aid", "Unrest and riots"]
    assert list(shown["frame"].cat.categories) == ["Unrest and riots", "Foreign aid"]  # the dictionary's order


ARTICLES = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"], "outlet": ["Zeta", "alpha", "alpha", "Mid"],
    "n_words": [1000, 500, 1500, 200],
})
HITS = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c", "c"], "frame": ["unrest", "aid", "unrest", "unrest",
                                                                         "unrest", "unrest"]})


def test_outlet_frame_table_has_every_outlet_once_with_sizes_and_exact_poisson_intervals():
    rates = frame_rates(ARTICLES, HITS, by="outlet", frames=FRAMES)
    table = outlet_frame_table(rates, frames=FRAMES)
    assert list(table.index) == ["alpha", "Mid", "Zeta"]  # every outlet, no mention needed, by name
    assert list(table.columns) == ["articles", "words", "Unrest and riots", "Foreign aid"]
    assert table.loc["alpha", "articles"] == 2 and table.loc["alpha", "words"] == 2000
    # alpha: 4 mentions of unrest in 2,000 words = 2.00 per 1,000; Garwood bounds from the chi2 quantiles
    low, high = stats.chi2.ppf(0.025, 8) / 2 / 2, stats.chi2.ppf(0.975, 10) / 2 / 2
    assert table.loc["alpha", "Unrest and riots"] == f"2.00 ({low:.2f}–{high:.2f})"
    assert table.loc["Mid", "Foreign aid"].startswith("0 (0–")


def test_rates_table_shows_rate_intervals_in_dictionary_order_with_labels():
    rates = frame_rates(ARTICLES, HITS, by=None, frames=FRAMES)
    table = rates_table(rates, frames=FRAMES)
    assert list(table.index) == ["Unrest and riots", "Foreign aid"]
    assert "mentions per 1,000 words (95% CI)" in table.columns
    assert re.fullmatch(r"1\.56 \(\d\.\d\d–\d\.\d\d\)", table.iloc[0]["mentions per 1,000 words (95% CI)"])


def test_kwic_table_shows_the_whole_window_and_frame_labels():
    pre = "one two three four five six seven eight nine ten eleven twelve"
    kwic = pd.DataFrame({"outlet": ["X"], "date": [pd.Timestamp("2022-01-05")], "pre": [pre],
                         "keyword": ["riots"], "post": [pre], "frame": ["unrest"]})
    page = kwic_table(kwic, frames=FRAMES)._repr_html_()
    assert page.count(pre) == 2 and "…" not in page and "Unrest and riots" in page
    assert "1 of the 1 match" in page


def test_shareable_paths_are_never_absolute(tmp_path):
    from toolkit.display import shareable_paths

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paths = pd.Series([str(corpus / "2022" / "a.txt"), str(corpus / "x.zip") + "!in/b.txt", "/elsewhere/z.txt"])
    assert shareable_paths(paths, corpus).tolist() == ["corpus/2022/a.txt", "corpus/x.zip!in/b.txt", "z.txt"]
    assert shareable_paths(pd.Series([str(tmp_path / "one.csv")]), tmp_path / "one.csv").tolist() == ["one.csv"]


def test_speaker_table_names_unnamed_sources_instead_of_a_blank_row():
    hits = pd.DataFrame({
        "frame": ["riots", "riots", "riots", "riots"],
        "voice": ["attributed", "attributed", "quoted", "outlet"],
        "speaker": ["", "", "Tokayev", "Xinhua"],  # "officials said ..." twice, one named speaker, the outlet
    })
    table = display.speaker_table(hits)
    assert table["hits"].to_dict() == {(display.UNNAMED_SPEAKER, "riots"): 2, ("Tokayev", "riots"): 1}


def test_a_rare_rate_keeps_two_significant_digits_and_never_reads_as_none():
    # one mention in 164,000 words (ABC News's "CSTO peacekeeping mission" in the nine-outlet export) showed "0.00"
    rates = pd.DataFrame({"outlet": ["ABC News", "ABC News"], "frame": ["csto", "other"], "n_articles": [472, 472],
                          "n_words": [164_000, 164_000], "mentions_per_1000_words": [1 / 164, 0.0],
                          "rate_ci_low": [stats.chi2.ppf(0.025, 2) / 2 / 164, 0.0],
                          "rate_ci_high": [stats.chi2.ppf(0.975, 4) / 2 / 164, stats.chi2.ppf(0.975, 2) / 2 / 164]})
    table = outlet_frame_table(rates)
    assert table.loc["ABC News", "csto"] == "0.0061 (0.00015–0.034)"
    assert table.loc["ABC News", "other"] == "0 (0–0.022)"


def test_a_missing_outlet_reads_no_outlet_in_columns_index_and_keyword_lines():
    """State of the Union addresses carry no outlet: every table names it, never a blank cell."""
    table = pd.DataFrame({"outlet": ["", "Xinhua", None], "articles": [65, 3, 1]})
    before = table.copy()
    page = show(table, index=False)._repr_html_()
    assert page.count(f"<td>{display.NO_OUTLET}</td>") == 2 and "<td></td>" not in page
    page = show(table.set_index("outlet"))._repr_html_()
    assert page.count(f"<th>{display.NO_OUTLET}</th>") == 2
    pd.testing.assert_frame_equal(table, before)  # the input is left alone
    kwic = pd.DataFrame({"outlet": [""], "date": [pd.Timestamp("1946-01-21")], "pre": ["the state of the"],
                         "keyword": ["Union"], "post": ["is strong"], "frame": ["unrest"]})
    assert f'class="source">{display.NO_OUTLET}<br>' in kwic_table(kwic)._repr_html_()


def test_a_small_negative_rounded_to_zero_reads_0_not_minus_0():
    table = pd.DataFrame({"term": ["state", "union"], "log_ratio": [-0.0001, -0.004]}).set_index("term")
    page = show(table.round({"log_ratio": 2}))._repr_html_()
    assert "<td>0</td>" in page and "-0<" not in page
    page = show(table, digits=2)._repr_html_()
    assert "-0<" not in page


def test_small_expected_counts_of_collocations_keep_two_significant_digits():
    """Openings of State of the Union speeches (public domain): collocates of "congress"; an expected
    count far below one must not read as 0 in the report, and the table itself keeps its numbers."""
    from pathlib import Path

    from toolkit import collocations, load_articles

    speeches = load_articles(Path(__file__).parent / "data" / "load" / "encodings")  # three whole speeches
    company = collocations(speeches, frames="soviet union", window=5)
    expected = company["expected"].to_numpy(dtype=float)
    assert (expected > 0).all() and (expected < 0.005).any()  # would round to 0.00
    page = show(company.set_index("collocate"), digits=2)._repr_html_()
    cells = [row.split("</td>")[1].removeprefix("\n      <td>")
             for row in page.split("<th>")[1:] if "</td>" in row][: len(company)]
    assert "0" not in cells and all(float(cell.replace(",", "")) > 0 for cell in cells)
    shown = [float(c.replace(",", "")) for c in cells]
    # two significant digits below 0.1 (as rates), two decimals above
    assert np.allclose(shown, expected, rtol=0.05, atol=0.005)
    small = expected < 0.1
    assert np.allclose(np.array(shown)[small], expected[small], rtol=0.05)


def test_corpus_summary_shows_a_year_only_date_as_its_year():
    from pathlib import Path

    from toolkit import load_articles
    from toolkit.display import corpus_summary

    speeches = load_articles(Path(__file__).parent / "data" / "load" / "speeches")  # 1946-2005; 1956 by name only
    summary = corpus_summary(speeches)["value"]
    assert (summary["first day"], summary["last day"]) == ("1946-01-21", "2005-02-02")
    assert (summary["dated to the year only"], summary["dated to the month only"]) == ("1", "0")
    first_year_only = speeches[speeches["source_path"].str.endswith("1956-Eisenhower.txt")]
    assert corpus_summary(first_year_only)["value"]["first day"] == "1956"
    assert "dated to the year only" not in corpus_summary(speeches.drop(columns="date_precision")).index


def test_show_writes_each_date_as_far_as_it_is_known():
    from pathlib import Path

    from toolkit.load import load_articles

    # the real speeches: 1956-Eisenhower.txt is dated by its file name to the year only
    speeches = load_articles(Path(__file__).parent / "data" / "load" / "speeches")
    listing = speeches.sort_values("date").filter(["date", "date_precision", "title"])
    markup = str(show(listing, index=False))
    assert "<td>1956</td>" in markup and "1956-01-01" not in markup
    assert "<td>1947-01-06</td>" in markup  # a day from the text stays a day
    assert "date_precision" not in markup and "precision" not in markup
    assert listing["date"].dt.year.tolist() == sorted(listing["date"].dt.year)  # the table itself is unchanged
    assert "1956-01-01" in str(show(listing.drop(columns="date_precision"), index=False))
    shortened = preview(listing, n=10)
    assert "1956" in shortened["date"].tolist() and "date_precision" not in shortened.columns


def test_outlet_summary_writes_each_first_and_last_date_as_known():
    from pathlib import Path

    from toolkit.display import outlet_summary
    from toolkit.load import load_articles

    speeches = load_articles(Path(__file__).parent / "data" / "load" / "speeches")  # 1956 dated by its name only
    speeches = speeches.assign(outlet="State of the Union")
    row = outlet_summary(speeches).iloc[0]
    assert (row["first_day"], row["last_day"]) == ("1946-01-21", "2005-02-02")
    early = speeches[speeches["date"].dt.year <= 1956]
    assert outlet_summary(early).iloc[0][["first_day", "last_day"]].tolist() == ["1946-01-21", "1956"]
    assert "1956-01-01" not in outlet_summary(early).to_csv()
    plain = outlet_summary(early.drop(columns="date_precision")).iloc[0]
    assert plain["last_day"] == pd.Timestamp("1956-01-01")  # without the column: dates, as before
