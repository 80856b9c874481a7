"""Exact dense (cosine) index over chunk vectors, grouped to document slots.

A document is embedded as one or more chunks (long texts are split at sentence
boundaries, see :func:`chunk_text`); its dense score is the best chunk's cosine
(max-passage scoring), which also tells the explanation which part matched.

Cross-lingual calibration.  A multilingual encoder's vectors carry a
language identity component: a Kazakh query sits closer to *any* Kazakh text.
Two cheap corrections remove most of it (measured on the trilingual bench):

* language centering - each vector minus the mean vector of its language
  (means kept as running sums over the indexed chunks, so they follow updates);
* an optional *language subspace* ``U`` (k orthonormal directions, learned by
  the caller from parallel kk/ru/en texts, see
  :func:`language_subspace`) projected out of every vector.

Both are applied without touching the stored matrix: for a stored row ``m`` of
language ``l`` and the prepared query ``y = P(q - mu_lq)`` the score is
``(m.y - mu_l.y) / |P(m - mu_l)|``; the row norms are recomputed lazily after
updates.  So a query is still a single matrix-vector product.

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


def language_subspace(parallel: np.ndarray, k: int = 16) -> np.ndarray:
    """Top-``k`` directions of language variation from parallel embeddings.

    ``parallel`` has shape (items, languages, dim): the same text embedded in
    each language.  Item means are removed, so what is left is how languages
    differ; its leading right singular vectors are returned as (k, dim).
    """
    resid = parallel - parallel.mean(axis=1, keepdims=True)
    resid = resid.reshape(-1, parallel.shape[-1])
    _, _, vt = np.linalg.svd(resid, full_matrices=False)
    return np.ascontiguousarray(vt[:k], dtype=np.float32)


class DenseIndex:
    """Chunk vectors (rows) mapped to document slots."""

    def __init__(self, dim: int):
        self.dim = dim
        self.center = True
        self.center_prior = 20.0    # pseudo-count of the shrinkage in _means()
        self.subspace: np.ndarray | None = None        # (k, dim) or None
        self._langs: list[str] = []                     # language code per group id
        self._row_lang = np.zeros(0, dtype=np.int16)
        self._lang_sum = np.zeros((0, dim), dtype=np.float64)
        self._lang_cnt = np.zeros(0, dtype=np.int64)
        self._row_norm: np.ndarray | None = None        # |P(m - mu_l)| per row, lazily
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
        lang = np.zeros(cap, dtype=np.int16)
        lang[: self._n] = self._row_lang[: self._n]
        self._mat, self._row_slot, self._row_alive, self._row_lang = mat, slots, alive, lang

    def _lang_id(self, lang: str | None) -> int:
        lang = lang or "?"
        if lang not in self._langs:
            self._langs.append(lang)
            self._lang_sum = np.vstack([self._lang_sum, np.zeros((1, self.dim))])
            self._lang_cnt = np.append(self._lang_cnt, 0)
        return self._langs.index(lang)

    def add(self, slot: int, vectors: np.ndarray, lang: str | None = None) -> None:
        """Attach chunk ``vectors`` (rows, L2-normalised) in language ``lang`` to ``slot``."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        k = vectors.shape[0]
        if k == 0:
            return
        self._grow(k)
        li = self._lang_id(lang)
        self._row_lang[self._n: self._n + k] = li
        self._lang_sum[li] += vectors.sum(axis=0)
        self._lang_cnt[li] += k
        self._row_norm = None
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
            li = int(self._row_lang[r])
            self._lang_sum[li] -= self._mat[r]
            self._lang_cnt[li] -= 1
        self._row_norm = None

    def set_subspace(self, subspace: np.ndarray | None) -> None:
        """Install (or clear) the language subspace projected out of all vectors."""
        self.subspace = None if subspace is None else np.ascontiguousarray(subspace, np.float32)
        self._row_norm = None

    def _means(self) -> np.ndarray:
        """Per-language centering vectors, shrunk for languages with few chunks.

        ``mu_l = n_l / (n_l + prior) * mean_l``: a language with a handful of
        chunks (one Russian document in an otherwise Kazakh index) is barely
        centred, because subtracting the mean of one document would erase it.
        """
        if not self.center or len(self._langs) == 0:
            return np.zeros((max(len(self._langs), 1), self.dim), dtype=np.float32)
        cnt = np.maximum(self._lang_cnt, 0).astype(np.float64)[:, None]
        means = self._lang_sum / np.maximum(cnt, 1)
        return (means * (cnt / (cnt + self.center_prior))).astype(np.float32)

    def _project(self, x: np.ndarray) -> np.ndarray:
        if self.subspace is None:
            return x
        return x - (x @ self.subspace.T) @ self.subspace

    def prepare_query(self, q: np.ndarray, lang: str | None) -> np.ndarray:
        """Centre ``q`` with its language's mean (if known) and project; unit length."""
        q = np.asarray(q, dtype=np.float32)
        if self.center and lang in self._langs:
            q = q - self._means()[self._langs.index(lang)]
        q = self._project(q)
        norm = float(np.linalg.norm(q))
        return q / norm if norm > 0 else q

    def _norms(self) -> np.ndarray:
        if self._row_norm is None or len(self._row_norm) != self._n:
            means = self._means()
            out = np.ones(self._n, dtype=np.float32)
            step = 16384   # bounded temporary memory
            for i in range(0, self._n, step):
                j = min(i + step, self._n)
                x = self._project(self._mat[i:j] - means[self._row_lang[i:j]])
                out[i:j] = np.linalg.norm(x, axis=1)
            np.maximum(out, 1e-6, out=out)
            self._row_norm = out
        return self._row_norm

    def rows_of(self, slot: int) -> list[int]:
        return self._slot_rows.get(slot, [])

    def row_vectors(self, slot: int) -> np.ndarray:
        rows = self.rows_of(slot)
        return self._mat[rows] if rows else np.zeros((0, self.dim), dtype=np.float32)

    def score(self, q: np.ndarray, n_slots: int, lang: str | None = None) -> np.ndarray:
        """Calibrated cosine of the best chunk per slot; ``-1`` for slots without vectors.

        ``q`` is the raw query vector, ``lang`` its language (for centering).
        """
        out = np.full(n_slots, -1.0, dtype=np.float32)
        if self._n == 0:
            return out
        y = self.prepare_query(q, lang)
        # einsum instead of BLAS: as fast for one matrix-vector product, and it
        # leaves no OpenBLAS threads spinning afterwards, which measurably slowed
        # the next query's embedding (OpenMP) on two cores.
        s = np.einsum("ij,j->i", self._mat[: self._n], y)
        if self.center or self.subspace is not None:
            s -= (self._means() @ y)[self._row_lang[: self._n]]
            s /= self._norms()
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
        self._row_lang = self._row_lang[keep].copy()
        self._n = len(keep)
        self._row_norm = None
        self._slot_rows = {}
        for r, s in enumerate(self._row_slot.tolist()):
            self._slot_rows.setdefault(s, []).append(r)
        self._multi = any(len(v) > 1 for v in self._slot_rows.values())

    def save(self, directory: str) -> None:
        np.save(os.path.join(directory, "dense_vectors.npy"), self._mat[: self._n])
        np.savez(os.path.join(directory, "dense_rows.npz"),
                 row_slot=self._row_slot[: self._n], row_alive=self._row_alive[: self._n],
                 row_lang=self._row_lang[: self._n], lang_sum=self._lang_sum,
                 lang_cnt=self._lang_cnt, langs=np.asarray(self._langs, dtype=str),
                 center=np.asarray(self.center),
                 subspace=self.subspace if self.subspace is not None else np.zeros((0, self.dim)),
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
        self._row_lang = z["row_lang"].astype(np.int16)
        self._lang_sum = z["lang_sum"].astype(np.float64)
        self._lang_cnt = z["lang_cnt"].astype(np.int64)
        self._langs = [str(x) for x in z["langs"].tolist()]
        self.center = bool(z["center"])
        sub = z["subspace"]
        self.subspace = sub.astype(np.float32) if sub.shape[0] else None
        for r in np.nonzero(self._row_alive)[0].tolist():
            self._slot_rows.setdefault(int(self._row_slot[r]), []).append(r)
        self._multi = any(len(v) > 1 for v in self._slot_rows.values())
        return self
