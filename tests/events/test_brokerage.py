from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kopir.events import selectors, services
from kopir.events.models import Meeting, MeetingRequest, MeetingSlot
from kopir.events.scheduler import check_solution

pytestmark = pytest.mark.django_db

PEOPLE = ["shakarim_member", "kaznu_editor", "enterprise_rep", "shakarim_admin"]


@pytest.fixture
def fair(make_event, world):
    """An upcoming event with brokerage, four registered participants and a slot grid of 3 slots, 1 table."""
    ev = make_event(slug="b2b", brokerage_enabled=True, meeting_tables=1)
    regs = {}
    for name in PEOPLE:
        kind = "enterprise" if name == "enterprise_rep" else "university"
        regs[name] = services.registration_create(actor=world.users[name], event=ev, participant_type=kind)
    services.slots_generate(actor=world.users["shakarim_editor"], event=ev, day=ev.start_date, start=time(10),
                            end=time(11, 15), minutes=20, breaks_text="10:40-10:55")
    return ev, regs


def _agree(world, ev, regs, a, b):
    req = services.meeting_request_create(actor=world.users[a], event=ev, recipient=regs[b])
    return services.meeting_request_answer(actor=world.users[b], request=req, accept=True)


# -------------------------------------------------------------------- stands
def test_stand_shows_only_the_exhibitors_own_capabilities(world, make_event):
    expo = make_event(slug="expo", kind="expo")
    editor = world.users["shakarim_editor"]
    stand = services.stand_create(actor=editor, event=expo, organisation=world.orgs["shakarim"],
                                  data={"number": "A1", "description_en": "Meat safety lab"},
                                  capabilities=[world.caps["course"]])
    assert list(stand.capabilities.all()) == [world.caps["course"]]
    with pytest.raises(ValidationError, match="not a capability of"):
        services.stand_create(actor=editor, event=expo, organisation=world.orgs["kaznu"], data={"number": "A2"},
                              capabilities=[world.caps["course"]])
    with pytest.raises(ValidationError, match="already taken"):
        services.stand_create(actor=editor, event=expo, organisation=world.orgs["kaznu"], data={"number": "A1"})
    with pytest.raises(ValidationError, match="not a capability of"):
        services.stand_update(actor=editor, stand=stand, data={}, capabilities=[world.caps["kaznu-clinic"]])
    assert list(stand.capabilities.all()) == [world.caps["course"]]
    for persona in ("kaznu_editor", "shakarim_member", "enterprise_rep"):
        with pytest.raises(PermissionDenied):
            services.stand_update(actor=world.users[persona], stand=stand, data={"number": "Z9"})
    services.stand_delete(actor=editor, stand=stand)
    assert not expo.stands.exists()


# ------------------------------------------------------------------- profiles
def test_profile_links_only_the_participants_own_entries(world, fair):
    ev, regs = fair
    member = world.users["shakarim_member"]
    services.profile_update(actor=member, registration=regs["shakarim_member"], offer="Мясо сараптамасы, ветеринария",
                            seek="Partners in meat processing", units=[world.units["vet"]],
                            capabilities=[world.caps["course"]])
    with pytest.raises(ValidationError, match="not an entry of your organisation"):
        services.profile_update(actor=member, registration=regs["shakarim_member"], offer="x", seek="y",
                                capabilities=[world.caps["kaznu-clinic"]])
    reg = regs["shakarim_member"]
    reg.refresh_from_db()
    assert reg.offer.startswith("Мясо")  # the refused change lost nothing
    with pytest.raises(PermissionDenied):
        services.profile_update(actor=world.users["kaznu_editor"], registration=reg, offer="hijack", seek="")


def _profiles(world, regs, **profiles):
    """Publish ``name=(offer, seek)`` for each named participant."""
    for name, (offer, seek) in profiles.items():
        services.profile_update(actor=world.users[name], registration=regs[name], offer=offer, seek=seek)


def test_suggestions_pair_an_offer_with_a_matching_need(world, fair):
    ev, regs = fair
    _profiles(world, regs,
              shakarim_member=("Ветеринарная экспертиза мяса и молока", ""),
              enterprise_rep=("Мясокомбинат", "Нужна ветеринарная экспертиза мясной продукции"),
              kaznu_editor=("Legal clinic on intellectual property", "Start-ups"))
    got = selectors.suggestions(ev, regs["enterprise_rep"])
    assert [r.pk for r, _score, _words in got] == [regs["shakarim_member"].pk]


