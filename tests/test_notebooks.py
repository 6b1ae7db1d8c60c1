"""The notebooks in notebooks/: their form, their parameters, and one headless run each.

Every notebook runs once, with papermill, on the small fixture corpus in
tests/data/report/ (one article there plants a script in its title and text),
and is rendered to HTML. The failure tests run notebook 01 only.
"""

import ast
import re
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from click.testing import CliRunner
from papermill.cli import papermill as papermill_command

from toolkit.cli import main
from toolkit.errors import LoadWarning
from toolkit.load import load_articles
from toolkit.report import EXECUTED_DIR, list_notebooks, notebook_parameters, run_reports
from toolkit import write_articles_parquet

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "report"
NOTEBOOKS = list_notebooks(ROOT / "notebooks")
FIXTURE_PARAMETERS = {
    "corpus_path": DATA / "corpus",
    "reference_path": DATA / "reference",
    "frames_path": DATA / "frames.yaml",
    "coding_path": ROOT / "data" / "validation" / "example-coding.csv",
    "top_n": 5,
}


def code_cells(notebook: Path) -> list:
    return [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def test_there_are_notebooks():
    assert [p.name[:3] for p in NOTEBOOKS][:1] == ["01-"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_named_and_opens_with_title_question_and_parameters(notebook):
    assert re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", notebook.name)
    cells = nbformat.read(notebook, as_version=4).cells
    assert cells[0].cell_type == "markdown"
    title, *rest = cells[0].source.split("\n\n")
    assert title.startswith("# ") and rest and rest[0].strip().endswith("?"), "title, then the question"
    assert cells[1].cell_type == "code" and cells[1].metadata.get("tags") == ["parameters"]
    assert not any("parameters" in c.metadata.get("tags", []) for c in cells[2:])


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_holds_typed_commented_literals_one_per_line(notebook):
    source = code_cells(notebook)[0].source
    for statement, line in zip(ast.parse(source).body, source.splitlines()):
        assert isinstance(statement, ast.AnnAssign) and isinstance(statement.value, ast.Constant), line
        assert re.search(r"  # \S", line), f"no help comment: {line}"
    assert len(ast.parse(source).body) == len(source.splitlines())


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_def_or_class_in_any_code_cell(notebook):
    for cell in code_cells(notebook):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)), cell.source


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_outputs_are_stripped(notebook):
    for cell in code_cells(notebook):
        assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_help_notebook_lists_every_parameter_with_its_help(notebook):
    result = CliRunner().invoke(papermill_command, ["--help-notebook", str(notebook)])  # `papermill --help-notebook`
    assert result.exit_code == 0, result.output
    declared = notebook_parameters(notebook)
    assert len(declared) >= 3
    for row in declared.itertuples():
        assert row.type in ("str", "int", "float", "bool"), row.name
        assert row.help, row.name
        assert re.search(rf"^\s+{row.name}: {row.type} \(default {re.escape(row.default)}\)\s+{re.escape(row.help)}$",
                         result.output, re.M), row.name


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    accepted = set().union(*(notebook_parameters(nb)["name"] for nb in NOTEBOOKS))
    parameters = {k: str(v) if isinstance(v, Path) else v for k, v in FIXTURE_PARAMETERS.items() if k in accepted}
    return out, run_reports(NOTEBOOKS, parameters=parameters, out=out, progress=False)


def test_every_notebook_runs_and_renders(fixture_run):
    out, reports = fixture_run
    assert reports["notebook"].tolist() == [nb.name for nb in NOTEBOOKS]
    index = (out / "index.html").read_text(encoding="utf-8")
    for row in reports.itertuples():
        page = Path(row.html).read_text(encoding="utf-8")
        assert f"<title>{row.title}</title>" in page and row.question
        assert f'href="{Path(row.html).name}"' in index
        assert "Provenance" in page and "corpus sha256" in page and "Parameters and run time" in page
        assert "<script" not in page and not re.search(r"<img[^>]*onerror", page)
        if not row.notebook.startswith("04-"):  # 04 draws precision only from a sheet made for the dictionary
            assert 'src="data:image/png;base64,' in page, f"{row.notebook} has no figure"


def test_framing_notebook_shows_raw_and_deduplicated_rates(fixture_run):
    """The fixture corpus holds one reprint: the de-duplicated figures count it once."""
    out, _ = fixture_run
    table = pd.read_csv(out / "tables" / "02-frame-rates-raw-and-deduplicated.csv")
    articles = table.groupby("corpus")["n_articles"].first()
    assert (articles["raw"], articles["de-duplicated"]) == (7, 6)


def test_validation_notebook_shows_no_precision_from_a_sheet_made_for_another_dictionary(fixture_run):
    """The demonstration sheet codes frames and patterns the fixture dictionary does not have:
    notebook 04 shows the sample to code and how to code it, never the sheet's numbers
    (the worked example's numbers are checked in tests/test_validation.py)."""
    out, _ = fixture_run
    page = (out / "04-dictionary-validation.html").read_text(encoding="utf-8")
    assert "No precision or agreement shown" in page and "foreign_interference" in page
    assert "How to code" in page
    assert not (out / "tables" / "04-precision.csv").exists()
    assert not (out / "tables" / "04-agreement.csv").exists()


