"""Keyness side by side: NLTK FreqDist + G2, scikit-learn CountVectorizer + G2, ours.

Target: the articles of one outlet (Xinhua); reference: all the others, in a
corpus from :mod:`benchmarks.corpus`. Each method tokenises (``\\w+`` runs,
lower case), counts both sides and scores every term with Dunning's
log-likelihood G2 on the 2x2 table (Dunning 1993; Rayson & Garside 2000), the
baselines with the few numpy lines a researcher would write. Each method runs
in its own process (peak memory is its own; imports are done before timing);
the counts must be identical and the scores equal to 1e-9.

    nice python -m benchmarks.bench_keyness --size-mb 20
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from nltk import FreqDist
from sklearn.feature_extraction.text import CountVectorizer

from toolkit import keyness

ROOT = Path(__file__).resolve().parents[1]
METHODS = ("nltk_freqdist", "countvectorizer", "toolkit")
TARGET = "Xinhua"


def g2(a, b, c, d):
    """Signed log-likelihood of term counts a (target), b (reference) in corpora of c and d tokens."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    n = c + d
    observed = np.stack([a, b, c - a, d - b])
    expected = np.stack([(a + b) * c / n, (a + b) * d / n, (n - a - b) * c / n, (n - a - b) * d / n])
    with np.errstate(divide="ignore", invalid="ignore"):
        cells = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.where(a * d >= b * c, 1.0, -1.0) * 2 * cells.sum(axis=0)


def _table(target: dict, reference: dict) -> pd.DataFrame:
    terms = sorted(set(target) | set(reference))
    a = np.array([target.get(t, 0) for t in terms])
    b = np.array([reference.get(t, 0) for t in terms])
    return pd.DataFrame({"term": terms, "n_target": a, "n_reference": b, "score": g2(a, b, a.sum(), b.sum())})


def run_nltk_freqdist(target_texts, reference_texts):
    # re.findall, not nltk's RegexpTokenizer, which drops a few \w characters ("½")
    word = re.compile(r"\w+")
    sides = [FreqDist(token for text in texts for token in word.findall(text.lower())) for texts in (target_texts, reference_texts)]
    return _table(*sides)


def run_countvectorizer(target_texts, reference_texts):
    vectorizer = CountVectorizer(token_pattern=r"(?u)\w+", dtype=np.int64)
    matrix = vectorizer.fit_transform(list(target_texts) + list(reference_texts))
    split = len(target_texts)
    terms = vectorizer.get_feature_names_out()
    a, b = matrix[:split].sum(axis=0).A1, matrix[split:].sum(axis=0).A1
    return _table(dict(zip(terms, a)), dict(zip(terms, b)))


def run_toolkit(articles):
    return keyness(articles, target={"outlet": TARGET}, progress=False)[["term", "n_target", "n_reference", "score"]]


def child(method: str, corpus: str) -> None:
    articles = pd.read_parquet(corpus, columns=["text", "outlet"])
    megabytes = sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6
    chosen = (articles["outlet"] == TARGET).to_numpy()
    texts = articles["text"].tolist()
    target = [t for t, keep in zip(texts, chosen) if keep]
    reference = [t for t, keep in zip(texts, chosen) if not keep]
    start, cpu = time.perf_counter(), time.process_time()
    table = run_toolkit(articles) if method == "toolkit" else globals()["run_" + method](target, reference)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    table = table.sort_values("term", ignore_index=True)
    print(json.dumps({
        "method": method, "seconds": seconds, "cpu_seconds": cpu, "mb": megabytes, "n_terms": len(table),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "counts": table[["n_target", "n_reference"]].to_numpy().tolist(), "terms": table["term"].tolist(),
        "scores": table["score"].tolist(),
    }))


def run(size_mb: float, seed: int, workdir: Path) -> tuple[str, bool]:
    """Generate the corpus, run each method in a child process; (markdown, all agree)."""
    from benchmarks.corpus import generate_corpus

    corpus = workdir / "keyness.parquet"
    generate_corpus(size_mb, seed=seed)[0].to_parquet(corpus, index=False)
    results = []
    for method in METHODS:
        out = subprocess.run([sys.executable, "-m", "benchmarks.bench_keyness", "--child", method, str(corpus)],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"  keyness, {method}: {results[-1]['seconds']:.1f} s", file=sys.stderr)
    ours = results[-1]
    agree = all(r["terms"] == ours["terms"] and r["counts"] == ours["counts"]
                and np.allclose(r["scores"], ours["scores"], rtol=1e-9, atol=1e-9) for r in results)
    baseline = results[0]
    lines = [f"Keyness (G2), {TARGET} against the other outlets, {baseline['mb']:.0f} MB, {baseline['n_terms']:,} terms; "
             f"identical counts and scores: {'yes' if agree else 'NO'}", "",
             "| method | wall s | CPU s | MB/s (CPU) | x NLTK (CPU) | peak memory MB |", "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['method']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['mb'] / r['cpu_seconds']:.1f} "
                     f"| {baseline['cpu_seconds'] / r['cpu_seconds']:.1f}x | {r['peak_mb']:,.0f} |")
    return "\n".join(lines), agree


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        table, agree = run(args.size_mb, args.seed, Path(tmp))
    print(table)
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
