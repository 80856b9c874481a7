"""Personas of the collaborations and insights tests, on top of ``world``.

``shakarim_liaison`` is the industry-liaison officer of Shakarim University,
``official`` a member of the akimat of Abai region (a government body),
``other_official`` a member of a ministry that follows nothing here, and
``kaznu_liaison`` a liaison officer of a university that is not a party.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def pdf(name="act.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cworld(world, django_user_model):
    """``world`` plus a liaison officer, an akimat with an official, a ministry, and a second enterprise."""
    from kopir.accounts.models import Role
    from kopir.accounts.services import membership_set
    from kopir.core.models import Region, Sector
    from kopir.directory import services

    abai = Region.objects.get(slug="abai")
    astana = Region.objects.get(slug="astana")
    w = world
    w.orgs["akimat"] = services.organisation_create(actor=None, data=dict(
        slug="abai-akimat", kind="government", name_ru="Акимат области Абай", region=abai))
    w.orgs["ministry"] = services.organisation_create(actor=None, data=dict(
        slug="ministry-science", kind="government", name_en="Ministry of Science", region=astana))
    w.orgs["dairy"] = services.organisation_create(actor=None, data=dict(
        slug="astana-dairy", kind="enterprise", name_en="Astana Dairy", region=astana,
        sector=Sector.objects.get(code="10")))

    def user(name, org, role, **extra):
        u = django_user_model.objects.create_user(name, password=PASSWORD, email=f"{name}@example.kz", **extra)
        membership_set(actor=None, user=u, organisation=w.orgs[org], role=role)
        w.users[name] = u
        return u

    user("shakarim_liaison", "shakarim", Role.LIAISON, language="kk")
    user("kaznu_liaison", "kaznu", Role.LIAISON)
    user("official", "akimat", Role.MEMBER, language="ru")
    user("other_official", "ministry", Role.MEMBER)
    user("dairy_editor", "dairy", Role.EDITOR)
    return w


@pytest.fixture
def collab(cworld):
    """A collaboration opened by hand by Shakarim's liaison officer with the meat plant, followed by the akimat."""
    from kopir.collaborations.services import collaboration_open

    return collaboration_open(
        actor=cworld.users["shakarim_liaison"], enterprise=cworld.orgs["meat"], unit=cworld.units["vet"],
        government=cworld.orgs["akimat"],
        title={"ru": "Контроль качества фарша", "en": "Quality control of minced meat"})


def advance(collaboration, actor, *stages, **kwargs):
    from kopir.collaborations.services import collaboration_move

    for stage in stages:
        collaboration_move(actor=actor, collaboration=collaboration, to_stage=stage, **kwargs)
    return collaboration
