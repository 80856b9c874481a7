"""Events endpoints: public events and their programme; a participant's own meetings."""

from __future__ import annotations

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from kopir.api.auth import OptionalTokenAuth, TokenAuth
from kopir.api.schemas import Translated, tr
from kopir.events import selectors
from kopir.events.models import Event, Registration

router = Router(tags=["events"], auth=OptionalTokenAuth())


class EventOut(Schema):
    slug: str
    kind: str
    title: Translated
    description: Translated
    venue: Translated
    organiser: str
    part_of: str | None
    region: str | None
    start_date: date
    end_date: date
    registration_open: bool
    capacity: int | None
    brokerage: bool


class SessionOut(Schema):
    id: int
    title: Translated
    description: Translated
    room: Translated
    starts_at: datetime
    ends_at: datetime
    speakers: list[str]


class StandOut(Schema):
    number: str
    organisation: str
    description: Translated
    capabilities: list[str]


class EventDetailOut(EventOut):
    sessions: list[SessionOut]
    stands: list[StandOut]
    organisations: list[str]


class MeetingOut(Schema):
    event: str
    starts_at: datetime
    ends_at: datetime
    table: int
    with_name: str
    with_organisation: str | None
    locked: bool


def event_out(e: Event) -> dict:
    return {
        "slug": e.slug, "kind": e.kind, "title": tr(e.title), "description": tr(e.description), "venue": tr(e.venue),
        "organiser": e.organiser.slug, "part_of": e.part_of.slug if e.part_of else None,
        "region": e.region.slug if e.region else None, "start_date": e.start_date, "end_date": e.end_date,
        "registration_open": e.registration_open, "capacity": e.capacity, "brokerage": e.brokerage_enabled,
    }


def _public(request):
    # A token's owner also sees the unpublished events of organisations they run.
    user = request.auth if request.auth not in (None, True) else None
    return selectors.event_list(user)


@router.get("/", response=list[EventOut])
@paginate(PageNumberPagination, page_size=50)
def events(request, q: str = "", kind: str = "", when: str = "", region: str = ""):
    qs = selectors.event_search(_public(request), q=q, kind=kind, when=when, region=region)
    return [event_out(e) for e in qs]


@router.get("/me/meetings", response=list[MeetingOut], auth=TokenAuth())
def my_meetings(request, event: str = ""):
    """The caller's scheduled brokerage meetings (all events, or one by slug)."""
    regs = Registration.objects.filter(user=request.auth, status=Registration.Status.REGISTERED).select_related("event")
    if event:
        regs = regs.filter(event__slug=event)
    out = []
    for reg in regs:
        for m in selectors.meetings_of(reg):
            out.append({
                "event": reg.event.slug, "starts_at": m.slot.starts_at, "ends_at": m.slot.ends_at, "table": m.table,
                "with_name": m.counterpart.user.display_name(),
                "with_organisation": m.counterpart.organisation.slug if m.counterpart.organisation else None,
                "locked": m.locked,
            })
    out.sort(key=lambda item: (item["starts_at"], item["table"]))
    return out


@router.get("/{slug}", response=EventDetailOut)
def event_detail(request, slug: str):
    e = get_object_or_404(_public(request), slug=slug)
    data = event_out(e)
    data["sessions"] = [
        {"id": s.pk, "title": tr(s.title), "description": tr(s.description), "room": tr(s.room),
         "starts_at": s.starts_at, "ends_at": s.ends_at, "speakers": [p.slug for p in s.speakers.all()]}
        for _day, sessions in selectors.programme(e) for s in sessions
    ]
    data["stands"] = [
        {"number": st.number, "organisation": st.organisation.slug, "description": tr(st.description),
         "capabilities": [c.slug for c in st.capabilities.all()]}
        for st in e.stands.select_related("organisation").prefetch_related("capabilities")
    ]
    data["organisations"] = [o.slug for o in e.organisations.all()]
    return data
