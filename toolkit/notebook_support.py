"""Small helpers the notebooks call, so that no notebook needs a ``def``.

They check parameters early (naming the parameter in the error), select the
articles a report is about, show tables and keyword-in-context lines with
every piece of article text HTML-escaped, and describe where a report's
numbers came from (:func:`provenance`).
"""

from __future__ import annotations

import hashlib
import html
import platform
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
import yaml

import toolkit
from toolkit.errors import ParameterError, require_columns

#: Packages whose versions every report records.
PROVENANCE_PACKAGES = (
    "framing-toolkit", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib",
    "nltk", "pyarrow", "papermill", "nbconvert",
)


def require_path(value: str | Path, *, parameter: str) -> Path:
    """*value* as an absolute path; a ParameterError naming *parameter* if nothing is there."""
    path = Path(value).expanduser().resolve()
    if not str(value) or not path.exists():
        raise ParameterError(f"{parameter}: no such file or folder: {path}")
    return path


def _day(value: str, parameter: str) -> pd.Timestamp | None:
    if not value:
        return None
    try:
        return pd.Timestamp(value).normalize()
    except ValueError:
        raise ParameterError(f"{parameter}: not a date (YYYY-MM-DD): {value!r}") from None


def _text(day) -> str:
    return "unknown" if pd.isna(day) else f"{day:%Y-%m-%d}"


def select_articles(
    articles: pd.DataFrame, *, start_date: str = "", end_date: str = "", outlets: str = ""
) -> pd.DataFrame:
    """The articles within a date range and from some outlets, as a new DataFrame.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (columns ``date``, ``outlet``).
    start_date, end_date : str
        First and last day kept (``YYYY-MM-DD``, both inclusive); "" for no
        limit. Articles without a date are dropped when either is set.
    outlets : str
        Comma-separated outlet names to keep (case-insensitive); "" keeps all.

    Raises
    ------
    ParameterError
        A date that does not parse, or a filter that leaves no article (the
        message names the parameter(s) responsible).
    """
    require_columns(articles, ["date", "outlet"], where="select_articles")
    keep = pd.Series(True, index=articles.index)
    start, end = _day(start_date, "start_date"), _day(end_date, "end_date")
    if start is not None:
        keep &= articles["date"] >= start
    if end is not None:
        keep &= articles["date"] < end + pd.Timedelta(days=1)
    if (start is not None or end is not None) and not keep.any():
        raise ParameterError(
            f"start_date/end_date: no article between {start_date or 'the start'} and "
            f"{end_date or 'the end'}; the articles run from {_text(articles['date'].min())} "
            f"to {_text(articles['date'].max())}"
        )
    wanted = {o.strip().casefold() for o in outlets.split(",") if o.strip()}
    if wanted:
        keep &= articles["outlet"].str.casefold().isin(wanted)
        if not keep.any():
            available = ", ".join(sorted(articles["outlet"].dropna().unique())[:20])
            raise ParameterError(
                f"outlets: no article from {outlets!r} in the selection; outlets are: {available}"
            )
    return articles.loc[keep].copy()


def corpus_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, outlets, first and last day, words: one row per measure.

    Returns
    -------
    pandas.DataFrame
        Index ``measure``, column ``value`` (formatted strings).
    """
    require_columns(articles, ["outlet", "date", "n_words"], where="corpus_summary")
    dated = articles["date"].dropna()
    values = {
        "articles": f"{len(articles):,}",
        "outlets": f"{articles['outlet'].nunique():,}",
        "first day": f"{dated.min():%Y-%m-%d}" if len(dated) else "unknown",
        "last day": f"{dated.max():%Y-%m-%d}" if len(dated) else "unknown",
        "undated articles": f"{len(articles) - len(dated):,}",
        "words": f"{articles['n_words'].sum():,}",
        "median words per article": f"{articles['n_words'].median():,.0f}" if len(articles) else "0",
    }
    return pd.DataFrame({"value": values}).rename_axis("measure")


def outlet_summary(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, words and first and last day per outlet, largest outlet first.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet``, ``articles``, ``words``, ``median_words``,
        ``first_day``, ``last_day``.
    """
    require_columns(articles, ["doc_id", "outlet", "date", "n_words"], where="outlet_summary")
    return (
        articles.groupby("outlet")
        .agg(articles=("doc_id", "size"), words=("n_words", "sum"), median_words=("n_words", "median"),
             first_day=("date", "min"), last_day=("date", "max"))
        .sort_values("articles", ascending=False, kind="stable")
        .reset_index()
    )