def test_executed_notebooks_show_no_errors_or_warnings(fixture_run):
    out, reports = fixture_run
    for row in reports.itertuples():
        for cell in code_cells(Path(row.executed)):
            for output in cell.outputs:
                assert output.output_type != "error", (row.notebook, cell.source[:80])
                assert output.get("name") != "stderr", (row.notebook, output.get("text", "")[:300])


def test_planted_markup_is_shown_as_text(fixture_run):
    out, _ = fixture_run
    page = (out / "01-corpus-overview.html").read_text(encoding="utf-8")
    assert "Protests spread over fuel prices &lt;script&gt;" in page


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-p", "corpus_pth", "x"], "unknown parameter(s) corpus_pth"),
        (["--corpus", "{tmp}/missing"], "corpus_path: no such file or folder: {tmp}/missing"),  # before 01 starts
        (["--corpus", "{tmp}/empty.csv"], "01-corpus-overview.ipynb: corpus_path: no article loaded from {tmp}/empty.csv; "
                                         "no input failed either"),
        (["-p", "outlets", "BBC"], "01-corpus-overview.ipynb: outlets: no article from 'BBC'"),
        (["-p", "top_n", "-3"], "01-corpus-overview.ipynb: top_n: expected a whole number of at least 1, got -3"),
        (["--backend", "spark"], "backend: expected 'pandas' (the corpus in memory) or 'dask'"),
        (["-p", "scheduler", "tcp://localhost:8786"], "scheduler: a Dask scheduler is only used with backend='dask'"),
    ],
    ids=["unknown parameter", "missing path", "header-only corpus", "empty outlet filter", "negative top_n", "bad backend", "scheduler without dask"],  # dates: test_notebook_support
)
def test_bad_parameters_stop_the_run_naming_the_parameter(capsys, tmp_path, argv, message):
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    (tmp_path / "empty.csv").write_text("article_id,publish_date,article_source_link,title,subtitle,text\n")
    status = main(["report", "--notebooks", str(NOTEBOOKS[0]), "--corpus", str(DATA / "corpus"),
                   *argv, "--out", str(tmp_path / "out"), "--no-progress"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("framing report: error: " + message.replace("{tmp}", str(tmp_path))), err
    assert err.count("\n") == 1
    kept = tmp_path / "out" / EXECUTED_DIR / NOTEBOOKS[0].name
    if not message.startswith("01-"):
        assert not kept.exists()  # nothing ran
    else:
        assert f"(partly executed notebook kept at {kept})" in err
        errors = [o for c in code_cells(kept) for o in c.outputs if o.output_type == "error"]
        assert [o.ename for o in errors] == ["ParameterError"]


def test_ngram_max_beyond_what_token_settings_allow_stops_notebook_03(capsys, tmp_path):
    keyness = next(nb for nb in NOTEBOOKS if nb.name.startswith("03-"))
    status = main(["report", "--notebooks", str(keyness), "--corpus", str(DATA / "corpus"),
                   "--reference", str(DATA / "reference"), "--frames", str(DATA / "frames.yaml"),
                   "-p", "ngram_max", "4", "--out", str(tmp_path / "out"), "--no-progress"])
    err = capsys.readouterr().err
    assert status == 1
    assert "03-vocabulary-keyness.ipynb: ngram_max: expected a whole number" in err and "from 2 to 3, got 4" in err, err


def test_keyness_table_shows_only_significant_terms_and_says_how_many(fixture_run):
    out, _ = fixture_run
    every = pd.read_csv(out / "tables" / "03-keyness.csv")  # the CSV keeps every term
    significant = every[every["p_value"] < 0.05]
    assert len(every) > len(significant)
    page = (out / "03-vocabulary-keyness.html").read_text(encoding="utf-8")
    said = re.search(r"([\d,]+) terms? of ([\d,]+) differ between the corpus and the reference at p &lt; 0.05", page)
    assert said and (int(said[1].replace(",", "")), int(said[2].replace(",", ""))) == (len(significant), len(every))
    if len(significant):
        shown = min(FIXTURE_PARAMETERS["top_n"], len(significant))
        assert f"the first {shown:,} of" in page
        table = page[page.index("Key words against the reference corpus"):page.index("Words around the frames")]
        for term in every.loc[every["p_value"] >= 0.05, "term"].head(50):
            assert f"<th>{term}</th>" not in table, term


def test_all_outlets_chart_says_its_grey_bars_count_articles(fixture_run):
    out, _ = fixture_run
    page = (out / "02-framing-keywords.html").read_text(encoding="utf-8")
    assert "The chart of all outlets together has the same grey bars" in page  # the bars: test_plot.py


# --------------------------------------------------------------------------- backend="dask"

#: Tables the Dask run must reproduce exactly (the other tables: see the test below them).
SAME_ON_DASK = [
    "01-articles-by-outlet.csv", "01-articles.csv", "02-hits.csv", "02-frame-rates.csv",
    "02-frame-rates-by-outlet.csv", "02-frame-rates-over-time.csv", "02-keyword-in-context.csv",
    "02-frame-cooccurrence.csv", "03-word-frequency.csv", "03-phrase-frequency.csv", "03-tfidf-by-outlet.csv",
    "03-keyness.csv",
]


@pytest.fixture(scope="module")
def dask_run(tmp_path_factory):
    """The four notebooks with backend="dask" on the fixture corpus as Parquet (row groups of
    3 articles, so several partitions): 01-03 in one run, which starts a LocalCluster of 2
    workers and gives its address to the notebooks as `scheduler`; then 04 alone, which starts
    its own local cluster of 2 workers (scheduler="")."""
    folder = tmp_path_factory.mktemp("dask")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        articles = load_articles(DATA / "corpus", progress=False)
    parquet = write_articles_parquet(articles, folder / "corpus.parquet", row_group_size=3)
    parameters = {k: str(v) if isinstance(v, Path) else v for k, v in FIXTURE_PARAMETERS.items()}
    parameters.update(corpus_path=str(parquet), backend="dask")
    first = None
    for notebooks in (NOTEBOOKS[:3], NOTEBOOKS[3:4], NOTEBOOKS[4:]):  # 04 alone; 05 (explore) after it
        accepted = set().union(*(notebook_parameters(nb)["name"] for nb in notebooks))
        reports = run_reports(notebooks, parameters={k: v for k, v in parameters.items() if k in accepted},
                              out=folder / "out", progress=False)
        first = reports if first is None else first
    return folder / "out", first


@pytest.mark.parametrize("table", SAME_ON_DASK)
def test_dask_backend_gives_the_tables_of_the_pandas_backend(fixture_run, dask_run, table):
    in_memory = pd.read_csv(fixture_run[0] / "tables" / table)
    on_dask = pd.read_csv(dask_run[0] / "tables" / table)
    assert len(in_memory) > 0, "a table compared empty proves nothing"
    pd.testing.assert_frame_equal(on_dask, in_memory)


def test_dask_backend_says_what_it_cannot_do_out_of_memory(dask_run):
    """Near-duplicates and collocations need the whole text in one process: the reports say so."""
    dask_run = dask_run[0]
    overview = (dask_run / "01-corpus-overview.html").read_text(encoding="utf-8")
    vocabulary = (dask_run / "03-vocabulary-keyness.html").read_text(encoding="utf-8")
    assert "only exact copies (identical text) are found out of memory" in overview
    assert "collocations need every article&#x27;s tokens in one process" in vocabulary \
        or "collocations need every article's tokens in one process" in vocabulary
    assert pd.read_csv(dask_run / "tables" / "01-duplicates.csv").empty  # the fixture's reprint is edited
    assert pd.read_csv(dask_run / "tables" / "03-collocations.csv").empty
    for page in dask_run.glob("*.html"):
        assert "backend" in page.read_text(encoding="utf-8")


def test_the_report_gives_every_notebook_of_a_dask_run_its_local_cluster(dask_run):
    """framing report starts the local cluster (a fresh one for each notebook, so each starts with
    workers that hold only their imports) and gives its address to the notebooks."""
    out, first = dask_run
    given = {row.notebook: nbformat.read(row.executed, as_version=4).metadata.papermill.parameters
             for row in first.itertuples()}
    addresses = [parameters.get("scheduler", "") for parameters in given.values()]
    assert len(given) == 3 and all(re.fullmatch(r"tcp://127\.0\.0\.1:\d+", a) for a in addresses)
    alone = nbformat.read(out / EXECUTED_DIR / NOTEBOOKS[3].name, as_version=4).metadata.papermill.parameters
    assert not alone.get("scheduler")  # run alone, notebook 04 started its own cluster


def test_overview_timeline_counts_only_the_articles_it_places(tmp_path):
    """A year from a file name has no day: notebook 01's chart by day leaves it out and says so."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for day in range(3, 8):
        (corpus / f"2022-01-{day:02d}_kazakhstan.txt").write_text(
            f"Protests over fuel prices continued in Almaty on January {day}, officials said.\n", encoding="utf-8")
    (corpus / "2022-Review.txt").write_text("A review of the year in Central Asia.\n", encoding="utf-8")
    run_reports([NOTEBOOKS[0]], parameters={"corpus_path": str(corpus)}, out=tmp_path / "out", progress=False)
    printed = [o.get("text", "") for c in code_cells(tmp_path / "out" / EXECUTED_DIR / NOTEBOOKS[0].name)
               for o in c.outputs if "plot_articles_over_time(" in c.source and o.output_type == "stream"]
    assert printed == ["1 article dated only to the month or year left out of the chart by day.\n"]
