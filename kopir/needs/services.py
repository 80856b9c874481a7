"""The needs write path: post, change, close and delete a need.

Each function checks permission, detects the language of the text, keeps the
need searchable, writes the audit log and, once the transaction has committed,
asks the matching side to refresh the need's matches (and tell labs of strong
new ones).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopir.core.audit import audit_record
from kopir.core.i18n import translated_columns
from kopir.core.services import instance_apply
from kopir.core.text import search_blob
from kopir.matching.documents import all_texts
from kopir.needs.access import can_post_for, require_manage
from kopir.needs.models import Need

TEXT_FIELDS = ("title", "description")


def need_text(need: Need) -> str:
    """All the need's text in every language it was written in (what matching reads)."""
    return "\n".join(p for p in (all_texts(need, name) for name in TEXT_FIELDS) if p)


def _search_text(need: Need) -> str:
    org = need.organisation
    return search_blob(need_text(need), *(getattr(org, c) for c in translated_columns("name")),
                       *(getattr(org, c) for c in translated_columns("short_name")))


def _detect(need: Need) -> str:
    from kopir.matching.engine import detect_language

    text = need_text(need)
    return detect_language(text) if text.strip() else ""


def _validate(need: Need, *, today: date | None = None, deadline_changed: bool = True) -> None:
    errors = {}
    if need.budget_min is not None and need.budget_max is not None and need.budget_min > need.budget_max:
        errors["budget_max"] = _("The upper budget must not be below the lower one.")
    today = today or timezone.localdate()
    if deadline_changed and need.deadline is not None and need.deadline < today:
        errors["deadline"] = _("The deadline is in the past.")
    if not any((getattr(need, c) or "").strip() for c in translated_columns("title")):
        errors["title_kk"] = _("Give the need a title in at least one language.")
    if errors:
        raise ValidationError(errors)


def _refresh_later(need_id: int, *, notify: bool) -> None:
    from kopir.matching.tasks import need_matches_refresh

    transaction.on_commit(lambda: need_matches_refresh.enqueue(need_id=need_id, notify=notify))


@transaction.atomic
def need_create(*, actor, organisation, data: dict[str, Any], notify: bool = True) -> Need:
    """Post a need on behalf of ``organisation`` (its editors; ``actor=None`` for the demo loader).

    ``notify=False`` stores its matches without e-mailing the labs (the demo loader)."""
    if actor is not None and not can_post_for(actor, organisation):
        raise PermissionDenied(_("Only editors of an enterprise or a government body can post its needs."))
    need = Need(organisation=organisation, created_by=actor if getattr(actor, "is_authenticated", False) else None,
                **data)
    _validate(need)
    need.language = _detect(need)
    need.search_text = _search_text(need)
    need.full_clean()
    need.save()
    audit_record(actor=actor, action="needs.need.created", target=need, organisation=organisation, changes={
        f.name: [None, getattr(need, f.attname)] for f in need._meta.concrete_fields
        if f.name not in {"id", "search_text", "created_at", "updated_at", "created_by"}
        and getattr(need, f.attname) not in ("", None)})
    _refresh_later(need.pk, notify=notify and need.is_open)
    return need


@transaction.atomic
def need_update(*, actor, need: Need, data: dict[str, Any]) -> dict:
    """Change a need; only its organisation's editors may. Strong new matches are announced again."""
    require_manage(actor, need)
    changes = instance_apply(need, data)
    if not changes:
        return changes
    _validate(need, deadline_changed="deadline" in changes)
    need.language = _detect(need)
    need.search_text = _search_text(need)
    need.full_clean()
    need.save()
    audit_record(actor=actor, action="needs.need.updated", target=need, organisation=need.organisation,
                 changes=changes)
    _refresh_later(need.pk, notify=need.is_open)
    return changes


@transaction.atomic
def need_close(*, actor, need: Need) -> None:
    """Mark a need as met or withdrawn; it leaves inboxes and the lists of open needs."""
    require_manage(actor, need)
    if need.status == Need.Status.CLOSED:
        return
    need.status = Need.Status.CLOSED
    need.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="needs.need.closed", target=need, organisation=need.organisation,
                 changes={"status": [Need.Status.OPEN, Need.Status.CLOSED]})


@transaction.atomic
def need_delete(*, actor, need: Need) -> None:
    require_manage(actor, need)
    audit_record(actor=actor, action="needs.need.deleted", target=need, organisation=need.organisation)
    need.delete()
