"""Reads of the directory that several views and the API share."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kopir.core.i18n import translated_order
from kopir.core.text import search_terms
from kopir.directory.models import Capability, Organisation, Person, Unit

ORDER_FIELD = {Organisation: "name", Unit: "name", Person: "full_name", Capability: "title"}
REGION_PATH = {Organisation: "region", Unit: "organisation__region", Person: "owner__region", Capability: "organisation__region"}


def directory_search(qs: QuerySet, *, q: str = "", kind: str = "", region: str = "", sector: str = "") -> QuerySet:
    """Filter ``qs`` by a free-text query (every word, any language, any spelling of
    look-alike letters) and by kind, region slug and OKED section or division code."""
    model = qs.model
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    if kind:
        qs = qs.filter(kind=kind)
    if region:
        qs = qs.filter(**{f"{REGION_PATH[model]}__slug": region})
    if sector and hasattr(model, "sector"):
        qs = qs.filter(Q(sector__code=sector) | Q(sector__parent__code=sector))
    return qs.order_by(translated_order(ORDER_FIELD[model]), "pk")


def organisation_list() -> QuerySet:
    return Organisation.objects.select_related("region", "sector")


def unit_list() -> QuerySet:
    return Unit.objects.select_related("organisation", "organisation__region", "head")


def person_list() -> QuerySet:
    return Person.objects.select_related("owner").prefetch_related("positions__organisation")


def capability_list() -> QuerySet:
    return Capability.objects.select_related("unit", "organisation", "organisation__region")
