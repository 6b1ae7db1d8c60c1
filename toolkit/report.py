"""Run the notebooks headless and render them as self-contained HTML reports.

:func:`run_reports` executes each notebook of ``notebooks/`` with papermill,
in a kernel that runs this very Python interpreter, renders the executed
notebook with nbconvert to ONE HTML file (code hidden, figures embedded as
base64 PNG, the parameters and run time appended to the provenance block) and
writes an ``index.html`` linking the reports with their titles and questions.

Paths inside notebooks are relative to the ``notebooks/`` folder (papermill
runs there, as JupyterLab does); path parameters given to :func:`run_reports`
are resolved against the caller's working directory first.
"""

from __future__ import annotations

import ast
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import jinja2
import nbformat
import pandas as pd
import papermill
import zmq
from jupyter_client.kernelspec import KernelSpec
from ipykernel.kernelspec import get_kernel_dict
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_event_loop
from nbconvert import HTMLExporter
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, ReportError, ToolkitError
from toolkit.parameters import require_path
from toolkit.provenance import FINGERPRINTS_ENV, corpus_fingerprint, fingerprint_key
from toolkit.sheets import make_csv_formula_safe

#: The notebooks shipped with the toolkit (a clone's ``notebooks/`` folder).
NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"

#: Sub-folder of the output folder holding the executed notebooks (kept, also
#: when a run fails, for debugging).
EXECUTED_DIR = "executed"

_BOOL_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}

