"""toolkit.cli: the ``framing`` command's options, messages and exit status."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import _parser, main, report_parameters

DATA = Path(__file__).parent / "data" / "report"
TOY = DATA / "01-toy.ipynb"


def run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_help_lists_the_commands():
    result = subprocess.run([sys.executable, "-m", "toolkit.cli", "--help"], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1], check=False)
    assert result.returncode == 0
    for command in ["report", "load", "parameters"]:
        assert command in result.stdout


def test_report_help_documents_every_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for option in ["--corpus", "--reference", "--frames", "--backend", "--scheduler", "-p NAME VALUE", "-f", "--out",
                   "--notebooks"]:
        assert option in text, option


def test_parameters_come_from_file_then_p_then_path_options(tmp_path):
    (tmp_path / "params.yaml").write_text("top_n: 5\nscale: 2.5\ncorpus_path: from-file\n")
    args = _parser().parse_args([
        "report", "-f", str(tmp_path / "params.yaml"), "-p", "top_n", "7", "-p", "outlets", "TASS",
        "--corpus", "from-option", "--frames", "frames.yaml", "--backend", "dask", "--scheduler", "tcp://10.0.0.5:8786",
    ])
    assert report_parameters(args) == {
        "top_n": "7", "scale": 2.5, "corpus_path": "from-option", "outlets": "TASS", "frames_path": "frames.yaml",
        "backend": "dask", "scheduler": "tcp://10.0.0.5:8786"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-p", "colour", "red"], "framing report: error: unknown parameter(s) colour: the notebooks accept "
                                  "scale, show_figure, text_path, top_n"),
        (["-p", "top_n", "many"], "framing report: error: parameter 'top_n': expected int, got 'many'"),
        (["--corpus", "x"], "framing report: error: unknown parameter(s) corpus_path"),
        (["-f", "no-such.yaml"], "framing report: error: -f: no such parameters file: no-such.yaml"),
    ],
)
def test_bad_report_options_fail_with_one_line(capsys, tmp_path, argv, message):
    status, out, err = run(capsys, "report", "--notebooks", str(TOY), "--out", str(tmp_path), *argv)
    assert status == 1
    assert err.startswith(message) and err.count("\n") == 1


def test_parameters_file_must_be_a_mapping(capsys, tmp_path):
    (tmp_path / "p.yaml").write_text("- top_n\n- 3\n")
    status, _, err = run(capsys, "report", "--notebooks", str(TOY), "-f", str(tmp_path / "p.yaml"))
    assert status == 1 and "must hold a mapping" in err


def test_parameters_command_lists_types_defaults_and_help(capsys):
    status, out, _ = run(capsys, "parameters", str(TOY))
    assert status == 0
    assert out.splitlines()[0] == "01-toy.ipynb:"
    assert out.splitlines()[2].split(None, 3) == ["top_n", "int", "3", "lines shown"]


def test_report_runs_with_paths_relative_to_the_users_folder(capsys, tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(TOY, notebooks)
    (tmp_path / "mine").mkdir()
    shutil.copy(DATA / "lines.txt", tmp_path / "mine" / "my-lines.txt")
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "report", "--notebooks", "notebooks/01-toy.ipynb",
                           "-p", "text_path", "mine/my-lines.txt", "-p", "show_figure", "false",
                           "--out", "out", "--no-progress")
    assert (status, err) == (0, "")
    assert out == f"1 report(s) written; open {tmp_path / 'out' / 'index.html'}\n"
    page = (tmp_path / "out" / "01-toy.html").read_text(encoding="utf-8")
    assert "my-lines.txt" in page and 'src="data:image/png' not in page


def test_load_writes_parquet_and_the_load_report(capsys, tmp_path):
    pytest.importorskip("toolkit.load", reason="toolkit.load is not merged yet")
    import pandas as pd

    source = tmp_path / "in"
    source.mkdir()
    (source / "article.txt").write_text("A headline\n\nSome text of an article about riots.\n", encoding="utf-8")
    (source / "empty.txt").write_text("", encoding="utf-8")
    status, out, err = run(capsys, "load", str(source), "--out", str(tmp_path / "corpus.parquet"))
    assert (status, err) == (0, "")
    articles = pd.read_parquet(tmp_path / "corpus.parquet")
    report = pd.read_csv(tmp_path / "corpus.load_report.csv")
    assert len(articles) == 1 and list(report.columns) == ["path", "line", "reason"]
    assert len(report) == 1 and report.loc[0, "path"].endswith("empty.txt")
    assert out.startswith("1 articles written to")


def test_load_missing_source_fails_with_one_line(capsys, tmp_path):
    pytest.importorskip("toolkit.load", reason="toolkit.load is not merged yet")
    status, _, err = run(capsys, "load", str(tmp_path / "none"), "--out", str(tmp_path / "c.parquet"))
    assert status == 1 and err.startswith("framing load: error:") and str(tmp_path / "none") in err


def _export_csv(path: Path, n: int = 30) -> Path:
    import pandas as pd

    pd.DataFrame({
        "link": [f"http://tass.com/world/{i}" for i in range(n)],
        "published": ["2017/2/7"] * n,
        "body": [f"MOSCOW, February 7. /TASS/. Russia is ready for contacts on Syria in Geneva, story {i}."
                 for i in range(n)],
        "other": [f"http://www.cnn.com/{i}" for i in range(n)],
    }).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("how", ["pairs", "yaml"])
def test_load_takes_a_column_mapping(capsys, tmp_path, how):
    import pandas as pd

    from toolkit import column_mapping, load_articles

    source = _export_csv(tmp_path / "export.csv")
    if how == "pairs":
        options = ["--column", "url=other", "--column", "date=published", "--column", "text=body"]
    else:
        (tmp_path / "m.yaml").write_text("url: other\ndate: published\ntext: body\n", encoding="utf-8")
        options = ["--columns", str(tmp_path / "m.yaml")]
    status, out, err = run(capsys, "load", str(source), "--out", str(tmp_path / "c.parquet"), *options)
    assert (status, err) == (0, "")
    assert "url=other (given)" in out and "text=body (given)" in out
    assert "quality flags" not in out  # clean texts
    articles = pd.read_parquet(tmp_path / "c.parquet")
    assert set(articles["outlet"]) == {"CNN"} and set(articles["wire"]) == {"TASS"}
    again = load_articles(tmp_path / "c.parquet")  # the mapping and load report come back from beside the file
    assert column_mapping(again).set_index("field").loc["url", "column"] == "other"
    assert set(again["wire"]) == {"TASS"} and "input_wire" not in again.columns


def test_load_rejects_a_bad_mapping(capsys, tmp_path):
    source = _export_csv(tmp_path / "export.csv")
    status, _, err = run(capsys, "load", str(source), "--out", str(tmp_path / "c.parquet"), "--column", "body")
    assert status == 1 and "--column: expected FIELD=COLUMN" in err and err.count("\n") == 1


def test_report_loads_once_with_the_mapping(capsys, tmp_path, monkeypatch):
    import pandas as pd

    import toolkit.report

    seen = {}
    monkeypatch.setattr(toolkit.report, "run_reports", lambda notebooks, parameters, out, progress: seen.update(parameters) or [])
    source = _export_csv(tmp_path / "export.csv")
    status, out, err = run(capsys, "report", "--corpus", str(source), "--out", str(tmp_path / "out"),
                           "--column", "url=other", "--no-progress")
    assert (status, err) == (0, "")
    corpus = Path(seen["corpus_path"])
    assert corpus == tmp_path / "out" / "corpus" / "corpus.parquet"
    assert set(pd.read_parquet(corpus)["outlet"]) == {"CNN"}
    status, _, err = run(capsys, "report", "--column", "url=other")
    assert status == 1 and "--corpus" in err


def test_load_prints_quality_counts(capsys, tmp_path):
    (tmp_path / "t.csv").write_text("text\n-1\nThe ministers agreed to keep in contact, the ministry said.\n", encoding="utf-8")
    status, out, err = run(capsys, "load", str(tmp_path / "t.csv"), "--out", str(tmp_path / "c.parquet"))
    assert status == 0 and "quality flags: 1 placeholder" in out


def test_load_reads_number_dates_in_the_order_given(capsys, tmp_path):
    import pandas as pd

    source = tmp_path / "export.csv"
    pd.DataFrame({
        "date": ["12/31/2016", "01/02/2017"],
        "text": ["MOSCOW, February 7. /TASS/. Russia is ready for contacts on Syria in Geneva, the ministry said."] * 2,
    }).to_csv(source, index=False)
    status, _, err = run(capsys, "load", str(source), "--out", str(tmp_path / "c.parquet"), "--date-order", "MDY")
    assert (status, err) == (0, "")
    dates = pd.read_parquet(tmp_path / "c.parquet")["date"].tolist()
    assert dates == [pd.Timestamp("2016-12-31"), pd.Timestamp("2017-01-02")]
