"""Find frame patterns in articles: hits, counts and keyword-in-context.

Engines
-------
``hyperscan`` (default when importable) compiles every pattern of a
dictionary into one database and scans the UTF-8 bytes of the whole text
column in one pass: for a pandas 3 ``str`` column (or ``string[pyarrow]``) the
Arrow value buffer is scanned in place, without copying; other columns are
converted with pyarrow first. Matches are assigned to articles with
``np.searchsorted`` on the Arrow offsets. The articles are not joined with a
separator (that copy costs about a fifth of the scan): a match running from
one article into the next is discarded and those articles are scanned again
one by one, so no match spans two articles and word edges at an article's
start or end behave as at the ends of a text. A pattern hyperscan cannot compile
falls back to RE2 or Python ``re`` on its own. Without hyperscan, ``re2``
(google-re2) and then Python ``re`` scan each article, pattern by pattern;
they give the same hits, only slower. The engine that ran is recorded in
``result.attrs["engine"]``, and patterns that had to fall back to another
engine in ``result.attrs["fallback"]`` (pattern -> engine).

Which hits count
----------------
1. A match of a pattern is a span of one article's text matching the
   pattern's expanded regex (see :mod:`toolkit.frames`) that neither starts
   nor ends inside a word: the characters on both sides of each edge must not
   both be word characters (letters, digits, ``_``), unless one of them is of
   an unspaced script (Chinese, Japanese, Korean, Thai, ...). Articles are
   separate texts: no match spans two articles.
2. Exclusions: a match lying inside (``start >= x.start`` and ``end <= x.end``)
   a match of an exclusion pattern of the same frame is dropped.
3. Overlaps, within each frame (``overlap="frame"``, the default): a frame's
   matches are considered longest first (length in characters), ties broken
   by the earlier start, then by pattern order; a match is kept when it
   overlaps no match of the same frame kept before it. So within a frame
   every span of text gives at most one hit and the longest pattern wins
   ("terrorist forces" over "terrorist"), and each frame counts its own hits:
   a frame's counts never depend on the other frames of the dictionary (as
   quanteda's ``nested_scope = "key"``). With ``overlap="exclusive"`` the
   same rule runs across the whole dictionary (ties then by frame order):
   every span gives at most one hit, and a phrase listed in two frames
   counts only in the first.

For ``regex`` patterns, Python ``re`` prefers the first alternative that
matches, not the longest: write alternatives longest first to get the same
hits from every engine.

Bounded time and memory: RE2 and ``re`` read each article once per pattern
(no restart after every match); ``re`` refuses regexes with nested
quantifiers (``(a+)+``), which only RE2 or hyperscan run in linear time;
hyperscan's matches are filtered by the word-edge rule in batches as they
arrive, so a regex such as ``\\w+`` keeps one match per word, not one per
prefix. Anchors (``^``, ``$``, ``\\A``, ``\\Z``) and patterns that can match
the empty string are refused when the dictionary is loaded
(:mod:`toolkit.frames`).
"""

from __future__ import annotations

import importlib
import re
from array import array
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from tqdm.auto import tqdm

from toolkit.errors import DictionaryError, ParameterError, require_columns
from toolkit.frames import _HYPHEN, _UNSPACED, _WS, FrameDictionary, Frame, Pattern, is_dictionary_path, is_unspaced, is_word_char, load_frames, nested_quantifier
from toolkit.kwic import check_sort_levels, check_window, kwic_lines, sort_kwic
from toolkit.schema import DOC_ID, HIT_COLUMNS, OUTLET, TEXT
from toolkit.sentences import sentence_around
from toolkit.voice.quotes import restore_paragraphs
from toolkit.voice import annotate_voice

ENGINES = ("hyperscan", "re2", "re")
_PROGRESS_MIN_ARTICLES = 2000


# --------------------------------------------------------------------------- engines


def available_engines() -> list[str]:
    """The engines importable here, fastest first ("re" always)."""
    found = []
    for name in ENGINES[:2]:
        try:
            importlib.import_module(name)
        except (ImportError, OSError):  # a broken install (missing library) counts as missing
            continue
        found.append(name)
    return found + ["re"]


def _resolve_engine(engine: str) -> str:
    if engine == "auto":
        return available_engines()[0]
    if engine not in ENGINES:
        raise ParameterError(f"engine={engine!r}: use 'auto' or one of {ENGINES}")
    if engine not in available_engines():
        raise ParameterError(f"engine={engine!r} is not installed here; use engine='auto' or one of {available_engines()}")
    return engine


@dataclass(frozen=True)
class _Entry:
    """One compiled pattern: its frame (index), its rank in dictionary order."""

    frame: int
    rank: int
    exclude: bool
    pattern: Pattern


def _entries(dictionary: FrameDictionary) -> list[_Entry]:
    entries = []
    for f, frame in enumerate(dictionary.frames):
        for p in frame.patterns:
            entries.append(_Entry(f, len(entries), False, p))
    for f, frame in enumerate(dictionary.frames):
        for p in frame.exclude:
            entries.append(_Entry(f, len(entries), True, p))
    return entries


#: A word character of a spaced script: a hit's edge may not lie between two of them.
_SPACED_WORD = f"[^\\W{_UNSPACED}]"
#: The word-edge rule (rule 1 of the module docstring) as a Python ``re`` assertion.
_EDGE = f"(?:(?<!{_SPACED_WORD})|(?!{_SPACED_WORD}))"
_EDGE_RE = re.compile(_EDGE)


