"""The press-release benchmark's scorer and data (not the extractor)."""

from __future__ import annotations

import json
import re

import pytest

from bench.extraction import press

ORG = [{"name": "ТОО «Спектромарт»", "aliases": ["Спектромарт"]},
       {"name": "Шәкәрім университетінде", "aliases": ["Шәкәрім университеті"]},
       {"name": "EMC LLP", "aliases": ["EMC"]}]


def test_normalise_quotes_punctuation_case_and_spaces():
    assert press.normalise("  ТОО  «Спектромарт» ") == "тоо спектромарт"
    assert press.normalise('"Semey  Engineering" JSC.') == "semey engineering jsc"
    assert press.normalise("А.К. Жумабеков") == "а к жумабеков"
    assert press.normalise("“Kaspi.kz”") == "kaspi kz"
    assert press.normalise("Master’s") == "masters"


def test_normalise_maps_latin_lookalikes_only_inside_cyrillic_words():
    # Latin "A", "O", "i" typed inside Cyrillic words
    assert press.normalise("AО «Казатомпром»") == press.normalise("АО «Казатомпром»")
    assert press.normalise("Шәкәрiм") == press.normalise("Шәкәрім")
    assert press.normalise("EMC") == "emc"  # a Latin word stays Latin


def test_strict_matches_name_or_alias_only():
    tp, fp, fn, *_ = press.match(ORG, ["Спектромарт", "emc llp"])
    assert (tp, fp, fn) == (2, 0, 1)
    tp, fp, fn, *_ = press.match(ORG, ["Шәкәрім университетінің"])
    assert (tp, fp, fn) == (0, 1, 3)


def test_lenient_absorbs_inflection_and_partial_spans():
    tp, fp, fn, *_ = press.match(ORG, ["Шәкәрім университетінің"], lenient=True)
    assert (tp, fp, fn) == (1, 0, 2)
    gold = [{"name": "Карагандинском университете имени академика Е.А. Букетова", "aliases": []}]
    assert press.match(gold, ["Карагандинский университет имени академика Е.А. Букетов"],
                       lenient=True)[:3] == (1, 0, 0)
    # a fragment under 2/3 of the longer name is not a match even leniently
    assert press.match(gold, ["Карагандинский университет"], lenient=True)[:3] == (0, 1, 1)
    assert press.lenient_match("kazakh national university", "national university")
    assert not press.lenient_match("university of oulu", "oulu")
    # Latin words are not stemmed
    assert not press.lenient_match("rector", "rectors")


def test_duplicate_prediction_is_not_a_second_false_positive():
    for lenient in (False, True):
        tp, fp, fn, pairs, fps, misses = press.match(
            ORG, ["Спектромарт", "ТОО «Спектромарт»", "спектромарт"], lenient=lenient)
        assert (tp, fp, fn) == (1, 0, 2)
        assert fps == []
        assert sorted(pairs[0]) == [0, 1, 2]


def test_wrong_organisation_is_a_false_positive():
    tp, fp, fn, _, fps, misses = press.match(ORG, ["EMC", "Home University News Contacts"],
                                             lenient=True)
    assert (tp, fp, fn) == (1, 1, 2)
    assert fps == ["Home University News Contacts"]
    assert "EMC LLP" not in misses


def test_each_gold_entity_is_matched_once():
    gold = [{"name": "EMC LLP", "aliases": ["EMC"]}, {"name": "EMC Group", "aliases": []}]
    tp, fp, fn, *_ = press.match(gold, ["EMC", "EMC Group"])
    assert (tp, fp, fn) == (2, 0, 0)


def test_position_titles_and_document_scoring():
    doc = {"id": "x", "gold": {
        "organizations": [{"name": "Шәкәрім университетінде", "aliases": ["Шәкәрім университеті"]}],
        "people": [{"name": "Мақсат Төлеубаев", "aliases": [],
                    "positions": [{"title": "ректор", "organization": None},
                                  {"title": "әкім", "organization": None}]}]}}
    out = {"organizations": [{"name": "Шәкәрім университеті"}, {"name": "Абай облысы"}],
           "people": [{"name": "Мақсат Төлеубаевтың", "positions": [
               {"title": "Шәкәрім университетінің ректоры", "organization": None}]}]}
    s = press.score_doc(doc, out)
    assert s[("ORG", "strict")] == {"tp": 1, "fp": 1, "fn": 0}
    assert s[("PER", "strict")] == {"tp": 0, "fp": 1, "fn": 1}
    assert s[("PER", "lenient")] == {"tp": 1, "fp": 0, "fn": 0}
    assert s["pos"] == {"found": 1, "total": 2}
    assert press.title_match("Rector", "Chairman of the Board – Rector")
    assert not press.title_match("ректор", "проректор")
    assert press.title_match("әкім", "облысының әкімі")


@pytest.mark.parametrize("lang", press.LANGS)
@pytest.mark.parametrize("split", press.SPLITS)
def test_every_data_file_parses_and_every_entity_has_a_name(lang, split):
    path = press.DATA_DIR / f"{lang}.{split}.jsonl"
    docs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(docs) == (32 if split == "dev" else 16)
    for d in docs:
        assert d["lang"] == lang and d["id"].startswith(f"{lang}-{split}-")
        assert 150 <= len(re.findall(r"\w+", d["text"])) <= 450
        gold = d["gold"]
        assert gold["organizations"] and gold["people"]
        for e in gold["organizations"] + gold["people"]:
            assert e["name"].strip(), d["id"]
            assert e["name"] in d["text"], (d["id"], e["name"])  # first written form
            assert isinstance(e["aliases"], list)
        for p in gold["people"]:
            for pos in p["positions"]:
                assert pos["title"].strip() and "organization" in pos
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids))
