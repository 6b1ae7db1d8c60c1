import numpy as np
import pandas as pd
import pytest
from scipy.stats import binomtest, gamma

from toolkit.errors import ParameterError, SchemaError
from toolkit.rates import frame_cooccurrence, frame_rates, wilson_interval

RATE_COLUMNS = ["frame", "n_articles", "n_words", "n_mentions", "mentions_per_1000_words", "rate_ci_low",
                "rate_ci_high", "n_articles_with_mention", "share_with_mention", "share_ci_low", "share_ci_high"]


@pytest.fixture
def articles():
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4"],
        "text": ["", "", "", ""],
        "outlet": ["A", "A", "B", "B"],
        # d1 Monday, d2 the Sunday of the same ISO week, d3 the next Monday, d4 undated
        "date": pd.to_datetime(["2022-01-03 08:00", "2022-01-09 23:00", "2022-01-10 00:00", None]),
        "n_words": [100, 200, 50, 150],
    })


@pytest.fixture
def hits():
    rows = [("d1", "cr", 0), ("d1", "ef", 0), ("d1", "cr", 10), ("d2", "ef", 0), ("d3", "cr", 0),
            ("d4", "ef", 0), ("d4", "th", 0), ("d4", "ef", 0), ("d4", "ef", 5), ("zz", "cr", 0)]
    return pd.DataFrame(rows, columns=["doc_id", "frame", "sentence_start"])


def literal(rows, groups):
    """Expected rows (group values..., frame, n_articles, n_words, n_mentions, n_with)."""
    table = pd.DataFrame(rows, columns=[*groups, "frame", "n_articles", "n_words", "n_mentions",
                                        "n_articles_with_mention"])
    return table


def check(result, expected, groups):
    assert list(result.columns) == [*groups, *RATE_COLUMNS]
    for column in [*groups, "frame", "n_articles", "n_words", "n_mentions", "n_articles_with_mention"]:
        assert list(result[column]) == list(expected[column]), column
    per_1000 = 1000 * expected["n_mentions"] / expected["n_words"]
    np.testing.assert_allclose(result["mentions_per_1000_words"], per_1000)
    np.testing.assert_allclose(result["share_with_mention"],
                               expected["n_articles_with_mention"] / expected["n_articles"])


def test_rates_by_outlet(articles, hits):
    result = frame_rates(articles, hits)
    expected = literal([("A", "cr", 2, 300, 2, 1), ("A", "ef", 2, 300, 2, 2), ("A", "th", 2, 300, 0, 0),
                        ("B", "cr", 2, 200, 1, 1), ("B", "ef", 2, 200, 3, 1), ("B", "th", 2, 200, 1, 1)],
                       ["outlet"])
    check(result, expected, ["outlet"])
    assert result["mentions_per_1000_words"].round(4).tolist() == [6.6667, 6.6667, 0.0, 5.0, 15.0, 5.0]
    assert result.attrs["n_articles_without_date"] == 0


def test_rates_whole_corpus_and_listed_frames(articles, hits):
    result = frame_rates(articles, hits, by=None, frames=["sovereignty", "ef"])
    expected = literal([("sovereignty", 4, 500, 0, 0), ("ef", 4, 500, 5, 3), ("cr", 4, 500, 3, 2),
                        ("th", 4, 500, 1, 1)], [])
    check(result, expected, [])
    assert result["mentions_per_1000_words"].tolist() == [0.0, 10.0, 6.0, 2.0]


def test_frames_from_a_dictionary_like_object_and_missing_group_values(articles, hits):
    class Dictionary:  # the duck type of toolkit.frames.FrameDictionary
        frame_ids = ["sovereignty", "cr"]

    result = frame_rates(articles.assign(outlet=["A", None, "A", None]), hits, frames=Dictionary())
    assert list(result["frame"][:4]) == ["sovereignty", "cr", "ef", "th"]
    assert result["outlet"].isna().tolist() == [False] * 4 + [True] * 4
    assert list(result["n_mentions"]) == [0, 3, 1, 0, 0, 0, 4, 1]


def test_rates_by_week_leaves_out_undated_articles(articles, hits):
    with pytest.warns(UserWarning, match="1 article"):
        result = frame_rates(articles, hits, by=None, period="week")
    weeks = pd.to_datetime(["2022-01-03"] * 3 + ["2022-01-10"] * 3)
    expected = literal([(w, f, n, nw, m, k) for w, (f, n, nw, m, k) in zip(weeks, [
        ("cr", 2, 300, 2, 1), ("ef", 2, 300, 2, 2), ("th", 2, 300, 0, 0),
        ("cr", 1, 50, 1, 1), ("ef", 1, 50, 0, 0), ("th", 1, 50, 0, 0)])], ["period"])
    check(result, expected, ["period"])
    assert result.attrs["n_articles_without_date"] == 1


