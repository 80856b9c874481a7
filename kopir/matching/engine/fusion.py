"""Score normalisation and fusion of the lexical and dense lists.

``mix`` (default) adds calibrated scores: BM25 divided by the query's ideal
score (a query-coverage value, near zero when the query shares no words with
the document, e.g. a Russian need against a Kazakh lab description) and the
cosine rescaled per query between the corpus mean and the best document.
Because the lexical part is absolute, it stays quiet on cross-lingual pairs
instead of injecting noise, which plain rank fusion would do.
``rrf`` (reciprocal rank fusion) is kept for comparison.
"""
from __future__ import annotations

import numpy as np

LEX_CAP = 1.5   # very long or repetitive documents cannot dominate


def lexical_normalized(bm25: np.ndarray, ideal: float) -> np.ndarray:
    """BM25 / ideal query score, capped at :data:`LEX_CAP`."""
    if ideal <= 0:
        return np.zeros_like(bm25)
    return np.minimum(bm25 / ideal, LEX_CAP)


def dense_normalized(cos: np.ndarray, alive: np.ndarray, floor: float | None = None) -> np.ndarray:
    """Cosine rescaled to [0, 1]: corpus mean -> 0, best live document -> 1.

    ``floor`` gives the corpus mean when ``cos`` holds only candidates (the
    approximate path), where the mean of the array would be the candidates'.
    """
    out = np.zeros_like(cos)
    if not alive.any():
        return out
    live = cos[alive]
    top = float(live.max())
    floor = float(live.mean()) if floor is None else float(floor)
    if top - floor < 1e-6:
        return out
    out = (cos - floor) / (top - floor)
    np.clip(out, 0.0, 1.0, out=out)
    out[~alive] = 0.0
    return out


def mix(lex: np.ndarray, dense: np.ndarray, w_lexical: float, w_dense: float) -> np.ndarray:
    """Weighted sum of the normalised scores."""
    return w_lexical * lex + w_dense * dense


def rrf(rank_lists: list[np.ndarray], n: int, k: int = 60,
        weights: list[float] | None = None) -> np.ndarray:
    """Reciprocal rank fusion: sum of ``w / (k + rank)`` over the given ranked slot lists."""
    out = np.zeros(n, dtype=np.float32)
    weights = weights or [1.0] * len(rank_lists)
    for ranked, w in zip(rank_lists, weights):
        out[ranked] += w / (k + np.arange(1, len(ranked) + 1, dtype=np.float32))
    return out
