"""Corpora beyond memory: Dask scaling from 1 to 2 workers, and the whole pipeline.

1. ``count_frames`` and ``term_frequency`` on a Dask ``LocalCluster`` of 1, then 2
   worker processes (one thread each) over the same Parquet file: wall seconds
   (best of two, after a warm-up) and the speed-up (target: >= 1.7x).
2. The whole pipeline on the Parquet file: ``count_frames`` -> ``term_frequency``
   -> ``keyness`` (Xinhua against the other outlets), read in batches in one
   process ("pandas") and on 2 Dask workers ("dask"): wall seconds, MB/s and the
   peak memory of the process with all its workers (target: 1 GB in under 5
   minutes on 2 cores, under 2 GB). Correctness: frame counts equal the planted
   counts, and both engines give identical tables.

The corpus is generated with :mod:`benchmarks.corpus` in pieces of 25 MB written
to Parquet row groups of 10,000 articles, so generating 1 GB needs little memory.

    nice python -m benchmarks.bench_scale --size-mb 100
    nice python -m benchmarks.bench_scale --size-mb 1000    # the README figure
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil
import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.corpus import generate_corpus, phrase_dictionary
from toolkit import count_frames, keyness, read_articles_dask, term_frequency

#: Articles per row group, as toolkit.write_articles_parquet writes them.
ROW_GROUP_SIZE = 5_000

PIECE_MB = 25
ROOT = Path(__file__).resolve().parents[1]


def write_corpus_parquet(path: Path, size_mb: float, *, seed: int = 0, prepare=None) -> dict:
    """Generate about *size_mb* MB in pieces into one Parquet file; returns
    articles, MB and the planted count of each frame. *prepare*, when given,
    turns each piece's articles into the table written (e.g. adds columns)."""
    writer, planted_total, n_articles, n_bytes, piece = None, None, 0, 0, 0
    try:
        while n_bytes < size_mb * 1e6:
            articles, planted = generate_corpus(min(PIECE_MB, size_mb - n_bytes / 1e6), seed=seed * 10_000 + piece)
            articles["doc_id"] = f"p{piece:04d}-" + articles["doc_id"]
            counts = planted["frame"].value_counts()
            planted_total = counts if planted_total is None else planted_total.add(counts, fill_value=0)
            table = pa.Table.from_pandas(prepare(articles) if prepare else articles, preserve_index=False)
            writer = writer or pq.ParquetWriter(path, table.schema)
            writer.write_table(table, row_group_size=ROW_GROUP_SIZE)
            n_articles += len(articles)
            n_bytes += sum(len(t.encode("utf-8")) for t in articles["text"])
            piece += 1
    finally:
        if writer is not None:
            writer.close()
    return {"articles": n_articles, "mb": n_bytes / 1e6, "planted": planted_total.astype("int64")}


def _role(process) -> str:
    """A short name for a process of the tree: kernel, Dask worker, report, ..."""
    try:
        line = " ".join(process.cmdline())
    except psutil.Error:
        return "?"
    for needle, role in (("ipykernel", "kernel"), ("spawn_main", "Dask worker or nanny"), ("toolkit.cli", "report"),
                         ("resource_tracker", "resource tracker")):
        if needle in line:
            return role
    return process.name()


