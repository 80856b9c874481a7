"""BM25 lexical index with incremental add/remove and save/load (numpy only).

Documents live in integer *slots*.  Postings are appended to Python lists while
documents are added and frozen into numpy arrays lazily on first query, so a
bulk build is a single pass and queries are vectorised per term.  Removal
leaves a tombstone (the slot is masked out and document frequencies are
decremented); :meth:`BM25Index.compact` drops tombstones, and runs automatically
when they exceed a quarter of the postings.
"""
from __future__ import annotations

import json
import math
import os
from array import array
from collections import Counter
from collections.abc import Sequence

import numpy as np


class BM25Index:
    """Okapi BM25 over pre-analysed term lists (see :func:`analysis.analyze`)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75):
        self.k1 = k1
        self.b = b
        self.vocab: dict[str, int] = {}
        self._post_slots: list[array | None] = []   # int32 slots per term id
        self._post_tfs: list[array | None] = []     # float32 term frequencies
        self._frozen: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._df: list[int] = []
        self._doc_len: list[int] = []
        self._doc_terms: list[np.ndarray | None] = []   # term ids of each slot, for removal
        self._alive: list[bool] = []
        self._n_alive = 0
        self._total_len = 0
        self._dead_postings = 0
        self._alive_np: np.ndarray | None = None
        self._len_np: np.ndarray | None = None

    # -- building ------------------------------------------------------------
    def add(self, terms: Sequence[str]) -> int:
        """Add one analysed document, return its slot."""
        slot = len(self._doc_len)
        vocab, ps, pt, df = self.vocab, self._post_slots, self._post_tfs, self._df
        tids = []
        for term, tf in Counter(terms).items():
            tid = vocab.get(term)
            if tid is None:
                tid = len(ps)
                vocab[term] = tid
                ps.append(array("i"))
                pt.append(array("f"))
                df.append(0)
            elif ps[tid] is None:
                self._term_lists(tid)
            ps[tid].append(slot)
            pt[tid].append(tf)
            df[tid] += 1
            tids.append(tid)
        self._doc_terms.append(np.asarray(tids, dtype=np.int32))
        self._doc_len.append(len(terms))
        self._alive.append(True)
        self._n_alive += 1
        self._total_len += len(terms)
        self._alive_np = self._len_np = None
        return slot

    def remove(self, slot: int) -> None:
        """Tombstone a slot (no-op if already removed)."""
        if slot >= len(self._alive) or not self._alive[slot]:
            return
        self._alive[slot] = False
        self._n_alive -= 1
        self._total_len -= self._doc_len[slot]
        tids = self._doc_terms[slot]
        for tid in tids:
            self._df[int(tid)] -= 1
        self._dead_postings += len(tids)
        self._doc_terms[slot] = None
        self._alive_np = self._len_np = None

    def compact_needed(self) -> bool:
        live = sum(self._df) or 1
        return self._dead_postings > 0.25 * live

    def compact(self, slot_map: np.ndarray) -> None:
        """Renumber slots after the owner dropped dead ones.

        ``slot_map[old] = new`` for live slots and -1 for dead ones.
        """
        for tid in range(len(self._post_slots)):
            slots, tfs = self._term_lists(tid)
            s_arr = np.frombuffer(slots, dtype=np.int32) if len(slots) else np.zeros(0, np.int32)
            t_arr = np.frombuffer(tfs, dtype=np.float32) if len(tfs) else np.zeros(0, np.float32)
            new = slot_map[s_arr]
            keep = new >= 0
            self._post_slots[tid] = array("i", new[keep].astype(np.int32).tobytes())
            self._post_tfs[tid] = array("f", t_arr[keep].tobytes())
        self._frozen.clear()
        live = [i for i in range(len(self._alive)) if self._alive[i]]
        self._doc_len = [self._doc_len[i] for i in live]
        self._doc_terms = [self._doc_terms[i] for i in live]
        self._alive = [True] * len(live)
        self._dead_postings = 0
        self._alive_np = self._len_np = None

    def _term_lists(self, tid: int) -> tuple[array, array]:
        # After load() postings exist only as frozen arrays; thaw on demand.
        if self._post_slots[tid] is None:
            s, t = self._frozen[tid]
            self._post_slots[tid] = array("i", s.astype(np.int32).tobytes())
            self._post_tfs[tid] = array("f", t.astype(np.float32).tobytes())
        return self._post_slots[tid], self._post_tfs[tid]

    def _postings(self, tid: int) -> tuple[np.ndarray, np.ndarray]:
        fr = self._frozen.get(tid)
        live = self._post_slots[tid]
        # Frozen arrays stay valid until the term gets new postings (appends only;
        # compaction clears the whole cache).
        if fr is None or (live is not None and len(live) != len(fr[0])):
            slots, tfs = self._term_lists(tid)
            fr = (np.array(slots, dtype=np.int32), np.array(tfs, dtype=np.float32))
            self._frozen[tid] = fr
        return fr

    # -- querying ------------------------------------------------------------
    @property
    def n_slots(self) -> int:
        return len(self._doc_len)

    def idf(self, term: str) -> float:
        tid = self.vocab.get(term)
        df = self._df[tid] if tid is not None else 0
        n = max(self._n_alive, 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def score(self, query_terms: Sequence[str]) -> tuple[np.ndarray, float]:
        """BM25 score of every slot, and the query's *ideal* score.

        The ideal score is the sum of the query terms' idf (what a document of
        average length containing each term once would get); dividing by it
        gives a query-coverage value that is comparable across queries.
        """
        n = self.n_slots
        scores = np.zeros(n, dtype=np.float32)
        if n == 0 or self._n_alive == 0:
            return scores, 0.0
        if self._len_np is None:
            self._len_np = np.asarray(self._doc_len, dtype=np.float32)
            self._alive_np = np.asarray(self._alive, dtype=bool)
        avgdl = max(self._total_len / self._n_alive, 1e-9)
        norm = self.k1 * (1.0 - self.b + self.b * self._len_np / avgdl)
        ideal = 0.0
        for term, qtf in Counter(query_terms).items():
            idf = self.idf(term)
            ideal += idf * qtf
            tid = self.vocab.get(term)
            if tid is None or self._df[tid] == 0:
                continue
            slots, tfs = self._postings(tid)
            scores[slots] += (idf * qtf) * tfs * (self.k1 + 1.0) / (tfs + norm[slots])
        scores[~self._alive_np] = 0.0
        return scores, ideal

    def doc_term_set(self, slot: int) -> set[str]:
        """Terms of a live slot (for explanations)."""
        tids = self._doc_terms[slot]
        if tids is None:
            return set()
        inv = self._inverse_vocab()
        return {inv[int(t)] for t in tids}

    def _inverse_vocab(self) -> list[str]:
        inv = getattr(self, "_inv", None)
        if inv is None or len(inv) != len(self.vocab):
            inv = [""] * len(self.vocab)
            for t, i in self.vocab.items():
                inv[i] = t
            self._inv = inv
        return inv

    # -- persistence ---------------------------------------------------------
    def save(self, directory: str) -> None:
        """Write ``lexical.json`` + ``lexical.npz`` (tombstones kept as such)."""
        n_terms = len(self._post_slots)
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        slot_parts, tf_parts = [], []
        for tid in range(n_terms):
            s, t = self._postings(tid)
            slot_parts.append(s)
            tf_parts.append(t)
            offsets[tid + 1] = offsets[tid] + len(s)
        doc_off = np.zeros(len(self._doc_terms) + 1, dtype=np.int64)
        dt_parts = []
        for i, d in enumerate(self._doc_terms):
            d = d if d is not None else np.zeros(0, dtype=np.int32)
            dt_parts.append(d)
            doc_off[i + 1] = doc_off[i] + len(d)
        cat = (lambda parts, dt: np.concatenate(parts).astype(dt) if parts else np.zeros(0, dt))
        np.savez(os.path.join(directory, "lexical.npz"),
                 offsets=offsets, slots=cat(slot_parts, np.int32), tfs=cat(tf_parts, np.float32),
                 df=np.asarray(self._df, dtype=np.int64),
                 doc_len=np.asarray(self._doc_len, dtype=np.int64),
                 alive=np.asarray(self._alive, dtype=bool),
                 doc_off=doc_off, doc_terms=cat(dt_parts, np.int32))
        inv = self._inverse_vocab()
        with open(os.path.join(directory, "lexical.json"), "w", encoding="utf-8") as f:
            json.dump({"k1": self.k1, "b": self.b, "terms": inv,
                       "dead_postings": self._dead_postings}, f, ensure_ascii=False)

    @classmethod
    def load(cls, directory: str) -> BM25Index:
        with open(os.path.join(directory, "lexical.json"), encoding="utf-8") as f:
            meta = json.load(f)
        z = np.load(os.path.join(directory, "lexical.npz"))
        self = cls(k1=meta["k1"], b=meta["b"])
        terms = meta["terms"]
        self.vocab = {t: i for i, t in enumerate(terms)}
        off, slots, tfs = z["offsets"], z["slots"], z["tfs"]
        self._post_slots = [None] * len(terms)   # thawed lazily by _term_lists
        self._post_tfs = [None] * len(terms)
        self._frozen = {i: (slots[off[i]:off[i + 1]], tfs[off[i]:off[i + 1]]) for i in range(len(terms))}
        self._df = z["df"].tolist()
        self._doc_len = z["doc_len"].tolist()
        self._alive = z["alive"].tolist()
        doff, dterms = z["doc_off"], z["doc_terms"]
        self._doc_terms = [dterms[doff[i]:doff[i + 1]] if self._alive[i] else None
                           for i in range(len(self._doc_len))]
        self._n_alive = int(sum(self._alive))
        self._total_len = int(sum(l for l, a in zip(self._doc_len, self._alive) if a))
        self._dead_postings = int(meta.get("dead_postings", 0))
        return self


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest scores, best first (ties by lower index)."""
    n = scores.shape[0]
    if n == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k < n:
        part = np.argpartition(-scores, k - 1)[:k]
    else:
        part = np.arange(n)
    order = np.lexsort((part, -scores[part]))
    return part[order]
