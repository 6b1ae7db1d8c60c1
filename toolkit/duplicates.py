"""Find reprinted wire copy: exact and near-duplicate articles.

State and wire stories reappear across outlets, lightly edited: a new
headline, a trimmed ending, paragraphs moved, a sentence reworded. Counted
once per outlet they inflate frame counts, so :func:`find_duplicates` groups
them into clusters and :func:`deduplicate` keeps one article per cluster.

How it works
------------
1. Each article's ``text`` (the headline is ignored, since reprints change it)
   is lower-cased and split into word tokens (``\\w+`` runs); each paragraph
   (line) gives its overlapping word *shingles* of ``shingle_size`` words.
   Shingles never cross a paragraph break, so reordered paragraphs leave the
   shingle set unchanged.
2. MinHash signatures and locality-sensitive hashing (Broder 1997, "On the
   resemblance and containment of documents"; Leskovec, Rajaraman and Ullman,
   *Mining of Massive Datasets*, ch. 3) propose candidate pairs in linear
   time (the ``datasketch`` package); no all-pairs loop.
3. Every candidate pair is verified exactly on the full shingle sets.
4. Clusters are *stars*: articles are visited from the earliest; an article
   not yet in a cluster becomes an origin and takes every later, unclustered
   candidate whose similarity to it reaches ``threshold``. Every member is
   therefore similar to its origin itself, not only through a chain of
   neighbours (chains would let a roundup that quotes two stories glue the
   two together).

Similarity
----------
``similarity`` is the *containment of the shorter text in the longer*
(Broder's containment of the smaller shingle set in the larger, also called
the overlap coefficient), ``|A ∩ B| / min(|A|, |B|)``: 1.0 for an exact copy,
and still 1.0 for a copy whose final paragraphs were cut, which Jaccard
similarity (``|A ∩ B| / |A ∪ B|``, reported as ``jaccard``) would punish in
proportion to the cut. Edits lower both. Distinct stories on the same event
share names and phrases but few five-word sequences, and stay far below 0.8
(0.03 and 0.27 in the tests). The price of containment: a longer article that
reprints a whole shorter one (a roundup of two wire stories) counts as a
copy of it; check ``jaccard`` when that matters.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, SchemaError, require_columns
from toolkit.parameters import require_whole_number
from toolkit.schema import DATE, DOC_ID, TEXT
from toolkit.tokens import word_count

#: Columns of the table returned by :func:`find_duplicates`.
DUPLICATE_COLUMNS: tuple[str, ...] = (
    DOC_ID,
    "cluster_id",
    "origin_doc_id",
    "is_origin",
    "similarity",
    "jaccard",
    "n_members",
)

_WORD = re.compile(r"\w+")
# A progress bar is noise below this many articles (when progress=None).
_PROGRESS_MIN_ARTICLES = 2000


def find_duplicates(
    articles: pd.DataFrame,
    *,
    threshold: float = 0.8,
    window_days: float | None = None,
    shingle_size: int = 5,
    num_perm: int = 128,
    min_words: int = 25,
    placeholders: bool = False,
    random_state: int = 0,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Cluster exact and near-duplicate articles (reprinted wire copy).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles with at least ``doc_id`` and ``text`` (``date`` is used when
        present: it decides the origin and the window).
    threshold : float, default 0.8
        Minimum similarity to the origin (see the module docstring: containment
        of the shorter shingle set in the longer), in (0, 1].
    window_days : float, optional
        Only join an article to an origin at most this many days away;
        articles without a date then join no cluster. ``None`` compares
        across the whole corpus.
    shingle_size : int, default 5
        Words per shingle. Smaller values match looser paraphrases and more
        unrelated text.
    num_perm : int, default 128
        MinHash permutations; more find candidates more reliably and cost more.
    min_words : int, default 25
        Articles with fewer words are only matched to exact copies of
        themselves: a few shared words say nothing about copying.
    placeholders : bool, default False
        Also cluster articles whose ``quality`` (see :mod:`toolkit.quality`)
        flags them ``placeholder`` or ``near_empty`` ("-1", "View Comments"):
        by default they join no cluster, since identical placeholders are not
        reprints.
    random_state : int, default 0
        Seed of the MinHash permutations; the same seed gives the same result.
    progress : bool, optional
        Show progress bars; by default only for 2,000 articles or more.

    Returns
    -------
    pandas.DataFrame
        One row per article in a cluster of two or more (articles without a
        duplicate are absent), sorted by ``cluster_id`` then origin first:

        - ``doc_id`` (str)
        - ``cluster_id`` (int64): 0, 1, ... in order of the origins' dates
        - ``origin_doc_id`` (str): the cluster's earliest article by ``date``
          (ties and unknown dates broken by ``doc_id``; undated articles come
          after dated ones), the likely original
        - ``is_origin`` (bool)
        - ``similarity`` (float64): containment of the shorter shingle set in
          the longer, between this article and the origin (1.0 for the origin)
        - ``jaccard`` (float64): Jaccard similarity of the same shingle sets
        - ``n_members`` (int64): size of the cluster

    Notes
    -----
    Candidates come from LSH tuned to catch pairs with a Jaccard similarity
    of half the ``threshold`` or more (with the defaults: 42 bands of 3 rows;
    a pair with Jaccard 0.4 is proposed with probability 0.94, 0.5 with
    0.996). A copy trimmed to less than about 40% of its origin has a lower
    Jaccard similarity and may be missed. Pairs reported are verified exactly.
    Text is split on ``\\w+``, so scripts written without spaces (Chinese,
    Japanese) are compared by whole runs of characters, which works for exact
    copies only.

    Examples
    --------
    >>> dups = find_duplicates(articles, window_days=7)          # doctest: +SKIP
    >>> dups.groupby("cluster_id").n_members.first().describe()  # doctest: +SKIP
    """
    _check_parameters(threshold, window_days, shingle_size, num_perm, min_words)
    if not isinstance(placeholders, bool):
        raise ParameterError(f"find_duplicates: placeholders must be True or False, got {placeholders!r}.")
    require_columns(articles, [DOC_ID, TEXT], where="find_duplicates")
    doc_ids = articles[DOC_ID].astype(str).to_numpy()
    if len(set(doc_ids)) != len(doc_ids):
        raise SchemaError("find_duplicates: doc_id values must be unique; drop or rename repeated ids.")
    dates = _dates(articles)
    keys = pd.DataFrame({"undated": dates.isna().to_numpy(), "date": dates.to_numpy(), "doc_id": doc_ids})
    order = keys.sort_values(["undated", "date", "doc_id"], kind="stable").index.to_numpy()
    show = len(articles) >= _PROGRESS_MIN_ARTICLES if progress is None else bool(progress)

    texts = articles[TEXT].fillna("").astype(str).to_numpy()
    shingles = [
        _shingles(texts[i], shingle_size)
        for i in tqdm(order, desc="Shingling articles", disable=not show)
    ]
    n_words = np.array([word_count(texts[i]) for i in order])
    usable = np.ones(len(order), dtype=bool) if placeholders else ~_placeholder_mask(articles)[order]
    neighbours = _candidates(shingles, usable & (n_words >= min_words), threshold, num_perm, random_state, show)
    for i, group in _exact_groups(shingles, usable & (n_words < min_words)).items():
        neighbours.setdefault(i, set()).update(group)

    sorted_dates = dates.to_numpy()[order]
    members = _star_clusters(shingles, neighbours, sorted_dates, threshold, window_days)
    return _cluster_table(members, shingles, doc_ids[order])


