"""Keyness of the seed article against the Wikinews reference (G2, no stop-word removal).

The issue's check: "forces", "external" and "revolutions" rank among the top 20.

    python benchmarks/eval_seed_keyness.py

Reads the seed body from tests/data/vocab/seed_body.txt and the reference from
data/reference/*.csv, else /work/shared/corpora/wikinews/*.csv; exits cleanly
when no reference is found.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import keyness  # noqa: E402

WORDS = ("forces", "external", "revolutions")


def main() -> None:
    folder = next((f for f in (ROOT / "data" / "reference", Path("/work/shared/corpora/wikinews"))
                   if f.is_dir() and list(f.glob("*.csv"))), None)
    if folder is None:
        print("No Wikinews reference found; skipping.")
        return
    reference = pd.concat([pd.read_csv(f) for f in sorted(folder.glob("*.csv"))], ignore_index=True)
    seed = pd.DataFrame({"text": [(ROOT / "tests" / "data" / "vocab" / "seed_body.txt").read_text("utf-8")]})
    table = keyness(seed, reference=reference, measure="g2")
    # competition rank: tied scores share the best rank
    table["rank"] = table["score"].rank(method="min", ascending=False).astype(int)
    print(f"reference: {folder} ({len(reference)} articles)\n")
    print(table.head(20).to_string(index=False))
    for word in WORDS:
        row = table[table["term"] == word].iloc[0]
        print(f"{word}: rank {row['rank']} (G2 {row['score']:.2f})")
    missing = [w for w in WORDS if table.loc[table["term"] == w, "rank"].iloc[0] > 20]
    sys.exit(f"not in the top 20: {missing}" if missing else 0)


if __name__ == "__main__":
    main()
