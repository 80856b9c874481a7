"""Matching pages: a lab's inbox of matching needs; requesting an introduction; declining a match."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kopir.directory.models import Capability, Person, Unit
from kopir.matching import selectors, services
from kopir.needs.access import FULL, can_broker, need_access
from kopir.needs.forms import DeclineForm, IntroduceForm
from kopir.needs.models import Need
from kopir.needs.selectors import full_ids

MODELS = {"unit": Unit, "person": Person, "cap": Capability}


def _target(entity: str):
    prefix, pk = entity.split(":", 1)
    obj = MODELS[prefix].objects.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _broker_need(request, pk) -> Need:
    need = get_object_or_404(Need.objects.select_related("organisation"), pk=pk)
    if need_access(request.user, need) != FULL or not can_broker(request.user, need):
        raise PermissionDenied(_("Only the need's editors and university liaison officers can do this."))
    return need


@login_required
@require_POST
def introduce(request, pk):
    need = _broker_need(request, pk)
    form = IntroduceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a match first."))
        return redirect(need.get_absolute_url())
    target = _target(form.cleaned_data["entity"])
    services.introduction_request(actor=request.user, need=need, target=target,
                                  message=form.cleaned_data.get("message") or "")
    messages.success(request, _("Introduction requested: %(target)s has been told.") % {"target": target})
    return redirect(need.get_absolute_url() + "#matches")


@login_required
@require_POST
def decline(request, pk):
    need = _broker_need(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason to decline a match."))
        return redirect(need.get_absolute_url())
    target = _target(form.cleaned_data["entity"])
    services.match_decline(actor=request.user, need=need, target=target, reason=form.cleaned_data["reason"],
                           comment=form.cleaned_data.get("comment") or "")
    messages.success(request, _("Declined: %(target)s will rank lower from now on.") % {"target": target})
    return redirect(need.get_absolute_url() + "#matches")


@login_required
def inbox(request):
    """Needs that match the labs the user heads or edits."""
    rows = selectors.inbox(request.user)
    full = full_ids(request.user, [r["need"] for r in rows])
    for row in rows:
        row["full"] = row["need"].pk in full
    return render(request, "matching/inbox.html", {
        "rows": rows, "units": selectors.inbox_units(request.user),
    })
