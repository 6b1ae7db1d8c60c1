"""toolkit.analyses through toolkit.executor: every input kind, batch size and TermCounts gives the pandas table."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from benchmarks.corpus import generate_corpus, phrase_dictionary
from toolkit import (
    count_frames,
    count_terms,
    executor,
    find_exact_duplicates,
    frame_rates,
    keyness,
    keyness_over_time,
    keyword_in_context,
    match_frames,
    read_articles_dask,
    term_frequency,
    tfidf,
    write_articles_parquet,
)
from toolkit.errors import ParameterError, SchemaError


ROOT = Path(__file__).resolve().parent.parent
KAZAKHSTAN = ROOT / "data" / "frames" / "kazakhstan-2022.yaml"


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    # Worker processes, as in use: frame dictionaries and settings must travel by pickle.
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


@pytest.fixture(scope="module")
def articles():
    """A generated corpus with planted phrases, plus the awkward rows: a missing
    text, a missing outlet, a doc_id that sorts among those of the first
    partition, Chinese text."""
    generated, _ = generate_corpus(0.25, seed=3)
    extra = pd.DataFrame({
        "doc_id": ["zh-1", "none-1", "bench-0000001a", "copy-1"],
        "title": ["新闻", "", "repeat", "a reprint"],
        "text": ["外部势力干涉内政。Officials cited external forces again.", None, "Foreign forces and external forces met.",
                 generated["text"].iloc[5]],
        "outlet": ["Xinhua", None, "TASS", "RT"],
        "date": pd.to_datetime(["2022-01-05", None, "2022-01-06", "2022-01-09"]),
    })
    return pd.concat([generated, extra], ignore_index=True)


@pytest.fixture(scope="module")
def parquet_path(articles, tmp_path_factory):
    return write_articles_parquet(articles, tmp_path_factory.mktemp("scale") / "corpus.parquet", row_group_size=25)


DICTIONARY = phrase_dictionary()

ANALYSES = {
    "count_frames": lambda a, **kw: count_frames(a, DICTIONARY, **kw),
    "count_frames long": lambda a, **kw: count_frames(a, DICTIONARY, long=True, **kw),
    "match_frames": lambda a, **kw: match_frames(a, DICTIONARY, **kw),
    "match_frames with voice": lambda a, **kw: match_frames(a, DICTIONARY, voice=True, **kw),
    "keyword_in_context": lambda a, **kw: keyword_in_context(a, ["external forces", "sovereignty"], window=5, **kw),
    "term_frequency": lambda a, **kw: term_frequency(a, **kw),
    "term_frequency by outlet, bigrams": lambda a, **kw: term_frequency(a, by="outlet", ngram_range=(1, 2), min_count=2, **kw),
    "keyness, dict target": lambda a, **kw: keyness(a, target={"outlet": "Xinhua"}, **kw),
    "keyness, query and dict, chi2": lambda a, **kw: keyness(
        a, target="outlet == 'TASS'", reference={"outlet": ["RT", "AP"]}, measure="chi2", ngram_range=(1, 2), min_count=3, **kw
    ),
    "keyness_over_time": lambda a, **kw: keyness_over_time(a, period="week", measure="lr", n=5, **kw),
    "tfidf": lambda a, **kw: tfidf(a, n=3, stop_words="english", **kw),
    "tfidf by outlet": lambda a, **kw: tfidf(a, by="outlet", min_count=2, **kw),
    "frame_rates": lambda a, **kw: frame_rates(a, HITS, by="outlet", **kw),
    "find_exact_duplicates": lambda a, **kw: find_exact_duplicates(a, **kw),
}
HITS = pd.DataFrame({"doc_id": ["bench-0000001a", "zh-1", "zh-1"], "frame": ["a", "a", "b"]})


@pytest.fixture(scope="module")
def expected(articles):
    return {name: run(articles) for name, run in ANALYSES.items()}


@pytest.mark.parametrize("name", list(ANALYSES))
def test_parquet_in_batches_equals_pandas(name, parquet_path, expected, monkeypatch):
    monkeypatch.setattr(executor, "BATCH_SIZE", 40)  # several batches, cut inside row groups
    got = ANALYSES[name](str(parquet_path))
    assert len(expected[name]) > 0
    pd.testing.assert_frame_equal(got, expected[name])


@pytest.mark.parametrize("name", list(ANALYSES))
def test_batch_size_works_the_same_on_every_input(name, articles, parquet_path, expected):
    """The issue's example: count_frames(path, batch_size=...) used to raise a TypeError."""
    pd.testing.assert_frame_equal(ANALYSES[name](articles, batch_size=37), expected[name])
    pd.testing.assert_frame_equal(ANALYSES[name](parquet_path, batch_size=37), expected[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ANALYSES))
