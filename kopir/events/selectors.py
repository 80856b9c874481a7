"""Reads of the events domain shared by pages, files, e-mails and the API."""

from __future__ import annotations

import re
from collections import OrderedDict

from django.db.models import Q, QuerySet
from django.utils import timezone

from kopir.accounts.access import is_platform_admin
from kopir.accounts.models import EDIT_ROLES, Membership
from kopir.core.i18n import translated_columns
from kopir.core.text import normalise, search_terms
from kopir.events.models import Event, Meeting, MeetingRequest, Registration


def organiser_org_ids(user) -> list[int]:
    """Organisations whose events ``user`` may run."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Membership.objects.filter(user=user, role__in=EDIT_ROLES).values_list("organisation_id", flat=True))


def event_list(user=None) -> QuerySet:
    """Published events, plus unpublished ones of organisations the user runs events for."""
    qs = Event.objects.select_related("organiser", "region", "part_of")
    if is_platform_admin(user):
        return qs
    return qs.filter(Q(is_published=True) | Q(organiser_id__in=organiser_org_ids(user)))


def event_search(qs: QuerySet, *, q: str = "", kind: str = "", when: str = "", region: str = "") -> QuerySet:
    """Filter by words (any language), kind, upcoming/past and region slug."""
    for term in search_terms(q):
        cond = Q()
        for col in [*translated_columns("title"), *translated_columns("description")]:
            cond |= Q(**{f"{col}__icontains": term})
        qs = qs.filter(cond)
    if kind:
        qs = qs.filter(kind=kind)
    today = timezone.localdate()
    if when == "upcoming":
        qs = qs.filter(end_date__gte=today).order_by("start_date", "slug")
    elif when == "past":
        qs = qs.filter(end_date__lt=today).order_by("-start_date", "slug")
    if region:
        qs = qs.filter(region__slug=region)
    return qs


def programme(event: Event) -> list[tuple]:
    """``[(day, [sessions])]`` in time order."""
    days: OrderedDict = OrderedDict()
    for s in event.sessions.prefetch_related("speakers").order_by("starts_at", "id"):
        days.setdefault(timezone.localtime(s.starts_at).date(), []).append(s)
    return list(days.items())


def registration_of(user, event: Event) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(event=event, user=user).select_related("event", "organisation").first()


def participants(event: Event) -> QuerySet:
    return (event.registrations.select_related("user", "user__person", "organisation")
            .order_by("status", "queued_at", "id"))


def agenda_sessions(registration: Registration) -> list:
    """The sessions a participant chose; the whole programme when they chose none."""
    chosen = list(registration.sessions.order_by("starts_at", "id"))
    return chosen or list(registration.event.sessions.order_by("starts_at", "id"))


#: what a meeting row shows: the slot and both sides' names (``display_name`` reads the person) and organisations
MEETING_PEOPLE = ("slot", "request__requester__user__person", "request__recipient__user__person",
                  "request__requester__organisation", "request__recipient__organisation")


def meetings_of(registration: Registration) -> list[Meeting]:
    """A participant's scheduled meetings in time order, each with ``counterpart`` set."""
    meetings = list(
        Meeting.objects.filter(Q(request__requester=registration) | Q(request__recipient=registration))
        .select_related(*MEETING_PEOPLE)
        .order_by("slot__starts_at", "table")
    )
    for m in meetings:
        m.counterpart = m.request.other(registration)
    return meetings


def requests_of(registration: Registration) -> dict:
    sent = registration.requests_sent.select_related("recipient__user__person", "recipient__organisation")
    received = registration.requests_received.select_related("requester__user__person", "requester__organisation")
    return {"sent": list(sent), "received": list(received)}


def brokerage_profiles(event: Event, *, q: str = "", exclude=None) -> QuerySet:
    """Registered participants who published what they offer or seek."""
    qs = (event.registrations.filter(status=Registration.Status.REGISTERED)
          .exclude(offer="", seek="")
          .select_related("user", "user__person", "organisation", "organisation__sector")
          .prefetch_related("units", "capabilities"))
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    for term in search_terms(q):
        qs = qs.filter(Q(offer__icontains=term) | Q(seek__icontains=term) | Q(user__first_name__icontains=term)
                       | Q(user__last_name__icontains=term))
    return qs.order_by("id")


_STOP = set("және мен үшін бен пен для и в на по с из к от the and for of to in with a an".split())


