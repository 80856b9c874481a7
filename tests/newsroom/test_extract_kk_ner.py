"""The Kazakh perceptron tagger: the packaged model, the trainer, the merge with the rules.
Pure tests (no database, nothing read from /work/shared)."""

import json
from pathlib import Path

import numpy as np
import pytest

from kopir.newsroom.extract import extract, find_entities, kk_ner, train_kk

RELEASE = (
    "Шәкәрім университетінің ректоры Ерлан Жақыпов пен «Семей Инжиниринг» АҚ басқарма "
    "төрағасы Асқар Серікбаев Абай облысында кездесті."
)


def _found(text, **kw):
    return {(sp.text, sp.label) for sp in find_entities(text, "kk", **kw)}


def test_packaged_model_loads_from_the_package():
    tagger = kk_ner.load_default()
    assert tagger is not None
    assert kk_ner.MODEL_PATH.is_file()
    # shipped in the wheel: the package data patterns cover the model's path in the package
    import tomllib
    from fnmatch import fnmatch

    patterns = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())[
        "tool"]["setuptools"]["package-data"]["*"]
    inside = kk_ner.MODEL_PATH.relative_to(Path(kk_ner.__file__).parent)
    assert any(fnmatch(inside.as_posix(), p.replace("**/", "")) for p in patterns)
    assert {"B-PER", "I-PER", "B-ORG", "B-LOC"} <= set(tagger.labels)
    assert "IOB2_valid.txt" in tagger.meta.get("trained_on", "")


def test_tagger_on_a_press_release_sentence():
    found = _found(RELEASE)
    assert ("Ерлан Жақыпов", "PER") in found
    assert ("Асқар Серікбаев", "PER") in found
    assert ("«Семей Инжиниринг» АҚ", "ORG") in found  # the rules' legal-form span wins
    assert any(lab == "ORG" and t.startswith("Шәкәрім университет") for t, lab in found)
    assert any(lab == "LOC" and t.startswith("Абай облыс") for t, lab in found)


def test_extract_kazakh_people_positions_and_legal_form():
    f = extract(RELEASE, lang="kk")
    people = {p["name"]: p for p in f["people"]}
    assert set(people) >= {"Ерлан Жақыпов", "Асқар Серікбаев"}
    assert people["Ерлан Жақыпов"]["positions"][0]["title"] == "ректоры"
    org = next(o for o in f["organizations"] if "Семей Инжиниринг" in o["name"])
    assert org["legal_form"] == "JSC"


def test_rules_only_still_available():
    assert ("Ерлан Жақыпов", "PER") in _found(RELEASE, rules_only=True)