def test_suggestions_cross_languages(world, fair):
    """A Kazakh-written offer is suggested to a participant who seeks it in Russian."""
    ev, regs = fair
    _profiles(world, regs,
              shakarim_member=("Ет өнімдерінің қауіпсіздігін зерттейміз, ветеринарлық мамандарды қайта даярлаймыз", ""),
              kaznu_editor=("Legal clinic on intellectual property and trademarks", ""),
              enterprise_rep=("", "Ищем лабораторию для испытаний мяса и курсы для ветеринаров"))
    got = selectors.suggestions(ev, regs["enterprise_rep"])
    assert [r.pk for r, _score, _words in got][:1] == [regs["shakarim_member"].pk]
    assert regs["kaznu_editor"].pk not in [r.pk for r, _score, _words in got]


def test_no_suggestion_when_every_offer_is_unrelated(world, fair):
    """The best of unrelated offers is not suggested: the engine's relative score would give
    it 1.0; against background texts of its language it does not stand out."""
    ev, regs = fair
    _profiles(world, regs,
              shakarim_member=("Жазғы астрономия мектебі, мектеп оқушыларына арналған телескоп сабақтары", ""),
              kaznu_editor=("Legal clinic on intellectual property and trademarks", ""),
              enterprise_rep=("", "Ищем лабораторию для испытаний мяса и курсы для ветеринаров"))
    assert selectors.suggestions(ev, regs["enterprise_rep"]) == []
    # a related offer among them is still found
    _profiles(world, regs, shakarim_admin=("Ет өнімдерін зертханада сынау, ветеринарлық курстар", ""))
    got = selectors.suggestions(ev, regs["enterprise_rep"])
    assert [r.pk for r, _score, _words in got] == [regs["shakarim_admin"].pk]


# ------------------------------------------------------------------- requests
def test_meeting_with_oneself_is_refused_with_a_translated_message(world, fair):
    ev, regs = fair
    with translation.override("en"), pytest.raises(ValidationError, match="with yourself"):
        services.meeting_request_create(actor=world.users["kaznu_editor"], event=ev, recipient=regs["kaznu_editor"])
    assert not MeetingRequest.objects.exists()


def test_requests_accept_decline_and_mutual_interest(world, fair):
    ev, regs = fair
    u = world.users
    req = services.meeting_request_create(actor=u["shakarim_member"], event=ev, recipient=regs["enterprise_rep"])
    with pytest.raises(ValidationError, match="already asked"):
        services.meeting_request_create(actor=u["shakarim_member"], event=ev, recipient=regs["enterprise_rep"])
    with pytest.raises(PermissionDenied):
        services.meeting_request_answer(actor=u["shakarim_member"], request=req, accept=True)
    # the other side asking back agrees to the meeting, and marks the interest as mutual
    back = services.meeting_request_create(actor=u["enterprise_rep"], event=ev, recipient=regs["shakarim_member"])
    assert back.pk == req.pk and back.status == "accepted" and back.mutual
    req.refresh_from_db()
    with pytest.raises(ValidationError, match="already been answered"):
        services.meeting_request_answer(actor=u["enterprise_rep"], request=req, accept=False)
    other = services.meeting_request_create(actor=u["kaznu_editor"], event=ev, recipient=regs["enterprise_rep"])
    services.meeting_request_answer(actor=u["enterprise_rep"], request=other, accept=False)
    other.refresh_from_db()
    assert other.status == "declined"
    # someone not registered cannot ask
    with pytest.raises(PermissionDenied):
        services.meeting_request_create(actor=u["shakarim_editor"], event=ev, recipient=regs["kaznu_editor"])


# ---------------------------------------------------------------------- slots
def test_slot_grid_skips_breaks_and_bad_grids_lose_nothing(world, fair):
    ev, _regs = fair
    slots = list(ev.slots.order_by("starts_at"))
    from django.utils import timezone

    times = [(timezone.localtime(s.starts_at).strftime("%H:%M"), timezone.localtime(s.ends_at).strftime("%H:%M"))
             for s in slots]
    assert times == [("10:00", "10:20"), ("10:20", "10:40"), ("10:55", "11:15")]
    editor = world.users["shakarim_editor"]
    with translation.override("en"), pytest.raises(ValidationError, match="must end after it starts"):
        services.slots_generate(actor=editor, event=ev, day=ev.start_date, start=time(12), end=time(9), minutes=20)
    with pytest.raises(ValidationError, match="is not a break"):
        services.slots_generate(actor=editor, event=ev, day=ev.start_date, start=time(9), end=time(12), minutes=20,
                                breaks_text="lunch")
    with pytest.raises(ValidationError, match="at least one meeting table"):
        services.slots_generate(actor=editor, event=ev, day=ev.start_date, start=time(9), end=time(12), minutes=20,
                                tables=0)
    assert list(ev.slots.order_by("starts_at")) == slots
    with pytest.raises(PermissionDenied):
        services.slots_generate(actor=world.users["kaznu_editor"], event=ev, day=ev.start_date, start=time(9),
                                end=time(12), minutes=20)


