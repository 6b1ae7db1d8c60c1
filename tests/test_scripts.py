import ast
import pathlib

import pytest

from toolkit.scripts import guess_language, is_cyrillic, is_han, is_unspaced, script_of


@pytest.mark.parametrize(
    "text, expected",
    [
        ("所谓颜色革命是境外势力干涉中国内政的阴谋。", "zh"),
        ("所謂顏色革命是境外勢力干涉中國內政的陰謀。", "zh"),
        ("これは外国勢力による内政干渉だと述べた。", "ja"),
        ("외세의 내정 간섭이라고 말했다", "ko"),
        ("Лавров заявил, что Запад готовит цветную революцию в Казахстане.", "ru"),
        ("Президент України заявив, що ця революція була підготовлена ззовні.", "uk"),
        ("The foreign ministry said the unrest was a colour revolution.", "en"),
        ("Le ministre a déclaré que les troubles étaient une révolution de couleur.", "fr"),
        ("Der Minister sagte, die Unruhen seien eine Farbrevolution aus dem Ausland.", "de"),
        ("", ""),
        ("12345 678", ""),
    ],
)
def test_guess_language(text, expected):
    assert guess_language(text) == expected


def test_script_predicates():
    assert is_han("中") and is_han("內") and is_han("\U00020000") and not is_han("a")
    assert is_cyrillic("ё") and not is_cyrillic("e")
    assert is_unspaced("ก") and is_unspaced("カ") and not is_unspaced("a")
    assert [script_of(t) for t in ("color", "цвет", "цвет color", "中")] == ["latin", "cyrillic", "other", "other"]


def test_script_ranges_have_one_home():
    """No module but toolkit.scripts spells out the Han or Cyrillic block (issue 11)."""
    root = pathlib.Path(__file__).resolve().parents[1] / "toolkit"
    offenders = []
    for path in root.rglob("*.py"):  # subpackages (voice/) too
        if path.name in ("scripts.py", "encoding.py", "sentences.py"):
            continue  # encoding: mojibake heuristics over all of CJK; sentences: stop classes
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if "\u4e00-\u9fff" in node.value or "\u0400-\u04ff" in node.value:
                    offenders.append(path.name)
    assert not offenders
