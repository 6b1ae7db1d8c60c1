"""Frame dictionaries: format, validation, provenance hash, variant expansion."""

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit import validation
from toolkit.errors import DictionaryError, ParameterError
from toolkit.frames import (
    FrameDictionary,
    Pattern,
    _opencc_converters,
    add_exclusions,
    chinese_forms,
    load_frames,
    script_variants_available,
    word_forms,
)
from toolkit.match import available_engines, count_frames

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


@pytest.mark.parametrize(
    "word",
    ["China", "CSTO", "the", "of", "anti", "颜色革命", "Lavrov", "G20",
     "three", "twelve", "first", "foreign", "famous", "peaceful", "lawless", "armed", "alleged",
     "fought", "taken", "led", "media"],
)  # fmt: skip
def test_word_forms_leave_names_acronyms_function_words_numerals_adjectives_alone(word):
    assert word_forms(word) == [word]


@pytest.mark.parametrize(
    "word, forms",
    [
        # irregular plurals, from either form
        ("crisis", {"crisis", "crises"}),
        ("crises", {"crisis", "crises"}),  # never "crizes" (-ise/-ize only where the lexicon has both)
        ("analysis", {"analysis", "analyses"}),
        ("thesis", {"thesis", "theses"}),
        ("basis", {"basis", "bases"}),
        ("bases", {"base", "bases", "basis"}),  # a plural: both singulars, no verb forms
        ("phenomenon", {"phenomenon", "phenomena", "phenomenons"}),  # the lexicon lists both plurals
        ("criteria", {"criterion", "criteria", "criterions"}),
        ("man", {"man", "men", "mans", "manned", "manning"}),  # also a verb: "to man a post"
        ("woman", {"woman", "women"}),
        ("policeman", {"policeman", "policemen"}),
        ("chairmen", {"chairman", "chairmen"}),
        ("spokeswoman", {"spokeswoman", "spokeswomen"}),
        ("human", {"human", "humans"}),  # not "humen"
        ("child", {"child", "children"}),
        ("person", {"person", "persons"}),  # not "people"
        ("thief", {"thief", "thieves"}),
        ("thieves", {"thief", "thieves"}),
        ("knife", {"knife", "knives", "knifes", "knifed", "knifing"}),
        ("hero", {"hero", "heroes"}),
        ("veto", {"veto", "vetoes", "vetoed", "vetoing"}),
        # irregular verbs: past forms replace -ed
        ("fight", {"fight", "fights", "fighting", "fought"}),
        ("seek", {"seek", "seeks", "seeking", "sought"}),
        ("lead", {"lead", "leads", "leading", "led"}),
        ("take", {"take", "takes", "taking", "took", "taken"}),
        ("give", {"give", "gives", "giving", "gave", "given"}),
        ("hold", {"hold", "holds", "holding", "held"}),
        ("break", {"break", "breaks", "breaking", "broke", "broken"}),
        ("stand", {"stand", "stands", "standing", "stood"}),
        ("begin", {"begin", "begins", "beginning", "began", "begun"}),
        ("panic", {"panic", "panics", "panicking", "panicked"}),
        ("withdraw", {"withdraw", "withdraws", "withdrawing", "withdrew", "withdrawn"}),
        # nouns and adjectives by suffix: plurals only
        ("sovereignty", {"sovereignty"}),  # a mass noun in the lexicon
        ("hegemony", {"hegemony", "hegemonies"}),
        ("democracy", {"democracy", "democracies"}),
        ("external", {"external", "externals"}),
        ("official", {"official", "officials"}),
        ("critic", {"critic", "critics"}),
        ("representative", {"representative", "representatives"}),
        ("peacekeeping", {"peacekeeping"}),
        ("peacekeeper", {"peacekeeper", "peacekeepers"}),  # unknown: as "keeper"
        ("unipolar", {"unipolar"}),  # unknown, ends like an adjective
        ("propaganda", {"propaganda"}),
        ("militant", {"militant", "militants"}),
        ("hundred", {"hundred", "hundreds"}),
        ("interference", {"interference", "interferences"}),
        # verbs despite a noun-like ending keep their verb forms
        ("resist", {"resist", "resists", "resisted", "resisting"}),
        ("sanction", {"sanction", "sanctions", "sanctioned", "sanctioning"}),
        ("signal", {"signal", "signals", "signaled", "signalled", "signaling", "signalling"}),
        ("deal", {"deal", "deals", "dealing", "dealt"}),
        ("influence", {"influence", "influences", "influenced", "influencing"}),
        ("reveal", {"reveal", "reveals", "revealed", "revealing"}),
        ("bring", {"bring", "brings", "bringing", "brought"}),
        ("party", {"party", "parties", "partied", "partying"}),
        # plurals in -ses reduce to -se, except after -s
        ("cases", {"case", "cases"}),  # a plural stays a noun
        ("processes", {"process", "processes"}),
        ("buses", {"bus", "buses", "busses"}),
    ],
)
def test_word_forms_exact(word, forms):
    assert set(word_forms(word)) == forms


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
        (Pattern("внешние силы", language="ru"), "внешних сил", True),  # case forms (issue 16)
        (Pattern("внешние силы", language="ru", variants=False), "внешних сил", False),
        (Pattern("colou?r[- ]revolution", kind="regex"), "colour revolution", True),
        (Pattern(r"external\s+forces", kind="regex"), "external\u3000\nforces", True),
        (Pattern(r"external[\s,]+forces", kind="regex"), "external,\u00a0forces", True),
        (Pattern(r"external\\s", kind="regex"), "external\\s", True),
    ],
)
def test_pattern_regex_expansion(pattern, text, matches):
    flags = 0 if pattern.case else re.IGNORECASE
    assert bool(re.fullmatch(pattern.regex("python"), text, flags)) is matches


