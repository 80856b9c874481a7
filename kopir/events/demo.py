"""Demo content of the events section: the events of ``events.json`` with a
programme, expo stands, registrations by demo users (checked in at past
events), a waiting list, and an upcoming conference with brokerage requests
and a computed meeting plan. The programme texts are the project's own words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from kopir.accounts.models import User
from kopir.core.models import Region
from kopir.directory.demo.loader import read, tr
from kopir.directory.models import Capability, Organisation, Person, Unit
from kopir.events import services
from kopir.events.models import Event, Meeting, Registration

# Programme per event: (day index, start, end, title {kk, ru, en}, room {…}).
HALL = {"kk": "Мәжіліс залы", "ru": "Актовый зал", "en": "Assembly hall"}
ROOM_204 = {"kk": "204 аудитория", "ru": "Аудитория 204", "en": "Room 204"}
LABS = {"kk": "Зертханалық корпус", "ru": "Лабораторный корпус", "en": "Laboratory building"}
FOYER = {"kk": "Бас корпустың фойесі", "ru": "Фойе главного корпуса", "en": "Main building foyer"}

PROGRAMMES = {
    "shakarim-science-week-2024": [
        (0, "10:00", "11:30", {"kk": "Апталықтың ашылуы және ғылыми жетістіктер көрмесі",
                               "ru": "Открытие недели и выставка научных достижений",
                               "en": "Opening of the week and the research exhibition"}, FOYER),
        (0, "14:00", "16:00", {"kk": "Ғылыми мектептердің таныстырылымы", "ru": "Презентация научных школ",
                               "en": "Research schools introduce themselves"}, HALL),
        (1, "10:00", "12:00", {"kk": "Семинар: гранттық өтінімді қалай жазу керек",
                               "ru": "Семинар: как написать грантовую заявку",
                               "en": "Seminar: writing a grant application"}, ROOM_204),
        (2, "11:00", "13:00", {"kk": "Шеберлік сабағы: ПТР-диагностика", "ru": "Мастер-класс: ПЦР-диагностика",
                               "en": "Master class: PCR diagnostics"}, LABS),
        (3, "10:00", "17:00", {"kk": "Студенттердің ғылыми конференциясы", "ru": "Студенческая научная конференция",
                               "en": "Student research conference"}, HALL),
        (4, "10:00", "13:00", {"kk": "Кәсіпорындарға экскурсия", "ru": "Экскурсия на предприятия",
                               "en": "Excursion to local enterprises"}, {}),
    ],
    "shakarim-expo-2024": [
        (0, "10:00", "10:30", {"kk": "Көрменің салтанатты ашылуы", "ru": "Торжественное открытие выставки",
                               "en": "Opening ceremony"}, FOYER),
        (0, "10:30", "13:00", {"kk": "Стендтерді аралау", "ru": "Обход стендов", "en": "Tour of the stands"}, FOYER),
    ],
    "abai-hightech-meetup-2024": [
        (0, "15:00", "16:30", {"kk": "Панельдік пікірталас: ғылым өндіріске қалай жетеді",
                               "ru": "Панельная дискуссия: как наука доходит до производства",
                               "en": "Panel: how research reaches the shop floor"}, HALL),
        (0, "16:30", "17:30", {"kk": "Кәсіпорындармен еркін әңгіме", "ru": "Свободное общение с предприятиями",
                               "en": "Open talk with enterprises"}, HALL),
    ],
    "kaznu-creative-industry-meeting-2021": [
        (0, "11:00", "12:30", {"kk": "Жастармен ашық диалог", "ru": "Открытый диалог с молодёжью",
                               "en": "Open dialogue with young people"}, HALL),
        (0, "12:30", "13:30", {"kk": "Ғылыми-білім беру көрмесін аралау", "ru": "Осмотр научно-образовательной выставки",
                               "en": "Visit to the education and research exhibition"}, FOYER),
    ],
    "abai-agrofood-forum-2026": [
        (0, "10:00", "11:30", {"kk": "Пленарлық отырыс", "ru": "Пленарное заседание", "en": "Plenary session"}, HALL),
        (0, "12:00", "13:30", {"kk": "Секция: ет және сүт өңдеу", "ru": "Секция: переработка мяса и молока",
                               "en": "Section: meat and milk processing"}, ROOM_204),
        (0, "14:30", "16:00", {"kk": "Секция: ветеринария және астық сапасы",
                               "ru": "Секция: ветеринария и качество зерна",
                               "en": "Section: veterinary science and grain quality"}, ROOM_204),
        (1, "09:00", "10:00", {"kk": "Зертханаларға экскурсия", "ru": "Экскурсия по лабораториям",
                               "en": "Laboratory tour"}, LABS),
        (1, "10:00", "12:30", {"kk": "B2B кездесулер", "ru": "B2B-встречи", "en": "B2B meetings"}, FOYER),
    ],
    "farabi-creative-demo-day-2027": [
        (0, "14:00", "16:00", {"kk": "Стартаптардың питчтері", "en": "Start-up pitches"}, HALL),
        (0, "16:00", "17:00", {"kk": "Инвесторлармен кездесу", "en": "Meet the investors"}, FOYER),
    ],
    "ndt-welding-master-class-2026": [
        (0, "10:00", "13:00", {"ru": "Ультразвуковой контроль на образцах", "en": "Ultrasonic testing on samples"},
         LABS),
    ],
}

# The upcoming conference's brokerage: who offers and seeks what (any language).
PROFILES = {
    "shakarim-liaison": ("Ветеринариялық-санитариялық сараптама, ет пен сүттің зертханалық сынағы, ПТР-диагностика.",
                         "Мясоперерабатывающие и молочные предприятия для совместных испытаний продукции."),
    "meat-plant-rep": ("Мясокомбинат: сырьё, производственная площадка для пилотных испытаний.",
                       "Лабораторные испытания мяса, ветеринарная экспертиза, подготовка технологов."),
    "meat-plant-editor": ("Производство колбасных изделий, площадка для практики студентов.",
                          "Анализ данных о качестве продукции, испытания мяса."),
    "dala-data-rep": ("Data analytics and quality dashboards for food producers.",
                      "Meat and milk producers willing to pilot quality analytics."),
    "kaznu-liaison": ("Зияткерлік меншікті қорғау, патенттік кеңес, технологиялар трансфері.",
                      "Кәсіпорындардың инновациялық жобалары, ет өңдеу технологиялары."),
    "akimat-abai-official": ("Өңірлік қолдау бағдарламалары, агроөнеркәсіпке гранттар.",
                             "Ет және сүт өңдеудегі ғылыми жобалар, зертханалық сынақ."),
    "student": ("Internship candidate: food technology, lab analysis.", "Internships at meat and dairy plants."),
}
REQUESTS = [  # (from, to, answer)
    ("meat-plant-rep", "shakarim-liaison", "accept"),
    ("shakarim-liaison", "meat-plant-editor", "pending"),  # answered by asking back
    ("meat-plant-editor", "shakarim-liaison", "mutual"),
    ("dala-data-rep", "meat-plant-editor", "accept"),
    ("kaznu-liaison", "meat-plant-rep", "accept"),
    ("akimat-abai-official", "shakarim-liaison", "accept"),
    ("dala-data-rep", "meat-plant-rep", "accept"),
    ("akimat-abai-official", "meat-plant-rep", "accept"),
    ("student", "meat-plant-editor", "pending"),
    ("student", "dala-data-rep", "decline"),
]
REGISTRANTS = {
    "shakarim-science-week-2024": ["shakarim-liaison", "student", "meat-plant-rep", "akimat-abai-official"],
    "abai-hightech-meetup-2024": ["meat-plant-rep", "meat-plant-editor", "shakarim-liaison"],
    "kaznu-creative-industry-meeting-2021": ["student", "kaznu-editor", "kaznu-liaison"],
    "abai-agrofood-forum-2026": list(PROFILES),
    "ndt-welding-master-class-2026": ["student", "kaznu-liaison", "meat-plant-editor", "dala-data-rep"],
    "farabi-creative-demo-day-2027": ["kaznu-editor", "student"],
}
TYPE_OF_ORG = {"university": "university", "research_institute": "university", "government": "government",
               "enterprise": "enterprise"}


def _at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=timezone.get_current_timezone())


def _org_of(user: User):
    membership = user.memberships.select_related("organisation").first()
    return membership.organisation if membership else None


def _participant_type(user: User, org) -> str:
    if user.username == "student":
        return "student"
    return TYPE_OF_ORG.get(org.kind, "enterprise") if org else "university"


def _register(event: Event, user: User) -> Registration:
    org = _org_of(user)
    if event.is_past:
        # History: the registration window of a past event is closed, so its
        # participants are written as they were, checked in at the door.
        reg = Registration.objects.create(event=event, user=user, organisation=org,
                                          participant_type=_participant_type(user, org),
                                          queued_at=_at(event.start_date, "08:00") - timedelta(days=7),
                                          checked_in_at=_at(event.start_date, "09:30"))
        return reg
    return services.registration_create(actor=user, event=event, participant_type=_participant_type(user, org),
                                        organisation=org)


# The fictional upcoming events stay ahead of the day the demo is loaded, so a
# visitor always finds events open for registration and a brokerage to try.
UPCOMING_IN_DAYS = {"ndt-welding-master-class-2026": 10, "abai-agrofood-forum-2026": 30,
                    "farabi-creative-demo-day-2027": 115}


@transaction.atomic
def load(progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    rows = read("events")
    if not rows or Event.objects.exists():
        return {"events": 0}
    users = {u.username: u for u in User.objects.all()}
    events: dict[str, Event] = {}
    today = timezone.localdate()
    for row in rows:
        organiser = Organisation.objects.filter(slug=row["organiser"]).first()
        if organiser is None:
            continue
        start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
        if row["slug"] in UPCOMING_IN_DAYS:
            start, end = today + timedelta(days=UPCOMING_IN_DAYS[row["slug"]]), \
                today + timedelta(days=UPCOMING_IN_DAYS[row["slug"]] + (end - start).days)
        upcoming = end >= today
        data = {
            "slug": row["slug"], "kind": row["kind"], **tr("title", row.get("title")),
            **tr("description", row.get("description")),
            "region": Region.objects.filter(slug=row.get("region")).first(), "start_date": start, "end_date": end,
            "registration_open": upcoming, "is_fictional": start.year >= 2026,
            "capacity": {"ndt-welding-master-class-2026": 3, "abai-agrofood-forum-2026": 60}.get(row["slug"]),
            "brokerage_enabled": row["slug"] == "abai-agrofood-forum-2026",
            "meeting_tables": 4, "meeting_max_default": 4,
            "venue_ru": {"shakarim": "Университет имени Шакарима, Семей", "kaznu": "КазНУ имени аль-Фараби, Алматы",
                         "farabi-incubator": "Farabi Creative Hub, Алматы"}.get(row["organiser"], ""),
        }
        event = services.event_create(
            actor=None, organiser=organiser, data=data,
            organisations=list(Organisation.objects.filter(slug__in=row.get("participants", []))),
            people=list(Person.objects.filter(slug__in=row.get("people", []))))
        events[row["slug"]] = event
        for day, start_at, end_at, title, room in PROGRAMMES.get(row["slug"], []):
            d = start + timedelta(days=day)
            services.session_create(actor=None, event=event, data={
                **tr("title", title), **tr("room", room), "starts_at": _at(d, start_at), "ends_at": _at(d, end_at)})
    week = events.get("shakarim-science-week-2024")
    for part in ("shakarim-expo-2024", "abai-hightech-meetup-2024"):
        if week and part in events:
            Event.objects.filter(pk=events[part].pk).update(part_of=week)
    _stands(events.get("shakarim-expo-2024"))
    registrations = 0
    for slug, names in REGISTRANTS.items():
        if slug not in events:
            continue
        for name in names:
            if name in users:
                _register(events[slug], users[name])
                registrations += 1
    meetings = _brokerage(events.get("abai-agrofood-forum-2026"), users)
    progress(f"events: {len(events)} events, {registrations} registrations, {meetings} brokerage meetings")
    return {"events": len(events), "registrations": registrations, "meetings": meetings}


def _stands(expo: Event | None) -> None:
    if expo is None:
        return
    exhibitors = [expo.organiser, *expo.organisations.order_by("slug")]
    for i, org in enumerate(exhibitors, start=1):
        caps = list(Capability.objects.filter(organisation=org).order_by("slug")[:3])
        services.stand_create(actor=None, event=expo, organisation=org, data={"number": f"A{i}"}, capabilities=caps)


def _brokerage(event: Event | None, users: dict[str, User]) -> int:
    if event is None:
        return 0
    regs = {r.user.username: r for r in event.registrations.select_related("user")}
    for name, (offer, seek) in PROFILES.items():
        reg = regs.get(name)
        if reg is None:
            continue
        org = reg.organisation
        units = list(Unit.objects.filter(organisation=org).order_by("slug")[:1]) if org else []
        caps = list(Capability.objects.filter(organisation=org).order_by("slug")[:2]) if org else []
        services.profile_update(actor=reg.user, registration=reg, offer=offer, seek=seek, units=units,
                                capabilities=caps)
    for a, b, answer in REQUESTS:
        if a not in regs or b not in regs:
            continue
        req = services.meeting_request_create(actor=regs[a].user, event=event, recipient=regs[b])
        if answer in ("accept", "decline") and req.status == "pending":
            services.meeting_request_answer(actor=regs[b].user, request=req, accept=answer == "accept")
    organiser = users.get("shakarim-editor") or users.get("admin")
    if organiser is None:
        return 0
    services.slots_generate(actor=organiser, event=event, day=event.end_date, start=time(10), end=time(12, 30),
                            minutes=20, breaks_text="11:20-11:30", tables=4, max_meetings=4)
    services.schedule_compute(actor=organiser, event=event, time_limit=3, notify=False)
    first = Meeting.objects.filter(request__event=event).order_by("slot__starts_at", "table").first()
    if first is not None:
        services.meeting_lock(actor=organiser, meeting=first, locked=True)
    return Meeting.objects.filter(request__event=event).count()
