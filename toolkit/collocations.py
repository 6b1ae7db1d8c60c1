"""Collocations: words that travel with a node word or phrase, and frequent multi-word units.

Association measures follow the contingency-table formulation of Evert (2005,
2008). For a collocate (or bigram) with observed co-occurrence count ``O``,
row total ``R`` (tokens in the node's windows, or the first word's
frequency), column total ``C`` (the collocate's frequency, or the second
word's) and sample size ``N`` (tokens in the corpus), the expected count is
``E = R C / N`` and

* ``pmi`` = log2(O / E), pointwise mutual information (Church and Hanks 1990);
* ``g2`` = 2 sum O_ij ln(O_ij / E_ij) over the four cells of the 2 x 2 table,
  the log-likelihood ratio (Dunning 1993);
* ``t_score`` = (O - E) / sqrt(O) (Church et al. 1991; Evert 2005);
* ``chi2`` = Pearson's chi-squared of the 2 x 2 table.

These equal NLTK's ``BigramAssocMeasures`` ``pmi``, ``likelihood_ratio``,
``student_t`` and ``chi_sq`` given ``(O, (R, C), N)`` (tests check it).

References: Church, K. W. and Hanks, P. (1990) Word association norms, mutual
information, and lexicography. *Computational Linguistics* 16(1). Church, K.,
Gale, W., Hanks, P. and Hindle, D. (1991) Using statistics in lexical
analysis. In *Lexical Acquisition*. Dunning, T. (1993) Accurate methods for the
statistics of surprise and coincidence. *Computational Linguistics* 19(1).
Evert, S. (2005) *The Statistics of Word Cooccurrences*. PhD thesis,
University of Stuttgart. Evert, S. (2008) Corpora and collocations. In
*Corpus Linguistics: An International Handbook*, article 58.
"""

from __future__ import annotations


import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from toolkit.errors import ParameterError, require_columns
from toolkit.frames import FrameDictionary, is_dictionary_path, load_frames
from toolkit.frequency import count_ngrams, token_settings
from toolkit.keyness import measure_name
from toolkit.match import match_frames
from toolkit.parameters import require_whole_number
from toolkit.schema import DOC_ID, TEXT
from toolkit.tokens import TokenChunk, Vocabulary, encode_texts

#: Measures a collocation table can be sorted by (each is a column); quanteda's "lr" is accepted for "g2".
COLLOCATION_MEASURES = ("g2", "pmi", "t_score", "chi2", "observed")


def association_scores(observed, row_total, column_total, n) -> pd.DataFrame:
    """Expected count, PMI, G2, t-score and chi-squared of 2 x 2 co-occurrence tables.

    Parameters
    ----------
    observed, row_total, column_total : array of number
        O, R and C as in the module docstring.
    n : number or array
        Sample size N.

    Returns
    -------
    pandas.DataFrame
        Columns ``expected, pmi, g2, t_score, chi2``.
    """
    o, r, c, n = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (observed, row_total, column_total, n)))
    cells = np.stack([o, r - o, c - o, n - r - c + o])
    rows = np.stack([r, r, n - r, n - r])
    columns = np.stack([c, n - c, c, n - c])
    expected = rows * columns / n
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * np.where(cells > 0, cells * np.log(cells / expected), 0.0).sum(axis=0)
        chi2 = n * (cells[0] * cells[3] - cells[1] * cells[2]) ** 2 / (r * c * (n - r) * (n - c))
        return pd.DataFrame({
            "expected": expected[0],
            "pmi": np.log2(o / expected[0]),
            "g2": g2,
            "t_score": (o - expected[0]) / np.sqrt(o),
            "chi2": chi2,
        })


def _frame_hits(articles: pd.DataFrame, frames, frame: str | None) -> dict | None:
    """The hits of a frame dictionary as node spans, ``{row: [(start, end), ...]}``,
    or None when *frames* is not a dictionary (but phrases).

    The nodes are exactly the frame's hits after exclusions (issue 12.7):
    never found again by surface form. Without *frame*, hits of all frames
    count, one per span of text (``overlap="exclusive"``), so nodes never overlap.
    """
    if not (isinstance(frames, FrameDictionary) or is_dictionary_path(frames)):
        if frame is not None:
            raise ParameterError("frame= needs frames= to be a frame dictionary or its path.")
        return None
    dictionary = load_frames(frames)
    if frame is not None and frame not in set(dictionary.frame_ids):
        raise ParameterError(f"frame={frame!r} is not a frame of the dictionary {frames}.")
    rows = pd.DataFrame({DOC_ID: np.arange(len(articles)), TEXT: articles[TEXT]})  # row positions as ids
    hits = match_frames(rows, dictionary, voice=False, overlap="frame" if frame is not None else "exclusive")
    if frame is not None:
        hits = hits[hits["frame"] == frame]
    if hits.empty:
        raise ParameterError(f"frames={frames}: no hits of {frame or 'any frame'} in these articles.")
    spans: dict = {}
    for row, start, end in zip(hits[DOC_ID].tolist(), hits["start"].tolist(), hits["end"].tolist()):
        spans.setdefault(int(row), []).append((int(start), int(end)))
    return spans


