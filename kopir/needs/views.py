"""Needs pages: the list, a need (in full with its matches, or its summary), post and edit,
offers of universities, and needs the region cannot yet supply."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kopir.accounts.access import is_platform_admin
from kopir.accounts.models import EDIT_ROLES
from kopir.directory import selectors as directory_selectors
from kopir.directory.forms import DirectoryFilterForm
from kopir.directory.models import Capability, Organisation
from kopir.needs import selectors, services
from kopir.needs.access import (
    FULL,
    POSTER_KINDS,
    can_broker,
    can_manage,
    is_university_liaison,
    need_access,
    require_manage,
)
from kopir.needs.forms import DeclineForm, NeedFilterForm, NeedForm
from kopir.needs.models import Need

PAGE_SIZE = 20
OFFER_KINDS = (Capability.Kind.TECHNOLOGY, Capability.Kind.SERVICE)


def need_list(request):
    form = NeedFilterForm(request.GET or None)
    qs = selectors.need_search(selectors.need_list(request.user), request.user, **form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "needs/list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "full": selectors.full_ids(request.user, page.object_list),
        "can_post": request.user.is_authenticated and _poster_orgs(request.user).exists(),
    })


def _get_need(request, pk):
    need = get_object_or_404(Need.objects.select_related("organisation", "sector__parent", "region"), pk=pk)
    access = need_access(request.user, need)
    if access is None:
        raise Http404
    return need, access


def need_detail(request, pk):
    from kopir.matching.ranking import rank_need

    need, access = _get_need(request, pk)
    results = []
    if access == FULL and need.is_open:
        results = rank_need(need, k=10, explain=True)
    return render(request, "needs/detail.html", {
        "need": need, "full": access == FULL, "results": results, "can_manage": can_manage(request.user, need),
        "can_broker": can_broker(request.user, need), "decline_form": DeclineForm(),
    })


def _poster_orgs(user):
    qs = Organisation.objects.filter(kind__in=POSTER_KINDS)
    if is_platform_admin(user):
        return qs
    return qs.filter(memberships__user=user, memberships__role__in=EDIT_ROLES).distinct()


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request):
    orgs = _poster_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("Only editors of an enterprise or a government body can post its needs."))
    form = NeedForm(request.POST or None, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        organisation = data.pop("organisation")
        need = services.need_create(actor=request.user, organisation=organisation, data=data)
        messages.success(request, _("Need posted. Matches are below."))
        return redirect(need.get_absolute_url())
    return render(request, "needs/edit.html", {"form": form, "title": _("Post a need")})


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk):
    need = get_object_or_404(Need.objects.select_related("organisation"), pk=pk)
    require_manage(request.user, need)
    form = NeedForm(request.POST or None, instance=copy.copy(need))
    if request.method == "POST" and form.is_valid():
        changes = services.need_update(actor=request.user, need=need, data=form.cleaned_fields())
        messages.success(request, _("Saved.") if changes else _("Nothing changed."))
        return redirect(need.get_absolute_url())
    return render(request, "needs/edit.html", {"form": form, "title": _("Edit need"), "need": need})


@login_required
@require_POST
def need_close(request, pk):
    need = get_object_or_404(Need.objects.select_related("organisation"), pk=pk)
    services.need_close(actor=request.user, need=need)
    messages.success(request, _("The need is closed."))
    return redirect(need.get_absolute_url())


def offer_list(request):
    """Technologies and services that universities offer, searchable like the directory."""
    form = DirectoryFilterForm(request.GET or None, kinds=[(k.value, k.label) for k in OFFER_KINDS])
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"q": data.get("q") or "", "kind": data.get("kind") or "",
                   "region": data["region"].slug if data.get("region") else "",
                   "sector": data["sector"].code if data.get("sector") else ""}
    qs = directory_selectors.directory_search(
        directory_selectors.capability_list().filter(kind__in=OFFER_KINDS), **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "needs/offers.html", {"form": form, "page": page, "total": page.paginator.count})


def offer_detail(request, slug):
    """An offer and the open needs (and the enterprises behind them) it could answer."""
    from kopir.matching.documents import capability_document
    from kopir.matching.ranking import rank_needs_for_text

    cap = get_object_or_404(Capability.objects.select_related("unit", "organisation__region", "sector"),
                            slug=slug, kind__in=OFFER_KINDS)
    doc = capability_document(cap)
    hits, organisations = rank_needs_for_text(doc.full_text, request.user, k=10, explain=True)
    return render(request, "needs/offer.html", {"cap": cap, "hits": hits, "organisations": organisations})


def can_see_unmatched(user) -> bool:
    return is_platform_admin(user) or is_university_liaison(user)


@login_required
def unmatched(request):
    """Open needs with no good match: demand the region cannot yet supply (for liaison officers)."""
    from kopir.matching.selectors import unmatched_needs

    if not can_see_unmatched(request.user):
        raise PermissionDenied(_("This list is for university liaison officers."))
    form = NeedFilterForm(request.GET or None)
    filters = form.filters()
    filters.pop("q", None)
    qs = selectors.need_search(unmatched_needs(selectors.need_list(request.user)), request.user, **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "needs/unmatched.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "full": selectors.full_ids(request.user, page.object_list),
    })
