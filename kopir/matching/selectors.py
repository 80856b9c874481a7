"""Reads of stored matches: a lab's inbox and the needs nobody matches well."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from kopir.accounts.access import is_platform_admin
from kopir.accounts.models import EDIT_ROLES
from kopir.directory.models import Unit
from kopir.matching.models import Match
from kopir.matching.ranking import GOOD_COSINE
from kopir.needs.models import Need


def inbox_units(user) -> QuerySet:
    """Units whose inbox ``user`` reads: those they head, and all units of organisations they edit."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    if is_platform_admin(user):
        return Unit.objects.none()  # platform admins are not a lab; they see needs anywhere
    person = getattr(user, "person", None)
    headed = Unit.objects.none()
    if person is not None:
        headed = Unit.objects.filter(head=person) | Unit.objects.filter(
            positions__person=person, positions__is_head=True, positions__is_current=True)
    edited = Unit.objects.filter(organisation__memberships__user=user,
                                 organisation__memberships__role__in=EDIT_ROLES)
    return (headed | edited).distinct()


def inbox(user, *, limit: int = 200) -> list[dict]:
    """Open needs matching the user's labs, newest first and, within a need, best match first.

    Each row: ``{"need", "matches": [Match...], "best": float}``.
    """
    units = inbox_units(user)
    matches = (Match.objects.filter(lab__in=units.values("pk"), need__status=Need.Status.OPEN)
               .select_related("need__organisation", "need__sector", "need__region", "lab", "unit", "person",
                               "capability")
               .order_by("-need__created_at", "-need_id", "-score")[:limit])
    rows: dict[int, dict] = {}
    for m in matches:
        row = rows.setdefault(m.need_id, {"need": m.need, "matches": [], "best": m.score})
        row["matches"].append(m)
        row["best"] = max(row["best"], m.score)
    return list(rows.values())


def unmatched_needs(qs: QuerySet) -> QuerySet:
    """Of ``qs``, the needs whose stored matches include none good enough."""
    good = Match.objects.filter(need=OuterRef("pk"), cosine__gte=GOOD_COSINE)
    return qs.filter(~Exists(good))
