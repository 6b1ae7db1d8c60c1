"""Tests of toolkit.validation: sampling, coding sheets, precision, agreement, exclusions.

The worked example is data/validation/example-coding.csv (20 lines, 2 coders,
3 frames), the demonstration sheet the validation notebook uses. Hand count:

line      1 2 3 4 5 6 7 | 8 9 10 11 12 13 14 15 | 16 17 18 19 20
frame     color_revolution | foreign_interference  | terrorism
coder_1   M M N N N N N | M M M  M  M  N  N  M  | M  M  Q  M  Q
coder_2   M M N N N M N | M M M  M  Q  N  N  M  | M  M  Q  M  M
(M meant, N not_meant, Q quoted_rejected; disagreements on lines 6, 12, 20)

Percent agreement 17/20. Cohen's kappa: coder_1 has M 11, N 7, Q 2 and coder_2
M 12, N 6, Q 2, so p_e = (11*12 + 7*6 + 2*2) / 400 = 178/400 and
kappa = (0.85 - 0.445) / 0.555 = 27/37. Krippendorff's alpha: the coincidence
matrix has o_MM 20, o_NN 12, o_QQ 2, o_MN = o_NM 1, o_MQ = o_QM 2; n_M 23,
n_N 13, n_Q 4, n 40; alpha = 1 - (n - 1) * 6 / (40^2 - 23^2 - 13^2 - 4^2)
= 1 - 234/886 = 326/443.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from nltk.metrics.agreement import AnnotationTask
from scipy.stats import binomtest
from sklearn.metrics import cohen_kappa_score

from toolkit.errors import LoadError, ParameterError, SchemaError
from toolkit.schema import KWIC_COLUMNS
from toolkit.validation import (
    LABELS,
    add_exclusions,
    agreement,
    dictionary_precision,
    exclusions_from_coding,
    read_coding_sheet,
    validation_sample,
    write_coding_sheet,
)

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "data" / "validation" / "example-coding.csv"
FRAMES = Path(__file__).parent / "data" / "validation" / "frames.yaml"


@pytest.fixture(scope="module")
def example() -> pd.DataFrame:
    return read_coding_sheet(EXAMPLE)


@pytest.fixture
def hits() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    rows = []
    for frame, n_hits in (("color_revolution", 30), ("terrorism", 5)):
        for outlet in ("Xinhua", "TASS"):
            for i in range(n_hits):
                rows.append((f"{outlet}-{i % 7}", outlet, pd.Timestamp("2022-01-10"), "t", "before", "word", "after",
                             frame, "p", int(rng.integers(0, 1000)), 0))
    table = pd.DataFrame(rows, columns=list(KWIC_COLUMNS))
    table["end"] = table["start"] + 4
    return table


# ------------------------------------------------------------------ precision


@pytest.mark.parametrize(
    "coder, quoted_rejected, frame, n_coded, n_meant, n_unresolved, precision",
    [
        # agreed labels: disagreements (lines 6, 12, 20) are unresolved
        (None, "not_meant", "color_revolution", 6, 2, 1, 2 / 6),
        (None, "not_meant", "foreign_interference", 7, 5, 1, 5 / 7),
        (None, "not_meant", "terrorism", 4, 3, 1, 3 / 4),
        (None, "meant", "terrorism", 4, 3, 1, 4 / 4),  # line 18 (Q) counts as found
        (None, "exclude", "terrorism", 3, 3, 1, 3 / 3),
        ("coder_1", "not_meant", "color_revolution", 7, 2, 0, 2 / 7),
        ("coder_1", "not_meant", "foreign_interference", 8, 6, 0, 6 / 8),
        ("label_coder_1", "not_meant", "terrorism", 5, 3, 0, 3 / 5),
        ("coder_2", "not_meant", "terrorism", 5, 4, 0, 4 / 5),
    ],
)
def test_precision_per_frame_by_hand(example, coder, quoted_rejected, frame, n_coded, n_meant, n_unresolved, precision):
    table = dictionary_precision(example, coder=coder, quoted_rejected=quoted_rejected).set_index("frame")
    row = table.loc[frame]
    assert (row["n_coded"], row["n_meant"], row["n_unresolved"]) == (n_coded, n_meant, n_unresolved)
    assert row["precision"] == pytest.approx(precision)
    successes = round(precision * n_coded)
    ci = binomtest(successes, n_coded).proportion_ci(method="wilson")
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high))


@pytest.mark.parametrize(
    "frame, pattern, n_coded, precision",
    [
        ("color_revolution", "color revolution", 2, 1.0),
        ("color_revolution", "revolution*", 4, 0.0),
        ("foreign_interference", "external forces", 3, 1.0),
        ("foreign_interference", "foreign forces", 1, 1.0),
        ("foreign_interference", "interfer*", 3, 1 / 3),
        ("terrorism", "terrorism", 3, 2 / 3),
        ("terrorism", "terrorist*", 1, 1.0),
    ],
)
def test_precision_per_pattern_by_hand(example, frame, pattern, n_coded, precision):
    table = dictionary_precision(example, by=("frame", "pattern")).set_index(["frame", "pattern"])
    assert len(table) == 7
    assert table.loc[(frame, pattern), "n_coded"] == n_coded
    assert table.loc[(frame, pattern), "precision"] == pytest.approx(precision)


def test_final_label_overrides_and_single_coder_lines_count(example):
    coded = example.copy()
    coded["label_final"] = None
    coded.loc[coded["line_id"] == 20, "label_final"] = "meant"  # adjudicated
    coded.loc[coded["line_id"] == 19, ["label_coder_2"]] = None  # coded by one coder only
    row = dictionary_precision(coded).set_index("frame").loc["terrorism"]
    assert (row["n_coded"], row["n_meant"], row["n_unresolved"]) == (5, 4, 0)


def test_precision_columns_and_bad_arguments(example):
    table = dictionary_precision(example)
    assert list(table.columns) == ["frame", "n_lines", "n_coded", "n_meant", "n_not_meant", "n_quoted_rejected",
                                   "n_unresolved", "precision", "ci_low", "ci_high"]
    assert table["n_lines"].tolist() == [7, 8, 5]
    with pytest.raises(ParameterError, match="quoted_rejected"):
        dictionary_precision(example, quoted_rejected="ignore")
    with pytest.raises(ParameterError, match="coders"):
        dictionary_precision(example, coder="coder_9")
    with pytest.raises(SchemaError, match="outlet_group"):
        dictionary_precision(example, by="outlet_group")


# ------------------------------------------------------------------ agreement


def test_agreement_on_the_worked_example(example):
    table = agreement(example).set_index("measure")
    assert table.loc["percent_agreement", "value"] == pytest.approx(17 / 20)
    assert table.loc["cohen_kappa", "value"] == pytest.approx(27 / 37)
    assert table.loc["krippendorff_alpha", "value"] == pytest.approx(326 / 443)
    assert table["n_units"].tolist() == [20, 20, 20]
    assert table.loc["cohen_kappa", "coders"] == "coder_1, coder_2"


def test_kappa_matches_scikit_learn(example):
    expected = cohen_kappa_score(example["label_coder_1"].tolist(), example["label_coder_2"].tolist())
    assert agreement(example).set_index("measure").loc["cohen_kappa", "value"] == pytest.approx(expected)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kappa_matches_scikit_learn_on_random_labels(seed):
    rng = np.random.default_rng(seed)
    coded = pd.DataFrame({"label_a": rng.choice(LABELS, 40), "label_b": rng.choice(LABELS, 40, p=[0.6, 0.3, 0.1])})
    expected = cohen_kappa_score(coded["label_a"], coded["label_b"])
    assert agreement(coded).set_index("measure").loc["cohen_kappa", "value"] == pytest.approx(expected)


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# nominal data, 4 observers, 12 units, missing values; alpha = 0.743.
PUBLISHED = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def test_alpha_matches_krippendorff_2011_published_example():
    coded = pd.DataFrame({f"label_{coder}": pd.array(values, dtype="Int64") for coder, values in PUBLISHED.items()})
    row = agreement(coded).set_index("measure").loc["krippendorff_alpha"]
    assert round(row["value"], 3) == 0.743
    assert row["n_units"] == 11  # unit 12 has a single value: not pairable
    assert row["coders"] == "A, B, C, D"


def test_alpha_matches_nltk_with_missing_labels():
    rng = np.random.default_rng(7)
    labels = rng.choice(LABELS, size=(30, 3), p=[0.5, 0.3, 0.2]).astype(object)
    labels[rng.random((30, 3)) < 0.2] = None
    coded = pd.DataFrame(labels, columns=["label_x", "label_y", "label_z"])
    data = [(c, u, v) for u, row in enumerate(labels) if sum(v is not None for v in row) >= 2
            for c, v in zip("xyz", row) if v is not None]
    expected = AnnotationTask(data).alpha()
    assert agreement(coded).set_index("measure").loc["krippendorff_alpha", "value"] == pytest.approx(expected)


def test_alpha_by_hand_two_coders():
    # 10 units: 5 agree M, 2 agree N, 1 agrees Q, (M,N) and (Q,M) disagree.
    # o_MM 10, o_NN 4, o_QQ 2, o_MN = o_NM 1, o_QM = o_MQ 1; n_M 12, n_N 5, n_Q 3, n 20:
    # alpha = 1 - 19 * 4 / (400 - 144 - 25 - 9) = 73/111; kappa = (0.8 - 0.44) / 0.56 = 9/14.
    coded = pd.DataFrame({"label_1": list("MMMMMMNNQQ"), "label_2": list("MMMMMNNNQM")})
    table = agreement(coded).set_index("measure")["value"]
    assert table["krippendorff_alpha"] == pytest.approx(73 / 111)
    assert table["cohen_kappa"] == pytest.approx(9 / 14)


def test_agreement_per_frame_and_undefined_values(example):
    table = agreement(example, by="frame")
    assert table["frame"].unique().tolist() == ["color_revolution", "foreign_interference", "terrorism"]
    kappa = table.set_index(["frame", "measure"]).loc[("color_revolution", "cohen_kappa"), "value"]
    # line 6 is the only disagreement among 7: p_o 6/7, p_e (2*3 + 5*4)/49
    assert kappa == pytest.approx((6 / 7 - 26 / 49) / (1 - 26 / 49))
    same = pd.DataFrame({"label_a": ["meant"] * 3, "label_b": ["meant"] * 3})
    assert agreement(same)["value"].iloc[1:].isna().all()  # no variation: kappa, alpha undefined
    with pytest.raises(ParameterError, match="two"):
        agreement(example, coders=["coder_1"])


# ------------------------------------------------------------------ sampling and sheets


def test_sample_is_stratified_and_reproducible(hits):
    sample = validation_sample(hits, n=4, random_state=5)
    sizes = sample.groupby(["frame", "outlet"]).size()
    assert sizes.tolist() == [4, 4, 4, 4]
    assert sample["line_id"].tolist() == list(range(1, 17))
    assert set(sample["stratum_size"]) == {30, 5}
    again = validation_sample(hits.sample(frac=1, random_state=9), n=4, random_state=5)
    pd.testing.assert_frame_equal(sample, again)
    other = validation_sample(hits, n=4, random_state=6)
    assert not sample[["doc_id", "start"]].equals(other[["doc_id", "start"]])


@pytest.mark.parametrize("per, n, expected", [(("frame",), 10, 20), ("outlet", 100, 70), (None, 7, 7), ((), 7, 7)])
def test_sample_takes_small_strata_whole(hits, per, n, expected):
    assert len(validation_sample(hits, per=per, n=n)) == expected


def test_sample_rejects_bad_arguments(hits):
    with pytest.raises(ParameterError, match="validation_sample: n: expected a whole number"):
        validation_sample(hits, n=0)
    with pytest.raises(SchemaError, match="pre"):
        validation_sample(hits.drop(columns="pre"))


def test_coding_sheet_round_trip(hits, tmp_path):
    sample = validation_sample(hits, n=3)
    paths = write_coding_sheet(sample, tmp_path / "sheets" / "coding.xlsx", coders=("anna", "ben"))
    assert {p.name for p in paths.values()} == {"coding.csv", "coding.xlsx", "coding.instructions.txt"}
    assert "quoted_rejected" in paths["instructions"].read_text()
    for path in (paths["csv"], paths["xlsx"]):
        back = read_coding_sheet(path)
        assert back["label_anna"].isna().all() and back["label_ben"].isna().all()
        assert back["line_id"].tolist() == sample["line_id"].tolist()
        assert back["start"].tolist() == sample["start"].tolist()
        assert back["date"].tolist() == sample["date"].tolist()


def test_excel_sheet_has_a_label_dropdown_and_instructions(hits, tmp_path):
    from openpyxl import load_workbook

    paths = write_coding_sheet(validation_sample(hits, n=2), tmp_path / "coding")
    book = load_workbook(paths["xlsx"])
    assert book.sheetnames == ["coding", "instructions"]
    validations = book["coding"].data_validations.dataValidation
    assert len(validations) == 1 and validations[0].formula1 == '"meant,not_meant,quoted_rejected"'
    header = [cell.value for cell in book["coding"][1]]
    ranges = str(validations[0].sqref).split()
    letters = {r[0] for r in ranges}
    assert {header[ord(letter) - ord("A")] for letter in letters} == {"label_coder_1", "label_coder_2"}


def test_copies_per_coder_are_combined_and_labels_normalised(example, tmp_path):
    first = example.assign(label_coder_2=None)
    second = example.assign(label_coder_1=None)
    second["label_coder_2"] = second["label_coder_2"].str.replace("_", " ").str.upper()  # "NOT MEANT"
    first.to_csv(tmp_path / "a.csv", index=False)
    second.to_csv(tmp_path / "b.csv", index=False)
    combined = read_coding_sheet([tmp_path / "a.csv", tmp_path / "b.csv"])
    pd.testing.assert_frame_equal(combined[["label_coder_1", "label_coder_2"]], example[["label_coder_1", "label_coder_2"]])


def test_bad_labels_and_clashing_copies_name_the_line(example, tmp_path):
    bad = example.copy()
    bad.loc[3, "label_coder_1"] = "maybe"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(LoadError, match=r"bad.csv, line 4: .*'maybe'"):
        read_coding_sheet(tmp_path / "bad.csv")
    clash = example.copy()
    clash.loc[0, "label_coder_1"] = "not_meant"
    example.to_csv(tmp_path / "a.csv", index=False)
    clash.to_csv(tmp_path / "b.csv", index=False)
    with pytest.raises(LoadError, match="line 1"):
        read_coding_sheet([tmp_path / "a.csv", tmp_path / "b.csv"])


# ------------------------------------------------------------------ exclusions


def test_exclusions_from_the_worked_example(example):
    table = exclusions_from_coding(example)
    assert table[["frame", "exclusion", "n_lines", "line_ids"]].values.tolist() == [
        ["color_revolution", "Islamic Revolutionary Guard", 2, "3, 4"],
        ["color_revolution", "digital revolution", 1, "5"],
        ["foreign_interference", "Ballot Interference Prevention Act", 1, "13"],
        ["foreign_interference", "interferometry", 1, "14"],
    ]
    assert set(table["source"]) == {"coder"}


def test_exclusions_per_coder_and_suggestions(example):
    coder_1 = exclusions_from_coding(example, coder="coder_1")
    assert "Cultural Revolution" in set(coder_1["exclusion"])  # line 6: not_meant for coder_1 only
    suggested = exclusions_from_coding(example, suggest=True).query("source == 'suggested'")
    assert suggested["exclusion"].tolist() == ["revolutionaries took control"]  # line 7, stops at "1979,"


def test_add_exclusions_keeps_the_file_and_bumps_the_patch(example, tmp_path):
    out = tmp_path / "frames.yaml"
    exclusions = exclusions_from_coding(example)
    extra = pd.DataFrame({"frame": ["terrorism", "color_revolution"], "exclusion": ["war on terror: a slogan", "Three forces of nature"]})
    report = add_exclusions(FRAMES, pd.concat([exclusions, extra]), out_path=out)
    assert report["status"].tolist() == ["added", "added", "already present", "added", "added", "added"]
    assert report.attrs["version"] == "1.0.10"
    before, after = yaml.safe_load(FRAMES.read_text()), yaml.safe_load(out.read_text())
    assert after["version"] == "1.0.10"
    assert after["frames"]["color_revolution"]["exclude"] == [
        "three forces of nature", "Islamic Revolutionary Guard", "digital revolution"]
    assert after["frames"]["foreign_interference"]["exclude"] == ["Ballot Interference Prevention Act", "interferometry"]
    assert after["frames"]["terrorism"]["exclude"] == ["war on terror: a slogan"]
    for key in ("name", "description", "language"):
        assert after[key] == before[key]
    for frame in before["frames"]:
        assert after["frames"][frame]["patterns"] == before["frames"][frame]["patterns"]
    text = out.read_text()
    for comment in ("# Comments and layout must survive an edit.", "# reviewed 2022-02-01", "# frame id: the `frame` column of hits"):
        assert comment in text
    # apart from the version line and the flow-style "exclude: []", lines are only added
    removed = [line[2:] for line in difflib.ndiff(FRAMES.read_text().splitlines(), text.splitlines()) if line.startswith("- ")]
    assert removed == ['version: "1.0.9"               # patch goes to 1.0.10', "    exclude: []"]


# --------------------------------------------------------------------------- honesty: which sheet measures which dictionary

def test_the_demonstration_sheet_does_not_measure_the_kazakhstan_dictionary():
    from toolkit.frames import load_frames
    from toolkit.validation import coding_sheet_fits

    coded = read_coding_sheet(ROOT / "data" / "validation" / "example-coding.csv")
    frames = load_frames(ROOT / "data" / "frames" / "kazakhstan-2022.yaml")
    assert "foreign_interference" in coding_sheet_fits(coded, frames)


def test_a_sheet_fits_by_hash_or_by_frames_and_patterns():
    from toolkit.frames import frame_dictionary
    from toolkit.validation import coding_sheet_fits

    made_for = frame_dictionary({"name": "m", "version": "1", "frames": {
        "color_revolution": {"label": "color_revolution", "patterns": ["color revolution", "revolution*"]},
        "foreign_interference": {"label": "foreign_interference", "patterns": ["external forces", "interfer*", "foreign forces"]},
        "terrorism": {"label": "terrorism", "patterns": ["terrorist*", "terrorism"]}}})
    coded = read_coding_sheet(ROOT / "data" / "validation" / "example-coding.csv")
    assert coding_sheet_fits(coded, made_for) == ""
    other_patterns = frame_dictionary({"name": "o", "version": "1", "frames": {
        "color_revolution": {"label": "color_revolution", "patterns": ["color revolution"]}, "foreign_interference": {"label": "foreign_interference", "patterns": ["interfer*"]},
        "terrorism": {"label": "terrorism", "patterns": ["terrorism"]}}})
    assert "does not have" in coding_sheet_fits(coded, other_patterns)
    stamped = coded.assign(dictionary_sha256=other_patterns.sha256)
    assert coding_sheet_fits(stamped, other_patterns) == ""  # the hash decides when the sheet carries one
    assert "made for another dictionary" in coding_sheet_fits(stamped, made_for)
