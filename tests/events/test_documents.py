import io
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from kopir.events import services
from kopir.events.models import Registration

pytestmark = pytest.mark.django_db


def _events(ics: bytes):
    cal = Calendar.from_ical(ics)
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_agenda_ics_parses_back_with_the_session_times(world, event, login):
    reg = services.registration_create(actor=world.users["shakarim_member"], event=event, participant_type="university")
    client = login(world.users["shakarim_member"])
    response = client.get("/en/events/safety-days/me/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    items = _events(response.content)
    sessions = list(event.sessions.order_by("starts_at"))
    # no session chosen: the whole programme, titled in the participant's language (Kazakh) where given
    assert [(str(i["summary"]), i.decoded("dtstart"), i.decoded("dtend")) for i in items] == [
        ("Ашылу", sessions[0].starts_at, sessions[0].ends_at), ("Lab visit", sessions[1].starts_at, sessions[1].ends_at)]
    assert items[0].decoded("dtstart").astimezone(timezone.get_current_timezone()).hour == 9
    assert str(items[0]["location"]) == "Great hall"
    # with a personal agenda: only the chosen session
    services.agenda_set(actor=world.users["shakarim_member"], registration=reg, session=sessions[1], chosen=True)
    items = _events(client.get("/en/events/safety-days/me/agenda.ics").content)
    assert [i.decoded("dtstart") for i in items] == [sessions[1].starts_at]
    assert items[0].decoded("dtstart").utcoffset() is not None


def test_certificate_only_for_checked_in_participants_after_the_event(world, make_event, login):
    past = make_event(slug="past-week", start_date=timezone.localdate() - timedelta(days=3),
                      end_date=timezone.localdate() - timedelta(days=1), title_kk="Өткен апта")
    member, rep = world.users["shakarim_member"], world.users["enterprise_rep"]
    # registered while it was open (the service refuses past events, so create the rows as the past did)
    came = Registration.objects.create(event=past, user=member, participant_type="university")
    absent = Registration.objects.create(event=past, user=rep, participant_type="enterprise")
    services.registration_check_in(actor=world.users["shakarim_editor"], registration=came)

    response = login(member).get("/en/events/past-week/me/certificate.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert login(rep).get("/en/events/past-week/me/certificate.pdf").status_code == 403
    assert login(world.users["kaznu_editor"]).get("/en/events/past-week/me/certificate.pdf").status_code == 403
    assert absent.checked_in_at is None


def test_certificate_text_is_in_the_participants_language(world, make_event):
    from kopir.events.documents import certificate_html, certificate_pdf

    past = make_event(slug="past-week", start_date=timezone.localdate() - timedelta(days=3),
                      end_date=timezone.localdate() - timedelta(days=1))
    reg = Registration.objects.create(event=past, user=world.users["enterprise_rep"], participant_type="enterprise",
                                      checked_in_at=timezone.now())
    assert certificate_pdf(reg).startswith(b"%PDF")
    html = certificate_html(reg)
    assert '<html lang="ru">' in html
    assert "Дни безопасности мяса и молока" in html and "Meat and milk" not in html
    assert "@import" not in html and "url(" not in html  # system fonts only, nothing fetched


def test_no_certificate_before_the_last_day(world, event, login):
    reg = services.registration_create(actor=world.users["shakarim_member"], event=event, participant_type="university")
    services.registration_check_in(actor=world.users["shakarim_editor"], registration=reg)
    assert login(world.users["shakarim_member"]).get("/en/events/safety-days/me/certificate.pdf").status_code == 403


def test_participant_exports_open_in_spreadsheets(world, event, login):
    u = world.users
    services.registration_create(actor=u["shakarim_member"], event=event, participant_type="university",
                                 organisation=world.orgs["shakarim"])
    services.registration_create(actor=u["enterprise_rep"], event=event, participant_type="enterprise")
    services.registration_create(actor=u["kaznu_editor"], event=event, participant_type="university")
    client = login(u["shakarim_editor"])
    xlsx = client.get("/en/events/safety-days/participants.xlsx")
    assert xlsx.status_code == 200
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Meat and milk safety days"
    assert rows[1][:2] == ("Name", "Username")
    by_user = {r[1]: r for r in rows[2:]}
    assert set(by_user) == {"shakarim_member", "enterprise_rep", "kaznu_editor"}
    assert by_user["shakarim_member"][3] == "Shakarim University"
    assert by_user["kaznu_editor"][5] == "on the waiting list"
    csv = client.get("/en/events/safety-days/participants.csv")
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Name,Username,E-mail")
    assert len(text.strip().splitlines()) == 4
    assert client.get("/en/events/safety-days/participants.pdf").status_code == 404


def test_badge_shows_a_qr_code_of_a_signed_check_in_address(world, event, login):
    services.registration_create(actor=world.users["shakarim_member"], event=event, participant_type="university")
    page = login(world.users["shakarim_member"]).get("/en/events/safety-days/me/badge/").content.decode()
    assert "<svg" in page and "Check-in code" in page
    reg = Registration.objects.get(user=world.users["shakarim_member"])
    token = services.checkin_token(reg)
    assert f"/en/events/safety-days/check-in/{token}/" in page
    # the organiser's staff open it and mark attendance
    staff = login(world.users["shakarim_editor"])
    assert staff.get(f"/en/events/safety-days/check-in/{token}/").status_code == 200
    staff.post(f"/en/events/safety-days/check-in/{token}/")
    reg.refresh_from_db()
    assert reg.checked_in_at is not None
    assert staff.get("/en/events/safety-days/check-in/forged-token/").status_code == 400
