"""framing-toolkit: load news articles, find framing language, compare vocabularies.

This module is the public API: the names in ``__all__``. Every analysis takes
``articles`` first (a DataFrame with the columns of :mod:`toolkit.schema`; the
analyses of :mod:`toolkit.analyses` also a Parquet path or a Dask DataFrame),
options keyword-only, and returns a new DataFrame with documented columns.
The submodules are the implementation; their names may change.
"""

from importlib.metadata import PackageNotFoundError, version

from toolkit.errors import (
    BinaryFileError,
    DecodingError,
    DictionaryError,
    LoadError,
    LoadWarning,
    ParameterError,
    ReportError,
    SchemaError,
    ToolkitError,
)
from toolkit.schema import ARTICLE_COLUMNS, HIT_COLUMNS, KWIC_COLUMNS, VOICE_COLUMNS
from toolkit.load import load_articles, load_report, load_sample
from toolkit.columns import column_mapping
from toolkit.outlets import load_outlets
from toolkit.frames import Frame, FrameDictionary, Pattern, load_frames
from toolkit.match import available_engines
from toolkit.kwic import kwic_from_hits, sort_kwic
from toolkit.rates import frame_cooccurrence, poisson_interval, wilson_interval
from toolkit.voice import annotate_voice
from toolkit.tokens import TokenSettings, english_stop_words, stop_words, token_spans, tokenize
from toolkit.scripts import guess_language
from toolkit.morphology import phrase_forms
from toolkit.frequency import TermCounts
from toolkit.keyness import keyness_by_group, keyness_from_counts, log_odds_dirichlet
from toolkit.collocations import association_scores, collocations, multiword_collocations
from toolkit.executor import iter_articles_parquet, read_articles_dask, write_articles_parquet
from toolkit.highlight import highlight
from toolkit.dispersion import plot_dispersion
from toolkit.explore import Explorer, explore
from toolkit.duplicates import DUPLICATE_COLUMNS, deduplicate, find_duplicates
from toolkit.analyses import (
    count_frames,
    count_terms,
    find_exact_duplicates,
    frame_rates,
    keyness,
    keyness_over_time,
    keyword_in_context,
    match_frames,
    term_frequency,
    tfidf,
)
from toolkit.validation import (
    LABELS,
    add_exclusions,
    agreement,
    dictionary_precision,
    exclusions_from_coding,
    read_coding_sheet,
    validation_sample,
    write_coding_sheet,
)

try:
    __version__ = version("framing-toolkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "__version__",
    # schema
    "ARTICLE_COLUMNS",
    "HIT_COLUMNS",
    "KWIC_COLUMNS",
    "VOICE_COLUMNS",
    # loading
    "load_articles",
    "load_report",
    "load_sample",
    "column_mapping",
    "load_outlets",
    # frames and matching
    "load_frames",
    "FrameDictionary",
    "Frame",
    "Pattern",
    "match_frames",
    "count_frames",
    "keyword_in_context",
    "available_engines",
    # exploring hits
    "sort_kwic",
    "kwic_from_hits",
    "highlight",
    "plot_dispersion",
    "explore",
    "Explorer",
    # voice and rates
    "annotate_voice",
    "frame_rates",
    "frame_cooccurrence",
    "wilson_interval",
    "poisson_interval",
    # vocabulary
    "TokenSettings",
    "tokenize",
    "token_spans",
    "english_stop_words",
    "count_terms",
    "TermCounts",
    "stop_words",
    "guess_language",
    "phrase_forms",
    "term_frequency",
    "tfidf",
    "keyness",
    "keyness_from_counts",
    "keyness_over_time",
    "keyness_by_group",
    "log_odds_dirichlet",
    "collocations",
    "multiword_collocations",
    "association_scores",
    # corpora beyond memory
    "write_articles_parquet",
    "iter_articles_parquet",
    "read_articles_dask",
    # duplicates
    "DUPLICATE_COLUMNS",
    "find_duplicates",
    "find_exact_duplicates",
    "deduplicate",
    # validation
    "LABELS",
    "validation_sample",
    "write_coding_sheet",
    "read_coding_sheet",
    "dictionary_precision",
    "agreement",
    "exclusions_from_coding",
    "add_exclusions",
    # plots
    "load_events",
    "plot_frame_rates",
    "plot_articles_over_time",
    "plot_top_terms",
    "plot_keyness",
    "plot_outlet_rates",
    "plot_outlets_over_time",
    "plot_cooccurrence",
    "plot_precision",
    # reports (imported on first use: papermill and nbconvert are slow to import)
    "run_reports",
    "notebook_parameters",
    # errors
    "ToolkitError",
    "ParameterError",
    "SchemaError",
    "LoadError",
    "DictionaryError",
    "DecodingError",
    "BinaryFileError",
    "ReportError",
    "LoadWarning",
]


#: Public names whose module is imported on first use: matplotlib (plots, ~30 MB) and papermill
#: and nbconvert (reports) are slow to import and unused by Dask workers and the report process.
_PLOTS = ("load_events", "plot_articles_over_time", "plot_cooccurrence", "plot_frame_rates", "plot_keyness",
          "plot_outlet_rates", "plot_outlets_over_time", "plot_precision", "plot_top_terms")


def __getattr__(name):
    if name in ("run_reports", "notebook_parameters"):
        from toolkit import report

        return getattr(report, name)
    if name in _PLOTS:
        from toolkit import plot

        return getattr(plot, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")

