"""The client's seed page end to end: load, match, voice, KWIC (issues 2 and 3)."""

import pandas as pd
import pytest

import toolkit

FRAMES = "data/frames/kazakhstan-2022.yaml"
CHROME = ["Comment(s)", "Print", "E-mail", "Adjust font size", "Enditem", "Follow China.org.cn",
          "ChinaNews App", "Bookmark", "Forum", "User Name", "Racist", "Newsletter", "(Xinhua) --"]


@pytest.fixture(scope="module")
def seed():
    return toolkit.load_sample("seed")


@pytest.fixture(scope="module")
def hits(seed):
    return toolkit.match_frames(seed, FRAMES, voice=True)


def test_seed_loads_as_one_clean_article(seed):
    assert len(seed) == 1
    article = seed.iloc[0]
    assert article["title"] == "Roundup: Chinese, Russian FMs hold phone call on bilateral ties, situation in Kazakhstan"
    assert (article["outlet"], article["date"], article["dateline"]) == ("Xinhua", pd.Timestamp("2022-01-11"), "BEIJING")
    assert article["text"].startswith("Chinese State Councilor and Foreign Minister Wang Yi")
    assert article["text"].endswith("regional security.")
    assert [marker for marker in CHROME if marker in article["text"]] == []


@pytest.mark.parametrize(
    "pattern, n",
    [("color revolution", 2), ("external forces", 3), ("three forces", 1),
     ("terrorism, separatism and extremism", 1), ("internal affairs", 1)],
)
def test_seed_counts(hits, pattern, n):
    assert (hits["pattern"] == pattern).sum() == n


def test_seed_voice(hits):
    external = hits[hits["pattern"] == "external forces"]
    assert external["speaker"].tolist() == ["Lavrov", "Wang", "Wang"]
    colour = hits[hits["pattern"] == "color revolution"]
    assert colour["matched_text"].tolist() == ["color revolutions"] * 2
    assert colour["speaker"].tolist() == ["Wang", "Wang"]
    assert colour["in_quotes"].tolist() == [True, True]


def test_seed_kwic_keeps_metadata(seed):
    kwic = toolkit.keyword_in_context(seed, "external forces", window=5)
    assert len(kwic) == 3
    assert set(kwic["outlet"]) == {"Xinhua"} and set(kwic["date"]) == {pd.Timestamp("2022-01-11")}
    assert kwic["pre"].iloc[0] == "are riots meticulously plotted by"


def test_seed_keyness_against_reference_ranks_frame_words(seed):
    """Issue 4: G2, no stop-word removal, the seed against the Wikinews reference."""
    reference = toolkit.load_sample("reference")
    key = toolkit.keyness(seed, target=seed["doc_id"] == seed["doc_id"], reference=reference, measure="g2")
    top = key["term"].head(20).tolist()
    assert {"forces", "external", "revolutions"} <= set(top), top


def test_collocations_around_a_frame_use_its_hits(seed):
    result = toolkit.collocations(seed, frames=FRAMES, frame="external_forces", window=3)
    assert result.attrs["n_node"] == 3
    assert "oppose" in set(result["collocate"])
