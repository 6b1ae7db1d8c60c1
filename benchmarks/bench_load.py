"""Time ``load_articles`` on 1,000 and 10,000 small scraped pages: is it linear?

Writes 10,000 seed-like article files (title, byline with share buttons,
dateline, a few paragraphs, "Enditem", site footer) into a temporary folder,
in ten subfolders of 1,000, then loads one subfolder and the whole folder and
prints a markdown table: files, seconds, milliseconds per file, and the ratio
of the per-file times (1.0 = linear).

Usage: ``python benchmarks/bench_load.py [--files 10000]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit import load_articles  # noqa: E402

CITIES = ["BEIJING", "MOSCOW", "ALMATY", "NUR-SULTAN", "WASHINGTON", "GENEVA"]
AGENCIES = ["Xinhua", "TASS", "Reuters", "AP"]
WORDS = (
    "the situation in Kazakhstan external forces stability security cooperation talks minister "
    "said on Monday president government protest unrest troops region peace development"
).split()


def page(number: int, rng: random.Random) -> str:
    agency = rng.choice(AGENCIES)
    day = 1 + number % 28
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 80))).capitalize() + "."
        for _ in range(rng.randint(3, 8))
    ]
    paragraphs[0] = f"{rng.choice(CITIES)}, Jan. {day} ({agency}) -- {paragraphs[0]}"
    paragraphs[-1] += " Enditem"
    return "\n\n".join(
        [
            f"Story {number}: talks on regional security",
            f"0 Comment(s)Print E-mail {agency}, January {day}, 2022",
            "Adjust font size:",
            *paragraphs,
            "Follow China.org.cn on Twitter and Facebook to join the conversation.",
            "Print E-mail Bookmark and Share",
        ]
    )


def write_corpus(root: Path, n_files: int) -> None:
    rng = random.Random(0)
    for number in range(n_files):
        folder = root / f"part-{number // 1000}"
        folder.mkdir(exist_ok=True)
        (folder / f"{number:05d}.txt").write_text(page(number, rng), encoding="utf-8")


def timed(source, repeat: int = 2) -> tuple[int, float]:
    """Articles loaded and the best wall time of *repeat* runs (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        articles = load_articles(source, progress=False)
        best = min(best, time.perf_counter() - start)
    return len(articles), best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    n_files = parser.parse_args(argv).files
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_corpus(root, n_files)
        timed(root / "part-0")  # warm-up: imports, profile compilation
        rows = [timed(root / "part-0"), timed(root)]
    base = rows[0][1] / rows[0][0]
    print("| files | seconds | ms per file | per-file time vs 1,000 |")
    print("|---:|---:|---:|---:|")
    for count, seconds in rows:
        print(f"| {count:,} | {seconds:.2f} | {1000 * seconds / count:.3f} | {seconds / count / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
