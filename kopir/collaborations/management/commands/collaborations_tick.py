"""``kopir collaborations_tick``: flag stale collaborations and send the weekly digest.

Meant for cron or a systemd timer (hourly or daily is fine): flagging is
idempotent, and each owner gets at most one digest per ISO week.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from kopir.collaborations.models import DigestSent
from kopir.collaborations.selectors import stale_by_owner
from kopir.collaborations.services import collaborations_flag_stale, stale_days
from kopir.collaborations.tasks import iso_week, send_stale_digest


class Command(BaseCommand):
    help = "Flag collaborations with no activity for KOPIR_STALE_DAYS and send owners their weekly digest."

    def add_arguments(self, parser):
        parser.add_argument("--no-digest", action="store_true", help="only flag, send no e-mail")

    def handle(self, *args, no_digest=False, **options):
        flagged, cleared = collaborations_flag_stale()
        self.stdout.write(f"stale after {stale_days()} days: {flagged} newly flagged, {cleared} no longer stale")
        if no_digest:
            return
        week = iso_week()
        owners = stale_by_owner()
        already = set(DigestSent.objects.filter(week=week, user__in=list(owners)).values_list("user_id", flat=True))
        due = [user.pk for user in owners if user.pk not in already and user.email]
        with transaction.atomic():
            for user_id in due:
                transaction.on_commit(lambda uid=user_id: send_stale_digest.enqueue(user_id=uid, week=week))
        self.stdout.write(f"digest {week}: {len(due)} to send, {len(already)} already sent")
