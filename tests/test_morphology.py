import pandas as pd
import pytest

from toolkit.frames import frame_dictionary
from toolkit.match import available_engines, count_frames, match_frames
from toolkit.morphology import lemma, phrase_forms


@pytest.mark.parametrize(
    "word, expected",
    [("революциями", "революция"), ("революций", "революция"), ("цветных", "цветной"),
     ("силами", "сила"), ("вмешивались", "вмешиваться")],
)
def test_lemma(word, expected):
    assert lemma(word) == expected


def test_phrase_forms_agree_in_case_number_and_gender():
    forms = phrase_forms("цветная революция")
    assert forms[0] == "цветная революция"
    for form in ["цветных революций", "цветной революции", "цветную революцию", "цветными революциями",
                 "цветной революцией", "цветные революции", "цветным революциям", "цветных революциях"]:
        assert form in forms
    assert "цветный революции" not in forms and "цветная революций" not in forms
    # masculine animate noun: accusative singular and plural take the genitive form
    agents = phrase_forms("иностранный агент")
    assert {"иностранного агента", "иностранных агентов", "иностранным агентом"} <= set(agents)
    # the head is the first noun; what a preposition governs stays as written
    interference = phrase_forms("вмешательство во внутренние дела")
    assert "вмешательства во внутренние дела" in interference
    assert all(f.endswith(" во внутренние дела") for f in interference)
    # capitalisation is kept; Latin words and indeclinable nouns stay as written
    assert "Цветных революций" in phrase_forms("Цветная революция")
    assert phrase_forms("НАТО") == ["НАТО"]
    assert phrase_forms("color revolution") == ["color revolution"]


def test_verb_phrases_get_the_verbs_forms():
    forms = phrase_forms("вмешиваться во внутренние дела")
    assert {"вмешивается во внутренние дела", "вмешивались во внутренние дела"} <= set(forms)


RU_FRAMES = frame_dictionary({
    "name": "ru", "version": "1", "language": "ru",
    "frames": {
        "color_revolution": {"label": "Color revolution", "patterns": ["цветная революция"]},
        "foreign_forces": {"label": "Foreign forces", "patterns": ["внешние силы"]},
    },
})

# Sentences written for the test, in the style of Russian agency copy; each
# planted form is counted by hand below.
RU_ARTICLES = pd.DataFrame({
    "doc_id": ["r1", "r2", "r3"],
    "text": [
        "Лавров заявил, что Запад готовит цветную революцию. Угроза цветной революции сохраняется.",
        "Эксперты говорят о серии цветных революций, за которыми стоят внешние силы. "
        "Цветная революция не пройдёт.",
        "Речь идёт о вмешательстве внешних сил и о борьбе с цветными революциями; "
        "внешним силам это не удастся. Революционный цвет ни при чём.",
    ],
})


@pytest.mark.parametrize("engine", available_engines())
def test_russian_phrase_matches_every_case_form_with_exact_counts(engine):
    counts = count_frames(RU_ARTICLES, RU_FRAMES, engine=engine)
    assert counts["color_revolution"].tolist() == [2, 2, 1]
    assert counts["foreign_forces"].tolist() == [0, 1, 2]
    hits = match_frames(RU_ARTICLES, RU_FRAMES, engine=engine)
    assert set(hits["matched_text"]) >= {"цветную революцию", "цветной революции", "цветных революций",
                                          "Цветная революция", "цветными революциями", "внешних сил"}


def test_to_frame_shows_the_forms():
    table = RU_FRAMES.to_frame()
    forms = table.loc[table["pattern"] == "цветная революция", "forms"].item().split(" | ")
    assert forms == phrase_forms("цветная революция") and "цветных революций" in forms
