import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kopir.core.models import AuditEntry
from kopir.directory import selectors, services
from kopir.directory.models import Capability, Person, Unit
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


def test_editor_adds_a_person_with_a_position_and_heads_a_unit(world, login):
    client = login(world.users["shakarim_editor"])
    response = client.post("/en/directory/o/shakarim/people/new/", {
        "person-full_name_kk": "Ерлан Сейітов", "person-full_name_en": "Yerlan Seitov", "person-email": "",
        "position-title_en": "Leading researcher", "position-unit": world.units["vet"].pk, "position-is_head": "on",
    })
    assert response.status_code == 302
    person = Person.objects.get(full_name_en="Yerlan Seitov")
    assert person.owner == world.orgs["shakarim"]
    world.units["vet"].refresh_from_db()
    assert world.units["vet"].head == person
    assert AuditEntry.objects.filter(action="directory.position.created", organisation=world.orgs["shakarim"]).exists()


def test_heading_needs_a_unit_and_nothing_is_saved(world, login):
    client = login(world.users["shakarim_editor"])
    response = client.post("/en/directory/o/shakarim/people/new/", {
        "person-full_name_en": "Nobody Saved", "position-title_en": "Head", "position-is_head": "on"})
    assert response.status_code == 200
    assert "Choose the unit this person heads." in response.content.decode()
    assert not Person.objects.filter(full_name_en="Nobody Saved").exists()


def test_positions_are_recorded_only_in_ones_own_organisation(world, login):
    client = login(world.users["shakarim_editor"])
    response = client.post("/en/directory/p/aigul/positions/new/?organisation=kaznu", {"title_en": "Visiting lecturer"})
    assert response.status_code == 403
    assert not world.people["head"].positions.filter(title_en="Visiting lecturer").exists()


def test_ending_a_head_position_clears_the_unit_head(world):
    position = world.people["head"].positions.get()
    services.position_end(actor=world.users["shakarim_admin"], position=position)
    position.refresh_from_db()
    world.units["vet"].refresh_from_db()
    assert not position.is_current and world.units["vet"].head is None
    with pytest.raises(PermissionDenied):
        services.position_end(actor=world.users["kaznu_editor"], position=position)
