"""Every events page and endpoint against the personas allowed and denied."""

from datetime import time

import pytest

from kopir.accounts.services import api_token_create
from kopir.events import services
from kopir.events.models import Event, Meeting, MeetingRequest, Registration

pytestmark = pytest.mark.django_db

EVERYONE = ["anonymous", "platform_admin", "shakarim_admin", "shakarim_editor", "shakarim_member", "kaznu_editor",
            "enterprise_rep"]
ORGANISERS = {"platform_admin", "shakarim_admin", "shakarim_editor"}
PARTICIPANTS = {"shakarim_member", "enterprise_rep"}  # registered in the fixture below


@pytest.fixture
def setup(world, event):
    """``event`` (safety-days) with two registered participants, an agreed meeting, a slot grid, a plan and a stand."""
    u = world.users
    event.capacity = None
    event.save()
    regs = {n: services.registration_create(actor=u[n], event=event, participant_type="university")
            for n in PARTICIPANTS}
    services.profile_update(actor=u["shakarim_member"], registration=regs["shakarim_member"], offer="Vet lab tests",
                            seek="Meat plants")
    services.profile_update(actor=u["enterprise_rep"], registration=regs["enterprise_rep"], offer="Meat plant",
                            seek="Lab tests")
    req = services.meeting_request_create(actor=u["shakarim_member"], event=event, recipient=regs["enterprise_rep"])
    services.meeting_request_answer(actor=u["enterprise_rep"], request=req, accept=True)
    services.slots_generate(actor=u["shakarim_editor"], event=event, day=event.start_date, start=time(10),
                            end=time(11), minutes=20)
    services.schedule_compute(actor=u["shakarim_editor"], event=event, time_limit=5)
    stand = services.stand_create(actor=u["shakarim_editor"], event=event, organisation=world.orgs["shakarim"],
                                  data={"number": "A1"})
    return {"event": event, "regs": regs, "req": req, "stand": stand,
            "session": event.sessions.first(), "meeting": Meeting.objects.get(request=req),
            "token": services.checkin_token(regs["shakarim_member"])}


def _expected(persona, allowed):
    if persona in allowed:
        return 200
    return 302 if persona == "anonymous" else 403


@pytest.mark.parametrize("persona", EVERYONE)
def test_matrix(world, setup, login, persona):
    client = login(world.users.get(persona))
    e = "/en/events/safety-days"
    s = setup
    table = [(u, 200) for u in ["/en/events/", "/en/events/?q=safety&when=upcoming&kind=conference", f"{e}/",
                                "/kk/events/?q=мяса"]]
    table += [(u, 302 if persona == "anonymous" else 200) for u in ["/en/events/safety-days/register/"]]
    table += [(u, _expected(persona, ORGANISERS)) for u in [
        f"{e}/edit/", f"{e}/sessions/new/", f"{e}/sessions/{s['session'].pk}/edit/", f"{e}/participants/",
        f"{e}/participants.csv", f"{e}/participants.xlsx", f"{e}/check-in/{s['token']}/", f"{e}/stands/new/",
        f"{e}/stands/{s['stand'].pk}/edit/", f"{e}/brokerage/setup/",
        f"{e}/brokerage/setup/participants/{s['regs']['enterprise_rep'].pk}/", f"{e}/brokerage/tables/",
        f"{e}/brokerage/tables.pdf"]]
    table += [(u, _expected(persona, PARTICIPANTS)) for u in [
        f"{e}/me/", f"{e}/me/badge/", f"{e}/me/agenda.ics", f"{e}/brokerage/profile/"]]
    table += [(f"{e}/brokerage/", _expected(persona, PARTICIPANTS | ORGANISERS))]
    # a certificate needs a check-in and the last day: nobody here has both
    table += [(f"{e}/me/certificate.pdf", 302 if persona == "anonymous" else 403)]
    creators = ORGANISERS | {"kaznu_editor", "enterprise_rep"}  # editors of any organisation
    table += [("/en/events/new/", _expected(persona, creators))]
    got = [(url, client.get(url).status_code) for url, _ in table]
    assert got == table