# A report is a static document: no script may run in it, whatever an article
# says, and nothing is fetched from the network (no MathJax, require.js, mermaid).
_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style>
body.jp-Notebook { max-width: 1100px; margin: 0 auto; padding: 1.5em 2em 4em; }
.jp-RenderedHTMLCommon { font-size: 15px; line-height: 1.5; }
.jp-RenderedHTMLCommon table { font-size: 13px; margin: 0.5em 0 1em; }
.jp-RenderedHTMLCommon td { max-width: 28em; overflow-wrap: break-word; vertical-align: top; }
.jp-RenderedHTMLCommon caption { caption-side: top; text-align: left; color: #555; font-size: 12px; padding: 0.2em 0; }
.jp-RenderedHTMLCommon table.kwic { font-size: 12px; }
table.kwic td.pre { text-align: right; } table.kwic td.keyword { text-align: center; white-space: nowrap; }
table.kwic td.source { white-space: nowrap; text-align: left; } table.kwic td.post { text-align: left; }
.jp-OutputArea-output img { max-width: 100%; height: auto; }
table.provenance td, table.provenance th, table.kwic th { text-align: left; }
/* Printing (framing report --pdf): tables wrap within the page instead of being clipped,
   headings stay with what follows them, table headers repeat on each page. */
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body.jp-Notebook { max-width: none; padding: 0; }
  .jp-RenderedHTMLCommon { font-size: 11px; }
  .jp-RenderedHTMLCommon table { width: 100%; table-layout: auto; font-size: 9px; }
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { max-width: none; white-space: normal !important; }
  /* long tokens (URLs, hashes) carry <wbr> break points (toolkit.display.show), so that no table
     is wider than the page; words and numbers are never split */
  .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th { overflow-wrap: break-word; }
  .jp-RenderedHTMLCommon table.kwic { table-layout: fixed; }
  table.kwic th:nth-child(1), table.kwic th:nth-child(4) { width: 15%; }
  table.kwic th:nth-child(2) { width: 12%; }
  table.kwic th:nth-child(3), table.kwic th:nth-child(5) { width: 29%; }
  table.kwic td.source, table.kwic td.keyword { overflow-wrap: break-word; }
  .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output, .jp-Cell-outputArea, .jp-RenderedHTML {
    overflow: visible !important; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .jp-MarkdownCell { break-after: avoid; page-break-after: avoid; }
  tr, img, caption { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
</style>
{%- endblock html_head_css -%}
"""


_INDEX_CSP = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
)


class _ThisPythonKernelManager(AsyncKernelManager):
    """Start every kernel with this interpreter, whatever kernelspecs are installed.

    A user-level ``python3`` kernelspec may point at another Python that lacks
    the toolkit; the reports must run in the environment that runs them. The
    spec is ipykernel's own for ``sys.executable``; the local connection is
    encrypted when the kernel and pyzmq support it (newer jupyter_client
    warns about plain TCP otherwise).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        spec = self.kernel_spec
        if (self.has_trait("transport_encryption") and zmq.has("curve")
                and "curve" in spec.metadata.get("supported_encryption", [])):
            self.transport_encryption = "auto"

    async def _async_pre_start_kernel(self, **kw):
        # the kernel's environment is given to it, not set in os.environ meanwhile: two notebooks may
        # start their kernels at the same time (run_reports)
        kw.setdefault("env", {**os.environ, **_kernel_environment()})
        return await super()._async_pre_start_kernel(**kw)

    async def _async_interrupt_kernel(self) -> None:
        # jupyter_client sends SIGINT before every shutdown request; a kernel still inside a message
        # handler then logs "KeyboardInterrupt caught in kernel." to the terminal of a run that
        # succeeded. An idle kernel needs no interrupt to shut down (a busy one is terminated after
        # shutdown_wait_time); interrupts at any other time (a cell's timeout) still go through.
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            spec = get_kernel_dict()
            self._kernel_spec = KernelSpec(
                argv=spec["argv"], display_name=spec["display_name"], language=spec["language"],
                metadata=spec.get("metadata", {}),
            )
        return self._kernel_spec


#: Environment of the processes a report starts (kernels, Dask workers), unless already set: Arrow
#: allocates through the C library (its default, mimalloc, keeps the pages it freed: a Dask worker
#: stayed about 190 MB larger after reading 200 MB of Parquet), which gives freed memory back to the
#: system above 64 KiB (Dask sets that threshold for its own workers).
LEAN_MEMORY = {"ARROW_DEFAULT_MEMORY_POOL": "system", "MALLOC_TRIM_THRESHOLD_": "65536"}


@contextmanager
def _environment(wanted: dict):
    """*wanted* set in ``os.environ`` (inherited by the processes started meanwhile), restored after."""
    saved = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _lean_memory() -> dict:
    return {name: value for name, value in LEAN_MEMORY.items() if name not in os.environ}


def _kernel_environment() -> dict:
    """Environment variables a report's kernel starts with, besides this process's.

    The kernel imports the same toolkit as this process (also from a source
    tree that is not installed), draws figures inline as PNG, shows no
    progress bars (they would be widgets, which a static report cannot show)
    and gives freed memory back (:data:`LEAN_MEMORY`).
    """
    toolkit_root = str(Path(__file__).resolve().parents[1])
    wanted = {
        **_lean_memory(),
        "PYTHONPATH": os.pathsep.join(filter(None, [toolkit_root, os.environ.get("PYTHONPATH")])),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "TQDM_DISABLE": "1",
        "FRAMING_STATIC_REPORT": "1",  # toolkit.explore shows its static view: a widget needs scripts
    }
    return wanted


def list_notebooks(folder: str | Path = NOTEBOOK_DIR) -> list[Path]:
    """The numbered notebooks (``NN-name.ipynb``) of *folder*, in order."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(
            f"no notebooks folder at {folder}: run from a clone of framing-toolkit "
            "or pass the notebooks explicitly (--notebooks)."
        )
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def notebook_parameters(notebook: str | Path) -> pd.DataFrame:
    """The parameters a notebook declares in its cell tagged ``parameters``.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``type`` (as written: "str", "int", ...), ``default``
        (the literal's source text) and ``help`` (the line's comment), one
        row per parameter, in the notebook's order.
    """
    declared = papermill.inspect_notebook(str(notebook))
    rows = [
        {"name": name, "type": p["inferred_type_name"], "default": p["default"], "help": p["help"]}
        for name, p in declared.items()
    ]
    return pd.DataFrame(rows, columns=["name", "type", "default", "help"])


def notebook_title(notebook: str | Path) -> tuple[str, str]:
    """The title (first ``#`` heading) and question (first paragraph) of a notebook."""
    nb = nbformat.read(str(notebook), as_version=4)
    title, question = Path(notebook).stem, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = [p.strip() for p in cell.source.split("\n\n") if p.strip()]
        for paragraph in paragraphs:
            if paragraph.startswith("# "):
                title = paragraph[2:].strip()
            elif not question and not paragraph.startswith("#"):
                question = " ".join(paragraph.split())
        break
    return title, question


def _to_bool(value) -> bool:
    return value if isinstance(value, bool) else _BOOL_WORDS[str(value).strip().lower()]


def _to_int(value) -> int:
    if isinstance(value, bool):
        raise ValueError(value)
    return value if isinstance(value, int) else int(str(value).strip())


_CONVERTERS = {"bool": _to_bool, "int": _to_int, "float": float, "str": str}


def _coerce(name: str, value, declared_type: str):
    """*value* as the notebook's declared type; a ParameterError naming *name* if it cannot be."""
    convert = _CONVERTERS.get(declared_type)
    if convert is None or value is None:
        return value  # lists, dicts and untyped literals are passed as given
    try:
        return convert(value)
    except (KeyError, ValueError, TypeError):
        raise ParameterError(f"parameter {name!r}: expected {declared_type}, got {value!r}") from None


def _is_path_parameter(name: str) -> bool:
    return name.endswith(("_path", "_dir"))


def check_parameters(
    notebooks: list[Path], parameters: dict | None, *, base: str | Path | None = None
) -> dict[Path, dict]:
    """Split *parameters* between the notebooks that declare them.

    A parameter is passed to every notebook that declares it; one that no
    notebook declares is an error (papermill itself would only warn). Values
    are converted to the declared type; relative paths in parameters named
    ``*_path`` or ``*_dir`` are made absolute against *base* (default: the
    working directory), because the notebooks run in their own folder.

    Returns
    -------
    dict
        notebook path -> {name: value} to pass to papermill.

    Raises
    ------
    ParameterError
        Naming the unknown parameter(s) and the ones the notebooks accept.
    """
    parameters = dict(parameters or {})
    base = Path(base or os.getcwd())
    declared = {nb: notebook_parameters(nb).set_index("name")["type"].to_dict() for nb in notebooks}
    known = sorted(set().union(*declared.values())) if declared else []
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {', '.join(unknown)}: the notebooks accept {', '.join(known)}"
        )
    for name, value in parameters.items():
        if _is_path_parameter(name) and isinstance(value, (str, Path)) and str(value):
            parameters[name] = str((base / Path(value).expanduser()).resolve())
    return {
        nb: {n: _coerce(n, v, types[n]) for n, v in parameters.items() if n in types}
        for nb, types in declared.items()
    }


def _failure_message(notebook: Path, error: papermill.PapermillExecutionError, kept: Path) -> str:
    where = f"{notebook.name}: " if error.ename == "ParameterError" else f"{notebook.name}: {error.ename}: "
    evalue = re.sub(r"\x1b\[[0-9;]*m", "", str(error.evalue))
    return f"{where}{evalue} (partly executed notebook kept at {kept})"


def execute_notebook(
    notebook: str | Path, executed: str | Path, parameters: dict, *, timeout: int | None = None
) -> Path:
    """Run *notebook* with papermill, its kernel in the notebook's folder, saving it to *executed*.

    The kernel starts in that folder and with :func:`_kernel_environment`
    without this process changing its own working folder or environment, so
    that several notebooks can run at once (papermill's ``cwd`` changes the
    process's folder while the notebook runs).

    Raises
    ------
    ReportError
        When a cell fails; the message carries the notebook's error (a
        ParameterError names the parameter) and where the partly executed
        notebook was kept.
    """
    notebook, executed = Path(notebook).resolve(), Path(executed)
    executed.parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(notebook), str(executed), parameters=parameters,
            resources={"metadata": {"path": str(notebook.parent)}},  # nbclient starts the kernel there
            kernel_name="python3", kernel_manager_class=_ThisPythonKernelManager,
            progress_bar=False, execution_timeout=timeout,
        )
    except papermill.PapermillExecutionError as error:
        raise ReportError(_failure_message(notebook, error, executed)) from None
    return executed


def _literal(value) -> str:
    """A parameter's value written as in the parameters cell (strings in double quotes)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _shareable(name: str, value):
    """A parameter's value as a shared report shows it: a path by its last part only."""
    if _is_path_parameter(name) and isinstance(value, str) and value:
        return Path(value).name
    return value


def _without_local_paths(page: str, working_dir: str | None = None) -> str:
    """*page* with this machine's absolute paths of the toolkit and the working folder
    (*working_dir*, default the current one) removed."""
    for folder in sorted({str(Path(__file__).resolve().parents[1]), working_dir or os.getcwd(), str(Path.home())},
                         key=len, reverse=True):
        if len(folder) > 1:
            page = page.replace(folder + os.sep, "").replace(folder, ".")
    return page


def _run_table(nb: nbformat.NotebookNode, defaults: pd.DataFrame) -> str:
    """HTML table of the parameters (default or given) and the run's times, escaped."""
    meta = nb.metadata.get("papermill", {})
    given = meta.get("parameters", {})
    rows = [
        {"item": name, "value": _literal(_shareable(name, given[name])) if name in given else default,
         "set by": "this run" if name in given else "notebook default"}
        for name, default in zip(defaults["name"], defaults["default"])
    ]
    for item, key in (("started (UTC)", "start_time"), ("finished (UTC)", "end_time")):
        rows.append({"item": item, "value": str(meta.get(key, ""))[:19].replace("T", " "), "set by": ""})
    if meta.get("duration") is not None:
        rows.append({"item": "run time", "value": f"{meta['duration']:.1f} s", "set by": ""})
    return pd.DataFrame(rows).to_html(index=False, border=0, classes="provenance")


def render_html(executed: str | Path, html_path: str | Path, *, notebook: str | Path | None = None) -> Path:
    """Render an executed notebook to one self-contained HTML file.

    Code cells' inputs and prompts are hidden; figures stay embedded as base64
    PNG; a table of the run's parameters and times is appended (its values
    escaped), and a Content-Security-Policy forbids every script in the page.
    *notebook* is the source notebook, for the parameters' defaults
    (default: *executed* itself).
    """
    source = notebook or executed
    return _write_html(executed, html_path, notebook_parameters(source), notebook_title(source)[0], os.getcwd())


def _write_html(executed, html_path, defaults: pd.DataFrame, title: str, working_dir: str) -> Path:
    """:func:`render_html` with the parameters' defaults, the title and the working folder given.

    A report writes a notebook's HTML in another thread while the next
    notebook runs: that thread calls no papermill, whose reading of a
    notebook changes the process's working folder for a moment
    (``papermill.iorw.LocalHandler``), and is given the working folder
    instead of reading it. (Kernels are given their folder, so a kernel
    starting meanwhile is not affected: :func:`execute_notebook`.)
    """
    nb = nbformat.read(str(executed), as_version=4)
    table = nbformat.v4.new_code_cell(
        source="",
        outputs=[nbformat.v4.new_output("display_data", data={"text/html": _run_table(nb, defaults)})],
    )
    nb.cells += [nbformat.v4.new_markdown_cell("#### Parameters and run time"), table]
    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="lab", template_file="report.html.j2",
        extra_loaders=[jinja2.DictLoader({"report.html.j2": _TEMPLATE})],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    body = _without_local_paths(body, working_dir)
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(body, encoding="utf-8")
    return html_path


def write_index(
    reports: pd.DataFrame, out: str | Path, *, parameters: dict | None = None, title: str = "Framing reports",
    failure: str = "",
) -> Path:
    """Write ``index.html`` in *out* linking each report with its title and question.

    *reports* has columns ``title``, ``question``, ``html`` (paths inside
    *out*), as returned by :func:`run_reports`; *parameters* (those given
    to the run) are listed under the links. A *failure* (the error that
    stopped the run) is shown at the top: the page then lists only the
    reports this run completed, and says that it is incomplete.
    """
    out = Path(out)
    items = "\n".join(
        f'<li><a href="{html.escape(Path(row.html).relative_to(out).as_posix())}">'
        f"{html.escape(row.title)}</a>"
        + "".join(f' · <a href="{html.escape(Path(getattr(row, kind)).relative_to(out).as_posix())}">{kind.upper()}</a>'
                  for kind in ("pdf", "docx") if isinstance(getattr(row, kind, None), (str, Path)))
        + f"<p>{html.escape(row.question)}</p></li>"
        for row in reports.itertuples()
    )
    if failure:
        items = (f'<li class="failed"><strong>This run failed and is incomplete:</strong> '
                 f"{html.escape(failure)}</li>\n{items}")
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    given = "Parameters: " + (", ".join(f"{k} = {_literal(_shareable(k, v))}" for k, v in parameters.items())
                              if parameters else "the notebooks' defaults")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{_INDEX_CSP}
<title>{html.escape(title)}</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 760px; margin: 2em auto; padding: 0 1em;
color: #222; line-height: 1.5; }} li {{ margin-bottom: 1em; }} li p {{ margin: 0.2em 0; color: #555; }}
a {{ font-size: 1.15em; }} .run {{ color: #555; font-size: 0.9em; }}
.failed {{ color: #a00; list-style: none; border: 1px solid #a00; padding: 0.5em; }}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>Generated {stamp} by framing-toolkit. Each report is one self-contained HTML file.</p>
<ol>
{items}
</ol>
<p class="run">{html.escape(given)}</p></body></html>
"""
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


#: Formats :func:`run_reports` writes besides HTML.
FORMATS = ("pdf", "docx")

#: Headless Chromium, as Debian installs it (``apt-get install chromium``).
CHROMIUM = "chromium"


def _check_formats(formats) -> tuple[str, ...]:
    formats = tuple(formats or ())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ParameterError(f"formats: unknown format(s) {', '.join(map(repr, unknown))}; use {FORMATS}")
    if "pdf" in formats and not shutil.which(CHROMIUM):
        raise ReportError("--pdf: headless Chromium is needed to print PDF and was not found "
                          "(Debian: apt-get install chromium)")
    if "docx" in formats and not shutil.which("pandoc"):
        raise ReportError("--docx: pandoc is needed to write Word files and was not found "
                          "(Debian: apt-get install pandoc)")
    return formats


#: The hits a notebook saves for later notebooks of the same run (path in the output folder), and the
#: parameter through which they take them: notebook 02 finds the hits with voice, notebooks 04 (its
#: keyword-in-context lines to code) and 05 (the explorer) reuse them.
SAVED_HITS = ("02-framing-keywords", Path("tables") / "02-hits.parquet", "hits_path")


def _pass_saved_hits(notebooks: list[Path], per_notebook: dict, given: dict) -> Path | None:
    """Give each notebook declaring ``hits_path`` the hits notebook 02 saves earlier in this run.

    Only when notebook 02 runs before it with voice on (its default) and the
    user gave no ``hits_path``. Returns the path of the file (removed now, so
    that a file left by an earlier run is never taken), or None.
    """
    saver, relative, name = SAVED_HITS
    stems = [nb.stem for nb in notebooks]
    if saver not in stems or name in given:
        return None
    values = per_notebook[notebooks[stems.index(saver)]]
    if not values.get("voice", True) or not values.get("output_dir"):
        return None  # notebook 05 needs the voice columns: it finds the hits itself
    from toolkit.notebook_support import saved_with_hits

    path = (Path(values["output_dir"]) / relative).resolve()
    for stale in (path, *saved_with_hits(path)):  # the hits, and their lines and lengths (Corpus.save_hits)
        stale.unlink(missing_ok=True)
    for nb in notebooks[stems.index(saver) + 1:]:
        if name in notebook_parameters(nb)["name"].values:
            per_notebook[nb][name] = str(path)
    return path


def _side_by_side(notebooks: list[Path], per_notebook: dict, saved: Path | None) -> list[list[Path]]:
    """*notebooks* in groups run at the same time: two in a row that take the hits notebook 02 saved.

    Those read what notebook 02 found instead of the text (:meth:`toolkit.notebook_support.Corpus.load_hits`),
    so their time is their kernels' own: two run side by side on two cores (each kernel holds the hits
    and the articles' metadata: about 0.6 GB on the 1 GB benchmark corpus). Any other notebook runs alone.
    """
    def reads_saved(nb):
        return saved is not None and per_notebook[nb].get(SAVED_HITS[2]) == str(saved)

    groups: list[list[Path]] = []
    for nb in notebooks:
        if reads_saved(nb) and groups and len(groups[-1]) == 1 and reads_saved(groups[-1][0]):
            groups[-1].append(nb)
        else:
            groups.append([nb])
    return groups


def _clear_previous_run(out: Path, notebooks: list[Path]) -> None:
    """Remove the index and the reports of *notebooks* that an earlier run left in *out*."""
    stale = [out / "index.html"] + [out / f"{nb.stem}{suffix}" for nb in notebooks
                                    for suffix in (".html", ".pdf", ".docx")]
    for path in stale:
        path.unlink(missing_ok=True)


def write_pdf(html_path: str | Path, pdf_path: str | Path, *, timeout: int = 180) -> Path:
    """Print a report to PDF with headless Chromium (A4, no browser header or footer).

    The report's print stylesheet wraps wide tables within the page and keeps
    headings with what follows them. Chromium runs with a throw-away profile,
    no network services and no sandbox (as in containers and CI).

    Raises
    ------
    ReportError
        Chromium missing, failing or writing no PDF.
    """
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    browser = shutil.which(CHROMIUM)
    if browser is None:
        raise ReportError("--pdf: headless Chromium was not found (Debian: apt-get install chromium)")
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="framing-chromium-") as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-extensions", "--disable-sync", "--no-first-run",
            "--no-default-browser-check", "--mute-audio", f"--user-data-dir={profile}",
            "--no-pdf-header-footer", "--print-to-pdf-no-header", "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={pdf_path}", html_path.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ReportError(f"--pdf: Chromium took more than {timeout} s to print {html_path.name}") from None
    if not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        detail = " ".join(done.stderr.split())[-300:]
        raise ReportError(f"--pdf: Chromium wrote no PDF for {html_path.name} (exit {done.returncode}: {detail})")
    return pdf_path


def write_docx(html_path: str | Path, docx_path: str | Path, *, timeout: int = 180) -> Path:
    """Convert a report to a Word file with pandoc: real (editable) tables, figures as pictures.

    pandoc reads the rendered HTML, so the Word file holds exactly what the
    HTML report shows: each table becomes a Word table, each figure an
    embedded PNG, headings become Word headings (co-authors can edit and
    comment on it).

    Raises
    ------
    ReportError
        pandoc missing or failing.
    """
    html_path, docx_path = Path(html_path).resolve(), Path(docx_path).resolve()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        raise ReportError("--docx: pandoc was not found (Debian: apt-get install pandoc)")
    docx_path.unlink(missing_ok=True)
    # the headings' "¶" permalinks mean nothing on paper; the <title> would repeat the first heading
    page = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", html_path.read_text(encoding="utf-8"), flags=re.S)
    page = re.sub(r"<title>.*?</title>", "", page, count=1, flags=re.S)
    try:
        with tempfile.TemporaryDirectory(prefix="framing-pandoc-") as folder:
            source = Path(folder) / html_path.name
            source.write_text(page, encoding="utf-8")
            command = [pandoc, "--from=html", "--to=docx", f"--resource-path={html_path.parent}",
                       "--output", str(docx_path), str(source)]
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ReportError(f"--docx: pandoc took more than {timeout} s to convert {html_path.name}") from None
    if done.returncode != 0 or not docx_path.is_file():
        raise ReportError(f"--docx: pandoc failed on {html_path.name}: {' '.join(done.stderr.split())[-300:]}")
    return docx_path


#: Notebook parameters naming a corpus whose fingerprint every notebook's provenance shows.
CORPUS_PARAMETERS = ("corpus_path", "reference_path")


@contextmanager
def _shared_fingerprints(per_notebook: dict):
    """Hash each corpus of the run once, here, and hand the fingerprints to the kernels.

    Every notebook's provenance shows the SHA-256 of its corpus; without this
    each kernel would read the whole corpus again to hash it (seconds per GB,
    per notebook). The kernels inherit :data:`toolkit.provenance.FINGERPRINTS_ENV`;
    a fingerprint is only taken for the same files (path, size, modification
    time), so a corpus changed during the run is hashed again.
    """
    paths = set()
    for nb, values in per_notebook.items():
        defaults = notebook_parameters(nb).set_index("name")["default"]
        for name in CORPUS_PARAMETERS:
            value = values.get(name)
            if value is None and name in defaults.index:
                try:
                    value = ast.literal_eval(defaults[name])
                except (ValueError, SyntaxError):
                    value = None
            if isinstance(value, (str, Path)) and str(value):
                path = (Path(nb).parent / value).resolve()  # absolute values stay as they are
                if path.exists():
                    paths.add(path)
    known = json.loads(os.environ.get(FINGERPRINTS_ENV) or "{}")
    for path in sorted(paths):
        key = fingerprint_key(path)
        known[key] = known.get(key) or corpus_fingerprint(path)
    with _environment({FINGERPRINTS_ENV: json.dumps(known)}):
        yield


#: A local worker larger than this (resident MB) is replaced before the next notebook: a fresh worker
#: with the toolkit imported is about 160 MB; after a pass over 1 GB of text 300-400 MB.
FRESH_WORKER_MB = 200


@contextmanager
def _shared_cluster(per_notebook: dict):
    """A local Dask cluster of two workers for the notebooks run with backend="dask" and no scheduler.

    The notebooks get its address as their ``scheduler`` (their reports show
    it), so none starts a cluster in its kernel; it closes after the last notebook.
    Yields a function to call between two notebooks: it replaces the
    workers that hold more than their imports (:data:`FRESH_WORKER_MB`), so
    that each notebook starts with lean workers (a worker kept 100-200 MB
    from the notebooks before it: caches, freed memory the allocator keeps;
    on 1 GB, 360 MB when notebook 03's phrase counting began against about
    180 MB fresh). The old workers close and the new ones start while the
    next notebook's kernel starts (its first tasks wait for them): the
    scheduler and its address stay.
    """
    wanted = [values for values in per_notebook.values()
              if values.get("backend") == "dask" and not str(values.get("scheduler", "")).strip()]
    if len(wanted) < 2:
        yield lambda: None
        return
    from distributed import LocalCluster

    class ReportCluster(LocalCluster):
        generation = 0  # of workers: the new workers of each replacement get new names

        def _new_worker_name(self, worker_number):  # SpecCluster's hook for naming workers
            return f"{self.generation}-{worker_number}"

    running = []

    def fresh_cluster():
        while running:
            running.pop().close()
        # two processes, one thread each (matching and tokenising hold the GIL part of the time), which
        # give freed memory back (LEAN_MEMORY, inherited from this process's environment)
        cluster = ReportCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
        running.append(cluster)
        for values in wanted:
            values["scheduler"] = cluster.scheduler_address
        os.environ["FRAMING_LOCAL_SCHEDULER"] = cluster.scheduler_address  # notebook_support._connect

    def fresh_workers():
        cluster = running[0]
        sizes = [worker.memory.process for worker in cluster.scheduler.workers.values()]
        if len(sizes) == 2 and max(sizes) < FRESH_WORKER_MB * 1e6:
            return
        # new names: the old workers close while the new ones start, neither waited for
        cluster.generation += 1
        cluster.scale(0)
        cluster.scale(2)

    with _environment(_lean_memory()), _environment({"FRAMING_LOCAL_SCHEDULER": ""}):
        try:
            fresh_cluster()
            yield fresh_workers
        finally:
            while running:
                running.pop().close()


def run_reports(
    notebooks: list[str | Path] | None = None,
    *,
    parameters: dict | None = None,
    out: str | Path = "reports",
    progress: bool | None = None,
    timeout: int | None = None,
    formats: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Run notebooks headless and write one HTML report each plus ``index.html``.

    Parameters
    ----------
    notebooks : list of paths, optional
        Default: every ``NN-name.ipynb`` of the toolkit's ``notebooks/``.
    parameters : dict, optional
        Notebook parameters; each goes to the notebooks that declare it.
        Unknown names fail at once (before any notebook runs).
    out : path
        Output folder (created): ``NN-name.html``, ``index.html``, and the
        executed notebooks in ``executed/``.
    progress : bool, optional
        Show a progress bar over notebooks (default: when there are several).
    timeout : int, optional
        Seconds a single cell may run (default: no limit).
    formats : tuple of {"pdf", "docx"}
        Also write each report as PDF (:func:`write_pdf`) and/or Word
        (:func:`write_docx`), beside its HTML.

    Notebooks run one after the other, in order, except those that take the
    hits notebook 02 saved in this run (04 and 05: they read no text), which
    run two at a time (:func:`_side_by_side`).

    Before the first notebook runs, the previous run's ``index.html`` and
    the reports of the notebooks about to run are removed from *out*; a run
    that fails writes an ``index.html`` that says so and lists only the
    reports it completed. No old report is left looking current.

    Returns
    -------
    pandas.DataFrame
        One row per notebook: ``notebook``, ``title``, ``question``,
        ``executed``, ``html``, ``pdf`` and ``docx`` (paths or None), ``seconds``.

    Raises
    ------
    ParameterError
        An unknown parameter, a value of the wrong type, or a bad ``backend``
        or ``scheduler`` value.
    ReportError
        A notebook failed; the message names it and the cause (for a bad
        parameter, the parameter or path) and where the partial notebook is.
    """
    notebooks = [Path(nb).resolve() for nb in (notebooks or list_notebooks())]
    missing = [str(nb) for nb in notebooks if not nb.is_file()]
    if missing:
        raise ParameterError(f"notebooks: no such notebook: {', '.join(missing)}")
    out = Path(out).resolve()
    parameters = dict(parameters or {})
    declares_output = any("output_dir" in notebook_parameters(nb)["name"].values for nb in notebooks)
    if declares_output:
        parameters.setdefault("output_dir", str(out))
    per_notebook = check_parameters(notebooks, parameters)
    for values in per_notebook.values():  # a missing corpus fails here, not inside the first notebook
        for name in ("corpus_path", "reference_path", "frames_path"):
            if name in values:
                require_path(values[name], parameter=name)
    if "backend" in parameters or "scheduler" in parameters:  # fail before the first notebook runs
        from toolkit.notebook_support import check_backend

        check_backend(parameters.get("backend", "pandas"), parameters.get("scheduler", ""))
    formats = _check_formats(formats)
    given = {name: value for values in per_notebook.values() for name, value in values.items()}
    given.pop("output_dir", None)
    given = dict(sorted(given.items()))
    saved = _pass_saved_hits(notebooks, per_notebook, parameters)
    _clear_previous_run(out, notebooks)
    rows, pending = [], []  # reports written, and those being written (in notebook order)
    bar = tqdm(total=len(notebooks), desc="reports", unit="notebook",
               disable=not progress if progress is not None else len(notebooks) < 2)
    columns = ["notebook", "title", "question", "executed", "html", "pdf", "docx", "seconds"]
    working_dir = os.getcwd()

    def run(nb):
        started = time.perf_counter()
        executed = execute_notebook(nb, out / EXECUTED_DIR / nb.name, per_notebook[nb], timeout=timeout)
        return executed, time.perf_counter() - started

    def run_beside(nb):  # in a thread of its own: papermill's event loop for that thread is closed after
        try:
            return run(nb)
        finally:
            ensure_event_loop().close()

    try:
        # each notebook's report is written in another thread while the next notebook runs (its cluster
        # and kernel start meanwhile); a report that fails stops the run at the next notebook
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-report") as writer, \
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing-notebook") as beside, \
                _shared_fingerprints(per_notebook), _shared_cluster(per_notebook) as fresh_workers:
            for number, group in enumerate(_side_by_side(notebooks, per_notebook, saved)):
                _take_written(pending, rows, wait=False)
                bar.set_postfix_str(", ".join(nb.name for nb in group))
                if number:
                    fresh_workers()
                others = [beside.submit(run_beside, nb) for nb in group[1:]]
                try:
                    results = [run(group[0])]
                finally:
                    wait(others)  # both notebooks of a pair end before either's error is raised
                results += [done.result() for done in others]
                for nb, (executed, seconds) in zip(group, results):
                    title, question = notebook_title(nb)
                    pending.append(writer.submit(_write_report, nb, executed, out, formats, working_dir, seconds,
                                                 defaults=notebook_parameters(nb), title=title, question=question))
                bar.update(len(group))
        _take_written(pending, rows, wait=True)
    except ToolkitError as error:
        _take_written(pending, rows, wait=True, quietly=True)
        write_index(pd.DataFrame(rows, columns=columns), out, parameters=given, failure=str(error))
        raise
    reports = pd.DataFrame(rows, columns=columns)
    write_index(reports, out, parameters=given)
    tables = Path(parameters.get("output_dir", out)) / "tables"
    for table in sorted(tables.glob("*.csv")):  # tables for people: no cell a spreadsheet would run
        make_csv_formula_safe(table)
    return reports


def _write_report(nb: Path, executed: Path, out: Path, formats, working_dir: str, seconds: float, *,
                  defaults: pd.DataFrame, title: str, question: str) -> dict:
    """The HTML report of an executed notebook (and its PDF, Word files): a row of :func:`run_reports`.

    Runs in a thread of its own: *defaults* (:func:`notebook_parameters`), *title* and *question*
    are read beforehand in the calling thread (see :func:`_write_html`)."""
    started = time.perf_counter()
    page = _write_html(executed, out / f"{nb.stem}.html", defaults, title, working_dir)
    row = {"notebook": nb.name, "title": title, "question": question, "executed": executed,
           "html": page, "pdf": None, "docx": None}
    if "pdf" in formats:
        row["pdf"] = write_pdf(page, page.with_suffix(".pdf"))
    if "docx" in formats:
        row["docx"] = write_docx(page, page.with_suffix(".docx"))
    return {**row, "seconds": round(seconds + time.perf_counter() - started, 1)}


def _take_written(pending: list, rows: list, *, wait: bool, quietly: bool = False) -> None:
    """Move the reports written from *pending* (futures, in notebook order) to *rows*, in order.

    Waits for all with *wait*; a report that failed raises its error, or,
    *quietly*, ends the rows there (the run is failing already)."""
    while pending and (wait or pending[0].done()):
        future = pending.pop(0)
        if quietly and future.exception() is not None:
            pending.clear()
            return
        rows.append(future.result())