@pytest.mark.parametrize(
    "period, starts",
    [
        ("day", ["2022-01-03", "2022-01-09", "2022-01-10"]),
        ("week", ["2022-01-03", "2022-01-10"]),
        ("month", ["2022-01-01"]),
        ("quarter", ["2022-01-01"]),
        ("year", ["2022-01-01"]),
    ],
)
def test_period_starts(articles, hits, period, starts):
    dated = articles.dropna(subset=["date"])
    result = frame_rates(dated, hits, by=None, period=period)
    assert sorted(set(result["period"])) == list(pd.to_datetime(starts))
    assert result.attrs["n_articles_without_date"] == 0


def test_rates_by_outlet_and_month(articles, hits):
    with pytest.warns(UserWarning):
        result = frame_rates(articles, hits, by=["outlet"], period="month", frames=["cr"])
    assert list(result["outlet"]) == ["A"] * 3 + ["B"] * 3
    assert list(result["n_articles"]) == [2, 2, 2, 1, 1, 1]
    assert list(result["n_mentions"]) == [2, 2, 0, 1, 0, 0]


def test_n_words_counted_from_text_when_missing(articles, hits):
    articles = articles.drop(columns="n_words").assign(text=["a b", "c", "", "d-e f"])
    result = frame_rates(articles, hits, frames=["cr"])
    assert list(result["n_words"]) == [3, 3, 3, 3, 3, 3]


def test_wilson_interval_in_rates(articles, hits):
    result = frame_rates(articles, hits, by=None)
    row = result[result["frame"] == "ef"].iloc[0]
    low, high = binomtest(3, 4).proportion_ci(method="wilson")
    assert (row["share_ci_low"], row["share_ci_high"]) == pytest.approx((low, high))


def test_rate_interval_in_rates_is_the_exact_poisson_interval_per_1000_words(articles, hits):
    result = frame_rates(articles, hits).set_index(["outlet", "frame"])
    # Oracle: the exact Poisson interval as gamma quantiles (Garwood 1936, in the form of
    # Ulm 1990), a different route from the chi-squared quantiles of poisson_interval.
    for (outlet, frame), words in [(("B", "ef"), 200), (("A", "cr"), 300), (("A", "th"), 300)]:
        k = result.loc[(outlet, frame), "n_mentions"]
        low = gamma.ppf(0.025, k) if k else 0.0
        high = gamma.ppf(0.975, k + 1)
        row = result.loc[(outlet, frame)]
        assert (row["rate_ci_low"], row["rate_ci_high"]) == pytest.approx((low * 1000 / words, high * 1000 / words))
    # hand-worked: B/ef has 3 mentions in 200 words; the tabled 95% limits for 3 are 0.6187 and 8.7673
    assert result.loc[("B", "ef"), "rate_ci_low"] == pytest.approx(0.6187 * 5, abs=1e-3)
    assert result.loc[("B", "ef"), "rate_ci_high"] == pytest.approx(8.7673 * 5, abs=1e-3)


def test_rate_interval_is_nan_without_words(articles, hits):
    result = frame_rates(articles.assign(n_words=0), hits, by=None)
    assert result[["mentions_per_1000_words", "rate_ci_low", "rate_ci_high"]].isna().all().all()


@pytest.mark.parametrize(
    "k, n, low, high",
    [
        # Newcombe (1998), Table I: Wilson score intervals
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
        # by hand: p=.3, z=1.95996; centre .35553, half-width .24772
        (3, 10, 0.1078, 0.6032),
        (10, 10, 0.7225, 1.0),
    ],
)
def test_wilson_interval_published_and_hand_worked(k, n, low, high):
    assert wilson_interval(k, n) == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_against_scipy():
    rng = np.random.default_rng(0)
    n = rng.integers(1, 2000, size=300)
    k = rng.integers(0, n + 1)
    low, high = wilson_interval(k, n)
    for confidence in (0.95, 0.9):
        low, high = wilson_interval(k, n, confidence=confidence)
        for i in range(len(n)):
            ci = binomtest(int(k[i]), int(n[i])).proportion_ci(confidence_level=confidence, method="wilson")
            assert (low[i], high[i]) == pytest.approx((ci.low, ci.high), abs=1e-12)


def test_wilson_interval_edge_cases():
    low, high = wilson_interval(np.array([0, 1]), np.array([0, 2]))
    assert np.isnan(low[0]) and np.isnan(high[0])
    with pytest.raises(ParameterError, match="confidence"):
        wilson_interval(1, 2, confidence=95)
    with pytest.raises(ParameterError, match="k and n"):
        wilson_interval(3, 2)


@pytest.mark.parametrize(
    "level, measure, expected",
    [
        ("article", "count", [[2, 1, 0], [1, 3, 1], [0, 1, 1]]),
        ("sentence", "count", [[3, 1, 0], [1, 4, 1], [0, 1, 1]]),
        ("article", "jaccard", [[1, 1 / 4, 0], [1 / 4, 1, 1 / 3], [0, 1 / 3, 1]]),
        ("sentence", "jaccard", [[1, 1 / 6, 0], [1 / 6, 1, 1 / 4], [0, 1 / 4, 1]]),
    ],
)
def test_cooccurrence(articles, hits, level, measure, expected):
    matrix = frame_cooccurrence(articles, hits, level=level, measure=measure)
    assert list(matrix.index) == list(matrix.columns) == ["cr", "ef", "th"]
    np.testing.assert_allclose(matrix.to_numpy(), expected)
    assert matrix.attrs["n_units"] == {"article": 4, "sentence": 6}[level]


