"""Every exception the toolkit defines derives from ToolkitError (issue 11 item 7)."""

import importlib
import inspect
from pathlib import Path

import pytest

import toolkit
from toolkit.errors import ToolkitError

ROOT = Path(toolkit.__file__).parent
#: Every module of the package, subpackages (toolkit/voice/) included.
MODULES = sorted(".".join(p.relative_to(ROOT.parent).with_suffix("").parts).removesuffix(".__init__")
                 for p in ROOT.rglob("*.py") if p != ROOT / "__init__.py")


@pytest.mark.parametrize("module", MODULES)
def test_every_exception_class_derives_from_toolkit_error(module):
    for name, value in vars(importlib.import_module(module)).items():
        if inspect.isclass(value) and issubclass(value, BaseException) and not issubclass(value, Warning) \
                and value.__module__.startswith("toolkit"):
            assert issubclass(value, ToolkitError), f"{module}.{name}"


def test_decoding_errors_are_toolkit_errors_and_value_errors():
    with pytest.raises(ToolkitError):
        toolkit.encoding.decode_bytes(b"\x00\x01\x02binary\x00")
    assert issubclass(toolkit.DecodingError, ValueError) and issubclass(toolkit.BinaryFileError, toolkit.DecodingError)


def test_no_module_raises_a_bare_builtin_error():
    """Errors a user can meet are ToolkitErrors; report.py's internal ValueError is caught where it is raised."""
    import re as regex

    allowed = {("report.py", "ValueError(value)")}
    for path in ROOT.rglob("*.py"):
        for found in regex.finditer(r"raise (ValueError|TypeError|KeyError|RuntimeError|Exception)\((\w*)", path.read_text()):
            assert (path.name, f"{found.group(1)}({found.group(2)})") in allowed, (path.name, found.group(0))
