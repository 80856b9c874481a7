"""Generic pieces of the write path that domain services share."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from kopir.core.audit import audit_record


def m2m_apply(instance: models.Model, name: str, values, changes: dict) -> bool:
    """Set the many-to-many ``name`` to ``values`` (objects or pks); record ``[before, after]``
    pks in ``changes`` if it changed."""
    before = set(getattr(instance, name).values_list("pk", flat=True))
    after = {getattr(v, "pk", v) for v in values}
    if before == after:
        return False
    getattr(instance, name).set(values)
    changes[name] = [sorted(before), sorted(after)]
    return True


def instance_apply(instance: models.Model, data: dict[str, Any]) -> dict[str, list]:
    """Set the given fields on ``instance`` and return ``{field: [old, new]}`` for those that changed."""
    changes: dict[str, list] = {}
    for field, new in data.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [old, new]
            setattr(instance, field, new)
    return changes


@transaction.atomic
def instance_update(
    instance: models.Model, data: dict[str, Any], *, actor, action: str, organisation=None, derive=None
) -> dict[str, list]:
    """Save only the changed fields of ``instance`` and audit them under ``action``.

    ``derive(instance)`` (optional) returns fields computed from the new values, such
    as a search text; they are saved with the change but not audited. Returns the
    changes; nothing is written (and nothing audited) when nothing changed.
    """
    changes = instance_apply(instance, data)
    if not changes:
        return changes
    derived = derive(instance) if derive else {}
    for field, value in derived.items():
        setattr(instance, field, value)
    instance.full_clean()
    fields = list(changes) + list(derived)
    if any(f.name == "updated_at" for f in instance._meta.fields):
        fields.append("updated_at")
    instance.save(update_fields=fields)
    audit_record(actor=actor, action=action, target=instance, organisation=organisation, changes=changes)
    return changes