def test_normalise_and_stem():
    assert kk_ner.normalise("Aстана") == "астана"  # Latin A folded into a Cyrillic word
    assert kk_ner.normalise("EMC") == "emc"  # an all-Latin name keeps its letters
    assert kk_ner.stem("университетінің") == "университет"
    assert kk_ner.chunks(["B-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]


TINY = """Қанат B-PERSON
Бекұлы I-PERSON
Ақтөбе B-GPE
қаласына O
«Мұнайгаз» B-ORGANISATION
компаниясымен I-ORGANISATION
келді O
. O

AID1 O
Бүгін B-DATE
Дана B-PERSON
сөйледі O
. O
"""


def test_training_on_a_tiny_file(tmp_path):
    src = tmp_path / "tiny.iob2"
    src.write_text(TINY, encoding="utf-8")
    out = tmp_path / "m.npz"
    assert train_kk.main(["--files", str(src), "--out", str(out), "--epochs", "5", "--prune", "0"]) == 0
    tagger = kk_ner.KkTagger.load(out)
    sents = train_kk.load_iob2(src, "all")
    assert sents[1][0] == ["Бүгін", "Дана", "сөйледі", "."]  # the sentence-id token is skipped
    for toks, tags in sents:
        assert tagger.tag(toks) == tags
    spans = tagger.spans("Қанат Бекұлы Ақтөбе қаласына «Мұнайгаз» компаниясымен келді.")
    assert (0, 12, "PER") in spans and (13, 19, "LOC") in spans


def test_trainer_refuses_test_splits(tmp_path):
    src = tmp_path / "IOB2_test2.txt"
    src.write_text(TINY, encoding="utf-8")
    with pytest.raises(SystemExit):
        train_kk.main(["--files", str(src), "--out", str(tmp_path / "m.npz")])


def test_head_class_matches_inflected_head_nouns():
    assert kk_ner.head_class("партиясының") == "ORG"
    assert kk_ner.head_class("телеарнасына") == "ORG"
    assert kk_ner.head_class("бағдарламасы") == "PRJ"
    assert kk_ner.head_class("фестивалінде") == "EVT"
    assert kk_ner.head_class("сөйледі") is None
    assert kk_ner.head_class("қорытынды") is None  # a short stem takes only a short ending


def test_phrase_features_see_the_head_noun_after_a_name():
    toks = "Бас мердігер « Транс Азия » серіктестігі Джонс Хопкинс университетінің мәліметінше .".split()
    f = kk_ner.features(toks)
    transs, azia = f[3], f[4]
    assert "qn=серіктестіг" in transs and "qh=ORG" in transs  # the word after the closing quote
    assert "qpos=B" in transs and "qpos=E" in azia
    assert "qp=мердігер" in transs  # the word before the opening quote
    jons = f[7]
    assert "rn=университет" in jons and "rh=ORG|B" in jons  # the word after the capitalised run
    assert "hd=ORG@2" in jons  # nearest head noun to the right, two tokens on
    assert "end=інің" in f[9] and "h=ORG" in f[9]
    assert not any(x.startswith(("qn=", "rn=")) for x in f[1])  # lower-case, unquoted


def test_tagger_rows_match_the_training_features():
    """The tagger's cached rows must be exactly the features the trainer saw."""
    toks = "« Нұр Отан » партиясының Астана қалалық филиалы мен Бек Эйр компаниясы".split()
    feats = kk_ner.features(toks)
    names = sorted({x for f in feats for x in f})
    W = np.arange(len(names) * 3, dtype=np.float32).reshape(len(names), 3) % 7
    tagger = kk_ner.KkTagger(names, W, np.zeros((4, 3)), ["O", "B-ORG", "I-ORG"])
    expect = np.stack([W[[names.index(x) for x in f]].sum(0) for f in feats])
    assert np.allclose(tagger._emissions(toks), expect)


def test_press_releases_become_gold_persons_and_organisations_over_silver_classes(tmp_path):
    src = tmp_path / "tiny.iob2"
    src.write_text(TINY, encoding="utf-8")
    silver = kk_ner.KkTagger(*train_kk.train(train_kk.load_iob2(src, "all"), epochs=5, log=lambda *_: None))
    text = "Дана Ақтөбе қаласына келді. Ол «Мұнайгаз» компаниясымен және Өңірлік ғылым орталығымен кездесті."
    release = {"id": "kk-1", "lang": "kk", "text": text, "gold": {
        "organizations": [{"name": "«Мұнайгаз» компаниясымен", "aliases": ["Мұнайгаз"]},
                          {"name": "Өңірлік ғылым орталығымен", "aliases": ["Өңірлік ғылым орталығы"]}],
        "people": [{"name": "Дана", "aliases": ["Сейітова"], "positions": []}]}}
    path = tmp_path / "kk.dev.jsonl"
    path.write_text(json.dumps(release, ensure_ascii=False) + "\n", encoding="utf-8")
    sents = train_kk.press_sentences(path, silver)
    assert [w for w, _ in sents] == [["Дана", "Ақтөбе", "қаласына", "келді", "."],
                                     ["Ол", "«", "Мұнайгаз", "»", "компаниясымен", "және", "Өңірлік", "ғылым",
                                      "орталығымен", "кездесті", "."]]
    first, second = (t for _, t in sents)
    assert first[0] == "B-PER" and first[1] == "B-LOC"  # the place is the silver model's
    # the longest written form wins; a name the silver model does not know is still gold
    assert second[1:9] == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG"]
    assert second[9] != "I-ORG"


def test_trainer_adds_press_releases_and_refuses_their_test_split(tmp_path):
    src = tmp_path / "tiny.iob2"
    src.write_text(TINY, encoding="utf-8")
    release = {"id": "kk-1", "text": "Ерлан «Жарық» серіктестігіне келді.", "gold": {
        "organizations": [{"name": "«Жарық» серіктестігіне"}], "people": [{"name": "Ерлан", "positions": []}]}}
    for name in ("kk.dev.jsonl", "kk.test.jsonl"):
        (tmp_path / name).write_text(json.dumps(release, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "m.npz"
    assert train_kk.main(["--files", str(src), "--press", str(tmp_path / "kk.dev.jsonl"), "--press-weight", "2",
                          "--out", str(out), "--epochs", "5", "--prune", "0"]) == 0
    tagger = kk_ner.KkTagger.load(out)
    assert tagger.meta["trained_on"] == "tiny.iob2 kk.dev.jsonl"
    assert tagger.tag("Ерлан « Жарық » серіктестігіне келді .".split()) == \
        ["B-PER", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"]
    with pytest.raises(SystemExit):
        train_kk.main(["--files", str(src), "--press", str(tmp_path / "kk.test.jsonl"), "--out", str(out)])
