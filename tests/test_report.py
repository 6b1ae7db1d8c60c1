"""toolkit.report: parameters, headless runs, self-contained HTML, index, failures.

The notebook runs use a toy notebook (tests/data/report/01-toy.ipynb) so they
test the machinery, not the analyses; tests/test_notebooks.py runs the real ones.
"""

import base64
import re
import shutil
import struct
import sys
from pathlib import Path

import nbformat
import pytest

from toolkit.errors import ParameterError, ReportError
from toolkit.report import (
    EXECUTED_DIR,
    check_parameters,
    list_notebooks,
    notebook_parameters,
    notebook_title,
    run_reports,
)

DATA = Path(__file__).parent / "data" / "report"
TOY = DATA / "01-toy.ipynb"


@pytest.fixture(scope="module")
def toy_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("toy")
    shutil.copy(TOY, folder)
    shutil.copy(DATA / "lines.txt", folder)
    return folder


@pytest.fixture(scope="module")
def toy_run(toy_folder):
    out = toy_folder / "reports"
    reports = run_reports([toy_folder / TOY.name], parameters={"top_n": "4"}, out=out, progress=False)
    return out, reports


def png_sizes(page: str) -> list[tuple[int, int]]:
    """Width and height of every base64 PNG embedded in *page* (from the IHDR chunk)."""
    sizes = []
    for data in re.findall(r'src="data:image/png;base64,([^"]+)"', page):
        head = base64.b64decode(data[:64])
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        sizes.append(struct.unpack(">II", head[16:24]))
    return sizes


def test_notebook_parameters_lists_name_type_default_help():
    table = notebook_parameters(TOY)
    assert table.to_dict("records") == [
        {"name": "text_path", "type": "str", "default": '"lines.txt"', "help": "file of lines, one finding each"},
        {"name": "top_n", "type": "int", "default": "3", "help": "lines shown"},
        {"name": "scale", "type": "float", "default": "1.0", "help": "multiplies the plotted values"},
        {"name": "show_figure", "type": "bool", "default": "True", "help": "draw the figure"},
    ]


def test_notebook_title_reads_the_first_markdown_cell():
    assert notebook_title(TOY) == ("Toy report", "How many lines does the file have, and what do they say?")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"top_n": "7"}, {"top_n": 7}),
        ({"top_n": 7}, {"top_n": 7}),
        ({"scale": "0.5"}, {"scale": 0.5}),
        ({"scale": 2}, {"scale": 2.0}),
        ({"show_figure": "no"}, {"show_figure": False}),
        ({"show_figure": "TRUE"}, {"show_figure": True}),
        ({"show_figure": False}, {"show_figure": False}),
        ({}, {}),
    ],
)
def test_check_parameters_converts_to_the_declared_type(given, expected):
    assert check_parameters([TOY], given) == {TOY: expected}


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"top_n": "seven"}, "top_n"),
        ({"top_n": True}, "top_n"),
        ({"scale": "big"}, "scale"),
        ({"show_figure": "maybe"}, "show_figure"),
        ({"corpus": "x"}, "corpus"),
        ({"top_n": 1, "colour": "red", "zoom": 2}, "colour, zoom"),
    ],
)
def test_check_parameters_names_the_bad_parameter(given, named):
    with pytest.raises(ParameterError, match=re.escape(named)):
        check_parameters([TOY], given)


def test_relative_path_parameters_resolve_against_the_callers_folder(tmp_path):
    resolved = check_parameters([TOY], {"text_path": "sub/lines.txt"}, base=tmp_path)
    assert resolved[TOY]["text_path"] == str(tmp_path / "sub" / "lines.txt")


def test_parameters_go_only_to_the_notebooks_that_declare_them(tmp_path):
    other = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("top_n: int = 1  # rows")
    cell.metadata["tags"] = ["parameters"]
    other.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    other.cells = [cell]
    nbformat.write(other, tmp_path / "02-other.ipynb")
    split = check_parameters([TOY, tmp_path / "02-other.ipynb"], {"top_n": "2", "scale": "3"})
    assert split == {TOY: {"top_n": 2, "scale": 3.0}, tmp_path / "02-other.ipynb": {"top_n": 2}}


def test_list_notebooks_takes_numbered_notebooks_in_order(tmp_path):
    for name in ["02-b.ipynb", "01-a.ipynb", "scratch.ipynb", "1-c.ipynb"]:
        (tmp_path / name).write_text("{}")
    assert [p.name for p in list_notebooks(tmp_path)] == ["01-a.ipynb", "02-b.ipynb"]
    with pytest.raises(ReportError, match="no notebooks folder"):
        list_notebooks(tmp_path / "missing")


