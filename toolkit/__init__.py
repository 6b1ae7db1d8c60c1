"""framing-toolkit: load news articles, find framing language, compare vocabularies.

Every analysis takes an articles DataFrame first (see :mod:`toolkit.schema`)
and returns a new DataFrame with documented columns.
"""

from importlib.metadata import PackageNotFoundError, version

from toolkit.errors import (
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
from toolkit.match import available_engines, count_frames, keyword_in_context, match_frames
from toolkit.rates import frame_cooccurrence, frame_rates, poisson_interval, wilson_interval
from toolkit.voice import annotate_voice
from toolkit.tokens import TokenSettings, english_stop_words, stop_words, token_spans, tokenize
from toolkit.scripts import guess_language
from toolkit.morphology import phrase_forms
from toolkit.frequency import term_frequency, tfidf
from toolkit.keyness import keyness, keyness_by_group, keyness_from_counts, keyness_over_time, log_odds_dirichlet
from toolkit.collocations import association_scores, collocations, multiword_collocations
from toolkit.plot import (
    load_events,
    plot_articles_over_time,
    plot_cooccurrence,
    plot_frame_rates,
    plot_keyness,
    plot_outlet_rates,
    plot_outlets_over_time,
    plot_precision,
    plot_top_terms,
)
from toolkit.scale import close_local_client, get_client, iter_articles_parquet, read_articles_dask, write_articles_parquet
from toolkit.duplicates import DUPLICATE_COLUMNS, deduplicate, find_duplicates
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
    "get_client",
    "close_local_client",
    # duplicates
    "DUPLICATE_COLUMNS",
    "find_duplicates",
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
    "ReportError",
    "LoadWarning",
]


def __getattr__(name):
    if name in ("run_reports", "notebook_parameters"):
        from toolkit import report

        return getattr(report, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")

