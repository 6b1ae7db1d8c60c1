"""Every public function follows the conventions written in CONTRIBUTING.md (read from its tables)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pandas as pd
import pytest

import toolkit

CONTRIBUTING = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _table(heading: str) -> list[list[str]]:
    """Rows of the Markdown table under *heading*, cells split (header and rule dropped)."""
    section = CONTRIBUTING.split(heading, 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if not line.strip():
            if rows:
                break
            continue
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[2:]


def _names(cell: str) -> list[str]:
    return re.findall(r"`([a-z_0-9]+)`", cell)


VOCABULARY = {name: kind for name_cell, kind, _ in _table("### Names (one per concept)") for name in _names(name_cell)}
INPUTS = {name for name, kind in VOCABULARY.items() if "input" in kind}
BANNED = {_names(bad)[0]: _names(good) for bad, good in _table("### Names not to use")}
MEASURES = set(_names(next(m for n, _, m in _table("### Names (one per concept)") if "`measure`" in n)))

PUBLIC = {name: getattr(toolkit, name) for name in toolkit.__all__
          if inspect.isfunction(getattr(toolkit, name, None)) or name in ("run_reports", "notebook_parameters")}


def test_the_tables_were_read():
    assert {"articles", "frames", "n", "ngram_range", "engine", "batch_size"} <= set(VOCABULARY)
    assert BANNED["top_n"] == ["n"] and "g2" in MEASURES and "lr" in MEASURES
    assert len(PUBLIC) > 40


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_signature_follows_the_conventions(name):
    parameters = list(inspect.signature(PUBLIC[name]).parameters.values())
    names = [p.name for p in parameters]
    assert not set(names) & set(BANNED), f"{name}: use {[BANNED[n] for n in set(names) & set(BANNED)]}"
    unknown = [n for n in names if n not in VOCABULARY]
    assert not unknown, f"{name}: {unknown} are not in CONTRIBUTING.md's names; use a listed name or add it there"
    if "articles" in names:
        assert names[0] == "articles", f"{name}: articles must come first"
    for parameter in parameters:
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            assert parameter.name in INPUTS, f"{name}: option {parameter.name!r} must be keyword-only (after *)"
        if parameter.name == "measure" and isinstance(parameter.default, str):
            assert parameter.default in MEASURES, f"{name}: measure default {parameter.default!r}"


@pytest.mark.parametrize("name", ["keyness", "keyness_over_time"])
def test_quanteda_measure_names_are_accepted(name):
    articles = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "outlet": ["X", "X", "Y", "Y"],
                             "date": pd.to_datetime(["2022-01-03", "2022-01-04", "2022-01-11", "2022-01-12"]),
                             "text": ["external forces", "forces again", "calm week", "calm again"]})
    options = {"target": {"outlet": "X"}} if name == "keyness" else {}
    function = getattr(toolkit, name)
    pd.testing.assert_frame_equal(function(articles, measure="lr", **options), function(articles, measure="g2", **options))


def test_count_columns_start_with_n():
    articles = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["external forces, external forces", "calm"]})
    hits = toolkit.match_frames(articles, Path(__file__).resolve().parent.parent / "data" / "frames" / "kazakhstan-2022.yaml")
    tables = {
        "term_frequency": toolkit.term_frequency(articles),
        "count_frames long": toolkit.count_frames(articles, Path(__file__).resolve().parent.parent / "data" / "frames" / "kazakhstan-2022.yaml", long=True),
        "frame_rates": toolkit.frame_rates(articles, hits),
        "keyness": toolkit.keyness(articles, target={"outlet": "X"}),
    }
    not_counts = {"rank", "start", "end", "sentence_start"}
    for table_name, table in tables.items():
        integers = [c for c in table.columns if pd.api.types.is_integer_dtype(table[c]) and c not in not_counts]
        assert integers and all(c.startswith("n_") for c in integers), (table_name, integers)
