"""The explorer's state, driven headless: filters give the expected lines, coding writes the expected sheet.

Data: the report fixture corpus (tests/data/report: seven articles of four outlets
built from real news sentences, one planting a script) and its dictionary.
"""

from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import papermill
import pytest

import toolkit
from toolkit import ParameterError, explore, read_coding_sheet, sort_kwic
from toolkit.explore import STATIC_ENV

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"


@pytest.fixture(scope="module")
def corpus():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", toolkit.LoadWarning)  # the fixture holds a reprint and an odd file on purpose
        articles = toolkit.load_articles(DATA / "corpus")
    frames = toolkit.load_frames(DATA / "frames.yaml")
    return articles, frames, toolkit.match_frames(articles, frames, voice=True)


@pytest.fixture
def explorer(corpus, tmp_path):
    articles, frames, hits = corpus
    return explore(articles, frames, hits=hits, coding_path=tmp_path / "sheet.csv", static=False)


def keys(lines: pd.DataFrame) -> list:
    return list(zip(lines["doc_id"], lines["start"], lines["frame"]))


def expected(explorer, rows: pd.Series) -> list:
    """The oracle: a pandas filter of all lines, then sort_kwic by the explorer's levels."""
    return keys(sort_kwic(explorer.lines[rows.to_numpy()], by=explorer.sort_by))


def test_all_lines_at_first_one_per_hit(explorer, corpus):
    assert len(explorer.filtered()) == len(corpus[2]) == 14
    assert keys(explorer.filtered()) == expected(explorer, explorer.lines["frame"].notna())


@pytest.mark.parametrize("filters, oracle", [
    ({"frames": ["external_forces"]}, lambda x: x["frame"] == "external_forces"),
    ({"frames": ["terrorism"], "outlets": ["Xinhua", "TASS"]},
     lambda x: (x["frame"] == "terrorism") & x["outlet"].isin(["Xinhua", "TASS"])),
    ({"pattern": "FORCES"}, lambda x: x["pattern"].str.lower().str.contains("forces")
     | x["keyword"].str.lower().str.contains("forces")),
    ({"voices": ["quoted"]}, lambda x: x["voice"] == "quoted"),
    ({"distancing": ["scare quotes"]}, lambda x: x["distancing"] == "scare quotes"),
    ({"distancing": ["(none)"]}, lambda x: x["distancing"] == ""),
    ({"start": "2022-01-07", "end": "2022-01-10"},  # both days included
     lambda x: (x["date"] >= "2022-01-07") & (x["date"] < "2022-01-11")),
])
def test_a_filter_gives_the_expected_lines_in_sort_order(explorer, filters, oracle):
    explorer.set_filters(**filters)
    rows = oracle(explorer.lines)
    assert 0 < rows.sum() < len(explorer.lines), "the example must select some lines, not all"
    assert keys(explorer.filtered()) == expected(explorer, rows)


def test_filters_combine_and_reset(explorer):
    explorer.set_filters(frames=["color_revolution"])
    explorer.set_filters(voices=["quoted"])  # the frame filter stays
    lines = explorer.filtered()
    assert len(lines) and set(lines["frame"]) == {"color_revolution"} and set(lines["voice"]) == {"quoted"}
    explorer.reset_filters()
    assert len(explorer.filtered()) == len(explorer.lines)


def test_sorting_by_antconc_levels(explorer):
    explorer.set_filters(frames=["terrorism"])
    explorer.set_sort(["L1", "R1"])
    assert keys(explorer.filtered()) == expected(explorer, explorer.lines["frame"] == "terrorism")
    assert explorer.sort_by == ["L1", "R1"]
    with pytest.raises(ParameterError, match="by="):
        explorer.set_sort("R7")


def test_counts_follow_the_filters(explorer):
    explorer.set_filters(voices=["attributed"])
    lines = explorer.filtered()
    table = explorer.counts()
    oracle = pd.crosstab(lines["frame"], lines["outlet"])
    for frame in oracle.index:
        for outlet in oracle.columns:
            assert table.loc[frame, outlet] == oracle.loc[frame, outlet]
    assert table.loc["all frames", "all outlets"] == len(lines)
    assert table.drop(index="all frames", columns="all outlets").to_numpy().sum() == len(lines)


