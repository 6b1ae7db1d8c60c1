"""Hostile inputs: peak memory on archive bombs and on one big plain file, time on a very wide CSV.

Each case runs ``load_articles`` in its own process and reports that process's
peak resident memory *above its baseline* (the peak after importing the
toolkit, pandas and pyarrow, before loading), and checks the issue-18 bounds:

- a zip bomb (one member of 1 GiB of blanks, about 1 MB on disk) and a gzip
  bomb (1 GiB, written at the fastest level so the ratio check does not fire
  and the per-member cap must): below 500 MB above the baseline, and the
  article beside the bomb loads;
- a plain text file of ``--text-mb`` MB (default 200, real-looking news
  sentences): at most 4 times its size above the baseline;
- a CSV of 3 rows and ``--columns`` (10,000) columns: seconds, and every column kept.

Usage: ``python -m benchmarks.bench_hostile [--text-mb 200] [--columns 10000]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIB = 2**20
SENTENCES = [
    "The foreign ministry said on Tuesday that the talks would resume next week in Geneva.",
    "Officials from both delegations described the first round as frank and constructive.",
    "Opposition lawmakers accused the government of allowing foreign interference in the vote.",
    "Troops from the regional security bloc began to withdraw after order was restored, the agency reported.",
    "Prices of fuel rose sharply at the start of the year, prompting protests in several cities.",
]

CHILD = """
import json, resource, sys, time, warnings
import pandas, pyarrow
from toolkit.load import load_articles, load_report
warnings.simplefilter("ignore")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
articles = load_articles(sys.argv[1])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"articles": len(articles), "columns": articles.shape[1], "seconds": seconds,
                  "above_baseline_mb": (peak - base) / 1024, "baseline_mb": base / 1024,
                  "reasons": sorted(set(load_report(articles)["reason"].str[:60]))}))
"""


def measure(source: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", CHILD, str(source)], capture_output=True, text=True, env=env, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"{source}: failed\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def story_page(rng: random.Random, n_bytes: int) -> bytes:
    out, size = [], 0
    while size < n_bytes:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 7))) + "\n\n"
        out.append(paragraph)
        size += len(paragraph)
    return "".join(out).encode("utf-8")[:n_bytes]


def write_cases(folder: Path, *, text_mb: int, columns: int) -> dict[str, tuple[Path, int]]:
    rng = random.Random(0)
    page = story_page(rng, 20_000)
    cases = {}
    zip_case = folder / "zip-bomb"
    zip_case.mkdir()
    with zipfile.ZipFile(zip_case / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("story.txt", page)
        with archive.open("blanks.txt", "w") as member:
            for _ in range(1024):
                member.write(b" " * MIB)
    cases["zip bomb, 1 GiB member"] = (zip_case, (zip_case / "bomb.zip").stat().st_size)
    gz_case = folder / "gz-bomb"
    gz_case.mkdir()
    (gz_case / "story.txt").write_bytes(page)
    with gzip.open(gz_case / "blanks.txt.gz", "wb", compresslevel=1) as handle:
        for _ in range(1024):
            handle.write(b"\n" * MIB)
    cases["gzip bomb, 1 GiB, level 1"] = (gz_case, (gz_case / "blanks.txt.gz").stat().st_size)
    text_case = folder / "big.txt"
    with text_case.open("wb") as handle:
        for _ in range(text_mb):
            handle.write(story_page(rng, MIB))
    cases[f"plain text file, {text_mb} MB"] = (text_case, text_case.stat().st_size)
    wide = folder / "wide.csv"
    with wide.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", *[f"extra_{i}" for i in range(columns)]])
        for row in range(3):
            writer.writerow([page.decode(), *[f"{row}-{i}" for i in range(columns)]])
    cases[f"CSV, 3 rows x {columns:,} columns"] = (wide, wide.stat().st_size)
    return cases


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=int, default=200, help="size of the plain text file (default 200)")
    parser.add_argument("--columns", type=int, default=10_000, help="columns of the wide CSV (default 10,000)")
    args = parser.parse_args(argv)
    failures = []
    print("| case | size on disk MB | articles | seconds | peak above baseline MB | bound | reasons |")
    print("|---|---:|---:|---:|---:|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (source, size) in write_cases(Path(tmp), text_mb=args.text_mb, columns=args.columns).items():
            result = measure(source)
            if "bomb" in name:
                bound, ok = "< 500 MB", result["above_baseline_mb"] < 500 and result["articles"] == 1
            elif "plain" in name:
                ratio = result["above_baseline_mb"] * MIB / size
                bound, ok = f"<= 4x size ({ratio:.1f}x)", ratio <= 4 and result["articles"] == 1
            else:
                bound, ok = "every column, < 30 s", result["columns"] > args.columns and result["seconds"] < 30
            if not ok:
                failures.append(name)
            print(f"| {name} | {size / MIB:,.1f} | {result['articles']} | {result['seconds']:.1f} | "
                  f"{result['above_baseline_mb']:,.0f} | {bound}{'' if ok else ' FAILED'} | "
                  f"{'; '.join(result['reasons']) or '-'} |", flush=True)
    if failures:
        print(f"\nFAILED: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
