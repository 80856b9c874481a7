"""Needs over the JSON API: lists and details respecting visibility; posting with a token."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from kopir.api.auth import OptionalTokenAuth, TokenAuth
from kopir.api.schemas import Translated, tr
from kopir.core.models import Region, Sector
from kopir.directory.models import Organisation
from kopir.needs import selectors, services
from kopir.needs.access import FULL, need_access
from kopir.needs.models import Need

router = Router(tags=["needs"], auth=OptionalTokenAuth())


class NeedOut(Schema):
    id: int
    kind: str
    confidential_summary: bool
    sector: str | None
    region: str | None
    organisation: str | None = None
    title: Translated | None = None
    description: Translated | None = None
    language: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    deadline: datetime.date | None = None
    visibility: str | None = None
    status: str | None = None


class NeedIn(Schema):
    organisation: str
    kind: str
    title: Translated
    description: Translated = Translated()
    sector: str | None = None
    region: str | None = None
    budget_min: int | None = None
    budget_max: int | None = None
    deadline: datetime.date | None = None
    visibility: str = "public"


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


def need_out(need: Need, full: bool) -> dict:
    out = {"id": need.pk, "kind": need.kind, "confidential_summary": not full,
           "sector": need.sector.code if need.sector else None,
           "region": need.region.slug if need.region else None}
    if full:
        out.update({"organisation": need.organisation.slug, "title": tr(need.title),
                    "description": tr(need.description), "language": need.language or None,
                    "budget_min": need.budget_min, "budget_max": need.budget_max, "deadline": need.deadline,
                    "visibility": need.visibility, "status": need.status})
    return out


@router.get("/", response=list[NeedOut])
@paginate(PageNumberPagination, page_size=50)
def needs(request, q: str = "", kind: str = "", region: str = "", sector: str = ""):
    user = _user(request)
    qs = selectors.need_search(selectors.need_list(user), user, q=q, kind=kind, region=region, sector=sector)
    items = list(qs)
    full = selectors.full_ids(user, items)
    return [need_out(n, n.pk in full) for n in items]


@router.get("/{int:need_id}", response=NeedOut)
def need(request, need_id: int):
    user = _user(request)
    obj = get_object_or_404(Need.objects.select_related("organisation", "sector", "region"), pk=need_id)
    access = need_access(user, obj)
    if access is None:
        raise HttpError(404, _("Not found."))
    return need_out(obj, access == FULL)


@router.post("/", response={201: NeedOut}, auth=TokenAuth())
def need_post(request, payload: NeedIn):
    user = request.auth
    org = get_object_or_404(Organisation, slug=payload.organisation)
    data = {"kind": payload.kind, "budget_min": payload.budget_min, "budget_max": payload.budget_max,
            "deadline": payload.deadline, "visibility": payload.visibility}
    for name in ("title", "description"):
        for lang, value in getattr(payload, name).dict().items():
            data[f"{name}_{lang}"] = value
    if payload.sector:
        data["sector"] = Sector.objects.filter(code=payload.sector).first()
        if data["sector"] is None:
            raise HttpError(422, _("Unknown sector."))
    if payload.region:
        data["region"] = Region.objects.filter(slug=payload.region).first()
        if data["region"] is None:
            raise HttpError(422, _("Unknown region."))
    try:
        created = services.need_create(actor=user, organisation=org, data=data)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You may not do this.")) from exc
    except ValidationError as exc:
        raise HttpError(422, "; ".join(exc.messages)) from exc
    return Status(201, need_out(created, True))
