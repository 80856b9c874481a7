"""Collaboration pages: the board, one page per collaboration, and its forms (thin; services decide)."""

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

from kopir.collaborations import access, selectors, services
from kopir.collaborations.forms import (
    BoardFilterForm,
    DocumentForm,
    MoveForm,
    OpenForm,
    OutcomesForm,
)
from kopir.collaborations.models import Collaboration, Document, Stage
from kopir.collaborations.services import stale_days
from kopir.core.i18n import translated_columns

PAGE_SIZE = 25


def _collaboration_for(request, pk) -> Collaboration:
    """The collaboration if the user is one of its parties; 404 for anyone else (nothing is revealed)."""
    collab = get_object_or_404(
        Collaboration.objects.select_related("enterprise", "university", "unit", "government", "owner", "sector",
                                             "region", "enterprise_confirmed_by", "countersigned_by", "need"), pk=pk)
    if not access.is_party(request.user, collab):
        raise Http404
    return collab


@login_required
def board(request):
    partners = selectors.partners_of(request.user)
    form = BoardFilterForm(request.GET or None, partners=partners)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"q": data.get("q") or "", "stage": data.get("stage") or "",
                   "sector": data["sector"].code if data.get("sector") else "",
                   "partner": data["partner"].slug if data.get("partner") else "", "stale": bool(data.get("stale"))}
    qs = selectors.board(request.user, **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "collaborations/board.html", {
        "form": form, "page": page, "total": page.paginator.count, "stale_days": stale_days(),
        "can_open": access.can_open_any(request.user), "stages": Stage.choices,
    })


@login_required
@require_http_methods(["GET", "POST"])
def collaboration_open(request):
    if not access.can_open_any(request.user):
        raise PermissionDenied(_("Only liaison officers can open a collaboration."))
    form = OpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            collab = services.collaboration_open(
                actor=request.user, enterprise=data["enterprise"], unit=data["unit"], government=data.get("government"),
                title={c[-2:]: data.get(c) or "" for c in translated_columns("title")},
                summary={c[-2:]: data.get(c) or "" for c in translated_columns("summary")},
                started_on=data.get("started_on"))
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Collaboration opened."))
            return redirect(collab.get_absolute_url())
    return render(request, "collaborations/open.html", {"form": form})


def _form_errors(form, exc: ValidationError, *, documents_field: str | None = None) -> None:
    """Put a service's errors on the form; the services' ``documents`` errors go on ``documents_field``."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            if field == "documents" and documents_field:
                field = documents_field
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def detail(request, pk, move_form=None, document_form=None):
    collab = _collaboration_for(request, pk)
    events = collab.events.select_related("moved_by").prefetch_related("documents")
    can_work = access.can_work(request.user, collab)
    stale = collab.is_open and collab.last_activity_at < services.stale_cutoff()
    return render(request, "collaborations/detail.html", {
        "c": collab, "events": events, "documents": collab.documents.select_related("uploaded_by"),
        "can_work": can_work, "stale": stale, "stale_days": stale_days(),
        "move_form": move_form or (MoveForm(collaboration=collab) if can_work else None),
        "document_form": document_form or (DocumentForm() if can_work else None),
        "can_confirm": (access.can_confirm(request.user, collab) and collab.enterprise_confirmed_at is None
                        and collab.stage == Stage.IN_PROGRESS),
        "can_countersign": (access.can_countersign(request.user, collab) and collab.countersigned_at is None
                            and collab.stage == Stage.IMPLEMENTED),
        "has_evidence": collab.has_evidence(),
        "need_readable": collab.need is not None and _need_readable(request.user, collab.need),
    }, status=400 if (move_form or document_form) else 200)


def _need_readable(user, need) -> bool:
    from kopir.needs.access import FULL, need_access

    return need_access(user, need) == FULL


@login_required
@require_POST
def move(request, pk):
    collab = _collaboration_for(request, pk)
    if not access.can_work(request.user, collab):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can move a collaboration."))
    form = MoveForm(request.POST, request.FILES, collaboration=collab)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.collaboration_move(actor=request.user, collaboration=collab, to_stage=data["to_stage"],
                                        note=data.get("note") or "", reason=data.get("reason") or "",
                                        happened_on=data.get("happened_on"), documents=form.documents())
        except ValidationError as exc:
            _form_errors(form, exc, documents_field="document")
        else:
            messages.success(request, _("Moved to “%(stage)s”.") % {"stage": collab.get_stage_display()})
            return redirect(collab.get_absolute_url())
    return detail(request, pk, move_form=form)


@login_required
@require_POST
def document_add(request, pk):
    collab = _collaboration_for(request, pk)
    if not access.can_work(request.user, collab):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can add documents."))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.collaboration_document_add(actor=request.user, collaboration=collab,
                                                upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"])
        except ValidationError as exc:
            _form_errors(form, exc, documents_field="file")
        else:
            messages.success(request, _("Document added."))
            return redirect(collab.get_absolute_url())
    return detail(request, pk, document_form=form)


@login_required
def document(request, pk, doc_pk):
    """Serve a document to the parties only (never from a public media address)."""
    collab = _collaboration_for(request, pk)
    doc = get_object_or_404(Document, pk=doc_pk, collaboration=collab)
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=doc.original_name, content_type=doc.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _sign(request, pk, service, done_message):
    collab = _collaboration_for(request, pk)
    try:
        service(actor=request.user, collaboration=collab)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done_message)
    return redirect(collab.get_absolute_url())


@login_required
@require_POST
def confirm(request, pk):
    return _sign(request, pk, services.collaboration_confirm_implementation,
                 _("Implementation confirmed by the enterprise."))


@login_required
@require_POST
def countersign(request, pk):
    return _sign(request, pk, services.collaboration_countersign, _("Countersigned."))


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request, pk):
    collab = _collaboration_for(request, pk)
    if not access.can_work(request.user, collab):
        raise PermissionDenied(_("Only the parties' editors and liaison officers can record outcomes."))
    form = OutcomesForm(request.POST or None, instance=copy.copy(collab))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        changes = services.collaboration_outcomes_update(actor=request.user, collaboration=collab, data=data)
        messages.success(request, _("Saved.") if changes else _("Nothing changed."))
        return redirect(collab.get_absolute_url())
    return render(request, "collaborations/outcomes.html", {"form": form, "c": collab})
