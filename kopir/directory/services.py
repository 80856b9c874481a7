"""The directory's write path: every change to an organisation, unit, person,
position or capability goes through one of these functions, which check
permission, keep the row searchable and write the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kopir.accounts.access import is_platform_admin, require_edit
from kopir.core.audit import audit_record
from kopir.core.i18n import translated_columns
from kopir.core.services import instance_update, m2m_apply
from kopir.core.text import search_blob
from kopir.directory.models import Capability, Organisation, Person, Position, Unit

# The translated fields a row is found by in the directory search.
SEARCHED = {
    Organisation: ("name", "short_name", "description", "city"),
    Unit: ("name", "description"),
    Person: ("full_name", "expertise", "bio"),
    Capability: ("title", "description"),
}


def search_text_for(obj) -> str:
    parts: list[str] = []
    for name in SEARCHED[type(obj)]:
        parts.extend(getattr(obj, col) for col in translated_columns(name))
    if isinstance(obj, Organisation):
        parts.extend([obj.legal_form, obj.bin or ""])
    if isinstance(obj, Person):
        parts.append(obj.email)
    return search_blob(*parts)


def _action(obj, verb: str) -> str:
    return f"directory.{obj._meta.model_name}.{verb}"


def _save_new(obj, *, actor, organisation=None):
    """Validate, save and audit a new row; an organisation is audited as its own."""
    obj.search_text = search_text_for(obj)
    obj.full_clean()
    obj.save()
    audit_record(
        actor=actor,
        action=_action(obj, "created"),
        target=obj,
        organisation=organisation if organisation is not None else (obj if isinstance(obj, Organisation) else None),
        changes={f.name: [None, getattr(obj, f.attname)] for f in obj._meta.concrete_fields
                 if f.name not in {"id", "search_text", "created_at", "updated_at"} and getattr(obj, f.attname) not in ("", None)},
    )
    return obj


def _save_changes(obj, data: dict[str, Any], *, actor, organisation) -> dict:
    return instance_update(obj, data, actor=actor, action=_action(obj, "updated"), organisation=organisation,
                           derive=lambda o: {"search_text": search_text_for(o)})


@transaction.atomic
def organisation_create(*, actor, data: dict[str, Any]) -> Organisation:
    """Create an organisation (platform admins only; the demo loader passes ``actor=None``)."""
    if actor is not None and not is_platform_admin(actor):
        raise PermissionDenied
    return _save_new(Organisation(**data), actor=actor)


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, data: dict[str, Any]) -> dict:
    """Change an organisation's own fields; its editors and platform admins may."""
    require_edit(actor, organisation)
    return _save_changes(organisation, data, actor=actor, organisation=organisation)


@transaction.atomic
def unit_create(*, actor, organisation: Organisation, data: dict[str, Any]) -> Unit:
    """Add a faculty, department, laboratory, centre or office to ``organisation``."""
    if actor is not None:
        require_edit(actor, organisation)
    return _save_new(Unit(organisation=organisation, **data), actor=actor, organisation=organisation)


@transaction.atomic
def unit_update(*, actor, unit: Unit, data: dict[str, Any]) -> dict:
    """Change a unit; only its organisation's editors may."""
    require_edit(actor, unit.organisation)
    return _save_changes(unit, data, actor=actor, organisation=unit.organisation)


@transaction.atomic
def unit_delete(*, actor, unit: Unit) -> None:
    require_edit(actor, unit.organisation)
    audit_record(actor=actor, action="directory.unit.deleted", target=unit, organisation=unit.organisation)
    unit.delete()


@transaction.atomic
def person_create(*, actor, owner: Organisation, data: dict[str, Any]) -> Person:
    """Add a person whose record ``owner``'s staff maintain."""
    if actor is not None:
        require_edit(actor, owner)
    return _save_new(Person(owner=owner, **data), actor=actor, organisation=owner)


@transaction.atomic
def person_update(*, actor, person: Person, data: dict[str, Any]) -> dict:
    require_edit(actor, person.owner)
    return _save_changes(person, data, actor=actor, organisation=person.owner)


@transaction.atomic
def position_add(*, actor, person: Person, organisation: Organisation, unit: Unit | None, data: dict[str, Any]) -> Position:
    """Record that ``person`` holds a position in ``organisation`` (optionally in ``unit``)."""
    if actor is not None:
        require_edit(actor, organisation)
    position = Position(person=person, organisation=organisation, unit=unit, **data)
    position.full_clean()
    position.save()
    audit_record(actor=actor, action="directory.position.created", target=position, organisation=organisation,
                 changes={"title": [None, str(position.title)], "person": [None, person.pk]})
    if position.is_head and unit is not None and unit.head_id != person.pk:
        unit.head = person
        unit.save(update_fields=["head", "updated_at"])
    return position


@transaction.atomic
def position_end(*, actor, position: Position) -> None:
    """Mark a position as no longer held (it stays in the record as past)."""
    require_edit(actor, position.organisation)
    if not position.is_current:
        return
    position.is_current = False
    position.save(update_fields=["is_current", "updated_at"])
    audit_record(actor=actor, action="directory.position.ended", target=position, organisation=position.organisation,
                 changes={"is_current": [True, False]})
    if position.is_head and position.unit_id and position.unit.head_id == position.person_id:
        Unit.objects.filter(pk=position.unit_id).update(head=None)


@transaction.atomic
def capability_create(*, actor, unit: Unit, data: dict[str, Any], people=()) -> Capability:
    """Publish a service, technology, equipment, course or result of ``unit``."""
    if actor is not None:
        require_edit(actor, unit.organisation)
    cap = _save_new(Capability(unit=unit, organisation=unit.organisation, **data), actor=actor,
                    organisation=unit.organisation)
    if people:
        cap.people.set(people)
    return cap


@transaction.atomic
def capability_update(*, actor, capability: Capability, data: dict[str, Any], people=None) -> dict:
    require_edit(actor, capability.organisation)
    if "unit" in data and data["unit"].organisation_id != capability.organisation_id:
        require_edit(actor, data["unit"].organisation)
        data = {**data, "organisation": data["unit"].organisation}
    changes = _save_changes(capability, data, actor=actor, organisation=capability.organisation)
    people_changes: dict = {}
    if people is not None and m2m_apply(capability, "people", people, people_changes):
        audit_record(actor=actor, action="directory.capability.updated", target=capability,
                     organisation=capability.organisation, changes=people_changes)
        changes.update(people_changes)
    return changes


@transaction.atomic
def capability_delete(*, actor, capability: Capability) -> None:
    require_edit(actor, capability.organisation)
    audit_record(actor=actor, action="directory.capability.deleted", target=capability,
                 organisation=capability.organisation)
    capability.delete()
