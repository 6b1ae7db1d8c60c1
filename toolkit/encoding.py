"""Turn the bytes of a file into text, whatever encoding it was saved in.

The steps, in order, and who does each:

1. **Byte-order marks** (Python's codecs): a UTF-32, UTF-8 or UTF-16 BOM settles
   the encoding; the BOM is dropped.
2. **UTF-16 without a BOM and binary files** (here): NUL bytes in every other
   position mean UTF-16; NUL bytes or many control bytes otherwise mean a
   binary file, which is refused (:class:`BinaryFileError`).
3. **Strict UTF-8** (Python's codecs). Most files are UTF-8, and a valid UTF-8
   decoding of a non-ASCII file is almost never an accident, so this is final.
   It is also fast: the legacy detector below is never run on UTF-8 files.
4. **Double-encoded UTF-8** (*ftfy*): text that was UTF-8, decoded as cp1252 or
   Latin-1 and saved as UTF-8 again ("itâ€™s") is repaired with
   ``ftfy.fix_encoding``, the maintained reference for mojibake repair, which
   only changes text when its "badness" heuristic is confident. Only the encoding
   fixes are switched on (no quote uncurling, no width folding, no lossy
   replacement), so legitimate text is left alone.
5. **Legacy encodings** (*charset-normalizer*, the maintained successor of
   chardet that requests uses): it proposes the encodings that decode the bytes
   cleanly. For mostly-English files with a handful of non-ASCII bytes its first
   guess is unreliable (it picks cp775 or Big5 for a cp1252 "½¢"), so every
   proposal, plus cp1252, Big5 and GB18030, is scored here by how implausible
   the decoded characters are (box drawing, controls, spacing modifiers, a lone
   CJK ideograph amid Latin text) and the least implausible wins; ties go to
   cp1252, then charset-normalizer's order (on a 114-byte cp1252 CSV its first
   proposals were cp1257 and mac_roman, and Mac Roman made "Déjà" "DÈj‡" at no cost). Latin-1 is read as cp1252, its superset in
   practice (as the WHATWG encoding standard does). When even the best
   decoding is mostly implausible the bytes are refused as undecodable
   (:class:`DecodingError`) rather than returned as mojibake.

Some real files are Big5 (cp950) punctuation in English text: the C-Span copy
of the 2005 inaugural address stores an em dash as ``A1 58`` ("\\xa1X"), a right
single quote as ``A1 A6``, curly double quotes as ``A1 A7``/``A1 A8`` and an
ellipsis as ``A1 4B``: those are the Big5 codes of the punctuation (the text was
saved from a Traditional Chinese Windows code page), not double-encoded UTF-8,
so decoding as Big5 restores ``—’“”…`` exactly. Step 5 finds this.

:func:`decode_bytes` returns a :class:`Decoded` (text, encoding, repaired).
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from toolkit.errors import BinaryFileError, DecodingError, LoadError

__all__ = ["BinaryFileError", "Decoded", "DecodingError", "decode_bytes"]


@dataclass(frozen=True)
class Decoded:
    """Decoded text with how it was decoded.

    Attributes
    ----------
    text : str
        The text, BOM removed, otherwise exactly as decoded (no normalisation).
    encoding : str
        Python codec name used ("utf-8", "utf-8-sig", "utf-16", "cp1252", "big5"...).
    repaired : bool
        True when ftfy repaired double-encoded UTF-8.
    """

    text: str
    encoding: str
    repaired: bool = False


# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text files (tab, newlines, form feed and ESC excepted).
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + bytes(range(0x0E, 0x1B)) + bytes(range(0x1C, 0x20))
_OTHER_BYTES = bytes(set(range(256)) - set(_CONTROL_BYTES))
_EXTRA_CANDIDATES = ("cp1252", "big5", "gb18030", "iso8859-1")
# Refuse rather than return mojibake: above this mean cost (see _implausibility)
# the bytes are reported as undecodable.
_MAX_IMPLAUSIBILITY = 0.5
# The legacy encodings of the WHATWG Encoding Standard (what browsers decode):
# charset-normalizer also proposes DOS and old Mac code pages (cp775, cp850,
# hp_roman8...) that fit mostly-ASCII bytes by accident and are not worth it.
_WEB_ENCODINGS = frozenset(
    codecs.lookup(name).name
    for name in (
        "iso8859_1 cp866 iso8859_2 iso8859_3 iso8859_4 iso8859_5 iso8859_6 iso8859_7 iso8859_8"
        " iso8859_10 iso8859_13 iso8859_14 iso8859_15 iso8859_16 koi8_r koi8_u mac_roman"
        " cp874 cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258"
        " mac_cyrillic gbk gb18030 big5 cp950 euc_jp iso2022_jp shift_jis cp932 euc_kr cp949"
    ).split()
)
_FTFY_CONFIG = None  # built on first use: importing ftfy costs time


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode *data* to text, detecting the encoding unless one is given.

    Parameters
    ----------
    data : bytes
        The raw file content.
    encoding : str, optional
        A Python codec name to use instead of detection (errors still raise).

    Returns
    -------
    Decoded

    Raises
    ------
    BinaryFileError
        When the bytes look binary.
    DecodingError
        When the given *encoding* fails, or no encoding decodes the bytes.
    """
    if encoding is not None:
        return _decode_forced(data, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec).lstrip("\ufeff"), codec)
            except UnicodeDecodeError as error:
                raise DecodingError(f"invalid {codec} after its byte-order mark: {error}") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise BinaryFileError("binary file (control or NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)
    if text.isascii():
        return Decoded(text, "utf-8")
    return _repair_double_encoding(text)


def decode_file(data: bytes, path: str, encoding: str | None = None) -> str:
    """The text of a file's bytes (:func:`decode_bytes`); a :class:`LoadError` naming *path* when it is not text."""
    try:
        return decode_bytes(data, encoding=encoding).text
    except DecodingError as error:
        raise LoadError(path, str(error)) from None


def _decode_forced(data: bytes, encoding: str) -> Decoded:
    """Decode with the codec the user forced, refusing what is plainly the wrong codec.

    A forced codec skips detection, not the plausibility check: UTF-8 bytes read
    as UTF-16 decode "cleanly" into runs of CJK ideographs, so UTF-16/32 is
    refused for bytes without a NUL that are valid UTF-8 (Latin text in UTF-16
    is half NUL bytes) and that read as UTF-8 text (spaces, no control bytes;
    CJK in UTF-16 is full of control bytes when read as UTF-8), and any decoding that is mostly implausible characters
    (see :func:`_implausibility`) is refused as for detected codecs.
    """
    try:
        text = data.decode(encoding)
    except (UnicodeError, LookupError) as error:  # the "undefined" codec raises UnicodeError
        raise DecodingError(f"cannot decode as {encoding}: {error}") from None
    if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")) and _plain_utf8_text(data):
        raise DecodingError(f"the bytes are UTF-8 (no NUL bytes), not {encoding}: drop encoding= or pass 'utf-8'")
    score = _implausibility(text[:200_000])
    if score > _MAX_IMPLAUSIBILITY:
        raise DecodingError(f"decoding as {encoding} gives mostly unlikely characters (implausibility {score:.2f}): "
                            "the file is probably in another encoding; drop encoding= to detect it")
    return Decoded(text, encoding)


def _plain_utf8_text(data: bytes) -> bool:
    """Valid UTF-8 with no control bytes and at least 5% blanks: text as people write it."""
    sample = data[:65536]
    if b"\x00" in sample or len(sample.translate(None, _OTHER_BYTES)) or _decodes(data, "utf-8") is None:
        return False
    blanks = sample.count(b" ") + sample.count(b"\n") + sample.count(b"\t")
    return blanks >= 0.05 * len(sample)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, chars, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros) and chars.count(0) < 0.1 * len(chars):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    n_control = len(sample.translate(None, _OTHER_BYTES))  # C speed, no regex
    return n_control > 0.01 * len(sample) + 2


