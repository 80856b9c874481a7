import pytest

from kopir.directory.demo.loader import demo_load
from kopir.directory.models import Capability, Organisation, Person, Unit
from kopir.directory.selectors import directory_search, unit_list

pytestmark = pytest.mark.django_db


def test_demo_is_rich_and_trilingual(refdata, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    result = demo_load()
    assert Organisation.objects.count() >= 15
    assert Unit.objects.count() >= 40
    assert Person.objects.count() >= 60
    assert Capability.objects.count() >= 200
    for lang in ("kk", "ru", "en"):
        assert Capability.objects.exclude(**{f"title_{lang}": ""}).count() >= 50, lang
    # entries in one language only exist, so visitors see the fallback at work
    assert Capability.objects.filter(title_en="", title_ru="").exclude(title_kk="").exists()
    for slug in ["kaznu", "shakarim"]:
        assert Organisation.objects.filter(slug=slug).exists()
    # the demo accounts cover the roles, their passwords are kept out of the code
    assert len(result["accounts"]) >= 6
    assert (tmp_path / "demo-accounts.txt").read_text().count("\t") == len(result["accounts"])


def test_demo_search_finds_a_veterinary_lab(refdata, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    demo_load()
    labs = directory_search(unit_list(), q="ветеринар", kind="laboratory")
    assert labs.exists()
