import random

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

import toolkit.frequency as frequency
from toolkit.errors import ParameterError, SchemaError
from toolkit.frequency import term_frequency, tfidf, token_settings
from toolkit.tokens import TokenSettings

ARTICLES = pd.DataFrame({
    "doc_id": ["a1", "a2", "a3"],
    "outlet": ["Xinhua", "Xinhua", "TASS"],
    "text": [
        "External forces provoke unrest. External forces!",
        "Color revolutions and external forces.",
        "Unrest in Almaty; forces deployed.",
    ],
})


def test_term_frequency_literal_table():
    table = term_frequency(ARTICLES)
    assert list(table.columns) == ["term", "n_occurrences", "n_articles_with_term", "rank", "per_1000_tokens"]
    top = table.head(4).to_dict("records")
    assert [(r["term"], r["n_occurrences"], r["n_articles_with_term"], r["rank"]) for r in top] == [
        ("forces", 4, 3, 1), ("external", 3, 2, 2), ("unrest", 2, 2, 3), ("almaty", 1, 1, 4),
    ]
    assert top[0]["per_1000_tokens"] == pytest.approx(4 / 16 * 1000)  # 16 word tokens in all
    assert table["rank"].tolist() == [1, 2, 3] + [4] * 7


def test_term_frequency_by_group_with_bigrams():
    table = term_frequency(ARTICLES, by="outlet", ngram_range=(2, 2), min_count=2)
    assert table.to_dict("records") == [
        {"outlet": "Xinhua", "term": "external forces", "n_occurrences": 3, "n_articles_with_term": 2, "rank": 1,
         "per_1000_tokens": pytest.approx(3 / 11 * 1000)},  # 11 Xinhua tokens
    ]


def _random_articles(seed, n=150):
    rng = random.Random(seed)
    words = ["forces", "Forces", "external", "Ölçü", "外部", "σοφος", "ΣΟΦΟΣ", "x", "2022", "İz", "a_b"]
    seps = [" ", " ", ", ", ". ", "\n", "“", "—", "'"]
    texts = [
        "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(0, 40))) for _ in range(n)
    ]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "text": texts,
                         "outlet": [rng.choice("ABC") for _ in range(n)]})


def _countvectorizer_table(texts, ngram_range):
    vectorizer = CountVectorizer(token_pattern=r"(?u)\w+", ngram_range=ngram_range)
    matrix = vectorizer.fit_transform(texts)
    return pd.DataFrame({
        "term": vectorizer.get_feature_names_out(),
        "n_occurrences": np.asarray(matrix.sum(axis=0)).ravel(),
        "n_articles_with_term": np.asarray((matrix > 0).sum(axis=0)).ravel(),
    }).sort_values("term").reset_index(drop=True)


@pytest.mark.parametrize("ngram_range", [(1, 1), (1, 2), (2, 3)])
@pytest.mark.parametrize("small_chunks", [False, True])
def test_counts_equal_countvectorizer(ngram_range, small_chunks, monkeypatch):
    if small_chunks:  # many chunks, merged often, keys re-numbered to avoid overflow
        monkeypatch.setattr(frequency, "_CHUNK_CHARS", 300)
        monkeypatch.setattr(frequency, "_CONSOLIDATE_ROWS", 50)
        monkeypatch.setattr(frequency, "_MAX_KEY", 1000)
    articles = _random_articles(3)
    ours = term_frequency(articles, ngram_range=ngram_range, scheme="sklearn")[["term", "n_occurrences", "n_articles_with_term"]]
    ours = ours.sort_values("term").reset_index(drop=True)
    expected = _countvectorizer_table(articles["text"], ngram_range)
    assert ours["term"].tolist() == expected["term"].tolist()
    assert ours["n_occurrences"].tolist() == expected["n_occurrences"].tolist()
    assert ours["n_articles_with_term"].tolist() == expected["n_articles_with_term"].tolist()


def test_groups_add_up_and_input_is_unchanged():
    articles = _random_articles(4)
    before = articles.copy()
    grouped = term_frequency(articles, by=["outlet"], ngram_range=(1, 2))
    overall = term_frequency(articles, ngram_range=(1, 2))
    summed = grouped.groupby("term")[["n_occurrences", "n_articles_with_term"]].sum().sort_index()
    assert summed.to_dict() == overall.set_index("term")[["n_occurrences", "n_articles_with_term"]].sort_index().to_dict()
    pd.testing.assert_frame_equal(articles, before)


