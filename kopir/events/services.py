"""The events write path: events and their programme, registration with a
waiting list, check-in, exhibitor stands, brokerage requests, meeting slots
and the computed meeting plan. Every function checks permission and audits."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kopir.accounts.access import can_edit, require_edit, role_in
from kopir.core.audit import audit_record
from kopir.core.services import instance_apply, m2m_apply
from kopir.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    Registration,
    Session,
    Stand,
)

#: seconds the organiser waits at most for a meeting plan
SCHEDULE_TIME_LIMIT = 10.0
CHECKIN_SALT = "kopir.events.checkin"


# --------------------------------------------------------------- permissions
def is_organiser(user, event: Event) -> bool:
    """Editors (and admins) of the organising organisation, and platform admins."""
    return can_edit(user, event.organiser)


def require_organiser(user, event: Event) -> None:
    require_edit(user, event.organiser)


def _require_signed_in(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in first."))


def _require_self(actor, registration: Registration) -> None:
    if not getattr(actor, "is_authenticated", False) or actor.pk != registration.user_id:
        raise PermissionDenied(_("This is another participant's registration."))


def _lock(event: Event) -> Event:
    """Lock the event row for the rest of the transaction (waiting list, meeting plan)."""
    return Event.objects.select_for_update().get(pk=event.pk)


# -------------------------------------------------------------------- events
@transaction.atomic
def event_create(*, actor, organiser, data: dict[str, Any], organisations=(), people=()) -> Event:
    """Create an event organised by ``organiser`` (its editors may; the demo passes ``actor=None``)."""
    if actor is not None:
        require_edit(actor, organiser)
    event = Event(organiser=organiser, **data)
    event.full_clean()
    event.save()
    if organisations:
        event.organisations.set(organisations)
    if people:
        event.people.set(people)
    audit_record(actor=actor, action="events.event.created", target=event, organisation=organiser,
                 changes={"title": [None, event.title.text], "start_date": [None, event.start_date],
                          "capacity": [None, event.capacity]})
    return event


@transaction.atomic
def event_update(*, actor, event: Event, data: dict[str, Any], organisations=None) -> dict:
    """Change an event; more places promote people from the waiting list at once."""
    require_organiser(actor, event)
    _lock(event)
    changes = instance_apply(event, data)
    if changes:
        event.full_clean()
        event.save()
        audit_record(actor=actor, action="events.event.updated", target=event, organisation=event.organiser,
                     changes=changes)
    if organisations is not None and m2m_apply(event, "organisations", organisations, changes):
        audit_record(actor=actor, action="events.event.updated", target=event, organisation=event.organiser,
                     changes={"organisations": changes["organisations"]})
    if "capacity" in changes or "registration_open" in changes:
        _promote(event, actor=actor)
    return changes


@transaction.atomic
def session_create(*, actor, event: Event, data: dict[str, Any], speakers=()) -> Session:
    if actor is not None:
        require_organiser(actor, event)
    session = Session(event=event, **data)
    session.full_clean()
    session.save()
    if speakers:
        session.speakers.set(speakers)
    audit_record(actor=actor, action="events.session.created", target=session, organisation=event.organiser,
                 changes={"title": [None, session.title.text], "starts_at": [None, session.starts_at]})
    return session


@transaction.atomic
def session_update(*, actor, session: Session, data: dict[str, Any], speakers=None) -> dict:
    require_organiser(actor, session.event)
    changes = instance_apply(session, data)
    if changes:
        session.full_clean()
        session.save()
    if speakers is not None:
        m2m_apply(session, "speakers", speakers, changes)
    if changes:
        audit_record(actor=actor, action="events.session.updated", target=session,
                     organisation=session.event.organiser, changes=changes)
    return changes


@transaction.atomic
def session_delete(*, actor, session: Session) -> None:
    require_organiser(actor, session.event)
    audit_record(actor=actor, action="events.session.deleted", target=session, organisation=session.event.organiser)
    session.delete()


# -------------------------------------------------------------- registration
def _enqueue(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


def _promote(event: Event, *, actor) -> list[Registration]:
    """Move people from the waiting list into free places, first in line first.

    Call inside a transaction that holds the event row lock.
    """
    from kopir.events.tasks import send_promotion_email

    promoted = []
    while True:
        if event.is_full():
            break
        nxt = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("queued_at", "id").first()
        if nxt is None:
            break
        nxt.status = Registration.Status.REGISTERED
        nxt.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="events.registration.promoted", target=nxt, organisation=event.organiser,
                     changes={"status": [Registration.Status.WAITLISTED, Registration.Status.REGISTERED]})
        _enqueue(send_promotion_email, nxt.pk)
        promoted.append(nxt)
    return promoted


@transaction.atomic
def registration_create(*, actor, event: Event, participant_type: str, organisation=None) -> Registration:
    """Register ``actor``; when every place is taken they join the waiting list."""
    _require_signed_in(actor)
    event = _lock(event)
    if not event.is_published or not event.registration_open or event.is_past:
        raise ValidationError(_("Registration for this event is closed."))
    if participant_type not in (event.participant_types or []):
        raise ValidationError(_("This event does not register this type of participant."))
    if organisation is not None and role_in(actor, organisation) is None:
        raise ValidationError(_("You can register only on behalf of an organisation you belong to."))
    registration = Registration.objects.filter(event=event, user=actor).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        if registration.status == Registration.Status.WAITLISTED:
            raise ValidationError(_("You are already on the waiting list for this event."))
        raise ValidationError(_("You are already registered for this event."))
    status = Registration.Status.WAITLISTED if event.is_full() else Registration.Status.REGISTERED
    if registration is None:
        registration = Registration(event=event, user=actor)
    old = registration.status if registration.pk else None
    registration.participant_type = participant_type
    registration.organisation = organisation
    registration.status = status
    registration.queued_at = timezone.now()
    registration.checked_in_at = None
    registration.full_clean(validate_constraints=False)
    registration.save()
    audit_record(actor=actor, action="events.registration.created", target=registration,
                 organisation=event.organiser, changes={"status": [old, status]})
    return registration


def _drop_meetings(registration: Registration) -> int:
    qs = Meeting.objects.filter(Q(request__requester=registration) | Q(request__recipient=registration))
    count = qs.count()
    qs.delete()
    return count


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> list[Registration]:
    """Cancel a registration (the participant, or the organiser); the first in line gets the place.

    Returns the registrations promoted from the waiting list.
    """
    event = registration.event
    if not (getattr(actor, "is_authenticated", False) and actor.pk == registration.user_id) and not is_organiser(actor, event):
        raise PermissionDenied(_("This is another participant's registration."))
    event = _lock(event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    old = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    dropped = _drop_meetings(registration)
    audit_record(actor=actor, action="events.registration.cancelled", target=registration,
                 organisation=event.organiser, changes={"status": [old, registration.status],
                                                        "meetings": [dropped, 0]})
    if old == Registration.Status.REGISTERED:
        return _promote(event, actor=actor)
    return []


def checkin_token(registration: Registration) -> str:
    """The signed value in a badge's QR code."""
    return signing.Signer(salt=CHECKIN_SALT).sign_object({"e": registration.event_id, "r": registration.pk})


