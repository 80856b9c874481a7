"""Explanations: which words and which sentences matched, on each side.

Lexical evidence is the shared stems with the surface words that produced
them (so ``лабораторию`` and ``лаборатории`` show up as themselves).  Dense
evidence is sentence-level: the document's sentences are embedded (through the
cache, so a worker can warm it and repeated explanations are free) and each is
paired with the query sentence it is closest to, whatever the two languages.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from .analysis import analyze_with_surface
from .embedding import PASSAGE, QUERY, embed_cached
from .normalize import split_sentences


@dataclass
class TermMatch:
    term: str                 # shared index term (stem)
    query_words: list[str]
    doc_words: list[str]
    weight: float             # idf of the term in the index


@dataclass
class SentenceMatch:
    doc_sentence: str
    query_sentence: str
    similarity: float | None  # cosine of the two sentences (None without an embedder)
    matched_words: list[str]  # document words shared with the query (lexically)


@dataclass
class Explanation:
    """Why one document (or entity) matched one query."""

    id: str
    score: float
    lexical: float                       # normalised lexical part (query coverage)
    dense: float                         # normalised dense part
    cosine: float | None                 # raw best-chunk cosine
    facets: dict[str, float] = field(default_factory=dict)
    terms: list[TermMatch] = field(default_factory=list)
    sentences: list[SentenceMatch] = field(default_factory=list)
    documents: list[Explanation] = field(default_factory=list)   # entity -> its top docs

    def as_dict(self) -> dict:
        return asdict(self)


def match_terms(query: str, doc_text: str, idf) -> list[TermMatch]:
    """Shared stems between query and document, heaviest first."""
    q = analyze_with_surface(query)
    d = analyze_with_surface(doc_text)
    qw: dict[str, list[str]] = {}
    for term, w in q:
        qw.setdefault(term, [])
        if w not in qw[term]:
            qw[term].append(w)
    dw: dict[str, list[str]] = {}
    for term, w in d:
        if term in qw:
            dw.setdefault(term, [])
            if w not in dw[term]:
                dw[term].append(w)
    out = [TermMatch(t, qw[t], dw[t], float(idf(t))) for t in dw]
    out.sort(key=lambda m: (-m.weight, m.term))
    return out


def match_sentences(query: str, doc_text: str, terms: list[TermMatch], embedder=None,
                    cache=None, limit: int = 3, max_doc_sentences: int = 24) -> list[SentenceMatch]:
    """Best document sentences for the query, each paired with its closest query sentence.

    Sentences are ranked by cosine when an embedder is given (plus a small bonus
    for lexical matches), otherwise by the idf mass of the matched words.
    """
    d_sents = split_sentences(doc_text)[:max_doc_sentences]
    q_sents = split_sentences(query) or [query]
    if not d_sents:
        return []
    word_weight = {}
    for m in terms:
        for w in m.doc_words:
            word_weight[w] = m.weight
    lex_scores, lex_words = [], []
    for s in d_sents:
        words = {w for _, w in analyze_with_surface(s)}
        hit = sorted(w for w in words if w in word_weight)
        lex_words.append(hit)
        lex_scores.append(sum(word_weight[w] for w in hit))
    lex = np.asarray(lex_scores, dtype=np.float32)
    total_idf = sum(m.weight for m in terms) or 1.0
    if embedder is not None:
        D = embed_cached(embedder, d_sents, PASSAGE, cache)
        Q = embed_cached(embedder, q_sents, QUERY, cache)
        sim = D @ Q.T                                     # doc sentences x query sentences
        best_q = sim.argmax(axis=1)
        best = sim.max(axis=1)
        rank = best + 0.05 * lex / total_idf
    else:
        best_q = np.zeros(len(d_sents), dtype=np.int64)
        best = None
        rank = lex
    order = np.lexsort((np.arange(len(d_sents)), -rank))[:limit]
    out = []
    for i in order:
        if best is None and lex[i] <= 0:
            continue
        out.append(SentenceMatch(
            doc_sentence=d_sents[i], query_sentence=q_sents[int(best_q[i])],
            similarity=None if best is None else round(float(best[i]), 4),
            matched_words=lex_words[i]))
    return out
