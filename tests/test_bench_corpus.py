"""The benchmark corpus generator: reproducible, and its planted counts are the truth."""

import pandas as pd
import pytest

from benchmarks.corpus import PHRASES, generate_corpus, grep_forms, phrase_dictionary, planted_counts, surface_forms, write_corpus
from toolkit.match import available_engines, count_frames


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(0.3, seed=3)


def test_same_seed_same_corpus(corpus):
    articles, planted = generate_corpus(0.3, seed=3)
    pd.testing.assert_frame_equal(articles, corpus[0])
    pd.testing.assert_frame_equal(planted, corpus[1])
    assert not generate_corpus(0.3, seed=4)[0]["text"].equals(articles["text"])


def test_size_and_columns(corpus):
    articles, planted = corpus
    assert 0.3e6 <= articles["text"].str.len().sum() < 0.4e6
    assert list(articles.columns) == ["doc_id", "title", "text", "outlet", "date"]
    assert list(planted.columns) == ["doc_id", "frame", "phrase", "form"]
    assert set(planted["phrase"]) <= set(PHRASES) and len(planted) > 20


@pytest.mark.parametrize("engine", available_engines())
def test_count_frames_finds_exactly_the_planted_phrases(corpus, engine):
    articles, planted = corpus
    counts = count_frames(articles, phrase_dictionary(), engine=engine)
    pd.testing.assert_frame_equal(counts, planted_counts(articles, planted))


def test_surface_forms_vary_case_separator_and_inflection():
    forms = surface_forms("color revolution")
    for form in ["color revolution", "COLOUR REVOLUTIONS", "Color-Revolution", "color\nrevolution"]:
        assert form in forms
    assert "anti china" in grep_forms() and "antichina" in grep_forms()


def test_write_corpus(tmp_path, corpus):
    articles, planted = corpus
    paths = write_corpus(articles, planted, tmp_path, formats=("parquet", "csv", "txt"))
    assert pd.read_parquet(paths["parquet"])["text"].tolist() == articles["text"].tolist()
    assert len(paths["txt"].read_text(encoding="utf-8").splitlines()) == len(articles)
    assert len(pd.read_csv(paths["planted"])) == len(planted)


def test_match_benchmark_runs_and_every_method_is_exact(tmp_path):
    from benchmarks import bench_match

    results = bench_match.run(0.3, 0.05, seed=1, kwic_phrase="external forces", workdir=tmp_path)
    assert results["exact"].all(), results[["method", "exact"]]
    assert {"pandas str.count per phrase", "grep -c -i -F -f (lines, fixed strings)"} <= set(results["method"])
    table = bench_match.markdown(results)
    assert table.count("\n") == len(results) + 1 and "| yes |" in table
