import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopir.core.models import AuditEntry
from kopir.needs import services
from kopir.needs.models import Need
from tests.needs.conftest import need_data

pytestmark = pytest.mark.django_db


def test_posting_detects_the_language_and_audits(people):
    need = services.need_create(actor=people.users["enterprise_rep"], organisation=people.orgs["meat"],
                                data=need_data())
    assert need.language == "ru"
    assert "ветеринарных" in need.search_text
    entry = AuditEntry.objects.get(action="needs.need.created", target_id=str(need.pk))
    assert entry.actor == people.users["enterprise_rep"]
    assert entry.organisation == people.orgs["meat"]
    assert entry.changes["kind"] == [None, "training"]
    kk = services.need_create(actor=people.users["enterprise_rep"], organisation=people.orgs["meat"], data=need_data(
        title_ru="", description_ru="", title_kk="Ет өнімдерін зертханалық талдау",
        description_kk="Ет өнімдерінің қауіпсіздігін тексеретін зертхана іздейміз."))
    assert kk.language == "kk"


@pytest.mark.parametrize("persona", ["kaznu_editor", "shakarim_editor", "meat_member", "mine_rep"])
def test_only_the_enterprise_editors_post_its_needs(people, persona):
    with pytest.raises(PermissionDenied):
        services.need_create(actor=people.users[persona], organisation=people.orgs["meat"], data=need_data())
    assert not Need.objects.exists()


def test_a_university_cannot_post_needs(people):
    with pytest.raises(PermissionDenied):
        services.need_create(actor=people.users["shakarim_admin"], organisation=people.orgs["shakarim"],
                             data=need_data())


@pytest.mark.parametrize("extra, field", [
    ({"budget_min": 5, "budget_max": 4}, "budget_max"),
    ({"deadline": datetime.date.today() - datetime.timedelta(days=1)}, "deadline"),
    ({"title_ru": ""}, "title_kk"),
])
def test_invalid_needs_are_refused(people, extra, field):
    with pytest.raises(ValidationError) as exc:
        services.need_create(actor=people.users["enterprise_rep"], organisation=people.orgs["meat"],
                             data=need_data(**extra))
    assert field in exc.value.message_dict
    assert not Need.objects.exists()


def test_update_close_and_delete(people):
    rep = people.users["enterprise_rep"]
    need = services.need_create(actor=rep, organisation=people.orgs["meat"], data=need_data())
    with pytest.raises(PermissionDenied):
        services.need_update(actor=people.users["mine_rep"], need=need, data={"kind": "testing"})
    assert services.need_update(actor=rep, need=need, data={"kind": "testing"}) == {"kind": ["training", "testing"]}
    assert services.need_update(actor=rep, need=need, data={"kind": "testing"}) == {}
    # An old deadline may stay when other fields change, but cannot be set anew.
    Need.objects.filter(pk=need.pk).update(deadline=datetime.date(2020, 1, 1))
    need.refresh_from_db()
    services.need_update(actor=rep, need=need, data={"budget_max": 4_000_000})
    with pytest.raises(ValidationError):
        services.need_update(actor=rep, need=need, data={"deadline": datetime.date(2020, 1, 2)})
    need.refresh_from_db()
    services.need_close(actor=rep, need=need)
    assert Need.objects.get(pk=need.pk).status == "closed"
    with pytest.raises(PermissionDenied):
        services.need_delete(actor=people.users["kaznu_editor"], need=need)
    services.need_delete(actor=rep, need=need)
    assert not Need.objects.exists()
    assert list(AuditEntry.objects.filter(target_type="needs.need").values_list("action", flat=True)
                .order_by("id")) == ["needs.need.created", "needs.need.updated", "needs.need.updated",
                                     "needs.need.closed", "needs.need.deleted"]


def test_the_database_refuses_an_inverted_budget(people):
    from django.db import IntegrityError, transaction

    need = services.need_create(actor=people.users["enterprise_rep"], organisation=people.orgs["meat"],
                                data=need_data())
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.filter(pk=need.pk).update(budget_min=10, budget_max=1)
