"""benchmarks/eval_voice.py: calibrated abstention judged leave-one-split-out (round six).

Synthetic tables of scored hits (no text needed); the expected figures are worked out by hand
from the definitions in the docstrings, not by the functions under test.
"""

import pandas as pd
import pytest

from benchmarks.eval_voice import (
    PRIOR_HITS,
    abstaining_paths,
    choose_threshold,
    path_precision,
    with_abstention,
)


def scored(split, path, right, wrong, uncertain=0):
    """Rows of *split* decided by *path*: *right* hits right, *wrong* wrong, *uncertain* left undecided."""
    n = right + wrong + uncertain
    ok = [True] * right + [False] * wrong + [False] * uncertain
    return pd.DataFrame({
        "split": split, "path": path, "gold_voice": "quoted",
        "raw_voice": ["quoted"] * (right + wrong) + ["uncertain"] * uncertain,
        "raw_uncertain": [False] * (right + wrong) + [True] * uncertain,
        "raw_speaker_ok": ok, "raw_both_ok": ok, "hit_id": range(n),
    })


def test_path_precision_shrinks_towards_its_place():
    rows = pd.concat([scored("s", "a:x", 2, 4), scored("s", "a:y", 6, 0), scored("s", "b", 10, 0, uncertain=3)])
    m = PRIOR_HITS
    overall = 18 / 22  # uncertain hits are not decided
    place_a = (8 + m * overall) / (12 + m)
    place_b = (10 + m * overall) / (10 + m)
    got = path_precision(rows)
    assert got["a:x"] == pytest.approx((2 + m * place_a) / (6 + m))
    assert got["a:y"] == pytest.approx((6 + m * place_a) / (6 + m))
    assert got["b"] == pytest.approx((10 + m * place_b) / (10 + m))
    assert abstaining_paths(rows, 0.6) == {"a:x"}
    assert abstaining_paths(rows, 0.0) == set()


def test_with_abstention_counts_abstained_hits_as_uncertain():
    rows = pd.concat([scored("s", "bad", 1, 3), scored("s", "good", 5, 1)])
    out = with_abstention(rows, {"bad"})
    assert out["uncertain"].sum() == 4
    decided = out[~out["uncertain"]]
    assert len(decided) == 6 and decided["both_ok"].sum() == 5 and decided["voice_ok"].sum() == 6


def test_choose_threshold_abstains_on_a_path_wrong_in_every_split():
    # three splits: a small path always wrong (2 of 22 hits each), a large one always right
    rows = pd.concat([pd.concat([scored(s, "bad", 0, 2), scored(s, "good", 19, 1)]) for s in ("x", "y", "z")])
    threshold = choose_threshold(rows)
    assert threshold > 0
    assert abstaining_paths(rows, threshold) == {"bad"}


def test_choose_threshold_keeps_coverage():
    # the bad path is a third of the hits: abstaining on it would leave too many uncertain
    rows = pd.concat([pd.concat([scored(s, "bad", 2, 8), scored(s, "good", 19, 1)]) for s in ("x", "y", "z")])
    assert choose_threshold(rows) == 0.0
