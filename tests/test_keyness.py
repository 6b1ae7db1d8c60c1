import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from toolkit.errors import ParameterError, SchemaError
from toolkit import count_terms, keyness, keyness_from_counts, keyness_over_time, term_frequency
from toolkit.keyness import check_measure, keyness_scores, selection_mask
from toolkit.tokens import TokenSettings

SEED_BODY = (Path(__file__).parent / "data" / "vocab" / "seed_body.txt").read_text(encoding="utf-8")


def _random_tables(n=300, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 60, n)
    b = rng.integers(0, 60, n)
    c = a + rng.integers(1, 5000, n)
    d = b + rng.integers(1, 5000, n)
    small = rng.random(n) < 0.3  # include tables with tiny cells, where Yates matters
    c[small], d[small] = a[small] + rng.integers(1, 6, small.sum()), b[small] + rng.integers(1, 6, small.sum())
    return a, b, c, d


@pytest.mark.parametrize(
    "measure, correction, lambda_",
    [("chi2", None, None), ("chi2", "yates", None), ("g2", None, "log-likelihood"), ("g2", "yates", "log-likelihood")],
)
def test_statistics_equal_scipy_chi2_contingency(measure, correction, lambda_):
    a, b, c, d = _random_tables()
    score, p_value, _ = keyness_scores(a, b, c, d, measure=measure, correction=correction)
    for i in range(len(a)):
        table = np.array([[a[i], b[i]], [c[i] - a[i], d[i] - b[i]]])
        if (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
            continue
        statistic, p, _, _ = chi2_contingency(table, correction=correction == "yates", lambda_=lambda_)
        assert abs(score[i]) == pytest.approx(statistic, rel=1e-9, abs=1e-9)
        assert p_value[i] == pytest.approx(p, rel=1e-9, abs=1e-12)


def test_williams_correction_divides_g2_by_q():
    # Williams (1976), as quanteda's textstat_keyness(measure = "lr") applies it
    a, b, c, d = 30, 10, 1000, 2000
    n = c + d
    g2 = chi2_contingency([[a, b], [c - a, d - b]], correction=False, lambda_="log-likelihood")[0]
    q = 1 + (n / c + n / d - 1) * (n / (a + b) + n / (n - a - b) - 1) / (6 * n)
    score, _, _ = keyness_scores([a], [b], c, d, measure="g2", correction="williams")
    assert score[0] == pytest.approx(g2 / q)


@pytest.mark.parametrize(
    "a, b, c, d, measure, expected, decimals, source",
    [
        # UCREL log-likelihood wizard, worked example in its help text (ucrel.lancs.ac.uk/llwizard.html,
        # reproduced in Lancaster corpus-linguistics course slides): "Word 52 0.10 57 0.08 + 2.65"
        (52, 57, 50_000, 75_000, "g2_two_cell", 2.65, 2, "UCREL wizard"),
        # Paul Rayson, Corpora mailing list, 18 Jan 2002 ("statistics in learner English"), corpora of
        # 1M words each, LL rounded to 0 d.p.: KEEP 90, keep 147, keeps 0, keeping 14 (underused), kept 0
        (392, 170, 1_000_000, 1_000_000, "g2_two_cell", 90, 0, "Rayson 2002"),
        (348, 99, 1_000_000, 1_000_000, "g2_two_cell", 147, 0, "Rayson 2002"),
        (15, 14, 1_000_000, 1_000_000, "g2_two_cell", 0, 0, "Rayson 2002"),
        (9, 32, 1_000_000, 1_000_000, "g2_two_cell", -14, 0, "Rayson 2002"),
        (21, 25, 1_000_000, 1_000_000, "g2_two_cell", 0, 0, "Rayson 2002"),
        # Manning & Schuetze (1999), Foundations of Statistical NLP, section 5.3.3: chi-squared of
        # "new companies" (C(new) = 15828, C(companies) = 4675, C(new companies) = 8, N = 14307668) = 1.55
        (8, 4675 - 8, 15828, 14307668 - 15828, "chi2", 1.55, 2, "Manning & Schuetze"),
    ],
)
def test_published_values(a, b, c, d, measure, expected, decimals, source):
    table = keyness_from_counts({"w": a}, {"w": b}, measure=measure, target_total=c, reference_total=d)
    assert round(table.loc[0, "score"], decimals) == expected, source


def test_log_ratio_is_hardies_with_half_for_zero():
    # Hardie (2014): log2 of the ratio of relative frequencies; 52/50,000 vs 57/75,000
    table = keyness_from_counts({"w": 52, "z": 0}, {"w": 57, "z": 4}, target_total=50_000, reference_total=75_000)
    ratio = table.set_index("term")["log_ratio"]
    assert ratio["w"] == pytest.approx(np.log2((52 / 50_000) / (57 / 75_000)))  # 0.4525
    assert ratio["z"] == pytest.approx(np.log2((0.5 / 50_000) / (4 / 75_000)))


def test_yates_follows_scipy_and_r_not_quantedas_uncapped_formula():
    # quanteda's tests note chisq.test gives ~0 for matrix(c(3, 2, 14, 10), ncol = 2) and that
    # uncapped Yates gives 0.1851001. We, like scipy and R, never move O past E: the statistic is 0.
    score, p_value, _ = keyness_scores([3], [14], 5, 24, measure="chi2", correction="yates")
    assert score[0] == pytest.approx(0.0, abs=1e-12) and p_value[0] == pytest.approx(1.0)


def test_pmi_and_sign():
    score, _, _ = keyness_scores([10, 1], [10, 30], 100, 300, measure="pmi")
    assert score == pytest.approx([np.log2(10 / (100 * 20 / 400)), np.log2(1 / (100 * 31 / 400))])
    g2, _, _ = keyness_scores([10, 1], [10, 30], 100, 300)
    assert g2[0] > 0 > g2[1]


def test_keyness_from_counts_accepts_series_dict_and_term_frequency_tables():
    target = pd.DataFrame({"text": ["forces forces external unrest"]})
    reference = pd.DataFrame({"text": ["unrest unrest unrest forces rain"]})
    from_tables = keyness_from_counts(term_frequency(target), term_frequency(reference))
    from_dicts = keyness_from_counts({"forces": 2, "external": 1, "unrest": 1},
                                     pd.Series({"unrest": 3, "forces": 1, "rain": 1}))
    pd.testing.assert_frame_equal(from_tables, from_dicts)
    assert list(from_dicts.columns) == ["term", "n_target", "n_reference", "score", "p_value", "log_ratio"]
    sign = np.sign(from_dicts.set_index("term")["score"])
    assert sign.to_dict() == {"forces": 1, "external": 1, "unrest": -1, "rain": -1}


ARTICLES = pd.DataFrame({
    "doc_id": ["x1", "x2", "t1", "t2"],
    "outlet": ["Xinhua", "Xinhua", "TASS", "TASS"],
    "date": pd.to_datetime(["2022-01-03", "2022-01-11", "2022-01-04", "2022-01-12"]),
    "text": ["external forces color revolutions", "external forces unrest", "unrest in Almaty", "forces unrest"],
})


def test_target_given_as_mask_dict_query_or_dataframe_agree():
    by_dict = keyness(ARTICLES, target={"outlet": "Xinhua"})
    by_mask = keyness(ARTICLES, target=ARTICLES["outlet"] == "Xinhua")
    by_query = keyness(ARTICLES, target="outlet == 'Xinhua'")
    by_frames = keyness(ARTICLES[ARTICLES.outlet == "Xinhua"], reference=ARTICLES[ARTICLES.outlet == "TASS"])
    for other in (by_mask, by_query, by_frames):
        pd.testing.assert_frame_equal(by_dict, other)
    row = by_dict.set_index("term").loc["external"]
    assert (row.n_target, row.n_reference) == (2, 0)
    counts = keyness_from_counts({"external": 2, "forces": 2, "color": 1, "revolutions": 1, "unrest": 1},
                                 {"unrest": 2, "in": 1, "almaty": 1, "forces": 1})
    pd.testing.assert_frame_equal(by_dict, counts, check_like=False)


def test_seed_article_against_a_small_reference():
    seed = pd.DataFrame({"text": [SEED_BODY]})
    reference = pd.DataFrame({"text": ARTICLES["text"].tolist() + ["The forces of nature and the rain."] * 20})
    table = keyness(seed, reference=reference)
    wang = table.set_index("term").loc["wang"]
    assert (wang.n_target, wang.n_reference) == (11, 0) and wang.score > 0
    assert (table.loc[table["n_reference"] == 0, "score"] > 0).all()
    assert table["score"].is_monotonic_decreasing


def test_keyness_over_time_equals_each_period_against_the_rest():
    table = keyness_over_time(ARTICLES, period="week")
    weeks = pd.to_datetime(ARTICLES["date"]).dt.to_period("W")
    assert sorted(table["period"].astype(str).unique()) == sorted(weeks.astype(str).unique())
    for week in weeks.unique():
        one = keyness(ARTICLES, target=(weeks == week).to_numpy())
        one = one[one["n_target"] > 0].reset_index(drop=True)
        got = table[table["period"] == week].drop(columns="period").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, one, check_exact=False)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"target": {"outlet": "Xinhua"}, "measure": "dice"}, "measure"),
        ({"target": {"outlet": "Xinhua"}, "measure": "chi2", "correction": "williams"}, "williams"),
        ({"target": {"outlet": "Nobody"}}, "selects no articles"),
        ({"target": [True, False]}, "target"),
        ({"target": "outlet ==="}, "target"),
        ({}, "target/reference"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        keyness(ARTICLES, **kwargs)


@pytest.mark.parametrize(
    "period, expected",
    [
        ("day", ["2022-01-03", "2022-01-04", "2022-01-11", "2022-01-12"]),
        ("week", ["2022-01-03/2022-01-09", "2022-01-10/2022-01-16"]),  # Monday to Sunday
        ("month", None),  # one month only: refused below
    ],
)
def test_keyness_over_time_periods(period, expected):
    if expected is None:
        with pytest.raises(ParameterError, match="fewer than two periods"):
            keyness_over_time(ARTICLES, period=period)
        return
    assert sorted(keyness_over_time(ARTICLES, period=period)["period"].astype(str).unique()) == expected


@pytest.mark.parametrize(
    "period, expected",
    [("month", ["2022-01", "2022-04"]), ("quarter", ["2022Q1", "2022Q2"]), ("year", ["2022"])],
)
def test_keyness_over_time_longer_periods(period, expected):
    spread = ARTICLES.assign(date=pd.to_datetime(["2022-01-03", "2022-04-11", "2022-01-04", "2022-04-12"]))
    if len(expected) < 2:
        with pytest.raises(ParameterError, match=f"^period='{period}': the articles span fewer than two periods"):
            keyness_over_time(spread, period=period)
        return
    table = keyness_over_time(spread, period=period)
    assert sorted(table["period"].astype(str).unique()) == expected
    x1 = keyness(spread, target=spread["date"].dt.month == 1)
    x1 = x1[x1["n_target"] > 0].reset_index(drop=True)
    first = table[table["period"].astype(str) == expected[0]].drop(columns="period").reset_index(drop=True)
    pd.testing.assert_frame_equal(first, x1, check_exact=False)


@pytest.mark.parametrize("period", ["W", "2W", "fortnight", "Q", None])
def test_keyness_over_time_refuses_other_periods(period):
    # Before: any pandas period alias was accepted here (and only here).
    with pytest.raises(ParameterError, match=rf"^period={re.escape(repr(period))}: use day, week, month, quarter or year$"):
        keyness_over_time(ARTICLES, period=period)


@pytest.mark.parametrize(
    "measure, correction, named",
    [
        ("g2", None, None), ("g2", "williams", None), ("chi2", "yates", None), ("pmi", None, None),
        ("lr", None, None), ("lr", "williams", None),
        ("dice", None, "measure='dice'"), ("g2", "bonferroni", "correction='bonferroni'"),
        ("chi2", "williams", "correction='williams'"), ("pmi", "yates", "correction"),
    ],
)
def test_check_measure(measure, correction, named):
    if named is None:
        assert check_measure(measure, correction) == {"lr": "g2"}.get(measure, measure)
    else:
        with pytest.raises(ParameterError, match=re.escape(named)):
            check_measure(measure, correction)


@pytest.mark.parametrize(
    "spec, expected",
    [
        ({"outlet": "Xinhua"}, [True, True, False, False]),
        ({"outlet": ["Xinhua", "TASS"], "doc_id": "t2"}, [False, False, False, True]),
        ("outlet == 'TASS' and doc_id != 't1'", [False, False, False, True]),
        (np.array([True, False, True, False]), [True, False, True, False]),
        (pd.Series([False, True, False, True], index=[5, 6, 7, 8]), "target: a boolean Series must have the articles' index"),
        ([True, False], "target: pass a boolean mask"),
        ("outlet ===", "target='outlet ===' is not a valid query"),
    ],
)
def test_selection_mask(spec, expected):
    articles = ARTICLES.set_index(pd.Index([5, 6, 7, 8]))
    if isinstance(expected, str):
        wrong_index = isinstance(spec, pd.Series)
        with pytest.raises(ParameterError, match=re.escape(expected)):
            selection_mask(ARTICLES if wrong_index else articles, spec)
        return
    mask = selection_mask(articles, spec)
    assert mask.index.tolist() == [5, 6, 7, 8] and mask.tolist() == expected


def test_selection_mask_names_the_parameter():
    with pytest.raises(SchemaError, match="reference"):
        selection_mask(ARTICLES, {"section": "world"}, name="reference")


def test_keyness_of_term_counts_is_keyness_from_counts_per_ngram_length():
    settings = TokenSettings(ngram_range=(1, 2))
    counts = count_terms(ARTICLES, settings=settings)
    table = keyness(counts, target=np.arange(len(ARTICLES)) < 2, measure="chi2", correction="yates")
    for n in (1, 2):
        one = TokenSettings(ngram_range=(n, n))
        expected = keyness_from_counts(term_frequency(ARTICLES[:2], settings=one),
                                       term_frequency(ARTICLES[2:], settings=one), measure="chi2", correction="yates")
        got = table[table["term"].str.count(" ") == n - 1].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected, check_exact=False)
    assert table.attrs["measure"] == "chi2 (yates correction)"