def test_cooccurrence_listed_frame_and_empty_hits(articles, hits):
    matrix = frame_cooccurrence(articles, hits, frames=["sovereignty"])
    assert list(matrix.index) == ["sovereignty", "cr", "ef", "th"]
    assert matrix.loc["sovereignty"].tolist() == [0, 0, 0, 0]
    assert matrix.dtypes.unique().tolist() == [np.dtype("int64")]
    empty = frame_cooccurrence(articles, hits.iloc[:0], frames=["cr"])
    assert empty.to_numpy().tolist() == [[0]]
    rates = frame_rates(articles.dropna(subset=["date"]), hits.iloc[:0], frames=["cr"])
    assert list(rates["n_mentions"]) == [0, 0] and list(rates["n_articles"]) == [2, 1]


def test_inputs_are_not_mutated(articles, hits):
    before_a, before_h = articles.copy(deep=True), hits.copy(deep=True)
    with pytest.warns(UserWarning):
        frame_rates(articles, hits, by="outlet", period="week")
    frame_cooccurrence(articles, hits, level="sentence", measure="jaccard")
    pd.testing.assert_frame_equal(articles, before_a)
    pd.testing.assert_frame_equal(hits, before_h)


@pytest.mark.parametrize(
    "call, error, parameter",
    [
        (lambda a, h: frame_rates(a, h, period="fortnight"), ParameterError,
         r"^period='fortnight': use day, week, month, quarter or year, or None$"),
        (lambda a, h: frame_rates(a, h, period="W"), ParameterError, "^period='W'"),
        (lambda a, h: frame_rates(a, h, by="nope"), ParameterError, r"^by='nope'"),
        (lambda a, h: frame_rates(a, h, by=["outlet", "n_words"]), ParameterError, r"^by=.*'n_words'.*clash"),
        (lambda a, h: frame_rates(a.assign(period=1), h, by="period"), ParameterError, r"^by='period'.*clash"),
        (lambda a, h: frame_rates(a, h, frames="cr"), ParameterError, "frames"),
        (lambda a, h: frame_rates(pd.concat([a, a]), h), ParameterError, "doc_id"),
        (lambda a, h: frame_rates(a, h.drop(columns="frame")), SchemaError, "frame"),
        (lambda a, h: frame_cooccurrence(a, h, level="paragraph"), ParameterError, "level"),
        (lambda a, h: frame_cooccurrence(a, h, measure="pmi"), ParameterError, "measure"),
        (lambda a, h: frame_cooccurrence(a, h.drop(columns="sentence_start"), level="sentence"),
         SchemaError, "sentence_start"),
    ],
)
def test_invalid_parameters(articles, hits, call, error, parameter):
    with pytest.raises(error, match=parameter):
        call(articles, hits)


# --------------------------------------------------------------------------- poisson_interval

@pytest.mark.parametrize("k", [1, 3, 10, 57])
def test_poisson_interval_has_the_exact_tail_probabilities(k):
    """Oracle: Garwood's bounds are the means at which P(X >= k) and P(X <= k) are 2.5% (scipy.stats.poisson)."""
    from scipy.stats import poisson

    from toolkit.rates import poisson_interval

    low, high = poisson_interval(k)
    assert poisson.sf(k - 1, low) == pytest.approx(0.025, rel=1e-6)
    assert poisson.cdf(k, high) == pytest.approx(0.025, rel=1e-6)


def test_poisson_interval_of_zero_starts_at_zero():
    from toolkit.rates import poisson_interval

    low, high = poisson_interval(0)
    assert low == 0 and high == pytest.approx(-np.log(0.025))  # P(X = 0 | high) = 2.5%


def test_frames_may_be_a_dictionary_path_as_in_match_frames(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text("name: two\nversion: '1'\nframes:\n  riots:\n    label: Riots\n    patterns: [riots]\n  aid:\n    label: Aid\n    patterns: [foreign aid]\n",
                    encoding="utf-8")
    articles = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "n_words": [100], "date": pd.to_datetime(["2022-01-05"])})
    hits = pd.DataFrame({"doc_id": ["a"], "frame": ["riots"]})
    rates = frame_rates(articles, hits, frames=path)
    assert rates["frame"].tolist() == ["riots", "aid"]  # the unmentioned frame too, in dictionary order
    assert rates.set_index("frame").loc["aid", "n_mentions"] == 0
    with pytest.raises(ParameterError, match="frames"):
        frame_rates(articles, hits, frames="riots")  # one frame id is no dictionary