def _compile_one(pattern: Pattern, engine: str, where: str = ""):
    """Compile one pattern for RE2 or ``re`` (both search str, char offsets).

    A regex RE2 rejects (lookarounds, backreferences) goes to ``re``; a regex
    with nested quantifiers is refused there (exponential backtracking, issue 18).
    """
    if engine == "re2":
        import re2

        options = re2.Options()
        options.case_sensitive = pattern.case
        options.longest_match = pattern.kind != "regex"  # generated regexes: same hits either way
        options.log_errors = False
        try:
            return re2.compile(pattern.regex("pcre"), options)
        except re2.error:
            pass
    regex = pattern.regex("python")
    if pattern.kind == "regex" and nested_quantifier(regex):
        raise DictionaryError(
            f"{where}regex {pattern.pattern[:80]!r} nests quantifiers (as in '(a+)+'), which can take exponential "
            "time in Python re, the only engine here that takes it; install google-re2 or hyperscan, or rewrite it"
        )
    return re.compile(regex, 0 if pattern.case else re.IGNORECASE)


def _engine_of(compiled) -> str:
    return "re" if isinstance(compiled, re.Pattern) else "re2"


#: From this many patterns on, hyperscan takes phrases by the literal forms of
#: their first word, verified with Python ``re`` (see :class:`_Literals`).
LITERAL_MIN_PATTERNS = 1000


@dataclass
class _Literals:
    """Large dictionaries under hyperscan: compiling thousands of expanded phrase
    regexes with start-of-match tracking takes minutes (issue 18: 10,000
    phrases, 1,290 s). Instead, the literal forms of each phrase's first word
    (ASCII) go into one literal database, which compiles in a second; each
    occurrence that starts at a word edge is a candidate. The phrases that
    begin with that word are tried there with Python ``re``, anchored at the
    candidate: first all at once (one alternation; most candidates fail
    there), then one by one where that matched; then the word-edge rule.
    This gives the same hits as the ``re`` engine."""

    database: object
    group_of: np.ndarray  # literal id -> group (the phrases sharing a first word)
    groups: list  # group -> (alternation of its phrases' regexes, [(entry index, regex, flags), ...])

    @property
    def entries(self) -> set:
        return {i for _, members in self.groups for i, _, _ in members}


def _leading_forms(pattern: Pattern) -> list[str] | None:
    """The forms of a phrase's first word when all are ASCII letters or digits, else None."""
    if pattern.kind != "phrase":
        return None
    regex = pattern.regex("python")
    match = re.match(r"\(\?:([0-9A-Za-z|]+)\)|([0-9A-Za-z]+)", regex)
    if match is None:
        return None
    forms = (match.group(1) or match.group(2)).split("|")
    return forms if all(forms) else None


def _literal_database(entries, indices):
    """A :class:`_Literals` for the entries *indices*, or None when none qualifies."""
    import hyperscan

    members: dict = {}  # (first-word forms, case) -> entry indices
    for i in indices:
        forms = _leading_forms(entries[i].pattern)
        if forms is not None:
            case = entries[i].pattern.case
            members.setdefault((tuple(sorted(f if case else f.lower() for f in forms)), case), []).append(i)
    if not members:
        return None
    literal_ids, group_of, groups = {}, [], []
    for g, ((forms, case), group) in enumerate(members.items()):
        regexes = [_quick_python(entries[i].pattern.regex("python")) for i in group]
        flags = 0 if case else re.IGNORECASE
        groups.append((re.compile("|".join(f"(?:{r})" for r in regexes), flags), [(i, r, flags) for i, r in zip(group, regexes)]))
        for form in forms:
            literal_ids[(form, case, g)] = len(group_of)
            group_of.append(g)
    database = hyperscan.Database()
    keys = list(literal_ids)
    database.compile(
        expressions=[form.encode("ascii") for form, _, _ in keys],
        ids=list(range(len(keys))),
        elements=len(keys),
        flags=[hyperscan.HS_FLAG_SOM_LEFTMOST | (0 if case else hyperscan.HS_FLAG_CASELESS) for _, case, _ in keys],
    )
    return _Literals(database, np.array(group_of, dtype=np.int64), groups)


#: Python ``re`` spends milliseconds optimising each class with characters past
#: U+00FF: the same sets written without such classes compile several times faster.
_QUICK = {
    _WS: r"(?:(?![\x1c-\x1f\x85])\s)",  # Python's \s is WHITESPACE plus these five
    _HYPHEN: "(?:" + "|".join(_HYPHEN[1:-1]) + ")",
}


@lru_cache(maxsize=100_000)
def _member_regex(regex: str, flags: int) -> re.Pattern:
    """One phrase of a literal group, compiled when its group first matches (re's own cache holds 512)."""
    return re.compile(regex, flags)


def _quick_python(regex: str) -> str:
    """*regex* (Python dialect) with its whitespace and hyphen classes in quick-to-compile forms."""
    for slow, quick in _QUICK.items():
        regex = regex.replace(slow, quick)
    return regex


