"""The package's import graph, every import counted (those inside functions too).

No module may import another that (directly or not) imports it back, and the
analysis modules never import the executor: they know nothing of where their
batches come from (issue 11).
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"
#: The only modules that may import toolkit.executor: the public analyses, and
#: the layers above them (notebook helpers, reports, command line, public API).
MAY_RUN_BATCHES = {"toolkit", "toolkit.analyses", "toolkit.notebook_support", "toolkit.report", "toolkit.cli"}


def _module_name(path: Path) -> str:
    """toolkit/__init__.py -> toolkit; toolkit/voice/english.py -> toolkit.voice.english."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_names() -> set[str]:
    return {_module_name(p) for p in PACKAGE.rglob("*.py")}


@lru_cache(maxsize=1)
def import_graph() -> dict[str, set[str]]:
    """module -> the toolkit modules it imports anywhere in its source (``toolkit`` is ``__init__``).

    Subpackages (``toolkit/voice/``) count module by module, relative imports resolved.
    """
    modules = _module_names()
    graph = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        package = name if path.stem == "__init__" else name.rpartition(".")[0]
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges |= {a.name for a in node.names if a.name in modules}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # from .quotes import x, from . import names
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}" if base else anchor
                if base not in modules:
                    continue
                # `from toolkit import match` imports a module; `from toolkit import X` reads __init__
                for alias in node.names:
                    edges.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        graph[name] = edges - {name}
    return graph


def _cycle(graph):
    """One import cycle as a list of modules, or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_sees_function_level_imports():
    graph = import_graph()
    assert "toolkit.report" in graph["toolkit"]  # imported inside __getattr__
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_import_cycles():
    assert _cycle(import_graph()) is None


def test_the_graph_sees_subpackages():
    graph = import_graph()
    assert "toolkit.voice.english" in graph and "toolkit.voice" in graph["toolkit"]
    assert graph["toolkit.voice"] & {m for m in graph if m.startswith("toolkit.voice.")}


@pytest.mark.parametrize("module", sorted(_module_names() - MAY_RUN_BATCHES - {"toolkit.executor"}))
def test_analysis_modules_never_import_the_executor(module):
    assert "toolkit.executor" not in import_graph()[module]


def test_the_executor_imports_no_analysis():
    assert import_graph()["toolkit.executor"] <= {"toolkit.errors", "toolkit.schema"}


def test_workers_do_not_import_plotting_or_statistics():
    """What a Dask worker imports to run the analyses' batches loads neither matplotlib, scipy.stats nor
    datasketch (about 80 MB of memory in every worker and in the report process; issue 11 item 9)."""
    import subprocess
    import sys

    code = ("import sys, toolkit, toolkit.analyses, toolkit.match, toolkit.frequency, toolkit.keyness, "
            "toolkit.rates, toolkit.duplicates, toolkit.notebook_support; "
            "print(sorted(m for m in ('matplotlib', 'scipy.stats', 'datasketch') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=PACKAGE.parent)
    assert done.stdout.strip() == "[]"
    # and the public names still resolve, the plots on first use
    check = subprocess.run([sys.executable, "-c", "import toolkit, sys; toolkit.plot_keyness; "
                            "print('matplotlib' in sys.modules, all(hasattr(toolkit, n) for n in toolkit.__all__))"],
                           capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    assert check.stdout.split() == ["True", "True"]