def test_tfidf_equals_scikit_learn():
    articles = _random_articles(5, n=40)
    ours = tfidf(articles, n=5, scheme="sklearn")
    weights = TfidfVectorizer(token_pattern=r"(?u)\w+").fit_transform(articles["text"])
    terms = TfidfVectorizer(token_pattern=r"(?u)\w+").fit(articles["text"]).get_feature_names_out()
    for row in ours.itertuples():
        i = int(row.doc_id[1:])
        assert row.tfidf == pytest.approx(weights[i, list(terms).index(row.term)])
    top = ours[ours["doc_id"] == "d1"]
    dense = weights[1].toarray().ravel()
    assert top["tfidf"].tolist() == pytest.approx(sorted(dense, reverse=True)[: len(top)])


def test_tfidf_by_group_pools_articles():
    ours = tfidf(ARTICLES, by="outlet", n=2, sublinear_tf=True)
    pooled = ARTICLES.groupby("outlet")["text"].agg(" ".join)
    weights = TfidfVectorizer(token_pattern=r"(?u)\w+", sublinear_tf=True).fit(pooled)
    matrix, terms = weights.transform(pooled), list(weights.get_feature_names_out())
    assert list(ours.columns) == ["outlet", "term", "tfidf", "rank"]
    for row in ours.itertuples():
        assert row.tfidf == pytest.approx(matrix[list(pooled.index).index(row.outlet), terms.index(row.term)])
    assert ours["rank"].tolist() == [1, 2, 1, 2]


@pytest.mark.parametrize(
    "call, error, named",
    [
        (lambda: term_frequency(ARTICLES.drop(columns="text")), SchemaError, "text"),
        (lambda: term_frequency(ARTICLES, by="nope"), ParameterError, "^by='nope'"),
        (lambda: term_frequency(ARTICLES.assign(rank=1), by="rank"), ParameterError, "^by='rank'.*clash"),
        (lambda: term_frequency(ARTICLES, ngram_range=(1, 5)), ParameterError, "ngram_range"),
        (lambda: tfidf(ARTICLES, by=["outlet", "nope"]), ParameterError, r"^by=\['outlet', 'nope'\]"),
        (lambda: tfidf(ARTICLES.drop(columns="doc_id")), SchemaError, "doc_id"),
        (lambda: tfidf(ARTICLES, n=0), ParameterError, "^n: expected a whole number"),
    ],
)
def test_bad_arguments_fail_at_once(call, error, named):
    with pytest.raises(error, match=named):
        call()


@pytest.mark.parametrize("function", [term_frequency, tfidf])
def test_by_an_empty_list_means_no_groups(function):
    pd.testing.assert_frame_equal(function(ARTICLES, by=[]), function(ARTICLES))


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({}, {"ngram_range": (1, 1), "min_count": 1, "stop_words": None}),
        ({"ngram_range": (1, 2), "min_count": 3}, {"ngram_range": (1, 2), "min_count": 3}),
        ({"settings": TokenSettings(min_count=5), "ngram_range": None}, {"ngram_range": (1, 1), "min_count": 5}),
        ({"settings": TokenSettings(min_count=5), "min_count": 2, "stop_words": "english"},
         {"min_count": 2, "stop_words": "english"}),
    ],
)
def test_token_settings(kwargs, expected):
    settings = token_settings(**kwargs)
    assert {name: getattr(settings, name) for name in expected} == expected


@pytest.mark.parametrize(
    "kwargs, named",
    [({"settings": "english"}, "settings"), ({"colour": "red"}, "colour"), ({"ngram_range": (2, 1)}, "ngram_range")],
)
def test_token_settings_refuses_bad_options(kwargs, named):
    with pytest.raises(ParameterError, match=named):
        token_settings(**kwargs)


