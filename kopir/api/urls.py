"""The JSON API: one NinjaAPI, one router per domain, OpenAPI at /api/openapi.json.

The interactive docs page is off because it loads its scripts from a CDN;
the schema itself is served and can be opened in any local OpenAPI viewer.
"""

from django.urls import reverse
from ninja import NinjaAPI, Schema

from kopir.api.auth import TokenAuth
from kopir.collaborations.api import router as collaborations_router
from kopir.directory.api import router as directory_router
from kopir.events.api import router as events_router
from kopir.insights.api import router as insights_router
from kopir.matching.api import router as matching_router
from kopir.needs.api import router as needs_router
from kopir.newsroom.api import router as newsroom_router

api = NinjaAPI(title="kopir API", version="1", docs_url=None, urls_namespace="api")
api.add_router("/directory/", directory_router)
api.add_router("/needs/", needs_router)
api.add_router("/matching/", matching_router)
api.add_router("/events/", events_router)
api.add_router("/news/", newsroom_router)
api.add_router("/collaborations/", collaborations_router)
api.add_router("/insights/", insights_router)


class IndexOut(Schema):
    name: str
    version: str
    openapi: str
    routers: list[str]


class MeOut(Schema):
    username: str
    language: str
    organisations: dict[str, str]


@api.get("/", response=IndexOut, auth=None, tags=["meta"])
def index(request):
    return {
        "name": "kopir", "version": api.version, "openapi": reverse("api:openapi-json"),
        "routers": sorted({prefix.strip("/") for prefix, _router in api._routers if prefix.strip("/")}),
    }


@api.get("/me", response=MeOut, auth=TokenAuth(), tags=["meta"])
def me(request):
    user = request.auth
    return {
        "username": user.username, "language": user.language,
        "organisations": {m.organisation.slug: m.role for m in user.memberships.select_related("organisation")},
    }
