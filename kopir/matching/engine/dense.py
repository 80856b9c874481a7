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

Small indexes are scanned exactly (a matrix-vector product, deterministic,
trivially updatable; rows live in a capacity-doubling float32 matrix).  From
``ann_threshold`` live rows on, :meth:`DenseIndex.search` asks an HNSW graph
(:mod:`.ann`) for candidate rows instead and rescores only those exactly: the
exact scan costs 17-22 ms at 100k x 384 on two cores and competes with the
query embedding for the cores; the graph costs ~1.5 ms for a 200-deep
candidate list and ~8 ms for the 2,000-deep list of entity ranking.  The fusion's "corpus
mean" cosine, which the exact scan gets for free, is then computed from a
cached per-index sum (single-chunk documents, exact) plus a fixed sample of
multi-chunk documents (see :meth:`DenseIndex.mean_score`).
"""
from __future__ import annotations

import os

import numpy as np

from . import ann as ann_mod
from .normalize import split_sentences

MEAN_SAMPLE = 2048   # multi-chunk documents scored exactly to estimate the mean cosine


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
        self._n_alive = 0
        # Stable row ids: labels in the ANN graph, unchanged by compaction.
        self._row_uid = np.zeros(0, dtype=np.int64)
        self._uid_next = 0
        self.ann: ann_mod.AnnGraph | None = None
        self.ann_m = 16
        self.ann_ef_construction = 100
        self._derived: dict = {}   # lazily computed helpers, dropped on every change

    def _changed(self) -> None:
        self._row_norm = None
        self._derived = {}

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
        uid = np.full(cap, -1, dtype=np.int64)
        uid[: self._n] = self._row_uid[: self._n]
        self._mat, self._row_slot, self._row_alive, self._row_lang = mat, slots, alive, lang
        self._row_uid = uid

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
        self._changed()
        rows = list(range(self._n, self._n + k))
        self._mat[self._n: self._n + k] = vectors
        self._row_slot[self._n: self._n + k] = slot
        self._row_alive[self._n: self._n + k] = True
        uids = np.arange(self._uid_next, self._uid_next + k, dtype=np.int64)
        self._row_uid[self._n: self._n + k] = uids
        self._uid_next += k
        self._n += k
        self._n_alive += k
        self._slot_rows.setdefault(slot, []).extend(rows)
        if len(self._slot_rows[slot]) > 1:
            self._multi = True
        if self.ann is not None:   # keep the graph current: readers never rebuild it
            self.ann.add(self._ann_vectors(np.asarray(rows)), uids)

    def remove(self, slot: int) -> None:
        rows = self._slot_rows.pop(slot, [])
        for r in rows:
            self._row_alive[r] = False
            li = int(self._row_lang[r])
            self._lang_sum[li] -= self._mat[r]
            self._lang_cnt[li] -= 1
        self._n_alive -= len(rows)
        if self.ann is not None and rows:
            self.ann.delete(self._row_uid[rows].tolist())
        self._changed()

    @property
    def n_alive(self) -> int:
        """Live rows (chunks)."""
        return self._n_alive

    # -- approximate search ---------------------------------------------------
    def _ann_vectors(self, rows: np.ndarray, means: np.ndarray | None = None) -> np.ndarray:
        """Corrected unit vectors ``P(m - mu~_l)/|.|`` of ``rows`` with the graph's frozen means."""
        if means is None:
            means = self.ann.frozen_means(self._means())
        x = self._project(self._mat[rows] - means[self._row_lang[rows]])
        x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-6)
        return x.astype(np.float32)

    def build_ann(self) -> None:
        """(Re)build the HNSW graph over the live rows with the current language means.

        Uids are renumbered so the uid -> row map stays as small as the index.
        """
        if not ann_mod.available():
            self.ann = None
            return
        live = np.nonzero(self._row_alive[: self._n])[0]
        self._row_uid[: self._n] = -1
        self._row_uid[live] = np.arange(len(live))
        self._uid_next = len(live)
        self._derived = {}
        means = self._means()
        graph = ann_mod.AnnGraph(self.dim, means, self.ann_m, self.ann_ef_construction,
                                 capacity=max(len(live), 1024))
        step = 16384   # bounded temporary memory for the corrected copies
        for i in range(0, len(live), step):
            rows = live[i: i + step]
            graph.add(self._ann_vectors(rows, means), self._row_uid[rows], final_size=len(live))
        self.ann = graph

    def ensure_ann(self, threshold: int) -> bool:
        """Make the graph usable if the index has ``threshold`` live rows; True if in use.

        Built on first need (or rebuilt when stale: many deletions, drifted
        means); :meth:`save` persists it so reader processes load it ready.
        """
        if self._n_alive < max(threshold, 1) or not ann_mod.available():
            return False
        if self.ann is None or self.ann.stale(self._means()):
            self.build_ann()
        return self.ann is not None

    def _uid_row(self) -> np.ndarray:
        m = self._derived.get("uid_row")
        if m is None:
            m = np.full(self._uid_next + 1, -1, dtype=np.int64)
            alive = np.nonzero(self._row_alive[: self._n])[0]
            m[self._row_uid[alive]] = alive
            self._derived["uid_row"] = m
        return m

    def _slot_csr(self) -> tuple[np.ndarray, np.ndarray]:
        """Live rows grouped by slot: (indptr over slots, rows) for vectorised gathers."""
        csr = self._derived.get("csr")
        if csr is None:
            alive = np.nonzero(self._row_alive[: self._n])[0]
            slots = self._row_slot[alive]
            order = np.argsort(slots, kind="stable")
            n_slots = int(slots.max()) + 1 if len(slots) else 0
            indptr = np.zeros(n_slots + 2, dtype=np.int64)
            np.cumsum(np.bincount(slots, minlength=n_slots + 1), out=indptr[1:])
            csr = (indptr, alive[order])
            self._derived["csr"] = csr
        return csr

    def _rows_of_slots(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of ``slots`` and, per row, the position of its slot in ``slots``."""
        indptr, rows = self._slot_csr()
        slots = np.minimum(slots, len(indptr) - 2)   # slots beyond the last row have none
        start, cnt = indptr[slots], indptr[slots + 1] - indptr[slots]
        owner = np.repeat(np.arange(len(slots)), cnt)
        offs = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        return rows[np.repeat(start, cnt) + offs], owner

    def _exact_rows(self, rows: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Calibrated cosine of ``rows`` against the prepared query ``y`` (as :meth:`score`)."""
        s = np.einsum("ij,j->i", self._mat[rows], y)
        if self.center or self.subspace is not None:
            s -= (self._means() @ y)[self._row_lang[rows]]
            s /= self._norms()[rows]
        return s

    def score_slots(self, q: np.ndarray, slots: np.ndarray, lang: str | None = None,
                    y: np.ndarray | None = None) -> np.ndarray:
        """Exact max-pooled calibrated cosine of the given slots (``-1`` for none)."""
        slots = np.asarray(slots, dtype=np.int64)
        out = np.full(len(slots), -1.0, dtype=np.float32)
        if len(slots) == 0 or self._n == 0:
            return out
        if y is None:
            y = self.prepare_query(q, lang)
        rows, owner = self._rows_of_slots(slots)
        if len(rows):
            np.maximum.at(out, owner, self._exact_rows(rows, y))
        return out

    def _mean_stats(self) -> tuple[np.ndarray, int, np.ndarray, int]:
        """(sum of corrected unit vectors of single-row slots, their count,
        sample of multi-row slots, number of multi-row slots)."""
        st = self._derived.get("mean")
        if st is None:
            indptr, rows = self._slot_csr()
            cnt = np.diff(indptr)
            single_slots = np.nonzero(cnt == 1)[0]
            multi_slots = np.nonzero(cnt > 1)[0]
            srows = rows[indptr[single_slots]]
            means, norms = self._means(), self._norms()
            vec = np.zeros(self.dim, dtype=np.float64)
            step = 16384
            for i in range(0, len(srows), step):
                r = srows[i: i + step]
                x = (self._mat[r] - means[self._row_lang[r]]) / norms[r][:, None]
                vec += x.sum(axis=0, dtype=np.float64)
            if len(multi_slots) > MEAN_SAMPLE:   # evenly spread, so deterministic
                pick = np.linspace(0, len(multi_slots) - 1, MEAN_SAMPLE).round().astype(np.int64)
                sample = multi_slots[np.unique(pick)]
            else:
                sample = multi_slots
            st = (vec, len(single_slots), sample, len(multi_slots))
            self._derived["mean"] = st
        return st

    def mean_score(self, y: np.ndarray) -> float:
        """Mean calibrated cosine over slots with vectors, for the prepared query ``y``.

        For a single-row slot the score ``y.(m - mu_l)/|P(m - mu_l)|`` is linear
        in ``y`` (``y`` already lies in P's range), so their sum is one dot
        product with a cached vector; multi-row slots (max over chunks) are
        averaged over a fixed evenly spaced sample - all of them when there are
        at most :data:`MEAN_SAMPLE`, which makes it exact on small indexes.
        """
        vec, n_single, sample, n_multi = self._mean_stats()
        if n_single + n_multi == 0:
            return 0.0
        total = float(vec @ y)
        if n_multi:
            total += n_multi * float(self.score_slots(None, sample, y=y).mean())
        return total / (n_single + n_multi)

    def search(self, q: np.ndarray, k: int, lang: str | None = None, ef: int = 800,
               extra: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, float]:
        """ANN candidates: ``(slots, exact cosines, mean cosine)``.

        About ``k`` nearest slots from the graph plus the ``extra`` slots (e.g.
        the lexical top list, so fused scores of lexical hits are exact), all
        rescored exactly.  Requires :meth:`ensure_ann` to have returned True.
        """
        y = self.prepare_query(q, lang)
        # Query prepared with the graph's frozen means, so it lives in the graph's space.
        frozen = self.ann.frozen_means(self._means())
        ya = np.asarray(q, dtype=np.float32)
        if self.center and lang in self._langs:
            ya = ya - frozen[self._langs.index(lang)]
        ya = self._project(ya)
        ya = ya / max(float(np.linalg.norm(ya)), 1e-12)
        # Ask for rows enough to cover k slots when documents have several chunks.
        per_slot = self._n_alive / max(len(self._slot_rows), 1)
        want = int(k * min(per_slot, 4.0)) + 1
        try:
            rows = self._uid_row()[self.ann.query(ya, want, ef)]
            rows = rows[rows >= 0]
        except RuntimeError:
            # hnswlib raises when it cannot reach enough live elements (a graph
            # thinned by deletions); answer this query with the exact scan.
            live = np.nonzero(self._row_alive[: self._n])[0]
            s = self._exact_rows(live, y)
            rows = live[np.argpartition(-s, min(want, len(s)) - 1)[:want]] if len(s) else live
        slots = self._row_slot[rows]
        if extra is not None and len(extra):
            slots = np.concatenate([slots, np.asarray(extra, dtype=np.int64)])
        slots = np.unique(slots)
        return slots, self.score_slots(None, slots, y=y), self.mean_score(y)

    def set_subspace(self, subspace: np.ndarray | None) -> None:
        """Install (or clear) the language subspace projected out of all vectors."""
        self.subspace = None if subspace is None else np.ascontiguousarray(subspace, np.float32)
        self._changed()
        self.ann = None   # the graph holds projected vectors: rebuilt on next need

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
        self._row_uid = self._row_uid[keep].copy()   # graph labels survive compaction
        self._n = len(keep)
        self._n_alive = len(keep)
        self._changed()
        self._slot_rows = {}
        for r, s in enumerate(self._row_slot.tolist()):
            self._slot_rows.setdefault(s, []).append(r)
        self._multi = any(len(v) > 1 for v in self._slot_rows.values())

    def save(self, directory: str, ann_threshold: int | None = None) -> None:
        """Write vectors and row tables; with ``ann_threshold``, the graph too.

        The graph is brought up to date first (built if the index reached the
        threshold, rebuilt if stale), so a process that only loads and
        queries never pays for a build.
        """
        extra = {}
        if ann_threshold is not None and self.ensure_ann(ann_threshold):
            extra = self.ann.save(os.path.join(directory, "dense_ann.bin"))
        np.save(os.path.join(directory, "dense_vectors.npy"), self._mat[: self._n])
        np.savez(os.path.join(directory, "dense_rows.npz"), **extra,
                 row_uid=self._row_uid[: self._n], uid_next=np.asarray(self._uid_next),
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
        self._n_alive = int(self._row_alive.sum())
        if "row_uid" in z.files:
            self._row_uid = z["row_uid"].astype(np.int64)
            self._uid_next = int(z["uid_next"])
        else:   # written before uids existed
            self._row_uid = np.arange(self._n, dtype=np.int64)
            self._uid_next = self._n
        path = os.path.join(directory, "dense_ann.bin")
        if "ann_params" in z.files and os.path.exists(path) and ann_mod.available():
            self.ann = ann_mod.AnnGraph.load(path, self.dim, z)
        return self
