"""The dashboard, its exports, the PDF report and the open funnel API, with their permissions."""

import csv
import io

import pytest
from openpyxl import load_workbook

from kopir.accounts.services import api_token_create

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "platform_admin", "shakarim_admin", "shakarim_liaison", "kaznu_editor", "enterprise_rep",
            "official", "other_official"]
ALLOWED = {"platform_admin", "official", "other_official"}
YEAR = "?from=2025-01-01&to=2025-12-31"


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(cworld, login, persona):
    client = login(cworld.users.get(persona))
    expected = 200 if persona in ALLOWED else (302 if persona == "anonymous" else 403)
    urls = ["/en/insights/", "/kk/insights/?region=abai", "/en/insights/export/funnel.csv",
            "/en/insights/export/region.xlsx", "/en/insights/report.pdf"]
    assert [(u, client.get(u).status_code) for u in urls] == [(u, expected) for u in urls]


def test_unknown_exports_are_not_found(cworld, login):
    client = login(cworld.users["official"])
    assert client.get("/en/insights/export/secrets.csv").status_code == 404
    assert client.get("/en/insights/export/funnel.exe").status_code == 404


def test_dashboard_shows_the_figures(history, login, django_assert_max_num_queries):
    client = login(history.users["official"])
    with django_assert_max_num_queries(25):
        response = client.get("/en/insights/" + YEAR)
    body = response.content.decode()
    assert response.status_code == 200
    assert '<tr data-key="agreement_signed"><td>Agreement signed</td><td class="num">2</td></tr>' in body
    assert '<strong id="total-contract">15,000,000</strong>' in body
    assert "<svg" in body and "cdn" not in body.lower()
    assert "Секретная рецептура" not in body and "(confidential)" in body


@pytest.mark.parametrize("table", ["funnel", "region", "sector", "university", "enterprise", "labs", "unmatched",
                                   "monthly"])
def test_every_table_exports_to_xlsx_and_csv(history, login, table):
    client = login(history.users["official"])
    response = client.get(f"/en/insights/export/{table}.xlsx" + YEAR)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    response = client.get(f"/en/insights/export/{table}.csv" + YEAR)
    assert response["Content-Type"].startswith("text/csv")
    csv_rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(csv_rows) >= 2
    assert [str(c) for c in rows[0]] == csv_rows[0]


def test_exported_figures(history, login):
    client = login(history.users["official"])
    sheet = load_workbook(io.BytesIO(client.get("/en/insights/export/funnel.xlsx" + YEAR).content)).active
    assert dict(list(sheet.iter_rows(values_only=True))[1:]) == {
        "needs posted": 3, "needs with a good match": 1, "introduced": 3, "meeting held": 3, "proposal": 3,
        "agreement signed": 2, "in progress": 1, "implemented in production": 1, "closed": 1}
    sheet = load_workbook(io.BytesIO(client.get("/en/insights/export/university.xlsx" + YEAR).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("university", "started", "agreements signed", "implemented")
    assert [r[1:4] for r in rows[1:]] == [(2, 1, 1), (1, 1, 0)]


def test_pdf_report(history, login):
    response = login(history.users["official"]).get("/ru/insights/report.pdf" + YEAR + "&region=abai")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_funnel_api_is_open_data(history, client):
    response = client.get("/api/insights/funnel", {"from": "2025-01-01", "to": "2025-12-31", "region": "abai"})
    assert response.status_code == 200
    assert response.json() == {"needs": 2, "matched": 1, "introduced": 2, "meeting_held": 2, "proposal": 2,
                               "agreement_signed": 1, "in_progress": 1, "implemented": 1, "closed": 1}
    # Numbers only: nothing about the confidential need or the parties.
    assert "Секрет" not in response.content.decode() and "meat" not in response.content.decode()
    assert client.get("/api/insights/funnel").json()["needs"] == 4


def test_funnel_api_validates_and_authenticates(history, client):
    assert client.get("/api/insights/funnel", {"from": "yesterday"}).status_code == 422
    assert client.get("/api/insights/funnel", {"from": "2025-12-01", "to": "2025-01-01"}).status_code == 400
    assert client.get("/api/insights/funnel", headers={"Authorization": "Bearer kp_forged"}).status_code == 401
    _token, key = api_token_create(user=history.users["enterprise_rep"], name="ci")
    assert client.get("/api/insights/funnel", headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_api_errors_speak_the_callers_language(client):
    params = {"from": "2025-12-01", "to": "2025-01-01"}
    ru = client.get("/api/insights/funnel", params, HTTP_ACCEPT_LANGUAGE="ru")
    kk = client.get("/api/insights/funnel", params, HTTP_ACCEPT_LANGUAGE="kk")
    assert ru.status_code == kk.status_code == 400
    assert ru.json()["detail"] == "Дата «с» не может быть позже даты «по»."
    assert kk.json()["detail"] == "«Бастап» күні «дейін» күнінен кейін болмауы керек."