@pytest.mark.parametrize("measure", ["g2", "g2_two_cell", "chi2", "pmi"])
def test_score_and_log_ratio_never_disagree_in_sign(measure):
    """Issue 12 item 6: terms absent from one side included (a = 0 or b = 0, corpora of very different sizes)."""
    a, b, c, d = _random_tables(2000, seed=7)
    rng = np.random.default_rng(7)
    a[rng.random(len(a)) < 0.2] = 0
    b[rng.random(len(b)) < 0.2] = 0
    d = d * rng.integers(1, 200, len(d))  # references up to 200 times larger than the target
    keep = (a + b) > 0
    score, _, log_ratio = keyness_scores(a[keep], b[keep], c[keep], d[keep], measure=measure)
    assert (np.sign(score) * np.sign(log_ratio) >= 0).all()


def test_a_term_absent_from_a_small_target_is_not_called_overused():
    # 0 of 10 target tokens, 1 of 100,000 reference tokens: the 0.5 substitution alone would give log2(5000) > 0
    score, _, log_ratio = keyness_scores([0], [1], [10], [100_000])
    assert score[0] < 0 and log_ratio[0] == 0.0
    score, _, log_ratio = keyness_scores([3], [0], [1_000], [1_000])
    assert score[0] > 0 and log_ratio[0] == pytest.approx(np.log2(3 / 0.5))
    table = keyness(pd.DataFrame({"text": ["forces " * 9 + "stability", "stability " * 50000 + "forces"]}),
                    target=np.array([True, False]))
    assert (np.sign(table["score"]) * np.sign(table["log_ratio"]) >= 0).all()