def _repair_double_encoding(text: str) -> Decoded:
    """Undo UTF-8 that was decoded as cp1252/Latin-1 and re-encoded (ftfy)."""
    global _FTFY_CONFIG
    import ftfy

    if _FTFY_CONFIG is None:
        _FTFY_CONFIG = ftfy.TextFixerConfig(
            unescape_html=False,
            remove_terminal_escapes=False,
            replace_lossy_sequences=False,
            fix_c1_controls=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            uncurl_quotes=False,
            fix_line_breaks=False,
            fix_surrogates=False,
            remove_control_chars=False,
            normalization=None,
            explain=False,
        )
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    if fixed != text and fixed.count("\ufffd") <= text.count("\ufffd"):
        return Decoded(fixed, "utf-8", repaired=True)
    return Decoded(text, "utf-8")


def _decode_legacy(data: bytes) -> Decoded:
    """Pick the least implausible decoding among charset-normalizer's proposals."""
    import charset_normalizer

    proposals = [codecs.lookup(m.encoding).name for m in charset_normalizer.from_bytes(data)]
    # Latin-1 is read as cp1252, its superset in practice.
    proposals = ["cp1252" if name == "iso8859-1" and _decodes(data, "cp1252") else name for name in proposals]
    candidates = [name for name in proposals if name in _WEB_ENCODINGS]
    best = None
    # Ties go to cp1252 first: on a short input charset-normalizer may rank mac_roman or cp1257 above it, and
    # a cp1252 "Déjà vu ... “external forces”" read as Mac Roman ("DÈj‡ vu ... ìexternal forcesî") costs nothing
    # more, each odd character standing alone; cp1252 is by far the commoner (the WHATWG default for the West).
    for rank, codec in enumerate(dict.fromkeys(["cp1252"] + candidates + list(_EXTRA_CANDIDATES))):
        text = _decodes(data, codec)
        if text is None:
            continue
        score = (_implausibility(text), rank)
        if best is None or score < best[0]:
            best = (score, text, codec)
    if best is None or best[0][0] > _MAX_IMPLAUSIBILITY:
        guess = f" (best guess {best[2]} gives mostly unlikely characters)" if best else ""
        raise DecodingError(f"undecodable bytes: not UTF-8 and no known encoding fits{guess}")
    return Decoded(best[1], best[2])


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


