"""Event pages: list and detail, programme editing, registration, badge, agenda,
certificate, participant lists, stands, brokerage and the meeting plan."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kopir.directory.models import Organisation
from kopir.events import documents, selectors, services
from kopir.events.forms import (
    AvailabilityForm,
    EventFilterForm,
    EventForm,
    MeetingRequestForm,
    ProfileForm,
    RegistrationForm,
    SessionForm,
    SlotGridForm,
    StandForm,
)
from kopir.events.models import Event, Meeting, MeetingRequest, Registration, Session, Stand

PAGE_SIZE = 20


def _event(request, slug) -> Event:
    return get_object_or_404(selectors.event_list(request.user), slug=slug)


def _organiser_event(request, slug) -> Event:
    event = _event(request, slug)
    services.require_organiser(request.user, event)
    return event


def _messages_of(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def _my_registration(request, event, *, active=False) -> Registration:
    registration = selectors.registration_of(request.user, event)
    if registration is None or (active and not registration.is_active):
        raise PermissionDenied(_("Register for the event first."))
    return registration


# ------------------------------------------------------------------ events
def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"q": data.get("q") or "", "kind": data.get("kind") or "", "when": data.get("when") or "",
                   "region": data["region"].slug if data.get("region") else ""}
    qs = selectors.event_search(selectors.event_list(request.user), **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/list.html", {
        "form": form, "page": page, "total": page.paginator.count,
        "can_create": bool(selectors.organiser_org_ids(request.user)) or request.user.is_superuser,
    })


def event_detail(request, slug):
    event = _event(request, slug)
    registration = selectors.registration_of(request.user, event)
    taken = event.places_taken()
    return render(request, "events/detail.html", {
        "event": event, "programme": selectors.programme(event), "registration": registration,
        "is_organiser": services.is_organiser(request.user, event),
        "stands": event.stands.select_related("organisation").prefetch_related("capabilities"),
        "parts": event.parts.filter(is_published=True), "taken": taken,
        "places_left": None if event.capacity is None else max(event.capacity - taken, 0),
        "waiting": event.registrations.filter(status=Registration.Status.WAITLISTED).count(),
        "organisations": event.organisations.all(), "people": event.people.all(),
    })


def _unique_slug(base: str) -> str:
    stem = (slugify(base) or "event")[:80]
    slug = stem
    while Event.objects.filter(slug=slug).exists():
        slug = f"{stem}-{get_random_string(4).lower()}"
    return slug


def _organisers(user):
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=selectors.organiser_org_ids(user))


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    organisers = _organisers(request.user)
    if not organisers.exists():
        raise PermissionDenied(_("Only editors of an organisation can create events."))
    form = EventForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        organiser = data.pop("organiser")
        orgs = data.pop("organisations", [])
        data["slug"] = _unique_slug(data.get("title_en") or data.get("title_ru") or data.get("title_kk") or "")
        try:
            event = services.event_create(actor=request.user, organiser=organiser, data=data, organisations=orgs)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Event created."))
            return redirect(event.get_absolute_url())
    return render(request, "events/edit.html", {"form": form, "title": _("New event")})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    event = _organiser_event(request, slug)
    form = EventForm(request.POST or None, instance=copy.copy(event), organisers=_organisers(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_fields()
        orgs = data.pop("organisations", None)
        try:
            changes = services.event_update(actor=request.user, event=event, data=data,
                                            organisations=list(orgs) if orgs is not None else None)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved.") if changes else _("Nothing changed."))
            return redirect(event.get_absolute_url())
    return render(request, "events/edit.html", {"form": form, "title": _("Edit event"), "event": event})


def _edit_part(request, event, instance, form_class, save, *, anchor: str, saved: str, titles: tuple):
    """The form of one part of an event (a session, a stand): ``save(data)`` calls the service;
    a refusal stays on the form, a success goes back to the event's page at ``anchor``."""
    form = form_class(request.POST or None, instance=copy.copy(instance) if instance else None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_fields())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved)
            return redirect(event.get_absolute_url() + anchor)
    title = titles[0] if instance else titles[1]
    return render(request, "events/edit.html", {"form": form, "title": title, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, slug, pk=None):
    event = _organiser_event(request, slug)
    session = get_object_or_404(Session, pk=pk, event=event) if pk else None

    def save(data):
        speakers = list(data.pop("speakers", []))
        if session is None:
            services.session_create(actor=request.user, event=event, data=data, speakers=speakers)
        else:
            services.session_update(actor=request.user, session=session, data=data, speakers=speakers)

    return _edit_part(request, event, session, SessionForm, save, anchor="#programme", saved=_("Programme saved."),
                      titles=(_("Edit session"), _("New session")))


@login_required
@require_POST
def session_delete(request, slug, pk):
    event = _organiser_event(request, slug)
    services.session_delete(actor=request.user, session=get_object_or_404(Session, pk=pk, event=event))
    messages.success(request, _("Session removed from the programme."))
    return redirect(event.get_absolute_url() + "#programme")


# ------------------------------------------------------------ registration
@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = _event(request, slug)
    form = RegistrationForm(request.POST or None, event=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                actor=request.user, event=event, participant_type=form.cleaned_data["participant_type"],
                organisation=form.cleaned_data.get("organisation"))
        except ValidationError as exc:
            messages.error(request, _messages_of(exc))
            return redirect(event.get_absolute_url())
        if registration.status == Registration.Status.WAITLISTED:
            messages.info(request, _("All places are taken; you are on the waiting list and will get an e-mail "
                                     "if a place frees up."))
        else:
            messages.success(request, _("You are registered."))
        return redirect("events:agenda", slug=event.slug)
    return render(request, "events/register.html", {"form": form, "event": event})


@login_required
@require_POST
def cancel(request, slug):
    event = _event(request, slug)
    registration = _my_registration(request, event)
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url())


