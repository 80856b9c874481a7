import pytest

from kopir.accounts.services import api_token_create
from tests.collaborations.conftest import advance

pytestmark = pytest.mark.django_db

PARTIES = {"platform_admin", "shakarim_admin", "shakarim_member", "shakarim_liaison", "enterprise_rep", "official"}


@pytest.mark.parametrize("persona", sorted(PARTIES | {"kaznu_liaison", "other_official", "dairy_editor"}))
def test_each_party_reads_its_own(cworld, collab, client, persona):
    _token, key = api_token_create(user=cworld.users[persona], name="ci")
    auth = {"Authorization": f"Bearer {key}"}
    items = client.get("/api/collaborations/", headers=auth).json()["items"]
    assert [i["id"] for i in items] == ([collab.pk] if persona in PARTIES else [])
    assert client.get(f"/api/collaborations/{collab.pk}", headers=auth).status_code == (
        200 if persona in PARTIES else 404)


def test_api_needs_a_token_and_filters(cworld, collab, client):
    assert client.get("/api/collaborations/").status_code == 401
    assert client.get(f"/api/collaborations/{collab.pk}").status_code == 401
    advance(collab, cworld.users["shakarim_liaison"], "meeting_held", note="first meeting")
    _token, key = api_token_create(user=cworld.users["enterprise_rep"], name="ci")
    auth = {"Authorization": f"Bearer {key}"}
    assert client.get("/api/collaborations/?stage=introduced", headers=auth).json()["items"] == []
    detail = client.get(f"/api/collaborations/{collab.pk}", headers=auth).json()
    assert detail["stage"] == "meeting_held" and detail["enterprise"] == "abai-meat"
    assert [e["to_stage"] for e in detail["events"]] == ["introduced", "meeting_held"]