def test_paging_renders_only_one_page(corpus, tmp_path):
    articles, frames, hits = corpus
    x = explore(articles, frames, hits=hits, page_size=4, static=False)
    assert x.n_pages() == 4 and len(x.page_lines()) == 4
    x.set_page(3)
    assert len(x.page_lines()) == 2 and keys(x.page_lines()) == keys(x.filtered())[12:]
    x.set_page(99)
    assert x.page == 3
    x.set_filters(frames=["color_revolution"])
    assert x.page == 0


def test_opening_a_line_highlights_its_article(explorer):
    line = int(explorer.filtered().index[0])
    view = explorer.open(line)
    row = explorer.lines.iloc[line]
    assert view.doc_id == row["doc_id"] and "<mark" in view.html and 'id="focus"' in view.html
    assert explorer.open_line == line
    with pytest.raises(ParameterError, match="line="):
        explorer.open(len(explorer.lines))


@pytest.mark.parametrize("bad", [{"frames": ["nope"]}, {"colour": "red"}, {"start": "not a day"}, {"pattern": 3}])
def test_bad_filters_fail_naming_the_parameter(explorer, bad):
    name = next(iter(bad))
    with pytest.raises(ParameterError, match=name):
        explorer.set_filters(**bad)


def test_export_and_code_write_the_expected_sheet(explorer, tmp_path):
    explorer.set_filters(frames=["external_forces"])
    selection = explorer.filtered()
    paths = explorer.export_selection()
    sheet = read_coding_sheet(paths["csv"])
    assert sorted(zip(sheet["doc_id"], sheet["start"])) == sorted(zip(selection["doc_id"], selection["start"]))
    assert sheet["line_id"].tolist() == list(range(1, len(selection) + 1))
    assert {"line_id", "pre", "keyword", "post", "frame", "pattern", "stratum_size", "label_coder_1"} <= set(sheet.columns)
    assert sheet["label_coder_1"].isna().all()

    first, second = (int(i) for i in selection.index[:2])
    explorer.open(first)
    explorer.code("meant")
    explorer.code("quoted_rejected", line=second)
    explorer.code("not_meant", line=first)  # a second click replaces the label
    for path in (paths["csv"], paths["xlsx"]):
        coded = read_coding_sheet(path).set_index(["doc_id", "start"])["label_coder_1"]
        for line, label in ((first, "not_meant"), (second, "quoted_rejected")):
            row = explorer.lines.iloc[line]
            assert coded[(row["doc_id"], row["start"])] == label
        assert coded.notna().sum() == 2
    assert explorer.line_label(second) == "quoted_rejected"
    outside = int(np.flatnonzero(explorer.lines["frame"] != "external_forces")[0])
    with pytest.raises(ParameterError, match="not in the exported sheet"):
        explorer.code("meant", line=outside)
    with pytest.raises(ParameterError, match="label="):
        explorer.code("maybe", line=first)


def test_a_coded_sheet_taken_back_shows_its_codes_and_keeps_them(corpus, explorer, tmp_path):
    articles, frames, hits = corpus
    explorer.set_filters(frames=["terrorism"])
    paths = explorer.export_selection()
    first, second, third = (int(i) for i in explorer.filtered().index[:3])
    explorer.code("meant", line=first)
    explorer.code("quoted_rejected", line=second)
    # a second coder's column and a note, as a shared sheet would have them
    sheet = read_coding_sheet(paths["csv"]).assign(label_coder_2="not_meant", notes="checked twice")
    sheet.to_csv(paths["csv"], index=False)

    resumed = explore(articles, frames, hits=hits, coded=paths["csv"], static=False)
    assert resumed.coding_path == paths["csv"] and resumed.n_sheet_lines_missing == 0
    assert [resumed.line_label(i) for i in (first, second, third)] == ["meant", "quoted_rejected", None]
    resumed.code("not_meant", line=third)
    again = read_coding_sheet(paths["csv"]).set_index(["doc_id", "start"])
    labels = {line: again.loc[(explorer.lines.iloc[line]["doc_id"], explorer.lines.iloc[line]["start"])]
              for line in (first, second, third)}
    assert [labels[i]["label_coder_1"] for i in (first, second, third)] == ["meant", "quoted_rejected", "not_meant"]
    assert (again["label_coder_2"] == "not_meant").all() and (again["notes"] == "checked twice").all()
    assert len(again) == len(sheet)


