"""Pure tests of kopir.newsroom.extract (no database)."""

import json

import pytest

from kopir.newsroom.extract import (
    Linker,
    detect_language,
    extract,
    find_dates,
    find_duplicates,
    link_facts,
    split_sentences,
    strip_furniture,
)
from kopir.newsroom.extract.cli import main

EN = (
    "On 12 March 2025 Shakarim University held its annual Science Week. "
    "Rector of Shakarim University Aigerim Nurlanova opened the exhibition. "
    "Engineers from EMC LLP and Semey Engineering JSC presented their projects, "
    "and the akimat of the Abai region sent a delegation."
)
RU = (
    "15 апреля 2025 г. в Шакарим университете открылась Неделя науки. "
    "Ректор университета Аскар Серикбаев приветствовал гостей. "
    "В выставке участвовали ТОО «Спектромарт» и АО «Семей Инжиниринг»."
)
KK = (
    "2025 жылғы 20 сәуірде Шәкәрім университетінде Ғылым апталығы басталды. "
    "Абай облысының әкімі Ерлан Жақыпов шараға қатысты. "
    "Көрмеге «Спектромарт» ЖШС пен «Семей Инжиниринг» АҚ өкілдері келді."
)


def _names(items):
    return [i["name"] for i in items]


def test_detect_language():
    assert detect_language(EN) == "en"
    assert detect_language(RU) == "ru"
    assert detect_language(KK) == "kk"


def test_split_sentences_keeps_initials_together():
    text = "Профессор А. Б. Иванов выступил. Затем слово взял ректор."
    spans = split_sentences(text)
    assert len(spans) == 2
    assert text[spans[0][0]:spans[0][1]].endswith("выступил.")


@pytest.mark.parametrize(
    "text,iso",
    [("08 april 2024", "2024-04-08"), ("8 апреля 2024 г.", "2024-04-08"),
     ("2024 жылғы 8 сәуір", "2024-04-08"), ("April 8, 2024", "2024-04-08"),
     ("08.04.2024", "2024-04-08")],
)
def test_dates_three_languages(text, iso):
    assert [d.iso for d in find_dates(f"Released {text} by the press office")] == [iso]


def test_extract_english():
    f = extract(EN)
    orgs = _names(f["organizations"])
    assert "EMC LLP" in orgs and "Semey Engineering JSC" in orgs
    assert any(o.get("legal_form") == "JSC" for o in f["organizations"])
    person = next(p for p in f["people"] if p["name"] == "Aigerim Nurlanova")
    assert person["positions"][0]["title"] == "Rector"
    assert person["positions"][0]["organization"] == "Shakarim University"
    week = next(e for e in f["events"] if e["name"] == "Science Week")
    assert week["date"] == "2025-03-12"


def test_extract_russian():
    f = extract(RU)
    orgs = _names(f["organizations"])
    assert "ТОО «Спектромарт»" in orgs and "АО «Семей Инжиниринг»" in orgs
    person = next(p for p in f["people"] if p["name"] == "Аскар Серикбаев")
    assert person["positions"][0]["title"] == "Ректор"
    ev = next(e for e in f["events"] if e["name"].startswith("Неделя науки"))
    assert ev["date"] == "2025-04-15"


def test_extract_kazakh():
    f = extract(KK)
    orgs = _names(f["organizations"])
    assert any("Спектромарт" in o and "ЖШС" in o for o in orgs)
    assert any("Шәкәрім университет" in o for o in orgs)
    person = next(p for p in f["people"] if p["name"] == "Ерлан Жақыпов")
    pos = person["positions"][0]
    assert pos["title"] == "әкімі" and pos["organization"].startswith("Абай облыс")
    ev = next(e for e in f["events"] if e["name"] == "Ғылым апталығы")
    assert ev["date"] == "2025-04-20"


def test_linking_across_spellings():
    linker = Linker([
        {"id": "shakarim", "kind": "organization", "names": ["Shakarim University"]},
        {"id": "kaznu", "kind": "organization", "names": ["Al-Farabi Kazakh National University"]},
        {"id": "abai", "kind": "place", "names": ["Abai region"]},
    ])
    for mention in ("Шәкәрім университеті", "Шакарим университет", "Shakarim University",
                    "Университет Шакарима"):
        assert linker.link(mention, "organization") == "shakarim", mention
    for mention in ("Әл-Фараби атындағы Қазақ ұлттық университеті",
                    "Казахский национальный университет имени аль-Фараби"):
        assert linker.link(mention, "organization") == "kaznu", mention
    assert linker.link("Semey Engineering", "organization") is None
    assert linker.link("Shakarim University", "place") is None  # kinds must agree


