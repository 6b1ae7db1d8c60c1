import random

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from toolkit.collocations import association_scores, collocations, multiword_collocations
from toolkit.errors import ParameterError
from toolkit.frequency import term_frequency
from toolkit.tokens import tokenize

N_MS = 14_307_668  # tokens of the New York Times corpus in Manning & Schuetze (1999), chapter 5


@pytest.mark.parametrize(
    "observed, row, column, measure, expected, tolerance, source",
    [
        # Manning & Schuetze (1999), Foundations of Statistical NLP: section 5.3.1, "new companies"
        (8, 15828, 4675, "t_score", 0.999932, 1e-6, "M&S 5.3.1"),
        # section 5.3.3, chi-squared of "new companies"
        (8, 15828, 4675, "chi2", 1.55, 0.005, "M&S 5.3.3"),
        # table 5.16, I(Ayatollah, Ruhollah) = 18.38
        (20, 42, 20, "pmi", 18.38, 0.005, "M&S table 5.16"),
        # table 5.12, -2 log lambda of "most powerful" = 1291.42 (their rounding differs in the 4th digit)
        (150, 12593, 932, "g2", 1291.42, 0.15, "M&S table 5.12"),
    ],
)
def test_association_scores_reproduce_published_values(observed, row, column, measure, expected, tolerance, source):
    assert association_scores([observed], [row], [column], N_MS)[measure][0] == pytest.approx(expected, abs=tolerance), source


def test_association_scores_equal_nltk_bigram_measures():
    rng = np.random.default_rng(0)
    n = 5000
    row, column = rng.integers(1, 400, 200), rng.integers(1, 400, 200)
    observed = np.minimum(rng.integers(1, 50, 200), np.minimum(row, column))
    ours = association_scores(observed, row, column, n)
    for i in range(len(observed)):
        marginals = (int(observed[i]), (int(row[i]), int(column[i])), n)
        assert ours.loc[i, "pmi"] == pytest.approx(BigramAssocMeasures.pmi(*marginals), rel=1e-9)
        assert ours.loc[i, "g2"] == pytest.approx(BigramAssocMeasures.likelihood_ratio(*marginals), rel=1e-9, abs=1e-9)
        assert ours.loc[i, "t_score"] == pytest.approx(BigramAssocMeasures.student_t(*marginals), rel=1e-9)
        assert ours.loc[i, "chi2"] == pytest.approx(BigramAssocMeasures.chi_sq(*marginals), rel=1e-9)


def _articles(seed=0, n=60):
    rng = random.Random(seed)
    words = ["external", "forces", "color", "revolutions", "unrest", "the", "of", "Almaty", "peace"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(n)]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "text": texts})


@pytest.mark.parametrize("measure, nltk_measure, column", [("lr", "likelihood_ratio", "g2"), ("g2", "likelihood_ratio", "g2"),
                                                           ("pmi", "pmi", "pmi"), ("t_score", "student_t", "t_score"),
                                                           ("chi2", "chi_sq", "chi2")])
def test_multiword_bigrams_equal_nltk_finder(measure, nltk_measure, column):
    articles = _articles()
    ours = multiword_collocations(articles, measure=measure, min_count=2)
    finder = BigramCollocationFinder.from_documents([tokenize(t) for t in articles["text"]])
    finder.apply_freq_filter(2)
    expected = dict(finder.score_ngrams(getattr(BigramAssocMeasures, nltk_measure)))
    assert len(ours) == len(expected)
    for row in ours.itertuples():
        assert getattr(row, column) == pytest.approx(expected[tuple(row.collocation.split())], rel=1e-9, abs=1e-9)
        assert row.observed == finder.ngram_fd[tuple(row.collocation.split())]
    assert ours[column].is_monotonic_decreasing


def test_multiword_trigrams_count_like_term_frequency():
    articles = _articles(1)
    ours = multiword_collocations(articles, ngram_range=(3, 3), min_count=2, measure="pmi")
    trigrams = term_frequency(articles, ngram_range=(3, 3), min_count=2).set_index("term")["n_occurrences"]
    assert ours.set_index("collocation")["observed"].sort_index().to_dict() == trigrams.sort_index().to_dict()
    assert ours["pmi"].is_monotonic_decreasing


