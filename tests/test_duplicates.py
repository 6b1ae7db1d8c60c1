"""Tests of toolkit.duplicates on planted copies of real articles (see tests/data/duplicates)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.duplicates import DUPLICATE_COLUMNS, deduplicate, find_duplicates
from toolkit.errors import ParameterError, SchemaError

CORPUS = Path(__file__).parent / "data" / "duplicates" / "corpus.csv"


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    articles = pd.read_csv(CORPUS, keep_default_na=False)
    articles["date"] = pd.to_datetime(articles["date"])
    return articles


@pytest.fixture(scope="module")
def found(corpus) -> pd.DataFrame:
    return find_duplicates(corpus)


def naive_similarity(first: str, second: str, size: int = 5) -> float:
    """Containment of the shorter in the longer, on plain string shingles, all by hand."""

    def shingles(text):
        out = set()
        for line in text.lower().split("\n"):
            words = re.findall(r"\w+", line)
            if words:
                out |= {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
        return out

    a, b = shingles(first), shingles(second)
    return len(a & b) / min(len(a), len(b))


@pytest.mark.parametrize(
    "doc_id, origin",
    [
        ("kz-02", "kz-01"),  # exact copy, same day: origin by doc_id
        ("kz-03", "kz-01"),  # new headline, light edits
        ("kz-04", "kz-01"),  # final paragraph cut
        ("kz-05", "kz-01"),  # paragraphs reordered
        ("kz-08", "kz-01"),  # exact copy a month later
        ("wn-02-copy", "wn-02"),  # paragraphs reordered
        ("wn-04-copy", "wn-04"),  # new headline, light edits
        ("wn-05-copy", "wn-05"),  # final paragraph cut
        ("wn-07-copy", "wn-07"),  # final paragraph cut of a short article
        ("wn-08-copy", "wn-08"),  # exact copy
    ],
)
def test_planted_copies_join_their_origin(found, doc_id, origin):
    row = found.set_index("doc_id").loc[doc_id]
    assert row["origin_doc_id"] == origin
    assert not row["is_origin"]
    assert found.set_index("doc_id").loc[origin, "is_origin"]


@pytest.mark.parametrize(
    "doc_id",
    [
        "kz-06",  # another story on the same Wang-Lavrov call
        "kz-07",  # a commentary quoting two paragraphs of the seed
        "wn-01", "wn-03",  # other stories on Soleimani's killing and funeral
        "wn-06",  # Trump's Nevada delegates: shares boilerplate with wn-05
    ],
)
def test_distinct_articles_on_the_same_event_stay_apart(found, doc_id):
    assert doc_id not in set(found["doc_id"])


def test_clusters_match_the_planted_answer(corpus, found):
    expected = corpus.loc[corpus["expected_origin"] != "", ["doc_id", "expected_origin"]]
    got = found.loc[~found["is_origin"], ["doc_id", "origin_doc_id"]]
    assert sorted(map(tuple, got.to_numpy())) == sorted(map(tuple, expected.to_numpy()))
    assert list(found.columns) == list(DUPLICATE_COLUMNS)
    assert found.groupby("cluster_id")["n_members"].agg(["first", "size"]).pipe(lambda t: (t["first"] == t["size"]).all())


@pytest.mark.parametrize("doc_id, similarity, jaccard", [("kz-02", 1.0, 1.0), ("kz-04", 1.0, None), ("kz-05", 1.0, 1.0)])
def test_trimmed_and_reordered_copies_are_fully_contained(found, doc_id, similarity, jaccard):
    row = found.set_index("doc_id").loc[doc_id]
    assert row["similarity"] == similarity
    if jaccard is not None:
        assert row["jaccard"] == jaccard
    else:  # cutting the last paragraph lowers Jaccard, not containment
        assert row["jaccard"] < 0.9


def test_reported_similarity_matches_an_all_pairs_computation(corpus, found):
    # Oracle: plain Python sets of shingle strings over every pair, no hashing, no LSH.
    texts = corpus.set_index("doc_id")["text"]
    for row in found.itertuples():
        assert row.similarity == pytest.approx(naive_similarity(texts[row.doc_id], texts[row.origin_doc_id]), abs=1e-9)
    clustered = set(found["doc_id"])
    for a, b in itertools.combinations(texts.index, 2):
        if naive_similarity(texts[a], texts[b]) >= 0.8:
            assert {a, b} <= clustered, (a, b)


def test_window_days_keeps_a_late_reprint_apart(corpus):
    found = find_duplicates(corpus, window_days=7)
    assert "kz-08" not in set(found["doc_id"])
    assert found.set_index("doc_id").loc["kz-04", "origin_doc_id"] == "kz-01"


@pytest.mark.parametrize("threshold, absent", [(0.95, {"kz-03", "wn-04-copy"}), (0.85, set())])
def test_threshold_drops_edited_copies_first(corpus, threshold, absent):
    found = find_duplicates(corpus, threshold=threshold)
    non_origins = set(found.loc[~found["is_origin"], "doc_id"])
    assert not absent & non_origins
    assert {"kz-02", "kz-04", "kz-05", "wn-08-copy"} <= non_origins


def test_result_is_reproducible_and_independent_of_row_order(corpus, found):
    shuffled = corpus.sample(frac=1, random_state=3)
    again = find_duplicates(shuffled)
    pd.testing.assert_frame_equal(again, found)


def test_origin_is_the_earliest_then_the_smallest_doc_id():
    text = "\n".join(f"paragraph {i} of a wire story about the talks that took place on that day" for i in range(6))
    articles = pd.DataFrame(
        {"doc_id": ["b", "a", "c", "d"], "text": [text] * 4,
         "date": pd.to_datetime(["2022-01-02", "2022-01-02", None, "2022-01-01"])}
    )
    found = find_duplicates(articles)
    assert found["origin_doc_id"].unique().tolist() == ["d"]
    assert found["doc_id"].tolist() == ["d", "a", "b", "c"]  # undated last


def test_short_articles_match_only_exact_copies():
    articles = pd.DataFrame(
        {"doc_id": ["1", "2", "3", "4"],
         "text": ["Markets closed higher on Monday.", "Markets closed higher on Monday.",
                  "Markets closed higher on Monday. Oil fell.", ""],
         "date": pd.to_datetime(["2022-01-01"] * 4)}
    )
    found = find_duplicates(articles)
    assert found["doc_id"].tolist() == ["1", "2"]


def test_deduplicate_keeps_origins_and_singletons(corpus, found):
    kept = deduplicate(corpus, found)
    dropped = set(found.loc[~found["is_origin"], "doc_id"])
    assert set(kept["doc_id"]) == set(corpus["doc_id"]) - dropped
    assert len(kept) == len(corpus) - 10
    assert kept.attrs["deduplication"] == {"n_articles": 21, "n_removed": 10, "n_clusters": 6}
    assert list(kept.columns) == list(corpus.columns)
    pd.testing.assert_frame_equal(deduplicate(corpus, window_days=None), kept)


def test_functions_do_not_mutate_their_input(corpus):
    before = corpus.copy()
    deduplicate(corpus)
    pd.testing.assert_frame_equal(corpus, before)


def test_no_duplicates_gives_an_empty_table_with_the_columns(corpus):
    found = find_duplicates(corpus[corpus["expected_origin"] == ""].query("doc_id != 'kz-01'"))
    assert found.empty and list(found.columns) == list(DUPLICATE_COLUMNS)


@pytest.mark.parametrize(
    "kwargs, name",
    [({"threshold": 0}, "threshold"), ({"threshold": 1.5}, "threshold"), ({"window_days": -1}, "window_days"),
     ({"shingle_size": 0}, "shingle_size"), ({"num_perm": 2.5}, "num_perm"), ({"min_words": -1}, "min_words")],
)
def test_bad_parameters_are_named(corpus, kwargs, name):
    with pytest.raises(ParameterError, match=name):
        find_duplicates(corpus, **kwargs)


def test_bad_inputs(corpus, found):
    with pytest.raises(SchemaError, match="text"):
        find_duplicates(corpus.drop(columns="text"))
    with pytest.raises(SchemaError, match="unique"):
        find_duplicates(pd.concat([corpus, corpus.head(1)]))
    with pytest.raises(ParameterError, match="not both"):
        deduplicate(corpus, found, threshold=0.9)


def test_progress_bars_can_be_forced(corpus, capsys):
    find_duplicates(corpus.head(4), progress=True)
    assert "Shingling articles" in capsys.readouterr().err
    find_duplicates(corpus.head(4))
    assert capsys.readouterr().err == ""