def checkin_registration(event: Event, token: str) -> Registration:
    """The registration a badge's token names, or ValidationError for a forged or foreign badge."""
    try:
        data = signing.Signer(salt=CHECKIN_SALT).unsign_object(token)
    except signing.BadSignature:
        raise ValidationError(_("This badge code is not valid.")) from None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        raise ValidationError(_("This badge belongs to another event."))
    registration = Registration.objects.select_related("user", "event").filter(pk=data.get("r"), event=event).first()
    if registration is None:
        raise ValidationError(_("This badge code is not valid."))
    return registration


@transaction.atomic
def registration_check_in(*, actor, registration: Registration) -> bool:
    """Mark attendance (the organiser's staff). False when already checked in."""
    require_organiser(actor, registration.event)
    if registration.status != Registration.Status.REGISTERED:
        raise ValidationError(_("Only registered participants can be checked in; this one is %(status)s.")
                              % {"status": registration.get_status_display()})
    if registration.checked_in_at is not None:
        return False
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at", "updated_at"])
    audit_record(actor=actor, action="events.registration.checked_in", target=registration,
                 organisation=registration.event.organiser, changes={"checked_in_at": [None, registration.checked_in_at]})
    return True


@transaction.atomic
def agenda_set(*, actor, registration: Registration, session: Session, chosen: bool) -> None:
    """Add a session to (or drop it from) a participant's personal agenda."""
    _require_self(actor, registration)
    if session.event_id != registration.event_id:
        raise ValidationError(_("This session belongs to another event."))
    if chosen:
        registration.sessions.add(session)
    else:
        registration.sessions.remove(session)


