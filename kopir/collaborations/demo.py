"""Demo collaborations (``kopir demo load``): every stage, dates over the last 18 months, outcomes.

The titles and notes are fictional and the project's own; the organisations and
units come from the directory demo. Dates are drawn from a fixed seed, relative
to the day the demo is loaded, so the dashboard always has a recent history.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from kopir.collaborations import services
from kopir.collaborations.models import Collaboration, Stage
from kopir.collaborations.transitions import ORDER

# enterprise, unit, final stage, titles {lang: text}, outcomes (contract KZT, trained, products, processes)
ROWS = [
    ("abai-meat-plant", "shakarim-meat-lab", Stage.IMPLEMENTED,
     {"ru": "Снижение потерь при созревании говядины", "en": "Cutting weight loss in beef ageing",
      "kk": "Сиыр етін жетілдіру кезіндегі шығынды азайту"}, (18_500_000, 6, 1, 2)),
    ("abai-meat-plant", "shakarim-vet-lab", Stage.IMPLEMENTED,
     {"ru": "Экспресс-контроль туш на входе", "en": "Rapid carcass checks at intake"}, (7_200_000, 14, 0, 1)),
    ("abai-meat-plant", "shakarim-continuing-ed", Stage.IMPLEMENTED,
     {"ru": "Переподготовка мастеров убойного цеха", "en": "Retraining slaughter-line supervisors",
      "kk": "Сою цехы шеберлерін қайта даярлау"}, (3_100_000, 38, 0, 1)),
    ("irtysh-dairy", "shakarim-dairy-lab", Stage.IMPLEMENTED,
     {"ru": "Кисломолочный продукт с местной закваской", "en": "A fermented milk drink on a local starter"},
     (24_000_000, 9, 2, 1)),
    ("kostanay-grain", "shakarim-grain-lab", Stage.IMPLEMENTED,
     {"ru": "Экспресс-оценка клейковины зерна", "en": "Quick gluten grading of incoming grain"},
     (9_800_000, 5, 0, 1)),
    ("semey-engineering", "shakarim-welding-lab", Stage.IMPLEMENTED,
     {"ru": "Технология сварки корпусов насосов", "en": "A welding procedure for pump housings",
      "kk": "Сорғы корпустарын дәнекерлеу технологиясы"}, (31_000_000, 12, 1, 1)),
    ("karaganda-testing", "kaznu-spectro-lab", Stage.IMPLEMENTED,
     {"ru": "Методика спектрального анализа сплавов", "en": "A spectral method for alloy grading"},
     (12_400_000, 4, 0, 1)),
    ("abai-meat-plant", "shakarim-food-safety-centre", Stage.IN_PROGRESS,
     {"ru": "План ХАССП для колбасного цеха", "en": "A HACCP plan for the sausage shop"}, (5_600_000, 0, 0, 0)),
    ("shyngys-agro", "shakarim-agronomy-lab", Stage.IN_PROGRESS,
     {"ru": "Подбор сортов ячменя для засушливых полей", "en": "Barley varieties for dry fields",
      "kk": "Құрғақ алқаптарға арпа сорттарын іріктеу"}, (8_000_000, 0, 0, 0)),
    ("emc", "shakarim-energy-lab", Stage.IN_PROGRESS,
     {"ru": "Учёт потерь в сетях 10 кВ", "en": "Tracking losses on 10 kV lines"}, (15_000_000, 0, 0, 0)),
    ("dala-data", "kaznu-data-lab", Stage.IN_PROGRESS,
     {"ru": "Модель прогноза спроса для ритейла", "en": "A demand forecasting model for retail"},
     (6_500_000, 3, 0, 0)),
    ("altai-mining-equipment", "shakarim-materials-lab", Stage.AGREEMENT_SIGNED,
     {"ru": "Износостойкая наплавка ковшей", "en": "Wear-resistant hardfacing of buckets"}, (11_000_000, 0, 0, 0)),
    ("steppe-pharm-lab", "kaznu-molbio-lab", Stage.AGREEMENT_SIGNED,
     {"ru": "Валидация ПЦР-набора", "en": "Validating a PCR test kit"}, (4_300_000, 0, 0, 0)),
    ("pavlodar-agro-service", "shakarim-soil-water-lab", Stage.AGREEMENT_SIGNED,
     {"ru": "Картирование засолённости почв", "en": "Mapping soil salinity"}, (2_900_000, 0, 0, 0)),
    ("spektromart", "kaznu-materials-lab", Stage.PROPOSAL,
     {"ru": "Покрытия для оптических окон", "en": "Coatings for optical windows"}, None),
    ("irtysh-dairy", "kazniippp-dairy-lab", Stage.PROPOSAL,
     {"ru": "Срок годности творога без консервантов", "en": "Shelf life of cottage cheese without preservatives"},
     None),
    ("kostanay-grain", "kaznu-gis-lab", Stage.PROPOSAL,
     {"ru": "Спутниковый мониторинг посевов", "en": "Satellite monitoring of crops"}, None),
    ("abai-meat-plant", "shakarim-data-lab", Stage.MEETING_HELD,
     {"ru": "Прослеживаемость партий мяса", "en": "Traceability of meat batches",
      "kk": "Ет партияларын қадағалау"}, None),
    ("semey-engineering", "shakarim-additive-lab", Stage.MEETING_HELD,
     {"ru": "Печать запасных частей из металла", "en": "Printing metal spare parts"}, None),
    ("emc", "kaznu-cyber-lab", Stage.MEETING_HELD,
     {"ru": "Аудит защищённости АСУ ТП", "en": "A security review of plant control systems"}, None),
    ("shyngys-agro", "shakarim-vet-pcr-lab", Stage.INTRODUCED,
     {"ru": "Скрининг стада на бруцеллёз", "en": "Herd screening for brucellosis"}, None),
    ("dala-data", "shakarim-data-lab", Stage.INTRODUCED,
     {"ru": "Стажировки аналитиков данных", "en": "Internships for data analysts"}, None),
    ("steppe-pharm-lab", "kazniippp-testing-centre", Stage.INTRODUCED,
     {"ru": "Испытания упаковки на герметичность", "en": "Leak testing of packaging"}, None),
    ("karaganda-testing", "shakarim-materials-lab", Stage.CLOSED,
     {"ru": "Ультразвуковой контроль труб", "en": "Ultrasonic testing of pipes"}, None),
    ("altai-mining-equipment", "kaznu-materials-lab", Stage.CLOSED,
     {"ru": "Керамические вставки для дробилок", "en": "Ceramic inserts for crushers"}, None),
    ("pavlodar-agro-service", "shakarim-agronomy-lab", Stage.CLOSED,
     {"ru": "Капельный полив на малых фермах", "en": "Drip irrigation on small farms"}, None),
]

NOTES = {
    Stage.MEETING_HELD: {"ru": "Встреча на площадке предприятия, согласованы задачи.",
                         "en": "Met on site; agreed on the tasks."},
    Stage.PROPOSAL: {"ru": "Лаборатория направила коммерческое предложение.",
                     "en": "The lab sent a priced proposal."},
    Stage.AGREEMENT_SIGNED: {"ru": "Договор подписан обеими сторонами.", "en": "Both sides signed the contract."},
    Stage.IN_PROGRESS: {"ru": "Работы начаты по графику.", "en": "Work started on schedule."},
    Stage.IMPLEMENTED: {"ru": "Результат внедрён, подписан акт внедрения.",
                        "en": "The result runs in production; the act is signed."},
}
CLOSE_REASONS = ["no_budget", "unresponsive", "solved_elsewhere"]
DOCUMENT_FOR = {Stage.MEETING_HELD: "protocol", Stage.AGREEMENT_SIGNED: "agreement",
                Stage.IMPLEMENTED: "implementation_act"}


def _pdf(title: str) -> bytes:
    """A small valid one-page PDF with a title line, written by hand (no fonts embedded)."""
    text = title.encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _path(final: str, closed_from: str | None) -> list[str]:
    if final == Stage.CLOSED:
        return ORDER[1:ORDER.index(closed_from) + 1] + [Stage.CLOSED]
    return ORDER[1:ORDER.index(final) + 1]


def load(progress: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    from kopir.accounts.models import User
    from kopir.directory.models import Organisation, Unit

    if Collaboration.objects.exists():
        return {"collaborations": 0}
    rng = random.Random(20250917)
    today = timezone.localdate()
    orgs = {o.slug: o for o in Organisation.objects.all()}
    units = {u.slug: u for u in Unit.objects.select_related("organisation")}
    users = {u.username: u for u in User.objects.filter(username__in=[
        "shakarim-liaison", "kaznu-liaison", "meat-plant-editor", "akimat-abai-official"])}
    akimat = orgs.get("akimat-abai")
    count = 0
    for i, (ent_slug, unit_slug, final, title, outcomes) in enumerate(ROWS):
        enterprise, unit = orgs.get(ent_slug), units.get(unit_slug)
        if enterprise is None or unit is None:
            continue
        closed_from = rng.choice([Stage.MEETING_HELD, Stage.PROPOSAL, Stage.AGREEMENT_SIGNED]) \
            if final == Stage.CLOSED else None
        path = _path(final, closed_from)
        # Finished ones started earlier; the dates are spread across the last 18 months.
        span = 45 * len(path) + 30
        start = today - dt.timedelta(days=rng.randint(max(span, 20), 540) if final != Stage.INTRODUCED
                                     else rng.randint(5, 70))
        owner = users.get("kaznu-liaison") if unit.organisation.slug == "kaznu" else users.get("shakarim-liaison")
        government = akimat if enterprise.region_id and akimat and enterprise.region_id == akimat.region_id else None
        with transaction.atomic():
            c = services.collaboration_open(
                actor=None, enterprise=enterprise, unit=unit, title=title, government=government, owner=owner,
                started_on=start, is_fictional=True,
                summary={"ru": "Учебный пример для демонстрации платформы.",
                         "en": "A fictional example for the demo."})
            day = start
            for stage in path:
                remaining = (today - day).days
                step = min(rng.randint(12, 70), max(remaining // 2, 1))
                day = min(day + dt.timedelta(days=step), today)
                if stage == Stage.IMPLEMENTED:
                    services.collaboration_document_add(
                        actor=None, collaboration=c, kind="implementation_act",
                        upload=SimpleUploadedFile("implementation-act.pdf", _pdf(title["en"])))
                    services.collaboration_confirm_implementation(actor=None, collaboration=c)
                    confirmer = users.get("meat-plant-editor") if ent_slug == "abai-meat-plant" else None
                    Collaboration.objects.filter(pk=c.pk).update(enterprise_confirmed_by=confirmer)
                docs = []
                if stage in DOCUMENT_FOR and stage != Stage.IMPLEMENTED:
                    docs = [(DOCUMENT_FOR[stage], SimpleUploadedFile(f"{DOCUMENT_FOR[stage]}.pdf",
                                                                     _pdf(title["en"])))]
                note = NOTES.get(stage, {}).get("ru" if i % 2 else "en", "")
                reason = CLOSE_REASONS[i % len(CLOSE_REASONS)] if stage == Stage.CLOSED else ""
                services.collaboration_move(actor=None, collaboration=c, to_stage=stage, happened_on=day,
                                            note=note, reason=reason, documents=docs)
            if outcomes:
                value, trained, products, processes = outcomes
                services.collaboration_outcomes_update(actor=None, collaboration=c, data={
                    "contract_value_kzt": value, "people_trained": trained, "products_introduced": products,
                    "processes_introduced": processes})
            if final == Stage.IMPLEMENTED and government is not None and i % 2 == 0:
                services.collaboration_countersign(actor=None, collaboration=c)
                Collaboration.objects.filter(pk=c.pk).update(countersigned_by=users.get("akimat-abai-official"))
            # The last activity is the last stage's day, so quiet collaborations show as stale.
            last = timezone.make_aware(dt.datetime.combine(day, dt.time(11, 0)))
            Collaboration.objects.filter(pk=c.pk).update(last_activity_at=last)
        count += 1
    services.collaborations_flag_stale()
    progress(f"collaborations: {count}")
    return {"collaborations": count}
