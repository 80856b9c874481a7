"""The indicators against figures computed by hand on the ``history`` fixture.

Needs: N1 Abai 2025-01-10 good match; N2 Abai 2025-02-01 confidential, weak match;
N3 Astana 2025-03-01 no match; N4 Abai 2024-12-01 good match.
Collaborations: A meat×vet (need N1) introduced 2025-02-01 … agreement 2025-04-01 … implemented
2025-09-01, 10 M KZT, 12 trained, 1 product, 2 processes; B meat×vet introduced 2025-03-01, closed
2025-05-01; C dairy(Astana)×law introduced 2025-06-01, agreement 2025-08-01, 5 M KZT; D meat×vet
introduced 2024-11-01, proposal 2025-01-05.
"""

import datetime as dt

import pytest

from kopir.insights import selectors
from kopir.insights.selectors import Filters

pytestmark = pytest.mark.django_db
YEAR = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))


def test_funnel_in_2025(history):
    assert selectors.funnel(YEAR) == {
        "needs": 3, "matched": 1, "introduced": 3, "meeting_held": 3, "proposal": 3, "agreement_signed": 2,
        "in_progress": 1, "implemented": 1, "closed": 1}


def test_funnel_in_abai_2025(history):
    f = Filters(region="abai", date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31))
    assert selectors.funnel(f) == {
        "needs": 2, "matched": 1, "introduced": 2, "meeting_held": 2, "proposal": 2, "agreement_signed": 1,
        "in_progress": 1, "implemented": 1, "closed": 1}


def test_funnel_all_time_and_by_sector(history):
    assert selectors.funnel(Filters()) == {
        "needs": 4, "matched": 2, "introduced": 4, "meeting_held": 4, "proposal": 3, "agreement_signed": 2,
        "in_progress": 1, "implemented": 1, "closed": 1}
    # Every collaboration here is in food manufacturing (section C, division 10); none in agriculture (A).
    assert selectors.funnel(Filters(sector="C")) == selectors.funnel(Filters())
    assert set(selectors.funnel(Filters(sector="A")).values()) == {0}


def test_funnel_in_the_first_half_of_2025(history):
    f = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 6, 30))
    assert selectors.funnel(f) == {
        "needs": 3, "matched": 1, "introduced": 3, "meeting_held": 3, "proposal": 2, "agreement_signed": 1,
        "in_progress": 1, "implemented": 0, "closed": 1}


def test_durations(history):
    d = selectors.durations(YEAR, selectors.facts(YEAR))
    # A: 2025-02-01 → 2025-04-01 is 59 days; C: 2025-06-01 → 2025-08-01 is 61 days.
    assert d["introduction_to_agreement"] == {"count": 2, "median": 60.0, "mean": 60.0}
    if selectors._has_need_fk():
        # A's need N1 was posted on 2025-01-10: 81 days to the agreement.
        assert d["need_to_agreement"] == {"count": 1, "median": 81, "mean": 81.0}


def test_breakdowns(history):
    rows = selectors.facts(YEAR)
    by_region = {r["key"].slug: r for r in selectors.breakdown(YEAR, rows, "region")}
    assert by_region["abai"] == {**by_region["abai"], "started": 2, "agreements": 1, "implemented": 1, "closed": 1,
                                 "contract_value_kzt": 10_000_000, "people_trained": 12, "products": 1,
                                 "processes": 2}
    assert by_region["astana"] == {**by_region["astana"], "started": 1, "agreements": 1, "implemented": 0,
                                   "closed": 0, "contract_value_kzt": 5_000_000, "people_trained": 0}
    by_uni = selectors.breakdown(YEAR, rows, "university")
    assert [(r["key"].slug, r["started"], r["agreements"], r["implemented"]) for r in by_uni] == [
        ("shakarim", 2, 1, 1), ("kaznu", 1, 1, 0)]
    by_sector = selectors.breakdown(YEAR, rows, "sector")
    assert [(r["key"].code, r["started"]) for r in by_sector] == [("C", 3)]
    by_enterprise = {r["key"].slug: r["started"] for r in selectors.breakdown(YEAR, rows, "enterprise")}
    assert by_enterprise == {"abai-meat": 2, "astana-dairy": 1}
    assert selectors.totals(selectors.breakdown(YEAR, rows, "region"))["contract_value_kzt"] == 15_000_000


def test_active_labs(history):
    labs = selectors.active_labs(YEAR, selectors.facts(YEAR))
    assert [(r["unit"].slug, r["collaborations"], r["agreements"], r["implemented"]) for r in labs] == [
        ("vet-lab", 3, 1, 1), ("law-faculty", 1, 1, 0)]


def test_unmatched_needs_hide_confidential_titles(history):
    result = selectors.unmatched_needs(YEAR)
    assert result["count"] == 2
    assert [(r["need"].title_ru if r["need"] else None, r["confidential"]) for r in result["rows"]] == [
        (None, True), ("Анализ молока на антибиотики", False)]


def test_monthly_series(history):
    series = selectors.monthly(YEAR, selectors.facts(YEAR))
    assert len(series) == 12
    by_month = {s["month"].month: s for s in series}
    assert by_month[4]["agreements"] == 1 and by_month[8]["agreements"] == 1 and by_month[9]["implemented"] == 1
    assert sum(s["started"] for s in series) == 3


def test_dashboard_query_count_is_bounded(history, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        selectors.dashboard(YEAR)
