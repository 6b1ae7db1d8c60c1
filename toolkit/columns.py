"""Which input column feeds which article field: given, found by name, or found by values.

``load_articles(..., columns={"url": "link"})`` names columns explicitly. Fields
not named are found by the column's name (:data:`toolkit.readers.COMMON_NAMES`,
case-insensitive) and, failing that, by its values: a column whose values are
mostly URLs is the URL column, mostly dates the date column, long prose the
text column, short multi-word lines the title column. Each decision is kept in
``articles.attrs["column_mapping"]`` and shown by :func:`column_mapping`.

The same mapping is read on the command line (``--column url=link`` or
``--columns mapping.yaml``) by :func:`parse_column_options`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from toolkit.clean import parse_date
from toolkit.errors import ParameterError
from toolkit.readers import FIELDS, ColumnMap

__all__ = ["COLUMN_MAPPING_ATTR", "MappingColumnMap", "column_mapping", "parse_column_options"]

#: Key of ``articles.attrs`` holding the column decisions, a list of records
#: ``{"field", "column", "how"}``; ``how`` is "given", "name" or "values".
COLUMN_MAPPING_ATTR = "column_mapping"
MAPPING_COLUMNS = ("field", "column", "how")

_SAMPLE = 200  # records looked at per column: enough to tell URLs from prose
_SHARE = 0.8  # of the non-empty sampled values that must look right
_URL = re.compile(r"(?:https?://|www\.)[^\s/$.?#][^\s]*", re.I)
# The shapes of a date column's values; a value counts only when clean.parse_date also reads
# it, so a column found by its values is one the loader can date. Day and month as numbers
# before the year (12/31/2022) are not dates here, as parse_date refuses to guess their order.
_DATE = re.compile(
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}.*)?"
    r"|(?:\w+,?\s+)?(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}.*"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}.*|\d{4}年\d{1,2}月\d{1,2}日.*"
)


@dataclass(frozen=True)
class MappingColumnMap(ColumnMap):
    """A :class:`toolkit.readers.ColumnMap` that also detects columns by values and logs its decisions."""

    decisions: list = field(default_factory=list, compare=False, hash=False)
    #: Every column name of every table resolved so far (to tell a mistyped ``columns=`` name).
    seen: set = field(default_factory=set, compare=False, hash=False)

    def resolve(self, names, records=None) -> dict[str, str]:
        self.seen.update(str(n) for n in names)
        resolved = super().resolve(names)
        explicit = dict(self.explicit)
        how = {f: "given" if f in explicit else "name" for f in resolved}
        if records:
            for name, column in _by_values(records, [str(n) for n in names], resolved, explicit).items():
                resolved[name], how[name] = column, "values"
        self.decisions.extend({"field": f, "column": c, "how": how[f]} for f, c in resolved.items())
        return resolved

    def check_given_columns(self) -> None:
        """Raise :class:`ParameterError` naming ``columns`` for a given column no table read so far has.

        Nothing is checked before a table was read (text and HTML pages have no
        columns). A column that some tables have and others lack is not an
        error: those tables are in the load report.
        """
        if not self.seen:
            return
        missing = {name: column for name, column in self.explicit if column not in self.seen}
        if not missing:
            return
        lowered = {n.casefold(): n for n in sorted(self.seen)}
        hints = [f"{column!r} -> {lowered[column.casefold()]!r}?" for column in missing.values()
                 if column.casefold() in lowered]
        shown = sorted(self.seen)[:30]
        raise ParameterError(
            f"columns: no input has the column(s) {missing} (field: column); the inputs' columns are {shown}"
            + ("..." if len(self.seen) > 30 else "") + (f"; did you mean {', '.join(hints)}" if hints else "")
        )

    def summary(self) -> list[dict]:
        """The distinct decisions, in field order."""
        seen = list({(d["field"], d["column"], d["how"]): d for d in self.decisions}.values())
        return sorted(seen, key=lambda d: FIELDS.index(d["field"]))


def _by_values(records, names, resolved, explicit) -> dict[str, str]:
    """Fields url, date, text, title not yet mapped, found from sampled values."""
    taken = set(resolved.values())
    sample = [r for r in records[:_SAMPLE] if isinstance(r, dict)]
    found = {}
    for name in ("url", "date", "text", "title"):
        if name in resolved or name in explicit:
            continue
        scores = {c: _score(name, [r.get(c) for r in sample]) for c in names if c not in taken}
        scores = {c: s for c, s in scores.items() if s is not None}
        if scores:
            best = max(scores, key=scores.get)
            found[name] = best
            taken.add(best)
    return found


def _score(name: str, values) -> float | None:
    """How well a column's values fit *name*; None when they do not."""
    texts = [str(v).strip() for v in values if v is not None and not (not isinstance(v, str) and pd.isna(v))]
    texts = [t for t in texts if t]
    if len(texts) < max(1, 0.5 * len(values)):
        return None
    def share(test):
        return sum(1 for t in texts if test(t)) / len(texts)
    if name == "url":
        score = share(_URL.fullmatch)
    elif name == "date":
        score = share(lambda t: len(t) <= 40 and _DATE.fullmatch(t) and parse_date(t) is not None)
    else:
        lengths = sorted(len(t.split()) for t in texts)
        median = lengths[len(lengths) // 2]
        plain = share(lambda t: not _URL.fullmatch(t) and not _DATE.fullmatch(t))
        if plain < _SHARE:
            return None
        if name == "text":
            return float(median) if median >= 25 else None
        distinct = len(set(texts)) / len(texts)
        return distinct - abs(median - 10) / 100 if 3 <= median <= 30 and distinct >= 0.9 else None
    return score if score >= _SHARE else None


def column_mapping(articles: pd.DataFrame) -> pd.DataFrame:
    """Which input column served as which article field when *articles* were loaded.

    Parameters
    ----------
    articles : pandas.DataFrame
        As returned by :func:`toolkit.load_articles`.

    Returns
    -------
    pandas.DataFrame
        Columns ``field`` (article field: text, title, date, url, outlet, ...),
        ``column`` (the input column), ``how`` ("given": named in ``columns=``;
        "name": a common column name; "values": its values looked like the
        field). Empty when the input had no columns (text or HTML pages).
    """
    rows = articles.attrs.get(COLUMN_MAPPING_ATTR, [])
    return pd.DataFrame(list(rows), columns=list(MAPPING_COLUMNS))


def parse_column_options(pairs=None, path=None) -> dict:
    """A ``columns=`` mapping from ``--column FIELD=COLUMN`` options and/or a YAML file.

    Parameters
    ----------
    pairs : list of str, optional
        ``"url=link"`` items; they win over the file.
    path : str or Path, optional
        A YAML file holding a mapping ``{field: column}``.

    Raises
    ------
    ParameterError
        For a malformed pair, a missing or malformed file, or an unknown field.
    """
    mapping = {}
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise ParameterError(f"--columns: no such file: {file}")
        try:
            loaded = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise ParameterError(f"--columns: {file} is not valid YAML: {error}") from None
        if not isinstance(loaded, dict):
            raise ParameterError(f"--columns: {file} must hold a mapping of article fields to input columns")
        mapping.update({str(k): str(v) for k, v in loaded.items()})
    for pair in pairs or []:
        name, sep, column = pair.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise ParameterError(f"--column: expected FIELD=COLUMN (e.g. url=link), got {pair!r}")
        mapping[name.strip()] = column.strip()
    MappingColumnMap.from_mapping(mapping)  # checks the fields
    return mapping