# Phrases as a researcher writes them, and forms that must (not) match.
PHRASE_FORMS = [
    ("three forces", ["three forces", "Three Force", "three-forces"], ["threes forces", "threeing forces", "threed forces"]),
    ("external forces", ["external force", "External Forces"], ["externalling forces", "externaled forces"]),
    ("peacekeeping troops", ["peacekeeping troop", "peacekeeping\ntroops"], ["peacekeepinged troops"]),
    ("sovereignty", ["Sovereignty"], ["sovereigntying", "sovereigntied"]),
    ("cold war mentality", ["Cold War mentality", "cold-war mentalities"], ["colding war mentality", "colds war mentality"]),
    ("economic crisis", ["economic crises", "economic crisis"], ["economic crisises", "economic crisising"]),
    ("fight terrorism", ["fought terrorism", "fighting terrorism", "fights terrorism"], ["fighted terrorism"]),
    ("seek regime change", ["sought regime change", "seeking regime changes"], ["seeked regime change"]),
    ("take control", ["took control", "taken control", "taking control"], ["taked control"]),
    ("armed men", ["armed man", "Armed Men"], ["armed mans", "armeds men"]),
    ("woman and child", ["women and children"], ["womans and childs"]),
    ("policeman", ["policemen"], ["policemans"]),
    ("foreign thief", ["foreign thieves"], ["foreign thiefs", "foreigns thieves"]),
    ("hold talks", ["held talks", "holding talks"], ["holded talks"]),
]


@pytest.mark.parametrize(
    "phrase, text, matches",
    [(phrase, text, True) for phrase, yes, _ in PHRASE_FORMS for text in yes]
    + [(phrase, text, False) for phrase, _, no in PHRASE_FORMS for text in no],
)
def test_phrase_forms(phrase, text, matches):
    assert bool(re.fullmatch(Pattern(phrase).regex("python"), text, re.IGNORECASE)) is matches


# --------------------------------------------------------------------------- Chinese scripts

needs_opencc = pytest.mark.skipif(not script_variants_available(), reason="opencc is not installed")


