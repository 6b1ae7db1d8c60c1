"""Check that real corpora load cleanly: encodings, punctuation, dates.

Loads ``../shared/corpora/inaugural`` and ``../shared/corpora/state_union``
(every ``.txt``; found next to the repository or a parent folder, or given with
``--corpora PATH`` / ``SHARED_CORPORA``) and the two Wikinews CSVs, and checks:

* every file becomes one article, none with U+FFFD or C1 control characters;
* every non-ASCII character is a letter, a punctuation mark, a currency or
  number sign, or a space (no mojibake such as "â€™" or box drawing);
* the files known to be Big5 or cp1252 come out with their dashes, quotes and
  "½¢" right;
* every Wikinews article has a parsed date and no leading date line.

Prints one line per check and exits 1 if any fails; exits 0 with a message
when the corpora are absent (a user's clone has no ``../shared``).
Usage: ``python benchmarks/eval_corpora.py [--corpora PATH]``
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import LoadWarning  # noqa: E402
from toolkit import load_articles, load_report  # noqa: E402

EXPECTED_SNIPPETS = {
    "inaugural/2005-Bush.txt": ["years of sabbatical—and then there came", "America’s", "“"],
    "state_union/1954-Eisenhower.txt": ["cancellation of the ½¢ decrease"],
    "state_union/1970-Nixon.txt": ["—", "’"],
    "state_union/1974-Nixon.txt": ["—", "’"],
}
MOJIBAKE = ("â€", "Ã©", "Ã¨", "Â ", "ï»¿")


def default_corpora() -> Path:
    for folder in ROOT.parents:
        if (folder / "shared" / "corpora").is_dir():
            return folder / "shared" / "corpora"
    return ROOT.parent / "shared" / "corpora"


def odd_characters(text: str) -> set[str]:
    """Non-ASCII characters that are not letters, marks, punctuation, symbols of money/number, or spaces."""
    allowed = ("L", "M", "P", "Zs", "Sc", "N")
    return {c for c in text if ord(c) > 127 and not unicodedata.category(c).startswith(allowed)}


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"ok   {name}" if ok else f"FAIL {name}: {detail}")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=Path(os.environ.get("SHARED_CORPORA") or default_corpora()))
    corpora = parser.parse_args(argv).corpora
    if not (corpora / "inaugural").is_dir():
        print(f"skipped: no corpora at {corpora} (set SHARED_CORPORA or --corpora)")
        return 0
    results = []
    for name in ("inaugural", "state_union"):
        files = sorted((corpora / name).glob("*.txt"))
        articles = load_articles(files, progress=False)
        texts = dict(zip((f"{name}/{Path(p).name}" for p in articles["source_path"]), articles["text"]))
        results.append(check(f"{name}: {len(files)} files -> {len(articles)} articles", len(articles) == len(files)))
        bad = [p for p, t in texts.items() if "\ufffd" in t or any("\x80" <= c <= "\x9f" for c in t)]
        results.append(check(f"{name}: no U+FFFD or C1 controls", not bad, ", ".join(bad)))
        odd = {p: sorted(odd_characters(t)) for p, t in texts.items() if odd_characters(t)}
        results.append(check(f"{name}: only letters, punctuation and signs beyond ASCII", not odd, str(odd)))
        garbled = [p for p, t in texts.items() if any(m in t for m in MOJIBAKE)]
        results.append(check(f"{name}: no mojibake sequences", not garbled, ", ".join(garbled)))
        for path, snippets in EXPECTED_SNIPPETS.items():
            if path.startswith(name + "/"):
                missing = [s for s in snippets if s not in texts.get(path, "")]
                results.append(check(f"{path}: punctuation restored", not missing, str(missing)))
    csvs = sorted((corpora / "wikinews").glob("wikinews_*.csv"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LoadWarning)
        wikinews = load_articles(csvs, progress=False)
    report = load_report(wikinews)
    results.append(check(f"wikinews: {len(wikinews)} articles, {len(report)} report row(s)", len(caught) <= 1,
                         "; ".join(report["reason"].unique())))
    results.append(check("wikinews: every date parsed", wikinews["date"].notna().all()))
    leading = wikinews["text"].str.match(r"\w+day, \w+ \d{1,2}, \d{4}")
    results.append(check("wikinews: no leading date line in the text", not leading.any()))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