def _segments(texts, spans: dict, first: int):
    """Texts cut at hit edges: (segments, article of each, node number of each or -1)."""
    segments, article, node = [], [], []
    for d, text in enumerate(texts, start=first):
        text = text if isinstance(text, str) else ""
        at = 0
        for start, end in sorted(spans.get(d, ())):
            segments += [text[at:start], text[start:end]]
            article += [d, d]
            node += [-1, len(node) + 1]
            at = end
        segments.append(text[at:])
        article.append(d)
        node.append(-1)
    return segments, np.asarray(article, dtype=np.int64), np.asarray(node, dtype=np.int64)


def _hit_chunks(texts, spans: dict, settings, vocabulary, chunk_chars: int = 8_000_000):
    """Token chunks of whole articles with the node occurrences of the hits:
    ``(chunk, [(starts, length), ...])``. Articles are cut at hit edges (which
    lie at word edges, so the tokens are those of the whole text) and the
    tokens of each hit are one node occurrence."""
    batch, first, size = [], 0, 0
    for index, text in enumerate(list(texts) + [None]):
        if text is not None:
            batch.append(text)
            size += len(text) if isinstance(text, str) else 0
        if batch and (size >= chunk_chars or text is None):
            segments, article, node = _segments(batch, spans, first)
            for chunk in encode_texts(segments, settings, vocabulary, chunk_chars=max(sum(map(len, segments)), 1) + 1):
                which = node[chunk.doc]
                chunk = TokenChunk(article[chunk.doc], chunk.code)
                positions = np.flatnonzero(which >= 0)
                _, starts, lengths = np.unique(which[positions], return_index=True, return_counts=True)
                starts = positions[starts]
                yield chunk, [(starts[lengths == n], int(n)) for n in np.unique(lengths)]
            batch, first, size = [], index + 1, 0


def _phrases(frames) -> list[str]:
    """The node phrases: a str, a list of str, or an object with ``phrases``."""
    if hasattr(frames, "phrases"):
        frames = frames.phrases() if callable(frames.phrases) else frames.phrases
    if isinstance(frames, str):
        frames = [frames]
    phrases = [p for p in frames if isinstance(p, str) and p.strip()] if frames is not None else []
    if not phrases or len(phrases) != len(list(frames)):
        raise ParameterError(f"frames={frames!r}: give a word or phrase, or a list of them.")
    return phrases


