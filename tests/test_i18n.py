"""The interface is translated, pages answer in all three languages, content falls back openly."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

from kopir.core.i18n import TranslatedValue

LOCALE = Path(__file__).resolve().parent.parent / "kopir" / "locale"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_catalogue_has_no_untranslated_string(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert len(po) > 100
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == []


EXTRACT = """
import sys
import django
from django.conf import settings
from django.core.management import call_command
django.setup()
settings.LOCALE_PATHS = [sys.argv[1]]
call_command("makemessages", locale=["kk", "ru"], no_obsolete=True, verbosity=0)
"""


def test_every_interface_string_in_the_code_is_translated(tmp_path):
    """Extract the strings from the code as it is now (not only what the catalogues already hold)."""
    source = LOCALE.parent
    copy = tmp_path / "kopir"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data", "demo_releases",
                                                                "static"))
    result = subprocess.run([sys.executable, "-c", EXTRACT, str(copy / "locale")], cwd=copy, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for lang in ("kk", "ru"):
        po = polib.pofile(str(copy / "locale" / lang / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
        assert missing == [], lang


@pytest.mark.django_db
@pytest.mark.parametrize("lang, words", [
    ("kk", ["Зертханалар", "Іздеу"]), ("ru", ["Лаборатории", "Поиск"]), ("en", ["Labs and centres", "Search"]),
])
def test_pages_speak_the_visitors_language(world, client, lang, words):
    for url in [f"/{lang}/", f"/{lang}/directory/units/", f"/{lang}/directory/u/vet-lab/"]:
        html = client.get(url).content.decode()
        assert f'<html lang="{lang}">' in html
        assert any(w in html for w in words), (url, words)


@pytest.mark.django_db
def test_language_choice_is_remembered(world, client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/directory/"})
    assert response.status_code == 302 and response["Location"] == "/ru/directory/"
    assert client.get("/").headers["Location"] == "/ru/"


def test_fallback_is_marked():
    value = TranslatedValue({"kk": "Ветеринария зертханасы", "ru": "", "en": ""})
    with translation.override("en"):
        assert value.text == "Ветеринария зертханасы" and value.lang == "kk" and value.is_fallback
    with translation.override("kk"):
        assert not value.is_fallback
    from kopir.core.templatetags.kopir import tr

    with translation.override("ru"):
        html = str(tr(value))
    assert 'lang="kk"' in html and 'class="fallback"' in html


@pytest.mark.django_db
def test_kazakh_dates_put_day_first(world, client):
    import datetime

    from django.utils.formats import date_format

    with translation.override("kk"):
        assert date_format(datetime.date(2024, 4, 8), "SHORT_DATE_FORMAT") == "08.04.2024"
