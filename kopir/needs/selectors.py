"""Reads of needs shared by pages and the API; every one respects who may read what."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kopir.core.text import search_terms
from kopir.needs.access import full_q, visible_q
from kopir.needs.models import Need


def need_list(user, *, include_closed: bool = False) -> QuerySet:
    """Needs ``user`` may see (in full or as a summary), newest first."""
    qs = Need.objects.filter(visible_q(user)).select_related("organisation", "sector", "region")
    if not include_closed:
        qs = qs.filter(status=Need.Status.OPEN)
    return qs.order_by("-created_at", "-id")


def need_search(qs: QuerySet, user, *, q: str = "", kind: str = "", region: str = "", sector: str = "") -> QuerySet:
    """Filter needs by words and by kind, region slug, OKED section or division.

    Words only search needs the user may read in full: a confidential need's
    text must not be found by someone who only sees its summary.
    """
    terms = search_terms(q)
    if terms:
        full_ids = Need.objects.filter(full_q(user)).values("pk")
        qs = qs.filter(pk__in=full_ids)
        for term in terms:
            qs = qs.filter(search_text__contains=term)
    if kind:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(region__slug=region)
    if sector:
        qs = qs.filter(Q(sector__code=sector) | Q(sector__parent__code=sector))
    return qs


def full_ids(user, needs) -> set[int]:
    """Of ``needs``, the ids ``user`` may read in full (one query for a page of results)."""
    ids = [n.pk for n in needs]
    return set(Need.objects.filter(full_q(user), pk__in=ids).values_list("pk", flat=True))