def _stems(text: str) -> set[str]:
    """Crude cross-form word keys: normalised words of 4+ letters cut to 5 letters."""
    return {w[:5] for w in re.findall(r"\w+", normalise(text)) if len(w) >= 4 and w not in _STOP}


# Below this fused score a pairing is noise rather than a reason to meet (the engine's
# best hit scores about 1.0; unrelated texts fall well under 0.3).
SUGGESTION_MIN_SCORE = 0.35
# The fused score is relative to the other participants: the best of several unrelated
# offers still scores 1.0. A pairing must also stand this many standard deviations above
# the query's cosines to background texts in the other text's language
# (:mod:`kopir.matching.reference`): related kk/ru/en pairs score about 2-4, unrelated
# ones -0.1-1.2.
SUGGESTION_MIN_STANDARD_SCORE = 1.5
SECTOR_BONUS = 0.1


def _engine_scores(query: str, others: list[Registration], field: str) -> dict[int, float]:
    """Score each other participant's ``field`` text against ``query`` with the matching engine
    (lexical + cross-lingual dense), so a Kazakh offer meets a Russian need; a text that
    does not stand out from the background texts of its language gets no score."""
    from kopir.matching import reference, store
    from kopir.matching.engine import Document, MatchingIndex

    docs = [Document(id=str(o.pk), text=getattr(o, field)) for o in others if getattr(o, field).strip()]
    if not query.strip() or not docs:
        return {}
    embedder = store.embedder()
    index = MatchingIndex(embedder, store.cache())
    index.add(docs)
    qvec = index.embed_query(query)
    background = reference.background(embedder.model_id)
    # the query's cosines to the background, once per language of the others' texts
    baselines = {lang: reference.baseline(qvec, background[lang]) for lang in {d.lang for d in docs} & background.keys()}
    scores = {}
    for hit in index.search(query, len(docs), mode="hybrid", qvec=qvec):
        lang = index.get(hit.id).lang
        if lang in baselines:
            mean, std = baselines[lang]
            if (float((index.vectors_of(hit.id) @ qvec).max()) - mean) / std < SUGGESTION_MIN_STANDARD_SCORE:
                continue
        scores[int(hit.id)] = hit.score
    return scores


def suggestions(event: Event, me: Registration, *, limit: int = 5) -> list[tuple[Registration, float, list[str]]]:
    """"You should meet": participants whose offer meets what I seek, or who seek what I
    offer, scored by the matching engine in any of the three languages; a shared sector
    adds a little. Returns ``(registration, score, words in common)``."""
    if not me.has_profile:
        return []
    asked = set(MeetingRequest.objects.filter(requester=me).values_list("recipient_id", flat=True))
    asked |= set(MeetingRequest.objects.filter(recipient=me).values_list("requester_id", flat=True))
    others = [o for o in brokerage_profiles(event, exclude=me) if o.pk not in asked]
    scores: dict[int, float] = {}
    for query, field in ((me.seek, "offer"), (me.offer, "seek")):
        for pk, score in _engine_scores(query, others, field).items():
            scores[pk] = max(scores.get(pk, 0.0), score)
    mine_seek, mine_offer = _stems(me.seek), _stems(me.offer)
    my_sector = me.organisation.sector.parent_id if me.organisation and me.organisation.sector else None
    scored = []
    for other in others:
        score = scores.get(other.pk, 0.0)
        if score < SUGGESTION_MIN_SCORE:
            continue
        sector = other.organisation.sector.parent_id if other.organisation and other.organisation.sector else None
        if my_sector and sector == my_sector:
            score += SECTOR_BONUS
        shared = (mine_seek & _stems(other.offer)) | (mine_offer & _stems(other.seek))
        scored.append((other, round(score, 3), sorted(shared)[:6]))
    scored.sort(key=lambda item: (-item[1], item[0].pk))
    return scored[:limit]


def table_plan(event: Event) -> list[dict]:
    """Rows per slot: ``{"slot", "tables": [meeting or None for 1..N]}``."""
    meetings = Meeting.objects.filter(request__event=event).select_related(*MEETING_PEOPLE)
    by_slot: dict = {}
    for m in meetings:
        by_slot.setdefault(m.slot_id, {})[m.table] = m
    tables = max([event.meeting_tables, *[t for row in by_slot.values() for t in row]] or [0])
    return [
        {"slot": slot, "tables": [by_slot.get(slot.pk, {}).get(t) for t in range(1, tables + 1)]}
        for slot in event.slots.order_by("starts_at", "id")
    ]
