"""Spotting known names: the built-in list of well-known organisations and the directory's."""

import json

from kopir.newsroom.extract import Linker, extract, find_entities
from kopir.newsroom.extract.cli import main
from kopir.newsroom.extract.gazetteer import NameSpotter


def _found(spotter, text):
    return [(text[a:b], label) for a, b, label in spotter.find(text)]


def test_inflected_kazakh_and_russian_names_match_but_look_alike_stems_do_not():
    spotter = NameSpotter([("Казатомпром", "ORG"), ("Казахский национальный университет", "ORG"),
                           ("Казахмыс", "ORG"), ("Айгүл Серікқызы", "PER")])
    text = ("Казатомпромның өкілдері Казахского национального университета студенттерімен кездесті. "
            "Казахская делегация и Айгүл Серікқызына алғыс айтты.")
    assert _found(spotter, text) == [
        ("Казатомпромның", "ORG"), ("Казахского национального университета", "ORG"),
        ("Айгүл Серікқызына", "PER")]


def test_names_need_a_capital_letter_and_one_sentence():
    spotter = NameSpotter([("Air Astana", "ORG"), ("Samruk-Kazyna", "ORG")])
    assert _found(spotter, "We flew with air astana. Then Air. Astana was cold.") == []
    assert _found(spotter, "Samruk-Kazyna's fund and Air Astana signed.") == [
        ("Samruk-Kazyna", "ORG"), ("Air Astana", "ORG")]


def test_short_single_words_and_one_word_people_are_not_indexed():
    spotter = NameSpotter([("Qor", "ORG"), ("Aigul", "PER"), ("Kazzinc", "ORG")])
    assert _found(spotter, "Qor and Aigul visited Kazzinc.") == [("Kazzinc", "ORG")]


def test_builtin_list_finds_organisations_without_a_head_word():
    spans = find_entities("The university signed memoranda with Kazatomprom and Samruk-Kazyna.", "en")
    assert {(sp.text, sp.label) for sp in spans} >= {("Kazatomprom", "ORG"), ("Samruk-Kazyna", "ORG")}


def test_directory_name_replaces_a_shorter_span_it_covers():
    linker = Linker([{"id": "o:1", "kind": "organization",
                      "names": ["Al-Farabi Kazakh National University"]}])
    text = "Students of Al-Farabi Kazakh National University met the partners."
    facts = extract(text, "en", names=linker.spotter)
    assert [o["name"] for o in facts["organizations"]] == ["Al-Farabi Kazakh National University"]


def test_cli_spots_directory_names(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "1", "lang": "en",
                               "text": "Engineers of Ertis Pharm visited the laboratory with Nurlan Abenov."}) + "\n")
    directory = tmp_path / "dir.jsonl"
    directory.write_text(json.dumps({"id": "o:7", "kind": "organization", "names": ["Ertis Pharm"]}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", "--in", str(inp), "--out", str(out), "--directory", str(directory)]) == 0
    rec = json.loads(out.read_text())
    org = next(o for o in rec["organizations"] if o["name"] == "Ertis Pharm")
    assert org["link"] == "o:7"
    # without the directory the same name is not known
    assert main(["extract", "--in", str(inp), "--out", str(out)]) == 0
    assert "Ertis Pharm" not in [o["name"] for o in json.loads(out.read_text())["organizations"]]
