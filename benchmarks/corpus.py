"""A reproducible generator of news-like corpora with framing phrases planted at known counts.

Articles are built from real sentences (State of the Union addresses and
inaugural addresses, public domain, in ``benchmarks/data/sentences.txt.gz``).
Every sentence that could hold a match of a benchmark phrase is removed from
the pool first (a deliberately coarse test: it holds the first four letters
of every word of the phrase, anywhere, ignoring case), so the only hits are
the planted ones. Each planted phrase stands in its own short sentence, in one
of its surface variants (case, US/UK spelling, plural and inflection, hyphen,
space, line break or nothing between words), sometimes in curly quotes. Near
misses that must not count ("external workforces", "instability",
"anti-Chinese", "colorful revolutionary") are planted too.

Usage::

    from benchmarks.corpus import generate_corpus, phrase_dictionary
    articles, planted = generate_corpus(20, seed=0)   # about 20 MB of text
    expected = planted_counts(articles, planted)       # articles x frames, ints

The 32 phrases are :data:`PHRASES`; none contains another, so per-phrase
counting methods (pandas ``str.count``) can be exact too.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit import Frame, FrameDictionary, Pattern

DATA = Path(__file__).resolve().parent / "data" / "sentences.txt.gz"

#: Benchmark phrases (the frame dictionary: one frame per phrase).
PHRASES: tuple[str, ...] = (
    "color revolution", "external forces", "foreign forces", "hostile forces",
    "three forces", "internal affairs", "territorial integrity", "terrorist attack",
    "separatism", "extremism", "sovereignty", "stability",
    "interfere", "peacekeeping troops", "anti-China", "regime change",
    "western media", "cold war mentality", "double standards", "zero-sum game",
    "hegemony", "bloc confrontation", "national security", "soft power",
    "rule of law", "human rights", "democracy promotion", "economic sanctions",
    "information war", "fake news", "law enforcement", "mass riots",
)  # fmt: skip

#: Inflected and spelling variants written by hand (case and separators are varied for all).
EXTRA_FORMS: dict[str, tuple[str, ...]] = {
    "color revolution": ("colour revolution", "color revolutions", "colour revolutions"),
    "external forces": ("external force",),
    "three forces": ("three force",),
    "terrorist attack": ("terrorist attacks",),
    "interfere": ("interferes", "interfering", "interfered"),
    "anti-China": ("anti China", "antiChina"),
    "regime change": ("regime changes",),
    "double standards": ("double standard",),
    "zero-sum game": ("zero sum game", "zero-sum games"),
    "economic sanctions": ("economic sanction",),
    "information war": ("information wars",),
    "mass riots": ("mass riot",),
    "human rights": ("human right",),
}

#: Strings that contain a phrase's letters but must not be counted.
NEAR_MISSES: tuple[str, ...] = (
    "external workforces", "instability", "anti-Chinese", "colorful revolutionary",
    "hegemonyless", "sovereigntyism", "nonseparatism",
)  # fmt: skip

TEMPLATES: tuple[str, ...] = (
    "Officials cited {} again.",
    "Critics spoke of \u201c{}\u201d on Tuesday.",
    "The report mentioned {} twice.",
    'Analysts called it "{}" in private.',
    "Some readers recalled {} later.",
)
OUTLETS = ("Xinhua", "TASS", "Reuters", "AP", "BBC", "China Daily", "RT", "Kazinform")


def frame_id(phrase: str) -> str:
    """The frame id of a phrase: lower case, words joined by "_"."""
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")


def phrase_dictionary(phrases=PHRASES) -> FrameDictionary:
    """A dictionary with one frame per phrase (variants on)."""
    frames = tuple(Frame(id=frame_id(p), label=p, patterns=(Pattern(p),)) for p in phrases)
    return FrameDictionary(name="benchmark", version="1", frames=frames)


def surface_forms(phrase: str) -> list[str]:
    """Every planted form of *phrase*: hand-written variants x case x separator."""
    forms = []
    for base in (phrase, *EXTRA_FORMS.get(phrase, ())):
        for cased in (base, base.upper(), base.title(), base[:1].upper() + base[1:]):
            words = re.split(r"[ -]", cased)
            separators = (" ", "-", "\n", "  ") if len(words) > 1 else (" ",)
            forms += [sep.join(words) for sep in separators]
            forms.append(cased)
    return sorted(set(forms))


def _stems(phrase: str) -> list[str]:
    return [w[:4] for w in re.findall(r"[a-z]+", phrase.lower())]


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """Real sentences holding no possible match of any phrase."""
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        sentences = handle.read().splitlines()
    stems = [_stems(p) for p in PHRASES]
    keep = []
    for sentence in sentences:
        lower = sentence.lower()
        if not any(all(s in lower for s in group) for group in stems):
            keep.append(sentence)
    return tuple(keep)


def generate_corpus(size_mb: float = 10, *, seed: int = 0, mean_hits: float = 0.6, mean_near_misses: float = 0.3, curly_share: float = 0.2):
    """Generate about *size_mb* MB of articles with planted phrases.

    Parameters
    ----------
    size_mb : float
        Approximate size of the text column in MB (10**6 bytes of UTF-8).
    seed : int
        Seed of the random generator: the same seed gives the same corpus.
    mean_hits, mean_near_misses : float
        Poisson means of planted phrases and near misses per article.
    curly_share : float
        Share of articles whose apostrophes are curly (non-ASCII text).

    Returns
    -------
    articles : pandas.DataFrame
        doc_id, title, text, outlet, date.
    planted : pandas.DataFrame
        One row per planted phrase: doc_id, frame, phrase, form.
    """
    rng = np.random.default_rng(seed)
    pool = sentence_pool()
    forms = {p: surface_forms(p) for p in PHRASES}
    target, total, rows, planted = size_mb * 1e6, 0, [], []
    dates = pd.date_range("2022-01-01", "2022-01-31", freq="D")
    while total < target:
        doc_id = f"bench-{len(rows):07d}"
        sentences = [pool[i] for i in rng.integers(0, len(pool), int(rng.integers(8, 50)))]
        for _ in range(rng.poisson(mean_hits)):
            phrase = PHRASES[rng.integers(len(PHRASES))]
            form = forms[phrase][rng.integers(len(forms[phrase]))]
            template = TEMPLATES[rng.integers(len(TEMPLATES))]
            sentences.insert(int(rng.integers(len(sentences) + 1)), template.format(form))
            planted.append((doc_id, frame_id(phrase), phrase, form))
        for _ in range(rng.poisson(mean_near_misses)):
            miss = NEAR_MISSES[rng.integers(len(NEAR_MISSES))]
            sentences.insert(int(rng.integers(len(sentences) + 1)), TEMPLATES[0].format(miss))
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        text = "\n".join(paragraphs)
        if rng.random() < curly_share:
            text = text.replace("'", "\u2019")
        title = " ".join(pool[rng.integers(len(pool))].split()[:8])
        rows.append((doc_id, title, text, OUTLETS[rng.integers(len(OUTLETS))], dates[rng.integers(len(dates))]))
        total += len(text.encode("utf-8"))
    articles = pd.DataFrame(rows, columns=["doc_id", "title", "text", "outlet", "date"])
    planted = pd.DataFrame(planted, columns=["doc_id", "frame", "phrase", "form"])
    return articles, planted


def planted_counts(articles: pd.DataFrame, planted: pd.DataFrame, phrases=PHRASES) -> pd.DataFrame:
    """Expected counts: articles x frames (index doc_id, every article, int64)."""
    counts = pd.crosstab(planted["doc_id"], planted["frame"]) if len(planted) else pd.DataFrame()
    columns = [frame_id(p) for p in phrases]
    counts = counts.reindex(index=articles["doc_id"], columns=columns, fill_value=0).astype("int64")
    counts.index.name, counts.columns.name = "doc_id", None
    return counts


def grep_forms(phrases=PHRASES) -> list[str]:
    """Fixed strings for ``grep -F -i``: every planted form, line breaks as spaces."""
    return sorted({f.replace("\n", " ").lower() for p in phrases for f in surface_forms(p)})


def write_corpus(articles: pd.DataFrame, planted: pd.DataFrame, directory, *, formats=("parquet", "txt")) -> dict:
    """Write the corpus (Parquet and/or CSV), the planted table, and a text file
    with one article per line (line breaks as spaces) for grep. Returns the paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    if "parquet" in formats:
        paths["parquet"] = directory / "articles.parquet"
        articles.to_parquet(paths["parquet"], index=False)
    if "csv" in formats:
        paths["csv"] = directory / "articles.csv"
        articles.to_csv(paths["csv"], index=False)
    if "txt" in formats:
        paths["txt"] = directory / "articles.txt"
        with open(paths["txt"], "w", encoding="utf-8") as handle:
            for text in articles["text"]:
                handle.write(text.replace("\n", " ") + "\n")
    paths["planted"] = directory / "planted.csv"
    planted.to_csv(paths["planted"], index=False)
    return paths
