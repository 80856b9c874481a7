"""The matching write path: introductions (collaboration leads) and declined matches.

Both are remembered and feed the ranking as facets (``past_collaboration``,
``declined_here``, ``declined_elsewhere``), so they change later results.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kopir.accounts.access import can_edit
from kopir.core.audit import audit_record
from kopir.matching.documents import key_of
from kopir.matching.models import Decline, Introduction
from kopir.needs.access import can_broker


def _target_fields(target) -> dict:
    name = target._meta.model_name
    if name not in ("unit", "person", "capability"):
        raise ValidationError(_("Only a unit, a person or a capability can be introduced."))
    return {name: target, "entity": key_of(target)}


def _organisation_of(target):
    return target.owner if target._meta.model_name == "person" else target.organisation


@transaction.atomic
def introduction_request(*, actor, need, target, message: str = "") -> Introduction:
    """Ask kopir to introduce the need's organisation to ``target``; the lab is told by e-mail."""
    if not can_broker(actor, need):
        raise PermissionDenied(_("Only the need's editors and university liaison officers can request introductions."))
    if not need.is_open:
        raise ValidationError(_("This need is closed."))
    fields = _target_fields(target)
    existing = Introduction.objects.filter(need=need, entity=fields["entity"]).first()
    if existing is not None:
        return existing
    intro = Introduction.objects.create(need=need, organisation=_organisation_of(target), message=message.strip(),
                                        requested_by=actor, **fields)
    Decline.objects.filter(need=need, entity=fields["entity"]).delete()
    audit_record(actor=actor, action="matching.introduction.requested", target=intro,
                 organisation=need.organisation, changes={"entity": [None, intro.entity],
                                                           "organisation": [None, intro.organisation_id]})
    # Requesting an introduction accepts the match: the collaboration pipeline starts here.
    from kopir.collaborations.services import collaboration_start_from_introduction

    # The requester starts it (and owns it) when they sit on either side; a liaison officer
    # of another university brokers it, and the system starts it on their behalf.
    starter = actor if (can_edit(actor, need.organisation) or can_edit(actor, intro.organisation)) else None
    try:
        with transaction.atomic():
            collaboration_start_from_introduction(actor=starter, introduction=intro)
    except ValidationError:
        # e.g. a person with no unit to work through: the introduction stands, and the
        # liaison office opens the collaboration by hand once the partner is known
        pass
    from kopir.matching.tasks import introduction_announce, need_matches_refresh

    transaction.on_commit(lambda: introduction_announce.enqueue(introduction_id=intro.pk))
    transaction.on_commit(lambda: need_matches_refresh.enqueue(need_id=need.pk, notify=False))
    return intro


@transaction.atomic
def match_decline(*, actor, need, target, reason: str, comment: str = "") -> Decline:
    """Say that ``target`` does not fit ``need`` (and why); it sinks in this need's ranking
    and a little in the organisation's other needs."""
    if not can_broker(actor, need):
        raise PermissionDenied(_("Only the need's editors and university liaison officers can decline matches."))
    if reason not in Decline.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    fields = _target_fields(target)
    decline, created = Decline.objects.update_or_create(
        need=need, entity=fields["entity"],
        defaults={**fields, "reason": reason, "comment": comment.strip()[:500], "declined_by": actor})
    audit_record(actor=actor, action="matching.match.declined", target=decline, organisation=need.organisation,
                 changes={"entity": [None, decline.entity], "reason": [None, reason]})
    from kopir.matching.tasks import need_matches_refresh

    transaction.on_commit(lambda: need_matches_refresh.enqueue(need_id=need.pk, notify=False))
    return decline
