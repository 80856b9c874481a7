"""Shared fixtures: reference data, a small directory, and named personas.

Personas (as in the design): ``shakarim_admin`` and ``shakarim_editor`` of
Shakarim University, ``kaznu_editor`` of KazNU, ``enterprise_rep`` of a meat
plant, ``platform_admin``, and the anonymous visitor.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

import pytest


@pytest.fixture(scope="session", autouse=True)
def _static_files():
    """Pages are served as in production (WhiteNoise, hashed names), so collect once."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _english_by_default():
    """Code run outside a request speaks the site's default language (Kazakh); tests read
    messages in English unless they choose a language (a URL prefix or an override)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is Django's concern, not these tests'; MD5 keeps personas cheap.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test server speaks plain http on localhost; production keeps these on.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from kopir.core.refdata.loader import refdata_load

    with django_db_blocker.unblock():
        refdata_load()


@pytest.fixture
def refdata(db):
    """Regions and sectors; loaded once per session, again after a transactional test flushed them."""
    from kopir.core.models import Region
    from kopir.core.refdata.loader import refdata_load

    if not Region.objects.exists():
        refdata_load()


@dataclass
class World:
    orgs: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    caps: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)


PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def world(refdata, django_user_model):
    """A small directory across two universities and an enterprise, with one user per persona."""
    from kopir.accounts.models import Role
    from kopir.accounts.services import membership_set
    from kopir.core.models import Region, Sector
    from kopir.directory import services

    w = World()
    abai = Region.objects.get(slug="abai")
    almaty = Region.objects.get(slug="almaty-city")
    edu = Sector.objects.get(code="85")
    food = Sector.objects.get(code="10")
    w.orgs["shakarim"] = services.organisation_create(actor=None, data=dict(
        slug="shakarim", kind="university", name_kk="Шәкәрім университеті", name_ru="Университет Шакарима",
        name_en="Shakarim University", region=abai, sector=edu, bin="960240000609"))
    w.orgs["kaznu"] = services.organisation_create(actor=None, data=dict(
        slug="kaznu", kind="university", name_en="Al-Farabi Kazakh National University",
        name_ru="Казахский национальный университет имени аль-Фараби", region=almaty, sector=edu))
    w.orgs["meat"] = services.organisation_create(actor=None, data=dict(
        slug="abai-meat", kind="enterprise", name_ru="Абайский мясокомбинат", region=abai, sector=food))
    w.units["vet"] = services.unit_create(actor=None, organisation=w.orgs["shakarim"], data=dict(
        slug="vet-lab", kind="laboratory", name_kk="Ветеринариялық-санитариялық сараптама зертханасы",
        description_kk="Ет пен сүт өнімдерінің қауіпсіздігін зерттейміз, ветеринария мамандарын қайта даярлаймыз.",
        sector=food))
    w.units["law"] = services.unit_create(actor=None, organisation=w.orgs["kaznu"], data=dict(
        slug="law-faculty", kind="faculty", name_en="Faculty of Law", name_ru="Юридический факультет"))
    w.people["head"] = services.person_create(actor=None, owner=w.orgs["shakarim"], data=dict(
        slug="aigul", full_name_kk="Айгүл Серікқызы", full_name_en="Aigul Serikkyzy", expertise_en="veterinary sanitation"))
    services.position_add(actor=None, person=w.people["head"], organisation=w.orgs["shakarim"], unit=w.units["vet"],
                          data=dict(title_kk="Зертхана меңгерушісі", title_en="Head of laboratory", is_head=True))
    w.caps["course"] = services.capability_create(actor=None, unit=w.units["vet"], data=dict(
        slug="vet-retraining", kind="retraining_course", title_kk="Ветеринарлық дәрігерлерді қайта даярлау курсы",
        title_ru="Курс переподготовки ветеринарных врачей", trl=None, details={"hours": 72}),
        people=[w.people["head"]])
    w.caps["kaznu-clinic"] = services.capability_create(actor=None, unit=w.units["law"], data=dict(
        slug="ip-clinic", kind="service", title_en="Intellectual property legal clinic"))

    def user(name, org=None, role=None, **extra):
        u = django_user_model.objects.create_user(name, password=PASSWORD, email=f"{name}@example.kz", **extra)
        if org:
            membership_set(actor=None, user=u, organisation=w.orgs[org], role=role)
        w.users[name] = u
        return u

    user("platform_admin", is_superuser=True, is_staff=True)
    user("shakarim_admin", "shakarim", Role.ADMIN)
    user("shakarim_editor", "shakarim", Role.EDITOR)
    user("shakarim_member", "shakarim", Role.MEMBER)
    user("kaznu_editor", "kaznu", Role.EDITOR)
    user("enterprise_rep", "meat", Role.EDITOR, language="ru")
    return w


@pytest.fixture
def login(client):
    """Sign the test client in as a persona (or stay anonymous with None)."""

    def _login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _login


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; Django sends through it over SMTP."""
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    try:
        yield inbox
    finally:
        controller.stop()
