"""Requesting an introduction accepts the match and starts the collaboration pipeline."""

import pytest

from kopir.collaborations.models import Collaboration, Stage
from kopir.matching.services import introduction_request

pytestmark = pytest.mark.django_db


def test_introduction_to_a_lab_opens_a_collaboration_once(people, make_need):
    need = make_need()
    rep = people.users["enterprise_rep"]
    intro = introduction_request(actor=rep, need=need, target=people.units["vet"])
    collaboration = Collaboration.objects.get(introduction=intro)
    assert collaboration.need == need
    assert collaboration.stage == Stage.INTRODUCED
    assert collaboration.enterprise == people.orgs["meat"]
    assert introduction_request(actor=rep, need=need, target=people.units["vet"]) == intro
    assert Collaboration.objects.filter(introduction=intro).count() == 1
