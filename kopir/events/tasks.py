"""Background work of the events domain: e-mails in each recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_promotion_email(registration_id: int) -> bool:
    """Tell a person from the waiting list that a place freed up and is theirs."""
    from kopir.events.models import Registration

    registration = Registration.objects.select_related("user", "event").filter(pk=registration_id).first()
    if registration is None or not registration.user.email or not registration.is_active:
        return False
    user = registration.user
    with translation.override(user.language):
        context = {"registration": registration, "event": registration.event, "user": user,
                   "url": _site_url(reverse("events:agenda", args=[registration.event.slug]))}
        subject = render_to_string("events/email/promoted_subject.txt", context).strip()
        body = render_to_string("events/email/promoted.txt", context)
    EmailMessage(subject, body, to=[user.email]).send()
    return True


@task()
def send_meeting_plan(registration_id: int) -> bool:
    """Send a participant their brokerage meetings (slot, table, counterpart) with an .ics file."""
    from kopir.events.documents import agenda_ics
    from kopir.events.models import Registration
    from kopir.events.selectors import meetings_of

    registration = Registration.objects.select_related("user", "event").filter(pk=registration_id).first()
    if registration is None or not registration.user.email:
        return False
    user = registration.user
    with translation.override(user.language):
        meetings = meetings_of(registration)
        context = {"registration": registration, "event": registration.event, "user": user, "meetings": meetings,
                   "url": _site_url(reverse("events:agenda", args=[registration.event.slug]))}
        subject = render_to_string("events/email/plan_subject.txt", context).strip()
        body = render_to_string("events/email/plan.txt", context)
        ics = agenda_ics(registration, sessions=False)
    message = EmailMessage(subject, body, to=[user.email])
    message.attach("meetings.ics", ics, "text/calendar")
    message.send()
    return True
