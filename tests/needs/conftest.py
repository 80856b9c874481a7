"""Needs personas on top of ``world``: a second enterprise, a university liaison officer,
the vet lab's head as a signed-in user, and needs of every visibility."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _no_stale_index_marks():
    """Index marks of an earlier test's rolled-back transaction must not leak into this one."""
    from kopir.matching import store, upkeep

    upkeep._keys().clear()
    store.forget()
    yield
    upkeep._keys().clear()


@pytest.fixture
def people(world, django_user_model):
    from kopir.accounts.models import Role
    from kopir.accounts.services import membership_set
    from kopir.core.models import Region, Sector
    from kopir.directory import services
    from kopir.directory.models import Person

    world.orgs["mine"] = services.organisation_create(actor=None, data=dict(
        slug="karaganda-mine", kind="enterprise", name_ru="Карагандинская шахта", name_en="Karaganda Mine",
        region=Region.objects.get(slug="karaganda"), sector=Sector.objects.get(code="05")))

    def user(name, org=None, role=None, **extra):
        u = django_user_model.objects.create_user(name, password=PASSWORD, email=f"{name}@example.kz", **extra)
        if org:
            membership_set(actor=None, user=u, organisation=world.orgs[org], role=role)
        world.users[name] = u
        return u

    user("mine_rep", "mine", Role.EDITOR, language="en")
    user("shakarim_liaison", "shakarim", Role.LIAISON, language="ru")
    user("meat_member", "meat", Role.MEMBER, language="ru")
    head = user("vet_head", language="kk")
    Person.objects.filter(pk=world.people["head"].pk).update(user=head)
    world.people["head"].refresh_from_db()
    return world


def need_data(**extra):
    data = dict(
        kind="training",
        title_ru="Переподготовка ветеринарных врачей для мясокомбината",
        description_ru=("Мясокомбинату нужны курсы повышения квалификации для ветеринарных врачей: "
                        "ветеринарно-санитарная экспертиза мяса, безопасность мясной продукции."),
        budget_min=1_000_000, budget_max=3_000_000,
        deadline=datetime.date.today() + datetime.timedelta(days=60),
        visibility="public",
    )
    data.update(extra)
    return data


@pytest.fixture
def make_need(people, django_capture_on_commit_callbacks):
    """Post a need through the service and run what happens after commit (index, matches, e-mails)."""
    from kopir.core.models import Region, Sector
    from kopir.needs import services

    def _make(org="meat", actor="enterprise_rep", **extra):
        extra.setdefault("sector", Sector.objects.get(code="10"))
        extra.setdefault("region", Region.objects.get(slug="abai"))
        with django_capture_on_commit_callbacks(execute=True):
            return services.need_create(actor=people.users[actor], organisation=people.orgs[org],
                                        data=need_data(**extra))

    return _make


@pytest.fixture
def indexed(people):
    """The index built from the database as it is now."""
    from kopir.matching import store

    store.rebuild()
    return people