class TreeMemory:
    """Peak resident memory of a process and its descendants (Dask workers, kernels), sampled:
    of the largest one, and summed over all of them."""

    def __init__(self, pid: int | None = None, interval: float = 0.2, trace: bool = False):
        self.pid, self.interval = pid if pid is not None else os.getpid(), interval
        self.largest = self.total = self.processes = 0
        #: with *trace*: (time.time(), [(role, rss bytes), ...]) per sample, to find each phase's peak
        self.samples = [] if trace else None
        self._cpu = {}  # pid -> CPU seconds (user + system) at its last sample
        self._roles = {}  # pid -> its role (_role)
        self.largest_name = ""
        self._stop = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds of every process of the tree, as last sampled (less load-dependent than wall time)."""
        return sum(self._cpu.values())

    @property
    def cpu_by_role(self) -> dict:
        """CPU seconds by role (kernel, Dask worker or nanny, report, ...), largest first."""
        totals: dict = {}
        for pid, seconds in self._cpu.items():
            totals[self._roles[pid]] = totals.get(self._roles[pid], 0.0) + seconds
        return dict(sorted(totals.items(), key=lambda item: -item[1]))

    def _sample(self):
        root = psutil.Process(self.pid)
        while not self._stop.is_set():
            sizes, names = [], []
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            for process in tree:
                try:
                    sizes.append(process.memory_info().rss)
                    names.append(_role(process))
                    if names[-1] != "?" or process.pid not in self._roles:  # "?": an ending process's
                        self._roles[process.pid] = names[-1]
                    times = process.cpu_times()
                    self._cpu[process.pid] = times.user + times.system
                except psutil.Error:
                    pass
            if sizes:
                if max(sizes) > self.largest:
                    self.largest_name = names[sizes.index(max(sizes))]
                self.largest, self.total = max(self.largest, max(sizes)), max(self.total, sum(sizes))
                self.processes = max(self.processes, len(sizes))
                if self.samples is not None:
                    self.samples.append((time.time(), list(zip(names, sizes))))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _wall(function, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return result, best


def scaling(path: Path, dictionary, workers=(1, 2)) -> list[dict]:
    """Wall seconds of count_frames and term_frequency on Dask with 1, then 2 workers."""
    from distributed import Client, LocalCluster

    rows = []
    for n in workers:
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, Client(cluster) as client:
            count_frames(read_articles_dask(path), dictionary)  # warm-up: imports and pattern compilation on each worker
            _, counting = _wall(lambda: count_frames(read_articles_dask(path), dictionary), repeat=2)
            _, frequency = _wall(lambda: term_frequency(read_articles_dask(path)), repeat=2)
            client.close()
        rows.append({"workers": n, "count_frames_s": counting, "term_frequency_s": frequency})
    return rows


def pipeline(path: Path, dictionary, backend: str) -> dict:
    """count_frames -> term_frequency -> keyness on the Parquet file; seconds per
    step, peak memory (run in a fresh process, see :func:`pipeline_in_child`)."""
    cluster = None
    if backend == "dask":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
    steps = {}
    try:
        with TreeMemory(interval=0.1) as memory:
            start = time.perf_counter()
            source = read_articles_dask(path) if backend == "dask" else path  # a Parquet path is read in batches here
            counts, steps["count_frames"] = _wall(lambda: count_frames(source, dictionary))
            terms, steps["term_frequency"] = _wall(lambda: term_frequency(source))
            key, steps["keyness"] = _wall(lambda: keyness(source, target={"outlet": "Xinhua"}))
            total = time.perf_counter() - start
    finally:
        if cluster is not None:
            client.close()
            cluster.close()
    return {
        "backend": backend, **steps, "total_s": total, "peak_mb": memory.total / 1e6,
        "frame_totals": {k: int(v) for k, v in counts.sum().items()},
        "digests": [str(pd.util.hash_pandas_object(t, index=True).sum()) for t in (counts, terms, key)],
    }


def pipeline_in_child(path: Path, backend: str) -> dict:
    """:func:`pipeline` in a new Python process, so its peak memory is its own."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_scale", "--pipeline", backend, str(path)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(size_mb: float, seed: int, workdir: Path, *, skip_scaling: bool = False) -> tuple[str, bool]:
    """Run both parts; returns (markdown, every check passed)."""
    path = workdir / "corpus.parquet"
    corpus = write_corpus_parquet(path, size_mb, seed=seed)
    print(f"corpus: {corpus['articles']:,} articles, {corpus['mb']:.0f} MB of text, "
          f"{path.stat().st_size / 1e6:.0f} MB Parquet", file=sys.stderr)
    dictionary = phrase_dictionary()
    lines, ok = [], True
    if not skip_scaling:
        rows = scaling(path, dictionary)
        base = rows[0]
        lines += [f"Dask scaling, {corpus['mb']:.0f} MB (wall seconds, best of two; target >= 1.7x)", "",
                  "| workers | count_frames s | speed-up | term_frequency s | speed-up |", "|---:|---:|---:|---:|---:|"]
        for r in rows:
            lines.append(f"| {r['workers']} | {r['count_frames_s']:.2f} | {base['count_frames_s'] / r['count_frames_s']:.2f}x "
                         f"| {r['term_frequency_s']:.2f} | {base['term_frequency_s'] / r['term_frequency_s']:.2f}x |")
        if corpus["mb"] < 200:
            lines.append(f"(On {corpus['mb']:.0f} MB the fixed cost of scheduling tasks outweighs the work: "
                         "read the speed-up from a run of 200 MB or more.)")
        lines.append("")
    results = [pipeline_in_child(path, backend) for backend in ("pandas", "dask")]
    totals = pd.Series(results[0]["frame_totals"])
    exact = bool((totals.reindex(corpus["planted"].index, fill_value=0) == corpus["planted"]).all()
                 and totals.sum() == corpus["planted"].sum())
    same = results[0]["digests"] == results[1]["digests"]
    ok = exact and same
    lines += [f"Whole pipeline on {corpus['mb']:.0f} MB ({corpus['articles']:,} articles): count_frames -> "
              "term_frequency -> keyness (targets for 1 GB: < 300 s, < 2,000 MB)", "",
              "| backend | count_frames s | term_frequency s | keyness s | total s | MB/s | peak memory MB (all processes) |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['backend']} | {r['count_frames']:.1f} | {r['term_frequency']:.1f} | {r['keyness']:.1f} "
                     f"| {r['total_s']:.1f} | {corpus['mb'] / r['total_s']:.1f} | {r['peak_mb']:,.0f} |")
    lines += ["", f"Frame counts equal the planted counts: {'yes' if exact else 'NO'}; "
              f"pandas and Dask tables identical: {'yes' if same else 'NO'}."]
    return "\n".join(lines), ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=100, help="corpus size in MB of text (default 100; README: 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-scaling", action="store_true", help="only the whole pipeline")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus (default: a temporary folder)")
    parser.add_argument("--pipeline", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pipeline:
        print(json.dumps(pipeline(Path(args.pipeline[1]), phrase_dictionary(), args.pipeline[0])))
        return 0
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        table, ok = run(args.size_mb, args.seed, Path(tmp), skip_scaling=args.skip_scaling)
    print(table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
