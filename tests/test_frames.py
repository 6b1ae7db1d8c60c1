"""Frame dictionaries: format, validation, provenance hash, variant expansion."""

import re
from pathlib import Path

import pytest

from toolkit import validation
from toolkit.errors import DictionaryError, ParameterError
from toolkit.frames import FrameDictionary, Pattern, add_exclusions, load_frames, word_forms

ROOT = Path(__file__).resolve().parents[1]
KAZAKHSTAN = ROOT / "data" / "frames" / "kazakhstan-2022.yaml"
FRAMES = ROOT / "tests" / "data" / "validation" / "frames.yaml"  # a dictionary with comments and a flow-style list


@pytest.mark.parametrize(
    "word, present, absent",
    [
        ("interfere", {"interfere", "interferes", "interfering", "interfered"}, {"interfereing"}),
        ("revolution", {"revolution", "revolutions"}, {"revolutioned"}),
        ("revolutions", {"revolution", "revolutions"}, {"revolutionses", "revolutionsing"}),
        ("force", {"force", "forces", "forced", "forcing"}, {"forceing"}),
        ("forces", {"force", "forces"}, {"forceses"}),
        ("terrorist", {"terrorist", "terrorists"}, set()),
        ("color", {"color", "colour", "colors", "colours", "colored", "coloured"}, {"colorred"}),
        ("colour", {"color", "colour"}, set()),
        ("organization", {"organization", "organisation", "organisations"}, set()),
        ("organize", {"organise", "organized", "organising"}, set()),
        ("analyze", {"analyse", "analysed", "analyzing"}, set()),
        ("center", {"centre", "centres", "centered"}, set()),
        ("defense", {"defence", "defences", "defenses"}, set()),
        ("offence", {"offense", "offence"}, set()),
        ("policy", {"policy", "policies"}, {"policys"}),
        ("plot", {"plotted", "plotting", "plots"}, set()),
        ("travel", {"traveled", "travelled", "travelling"}, set()),
        ("riot", {"riots", "rioting", "rioted"}, set()),
        ("stability", {"stability", "stabilities"}, {"stabilitied"}),
        ("actor", {"actor", "actors"}, {"actour"}),
        ("news", {"news"}, {"new"}),
    ],
)
def test_word_forms(word, present, absent):
    forms = set(word_forms(word))
    assert present <= forms
    assert not (absent & forms)


@pytest.mark.parametrize("word", ["China", "CSTO", "the", "of", "anti", "颜色革命", "Lavrov", "G20"])
def test_word_forms_leave_names_acronyms_function_words_alone(word):
    assert word_forms(word) == [word]


def test_word_forms_longest_first():
    forms = word_forms("force")
    assert [len(f) for f in forms] == sorted((len(f) for f in forms), reverse=True)


@pytest.mark.parametrize(
    "pattern, text, matches",
    [
        (Pattern("color revolution"), "color revolution", True),
        (Pattern("color revolution"), "Colour-Revolutions", True),
        (Pattern("color revolution"), "COLOR  REVOLUTIONS", True),
        (Pattern("color revolution"), "color\nrevolution", True),
        (Pattern("color revolution"), "color \u2013 revolution", True),
        (Pattern("color revolution"), "colorrevolution", True),
        (Pattern("color revolution"), "colorful revolutionary", False),
        (Pattern("color revolutions"), "color revolution", True),
        (Pattern("anti-China"), "anti China", True),
        (Pattern("anti-China"), "antiChina", True),
        (Pattern("anti-China"), "anti\u2010China", True),
        (Pattern("anti-China"), "anti-Chinas", False),
        (Pattern("Xi's policy"), "Xi\u2019s policies", True),
        (Pattern('"color revolution"'), "\u201ccolor revolutions\u201d", True),
        (Pattern("terrorism, separatism and extremism"), "terrorism, separatism and\nextremism", True),
        (Pattern("interfere in internal affairs"), "interfering in internal affairs", True),
        (Pattern("CSTO", variants=False), "csto", True),
        (Pattern("CSTO", case=True), "csto", False),
        (Pattern("external forces", variants=False), "external force", False),
        (Pattern("external forces", variants=False), "external\n forces", True),
        (Pattern("revolution*", kind="glob"), "revolutionary", True),
        (Pattern("revolution*", kind="glob"), "revolution", True),
        (Pattern("colo?r", kind="glob"), "colour", True),
        (Pattern("внешн* сил*", kind="glob", language="ru"), "внешних сил", True),
        (Pattern("ёлка", language="ru"), "ЕЛКА", True),
        (Pattern("внешние силы", language="ru"), "ВНЕШНИЕ\nсилы", True),
        (Pattern("внешние силы", language="ru"), "внёшние силы", True),
        (Pattern("внешние силы", language="ru"), "внешних сил", False),
        (Pattern("colou?r[- ]revolution", kind="regex"), "colour revolution", True),
        (Pattern(r"external\s+forces", kind="regex"), "external\u3000\nforces", True),
        (Pattern(r"external[\s,]+forces", kind="regex"), "external,\u00a0forces", True),
        (Pattern(r"external\\s", kind="regex"), "external\\s", True),
    ],
)
def test_pattern_regex_expansion(pattern, text, matches):
    flags = 0 if pattern.case else re.IGNORECASE
    assert bool(re.fullmatch(pattern.regex("python"), text, flags)) is matches


