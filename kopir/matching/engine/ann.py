"""Approximate nearest-neighbour graph (HNSW, via ``hnswlib``) for large dense indexes.

:class:`~.dense.DenseIndex` scores rows as ``(m.y - mu_l.y) / |P(m - mu_l)|``
with language means ``mu_l`` that move as documents are added.  A graph needs
fixed vectors, so it stores ``P(m - mu~_l) / |P(m - mu~_l)|`` with the means
``mu~`` *frozen* when the graph was built, and the query is prepared with the
same frozen means.  The graph only proposes candidates: the dense index
rescores them exactly with the current means, so drift of the means costs a
little recall, never wrong scores; the owner rebuilds when the drift or the
share of deleted elements grows (see :meth:`AnnGraph.stale`).

Labels are the dense index's row *uids* (stable across compaction), so
compacting the dense matrix never forces a rebuild.
"""
from __future__ import annotations

import os

import numpy as np

try:   # optional dependency: without it every index uses the exact scan
    import hnswlib
except ImportError:   # pragma: no cover - exercised only where hnswlib is absent
    hnswlib = None

DELETED_SHARE = 0.25   # rebuild when this share of the graph's elements is deleted
MEAN_DRIFT = 0.03      # ... or when a language mean moved this far (unit vectors)
SERIAL_BELOW = 50_000  # single-threaded (deterministic) construction below this size


def available() -> bool:
    """True when ``hnswlib`` is importable."""
    return hnswlib is not None


class AnnGraph:
    """An HNSW graph over corrected unit vectors, inner-product metric."""

    def __init__(self, dim: int, means: np.ndarray, m: int = 16, ef_construction: int = 100,
                 capacity: int = 1024, seed: int = 7):
        self.dim = dim
        self.means = np.asarray(means, dtype=np.float32).copy()   # frozen mu~ per language id
        self.m = m
        self.ef_construction = ef_construction
        self.deleted = 0
        self._index = hnswlib.Index(space="ip", dim=dim)
        self._index.init_index(max_elements=max(capacity, 16), M=m,
                               ef_construction=ef_construction, random_seed=seed)

    def __len__(self) -> int:
        return self._index.get_current_count()

    def frozen_means(self, current: np.ndarray) -> np.ndarray:
        """Frozen means, extended by the current means of languages seen after the build."""
        if current.shape[0] <= self.means.shape[0]:
            return self.means
        return np.vstack([self.means, current[self.means.shape[0]:]])

    def add(self, vectors: np.ndarray, labels: np.ndarray, final_size: int | None = None) -> None:
        """Insert corrected unit ``vectors`` under integer ``labels`` (uids).

        ``final_size`` (a bulk build's total) picks serial or parallel insertion
        once for the whole build: serial insertion gives the same graph every run.
        """
        if len(labels) == 0:
            return
        need = len(self) + len(labels)
        cap = self._index.get_max_elements()
        if need > cap:
            self._index.resize_index(max(need, 2 * cap))
        threads = 1 if (final_size or need) < SERIAL_BELOW else (os.cpu_count() or 1)
        self._index.add_items(np.ascontiguousarray(vectors, dtype=np.float32),
                              np.asarray(labels, dtype=np.int64), num_threads=threads)

    def delete(self, labels) -> None:
        for lab in labels:
            try:
                self._index.mark_deleted(int(lab))
                self.deleted += 1
            except RuntimeError:   # already deleted, or never inserted
                pass

    def query(self, y: np.ndarray, k: int, ef: int) -> np.ndarray:
        """Labels of (about) the ``k`` nearest live elements to unit vector ``y``."""
        live = len(self) - self.deleted
        k = min(k, live)
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        self._index.set_ef(max(ef, k))
        labels, _ = self._index.knn_query(np.asarray(y, dtype=np.float32)[None, :], k=k,
                                          num_threads=1)
        return labels[0].astype(np.int64)

    def stale(self, current_means: np.ndarray) -> bool:
        """Too many deletions, or the language means drifted from the frozen ones."""
        if self.deleted > DELETED_SHARE * max(len(self), 1):
            return True
        n = min(self.means.shape[0], current_means.shape[0])
        if n == 0:
            return False
        drift = np.linalg.norm(current_means[:n] - self.means[:n], axis=1)
        return bool(drift.max() > MEAN_DRIFT)

    # -- persistence ---------------------------------------------------------
    def save(self, path: str) -> dict:
        """Write the graph to ``path``; returns the metadata :meth:`load` needs."""
        self._index.save_index(path)
        return {"ann_means": self.means, "ann_params": np.asarray([self.m, self.ef_construction,
                                                                    self.deleted], dtype=np.int64)}

    @classmethod
    def load(cls, path: str, dim: int, meta) -> AnnGraph:
        m, efc, deleted = (int(x) for x in meta["ann_params"])
        self = cls.__new__(cls)
        self.dim, self.means, self.m, self.ef_construction = dim, meta["ann_means"].astype(np.float32), m, efc
        self.deleted = deleted
        self._index = hnswlib.Index(space="ip", dim=dim)
        self._index.load_index(path)
        return self