POSTS = ["sessions/{session}/delete/", "stands/{stand}/delete/", "brokerage/meetings/{meeting}/lock/",
         "brokerage/schedule/", "check-in/{token}/"]


@pytest.mark.parametrize("persona", ["anonymous", "shakarim_member", "kaznu_editor", "enterprise_rep"])
def test_organiser_posts_are_refused_to_others_and_change_nothing(world, setup, login, persona):
    client = login(world.users.get(persona))
    s = setup
    ids = {"session": s["session"].pk, "stand": s["stand"].pk, "meeting": s["meeting"].pk, "token": s["token"]}
    for path in POSTS:
        response = client.post("/en/events/safety-days/" + path.format(**ids), {"locked": "1"})
        assert response.status_code in (302, 403), path
        if persona != "anonymous":
            assert response.status_code == 403, path
    assert s["event"].sessions.filter(pk=s["session"].pk).exists()
    assert s["event"].stands.filter(pk=s["stand"].pk).exists()
    assert not Meeting.objects.get(pk=s["meeting"].pk).locked
    assert Registration.objects.get(pk=s["regs"]["shakarim_member"].pk).checked_in_at is None
    response = client.post("/en/events/safety-days/edit/", {"title_en": "Hijacked", "kind": "seminar"})
    assert response.status_code in (302, 403)
    assert Event.objects.get(slug="safety-days").title_en == "Meat and milk safety days"


def test_only_the_asked_participant_answers(world, setup, login):
    s = setup
    u = world.users
    services.registration_create(actor=u["kaznu_editor"], event=s["event"], participant_type="university")
    req = services.meeting_request_create(actor=u["kaznu_editor"], event=s["event"],
                                          recipient=s["regs"]["enterprise_rep"])
    for persona in ("shakarim_member", "kaznu_editor", "shakarim_editor"):
        response = login(u[persona]).post(f"/en/events/safety-days/brokerage/requests/{req.pk}/accept/")
        assert response.status_code == 403
    req.refresh_from_db()
    assert req.status == "pending"
    login(u["enterprise_rep"]).post(f"/en/events/safety-days/brokerage/requests/{req.pk}/decline/")
    req.refresh_from_db()
    assert req.status == "declined"


def test_bad_input_through_pages_gets_a_clear_message_and_keeps_what_was_saved(world, setup, login):
    s = setup
    u = world.users
    member = login(u["shakarim_member"])
    # registering twice
    page = member.post("/en/events/safety-days/register/", {"participant_type": "student"}, follow=True)
    assert "You are already registered for this event." in page.content.decode()
    assert Registration.objects.get(pk=s["regs"]["shakarim_member"].pk).participant_type == "university"
    # a meeting with oneself
    page = member.post(f"/en/events/safety-days/brokerage/ask/{s['regs']['shakarim_member'].pk}/", follow=True)
    assert "You cannot request a meeting with yourself." in page.content.decode()
    assert MeetingRequest.objects.count() == 1
    organiser = login(u["shakarim_editor"])
    slots_before = list(s["event"].slots.values_list("pk", flat=True))
    page = organiser.post("/en/events/safety-days/brokerage/setup/", {
        "day": s["event"].start_date.isoformat(), "start": "12:00", "end": "09:00", "minutes": 20, "breaks": "",
        "tables": 2, "max_meetings": 4})
    assert page.status_code == 200
    assert "The meeting day must end after it starts." in page.content.decode()
    assert list(s["event"].slots.values_list("pk", flat=True)) == slots_before
    # negative capacity
    data = {"title_en": "Meat and milk safety days", "kind": "conference", "start_date": s["event"].start_date,
            "end_date": s["event"].end_date, "capacity": -5, "participant_types": ["university"]}
    page = organiser.post("/en/events/safety-days/edit/", data)
    assert page.status_code == 200
    assert "The number of places cannot be negative." in page.content.decode()
    assert Event.objects.get(slug="safety-days").capacity is None


