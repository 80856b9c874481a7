"""Background work of the collaborations: the weekly digest of stale collaborations."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task


def iso_week(day=None) -> str:
    day = day or timezone.localdate()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@task()
def send_stale_digest(user_id: int, week: str) -> bool:
    """E-mail one owner the collaborations of theirs that have gone quiet; once per ISO week."""
    from kopir.accounts.models import User
    from kopir.collaborations.models import DigestSent
    from kopir.collaborations.selectors import stale_q
    from kopir.collaborations.services import stale_days

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    stale = list(user.owned_collaborations.filter(stale_q()).select_related("enterprise", "unit", "university")
                 .order_by("last_activity_at", "pk"))
    if not stale:
        return False
    now = timezone.now()
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, week=week, collaborations=len(stale))
            with translation.override(user.language):
                rows = [{"c": c, "days": (now - c.last_activity_at).days,
                         "url": _site_url(reverse("collaborations:detail", args=[c.pk]))} for c in stale]
                context = {"user": user, "rows": rows, "stale_days": stale_days(), "week": week,
                           "board_url": _site_url(reverse("collaborations:board") + "?stale=on")}
                subject = render_to_string("collaborations/email/digest_subject.txt", context).strip()
                body = render_to_string("collaborations/email/digest.txt", context)
            # Sent inside the transaction: if the mail server refuses, the week is not marked as sent.
            EmailMessage(subject, body, to=[user.email]).send()
    except IntegrityError:
        return False  # already sent this week
    return True