# --------------------------------------------------------------------- stands
def _check_stand_capabilities(organisation, capabilities) -> None:
    foreign = [c for c in capabilities if c.organisation_id != organisation.pk]
    if foreign:
        raise ValidationError(_("“%(cap)s” is not a capability of %(org)s.") % {"cap": foreign[0], "org": organisation})


@transaction.atomic
def stand_create(*, actor, event: Event, organisation, data: dict[str, Any], capabilities=()) -> Stand:
    if actor is not None:
        require_organiser(actor, event)
    if Stand.objects.filter(event=event, number=data.get("number", "")).exists():
        raise ValidationError(_("Stand %(number)s is already taken.") % {"number": data.get("number", "")})
    _check_stand_capabilities(organisation, capabilities)
    stand = Stand(event=event, organisation=organisation, **data)
    stand.full_clean()
    stand.save()
    stand.capabilities.set(capabilities)
    audit_record(actor=actor, action="events.stand.created", target=stand, organisation=event.organiser,
                 changes={"number": [None, stand.number], "organisation": [None, organisation.pk],
                          "capabilities": [None, sorted(c.pk for c in capabilities)]})
    return stand


@transaction.atomic
def stand_update(*, actor, stand: Stand, data: dict[str, Any], capabilities=None) -> dict:
    require_organiser(actor, stand.event)
    number = data.get("number", stand.number)
    if Stand.objects.filter(event=stand.event, number=number).exclude(pk=stand.pk).exists():
        raise ValidationError(_("Stand %(number)s is already taken.") % {"number": number})
    organisation = data.get("organisation", stand.organisation)
    caps = list(capabilities) if capabilities is not None else list(stand.capabilities.all())
    _check_stand_capabilities(organisation, caps)
    changes = instance_apply(stand, data)
    if changes:
        stand.full_clean()
        stand.save()
    if capabilities is not None:
        m2m_apply(stand, "capabilities", caps, changes)
    if changes:
        audit_record(actor=actor, action="events.stand.updated", target=stand, organisation=stand.event.organiser,
                     changes=changes)
    return changes


@transaction.atomic
def stand_delete(*, actor, stand: Stand) -> None:
    require_organiser(actor, stand.event)
    audit_record(actor=actor, action="events.stand.deleted", target=stand, organisation=stand.event.organiser)
    stand.delete()


# ------------------------------------------------------------------ brokerage
def _require_brokerage(event: Event) -> None:
    if not event.brokerage_enabled:
        raise ValidationError(_("This event has no brokerage meetings."))


@transaction.atomic
def profile_update(*, actor, registration: Registration, offer: str, seek: str, units=(), capabilities=()) -> dict:
    """A participant publishes what they offer and seek, linked to their organisation's entries."""
    _require_self(actor, registration)
    _require_brokerage(registration.event)
    if not registration.is_active:
        raise ValidationError(_("Only registered participants take part in brokerage."))
    for entry in [*units, *capabilities]:
        if role_in(actor, entry.organisation) is None:
            raise ValidationError(_("“%(entry)s” is not an entry of your organisation.") % {"entry": entry})
    changes = instance_apply(registration, {"offer": offer.strip(), "seek": seek.strip()})
    if changes:
        registration.save(update_fields=["offer", "seek", "updated_at"])
    m2m_apply(registration, "units", units, changes)
    m2m_apply(registration, "capabilities", capabilities, changes)
    if changes:
        audit_record(actor=actor, action="events.profile.updated", target=registration,
                     organisation=registration.event.organiser, changes=changes)
    return changes