def test_organiser_creates_an_event_with_sessions_through_the_pages(world, login):
    client = login(world.users["shakarim_editor"])
    response = client.post("/en/events/new/", {
        "title_en": "Food safety seminar", "title_kk": "Азық-түлік қауіпсіздігі семинары", "kind": "seminar",
        "organiser": world.orgs["shakarim"].pk, "start_date": "2030-05-06", "end_date": "2030-05-06",
        "is_published": "on", "registration_open": "on", "capacity": "30",
        "participant_types": ["university", "enterprise"]})
    assert response.status_code == 302
    event = Event.objects.get(title_en="Food safety seminar")
    assert event.slug == "food-safety-seminar" and event.capacity == 30
    response = client.post(f"/en/events/{event.slug}/sessions/new/", {
        "title_en": "Opening", "starts_at": "2030-05-06T10:00", "ends_at": "2030-05-06T09:00"})
    assert "A session must end after it starts." in response.content.decode()
    client.post(f"/en/events/{event.slug}/sessions/new/", {
        "title_en": "Opening", "starts_at": "2030-05-06T10:00", "ends_at": "2030-05-06T11:00"})
    assert event.sessions.count() == 1
    # an editor of another organisation may not organise on Shakarim's behalf
    other = login(world.users["kaznu_editor"]).post("/en/events/new/", {
        "title_en": "Fake", "kind": "seminar", "organiser": world.orgs["shakarim"].pk, "start_date": "2030-05-06",
        "end_date": "2030-05-06"})
    assert other.status_code == 200 and not Event.objects.filter(title_en="Fake").exists()


def test_participant_and_organiser_pages_show_the_plan(world, setup, login):
    s = setup
    m = s["meeting"]
    mine = login(world.users["enterprise_rep"]).get("/en/events/safety-days/brokerage/").content.decode()
    assert "Meat plants" in mine  # the other participant's profile
    agenda = login(world.users["enterprise_rep"]).get("/en/events/safety-days/me/").content.decode()
    assert f'<td class="table-no">{m.table}</td>' in agenda
    plan = login(world.users["shakarim_editor"]).get("/en/events/safety-days/brokerage/tables/").content.decode()
    assert "table-plan" in plan and "shakarim_member" in plan
    pdf = login(world.users["shakarim_editor"]).get("/en/events/safety-days/brokerage/tables.pdf")
    assert pdf.content.startswith(b"%PDF")


def test_unpublished_events_are_hidden_from_others(world, make_event, login):
    make_event(slug="draft", is_published=False)
    assert login(None).get("/en/events/draft/").status_code == 404
    assert login(world.users["kaznu_editor"]).get("/en/events/draft/").status_code == 404
    assert login(world.users["shakarim_editor"]).get("/en/events/draft/").status_code == 200
    assert "draft" not in [e["slug"] for e in login(None).get("/api/events/").json()["items"]]


# ------------------------------------------------------------------------ API
def test_api_public_events_and_programme(world, setup, client, make_event):
    make_event(slug="draft", is_published=False)
    listing = client.get("/api/events/?when=upcoming")
    assert listing.status_code == 200
    slugs = [e["slug"] for e in listing.json()["items"]]
    assert slugs == ["safety-days"]
    detail = client.get("/api/events/safety-days").json()
    assert detail["title"]["ru"] == "Дни безопасности мяса и молока"
    assert [s["title"]["en"] for s in detail["sessions"]] == ["Opening", "Lab visit"]
    assert detail["stands"][0]["number"] == "A1"
    assert client.get("/api/events/draft").status_code == 404
    assert client.get("/api/events/", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_api_own_meetings_need_a_token(world, setup, client):
    assert client.get("/api/events/me/meetings").status_code == 401
    _t, key = api_token_create(user=world.users["enterprise_rep"], name="phone")
    got = client.get("/api/events/me/meetings", headers={"Authorization": f"Bearer {key}"}).json()
    assert len(got) == 1 and got[0]["event"] == "safety-days" and got[0]["table"] == setup["meeting"].table
    assert got[0]["with_name"] == world.users["shakarim_member"].display_name()
    _t, other = api_token_create(user=world.users["kaznu_editor"], name="x")
    assert client.get("/api/events/me/meetings", headers={"Authorization": f"Bearer {other}"}).json() == []
