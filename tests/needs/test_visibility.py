"""A confidential need never shows more than its summary to those who may not read it."""

import pytest

from kopir.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

SECRET = "сверхсекретная"


@pytest.fixture
def needs(people, make_need):
    return {
        "public": make_need(title_ru="Испытания прочности бетона", kind="testing"),
        "registered": make_need(title_ru="Стажировки для студентов-технологов", kind="internship",
                                visibility="registered"),
        "confidential": make_need(title_ru=f"Переподготовка ветеринаров, {SECRET} программа",
                                  visibility="confidential"),
    }


def _html(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("persona, full", [
    ("enterprise_rep", True), ("meat_member", True), ("shakarim_liaison", True), ("platform_admin", True),
    ("mine_rep", False), ("kaznu_editor", False), ("shakarim_editor", False), ("vet_head", False),
])
def test_confidential_need_pages(needs, login, persona, full):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=persona)
    client = login(user)
    need = needs["confidential"]
    status, html = _html(client, f"/en/needs/{need.pk}/")
    assert status == 200
    assert (SECRET in html) is full
    assert ("Абайский мясокомбинат" in html) is full
    assert "Confidential need" in html or full
    _status, listing = _html(client, "/en/needs/")
    assert (SECRET in listing) is full
    assert f"/en/needs/{need.pk}/" in listing  # the summary is listed for every signed-in user
    _status, found = _html(client, f"/en/needs/?q={SECRET}")
    assert (f"/en/needs/{need.pk}/" in found) is full
    _status, found = _html(client, "/en/needs/?q=Абайский")
    assert (f"/en/needs/{need.pk}/" in found) is full
    matches = client.get(f"/api/matching/needs/{need.pk}/matches")
    assert matches.status_code == (200 if full else 403)


def test_anonymous_sees_only_public_needs(needs, client):
    status, listing = _html(client, "/en/needs/")
    assert "Испытания прочности бетона" in listing
    assert "Стажировки" not in listing and SECRET not in listing
    assert f"/en/needs/{needs['confidential'].pk}/" not in listing
    assert client.get(f"/en/needs/{needs['registered'].pk}/").status_code == 404
    assert client.get(f"/en/needs/{needs['confidential'].pk}/").status_code == 404
    assert client.get(f"/api/needs/{needs['confidential'].pk}").status_code == 404
    ids = [n["id"] for n in client.get("/api/needs/").json()["items"]]
    assert ids == [needs["public"].pk]


def test_api_gives_the_summary_only(needs, client, people):
    _token, key = api_token_create(user=people.users["mine_rep"], name="t")
    auth = {"Authorization": f"Bearer {key}"}
    body = client.get(f"/api/needs/{needs['confidential'].pk}", headers=auth).json()
    assert body["confidential_summary"] is True
    assert body["title"] is None and body["organisation"] is None and body["description"] is None
    assert body["kind"] == "training" and body["sector"] == "10" and body["region"] == "abai"
    assert SECRET not in client.get("/api/needs/", headers=auth).content.decode()
    items = {n["id"]: n for n in client.get("/api/needs/", headers=auth).json()["items"]}
    assert items[needs["confidential"].pk]["organisation"] is None
    assert items[needs["public"].pk]["organisation"] == "abai-meat"
    assert client.get(f"/api/needs/?q={SECRET}", headers=auth).json()["items"] == []
    _token, key = api_token_create(user=people.users["shakarim_liaison"], name="t")
    body = client.get(f"/api/needs/{needs['confidential'].pk}", headers={"Authorization": f"Bearer {key}"}).json()
    assert SECRET in body["title"]["ru"] and body["organisation"] == "abai-meat"


def test_an_introduced_party_reads_the_need(needs, people, django_capture_on_commit_callbacks):
    from kopir.matching import services
    from kopir.needs.access import FULL, SUMMARY, need_access

    need = needs["confidential"]
    editor = people.users["shakarim_editor"]
    assert need_access(editor, need) == SUMMARY
    with django_capture_on_commit_callbacks(execute=True):
        services.introduction_request(actor=people.users["enterprise_rep"], need=need, target=people.units["vet"])
    assert need_access(editor, need) == FULL
    assert need_access(people.users["kaznu_editor"], need) == SUMMARY
