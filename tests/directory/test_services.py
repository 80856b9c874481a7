import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopir.core.models import AuditEntry
from kopir.directory import selectors, services
from kopir.directory.models import Capability, Unit
from kopir.directory.validators import validate_bin

pytestmark = pytest.mark.django_db


def test_unit_update_saves_changed_fields_and_audits_them(world):
    editor = world.users["shakarim_editor"]
    unit = world.units["vet"]
    changes = services.unit_update(actor=editor, unit=unit, data={
        "name_en": "Veterinary and sanitary expertise laboratory", "name_kk": unit.name_kk})
    assert list(changes) == ["name_en"]
    unit.refresh_from_db()
    assert unit.name_en == "Veterinary and sanitary expertise laboratory"
    entry = AuditEntry.objects.filter(action="directory.unit.updated").latest("id")
    assert entry.actor == editor
    assert entry.organisation == world.orgs["shakarim"]
    assert entry.changes == {"name_en": ["", "Veterinary and sanitary expertise laboratory"]}


def test_update_without_change_writes_nothing(world):
    before = AuditEntry.objects.count()
    assert services.unit_update(actor=world.users["shakarim_editor"], unit=world.units["vet"],
                                data={"kind": "laboratory"}) == {}
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("persona", ["kaznu_editor", "enterprise_rep", "shakarim_member"])
def test_others_cannot_change_a_unit(world, persona):
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=world.users[persona], unit=world.units["vet"], data={"name_en": "Hijacked"})
    world.units["vet"].refresh_from_db()
    assert world.units["vet"].name_en == ""


def test_platform_admin_can_change_anything(world):
    services.capability_update(actor=world.users["platform_admin"], capability=world.caps["kaznu-clinic"],
                               data={"title_ru": "Юридическая клиника"})
    assert Capability.objects.get(slug="ip-clinic").title_ru == "Юридическая клиника"


def test_invalid_change_is_refused_and_loses_nothing(world):
    org = world.orgs["shakarim"]
    with pytest.raises(ValidationError) as info:
        services.organisation_update(actor=world.users["shakarim_editor"], organisation=org,
                                     data={"bin": "960240000600", "name_en": "Renamed"})
    assert "bin" in info.value.message_dict
    org.refresh_from_db()
    assert org.bin == "960240000609" and org.name_en == "Shakarim University"


def test_capability_people_changes_are_audited(world):
    cap = world.caps["course"]
    services.capability_update(actor=world.users["shakarim_editor"], capability=cap, data={}, people=[])
    assert not cap.people.exists()
    entry = AuditEntry.objects.filter(action="directory.capability.updated").latest("id")
    assert entry.changes["people"] == [[world.people["head"].pk], []]


def test_search_finds_any_language_and_lookalike_letters(world):
    units = selectors.unit_list()
    assert list(selectors.directory_search(units, q="ветеринар")) == [world.units["vet"]]
    # "зертхана" typed with a Latin "e" and "a" still finds the Kazakh name
    assert list(selectors.directory_search(units, q="зeртхaна")) == [world.units["vet"]]
    caps = selectors.capability_list()
    assert [c.slug for c in selectors.directory_search(caps, q="Переподготовки")] == ["vet-retraining"]
    assert list(selectors.directory_search(units, q="ветеринар", region="almaty-city")) == []
    assert list(selectors.directory_search(units, q="ветеринар", sector="C")) == [world.units["vet"]]


def test_search_text_follows_edits(world):
    unit = world.units["law"]
    assert not selectors.directory_search(Unit.objects.all(), q="құқық").exists()
    services.unit_update(actor=world.users["kaznu_editor"], unit=unit, data={"name_kk": "Құқық факультеті"})
    assert list(selectors.directory_search(Unit.objects.all(), q="құқық")) == [unit]


@pytest.mark.parametrize("value", ["960240000609", "000000000000"])
def test_valid_bins(value):
    validate_bin(value)


@pytest.mark.parametrize("value, code", [
    ("96024000060", "bin_format"), ("96024000060a", "bin_format"), ("960240000600", "bin_checksum"),
])
def test_invalid_bins_say_why(value, code):
    with pytest.raises(ValidationError) as info:
        validate_bin(value)
    assert info.value.code == code


def test_admin_edits_are_audited(world, login):
    client = login(world.users["platform_admin"])
    unit = world.units["law"]
    response = client.get(f"/en/admin/directory/unit/{unit.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update({"name_kk": "Заң факультеті", "organisation": unit.organisation_id, "parent": "", "head": "",
                 "sector": "", "is_fictional": ""})
    data = {k: v for k, v in data.items() if v is not False}
    response = client.post(f"/en/admin/directory/unit/{unit.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.filter(action="directory.unit.updated").latest("id")
    assert entry.actor == world.users["platform_admin"]
    assert entry.changes["name_kk"] == ["", "Заң факультеті"]
    assert list(selectors.directory_search(Unit.objects.all(), q="заң")) == [unit]
