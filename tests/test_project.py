"""The project's own contracts: README commands, CI script, conda environment."""

import re
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]


def _requirement_name(spec: str) -> str:
    name = re.split(r"[<>=!;\[ ]", spec.strip(), maxsplit=1)[0]
    return name.lower().replace("_", "-")


def _pyproject_dependencies() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {_requirement_name(d): d for d in project["dependencies"]}


def _conda_dependencies() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    names = {}
    for item in env["dependencies"]:
        for spec in item["pip"] if isinstance(item, dict) else [item]:
            if not spec.startswith("-"):
                names[_requirement_name(spec)] = spec
    return names


def test_environment_yml_lists_every_pyproject_dependency():
    conda = _conda_dependencies()
    missing = sorted(set(_pyproject_dependencies()) - set(conda))
    assert not missing, f"environment.yml lacks {missing}"


def test_environment_yml_lower_bounds_agree_with_pyproject():
    conda = _conda_dependencies()
    for name, spec in _pyproject_dependencies().items():
        bound = re.search(r">=([\w.]+)", spec)
        if bound:
            assert f">={bound.group(1)}" in conda[name], (name, spec, conda[name])


def _readme_command(label: str) -> str:
    readme = (ROOT / "README.md").read_text()
    match = re.search(rf"<!-- {label} -->\s*```(?:bash|sh)?\n(.+?)\n```", readme, re.S)
    assert match, f"README has no {label} block"
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command():
    command = _readme_command("test-command")
    ci = (ROOT / ".ci" / "run").read_text()
    assert command.replace(" -q ", " ") in ci.replace(" -q ", " ")


def test_readme_main_command_runs_the_report():
    assert "framing report" in _readme_command("main-command")


def test_makefile_help_documents_every_target():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.+)$", makefile, re.M).group(1).split()
    for target in phony:
        assert re.search(rf"^{target}:.*## \S", makefile, re.M), target


def test_readme_quick_start_runs(monkeypatch):
    readme = (ROOT / "README.md").read_text()
    code = re.search(r"## Quick start in Python\n\n```python\n(.+?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README quick start", "exec"), {})  # warning-free: pytest turns warnings into errors
