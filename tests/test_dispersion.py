"""plot_dispersion: the x-ray plot's points are hand-checked positions; it draws on a given Axes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import ParameterError, plot_dispersion  # noqa: E402
from toolkit.dispersion import dispersion_table  # noqa: E402

ARTICLES = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x" * 100, "y" * 200, "z" * 50],
                         "outlet": ["Xinhua", "TASS", "Xinhua"], "title": ["A", "B", "C"]})
HITS = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "gone"], "frame": ["f1", "f2", "f1", "f2", "f1"],
                     "start": [0, 50, 150, 49, 3]})


def test_positions_are_start_over_length_and_rows_follow_by():
    points = dispersion_table(ARTICLES, HITS, by="outlet")
    assert points["position"].tolist() == [0.0, 0.5, 0.75, 0.98]  # 0/100, 50/100, 150/200, 49/50
    assert points["row"].tolist() == ["Xinhua", "Xinhua", "TASS", "Xinhua"]  # the hit of "gone" is left out
    assert dispersion_table(ARTICLES, HITS, by=None)["row"].tolist() == ["a", "a", "b", "c"]


def test_draws_one_tick_per_hit_per_frame_on_the_given_axes():
    fig, ax = plt.subplots()
    out = plot_dispersion(ARTICLES, HITS, by="outlet", ax=ax)
    assert out is ax
    sizes = {c.get_label(): len(c.get_offsets()) for c in ax.collections}
    assert sizes == {"f1": 2, "f2": 2}
    assert [t.get_text() for t in ax.get_yticklabels()] == ["TASS", "Xinhua"]
    f1 = next(c for c in ax.collections if c.get_label() == "f1").get_offsets()
    assert np.allclose(sorted(f1[:, 0]), [0.0, 0.75])
    assert "position in the article" in ax.get_xlabel()
    plt.close(fig)


def test_by_none_labels_rows_with_titles():
    ax = plot_dispersion(ARTICLES, HITS, by=None)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    plt.close(ax.figure)


def test_bad_by_fails_naming_it():
    with pytest.raises(ParameterError, match="by='country'"):
        plot_dispersion(ARTICLES, HITS, by="country")


def test_a_text_length_column_stands_for_the_text():
    """A corpus out of memory gives n_chars instead of text: the same points."""
    sized = ARTICLES.assign(n_chars=ARTICLES["text"].str.len()).drop(columns="text")
    pd.testing.assert_frame_equal(dispersion_table(sized, HITS, by="outlet"), dispersion_table(ARTICLES, HITS, by="outlet"))
