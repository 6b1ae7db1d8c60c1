"""The whole report on a corpus larger than memory: every notebook, headless, HTML out, on Dask.

A corpus of ``--size-mb`` MB of text is generated with :mod:`benchmarks.corpus`
(in pieces, straight into Parquet row groups, see :mod:`benchmarks.bench_scale`),
then ``framing report --backend dask`` runs the notebooks (all, or ``--notebooks``) on it in a child
process, on one local Dask cluster of 2 worker processes (one thread each)
that ``framing report`` starts for all the notebooks. Reported:

- wall seconds of the whole report, and of each notebook (and its slowest cells);
- peak memory, sampled every 0.2 s over the report process and all its
  descendants (papermill's kernels, the Dask scheduler, nannies and workers):
  the largest single process, and the sum over all of them (resident set
  sizes added up: the memory the report needs at its peak);
- correctness: the frame counts in the report's table ``02-frame-rates.csv``
  equal the counts planted in the corpus.

Targets (issue 11): 1 GB in at most 200 s on 2 cores, peak memory at most 2 GB summed over processes
(issue 6 asked for 300 s).

    nice python -m benchmarks.bench_report --size-mb 100
    nice python -m benchmarks.bench_report --size-mb 1000    # the README figure
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
import yaml

from benchmarks.bench_scale import TreeMemory, write_corpus_parquet
from benchmarks.corpus import PHRASES, frame_id
from toolkit import ARTICLE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def _every_column(articles: pd.DataFrame) -> pd.DataFrame:
    """The generated articles with every column of toolkit.ARTICLE_COLUMNS, as ``framing load`` writes them."""
    added = {}
    for column in ARTICLE_COLUMNS:
        if column in articles.columns:
            continue
        if column == "n_words":
            added[column] = articles["text"].fillna("").str.count(r"\w+").astype("int64")  # as the loader counts
        elif column == "date":
            added[column] = pd.Series(pd.NaT, index=articles.index, dtype="datetime64[ns]")
        elif column == "source_row":
            added[column] = pd.Series(pd.NA, index=articles.index, dtype="Int64")
        else:
            added[column] = ""
    return articles.assign(**added)[[*ARTICLE_COLUMNS, *[c for c in articles.columns if c not in ARTICLE_COLUMNS]]]


def write_dictionary(path: Path) -> Path:
    """The benchmark's dictionary (one frame per planted phrase, variants on) as YAML."""
    frames = {frame_id(p): {"label": p, "patterns": [p]} for p in PHRASES}
    path.write_text(yaml.safe_dump({"name": "benchmark", "version": "1", "frames": frames}, sort_keys=False),
                    encoding="utf-8")
    return path


def run_report(corpus: Path, dictionary: Path, out: Path, parameters=(), notebooks=()) -> dict:
    """``framing report --backend dask`` in a child process: wall seconds, peak memory, exit status.

    *parameters*: (name, value) pairs passed with ``-p``."""
    command = [sys.executable, "-m", "toolkit.cli", "report", "--corpus", str(corpus), "--frames", str(dictionary),
               "--backend", "dask", "--out", str(out), "--no-progress"]
    command += [item for pair in parameters for item in ("-p", *pair)]
    command += ["--notebooks", *map(str, notebooks)] if notebooks else []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    start, load_before = time.perf_counter(), os.getloadavg()[0]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with TreeMemory(process.pid, trace=True) as memory:
        stdout, stderr = process.communicate()
    return {"seconds": time.perf_counter() - start, "returncode": process.returncode, "stderr": stderr.strip(),
            "largest_mb": memory.largest / 1e6, "largest_name": memory.largest_name, "total_mb": memory.total / 1e6,
            "processes": memory.processes, "samples": memory.samples, "cpu": memory.cpu_seconds,
            "cpu_by_role": memory.cpu_by_role,
            "load": (load_before, os.getloadavg()[0])}  # the machine may be shared: the 1-minute load average


def _peak(samples, start: float, end: float) -> str:
    """The peak summed memory of the samples between *start* and *end* (time.time()), with its parts by role."""
    inside = [parts for t, parts in samples if start <= t <= end]
    if not inside:
        return ""
    parts = max(inside, key=lambda p: sum(size for _, size in p))
    by_role: dict = {}
    for role, size in parts:
        by_role.setdefault(role, []).append(size / 1e6)
    roles = ", ".join(f"{role} {' + '.join(f'{mb:,.0f}' for mb in sorted(sizes, reverse=True))}"
                      for role, sizes in sorted(by_role.items(), key=lambda item: -sum(item[1])))
    return f"{sum(size for _, size in parts) / 1e6:,.0f} ({roles})"


