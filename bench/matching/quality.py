"""Quality runs: DBLP expert finding (English) and the trilingual demo needs."""
from __future__ import annotations

import itertools
import time

import numpy as np

from kopir.matching.engine import MatchingIndex
from kopir.matching.engine.embedding import QUERY, embed_cached
from kopir.matching.engine.metrics import average_precision, mrr_at, ndcg_at, precision_at

from .loaders import LANGS, load_dblp, load_demo_directory, load_needs, load_parallel_texts

MODES = ("hybrid", "lexical", "dense")


def _build(docs, embedder, cache, config=None):
    t0 = time.perf_counter()
    before = getattr(embedder, "texts_embedded", 0)
    index = MatchingIndex(embedder, cache, config)
    index.add(docs)
    return index, time.perf_counter() - t0, getattr(embedder, "texts_embedded", 0) - before


def run_dblp(embedder, cache, fusions=("mix", "rrf")) -> dict:
    """MAP / P@10 / nDCG@10 per mode, labelled documents as queries (paper protocol)."""
    task = load_dblp()
    index, secs, embedded = _build(task.documents, embedder, cache)
    qvecs = embed_cached(embedder, [q[1] for q in task.queries], QUERY, cache)
    cands = sorted(task.candidates)
    out = {"build_s": secs, "embedded": embedded, "queries": len(task.queries),
           "docs": len(task.documents), "candidates": len(cands)}
    runs = [(m, "mix") for m in MODES] + [("hybrid", f) for f in fusions if f != "mix"]
    for mode, fus in runs:
        index.config.fusion = fus
        ap, p10, nd = [], [], []
        for (qid, text, _), qv in zip(task.queries, qvecs):
            hits = index.rank_entities(text, k=len(cands), mode=mode, qvec=qv,
                                       entities=task.candidates)
            ranked = [h.id for h in hits]
            seen = set(ranked)
            ranked += [c for c in cands if c not in seen]   # unscored candidates last
            rel = task.qrels[qid]
            ap.append(average_precision(ranked, rel))
            p10.append(precision_at(ranked, rel, 10))
            nd.append(ndcg_at(ranked, rel, 10))
        name = mode if fus == "mix" else f"{mode}-{fus}"
        out[name] = {"MAP": float(np.mean(ap)), "P@10": float(np.mean(p10)),
                     "nDCG@10": float(np.mean(nd))}
    index.config.fusion = "mix"
    return out


def run_trilingual(embedder, cache, fusions=("mix", "rrf"), subspace: bool = True) -> dict:
    """nDCG@10 / MRR@10 of units per mode and mean pairwise top-10 overlap across kk/ru/en.

    With ``subspace`` the index learns its language subspace from the parallel
    translations of *organisations and people* (not units, which are the
    ranked items, and not the needs, which are the queries).
    """
    docs = load_demo_directory()
    needs = load_needs()
    index, secs, embedded = _build(docs, embedder, cache)
    if subspace:
        index.learn_language_subspace(load_parallel_texts())
    langs_in_corpus = {}
    for d in docs:
        langs_in_corpus[d.lang] = langs_in_corpus.get(d.lang, 0) + 1
    out = {"build_s": secs, "embedded": embedded, "docs": len(docs), "needs": len(needs),
           "entities": len({e for d in docs for e in d.entities}), "corpus_langs": langs_in_corpus}
    texts = [n[lang] for n in needs for lang in LANGS]
    qvecs = dict(zip(texts, embed_cached(embedder, texts, QUERY, cache)))
    runs = [(m, "mix") for m in MODES] + [("hybrid", f) for f in fusions if f != "mix"]
    for mode, fus in runs:
        index.config.fusion = fus
        nd = {lang: [] for lang in LANGS}
        mrr = []
        overlaps = []
        for n in needs:
            tops = {}
            for lang in LANGS:
                hits = index.rank_entities(n[lang], k=10, mode=mode, qvec=qvecs[n[lang]])
                ranked = [h.id for h in hits]
                tops[lang] = set(ranked)
                nd[lang].append(ndcg_at(ranked, n["relevant"], 10))
                mrr.append(mrr_at(ranked, n["relevant"], 10))
            for a, b in itertools.combinations(LANGS, 2):
                overlaps.append(len(tops[a] & tops[b]) / 10.0)
        name = mode if fus == "mix" else f"{mode}-{fus}"
        out[name] = {"nDCG@10": float(np.mean([x for v in nd.values() for x in v])),
                     **{f"nDCG@10[{lang}]": float(np.mean(v)) for lang, v in nd.items()},
                     "MRR@10": float(np.mean(mrr)), "overlap@10": float(np.mean(overlaps))}
    index.config.fusion = "mix"
    return out
