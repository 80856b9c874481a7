"""Span hygiene on real-page shapes (kopir.newsroom.extract.tidy), through find_entities."""

from kopir.newsroom.extract.ner import find_entities
from kopir.newsroom.extract.tidy import mask_urls


def _orgs(text, lang):
    return [sp.text for sp in find_entities(text, lang) if sp.label == "ORG"]


def test_links_are_blanked_with_their_length():
    text = "Read more at https://www.facebook.com/share/p/1DXS5MY3fE/?x=1 or write to press@tou.edu.kz."
    masked = mask_urls(text)
    assert len(masked) == len(text)
    assert "DXS" not in masked and "tou" not in masked and masked.startswith("Read more at ")
    orgs = _orgs("The reception was held at Atyrau University (https://www.facebook.com/share/p/1DXS5MY3fE/).", "en")
    assert not any(o in ("DXS", "MY") for o in orgs)


def test_a_headline_in_capitals_gives_no_organisations_of_its_ordinary_words():
    text = ("ОРТАЛЫҚ АЗИЯ ЕЛДЕРІНІҢ ЖОҒАРЫ ОҚУ ОРЫНДАРЫ РЕКТОРЛАРЫНЫҢ ФОРУМЫ ӨТТІ\n"
            "Форумға Сәтбаев университетінің ректоры қатысты.")
    orgs = _orgs(text, "kk")
    assert not any(o in ("ЖОҒАРЫ", "ОҚУ", "ФОРУМЫ", "ӨТТІ") for o in orgs)
    assert any("Сәтбаев университет" in o for o in orgs)


def test_names_joined_by_and_or_a_case_ending_are_two():
    orgs = _orgs("Хайфа университеті және Бар-Илан университеті өкілдері ҚазҰУ-да Ланчжоу "
                 "университетінің делегациясын қабылдады.", "kk")
    assert {"Хайфа университеті", "Бар-Илан университеті", "ҚазҰУ-да", "Ланчжоу университетінің"} <= set(orgs)


def test_a_list_of_subjects_before_the_head_stays_one_name():
    orgs = _orgs("Математика, физика және информатика институтының оқытушылары келді.", "kk")
    assert "Математика, физика және информатика институтының" in orgs


def test_a_breadcrumb_keeps_only_the_name():
    orgs = _orgs("Басты бет > Жаңалықтар > Жұбанов университеті\nЖұбанов университетінде кездесу өтті.", "kk")
    assert not any(">" in o or o.startswith("Жаңалықтар") for o in orgs)