@needs_opencc
@pytest.mark.parametrize(
    "phrase, forms",
    [
        ("颜色革命", {"颜色革命", "顏色革命"}),
        ("顏色革命", {"颜色革命", "顏色革命"}),
        ("外部势力", {"外部势力", "外部勢力"}),
        ("三股势力", {"三股势力", "三股勢力"}),
        ("内政", {"内政", "內政"}),
        ("內政", {"内政", "內政"}),
        ("台湾", {"台湾", "臺灣", "台灣"}),  # OpenCC standard and Taiwan vs Hong Kong
        ("恐怖分子", {"恐怖分子"}),  # the same in both scripts
        ("color revolution", {"color revolution"}),
    ],
)
def test_chinese_forms(phrase, forms):
    assert set(chinese_forms(phrase)) == forms
    assert chinese_forms(phrase)[0] == phrase  # as written first


@needs_opencc
@pytest.mark.parametrize(
    "pattern, text, matches",
    [
        (Pattern("颜色革命", language="zh"), "顏色革命", True),
        (Pattern("顏色革命", language="zh"), "颜色革命", True),
        (Pattern("外部势力", language="zh"), "外部勢力", True),
        (Pattern("三股势力"), "三股勢力", True),  # Han characters in an English dictionary
        (Pattern("内政", language="zh"), "內政", True),
        (Pattern("内政", language="zh"), "外交", False),
        (Pattern("颜色革命", language="zh", variants=False), "顏色革命", False),
        (Pattern("国内", language="ja"), "國內", False),  # Japanese kanji keep their own standard
    ],
)
def test_chinese_phrases_match_both_scripts(pattern, text, matches):
    assert bool(re.fullmatch(pattern.regex("python"), text)) is matches


@needs_opencc
@pytest.mark.parametrize("engine", available_engines())
def test_traditional_text_counted_with_the_shipped_dictionary(engine):
    articles = pd.DataFrame({"doc_id": ["tw", "cn"], "text": ["美方支持顏色革命，干涉內政。", "外部势力干涉内政"]})
    counts = count_frames(articles, KAZAKHSTAN, engine=engine)
    assert counts.loc["tw", ["color_revolution", "interference_internal_affairs"]].tolist() == [1, 1]
    assert counts.loc["cn", ["external_forces", "interference_internal_affairs"]].tolist() == [1, 1]


@pytest.fixture
def without_opencc(monkeypatch):
    from toolkit.segmentation import opencc_converter

    monkeypatch.setitem(sys.modules, "opencc", None)  # "import opencc" raises ImportError
    _opencc_converters.cache_clear()
    opencc_converter.cache_clear()
    yield
    _opencc_converters.cache_clear()
    opencc_converter.cache_clear()


def test_without_opencc_chinese_matches_as_written(without_opencc):
    assert not script_variants_available()
    assert chinese_forms("颜色革命") == ["颜色革命"]
    assert Pattern("颜色革命", language="zh").regex() == "颜色革命"
    assert load_frames(KAZAKHSTAN).to_frame().set_index("pattern").loc["外部势力", "regex"] == "外部势力"


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
    assert list(table.columns) == ["frame", "label", "role", "pattern", "kind", "variants", "case", "language", "regex", "forms"]
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
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: 'a*', kind: regex}]}}", ["frame 'f'", "'a*'", "the empty string"]),
        # issue 18: patterns that can match the empty string, and anchors, are refused naming frame and pattern
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: '*', kind: glob}]}}", ["frame 'f'", "glob '*'", "empty string"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: ['-']}}", ["frame 'f'", "phrase '-'", "empty string"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: '\\b', kind: regex}]}}", ["frame 'f'", "empty string"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: 'forces$', kind: regex}]}}", ["frame 'f'", "'forces$'", "anchor"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: '\\Aforces', kind: regex}]}}", ["frame 'f'", "anchor"]),
        ("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [x], exclude: [{pattern: '^x', kind: regex}]}}", ["frame 'f' (exclude)", "anchor"]),
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
    kinds = {p.pattern: p.kind for f in dictionary.frames for p in f.patterns}
    assert kinds == {"tax*": "glob", "invest*": "glob", "parliament": "phrase", "election*": "glob", "embass*": "glob"}
    assert [p.pattern for p in dictionary.frames[0].patterns] == ["tax*", "invest*"]


