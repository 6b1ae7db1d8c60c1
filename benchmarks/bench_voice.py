"""Benchmark: voice attribution (:func:`toolkit.voice.annotate_voice`) on a generated corpus.

The hits are those of the 32 benchmark phrases (``match_frames(voice=False)``);
the time is that of ``annotate_voice`` alone, best of ``--repeats`` runs in CPU
seconds of this process (a shared machine still gives fair figures). Reported:
MB of text of the articles that hold hits (UTF-8) per second, and hits per second.
With ``--news-csv PATH`` (the nine-outlet export, not in the repository) it
also times ``annotate_voice`` on the real articles and the hits of
``data/validation/voice/frames.yaml``; a missing file is skipped. Run::

    python -m benchmarks.bench_voice --size-mb 20 [--news-csv NewsArticles.csv]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from benchmarks.corpus import generate_corpus, phrase_dictionary
from toolkit import annotate_voice, match_frames


def _best_cpu(function, repeats: int) -> float:
    """Fewest CPU seconds of *repeats* calls of *function*."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20, help="size of the generated corpus (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated corpus (default 1)")
    parser.add_argument("--repeats", type=int, default=3, help="runs; the best counts (default 3)")
    parser.add_argument("--news-csv", type=Path, help="also time the real export (NewsArticles.csv) when present")
    args = parser.parse_args(argv)

    articles, _ = generate_corpus(args.size_mb, seed=args.seed)
    hits = match_frames(articles, phrase_dictionary(), voice=False, progress=False)
    with_hits = articles[articles["doc_id"].isin(set(hits["doc_id"]))]
    mb = with_hits["text"].str.encode("utf-8").str.len().sum() / 1e6
    seconds = _best_cpu(lambda: annotate_voice(articles, hits, progress=False), args.repeats)
    figures = {
        "corpus_mb": round(args.size_mb, 1),
        "articles_with_hits": len(with_hits),
        "text_mb_with_hits": round(mb, 2),
        "hits": len(hits),
        "cpu_seconds": round(seconds, 3),
        "mb_per_s": round(mb / seconds, 2),
        "hits_per_s": round(len(hits) / seconds),
    }
    print(
        f"annotate_voice on {args.size_mb:g} MB generated (seed {args.seed}): {len(hits):,} hits in "
        f"{len(with_hits):,} articles ({mb:.1f} MB of text); best of {args.repeats}: {seconds:.2f} s CPU, "
        f"{mb / seconds:.2f} MB/s, {len(hits) / seconds:,.0f} hits/s"
    )
    if args.news_csv is not None:
        if args.news_csv.is_file():
            news = pd.read_csv(args.news_csv, dtype=str, keep_default_na=False)
            real = pd.DataFrame({"doc_id": news["article_id"], "text": news["text"],
                                 "outlet": news["article_source_link"]}).drop_duplicates("doc_id")
            frames = Path(__file__).resolve().parent.parent / "data" / "validation" / "voice" / "frames.yaml"
            real_hits = match_frames(real, str(frames), voice=False, progress=False)
            seconds = _best_cpu(lambda: annotate_voice(real, real_hits, progress=False), args.repeats)
            figures.update(news_articles=len(real), news_hits=len(real_hits), news_cpu_seconds=round(seconds, 3))
            print(f"annotate_voice on {len(real):,} real articles ({args.news_csv.name}), {len(real_hits):,} hits of "
                  f"frames.yaml: best of {args.repeats}: {seconds:.2f} s CPU")
        else:
            print(f"{args.news_csv} not found: the real export is skipped")
    return figures


if __name__ == "__main__":
    main()