def dictionary_summary(frames) -> pd.DataFrame:
    """One row per frame of a dictionary: its label, description and a few patterns.

    Parameters
    ----------
    frames : FrameDictionary
        From ``toolkit.frames.load_frames``.

    Returns
    -------
    pandas.DataFrame
        Index ``frame``; columns ``label``, ``description``, ``n_patterns``,
        ``n_excluded`` (phrases whose hits are dropped) and ``examples``.
    """
    rows = [
        {"frame": frame.id, "label": frame.label, "description": frame.description,
         "n_patterns": len(frame.patterns), "n_excluded": len(frame.exclude),
         "examples": ", ".join(p.pattern for p in frame.patterns[:4])}
        for frame in frames.frames
    ]
    return pd.DataFrame(rows).set_index("frame")


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """A ``frame_rates`` table for reading: short headings, rounded rates, shares in percent.

    Returns
    -------
    pandas.DataFrame
        The group columns and ``frame`` as the index; columns ``mentions``,
        ``per 1,000 words``, ``articles mentioning`` and ``share of articles
        (95% CI)``.
    """
    require_columns(rates, ["frame", "n_mentions", "mentions_per_1000_words", "n_articles_with_mention",
                            "share_with_mention", "share_ci_low", "share_ci_high"], where="rates_table")
    groups = [c for c in rates.columns if not c.startswith(("n_", "share_", "mentions_")) and c != "frame"]
    percent = (rates[["share_with_mention", "share_ci_low", "share_ci_high"]] * 100).round()
    share = [f"{p:.0f}% ({low:.0f}–{high:.0f}%)" if pd.notna(p) else ""
             for p, low, high in percent.to_numpy()]
    table = pd.DataFrame({
        **{c: rates[c] for c in groups},
        "frame": rates["frame"],
        "mentions": rates["n_mentions"],
        "per 1,000 words": rates["mentions_per_1000_words"].round(2),
        "articles mentioning": rates["n_articles_with_mention"],
        "share of articles (95% CI)": share,
    })
    return table.set_index([*groups, "frame"])


def shorten(text: str, width: int, *, keep: str = "start") -> str:
    """*text* on one line, cut to *width* characters with an ellipsis (keeping its start or end)."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if keep == "start" else "…" + text[-(width - 1):]


def preview(table: pd.DataFrame, *, n: int = 10, width: int = 60) -> pd.DataFrame:
    """The first *n* rows of *table* with long text cut to *width* characters.

    pandas escapes HTML when it displays the result, so article text shows as
    text. Dates are shown as days.
    """
    head = table.head(n).copy()
    for column in head.columns:
        if pd.api.types.is_datetime64_any_dtype(head[column]):
            head[column] = head[column].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_string_dtype(head[column]) or head[column].dtype.kind == "O":
            head[column] = head[column].map(lambda v: shorten(v, width) if isinstance(v, str) else v)
    return head


class EscapedHTML:
    """HTML built by the toolkit from escaped pieces, shown as such by Jupyter."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def kwic_table(kwic: pd.DataFrame, *, n: int = 20, width: int = 32, random_state: int = 0) -> EscapedHTML:
    """Keyword-in-context lines as an HTML table, every piece of text escaped.

    Parameters
    ----------
    kwic : pandas.DataFrame
        A keyword-in-context table (KWIC_COLUMNS).
    n : int
        Lines shown: a random sample of *n* when there are more, in table order.
    width : int
        Characters of context either side of the keyword.
    random_state : int
        Seed of the sample.
    """
    require_columns(kwic, ["outlet", "date", "pre", "keyword", "post", "frame"], where="kwic_table")
    if len(kwic) > n:
        kwic = kwic.sample(n, random_state=random_state).sort_index()
    cell = 'style="text-align:{}; white-space:nowrap"'
    rows = []
    for row in kwic.itertuples():
        day = row.date.strftime("%Y-%m-%d") if pd.notna(row.date) else ""
        rows.append(
            f"<tr><td {cell.format('left')}>{html.escape(str(row.outlet))}<br><small>{day}</small></td>"
            f"<td {cell.format('left')}>{html.escape(str(row.frame))}</td>"
            f"<td {cell.format('right')}>{html.escape(shorten(row.pre, width, keep='end'))}</td>"
            f"<td {cell.format('center')}><b>{html.escape(str(row.keyword))}</b></td>"
            f"<td {cell.format('left')}>{html.escape(shorten(row.post, width))}</td></tr>"
        )
    head = "".join(f"<th>{h}</th>" for h in ("source", "frame", "before", "keyword", "after"))
    caption = f"<caption>{len(rows)} of the matches, in context</caption>" if rows else ""
    return EscapedHTML(f'<table class="kwic">{caption}<thead><tr>{head}</tr></thead>'
                       f"<tbody>{''.join(rows)}</tbody></table>")


