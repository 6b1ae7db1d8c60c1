"""Term frequency side by side: scikit-learn's CountVectorizer, a Counter over re.findall, ours.

Each method counts unigrams and bigrams with document frequency on the same
corpus, in its own subprocess (so peak memory is its own), and the counts are
checked to be identical. Prints a markdown table.

    nice python benchmarks/bench_frequency.py --mb 50
    nice python benchmarks/bench_frequency.py --mb 200   # the README figure

The corpus is built reproducibly (``--seed``) by shuffling sentences of the
Wikinews CSVs (CC BY 2.5) into articles of 5 to 40 sentences; it is read from
``data/reference`` when present, else ``/work/shared/corpora/wikinews``; the
script exits cleanly when neither exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "reference", Path("/work/shared/corpora/wikinews")]
METHODS = ("countvectorizer", "counter_findall", "toolkit")


def build_corpus(megabytes: float, seed: int, path: Path) -> Path:
    """Write a parquet file of about *megabytes* MB of shuffled Wikinews sentences."""
    import numpy as np
    import pandas as pd

    sys.path.insert(0, str(ROOT))
    from toolkit.sentences import sentence_spans

    source = next((s for s in SOURCES if s.is_dir() and list(s.glob("*.csv"))), None)
    if source is None:
        print("No Wikinews CSVs found (data/reference or /work/shared/corpora/wikinews); skipping.")
        sys.exit(0)
    texts = pd.concat([pd.read_csv(f) for f in sorted(source.glob("*.csv"))])["text"].dropna()
    sentences = [t[s:e] for t in texts for s, e in sentence_spans(t)]
    rng = np.random.default_rng(seed)
    target, size, articles = megabytes * 1e6, 0, []
    while size < target:
        picked = rng.integers(0, len(sentences), rng.integers(5, 41))
        article = " ".join(sentences[i] for i in picked)
        articles.append(article)
        size += len(article.encode("utf-8"))
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(articles))], "text": articles}).to_parquet(path)
    return path


def run_countvectorizer(texts):
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(token_pattern=r"(?u)\w+", ngram_range=(1, 2), dtype="int64")
    matrix = vectorizer.fit_transform(texts)
    frequency = matrix.sum(axis=0).A1
    matrix.data[:] = 1
    doc_frequency = matrix.sum(axis=0).A1
    return dict(zip(vectorizer.get_feature_names_out(), zip(frequency.tolist(), doc_frequency.tolist())))


def run_counter_findall(texts):
    import re
    from collections import Counter

    word = re.compile(r"\w+")
    frequency, doc_frequency = Counter(), Counter()
    for text in texts:
        tokens = word.findall(text.lower())
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
        frequency.update(grams)
        doc_frequency.update(set(grams))
    return {t: (c, doc_frequency[t]) for t, c in frequency.items()}


def run_toolkit(texts):
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    import toolkit

    settings = toolkit.TokenSettings(ngram_range=(1, 2), scheme="sklearn")  # parity with CountVectorizer
    counts = toolkit.count_terms(pd.DataFrame({"text": texts}), by=[], settings=settings, progress=False)
    occurrences, articles = counts.counts.toarray()[0].tolist(), counts.article_counts.toarray()[0].tolist()
    return dict(zip(counts.terms.tolist(), zip(occurrences, articles)))


def child(method: str, corpus: str) -> None:
    """Run one method; print JSON with seconds, peak memory and a digest of the counts."""
    import pandas as pd

    texts = pd.read_parquet(corpus)["text"].tolist()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    counts = globals()["run_" + method](texts)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    digest = hashlib.sha256(json.dumps(sorted(counts.items())).encode()).hexdigest()[:16]
    print(json.dumps({
        "method": method, "seconds": seconds, "cpu_seconds": cpu_seconds, "mb": megabytes, "n_terms": len(counts),
        # ru_maxrss is in KiB on Linux; the corpus itself is in memory before timing starts
        "peak_mb": peak / 1024, "extra_mb": max(peak - before, 0) / 1024, "digest": digest,
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(args.mb, args.seed, Path(tmp) / "corpus.parquet")
        results = []
        for method in args.methods.split(","):
            out = subprocess.run([sys.executable, __file__, "--child", method, str(corpus)],
                                 capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"  {method}: {results[-1]['seconds']:.1f} s", file=sys.stderr)
    print_table(results)


def print_table(results) -> None:
    baseline = next((r for r in results if r["method"] == "countvectorizer"), results[0])
    same = len({r["digest"] for r in results}) == 1
    print(f"\nUnigrams + bigrams with document frequency, {baseline['mb']:.0f} MB, "
          f"{baseline['n_terms']:,} terms; identical counts: {'yes' if same else 'NO'}\n")
    print("| method | wall s | CPU s | MB/s (wall) | speed vs CountVectorizer (wall / CPU) "
          "| peak memory (MB) | of which above the loaded corpus (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['method']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['mb'] / r['seconds']:.1f} | "
              f"{baseline['seconds'] / r['seconds']:.1f}x / {baseline['cpu_seconds'] / r['cpu_seconds']:.1f}x | "
              f"{r['peak_mb']:,.0f} | {r['extra_mb']:,.0f} |")
    print(f"\ncounts digest: {', '.join(sorted({r['digest'] for r in results}))}")
    if not same:
        sys.exit("counts differ between methods")


if __name__ == "__main__":
    main()
