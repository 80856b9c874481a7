"""Link extracted mentions to directory entries across languages and spellings.

The gazetteer is plain data: ``[{"id": ..., "kind": "organization"|"person"|"place"|...,
"names": ["Shakarim University", "Шәкәрім университеті", "Университет Шакарима"]}]``.
Names and mentions are reduced to a Latin key (transliteration + spelling folding, see
:func:`textutil.latin_key`), generic words are mapped to one canonical token across
kk/ru/en ("университеті"/"университет"/"university" -> "univ"), legal forms are dropped, and
candidates are scored with a fuzzy ratio.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from . import lexicon as lx
from .gazetteer import NameSpotter, from_entries, norm_kind
from .textutil import latin_key

try:  # rapidfuzz is faster; difflib gives the same kind of score without the dependency
    from rapidfuzz import fuzz as _fuzz
except ImportError:  # pragma: no cover - exercised only where rapidfuzz is absent
    _fuzz = None

# Latin keys of generic words -> canonical token. Prefix match on the key, so inflected
# Kazakh/Russian forms ("universitetinin", "universiteta") fold too.
_CANON = [
    ("universit", "univ"), ("institut", "inst"), ("akademi", "acad"), ("academ", "acad"),
    ("akimat", "akimat"), ("akimdig", "akimat"), ("akimshilig", "akimat"),
    ("ministr", "ministry"), ("oblis", "region"), ("oblast", "region"), ("region", "region"),
    ("kala", "city"), ("gorod", "city"), ("city", "city"), ("kompani", "company"), ("compan", "company"),
    ("nationa", "national"), ("natsional", "national"), ("natsion", "national"), ("ultik", "national"),
    ("kazakhskii", "kazakh"), ("kazahskii", "kazakh"), ("kazak", "kazakh"), ("kazah", "kazakh"),
    ("tehnicheski", "technical"), ("tehnikalik", "technical"), ("technical", "technical"),
    ("gosudarstven", "state"), ("memlekettik", "state"), ("state", "state"),
    ("imeni", ""), ("atindagi", ""), ("named", ""), ("after", ""), ("the", ""), ("of", ""),
]
_LEGAL_KEYS = {latin_key(f) for f in lx.LEGAL_FORMS}
# Canonical generic words: a mention made only of these names nothing in particular.
_GENERIC = {canon for _pref, canon in _CANON if canon}


def _fold_word(w: str) -> str:
    for pref, canon in _CANON:
        if w.startswith(pref):
            return canon
    # Russian/Kazakh endings on names ("shakarima", "shakarimnin"): trim common case tails
    return re.sub(r"(nin|din|tin|ga|ge|ka|ke|da|de|ta|te|a|u|om|e)$", "", w) if len(w) > 6 else w


def name_key(name: str) -> str:
    """Canonical comparison key of a name (order-insensitive bag of folded words)."""
    words = [w for w in latin_key(name).split() if w not in _LEGAL_KEYS]
    folded = [_fold_word(w) for w in words]
    return " ".join(sorted(w for w in folded if w))


def similarity(a: str, b: str) -> float:
    """0..100 similarity of two keys."""
    if _fuzz is not None:
        return max(_fuzz.ratio(a, b), _fuzz.token_sort_ratio(a, b))
    return 100.0 * SequenceMatcher(None, a, b).ratio()


class Linker:
    """Index of directory names; :meth:`link` returns the best entry id or None."""

    def __init__(self, entries: list[dict], threshold: float = 86.0):
        self.threshold = threshold
        self._spotter: NameSpotter | None = None
        self.entries = {}
        self._keys: list[tuple[str, str, str | None]] = []  # (key, id, kind)
        for e in entries:
            eid = e["id"]
            kind = norm_kind(e.get("kind"))
            self.entries[eid] = e
            for n in e.get("names") or []:
                k = name_key(n)
                if k:
                    self._keys.append((k, eid, kind))
        self._exact: dict[str, list[tuple[str, str | None]]] = {}
        # Every word any name of an entry has: "Al-Farabi KazNU" mixes a word of the full
        # name with the short name, and still names one entry only.
        self._words: dict[str, tuple[set[str], str | None]] = {}
        for k, eid, kind in self._keys:
            self._exact.setdefault(k, []).append((eid, kind))
            words, _k = self._words.setdefault(eid, (set(), kind))
            words.update(k.split())

    @property
    def spotter(self) -> NameSpotter:
        """The directory's names as a gazetteer for spotting them in a text (built once)."""
        if self._spotter is None:
            self._spotter = from_entries(self.entries.values())
        return self._spotter

    def candidates(self, mention: str, kind: str | None = None, limit: int = 3) -> list[dict]:
        """Ranked ``{"id", "score"}`` candidates for a mention (best first)."""
        kind = norm_kind(kind)
        key = name_key(mention)
        if not key:
            return []
        best: dict[str, float] = {}
        for eid, k2 in self._exact.get(key, []):
            if kind is None or k2 is None or k2 == kind:
                best[eid] = 100.0
        if not best:
            for k, eid, k2 in self._keys:
                if kind is not None and k2 is not None and k2 != kind:
                    continue
                sc = similarity(key, k)
                # Surname-only mentions of people ("Tokayev" for "Kassym-Zhomart Tokayev")
                if kind == "person" and " " not in key and key in k.split():
                    sc = max(sc, 90.0)
                if sc > best.get(eid, 0):
                    best[eid] = sc
        if kind != "person" and not any(sc >= self.threshold for sc in best.values()):
            words = set(key.split()) - _GENERIC
            if len(key.split()) >= 2 and words:
                hits = [eid for eid, (ws, k2) in self._words.items()
                        if (kind is None or k2 is None or k2 == kind) and set(key.split()) <= ws]
                if len(hits) == 1:
                    best[hits[0]] = max(best.get(hits[0], 0), 90.0)
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:limit]
        return [{"id": eid, "score": round(sc, 1)} for eid, sc in ranked]

    def link(self, mention: str, kind: str | None = None):
        """Directory id for `mention`, or None when nothing scores above the threshold."""
        c = self.candidates(mention, kind, limit=1)
        return c[0]["id"] if c and c[0]["score"] >= self.threshold else None


def link_facts(facts: dict, linker: Linker) -> dict:
    """Add ``"link": id | None`` to every organisation, person, place and event in `facts`
    (in place; also returned). Items whose link is None are suggestions for new entries."""
    for item in facts.get("organizations", []):
        link = linker.link(item["name"], "organization")
        for alias in item.get("aliases") or []:
            link = link or linker.link(alias, "organization")
        item["link"] = link
    for item in facts.get("people", []):
        item["link"] = linker.link(item["name"], "person")
        for pos in item.get("positions", []):
            if pos.get("organization"):
                pos["organization_link"] = linker.link(pos["organization"], "organization") or \
                    linker.link(pos["organization"], "place")
    for item in facts.get("places", []):
        item["link"] = linker.link(item["name"], "place")
    for item in facts.get("events", []):
        item["link"] = linker.link(item["name"], "event")
    return facts
