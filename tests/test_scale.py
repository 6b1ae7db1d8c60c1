"""Parquet in batches and Dask give the same tables as pandas, on a LocalCluster of 2 workers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from benchmarks.corpus import generate_corpus, phrase_dictionary
from toolkit import scale
from toolkit.errors import ParameterError, SchemaError
from toolkit.frequency import term_frequency
from toolkit.keyness import keyness
from toolkit.match import count_frames, keyword_in_context, match_frames

pytestmark = pytest.mark.slow


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
        "doc_id": ["zh-1", "none-1", "bench-0000001a"],
        "title": ["新闻", "", "repeat"],
        "text": ["外部势力干涉内政。Officials cited external forces again.", None, "Foreign forces and external forces met."],
        "outlet": ["Xinhua", None, "TASS"],
        "date": pd.to_datetime(["2022-01-05", None, "2022-01-06"]),
    })
    return pd.concat([generated, extra], ignore_index=True)


@pytest.fixture(scope="module")
def parquet_path(articles, tmp_path_factory):
    return scale.write_articles_parquet(articles, tmp_path_factory.mktemp("scale") / "corpus.parquet", row_group_size=25)


DICTIONARY = phrase_dictionary()

ANALYSES = {
    "count_frames": lambda a, **kw: count_frames(a, DICTIONARY, **kw),
    "count_frames long": lambda a, **kw: count_frames(a, DICTIONARY, long=True, **kw),
    "match_frames": lambda a, **kw: match_frames(a, DICTIONARY, **kw),
    "match_frames, no voice": lambda a, **kw: match_frames(a, DICTIONARY, voice=False, **kw),
    "keyword_in_context": lambda a, **kw: keyword_in_context(a, ["external forces", "sovereignty"], window=5, **kw),
    "term_frequency": lambda a, **kw: term_frequency(a, **kw),
    "term_frequency by outlet, bigrams": lambda a, **kw: term_frequency(a, by="outlet", ngram_range=(1, 2), min_count=2, **kw),
    "keyness, dict target": lambda a, **kw: keyness(a, target={"outlet": "Xinhua"}, **kw),
    "keyness, query and dict, chi2": lambda a, **kw: keyness(
        a, target="outlet == 'TASS'", reference={"outlet": ["RT", "AP"]}, measure="chi2", ngram_range=(1, 2), min_count=3, **kw
    ),
}


@pytest.fixture(scope="module")
def expected(articles):
    return {name: run(articles) for name, run in ANALYSES.items()}


@pytest.mark.parametrize("name", list(ANALYSES))
def test_parquet_in_batches_equals_pandas(name, parquet_path, expected, monkeypatch):
    monkeypatch.setattr(scale, "BATCH_SIZE", 40)  # several batches, cut inside row groups
    got = ANALYSES[name](str(parquet_path))
    assert len(expected[name]) > 0
    pd.testing.assert_frame_equal(got, expected[name])


@pytest.mark.parametrize("name", list(ANALYSES))
def test_dask_dataframe_equals_pandas(name, articles, expected, client):
    import dask.dataframe as dd

    got = ANALYSES[name](dd.from_pandas(articles, npartitions=3))
    pd.testing.assert_frame_equal(got, expected[name])


@pytest.mark.parametrize("name", ["count_frames", "keyword_in_context", "term_frequency by outlet, bigrams", "keyness, dict target"])
def test_parquet_on_dask_equals_pandas(name, parquet_path, expected, client):
    engine = {"engine": "dask"}
    pd.testing.assert_frame_equal(ANALYSES[name](parquet_path, **engine), expected[name])


def test_keyness_against_a_second_corpus_on_dask(articles, parquet_path, client):
    target = articles.iloc[:60]
    want = keyness(articles, target=target, reference=articles)
    got = keyness(parquet_path, target=target, reference=parquet_path, engine="dask")
    pd.testing.assert_frame_equal(got, want)


def test_iter_articles_parquet_reads_bounded_batches(articles, parquet_path):
    batches = list(scale.iter_articles_parquet(parquet_path, batch_size=30, columns=["doc_id", "text"]))
    assert len(batches) > 1 and max(len(b) for b in batches) <= 30
    pd.testing.assert_frame_equal(pd.concat(batches, ignore_index=True), articles[["doc_id", "text"]])


def test_write_articles_parquet_row_groups(articles, parquet_path):
    assert pq.ParquetFile(parquet_path).metadata.num_row_groups == -(-len(articles) // 25)
    pd.testing.assert_frame_equal(pd.read_parquet(parquet_path), articles)


def test_read_articles_dask_partitions_hold_pandas_dtypes(articles, parquet_path):
    frame = scale.read_articles_dask(parquet_path)
    assert frame.npartitions >= 1
    computed = frame.compute().reset_index(drop=True)
    if int(pd.__version__.split(".")[0]) >= 3:
        pd.testing.assert_frame_equal(computed, articles)
    else:  # Dask turns object text columns into string[pyarrow] (its convert-string option): same values
        plain = lambda f: f.astype(object).where(f.notna(), None)  # noqa: E731
        pd.testing.assert_frame_equal(plain(computed), plain(articles))


def test_get_client_by_address(client):
    other = scale.get_client(client.scheduler.address)
    try:
        assert other.scheduler.address == client.scheduler.address
        assert scale.get_client(client.scheduler.address) is other  # one connection per address
    finally:
        other.close()
    assert scale.get_client() is client  # the session's client when no address is given


@pytest.mark.parametrize(
    ("call", "error", "named"),
    [
        (lambda p: scale.count_frames(p, DICTIONARY, batch_size=0), ParameterError, "batch_size"),
        (lambda p: term_frequency(p, engine="spark"), ParameterError, "engine"),
        (lambda p: scale.count_frames(p, DICTIONARY, scheduler=5, engine="dask"), ParameterError, "scheduler"),
        (lambda p: keyness(p, target=np.ones(3, dtype=bool)), ParameterError, "target"),
        (lambda p: keyness(p), ParameterError, "target/reference"),
        (lambda p: keyness(p, target={"outlet": "Nobody"}), ParameterError, "one side selects no articles"),
        (lambda p: keyness(p, target={"outlet": "Xinhua"}, measure="t"), ParameterError, "measure"),
        (lambda p: keyword_in_context(p, "sovereignty", window=-1), ParameterError, "window"),
        (lambda p: count_frames(p, DICTIONARY, long="yes"), ParameterError, "long"),
        (lambda p: term_frequency(p, by="section"), ParameterError, "^by='section'"),
        (lambda p: count_frames(p.parent / "missing.parquet", DICTIONARY), ParameterError, "no Parquet file"),
        (lambda p: scale.write_articles_parquet(pd.DataFrame(), p.parent / "x.parquet", row_group_size=0), ParameterError, "row_group_size"),
    ],
)
def test_bad_parameters_are_named(call, error, named, parquet_path):
    with pytest.raises(error, match=named):
        call(parquet_path)


def test_missing_text_column_is_a_schema_error(articles, tmp_path):
    path = scale.write_articles_parquet(articles.drop(columns="text"), tmp_path / "no_text.parquet")
    with pytest.raises(SchemaError, match="text"):
        count_frames(path, DICTIONARY)
