"""Exact dense (cosine) index over chunk vectors, grouped to document slots.

A document is embedded as one or more chunks (long texts are split at sentence
boundaries, see :func:`chunk_text`); its dense score is the best chunk's cosine
(max-passage scoring), which also tells the explanation which part matched.

Search is an exact matrix-vector product: ~15 ms for 100k x 384 float32 on
two cores, well inside the latency budget, deterministic, and trivially
updatable.  Rows are stored in a capacity-doubling float32 matrix.
"""
from __future__ import annotations

import os

import numpy as np

from .normalize import split_sentences


def chunk_text(text: str, max_words: int = 120) -> list[str]:
    """Split ``text`` into chunks of whole sentences, at most ``max_words`` words each.

    Sentences longer than the limit are cut by words.  Returns ``[""]``-free
    output; an empty text gives ``[]``.
    """
    chunks: list[str] = []
    cur: list[str] = []
    n = 0
    for sent in split_sentences(text):
        words = sent.split()
        while len(words) > max_words:  # a run-on "sentence" (lists, tables)
            if cur:
                chunks.append(" ".join(cur))
                cur, n = [], 0
            chunks.append(" ".join(words[:max_words]))
            words = words[max_words:]
        if n + len(words) > max_words and cur:
            chunks.append(" ".join(cur))
            cur, n = [], 0
        cur.append(" ".join(words))
        n += len(words)
    if cur:
        chunks.append(" ".join(cur))
    return [c for c in chunks if c.strip()]


class DenseIndex:
    """Chunk vectors (rows) mapped to document slots."""

    def __init__(self, dim: int):
        self.dim = dim
        self._mat = np.zeros((0, dim), dtype=np.float32)
        self._n = 0
        self._row_slot = np.zeros(0, dtype=np.int64)
        self._row_alive = np.zeros(0, dtype=bool)
        self._slot_rows: dict[int, list[int]] = {}
        self._multi = False   # some slot has several rows -> need max-pooling

    def _grow(self, extra: int) -> None:
        need = self._n + extra
        if need <= self._mat.shape[0]:
            return
        cap = max(need, 2 * self._mat.shape[0], 1024)
        mat = np.zeros((cap, self.dim), dtype=np.float32)
        mat[: self._n] = self._mat[: self._n]
        slots = np.full(cap, -1, dtype=np.int64)
        slots[: self._n] = self._row_slot[: self._n]
        alive = np.zeros(cap, dtype=bool)
        alive[: self._n] = self._row_alive[: self._n]
        self._mat, self._row_slot, self._row_alive = mat, slots, alive

    def add(self, slot: int, vectors: np.ndarray) -> None:
        """Attach chunk ``vectors`` (rows, L2-normalised) to ``slot``."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        k = vectors.shape[0]
        if k == 0:
            return
        self._grow(k)
        rows = list(range(self._n, self._n + k))
        self._mat[self._n: self._n + k] = vectors
        self._row_slot[self._n: self._n + k] = slot
        self._row_alive[self._n: self._n + k] = True
        self._n += k
        self._slot_rows.setdefault(slot, []).extend(rows)
        if len(self._slot_rows[slot]) > 1:
            self._multi = True

    def remove(self, slot: int) -> None:
        for r in self._slot_rows.pop(slot, []):
            self._row_alive[r] = False

    def rows_of(self, slot: int) -> list[int]:
        return self._slot_rows.get(slot, [])

    def row_vectors(self, slot: int) -> np.ndarray:
        rows = self.rows_of(slot)
        return self._mat[rows] if rows else np.zeros((0, self.dim), dtype=np.float32)

    def score(self, q: np.ndarray, n_slots: int) -> np.ndarray:
        """Cosine of the best chunk per slot; ``-1`` for slots without vectors."""
        out = np.full(n_slots, -1.0, dtype=np.float32)
        if self._n == 0:
            return out
        s = self._mat[: self._n] @ np.asarray(q, dtype=np.float32)
        alive = self._row_alive[: self._n]
        slots = self._row_slot[: self._n]
        if not self._multi:
            out[slots[alive]] = s[alive]
        else:
            np.maximum.at(out, slots[alive], s[alive])
        return out

    def compact(self, slot_map: np.ndarray) -> None:
        """Drop dead rows and renumber slots (``slot_map[old] = new`` or -1)."""
        keep = np.nonzero(self._row_alive[: self._n])[0]
        mat = self._mat[keep].copy()
        slots = slot_map[self._row_slot[keep]]
        self._mat = mat
        self._row_slot = slots.astype(np.int64)
        self._row_alive = np.ones(len(keep), dtype=bool)
        self._n = len(keep)
        self._slot_rows = {}
        for r, s in enumerate(self._row_slot.tolist()):
            self._slot_rows.setdefault(s, []).append(r)
        self._multi = any(len(v) > 1 for v in self._slot_rows.values())

    def save(self, directory: str) -> None:
        np.save(os.path.join(directory, "dense_vectors.npy"), self._mat[: self._n])
        np.savez(os.path.join(directory, "dense_rows.npz"),
                 row_slot=self._row_slot[: self._n], row_alive=self._row_alive[: self._n],
                 dim=np.asarray(self.dim))

    @classmethod
    def load(cls, directory: str) -> DenseIndex:
        z = np.load(os.path.join(directory, "dense_rows.npz"))
        self = cls(int(z["dim"]))
        mat = np.load(os.path.join(directory, "dense_vectors.npy"))
        self._mat = np.ascontiguousarray(mat, dtype=np.float32)
        self._n = mat.shape[0]
        self._row_slot = z["row_slot"].astype(np.int64)
        self._row_alive = z["row_alive"].astype(bool)
        for r in np.nonzero(self._row_alive)[0].tolist():
            self._slot_rows.setdefault(int(self._row_slot[r]), []).append(r)
        self._multi = any(len(v) > 1 for v in self._slot_rows.values())
        return self