# ----------------------------------------------------------------- scheduling
def _stored(ev):
    return [{"request": m.request_id, "slot": m.slot_id, "table": m.table}
            for m in Meeting.objects.filter(request__event=ev).order_by("slot__starts_at", "table")]


def test_schedule_is_stored_valid_and_sent_to_everyone(world, fair, smtp_server, django_capture_on_commit_callbacks):
    ev, regs = fair
    for a, b in [("shakarim_member", "enterprise_rep"), ("kaznu_editor", "enterprise_rep"),
                 ("shakarim_admin", "enterprise_rep"), ("shakarim_member", "kaznu_editor")]:
        _agree(world, ev, regs, a, b)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.schedule_compute(actor=world.users["shakarim_editor"], event=ev, time_limit=5)
    instance = services.schedule_instance(ev)
    stored = _stored(ev)
    assert len(stored) == len(result["meetings"]) == 3  # one table, three slots: every place is used
    assert check_solution(instance, {**result, "meetings": stored}) == []
    # the rules, read straight from the database
    seen = set()
    for m in Meeting.objects.filter(request__event=ev).select_related("request"):
        assert 1 <= m.table <= ev.meeting_tables
        for side in (m.request.requester_id, m.request.recipient_id):
            assert (side, m.slot_id) not in seen
            seen.add((side, m.slot_id))
    # the enterprise meets people in different slots; every participant was sent their plan, in their language
    rep = selectors.meetings_of(regs["enterprise_rep"])
    assert len({m.slot_id for m in rep}) == len(rep) >= 2
    assert sorted(msg["To"] for msg in smtp_server.messages) == sorted(f"{n}@example.kz" for n in PEOPLE)
    mail = next(msg for msg in smtp_server.messages if msg["To"] == "enterprise_rep@example.kz")
    body = mail.get_body(("plain",)).get_content()
    assert "Дни безопасности мяса и молока" in body
    assert [p.get_filename() for p in mail.iter_attachments()] == ["meetings.ics"]


def test_rescheduling_keeps_locked_meetings(world, fair):
    ev, regs = fair
    editor = world.users["shakarim_editor"]
    r1 = _agree(world, ev, regs, "shakarim_member", "enterprise_rep")
    _agree(world, ev, regs, "kaznu_editor", "enterprise_rep")
    services.schedule_compute(actor=editor, event=ev, time_limit=5)
    pinned = Meeting.objects.get(request=r1)
    last = ev.slots.order_by("-starts_at").first()
    # move it by hand to the last slot and lock it there: the next plan must keep it
    Meeting.objects.filter(request__event=ev, slot=last).exclude(pk=pinned.pk).delete()
    Meeting.objects.filter(pk=pinned.pk).update(slot=last)
    pinned.refresh_from_db()
    services.meeting_lock(actor=editor, meeting=pinned, locked=True)
    _agree(world, ev, regs, "shakarim_admin", "enterprise_rep")
    services.schedule_compute(actor=editor, event=ev, time_limit=5)
    kept = Meeting.objects.get(request=r1)
    assert kept.slot_id == last.pk and kept.locked
    problems = check_solution(services.schedule_instance(ev), {"meetings": _stored(ev), "objective": 0,
                                                               "bound": None, "status": "feasible"})
    assert [p for p in problems if "objective" not in p] == []  # every rule holds, locked included
    with pytest.raises(ValidationError, match="locked"):
        services.slots_generate(actor=editor, event=ev, day=ev.start_date, start=time(9), end=time(12), minutes=30)
    assert MeetingSlot.objects.filter(pk=last.pk).exists()