def test_dask_dataframe_equals_pandas(name, articles, expected, client):
    import dask.dataframe as dd

    got = ANALYSES[name](dd.from_pandas(articles, npartitions=3))
    pd.testing.assert_frame_equal(got, expected[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["count_frames", "keyword_in_context", "term_frequency by outlet, bigrams", "keyness, dict target"])
def test_parquet_read_by_dask_equals_pandas(name, parquet_path, expected, client):
    pd.testing.assert_frame_equal(ANALYSES[name](read_articles_dask(parquet_path)), expected[name])


@pytest.mark.slow
def test_keyness_against_a_second_corpus_on_dask(articles, parquet_path, client):
    target = articles.iloc[:60]
    want = keyness(articles, target=target, reference=articles)
    got = keyness(read_articles_dask(parquet_path), target=target, reference=parquet_path)
    pd.testing.assert_frame_equal(got, want)


# --------------------------------------------------------------------------- TermCounts: tokenise once


COUNTED = {
    "term_frequency": (dict(), lambda c, **kw: term_frequency(c, **kw)),
    "term_frequency by outlet": (dict(by="outlet"), lambda c, **kw: term_frequency(c, by="outlet", min_count=2, **kw)),
    "term_frequency overall from outlets": (dict(by="outlet"), lambda c, **kw: term_frequency(c, min_count=2, **kw)),
    "tfidf": (dict(), lambda c, **kw: tfidf(c, n=4, **kw)),
    "tfidf by outlet": (dict(by="outlet"), lambda c, **kw: tfidf(c, by="outlet", min_count=2, **kw)),
    "keyness, dict": (dict(), lambda c, **kw: keyness(c, target={"outlet": "Xinhua"}, **kw)),
    "keyness, dict on outlet counts": (dict(by="outlet"), lambda c, **kw: keyness(c, target={"outlet": "Xinhua"}, measure="chi2", **kw)),
    "keyness, query": (dict(), lambda c, **kw: keyness(c, target="outlet == 'TASS'", reference={"outlet": "RT"}, min_count=2, **kw)),
    "keyness_over_time": (dict(), lambda c, **kw: keyness_over_time(c, period="week", n=10, **kw)),
}


@pytest.mark.parametrize("name", list(COUNTED))
@pytest.mark.parametrize("tokens", [dict(), dict(ngram_range=(1, 3), stop_words="english")], ids=["words", "phrases"])
def test_analyses_of_term_counts_equal_those_of_articles(name, tokens, articles):
    grouping, analysis = COUNTED[name]
    counts = count_terms(articles, **grouping, **tokens)
    pd.testing.assert_frame_equal(analysis(counts, **tokens), analysis(articles, **tokens))


def test_keyness_of_two_term_counts_equals_keyness_of_two_corpora(articles):
    first, second = articles.iloc[:40], articles.iloc[40:]
    want = keyness(first, reference=second, stop_words="english")
    got = keyness(count_terms(first, by="outlet", stop_words="english"),
                  reference=count_terms(second, stop_words="english"), stop_words="english")
    pd.testing.assert_frame_equal(got, want)


def test_term_counts_describe_themselves(articles):
    counts = count_terms(articles, by="outlet", ngram_range=(1, 2))
    assert counts.by == ("outlet",) and counts.counts.shape == (len(counts.docs), len(counts.terms))
    assert counts.n_articles.sum() == len(articles)
    words = term_frequency(articles)
    assert counts.n_tokens.sum() == round(words["n_occurrences"].sum())
    assert "groups of outlet" in repr(counts)


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda c: term_frequency(c, stop_words="english"), "token options"),
        (lambda c: term_frequency(c, by="date"), "by='date'"),
        (lambda c: tfidf(c), "one row per article"),
        (lambda c: keyness_over_time(c), "one row per article"),
    ],
)
def test_term_counts_refuse_what_they_cannot_answer(call, named, articles):
    with pytest.raises(ParameterError, match=re.escape(named)):
        call(count_terms(articles, by="outlet"))


# --------------------------------------------------------------------------- Dask without a cluster


