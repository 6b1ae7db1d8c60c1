"""Explore hits in JupyterLab: filter, sort, read and code keyword-in-context lines.

:func:`explore` returns an :class:`Explorer`. Its state (filters, sort
levels, page, the open line, the coding sheet) lives in plain Python methods,
so tests and scripts drive it without a browser; shown in a notebook it is an
ipywidgets box that calls the same methods.

Speed: the lines are built once; every filterable column is kept as integer
codes (``pandas.factorize``) and the dates as int64, so a filter change is a
few numpy comparisons over the lines, and only one page of lines is rendered.
Sort orders are computed once per set of levels and cached. With 100,000
lines a filter change takes well under 200 ms (``benchmarks/bench_explore.py``).

In a static report (the kernel environment sets ``FRAMING_STATIC_REPORT=1``,
see :mod:`toolkit.report`) no widget is created: the explorer shows a static
view instead (counts, a KWIC sample sorted by R1, R2, R3, and the articles with
the most hits highlighted), HTML without scripts, so the report's
Content-Security-Policy stays.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.display import kwic_html, show
from toolkit.errors import ParameterError, SchemaError
from toolkit.highlight import HighlightedArticle, as_dictionary, frame_labels, highlight
from toolkit.kwic import check_sort_levels, kwic_from_hits, sort_order
from toolkit.match import match_frames
from toolkit.parameters import require_whole_number
from toolkit.schema import DATE, DOC_ID, OUTLET, TEXT
from toolkit.validation import LABEL_PREFIX, LABELS, read_coding_sheet, validation_sample, write_coding_sheet

#: Environment variable that makes :class:`Explorer` show its static view.
STATIC_ENV = "FRAMING_STATIC_REPORT"

#: The filters :meth:`Explorer.set_filters` accepts, with their "no filter" values.
FILTERS = {"frames": (), "pattern": "", "outlets": (), "start": None, "end": None, "voices": (), "distancing": ()}

_CATEGORICAL = {"frames": "frame", "outlets": OUTLET, "voices": "voice", "distancing": "distancing"}
_NO_DISTANCING = "(none)"


class Explorer:
    """State and views of :func:`explore`; see the module docstring.

    Attributes
    ----------
    lines : pandas.DataFrame
        Every KWIC line (:func:`toolkit.kwic.kwic_from_hits`: KWIC columns plus
        ``in_quotes, speaker, voice, distancing``), in the hits' order; row
        positions in it identify lines everywhere below.
    filters : dict
        The current filters (keys of :data:`FILTERS`).
    sort_by : list of str
        The current sort levels (AntConc's, see :mod:`toolkit.kwic`).
    page : int
        The page shown (0-based), of ``page_size`` lines.
    sheet : pandas.DataFrame or None
        The coding sheet last exported, or the coded sheet taken back
        (``coded=``) (``validation_sample`` columns plus ``label_<coder>``,
        ``exclusion``, ``notes``).
    """

    def __init__(self, articles, hits, *, frames=None, window=10, page_size=50, coding_path=None,
                 coder="coder_1", sort=("R1", "R2", "R3"), static=None, coded=None, lines=None, read_articles=None):
        require_whole_number(page_size, parameter="page_size")
        if not isinstance(coder, str) or not coder.replace("_", "").isalnum():
            raise ParameterError(f"coder={coder!r}: expected a name of letters, digits and _")
        # a dictionary path is loaded once here, not again for every article opened
        self.articles, self.hits, self.frames = articles, hits, as_dictionary(frames)
        self.lines = kwic_from_hits(articles, hits, window=window) if lines is None else lines.reset_index(drop=True)
        self._read_articles = read_articles
        for column, default in (("voice", ""), ("distancing", ""), ("speaker", "")):
            if column not in self.lines.columns:
                self.lines[column] = default
        self.labels = frame_labels(self.frames)
        self.page_size, self.coder = int(page_size), coder
        self.coding_path = Path(coding_path if coding_path is not None else "coding-sheet.csv")
        self.static = os.environ.get(STATIC_ENV, "") not in ("", "0") if static is None else bool(static)
        self._codes, self._values = {}, {}
        for name, column in _CATEGORICAL.items():
            values = self.lines[column].fillna("").astype(str)
            if name == "distancing":
                values = values.replace("", _NO_DISTANCING)
            codes, uniques = pd.factorize(values, sort=True)
            self._codes[name], self._values[name] = codes, [str(u) for u in uniques]
        if self.labels:  # frames in dictionary order, not alphabetical
            order = [f for f in self.labels if f in self._values["frames"]]
            self._values["frames"] = order + [f for f in self._values["frames"] if f not in order]
            rank = {f: i for i, f in enumerate(self._values["frames"])}
            self._codes["frames"] = np.array([rank[f] for f in self.lines["frame"].astype(str)], dtype=np.int64)
        self._search = {}
        for column in ("pattern", "keyword"):
            codes, uniques = pd.factorize(self.lines[column].fillna("").astype(str))
            self._search[column] = (codes, [u.casefold() for u in uniques])
        days = pd.to_datetime(self.lines[DATE], errors="coerce")
        self._days = days.dt.tz_localize(None).to_numpy(dtype="datetime64[ns]") if days.dt.tz is not None else days.to_numpy(dtype="datetime64[ns]")
        self._sort_codes, self._orders = {}, {}
        self.filters = dict(FILTERS)
        self.sort_by = check_sort_levels(sort if isinstance(sort, str) else list(sort), parameter="sort")
        self.page, self.open_line, self.sheet, self.sheet_paths = 0, None, None, None
        self.n_sheet_lines_missing = 0
        self._view = None
        self._widget = None
        if coded is not None:
            self._resume(coded, coding_path)

    # ------------------------------------------------------------------ state

    def options(self, name: str) -> list[str]:
        """The values a categorical filter can take ("frames", "outlets", "voices", "distancing")."""
        if name not in _CATEGORICAL:
            raise ParameterError(f"name={name!r}: expected one of {', '.join(_CATEGORICAL)}")
        return list(self._values[name])

    def set_filters(self, **changes) -> None:
        """Change filters; unnamed filters keep their values. See :data:`FILTERS`.

        ``frames``, ``outlets``, ``voices``, ``distancing``: collections of
        values (empty = all; ``"(none)"`` selects lines without distancing);
        ``pattern``: text found, case-insensitively, in the dictionary pattern
        or the matched text; ``start``, ``end``: first and last day (inclusive),
        anything ``pandas.Timestamp`` reads, or None.
        """
        for name, value in changes.items():
            if name not in FILTERS:
                raise ParameterError(f"{name}=: not a filter; use {', '.join(FILTERS)}")
            if name in _CATEGORICAL:
                value = (value,) if isinstance(value, str) else tuple(value or ())
                unknown = [v for v in value if v not in self._values[name]]
                if unknown:
                    raise ParameterError(f"{name}={list(value)!r}: {unknown[0]!r} is not among {self._values[name]}")
            elif name == "pattern":
                if not isinstance(value, str):
                    raise ParameterError(f"pattern={value!r}: expected a string")
            elif value is not None and value != "":
                try:
                    value = pd.Timestamp(value).normalize()
                except (TypeError, ValueError):
                    raise ParameterError(f"{name}={value!r}: expected a date (YYYY-MM-DD) or None") from None
            else:
                value = None
            self.filters[name] = value
        self._view, self.page = None, 0

    def reset_filters(self) -> None:
        """Show every line again."""
        self.filters = dict(FILTERS)
        self._view, self.page = None, 0

    def set_sort(self, by) -> None:
        """Sort by AntConc levels (``"R1"``, ``["L1", "R1"]``, ...; see :func:`toolkit.sort_kwic`)."""
        self.sort_by = check_sort_levels(by, parameter="by")
        self._view, self.page = None, 0

    def mask(self) -> np.ndarray:
        """Boolean array over :attr:`lines`: True where a line passes every filter."""
        keep = np.ones(len(self.lines), dtype=bool)
        for name in _CATEGORICAL:
            chosen = self.filters[name]
            if chosen:
                wanted = np.zeros(len(self._values[name]) + 1, dtype=bool)
                wanted[[self._values[name].index(v) for v in chosen]] = True
                keep &= wanted[self._codes[name]]
        needle = self.filters["pattern"].strip().casefold()
        if needle:
            found = np.zeros(len(self.lines), dtype=bool)
            for codes, uniques in self._search.values():
                hit = np.fromiter((needle in u for u in uniques), dtype=bool, count=len(uniques))
                found |= hit[codes]
            keep &= found
        if self.filters["start"] is not None:
            keep &= self._days >= self.filters["start"].to_datetime64()
        if self.filters["end"] is not None:
            keep &= self._days < (self.filters["end"] + pd.Timedelta(days=1)).to_datetime64()
        return keep

    def view(self) -> np.ndarray:
        """Row positions of the filtered lines, in sort order."""
        if self._view is None:
            key = tuple(self.sort_by)
            if key not in self._orders:
                self._orders[key] = sort_order(self.lines, list(key), codes=self._sort_codes)
            order = self._orders[key]
            self._view = order[self.mask()[order]]
        return self._view

    def filtered(self) -> pd.DataFrame:
        """The filtered lines in sort order (index: row positions in :attr:`lines`)."""
        return self.lines.iloc[self.view()]

    def n_pages(self) -> int:
        return max(1, -(-len(self.view()) // self.page_size))

    def set_page(self, page: int) -> None:
        """Show page *page* (0-based; clipped to the pages there are)."""
        self.page = int(min(max(page, 0), self.n_pages() - 1))

    def page_lines(self) -> pd.DataFrame:
        """The lines of the current page (index: row positions in :attr:`lines`)."""
        view = self.view()
        return self.lines.iloc[view[self.page * self.page_size:(self.page + 1) * self.page_size]]

    def counts(self) -> pd.DataFrame:
        """Filtered lines per frame (rows, dictionary order) and outlet (columns), with totals."""
        view = self.view()
        frames, outlets = self._values["frames"], self._values["outlets"]
        cells = np.bincount(self._codes["frames"][view] * len(outlets) + self._codes["outlets"][view],
                            minlength=len(frames) * len(outlets)).reshape(len(frames), len(outlets))
        full = np.zeros((len(frames) + 1, len(outlets) + 1), dtype=np.int64)  # totals in numpy: cheaper than pandas
        full[:-1, :-1] = cells
        full[:-1, -1] = cells.sum(axis=1)
        full[-1] = full[:-1].sum(axis=0)
        return pd.DataFrame(full, index=pd.Index([*frames, "all frames"], name="frame"),
                            columns=pd.Index([*outlets, "all outlets"], name=OUTLET))

    def open(self, line: int) -> HighlightedArticle:
        """Open the article of line *line* (a row position in :attr:`lines`), its hits highlighted."""
        if isinstance(line, bool) or not isinstance(line, (int, np.integer)) or not 0 <= line < len(self.lines):
            raise ParameterError(f"line={line!r}: expected a row position of the lines, 0 to {len(self.lines) - 1}")
        self.open_line = int(line)
        row = self.lines.iloc[self.open_line]
        return highlight(self._with_text(row[DOC_ID]), self.hits, row[DOC_ID], frames=self.frames,
                         focus=(int(row["start"]), int(row["end"])))

    def _with_text(self, doc_id) -> pd.DataFrame:
        """Articles holding *doc_id*'s text: :attr:`articles`, or what ``read_articles`` reads for it."""
        if self._read_articles is None or TEXT in self.articles.columns:
            return self.articles
        return self._read_articles([doc_id])

    # ------------------------------------------------------------------ coding

    def export_selection(self, path=None, *, n: int | None = None, random_state: int = 0) -> dict:
        """Write the filtered lines as a coding sheet (:func:`toolkit.write_coding_sheet`).

        Parameters
        ----------
        path : path, optional
            Default: ``coding_path`` given to :func:`explore`.
        n : int, optional
            Draw a random sample of *n* lines (``validation_sample``); default: all.
        random_state : int
            Seed of the sample.

        Returns
        -------
        dict
            The paths written (``csv``, ``xlsx``, ``instructions``); the sheet is
            kept in :attr:`sheet`, ready for :meth:`code`.
        """
        selection = self.filtered()
        if selection.empty:
            raise ParameterError("export_selection: no line passes the filters; widen them first")
        self.coding_path = Path(path) if path is not None else self.coding_path
        self.sheet = validation_sample(selection, per=None, n=n or len(selection), random_state=random_state)
        self.sheet_paths = write_coding_sheet(self.sheet, self.coding_path, coders=(self.coder,))
        self.sheet = self.sheet.assign(**{c: "" for c in (LABEL_PREFIX + self.coder, "exclusion", "notes")})
        return self.sheet_paths

    def code(self, label: str, *, line: int | None = None) -> dict:
        """Label a line of the exported sheet and write the sheet again.

        Parameters
        ----------
        label : str
            One of :data:`toolkit.LABELS` (``meant``, ``not_meant``, ``quoted_rejected``).
        line : int, optional
            Row position in :attr:`lines` (default: the open line).

        Returns
        -------
        dict
            The paths written.
        """
        if label not in LABELS:
            raise ParameterError(f"label={label!r}: use one of {', '.join(LABELS)}")
        line = self.open_line if line is None else line
        if line is None:
            raise ParameterError("line: open a line first, or pass line=")
        if self.sheet is None:
            raise ParameterError("code: export a selection first (export_selection)")
        where = self._sheet_rows(int(line))
        if not where.any():
            raise ParameterError(f"line={line}: this line is not in the exported sheet; export a selection that holds it")
        self.sheet.loc[where, LABEL_PREFIX + self.coder] = label
        self.sheet_paths = write_coding_sheet(self.sheet, self.coding_path, coders=(self.coder,))
        return self.sheet_paths

    def _resume(self, coded, coding_path) -> None:
        """Take a coded sheet back: it becomes :attr:`sheet`, codes and all, and coding writes to it."""
        if isinstance(coded, (str, os.PathLike)):
            if coding_path is None:  # go on writing where the codes were read from
                self.coding_path = Path(coded)
            coded = read_coding_sheet(coded)
        if not isinstance(coded, pd.DataFrame):
            raise ParameterError(f"coded: expected a coding sheet (a path or read_coding_sheet output), got {type(coded).__name__}")
        missing = [c for c in ("line_id", DOC_ID, "start", "end", "frame") if c not in coded.columns]
        if missing:
            raise SchemaError(f"coded: the coding sheet lacks column(s) {missing}; pass a sheet the explorer or "
                              "write_coding_sheet wrote")
        sheet = coded.copy()
        for column in (LABEL_PREFIX + self.coder, "exclusion", "notes"):
            if column not in sheet.columns:
                sheet[column] = ""
        lines = pd.MultiIndex.from_frame(self.lines[[DOC_ID, "start", "end", "frame"]].astype(str))
        found = pd.MultiIndex.from_frame(sheet[[DOC_ID, "start", "end", "frame"]].astype(str)).isin(lines)
        if not found.any():
            raise ParameterError("coded: none of the sheet's lines is among these hits; explore the articles and "
                                 "dictionary the sheet was made from")
        self.sheet = sheet
        self.n_sheet_lines_missing = int((~found).sum())

    def _sheet_rows(self, line: int) -> pd.Series:
        row, sheet = self.lines.iloc[line], self.sheet
        return ((sheet[DOC_ID] == row[DOC_ID]) & (sheet["start"] == row["start"])
                & (sheet["end"] == row["end"]) & (sheet["frame"] == row["frame"]))

    def in_sheet(self, line: int) -> bool:
        """Whether the line (a row position in :attr:`lines`) is in the exported sheet."""
        return self.sheet is not None and bool(self._sheet_rows(int(line)).any())

    def line_label(self, line: int) -> str | None:
        """The label the line has in the sheet (None: not in the sheet or not coded)."""
        if not self.in_sheet(line):
            return None
        value = self.sheet.loc[self._sheet_rows(int(line)), LABEL_PREFIX + self.coder].iloc[0]
        return value if isinstance(value, str) and value else None

    # ------------------------------------------------------------------ views

    def frame_label(self, frame: str) -> str:
        return self.labels.get(frame, frame)

    def counts_html(self) -> str:
        return str(show(self.counts(), frames=self.frames))

    def static_html(self, *, n_lines: int = 30, n_articles: int = 1) -> str:
        """The static view for reports: counts, a sorted KWIC sample, the *n_articles* articles with the most hits highlighted."""
        lines = self.filtered()
        if len(lines) > n_lines:  # an even sample over the sorted lines, in sort order
            lines = lines.iloc[np.linspace(0, len(lines) - 1, n_lines).round().astype(int)]
        parts = [f"<h4>Hits per frame and outlet ({len(self.view()):,} lines)</h4>", self.counts_html(),
                 f"<h4>Keyword in context, sorted by {', '.join(self.sort_by)} "
                 f"({len(lines)} of {len(self.view()):,} lines, evenly spaced)</h4>", kwic_html(lines, frames=self.frames)]
        top = self.lines.iloc[self.view()][DOC_ID].value_counts().index[:n_articles]
        for doc_id in top:
            parts.append(f"<h4>Article with its hits highlighted</h4>{highlight(self._with_text(doc_id), self.hits, doc_id, frames=self.frames).html}")
        return '<div class="toolkit-explore-static">' + "".join(parts) + "</div>"

    @property
    def widget(self):
        """The ipywidgets box (built on first use)."""
        if self._widget is None:
            self._widget = _ExplorerWidget(self)
        return self._widget.box

    def _ipython_display_(self):
        from IPython.display import HTML, display

        display(HTML(self.static_html()) if self.static else self.widget)

    def __repr__(self) -> str:
        return f"<Explorer: {len(self.view()):,} of {len(self.lines):,} lines, sorted by {', '.join(self.sort_by)}>"


_CSS = """<style>
.toolkit-explore-lines select { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.toolkit-explore table { border-collapse: collapse; font-size: 12px; }
.toolkit-explore th, .toolkit-explore td { padding: 1px 6px; border-bottom: 1px solid #eee; }
</style>"""


class _ExplorerWidget:
    """The ipywidgets view of an :class:`Explorer`: every control calls its methods."""

    def __init__(self, explorer: Explorer):
        import ipywidgets as w

        self.x = x = explorer
        wide, narrow = w.Layout(width="auto", min_width="12em"), w.Layout(width="9em")
        self.frames = w.SelectMultiple(options=[(x.frame_label(f), f) for f in x.options("frames")], description="Frames",
                                       rows=min(8, max(2, len(x.options("frames")))), layout=w.Layout(width="28em"))
        self.outlets = w.SelectMultiple(options=x.options("outlets"), description="Outlets",
                                        rows=min(8, max(2, len(x.options("outlets")))), layout=wide)
        self.voices = w.SelectMultiple(options=x.options("voices"), description="Voice", rows=3, layout=wide)
        self.distancing = w.SelectMultiple(options=x.options("distancing"), description="Distancing", rows=3, layout=wide)
        self.pattern = w.Text(description="Pattern", placeholder="text in the pattern or hit", continuous_update=False)
        self.start = w.DatePicker(description="From")
        self.end = w.DatePicker(description="To")
        levels = [("—", "")] + [(level, level) for level in ("L5", "L4", "L3", "L2", "L1", "KW", "R1", "R2", "R3", "R4", "R5")]
        self.sort = [w.Dropdown(options=levels, value=(x.sort_by + ["", "", ""])[i], description=f"Sort {i + 1}", layout=w.Layout(width="11em"))
                     for i in range(3)]
        self.reset = w.Button(description="Show all", layout=narrow)
        self.status, self.counts = w.HTML(), w.HTML()
        self.previous, self.next = w.Button(description="◀ previous", layout=narrow), w.Button(description="next ▶", layout=narrow)
        self.page = w.HTML()
        self.lines = w.Select(options=[], rows=min(x.page_size, 15), layout=w.Layout(width="100%"))
        self.lines.add_class("toolkit-explore-lines")
        self.article = w.HTML()
        self.article.add_class("toolkit-explore-article")
        self.path = w.Text(value=str(x.coding_path), description="Sheet", layout=w.Layout(width="30em"))
        self.export = w.Button(description="Export selection", button_style="info")
        self.buttons = [w.Button(description=label.replace("_", " ").replace("quoted rejected", "quoted-rejected"),
                                 tooltip=f"label this line {label}", disabled=True) for label in LABELS]
        self.message = w.HTML()
        for control in (self.frames, self.outlets, self.voices, self.distancing, self.pattern, self.start, self.end):
            control.observe(self.on_filter, names="value")
        for control in self.sort:
            control.observe(self.on_sort, names="value")
        self.reset.on_click(self.on_reset)
        self.previous.on_click(lambda _: self.turn(-1))
        self.next.on_click(lambda _: self.turn(+1))
        self.lines.observe(self.on_line, names="value")
        self.export.on_click(self.on_export)
        for label, button in zip(LABELS, self.buttons):
            button.on_click(lambda _, label=label: self.on_code(label))
        self.box = w.VBox([
            w.HTML(_CSS),
            w.HBox([self.frames, self.outlets, self.voices, self.distancing]),
            w.HBox([self.pattern, self.start, self.end, self.reset]),
            w.HBox(self.sort),
            self.status, self.counts,
            w.HBox([self.previous, self.page, self.next]),
            self.lines,
            w.HBox([self.path, self.export]), w.HBox([*self.buttons, self.message]),
            self.article,
        ])
        self.box.add_class("toolkit-explore")
        self._quiet = False
        self.refresh()
        if x.sheet is not None:  # a coded sheet taken back: say where coding goes on
            labels = x.sheet[LABEL_PREFIX + x.coder]
            n_coded = int(labels.map(lambda v: isinstance(v, str) and v != "").sum())
            self.message.value = (f"coding {html.escape(str(x.coding_path))}: {n_coded:,} of {len(x.sheet):,} "
                                  "lines coded; open a line to see or change its code")

    def on_filter(self, _change=None):
        if self._quiet:
            return
        self.x.set_filters(frames=self.frames.value, outlets=self.outlets.value, voices=self.voices.value,
                           distancing=self.distancing.value, pattern=self.pattern.value,
                           start=self.start.value, end=self.end.value)
        self.refresh()

    def on_sort(self, _change=None):
        levels = [d.value for d in self.sort if d.value]
        self.x.set_sort(levels or ["R1"])
        self.refresh()

    def on_reset(self, _button=None):
        self._quiet = True
        try:
            for control in (self.frames, self.outlets, self.voices, self.distancing):
                control.value = ()
            self.pattern.value, self.start.value, self.end.value = "", None, None
        finally:
            self._quiet = False
        self.x.reset_filters()
        self.refresh()

    def turn(self, step: int):
        self.x.set_page(self.x.page + step)
        self.refresh(counts=False)

    def refresh(self, *, counts: bool = True):
        """Show the current page, status and counts (only the page's lines are rendered)."""
        x, view = self.x, self.x.view()
        first = x.page * x.page_size
        self.status.value = f"<b>{len(view):,}</b> of {len(x.lines):,} lines · sorted by {', '.join(x.sort_by)}"
        self.page.value = f"&nbsp;lines {first + 1 if len(view) else 0:,}–{min(first + x.page_size, len(view)):,}&nbsp;"
        if counts:
            self.counts.value = x.counts_html()
        page = x.page_lines()
        self.lines.options = [(_line_text(row), int(i)) for i, row in zip(page.index, page.itertuples())]
        self.lines.value = None

    def on_line(self, change):
        if change["new"] is None:
            return
        self.article.value = self.x.open(int(change["new"])).html
        self.show_coding_state()

    def on_export(self, _button=None):
        try:
            paths = self.x.export_selection(self.path.value)
        except ParameterError as error:
            self.message.value = f"<span style='color:#a00'>{html.escape(str(error))}</span>"
            return
        self.message.value = f"{len(self.x.sheet):,} lines written to {html.escape(str(paths['csv']))} and .xlsx"
        self.show_coding_state()

    def on_code(self, label: str):
        try:
            self.x.code(label)
        except ParameterError as error:
            self.message.value = f"<span style='color:#a00'>{html.escape(str(error))}</span>"
            return
        self.show_coding_state()

    def show_coding_state(self):
        line, x = self.x.open_line, self.x
        in_sheet = line is not None and x.in_sheet(line)
        for button in self.buttons:
            button.disabled = not in_sheet
        if line is not None and x.sheet is not None:
            label = x.line_label(line)
            self.message.value = (f"this line: <b>{label}</b>" if label else
                                  "this line: not coded yet" if in_sheet else "this line is not in the sheet")


def _line_text(row, width: int = 50) -> str:
    pre = row.pre if len(row.pre) <= width else "…" + row.pre[-(width - 1):]
    post = row.post if len(row.post) <= width else row.post[: width - 1] + "…"
    outlet = str(row.outlet)[:14]
    # no-break spaces: an <option> collapses ordinary runs of spaces, and the keyword column must line up
    return f"{outlet:<14} {pre:>{width}}  [{row.keyword}]  {post}".replace(" ", "\u00a0")


def explore(articles: pd.DataFrame, frames=None, *, hits: pd.DataFrame | None = None, window: int = 10,
            page_size: int = 50, sort=("R1", "R2", "R3"), coding_path=None, coder: str = "coder_1",
            static: bool | None = None, coded=None, lines: pd.DataFrame | None = None, read_articles=None) -> Explorer:
    """Explore a dictionary's hits: filter, sort as AntConc, read articles, code lines.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles (``doc_id``, ``text``; ``outlet``, ``date``, ``title`` shown).
    frames : FrameDictionary or path, optional
        The dictionary: matched when *hits* is not given, and used for labels.
    hits : pandas.DataFrame, optional
        Output of :func:`toolkit.match_frames` with its voice columns, to skip matching.
    window : int, default 10
        Words of context either side of a hit.
    page_size : int, default 50
        Lines rendered per page.
    sort : str or list of str, default ("R1", "R2", "R3")
        The first sort levels (AntConc's default; see :func:`toolkit.sort_kwic`).
    coding_path : path, optional
        Where "export selection" and coding write the coding sheet (CSV, Excel,
        instructions). Default: the *coded* sheet's path when *coded* is a
        path, else ``coding-sheet.csv``.
    coder : str, default "coder_1"
        Name of the label column the coding buttons fill (``label_<coder>``).
    static : bool, optional
        Show the static view instead of the widget (default: when the
        ``FRAMING_STATIC_REPORT`` environment variable is set, as in reports).
    coded : path or pandas.DataFrame, optional
        A coding sheet coded before (its path, or :func:`toolkit.read_coding_sheet`
        output), to go on coding it: it becomes the explorer's sheet, each
        line's code is shown when the line is opened, and coding more lines
        writes the whole sheet again, the earlier codes, other coders' columns,
        exclusions and notes kept. Sheet lines that are not among the hits
        stay in the sheet; their number is ``Explorer.n_sheet_lines_missing``.
    lines : pandas.DataFrame, optional
        The hits' keyword-in-context lines, already built
        (``keyword_in_context(articles, frames, hits=hits, window=window)``,
        which runs out of memory too); then *articles* needs no ``text``...
    read_articles : callable, optional
        ...if this gives the articles to show: ``read_articles([doc_id])``
        returns a DataFrame holding that article with its text (read when an
        article is opened, e.g. from Parquet: ``Corpus.read_articles``).

    Returns
    -------
    Explorer
        Shown in a notebook, the widget (filters by frame, pattern, outlet,
        date range, voice and distancing; KWIC lines sortable by AntConc
        levels; counts per frame and outlet; clicking a line opens the article
        with its hits highlighted; export and coding buttons). Its methods
        (:meth:`Explorer.set_filters`, :meth:`Explorer.filtered`,
        :meth:`Explorer.code`, ...) do the same from code.
    """
    frames = as_dictionary(frames)
    if hits is None:
        if frames is None:
            raise ParameterError("frames: pass a frame dictionary, or the hits (hits=match_frames(...))")
        hits = match_frames(articles, frames, voice=True)
    return Explorer(articles, hits, frames=frames, window=window, page_size=page_size, coding_path=coding_path,
                    coder=coder, sort=sort, static=static, coded=coded, lines=lines, read_articles=read_articles)
