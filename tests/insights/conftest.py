"""A small history of needs and collaborations whose indicators are computed by hand in the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.collaborations.conftest import _media, collab, cworld  # noqa: F401,F811 (fixtures)

D = dt.date


def _need(org, *, title, created, region, sector, visibility="public", cosine=None, unit=None):
    from django.utils import timezone

    from kopir.matching.models import Match
    from kopir.needs.models import Need

    need = Need.objects.create(organisation=org, kind="testing", title_ru=title, region=region, sector=sector,
                               visibility=visibility, is_fictional=True)
    Need.objects.filter(pk=need.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(created, dt.time(10, 0))))
    if cosine is not None:
        Match.objects.create(need=need, unit=unit, lab=unit, entity=f"unit:{unit.pk}", score=cosine, cosine=cosine,
                             rank=1, is_strong=cosine >= 0.86)
    need.refresh_from_db()
    return need


def _collab(w, *, enterprise, unit, title, moves, outcomes=None, need=None):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kopir.collaborations import services

    (started, *rest) = moves
    extra = {"need": need} if need is not None and _has_need_fk() else {}
    c = services.collaboration_open(actor=None, enterprise=enterprise, unit=unit, title={"en": title},
                                    started_on=started[1], **extra)
    for stage, day, *kw in rest:
        kwargs = kw[0] if kw else {}
        if stage == "implemented":
            services.collaboration_document_add(actor=None, collaboration=c, kind="implementation_act",
                                                upload=SimpleUploadedFile("act.pdf", b"%PDF-1.4\n%%EOF\n"))
            services.collaboration_confirm_implementation(actor=None, collaboration=c)
        services.collaboration_move(actor=None, collaboration=c, to_stage=stage, happened_on=day, **kwargs)
    if outcomes:
        services.collaboration_outcomes_update(actor=None, collaboration=c, data=outcomes)
    return c


def _has_need_fk():
    from kopir.collaborations.models import Collaboration

    return any(f.name == "need" for f in Collaboration._meta.get_fields())


@pytest.fixture
def history(cworld):  # noqa: F811
    """Needs N1–N4 and collaborations A–D (dates in the tests' docstrings)."""
    from kopir.core.models import Region, Sector
    from kopir.matching.ranking import GOOD_COSINE

    w = cworld
    abai, astana = Region.objects.get(slug="abai"), Region.objects.get(slug="astana")
    food = Sector.objects.get(code="10")
    vet, law = w.units["vet"], w.units["law"]
    n = {
        "N1": _need(w.orgs["meat"], title="Экспресс-анализ фарша", created=D(2025, 1, 10), region=abai, sector=food,
                    cosine=GOOD_COSINE + 0.2, unit=vet),
        "N2": _need(w.orgs["meat"], title="Секретная рецептура", created=D(2025, 2, 1), region=abai, sector=food,
                    visibility="confidential", cosine=GOOD_COSINE - 0.1, unit=vet),
        "N3": _need(w.orgs["dairy"], title="Анализ молока на антибиотики", created=D(2025, 3, 1), region=astana,
                    sector=food),
        "N4": _need(w.orgs["meat"], title="Обучение технологов", created=D(2024, 12, 1), region=abai, sector=food,
                    cosine=GOOD_COSINE + 0.15, unit=vet),
    }
    c = {
        "A": _collab(w, enterprise=w.orgs["meat"], unit=vet, title="Rapid minced meat testing", need=n["N1"], moves=[
            ("introduced", D(2025, 2, 1)), ("meeting_held", D(2025, 2, 20)), ("proposal", D(2025, 3, 10)),
            ("agreement_signed", D(2025, 4, 1)), ("in_progress", D(2025, 4, 15)), ("implemented", D(2025, 9, 1))],
            outcomes={"contract_value_kzt": 10_000_000, "people_trained": 12, "products_introduced": 1,
                      "processes_introduced": 2}),
        "B": _collab(w, enterprise=w.orgs["meat"], unit=vet, title="Cold chain audit", moves=[
            ("introduced", D(2025, 3, 1)), ("meeting_held", D(2025, 3, 15)),
            ("closed", D(2025, 5, 1), {"reason": "no_budget"})]),
        "C": _collab(w, enterprise=w.orgs["dairy"], unit=law, title="Dairy trademark licensing", moves=[
            ("introduced", D(2025, 6, 1)), ("meeting_held", D(2025, 6, 10)), ("proposal", D(2025, 7, 1)),
            ("agreement_signed", D(2025, 8, 1))], outcomes={"contract_value_kzt": 5_000_000}),
        "D": _collab(w, enterprise=w.orgs["meat"], unit=vet, title="Halal certification support", moves=[
            ("introduced", D(2024, 11, 1)), ("meeting_held", D(2024, 12, 1)), ("proposal", D(2025, 1, 5))]),
    }
    w.needs, w.collabs = n, c
    return w