def deduplicate(
    articles: pd.DataFrame, duplicates: pd.DataFrame | None = None, **kwargs
) -> pd.DataFrame:
    """Keep one article per duplicate cluster (its origin) and every singleton.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles with at least ``doc_id`` and ``text``.
    duplicates : pandas.DataFrame, optional
        The result of :func:`find_duplicates` on these articles; computed with
        ``**kwargs`` when omitted.
    **kwargs
        Passed to :func:`find_duplicates` (``threshold``, ``window_days``...).

    Returns
    -------
    pandas.DataFrame
        A new articles DataFrame with the same columns and index labels,
        without the non-origin members of each cluster.
        ``attrs["deduplication"]`` records ``n_articles``, ``n_removed`` and
        ``n_clusters``.
    """
    if duplicates is None:
        duplicates = find_duplicates(articles, **kwargs)
    elif kwargs:
        raise ParameterError(
            f"deduplicate: pass either duplicates= or find_duplicates options, not both (got {sorted(kwargs)})."
        )
    missing = [c for c in (DOC_ID, "is_origin", "cluster_id") if c not in duplicates.columns]
    if missing:
        raise ParameterError(f"deduplicate: duplicates lacks column(s) {missing}; pass find_duplicates() output.")
    require_columns(articles, [DOC_ID], where="deduplicate")
    copies = set(duplicates.loc[~duplicates["is_origin"].astype(bool), DOC_ID].astype(str))
    kept = articles[~articles[DOC_ID].astype(str).isin(copies)].copy()
    kept.attrs["deduplication"] = {
        "n_articles": len(articles),
        "n_removed": len(articles) - len(kept),
        "n_clusters": int(duplicates["cluster_id"].nunique()),
    }
    return kept


