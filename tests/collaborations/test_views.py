"""Every collaborations page against the personas allowed and denied (pattern of tests/test_permissions.py)."""

import pytest

from kopir.collaborations.models import Collaboration, Document, Stage
from kopir.collaborations.services import collaboration_document_add
from tests.collaborations.conftest import PDF, advance, pdf

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_member", "shakarim_liaison",
            "kaznu_editor", "kaznu_liaison", "enterprise_rep", "official", "other_official", "dairy_editor"]
PARTIES = {"platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_member", "shakarim_liaison",
           "enterprise_rep", "official"}
WORKERS = {"platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_liaison", "enterprise_rep"}
OPENERS = {"platform_admin", "shakarim_admin", "shakarim_liaison", "kaznu_liaison"}


def _expected(persona, allowed):
    if persona in allowed:
        return 200
    if persona == "anonymous":
        return 302
    # Someone who is not a party learns nothing, not even that the collaboration exists.
    return 403 if persona in PARTIES or allowed is OPENERS else 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(cworld, collab, login, persona):
    doc = collaboration_document_add(actor=None, collaboration=collab, upload=pdf(), kind="agreement")
    client = login(cworld.users.get(persona))
    table = [
        ("/en/collaborations/", 302 if persona == "anonymous" else 200),
        ("/en/collaborations/new/", _expected(persona, OPENERS)),
        (f"/en/collaborations/{collab.pk}/", _expected(persona, PARTIES)),
        (f"/en/collaborations/{collab.pk}/documents/{doc.pk}/", _expected(persona, PARTIES)),
        (f"/en/collaborations/{collab.pk}/outcomes/", _expected(persona, WORKERS)),
    ]
    got = [(url, client.get(url).status_code) for url, _ in table]
    assert got == table


@pytest.mark.parametrize("persona", PERSONAS)
def test_board_shows_only_own_collaborations(cworld, collab, login, persona):
    from kopir.collaborations.services import collaboration_open

    other = collaboration_open(actor=cworld.users["kaznu_liaison"], enterprise=cworld.orgs["dairy"],
                               unit=cworld.units["law"], title={"en": "Contract law clinic for dairy"})
    client = login(cworld.users.get(persona))
    response = client.get("/en/collaborations/")
    if persona == "anonymous":
        assert response.status_code == 302
        return
    body = response.content.decode()
    sees_own = "Quality control of minced meat" in body
    sees_other = "Contract law clinic for dairy" in body
    assert sees_own == (persona in PARTIES)
    assert sees_other == (persona in {"platform_admin", "kaznu_editor", "kaznu_liaison", "dairy_editor"})
    assert other.pk


@pytest.mark.parametrize("persona", ["anonymous", "shakarim_member", "kaznu_liaison", "official", "dairy_editor"])
def test_denied_posts_change_nothing(cworld, collab, login, persona):
    client = login(cworld.users.get(persona))
    responses = [
        client.post(f"/en/collaborations/{collab.pk}/move/", {"to_stage": "meeting_held"}),
        client.post(f"/en/collaborations/{collab.pk}/documents/", {"kind": "agreement", "file": pdf()}),
        client.post(f"/en/collaborations/{collab.pk}/outcomes/", {"people_trained": 5, "products_introduced": 0,
                                                                  "processes_introduced": 0}),
        client.post(f"/en/collaborations/{collab.pk}/confirm/"),
        client.post("/en/collaborations/new/", {"title_en": "x", "enterprise": cworld.orgs["meat"].pk,
                                                "unit": cworld.units["vet"].pk}),
    ]
    assert all(r.status_code in (302, 403, 404) for r in responses[:-1])
    if persona in PARTIES:
        assert responses[0].status_code == 403
    elif persona != "anonymous":
        assert responses[0].status_code == 404
    collab.refresh_from_db()
    assert collab.stage == Stage.INTRODUCED and collab.people_trained == 0
    assert not Document.objects.exists()
    if persona == "kaznu_liaison":
        # A liaison officer may open collaborations of their own university only: another
        # university's lab is not even offered.
        assert responses[-1].status_code == 200
        assert "Select a valid choice" in responses[-1].content.decode()
    else:
        assert responses[-1].status_code in (302, 403, 404)
    assert Collaboration.objects.count() == 1