def test_load_shipped_dictionary():
    dictionary = load_frames(KAZAKHSTAN)
    assert dictionary.name == "kazakhstan-2022"
    assert dictionary.version == "1.0.0"
    assert dictionary.frame_ids == [
        "color_revolution",
        "external_forces",
        "three_evil_forces",
        "interference_internal_affairs",
        "sovereignty_stability",
        "riots_terrorists",
        "csto_mission",
    ]
    assert re.fullmatch("[0-9a-f]{64}", dictionary.sha256)
    table = dictionary.to_frame()
    assert list(table.columns) == ["frame", "label", "role", "pattern", "kind", "variants", "case", "language", "regex"]
    assert len(table) == sum(len(f.patterns) + len(f.exclude) for f in dictionary.frames)
    assert table.loc[table["pattern"] == "颜色革命", "language"].item() == "zh"
    assert table.loc[table["pattern"] == "three forces of nature", "role"].item() == "exclude"
    assert load_frames(dictionary) is dictionary


BASE_YAML = """\
name: test
version: "1"
frames:
  f:
    label: F
    patterns: [external forces]
"""


def test_sha256_ignores_layout_and_comments_but_not_content(tmp_path):
    a, b, c = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    a.write_text(BASE_YAML, encoding="utf-8")
    b.write_text("# a comment\n" + BASE_YAML.replace("[external forces]", "\n      - external forces"), encoding="utf-8")
    c.write_text(BASE_YAML.replace("external forces", "foreign forces"), encoding="utf-8")
    assert load_frames(a).sha256 == load_frames(b).sha256
    assert load_frames(a).sha256 != load_frames(c).sha256


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("version: '1'\nframes: {f: {label: F, patterns: [x]}}", ["missing 'name'"]),
        ("name: t\nversion: 1\nframes: {f: {label: F, patterns: [x]}}", ["missing 'version'"]),
        ("name: t\nversion: '1'\nframes: {}", ["'frames' must be a non-empty mapping"]),
        ("name: t\nversion: '1'\nframes: {f: {patterns: [x]}}", ["frame 'f'", "missing 'label'"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F}}", ["frame 'f'", "'patterns'"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: x, kind: fuzzy}]}}", ["frame 'f'", "'x'", "kind 'fuzzy'"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: ['(unclosed']}}", []),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: '(unclosed', kind: regex}]}}", ["frame 'f'", "does not compile"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: 'a*', kind: regex}]}}", ["matches the empty string"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: x, colour: red}]}}", ["unknown key", "colour"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [x], exclude: y}}", ["'exclude' must be a list"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: ['']}}", ["frame 'f'", "non-empty"]),
        ("name: [unclosed", ["not valid YAML"]),
        ("name: t\nversion: '1'\nframe: {f: {label: F, patterns: [x]}}", ["missing 'frames'"]),
        ("- just\n- a list", ["expected a mapping"]),
        ("name: t\nversion: '1'\nframes:\n  f: {label: F, patterns: [x]}\n  f: {label: G, patterns: [y]}", ["duplicate key 'f'"]),
    ],
)
def test_dictionary_errors_name_file_and_entry(tmp_path, text, fragments):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    if not fragments:  # a phrase is not a regex: "(unclosed" is a valid phrase
        assert load_frames(path).frames[0].patterns[0].pattern == "(unclosed"
        return
    with pytest.raises(DictionaryError) as error:
        load_frames(path)
    message = str(error.value)
    assert "broken.yaml" in message
    for fragment in fragments:
        assert fragment in message


def test_missing_file_is_a_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError, match="nope.yaml"):
        load_frames(tmp_path / "nope.yaml")


def test_quanteda_dictionary(tmp_path):
    path = tmp_path / "laver.yml"
    path.write_text(
        "economy:\n  - tax*\n  - invest*\npolitics:\n  domestic: [parliament, 'election*']\n  foreign:\n    - embass*\n",
        encoding="utf-8",
    )
    dictionary = load_frames(path)
    assert isinstance(dictionary, FrameDictionary)
    assert dictionary.name == "laver"
    assert dictionary.frame_ids == ["economy", "politics.domestic", "politics.foreign"]
    assert {p.kind for f in dictionary.frames for p in f.patterns} == {"glob"}
    assert [p.pattern for p in dictionary.frames[0].patterns] == ["tax*", "invest*"]


def test_quanteda_dictionary_errors(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("economy: 3\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="bad.yml, key 'economy'"):
        load_frames(path)


# ------------------------------------------------------------------ editing a dictionary file
# (the full workflow, from a coded sheet to the file, is tested in test_validation.py)


def test_validation_uses_the_frames_editor():
    assert validation.add_exclusions is add_exclusions


def test_add_exclusions_twice_changes_nothing_the_second_time(tmp_path):
    out = tmp_path / "frames.yaml"
    add_exclusions(FRAMES, {"terrorism": ["war on terror"]}, out_path=out)
    first = out.read_text()
    report = add_exclusions(out, {"terrorism": ["War on Terror"]}, out_path=out)
    assert report["status"].tolist() == ["already present"]
    assert out.read_text() == first


def test_add_exclusions_rejects_unknown_frames_and_bad_versions(tmp_path):
    with pytest.raises(ParameterError, match="economy"):
        add_exclusions(FRAMES, {"economy": ["x"]}, out_path=tmp_path / "x.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text(FRAMES.read_text().replace('"1.0.9"', '"draft"'))
    with pytest.raises(DictionaryError, match="version"):
        add_exclusions(bad, {"terrorism": ["x"]}, out_path=tmp_path / "x.yaml")
    assert not (tmp_path / "x.yaml").exists()