@lru_cache(maxsize=16)
def _compiled(dictionary: FrameDictionary, engine: str):
    """(entries, hyperscan database or None, {entry index: str regex}, _Literals or None)."""
    entries = _entries(dictionary)
    if engine != "hyperscan":
        return entries, None, {i: _compile_one(e.pattern, engine, _where(dictionary, e)) for i, e in enumerate(entries)}, None
    import hyperscan

    literals = _literal_database(entries, range(len(entries))) if len(entries) >= LITERAL_MIN_PATTERNS else None
    taken = literals.entries if literals is not None else set()
    indices = [i for i in range(len(entries)) if i not in taken]

    def flags(entry):
        base = hyperscan.HS_FLAG_SOM_LEFTMOST | hyperscan.HS_FLAG_UTF8
        return base if entry.pattern.case else base | hyperscan.HS_FLAG_CASELESS

    def build(indices):
        database = hyperscan.Database()
        database.compile(
            expressions=[entries[i].pattern.regex("pcre").encode("utf-8") for i in indices],
            ids=list(indices),
            elements=len(indices),
            flags=[flags(entries[i]) for i in indices],
        )
        return database

    if not indices:
        return entries, None, {}, literals
    try:
        return entries, build(indices), {}, literals
    except hyperscan.error:
        pass
    # Some pattern is beyond hyperscan: find which, and give those to another engine.
    failed = []
    for i in indices:
        try:
            build([i])
        except hyperscan.error:
            failed.append(i)
    fallback = available_engines()[1]  # re2 if installed, else re
    rest = [i for i in indices if i not in failed]
    database = build(rest) if rest else None
    return entries, database, {i: _compile_one(entries[i].pattern, fallback, _where(dictionary, entries[i])) for i in failed}, literals


def _where(dictionary: FrameDictionary, entry: _Entry) -> str:
    role = " (exclude)" if entry.exclude else ""
    return f"{dictionary.source or dictionary.name}, frame {dictionary.frames[entry.frame].id!r}{role}: "


# --------------------------------------------------------------------------- word edges


def _edge_ok(before: str, after: str) -> bool:
    """True unless the edge between two characters lies inside a word."""
    if not (before and after and is_word_char(before) and is_word_char(after)):
        return True
    return is_unspaced(before) or is_unspaced(after)


_ASCII_WORD = np.zeros(256, dtype=bool)
for _c in "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _ASCII_WORD[ord(_c)] = True


