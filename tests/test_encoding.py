"""Decoding bytes of every encoding the loader promises; real corpus files as fixtures."""

from pathlib import Path

import pytest

from toolkit.encoding import BinaryFileError, DecodingError, decode_bytes

DATA = Path(__file__).parent / "data" / "load" / "encodings"

ENGLISH = "It’s a “framing” study — naïve café, 5 €…"
FRENCH = "Ça coûte cher à Zürich, dit-elle à l'Élysée."
CHINESE = "新华社北京1月11日电 国务委员兼外长王毅10日同俄罗斯外长拉夫罗夫通电话。"
TRADITIONAL = "新華社北京1月11日電 國務委員兼外長王毅同俄羅斯外長通電話。"
RUSSIAN = "МОСКВА, 10 января. Министр иностранных дел Сергей Лавров провёл переговоры."


@pytest.mark.parametrize(
    ("text", "codec", "detected"),
    [
        ("plain ASCII text\n", "utf-8", "utf-8"),
        (ENGLISH, "utf-8", "utf-8"),
        (ENGLISH, "utf-8-sig", "utf-8-sig"),
        (CHINESE, "utf-16", "utf-16"),
        (RUSSIAN, "utf-16", "utf-16"),
        (ENGLISH, "utf-32", "utf-32"),
        ("ASCII in UTF-16 without a byte-order mark", "utf-16-le", "utf-16-le"),
        (ENGLISH, "cp1252", "cp1252"),
        (FRENCH, "cp1252", "cp1252"),
        (FRENCH, "latin-1", "cp1252"),
        (CHINESE, "gbk", "gb18030"),
        (CHINESE + "𠀀", "gb18030", "gb18030"),
        (TRADITIONAL, "big5", "big5"),
        (RUSSIAN, "cp1251", "cp1251"),
    ],
)
def test_decodes_each_encoding(text, codec, detected):
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == detected
    assert not decoded.repaired


@pytest.mark.parametrize(
    "text",
    [ENGLISH, FRENCH, "Wang Yi’s “back to back” coordination — CSTO"],
)
def test_repairs_double_encoded_utf8(text):
    import ftfy  # noqa: F401  registers the "sloppy" codecs that real mojibake comes from

    mojibake = text.encode("utf-8").decode("sloppy-windows-1252")
    assert mojibake != text
    decoded = decode_bytes(mojibake.encode("utf-8"))
    assert decoded.text == text
    assert decoded.repaired


def test_correct_utf8_is_not_repaired():
    # Legitimate text that merely contains "Ã" must survive untouched.
    text = "São Paulo and ÃO are fine; so is Ångström."
    decoded = decode_bytes(text.encode("utf-8"))
    assert (decoded.text, decoded.repaired) == (text, False)


@pytest.mark.parametrize(
    ("name", "encoding", "expected"),
    [
        # Big5 punctuation in English: A1 58 dash, A1 A6 apostrophe, A1 A7/A8 quotes.
        ("2005-Bush.txt", "big5", "years of sabbatical—and then there came a day of fire"),
        ("2005-Bush.txt", "big5", "America’s"),
        ("1970-Nixon.txt", "big5", "“"),
        # One cp1252 "½¢" (half a cent) that charset-normalizer alone reads as Big5.
        ("1954-Eisenhower.txt", "cp1252", "cancellation of the ½¢ decrease"),
    ],
)
def test_real_legacy_files(name, encoding, expected):
    decoded = decode_bytes((DATA / name).read_bytes())
    assert decoded.encoding == encoding
    assert expected in decoded.text
    assert "\ufffd" not in decoded.text
    assert not any("\x80" <= char <= "\x9f" for char in decoded.text)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 8,
        b"\x00" * 100,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
    ],
)
def test_binary_is_refused(data):
    with pytest.raises(BinaryFileError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (b"\xef\xbb\xbfabc \xff", None, "invalid utf-8-sig"),
        (b"\xff\xfe\x00\xd8a\x00", None, "invalid utf-16"),
        (b"Plain words \x98\x81\x8d\x8f\x90\x9d\x98 and more", None, "undecodable bytes"),
        ("café".encode("cp1252"), "utf-8", "cannot decode as utf-8"),
        (b"abc", "no-such-codec", "cannot decode as no-such-codec"),
    ],
)
def test_undecodable_bytes(data, encoding, message):
    with pytest.raises(DecodingError, match=message):
        decode_bytes(data, encoding=encoding)


def test_forced_encoding_wins():
    assert decode_bytes("Ελλάδα".encode("cp1253"), encoding="cp1253").text == "Ελλάδα"


# The reviewer's case: a one-row cp1252 CSV (114 bytes) came out as Mac Roman, "DÈj‡ vu" and
# "ìexternal forcesî", with no quality flag and no load-report row, and the frame hit was lost.
TINY_CP1252_CSV = ('title,text\n"Déjà vu","Officials said “external forces” were behind the riots in Almaty'
                   ' — a claim denied by many."\n')


@pytest.mark.parametrize("text", [TINY_CP1252_CSV, TINY_CP1252_CSV.split("\n")[1] + "\n",
                                  "“Déjà vu”, à la carte — naïve.\n"])
def test_short_cp1252_is_not_read_as_mac_roman(text):
    decoded = decode_bytes(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")