@login_required
def agenda(request, slug):
    event = _event(request, slug)
    registration = _my_registration(request, event)
    chosen = set(registration.sessions.values_list("pk", flat=True))
    return render(request, "events/agenda.html", {
        "event": event, "registration": registration, "programme": selectors.programme(event), "chosen": chosen,
        "meetings": selectors.meetings_of(registration),
        "certificate": registration.checked_in_at is not None and event.has_ended_or_ends_today,
    })


@login_required
@require_POST
def agenda_toggle(request, slug, pk):
    event = _event(request, slug)
    registration = _my_registration(request, event)
    session = get_object_or_404(Session, pk=pk, event=event)
    services.agenda_set(actor=request.user, registration=registration, session=session,
                        chosen=request.POST.get("chosen") == "1")
    return redirect(reverse("events:agenda", args=[event.slug]) + f"#s{session.pk}")


@login_required
def badge(request, slug):
    event = _event(request, slug)
    registration = _my_registration(request, event, active=True)
    url = request.build_absolute_uri(reverse("events:checkin", args=[event.slug, services.checkin_token(registration)]))
    return render(request, "events/badge.html", {
        "event": event, "registration": registration, "qr": documents.qr_svg(url), "checkin_url": url,
    })


@login_required
def agenda_ics(request, slug):
    event = _event(request, slug)
    registration = _my_registration(request, event, active=True)
    response = HttpResponse(documents.agenda_ics(registration), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@login_required
def certificate(request, slug):
    event = _event(request, slug)
    registration = _my_registration(request, event)
    if registration.checked_in_at is None:
        raise PermissionDenied(_("A certificate of attendance is issued only to participants who were checked in."))
    if not event.has_ended_or_ends_today:
        raise PermissionDenied(_("The certificate is available from the last day of the event."))
    response = HttpResponse(documents.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{event.slug}.pdf"'
    return response


# -------------------------------------------------------------- organiser
@login_required
def participants(request, slug):
    event = _organiser_event(request, slug)
    regs = selectors.participants(event)
    return render(request, "events/participants.html", {"event": event, "registrations": regs})


@login_required
def participants_export(request, slug, fmt):
    event = _organiser_event(request, slug)
    regs = selectors.participants(event)
    if fmt == "csv":
        response = HttpResponse(documents.participants_csv(regs), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            documents.participants_xlsx(regs, title=event.title.text),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, slug, token):
    event = _organiser_event(request, slug)
    try:
        registration = services.checkin_registration(event, token)
    except ValidationError as exc:
        return render(request, "events/checkin.html", {"event": event, "error": _messages_of(exc)}, status=400)
    if request.method == "POST":
        try:
            done = services.registration_check_in(actor=request.user, registration=registration)
        except ValidationError as exc:
            messages.error(request, _messages_of(exc))
        else:
            if done:
                messages.success(request, _("%(name)s is checked in.") % {"name": registration.user.display_name()})
            else:
                messages.info(request, _("%(name)s was already checked in.") % {"name": registration.user.display_name()})
        return redirect("events:checkin", slug=event.slug, token=token)
    return render(request, "events/checkin.html", {"event": event, "registration": registration})


# ------------------------------------------------------------------ stands
@login_required
@require_http_methods(["GET", "POST"])
def stand_edit(request, slug, pk=None):
    event = _organiser_event(request, slug)
    stand = get_object_or_404(Stand, pk=pk, event=event) if pk else None

    def save(data):
        caps = list(data.pop("capabilities", []))
        if stand is None:
            organisation = data.pop("organisation")
            services.stand_create(actor=request.user, event=event, organisation=organisation, data=data,
                                  capabilities=caps)
        else:
            services.stand_update(actor=request.user, stand=stand, data=data, capabilities=caps)

    return _edit_part(request, event, stand, StandForm, save, anchor="#stands", saved=_("Stand saved."),
                      titles=(_("Edit stand"), _("New stand")))


@login_required
@require_POST
def stand_delete(request, slug, pk):
    event = _organiser_event(request, slug)
    services.stand_delete(actor=request.user, stand=get_object_or_404(Stand, pk=pk, event=event))
    messages.success(request, _("Stand removed."))
    return redirect(event.get_absolute_url() + "#stands")


# --------------------------------------------------------------- brokerage
def _brokerage_event(request, slug) -> Event:
    event = _event(request, slug)
    if not event.brokerage_enabled:
        raise Http404
    return event


@login_required
def brokerage(request, slug):
    event = _brokerage_event(request, slug)
    organiser = services.is_organiser(request.user, event)
    me = selectors.registration_of(request.user, event)
    if me is not None and not me.is_active:
        me = None  # a cancelled or waiting registration takes no part
    if not organiser and me is None:
        raise PermissionDenied(_("Brokerage is open to registered participants of the event."))
    q = (request.GET.get("q") or "").strip()
    profiles = selectors.brokerage_profiles(event, q=q, exclude=me)
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    requests = selectors.requests_of(me) if me else {"sent": [], "received": []}
    asked = {r.recipient_id: r for r in requests["sent"]}
    asked.update({r.requester_id: r for r in requests["received"]})
    return render(request, "events/brokerage.html", {
        "event": event, "me": me, "page": page, "q": q, "is_organiser": organiser,
        "suggestions": selectors.suggestions(event, me) if me else [],
        "requests": requests, "asked": asked,
        "meetings": selectors.meetings_of(me) if me else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
def brokerage_profile(request, slug):
    event = _brokerage_event(request, slug)
    me = _my_registration(request, event, active=True)
    initial = {"offer": me.offer, "seek": me.seek, "units": list(me.units.all()),
               "capabilities": list(me.capabilities.all())}
    form = ProfileForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update(actor=request.user, registration=me, offer=data["offer"], seek=data["seek"],
                                    units=list(data["units"]), capabilities=list(data["capabilities"]))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your brokerage profile is published."))
            return redirect("events:brokerage", slug=event.slug)
    return render(request, "events/form.html", {"form": form, "event": event, "title": _("What I offer and seek")})


@login_required
@require_POST
def meeting_request(request, slug, pk):
    event = _brokerage_event(request, slug)
    recipient = get_object_or_404(Registration, pk=pk, event=event)
    form = MeetingRequestForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        req = services.meeting_request_create(actor=request.user, event=event, recipient=recipient, message=message)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        if req.status == MeetingRequest.Status.ACCEPTED:
            messages.success(request, _("You both asked for this meeting: it is agreed."))
        else:
            messages.success(request, _("Meeting requested; %(name)s will answer.")
                             % {"name": recipient.user.display_name()})
    return redirect("events:brokerage", slug=event.slug)


@login_required
@require_POST
def meeting_answer(request, slug, pk, answer):
    if answer not in ("accept", "decline"):
        raise Http404
    event = _brokerage_event(request, slug)
    req = get_object_or_404(MeetingRequest.objects.select_related("recipient"), pk=pk, event=event)
    try:
        services.meeting_request_answer(actor=request.user, request=req, accept=answer == "accept")
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("Meeting accepted.") if answer == "accept" else _("Meeting declined."))
    return redirect("events:brokerage", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def brokerage_setup(request, slug):
    event = _brokerage_event(request, slug)
    services.require_organiser(request.user, event)
    form = SlotGridForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            slots = services.slots_generate(actor=request.user, event=event, day=d["day"], start=d["start"],
                                            end=d["end"], minutes=d["minutes"], breaks_text=d["breaks"],
                                            tables=d["tables"], max_meetings=d["max_meetings"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("%(n)s meeting slots set.") % {"n": len(slots)})
            return redirect("events:brokerage_setup", slug=event.slug)
    regs = (event.registrations.filter(status=Registration.Status.REGISTERED)
            .select_related("user", "user__person", "organisation").prefetch_related("unavailable_slots"))
    accepted = event.meeting_requests.filter(status=MeetingRequest.Status.ACCEPTED).count()
    pending = event.meeting_requests.filter(status=MeetingRequest.Status.PENDING).count()
    meetings = (Meeting.objects.filter(request__event=event).select_related(*selectors.MEETING_PEOPLE)
                .order_by("slot__starts_at", "table"))
    return render(request, "events/brokerage_setup.html", {
        "event": event, "form": form, "slots": event.slots.order_by("starts_at"), "registrations": regs,
        "accepted": accepted, "pending": pending, "meetings": meetings,
    })


@login_required
@require_http_methods(["GET", "POST"])
def brokerage_participant(request, slug, pk):
    event = _brokerage_event(request, slug)
    services.require_organiser(request.user, event)
    registration = get_object_or_404(Registration.objects.select_related("user__person"), pk=pk, event=event)
    form = AvailabilityForm(request.POST or None, registration=registration)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_brokerage_update(
                actor=request.user, registration=registration, max_meetings=form.cleaned_data["max_meetings"],
                available_slots=list(form.cleaned_data["available"]))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("events:brokerage_setup", slug=event.slug)
    return render(request, "events/form.html", {
        "form": form, "event": event,
        "title": _("Availability of %(name)s") % {"name": registration.user.display_name()},
    })


@login_required
@require_POST
def meeting_lock(request, slug, pk):
    event = _brokerage_event(request, slug)
    meeting = get_object_or_404(Meeting.objects.select_related("request__event"), pk=pk, request__event=event)
    services.meeting_lock(actor=request.user, meeting=meeting, locked=request.POST.get("locked") == "1")
    return redirect(reverse("events:brokerage_setup", args=[event.slug]) + "#meetings")


@login_required
@require_POST
def schedule(request, slug):
    event = _brokerage_event(request, slug)
    try:
        result = services.schedule_compute(actor=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(request, _("Meeting plan computed: %(n)s meetings placed; every participant has been sent "
                                    "their plan.") % {"n": len(result["meetings"])})
    return redirect(reverse("events:brokerage_setup", args=[event.slug]) + "#meetings")


def _table_plan_html(request, event) -> str:
    return render_to_string("events/table_plan.html", {"event": event, "rows": selectors.table_plan(event),
                                                       "tables": range(1, event.meeting_tables + 1)}, request=request)


@login_required
def table_plan(request, slug):
    event = _brokerage_event(request, slug)
    services.require_organiser(request.user, event)
    return HttpResponse(_table_plan_html(request, event))


@login_required
def table_plan_pdf(request, slug):
    event = _brokerage_event(request, slug)
    services.require_organiser(request.user, event)
    response = HttpResponse(documents.html_pdf(_table_plan_html(request, event)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-tables.pdf"'
    return response
