"""Importing existing releases: furniture, language, duplicates, translations; extraction,
linking across spellings, and the review of suggestions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kopir.core.models import AuditEntry
from kopir.directory.models import Person, Position
from kopir.newsroom import services
from kopir.newsroom.models import Mention, Release, SourceText, Suggestion

pytestmark = pytest.mark.django_db

EN = ("Al-Farabi Kazakh National University hosted a meeting on the creative industry on 14 May 2021. "
      "Chairman of the Board - Rector of Al-Farabi KazNU Zhanseit Tuymebaev welcomed the guests. "
      "Rector of Shakarim University Aigul Serikkyzy and engineers of EMC LLP and Semey Engineering JSC took part.")
RU = ("14 мая 2021 года в Казахском национальном университете имени аль-Фараби прошла встреча о креативной "
      "индустрии. Председатель правления – ректор КазНУ Жансеит Туймебаев поприветствовал гостей. "
      "Также выступили представители ТОО «EMC» и АО «Семей Инжиниринг».")
KK = ("2024 жылғы 8 сәуірде Шәкәрім университетінде Ғылым апталығы ашылды. "
      "Көрмеге «EMC» ЖШС пен «Семей Инжиниринг» АҚ инженерлері қатысты.")
HTML = ("<html><head><title>News</title></head><body><header><nav><a href='/'>Home</a> <a href='/news'>News</a>"
        "</nav></header><article><h1>Creative industry meeting</h1><p>{}</p></article>"
        "<footer>© 2021 KazNU. All rights reserved.</footer></body></html>")


def _import(news, commit, text, user="kaznu_liaison", org="kaznu", name="a.txt"):
    return commit(services.release_import, actor=news.users[user], organisation=news.orgs[org], content=text,
                  name=name)


def test_import_detects_language_extracts_and_links(news, commit):
    result = _import(news, commit, EN)
    assert result.status == "created" and result.lang == "en"
    release = result.release
    assert release.origin == Release.Origin.IMPORTED and release.date.isoformat() == "2021-05-14"
    linked = {m.name: m for m in release.mentions.all()}
    # "Al-Farabi KazNU" is folded into the full name as its alias; both reach the KazNU entry
    assert linked["Al-Farabi Kazakh National University"].organisation == news.orgs["kaznu"]
    assert "Al-Farabi KazNU" not in linked
    full = next(o for o in release.facts["en"]["organizations"] if o["name"] == "Al-Farabi Kazakh National University")
    assert "Al-Farabi KazNU" in full["aliases"]
    assert linked["Shakarim University"].organisation == news.orgs["shakarim"]
    assert linked["Aigul Serikkyzy"].person == news.people["head"]
    assert linked["Semey Engineering JSC"].organisation is None
    kinds = {(s.kind, s.name) for s in release.suggestions.all()}
    assert ("organisation", "Semey Engineering JSC") in kinds
    assert ("position", "Zhanseit Tuymebaev") in kinds
    assert ("position", "Aigul Serikkyzy") in kinds


@pytest.mark.parametrize("text, lang, org_name", [
    (KK, "kk", "Шәкәрім университетінде"),
    (RU, "ru", None),
])
def test_import_links_kazakh_and_russian_spellings(news, commit, text, lang, org_name):
    result = _import(news, commit, text, user="shakarim_liaison", org="shakarim")
    assert result.lang == lang
    orgs = {m.organisation for m in result.release.mentions.filter(kind="organisation")}
    assert news.orgs["emc"] in orgs
    if lang == "kk":
        assert news.orgs["shakarim"] in orgs
    else:
        assert news.orgs["kaznu"] in orgs


def test_the_same_release_imported_twice_is_recognised(news, commit):
    first = _import(news, commit, EN)
    again = _import(news, commit, EN, name="again.txt")
    assert again.status == "duplicate" and again.release == first.release
    as_page = _import(news, commit, HTML.format(EN), name="saved.html")
    assert as_page.status == "duplicate" and as_page.release == first.release
    assert Release.objects.count() == 1 and SourceText.objects.count() == 1


def test_the_same_event_in_another_language_becomes_a_translation(news, commit):
    first = _import(news, commit, EN)
    second = _import(news, commit, RU, name="ru.txt")
    assert second.status == "translation" and second.release == first.release
    release = Release.objects.get()
    assert release.languages == ["ru", "en"]
    assert release.mentions.filter(lang="ru").exists() and release.mentions.filter(lang="en").exists()
    # one proposal per person and organisation, not one per language
    assert release.suggestions.filter(kind="position", organisation=news.orgs["kaznu"]).count() == 1


def test_import_page_pastes_and_uploads(news, login, commit):
    client = login(news.users["kaznu_liaison"])
    response = commit(client.post, "/en/news/o/kaznu/import/", {
        "text": EN, "files": [SimpleUploadedFile("saved.html", HTML.format(EN).encode()),
                              SimpleUploadedFile("ru.txt", RU.encode())]})
    body = response.content.decode()
    assert response.status_code == 200
    assert "imported as a new release" in body
    assert "already imported" in body
    assert "added as a translation" in body
    assert Release.objects.count() == 1
    bad = client.post("/en/news/o/kaznu/import/", {"files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4")]})
    assert "Only .txt and .html" in bad.content.decode()


def test_too_short_text_is_refused(news):
    with pytest.raises(ValidationError):
        services.release_import(actor=news.users["kaznu_liaison"], organisation=news.orgs["kaznu"], content="Hi")


def test_confirm_creates_the_position_through_the_directory_and_audits_it(news, commit, login):
    release = _import(news, commit, EN).release
    suggestion = release.suggestions.get(kind="position", name="Zhanseit Tuymebaev")
    client = login(news.users["kaznu_liaison"])
    response = client.post(f"/en/news/s/{suggestion.pk}/confirm/")
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.CONFIRMED
    person = Person.objects.get(full_name_en="Zhanseit Tuymebaev")
    position = Position.objects.get(person=person)
    assert position.organisation == news.orgs["kaznu"]
    assert position.title_en == "Chairman of the Board - Rector"
    assert suggestion.result_type == "directory.position" and suggestion.result_id == str(position.pk)
    assert AuditEntry.objects.filter(action="directory.position.created", target_id=str(position.pk)).exists()
    source = AuditEntry.objects.get(action="newsroom.suggestion.confirmed", target_id=str(suggestion.pk))
    assert source.changes["source_release"] == [None, release.slug]
    assert source.changes["position"] == [None, position.pk]
    assert source.actor == news.users["kaznu_liaison"]
    assert Mention.objects.get(release=release, name="Zhanseit Tuymebaev").person == person
    # deciding twice is refused
    with pytest.raises(ValidationError):
        services.suggestion_confirm(actor=news.users["kaznu_liaison"], suggestion=suggestion)


def test_reject_is_remembered_when_the_release_is_extracted_again(news, commit):
    release = _import(news, commit, EN).release
    suggestion = release.suggestions.get(kind="position", name="Aigul Serikkyzy")
    services.suggestion_reject(actor=news.users["shakarim_liaison"], suggestion=suggestion)
    assert AuditEntry.objects.filter(action="newsroom.suggestion.rejected", target_id=str(suggestion.pk)).exists()
    services.release_extract(release=release)
    assert list(release.suggestions.filter(name="Aigul Serikkyzy").values_list("status", flat=True)) == ["rejected"]
    assert not Position.objects.filter(person=news.people["head"], title_en="Rector").exists()


def test_only_the_right_reviewers_decide(news, commit):
    release = _import(news, commit, EN).release
    position = release.suggestions.get(kind="position", name="Zhanseit Tuymebaev")
    new_org = release.suggestions.get(kind="organisation", name="Semey Engineering JSC")
    for persona in ("shakarim_liaison", "shakarim_press", "kaznu_editor"):
        allowed = persona == "kaznu_editor"
        assert services.can_review(news.users[persona], position) is allowed
    with pytest.raises(PermissionDenied):
        services.suggestion_confirm(actor=news.users["kaznu_liaison"], suggestion=new_org)
    org = services.suggestion_confirm(actor=news.users["platform_admin"], suggestion=new_org)
    assert org.legal_form == "JSC" and org.kind == "enterprise" and org.name_en == "Semey Engineering JSC"
    assert release.mentions.get(name="Semey Engineering JSC").organisation == org


def test_api_import_needs_a_token_and_a_press_role(news, client, commit):
    from kopir.accounts.services import api_token_create

    assert client.post("/api/news/import", {"organisation": "kaznu", "text": EN},
                       content_type="application/json").status_code == 401
    _t, other = api_token_create(user=news.users["shakarim_press"], name="t")
    response = client.post("/api/news/import", {"organisation": "kaznu", "text": EN},
                           content_type="application/json", headers={"Authorization": f"Bearer {other}"})
    assert response.status_code == 403
    _t, key = api_token_create(user=news.users["kaznu_liaison"], name="t")
    response = commit(client.post, "/api/news/import", {"organisation": "kaznu", "text": EN},
                      content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 201 and response.json()["status"] == "created"
    again = client.post("/api/news/import", {"organisation": "kaznu", "text": EN},
                        content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    assert again.json()["status"] == "duplicate"


def test_bulk_import_command(news, tmp_path, capsys, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sub" / "a-saved.html").write_text(HTML.format(EN), encoding="utf-8")
    (tmp_path / "sub" / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("news_import", str(tmp_path), organisation="kaznu", user="kaznu_liaison")
    out, err = capsys.readouterr()
    assert "created: 1" in out and "duplicate: 1" in out and "translation: 1" in out
    assert "3/3" in err
    assert Release.objects.get().languages == ["ru", "en"]
    assert Release.objects.get().mentions.exists()
    from django.core.management.base import CommandError
    with pytest.raises(CommandError):
        call_command("news_import", str(tmp_path), organisation="kaznu", user="shakarim_press")
