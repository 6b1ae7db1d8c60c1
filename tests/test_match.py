"""Matching: hits, counts, KWIC; every engine against a one-pattern-at-a-time reference."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import DictionaryError, ParameterError, SchemaError
from toolkit.frames import _UNSPACED, frame_dictionary, load_frames
from toolkit.match import available_engines, count_frames, keyword_in_context, match_frames
from toolkit.schema import HIT_COLUMNS, KWIC_COLUMNS, VOICE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parent / "data" / "match" / "000_8078aa0c0a570eba.txt"
KAZAKHSTAN = ROOT / "data" / "frames" / "kazakhstan-2022.yaml"
ENGINES = available_engines()


def articles(*texts, object_dtype=False, **columns):
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts), **columns})
    if object_dtype:  # pandas 2 style
        frame["text"] = frame["text"].astype(object)
    return frame


# --------------------------------------------------------------------------- reference

_EDGE = rf"(?:(?<!\w)|(?!\w)|(?<=[{_UNSPACED}])|(?=[{_UNSPACED}]))"


def reference_hits(texts, dictionary, overlap="frame"):
    """One pattern at a time with Python re, then the documented rules, naively."""
    entries = [(f, p, False) for f in dictionary.frames for p in f.patterns]
    entries += [(f, p, True) for f in dictionary.frames for p in f.exclude]
    rows = []
    for doc, text in enumerate(texts):
        found = []
        for rank, (frame, pattern, exclude) in enumerate(entries):
            regex = re.compile(_EDGE + "(?:" + pattern.regex("python") + ")" + _EDGE, 0 if pattern.case else re.I)
            found += [(m.start(), m.end(), rank, frame.id, pattern.pattern, exclude) for m in regex.finditer(text)]
        exclusions = [h for h in found if h[5]]
        hits = [h for h in found if not h[5] and not any(x[3] == h[3] and x[0] <= h[0] and h[1] <= x[1] for x in exclusions)]
        kept = []
        for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0], h[2])):
            rivals = [k for k in kept if overlap == "exclusive" or k[3] == hit[3]]
            if all(hit[1] <= k[0] or hit[0] >= k[1] for k in rivals):
                kept.append(hit)
        rows += [(f"d{doc}", k[3], k[4], text[k[0] : k[1]], k[0], k[1]) for k in sorted(kept, key=lambda k: (k[0], k[2]))]
    return sorted(rows, key=lambda row: (row[0], row[4]))


def as_rows(hits):
    return list(hits[["doc_id", "frame", "pattern", "matched_text", "start", "end"]].itertuples(index=False, name=None))


VARIANTS = frame_dictionary(
    {
        "name": "variants",
        "version": "1",
        "frames": {
            "color_revolution": {"label": "C", "patterns": ["color revolution", {"pattern": "颜色革命", "language": "zh"}]},
            "forces": {"label": "F", "patterns": ["external forces", "three forces"], "exclude": ["three forces of nature"]},
            "anti": {"label": "A", "patterns": ["anti-China", "Xi's policy"]},
            "interference": {"label": "I", "patterns": ["interfere"]},
            "revolution": {"label": "R", "patterns": [{"pattern": "revolution*", "kind": "glob"}]},
            "russian": {"label": "R", "patterns": [{"pattern": "внешн* сил*", "kind": "glob", "language": "ru"}]},
            "csto": {"label": "S", "patterns": [{"pattern": "CSTO", "case": True}, {"pattern": "forc(?:es|e) of order", "kind": "regex"}]},
        },
    },
    source="variants",
)

# (text, expected matched texts in order)
VARIANT_CASES = [
    ("The colour revolution failed.", ["colour revolution"]),
    ("Color-Revolutions everywhere", ["Color-Revolutions"]),
    ("a COLOR  REVOLUTION and a colorrevolution", ["COLOR  REVOLUTION", "colorrevolution"]),
    ("external\nforces and External Forces", ["external\nforces", "External Forces"]),
    ("anti-China, anti China, antiChina, anti\u2013China", ["anti-China", "anti China", "antiChina", "anti\u2013China"]),
    ("Xi\u2019s policies and Xi's policy", ["Xi\u2019s policies", "Xi's policy"]),
    ("interfering, interfered, interferes, interfere", ["interfering", "interfered", "interferes", "interfere"]),
    ("他们反对颜色革命和外部势力", ["颜色革命"]),
    ("“color revolutions” in quotes", ["color revolutions"]),
    ("ВНЕШНИЕ СИЛЫ и внешних сил", ["ВНЕШНИЕ СИЛЫ", "внешних сил"]),
    ("the CSTO and csto", ["CSTO"]),
    ("forces of order", ["forces of order"]),
    ("revolutionary zeal", ["revolutionary"]),
    # near misses
    ("workforces and externalforces", ["externalforces"]),
    ("a colorful revolutionary", ["revolutionary"]),
    ("the three forces of nature; the three forces", ["three forces"]),
    ("anti-Chinese", []),
    ("interferometer", []),
    ("éforces, external forcesé", []),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_variant_counted_and_near_misses_not(engine):
    data = articles(*(text for text, _ in VARIANT_CASES))
    hits = match_frames(data, VARIANTS, engine=engine, voice=False, overlap="exclusive")
    assert hits.attrs["engine"] == engine
    for i, (text, expected) in enumerate(VARIANT_CASES):
        assert hits.loc[hits["doc_id"] == f"d{i}", "matched_text"].tolist() == expected, text


def test_longest_match_wins_and_exclusions_apply():
    data = articles("the three forces of nature", "the three forces of terror")
    hits = match_frames(data, VARIANTS, voice=False)
    assert as_rows(hits) == [("d1", "forces", "three forces", "three forces", 4, 16)]
    hits = match_frames(articles("revolution colour revolution"), VARIANTS, voice=False, overlap="exclusive")
    assert hits[["frame", "matched_text"]].values.tolist() == [["revolution", "revolution"], ["color_revolution", "colour revolution"]]
    hits = match_frames(articles("revolution colour revolution"), VARIANTS, voice=False)  # each frame its own hits
    assert hits[["frame", "matched_text"]].values.tolist() == [
        ["revolution", "revolution"], ["color_revolution", "colour revolution"], ["revolution", "revolution"]]


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed():
    return articles(SEED.read_text(encoding="utf-8"), outlet=["China.org.cn"], date=pd.to_datetime(["2022-01-11"]), title=["Roundup"])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "frame, pattern, n",
    [
        ("color_revolution", "color revolution", 2),
        ("external_forces", "external forces", 3),
        ("three_evil_forces", "three forces", 1),
        ("three_evil_forces", "terrorism, separatism and extremism", 1),
        ("interference_internal_affairs", "internal affairs", 1),
        ("interference_internal_affairs", "interfere", 1),
        ("riots_terrorists", "riot", 2),
        ("csto_mission", "CSTO", 4),
    ],
)
def test_seed_counts(seed, engine, frame, pattern, n):
    counts = count_frames(seed, KAZAKHSTAN, long=True, engine=engine)
    row = counts[(counts["frame"] == frame) & (counts["pattern"] == pattern)]
    assert row["n_mentions"].tolist() == [n]


def test_seed_hits_table(seed):
    hits = match_frames(seed, load_frames(KAZAKHSTAN), voice=True)
    assert list(hits.columns) == list(HIT_COLUMNS) + list(VOICE_COLUMNS)
    assert list(match_frames(seed, KAZAKHSTAN, voice=False).columns) == list(HIT_COLUMNS)
    text = seed["text"].iloc[0]
    for row in hits.itertuples():
        assert text[row.start : row.end] == row.matched_text
        assert text[row.sentence_start :].startswith(row.sentence)
        assert row.sentence_start <= row.start and row.end <= row.sentence_start + len(row.sentence)
    colour = hits[hits["frame"] == "color_revolution"]
    assert colour["matched_text"].tolist() == ["color revolutions", "color revolutions"]
    assert colour["sentence"].iloc[0].startswith("Wang stressed that Xi")
    assert hits["start"].is_monotonic_increasing
    counts = count_frames(seed, KAZAKHSTAN)
    assert counts.loc["d0"].to_dict() == hits["frame"].value_counts().reindex(counts.columns, fill_value=0).to_dict()


# --------------------------------------------------------------------------- engines agree


RANDOM_DICTIONARY = frame_dictionary(
    {
        "name": "random",
        "version": "1",
        "frames": {
            "a": {"label": "A", "patterns": ["color revolution", "external forces", "three forces"], "exclude": ["three forces of nature"]},
            "b": {"label": "B", "patterns": ["revolution", "forces", {"pattern": "*forces", "kind": "glob"}]},
            "c": {"label": "C", "patterns": ["anti-China", {"pattern": "颜色革命", "language": "zh"}, {"pattern": "внешн* сил*", "kind": "glob"}]},
            "d": {"label": "D", "patterns": [{"pattern": "CSTO", "case": True}, {"pattern": "revol(?:utions|ution)", "kind": "regex"}, "interfere"]},
        },
    }
)
VOCABULARY = (
    "color colour Color revolution revolutions REVOLUTION revolutionary colorful external External forces force "
    "workforces three of nature anti China Chinese CSTO csto interfere interfering interfered the and 颜色革命 "
    "外部势力 внешние силы внешних сил цветной революции riots terrorist internal affairs é über".split()
)
SEPARATORS = [" ", " ", " ", "\n", "-", "", "  ", ", ", "\u201c", "\u2019", "é", "中", "\u00a0", "\u3000"]


def random_texts(n, seed):
    rng = np.random.default_rng(seed)
    texts = []
    for _ in range(n):
        words = rng.choice(VOCABULARY, size=rng.integers(0, 30))
        texts.append("".join(str(w) + str(rng.choice(SEPARATORS)) for w in words))
    return texts


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("seed_value", [0, 1, 2])
@pytest.mark.parametrize("dictionary", [RANDOM_DICTIONARY, KAZAKHSTAN], ids=["random", "kazakhstan"])
@pytest.mark.parametrize("overlap", ["frame", "exclusive"])
def test_engines_match_reference_on_random_texts(engine, seed_value, dictionary, overlap):
    texts = random_texts(80, seed_value)
    dictionary = load_frames(dictionary)
    hits = match_frames(articles(*texts), dictionary, engine=engine, voice=False, overlap=overlap)
    assert as_rows(hits) == reference_hits(texts, dictionary, overlap)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("overlap", ["frame", "exclusive"])
def test_engines_match_reference_on_fixtures(engine, seed, overlap):
    texts = [t for t, _ in VARIANT_CASES] + [seed["text"].iloc[0]]
    for dictionary in (VARIANTS, load_frames(KAZAKHSTAN)):
        hits = match_frames(articles(*texts), dictionary, engine=engine, voice=False, overlap=overlap)
        assert as_rows(hits) == reference_hits(texts, dictionary, overlap)


@pytest.mark.parametrize("engine", ENGINES)
def test_no_match_spans_two_articles(engine):
    texts = ["they blamed external", "forces and work", "forces", "", "three forces of", "nature"]
    hits = match_frames(articles(*texts), RANDOM_DICTIONARY, engine=engine, voice=False)
    assert as_rows(hits) == reference_hits(texts, RANDOM_DICTIONARY)
    assert ("d2", "b", "*forces", "forces", 0, 6) in as_rows(hits) or ("d2", "b", "forces", "forces", 0, 6) in as_rows(hits)


# --------------------------------------------------------------------------- offsets, dtypes, input


@pytest.mark.parametrize("engine", ENGINES)
def test_char_offsets_after_non_ascii_text(engine):
    text = "Ünïcödé “quotes” 中文 and 𝐀 then external forces, 颜色革命 – color revolution."
    hits = match_frames(articles(text), VARIANTS, engine=engine, voice=False, overlap="exclusive")
    assert hits["matched_text"].tolist() == ["external forces", "颜色革命", "color revolution"]
    for row in hits.itertuples():
        assert text[row.start : row.end] == row.matched_text
    assert hits["start"].iloc[0] == text.index("external")


@pytest.mark.parametrize("engine", ENGINES)
def test_object_and_str_columns_give_the_same_hits(engine):
    texts = random_texts(40, 7) + [None, float("nan")]
    arrow = match_frames(articles(*texts), RANDOM_DICTIONARY, engine=engine, voice=False)
    plain = match_frames(articles(*texts, object_dtype=True), RANDOM_DICTIONARY, engine=engine, voice=False)
    pd.testing.assert_frame_equal(arrow, plain)


def test_chunked_arrow_column():
    texts = random_texts(30, 3)
    whole = articles(*texts)
    halves = pd.concat([whole.iloc[:15], whole.iloc[15:]], ignore_index=True)
    pd.testing.assert_frame_equal(match_frames(halves, RANDOM_DICTIONARY, voice=False), match_frames(whole, RANDOM_DICTIONARY, voice=False))


def test_input_never_mutated(seed):
    before = seed.copy(deep=True)
    match_frames(seed, KAZAKHSTAN)
    count_frames(seed, KAZAKHSTAN)
    keyword_in_context(seed, "external forces")
    pd.testing.assert_frame_equal(seed, before)


# --------------------------------------------------------------------------- counts


def test_count_frames_wide_includes_zero_rows():
    data = articles("no frames here", "external forces and color revolution and external forces", "")
    counts = count_frames(data, VARIANTS)
    assert counts.index.tolist() == ["d0", "d1", "d2"]
    assert counts.index.name == "doc_id"
    assert list(counts.columns) == VARIANTS.frame_ids
    assert counts.dtypes.unique().tolist() == [np.dtype("int64")]
    assert counts.loc["d0"].sum() == 0 and counts.loc["d2"].sum() == 0
    assert counts.loc["d1", "forces"] == 2 and counts.loc["d1", "color_revolution"] == 1


def test_count_frames_long():
    counts = count_frames(articles("external forces, external forces", "three forces"), VARIANTS, long=True)
    assert counts.values.tolist() == [["d0", "forces", "external forces", 2], ["d1", "forces", "three forces", 1]]


def test_hyperscan_fallback_for_unsupported_regex():
    if "hyperscan" not in ENGINES:
        pytest.skip("hyperscan not installed")
    dictionary = frame_dictionary(
        {"name": "t", "version": "1", "frames": {"f": {"label": "F", "patterns": [{"pattern": "forces(?= of)", "kind": "regex"}, "external"]}}}
    )
    hits = match_frames(articles("forces of order, forces, external"), dictionary, engine="hyperscan", voice=False)
    assert hits["matched_text"].tolist() == ["forces", "external"]
    assert hits.attrs["fallback"] == {"forces(?= of)": "re"}


# --------------------------------------------------------------------------- KWIC


def test_keyword_in_context_carries_metadata(seed):
    kwic = keyword_in_context(seed, "external forces", window=3)
    assert list(kwic.columns) == list(KWIC_COLUMNS)
    assert len(kwic) == 3
    assert kwic["outlet"].tolist() == ["China.org.cn"] * 3
    assert kwic["date"].tolist() == [pd.Timestamp("2022-01-11")] * 3
    assert kwic["title"].tolist() == ["Roundup"] * 3
    first = kwic.iloc[0]
    assert (first.pre, first.keyword, first.post) == ("meticulously plotted by", "external forces", "-- a view")
    assert first.frame == "keyword" and first.pattern == "external forces"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("color revolution", ["color revolutions", "color revolutions"]),
        (["three forces", "internal affairs"], ["internal affairs", "three forces"]),
    ],
)
def test_keyword_in_context_phrases(seed, query, expected):
    assert keyword_in_context(seed, query)["keyword"].tolist() == expected


def test_keyword_in_context_order_window_and_dictionary():
    data = articles("one two three external forces four\nfive", "external forces", outlet=["A", "B"])
    kwic = keyword_in_context(data, VARIANTS, window=2)
    assert kwic[["doc_id", "pre", "keyword", "post"]].values.tolist() == [
        ["d0", "two three", "external forces", "four five"],
        ["d1", "", "external forces", ""],
    ]
    assert kwic["date"].isna().all() and kwic["title"].tolist() == ["", ""]
    assert keyword_in_context(data, str(KAZAKHSTAN))["frame"].unique().tolist() == ["external_forces"]


def test_keyword_in_context_order_does_not_depend_on_article_order():
    data = articles(*random_texts(40, 5), outlet=[f"o{i}" for i in range(40)])
    shuffled = data.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(keyword_in_context(shuffled, RANDOM_DICTIONARY), keyword_in_context(data, RANDOM_DICTIONARY))


def test_auto_falls_back_without_hyperscan(monkeypatch):
    import toolkit.match

    monkeypatch.setattr(toolkit.match, "available_engines", lambda: ["re"])
    hits = match_frames(articles("external forces"), VARIANTS, voice=False)
    assert hits.attrs["engine"] == "re" and hits["matched_text"].tolist() == ["external forces"]
    with pytest.raises(ParameterError, match="not installed"):
        match_frames(articles("x"), VARIANTS, engine="hyperscan", voice=False)


def test_quanteda_dictionary_matches_globs(tmp_path):
    path = tmp_path / "economy.yml"
    path.write_text("economy:\n  - tax*\n  - invest*\npolitics:\n  domestic: [parliament]\n", encoding="utf-8")
    counts = count_frames(articles("Taxes rose; investors and parliament, syntax, reinvest."), path)
    assert counts.loc["d0"].to_dict() == {"economy": 2, "politics.domestic": 1}


# --------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda a: match_frames(a, VARIANTS, engine="grep"), "engine='grep'"),
        (lambda a: match_frames(a, 42), "frames"),
        (lambda a: keyword_in_context(a, "x", window=-1), "window=-1"),
        (lambda a: keyword_in_context(a, []), "frames"),
        (lambda a: count_frames(a, VARIANTS, long="yes"), "long='yes'"),
        (lambda a: match_frames(a.assign(text=[1]), VARIANTS), "text"),
    ],
)
def test_invalid_parameters(call, match):
    with pytest.raises(ParameterError, match=match):
        call(articles("x"))


def test_missing_columns():
    with pytest.raises(SchemaError, match="text"):
        match_frames(pd.DataFrame({"doc_id": ["a"]}), VARIANTS, voice=False)


def test_threads_get_the_same_hits(seed):
    from concurrent.futures import ThreadPoolExecutor

    texts = random_texts(60, 11)
    expected = match_frames(articles(*texts), RANDOM_DICTIONARY, voice=False)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: match_frames(articles(*texts), RANDOM_DICTIONARY, voice=False), range(8)))
    for result in results:
        pd.testing.assert_frame_equal(result, expected)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("texts", [[], [None, ""]])
def test_empty_inputs_give_empty_tables(engine, texts):
    data = pd.DataFrame({"doc_id": pd.Series([f"d{i}" for i in range(len(texts))], dtype="str"), "text": pd.Series(texts, dtype="str")})
    hits = match_frames(data, VARIANTS, engine=engine, voice=False)
    assert list(hits.columns) == list(HIT_COLUMNS) and len(hits) == 0
    assert hits["matched_text"].dtype == pd.Series([], dtype="str").dtype
    assert list(keyword_in_context(data, "x", engine=engine).columns) == list(KWIC_COLUMNS)
    counts = count_frames(data, VARIANTS, engine=engine)
    assert counts.shape == (len(texts), len(VARIANTS.frames)) and counts.to_numpy().sum() == 0


def test_sentence_is_the_same_as_splitting_the_whole_text(seed):
    from toolkit.sentences import sentence_spans

    text = seed["text"].iloc[0] + "\nThey blamed external\nforces. Then came the three forces of terrorism, separatism and extremism."
    hits = match_frames(articles(text), KAZAKHSTAN, voice=False)
    spans = sentence_spans(text)
    for row in hits.itertuples():
        first = max(s for s, _ in spans if s <= row.start)
        last_end = next(e for s, e in spans if s <= row.end - 1 < e or (s <= row.end - 1 and e >= row.end))
        assert (row.sentence_start, row.sentence) == (first, text[first : max(last_end, row.end)])


def test_a_hits_sentence_stops_at_a_paragraph_break_the_scrape_flattened():
    """An export that lost its line breaks keeps them as ".- ", ". - " or double spaces: a hit's
    sentence stops there (as voice reads the text), with the offsets of the text as given."""
    text = ("Sixty years ago six nations signed the Treaty of Rome.- It was a bold step towards external forces. - "
            "The motion passed.  Then came the three forces of terrorism, separatism and extremism.")
    hits = match_frames(articles(text), KAZAKHSTAN, voice=False)
    assert [(r.sentence, text[r.sentence_start:].startswith(r.sentence)) for r in hits.itertuples()] == [
        ("It was a bold step towards external forces.", True),
        ("Then came the three forces of terrorism, separatism and extremism.", True),
        ("Then came the three forces of terrorism, separatism and extremism.", True),
    ]


# --------------------------------------------------------------------------- issue 12: counting right


def _dictionary(frames):
    return frame_dictionary({"name": "t", "version": "1", "frames": frames}, source="t")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_frames_counts_do_not_depend_on_the_rest_of_the_dictionary(engine):
    """Issue 12.1: "meddling" listed in two frames counts in both (quanteda's nested_scope="key")."""
    text = articles("Senators are investigating Russian meddling in the 2016 election, and the Kremlin denies any meddling.")
    alone = _dictionary({"interference": {"label": "I", "patterns": ["meddling"]}})
    both = _dictionary({
        "russia": {"label": "R", "patterns": ["Russian meddling", "meddling"]},
        "interference": {"label": "I", "patterns": ["meddling"]},
    })
    n_alone = count_frames(text, alone, engine=engine)["interference"].tolist()
    n_both = count_frames(text, both, engine=engine)
    assert n_alone == [2]
    assert n_both["interference"].tolist() == n_alone and n_both["russia"].tolist() == [2]
    exclusive = count_frames(text, both, engine=engine, overlap="exclusive")  # the old rule, on request
    assert exclusive["russia"].tolist() == [2] and exclusive["interference"].tolist() == [0]


@pytest.mark.parametrize(
    "text, n",
    [
        ("Talks with the sanctioned regime in Pyongyang stalled.", 1),  # not an inflection of "sanctions regime"
        ("The sanctions regime against Pyongyang was tightened.", 0),
        ("The Sanctions-Regime against Pyongyang was tightened.", 0),  # case and hyphen variants are excluded
        ("Under pressure, the regime changed its tactics.", 1),  # not "regime change"
        ("Washington denies seeking regime change in Caracas.", 0),
    ],
)
def test_exclusions_remove_only_what_they_say(text, n):
    """Issue 12.2: exclusions get case, spacing, hyphen and spelling variants, not inflections."""
    dictionary = _dictionary({"regime": {"label": "R", "patterns": ["regime"], "exclude": ["sanctions regime", "regime change"]}})
    assert count_frames(articles(text), dictionary)["regime"].tolist() == [n]
    asked = _dictionary({"regime": {"label": "R", "patterns": ["regime"], "exclude": [{"pattern": "regime change", "inflect": True}]}})
    assert count_frames(articles("the regime changes its tactics"), asked)["regime"].tolist() == [0]


@pytest.mark.parametrize(
    "phrase, wrong, right",
    [
        ("propaganda", "state media propagandaed the story", "state propaganda"),
        ("militant", "they militanted", "two militants were killed"),
        ("unipolar", "a unipolared world", "a unipolar world"),
        ("outside forces", "outside forcing the issue", "outside force"),
        ("fake news", "he faked news reports", "fake news"),
        ("regime change", "the regime changed its tactics", "regime changes"),
    ],
)
def test_only_real_inflections(phrase, wrong, right):
    """Issue 12.3: nouns and adjectives get no verb forms."""
    dictionary = _dictionary({"f": {"label": "F", "patterns": [phrase]}})
    assert count_frames(articles(wrong, right), dictionary)["f"].tolist() == [0, 1]


# --------------------------------------------------------------------------- issue 18: bounded time and memory


@pytest.mark.parametrize("engine", ENGINES)
def test_anchored_regexes_are_refused_on_every_engine(engine, tmp_path):
    """Issue 18: anchors would anchor to a whole Arrow chunk under hyperscan; refused, naming frame and pattern."""
    path = tmp_path / "anchored.yaml"
    path.write_text("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: 'forces$', kind: regex}]}}\n")
    with pytest.raises(DictionaryError, match=r"frame 'f'.*'forces\$'.*anchor"):
        count_frames(articles("external forces", "hostile forces", "outside forces"), path, engine=engine)
    plain = _dictionary({"f": {"label": "F", "patterns": [{"pattern": "forces", "kind": "regex"}]}})
    assert count_frames(articles("external forces", "hostile forces", "outside forces"), plain, engine=engine)["f"].tolist() == [1, 1, 1]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", ["x" * 40_000, "a" + "x" * 40_000, ("x" * 40_000 + " ") * 3])
def test_fallback_search_is_linear(engine, text):
    """Issue 18: `x[a-z]*` on a 40,000-character token took 11 s (a restart after every match)."""
    import time

    dictionary = _dictionary({"f": {"label": "F", "patterns": [{"pattern": "x[a-z]*", "kind": "regex"}]}})
    started = time.perf_counter()
    counts = count_frames(articles(text), dictionary, engine=engine)
    assert time.perf_counter() - started < 3
    assert counts["f"].tolist() == [len(re.findall(r"(?<!\w)x[a-z]*(?!\w)", text))]


def test_nested_quantifiers_refused_where_only_python_re_runs():
    """Issue 18: `(a+)+b` backtracks exponentially in Python re; refused there, naming frame and pattern."""
    dictionary = _dictionary({"f": {"label": "F", "patterns": [{"pattern": "(a+)+b", "kind": "regex"}]}})
    with pytest.raises(DictionaryError, match=r"frame 'f'.*\(a\+\)\+b.*nests quantifiers"):
        count_frames(articles("a" * 40 + "c"), dictionary, engine="re")
    for engine in set(ENGINES) - {"re"}:  # linear engines take it
        assert count_frames(articles("a" * 40 + "c", "aab"), dictionary, engine=engine)["f"].tolist() == [0, 1]


@pytest.mark.skipif("hyperscan" not in ENGINES, reason="hyperscan is not installed")
def test_every_prefix_match_is_not_kept():
    """Issue 18: a `\\w+` regex reports a match at every end; memory stays bounded by the hits."""
    import tracemalloc

    dictionary = _dictionary({"f": {"label": "F", "patterns": [{"pattern": r"\w+", "kind": "regex"}]}})
    text = "a" * 1_000_000 + " word"
    tracemalloc.start()
    counts = count_frames(articles(text), dictionary, engine="hyperscan")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert counts["f"].tolist() == [2]
    assert peak < 40e6, peak  # 1 M matches unfiltered would hold 3 M Python ints (> 100 MB)


@pytest.mark.skipif("hyperscan" not in ENGINES, reason="hyperscan is not installed")
@pytest.mark.parametrize("dictionary", [RANDOM_DICTIONARY, VARIANTS, KAZAKHSTAN], ids=["random", "variants", "kazakhstan"])
@pytest.mark.parametrize("overlap", ["frame", "exclusive"])
def test_large_dictionaries_by_leading_literals_match_the_reference(monkeypatch, dictionary, overlap):
    """Issue 18: big dictionaries take phrases by their first word's literal forms; same hits."""
    from toolkit import match

    monkeypatch.setattr(match, "LITERAL_MIN_PATTERNS", 1)
    match._compiled.cache_clear()
    try:
        dictionary = load_frames(dictionary)
        texts = random_texts(80, 5) + [t for t, _ in VARIANT_CASES] + ["Ünïcödé “quotes” 中文 and 𝐀 then external forces – color revolution."]
        hits = match_frames(articles(*texts), dictionary, engine="hyperscan", voice=False, overlap=overlap)
        assert match._compiled(dictionary, "hyperscan")[3] is not None
        assert as_rows(hits) == reference_hits(texts, dictionary, overlap)
    finally:
        match._compiled.cache_clear()
