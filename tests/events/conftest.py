"""Events fixtures: an upcoming Shakarim event with a programme, and helpers."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from kopir.events import services


def at(day, hh, mm=0):
    return datetime.combine(day, time(hh, mm), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def make_event(world):
    """``make_event(**fields)``: an event organised by Shakarim University (by its editor)."""

    def _make(**fields):
        start = fields.pop("start_date", timezone.localdate() + timedelta(days=30))
        data = dict(
            slug=fields.pop("slug", f"ev-{start:%Y%m%d}-{len(fields)}"), kind="conference",
            title_en="Meat and milk safety days", title_ru="Дни безопасности мяса и молока",
            start_date=start, end_date=fields.pop("end_date", start + timedelta(days=1)),
            registration_open=True,
        )
        data.update(fields)
        return services.event_create(actor=world.users["shakarim_editor"], organiser=world.orgs["shakarim"],
                                     data=data)

    return _make


@pytest.fixture
def event(make_event, world):
    ev = make_event(slug="safety-days", capacity=2, brokerage_enabled=True, meeting_tables=2)
    editor = world.users["shakarim_editor"]
    services.session_create(actor=editor, event=ev, data=dict(
        title_en="Opening", title_kk="Ашылу", room_en="Great hall",
        starts_at=at(ev.start_date, 9), ends_at=at(ev.start_date, 10)))
    services.session_create(actor=editor, event=ev, data=dict(
        title_en="Lab visit", starts_at=at(ev.end_date, 14), ends_at=at(ev.end_date, 15, 30)))
    return ev
