"""The newsroom's JSON API: releases (public) and import (press and liaison officers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from kopir.api.auth import OptionalTokenAuth, TokenAuth
from kopir.api.schemas import Translated, tr
from kopir.directory.models import Organisation
from kopir.newsroom import selectors, services
from kopir.newsroom.models import Release

router = Router(tags=["newsroom"], auth=OptionalTokenAuth())


class MentionOut(Schema):
    lang: str
    kind: str
    name: str
    detail: str
    organisation: str | None
    person: str | None
    region: str | None


class ReleaseOut(Schema):
    slug: str
    organisation: str
    date: str
    languages: list[str]
    title: Translated
    lead: Translated
    body: Translated
    tags: list[str]
    url: str


class ReleaseDetailOut(ReleaseOut):
    mentions: list[MentionOut]


class ImportIn(Schema):
    organisation: str
    text: str
    name: str = ""
    lang: str | None = None


class ImportOut(Schema):
    status: str
    release: str | None
    lang: str
    similar: list[str]


def release_out(r: Release) -> dict:
    return {"slug": r.slug, "organisation": r.organisation.slug, "date": r.date.isoformat(),
            "languages": r.languages, "title": tr(r.title), "lead": tr(r.lead), "body": tr(r.body),
            "tags": [t.slug for t in r.tags.all()], "url": r.get_absolute_url()}


@router.get("/releases", response=list[ReleaseOut])
@paginate(PageNumberPagination, page_size=50)
def releases(request, q: str = "", tag: str = "", organisation: str = "", lang: str = ""):
    qs = selectors.release_list(q=q, tag=tag, organisation=organisation, lang=lang)
    return [release_out(r) for r in qs]


@router.get("/releases/{slug}", response=ReleaseDetailOut)
def release(request, slug: str):
    r = get_object_or_404(Release.objects.select_related("organisation"), slug=slug)
    if not services.can_see_release(request.user, r):
        raise HttpError(404, _("Not found."))
    mentions = [{"lang": m.lang, "kind": m.kind, "name": m.name, "detail": m.detail,
                 "organisation": m.organisation.slug if m.organisation else None,
                 "person": m.person.slug if m.person else None,
                 "region": m.region.slug if m.region else None}
                for m in r.mentions.select_related("organisation", "person", "region")]
    return {**release_out(r), "mentions": mentions}


@router.post("/import", response={200: ImportOut, 201: ImportOut}, auth=TokenAuth())
def import_release(request, payload: ImportIn):
    org = get_object_or_404(Organisation, slug=payload.organisation)
    try:
        result = services.release_import(actor=request.auth, organisation=org, content=payload.text,
                                         name=payload.name or "api", lang=payload.lang)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You may not do this.")) from exc
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    body = {"status": result.status, "release": result.release.slug if result.release else None,
            "lang": result.lang, "similar": [r.slug for r, _score in result.similar]}
    return Status(201 if result.status == "created" else 200, body)
