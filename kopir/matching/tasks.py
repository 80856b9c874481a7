"""Background work of matching: index upkeep, a need's stored matches, e-mails to labs."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def index_refresh(keys: list[str]) -> dict:
    """Re-read these rows and replace, add or remove their documents."""
    from kopir.matching import store
    from kopir.matching.documents import document_for_key

    by_side: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for key in keys:
        side, doc_id, doc = document_for_key(key)
        upserts, removals = by_side[side]
        if doc is None:
            removals.append(doc_id)
        else:
            upserts.append(doc)
    done = {}
    for side, (upserts, removals) in by_side.items():
        store.apply(side, upserts, removals)
        done[side] = {"upserts": len(upserts), "removals": len(removals)}
    return done


@transaction.atomic
def store_matches(need) -> list:
    """Compute a need's matches and keep them (for inboxes, e-mails, the unmatched list)."""
    from kopir.matching.models import Match
    from kopir.matching.ranking import rank_need

    results = rank_need(need, k=10, explain=False) if need.is_open else []
    previous = {m.entity: m for m in Match.objects.filter(need=need)}
    keep = set()
    for r in results:
        fields = {"score": r.score, "cosine": r.cosine, "rank": r.rank, "lab": r.lab, "is_strong": r.is_strong,
                  "facets": {x.label: x.value for x in r.reasons},
                  "unit": r.obj if r.kind == "unit" else None, "person": r.obj if r.kind == "person" else None,
                  "capability": r.obj if r.kind == "capability" else None}
        match = previous.get(r.entity)
        if match is None:
            Match.objects.create(need=need, entity=r.entity, **fields)
        else:
            for name, value in fields.items():
                setattr(match, name, value)
            match.save()
        keep.add(r.entity)
    Match.objects.filter(need=need).exclude(entity__in=keep).delete()
    return results


def lab_recipients(unit) -> list:
    """Who hears of a lab's matches: its head (a linked user) and its organisation's editors."""
    from kopir.accounts.models import EDIT_ROLES, User

    users = {}
    heads = [unit.head] if unit.head_id else []
    heads += [p.person for p in unit.positions.filter(is_head=True, is_current=True).select_related("person")]
    for person in heads:
        if person.user_id and person.user.email and person.user.is_active:
            users[person.user_id] = person.user
    for user in User.objects.filter(memberships__organisation=unit.organisation_id,
                                    memberships__role__in=EDIT_ROLES, is_active=True).exclude(email=""):
        users[user.pk] = user
    return list(users.values())


@task()
def need_matches_refresh(need_id: int, notify: bool = True) -> int:
    """Recompute a need's matches; e-mail the labs of strong matches not told before. Returns e-mails sent."""
    from kopir.matching.models import Match
    from kopir.needs.access import FULL, need_access
    from kopir.needs.models import Need

    need = Need.objects.select_related("organisation", "sector", "region").filter(pk=need_id).first()
    if need is None:
        return 0
    store_matches(need)
    if not notify or not need.is_open:
        return 0
    fresh = list(Match.objects.filter(need=need, is_strong=True, notified_at__isnull=True, lab__isnull=False)
                 .select_related("lab__organisation", "lab__head__user"))
    if not fresh:
        return 0
    by_user: dict[int, tuple] = {}
    for match in fresh:
        for user in lab_recipients(match.lab):
            if user.pk == need.created_by_id:
                continue
            entry = by_user.setdefault(user.pk, (user, []))
            if match.lab not in entry[1]:
                entry[1].append(match.lab)
    sent = 0
    for user, labs in by_user.values():
        with translation.override(user.language):
            full = need_access(user, need) == FULL
            context = {"need": need, "labs": labs, "user": user, "full": full,
                       "url": _site_url(reverse("needs:detail", args=[need.pk])),
                       "inbox": _site_url(reverse("matching:inbox"))}
            subject = render_to_string("matching/email/strong_match_subject.txt", context).strip()
            body = render_to_string("matching/email/strong_match.txt", context)
        EmailMessage(subject, body, to=[user.email]).send()
        sent += 1
    Match.objects.filter(pk__in=[m.pk for m in fresh]).update(notified_at=timezone.now())
    return sent


@task()
def introduction_announce(introduction_id: int) -> int:
    """Tell the introduced lab (its head and its organisation's editors) that someone asked to meet."""
    from kopir.matching.models import Introduction

    intro = Introduction.objects.select_related("need__organisation", "unit", "person", "capability__unit").filter(
        pk=introduction_id).first()
    if intro is None:
        return 0
    from kopir.matching.ranking import lab_of

    lab = lab_of(intro.target)
    recipients = lab_recipients(lab) if lab is not None else []
    sent = 0
    for user in recipients:
        with translation.override(user.language):
            context = {"intro": intro, "need": intro.need, "user": user, "lab": lab,
                       "url": _site_url(reverse("needs:detail", args=[intro.need_id]))}
            subject = render_to_string("matching/email/introduction_subject.txt", context).strip()
            body = render_to_string("matching/email/introduction.txt", context)
        EmailMessage(subject, body, to=[user.email]).send()
        sent += 1
    return sent