@pytest.mark.parametrize("texts", [[], [""], ["", "  ", None], ["... !"]])
def test_articles_without_words_give_empty_tables(texts):
    articles = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": pd.Series(texts, dtype=object)})
    assert term_frequency(articles, ngram_range=(1, 2)).empty
    assert list(tfidf(articles).columns) == ["doc_id", "term", "tfidf", "rank"]


def test_packed_terms_combine_as_python_strings_do():
    """Counts whose terms travel packed in Arrow (how a Dask reduction carries them) combine to the same
    terms, in the same order, and the same counts as with Python strings; empty batches included."""
    texts = ["Officials said the so-called colour revolution failed.", "The Foreign Ministry said it would respond.",
             "Protesters said the so-called colour revolution was a lie.", "", "It said the ministry would respond."]
    articles = pd.DataFrame({"doc_id": [f"a{i}" for i in range(len(texts))], "outlet": list("ABABA"), "text": texts})
    settings = token_settings(None, ngram_range=(1, 3))
    batches = [articles.iloc[i:j] for i, j in ((0, 2), (2, 4), (4, 4), (4, 5))]
    plain = packed = None
    for batch in batches:
        part = frequency.count_batch(batch, settings=settings, by=["outlet"])
        plain = part if plain is None else frequency.combine_counts(plain, part)
        part = frequency.count_batch_packed(batch, settings=settings, by=["outlet"])  # no Python string per term
        assert frequency.unpack_terms(part).terms.tolist() == frequency.count_batch(batch, settings=settings, by=["outlet"]).terms.tolist()
        packed = part if packed is None else frequency.combine_counts(packed, part)
    unpacked = frequency.unpack_terms(packed)
    assert not isinstance(packed.terms, np.ndarray) and isinstance(unpacked.terms, np.ndarray)
    assert unpacked.terms.tolist() == plain.terms.tolist() and len(set(plain.terms)) == len(plain.terms)
    assert (unpacked.counts != plain.counts).nnz == 0 and (unpacked.article_counts != plain.article_counts).nnz == 0
    pd.testing.assert_frame_equal(frequency.frequency_from_counts(unpacked, by="outlet"),
                                  frequency.frequency_from_counts(plain, by="outlet"))


@pytest.mark.parametrize("by", [["outlet"], None])
@pytest.mark.parametrize("packed", [False, True])
def test_several_batches_combine_at_once_as_two_by_two(by, packed):
    """combine_counts(a, b, c, ...) (how a reduction joins several batches in one union of their
    vocabularies) gives the terms in the same order, counts, totals and rows as combining them in pairs."""
    texts = ["Officials said the so-called colour revolution failed.", "The Foreign Ministry said it would respond.",
             "Protesters said the so-called colour revolution was a lie.", "", "It said the ministry would respond.",
             "Colour revolution, the ministry said: a lie.", "Nothing new."]
    articles = pd.DataFrame({"doc_id": [f"a{i}" for i in range(len(texts))], "outlet": list("ABABACB"), "text": texts})
    settings = token_settings(None, ngram_range=(1, 3))
    count = frequency.count_batch_packed if packed else frequency.count_batch
    batches = [count(articles.iloc[i:j], settings=settings, by=by) for i, j in ((0, 2), (2, 4), (4, 4), (4, 5), (5, 7))]
    pairwise = batches[0]
    for batch in batches[1:]:
        pairwise = frequency.combine_counts(pairwise, batch)
    for at_once in (frequency.combine_counts(*batches),
                    frequency.combine_counts(frequency.combine_counts(*batches[:3]), *batches[3:])):
        assert type(at_once.terms) is type(pairwise.terms)
        assert list(at_once.terms) == list(pairwise.terms) and len(pairwise.terms) > 20
        for matrix in ("counts", "article_counts"):
            a, b = getattr(at_once, matrix), getattr(pairwise, matrix)
            assert a.shape == b.shape and (a != b).nnz == 0 and a.dtype == b.dtype
        pd.testing.assert_frame_equal(at_once.docs, pairwise.docs)
        assert at_once.n_articles.tolist() == pairwise.n_articles.tolist()
        assert {n: p.tolist() for n, p in at_once.n_positions.items()} == {n: p.tolist() for n, p in pairwise.n_positions.items()}
    assert frequency.combine_counts(batches[1]) is batches[1]
