"""The toolkit's exceptions and warnings, in one place.

Messages say what was wrong, where (file, line, parameter) and what to do.
"""

from __future__ import annotations


class ToolkitError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class ParameterError(ToolkitError, ValueError):
    """An argument or notebook parameter is invalid; the message names it."""


class SchemaError(ToolkitError, ValueError):
    """A DataFrame lacks columns the function needs; the message lists them."""


class LoadError(ToolkitError):
    """An input could not be loaded (raised in strict mode, or when nothing loads).

    Attributes
    ----------
    path : str
        The offending file.
    line : int or None
        1-based row or line within the file, when known.
    reason : str
        Why the input was rejected.
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class DictionaryError(ToolkitError, ValueError):
    """A frame dictionary file is malformed; the message names the file and entry."""


class DecodingError(ToolkitError, ValueError):
    """The bytes are not text in any encoding we can identify."""


class BinaryFileError(DecodingError):
    """The bytes look like a binary file (image, executable, office file...)."""


class ReportError(ToolkitError):
    """A notebook run or report rendering failed; the message names the notebook."""


class LoadWarning(UserWarning):
    """Some inputs were not loaded; see ``toolkit.load_report(articles)``."""


def require_columns(articles, columns, *, where: str) -> None:
    """Raise :class:`SchemaError` when *articles* lacks any of *columns*.

    Parameters
    ----------
    articles : pandas.DataFrame
    columns : iterable of str
    where : str
        Name of the calling function, for the message.
    """
    missing = [c for c in columns if c not in articles.columns]
    if missing:
        raise SchemaError(
            f"{where}: the articles DataFrame lacks column(s) {missing}; "
            "load it with toolkit.load_articles() or rename your columns."
        )
