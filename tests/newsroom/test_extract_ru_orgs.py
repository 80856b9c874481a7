"""Russian organisation rules on top of natasha (kopir.newsroom.extract.ru_orgs)."""

import pytest

from kopir.newsroom.extract import ru_natasha, ru_orgs
from kopir.newsroom.extract.ner import find_entities

pytestmark = pytest.mark.skipif(not ru_natasha.available(), reason="natasha is not installed")


def _spans(text, normalise=True):
    return [(sp.label, sp.text, sp.normal) for sp in find_entities(text, "ru", normalise=normalise)]


def _labelled(text, label):
    return {t for lab, t, _ in _spans(text, normalise=False) if lab == label}


def test_state_after_an_organisation_belongs_to_it():
    spans = _spans("Министерство науки и высшего образования РК объявило конкурс грантов для молодых учёных.")
    assert ("ORG", "Министерство науки и высшего образования РК",
            "Министерство науки и высшего образования РК") in spans
    spans = _spans("Ректор КазНУ выступил на форуме в Национальном банке Казахстана.")
    assert ("ORG", "Национальном банке Казахстана", "Национальный банк Казахстана") in spans
    # the place stays a place as well
    assert ("LOC", "Казахстана", "Казахстан") in spans


def test_nominative_place_after_an_organisation_is_not_taken():
    orgs = _labelled("Делегацию принимал Евразийский национальный университет, Астана стала площадкой форума.", "ORG")
    assert not any("Астана" in o for o in orgs)


def test_lower_case_head_word_before_a_place_makes_an_organisation():
    spans = _spans("Соглашение подписали представители правительства Китая и посольства Казахстана.")
    assert ("ORG", "правительства Китая", "правительство Китая") in spans
    assert ("ORG", "посольства Казахстана", "посольство Казахстана") in spans
    assert ("LOC", "Китая", "Китай") in spans


def test_agreeing_adjectives_go_with_the_head_word():
    spans = _spans("Семинар провели для сотрудников правоохранительных органов Казахстана.")
    assert ("ORG", "правоохранительных органов Казахстана", "правоохранительные органы Казахстана") in spans


def test_a_person_title_is_not_a_head_word():
    # "аким" is a post, not an organisation: the region stays a place only
    spans = _spans("Заместитель акима Абайской области встретился со студентами университета.")
    assert ("LOC", "Абайской области", "Абайская область") in spans
    assert not any(lab == "ORG" and "области" in t for lab, t, _ in spans)


def test_abbreviation_in_brackets_is_an_organisation_of_its_own():
    orgs = _labelled("Совет молодых учёных (СМУ) провёл конкурс научных проектов.", "ORG")
    assert "СМУ" in orgs
    assert not any("(" in o for o in orgs)


def test_split_brackets_keeps_the_normal_form_of_the_outer_name():
    text = "Союз журналистов Казахстана (СЖК)"
    out = ru_orgs._split_brackets(text, [[0, len(text), "ORG", "Союз журналистов Казахстана (СЖК)"]])
    assert out == [[0, 27, "ORG", "Союз журналистов Казахстана"], [29, 32, "ORG", "СЖК"]]


def test_names_natasha_reads_as_places_or_words():
    assert "Евросоюз" in _labelled("Евросоюз выделил грант на развитие университетов региона.", "ORG")
    text = "Кремль прокомментировал решение, а встреча прошла в Кремле."
    assert "Кремль" in _labelled(text, "ORG")
    assert "Кремле" in _labelled(text, "LOC")
    text = "Эксперимент студентов провели на борту МКС, сообщают СМИ."
    assert "МКС" in _labelled(text, "LOC")
    assert "СМИ" not in _labelled(text, "ORG")


def test_organisation_normal_form_inflects_only_the_head_phrase():
    spans = _spans("Ректор КазНУ имени аль-Фараби выступил перед сотрудниками «Газпрома».")
    orgs = {t: n for lab, t, n in spans if lab == "ORG"}
    assert orgs["КазНУ имени аль-Фараби"] == "КазНУ имени аль-Фараби"
    spans = _spans("Учёные Института ядерной физики Министерства энергетики провели эксперимент.")
    orgs = {n for lab, t, n in spans if lab == "ORG"}
    assert any(n.startswith("Институт ядерной физики") for n in orgs)


