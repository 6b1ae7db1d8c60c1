"""Run every benchmark side by side; print the tables and write benchmarks/results/latest.md.

    python -m benchmarks                  # about 20 MB per benchmark, a few minutes
    python -m benchmarks --size 1GB       # the README figures
    python -m benchmarks --only match scale

Sections, each in its own process (its peak memory is reported), each checking
its results (planted counts, identical tables) and failing the run if they are wrong:

- ``load``: :mod:`benchmarks.bench_load`, load_articles on 1,000 and more scraped pages;
- ``match``: :mod:`benchmarks.bench_match`, count_frames and keyword_in_context against
  pandas ``str.count``, Python ``re``, RE2 and ``grep -c -i -F -f``;
- ``frequency``: :mod:`benchmarks.bench_frequency`, term_frequency against
  scikit-learn's CountVectorizer and a Counter;
- ``keyness``: :mod:`benchmarks.bench_keyness`, keyness against NLTK FreqDist and
  CountVectorizer with G2;
- ``scale``: :mod:`benchmarks.bench_scale`, Dask 1 vs 2 workers and the whole
  pipeline from Parquet;
- ``report``: :mod:`benchmarks.bench_report`, the whole report (every notebook,
  headless, HTML out) with backend="dask" on a Parquet corpus;
- ``voice``: :mod:`benchmarks.bench_voice`, annotate_voice on the hits of a
  generated corpus (at most 20 MB: it reads the articles with hits);
- ``hostile``: :mod:`benchmarks.bench_hostile`, peak memory on zip and gzip bombs
  (< 500 MB above baseline) and on one plain text file of the corpus size, at most
  200 MB (<= 4x its size), and a CSV of 10,000 columns.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "benchmarks" / "results" / "latest.md"
PACKAGES = ("pandas", "numpy", "pyarrow", "hyperscan", "google-re2", "scikit-learn", "nltk", "dask", "distributed")


def parse_size(text: str) -> float:
    """Megabytes from "20MB", "1GB", "500" (MB)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(kb|mb|gb)?\s*", text.lower())
    if not match:
        raise argparse.ArgumentTypeError(f"--size {text!r}: write a size such as 20MB or 1GB")
    number, unit = float(match.group(1)), match.group(2) or "mb"
    return number * {"kb": 1e-3, "mb": 1.0, "gb": 1e3}[unit]


def sections(size_mb: float, seed: int) -> dict[str, list[str]]:
    """The command line of each section for a corpus of *size_mb* MB."""
    size, seed = f"{size_mb:g}", str(seed)
    files = int(min(max(size_mb * 200, 2000), 10_000))  # at least two folders of 1,000 pages
    return {
        "load": [str(ROOT / "benchmarks" / "bench_load.py"), "--files", str(files)],
        "match": ["-m", "benchmarks.bench_match", "--size-mb", size, "--baseline-mb", f"{min(size_mb, 2 if size_mb < 500 else 10):g}", "--seed", seed],
        "frequency": [str(ROOT / "benchmarks" / "bench_frequency.py"), "--mb", size, "--seed", seed],
        "keyness": ["-m", "benchmarks.bench_keyness", "--size-mb", size, "--seed", seed],
        "scale": ["-m", "benchmarks.bench_scale", "--size-mb", size, "--seed", seed],
        "report": ["-m", "benchmarks.bench_report", "--size-mb", size, "--seed", seed],
        "voice": ["-m", "benchmarks.bench_voice", "--size-mb", f"{min(size_mb, 20):g}", "--seed", seed],
        "hostile": ["-m", "benchmarks.bench_hostile", "--text-mb", f"{min(max(int(size_mb), 1), 200)}"],
    }


def run_section(name: str, arguments: list[str]) -> dict:
    """Run one section; its output, wall seconds, exit code and peak memory (largest process)."""
    print(f"== {name}: {' '.join(arguments)}", file=sys.stderr, flush=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, *arguments], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # rusage of this child and the processes it waited for
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "name": name, "command": "python " + " ".join(a.replace(str(ROOT) + os.sep, "") for a in arguments),
        "output": output.strip(), "seconds": time.perf_counter() - start,
        "returncode": process.returncode, "peak_mb": usage.ru_maxrss / 1024,
    }


def machine() -> list[str]:
    """Markdown lines describing the machine and the software."""
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.1f} GiB"
    except ImportError:
        ram = "unknown"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    versions = []
    for package in PACKAGES:
        try:
            versions.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; RAM {ram}; load average at start {load}",
        f"- {platform.system()} {platform.release()}; Python {platform.python_version()}",
        f"- {', '.join(versions)}",
        f"- framing-toolkit commit {commit or 'unknown'}",
    ]


def report(results: list[dict], size_mb: float, argv: list[str], machine_lines: list[str]) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"# Benchmarks: latest run ({now})", "", f"`python -m benchmarks {' '.join(argv)}`".replace("  ", " "),
             f"(corpus size {size_mb:g} MB per benchmark)", "", "## Machine", "", *machine_lines, "",
             "## Summary", "", "| section | wall s | peak memory MB (largest process) | checks |", "|---|---:|---:|---|"]
    for r in results:
        lines.append(f"| {r['name']} | {r['seconds']:.0f} | {r['peak_mb']:,.0f} | {'passed' if r['returncode'] == 0 else 'FAILED'} |")
    for r in results:
        lines += ["", f"## {r['name']}", "", f"`{r['command']}`", "", r["output"] or "(no output)"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=20.0, help="corpus size per benchmark (default 20MB; README: 1GB)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpora")
    parser.add_argument("--only", nargs="+", choices=list(sections(1, 0)), help="run only these sections")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"markdown file to write (default {OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    machine_lines = machine()
    results = [run_section(name, command) for name, command in sections(args.size, args.seed).items() if not args.only or name in args.only]
    text = report(results, args.size, argv, machine_lines)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0 if all(r["returncode"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
