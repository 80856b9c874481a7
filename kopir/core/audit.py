"""The audit log's one write path; services call it for every change."""

from __future__ import annotations

from typing import Any

from django.db import models

from kopir.core.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def audit_record(*, actor, action: str, target: models.Model, organisation=None, changes: dict | None = None) -> AuditEntry:
    """Record that ``actor`` did ``action`` (e.g. ``directory.unit.updated``) to ``target``.

    ``changes`` maps a field name to ``[old, new]``.
    """
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        organisation=organisation,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=_jsonable(changes or {}),
    )


def audit_record_many(*, actor, action: str, model: type[models.Model], summary: str, changes: dict | None = None,
                      organisation=None) -> AuditEntry:
    """Record one change that touched many rows of ``model`` at once (e.g. a nightly flagging)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        organisation=organisation,
        target_type=model._meta.label_lower,
        target_id="*",
        target_repr=summary[:300],
        changes=_jsonable(changes or {}),
    )