def _code_points_at(data: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Code points of the UTF-8 characters starting at byte offsets *pos* (vectorised)."""
    last = len(data) - 1  # bytes past the end are never used: the lead byte says how many count
    b0, b1, b2, b3 = (data[np.minimum(pos + k, last)].astype(np.int64) for k in range(4))
    two = ((b0 & 0x1F) << 6) | (b1 & 0x3F)
    three = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)
    four = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F)
    return np.select([b0 < 0x80, b0 < 0xE0, b0 < 0xF0], [b0, two, three], four)


def _char_starts_before(data: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Byte offset where the character ending at *pos* begins (pos > 0)."""
    start = pos - 1
    for _ in range(3):  # step back over continuation bytes, at most three
        continuation = (start > 0) & ((data[np.maximum(start, 0)] & 0xC0) == 0x80)
        start = np.where(continuation, start - 1, start)
    return start


def _word_kinds(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(is word character, is of an unspaced script) for code points; -1 = no character."""
    unique, inverse = np.unique(points, return_inverse=True)
    chars = [chr(p) if p >= 0 else "" for p in unique.tolist()]
    word = np.array([is_word_char(c) if c else False for c in chars], dtype=bool)
    unspaced = np.array([is_unspaced(c) if c else False for c in chars], dtype=bool)
    return word[inverse], unspaced[inverse]


def _edges_ok_bytes(data, starts, ends, doc_starts, doc_ends) -> np.ndarray:
    """Word-edge test on UTF-8 bytes: ASCII by table, other characters decoded in bulk."""
    if len(starts) == 0:
        return np.ones(0, dtype=bool)
    size = len(data)
    prev = np.where(starts > doc_starts, data[np.maximum(starts - 1, 0)], 32)
    first = data[starts]
    last = data[ends - 1]
    nxt = np.where(ends < doc_ends, data[np.minimum(ends, size - 1)], 32)
    ok = ~((_ASCII_WORD[prev] & _ASCII_WORD[first]) | (_ASCII_WORD[last] & _ASCII_WORD[nxt]))
    slow = np.flatnonzero((prev >= 0x80) | (first >= 0x80) | (last >= 0x80) | (nxt >= 0x80))
    if len(slow):
        s, e = starts[slow], ends[slow]
        has_prev, has_next = s > doc_starts[slow], e < doc_ends[slow]
        points = np.stack(
            [
                np.where(has_prev, _code_points_at(data, _char_starts_before(data, np.maximum(s, 1))), -1),
                _code_points_at(data, s),
                _code_points_at(data, _char_starts_before(data, e)),
                np.where(has_next, _code_points_at(data, np.minimum(e, size - 1)), -1),
            ]
        )
        word, unspaced = _word_kinds(points.ravel())
        word, unspaced = word.reshape(points.shape), unspaced.reshape(points.shape)
        inside_start = word[0] & word[1] & ~(unspaced[0] | unspaced[1])
        inside_end = word[2] & word[3] & ~(unspaced[2] | unspaced[3])
        ok[slow] = ~(inside_start | inside_end)
    return ok


# --------------------------------------------------------------------------- texts


def _text_strings(articles: pd.DataFrame) -> list[str]:
    return [t if isinstance(t, str) else "" for t in articles[TEXT].tolist()]


def _arrow_chunks(column: pd.Series) -> list[pa.Array]:
    """The text column as Arrow large_string chunks: no copy for Arrow-backed columns."""
    try:
        if hasattr(column.array, "__arrow_array__"):
            array = column.array.__arrow_array__()
            array = array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])
        else:
            array = pa.chunked_array([pa.array(column, type=pa.large_string(), from_pandas=True)])
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        raise ParameterError("articles: column 'text' must hold strings (or missing values)") from None
    if not (pa.types.is_large_string(array.type) or pa.types.is_string(array.type)):
        array = array.cast(pa.large_string())
    if array.null_count:  # null slots may hold bytes: make them empty strings
        array = array.fill_null("")
    return array.chunks


@dataclass
class _Candidates:
    """Matches before exclusions and overlaps, in global units of one coordinate system."""

    doc: np.ndarray
    entry: np.ndarray
    start: np.ndarray
    end: np.ndarray

    @classmethod
    def empty(cls):
        zero = np.zeros(0, dtype=np.int64)
        return cls(zero, zero, zero, zero)

    @classmethod
    def concat(cls, parts):
        parts = [p for p in parts if len(p.doc)] or [cls.empty()]
        return cls(*(np.concatenate([getattr(p, k) for p in parts]) for k in ("doc", "entry", "start", "end")))

    def take(self, mask):
        return _Candidates(self.doc[mask], self.entry[mask], self.start[mask], self.end[mask])


def _search_str(compiled, text: str):
    """(start, end) of the hits of one compiled regex (RE2 or ``re``) in *text*, in linear time.

    A match with a start or end inside a word is rejected and the search goes
    on from the next word edge after its start (never from every character,
    so a long word is read once, not once per character); after a hit it
    goes on from the hit's end.
    """
    pos, found, n = 0, [], len(text)
    while pos <= n:
        match = compiled.search(text, pos)
        if match is None:
            break
        s, e = match.span()
        if e > s and _edge_ok(text[s - 1] if s else "", text[s]) and _edge_ok(text[e - 1], text[e] if e < n else ""):
            found.append((s, e))
            pos = e
        else:
            pos = _EDGE_RE.search(text, s + 1).start() if s < n else n + 1
    return found


def _scan_strings(texts, compiled: dict, *, quiet: bool, base=None):
    """Per article, per pattern search (RE2 or ``re``); global units = base + char offset."""
    rows = array("q")  # compact: a regex with many hits must not hold a Python tuple per hit
    for d, text in enumerate(tqdm(texts, desc="matching", disable=quiet)):
        for i, regex in compiled.items():
            for s, e in _search_str(regex, text):
                rows.extend((d, i, s, e))
    found = np.frombuffer(rows, dtype=np.int64).reshape(-1, 4) if rows else np.zeros((0, 4), np.int64)
    offset = 0 if base is None else base[found[:, 0]]
    return _Candidates(found[:, 0], found[:, 1], found[:, 2] + offset, found[:, 3] + offset)


_THREAD = threading.local()


def _scratch(database):
    """A hyperscan scratch space per thread and database: scans may run in threads."""
    scratches = _THREAD.__dict__.setdefault("scratches", {})
    if id(database) not in scratches:
        import hyperscan

        scratches[id(database)] = (database, hyperscan.Scratch(database))
    return scratches[id(database)][1]


#: Matches (times three ints) held before hyperscan's matches are filtered by the word-edge rule.
_HS_BATCH = 100_000


def _hs_scan(database, data, reduce=None) -> np.ndarray:
    """(pattern id, start, end) of every match in *data*; the callback only appends.

    With *reduce* (a function of such an array returning the rows to keep),
    matches are reduced every :data:`_HS_BATCH` matches as they arrive, so
    memory stays bounded by the hits kept, not the matches reported (hyperscan
    reports a match at every end: ``\\w+`` gives one per prefix of a word).
    """
    found, kept = [], []  # flat: numpy converts a flat list of ints far faster than tuples
    limit = 3 * _HS_BATCH

    def on_match(i, s, e, flags, context):
        found.extend((i, s, e))
        if reduce is not None and len(found) >= limit:
            kept.append(reduce(np.array(found, dtype=np.int64).reshape(-1, 3)))
            found.clear()

    database.scan(data, match_event_handler=on_match, scratch=_scratch(database))
    last = np.array(found, dtype=np.int64).reshape(-1, 3)
    return np.concatenate(kept + [last]) if kept else last


def _chunk_layout(chunk: pa.Array):
    """(UTF-8 bytes of the chunk's values, offsets of each article from 0): views, no copy."""
    kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(chunk.buffers()[1], dtype=kind)[chunk.offset : chunk.offset + len(chunk) + 1].astype(np.int64)
    values = chunk.buffers()[2]
    data = np.frombuffer(values, dtype=np.uint8)[offsets[0] : offsets[-1]] if values is not None else np.zeros(0, np.uint8)
    return data, offsets - offsets[0]


def _scan_chunk(chunk: pa.Array, database, fallback: dict, row0: int, byte0: int, literals=None) -> _Candidates:
    """Scan one Arrow chunk's value buffer in place."""
    data, offsets = _chunk_layout(chunk)

    def at_edges(found):  # drop matches that start or end inside a word (those spanning articles are kept)
        doc = np.searchsorted(offsets, found[:, 1], side="right") - 1
        last = np.searchsorted(offsets, found[:, 2] - 1, side="right") - 1
        keep = (doc != last) | _edges_ok_bytes(data, found[:, 1], found[:, 2], offsets[doc], offsets[doc + 1])
        return found[keep]

    found = _hs_scan(database, data, at_edges) if database is not None and len(data) else np.zeros((0, 3), np.int64)
    ids, starts, ends = found[:, 0], found[:, 1], found[:, 2]
    doc = np.searchsorted(offsets, starts, side="right") - 1
    last = np.searchsorted(offsets, ends - 1, side="right") - 1
    spanning = doc != last
    if spanning.any():
        # A match across two articles may hide one inside the second: rescan those articles alone.
        redo = np.unique(np.concatenate([np.arange(a, b + 1) for a, b in zip(doc[spanning], last[spanning])]))
        keep = ~(np.isin(doc, redo) | np.isin(last, redo))
        ids, starts, ends, doc = ids[keep], starts[keep], ends[keep], doc[keep]
        extra = [(i, s + offsets[d], e + offsets[d], d) for d in redo for i, s, e in _hs_scan(database, data[offsets[d] : offsets[d + 1]].tobytes())]
        if extra:
            extra = np.array(extra, dtype=np.int64)
            ids, starts, ends, doc = (np.concatenate([a, extra[:, k]]) for k, a in enumerate((ids, starts, ends, doc)))
    ok = _edges_ok_bytes(data, starts, ends, offsets[doc], offsets[doc + 1])
    candidates = _Candidates(doc[ok] + row0, ids[ok], starts[ok] + byte0, ends[ok] + byte0)
    if fallback:  # patterns hyperscan could not compile: char offsets -> bytes
        texts = chunk.to_pylist()
        extra = _scan_strings(texts, fallback, quiet=True)
        to_bytes = [len(texts[d][:c].encode("utf-8")) for d, c in zip(extra.doc, extra.start)]
        to_bytes_end = [len(texts[d][:c].encode("utf-8")) for d, c in zip(extra.doc, extra.end)]
        extra = _Candidates(extra.doc + row0, extra.entry, offsets[extra.doc] + np.array(to_bytes, np.int64) + byte0, offsets[extra.doc] + np.array(to_bytes_end, np.int64) + byte0)
        candidates = _Candidates.concat([candidates, extra])
    if literals is not None and len(data):
        candidates = _Candidates.concat([candidates, _verify_literals(literals, data, offsets, row0, byte0)])
    return candidates


def _byte_offsets(text: str) -> np.ndarray:
    """Byte offset in UTF-8 of each character boundary of *text* (len(text) + 1 values)."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    sizes = 1 + (points >= 0x80) + (points >= 0x800) + (points >= 0x10000)
    return np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)


def _verify_literals(literals: _Literals, data, offsets, row0: int, byte0: int) -> _Candidates:
    """Hits of the literal-led phrases in one chunk (see :class:`_Literals`)."""
    found = _hs_scan(literals.database, data)
    if not len(found):
        return _Candidates.empty()
    group, starts = literals.group_of[found[:, 0]], found[:, 1]
    doc = np.searchsorted(offsets, starts, side="right") - 1
    prev = np.where(starts > offsets[doc], data[np.maximum(starts - 1, 0)], 32)
    keep = ~(_ASCII_WORD[prev] & _ASCII_WORD[data[starts]])  # starts inside an ASCII word cannot be hits
    pairs = np.unique(np.stack([doc[keep], starts[keep], group[keep]], axis=1), axis=0)  # by article, then start
    rows = array("q")
    bounds = np.flatnonzero(np.diff(pairs[:, 0])) + 1
    for block in np.split(pairs, bounds) if len(pairs) else []:
        d = int(block[0, 0])
        raw = data[offsets[d] : offsets[d + 1]].tobytes()
        text = raw.decode("utf-8", "surrogatepass")
        n = len(text)
        to_byte = None if n == len(raw) else _byte_offsets(text)
        local = block[:, 1] - offsets[d]
        chars = local if to_byte is None else np.searchsorted(to_byte, local)
        for c, g in zip(chars.tolist(), block[:, 2].tolist()):
            combined, members = literals.groups[g]
            if combined.match(text, c) is None or not _edge_ok(text[c - 1] if c else "", text[c]):
                continue
            for i, regex, flags in members:
                match = _member_regex(regex, flags).match(text, c)
                if match is None:
                    continue
                e = match.end()
                if e > c and _edge_ok(text[e - 1], text[e] if e < n else ""):
                    rows.extend((d, i, (c if to_byte is None else int(to_byte[c])) + offsets[d], (e if to_byte is None else int(to_byte[e])) + offsets[d]))
    hits = np.frombuffer(rows, dtype=np.int64).reshape(-1, 4) if rows else np.zeros((0, 4), np.int64)
    return _Candidates(hits[:, 0] + row0, hits[:, 1], hits[:, 2] + byte0, hits[:, 3] + byte0)


# --------------------------------------------------------------------------- selection


def _drop_excluded(candidates: _Candidates, entries) -> _Candidates:
    is_exclusion = np.array([e.exclude for e in entries], dtype=bool)[candidates.entry]
    frame_of = np.array([e.frame for e in entries], dtype=np.int64)
    hits, exclusions = candidates.take(~is_exclusion), candidates.take(is_exclusion)
    if not len(exclusions.doc) or not len(hits.doc):
        return hits
    order = np.argsort(hits.start, kind="stable")
    hits = hits.take(order)
    keep = np.ones(len(hits.doc), dtype=bool)
    hit_frames = frame_of[hits.entry]
    for x_entry, xs, xe in zip(exclusions.entry, exclusions.start, exclusions.end):
        lo, hi = np.searchsorted(hits.start, [xs, xe], side="left")
        inside = (hits.end[lo:hi] <= xe) & (hit_frames[lo:hi] == frame_of[x_entry])
        keep[lo:hi] &= ~inside
    return hits.take(keep)


OVERLAPS = ("frame", "exclusive")


def _check_overlap(overlap) -> None:
    if overlap not in OVERLAPS:
        raise ParameterError(f"overlap={overlap!r}: use 'frame' (each frame counts its own hits) or 'exclusive' (one hit per span)")


def _resolve_overlaps(hits: _Candidates, entries, char_length, overlap: str = "frame") -> _Candidates:
    """Keep one hit per span: longest first, then earlier start, then dictionary
    order; within each frame (``overlap="frame"``) or across the whole
    dictionary (``"exclusive"``)."""
    n = len(hits.doc)
    if n == 0:
        return hits
    rank = np.array([e.rank for e in entries], dtype=np.int64)[hits.entry]
    if overlap == "frame":
        group = np.array([e.frame for e in entries], dtype=np.int64)[hits.entry]
    else:
        group = np.zeros(n, dtype=np.int64)
    order = np.lexsort((rank, hits.start, group))
    starts, ends, groups = hits.start[order], hits.end[order], group[order]
    new_cluster = np.ones(n, dtype=bool)
    for g in np.unique(groups):  # clusters of overlapping hits, within each group
        members = np.flatnonzero(groups == g)
        reach = np.maximum.accumulate(ends[members])
        new_cluster[members[1:]] = starts[members[1:]] >= reach[:-1]
    cluster = np.cumsum(new_cluster) - 1
    keep = np.ones(n, dtype=bool)
    crowded = np.flatnonzero(np.bincount(cluster)[cluster] > 1)
    if len(crowded):
        bounds = np.flatnonzero(np.diff(cluster[crowded])) + 1
        for members in np.split(crowded, bounds):
            rows = order[members]
            lengths = char_length(rows)
            kept = []
            for j in sorted(range(len(rows)), key=lambda j: (-lengths[j], hits.start[rows[j]], rank[rows[j]])):
                s, e = hits.start[rows[j]], hits.end[rows[j]]
                if all(e <= ks or s >= ke for ks, ke in kept):
                    kept.append((s, e))
                else:
                    keep[members[j]] = False
    chosen = order[keep]
    return hits.take(chosen[np.lexsort((rank[chosen], hits.start[chosen]))])  # by start: article order, then offset


# --------------------------------------------------------------------------- core


@dataclass
class _Found:
    """Selected hits plus what is needed to turn them into char offsets."""

    hits: _Candidates
    entries: list
    engine: str
    row_starts: np.ndarray  # global byte offset of each article (hyperscan), else char base
    fallback: dict  # pattern -> engine, for patterns the chosen engine could not compile


def _find(articles: pd.DataFrame, dictionary: FrameDictionary, engine: str, progress, overlap: str = "frame") -> _Found:
    _check_overlap(overlap)
    engine = _resolve_engine(engine)
    entries, database, fallback, literals = _compiled(dictionary, engine)
    n = len(articles)
    quiet = (n < _PROGRESS_MIN_ARTICLES) if progress is None else not progress
    if engine == "hyperscan":
        parts, row0, byte0, row_starts = [], 0, 0, []
        for chunk in _arrow_chunks(articles[TEXT]):
            offsets = _chunk_layout(chunk)[1]
            parts.append(_scan_chunk(chunk, database, fallback, row0, byte0, literals))
            row_starts.append(offsets[:-1] + byte0)
            row0, byte0 = row0 + len(chunk), byte0 + int(offsets[-1])
        candidates = _Candidates.concat(parts)
        row_starts = np.concatenate(row_starts) if row_starts else np.zeros(0, np.int64)
        texts = None
    else:
        texts = _text_strings(articles)
        row_starts = np.concatenate([[0], np.cumsum([len(t) for t in texts])])[:-1].astype(np.int64) if n else np.zeros(0, np.int64)
        candidates = _scan_strings(texts, fallback, quiet=quiet, base=row_starts)
    hits = _drop_excluded(candidates, entries)

    def char_length(rows):  # only for hits that overlap others
        if texts is not None:
            return (hits.end[rows] - hits.start[rows]).tolist()
        lengths = []
        for d, s, e in zip(hits.doc[rows], hits.start[rows], hits.end[rows]):
            base = row_starts[d]
            lengths.append(len(_article_text(articles, d).encode("utf-8")[s - base : e - base].decode("utf-8")))
        return lengths

    hits = _resolve_overlaps(hits, entries, char_length, overlap)
    fell_back = {entries[i].pattern.pattern: _engine_of(c) for i, c in fallback.items() if _engine_of(c) != engine}
    return _Found(hits, entries, engine, row_starts, fell_back)


def _article_text(articles, d) -> str:
    text = articles[TEXT].iat[int(d)]
    return text if isinstance(text, str) else ""


def _texts_of(articles, docs: np.ndarray) -> dict[int, str]:
    """The texts of the articles *docs* (row positions), fetched in one go."""
    unique = np.unique(docs)
    values = articles[TEXT].iloc[unique].tolist()
    return {int(d): t if isinstance(t, str) else "" for d, t in zip(unique.tolist(), values)}


def _local_offsets(found: _Found, texts: dict[int, str]):
    """Per-hit (start, end) char offsets within each article."""
    hits = found.hits
    if found.engine != "hyperscan":
        base = found.row_starts[hits.doc]
        return hits.start - base, hits.end - base
    starts = hits.start - found.row_starts[hits.doc]
    ends = hits.end - found.row_starts[hits.doc]
    order = np.argsort(hits.doc, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(hits.doc[order])) + 1) if len(order) else []
    for rows in groups:  # bytes -> characters, only in articles that are not pure ASCII
        text = texts[int(hits.doc[rows[0]])]
        if not text.isascii():
            to_byte = _byte_offsets(text)  # hits start and end on character boundaries
            starts[rows] = np.searchsorted(to_byte, starts[rows])
            ends[rows] = np.searchsorted(to_byte, ends[rows])
    return starts, ends


def _strings(values) -> pd.Series:
    """A text column: ``str`` dtype on pandas 3, object on pandas 2, even when empty."""
    return pd.Series(list(values), dtype="str")


def _as_dictionary(frames, name: str = "frames") -> FrameDictionary:
    if isinstance(frames, FrameDictionary):
        return frames
    if isinstance(frames, (str, Path)):
        return load_frames(frames)
    raise ParameterError(f"{name}: expected a FrameDictionary or the path of a YAML dictionary, got {type(frames).__name__}")


def _check_articles(articles, where: str) -> None:
    if not isinstance(articles, pd.DataFrame):
        raise ParameterError(f"{where}: articles must be a pandas DataFrame here, got {type(articles).__name__}; "
                             f"toolkit.{where} also takes a Parquet path or a Dask DataFrame")
    require_columns(articles, [DOC_ID, TEXT], where=where)


# --------------------------------------------------------------------------- public API


def match_frames(
    articles: pd.DataFrame, frames, *, voice: bool = False, engine: str = "auto", progress: bool | None = None,
    overlap: str = "frame",
) -> pd.DataFrame:
    """Find every hit of a frame dictionary in the articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text`` (see :mod:`toolkit.schema`).
    frames : FrameDictionary or str or pathlib.Path
        A dictionary or the path of its YAML file (see :mod:`toolkit.frames`).
    voice : bool, default False
        Also attribute each hit's voice: the columns of
        :func:`toolkit.voice.annotate_voice` (``in_quotes``, ``speaker``,
        ``voice``, ``distancing``), the same as calling it on the hits.
        Articles without an ``outlet`` column get ``""`` as the outlet's own
        voice. An explicit step because it costs more than matching: it
        reads the sentences around every hit (3.6 times the time of matching
        alone on 3,824 real news articles; see the README).
    engine : {"auto", "hyperscan", "re2", "re"}
        "auto" takes the fastest installed; all give the same hits.
    progress : bool, optional
        Show a progress bar (default: only for large inputs on slow engines).
    overlap : {"frame", "exclusive"}
        "frame" (default): each frame counts its own hits (overlaps resolved
        within a frame); "exclusive": one hit per span of text across the
        whole dictionary (rule 3 of the module docstring).

    Returns
    -------
    pandas.DataFrame
        One row per hit (rules in the module docstring), columns
        :data:`~toolkit.schema.HIT_COLUMNS`: ``doc_id``, ``frame`` (frame id),
        ``pattern`` (as written in the dictionary), ``matched_text`` (the
        surface form, ``text[start:end]``), ``start``, ``end`` (character
        offsets into ``text``), ``sentence`` (from the start of the sentence
        holding ``start`` to the end of the one holding ``end - 1``; in a text
        without line breaks, the paragraph breaks a scrape flattened end a
        sentence as a line break does: :func:`toolkit.voice.quotes.restore_paragraphs`)
        and ``sentence_start``; with ``voice=True`` also
        :data:`~toolkit.schema.VOICE_COLUMNS`. Sorted by ``doc_id``, then
        ``start`` (ties between articles sharing a ``doc_id`` keep article order).
        ``attrs["engine"]`` names the engine that ran.
    """
    _check_articles(articles, "match_frames")
    dictionary = _as_dictionary(frames)
    found = _find(articles, dictionary, engine, progress, overlap)
    hits = found.hits
    texts = _texts_of(articles, hits.doc)
    starts, ends = _local_offsets(found, texts)
    rows = {c: [] for c in ("matched_text", "sentence", "sentence_start")}
    lines, current = {}, -1  # the sentences of the article's lines split so far (hits are in article order)
    for d, s, e in zip(hits.doc.tolist(), starts.tolist(), ends.tolist()):
        text = texts[d]
        if d != current:
            # a scrape that flattened the paragraphs ("visas.- Many are", "said. - The"): split as if
            # their breaks were there (same offsets), so that a hit's sentence is not glued to the next
            lines, current, layout = {}, d, restore_paragraphs(text)
        sentence_start, sentence_end = sentence_around(layout, s, e, lines=lines)
        rows["matched_text"].append(text[s:e])
        rows["sentence"].append(text[sentence_start:sentence_end])
        rows["sentence_start"].append(sentence_start)
    frame_ids = [f.id for f in dictionary.frames]
    result = pd.DataFrame(
        {
            DOC_ID: articles[DOC_ID].iloc[hits.doc].reset_index(drop=True),
            "frame": _strings(frame_ids[found.entries[i].frame] for i in hits.entry),
            "pattern": _strings(found.entries[i].pattern.pattern for i in hits.entry),
            "matched_text": _strings(rows["matched_text"]),
            "start": starts,
            "end": ends,
            "sentence": _strings(rows["sentence"]),
            "sentence_start": np.array(rows["sentence_start"], dtype=np.int64),
        },
        columns=list(HIT_COLUMNS),
    )
    result = result.sort_values([DOC_ID, "start"], kind="stable", ignore_index=True)
    if voice:
        speakers = articles if OUTLET in articles.columns else articles.assign(**{OUTLET: ""})
        result = annotate_voice(speakers, result, progress=progress)
    result.attrs["engine"] = found.engine
    result.attrs["fallback"] = found.fallback
    return result


def count_frames(
    articles: pd.DataFrame, frames, *, long: bool = False, engine: str = "auto", progress: bool | None = None,
    overlap: str = "frame",
) -> pd.DataFrame:
    """Count the hits of each frame in each article (same rules as :func:`match_frames`).

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text``.
    frames : FrameDictionary or str or pathlib.Path
    long : bool
        False (default): wide table. True: long table of the non-zero counts
        per article, frame and pattern.
    engine, progress, overlap
        As in :func:`match_frames`.

    Returns
    -------
    pandas.DataFrame
        Wide: index ``doc_id`` (every article, in order, zero rows included),
        one int64 column per frame id in dictionary order. Long: columns
        ``doc_id, frame, pattern, n_mentions`` sorted by article order, then
        dictionary order. ``attrs["engine"]`` names the engine.
    """
    _check_articles(articles, "count_frames")
    if not isinstance(long, bool):
        raise ParameterError(f"long={long!r}: expected True or False")
    dictionary = _as_dictionary(frames)
    found = _find(articles, dictionary, engine, progress, overlap)
    n_docs, entries = len(articles), found.entries
    if long:
        n_entries = len(entries)
        counts = np.bincount(found.hits.doc * n_entries + found.hits.entry, minlength=n_docs * n_entries)
        nonzero = np.flatnonzero(counts)
        docs, which = np.divmod(nonzero, n_entries)
        result = pd.DataFrame(
            {
                DOC_ID: articles[DOC_ID].to_numpy()[docs],
                "frame": _strings(dictionary.frames[entries[i].frame].id for i in which),
                "pattern": _strings(entries[i].pattern.pattern for i in which),
                "n_mentions": counts[nonzero].astype(np.int64),
            }
        )
    else:
        n_frames = len(dictionary.frames)
        frame_of = np.array([e.frame for e in entries], dtype=np.int64)[found.hits.entry]
        counts = np.bincount(found.hits.doc * n_frames + frame_of, minlength=n_docs * n_frames)
        result = pd.DataFrame(
            counts.reshape(n_docs, n_frames).astype(np.int64, copy=False),
            index=pd.Index(articles[DOC_ID], name=DOC_ID),  # from the column: no object round trip
            columns=[f.id for f in dictionary.frames],
            copy=False,
        )
    result.attrs["engine"] = found.engine
    result.attrs["fallback"] = found.fallback
    return result


def _kwic_dictionary(frames) -> FrameDictionary:
    if isinstance(frames, str) and not is_dictionary_path(frames):
        frames = [frames]
    if isinstance(frames, (list, tuple)):
        if not frames or not all(isinstance(p, str) and p.strip() for p in frames):
            raise ParameterError("frames: expected a dictionary, its path, or non-empty phrase strings")
        frame = Frame(id="keyword", label="keyword", patterns=tuple(Pattern(p.strip()) for p in frames))
        return FrameDictionary(name="keyword", version="", frames=(frame,))
    return _as_dictionary(frames, "frames")


def keyword_in_context(
    articles: pd.DataFrame, frames, *, window: int = 10, sort=None, engine: str = "auto",
    progress: bool | None = None, overlap: str = "frame",
) -> pd.DataFrame:
    """Keyword-in-context lines for phrases or a frame dictionary.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text``; ``outlet``, ``date`` and ``title`` are
        copied to each line when present (empty otherwise).
    frames : FrameDictionary, path, str or list of str
        A dictionary, or the path of a YAML dictionary, or one phrase or a
        list of phrases (frame "keyword", variants on).
    window : int
        Words of context on each side (whitespace-separated tokens).
    sort : str or list of str, optional
        Sort the lines as AntConc does: ``"R1"``..``"R5"``, ``"L1"``..``"L5"``,
        ``"KW"`` or a list of these (see :func:`toolkit.sort_kwic`).
    engine, progress, overlap
        As in :func:`match_frames`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~toolkit.schema.KWIC_COLUMNS`: ``doc_id, outlet, date,
        title, pre, keyword, post, frame, pattern, start, end`` (with
        ``date_precision`` after ``date`` when the articles have it); ``keyword`` is
        the matched text, ``pre``/``post`` up to *window* words with runs of
        whitespace shown as one space. Sorted by ``doc_id``, then ``start``,
        so the order does not depend on the order of the articles (then by
        *sort* when given).
    """
    levels = None if sort is None else check_sort_levels(sort, parameter="sort")
    _check_articles(articles, "keyword_in_context")
    check_window(window)
    dictionary = _kwic_dictionary(frames)
    found = _find(articles, dictionary, engine, progress, overlap)
    hits = found.hits
    starts, ends = _local_offsets(found, _texts_of(articles, hits.doc))
    frame_ids = [f.id for f in dictionary.frames]
    result = kwic_lines(articles, hits.doc, starts, ends, window=window,
                        frame=[frame_ids[found.entries[i].frame] for i in hits.entry],
                        pattern=[found.entries[i].pattern.pattern for i in hits.entry])
    result = result.sort_values([DOC_ID, "start"], kind="stable", ignore_index=True)
    result = result if levels is None else sort_kwic(result, by=levels)
    result.attrs["engine"] = found.engine
    result.attrs["fallback"] = found.fallback
    return result
