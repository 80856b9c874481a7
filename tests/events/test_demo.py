import pytest

from kopir.directory.demo.loader import demo_load
from kopir.events import demo, selectors
from kopir.events.models import Event, Meeting, Registration
from kopir.events.scheduler import check_solution
from kopir.events.services import schedule_instance

pytestmark = pytest.mark.django_db


def test_demo_events_are_lively(refdata, settings, tmp_path, client):
    settings.DATA_DIR = tmp_path
    demo_load()
    result = demo.load()
    assert result["events"] == 7
    week = Event.objects.get(slug="shakarim-science-week-2024")
    assert week.sessions.count() >= 5
    assert {e.slug for e in week.parts.all()} == {"shakarim-expo-2024", "abai-hightech-meetup-2024"}
    expo = Event.objects.get(slug="shakarim-expo-2024")
    assert expo.stands.count() >= 5 and expo.stands.filter(capabilities__isnull=False).exists()
    # past events have checked-in participants (certificates), the master class has a waiting list
    assert Registration.objects.filter(event=week, checked_in_at__isnull=False).count() >= 3
    assert Registration.objects.filter(event__slug="ndt-welding-master-class-2026", status="waitlisted").exists()
    forum = Event.objects.get(slug="abai-agrofood-forum-2026")
    assert forum.brokerage_enabled and result["meetings"] >= 5
    stored = [{"request": m.request_id, "slot": m.slot_id, "table": m.table}
              for m in Meeting.objects.filter(request__event=forum)]
    problems = check_solution(schedule_instance(forum), {"meetings": stored, "objective": 0, "bound": None,
                                                         "status": "feasible"})
    assert [p for p in problems if "objective" not in p] == []
    assert Meeting.objects.filter(request__event=forum, locked=True).count() == 1
    liaison = Registration.objects.get(event=forum, user__username="shakarim-liaison")
    assert selectors.meetings_of(liaison)
    # a visitor sees the section
    for url in ["/en/events/", "/ru/events/shakarim-expo-2024/", "/kk/events/abai-agrofood-forum-2026/",
                "/api/events/abai-agrofood-forum-2026"]:
        assert client.get(url).status_code == 200, url
    # loading twice adds nothing
    assert demo.load()["events"] == 0
