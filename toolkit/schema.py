"""The column names of every table the toolkit passes around, defined once.

An *articles* DataFrame has one row per article and at least the columns in
:data:`ARTICLE_COLUMNS`, in that order; loaders may append further metadata
columns found in the input (they keep their original names). Every analysis
takes an articles DataFrame first and returns a new DataFrame; none mutates
its input.

==============  ================  =====================================================
column          dtype             meaning
==============  ================  =====================================================
doc_id          str               stable identifier: the input's id column when it has
                                  one, else a hash of the file's path relative to the
                                  loaded source plus the row or line number; the same
                                  on every run and machine
title           str               headline ("" when unknown)
text            str               clean body text: site chrome, byline and dateline
                                  removed, Unicode NFC, line endings ``\\n``; all
                                  character offsets (``start``/``end``) index into it
outlet          str               publisher, canonical name ("Xinhua", "China Daily"; see
                                  toolkit/outlets.yaml): the input's outlet column, else
                                  a known URL domain's, else a saved page's site name,
                                  else the URL's registrable domain, else the byline
                                  or the dateline's agency
wire            str               news agency named in the dateline ("(Reuters) -",
                                  "/TASS/"), canonical name; "" when none. Never
                                  replaces the publisher
date            datetime64[ns]    publication date (NaT when unknown or unparseable)
dateline        str               place of the dateline ("BEIJING"), "" when none
url             str               canonical URL, "" when unknown
author          str               byline author(s), "" when unknown
language        str               ISO 639-1 code ("en", "zh", "ru"), "" when unknown
n_words         int64             number of word tokens in ``text`` (``\\w+`` runs)
quality         str               text-quality flags joined by ";" ("" when fine):
                                  replacement_char, mojibake, mangled_quotes,
                                  placeholder, near_empty, link_list (toolkit.quality)
source_path     str               file the article came from (inside an archive:
                                  ``archive.zip/member.txt``)
source_row      Int64             where the article is in its file, 1-based, as the
                                  load report's ``line``: the file line where its
                                  record starts (CSV/TSV, whose header is line 1,
                                  and JSON Lines), the sheet row (Excel), else the
                                  record's number (JSON arrays, Parquet, news-archive
                                  exports); <NA> for one-article files
==============  ================  =====================================================

The load report (:data:`LOAD_REPORT_COLUMNS`) lists every input file or row that
did not become an article, with the reason.
"""

from __future__ import annotations

DOC_ID = "doc_id"
TITLE = "title"
TEXT = "text"
OUTLET = "outlet"
WIRE = "wire"
DATE = "date"
DATELINE = "dateline"
URL = "url"
AUTHOR = "author"
LANGUAGE = "language"
N_WORDS = "n_words"
QUALITY = "quality"
SOURCE_PATH = "source_path"
SOURCE_ROW = "source_row"
#: Extra column, present when some date is known only to the month or year (a date from a file name,
#: a bare year): "day", "month", "year" ("" undated). Periods finer than it leave such articles out.
DATE_PRECISION = "date_precision"

ARTICLE_COLUMNS: tuple[str, ...] = (
    DOC_ID,
    TITLE,
    TEXT,
    OUTLET,
    WIRE,
    DATE,
    DATELINE,
    URL,
    AUTHOR,
    LANGUAGE,
    N_WORDS,
    QUALITY,
    SOURCE_PATH,
    SOURCE_ROW,
)

#: Columns of the load report: where (file; ``line`` as ``source_row`` says: the
#: file line where a CSV/TSV or JSON Lines record starts, the sheet row of Excel,
#: the record number of JSON arrays and Parquet; <NA> for a whole file) and why
#: an input did not become an article.
LOAD_REPORT_COLUMNS: tuple[str, ...] = ("path", "line", "reason")

#: Key of ``articles.attrs`` under which loaders keep the load report, as a
#: list of dicts with the keys of :data:`LOAD_REPORT_COLUMNS` (plain records,
#: so pandas can copy and compare ``attrs``).
LOAD_REPORT_ATTR = "load_report"

#: Columns of the hits table returned by ``match_frames``: one row per match.
#: ``start``/``end`` are character offsets into the article's ``text``;
#: ``matched_text == text[start:end]``; ``sentence`` is the sentence holding
#: the hit and ``sentence_start`` its offset (see toolkit.sentences).
HIT_COLUMNS: tuple[str, ...] = (
    DOC_ID,
    "frame",
    "pattern",
    "matched_text",
    "start",
    "end",
    "sentence",
    "sentence_start",
)

#: Voice columns appended to the hits table by ``match_frames`` (see voice.py).
VOICE_COLUMNS: tuple[str, ...] = (
    "in_quotes",  # bool: the hit stands inside quotation marks
    "speaker",  # str: attributed speaker, or the outlet's name for its own voice
    "voice",  # str: "quoted", "attributed", "outlet", or "uncertain" (rules cannot decide; speaker "")
    "distancing",  # str: "so-called", "scare quotes", or ""
)

#: Columns of a keyword-in-context table (with ``date_precision`` after ``date`` when the articles have it).
KWIC_COLUMNS: tuple[str, ...] = (
    DOC_ID,
    OUTLET,
    DATE,
    TITLE,
    "pre",
    "keyword",
    "post",
    "frame",
    "pattern",
    "start",
    "end",
)
