"""The tick flags stale collaborations and e-mails each owner a weekly digest through a real SMTP exchange."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from kopir.collaborations.models import Collaboration, DigestSent
from kopir.collaborations.services import collaboration_open
from kopir.collaborations.tasks import iso_week

pytestmark = pytest.mark.django_db


def _age(collab, days):
    Collaboration.objects.filter(pk=collab.pk).update(last_activity_at=timezone.now() - dt.timedelta(days=days))


def _tick(capture, *args):
    with capture(execute=True):
        call_command("collaborations_tick", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_weekly_digest_in_each_owners_language(cworld, collab, smtp_server, settings,
                                               django_capture_on_commit_callbacks):
    settings.KOPIR_STALE_DAYS = 14
    kaznu_liaison = cworld.users["kaznu_liaison"]
    kaznu_liaison.language = "en"
    kaznu_liaison.save()
    other = collaboration_open(actor=kaznu_liaison, enterprise=cworld.orgs["dairy"], unit=cworld.units["law"],
                               title={"ru": "Лицензирование товарного знака", "en": "Trademark licensing"})
    fresh = collaboration_open(actor=kaznu_liaison, enterprise=cworld.orgs["meat"], unit=cworld.units["law"],
                               title={"en": "A lively one"})
    _age(collab, 15)
    _age(other, 40)
    _tick(django_capture_on_commit_callbacks)

    assert sorted(m["To"] for m in smtp_server.messages) == ["kaznu_liaison@example.kz", "shakarim_liaison@example.kz"]
    by_to = {m["To"]: m.get_body(("plain",)).get_content() for m in smtp_server.messages}
    # The owner reading English gets English titles; the Kazakh reader gets the Russian title the
    # collaboration has (Kazakh falls back to Russian first).
    assert "Trademark licensing" in by_to["kaznu_liaison@example.kz"]
    assert "Лицензирование" not in by_to["kaznu_liaison@example.kz"]
    assert "A lively one" not in by_to["kaznu_liaison@example.kz"]
    assert "quiet for 40 days" in by_to["kaznu_liaison@example.kz"]
    assert "Контроль качества фарша" in by_to["shakarim_liaison@example.kz"]
    assert f"/collaborations/{collab.pk}/" in by_to["shakarim_liaison@example.kz"]
    collab.refresh_from_db()
    fresh.refresh_from_db()
    assert collab.stale_since is not None and fresh.stale_since is None

    # The same week again: nothing more is sent.
    _tick(django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 2
    assert DigestSent.objects.filter(week=iso_week()).count() == 2


def test_no_digest_for_quiet_but_finished_or_unowned(cworld, collab, smtp_server, settings,
                                                     django_capture_on_commit_callbacks):
    settings.KOPIR_STALE_DAYS = 14
    Collaboration.objects.filter(pk=collab.pk).update(stage="closed", closed_reason="no_budget")
    _age(collab, 100)
    _tick(django_capture_on_commit_callbacks)
    assert smtp_server.messages == []
    assert not DigestSent.objects.exists()


def test_a_refused_mail_is_retried_next_tick(cworld, collab, settings, smtp_server,
                                             django_capture_on_commit_callbacks):
    settings.KOPIR_STALE_DAYS = 14
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens there: the mail server refuses
    _age(collab, 20)
    _tick(django_capture_on_commit_callbacks)
    assert not DigestSent.objects.exists() and smtp_server.messages == []
    settings.EMAIL_PORT = port
    _tick(django_capture_on_commit_callbacks)
    assert [m["To"] for m in smtp_server.messages] == ["shakarim_liaison@example.kz"]
    assert DigestSent.objects.get().collaborations == 1
