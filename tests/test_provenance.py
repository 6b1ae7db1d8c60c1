"""toolkit.provenance: where the numbers came from, without local paths."""

from pathlib import Path

import pandas as pd

from toolkit.provenance import provenance


def test_provenance_names_files_by_name_only(tmp_path):
    corpus = tmp_path / "deep" / "corpus.csv"
    corpus.parent.mkdir()
    corpus.write_text("title,text\na,b\n", encoding="utf-8")
    table = provenance(pd.DataFrame({"doc_id": ["a"]}), corpus_path=corpus)
    values = " ".join(table["value"])
    assert "corpus.csv" in values and str(tmp_path) not in values
    assert str(Path(__file__).resolve().parents[1]) not in values  # nor the toolkit's source tree
    assert dict(zip(table["item"], table["value"]))["articles analysed"] == "1"


def test_a_dictionary_has_one_hash_whether_given_loaded_or_as_a_path(tmp_path):
    """The content hash (FrameDictionary.sha256): comments and layout do not count, as on the coding sheets."""
    from toolkit.frames import load_frames

    plain, commented = tmp_path / "plain.yaml", tmp_path / "commented.yaml"
    plain.write_text('name: d\nversion: "1"\nframes:\n  f:\n    label: F\n    patterns: ["external forces"]\n')
    commented.write_text('# reviewed\nname: d\nversion: "1"\nframes:\n  f: {label: F, patterns: ["external forces"]}\n')
    facts = [dict(zip(*provenance(pd.DataFrame({"doc_id": []}), corpus_path=plain, frames=f)[["item", "value"]].T.values))
             for f in (plain, load_frames(plain), commented)]
    assert facts[0]["frame dictionary sha256"] == load_frames(plain).sha256
    assert {f["frame dictionary sha256"] for f in facts} == {load_frames(plain).sha256}
    assert facts[0]["frame dictionary"] == "d 1"


def test_a_fingerprint_handed_over_is_taken_only_for_the_same_files(tmp_path, monkeypatch):
    import hashlib
    import json

    from toolkit.provenance import FINGERPRINTS_ENV, corpus_fingerprint, fingerprint_key

    corpus = tmp_path / "corpus.csv"
    corpus.write_bytes(b"title,text\na,b\n")
    handed = {"files": 1, "bytes": 15, "sha256": "f" * 64}  # not the real hash: shows it was taken
    monkeypatch.setenv(FINGERPRINTS_ENV, json.dumps({fingerprint_key(corpus): handed}))
    assert corpus_fingerprint(corpus) == handed
    corpus.write_bytes(b"title,text\na,bc\n")  # another size: another key, hashed again
    assert corpus_fingerprint(corpus)["sha256"] == hashlib.sha256(b"title,text\na,bc\n").hexdigest()