def corpus_fingerprint(path: str | Path) -> dict:
    """Files, bytes and a SHA-256 of a corpus file or folder (hidden files skipped).

    The hash covers each file's path relative to *path* and its bytes, in
    sorted order, so it changes when any file is added, removed, renamed or edited.
    """
    path = Path(path)
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    digest, n_bytes = hashlib.sha256(), 0
    for file in files:
        if file != path:  # a single file hashes like `sha256sum FILE`
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                n_bytes += len(chunk)
    return {"files": len(files), "bytes": n_bytes, "sha256": digest.hexdigest()}


def _frames_facts(frames) -> dict:
    """Name, version and hash of a frame dictionary (a loaded one, or a YAML path)."""
    if hasattr(frames, "sha256"):
        return {"name": frames.name, "version": frames.version, "sha256": frames.sha256}
    path = Path(frames)
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"name": spec.get("name", ""), "version": str(spec.get("version", "")),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        if package == "framing-toolkit":  # a source tree that is not installed
            return f"{toolkit.__version__} (source tree {Path(toolkit.__file__).parent.parent})"
        return "not installed"


def provenance(
    articles: pd.DataFrame, *, corpus_path: str | Path, frames=None, reference_path: str | Path | None = None
) -> pd.DataFrame:
    """Where a report's numbers came from: software, dictionary, corpus, date.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles the report analysed (after any selection).
    corpus_path : path
        The corpus file or folder they were loaded from.
    frames : FrameDictionary or path, optional
        The frame dictionary used (its name, version and SHA-256 are shown).
    reference_path : path, optional
        The reference corpus, fingerprinted like the corpus.

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` and ``value`` (strings), one row per fact.
    """
    corpus = corpus_fingerprint(corpus_path)
    rows = [("generated (UTC)", time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())),
            ("python", platform.python_version())]
    rows += [(package, _version(package)) for package in PROVENANCE_PACKAGES]
    if frames is not None:
        facts = _frames_facts(frames)
        rows += [("frame dictionary", f"{facts['name']} {facts['version']}"),
                 ("frame dictionary sha256", facts["sha256"])]
    rows += [("corpus", str(Path(corpus_path).name)),
             ("corpus sha256", corpus["sha256"]),
             ("corpus size", f"{corpus['files']:,} files, {corpus['bytes']:,} bytes"),
             ("articles analysed", f"{len(articles):,}")]
    if reference_path:
        reference = corpus_fingerprint(reference_path)
        rows += [("reference corpus", str(Path(reference_path).name)),
                 ("reference sha256", reference["sha256"]),
                 ("reference size", f"{reference['files']:,} files, {reference['bytes']:,} bytes")]
    return pd.DataFrame(rows, columns=["item", "value"])