def test_link_facts_marks_new_items():
    facts = extract(EN)
    link_facts(facts, Linker([{"id": 7, "kind": "organization", "names": ["ЕМС ЖШС", "EMC"]}]))
    emc = next(o for o in facts["organizations"] if o["name"] == "EMC LLP")
    assert emc["link"] == 7
    semey = next(o for o in facts["organizations"] if o["name"] == "Semey Engineering JSC")
    assert semey["link"] is None


HTML = """<html><body>
<header><ul class="menu"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></header>
<nav><a href="/about">About the university</a></nav>
<article>
<h1>Science Week opens</h1>
<p>Rector of Shakarim University Aigerim Nurlanova opened the exhibition of student projects.</p>
<p>Engineers from EMC LLP showed a new sensor.</p>
</article>
<aside class="latest-news"><h3>Latest news</h3><ul><li><a href="/1">Sports day held</a></li></ul></aside>
<footer>© 2025 Shakarim University. All rights reserved.</footer>
</body></html>"""


def test_strip_furniture_html():
    text = strip_furniture(HTML)
    assert "Aigerim Nurlanova opened the exhibition" in text
    assert "EMC LLP" in text
    for junk in ("Home", "About the university", "Sports day held", "All rights reserved"):
        assert junk not in text


def test_strip_furniture_plain_text():
    page = ("Home\nAbout\nNews\nContacts\n\nShakarim University hosted a forum on robotics. "
            "Students presented ten projects.\n\nLatest news\nSports day held\nNew dormitory opened\n"
            "© 2025 Shakarim University")
    text = strip_furniture(page)
    assert text == "Shakarim University hosted a forum on robotics. Students presented ten projects."


def test_duplicates_same_release_twice_and_cross_language():
    en2 = EN.replace("  ", " ") + "\nShare: Facebook"
    other = "The football team of the university won the city cup on 3 May 2025 in Semey."
    kk_same = ("2025 жылғы 12 наурызда Shakarim University ғылым апталығын өткізді. "
               "Shakarim University ректоры Айгерим Нурланова көрмені ашты. "
               "EMC ЖШС және Semey Engineering АҚ инженерлері жобаларын таныстырды.")
    pairs = find_duplicates([
        {"id": "en", "text": EN}, {"id": "en-again", "text": en2},
        {"id": "other", "text": other}, {"id": "kk", "text": kk_same},
    ])
    kinds = {(p["a"], p["b"]): p["kind"] for p in pairs}
    assert kinds.get(("en", "en-again")) == "duplicate"
    assert kinds.get(("en", "kk")) == "same_event"
    assert not any("other" in (p["a"], p["b"]) for p in pairs)