def test_scheduler_input_errors_reach_the_organiser_as_a_message(world, fair):
    ev, regs = fair
    editor = world.users["shakarim_editor"]
    r1 = _agree(world, ev, regs, "shakarim_member", "enterprise_rep")
    services.schedule_compute(actor=editor, event=ev, time_limit=5)
    meeting = Meeting.objects.get(request=r1)
    services.meeting_lock(actor=editor, meeting=meeting, locked=True)
    # the participant becomes unavailable in the locked slot: the scheduler refuses the instance
    others = [s for s in ev.slots.all() if s.pk != meeting.slot_id]
    services.participant_brokerage_update(actor=editor, registration=regs["enterprise_rep"], max_meetings=None,
                                          available_slots=others)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.schedule_compute(actor=editor, event=ev, time_limit=5)
    assert "cannot be computed" in exc.value.messages[0] and "not available" in exc.value.messages[0]
    assert Meeting.objects.get(request=r1).slot_id == meeting.slot_id  # nothing lost


def test_schedule_needs_slots_and_agreed_requests_and_an_organiser(world, make_event, fair):
    ev, regs = fair
    with pytest.raises(ValidationError, match="no accepted meeting requests"):
        services.schedule_compute(actor=world.users["shakarim_editor"], event=ev)
    empty = make_event(slug="no-slots", brokerage_enabled=True)
    with pytest.raises(ValidationError, match="meeting slots first"):
        services.schedule_compute(actor=world.users["shakarim_editor"], event=empty)
    for persona in ("kaznu_editor", "shakarim_member", "enterprise_rep"):
        with pytest.raises(PermissionDenied):
            services.schedule_compute(actor=world.users[persona], event=ev)


def test_meeting_and_request_lists_load_the_names_they_show_up_front(world, fair):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ev, regs = fair
    _agree(world, ev, regs, "shakarim_member", "enterprise_rep")
    _agree(world, ev, regs, "kaznu_editor", "enterprise_rep")
    services.schedule_compute(actor=world.users["shakarim_editor"], event=ev, time_limit=5, notify=False)
    me = regs["enterprise_rep"]
    meetings, requests, rows = selectors.meetings_of(me), selectors.requests_of(me), selectors.table_plan(ev)
    assert len(meetings) == 2
    with CaptureQueriesContext(connection) as queries:
        names = [m.counterpart.user.display_name() for m in meetings]
        names += [r.requester.user.display_name() for r in requests["received"]]
        names += [m.request.requester.user.display_name() + m.request.recipient.user.display_name()
                  for row in rows for m in row["tables"] if m]
    assert len(queries) == 0 and all(names)


@pytest.mark.parametrize("change", ["availability", "cap", "tables"])
def test_locked_meetings_that_cannot_be_kept_are_explained_in_the_organisers_language(world, fair, change):
    ev, regs = fair
    editor = world.users["shakarim_editor"]
    r1 = _agree(world, ev, regs, "shakarim_member", "enterprise_rep")
    r2 = _agree(world, ev, regs, "kaznu_editor", "shakarim_admin" if change == "tables" else "enterprise_rep")
    ev.meeting_tables = 2
    ev.save()
    services.schedule_compute(actor=editor, event=ev, time_limit=5, notify=False)
    m1, m2 = Meeting.objects.get(request=r1), Meeting.objects.get(request=r2)
    services.meeting_lock(actor=editor, meeting=m1, locked=True)
    services.meeting_lock(actor=editor, meeting=m2, locked=True)
    rep = regs["enterprise_rep"]
    if change == "availability":
        services.participant_brokerage_update(actor=editor, registration=rep, max_meetings=None,
                                              available_slots=[s for s in ev.slots.all() if s.pk != m1.slot_id])
        expected = ["недоступные слоты", rep.user.display_name(), str(m1.slot)]
    elif change == "cap":
        services.participant_brokerage_update(actor=editor, registration=rep, max_meetings=1,
                                              available_slots=list(ev.slots.all()))
        expected = ["максимум встреч: 1", rep.user.display_name()]
    else:  # both locked meetings in one slot, then fewer tables
        Meeting.objects.filter(pk=m2.pk).update(slot=m1.slot, table=99)
        Meeting.objects.filter(pk=m1.pk).update(table=1)
        Meeting.objects.filter(pk=m2.pk).update(table=2)
        ev.meeting_tables = 1
        ev.save()
        expected = ["столы для встреч: 1", str(m1.slot)]
    with translation.override("ru"), pytest.raises(ValidationError) as exc:
        services.schedule_compute(actor=editor, event=ev, time_limit=5, notify=False)
    message = exc.value.messages[0]
    assert message.startswith("Не удалось рассчитать план встреч") and all(part in message for part in expected), message
    assert "participant" not in message and "slot" not in message  # not the engine's English
    assert set(Meeting.objects.filter(request__event=ev).values_list("pk", flat=True)) == {m1.pk, m2.pk}
