"""Read-only figures for officials: the funnel from needs to implementations, times,
breakdowns by region, sector, university and enterprise, unmatched needs, active labs.

Counting rules (the dashboard's footnote says the same):

* a period filters by the date of each event: needs by the day they were posted,
  collaborations by the day they reached a stage (the first time), closes by the
  day they were closed (of those that are closed now);
* the contract value counts at the day the agreement was signed; people trained,
  products and processes at the day the result was implemented;
* region and sector are the collaboration's (by default the enterprise's region
  and the lab's sector); a sector filter takes an OKED section or division.

Every function here runs a fixed number of queries whatever the data, so the
dashboard's cost is bounded (tested).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Min, Q

from kopir.collaborations.models import Collaboration, Stage
from kopir.core.i18n import TranslatedValue

FUNNEL_KEYS = ("needs", "matched", "introduced", "meeting_held", "proposal", "agreement_signed", "in_progress",
               "implemented", "closed")
STAGE_KEYS = ("introduced", "meeting_held", "proposal", "agreement_signed", "in_progress", "implemented")


@dataclass(frozen=True)
class Filters:
    region: str = ""           # region slug
    sector: str = ""           # OKED section letter or division code
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def in_period(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        if self.date_from and day < self.date_from:
            return False
        return not (self.date_to and day > self.date_to)

    def as_query(self) -> dict:
        return {"region": self.region, "sector": self.sector,
                "from": self.date_from.isoformat() if self.date_from else "",
                "to": self.date_to.isoformat() if self.date_to else ""}


@dataclass
class Fact:
    """One collaboration with the first day it reached each stage."""

    pk: int
    title: TranslatedValue
    stage: str
    reached: dict
    closed_on: dt.date | None
    need_posted: dt.date | None
    region: object
    section: object
    university: object
    enterprise: object
    unit: object
    contract_value_kzt: int | None
    people_trained: int
    products: int
    processes: int
    extra: dict = field(default_factory=dict)

    def active_in(self, f: Filters) -> bool:
        return any(f.in_period(d) for d in self.reached.values()) or f.in_period(self.closed_on)


def _sector_q(prefix: str, code: str) -> Q:
    return Q(**{f"{prefix}sector__code": code}) | Q(**{f"{prefix}sector__parent__code": code})


def _collab_qs(f: Filters):
    qs = Collaboration.objects.all()
    if f.region:
        qs = qs.filter(region__slug=f.region)
    if f.sector:
        qs = qs.filter(_sector_q("", f.sector))
    return qs


def facts(f: Filters) -> list[Fact]:
    """Every collaboration in the region and sector, with its stage dates (one query)."""
    aggregates = {f"r_{s}": Min("events__happened_on", filter=Q(events__to_stage=s)) for s in STAGE_KEYS}
    aggregates["r_closed"] = Max("events__happened_on", filter=Q(events__to_stage=Stage.CLOSED))
    qs = (_collab_qs(f).annotate(**aggregates)
          .select_related("region", "sector", "sector__parent", "university", "enterprise", "unit", *_need_related())
          .order_by("pk"))
    rows = []
    for c in qs:
        need = getattr(c, "need", None) if _has_need_fk() else None
        section = c.sector.parent if c.sector and c.sector.parent_id else c.sector
        rows.append(Fact(
            pk=c.pk, title=c.title, stage=c.stage,
            reached={s: getattr(c, f"r_{s}") for s in STAGE_KEYS if getattr(c, f"r_{s}")},
            closed_on=c.r_closed if c.stage == Stage.CLOSED else None,
            need_posted=need.created_at.date() if need is not None else None,
            region=c.region, section=section, university=c.university, enterprise=c.enterprise, unit=c.unit,
            contract_value_kzt=c.contract_value_kzt, people_trained=c.people_trained,
            products=c.products_introduced, processes=c.processes_introduced,
        ))
    return rows


def _has_need_fk() -> bool:
    return any(f.name == "need" for f in Collaboration._meta.get_fields())


def _need_related() -> list[str]:
    return ["need"] if _has_need_fk() else []


def _needs_qs(f: Filters):
    """The needs in the filters' region, sector and period, or None where the needs app is absent."""
    try:
        from kopir.needs.models import Need
    except ImportError:  # pragma: no cover - the needs app is part of kopir
        return None
    qs = Need.objects.all()
    if f.region:
        qs = qs.filter(Q(region__slug=f.region) | Q(region__isnull=True, organisation__region__slug=f.region))
    if f.sector:
        qs = qs.filter(_sector_q("", f.sector) | (Q(sector__isnull=True) & _sector_q("organisation__", f.sector)))
    if f.date_from:
        qs = qs.filter(created_at__date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(created_at__date__lte=f.date_to)
    return qs


def _unmatched(qs):
    try:
        from kopir.matching.selectors import unmatched_needs
    except ImportError:  # pragma: no cover
        return qs
    return unmatched_needs(qs)


def funnel(f: Filters, rows: list[Fact] | None = None) -> dict[str, int]:
    """Counts per stage: needs posted, needs with a good match, and collaborations reaching each stage."""
    rows = facts(f) if rows is None else rows
    needs_qs = _needs_qs(f)
    if needs_qs is None:
        needs = matched = 0
    else:
        needs = needs_qs.count()
        matched = needs - _unmatched(needs_qs).count()
    result = {"needs": needs, "matched": matched}
    for stage in STAGE_KEYS:
        result[stage] = sum(1 for r in rows if f.in_period(r.reached.get(stage)))
    result["closed"] = sum(1 for r in rows if f.in_period(r.closed_on))
    return result


def _stats(days: list[int]) -> dict:
    if not days:
        return {"count": 0, "median": None, "mean": None}
    return {"count": len(days), "median": statistics.median(days), "mean": round(sum(days) / len(days), 1)}


def durations(f: Filters, rows: list[Fact]) -> dict:
    """Days to an agreement signed in the period: from the need (when there is one) and from the introduction."""
    from_need, from_intro = [], []
    for r in rows:
        agreed = r.reached.get("agreement_signed")
        if not f.in_period(agreed):
            continue
        if r.reached.get("introduced"):
            from_intro.append((agreed - r.reached["introduced"]).days)
        if r.need_posted:
            from_need.append((agreed - r.need_posted).days)
    return {"need_to_agreement": _stats(from_need), "introduction_to_agreement": _stats(from_intro)}


BREAKDOWNS = ("region", "sector", "university", "enterprise")


def breakdown(f: Filters, rows: list[Fact], by: str) -> list[dict]:
    """Per region, sector (OKED section), university or enterprise: started, agreements, implemented, outcomes."""
    attr = {"region": "region", "sector": "section", "university": "university", "enterprise": "enterprise"}[by]
    table: dict = {}
    for r in rows:
        key_obj = getattr(r, attr)
        key = key_obj.pk if key_obj is not None else None
        row = table.get(key)
        if row is None:
            row = table[key] = {"key": key_obj, "started": 0, "agreements": 0, "implemented": 0, "closed": 0,
                                "contract_value_kzt": 0, "people_trained": 0, "products": 0, "processes": 0}
        started = f.in_period(r.reached.get("introduced"))
        agreed = f.in_period(r.reached.get("agreement_signed"))
        implemented = f.in_period(r.reached.get("implemented"))
        row["started"] += started
        row["agreements"] += agreed
        row["implemented"] += implemented
        row["closed"] += f.in_period(r.closed_on)
        if agreed:
            row["contract_value_kzt"] += r.contract_value_kzt or 0
        if implemented:
            row["people_trained"] += r.people_trained
            row["products"] += r.products
            row["processes"] += r.processes
    rows_out = [row for row in table.values()
                if row["started"] or row["agreements"] or row["implemented"] or row["closed"]]
    rows_out.sort(key=lambda row: (-row["implemented"], -row["agreements"], -row["started"], str(row["key"] or "")))
    return rows_out


def totals(rows: list[dict]) -> dict:
    keys = ("started", "agreements", "implemented", "closed", "contract_value_kzt", "people_trained", "products",
            "processes")
    return {k: sum(r[k] for r in rows) for k in keys}


def active_labs(f: Filters, rows: list[Fact], limit: int = 10) -> list[dict]:
    """The labs with the most collaborations active in the period (implemented, then agreements first)."""
    by_unit: dict = defaultdict(lambda: Counter())
    units = {}
    for r in rows:
        if not r.active_in(f):
            continue
        units[r.unit.pk] = (r.unit, r.university)
        counter = by_unit[r.unit.pk]
        counter["collaborations"] += 1
        counter["agreements"] += f.in_period(r.reached.get("agreement_signed"))
        counter["implemented"] += f.in_period(r.reached.get("implemented"))
    ranked = sorted(by_unit.items(), key=lambda kv: (-kv[1]["implemented"], -kv[1]["agreements"],
                                                     -kv[1]["collaborations"], kv[0]))
    return [{"unit": units[pk][0], "university": units[pk][1], **dict(c)} for pk, c in ranked[:limit]]


def unmatched_needs(f: Filters, limit: int = 50) -> dict:
    """Open needs in the filters with no good match; confidential ones only by kind, sector and region."""
    qs = _needs_qs(f)
    if qs is None:
        return {"count": 0, "rows": []}
    from kopir.needs.models import Need

    qs = _unmatched(qs.filter(status=Need.Status.OPEN))
    count = qs.count()
    rows = []
    for need in qs.select_related("organisation", "sector", "region").order_by("created_at", "pk")[:limit]:
        confidential = need.visibility != Need.Visibility.PUBLIC
        rows.append({"need": None if confidential else need, "kind": need.get_kind_display(),
                     "sector": need.sector, "region": need.region or need.organisation.region,
                     "posted": need.created_at.date(), "confidential": confidential})
    return {"count": count, "rows": rows}


def monthly(f: Filters, rows: list[Fact], today: dt.date | None = None) -> list[dict]:
    """Agreements and implementations per month over the period (the last 18 months by default)."""
    from django.utils import timezone

    end = f.date_to or today or timezone.localdate()
    start = f.date_from if f.date_from else _add_months(dt.date(end.year, end.month, 1), -17)
    start = dt.date(start.year, start.month, 1)
    months = []
    cursor = start
    while cursor <= end and len(months) < 60:
        months.append(cursor)
        cursor = _add_months(cursor, 1)
    index = {(m.year, m.month): i for i, m in enumerate(months)}
    series = [{"month": m, "agreements": 0, "implemented": 0, "started": 0} for m in months]
    for r in rows:
        for key, stage in (("agreements", "agreement_signed"), ("implemented", "implemented"),
                           ("started", "introduced")):
            day = r.reached.get(stage)
            if day and f.in_period(day) and (day.year, day.month) in index:
                series[index[(day.year, day.month)]][key] += 1
    return series


def _add_months(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 + n
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def dashboard(f: Filters) -> dict:
    """Everything the dashboard, the exports and the PDF report show."""
    rows = facts(f)
    tables = {by: breakdown(f, rows, by) for by in BREAKDOWNS}
    return {
        "filters": f,
        "funnel": funnel(f, rows),
        "durations": durations(f, rows),
        "tables": tables,
        "totals": totals(tables["region"]),
        "labs": active_labs(f, rows),
        "unmatched": unmatched_needs(f),
        "monthly": monthly(f, rows),
    }
