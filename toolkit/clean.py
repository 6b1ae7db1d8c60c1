"""Clean scraped text: site chrome out; title, byline, dateline into their fields.

General rules plus small per-site *profiles*, kept as data in YAML files
(``toolkit/profiles/*.yaml``; a user adds their own with
``load_articles(..., profiles=PATH)``). A profile holds lists of regular
expressions, each matched against one trimmed line:

``detect``
    ``domains`` (of the article URL) and ``patterns`` (searched in the raw
    text) that switch the profile on; a profile without ``detect`` is always on.
``chrome_lines``
    whole lines that are site chrome ("Adjust font size:"); dropped anywhere.
``chrome_fragments``
    button labels glued into header lines ("0 Comment(s)Print E-mail"); a header
    line that is nothing but fragments is dropped, and a byline is looked for
    in what remains.
``footer_starts``
    a body line that starts the page footer ("Follow China.org.cn on Twitter");
    it and everything after it are dropped.
``end_markers``
    end of the story at the end of a line ("Enditem", "(END)"); the marker and
    everything after it are dropped.
``inline_chrome``
    chrome inside a line, removed wherever it matches (case matters): share
    bars and sign-offs glued into one-line exports ("Send Facebook Twitter
    ... Permalink http://dw.com/p/2Wx5C"). Keep these specific: they cut
    inside prose.
``bylines``
    header lines with named groups ``outlet``, ``author``, ``date``.
``datelines``
    the start of the first body line, groups ``place``, ``date``, ``outlet``
    ("BEIJING, Jan. 11 (Xinhua) --"); removed from the body.
``outlet``, ``outlet_names``
    the outlet when the page names none; a mapping of names to canonical ones.

The first four ignore case; bylines and datelines do not. ``{date}``,
``{month_day}`` and ``{weekday}`` in a pattern stand for the date expressions
below. The lists of all active profiles are joined, generic first.

Text normalisation (:func:`normalize_text`): Unicode NFC, ``\\r\\n`` and ``\\r``
to ``\\n``, each line trimmed, runs of blank lines reduced to one (paragraphs
are separated by exactly one blank line), no leading or trailing blank lines.
It is applied once, when loading; ``text`` is stored normalised, so every
character offset reported later (hits, sentences, KWIC) indexes into the
stored ``text`` and stays valid. The raw files are never changed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from toolkit.errors import ParameterError
from toolkit.scripts import guess_language

__all__ = [
    "PROFILE_DIR",
    "Profile",
    "clean_page",
    "guess_language",
    "load_profiles",
    "normalize_text",
    "parse_date",
]

PROFILE_DIR = Path(__file__).with_name("profiles")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ],
        start=1,
    )
    for name in names.split()
}
_RUSSIAN_MONTHS = {
    name: number
    for number, name in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
        start=1,
    )
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_RU_MONTH = "(?:" + "|".join(_RUSSIAN_MONTHS) + ")"
_MACROS = {
    "{month_day}": rf"(?:{_MONTH}\.?\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}\.?)",
    "{date}": (
        rf"(?:{_MONTH}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}"
        rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{4}}年\d{{1,2}}月\d{{1,2}}日"
        rf"|\d{{1,2}}\s+{_RU_MONTH}\s+\d{{4}}(?:\s+(?:года|г\.))?)"
    ),
    "{weekday}": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?",
}
_DATE_FORMS = (
    (re.compile(rf"({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I), ("month", "day", "year")),
    (re.compile(rf"(\d{{1,2}})\s+({_MONTH})\.?,?\s+(\d{{4}})", re.I), ("day", "month", "year")),
    (re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"), ("year", "month", "day")),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), ("year", "month", "day")),
    (re.compile(rf"(\d{{1,2}})\s+({_RU_MONTH})\s+(\d{{4}})", re.I), ("day", "month", "year")),
)
#: Day and month as numbers before the year (12/31/2022, 31.12.22): refused by
#: :func:`parse_date`, as the order of day and month cannot be told.
AMBIGUOUS_DATE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:[T ,]+\d{1,2}:\d{2}.*)?")
_ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_PROFILE_KEYS = {
    "name",
    "description",
    "detect",
    "outlet",
    "outlet_names",
    "chrome_lines",
    "chrome_fragments",
    "footer_starts",
    "end_markers",
    "inline_chrome",
    "bylines",
    "datelines",
}
_LIST_KEYS = (
    "chrome_lines", "chrome_fragments", "footer_starts", "end_markers", "inline_chrome", "bylines", "datelines",
)
_MARKER_TAIL = 80  # characters
_HEADER_LINE_MAX = 200  # characters: longer lines are prose, never chrome or bylines
_CLOSING_DATE = re.compile(rf"[.,;:]\s+({_MACROS['{date}']})\.?$")
_BLANK_RUNS = re.compile(r"\n{3,}")
_BIG_TEXT = 1 << 23  # characters: from here on normalising spares memory rather than time
# A run of blanks around line ends that is not already one "\n" or "\n\n": blanks before or after a
# line end, or three line ends or more. Text that is already normal has no match and is not copied.
_LINE_END_BLANKS = re.compile(r"(?:[^\S\n]+\n|\n(?=[^\S\n])|\n\n(?=\s)|\n(?=\n\n))\s*")


def normalize_text(text: str) -> str:
    """Return *text* in NFC, with ``\\n`` line ends, trimmed lines, single blank lines.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        The normalised text; offsets into it are what the toolkit reports.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) >= _BIG_TEXT:
        return _normalize_big(text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def _normalize_big(text: str) -> str:
    """normalize_text's line work in one regex pass, copying only if needed: a 200 MB page costs one copy,
    not a list of lines and three copies (slower than split and join on small texts)."""
    text = _LINE_END_BLANKS.sub(_line_end, text)
    return text.strip() if text[:1].isspace() or text[-1:].isspace() else text


def _line_end(match: re.Match) -> str:
    return "\n\n" if match.group().count("\n") > 1 else "\n"


#: Orders of day, month and year that :func:`parse_date` takes for dates written as numbers.
DATE_ORDERS = ("MDY", "DMY")


def check_date_order(order) -> None:
    """Raise :class:`ParameterError` naming ``date_order`` unless *order* is None or one of :data:`DATE_ORDERS`."""
    if order is not None and order not in DATE_ORDERS:
        raise ParameterError(f"date_order: expected one of {', '.join(DATE_ORDERS)} or None, got {order!r}")


def parse_date(value, *, order: str | None = None) -> pd.Timestamp | None:
    """Parse one date written the way news pages write them; None when it fails.

    Understands "January 11, 2022", "January 11th, 2022", "Jan. 11 2022", "11 January 2022",
    "2022-01-11", "2022/1/11", "2022年1月11日", "11 января 2022" (a weekday in
    front is ignored) and, as a fallback, ISO 8601 timestamps (made UTC, then
    naive). A bare number is read by its count of integer digits (see
    :func:`_number_date`): 4 a year, 5 an Excel serial date, 8 YYYYMMDD, 9-10
    Unix seconds, 11-13 milliseconds, 14-16 microseconds, 17-19 nanoseconds.

    Day and month written as numbers before the year (``12/31/2022``,
    ``01/02/2022``, ``31.12.2022``) are refused (None), never guessed: US
    sources write the month first, most others the day, one value rarely
    tells which (``01/02/2022``), and a wrong guess moves articles by months
    without a sign. Write such dates as ``YYYY-MM-DD``, or convert the column
    first with the order you know, e.g.
    ``pandas.to_datetime(table["date"], format="%m/%d/%Y")``, and load the
    DataFrame. :data:`AMBIGUOUS_DATE` is that form; column detection
    (:mod:`toolkit.columns`) does not take it for a date either.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, pd.Timestamp):
        return value
    check_date_order(order)
    text = str(value).strip()
    if order is not None and (numeric := _NUMERIC_DATE.fullmatch(text)):
        return _ordered_date(numeric, order)
    if _NUMBER.fullmatch(text):
        return _number_date(text)
    if _ISO_TIMESTAMP.match(text):
        return _parse_iso(text)
    for pattern, order in _DATE_FORMS:
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, match.groups()))
            month = parts["month"]
            month = int(month) if month.isdigit() else _month_number(month)
            try:
                return pd.Timestamp(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                return None
    return _parse_iso(text)


_NUMBER = re.compile(r"\d+(?:\.\d*)?")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def _ordered_date(match: re.Match, order: str) -> pd.Timestamp | None:
    """A day-month-year date written as numbers, read in the *order* the user gave."""
    first, second, year, hour, minute, second_of_minute = match.groups()
    month, day = (first, second) if order == "MDY" else (second, first)
    year = int(year) if len(year) == 4 else (2000 if int(year) <= 68 else 1900) + int(year)
    try:
        return pd.Timestamp(year, int(month), int(day), int(hour or 0), int(minute or 0), int(second_of_minute or 0))
    except ValueError:
        return None
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # serial 1 is 1900-01-01; Excel counts a 29 February 1900 that never was
_EPOCH_UNITS = {range(9, 11): "s", range(11, 14): "ms", range(14, 17): "us", range(17, 20): "ns"}


def _number_date(text: str) -> pd.Timestamp | None:
    """A date written as a number, told apart by its count of integer digits.

    4 digits is a year (``2022``); 5 an Excel serial day count (20000-99999:
    1954-10-03 to 2173-10-14; a fraction is the time of day); 8 ``YYYYMMDD``;
    9-10 Unix epoch seconds (1973-03-03 to 2286-11-20), 11-13 milliseconds,
    14-16 microseconds, 17-19 nanoseconds. Other lengths (a day count below
    20000, a six-digit number) are too ambiguous: None.
    """
    whole, _, fraction = text.partition(".")
    digits = len(whole.lstrip("0")) or 1
    try:
        if digits == 4 and not fraction.strip("0"):
            return pd.Timestamp(int(whole), 1, 1)
        if digits == 5:
            return _EXCEL_EPOCH + pd.Timedelta(days=float(text))
        if digits == 8 and not fraction.strip("0"):
            return pd.Timestamp(int(whole[:4]), int(whole[4:6]), int(whole[6:]))
        unit = next((unit for lengths, unit in _EPOCH_UNITS.items() if digits in lengths), None)
        if unit is not None:
            return pd.Timestamp(float(text) if fraction else int(whole), unit=unit)
    except (ValueError, OverflowError):  # OutOfBoundsDatetime is a ValueError
        return None
    return None


def _parse_iso(text: str) -> pd.Timestamp | None:
    try:
        stamp = pd.to_datetime(text, format="ISO8601", utc=True)
    except (ValueError, TypeError, OverflowError):
        return None
    return stamp.tz_localize(None)


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name) or _RUSSIAN_MONTHS[name]


@dataclass(frozen=True)
class Profile:
    """One site profile as read from YAML (see the module docstring)."""

    name: str
    path: str
    domains: tuple[str, ...] = ()
    detect_patterns: tuple[str, ...] = ()
    outlet: str = ""
    outlet_names: tuple[tuple[str, str], ...] = ()
    sha256: str = ""  # of the YAML text: profiles compare (and cache) by content
    rules: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def always(self) -> bool:
        return not self.domains and not self.detect_patterns


def load_profiles(paths=None) -> tuple[Profile, ...]:
    """Read the bundled profiles, then the user's (a YAML file or a folder of them).

    Parameters
    ----------
    paths : str, Path, or list of them, optional
        Extra profile files or folders; their rules are added to the bundled ones.

    Returns
    -------
    tuple of Profile
        generic first, then the other bundled profiles by name, then the user's.

    Raises
    ------
    ParameterError
        When a profile file is missing, not YAML, or has unknown keys or bad regexes.
    """
    extra = () if paths is None else (paths,) if isinstance(paths, (str, Path)) else tuple(paths)
    # modification times in the cache key: an edited profile is read again
    stamps = tuple(_mtime(Path(p)) for p in extra)
    return _load_profiles(tuple(str(p) for p in extra), stamps)


def _mtime(path: Path) -> float:
    files = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
    return max((f.stat().st_mtime_ns for f in files if f.exists()), default=0)


@lru_cache(maxsize=16)
def _load_profiles(extra: tuple[str, ...], stamps: tuple) -> tuple[Profile, ...]:
    files = sorted(PROFILE_DIR.glob("*.yaml"), key=lambda p: (p.stem != "generic", p.stem))
    for item in extra:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(path.glob("*.y*ml")))
        elif path.is_file():
            files.append(path)
        else:
            raise ParameterError(f"profiles: {path} is neither a YAML file nor a folder")
    return tuple(_read_profile(path) for path in files)


def _read_profile(path: Path) -> Profile:
    try:
        source = path.read_text(encoding="utf-8")
        data = yaml.safe_load(source) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ParameterError(f"profiles: {path} is not valid YAML: {error}") from None
    unknown = set(data) - _PROFILE_KEYS if isinstance(data, dict) else {"<not a mapping>"}
    if unknown:
        raise ParameterError(f"profiles: {path} has unknown keys {sorted(unknown)}; allowed: {sorted(_PROFILE_KEYS)}")
    rules = {key: [_expand(p) for p in data.get(key) or []] for key in _LIST_KEYS}
    detect = data.get("detect") or {}
    for key, patterns in list(rules.items()) + [("detect", [_expand(p) for p in detect.get("patterns", [])])]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ParameterError(f"profiles: {path}, {key}: bad regex {pattern!r}: {error}") from None
    return Profile(
        name=str(data.get("name") or path.stem),
        path=str(path),
        domains=tuple(d.lower() for d in detect.get("domains", [])),
        detect_patterns=tuple(_expand(p) for p in detect.get("patterns", [])),
        outlet=str(data.get("outlet") or ""),
        outlet_names=tuple((data.get("outlet_names") or {}).items()),
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(),
        rules=rules,
    )


def _expand(pattern: str) -> str:
    for macro, regex in _MACROS.items():
        pattern = pattern.replace(macro, regex)
    return pattern


class _Rules:
    """The compiled rules of a set of active profiles."""

    def __init__(self, profiles: tuple[Profile, ...]):
        def joined(key):
            patterns = [p for profile in profiles for p in profile.rules[key]]
            return re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", re.I)

        self.chrome_line = joined("chrome_lines")
        self.fragments = joined("chrome_fragments")
        self.footer = joined("footer_starts")
        markers = "|".join(f"(?:{p})" for profile in profiles for p in profile.rules["end_markers"])
        self.end_marker = re.compile(rf"\s*(?:{markers or '(?!)'})\s*$", re.I)
        inline = [p for profile in profiles for p in profile.rules["inline_chrome"]]
        self.inline = re.compile("|".join(f"(?:{p})" for p in inline)) if inline else None
        # Site profiles first: their datelines and bylines are the more specific.
        ordered = sorted(profiles, key=lambda p: p.always)
        self.bylines = [re.compile(p) for prof in ordered for p in prof.rules["bylines"]]
        self.datelines = [re.compile(p) for prof in ordered for p in prof.rules["datelines"]]
        self.outlet = next((p.outlet for p in ordered if p.outlet), "")
        self.outlet_names = {k: v for p in profiles for k, v in p.outlet_names}


@lru_cache(maxsize=64)
def _rules(profiles: tuple[Profile, ...]) -> _Rules:
    return _Rules(profiles)


@lru_cache(maxsize=64)
def _detector(profile: Profile) -> re.Pattern | None:
    return re.compile("|".join(profile.detect_patterns)) if profile.detect_patterns else None


def _active(profiles: tuple[Profile, ...], text: str, url: str) -> tuple[Profile, ...]:
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0]
    active = []
    for profile in profiles:
        detector = _detector(profile)
        if (
            profile.always
            or any(host == d or host.endswith("." + d) for d in profile.domains)
            or (detector is not None and detector.search(text))
        ):
            active.append(profile)
    return tuple(active)


def clean_page(text: str, *, profiles=None, url: str = "", title: str | None = None) -> dict:
    """Split a scraped page into clean body text and metadata.

    Parameters
    ----------
    text : str
        The page as text (any line endings; it is normalised first).
    profiles : tuple of Profile, optional
        From :func:`load_profiles`; the bundled ones by default.
    url : str, optional
        The page's URL, to switch on site profiles by domain.
    title : str, optional
        The title when already known (a table column); otherwise the first line,
        when it looks like a headline, is taken as the title.

    Returns
    -------
    dict
        ``text`` (normalised body), ``title``, ``outlet`` (byline, else the
        profile's, else the dateline's agency), ``wire`` (the agency named in
        the dateline, "(Reuters) -"), ``author``, ``dateline`` (str, "" when
        unknown) and ``date`` (Timestamp or None).
    """
    profiles = load_profiles() if profiles is None else profiles
    rules = _rules(_active(profiles, text, url))
    lines = normalize_text(text).split("\n")
    fields = {"title": title or "", "outlet": "", "wire": "", "author": "", "dateline": "", "date": None}
    start = _read_header(lines, rules, fields, want_title=title is None)
    if fields["date"] is None and fields["title"]:
        # "Annual Message to the Congress. January 22, 1970": a date closing the headline
        closing = _CLOSING_DATE.search(fields["title"])
        fields["date"] = parse_date(closing.group(1)) if closing else None
    body = lines[start:]
    if rules.inline is not None:  # first: a sign-off behind a share bar then ends its line
        body = [" ".join(rules.inline.sub(" ", line).split()) if rules.inline.search(line) else line for line in body]
    body = _cut_end(body, rules)
    body = [line for line in body if not rules.chrome_line.fullmatch(line)]
    if body:
        body[0] = _strip_dateline(body[0], rules, fields)
    first_changed = bool(body) and not unicodedata.is_normalized("NFC", body[0])
    body = "\n".join(body)
    del lines  # free the lines of a big page before the text is copied again
    # the lines are normal already: only removed lines can leave blank runs (a big page skips the copy)
    untidy = (len(body) < _BIG_TEXT or first_changed or body[:1].isspace() or body[-1:].isspace()
              or _LINE_END_BLANKS.search(body))
    fields["text"] = normalize_text(body) if untidy else body
    outlet = fields["outlet"] or rules.outlet
    fields["outlet"] = rules.outlet_names.get(outlet, outlet)
    return fields


def _read_header(lines: list[str], rules: _Rules, fields: dict, *, want_title: bool) -> int:
    """Take title, chrome and bylines off the top; return the index where the body starts."""
    i = 0
    while i < len(lines) and (not lines[i] or rules.chrome_line.fullmatch(lines[i])):
        i += 1  # navigation above the headline
    if want_title and _looks_like_title(lines, i, rules):
        fields["title"] = lines[i]
        i += 1
    elif want_title and _looks_like_title(lines, i + 1, rules) and _is_title_lead(lines[i]):
        # "State of the Union Message to the Congress:" / "Overview and Goals.  February 2, 1973"
        fields["title"] = f"{lines[i]} {lines[i + 1]}"
        i += 2
    while i < len(lines):
        line = lines[i]
        if len(line) > _HEADER_LINE_MAX:
            break
        if line and not rules.chrome_line.fullmatch(line):
            rest = " ".join(rules.fragments.sub(" ", line).split()).strip(" ,|")
            if rest and not _read_byline(rest, rules, fields):
                break
        i += 1
    return i


def _looks_like_title(lines: list[str], i: int, rules: _Rules) -> bool:
    """A headline: short, no closing full stop or colon, then a blank or header line.

    A headline in capitals may close with a full stop ("... THE BUDGET FOR 1946."), and one
    that closes with a date ("Annual Message to the Congress. January 22, 1971") may be
    followed directly by the text: neither is how a paragraph of prose looks.
    """
    if i + 2 >= len(lines) or not lines[i] or rules.chrome_line.fullmatch(lines[i]):
        return False
    line, following = lines[i], lines[i + 1]
    if len(line) > 250 or len(line.split()) > 30 or line.endswith((",", ";", ":")):
        return False
    if line.endswith(".") and (any(c.islower() for c in line) or not any(c.isupper() for c in line)):
        return False
    return not following or _is_header_line(following, rules) or bool(_CLOSING_DATE.search(line))


def _is_title_lead(line: str) -> bool:
    """The first line of a two-line headline: a few words closing with a colon ("... to the Congress:")."""
    return line.endswith(":") and len(line.split()) <= 12 and not line.endswith("::")


def _is_header_line(line: str, rules: _Rules) -> bool:
    """Chrome, buttons only, or a byline (checked without recording anything)."""
    if rules.chrome_line.fullmatch(line):
        return True
    rest = " ".join(rules.fragments.sub(" ", line).split()).strip(" ,|")
    return not rest or any(pattern.fullmatch(rest) for pattern in rules.bylines)


def _read_byline(line: str, rules: _Rules, fields: dict) -> bool:
    for pattern in rules.bylines:
        match = pattern.fullmatch(line)
        if match:
            found = {k: v for k, v in match.groupdict().items() if v}
            if "date" in found and fields["date"] is None:
                fields["date"] = parse_date(found["date"])
            for key in ("outlet", "author"):
                if key in found and not fields[key]:
                    fields[key] = found[key].strip()
            return True
    return False


def _cut_end(body: list[str], rules: _Rules) -> list[str]:
    """Drop the page footer and everything after an end-of-story marker."""
    for i, line in enumerate(body):
        if rules.footer.fullmatch(line):
            body = body[:i]
            break
    for i, line in enumerate(body):
        # markers close a line: search only its tail (a regex search over a
        # whole paragraph for every line costs more than the rest of cleaning)
        match = rules.end_marker.search(line, max(0, len(line) - _MARKER_TAIL))
        if match:
            return body[:i] + [line[: match.start()]]
    return body


def _strip_dateline(line: str, rules: _Rules, fields: dict) -> str:
    for pattern in rules.datelines:
        match = pattern.match(line)
        if match:
            found = match.groupdict()
            fields["dateline"] = (found.get("place") or "").strip()
            agency = (found.get("outlet") or "").strip()
            fields["wire"] = agency
            if agency and not fields["outlet"]:
                fields["outlet"] = agency
            return line[match.end() :]
    return line


# guess_language lives in toolkit.scripts, the one home of script ranges (issue 11).