@transaction.atomic
def meeting_request_create(*, actor, event: Event, recipient: Registration, message: str = "") -> MeetingRequest:
    """Ask another participant for a meeting; asking someone who already asked you agrees to theirs."""
    _require_signed_in(actor)
    _require_brokerage(event)
    requester = Registration.objects.filter(event=event, user=actor, status=Registration.Status.REGISTERED).first()
    if requester is None:
        raise PermissionDenied(_("Register for the event to request meetings."))
    if recipient.user_id == actor.pk:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    if recipient.event_id != event.pk or recipient.status != Registration.Status.REGISTERED:
        raise ValidationError(_("This person is not a registered participant of the event."))
    if MeetingRequest.objects.filter(requester=requester, recipient=recipient).exists():
        raise ValidationError(_("You have already asked this participant for a meeting."))
    reverse = MeetingRequest.objects.filter(requester=recipient, recipient=requester).first()
    if reverse is not None and reverse.status == MeetingRequest.Status.PENDING:
        reverse.status = MeetingRequest.Status.ACCEPTED
        reverse.mutual = True
        reverse.decided_at = timezone.now()
        reverse.save(update_fields=["status", "mutual", "decided_at", "updated_at"])
        audit_record(actor=actor, action="events.meeting_request.accepted", target=reverse,
                     organisation=event.organiser, changes={"status": ["pending", "accepted"], "mutual": [False, True]})
        return reverse
    if reverse is not None and reverse.status == MeetingRequest.Status.ACCEPTED:
        raise ValidationError(_("You have already agreed to meet this participant."))
    req = MeetingRequest(event=event, requester=requester, recipient=recipient, message=message.strip())
    req.save()
    audit_record(actor=actor, action="events.meeting_request.created", target=req, organisation=event.organiser,
                 changes={"recipient": [None, recipient.pk]})
    return req


@transaction.atomic
def meeting_request_answer(*, actor, request: MeetingRequest, accept: bool) -> MeetingRequest:
    """The asked participant accepts or declines."""
    if not getattr(actor, "is_authenticated", False) or actor.pk != request.recipient.user_id:
        raise PermissionDenied(_("Only the participant who was asked can answer."))
    if request.status != MeetingRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    new = MeetingRequest.Status.ACCEPTED if accept else MeetingRequest.Status.DECLINED
    request.status = new
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(actor=actor, action=f"events.meeting_request.{new}", target=request,
                 organisation=request.event.organiser, changes={"status": ["pending", new]})
    return request


def parse_breaks(text: str) -> list[tuple[time, time]]:
    """``"10:30-10:45, 13:00-14:00"`` → pairs of times; ValidationError naming the bad part."""
    breaks = []
    for part in [p.strip() for p in (text or "").replace(";", ",").split(",") if p.strip()]:
        pieces = [x.strip() for x in part.replace("–", "-").split("-")]
        try:
            if len(pieces) != 2:
                raise ValueError
            start, end = (time.fromisoformat(x if len(x) > 2 else f"{x}:00") for x in pieces)
        except ValueError:
            raise ValidationError(_("“%(part)s” is not a break; write it as 13:00-14:00.") % {"part": part}) from None
        if end <= start:
            raise ValidationError(_("The break %(part)s ends before it starts.") % {"part": part})
        breaks.append((start, end))
    return breaks


def slot_grid(day: date, start: time, end: time, minutes: int, breaks: list[tuple[time, time]]) -> list[tuple]:
    """The (start, end) datetimes of meeting slots on ``day``, skipping the breaks."""
    if end <= start:
        raise ValidationError(_("The meeting day must end after it starts."))
    if minutes < 5 or minutes > 240:
        raise ValidationError(_("A meeting slot lasts between 5 and 240 minutes."))
    tz = timezone.get_current_timezone()
    at = lambda t: datetime.combine(day, t, tzinfo=tz)  # noqa: E731
    cursor, finish = at(start), at(end)
    pauses = sorted((at(a), at(b)) for a, b in breaks)
    step = timedelta(minutes=minutes)
    slots = []
    while cursor + step <= finish:
        clash = next(((a, b) for a, b in pauses if cursor < b and a < cursor + step), None)
        if clash is not None:
            cursor = max(cursor, clash[1])
            continue
        slots.append((cursor, cursor + step))
        cursor += step
    if not slots:
        raise ValidationError(_("No meeting slot fits between the start, the end and the breaks."))
    return slots


