"""Reads of collaborations shared by the pages, the API, the tick and the digest."""

from __future__ import annotations

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from kopir.collaborations import access
from kopir.collaborations.models import Collaboration, Stage
from kopir.collaborations.services import stale_cutoff
from kopir.core.text import search_terms
from kopir.directory.models import Organisation

OPEN_STAGES = [s for s in Stage.values if s not in (Stage.IMPLEMENTED, Stage.CLOSED)]


def stale_q(now=None) -> Q:
    return Q(stage__in=OPEN_STAGES, last_activity_at__lt=stale_cutoff(now))


def with_staleness(qs: QuerySet, now=None) -> QuerySet:
    return qs.annotate(is_stale=Case(When(stale_q(now), then=Value(True)), default=Value(False),
                                     output_field=BooleanField()))


def visible_to(user) -> QuerySet:
    return Collaboration.objects.filter(access.visible_q(user))


def board(user, *, q: str = "", stage: str = "", sector: str = "", partner: str = "", stale: bool = False) -> QuerySet:
    """The collaborations a user's organisations take part in, filtered for the board."""
    qs = with_staleness(visible_to(user)).select_related("enterprise", "university", "unit", "government", "owner",
                                                         "sector", "region")
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    if stage:
        qs = qs.filter(stage=stage)
    if sector:
        qs = qs.filter(Q(sector__code=sector) | Q(sector__parent__code=sector))
    if partner:
        qs = qs.filter(Q(enterprise__slug=partner) | Q(university__slug=partner) | Q(government__slug=partner))
    if stale:
        qs = qs.filter(stale_q())
    return qs.order_by("-last_activity_at", "-id")


def partners_of(user) -> QuerySet:
    """Organisations that appear as a party next to the user's own."""
    visible = visible_to(user)
    ids = set()
    for row in visible.values_list("enterprise_id", "university_id", "government_id"):
        ids.update(pk for pk in row if pk)
    return Organisation.objects.filter(pk__in=ids).order_by("slug")


def stale_by_owner(now=None) -> dict:
    """``{owner: [stale collaborations]}`` for the weekly digest."""
    result: dict = {}
    qs = (Collaboration.objects.filter(stale_q(now), owner__isnull=False, owner__is_active=True)
          .select_related("owner", "enterprise", "unit").order_by("owner_id", "last_activity_at"))
    for collab in qs:
        result.setdefault(collab.owner, []).append(collab)
    return result
