"""The ``framing`` command: ``framing report``, ``framing load``, ``framing parameters``.

Every failure the toolkit anticipates ends with one line on stderr naming the
parameter, path or notebook at fault, and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from pathlib import Path

import yaml

from toolkit.errors import ParameterError, ToolkitError

#: Options of ``framing report`` that set a notebook parameter.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Suffixes ``framing load --out`` writes, and the format of each.
LOAD_FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}

PARAMETER_OPTIONS = {"corpus": "corpus_path", "reference": "reference_path", "frames": "frames_path",
                "backend": "backend", "scheduler": "scheduler"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Find and compare framing language in news articles; render HTML reports.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    report = commands.add_parser(
        "report", help="run the notebooks headless and write HTML reports",
        description="Run every notebook with papermill and write one self-contained HTML report "
        "per notebook plus index.html. Without options, on the bundled sample corpus.",
    )
    report.add_argument("--corpus", metavar="PATH", help="file or folder of articles (corpus_path)")
    report.add_argument("--reference", metavar="PATH", help="reference corpus for keyness (reference_path)")
    report.add_argument("--frames", metavar="PATH", help="frame dictionary YAML (frames_path)")
    report.add_argument("--backend", metavar="BACKEND",
                        help="pandas (the corpus in memory, default) or dask (a Parquet corpus out of memory)")
    report.add_argument("--scheduler", metavar="ADDRESS",
                        help="address of a running Dask scheduler (default with --backend dask: a local cluster of the report's own)")
    report.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="set a notebook parameter (repeatable); see `framing parameters`")
    report.add_argument("-f", "--parameters-file", metavar="YAML", help="YAML file of notebook parameters")
    report.add_argument("--out", default="reports", metavar="FOLDER",
                        help="output folder (default: reports/)")
    report.add_argument("--notebooks", nargs="+", metavar="NB",
                        help="notebooks to run (default: all of notebooks/)")
    report.add_argument("--pdf", action="store_true",
                        help="also print each report to PDF (headless Chromium: apt-get install chromium)")
    report.add_argument("--docx", action="store_true",
                        help="also write each report as a Word file with real tables (pandoc: apt-get install pandoc)")
    report.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_column_options(report)

    load = commands.add_parser(
        "load", help="load articles into a Parquet file",
        description="Load articles (a file, folder or archive) and write them as Parquet, "
        "with the load report (inputs that did not become articles) beside it as CSV.",
    )
    load.add_argument("source", help="file, folder or archive of articles")
    load.add_argument("--out", required=True, metavar="FILE",
                      help="output file: corpus.parquet (Parquet, .pq too) or corpus.csv (CSV)")
    load.add_argument("--encoding", help="text encoding of the inputs (default: detected)")
    load.add_argument("--strict", action="store_true", help="stop at the first input that does not load")
    _add_column_options(load)

    parameters = commands.add_parser("parameters", help="list the notebooks' parameters")
    parameters.add_argument("notebooks", nargs="*", metavar="NB",
                            help="notebooks (default: all of notebooks/)")
    return parser


def _add_column_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--column", action="append", default=[], metavar="FIELD=COLUMN",
                         help="input column of an article field, e.g. --column url=link --column date=published "
                         "(repeatable; fields: text, title, date, url, outlet, author, language, dateline, doc_id)")
    command.add_argument("--columns", metavar="YAML", help="YAML file mapping article fields to input columns")
    command.add_argument("--outlets", metavar="YAML", help="extra canonical outlet names (format of toolkit/outlets.yaml)")
    command.add_argument("--date-order", choices=("MDY", "DMY"),
                         help="read dates written as numbers with the year last (12/31/2022) in this order "
                         "(default: not guessed, reported)")


def column_options(args: argparse.Namespace) -> dict:
    """The ``load_articles`` options of ``--column``, ``--columns``, ``--outlets`` and ``--date-order`` ({} when none given)."""
    from toolkit.columns import parse_column_options

    options = {}
    if args.column or args.columns:
        options["columns"] = parse_column_options(args.column, args.columns)
    if args.outlets:
        options["outlets"] = args.outlets
    if args.date_order:
        options["date_order"] = args.date_order
    return options


def report_parameters(args: argparse.Namespace) -> dict:
    """Notebook parameters from ``-f`` (first), ``-p`` (then) and the named options (last)."""
    parameters = {}
    if args.parameters_file:
        path = Path(args.parameters_file)
        if not path.is_file():
            raise ParameterError(f"-f: no such parameters file: {path}")
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except UnicodeDecodeError as error:
            raise ParameterError(f"-f: {path} is not UTF-8 text ({error.reason} at byte {error.start})") from None
        if not isinstance(loaded, dict):
            raise ParameterError(f"-f: {path} must hold a mapping of parameter names to values")
        for name, value in loaded.items():
            if not isinstance(name, str) or not name.isidentifier():
                raise ParameterError(f"-f: {path}: {name!r} is not a parameter name (names are words, "
                                     "such as top_n); see `framing parameters`")
            if isinstance(value, str) and _SURROGATE.search(value):
                raise ParameterError(f"-f: {path}: parameter {name!r} holds a lone surrogate "
                                     f"({value.encode('utf-8', 'backslashreplace').decode()}), not text")
        parameters.update(loaded)
    parameters.update(dict(args.parameter))
    parameters.update({name: getattr(args, option) for option, name in PARAMETER_OPTIONS.items()
                       if getattr(args, option)})
    return parameters


def _report(args: argparse.Namespace) -> int:
    from toolkit.report import run_reports

    _check_notebooks(args.notebooks or [], "--notebooks")
    formats = tuple(kind for kind in ("pdf", "docx") if getattr(args, kind))
    parameters = report_parameters(args)
    options = column_options(args)
    if options:
        # Load once with the mapping; the notebooks read the result (they take a path, not a mapping).
        if "corpus_path" not in parameters:
            raise ParameterError("--column/--columns/--outlets/--date-order: give the corpus they apply to with --corpus PATH")
        corpus = Path(args.out) / "corpus" / "corpus.parquet"
        _write_corpus(parameters["corpus_path"], corpus, options, strict=False, encoding=None)
        parameters["corpus_path"] = str(corpus)
    reports = run_reports(args.notebooks, parameters=parameters, out=args.out,
                          progress=False if args.no_progress else None, **({"formats": formats} if formats else {}))
    index = Path(args.out).resolve() / "index.html"
    print(f"{len(reports)} report(s) written; open {index}")
    return 0


def _load(args: argparse.Namespace) -> int:
    out = Path(args.out)
    kind = LOAD_FORMATS.get(out.suffix.lower())
    if kind is None:
        raise ParameterError(f"--out: {out} must end in {', '.join(LOAD_FORMATS)} (the format written)")
    _write_corpus(args.source, out, column_options(args), strict=args.strict, encoding=args.encoding, kind=kind)
    return 0


def _write_corpus(source, out: Path, options: dict, *, strict: bool, encoding, kind: str = "parquet") -> None:
    """Load *source* and write it as Parquet (or CSV), with the load report and column mapping beside it.

    Raises LoadError, after writing the load report, when no article loaded.
    """
    from toolkit.columns import column_mapping
    from toolkit.errors import LoadError, LoadWarning
    from toolkit.load import load_articles, load_report, write_beside
    from toolkit.executor import write_articles_parquet

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LoadWarning)  # summarised below, with the report's path
        articles = load_articles(source, encoding=encoding, strict=strict, **options)
    out.parent.mkdir(parents=True, exist_ok=True)
    report = load_report(articles)
    if articles.empty:  # exit 1, and say where the reasons are
        paths = write_beside(articles, out)
        raise LoadError(source, f"no article loaded: {len(report):,} input(s) failed, listed in {paths['load_report']}")
    if kind == "csv":
        articles.to_csv(out, index=False)
    else:
        write_articles_parquet(articles, out)  # small row groups: analyses read it in bounded batches
    paths = write_beside(articles, out)
    mapping = ", ".join(f"{r.field}={r.column} ({r.how})" for r in column_mapping(articles).itertuples())
    print(f"{len(articles):,} articles written to {out}; {len(report):,} input(s) skipped, "
          f"listed in {paths['load_report']}")
    if mapping:
        print(f"columns: {mapping}")
    flagged = {flag: n for flag, n in articles.attrs.get("quality_counts", {}).items() if n}
    if flagged:
        print("quality flags: " + ", ".join(f"{n:,} {flag}" for flag, n in flagged.items())
              + " (column quality; see toolkit.quality)")
    for warning in caught:
        if not issubclass(warning.category, LoadWarning):
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
        elif "have no outlet" in str(warning.message):
            print(" ".join(str(warning.message).split()), file=sys.stderr)


def _parameters(args: argparse.Namespace) -> int:
    from toolkit.report import list_notebooks, notebook_parameters

    _check_notebooks(args.notebooks, "NB")
    for notebook in args.notebooks or list_notebooks():
        print(f"{Path(notebook).name}:")
        for row in notebook_parameters(notebook).itertuples():
            print(f"  {row.name:<16} {row.type:<6} {row.default:<24} {row.help}")
    return 0


def _check_notebooks(notebooks: list[str], option: str) -> None:
    """Refuse anything but existing .ipynb files, naming the option."""
    for notebook in notebooks:
        path = Path(notebook)
        if path.suffix.lower() != ".ipynb":
            raise ParameterError(f"{option}: {notebook} is not a notebook (.ipynb)")
        if not path.is_file():
            raise ParameterError(f"{option}: no such notebook: {notebook}")
        try:
            json.loads(path.read_bytes())
        except ValueError:  # UnicodeDecodeError and JSONDecodeError alike
            raise ParameterError(f"{option}: {notebook} is not a notebook (not JSON)") from None


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` console script; returns the exit status."""
    args = _parser().parse_args(argv)
    command = {"report": _report, "load": _load, "parameters": _parameters}[args.command]
    try:
        return command(args)
    except (ToolkitError, OSError, yaml.YAMLError) as error:
        message = " ".join(str(error).split()).encode("utf-8", "backslashreplace").decode("utf-8")
        print(f"framing {args.command}: error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