def _placeholder_mask(articles: pd.DataFrame) -> np.ndarray:
    """True for articles whose ``quality`` flags them placeholder or near-empty."""
    if "quality" not in articles.columns:
        return np.zeros(len(articles), dtype=bool)
    flags = articles["quality"].fillna("").astype(str)
    return flags.str.contains(r"(?:^|;)(?:placeholder|near_empty)(?:;|$)").to_numpy()


def _check_parameters(threshold, window_days, shingle_size, num_perm, min_words) -> None:
    if not 0 < threshold <= 1:
        raise ParameterError(f"find_duplicates: threshold must be in (0, 1], got {threshold!r}.")
    if window_days is not None and not window_days >= 0:
        raise ParameterError(f"find_duplicates: window_days must be >= 0 or None, got {window_days!r}.")
    for name, value, low in (("shingle_size", shingle_size, 1), ("num_perm", num_perm, 16), ("min_words", min_words, 0)):
        require_whole_number(value, parameter=f"find_duplicates: {name}", minimum=low)


def _dates(articles: pd.DataFrame) -> pd.Series:
    """Dates as timezone-naive datetime64 (NaT where unknown or absent)."""
    if DATE not in articles.columns:
        return pd.Series(pd.NaT, index=articles.index, dtype="datetime64[ns]")
    dates = pd.to_datetime(articles[DATE], errors="coerce")
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        dates = dates.dt.tz_convert(None)
    return dates.astype("datetime64[ns]")


def _shingles(text: str, size: int) -> frozenset[int]:
    """CRC32 hashes of the word shingles of each paragraph (line) of *text*.

    A paragraph shorter than *size* words is one shingle. 32-bit hashes keep
    sets small; a collision between two shingles of one pair is negligible.
    """
    hashes = set()
    for line in text.lower().split("\n"):
        words = _WORD.findall(line)
        if not words:
            continue
        if len(words) <= size:
            hashes.add(zlib.crc32(" ".join(words).encode()))
            continue
        for i in range(len(words) - size + 1):
            hashes.add(zlib.crc32(" ".join(words[i : i + size]).encode()))
    return frozenset(hashes)


def _candidates(shingles, eligible, threshold, num_perm, random_state, show) -> dict[int, set[int]]:
    """Candidate neighbours (positions) of each eligible article, from MinHash LSH."""
    from datasketch import MinHash, MinHashLSH  # here: hashing exact copies on Dask workers never needs it (~45 MB)

    # A copy cut to half its origin has containment 1 but Jaccard 0.5: search
    # at half the threshold and weigh misses far above false candidates,
    # which the exact check removes cheaply.
    lsh = MinHashLSH(threshold=max(threshold / 2, 0.1), num_perm=num_perm, weights=(0.1, 0.9))
    template = MinHash(num_perm=num_perm, seed=random_state, hashfunc=int, scheme="affine32")
    signatures = {}
    positions = [i for i in range(len(shingles)) if eligible[i] and shingles[i]]
    with lsh.insertion_session() as session:
        for i in tqdm(positions, desc="Hashing articles", disable=not show):
            signature = MinHash(num_perm=num_perm, hashfunc=int, permutations=template.permutations, scheme="affine32")
            signature.update_batch(shingles[i])
            signatures[i] = signature
            session.insert(i, signature, check_duplication=False)
    return {i: set(lsh.query(signatures[i])) - {i} for i in positions}


def _exact_groups(shingles, eligible) -> dict[int, set[int]]:
    """Neighbours among short articles: those with identical shingle sets."""
    groups: dict[frozenset, list[int]] = {}
    for i in np.flatnonzero(eligible):
        if shingles[i]:
            groups.setdefault(shingles[i], []).append(int(i))
    return {i: set(group) - {i} for group in groups.values() if len(group) > 1 for i in group}