def test_dask_in_a_plain_script_uses_the_default_scheduler(tmp_path):
    """No `if __name__ == "__main__"` guard: the toolkit must not start a process cluster."""
    script = tmp_path / "plain.py"
    script.write_text(textwrap.dedent(f"""
        import dask.dataframe as dd
        import pandas as pd
        import toolkit

        articles = pd.DataFrame({{"doc_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"],
                                  "text": ["External forces again.", "No frames.", "Color revolutions, external forces."]}})
        frame = dd.from_pandas(articles, npartitions=2)
        counts = toolkit.count_frames(frame, {str(KAZAKHSTAN)!r})
        words = toolkit.term_frequency(frame, by="outlet")
        print(int(counts.to_numpy().sum()), len(words))
    """))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert "Nanny" not in done.stderr and "distributed" not in done.stderr
    assert done.stdout.split()[0] == "3"



def test_iter_articles_parquet_reads_bounded_batches(articles, parquet_path):
    batches = list(executor.iter_articles_parquet(parquet_path, batch_size=30, columns=["doc_id", "text"]))
    assert len(batches) > 1 and max(len(b) for b in batches) <= 30
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), articles[["doc_id", "text"]])


def test_write_articles_parquet_row_groups(articles, parquet_path):
    assert pq.ParquetFile(parquet_path).metadata.num_row_groups == -(-len(articles) // 25)
    pd.testing.assert_frame_equal(pd.read_parquet(parquet_path), articles)


def test_read_articles_dask_partitions_hold_pandas_dtypes(articles, parquet_path):
    frame = read_articles_dask(parquet_path)
    assert frame.npartitions >= 1
    computed = frame.compute().reset_index(drop=True)
    if int(pd.__version__.split(".")[0]) >= 3:
        pd.testing.assert_frame_equal(computed, articles)
    else:  # Dask turns object text columns into string[pyarrow] (its convert-string option): same values
        plain = lambda f: f.astype(object).where(f.notna(), None)  # noqa: E731
        pd.testing.assert_frame_equal(plain(computed), plain(articles))


@pytest.mark.parametrize(
    ("call", "error", "named"),
    [
        (lambda p: count_frames(p, DICTIONARY, batch_size=0), ParameterError, "batch_size"),
        (lambda p: term_frequency(p, batch_size=-1), ParameterError, "batch_size"),
        (lambda p: count_frames(p, DICTIONARY, engine="spark"), ParameterError, "engine"),
        (lambda p: term_frequency(p, colour="red"), ParameterError, "colour"),
        (lambda p: count_frames(42, DICTIONARY), ParameterError, "count_frames: articles must be"),
        (lambda p: tfidf(p, n=0), ParameterError, "^n: expected a whole number of at least 1, got 0"),
        (lambda p: keyness(p, target=np.ones(3, dtype=bool)), ParameterError, "target"),
        (lambda p: keyness(p), ParameterError, "target/reference"),
        (lambda p: keyness(p, target={"outlet": "Nobody"}), ParameterError, "one side selects no articles"),
        (lambda p: keyness(p, target={"outlet": "Xinhua"}, measure="t"), ParameterError, "measure"),
        (lambda p: keyword_in_context(p, "sovereignty", window=-1), ParameterError, "window"),
        (lambda p: count_frames(p, DICTIONARY, long="yes"), ParameterError, "long"),
        (lambda p: term_frequency(p, by="section"), ParameterError, "^by='section'"),
        (lambda p: count_frames(p.parent / "missing.parquet", DICTIONARY), ParameterError, "no Parquet file"),
        (lambda p: write_articles_parquet(pd.DataFrame(), p.parent / "x.parquet", row_group_size=0), ParameterError, "row_group_size"),
    ],
)
def test_bad_parameters_are_named(call, error, named, parquet_path):
    with pytest.raises(error, match=named):
        call(parquet_path)


def test_missing_text_column_is_a_schema_error(articles, tmp_path):
    path = write_articles_parquet(articles.drop(columns="text"), tmp_path / "no_text.parquet")
    with pytest.raises(SchemaError, match="text"):
        count_frames(path, DICTIONARY)


@pytest.fixture(scope="module")
def hits_with_voice(articles):
    return match_frames(articles, DICTIONARY, voice=True)


def _lines_of_matching(articles, hits):
    """The oracle: lines found by matching again, with the hits' voice columns beside them (same order)."""
    plain = keyword_in_context(articles, DICTIONARY, window=5)
    assert (plain[["doc_id", "start", "end", "frame"]].to_numpy() == hits[["doc_id", "start", "end", "frame"]].to_numpy()).all()
    return plain.assign(**{c: hits[c].to_numpy() for c in ("in_quotes", "speaker", "voice", "distancing")})


def test_keyword_in_context_of_given_hits_equals_matching_on_every_input(articles, parquet_path, hits_with_voice):
    """Lines built from hits (notebooks 02 and 05) are the lines matching gives, on every input kind."""
    expected = _lines_of_matching(articles, hits_with_voice)
    assert len(expected) > 30 and expected["doc_id"].nunique() > 20 and expected["distancing"].nunique() > 1
    for given in (articles, str(parquet_path)):
        got = keyword_in_context(given, DICTIONARY, window=5, hits=hits_with_voice, batch_size=37)
        pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(keyword_in_context(articles, DICTIONARY, window=5, hits=hits_with_voice), expected)


@pytest.mark.slow
def test_keyword_in_context_of_given_hits_on_dask(articles, parquet_path, hits_with_voice, client):
    expected = _lines_of_matching(articles, hits_with_voice)
    got = keyword_in_context(read_articles_dask(parquet_path), DICTIONARY, window=5, hits=hits_with_voice)
    pd.testing.assert_frame_equal(got, expected)


def test_executor_shares_a_table_with_every_batch(articles, parquet_path):
    lookup = pd.DataFrame({"doc_id": articles["doc_id"], "n": np.arange(len(articles))})
    sizes = executor.run(parquet_path, lambda part, lookup: int(lookup["doc_id"].isin(part["doc_id"]).sum()),
                         batch_size=40, shared={"lookup": lookup})
    assert sum(sizes) == len(articles) and len(sizes) == -(-len(articles) // 40)


def _sizes(part):
    return len(part), 0, 1


def _add_sizes(*results):
    """(articles, the most results combined at once, leaves) of several results, in order."""
    return sum(r[0] for r in results), max(len(results), *(r[1] for r in results)), sum(r[2] for r in results)


@pytest.mark.parametrize("fan_in", [2, 3, 8])
def test_executor_combines_up_to_fan_in_results_at_once_on_dask(articles, parquet_path, fan_in):
    import dask.dataframe as dd

    for given, options in ((articles, {"batch_size": 10}), (parquet_path, {"batch_size": 10}),
                           (dd.from_pandas(articles, npartitions=9), {})):
        n, widest, leaves = executor.run(given, _sizes, _add_sizes, fan_in=fan_in, **options)
        assert n == len(articles) and leaves >= 8
        assert widest == (fan_in if options == {} else 2)  # a tree on Dask; batches read here: one at a time
    with pytest.raises(ParameterError, match="fan_in"):
        executor.run(articles, _sizes, _add_sizes, fan_in=1)


def test_hits_hashes_and_lines_in_one_pass_equal_the_three_analyses_on_every_input(articles, parquet_path,
                                                                                   hits_with_voice):
    """match_hash_and_lines (notebook 02 on Dask) gives the hits of match_frames, the copies of
    find_exact_duplicates and the lines of keyword_in_context(hits=...), on every input kind."""
    from toolkit.analyses import find_exact_duplicates, match_hash_and_lines
    from toolkit.duplicates import exact_duplicates_from_hashes
    from toolkit.schema import HIT_COLUMNS

    copies = find_exact_duplicates(articles)
    assert "copy-1" in set(copies["doc_id"])  # the reprint of the fixture
    lines = keyword_in_context(articles, DICTIONARY, window=5, hits=hits_with_voice[list(HIT_COLUMNS)])
    for given, options in ((articles, {}), (articles, {"batch_size": 37}), (str(parquet_path), {})):
        hits, hashes, got = match_hash_and_lines(given, DICTIONARY, voice=True, window=5, **options)
        pd.testing.assert_frame_equal(hits, hits_with_voice)
        pd.testing.assert_frame_equal(exact_duplicates_from_hashes(hashes), copies)
        assert hashes["n_chars"].tolist() == articles["text"].fillna("").str.len().tolist()  # each text's length
        pd.testing.assert_frame_equal(got, lines)
    assert match_hash_and_lines(articles, DICTIONARY)[2] is None  # no window, no lines
    with pytest.raises(ParameterError, match="window"):
        match_hash_and_lines(articles, DICTIONARY, window=-2)