_SUSPICIOUS_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Sk", "Lm", "So"})
_WELL_KNOWN_SYMBOLS = frozenset("©®°™№")


def _implausibility(text: str) -> float:
    """Mean cost of the non-ASCII characters of *text*: 0 is plausible, 1 is not.

    Cost 0: general punctuation (dashes, curly quotes, ellipsis), printable
    Latin-1 letters and signs alone or in pairs, currency signs, ideographic space, CJK in runs,
    letters of other scripts in runs (Cyrillic, Greek, ...). Cost 0.5: Latin
    Extended letters (legitimate in Central European text, but what a wrong
    code page makes of English punctuation). Cost 1: controls, private use,
    unassigned code points, spacing modifiers, box drawing, rare symbols,
    runs of three or more Latin-1 characters, and a CJK character standing
    alone between ASCII (real Chinese comes in runs).
    """
    costs = [_cost(text, i) for i, char in enumerate(text) if ord(char) > 127]
    return sum(costs) / len(costs) if costs else 0.0


def _cost(text: str, i: int) -> float:
    char = text[i]
    code = ord(char)
    if 0x2000 <= code <= 0x206F or 0x20A0 <= code <= 0x20CF or code == 0x3000:
        return 0.0
    category = unicodedata.category(char)
    if char in _WELL_KNOWN_SYMBOLS:
        return 0.0
    if char == "\ufffd" or category in _SUSPICIOUS_CATEGORIES or 0x80 <= code <= 0x9F:
        return 1.0
    if code <= 0xFF:
        # Accented letters come alone or in pairs ("Größe"); runs of three or
        # more are what a wrong single-byte code page makes of CJK ("ÐÂ»ªÉç").
        return 1.0 if _latin1_run(text, i) >= 3 else 0.0
    if 0x100 <= code <= 0x24F:
        return 0.5
    in_run = _non_ascii_letter(text, i - 1) or _non_ascii_letter(text, i + 1)
    if _is_cjk(char):
        return 0.0 if _is_cjk_at(text, i - 1) or _is_cjk_at(text, i + 1) else 1.0
    return 0.0 if category.startswith("L") and in_run else 1.0


def _latin1_run(text: str, i: int) -> int:
    start, end = i, i + 1
    while start > 0 and 0x80 <= ord(text[start - 1]) <= 0xFF:
        start -= 1
    while end < len(text) and 0x80 <= ord(text[end]) <= 0xFF:
        end += 1
    return end - start


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def _is_cjk_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _is_cjk(text[i])


def _non_ascii_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and ord(text[i]) > 127 and text[i].isalpha()
