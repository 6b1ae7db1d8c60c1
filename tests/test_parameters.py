"""toolkit.parameters: notebook parameters checked early, the message naming the parameter."""

import re

import numpy as np
import pandas as pd
import pytest

import toolkit

from toolkit.errors import ParameterError
from toolkit.parameters import events_path_for, parse_outlet_pair, require_whole_number


@pytest.mark.parametrize(("value", "parameter", "options", "message"), [
    (-3, "top_n", {}, "top_n: expected a whole number of at least 1, got -3"),
    (-1, "kwic_window", {"maximum": 200}, "kwic_window: expected a whole number from 1 to 200, got -1"),
    (1000000, "ngram_max", {"minimum": 2, "maximum": 6}, "ngram_max: expected a whole number from 2 to 6, got 1000000"),
    (0, "lines_per_stratum", {}, "lines_per_stratum: expected a whole number of at least 1, got 0"),
    (2.5, "top_n", {}, "top_n: expected a whole number, got 2.5"),
    (True, "top_n", {}, "top_n: expected a whole number, got True"),
])
def test_bad_counts_are_refused_naming_the_notebook_parameter(value, parameter, options, message):
    with pytest.raises(ParameterError) as error:
        require_whole_number(value, parameter=parameter, **options)
    assert str(error.value) == message


def test_good_counts_pass():
    assert require_whole_number(0, parameter="random_state", minimum=0) == 0
    value = require_whole_number(np.int64(12), parameter="n")  # a count taken from a pandas table
    assert value == 12 and type(value) is int


@pytest.mark.parametrize(("call", "message"), [
    # the modules that had their own copy of this check now call it, so they agree on
    # what a whole number is: True and 2.0 were taken as counts by some of them
    (lambda a: toolkit.collocations(a, frames="riots", window=True), "window: expected a whole number, got True"),
    (lambda a: toolkit.multiword_collocations(a, min_count=True), "min_count: expected a whole number, got True"),
    (lambda a: toolkit.keyness_by_group(a, by="outlet", n=True), "n: expected a whole number, got True"),
    (lambda a: toolkit.tfidf(a, n=2.0), "n: expected a whole number, got 2.0"),
    (lambda a: toolkit.find_duplicates(a, shingle_size=0), "find_duplicates: shingle_size: expected a whole number of at least 1"),
    (lambda a: toolkit.explore(a, hits=pd.DataFrame(), page_size=0), "page_size: expected a whole number of at least 1"),
])
def test_every_module_checks_counts_with_the_one_check(call, message):
    articles = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["RT", "TASS"], "date": pd.to_datetime(["2017-01-02"] * 2),
                             "text": ["Riots broke out in the capital on Tuesday.", "Police said the riots had ended."]})
    with pytest.raises(ParameterError, match=re.escape(message)):
        call(articles)


@pytest.mark.parametrize("value", ["TASS", "TASS,BBC,CNN", "TASS,tass", ",BBC"])
def test_outlet_pair_needs_two_different_outlets(value):
    with pytest.raises(ParameterError, match="compare_outlets: expected two different outlets"):
        parse_outlet_pair(value)


def test_outlet_pair():
    assert parse_outlet_pair(" TASS , BBC ") == ("TASS", "BBC") and parse_outlet_pair("") is None


def test_events_are_drawn_only_when_given_or_named_by_the_dictionary(tmp_path):
    events = tmp_path / "events" / "story.csv"
    events.parent.mkdir()
    events.write_text("date,event,source\n2022-01-05,Something,here\n", encoding="utf-8")
    named = tmp_path / "named.yaml"
    named.write_text("name: a\nversion: '1'\nevents: events/story.csv\nframes: {x: {patterns: [x]}}\n", encoding="utf-8")
    silent = tmp_path / "silent.yaml"
    silent.write_text("name: b\nversion: '1'\nframes: {x: {patterns: [x]}}\n", encoding="utf-8")
    assert events_path_for("", named) == events.resolve()
    assert events_path_for("", silent) is None  # no other dictionary's events by default
    assert events_path_for("none", named) is None
    assert events_path_for(str(events), silent) == events.resolve()
    assert events_path_for("", None) is None


def test_a_dictionary_naming_a_missing_events_file_is_an_error(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: b\nversion: '1'\nevents: nowhere.csv\nframes: {x: {patterns: [x]}}\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="frames_path: the dictionary broken.yaml names the events file"):
        events_path_for("", broken)


def test_the_kazakhstan_dictionary_names_its_events():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    assert events_path_for("", root / "data" / "frames" / "kazakhstan-2022.yaml").name == "kazakhstan-2022.csv"
