"""The public surface: everything in __all__ exists and is importable as users do."""

import toolkit


def test_every_public_name_exists():
    missing = [name for name in toolkit.__all__ if not hasattr(toolkit, name)]
    assert not missing


def test_public_functions_have_docstrings():
    undocumented = [
        name
        for name in toolkit.__all__
        if callable(getattr(toolkit, name)) and not (getattr(toolkit, name).__doc__ or "").strip()
    ]
    assert not undocumented
