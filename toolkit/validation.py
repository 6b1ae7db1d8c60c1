"""Validate a frame dictionary by hand-coding a sample of its hits.

The workflow (quanteda users know it as "validate your dictionary"):

1. :func:`validation_sample` draws a stratified random sample of KWIC lines.
2. :func:`write_coding_sheet` writes it as CSV and Excel with one empty label
   column per coder (``label_<coder>``) and an instructions note.
3. Coders label every line with one of :data:`LABELS`; each may fill their own
   copy of the sheet. :func:`read_coding_sheet` reads one or several copies.
4. :func:`dictionary_precision` gives precision per frame (or per pattern)
   with 95% Wilson intervals; :func:`agreement` gives Cohen's kappa and
   Krippendorff's alpha between coders.
5. :func:`exclusions_from_coding` collects the phrases coders marked as false
   positives and :func:`add_exclusions` (defined in :mod:`toolkit.frames`,
   which owns the dictionary format) writes them into the dictionary's
   ``exclude:`` lists.

Labels
------
``meant``
    The frame is invoked: the text uses the phrase in the frame's sense, in the
    outlet's voice or in a voice it reports without distancing.
``not_meant``
    A false positive: the phrase occurs in another sense ("Islamic
    Revolutionary Guard" for a colour-revolution frame).
``quoted_rejected``
    The frame is invoked only to be rejected or held at a distance (quoted in
    order to be refuted, scare quotes, "so-called"). The dictionary found the
    right language, but the outlet does not adopt the frame; how these lines
    count towards precision is the ``quoted_rejected`` option of
    :func:`dictionary_precision`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import LoadError, ParameterError, SchemaError
from toolkit.frames import add_exclusions  # re-exported: step 5 of the workflow edits the dictionary file
from toolkit.parameters import require_whole_number
from toolkit.rates import wilson_interval
from toolkit.readers import clean_value
from toolkit.schema import DOC_ID
from toolkit.sheets import formula_safe_frame, mark_excel_text, undo_formula_safe

#: The labels a coder may give a KWIC line (see the module docstring).
LABELS: tuple[str, ...] = ("meant", "not_meant", "quoted_rejected")

#: Prefix of the coder label columns of a coding sheet: ``label_<coder>``.
LABEL_PREFIX = "label_"

#: Label column holding adjudicated labels; it wins over the coders' labels.
FINAL_LABEL = "label_final"

INSTRUCTIONS = """\
HOW TO CODE THIS SHEET

Each row is one hit of a frame dictionary: the words before it (pre), the hit
(keyword) and the words after it (post), with the frame and the pattern that
found it. Read the line (open the article by doc_id when the context is too
short) and write ONE label in your own column, label_<your name>:

  meant            the frame is invoked: the phrase is used in the frame's
                   sense, by the outlet or by someone it quotes without
                   distancing itself.
  not_meant        a false positive: the phrase means something else here.
  quoted_rejected  the frame is mentioned in order to be rejected or held at
                   a distance (refuted, in scare quotes, "so-called").