def test_a_coded_sheet_is_taken_back_as_a_table_too_and_a_foreign_one_refused(corpus, explorer, tmp_path):
    articles, frames, hits = corpus
    paths = explorer.export_selection()
    explorer.code("meant", line=0)
    table = read_coding_sheet(paths["csv"])
    resumed = explore(articles, frames, hits=hits, coded=table, coding_path=tmp_path / "more.csv", static=False)
    assert resumed.line_label(0) == "meant" and resumed.coding_path == tmp_path / "more.csv"
    with pytest.raises(ParameterError, match="coded: none of the sheet's lines"):
        explore(articles, frames, hits=hits, coded=table.assign(doc_id="elsewhere"), static=False)
    with pytest.raises(toolkit.SchemaError, match="coded: .*'frame'"):
        explore(articles, frames, hits=hits, coded=table.drop(columns="frame"), static=False)


def test_export_of_an_empty_selection_fails(explorer):
    explorer.set_filters(pattern="no such words")
    with pytest.raises(ParameterError, match="no line passes"):
        explorer.export_selection()


def test_the_widget_calls_the_same_state(explorer):
    pytest.importorskip("ipywidgets")
    box = explorer.widget
    view = explorer._widget
    assert box is explorer.widget  # built once
    view.frames.value = ("color_revolution",)
    assert len(view.lines.options) == len(explorer.filtered()) == (explorer.lines["frame"] == "color_revolution").sum()
    assert "of 14 lines" in view.status.value
    view.lines.value = view.lines.options[0][1]
    assert "<mark" in view.article.value and all(b.disabled for b in view.buttons)  # no sheet yet
    view.export.click()
    assert not any(b.disabled for b in view.buttons)
    view.buttons[0].click()  # "meant"
    assert read_coding_sheet(explorer.sheet_paths["csv"])["label_coder_1"].tolist().count("meant") == 1
    view.reset.click()
    assert len(view.lines.options) == min(explorer.page_size, 14)
    view.sort[0].value = "L1"
    assert explorer.sort_by[0] == "L1"


def test_static_view_for_reports(corpus, monkeypatch):
    articles, frames, hits = corpus
    monkeypatch.setenv(STATIC_ENV, "1")
    x = explore(articles, frames, hits=hits)
    assert x.static and x._widget is None
    page = x.static_html()
    assert "<script" not in page  # the fixture plants one in an article
    assert "<mark" in page and "Keyword in context, sorted by R1, R2, R3" in page
    monkeypatch.delenv(STATIC_ENV)
    assert not explore(articles, frames, hits=hits).static


@pytest.mark.slow
def test_notebook_05_runs_with_the_widget_on_the_bundled_sample(tmp_path):
    """papermill, as in JupyterLab (no static-report variable): the widget is shown."""
    out = tmp_path / "05.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "05-explore.ipynb"), str(out), cwd=str(ROOT / "notebooks"), kernel_name="python3",
        parameters={"output_dir": str(tmp_path)}, progress_bar=False,
    )
    outputs = [o for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", [])]
    assert any("21 hits in 1 article" in o.get("text", "") for o in outputs)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_lines_built_elsewhere_and_articles_read_when_shown(corpus, tmp_path):
    """Notebook 05 on Dask: lines built out of memory, metadata only in memory, the shown article read on demand."""
    articles, frames, hits = corpus
    full = explore(articles, frames, hits=hits, coding_path=tmp_path / "a.csv", static=False)
    asked = []

    def read_articles(doc_ids):
        asked.extend(doc_ids)
        return articles[articles["doc_id"].isin(doc_ids)]

    lean = explore(articles.drop(columns="text"), frames, hits=hits, lines=full.lines.copy(), read_articles=read_articles,
                   coding_path=tmp_path / "b.csv", static=False)
    assert keys(lean.filtered()) == keys(full.filtered())
    line = int(lean.view()[3])
    assert lean.open(line).html == full.open(line).html and asked == [lean.lines["doc_id"].iloc[line]]
    assert lean.static_html() == full.static_html()
