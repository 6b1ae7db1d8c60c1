"""Precision of the phrase expansion on the shipped dictionary (issue 12.3).

Every form that :func:`toolkit.frames.token_forms` generates for the words of
the English phrase patterns of ``data/frames/kazakhstan-2022.yaml`` (other
than the word as written) is listed with a hand judgment: is the phrase with
this form an English phrase a news text could use with the pattern's meaning
("colour revolution", "external force": yes; "external forcing",
"peacekeepered": no)? The judgments below were made by reading each form;
a form the expansion generates that has no judgment is reported as
"unjudged" (and fails the test in ``tests/test_frames.py``), so a change to
the expansion has to be judged again. Run::

    python -m benchmarks.eval_variants

Before this expansion (rules of thumb, toolkit 0.x up to issue 12) the same
dictionary gave 65 forms, 30 of them real (46%): "external forcing",
"three evil forced", "externals", "terrorisms", "riotered", "peacekeepered",
"colouring revolution", ...
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from toolkit.frames import _PHRASE_TOKEN, load_frames, token_forms

DICTIONARY = Path(__file__).resolve().parents[1] / "data" / "frames" / "kazakhstan-2022.yaml"

#: (pattern, generated form) -> real in that phrase? Hand-judged.
JUDGED = {
    ("color revolution", "colour"): True,
    ("color revolution", "revolutions"): True,
    **{(p, "force"): True for p in ("external forces", "foreign forces", "hostile forces", "outside forces",
                                     "three forces", "three evil forces")},
    ("external interference", "interferences"): True,  # rare, but a real plural
    ("foreign interference", "interferences"): True,
    ("internal affairs", "affair"): True,
    ("interfere", "interfering"): True,
    ("interfere", "interfered"): True,
    ("interfere", "interferes"): True,
    ("meddle", "meddling"): True,
    ("meddle", "meddled"): True,
    ("meddle", "meddles"): True,
    ("stability", "stabilities"): True,  # rare, but a real plural
    ("territorial integrity", "integrities"): True,  # rare, but a real plural
    ("constitutional order", "orders"): True,
    ("riot", "riots"): True,
    ("riot", "rioting"): True,
    ("riot", "rioted"): True,
    ("rioter", "rioters"): True,
    ("terrorist", "terrorists"): True,
    ("bandit", "bandits"): True,
    ("peacekeeper", "peacekeepers"): True,
}


def generated_forms(path=DICTIONARY) -> pd.DataFrame:
    """Every generated form: ``pattern, word, form, judged, real``."""
    rows = []
    for frame in load_frames(path).frames:
        for pattern in frame.patterns:
            if pattern.kind != "phrase" or pattern.language != "en" or not pattern.variants:
                continue
            tokens = [m.group() for m in _PHRASE_TOKEN.finditer(pattern.pattern)]
            for word, forms in zip(tokens, token_forms(tokens, language="en")):
                for form in forms:
                    if form != word:
                        key = (pattern.pattern, form)
                        rows.append({"pattern": pattern.pattern, "word": word, "form": form,
                                     "judged": key in JUDGED, "real": JUDGED.get(key)})
    return pd.DataFrame(rows, columns=["pattern", "word", "form", "judged", "real"])


def main() -> int:
    forms = generated_forms()
    with pd.option_context("display.max_rows", None, "display.width", 120):
        print(forms.to_string(index=False))
    judged = forms[forms["judged"]]
    real = int(judged["real"].sum())
    print(f"\n{len(forms)} generated forms, {len(judged)} judged, {real} real: precision {real / max(len(judged), 1):.0%}")
    unjudged = forms[~forms["judged"]]
    if len(unjudged):
        print(f"unjudged: {unjudged[['pattern', 'form']].values.tolist()}")
    return 0 if unjudged.empty else 1


if __name__ == "__main__":
    sys.exit(main())
