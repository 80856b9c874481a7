import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from kopir.core.models import AuditEntry
from kopir.events import services
from kopir.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def _register(event, user, kind="university"):
    return services.registration_create(actor=user, event=event, participant_type=kind)


def test_full_event_waitlists_and_a_cancellation_promotes_the_first_in_line(world, event, smtp_server,
                                                                              django_capture_on_commit_callbacks):
    u = world.users
    first = _register(event, u["shakarim_member"])
    second = _register(event, u["kaznu_editor"])
    with django_capture_on_commit_callbacks(execute=True):
        waiting1 = _register(event, u["enterprise_rep"], "enterprise")
        waiting2 = _register(event, u["shakarim_admin"])
    assert [first.status, second.status] == ["registered", "registered"]
    assert [waiting1.status, waiting2.status] == ["waitlisted", "waitlisted"]
    assert smtp_server.messages == []

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(actor=u["kaznu_editor"], registration=second)
    assert [r.pk for r in promoted] == [waiting1.pk]
    waiting1.refresh_from_db()
    waiting2.refresh_from_db()
    assert waiting1.status == "registered" and waiting2.status == "waitlisted"
    assert event.registrations.filter(status="registered").count() == 2
    # the promoted person hears it by e-mail, in their language (Russian)
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "enterprise_rep@example.kz"
    assert "Дни безопасности мяса и молока" in mail["Subject"]
    assert "/ru/events/safety-days/me/" in mail.get_content()
    assert AuditEntry.objects.filter(action="events.registration.promoted", target_id=str(waiting1.pk)).exists()


def test_cancelling_a_waitlisted_place_promotes_nobody(world, event):
    u = world.users
    _register(event, u["shakarim_member"])
    _register(event, u["kaznu_editor"])
    waiting = _register(event, u["enterprise_rep"], "enterprise")
    assert services.registration_cancel(actor=u["enterprise_rep"], registration=waiting) == []
    assert event.registrations.filter(status="registered").count() == 2


def test_more_places_promote_the_waiting_list(world, event):
    u = world.users
    _register(event, u["shakarim_member"])
    _register(event, u["kaznu_editor"])
    waiting = _register(event, u["enterprise_rep"], "enterprise")
    services.event_update(actor=u["shakarim_editor"], event=event, data={"capacity": 3})
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_cancellation_locks_the_event_row(world, event, monkeypatch):
    """Two cancellations must not promote the same person twice: the event row is locked first."""
    from django.db.models.query import QuerySet

    locked = []
    original = QuerySet.select_for_update

    def spy(self, *args, **kwargs):
        locked.append(self.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    reg = _register(event, world.users["shakarim_member"])
    services.registration_cancel(actor=world.users["shakarim_member"], registration=reg)
    assert Event in locked


@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once(world, make_event):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers by itself")
    event = make_event(slug="tight", capacity=2)
    u = world.users
    a = _register(event, u["shakarim_member"])
    b = _register(event, u["kaznu_editor"])
    w1 = _register(event, u["enterprise_rep"], "enterprise")
    w2 = _register(event, u["shakarim_admin"])
    errors = []

    def cancel(reg, user):
        try:
            services.registration_cancel(actor=user, registration=reg)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(a, u["shakarim_member"])),
               threading.Thread(target=cancel, args=(b, u["kaznu_editor"]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(event.registrations.filter(status="registered").values_list("pk", flat=True)) == sorted([w1.pk, w2.pk])


def test_registering_twice_is_refused_and_changes_nothing(world, event):
    reg = _register(event, world.users["shakarim_member"])
    with pytest.raises(ValidationError, match="already registered"):
        _register(event, world.users["shakarim_member"], "student")
    reg.refresh_from_db()
    assert reg.participant_type == "university"
    assert Registration.objects.filter(event=event).count() == 1


def test_a_cancelled_participant_may_register_again_at_the_end_of_the_line(world, event):
    u = world.users
    reg = _register(event, u["shakarim_member"])
    services.registration_cancel(actor=u["shakarim_member"], registration=reg)
    _register(event, u["kaznu_editor"])
    _register(event, u["enterprise_rep"], "enterprise")
    again = _register(event, u["shakarim_member"])
    assert again.pk == reg.pk and again.status == "waitlisted"


def test_registration_rules(world, make_event):
    u = world.users
    closed = make_event(slug="closed", registration_open=False)
    with pytest.raises(ValidationError, match="closed"):
        _register(closed, u["shakarim_member"])
    past = make_event(slug="past", start_date=timezone.localdate() - timedelta(days=5))
    with pytest.raises(ValidationError, match="closed"):
        _register(past, u["shakarim_member"])
    students_only = make_event(slug="students", participant_types=["student"])
    with pytest.raises(ValidationError, match="type of participant"):
        _register(students_only, u["shakarim_member"], "media")
    open_ = make_event(slug="open")
    with pytest.raises(ValidationError, match="organisation you belong to"):
        services.registration_create(actor=u["shakarim_member"], event=open_, participant_type="university",
                                     organisation=world.orgs["kaznu"])
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        _register(open_, AnonymousUser())
    assert not Registration.objects.exists()


def test_only_the_participant_or_the_organiser_cancels(world, event):
    reg = _register(event, world.users["shakarim_member"])
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=world.users["kaznu_editor"], registration=reg)
    services.registration_cancel(actor=world.users["shakarim_editor"], registration=reg)
    reg.refresh_from_db()
    assert reg.status == "cancelled"
    with pytest.raises(ValidationError, match="already cancelled"):
        services.registration_cancel(actor=world.users["shakarim_member"], registration=reg)


def test_event_input_errors_are_translated_and_save_nothing(world, make_event):
    from django.utils import translation

    event = make_event(slug="e1", capacity=10)
    with translation.override("ru"), pytest.raises(ValidationError) as exc:
        services.event_update(actor=world.users["shakarim_editor"], event=event, data={"capacity": -1})
    assert "capacity" in exc.value.message_dict
    event.refresh_from_db()
    assert event.capacity == 10
    with pytest.raises(ValidationError) as exc:
        services.event_update(actor=world.users["shakarim_editor"], event=event,
                              data={"end_date": event.start_date - timedelta(days=1)})
    assert "end_date" in exc.value.message_dict


@pytest.mark.parametrize("persona", ["kaznu_editor", "enterprise_rep", "shakarim_member"])
def test_others_cannot_create_or_change_the_event(world, event, persona):
    with pytest.raises(PermissionDenied):
        services.event_update(actor=world.users[persona], event=event, data={"title_en": "Hijacked"})
    with pytest.raises(PermissionDenied):
        services.event_create(actor=world.users[persona], organiser=world.orgs["shakarim"],
                              data=dict(slug="x", kind="seminar", title_en="X", start_date=event.start_date,
                                        end_date=event.end_date))
    event.refresh_from_db()
    assert event.title_en == "Meat and milk safety days"


def test_check_in_by_organiser_only(world, event):
    reg = _register(event, world.users["shakarim_member"])
    with pytest.raises(PermissionDenied):
        services.registration_check_in(actor=world.users["shakarim_member"], registration=reg)
    assert services.registration_check_in(actor=world.users["shakarim_editor"], registration=reg) is True
    assert services.registration_check_in(actor=world.users["shakarim_editor"], registration=reg) is False
    # the badge's signed token leads back to this registration, and only for this event
    token = services.checkin_token(reg)
    assert services.checkin_registration(event, token) == reg
    with pytest.raises(ValidationError):
        services.checkin_registration(event, token[:-2] + "xx")
