"""The matching index: documents in, ranked documents or entities out.

:class:`MatchingIndex` combines the BM25 index (:mod:`.lexical`), the dense
chunk index (:mod:`.dense`), fusion (:mod:`.fusion`), caller-supplied facets
(:mod:`.facets`), document->entity aggregation (:mod:`.aggregate`) and
explanations (:mod:`.explain`).  It has no Django dependency; the Django side
turns model rows into :class:`Document` objects and feature dicts.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from . import fusion
from .aggregate import aggregate
from .analysis import analyze
from .dense import DenseIndex, chunk_text, language_subspace
from .embedding import PASSAGE, QUERY, Embedder, EmbeddingCache, embed_cached
from .explain import Explanation, match_sentences, match_terms
from .facets import Features, Weights, facet_contributions
from .language import detect_language
from .lexical import BM25Index, top_k

MODES = ("hybrid", "lexical", "dense")
FORMAT_VERSION = 1


@dataclass
class Document:
    """One indexable text: a capability, a research result, a publication, a need...

    ``entity`` groups documents (lab slug, person id); ``lang`` is detected if
    not given; ``meta`` is carried along untouched (saved with the index).
    """

    id: str
    text: str
    title: str = ""
    entity: str | list[str] | None = None   # several for co-authored publications
    lang: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def entities(self) -> list[str]:
        """Entities this document counts for (itself when it has none)."""
        if not self.entity:
            return [self.id]
        return [self.entity] if isinstance(self.entity, str) else list(self.entity)

    @property
    def full_text(self) -> str:
        return f"{self.title}. {self.text}" if self.title else self.text


@dataclass
class MatchConfig:
    """Tunable knobs; defaults are what the benchmark was run with."""

    fusion: str = "mix"            # "mix" (calibrated sum) or "rrf"
    w_lexical: float = 0.5
    w_dense: float = 1.0
    rrf_k: int = 60
    candidates: int = 200          # per list, for document search
    entity_candidates: int = 2000  # per list, for entity ranking
    chunk_words: int = 40
    agg_top: int = 5
    agg_beta: float = 1.0
    agg_decay: float = 0.5
    k1: float = 1.2
    b: float = 0.75
    # Approximate dense search (HNSW) from this many live chunks on; exact scan
    # below.  The graph's search breadth is max(ann_ef, ann_ef_per_k * depth of
    # the candidate list): on the bench's 100k set ef 800 for the 200-deep
    # document list gave recall@10 1.00 vs exact, and 2.5 x 2,000 for entity
    # ranking raised its top-10 agreement with exact from 0.94 (ef 2,000) to 0.99.
    ann_threshold: int = 20_000
    ann_ef: int = 800
    ann_ef_per_k: float = 2.5


@dataclass
class Hit:
    """A ranked document or entity with the parts of its score."""

    id: str
    score: float
    rank: int
    lexical: float = 0.0
    dense: float = 0.0
    cosine: float | None = None
    base: float = 0.0                     # score before facets
    facets: dict[str, float] = field(default_factory=dict)
    documents: list[tuple[str, float]] = field(default_factory=list)  # entity hits only
    explanation: Explanation | None = None


class MatchingIndex:
    """Hybrid cross-lingual index with incremental upkeep.

    ``embedder=None`` gives a lexical-only index.  ``cache`` (any
    :class:`~.embedding.EmbeddingCache`) is used for every passage embedding.
    """

    def __init__(self, embedder: Embedder | None = None, cache: EmbeddingCache | None = None,
                 config: MatchConfig | None = None):
        self.embedder = embedder
        self.cache = cache
        self.config = config or MatchConfig()
        self.lexical = BM25Index(self.config.k1, self.config.b)
        self.dense = DenseIndex(embedder.dim) if embedder is not None else None
        self._docs: list[Document | None] = []
        self._slot: dict[str, int] = {}
        self._alive_cache: np.ndarray | None = None
        self._ent_cache: tuple | None = None

    # -- upkeep --------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._slot)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._slot

    def get(self, doc_id: str) -> Document | None:
        slot = self._slot.get(doc_id)
        return self._docs[slot] if slot is not None else None

    def vectors_of(self, doc_id: str) -> np.ndarray:
        """The chunk vectors held for ``doc_id`` (unit length, as embedded; no centring)."""
        return self.dense.row_vectors(self._slot[doc_id])

    def documents(self) -> list[Document]:
        return [d for d in self._docs if d is not None]

    def chunks_of(self, doc: Document) -> list[str]:
        """Texts embedded for ``doc``: the title, then sentence groups of the text.

        Small chunks matter for cross-lingual matching: with a small model a
        Kazakh lab description's one relevant sentence scores clearly higher
        against a Russian need on its own than diluted in a paragraph.
        """
        chunks = ([doc.title] if doc.title.strip() else []) + chunk_text(doc.text, self.config.chunk_words)
        return chunks or [doc.full_text]

    def add(self, docs: Iterable[Document], vectors: Sequence[np.ndarray] | None = None,
            batch_size: int = 64, progress: Callable[[int, int], None] | None = None) -> int:
        """Add or replace documents (same id = replace); returns how many were added.

        ``vectors`` optionally gives precomputed chunk vectors per document (one
        2-d array each, e.g. loaded from the database), skipping embedding.
        Otherwise chunks are embedded in batches through the cache;
        ``progress(done, total)`` is called after each batch.
        """
        docs = list(docs)
        for d in docs:
            if d.lang is None:
                d.lang = detect_language(d.full_text)
        if self.dense is not None and vectors is None:
            vectors = []
            for i in range(0, len(docs), batch_size):
                part = docs[i: i + batch_size]
                chunk_lists = [self.chunks_of(d) for d in part]
                flat = [c for cl in chunk_lists for c in cl]
                mat = embed_cached(self.embedder, flat, PASSAGE, self.cache)
                pos = 0
                for cl in chunk_lists:
                    vectors.append(mat[pos: pos + len(cl)])
                    pos += len(cl)
                if progress:
                    progress(min(i + batch_size, len(docs)), len(docs))
        for i, d in enumerate(docs):
            if d.id in self._slot:
                self._remove_one(d.id)
            slot = self.lexical.add(analyze(d.full_text, d.lang))
            self._docs.append(d)
            self._slot[d.id] = slot
            self._ent_cache = None
            if self.dense is not None and vectors is not None:
                self.dense.add(slot, vectors[i], d.lang)
        return len(docs)

    def remove(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by id (unknown ids are ignored); returns how many went."""
        n = sum(1 for d in doc_ids if self._remove_one(d))
        if n and self.lexical.compact_needed():
            self.compact()
        return n

    def _remove_one(self, doc_id: str) -> bool:
        slot = self._slot.pop(doc_id, None)
        if slot is None:
            return False
        self.lexical.remove(slot)
        if self.dense is not None:
            self.dense.remove(slot)
        self._docs[slot] = None
        self._alive_cache = None
        self._ent_cache = None
        return True

    def compact(self) -> None:
        """Drop tombstones left by removals and renumber slots."""
        alive = np.asarray([d is not None for d in self._docs], dtype=bool)
        slot_map = np.full(len(self._docs), -1, dtype=np.int64)
        slot_map[alive] = np.arange(int(alive.sum()))
        self.lexical.compact(slot_map)
        if self.dense is not None:
            self.dense.compact(slot_map)
        self._docs = [d for d in self._docs if d is not None]
        self._slot = {d.id: i for i, d in enumerate(self._docs)}
        self._alive_cache = None
        self._ent_cache = None

    def uses_ann(self) -> bool:
        """Whether dense search goes through the HNSW graph (building it if due).

        True once the index holds ``config.ann_threshold`` live chunks and
        ``hnswlib`` is installed; below that every query is an exact scan.
        """
        return self.dense is not None and self.dense.ensure_ann(self.config.ann_threshold)

    def learn_language_subspace(self, parallel: Sequence[Mapping[str, str]], k: int = 16) -> int:
        """Learn the language-identity subspace from parallel texts and install it.

        ``parallel``: items such as ``{"kk": ..., "ru": ..., "en": ...}`` (the
        same content in several languages; the platform's translated fields
        are ideal).  Items with fewer than two languages are skipped.  Texts are
        embedded through the cache.  Returns the number of items used.  With
        no call, only language centering is applied.
        """
        if self.dense is None:
            return 0
        langs = ("kk", "ru", "en")
        items = [[it[lang] for lang in langs] for it in parallel
                 if all(isinstance(it.get(lang), str) and it.get(lang).strip() for lang in langs)]
        if len(items) < 2:
            return 0
        flat = [t for tri in items for t in tri]
        vecs = embed_cached(self.embedder, flat, PASSAGE, self.cache).reshape(len(items), 3, -1)
        self.dense.set_subspace(language_subspace(vecs, min(k, len(items) * 2)))
        return len(items)

    # -- scoring -------------------------------------------------------------
    def embed_query(self, query: str) -> np.ndarray | None:
        """Query vector (not cached: queries are short and mostly unique)."""
        if self.embedder is None:
            return None
        return embed_cached(self.embedder, [query], QUERY, None)[0]

    def _scores(self, query: str, mode: str, qvec: np.ndarray | None = None,
                candidates: int | None = None, include: Sequence[int] = ()):
        """Per-slot arrays: fused score, normalised lexical, normalised dense, cosine;
        and ``cand``: None when every slot was scored, else the slots scored
        (approximate path: the graph's ~``candidates`` nearest plus the lexical
        top ``candidates`` plus ``include``; every other slot's fused score is -inf).

        Keeping the lexical top list in ``cand`` makes the fused top-``candidates``
        the same as with an exact scan, up to the graph's recall: a slot outside
        both lists has a lower lexical score than ``candidates`` slots of ``cand``
        and no larger dense score than theirs can add.
        """
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        n = len(self._docs)
        if self._alive_cache is None or len(self._alive_cache) != n:
            self._alive_cache = np.asarray([d is not None for d in self._docs], dtype=bool)
        alive = self._alive_cache
        c = candidates or self.config.candidates
        lex = np.zeros(n, dtype=np.float32)
        dn = np.zeros(n, dtype=np.float32)
        cos = np.full(n, -1.0, dtype=np.float32)
        cand = None
        if mode in ("hybrid", "lexical"):
            bm, ideal = self.lexical.score(analyze(query))
            lex = fusion.lexical_normalized(bm, ideal)
        if mode in ("hybrid", "dense") and self.dense is not None:
            if qvec is None:
                qvec = self.embed_query(query)
            qlang = detect_language(query)
            if self.uses_ann():
                extra = np.asarray(list(include), dtype=np.int64)
                if mode == "hybrid":
                    nz = np.flatnonzero(lex)   # dead slots have zero BM25
                    extra = np.concatenate([extra, nz[top_k(lex[nz], c)]])
                ef = max(self.config.ann_ef, int(self.config.ann_ef_per_k * c))
                cand, cvals, floor = self.dense.search(qvec, c, qlang, ef, extra)
                cos[cand] = cvals
                dn[cand] = fusion.dense_normalized(cvals, cvals > -1.0, floor=floor)
            else:
                cos = self.dense.score(qvec, n, qlang)
                dn = fusion.dense_normalized(cos, alive & (cos > -1.0))
        if mode == "lexical":
            fused = lex.copy()
        elif mode == "dense":
            fused = dn.copy()
        elif self.dense is None:
            fused = lex.copy()
        elif self.config.fusion == "rrf":
            r = self.config.candidates   # rank lists as deep as before, whatever the caller's depth
            fused = fusion.rrf([top_k(np.where(alive, lex, -1), r), top_k(np.where(alive, cos, -2), r)],
                               n, self.config.rrf_k, [self.config.w_lexical, self.config.w_dense])
        else:
            fused = fusion.mix(lex, dn, self.config.w_lexical, self.config.w_dense)
        mask = alive
        if cand is not None:
            mask = np.zeros(n, dtype=bool)
            mask[cand] = True
            mask &= alive
        fused = np.where(mask, fused, -np.inf).astype(np.float32)
        return fused, lex, dn, cos, cand

    def _top(self, fused: np.ndarray, cand: np.ndarray | None, k: int) -> np.ndarray:
        """Best ``k`` slots by fused score, among ``cand`` when given."""
        if cand is None:
            return top_k(fused, k)
        return cand[top_k(fused[cand], k)]

    def _entity_table(self):
        """Entities interned to ints, per slot as CSR (indptr, flat ids), names, name->id.

        Lets entity ranking aggregate thousands of candidate documents with
        numpy instead of a Python loop (46 ms -> ~1 ms at 2,000 candidates).
        """
        if self._ent_cache is None:
            ids: dict[str, int] = {}
            flat: list[int] = []
            indptr = [0]
            for d in self._docs:
                if d is not None:
                    for e in d.entities:
                        flat.append(ids.setdefault(e, len(ids)))
                indptr.append(len(flat))
            self._ent_cache = (np.asarray(indptr, dtype=np.int64), np.asarray(flat, dtype=np.int64),
                               list(ids), ids)
        return self._ent_cache

    def search(self, query: str, k: int = 10, mode: str = "hybrid",
               features: Features | None = None, weights: Weights | None = None,
               explain: bool = False, qvec: np.ndarray | None = None) -> list[Hit]:
        """Rank documents for ``query`` (any of kk/ru/en).

        ``features``/``weights``: per-document facet values and their weights
        (see :mod:`.facets`); facets re-rank the top candidates of the fused list.
        ``explain=True`` attaches an :class:`Explanation` to each hit.
        ``qvec`` lets a caller pass a precomputed query vector.
        Documents with a zero score (no shared words in lexical mode, below the
        corpus mean in dense mode) are not returned.
        """
        c = max(self.config.candidates, k)
        fused, lex, dn, cos, scored = self._scores(query, mode, qvec, candidates=c)
        cand = self._top(fused, scored, c)
        if not (features and weights) and len(cand) > k:
            # Without facets the order is by fused score (ties by id): Hits are
            # needed only down to the k-th score, not for all candidates.
            cand = cand[fused[cand] >= fused[cand[k - 1]]]
        hits = []
        for slot in cand.tolist():
            if not np.isfinite(fused[slot]) or fused[slot] <= 0:
                continue   # dead slot, or nothing in common with the query
            doc = self._docs[slot]
            contrib = facet_contributions(doc.id, features, weights)
            base = float(fused[slot])
            hits.append(Hit(id=doc.id, score=base + sum(contrib.values()), rank=0,
                            lexical=float(lex[slot]), dense=float(dn[slot]),
                            cosine=float(cos[slot]) if cos[slot] > -1 else None,
                            base=base, facets=contrib))
        hits.sort(key=lambda h: (-h.score, h.id))
        hits = hits[:k]
        for r, h in enumerate(hits, 1):
            h.rank = r
            if explain:
                h.explanation = self.explain(query, h.id, hit=h)
        return hits

    def rank_entities(self, query: str, k: int = 10, mode: str = "hybrid",
                      features: Features | None = None, weights: Weights | None = None,
                      entity_features: Features | None = None, explain: bool = False,
                      qvec: np.ndarray | None = None, entities: set[str] | None = None
                      ) -> list[Hit]:
        """Rank entities (labs, people) by their documents' scores.

        Document facets (``features``) adjust document scores before
        aggregation; entity facets (``entity_features``, same ``weights``)
        are added to the aggregated score.  ``entities`` restricts the ranking
        to a set of entity ids (e.g. only labs that accept requests).
        Documents without an entity stand for themselves.
        """
        c = self.config.entity_candidates
        fused, lex, dn, cos, scored = self._scores(query, mode, qvec, candidates=c)
        cand = self._top(fused, scored, c)
        cand = cand[np.isfinite(fused[cand]) & (fused[cand] > 0)]
        docs = self._docs
        s = fused[cand].astype(np.float64)
        if features and weights:
            s += np.asarray([sum(facet_contributions(docs[slot].id, features, weights).values())
                             for slot in cand.tolist()], dtype=np.float64)
        indptr, flat, names, ids = self._entity_table()
        # One (entity, document) pair per entity of each candidate document.
        cnt = indptr[cand + 1] - indptr[cand]
        offs = np.arange(int(cnt.sum())) - np.repeat(np.cumsum(cnt) - cnt, cnt)
        p_ent = flat[np.repeat(indptr[cand], cnt) + offs]
        p_slot = np.repeat(cand, cnt)
        p_s = np.repeat(s, cnt)
        keep = p_s > 0
        if entities is not None:
            allowed = np.zeros(len(names), dtype=bool)
            allowed[[ids[e] for e in entities if e in ids]] = True
            keep &= allowed[p_ent]
        p_ent, p_slot, p_s = p_ent[keep], p_slot[keep], p_s[keep]
        if len(p_ent) == 0:
            return []
        # Vectorised aggregate(): sort by entity then score, rank within entity,
        # weight 1, beta, beta*decay, ... for ranks below agg_top.
        order = np.lexsort((-p_s, p_ent))
        p_ent, p_slot, p_s = p_ent[order], p_slot[order], p_s[order]
        first = np.r_[True, p_ent[1:] != p_ent[:-1]]
        starts = np.flatnonzero(first)
        ends = np.r_[starts[1:], len(p_ent)]
        rank = np.arange(len(p_ent)) - np.repeat(starts, ends - starts)
        cfg = self.config
        w = np.where(rank == 0, 1.0, cfg.agg_beta * cfg.agg_decay ** np.maximum(rank - 1, 0))
        w[rank >= cfg.agg_top] = 0.0
        totals = np.add.reduceat(w * p_s, starts)
        group_ent = p_ent[starts]
        if entity_features and weights:
            totals = totals + np.asarray(
                [sum(facet_contributions(names[e], entity_features, weights).values())
                 for e in group_ent.tolist()], dtype=np.float64)
        # Exact order (score desc, id asc) only among groups that can reach the top k.
        if len(totals) > k:
            kth = np.partition(-totals, k - 1)[k - 1]
            near = np.flatnonzero(-totals <= kth + 1e-9)
        else:
            near = np.arange(len(totals))
        near = sorted(near.tolist(), key=lambda g: (-totals[g], names[group_ent[g]]))[:k]
        hits = []
        for g in near:
            ent = names[group_ent[g]]
            a, b = int(starts[g]), int(ends[g])
            # Scalar aggregate() on the chosen few keeps scores and document
            # lists identical to the reference implementation.
            score, docs_of = aggregate([(ent, docs[sl].id, sc) for sl, sc in
                                        zip(p_slot[a:b].tolist(), p_s[a:b].tolist())],
                                       cfg.agg_top, cfg.agg_beta, cfg.agg_decay)[ent]
            contrib = facet_contributions(ent, entity_features, weights)
            best = self._slot[docs_of[0][0]]
            hits.append(Hit(id=ent, score=score + sum(contrib.values()), rank=0,
                            lexical=float(lex[best]), dense=float(dn[best]),
                            cosine=float(cos[best]) if cos[best] > -1 else None,
                            base=score, facets=contrib, documents=docs_of))
        hits.sort(key=lambda h: (-h.score, h.id))
        hits = hits[:k]
        for r, h in enumerate(hits, 1):
            h.rank = r
            if explain:
                ex = Explanation(id=h.id, score=h.score, lexical=h.lexical, dense=h.dense,
                                 cosine=h.cosine, facets=h.facets)
                ex.documents = [self.explain(query, d) for d, _ in h.documents[:2]]
                h.explanation = ex
        return hits

    def explain(self, query: str, doc_id: str, hit: Hit | None = None,
                sentences: int = 3) -> Explanation:
        """Why ``doc_id`` matches ``query``: shared words and best sentence pairs.

        Sentence embeddings go through the cache, so the first explanation of a
        document costs a few embeddings and later ones are free.
        """
        doc = self.get(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        if hit is None:
            slot = self._slot[doc_id]
            fused, lex, dn, cos, _ = self._scores(query, "hybrid" if self.dense is not None else "lexical",
                                                  include=[slot])
            hit = Hit(id=doc_id, score=float(fused[slot]), rank=0, lexical=float(lex[slot]),
                      dense=float(dn[slot]), cosine=float(cos[slot]) if cos[slot] > -1 else None)
        terms = match_terms(query, doc.full_text, self.lexical.idf)
        sents = match_sentences(query, doc.full_text, terms, self.embedder, self.cache, sentences)
        return Explanation(id=doc_id, score=hit.score, lexical=hit.lexical, dense=hit.dense,
                           cosine=hit.cosine, facets=dict(hit.facets), terms=terms, sentences=sents)

    # -- persistence ---------------------------------------------------------
    def save(self, directory: str | os.PathLike) -> None:
        """Write the index to ``directory`` (created; files replaced atomically one by one).

        Tombstones are compacted first.  A web process loads it with :meth:`load`.
        """
        directory = os.fspath(directory)
        if any(d is None for d in self._docs):
            self.compact()
        tmp = directory + ".tmp"
        os.makedirs(tmp, exist_ok=True)
        self.lexical.save(tmp)
        if self.dense is not None:
            self.dense.save(tmp, self.config.ann_threshold)
        with open(os.path.join(tmp, "documents.jsonl"), "w", encoding="utf-8") as f:
            for d in self._docs:
                f.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")
        manifest = {"format": FORMAT_VERSION, "config": asdict(self.config),
                    "model_id": self.embedder.model_id if self.embedder else None,
                    "dim": self.embedder.dim if self.embedder else None,
                    "documents": len(self._docs)}
        with open(os.path.join(tmp, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1)
        # Swap directories so a concurrent reader never sees a half-written index.
        old = directory + ".old"
        if os.path.exists(directory):
            os.replace(directory, old)
        os.replace(tmp, directory)
        if os.path.exists(old):
            import shutil

            shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: str | os.PathLike, embedder: Embedder | None = None,
             cache: EmbeddingCache | None = None) -> MatchingIndex:
        """Load an index written by :meth:`save`.

        ``embedder`` must have the ``model_id`` the index was built with (needed
        to embed queries and new documents); pass None for a lexical-only index.
        """
        directory = os.fspath(directory)
        with open(os.path.join(directory, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported index format {manifest.get('format')!r}")
        model_id = manifest.get("model_id")
        if model_id is not None and embedder is not None and embedder.model_id != model_id:
            raise ValueError(f"index built with {model_id!r}, embedder is {embedder.model_id!r}")
        if model_id is not None and embedder is None:
            raise ValueError(f"index has dense vectors from {model_id!r}: pass that embedder")
        self = cls(embedder if model_id else None, cache, MatchConfig(**manifest["config"]))
        self.lexical = BM25Index.load(directory)
        if model_id is not None:
            self.dense = DenseIndex.load(directory)
        with open(os.path.join(directory, "documents.jsonl"), encoding="utf-8") as f:
            self._docs = [Document(**json.loads(line)) for line in f if line.strip()]
        self._slot = {d.id: i for i, d in enumerate(self._docs)}
        self._ent_cache = None
        return self
