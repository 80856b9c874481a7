"""Reads of the newsroom shared by pages, feeds and the API."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kopir.core.i18n import LANGS
from kopir.core.text import search_terms
from kopir.newsroom.models import Release, Suggestion


def release_list(*, q: str = "", tag: str = "", organisation: str = "", lang: str = "",
                 published_only: bool = True) -> QuerySet:
    """Releases newest first, filtered by free text (any language), tag slug, organisation
    slug and the language a version exists in."""
    qs = Release.objects.select_related("organisation").prefetch_related("tags")
    if published_only:
        qs = qs.filter(status=Release.Status.PUBLISHED)
    for term in search_terms(q):
        qs = qs.filter(search_text__contains=term)
    if tag:
        qs = qs.filter(tags__slug=tag)
    if organisation:
        qs = qs.filter(organisation__slug=organisation)
    if lang in LANGS:
        qs = qs.exclude(**{f"title_{lang}": ""})
    return qs.distinct().order_by("-date", "-id")


def releases_mentioning(organisation, *, limit: int = 10) -> QuerySet:
    """Published releases that name ``organisation`` (linked by extraction) or that it published."""
    return (Release.objects.filter(status=Release.Status.PUBLISHED)
            .filter(Q(mentions__organisation=organisation) | Q(organisation=organisation))
            .select_related("organisation").distinct().order_by("-date", "-id")[:limit])


def suggestions_for(organisation) -> QuerySet:
    """Suggestions that concern ``organisation``: from its releases or about its entries."""
    return (Suggestion.objects.filter(Q(release__organisation=organisation) | Q(organisation=organisation))
            .select_related("release", "organisation", "person", "decided_by").distinct()
            .order_by("status", "kind", "id"))
