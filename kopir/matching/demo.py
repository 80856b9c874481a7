"""Demo support for matching: seed the embedding cache with the demo's own vectors.

Embedding the demo directory on a CPU takes minutes; the vectors of the demo's
texts are shipped in ``data/demo_embeddings.npz`` (keys are the engine's content
hashes, so a changed model or text simply misses and is embedded as usual).
``kopir matching_demo_vectors`` writes the file again from a loaded demo.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

SEED = Path(__file__).resolve().parent / "data" / "demo_embeddings.npz"


def prepare(progress=lambda _m: None) -> int:
    """Put the shipped demo vectors into the cache table before the demo is indexed."""
    if not SEED.exists():
        return 0
    from kopir.matching.store import DatabaseEmbeddingCache

    with np.load(SEED) as data:
        keys = [str(k) for k in data["keys"]]
        vectors = data["vectors"].astype(np.float32)
    DatabaseEmbeddingCache(memo_size=0).put_many(dict(zip(keys, vectors, strict=True)))
    progress(f"embedding cache: {len(keys)} demo vectors")
    return len(keys)


def export(path: Path = SEED) -> int:
    """Write every cached vector to ``path`` (run after ``kopir demo load`` on an empty database)."""
    from kopir.matching.models import Embedding

    rows = list(Embedding.objects.order_by("key").values_list("key", "vector"))
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = np.array([k for k, _v in rows])
    vectors = np.stack([np.frombuffer(bytes(v), dtype=np.float32) for _k, v in rows])
    np.savez_compressed(path, keys=keys, vectors=vectors)
    return len(rows)
