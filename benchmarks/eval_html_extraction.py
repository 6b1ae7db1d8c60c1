"""Score the loader's HTML path against hand-made ground truth.

Reads the pages of the scrapinghub article-extraction-benchmark subset kept in
``../shared/corpora/html-extraction-eval`` (looked for next to the repository
and its parent folders; ``html/<id>.html.gz`` and
``ground-truth-subset.json``; override with ``--corpus PATH`` or the
``HTML_EVAL_CORPUS`` environment variable). The pages are not part of the
repository; when the folder is absent the script says so and exits 0.

Each page goes through ``load_articles`` exactly as a user's saved page would
(gzip, encoding detection, trafilatura, cleaning). Scores:

* token F1 (the headline figure): precision and recall over the bag of
  lowercase ``\\w+`` tokens of the extracted ``text`` against ``articleBody``,
  per page, then the mean over pages;
* shingle F1, as the benchmark's own ``evaluate.py`` computes it: bags of
  4-token shingles, per-page precision and recall averaged over pages, F1 of
  the two means;
* outlet: the loaded ``outlet`` against the outlet table's name for the page's
  ground-truth URL (a page's own site name, "Hosted" on hosted.ap.org, must not
  win over a domain the table knows).

Usage: ``python benchmarks/eval_html_extraction.py [--corpus PATH]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import LoadWarning  # noqa: E402
from toolkit import load_articles, load_outlets  # noqa: E402


def default_corpus(name: str = "html-extraction-eval") -> Path:
    """``../shared/corpora/NAME`` next to the repository (or next to a parent: worktrees)."""
    for folder in ROOT.parents:
        candidate = folder / "shared" / "corpora" / name
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "corpora" / name

TOKEN = re.compile(r"\w+")


def bag_scores(true: Counter, predicted: Counter) -> tuple[float, float, float]:
    """Precision, recall and F1 of two bags (multisets) of tokens."""
    overlap = sum((true & predicted).values())
    precision = overlap / sum(predicted.values()) if predicted else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def shingles(text: str, n: int = 4) -> Counter:
    words = TOKEN.findall(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def extract(path: Path) -> tuple[str, str]:
    """The text and outlet of the page's article ("", "" when none)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)  # a page with no article scores 0 below
        articles = load_articles(path, progress=False)
    return (articles["text"].iloc[0], articles["outlet"].iloc[0]) if len(articles) else ("", "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("HTML_EVAL_CORPUS") or default_corpus()))
    corpus = parser.parse_args(argv).corpus
    truth_file = corpus / "ground-truth-subset.json"
    if not truth_file.is_file():
        print(f"skipped: no evaluation corpus at {corpus} (set HTML_EVAL_CORPUS or --corpus)")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    rows, outlets, table = [], [], load_outlets()
    for page_id, expected in sorted(truth.items()):
        text, outlet = extract(corpus / "html" / f"{page_id}.html.gz")
        outlets.append((page_id, outlet, table.from_url(expected.get("url", ""))))
        p, r, f = bag_scores(Counter(tokens(expected["articleBody"])), Counter(tokens(text)))
        sp, sr, _ = bag_scores(shingles(expected["articleBody"]), shingles(text))
        rows.append((page_id, expected.get("url", ""), p, r, f, sp, sr))
    print("| page | site | precision | recall | token F1 |")
    print("|---|---|---:|---:|---:|")
    for page_id, url, p, r, f, _, _ in rows:
        site = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
        print(f"| {page_id[:10]} | {site} | {p:.3f} | {r:.3f} | {f:.3f} |")
    mean_f1 = statistics.mean(row[4] for row in rows)
    shingle_p = statistics.mean(row[5] for row in rows)
    shingle_r = statistics.mean(row[6] for row in rows)
    shingle_f1 = 2 * shingle_p * shingle_r / (shingle_p + shingle_r) if shingle_p + shingle_r else 0.0
    print(f"\nmean token F1 over {len(rows)} pages: {mean_f1:.3f} (target >= 0.85)")
    print(f"shingle F1 (benchmark's evaluate.py formula): {shingle_f1:.3f} (P {shingle_p:.3f}, R {shingle_r:.3f})")
    wrong = [(page_id[:10], got, want) for page_id, got, want in outlets if got != want]
    print(f"outlet as the URL's known outlet: {len(outlets) - len(wrong)}/{len(outlets)} pages"
          + "".join(f"\n  {page}: {got!r}, expected {want!r}" for page, got, want in wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