def test_cli_roundtrip(tmp_path):
    inp = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    dirf = tmp_path / "dir.jsonl"
    inp.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": 1, "text": EN, "lang": "en"}, {"id": 2, "text": KK}]) + "\n", encoding="utf-8")
    dirf.write_text(json.dumps({"id": "su", "kind": "organization",
                                "names": ["Шәкәрім университеті"]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert main(["extract", "--in", str(inp), "--out", str(out), "--directory", str(dirf)]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [1, 2]
    su = next(o for o in rows[0]["organizations"] if o["name"] == "Shakarim University")
    assert su["link"] == "su"
    assert all("link" in o for r in rows for o in r["organizations"])
    assert {"id", "organizations", "people", "events"} <= set(rows[1])


def test_cli_gives_names_as_written_and_the_dictionary_form_as_an_alias(tmp_path):
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    text = ("Студенты встретились с профессором Динарой Ахметовой в Евразийском национальном "
            "университете. Динара Ахметова рассказала о лаборатории.")
    inp.write_text(json.dumps({"id": "r", "text": text, "lang": "ru"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    assert main(["extract", "--in", str(inp), "--out", str(out)]) == 0
    row = json.loads(out.read_text(encoding="utf-8"))
    person = next(p for p in row["people"] if "Ахметов" in p["name"])
    assert person["name"] == "Динарой Ахметовой"  # the first mention, as it stands
    assert "Динара Ахметова" in person["aliases"]
    org = next(o for o in row["organizations"] if "университет" in o["name"])
    assert org["name"] == "Евразийском национальном университете"
    assert "Евразийский национальный университет" in org["aliases"]
    # the service layer keeps the dictionary form for the directory
    facts = extract(text, "ru")
    assert any(p["name"] == "Динара Ахметова" and p["written"] == "Динарой Ахметовой" for p in facts["people"])


def test_cli_bad_input_reports_line(tmp_path, capsys):
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n', encoding="utf-8")
    assert main(["extract", "--in", str(inp), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert ":2: missing field 'text'" in capsys.readouterr().err
    inp.write_text("not json\n", encoding="utf-8")
    assert main(["extract", "--in", str(inp), "--out", str(tmp_path / "o.jsonl")]) == 2
    assert ":1: invalid JSON" in capsys.readouterr().err


def test_english_rule_precision_fixes():
    f = extract("The anthology was presented by a doctoral student of the Faculty of Law Akerke Zhakysh. "
                "It includes Selected Works and Abay Studies. Rector of Al-Farabi KazNU Zhanseit Tuymebaev spoke, "
                "and the students of Al-Farabi KazNU Marat Bekov read poems.")
    orgs = _names(f["organizations"])
    people = _names(f["people"])
    assert "Faculty of Law" in orgs and "Faculty of Law Akerke Zhakysh" not in orgs
    assert "Akerke Zhakysh" in people
    assert "Selected Works" not in people and "Abay Studies" not in people
    assert "Al-Farabi KazNU" in orgs and "Al-Farabi KazNU" not in people


def test_russian_goes_through_natasha_with_normal_forms():
    from kopir.newsroom.extract import ru_natasha

    assert ru_natasha.available()
    f = extract("Встреча прошла в Казахском национальном университете имени аль-Фараби и в акимате Абайской области. "
                "В ней участвовали представители АО «Семей Инжиниринг».", "ru")
    orgs = f["organizations"]
    kaznu = next(o for o in orgs if o["name"].startswith("Казахский национальный университет"))
    assert kaznu["name"] == "Казахский национальный университет имени аль-Фараби"
    assert "Казахском национальном университете имени аль-Фараби" in kaznu["aliases"]
    assert any(o["name"] == "АО «Семей Инжиниринг»" and o["legal_form"] == "JSC" for o in orgs)
    assert {p["name"] for p in f["places"]} >= {"Абайская область"}


def test_short_forms_of_an_organisation_become_aliases():
    facts = extract(
        "Al-Farabi Kazakh National University signed a memorandum with Kazatomprom. "
        "Students of the Kazakh National University will take internships. "
        "The rector of Al-Farabi KazNU Daniyar Akhmetov thanked the partners.", "en")
    orgs = {o["name"]: o for o in facts["organizations"]}
    assert "Al-Farabi Kazakh National University" in orgs
    assert set(orgs["Al-Farabi Kazakh National University"]["aliases"]) >= {
        "Kazakh National University", "Al-Farabi KazNU"}
    assert "Al-Farabi KazNU" not in orgs and "Kazakh National University" not in orgs


def test_chunked_abbreviations_in_three_scripts():
    from kopir.newsroom.extract.facts import _chunked_abbreviation, _short_form_of

    assert _chunked_abbreviation("KazNU", ["Kazakh", "National", "University"])
    assert _chunked_abbreviation("ҚазҰУ", ["Қазақ", "ұлттық", "университеті"])
    assert _chunked_abbreviation("ЕНУ", ["Евразийский", "национальный", "университет"])
    assert not _chunked_abbreviation("EMC", ["Eurasian", "National", "University"])
    assert _short_form_of("Л.Н. Гумилев атындағы ЕҰУ", "Л.Н. Гумилев атындағы Еуразия ұлттық университеті")
    assert not _short_form_of("Ministry of Economy", "Ministry of National Economy")


def test_minister_of_names_the_ministry_and_coordinated_llp_names_stay_whole():
    facts = extract(
        "The forum was opened by Vice Minister of Energy of the Republic of Kazakhstan Arman Sapargaliyev. "
        "Partners included Institute of Soil Science and Agrochemistry LLP, Shakarim University "
        "and Ertis Foods LLP.", "en")
    names = _names(facts["organizations"])
    # the text names the ministry only through the title: it is the position's organisation,
    # not an organisation written in the text
    assert not any("Energy" in n for n in names)
    assert "Institute of Soil Science and Agrochemistry LLP" in names
    assert "Shakarim University" in names and "Ertis Foods LLP" in names
    person = next(p for p in facts["people"] if p["name"] == "Arman Sapargaliyev")
    assert person["positions"][0]["organization"] == "Ministry of Energy of the Republic of Kazakhstan"


def test_sentence_initial_common_word_before_a_head_is_not_an_organisation():
    facts = extract("Press service of Satbayev University\n\nThe laboratory opened on Monday. "
                    'Editions of the series " Abay heritage studies " were shown beside the University.',
                    "en")
    names = _names(facts["organizations"])
    assert "Press service" not in names
    assert "Satbayev University" in names
    assert not any("heritage" in n for n in names)


def test_english_press_release_patterns():
    facts = extract(strip_furniture(
        "Home   University   Admission   Science   News   Contacts\n\n"
        "Professor Mikko Lehtinen of the University of Oulu visited the Centre for Continuing Education "
        "of Toraighyrov University on Satpayev Street. The akimat of the Pavlodar region supported the "
        "laboratory of the Institute of Geology named after K. Turyssov. "
        "Vice-Rector for Academic Affairs Alexander Kim thanked the guests."), "en")
    orgs = set(_names(facts["organizations"]))
    people = {p["name"]: p for p in facts["people"]}
    assert {"University of Oulu", "Centre for Continuing Education", "Toraighyrov University",
            "akimat of the Pavlodar region", "Institute of Geology named after K. Turyssov"} <= orgs
    assert not any("Home" in o or "Lehtinen" in o for o in orgs)
    assert set(people) == {"Mikko Lehtinen", "Alexander Kim"}
    assert people["Alexander Kim"]["positions"] == [{"title": "Vice-Rector for Academic Affairs", "organization": None}]


def test_english_ordinary_capitalised_words_are_not_people():
    facts = extract(strip_furniture(
        "Shakarim University Hosts Open Day For Future Students\n\n"
        "Photo: Press Service\n"
        "On Saturday the Green Bridge initiative was presented to guests. Mr. Wang Lei of Huawei "
        "and Mikko Lehtinen spoke, and Shakarim University thanked them."), "en")
    people = set(_names(facts["people"]))
    assert people == {"Wang Lei", "Mikko Lehtinen"}
    orgs = set(_names(facts["organizations"]))
    assert orgs == {"Huawei", "Shakarim University"}


def test_english_company_and_partner_names():
    facts = extract(
        "Prizes came from National Agrarian Science and Educational Centre NJSC and Zenchenko and K LLP. "
        "The Polish company sent engineers, and the representative of Spektromart Irina Sokolova spoke. "
        "Graduates joined EPAM Kazakhstan and the Research Institute of Rice named after I. Zhakhayev. "
        "The board of the International Technopark of IT Startups Astana Hub approved the plan.", "en")
    orgs = set(_names(facts["organizations"]))
    assert {"National Agrarian Science and Educational Centre NJSC", "Zenchenko and K LLP", "EPAM Kazakhstan",
            "Research Institute of Rice named after I. Zhakhayev", "Astana Hub"} <= orgs
    assert not any("Polish" in o for o in orgs)
    assert set(_names(facts["people"])) == {"Irina Sokolova"}


def test_kazakh_press_release_units_named_after_and_abbreviations():
    facts = extract(
        "Семинар биология және биотехнология факультетінде өтті. М. Әуезов атындағы Оңтүстік Қазақстан "
        "университетінің «Өнеркәсіптік қауіпсіздік» кафедрасының оқытушылары ШҚУ өкілдерімен кездесті. "
        "Жобаны «Қызылорда күріш» ЖШС-мен бірге Сәтбаев университетінің ғалымдары жүргізеді. "
        "Университеттің Басқарма төрағасы сөз сөйледі, студенттер мен магистранттар зауытқа барды.", "kk")
    orgs = set(_names(facts["organizations"]))
    assert {"биология және биотехнология факультетінде",
            "М. Әуезов атындағы Оңтүстік Қазақстан университетінің",
            "«Өнеркәсіптік қауіпсіздік» кафедрасының", "ШҚУ", "«Қызылорда күріш» ЖШС-мен",
            "Сәтбаев университетінің"} <= orgs
    assert not any("Басқарма" in o or "магистранттар" in o or o.startswith("Семинар") for o in orgs)


def test_english_runs_made_only_of_titles_do_not_break_the_rules():
    facts = extract("The Secretary of State met the Head of State. Chairman of the Board spoke.", "en")
    assert facts["people"] == [] and facts["organizations"] == []


def test_english_title_before_a_comma_and_surname_universities():
    facts = extract("He was accompanied by the deputy akim of the Pavlodar region, Baurzhan Amanzholov.\n\n"
                    "Rector of Satbayev University Marat Abdrakhmanov showed the laboratory.", "en")
    people = {p["name"]: p["positions"] for p in facts["people"]}
    assert people["Baurzhan Amanzholov"] == [{"title": "deputy akim", "organization": "Pavlodar region"}]
    assert people["Marat Abdrakhmanov"] == [{"title": "Rector", "organization": "Satbayev University"}]


def test_kazakh_state_departments_higher_schools_and_units_after_a_university():
    facts = extract(
        "Жиынға Қазақстан Республикасы Төтенше жағдайлар министрлігінің Түркістан облысы бойынша "
        "департаментінің өкілі қатысты. Бағдарламаны Гази университетінің Білім беру ғылымдары институты "
        "әзірледі. Зертхана университеттің Жаратылыстану ғылымдары жоғары мектебінің базасында ашылды. "
        "Екі университеттің студенттері келді.", "kk")
    orgs = set(_names(facts["organizations"]))
    assert ("Қазақстан Республикасы Төтенше жағдайлар министрлігінің Түркістан облысы бойынша департаментінің"
            in orgs)
    assert {"Гази университетінің", "Білім беру ғылымдары институты",
            "Жаратылыстану ғылымдары жоғары мектебінің"} <= orgs
    assert not any(o.startswith("Екі") for o in orgs)


def test_english_initials_titles_with_for_of_and_lists_of_partners():
    facts = extract(
        "The agreement was signed by Vice-Rector for Research and Innovation of KRU Aidyn Mukhtarov and "
        "Vice-Rector for Research of Omsk State Agrarian University named after P.A. Stolypin Ivan Petrov. "
        "The head of the Laboratory of Genomic and Personalized Medicine A.S. Yerzhanova and Professor Hans "
        "Müller of the Institute of Agricultural Engineering and Zhangir Khan University took part. "
        "The Akim of North Kazakhstan Region and a Candidate of Chemical Sciences spoke.", "en")
    people = set(_names(facts["people"]))
    assert people == {"Aidyn Mukhtarov", "Ivan Petrov", "A.S. Yerzhanova", "Hans Müller"}
    orgs = set(_names(facts["organizations"]))
    assert {"KRU", "Omsk State Agrarian University named after P.A. Stolypin",
            "Laboratory of Genomic and Personalized Medicine", "Institute of Agricultural Engineering",
            "Zhangir Khan University"} <= orgs


def test_kazakh_initials_titles_region_departments_and_furniture():
    facts = extract(strip_furniture(
        "Жаңалықтар / Халықаралық ынтымақтастық\n\n"
        "Баяндаманы PhD Д.Б. Төлеген жасады. С. Аманжолов атындағы ШҚУ өкілдері келді. "
        "Ректор Қанапиянов Дархан Қанапиянов екеуі емес. Келісімге Абай облысының денсаулық сақтау "
        "басқармасымен және Информатика және цифрлық технологиялар кафедрасының өкілдері қол қойды. "
        "Студенттер Halyk Bank-те тағылымдамадан өтті."), "kk")
    orgs = set(_names(facts["organizations"]))
    assert {"С. Аманжолов атындағы ШҚУ", "Абай облысының денсаулық сақтау басқармасымен",
            "Информатика және цифрлық технологиялар кафедрасының", "Halyk Bank-те"} <= orgs
    assert not any("PhD" in o or "Жаңалықтар" in o for o in orgs)
    people = set(_names(facts["people"]))
    assert "Д.Б. Төлеген" in people and not any(p.startswith("Ректор") for p in people)