def test_window_collocates_hand_worked():
    articles = pd.DataFrame({"text": ["a b x c d", "x e"]})
    table = collocations(articles, frames="x", window=1).set_index("collocate")
    # windows hold b, c (article 1) and e (article 2): R = 3; N = 7 tokens; C(b) = 1
    assert table["observed"].to_dict() == {"b": 1, "c": 1, "e": 1}
    assert table.loc["b", "expected"] == pytest.approx(3 * 1 / 7)
    assert table.loc["b", "pmi"] == pytest.approx(np.log2(1 / (3 / 7)))
    assert table.loc["b", "t_score"] == pytest.approx(1 - 3 / 7)


def test_window_does_not_cross_articles_and_phrases_match():
    articles = pd.DataFrame({"text": ["riots by external forces to provoke unrest", "unrest external"]})
    table = collocations(articles, frames=["External forces"], window=2)
    assert set(table["collocate"]) == {"riots", "by", "to", "provoke"}
    assert table.attrs["n_node"] == 1


def test_around_accepts_an_object_with_phrases_and_stemming():
    class Frame:
        phrases = ["revolution"]

    articles = pd.DataFrame({"text": ["color revolutions spread", "a colour revolution"]})
    table = collocations(articles, frames=Frame(), window=1, stem=True)
    assert table.set_index("collocate")["observed"].to_dict() == {"color": 1, "colour": 1, "spread": 1}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda a: collocations(a, frames="x", window=0), "window"),
        (lambda a: collocations(a, frames=[], window=2), "frames"),
        (lambda a: collocations(a, frames="x", measure="dice"), "measure"),
        (lambda a: multiword_collocations(a, ngram_range=(4, 4)), "ngram_range"),
        (lambda a: multiword_collocations(a, measure="dice"), "measure"),
    ],
)
def test_bad_arguments_name_the_parameter(call, message):
    with pytest.raises(ParameterError, match=message):
        call(pd.DataFrame({"text": ["x y"]}))


def test_node_tokens_are_not_their_own_collocates():
    articles = pd.DataFrame({"text": ["x x a b x"]})
    table = collocations(articles, frames="x", window=1)
    # windows: (x)x -> none, x(a) -> a, (b)x -> b; overlapping node tokens excluded
    assert table.set_index("collocate")["observed"].to_dict() == {"a": 1, "b": 1}


def _so_called_dictionary():
    from toolkit.frames import frame_dictionary

    return frame_dictionary({"name": "t", "version": "1", "frames": {
        "distancing": {"label": "D", "patterns": ["so-called"]},
        "forces": {"label": "F", "patterns": ["three forces"], "exclude": ["three forces of nature"]},
    }})


@pytest.mark.parametrize("stop_words", [None, "english"])
def test_frame_nodes_are_exactly_its_hits(stop_words):
    """Issue 12.7: with "so" removed as a stop word, a plain "called" is not a node of "so-called"."""
    from toolkit.match import count_frames

    articles = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "The so-called experts were called to testify, and the committee called them liars.",
        "Beijing blamed the three forces, not the three forces of nature, for the so-called unrest.",
    ]})
    dictionary = _so_called_dictionary()
    counts = count_frames(articles, dictionary)
    for frame in ("distancing", "forces"):
        table = collocations(articles, frames=dictionary, frame=frame, window=2, stop_words=stop_words)
        assert table.attrs["n_node"] == counts[frame].sum()
    table = collocations(articles, frames=dictionary, frame="distancing", window=1, stop_words=stop_words)
    assert table.set_index("collocate")["observed"].to_dict() == (
        {"experts": 1, "unrest": 1} if stop_words else {"the": 2, "experts": 1, "unrest": 1})
    everything = collocations(articles, frames=dictionary, window=2, stop_words=stop_words)
    assert everything.attrs["n_node"] == counts.to_numpy().sum()