def _is_check(node) -> bool:
    """An import or a parameter check (``require_...(...)``): not what a cell does."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    call = node.value if isinstance(node, ast.Expr) else None
    return isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id.startswith("require_")


def _first_statement(source: str) -> str:
    """The first line of the cell's first statement that is neither an import nor a parameter check
    (what the cell does), cut to 70 characters."""
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython magics
        body = []
    doing = [node for node in body if not _is_check(node)] or body
    line = source.splitlines()[doing[0].lineno - 1] if doing else source.strip().splitlines()[0]
    return line.strip()[:70]


def cell_times(out: Path, n: int = 3, samples=None) -> list[str]:
    """Markdown rows: each notebook's run time, its *n* slowest cells (first statement of their code) and,
    given memory *samples* (:class:`TreeMemory` with ``trace``), its peak memory summed over processes."""
    rows = []
    for executed in sorted((out / "executed").glob("*.ipynb")):
        nb = nbformat.read(executed, as_version=4)
        cells = [(c.metadata.get("papermill", {}).get("duration") or 0.0, _first_statement(c.source))
                 for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        slowest = ", ".join(f"{s:.0f} s `{line}`" for s, line in sorted(cells, reverse=True)[:n])
        meta = nb.metadata.get("papermill", {})
        total = meta.get("duration") or 0.0
        peak = ""
        if samples and meta.get("start_time") and meta.get("end_time"):
            peak = _peak(samples, *(pd.Timestamp(meta[k]).timestamp() for k in ("start_time", "end_time")))
        rows.append(f"| {executed.stem} | {total:.0f} | {peak} | {slowest} |")
    return rows


def run(size_mb: float, seed: int, workdir: Path, parameters=(), notebooks=()) -> tuple[str, bool]:
    """Generate, run, check; returns (markdown, every check passed and targets met)."""
    corpus_path = workdir / "corpus.parquet"
    facts = workdir / "corpus.planted.json"  # what was planted, kept beside a corpus reused with --keep
    started = time.perf_counter()
    if corpus_path.exists() and facts.exists() and json.loads(facts.read_text())["key"] == [size_mb, seed]:
        saved = json.loads(facts.read_text())
        corpus = {**saved, "planted": pd.Series(saved["planted"], dtype="int64")}
        how = "reused"
    else:
        corpus = write_corpus_parquet(corpus_path, size_mb, seed=seed, prepare=_every_column)  # as framing load writes
        facts.write_text(json.dumps({"key": [size_mb, seed], "articles": corpus["articles"], "mb": corpus["mb"],
                                     "planted": {k: int(v) for k, v in corpus["planted"].items()}}))
        how = "generated"
    print(f"corpus: {corpus['articles']:,} articles, {corpus['mb']:.0f} MB of text, "
          f"{corpus_path.stat().st_size / 1e6:.0f} MB Parquet, {how} in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    out = workdir / "reports"
    shutil.rmtree(out, ignore_errors=True)  # a kept earlier run's
    result = run_report(corpus_path, write_dictionary(workdir / "dictionary.yaml"), out, parameters, notebooks)
    if result["returncode"] != 0:
        return f"The report failed (exit status {result['returncode']}):\n\n```\n{result['stderr'][-3000:]}\n```", False
    counted = pd.read_csv(out / "tables" / "02-frame-rates.csv").set_index("frame")["n_mentions"]
    planted = corpus["planted"]
    exact = bool((counted.reindex(planted.index, fill_value=0) == planted).all() and counted.sum() == planted.sum())
    pages = len(list(out.glob("*.html")))
    expected = len(list((out / "executed").glob("*.ipynb"))) + 1  # a page per notebook, and the index
    lines = [
        f"Whole report ({expected - 1} notebooks, headless, HTML) with backend=\"dask\" on {corpus['mb']:.0f} MB of text "
        f"({corpus['articles']:,} articles, {corpus_path.stat().st_size / 1e6:.0f} MB Parquet), local cluster of "
        f"2 worker processes{''.join(f', {n}={v}' for n, v in parameters)} (targets for 1 GB, issue 11: <= 200 s, <= 2,000 MB)", "",
        "| wall s | CPU s, all processes | MB/s | peak memory MB, sum over all processes | peak memory MB, largest process | processes | load average, start-end |",
        "|---:|---:|---:|---:|---:|---:|---|",
        f"| {result['seconds']:.0f} | {result['cpu']:.0f} | {corpus['mb'] / result['seconds']:.1f} | {result['total_mb']:,.0f} "
        f"| {result['largest_mb']:,.0f} ({result['largest_name']}) | {result['processes']} "
        f"| {result['load'][0]:.1f}-{result['load'][1]:.1f} |", "",
        "CPU s by process: " + ", ".join(f"{role} {seconds:.0f}" for role, seconds in result["cpu_by_role"].items()) + ".", "",
        "| notebook | s | peak MB summed (by process) | slowest cells |", "|---|---:|---|---|",
        *cell_times(out, samples=result["samples"]), "",
        f"{pages} HTML pages written ({expected} expected); frame counts in the report equal the planted counts: {'yes' if exact else 'NO'}.",
    ]
    return "\n".join(lines), exact and pages == expected


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=100, help="corpus size in MB of text (default 100; README: 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, help="where to write the corpus and reports (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and reports (with --workdir); a corpus kept there by an earlier run of "
                        "the same --size-mb and --seed is reused")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a notebook parameter for the report (repeatable), e.g. -p voice false")
    parser.add_argument("--notebooks", nargs="+", default=[], metavar="NB",
                        help="run only these notebooks (paths; default: all), e.g. to compare with a report that had fewer")
    args = parser.parse_args(argv)
    if args.keep and args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        table, ok = run(args.size_mb, args.seed, args.workdir, args.parameter, args.notebooks)
    else:
        with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
            table, ok = run(args.size_mb, args.seed, Path(tmp), args.parameter, args.notebooks)
    print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
