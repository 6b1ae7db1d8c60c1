"""benchmarks.bench_report: what names a slow cell in the benchmark's table."""

from benchmarks.bench_report import _first_statement


def test_a_cell_is_named_by_what_it_does_not_by_its_parameter_checks():
    cell = ('from toolkit import match_frames\n'
            'require_whole_number(kwic_window, parameter="kwic_window", maximum=200)\n'
            'hits = corpus.match_frames(frames, voice=voice)\n')
    assert _first_statement(cell) == "hits = corpus.match_frames(frames, voice=voice)"
    assert _first_statement("require_whole_number(top_n)\n") == "require_whole_number(top_n)"  # nothing else
    assert _first_statement("%matplotlib inline\nx = 1\n") == "%matplotlib inline"  # magics: the first line
