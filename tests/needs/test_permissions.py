"""Every needs and matching page and endpoint against the personas allowed and denied."""

import pytest

from kopir.accounts.services import api_token_create
from kopir.matching.models import Decline, Introduction
from kopir.needs.models import Need

pytestmark = pytest.mark.django_db

EVERYONE = ["anonymous", "platform_admin", "shakarim_editor", "shakarim_liaison", "kaznu_editor", "enterprise_rep",
            "meat_member", "mine_rep", "vet_head"]
MEAT_EDITORS = {"platform_admin", "enterprise_rep"}
BROKERS = {"platform_admin", "enterprise_rep", "shakarim_liaison"}
LIAISONS = {"platform_admin", "shakarim_liaison"}


def _expected(persona, allowed, ok=200):
    if persona in allowed:
        return ok
    return 302 if persona == "anonymous" else 403


@pytest.fixture
def need(make_need):
    return make_need()


@pytest.mark.parametrize("persona", EVERYONE)
def test_pages(people, need, login, persona):
    client = login(people.users.get(persona))
    table = [(url, 200) for url in ["/en/needs/", "/ru/needs/?kind=training&region=abai", "/en/needs/offers/",
                                    "/en/needs/offers/ip-clinic/", f"/en/needs/{need.pk}/"]]
    table += [("/en/needs/new/", _expected(persona, MEAT_EDITORS | {"mine_rep"})),
              (f"/en/needs/{need.pk}/edit/", _expected(persona, MEAT_EDITORS)),
              ("/en/needs/unmatched/", _expected(persona, LIAISONS)),
              ("/en/matching/inbox/", 302 if persona == "anonymous" else 200)]
    got = [(url, client.get(url).status_code) for url, _ in table]
    assert got == table


@pytest.mark.parametrize("persona", EVERYONE)
def test_actions(people, need, login, persona, django_capture_on_commit_callbacks):
    client = login(people.users.get(persona))
    entity = f"unit:{people.units['vet'].pk}"
    with django_capture_on_commit_callbacks(execute=True):
        introduce = client.post(f"/en/matching/needs/{need.pk}/introduce/", {"entity": entity}).status_code
        decline = client.post(f"/en/matching/needs/{need.pk}/decline/",
                              {"entity": f"cap:{people.caps['kaznu-clinic'].pk}", "reason": "not_relevant"}).status_code
        edit = client.post(f"/en/needs/{need.pk}/edit/", {"title_ru": "Захвачено", "kind": "testing",
                                                          "visibility": "public"}).status_code
        close = client.post(f"/en/needs/{need.pk}/close/").status_code
    allowed = persona in BROKERS
    assert (introduce, decline) == ((302, 302) if allowed else (_expected(persona, ()),) * 2)
    assert Introduction.objects.filter(need=need, entity=entity).exists() is allowed
    assert Decline.objects.filter(need=need).exists() is allowed
    need.refresh_from_db()
    assert (need.title_ru == "Захвачено") is (persona in MEAT_EDITORS)
    assert (edit, close) == ((302, 302) if persona in MEAT_EDITORS else (_expected(persona, ()),) * 2)
    assert (need.status == "closed") is (persona in MEAT_EDITORS)


def test_posting_a_need_through_the_page(people, login, django_capture_on_commit_callbacks):
    client = login(people.users["enterprise_rep"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/needs/new/", {
            "organisation": people.orgs["meat"].pk, "title_ru": "Анализ качества воды", "kind": "testing",
            "visibility": "registered", "budget_min": "10", "budget_max": "5"})
    assert response.status_code == 200 and not Need.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/needs/new/", {
            "organisation": people.orgs["meat"].pk, "title_ru": "Анализ качества воды", "kind": "testing",
            "visibility": "registered", "budget_min": "5", "budget_max": "10"})
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ru/needs/{need.pk}/"
    assert need.created_by == people.users["enterprise_rep"] and need.language == "ru"
    # An editor of another enterprise cannot post on the meat plant's behalf.
    client = login(people.users["mine_rep"])
    response = client.post("/ru/needs/new/", {"organisation": people.orgs["meat"].pk, "title_ru": "Чужая",
                                              "kind": "testing", "visibility": "public"})
    assert response.status_code == 200 and Need.objects.count() == 1


@pytest.mark.parametrize("persona, status", [("enterprise_rep", 201), ("platform_admin", 201), ("mine_rep", 403),
                                             ("kaznu_editor", 403), ("meat_member", 403), (None, 401)])
def test_api_posting(people, client, persona, status):
    headers = {}
    if persona:
        _token, key = api_token_create(user=people.users[persona], name="t")
        headers = {"Authorization": f"Bearer {key}"}
    response = client.post("/api/needs/", {
        "organisation": "abai-meat", "kind": "consulting", "title": {"en": "Energy audit of the cold store"},
        "sector": "10", "region": "abai", "visibility": "public"}, content_type="application/json", headers=headers)
    assert response.status_code == status
    assert Need.objects.exists() is (status == 201)
    if status == 201:
        assert response.json()["language"] == "en"


def test_api_refuses_invalid_needs(people, client):
    _token, key = api_token_create(user=people.users["enterprise_rep"], name="t")
    response = client.post("/api/needs/", {
        "organisation": "abai-meat", "kind": "consulting", "title": {"en": "Energy audit"}, "budget_min": 9,
        "budget_max": 1}, content_type="application/json", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 422 and not Need.objects.exists()
