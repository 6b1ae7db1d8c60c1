"""Where a report's numbers came from: software versions, the dictionary, the corpus.

:func:`provenance` is the table every report ends with. It names files by
their name only (never an absolute local path: reports are shared) and
identifies their content by SHA-256:

- a corpus by the bytes of its files (:func:`corpus_fingerprint`). Hashing a
  1 GB corpus takes seconds, so ``framing report`` hashes each corpus once
  and hands the fingerprints to its notebooks' kernels
  (:data:`FINGERPRINTS_ENV`), kept under the path, size and modification
  time of every file: a kernel takes one only for the same files, and hashes
  them itself when any has changed (a file rewritten with the same size
  within the file system's clock tick would go unnoticed, as with ``make``);
- a frame dictionary by its content (:attr:`toolkit.frames.FrameDictionary.sha256`:
  comments and layout do not count), whether given loaded or as a path, so
  the hash in a report is the one stamped on its coding sheets.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd

from toolkit.frames import load_frames

#: Packages whose versions every report records.
PROVENANCE_PACKAGES = (
    "framing-toolkit", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib",
    "nltk", "pyarrow", "papermill", "nbconvert",
)


#: Environment variable holding fingerprints already computed (JSON: :func:`fingerprint_key` -> fingerprint);
#: ``framing report`` sets it for its kernels, so the corpus is hashed once per report, not once per notebook.
FINGERPRINTS_ENV = "FRAMING_FINGERPRINTS"

def _corpus_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(
        p for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def fingerprint_key(path: str | Path) -> str:
    """What a fingerprint is kept under: the path and every file's relative path, size and modification time."""
    path = Path(path).resolve()
    stamps = []
    for file in _corpus_files(path):
        stat = file.stat()
        stamps.append([file.relative_to(path).as_posix() if file != path else "", stat.st_size, stat.st_mtime_ns])
    return hashlib.sha256(json.dumps([str(path), stamps]).encode()).hexdigest()


def corpus_fingerprint(path: str | Path) -> dict:
    """Files, bytes and a SHA-256 of a corpus file or folder (hidden files skipped).

    The hash covers each file's path relative to *path* and its bytes, in
    sorted order, so it changes when any file is added, removed, renamed or edited.
    A fingerprint that ``framing report`` computed for the same files (same
    paths, sizes and modification times: see the module docstring) is taken
    as it is.
    """
    given = json.loads(os.environ.get(FINGERPRINTS_ENV) or "{}")
    if given:
        key = fingerprint_key(path)
        if key in given:
            return dict(given[key])
    return _hash_files(Path(path))


def _hash_files(path: Path) -> dict:
    files = _corpus_files(path)
    digest, n_bytes = hashlib.sha256(), 0
    for file in files:
        if file != path:  # a single file hashes like `sha256sum FILE`
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with open(file, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                n_bytes += len(chunk)
    return {"files": len(files), "bytes": n_bytes, "sha256": digest.hexdigest()}


def _frames_facts(frames) -> dict:
    """Name, version and content hash of a frame dictionary (a loaded one, or a YAML path, loaded here)."""
    if not hasattr(frames, "sha256"):
        frames = load_frames(frames)
    return {"name": frames.name, "version": frames.version, "sha256": frames.sha256}


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        if package == "framing-toolkit":  # a source tree that is not installed (its path stays private)
            return "0.0.0+unknown (source tree, not installed)"
        return "not installed"


def provenance(
    articles: pd.DataFrame, *, corpus_path: str | Path, frames=None, reference_path: str | Path | None = None
) -> pd.DataFrame:
    """Where a report's numbers came from: software, dictionary, corpus, date.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles the report analysed (after any selection).
    corpus_path : path
        The corpus file or folder they were loaded from (shown by name only).
    frames : FrameDictionary or path, optional
        The frame dictionary used (its name, version and content SHA-256,
        :attr:`~toolkit.frames.FrameDictionary.sha256`, are shown).
    reference_path : path, optional
        The reference corpus, fingerprinted like the corpus.

    Returns
    -------
    pandas.DataFrame
        Columns ``item`` and ``value`` (strings), one row per fact.
    """
    corpus = corpus_fingerprint(corpus_path)
    rows = [("generated (UTC)", time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())),
            ("python", platform.python_version())]
    rows += [(package, _version(package)) for package in PROVENANCE_PACKAGES]
    if frames is not None:
        facts = _frames_facts(frames)
        rows += [("frame dictionary", f"{facts['name']} {facts['version']}"),
                 ("frame dictionary sha256", facts["sha256"])]
    rows += [("corpus", str(Path(corpus_path).name)),
             ("corpus sha256", corpus["sha256"]),
             ("corpus size", f"{corpus['files']:,} files, {corpus['bytes']:,} bytes"),
             ("articles analysed", f"{len(articles):,}")]
    if reference_path:
        reference = corpus_fingerprint(reference_path)
        rows += [("reference corpus", str(Path(reference_path).name)),
                 ("reference sha256", reference["sha256"]),
                 ("reference size", f"{reference['files']:,} files, {reference['bytes']:,} bytes")]
    return pd.DataFrame(rows, columns=["item", "value"])
