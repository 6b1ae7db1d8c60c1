"""News-archive exports: Nexis Uni / LexisNexis, Factiva and Media Cloud, article by article.

Libraries subscribe to Nexis Uni (LexisNexis) and Factiva, and most framing studies take
their articles from them. Their exports hold many articles per file, with the metadata in
labelled lines or field codes; Media Cloud's story lists hold URLs and metadata but no text.
This module recognises each export **by its content** (not its file name) and turns it into
one would-be article per story, so :func:`toolkit.load_articles` reads them like any other
input. Formats, as documented by the archives and read by LexisNexisTools (R) and
tm.plugin.factiva (R):

=======================  ================================================================
``nexis-docx``           Nexis Uni Word export: articles separated by "End of Document";
                         title, outlet and date lines, then ``Section:``, ``Length:``,
                         ``Byline:`` ..., ``Body``, then ``Classification``, ``Language:``,
                         ``Load-Date:``. A cover page ("Date and Time:", "Job Number:",
                         "Documents (10)") is skipped.
``nexis-text``           the same layout as plain text (Nexis Uni RTF or TXT)
``lexisnexis-text``      LexisNexis Academic TXT/RTF: "1 of 10 DOCUMENTS", outlet, date,
                         title, ``BYLINE:``, ``SECTION:``, ``LENGTH:``, body, ``LOAD-DATE:``,
                         ``LANGUAGE:``, copyright lines
``factiva-html``         Factiva "Full Article/Report" HTML: ``div.article`` per story, either
                         the field-code table (HD, BY, WC, PD, SN, SC, LA, CY, LP, TD, AN ...)
                         or the class-based layout (``enHeadline``, ``author``, unlabelled
                         lines for words, date, source, language, copyright,
                         ``articleParagraph``, "Document ...")
``factiva-xml``          Factiva XML (``ppsarticle`` / ``article`` with ``headline``,
                         ``leadParagraph``, ``tailParagraphs``, ``publicationDate``, ...)
``factiva-text``         Factiva RTF or TXT, with field codes or the plain layout, stories
                         ending in "Document ..."
``document``             a Word or RTF file that is not an export: one article
``mediacloud-csv``       Media Cloud story list (``media_name``, ``url``, ``publish_date``,
                         ``title``; no text): joined by URL with the saved pages or text
                         table loaded with it, see :func:`toolkit.load_articles`
=======================  ================================================================

RTF is turned into text with **striprtf** and then read as text; DOCX with **python-docx**;
HTML and XML with **lxml**. Every article of an export becomes an :class:`ExportArticle`
(its ``position`` is its 1-based place in the export) or an :class:`ExportProblem` ("article
7 of 10: no body text"). Articles that repeat an earlier one of the same export (Nexis often
delivers the same story twice) get ``export_duplicate_of``: the position of the first copy.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd
from lxml import etree
from lxml import html as lxml_html

from toolkit.clean import parse_date
from toolkit.encoding import decode_file
from toolkit.errors import LoadError, ParameterError

__all__ = ["EXPORT_KINDS", "ExportArticle", "ExportProblem", "read_export", "read_if_export", "sniff_export"]

EXPORT_KINDS = (
    "document", "nexis-docx", "nexis-text", "lexisnexis-text", "factiva-html", "factiva-xml", "factiva-text", "mediacloud-csv",
)
#: Suffixes whose content is checked for an export (others go to the ordinary readers).
SNIFFED_SUFFIXES = ("", ".txt", ".text", ".htm", ".html", ".xhtml", ".xml", ".rtf", ".docx", ".csv")
_SNIFF_BYTES = 512 * 1024


@dataclass
class ExportArticle:
    """One article of an export: article fields (see toolkit.readers.FIELDS) and extras."""

    position: int
    fields: dict
    extras: dict = field(default_factory=dict)


@dataclass
class ExportProblem:
    """An article of an export that could not be read, with its position."""

    position: int | None
    reason: str


# ---------------------------------------------------------------------------------------
# Recognising an export
# ---------------------------------------------------------------------------------------

_END_OF_DOCUMENT = re.compile(r"^[ \t]*End of Document[ \t]*$", re.M)
_NEXIS_LABELS = re.compile(r"^[ \t]*(?:Length|Load-Date|Byline|Section):", re.M)
_N_OF_DOCUMENTS = re.compile(r"^[ \t]*(\d+) of (\d+) DOCUMENTS[ \t]*$", re.M | re.I)
_FACTIVA_DOCUMENT = re.compile(r"^[ \t]*(?:AN[ \t]+)?Document [A-Za-z0-9]{10,}[ \t]*$", re.M)
_FACTIVA_CODE_HD = re.compile(r"^[ \t]*HD(?:\t|[ \t]*$)", re.M)
_MEDIACLOUD_MARKS = ("stories_id", "media_url", "media_id", "indexed_date")


def sniff_export(data: bytes, name: str) -> str | None:
    """The export kind of a file's bytes (one of :data:`EXPORT_KINDS`), or None.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        Its name; only used to skip formats that are never exports (Parquet, Excel...).
    """
    return _sniff(data, name)[0]


def read_if_export(data: bytes, name: str, *, path: str | None = None, encoding: str | None = None) -> list | None:
    """:func:`read_export` when *data* is an export (see :func:`sniff_export`), else None.

    *name* gives the format (a ``.gz`` member's name without ``.gz``), *path* names the file
    in errors (default *name*). A Word or RTF file is turned into text once, for recognising
    it and for reading it.
    """
    kind, extracted = _sniff(data, name)
    return None if kind is None else _read(kind, data, path or name, encoding, extracted)


def _sniff(data: bytes, name: str) -> tuple[str | None, list[str] | str | None]:
    """The export kind, and the DOCX lines or RTF text extracted to find it (else None)."""
    suffix = _suffix(name)
    if suffix not in SNIFFED_SUFFIXES and "." in name.rsplit("/", 1)[-1]:
        return None, None
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"PK"):
        if not _is_docx(data):
            return None, None
        lines = _docx_lines(data, name)
        return ("nexis-docx" if _text_kind("\n".join(lines)) else "document"), lines
    if _is_rtf(data):
        text = _rtf_text(data)
        return (_text_kind(text) or "document"), text
    lowered = head.lower()
    if b"<ppsarticle" in lowered:
        return "factiva-xml", None
    if b"<html" in lowered or b"<div" in lowered:
        return ("factiva-html" if _is_factiva_html(lowered) else None), None
    try:
        text = head.decode("utf-8", errors="replace")
    except Exception:  # pragma: no cover - decode with errors="replace" does not raise
        return None
    if suffix == ".csv" or suffix == "":
        header = text.split("\n", 1)[0].lower()
        names = {c.strip().strip('"') for c in header.split(",")}
        if "media_name" in names and "url" in names and any(m in names for m in _MEDIACLOUD_MARKS):
            return "mediacloud-csv", None
    return _text_kind(text), None


def _is_rtf(data: bytes) -> bool:
    return data[:_SNIFF_BYTES].lstrip()[:5].lower() == b"{\\rtf"


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1].lower()
    return "." + base.rsplit(".", 1)[1] if "." in base else ""


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _is_factiva_html(lowered: bytes) -> bool:
    has_article = re.search(rb"<div[^>]+class=[\"']article(?: [a-z]{2}article)?[\"']", lowered) is not None
    return has_article and (b"articleparagraph" in lowered or b"<b>hd</b>" in lowered)


def _text_kind(text: str) -> str | None:
    if _N_OF_DOCUMENTS.search(text):
        return "lexisnexis-text"
    if _END_OF_DOCUMENT.search(text) and _NEXIS_LABELS.search(text):
        return "nexis-text"
    if _FACTIVA_DOCUMENT.search(text) and (_FACTIVA_CODE_HD.search(text) or _WORDS_LINE.search(text)):
        return "factiva-text"
    return None


# ---------------------------------------------------------------------------------------
# Reading an export
# ---------------------------------------------------------------------------------------


def read_export(kind: str, data: bytes, name: str, *, encoding: str | None = None) -> list:
    """Read an export of *kind*; return ExportArticle and ExportProblem items in order.

    Raises
    ------
    LoadError
        When the file as a whole cannot be read as that export.
    """
    if kind not in EXPORT_KINDS:
        raise ParameterError(f"kind: expected one of {EXPORT_KINDS}, got {kind!r}")
    return _read(kind, data, name, encoding, None)


def _read(kind: str, data: bytes, name: str, encoding, extracted) -> list:
    """:func:`read_export`, given the DOCX lines or RTF text already *extracted* (or None)."""
    if data.startswith(b"PK"):
        lines = extracted if extracted is not None else _docx_lines(data, name)
        if kind == "document":  # a Word file that is not an export: one article
            return [_article(1, 1, {"title": None, "paragraphs": lines}, {})]
        return _mark_duplicates(_nexis_uni(lines))
    if kind == "factiva-xml":
        return _mark_duplicates(_factiva_xml(data, name))
    if kind == "mediacloud-csv":
        return _media_cloud(decode_file(data, name, encoding), name)
    if _is_rtf(data):
        text = extracted if extracted is not None else _rtf_text(data)
    else:
        text = decode_file(data, name, encoding)
    if kind == "document":  # an RTF file that is not an export: one article
        return [_article(1, 1, {"title": None, "paragraphs": text.split("\n")}, {})]
    if kind == "factiva-html":
        return _mark_duplicates(_factiva_html(text, name))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = {"nexis-text": _nexis_uni, "lexisnexis-text": _lexisnexis, "factiva-text": _factiva_text}[kind]
    return _mark_duplicates(reader(lines))



def _rtf_text(data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    # RTF is 7-bit by definition; other characters arrive as \'hh or \uN escapes.
    return rtf_to_text(data.decode("latin-1"), errors="ignore")


def _docx_lines(data: bytes, name: str) -> list[str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several types for a damaged file
        raise LoadError(name, f"unreadable Word file: {error}") from None
    lines = []
    for block in document.element.body.iterchildren():
        tag = etree.QName(block).localname
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter("{*}t")))
        elif tag == "tbl":  # the cover page's table ("Search Terms", "Narrowed by") and the like
            for row in block.iter("{*}tr"):
                lines.append(" ".join("".join(t.text or "" for t in cell.iter("{*}t")) for cell in row.iter("{*}tc")))
    return lines


def _mark_duplicates(items: list) -> list:
    """Give later copies of an article within one export the position of the first."""
    first: dict[str, int] = {}
    for item in items:
        if isinstance(item, ExportArticle):
            key = hashlib.blake2b(
                (_squash(item.fields.get("title", "")) + "\n" + _squash(item.fields["text"])).encode(), digest_size=16
            ).hexdigest()
            if key in first:
                item.extras["export_duplicate_of"] = first[key]
            else:
                first[key] = item.position
    return items


def _squash(text) -> str:
    return " ".join(str(text or "").lower().split())


def _article(position: int, total: int, fields: dict, extras: dict):
    """An ExportArticle, or an ExportProblem when it has no text."""
    text = "\n\n".join(p for p in (line.strip() for line in fields.pop("paragraphs")) if p)
    if not text:
        return ExportProblem(position, f"article {position} of {total}: no body text")
    fields = {key: value for key, value in fields.items() if value not in (None, "")}
    fields["text"] = text
    fields.setdefault("title", "")
    extras = {key: value for key, value in extras.items() if value not in (None, "")}
    extras["export_position"] = f"{position} of {total}"
    return ExportArticle(position, fields, extras)


_LANGUAGES = {
    "english": "en", "en": "en", "français": "fr", "french": "fr", "fr": "fr", "deutsch": "de", "german": "de",
    "de": "de", "español": "es", "spanish": "es", "es": "es", "russian": "ru", "русский": "ru", "ru": "ru",
    "chinese": "zh", "中文": "zh", "zh": "zh", "chinese-simplified": "zh", "chinese-traditional": "zh",
    "italiano": "it", "italian": "it", "it": "it", "português": "pt", "portuguese": "pt", "pt": "pt",
    "arabic": "ar", "العربية": "ar", "ar": "ar", "japanese": "ja", "日本語": "ja", "ja": "ja", "dutch": "nl",
    "nederlands": "nl", "nl": "nl", "turkish": "tr", "türkçe": "tr", "tr": "tr",
}


def _language(value: str) -> str:
    value = (value or "").strip()
    return _LANGUAGES.get(value.lower(), value.lower())


def _words(value: str) -> int | None:
    match = re.match(r"\s*([\d,.]+)\s*(?:words|mots|wörter|palabras|слов)?", value or "", re.I)
    return int(re.sub(r"[,.]", "", match.group(1))) if match else None


# ---------------------------------------------------------------------------------------
# Nexis Uni (DOCX, RTF, TXT)
# ---------------------------------------------------------------------------------------

_NEXIS_HEAD = ("section", "length", "byline", "dateline", "highlight", "type", "journal-code")
_NEXIS_TAIL = (
    "classification", "language", "publication-type", "subject", "geographic", "industry", "person",
    "organization", "company", "ticker", "load-date", "document-type", "graphic", "notes", "url", "journal-code",
)
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z\-]{1,24}):\s*(.*)$")
_COPYRIGHT = re.compile(r"^\s*(?:Copyright|©|\(c\)|All Rights Reserved)", re.I)
_COVER = re.compile(
    r"^\s*(?:User Name:|Date and Time:|Job Number:|Documents? \(\d+\)|Client/Matter:|Search Terms:|"
    r"Search Type:|Narrowed by|Content Type|Sources?:|Timeline:|\d+\.\s)",
    re.I,
)


def _nexis_uni(lines: list[str]) -> list:
    blocks, current = [], []
    for line in lines:
        if _END_OF_DOCUMENT.match(line):
            blocks.append(current)
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        blocks.append(current)  # a last article without its "End of Document"
    total = len(blocks)
    return [_nexis_uni_article(block, position, total) for position, block in enumerate(blocks, start=1)]


def _nexis_uni_article(block: list[str], position: int, total: int):
    lines = [line.strip() for line in block]
    labels = [i for i, line in enumerate(lines) if _label(line) in _NEXIS_HEAD]
    if not labels:
        return ExportProblem(position, f"article {position} of {total}: no Section/Length/Byline lines")
    head = [line for line in lines[: labels[0]] if line and not _COPYRIGHT.match(line)]
    date_at = next((i for i in range(len(head) - 1, -1, -1) if _looks_like_date(head[i])), None)
    if date_at is None or date_at < 2:
        return ExportProblem(position, f"article {position} of {total}: no title, outlet and date before the metadata")
    title, outlet, date = head[date_at - 2], head[date_at - 1], head[date_at]
    meta = _labelled(lines[labels[0] :])
    body_start = next((i for i, line in enumerate(lines) if line == "Body"), None)
    if body_start is None:  # older exports: the body follows the last header label
        body_start = max(i for i, line in enumerate(lines) if _label(line) in _NEXIS_HEAD)
    paragraphs = []
    for line in lines[body_start + 1 :]:
        name = _label(line) if ":" in line else line.lower()
        if name in _NEXIS_TAIL or line in ("Classification", "Graphic", "Notes"):
            break
        paragraphs.append(line)
    return _article(
        position, total,
        {"title": title, "outlet": outlet, "date": date, "author": meta.get("byline", ""),
         "dateline": meta.get("dateline", ""), "language": _language(meta.get("language", "")),
         "paragraphs": paragraphs},
        {"section": meta.get("section", ""), "length": _words(meta.get("length", "")),
         "publication_type": meta.get("publication-type", ""), "load_date": meta.get("load-date", ""),
         "export": "Nexis Uni"},
    )


def _label(line: str) -> str:
    match = _LABEL.match(line)
    return match.group(1).lower() if match else ""


def _labelled(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = _LABEL.match(line)
        if match:
            found.setdefault(match.group(1).lower(), match.group(2).strip())
    return found


def _looks_like_date(line: str) -> bool:
    return len(line) < 80 and parse_date(line) is not None


# ---------------------------------------------------------------------------------------
# LexisNexis Academic ("1 of 10 DOCUMENTS")
# ---------------------------------------------------------------------------------------

_LN_HEAD = ("byline", "section", "length", "dateline", "highlight", "headline")
_LN_TAIL = ("load-date", "language", "publication-type", "document-type", "graphic", "url", "subject", "journal-code")


def _lexisnexis(lines: list[str]) -> list:
    starts = [i for i, line in enumerate(lines) if _N_OF_DOCUMENTS.match(line)]
    total = int(_N_OF_DOCUMENTS.match(lines[starts[0]]).group(2)) if starts else 0
    total = max(total, len(starts))
    items = []
    for number, start in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(lines)
        position = int(_N_OF_DOCUMENTS.match(lines[start]).group(1))
        items.append(_lexisnexis_article(lines[start + 1 : end], position, total))
    return items


def _lexisnexis_article(raw: list[str], position: int, total: int):
    lines = [line.strip() for line in raw]
    labels = [i for i, line in enumerate(lines) if _label(line) in _LN_HEAD]
    if not labels:
        return ExportProblem(position, f"article {position} of {total}: no BYLINE/SECTION/LENGTH lines")
    # Outlet, date and edition lines are centred (indented); the headline starts at the margin.
    head = [line for line in raw[: labels[0]] if line.strip() and not _COPYRIGHT.match(line)]
    date_at = next((i for i, line in enumerate(head) if _looks_like_date(line.strip())), None)
    if date_at is None or date_at == 0:
        return ExportProblem(position, f"article {position} of {total}: no outlet and date before the metadata")
    meta = _labelled(lines)
    edition = " ".join(line.strip() for line in head[date_at + 1 :] if line[:1].isspace())
    title = meta.get("headline") or " ".join(line.strip() for line in head[date_at + 1 :] if not line[:1].isspace())
    head = [line.strip() for line in head]
    last_head = max(i for i, line in enumerate(lines) if _label(line) in _LN_HEAD)
    paragraphs, current = [], []
    for line in lines[last_head + 1 :]:
        if _label(line) in _LN_TAIL or _COPYRIGHT.match(line):
            break
        if line:
            current.append(line)
        elif current:  # a blank line ends a paragraph; wrapped lines are joined
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return _article(
        position, total,
        {"title": title, "outlet": head[0], "date": head[date_at], "author": meta.get("byline", ""),
         "dateline": meta.get("dateline", ""), "language": _language(meta.get("language", "")),
         "paragraphs": paragraphs},
        {"section": meta.get("section", ""), "length": _words(meta.get("length", "")),
         "publication_type": meta.get("publication-type", ""), "load_date": meta.get("load-date", ""),
         "edition": edition, "export": "LexisNexis"},
    )


# ---------------------------------------------------------------------------------------
# Factiva (HTML, XML, RTF/TXT)
# ---------------------------------------------------------------------------------------

_FACTIVA_CODES = (
    "HD", "BY", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "LA", "CY", "LP", "TD", "CT", "RF", "CO", "IN", "NS", "RE",
    "IPC", "IPD", "PUB", "AN", "SE", "CR", "ART", "NGC", "GC",
)
_CODE_LINE = re.compile(r"^[ \t]*(" + "|".join(_FACTIVA_CODES) + r")(?:\t+(.*)|[ \t]*)$")
_WORDS_LINE = re.compile(r"^[ \t]*[\d,.]+ (?:words|mots|Wörter|palabras|слов)[ \t]*$", re.M | re.I)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?: ?[AP]M)?(?: [A-Z]{2,4})?$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{3,12}$")


def _factiva_record(codes: dict[str, list[str]], position: int, total: int):
    """An article from Factiva's field codes (values as lists of paragraphs)."""
    def one(code):
        return " ".join(" ".join(codes.get(code, [])).split())

    return _article(
        position, total,
        {"title": one("HD"), "outlet": one("SN"), "date": one("PD"), "author": one("BY"),
         "language": _language(one("LA")), "paragraphs": codes.get("LP", []) + codes.get("TD", [])},
        {"word_count": _words(one("WC")), "section": one("SE"), "source_code": one("SC"),
         "accession_number": one("AN").removeprefix("Document ").strip(), "publisher": one("PUB"),
         "copyright": one("CY"), "edition": one("ED"), "export": "Factiva"},
    )


def _plain_record(header: list[str], paragraphs: list[str], accession: str, position: int, total: int):
    """An article from Factiva's unlabelled layout: title, author, words, date, source ..."""
    codes: dict[str, list[str]] = {"LP": [], "TD": paragraphs, "AN": [accession]}
    words_at = next((i for i, line in enumerate(header) if _WORDS_LINE.match(line)), None)
    if words_at is None or words_at == 0:
        return ExportProblem(position, f"article {position} of {total}: no title and word count")
    codes["HD"] = [header[0]]
    byline = [line for line in header[1:words_at]]
    if byline:
        codes["BY"] = [re.sub(r"^By\s+", "", " ".join(byline))]
    codes["WC"] = [header[words_at]]
    for line in header[words_at + 1 :]:
        if "PD" not in codes and _looks_like_date(line):
            codes["PD"] = [line]
        elif _TIME.match(line):
            codes["ET"] = [line]
        elif _COPYRIGHT.match(line):
            codes["CY"] = [line]
        elif line.lower() in _LANGUAGES:
            codes["LA"] = [line]
        elif _SOURCE_CODE.match(line) and "SN" in codes:
            codes["SC"] = [line]
        elif "SN" not in codes:
            codes["SN"] = [line]
    return _factiva_record(codes, position, total)


def _factiva_html(text: str, name: str) -> list:
    try:
        tree = lxml_html.fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise LoadError(name, f"unreadable HTML: {error}") from None
    stories = [
        div for div in tree.iter("div")
        if (div.get("class") or "").split()[:1] == ["article"]
    ]
    total = len(stories)
    items = []
    for position, div in enumerate(stories, start=1):
        cells = div.xpath(".//td[contains(concat(' ', @class, ' '), ' index ')]")
        if cells:
            codes = {}
            for cell in cells:
                code = " ".join(cell.text_content().split())
                value = cell.getnext()
                if value is None or code not in _FACTIVA_CODES:
                    continue
                paragraphs = value.xpath(".//p")
                codes[code] = [p.text_content() for p in paragraphs] or [value.text_content()]
            items.append(_factiva_record(codes, position, total))
            continue
        paragraphs = [p.text_content() for p in div.xpath(".//p[contains(@class, 'articleParagraph')]")]
        header = []
        for element in div.iter("div", "span"):
            klass = element.get("class") or ""
            if element is div or "articleParagraph" in klass:
                continue
            if "Headline" in klass or element.get("id") == "hd" or klass == "author" or not klass:
                own = " ".join(element.text_content().split())
                if own and own not in header and not element.xpath(".//div"):
                    header.append(own)
        accession = next((line for line in header if _FACTIVA_DOCUMENT.match(line)), "")
        header = [line for line in header if line != accession]
        items.append(_plain_record(header, paragraphs, accession, position, total))
    return items


def _factiva_xml(data: bytes, name: str) -> list:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise LoadError(name, f"invalid XML: {error}") from None
    stories = [node for node in root.iter("{*}article", "article")]
    total = len(stories)
    items = []
    for position, node in enumerate(stories, start=1):
        def values(path):
            return [" ".join("".join(e.itertext()).split()) for e in node.iterfind(path)]

        date = values("{*}publicationDate/{*}date") or values("{*}publicationDate/{*}dateTime")
        codes = {
            "HD": values("{*}headline"), "BY": values("{*}byline"), "SN": values("{*}sourceName"),
            "PD": date[:1], "LA": values("{*}baseLanguage"), "WC": values("{*}wordCount"),
            "SE": values("{*}sectionName"), "SC": values("{*}sourceCode"), "AN": values("{*}accessionNo"),
            "CY": values("{*}copyright"), "PUB": values("{*}publisherName"), "ED": values("{*}edition"),
            "LP": values("{*}leadParagraph/{*}paragraph"), "TD": values("{*}tailParagraphs/{*}paragraph"),
        }
        items.append(_factiva_record(codes, position, total))
    return items


def _factiva_text(lines: list[str]) -> list:
    blocks, current = [], []
    for line in lines:
        if _FACTIVA_DOCUMENT.match(line):
            blocks.append((current, re.sub(r"^\s*(?:AN\s+)?", "", line).strip()))
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        blocks.append((current, ""))
    total = len(blocks)
    items = []
    for position, (block, accession) in enumerate(blocks, start=1):
        if any(_CODE_LINE.match(line) and _CODE_LINE.match(line).group(1) == "HD" for line in block):
            codes: dict[str, list[str]] = {"AN": [accession]}
            code = None
            for line in block:
                match = _CODE_LINE.match(line)
                if match:
                    code = match.group(1)
                    codes.setdefault(code, [])
                    if match.group(2):
                        codes[code].append(match.group(2))
                elif code is not None and line.strip():
                    codes[code].append(line.strip())
            items.append(_factiva_record(codes, position, total))
        else:
            stripped = [line.strip() for line in block]
            words_at = next((i for i, line in enumerate(stripped) if _WORDS_LINE.match(line)), None)
            start = next((i for i, line in enumerate(stripped) if line), 0)
            end = len(stripped)
            if words_at is not None:  # the header runs to the copyright line or the first blank after it
                end = next((i + 1 for i in range(words_at, len(stripped)) if _COPYRIGHT.match(stripped[i])), None) or \
                    next((i for i in range(words_at, len(stripped)) if not stripped[i]), len(stripped))
            header = [line for line in stripped[start:end] if line]
            paragraphs = [line for line in stripped[end:] if line]
            items.append(_plain_record(header, paragraphs, accession, position, total))
    return items


# ---------------------------------------------------------------------------------------
# Media Cloud story lists
# ---------------------------------------------------------------------------------------

_STORY_TEXT = ("text", "story_text", "full_text", "content")


def _media_cloud(text: str, name: str) -> list:
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise LoadError(name, f"malformed Media Cloud CSV: {error}") from None
    text_column = next((c for c in _STORY_TEXT if c in table.columns), None)
    total = len(table)
    items = []
    for position, record in enumerate(table.to_dict("records"), start=1):
        story_text = record.pop(text_column, "") if text_column else ""
        fields = {
            "url": record.pop("url", ""), "title": record.pop("title", ""),
            "date": record.pop("publish_date", ""), "outlet": record.pop("media_name", ""),
            "language": _language(record.pop("language", "")),
        }
        if not fields["url"] and not story_text.strip():
            items.append(ExportProblem(position, f"story {position} of {total}: no URL and no text"))
            continue
        # A story without text is joined with a page or table row of the same URL by the loader.
        fields["text"] = story_text if story_text.strip() else None
        extras = {key: value for key, value in record.items() if value != ""}
        extras["export_position"] = f"{position} of {total}"
        extras["export"] = "Media Cloud"
        items.append(ExportArticle(position, {k: v for k, v in fields.items() if v not in ("",)}, extras))
    return items
