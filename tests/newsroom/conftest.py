"""Newsroom personas on top of ``world``: a press officer and a liaison officer of Shakarim
University, a liaison officer of KazNU; short names on the universities, as in the demo."""

import pytest

from tests.conftest import PASSWORD  # noqa: F401  (re-exported for the browser test)


@pytest.fixture
def news(world, django_user_model):
    from kopir.accounts.models import Role
    from kopir.accounts.services import membership_set
    from kopir.directory import services

    admin = world.users["platform_admin"]
    services.organisation_update(actor=admin, organisation=world.orgs["shakarim"], data=dict(
        short_name_kk="Шәкәрім", short_name_ru="Шакарим", short_name_en="Shakarim"))
    services.organisation_update(actor=admin, organisation=world.orgs["kaznu"], data=dict(
        short_name_kk="ҚазҰУ", short_name_ru="КазНУ", short_name_en="KazNU",
        name_kk="Әл-Фараби атындағы Қазақ ұлттық университеті"))
    world.orgs["emc"] = services.organisation_create(actor=None, data=dict(
        slug="emc", kind="enterprise", name_en="EMC LLP", name_ru="ТОО «EMC»", name_kk="«EMC» ЖШС", legal_form="LLP"))
    for name, org, role in (("shakarim_press", "shakarim", Role.PRESS), ("shakarim_liaison", "shakarim", Role.LIAISON),
                            ("kaznu_liaison", "kaznu", Role.LIAISON)):
        u = django_user_model.objects.create_user(name, password=PASSWORD, email=f"{name}@example.kz")
        membership_set(actor=None, user=u, organisation=world.orgs[org], role=role)
        world.users[name] = u
    return world


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the work enqueued after commit (extraction) as production does, inline."""

    def _run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return _run
