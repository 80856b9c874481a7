"""Approximate (HNSW) dense path: same results as the exact scan, upkeep, persistence.

Small indexes are forced onto the graph with ``MatchConfig(ann_threshold=1)``;
with ``ann_ef`` above the index size the graph search is exhaustive, so
results must match the exact scan (the reference) hit for hit.
"""
import random

import numpy as np
import pytest

from kopir.matching.engine import Document, MatchConfig, MatchingIndex, MemoryEmbeddingCache

from .test_engine_index import TrigramEmbedder

pytest.importorskip("hnswlib")

WORDS = ("зертхана сынама талдау мал дәрігер топырақ су сапасы мұнай бұрғылау "
         "лаборатория анализ почва вода качество сварка нефть бурение обучение "
         "laboratory analysis soil water quality welding oil drilling training sensor").split()
QUERIES = ["анализ качества воды", "су сапасын талдау", "soil analysis laboratory",
           "сварка и обучение", "oil drilling sensor", "мұнай бұрғылау зертхана"]


def _docs(n, seed=3, prefix="d"):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = ". ".join(" ".join(rng.choices(WORDS, k=rng.randint(4, 9)))
                         for _ in range(rng.randint(1, 3)))
        title = " ".join(rng.choices(WORDS, k=3)) if i % 3 == 0 else ""   # multi-chunk docs too
        out.append(Document(f"{prefix}{i}", body, title=title, entity=f"e{i // 4}"))
    return out


def _pair(n=240):
    """The same documents in an exact index and in one forced onto the graph."""
    emb = TrigramEmbedder()
    cache = MemoryEmbeddingCache()
    exact = MatchingIndex(emb, cache, MatchConfig(ann_threshold=10**9, chunk_words=6))
    approx = MatchingIndex(emb, cache, MatchConfig(ann_threshold=1, ann_ef=2000, chunk_words=6))
    exact.add(_docs(n))
    approx.add(_docs(n))
    return exact, approx


def _same(a, b):
    assert [h.id for h in a] == [h.id for h in b]
    for x, y in zip(a, b):
        assert x.score == pytest.approx(y.score, abs=1e-5)
        assert x.dense == pytest.approx(y.dense, abs=1e-5)
        assert x.lexical == pytest.approx(y.lexical, abs=1e-6)


def _check_all(exact, approx):
    for q in QUERIES:
        for mode in ("hybrid", "dense"):
            _same(exact.search(q, k=10, mode=mode), approx.search(q, k=10, mode=mode))
        _same(exact.rank_entities(q, k=10), approx.rank_entities(q, k=10))


def test_forced_ann_matches_exact_scan():
    exact, approx = _pair()
    assert approx.uses_ann() and not exact.uses_ann()
    assert exact.dense.ann is None and approx.dense.ann is not None
    _check_all(exact, approx)
    # documents listed for an entity, and the entity filter, agree too
    q = QUERIES[0]
    a = exact.rank_entities(q, k=5, entities={"e3", "e7", "e11"})
    b = approx.rank_entities(q, k=5, entities={"e3", "e7", "e11"})
    _same(a, b)
    assert [h.documents for h in a] == [h.documents for h in b]
    # an explanation of a document outside every candidate list still gets its cosine
    doc = exact.search(QUERIES[1], k=240, mode="dense")[-1].id
    assert approx.explain(QUERIES[1], doc).cosine == pytest.approx(
        exact.explain(QUERIES[1], doc).cosine, abs=1e-5)


def test_ann_mean_cosine_is_the_exact_corpus_mean():
    _, approx = _pair(120)
    d = approx.dense
    q = approx.embed_query(QUERIES[2])
    y = d.prepare_query(q, "en")
    full = d.score(q, len(approx._docs), "en")
    assert d.mean_score(y) == pytest.approx(float(full[full > -1].mean()), abs=1e-5)


def test_ann_add_remove_save_load_round_trip(tmp_path):
    exact, approx = _pair(200)
    for ix in (exact, approx):
        ix.search(QUERIES[0])                       # builds the graph on the approx side
        ix.add(_docs(30, seed=9, prefix="n"))       # incremental insertion into the graph
        ix.add([Document("d5", "water quality sensor су сапасы", entity="e-new")])   # replace
        ix.remove(["d1", "d2", "d3", "n4"])
    graph = approx.dense.ann
    assert graph is not None and graph.deleted >= 5   # replaced + removed, marked deleted
    _check_all(exact, approx)
    hits = approx.search("water quality sensor су сапасы", k=20)
    assert "d5" in {h.id for h in hits} and not {"d1", "d2", "d3", "n4"} & {h.id for h in hits}

    approx.save(tmp_path / "idx")
    exact.save(tmp_path / "exact")
    assert (tmp_path / "idx" / "dense_ann.bin").exists()
    assert not (tmp_path / "exact" / "dense_ann.bin").exists()
    emb = approx.embedder
    loaded = MatchingIndex.load(tmp_path / "idx", emb)
    assert loaded.dense.ann is not None
    graph = loaded.dense.ann
    assert loaded.uses_ann() and loaded.dense.ann is graph   # loaded ready, not rebuilt
    exact2 = MatchingIndex.load(tmp_path / "exact", emb)
    _check_all(exact2, loaded)
    # upkeep keeps working on the loaded graph; slots were compacted by save()
    for ix in (exact2, loaded):
        ix.add(_docs(10, seed=11, prefix="m"))
        ix.remove(["d10", "m3"])
    _check_all(exact2, loaded)
    assert "m3" not in {h.id for h in loaded.search("sensor", k=50)}


def test_many_deletions_rebuild_the_graph():
    _, approx = _pair(120)
    approx.search(QUERIES[0])
    first = approx.dense.ann
    approx.remove([f"d{i}" for i in range(60)])
    approx.search(QUERIES[0])
    assert approx.dense.ann is not first and approx.dense.ann.deleted == 0
    assert len(approx.dense.ann) == approx.dense.n_alive


def test_small_index_keeps_exact_scan():
    index = MatchingIndex(TrigramEmbedder())     # default threshold: 20,000 chunks
    index.add(_docs(50))
    index.search(QUERIES[0])
    assert not index.uses_ann() and index.dense.ann is None
    assert np.isfinite([h.score for h in index.search(QUERIES[0])]).all()


def test_graph_failure_falls_back_to_exact_candidates(monkeypatch):
    exact, approx = _pair(120)
    approx.search(QUERIES[0])

    def broken(*args, **kwargs):
        raise RuntimeError("Cannot return the results in a contiguous 2D array")

    monkeypatch.setattr(approx.dense.ann, "query", broken)
    _check_all(exact, approx)