def test_quanteda_entries_without_wildcards_are_phrases_with_variants(tmp_path):
    """Issue 12.3: quanteda entries without * or ? get the toolkit's phrase variants."""
    path = tmp_path / "china.yml"
    path.write_text("hostile:\n  - Colour Revolution\n  - anti China forces\n  - interfered in internal affairs\n  - hegemon*\n",
                    encoding="utf-8")
    texts = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": [
        "Beijing warned of a colour revolution in Hong Kong.",
        "He blamed anti-China forces for the protests.",
        "The ministry said Washington interfered in China\u2019s internal affairs and interfered in internal\naffairs again.",
        "It opposes hegemonism and hegemony.",
    ]})
    counts = count_frames(texts, load_frames(path))
    assert counts["hostile"].tolist() == [1, 1, 1, 2]


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


def test_yaml_alias_bombs_are_refused_with_a_short_message(tmp_path):
    """Issue 18: billion-laughs anchors reached 3.5 GB and a 700 MB error message."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for k in range(1, 9):
        lines.append(f"{chr(97 + k)}: &{chr(97 + k)} [" + ", ".join([f"*{chr(96 + k)}"] * 9) + "]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="aliases") as error:
        load_frames(path)
    assert len(str(error.value)) < 400


def test_error_messages_do_not_embed_huge_values(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("name: t\nversion: '1'\nframes: {f: {label: F, patterns: [{pattern: 3, kind: [" + ", ".join(["x"] * 100_000) + "]}]}}\n")
    with pytest.raises(DictionaryError) as error:
        load_frames(path)
    assert len(str(error.value)) < 400


def test_every_form_generated_for_the_shipped_dictionary_is_judged_real():
    """Issue 12.3: the expansion's precision on the shipped dictionary (hand judgments in benchmarks/eval_variants.py)."""
    from benchmarks.eval_variants import generated_forms

    forms = generated_forms(KAZAKHSTAN)
    assert len(forms) > 20
    assert forms[~forms["judged"]].empty, forms[~forms["judged"]]
    assert forms["real"].all(), forms[~forms["real"].astype(bool)]


def test_a_pickled_dictionary_carries_its_regexes_so_workers_need_no_lexicon(tmp_path):
    """Dask workers unpickle the dictionary: they must get the same hits without loading lemminflect."""
    import pickle
    import subprocess
    import sys

    from toolkit import count_frames, load_frames, load_sample

    root = Path(__file__).resolve().parents[1]
    frames = load_frames(root / "data" / "frames" / "kazakhstan-2022.yaml")
    articles = load_sample("seed")
    (tmp_path / "frames.pkl").write_bytes(pickle.dumps(frames))
    articles[["doc_id", "text"]].to_parquet(tmp_path / "articles.parquet")
    script = (
        "import pickle, sys, pandas as pd\n"
        "from toolkit.match import count_frames\n"
        f"frames = pickle.loads(open({str(tmp_path / 'frames.pkl')!r}, 'rb').read())\n"
        f"articles = pd.read_parquet({str(tmp_path / 'articles.parquet')!r})\n"
        "counts = count_frames(articles, frames, progress=False)\n"
        "print(counts.sum().to_dict()); print('lemminflect' in sys.modules, 'pymorphy3' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True)
    totals, loaded = result.stdout.strip().splitlines()
    assert totals == str(count_frames(articles, frames, progress=False).sum().to_dict())
    assert loaded == "False False"


@pytest.mark.parametrize(("value", "expected"), [
    ("frames.yaml", True), ("Frames.YML", True), (Path("frames.txt"), True), ("external forces", False),
    (["frames.yaml"], False), (None, False),
])
def test_is_dictionary_path_one_rule_for_matching_kwic_and_collocations(value, expected):
    from toolkit.frames import is_dictionary_path

    assert is_dictionary_path(value) is expected
