"""Read endpoints of the directory (public; a token identifies the caller)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from kopir.api.auth import OptionalTokenAuth
from kopir.api.schemas import Translated, tr
from kopir.directory import selectors
from kopir.directory.models import Capability, Organisation, Person, Unit

router = Router(tags=["directory"], auth=OptionalTokenAuth())


class OrganisationOut(Schema):
    slug: str
    kind: str
    name: Translated
    short_name: Translated
    description: Translated
    legal_form: str
    bin: str | None
    region: str | None
    sector: str | None
    website: str


class UnitOut(Schema):
    slug: str
    kind: str
    organisation: str
    parent: str | None
    name: Translated
    description: Translated
    head: str | None
    sector: str | None


class PositionOut(Schema):
    organisation: str
    unit: str | None
    title: Translated
    is_head: bool


class PersonOut(Schema):
    slug: str
    full_name: Translated
    expertise: Translated
    positions: list[PositionOut]


class CapabilityOut(Schema):
    slug: str
    kind: str
    unit: str
    organisation: str
    title: Translated
    description: Translated
    sector: str | None
    trl: int | None
    people: list[str]
    details: dict


def organisation_out(o: Organisation) -> dict:
    return {
        "slug": o.slug, "kind": o.kind, "name": tr(o.name), "short_name": tr(o.short_name),
        "description": tr(o.description), "legal_form": o.legal_form, "bin": o.bin,
        "region": o.region.slug if o.region else None, "sector": o.sector.code if o.sector else None,
        "website": o.website,
    }


def unit_out(u: Unit) -> dict:
    return {
        "slug": u.slug, "kind": u.kind, "organisation": u.organisation.slug,
        "parent": u.parent.slug if u.parent else None, "name": tr(u.name), "description": tr(u.description),
        "head": u.head.slug if u.head else None, "sector": u.sector.code if u.sector else None,
    }


def person_out(p: Person) -> dict:
    return {
        "slug": p.slug, "full_name": tr(p.full_name), "expertise": tr(p.expertise),
        "positions": [
            {"organisation": pos.organisation.slug, "unit": pos.unit.slug if pos.unit else None,
             "title": tr(pos.title), "is_head": pos.is_head}
            for pos in p.positions.all()
        ],
    }


def capability_out(c: Capability) -> dict:
    return {
        "slug": c.slug, "kind": c.kind, "unit": c.unit.slug, "organisation": c.organisation.slug,
        "title": tr(c.title), "description": tr(c.description), "sector": c.sector.code if c.sector else None,
        "trl": c.trl, "people": [p.slug for p in c.people.all()], "details": c.details,
    }


def _filters(q: str, kind: str, region: str, sector: str) -> dict:
    return {"q": q, "kind": kind, "region": region, "sector": sector}


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination, page_size=50)
def organisations(request, q: str = "", kind: str = "", region: str = "", sector: str = ""):
    qs = selectors.directory_search(selectors.organisation_list(), **_filters(q, kind, region, sector))
    return [organisation_out(o) for o in qs]


@router.get("/organisations/{slug}", response=OrganisationOut)
def organisation(request, slug: str):
    return organisation_out(get_object_or_404(selectors.organisation_list(), slug=slug))


@router.get("/units", response=list[UnitOut])
@paginate(PageNumberPagination, page_size=50)
def units(request, q: str = "", kind: str = "", region: str = "", sector: str = ""):
    qs = selectors.directory_search(
        selectors.unit_list().select_related("parent", "sector"), **_filters(q, kind, region, sector)
    )
    return [unit_out(u) for u in qs]


@router.get("/units/{slug}", response=UnitOut)
def unit(request, slug: str):
    return unit_out(get_object_or_404(selectors.unit_list().select_related("parent", "sector"), slug=slug))


@router.get("/people", response=list[PersonOut])
@paginate(PageNumberPagination, page_size=50)
def people(request, q: str = "", region: str = ""):
    qs = selectors.directory_search(
        selectors.person_list().prefetch_related("positions__unit"), **_filters(q, "", region, "")
    )
    return [person_out(p) for p in qs]


@router.get("/people/{slug}", response=PersonOut)
def person(request, slug: str):
    return person_out(get_object_or_404(selectors.person_list().prefetch_related("positions__unit"), slug=slug))


@router.get("/capabilities", response=list[CapabilityOut])
@paginate(PageNumberPagination, page_size=50)
def capabilities(request, q: str = "", kind: str = "", region: str = "", sector: str = ""):
    qs = selectors.directory_search(
        selectors.capability_list().select_related("sector").prefetch_related("people"),
        **_filters(q, kind, region, sector),
    )
    return [capability_out(c) for c in qs]


@router.get("/capabilities/{slug}", response=CapabilityOut)
def capability(request, slug: str):
    qs = selectors.capability_list().select_related("sector").prefetch_related("people")
    return capability_out(get_object_or_404(qs, slug=slug))
