"""A collaboration started from the matching: a need, an introduction to a lab, then the collaboration."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopir.collaborations.models import Collaboration, Stage
from kopir.collaborations.services import collaboration_start_from_introduction
from kopir.matching.models import Introduction
from kopir.matching.services import introduction_request
from kopir.needs.models import Need

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["confidential"])
def introduction(cworld, request):
    from kopir.core.models import Region, Sector

    need = Need.objects.create(organisation=cworld.orgs["meat"], kind="testing", title_ru="Анализ фарша на листерии",
                               title_en="Listeria testing of minced meat", region=Region.objects.get(slug="abai"),
                               sector=Sector.objects.get(code="10"), visibility=request.param)
    return introduction_request(actor=cworld.users["enterprise_rep"], need=need, target=cworld.units["vet"],
                                message="Could your lab run weekly tests?")


def test_requesting_the_introduction_started_the_collaboration(cworld, introduction):
    c = Collaboration.objects.get(introduction=introduction)
    assert (c.enterprise, c.unit, c.university) == (cworld.orgs["meat"], cworld.units["vet"], cworld.orgs["shakarim"])
    assert (c.need, c.introduction, c.stage) == (introduction.need, introduction, Stage.INTRODUCED)
    # The need is confidential: the collaboration's title says only the kind of help.
    assert c.title_en == "Testing and analysis" and "листери" not in c.search_text
    # Requested by the enterprise's editor, who owns it until a liaison officer takes it over.
    assert c.owner == cworld.users["enterprise_rep"]
    assert c.events.get().note == "Could your lab run weekly tests?"
    # Once only, whoever of the two sides asks again.
    assert collaboration_start_from_introduction(actor=cworld.users["shakarim_liaison"], introduction=introduction) == c
    assert Collaboration.objects.count() == 1


def test_a_liaison_officers_request_makes_them_the_owner(cworld):
    from kopir.core.models import Region, Sector

    need = Need.objects.create(organisation=cworld.orgs["meat"], kind="training", title_en="Retraining of vets",
                               region=Region.objects.get(slug="abai"), sector=Sector.objects.get(code="10"))
    intro = introduction_request(actor=cworld.users["shakarim_liaison"], need=need, target=cworld.units["vet"])
    assert Collaboration.objects.get(introduction=intro).owner == cworld.users["shakarim_liaison"]


def test_start_is_for_the_two_sides_only(cworld, introduction):
    for persona in ("kaznu_liaison", "official", "shakarim_member"):
        with pytest.raises(PermissionDenied):
            collaboration_start_from_introduction(actor=cworld.users[persona], introduction=introduction)
    Collaboration.objects.all().delete()
    Introduction.objects.filter(pk=introduction.pk).update(status=Introduction.Status.DECLINED)
    introduction.refresh_from_db()
    with pytest.raises(ValidationError):
        collaboration_start_from_introduction(actor=cworld.users["enterprise_rep"], introduction=introduction)
    assert not Collaboration.objects.exists()


def test_detail_shows_the_need_to_parties(cworld, introduction, login):
    c = collaboration_start_from_introduction(actor=None, introduction=introduction)
    body = login(cworld.users["shakarim_liaison"]).get(c.get_absolute_url()).content.decode()
    assert f"/needs/{introduction.need.pk}/" in body
    # The akimat following the collaboration does not read the confidential need's title.
    from kopir.collaborations.services import collaboration_update

    collaboration_update(actor=None, collaboration=c, data={"government": cworld.orgs["akimat"]})
    body = login(cworld.users["official"]).get(c.get_absolute_url()).content.decode()
    assert "(confidential)" in body and f"/needs/{introduction.need.pk}/" not in body


@pytest.mark.parametrize("introduction", ["public"], indirect=True)
def test_a_public_need_lends_its_title(cworld, introduction):
    c = collaboration_start_from_introduction(actor=cworld.users["enterprise_rep"], introduction=introduction)
    assert c.title_en == "Listeria testing of minced meat" and c.title_ru == "Анализ фарша на листерии"
    # No liaison officer involved yet: whoever started it owns it until a liaison officer takes it over.
    assert c.owner == cworld.users["enterprise_rep"]
