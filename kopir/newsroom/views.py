"""Newsroom pages: the news feed (across kopir and per organisation), a release, publishing,
importing existing releases, and the review of the facts they suggest."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kopir.accounts.access import can_edit
from kopir.core.i18n import active_language
from kopir.directory.models import Organisation
from kopir.newsroom import selectors, services
from kopir.newsroom.forms import ImportForm, NewsFilterForm, ReleaseForm
from kopir.newsroom.models import Release, ReleaseImage, Suggestion

PAGE_SIZE = 20


def _list(request, organisation=None):
    form = NewsFilterForm(request.GET or None, organisation=organisation)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"q": data.get("q") or "", "tag": data["tag"].slug if data.get("tag") else "",
                   "lang": data.get("lang") or "",
                   "organisation": data["organisation"].slug if data.get("organisation") else ""}
    if organisation is not None:
        filters["organisation"] = organisation.slug
    page = Paginator(selectors.release_list(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsroom/feed.html", {
        "form": form, "page": page, "org": organisation, "total": page.paginator.count,
        "can_publish": organisation is not None and services.can_publish(request.user, organisation),
        "can_review": organisation is not None and can_edit(request.user, organisation),
    })


def feed(request):
    return _list(request)


def organisation_feed(request, slug):
    return _list(request, get_object_or_404(Organisation, slug=slug))


def release_detail(request, slug):
    release = get_object_or_404(Release.objects.select_related("organisation"), slug=slug)
    if not services.can_see_release(request.user, release):
        raise Http404
    lang = request.GET.get("version") or active_language()
    if lang not in release.languages:
        lang = release.title.resolve()[1]
    mentions = release.mentions.filter(lang=lang).select_related("organisation", "person", "region")
    suggestions = list(release.suggestions.filter(status=Suggestion.Status.PENDING)
                       .select_related("organisation", "person"))
    reviewable = {s.pk for s in suggestions if services.can_review(request.user, s)}
    can_publish = services.can_publish(request.user, release.organisation)
    return render(request, "newsroom/release.html", {
        "release": release, "org": release.organisation, "version": lang,
        "version_title": getattr(release, f"title_{lang}"), "version_lead": getattr(release, f"lead_{lang}"),
        "version_body": getattr(release, f"body_{lang}"),
        "mentions": mentions, "suggestions": suggestions if (reviewable or can_publish) else [],
        "reviewable": reviewable, "can_publish": can_publish,
    })


def image(request, pk):
    img = get_object_or_404(ReleaseImage.objects.select_related("release__organisation"), pk=pk)
    if not services.can_see_release(request.user, img.release):
        raise Http404
    response = FileResponse(img.file.open("rb"), content_type=img.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _save_release(request, form, *, organisation, release=None):
    data = form.cleaned_fields()
    data.pop("images", None)
    data.pop("tags_text", None)
    tags = services.tags_from_text(form.cleaned_data.get("tags_text") or "", active_language())
    images = form.cleaned_data.get("images") or []
    if release is None:
        release = services.release_create(actor=request.user, organisation=organisation, data=data, tags=tags,
                                          images=images)
        messages.success(request, _("Release saved."))
    else:
        changes = services.release_update(actor=request.user, release=release, data=data, tags=tags)
        for upload in images:
            services.image_add(actor=request.user, release=release, upload=upload)
        messages.success(request, _("Saved.") if changes or images else _("Nothing changed."))
    return redirect(release.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def release_create(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    services.require_publish(request.user, org)
    form = ReleaseForm(request.POST or None, request.FILES or None, initial={"status": Release.Status.PUBLISHED})
    if request.method == "POST" and form.is_valid():
        try:
            return _save_release(request, form, organisation=org)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "newsroom/edit.html", {"form": form, "org": org, "title": _("New press release")})


@login_required
@require_http_methods(["GET", "POST"])
def release_edit(request, slug):
    release = get_object_or_404(Release.objects.select_related("organisation"), slug=slug)
    services.require_publish(request.user, release.organisation)
    form = ReleaseForm(request.POST or None, request.FILES or None, instance=copy.copy(release))
    if request.method == "POST" and form.is_valid():
        try:
            return _save_release(request, form, organisation=release.organisation, release=release)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "newsroom/edit.html", {"form": form, "org": release.organisation, "obj": release,
                                                  "title": _("Edit press release")})


@login_required
@require_http_methods(["GET", "POST"])
def release_import(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    services.require_publish(request.user, org)
    form = ImportForm(request.POST or None, request.FILES or None)
    results = []
    if request.method == "POST" and form.is_valid():
        tags = services.tags_from_text(form.cleaned_data.get("tags_text") or "", active_language())
        for name, text in form.documents():
            try:
                results.append(services.release_import(actor=request.user, organisation=org, content=text, name=name,
                                                       lang=form.cleaned_data.get("lang") or None, tags=tags))
            except ValidationError as exc:
                results.append(services.ImportResult("error", None, name=name, similar=list(exc.messages)))
        form = ImportForm()
    return render(request, "newsroom/import.html", {"form": form, "org": org, "results": results})


@login_required
def review(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    if not can_edit(request.user, org):
        raise PermissionDenied(_("Only editors and liaison officers of %(org)s review suggestions.") % {"org": org})
    status = request.GET.get("status") or Suggestion.Status.PENDING
    if status not in Suggestion.Status.values:
        status = Suggestion.Status.PENDING
    qs = selectors.suggestions_for(org).filter(status=status)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "newsroom/review.html", {
        "org": org, "page": page, "status": status, "statuses": Suggestion.Status.choices,
        "reviewable": {s.pk for s in page if services.can_review(request.user, s)},
    })


def _decide(request, pk, service, done_message):
    suggestion = get_object_or_404(Suggestion.objects.select_related("release", "organisation"), pk=pk)
    if not services.can_review(request.user, suggestion):
        raise PermissionDenied(_("You cannot decide on this suggestion."))
    try:
        service(actor=request.user, suggestion=suggestion)
        messages.success(request, done_message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    target = request.POST.get("next") or ""
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(suggestion.release.get_absolute_url())


@login_required
@require_POST
def suggestion_confirm(request, pk):
    return _decide(request, pk, services.suggestion_confirm, _("Confirmed; the directory has been updated."))


@login_required
@require_POST
def suggestion_reject(request, pk):
    return _decide(request, pk, services.suggestion_reject, _("Rejected; it will not be suggested again."))
