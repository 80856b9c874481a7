"""Keep the derived index in step with the database.

Saving or deleting a unit, person, capability or need (through any service,
the admin or the demo loader) marks its document key; when the transaction
commits, one ``index_refresh`` task gets every key marked in it. The task reads
the rows again, so it replaces edited documents and removes deleted ones.
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from kopir.matching.documents import key_of

_pending = threading.local()


def _keys() -> set[str]:
    keys = getattr(_pending, "keys", None)
    if keys is None:
        keys = _pending.keys = set()
    return keys


def _flush() -> None:
    keys = sorted(_keys())
    _keys().clear()
    if keys:
        from kopir.matching.tasks import index_refresh

        index_refresh.enqueue(keys=keys)


def mark(*keys: str) -> None:
    """Refresh these document keys once the current transaction commits."""
    _keys().update(keys)
    transaction.on_commit(_flush)


def _on_change(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    mark(key_of(instance))


def _on_person_delete(sender, instance, **kwargs):
    # Its capabilities name it among their entities; refresh them too.
    mark(*[f"cap:{pk}" for pk in instance.capabilities.values_list("pk", flat=True)])


def _on_people_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        from kopir.directory.models import Capability

        if isinstance(instance, Capability):
            mark(key_of(instance))
        else:
            mark(*[f"cap:{pk}" for pk in (kwargs.get("pk_set") or [])])


def connect() -> None:
    from kopir.directory.models import Capability, Person, Unit
    from kopir.needs.models import Need

    for model in (Unit, Person, Capability, Need):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"matching-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"matching-delete-{model.__name__}")
    pre_delete.connect(_on_person_delete, sender=Person, dispatch_uid="matching-person-caps")
    m2m_changed.connect(_on_people_changed, sender=Capability.people.through, dispatch_uid="matching-cap-people")