def _similarities(a: frozenset, b: frozenset) -> tuple[float, float]:
    """(containment of the shorter set in the longer, Jaccard) of two shingle sets."""
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared)


def _star_clusters(shingles, neighbours, dates, threshold, window_days) -> list[list[int]]:
    """Clusters of positions (sorted by date), origin first, size >= 2."""
    window = None if window_days is None else np.timedelta64(int(round(window_days * 86400)), "s")
    clustered = np.zeros(len(shingles), dtype=bool)
    clusters = []
    for origin in range(len(shingles)):
        if clustered[origin]:
            continue
        members = [origin]
        # Candidates earlier than the origin were origins themselves already
        # (the candidate relation is symmetric), so only later ones can join.
        for other in sorted(j for j in neighbours.get(origin, ()) if j > origin and not clustered[j]):
            if window is not None and not _within(dates[origin], dates[other], window):
                continue
            if _similarities(shingles[origin], shingles[other])[0] >= threshold:
                members.append(other)
        if len(members) > 1:
            clustered[members] = True
            clusters.append(members)
    return clusters


def _within(first, second, window) -> bool:
    if np.isnat(first) or np.isnat(second):
        return False
    return abs(second - first) <= window


def _cluster_table(clusters: Sequence[list[int]], shingles, doc_ids) -> pd.DataFrame:
    rows = []
    for cluster_id, members in enumerate(clusters):
        origin = members[0]
        for member in members:
            containment, jaccard = _similarities(shingles[origin], shingles[member])
            rows.append((doc_ids[member], cluster_id, doc_ids[origin], member == origin, containment, jaccard, len(members)))
    table = pd.DataFrame(rows, columns=list(DUPLICATE_COLUMNS))
    return table.astype(
        {DOC_ID: "str", "cluster_id": "int64", "origin_doc_id": "str", "is_origin": "bool",
         "similarity": "float64", "jaccard": "float64", "n_members": "int64"}
    )


# --------------------------------------------------------------------------- exact copies (any input kind)


def text_hashes(part: pd.DataFrame) -> pd.DataFrame:
    """``doc_id``, ``date`` and a 64-bit BLAKE2 hash of each article's text (one batch of
    :func:`toolkit.find_exact_duplicates`; the same hash in every process, unlike Python's ``hash``)."""
    import hashlib

    hashes = [int.from_bytes(hashlib.blake2b(str(text).encode("utf-8"), digest_size=8).digest(), "little")
              for text in part[TEXT].fillna("")]
    return pd.DataFrame({DOC_ID: part[DOC_ID].astype(str).to_numpy(), "date": _dates(part).to_numpy(),
                         "text_hash": np.asarray(hashes, dtype="uint64")})


def exact_duplicates_from_hashes(keys: pd.DataFrame) -> pd.DataFrame:
    """The table of :func:`find_duplicates` for articles with identical text, from :func:`text_hashes` rows.

    The origin of each cluster is the earliest article (undated ones last,
    ties by ``doc_id``), as in :func:`find_duplicates`; ``similarity`` and
    ``jaccard`` are 1.0.
    """
    keys = keys.assign(undated=keys["date"].isna().to_numpy())
    keys = keys[keys.duplicated("text_hash", keep=False)]
    keys = keys.sort_values(["undated", "date", DOC_ID], kind="stable")
    origins = keys.drop_duplicates("text_hash")
    cluster = pd.Series(range(len(origins)), index=origins["text_hash"].to_numpy())
    table = pd.DataFrame({
        DOC_ID: keys[DOC_ID].to_numpy(),
        "cluster_id": cluster.reindex(keys["text_hash"].to_numpy()).to_numpy(dtype="int64"),
        "origin_doc_id": origins.set_index("text_hash")[DOC_ID].reindex(keys["text_hash"].to_numpy()).to_numpy(),
    })
    table["is_origin"] = table[DOC_ID] == table["origin_doc_id"]
    table["similarity"] = table["jaccard"] = 1.0
    table["n_members"] = table.groupby("cluster_id")[DOC_ID].transform("size").astype("int64")
    table = table.sort_values(["cluster_id", "is_origin"], ascending=[True, False], kind="stable")
    return table[list(DUPLICATE_COLUMNS)].reset_index(drop=True)