Leave a cell empty if you cannot decide; do not look at the other coders'
columns. For a not_meant line you may write, in the column "exclusion", the
words around the hit that show it is not meant (for example "Islamic
Revolutionary Guard"); they can be added to the dictionary's exclude: list.
Use "notes" for anything else. Do not change the other columns.
"""

_SHEET_TYPES = {"line_id": "Int64", "start": "Int64", "end": "Int64", "stratum_size": "Int64"}
_CONTEXT_STOP = re.compile(r"[.,;:!?()\[\]\"“”«»]")


def validation_sample(
    hits: pd.DataFrame,
    *,
    per: str | Sequence[str] | None = ("frame", "outlet"),
    n: int = 20,
    random_state: int = 0,
) -> pd.DataFrame:
    """Draw a stratified random sample of KWIC lines for hand-coding.

    Parameters
    ----------
    hits : pandas.DataFrame
        A keyword-in-context table (:data:`toolkit.schema.KWIC_COLUMNS`), as
        returned by ``keyword_in_context``.
    per : str or sequence of str, optional
        Columns defining the strata; ``None`` or ``()`` samples the table as a
        whole.
    n : int, default 20
        Lines per stratum; a stratum with fewer lines is taken whole.
    random_state : int, default 0
        Seed; the same hits (in any row order) and seed give the same sample.

    Returns
    -------
    pandas.DataFrame
        ``line_id`` (1, 2, ...), the input's columns, and ``stratum_size`` (the
        number of hits in the line's stratum, for weighting estimates), sorted
        by stratum, ``doc_id`` and ``start``.
    """
    per = _as_columns(per, "per")
    require_whole_number(n, parameter="validation_sample: n")
    needed = [DOC_ID, "frame", "pattern", "pre", "keyword", "post", *per]
    missing = [c for c in dict.fromkeys(needed) if c not in hits.columns]
    if missing:
        raise SchemaError(f"validation_sample: the hits table lacks column(s) {missing}; pass keyword_in_context() output.")
    # Sort first so the sample does not depend on the input's row order.
    keys = [c for c in (DOC_ID, "start", "end", "frame", "pattern", "keyword") if c in hits.columns]
    table = hits.sort_values(keys, kind="stable").reset_index(drop=True)
    table["stratum_size"] = table.groupby(per, dropna=False)[DOC_ID].transform("size") if per else len(table)
    shuffled = table.iloc[np.random.default_rng(random_state).permutation(len(table))]
    sample = shuffled.groupby(per, dropna=False, sort=False).head(n) if per else shuffled.head(n)
    sample = sample.sort_values([*per, *keys], kind="stable").reset_index(drop=True)
    sample.insert(0, "line_id", np.arange(1, len(sample) + 1, dtype="int64"))
    return sample


def write_coding_sheet(
    sample: pd.DataFrame, path: str | Path, *, coders: Sequence[str] = ("coder_1", "coder_2")
) -> dict[str, Path]:
    """Write a coding sheet as CSV and Excel, with empty label columns per coder.

    Parameters
    ----------
    sample : pandas.DataFrame
        Output of :func:`validation_sample` (needs ``line_id``).
    path : str or pathlib.Path
        Where to write; the suffix (``.csv``, ``.xlsx`` or none) is replaced,
        so ``sheets/coding.csv`` gives ``sheets/coding.csv``,
        ``sheets/coding.xlsx`` and ``sheets/coding.instructions.txt``.
    coders : sequence of str
        Coder names (letters, digits, ``_``); each gets a column
        ``label_<coder>``. Existing label columns in *sample* are kept.

    Returns
    -------
    dict
        ``{"csv": Path, "xlsx": Path, "instructions": Path}``.

    Notes
    -----
    The Excel file has a drop-down list of :data:`LABELS` in each label column
    and a second sheet, "instructions"; the CSV is UTF-8 with a byte order
    mark so that Excel opens it correctly. Text that a spreadsheet would run as
    a formula (``=HYPERLINK(...)`` in a title) is written as text: a string
    cell in the xlsx, a leading apostrophe in the CSV (see
    :mod:`toolkit.sheets`; :func:`read_coding_sheet` removes it). Control
    characters other than tab and newline are dropped.
    """
    coders = _check_coders(coders)
    if "line_id" not in sample.columns:
        raise SchemaError("write_coding_sheet: the sample lacks column 'line_id'; pass validation_sample() output.")
    sheet = sample.copy()
    for column in [LABEL_PREFIX + c for c in coders] + ["exclusion", "notes"]:
        if column not in sheet.columns:
            sheet[column] = ""
    for column in sheet.columns:
        if pd.api.types.is_datetime64_any_dtype(sheet[column]):
            sheet[column] = sheet[column].dt.strftime("%Y-%m-%d").fillna("")
    base = Path(path)
    base = base.with_suffix("") if base.suffix.lower() in (".csv", ".xlsx") else base
    base.parent.mkdir(parents=True, exist_ok=True)
    paths = {
        "csv": base.with_name(base.name + ".csv"),
        "xlsx": base.with_name(base.name + ".xlsx"),
        "instructions": base.with_name(base.name + ".instructions.txt"),
    }
    for column in sheet.columns:  # openpyxl refuses control characters (IllegalCharacterError)
        if sheet[column].dtype == object or pd.api.types.is_string_dtype(sheet[column]):
            sheet[column] = sheet[column].map(clean_value)
    formula_safe_frame(sheet).to_csv(paths["csv"], index=False, encoding="utf-8-sig")
    _write_excel(sheet, paths["xlsx"], [LABEL_PREFIX + c for c in coders])
    paths["instructions"].write_text(INSTRUCTIONS, encoding="utf-8")
    return paths


def read_coding_sheet(path: str | Path | Sequence[str | Path]) -> pd.DataFrame:
    """Read a coded sheet (CSV or Excel), or several copies of it, and check the labels.

    Parameters
    ----------
    path : str, pathlib.Path, or a sequence of them
        One sheet, or one copy per coder: the label columns of all copies are
        combined by ``line_id`` (the other columns come from the first).

    Returns
    -------
    pandas.DataFrame
        The sheet, with ``line_id``/``start``/``end``/``stratum_size`` as
        integers, ``date`` as datetime, and label columns (``label_*``)
        normalised to :data:`LABELS` or ``<NA>`` for an empty cell.

    Raises
    ------
    LoadError
        A label is not one of :data:`LABELS`, or two copies disagree on the
        same coder's label; the message names the file, line and value.
    """
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    if not paths:
        raise ParameterError("read_coding_sheet: path is empty; pass a file or a list of files.")
    sheets = [_read_one_sheet(Path(p)) for p in paths]
    combined = sheets[0]
    for other_path, other in zip(paths[1:], sheets[1:]):
        combined = _combine_labels(combined, other, other_path)
    return combined


def dictionary_precision(
    coded: pd.DataFrame,
    *,
    coder: str | None = None,
    by: str | Sequence[str] = ("frame",),
    quoted_rejected: str = "not_meant",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Precision of a frame dictionary per frame (or pattern) from coded lines.

    Precision is the share of coded hits that are true positives:
    ``n_meant / n_coded``, with a Wilson score interval (Wilson 1927; see
    Brown, Cai and DasGupta 2001 for why it beats the Wald interval at the
    small *n* of coding samples). Lines are weighted equally: with strata
    sampled at different rates (``stratum_size``), this is the precision of
    the sample, not of the corpus.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coded sheet (:func:`read_coding_sheet`).
    coder : str, optional
        Use this coder's labels (``"coder_1"`` or ``"label_coder_1"``). By
        default: ``label_final`` where filled (adjudicated labels), else the
        label a strict majority of the coders who labelled the line gave (with
        two coders: their common label; lines coded by one coder only count
        with that label). Lines without such a label are ``n_unresolved``.
    by : str or sequence of str, default ("frame",)
        Grouping columns, e.g. ``("frame", "pattern")`` for precision per pattern.
    quoted_rejected : {"not_meant", "meant", "exclude"}
        How ``quoted_rejected`` lines count: as false positives (default: the
        outlet does not adopt the frame), as true positives (the dictionary
        found the frame's language), or not at all (left out of ``n_coded``).
    confidence : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per group: the *by* columns, ``n_lines``, ``n_coded``,
        ``n_meant``, ``n_not_meant``, ``n_quoted_rejected``, ``n_unresolved``,
        ``precision``, ``ci_low``, ``ci_high`` (NaN when ``n_coded`` is 0).
    """
    by = _as_columns(by, "by")
    if not by:
        raise ParameterError("dictionary_precision: by must name at least one column, e.g. 'frame'.")
    if quoted_rejected not in ("not_meant", "meant", "exclude"):
        raise ParameterError(
            f"dictionary_precision: quoted_rejected must be 'not_meant', 'meant' or 'exclude', got {quoted_rejected!r}."
        )
    missing = [c for c in by if c not in coded.columns]
    if missing:
        raise SchemaError(f"dictionary_precision: the coded sheet lacks column(s) {missing}.")
    labels, unresolved = _resolved_labels(coded, coder)
    table = coded[by].copy()
    for label in LABELS:
        table[f"n_{label}"] = (labels == label).astype("int64")
    table["n_unresolved"] = unresolved.astype("int64")
    table["n_lines"] = 1
    result = table.groupby(by, dropna=False, sort=True).sum().reset_index()
    true_positive = result["n_meant"] + (result["n_quoted_rejected"] if quoted_rejected == "meant" else 0)
    result["n_coded"] = result["n_meant"] + result["n_not_meant"]
    if quoted_rejected != "exclude":
        result["n_coded"] += result["n_quoted_rejected"]
    with np.errstate(invalid="ignore", divide="ignore"):
        result["precision"] = true_positive / result["n_coded"].where(result["n_coded"] > 0)
    result["ci_low"], result["ci_high"] = wilson_interval(true_positive, result["n_coded"], confidence=confidence)
    columns = [*by, "n_lines", "n_coded", "n_meant", "n_not_meant", "n_quoted_rejected", "n_unresolved",
               "precision", "ci_low", "ci_high"]
    return result[columns]


def agreement(
    coded: pd.DataFrame, *, coders: Sequence[str] | None = None, by: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Agreement between coders: percent agreement, Cohen's kappa, Krippendorff's alpha.

    Cohen's kappa (Cohen 1960) is computed for every pair of coders on the
    lines both labelled: ``(p_o - p_e) / (1 - p_e)`` with chance agreement
    ``p_e`` from each coder's own label distribution. Krippendorff's alpha for
    nominal data (Krippendorff 2011, "Computing Krippendorff's
    Alpha-Reliability") uses all coders at once and allows missing labels:
    ``1 - D_o / D_e`` from the coincidence matrix of pairable values; lines
    with fewer than two labels are left out.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coded sheet. Label values may be any categories (not only
        :data:`LABELS`); ``<NA>``/empty means not coded.
    coders : sequence of str, optional
        Coders to compare (names or ``label_`` columns); default every
        ``label_*`` column except ``label_final``.
    by : str or sequence of str, optional
        Compute separately per group (e.g. ``"frame"``).

    Returns
    -------
    pandas.DataFrame
        One row per measure (and group): the *by* columns, ``measure``
        (``"percent_agreement"``, ``"cohen_kappa"``, ``"krippendorff_alpha"``),
        ``coders`` (the coders compared, comma-separated), ``value`` and
        ``n_units`` (lines used). A value is NaN when it is undefined (no
        lines, or no variation at all).
    """
    columns = _label_columns(coded, coders)
    if len(columns) < 2:
        raise ParameterError(f"agreement: coders must name at least two label columns, found {columns}.")
    by = _as_columns(by, "by")
    groups = coded.groupby(by, dropna=False, sort=True) if by else [((), coded)]
    rows = []
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        values = group[columns].astype(object)
        values = values.where(values.notna() & (values != ""), None)
        for first, second in itertools.combinations(columns, 2):
            pair = values[[first, second]].dropna()
            names = _coder_names([first, second])
            observed = float((pair[first] == pair[second]).mean()) if len(pair) else float("nan")
            rows.append((*key, "percent_agreement", names, observed, len(pair)))
            rows.append((*key, "cohen_kappa", names, _cohen_kappa(pair[first], pair[second]), len(pair)))
        alpha, n_units = _krippendorff_alpha_nominal(values.to_numpy().tolist())
        rows.append((*key, "krippendorff_alpha", _coder_names(columns), alpha, n_units))
    result = pd.DataFrame(rows, columns=[*by, "measure", "coders", "value", "n_units"])
    return result.astype({"value": "float64", "n_units": "int64"})


def exclusions_from_coding(
    coded: pd.DataFrame, *, coder: str | None = None, suggest: bool = False, context_words: int = 2
) -> pd.DataFrame:
    """Collect false-positive contexts per frame, ready for :func:`add_exclusions`.

    Parameters
    ----------
    coded : pandas.DataFrame
        A coded sheet; labels are resolved as in :func:`dictionary_precision`.
    coder : str, optional
        Whose labels decide which lines are ``not_meant``.
    suggest : bool, default False
        Also suggest an exclusion for ``not_meant`` lines whose ``exclusion``
        cell is empty: the hit with up to *context_words* words either side,
        not crossing punctuation. Review suggestions before adding them: a
        false positive does not always deserve an exclusion.
    context_words : int, default 2

    Returns
    -------
    pandas.DataFrame
        One row per frame and phrase: ``frame``, ``exclusion``, ``source``
        (``"coder"``: written in the sheet's ``exclusion`` column;
        ``"suggested"``), ``n_lines``, ``patterns`` and ``line_ids``
        (comma-separated), sorted by frame and phrase. Phrases written on lines
        not resolved as ``not_meant`` are ignored.
    """
    require_whole_number(context_words, parameter="exclusions_from_coding: context_words", minimum=0)
    labels, _ = _resolved_labels(coded, coder)
    lines = coded[labels == "not_meant"]
    written = lines["exclusion"].fillna("").astype(str).str.strip() if "exclusion" in lines else pd.Series("", index=lines.index)
    rows = []
    for (index, line), phrase in zip(lines.iterrows(), written):
        if phrase:
            rows.append((line["frame"], " ".join(phrase.split()), "coder", line["pattern"], line.get("line_id", index)))
        elif suggest:
            rows.append((line["frame"], _context_phrase(line, context_words), "suggested", line["pattern"], line.get("line_id", index)))
    table = pd.DataFrame(rows, columns=["frame", "exclusion", "source", "pattern", "line_id"])
    result = table.groupby(["frame", "exclusion", "source"], sort=True).agg(
        n_lines=("line_id", "size"),
        patterns=("pattern", lambda s: ", ".join(dict.fromkeys(map(str, s)))),
        line_ids=("line_id", lambda s: ", ".join(map(str, s))),
    )
    return result.reset_index().astype({"n_lines": "int64"})


# ---------------------------------------------------------------- statistics


def _cohen_kappa(first: pd.Series, second: pd.Series) -> float:
    """Cohen's (1960) kappa of two equally long label sequences; NaN if undefined."""
    if len(first) == 0:
        return float("nan")
    observed = float((first.to_numpy() == second.to_numpy()).mean())
    share_first = first.value_counts(normalize=True)
    share_second = second.value_counts(normalize=True)
    expected = float((share_first * share_second.reindex(share_first.index, fill_value=0)).sum())
    if expected == 1:
        return float("nan")
    return (observed - expected) / (1 - expected)


def _krippendorff_alpha_nominal(units: Sequence[Sequence]) -> tuple[float, int]:
    """Krippendorff's alpha for nominal data (Krippendorff 2011, section C).

    *units* holds one sequence of values per unit (one per coder), ``None``
    where a coder gave none. Returns ``(alpha, number of pairable units)``.
    """
    values = [[v for v in unit if v is not None and not (isinstance(v, float) and np.isnan(v))] for unit in units]
    values = [unit for unit in values if len(unit) >= 2]
    categories = sorted({v for unit in values for v in unit}, key=str)
    if not values or len(categories) < 2:
        return float("nan"), len(values)
    index = {c: i for i, c in enumerate(categories)}
    coincidences = np.zeros((len(categories), len(categories)))
    for unit in values:
        counts = np.bincount([index[v] for v in unit], minlength=len(categories)).astype(float)
        coincidences += (np.outer(counts, counts) - np.diag(counts)) / (len(unit) - 1)
    totals = coincidences.sum(axis=1)
    n = totals.sum()
    disagreement_observed = n - np.trace(coincidences)
    disagreement_expected = (n**2 - (totals**2).sum()) / (n - 1)
    return float(1 - disagreement_observed / disagreement_expected), len(values)


# ---------------------------------------------------------------- helpers


def _as_columns(value, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not all(isinstance(v, str) for v in value):
        raise ParameterError(f"{name} must be a column name or a sequence of column names, got {value!r}.")
    return list(value)


def _check_coders(coders) -> list[str]:
    coders = [coders] if isinstance(coders, str) else list(coders)
    bad = [c for c in coders if not isinstance(c, str) or not re.fullmatch(r"\w+", c)]
    if not coders or bad or len(set(coders)) != len(coders):
        raise ParameterError(
            f"write_coding_sheet: coders must be distinct names of letters, digits and '_', got {coders!r}."
        )
    return [c.removeprefix(LABEL_PREFIX) for c in coders]


def _coder_names(columns: Sequence[str]) -> str:
    return ", ".join(c.removeprefix(LABEL_PREFIX) for c in columns)


def _label_columns(coded: pd.DataFrame, coders) -> list[str]:
    if coders is None:
        return [c for c in coded.columns if str(c).startswith(LABEL_PREFIX) and c != FINAL_LABEL]
    columns = [c if c.startswith(LABEL_PREFIX) else LABEL_PREFIX + c for c in _as_columns(coders, "coders")]
    missing = [c for c in columns if c not in coded.columns]
    if missing:
        raise ParameterError(f"coders: the coded sheet has no column(s) {missing}.")
    return columns


def _resolved_labels(coded: pd.DataFrame, coder: str | None) -> tuple[pd.Series, pd.Series]:
    """One label per line (NA when none) and a mask of lines coded but unresolved."""
    if coder is not None:
        labels = coded[_label_columns(coded, [coder])[0]]
        return labels.astype(object).where(labels.notna() & (labels != ""), None), pd.Series(False, index=coded.index)
    columns = _label_columns(coded, None)
    if not columns and FINAL_LABEL not in coded.columns:
        raise SchemaError("the coded sheet has no label_<coder> columns; read it with read_coding_sheet().")
    labels = pd.Series(None, index=coded.index, dtype=object)
    unresolved = pd.Series(False, index=coded.index)
    for index, row in coded[columns].iterrows():
        given = [v for v in row if isinstance(v, str) and v]
        if not given:
            continue
        counts = pd.Series(given).value_counts()
        if counts.iloc[0] * 2 > len(given):
            labels[index] = counts.index[0]
        else:
            unresolved[index] = True
    if FINAL_LABEL in coded.columns:
        final = coded[FINAL_LABEL]
        filled = final.notna() & (final != "")
        labels[filled] = final[filled].astype(object)
        unresolved[filled] = False
    return labels, unresolved


def _normalise_label(value) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return None
    text = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    return text or None


def _read_one_sheet(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise LoadError(path, "no such coding sheet")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet = pd.read_excel(path, sheet_name=0, dtype=str, keep_default_na=False, engine="openpyxl")
    elif path.suffix.lower() == ".csv":
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    else:
        raise LoadError(path, "a coding sheet must be a .csv or .xlsx file")
    sheet = sheet.map(undo_formula_safe)
    sheet.columns = [undo_formula_safe(c) for c in sheet.columns]
    for column, dtype in _SHEET_TYPES.items():
        if column in sheet.columns:
            sheet[column] = pd.to_numeric(sheet[column].where(sheet[column] != "")).astype(dtype)
    if "date" in sheet.columns:
        sheet["date"] = pd.to_datetime(sheet["date"].where(sheet["date"] != ""), format="ISO8601")
    for column in [c for c in sheet.columns if str(c).startswith(LABEL_PREFIX)]:
        labels = sheet[column].map(_normalise_label)
        bad = labels.notna() & ~labels.isin(LABELS)
        if bad.any():
            first = bad.idxmax()
            where = int(sheet["line_id"].iloc[first]) if "line_id" in sheet.columns else first + 2
            raise LoadError(
                path, f"column {column}: {sheet[column].iloc[first]!r} is not a label; use one of {', '.join(LABELS)}",
                line=where,
            )
        sheet[column] = labels.astype(object)
    return sheet


def _combine_labels(first: pd.DataFrame, other: pd.DataFrame, other_path) -> pd.DataFrame:
    """Fill *first*'s label columns from *other* (another coder's copy), matched by line_id."""
    if "line_id" not in first.columns or "line_id" not in other.columns:
        raise LoadError(other_path, "combining copies of a coding sheet needs their line_id column")
    combined = first.copy()
    other = other.set_index("line_id")
    for column in [c for c in other.columns if str(c).startswith(LABEL_PREFIX)]:
        theirs = combined["line_id"].map(other[column])
        if column not in combined.columns:
            combined[column] = theirs
            continue
        ours = combined[column]
        clash = ours.notna() & theirs.notna() & (ours != theirs)
        if clash.any():
            line = int(combined.loc[clash.idxmax(), "line_id"])
            raise LoadError(other_path, f"{column} differs from the earlier copy", line=line)
        combined[column] = ours.where(ours.notna(), theirs)
    return combined


def _write_excel(sheet: pd.DataFrame, path: Path, label_columns: list[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        sheet.to_excel(writer, sheet_name="coding", index=False)
        pd.DataFrame({"instructions": INSTRUCTIONS.splitlines()}).to_excel(writer, sheet_name="instructions", index=False)
        worksheet = writer.sheets["coding"]
        mark_excel_text(worksheet)  # text beginning with "=" was made a formula: make it text again
        worksheet.freeze_panes = "A2"
        dropdown = DataValidation(
            type="list", formula1='"' + ",".join(LABELS) + '"', allow_blank=True,
            showErrorMessage=True, errorTitle="Unknown label", error="Use one of: " + ", ".join(LABELS),
        )
        worksheet.add_data_validation(dropdown)
        last_row = max(len(sheet) + 1, 2)
        for position, column in enumerate(sheet.columns, start=1):
            letter = get_column_letter(position)
            widths = {"pre": 50, "post": 50, "keyword": 20, "title": 30}
            worksheet.column_dimensions[letter].width = widths.get(column, 16)
            if column in label_columns:
                dropdown.add(f"{letter}2:{letter}{last_row}")
            if column == "pre":  # right-align so the keyword column lines up
                for (cell,) in worksheet.iter_rows(min_row=2, min_col=position, max_col=position):
                    cell.alignment = Alignment(horizontal="right")
            if column == "keyword":
                for (cell,) in worksheet.iter_rows(min_row=2, min_col=position, max_col=position):
                    cell.font = Font(bold=True)
        writer.sheets["instructions"].column_dimensions["A"].width = 90


def _context_phrase(line: pd.Series, context_words: int) -> str:
    """The hit with up to *context_words* words either side, stopping at punctuation."""
    pre = _CONTEXT_STOP.split(str(line.get("pre", "")))[-1].split()
    post = _CONTEXT_STOP.split(str(line.get("post", "")))[0].split()
    words = (pre[-context_words:] if context_words else []) + str(line["keyword"]).split() + post[:context_words]
    return " ".join(words)


def coding_sheet_fits(coded: pd.DataFrame, frames) -> str:
    """Why a coded sheet does not measure *frames* ("" when it does).

    Precision and agreement describe the dictionary whose hits were coded,
    and no other. A sheet fits when its ``dictionary_sha256`` column (written
    by the validation notebook) names this dictionary's hash; a sheet without
    that column fits when every (frame, pattern) it codes is a frame and
    pattern of this dictionary.

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`read_coding_sheet`.
    frames : FrameDictionary

    Returns
    -------
    str
        "" when the sheet was made for this dictionary; otherwise the reason,
        to show in place of the numbers.
    """
    hashes = set(coded["dictionary_sha256"].dropna().astype(str)) - {""} if "dictionary_sha256" in coded else set()
    if hashes:
        if hashes == {frames.sha256}:
            return ""
        return (f"the coding sheet was made for another dictionary (sha256 {', '.join(sorted(h[:12] for h in hashes))}…), "
                f"not for {frames.name} {frames.version} (sha256 {frames.sha256[:12]}…)")
    ids = set(frames.frame_ids)
    strange = sorted(set(coded["frame"].astype(str)) - ids)
    if strange:
        return f"the coding sheet codes frame(s) {', '.join(strange)}, which {frames.name} does not define"
    if "pattern" in coded.columns:
        known = {(frame.id, p.pattern) for frame in frames.frames for p in frame.patterns}
        pairs = {(str(f), str(p)) for f, p in zip(coded["frame"], coded["pattern"]) if str(p).strip()}
        strange_pairs = sorted(pairs - known)
        if strange_pairs:
            listed = "; ".join(f"{f}: {p}" for f, p in strange_pairs[:5])
            return f"the coding sheet codes pattern(s) that {frames.name} does not have ({listed})"
    return ""
