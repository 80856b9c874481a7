"""Directory pages: lists with search, filters and paging; a page per entry; edit forms."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kopir.accounts.access import can_edit, require_edit
from kopir.directory import selectors, services
from kopir.directory.forms import (
    CapabilityForm,
    DirectoryFilterForm,
    OrganisationForm,
    PersonForm,
    PositionForm,
    UnitForm,
)
from kopir.directory.models import Capability, Organisation, Person, Position, Unit

PAGE_SIZE = 20

LISTS = {
    "organisations": (Organisation, selectors.organisation_list, Organisation.Kind.choices, _("Organisations")),
    "units": (Unit, selectors.unit_list, Unit.Kind.choices, _("Labs, centres and units")),
    "people": (Person, selectors.person_list, None, _("People")),
    "capabilities": (Capability, selectors.capability_list, Capability.Kind.choices, _("Capabilities")),
}


def _filtered(request, key):
    model, base, kinds, _title = LISTS[key]
    form = DirectoryFilterForm(request.GET or None, kinds=kinds)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data.get("q") or "",
            "kind": data.get("kind") or "",
            "region": data["region"].slug if data.get("region") else "",
            "sector": data["sector"].code if data.get("sector") else "",
        }
    return form, selectors.directory_search(base(), **filters)


def directory_list(request, key):
    model, _base, _kinds, title = LISTS[key]
    form, qs = _filtered(request, key)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "directory/list.html", {
        "form": form, "page": page, "key": key, "title": LISTS[key][3], "lists": LISTS,
        "total": page.paginator.count,
    })


def directory_search(request):
    """One box that searches every kind of entry; shows the first hits of each."""
    q = (request.GET.get("q") or "").strip()
    groups = []
    if q:
        for key, (_model, base, _kinds, title) in LISTS.items():
            qs = selectors.directory_search(base(), q=q)
            groups.append({"key": key, "title": title, "count": qs.count(), "items": list(qs[:8])})
    return render(request, "directory/search.html", {"q": q, "groups": groups, "lists": LISTS})


def organisation_detail(request, slug):
    org = get_object_or_404(Organisation.objects.select_related("region", "sector"), slug=slug)
    units = selectors.directory_search(org.units.select_related("head"))
    positions = org.positions.filter(is_current=True).select_related("person", "unit")[:60]
    return render(request, "directory/organisation.html", {
        "org": org, "units": units, "positions": positions, "can_edit": can_edit(request.user, org),
        "capability_count": org.capabilities.count(),
    })


def unit_detail(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("organisation", "head", "parent", "sector"), slug=slug)
    capabilities = unit.capabilities.prefetch_related("people").order_by("kind", "slug")
    by_kind: dict[str, list] = {}
    for cap in capabilities:
        by_kind.setdefault(cap.get_kind_display(), []).append(cap)
    return render(request, "directory/unit.html", {
        "unit": unit, "org": unit.organisation, "by_kind": by_kind,
        "positions": unit.positions.filter(is_current=True).select_related("person"),
        "children": unit.children.all(), "can_edit": can_edit(request.user, unit.organisation),
    })


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.select_related("owner"), slug=slug)
    return render(request, "directory/person.html", {
        "person": person, "positions": person.positions.select_related("organisation", "unit"),
        "capabilities": person.capabilities.select_related("unit"),
        "can_edit": can_edit(request.user, person.owner),
    })


def capability_detail(request, slug):
    cap = get_object_or_404(Capability.objects.select_related("unit", "organisation", "sector"), slug=slug)
    return render(request, "directory/capability.html", {
        "cap": cap, "org": cap.organisation, "can_edit": can_edit(request.user, cap.organisation),
    })


def _edit(request, *, obj, owner, form_class, update, title, form_kwargs=None, **service_kwargs):
    require_edit(request.user, owner)
    # The form validates a copy, so the service still sees the saved values and
    # can tell (and audit) what changed.
    form = form_class(request.POST or None, instance=copy.copy(obj), **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        people = data.pop("people", None)
        extra = {"people": list(people)} if people is not None else {}
        changes = update(actor=request.user, data=data, **service_kwargs, **extra)
        if changes:
            messages.success(request, _("Saved."))
        else:
            messages.info(request, _("Nothing changed."))
        return redirect(obj.get_absolute_url())
    return render(request, "directory/edit.html", {"form": form, "obj": obj, "title": title, "org": owner})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    return _edit(request, obj=org, owner=org, form_class=OrganisationForm,
                 update=services.organisation_update, organisation=org, title=_("Edit organisation"))


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("organisation"), slug=slug)
    return _edit(request, obj=unit, owner=unit.organisation, form_class=UnitForm,
                 form_kwargs={"organisation": unit.organisation}, update=services.unit_update, unit=unit,
                 title=_("Edit unit"))


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, slug):
    person = get_object_or_404(Person.objects.select_related("owner"), slug=slug)
    return _edit(request, obj=person, owner=person.owner, form_class=PersonForm,
                 update=services.person_update, person=person, title=_("Edit person"))


@login_required
@require_http_methods(["GET", "POST"])
def capability_edit(request, slug):
    cap = get_object_or_404(Capability.objects.select_related("organisation"), slug=slug)
    return _edit(request, obj=cap, owner=cap.organisation, form_class=CapabilityForm,
                 form_kwargs={"organisation": cap.organisation}, update=services.capability_update,
                 capability=cap, title=_("Edit capability"))


def _unique_slug(model, base: str) -> str:

    stem = (slugify(base, allow_unicode=False) or model._meta.model_name)[:60]
    slug = stem
    while model.objects.filter(slug=slug).exists():
        slug = f"{stem}-{get_random_string(4).lower()}"
    return slug


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    require_edit(request.user, org)
    form = UnitForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        data["slug"] = _unique_slug(Unit, data.get("name_en") or data.get("name_ru") or data.get("name_kk") or "")
        unit = services.unit_create(actor=request.user, organisation=org, data=data)
        messages.success(request, _("Unit added."))
        return redirect(unit.get_absolute_url())
    return render(request, "directory/edit.html", {"form": form, "title": _("New unit"), "org": org})


@login_required
@require_http_methods(["GET", "POST"])
def capability_create(request, slug):
    unit = get_object_or_404(Unit.objects.select_related("organisation"), slug=slug)
    require_edit(request.user, unit.organisation)
    form = CapabilityForm(request.POST or None, organisation=unit.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        people = data.pop("people", [])
        data["slug"] = _unique_slug(Capability, data.get("title_en") or data.get("title_ru") or data.get("title_kk") or "")
        cap = services.capability_create(actor=request.user, unit=unit, data=data, people=people)
        messages.success(request, _("Capability published."))
        return redirect(cap.get_absolute_url())
    return render(request, "directory/edit.html", {"form": form, "title": _("New capability"), "org": unit.organisation})


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request, slug):
    """Add a person to the organisation, with their first position there."""
    org = get_object_or_404(Organisation, slug=slug)
    require_edit(request.user, org)
    form = PersonForm(request.POST or None, prefix="person")
    position_form = PositionForm(request.POST or None, organisation=org, prefix="position")
    if request.method == "POST" and form.is_valid() and position_form.is_valid():
        data = form.cleaned_fields()
        data["slug"] = _unique_slug(Person, data.get("full_name_en") or data.get("full_name_ru") or data.get("full_name_kk") or "")
        person = services.person_create(actor=request.user, owner=org, data=data)
        position = position_form.cleaned_fields()
        services.position_add(actor=request.user, person=person, organisation=org, unit=position.pop("unit"), data=position)
        messages.success(request, _("Person added."))
        return redirect(person.get_absolute_url())
    return render(request, "directory/person_new.html", {"form": form, "position_form": position_form, "org": org})


@login_required
@require_http_methods(["GET", "POST"])
def position_create(request, slug):
    """Record a new position of a person in the editor's own organisation."""
    person = get_object_or_404(Person, slug=slug)
    org_slug = request.GET.get("organisation") or request.POST.get("organisation") or person.owner.slug
    org = get_object_or_404(Organisation, slug=org_slug)
    require_edit(request.user, org)
    form = PositionForm(request.POST or None, organisation=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        services.position_add(actor=request.user, person=person, organisation=org, unit=data.pop("unit"), data=data)
        messages.success(request, _("Position added."))
        return redirect(person.get_absolute_url())
    return render(request, "directory/edit.html", {"form": form, "obj": person, "org": org,
                                                   "title": _("New position"), "hidden": {"organisation": org.slug}})


@login_required
@require_http_methods(["POST"])
def position_end(request, pk):
    position = get_object_or_404(Position.objects.select_related("organisation", "person", "unit"), pk=pk)
    services.position_end(actor=request.user, position=position)
    messages.success(request, _("The position is now shown as past."))
    return redirect(position.person.get_absolute_url())
