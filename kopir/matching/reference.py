"""Background texts of the embedding model, shipped with the package.

A search ranks; it does not say whether the best hit is related at all. multilingual-e5
scores two unrelated Russian texts about 0.8 and a related Kazakh-Russian pair about 0.87,
and the gap depends on the languages and on the texts' length, so no fixed cosine tells
them apart. :func:`standard_score` compares a text's cosine to the query with the query's
cosines to *background* texts of the same language: the demo directory's capability titles
and descriptions, embedded once and shipped in ``data/language_background.npz`` (written
again by ``kopir matching_background``). A related text stands two or more standard
deviations above the background; an unrelated one about one.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np

BACKGROUND_FILE = Path(__file__).resolve().parent / "data" / "language_background.npz"
CORPUS = Path(__file__).resolve().parents[1] / "directory" / "demo" / "data" / "capabilities.json"
LANGS = ("kk", "ru", "en")


def corpus_texts(path: Path = CORPUS) -> dict[str, list[str]]:
    """Every demo capability's title and description, per language."""
    texts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    for cap in json.loads(path.read_text(encoding="utf-8")):
        for field in ("title", "description"):
            for lang in LANGS:
                if cap.get(field, {}).get(lang, "").strip():
                    texts[lang].append(cap[field][lang])
    return texts


def write(embedder, path: Path = BACKGROUND_FILE) -> dict[str, int]:
    """Embed the background corpus as passages and save the vectors (float16) per language."""
    from kopir.matching.engine.embedding import PASSAGE

    texts = corpus_texts()
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, model_id=np.asarray(embedder.model_id),
                        **{lang: embedder.embed(rows, PASSAGE).astype(np.float16) for lang, rows in texts.items()})
    return {lang: len(rows) for lang, rows in texts.items()}


@functools.cache
def _load(path: Path) -> tuple[str, dict[str, np.ndarray]]:
    with np.load(path) as z:
        return str(z["model_id"]), {lang: z[lang].astype(np.float32) for lang in LANGS if lang in z.files}


def background(model_id: str, path: Path = BACKGROUND_FILE) -> dict[str, np.ndarray]:
    """The shipped background vectors when they were embedded with ``model_id``, else ``{}``."""
    if not path.exists():
        return {}
    written_by, vectors = _load(path)
    return vectors if written_by == model_id else {}


def baseline(query: np.ndarray, vectors: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of ``query``'s cosines to ``vectors``."""
    sims = vectors @ np.asarray(query, dtype=np.float32)
    return float(sims.mean()), max(float(sims.std()), 1e-6)


def standard_score(cosine: float, query: np.ndarray, vectors: np.ndarray) -> float:
    """How many standard deviations ``cosine`` lies above ``query``'s cosines to ``vectors``."""
    mean, std = baseline(query, vectors)
    return (cosine - mean) / std
