"""The collaborations' write path: open, move between stages, attach documents,
confirm and countersign implementation, record outcomes, flag staleness.

Each function checks permission (``actor=None`` is the system: the demo loader and
the tick), validates through ``transitions.py`` and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopir.collaborations import access
from kopir.collaborations.models import Collaboration, Document, Stage, StageEvent
from kopir.collaborations.transitions import Move, validate_move
from kopir.collaborations.uploads import check_upload
from kopir.core.audit import audit_record
from kopir.core.i18n import translated_columns
from kopir.core.services import instance_apply
from kopir.core.text import search_blob

OUTCOME_FIELDS = ("contract_value_kzt", "people_trained", "products_introduced", "processes_introduced",
                  *translated_columns("outcomes_note"))


def stale_days() -> int:
    return int(getattr(settings, "KOPIR_STALE_DAYS", 30))


def _now():
    return timezone.now()


def _touch(collaboration: Collaboration, when=None) -> None:
    collaboration.last_activity_at = when or _now()
    collaboration.stale_since = None


def search_text_for(collaboration: Collaboration) -> str:
    parts = [getattr(collaboration, c) for name in ("title", "summary") for c in translated_columns(name)]
    return " ".join(p for p in (search_blob(*parts), collaboration.enterprise.search_text,
                                collaboration.unit.search_text, collaboration.university.search_text) if p)


def _audit(actor, verb: str, collaboration: Collaboration, changes: dict | None = None) -> None:
    audit_record(actor=actor, action=f"collaborations.collaboration.{verb}", target=collaboration,
                 organisation=collaboration.university, changes=changes)


@transaction.atomic
def collaboration_open(
    *, actor, enterprise, unit, title: dict[str, str], summary: dict[str, str] | None = None, government=None,
    owner=None, started_on: dt.date | None = None, note: str = "", sector=None, region=None,
    need=None, introduction=None, is_fictional: bool = False,
) -> Collaboration:
    """Open a collaboration between ``enterprise`` and a university ``unit``; it starts as "introduced".

    Liaison officers and admins of either side may open one by hand.
    """
    if actor is not None and not (access.can_open_for(actor, unit.organisation)
                                  or access.can_open_for(actor, enterprise)):
        raise PermissionDenied(_("Only liaison officers of the university or the enterprise can open a collaboration."))
    return _collaboration_create(
        actor=actor, enterprise=enterprise, unit=unit, title=title, summary=summary, government=government,
        owner=owner, started_on=started_on, note=note, sector=sector, region=region, need=need,
        introduction=introduction, is_fictional=is_fictional)


def _collaboration_create(*, actor, enterprise, unit, title, summary, government, owner, started_on, note, sector,
                          region, need, introduction, is_fictional) -> Collaboration:
    university = unit.organisation
    errors = {}
    if enterprise.kind != enterprise.Kind.ENTERPRISE:
        errors["enterprise"] = _("Choose an enterprise.")
    if university.kind not in (university.Kind.UNIVERSITY, university.Kind.RESEARCH_INSTITUTE):
        errors["unit"] = _("Choose a unit of a university or research institute.")
    if government is not None and government.kind != government.Kind.GOVERNMENT:
        errors["government"] = _("Choose a government body.")
    today = timezone.localdate()
    started_on = started_on or today
    if started_on > today:
        errors["started_on"] = _("The date is in the future.")
    if errors:
        raise ValidationError(errors)
    now = _now()
    collaboration = Collaboration(
        enterprise=enterprise, unit=unit, university=university, government=government,
        owner=owner if owner is not None else (actor if getattr(actor, "is_authenticated", False) else None),
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
        sector=sector or unit.sector or enterprise.sector, region=region or enterprise.region,
        stage=Stage.INTRODUCED, stage_since=started_on, started_on=started_on, last_activity_at=now,
        is_fictional=is_fictional,
    )
    collaboration.title = title
    if summary:
        collaboration.summary = summary
    collaboration.need = need
    collaboration.introduction = introduction
    if not any(getattr(collaboration, c).strip() for c in translated_columns("title")):
        raise ValidationError({"title_kk": _("Give the collaboration a title in at least one language.")})
    collaboration.search_text = search_text_for(collaboration)
    collaboration.full_clean()
    collaboration.save()
    StageEvent.objects.create(collaboration=collaboration, from_stage="", to_stage=Stage.INTRODUCED,
                              happened_on=started_on, moved_by=collaboration.opened_by, note=note)
    _audit(actor, "opened", collaboration, {
        "enterprise": [None, enterprise.pk], "unit": [None, unit.pk], "stage": [None, Stage.INTRODUCED]})
    return collaboration


def _store_document(*, actor, collaboration: Collaboration, upload, kind: str, created: list, event=None) -> Document:
    if kind not in Document.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    try:
        ext, content_type = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"documents": exc.messages}) from exc
    name = os.path.basename(getattr(upload, "name", "") or f"document.{ext}")[:200]
    document = Document(
        collaboration=collaboration, event=event, kind=kind, stage=collaboration.stage, original_name=name,
        content_type=content_type, size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.file.save(f"document.{ext}", upload, save=False)
    created.append(document.file)
    document.save()
    return document


def _with_files(work):
    """Run ``work(created)``; if it fails, delete the files it stored (Django has no on-rollback hook)."""
    created: list = []
    try:
        return work(created)
    except Exception:
        for stored in created:
            stored.storage.delete(stored.name)
        raise


def collaboration_document_add(*, actor, collaboration: Collaboration, upload, kind: str) -> Document:
    """Attach a document at the current stage (the parties' editors)."""
    if actor is not None and not access.can_work(actor, collaboration):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can add documents."))

    @transaction.atomic
    def work(created):
        document = _store_document(actor=actor, collaboration=collaboration, upload=upload, kind=kind,
                                   created=created)
        _touch(collaboration)
        collaboration.save(update_fields=["last_activity_at", "stale_since", "updated_at"])
        _audit(actor, "document_added", collaboration,
               {"document": [None, document.original_name], "kind": [None, kind]})
        return document

    return _with_files(work)


@transaction.atomic
def _move_atomic(*, actor, collaboration, to_stage, note, reason, happened_on, documents, created) -> StageEvent:
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    documents = list(documents)
    previous = collaboration.events.order_by("-happened_on", "-id").first()
    new_evidence = any(kind in Document.EVIDENCE_KINDS for kind, _upload in documents)
    move = Move(
        from_stage=collaboration.stage, to_stage=to_stage, note=note, reason=reason, happened_on=happened_on,
        previous_date=previous.happened_on if previous else None, stage_before_close=collaboration.stage_before_close,
        evidence=new_evidence or collaboration.has_evidence(),
        enterprise_confirmed=collaboration.enterprise_confirmed_at is not None,
    )
    kind = validate_move(move)
    happened_on = happened_on or timezone.localdate()
    event = StageEvent.objects.create(
        collaboration=collaboration, from_stage=collaboration.stage, to_stage=to_stage, happened_on=happened_on,
        moved_by=actor if getattr(actor, "is_authenticated", False) else None, note=note.strip(), reason=reason,
    )
    for doc_kind, upload in documents:
        _store_document(actor=actor, collaboration=collaboration, upload=upload, kind=doc_kind, event=event,
                        created=created)
    old = collaboration.stage
    if kind == "close":
        collaboration.stage_before_close = old
        collaboration.closed_reason = reason
    elif kind == "reopen":
        collaboration.stage_before_close = ""
        collaboration.closed_reason = ""
    collaboration.stage = to_stage
    collaboration.stage_since = happened_on
    _touch(collaboration)
    collaboration.save()
    _audit(actor, "stage_changed", collaboration, {"stage": [old, to_stage], "date": [None, happened_on.isoformat()],
                                                   **({"reason": [None, reason]} if reason else {})})
    return event


def collaboration_move(
    *, actor, collaboration: Collaboration, to_stage: str, note: str = "", documents: Iterable = (),
    reason: str = "", happened_on: dt.date | None = None,
) -> StageEvent:
    """Move ``collaboration`` to ``to_stage`` (rules in ``transitions.py``).

    ``documents`` is a list of ``(kind, uploaded file)`` stored with the move;
    ``happened_on`` is the date of the stage (today by default; not in the future,
    not before the previous stage).
    """
    if actor is not None and not access.can_work(actor, collaboration):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can move a collaboration."))
    event = _with_files(lambda created: _move_atomic(
        actor=actor, collaboration=collaboration, to_stage=to_stage, note=note or "", reason=reason or "",
        happened_on=happened_on, documents=documents, created=created))
    collaboration.refresh_from_db()
    return event


@transaction.atomic
def collaboration_confirm_implementation(*, actor, collaboration: Collaboration) -> Collaboration:
    """The enterprise side confirms that the result runs in production (needs the evidence uploaded)."""
    if actor is not None and not access.can_confirm(actor, collaboration):
        raise PermissionDenied(_("Only editors of the enterprise can confirm implementation."))
    if collaboration.stage not in (Stage.IN_PROGRESS, Stage.IMPLEMENTED):
        raise ValidationError(_("Implementation is confirmed once the work is in progress."))
    if not collaboration.has_evidence():
        raise ValidationError(_("Attach the implementation act or an equivalent document first."))
    if collaboration.enterprise_confirmed_at is not None:
        return collaboration
    collaboration.enterprise_confirmed_at = _now()
    collaboration.enterprise_confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    _touch(collaboration)
    collaboration.save()
    _audit(actor, "implementation_confirmed", collaboration, {"enterprise_confirmed_at": [None, collaboration.enterprise_confirmed_at]})
    return collaboration


@transaction.atomic
def collaboration_countersign(*, actor, collaboration: Collaboration) -> Collaboration:
    """An official of the government party countersigns an implemented collaboration."""
    if actor is not None and not access.can_countersign(actor, collaboration):
        raise PermissionDenied(_("Only officials of the government body following this collaboration can countersign."))
    if collaboration.stage != Stage.IMPLEMENTED:
        raise ValidationError(_("Only an implemented collaboration can be countersigned."))
    if collaboration.countersigned_at is not None:
        return collaboration
    collaboration.countersigned_at = _now()
    collaboration.countersigned_by = actor if getattr(actor, "is_authenticated", False) else None
    collaboration.save(update_fields=["countersigned_at", "countersigned_by", "updated_at"])
    _audit(actor, "countersigned", collaboration, {"countersigned_at": [None, collaboration.countersigned_at]})
    return collaboration


@transaction.atomic
def collaboration_outcomes_update(*, actor, collaboration: Collaboration, data: dict[str, Any]) -> dict:
    """Record the contract value, the people trained and what was introduced."""
    if actor is not None and not access.can_work(actor, collaboration):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can record outcomes."))
    unknown = set(data) - set(OUTCOME_FIELDS)
    if unknown:
        raise ValueError(f"not outcome fields: {sorted(unknown)}")
    changes = instance_apply(collaboration, data)
    if not changes:
        return changes
    _touch(collaboration)
    collaboration.full_clean()
    collaboration.save()
    _audit(actor, "outcomes_updated", collaboration, changes)
    return changes


@transaction.atomic
def collaboration_update(*, actor, collaboration: Collaboration, data: dict[str, Any]) -> dict:
    """Change title, summary, government party or the responsible liaison officer."""
    if actor is not None and not access.can_work(actor, collaboration):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can change a collaboration."))
    allowed = {*translated_columns("title"), *translated_columns("summary"), "government", "owner"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    changes = instance_apply(collaboration, data)
    if not changes:
        return changes
    _touch(collaboration)
    collaboration.search_text = search_text_for(collaboration)
    collaboration.full_clean()
    collaboration.save()
    _audit(actor, "updated", collaboration, changes)
    return changes


def stale_cutoff(now=None):
    return (now or _now()) - dt.timedelta(days=stale_days())


@transaction.atomic
def collaborations_flag_stale(*, now=None) -> tuple[int, int]:
    """Flag open collaborations with no activity for ``KOPIR_STALE_DAYS``; unflag the active ones.

    Returns ``(newly flagged, unflagged)``; running it twice changes nothing more.
    """
    now = now or _now()
    cutoff = stale_cutoff(now)
    open_qs = Collaboration.objects.exclude(stage__in=[Stage.IMPLEMENTED, Stage.CLOSED])
    flagged = open_qs.filter(last_activity_at__lt=cutoff, stale_since__isnull=True).update(stale_since=now)
    cleared = Collaboration.objects.filter(stale_since__isnull=False).exclude(
        pk__in=open_qs.filter(last_activity_at__lt=cutoff).values("pk")).update(stale_since=None)
    if flagged or cleared:
        from kopir.core.audit import audit_record_many

        audit_record_many(actor=None, action="collaborations.collaboration.stale_flagged", model=Collaboration,
                          summary=f"{flagged} flagged, {cleared} cleared",
                          changes={"flagged": flagged, "cleared": cleared})
    return flagged, cleared


def _unit_of_target(introduction):
    """The university unit behind an introduction's target (a unit, a capability's unit, a person's unit)."""
    if introduction.unit_id:
        return introduction.unit
    if introduction.capability_id:
        return introduction.capability.unit
    if introduction.person_id:
        position = (introduction.person.positions.filter(is_current=True, unit__isnull=False,
                                                         organisation=introduction.organisation)
                    .select_related("unit").order_by("-is_head", "id").first())
        return position.unit if position else None
    return None


@transaction.atomic
def collaboration_start_from_introduction(*, actor, introduction, owner=None) -> Collaboration:
    """Start the collaboration that an accepted introduction leads to (once; later calls return it).

    The enterprise is the need's organisation, the university side the introduced
    lab (or the capability's lab, or the person's unit); title, sector and region come
    from the need. Called by the matching side when an introduction is accepted
    (``actor`` is the user accepting, or None for the system after its own checks);
    otherwise the editors of either side may call it.
    """
    need = introduction.need
    if actor is not None and not (access.can_edit(actor, need.organisation)
                                  or access.can_edit(actor, introduction.organisation)):
        raise PermissionDenied(_("Only the need's editors or the introduced side can start the collaboration."))
    existing = Collaboration.objects.filter(introduction=introduction).first()
    if existing is not None:
        return existing
    from kopir.matching.models import Introduction

    if introduction.status in (Introduction.Status.DECLINED, Introduction.Status.CLOSED):
        raise ValidationError(_("This introduction was declined or closed."))
    unit = _unit_of_target(introduction)
    if unit is None:
        raise ValidationError(_("The introduced person has no unit to collaborate through."))
    if need.visibility == need.Visibility.PUBLIC:
        title = {c[-2:]: getattr(need, c) for c in translated_columns("title")}
    else:
        # A need that not everyone may read lends only its kind of help to the title; the
        # parties rename it, and a government body following the work later reads no more.
        from django.utils import translation

        from kopir.core.i18n import LANGS

        title = {}
        for lang in LANGS:
            with translation.override(lang):
                title[lang] = str(need.get_kind_display()).capitalize()
    if owner is None:
        requester = introduction.requested_by
        if requester is not None and access.role_in(requester, unit.organisation) in access.OPEN_ROLES:
            owner = requester
        elif getattr(actor, "is_authenticated", False) and access.can_edit(actor, unit.organisation):
            owner = actor
    collaboration = _collaboration_create(
        actor=actor, enterprise=need.organisation, unit=unit, title=title, summary=None, government=None,
        owner=owner, started_on=None, note=introduction.message, sector=need.sector, region=need.region, need=need,
        introduction=introduction, is_fictional=need.is_fictional)
    audit_record(actor=actor, action="collaborations.collaboration.started_from_introduction", target=collaboration,
                 organisation=collaboration.university, changes={"introduction": [None, introduction.pk],
                                                                 "need": [None, need.pk]})
    return collaboration