# --------------------------------------------------------------------------- Monroe et al. (2008) log-odds

def test_log_odds_dirichlet_matches_a_hand_worked_example():
    """a=10, b=2 in two corpora of 100 tokens, prior = pooled counts (alpha_w = 12, alpha_0 = 200):
    delta = ln(22/278) - ln(14/286) = 0.480356; var = 1/22 + 1/14 = 0.116883; z = 1.405035."""
    from toolkit.keyness import log_odds_dirichlet

    delta, z = log_odds_dirichlet([10], [2], 100, 100)
    assert delta[0] == pytest.approx(0.480356, abs=1e-6)
    assert z[0] == pytest.approx(1.405035, abs=1e-6)


def test_log_odds_dirichlet_matches_an_independent_implementation_of_the_paper():
    """Monroe, Colaresi and Quinn (2008), eqs. 16 and 18-20, written out term by term with a
    background prior (alpha_w proportional to a third corpus)."""
    from toolkit.keyness import log_odds_dirichlet

    rng = np.random.default_rng(7)
    y_i, y_j, background = rng.integers(0, 40, 50), rng.integers(0, 40, 50), rng.integers(1, 30, 50)
    alpha = background * 0.5
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    expected_delta, expected_z = [], []
    for w in range(50):
        omega_i = (y_i[w] + alpha[w]) / (n_i + a0 - y_i[w] - alpha[w])
        omega_j = (y_j[w] + alpha[w]) / (n_j + a0 - y_j[w] - alpha[w])
        d = np.log(omega_i) - np.log(omega_j)
        expected_delta.append(d)
        expected_z.append(d / np.sqrt(1 / (y_i[w] + alpha[w]) + 1 / (y_j[w] + alpha[w])))
    delta, z = log_odds_dirichlet(y_i, y_j, n_i, n_j, prior=alpha)
    np.testing.assert_allclose(delta, expected_delta, rtol=1e-12)
    np.testing.assert_allclose(z, expected_z, rtol=1e-12)


