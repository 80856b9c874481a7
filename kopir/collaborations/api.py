"""Read endpoints of collaborations: a caller sees those their organisations take part in (token required)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from kopir.api.auth import TokenAuth
from kopir.api.schemas import Translated, tr
from kopir.collaborations import selectors

router = Router(tags=["collaborations"], auth=TokenAuth())


class EventOut(Schema):
    from_stage: str
    to_stage: str
    date: dt.date
    note: str
    reason: str


class CollaborationOut(Schema):
    id: int
    title: Translated
    stage: str
    stage_since: dt.date
    started_on: dt.date
    enterprise: str
    university: str
    unit: str
    government: str | None
    region: str | None
    sector: str | None
    stale: bool
    enterprise_confirmed: bool
    countersigned: bool
    contract_value_kzt: int | None
    people_trained: int
    products_introduced: int
    processes_introduced: int


class CollaborationDetailOut(CollaborationOut):
    events: list[EventOut]
    documents: list[str]


def _out(c) -> dict:
    return {
        "id": c.pk, "title": tr(c.title), "stage": c.stage, "stage_since": c.stage_since, "started_on": c.started_on,
        "enterprise": c.enterprise.slug, "university": c.university.slug, "unit": c.unit.slug,
        "government": c.government.slug if c.government_id else None,
        "region": c.region.slug if c.region_id else None, "sector": c.sector.code if c.sector_id else None,
        "stale": bool(c.is_stale), "enterprise_confirmed": c.enterprise_confirmed_at is not None,
        "countersigned": c.countersigned_at is not None, "contract_value_kzt": c.contract_value_kzt,
        "people_trained": c.people_trained, "products_introduced": c.products_introduced,
        "processes_introduced": c.processes_introduced,
    }


@router.get("/", response=list[CollaborationOut])
@paginate(PageNumberPagination, page_size=50)
def collaborations(request, stage: str = "", sector: str = "", partner: str = "", stale: bool = False, q: str = ""):
    qs = selectors.board(request.auth, q=q, stage=stage, sector=sector, partner=partner, stale=stale)
    return [_out(c) for c in qs]


@router.get("/{int:pk}", response=CollaborationDetailOut)
def collaboration(request, pk: int):
    c = get_object_or_404(selectors.board(request.auth).prefetch_related("events", "documents"), pk=pk)
    return {**_out(c),
            "events": [{"from_stage": e.from_stage, "to_stage": e.to_stage, "date": e.happened_on, "note": e.note,
                        "reason": e.reason} for e in c.events.all()],
            "documents": [request.build_absolute_uri(d.get_absolute_url()) for d in c.documents.all()]}
