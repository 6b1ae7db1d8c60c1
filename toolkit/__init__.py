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
from toolkit.schema import ARTICLE_COLUMNS, HIT_COLUMNS, KWIC_COLUMNS

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
    # errors
    "ToolkitError",
    "ParameterError",
    "SchemaError",
    "LoadError",
    "DictionaryError",
    "ReportError",
    "LoadWarning",
]
