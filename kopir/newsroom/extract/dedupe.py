"""Near-duplicate detection of releases.

Two signals:
* the same text imported twice (possibly re-wrapped or with page furniture): MinHash
  estimate of the Jaccard similarity of word 3-shingles of the normalised, transliterated text;
* the same event reported in two languages: overlap of the entities (folded Latin keys,
  fuzzy-matched) plus shared dates.
"""

from __future__ import annotations

import re
import zlib

from .facts import extract
from .linker import name_key, similarity
from .textutil import latin_key

_NUM_PERM = 64
_MASK = (1 << 32) - 1
# Fixed odd multipliers/offsets: deterministic across runs (Python's hash() is salted).
_PERMS = [((i * 0x9E3779B1 + 0x7F4A7C15) & _MASK | 1, (i * 0x85EBCA77 + 0xC2B2AE3D) & _MASK)
          for i in range(_NUM_PERM)]


def shingles(text: str, n: int = 3) -> set[int]:
    words = re.findall(r"\w+", latin_key(text))
    if len(words) < n:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i:i + n]).encode()) for i in range(len(words) - n + 1)}


def minhash(sh: set[int]) -> list[int]:
    if not sh:
        return [_MASK] * _NUM_PERM
    return [min(((a * x + b) & _MASK) for x in sh) for a, b in _PERMS]


def text_similarity(a: str, b: str) -> float:
    """MinHash estimate of shingle Jaccard similarity, 0..1."""
    ma, mb = minhash(shingles(a)), minhash(shingles(b))
    return sum(1 for x, y in zip(ma, mb, strict=False) if x == y) / _NUM_PERM


def _entity_keys(facts: dict) -> list[str]:
    keys = []
    for group in ("organizations", "people", "places", "events"):
        for item in facts.get(group, []):
            k = name_key(item["name"])
            if k:
                keys.append(k)
    return keys


def entity_overlap(fa: dict, fb: dict, min_score: float = 80.0) -> float:
    """Share of entities of the smaller release that have a fuzzy partner in the other."""
    ka, kb = _entity_keys(fa), _entity_keys(fb)
    if not ka or not kb:
        return 0.0
    if len(ka) > len(kb):
        ka, kb = kb, ka
    hit = sum(1 for k in ka if any(similarity(k, k2) >= min_score for k2 in kb))
    return hit / len(ka)


def release_similarity(a: str, b: str, facts_a: dict | None = None, facts_b: dict | None = None) -> dict:
    """Compare two releases: ``{"text": 0..1, "entities": 0..1, "same_date": bool}``."""
    fa = facts_a or extract(a)
    fb = facts_b or extract(b)
    da, db = set(fa.get("dates", [])), set(fb.get("dates", []))
    ev_dates_a = {e.get("date") for e in fa.get("events", []) if e.get("date")}
    ev_dates_b = {e.get("date") for e in fb.get("events", []) if e.get("date")}
    return {
        "text": text_similarity(a, b),
        "entities": entity_overlap(fa, fb),
        "same_date": bool((da & db) or (ev_dates_a & ev_dates_b)),
    }


def find_duplicates(docs: list[dict], text_threshold: float = 0.6, entity_threshold: float = 0.5) -> list[dict]:
    """Pairs of near-duplicate releases among ``docs`` (``{"id", "text", "lang"?}``).

    Returns ``[{"a": id, "b": id, "kind": "duplicate"|"same_event", "score": float}]``:
    "duplicate" when the texts themselves are near-identical, "same_event" when the texts
    differ (e.g. kk vs en) but entities overlap and a date is shared.
    """
    prepared = []
    for d in docs:
        facts = extract(d["text"], d.get("lang"))
        prepared.append((d["id"], d["text"], facts, minhash(shingles(d["text"]))))
    out = []
    for i in range(len(prepared)):
        for j in range(i + 1, len(prepared)):
            ida, ta, fa, ma = prepared[i]
            idb, tb, fb, mb = prepared[j]
            tsim = sum(1 for x, y in zip(ma, mb, strict=False) if x == y) / _NUM_PERM
            if tsim >= text_threshold:
                out.append({"a": ida, "b": idb, "kind": "duplicate", "score": round(tsim, 3)})
                continue
            sim = release_similarity(ta, tb, fa, fb)
            if sim["same_date"] and sim["entities"] >= entity_threshold:
                out.append({"a": ida, "b": idb, "kind": "same_event", "score": round(sim["entities"], 3)})
    return out