def test_liaison_opens_and_moves_through_pages(cworld, login):
    client = login(cworld.users["shakarim_liaison"])
    response = client.post("/en/collaborations/new/", {
        "title_en": "Shelf life of smoked sausage", "enterprise": cworld.orgs["meat"].pk,
        "unit": cworld.units["vet"].pk, "government": cworld.orgs["akimat"].pk})
    collab = Collaboration.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/collaborations/{collab.pk}/"
    response = client.post(f"/en/collaborations/{collab.pk}/move/", {"to_stage": "meeting_held", "note": "Met at the plant",
                                                                     "document_kind": "protocol", "document": pdf("protocol.pdf")})
    assert response.status_code == 302
    collab.refresh_from_db()
    assert collab.stage == Stage.MEETING_HELD
    assert collab.documents.get().original_name == "protocol.pdf"
    # Closing without a reason is refused with the message on the page.
    response = client.post(f"/en/collaborations/{collab.pk}/move/", {"to_stage": "closed"})
    assert response.status_code == 400
    assert "Choose the reason for closing." in response.content.decode()
    # A disallowed target is refused by the form itself.
    response = client.post(f"/en/collaborations/{collab.pk}/move/", {"to_stage": "implemented"})
    assert response.status_code == 400
    collab.refresh_from_db()
    assert collab.stage == Stage.MEETING_HELD


def test_upload_with_wrong_content_is_refused_on_the_page(cworld, collab, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(cworld.users["enterprise_rep"])
    response = client.post(f"/en/collaborations/{collab.pk}/documents/", {
        "kind": "agreement", "file": SimpleUploadedFile("agreement.pdf", b"<html>not a pdf</html>")})
    assert response.status_code == 400
    assert not Document.objects.exists()
    response = client.post(f"/en/collaborations/{collab.pk}/documents/", {"kind": "agreement", "file": pdf("a.pdf")})
    assert response.status_code == 302


def test_document_is_served_to_parties_as_attachment(cworld, collab, login):
    doc = collaboration_document_add(actor=cworld.users["enterprise_rep"], collaboration=collab, upload=pdf("дог.pdf"),
                                     kind="agreement")
    response = login(cworld.users["official"]).get(doc.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert doc.file.url.startswith("/media/")
    assert login(None).get(doc.file.url).status_code == 404


def test_confirm_and_countersign_through_pages(cworld, collab, login):
    advance(collab, cworld.users["shakarim_liaison"], Stage.MEETING_HELD, Stage.PROPOSAL, Stage.AGREEMENT_SIGNED,
            Stage.IN_PROGRESS)
    collaboration_document_add(actor=None, collaboration=collab, upload=pdf(), kind="implementation_act")
    assert login(cworld.users["shakarim_liaison"]).post(f"/en/collaborations/{collab.pk}/confirm/").status_code == 403
    assert login(cworld.users["enterprise_rep"]).post(f"/en/collaborations/{collab.pk}/confirm/").status_code == 302
    client = login(cworld.users["shakarim_liaison"])
    assert client.post(f"/en/collaborations/{collab.pk}/move/", {"to_stage": "implemented"}).status_code == 302
    assert login(cworld.users["other_official"]).post(f"/en/collaborations/{collab.pk}/countersign/").status_code == 404
    assert login(cworld.users["official"]).post(f"/en/collaborations/{collab.pk}/countersign/").status_code == 302
    collab.refresh_from_db()
    assert collab.stage == Stage.IMPLEMENTED and collab.countersigned_by == cworld.users["official"]


def test_board_filters(cworld, collab, login, settings):
    import datetime as dt

    from django.utils import timezone

    from kopir.collaborations.services import collaboration_open

    second = collaboration_open(actor=cworld.users["shakarim_liaison"], enterprise=cworld.orgs["dairy"],
                                unit=cworld.units["vet"], title={"en": "Milk testing for Astana Dairy"})
    advance(second, cworld.users["shakarim_liaison"], Stage.MEETING_HELD)
    settings.KOPIR_STALE_DAYS = 20
    Collaboration.objects.filter(pk=collab.pk).update(last_activity_at=timezone.now() - dt.timedelta(days=21))
    client = login(cworld.users["shakarim_liaison"])

    def titles(query):
        body = client.get("/en/collaborations/" + query).content.decode()
        return [t for t in ("Quality control of minced meat", "Milk testing for Astana Dairy") if t in body]

    assert titles("") == ["Quality control of minced meat", "Milk testing for Astana Dairy"]
    assert titles("?stage=meeting_held") == ["Milk testing for Astana Dairy"]
    assert titles("?partner=astana-dairy") == ["Milk testing for Astana Dairy"]
    assert titles("?stale=on") == ["Quality control of minced meat"]
    assert titles("?q=milk") == ["Milk testing for Astana Dairy"]
    assert titles("?sector=C") == ["Quality control of minced meat", "Milk testing for Astana Dairy"]
    assert titles("?sector=A") == []