def test_run_reports_returns_one_row_per_notebook(toy_run):
    out, reports = toy_run
    assert reports[["notebook", "title"]].to_dict("records") == [{"notebook": "01-toy.ipynb", "title": "Toy report"}]
    assert Path(reports.loc[0, "html"]) == out / "01-toy.html"
    assert Path(reports.loc[0, "executed"]) == out / EXECUTED_DIR / "01-toy.ipynb"


def test_kernel_runs_this_interpreter(toy_run):
    out, _ = toy_run
    executed = nbformat.read(out / EXECUTED_DIR / "01-toy.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    assert sys.executable in printed


def test_report_is_self_contained_and_script_free(toy_run):
    page = (toy_run[0] / "01-toy.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "Content-Security-Policy" in page
    assert "<title>Toy report</title>" in page


def test_report_hides_code_and_embeds_figures(toy_run):
    page = (toy_run[0] / "01-toy.html").read_text(encoding="utf-8")
    assert "require_path(" not in page  # code cells' inputs are hidden
    sizes = png_sizes(page)
    assert len(sizes) == 1 and all(w > 200 and h > 100 for w, h in sizes)


def test_report_escapes_article_text(toy_run):
    page = (toy_run[0] / "01-toy.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=" in page
    assert "&lt;img src=x onerror=" in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert not re.search(r"<script", page)


def test_report_ends_with_provenance_parameters_and_run_time(toy_run):
    page = (toy_run[0] / "01-toy.html").read_text(encoding="utf-8")
    tail = page[page.index("Provenance"):]
    for item in ["corpus sha256", "articles analysed", "pandas", "framing-toolkit",
                 "Parameters and run time", "this run", "notebook default", "run time"]:
        assert item in tail, item
    assert re.search(r"<td>top_n</td>\s*<td>4</td>\s*<td>this run</td>", tail)


def test_index_links_each_report_with_title_and_question(toy_run):
    index = (toy_run[0] / "index.html").read_text(encoding="utf-8")
    assert '<a href="01-toy.html">Toy report</a>' in index
    assert "How many lines does the file have, and what do they say?" in index
    assert "Parameters: top_n = 4" in index


def test_unknown_parameter_fails_before_any_notebook_runs(tmp_path):
    with pytest.raises(ParameterError, match="unknown parameter.*colour"):
        run_reports([TOY], parameters={"colour": "red"}, out=tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_missing_path_stops_the_run_naming_the_parameter_and_keeps_the_notebook(toy_folder, tmp_path):
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(ReportError) as error:
        run_reports([toy_folder / TOY.name], parameters={"text_path": str(missing)},
                    out=tmp_path / "out", progress=False)
    message = str(error.value)
    assert message.startswith(f"01-toy.ipynb: text_path: no such file or folder: {missing}")
    kept = tmp_path / "out" / EXECUTED_DIR / "01-toy.ipynb"
    assert str(kept) in message and kept.is_file()
    failed = [o for c in nbformat.read(kept, as_version=4).cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert [o.ename for o in failed] == ["ParameterError"]
    assert not (tmp_path / "out" / "01-toy.html").exists()


def test_missing_notebook_is_named(tmp_path):
    with pytest.raises(ParameterError, match="notebooks: no such notebook: .*99-none.ipynb"):
        run_reports([tmp_path / "99-none.ipynb"], out=tmp_path / "out")


def test_a_failed_rerun_leaves_no_old_report_looking_current(toy_folder, tmp_path):
    out = tmp_path / "out"
    run_reports([toy_folder / TOY.name], parameters={"top_n": "4"}, out=out, progress=False)
    assert (out / "01-toy.html").is_file()
    with pytest.raises(ReportError):
        run_reports([toy_folder / TOY.name], parameters={"text_path": str(tmp_path / "nowhere.txt")},
                    out=out, progress=False)
    assert not (out / "01-toy.html").exists()  # the previous run's report is gone
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "This run failed and is incomplete" in index and "text_path: no such file" in index
    assert 'href="01-toy.html"' not in index


def test_reports_show_path_parameters_by_name_only(toy_run):
    out, reports = toy_run
    page = Path(reports["html"][0]).read_text(encoding="utf-8")
    assert str(out) not in page and str(Path(__file__).resolve().parents[1]) not in page


def test_unknown_output_format_is_refused(tmp_path):
    with pytest.raises(ParameterError, match="formats: unknown format"):
        run_reports([TOY], formats=("odt",), out=tmp_path / "out", progress=False)


def test_notebooks_04_and_05_take_the_hits_notebook_02_saves_in_the_same_run(tmp_path):
    """Only when 02 runs first with voice on, and the user gave no hits_path; an old file is never taken."""
    from toolkit.report import NOTEBOOK_DIR, _pass_saved_hits

    two, four, five = (NOTEBOOK_DIR / f"{name}.ipynb" for name in
                       ("02-framing-keywords", "04-dictionary-validation", "05-explore"))
    stale = tmp_path / "tables" / "02-hits.parquet"
    stale.parent.mkdir()
    stale.write_bytes(b"left by an earlier run")

    def passed(notebooks, **given):
        per_notebook = check_parameters(notebooks, {"output_dir": str(tmp_path), **given})
        _pass_saved_hits(notebooks, per_notebook, given)
        return per_notebook.get(five, {}).get("hits_path")

    beside = [stale.with_name("02-hits.lines.parquet"), stale.with_name("02-hits.lengths.parquet")]
    for path in beside:
        path.write_bytes(b"left by an earlier run")
    assert passed([two, five]) == str(stale) and not stale.exists()
    assert not any(path.exists() for path in beside)  # the lines and lengths saved with the old hits too
    assert passed([two, five], voice="false") is None
    assert passed([two, five], hits_path=str(tmp_path / "mine.parquet")) == str(tmp_path / "mine.parquet")
    assert passed([five]) is None and passed([five, two]) is None
    assert "hits_path" not in check_parameters([two], {"output_dir": str(tmp_path)})[two]
    per_notebook = check_parameters([two, four, five], {"output_dir": str(tmp_path)})
    _pass_saved_hits([two, four, five], per_notebook, {})
    assert per_notebook[four]["hits_path"] == per_notebook[five]["hits_path"] == str(stale)


def test_a_missing_corpus_fails_before_any_notebook_starts(tmp_path, monkeypatch):
    import toolkit.report as report

    notebook = tmp_path / "01-corpus.ipynb"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"}})
    nb.cells = [nbformat.v4.new_markdown_cell("# Corpus\n\nWhat is in it?"),
                nbformat.v4.new_code_cell('corpus_path: str = "x"  # file or folder of articles',
                                          metadata={"tags": ["parameters"]})]
    nbformat.write(nb, notebook)
    monkeypatch.setattr(report, "execute_notebook", lambda *a, **k: pytest.fail("a notebook started"))
    with pytest.raises(ParameterError, match=f"^corpus_path: no such file or folder: {re.escape(str(tmp_path))}/gone.csv"):
        run_reports([notebook], parameters={"corpus_path": str(tmp_path / "gone.csv")}, out=tmp_path / "out",
                    progress=False)


def test_kernel_shutdown_sends_no_interrupt_but_a_timeout_still_does():
    """jupyter_client interrupts before every shutdown; the kernel then logs a KeyboardInterrupt
    at the end of a successful run. The report's kernel manager skips that one interrupt."""
    import asyncio

    from jupyter_client.manager import AsyncKernelManager

    from toolkit.report import _ThisPythonKernelManager

    sent = []

    async def interrupt(self):
        sent.append(self.shutting_down)

    manager = _ThisPythonKernelManager()
    original = AsyncKernelManager._async_interrupt_kernel
    AsyncKernelManager._async_interrupt_kernel = interrupt
    try:
        asyncio.run(manager._async_interrupt_kernel())
        manager.shutting_down = True
        asyncio.run(manager._async_interrupt_kernel())
    finally:
        AsyncKernelManager._async_interrupt_kernel = original
    assert sent == [False]


def test_a_report_is_written_while_the_next_notebook_runs_and_a_later_failure_keeps_it(toy_folder, tmp_path,
                                                                                       monkeypatch):
    """Each notebook's HTML is written in another thread while the next notebook runs; when a later
    notebook fails, the index still lists the reports written before it, and says the run failed.
    The writing thread never calls papermill: its reading of a notebook changes the process's working
    folder for a moment, and a kernel started then ran in the wrong folder."""
    import threading

    import papermill

    inspect = papermill.inspect_notebook

    def main_thread_only(*args, **kwargs):
        assert threading.current_thread() is threading.main_thread(), "papermill called from the writing thread"
        return inspect(*args, **kwargs)

    monkeypatch.setattr(papermill, "inspect_notebook", main_thread_only)
    failing = tmp_path / "02-fails.ipynb"
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Fails\n\nWhat if a cell raises?"),
                      nbformat.v4.new_code_cell("raise ValueError('boom')")]
    nbformat.write(notebook, failing)
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="02-fails.ipynb: ValueError: boom"):
        run_reports([toy_folder / TOY.name, failing], parameters={"top_n": "4"}, out=out, progress=False)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "This run failed and is incomplete" in index and 'href="01-toy.html"' in index
    page = (out / "01-toy.html").read_text(encoding="utf-8")
    assert "<h1" in page and str(Path(__file__).resolve().parents[1]) not in page  # its paths removed as before
    assert not (out / "02-fails.html").exists()


def _hold(megabytes):
    import numpy as np

    globals()["_held"] = np.ones(int(megabytes * 1e6), dtype=np.uint8)  # resident: every page written
    return True


def test_workers_that_hold_memory_are_replaced_between_notebooks_behind_the_same_scheduler():
    """framing report's local cluster: between two notebooks the workers that kept more than their
    imports are replaced (new processes, the same scheduler address, not waited for); lean ones are kept."""
    import time

    distributed = pytest.importorskip("distributed")
    from toolkit.report import FRESH_WORKER_MB, _shared_cluster

    per_notebook = {"a": {"backend": "dask"}, "b": {"backend": "dask"}}
    with _shared_cluster(per_notebook) as fresh_workers:
        address = per_notebook["a"]["scheduler"]
        assert address == per_notebook["b"]["scheduler"]
        with distributed.Client(address) as client:
            client.wait_for_workers(2, timeout=60)
            first = set(client.scheduler_info()["workers"])
            fresh_workers()  # lean: kept
            assert set(client.scheduler_info()["workers"]) == first
            assert all(client.run(_hold, FRESH_WORKER_MB + 50).values())
            time.sleep(2)  # a heartbeat tells the scheduler the workers' size
            started = time.monotonic()
            fresh_workers()
            assert time.monotonic() - started < 1  # the new workers are not waited for
            while time.monotonic() - started < 60:
                replaced = set(client.scheduler_info()["workers"])
                if len(replaced) == 2 and not replaced & first:
                    break
                time.sleep(0.1)
            assert len(replaced) == 2 and not replaced & first
            assert client.submit(sum, [1, 2, 3]).result(timeout=60) == 6  # the new workers work
        assert per_notebook["a"]["scheduler"] == per_notebook["b"]["scheduler"] == address


def test_notebooks_that_take_the_saved_hits_run_two_at_a_time():
    """They read what notebook 02 saved, not the text: two at a time, every other notebook alone."""
    from toolkit.report import _side_by_side

    names = [Path(f"0{i}.ipynb") for i in range(1, 8)]
    saved = Path("/out/tables/02-hits.parquet")
    per_notebook = {nb: {} for nb in names}
    for nb in names[3:6]:
        per_notebook[nb]["hits_path"] = str(saved)
    per_notebook[names[6]]["hits_path"] = "/elsewhere/hits.parquet"  # the user's own file: not the saved hits
    assert _side_by_side(names, per_notebook, saved) == [[n] for n in names[:3]] + [names[3:5], [names[5]], [names[6]]]
    assert _side_by_side(names, per_notebook, None) == [[n] for n in names]


def test_two_notebooks_side_by_side_run_at_once_each_kernel_in_its_folder(toy_folder, tmp_path, monkeypatch):
    """Kernels get their folder and environment without this process changing its own (papermill's
    ``cwd`` would change the process's folder while a notebook runs, under the other one's feet)."""
    import os

    import toolkit.report as report

    folder = tmp_path / "notebooks"
    folder.mkdir()
    shutil.copy(DATA / "lines.txt", folder)  # read by a path relative to the notebook's folder
    toy = nbformat.read(TOY, as_version=4)
    toy.cells.insert(3, nbformat.v4.new_code_cell(
        "import os, time\nstarted = time.time()\ntime.sleep(2)\n"
        "print('static report:', os.environ.get('FRAMING_STATIC_REPORT'), started, time.time())"))
    pair = [folder / "01-toy.ipynb", folder / "02-toy.ipynb"]
    for path in pair:
        nbformat.write(toy, path)
    monkeypatch.setattr(report, "_side_by_side", lambda notebooks, *_: [list(notebooks)])
    here = os.getcwd()
    reports = run_reports(pair, out=tmp_path / "out", progress=False)
    assert os.getcwd() == here and "FRAMING_STATIC_REPORT" not in os.environ
    spans = []
    for executed in reports["executed"]:
        printed = "".join(o.get("text", "") for c in nbformat.read(executed, as_version=4).cells
                          if c.cell_type == "code" for o in c.get("outputs", []))
        line = re.search(r"static report: (\S+) ([\d.]+) ([\d.]+)", printed)
        assert line and line.group(1) == "1"
        spans.append((float(line.group(2)), float(line.group(3))))
    assert max(start for start, _ in spans) < min(end for _, end in spans)  # the two sleeps overlapped
    assert list(reports["notebook"]) == ["01-toy.ipynb", "02-toy.ipynb"]