def test_legal_form_still_wins():
    spans = _spans("ТОО «Спектромарт» поставило оборудование для лаборатории Satbayev University.")
    assert any(lab == "ORG" and t == "ТОО «Спектромарт»" for lab, t, _ in spans)


def _facts_ru(text):
    from kopir.newsroom.extract import extract

    return extract(text, "ru")


def test_press_release_units_and_bodies_named_by_their_place():
    f = _facts_ru("На физико-техническом факультете кафедра технической физики и теплоэнергетики открыла "
                  "лабораторию «Зелёная энергетика». Грант выделил фонд «Даму». Гостей встретили представители "
                  "акимата области Абай, управления образования Павлодарской области и Палаты предпринимателей "
                  "области Абай, а студенты кафедры в центре города не пришли.")
    orgs = {o["name"] for o in f["organizations"]}
    assert {"физико-технический факультет", "кафедра технической физики и теплоэнергетики",
            "лаборатория «Зелёная энергетика»", "фонд «Даму»", "акимат области Абай",
            "управление образования Павлодарской области", "Палата предпринимателей области Абай"} <= orgs
    assert not any(o.startswith("кафедра в") or o == "Дама" for o in orgs)


def test_press_release_people_region_names_initials_and_female_surnames():
    f = _facts_ru("Заместитель акима области Абай Ерболат Каримов открыл форум, профессор Динара Ахметова выступила. "
                  "Доклад Динары Ахметовой дополнил А.К. Жумабеков, а в Таразе прошла выставка. "
                  "Лабораторию Атырауского университета нефти и газа имени Сафи Утебаева открыли вчера.")
    people = {p["name"] for p in f["people"]}
    assert people == {"Ерболат Каримов", "Динара Ахметова", "А.К. Жумабеков"}
    assert any(o["name"].endswith("имени Сафи Утебаева") for o in f["organizations"])


def test_sentence_initial_unit_coordinated_subjects_and_undeclined_female_names():
    f = _facts_ru("Кафедра геофизики открыла набор. Доцент кафедры химии и биотехнологии Гульшат Нургалиева "
                  "рассказала о работе.")
    orgs = {o["name"] for o in f["organizations"]}
    assert {"Кафедра геофизики", "кафедра химии и биотехнологии"} <= orgs
    assert {p["name"] for p in f["people"]} == {"Гульшат Нургалиева"}


def test_delegation_of_a_named_organisation_and_a_generic_university_tail():
    f = _facts_ru("Слушатели Центра педагогического мастерства университета встретили делегацию "
                  "Университета Анкары.")
    orgs = {o["name"] for o in f["organizations"]}
    assert "Центр педагогического мастерства" in orgs
    assert not any(o.lower().startswith("делегац") for o in orgs)


def test_nominative_of_adjectives_the_dictionary_reads_as_other_words():
    from natasha import MorphVocab

    from kopir.newsroom.extract.ru_orgs import nominative_head_phrase

    morph = MorphVocab()
    assert nominative_head_phrase(morph, ["Усть-Каменогорского", "высшего", "политехнического", "колледжа"]) == [
        "Усть-Каменогорский", "высший", "политехнический", "колледж"]
    assert nominative_head_phrase(morph, ["Высшей", "школы"]) == ["Высшая", "школа"]
    assert nominative_head_phrase(morph, ["Объединённым", "институтом"]) == ["Объединённый", "институт"]


def test_person_names_keep_yo_and_school_names_keep_their_head():
    f = _facts_ru("Алексей Воробьёв встретил учеников гимназии «Зерде» и представителей корпоративного "
                  "фонда «Samruk-Kazyna Trust».")
    assert {p["name"] for p in f["people"]} == {"Алексей Воробьёв"}
    orgs = {o["name"] for o in f["organizations"]}
    assert "гимназия «Зерде»" in orgs