@transaction.atomic
def slots_generate(*, actor, event: Event, day: date, start: time, end: time, minutes: int, breaks_text: str = "",
                   tables: int | None = None, max_meetings: int | None = None) -> list[MeetingSlot]:
    """Replace the meeting slots of ``day`` with a fresh grid; locked meetings on that day block it."""
    require_organiser(actor, event)
    _require_brokerage(event)
    if tables is not None and tables < 1:
        raise ValidationError(_("There must be at least one meeting table."))
    grid = slot_grid(day, start, end, minutes, parse_breaks(breaks_text))
    event = _lock(event)
    tz = timezone.get_current_timezone()
    old = [s for s in event.slots.all() if timezone.localtime(s.starts_at, tz).date() == day]
    if Meeting.objects.filter(slot__in=old, locked=True).exists():
        raise ValidationError(_("Some meetings on this day are locked; unlock them before changing the slots."))
    removed = len(old)
    MeetingSlot.objects.filter(pk__in=[s.pk for s in old]).delete()
    slots = MeetingSlot.objects.bulk_create([MeetingSlot(event=event, starts_at=a, ends_at=b) for a, b in grid])
    settings_changes = {}
    if tables is not None and tables != event.meeting_tables:
        settings_changes["meeting_tables"] = [event.meeting_tables, tables]
        event.meeting_tables = tables
    if max_meetings is not None and max_meetings != event.meeting_max_default:
        settings_changes["meeting_max_default"] = [event.meeting_max_default, max_meetings]
        event.meeting_max_default = max_meetings
    if settings_changes:
        event.save(update_fields=["meeting_tables", "meeting_max_default", "updated_at"])
    audit_record(actor=actor, action="events.slots.generated", target=event, organisation=event.organiser,
                 changes={"day": [None, day], "slots": [removed, len(slots)], **settings_changes})
    return slots


@transaction.atomic
def participant_brokerage_update(*, actor, registration: Registration, max_meetings: int | None,
                                 available_slots) -> dict:
    """The organiser sets a participant's meeting cap and the slots they can attend."""
    require_organiser(actor, registration.event)
    if max_meetings is not None and max_meetings < 0:
        raise ValidationError(_("The number of meetings cannot be negative."))
    all_slots = set(registration.event.slots.values_list("pk", flat=True))
    available = {s.pk for s in available_slots}
    if available - all_slots:
        raise ValidationError(_("A chosen slot belongs to another event."))
    changes = instance_apply(registration, {"max_meetings": max_meetings})
    if changes:
        registration.save(update_fields=["max_meetings", "updated_at"])
    m2m_apply(registration, "unavailable_slots", all_slots - available, changes)
    if changes:
        audit_record(actor=actor, action="events.registration.brokerage_updated", target=registration,
                     organisation=registration.event.organiser, changes=changes)
    return changes


@transaction.atomic
def meeting_lock(*, actor, meeting: Meeting, locked: bool) -> None:
    """Pin a meeting to its slot (or release it) for the next computation."""
    event = meeting.request.event
    require_organiser(actor, event)
    if meeting.locked != locked:
        meeting.locked = locked
        meeting.save(update_fields=["locked"])
        audit_record(actor=actor, action="events.meeting.locked" if locked else "events.meeting.unlocked",
                     target=meeting, organisation=event.organiser, changes={"locked": [not locked, locked]})


def schedule_instance(event: Event) -> dict:
    """The scheduler's JSON instance for ``event``: accepted requests between registered participants."""
    slots = list(event.slots.order_by("starts_at", "id"))
    requests = list(
        MeetingRequest.objects.filter(
            event=event, status=MeetingRequest.Status.ACCEPTED,
            requester__status=Registration.Status.REGISTERED, recipient__status=Registration.Status.REGISTERED,
        ).order_by("id")
    )
    regs = {}
    for r in requests:
        regs.setdefault(r.requester_id, None)
        regs.setdefault(r.recipient_id, None)
    registrations = Registration.objects.filter(pk__in=regs).select_related("event").prefetch_related(
        "unavailable_slots").order_by("id")
    slot_ids = [s.pk for s in slots]
    participants = []
    for reg in registrations:
        away = {s.pk for s in reg.unavailable_slots.all()}
        participants.append({"id": reg.pk, "available": [s for s in slot_ids if s not in away],
                             "max_meetings": reg.meeting_cap()})
    request_ids = {r.pk for r in requests}
    locked = [
        {"request": m.request_id, "slot": m.slot_id}
        for m in Meeting.objects.filter(request__event=event, locked=True).order_by("id")
        if m.request_id in request_ids
    ]
    return {
        "slots": [{"id": s.pk, "start": s.starts_at.isoformat(), "end": s.ends_at.isoformat()} for s in slots],
        "tables": event.meeting_tables,
        "participants": participants,
        "requests": [{"id": r.pk, "a": r.requester_id, "b": r.recipient_id, "weight": 1 + (1 if r.mutual else 0)}
                     for r in requests],
        "locked": locked,
    }