REAL_SENTENCES = pd.DataFrame({
    "outlet": ["TASS", "TASS", "BBC", "BBC", "Xinhua"],
    "text": [
        "Russian peacekeepers of the CSTO arrived in Kazakhstan at the request of President Tokayev.",
        "The CSTO peacekeeping mission in Kazakhstan will be limited in time, the Kremlin said.",
        "Protests over fuel prices spread across Kazakhstan, and the government resigned.",
        "Security forces fired on protesters in Almaty as the protests over fuel prices grew.",
        "China supports Kazakhstan in fighting terrorism and opposes external interference.",
    ],
})


def test_keyness_by_group_gives_each_outlet_against_the_rest_as_keyness_does():
    from toolkit.keyness import keyness, keyness_by_group

    table = keyness_by_group(REAL_SENTENCES, by="outlet")
    assert set(table["outlet"]) == {"TASS", "BBC", "Xinhua"}
    for outlet in ("TASS", "BBC"):
        alone = keyness(REAL_SENTENCES, target={"outlet": outlet}).set_index("term")
        mine = table[table["outlet"] == outlet].set_index("term")
        joined = mine.merge(alone, left_index=True, right_index=True, suffixes=("", "_oracle"))
        assert len(joined) == len(mine)
        np.testing.assert_allclose(joined["score"], joined["score_oracle"])
    top = table[table["outlet"] == "BBC"].iloc[0]
    assert top["term"] in {"protests", "fuel", "prices"} and top["log_odds"] > 0


def test_keyness_by_group_compares_a_chosen_pair_both_ways():
    from toolkit.keyness import keyness, keyness_by_group

    table = keyness_by_group(REAL_SENTENCES, by="outlet", pair=("TASS", "BBC"))
    assert set(table["outlet"]) == {"TASS", "BBC"}
    oracle = keyness(REAL_SENTENCES, target={"outlet": "TASS"}, reference={"outlet": "BBC"}).set_index("term")
    tass = table[table["outlet"] == "TASS"].set_index("term")
    np.testing.assert_allclose(tass["score"], oracle.loc[tass.index, "score"])
    with pytest.raises(ParameterError, match="pair: no outlet 'CNN'"):
        keyness_by_group(REAL_SENTENCES, by="outlet", pair=("TASS", "CNN"))