def collocations(
    articles: pd.DataFrame,
    *,
    frames,
    frame: str | None = None,
    window: int = 5,
    min_count: int | None = None,
    measure: str = "g2",
    settings=None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """Collocates of a word or phrase within ``window`` tokens on either side.

    Each occurrence of a node phrase opens a window of ``window`` token
    positions to its left and to its right (within its article); every kept
    token there, except tokens of node occurrences, is one co-occurrence with
    the node (a token in two overlapping windows counts twice, once per node
    occurrence). Then, after Evert (2008):
    O = co-occurrences with the collocate, R = kept tokens in all windows,
    C = the collocate's frequency in the corpus, N = kept tokens in the corpus.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs a ``text`` column.
    frames : str, list of str, FrameDictionary or path of one
        Node word(s) or phrase(s), tokenised with the same settings as the
        texts (so with ``stem=True``, "revolutions" also finds "revolution").
        For a frame dictionary the nodes are exactly its hits
        (:func:`toolkit.match.match_frames`, after exclusions): each hit's
        tokens are one node occurrence, so ``attrs["n_node"]`` equals the
        number of hits (hits that tokenise to nothing aside).
    frame : str, optional
        With a frame dictionary: only this frame's hits are nodes (else the
        hits of all frames, one per span: ``overlap="exclusive"``).
    window : int
        Token positions on each side (removed stop words still take a position).
    min_count : int, optional
        Keep collocates with observed >= min_count (default settings.min_count).
    measure : {"g2", "pmi", "t_score", "observed"}
        The column the table is sorted by (quanteda's ``"lr"`` means ``"g2"``).
    settings, progress, **token_options
        Tokenisation, as in :func:`toolkit.frequency.term_frequency`.

    Returns
    -------
    pandas.DataFrame
        ``collocate, observed, expected, pmi, g2, t_score``, sorted by
        ``measure`` (highest first, ties by collocate). ``attrs`` hold the
        number of node occurrences (``n_node``) and the settings.
    """
    require_columns(articles, [TEXT], where="collocations")
    require_whole_number(window, parameter="window")
    measure = measure_name(measure, ("g2", "pmi", "t_score", "observed"))
    settings = token_settings(settings, ngram_range=(1, 1), min_count=min_count, **token_options)
    vocabulary = Vocabulary(settings)
    texts = articles[TEXT].tolist()
    spans = _frame_hits(articles, frames, frame)
    if spans is None:
        nodes = []
        for phrase in _phrases(frames):
            codes = vocabulary.encode_text(phrase)
            if codes and max(codes) >= 0:
                nodes.append(np.asarray(codes))
        chunks = ((chunk, [(_matches(chunk, node), len(node)) for node in nodes])
                  for chunk in encode_texts(texts, settings, vocabulary))
    else:
        chunks = _hit_chunks(texts, spans, settings, vocabulary)
    together = np.zeros(0, dtype=np.int64)
    frequency = np.zeros(0, dtype=np.int64)
    window_tokens = n_node = 0
    chunks = tqdm(chunks, desc="collocations", unit="chunk", disable=(len(texts) < 5000) if progress is None else not progress)
    for chunk, matches in chunks:
        size = len(vocabulary)
        frequency = _grow(frequency, size) + np.bincount(chunk.code[chunk.code >= 0], minlength=size)
        together = _grow(together, size)
        in_node = np.zeros(len(chunk.code), dtype=bool)  # a node is not its own collocate
        for starts, length in matches:
            for k in range(length):
                in_node[starts + k] = True
        for starts, length in matches:
            n_node += len(starts)
            found = _window_codes(chunk, starts, length, window, in_node)
            window_tokens += len(found)
            together += np.bincount(found, minlength=size)
    present = np.flatnonzero(together >= max(settings.min_count, 1))
    scores = association_scores(together[present], window_tokens, frequency[present], frequency.sum())
    table = pd.concat([
        pd.DataFrame({"collocate": np.asarray(vocabulary.terms, dtype=object)[present],
                      "observed": together[present]}),
        scores.drop(columns="chi2"),
    ], axis=1)
    table = table.sort_values([measure, "collocate"], ascending=[False, True], kind="stable").reset_index(drop=True)
    table["collocate"] = table["collocate"].astype("str")
    table.attrs.update(n_node=int(n_node), window=int(window), token_settings=settings.describe())
    return table


def _grow(array, size):
    return np.concatenate([array, np.zeros(size - len(array), dtype=array.dtype)])


def _matches(chunk, node):
    """Start positions of the node phrase (its removed words match any removed token)."""
    code, doc = chunk.code, chunk.doc
    m = len(code) - len(node) + 1
    if m <= 0:
        return np.empty(0, dtype=np.int64)
    hit = doc[:m] == doc[len(node) - 1 :]
    for k, term in enumerate(node):
        hit &= code[k : k + m] == term
    return np.flatnonzero(hit)


def _window_codes(chunk, starts, length, window, in_node):
    """Codes of the kept tokens within ``window`` positions of each node occurrence,
    other than tokens of node occurrences."""
    offsets = np.concatenate([np.arange(-window, 0), np.arange(length, length + window)])
    positions = starts[:, None] + offsets[None, :]
    inside = (positions >= 0) & (positions < len(chunk.code))
    positions = np.where(inside, positions, 0)
    keep = inside & (chunk.doc[positions] == chunk.doc[starts][:, None]) & (chunk.code[positions] >= 0)
    keep &= ~in_node[positions]
    return chunk.code[positions[keep]]


def multiword_collocations(
    articles: pd.DataFrame,
    *,
    ngram_range=(2, 2),
    measure: str = "g2",
    min_count: int = 3,
    n: int | None = None,
    settings=None,
    progress=None,
    **token_options,
) -> pd.DataFrame:
    """Corpus-wide multi-word collocations (bigrams or trigrams), as NLTK's collocation finders.

    Bigrams: O = the bigram's count, R and C the frequencies of its first and
    second word, N the number of kept tokens, exactly the marginals of NLTK's
    ``BigramCollocationFinder``; counted with the toolkit's fast counter
    (bigrams never span articles or removed stop words). Trigrams: NLTK's
    ``TrigramCollocationFinder`` and ``TrigramAssocMeasures`` run on the
    toolkit's tokens (each stretch between removed tokens is one document).

    Parameters
    ----------
    articles : pandas.DataFrame
    ngram_range : (2, 2) or (3, 3)
        Bigrams or trigrams.
    measure : {"g2", "pmi", "t_score", "chi2", "observed"}
        The column the table is sorted by (NLTK's ``likelihood_ratio``,
        ``pmi``, ``student_t``, ``chi_sq`` and raw frequency; quanteda's
        ``"lr"`` means ``"g2"``).
    min_count : int
        Keep n-grams seen at least this often (NLTK's ``apply_freq_filter``).
    n : int, optional
        Keep the first *n* rows.
    settings, progress, **token_options
        Tokenisation, as in :func:`toolkit.frequency.term_frequency`.

    Returns
    -------
    pandas.DataFrame
        ``collocation`` (words joined by a space), ``observed, expected, pmi,
        g2, t_score, chi2``, sorted by the measure (highest first, ties by
        collocation). For trigrams, ``expected`` = f1 f2 f3 / N^2.
    """
    require_columns(articles, [TEXT], where="multiword_collocations")
    if not isinstance(ngram_range, tuple) or ngram_range not in ((2, 2), (3, 3)):
        raise ParameterError(f"ngram_range={ngram_range!r}: use (2, 2) for bigrams or (3, 3) for trigrams.")
    ngram = ngram_range[0]
    column = measure_name(measure, COLLOCATION_MEASURES)
    if n is not None:
        require_whole_number(n, parameter="n")
    require_whole_number(min_count, parameter="min_count")
    settings = token_settings(settings, ngram_range=(1, ngram), min_count=1, **token_options)
    if ngram == 2:
        table = _bigram_table(articles, settings, min_count, progress)
    else:
        table = _trigram_table(articles, settings, min_count)
    table = table.sort_values([column, "collocation"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if n is not None:
        table = table.head(n)
    table["collocation"] = table["collocation"].astype("str")
    table.attrs["token_settings"] = settings.describe()
    return table


def _bigram_table(articles, settings, min_count, progress):
    counts = count_ngrams(articles[TEXT].tolist(), settings, progress=progress)
    unigram = pd.Series(counts.frequency[counts.n == 1], index=counts.term[counts.n == 1])
    bigram = counts.n == 2
    observed = counts.frequency[bigram]
    keep = observed >= min_count
    terms = counts.term[bigram][keep]
    first, second = zip(*(t.split(" ") for t in terms)) if len(terms) else ((), ())
    scores = association_scores(observed[keep], unigram.reindex(list(first)).to_numpy(),
                                unigram.reindex(list(second)).to_numpy(), counts.n_positions[1].sum())
    return pd.concat([pd.DataFrame({"collocation": terms, "observed": observed[keep]}), scores], axis=1)


def _trigram_table(articles, settings, min_count):
    from nltk.collocations import TrigramAssocMeasures, TrigramCollocationFinder

    vocabulary = Vocabulary(settings)
    segments = []
    for chunk in encode_texts(articles[TEXT].tolist(), settings, vocabulary):
        # split the token stream at article ends and at removed tokens
        cut = np.flatnonzero((chunk.code < 0) | np.r_[False, chunk.doc[1:] != chunk.doc[:-1]])
        for piece in np.split(chunk.code, cut):
            piece = piece[piece >= 0]
            if len(piece):
                segments.append([vocabulary.terms[c] for c in piece])
    finder = TrigramCollocationFinder.from_documents(segments)
    finder.apply_freq_filter(min_count)
    measures = TrigramAssocMeasures
    grams = sorted(finder.ngram_fd)
    n = finder.N
    scored = {name: dict(finder.score_ngrams(getattr(measures, name)))
              for name in ("pmi", "likelihood_ratio", "student_t", "chi_sq")}
    word = finder.word_fd
    return pd.DataFrame({
        "collocation": [" ".join(g) for g in grams],
        "observed": [finder.ngram_fd[g] for g in grams],
        "expected": [word[g[0]] * word[g[1]] * word[g[2]] / n**2 for g in grams],
        "pmi": [scored["pmi"][g] for g in grams],
        "g2": [scored["likelihood_ratio"][g] for g in grams],
        "t_score": [scored["student_t"][g] for g in grams],
        "chi2": [scored["chi_sq"][g] for g in grams],
    })