def _locked_conflict(event: Event, instance: dict) -> str | None:
    """Why the locked meetings of ``instance`` cannot all be kept, in the organiser's language, or None.

    The organiser gets here by changing a participant's availability or meeting cap,
    or the number of tables, after locking meetings; the scheduler would refuse the
    same instance, in English and by ids.
    """
    participants = {p["id"]: p for p in instance["participants"]}
    locked = (Meeting.objects.filter(request__event=event, locked=True,
                                     request_id__in=[r["id"] for r in instance["requests"]])
              .select_related("slot", "request__requester__user__person", "request__recipient__user__person")
              .order_by("id"))
    per_person: Counter = Counter()
    per_slot: Counter = Counter()
    for m in locked:
        for reg in (m.request.requester, m.request.recipient):
            p = participants[reg.pk]
            if m.slot_id not in p["available"]:
                return _("%(name)s is not available in %(slot)s, where a meeting of theirs is locked.") % {
                    "name": reg.user.display_name(), "slot": m.slot}
            per_person[reg.pk] += 1
            if per_person[reg.pk] > p["max_meetings"]:
                return _("%(name)s may have at most %(max)s meetings, but %(locked)s of theirs are locked.") % {
                    "name": reg.user.display_name(), "max": p["max_meetings"], "locked": per_person[reg.pk]}
        per_slot[m.slot_id] += 1
        if per_slot[m.slot_id] > instance["tables"]:
            return _("%(slot)s has %(tables)s meeting tables, but %(locked)s meetings in it are locked.") % {
                "slot": m.slot, "tables": instance["tables"], "locked": per_slot[m.slot_id]}
    return None


def schedule_compute(*, actor, event: Event, time_limit: float = SCHEDULE_TIME_LIMIT, notify: bool = True) -> dict:
    """Compute the meeting plan, keep locked meetings, store it, and send everyone their plan.

    Returns the solution in the scheduler's JSON format. Input the scheduler
    refuses becomes a ValidationError the organiser can read.
    """
    from kopir.events.scheduler import Instance, ScheduleInputError, check_solution, solve
    from kopir.events.tasks import send_meeting_plan

    require_organiser(actor, event)
    _require_brokerage(event)
    instance = schedule_instance(event)
    if not instance["slots"]:
        raise ValidationError(_("Set the meeting slots first."))
    if not instance["requests"]:
        raise ValidationError(_("There are no accepted meeting requests to schedule yet."))
    reason = _locked_conflict(event, instance)
    if reason is None:
        try:
            parsed = Instance.from_json(instance)  # validated once, used by the solver and the checker
            solution = solve(parsed, method="auto", time_limit=time_limit)
        except ScheduleInputError as exc:  # anything not caught above, in the engine's words (English, ids)
            reason = str(exc)
    if reason is not None:
        raise ValidationError(_("The meeting plan cannot be computed: %(reason)s") % {"reason": reason})
    result = solution.to_json(parsed)
    problems = check_solution(parsed, result)
    if problems:  # the scheduler promises a valid plan; never store one that is not
        raise ValidationError(_("The meeting plan cannot be computed: %(reason)s") % {"reason": problems[0]})
    locked = {item["request"] for item in instance["locked"]}
    with transaction.atomic():
        event = _lock(event)
        existing = Meeting.objects.filter(request__event=event)
        before = existing.count()
        existing.delete()
        Meeting.objects.bulk_create([
            Meeting(request_id=m["request"], slot_id=m["slot"], table=m["table"], locked=m["request"] in locked)
            for m in result["meetings"]
        ])
        event.schedule_computed_at = timezone.now()
        event.schedule_status = result["status"]
        event.schedule_objective = result["objective"]
        event.schedule_bound = result["bound"]
        event.save(update_fields=["schedule_computed_at", "schedule_status", "schedule_objective", "schedule_bound",
                                  "updated_at"])
        audit_record(actor=actor, action="events.schedule.computed", target=event, organisation=event.organiser,
                     changes={"meetings": [before, len(result["meetings"])], "status": [None, result["status"]],
                              "locked": [None, len(locked)]})
        if notify:
            for p in instance["participants"]:
                _enqueue(send_meeting_plan, p["id"])
    return result
